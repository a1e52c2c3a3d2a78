"""Temporal expressions, normalised to TIMEX3 and anchored to the publication date.

Spotting is done by our own rules: regular expressions built once from
``resources/time_lexicon.json`` (month and weekday names, duration units, hedges ...) and the
number words of ``resources/numbers.json``. spaCy's DATE/TIME entities are only hints: they
vouch for a bare year ("1993") or an ambiguous month ("May") that has no date word before it.

Each rule finds the core of an expression ("1992-02", "P30Y"); generic prefixes are then taken
in: hedges ("nearly three decades" -> mod APPROX), period parts ("early 1990" -> START,
"mid-2019" -> MID) and duration leads ("the past five years"). Where rules overlap the longest
match wins. Relative expressions ("last year", "on Monday", "September 27 last year") are
computed from ``ledger.article.published``; without a publication date they stay unresolved
in TIMEX3's X notation ("XXXX", "XXXX-09-27") -- today's date is never used.

Example::

    >>> [(t.span.text, t.value) for t in find_times("It began on September 27 last year.", "2021-11-10")]
    [('September 27 last year', '2020-09-27')]
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from importlib.resources import files

from dateutil.relativedelta import relativedelta

from newsledger.extract.figures import NAME_LABELS, NUMBER_WORDS, VAGUE_COUNTS, parse_number
from newsledger.model import Span, TimeExpr


def _load(name: str) -> dict:
    return json.loads(files("newsledger").joinpath("resources", name).read_text(encoding="utf-8"))


LEX = _load("time_lexicon.json")
MONTHS: dict[str, int] = LEX["months"]
WEEKDAYS: dict[str, int] = LEX["weekdays"]
SEASONS: dict[str, str] = LEX["seasons"]
PARTS_OF_DAY: dict[str, str] = LEX["parts_of_day"]
UNITS: dict[str, dict] = LEX["units"]
MODIFIERS: dict[str, str] = LEX["modifiers"]
POSITIONS: dict[str, str] = LEX["position_modifiers"]
SHIFTS: dict[str, int] = LEX["shifts"]
DATE_CONTEXT = frozenset(LEX["date_context"])
DURATION_CONTEXT = frozenset(LEX["duration_context"])
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
    return "(?:" + "|".join(forms) + r")(?![\w'’])"


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
YEAR = r"(?:1\d|20)\d\d(?![\d])"
NUM = rf"(?:\d+(?:\.\d+)?|{NUMBER_WORDS}|{_words(VAGUE_COUNTS)}|(?i:an?))"


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


# --- calendar helpers ----------------------------------------------------------------------------


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _week(d: dt.date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def _month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _infer_year(dct: dt.date, month: int, day: int | None, tense: str) -> int:
    """The year of a month (and day) given without one: the last such date up to publication in a
    past-tense clause, the next one in a future clause, else the nearest one.

    >>> _infer_year(dt.date(2021, 11, 10), 12, None, "past")
    2020
    >>> _infer_year(dt.date(2021, 1, 5), 11, 25, "present")
    2020
    """
    here = (dct.month, dct.day if day is not None else 0)
    there = (month, day or 0)
    if tense == "past":
        return dct.year - 1 if there > here else dct.year
    if tense == "future":
        return dct.year + 1 if there < here else dct.year

    def distance(year: int) -> int:  # mid-month for a month alone; day 28 stands in for 29-31
        return abs((dt.date(year, month, min(day or 15, 28)) - dct).days)

    return min((dct.year, dct.year - 1, dct.year + 1), key=distance)


def _day_value(year: int | None, month: int, day: int) -> str:
    if year is None:
        return f"XXXX-{month:02d}-{day:02d}"
    return _iso(dt.date(year, month, day))  # raises ValueError on 30 February


def _duration(amount: float | None, unit: str) -> str:
    """TIMEX3 duration of ``amount`` ``unit``; fractions go down a unit ('1.5 hours' -> PT90M).

    >>> _duration(3, "decade"), _duration(None, "decade"), _duration(2, "hour"), _duration(0.5, "year")
    ('P30Y', 'PXDE', 'PT2H', 'P6M')
    """
    info = UNITS[unit]
    prefix = "PT" if info.get("time") else "P"
    if amount is None:
        return f"{prefix}X{info.get('x_letter', info['letter'])}"
    amount *= info.get("times", 1)
    letter = info["letter"]
    smaller = {("P", "Y"): ("P", "M", 12), ("P", "W"): ("P", "D", 7), ("P", "D"): ("PT", "H", 24),
               ("PT", "H"): ("PT", "M", 60), ("PT", "M"): ("PT", "S", 60)}
    while amount != int(amount) and (prefix, letter) in smaller:
        prefix, letter, factor = smaller[(prefix, letter)]
        amount *= factor
    number = int(amount) if amount == int(amount) else round(amount, 3)
    return f"{prefix}{number}{letter}"


def _amount(text: str) -> float | None:
    """The number of a duration: digits, number words, 'a'/'an' = 1; vague words -> None."""
    lowered = " ".join(text.lower().split())
    if lowered in ("a", "an"):
        return 1.0
    if lowered in VAGUE_COUNTS:
        return None
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


def _weekday_date(dct: dt.date, weekday: int, shift: int | None, tense: str) -> dt.date:
    """The date a weekday names: 'last'/'next' go strictly back/forward, else the tense decides."""
    back = (dct.isoweekday() - weekday) % 7
    forward = (weekday - dct.isoweekday()) % 7
    if shift == -1:
        return dct - dt.timedelta(days=back or 7)
    if shift == 1:
        return dct + dt.timedelta(days=forward or 7)
    if shift == 0:
        return dct + dt.timedelta(days=weekday - dct.isoweekday())
    if tense == "future":
        return dct + dt.timedelta(days=forward)
    if tense == "present" and forward < back:
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
    return _iso(base + dt.timedelta(days=n))


def _date_of(value: str) -> dt.date | None:
    """The first day a resolved DATE value covers ('2020-09' -> 2020-09-01); None if unresolved."""
    match = re.match(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?$", value.split("/")[0])
    if not match:
        return None
    return dt.date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1))


# --- the rules ----------------------------------------------------------------------------------

Rule = tuple[re.Pattern, Callable[[re.Match, Context], list[Candidate]]]


def _full_date(m: re.Match, ctx: Context) -> list[Candidate]:
    """'November 10, 2020', '25-26 February 1992', 'September 27 last year', 'Monday, Nov. 8'."""
    month = _month_number(m["m"])
    days = [int(re.match(r"\d+", d).group()) for d in (m["d"], m["d2"]) if d]
    if not all(1 <= d <= 31 for d in days):
        return []
    anchored = False
    if m["y"]:
        year: int | None = int(m["y"])
    elif m["rel"]:
        year = ctx.dct.year + SHIFTS[m["rel"].lower()] if ctx.dct else None
        anchored = ctx.dct is not None
    elif ctx.dct:
        shift = SHIFTS.get((m["shift"] or "").lower())
        tense = {-1: "past", 1: "future"}.get(shift) or ctx.tense_at(m.start())
        year, anchored = _infer_year(ctx.dct, month, days[0], tense), True
    else:
        year = None
    value = "/".join(_day_value(year, month, d) for d in days)
    return [Candidate(m.start(), m.end(), "DATE", value, anchored=anchored)]


def _month_year(m: re.Match, ctx: Context) -> list[Candidate]:
    """'February 1992', 'February-March 1992', 'the summer of 2019'."""
    year = int(m["y"])
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
        year = _infer_year(ctx.dct, month, None, ctx.tense_at(m.start()))
    elif shift < 0:
        year = ctx.dct.year if month < ctx.dct.month else ctx.dct.year - 1
    elif shift > 0:
        year = ctx.dct.year if month > ctx.dct.month else ctx.dct.year + 1
    else:
        year = ctx.dct.year
    return [Candidate(m.start(), m.end(), "DATE", f"{year}-{month:02d}", anchored=True)]


def _decade(m: re.Match, ctx: Context) -> list[Candidate]:
    """'the 1990s' -> 199, "the '90s" -> 199."""
    if m["dec"]:
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
    """'last year', 'earlier this month', 'next week', 'last night', 'this summer', 'the past year'."""
    word = m["shift"].lower()
    what = " ".join(m["what"].lower().split())
    start = m.start()
    if word == "past" or (word == "last" and ctx.word_before(start) == "the"):
        unit = _UNIT_FORMS.get(what)
        if unit:  # "the past year" is a stretch of time, not a calendar year
            return [Candidate(start, m.end(), "DURATION", _duration(1, unit))]
        if what != "weekend":
            return []
        word = "last"  # 'the past weekend' is the last one
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
    offset = {"the day before yesterday": -2, "the day after tomorrow": 2}.get(word)
    if offset is None:
        offset = LEX["deictic_days"][word]
    day = _iso(ctx.dct + dt.timedelta(days=offset)) if ctx.dct else "XXXX-XX-XX"
    part = m["part"].lower() if m["part"] else ("night" if word == "tonight" else None)
    if part:
        value = f"{day}T{PARTS_OF_DAY[part]}"
        return [Candidate(m.start(), m.end(), "TIME", value, anchored=ctx.dct is not None)]
    return [Candidate(m.start(), m.end(), "DATE", day, anchored=ctx.dct is not None)]


def _the_weekend(m: re.Match, ctx: Context) -> list[Candidate]:
    """'over the weekend': the last weekend before publication (the next one in a future clause)."""
    if ctx.dct is None:
        return [Candidate(m.start(), m.end(), "DATE", "XXXX-WXX-WE")]
    future = ctx.tense_at(m.start()) == "future"
    saturday = _weekday_date(ctx.dct, 6, None, "future" if future else "past")
    return [Candidate(m.start(), m.end(), "DATE", _week(saturday) + "-WE", anchored=True)]


def _reference(m: re.Match, ctx: Context) -> list[Candidate]:
    """'now', 'currently' -> PRESENT_REF; 'the past' -> PAST_REF."""
    value = LEX["references"][" ".join(m["ref"].lower().split())]
    return [Candidate(m.start(), m.end(), "DATE", value)]


def _weekday(m: re.Match, ctx: Context) -> list[Candidate]:
    """'on Monday', 'last Friday', 'Tuesday night': the nearest such day in the clause's tense."""
    name = m["wd"].lower().rstrip(".")
    shift = SHIFTS.get((m["shift"] or "").lower()) if m["shift"] else None
    if name in LEX["ambiguous_weekdays"] and shift is None and ctx.word_before(m.start()) not in DATE_CONTEXT:
        return []
    weekday = WEEKDAYS[name]
    day = f"XXXX-WXX-{weekday}"  # TIMEX3 for 'a Monday' when there is no date to count from
    if ctx.dct:
        day = _iso(_weekday_date(ctx.dct, weekday, shift, ctx.tense_at(m.start())))
    if m["part"]:
        value = f"{day}T{PARTS_OF_DAY[m['part'].lower()]}"
        return [Candidate(m.start(), m.end(), "TIME", value, anchored=ctx.dct is not None)]
    return [Candidate(m.start(), m.end(), "DATE", day, anchored=ctx.dct is not None)]


