"""PLOVER evaluator (eval/plover.py) and the PLOVER/CAMEO export (plover_export.py)."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from typer.testing import CliRunner

from newsledger.cli.evaluate import eval_events
from newsledger.eval import plover
from newsledger.export.plover import cameo_code, coded_category, plover_record, plover_records, read_cameo_table
from newsledger.model import Article, EntityRef, Event, EventDate, EventPlace, Figure, Ledger, Place, Span
from tests.conftest import SHARED, require_shared

GSR = SHARED / "data" / "plover" / "gold_standard_records" / "PLOVER_GSR_CAMEO.txt"
CAMEO_TABLE = SHARED / "data" / "plover" / "CAMEO2PLOVER-2021.txt"


# --- labels and countries -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "mode", "expected"),
    [("DEMAND", None, "REQUEST"), ("DISAPPROVE", None, "ACCUSE"), ("INVESTIGATE", None, "ACCUSE"),
     ("FIGHT", "heavy-weapons", "ASSAULT"), ("COERCE", "destroy", "ASSAULT"), ("FIGHT", "deport", "COERCE"),
     ("AGREE", None, "AGREE"), ("assault", None, "ASSAULT"), ("DOCUMENT", None, None)],
)  # fmt: skip
def test_plover_05_labels_map_to_2_0(label, mode, expected):
    assert plover.plover2(label, mode) == expected


def test_gold_countries():
    assert [plover.country(c) for c in ("ISR", "JAP", "UNO", "NGO", "fr", "Azerbaijan", "", None)] == [
        "IL", "JP", "non-state", "non-state", "FR", "AZ", None, None]  # fmt: skip


def test_read_gsr_groups_records_by_sentence():
    records = [
        {"id": "DOC", "event": "DOCUMENT", "eventText": "..."},
        {"id": "a", "event": "DEMAND", "text": "X demanded Y.", "source": [{"code": "USA"}],
         "target": [{"code": "IRQ"}]},
        {"id": "b", "event": "FIGHT", "text": "X demanded Y.", "source": [{"code": "USA"}], "target": ""},
        {"id": "c", "event": "AGREE", "text": "A and B agreed.", "source": [{"code": "ISR"}, {"code": "PSE"}]},
    ]  # fmt: skip
    sentences = plover.read_gsr(records)
    assert [s.text for s in sentences] == ["X demanded Y.", "A and B agreed."]
    first, second = sentences
    assert first.types == {"REQUEST", "ASSAULT"} and first.recipients == {"REQUEST": {"IQ"}, "ASSAULT": set()}
    assert second.actors == {"AGREE": {"IL", "PS"}} and first.ids == ["a", "b"]


def test_read_jsonl(tmp_path):
    path = tmp_path / "gold.jsonl"
    lines = [{"text": "Rebels attacked the town.", "events": [{"event": "ASSAULT", "actor": "SYR"}]},
             {"text": "Iran threatened Iraq.", "events": [{"event": "THREATEN", "actor": "IR", "recipient": "Iraq"}]}]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n\n", encoding="utf-8")
    sentences = plover.read_gold(path)
    assert [(s.types, s.actors, s.recipients) for s in sentences] == [
        ({"ASSAULT"}, {"ASSAULT": {"SY"}}, {"ASSAULT": set()}),
        ({"THREATEN"}, {"THREATEN": {"IR"}}, {"THREATEN": {"IQ"}}),
    ]  # fmt: skip


# --- scoring --------------------------------------------------------------------------------------------


def test_scoring_counts_types_actors_and_recipients():
    gold = plover.GoldSentence("s")
    gold.add("ASSAULT", ["SY"], ["LB"])
    gold.add("THREATEN", ["IR"], [])
    counts = plover.Counts()
    system = [plover.SystemEvent("ASSAULT", "SY", "IL", "attacked"), plover.SystemEvent("AGREE", None, None, "x")]
    plover.score_sentence(gold, system, counts)
    assert counts.tp == Counter(ASSAULT=1) and counts.fn == Counter(THREATEN=1) and counts.fp == Counter(AGREE=1)
    assert (counts.actor_total, counts.actor_correct, counts.recipient_total, counts.recipient_correct) == (1, 1, 1, 0)
    scores = plover.metrics(counts, gold.types)
    assert scores["event_micro_f1"] == 50.0 and scores["event_macro_f1"] == 50.0  # ASSAULT 100, THREATEN 0
    assert (scores["actor_accuracy"], scores["recipient_accuracy"]) == (100.0, 0.0)


def test_evaluate_jsonl_end_to_end(tmp_path):
    path = tmp_path / "gold.jsonl"
    lines = [{"text": "Syrian troops attacked Lebanese villagers on Monday.",
              "events": [{"event": "ASSAULT", "actor": "SY", "recipient": "LB"}]},
             {"text": "Iran threatened to attack Iraq.", "events": [{"event": "THREATEN", "actor": "IR"}]}]
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    result = plover.evaluate(path)
    assert result["sentences"] == 2 and result["event_micro_f1"] == 100.0
    assert result["actor_accuracy"] == 100.0 and result["recipient_accuracy"] == 100.0


def test_command_prints_one_json_object(tmp_path):
    import typer

    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"text": "Iran threatened Iraq.", "events": [{"event": "THREATEN"}]}), encoding="utf-8")
    app = typer.Typer()
    app.command()(eval_events)
    result = CliRunner().invoke(app, [str(path), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert {"event_micro_f1", "event_macro_f1", "actor_accuracy", "recipient_accuracy"} <= set(scores)


@pytest.mark.slow
def test_gsr_bars():
    """The issue's bars on the PLOVER gold standard records (316 sentences; about 15 s)."""
    result = plover.evaluate(require_shared(GSR))
    assert result["sentences"] > 300
    assert result["event_micro_f1"] >= 75 and result["event_macro_f1"] >= 60
    assert result["actor_accuracy"] >= 70 and result["recipient_accuracy"] >= 65


