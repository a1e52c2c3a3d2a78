"""Every candidate mention of a Doc, before clustering: the mention passes in order, and which of them
give way where they overlap (NER names to epithets and groups, roles to groups)."""

from __future__ import annotations

from newsledger.extract.entities.epithets import epithet_mentions
from newsledger.extract.entities.groups import group_mentions
from newsledger.extract.entities.mention import Mention
from newsledger.extract.entities.names import gazetteer_mentions, name_mentions
from newsledger.extract.entities.roles import role_mentions
from newsledger.extract.entities.titles import _attach_titles


def _drop_overlaps(primary: list[Mention], others: list[Mention]) -> list[Mention]:
    """``others`` without those overlapping a ``primary`` mention, except nested country mentions."""
    taken = [(m.start, m.end) for m in primary]
    kept = []
    for m in others:
        overlaps = any(m.start < e and s < m.end for s, e in taken)
        if not overlaps or m.kind in ("country", "demonym", "people"):
            kept.append(m)
    return kept


def collect_mentions(doc) -> list[Mention]:
    """Every candidate mention in the Doc, before clustering."""
    epithets = epithet_mentions(doc)
    names = _drop_overlaps(epithets, name_mentions(doc))
    covered = {k for m in names + epithets for k in range(m.i, m.j)}
    names += gazetteer_mentions(doc, covered)
    groups = group_mentions(doc)
    names = [
        m
        for m in names
        if m.kind != "name"
        or m.type not in ("ORG", "NORP")
        or not any(g.start <= m.start and m.end <= g.end for g in groups)
    ]
    _attach_titles(doc, names)
    roles = role_mentions(doc)
    roles = [r for r in roles if not any(r.start < g.end and g.start < r.end for g in groups)]
    return sorted(epithets + names + groups + roles, key=lambda m: (m.start, -m.end))
