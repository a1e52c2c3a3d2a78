"""From candidates to expressions: the words before a candidate that belong to it (hedges, period parts,
duration leads), the longest of overlapping candidates, a clock time joined to its day, 'the week of'."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from newsledger.extract.numbers import BLANKS, BLANKS0, alternation
from newsledger.extract.time.candidates import Candidate
from newsledger.extract.time.dates import iso_week
from newsledger.extract.time.lexicon import LEX, MODIFIERS, POSITIONS

# --- prefixes: hedges, period parts, duration leads ----------------------------------------------

_HEDGE_RE = re.compile(rf"(?<![\w-])(?P<w>{alternation(MODIFIERS)}){BLANKS}$")
_POSITION_RE = re.compile(
    rf"(?<![\w-])(?P<w>{alternation(k for k in POSITIONS if k.startswith('the'))}){BLANKS}$"
    rf"|(?<![\w-])(?P<w2>{alternation(k for k in POSITIONS if not k.startswith('the'))})"
    rf"(?:{BLANKS0}-{BLANKS0}|{BLANKS})$")
# 'the past five years'
_LEAD_RE = re.compile(rf"(?<![\w-])(?:(?i:the){BLANKS})?{alternation(LEX['duration_leads'])}{BLANKS}$")
_THE_RE = re.compile(rf"(?<![\w-])(?i:the){BLANKS}$")


def with_prefixes(c: Candidate, text: str) -> Candidate:
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


# --- selection -------------------------------------------------------------------------------


def select_longest(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the longest of overlapping candidates (then the earlier rule), in text order."""
    taken: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: (-(c.end - c.start), c.rank, c.start)):
        if all(c.end <= t.start or t.end <= c.start for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c.start)


DAY_VALUE = re.compile(r"(?:\d{4}|XXXX)-(?:\d\d-\d\d|WXX-\d)$")
_CLOCK_DAY_GAP = re.compile(r"^(?:,?[^\S\n]+(?:(?i:on|at)[^\S\n]+)?|,[^\S\n]*)$")


def join_clock_and_day(chosen: list[Candidate], text: str) -> list[Candidate]:
    """'9 a.m. Tuesday' / 'Monday at 3 p.m.' -> one TIME on that day."""
    out: list[Candidate] = []
    for c in chosen:
        if out:
            prev = out[-1]
            pair = (prev, c) if prev.needs == "day" else (c, prev)
            clock, day = pair
            if (clock.needs == "day" and day.type == "DATE" and DAY_VALUE.match(day.value)
                    and _CLOCK_DAY_GAP.match(text[prev.end : c.start])):
                out[-1] = replace(clock, start=prev.start, end=c.end, value=day.value + clock.value,
                                  anchored=day.anchored, needs=None)
                continue
        out.append(c)
    return out


_WEEK_OF = re.compile(rf"(?<![\w-])(?i:the){BLANKS}(?i:week){BLANKS}(?i:of){BLANKS}$")


def week_of(chosen: list[Candidate], text: str) -> list[Candidate]:
    """'the week of March 6' -> that week (2000-W10)."""
    out = []
    for c in chosen:
        lead = _WEEK_OF.search(text, max(0, c.start - 20), c.start)
        if lead and c.type == "DATE" and re.fullmatch(r"\d{4}-\d\d-\d\d", c.value):
            c = replace(c, start=lead.start(), value=iso_week(dt.date.fromisoformat(c.value)))
        out.append(c)
    return out
