"""Group mentions (rule 3): a head noun of ``resources/entity_groups.tsv`` with a country modifier, and
the country a noun's own modifiers give (a demonym, a possessive, "of X", "whose", or one shared across a
coordination), which role nouns read too."""

from __future__ import annotations

from newsledger.extract.entities.mention import (
    _MODIFIER_DEPS,
    _NOUN_POS,
    Mention,
    _country_hit,
    _is_break,
    _mention,
    _trim,
)
from newsledger.extract.entities.vocabulary import _phrase_ending_at, lexicon
from newsledger.extract.parsed import tokens


def _country_of_modifier(doc, token) -> tuple[str, int, int] | None:
    """(code, first, last token) when a modifier names a country: a demonym, "Armenia's", "South Korean"."""
    i, j = _trim(doc, token.left_edge.i, token.i + 1)
    for a in (i, token.i):
        hit = _country_hit(doc, a, j)
        if hit and hit.kind in ("name", "demonym"):
            return hit.code, a, j - 1
    return None


def _own_country(doc, head) -> tuple[str, int, int, bool] | None:
    """The country a noun's own modifiers give: (code, leftmost, rightmost token, is an of-phrase)."""
    codes: list[tuple[str, int, int, bool]] = []
    for child in head.children:
        if child.dep_ in _MODIFIER_DEPS and child.i < head.i:
            if child.lower_ == "whose" and head.head.dep_ == "relcl":
                antecedent = head.head.head  # "Armenia, whose armed forces withdrew"
                hit = _country_hit(doc, *_trim(doc, antecedent.left_edge.i, antecedent.i + 1))
                if hit and hit.kind == "name":
                    codes.append((hit.code, head.i, head.i, False))
                continue
            found = _country_of_modifier(doc, child)
            if found:
                codes.append((*found, False))
        elif child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    hit = _country_hit(doc, *_trim(doc, pobj.left_edge.i, pobj.i + 1))
                    if hit and hit.kind == "name":
                        end = pobj.i if child.i == head.i + 1 else head.i
                        codes.append((hit.code, head.i, end, True))
    distinct = {c for c, _, _, _ in codes}
    if len(distinct) != 1:
        return None
    return codes[0]


def _shared_country(doc, token) -> tuple[str, int, int, bool] | None:
    """A country modifier shared across a coordination: an of-phrase of any conjunct ("the government,
    parliament and people of Pakistan") or a pre-modifier of an earlier one ("Azerbaijani civilians and
    soldiers"); never a pre-modifier of a later one ("civilians and Azerbaijani forces")."""
    for other in token.conjuncts:
        found = _own_country(doc, other)
        if found and (found[3] or other.i < token.i):
            return found[0], token.i, token.i, found[3]
    return None


def group_mentions(doc) -> list[Mention]:
    """Groups and institutions of a country: "Armenian forces", "the Azerbaijani embassy", "forces of X"."""
    lex = lexicon()
    out: list[Mention] = []
    for token in tokens(doc):
        if token.pos_ not in _NOUN_POS or token.dep_ in ("compound",):
            continue
        match = _phrase_ending_at(doc, token.i, lex.groups)
        if match is None:
            continue
        first, group = match
        found = _own_country(doc, token) or _shared_country(doc, token)
        if found is None:
            continue
        code, left, right, _ = found
        i = min(first, left) if left < token.i else first
        j = max(token.i, right) + 1
        i, j = _trim(doc, i, j)
        if i >= j or any(_is_break(t) for t in doc[i:j]):
            continue
        out.append(
            _mention(
                doc, i, j, "group", group.type, code=code, sector=group.sector, group_class=group.group_class
            )
        )
    return out
