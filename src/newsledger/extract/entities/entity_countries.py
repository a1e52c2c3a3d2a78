"""The country of a finished entity: a titled person takes that of their title's institution named
nearby (rule 4), an organisation without one that of the country word its name opens with."""

from __future__ import annotations

import re

from newsledger.extract.entities.cluster import Cluster
from newsledger.extract.entities.clusterer import Clusterer
from newsledger.extract.entities.mention import _country_hit

_CONTEXT_PARAGRAPHS = 2  # how many paragraphs back a person's institution may have been named


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n+", text)]


def _paragraph_of(starts: list[int], offset: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _institution_countries(clusterer: Clusterer, text: str) -> None:
    """A titled person without a country takes the country of their title's institution named nearby.

    "The Azerbaijani embassy in Islamabad marked ... Ambassador Khazar Farhadov thanked ...": the
    ambassador speaks for the embassy's country. Same paragraph first, else the nearest earlier
    mention within the two paragraphs before.
    """
    starts = _paragraph_starts(text)
    groups = [c for c in clusterer.clusters if c.code and any(m.kind == "group" for m in c.mentions)]
    for person in clusterer.clusters:
        if person.type != "PERSON" or person.code or person.title is None or not person.title.institution:
            continue
        first = min(person.mentions, key=lambda m: m.start)
        para = _paragraph_of(starts, first.start)
        best: tuple[int, int, str] | None = None
        for cluster in groups:
            for m in cluster.mentions:
                if m.group_class != person.title.institution:
                    continue
                distance = para - _paragraph_of(starts, m.start)
                if 0 <= distance <= _CONTEXT_PARAGRAPHS:
                    rank = (distance, -m.start, cluster.code)
                    best = rank if best is None or rank < best else best
        if best:
            person.code = best[2]


def _entity_country(doc, cluster: Cluster) -> str | None:
    if cluster.code:
        return cluster.code
    if cluster.type == "ORG":  # "Pakistan Peoples Party", "Russian Foreign Ministry"
        for m in cluster.mentions:
            if m.kind == "name" and m.j - m.i > 1:
                hit = _country_hit(doc, m.i, m.i + 1)
                if hit and hit.kind in ("name", "demonym"):
                    return hit.code
    return None
