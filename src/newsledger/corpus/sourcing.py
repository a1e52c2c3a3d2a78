"""Sourcing balance: whose voices are heard, by side, and how much of the text is on whose word.

For an article (or a story, summed over its articles): the voices grouped by the country or side
they speak for (from ``Ledger.sourcing``), and the share of the text's characters that are
attributed to a named source, flagged as unattributed assessments ("is seen as"), or the
outlet's own words. Characters, not sentences, so that a long quote weighs more than a short one.

Example::

    balance = sourcing_balance([ledger])
    balance.sides, balance.attributed_share, balance.outlet_share
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newsledger.model import OUTLET, Ledger


@dataclass(frozen=True)
class Side:
    country: str | None
    voices: tuple[str, ...]
    statements: int


@dataclass(frozen=True)
class SourcingBalance:
    articles: tuple[str, ...]
    sides: tuple[Side, ...]
    attributed_share: float  # 0-100
    unattributed_share: float
    outlet_share: float


def _visible(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def _covered(text: str, spans: list[tuple[int, int]]) -> int:
    """Non-blank characters covered by the union of half-open spans."""
    total, reach = 0, 0
    for start, end in sorted(spans):
        start = max(start, reach)
        if end > start:
            total += _visible(text[start:end])
            reach = end
    return total


def sourcing_balance(ledgers: Sequence[Ledger]) -> SourcingBalance:
    voices: dict[str | None, dict[str, None]] = defaultdict(dict)
    statements: dict[str | None, int] = defaultdict(int)
    attributed = unattributed = total = 0
    for ledger in ledgers:
        for group in ledger.sourcing:
            for voice in group.voices:
                voices[group.country][voice] = None
            statements[group.country] += group.statements
        outer = [a for a in ledger.attributions if a.voice == OUTLET]  # nested speech is inside these
        text = ledger.article.text
        attributed += _covered(text, [(c.start, c.end) for a in outer if a.speaker for c in a.content])
        unattributed += _covered(text, [(c.start, c.end) for a in outer if a.kind == "unattributed" for c in a.content])
        total += _visible(text)
    total = max(total, 1)
    sides = sorted(
        (Side(country, tuple(names), statements[country]) for country, names in voices.items()),
        key=lambda side: (-side.statements, side.country or ""),
    )
    attributed_share = round(100 * attributed / total, 1)
    unattributed_share = round(100 * unattributed / total, 1)
    return SourcingBalance(
        articles=tuple(ledger.article.id for ledger in ledgers),
        sides=tuple(sides),
        attributed_share=attributed_share,
        unattributed_share=unattributed_share,
        outlet_share=round(max(0.0, 100 - attributed_share - unattributed_share), 1),
    )
