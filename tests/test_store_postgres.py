"""The store on a real PostgreSQL server: the backend-independent store tests again, plus what only a
server with concurrent clients shows (racing writers, schema creation at once).

Runs when NEWSLEDGER_TEST_PG_URL names a database the tests may empty (``.ci/run`` starts one:
``postgresql+psycopg://postgres:newsledger@127.0.0.1:5432/newsledger_test``); skipped otherwise.
The tests imported from test_store run here with this module's ``store`` fixture, a PostgreSQL store;
those that depend on SQLite's FTS5 (accent folding, its query syntax) or on SQLite files stay there;
PostgreSQL's own text search has its tests here.
"""

from __future__ import annotations

import dataclasses
import os
import threading

import pytest

PG_URL = os.environ.get("NEWSLEDGER_TEST_PG_URL")
if not PG_URL:
    pytest.skip(
        "PostgreSQL store tests need NEWSLEDGER_TEST_PG_URL (a database they may empty, e.g. "
        "postgresql+psycopg://postgres:newsledger@127.0.0.1:5432/newsledger_test); .ci/run sets it",
        allow_module_level=True,
    )

import sqlalchemy as sa  # noqa: E402 - after the skip: only needed with a server

from newsledger.model import Ledger  # noqa: E402
from newsledger.store import Store  # noqa: E402
from newsledger.store.schema import metadata, pg_search_vector  # noqa: E402
from tests.test_store import (  # noqa: E402, F401 - collected here, against PostgreSQL
    article_from_text,
    filled,
    make_ledger,
    test_ambiguous_prefix_raises,
    test_delete,
    test_double_write_is_idempotent,
    test_errors_are_recorded,
    test_export_csv,
    test_export_jsonl,
    test_export_of_an_empty_store_writes_headers_and_schemas,
    test_export_parquet,
    test_export_rejects_unknown_format,
    test_hostile_queries_never_crash_and_change_nothing,
    test_id_prefix_lookup,
    test_listing_stats_and_iteration,
    test_rewrite_with_a_new_analysis_replaces_every_row,
    test_round_trip_equals_original,
    test_search_finds_article_text_and_attribution_content,
    test_search_without_fts_falls_back_to_substrings,
    test_sql_text_in_a_query_is_searched_as_words,
    test_write_is_one_transaction,
)


def _drop_everything() -> None:
    engine = sa.create_engine(PG_URL)
    with engine.begin() as conn:
        metadata.drop_all(conn)
    engine.dispose()


@pytest.fixture
def store():
    """A PostgreSQL store with empty tables (created by Store.open, dropped after the test)."""
    _drop_everything()
    with Store.open(PG_URL) as opened:
        yield opened
    _drop_everything()


def test_it_is_postgresql_with_jsonb_records(store):
    assert store.engine.dialect.name == "postgresql" and not store.has_fts
    ledger = make_ledger()
    store.write(ledger)
    with store.engine.connect() as conn:
        kind = conn.exec_driver_sql("SELECT jsonb_typeof(record) FROM figures LIMIT 1").scalar_one()
        value = conn.exec_driver_sql("SELECT record->>'value' FROM figures WHERE id = 'fig-1'").scalar_one()
    assert (kind, value) == ("object", "613")
    assert store.get(ledger.article.id) == ledger


def test_reopening_finds_the_same_ledgers(store):
    """Also through a plain postgresql:// URL, as users write it (psycopg 3 is the driver installed)."""
    ledger = make_ledger()
    store.write(ledger)
    plain = "postgresql://" + PG_URL.split("://", 1)[1]
    with Store.open(plain) as again:
        assert list(again.ledgers()) == [ledger]
        assert again.search("Khojaly")[0].article_id == ledger.article.id


def _at_once(count: int, work) -> list:
    """Run ``work(i)`` in ``count`` threads started together; their results, or their exceptions."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = work(i)
        except Exception as exc:  # noqa: BLE001 - the test looks at it
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_racing_writers_of_one_article_never_fail(store):
    """Several processes (here: connections) writing the same article at once: one adds it, the rest
    find it unchanged or replace it; no unique-key error, and exactly one copy of its rows."""
    ledger = make_ledger()
    newer = dataclasses.replace(ledger, figures=ledger.figures[:1])

    def write(i: int):
        with Store.open(PG_URL) as own:
            return own.write(ledger if i % 2 else newer)

    results = _at_once(6, write)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert results.count("added") == 1
    assert store.stats()["articles"] == 1
    assert store.get(ledger.article.id) in (ledger, newer)
    assert store.stats()["figures"] == len(store.get(ledger.article.id).figures)


def test_stores_opened_at_once_create_the_schema_once():
    _drop_everything()
    try:
        results = _at_once(4, lambda i: Store.open(PG_URL).close())
        assert [r for r in results if isinstance(r, Exception)] == []
        with Store.open(PG_URL) as opened:
            assert opened.write(Ledger(make_ledger().article)) == "added"
    finally:
        _drop_everything()


def test_load_shards_into_postgresql(store, tmp_path):
    from newsledger.scale.shards import load_shards, write_shard

    ledger = make_ledger()
    write_shard(tmp_path, [ledger])
    assert load_shards(tmp_path, store)["added"] == 1
    assert store.get(ledger.article.id) == ledger


# --- PostgreSQL's text search ------------------------------------------------------------------


def test_search_is_postgresql_text_search_stemmed_phrased_and_prefixed(store):
    assert store.has_pg_search
    store.write(make_ledger())
    store.write(Ledger(article_from_text("Le président a parlé à Genève.")))
    assert store.search('"told reporters"')
    assert not store.search('"reporters told"')
    assert store.search("negot*") and store.search("NEGOTIATING")  # prefix; stemmed, any case
    assert store.search("1992", limit=1)[0].article_id == make_ledger().article.id
    assert store.search("président") and not store.search("geneve")  # accents are kept (no unaccent)
    assert store.search("the of and") == []  # nothing but stop words matches nothing


def test_search_ranks_the_best_match_first_and_honours_the_limit(store):
    store.write(Ledger(article_from_text("A ceasefire was agreed. The ceasefire held; ceasefire talks go on.")))
    store.write(Ledger(article_from_text("Farmers sold grain. A ceasefire was mentioned once.")))
    hits = store.search("ceasefire")
    assert hits[0].snippet.count("[ceasefire]") >= 2
    assert len(store.search("ceasefire", limit=1)) == 1


def test_search_indexes_exist_and_serve_the_query(store):
    store.write(make_ledger())
    with store.engine.connect() as conn:
        names = {row[0] for row in conn.exec_driver_sql("SELECT indexname FROM pg_indexes")}
        assert {"articles_fulltext", "attributions_fulltext"} <= names
        conn.exec_driver_sql("SET enable_seqscan = off")
        plan = conn.exec_driver_sql(
            f"EXPLAIN SELECT id FROM articles WHERE {pg_search_vector('article')} @@ to_tsquery('english', 'khojaly')"
        ).all()
    assert "articles_fulltext" in " ".join(row[0] for row in plan)
