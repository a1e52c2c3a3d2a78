"""Attributions: who said what, and how each side of a story is sourced.

An :class:`~newsledger.model.Attribution` ties reported content to its source and the cue that
reports it. Five kinds are found, each by a general rule over the spaCy parse:

* ``direct``: quoted text with a cue before or after it (``“…,” he said``, ``he said: “…”``);
  split quotes give one attribution with two content spans; a quote paragraph with no cue of its
  own carries the speaker over from the paragraph before; a quote running over several paragraphs
  (no closing mark until a later paragraph) is one attribution.
* ``indirect``: a cue verb and its complement (``said (that) X``, ``X, he said``, ``saying X``,
  ``told reporters X``, ``briefed reporters about X``, ``accused X of Y``, ``called for X``).
* ``mixed``: indirect speech whose content holds a quoted fragment.
* ``according_to``: ``X, according to Y`` (Y a person, a body or a document).
* ``unattributed``: an assessment nobody is named for (``is seen as``, ``is expected to``,
  ``reportedly``).

A short quoted noun phrase that no cue governs (scare quotes) is not an attribution.

The cue verbs with their stance and complement frames are in ``resources/cues.json``; quote marks,
source markers, passive assessments and pronouns in ``resources/attribution_patterns.json``.

Example::

    >>> from newsledger.pipeline import load_nlp
    >>> from newsledger.model import Article, Ledger
    >>> text = "“We will win,” the minister said."
    >>> [a.content[0].text for a in extract(load_nlp()(text), Ledger(Article("x", text)))]
    ['We will win']
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsledger.model import OUTLET, Attribution, Entity, EntityRef, Ledger, SourcingGroup, Span

try:  # entities may not export a lookup yet; the module falls back to its own mention search
    from newsledger.extract.entities import entity_at as _entity_at
except ImportError:  # pragma: no cover - depends on the state of a sibling module
    _entity_at = None

try:  # the country tables give a speaker a side when no entity does
    from newsledger import countries as _countries
except ImportError:  # pragma: no cover
    _countries = None

RESOURCES = Path(__file__).resolve().parent.parent / "resources"

Token = Any  # a spaCy Token; spaCy types are not imported at module level to keep imports light

MAX_CUE_DISTANCE = 12
"""How many tokens may stand between a quote mark and the cue that introduces or closes it."""

PARAGRAPH_CARRY = 1
"""How many paragraphs back a cue-less quote paragraph may take its speaker from."""

SPEECH_MIN_WORDS = 4
"""A cue-less quote shorter than this is a quoted term (scare quotes), not a quotation."""


# --- the lexicon ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CueEntry:
    """One cue of the lexicon: ``call for`` is the lemma ``call`` with the particle ``for``."""

    lemma: str
    head: str
    particle: str | None
    stance: str
    frames: frozenset[str]


@dataclass(frozen=True)
class Lexicon:
    """The data files, read once."""

    cues: dict[str, tuple[CueEntry, ...]]  # head lemma -> entries (longest particle first)
    source_markers: dict[tuple[str, ...], str]  # ("according", "to") -> stance
    passives: dict[str, tuple[str, frozenset[str]]]  # lemma -> (stance, complements)
    hedges: dict[str, str]  # adverb -> stance
    pronouns: dict[str, str]  # pronoun -> PERSON / GROUP / ANY
    entity_kinds: dict[str, str]  # entity or NER type -> PERSON / GROUP
    relative_pronouns: frozenset[str]
    quote_pairs: dict[str, str]
    colon_speaker: dict[str, Any]

    @property
    def quote_marks(self) -> frozenset[str]:
        """Every opening and closing quote mark."""
        return frozenset(self.quote_pairs) | frozenset(self.quote_pairs.values())


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Read ``cues.json`` and ``attribution_patterns.json``.

    >>> lexicon().cues["say"][0].stance
    'neutral'
    """
    cue_data = json.loads((RESOURCES / "cues.json").read_text(encoding="utf-8"))
    patterns = json.loads((RESOURCES / "attribution_patterns.json").read_text(encoding="utf-8"))
    cues: dict[str, list[CueEntry]] = {}
    for lemma, info in cue_data["cues"].items():
        head, _, particle = lemma.partition(" ")
        entry = CueEntry(lemma, head, particle or None, info["stance"], frozenset(info["frames"]))
        cues.setdefault(head, []).append(entry)
    return Lexicon(
        cues={
            head: tuple(sorted(entries, key=lambda e: e.particle is None)) for head, entries in cues.items()
        },
        source_markers={tuple(k.split()): v["stance"] for k, v in patterns["source_markers"].items()},
        passives={
            k: (v["stance"], frozenset(v["complements"])) for k, v in patterns["passive_assessments"].items()
        },
        hedges={k: v["stance"] for k, v in patterns["hedge_adverbs"].items()},
        pronouns=dict(patterns["pronouns"]),
        entity_kinds=dict(patterns["entity_kinds"]),
        relative_pronouns=frozenset(patterns["relative_pronouns"]),
        quote_pairs=dict(patterns["quote_pairs"]),
        colon_speaker=dict(patterns["colon_speaker"]),
    )


# --- the text's layout: paragraphs and quotes -----------------------------------------------


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
            if current is not None and text.startswith(closer, pos):
                current.parts.append((content_start, pos))
                current.close, current.close_width = pos, len(closer)
                quotes.append(current)
                current, pos = None, pos + len(closer)
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
            pos += 1
        if current is not None:
            current.parts.append((content_start, p_end))
            pending, pending_closer = current, closer
    if pending is not None:
        quotes.append(pending)
    return [q for q in quotes if any(e > s for s, e in q.parts)]


