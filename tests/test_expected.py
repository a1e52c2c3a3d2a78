"""The acceptance harness itself: its matching rules on a hand-built ledger, then the real article."""

import json

import pytest

from newsledger.eval.expected import check
from newsledger.model import (
    Article,
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
from tests.conftest import ACCEPTANCE_EXPECTED, require_shared

TEXT = (
    "Minister Jane Roe said that 40 villagers were killed in Nakuru on March 5, 2024. "
    "Roe spoke in Nairobi. Rebels attacked the town, according to police."
)


def span(text: str) -> Span:
    start = TEXT.index(text)
    return Span(start, start + len(text), text)


def ledger() -> Ledger:
    content = span("40 villagers were killed in Nakuru on March 5, 2024")
    speaker = EntityRef(name="Jane Roe", entity="ent-1", country="KE", mention=span("Minister Jane Roe"))
    return Ledger(
        article=Article(id="x", text=TEXT, published="2024-03-06"),
        entities=(Entity(id="ent-1", name="Jane Roe", type="PERSON", mentions=(span("Jane Roe"), span("Roe spoke"))),),
        attributions=(
            Attribution(id="att-1", kind="indirect", content=(content,), speaker=speaker, cue=span("said"),
                        cue_lemma="say"),
            Attribution(id="att-2", kind="according_to", content=(span("Rebels attacked the town"),),
                        speaker=EntityRef(name="police"), cue=span("according to"), cue_lemma="according to"),
        ),
        times=(TimeExpr(id="tim-1", span=span("March 5, 2024"), type="DATE", value="2024-03-05"),),
        figures=(Figure(id="fig-1", span=span("40"), value=40, concept="villagers", category="killed",
                        voice="att-1"),),
        places=(Place(id="plc-1", span=span("Nakuru"), name="Nakuru", country="KE", lat=-0.28, lon=36.07),),
        events=(
            Event(id="evt-1", event="ASSAULT", trigger=span("killed"), date=EventDate("2024-03-05", "tim-1"),
                  place=EventPlace("Nakuru", "plc-1"), size={"dead": "fig-1"},
                  recipient=EntityRef(name="villagers", country="KE")),
        ),
        sourcing=(SourcingGroup(country="KE", voices=("Jane Roe",), statements=1),),
    )


def test_matching_items_pass():
    spec = {
        "attributions": {"must": [{"content_contains": "40 villagers", "kind": "indirect", "cue": "said",
                                   "speaker": "Jane Roe"}],
                         "must_not": [{"content_contains": "Nairobi"}]},
        "sourcing": {"must": {"voices_from": ["Kenya"], "no_voice_from": ["Uganda"]}},
        "times": {"must": [{"text": "March 5, 2024", "value": "2024-03-05"}]},
        "figures": {"must": [{"value": 40, "concept_contains": "villagers", "category": "killed",
                              "attributed_to": "Jane Roe"}]},
        "places": {"must": [{"text": "Nakuru", "country": "KE", "lat": -0.3, "lon": 36.1}]},
        "entities": {"must": [{"name": "Jane Roe", "type": "PERSON", "mentions_include": ["Roe spoke"]}]},
        "events": {"must": [{"event": "ASSAULT", "trigger_contains": "killed", "recipient": "Kenya",
                             "place": "Nakuru", "date": "2024-03-05", "dead": 40}]},
        "timeline": {"must_order": ["2024-03-05"]},
    }
    report = check(ledger(), spec)
    for name, result in report.sections.items():
        assert result.must_passed == result.must_total, (name, result.failures)
    assert report.must_failed == 0


def test_failures_are_counted_and_explained():
    spec = {
        "attributions": {
            "must": [{"content_contains": "40 villagers", "cue": "claimed"}],
            "should": [{"content_contains": "not in the text"}],
            "must_not": [{"content_contains": "40 villagers"}],
        },
        "places": {"must": [{"text": "Nakuru", "lat": 10.0, "lon": 10.0}, {"text": "Nairobi", "country": "KE"}]},
        "timeline": {"must_order": ["2023"]},
        "sourcing": {"must": {"voices_from": ["Uganda"], "no_voice_from": ["Kenya"]}},
    }
    report = check(ledger(), spec)
    attributions = report.sections["attributions"]
    assert (attributions.must_passed, attributions.must_total) == (0, 2)
    assert (attributions.should_passed, attributions.should_total) == (0, 1)
    assert any("fails cue" in f for f in attributions.failures)
    places = report.sections["places"]
    assert (places.must_passed, places.must_total) == (0, 2)
    assert any("coordinates" in f for f in places.failures)
    assert any("no place there" in f for f in places.failures)
    assert report.sections["timeline"].must_passed == 0
    assert "no voice from ['Uganda']" in report.sections["sourcing"].failures[0]
    assert report.must_failed == 6


def test_where_narrows_the_occurrence():
    spec = {"times": {"must": [{"text": "2024", "value": "2024-03-05", "where": "Roe spoke"}]}}
    assert check(ledger(), spec).sections["times"].must_passed == 0


def test_range_accepts_two_separate_ends():
    text = "On February 25-26, 1992, it happened."
    start = text.index("February 25")
    times = (
        TimeExpr(id="tim-1", span=Span(start, start + 11, "February 25"), type="DATE", value="1992-02-25"),
        TimeExpr(id="tim-2", span=Span(start + 12, start + 23, text[start + 12 : start + 23]), type="DATE",
                 value="1992-02-26"),
    )
    spec = {"times": {"must": [{"text": "February 25-26, 1992", "value": "1992-02-25/1992-02-26"}]}}
    result = check(Ledger(article=Article(id="y", text=text), times=times), spec)
    assert result.sections["times"].must_passed == 1


@pytest.mark.slow
def test_acceptance_entities_must_all_pass(acceptance_ledger):
    spec = json.loads(require_shared(ACCEPTANCE_EXPECTED).read_text(encoding="utf-8"))
    entities = check(acceptance_ledger, spec).sections["entities"]
    assert entities.must_passed == entities.must_total, entities.failures


# --- must_not in every section ----------------------------------------------------------------


def _section(spec: dict, name: str):
    return check(ledger(), {name: spec}).sections[name]


def test_attribution_must_not_content_and_speaker():
    # att-1 holds "40 villagers" and is Jane Roe's; att-2 is the police's.
    assert _section({"must_not": [{"content_contains": "40 villagers"}]}, "attributions").must_not_violated == 1
    assert _section({"must_not": [{"speaker_not": "police"}]}, "attributions").must_not_violated == 1
    # speaker_not is the whole name, not a part of it ('Roe' is not 'Jane Roe') ...
    assert _section({"must_not": [{"speaker_not": "Roe"}]}, "attributions").must_not_violated == 0
    # ... and, with content_contains, only there.
    held = _section({"must_not": [{"content_contains": "Rebels attacked", "speaker_not": "Jane Roe"}]}, "attributions")
    assert held.must_not_violated == 0 and held.must_passed == held.must_total == 1
    broken = _section({"must_not": [{"content_contains": "Rebels attacked", "speaker_not": "police"}]}, "attributions")
    assert broken.must_passed == 0 and broken.verdicts["att-2"] == "wrong"


def test_event_must_not_with_allowed_modality():
    assert _section({"must_not": [{"event": "ASSAULT", "trigger_contains": "killed"}]}, "events").must_not_violated == 1
    assert _section({"must_not": [{"trigger_contains": "killed"}]}, "events").must_not_violated == 1
    assert _section({"must_not": [{"event": "PROTEST", "trigger_contains": "killed"}]}, "events").must_not_violated == 0
    allowed = {"must_not": [{"trigger_contains": "killed", "unless_modality": ["asserted"]}]}
    assert _section(allowed, "events").must_not_violated == 0
    hypothetical_only = {"must_not": [{"trigger_contains": "killed", "unless_modality": ["hypothetical"]}]}
    assert _section(hypothetical_only, "events").must_not_violated == 1


def test_figure_must_not_by_text_and_category():
    assert _section({"must_not": [{"text": "40"}]}, "figures").must_not_violated == 1
    assert _section({"must_not": [{"text": "40", "category": "injured"}]}, "figures").must_not_violated == 0
    assert _section({"must_not": [{"text": "2024"}]}, "figures").must_not_violated == 0


def test_place_must_not_by_text_and_country():
    assert _section({"must_not": [{"text": "Nakuru"}]}, "places").must_not_violated == 1
    assert _section({"must_not": [{"text": "Nakuru", "country": "US"}]}, "places").must_not_violated == 0
    assert _section({"must_not": [{"text": "Nairobi"}]}, "places").must_not_violated == 0


def test_time_must_not_by_text_and_where():
    assert _section({"must_not": [{"text": "March 5"}]}, "times").must_not_violated == 1
    assert _section({"must_not": [{"text": "2024", "where": "Roe spoke"}]}, "times").must_not_violated == 0


def test_entity_must_not_by_exact_name_and_type():
    assert _section({"must_not": [{"name": "Jane Roe"}]}, "entities").must_not_violated == 1
    assert _section({"must_not": [{"name": "the jane roe", "type": "PERSON"}]}, "entities").must_not_violated == 1
    assert _section({"must_not": [{"name": "Jane Roe", "type": "ORG"}]}, "entities").must_not_violated == 0
    assert _section({"must_not": [{"name": "Roe"}]}, "entities").must_not_violated == 0


def test_must_not_without_its_key_is_refused():
    from newsledger.eval.expected import ExpectationsError

    for section, item in (("figures", {"category": "killed"}), ("events", {"event": "ASSAULT"}),
                          ("attributions", {"kind": "direct"}), ("entities", {"type": "ORG"})):
        with pytest.raises(ExpectationsError, match=f"{section}.must_not item"):
            check(ledger(), {section: {"must_not": [item]}})
    with pytest.raises(ExpectationsError, match="takes no must_not"):
        check(ledger(), {"timeline": {"must_order": [], "must_not": [{"text": "x"}]}})
    with pytest.raises(ExpectationsError, match="must be a list"):
        check(ledger(), {"figures": {"must": {"value": 40}}})


# --- verdicts: right, wrong, gap, unjudged; precision and recall -----------------------------


def test_verdicts_give_precision_and_recall():
    spec = {
        "attributions": {"must": [{"content_contains": "40 villagers", "speaker": "Jane Roe"},
                                  {"content_contains": "Rebels attacked", "speaker": "army"}]},
        "figures": {"must": [{"text": "40", "value": 40, "category": "killed"}], "should": [{"value": 7}]},
        "events": {"must": [{"event": "ASSAULT", "trigger_contains": "killed", "actor": "Rebels"}]},
    }
    report = check(ledger(), spec)
    attributions = report.sections["attributions"]
    assert attributions.verdicts == {"att-1": "right", "att-2": "wrong"}  # police is not the army
    assert attributions.precision == 0.5 and attributions.recall == 0.5
    assert "wrong speaker" in attributions.wrong[0]
    figures = report.sections["figures"]
    assert figures.verdicts == {"fig-1": "right"} and figures.recall == 0.5
    events = report.sections["events"]
    assert events.verdicts == {"evt-1": "gap"}  # the event has no actor: a gap, not an error
    assert events.precision is None and events.recall == 0.0
    times = check(ledger(), {"times": {"must": []}}).sections["times"]
    assert times.verdicts == {"tim-1": "unjudged"} and times.precision == 0.0


def test_a_loose_name_match_is_no_verdict_of_wrong():
    # 'Jane' is contained in 'Jane Roe' (the item passes on name) but only the same name pins a record down.
    spec = {"entities": {"must": [{"name": "Jane", "type": "ORG"}]}}
    entities = check(ledger(), spec).sections["entities"]
    assert entities.must_passed == 0 and entities.verdicts == {"ent-1": "unjudged"}


def test_wrong_records_are_counted_by_kind():
    spec = {
        "figures": {"must_not": [{"text": "40", "kind": "number in a name"}]},
        "attributions": {"must": [{"content_contains": "Rebels attacked", "speaker": "army"}],
                         "must_not": [{"content_contains": "40 villagers"}]},
    }
    report = check(ledger(), spec)
    assert report.sections["figures"].wrong_kinds == {"number in a name": 1}
    assert report.sections["attributions"].wrong_kinds == {"must_not": 1, "wrong speaker": 1}
    assert report.sections["figures"].as_counts()["wrong_kinds"] == {"number in a name": 1}
