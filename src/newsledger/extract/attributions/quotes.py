"""Quotations and paragraphs in the raw text, and character ranges trimmed by the content conventions.

A quotation's content keeps its quote marks; a reported clause loses the blanks, clause
punctuation and full stop around it but keeps the closing mark of a quotation it opened.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsledger.extract.attributions.vocabulary import lexicon


@dataclass
class Quote:
    """A quotation: its opening mark and, per paragraph it runs over, the quoted text's range."""

    open: int  # index of the opening mark
    close: int | None  # index of the closing mark; None when the quote runs to a paragraph's end
    parts: list[tuple[int, int]]  # content ranges between the marks, one per paragraph
    close_width: int = 1  # length of the closing mark ('' is two characters)

    @property
    def start(self) -> int:
        return self.open

    @property
    def end(self) -> int:
        return self.close + self.close_width if self.close is not None else self.parts[-1][1]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The ``[start, end)`` ranges of the non-empty lines of ``text``.

    >>> paragraphs("One.\\n\\nTwo.")
    [(0, 4), (6, 10)]
    """
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]


def _mark_at(text: str, pos: int, marks: Sequence[str]) -> str | None:
    """The longest of ``marks`` starting at ``pos``."""
    return next((m for m in marks if text.startswith(m, pos)), None)


def find_quotes(text: str, pairs: dict[str, str] | None = None) -> list[Quote]:
    """Every double-quoted stretch of ``text``, paragraph-aware; never fails on unbalanced marks.

    A quote still open at a paragraph's end continues when the next paragraph opens with a quote
    mark (the news convention for multi-paragraph quotations); otherwise it ends with its paragraph.

    >>> [(q.open, q.close, q.parts) for q in find_quotes('He said: "Yes."')]
    [(9, 14, [(10, 14)])]
    """
    pairs = pairs or lexicon().quote_pairs
    openers = sorted(pairs, key=len, reverse=True)
    closers = sorted(set(pairs.values()), key=len, reverse=True)
    any_mark = re.compile("|".join(re.escape(m) for m in sorted(set(openers) | set(closers), key=len, reverse=True)))
    quotes: list[Quote] = []
    pending: Quote | None = None  # a quote open at the end of the previous paragraph
    pending_closer = ""
    for p_start, p_end in paragraphs(text):
        current, closer, pos = None, "", p_start
        if pending is not None:
            mark = _mark_at(text, p_start, openers)
            if mark is not None:
                current, closer, pos = pending, pending_closer, p_start + len(mark)
            else:
                quotes.append(pending)
            pending = None
        content_start = pos
        while pos < p_end:
            matched = _closing_at(text, pos, closer) if current is not None else None
            if matched is not None:
                current.parts.append((content_start, pos))
                current.close, current.close_width = pos, len(matched)
                quotes.append(current)
                current, pos = None, pos + len(matched)
                continue
            opener = _mark_at(text, pos, openers)
            if current is not None and opener is not None and opener != closer:
                # A new opening mark inside an open quote: the first one was never closed.
                current.parts.append((content_start, pos))
                quotes.append(current)
                current = None
                continue
            if current is None:
                if opener is None:
                    stray = _mark_at(text, pos, closers)
                    opener = stray if stray and _looks_opening(text, pos, len(stray), p_end) else None
                if opener is not None:
                    closer = pairs.get(opener, opener)
                    current, content_start = Quote(open=pos, close=None, parts=[]), pos + len(opener)
                    pos += len(opener)
                    continue
            following = any_mark.search(text, pos + 1, p_end)  # nothing happens between the marks
            pos = following.start() if following else p_end
        if current is not None:
            current.parts.append((content_start, p_end))
            pending, pending_closer = current, closer
    if pending is not None:
        quotes.append(pending)
    return [q for q in quotes if any(e > s for s, e in q.parts)]


_MIXED_CLOSERS = {'"': ("”",), "”": ('"',)}
"""Closing marks wire copy mixes up: a straight opening mark closed by a curly one and the reverse
('"And I asked, well, on whose authority?” said Hill')."""


def _closing_at(text: str, pos: int, closer: str) -> str | None:
    """The closing mark at ``pos``: ``closer`` or the one wire copy types in its place."""
    for mark in (closer, *_MIXED_CLOSERS.get(closer, ())):
        if text.startswith(mark, pos):
            return mark
    return None


class QuoteParts:
    """The quoted ranges of some quotations, asked "is this position (or range) quoted?" quickly.

    >>> parts = QuoteParts(find_quotes('He said: "Yes." Then "no."'))
    >>> 11 in parts, 16 in parts, parts.holds(10, 14)
    (True, False, True)
    """

    def __init__(self, quotes: Iterable[Quote]) -> None:
        self._ranges = sorted((s, e) for q in quotes for s, e in q.parts)
        self._starts = [s for s, _ in self._ranges]

    def _around(self, pos: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self._starts, pos) - 1
        return self._ranges[i] if i >= 0 else None

    def __contains__(self, pos: int) -> bool:
        found = self._around(pos)
        return found is not None and pos < found[1]

    def holds(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies wholly inside one quoted range."""
        found = self._around(start)
        return found is not None and end <= found[1]