def _offset(m: re.Match, ctx: Context) -> list[Candidate]:
    """'two years ago' (from the publication date), 'a year earlier' (from the last date given)."""
    amount = _amount(m["n"])
    unit = _UNIT_FORMS[m["u"].lower()]
    if amount is None or unit not in UNITS:
        return []
    word = " ".join(m["off"].lower().split())
    sign = 1 if word in ("later", "after", "from now", "hence") else -1
    if word in ("ago", "from now", "hence"):
        if ctx.dct is None:
            value = "XXXX" if UNITS[unit]["letter"] == "Y" and not UNITS[unit].get("time") else "XXXX-XX-XX"
            return [Candidate(m.start(), m.end(), "DATE", value)]
        value = _offset_value(ctx.dct, unit, amount, sign)
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
        if not _after_duration_word(ctx, m.start()):
            return []
    if m.group().lower().endswith("old"):
        return []  # '65-year-old' is an age (a figure), not a stretch of time
    if unit == "second" and not plural and lowered in ("a", "one", "1"):
        return []  # "a second" is mostly the ordinal ("a second attack")
    amount = _amount(number)
    if amount is not None and (m["half"] or m["half2"]):
        amount += 0.5
    if amount is not None and amount > 10000:
        return []  # "2,000 years" is fine, "1,000,000 days" is a figure, not an expression of time
    return [Candidate(m.start(), m.end(), "DURATION", _duration(amount, unit))]


