"""The store's tables, in SQLAlchemy Core, so that SQLite (the default) and PostgreSQL share them.

* ``articles``: one row per article (id = content hash), its metadata and text, the ``sourcing``
  summary (JSON), the ``schema_version`` of its records, a ``digest`` of the whole ledger (to tell
  a re-write of the same analysis from a new one) and ``analyzed_at`` (UTC).
* one table per record kind (``entities``, ``attributions``, ``times``, ``figures``, ``places``,
  ``events``): ``article_id`` + ``position`` (the record's index in its Ledger, which keeps the
  order) as key, the record ``id``, a few flattened columns to filter and sort on, the record's
  ``voice``, and ``record``: the full record as JSON (:func:`newsledger.model.to_json_dict`), which
  is what a Ledger is rebuilt from. The flattened columns are a convenience and can be added to
  without touching the record types.
* ``errors``: inputs that could not be read or analysed (origin, reason, at).

The flattened columns of each kind are declared once, in :data:`RECORD_COLUMNS`, as (name, type,
getter); the tables and :func:`flatten` (used by the writer and by the exports) both follow it.

Example::

    >>> from newsledger.model import Span, TimeExpr
    >>> flatten("times", TimeExpr("tim-1", Span(0, 4, "1992"), "DATE", "1992"))["value"]
    '1992'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from newsledger.model import RECORD_KINDS, Ledger, Span, to_json_dict

JSONType = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

Getter = Callable[[Any], Any]
ColumnSpec = tuple[str, sa.types.TypeEngine, Getter]


def _ref(field: str, attr: str) -> Getter:
    """Getter for ``record.<field>.<attr>``, None when the field is None (an absent speaker, ...)."""

    def get(record: Any) -> Any:
        value = getattr(record, field)
        return getattr(value, attr) if value is not None else None

    return get


def _span_texts(field: str) -> Getter:
    """Getter joining the texts of a tuple of spans (an attribution's content) with " … "."""

    def get(record: Any) -> str:
        spans: tuple[Span, ...] = getattr(record, field)
        return " … ".join(span.text for span in spans)

    return get


def _range_end(index: int) -> Getter:
    def get(record: Any) -> float | None:
        return record.value_range[index] if record.value_range else None

    return get


def _attr(name: str) -> Getter:
    return lambda record: getattr(record, name)


_SPAN_COLUMNS: tuple[ColumnSpec, ...] = (
    ("span_start", sa.Integer(), _ref("span", "start")),
    ("span_end", sa.Integer(), _ref("span", "end")),
    ("span_text", sa.Text(), _ref("span", "text")),
)

RECORD_COLUMNS: dict[str, tuple[ColumnSpec, ...]] = {
    "entities": (
        ("name", sa.Text(), _attr("name")),
        ("type", sa.Text(), _attr("type")),
        ("country", sa.Text(), _attr("country")),
        ("sector", sa.Text(), _attr("sector")),
        ("title", sa.Text(), _attr("title")),
        ("mention_count", sa.Integer(), lambda e: len(e.mentions)),
    ),
    "attributions": (
        ("kind", sa.Text(), _attr("kind")),
        ("stance", sa.Text(), _attr("stance")),
        ("cue_lemma", sa.Text(), _attr("cue_lemma")),
        ("cue_text", sa.Text(), _ref("cue", "text")),
        ("speaker_name", sa.Text(), _ref("speaker", "name")),
        ("speaker_entity", sa.String(64), _ref("speaker", "entity")),
        ("speaker_country", sa.Text(), _ref("speaker", "country")),
        ("content", sa.Text(), _span_texts("content")),
    ),
    "times": (
        *_SPAN_COLUMNS,
        ("type", sa.Text(), _attr("type")),
        ("value", sa.Text(), _attr("value")),
        ("mod", sa.Text(), _attr("mod")),
        ("anchored", sa.Boolean(), _attr("anchored")),
    ),
    "figures": (
        *_SPAN_COLUMNS,
        ("value", sa.Float(), _attr("value")),
        ("value_low", sa.Float(), _range_end(0)),
        ("value_high", sa.Float(), _range_end(1)),
        ("approx", sa.Boolean(), _attr("approx")),
        ("unit", sa.Text(), _attr("unit")),
        ("concept", sa.Text(), _attr("concept")),
        ("category", sa.Text(), _attr("category")),
    ),
    "places": (
        *_SPAN_COLUMNS,
        ("name", sa.Text(), _attr("name")),
        ("country", sa.Text(), _attr("country")),
        ("lat", sa.Float(), _attr("lat")),
        ("lon", sa.Float(), _attr("lon")),
        ("geonameid", sa.BigInteger(), _attr("geonameid")),
        ("feature", sa.Text(), _attr("feature")),
        ("metonymic", sa.Boolean(), _attr("metonymic")),
    ),
    "events": (
        ("event", sa.Text(), _attr("event")),
        ("mode", sa.Text(), _attr("mode")),
        ("modality", sa.Text(), _attr("modality")),
        ("trigger_text", sa.Text(), _ref("trigger", "text")),
        ("date_value", sa.Text(), _ref("date", "value")),
        ("actor", sa.Text(), _ref("actor", "name")),
        ("actor_entity", sa.String(64), _ref("actor", "entity")),
        ("actor_country", sa.Text(), _ref("actor", "country")),
        ("recipient", sa.Text(), _ref("recipient", "name")),
        ("recipient_entity", sa.String(64), _ref("recipient", "entity")),
        ("recipient_country", sa.Text(), _ref("recipient", "country")),
        ("place_name", sa.Text(), _ref("place", "name")),
    ),
}
"""Record kind -> its flattened columns: (column name, SQL type, getter from the record)."""

# Columns worth an index: what the web and the corpus views filter on.
_INDEXED: dict[str, tuple[str, ...]] = {
    "entities": ("name", "country"),
    "attributions": ("speaker_name", "speaker_entity", "kind", "stance"),
    "times": ("value",),
    "figures": ("category",),
    "places": ("geonameid", "country", "lat", "lon"),
    "events": ("event", "date_value", "actor_country", "recipient_country"),
}

metadata = sa.MetaData()

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("title", sa.Text()),
    sa.Column("url", sa.Text()),
    sa.Column("source", sa.Text()),
    sa.Column("author", sa.Text()),
    sa.Column("published", sa.String(10), index=True),
    sa.Column("origin", sa.Text()),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("sourcing", JSONType),
    sa.Column("schema_version", sa.Integer(), nullable=False),
    sa.Column("digest", sa.String(64), nullable=False),
    sa.Column("analyzed_at", sa.DateTime(timezone=True), nullable=False),
)


