"""Merged events: one happening reported by several articles of a story becomes one event.

Two event records merge when they have the same PLOVER type, both are reported as having
happened (modality ``asserted``), and either their date and place both agree, or one of them
agrees and nothing else they say conflicts (dates at the precision both give, places, the
actors' and recipients' countries). "Same type and no conflict" alone would fold every attack of
a war into one; agreement on both date and place outweighs a disagreement over who did it,
which is often what the sources dispute (or what the parse got wrong).

Within one story (``same_story=True``: the articles are already known to report one
happening), a record that carries a toll and agrees with no happening yet joins the story's
best-attested happening of its type that it does not contradict: "the attack killed 30
soldiers, the group said" is about the attack the story is about.

Example::

    merged = merge_events(story_ledgers)
    [(m.event, m.date, m.place, len(m.mentions)) for m in merged]
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from newsledger.model import EntityRef, Event, Ledger


@dataclass(frozen=True)
class EventMention:
    """One article's record of a merged event, and on whose word it stands."""

    article: str
    event: str  # the Event id inside that article's ledger
    voice: str  # "outlet" or the Attribution id
    source: str  # who says so: the speaker's name, or the outlet's name


@dataclass(frozen=True)
class MergedEvent:
    id: str
    event: str
    date: str | None
    place: str | None
    actor: str | None
    recipient: str | None
    mentions: tuple[EventMention, ...]


def source_of(ledger: Ledger, voice: str) -> str:
    """Whose word a record is on, the outlet named by its source (a corpus mixes outlets)."""
    return ledger.voice_name(voice, outlet=ledger.article.source or "the outlet")


def _party(ref: EntityRef | None) -> str | None:
    if ref is None:
        return None
    return ref.country or ref.name.casefold()


def _dates_agree(a: str | None, b: str | None) -> bool | None:
    """True when equal at the precision both give, False when they conflict, None when unknown."""
    if not a or not b or not a[:1].isdigit() or not b[:1].isdigit():
        return None
    a, b = a.split("/")[0], b.split("/")[0]
    return a.startswith(b) or b.startswith(a)


def _values_agree(a: str | None, b: str | None) -> bool | None:
    if a is None or b is None:
        return None
    return a == b


@dataclass
class _Cluster:
    event: str
    date: str | None
    place: str | None
    actor: str | None
    recipient: str | None
    mentions: list[EventMention]

    def accepts(self, date: str | None, place: str | None, actor: str | None, recipient: str | None) -> bool:
        checks = (
            _dates_agree(self.date, date),
            _values_agree(self.place, place),
            _values_agree(self.actor, actor),
            _values_agree(self.recipient, recipient),
        )
        if checks[0] and checks[1]:
            return True
        if any(check is False for check in checks):
            return False
        return bool(checks[0] or checks[1])

    def contradicts(self, date: str | None, place: str | None, actor: str | None, recipient: str | None) -> bool:
        return _dates_agree(self.date, date) is False or _values_agree(self.place, place) is False

    def absorb(self, date: str | None, place: str | None, actor: str | None, recipient: str | None) -> None:
        # Keep the most precise date and the first known value of everything else.
        if date and (not self.date or len(date) > len(self.date)):
            self.date = date
        self.place = self.place or place
        self.actor = self.actor or actor
        self.recipient = self.recipient or recipient


def _facts(event: Event) -> tuple[str | None, str | None, str | None, str | None]:
    date = event.date.value if event.date else None
    place = event.place.name.casefold() if event.place else None
    return date, place, _party(event.actor), _party(event.recipient)


def merge_events(ledgers: Iterable[Ledger], same_story: bool = False) -> list[MergedEvent]:
    """Merge the asserted events of several articles into happenings (see the module docstring)."""
    clusters: list[_Cluster] = []
    pending: list[tuple[tuple, EventMention]] = []  # toll records of a story that agreed with nothing yet
    for ledger in ledgers:
        for event in ledger.events:
            if event.modality != "asserted":
                continue
            facts = _facts(event)
            mention = EventMention(ledger.article.id, event.id, event.voice, source_of(ledger, event.voice))
            target = next((c for c in clusters if c.event == event.event and c.accepts(*facts)), None)
            if target is None and same_story and event.size:
                pending.append(((event.event, *facts), mention))
            elif target is None:
                clusters.append(_Cluster(event.event, *facts, mentions=[mention]))
            else:
                target.absorb(*facts)
                target.mentions.append(mention)
    for (event_type, *facts), mention in pending:
        fitting = [c for c in clusters if c.event == event_type and not c.contradicts(*facts)]
        if fitting:
            target = max(fitting, key=lambda c: len(c.mentions))
            target.absorb(*facts)
            target.mentions.append(mention)
        else:
            clusters.append(_Cluster(event_type, *facts, mentions=[mention]))
    merged = []
    for cluster in clusters:
        key = " ".join(f"{m.article}/{m.event}" for m in cluster.mentions)
        merged.append(
            MergedEvent(
                id="mev-" + hashlib.sha256(key.encode()).hexdigest()[:12],
                event=cluster.event,
                date=cluster.date,
                place=cluster.place,
                actor=cluster.actor,
                recipient=cluster.recipient,
                mentions=tuple(cluster.mentions),
            )
        )
    return merged
