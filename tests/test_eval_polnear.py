"""The PolNeAR evaluator: reading brat standoff, PolNeAR's span conventions, and the scores.

The gold files here are tiny and hand-made (written to tmp_path); one test runs the real
pipeline over them.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsledger.cli.evaluate import eval_attributions
from newsledger.eval import polnear
from newsledger.eval.polnear import AttributionSpans, annotation_files, ledger_spans, normalise_spans, parse_ann, score
from newsledger.model import Article, Attribution, EntityRef, Ledger, Span
from tests.conftest import SHARED, require_shared

TEXT = 'The minister said that the talks had failed.\n\n"We tried," she added. "Nobody listened."'


def spans(*pairs: tuple[int, int]) -> frozenset[tuple[int, int]]:
    return frozenset(pairs)


def at(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def attribution(text: str, source: str | None, cue: str, *content: str) -> AttributionSpans:
    return AttributionSpans(
        spans(at(text, source)) if source else frozenset(),
        spans(at(text, cue)),
        spans(*(at(text, c) for c in content)),
    )


def brat(text: str) -> str:
    """Gold for TEXT: an indirect attribution and a split quote annotated as Content + Content2."""
    minister, said, that = at(text, "The minister"), at(text, "said"), at(text, "that the talks had failed")
    we, she, added, nobody = at(text, '"We tried,"'), at(text, "she"), at(text, "added"), at(text, '"Nobody listened."')
    return "\n".join(
        [
            f"T1\tSource {minister[0]} {minister[1]}\tThe minister",
            f"T2\tCue {said[0]} {said[1]}\tsaid",
            f"T3\tContent {that[0]} {that[1]}\tthat the talks had failed",
            f"T4\tAttribution {said[0]} {said[1]}\tsaid",
            "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
            f'T5\tContent {we[0]} {we[1]}\t"We tried,"',
            f"T6\tSource {she[0]} {she[1]}\tshe",
            f"T7\tCue {added[0]} {added[1]}\tadded",
            f'T8\tContent {nobody[0]} {nobody[1]}\t"Nobody listened."',
            f"T9\tAttribution {added[0]} {added[1]}\tadded",
            "E2\tAttribution:T9 Content:T5 Cue:T7 Source:T6 Content2:T8",
            "T10\tDiscard 0 3\tThe",
            "#1\tAnnotatorNotes T1\ta note",
        ]
    )


# --- reading ----------------------------------------------------------------------------------


def test_parse_ann_links_roles_and_takes_content2_as_more_content():
    gold = parse_ann(TEXT, brat(TEXT))
    assert gold == [
        attribution(TEXT, "The minister", "said", "that the talks had failed"),
        attribution(TEXT, "she", "added", '"We tried,"', '"Nobody listened."'),
    ]


def test_parse_ann_reads_fragments_and_attributions_without_source():
    text = "It is said that rain will fall,\nand soon."
    ann = "T1\tCue 3 10\tis said\nT2\tContent 11 31;32 41\tthat…\nT3\tAttribution-no-source 3 10\tis said\n"
    ann += "E1\tAttribution-no-source:T3 Cue:T1 Content:T2\n"
    (only,) = parse_ann(text, ann)
    assert only.source == frozenset()
    assert only.content == spans((11, 41))  # fragments split only by a line break are one span


def test_parse_ann_ignores_broken_lines():
    assert parse_ann("x", "garbage\nT1\tCue a b\tx\nE1\tCue:T9\n") == [
        AttributionSpans(frozenset(), frozenset(), frozenset())
    ]


def test_normalise_spans_merges_blank_gaps_and_strips_blanks():
    text = "ab \ncd  ef  "
    assert normalise_spans(text, [(0, 2), (4, 6)]) == spans((0, 6))
    assert normalise_spans(text, [(6, 12)]) == spans((8, 10))
    assert normalise_spans(text, [(3, 4)]) == frozenset()


def test_annotation_files_choose_the_first_annotator_of_each_article(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    for name in ("nyt_a", "nyt_a_b"):
        (tmp_path / "text" / f"{name}.txt").write_text("x", encoding="utf-8")
    for name in ("nyt_a_ffff", "nyt_a_0aaa", "nyt_a_b_1234"):
        (tmp_path / "attributions" / f"{name}.ann").write_text("", encoding="utf-8")
    pairs = [(t.name, a.name) for t, a in annotation_files(tmp_path)]
    assert pairs == [("nyt_a.txt", "nyt_a_0aaa.ann"), ("nyt_a_b.txt", "nyt_a_b_1234.ann")]


# --- scoring ----------------------------------------------------------------------------------


def test_perfect_prediction_scores_100():
    gold = parse_ann(TEXT, brat(TEXT))
    result = score([(TEXT, gold, gold)])
    for key in ("source_f1", "cue_f1", "content_f1", "content_overlap_f1", "attribution_f1"):
        assert result[key] == 100.0


def test_scores_count_exact_spans_and_whole_attributions():
    gold = parse_ann(TEXT, brat(TEXT))
    # The first attribution's content misses its "that"; the second attribution is not found at all.
    predicted = [attribution(TEXT, "The minister", "said", "the talks had failed")]
    result = score([(TEXT, gold, predicted)])
    assert result["cue_precision"] == 100.0 and result["cue_recall"] == 50.0
    assert result["source_f1"] == pytest.approx(66.7)
    assert result["content_precision"] == 0.0
    assert result["attribution_f1"] == 0.0
    # 4 of gold's 5 + 2 + 4 content tokens ('"We tried,"' is 5 tokens: " We tried , ") are found.
    assert result["content_overlap_precision"] == 100.0
    assert 0 < result["content_overlap_recall"] < 50


def test_an_empty_prediction_scores_zero_without_dividing_by_zero():
    result = score([(TEXT, parse_ann(TEXT, brat(TEXT)), [])])
    assert result["attribution_f1"] == 0.0 and result["predicted_attributions"] == 0


# --- the ledger in PolNeAR's terms ------------------------------------------------------------


def span(text: str, words: str) -> Span:
    start, end = at(text, words)
    return Span(start, end, words)


def test_ledger_spans_follow_polnear_conventions():
    text = 'Ana Ruiz said the plan was dead.\n\n"Nobody wants it."\n\nShe said Tom said no.'
    ruiz = EntityRef("Ana Ruiz", mention=span(text, "Ana Ruiz"))
    she_said = text.index("She said") + 4
    tom_said = text.index("Tom said") + 4
    found = (
        Attribution("att-1", "indirect", (span(text, "the plan was dead"),), ruiz, span(text, "said")),
        Attribution("att-2", "direct", (span(text, '"Nobody wants it."'),), EntityRef("Ana Ruiz")),
        Attribution(
            "att-3",
            "indirect",
            (span(text, "Tom said no"),),
            EntityRef("Ana Ruiz"),
            cue=Span(she_said, she_said + 4, "said"),
        ),
        Attribution(
            "att-4",
            "indirect",
            (Span(tom_said + 5, tom_said + 7, "no"),),
            cue=Span(tom_said, tom_said + 4, "said"),
            voice="att-3",
        ),
    )
    mapped = ledger_spans(Ledger(Article("t", text), attributions=found))
    assert mapped[0] == AttributionSpans(
        spans(at(text, "Ana Ruiz")),
        spans(at(text, "said")),
        spans(at(text, "the plan was dead"), at(text, '"Nobody wants it."')),
    )  # the carried-over quote is more content of the attribution before it
    assert len(mapped) == 2  # the nested attribution is left out
    assert mapped[1].source == frozenset()  # a speaker without a mention has no source span


def test_an_unattributed_assessment_is_scored_without_its_cue():
    """The ledger keeps the verb in the content of an unattributed assessment; PolNeAR does not."""
    text = "The truce, by most accounts, is widely seen as a victory."
    cue = span(text, "is widely seen")
    whole = span(text, "The truce, by most accounts, is widely seen as a victory")
    found = (Attribution("att-1", "unattributed", (whole,), cue=cue),)
    (mapped,) = ledger_spans(Ledger(Article("t", text), attributions=found))
    assert mapped.content == spans(at(text, "The truce, by most accounts"), at(text, "as a victory"))
    assert mapped.cue == spans(at(text, "is widely seen"))
    said = (Attribution("att-1", "indirect", (whole,), cue=cue),)  # other kinds are scored as drawn
    assert ledger_spans(Ledger(Article("t", text), attributions=said))[0].content == spans(at(text, whole.text))


# --- end to end -------------------------------------------------------------------------------


@pytest.fixture()
def split(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "wire_one.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "wire_one_abcd.ann").write_text(brat(TEXT), encoding="utf-8")
    return tmp_path


@pytest.mark.slow
def test_evaluate_runs_the_pipeline_on_a_split(split, nlp):
    result = polnear.evaluate(split)
    assert result["documents"] == 1 and result["gold_attributions"] == 2
    assert result["cue_f1"] == 100.0
    assert result["attribution_f1"] > 0


@pytest.mark.slow
def test_command_prints_one_json_object(split, nlp):
    import typer

    app = typer.Typer()
    app.command()(eval_attributions)
    result = CliRunner().invoke(app, [str(split), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"source_f1", "cue_f1", "content_f1", "content_overlap_f1", "attribution_f1"} <= set(data)


def test_command_reports_a_missing_split(tmp_path):
    import typer

    app = typer.Typer()
    app.command()(eval_attributions)
    result = CliRunner().invoke(app, [str(tmp_path), "--json"])
    assert result.exit_code == 2


@pytest.mark.slow
def test_real_dev_articles_score_well_above_chance(nlp):
    """A guard on real data: the first PolNeAR dev articles (the full split is scored by the command)."""
    dev = require_shared(SHARED / "data" / "polnear" / "data" / "dev")
    result = polnear.evaluate(dev, limit=4)
    assert result["documents"] == 4
    assert result["cue_f1"] >= 60 and result["source_f1"] >= 65
    assert result["content_overlap_f1"] >= 80 and result["attribution_f1"] >= 35
