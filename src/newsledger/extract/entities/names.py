"""Name mentions (rules 1 and 2 of the package docstring): spaCy's NER spans cut at line breaks,
trimmed and retyped with country knowledge (country names, capitals, demonyms, hyphenated compounds),
and the country names NER missed, found by a dictionary pass over capitalised tokens."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from newsledger.extract.entities.mention import _NOUN_POS, Mention, _country_hit, _is_break, _mention, _trim
from newsledger.extract.parsed import entities, tokens
from newsledger.knowledge.countries import CountryMatch, normalise_key

NER_TYPES = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "NORP": "NORP",
    "LOC": "LOC",
    "FAC": "FAC",
    "EVENT": "EVENT",
}
"""spaCy NER label -> Entity.type for the labels that name referents (dates, numbers are other records)."""


_MAX_NAME_TOKENS = 6


def _pieces(doc, ent) -> Iterable[tuple[int, int, bool]]:
    """(i, j, was_split) parts of an NER span between line breaks."""
    start, split = ent.start, False
    for k in range(ent.start, ent.end):
        if _is_break(doc[k]):
            yield start, k, True
            start, split = k + 1, True
    yield start, ent.end, split


def _line_initial(doc, k: int) -> bool:
    return k == 0 or _is_break(doc[k - 1]) or doc[k].is_sent_start


def _looks_proper(doc, i: int, j: int) -> bool:
    """A name has a proper noun or a capitalised word (NER's lower-case spans are noise: "the government")."""
    return any(t.pos_ == "PROPN" or t.is_title or t.is_upper for t in doc[i:j])


def _country_mention(doc, i: int, j: int, hit: CountryMatch, label: str | None = None) -> Mention:
    """A country-knowledge mention: a country name, a capital, an adjectival or a people demonym."""
    if hit.kind == "demonym":
        return _demonym_mention(doc, i, j, hit.code, label)
    kind = "country" if hit.kind == "name" else "name"
    return _mention(doc, i, j, kind, "GPE", code=hit.code, label=label, votes=Counter({"GPE": 3}))


def _demonym_mention(doc, i: int, j: int, code: str, label: str | None) -> Mention:
    """Adjectival demonyms mention the country; nouns for people ("Azerbaijanis") are a NORP people."""
    head = doc[j - 1]
    plural = normalise_key(head.text) != normalise_key(head.lemma_) or head.tag_ in ("NNS", "NNPS")
    as_noun = head.pos_ in _NOUN_POS and head.dep_ not in ("amod", "compound", "nmod")
    hyphenated = j < len(doc) and doc[j].text == "-"  # "Indian-occupied", "Russian-backed"
    if not hyphenated and (plural or as_noun):
        return _mention(
            doc, i, j, "people", "NORP", code=code, sector="CVL", group_class="people", label=label
        )
    return _mention(doc, i, j, "demonym", "GPE", code=code, label=label)


def _hyphen_parts(doc, i: int, j: int) -> list[Mention] | None:
    """Country mentions inside a hyphenated NER span ("Russia-Ukraine"), or None if it is not one."""
    parts, start = [], i
    for k in range(i, j + 1):
        if k == j or doc[k].tag_ == "HYPH" or doc[k].text == "-":
            if start < k:
                hit = _country_hit(doc, start, k)
                if hit:
                    parts.append(_country_mention(doc, start, k, hit))
                elif not doc[start].is_lower:
                    return None
            start = k + 1
    return parts or None


def name_mentions(doc) -> list[Mention]:
    """Mentions from spaCy NER, split at line breaks, trimmed and retyped with country knowledge."""
    out: list[Mention] = []
    for ent in entities(doc):
        label = NER_TYPES.get(ent.label_)
        if label is None:
            continue
        for i, j, split in _pieces(doc, ent):
            i, j = _trim(doc, i, j)
            if i >= j:
                continue
            hit = _country_hit(doc, i, j)
            if hit and not (hit.kind == "capital" and label == "PERSON"):
                out.append(_country_mention(doc, i, j, hit, label))
                continue
            if split and j - i == 1 and _line_initial(doc, i):
                continue  # "Relations" glued to a heading across the break: capitalised only by position
            if not _looks_proper(doc, i, j):
                continue
            parts = _hyphen_parts(doc, i, j) if any(t.text == "-" for t in doc[i:j]) else None
            if parts:
                out.extend(parts)
                continue
            out.append(_mention(doc, i, j, "name", label, label=label, votes=Counter({label: 1})))
    return out


def gazetteer_mentions(doc, covered: set[int]) -> list[Mention]:
    """Country names, capitals and demonyms NER missed: longest match over capitalised tokens."""
    out: list[Mention] = []
    toks = tokens(doc)
    n, k = len(doc), 0
    while k < n:
        token = toks[k]
        if k in covered or not token.text[:1].isupper():
            k += 1
            continue
        found = None
        for length in range(min(_MAX_NAME_TOKENS, n - k), 0, -1):
            last = toks[k + length - 1]
            if not last.text[:1].isupper() or any(_is_break(toks[m]) or m in covered for m in range(k, k + length)):
                continue
            hit = _country_hit(doc, k, k + length)
            if hit and (hit.kind != "capital" or last.pos_ == "PROPN"):
                found = (length, hit)
                break
        if found:
            out.append(_country_mention(doc, k, k + found[0], found[1]))
            k += found[0]
        else:
            k += 1
    return out
