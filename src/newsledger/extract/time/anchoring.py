"""Values resolved after selection, in text order, from the expressions before them: 'a year earlier',
'that year', '3 p.m.' (on which day?) and the business periods (from the reporting quarter)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from dateutil.relativedelta import relativedelta

from newsledger.extract.time.business_periods import quarter_near, resolve_quarter
from newsledger.extract.time.candidates import Candidate, Context
from newsledger.extract.time.dates import date_of, iso_day, iso_week, offset_value, shift_quarter
from newsledger.extract.time.lexicon import PARTS_OF_DAY, UNITS
from newsledger.extract.time.selection import DAY_VALUE


def resolve_late(chosen: list[Candidate], ctx: Context) -> list[Candidate]:
    """Values that need the dates around them: 'a year earlier', '3 p.m.' (on which day?)."""
    out: list[Candidate] = []
    for i, c in enumerate(chosen):
        if c.needs and c.needs.startswith("quarter"):
            c = resolve_quarter(c, out, ctx)
            if c is None:
                continue
        elif c.needs == "previous":
            sign, unit, amount = c.value.split("|")
            base = _date_in_sentence(c, out, ctx.text) or ctx.dct
            near = quarter_near(c, out, ctx.dct)
            if near and unit == "year" and float(amount) == 1:  # '... from $4 million a year earlier'
                c = replace(c, value=shift_quarter(near, 4 * int(sign)), anchored=True, needs=None, derived=True)
            elif base is None:
                c = replace(c, value="XXXX" if UNITS[unit]["letter"] == "Y" else "XXXX-XX-XX", needs=None)
            else:
                value = offset_value(base, unit, float(amount), int(sign))
                c = replace(c, value=value, anchored=True, needs=None)
        elif c.needs == "anaphor":
            c = resolve_anaphor(c, out, ctx)
        elif c.needs == "day":
            day = _day_in_sentence(c, out, ctx.text) or _day_just_after(c, chosen[i + 1 :], ctx.text)
            if day is None and ctx.dct:
                day = iso_day(ctx.dct)
            c = replace(c, value=(day or "XXXX-XX-XX") + c.value, anchored=day is not None, needs=None)
        out.append(c)
    return out


def resolve_anaphor(c: Candidate, earlier: list[Candidate], ctx: Context) -> Candidate:
    """'that year' / 'the following month' / 'the next morning' from the date mentioned last
    (the publication date when none was); units finer than that date stay unknown ('XX').

    >>> ctx = Context("", dt.date(2000, 1, 28), [], [], lambda _: "past", lambda _: "")
    >>> june = Candidate(0, 9, "DATE", "1998-06")
    >>> [resolve_anaphor(Candidate(20, 30, "DATE", v, needs="anaphor"), [june], ctx).value
    ...  for v in ("0|year", "1|month")]
    ['1998', '1998-07']
    """
    shift_text, unit = c.value.split("|")
    shift = int(shift_text)
    base_value = next((o.value for o in reversed(earlier)
                       if o.type in ("DATE", "TIME") and re.match(r"\d{4}(?:-\d\d){0,2}(?:T|$)", o.value)), None)
    if base_value is None and ctx.dct is not None:
        base_value = iso_day(ctx.dct)
    if base_value is None:
        value = {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX"}.get(unit, "XXXX-XX-XX")
        return replace(c, value=value + ("T" + PARTS_OF_DAY[unit] if unit in PARTS_OF_DAY else ""), needs=None)
    base = date_of(base_value.split("T")[0])
    precision = len(base_value.split("T")[0])  # 4 year, 7 month, 10 day
    if unit == "year":
        value = str(base.year + shift)
    elif unit == "month":
        value = (base + relativedelta(months=shift)).strftime("%Y-%m") if precision >= 7 else f"{base.year}-XX"
    elif unit == "week":
        value = iso_week(base + dt.timedelta(weeks=shift)) if precision >= 10 else f"{base.year}-WXX"
    elif precision >= 10:
        value = iso_day(base + dt.timedelta(days=shift))
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
            return date_of(other.value)
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
    if later and later[0].type == "DATE" and DAY_VALUE.match(later[0].value):
        gap = text[c.end : later[0].start]
        if len(gap) <= 30 and _CLOCK_DAY_AFTER_GAP.fullmatch(gap):
            return later[0].value
    return None


_CLOCK_DAY_AFTER_GAP = re.compile(r"[^\S\n]*,?[^\S\n]*(?:\([^()\n.!?;]*\)[^\S\n]*,?[^\S\n]*)?(?:on[^\S\n]+)?")