def _half_duration(m: re.Match, ctx: Context) -> list[Candidate]:
    """'half an hour' -> PT30M, 'half a century' -> P50Y."""
    return [Candidate(m.start(), m.end(), "DURATION", _duration(0.5, _UNIT_FORMS[m["u"].lower()]))]


def _bare_units(m: re.Match, ctx: Context) -> list[Candidate]:
    """'for years', 'in decades', 'a matter of hours': an unknown number of units."""
    if not _after_duration_word(ctx, m.start()):
        return []
    return [Candidate(m.start(), m.end(), "DURATION", _duration(None, _UNIT_FORMS[m["u"].lower()]))]


def _after_duration_word(ctx: Context, start: int) -> bool:
    """'for a year', 'in a matter of hours': a word before that makes 'a year' / 'hours' a duration."""
    return ctx.word_before(start) in DURATION_CONTEXT or ctx.word_before(start, 2) in DURATION_CONTEXT


def _set_rule(m: re.Match, ctx: Context) -> list[Candidate]:
    """'every day', 'each year', 'every two weeks', 'daily', 'annually'."""
    if m["adv"]:
        if ctx.dep_at(m.start()) == "amod":
            return []  # 'a daily newspaper', 'quarterly results': a kind of thing, not a frequency
        return [Candidate(m.start(), m.end(), "SET", LEX["sets"][m["adv"].lower()])]
    amount = _amount(m["n"]) if m["n"] else 1.0
    unit = _UNIT_FORMS[m["u"].lower()]
    return [Candidate(m.start(), m.end(), "SET", _duration(amount or 1.0, unit))]


