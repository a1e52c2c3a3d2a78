"""Rules for dates the text names: a day, a month or a season with or without its year ('November 10,
2020', 'February 1992', 'in February', 'the summer'), holidays, decades, centuries and quarters. A year left
out comes from the publication date and the clause's tense."""

from __future__ import annotations

import datetime as dt
import re

from newsledger.extract.time.candidates import Candidate, Context
from newsledger.extract.time.dates import (
    day_value,
    holiday_date,
    infer_year,
    iso_day,
    month_number,
    season_year,
    year_number,
)
from newsledger.extract.time.lexicon import (
    DATE_CONTEXT,
    HOLIDAYS,
    LEX,
    MONTHS,
    ORDINAL_DAYS,
    PERIOD_ORDINALS,
    POSITIONS,
    SEASONS,
    SHIFTS,
    TENS,
    WEEKDAYS,
)


def _day_number(text: str) -> int:
    """'25' / '25th' / 'eighth' -> 25 / 25 / 8."""
    digits = re.match(r"\d+", text)
    return int(digits.group()) if digits else ORDINAL_DAYS[" ".join(text.lower().replace("-", " ").split())]


def full_date(m: re.Match, ctx: Context) -> list[Candidate]:
    """'November 10, 2020', '25-26 February 1992', 'September 27 last year', 'Monday, Nov. 8'."""
    month = month_number(m["m"])
    days = [_day_number(d) for d in (m["d"], m["d2"]) if d]
    if not all(1 <= d <= 31 for d in days):
        return []
    anchored = False
    if m["y"]:
        year: int | None = year_number(m["y"])
    elif m["rel"]:
        year = ctx.dct.year + SHIFTS[m["rel"].lower()] if ctx.dct else None
        anchored = ctx.dct is not None
    elif ctx.dct:
        shift = SHIFTS.get((m["shift"] or "").lower())
        tense = {-1: "past", 1: "future"}.get(shift) or ctx.tense_at(m.start())
        year, anchored = infer_year(ctx.dct, month, days[0], tense, ctx.lead(m.start())), True
        if m["wd"]:  # 'Saturday, April 25': the year in which that day is a Saturday, if one is near
            weekday = WEEKDAYS[m["wd"].lower().rstrip(".")]
            fits = [y for y in (year, ctx.dct.year, ctx.dct.year - 1, ctx.dct.year + 1)
                    if dt.date(y, month, days[0]).isoweekday() == weekday]
            year = fits[0] if fits else year
    else:
        year = None
    value = "/".join(day_value(year, month, d) for d in days)
    if m.groupdict().get("d3"):  # 'April 24 and 25': two dates, the second written as its day alone
        other = day_value(year, month, _day_number(m["d3"]))
        return [Candidate(m.start(), m.end("d"), "DATE", value, anchored=anchored),
                Candidate(m.start("d3"), m.end(), "DATE", other, anchored=anchored)]
    return [Candidate(m.start(), m.end(), "DATE", value, anchored=anchored)]


def month_year(m: re.Match, ctx: Context) -> list[Candidate]:
    """'February 1992', 'February-March 1992', 'the summer of 2019', 'January nineteen ninety-seven'."""
    year = year_number(m["y"])
    if m["season"]:
        return [Candidate(m.start(), m.end(), "DATE", f"{year}-{SEASONS[m['season'].lower()]}")]
    values = [f"{year}-{month_number(x):02d}" for x in (m["m"], m["m2"]) if x]
    return [Candidate(m.start(), m.end(), "DATE", "/".join(values))]


def month_of_relative_year(m: re.Match, ctx: Context) -> list[Candidate]:
    """'July last year' -> 2020-07 (published in 2021)."""
    month = month_number(m["m"])
    if ctx.dct is None:
        return [Candidate(m.start(), m.end(), "DATE", f"XXXX-{month:02d}")]
    year = ctx.dct.year + SHIFTS[m["rel"].lower()]
    return [Candidate(m.start(), m.end(), "DATE", f"{year}-{month:02d}", anchored=True)]


def numeric_date(m: re.Match, ctx: Context) -> list[Candidate]:
    value = iso_day(dt.date(int(m["y"]), int(m["mo"]), int(m["d"])))
    return [Candidate(m.start(), m.end(), "DATE", value)]


def month_alone(m: re.Match, ctx: Context) -> list[Candidate]:
    """'in February', 'last March', 'next May': the year from the publication date and tense."""
    name = m["m"].lower().rstrip(".")
    shift = SHIFTS.get((m["shift"] or "").lower())
    vouched = ctx.word_before(m.start()) in DATE_CONTEXT or ctx.hinted(m.start("m"), m.end("m"))
    if shift is None and name in LEX["ambiguous_months"] and not vouched:
        return []
    month = MONTHS[name]
    if ctx.dct is None:
        return [Candidate(m.start(), m.end(), "DATE", f"XXXX-{month:02d}")]
    if shift is None:
        year = infer_year(ctx.dct, month, None, ctx.tense_at(m.start()), ctx.lead(m.start()))
    elif shift < 0:
        year = ctx.dct.year if month < ctx.dct.month else ctx.dct.year - 1
    elif shift > 0:
        year = ctx.dct.year if month > ctx.dct.month else ctx.dct.year + 1
    else:
        year = ctx.dct.year
    return [Candidate(m.start(), m.end(), "DATE", f"{year}-{month:02d}", anchored=True)]


