"""How a number is hedged or moved: the words before it ('almost 20%' -> '~', 'more than 700' ->
'>', 'up 2%' -> up, 'minus 387') and the verb it is the amount of ('rose 8%' -> up, 'fell by 0.4
per cent' -> down)."""

from __future__ import annotations

import re

from newsledger.extract.figures.concepts import Parsed
from newsledger.extract.figures.spotting import Quantity
from newsledger.extract.figures.vocabulary import DIRECTION_ADVERBS, DIRECTION_VERBS, HEDGES
from newsledger.extract.numbers import BLANKS as _S
from newsledger.extract.numbers import BLANKS0 as _S0
from newsledger.extract.numbers import alternation as _alt

_HEDGE_BEFORE = re.compile(rf"(?<![\w-])(?P<w>{_alt(HEDGES)}){_S0}$")
_DIRECTION_ADVERB = re.compile(rf"(?<![\w-])(?P<w>{_alt(DIRECTION_ADVERBS)}){_S}(?:(?i:by){_S})?$")
MINUS_BEFORE = re.compile(rf"(?<![\w-])(?i:minus)(?:{_S0}-{_S0}|{_S})$")


def attach_hedge(q: Quantity, text: str) -> None:
    """'almost 20%' -> '~', 'more than 700' -> '>', 'up 2%' -> 'up' (from the words before)."""
    before = MINUS_BEFORE.sub("", text[max(0, q.start - 36) : q.start])  # 'about minus 387' is hedged too
    direction = _DIRECTION_ADVERB.search(before)
    if direction:
        q.change = DIRECTION_ADVERBS[direction["w"].lower()]
        return
    m = _HEDGE_BEFORE.search(before)
    if m:
        change = HEDGES[" ".join(m["w"].lower().split())]
        if q.change in (None, "~"):
            q.change = change
        if change != "=":
            q.approx = True


def direction_of(parsed: Parsed) -> str | None:
    """'rose 8.15%', 'fell by 0.4 per cent' -> up / down (not 'to 3.65': that is a level)."""
    root = parsed.root
    if root is None:
        return None
    node = root
    if node.dep_ in ("nummod", "quantmod") and node.head.pos_ in ("NOUN", "PROPN") and node.head.i > node.i:
        node = node.head  # 'grew by 125,600 positions': the counted noun stands in the clause
    for _ in range(3):  # 'lost 190 points, or 0.6%': a conjunct or apposition plays the first one's part
        if node.dep_ not in ("conj", "appos") or node.head.pos_ not in ("NOUN", "PROPN", "NUM", "SYM"):
            break
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ == "by":
        node = node.head
    elif node.dep_ not in ("dobj", "npadvmod", "advmod", "attr"):
        return None
    verb = node.head
    lemma = verb.lemma_.lower()
    particles = [c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")]
    for particle in particles:
        if f"{lemma} {particle}" in DIRECTION_VERBS:
            return DIRECTION_VERBS[f"{lemma} {particle}"]
    return DIRECTION_VERBS.get(lemma) if verb.pos_ in ("VERB", "AUX") else None
