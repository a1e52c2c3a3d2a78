"""What several extractors read from one parsed Doc, computed once per Doc.

spaCy builds ``doc.text`` (joining every token), ``doc.sents``, ``doc.ents`` anew on every
access, and a new Token object for every ``doc[i]`` and every step of ``for token in doc``; six
extractors reading the same Doc paid for that again and again (about an eighth of their time).
These views of a finished parse are built on first use and kept for the last two Docs (the cache
holds them, so a Doc stays alive while it is cached; change a Doc after reading a view of it and
the view is stale).

>>> from newsledger.pipeline import load_nlp
>>> doc = load_nlp()("One. Two.")
>>> [s.text for s in sentences(doc)], sentence_number(doc)[2]
(['One.', 'Two.'], 1)
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

_DOCS_KEPT = 2  # the Doc being analysed and the one before; more would only hold memory


@lru_cache(maxsize=_DOCS_KEPT)
def text(doc) -> str:
    """``doc.text``."""
    return doc.text


@lru_cache(maxsize=_DOCS_KEPT)
def entities(doc) -> tuple[Any, ...]:
    """``doc.ents``: spaCy's named-entity spans."""
    return tuple(doc.ents)


@lru_cache(maxsize=_DOCS_KEPT)
def sentences(doc) -> tuple[Any, ...]:
    """``tuple(doc.sents)``."""
    return tuple(doc.sents)


@lru_cache(maxsize=_DOCS_KEPT)
def tokens(doc) -> tuple[Any, ...]:
    """``tuple(doc)``: iterate this instead of the Doc to reuse the Token objects."""
    return tuple(doc)


@lru_cache(maxsize=_DOCS_KEPT)
def sentence_number(doc) -> tuple[int, ...]:
    """The number of each token's sentence (0-based), by token index."""
    numbers = [0] * len(doc)
    for number, sent in enumerate(sentences(doc)):
        numbers[sent.start : sent.end] = [number] * (sent.end - sent.start)
    return tuple(numbers)


@lru_cache(maxsize=_DOCS_KEPT)
def offsets(doc) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Each token's first character and the character after its last, by token index."""
    from spacy.attrs import IDX, LENGTH

    rows = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
    return tuple(r[0] for r in rows), tuple(r[0] + r[1] for r in rows)


def span_text(doc, i: int, j: int) -> str:
    """``doc[i:j].text`` without building the Span and its Tokens.

    >>> from newsledger.pipeline import load_nlp
    >>> doc = load_nlp()("New York is big.")
    >>> span_text(doc, 0, 2), span_text(doc, 2, 2)
    ('New York', '')
    """
    if j <= i:
        return ""
    starts, ends = offsets(doc)
    return text(doc)[starts[i] : ends[j - 1]]