_CLOCK_LEADS = frozenset({"at", "by", "from", "until", "till", "to", "before", "after", "around", "about"})


def _clock(m: re.Match, ctx: Context) -> list[Candidate]:
    """'3 p.m.', '10:30 am', '15:00 GMT', 'noon': TIME on the date of its sentence (resolved later)."""
    if m["word"]:
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
    """'the third quarter', 'Q3 2020', 'the first half of 2021'."""
    ordinal = (m["ord"] or m["qn"] or "").lower()
    number = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
              "final": 4, "last": 4, "1": 1, "2": 2, "3": 3, "4": 4}[ordinal]
    half = (m["q"] or "").lower() == "half"
    if half and number > 2:
        return []
    code = f"H{number}" if half else f"Q{number}"
    anchored = False
    if m["y"]:
        year: int | str = int(m["y"])
    elif m["shift"] and ctx.dct:
        year, anchored = ctx.dct.year + SHIFTS[m["shift"].lower()], True
    elif ctx.dct:
        current = (ctx.dct.month - 1) // (6 if half else 3) + 1
        past = ctx.tense_at(m.start()) == "past"
        year, anchored = (ctx.dct.year - 1 if past and number > current else ctx.dct.year), True
    else:
        year = "XXXX"
    return [Candidate(m.start(), m.end(), "DATE", f"{year}-{code}", anchored=anchored)]


def _is_rate(ctx: Context, start: int) -> bool:
    """True when 'a day' / 'a year' follows an amount ('$5 a day', '3% a year', 'twice a week')."""
    before = ctx.text[max(0, start - 20) : start].rstrip()
    return _RATE_BEFORE.search(before) is not None


_RATE_BEFORE = re.compile(r"(?:\d|%|\btimes|\bonce|\btwice|\bcents?|\bdollars?|\beuros?|\bpounds?)$", re.I)


_BLOCKS = {
    "S": _S, "S0": _S0, "DASH": _DASH, "HS": _HS, "MONTH": MONTH, "WEEKDAY": WEEKDAY, "SEASON": SEASON,
    "PART": PART, "UNIT": UNIT, "DAY": DAY, "YEAR": YEAR, "NUM": NUM,
    "REFERENCES": _words(LEX["references"]), "SETS": _words(LEX["sets"]), "CLOCK": _words(LEX["clock_words"]),
    "ZONES": "|".join(re.escape(z) for z in LEX["time_zones"]),
    "DAYPART": "(?i:morning|afternoon|evening|night)",
}


def _pattern(template: str) -> re.Pattern:
    """Compile a rule written with ``<<BLOCK>>`` placeholders for the shared pieces above."""
    return re.compile(re.sub(r"<<(\w+)>>", lambda m: _BLOCKS[m.group(1)], template))


