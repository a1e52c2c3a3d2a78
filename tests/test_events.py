"""Events (PLOVER 2.0): triggers, participants, date, place, size, modality and merging.

Most tests build the ledger by hand (entities, times, figures, places) so they test this extractor
alone; a few run the whole pipeline.
"""

from __future__ import annotations

import json

import pytest

from newsledger.extract import events
from newsledger.model import Article, Entity, Figure, Ledger, Place, Span, TimeExpr
from tests.conftest import ACCEPTANCE_EXPECTED, require_shared


def _span(text: str, piece: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return Span(start, start + len(piece), piece)


def _ledger(text: str, **records) -> Ledger:
    return Ledger(article=Article(id="t", text=text), **{k: tuple(v) for k, v in records.items()})


def _run(nlp, text: str, **records):
    found = events.extract(nlp(text), _ledger(text, **records))
    for event in found:
        for span in (event.trigger, *event.mentions):
            assert span.text == text[span.start : span.end]
    return found


def _one(found, event_type):
    matches = [e for e in found if e.event == event_type]
    assert len(matches) == 1, found
    return matches[0]


def test_verb_trigger_with_actor_recipient_date_place_and_toll(nlp):
    text = "On March 3, 2015, Freedonian troops attacked villagers in Ashford, killing 12 people."
    troops = Entity("ent-1", "Freedonian troops", "ORG", (_span(text, "Freedonian troops"),), "FD", "MIL")
    villagers = Entity("ent-2", "villagers", "NORP", (_span(text, "villagers"),), "AS", "CVL")
    date = TimeExpr("tim-1", _span(text, "March 3, 2015"), "DATE", "2015-03-03")
    toll = Figure("fig-1", _span(text, "12"), value=12, concept="people", category="killed")
    town = Place("plc-1", _span(text, "Ashford"), "Ashford", country="FD", feature="city")
    event = _one(_run(nlp, text, entities=[troops, villagers], times=[date], figures=[toll], places=[town]), "ASSAULT")
    assert event.trigger.text == "attacked" and [m.text for m in event.mentions] == ["killing"]
    assert (event.actor.entity, event.actor.country, event.actor.sector) == ("ent-1", "FD", "MIL")
    assert (event.recipient.entity, event.recipient.country, event.recipient.sector) == ("ent-2", "AS", "CVL")
    assert (event.date.value, event.date.time) == ("2015-03-03", "tim-1")
    assert (event.place.name, event.place.place) == ("Ashford", "plc-1")
    assert event.size == {"dead": "fig-1"} and event.modality == "asserted" and event.id == "evt-1"


def test_request_and_the_demanded_event(nlp):
    text = "The Council called for the withdrawal of Sylvanian forces from the border."
    council = Entity("ent-1", "Council", "ORG", (_span(text, "Council"),))
    forces = Entity("ent-2", "Sylvanian forces", "ORG", (_span(text, "Sylvanian forces"),), "SY", "MIL")
    found = _run(nlp, text, entities=[council, forces])
    request, retreat = _one(found, "REQUEST"), _one(found, "RETREAT")
    assert request.trigger.text == "called for" and request.modality == "asserted"
    assert request.actor.entity == "ent-1" and request.recipient.entity == "ent-2"
    assert (retreat.mode, retreat.modality, retreat.actor.entity) == ("withdraw", "demanded", "ent-2")


@pytest.mark.parametrize(
    ("text", "event_type", "modality"),
    [
        ("The army did not attack the town.", "ASSAULT", "negated"),
        ("The rebels will withdraw from the city next week.", "RETREAT", "future"),
        ("If talks collapse, the army would attack the town.", "ASSAULT", "hypothetical"),
        ("The minister urged the rebels to withdraw.", "RETREAT", "demanded"),
        ("The rebels threatened to attack the capital.", "ASSAULT", "threatened"),
        ("The government failed to release the prisoners.", "RETREAT", "negated"),
        ("The rebels attacked the town.", "ASSAULT", "asserted"),
    ],
)
def test_modality(nlp, text, event_type, modality):
    assert _one(_run(nlp, text), event_type).modality == modality


def test_threat_is_its_own_event(nlp):
    found = _run(nlp, "The rebels threatened to attack the capital.")
    assert _one(found, "THREATEN").trigger.text == "threatened"


def test_coordinated_parties_of_an_agreement(nlp):
    text = "Freedonia and Sylvania signed a peace agreement in 2019."
    freedonia = Entity("ent-1", "Freedonia", "GPE", (_span(text, "Freedonia"),), "FD")
    sylvania = Entity("ent-2", "Sylvania", "GPE", (_span(text, "Sylvania"),), "SY")
    year = TimeExpr("tim-1", _span(text, "2019"), "DATE", "2019")
    event = _one(_run(nlp, text, entities=[freedonia, sylvania], times=[year]), "AGREE")
    assert event.trigger.text == "signed" and event.date.value == "2019"
    assert (event.actor.entity, event.recipient.entity) == ("ent-1", "ent-2")


def test_the_two_countries_are_the_last_pair_named_together(nlp):
    text = "Talks between Kenya and Uganda went on for weeks. The two countries signed a deal on Friday."
    kenya = Place("plc-1", _span(text, "Kenya"), "Kenya", country="KE", feature="country")
    uganda = Place("plc-2", _span(text, "Uganda"), "Uganda", country="UG", feature="country")
    event = _one(_run(nlp, text, places=[kenya, uganda]), "AGREE")
    assert (event.actor.country, event.recipient.country) == ("KE", "UG")


def test_nominal_trigger_through_an_occurrence_verb(nlp):
    text = "Heavy clashes erupted on May 4, 2018 near the border."
    date = TimeExpr("tim-1", _span(text, "May 4, 2018"), "DATE", "2018-05-04")
    event = _one(_run(nlp, text, times=[date]), "ASSAULT")
    assert event.trigger.text == "clashes erupted" and event.date.value == "2018-05-04"


def test_mentions_of_one_happening_are_merged(nlp):
    text = (
        "On June 1, 2016, gunmen massacred 40 villagers in Ashford. "
        "During the attack, 40 people were killed and 12 others injured."
    )
    date = TimeExpr("tim-1", _span(text, "June 1, 2016"), "DATE", "2016-06-01")
    dead = Figure("fig-1", _span(text, "40", 1), value=40, category="killed")
    hurt = Figure("fig-2", _span(text, "12"), value=12, category="injured")
    town = Place("plc-1", _span(text, "Ashford"), "Ashford", country="FD", feature="city")
    found = _run(nlp, text, times=[date], figures=[dead, hurt], places=[town])
    event = _one(found, "ASSAULT")
    assert event.trigger.text == "massacred" and event.mode == "targeted"
    assert {m.text for m in event.mentions} >= {"killed", "injured"}
    assert event.size == {"dead": "fig-1", "injured": "fig-2"}
    assert event.place.name == "Ashford" and event.date.value == "2016-06-01"


def test_different_dates_are_different_happenings(nlp):
    text = "Rebels attacked the town in 2001. Rebels attacked the town again in 2009."
    first = TimeExpr("tim-1", _span(text, "2001"), "DATE", "2001")
    second = TimeExpr("tim-2", _span(text, "2009"), "DATE", "2009")
    found = _run(nlp, text, times=[first, second])
    assert [e.date.value for e in found if e.event == "ASSAULT"] == ["2001", "2009"]
    assert [e.id for e in found] == [f"evt-{n}" for n in range(1, len(found) + 1)]


def test_bare_nouns_are_not_events(nlp):
    assert _run(nlp, "The agreement is seen as a victory.") == []


def test_adjectival_participles_are_not_events(nlp):
    assert all(e.event != "AGREE" for e in _run(nlp, "A UN-brokered plan was discussed."))


def test_works_with_an_empty_ledger_and_odd_input(nlp):
    for text in ["", "  ", "\u200b", "attack attack attack", "Withdraw!", "🙂 signed 🙂"]:
        _run(nlp, text)


@pytest.mark.slow
def test_acceptance_events(acceptance_ledger):
    expected = json.loads(require_shared(ACCEPTANCE_EXPECTED).read_text(encoding="utf-8"))["events"]["must"]
    figures = {f.id: f.value for f in acceptance_ledger.figures}
    for item in expected:
        candidates = [
            e for e in acceptance_ledger.events
            if e.event == item["event"] and item["trigger_contains"].lower() in e.trigger.text.lower()
        ]  # fmt: skip
        assert candidates, item
        event = candidates[0]
        if "date" in item:
            assert event.date and event.date.value == item["date"], item
        actors = item.get("actor")
        if isinstance(actors, str):
            assert event.actor and actors in event.actor.name, item
        elif actors:
            names = " ".join(r.name for r in (event.actor, event.recipient) if r)
            assert all(a in names for a in actors), item
        if "recipient" in item:
            assert event.recipient and item["recipient"] in event.recipient.name, item
        if "place" in item:
            assert event.place and event.place.name == item["place"], item
        for key in ("dead", "injured"):
            if key in item:
                assert figures.get(event.size.get(key)) == item[key], item