def _looks_opening(text: str, pos: int, width: int, limit: int) -> bool:
    """A closing-style mark used to open a quote: blank (or start) before it, a word after it."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + width] if pos + width < limit else " "
    return (before.isspace() or before in "([") and not after.isspace()


_TRIM_CHARS = " \t\n\u00a0,;:—–-"


def trim(text: str, start: int, end: int, pairs: dict[str, str] | None = None) -> tuple[int, int]:
    """Shrink ``[start, end)`` past blanks and clause punctuation; drop a final full stop unless quoted.

    A quotation opened inside the range keeps its closing mark and the punctuation inside it
    (``called them “deplorables.”``): quoted words are content with their marks.

    >>> trim("said that X is Y.", 5, 17)
    (5, 16)
    >>> text = 'said it was “a disgrace.”'
    >>> text[slice(*trim(text, 5, 23))]
    'it was “a disgrace.”'
    """
    pairs = pairs or lexicon().quote_pairs
    while start < end and text[start] in _TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in _TRIM_CHARS:
        end -= 1
    if end > start and text[end - 1] == "." and not text[start:end].endswith(".."):
        end -= 1  # a sentence's full stop belongs to the reporting sentence, not to the reported clause
    while end > start and text[end - 1] in _TRIM_CHARS:
        end -= 1
    end -= _stray_closing_mark(text, start, end, pairs)
    start = _open_closed_quote(text, start, end, pairs)
    return start, _close_open_quote(text, start, end, pairs)


def _open_closed_quote(text: str, start: int, end: int, pairs: dict[str, str]) -> int:
    """Move ``start`` back over an opening mark right before it whose quotation closes in the range."""
    for opener, closer in pairs.items():
        if start >= len(opener) and text.endswith(opener, 0, start):
            closes = text.count(closer, start, end)
            opens = text.count(opener, start, end) if opener != closer else 0
            if (closes % 2 == 1) if opener == closer else closes > opens:
                return start - len(opener)
    return start


def _open_quote(text: str, start: int, end: int, pairs: dict[str, str]) -> str | None:
    """The closing mark owed by a quotation opened in ``[start, end)`` and not closed there."""
    for opener, closer in pairs.items():
        if opener == closer:
            if text.count(opener, start, end) % 2 == 1:
                return closer
        elif text.count(opener, start, end) > text.count(closer, start, end):
            return closer
    return None


def _close_open_quote(text: str, start: int, end: int, pairs: dict[str, str]) -> int:
    """Extend ``end`` over ``.”`` / ``”`` when the range opened a quotation it did not close."""
    closer = _open_quote(text, start, end, pairs)
    if closer is None:
        return end
    found = re.match(r"[.,!?…]*" + re.escape(closer), text[end : end + 4])
    return end + found.end() if found else end


def _stray_closing_mark(text: str, start: int, end: int, pairs: dict[str, str]) -> int:
    """The width of a closing mark ending ``[start, end)`` whose quotation began before ``start``."""
    for opener, closer in pairs.items():
        if not text.endswith(closer, start, end):
            continue
        closed = text.count(closer, start, end)
        stray = closed % 2 == 1 if opener == closer else closed > text.count(opener, start, end)
        if stray:
            return len(closer)
    return 0


def quote_content(text: str, start: int, end: int) -> tuple[int, int]:
    """A quotation's text without blanks and the comma or colon that hands over to the cue."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in " \t\n,;:":
        end -= 1
    return start, end


def quote_spans(text: str, quote: Quote, marks: Iterable[str]) -> list[tuple[int, int]]:
    """A quotation's content spans *with* their quote marks, one per paragraph it runs over.

    PolNeAR and PARC count the marks, and the punctuation inside them, as part of the content:
    ``“We will win,” he said`` -> ``“We will win,”``.
    """
    openers = sorted(marks, key=len, reverse=True)
    spans = []
    for number, (start, end) in enumerate(quote.parts):
        mark = next((m for m in openers if text.endswith(m, 0, start)), "")
        start -= len(mark)
        if number == len(quote.parts) - 1 and quote.close is not None:
            end = quote.close + quote.close_width
        else:
            while end > start and text[end - 1].isspace():
                end -= 1
        if end > start + len(mark) and text[start + len(mark) : end].strip():
            spans.append((start, end))
    return spans
