"""The ledger store: write Ledgers, read them back, list, search, and keep the input errors.

Writing: all of one article goes in ONE transaction. The article id is the content hash of its
text, so the same article always lands on the same row. :meth:`Store.write` compares a digest of
the whole Ledger with the stored one: identical → nothing is touched (``"unchanged"``, and
``analyzed_at`` keeps its first value); different (a newer pipeline, another model) → the
article's rows are replaced atomically (``"replaced"``); absent → ``"added"``.

SQLite (the default; a plain path) runs in WAL mode with foreign keys on, so the web can read
while a batch writes; writers take the write lock up front (``BEGIN IMMEDIATE``) and wait for
each other (busy timeout) instead of failing. Any other SQLAlchemy URL (``postgresql://...``)
gets the same tables. Full-text search uses SQLite's FTS5 index, or PostgreSQL's own text search
(GIN indexes, stemmed English, ranked); elsewhere it falls back to a plain substring match.

Example::

    >>> from newsledger.model import Article, Ledger
    >>> store = Store.open(":memory:")
    >>> store.write(Ledger(Article(id="ab12", text="Rain fell on Geneva.")))
    'added'
    >>> store.get("ab").article.text, store.search("geneva")[0].kind
    ('Rain fell on Geneva.', 'article')
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import math
import re
from collections.abc import Callable, Iterator, Sequence
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
)
from newsledger.store.schema import (
    PG_SEARCH_DOCUMENTS,
    SEARCH_DDL,
    SEARCH_TABLE,
    TEXT_SEARCH_CONFIG,
    articles,
    errors,
    ledger_rows,
    metadata,
    pg_search_indexes,
    pg_search_vector,
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
    (its directory created if needed).

    A plain ``postgresql://`` (or ``postgres://``) URL gets the psycopg 3 driver that newsledger
    installs; SQLAlchemy's own default for it, psycopg2, is not a dependency.

    >>> _database_url("postgresql://me@db.example.org/news")
    'postgresql+psycopg://me@db.example.org/news'
    """
    text = str(url_or_path)
    for scheme in ("postgresql://", "postgres://"):
        if text.startswith(scheme):
            return "postgresql+psycopg://" + text[len(scheme) :]
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


def query_terms(query: str) -> list[tuple[list[str], bool]]:
    """The terms of a search: each a list of words (several for ``"a phrase"``) and whether it is a
    prefix (``word*``). Only word characters survive: operators, brackets, stray quotes and SQL
    in the text are dropped, so each index's query syntax can quote the words safely.

    >>> query_terms('Armenia "press conference" occup* );')
    [(['Armenia'], False), (['press', 'conference'], False), (['occup'], True)]
    """
    terms = []
    for phrase, word, star in _QUERY_PART.findall(query):
        words = _WORD.findall(phrase) if phrase else [word] if word else []
        if words:
            terms.append((words, bool(star) and not phrase))
    return terms


def fts_query(query: str) -> str | None:
    """Turn user text into a safe FTS5 query: every word a quoted term, all of them required.

    ``"a phrase"`` stays a phrase and ``word*`` a prefix search (:func:`query_terms`). None when
    the text has no word in it.

    >>> fts_query('Armenia "press conference" occup* ); DROP TABLE articles; --')
    '"Armenia" "press conference" "occup"* "DROP" "TABLE" "articles"'
    """
    terms = ['"' + " ".join(words) + '"' + ("*" if prefix else "") for words, prefix in query_terms(query)]
    return " ".join(terms) or None


def pg_tsquery(query: str) -> str | None:
    """Turn user text into a safe PostgreSQL ``to_tsquery`` text, read as :func:`fts_query` reads
    it: every word required and quoted as one lexeme, a phrase joined by ``<->``, a prefix ``:*``.

    >>> pg_tsquery('Armenia "press conference" occup* ); DROP TABLE articles; --')
    "'Armenia' & ('press' <-> 'conference') & 'occup':* & 'DROP' & 'TABLE' & 'articles'"
    """
    terms = []
    for words, prefix in query_terms(query):
        quoted = " <-> ".join(f"'{w}'" for w in words)
        terms.append(f"({quoted})" if len(words) > 1 else quoted + (":*" if prefix else ""))
    return " & ".join(terms) or None


