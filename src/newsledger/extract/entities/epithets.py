"""Epithet mentions (rule 6): the standard news epithets of ``resources/entity_epithets.tsv`` ("the world
body", "the Kremlin"), unless they are part of a longer name."""

from __future__ import annotations

from newsledger.extract.entities.mention import Mention, _mention
from newsledger.extract.entities.vocabulary import _phrase_ending_at, lexicon
from newsledger.extract.parsed import tokens


def _inside_longer_name(doc, i: int, j: int) -> bool:
    """Whether tokens [i, j) lie inside an NER name that reaches beyond them."""
    for k in range(i, j):
        if doc[k].ent_iob_ != "O":
            start = k
            while start > 0 and doc[start].ent_iob_ == "I":
                start -= 1
            end = k + 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            return start < i or end > j
    return False


def epithet_mentions(doc) -> list[Mention]:
    """Standard epithets ("the world body", "the Kremlin"): capitalised ones may drop "the"."""
    lex = lexicon()
    out: list[Mention] = []
    for token in tokens(doc):
        match = _phrase_ending_at(doc, token.i, lex.epithets)
        if match is None:
            continue
        first, epithet = match
        has_the = first > 0 and doc[first - 1].lower_ == "the"
        proper = doc[first].text[:1].isupper() and not doc[first].is_sent_start or doc[first].pos_ == "PROPN"
        if not has_the and not proper:
            continue
        i = first - 1 if has_the else first
        if _inside_longer_name(doc, i, token.i + 1):
            continue  # "Union" in "the European Union"
        if token.dep_ == "compound" and not proper:
            continue  # "the bloc leaders" are not the bloc ("Kremlin officials" still name the Kremlin)
        out.append(_mention(doc, i, token.i + 1, "epithet", epithet.type, epithet=epithet))
    return out
