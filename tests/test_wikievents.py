"""The WikiEvents scorer: both layouts read, mentions matched once, neutral overlaps, arguments, the CLI."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.eval import wikievents
from newsledger.model import Article, Entity, EntityRef, Event, EventPlace, Ledger, Span
from tests.conftest import SHARED, require_shared

TEXT = "Gunmen attacked a market in Kabul. Three people died in the attack."


def _original_record() -> dict:
    words = [("Gunmen", 0), ("attacked", 7), ("a", 16), ("market", 18), ("in", 25), ("Kabul", 28), (".", 33),
             ("Three", 35), ("people", 41), ("died", 48), ("in", 53), ("the", 56), ("attack", 60), (".", 66)]
    tokens = [[w, start, start + len(w)] for w, start in words]
    return {
        "doc_id": "d1", "tokens": [w for w, _ in words], "text": TEXT.replace(". ", "."),
        "sentences": [[tokens[:7], TEXT[:34]], [tokens[7:], TEXT[35:]]],
        "entity_mentions": [], "relation_mentions": [],
        "event_mentions": [
            {"id": "e1", "event_type": "Conflict.Attack.Unspecified",
             "trigger": {"start": 1, "end": 2, "text": "attacked"},
             "arguments": [{"entity_id": "t1", "role": "Attacker", "text": "Gunmen"},
                           {"entity_id": "t2", "role": "Target", "text": "market"},
                           {"entity_id": "t3", "role": "Place", "text": "Kabul"}]},
            {"id": "e2", "event_type": "Life.Die.Unspecified", "trigger": {"start": 9, "end": 10, "text": "died"},
             "arguments": []},
            {"id": "e3", "event_type": "Conflict.Attack.Unspecified",
             "trigger": {"start": 12, "end": 13, "text": "attack"},
             "arguments": []},
        ],
    }  # fmt: skip


def test_the_original_layout_places_each_sentence_at_its_offset(tmp_path):
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps(_original_record()) + "\n", encoding="utf-8")
    (gold,) = wikievents.read_gold(path)
    assert gold.text == TEXT
    assert [(m.text, m.plover) for m in gold.mentions] == [
        ("attacked", "ASSAULT"), ("died", None), ("attack", "ASSAULT")]
    assert gold.mentions[0].arguments["Place"] == ["Kabul"]


def test_the_retokenised_layout_is_rebuilt_and_its_chains_read_once(tmp_path):
    record = {"docid": "d2", "tokens": ["Police", "arrested", "the", "group", "’", "s", "leader", "."],
              "sentences": ["Police arrested the group ’ s leader "],
              "event_mentions": [{"event_type": "Justice.ArrestJailDetain", "trigger": {"start_idx": 1, "end_idx": 2,
                                  "text": "arrested"}, "arguments": [{"role": "Jailer", "text": "Police"}]}] * 2}
    path = tmp_path / "train.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (gold,) = wikievents.read_gold(path)
    assert gold.text == "Police arrested the group’s leader."
    assert [(m.text, m.plover) for m in gold.mentions] == [("arrested", "COERCE")]


def test_bad_input_is_a_value_error(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"doc_id": "x"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="line 1"):
        wikievents.read_gold(path)


def _span(piece: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(piece, start + 1)
    return Span(start, start + len(piece), piece)


def test_scoring_matches_once_skips_neutral_overlaps_and_checks_arguments(tmp_path):
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps(_original_record()) + "\n", encoding="utf-8")
    (gold,) = wikievents.read_gold(path)
    gunmen = Entity("ent-1", "Gunmen", "NORP", (_span("Gunmen"),), sector="REB")
    ledger = Ledger(article=Article(id="a", text=TEXT), entities=(gunmen,), events=(
        Event("evt-1", "ASSAULT", _span("attacked"), mentions=(_span("died"), _span("attack", 1)),
              actor=EntityRef("Gunmen", entity="ent-1", mention=_span("Gunmen")),
              recipient=EntityRef("a market"), place=EventPlace("Kabul")),
        Event("evt-2", "PROTEST", _span("market")),  # no gold PROTEST there: wrong
        Event("evt-3", "AGREE", _span("Three")),  # a type WikiEvents does not annotate: not scored
    ))
    counts = wikievents.Counts()
    wikievents.score_article(gold, ledger, counts)
    result = wikievents.metrics(counts)
    assert (result["assault_precision"], result["assault_recall"]) == (100.0, 100.0)  # "died" is neutral
    assert result["micro_precision"] == pytest.approx(66.67) and result["micro_recall"] == 100.0
    assert (result["attacker_accuracy"], result["target_accuracy"], result["place_accuracy"]) == (100.0, 100.0, 100.0)


def test_cli_rejects_a_file_that_is_not_wikievents(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text("not json\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "wikievents", str(path)])
    assert result.exit_code == 2 and "not a WikiEvents file" in result.output


@pytest.mark.slow
def test_cli_scores_the_dev_split():
    dev = require_shared(SHARED / "data" / "wikievents" / "dev.jsonl")
    result = CliRunner().invoke(app, ["eval", "wikievents", str(dev), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["articles"] == 20 and scores["assault_recall"] > 50
