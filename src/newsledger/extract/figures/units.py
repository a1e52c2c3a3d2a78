"""Units after a number ('%', ' km', '-day', ' million dollars'), rates after the unit ('a
barrel', 'per share', also after a gloss in brackets), and the scale a number states ('2.4 million')."""

from __future__ import annotations

import re

from newsledger.extract.figures.spotting import Quantity
from newsledger.extract.figures.vocabulary import (
    CURRENCY_PREFIXES,
    DENOMINATOR_UNITS,
    GLUED_SYMBOLS,
    UNIT_NAMES,
    UNIT_SYMBOLS,
    UNITS_WITH_SCALE,
    currency_code,
)
from newsledger.extract.numbers import ABBREVIATED_SCALES, SCALES
from newsledger.extract.numbers import BLANKS as _S
from newsledger.extract.numbers import BLANKS0 as _S0
from newsledger.extract.numbers import alternation as _alt

_UNIT_AFTER = re.compile(
    rf"(?:{_S0}[-\u2010\u2011]{_S0}|{_S0})(?P<unit>{_alt(UNIT_SYMBOLS, case=True)})(?![\w])"
    rf"|(?:{_S0}[-\u2010\u2011]{_S0}|{_S})(?P<word>{_alt(UNIT_NAMES)})(?![\w])(?![-\u2010\u2011]\d)"
    rf"|(?:{_S0}[-\u2010\u2011]{_S0})(?P<age>(?i:years?[-\u2010\u2011]old))(?![\w])"
    rf"|{_S0}(?P<cword>{_alt(CURRENCY_PREFIXES, case=True)})(?![\w])"
    rf"|(?P<glued>{_alt(GLUED_SYMBOLS, case=True)})(?![\w])"
)
_RATE_AFTER = re.compile(
    rf"(?:{_S}(?i:per|a|an|each)(?:{_S}|[-\u2010\u2011])|{_S0}/{_S0})(?P<den>{_alt(DENOMINATOR_UNITS)})(?![\w])"
)
# 'a year-long ...' after a unit starts a new phrase, it is not a rate
_NOT_RATE = re.compile(rf"{_S}(?i:a|an){_S}(?i:year|day|week|month)(?i:s)?[-\u2010\u2011]")
_GLOSS_AFTER = re.compile(r"[^\S\n]*\([^()\n]{1,40}\)")


def _denominator(text: str) -> str:
    return DENOMINATOR_UNITS.get(text) or DENOMINATOR_UNITS.get(" ".join(text.lower().split()), text.lower())


def attach_unit(q: Quantity, text: str, scaled: bool) -> None:
    """Read the unit after the number ('%', ' km', '-day', ' million dollars', ' a barrel')."""
    m = _UNIT_AFTER.match(text, q.end)
    if m:
        if m["unit"]:
            unit = UNIT_SYMBOLS[m["unit"]]
        elif m["word"]:
            word = " ".join(m["word"].lower().split())
            unit = UNITS_WITH_SCALE[word] if scaled and word in UNITS_WITH_SCALE else UNIT_NAMES[word]
        elif m["age"]:
            unit = "year of age"
        elif m["glued"]:
            unit = GLUED_SYMBOLS[m["glued"]]
        else:
            unit = currency_code(m["cword"])
        if unit and (q.unit is None or q.unit == unit):  # '$5 dollars' once; '$5 km' keeps the currency
            q.unit, q.end = unit, m.end()
    if q.unit and q.unit != "fraction":
        rate = _RATE_AFTER.match(text, q.end)
        if rate and not _NOT_RATE.match(text, q.end):
            q.unit = f"{q.unit} per {_denominator(rate['den'])}"
            q.end = rate.end()
            return
        # 'C$6 (US$4.46) per share': the rate after a gloss in brackets is the amount's (its span stays put)
        gloss = _GLOSS_AFTER.match(text, q.end)
        rate = _RATE_AFTER.match(text, gloss.end()) if gloss else None
        if rate and not _NOT_RATE.match(text, gloss.end()):
            q.unit = f"{q.unit} per {_denominator(rate['den'])}"


_ABBREVIATED_SCALE_END = re.compile(rf"({_alt(ABBREVIATED_SCALES, case=True)})$")


def scale_of(number_text: str) -> int:
    for token in reversed(number_text.split()):
        if token.lower() in SCALES:
            return SCALES[token.lower()]
        if token in ABBREVIATED_SCALES:
            return ABBREVIATED_SCALES[token]
    match = _ABBREVIATED_SCALE_END.search(number_text)
    return ABBREVIATED_SCALES[match.group(1)] if match else 1
