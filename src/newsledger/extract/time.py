"""Temporal expressions, normalised to TIMEX3 and anchored to the publication date.

Spotting is done by our own rules: regular expressions built once from
``resources/time_lexicon.json`` (month and weekday names, duration units, hedges, holidays ...) and
the number words of ``resources/numbers.json``. spaCy's DATE/TIME entities are only hints: they
vouch for a bare year ("1993") or an ambiguous month ("May") that has no date word before it; the
parse gives the clause's tense and a word's role.

Each rule finds the core of an expression ("1992-02", "P30Y"); generic prefixes are then taken
in: hedges ("nearly three decades" -> mod APPROX), period parts ("early 1990" -> START,
"mid-2019" -> MID) and duration leads ("the past five years"). Where rules overlap the longest
match wins. Relative expressions ("last year", "on Monday", "September 27 last year") are
computed from ``ledger.article.published``; without a publication date they stay unresolved
in TIMEX3's X notation ("XXXX", "XXXX-09-27") -- today's date is never used.

Some values need the expressions around them and are resolved after selection, in text order:
news-style anaphors from the date mentioned last ("that year", "the following month", "a year
earlier"), clock times from the day of their sentence ("Monday at 3 p.m."), and business periods
from the reporting quarter, i.e. the quarter named in the paragraph ("the quarter", "the year-ago
period", "from $4 million a year ago" -> 1988-Q3 when the third quarter of 1989 is reported).

Example::

    >>> [(t.span.text, t.value) for t in find_times("It began on September 27 last year.", "2021-11-10")]
    [('September 27 last year', '2020-09-27')]
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from dateutil.relativedelta import relativedelta

from newsledger.extract.numbers import NAME_LABELS, NUMBER_WORDS, VAGUE_COUNTS, parse_number
from newsledger.extract.parsed import entities
from newsledger.extract.parsed import text as doc_text
from newsledger.model import Span, TimeExpr
from newsledger.resources import load_json


def _load(name: str) -> dict:
    return load_json(name)


LEX = _load("time_lexicon.json")
MONTHS: dict[str, int] = LEX["months"]
WEEKDAYS: dict[str, int] = LEX["weekdays"]
SEASONS: dict[str, str] = LEX["seasons"]
HOLIDAYS: dict[str, dict] = LEX["holidays"]
REFERENCE_ADJECTIVES = frozenset(LEX["reference_adjectives"])
PERIOD_ORDINALS: dict[str, int] = LEX["period_ordinals"]
ORDINAL_DAYS: dict[str, int] = LEX["ordinal_days"]
YEAR_KINDS: dict[str, int] = LEX["year_kinds"]
PARTS_OF_DAY: dict[str, str] = LEX["parts_of_day"]
UNITS: dict[str, dict] = LEX["units"]
MODIFIERS: dict[str, str] = LEX["modifiers"]
POSITIONS: dict[str, str] = LEX["position_modifiers"]
SHIFTS: dict[str, int] = LEX["shifts"]
DATE_CONTEXT = frozenset(LEX["date_context"])
DURATION_CONTEXT = frozenset(LEX["duration_context"])
FORWARD_LEADS = frozenset(LEX["forward_leads"])
INTENT_VERBS = frozenset(LEX["intent_verbs"])
FUTURE_AUXILIARIES = frozenset(LEX["future_auxiliaries"])
BACKWARD_LEADS = frozenset(LEX["backward_leads"])
WEEKDAY_FORWARD_LEADS = frozenset(LEX["weekday_forward_leads"])
# Years before 1900 (or written after a weak word such as "the"/"of") need a preposition that
# only dates take: "in 1066", but not "of 1500 people".
STRONG_YEAR_CONTEXT = frozenset(
    w for w in DATE_CONTEXT if w not in {"of", "to", "and", "or", "the", "this", "last", "next", "year"}
)

# --- regular expressions, built once ---------------------------------------------------------

_S = r"[^\S\n]+"  # blanks within a line
_S0 = r"[^\S\n]*"
_DASH = r"[^\S\n]*[-\u2010\u2011\u2012\u2013\u2014][^\S\n]*"
_HS = rf"(?:{_S0}[-\u2010\u2011]{_S0}|{_S})"  # "two-hour" or "two hour"


def _words(words: Iterable[str]) -> str:
    """A case-insensitive alternation, longest first, blanks matching any run of blanks."""
    parts = sorted(set(words), key=len, reverse=True)
    return "(?i:" + "|".join(re.escape(w).replace(r"\ ", _S) for w in parts) + ")"


def _names(table: dict[str, int]) -> str:
    """Capitalised names as news prints them ('February', 'FEBRUARY', 'Feb.'), longest first."""
    full = {k for k in table if not any(o != k and o.startswith(k) for o in table)}
    forms = []
    for name in sorted(table, key=len, reverse=True):
        dot = "" if name in full else r"\.?"
        forms += [re.escape(name.capitalize()) + dot, re.escape(name.upper()) + dot]
    # not inside a longer word or name ("Mayfield", "O'May"), but a possessive is fine ("Friday's ruling")
    return "(?:" + "|".join(forms) + r")(?!\w|['’](?![sS](?!\w))\w)"


def _titles(names: Iterable[str]) -> str:
    """Names as news capitalises them ('Thanksgiving Day', "New Year's Eve"), longest first."""
    forms = sorted({n for name in names for n in (name, name.replace("'", "’"))}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(" ".join(w[:1].upper() + w[1:] for w in f.split())).replace(r"\ ", _S)
                            for f in forms) + r")(?![\w'’])"


# every written form of a duration unit -> the unit ('years' -> year, 'centuries' -> century, 'hrs' -> hour)
_UNIT_FORMS: dict[str, str] = {form: unit for unit in UNITS for form in (unit, unit + "s")}
_UNIT_FORMS.update(LEX["unit_plurals"])
_UNIT_FORMS.update(LEX["unit_abbreviations"])

MONTH = _names(MONTHS)
WEEKDAY = _names(WEEKDAYS)
SEASON = _words(SEASONS)
PART = _words(PARTS_OF_DAY)
UNIT = _words(_UNIT_FORMS) + r"(?![\w])"
DAY = r"[0-3]?\d(?:st|nd|rd|th)?(?![\d])"

# Years said in words, as broadcast transcripts write them: 'nineteen ninety-six', 'the year two thousand'.
_NUMBERS = _load("numbers.json")  # the number words figures.py composes cardinals from
_ONES = {w: n for w, n in _NUMBERS["units"].items() if 1 <= n <= 9}
_TEENS = {w: n for w, n in _NUMBERS["units"].items() if 10 <= n <= 19}
_TENS: dict[str, int] = _NUMBERS["tens"]
_TWO_DIGITS = rf"(?:{_words(_TENS)}(?:{_S0}-{_S0}|{_S}){_words(_ONES)}|{_words(_TENS)}|{_words(_TEENS)})"
YEAR_WORDS = (
    rf"(?<![\w-])(?:{_words(LEX['spoken_year_centuries'])}(?:{_S0}-{_S0}|{_S})(?:(?i:hundred)|{_TWO_DIGITS})"
    rf"|(?i:two){_S}(?i:thousand)(?:{_S}(?:(?i:and){_S})?(?:{_TWO_DIGITS}|{_words(_ONES)}))?)(?![\w-])"
)
YEAR = rf"(?:(?:1\d|20)\d\d(?![\d])|{YEAR_WORDS})"
DECADE_WORDS = _words(word[:-1] + "ies" for word in _TENS)  # 'the nineties'
FRACTION = r"(?:[^\S\n]+[1-9]/[2-9]|[½¼¾⅓⅔])"  # '5 1/2 hours', '2½ years'
COUNT_WORDS: dict[str, float] = LEX["count_words"]
NUM = rf"(?:\d+(?:\.\d+)?{FRACTION}?|{_words(COUNT_WORDS)}|{NUMBER_WORDS}|{_words(VAGUE_COUNTS)}|(?i:an?))"


# --- candidates --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A temporal expression found by a rule, before overlaps are resolved."""

    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    anchored: bool = False
    rank: int = 0  # rule order: lower wins between matches of equal length
    needs: str | None = None  # "previous": value is an offset from the last date before it
    derived: bool = False  # a quarter computed from another one ('the year-ago quarter'): no reporting quarter


@dataclass
class Context:
    """What the rules may consult besides the text."""

    text: str
    dct: dt.date | None
    hints: list[tuple[int, int]]
    blocked: list[tuple[int, int]]
    tense_at: Callable[[int], str]
    dep_at: Callable[[int], str]

    def hinted(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.hints)

    def in_name(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.blocked)

    def word_before(self, start: int, n: int = 1) -> str:
        """The ``n`` words just before ``start``, lower-cased ('' at the start of a line)."""
        line = self.text[max(0, start - 60) : start].split("\n")[-1]
        words = re.findall(r"[\w.’']+", line.lower())
        return " ".join(words[-n:]) if words else ""

    def lead(self, start: int) -> str:
        """The word that governs a date, looking past a clock time or 'mid' before it ('until 5 p.m. EST Nov. 9')."""
        words = self.word_before(start, 6).split()
        for word in reversed(words):
            if not _CLOCKISH.match(word):
                return word
        return ""