def _looks_opening(text: str, pos: int, width: int, limit: int) -> bool:
    """A closing-style mark used to open a quote: blank (or start) before it, a word after it."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + width] if pos + width < limit else " "
    return (before.isspace() or before in "([") and not after.isspace()


# --- drafts: attributions before their speakers are resolved ------------------------------------


@dataclass
class Draft:
    """An attribution under construction (character ranges, the speaker's head token)."""

    kind: str
    content: list[tuple[int, int]]
    cue: tuple[int, int] | None = None
    cue_lemma: str | None = None
    stance: str = "neutral"
    speaker: Token | None = None  # head token of the speaker phrase
    carry: bool = False  # the speaker carries over from the attribution before
    quotes: list[Quote] = field(default_factory=list)
    nested: bool = False  # reported inside another attribution's content

    @property
    def anchor(self) -> int:
        starts = [s for s, _ in self.content]
        if self.cue:
            starts.append(self.cue[0])
        if self.speaker is not None:
            starts.append(self.speaker.idx)
        return min(starts) if starts else 0


class Layout:
    """Where things are in one Doc: paragraphs, sentences, quotes, and the cue lexicon applied to tokens."""

    def __init__(self, doc, lex: Lexicon) -> None:
        self.doc = doc
        self.text: str = doc.text
        self.lex = lex
        self.paragraphs = paragraphs(self.text)
        self._paragraph_starts = [s for s, _ in self.paragraphs]
        self.quotes = find_quotes(self.text, lex.quote_pairs)
        self._token_starts = [t.idx for t in doc]
        self._sentence_of = [0] * len(doc)
        for number, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                self._sentence_of[i] = number

    def paragraph_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._paragraph_starts, pos) - 1)

    def sentence_of(self, token: Token) -> int:
        return self._sentence_of[token.i]

    def token_at(self, pos: int) -> Token | None:
        """The token that starts at or covers character ``pos``, else the first one after it."""
        if not len(self.doc):
            return None
        i = max(0, bisect.bisect_right(self._token_starts, pos) - 1)
        token = self.doc[i]
        if token.idx + len(token.text) <= pos and i + 1 < len(self.doc):
            token = self.doc[i + 1]
        return token

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def cue_of(self, token: Token) -> CueEntry | None:
        """The lexicon entry a verb token is the cue of (``called`` + ``for`` -> ``call for``)."""
        if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN"):
            return None
        for entry in self.lex.cues.get(token.lemma_.lower(), ()):
            if entry.particle is None or self.particle(token, entry.particle) is not None:
                return entry
        return None

    def particle(self, token: Token, word: str) -> Token | None:
        """The particle or preposition ``word`` hanging from ``token`` (``for`` in ``called for``)."""
        return next((c for c in token.rights if c.lower_ == word and c.dep_ in ("prt", "prep")), None)

    def cue_range(self, token: Token, entry: CueEntry) -> tuple[int, int]:
        """The cue's characters: the verb, and its particle when it follows right after."""
        end = token.idx + len(token.text)
        if entry.particle:
            particle = self.particle(token, entry.particle)
            if particle is not None and particle.i == token.i + 1:
                end = particle.idx + len(particle.text)
        return token.idx, end

    def source_marker(self, token: Token) -> tuple[tuple[int, int], str, Token | None] | None:
        """``according to X`` starting at ``token``: (cue range, stance, head of X)."""
        for words, stance in self.lex.source_markers.items():
            if token.i + len(words) > len(self.doc):
                continue
            tokens = [self.doc[token.i + k] for k in range(len(words))]
            if [t.lower_ for t in tokens] != list(words):
                continue
            last = tokens[-1]
            source = next((c for c in last.children if c.dep_ in ("pobj", "pcomp")), None)
            if source is None:
                source = next(
                    (t for t in self.doc[last.i + 1 : last.i + 4] if t.pos_ in ("NOUN", "PROPN")), None
                )
            return (token.idx, last.idx + len(last.text)), stance, source
        return None

    def inside_quote_content(self, pos: int, quotes: Iterable[Quote]) -> bool:
        return any(s <= pos < e for q in quotes for s, e in q.parts)


# --- spans of tokens ----------------------------------------------------------------------------

_NP_EXCLUDED = {"relcl", "acl", "appos", "punct", "advcl", "parataxis", "dep"}


def phrase_range(token: Token) -> tuple[int, int]:
    """The characters of the noun phrase headed by ``token``, without relative clauses or appositions.

    ``Smith, a spokesman who ..., said`` -> ``Smith``; ``a spokesman for the ministry`` stays whole.
    """
    tokens = [token]
    for child in token.children:
        if child.dep_ not in _NP_EXCLUDED:
            tokens.extend(child.subtree)
    if not any(c.dep_ == "conj" for c in token.children):
        # "Donna Rawlings, 59, of Ashton": what follows a comma describes the speaker, it does not name her.
        comma = next((t.i for t in token.doc[token.i : max(t.i for t in tokens) + 1] if t.text == ","), None)
        if comma is not None:
            tokens = [t for t in tokens if t.i < comma]
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return start, end


def subtree_range(token: Token, skip_marks: bool = True) -> tuple[int, int]:
    """The characters of ``token``'s subtree, without a leading complementiser (``that``, ``whether``)."""
    tokens = list(token.subtree)
    if skip_marks:
        while tokens and tokens[0].dep_ == "mark" and tokens[0].lower_ in ("that", "whether", "if"):
            tokens = tokens[1:]
    if not tokens:
        return token.idx, token.idx
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


_TRIM_CHARS = " \t\n,;:—–-"


def trim(text: str, start: int, end: int, pairs: dict[str, str] | None = None) -> tuple[int, int]:
    """Shrink ``[start, end)`` past blanks and clause punctuation; drop a final full stop unless quoted.

    >>> trim("said that X is Y.", 10, 17)
    (10, 16)
    """
    while start < end and text[start] in _TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in _TRIM_CHARS:
        end -= 1
    if end > start and text[end - 1] == "." and not text[start:end].endswith(".."):
        # A sentence's full stop belongs to the reporting sentence, not to the reported clause.
        word = text[start:end].split()[-1]
        if not re.fullmatch(r"(?:[A-Za-z]\.){2,}", word):  # keep the dot of U.S., U.N.
            end -= 1
    while end > start and text[end - 1] in _TRIM_CHARS:
        end -= 1
    end -= _stray_closing_mark(text, start, end, pairs or lexicon().quote_pairs)
    return start, end


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


