"""Store: round trips, idempotent writes, one transaction per article, search, export."""

from __future__ import annotations

import csv
import dataclasses
import json
import sqlite3

import pytest

from newsledger.export.tables import export
from newsledger.ingest.text import article_from_text
from newsledger.model import (
    RECORD_KINDS,
    Attribution,
    Entity,
    EntityRef,
    Event,
    EventDate,
    EventPlace,
    Figure,
    Ledger,
    Place,
    SourcingGroup,
    Span,
    TimeExpr,
    from_json_dict,
)
from newsledger.store import AmbiguousIdError, Store, fts_query, pg_tsquery

TEXT = (
    "Envoy decries massacre\n\n"
    "ISLAMABAD: Ambassador Khazar Farhadov said on Tuesday that 613 civilians were killed in Khojaly "
    "in February 1992.\n\n"
    "“The negotiations have failed,” he told reporters, adding that about 20% of the land was lost."
)


def span(text: str, needle: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle), needle)


def make_ledger(text: str = TEXT, published: str | None = "2021-11-10") -> Ledger:
    """A hand-built Ledger with one record of every kind (and the fields that need care in JSON)."""
    article = article_from_text(
        text,
        published=published,
        title=text.split("\n")[0],
        url="https://x.org/a",
        source="Example Times",
        author="A. Writer",
        origin="story.txt",
    )
    t = article.text
    speaker = EntityRef(name="Khazar Farhadov", entity="ent-1", country="AZ", mention=span(t, "he"))
    entity = Entity(
        "ent-1",
        "Khazar Farhadov",
        "PERSON",
        (span(t, "Khazar Farhadov"), span(t, "he")),
        country="AZ",
        sector="GOV",
        title="Ambassador",
    )
    quote = Attribution(
        "att-1",
        "direct",
        (span(t, "The negotiations have failed"),),
        speaker=speaker,
        cue=span(t, "told"),
        cue_lemma="tell",
        stance="neutral",
    )
    indirect = Attribution(
        "att-2",
        "indirect",
        (span(t, "613 civilians were killed in Khojaly"),),
        speaker=EntityRef(name="Khazar Farhadov", entity="ent-1", country="AZ"),
        cue=span(t, "said"),
        cue_lemma="say",
    )
    when = TimeExpr("tim-1", span(t, "February 1992"), "DATE", "1992-02", voice="att-2")
    tuesday = TimeExpr("tim-2", span(t, "Tuesday"), "DATE", "2021-11-09", anchored=True)
    dead = Figure("fig-1", span(t, "613"), value=613, concept="civilians", category="killed", voice="att-2")
    share = Figure(
        "fig-2", span(t, "about 20%"), value_range=(19.5, 20.5), approx=True, change="~", unit="percent", concept="land"
    )
    place = Place(
        "plc-1",
        span(t, "Khojaly"),
        "Khojaly",
        country="AZ",
        lat=39.91,
        lon=46.79,
        geonameid=586523,
        feature="city",
        voice="att-2",
    )
    capital = Place(
        "plc-2",
        span(t, "ISLAMABAD"),
        "Islamabad",
        country="PK",
        lat=33.72,
        lon=73.04,
        geonameid=1176615,
        feature="city",
    )
    event = Event(
        "evt-1",
        "ASSAULT",
        span(t, "killed"),
        mode="massacre",
        mentions=(span(t, "massacre"),),
        actor=None,
        recipient=EntityRef(name="civilians", sector="CVL"),
        date=EventDate("1992-02", "tim-1"),
        place=EventPlace("Khojaly", "plc-1"),
        size={"dead": "fig-1"},
        voice="att-2",
    )
    return Ledger(
        article=article,
        entities=(entity,),
        attributions=(quote, indirect),
        times=(when, tuesday),
        figures=(dead, share),
        places=(place, capital),
        events=(event,),
        sourcing=(SourcingGroup("AZ", ("Khazar Farhadov",), 2),),
    )


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "ledger.db") as opened:
        yield opened


# --- round trip and writes --------------------------------------------------------------------


def test_round_trip_equals_original(store):
    ledger = make_ledger()
    assert store.write(ledger) == "added"
    assert store.has(ledger.article.id)
    assert store.get(ledger.article.id) == ledger


