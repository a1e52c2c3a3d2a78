"""Named people and bodies with their CAMEO actor codes, valid on a date (``resources/actors_cameo.tsv``),
and agent nouns with the sector they give (``resources/agents_cameo.tsv``), both generated from
PETRARCH's dictionaries by ``training/actors/make_actor_table.py``.

A code is a country's ISO alpha-3 (or IGO, NGO, MNC for bodies above or outside states) followed by
sectors: ``USAGOV`` is the US government, ``AFGREB`` Afghan rebels, ``IGOUNO`` the United Nations.
A dated code holds only between its dates: Barack Obama is ``USAGOV`` from 2009-01-20, so an article
of 2005 does not make him the government. The dictionaries end about 2016: later office-holders are
coded from the text alone.

    >>> code = actor_code("Taliban", "2019-11-19")
    >>> code.country, code.sector
    ('AF', 'REB')
    >>> actor_code("Barack Obama", "2012-05-01").sector, actor_code("Barack Obama", "1995-05-01").sector
    ('GOV', 'ELI')
    >>> actor_code("no such body", None) is None
    True
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from newsledger.knowledge.countries import alpha2
from newsledger.resources import read_table

ABOVE_STATES = {"IGO": "IGO", "NGO": "NGO", "MNC": "BUS"}
"""Leading codes that are no country, and the sector each stands for."""


@dataclass(frozen=True)
class ActorCode:
    code: str  # the CAMEO code: USAGOV, AFGREB, IGOUNO
    country: str | None  # ISO 3166-1 alpha-2, None for bodies above or outside states
    sector: str | None  # GOV, MIL, REB, ELI, IGO, NGO, BUS ...
    start: str = ""  # first day the code holds, ISO; "" open
    end: str = ""  # last day, ISO; "" open

    def holds_on(self, day: str | None) -> bool:
        if day is None:
            return not (self.start or self.end)
        return (not self.start or self.start <= day) and (not self.end or day <= self.end)


def normalise(name: str) -> str:
    """The table's form of a name: lower case, no periods, single blanks, no leading 'the'.

    >>> normalise("the U.N. Security  Council")
    'un security council'
    """
    text = " ".join(name.replace(".", "").replace("’", "'").lower().split())
    return text[4:] if text.startswith("the ") else text


def actor_code(name: str, day: str | None) -> ActorCode | None:
    """The code of the person or body named ``name`` on ``day`` (ISO date, or None when unknown).

    Of the codes that hold that day a dated one wins (it is the more specific role); None when the
    dictionaries do not know the name or none of its codes holds.
    """
    holding = [code for code in _table().get(normalise(name), ()) if code.holds_on(day)]
    if not holding:
        return None
    return max(holding, key=lambda c: (bool(c.start or c.end), c.start, c.code))


def agent_sector(phrase: str) -> str | None:
    """The sector an agent noun gives (``resources/agents_cameo.tsv``): rebel -> REB, riot police -> COP.

    >>> agent_sector("rebel"), agent_sector("riot police"), agent_sector("teapot")
    ('REB', 'COP', None)
    """
    return _agents().get(normalise(phrase))


@lru_cache(maxsize=1)
def _agents() -> dict[str, str]:
    return dict(read_table("agents_cameo.tsv"))


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[ActorCode, ...]]:
    table: dict[str, list[ActorCode]] = defaultdict(list)
    for name, code, start, end in read_table("actors_cameo.tsv"):
        table[name].append(_parse(code, start, end))
    return {name: tuple(codes) for name, codes in table.items()}


def _parse(code: str, start: str = "", end: str = "") -> ActorCode:
    head, rest = code[:3], code[3:]
    if head in ABOVE_STATES:
        return ActorCode(code, None, ABOVE_STATES[head], start, end)
    return ActorCode(code, alpha2(head), rest[:3] or None, start, end)