# --- the store --------------------------------------------------------------------------------


class Store:
    """Ledgers in a SQL database (see the module docstring for the write rules)."""

    def __init__(self, engine: sa.Engine):
        self.engine = engine
        self.is_sqlite = engine.dialect.name == "sqlite"
        self.has_pg_search = False  # PostgreSQL's text search, set up by _ensure_schema
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
        inspector = sa.inspect(self.engine)
        existing = set(inspector.get_table_names())
        if not set(metadata.tables) <= existing:
            with self._write_connection() as conn, conn.begin():
                self._serialize(conn, "schema")
                metadata.create_all(conn)
        if self.engine.dialect.name == "postgresql":
            self._ensure_pg_search(inspector)
            self.has_pg_search = True
        if not self.is_sqlite:
            return False
        return SEARCH_TABLE in existing or self._create_fts()

    def _ensure_pg_search(self, inspector: sa.Inspector) -> None:
        """Create the GIN indexes of PostgreSQL search when missing (a role that may not create them
        still searches, without them)."""
        inspector.clear_cache()
        present = {index["name"] for table, _ in PG_SEARCH_DOCUMENTS.values() for index in inspector.get_indexes(table)}
        missing = [ddl for name, ddl in pg_search_indexes().items() if name not in present]
        if missing:
            try:
                with self._write_connection() as conn, conn.begin():
                    self._serialize(conn, "schema")
                    for ddl in missing:
                        conn.exec_driver_sql(ddl)
            except sa.exc.ProgrammingError:  # a read-only role: search still works, unindexed
                pass

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

    def _serialize(self, conn: sa.Connection, key: str) -> None:
        """Make other writers of ``key`` wait until this transaction ends.

        SQLite's BEGIN IMMEDIATE already lets one writer in at a time. A PostgreSQL server takes
        writers side by side, and two that both find an article (or the tables) missing would both
        insert it (create them): a unique-key error for the second. A transaction-level advisory
        lock on the key orders them, so the second finds what the first wrote.
        """
        if self.engine.dialect.name == "postgresql":
            lock = sa.text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
            conn.execute(lock, {"key": f"newsledger:{key}"})

    # --- writing ------------------------------------------------------------------------------

    def write(self, ledger: Ledger, analyzed_at: dt.datetime | None = None) -> WriteResult:
        """Store one Ledger in one transaction; see the module docstring for added/replaced/unchanged.

        ``analyzed_at`` is when the pipeline made the ledger (default: now); loading shards passes
        the time the shard recorded, so that a ledger analysed last week does not read as new.
        """
        article_id = ledger.article.id
        digest = ledger_digest(ledger)
        with self._write_connection() as conn, conn.begin():
            self._serialize(conn, f"article:{article_id}")
            stored = conn.execute(sa.select(articles.c.digest).where(articles.c.id == article_id)).first()
            if stored is not None and stored.digest == digest:
                return "unchanged"
            if stored is not None:
                self._delete_rows(conn, article_id)
            self._insert(conn, ledger, digest, analyzed_at or dt.datetime.now(dt.UTC))
        return "added" if stored is None else "replaced"

    def _insert(self, conn: sa.Connection, ledger: Ledger, digest: str, analyzed_at: dt.datetime) -> None:
        rows = ledger_rows(ledger, digest, analyzed_at)
        conn.execute(articles.insert(), rows["articles"])
        for kind, table in record_tables.items():
            if rows[kind]:
                conn.execute(table.insert(), rows[kind])
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
            self._serialize(conn, f"article:{article_id}")
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
        return self._article_listing((), limit, offset)

    def _article_listing(
        self, conditions: Sequence[sa.ColumnElement], limit: int | None, offset: int
    ) -> list[ArticleRow]:
        """Up to ``limit`` rows of the article listing from ``offset``, of the articles meeting ``conditions``."""
        query = (
            sa.select(articles.c.id, articles.c.title, articles.c.published, articles.c.source, articles.c.analyzed_at)
            .where(*conditions)
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
        if self.has_pg_search:
            return self._search_pg(query, limit, mark)
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

    def _search_pg(self, query: str, limit: int, mark: tuple[str, str]) -> list[SearchHit]:
        """PostgreSQL's text search: the best ``limit`` hits by ``ts_rank``, then their snippets."""
        match = pg_tsquery(query)
        if match is None:
            return []
        article_vector, attribution_vector = pg_search_vector("article"), pg_search_vector("attribution")
        sql = sa.text(
            f"WITH q AS (SELECT to_tsquery('{TEXT_SEARCH_CONFIG}', :match) AS query), "
            "best AS ("
            f"SELECT id AS article_id, 'article' AS kind, CAST(NULL AS TEXT) AS record_id, text AS body, "
            f"ts_rank({article_vector}, q.query) AS rank "
            f"FROM articles, q WHERE {article_vector} @@ q.query "
            "UNION ALL "
            f"SELECT article_id, 'attribution', id, content, ts_rank({attribution_vector}, q.query) "
            f"FROM attributions, q WHERE {attribution_vector} @@ q.query "
            "ORDER BY rank DESC, article_id, record_id NULLS FIRST LIMIT :limit) "
            "SELECT best.article_id, best.kind, best.record_id, articles.title, articles.published, "
            f"ts_headline('{TEXT_SEARCH_CONFIG}', best.body, q.query, :options) AS snippet "
            "FROM best JOIN articles ON articles.id = best.article_id, q "
            "ORDER BY best.rank DESC, best.article_id, best.record_id NULLS FIRST"
        )
        params = {"match": match, "limit": limit, "options": _headline_options(mark)}
        with self.engine.connect() as conn:
            rows = conn.execute(sql, params).all()
        return [
            SearchHit(row.article_id, row.title, row.kind, row.snippet, row.record_id, row.published) for row in rows
        ]

    def _search_like(self, query: str, limit: int, mark: tuple[str, str]) -> list[SearchHit]:
        """Without a full-text index (SQLite built without FTS5): every word must occur, case-insensitively;
        no ranking."""
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

    # --- queries for the web and the API (filters, pagination) ---------------------------------

    def find_records(
        self, kind: str, where: RecordFilter | None = None, limit: int = 50, offset: int = 0
    ) -> RecordPage:
        """One page of records of ``kind`` across the ledger, each with its article, filtered by ``where``.

        Records come newest article first, in their ledger order (``order="date"``: events and
        times by their TIMEX3 value, earliest first). ``next_offset`` is None on the last page.
        A filter that means nothing for ``kind`` (a speaker for figures) raises ValueError.

        >>> from newsledger.model import Article, Ledger
        >>> store = Store.open(":memory:")
        >>> _ = store.write(Ledger(Article(id="ab12", text="Rain fell.")))
        >>> store.find_records("events", RecordFilter(event_type="ASSAULT")).items
        []
        """
        if kind not in record_tables:
            raise ValueError(f"unknown record kind {kind!r}; one of {', '.join(record_tables)}")
        where = where or RecordFilter()
        limit, offset = max(1, int(limit)), max(0, int(offset))
        table = record_tables[kind]
        conditions = _record_conditions(kind, table, where)
        order = _record_order(kind, table, where.order)
        predicates = _record_predicates(kind, where)
        with self.engine.connect() as conn:
            if predicates:  # exact tests SQL cannot express portably: filter keys first, then page
                keys_query = _key_query(kind, table, where).where(*conditions).order_by(*order)
                rows = conn.execute(keys_query).all()
                keys = [(r.article_id, r.position) for r in rows if all(test(r) for test in predicates)]
                page_keys = keys[offset : offset + limit + 1]
                found = _records_by_keys(conn, kind, page_keys[:limit])
                items = [found[key] for key in page_keys[:limit] if key in found]
                more = len(page_keys) > limit
            else:
                query = (
                    sa.select(table.c.record, articles.c.id, articles.c.title, articles.c.published, articles.c.source)
                    .join(articles, articles.c.id == table.c.article_id)
                    .where(*conditions)
                    .order_by(*order)
                    .offset(offset)
                    .limit(limit + 1)
                )
                rows = conn.execute(query).all()
                more = len(rows) > limit
                items = [_record_hit(kind, row) for row in rows[:limit]]
        return RecordPage(items, offset + limit if more else None)

    def find_articles(
        self,
        published_from: str | None = None,
        published_to: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[ArticleRow], int | None]:
        """One page of the article listing (as :meth:`article_rows`) within a publication date
        range, and the offset of the next page (None on the last one)."""
        limit, offset = max(1, int(limit)), max(0, int(offset))
        # One row more than the page tells whether another page follows.
        listing = self._article_listing(_published_conditions(published_from, published_to), limit + 1, offset)
        return listing[:limit], (offset + limit if len(listing) > limit else None)

    def speakers(self, country: str | None = None, limit: int = 100, offset: int = 0) -> list[SpeakerRow]:
        """Who is quoted across the ledger: one row per speaker name, most statements first."""
        att = record_tables["attributions"]
        statements = sa.func.count().label("statements")
        query = (
            sa.select(
                att.c.speaker_name,
                sa.func.max(att.c.speaker_country).label("country"),
                statements,
                sa.func.count(sa.distinct(att.c.article_id)).label("articles"),
            )
            .where(att.c.speaker_name.is_not(None))
            .group_by(att.c.speaker_name)
            .order_by(statements.desc(), att.c.speaker_name)
            .offset(max(0, int(offset)))
            .limit(max(1, int(limit)))
        )
        if country:
            query = query.where(sa.func.upper(att.c.speaker_country) == country.upper())
        with self.engine.connect() as conn:
            return [SpeakerRow(r.speaker_name, r.country, r.statements, r.articles) for r in conn.execute(query)]

    def place_points(
        self, where: RecordFilter | None = None, of_events: bool = False, limit: int = 2000
    ) -> list[PlacePoint]:
        """The places with coordinates that the ledger names, one point per place, most mentioned first.

        ``where`` takes the filters that apply to places (article, country, published range).
        With ``of_events`` (or an ``event_type``) only the places where events happen count, and
        ``mentions`` counts those events.
        """
        where = where or RecordFilter()
        places = record_tables["places"]
        mentions = sa.func.count().label("mentions")
        columns = (places.c.name, places.c.country, places.c.lat, places.c.lon, places.c.feature)
        query = sa.select(*columns, mentions, sa.func.count(sa.distinct(places.c.article_id)).label("articles"))
        if of_events or where.event_type:
            events = record_tables["events"]
            query = query.join(
                events,
                sa.and_(
                    events.c.article_id == places.c.article_id,
                    events.c.record["place"]["place"].as_string() == places.c.id,
                ),
            ).where(*_record_conditions("events", events, RecordFilter(event_type=where.event_type)))
        place_filter = dataclasses.replace(where, event_type=None, order="article")
        query = (
            query.join(articles, articles.c.id == places.c.article_id)
            .where(places.c.lat.is_not(None), places.c.lon.is_not(None))
            .where(*_record_conditions("places", places, place_filter))
            .group_by(*columns)
            .order_by(mentions.desc(), places.c.name)
            .limit(max(1, int(limit)))
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [PlacePoint(r.name, r.country, r.lat, r.lon, r.feature, r.mentions, r.articles) for r in rows]

    def places_near(self, lat: float, lon: float, km: float, limit: int = 100) -> list[tuple[RecordHit, float]]:
        """Place records within ``km`` of a point, nearest first, each with its article and distance (km).

        A bounding box on the lat/lon columns narrows the rows in SQL (the same box as the API's radius
        filter, ``_near_box``); the great-circle distance then decides.

        >>> from newsledger.model import Article, Ledger, Place, Span
        >>> store = Store.open(":memory:")
        >>> place = Place(id="plc-1", span=Span(0, 4, "Baku"), name="Baku", lat=40.38, lon=49.89)
        >>> _ = store.write(Ledger(Article(id="ab12", text="Baku."), places=(place,)))
        >>> [(hit.record.name, round(km)) for hit, km in store.places_near(40.41, 49.87, 50)]
        [('Baku', 4)]
        """
        from newsledger.knowledge.geometry import haversine_km

        places = record_tables["places"]
        km = max(0.0, float(km))
        query = (
            sa.select(places.c.record, places.c.lat, places.c.lon, articles.c.id, articles.c.title,
                      articles.c.published, articles.c.source)
            .join(articles, articles.c.id == places.c.article_id)
            .where(places.c.lon.is_not(None), *_near_box("places", places, (lat, lon, km)))
        )  # fmt: skip
        found = []
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                distance = haversine_km(lat, lon, row.lat, row.lon)
                if distance <= km:
                    found.append((_record_hit("places", row), distance))
        found.sort(key=lambda pair: pair[1])
        return found[: max(1, int(limit))]

    def records_by_id(self, kind: str, keys: list[tuple[str, str]]) -> dict[tuple[str, str], Any]:
        """Records of ``kind`` by (article id, record id), e.g. the attributions that events' voices
        name; keys not found are left out."""
        if kind not in record_tables:
            raise ValueError(f"unknown record kind {kind!r}; one of {', '.join(record_tables)}")
        table = record_tables[kind]
        found: dict[tuple[str, str], Any] = {}
        unique = sorted(set(keys))
        with self.engine.connect() as conn:
            for start in range(0, len(unique), LOAD_BATCH):
                batch = unique[start : start + LOAD_BATCH]
                query = sa.select(table.c.article_id, table.c.id, table.c.record).where(
                    sa.tuple_(table.c.article_id, table.c.id).in_(batch)
                )
                for row in conn.execute(query):
                    found[(row.article_id, row.id)] = from_json_dict(RECORD_KINDS[kind], _json(row.record))
        return found


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


def _headline_options(mark: tuple[str, str]) -> str:
    """``ts_headline`` options: ``mark`` around matched words, a fragment of about FTS5's snippet size.
    Double quotes and commas would end an option value, so the marks lose them."""
    start, stop = (m.replace('"', "").replace(",", "") for m in mark)
    return f'StartSel="{start}", StopSel="{stop}", MaxWords=24, MinWords=10, MaxFragments=1'


def _plain_snippet(text: str, words: list[str], mark: tuple[str, str], width: int = 160) -> str:
    """Some text around the first of ``words`` in ``text``, the word wrapped in ``mark``."""
    lowered = text.lower()
    found = min((i for i in (lowered.find(w) for w in words) if i >= 0), default=0)
    start = max(0, found - width // 2)
    piece = text[start : start + width]
    for word in words:
        piece = re.sub(re.escape(word), lambda m: f"{mark[0]}{m.group(0)}{mark[1]}", piece, flags=re.IGNORECASE)
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


# --- queries: filters and pages for the web and the API -----------------------------------------

_TIMEX_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
EARTH_KM_PER_DEGREE = 111.195  # one degree of latitude (mean Earth radius 6371 km)


@dataclass(frozen=True)
class RecordFilter:
    """What :meth:`Store.find_records` keeps; every field None means no filter on it.

    Names (``speaker``, ``entity``) match case-insensitively and exactly; ``country`` is ISO
    alpha-2; ``date_from``/``date_to`` (ISO dates) keep events and times whose TIMEX3 value
    overlaps the range; ``published_*`` filter on the article's publication date; ``near`` is
    ``(lat, lon, km)``.
    """

    article_id: str | None = None
    speaker: str | None = None
    entity: str | None = None
    country: str | None = None
    event_type: str | None = None
    category: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    published_from: str | None = None
    published_to: str | None = None
    near: tuple[float, float, float] | None = None
    order: Literal["article", "date"] = "article"


# Which filters mean something for which kind (the rest raise ValueError).
FILTERS_BY_KIND: dict[str, frozenset[str]] = {
    "entities": frozenset({"entity", "country"}),
    "attributions": frozenset({"speaker", "entity", "country"}),
    "times": frozenset({"date_from", "date_to"}),
    "figures": frozenset({"category"}),
    "places": frozenset({"entity", "country", "near"}),
    "events": frozenset({"entity", "country", "event_type", "date_from", "date_to", "near"}),
}
_COMMON_FILTERS = frozenset({"article_id", "published_from", "published_to", "order"})


@dataclass(frozen=True)
class ArticleRef:
    """The article a record belongs to, as listings show it."""

    id: str
    title: str | None
    published: str | None
    source: str | None


@dataclass(frozen=True)
class RecordHit:
    article: ArticleRef
    record: Any  # an Entity, Attribution, TimeExpr, Figure, Place or Event


@dataclass(frozen=True)
class RecordPage:
    items: list[RecordHit]
    next_offset: int | None


@dataclass(frozen=True)
class SpeakerRow:
    name: str
    country: str | None
    statements: int
    articles: int


@dataclass(frozen=True)
class PlacePoint:
    name: str
    country: str | None
    lat: float
    lon: float
    feature: str | None
    mentions: int
    articles: int


def timex_bounds(value: str | None) -> tuple[str, str] | None:
    """The first and last ISO day a TIMEX3 date value can mean, as comparable strings; None when undated.

    Months and years widen to their whole span ("-31" is fine: only string order matters);
    weeks, quarters and seasons widen to their year; a range takes its two ends.

    >>> timex_bounds("1992-02-25/1992-02-26"), timex_bounds("1992-02"), timex_bounds("2020-W05")
    (('1992-02-25', '1992-02-26'), ('1992-02-01', '1992-02-31'), ('2020-01-01', '2020-12-31'))
    >>> timex_bounds("P30Y") is None
    True
    """
    if not value:
        return None
    start, _, end = value.partition("/")
    low, high = _TIMEX_DATE.match(start), _TIMEX_DATE.match(end or start)
    if low is None or high is None:
        return None
    return _timex_day(low, "01", "01"), _timex_day(high, "12", "31")


def _timex_day(match: re.Match[str], month: str, day: str) -> str:
    year, found_month, found_day = match.groups()
    if found_month is None:
        return f"{year}-{month}-{day}"
    return f"{year}-{found_month}-{found_day or day}"


def _published_conditions(published_from: str | None, published_to: str | None) -> list[sa.ColumnElement]:
    conditions = []
    if published_from:
        conditions.append(articles.c.published >= published_from)
    if published_to:
        conditions.append(articles.c.published <= published_to)
    return conditions


def _same_name(column: sa.ColumnElement, name: str) -> sa.ColumnElement:
    return sa.func.lower(column) == name.lower()


def _record_conditions(kind: str, table: sa.Table, where: RecordFilter) -> list[sa.ColumnElement]:
    """The SQL conditions of ``where`` for records of ``kind``; ValueError for filters that do not apply."""
    given = {f.name for f in dataclasses.fields(where) if getattr(where, f.name) is not None} - _COMMON_FILTERS
    wrong = given - FILTERS_BY_KIND[kind]
    if wrong:
        raise ValueError(f"filter {', '.join(sorted(wrong))} does not apply to {kind}")
    c = table.c
    conditions = _published_conditions(where.published_from, where.published_to)
    if where.article_id:
        conditions.append(c.article_id == where.article_id)
    if where.speaker:
        conditions.append(_same_name(c.speaker_name, where.speaker))
    if where.entity:
        by_kind = {
            "entities": [c.get("name")],
            "attributions": [c.get("speaker_name")],
            "places": [c.get("name")],
            "events": [c.get("actor"), c.get("recipient")],
        }
        conditions.append(sa.or_(*(_same_name(column, where.entity) for column in by_kind[kind])))
    if where.country:
        code = where.country.upper()
        by_kind = {
            "entities": [c.get("country")],
            "attributions": [c.get("speaker_country")],
            "places": [c.get("country")],
            "events": [c.get("actor_country"), c.get("recipient_country")],
        }
        conditions.append(sa.or_(*(sa.func.upper(column) == code for column in by_kind[kind])))
    if where.event_type:
        conditions.append(sa.func.upper(c.event) == where.event_type.upper())
    if where.category:
        conditions.append(sa.func.lower(c.category) == where.category.lower())
    if where.near:
        conditions.extend(_near_box(kind, table, where.near))
    date = _date_column(kind, table)
    if date is not None and (where.order == "date" or where.date_from or where.date_to):
        conditions.append(sa.func.substr(date, 1, 1).between("0", "9"))  # dated values only
    if date is not None and where.date_to:
        conditions.append(sa.func.substr(date, 1, 4) <= where.date_to[:4])  # the rest is exact, in Python
    return conditions


def _date_column(kind: str, table: sa.Table) -> sa.ColumnElement | None:
    return {"events": table.c.get("date_value"), "times": table.c.get("value")}.get(kind)


_EVENT_PLACE = record_tables["places"].alias("event_place")
"""The places table as joined to events by the event's place id (for the ``near`` filter)."""


def _place_coordinates(kind: str, table: sa.Table) -> tuple[sa.ColumnElement, sa.ColumnElement]:
    if kind == "places":
        return table.c.lat, table.c.lon
    return _EVENT_PLACE.c.lat, _EVENT_PLACE.c.lon


def _key_query(kind: str, table: sa.Table, where: RecordFilter) -> sa.Select:
    """Keys of the records of ``kind`` with what the exact tests read: their date and coordinates."""
    date = _date_column(kind, table)
    query = sa.select(
        table.c.article_id, table.c.position, (date if date is not None else sa.null()).label("date")
    ).join(articles, articles.c.id == table.c.article_id)
    if where.near:
        if kind == "events":
            query = query.outerjoin(
                _EVENT_PLACE,
                sa.and_(
                    _EVENT_PLACE.c.article_id == table.c.article_id,
                    _EVENT_PLACE.c.id == table.c.record["place"]["place"].as_string(),
                ),
            )
        lat, lon = _place_coordinates(kind, table)
        query = query.add_columns(lat.label("lat"), lon.label("lon"))
    return query


def _near_box(kind: str, table: sa.Table, near: tuple[float, float, float]) -> list[sa.ColumnElement]:
    """A latitude/longitude box around ``near`` that holds the whole circle (the exact test is in Python)."""
    lat, lon, km = near
    lat_column, lon_column = _place_coordinates(kind, table)
    dlat = km / EARTH_KM_PER_DEGREE
    conditions = [lat_column.between(lat - dlat, lat + dlat)]
    cos_lat = math.cos(math.radians(min(89.9, abs(lat) + dlat)))
    dlon = km / (EARTH_KM_PER_DEGREE * cos_lat) if cos_lat > 0 else 360.0
    if abs(lat) + dlat < 90 and dlon < 180:
        west, east = lon - dlon, lon + dlon
        if west < -180:
            conditions.append(sa.or_(lon_column >= west + 360, lon_column <= east))
        elif east > 180:
            conditions.append(sa.or_(lon_column >= west, lon_column <= east - 360))
        else:
            conditions.append(lon_column.between(west, east))
    else:
        conditions.append(lon_column.is_not(None))
    return conditions


def _record_predicates(kind: str, where: RecordFilter) -> list[Callable[[Any], bool]]:
    """Exact per-row tests (date overlap, great-circle distance) over the key query's rows."""
    tests: list[Callable[[Any], bool]] = []
    if (where.date_from or where.date_to) and kind in ("events", "times"):
        low, high = where.date_from or "0000", where.date_to or "9999-99-99"

        def overlaps(row: Any) -> bool:
            bounds = timex_bounds(row.date)
            return bounds is not None and bounds[1] >= low and bounds[0] <= high

        tests.append(overlaps)
    if where.near:
        from newsledger.knowledge.geometry import haversine_km

        lat, lon, km = where.near
        tests.append(lambda row: row.lat is not None and haversine_km(lat, lon, row.lat, row.lon) <= km)
    return tests


def _record_order(kind: str, table: sa.Table, order: str) -> list[sa.ColumnElement]:
    by_article = [articles.c.published.desc().nulls_last(), table.c.article_id, table.c.position]
    date = _date_column(kind, table)
    if order == "date" and date is not None:
        return [date, *by_article]
    return by_article


def _record_hit(kind: str, row: Any) -> RecordHit:
    record = from_json_dict(RECORD_KINDS[kind], _json(row.record))
    return RecordHit(ArticleRef(row.id, row.title, row.published, row.source), record)


def _records_by_keys(conn: sa.Connection, kind: str, keys: list[tuple[str, int]]) -> dict[tuple[str, int], RecordHit]:
    if not keys:
        return {}
    table = record_tables[kind]
    query = (
        sa.select(
            table.c.article_id,
            table.c.position,
            table.c.record,
            articles.c.id,
            articles.c.title,
            articles.c.published,
            articles.c.source,
        )
        .join(articles, articles.c.id == table.c.article_id)
        .where(sa.tuple_(table.c.article_id, table.c.position).in_(keys))
    )
    return {(row.article_id, row.position): _record_hit(kind, row) for row in conn.execute(query)}
