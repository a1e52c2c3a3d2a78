"""The words of temporal expressions and the pieces of regular expression built once from them.

The tables come from ``resources/time_lexicon.json`` (month and weekday names, duration units, hedges,
holidays ...) and the number words of ``resources/numbers.json``; the pieces (``MONTH``, ``YEAR``,
``NUM`` ...) are what the rules of ``newsledger.extract.time.rules`` are written with.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsledger.extract.numbers import (
    BLANKS,
    BLANKS0,
    NUMBER_WORDS,
    TENS,
    UNIT_WORDS,
    VAGUE_COUNTS,
    alternation,
)
from newsledger.resources import load_json

LEX = load_json("time_lexicon.json")
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
DATED_NOUNS = frozenset(LEX["dated_nouns"])
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

# every written form of a duration unit -> the unit ('years' -> year, 'centuries' -> century, 'hrs' -> hour)
UNIT_FORMS: dict[str, str] = {form: unit for unit in UNITS for form in (unit, unit + "s")}
UNIT_FORMS.update(LEX["unit_plurals"])
UNIT_FORMS.update(LEX["unit_abbreviations"])

ONES = {w: n for w, n in UNIT_WORDS.items() if 1 <= n <= 9}
TEENS = {w: n for w, n in UNIT_WORDS.items() if 10 <= n <= 19}
COUNT_WORDS: dict[str, float] = LEX["count_words"]

# --- regular expressions, built once ---------------------------------------------------------

# blanks within a line (BLANKS, BLANKS0), "two-hour" or "two hour" (HYPHEN_OR_BLANKS) and alternation(), a
# case-insensitive alternation, longest first, come from newsledger.extract.numbers
DASH = r"[^\S\n]*[-\u2010\u2011\u2012\u2013\u2014][^\S\n]*"


def names_of(table: dict[str, int]) -> str:
    """Capitalised names as news prints them ('February', 'FEBRUARY', 'Feb.'), longest first."""
    full = {k for k in table if not any(o != k and o.startswith(k) for o in table)}
    forms = []
    for name in sorted(table, key=len, reverse=True):
        dot = "" if name in full else r"\.?"
        forms += [re.escape(name.capitalize()) + dot, re.escape(name.upper()) + dot]
    # not inside a longer word or name ("Mayfield", "O'May"), but a possessive is fine ("Friday's ruling")
    return "(?:" + "|".join(forms) + r")(?!\w|['’](?![sS](?!\w))\w)"


def titles_of(names: Iterable[str]) -> str:
    """Names as news capitalises them ('Thanksgiving Day', "New Year's Eve"), longest first."""
    forms = sorted({n for name in names for n in (name, name.replace("'", "’"))}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(" ".join(w[:1].upper() + w[1:] for w in f.split())).replace(r"\ ", BLANKS)
                            for f in forms) + r")(?![\w'’])"


MONTH = names_of(MONTHS)
WEEKDAY = names_of(WEEKDAYS)
SEASON = alternation(SEASONS)
PART = alternation(PARTS_OF_DAY)
UNIT = alternation(UNIT_FORMS) + r"(?![\w])"
DAY = r"[0-3]?\d(?:st|nd|rd|th)?(?![\d])"

# Years said in words, as broadcast transcripts write them: 'nineteen ninety-six', 'the year two thousand'.
_TWO_DIGITS = (
    rf"(?:{alternation(TENS)}(?:{BLANKS0}-{BLANKS0}|{BLANKS}){alternation(ONES)}"
    rf"|{alternation(TENS)}|{alternation(TEENS)})"
)
YEAR_WORDS = (
    rf"(?<![\w-])(?:{alternation(LEX['spoken_year_centuries'])}(?:{BLANKS0}-{BLANKS0}|{BLANKS})"
    rf"(?:(?i:hundred)|{_TWO_DIGITS})"
    rf"|(?i:two){BLANKS}(?i:thousand)(?:{BLANKS}(?:(?i:and){BLANKS})?(?:{_TWO_DIGITS}|{alternation(ONES)}))?)(?![\w-])"
)
YEAR = rf"(?:(?:1\d|20)\d\d(?![\d])|{YEAR_WORDS})"
DECADE_WORDS = alternation(word[:-1] + "ies" for word in TENS)  # 'the nineties'
FRACTION = r"(?:[^\S\n]+[1-9]/[2-9]|[½¼¾⅓⅔])"  # '5 1/2 hours', '2½ years'
NUM = rf"(?:\d+(?:\.\d+)?{FRACTION}?|{alternation(COUNT_WORDS)}|{NUMBER_WORDS}|{alternation(VAGUE_COUNTS)}|(?i:an?))"