def test_round_trip_survives_reopening(tmp_path):
    ledger = make_ledger()
    with Store.open(str(tmp_path / "new" / "x.db")) as first:
        first.write(ledger)
    with Store.open(tmp_path / "new" / "x.db") as second:
        assert second.get(ledger.article.id) == ledger
        assert list(second.ledgers()) == [ledger]
        assert second.has_fts and second.search("Khojaly")[0].article_id == ledger.article.id


def test_sqlite_file_is_wal_with_foreign_keys(store, tmp_path):
    store.write(make_ledger())
    raw = sqlite3.connect(tmp_path / "ledger.db")
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_id_prefix_lookup(store):
    ledger = make_ledger()
    store.write(ledger)
    assert store.get(ledger.article.id[:4]) == ledger
    assert store.get(ledger.article.id[:4].upper()) == ledger
    assert store.get("zzzz") is None
    assert store.get("") is None
    assert store.get("%") is None  # LIKE metacharacters are data


def test_ambiguous_prefix_raises(store):
    ledgers = [make_ledger(TEXT + f"\n\nUpdate {n}.") for n in range(40)]
    for ledger in ledgers:
        store.write(ledger)
    first_chars = [ledger.article.id[0] for ledger in ledgers]
    shared = next(c for c in first_chars if first_chars.count(c) > 1)  # 40 ids, 16 hex digits
    with pytest.raises(AmbiguousIdError):
        store.get(shared)


def test_double_write_is_idempotent(store):
    ledger = make_ledger()
    store.write(ledger)
    before_stats, before_rows = store.stats(), store.article_rows()
    assert store.write(ledger) == "unchanged"
    assert store.stats() == before_stats
    assert store.article_rows() == before_rows  # analyzed_at too
    assert store.get(ledger.article.id) == ledger


def test_rewrite_with_a_new_analysis_replaces_every_row(store):
    ledger = make_ledger()
    store.write(ledger)
    newer = dataclasses.replace(ledger, figures=ledger.figures[:1], attributions=ledger.attributions[1:])
    assert store.write(newer) == "replaced"
    assert store.get(ledger.article.id) == newer
    stats = store.stats()
    assert (stats["articles"], stats["figures"], stats["attributions"]) == (1, 1, 1)
    assert [hit.record_id for hit in store.search("negotiations") if hit.kind == "attribution"] == []


def test_write_is_one_transaction(store, monkeypatch):
    """A failure after the article row and some record rows went in leaves no trace of the article."""
    import newsledger.store.store as store_module

    class FailingAtTheThirdTable(dict):
        def items(self):
            for number, item in enumerate(super().items()):
                if number == 2:
                    raise RuntimeError("disk on fire")
                yield item

    monkeypatch.setattr(store_module, "record_tables", FailingAtTheThirdTable(store_module.record_tables))
    ledger = make_ledger()
    with pytest.raises(RuntimeError):
        store.write(ledger)
    assert not store.has(ledger.article.id)
    assert set(store.stats().values()) == {0}


def test_listing_stats_and_iteration(store):
    dated, undated = make_ledger(), make_ledger(TEXT + "\n\nMore.", published=None)
    empty = Ledger(article_from_text("Short wire item.", published="2022-01-01"))
    for ledger in (dated, undated, empty):
        store.write(ledger)
    rows = store.article_rows()
    assert [row.id for row in rows] == [empty.article.id, dated.article.id, undated.article.id]
    assert rows[1].counts == {kind: len(getattr(dated, kind)) for kind in RECORD_KINDS}
    assert rows[0].counts == dict.fromkeys(RECORD_KINDS, 0)
    assert rows[1].title == "Envoy decries massacre" and rows[1].analyzed_at.tzinfo is not None
    assert [row.id for row in store.article_rows(limit=1, offset=1)] == [dated.article.id]
    assert len(store) == 3
    assert {ledger.article.id for ledger in store.ledgers()} == {x.article.id for x in (dated, undated, empty)}
    stats = store.stats()
    assert stats["articles"] == 3 and stats["figures"] == 4 and stats["errors"] == 0