_RULES: list[Rule] = [
    (_pattern(r"(?<![\d-])(?P<y><<YEAR>>)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)(?![\d-])"), _iso_date),
    # 25-26 February 1992, the 10th of November
    (_pattern(r"(?:<<WEEKDAY>>,?<<S>>)?(?:the<<S>>)?(?P<d><<DAY>>)(?:<<DASH>>(?P<d2><<DAY>>))?<<S>>(?:of<<S>>)?"
              r"(?P<m><<MONTH>>)(?:,?<<S>>(?P<y><<YEAR>>)|(?P<rel>)|(?P<shift>))"), _full_date),
    # November 10, 2020; February 25-26, 1992; September 27 last year
    (_pattern(r"(?:(?P<shift>(?i:last|next|this))<<S>>)?(?:<<WEEKDAY>>,?<<S>>)?(?P<m><<MONTH>>)<<S>>(?P<d><<DAY>>)"
              r"(?:<<DASH>>(?P<d2><<DAY>>))?"
              r"(?:,?<<S>>(?P<y><<YEAR>>)|<<S>>(?P<rel>(?i:last|this|next))<<S>>(?i:year)(?![\w]))?(?![\d])"),
     _full_date),
    # July last year, April next year
    (_pattern(r"(?P<m><<MONTH>>)<<S>>(?:of<<S>>)?(?P<rel>(?i:last|this|next))<<S>>(?i:year)(?![\w])"),
     _month_rel_year),
    # February 1992, February-March 1992, the summer of 2019
    (_pattern(r"(?:(?P<m><<MONTH>>)(?:<<DASH>>(?P<m2><<MONTH>>))?|(?:(?i:the)<<S>>)?(?P<season><<SEASON>>))"
              r",?<<S>>(?:(?i:of)<<S>>)?(?P<y><<YEAR>>)"), _month_year),
    (_pattern(r"(?:(?P<shift>(?i:last|this|next|previous|coming))<<S>>)?(?P<m><<MONTH>>)"), _month_alone),
    (_pattern(r"(?:(?i:the)<<S>>)?(?:(?P<dec>(?:1\d|20)\d0)|['’](?P<dec2>\d0))['’]?s(?![\w])"), _decade),
    (_pattern(r"(?:(?i:the)<<S>>)?(?P<c>\d{1,2})(?:st|nd|rd|th)<<HS>>(?i:century)(?![\w])"), _century),
    # last year, earlier this month, this past weekend, last night, this summer
    (_pattern(r"(?P<shift>(?i:this<<S>>past|last|this|next|previous|coming|current|past))"
              r"<<S>>(?P<what>(?i:year|month|week|weekend|decade|century|quarter)|<<SEASON>>|<<PART>>)(?![\w])"),
     _relative),
    (_pattern(r"(?<![\w-])(?P<deictic>(?i:the<<S>>day<<S>>before<<S>>yesterday|the<<S>>day<<S>>after<<S>>tomorrow"
              r"|today|yesterday|tomorrow|tonight))(?:<<S>>(?P<part><<DAYPART>>))?(?![\w-])"), _deictic),
    (_pattern(r"(?<![\w-])(?P<ref><<REFERENCES>>)(?![\w-])"), _reference),
    (_pattern(r"(?<![\w-])(?i:the)<<S>>(?i:weekend)(?![\w-])"), _the_weekend),
    (_pattern(r"(?:(?P<shift>(?i:last|this|next))<<S>>)?(?P<wd><<WEEKDAY>>)(?:<<S>>(?P<part><<DAYPART>>))?"),
     _weekday),
    # two years ago, a year earlier
    (_pattern(r"(?<![\w.,-])(?P<n><<NUM>>)<<HS>>(?P<u><<UNIT>>)<<S>>"
              r"(?P<off>(?i:ago|earlier|later|from<<S>>now|hence))(?![\w])"), _offset),
    # 30 years, 44-day, two-hour, a year and a half, 65-year-old
    (_pattern(r"(?<![\w.,-])(?P<n><<NUM>>)(?:<<S>>(?i:and)<<S>>(?P<half>(?i:a<<S>>half)))?<<HS>>(?P<u><<UNIT>>)"
              r"(?:<<S>>(?i:and)<<S>>(?P<half2>(?i:a<<S>>half))|<<HS>>(?i:long|old))?(?![\w])"),
     _duration_rule),
    (_pattern(r"(?<![\w-])(?i:half)<<S>>(?i:an?)<<S>>(?P<u><<UNIT>>)"), _half_duration),
    (_pattern(r"(?<![\w-])(?P<u>(?i:years|decades|centuries|months|weeks|days|hours|minutes))(?![\w-])"),
     _bare_units),
    (_pattern(r"(?<![\w-])(?:(?i:every|each|per)<<S>>(?:(?P<n><<NUM>>|(?i:other))<<S>>)?(?P<u><<UNIT>>)"
              r"|(?P<adv><<SETS>>)(?![\w-]))"), _set_rule),
    # 3 p.m., 10:30 am, 15:00 GMT, noon
    (_pattern(r"(?<![\w.:-])(?:(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?<<S0>>(?P<ampm>(?i:a\.m\.|p\.m\.|am|pm))(?![\w])"
              r"|(?P<h2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)(?![\d])|(?P<word><<CLOCK>>)(?![\w]))"
              r"(?:<<S>>(?P<tz><<ZONES>>)(?![\w]))?"), _clock),
    # the third quarter, Q3 2020, the first half of 2021
    (_pattern(r"(?:(?i:the)<<S>>)?(?:(?P<ord>(?i:first|second|third|fourth|final|1st|2nd|3rd|4th))<<HS>>"
              r"(?P<q>(?i:quarter|half))|Q(?P<qn>[1-4]))"
              r"(?:<<S>>(?:(?i:of)<<S>>)?(?P<y><<YEAR>>)|<<S>>(?i:of)<<S>>(?P<shift>(?i:this|last|next))<<S>>(?i:year))?"
              r"(?![\w])"), _quarter),
]

