"""Places: toponyms found, resolved to the gazetteer, metonymy; spans are always slices of the text."""

from __future__ import annotations

import json

import pytest

from newsledger.extract import places
from newsledger.knowledge.geometry import haversine_km
from newsledger.model import Article, Entity, Ledger, Span
from tests.conftest import ACCEPTANCE_EXPECTED, require_shared


def _check_spans(ledger):
    for place in ledger.places:
        assert place.span.text == ledger.article.text[place.span.start : place.span.end]


def _by_text(ledger, text):
    return [p for p in ledger.places if p.span.text == text]


def test_country_region_and_city(analyze_text):
    ledger = analyze_text("Officials from Kenya travelled to Mombasa and then to the Rift Valley on Monday.")
    _check_spans(ledger)
    kenya = _by_text(ledger, "Kenya")[0]
    assert (kenya.country, kenya.feature) == ("KE", "country")
    mombasa = _by_text(ledger, "Mombasa")[0]
    assert (mombasa.country, mombasa.feature) == ("KE", "city") and mombasa.geonameid


def test_x_comma_y_picks_the_contained_place(analyze_text):
    ledger = analyze_text("The fair opened in Paris, Texas, where the mayor cut a ribbon.")
    paris = _by_text(ledger, "Paris")[0]
    assert paris.country == "US"
    texas = _by_text(ledger, "Texas")[0]
    assert (texas.country, texas.feature) == ("US", "region")
    assert haversine_km(paris.lat, paris.lon, 33.66, -95.56) < 50


def test_planets_are_not_the_towns_named_after_them(analyze_text):
    ledger = analyze_text(
        "NASA wants to land astronauts on Mars, and its probes have studied Jupiter and its moon Europa "
        "from a base in Houston. Ceres Robotics and other firms may bid."
    )
    mars = _by_text(ledger, "Mars")[0]
    assert (mars.country, mars.lat, mars.geonameid) == (None, None, None)  # not Mars, Pennsylvania
    assert not any(p.country == "US" and p.span.text in ("Jupiter", "Europa") for p in ledger.places)
    assert not _by_text(ledger, "Ceres")  # a company's name
    assert _by_text(ledger, "Houston")[0].country == "US"


def test_a_town_named_like_a_planet_follows_its_container(analyze_text):
    ledger = analyze_text("Pork from a hog farm in Ceres, California made at least 45 people ill.")
    ceres = _by_text(ledger, "Ceres")[0]
    assert ceres.country == "US" and haversine_km(ceres.lat, ceres.lon, 37.6, -120.95) < 50


def test_countries_of_the_article_decide_between_namesakes(analyze_text):
    text = "Colombia's coffee growers gathered in Armenia, the capital of Quindio, to meet buyers from Colombia."
    armenia = _by_text(analyze_text(text), "Armenia")[0]
    assert armenia.country == "CO" and armenia.feature == "city"


def test_dateline_in_capitals_is_a_place(analyze_text):
    ledger = analyze_text("NAIROBI: The ministry announced a new road plan on Tuesday.")
    _check_spans(ledger)
    dateline = ledger.places[0]
    assert (dateline.span.text, dateline.country, dateline.feature) == ("NAIROBI", "KE", "city")


def test_multiword_name_wins_over_its_parts(analyze_text):
    ledger = analyze_text("Unrest spread across Jammu and Kashmir last week, officials in Srinagar said.")
    assert [p.span.text for p in ledger.places][:1] == ["Jammu and Kashmir"]
    assert ledger.places[0].country == "IN"


def test_generic_words_and_articles_are_trimmed(analyze_text):
    ledger = analyze_text("Aid reached the Nagorno-Karabakh region after the talks.")
    karabakh = [p for p in ledger.places if "Karabakh" in p.span.text][0]
    assert karabakh.span.text == "Nagorno-Karabakh" and karabakh.country == "AZ"


def test_demonyms_are_not_places(analyze_text):
    ledger = analyze_text("Kenyan and Ugandan officials met to discuss trade.")
    assert ledger.places == ()


def test_capital_as_subject_of_a_political_verb_is_metonymic(analyze_text):
    ledger = analyze_text("Nairobi rejected the proposal, and Kampala said it would respond next week.")
    nairobi, kampala = _by_text(ledger, "Nairobi")[0], _by_text(ledger, "Kampala")[0]
    assert nairobi.metonymic and nairobi.country == "KE"
    assert kampala.metonymic and kampala.country == "UG"


def test_coordinated_capitals_share_the_verb(analyze_text):
    ledger = analyze_text("Washington and Moscow agreed to extend the treaty.")
    assert {(p.span.text, p.country, p.metonymic) for p in ledger.places} == {
        ("Washington", "US", True),
        ("Moscow", "RU", True),
    }


def test_capital_as_a_location_is_not_metonymic(analyze_text):
    ledger = analyze_text("Heavy rain flooded streets in Nairobi on Sunday.")
    assert not _by_text(ledger, "Nairobi")[0].metonymic