def _record_table(kind: str) -> sa.Table:
    columns = [sa.Column(name, type_) for name, type_, _ in RECORD_COLUMNS[kind]]
    return sa.Table(
        kind,
        metadata,
        sa.Column(
            "article_id",
            sa.String(64),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("position", sa.Integer(), primary_key=True),
        sa.Column("id", sa.String(64), nullable=False),
        *columns,
        sa.Column("voice", sa.String(64), nullable=False),
        sa.Column("record", JSONType, nullable=False),
        *(sa.Index(f"ix_{kind}_{name}", name) for name in _INDEXED.get(kind, ())),
    )


record_tables: dict[str, sa.Table] = {kind: _record_table(kind) for kind in RECORD_KINDS}
"""Record kind (the Ledger field name) -> its table, in extraction order."""

errors = sa.Table(
    "errors",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
    sa.Column("origin", sa.Text(), nullable=False),
    sa.Column("reason", sa.Text(), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)

SEARCH_TABLE = "search_index"
SEARCH_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {SEARCH_TABLE} USING fts5("
    "article_id UNINDEXED, kind UNINDEXED, record_id UNINDEXED, title, body, "
    "tokenize = 'porter unicode61 remove_diacritics 2')"
)
"""SQLite FTS5 index over article title + text (kind 'article') and attribution speaker + content
(kind 'attribution'); stemmed (Porter) and accent-insensitive. Kept in sync by Store.write."""


TEXT_SEARCH_CONFIG = "english"
"""PostgreSQL's text-search configuration: stemmed English (Snowball) like the SQLite index's Porter
stemmer; accents are kept (``unaccent`` is an extension a server may not allow)."""

PG_SEARCH_DOCUMENTS = {
    "article": ("articles", "coalesce(title, '') || ' ' || text"),
    "attribution": ("attributions", "coalesce(speaker_name, '') || ' ' || coalesce(content, '')"),
}
"""What PostgreSQL searches, as the SQLite index does: each article's title and text, each
attribution's speaker and content. Table and SQL expression per kind of hit."""


def pg_search_vector(kind: str) -> str:
    """The ``tsvector`` expression of one kind of hit, over its own table's columns; its GIN index is
    built on the same expression, so that the planner uses it."""
    _, document = PG_SEARCH_DOCUMENTS[kind]
    return f"to_tsvector('{TEXT_SEARCH_CONFIG}', {document})"


def pg_search_indexes() -> dict[str, str]:
    """Index name -> DDL of the GIN indexes behind PostgreSQL search."""
    return {
        f"{table}_fulltext": f"CREATE INDEX IF NOT EXISTS {table}_fulltext ON {table} "
        f"USING GIN ({pg_search_vector(kind)})"
        for kind, (table, _) in PG_SEARCH_DOCUMENTS.items()
    }


def flatten(kind: str, record: Any) -> dict[str, Any]:
    """The flattened columns of one record of ``kind`` (without article_id, position, id, voice)."""
    return {name: get(record) for name, _, get in RECORD_COLUMNS[kind]}


def ledger_rows(ledger: Ledger, digest: str, analyzed_at: dt.datetime) -> dict[str, list[dict[str, Any]]]:
    """The rows one Ledger makes in each table, JSON columns as Python values.

    The one definition of a ledger's rows: the store writes them, the Parquet shards of a scaled-out
    run (:mod:`newsledger.scale.shards`) write them with the JSON columns as text.
    """
    article = ledger.article
    rows: dict[str, list[dict[str, Any]]] = {
        "articles": [
            {
                "id": article.id,
                "title": article.title,
                "url": article.url,
                "source": article.source,
                "author": article.author,
                "published": article.published,
                "origin": article.origin,
                "text": article.text,
                "sourcing": to_json_dict(ledger.sourcing),
                "schema_version": ledger.schema_version,
                "digest": digest,
                "analyzed_at": analyzed_at,
            }
        ]
    }
    for kind in RECORD_KINDS:
        rows[kind] = [
            {
                "article_id": article.id,
                "position": position,
                "id": record.id,
                **flatten(kind, record),
                "voice": record.voice,
                "record": to_json_dict(record),
            }
            for position, record in enumerate(getattr(ledger, kind))
        ]
    return rows

