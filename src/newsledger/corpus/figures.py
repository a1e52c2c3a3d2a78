"""Contested figures: for one happening and one measure, each source's figure, and whether they disagree.

Events are merged story by story (:func:`~newsledger.corpus.stories.group_stories`, then
:func:`~newsledger.corpus.events.merge_events` with ``same_story=True``). A toll figure belongs
to a merged event when the article's event record carries it in its ``size``, or, when every
event of that type in the article belongs to this one happening, when it is a toll of the same
outcome anywhere in the article ("The Brigade said its fighters had killed 30 soldiers" is the
Brigade's figure for the attack the article is about). Subsets ("13 of the dead were
soldiers", ``Figure.part_of``) are not tolls of their own.

Figures disagree when two of them cannot both be true: their intervals do not overlap, where
"at least 15" is [15, ∞), "up to 20" is [0, 20], "about 300" is ±10% and "hundreds" its range.

Example::

    for item in contested_figures(story_ledgers):
        print(item.measure, [(v.value, v.source) for v in item.values], item.disagree)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from newsledger.corpus.events import MergedEvent, merge_events, source_of
from newsledger.corpus.stories import group_stories
from newsledger.model import SIZE_OF_OUTCOME, TOLL_EVENTS, Figure, Ledger

APPROX_MARGIN = 0.1


@dataclass(frozen=True)
class FigureClaim:
    """One source's figure for a measure of a happening."""

    value: float | None
    value_range: tuple[float, float] | None
    approx: bool
    change: str | None
    article: str
    figure: str  # Figure id in that article's ledger
    voice: str  # "outlet" or Attribution id
    source: str  # who gives the figure: speaker name or outlet name
    text: str


@dataclass(frozen=True)
class ContestedFigure:
    event: str  # MergedEvent id
    event_type: str
    date: str | None
    place: str | None
    measure: str  # dead, injured, hostages, missing, arrested, displaced
    values: tuple[FigureClaim, ...]
    disagree: bool


def interval(claim: FigureClaim) -> tuple[float, float]:
    """The values a claim allows."""
    if claim.value_range is not None:
        return claim.value_range
    value = claim.value if claim.value is not None else math.nan
    if claim.change in (">", ">="):
        return (value, math.inf)
    if claim.change in ("<", "<="):
        return (0.0, value)
    if claim.approx or claim.change == "~":
        return (value * (1 - APPROX_MARGIN), value * (1 + APPROX_MARGIN))
    return (value, value)


def disagree(claims: Sequence[FigureClaim]) -> bool:
    """True when some two claims cannot both hold."""
    intervals = [interval(c) for c in claims if c.value is not None or c.value_range is not None]
    return any(a[1] < b[0] or b[1] < a[0] for i, a in enumerate(intervals) for b in intervals[i + 1 :])


def _claim(ledger: Ledger, figure: Figure) -> FigureClaim:
    return FigureClaim(
        value=figure.value,
        value_range=figure.value_range,
        approx=figure.approx,
        change=figure.change,
        article=ledger.article.id,
        figure=figure.id,
        voice=figure.voice,
        source=source_of(ledger, figure.voice),
        text=figure.span.text,
    )


def _tolls_for(ledger: Ledger, event_id: str, measure: str, whole_article: bool) -> list[Figure]:
    event = next(e for e in ledger.events if e.id == event_id)
    figures = {f.id: f for f in ledger.figures}
    chosen = [figures[event.size[measure]]] if measure in event.size and event.size[measure] in figures else []
    if whole_article:
        chosen += [
            f for f in ledger.figures if f.part_of is None and f.category and SIZE_OF_OUTCOME.get(f.category) == measure
        ]
    unique: dict[tuple, Figure] = {}
    for figure in chosen:
        unique.setdefault((figure.value, figure.value_range, figure.voice), figure)
    return list(unique.values())


def contested_figures(ledgers: Sequence[Ledger]) -> list[ContestedFigure]:
    """Every measure of every merged event, story by story, that more than one figure speaks to."""
    by_id = {ledger.article.id: ledger for ledger in ledgers}
    items: list[ContestedFigure] = []
    for story in group_stories(ledgers):
        story_ledgers = [by_id[article_id] for article_id in story.articles]
        items += _contested_in(story_ledgers, merge_events(story_ledgers, same_story=True))
    return items


def _contested_in(ledgers: Sequence[Ledger], merged: Sequence[MergedEvent]) -> list[ContestedFigure]:
    by_id = {ledger.article.id: ledger for ledger in ledgers}
    measures = sorted(set(SIZE_OF_OUTCOME.values()))
    items = []
    for happening in merged:
        if happening.event not in TOLL_EVENTS:
            continue
        for measure in measures:
            claims: list[FigureClaim] = []
            mentioned = {(m.article, m.event) for m in happening.mentions}
            for mention in happening.mentions:
                ledger = by_id[mention.article]
                same_kind = [e for e in ledger.events if e.event == happening.event and e.modality == "asserted"]
                whole = all((ledger.article.id, e.id) in mentioned for e in same_kind)
                claims += [_claim(ledger, f) for f in _tolls_for(ledger, mention.event, measure, whole)]
            # One claim per article, value and source: a headline and its lead repeat the same figure.
            unique = list({(c.article, c.value, c.value_range, c.source): c for c in claims}.values())
            if len(unique) > 1:
                items.append(
                    ContestedFigure(
                        event=happening.id,
                        event_type=happening.event,
                        date=happening.date,
                        place=happening.place,
                        measure=measure,
                        values=tuple(unique),
                        disagree=disagree(unique),
                    )
                )
    return items