def test_delete(store):
    ledger = make_ledger()
    store.write(ledger)
    assert store.delete(ledger.article.id)
    assert not store.delete(ledger.article.id)
    assert set(store.stats().values()) == {0}
    assert store.search("negotiations") == []


def test_errors_are_recorded(store):
    store.record_error("feed.jsonl:12", "invalid JSON")
    store.record_error("photo.txt", "not UTF-8 text (binary data: NUL bytes)")
    errors = store.errors()
    assert [(e.origin, e.reason) for e in errors] == [
        ("feed.jsonl:12", "invalid JSON"),
        ("photo.txt", "not UTF-8 text (binary data: NUL bytes)"),
    ]
    assert errors[0].at.tzinfo is not None
    assert store.stats()["errors"] == 2


def test_in_memory_store():
    with Store.open(":memory:") as memory:
        ledger = make_ledger()
        memory.write(ledger)
        assert memory.get(ledger.article.id) == ledger


# --- search -----------------------------------------------------------------------------------


def test_search_finds_article_text_and_attribution_content(store):
    ledger = make_ledger()
    store.write(ledger)
    store.write(Ledger(article_from_text("Unrelated: the harvest was good this year.")))
    hits = store.search("negotiation")  # stemmed: matches "negotiations"
    kinds = {(hit.kind, hit.record_id) for hit in hits}
    assert kinds == {("article", None), ("attribution", "att-1")}
    assert all(hit.article_id == ledger.article.id and hit.title == "Envoy decries massacre" for hit in hits)
    attribution_hit = next(hit for hit in hits if hit.kind == "attribution")
    assert "[negotiations]" in attribution_hit.snippet
    assert store.search("harvest")[0].kind == "article"
    assert store.search("Khojaly", mark=("<b>", "</b>"))[0].snippet.count("<b>Khojaly</b>") == 1


def test_search_phrases_prefixes_and_accents(store):
    store.write(make_ledger())
    store.write(Ledger(article_from_text("Le président a parlé à Genève.")))
    assert store.search('"told reporters"')
    assert not store.search('"reporters told"')
    assert store.search("negot*")
    assert store.search("geneve") and store.search("président")
    assert store.search("1992", limit=1)[0].article_id == make_ledger().article.id


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "'; DROP TABLE articles; --",
        "AND OR NOT (",
        "*",
        "NEAR(a b",
        "a:b",
        ")",
        "^",
        "-x",
        "''",
        "\x00",
        "\ud800",
        "tell ) OR (1=1",
        "title:massacre",
        "",
        "   ",
        "😀",
        "a" * 5000,
    ],
)
def test_hostile_queries_never_crash_and_change_nothing(store, query):
    ledger = make_ledger()
    store.write(ledger)
    before = store.stats()
    hits = store.search(query)
    assert isinstance(hits, list)
    assert store.stats() == before
    assert store.get(ledger.article.id) == ledger


def test_sql_text_in_a_query_is_searched_as_words(store):
    store.write(make_ledger())
    store.write(Ledger(article_from_text("Hackers tried to drop table articles from the database.")))
    hits = store.search("'; DROP TABLE articles; --")
    assert [hit.snippet.count("[") for hit in hits] == [3]


def test_pg_tsquery_quotes_every_lexeme():
    assert pg_tsquery('say "press conference" occup*') == "'say' & ('press' <-> 'conference') & 'occup':*"
    assert pg_tsquery("it's (1=1) OR x") == "'it' & 's' & '1' & '1' & 'OR' & 'x'"
    assert pg_tsquery('" ( ) * -- \'') is None


def test_fts_query_quotes_every_term():
    assert fts_query('say "press conference" occup*') == '"say" "press conference" "occup"*'
    assert fts_query('" ( ) * --') is None
    assert fts_query("AND OR NOT (") == '"AND" "OR" "NOT"'


def test_search_without_fts_falls_back_to_substrings(store):
    ledger = make_ledger()
    store.write(ledger)
    store.has_fts = False  # the PostgreSQL path
    hits = store.search("NEGOTIATIONS failed")
    assert {(h.kind, h.record_id) for h in hits} == {("article", None), ("attribution", "att-1")}
    assert all("[negotiations]" in h.snippet.lower() for h in hits)
    assert store.search("'; DROP TABLE articles; --") == []
    assert store.search('"') == []