# --- direct speech ------------------------------------------------------------------------------


def _words(layout: Layout, start: int, end: int) -> list[Token]:
    first = layout.token_at(start)
    if first is None:
        return []
    out = []
    for token in layout.doc[first.i :]:
        if token.idx >= end:
            break
        if token.idx >= start and not token.is_space:
            out.append(token)
    return out


def _is_speech_like(layout: Layout, start: int, end: int) -> bool:
    """Quoted text that reads as a sentence of speech rather than a quoted term."""
    words = [t for t in _words(layout, start, end) if not t.is_punct]
    if len(words) < SPEECH_MIN_WORDS:
        return False
    first = layout.text[start:end].lstrip("[(…. ")[:1]
    return (first.isupper() or first.isdigit()) and any(t.pos_ in ("VERB", "AUX") for t in words)


def _cue_after(layout: Layout, quote: Quote) -> Token | None:
    """The cue closing a quotation: ``“…,” he said`` / ``“…,” said Smith`` / ``“…,” according to X``."""
    if quote.close is None:
        return None
    text = layout.text
    last_start, last_end = quote.parts[-1]
    inside = text[last_start:last_end].rstrip()
    paragraph_end = layout.paragraphs[layout.paragraph_of(quote.close)][1]
    after = text[quote.end : paragraph_end].lstrip()
    inside = inside.rstrip("’'")  # a nested quotation closing with the outer one: ‘miracles,’”
    if not (inside[-1:] in ",?!—–-…" or after[:1] in (",", "—", "–")):
        return None  # a finished sentence, or a quoted fragment the sentence runs on from
    window = []
    for token in _words(layout, quote.end, paragraph_end):
        if token.text in (".", "!", "?", ";") or token.text in layout.lex.quote_pairs:
            break
        window.append(token)
        if len(window) > MAX_CUE_DISTANCE:
            break
    for token in window:
        if layout.cue_of(token) is not None or layout.source_marker(token) is not None:
            return token
    return None


def _cue_before(layout: Layout, quote: Quote, split_cues: Sequence[int] = ()) -> Token | None:
    """The cue opening a quotation: ``he said: “…”``, ``he told reporters, “…”``, ``he said “…”``."""
    text = layout.text
    paragraph_start = layout.paragraphs[layout.paragraph_of(quote.open)][0]
    before = text[paragraph_start : quote.open].rstrip()
    if not before:
        return None
    content_start, content_end = quote.parts[0]
    opening = text[content_start:content_end].lstrip()[:1]
    lower_case = not (opening.isupper() or opening.isdigit())
    if before[-1] == ",":
        pass  # checked below: only the second half of a split quote may open in lower case
    elif before[-1] != ":":
        last = layout.token_at(paragraph_start + len(before) - 1)
        return last if last is not None and layout.cue_of(last) is not None and opening.isupper() else None
    window = [t for t in _words(layout, paragraph_start, paragraph_start + len(before))][-MAX_CUE_DISTANCE:]
    for token in reversed(window):
        if token.text in (".", "!", "?", ";") or token.text in layout.lex.quote_marks:
            break
        if layout.cue_of(token) is not None:
            # ``the plan, “a betrayal”, …`` is a fragment; ``“A,” he said, “and B.”`` a split quote.
            return token if not lower_case or token.i in split_cues else None
    return None


def direct_drafts(layout: Layout) -> tuple[list[Draft], list[Quote]]:
    """Drafts for quotations with a cue, split quotes, continued and carried-over quote paragraphs.

    Returns the drafts and the quotations left over (quoted fragments and terms).
    """
    drafts: list[Draft] = []
    by_cue: dict[int, Draft] = {}
    leftover: list[Quote] = []
    text = layout.text
    for quote in layout.quotes:
        parts = [quote_content(text, s, e) for s, e in quote.parts]
        parts = [(s, e) for s, e in parts if e > s]
        if not parts:
            continue
        cue_token = _cue_after(layout, quote) or _cue_before(layout, quote, list(by_cue))
        if cue_token is not None and cue_token.i in by_cue:
            by_cue[cue_token.i].content.extend(parts)  # the second half of a split quote
            by_cue[cue_token.i].quotes.append(quote)
            continue
        if cue_token is not None:
            draft = _direct_with_cue(layout, cue_token, parts, quote)
            by_cue[cue_token.i] = draft
            drafts.append(draft)
            continue
        previous = drafts[-1] if drafts else None
        starts_sentence = _starts_sentence(text, quote.open, layout)
        speech = _is_speech_like(layout, *parts[0])
        if (
            previous is not None
            and speech
            and starts_sentence
            and previous.kind == "direct"
            and layout.paragraph_of(previous.quotes[-1].end) == layout.paragraph_of(quote.open)
        ):
            previous.content.extend(parts)  # “A,” he said. “B.” — the same speaker goes on
            previous.quotes.append(quote)
        elif speech and starts_sentence and _at_paragraph_start(layout, quote.open):
            drafts.append(Draft("direct", parts, carry=True, quotes=[quote]))
        else:
            leftover.append(quote)
    return drafts, leftover


def _direct_with_cue(layout: Layout, cue_token: Token, parts: list[tuple[int, int]], quote: Quote) -> Draft:
    marker = layout.source_marker(cue_token)
    if marker is not None:
        cue, stance, source = marker
        return Draft("direct", parts, cue, "according to", stance, source, quotes=[quote])
    entry = layout.cue_of(cue_token)
    assert entry is not None
    return Draft(
        "direct",
        parts,
        layout.cue_range(cue_token, entry),
        entry.lemma,
        entry.stance,
        speaker_of(layout, cue_token),
        quotes=[quote],
    )


