import json

import pytest

from newsledger.model import (
    OUTLET,
    Article,
    Attribution,
    EntityRef,
    Event,
    EventDate,
    Figure,
    Ledger,
    Span,
    TimeExpr,
    article_id,
    from_json_dict,
    normalise_text,
    to_json_dict,
)


def sample_ledger() -> Ledger:
    text = "“We will rebuild,” she said. 42 people were killed on 2024-03-05."
    article = Article(id=article_id(text), text=text, published="2024-03-06")
    quote = Span(1, 17, text[1:17])
    attribution = Attribution(
        id="att-1",
        kind="direct",
        content=(quote,),
        speaker=EntityRef(name="Amina Otieno", entity="ent-1", country="KE", mention=Span(19, 22, "she")),
        cue=Span(23, 27, "said"),
        cue_lemma="say",
    )
    figure = Figure(id="fig-1", span=Span(29, 31, "42"), value=42, concept="people", category="killed")
    time = TimeExpr(id="tim-1", span=Span(54, 64, "2024-03-05"), type="DATE", value="2024-03-05")
    event = Event(
        id="evt-1",
        event="ASSAULT",
        trigger=Span(44, 50, "killed"),
        date=EventDate("2024-03-05", "tim-1"),
        size={"dead": "fig-1"},
    )
    return Ledger(article=article, attributions=(attribution,), figures=(figure,), times=(time,), events=(event,))


def test_spans_in_sample_are_slices():
    ledger = sample_ledger()
    text = ledger.article.text
    attribution = ledger.attributions[0]
    spans = (attribution.content[0], attribution.cue, ledger.figures[0].span, ledger.times[0].span)
    for span in (*spans, ledger.events[0].trigger):
        assert text[span.start : span.end] == span.text


def test_json_round_trip_is_lossless():
    ledger = sample_ledger()
    again = Ledger.from_json(ledger.to_json())
    assert again == ledger
    assert isinstance(again.attributions[0].content, tuple)
    assert json.loads(ledger.to_json())["figures"][0]["value"] == 42


def test_from_json_rejects_wrong_types_with_a_path():
    data = to_json_dict(sample_ledger())
    data["figures"][0]["value"] = "forty-two"
    with pytest.raises((TypeError, ValueError), match=r"figures\[0\]\.value"):
        from_json_dict(Ledger, data)


def test_from_json_rejects_unknown_fields_and_bad_literals():
    data = to_json_dict(sample_ledger())
    data["attributions"][0]["kind"] = "rumour"
    with pytest.raises(ValueError, match="rumour"):
        from_json_dict(Ledger, data)
    data = to_json_dict(sample_ledger())
    data["article"]["colour"] = "red"
    with pytest.raises(ValueError, match="colour"):
        from_json_dict(Ledger, data)


def test_records_are_frozen():
    ledger = sample_ledger()
    with pytest.raises(AttributeError):
        ledger.figures[0].value = 1  # type: ignore[misc]


def test_default_voice_is_the_outlet():
    assert sample_ledger().figures[0].voice == OUTLET


def test_normalise_text_and_id_are_stable():
    raw = "\ufeffTitle  \r\n\r\nBody text.\x00  \n"
    assert normalise_text(raw) == "Title\n\nBody text."
    assert article_id(raw) == article_id("Title\n\nBody text.")
    assert article_id("a") != article_id("b")
    # NFC: a decomposed é and a composed é are the same article
    assert article_id("caf\u0065\u0301") == article_id("caf\u00e9")


def test_timeline_orders_dated_events_and_skips_undated():
    ledger = sample_ledger()
    later = Event(id="evt-2", event="AGREE", trigger=Span(0, 1, "“"), date=EventDate("2025-01-01"))
    undated = Event(id="evt-3", event="ACCUSE", trigger=Span(0, 1, "“"))
    unresolved = Event(id="evt-4", event="ACCUSE", trigger=Span(0, 1, "“"), date=EventDate("XXXX-09-27"))
    ledger = Ledger(article=ledger.article, events=(later, undated, unresolved, *ledger.events))
    assert [e.id for e in ledger.timeline()] == ["evt-1", "evt-2"]


def test_voice_name_says_whose_word_a_record_is_on():
    text = "Officials said 10 died. It is seen as a setback."
    said = Attribution("att-1", "indirect", (Span(15, 22, "10 died"),), speaker=EntityRef("Officials"))
    seen = Attribution("att-2", "unattributed", (Span(24, 26, "It"),))
    ledger = Ledger(article=Article("a1", text, source="Wire"), attributions=(said, seen))
    assert ledger.voice_name(OUTLET) == "the outlet"
    assert ledger.voice_name(OUTLET, outlet="Wire") == "Wire"
    assert ledger.voice_name("att-1") == "Officials"
    assert ledger.voice_name("att-2") == "unattributed"
    assert ledger.voice_name("att-404") == "att-404"  # a dangling id is shown, not hidden
