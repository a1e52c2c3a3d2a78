"""Outcomes of human tolls: which outcome governs a head count, by its noun ('40 dead'), verb ('were
killed', 'killing hundreds'), the verb's complement ('taken hostage') or a toll noun ('the death toll
rose to 45'); and tolls of none ('No one was killed' -> 0 killed)."""

from __future__ import annotations

from newsledger.extract.figures.concepts import Parsed, counted_noun, noun_phrase
from newsledger.extract.figures.spotting import Quantity
from newsledger.extract.figures.tokens import TokenIndex
from newsledger.extract.figures.vocabulary import (
    OUTCOME_VERBS,
    OUTCOME_WORDS,
    TOLLS,
    VERB_OBJECTS,
    ZERO_NOT_BEFORE,
    ZERO_PATTERN,
)
from newsledger.model import Figure, Span, overlaps

# where the outcome word of a clause sits besides its verb: 'taken hostage', 'are still missing'
_COMPLEMENTS = frozenset({"acomp", "oprd", "xcomp", "attr", "ccomp", "advcl", "dobj", "npadvmod"})


def _outcome_of(token) -> str | None:
    """The outcome a word names: 'killed' / 'kill' -> killed, 'hostage' -> hostage, 'wipe out' -> killed."""
    lowered = token.lower_
    if lowered in OUTCOME_WORDS:
        return OUTCOME_WORDS[lowered]
    if token.pos_ in ("VERB", "AUX", "ADJ"):
        particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
        for particle in particles:
            phrase = f"{token.lemma_.lower()} {particle}"
            if phrase in OUTCOME_VERBS:
                return OUTCOME_VERBS[phrase]
        if token.lemma_.lower() in OUTCOME_VERBS:
            return OUTCOME_VERBS[token.lemma_.lower()]
        for child in token.children:  # 'claimed 60 lives', 'lost their lives'
            phrase = f"{token.lemma_.lower()} {child.lemma_.lower()}"
            if child.dep_ in ("dobj", "oprd", "acomp") and phrase in VERB_OBJECTS:
                return VERB_OBJECTS[phrase]
    return None


def _toll(token) -> str | None:
    """The outcome of a toll noun: 'death toll' -> killed, 'toll' -> its own ('killed')."""
    if token.lemma_.lower() not in TOLLS:
        return None
    for child in token.children:
        if child.dep_ in ("compound", "amod") and child.lower_ in OUTCOME_WORDS:
            return OUTCOME_WORDS[child.lower_]
    return TOLLS[token.lemma_.lower()]


def _among(governor) -> str | None:
    """'Among the dead were 14 children', 'six journalists were among those detained'."""
    for prep in governor.children:
        if prep.dep_ != "prep" or prep.lower_ != "among":
            continue
        for group in prep.children:
            if group.dep_ != "pobj":
                continue
            if group.lower_ in OUTCOME_WORDS:
                return OUTCOME_WORDS[group.lower_]
            for child in group.children:
                if child.dep_ in ("acl", "relcl", "amod"):
                    found = _outcome_of(child)
                    if found:
                        return found
    return None


def outcome_category(parsed: Parsed) -> str | None:
    """The outcome that governs a count: its noun ('40 dead'), verb ('were killed', 'killing
    hundreds') or the verb's complement ('taken hostage', 'are still missing')."""
    node = parsed.head if parsed.head is not None and not parsed.of_pronoun else parsed.root
    if node is None:
        return None
    root = parsed.root
    # '40 dead', '300 refugees', and the parser's '31 [engineers hostage]' / '300 [dead]' (nummod of an ADJ)
    for token in (node, root, node.head if node.dep_ == "compound" else None,
                  root.head if root is not None and root.dep_ in ("nummod", "quantmod") else None):
        if token is not None and token.lower_ in OUTCOME_WORDS:
            return OUTCOME_WORDS[token.lower_]
    for child in node.children:  # '30 people killed', 'people who died'
        if child.dep_ in ("acl", "relcl", "amod"):
            found = _outcome_of(child)
            if found:
                return found
    # 'hundreds of civilians': the governor is that of 'hundreds'
    while node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head is not node:
        node = node.head.head
        if _toll(node):  # 'a death toll of 45'
            return _toll(node)
    if node.dep_ == "pobj" and node.head.lower_ in ("to", "at"):
        # 'the death toll rose to 45', 'raising the toll to 45', 'the toll stands at 45'
        verb = node.head.head
        for token in (verb, *verb.children):
            if token.dep_ in ("nsubj", "nsubjpass", "dobj", "ROOT") and _toll(token):
                return _toll(token)
    while node.dep_ == "conj" and node.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        node = node.head
    if node.dep_ not in ("nsubj", "nsubjpass", "dobj", "attr", "appos", "npadvmod", "ROOT", "conj"):
        return None
    governor = node.head if node.dep_ != "ROOT" else node
    found = _outcome_of(governor) or _among(governor)
    if found:
        return found
    for child in governor.children:
        if child.dep_ in _COMPLEMENTS and child is not node:
            if child.dep_ in ("ccomp", "advcl") and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
                continue  # 'One official said 126 people were killed': the toll is another subject's
            found = _outcome_of(child)
            if found:
                return found
    return None


def counts_people(q: Quantity) -> bool:
    """Outcomes are for head counts: no unit (a percentage of people killed is not a toll)."""
    return q.unit is None


def zero_tolls(text: str, doc, index: TokenIndex, taken: list[tuple[int, int]]) -> list[tuple[Figure, Parsed]]:
    """Tolls of none: 'No one was killed' -> 0 killed, 'no deaths were reported' -> 0 killed.

    A zero word is a figure only where an outcome governs it: 'no plans', 'none of this' are not."""
    found: list[tuple[Figure, Parsed]] = []
    for m in ZERO_PATTERN.finditer(text):
        position = index[m.end() - 1]
        if position < 0 or overlaps(m.start(), m.end(), taken):
            continue
        token = doc[position]
        if m["w"].lower() == "no":
            following = doc[position + 1] if position + 1 < len(doc) else None
            if (token.dep_ != "det" or token.head.pos_ not in ("NOUN", "PROPN") or token.head.i < token.i
                    or following is None or following.lower_ in ZERO_NOT_BEFORE):
                continue
            parsed = Parsed(root=token.head, head=token.head, concept=noun_phrase(token.head, m.end()))
        else:  # 'no one', 'nobody', 'none of the passengers'
            head = counted_noun(token, m.start(), m.end())
            parsed = Parsed(root=token, concept=noun_phrase(head, m.end()) if head is not None else None)
        category = outcome_category(parsed)
        if category is None:
            continue
        figure = Figure(id="", span=Span(m.start(), m.end(), m.group()), value=0, change="=",
                        concept=parsed.concept, category=category)
        found.append((figure, parsed))
    return found