def _starts_sentence(text: str, pos: int, layout: Layout) -> bool:
    before = text[layout.paragraphs[layout.paragraph_of(pos)][0] : pos].rstrip()
    return not before or before[-1] in ".!?:" or before.endswith(tuple(layout.lex.quote_marks))


def _at_paragraph_start(layout: Layout, pos: int) -> bool:
    return not layout.text[layout.paragraphs[layout.paragraph_of(pos)][0] : pos].strip()


# --- indirect speech ----------------------------------------------------------------------------


def speaker_of(layout: Layout, cue: Token) -> Token | None:
    """The head of the cue's subject; for participles and coordinated cues, the governing verb's.

    ``He said and added that …``: ``added`` -> ``He``. ``…, saying X``: ``saying`` -> the main subject.
    """
    seen = 0
    token = cue
    while token is not None and seen < 6:
        seen += 1
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
        if subject is not None and subject.dep_ == "nsubjpass":
            agent = _agent(token)
            return agent
        if subject is not None:
            if subject.lower_ in layout.lex.relative_pronouns and token.dep_ == "relcl":
                return token.head
            if layout.inside_quote_content(subject.idx, layout.quotes) != layout.inside_quote_content(
                cue.idx, layout.quotes
            ):
                return None  # a misparse: a quotation's own subject is not the speaker of the cue outside it
            return _appositive_name(layout, subject)
        climbs = token.dep_ in ("conj", "xcomp") or (
            token.dep_ in ("advcl", "acl") and token.tag_ in ("VBG", "VBN")
        )
        if not climbs or token.head is token:
            return None
        token = token.head
    return None


def _appositive_name(layout: Layout, subject: Token) -> Token:
    """The name in apposition when the subject is a description or a dateline.

    ``A spokesman, John Smith, said`` -> ``Smith``; ``WASHINGTON -- President Obama … said`` -> ``Obama``.
    """
    name = next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if name is not None and (subject.pos_ == "NOUN" or _is_dateline(layout, subject)):
        return name
    return subject


def _is_dateline(layout: Layout, token: Token) -> bool:
    """``WASHINGTON --`` / ``ISLAMABAD:`` opening a paragraph: a place line, not a subject."""
    paragraph_start = layout.paragraphs[layout.paragraph_of(token.idx)][0]
    before = layout.text[paragraph_start : token.idx].strip()
    if before and not before.isupper():
        return False
    after = layout.doc[token.i + 1] if token.i + 1 < len(layout.doc) else None
    return token.is_upper and after is not None and after.text in ("--", "—", "–", ":")


def _agent(verb: Token) -> Token | None:
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    if by is None:
        return None
    return next((c for c in by.children if c.dep_ == "pobj"), None)


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _content_of(layout: Layout, cue: Token, entry: CueEntry) -> list[tuple[int, int]]:
    """The reported content of an indirect cue, by the first frame of the lexicon entry that fits."""
    frames = entry.frames
    children = list(cue.children)
    if "clause" in frames:
        clause = next((c for c in children if c.dep_ == "ccomp"), None)
        if clause is not None:
            return [subtree_range(clause)]
        if cue.dep_ == "parataxis" and cue.head is not cue:
            return _around(cue.head, cue)  # "Acts of protest, Mr. Obama said, are acts of patriotism"
    if "to_inf" in frames:
        scope = children + [g for c in children if c.dep_ == "prep" for g in c.children]
        infinitive = next((c for c in scope if c.dep_ in ("xcomp", "ccomp") and _has_to(c)), None)
        if infinitive is not None:
            start, end = subtree_range(infinitive)
            obj = next((c for c in children if c.dep_ == "dobj" and c.i < infinitive.i), None)
            return [((phrase_range(obj)[0] if obj is not None else start), end)]
    if "predicate" in frames:
        obj = next((c for c in children if c.dep_ == "dobj"), None)
        named = next(
            (c for c in children if c.dep_ in ("oprd", "xcomp", "ccomp") and obj and c.i > obj.i), None
        )
        if obj is not None and named is not None:
            return [(phrase_range(obj)[0], _predicate_end(named))]  # called the ruling "a huge win"
    for frame in sorted(frames):
        if frame in ("clause", "to_inf", "addressee", "object", "predicate"):
            continue
        pobj = _prep_object(layout, cue, entry, frame)
        if pobj is not None:
            return [subtree_range(pobj)]
    if "object" in frames and not _is_passive(cue):
        obj = next((c for c in children if c.dep_ == "dobj" and c.pos_ != "PRON"), None)
        if obj is not None:
            return [subtree_range(obj, skip_marks=False)]
    if "object" in frames and _is_passive(cue) and _agent(cue) is not None:
        subject = next((c for c in children if c.dep_ == "nsubjpass" and c.pos_ != "PRON"), None)
        if subject is not None:
            return [subtree_range(subject, skip_marks=False)]
    return []


def _predicate_end(token: Token) -> int:
    """The end of ``a "nasty guy"`` without a clause coordinated to it by a misparse."""
    kept = [token] + [t for c in token.children if c.dep_ not in ("cc", "conj") for t in c.subtree]
    last = max(kept, key=lambda t: t.i)
    return last.idx + len(last.text)


def _around(clause: Token, inner: Token) -> list[tuple[int, int]]:
    """The characters of ``clause``'s subtree on either side of ``inner``'s subtree."""
    start, end = subtree_range(clause, skip_marks=False)
    cut_start, cut_end = subtree_range(inner, skip_marks=False)
    return [(start, cut_start), (cut_end, end)]


def _prep_object(layout: Layout, cue: Token, entry: CueEntry, word: str) -> Token | None:
    """``about X`` / ``of X`` hanging from the cue or from its object (``accused Armenia of X``)."""
    holders = [cue] + [c for c in cue.children if c.dep_ == "dobj"]
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ in ("prep", "prt") and prep.lower_ == word:
                obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
                if obj is not None:
                    return obj
    return None