# --- export -----------------------------------------------------------------------------------


@pytest.fixture
def filled(store):
    ledgers = [make_ledger(), make_ledger(TEXT + "\n\nMore.", published=None)]
    for ledger in ledgers:
        store.write(ledger)
    store.record_error("bad.txt", "empty text")
    return store, {ledger.article.id: ledger for ledger in ledgers}


def test_export_jsonl(filled, tmp_path):
    store, ledgers = filled
    out = tmp_path / "out" / "ledgers.jsonl"
    assert export(store, "jsonl", out) == {"ledgers": 2}
    read = [Ledger.from_json(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {ledger.article.id: ledger for ledger in read} == ledgers


def _rebuild(records_by_kind):
    """kind -> rows with a JSON 'record' column -> {(article_id, kind): tuple of records}"""
    rebuilt = {}
    for kind, rows in records_by_kind.items():
        for row in sorted(rows, key=lambda r: (r["article_id"], int(r["position"]))):
            record = from_json_dict(RECORD_KINDS[kind], json.loads(row["record"]))
            rebuilt.setdefault((row["article_id"], kind), []).append(record)
    return {key: tuple(value) for key, value in rebuilt.items()}


def test_export_csv(filled, tmp_path):
    store, ledgers = filled
    counts = export(store, "csv", tmp_path / "csv")
    assert counts["articles"] == 2 and counts["figures"] == 4 and counts["errors"] == 1
    tables = {}
    for name in counts:
        with (tmp_path / "csv" / f"{name}.csv").open(encoding="utf-8", newline="") as stream:
            tables[name] = list(csv.DictReader(stream))
    assert {row["id"]: row["text"] for row in tables["articles"]} == {
        i: ledger.article.text for i, ledger in ledgers.items()
    }
    rebuilt = _rebuild({kind: tables[kind] for kind in RECORD_KINDS})
    for article_id, ledger in ledgers.items():
        for kind in RECORD_KINDS:
            assert rebuilt.get((article_id, kind), ()) == getattr(ledger, kind)
    attribution = next(row for row in tables["attributions"] if row["id"] == "att-1")
    assert attribution["speaker_name"] == "Khazar Farhadov" and attribution["cue_lemma"] == "tell"
    share = next(row for row in tables["figures"] if row["id"] == "fig-2")
    assert (share["value"], share["value_low"], share["approx"], share["unit"]) == ("", "19.5", "true", "percent")
    assert tables["errors"][0]["origin"] == "bad.txt"


def test_export_parquet(filled, tmp_path):
    import pyarrow.parquet as pq

    store, ledgers = filled
    counts = export(store, "parquet", tmp_path / "pq")
    tables = {name: pq.read_table(tmp_path / "pq" / f"{name}.parquet") for name in counts}
    assert {name: table.num_rows for name, table in tables.items()} == counts
    rebuilt = _rebuild({kind: tables[kind].to_pylist() for kind in RECORD_KINDS})
    for article_id, ledger in ledgers.items():
        for kind in RECORD_KINDS:
            assert rebuilt.get((article_id, kind), ()) == getattr(ledger, kind)
    places = tables["places"]
    assert str(places.schema.field("lat").type) == "double"
    assert str(places.schema.field("geonameid").type) == "int64"
    assert str(places.schema.field("metonymic").type) == "bool"
    assert sorted(places.column("geonameid").to_pylist()) == [586523, 586523, 1176615, 1176615]
    assert str(tables["articles"].schema.field("analyzed_at").type) == "timestamp[us, tz=UTC]"


def test_export_of_an_empty_store_writes_headers_and_schemas(store, tmp_path):
    import pyarrow.parquet as pq

    assert set(export(store, "parquet", tmp_path / "pq").values()) == {0}
    assert "speaker_name" in pq.read_table(tmp_path / "pq" / "attributions.parquet").column_names
    export(store, "csv", tmp_path / "csv")
    header = (tmp_path / "csv" / "events.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("article_id,position,id,event,")
    assert export(store, "jsonl", tmp_path / "x.jsonl") == {"ledgers": 0}


def test_export_rejects_unknown_format(store, tmp_path):
    with pytest.raises(ValueError, match="unknown export format"):
        export(store, "xml", tmp_path / "x")
