"""Look-ups over a finished ledger's entities for later extractors (attributions, places, events): the
entity at a range, the mentions before an offset, the mentions inside a range."""

from __future__ import annotations

from collections.abc import Iterable

from newsledger.model import Entity, Ledger, Span


def entity_at(ledger: Ledger, start: int, end: int) -> Entity | None:
    """The entity with a mention over ``[start, end)``: the tightest mention holding the range, else the
    one overlapping it most.

    >>> # "Armenian forces" (group) holds "Armenian" (Armenia); entity_at on "Armenian forces" -> the group
    """
    best: tuple[tuple, Entity] | None = None
    for entity in ledger.entities:
        for m in entity.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            if overlap <= 0 and not (start == end and m.start <= start < m.end):
                continue
            holds = m.start <= start and end <= m.end
            rank = (0, m.end - m.start) if holds else (1, -overlap)
            if best is None or rank < best[0]:
                best = (rank, entity)
    return best[1] if best else None


def mentions_before(
    ledger: Ledger, offset: int, types: Iterable[str] | None = None, since: int = 0
) -> list[tuple[Span, Entity]]:
    """Mentions that end at or before ``offset`` (and start at or after ``since``), most recent first.

    For pronoun resolution: ``mentions_before(ledger, he.start, {"PERSON"})[0]`` is the nearest person.
    """
    wanted = set(types) if types else None
    found = [
        (m, e)
        for e in ledger.entities
        if wanted is None or e.type in wanted
        for m in e.mentions
        if since <= m.start and m.end <= offset
    ]
    return sorted(found, key=lambda pair: (-pair[0].end, -pair[0].start))


def mentions_in(ledger: Ledger, start: int, end: int) -> list[tuple[Span, Entity]]:
    """Mentions lying inside ``[start, end)``, in text order (e.g. the entities of one sentence)."""
    found = [(m, e) for e in ledger.entities for m in e.mentions if start <= m.start and m.end <= end]
    return sorted(found, key=lambda pair: (pair[0].start, pair[0].end))
