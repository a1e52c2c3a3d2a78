"""Entities: clustering of mentions into referents, types fixed with country knowledge, helpers.

The texts here are made up (news-like), so the rules are tested away from the acceptance article.
"""

from __future__ import annotations

import json

import pytest

from newsledger.extract.entities import entity_at, extract, mentions_before, mentions_in
from newsledger.model import Article, Entity, Ledger, normalise_text
from tests.conftest import ACCEPTANCE_EXPECTED, require_shared

pytestmark = pytest.mark.slow

SANCTIONS = """Kremlin rejects EU sanctions as tensions rise

MOSCOW: The Kremlin on Tuesday dismissed new sanctions announced by the European Union, saying the \
bloc was acting against its own interests.

Russian Foreign Minister Sergei Lavrov told reporters in Moscow that the measures would not change \
Russia's position. The foreign minister added that Russian troops would stay in the region.

"We will respond," said Maria Zakharova, a spokeswoman for the Russian foreign ministry. Zakharova \
said the EU had ignored earlier offers.

The United Nations called for restraint. Secretary-General Antonio Guterres urged both sides to \
talk, and the world body offered to mediate. Guterres said the UN stood ready.
"""

CONVOYS = """Talks stall as ceasefire frays

WASHINGTON: The White House said on Friday that it was "deeply concerned" by the fighting.

Sarah Lindqvist, the Swedish ambassador to Kenya, told the International Red Cross Federation (IRCF) \
that aid convoys had been blocked. The IRCF said 40 trucks were waiting at the border.

Prime Minister Amara Okonkwo of Nigeria met General Tunde Bakare in Abuja. Okonkwo said the \
government, parliament and people of Nigeria stood together. The general declined to comment.

The North Atlantic Treaty Organization has not commented. NATO officials said the alliance was \
watching closely.
"""

BORDER = """The Georgian embassy in Ankara hosted a reception on Monday.

Speaking at the event, Ambassador Levan Beridze said Georgia valued its ties with Turkey.

Georgian forces and Russian-backed fighters clashed in 2008, and hundreds of Georgians fled the \
Russia-Georgia border, he said. Beridze added that civilians and Turkish officials had helped. The \
ambassador thanked the Turkish people."""


def run(nlp, text: str) -> tuple[Ledger, list[Entity]]:
    text = normalise_text(text)
    ledger = Ledger(article=Article(id="test", text=text))
    entities = extract(nlp(text), ledger)
    return Ledger(article=ledger.article, entities=tuple(entities)), entities


def find(entities: list[Entity], name: str) -> Entity:
    matches = [e for e in entities if name.lower() in e.name.lower()]
    assert matches, f"no entity named {name!r} in {[e.name for e in entities]}"
    return matches[0]


def texts(entity: Entity) -> list[str]:
    return [m.text for m in entity.mentions]


# --- acceptance ---------------------------------------------------------------------------------------


def _mention_matches(expected: str, entity: Entity) -> bool:
    """The lead's rule: a mention matches when either text contains the other (case-insensitive)."""
    return any(
        expected.lower() in m.text.lower() or m.text.lower() in expected.lower() for m in entity.mentions
    )


def test_acceptance_entities_must(acceptance_ledger) -> None:
    expected = json.loads(require_shared(ACCEPTANCE_EXPECTED).read_text(encoding="utf-8"))["entities"]["must"]
    for item in expected:
        candidates = [
            e
            for e in acceptance_ledger.entities
            if item["name"].lower() in e.name.lower() and e.type == item["type"]
        ]
        assert candidates, f"no {item['type']} entity named {item['name']!r}"
        for mention in item.get("mentions_include", []):
            assert any(_mention_matches(mention, e) for e in candidates), (item["name"], mention)


def test_acceptance_ambassador_speaks_for_azerbaijan(acceptance_ledger) -> None:
    ambassador = find(list(acceptance_ledger.entities), "Khazar Farhadov")
    assert (ambassador.title, ambassador.country) == ("Ambassador", "AZ")
    russia = find(list(acceptance_ledger.entities), "Russia")
    text = acceptance_ledger.article.text
    assert any(text[m.start : m.end + 9] == "Russia-brokered" for m in russia.mentions)


# --- clustering ---------------------------------------------------------------------------------------


