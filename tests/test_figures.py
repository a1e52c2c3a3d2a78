"""Figures: numbers, units, hedges, ranges, what they count and the outcome of human tolls."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.extract.figures import extract, find_figures, parse_number, parse_vague
from newsledger.model import Article, Ledger
from tests.conftest import ACCEPTANCE_EXPECTED, require_shared

PUBLISHED = "2021-11-10"


def only(text: str, doc=None, times=()):
    found = find_figures(text, doc, times)
    assert len(found) == 1, [(f.span.text, f.value) for f in found]
    return found[0]


def by_value(ledger, value):
    matches = [f for f in ledger.figures if f.value == value]
    assert matches, f"no figure {value} in {[(f.span.text, f.value) for f in ledger.figures]}"
    return matches[0]


# --- numbers --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,275", 1275), ("613", 613), ("3.5", 3.5), ("forty-four", 44), ("Eight", 8), ("a dozen", 12),
        ("two dozen", 24), ("three hundred and twelve", 312), ("2 million", 2_000_000),
        ("1.2bn", 1_200_000_000),
        ("twenty-one thousand", 21_000), ("first", None), ("", None), ("many", None),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "bounds"),
    [("hundreds", (100, 999)), ("thousands", (1000, 9999)), ("tens of thousands", (10_000, 99_999)),
     ("several hundred", (300, 999)), ("dozens", (24, 99)), ("lots", None)],
)
def test_parse_vague(text, bounds):
    assert parse_vague(text) == bounds


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("The firm hired 1,275 workers.", "1,275", 1275, None),
        ("Turnout reached 20% this time.", "20%", 20, "percent"),
        ("Turnout reached 64.5 per cent.", "64.5 per cent", 64.5, "percent"),
        ("The deal is worth $1.2bn to the city.", "$1.2bn", 1_200_000_000, "USD"),
        ("The fund holds €40m in bonds.", "€40m", 40_000_000, "EUR"),
        ("The grant was 3.5 million euros.", "3.5 million euros", 3_500_000, "EUR"),
        ("Exports fell to 12.3m tonnes.", "12.3m tonnes", 12_300_000, "tonne"),
        ("The wall is 30 km long.", "30 km", 30, "kilometre"),
        ("The lake covers 4,400 square kilometres.", "4,400 square kilometres", 4400, "square kilometre"),
        ("Oil traded at $52 a barrel.", "$52 a barrel", 52, "USD per barrel"),
        ("A 65-year-old farmer was hurt.", "65-year-old", 65, "year of age"),
        ("Nearly two-thirds of voters agreed.", "two-thirds", 0.666667, "fraction"),
        ("It is about minus 40 degrees.", "40 degrees", -40, "degree"),
        ("Lead came back at 15 ppb.", "15 ppb", 15, "part per billion"),
        ("The torque is 586 lb-ft.", "586 lb-ft", 586, "foot pound-force"),
        ("It was priced at AU $89.99 per year.", "AU $89.99 per year", 89.99, "AUD per year"),
        ("It costs 8.99 Australian dollars per month.", "8.99 Australian dollars per month", 8.99, "AUD per month"),
        ("It expects a net profit of Y=100 million.", "Y=100 million", 100_000_000, "JPY"),
        ("The package was worth PS2.7m in all.", "PS2.7m", 2_700_000, "GBP"),
        ("The recipe needs 1/2 pound of butter.", "1/2 pound", 0.5, "pound-mass"),
        ("Revenue grew sixfold last year.", "sixfold", 6, "times"),
        ("Its mass is 1.99×10−30 kilograms.", "1.99×10−30 kilograms", 1.99e-30, "kilogram"),
        ("Nissan is 43.4 percent-owned by Renault.", "43.4 percent", 43.4, "percent"),
        ("Fees rose by £24 a-year for users.", "£24 a-year", 24, "GBP per year"),
        ("Chips will shrink to sub-7 nanometer sizes.", "7 nanometer", 7, "nanometre"),
        ("One in five adults smoke.", "One in five", 0.2, "fraction"),
        ("Half of the staff will go.", "Half", 0.5, "fraction"),
        ("About a quarter of respondents said yes.", "a quarter", 0.25, "fraction"),
        ("Temperatures hit 40C on Tuesday.", "40C", 40, "degree celsius"),
    ],
)
def test_numbers_and_units(text, span, value, unit):
    found = only(text)
    assert (found.span.text, found.value, found.unit) == (span, value, unit)


@pytest.mark.parametrize(
    ("text", "bounds", "unit"),
    [
        ("Between 5,000 and 7,000 people marched.", (5000, 7000), None),
        ("Each tent holds 20 to 30 people.", (20, 30), None),
        ("Rents rose 5-7% last year.", (5, 7), "percent"),
        ("Sizes run from 450 to 900 sq ft.", (450, 900), "square foot"),
        ("Hundreds fled the fighting.", (100, 999), None),
        ("Tens of thousands of people rallied.", (10_000, 99_999), None),
        ("It went from 208 pounds to 193.", (208, 193), "pound-mass"),
        ("Sizes start from 450 sq ft up to 900 sq ft.", (450, 900), "square foot"),
        ("Its 0-to-60-mph time is quick.", (0, 60), "mile per hour"),
        ("A 200,000 to-260,000 year-old skull was found.", (200_000, 260_000), "year of age"),
    ],
)
def test_ranges(text, bounds, unit):
    found = only(text)
    assert (found.value, found.value_range, found.unit) == (None, bounds, unit)


@pytest.mark.parametrize(
    ("text", "change", "approx"),
    [
        ("The rebels held almost 20% of the land.", "~", True),
        ("They seized nearly 300 villages.", "~", True),
        ("More than 700 homes burned.", ">", True),
        ("At least 30 people died.", ">=", True),
        ("The plant will hire up to 400 people.", "<", True),
        ("Fewer than 50 boats remain.", "<", True),
        ("Exactly 12 ships sailed.", "=", False),
        ("The index was up 2.3% at noon.", "up", False),
        ("The index closed +1.5% higher.", "up", False),
        ("Stoxx closed -1.3% lower.", "down", False),
    ],
)
def test_hedges_and_changes(text, change, approx):
    found = only(text)
    assert (found.change, found.approx) == (change, approx)


def test_a_range_keeps_its_hedge_but_no_rise_or_fall(nlp):
    text = "Prices will increase between 5% and 6%, cooking takes about 14-18 minutes."
    found = find_figures(text, nlp(text))
    assert [(f.value_range, f.change) for f in found] == [((5, 6), "="), ((14, 18), "~")]


def test_vague_numbers_are_approximate_but_unchanged():
    (found,) = find_figures("Thousands of tests were bought.")
    assert (found.value_range, found.approx, found.change) == ((1000, 9999), True, "=")


def test_hedge_before_minus():
    (found,) = find_figures("This is about minus 387 Fahrenheit.")
    assert (found.value, found.change, found.unit) == (-387, "~", "degree fahrenheit")


def test_rise_and_fall_through_nouns_and_conjuncts(nlp):
    text = "The index lost 190 points, or 0.6%, and jobs grew by 125,600 positions to 4.1 million."
    found = find_figures(text, nlp(text))
    assert [(f.value, f.change) for f in found] == [(190, "down"), (0.6, "down"), (125_600, "up"), (4_100_000, "=")]


def test_rise_and_fall_from_the_parse(nlp):
    text = "Shares rose 8% to 3.65 while the index fell by 0.4 per cent."
    found = find_figures(text, nlp(text))
    assert [(f.value, f.change) for f in found] == [(8, "up"), (3.65, "="), (0.4, "down")]


# --- what is not a figure ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "She came first in the 3rd round.",
        "Article 370 was scrapped.",
        "The COVID-19 wave passed.",
        "Flight 17 was shot down.",
        "They scored in the second half of the game.",
        "It took a quarter of an hour.",
        "Grade 12 C students passed.",
    ],
)
def test_not_figures(text):
    assert find_figures(text) == []


@pytest.mark.parametrize(
    ("text", "fractions"),
    [
        ("Stocks rose for a seventh straight session.", []),  # an ordinal before its noun
        ("She won a third term in office.", []),
        ("The budget was cut by a third.", [0.333333]),
        ("A third of the budget went to defence.", [0.333333]),
        ("Prices rose by a fifth last year.", [0.2]),  # parsed as one noun phrase with "last year"
    ],
)
def test_a_third_is_a_fraction_but_a_third_term_is_an_ordinal(nlp, text, fractions):
    assert [f.value for f in find_figures(text, nlp(text))] == pytest.approx(fractions)


def test_dates_and_times_are_not_figures(analyze_text):
    text = "On November 10, 2020 at 3 p.m. the pact was signed, as in 1993 and on 4 May."
    ledger = analyze_text(text, PUBLISHED)
    assert ledger.figures == ()
    assert [t.value for t in ledger.times] == ["2020-11-10T15:00", "1993", "2021-05-04"]


def test_durations_are_figures_too(analyze_text):
    """A duration is a quantity of time (NewsQuant counts it): the TimeExpr and the Figure both stay."""
    ledger = analyze_text("The town was held for 30 years, and two years ago it was freed.", PUBLISHED)
    assert [(f.value, f.unit) for f in ledger.figures] == [(30, "year"), (2, "year")]
    assert [t.value for t in ledger.times] == ["P30Y", "2019"]


def test_names_with_numbers(nlp):
    text = "The new iPhone 11 sold 400 units, more than the Boeing 787 Dreamliner."
    assert [f.value for f in find_figures(text, nlp(text))] == [400]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("The S&P 500 gained 0.68 per cent and the FTSE 100 fell.", [0.68]),
        ("The San Francisco 49ers won in the 1990s.", []),
        ("Cayman Airways grounded two new 737 Max jets.", [2]),
        ("About 460 Kia and Hyundai vehicles have been stolen.", [460]),
        ("Tesla delivered 63,150 Model 3s in its fourth quarter.", [63_150]),
        ("Dallas Cowboys quarterback Dak Prescott (4) celebrates.", []),
        ("Sea levels could rise 11 feet by 2120, scientists warn.", [11]),
    ],
)
def test_names_years_and_glued_words(nlp, text, values):
    assert [f.value for f in find_figures(text, nlp(text))] == values


def test_a_quantity_the_parser_calls_a_name_is_still_a_figure(nlp):
    text = "Each home gets a 5kW solar panel system and a PS4 console."
    assert [(f.value, f.unit) for f in find_figures(text, nlp(text))] == [(5, "kilowatt")]


@pytest.mark.parametrize(
    ("text", "value"),
    [("Maddon, 66, has used the downtime well.", 66), ("Employment for women aged 25 to 54 grew.", None)],
)
def test_ages_are_typed(nlp, text, value):
    (found,) = find_figures(text, nlp(text))
    assert (found.value, found.unit) == (value, "year of age")


@pytest.mark.parametrize(
    ("text", "value", "unit", "concept"),
    [
        ("It costs about 8 or $9.", 8, "USD", None),
        ("The launches offer 435 homes by open sale and 187 by tender.", 187, None, "homes"),
        ("Sales rose to 3.9 million headsets, up from 2.4 million.", 2_400_000, None, "headsets"),
        ("Mileage went from about 14-18 mpg to 24 for SUVs.", 24, "mile per gallon", None),
        ("The offer of C$6 (US$4.46) per share was taken up.", 6, "CAD per share", None),
    ],
)
def test_a_bare_number_takes_what_its_partner_states(nlp, text, value, unit, concept):
    found = next(f for f in find_figures(text, nlp(text)) if f.value == value)
    assert (found.unit, found.concept) == (unit, concept)


# --- concepts, outcomes and subsets from the parse ---------------------------------------------------


def test_the_counted_noun(analyze_text):
    text = "The council adopted four resolutions and the army took nearly 40 towns and villages."
    ledger = analyze_text(text)
    assert by_value(ledger, 4).concept == "resolutions"
    towns = by_value(ledger, 40)
    assert (towns.concept, towns.approx) == ("towns and villages", True)


def test_an_of_phrase_names_what_vague_numbers_count(analyze_text):
    ledger = analyze_text("The storm left hundreds of families without power.")
    (found,) = ledger.figures
    assert (found.value_range, found.concept) == ((100, 999), "families")


@pytest.mark.parametrize(
    ("text", "value", "category"),
    [
        ("At least 40 miners were killed in the blast.", 40, "killed"),
        ("The attack wounded 23 soldiers.", 23, "injured"),
        ("Gunmen abducted 12 students on Friday.", 12, "hostage"),
        ("Rebels took 31 engineers hostage.", 31, "hostage"),
        ("Nine sailors are still missing.", 9, "missing"),
        ("Police arrested 57 protesters.", 57, "arrested"),
        ("About 5,000 residents fled the floods.", 5000, "displaced"),
        ("The quake left 300 dead.", 300, "killed"),
        ("The new bridge has 12 lanes.", 12, None),
        ("The bombing claimed 60 lives.", 60, "killed"),
        ("Ten people lost their lives in the crash.", 10, "killed"),
        ("The death toll rose to 45 on Sunday.", 45, "killed"),
        ("The quake had a toll of 212.", 212, "killed"),
        ("Among the dead were 14 children.", 14, "killed"),
        ("Six journalists were among those detained.", 6, "arrested"),
        ("Security forces rounded up 40 men.", 40, "arrested"),
        ("At least 7 people were taken captive.", 7, "hostage"),
        ("Authorities said 4 people remain unaccounted for.", 4, "missing"),
        ("A further 230 were evacuated from the area.", 230, "displaced"),
        ("The storm left 2,000 people homeless.", 2000, "displaced"),
        ("Some 5,000 refugees crossed the border.", 5000, "displaced"),
        ("The company cut 300 jobs.", 300, None),
        ("Exports rose by 12% and 40 new firms opened.", 40, None),
    ],
)
def test_outcomes(analyze_text, text, value, category):
    assert by_value(analyze_text(text), value).category == category


def test_years_and_ordinals_are_never_tolls(analyze_text):
    text = "On the first anniversary of the 1992 massacre, in which 613 people were killed, 3,000 marched."
    ledger = analyze_text(text, PUBLISHED)
    assert [(f.value, f.category) for f in ledger.figures] == [(613, "killed"), (3000, None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The explosion killed 12 people and wounded 30 others.", [(12, "killed"), (30, "injured")]),
        ("The attack left 12 dead and 30 injured.", [(12, "killed"), (30, "injured")]),
        ("Killing 12 and wounding 30, the attack shocked the city.", [(12, "killed"), (30, "injured")]),
        ("Two soldiers died and five were wounded in the ambush.", [(2, "killed"), (5, "injured")]),
        ("Police said 3 officers were hurt and 20 people were arrested.", [(3, "injured"), (20, "arrested")]),
        ("The quake killed at least 2,000 people and injured 5,000.", [(2000, "killed"), (5000, "injured")]),
        ("Gunmen abducted 18 people and 4 remain missing.", [(18, "hostage"), (4, "missing")]),
    ],
)
def test_coordinated_tolls_take_their_own_outcome(analyze_text, text, expected):
    assert [(f.value, f.category) for f in analyze_text(text).figures] == expected


@pytest.mark.parametrize(
    ("text", "span", "category", "concept"),
    [
        ("No one was killed in the attack.", "No one", "killed", None),
        ("Nobody was injured, police said.", "Nobody", "injured", None),
        ("No deaths were reported after the storm.", "No", "killed", "deaths"),
        ("There were no injuries.", "no", "injured", "injuries"),
        ("None of the passengers was hurt.", "None", "injured", "passengers"),
        ("No Azerbaijanis were harmed.", "No", "injured", "Azerbaijanis"),
    ],
)
def test_a_toll_of_none_is_a_zero_figure(analyze_text, text, span, category, concept):
    """Negation: 'no one was killed' is kept as the fact it is, a toll of 0 (see the module docstring)."""
    (found,) = analyze_text(text).figures
    assert (found.span.text, found.value, found.category, found.concept) == (span, 0, category, concept)


@pytest.mark.parametrize(
    "text",
    ["There is no doubt about it.", "It has no more than 20 staff.", "No plans were made.",
     "The soldiers were not killed, officials said."],
)
def test_no_without_an_outcome_is_no_figure(analyze_text, text):
    assert all(f.value != 0 for f in analyze_text(text).figures)


def test_coordinated_outcomes_take_their_own_verb(analyze_text):
    ledger = analyze_text("In the raid 41 villagers were killed and 96 others badly injured.")
    killed, injured = by_value(ledger, 41), by_value(ledger, 96)
    assert (killed.category, killed.concept) == ("killed", "villagers")
    assert (injured.category, injured.concept) == ("injured", "villagers")


def test_subsets_of_an_earlier_figure(analyze_text):
    text = "The militia shelled the town, killing dozens of people, including 14 women and 9 children."
    ledger = analyze_text(text)
    dozens = next(f for f in ledger.figures if f.value_range == (24, 99))
    assert (dozens.concept, dozens.category) == ("people", "killed")
    for value, concept in ((14, "women"), (9, "children")):
        found = by_value(ledger, value)
        assert (found.concept, found.category, found.part_of) == (concept, "killed", dozens.id)


@pytest.mark.parametrize(
    ("text", "group", "part", "concept", "category"),
    [
        ("Police detained 57 protesters, including 12 minors.", 57, 12, "minors", "arrested"),
        ("The raid left 12 people dead, among them four children.", 12, 4, "children", "killed"),
        ("The blast killed 30 people, 10 of whom were police officers.", 30, 10, "people", "killed"),
        ("The strike wounded 12, including three children.", 12, 3, "children", "injured"),
    ],
)
def test_subsets(analyze_text, text, group, part, concept, category):
    ledger = analyze_text(text)
    whole, subset = by_value(ledger, group), by_value(ledger, part)
    assert (subset.part_of, subset.concept, subset.category) == (whole.id, concept, category)
    assert whole.part_of is None


def test_of_them_points_back_to_the_figure_before(analyze_text):
    ledger = analyze_text("Pirates seized 2,130 fishermen, and 240 of them are still missing.")
    seized, missing = by_value(ledger, 2130), by_value(ledger, 240)
    assert (missing.concept, missing.category, missing.part_of) == ("fishermen", "missing", seized.id)


# --- records -------------------------------------------------------------------------------------------


def test_ids_are_in_text_order_and_spans_are_slices(analyze_text):
    text = "Some 40 boats, 3 planes and almost 20% of the fleet, worth $2bn, were lost in 1990."
    ledger = analyze_text(text)
    found = ledger.figures
    assert [f.id for f in found] == [f"fig-{i}" for i in range(1, len(found) + 1)]
    assert [f.span.start for f in found] == sorted(f.span.start for f in found)
    for f in found:
        assert f.span.text == ledger.article.text[f.span.start : f.span.end]


ODD = ["", " ", "...", "½ ¾ ① 10⁵ ٣", "\u200b\u00a0", "1,2,3,,4..5", "$$$ 5% %5 -"]


@pytest.mark.parametrize("text", ODD)
def test_odd_input_never_raises(text):
    for f in find_figures(text):
        assert f.span.text == text[f.span.start : f.span.end]


def test_odd_input_with_a_parse(analyze_text):
    for text in ("½ ¾ ① 10⁵ ٣", "$$$ 5% %5 -", "one", "between and 5", "Hundreds of"):
        for f in analyze_text(text).figures:
            assert f.span.text == text[f.span.start : f.span.end]


_PIECES = list("0123456789 ,.-–%$€/\n") + ["million", "bn", "m", "km", "of", "hundreds", "to", "and",
                                            "between", "almost", "two", "thirds", "a", "dozen", "minus"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_random_text_never_raises(text):
    for f in find_figures(text):
        assert f.span.text == text[f.span.start : f.span.end]


def test_extract_on_an_empty_doc(nlp):
    ledger = Ledger(article=Article(id="x", text="", published=PUBLISHED))
    assert extract(nlp(""), ledger) == []


# --- the acceptance article ----------------------------------------------------------------------------


def _expected_figures() -> list[dict]:
    data = json.loads(require_shared(ACCEPTANCE_EXPECTED).read_text(encoding="utf-8"))
    return data["figures"]["must"] + data["figures"]["should"]


def _fits(figure, item: dict) -> bool:
    if "value" in item and figure.value != item["value"]:
        return False
    if "value_range" in item and list(figure.value_range or ()) != item["value_range"]:
        return False
    if "text" in item and item["text"].lower() not in figure.span.text.lower():
        return False
    if "concept_contains" in item and item["concept_contains"].lower() not in (figure.concept or "").lower():
        return False
    return all(getattr(figure, key) == item[key] for key in ("category", "approx", "unit") if key in item)


def test_acceptance_figures(acceptance_ledger):
    for item in _expected_figures():
        assert any(_fits(f, item) for f in acceptance_ledger.figures), item


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Europa is one of the solar system's best bets for life.", []),
        ("At one point, one questioner asked about the plan.", []),
        ("Emirates ordered 30 Boeing 787-9 jets and A350-900 planes.", [30]),
        ("Since the Six-Day War, between 20-30 people a day crossed.", [(20, 30)]),
        ("The plan costs one percent of the budget.", [1]),
    ],
)
def test_determiners_and_designations_are_no_figures(analyze_text, text, kept):
    ledger = analyze_text(text, published="2024-03-06")
    assert [f.value if f.value is not None else f.value_range for f in ledger.figures] == kept


def test_one_person_killed_keeps_its_toll(analyze_text):
    ledger = analyze_text("One person was killed in the blast.", published="2024-03-06")
    assert [(f.value, f.category) for f in ledger.figures] == [(1, "killed")]


@pytest.mark.parametrize("text, kept", [
    ("The 777 program has faced delays.", []),  # a model's number before a singular noun
    ("Boeing attracted bids from a third undisclosed buyer.", []),  # an ordinal, not a fraction
    ("Sales fell by a third last year.", ["a third"]),
    ("A third of the budget went to 500 troops.", ["A third", "500"]),
])
def test_model_numbers_and_ordinals_are_no_figures(analyze_text, text, kept):
    ledger = analyze_text(text, published="2019-11-20")
    assert [f.span.text for f in ledger.figures] == kept


def test_one_of_a_toll_is_no_toll_of_its_own(analyze_text):
    ledger = analyze_text("The mother of Krystal Campbell, one of the three people killed in the bombing, spoke.",
                          published="2015-06-25")
    assert [(f.span.text, f.category) for f in ledger.figures] == [("three", "killed")]


def test_the_speaker_of_a_toll_is_not_counted_in_it(analyze_text):
    ledger = analyze_text("One anonymous official said 126 people were killed.", published="2019-01-21")
    assert {f.span.text: f.category for f in ledger.figures}.get("126") == "killed"
    assert all(f.category is None for f in ledger.figures if f.span.text != "126")


@pytest.mark.parametrize("text", [
    "Tips: Signal 347-966-3806 or (555) 123-4567.",
    "Write to WIRED, 520 Third Street, Suite 350, San Francisco, CA 94107.",
    "A family friend found the car in the parking lot and called 911.",
])
def test_numbers_that_reach_someone_are_not_figures(analyze_text, text):
    assert analyze_text(text, published="2019-11-19").figures == ()


def test_a_count_near_a_street_is_still_a_figure(analyze_text):
    ledger = analyze_text("Police arrested 12 people on Main Street.", published="2019-11-19")
    assert [(f.value, f.category) for f in ledger.figures] == [(12, "arrested")]


def test_a_count_after_called_and_a_decimal_are_still_figures(analyze_text):
    ledger = analyze_text("Prosecutors called 12 witnesses, and the index closed at 1,234.5678.",
                          published="2019-11-19")
    assert {f.value for f in ledger.figures} >= {12, 1234.5678}