def test_place_records_link_entities(analyze_text):
    ledger = analyze_text("Protesters gathered in Lusaka, the capital of Zambia.")
    for place in ledger.places:
        if place.entity is not None:
            assert ledger.entity(place.entity) is not None


def test_a_corrected_entity_type_makes_a_place(nlp):
    text = "Zorbia praised Mali for its help."
    doc = nlp(text)
    mali = text.index("Mali")
    entity = Entity(id="ent-1", name="Mali", type="GPE", mentions=(Span(mali, mali + 4, "Mali"),), country="ML")
    ledger = Ledger(article=Article(id="t", text=text), entities=(entity,))
    found = places.extract(doc, ledger)
    mali_place = [p for p in found if p.span.text == "Mali"][0]
    assert (mali_place.country, mali_place.entity) == ("ML", "ent-1")


@pytest.mark.parametrize(
    "text", ["", "   ", "\u200b", "PARIS", "The the the.", "Paris,,,, Texas", "🙂 Lagos 🙂", "A\n\nB", "-- : ,"]
)
def test_odd_input_never_raises(nlp, text):
    ledger = Ledger(article=Article(id="odd", text=text))
    found = places.extract(nlp(text), ledger)
    assert all(p.span.text == text[p.span.start : p.span.end] for p in found)


@pytest.mark.slow
def test_acceptance_places(acceptance_ledger):
    expected = json.loads(require_shared(ACCEPTANCE_EXPECTED).read_text(encoding="utf-8"))["places"]
    _check_spans(acceptance_ledger)
    for item in expected["must"] + expected["should"]:
        matches = [p for p in acceptance_ledger.places if item["text"].lower() in p.span.text.lower()]
        assert matches, item
        ok = []
        for place in matches:
            good = place.country == item.get("country", place.country)
            if "lat" in item:
                good = good and haversine_km(place.lat, place.lon, item["lat"], item["lon"]) <= item.get(
                    "within_km", 50
                )
            if "metonymic" in item:
                good = good and place.metonymic == item["metonymic"]
            ok.append(good)
        assert any(ok), item


def test_state_context_decides_georgia(analyze_text):
    ledger = analyze_text("ATLANTA, Ga. - Georgia lawmakers met in Atlanta and Macon on Tuesday.")
    georgia = _by_text(ledger, "Georgia")[0]
    assert (georgia.country, georgia.feature) == ("US", "region")
    ledger = analyze_text("Russia and Georgia fought over South Ossetia; Tbilisi said talks failed.")
    assert _by_text(ledger, "Georgia")[0].country == "GE"


def test_county_and_abbreviated_state(analyze_text):
    ledger = analyze_text("Deputies in Laurel County, Ky., arrested two men near London on Friday.")
    laurel = _by_text(ledger, "Laurel County")[0]
    assert (laurel.country, laurel.feature) == ("US", "other")
    assert haversine_km(laurel.lat, laurel.lon, 37.1, -84.1) < 60
    kentucky = _by_text(ledger, "Ky.")[0]
    assert kentucky.name == "Kentucky"


def test_a_place_name_inside_another_name_is_no_place(analyze_text):
    """The New York Times, the Maxwell School of Syracuse University, the Texas Department of Transportation:
    the name is the newspaper's, the school's, the agency's, not a place the article speaks of."""
    ledger = analyze_text("The Texas Department of Transportation said the road would reopen, The New York Times "
                          "reported, citing a professor at the Maxwell School of Syracuse University. Floods hit "
                          "Syracuse in May.")
    places = [(p.span.text, p.span.start) for p in ledger.places]
    assert [text for text, _ in places] == ["Syracuse"] and places[0][1] > ledger.article.text.index("Floods")


def test_directional_qualifier_is_trimmed(analyze_text):
    ledger = analyze_text("Storms hit North Texas overnight.")
    texas = [p for p in ledger.places if "Texas" in p.span.text][0]
    assert texas.span.text == "Texas" and texas.feature == "region"


def test_resolve_spans_resolves_given_toponyms_and_demonyms(nlp):
    text = "Russian dancers performed in Paris, Texas, on Friday."
    ledger = Ledger(article=Article(id="t", text=text))
    paris, _, russian, nothing = places.resolve_spans(nlp(text), ledger, [(29, 34), (36, 41), (0, 7), (8, 15)])
    assert paris.country == "US" and haversine_km(paris.lat, paris.lon, 33.66, -95.56) < 50
    assert (russian.country, russian.feature) == ("RU", "country")
    assert nothing is None


def test_demonym_spans_are_reported_apart_from_places(nlp):
    text = "Russian officials met Kenyan envoys in Nairobi."
    found = places.demonym_spans(nlp(text))
    assert ("RU" in {code for _, _, code in found}) and all(text[s:e][0].isupper() for s, e, _ in found)


def test_a_capital_the_government_is_dealt_with_or_speaks_through_is_metonymic(analyze_text):
    ledger = analyze_text("The Taliban have long refused to negotiate peace with Kabul, a White House "
                          "spokesman said.", published="2019-11-19")
    metonymic = {p.span.text: p.metonymic for p in ledger.places}
    assert metonymic.get("Kabul") is True
