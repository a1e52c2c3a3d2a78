"""Titles of people (rule 4): a title before or at the start of a PERSON name becomes the mention's
title, and a country word before the title ("Azerbaijani Ambassador") or an of-phrase after the name
("... of Nigeria") its country."""

from __future__ import annotations

from newsledger.extract.entities.mention import _POSSESSIVE, Mention, _country_hit, _is_break, _trim
from newsledger.extract.entities.vocabulary import Title, _phrase_ending_at, lexicon


def _title_before(doc, i: int) -> tuple[int, Title] | None:
    """A title phrase that ends right before token i, as (its first token, Title)."""
    if i == 0:
        return None
    lex = lexicon()
    match = _phrase_ending_at(doc, i - 1, lex.titles)
    if match and not any(_is_break(t) for t in doc[match[0] : i]):
        return match
    return None


def _country_before(doc, k: int) -> str | None:
    """A country word or "X's" right before token k ("Azerbaijani Ambassador", "Pakistan's Premier")."""
    if k <= 0:
        return None
    end = k
    if doc[end - 1].text in _POSSESSIVE:
        end -= 1
    for length in range(min(4, end), 0, -1):
        if any(_is_break(t) or t.is_punct for t in doc[end - length : end]):
            continue
        hit = _country_hit(doc, end - length, end)
        if hit and hit.kind in ("name", "demonym"):
            return hit.code
    return None


def _attach_titles(doc, mentions: list[Mention]) -> None:
    """Strip titles off PERSON names (inside the span or just before it) into Mention.title / code."""
    for m in mentions:
        if m.kind != "name":
            continue
        match = _title_inside(doc, m)
        if match is not None:  # a title NER put inside the span: "President Biden", "General Tunde Bakare"
            length, title = match
            m.title = title if title.title else m.title
            m.i += length
            m.start = doc[m.i].idx
            m.type = "PERSON"
        if m.type != "PERSON":
            continue
        before = _title_before(doc, m.i)
        if before:
            first, title = before
            if title.title:
                m.title = m.title or title
            m.code = m.code or _country_before(doc, first)
        if m.title is not None:
            m.code = m.code or _country_after(doc, m.j - 1)
        if m.title is not None and m.title.title is None:
            m.title = None


def _title_inside(doc, m: Mention) -> tuple[int, Title] | None:
    """A title that opens a name span: (its length, Title). Outside PERSON spans the rest must look like a
    person's name (two or more proper words, none a class word), so "General Motors" stays an ORG."""
    lex = lexicon()
    for length in range(min(lex.max_title, m.j - m.i - 1), 0, -1):
        words = tuple(t.lower_ for t in doc[m.i : m.i + length])
        if words not in lex.titles:
            continue
        rest = doc[m.i + length : m.j]
        if m.type == "PERSON" or (
            len(rest) >= 2 and all(t.pos_ == "PROPN" and t.lower_ not in lex.class_nouns for t in rest)
        ):
            return length, lex.titles[words]
    return None


def _country_after(doc, k: int) -> str | None:
    """A country in an of-phrase right after a titled name: "Prime Minister X of Nigeria"."""
    if k + 2 < len(doc) and doc[k + 1].lower_ == "of":
        pobj = next((c for c in doc[k + 1].children if c.dep_ == "pobj"), None)
        if pobj is not None:
            hit = _country_hit(doc, *_trim(doc, pobj.left_edge.i, pobj.i + 1))
            if hit and hit.kind == "name":
                return hit.code
    return None
