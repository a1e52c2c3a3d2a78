"""The TimeML evaluator: reading .tml gold, TempEval-3 scoring, and the command, on tiny hand-made files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsledger.cli.evaluate import eval_time
from newsledger.eval.timeml import (
    Counts,
    GoldTimex,
    TimeMLDocument,
    evaluate,
    metrics,
    read_tml,
    score_document,
    tml_files,
)
from newsledger.model import Span, TimeExpr, normalise_text
from tests.conftest import SHARED, require_shared

TML = (
    '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>TEST-1</DOCID>\n'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" '
    'functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>\n'
    "<TEXT>\n"
    'Stocks &amp; bonds <EVENT eid="e1" class="OCCURRENCE">fell</EVENT> '
    '<TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3>.   \n'  # trailing blanks: stripped
    'In <TIMEX3 tid="t2" type="DURATION" value="P1D" temporalFunction="true">the last twenty four hours</TIMEX3>, '
    "the index lost 12 percent.\n"
    'The rally of <TIMEX3 tid="t3" type="DATE" value="1997-10" mod="END">late October</TIMEX3> is gone.\n'
    "</TEXT>\n</TimeML>\n"
)


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def time(doc: TimeMLDocument, text: str, type_: str, value: str, occurrence: int = 0) -> TimeExpr:
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(text, start + 1)
    return TimeExpr(id=f"tim-{start}", span=Span(start, start + len(text), text), type=type_, value=value)


# --- reading -------------------------------------------------------------------------------------


def test_read_tml_text_dct_and_gold_offsets(tmp_path):
    doc = read_tml(write(tmp_path, "a.tml", TML))
    assert doc.dct == "1998-01-08"
    assert doc.text.startswith("Stocks & bonds fell yesterday.\nIn the last")  # entities decoded, blanks stripped
    assert normalise_text(doc.text) == doc.text  # the text ingest would give the pipeline
    assert [(g.text, g.type, g.value, g.mod) for g in doc.timexes] == [
        ("yesterday", "DATE", "1998-01-07", None),
        ("the last twenty four hours", "DURATION", "P1D", None),
        ("late October", "DATE", "1997-10", "END"),
    ]
    for gold in doc.timexes:  # offsets index the normalised text exactly
        assert doc.text[gold.start : gold.end] == gold.text


def test_the_creation_time_is_not_gold_even_inside_the_text(tmp_path):
    inner = TML.replace("<TEXT>\n", '<TEXT>\n<TIMEX3 tid="t9" type="DATE" value="1998-01-08" '
                        'functionInDocument="CREATION_TIME">January 8, 1998</TIMEX3>\n')
    doc = read_tml(write(tmp_path, "b.tml", inner))
    assert "January 8, 1998" not in [g.text for g in doc.timexes]
    assert doc.excluded == ((0, len("January 8, 1998")),)
    dct_tagged = time(doc, "January 8, 1998", "DATE", "1998-01-08")
    assert score_document(doc, [dct_tagged]).system == 0  # the scorer never sees the DCT


def test_compact_and_missing_creation_times(tmp_path):
    compact = TML.replace('value="1998-01-08" temporalFunction', 'value="19980108" temporalFunction')
    assert read_tml(write(tmp_path, "c.tml", compact)).dct == "1998-01-08"
    missing = TML.replace('functionInDocument="CREATION_TIME"', "")
    assert read_tml(write(tmp_path, "d.tml", missing)).dct is None


def test_a_file_without_text_has_no_gold(tmp_path):
    doc = read_tml(write(tmp_path, "e.tml", "<TimeML><DOCID>x</DOCID></TimeML>"))
    assert (doc.text, doc.timexes) == ("", ())


def test_tml_files_finds_each_document_once(tmp_path):
    write(tmp_path, "a.tml", TML)
    (tmp_path / "copy").mkdir()
    write(tmp_path / "copy", "a.tml", TML)  # a byte-identical copy elsewhere
    write(tmp_path, "b.tml", TML.replace("TEST-1", "TEST-2"))
    write(tmp_path, "notes.txt", "not TimeML")
    files = tml_files([tmp_path, tmp_path / "a.tml"])
    assert [f.name for f in files] == ["a.tml", "b.tml"]


# --- scoring ----------------------------------------------------------------------------------------


def test_relaxed_strict_type_and_value(tmp_path):
    doc = read_tml(write(tmp_path, "a.tml", TML))
    system = [
        time(doc, "yesterday", "DATE", "1998-01-07"),  # exact, right value
        time(doc, "last twenty four hours", "DURATION", "PT24H"),  # overlaps, wrong value
        time(doc, "October", "DATE", "1997-10"),  # overlaps, right value
        time(doc, "12 percent", "DURATION", "P12D"),  # spurious
    ]
    counts = score_document(doc, system)
    assert (counts.gold, counts.system, counts.relaxed, counts.strict) == (3, 4, 3, 1)
    assert (counts.type_correct, counts.value_correct) == (3, 2)
    scores = metrics(counts)
    assert scores["relaxed_precision"] == 75.0 and scores["relaxed_recall"] == 100.0
    assert scores["strict_f1"] == round(100 * 2 * (1 / 4) * (1 / 3) / (1 / 4 + 1 / 3), 2)
    assert (scores["type_accuracy"], scores["value_accuracy"]) == (100.0, 66.67)
    # TempEval-3's value F1: value accuracy x relaxed F1 = F1 of (correct / system, correct / gold)
    assert scores["value_f1"] == round(100 * 2 * (2 / 4) * (2 / 3) / (2 / 4 + 2 / 3), 2)
    kinds = sorted(e["kind"] for e in counts.errors)
    assert kinds == ["mismatch", "mismatch", "spurious"]


def test_matching_is_one_to_one_largest_overlap_first():
    doc = TimeMLDocument("x", "Monday and Tuesday nights", "2020-01-01", (
        GoldTimex(0, 6, "Monday", "SET", "XXXX-WXX-1"),
        GoldTimex(11, 25, "Tuesday nights", "SET", "XXXX-WXX-2TNI"),
    ))
    one = TimeExpr("tim-1", Span(0, 25, doc.text), "DATE", "XXXX-WXX-2TNI")
    counts = score_document(doc, [one])
    assert (counts.relaxed, counts.strict, counts.value_correct) == (1, 0, 1)  # paired with 'Tuesday nights'
    assert [e["kind"] for e in counts.errors] == ["mismatch", "missed"]


def test_blanks_around_a_span_do_not_break_a_strict_match():
    doc = TimeMLDocument("x", "on Monday .", None, (GoldTimex(3, 9, "Monday", "DATE", "XXXX-WXX-1"),))
    padded = TimeExpr("tim-1", Span(2, 10, " Monday "), "DATE", "XXXX-WXX-1")
    assert score_document(doc, [padded]).strict == 1


def test_metrics_of_nothing_are_zero():
    scores = metrics(Counts())
    assert all(scores[k] == 0 for k in ("relaxed_f1", "strict_f1", "type_accuracy", "value_accuracy", "value_f1"))


# --- the pipeline and the command --------------------------------------------------------------------


def test_evaluate_runs_the_pipeline_with_the_dct(tmp_path, nlp):
    path = write(tmp_path, "a.tml", TML)
    result = evaluate(path, with_errors=True)
    assert result["documents"] == 1 and result["gold"] == 3
    for key in ("relaxed_f1", "strict_f1", "type_accuracy", "value_accuracy", "value_f1"):
        assert 0 <= result[key] <= 100
    assert result["relaxed_f1"] > 0  # 'yesterday' is found and anchored to the DCT
    yesterday = [e for e in result["errors"] if e["gold"] and e["gold"]["text"] == "yesterday"]
    assert yesterday == []  # found, exactly, with its value


def test_command_prints_one_json_object(tmp_path, nlp):
    path = write(tmp_path, "a.tml", TML)
    result = CliRunner().invoke(_app(), [str(path), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert {"relaxed_f1", "strict_f1", "type_accuracy", "value_accuracy", "value_f1"} <= set(scores)


def test_command_table_and_errors(tmp_path, nlp):
    path = write(tmp_path, "a.tml", TML)
    result = CliRunner().invoke(_app(), [str(path), "--errors", "2"])
    assert result.exit_code == 0, result.output
    assert "value F1" in result.output


def test_command_without_tml_files_fails_cleanly(tmp_path):
    result = CliRunner().invoke(_app(), [str(tmp_path)])
    assert result.exit_code == 2


def _app():
    import typer

    app = typer.Typer()
    app.command()(eval_time)
    return app


def test_a_real_timebank_file(nlp):
    path = require_shared(SHARED / "data" / "timeml" / "TBAQ-cleaned" / "TimeBank" / "wsj_1003.tml")
    result = evaluate(path)
    assert result["gold"] > 10
    assert result["relaxed_f1"] > 80 and result["value_f1"] > 60


@pytest.mark.parametrize("markup", ["<TEXT>\u00e9t\u00e9 &#233; <TIMEX3 tid='t1' type='DATE' value='1999'>1999"
                                    "</TIMEX3>\r\n\r\n end </TEXT>", "<TEXT><TIMEX3 tid='t1'></TIMEX3></TEXT>",
                                    "<TEXT>a < b <!-- note --> <TIMEX3 tid='t1' type='DATE' value='X'>now</TEXT>"])
def test_odd_markup_reads_without_error(tmp_path, markup):
    doc = read_tml(write(tmp_path, "odd.tml", markup))
    for gold in doc.timexes:
        assert doc.text[gold.start : gold.end] == gold.text
