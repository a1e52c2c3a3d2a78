"""The store's query block for the web and the API: filters, pages, date overlap, radius, lookups.

The ledgers here are built by hand (no spaCy), so every filter is checked against records whose
values we know; :func:`sample_ledgers` is shared with the web tests.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from newsledger.ingest.text import article_from_text
from newsledger.model import (
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
)
from newsledger.store import Store
from newsledger.store.store import RecordFilter, timex_bounds

TEXT_1 = (
    "Armenia occupied Khojaly in 1992, the ambassador said.\n\n"
    "“We will never forget,” Khazar Farhadov said in Islamabad. 613 people were killed."
)
TEXT_2 = "Rebels attacked an army post near Nakuru on February 27, the army said. 12 soldiers were killed."


def span(text: str, piece: str, nth: int = 0) -> Span:
    """The Span of the ``nth`` occurrence of ``piece`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return Span(start, start + len(piece), piece)


def sample_ledgers() -> list[Ledger]:
    """Two small hand-made ledgers: an ambassador's statements (2021) and an attack report (2024)."""
    a1 = article_from_text(TEXT_1, published="2021-11-10", title="Ambassador recalls 1992", source="Example Post")
    t = a1.text
    farhadov = EntityRef("Khazar Farhadov", "ent-1", "AZ", mention=span(t, "the ambassador"))
    ledger_1 = Ledger(
        article=a1,
        entities=(
            Entity("ent-1", "Khazar Farhadov", "PERSON", (span(t, "Khazar Farhadov"),), "AZ", title="Ambassador"),
            Entity("ent-2", "Armenia", "GPE", (span(t, "Armenia"),), "AM"),
        ),
        attributions=(
            Attribution(
                "att-1", "indirect", (span(t, "Armenia occupied Khojaly in 1992"),), farhadov, span(t, "said"), "say"
            ),
            Attribution(
                "att-2",
                "direct",
                (span(t, "“We will never forget,”"),),
                EntityRef("Khazar Farhadov", "ent-1", "AZ", mention=span(t, "Khazar Farhadov")),
                span(t, "said", 1),
                "say",
            ),
        ),
        times=(TimeExpr("tim-1", span(t, "1992"), "DATE", "1992", voice="att-1"),),
        figures=(Figure("fig-1", span(t, "613"), value=613.0, concept="people", category="killed"),),
        places=(
            Place("plc-1", span(t, "Khojaly"), "Khojaly", "AZ", 39.91, 46.79, 586523, "city", voice="att-1"),
            Place("plc-2", span(t, "Islamabad"), "Islamabad", "PK", 33.72, 73.04, 1176615, "city"),
        ),
        events=(
            Event(
                "evt-1",
                "COERCE",
                span(t, "occupied"),
                mode="seize",
                actor=EntityRef("Armenia", "ent-2", "AM"),
                date=EventDate("1992", "tim-1"),
                place=EventPlace("Khojaly", "plc-1"),
                voice="att-1",
            ),
            Event("evt-2", "ASSAULT", span(t, "killed"), size={"dead": "fig-1"}),
        ),
        sourcing=(SourcingGroup("AZ", ("Khazar Farhadov",), 2),),
    )
    a2 = article_from_text(TEXT_2, published="2024-02-28", title="Attack near Nakuru", source="Example Wire")
    t = a2.text
    ledger_2 = Ledger(
        article=a2,
        attributions=(
            Attribution(
                "att-1",
                "indirect",
                (span(t, "Rebels attacked an army post near Nakuru on February 27"),),
                EntityRef("the army", None, "KE", mention=span(t, "the army")),
                span(t, "said"),
                "say",
            ),
        ),
        times=(TimeExpr("tim-1", span(t, "February 27"), "DATE", "2024-02-27", anchored=True, voice="att-1"),),
        figures=(Figure("fig-1", span(t, "12"), value=12.0, concept="soldiers", category="killed"),),
        places=(Place("plc-1", span(t, "Nakuru"), "Nakuru", "KE", -0.30, 36.07, 184622, "city", voice="att-1"),),
        events=(
            Event(
                "evt-1",
                "ASSAULT",
                span(t, "attacked"),
                actor=EntityRef("Rebels"),
                recipient=EntityRef("army post", None, "KE"),
                date=EventDate("2024-02-27", "tim-1"),
                place=EventPlace("Nakuru", "plc-1"),
                size={"dead": "fig-1"},
                voice="att-1",
            ),
        ),
        sourcing=(SourcingGroup("KE", ("the army",), 1),),
    )
    return [ledger_1, ledger_2]


PG_URL = os.environ.get("NEWSLEDGER_TEST_PG_URL")


@contextmanager
def postgres_store() -> Iterator[Store]:
    """A Store in a fresh PostgreSQL schema of its own (dropped afterwards), or skip without a server."""
    if not PG_URL:
        pytest.skip("set NEWSLEDGER_TEST_PG_URL to a PostgreSQL database to run this on PostgreSQL (.ci/run does)")
    schema = f"web_queries_{os.getpid()}"
    admin = sa.create_engine(PG_URL)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    url = sa.make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        with Store.open(url.render_as_string(hide_password=False)) as opened:
            yield opened
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request):
    """The sample ledgers in SQLite, and in PostgreSQL when one is configured: the queries must agree."""
    with Store.open(":memory:") if request.param == "sqlite" else postgres_store() as opened:
        for ledger in sample_ledgers():
            opened.write(ledger)
        yield opened


def ids(page) -> list[tuple[str, str]]:
    return [(hit.article.title, hit.record.id) for hit in page.items]


def test_records_come_newest_article_first_with_their_article(store):
    page = store.find_records("events")
    assert ids(page) == [
        ("Attack near Nakuru", "evt-1"),
        ("Ambassador recalls 1992", "evt-1"),
        ("Ambassador recalls 1992", "evt-2"),
    ]
    assert page.next_offset is None
    assert page.items[0].article.published == "2024-02-28"
    assert page.items[0].record.place == EventPlace("Nakuru", "plc-1")


def test_pages_follow_each_other_without_gaps(store):
    first = store.find_records("events", limit=2)
    second = store.find_records("events", limit=2, offset=first.next_offset)
    assert first.next_offset == 2 and second.next_offset is None
    assert ids(first) + ids(second) == ids(store.find_records("events"))


def test_speaker_filter_is_case_insensitive_and_exact(store):
    page = store.find_records("attributions", RecordFilter(speaker="khazar FARHADOV"))
    assert [hit.record.id for hit in page.items] == ["att-1", "att-2"]
    assert store.find_records("attributions", RecordFilter(speaker="Khazar")).items == []


def test_entity_filter_matches_actor_or_recipient_of_events(store):
    assert ids(store.find_records("events", RecordFilter(entity="armenia"))) == [("Ambassador recalls 1992", "evt-1")]
    assert ids(store.find_records("events", RecordFilter(entity="Army Post"))) == [("Attack near Nakuru", "evt-1")]


def test_country_filter_per_kind(store):
    assert [h.record.name for h in store.find_records("places", RecordFilter(country="pk")).items] == ["Islamabad"]
    speakers = store.find_records("attributions", RecordFilter(country="KE")).items
    assert [h.record.speaker.name for h in speakers] == ["the army"]
    events = store.find_records("events", RecordFilter(country="AM")).items
    assert [h.record.event for h in events] == ["COERCE"]


def test_event_type_and_category(store):
    assert len(store.find_records("events", RecordFilter(event_type="assault")).items) == 2
    assert [h.record.value for h in store.find_records("figures", RecordFilter(category="KILLED")).items] == [12, 613]


def test_date_order_leaves_undated_events_out(store):
    page = store.find_records("events", RecordFilter(order="date"))
    assert [h.record.date.value for h in page.items] == ["1992", "2024-02-27"]


def test_date_range_keeps_events_whose_date_overlaps_it(store):
    inside_1992 = RecordFilter(date_from="1992-06-01", date_to="1992-06-30")
    assert [h.record.id for h in store.find_records("events", inside_1992).items] == ["evt-1"]
    february = RecordFilter(date_from="2024-02-01", date_to="2024-02-29", order="date")
    assert [h.record.date.value for h in store.find_records("events", february).items] == ["2024-02-27"]
    assert store.find_records("events", RecordFilter(date_from="2025-01-01")).items == []
    assert [h.record.value for h in store.find_records("times", RecordFilter(date_to="2000-01-01")).items] == ["1992"]


def test_published_range_filters_on_the_article(store):
    page = store.find_records("figures", RecordFilter(published_from="2022-01-01"))
    assert [h.article.title for h in page.items] == ["Attack near Nakuru"]
    rows, next_offset = store.find_articles(published_to="2021-12-31")
    assert [r.title for r in rows] == ["Ambassador recalls 1992"] and next_offset is None


def test_near_keeps_places_within_the_radius(store):
    near_khojaly = RecordFilter(near=(39.95, 46.85, 20))
    assert [h.record.name for h in store.find_records("places", near_khojaly).items] == ["Khojaly"]
    assert store.find_records("places", RecordFilter(near=(39.95, 46.85, 1))).items == []
    wide = store.find_records("places", RecordFilter(near=(36.0, 60.0, 2500))).items
    assert sorted(h.record.name for h in wide) == ["Islamabad", "Khojaly"]


def test_near_keeps_events_at_places_within_the_radius(store):
    page = store.find_records("events", RecordFilter(near=(-0.28, 36.05, 10)))
    assert [(h.article.title, h.record.id) for h in page.items] == [("Attack near Nakuru", "evt-1")]


def test_near_across_the_antimeridian():
    text = "Quake near Suva and in Apia."
    article = article_from_text(text)
    places = (
        Place("plc-1", span(text, "Suva"), "Suva", "FJ", -18.14, 178.44),
        Place("plc-2", span(text, "Apia"), "Apia", "WS", -13.83, -171.77),
    )
    with Store.open(":memory:") as store:
        store.write(Ledger(article, places=places))
        found = store.find_records("places", RecordFilter(near=(-16.0, 179.9, 1200))).items
    assert sorted(h.record.name for h in found) == ["Apia", "Suva"]


def test_a_filter_that_does_not_apply_is_an_error(store):
    with pytest.raises(ValueError, match="speaker does not apply to figures"):
        store.find_records("figures", RecordFilter(speaker="x"))
    with pytest.raises(ValueError, match="unknown record kind"):
        store.find_records("sources")


def test_records_by_id_finds_voices_and_figures_across_articles(store):
    article_1, article_2 = (ledger.article.id for ledger in sample_ledgers())
    found = store.records_by_id("figures", [(article_1, "fig-1"), (article_2, "fig-1"), (article_2, "fig-9")])
    assert {key: figure.value for key, figure in found.items()} == {(article_1, "fig-1"): 613, (article_2, "fig-1"): 12}


def test_speakers_counts_statements_and_articles(store):
    rows = store.speakers()
    assert [(r.name, r.statements, r.articles, r.country) for r in rows] == [
        ("Khazar Farhadov", 2, 1, "AZ"),
        ("the army", 1, 1, "KE"),
    ]
    assert [r.name for r in store.speakers(country="ke")] == ["the army"]


def test_place_points_and_event_places(store):
    points = {p.name: p for p in store.place_points()}
    assert set(points) == {"Khojaly", "Islamabad", "Nakuru"}
    assert (points["Nakuru"].lat, points["Nakuru"].mentions, points["Nakuru"].articles) == (-0.30, 1, 1)
    assert {p.name for p in store.place_points(of_events=True)} == {"Khojaly", "Nakuru"}
    assert [p.name for p in store.place_points(RecordFilter(event_type="COERCE"))] == ["Khojaly"]


def test_timex_bounds():
    assert timex_bounds("1992") == ("1992-01-01", "1992-12-31")
    assert timex_bounds("2020-09-27") == ("2020-09-27", "2020-09-27")
    assert timex_bounds("1991/1993") == ("1991-01-01", "1993-12-31")
    assert timex_bounds("XXXX-09-27") is None
    assert timex_bounds("") is None
