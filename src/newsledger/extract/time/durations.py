"""Durations and sets: TIMEX3 duration values, the amount of a duration, and the rules for stretches of
time ('30 years', 'half an hour', 'for years', 'recent months') and for frequencies ('every day', 'annually',
'on Tuesdays', '$5 a day')."""

from __future__ import annotations

import re

from newsledger.extract.numbers import BLANKS, VAGUE_COUNTS, alternation, parse_number
from newsledger.extract.time.candidates import Candidate, Context
from newsledger.extract.time.dates import month_number
from newsledger.extract.time.lexicon import COUNT_WORDS, DURATION_CONTEXT, LEX, SEASONS, UNIT_FORMS, UNITS, WEEKDAYS


def duration_value(amount: float | None, unit: str) -> str:
    """TIMEX3 duration of ``amount`` ``unit``; a fraction's rest goes down a unit, as TimeBank writes it.

    >>> duration_value(3, "decade"), duration_value(None, "decade"), duration_value(2, "hour")
    ('P30Y', 'PXDE', 'PT2H')
    >>> duration_value(0.5, "year")
    'P6M'
    >>> duration_value(5.5, "hour"), duration_value(2.5, "year"), duration_value(1.5, "day")
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


def amount_of(text: str) -> float | None:
    """The number of a duration: digits, fractions, number words, 'a'/'an' = 1; vague words -> None.

    >>> amount_of("5 1/2"), amount_of("a couple of"), amount_of("several")
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


def counted_duration(m: re.Match, ctx: Context) -> list[Candidate]:
    """'30 years', '44-day', 'two-hour', 'three decades', 'a year and a half', '65-year-old'."""
    number = m["n"]
    unit = UNIT_FORMS[m["u"].lower()]
    lowered = number.lower()
    plural = m["u"].lower() != unit and m["u"].lower().endswith("s")
    if lowered in ("a", "an"):
        if plural:
            return []
        if _is_rate(ctx, m.start()):  # "$5 a day", "twice a week"
            return [Candidate(m.start(), m.end(), "SET", duration_value(1, unit))]
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
    amount = amount_of(number)
    if amount is not None and (m["half"] or m["half2"]):
        amount += 0.5
    if amount is not None and amount > 10000:
        return []  # "2,000 years" is fine, "1,000,000 days" is a figure, not an expression of time
    if amount is not None and amount >= 1000 and not plural:
        return []  # 'the 1988 quarter' is a year's quarter, not 1988 quarters
    return [Candidate(m.start(), m.end(), "DURATION", duration_value(amount, unit))]


def half_duration(m: re.Match, ctx: Context) -> list[Candidate]:
    """'half an hour' -> PT30M, 'half a century' -> P50Y."""
    return [Candidate(m.start(), m.end(), "DURATION", duration_value(0.5, UNIT_FORMS[m["u"].lower()]))]


def bare_units(m: re.Match, ctx: Context) -> list[Candidate]:
    """'for years', 'in decades', 'a matter of hours': an unknown number of units."""
    if not _after_duration_word(ctx, m.start()):
        return []
    return [Candidate(m.start(), m.end(), "DURATION", duration_value(None, UNIT_FORMS[m["u"].lower()]))]


_FRACTION_OF = re.compile(rf"{BLANKS}(?i:of){BLANKS}{alternation(LEX['determiners'])}(?![\w])")


def vague_stretch(m: re.Match, ctx: Context) -> list[Candidate]:
    """'recent months', 'coming weeks', 'the years ahead' -> PXM, PXW, PXY."""
    unit = UNIT_FORMS[(m["u"] or m["u2"]).lower()]
    return [Candidate(m.start(), m.end(), "DURATION", duration_value(None, unit))]


def _after_duration_word(ctx: Context, start: int) -> bool:
    """'for a year', 'in a matter of hours': a word before that makes 'a year' / 'hours' a duration."""
    return ctx.word_before(start) in DURATION_CONTEXT or ctx.word_before(start, 2) in DURATION_CONTEXT


def recurrence(m: re.Match, ctx: Context) -> list[Candidate]:
    """'every day', 'each year', 'every two weeks', 'daily', 'annually', 'each July', 'every Thursday',
    'on Tuesdays'."""
    if m["wd"] or m["wds"]:
        return [Candidate(m.start(), m.end(), "SET", f"XXXX-WXX-{WEEKDAYS[(m['wd'] or m['wds']).lower()]}")]
    if m["mo"]:
        return [Candidate(m.start(), m.end(), "SET", f"XXXX-{month_number(m['mo']):02d}")]
    if m["se"]:
        return [Candidate(m.start(), m.end(), "SET", f"XXXX-{SEASONS[m['se'].lower()]}")]
    if m["adv"]:
        dep = ctx.dep_at(m.start())
        if dep == "amod" and m["adv"].lower() not in LEX["sets_adjectival"]:
            return []  # 'quarterly results', 'an annual report': a kind of thing, not a frequency
        if dep in ("nsubj", "nsubjpass", "dobj", "pobj"):
            return []  # 'declared its initial quarterly': a noun (a dividend, a newspaper)
        return [Candidate(m.start(), m.end(), "SET", LEX["sets"][m["adv"].lower()])]
    amount = amount_of(m["n"]) if m["n"] else 1.0
    unit = UNIT_FORMS[m["u"].lower()]
    return [Candidate(m.start(), m.end(), "SET", duration_value(amount or 1.0, unit))]


def _is_rate(ctx: Context, start: int) -> bool:
    """True when 'a day' / 'a year' follows an amount ('$5 a day', '3% a year', 'twice a week')."""
    before = ctx.text[max(0, start - 20) : start].rstrip()
    return _RATE_BEFORE.search(before) is not None


_RATE_BEFORE = re.compile(rf"(?:\d|%|(?<![\w-]){alternation(LEX['rate_words'])})$")
