"""Figures read together: a pronoun figure takes its antecedent's concept ('1,275 Azerbaijanis ...,
150 of them'), a subset its ``part_of`` ('including 106 women', 'among them four children'), and
a bare number the unit or noun its partner states ('8 or $9', 'up from 2.4 million')."""

from __future__ import annotations

from dataclasses import replace

from newsledger.extract.figures.concepts import Parsed
from newsledger.extract.figures.vocabulary import PRONOUNS, SUBSET_MARKERS
from newsledger.model import Figure


def link_figures(parsed_of: list[tuple[Figure, Parsed]]) -> list[Figure]:
    """Give pronoun figures their antecedent's concept and subsets their ``part_of`` (ids set here)."""
    out: list[Figure] = []
    ids = [f"fig-{i}" for i in range(1, len(parsed_of) + 1)]
    for index, (figure, parsed) in enumerate(parsed_of):
        if parsed.pronoun:
            antecedent = _antecedent(parsed_of, index)
            if antecedent is not None:
                other = out[antecedent]
                figure = replace(figure, concept=other.concept)
                if parsed.of_pronoun:
                    category = figure.category or other.category
                    figure = replace(figure, part_of=ids[antecedent], category=category)
            elif parsed.head is not None:
                figure = replace(figure, concept=parsed.head.text)
        elif figure.unit is None and figure.concept is None and parsed.root is not None:
            figure = _fill_ellipsis(figure, parsed_of, out, index)
        target = _subset_target(parsed)
        if target is None and _among_them(parsed):  # '12 people dead, among them four children'
            antecedent = _antecedent(parsed_of, index)
            if antecedent is not None:
                other = out[antecedent]
                figure = replace(figure, part_of=ids[antecedent], category=figure.category or other.category)
        if target is not None:
            # 'including' hangs from the group ('hundreds of civilians, including') or, as the parser
            # often has it, from the verb whose object the group is ('killing dozens ..., including')
            targets = {target} | {c for c in target.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")}
            for j in range(index - 1, -1, -1):
                other_parsed = parsed_of[j][1]
                if other_parsed.root in targets or other_parsed.head in targets:
                    figure = replace(figure, part_of=ids[j], category=figure.category or out[j].category)
                    break
        out.append(figure)
    return out


# a bare number after these compares with the count before it: 'up from 2.4 million', 'compared with 63'
_COMPARISON_PREPS = frozenset({"from", "with", "than"})


def _fill_ellipsis(figure: Figure, parsed_of: list[tuple[Figure, Parsed]], done: list[Figure], index: int) -> Figure:
    """A bare number whose unit or counted noun the text leaves out takes them from its partner:
    a conjunct ('8 or $9', '435 homes by open sale and 187 by tender') or, after 'from' / 'with' /
    'than', the count just before it ('3.9 million headsets, up from 2.4 million')."""
    root = parsed_of[index][1].root
    partner = _conjunct_partner(parsed_of, index)
    if partner is not None:
        other = done[partner] if partner < index else parsed_of[partner][0]
        return replace(figure, unit=other.unit, concept=other.concept)
    if root.dep_ == "pobj" and root.head.lower_ == "to":
        # 'from about 14-18 mpg to 24': the end of a from-to span shares its start's unit
        for j in range(index - 1, max(-1, index - 3), -1):
            other, other_root = done[j], parsed_of[j][1].root
            node = other_root
            if node is not None and node.dep_ in ("nummod", "quantmod"):
                node = node.head
            if (node is not None and node.dep_ == "pobj" and node.head.lower_ == "from"
                    and root.head.head.i in (node.head.i, node.head.head.i) and other.unit is not None):
                return replace(figure, unit=other.unit)
    if root.dep_ == "pobj" and root.head.lower_ in _COMPARISON_PREPS:
        for j in range(index - 1, -1, -1):
            other, other_parsed = done[j], parsed_of[j][1]
            if other_parsed.root is None or other_parsed.root.i < root.sent.start:
                break
            if other.unit is None and other.concept is not None and other.value_range is None:
                return replace(figure, concept=other.concept)
    return figure


def _conjunct_partner(parsed_of: list[tuple[Figure, Parsed]], index: int) -> int | None:
    """The figure a bare number is coordinated with, when that one has a unit or counted noun."""
    root = parsed_of[index][1].root
    by_root = {p.root.i: j for j, (f, p) in enumerate(parsed_of) if p.root is not None and j != index
               and (f.unit is not None or f.concept is not None)}
    if root.dep_ == "conj" and root.head.i in by_root:
        return by_root[root.head.i]
    for child in root.children:
        if child.dep_ == "conj" and child.i in by_root:
            return by_root[child.i]
    if root.dep_ == "conj" and root.head.pos_ in ("VERB", "AUX"):
        # gapping: '[offer] 435 homes by open sale and 187 by tender' -- the verb's object counts
        for j, (_, p) in enumerate(parsed_of[:index]):
            node = p.head if p.head is not None else p.root
            if j in by_root.values() and node is not None and node.head.i == root.head.i and node.dep_ == "dobj":
                return j
    return None


def _among_them(parsed: Parsed) -> bool:
    """The counted noun carries a subset marker with a pronoun: 'among them four children'."""
    node = parsed.head if parsed.head is not None else parsed.root
    if node is None:
        return False
    return any(prep.dep_ == "prep" and prep.lower_ in SUBSET_MARKERS
               and any(c.dep_ == "pobj" and c.lower_ in PRONOUNS for c in prep.children)
               for prep in node.children)


def _antecedent(parsed_of: list[tuple[Figure, Parsed]], index: int) -> int | None:
    """The figure a pronoun refers to: the nearest one before it, in its sentence or the one before,
    that counts something named ('1,275 Azerbaijanis ..., 150 of them')."""
    parsed = parsed_of[index][1]
    sentence = parsed.root.sent if parsed.root is not None else None
    for j in range(index - 1, -1, -1):
        other_figure, other = parsed_of[j]
        if other.root is None or other_figure.concept is None or other_figure.unit is not None:
            continue
        if sentence is not None and other.root.sent.start < sentence.start:
            previous = other.root.doc[sentence.start - 1].sent if sentence.start > 0 else None
            if previous is None or other.root.sent.start != previous.start:
                return None
        if other.head is not None and other.head.dep_ == "pobj" and other.head.head.lower_ in SUBSET_MARKERS:
            continue  # a subset ('including 106 women') is not what 'them' points back to
        return j
    return None


def _subset_target(parsed: Parsed):
    """The token a subset hangs from: '[hundreds] of civilians, including 106 women' -> hundreds."""
    node = parsed.head if parsed.head is not None else parsed.root
    if node is None:
        return None
    while node.dep_ == "conj":
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ in SUBSET_MARKERS:
        return node.head.head
    return None