# A bare year, with an optional second year of a range ("1992-94", "1992–1994").
_YEAR_RE = re.compile(
    rf"(?<![\w$£€.,/:])(?<![\dA-Z]-)(?P<y>{YEAR})(?:{_DASH}(?P<y2>\d\d(?:\d\d)?))?(?![\w%]|[.,]\d|-\w)"
)
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
        year = int(m["y"])
        before = ctx.word_before(m.start())
        chained = last_end >= 0 and _LIST_GLUE.match(ctx.text[last_end : m.start()]) is not None
        strong = before in STRONG_YEAR_CONTEXT or ctx.word_before(m.start(), 2) in STRONG_YEAR_CONTEXT
        weak = before in DATE_CONTEXT and before not in ("and", "or")  # those only continue a list
        plausible = 1900 <= year <= 2099
        hinted = plausible and ctx.hinted(m.start(), m.end("y"))
        if not (chained or strong or (weak and plausible) or hinted):
            continue
        if nummod_at(m.start()):
            continue
        value = str(year)
        if m["y2"]:
            second = int(m["y2"]) if len(m["y2"]) == 4 else year // 100 * 100 + int(m["y2"])
            if not year < second <= year + 100:
                continue
            value = f"{year}/{second}"
        found.append(Candidate(m.start(), m.end(), "DATE", value, rank=50))
        last_end = m.end()
    return found


# --- prefixes: hedges, period parts, duration leads ----------------------------------------------

_HEDGE_RE = re.compile(rf"(?<![\w-])(?P<w>{_words(MODIFIERS)}){_S}$")
_POSITION_RE = re.compile(
    rf"(?<![\w-])(?P<w>{_words(k for k in POSITIONS if k.startswith('the'))}){_S}$"
    rf"|(?<![\w-])(?P<w2>{_words(k for k in POSITIONS if not k.startswith('the'))})(?:{_S0}-{_S0}|{_S})$")
_LEAD_RE = re.compile(rf"(?<![\w-])(?:(?i:the){_S})?{_words(LEX['duration_leads'])}{_S}$")


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
        if m:
            c, led = replace(c, start=c.start - len(m.group())), True
            before = text[max(0, c.start - 40) : c.start]
    m = _HEDGE_RE.search(before)
    if m and c.mod is None and not led:  # 'over the past five years': 'over' is a preposition there
        mod = MODIFIERS[" ".join(m["w"].lower().split())]
        if c.type == "DURATION" or (mod == "APPROX" and c.type == "DATE"):
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


