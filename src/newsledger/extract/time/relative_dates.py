"""Rules for dates counted from another one: 'last year', 'today', 'on Monday', 'over the weekend', 'two
years ago', 'a year earlier', 'that year', the references 'now' and 'the past', and clock times ('3 p.m.',
whose day is found after selection)."""

from __future__ import annotations

import datetime as dt
import re

from newsledger.extract.numbers import BLANKS
from newsledger.extract.time.candidates import Candidate, Context
from newsledger.extract.time.dates import (
    UNRESOLVED,
    iso_day,
    iso_week,
    offset_value,
    season_year,
    shifted_unit,
    weekday_date,
)
from newsledger.extract.time.durations import amount_of
from newsledger.extract.time.lexicon import (
    DATE_CONTEXT,
    LEX,
    PARTS_OF_DAY,
    REFERENCE_ADJECTIVES,
    SEASONS,
    SHIFTS,
    UNIT_FORMS,
    UNITS,
    WEEKDAY_FORWARD_LEADS,
    WEEKDAYS,
)


def anaphor(m: re.Match, ctx: Context) -> list[Candidate]:
    """'that year', 'later that day', 'the following month', 'the next morning': resolved from the date
    mentioned last (see resolve_anaphor); 'the next week' in a clause not set in the past is ahead of
    publication and left to the other rules."""
    lead = " ".join(m["lead"].lower().split())
    unit = m["unit"].lower()
    if lead == "the next" and ctx.tense_at(m.start()) != "past":
        return []
    kind = "TIME" if unit in PARTS_OF_DAY else "DATE"
    return [Candidate(m.start(), m.end(), kind, f"{LEX['anaphor_shifts'][lead]}|{unit}", needs="anaphor")]


def relative_unit(m: re.Match, ctx: Context) -> list[Candidate]:
    """'last year', 'earlier this month', 'next week', 'last night', 'this summer', 'the past year' (= last year)."""
    word = " ".join(m["shift"].lower().split())
    what = " ".join(m["what"].lower().split())
    start = m.start()
    if m["what"][:1].isupper() and not m["what"].isupper():
        return []  # 'ABC's "This Week"': a title, not a week
    if word == "past" or (word == "last" and ctx.word_before(start) == "the"):
        # 'the past year', 'the last decade': TimeBank dates them as the last such unit, like 'last year'
        the = re.search(rf"(?i:the){BLANKS}$", ctx.text[max(0, start - 8) : start])
        start -= len(the.group()) if the else 0
        word = "last"
    shift = SHIFTS[word]
    if what in PARTS_OF_DAY:
        if shift == 0 or (shift == -1 and what == "night"):
            day = ctx.dct + dt.timedelta(days=shift) if ctx.dct else None
            value = (iso_day(day) if day else "XXXX-XX-XX") + "T" + PARTS_OF_DAY[what]
            return [Candidate(start, m.end(), "TIME", value, anchored=ctx.dct is not None)]
        return []
    if what in SEASONS:
        code = SEASONS[what]
        year = season_year(ctx.dct, code, shift) if ctx.dct else None
        return [Candidate(start, m.end(), "DATE", f"{year or 'XXXX'}-{code}", anchored=ctx.dct is not None)]
    unit = "weekend" if what == "weekend" else UNIT_FORMS.get(what)
    if unit not in UNRESOLVED:
        return []
    value = shifted_unit(ctx.dct, unit, shift) if ctx.dct else UNRESOLVED[unit]
    return [Candidate(start, m.end(), "DATE", value, anchored=ctx.dct is not None)]


def deictic_day(m: re.Match, ctx: Context) -> list[Candidate]:
    """'today', 'yesterday', 'tomorrow morning', 'tonight'."""
    word = " ".join(m["deictic"].lower().split())
    offset = LEX["deictic_days"][word]
    day = iso_day(ctx.dct + dt.timedelta(days=offset)) if ctx.dct else "XXXX-XX-XX"
    part = (m["part"] or m["before"] or ("night" if word == "tonight" else "")).lower()
    if part:
        value = f"{day}T{PARTS_OF_DAY[' '.join(part.split())]}"
        return [Candidate(m.start(), m.end(), "TIME", value, anchored=ctx.dct is not None)]
    return [Candidate(m.start(), m.end(), "DATE", day, anchored=ctx.dct is not None)]


def the_weekend(m: re.Match, ctx: Context) -> list[Candidate]:
    """'over the weekend': the last weekend before publication (the next one in a future clause)."""
    if ctx.dct is None:
        return [Candidate(m.start(), m.end(), "DATE", "XXXX-WXX-WE")]
    ahead = ctx.lead(m.start()) in WEEKDAY_FORWARD_LEADS or ctx.word_before(m.start(), 2) in LEX["ahead_leads"]
    future = ahead or ctx.tense_at(m.start()) == "future"  # 'ahead of the weekend', 'by the weekend'
    saturday = weekday_date(ctx.dct, 6, None, "future" if future else "past")
    return [Candidate(m.start(), m.end(), "DATE", iso_week(saturday) + "-WE", anchored=True)]


def reference(m: re.Match, ctx: Context) -> list[Candidate]:
    """'now', 'currently', 'the current crisis' -> PRESENT_REF; 'the past', 'in recent years' -> PAST_REF."""
    words = " ".join(m["ref"].lower().split())
    if words in REFERENCE_ADJECTIVES and ctx.dep_at(m.start()) not in ("amod", ""):
        return []  # 'an electric current', 'the most recent' (alone): not a modifier of a noun
    return [Candidate(m.start(), m.end(), "DATE", LEX["references"][words])]


def named_weekday(m: re.Match, ctx: Context) -> list[Candidate]:
    """'on Monday', 'last Friday', 'Tuesday night': the nearest such day in the clause's tense."""
    name = m["wd"].lower().rstrip(".")
    shift = SHIFTS.get((m["shift"] or "").lower()) if m["shift"] else None
    if name in LEX["ambiguous_weekdays"] and shift is None and ctx.word_before(m.start()) not in DATE_CONTEXT:
        return []
    weekday = WEEKDAYS[name]
    day = f"XXXX-WXX-{weekday}"  # TIMEX3 for 'a Monday' when there is no date to count from
    if ctx.dct:
        day = iso_day(weekday_date(ctx.dct, weekday, shift, ctx.tense_at(m.start()), ctx.lead(m.start())))
    if m["part"]:
        value = f"{day}T{PARTS_OF_DAY[m['part'].lower()]}"
        return [Candidate(m.start(), m.end(), "TIME", value, anchored=ctx.dct is not None)]
    return [Candidate(m.start(), m.end(), "DATE", day, anchored=ctx.dct is not None)]


def counted_offset(m: re.Match, ctx: Context) -> list[Candidate]:
    """'two years ago' (from the publication date), 'a year earlier' (from the last date given)."""
    amount = amount_of(m["n"])
    unit = UNIT_FORMS[m["u"].lower()]
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
        value = offset_value(ctx.dct, unit, amount, sign)
        if unit == "year" and amount == 1 and sign == -1:  # amid quarterly results: that quarter a year ago
            return [Candidate(m.start(), m.end(), "DATE", f"-4|||{value}", anchored=True, needs="quarter_or_year")]
        return [Candidate(m.start(), m.end(), "DATE", value, anchored=True)]
    # earlier/later: resolved after selection, from the date mentioned last before it
    return [Candidate(m.start(), m.end(), "DATE", f"{sign}|{unit}|{amount}", needs="previous")]


_CLOCK_LEADS = frozenset(LEX["clock_leads"])


def clock_time(m: re.Match, ctx: Context) -> list[Candidate]:
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
