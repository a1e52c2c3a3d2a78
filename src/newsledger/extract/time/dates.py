"""Calendar arithmetic: ISO values, years in words, the year a month or day without one falls in, holidays,
weekdays, and calendar units counted from a date."""

from __future__ import annotations

import datetime as dt
import re

from dateutil.relativedelta import relativedelta

from newsledger.extract.numbers import TENS, UNIT_WORDS
from newsledger.extract.time.lexicon import (
    BACKWARD_LEADS,
    FORWARD_LEADS,
    HOLIDAYS,  # noqa: F401 (read by holiday_date's doctest)
    LEX,
    MONTHS,
    UNITS,
    WEEKDAY_FORWARD_LEADS,
)


def iso_day(d: dt.date) -> str:
    return d.isoformat()


def iso_week(d: dt.date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def year_number(text: str) -> int:
    """A year in digits or words.

    >>> year_number("1996"), year_number("nineteen ninety-six"), year_number("the year two thousand and one"[9:])
    (1996, 1996, 2001)
    """
    if text[:1].isdigit():
        return int(text)
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if words[:2] == ["two", "thousand"]:
        century, rest = 20, words[2:]
    else:
        century, rest = UNIT_WORDS[words[0]], words[1:]
    small = 0 if rest == ["hundred"] else sum(UNIT_WORDS.get(w) or TENS.get(w, 0) for w in rest)
    return century * 100 + small


def infer_year(dct: dt.date, month: int, day: int | None, tense: str, lead: str = "") -> int:
    """The year of a month (and day) given without one, as news uses them.

    A date within a few weeks of publication is that one (unless it is still to come and the clause is
    in the past tense: 'collapsed in December'). A deadline's preposition ('extended to Nov. 20',
    'payable Dec. 7') looks forward to a date that is near, even in a past-tense clause; 'since' always
    looks back. Otherwise a past-tense clause looks back ('was signed on Aug. 6'), a future one forward,
    and the others take the nearer one, past dates counting double (news reports what happened).

    >>> infer_year(dt.date(2021, 11, 10), 12, None, "past")
    2020
    >>> infer_year(dt.date(2021, 1, 5), 11, 25, "present")
    2020
    >>> infer_year(dt.date(1989, 11, 2), 11, 20, "past", "to")
    1989
    """
    if (month, day or dct.day) == (dct.month, dct.day) or (day is None and month == dct.month):
        return dct.year

    def occurrence(year: int) -> dt.date:  # mid-month for a month alone; day 28 stands in for 29-31
        return dt.date(year, month, min(day or 15, 28))

    before = dct.year if occurrence(dct.year) <= dct else dct.year - 1
    after = dct.year if occurrence(dct.year) >= dct else dct.year + 1
    ahead, back = (occurrence(after) - dct).days, (dct - occurrence(before)).days
    if lead in BACKWARD_LEADS:
        return before
    if min(ahead, back) <= LEX["near_date_days"] and (tense != "past" or back < ahead):
        return after if ahead < back else before
    if lead in FORWARD_LEADS and ahead <= LEX["forward_lead_days"]:
        return after
    if tense == "past":
        return before
    if tense == "future":
        return after
    return before if back <= 2 * ahead else after  # news tells of the past more than the future


def day_value(year: int | None, month: int, day: int) -> str:
    if year is None:
        return f"XXXX-{month:02d}-{day:02d}"
    return iso_day(dt.date(year, month, day))  # raises ValueError on 30 February


def easter(year: int) -> dt.date:
    """Easter Sunday of a Gregorian year (the anonymous computus).

    >>> easter(2000), easter(2024)
    (datetime.date(2000, 4, 23), datetime.date(2024, 3, 31))
    """
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def holiday_date(rule: dict, year: int) -> dt.date:
    """The date of a holiday in a year, from its rule in the lexicon.

    >>> holiday_date(HOLIDAYS["thanksgiving"], 1999), holiday_date(HOLIDAYS["election day"], 1998)
    (datetime.date(1999, 11, 25), datetime.date(1998, 11, 3))
    """
    if "easter" in rule:
        return easter(year) + dt.timedelta(days=rule["easter"])
    if "day" in rule:
        return dt.date(year, rule["month"], rule["day"])
    nth, weekday = rule["nth"], rule["weekday"]
    if nth > 0:
        first = dt.date(year, rule["month"], 1)
        day = first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    else:
        last = dt.date(year, rule["month"] % 12 + 1, 1) - dt.timedelta(days=1) if rule["month"] < 12 else \
            dt.date(year, 12, 31)
        day = last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
    return day + dt.timedelta(days=rule.get("plus_days", 0))


def shifted_unit(dct: dt.date, unit: str, shift: int) -> str:
    """The calendar unit ``shift`` steps from the publication date ('year', -1 -> '2020')."""
    if unit == "year":
        return str(dct.year + shift)
    if unit == "month":
        return (dct + relativedelta(months=shift)).strftime("%Y-%m")
    if unit == "week":
        return iso_week(dct + dt.timedelta(weeks=shift))
    if unit == "weekend":
        return iso_week(dct + dt.timedelta(weeks=shift)) + "-WE"
    if unit == "decade":
        return str((dct.year + 10 * shift) // 10)
    if unit == "century":
        return f"{dct.year // 100 + shift:02d}"
    if unit == "quarter":
        index = dct.year * 4 + (dct.month - 1) // 3 + shift
        return f"{index // 4}-Q{index % 4 + 1}"
    raise ValueError(unit)


UNRESOLVED = {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE",
               "decade": "XXX", "century": "XX", "quarter": "XXXX-QX", "day": "XXXX-XX-XX"}


def season_year(dct: dt.date, code: str, shift: int) -> int:
    first, last = LEX["season_months"][code]
    if shift < 0:  # the last one that has ended
        return dct.year if dct.month > last and first <= last else dct.year - 1
    if shift > 0:  # the next one that has not begun
        return dct.year if dct.month < first else dct.year + 1
    return dct.year


def weekday_date(dct: dt.date, weekday: int, shift: int | None, tense: str, lead: str = "") -> dt.date:
    """The date a weekday names: 'last'/'next' go strictly back/forward, a deadline outside a past-tense
    clause ('until Tuesday') forward, 'since' back, else the tense decides; with no tense to go by, the
    last such day (news mostly reports what happened), or tomorrow's.

    >>> weekday_date(dt.date(2000, 4, 3), 2, None, "present", "until")
    datetime.date(2000, 4, 4)
    """
    back = (dct.isoweekday() - weekday) % 7
    forward = (weekday - dct.isoweekday()) % 7
    if shift is None and lead in WEEKDAY_FORWARD_LEADS and tense != "past":
        tense = "future"
    elif shift is None and lead in BACKWARD_LEADS:
        tense = "past"
    if shift == -1:
        return dct - dt.timedelta(days=back or 7)
    if shift == 1:
        return dct + dt.timedelta(days=forward or 7)
    if shift == 0:
        return dct + dt.timedelta(days=weekday - dct.isoweekday())
    if tense == "future":
        return dct + dt.timedelta(days=forward)
    if tense == "present" and forward == 1:
        return dct + dt.timedelta(days=forward)
    return dct - dt.timedelta(days=back)


def offset_value(base: dt.date, unit: str, amount: float, sign: int) -> str:
    """A date ``amount`` units before/after ``base``, at the unit's granularity ('two years ago')."""
    n = int(amount * UNITS[unit].get("times", 1)) * sign
    letter = UNITS[unit]["letter"]
    if UNITS[unit].get("time"):
        return iso_day(base)
    if letter == "Y":
        return str(base.year + n)
    if letter == "M":
        return (base + relativedelta(months=n)).strftime("%Y-%m")
    if letter == "W":
        return iso_week(base + dt.timedelta(weeks=n))
    if letter == "Q":
        return shift_quarter((base.year, (base.month - 1) // 3 + 1), n)
    return iso_day(base + dt.timedelta(days=n))


def date_of(value: str) -> dt.date | None:
    """The first day a resolved DATE value covers ('2020-09' -> 2020-09-01); None if unresolved."""
    match = re.match(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?$", value.split("/")[0])
    if not match:
        return None
    return dt.date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1))


def shift_quarter(quarter: tuple[int, int], shift: int) -> str:
    """(1989, 3), -4 -> '1988-Q3'."""
    index = quarter[0] * 4 + quarter[1] - 1 + shift
    return f"{index // 4}-Q{index % 4 + 1}"
