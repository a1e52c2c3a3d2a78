"""Small questions about the dependency parse that every step asks: a token's lemma, the tokens above
it, the verb governing a noun, the object of a preposition.
"""

from __future__ import annotations

from collections.abc import Iterable


def _lemma(token) -> str:
    return token.lemma_.lower()


def _governing_verb(token):
    """The verb a noun is the object or subject of ("declared a ceasefire", "agreed to a ceasefire"), or None."""
    if token.dep_ in ("dobj", "obj", "nsubjpass", "nsubj", "attr", "conj") and token.head.pos_ in ("VERB", "AUX"):
        return token.head
    if token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.pos_ in ("VERB", "AUX"):
        return token.head.head
    return None


def _of_objects(token) -> list:
    return [c for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children
            if c.dep_ == "pobj"]  # fmt: skip


def _prep_object(token, preps: frozenset[str], skip: frozenset[int] = frozenset()):
    """The object of the first preposition of ``preps`` hanging on ``token`` ("to" may be parsed a dative)."""
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            obj = next((c for c in child.children if c.dep_ == "pobj" and c.i not in skip), None)
            if obj is not None:
                return obj
    return None


def _ancestors(token) -> list:
    chain = []
    while token.head.i != token.i:
        token = token.head
        chain.append(token)
    return chain


def _governors(head) -> Iterable:
    """The verbs a clause head depends on through complements (xcomp, ccomp, pcomp, prep)."""
    token = head
    while token.head.i != token.i and (
        token.dep_ in ("xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "conj", "acomp")
        or (token.dep_ == "acl" and _infinitival(token))  # "an offer to host a summit"
    ):
        token = token.head
        yield token


def _infinitival(token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
