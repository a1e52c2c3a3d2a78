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

Modules, from the bottom up: ``lexicon`` (the words and the regular-expression pieces built from them),
``candidates`` (what a rule finds and may consult), ``dates`` (calendar arithmetic), ``grammar`` (tense and
roles from the parse), the rules by kind: ``explicit_dates``, ``durations`` (durations and sets),
``relative_dates``, ``business_periods``, gathered in order by ``rules``, and ``bare_years``; then
``selection`` (prefixes, overlaps, clock and day) and ``anchoring`` (the values resolved last); this module
runs them.

Example::

    >>> [(t.span.text, t.value) for t in find_times("It began on September 27 last year.", "2021-11-10")]
    [('September 27 last year', '2020-09-27')]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from newsledger.extract.numbers import NAME_LABELS
from newsledger.extract.parsed import entities
from newsledger.extract.parsed import text as doc_text
from newsledger.extract.time.anchoring import resolve_late
from newsledger.extract.time.bare_years import find_years
from newsledger.extract.time.candidates import Candidate, Context, Rule
from newsledger.extract.time.grammar import TokenIndex, dependency_at, nummod_function, tense_function
from newsledger.extract.time.lexicon import (
    BACKWARD_LEADS,
    COUNT_WORDS,
    DATE_CONTEXT,
    DAY,
    DECADE_WORDS,
    DURATION_CONTEXT,
    FORWARD_LEADS,
    FRACTION,
    FUTURE_AUXILIARIES,
    HOLIDAYS,
    INTENT_VERBS,
    LEX,
    MODIFIERS,
    MONTH,
    MONTHS,
    NUM,
    ORDINAL_DAYS,
    PART,
    PARTS_OF_DAY,
    PERIOD_ORDINALS,
    POSITIONS,
    REFERENCE_ADJECTIVES,
    SEASON,
    SEASONS,
    SHIFTS,
    STRONG_YEAR_CONTEXT,
    UNIT,
    UNITS,
    WEEKDAY,
    WEEKDAY_FORWARD_LEADS,
    WEEKDAYS,
    YEAR,
    YEAR_KINDS,
    YEAR_WORDS,
)
from newsledger.extract.time.rules import RULES
from newsledger.extract.time.selection import join_clock_and_day, select_longest, week_of, with_prefixes
from newsledger.model import Span, TimeExpr

__all__ = [
    "BACKWARD_LEADS",
    "COUNT_WORDS",
    "DATE_CONTEXT",
    "DAY",
    "DECADE_WORDS",
    "DURATION_CONTEXT",
    "FORWARD_LEADS",
    "FRACTION",
    "FUTURE_AUXILIARIES",
    "HOLIDAYS",
    "INTENT_VERBS",
    "LEX",
    "MODIFIERS",
    "MONTH",
    "MONTHS",
    "NUM",
    "ORDINAL_DAYS",
    "PART",
    "PARTS_OF_DAY",
    "PERIOD_ORDINALS",
    "POSITIONS",
    "REFERENCE_ADJECTIVES",
    "SEASON",
    "SEASONS",
    "SHIFTS",
    "STRONG_YEAR_CONTEXT",
    "UNIT",
    "UNITS",
    "WEEKDAY",
    "WEEKDAYS",
    "WEEKDAY_FORWARD_LEADS",
    "YEAR",
    "YEAR_KINDS",
    "YEAR_WORDS",
    "Candidate",
    "Context",
    "Rule",
    "extract",
    "find_times",
    "parse_published",
]


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
    tokens = TokenIndex(doc)
    ents = list(entities(doc)) if doc is not None else []
    hints = [(e.start_char, e.end_char) for e in ents if e.label_ in ("DATE", "TIME")]
    blocked = [(e.start_char, e.end_char) for e in ents if e.label_ in NAME_LABELS]
    ctx = Context(text, parse_published(published), hints, blocked, tense_function(tokens),
                  lambda offset: dependency_at(tokens, offset))
    candidates: list[Candidate] = []
    for rank, (pattern, handler) in enumerate(RULES):
        for m in pattern.finditer(text):
            try:
                found = handler(m, ctx)
            except (ValueError, KeyError, OverflowError, TypeError):
                continue  # an impossible date ("February 30") or a word outside the tables
            candidates += [replace(c, rank=rank) for c in found]
    candidates += find_years(ctx, nummod_function(tokens))
    candidates = [with_prefixes(c, text) for c in candidates if not ctx.in_name(c.start, c.end)]
    chosen = resolve_late(week_of(join_clock_and_day(select_longest(candidates), text), text), ctx)
    return [
        TimeExpr(id=f"tim-{i}", span=Span(c.start, c.end, text[c.start : c.end]), type=c.type,
                 value=c.value, mod=c.mod, anchored=c.anchored)
        for i, c in enumerate(chosen, start=1)
    ]


def extract(doc, ledger) -> list[TimeExpr]:
    """The pipeline's entry: temporal expressions of ``doc`` anchored to the article's publication date."""
    return find_times(doc_text(doc), ledger.article.published, doc)
