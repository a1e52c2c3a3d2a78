"""The entity tables of ``resources/`` (titles, groups, epithets, organisation aliases, geography
qualifiers, class nouns), read once, and the look-up of a table's phrases over a Doc's tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsledger.extract.parsed import tokens
from newsledger.knowledge.countries import normalise_key
from newsledger.resources import read_table


@dataclass(frozen=True)
class Title:
    """A row of entity_titles.tsv."""

    title: str | None
    role: str | None
    institution: str | None
    sector: str | None


@dataclass(frozen=True)
class Group:
    """A row of entity_groups.tsv."""

    type: str
    sector: str
    group_class: str


@dataclass(frozen=True)
class Epithet:
    """A row of entity_epithets.tsv."""

    target: str
    type: str
    standalone: bool
    name: str


@dataclass(frozen=True)
class Lexicon:
    titles: dict[tuple[str, ...], Title]
    groups: dict[tuple[str, ...], Group]
    epithets: dict[tuple[str, ...], Epithet]
    acronyms: dict[str, str]  # acronym (no dots) -> full name
    expansions: dict[str, str]  # normalised full name -> acronym
    geo_qualifiers: frozenset[str]
    class_nouns: dict[str, str]
    max_title: int
    ends: dict[int, dict[str, tuple[int, ...]]]  # id(table) -> last word -> phrase lengths, longest first


def _phrase_words(phrase: str) -> tuple[str, ...]:
    """Lower-case words of a lexicon phrase, split as spaCy tokenises ("secretary-general": 3 words)."""
    return tuple(w for w in re.findall(r"[\w.'’]+|-", phrase.lower()) if w)


def _dash(value: str) -> str | None:
    return None if value in ("", "-") else value


def _ends(table: dict[tuple[str, ...], object]) -> dict[str, tuple[int, ...]]:
    """Last word -> lengths of the phrases ending in it, so a token is checked with one dict look-up."""
    ends: dict[str, set[int]] = {}
    for words in table:
        ends.setdefault(words[-1], set()).add(len(words))
    return {word: tuple(sorted(lengths, reverse=True)) for word, lengths in ends.items()}


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """All entity tables, read once from resources/."""
    titles = {
        _phrase_words(r[0]): Title(_dash(r[1]), _dash(r[2]), _dash(r[3]), _dash(r[4]))
        for r in read_table("entity_titles.tsv")
    }
    groups = {_phrase_words(r[0]): Group(r[1], r[2], r[3]) for r in read_table("entity_groups.tsv")}
    epithets = {}
    for phrase, target, etype, standalone, name in read_table("entity_epithets.tsv"):
        words = _phrase_words(phrase)
        words = words[1:] if words[:1] == ("the",) else words
        epithets[words] = Epithet(target, etype, standalone == "yes", name)
    acronyms = {r[0].replace(".", ""): r[1] for r in read_table("org_aliases.tsv")}
    expansions = {normalise_key(name): acronym for acronym, name in acronyms.items()}
    return Lexicon(
        titles=titles,
        groups=groups,
        epithets=epithets,
        acronyms=acronyms,
        expansions=expansions,
        geo_qualifiers=frozenset(r[0] for r in read_table("entity_geo_qualifiers.tsv")),
        class_nouns={r[0]: r[1] for r in read_table("entity_class_nouns.tsv")},
        max_title=max(len(k) for k in titles),
        ends={id(table): _ends(table) for table in (titles, groups, epithets)},
    )


def _phrase_ending_at(doc, k: int, table: dict) -> tuple[int, object] | None:
    """The longest lexicon phrase whose last word is token k: (first token index, value)."""
    toks = tokens(doc)
    lengths = lexicon().ends[id(table)].get(toks[k].lower_, ())
    for length in lengths:
        if length > k + 1:
            continue
        words = tuple(toks[m].lower_ for m in range(k - length + 1, k + 1))
        if words in table:
            return k - length + 1, table[words]
    return None
