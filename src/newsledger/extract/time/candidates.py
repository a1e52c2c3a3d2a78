"""What a rule finds and what it may consult: a :class:`Candidate` (an expression before overlaps are
resolved), the :class:`Context` (the text, the publication date, spaCy's hints, the clause's tense) and the
shape of a :data:`Rule`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from newsledger.extract.time.lexicon import LEX


@dataclass(frozen=True)
class Candidate:
    """A temporal expression found by a rule, before overlaps are resolved."""

    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    anchored: bool = False
    rank: int = 0  # rule order: lower wins between matches of equal length
    needs: str | None = None  # "previous": value is an offset from the last date before it
    derived: bool = False  # a quarter computed from another one ('the year-ago quarter'): no reporting quarter


@dataclass
class Context:
    """What the rules may consult besides the text."""

    text: str
    dct: dt.date | None
    hints: list[tuple[int, int]]
    blocked: list[tuple[int, int]]
    tense_at: Callable[[int], str]
    dep_at: Callable[[int], str]

    def hinted(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.hints)

    def in_name(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.blocked)

    def word_before(self, start: int, n: int = 1) -> str:
        """The ``n`` words just before ``start``, lower-cased ('' at the start of a line)."""
        line = self.text[max(0, start - 60) : start].split("\n")[-1]
        words = re.findall(r"[\w.’']+", line.lower())
        return " ".join(words[-n:]) if words else ""

    def lead(self, start: int) -> str:
        """The word that governs a date, looking past a clock time or 'mid' before it ('until 5 p.m. EST Nov. 9')."""
        words = self.word_before(start, 6).split()
        for word in reversed(words):
            if not _CLOCKISH.match(word):
                return word
        return ""


# words that may stand between a date and the word governing it: 'until 5 p.m. EST Nov. 9', 'until mid-November'
_CLOCKISH = re.compile(r"(?:\d[\d:.]*|[ap]\.?m\.?|" + "|".join(re.escape(w.lower()) for w in LEX["time_zones"] + list(
    LEX["clock_words"]) + [p for p in LEX["position_modifiers"] if " " not in p]) + r")$")


Rule = tuple[re.Pattern, Callable[[re.Match, Context], list[Candidate]]]