def _resolve_late(chosen: list[Candidate], ctx: Context) -> list[Candidate]:
    """Values that need the dates around them: 'a year earlier', '3 p.m.' (on which day?)."""
    out: list[Candidate] = []
    for c in chosen:
        if c.needs == "previous":
            sign, unit, amount = c.value.split("|")
            base = _date_in_sentence(c, out, ctx.text) or ctx.dct
            if base is None:
                c = replace(c, value="XXXX" if UNITS[unit]["letter"] == "Y" else "XXXX-XX-XX", needs=None)
            else:
                value = _offset_value(base, unit, float(amount), int(sign))
                c = replace(c, value=value, anchored=True, needs=None)
        elif c.needs == "day":
            day = _day_in_sentence(c, out, ctx.text)
            if day is None and ctx.dct:
                day = _iso(ctx.dct)
            c = replace(c, value=(day or "XXXX-XX-XX") + c.value, anchored=day is not None, needs=None)
        out.append(c)
    return out


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


# --- spaCy helpers -------------------------------------------------------------------------------


def _token_index(doc) -> list[int]:
    """char offset -> token index (-1 between tokens), built once per doc."""
    index = [-1] * (len(doc.text) + 1)
    for token in doc:
        for i in range(token.idx, token.idx + len(token.text)):
            index[i] = token.i
    return index


def _tense_function(doc, index: list[int]) -> Callable[[int], str]:
    """char offset -> 'past' | 'present' | 'future' | 'unknown', from the clause's verb."""

    def tense_at(offset: int) -> str:
        if doc is None or offset >= len(index) or index[offset] < 0:
            return "unknown"
        token = doc[index[offset]]
        for _ in range(6):
            if token.pos_ in ("VERB", "AUX") or token.head is token:
                break
            token = token.head
        auxes = [t for t in token.children if t.dep_ in ("aux", "auxpass")] + [token]
        if any(t.lower_ in ("will", "'ll", "’ll", "shall", "wo", "would", "'d", "’d") for t in auxes):
            return "future"
        if token.tag_ == "VB" and any(t.lower_ == "to" for t in auxes):
            return "future"  # 'expected to join in April', 'plans to visit on Monday'
        if token.lemma_ in ("schedule", "plan", "set", "due", "expect") and token.tag_ == "VBN":
            return "future"
        if any(t.tag_ in ("VBD",) for t in auxes) or (token.tag_ == "VBN" and not auxes[:-1]):
            return "past"
        if any(t.lower_ in ("has", "have", "had") for t in auxes):
            return "past"
        if token.pos_ in ("VERB", "AUX"):
            return "present"
        return "unknown"

    return tense_at


def _dep_at(doc, index: list[int], offset: int) -> str:
    """The dependency label of the token at a char offset ('' without a parse)."""
    if doc is None or offset >= len(index) or index[offset] < 0:
        return ""
    return doc[index[offset]].dep_


def _nummod_function(doc, index: list[int]) -> Callable[[int], bool]:
    """char offset -> True when the number there counts a noun after it ('in 2000 cases')."""
    from_units = set(_UNIT_FORMS) | set(MONTHS)

    def nummod_at(offset: int) -> bool:
        if doc is None or offset >= len(index) or index[offset] < 0:
            return False
        token = doc[index[offset]]
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
    index = _token_index(doc) if doc is not None else []
    ents = list(doc.ents) if doc is not None else []
    hints = [(e.start_char, e.end_char) for e in ents if e.label_ in ("DATE", "TIME")]
    blocked = [(e.start_char, e.end_char) for e in ents if e.label_ in NAME_LABELS]
    ctx = Context(text, parse_published(published), hints, blocked, _tense_function(doc, index),
                  lambda offset: _dep_at(doc, index, offset))
    candidates: list[Candidate] = []
    for rank, (pattern, handler) in enumerate(_RULES):
        for m in pattern.finditer(text):
            try:
                found = handler(m, ctx)
            except (ValueError, KeyError, OverflowError, TypeError):
                continue  # an impossible date ("February 30") or a word outside the tables
            candidates += [replace(c, rank=rank) for c in found]
    candidates += _find_years(ctx, _nummod_function(doc, index))
    candidates = [_with_prefixes(c, text) for c in candidates if not ctx.in_name(c.start, c.end)]
    chosen = _resolve_late(_join_clock_and_day(_select(candidates), text), ctx)
    return [
        TimeExpr(id=f"tim-{i}", span=Span(c.start, c.end, text[c.start : c.end]), type=c.type,
                 value=c.value, mod=c.mod, anchored=c.anchored)
        for i, c in enumerate(chosen, start=1)
    ]


def extract(doc, ledger) -> list[TimeExpr]:
    """The pipeline's entry: temporal expressions of ``doc`` anchored to the article's publication date."""
    return find_times(doc.text, ledger.article.published, doc)
