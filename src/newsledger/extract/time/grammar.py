"""What the spaCy parse tells the rules: the token at a character offset, the tense of a clause, a word's
dependency, and whether a number counts the noun after it."""

from __future__ import annotations

import bisect
from collections.abc import Callable

from newsledger.extract.time.lexicon import FUTURE_AUXILIARIES, INTENT_VERBS, MONTHS, UNIT_FORMS


class TokenIndex:
    """The token at a char offset, by bisection over the token starts (built once per doc, in C)."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.starts: list[int] = doc.to_array("IDX").tolist() if doc is not None and len(doc) else []

    def at(self, offset: int):
        """The token covering ``offset``, or None (between tokens, or without a parse)."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return None
        token = self.doc[i]
        return token if offset < token.idx + len(token.text) else None


def tense_function(tokens: TokenIndex) -> Callable[[int], str]:
    """char offset -> 'past' | 'present' | 'future' | 'unknown', from the clause's verb."""

    def tense_at(offset: int) -> str:
        token = tokens.at(offset)
        if token is None:
            return "unknown"
        while token.dep_ in ("compound", "nummod") and token.head.i > token.i:
            token = token.head  # 'Jan.' in 'Jan. 14'
        if token.dep_ in ("compound", "amod", "nmod", "poss") and token.head.i > token.i and token.head.pos_ == "NOUN":
            return "unknown"  # 'the Jan. 14 deadline', "Thursday's ruling": a date inside a noun has no tense
        for _ in range(6):
            if token.pos_ in ("VERB", "AUX") or token.head is token:
                break
            token = token.head
        auxes = [t for t in token.children if t.dep_ in ("aux", "auxpass")] + [token]
        if any(t.lower_ in FUTURE_AUXILIARIES for t in auxes):
            return "future"
        if token.tag_ == "VB" and any(t.lower_ == "to" for t in auxes):
            # 'expected to join in April', 'plans to visit on Monday'; other infinitives carry no tense
            intent = token.head.lemma_ in INTENT_VERBS or token.head.lower_ == "going"  # 'is going to start'
            return "future" if intent else "present"
        if token.lemma_ in INTENT_VERBS and token.tag_ == "VBN" and len(auxes) > 1:
            return "future"  # 'is scheduled for Monday', 'was set to open in May'; not 'the record set on Aug. 6'
        if any(t.tag_ in ("VBD",) for t in auxes) or (token.tag_ == "VBN" and not auxes[:-1]):
            return "past"
        if any(t.lower_ == "had" for t in auxes):
            return "past"
        if any(t.lower_ in ("has", "have", "'ve", "’ve") for t in auxes):
            return "present"  # a present perfect seldom takes a past date ('has given them until Tuesday')
        if token.pos_ in ("VERB", "AUX"):
            return "present"
        return "unknown"

    return tense_at


def dependency_at(tokens: TokenIndex, offset: int) -> str:
    """The dependency label of the token at a char offset ('' without a parse)."""
    token = tokens.at(offset)
    return token.dep_ if token is not None else ""


def nummod_function(tokens: TokenIndex) -> Callable[[int], bool]:
    """char offset -> True when the number there counts a noun after it ('in 2000 cases')."""
    from_units = set(UNIT_FORMS) | set(MONTHS)

    def nummod_at(offset: int) -> bool:
        token = tokens.at(offset)
        if token is None:
            return False
        head = token.head
        return (
            token.dep_ == "nummod"
            and head.i > token.i
            and head.pos_ in ("NOUN",)
            and head.lower_ not in from_units
            and head.tag_ == "NNS"
        )

    return nummod_at