def _has_to(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def indirect_drafts(layout: Layout, direct: Sequence[Draft], leftover: list[Quote]) -> list[Draft]:
    """Drafts for cue verbs with a complement outside the direct quotations; quoted fragments -> mixed."""
    used = {d.cue[0] for d in direct if d.cue}
    quoted = [q for d in direct for q in d.quotes]
    drafts = []
    for token in layout.doc:
        if token.idx in used or layout.inside_quote_content(token.idx, quoted):
            continue
        entry = layout.cue_of(token)
        if entry is None:
            continue
        passive = _is_passive(token)
        if passive and _agent(token) is None:
            continue  # no source named: an unattributed assessment at most (see unattributed_drafts)
        content = [trim(layout.text, *r) for r in _content_of(layout, token, entry)]
        content = [(s, e) for s, e in content if e > s and not _inside_any(s, e, quoted)]
        if not content:
            continue
        fragments = [q for q in leftover if any(s <= q.open and q.end <= e + 1 for s, e in content)]
        for quote in fragments:
            leftover.remove(quote)
        kind = "mixed" if fragments else "indirect"
        cue = layout.cue_range(token, entry)
        drafts.append(Draft(kind, content, cue, entry.lemma, entry.stance, speaker_of(layout, token)))
    return drafts


def _inside_any(start: int, end: int, quotes: Iterable[Quote]) -> bool:
    return any(s <= start and end <= e for q in quotes for s, e in q.parts)


# --- according to, unattributed -----------------------------------------------------------------


def _sentence_range(layout: Layout, token: Token) -> tuple[int, int]:
    """The sentence holding ``token``, clipped to its paragraph."""
    sent = token.sent
    p_start, p_end = layout.paragraphs[layout.paragraph_of(token.idx)]
    return max(sent.start_char, p_start), min(sent.end_char, p_end)


def _clause_without(layout: Layout, token: Token, cut: tuple[int, int]) -> list[tuple[int, int]]:
    """The sentence holding ``token`` (within its paragraph) minus the characters ``cut``."""
    start, end = _sentence_range(layout, token)
    pieces = []
    for a, b in ((start, cut[0]), (cut[1], end)):
        a, b = trim(layout.text, a, b)
        if b > a and any(ch.isalnum() for ch in layout.text[a:b]):
            pieces.append((a, b))
    return pieces


def according_to_drafts(layout: Layout, direct: Sequence[Draft]) -> list[Draft]:
    """``613 were killed, according to Azerbaijani record``: content is the clause without the phrase."""
    used = {d.cue[0] for d in direct if d.cue}
    quoted = [q for d in direct for q in d.quotes]
    drafts = []
    for token in layout.doc:
        marker = layout.source_marker(token) if token.idx not in used else None
        if marker is None or layout.inside_quote_content(token.idx, quoted):
            continue
        cue, stance, source = marker
        phrase_end = max(cue[1], phrase_range(source)[1]) if source is not None else cue[1]
        content = _clause_without(layout, token, (cue[0], phrase_end))
        if content:
            drafts.append(Draft("according_to", content, cue, "according to", stance, source))
    return drafts


def unattributed_drafts(layout: Layout, direct: Sequence[Draft]) -> list[Draft]:
    """Assessments with no source: ``is seen as``, ``is expected to``, ``reportedly``."""
    quoted = [q for d in direct for q in d.quotes]
    drafts = []
    for token in layout.doc:
        if layout.inside_quote_content(token.idx, quoted):
            continue
        draft = _passive_assessment(layout, token) or _hedge(layout, token)
        if draft is not None:
            drafts.append(draft)
    return drafts


def _passive_assessment(layout: Layout, verb: Token) -> Draft | None:
    found = layout.lex.passives.get(verb.lemma_.lower())
    if found is None or verb.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    if _agent(verb) is not None:
        return None
    stance, complements = found
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if not complements & _complements(verb):
        return None
    if clause is not None and not _has_to(clause):
        content = [trim(layout.text, *subtree_range(clause))]
    else:
        # "The cease-fire is seen as a victory": the whole assessment, verb included, is the content.
        content = [trim(layout.text, *_sentence_range(layout, verb))]
    content = [(s, e) for s, e in content if e > s]
    if not content:
        return None
    return Draft("unattributed", content, (verb.idx, verb.idx + len(verb.text)), verb.lemma_.lower(), stance)


def _complements(verb: Token) -> set[str]:
    """What follows a passive verb: ``as``/``of`` phrases, a ``to``-infinitive, a clause, an adjective."""
    found = set()
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("as", "of"):
            found.add(child.lower_)
        elif child.dep_ in ("xcomp", "ccomp") and _has_to(child):
            found.add("to")
        elif child.dep_ == "ccomp":
            found.add("clause")
        elif child.dep_ in ("oprd", "acomp", "xcomp") and child.pos_ == "ADJ":
            found.add("adj")
    return found


def _hedge(layout: Layout, adverb: Token) -> Draft | None:
    stance = layout.lex.hedges.get(adverb.lower_)
    if stance is None or adverb.dep_ != "advmod":
        return None
    cue = (adverb.idx, adverb.idx + len(adverb.text))
    # The adverb sits inside its clause; the clause stays whole so that records in it keep one voice.
    start, end = trim(layout.text, *_sentence_range(layout, adverb))
    if end <= start:
        return None
    return Draft("unattributed", [(start, end)], cue, adverb.lower_, stance)


def colon_drafts(layout: Layout, direct: Sequence[Draft], ledger: Ledger) -> list[Draft]:
    """``Pence: Flowers won't be at the debate`` (headlines) and ``PENCE: Well, …`` (transcripts)."""
    rule = layout.lex.colon_speaker
    quoted = [q for d in direct for q in d.quotes]
    drafts = []
    for p_start, p_end in layout.paragraphs:
        found = re.match(r"([^:\n]{1,80}?):[ \t]+\S", layout.text[p_start:p_end])
        if found is None or layout.inside_quote_content(p_start + found.end(1), quoted):
            continue
        colon = p_start + found.end(1)
        name = _words(layout, p_start, colon)
        if not name or len(name) > rule["max_name_words"] or not _names_a_speaker(layout, name, ledger):
            continue
        start, end = quote_content(layout.text, colon + 1, p_end)
        start, end = _unquote(layout, start, end)
        if end <= start:
            continue
        quoted_text = layout.text[colon + 1 : p_end].lstrip()[:1] in layout.lex.quote_marks
        kind = "direct" if quoted_text or all(t.is_upper for t in name if t.is_alpha) else "indirect"
        speaker = max(name, key=lambda t: t.pos_ == "PROPN" and t.i)  # the last proper noun: the head
        drafts.append(
            Draft(kind, [(start, end)], (colon, colon + 1), rule["cue_lemma"], rule["stance"], speaker)
        )
    return drafts


def _names_a_speaker(layout: Layout, name: Sequence[Token], ledger: Ledger) -> bool:
    """Words before a colon that name a person or body (not a dateline, a label or a clause)."""
    if any(t.pos_ in ("VERB", "AUX", "PRON") for t in name) or not all(
        t.is_title or t.is_upper for t in name
    ):
        return False
    start, end = name[0].idx, name[-1].idx + len(name[-1].text)
    kinds = {e.label_ for e in layout.doc.ents if e.start_char < end and start < e.end_char}
    kinds |= {e.type for e in ledger.entities for m in e.mentions if m.start < end and start < m.end}
    if kinds & {"GPE", "LOC", "FAC", "DATE", "TIME"}:
        return False  # "ISLAMABAD:" is a dateline
    return bool(kinds & {"PERSON", "ORG", "NORP"})


def _unquote(layout: Layout, start: int, end: int) -> tuple[int, int]:
    """Drop the marks around a wholly quoted text (``“…”`` -> ``…``)."""
    text = layout.text
    for opener, closer in layout.lex.quote_pairs.items():
        if text.startswith(opener, start, end) and text.endswith(closer, start, end) and end - start > 2:
            return start + len(opener), end - len(closer)
    return start, end


# --- speakers -----------------------------------------------------------------------------------


@dataclass
class Voice:
    """A resolved speaker, remembered for the pronouns and carried-over quotes that follow."""

    ref: EntityRef
    kind: str | None  # PERSON / GROUP / None when unknown
    sentence: int
    paragraph: int
    words: tuple[str, ...] = ()  # the words of the phrase that named it ("Ambassador Khazar Farhadov")
    nested: bool = False  # a speaker reported by another speaker


class Resolver:
    """Turns a draft's speaker token into an EntityRef, in text order, remembering who spoke."""

    def __init__(self, layout: Layout, ledger: Ledger) -> None:
        self.layout = layout
        self.ledger = ledger
        self.history: list[Voice] = []

    # entities ---------------------------------------------------------------------------------

    def entity_for(self, start: int, end: int) -> Entity | None:
        """The entity with a mention over ``[start, end)`` (the speaker's head word)."""
        if not self.ledger.entities:
            return None
        if _entity_at is not None:
            found = _entity_at(self.ledger, start, end)
            if found is not None:
                return found
        best = None
        for entity in self.ledger.entities:
            for mention in entity.mentions:
                if mention.start <= start and end <= mention.end:
                    size = mention.end - mention.start
                    if best is None or size < best[0]:
                        best = (size, entity)
        return best[1] if best else None

    def ref_for_entity(self, entity: Entity, mention: Span) -> EntityRef:
        return EntityRef(entity.name, entity.id, entity.country, entity.sector, mention)

    def kind_of_entity(self, entity: Entity) -> str | None:
        return self.layout.lex.entity_kinds.get(entity.type)

    # resolution ---------------------------------------------------------------------------------

    def resolve(self, draft: Draft) -> EntityRef | None:
        if draft.carry:
            return self.carried(draft)
        head = draft.speaker
        if head is None:
            return None
        voice = self.pronoun(head) if head.lower_ in self.layout.lex.pronouns else self.named(head)
        if voice is None:
            return None
        voice.nested = draft.nested
        self.history.append(voice)
        return voice.ref

    def carried(self, draft: Draft) -> EntityRef | None:
        """A cue-less quote paragraph: the speaker of the attribution in the paragraph before."""
        paragraph = self.layout.paragraph_of(draft.anchor)
        outer = [voice for voice in self.history if not voice.nested]
        if outer and paragraph - outer[-1].paragraph <= PARAGRAPH_CARRY:
            ref = outer[-1].ref
            return EntityRef(ref.name, ref.entity, ref.country, ref.sector, None)
        return None

    def named(self, head: Token) -> Voice:
        """A speaker named by a noun phrase: its entity, else the phrase (or the name inside it)."""
        layout = self.layout
        start, end = phrase_range(head)
        mention = layout.span(start, end)
        head_range = (head.idx, head.idx + len(head.text))
        entity = self.entity_for(*head_range)
        words = tuple(t.text for t in layout.doc.char_span(start, end, alignment_mode="expand") or ())
        # "Maria Lopez, the mayor of Tarnville": the apposition's words let "the mayor" find her later.
        words += tuple(t.text for c in head.children if c.dep_ == "appos" for t in c.subtree)
        sentence, paragraph = layout.sentence_of(head), layout.paragraph_of(head.idx)
        if entity is not None:
            ref = self.ref_for_entity(entity, mention)
            if ref.country is None:
                ref = EntityRef(ref.name, ref.entity, self.country_in(head, start, end), ref.sector, mention)
            return Voice(ref, self.kind_of_entity(entity), sentence, paragraph, words)
        earlier = self.earlier_mention(head, start, end)
        if earlier is not None:
            ref = earlier.ref
            return Voice(
                EntityRef(ref.name, ref.entity, ref.country, ref.sector, mention),
                earlier.kind,
                sentence,
                paragraph,
                earlier.words,
            )
        if any(c.dep_ == "conj" for c in head.children):
            # "Will Smith, Robert DeNiro and Stevie Wonder joked": several speakers, one voice.
            return Voice(
                EntityRef(mention.text, None, None, None, mention), "GROUP", sentence, paragraph, words
            )
        name, kind = self.fallback_name(head, start, end)
        ref = EntityRef(name, None, self.country_in(head, start, end), None, mention)
        return Voice(ref, kind, sentence, paragraph, words)

    def fallback_name(self, head: Token, start: int, end: int) -> tuple[str, str | None]:
        """Without entities: the named entity over the head when it lies in the phrase, else the phrase."""
        kinds = self.layout.lex.entity_kinds
        for ent in self.layout.doc.ents:
            if ent.start <= head.i < ent.end and start <= ent.start_char and ent.end_char <= end:
                words = ent[1:] if ent[0].lower_ == "the" and len(ent) > 1 else ent
                return words.text, kinds.get(ent.label_)
        return self.layout.text[start:end], None

    def earlier_mention(self, head: Token, start: int, end: int) -> Voice | None:
        """``Farhadov`` or ``the ambassador`` after ``Ambassador Khazar Farhadov``: the same speaker.

        Used when entities give nothing: a lone surname matches the last word of an earlier name; a
        definite ``the <title>`` matches an earlier name with that title word before it.
        """
        doc = self.layout.doc
        phrase = [t for t in doc.char_span(start, end, alignment_mode="expand") or () if not t.is_punct]
        candidates = list(reversed(self.history)) + self.person_names_before(head)
        if len(phrase) == 1 and head.pos_ == "PROPN":
            for voice in candidates:
                if len(voice.words) > 1 and voice.words[-1] == head.text:
                    return voice
        if len(phrase) == 2 and phrase[0].lower_ == "the" and head.pos_ == "NOUN":
            for voice in candidates:
                if voice.kind in (None, "PERSON") and head.lower_ in (w.lower() for w in voice.words[:-1]):
                    return voice
        return None

    def person_names_before(self, head: Token) -> list[Voice]:
        """PERSON names (with a title word before them) earlier in the text, most recent first."""
        layout = self.layout
        out = []
        for ent in layout.doc.ents:
            if ent.label_ != "PERSON" or ent.start >= head.i or len(ent) < 2:
                continue
            first = ent.start
            while first > 0 and layout.doc[first - 1].pos_ == "PROPN" and layout.doc[first - 1].is_title:
                first -= 1
            words = tuple(t.text for t in layout.doc[first : ent.end])
            mention = layout.span(ent.start_char, ent.end_char)
            ref = EntityRef(ent.text, None, None, None, mention)
            out.append(
                Voice(ref, "PERSON", layout.sentence_of(ent.root), layout.paragraph_of(ent.start_char), words)
            )
        return list(reversed(out))

    def pronoun(self, head: Token) -> Voice:
        """A pronoun speaker: the previous sentence's speaker or subject, else the latest fitting mention."""
        layout = self.layout
        need = layout.lex.pronouns[head.lower_]
        mention = layout.span(head.idx, head.idx + len(head.text))
        sentence, paragraph = layout.sentence_of(head), layout.paragraph_of(head.idx)
        antecedent = (
            self.previous_subject(head, need)
            or self.recent_speaker(need, sentence, paragraph, window=1)
            or self.recent_speaker(need, sentence, paragraph, window=None)
            or self.latest_mention(head, need)
        )
        if antecedent is None:
            return Voice(EntityRef(head.text, None, None, None, mention), need, sentence, paragraph)
        ref = antecedent.ref
        return Voice(
            EntityRef(ref.name, ref.entity, ref.country, ref.sector, mention),
            antecedent.kind,
            sentence,
            paragraph,
            antecedent.words,
        )

    @staticmethod
    def fits(need: str, kind: str | None) -> bool:
        return need == "ANY" or kind is None or kind == need

    def recent_speaker(self, need: str, sentence: int, paragraph: int, window: int | None) -> Voice | None:
        """The latest speaker that fits, within ``window`` sentences (None: within the last paragraphs)."""
        for voice in reversed(self.history):
            if window is not None and sentence - voice.sentence > window:
                return None
            if window is None and paragraph - voice.paragraph > 3:
                return None
            if self.fits(need, voice.kind) and voice.ref.name.lower() not in self.layout.lex.pronouns:
                return voice
        return None

    def previous_subject(self, head: Token, need: str) -> Voice | None:
        """The nearest fitting subject before ``head`` in its sentence or the one before (the topic carries on).

        Main-clause subjects come before embedded ones: in "Smith said the rebels attacked", Smith.
        """
        layout = self.layout
        sents = list(layout.doc.sents)
        number = layout.sentence_of(head)
        for sent in (sents[number], sents[number - 1] if number else None):
            if sent is None:
                continue
            subjects = [
                t
                for t in sent
                if t.dep_ in ("nsubj", "nsubjpass")
                and t.i < head.i
                and t.lower_ not in layout.lex.pronouns
                and t.pos_ != "PRON"
                and not layout.inside_quote_content(t.idx, layout.quotes)
            ]
            subjects.sort(key=lambda t: (t.head is not sent.root, -t.i))
            for subject in subjects:
                voice = self.named(_appositive_name(layout, subject))
                if voice.kind is not None and self.fits(need, voice.kind):
                    return voice
        return None

    def latest_mention(self, head: Token, need: str) -> Voice | None:
        """The latest entity mention (or named entity, without entities) before ``head`` that fits."""
        layout = self.layout
        best: tuple[int, Voice] | None = None
        for entity in self.ledger.entities:
            kind = self.kind_of_entity(entity)
            if not self.fits(need, kind) or kind is None:
                continue
            for m in entity.mentions:
                if m.end <= head.idx and (best is None or m.start > best[0]):
                    ref = self.ref_for_entity(entity, m)
                    best = (
                        m.start,
                        Voice(ref, kind, 0, layout.paragraph_of(m.start), tuple(entity.name.split())),
                    )
        if best is not None or self.ledger.entities:
            return best[1] if best else None
        for ent in reversed(layout.doc.ents):
            kind = layout.lex.entity_kinds.get(ent.label_)
            if ent.end_char <= head.idx and kind is not None and self.fits(need, kind):
                return self.named(ent.root)
        return None

    # countries ------------------------------------------------------------------------------------

    def country_in(self, head: Token, start: int, end: int) -> str | None:
        """The side a speaker phrase names without an entity: ``Azerbaijani record`` -> AZ."""
        for entity in self.ledger.entities:
            if entity.country and any(start <= m.start and m.end <= end for m in entity.mentions):
                return entity.country
        if _countries is None:
            return None
        doc = self.layout.doc
        for token in doc.char_span(start, end, alignment_mode="expand") or ():
            if token.pos_ not in ("PROPN", "ADJ", "NOUN") or not token.text[:1].isupper():
                continue
            code = _lookup_country(token.text)
            if code:
                return code
        return None


def _lookup_country(word: str) -> str | None:
    """A country code for a demonym or a country name, through the country tables."""
    for name in ("demonym_country", "country_code"):
        function = getattr(_countries, name, None)
        if function is None:
            continue
        try:
            code = function(word)
        except (LookupError, ValueError, TypeError):  # a table the sibling module could not read
            code = None
        if code:
            return code
    return None


# --- the extractor ------------------------------------------------------------------------------


def extract(doc, ledger: Ledger) -> list[Attribution]:
    """Every attribution in ``doc``, with ids ``att-1``, ``att-2`` … in text order.

    >>> from newsledger.pipeline import load_nlp
    >>> from newsledger.model import Article
    >>> text = "The minister said that the talks had failed."
    >>> a = extract(load_nlp()(text), Ledger(Article("x", text)))[0]
    >>> a.kind, a.cue.text, a.content[0].text, a.speaker.name
    ('indirect', 'said', 'the talks had failed', 'The minister')
    """
    if not doc.text.strip() or not len(doc):
        return []
    layout = Layout(doc, lexicon())
    direct, leftover = direct_drafts(layout)
    drafts = direct + indirect_drafts(layout, direct, leftover)
    drafts += according_to_drafts(layout, direct)
    drafts += colon_drafts(layout, direct, ledger)
    drafts += unattributed_drafts(layout, direct)
    drafts = _without_sourced_assessments(_without_duplicates(drafts))
    drafts.sort(key=lambda d: (d.anchor, d.cue[0] if d.cue else -1))
    _mark_nested(drafts)
    resolver = Resolver(layout, ledger)
    out = []
    for number, draft in enumerate(drafts, start=1):
        speaker = resolver.resolve(draft) if draft.kind != "unattributed" else None
        out.append(
            Attribution(
                id=f"att-{number}",
                kind=draft.kind,
                content=tuple(layout.span(s, e) for s, e in draft.content),
                speaker=speaker,
                cue=layout.span(*draft.cue) if draft.cue else None,
                cue_lemma=draft.cue_lemma,
                stance=draft.stance,
            )
        )
    return out


def _mark_nested(drafts: list[Draft]) -> None:
    """Flag the drafts whose cue lies inside another draft's content (speech reported by a speaker)."""
    for draft in drafts:
        if draft.cue is not None:
            draft.nested = any(
                other is not draft and s <= draft.cue[0] < e for other in drafts for s, e in other.content
            )


def _without_duplicates(drafts: list[Draft]) -> list[Draft]:
    """One draft per cue: a cue claimed by a quotation is not read again as indirect speech."""
    seen: set[tuple[int, int]] = set()
    out = []
    for draft in drafts:
        key = draft.cue if draft.cue else (draft.content[0][0], -1)
        if key in seen:
            continue
        seen.add(key)
        out.append(draft)
    return out


def _without_sourced_assessments(drafts: list[Draft]) -> list[Draft]:
    """Drop an "unattributed" assessment whose clause names its source (``…, according to X``)."""
    sourced = [r for d in drafts if d.kind == "according_to" for r in d.content]

    def overlaps(draft: Draft) -> bool:
        return any(s < e2 and s2 < e for s, e in draft.content for s2, e2 in sourced)

    return [d for d in drafts if d.kind != "unattributed" or not overlaps(d)]


def sourcing(ledger: Ledger) -> list[SourcingGroup]:
    """Who the article quotes, by side: speakers grouped by country, most statements first.

    Attributions nested in another's content (the speaker reporting someone else) are not the
    outlet's sourcing and are left out, as are those without a speaker.

    >>> ref = EntityRef("Khazar Farhadov", country="AZ")
    >>> att = Attribution("att-1", "direct", (Span(0, 1, "x"),), speaker=ref)
    >>> sourcing(Ledger(article=None, attributions=(att,)))
    [SourcingGroup(country='AZ', voices=('Khazar Farhadov',), statements=1)]
    """
    groups: dict[str | None, tuple[list[str], list[int]]] = {}
    for attribution in ledger.attributions:
        if attribution.speaker is None or attribution.voice != OUTLET:
            continue
        voices, count = groups.setdefault(attribution.speaker.country, ([], [0]))
        if attribution.speaker.name not in voices:
            voices.append(attribution.speaker.name)
        count[0] += 1
    result = [SourcingGroup(country, tuple(voices), count[0]) for country, (voices, count) in groups.items()]
    return sorted(result, key=lambda g: (-g.statements, g.country is None, g.country or ""))
