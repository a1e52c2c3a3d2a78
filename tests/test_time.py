"""Temporal expressions: spotting, TIMEX3 normalisation, anchoring to the publication date."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.extract.time import extract, find_times
from newsledger.model import Article, Ledger
from tests.conftest import ACCEPTANCE_EXPECTED, require_shared

PUBLISHED = "2021-11-10"  # a Wednesday


def values(text: str, published: str | None = PUBLISHED, doc=None) -> list[tuple[str, str]]:
    return [(t.span.text, t.value) for t in find_times(text, published, doc)]


def only(text: str, published: str | None = PUBLISHED, doc=None):
    found = find_times(text, published, doc)
    assert len(found) == 1, [(t.span.text, t.value) for t in found]
    return found[0]


# --- absolute dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The treaty was signed on November 10, 2020 in Moscow.", "November 10, 2020", "2020-11-10"),
        ("The siege began in February 1992.", "February 1992", "1992-02"),
        ("Talks resumed on 3 March 2018 after a pause.", "3 March 2018", "2018-03-03"),
        ("The deal was signed on Nov. 4, 2019.", "Nov. 4, 2019", "2019-11-04"),
        ("The council met in 1993 and again later.", "1993", "1993"),
        ("Relations have been tense since 1991, officials say.", "1991", "1991"),
        ("The report is dated 2019-06-30.", "2019-06-30", "2019-06-30"),
        ("Prices soared in the 1970s.", "the 1970s", "197"),
        ("Borders were drawn in the 19th century.", "the 19th century", "18"),
    ],
)
def test_absolute_dates(text, span, value):
    found = only(text)
    assert (found.span.text, found.value, found.type, found.anchored) == (span, value, "DATE", False)


def test_a_day_range_is_one_expression():
    found = only("Troops entered the town on the night of March 3-4, 1995, witnesses said.")
    assert (found.span.text, found.value) == ("March 3-4, 1995", "1995-03-03/1995-03-04")


def test_a_day_month_range():
    assert values("Elections were held 25-26 May 2014.") == [("25-26 May 2014", "2014-05-25/2014-05-26")]


def test_a_list_of_years_gives_one_date_each():
    text = "The two states fought in 1962, 1971, and 1999 over the valley."
    found = find_times(text)
    assert [(t.span.text, t.value) for t in found] == [("1962", "1962"), ("1971", "1971"), ("1999", "1999")]
    assert all(t.type == "DATE" for t in found)


def test_a_year_after_a_capitalised_preposition():
    assert values("The commission, in its two reports In 1987, asked for a ceasefire.") == [("1987", "1987")]


def test_impossible_dates_are_dropped():
    assert all("-02-30" not in value for _, value in values("It was due on February 30, 2021."))


# --- numbers that are not dates ------------------------------------------------------------------


def test_bare_numbers_are_not_years():
    assert values("The village has 1500 inhabitants and 2000 goats.") == []
    assert values("A total of 1500 people signed.") == []


def test_a_count_after_in_is_not_a_year(nlp):
    text = "The virus was found in 2000 cases across the region."
    assert values(text, doc=nlp(text)) == []


def test_a_year_before_a_noun_it_dates_is_a_date_not_a_count(nlp):
    text = "Volker said that raising 2016 elections was political, and the army sent 2000 troops."
    assert values(text, doc=nlp(text)) == [("2016", "2016")]


def test_ambiguous_month_names_need_a_date_context():
    assert values("May the best team win.") == []
    assert values("Elections are due in May.", "2021-03-01") == [("May", "2021-05")]


def test_ages_are_not_durations():
    assert values("A 65-year-old farmer and his 8-year-old son were hurt.") == []


# --- relative dates, anchored to the publication date --------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The war last year left deep scars.", "last year", "2020"),
        ("Clashes erupted on September 27 last year.", "September 27 last year", "2020-09-27"),
        ("The minister resigned yesterday.", "yesterday", "2021-11-09"),
        ("The minister speaks today in parliament.", "today", "2021-11-10"),
        ("The talks will continue next week.", "next week", "2021-W46"),
        ("The court ruled earlier this month.", "this month", "2021-11"),
        ("The rebels surrendered two years ago.", "two years ago", "2019"),
        ("The plan was announced in July last year.", "July last year", "2020-07"),
        ("Fighting flared again last month.", "last month", "2021-10"),
    ],
)
def test_relative_dates(text, span, value):
    found = only(text)
    assert (found.span.text, found.value, found.anchored) == (span, value, True)


def test_now_is_the_present():
    found = only("The border is now closed.")
    assert (found.value, found.anchored) == ("PRESENT_REF", False)


def test_weekdays_follow_the_tense(nlp):
    past = "The envoy arrived on Monday."
    future = "The envoy will arrive on Friday."
    assert values(past, doc=nlp(past)) == [("Monday", "2021-11-08")]
    assert values(future, doc=nlp(future)) == [("Friday", "2021-11-12")]


def test_a_month_without_a_year_follows_the_tense(nlp):
    past = "The ceasefire collapsed in December."
    future = "The summit will be held in March."
    assert values(past, doc=nlp(past)) == [("December", "2020-12")]
    assert values(future, doc=nlp(future)) == [("March", "2022-03")]


def test_an_offset_from_the_date_just_mentioned():
    found = find_times("The army left in 1989 and returned a year later.")
    assert [(t.span.text, t.value) for t in found] == [("1989", "1989"), ("a year later", "1990")]
    assert found[1].anchored


# --- without a publication date relative values stay unresolved ----------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The war last year left deep scars.", "XXXX"),
        ("Clashes erupted on September 27 last year.", "XXXX-09-27"),
        ("The minister resigned yesterday.", "XXXX-XX-XX"),
        ("The court ruled last month.", "XXXX-XX"),
        ("The rebels surrendered two years ago.", "XXXX"),
        ("The envoy arrived on Monday.", "XXXX-WXX-1"),
        ("The summit opens on 12 June.", "XXXX-06-12"),
    ],
)
def test_no_publication_date_leaves_relative_values_unresolved(text, value):
    found = only(text, published=None)
    assert (found.value, found.anchored) == (value, False)


def test_an_unreadable_publication_date_counts_as_none():
    assert only("The war last year left deep scars.", published="soon").value == "XXXX"


# --- durations, modifiers, times, sets -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value", "mod"),
    [
        ("The region was held for 30 years by the army.", "30 years", "P30Y", None),
        ("The 44-day war ended in a truce.", "44-day", "P44D", None),
        ("During the two-hour assault the town fell.", "two-hour", "PT2H", None),
        ("It was occupied for nearly three decades.", "nearly three decades", "P30Y", "APPROX"),
        ("The dispute has lasted more than 40 years.", "more than 40 years", "P40Y", "MORE_THAN"),
        ("The vote took half an hour.", "half an hour", "PT30M", None),
        ("The blockade lasted several months.", "several months", "PXM", None),
        ("The families waited for years.", "years", "PXY", None),
        ("The economy shrank over the past five years.", "the past five years", "P5Y", None),
        ("Talks went on for a year and a half.", "a year and a half", "P1Y6M", None),
    ],
)
def test_durations(text, span, value, mod):
    found = only(text)
    assert (found.span.text, found.type, found.value, found.mod) == (span, "DURATION", value, mod)


@pytest.mark.parametrize(
    ("text", "span", "value", "mod"),
    [
        ("The dam was built in early 1990.", "early 1990", "1990", "START"),
        ("Prices fell in mid-2019.", "mid-2019", "2019", "MID"),
        ("The port reopened late last year.", "late last year", "2020", "END"),
        ("The talks collapsed at the end of 2018.", "the end of 2018", "2018", "END"),
    ],
)
def test_period_parts(text, span, value, mod):
    found = only(text)
    assert (found.span.text, found.value, found.mod) == (span, value, mod)


def test_clock_times_take_the_day_of_their_sentence():
    assert values("The blast happened at 3 p.m. on the main square.") == [("3 p.m.", "2021-11-10T15:00")]
    assert values("Voting closes at 9 a.m. Friday.") == [("9 a.m. Friday", "2021-11-05T09:00")]
    assert values("The curfew starts at 10:30 pm.", published=None) == [("10:30 pm", "XXXX-XX-XXT22:30")]


def test_sets():
    found = find_times("Patrols pass every week and convoys run daily.")
    assert [(t.span.text, t.type, t.value) for t in found] == [
        ("every week", "SET", "P1W"),
        ("daily", "SET", "P1D"),
    ]


def test_parts_of_day():
    assert values("Shelling resumed last night.") == [("last night", "2021-11-09TNI")]


# --- spoken forms, holidays, lists ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "span", "value"),
    [
        ("Atlanta, nineteen ninety-six. A bomb went off.", None, "nineteen ninety-six", "1996"),
        ("It happened in the winter of nineteen ninety-four.", None, "the winter of nineteen ninety-four", "1994-WI"),
        ("The goal is to halve it by the year two thousand.", None, "the year two thousand", "2000"),
        ("Hate groups shrank through the nineties.", None, "the nineties", "199"),
        ("Elian was found on Thanksgiving Day clinging to a tube.", "2000-01-07", "Thanksgiving Day", "1999-11-25"),
        ("Voters go to the polls on Election Day.", "1998-10-26", "Election Day", "1998-11-03"),
        ("The rising began at Easter 1916.", None, "Easter 1916", "1916-04-23"),
        ("It is this coming Sunday, March eighth.", "1998-03-05", "this coming Sunday, March eighth", "1998-03-08"),
        ("The editorial ran on Saturday, April 25.", "1998-04-24", "Saturday, April 25", "1998-04-25"),
        ("A hearing is set for the week of March 6.", "2000-02-24", "the week of March 6", "2000-W10"),
    ],
)
def test_spoken_forms_and_holidays(text, published, span, value):
    found = only(text, published)
    assert (found.span.text, found.value) == (span, value)


def test_a_list_of_days_gives_two_dates():
    found = values("The summit is on April 24 and 25.", "1999-02-10")
    assert found == [("April 24", "1999-04-24"), ("25", "1999-04-25")]


def test_a_possessive_weekday_is_a_date():
    assert values("Thursday's ruling was appealed.") == [("Thursday", "2021-11-04")]


def test_ages_in_words_are_not_decades():
    assert values("The senator, in his nineties, retired.") == []


# --- durations and sets in more shapes -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "type_", "value"),
    [
        ("She spent about 5 1/2 hours in Nairobi.", "about 5 1/2 hours", "DURATION", "PT5H30M"),
        ("They lived in camps for 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M"),
        ("It will not change for a couple of years.", "a couple of years", "DURATION", "P2Y"),
        ("The base is leased for at least 20 more years.", "at least 20 more years", "DURATION", "P20Y"),
        ("Eight trading days later the index recovered.", "Eight trading days", "DURATION", "P8D"),
        ("Crime has risen in recent months.", "recent months", "DURATION", "PXM"),
        ("Rates may fall in the coming weeks.", "the coming weeks", "DURATION", "PXW"),
        ("Orangemen march each July through the town.", "each July", "SET", "XXXX-07"),
        ("Flights leave every Thursday from Sydney.", "every Thursday", "SET", "XXXX-WXX-4"),
        ("The market is closed on Sundays.", "Sundays", "SET", "XXXX-WXX-7"),
        ("Clinton spoke in his weekly radio address.", "weekly", "SET", "P1W"),
    ],
)
def test_more_durations_and_sets(text, span, type_, value):
    found = only(text)
    assert (found.span.text, found.type, found.value) == (span, type_, value)


def test_fractions_titles_and_idioms_are_not_times(nlp):
    for text in ("Iraq imports about three-quarters of its food.", "He told CBS's \"60 Minutes\" he would stay.",
                 "For Poland, high noon comes at last."):
        assert values(text, doc=nlp(text)) == [], text


def test_vague_amounts_ago_point_to_the_past():
    assert values("The machines were removed several years ago.") == [("several years ago", "PAST_REF")]


# --- reading the clause: tense, deadlines, nearness -----------------------------------------------


def test_a_deadline_looks_forward_even_in_the_past_tense(nlp):
    text = "The offer was extended to Nov. 20, the company said."
    assert values(text, "1989-11-02", nlp(text)) == [("Nov. 20", "1989-11-20")]


def test_since_looks_back(nlp):
    text = "No inspection has been allowed since Jan. 13."
    assert values(text, "1998-03-06", nlp(text)) == [("Jan. 13", "1998-01-13")]


def test_a_near_date_without_a_year_is_that_one(nlp):
    text = "Meissner gave no reason for the Jan. 14 deadline."
    assert values(text, "2000-01-05", nlp(text)) == [("Jan. 14", "2000-01-14")]


def test_until_a_weekday_looks_forward(nlp):
    text = "The INS has given the relatives until 9 a.m. Tuesday to sign."
    assert values(text, "2000-04-03", nlp(text)) == [("9 a.m. Tuesday", "2000-04-04T09:00")]


def test_a_clock_time_takes_the_day_named_right_after_it():
    text = "The blast occurred at about 10:35 a.m. (0735 GMT) Friday, witnesses said."
    assert ("about 10:35 a.m.", "1998-08-07T10:35") in values(text, "1998-08-08")


def test_a_part_of_day_before_yesterday():
    assert values("In London at mid-afternoon yesterday, shares rose.", "1989-11-02") == [
        ("mid-afternoon yesterday", "1989-11-01TAF")]


# --- news anaphora: from the date mentioned last ----------------------------------------------------


def test_anaphors_count_from_the_date_mentioned_last(nlp):
    text = "On May 22, 1995, he was promoted, and the following year he went to Washington."
    found = values(text, "1998-04-18", nlp(text))
    assert found == [("May 22, 1995", "1995-05-22"), ("the following year", "1996")]
    text = "She fled in June 1998 and returned later that year."
    assert values(text, "2000-01-28", nlp(text)) == [("June 1998", "1998-06"), ("later that year", "1998")]


def test_the_past_year_is_last_year():
    assert values("Hate groups grew over the past year.", "1998-03-03") == [("the past year", "1997")]


# --- business news: quarters ------------------------------------------------------------------------

EARNINGS = (
    "Acme Corp. said third-quarter net income fell to $5 million from $7 million a year ago. "
    "Sales in the quarter rose 3%. In the year-ago quarter, Acme had a charge. "
    "Year-earlier results were restated. In fiscal 1988, Acme earned $9 million."
)


def test_quarters_in_earnings_news(nlp):
    found = values(EARNINGS, "1989-11-02", nlp(EARNINGS))
    assert found == [
        ("third-quarter", "1989-Q3"),
        ("a year ago", "1988-Q3"),
        ("the quarter", "1989-Q3"),
        ("the year-ago quarter", "1988-Q3"),
        ("Year-earlier", "1988-Q3"),
        ("fiscal 1988", "1988"),
    ]


def test_a_year_ago_outside_quarter_talk_is_last_year():
    assert values("The plant opened a year ago.", "1989-11-02") == [("a year ago", "1988")]


def test_the_quarter_alone_is_the_last_one_completed():
    assert values("Sales in the quarter rose 3%.", "1989-11-02") == [("the quarter", "1989-Q3")]
    assert values("Sales in the quarter rose 3%.", None) == [("the quarter", "XXXX-QX")]


def test_the_year_and_the_year_ended():
    found = find_times("Earnings for the year ended June 30 rose, and the full year looks good.", "1989-11-02")
    assert [(t.span.text, t.type, t.value) for t in found] == [
        ("the year", "DURATION", "P1Y"), ("June 30", "DATE", "1989-06-30"), ("the full year", "DATE", "1989")]


# --- records -------------------------------------------------------------------------------------


def test_ids_are_in_text_order_and_spans_are_slices():
    text = "In 1948 and again on 5 June 1967, and last year, wars broke out for 30 days."
    found = find_times(text, PUBLISHED)
    assert [t.id for t in found] == [f"tim-{i}" for i in range(1, len(found) + 1)]
    assert [t.span.start for t in found] == sorted(t.span.start for t in found)
    for t in found:
        assert t.span.text == text[t.span.start : t.span.end]


ODD = ["", " ", "...", "½ ¾ ① 10⁵ ٣", "\u200b\u00a0\ufeff", "2021-13-45", "99:99 pm"]


@pytest.mark.parametrize("text", ODD)
def test_odd_input_never_raises(text):
    for t in find_times(text, PUBLISHED):
        assert t.span.text == text[t.span.start : t.span.end]


_PIECES = list("0123456789 ,-–./:amp\né") + ["May", "last", "year", "ago", "in", "Monday", "two", "days"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_random_text_never_raises(text):
    for t in find_times(text, PUBLISHED):
        assert t.span.text == text[t.span.start : t.span.end]


def test_extract_on_an_empty_doc(nlp):
    ledger = Ledger(article=Article(id="x", text="", published=PUBLISHED))
    assert extract(nlp(""), ledger) == []


def test_pipeline_times(analyze_text):
    ledger = analyze_text("The envoy arrived on Monday, two days after the truce of 6 November.", PUBLISHED)
    assert [(t.span.text, t.value) for t in ledger.times] == [("Monday", "2021-11-08"), ("two days", "P2D"),
                                                             ("6 November", "2021-11-06")]


# --- the acceptance article ----------------------------------------------------------------------


def _expected_times() -> list[dict]:
    data = json.loads(require_shared(ACCEPTANCE_EXPECTED).read_text(encoding="utf-8"))
    return data["times"]["must"] + data["times"]["should"]


def test_acceptance_times(acceptance_ledger):
    text = acceptance_ledger.article.text
    for item in _expected_times():
        matches = [t for t in acceptance_ledger.times if item["text"].lower() == t.span.text.lower()]
        if "where" in item:
            where = text.lower().index(item["where"].lower())
            matches = [t for t in matches if where <= t.span.start < where + len(item["where"])]
        assert matches, f"no time expression {item['text']!r}"
        found = matches[0]
        assert found.value == item["value"], item
        if "type" in item:
            assert found.type == item["type"], item
        if "mod" in item:
            assert found.mod == item["mod"], item
