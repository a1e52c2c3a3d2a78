"""Datelines the parse reads as a sentence's subject: "WASHINGTON --", "ISLAMABAD:", "Indianapolis –
Several thousand teachers ... surrounded". The place is where the story was filed, not who did or said
anything; the attributions and the events both ask this before they take a subject.

(``newsledger.extract.places`` finds the places of datelines in capitals by a pattern over the text;
this asks of one token of the parse.)
"""

from __future__ import annotations

DASHES = frozenset({"--", "—", "–"})


def ends_a_place_line(token, before: str) -> bool:
    """Whether ``token`` ends the place of a dateline; ``before`` is the text of its paragraph (or
    sentence) before it, stripped: a place in capitals before a dash or a colon ("WASHINGTON --",
    "ISLAMABAD:", "LONDON (AP) —"), or a proper noun in title case, after at most two capitalised
    words, before a dash ("Indianapolis –", "New York —").

    >>> from newsledger.pipeline import load_nlp
    >>> doc = load_nlp()("Indianapolis – Several thousand teachers rallied.")
    >>> ends_a_place_line(doc[0], ""), ends_a_place_line(doc[3], "Indianapolis – Several")
    (True, False)
    """
    doc = token.doc
    following = token.i + 1
    if following < len(doc) and doc[following].text == "(":  # "LONDON (AP) —": past the agency's name
        close = next((t.i for t in doc[following : following + 5] if t.text == ")"), None)
        following = close + 1 if close is not None else following
    after = doc[following] if following < len(doc) else None
    if after is None:
        return False
    if token.is_upper and (not before or before.isupper()) and (after.text in DASHES or after.text == ":"):
        return True
    words = before.split()
    return (token.pos_ == "PROPN" and after.text in DASHES and len(words) <= 2
            and all(w[:1].isupper() for w in words))