def holiday(m: re.Match, ctx: Context) -> list[Candidate]:
    """'Thanksgiving Day', 'last Christmas', 'Easter 1916': the year given, else the one the tense points to."""
    rule = HOLIDAYS[" ".join(m["h"].lower().replace("’", "'").split())]
    shift = SHIFTS.get((m["shift"] or "").lower()) if m["shift"] else None
    if m["y"]:
        year, anchored = year_number(m["y"]), False
    elif ctx.dct is None:
        return [Candidate(m.start(), m.end(), "DATE", "XXXX" + holiday_date(rule, 2001).strftime("-%m-%d")
                          if "day" in rule else "XXXX-XX-XX")]
    else:
        tense = {-1: "past", 1: "future", 0: "present"}.get(shift) or ctx.tense_at(m.start())
        this_year = holiday_date(rule, ctx.dct.year)
        year = infer_year(ctx.dct, this_year.month, this_year.day, tense, ctx.lead(m.start()))
        year, anchored = (ctx.dct.year if shift == 0 else year), True
    return [Candidate(m.start(), m.end(), "DATE", iso_day(holiday_date(rule, year)), anchored=anchored)]


def season_alone(m: re.Match, ctx: Context) -> list[Candidate]:
    """'the summer', 'over the summer', 'the early summer': the one the tense points to."""
    if not (m["the"] or ctx.word_before(m.start()) in POSITIONS):
        return []  # 'summer camp', 'a spring offensive'
    code = SEASONS[m["season"].lower()]
    if ctx.dct is None:
        return [Candidate(m.start(), m.end(), "DATE", f"XXXX-{code}")]
    first, last = LEX["season_months"][code]
    month = ctx.dct.month
    within = first <= month <= last if first <= last else (month >= first or month <= last)
    tense = ctx.tense_at(m.start())
    shift = 0 if within and tense != "future" else (1 if tense == "future" else -1)
    year = ctx.dct.year if shift == 0 else season_year(ctx.dct, code, shift)
    return [Candidate(m.start(), m.end(), "DATE", f"{year}-{code}", anchored=True)]


def decade(m: re.Match, ctx: Context) -> list[Candidate]:
    """'the 1990s' -> 199, "the '90s" -> 199, 'the nineties' -> 199 (a decade in words needs 'the' or 'early')."""
    if m["decw"]:
        if not (m["the"] or ctx.word_before(m.start()) in POSITIONS):
            return []  # 'in his nineties' is an age
        value = "19" + str(TENS[m["decw"].lower()[:-3] + "y"] // 10)
    elif m["dec"]:
        value = m["dec"][:3]
    else:
        short = int(m["dec2"])
        value = ("19" if short >= 30 else "20") + m["dec2"][0]
    return [Candidate(m.start(), m.end(), "DATE", value)]


def ordinal_century(m: re.Match, ctx: Context) -> list[Candidate]:
    """'the 20th century' -> 19."""
    number = int(m["c"])
    if not 1 <= number <= 21:
        return []
    return [Candidate(m.start(), m.end(), "DATE", f"{number - 1:02d}")]


def named_quarter(m: re.Match, ctx: Context) -> list[Candidate]:
    """'the third quarter', 'Q3 2020', 'the first half of 2021', 'the last half of 1989'."""
    half = (m["q"] or "").lower() == "half"
    number = int(m["qn"]) if m["qn"] else PERIOD_ORDINALS[m["ord"].lower()]
    if number == -1:
        if not (m["y"] or m["shift"]):
            return []  # 'the last quarter' alone is the previous quarter (see relative_unit), not Q4
        number = 2 if half else 4
    if half and number > 2:
        return []
    code = f"H{number}" if half else f"Q{number}"
    anchored = False
    if m["y"]:
        year: int | str = year_number(m["y"])
    elif m["shift"] and ctx.dct:
        year, anchored = ctx.dct.year + SHIFTS[m["shift"].lower()], True
    elif ctx.dct:
        current = (ctx.dct.month - 1) // (6 if half else 3) + 1
        past = ctx.tense_at(m.start()) == "past"
        year, anchored = (ctx.dct.year - 1 if past and number > current else ctx.dct.year), True
    else:
        year = "XXXX"
    return [Candidate(m.start(), m.end(), "DATE", f"{year}-{code}", anchored=anchored)]