def test_full_name_surname_and_role_noun_are_one_person(nlp) -> None:
    _, entities = run(nlp, SANCTIONS)
    lavrov = find(entities, "Sergei Lavrov")
    assert lavrov.type == "PERSON"
    assert (lavrov.title, lavrov.country) == ("Foreign Minister", "RU")
    assert "The foreign minister" in texts(lavrov)
    zakharova = find(entities, "Maria Zakharova")
    assert "Zakharova" in texts(zakharova) and zakharova.title == "Spokeswoman"
    guterres = find(entities, "Antonio Guterres")
    assert texts(guterres) == ["Antonio Guterres", "Guterres"]  # the bare surname NER did not mark
    assert guterres.title == "Secretary-General" and guterres.country is None


def test_title_inside_an_ner_span_is_stripped_and_role_noun_follows(nlp) -> None:
    _, entities = run(nlp, CONVOYS)
    general = find(entities, "Tunde Bakare")
    assert general.name == "Tunde Bakare" and general.type == "PERSON" and general.title == "General"
    assert "The general" in texts(general)
    okonkwo = find(entities, "Amara Okonkwo")
    assert (okonkwo.title, okonkwo.country) == ("Prime Minister", "NG")  # "... of Nigeria"


def test_person_country_from_appositive_and_embassy_context(nlp) -> None:
    _, entities = run(nlp, CONVOYS)
    assert find(entities, "Sarah Lindqvist").country == "SE"  # the Swedish ambassador *to* Kenya
    _, entities = run(nlp, BORDER)
    beridze = find(entities, "Levan Beridze")
    assert beridze.country == "GE"  # the Georgian embassy in the paragraph before
    assert texts(beridze)[-2:] == ["Beridze", "The ambassador"]


def test_epithets_link_to_the_most_recent_matching_organisation(nlp) -> None:
    _, entities = run(nlp, SANCTIONS)
    un = find(entities, "United Nations")
    assert un.type == "ORG" and {"the world body", "UN"} <= set(texts(un))
    eu = find(entities, "European Union")
    assert {"EU", "European Union", "the bloc"} <= set(texts(eu))
    kremlin = [e for e in entities if any(m.text.endswith("Kremlin") for m in e.mentions)]
    assert len(kremlin) == 1 and (kremlin[0].country, kremlin[0].sector) == ("RU", "GOV")


def test_ambiguous_epithet_without_antecedent_is_left_alone(nlp) -> None:
    _, entities = run(nlp, "Ministers met in Brussels on Monday. The bloc agreed to talk again.")
    assert not any("the bloc" in texts(e) or "The bloc" in texts(e) for e in entities)


def test_lone_known_acronym_is_named_in_full_and_takes_its_epithet(nlp) -> None:
    _, entities = run(nlp, "EU ministers met in Brussels on Monday. The bloc agreed to talk again.")
    eu = find(entities, "European Union")
    assert texts(eu) == ["EU", "The bloc"]


def test_acronym_and_expansion_are_one_organisation(nlp) -> None:
    _, entities = run(nlp, CONVOYS)
    nato = find(entities, "North Atlantic Treaty Organization")
    assert {"NATO", "the alliance"} <= set(texts(nato))
    ircf = find(entities, "International Red Cross Federation")  # by initials, no table entry
    assert texts(ircf).count("IRCF") == 2
    assert find(entities, "US government").country == "US"  # "The White House"


def test_countries_demonyms_and_hyphenated_compounds(nlp) -> None:
    ledger, entities = run(nlp, BORDER)
    georgia = next(e for e in entities if e.name == "Georgia")
    assert georgia.type == "GPE" and georgia.country == "GE"
    assert "Georgia" in texts(georgia)
    russia = next(e for e in entities if e.name == "Russia")
    assert texts(russia).count("Russia") == 1 and "Russian" in texts(
        russia
    )  # "Russia-Georgia", "Russian-backed"
    georgians = [e for e in entities if e.type == "NORP" and e.country == "GE" and "Georgians" in texts(e)]
    assert georgians and georgians[0].sector == "CVL"  # a people is not its state
    assert len([e for e in entities if e.type == "GPE" and e.country == "GE"]) == 1


def test_groups_have_country_and_sector(nlp) -> None:
    _, entities = run(nlp, BORDER)
    forces = find(entities, "Georgian forces")
    assert (forces.type, forces.country, forces.sector) == ("ORG", "GE", "MIL")
    turkish = find(entities, "Turkish officials")
    assert (turkish.country, turkish.sector) == ("TR", "GOV")
    # "civilians and Turkish officials": a pre-modifier of a later conjunct is not shared
    assert not any(e.country == "TR" and "civilians" in texts(e) for e in entities)
    _, entities = run(nlp, CONVOYS)
    shared = {e.sector: e for e in entities if e.country == "NG" and e.sector}
    assert {"GOV", "LEG", "CVL"} <= set(shared)  # "the government, parliament and people of Nigeria"
    assert shared["LEG"].name == "parliament of Nigeria"


