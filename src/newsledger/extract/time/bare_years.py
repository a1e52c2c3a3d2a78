"""Bare years ('in 1993', 'since 1991', 'in 1948, 1965, and 1971'), found apart from the rules: whether a
number is a year depends on the word before it, spaCy's hints, the years before it and the parse."""

from __future__ import annotations

import re
from collections.abc import Callable

from newsledger.extract.numbers import BLANKS
from newsledger.extract.time.candidates import Candidate, Context
from newsledger.extract.time.dates import year_number
from newsledger.extract.time.lexicon import DASH, DATE_CONTEXT, DATED_NOUNS, STRONG_YEAR_CONTEXT, YEAR

# A bare year, with an optional second year of a range ("1992-94", "1992–1994").
_YEAR_RE = re.compile(
    rf"(?<![\w$£€.,/:])(?<![\dA-Z]-)(?P<y>{YEAR})(?:{DASH}(?P<y2>\d\d(?:\d\d)?))?(?![\w%]|[.,]\d|-\w)"
)
_THE_YEAR = re.compile(rf"(?<![\w-])(?i:the){BLANKS}(?i:year){BLANKS}$")
_NEXT_WORD = re.compile(r"[^\S\n]+(\w+)")
_LIST_GLUE = re.compile(
    r"^[^\S\n]*(?:,[^\S\n]*(?:(?:and|or)[^\S\n]+)?|(?:and|or|to|through|until|till)[^\S\n]+)$", re.I
)


def find_years(ctx: Context, nummod_at: Callable[[int], bool]) -> list[Candidate]:
    """Bare years in a date context: 'in 1993', 'since 1991', lists 'in 1948, 1965, and 1971'.

    A year needs a date word before it (years before 1900 a strong one: 'in 1066' but not
    'of 1500 people'), a spaCy DATE hint, a noun it dates ('raising 2016 elections') or to continue a
    list of accepted years; a number that modifies another noun ('in 2000 cases') is a count, not a year.
    """
    found: list[Candidate] = []
    last_end = -1
    for m in _YEAR_RE.finditer(ctx.text):
        year = year_number(m["y"])
        before = ctx.word_before(m.start())
        the_year = _THE_YEAR.search(ctx.text, max(0, m.start() - 20), m.start())  # 'by the year 2000'
        chained = last_end >= 0 and _LIST_GLUE.match(ctx.text[last_end : m.start()]) is not None
        strong = before in STRONG_YEAR_CONTEXT or ctx.word_before(m.start(), 2) in STRONG_YEAR_CONTEXT
        weak = before in DATE_CONTEXT and before not in ("and", "or")  # those only continue a list
        plausible = 1900 <= year <= 2099
        hinted = plausible and ctx.hinted(m.start(), m.end("y"))
        in_words = not m["y"][:1].isdigit()
        spoken = in_words and not m["y"].lower().startswith("two")  # 'nineteen ninety-six' is only ever a year
        after = _NEXT_WORD.match(ctx.text, m.end())
        dating = plausible and not in_words and after is not None and after[1].lower() in DATED_NOUNS
        if not (chained or strong or (weak and plausible) or hinted or spoken or dating):
            continue
        if in_words and not (spoken or the_year or strong or chained):
            continue  # 'two thousand' is a count unless it follows 'the year' or 'in', 'since' ...
        if nummod_at(m.start()) and not dating:
            continue  # 'in 2000 cases' counts; 'raising 2016 elections' dates
        value = str(year)
        if m["y2"]:
            second = int(m["y2"]) if len(m["y2"]) == 4 else year // 100 * 100 + int(m["y2"])
            if not year < second <= year + 100:
                continue
            value = f"{year}/{second}"
        found.append(Candidate(the_year.start() if the_year else m.start(), m.end(), "DATE", value, rank=50))
        last_end = m.end()
    return found
