"""Where characters fall in the parse: the token covering a character offset, the doc's name
entities."""

from __future__ import annotations

import bisect

from newsledger.extract.numbers import NAME_LABELS
from newsledger.extract.parsed import entities


class TokenIndex:
    """char offset -> index of the token covering it (-1 between tokens), and the doc's name entities;
    built once per doc from spaCy's arrays (iterating tokens or ``doc.ents`` per number is slow)."""

    def __init__(self, doc=None) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.names: list[tuple[int, int]] = []
        if doc is None or not len(doc):
            return
        from spacy.attrs import IDX, LENGTH

        columns = doc.to_array([IDX, LENGTH]).tolist()
        self.starts = [start for start, _ in columns]
        self.ends = [start + length for start, length in columns]
        self.names = [(e.start_char, e.end_char) for e in entities(doc) if e.label_ in NAME_LABELS]

    def __bool__(self) -> bool:
        return bool(self.starts)

    def __getitem__(self, char: int) -> int:
        i = bisect.bisect_right(self.starts, char) - 1
        return i if i >= 0 and char < self.ends[i] else -1