def test_canonical_names_and_ids(nlp) -> None:
    _, entities = run(nlp, CONVOYS)
    assert [e.id for e in entities] == [f"ent-{n}" for n in range(1, len(entities) + 1)]
    firsts = [e.mentions[0].start for e in entities]
    assert firsts == sorted(firsts)
    assert find(entities, "Washington").name == "Washington"  # the dateline WASHINGTON
    assert not any(e.name.lower().startswith("the ") for e in entities if e.type != "PERSON")


@pytest.mark.parametrize("text", [SANCTIONS, CONVOYS, BORDER])
def test_spans_are_text_slices_within_one_paragraph(nlp, text: str) -> None:
    ledger, entities = run(nlp, text)
    for entity in entities:
        for m in entity.mentions:
            assert ledger.article.text[m.start : m.end] == m.text
            assert "\n" not in m.text and m.text.strip() == m.text


def test_mentions_never_cross_a_paragraph_break(nlp) -> None:
    text = "Liberation of Karabakh\n\nRelations between Azerbaijan and Armenia have been tense since 1991."
    _, entities = run(nlp, text)
    assert not any(e.name == "Relations" for e in entities)
    assert {e.name for e in entities if e.type == "GPE"} >= {"Azerbaijan", "Armenia"}


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\n\n\n",
        "🙂🙂🙂",
        "the the the",
        "UN",
        "THE US AND THE UK SAID",
        "Ambassador",
        "the ambassador said.",
        "Café — “Zoë” ‘x’ \u200b\u00a0 Ünïcode‐hyphen",
        "A-B-C-D Russia-- -Iran-",
    ],
)
def test_odd_text_does_not_raise(nlp, text: str) -> None:
    ledger, entities = run(nlp, text)
    for entity in entities:
        for m in entity.mentions:
            assert ledger.article.text[m.start : m.end] == m.text


# --- helpers ------------------------------------------------------------------------------------------


def test_entity_at_prefers_the_tightest_mention(nlp) -> None:
    ledger, entities = run(nlp, BORDER)
    text = ledger.article.text
    start = text.index("Georgian forces")
    assert entity_at(ledger, start, start + len("Georgian forces")).name == "Georgian forces"
    assert entity_at(ledger, start, start + len("Georgian")).country == "GE"
    assert entity_at(ledger, start, start + len("Georgian")).type == "GPE"
    assert entity_at(ledger, 0, 0) is None


def test_mentions_before_and_in(nlp) -> None:
    ledger, _ = run(nlp, BORDER)
    text = ledger.article.text
    he = text.index(", he said") + 2
    span, entity = mentions_before(ledger, he, {"PERSON"})[0]
    assert entity.name == "Levan Beridze"
    sentence = text.index("Speaking")
    inside = mentions_in(ledger, sentence, text.index("\n", sentence))
    assert [m.text for m, _ in inside][:1] == ["Levan Beridze"]


def test_possessive_tails_years_and_handles_are_no_names(analyze_text):
    ledger = analyze_text("The Taliban’s Haqqani network held them. Trump’s 1995 returns leaked, and @Ilhan "
                          "replied after September 11, 2001 was recalled.", published="2019-11-19")
    names = [e.name for e in ledger.entities]
    assert not any(n.startswith(("’s", "@")) or n.endswith("1995") for n in names), names


def test_the_pentagon_is_not_the_troops_told_as_a_group(analyze_text):
    ledger = analyze_text("American troops will leave Syria next month. The Pentagon rejected the accusations "
                          "as false.", published="2019-10-26")
    names = {m.text: e.name for e in ledger.entities for m in e.mentions}
    assert names.get("The Pentagon") == "US Department of Defense"
    assert names.get("American troops") != "US Department of Defense"


def test_a_name_ending_in_an_organisation_noun_is_an_organisation(nlp) -> None:
    _, entities = run(nlp, "The company that runs the AMAs, Dick Clark Productions, denies the report. "
                           "Dick Clark Productions said it had no further comment.")
    assert find(entities, "Dick Clark Productions").type == "ORG"
