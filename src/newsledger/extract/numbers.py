"""Numbers in English news text: number words, their values and the blanks between them.

The vocabulary is ``resources/numbers.json``; figures (what a number counts) and times (how many
days, which year) both read it from here.

    >>> parse_number("forty-four"), parse_number("3.5 million"), parse_number("a dozen")
    (44, 3500000, 12)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsledger.resources import load_json

_NUMBERS = load_json("numbers.json")

UNIT_WORDS: dict[str, int] = _NUMBERS["units"]
TENS: dict[str, int] = _NUMBERS["tens"]
SCALES: dict[str, int] = _NUMBERS["scales"]
ABBREVIATED_SCALES: dict[str, int] = _NUMBERS["abbreviated_scales"]
MULTIPLES: dict[str, int] = _NUMBERS["multiples"]
DENOMINATORS: dict[str, int] = _NUMBERS["denominators"]
VAGUE: dict[str, dict] = _NUMBERS["vague"]
VAGUE_MULTIPLIERS: dict[str, list[int]] = _NUMBERS["vague_multipliers"]
VAGUE_COUNTS = frozenset(_NUMBERS["vague_counts"])
NAME_LABELS = frozenset(_NUMBERS["name_entity_labels"])

BLANKS = r"[^\S\n]+"
"""One or more blanks, never a line break (a number never runs across lines)."""
BLANKS0 = r"[^\S\n]*"
HYPHEN_OR_BLANKS = rf"(?:{BLANKS0}[-\u2010\u2011]{BLANKS0}|{BLANKS})"


def alternation(words: Iterable[str], case: bool = False) -> str:
    """An alternation of ``words``, longest first; blanks match any run of blanks."""
    parts = sorted(set(words), key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", BLANKS) for w in parts)
    return f"(?:{body})" if case else f"(?i:{body})"


# --- number words ------------------------------------------------------------------------------

_UNITS, _TENS = alternation(UNIT_WORDS), alternation(TENS)
_ATOM = (
    rf"(?:{_TENS}(?:[-\u2010\u2011]|{BLANKS}){_UNITS}|{_UNITS}|{_TENS}"
    rf"|{alternation(SCALES)}|{alternation(MULTIPLES)})(?![a-zA-Z])"
)
NUMBER_WORDS = (
    rf"(?<![\w-])(?:(?i:an?){BLANKS}(?={alternation(list(SCALES) + list(MULTIPLES))}(?![a-zA-Z]))|(?={_ATOM}))"
    rf"{_ATOM}(?:(?:(?<=(?i:hundred)){BLANKS}(?i:and){BLANKS}|{HYPHEN_OR_BLANKS}){_ATOM})*"
)
"""Regex (no groups) of a cardinal in words: 'three', 'forty-four', 'a dozen', 'two hundred and five'."""


def parse_number(text: str) -> int | float | None:
    """The value of a number written in digits, words or both; None if it is not one.

    >>> parse_number("1,275"), parse_number("two hundred and five"), parse_number("1.2bn")
    (1275, 205, 1200000000)
    """
    tokens = re.findall(r"[\d.,]+|[a-zA-Z]+", text.replace("\u2011", "-"))
    if not tokens:
        return None
    total, current, seen = 0.0, 0.0, False
    for position, token in enumerate(tokens):
        lowered = token.lower()
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+", token):
            if seen:
                return None
            current, seen = float(token.replace(",", "")), True
        elif lowered in UNIT_WORDS or lowered in TENS:
            current += UNIT_WORDS.get(lowered, TENS.get(lowered, 0))
            seen = True
        elif lowered in ("a", "an") and position == 0:
            current, seen = 1.0, True
        elif lowered == "and":
            continue
        elif lowered in MULTIPLES:
            current = (current or 1.0) * MULTIPLES[lowered]
            seen = True
        elif lowered == "hundred":
            current = (current or 1.0) * 100
            seen = True
        elif lowered in SCALES or (token in ABBREVIATED_SCALES and seen):
            scale = SCALES.get(lowered) or ABBREVIATED_SCALES[token]
            total += (current or 1.0) * scale
            current, seen = 0.0, True
        else:
            return None
    if not seen:
        return None
    return tidy(total + current)


def tidy(value: float) -> int | float:
    """Whole numbers as int (613, not 613.0); others rounded to six significant decimals."""
    return int(value) if float(value).is_integer() else round(value, 6)


def parse_vague(text: str) -> tuple[int, int] | None:
    """The range of a vague number: 'hundreds' -> (100, 999), 'tens of thousands' -> (10000, 99999).

    >>> parse_vague("several hundred")
    (300, 999)
    """
    words = " ".join(text.lower().split())
    if words in VAGUE:
        low, high = VAGUE[words]["range"]
        return low, high
    match = re.fullmatch(r"(\w+) of (\w+)", words)
    if match and match.group(1) in VAGUE and match.group(2) in VAGUE:
        base = VAGUE[match.group(1)]["base"] * VAGUE[match.group(2)]["base"]
        return base, base * 10 - 1
    for lead, (low, high) in VAGUE_MULTIPLIERS.items():
        if words.startswith(lead + " "):
            scale = parse_number(words[len(lead) + 1 :])
            if scale:
                return int(low * scale), int(high * scale + scale - 1)
    return None
