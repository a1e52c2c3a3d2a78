"""Type evidence: every name mention votes for its type (NER label, class nouns, geography qualifiers,
a title), mentions with the same text pool their votes, and a cluster made of names takes their winner."""

from __future__ import annotations

from collections import Counter

from newsledger.extract.entities.cluster import Cluster, _key
from newsledger.extract.entities.mention import Mention
from newsledger.extract.entities.vocabulary import lexicon


def _class_vote(doc, m: Mention) -> None:
    """Votes from geography words and class nouns: "Upper Karabakh", "the X region", "X, a small town",
    "Dick Clark Productions"."""
    lex = lexicon()
    head = doc[m.j - 1]
    if m.label == "PERSON" and m.j - m.i > 1 and doc[m.i].lower_ in lex.geo_qualifiers:
        m.votes["LOC"] += 3
    nouns = []
    if head.dep_ == "compound" and head.head.i >= m.j:
        nouns.append(head.head)
    nouns.extend(c for c in head.children if c.dep_ == "appos")
    for noun in nouns:
        etype = lex.class_nouns.get(noun.lower_)
        if etype:
            m.votes[etype] += 2
    own = lex.class_nouns.get(head.lower_) if m.j - m.i > 1 else None
    if own in ("ORG", "FAC"):
        m.votes[own] += 2  # "Dick Clark Productions" is a company, whatever the tagger made of "Dick Clark"


_TYPE_PRIORITY = ("GPE", "LOC", "PERSON", "ORG", "NORP", "FAC", "EVENT", "OTHER")
"""Ties between votes go to the earlier type: a small model's ORG/FAC on a place is the common error."""


def _winner(votes: Counter, default: str) -> str:
    if not votes:
        return default
    return max(votes, key=lambda t: (votes[t], -_TYPE_PRIORITY.index(t) if t in _TYPE_PRIORITY else -99))


def vote_types(doc, mentions: list[Mention]) -> None:
    """Give every name mention the type its surface form gets over the whole text.

    A small model labels "Karabakh" ORG here, GPE there and PERSON elsewhere: the votes of all mentions
    with the same text, plus class words ("the X region") and geography qualifiers ("Upper X"), decide.
    """
    totals: dict[str, Counter] = {}
    for m in mentions:
        if m.kind == "name":
            _class_vote(doc, m)
            if m.title is not None:
                m.votes["PERSON"] += 3
            totals.setdefault(_key(m.text(doc)), Counter()).update(m.votes)
    for m in mentions:
        if m.kind == "name":
            m.type = _winner(totals[_key(m.text(doc))], m.type)


def _cluster_type(cluster: Cluster) -> str:
    if not cluster.voted:
        return cluster.type
    votes = Counter()
    for m in cluster.mentions:
        votes.update(m.votes)
    return _winner(votes, cluster.type)