# words that may stand between a date and the word governing it: 'until 5 p.m. EST Nov. 9', 'until mid-November'
_CLOCKISH = re.compile(r"(?:\d[\d:.]*|[ap]\.?m\.?|" + "|".join(re.escape(w.lower()) for w in LEX["time_zones"] + list(
    LEX["clock_words"]) + [p for p in LEX["position_modifiers"] if " " not in p]) + r")$")

# --- calendar helpers ----------------------------------------------------------------------------


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _week(d: dt.date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def _month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _year_number(text: str) -> int:
    """A year in digits or words.

    >>> _year_number("1996"), _year_number("nineteen ninety-six"), _year_number("the year two thousand and one"[9:])
    (1996, 1996, 2001)
    """
    if text[:1].isdigit():
        return int(text)
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if words[:2] == ["two", "thousand"]:
        century, rest = 20, words[2:]
    else:
        century, rest = _NUMBERS["units"][words[0]], words[1:]
    small = 0 if rest == ["hundred"] else sum(_NUMBERS["units"].get(w) or _TENS.get(w, 0) for w in rest)
    return century * 100 + small


def _infer_year(dct: dt.date, month: int, day: int | None, tense: str, lead: str = "") -> int:
    """The year of a month (and day) given without one, as news uses them.

    A date within a few weeks of publication is that one (unless it is still to come and the clause is
    in the past tense: 'collapsed in December'). A deadline's preposition ('extended to Nov. 20',
    'payable Dec. 7') looks forward to a date that is near, even in a past-tense clause; 'since' always
    looks back. Otherwise a past-tense clause looks back ('was signed on Aug. 6'), a future one forward,
    and the others take the nearer one, past dates counting double (news reports what happened).

    >>> _infer_year(dt.date(2021, 11, 10), 12, None, "past")
    2020
    >>> _infer_year(dt.date(2021, 1, 5), 11, 25, "present")
    2020
    >>> _infer_year(dt.date(1989, 11, 2), 11, 20, "past", "to")
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


def _day_value(year: int | None, month: int, day: int) -> str:
    if year is None:
        return f"XXXX-{month:02d}-{day:02d}"
    return _iso(dt.date(year, month, day))  # raises ValueError on 30 February


def _easter(year: int) -> dt.date:
    """Easter Sunday of a Gregorian year (the anonymous computus).

    >>> _easter(2000), _easter(2024)
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


def _holiday_date(rule: dict, year: int) -> dt.date:
    """The date of a holiday in a year, from its rule in the lexicon.

    >>> _holiday_date(HOLIDAYS["thanksgiving"], 1999), _holiday_date(HOLIDAYS["election day"], 1998)
    (datetime.date(1999, 11, 25), datetime.date(1998, 11, 3))
    """
    if "easter" in rule:
        return _easter(year) + dt.timedelta(days=rule["easter"])
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


def _duration(amount: float | None, unit: str) -> str:
    """TIMEX3 duration of ``amount`` ``unit``; a fraction's rest goes down a unit, as TimeBank writes it.

    >>> _duration(3, "decade"), _duration(None, "decade"), _duration(2, "hour"), _duration(0.5, "year")
    ('P30Y', 'PXDE', 'PT2H', 'P6M')
    >>> _duration(5.5, "hour"), _duration(2.5, "year"), _duration(1.5, "day")
    ('PT5H30M', 'P2Y6M', 'P1DT12H')
    """
    info = UNITS[unit]
    time_unit = bool(info.get("time"))
    if amount is None:
        return f"{'PT' if time_unit else 'P'}X{info.get('x_letter', info['letter'])}"
    parts: list[tuple[bool, int | float, str]] = []  # (after the T?, number, letter)
    amount *= info.get("times", 1)
    letter = info["letter"]
    while True:
        whole = int(amount)
        rest = amount - whole
        smaller = _SMALLER.get((time_unit, letter))
        if rest < 1e-9 or smaller is None:
            number = whole if rest < 1e-9 else round(amount, 3)
            if number or not parts:
                parts.append((time_unit, number, letter))
            break
        if whole:
            parts.append((time_unit, whole, letter))
        time_unit, letter, factor = smaller
        amount = round(rest * factor, 6)
    date = "".join(f"{n}{x}" for t, n, x in parts if not t)
    clock = "".join(f"{n}{x}" for t, n, x in parts if t)
    return "P" + date + ("T" + clock if clock else "")


# the next smaller unit and how many of it make one: (is a time unit, letter) -> (is a time unit, letter, factor)
_SMALLER = {(False, "Y"): (False, "M", 12), (False, "W"): (False, "D", 7), (False, "D"): (True, "H", 24),
            (True, "H"): (True, "M", 60), (True, "M"): (True, "S", 60)}


def _amount(text: str) -> float | None:
    """The number of a duration: digits, fractions, number words, 'a'/'an' = 1; vague words -> None.

    >>> _amount("5 1/2"), _amount("a couple of"), _amount("several")
    (5.5, 2, None)
    """
    lowered = " ".join(text.lower().split())
    if lowered in ("a", "an"):
        return 1.0
    if lowered in COUNT_WORDS:
        return COUNT_WORDS[lowered]
    if lowered in VAGUE_COUNTS:
        return None
    fraction = re.fullmatch(r"(\d+)(?:\s+([1-9])/([2-9])|([½¼¾⅓⅔]))", lowered)
    if fraction:
        whole, num, den, glyph = fraction.groups()
        part = int(num) / int(den) if num else {"½": 1 / 2, "¼": 1 / 4, "¾": 3 / 4, "⅓": 1 / 3, "⅔": 2 / 3}[glyph]
        return int(whole) + part
    return parse_number(text)


def _shifted(dct: dt.date, unit: str, shift: int) -> str:
    """The calendar unit ``shift`` steps from the publication date ('year', -1 -> '2020')."""
    if unit == "year":
        return str(dct.year + shift)
    if unit == "month":
        return (dct + relativedelta(months=shift)).strftime("%Y-%m")
    if unit == "week":
        return _week(dct + dt.timedelta(weeks=shift))
    if unit == "weekend":
        return _week(dct + dt.timedelta(weeks=shift)) + "-WE"
    if unit == "decade":
        return str((dct.year + 10 * shift) // 10)
    if unit == "century":
        return f"{dct.year // 100 + shift:02d}"
    if unit == "quarter":
        index = dct.year * 4 + (dct.month - 1) // 3 + shift
        return f"{index // 4}-Q{index % 4 + 1}"
    raise ValueError(unit)


_UNRESOLVED = {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE",
               "decade": "XXX", "century": "XX", "quarter": "XXXX-QX", "day": "XXXX-XX-XX"}


def _season_year(dct: dt.date, code: str, shift: int) -> int:
    first, last = LEX["season_months"][code]
    if shift < 0:  # the last one that has ended
        return dct.year if dct.month > last and first <= last else dct.year - 1
    if shift > 0:  # the next one that has not begun
        return dct.year if dct.month < first else dct.year + 1
    return dct.year


def _weekday_date(dct: dt.date, weekday: int, shift: int | None, tense: str, lead: str = "") -> dt.date:
    """The date a weekday names: 'last'/'next' go strictly back/forward, a deadline outside a past-tense
    clause ('until Tuesday') forward, 'since' back, else the tense decides; with no tense to go by, the
    last such day (news mostly reports what happened), or tomorrow's.

    >>> _weekday_date(dt.date(2000, 4, 3), 2, None, "present", "until")
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


def _offset_value(base: dt.date, unit: str, amount: float, sign: int) -> str:
    """A date ``amount`` units before/after ``base``, at the unit's granularity ('two years ago')."""
    n = int(amount * UNITS[unit].get("times", 1)) * sign
    letter = UNITS[unit]["letter"]
    if UNITS[unit].get("time"):
        return _iso(base)
    if letter == "Y":
        return str(base.year + n)
    if letter == "M":
        return (base + relativedelta(months=n)).strftime("%Y-%m")
    if letter == "W":
        return _week(base + dt.timedelta(weeks=n))
    if letter == "Q":
        return _shift_quarter((base.year, (base.month - 1) // 3 + 1), n)
    return _iso(base + dt.timedelta(days=n))


def _date_of(value: str) -> dt.date | None:
    """The first day a resolved DATE value covers ('2020-09' -> 2020-09-01); None if unresolved."""
    match = re.match(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?$", value.split("/")[0])
    if not match:
        return None
    return dt.date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1))


# --- the rules ----------------------------------------------------------------------------------

Rule = tuple[re.Pattern, Callable[[re.Match, Context], list[Candidate]]]


def _day_number(text: str) -> int:
    """'25' / '25th' / 'eighth' -> 25 / 25 / 8."""
    digits = re.match(r"\d+", text)
    return int(digits.group()) if digits else ORDINAL_DAYS[" ".join(text.lower().replace("-", " ").split())]


def _full_date(m: re.Match, ctx: Context) -> list[Candidate]:
    """'November 10, 2020', '25-26 February 1992', 'September 27 last year', 'Monday, Nov. 8'."""
    month = _month_number(m["m"])
    days = [_day_number(d) for d in (m["d"], m["d2"]) if d]
    if not all(1 <= d <= 31 for d in days):
        return []
    anchored = False
    if m["y"]:
        year: int | None = _year_number(m["y"])
    elif m["rel"]:
        year = ctx.dct.year + SHIFTS[m["rel"].lower()] if ctx.dct else None
        anchored = ctx.dct is not None
    elif ctx.dct:
        shift = SHIFTS.get((m["shift"] or "").lower())
        tense = {-1: "past", 1: "future"}.get(shift) or ctx.tense_at(m.start())
        year, anchored = _infer_year(ctx.dct, month, days[0], tense, ctx.lead(m.start())), True
        if m["wd"]:  # 'Saturday, April 25': the year in which that day is a Saturday, if one is near
            weekday = WEEKDAYS[m["wd"].lower().rstrip(".")]
            fits = [y for y in (year, ctx.dct.year, ctx.dct.year - 1, ctx.dct.year + 1)
                    if dt.date(y, month, days[0]).isoweekday() == weekday]
            year = fits[0] if fits else year
    else:
        year = None
    value = "/".join(_day_value(year, month, d) for d in days)
    if m.groupdict().get("d3"):  # 'April 24 and 25': two dates, the second written as its day alone
        other = _day_value(year, month, _day_number(m["d3"]))
        return [Candidate(m.start(), m.end("d"), "DATE", value, anchored=anchored),
                Candidate(m.start("d3"), m.end(), "DATE", other, anchored=anchored)]
    return [Candidate(m.start(), m.end(), "DATE", value, anchored=anchored)]


def _month_year(m: re.Match, ctx: Context) -> list[Candidate]:
    """'February 1992', 'February-March 1992', 'the summer of 2019', 'January nineteen ninety-seven'."""
    year = _year_number(m["y"])
    if m["season"]:
        return [Candidate(m.start(), m.end(), "DATE", f"{year}-{SEASONS[m['season'].lower()]}")]
    values = [f"{year}-{_month_number(x):02d}" for x in (m["m"], m["m2"]) if x]
    return [Candidate(m.start(), m.end(), "DATE", "/".join(values))]


def _month_rel_year(m: re.Match, ctx: Context) -> list[Candidate]:
    """'July last year' -> 2020-07 (published in 2021)."""
    month = _month_number(m["m"])
    if ctx.dct is None:
        return [Candidate(m.start(), m.end(), "DATE", f"XXXX-{month:02d}")]
    year = ctx.dct.year + SHIFTS[m["rel"].lower()]
    return [Candidate(m.start(), m.end(), "DATE", f"{year}-{month:02d}", anchored=True)]


def _iso_date(m: re.Match, ctx: Context) -> list[Candidate]:
    value = _iso(dt.date(int(m["y"]), int(m["mo"]), int(m["d"])))
    return [Candidate(m.start(), m.end(), "DATE", value)]


def _month_alone(m: re.Match, ctx: Context) -> list[Candidate]:
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
        year = _infer_year(ctx.dct, month, None, ctx.tense_at(m.start()), ctx.lead(m.start()))
    elif shift < 0:
        year = ctx.dct.year if month < ctx.dct.month else ctx.dct.year - 1
    elif shift > 0:
        year = ctx.dct.year if month > ctx.dct.month else ctx.dct.year + 1
    else:
        year = ctx.dct.year
    return [Candidate(m.start(), m.end(), "DATE", f"{year}-{month:02d}", anchored=True)]


def _holiday(m: re.Match, ctx: Context) -> list[Candidate]:
    """'Thanksgiving Day', 'last Christmas', 'Easter 1916': the year given, else the one the tense points to."""
    rule = HOLIDAYS[" ".join(m["h"].lower().replace("’", "'").split())]
    shift = SHIFTS.get((m["shift"] or "").lower()) if m["shift"] else None
    if m["y"]:
        year, anchored = _year_number(m["y"]), False
    elif ctx.dct is None:
        return [Candidate(m.start(), m.end(), "DATE", "XXXX" + _holiday_date(rule, 2001).strftime("-%m-%d")
                          if "day" in rule else "XXXX-XX-XX")]
    else:
        tense = {-1: "past", 1: "future", 0: "present"}.get(shift) or ctx.tense_at(m.start())
        this_year = _holiday_date(rule, ctx.dct.year)
        year = _infer_year(ctx.dct, this_year.month, this_year.day, tense, ctx.lead(m.start()))
        year, anchored = (ctx.dct.year if shift == 0 else year), True
    return [Candidate(m.start(), m.end(), "DATE", _iso(_holiday_date(rule, year)), anchored=anchored)]


def _season(m: re.Match, ctx: Context) -> list[Candidate]:
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
    year = ctx.dct.year if shift == 0 else _season_year(ctx.dct, code, shift)
    return [Candidate(m.start(), m.end(), "DATE", f"{year}-{code}", anchored=True)]


def _anaphor(m: re.Match, ctx: Context) -> list[Candidate]:
    """'that year', 'later that day', 'the following month', 'the next morning': resolved from the date
    mentioned last (see _resolve_anaphor); 'the next week' in a clause not set in the past is ahead of
    publication and left to the other rules."""
    lead = " ".join(m["lead"].lower().split())
    unit = m["unit"].lower()
    if lead == "the next" and ctx.tense_at(m.start()) != "past":
        return []
    kind = "TIME" if unit in PARTS_OF_DAY else "DATE"
    return [Candidate(m.start(), m.end(), kind, f"{LEX['anaphor_shifts'][lead]}|{unit}", needs="anaphor")]


def _decade(m: re.Match, ctx: Context) -> list[Candidate]:
    """'the 1990s' -> 199, "the '90s" -> 199, 'the nineties' -> 199 (a decade in words needs 'the' or 'early')."""
    if m["decw"]:
        if not (m["the"] or ctx.word_before(m.start()) in POSITIONS):
            return []  # 'in his nineties' is an age
        value = "19" + str(_TENS[m["decw"].lower()[:-3] + "y"] // 10)
    elif m["dec"]:
        value = m["dec"][:3]
    else:
        short = int(m["dec2"])
        value = ("19" if short >= 30 else "20") + m["dec2"][0]
    return [Candidate(m.start(), m.end(), "DATE", value)]


def _century(m: re.Match, ctx: Context) -> list[Candidate]:
    """'the 20th century' -> 19."""
    number = int(m["c"])
    if not 1 <= number <= 21:
        return []
    return [Candidate(m.start(), m.end(), "DATE", f"{number - 1:02d}")]


def _relative(m: re.Match, ctx: Context) -> list[Candidate]:
    """'last year', 'earlier this month', 'next week', 'last night', 'this summer', 'the past year' (= last year)."""
    word = " ".join(m["shift"].lower().split())
    what = " ".join(m["what"].lower().split())
    start = m.start()
    if m["what"][:1].isupper() and not m["what"].isupper():
        return []  # 'ABC's "This Week"': a title, not a week
    if word == "past" or (word == "last" and ctx.word_before(start) == "the"):
        # 'the past year', 'the last decade': TimeBank dates them as the last such unit, like 'last year'
        the = re.search(rf"(?i:the){_S}$", ctx.text[max(0, start - 8) : start])
        start -= len(the.group()) if the else 0
        word = "last"
    shift = SHIFTS[word]
    if what in PARTS_OF_DAY:
        if shift == 0 or (shift == -1 and what == "night"):
            day = ctx.dct + dt.timedelta(days=shift) if ctx.dct else None
            value = (_iso(day) if day else "XXXX-XX-XX") + "T" + PARTS_OF_DAY[what]
            return [Candidate(start, m.end(), "TIME", value, anchored=ctx.dct is not None)]
        return []
    if what in SEASONS:
        code = SEASONS[what]
        year = _season_year(ctx.dct, code, shift) if ctx.dct else None
        return [Candidate(start, m.end(), "DATE", f"{year or 'XXXX'}-{code}", anchored=ctx.dct is not None)]
    unit = "weekend" if what == "weekend" else _UNIT_FORMS.get(what)
    if unit not in _UNRESOLVED:
        return []
    value = _shifted(ctx.dct, unit, shift) if ctx.dct else _UNRESOLVED[unit]
    return [Candidate(start, m.end(), "DATE", value, anchored=ctx.dct is not None)]


def _deictic(m: re.Match, ctx: Context) -> list[Candidate]:
    """'today', 'yesterday', 'tomorrow morning', 'tonight'."""
    word = " ".join(m["deictic"].lower().split())
    offset = LEX["deictic_days"][word]
    day = _iso(ctx.dct + dt.timedelta(days=offset)) if ctx.dct else "XXXX-XX-XX"
    part = (m["part"] or m["before"] or ("night" if word == "tonight" else "")).lower()
    if part:
        value = f"{day}T{PARTS_OF_DAY[' '.join(part.split())]}"
        return [Candidate(m.start(), m.end(), "TIME", value, anchored=ctx.dct is not None)]
    return [Candidate(m.start(), m.end(), "DATE", day, anchored=ctx.dct is not None)]


def _the_weekend(m: re.Match, ctx: Context) -> list[Candidate]:
    """'over the weekend': the last weekend before publication (the next one in a future clause)."""
    if ctx.dct is None:
        return [Candidate(m.start(), m.end(), "DATE", "XXXX-WXX-WE")]
    ahead = ctx.lead(m.start()) in WEEKDAY_FORWARD_LEADS or ctx.word_before(m.start(), 2) in LEX["ahead_leads"]
    future = ahead or ctx.tense_at(m.start()) == "future"  # 'ahead of the weekend', 'by the weekend'
    saturday = _weekday_date(ctx.dct, 6, None, "future" if future else "past")
    return [Candidate(m.start(), m.end(), "DATE", _week(saturday) + "-WE", anchored=True)]


def _reference(m: re.Match, ctx: Context) -> list[Candidate]:
    """'now', 'currently', 'the current crisis' -> PRESENT_REF; 'the past', 'in recent years' -> PAST_REF."""
    words = " ".join(m["ref"].lower().split())
    if words in REFERENCE_ADJECTIVES and ctx.dep_at(m.start()) not in ("amod", ""):
        return []  # 'an electric current', 'the most recent' (alone): not a modifier of a noun
    return [Candidate(m.start(), m.end(), "DATE", LEX["references"][words])]


def _weekday(m: re.Match, ctx: Context) -> list[Candidate]:
    """'on Monday', 'last Friday', 'Tuesday night': the nearest such day in the clause's tense."""
    name = m["wd"].lower().rstrip(".")
    shift = SHIFTS.get((m["shift"] or "").lower()) if m["shift"] else None
    if name in LEX["ambiguous_weekdays"] and shift is None and ctx.word_before(m.start()) not in DATE_CONTEXT:
        return []
    weekday = WEEKDAYS[name]
    day = f"XXXX-WXX-{weekday}"  # TIMEX3 for 'a Monday' when there is no date to count from
    if ctx.dct:
        day = _iso(_weekday_date(ctx.dct, weekday, shift, ctx.tense_at(m.start()), ctx.lead(m.start())))
    if m["part"]:
        value = f"{day}T{PARTS_OF_DAY[m['part'].lower()]}"
        return [Candidate(m.start(), m.end(), "TIME", value, anchored=ctx.dct is not None)]
    return [Candidate(m.start(), m.end(), "DATE", day, anchored=ctx.dct is not None)]


def _offset(m: re.Match, ctx: Context) -> list[Candidate]:
    """'two years ago' (from the publication date), 'a year earlier' (from the last date given)."""
    amount = _amount(m["n"])
    unit = _UNIT_FORMS[m["u"].lower()]
    word = " ".join(m["off"].lower().split())
    if amount is None and word in ("ago", "from now", "hence"):  # 'several years ago'
        return [Candidate(m.start(), m.end(), "DATE", "PAST_REF" if word == "ago" else "FUTURE_REF")]
    if amount is None or unit not in UNITS:
        return []
    sign = 1 if word in ("later", "after", "from now", "hence") else -1
    if word in ("ago", "from now", "hence"):
        if ctx.dct is None:
            value = "XXXX" if UNITS[unit]["letter"] == "Y" and not UNITS[unit].get("time") else "XXXX-XX-XX"
            return [Candidate(m.start(), m.end(), "DATE", value)]
        value = _offset_value(ctx.dct, unit, amount, sign)
        if unit == "year" and amount == 1 and sign == -1:  # amid quarterly results: that quarter a year ago
            return [Candidate(m.start(), m.end(), "DATE", f"-4|||{value}", anchored=True, needs="quarter_or_year")]
        return [Candidate(m.start(), m.end(), "DATE", value, anchored=True)]
    # earlier/later: resolved after selection, from the date mentioned last before it
    return [Candidate(m.start(), m.end(), "DATE", f"{sign}|{unit}|{amount}", needs="previous")]


def _duration_rule(m: re.Match, ctx: Context) -> list[Candidate]:
    """'30 years', '44-day', 'two-hour', 'three decades', 'a year and a half', '65-year-old'."""
    number = m["n"]
    unit = _UNIT_FORMS[m["u"].lower()]
    lowered = number.lower()
    plural = m["u"].lower() != unit and m["u"].lower().endswith("s")
    if lowered in ("a", "an"):
        if plural:
            return []
        if _is_rate(ctx, m.start()):  # "$5 a day", "twice a week"
            return [Candidate(m.start(), m.end(), "SET", _duration(1, unit))]
        if not (_after_duration_word(ctx, m.start()) or m["half2"] or m["adj"]):
            return []  # 'a year' alone is mostly 'a year ago' or a rate; 'a minute and a half', 'an extra day' are not
    if m.group().lower().endswith("old"):
        return []  # '65-year-old' is an age (a figure), not a stretch of time
    if m["u"][:1].isupper() and not m["u"].isupper():
        return []  # 'CBS's "60 Minutes"': a title
    if unit == "quarter" and _FRACTION_OF.match(ctx.text, m.end()):
        return []  # 'three-quarters of its food' is a fraction; 'several quarters of losses' is not
    if unit == "second" and not plural and lowered in ("a", "one", "1"):
        return []  # "a second" is mostly the ordinal ("a second attack")
    amount = _amount(number)
    if amount is not None and (m["half"] or m["half2"]):
        amount += 0.5
    if amount is not None and amount > 10000:
        return []  # "2,000 years" is fine, "1,000,000 days" is a figure, not an expression of time
    if amount is not None and amount >= 1000 and not plural:
        return []  # 'the 1988 quarter' is a year's quarter, not 1988 quarters
    return [Candidate(m.start(), m.end(), "DURATION", _duration(amount, unit))]


def _half_duration(m: re.Match, ctx: Context) -> list[Candidate]:
    """'half an hour' -> PT30M, 'half a century' -> P50Y."""
    return [Candidate(m.start(), m.end(), "DURATION", _duration(0.5, _UNIT_FORMS[m["u"].lower()]))]


def _bare_units(m: re.Match, ctx: Context) -> list[Candidate]:
    """'for years', 'in decades', 'a matter of hours': an unknown number of units."""
    if not _after_duration_word(ctx, m.start()):
        return []
    return [Candidate(m.start(), m.end(), "DURATION", _duration(None, _UNIT_FORMS[m["u"].lower()]))]


_FRACTION_OF = re.compile(rf"{_S}(?i:of){_S}{_words(LEX['determiners'])}(?![\w])")


def _vague_stretch(m: re.Match, ctx: Context) -> list[Candidate]:
    """'recent months', 'coming weeks', 'the years ahead' -> PXM, PXW, PXY."""
    unit = _UNIT_FORMS[(m["u"] or m["u2"]).lower()]
    return [Candidate(m.start(), m.end(), "DURATION", _duration(None, unit))]


def _after_duration_word(ctx: Context, start: int) -> bool:
    """'for a year', 'in a matter of hours': a word before that makes 'a year' / 'hours' a duration."""
    return ctx.word_before(start) in DURATION_CONTEXT or ctx.word_before(start, 2) in DURATION_CONTEXT


def _set_rule(m: re.Match, ctx: Context) -> list[Candidate]:
    """'every day', 'each year', 'every two weeks', 'daily', 'annually', 'each July', 'every Thursday',
    'on Tuesdays'."""
    if m["wd"] or m["wds"]:
        return [Candidate(m.start(), m.end(), "SET", f"XXXX-WXX-{WEEKDAYS[(m['wd'] or m['wds']).lower()]}")]
    if m["mo"]:
        return [Candidate(m.start(), m.end(), "SET", f"XXXX-{_month_number(m['mo']):02d}")]
    if m["se"]:
        return [Candidate(m.start(), m.end(), "SET", f"XXXX-{SEASONS[m['se'].lower()]}")]
    if m["adv"]:
        dep = ctx.dep_at(m.start())
        if dep == "amod" and m["adv"].lower() not in LEX["sets_adjectival"]:
            return []  # 'quarterly results', 'an annual report': a kind of thing, not a frequency
        if dep in ("nsubj", "nsubjpass", "dobj", "pobj"):
            return []  # 'declared its initial quarterly': a noun (a dividend, a newspaper)
        return [Candidate(m.start(), m.end(), "SET", LEX["sets"][m["adv"].lower()])]
    amount = _amount(m["n"]) if m["n"] else 1.0
    unit = _UNIT_FORMS[m["u"].lower()]
    return [Candidate(m.start(), m.end(), "SET", _duration(amount or 1.0, unit))]


_CLOCK_LEADS = frozenset(LEX["clock_leads"])


def _clock(m: re.Match, ctx: Context) -> list[Candidate]:
    """'3 p.m.', '10:30 am', '15:00 GMT', 'noon': TIME on the date of its sentence (resolved later)."""
    if m["word"]:
        if ctx.word_before(m.start()) in LEX["not_clock_before"]:
            return []  # 'High Noon', 'high noon comes today': an idiom
        clock = LEX["clock_words"][m["word"].lower()]
    else:
        hour = int(m["h"] or m["h2"])
        minute = int(m["mi"] or m["mi2"] or 0)
        ampm = (m["ampm"] or "").lower().replace(".", "")
        if m["h2"] and not m["tz"] and ctx.word_before(m.start()) not in _CLOCK_LEADS:
            return []  # '10:30' alone may be a score or a ratio
        if ampm and not 1 <= hour <= 12:
            return []
        hour = hour % 12 + (12 if ampm == "pm" else 0) if ampm else hour
        clock = f"{hour:02d}:{minute:02d}"
    return [Candidate(m.start(), m.end(), "TIME", "T" + clock, needs="day")]


def _quarter(m: re.Match, ctx: Context) -> list[Candidate]:
    """'the third quarter', 'Q3 2020', 'the first half of 2021', 'the last half of 1989'."""
    half = (m["q"] or "").lower() == "half"
    number = int(m["qn"]) if m["qn"] else PERIOD_ORDINALS[m["ord"].lower()]
    if number == -1:
        if not (m["y"] or m["shift"]):
            return []  # 'the last quarter' alone is the previous quarter (see _relative), not Q4
        number = 2 if half else 4
    if half and number > 2:
        return []
    code = f"H{number}" if half else f"Q{number}"
    anchored = False
    if m["y"]:
        year: int | str = _year_number(m["y"])
    elif m["shift"] and ctx.dct:
        year, anchored = ctx.dct.year + SHIFTS[m["shift"].lower()], True
    elif ctx.dct:
        current = (ctx.dct.month - 1) // (6 if half else 3) + 1
        past = ctx.tense_at(m.start()) == "past"
        year, anchored = (ctx.dct.year - 1 if past and number > current else ctx.dct.year), True
    else:
        year = "XXXX"
    return [Candidate(m.start(), m.end(), "DATE", f"{year}-{code}", anchored=anchored)]


# --- business periods: 'the quarter', 'the year-ago period', 'fiscal 1989', 'the year' -------------------
# A reporting-quarter candidate carries 'shift|year|quarter' (quarters to move from the reporting quarter,
# a year and a quarter number that override it) and is resolved once the quarters named before it are known.


def _reporting_quarter(m: re.Match, ctx: Context) -> list[Candidate]:
    """'the quarter', 'the latest quarter' -> the reporting quarter; 'the latest period' only amid quarters."""
    needs = "quarter" if m["what"].lower() == "quarter" or m["latest"] else "quarter_context"
    return [Candidate(m.start(), m.end(), "DATE", "0||", needs=needs)]


def _year_ago_period(m: re.Match, ctx: Context) -> list[Candidate]:
    """'the year-ago quarter', 'the comparable year-earlier third quarter', 'year-earlier (profit)'."""
    ordinal = str(max(PERIOD_ORDINALS[m["ord"].lower()], 0) or "") if m["ord"] else ""
    if m["what"]:
        return [Candidate(m.start(), m.end(), "DATE", f"-4||{ordinal}", needs="quarter")]
    if "-" not in m["adj"]:
        return []  # 'year ago' alone belongs to 'a year ago'
    fallback = str(ctx.dct.year - 1) if ctx.dct else "XXXX"
    return [Candidate(m.start("adj"), m.end(), "DATE", f"-4|||{fallback}", needs="quarter_or_year",
                      anchored=ctx.dct is not None)]


def _dated_period(m: re.Match, ctx: Context) -> list[Candidate]:
    """'the 1988 quarter', 'the 1988 third quarter', "last year's quarter", "next year's first quarter"."""
    if m["y"]:
        year = str(_year_number(m["y"]))
    elif ctx.dct:
        year = str(ctx.dct.year + SHIFTS[m["shift"].lower()])
    else:
        year = "XXXX"
    ordinal = str(max(PERIOD_ORDINALS[m["ord"].lower()], 0) or "") if m["ord"] else ""
    return [Candidate(m.start(), m.end(), "DATE", f"0|{year}|{ordinal}", needs="quarter")]


def _same_period_last_year(m: re.Match, ctx: Context) -> list[Candidate]:
    """'the same period last year', 'the quarter a year ago' -> the reporting quarter a year before."""
    return [Candidate(m.start(), m.end(), "DATE", "-4||", needs="quarter")]


def _the_year(m: re.Match, ctx: Context) -> list[Candidate]:
    """'the year', 'the fiscal year', 'the latest fiscal year'; 'the year ended June 30' is a DURATION."""
    if m["ended"]:
        return [Candidate(m.start(), m.end("core"), "DURATION", "P1Y")]
    shift = YEAR_KINDS[" ".join(m["kind"].lower().split())] if m["kind"] else 0
    value = str(ctx.dct.year + shift) if ctx.dct else "XXXX"
    return [Candidate(m.start(), m.end("core"), "DATE", value, anchored=ctx.dct is not None)]


def _fiscal_year(m: re.Match, ctx: Context) -> list[Candidate]:
    """'fiscal 1989' -> 1989."""
    return [Candidate(m.start(), m.end(), "DATE", str(_year_number(m["y"])))]


def _year_end(m: re.Match, ctx: Context) -> list[Candidate]:
    """'by year-end', "by year's end" -> this year's end; 'since year-end' -> last year's."""
    if ctx.dct is None:
        return [Candidate(m.start(), m.end(), "DATE", "XXXX", mod="END")]
    back = ctx.word_before(m.start()) in BACKWARD_LEADS or ctx.tense_at(m.start()) == "past"
    return [Candidate(m.start(), m.end(), "DATE", str(ctx.dct.year - back), mod="END", anchored=True)]


def _is_rate(ctx: Context, start: int) -> bool:
    """True when 'a day' / 'a year' follows an amount ('$5 a day', '3% a year', 'twice a week')."""
    before = ctx.text[max(0, start - 20) : start].rstrip()
    return _RATE_BEFORE.search(before) is not None


_RATE_BEFORE = re.compile(rf"(?:\d|%|(?<![\w-]){_words(LEX['rate_words'])})$")


_BLOCKS = {
    "S": _S, "S0": _S0, "DASH": _DASH, "HS": _HS, "MONTH": MONTH, "WEEKDAY": WEEKDAY, "SEASON": SEASON,
    "PART": PART, "UNIT": UNIT, "DAY": DAY, "YEAR": YEAR, "NUM": NUM,
    "REFERENCES": _words(LEX["references"]), "SETS": _words(LEX["sets"]), "CLOCK": _words(LEX["clock_words"]),
    "ZONES": "|".join(re.escape(z) for z in LEX["time_zones"]),
    "DAYPART": "(?i:morning|afternoon|evening|night)", "DECADES": DECADE_WORDS, "DEICTIC": _words(LEX["deictic_days"]),
    "DAYWORDS": _words(ORDINAL_DAYS).replace(_S, _HS) + r"(?![\w-])",  # 'twenty first', 'twenty-first'
    "SHIFT": _words(k for k in SHIFTS if k not in ("previous", "current")),
    "STRETCH_LEADS": _words(LEX["vague_stretch_leads"]), "STRETCH_TAILS": _words(LEX["vague_stretch_tails"]),
    "UNIT_ADJECTIVES": "(?P<adj>" + _words(LEX["unit_adjectives"]) + ")", "ANAPHORS": _words(LEX["anaphor_shifts"]),
    "FULLWEEKDAYS": "(?:" + "|".join(w.capitalize() for w in WEEKDAYS if len(w) > 4) + ")",
    "HOLIDAYS": _titles(HOLIDAYS), "ORD": _words(PERIOD_ORDINALS), "PERIODS": _words(LEX["reporting_period_words"]),
    "LATEST": _words(LEX["latest_words"]), "YEARAGO": _words(LEX["year_ago_words"]),
    "COMPARISON": _words(LEX["comparison_words"]), "YEARKINDS": _words(YEAR_KINDS),
}


def _pattern(template: str) -> re.Pattern:
    """Compile a rule written with ``<<BLOCK>>`` placeholders for the shared pieces above.

    Every rule starts at the start of a word: the leading look-behind lets the regex engine skip the
    inside of words at once instead of trying each alternative there (several times faster).
    """
    return re.compile(r"(?<!\w)" + re.sub(r"<<(\w+)>>", lambda m: _BLOCKS[m.group(1)], template))


_RULES: list[Rule] = [
    (_pattern(r"(?<![\d-])(?P<y><<YEAR>>)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)(?![\d-])"), _iso_date),
    # 25-26 February 1992, the 10th of November
    (_pattern(r"(?:(?P<wd><<WEEKDAY>>),?<<S>>)?(?:the<<S>>)?(?P<d><<DAY>>)(?:<<DASH>>(?P<d2><<DAY>>))?<<S>>(?:of<<S>>)?"
              r"(?P<m><<MONTH>>)(?:,?<<S>>(?P<y><<YEAR>>)|(?P<rel>)|(?P<shift>))"), _full_date),
    # November 10, 2020; February 25-26, 1992; September 27 last year
    (_pattern(r"(?:(?P<shift><<SHIFT>>)<<S>>)?(?:(?P<wd><<WEEKDAY>>),?<<S>>)?(?P<m><<MONTH>>)<<S>>"
              r"(?P<d><<DAY>>|<<DAYWORDS>>)(?:<<DASH>>(?P<d2><<DAY>>)|<<S>>(?i:and|or)<<S>>(?P<d3><<DAY>>)(?![\w]))?"
              r"(?:,?<<S>>(?P<y><<YEAR>>)|<<S>>(?P<rel>(?i:last|this|next))<<S>>(?i:year)(?![\w]))?(?![\d])"),
     _full_date),
    # July last year, April next year
    (_pattern(r"(?P<m><<MONTH>>)<<S>>(?:of<<S>>)?(?P<rel>(?i:last|this|next))<<S>>(?i:year)(?![\w])"),
     _month_rel_year),
    # February 1992, February-March 1992, the summer of 2019
    (_pattern(r"(?:(?P<m><<MONTH>>)(?:<<DASH>>(?P<m2><<MONTH>>))?|(?:(?i:the)<<S>>)?(?P<season><<SEASON>>))"
              r",?<<S>>(?:(?i:of)<<S>>)?(?P<y><<YEAR>>)"), _month_year),
    (_pattern(r"(?:(?P<shift>(?i:last|this|next|previous|coming))<<S>>)?(?P<m><<MONTH>>)"), _month_alone),
    (_pattern(r"(?<![\w-])(?:(?P<the>(?i:the))<<S>>)?(?P<season><<SEASON>>)(?![\w-])(?!<<S>>(?i:of)(?![\w]))"),
     _season),
    (_pattern(r"(?<![\w-])(?:(?i:earlier|later)<<S>>)?(?P<lead><<ANAPHORS>>)<<S>>"
              r"(?P<unit>(?i:day|week|month|year|morning|afternoon|evening|night))(?![\w-])"), _anaphor),
    (_pattern(r"(?<![\w-])(?:(?P<shift>(?i:last|this|next))<<S>>)?(?P<h><<HOLIDAYS>>)(?:,?<<S>>(?P<y><<YEAR>>))?"),
     _holiday),
    (_pattern(r"(?:(?P<the>(?i:the))<<S>>)?(?:(?:(?P<dec>(?:1\d|20)\d0)|['’](?P<dec2>\d0))['’]?s"
              r"|['’]?(?P<decw><<DECADES>>))(?![\w])"), _decade),
    (_pattern(r"(?:(?i:the)<<S>>)?(?P<c>\d{1,2})(?:st|nd|rd|th)<<HS>>(?i:century)(?![\w])"), _century),
    # last year, earlier this month, this past weekend, last night, this summer
    (_pattern(r"(?P<shift>(?i:this<<S>>past|last|this|next|previous|coming|current|past))"
              r"<<S>>(?P<what>(?i:year|month|week|weekend|decade|century|quarter)|<<SEASON>>|<<PART>>)(?![\w])"),
     _relative),
    (_pattern(r"(?<![\w-])(?:(?P<before><<PART>>)<<S>>)?"
              r"(?P<deictic><<DEICTIC>>)(?:<<S>>(?P<part><<DAYPART>>))?(?![\w-])"), _deictic),
    (_pattern(r"(?<![\w-])(?P<ref><<REFERENCES>>)(?![\w-])"), _reference),
    (_pattern(r"(?<![\w-])(?i:the)<<S>>(?i:weekend)(?![\w-])"), _the_weekend),
    (_pattern(r"(?:(?P<shift><<SHIFT>>)<<S>>)?(?P<wd><<WEEKDAY>>)(?:<<S>>(?P<part><<DAYPART>>))?"),
     _weekday),
    # two years ago, a year earlier
    (_pattern(r"(?<![\w.,-])(?P<n><<NUM>>)<<HS>>(?P<u><<UNIT>>)(?:<<S>>(?i:or)<<S>>(?:(?i:so)|<<NUM>>))?<<S>>"
              r"(?P<off>(?i:ago|earlier|later|from<<S>>now|hence))(?![\w])"), _offset),
    # 30 years, 44-day, two-hour, a year and a half, 65-year-old
    (_pattern(r"(?<![\w.,-])(?P<n><<NUM>>)(?:<<S>>(?i:and)<<S>>(?P<half>(?i:a<<S>>half)))?"
              r"(?:<<S>><<UNIT_ADJECTIVES>>)?<<HS>>(?P<u><<UNIT>>)"
              r"(?:<<S>>(?i:and)<<S>>(?P<half2>(?i:a<<S>>half))|<<HS>>(?i:long|old))?(?![\w])"),
     _duration_rule),
    (_pattern(r"(?<![\w-])(?i:half)<<S>>(?i:an?)<<S>>(?P<u><<UNIT>>)"), _half_duration),
    # recent months, (the) coming weeks, the years ahead
    (_pattern(r"(?<![\w-])(?:(?:(?i:the)<<S>>)?<<STRETCH_LEADS>><<S>>(?P<u>(?i:years|decades|months|quarters|weeks|days))"
              r"|(?i:the)<<S>>(?P<u2>(?i:years|decades|months|quarters|weeks|days))<<S>><<STRETCH_TAILS>>)"
              r"(?![\w-])"), _vague_stretch),
    (_pattern(r"(?<![\w-])(?P<u>(?i:years|decades|centuries|months|weeks|days|hours|minutes))(?![\w-])"),
     _bare_units),
    (_pattern(r"(?<![\w-])(?:(?i:every|each|per)<<S>>(?:(?P<n><<NUM>>|(?i:other))<<S>>)?(?P<u><<UNIT>>)"
              r"|(?i:every|each)<<S>>(?:(?P<wd><<WEEKDAY>>)|(?P<mo><<MONTH>>)|(?P<se><<SEASON>>)(?![\w-]))"
              r"|(?P<wds><<FULLWEEKDAYS>>)s(?![\w'’])"
              r"|(?P<adv><<SETS>>)(?![\w-]))"), _set_rule),
    # 3 p.m., 10:30 am, 15:00 GMT, noon
    (_pattern(r"(?<![\w.:-])(?:(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?<<S0>>(?P<ampm>(?i:a\.m\.|p\.m\.|am|pm))(?![\w])"
              r"|(?P<h2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)(?![\d])|(?P<word><<CLOCK>>)(?![\w]))"
              r"(?:<<S>>(?P<tz><<ZONES>>)(?![\w]))?"), _clock),
    # the third quarter, Q3 2020, the first half of 2021
    (_pattern(r"(?:(?i:the)<<S>>)?(?:(?P<ord><<ORD>>)<<HS>>"
              r"(?P<q>(?i:quarter|half))|Q(?P<qn>[1-4]))"
              r"(?:<<S>>(?:(?i:of)<<S>>)?(?P<y><<YEAR>>)|<<S>>(?i:of)<<S>>(?P<shift>(?i:this|last|next))<<S>>(?i:year))?"
              r"(?![\w])"), _quarter),
    # the quarter, the latest quarter, the latest period
    (_pattern(r"(?<![\w-])(?i:the)<<S>>(?:(?P<latest><<LATEST>>)<<S>>)?(?P<what><<PERIODS>>)(?![\w-])"
              r"(?!<<S>>(?i:of)(?![\w]))"),
     _reporting_quarter),
    # the year-ago quarter, the comparable year-earlier period, year-earlier (results)
    (_pattern(r"(?<![\w-])(?:(?i:the)<<S>>(?:<<COMPARISON>><<S>>)?)?(?P<adj><<YEARAGO>>)"
              r"(?:<<S>>(?:(?P<ord><<ORD>>)<<HS>>)?(?P<what><<PERIODS>>))?(?![\w-])"), _year_ago_period),
    # the 1988 quarter, the 1988 third quarter, last year's quarter, next year's first quarter
    (_pattern(r"(?<![\w-])(?:(?:(?i:the)<<S>>)?(?P<y><<YEAR>>)|(?P<shift>(?i:last|this|next))<<S>>(?i:year)['’]s)<<S>>"
              r"(?:(?P<ord><<ORD>>)<<HS>>)?(?P<what><<PERIODS>>)(?![\w-])"), _dated_period),
    # the same period last year, the quarter a year ago
    (_pattern(r"(?<![\w-])(?i:the)<<S>>(?:<<COMPARISON>><<S>>)?<<PERIODS>><<S>>"
              r"(?:(?i:last)<<S>>(?i:year)|(?i:a)<<S>>(?i:year)<<S>>(?i:ago|earlier|before))(?![\w-])"),
     _same_period_last_year),
    # the year, the fiscal year, the year ended June 30
    (_pattern(r"(?<![\w-])(?P<core>(?i:the)<<S>>(?:(?P<kind><<YEARKINDS>>)<<S>>)?(?i:year))(?![\w-]|['’])"
              r"(?:(?P<ended><<S>>(?i:ended|ending|that<<S>>ended|to<<S>>date))"
              r"|(?!<<S>>(?i:before|after|of|when|earlier|ago|later|in<<S>>which)(?![\w-])))"), _the_year),
    (_pattern(r"(?<![\w-])(?i:fiscal)<<S>>(?P<y><<YEAR>>)"), _fiscal_year),
    (_pattern(r"(?<![\w-])(?i:year)(?:<<S0>>-<<S0>>|<<S>>|['’]s<<S>>)(?i:end)(?![\w-])"), _year_end),
]

# A bare year, with an optional second year of a range ("1992-94", "1992–1994").
_YEAR_RE = re.compile(
    rf"(?<![\w$£€.,/:])(?<![\dA-Z]-)(?P<y>{YEAR})(?:{_DASH}(?P<y2>\d\d(?:\d\d)?))?(?![\w%]|[.,]\d|-\w)"
)
_THE_YEAR = re.compile(rf"(?<![\w-])(?i:the){_S}(?i:year){_S}$")
_LIST_GLUE = re.compile(
    r"^[^\S\n]*(?:,[^\S\n]*(?:(?:and|or)[^\S\n]+)?|(?:and|or|to|through|until|till)[^\S\n]+)$", re.I
)


def _find_years(ctx: Context, nummod_at: Callable[[int], bool]) -> list[Candidate]:
    """Bare years in a date context: 'in 1993', 'since 1991', lists 'in 1948, 1965, and 1971'.

    A year needs a date word before it (years before 1900 a strong one: 'in 1066' but not
    'of 1500 people'), a spaCy DATE hint, or to continue a list of accepted years; a number that
    modifies a following noun ('in 2000 cases') is a count, not a year.
    """
    found: list[Candidate] = []
    last_end = -1
    for m in _YEAR_RE.finditer(ctx.text):
        year = _year_number(m["y"])
        before = ctx.word_before(m.start())
        the_year = _THE_YEAR.search(ctx.text, max(0, m.start() - 20), m.start())  # 'by the year 2000'
        chained = last_end >= 0 and _LIST_GLUE.match(ctx.text[last_end : m.start()]) is not None
        strong = before in STRONG_YEAR_CONTEXT or ctx.word_before(m.start(), 2) in STRONG_YEAR_CONTEXT
        weak = before in DATE_CONTEXT and before not in ("and", "or")  # those only continue a list
        plausible = 1900 <= year <= 2099
        hinted = plausible and ctx.hinted(m.start(), m.end("y"))
        in_words = not m["y"][:1].isdigit()
        spoken = in_words and not m["y"].lower().startswith("two")  # 'nineteen ninety-six' is only ever a year
        if not (chained or strong or (weak and plausible) or hinted or spoken):
            continue
        if in_words and not (spoken or the_year or strong or chained):
            continue  # 'two thousand' is a count unless it follows 'the year' or 'in', 'since' ...
        if nummod_at(m.start()):
            continue
        value = str(year)
        if m["y2"]:
            second = int(m["y2"]) if len(m["y2"]) == 4 else year // 100 * 100 + int(m["y2"])
            if not year < second <= year + 100:
                continue
            value = f"{year}/{second}"
        found.append(Candidate(the_year.start() if the_year else m.start(), m.end(), "DATE", value, rank=50))
        last_end = m.end()
    return found


# --- prefixes: hedges, period parts, duration leads ----------------------------------------------

_HEDGE_RE = re.compile(rf"(?<![\w-])(?P<w>{_words(MODIFIERS)}){_S}$")
_POSITION_RE = re.compile(
    rf"(?<![\w-])(?P<w>{_words(k for k in POSITIONS if k.startswith('the'))}){_S}$"
    rf"|(?<![\w-])(?P<w2>{_words(k for k in POSITIONS if not k.startswith('the'))})(?:{_S0}-{_S0}|{_S})$")
_LEAD_RE = re.compile(rf"(?<![\w-])(?:(?i:the){_S})?{_words(LEX['duration_leads'])}{_S}$")  # 'the past five years'
_THE_RE = re.compile(rf"(?<![\w-])(?i:the){_S}$")


def _with_prefixes(c: Candidate, text: str) -> Candidate:
    """Take in the words before a candidate that belong to it: 'nearly', 'early', 'the past'."""
    before = text[max(0, c.start - 40) : c.start]
    if c.type == "DATE" and c.mod is None:
        m = _POSITION_RE.search(before)
        if m:
            word = " ".join((m["w"] or m["w2"]).lower().split())
            c = replace(c, start=c.start - len(m.group()), mod=POSITIONS[word])
            before = text[max(0, c.start - 40) : c.start]
    led = False
    if c.type == "DURATION":
        m = _LEAD_RE.search(before)
        if m is None and re.search(r"[^\W\d_]s$", text[c.start : c.end]) and "-" not in text[c.start : c.end]:
            m = _THE_RE.search(before)  # 'the nine months' is one stretch; in 'the 44-day war' 'the' is the war's
        if m:
            c, led = replace(c, start=c.start - len(m.group())), True
            before = text[max(0, c.start - 40) : c.start]
    m = _HEDGE_RE.search(before)
    if m and c.mod is None and not led:  # 'over the past five years': 'over' is a preposition there
        mod = MODIFIERS[" ".join(m["w"].lower().split())]
        if c.type == "DURATION" or (mod == "APPROX" and c.type in ("DATE", "TIME")):
            c = replace(c, start=c.start - len(m.group()), mod=mod)
    return c


# --- selection and late resolution ---------------------------------------------------------------


def _select(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the longest of overlapping candidates (then the earlier rule), in text order."""
    taken: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: (-(c.end - c.start), c.rank, c.start)):
        if all(c.end <= t.start or t.end <= c.start for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c.start)


_DAY_VALUE = re.compile(r"(?:\d{4}|XXXX)-(?:\d\d-\d\d|WXX-\d)$")
_CLOCK_DAY_GAP = re.compile(r"^(?:,?[^\S\n]+(?:(?i:on|at)[^\S\n]+)?|,[^\S\n]*)$")


def _join_clock_and_day(chosen: list[Candidate], text: str) -> list[Candidate]:
    """'9 a.m. Tuesday' / 'Monday at 3 p.m.' -> one TIME on that day."""
    out: list[Candidate] = []
    for c in chosen:
        if out:
            prev = out[-1]
            pair = (prev, c) if prev.needs == "day" else (c, prev)
            clock, day = pair
            if (clock.needs == "day" and day.type == "DATE" and _DAY_VALUE.match(day.value)
                    and _CLOCK_DAY_GAP.match(text[prev.end : c.start])):
                out[-1] = replace(clock, start=prev.start, end=c.end, value=day.value + clock.value,
                                  anchored=day.anchored, needs=None)
                continue
        out.append(c)
    return out


_WEEK_OF = re.compile(rf"(?<![\w-])(?i:the){_S}(?i:week){_S}(?i:of){_S}$")


def _week_of(chosen: list[Candidate], text: str) -> list[Candidate]:
    """'the week of March 6' -> that week (2000-W10)."""
    out = []
    for c in chosen:
        lead = _WEEK_OF.search(text, max(0, c.start - 20), c.start)
        if lead and c.type == "DATE" and re.fullmatch(r"\d{4}-\d\d-\d\d", c.value):
            c = replace(c, start=lead.start(), value=_week(dt.date.fromisoformat(c.value)))
        out.append(c)
    return out


def _resolve_late(chosen: list[Candidate], ctx: Context) -> list[Candidate]:
    """Values that need the dates around them: 'a year earlier', '3 p.m.' (on which day?)."""
    out: list[Candidate] = []
    for i, c in enumerate(chosen):
        if c.needs and c.needs.startswith("quarter"):
            c = _resolve_quarter(c, out, ctx)
            if c is None:
                continue
        elif c.needs == "previous":
            sign, unit, amount = c.value.split("|")
            base = _date_in_sentence(c, out, ctx.text) or ctx.dct
            near = _quarter_near(c, out, ctx.dct)
            if near and unit == "year" and float(amount) == 1:  # '... from $4 million a year earlier'
                c = replace(c, value=_shift_quarter(near, 4 * int(sign)), anchored=True, needs=None, derived=True)
            elif base is None:
                c = replace(c, value="XXXX" if UNITS[unit]["letter"] == "Y" else "XXXX-XX-XX", needs=None)
            else:
                value = _offset_value(base, unit, float(amount), int(sign))
                c = replace(c, value=value, anchored=True, needs=None)
        elif c.needs == "anaphor":
            c = _resolve_anaphor(c, out, ctx)
        elif c.needs == "day":
            day = _day_in_sentence(c, out, ctx.text) or _day_just_after(c, chosen[i + 1 :], ctx.text)
            if day is None and ctx.dct:
                day = _iso(ctx.dct)
            c = replace(c, value=(day or "XXXX-XX-XX") + c.value, anchored=day is not None, needs=None)
        out.append(c)
    return out


_QUARTER_VALUE = re.compile(r"(\d{4})-Q([1-4])$")


def _shift_quarter(quarter: tuple[int, int], shift: int) -> str:
    """(1989, 3), -4 -> '1988-Q3'."""
    index = quarter[0] * 4 + quarter[1] - 1 + shift
    return f"{index // 4}-Q{index % 4 + 1}"


def _last_quarter(c: Candidate, earlier: list[Candidate], dct: dt.date | None,
                  within: int | None = None) -> tuple[int, int] | None:
    """The quarter reported on last before ``c`` (within ``within`` characters when given): one the text
    named itself, not computed from another, and not yet to come at publication ('the third quarter of 1990')."""
    latest = (dct.year, (dct.month - 1) // 3 + 1) if dct else (9999, 4)
    for other in reversed(earlier):
        if within is not None and c.start - other.end > within:
            return None
        m = _QUARTER_VALUE.match(other.value)
        if m and other.type == "DATE" and not other.derived and (int(m[1]), int(m[2])) <= latest:
            return int(m[1]), int(m[2])
    return None


def _quarter_near(c: Candidate, earlier: list[Candidate], dct: dt.date | None) -> tuple[int, int] | None:
    return _last_quarter(c, earlier, dct, LEX["quarter_context_chars"])


def _resolve_quarter(c: Candidate, earlier: list[Candidate], ctx: Context) -> Candidate | None:
    """Give a reporting-quarter candidate its value: the quarter named last (or, for 'the quarter', the last
    one completed before publication), moved and overridden as its 'shift|year|quarter' says."""
    shift, year, number, *fallback = c.value.split("|")
    quarter = _quarter_near(c, earlier, ctx.dct)
    if c.needs == "quarter_or_year" and quarter is None:
        return replace(c, value=fallback[0], needs=None, derived=True)  # 'a year ago' outside quarter talk
    if quarter is None and c.needs == "quarter_context":
        return None  # 'the latest period' means a quarter only where quarters are spoken of
    if quarter is None and ctx.dct is not None:
        quarter = (ctx.dct.year, (ctx.dct.month - 1) // 3)  # the last quarter completed ...
        quarter = (quarter[0] - 1, 4) if quarter[1] == 0 else quarter
    if quarter is None:
        value = f"{year or 'XXXX'}-Q{number or 'X'}"
        return replace(c, value=value, needs=None)
    value = _shift_quarter((quarter[0], int(number or quarter[1])), int(shift))
    if year:
        value = year + value[4:]
    return replace(c, value=value, anchored=not year.isdigit(), needs=None, derived=bool(int(shift) or year))


def _resolve_anaphor(c: Candidate, earlier: list[Candidate], ctx: Context) -> Candidate:
    """'that year' / 'the following month' / 'the next morning' from the date mentioned last
    (the publication date when none was); units finer than that date stay unknown ('XX').

    >>> ctx = Context("", dt.date(2000, 1, 28), [], [], lambda _: "past", lambda _: "")
    >>> june = Candidate(0, 9, "DATE", "1998-06")
    >>> [_resolve_anaphor(Candidate(20, 30, "DATE", v, needs="anaphor"), [june], ctx).value
    ...  for v in ("0|year", "1|month")]
    ['1998', '1998-07']
    """
    shift_text, unit = c.value.split("|")
    shift = int(shift_text)
    base_value = next((o.value for o in reversed(earlier)
                       if o.type in ("DATE", "TIME") and re.match(r"\d{4}(?:-\d\d){0,2}(?:T|$)", o.value)), None)
    if base_value is None and ctx.dct is not None:
        base_value = _iso(ctx.dct)
    if base_value is None:
        value = {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX"}.get(unit, "XXXX-XX-XX")
        return replace(c, value=value + ("T" + PARTS_OF_DAY[unit] if unit in PARTS_OF_DAY else ""), needs=None)
    base = _date_of(base_value.split("T")[0])
    precision = len(base_value.split("T")[0])  # 4 year, 7 month, 10 day
    if unit == "year":
        value = str(base.year + shift)
    elif unit == "month":
        value = (base + relativedelta(months=shift)).strftime("%Y-%m") if precision >= 7 else f"{base.year}-XX"
    elif unit == "week":
        value = _week(base + dt.timedelta(weeks=shift)) if precision >= 10 else f"{base.year}-WXX"
    elif precision >= 10:
        value = _iso(base + dt.timedelta(days=shift))
    else:
        value = base_value[:7] + "-XX" if precision >= 7 else f"{base.year}-XX-XX"
    if unit in PARTS_OF_DAY:
        value += "T" + PARTS_OF_DAY[unit]
    return replace(c, value=value, anchored=True, needs=None)


def _date_in_sentence(c: Candidate, earlier: list[Candidate], text: str) -> dt.date | None:
    """The last resolved date before ``c`` in its sentence ('In 1990 ... a year later')."""
    for other in reversed(earlier):
        if re.search(r"[.!?]\s", text[other.end : c.start]):
            return None
        if other.type == "DATE" and re.match(r"\d{4}", other.value):
            return _date_of(other.value)
    return None


def _day_in_sentence(c: Candidate, earlier: list[Candidate], text: str) -> str | None:
    """The full date given just before a clock time in the same sentence ('Monday at 3 p.m.')."""
    for other in reversed(earlier):
        if re.search(r"[.!?]\s", text[other.end : c.start]):
            return None
        if other.type == "DATE" and re.fullmatch(r"(?:\d{4}|XXXX)-\d\d-\d\d", other.value):
            return other.value
    return None


def _day_just_after(c: Candidate, later: list[Candidate], text: str) -> str | None:
    """The day named right after a clock time, past a parenthesis ('at 10:35 a.m. (0735 GMT) Friday')."""
    if later and later[0].type == "DATE" and _DAY_VALUE.match(later[0].value):
        gap = text[c.end : later[0].start]
        if len(gap) <= 30 and _CLOCK_DAY_AFTER_GAP.fullmatch(gap):
            return later[0].value
    return None


_CLOCK_DAY_AFTER_GAP = re.compile(r"[^\S\n]*,?[^\S\n]*(?:\([^()\n.!?;]*\)[^\S\n]*,?[^\S\n]*)?(?:on[^\S\n]+)?")


# --- spaCy helpers -------------------------------------------------------------------------------


class _Tokens:
    """The token at a char offset, by bisection over the token starts (built once per doc, in C)."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.starts: list[int] = doc.to_array("IDX").tolist() if doc is not None and len(doc) else []

    def at(self, offset: int):
        """The token covering ``offset``, or None (between tokens, or without a parse)."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return None
        token = self.doc[i]
        return token if offset < token.idx + len(token.text) else None


def _tense_function(tokens: _Tokens) -> Callable[[int], str]:
    """char offset -> 'past' | 'present' | 'future' | 'unknown', from the clause's verb."""

    def tense_at(offset: int) -> str:
        token = tokens.at(offset)
        if token is None:
            return "unknown"
        while token.dep_ in ("compound", "nummod") and token.head.i > token.i:
            token = token.head  # 'Jan.' in 'Jan. 14'
        if token.dep_ in ("compound", "amod", "nmod", "poss") and token.head.i > token.i and token.head.pos_ == "NOUN":
            return "unknown"  # 'the Jan. 14 deadline', "Thursday's ruling": a date inside a noun has no tense
        for _ in range(6):
            if token.pos_ in ("VERB", "AUX") or token.head is token:
                break
            token = token.head
        auxes = [t for t in token.children if t.dep_ in ("aux", "auxpass")] + [token]
        if any(t.lower_ in FUTURE_AUXILIARIES for t in auxes):
            return "future"
        if token.tag_ == "VB" and any(t.lower_ == "to" for t in auxes):
            # 'expected to join in April', 'plans to visit on Monday'; other infinitives carry no tense
            intent = token.head.lemma_ in INTENT_VERBS or token.head.lower_ == "going"  # 'is going to start'
            return "future" if intent else "present"
        if token.lemma_ in INTENT_VERBS and token.tag_ == "VBN" and len(auxes) > 1:
            return "future"  # 'is scheduled for Monday', 'was set to open in May'; not 'the record set on Aug. 6'
        if any(t.tag_ in ("VBD",) for t in auxes) or (token.tag_ == "VBN" and not auxes[:-1]):
            return "past"
        if any(t.lower_ == "had" for t in auxes):
            return "past"
        if any(t.lower_ in ("has", "have", "'ve", "’ve") for t in auxes):
            return "present"  # a present perfect seldom takes a past date ('has given them until Tuesday')
        if token.pos_ in ("VERB", "AUX"):
            return "present"
        return "unknown"

    return tense_at


def _dep_at(tokens: _Tokens, offset: int) -> str:
    """The dependency label of the token at a char offset ('' without a parse)."""
    token = tokens.at(offset)
    return token.dep_ if token is not None else ""


def _nummod_function(tokens: _Tokens) -> Callable[[int], bool]:
    """char offset -> True when the number there counts a noun after it ('in 2000 cases')."""
    from_units = set(_UNIT_FORMS) | set(MONTHS)

    def nummod_at(offset: int) -> bool:
        token = tokens.at(offset)
        if token is None:
            return False
        head = token.head
        return (
            token.dep_ == "nummod"
            and head.i > token.i
            and head.pos_ in ("NOUN",)
            and head.lower_ not in from_units
            and head.tag_ == "NNS"
        )

    return nummod_at


# --- entry points --------------------------------------------------------------------------------


def parse_published(published: str | None) -> dt.date | None:
    """The publication date as a date, or None when absent or unreadable."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def find_times(text: str, published: str | None = None, doc=None) -> list[TimeExpr]:
    """Every temporal expression of ``text``; ``doc`` (its spaCy parse) adds tense and hints.

    >>> [t.value for t in find_times("Wars in 1948, 1965, and 1971.")]
    ['1948', '1965', '1971']
    """
    if not text:
        return []
    tokens = _Tokens(doc)
    ents = list(entities(doc)) if doc is not None else []
    hints = [(e.start_char, e.end_char) for e in ents if e.label_ in ("DATE", "TIME")]
    blocked = [(e.start_char, e.end_char) for e in ents if e.label_ in NAME_LABELS]
    ctx = Context(text, parse_published(published), hints, blocked, _tense_function(tokens),
                  lambda offset: _dep_at(tokens, offset))
    candidates: list[Candidate] = []
    for rank, (pattern, handler) in enumerate(_RULES):
        for m in pattern.finditer(text):
            try:
                found = handler(m, ctx)
            except (ValueError, KeyError, OverflowError, TypeError):
                continue  # an impossible date ("February 30") or a word outside the tables
            candidates += [replace(c, rank=rank) for c in found]
    candidates += _find_years(ctx, _nummod_function(tokens))
    candidates = [_with_prefixes(c, text) for c in candidates if not ctx.in_name(c.start, c.end)]
    chosen = _resolve_late(_week_of(_join_clock_and_day(_select(candidates), text), text), ctx)
    return [
        TimeExpr(id=f"tim-{i}", span=Span(c.start, c.end, text[c.start : c.end]), type=c.type,
                 value=c.value, mod=c.mod, anchored=c.anchored)
        for i, c in enumerate(chosen, start=1)
    ]


def extract(doc, ledger) -> list[TimeExpr]:
    """The pipeline's entry: temporal expressions of ``doc`` anchored to the article's publication date."""
    return find_times(doc_text(doc), ledger.article.published, doc)
