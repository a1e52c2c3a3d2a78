"""What a number counts, by the parse: the root of its span, the counted noun ('613 Azerbaijanis',
'hundreds of civilians', '44-day conflict') and that noun's phrase ('settlements and villages'), or
a pronoun whose concept another figure gives ('150 of them')."""

from __future__ import annotations

from dataclasses import dataclass

from newsledger.extract.figures.spotting import Quantity
from newsledger.extract.figures.vocabulary import PRONOUNS
from newsledger.extract.numbers import VAGUE


@dataclass
class Parsed:
    """What the parse says about one quantity."""

    root: object = None  # the syntactic head inside the figure's span
    head: object = None  # the counted noun
    concept: str | None = None
    pronoun: bool = False  # 'of them' / 'others': the concept comes from another figure
    of_pronoun: bool = False  # '150 of them': a subset of that figure


def _span_root(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def counted_noun(root, q_start: int, q_end: int):
    """The noun a number counts: '613 Azerbaijanis', 'hundreds of civilians', '44-day conflict'."""
    head = root.head
    modifies = root.dep_ in ("nummod", "compound", "amod", "nmod", "quantmod", "npadvmod") and head.i > root.i
    if modifies and (head.pos_ in ("NOUN", "PROPN", "PRON") or head.lower_ in PRONOUNS):
        return head
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                target = objects[0]
                # 'tens of thousands of people': skip over number words to the noun counted
                while target.like_num or target.lower_ in VAGUE:
                    nested = [c for g in target.children if g.dep_ == "prep" and g.lower_ == "of"
                              for c in g.children if c.dep_ == "pobj"]
                    if not nested:
                        break
                    target = nested[0]
                return target
    return None


def noun_phrase(head, start_limit: int) -> str:
    """The counted noun with its modifiers and conjoined nouns: 'settlements and villages'."""
    doc = head.doc
    left = head.i
    for child in head.lefts:
        if child.dep_ in ("amod", "compound", "nmod", "poss", "npadvmod") and child.idx >= start_limit:
            left = min(left, min(t.i for t in child.subtree))
    while left < head.i and (doc[left].pos_ in ("DET", "PRON", "PUNCT") or doc[left].tag_ == "PRP$"
                             or doc[left].idx < start_limit):
        left += 1
    right = head.i
    for child in head.rights:
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN") and not any(
            g.dep_ == "nummod" for g in child.children
        ):
            right = max(right, child.i)
            for grand in child.rights:
                if grand.dep_ == "conj" and grand.pos_ in ("NOUN", "PROPN"):
                    right = max(right, grand.i)
    return doc[left : right + 1].text


def parse_quantity(doc, q: Quantity) -> Parsed:
    root = _span_root(doc, q.start, q.end)
    if root is None:
        return Parsed()
    parsed = Parsed(root=root)
    head = counted_noun(root, q.start, q.end)
    if head is None:
        return parsed
    parsed.head = head
    if head.lower_ in PRONOUNS:
        parsed.pronoun = True
        parsed.of_pronoun = head.dep_ == "pobj"
        return parsed
    if head.idx >= q.start and head.idx < q.end:
        return parsed  # the 'noun' is the figure itself ('hundreds'), nothing counted
    parsed.concept = noun_phrase(head, q.end if head.i > root.i else 0)
    return parsed