# --- export ---------------------------------------------------------------------------------------------


def _event(event: str, modality: str = "asserted", mode: str | None = None, **kwargs) -> Event:
    return Event("evt-1", event, Span(0, 8, "attacked"), mode=mode, modality=modality, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("event", "modality", "mode", "expected"),
    [("ASSAULT", "asserted", "aerial", ("ASSAULT", "aerial")), ("SUPPORT", "future", None, ("AGREE", None)),
     ("CONSULT", "future", "visit", ("AGREE", None)), ("RETREAT", "future", "withdraw", ("CONCEDE", None)),
     ("ASSAULT", "future", None, ("THREATEN", "violence")), ("COERCE", "future", "arrest", ("THREATEN", "arrest")),
     ("SANCTION", "future", "expel", ("THREATEN", "expel")), ("REQUEST", "future", None, ("REQUEST", None)),
     ("ASSAULT", "negated", None, None), ("RETREAT", "demanded", None, None), ("ASSAULT", "threatened", None, None),
     ("ASSAULT", "hypothetical", None, None), ("NOT-A-TYPE", "asserted", None, None)],
)  # fmt: skip
def test_coded_category_follows_the_manual(event, modality, mode, expected):
    assert coded_category(_event(event, modality, mode)) == expected


def test_cameo_codes_without_and_with_the_conversion_table(tmp_path):
    assert (cameo_code("ASSAULT"), cameo_code("ACCUSE", "investigate"), cameo_code("ACCUSE", "allege")) == (
        "18", "09", "11")  # fmt: skip
    assert cameo_code("ASSAULT", "unconventional") == "20" and cameo_code("FIGHT") is None
    table = tmp_path / "c2p.txt"
    table.write_text("# header\n04: CONSULT\n040: CONSULT, ,  # Consult\n042: CONSULT, visit,   # Make a visit\n"
                     "043: CONSULT, visit,   # Host a visit\n0841: RETREAT, release,   legal # Release\n", "utf-8")
    assert read_cameo_table(str(table))[("CONSULT", "visit")] == "042"
    assert cameo_code("CONSULT", "visit", table) == "042" and cameo_code("CONSULT", None, table) == "04"
    assert cameo_code("RETREAT", "release", table) == "0841" and cameo_code("RETREAT", "withdraw", table) == "08"


def test_cameo_codes_from_the_shared_table():
    table = require_shared(CAMEO_TABLE)
    assert cameo_code("CONSULT", "visit", table) == "042"
    assert cameo_code("ASSAULT", None, table) == "18" and cameo_code("PROTEST", "demo", table) == "141"


def test_plover_record_form():
    text = "On May 2, 2020, Syrian troops attacked Lebanese villagers in Tyre, killing 12."
    ledger = Ledger(
        article=Article(id="a1", text=text, title="Raid", url="https://example.org/raid"),
        figures=(Figure("fig-1", Span(75, 77, "12"), value=12, category="killed"),),
        places=(Place("plc-1", Span(61, 65, "Tyre"), "Tyre", country="LB", lat=33.27, lon=35.2, geonameid=267008),),
        events=(
            Event("evt-1", "ASSAULT", Span(30, 38, "attacked"), mentions=(Span(67, 74, "killing"),),
                  actor=EntityRef("Syrian troops", "ent-1", "SY", "MIL", Span(16, 29, "Syrian troops")),
                  recipient=EntityRef("Lebanese villagers", None, "LB", "CVL"),
                  date=EventDate("2020-05-02", "tim-1"), place=EventPlace("Tyre", "plc-1"), size={"dead": "fig-1"}),
            Event("evt-2", "RETREAT", Span(0, 2, "On"), date=EventDate("1992-02-25/1992-02-26"), modality="future"),
            Event("evt-3", "ASSAULT", Span(0, 2, "On"), modality="negated"),
        ),
    )  # fmt: skip
    first, second = plover_records(ledger)
    assert first["id"] == "a1-evt-1" and first["date"] == "2020-05-02" and first["event"] == ["ASSAULT"]
    assert first["actor"] == [{"code": "SYR", "sector": "MIL", "entity_text": "Syrian troops",
                               "identifier_text": "Syrian troops"}]  # fmt: skip
    assert first["recipient"][0]["code"] == "LBN" and first["quad_code"] == 4 and first["event_scale"] == -9
    assert first["event_loc"] == {"extracted_place": "Tyre", "resolved_place": "Tyre", "geonameid": 267008,
                                  "lat": 33.27, "lon": 35.2, "country_code": "LBN"}  # fmt: skip
    assert first["size"] == {"dead": 12} and first["event_text"] == ["attacked", "killing"]
    assert first["cameo"] == "18" and first["cite_info"]["url"] == "https://example.org/raid"
    assert (second["event"], second["context"], second["date"], second["enddate"]) == (
        ["CONCEDE"], ["future"], "1992-02-25", "1992-02-26")  # fmt: skip
    assert plover_record(ledger.events[2], ledger) is None
    json.dumps(first)  # plain JSON
