"""The ledger store: write Ledgers, read them back, list, search, and keep the input errors.

Writing: all of one article goes in ONE transaction. The article id is the content hash of its
text, so the same article always lands on the same row. :meth:`Store.write` compares a digest of
the whole Ledger with the stored one: identical → nothing is touched (``"unchanged"``, and
``analyzed_at`` keeps its first value); different (a newer pipeline, another model) → the
article's rows are replaced atomically (``"replaced"``); absent → ``"added"``.

SQLite (the default; a plain path) runs in WAL mode with foreign keys on, so the web can read
while a batch writes; writers take the write lock up front (``BEGIN IMMEDIATE``) and wait for
each other (busy timeout) instead of failing. Any other SQLAlchemy URL (``postgresql://...``)
gets the same tables; full-text search then falls back to a plain substring match.

Example::

    >>> from newsledger.model import Article, Ledger
    >>> store = Store.open(":memory:")
    >>> store.write(Ledger(Article(id="ab12", text="Rain fell on Geneva.")))
    'added'
    >>> store.get("ab").article.text, store.search("geneva")[0].kind
    ('Rain fell on Geneva.', 'article')
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.pool import StaticPool

from newsledger.model import (
    RECORD_KINDS,
    Article,
    Ledger,
    SourcingGroup,
    from_json_dict,
    to_json_dict,
)
from newsledger.store.schema import (
    SEARCH_DDL,
    SEARCH_TABLE,
    articles,
    errors,
    flatten,
    metadata,
    record_tables,
)

WriteResult = Literal["added", "replaced", "unchanged"]

DEFAULT_PATH = "ledger.db"
BUSY_TIMEOUT_SECONDS = 60
LOAD_BATCH = 100
MAX_SEARCH_LIMIT = 1000


class AmbiguousIdError(LookupError):
    """An id prefix that matches more than one article."""

    def __init__(self, prefix: str, candidates: list[str]):
        super().__init__(f"id prefix {prefix!r} matches several articles: {', '.join(candidates)} ...")
        self.prefix = prefix
        self.candidates = candidates


@dataclass(frozen=True)
class ArticleRow:
    """One line of the article listing."""

    id: str
    title: str | None
    published: str | None
    source: str | None
    analyzed_at: dt.datetime
    counts: dict[str, int] = field(default_factory=dict)  # record kind -> number of records


@dataclass(frozen=True)
class SearchHit:
    """One search result: an article's text or one attribution's content matched."""

    article_id: str
    title: str | None
    kind: Literal["article", "attribution"]
    snippet: str
    record_id: str | None = None  # the attribution's id for kind 'attribution'
    published: str | None = None


@dataclass(frozen=True)
class ErrorRow:
    origin: str
    reason: str
    at: dt.datetime


# --- engine -----------------------------------------------------------------------------------


def _database_url(url_or_path: str | Path) -> sa.URL | str:
    """A URL as given, ``:memory:`` as in-memory SQLite, anything else as a SQLite file path
    (its directory created if needed)."""
    text = str(url_or_path)
    if "://" in text:
        return text
    if text == ":memory:":
        return "sqlite://"
    Path(text).parent.mkdir(parents=True, exist_ok=True)
    return sa.URL.create("sqlite", database=text)


def _sqlite_engine(url: sa.URL | str) -> sa.Engine:
    """SQLite with foreign keys, WAL, a busy timeout, and SQLAlchemy in charge of BEGIN.

    The sqlite3 module's own transaction handling skips BEGIN before SELECTs and DDL (see the
    SQLAlchemy SQLite dialect notes); emitting BEGIN ourselves makes every ``conn.begin()`` a real
    transaction, and lets a writer ask for ``BEGIN IMMEDIATE``.
    """
    in_memory = str(url) == "sqlite://"
    engine = sa.create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_SECONDS},
        poolclass=StaticPool if in_memory else None,
        json_serializer=_json_dumps,
    )

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        if not in_memory:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")  # safe with WAL; much faster commits
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        immediate = conn.get_execution_options().get("sqlite_immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def as_utc(value: dt.datetime) -> dt.datetime:
    """Times are written in UTC; SQLite hands them back naive, so say so."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _json_dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def ledger_digest(ledger: Ledger) -> str:
    """A hash of everything in the Ledger: equal digests mean an identical analysis."""
    return hashlib.sha256(ledger.to_json(sort_keys=True).encode("utf-8")).hexdigest()


