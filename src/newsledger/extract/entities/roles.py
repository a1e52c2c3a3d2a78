"""Role mentions (rule 5): definite role nouns ("the ambassador", "Russia's foreign minister") and role
nouns in apposition with a name, with the country their own words give; clustering finds their person."""

from __future__ import annotations

from newsledger.extract.entities.groups import _country_of_modifier, _own_country
from newsledger.extract.entities.mention import (
    _MODIFIER_DEPS,
    _NOUN_POS,
    Mention,
    _country_hit,
    _is_break,
    _mention,
    _trim,
)
from newsledger.extract.entities.vocabulary import Title, _phrase_ending_at, lexicon
from newsledger.extract.parsed import tokens


def _role_noun(doc, token) -> tuple[int, Title] | None:
    """A definite role NP headed by ``token`` ("the ambassador", "Russia's foreign minister")."""
    if token.pos_ not in _NOUN_POS or token.dep_ in ("compound", "amod"):
        return None
    lex = lexicon()
    match = _phrase_ending_at(doc, token.i, lex.titles)
    if match is None or match[1].role is None:
        return None
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if nxt is not None and (nxt.ent_type_ == "PERSON" or nxt.pos_ == "PROPN"):
        return None  # a title before a name, not a mention by role
    definite = any(
        c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "any", "every", "no")
        for c in token.children
    )
    return match if definite or _appositive_name(token) is not None else None


def _appositive_name(token):
    """The proper name a role noun stands in apposition with ("X, a spokeswoman for ..."), if any."""
    if token.dep_ == "appos" and token.head.pos_ == "PROPN":
        return token.head
    return next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)


def _role_country(doc, token) -> str | None:
    """The country a role noun's own words give: "the Azerbaijani ambassador", "Russia's foreign minister",
    "ambassador of Azerbaijan", "a spokeswoman for the Russian foreign ministry" (never "ambassador to X":
    that is the host)."""
    for child in token.children:
        if child.i < token.i and child.dep_ in _MODIFIER_DEPS:
            hit = _country_of_modifier(doc, child)
            if hit:
                return hit[0]
        if child.dep_ == "prep" and child.lower_ in ("of", "for"):
            for pobj in child.children:
                if pobj.dep_ != "pobj":
                    continue
                hit = _country_hit(doc, *_trim(doc, pobj.left_edge.i, pobj.i + 1))
                if hit and hit.kind == "name":
                    return hit.code
                found = _own_country(doc, pobj)
                if found and found[1] >= pobj.left_edge.i:
                    return found[0]
    return None


def role_mentions(doc) -> list[Mention]:
    """Definite role nouns; their referent is resolved in clustering."""
    out: list[Mention] = []
    for token in tokens(doc):
        found = _role_noun(doc, token)
        if found is None:
            continue
        first, title = found
        i = min(
            [first]
            + [
                c.left_edge.i
                for c in token.children
                if c.dep_ in ("det", "poss", "amod", "compound") and c.i < token.i
            ]
        )
        i, j = i, token.i + 1
        if any(_is_break(t) for t in doc[i:j]):
            continue
        name = _appositive_name(token)
        out.append(
            _mention(
                doc,
                i,
                j,
                "role",
                "PERSON",
                code=_role_country(doc, token),
                title=title,
                sector=title.sector,
                person_hint=name.i if name is not None else None,
            )
        )
    return out
