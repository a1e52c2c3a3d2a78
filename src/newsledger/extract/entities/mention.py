"""A candidate mention (a token range of the Doc, before clustering) and the token primitives every
mention pass shares: line breaks, trimming, the country a span names."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from newsledger.extract.entities.vocabulary import Epithet, Title
from newsledger.extract.parsed import span_text
from newsledger.knowledge.countries import CountryMatch, lookup

_DETERMINERS = {"the", "a", "an"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
_MODIFIER_DEPS = {"amod", "compound", "nmod", "poss", "npadvmod"}
_NOUN_POS = {"NOUN", "PROPN"}


@dataclass
class Mention:
    """One candidate mention before clustering (token range ``[i, j)`` of the Doc)."""

    i: int
    j: int
    start: int
    end: int
    kind: str  # name, country, demonym, people, group, role, epithet
    type: str
    code: str | None = None
    sector: str | None = None
    group_class: str | None = None
    title: Title | None = None
    label: str | None = None  # NER label it came from
    votes: Counter = field(default_factory=Counter)
    epithet: Epithet | None = None
    person_hint: int | None = None  # token index of a person this role mention is in apposition with

    def text(self, doc) -> str:
        return span_text(doc, self.i, self.j)


def _mention(doc, i: int, j: int, kind: str, type_: str, **kwargs) -> Mention:
    return Mention(i, j, doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text), kind, type_, **kwargs)


def _is_break(token) -> bool:
    return "\n" in token.text


def _trim(doc, i: int, j: int) -> tuple[int, int]:
    """Drop a leading article, a trailing possessive and punctuation or spaces at either end."""
    while i < j and (doc[i].is_punct or doc[i].is_space or doc[i].lower_ in _DETERMINERS):
        i += 1
    while j > i and (doc[j - 1].is_punct or doc[j - 1].is_space or doc[j - 1].text in _POSSESSIVE):
        j -= 1
    return i, j


def _text(doc, i: int, j: int) -> str:
    return span_text(doc, i, j)


def _country_hit(doc, i: int, j: int) -> CountryMatch | None:
    if i >= j:
        return None
    return lookup(_text(doc, i, j))
