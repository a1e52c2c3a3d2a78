"""Business periods ('the quarter', 'the year-ago period', 'fiscal 1989', 'the year', 'by year-end') and
their resolution from the reporting quarter, the quarter the paragraph names."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from newsledger.extract.time.candidates import Candidate, Context
from newsledger.extract.time.dates import shift_quarter, year_number
from newsledger.extract.time.lexicon import BACKWARD_LEADS, LEX, PERIOD_ORDINALS, SHIFTS, YEAR_KINDS

# --- business periods: 'the quarter', 'the year-ago period', 'fiscal 1989', 'the year' -------------------
# A reporting-quarter candidate carries 'shift|year|quarter' (quarters to move from the reporting quarter,
# a year and a quarter number that override it) and is resolved once the quarters named before it are known.


def reporting_quarter(m: re.Match, ctx: Context) -> list[Candidate]:
    """'the quarter', 'the latest quarter' -> the reporting quarter; 'the latest period' only amid quarters."""
    needs = "quarter" if m["what"].lower() == "quarter" or m["latest"] else "quarter_context"
    return [Candidate(m.start(), m.end(), "DATE", "0||", needs=needs)]


def year_ago_period(m: re.Match, ctx: Context) -> list[Candidate]:
    """'the year-ago quarter', 'the comparable year-earlier third quarter', 'year-earlier (profit)'."""
    ordinal = str(max(PERIOD_ORDINALS[m["ord"].lower()], 0) or "") if m["ord"] else ""
    if m["what"]:
        return [Candidate(m.start(), m.end(), "DATE", f"-4||{ordinal}", needs="quarter")]
    if "-" not in m["adj"]:
        return []  # 'year ago' alone belongs to 'a year ago'
    fallback = str(ctx.dct.year - 1) if ctx.dct else "XXXX"
    return [Candidate(m.start("adj"), m.end(), "DATE", f"-4|||{fallback}", needs="quarter_or_year",
                      anchored=ctx.dct is not None)]


def dated_period(m: re.Match, ctx: Context) -> list[Candidate]:
    """'the 1988 quarter', 'the 1988 third quarter', "last year's quarter", "next year's first quarter"."""
    if m["y"]:
        year = str(year_number(m["y"]))
    elif ctx.dct:
        year = str(ctx.dct.year + SHIFTS[m["shift"].lower()])
    else:
        year = "XXXX"
    ordinal = str(max(PERIOD_ORDINALS[m["ord"].lower()], 0) or "") if m["ord"] else ""
    return [Candidate(m.start(), m.end(), "DATE", f"0|{year}|{ordinal}", needs="quarter")]


def same_period_last_year(m: re.Match, ctx: Context) -> list[Candidate]:
    """'the same period last year', 'the quarter a year ago' -> the reporting quarter a year before."""
    return [Candidate(m.start(), m.end(), "DATE", "-4||", needs="quarter")]


def reporting_year(m: re.Match, ctx: Context) -> list[Candidate]:
    """'the year', 'the fiscal year', 'the latest fiscal year'; 'the year ended June 30' is a DURATION."""
    if m["ended"]:
        return [Candidate(m.start(), m.end("core"), "DURATION", "P1Y")]
    shift = YEAR_KINDS[" ".join(m["kind"].lower().split())] if m["kind"] else 0
    value = str(ctx.dct.year + shift) if ctx.dct else "XXXX"
    return [Candidate(m.start(), m.end("core"), "DATE", value, anchored=ctx.dct is not None)]


def fiscal_year(m: re.Match, ctx: Context) -> list[Candidate]:
    """'fiscal 1989' -> 1989."""
    return [Candidate(m.start(), m.end(), "DATE", str(year_number(m["y"])))]


def year_end(m: re.Match, ctx: Context) -> list[Candidate]:
    """'by year-end', "by year's end" -> this year's end; 'since year-end' -> last year's."""
    if ctx.dct is None:
        return [Candidate(m.start(), m.end(), "DATE", "XXXX", mod="END")]
    back = ctx.word_before(m.start()) in BACKWARD_LEADS or ctx.tense_at(m.start()) == "past"
    return [Candidate(m.start(), m.end(), "DATE", str(ctx.dct.year - back), mod="END", anchored=True)]


_QUARTER_VALUE = re.compile(r"(\d{4})-Q([1-4])$")


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


def quarter_near(c: Candidate, earlier: list[Candidate], dct: dt.date | None) -> tuple[int, int] | None:
    return _last_quarter(c, earlier, dct, LEX["quarter_context_chars"])


def resolve_quarter(c: Candidate, earlier: list[Candidate], ctx: Context) -> Candidate | None:
    """Give a reporting-quarter candidate its value: the quarter named last (or, for 'the quarter', the last
    one completed before publication), moved and overridden as its 'shift|year|quarter' says."""
    shift, year, number, *fallback = c.value.split("|")
    quarter = quarter_near(c, earlier, ctx.dct)
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
    value = shift_quarter((quarter[0], int(number or quarter[1])), int(shift))
    if year:
        value = year + value[4:]
    return replace(c, value=value, anchored=not year.isdigit(), needs=None, derived=bool(int(shift) or year))
