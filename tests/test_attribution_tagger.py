"""The attribution span tagger: labels from drafts, spans from labels, features, and how it redraws drafts."""

from __future__ import annotations

import pytest

from newsledger.extract import attributions
from newsledger.extract.attributions import tagger
from newsledger.model import Article, Ledger

pytestmark = pytest.mark.slow

TEXT = "The minister said on Friday that the talks had failed. Nobody else spoke."


@pytest.fixture(scope="module")
def layout(nlp):
    return attributions.Layout(nlp(TEXT), attributions.lexicon())


def at(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def draft(cue: str, content: str, nested: bool = False) -> attributions.Draft:
    return attributions.Draft("indirect", [at(TEXT, content)], at(TEXT, cue), "say", nested=nested)


def fixed_tags(monkeypatch, layout, parts: list[tuple[str, str]]) -> None:
    """Stand in for the trained CRF: the tokens of the given words get the given roles."""
    labels = [tagger.OUTSIDE] * len(layout.doc)
    for role, words in parts:
        tagger.label_range(layout, labels, role, *at(TEXT, words))
    monkeypatch.setattr(tagger, "tag", lambda layout, drafts: list(labels))


def test_labels_and_spans_round_trip(layout):
    labels = [tagger.OUTSIDE] * len(layout.doc)
    tagger.label_range(layout, labels, "CUE", *at(TEXT, "said on Friday"))
    tagger.label_range(layout, labels, "CONTENT", *at(TEXT, "that the talks had failed"))
    assert labels[:4] == ["O", "O", "B-CUE", "I-CUE"]
    spans = tagger.spans_of(layout, labels)
    assert [TEXT[s:e] for s, e in spans["CUE"]] == ["said on Friday"]
    assert [TEXT[s:e] for s, e in spans["CONTENT"]] == ["that the talks had failed"]
    assert spans["SOURCE"] == []


def test_draft_labels_leave_nested_drafts_out(layout):
    outer = draft("said", "that the talks had failed")
    outer.speaker = layout.doc[1]  # "minister"
    inner = draft("spoke", "Nobody", nested=True)
    labels = tagger.draft_labels(layout, [outer, inner])
    assert labels[0:3] == ["B-SOURCE", "I-SOURCE", "B-CUE"]
    assert labels[-2] == tagger.OUTSIDE  # "spoke" belongs to a nested draft


def test_features_are_one_list_per_token_and_name_the_draft_label(layout):
    labels = tagger.draft_labels(layout, [draft("said", "that the talks had failed")])
    features = tagger.token_features(layout, labels)
    assert len(features) == len(layout.doc)
    assert "sys=B-CUE" in features[2] and "w=said" in features[2] and "lex" in features[2]
    assert "BOS" in features[0] and "EOS" in features[layout.doc[-1].i]


def test_the_tagger_reads_only_the_sentences_of_outermost_drafts_and_the_next(nlp):
    text = (
        "Rain fell. The minister said the talks failed. She left early. It was cold. "
        "Nobody spoke to reporters. The end came."
    )
    layout = attributions.Layout(nlp(text), attributions.lexicon())
    outer = attributions.Draft("indirect", [at(text, "the talks failed")], at(text, "said"), "say")
    nested = attributions.Draft("indirect", [at(text, "to reporters")], at(text, "spoke"), "speak", nested=True)
    stretches = tagger.runs(layout, [outer, nested])
    assert tagger.SENTENCES_AFTER == 1  # the draft's sentence and the next one
    read = [layout.doc[r.start : r.stop].text for r in stretches]
    assert read == ["The minister said the talks failed. She left early."]
    (run, features), *_ = tagger.stretch_features(layout, [outer])
    assert run == stretches[0] and len(features) == len(run)
    assert tagger.runs(layout, []) == [] and tagger.stretch_features(layout, []) == []


def test_redraw_moves_edges_to_the_single_overlapping_span(layout, monkeypatch):
    fixed_tags(monkeypatch, layout, [("CUE", "said on Friday"), ("CONTENT", "that the talks had failed")])
    moved = draft("said", "on Friday that the talks had failed.")
    nested = draft("said", "that the talks", nested=True)
    tagger.redraw(layout, [moved, nested])
    assert TEXT[slice(*moved.cue)] == "said on Friday"
    assert [TEXT[s:e] for s, e in moved.content] == ["that the talks had failed"]
    assert TEXT[slice(*nested.cue)] == "said"  # nested drafts are not PolNeAR's to redraw


def test_redraw_keeps_a_part_when_the_tags_are_ambiguous_or_would_overlap_the_cue(layout, monkeypatch):
    fixed_tags(monkeypatch, layout, [("CONTENT", "the talks"), ("CONTENT", "failed"), ("CONTENT", "said on")])
    two_spans = draft("said", "that the talks had failed")
    over_cue = draft("said", "on Friday")
    tagger.redraw(layout, [two_spans])
    tagger.redraw(layout, [over_cue])
    assert [TEXT[s:e] for s, e in two_spans.content] == ["that the talks had failed"]
    assert [TEXT[s:e] for s, e in over_cue.content] == ["on Friday"]


def test_quotations_only_lengthen_and_according_to_keeps_its_edges(layout, monkeypatch):
    fixed_tags(monkeypatch, layout, [("CONTENT", "the talks"), ("CUE", "said on Friday")])
    quoted = attributions.Draft("direct", [at(TEXT, "that the talks had failed")], at(TEXT, "said"), "say")
    marker = attributions.Draft("according_to", [at(TEXT, "the talks had")], at(TEXT, "said"), "say")
    tagger.redraw(layout, [quoted, marker])
    assert [TEXT[s:e] for s, e in quoted.content] == ["that the talks had failed"]  # never shortened
    assert TEXT[slice(*quoted.cue)] == "said on Friday"
    assert TEXT[slice(*marker.cue)] == "said" and [TEXT[s:e] for s, e in marker.content] == ["the talks had"]


def test_without_a_model_the_drafts_stay_as_drawn(layout, monkeypatch):
    monkeypatch.setattr(tagger, "tagger", lambda: None)
    kept = draft("said", "on Friday that the talks had failed.")
    tagger.redraw(layout, [kept])
    assert TEXT[slice(*kept.cue)] == "said" and TEXT[slice(*kept.content[0])].startswith("on Friday")


def test_shipped_model_loads_and_labels_every_token(nlp):
    if not tagger.MODEL_PATH.exists():
        pytest.skip(f"no trained tagger at {tagger.MODEL_PATH}")
    doc = nlp(TEXT)
    found = attributions.extract(doc, Ledger(Article("t", TEXT)))
    assert found and found[0].content[0].text == "that the talks had failed"
    layout = attributions.Layout(doc, attributions.lexicon())
    labels = tagger.tag(layout, attributions.rule_drafts(layout, Ledger(Article("t", TEXT))))
    assert len(labels) == len(doc) and set(labels) <= {"O", *(f"{b}-{r}" for b in "BI" for r in tagger.ROLES)}
    assert "B-CUE" in labels