# --- search queries ---------------------------------------------------------------------------

_QUERY_PART = re.compile(r'"([^"]*)"|(\w+)(\*?)')
_WORD = re.compile(r"\w+")


def fts_query(query: str) -> str | None:
    """Turn user text into a safe FTS5 query: every word a quoted term, all of them required.

    ``"a phrase"`` stays a phrase and ``word*`` a prefix search; everything else (operators,
    brackets, stray quotes, SQL) is data: only word characters reach FTS5, inside quotes. None
    when the text has no word in it.

    >>> fts_query('Armenia "press conference" occup* ); DROP TABLE articles; --')
    '"Armenia" "press conference" "occup"* "DROP" "TABLE" "articles"'
    """
    parts = []
    for phrase, word, star in _QUERY_PART.findall(query):
        if phrase:
            words = _WORD.findall(phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
        elif word:
            parts.append(f'"{word}"' + ("*" if star else ""))
    return " ".join(parts) or None


# --- the store --------------------------------------------------------------------------------


class Store:
    """Ledgers in a SQL database (see the module docstring for the write rules)."""

    def __init__(self, engine: sa.Engine):
        self.engine = engine
        self.is_sqlite = engine.dialect.name == "sqlite"
        self.has_fts = self._ensure_schema()

    @classmethod
    def open(cls, url_or_path: str | Path = DEFAULT_PATH) -> Store:
        """Open (creating if needed) a store: a SQLite file path, ``:memory:``, or a SQLAlchemy URL."""
        url = _database_url(url_or_path)
        if sa.make_url(url).get_backend_name() == "sqlite":
            return cls(_sqlite_engine(url))
        return cls(sa.create_engine(url, json_serializer=_json_dumps))

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _ensure_schema(self) -> bool:
        """Create what is missing; returns whether FTS5 search is available.

        An existing store is only inspected, so that a read-only database file can be opened. New
        tables are created under the write lock, so that processes opening a new store at once do
        not race to create it.
        """
        existing = set(sa.inspect(self.engine).get_table_names())
        if not set(metadata.tables) <= existing:
            with self._write_connection() as conn, conn.begin():
                metadata.create_all(conn)
        if not self.is_sqlite:
            return False
        return SEARCH_TABLE in existing or self._create_fts()

    def _create_fts(self) -> bool:
        """Create the FTS5 index; False when this SQLite was built without FTS5."""
        try:
            with self._write_connection() as conn, conn.begin():
                conn.exec_driver_sql(SEARCH_DDL)
        except sa.exc.OperationalError:
            return False
        return True

    def _write_connection(self) -> sa.Connection:
        conn = self.engine.connect()
        if self.is_sqlite:
            conn.execution_options(sqlite_immediate=True)
        return conn

    # --- writing ------------------------------------------------------------------------------

    def write(self, ledger: Ledger) -> WriteResult:
        """Store one Ledger in one transaction; see the module docstring for added/replaced/unchanged."""
        article_id = ledger.article.id
        digest = ledger_digest(ledger)
        with self._write_connection() as conn, conn.begin():
            stored = conn.execute(sa.select(articles.c.digest).where(articles.c.id == article_id)).first()
            if stored is not None and stored.digest == digest:
                return "unchanged"
            if stored is not None:
                self._delete_rows(conn, article_id)
            self._insert(conn, ledger, digest)
        return "added" if stored is None else "replaced"

    def _insert(self, conn: sa.Connection, ledger: Ledger, digest: str) -> None:
        article = ledger.article
        conn.execute(
            articles.insert().values(
                id=article.id,
                title=article.title,
                url=article.url,
                source=article.source,
                author=article.author,
                published=article.published,
                origin=article.origin,
                text=article.text,
                sourcing=to_json_dict(ledger.sourcing),
                schema_version=ledger.schema_version,
                digest=digest,
                analyzed_at=dt.datetime.now(dt.UTC),
            )
        )
        for kind, table in record_tables.items():
            rows = [
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
            if rows:
                conn.execute(table.insert(), rows)
        if self.has_fts:
            conn.execute(
                sa.text(
                    f"INSERT INTO {SEARCH_TABLE} (article_id, kind, record_id, title, body) "
                    "VALUES (:article_id, :kind, :record_id, :title, :body)"
                ),
                _search_rows(ledger),
            )

    def _delete_rows(self, conn: sa.Connection, article_id: str) -> None:
        for table in reversed(record_tables.values()):
            conn.execute(table.delete().where(table.c.article_id == article_id))
        if self.has_fts:
            conn.execute(sa.text(f"DELETE FROM {SEARCH_TABLE} WHERE article_id = :id"), {"id": article_id})
        conn.execute(articles.delete().where(articles.c.id == article_id))

    def delete(self, article_id: str) -> bool:
        """Remove one article and its records; False when it was not there."""
        with self._write_connection() as conn, conn.begin():
            if conn.execute(sa.select(articles.c.id).where(articles.c.id == article_id)).first() is None:
                return False
            self._delete_rows(conn, article_id)
        return True

    def record_error(self, origin: str, reason: str) -> None:
        """Keep an input that could not be read or analysed, for ``errors()``."""
        with self._write_connection() as conn, conn.begin():
            conn.execute(errors.insert().values(origin=origin, reason=reason, at=dt.datetime.now(dt.UTC)))

    # --- reading ------------------------------------------------------------------------------

    def has(self, article_id: str) -> bool:
        """Whether the article with exactly this id is stored."""
        with self.engine.connect() as conn:
            query = sa.select(articles.c.id).where(articles.c.id == article_id)
            return conn.execute(query).first() is not None

    def resolve_id(self, id_or_prefix: str) -> str | None:
        """The full id of the one article whose id starts with ``id_or_prefix``.

        None when nothing matches; AmbiguousIdError when several do.
        """
        prefix = id_or_prefix.strip().lower()
        if not prefix:
            return None
        with self.engine.connect() as conn:
            query = (
                sa.select(articles.c.id)
                .where(articles.c.id.startswith(prefix, autoescape=True))
                .order_by(articles.c.id)
                .limit(5)
            )
            found = list(conn.execute(query).scalars())
        if len(found) > 1 and prefix not in found:
            raise AmbiguousIdError(prefix, found)
        return prefix if prefix in found else (found[0] if found else None)

    def get(self, id_or_prefix: str) -> Ledger | None:
        """The stored Ledger for an id or an unambiguous id prefix, or None."""
        article_id = self.resolve_id(id_or_prefix)
        if article_id is None:
            return None
        with self.engine.connect() as conn:
            return _load(conn, [article_id]).get(article_id)

    def ledger_ids(self) -> list[str]:
        """Every article id, by publication date (undated first) then id."""
        with self.engine.connect() as conn:
            query = sa.select(articles.c.id).order_by(articles.c.published, articles.c.id)
            return list(conn.execute(query).scalars())

    def ledgers(self) -> Iterator[Ledger]:
        """Every stored Ledger, in :meth:`ledger_ids` order, loaded in batches."""
        ids = self.ledger_ids()
        for start in range(0, len(ids), LOAD_BATCH):
            batch = ids[start : start + LOAD_BATCH]
            with self.engine.connect() as conn:
                loaded = _load(conn, batch)
            yield from (loaded[i] for i in batch if i in loaded)

    def __len__(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar_one()

    def article_rows(self, limit: int | None = None, offset: int = 0) -> list[ArticleRow]:
        """The article listing, newest first (undated last), with record counts per kind."""
        query = (
            sa.select(articles.c.id, articles.c.title, articles.c.published, articles.c.source, articles.c.analyzed_at)
            .order_by(articles.c.published.desc().nulls_last(), articles.c.id)
            .offset(offset)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
            counts = _counts(conn, [row.id for row in rows])
        return [
            ArticleRow(
                id=row.id,
                title=row.title,
                published=row.published,
                source=row.source,
                analyzed_at=as_utc(row.analyzed_at),
                counts={kind: counts.get((kind, row.id), 0) for kind in record_tables},
            )
            for row in rows
        ]

    def errors(self, limit: int | None = None) -> list[ErrorRow]:
        """Recorded input errors, oldest first."""
        query = sa.select(errors.c.origin, errors.c.reason, errors.c.at).order_by(errors.c.id).limit(limit)
        with self.engine.connect() as conn:
            return [ErrorRow(row.origin, row.reason, as_utc(row.at)) for row in conn.execute(query)]

    def stats(self) -> dict[str, int]:
        """Row counts: articles, each record kind, errors."""
        tables = {"articles": articles, **record_tables, "errors": errors}
        with self.engine.connect() as conn:
            return {
                name: conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
                for name, table in tables.items()
            }

    # --- search -------------------------------------------------------------------------------

    def search(self, query: str, limit: int = 20, mark: tuple[str, str] = ("[", "]")) -> list[SearchHit]:
        """Full-text search over article text and attribution content, best match first.

        User text is always data (see :func:`fts_query`): quotes, operators and SQL in it cannot
        break the query. ``mark`` wraps the matched words in snippets.
        """
        limit = max(1, min(int(limit), MAX_SEARCH_LIMIT))
        if self.has_fts:
            return self._search_fts(query, limit, mark)
        return self._search_like(query, limit, mark)

    def _search_fts(self, query: str, limit: int, mark: tuple[str, str]) -> list[SearchHit]:
        match = fts_query(query)
        if match is None:
            return []
        sql = sa.text(
            f"SELECT {SEARCH_TABLE}.article_id, kind, record_id, articles.title, articles.published, "
            f"snippet({SEARCH_TABLE}, -1, :open, :close, '…', 16) AS snippet "
            f"FROM {SEARCH_TABLE} JOIN articles ON articles.id = {SEARCH_TABLE}.article_id "
            f"WHERE {SEARCH_TABLE} MATCH :match ORDER BY {SEARCH_TABLE}.rank LIMIT :limit"
        )
        params = {"match": match, "open": mark[0], "close": mark[1], "limit": limit}
        with self.engine.connect() as conn:
            rows = conn.execute(sql, params).all()
        return [
            SearchHit(row.article_id, row.title, row.kind, row.snippet, row.record_id, row.published) for row in rows
        ]

    def _search_like(self, query: str, limit: int, mark: tuple[str, str]) -> list[SearchHit]:
        """Without FTS5 (PostgreSQL for now): every word must occur, case-insensitively; no ranking."""
        words = [w.lower() for w in _WORD.findall(query)]
        if not words:
            return []
        att = record_tables["attributions"]
        hits: list[SearchHit] = []
        with self.engine.connect() as conn:
            in_text = sa.and_(*(sa.func.lower(articles.c.text).contains(w, autoescape=True) for w in words))
            for row in conn.execute(
                sa.select(articles.c.id, articles.c.title, articles.c.published, articles.c.text)
                .where(in_text)
                .order_by(articles.c.published.desc().nulls_last(), articles.c.id)
                .limit(limit)
            ):
                snippet = _plain_snippet(row.text, words, mark)
                hits.append(SearchHit(row.id, row.title, "article", snippet, None, row.published))
            in_content = sa.and_(*(sa.func.lower(att.c.content).contains(w, autoescape=True) for w in words))
            for row in conn.execute(
                sa.select(att.c.article_id, att.c.id, att.c.content, articles.c.title, articles.c.published)
                .join(articles, articles.c.id == att.c.article_id)
                .where(in_content)
                .order_by(att.c.article_id, att.c.position)
                .limit(limit)
            ):
                snippet = _plain_snippet(row.content, words, mark)
                hits.append(SearchHit(row.article_id, row.title, "attribution", snippet, row.id, row.published))
        return hits[:limit]


# --- loading ----------------------------------------------------------------------------------


def _load(conn: sa.Connection, ids: list[str]) -> dict[str, Ledger]:
    """Rebuild the Ledgers of ``ids`` from their rows (one query per table)."""
    if not ids:
        return {}
    records: dict[str, dict[str, list[Any]]] = {i: {kind: [] for kind in record_tables} for i in ids}
    for kind, table in record_tables.items():
        record_type = RECORD_KINDS[kind]
        query = (
            sa.select(table.c.article_id, table.c.record)
            .where(table.c.article_id.in_(ids))
            .order_by(table.c.article_id, table.c.position)
        )
        for row in conn.execute(query):
            records[row.article_id][kind].append(from_json_dict(record_type, _json(row.record)))
    ledgers = {}
    for row in conn.execute(sa.select(articles).where(articles.c.id.in_(ids))):
        article = Article(
            id=row.id,
            text=row.text,
            title=row.title,
            url=row.url,
            source=row.source,
            author=row.author,
            published=row.published,
            origin=row.origin,
        )
        sourcing = tuple(from_json_dict(SourcingGroup, group) for group in _json(row.sourcing) or ())
        ledgers[row.id] = Ledger(
            article=article,
            **{kind: tuple(found) for kind, found in records[row.id].items()},
            sourcing=sourcing,
            schema_version=row.schema_version,
        )
    return ledgers


def _json(value: Any) -> Any:
    """JSON columns come back decoded from most drivers; tolerate a raw string too."""
    return json.loads(value) if isinstance(value, str) else value


def _counts(conn: sa.Connection, ids: list[str]) -> dict[tuple[str, str], int]:
    if not ids:
        return {}
    counts = {}
    for kind, table in record_tables.items():
        query = (
            sa.select(table.c.article_id, sa.func.count())
            .where(table.c.article_id.in_(ids))
            .group_by(table.c.article_id)
        )
        for article_id, count in conn.execute(query):
            counts[(kind, article_id)] = count
    return counts


def _search_rows(ledger: Ledger) -> list[dict[str, Any]]:
    """The FTS rows of one Ledger: its text (title as title) and each attribution's content."""
    article = ledger.article
    rows = [
        {
            "article_id": article.id,
            "kind": "article",
            "record_id": None,
            "title": article.title or "",
            "body": article.text,
        }
    ]
    for attribution in ledger.attributions:
        content = " … ".join(span.text for span in attribution.content)
        if content:
            speaker = attribution.speaker.name if attribution.speaker else ""
            rows.append(
                {
                    "article_id": article.id,
                    "kind": "attribution",
                    "record_id": attribution.id,
                    "title": speaker,
                    "body": content,
                }
            )
    return rows


def _plain_snippet(text: str, words: list[str], mark: tuple[str, str], width: int = 160) -> str:
    """Some text around the first of ``words`` in ``text``, the word wrapped in ``mark``."""
    lowered = text.lower()
    found = min((i for i in (lowered.find(w) for w in words) if i >= 0), default=0)
    start = max(0, found - width // 2)
    piece = text[start : start + width]
    for word in words:
        piece = re.sub(re.escape(word), lambda m: f"{mark[0]}{m.group(0)}{mark[1]}", piece, flags=re.IGNORECASE)
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")
