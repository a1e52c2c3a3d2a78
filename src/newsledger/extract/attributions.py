"""Attributions: who said what, and how each side of a story is sourced.

An :class:`~newsledger.model.Attribution` ties reported content to its source and the cue that
reports it. Five kinds are found over the spaCy parse:

* ``direct``: quoted text with a cue before or after it (``“…,” he said``, ``he said: “…”``,
  ``“…” ― Name``, transcript lines ``PENCE: …``); split quotes give one attribution with two
  content spans; a quote paragraph with no cue of its own carries the speaker over from the
  paragraph before; a quote running over several paragraphs is one attribution.
* ``indirect``: a cue and its complement: verbs of saying, believing, wanting, supporting or
  criticising (``said (that) X``, ``X, he said``, ``saying X``, ``told reporters X``, ``briefed
  reporters about X``, ``accused X of Y``, ``wants to X``) and nouns (``his claim that X``).
* ``mixed``: indirect speech whose content holds a quoted fragment.
* ``according_to``: ``X, according to Y`` (Y a person, a body or a document).
* ``unattributed``: an assessment nobody is named for (``is seen as``, ``is expected to``,
  ``reportedly``).

A short quoted noun phrase that no cue governs (scare quotes) is not an attribution.

Spans follow the PolNeAR / PARC annotation conventions, so that the ledger can be scored against
them (``newsledger.eval.polnear``): a quotation's content keeps its quote marks and the
punctuation inside them; reported clauses keep their ``that`` and lose the sentence's full stop;
the cue is the whole verb group (``has also said``, ``said:``, ``pointed to``); the source is
the phrase as written (``Ban Ki-moon, the secretary general,``; ``who``), and the speaker is what
it names.

Rules over the parse propose; three small linear scorers trained on PolNeAR train
(``training/attributions/train.py``) choose where a cue's content lies among the parse's
readings, how far a source phrase reaches, and whether a cue of belief, intention, support or
evidence reports anything in its context (verbs of saying with a complement the lexicon lists
always do). Without the trained file the lexicon's frames decide alone.

Data: cue verbs and nouns with their stance and complement frames in ``resources/cues.json``;
quote marks, source markers, passive assessments, pronouns and the speaker-line patterns in
``resources/attribution_patterns.json``; the scorers in ``resources/models/attributions/``.

Example::

    >>> from newsledger.pipeline import load_nlp
    >>> from newsledger.model import Article, Ledger
    >>> text = "“We will win,” the minister said."
    >>> [a.content[0].text for a in extract(load_nlp()(text), Ledger(Article("x", text)))]
    ['“We will win,”']
"""

from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
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
    speech: bool = False  # a verb of saying: with a listed frame, it reports content whatever the context


@dataclass(frozen=True)
class Lexicon:
    """The data files, read once."""

    cues: dict[str, tuple[CueEntry, ...]]  # head lemma -> entries (longest particle first)
    noun_cues: dict[str, CueEntry]  # "claim", "criticism", "view" …
    source_markers: dict[tuple[str, ...], str]  # ("according", "to") -> stance
    passives: dict[str, tuple[str, frozenset[str]]]  # lemma -> (stance, complements)
    hedges: dict[str, str]  # adverb -> stance
    pronouns: dict[str, str]  # pronoun -> PERSON / GROUP / ANY
    entity_kinds: dict[str, str]  # entity or NER type -> PERSON / GROUP
    relative_pronouns: frozenset[str]
    quote_pairs: dict[str, str]
    colon_speaker: dict[str, Any]
    dash_speaker: dict[str, Any]
    content_prepositions: frozenset[str]

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
    speech = set(cue_data.get("speech", ()))
    for lemma, info in cue_data["cues"].items():
        head, _, particle = lemma.partition(" ")
        entry = CueEntry(lemma, head, particle or None, info["stance"], frozenset(info["frames"]), lemma in speech)
        cues.setdefault(head, []).append(entry)
    return Lexicon(
        cues={head: tuple(sorted(entries, key=lambda e: e.particle is None)) for head, entries in cues.items()},
        noun_cues={
            lemma: CueEntry(lemma, lemma, None, info["stance"], frozenset(info["frames"]))
            for lemma, info in cue_data.get("nouns", {}).items()
        },
        source_markers={tuple(k.split()): v["stance"] for k, v in patterns["source_markers"].items()},
        passives={k: (v["stance"], frozenset(v["complements"])) for k, v in patterns["passive_assessments"].items()},
        hedges={k: v["stance"] for k, v in patterns["hedge_adverbs"].items()},
        pronouns=dict(patterns["pronouns"]),
        entity_kinds=dict(patterns["entity_kinds"]),
        relative_pronouns=frozenset(patterns["relative_pronouns"]),
        quote_pairs=dict(patterns["quote_pairs"]),
        colon_speaker=dict(patterns["colon_speaker"]),
        dash_speaker=dict(patterns["dash_speaker"]),
        content_prepositions=frozenset(patterns["content_prepositions"]),
    )


def base_forms(word: str) -> list[str]:
    """Guesses at a verb's base form, for when the lemmatiser slips (``hopes`` -> ``hop``).

    >>> base_forms("hoped")
    ['hope', 'hop', 'hoped']
    """
    forms = []
    for suffix, replacements in (
        ("ies", ("y",)),
        ("ied", ("y",)),
        ("es", ("e", "")),
        ("s", ("",)),
        ("ed", ("e", "")),
        ("ing", ("e", "")),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms += [word[: -len(suffix)] + r for r in replacements]
    return forms + [word]


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
            following = any_mark.search(text, pos + 1, p_end)  # nothing happens between the marks
            pos = following.start() if following else p_end
        if current is not None:
            current.parts.append((content_start, p_end))
            pending, pending_closer = current, closer
    if pending is not None:
        quotes.append(pending)
    return [q for q in quotes if any(e > s for s, e in q.parts)]


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
    source_span: tuple[int, int] | None = None  # the source's characters, when not the speaker token's phrase

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
        self.quoted = QuoteParts(self.quotes)
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
        """The lexicon entry a verb or noun token is the cue of (``called`` + ``for`` -> ``call for``)."""
        if token.pos_ == "NOUN":
            return self.lex.noun_cues.get(token.lemma_.lower())
        if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN"):
            return None
        lemma = token.lemma_.lower()
        entries = self.lex.cues.get(lemma) or next(
            (self.lex.cues[form] for form in base_forms(token.lower_) if form in self.lex.cues), ()
        )
        for entry in entries:
            if entry.particle is None or self.particle(token, entry.particle) is not None:
                return entry
        return None

    def verb_cue_of(self, token: Token) -> CueEntry | None:
        """The lexicon entry of a verb cue (quotations are introduced by verbs, not by nouns)."""
        return None if token.pos_ == "NOUN" else self.cue_of(token)

    def particle(self, token: Token, word: str) -> Token | None:
        """The particle or preposition ``word`` hanging from ``token`` (``for`` in ``called for``)."""
        return next((c for c in token.rights if c.lower_ == word and c.dep_ in ("prt", "prep")), None)

    def cue_range(self, token: Token, entry: CueEntry | None = None) -> tuple[int, int]:
        """The cue's characters: the verb group (PolNeAR's "keep the verb group together").

        Auxiliaries, negation and adverbs right before the verb (``has also said``, ``did not
        say``), a particle right after it (``pointed out``, ``called for``) and a colon that hands
        over to the content (``said:``) are part of the cue.
        """
        doc = token.doc
        first = token
        left = _NOUN_GROUP_LEFT if token.pos_ == "NOUN" else _VERB_GROUP_LEFT
        while first.i > 0:
            before = doc[first.i - 1]
            if before.head.i != token.i or before.dep_ not in left:
                break
            first = before
        last = token
        while last.i + 1 < len(doc):
            after = doc[last.i + 1]
            particle = after.dep_ == "prt" or (entry is not None and after.lower_ == entry.particle)
            if not (after.head.i == token.i and particle):
                break
            last = after
        if last.i + 1 < len(doc) and (doc[last.i + 1].text == ":" or doc[last.i + 1].dep_ == "agent"):
            last = doc[last.i + 1]  # "said:", "was first reported by"
        return first.idx, last.idx + len(last.text)

    def source_marker(self, token: Token) -> tuple[tuple[int, int], str, Token | None] | None:
        """``according to X`` starting at ``token``: (cue range, stance, head of X)."""
        for words, stance in self.lex.source_markers.items():
            if token.lower_ != words[0] or token.i + len(words) > len(self.doc):
                continue
            tokens = [self.doc[token.i + k] for k in range(len(words))]
            if [t.lower_ for t in tokens] != list(words):
                continue
            last = tokens[-1]
            source = next((c for c in last.children if c.dep_ in ("pobj", "pcomp")), None)
            if source is None:
                source = next((t for t in self.doc[last.i + 1 : last.i + 4] if t.pos_ in ("NOUN", "PROPN")), None)
            return (token.idx, last.idx + len(last.text)), stance, source
        return None


# --- spans of tokens ----------------------------------------------------------------------------

_VERB_GROUP_LEFT = {"aux", "auxpass", "neg", "advmod"}
"""Dependents of a cue verb that belong to its cue when they stand right before it."""

_NOUN_GROUP_LEFT = {"amod", "nmod"}
"""Dependents of a cue noun that belong to its cue: ``withering criticism``, ``growing concerns``."""

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


_BRACKETS = {")": "(", "]": "["}


def source_range(text: str, token: Token) -> tuple[int, int]:
    """The characters of a source phrase: ``token``'s whole subtree, as PolNeAR marks sources.

    Appositions and clauses that say who the source is belong to it, and so does the comma that
    closes a parenthetical (``Ban Ki-moon, the secretary general,`` said); punctuation at the
    edges does not, unless it closes a bracket opened inside. Only the unbroken stretch around
    ``token`` counts, so a misparse cannot stretch a source over its own cue.

    >>> from newsledger.pipeline import load_nlp
    >>> doc = load_nlp()("Mr. King, 82, said he would stay.")
    >>> text = doc.text
    >>> text[slice(*source_range(text, doc[1]))]
    'Mr. King, 82,'
    """
    return _edge_punctuation(text, _contiguous_subtree(token), token)


def _contiguous_subtree(token: Token) -> list[Token]:
    """The tokens of ``token``'s subtree that form an unbroken stretch around it."""
    inside = {t.i for t in token.subtree}
    first = last = token.i
    while first - 1 in inside:
        first -= 1
    while last + 1 in inside:
        last += 1
    return list(token.doc[first : last + 1])


def _edge_punctuation(text: str, tokens: list[Token], token: Token) -> tuple[int, int]:
    """The characters of ``tokens`` without edge punctuation (a closing bracket or parenthetical comma stays)."""
    while tokens and (tokens[0].is_punct or tokens[0].is_space) and tokens[0].i != token.i:
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space) and tokens[-1].i != token.i:
        last = tokens[-1].text
        if last in _BRACKETS and _BRACKETS[last] in text[tokens[0].idx : tokens[-1].idx]:
            break
        tokens.pop()
    if not tokens:
        return token.idx, token.idx + len(token.text)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    if "," in text[start:end] and text.startswith(",", end):
        end += 1
    return start, end


def subtree_range(token: Token, skip_marks: bool = False) -> tuple[int, int]:
    """The characters of ``token``'s subtree; ``skip_marks`` drops a leading ``that`` / ``whether``.

    The complementiser is part of reported content by the PolNeAR / PARC convention
    (``said [that the talks failed]``), so it is kept unless asked otherwise.
    """
    tokens = list(token.subtree)
    if skip_marks:
        while tokens and tokens[0].dep_ == "mark" and tokens[0].lower_ in ("that", "whether", "if"):
            tokens = tokens[1:]
    if not tokens:
        return token.idx, token.idx
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


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
        if layout.verb_cue_of(token) is not None or layout.source_marker(token) is not None:
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
        return last if last is not None and layout.verb_cue_of(last) is not None and opening.isupper() else None
    window = [t for t in _words(layout, paragraph_start, paragraph_start + len(before))][-MAX_CUE_DISTANCE:]
    for token in reversed(window):
        if token.text in (".", "!", "?", ";") or token.text in layout.lex.quote_marks:
            break
        if layout.verb_cue_of(token) is not None:
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
        parts = quote_spans(text, quote, layout.lex.quote_marks)
        if not parts:
            continue
        signature = _dash_signature(layout, quote)
        if signature is not None:
            dash, name = signature
            lemma = layout.lex.dash_speaker["cue_lemma"]
            drafts.append(
                Draft(
                    "direct",
                    parts,
                    dash,
                    lemma,
                    "neutral",
                    name.root,
                    quotes=[quote],
                    source_span=(name.start_char, name.end_char),
                )
            )
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
        speech = _is_speech_like(layout, *quote_content(text, *quote.parts[0]))
        if (
            previous is not None
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


def _dash_signature(layout: Layout, quote: Quote) -> tuple[tuple[int, int], Any] | None:
    """``“…” ― Pamela Padilla``: a quotation signed with a dash and a name, the rest of its paragraph.

    Returns the dash's characters and the name (a spaCy Span).
    """
    if quote.close is None:
        return None
    paragraph_end = layout.paragraphs[layout.paragraph_of(quote.close)][1]
    found = re.fullmatch(layout.lex.dash_speaker["pattern"], layout.text[quote.end : paragraph_end])
    if found is None:
        return None
    start, end = quote.end + found.start("name"), quote.end + found.end("name")
    name = layout.doc.char_span(start, end, alignment_mode="contract")
    if name is None or not len(name) or not all(t.is_title or t.is_upper or not t.is_alpha for t in name):
        return None
    return (quote.end + found.start("dash"), quote.end + found.end("dash")), name


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


# --- sources: who speaks -------------------------------------------------------------------------


def speaker_of(layout: Layout, cue: Token) -> Token | None:
    """The head of the cue's source: its subject (the agent of a passive); for participles and
    coordinated cues, the governing verb's.

    ``He said and added that …``: ``added`` -> ``He``. ``…, saying X``: ``saying`` -> the main subject.
    The source is the phrase as written (``who`` in ``Smith, who said``, ``A spokesman, John Smith``);
    the :class:`Resolver` finds whom it names.
    """
    if cue.pos_ == "NOUN":
        return _noun_source(layout, cue)
    token = cue
    quoted = cue.idx in layout.quoted
    for _ in range(6):
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        # A misparse may give the cue a subject inside the quotation it reports: that is not the speaker.
        subject = next((c for c in subjects if (c.idx in layout.quoted) == quoted), None)
        if subjects and subject is None:
            return None
        if subject is not None and subject.dep_ == "nsubjpass":
            # "X was reported by Y": Y. "X can be heard yelling …" (climbed from the cue): X.
            return _agent(token) if token.i == cue.i else subject
        if subject is not None:
            return subject
        if token.head.i == token.i:
            return None
        participle = token.tag_ in ("VBG", "VBN")
        if token.dep_ == "acl" and participle:
            return None  # "a letter saying …": who speaks through the letter is left open
        if token.dep_ == "pcomp" and participle and token.head.head.i != token.head.i:
            token = token.head  # "responded by saying …": through the preposition to the verb
        elif not (
            token.dep_ in ("conj", "xcomp")
            or (token.dep_ == "advcl" and (participle or _has_to(token)))  # "…, saying X"; "met to discuss X"
        ):
            return None
        if token.dep_ == "conj" and token.head.dep_ == "ccomp" and layout.cue_of(token.head.head) is not None:
            token = token.head  # "said he would go and warned …": warned goes with said (see _coordinated_cue)
        token = token.head
    return None


def _noun_source(layout: Layout, noun: Token) -> Token | None:
    """Whose claim a cue noun reports: ``his claim``, ``calls by Democrats``, ``Democrats raised concerns``."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if (
        owner is None
        and noun.i > 0
        and noun.doc[noun.i - 1].dep_ == "compound"
        and noun.doc[noun.i - 1].pos_ == "PROPN"
    ):
        owner = noun.doc[noun.i - 1]  # "Trump charges that …", parsed as a noun
    if owner is not None:
        return owner
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "among")):
        agent = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if agent is not None:
            return agent
    if noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        return speaker_of(layout, noun.head)  # "Democrats raised concerns that …"
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
    """``was briefed``, ``is said``; and the reduced relative ``people briefed on the talks``."""
    if verb.tag_ == "VBN" and verb.dep_ == "acl":
        return True
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


# --- content candidates and the scorers that choose among them ------------------------------------


@dataclass(frozen=True)
class Candidate:
    """One reading of where a cue's content lies: a dependency relation and the spans it gives.

    ``kind`` names the relation (``ccomp``, ``dobj``, ``prep:about``, ``dobj+pred`` …); ``frame``
    is the lexicon frame it realises (``clause``, ``object``, ``about`` …), if any.
    """

    kind: str
    spans: tuple[tuple[int, int], ...]
    frame: str | None = None


_FRAME_OF_KIND = {"ccomp": "clause", "xcomp": "to_inf", "dobj": "object", "dobj+pred": "predicate"}
_CANDIDATE_CHILDREN = ("ccomp", "xcomp", "dobj", "acl", "advcl", "nsubjpass", "oprd", "attr", "acomp")


def content_candidates(layout: Layout, cue: Token) -> list[Candidate]:
    """Every span the parse offers as the content of ``cue``, trimmed by the content conventions.

    >>> from newsledger.pipeline import load_nlp
    >>> doc = load_nlp()("She told reporters that the talks had failed.")
    >>> [c.kind for c in content_candidates(Layout(doc, lexicon()), doc[1])]
    ['dobj', 'ccomp', 'dobj+pred']
    >>> doc.text[slice(*content_candidates(Layout(doc, lexicon()), doc[1])[1].spans[0])]
    'that the talks had failed'
    """
    text = layout.text
    found: list[Candidate] = []

    def add(kind: str, ranges: Sequence[tuple[int, int]], frame: str | None = None) -> None:
        spans = tuple((s, e) for s, e in (trim(text, *r) for r in ranges) if e > s)
        if spans and all(spans != c.spans for c in found):
            found.append(Candidate(kind, spans, frame if frame is not None else _FRAME_OF_KIND.get(kind)))

    children = list(cue.children)
    for child in children:
        if child.dep_ == "xcomp" and not _has_to(child):
            add("xcomp-bare", [subtree_range(child)])
        elif child.dep_ == "acl" and cue.pos_ == "NOUN":
            add("acl", [subtree_range(child)], "clause")  # "the claim that …"
        elif child.dep_ in _CANDIDATE_CHILDREN:
            add(child.dep_, [subtree_range(child)])
        if child.dep_ in ("prep", "agent", "dative", "prt") and child.lower_ in layout.lex.content_prepositions:
            for grand in child.children:
                if grand.dep_ in ("pobj", "pcomp"):
                    add(f"prep:{child.lower_}", [subtree_range(grand)], child.lower_)
                elif grand.dep_ in ("xcomp", "ccomp"):
                    add(f"prep:{child.lower_}>{grand.dep_}", [subtree_range(grand)], "to_inf")
        if child.dep_ == "xcomp":
            for grand in child.children:
                if grand.dep_ in ("ccomp", "dobj"):
                    add(f"xcomp>{grand.dep_}", [subtree_range(grand)])
    for obj in (c for c in children if c.dep_ == "dobj"):
        for after in (c for c in children if c.i > obj.i):
            if after.dep_ in ("oprd", "xcomp", "ccomp", "acomp"):
                add("dobj+pred", [(obj.left_edge.idx, _predicate_end(after))])  # called the ruling "a win"
            elif after.dep_ == "prep":
                add(f"dobj+prep:{after.lower_}", [(obj.left_edge.idx, subtree_range(after)[1])], after.lower_)
        for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ in layout.lex.content_prepositions):
            for grand in (g for g in prep.children if g.dep_ in ("pobj", "pcomp")):
                add(f"dobj>prep:{prep.lower_}", [subtree_range(grand)], prep.lower_)  # accused X of Y
    if cue.pos_ == "NOUN" and cue.dep_ == "nsubj" and cue.head.lemma_ == "be":
        # "Her hope is that voters will listen": the copula's complement.
        for child in cue.head.children:
            if child.dep_ in ("ccomp", "attr", "xcomp"):
                add(f"copula:{child.dep_}", [subtree_range(child)], "clause")
    if cue.dep_ in ("parataxis", "ccomp", "advcl", "conj") and cue.head.i != cue.i:
        # "The talks, he said, had failed" / "The talks had failed, he said": the clause around the cue.
        head_start, head_end = subtree_range(cue.head)
        cut_start, cut_end = subtree_range(cue)
        before, after = (head_start, cut_start), (cut_end, head_end)
        if cut_start > head_start:
            add("head-before", [before], "clause")
        if cut_start > head_start and head_end > cut_end:
            add("head-around", [before, after], "clause")
    for number, candidate in enumerate(list(found)):
        *first, (start, end) = candidate.spans
        cut = _coordinated_cue(layout, cue, start, end)
        if cut is not None:  # the second report is never part of the first: replace, do not add
            spans = tuple((s, e) for s, e in (trim(text, *r) for r in [*first, (start, cut)]) if e > s)
            if spans:
                found[number] = candidate = Candidate(candidate.kind, spans, candidate.frame)
                *first, (start, end) = candidate.spans
        cut = _trailing_aside(layout, start, end)
        if cut is not None:
            add(f"{candidate.kind}~cut", [*first, (start, cut)], candidate.frame)
    return found


def _coordinated_cue(layout: Layout, cue: Token, start: int, end: int) -> int | None:
    """Where a second cue coordinated with ``cue`` begins inside a span, if one does.

    ``said [he would order a review] and warned against hackers``: the parse hangs ``warned``
    inside the first cue's clause, but it has no subject of its own and the cue's tense, not its
    neighbour's: it is the speaker's second statement, not part of the first.
    """
    span = layout.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    for token in span[1:]:
        if token.dep_ != "conj" or token.tag_ != cue.tag_ or token.head.tag_ == token.tag_:
            continue
        if layout.verb_cue_of(token) is None or _subject(token) is not None:
            continue
        conjunction = next((c for c in token.head.children if c.dep_ == "cc" and c.i < token.i), None)
        if conjunction is not None and conjunction.i > span.start:
            return conjunction.idx
    return None


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)


_ASIDE_DEPS = {"appos", "relcl", "acl", "advcl", "npadvmod", "prep", "conj", "parataxis", "dep"}
_ASIDE_MARKS = {",", "—", "–", "-", "--", "(", ";"}


def _trailing_aside(layout: Layout, start: int, end: int) -> int | None:
    """Where a span's closing aside begins (``…the deal, which critics call a giveaway``), if it has one.

    Annotators leave out what the author adds after a comma or dash when it is not clearly reported;
    the content ranker learns when to take the shorter reading.
    """
    span = layout.doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) < 4:
        return None
    for token in span[2:]:
        before = layout.doc[token.i - 1]
        if before.text in _ASIDE_MARKS and token.dep_ in _ASIDE_DEPS and token.right_edge.i >= span.end - 1:
            return before.idx
    return None


def _predicate_end(token: Token) -> int:
    """The end of ``a "nasty guy"`` without a clause coordinated to it by a misparse."""
    kept = [token] + [t for c in token.children if c.dep_ not in ("cc", "conj") for t in c.subtree]
    last = max(kept, key=lambda t: t.i)
    return last.idx + len(last.text)


def _length_bucket(n: int) -> str:
    return str(min(n.bit_length(), 7))


def candidate_features(layout: Layout, cue: Token, entry: CueEntry, candidate: Candidate) -> list[str]:
    """Features for choosing among one cue's content candidates (see :func:`content_candidates`)."""
    text = layout.text
    start, end = candidate.spans[0][0], candidate.spans[-1][1]
    words = text[start:end].split()
    kind = candidate.kind.split(":")[0] if candidate.kind.startswith(("prep:", "dobj+prep:", "dobj>prep:")) else ""
    k = f"k={candidate.kind}"
    return [
        k,
        f"{k}|l={entry.lemma}",
        f"{k}|frame={candidate.frame in entry.frames}",
        f"{k}|tag={cue.tag_}",
        f"{k}|first={words[0].lower() if words else ''}",
        f"{k}|len={_length_bucket(len(words))}",
        f"{k}|after={start > cue.idx}",
        f"{k}|quoted={any(m in text[start:end] for m in layout.lex.quote_marks)}",
        f"{k}|pass={_is_passive(cue)}",
        f"{k}|spans={len(candidate.spans)}",
        f"pk={kind}|l={entry.lemma}",
    ]


def source_candidates(layout: Layout, token: Token) -> list[Candidate]:
    """Readings of a source phrase's extent: the whole phrase, without its closing aside, the bare noun phrase."""
    text = layout.text
    found = [Candidate("full", (source_range(text, token),))]
    start, end = found[0].spans[0]
    cut = _trailing_aside(layout, start, end)
    if cut is not None:
        found.append(Candidate("cut", ((start, trim(text, start, cut)[1]),)))
    bare = phrase_range(token)
    if all(bare != c.spans[0] for c in found):
        found.append(Candidate("bare", (bare,)))
    return found


def source_features(layout: Layout, token: Token, candidate: Candidate) -> list[str]:
    """Features for choosing among a source's readings (see :func:`source_candidates`)."""
    start, end = candidate.spans[0]
    words = layout.text[start:end].split()
    after = layout.doc.char_span(start, end, alignment_mode="expand")
    following = layout.doc[after.end] if after is not None and after.end < len(layout.doc) else None
    k = f"k={candidate.kind}"
    aside = _trailing_aside(layout, start, end)
    aside_token = layout.token_at(aside + 1) if aside is not None else None
    return [
        k,
        f"{k}|pos={token.pos_}",
        f"{k}|ent={_entity_label(layout, token)}",
        f"{k}|len={_length_bucket(len(words))}",
        f"{k}|next={following.pos_ if following is not None else ''}",
        f"{k}|comma={',' in layout.text[start:end]}",
        f"{k}|aside={aside_token.dep_ if aside_token is not None else ''}",
        f"{k}|last={words[-1][-1:] if words else ''}",
    ]


def cue_features(layout: Layout, cue: Token, entry: CueEntry, candidate: Candidate, source: Token | None) -> list[str]:
    """Features for deciding whether ``cue`` with its chosen content reports an attribution."""
    lemma = f"l={entry.lemma}"
    subject = (
        "none"
        if source is None
        else (
            "rel"
            if source.lower_ in layout.lex.relative_pronouns
            else (source.lower_ if source.pos_ == "PRON" else source.pos_)
        )
    )
    text = layout.text
    first = text[candidate.spans[0][0] : candidate.spans[0][1]].split()[:1]
    head = cue.head if cue.head.i != cue.i else None
    deps = sorted({c.dep_ for c in cue.children})
    content = layout.doc.char_span(*candidate.spans[0], alignment_mode="expand")
    root = content.root if content is not None and len(content) else None
    features = [
        lemma,
        f"tag={cue.tag_}",
        f"dep={cue.dep_}",
        f"{lemma}|tag={cue.tag_}",
        f"{lemma}|dep={cue.dep_}",
        f"k={candidate.kind}",
        f"{lemma}|k={candidate.kind}",
        f"{lemma}|frame={candidate.frame in entry.frames}",
        f"frame={candidate.frame in entry.frames}",
        f"k={candidate.kind}|frame={candidate.frame in entry.frames}",
        f"stance={entry.stance}|frame={candidate.frame in entry.frames}",
        f"subj={subject}",
        f"{lemma}|subj={subject}",
        f"k={candidate.kind}|subj={subject}",
        f"pass={_is_passive(cue)}",
        f"{lemma}|pass={_is_passive(cue)}",
        f"neg={any(c.dep_ == 'neg' for c in cue.children)}",
        f"first={first[0].lower() if first else ''}",
        f"{lemma}|first={first[0].lower() if first else ''}",
        f"head={head.lemma_.lower() if head is not None else 'ROOT'}|dep={cue.dep_}",
        f"quoted={cue.idx in layout.quoted}",
        f"subj_ent={_entity_label(layout, source)}",
        f"{lemma}|subj_ent={_entity_label(layout, source)}",
        f"len={_length_bucket(sum(e - s for s, e in candidate.spans) // 6)}",
        f"root={root.pos_}|{root.ent_type_}" if root is not None else "root=",
        f"{lemma}|root={root.pos_}|{root.ent_type_}" if root is not None else f"{lemma}|root=",
        f"k={candidate.kind}|root={root.pos_}" if root is not None else f"k={candidate.kind}|root=",
        f"prev={layout.doc[cue.i - 1].lower_ if cue.i else ''}",
        f"next={layout.doc[cue.i + 1].lower_ if cue.i + 1 < len(layout.doc) else ''}",
        f"stance={entry.stance}",
    ]
    features += [f"child={d}" for d in deps] + [f"{lemma}|child={d}" for d in deps]
    return features


def _entity_label(layout: Layout, token: Token | None) -> str:
    """The named-entity label over ``token`` (``PERSON``, ``ORG`` …), ``-`` for none."""
    if token is None:
        return "none"
    return token.ent_type_ or ("PRON" if token.pos_ == "PRON" else "-")


@dataclass(frozen=True)
class LinearScorer:
    """A linear model over named features: ``score = bias + sum(weights[f])``, positive when > threshold."""

    weights: dict[str, float]
    bias: float = 0.0
    threshold: float = 0.0

    def score(self, features: Iterable[str]) -> float:
        weights = self.weights
        return self.bias + sum(weights.get(f, 0.0) for f in features)


@dataclass(frozen=True)
class Scorers:
    """The trained scorers (``resources/models/attributions/``), or ``None`` fields for the rules alone."""

    cue: LinearScorer | None = None
    content: LinearScorer | None = None
    source: LinearScorer | None = None


MODEL_PATH = RESOURCES / "models" / "attributions" / "scorers.json"


@lru_cache(maxsize=1)
def scorers() -> Scorers:
    """The trained scorers shipped with the package; without the file, the lexicon's frames decide alone."""
    try:
        data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Scorers()
    models = {
        name: LinearScorer(dict(m["weights"]), float(m.get("bias", 0.0)), float(m.get("threshold", 0.0)))
        for name, m in data.get("models", {}).items()
    }
    return Scorers(cue=models.get("cue"), content=models.get("content"), source=models.get("source"))


def choose_content(layout: Layout, cue: Token, entry: CueEntry, candidates: Sequence[Candidate]) -> Candidate | None:
    """The best content candidate: by the trained scorer, else the first whose frame the lexicon lists."""
    if not candidates:
        return None
    model = scorers().content
    if model is None:
        framed = [c for c in candidates if c.frame in entry.frames]
        return framed[0] if framed else None
    return max(candidates, key=lambda c: model.score(candidate_features(layout, cue, entry, c)))


def choose_source(layout: Layout, token: Token) -> tuple[int, int]:
    """The extent of the source phrase headed by ``token``: by the trained scorer, else the whole phrase."""
    candidates = source_candidates(layout, token)
    model = scorers().source
    if model is None or len(candidates) == 1:
        return candidates[0].spans[0]
    return max(candidates, key=lambda c: model.score(source_features(layout, token, c))).spans[0]


def is_cue(layout: Layout, cue: Token, entry: CueEntry, candidate: Candidate, source: Token | None) -> bool:
    """Whether ``cue`` reports ``candidate``.

    A verb of saying with a complement the lexicon lists reports it; otherwise (attitudes, evidence,
    support, unlisted complements) the trained gate judges the context, or without it the frame alone.
    """
    framed = candidate.frame in entry.frames
    model = scorers().cue
    if model is None or (entry.speech and framed and not _is_passive(cue)):
        return framed
    return model.score(cue_features(layout, cue, entry, candidate, source)) > model.threshold


# --- indirect speech ----------------------------------------------------------------------------


def _has_to(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


@dataclass
class CueCandidate:
    """A lexicon cue outside the direct quotations, with what the parse offers as its content and source."""

    token: Token
    entry: CueEntry
    candidates: list[Candidate]
    source: Token | None


def cue_candidates(layout: Layout, direct: Sequence[Draft]) -> Iterator[CueCandidate]:
    """Every lexicon cue not claimed by a quotation that has a content candidate (training uses this too)."""
    used = {d.cue[0] for d in direct if d.cue}
    quoted = QuoteParts(q for d in direct for q in d.quotes)
    for token in layout.doc:
        if token.idx in used or token.idx in quoted:
            continue
        entry = layout.cue_of(token)
        if entry is None:
            continue
        if _is_passive(token) and _agent(token) is None:
            continue  # no source named: an unattributed assessment at most (see unattributed_drafts)
        candidates = [c for c in content_candidates(layout, token) if not any(quoted.holds(s, e) for s, e in c.spans)]
        if candidates:
            yield CueCandidate(token, entry, candidates, speaker_of(layout, token))


def indirect_drafts(layout: Layout, direct: Sequence[Draft], leftover: list[Quote]) -> list[Draft]:
    """Drafts for cue verbs with a complement outside the direct quotations; quoted fragments -> mixed."""
    accepted: dict[int, tuple[Draft, Candidate]] = {}  # cue token index -> draft, chosen content
    for found in cue_candidates(layout, direct):
        token, entry = found.token, found.entry
        chosen = choose_content(layout, token, entry, found.candidates)
        if chosen is None or not is_cue(layout, token, entry, chosen, found.source):
            continue
        cue = _with_linking_word(layout, layout.cue_range(token, entry), chosen.spans[0][0])
        if chosen.kind.startswith("copula:"):
            cue = (cue[0], max(cue[1], token.head.idx + len(token.head.text)))  # "Her hope is that …"
        draft = Draft("indirect", list(chosen.spans), cue, entry.lemma, entry.stance, found.source)
        accepted[token.i] = (draft, chosen)
    drafts = []
    for index, (draft, chosen) in accepted.items():
        inner = _chained_cue(layout, layout.doc[index], chosen, accepted)
        if inner is not None:
            # "wanted to know who approved it": one cue, "wanted to know", as PolNeAR marks it.
            inner.cue = (draft.cue[0], inner.cue[1])
            if inner.speaker is None:
                inner.speaker = draft.speaker
            continue
        drafts.append(draft)
    for draft in drafts:
        fragments = [q for q in leftover if any(s <= q.open and q.end <= e + 1 for s, e in draft.content)]
        for quote in fragments:
            leftover.remove(quote)
        draft.kind = "mixed" if fragments else "indirect"
    return drafts


def _with_linking_word(layout: Layout, cue: tuple[int, int], content_start: int) -> tuple[int, int]:
    """A preposition standing between a cue and its content belongs to the cue (``pointed to``, ``spoke of``)."""
    between = layout.text[cue[1] : content_start]
    word = between.strip()
    if not word or " " in word or content_start <= cue[1]:
        return cue
    token = layout.token_at(cue[1] + between.index(word))
    if token is not None and token.pos_ == "ADP" and token.text == word:
        return cue[0], token.idx + len(token.text)
    return cue


def _chained_cue(
    layout: Layout, token: Token, chosen: Candidate, accepted: dict[int, tuple[Draft, Candidate]]
) -> Draft | None:
    """The draft of a cue that heads ``token``'s content and follows right on from it, if any.

    ``wanted to know [who approved it]``, ``responded by saying [that …]``: PolNeAR marks one cue,
    ``wanted to know`` / ``responded by saying``, and the inner cue's content.
    """
    if not chosen.kind.startswith(("xcomp", "prep:")):
        return None
    content = layout.doc.char_span(*chosen.spans[0], alignment_mode="expand")
    if content is None or not len(content) or content.root.tag_ not in ("VB", "VBG"):
        return None  # only an infinitive or a gerund continues the cue
    if content.root.i == token.i or content.root.i not in accepted:
        return None
    inner = accepted[content.root.i][0]
    outer_end = layout.cue_range(token)[1]
    gap = layout.text[outer_end : inner.cue[0]].split()
    if inner.cue[0] >= outer_end and len(gap) <= 1 and inner.content[0][0] > inner.cue[1]:
        return inner
    return None


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
    quoted = QuoteParts(q for d in direct for q in d.quotes)
    drafts = []
    for token in layout.doc:
        marker = layout.source_marker(token) if token.idx not in used else None
        if marker is None or token.idx in quoted:
            continue
        cue, stance, source = marker
        phrase_end = max(cue[1], source_range(layout.text, source)[1]) if source is not None else cue[1]
        content = _clause_without(layout, token, (cue[0], phrase_end))
        if content:
            drafts.append(Draft("according_to", content, cue, "according to", stance, source))
    return drafts


def unattributed_drafts(layout: Layout, direct: Sequence[Draft]) -> list[Draft]:
    """Assessments with no source: ``is seen as``, ``is expected to``, ``reportedly``."""
    quoted = QuoteParts(q for d in direct for q in d.quotes)
    drafts = []
    for token in layout.doc:
        if token.idx in quoted:
            continue
        draft = _passive_assessment(layout, token) or _hedge(layout, token)
        if draft is not None:
            drafts.append(draft)
    return drafts


def _passive_assessment(layout: Layout, verb: Token) -> Draft | None:
    if verb.tag_ != "VBN":
        return None
    found = layout.lex.passives.get(verb.lemma_.lower())
    if found is None or not any(c.dep_ == "auxpass" for c in verb.children):
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
    return Draft("unattributed", content, layout.cue_range(verb), verb.lemma_.lower(), stance)


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


_COLON_LINE = re.compile(r"([“\"]?)([^:\n]{1,80}?):[ \t]+\S")


def colon_drafts(layout: Layout, direct: Sequence[Draft], ledger: Ledger) -> list[Draft]:
    """``Pence: Flowers won't be at the debate`` (headlines) and ``PENCE: Well, …`` (transcripts)."""
    rule = layout.lex.colon_speaker
    quoted = QuoteParts(q for d in direct for q in d.quotes)
    lines = [(p, _COLON_LINE.match(layout.text[p[0] : p[1]])) for p in layout.paragraphs]
    # A transcript names its speakers in capitals, each more than once: "WALLACE:", "PENCE:".
    openers = Counter(m.group(2) for _, m in lines if m is not None and m.group(2).isupper())
    drafts = []
    for (p_start, p_end), found in lines:
        if found is None or p_start + found.end(2) in quoted:
            continue
        colon = p_start + found.end(2)
        name = _words(layout, p_start + found.start(2), colon)
        if not name or len(name) > rule["max_name_words"]:
            continue
        if openers[found.group(2)] < 2 and not _names_a_speaker(layout, name, ledger):
            continue
        quoted_text = layout.text[colon + 1 : p_end].lstrip()[:1] in layout.lex.quote_marks
        kind = "direct" if quoted_text or all(t.is_upper for t in name if t.is_alpha) else "indirect"
        # A speech turn keeps its last full stop; a headline's reported clause does not.
        start, end = (quote_content if kind == "direct" else trim)(layout.text, colon + 1, p_end)
        if end <= start:
            continue
        speaker = max(name, key=lambda t: t.pos_ == "PROPN" and t.i)  # the last proper noun: the head
        name_span = (name[0].idx, name[-1].idx + len(name[-1].text))
        drafts.append(
            Draft(
                kind,
                [(start, end)],
                (colon, colon + 1),
                rule["cue_lemma"],
                rule["stance"],
                speaker,
                source_span=name_span,
            )
        )
    return drafts


def _names_a_speaker(layout: Layout, name: Sequence[Token], ledger: Ledger) -> bool:
    """Words before a colon that name a person or body (not a dateline, a label or a clause)."""
    if any(t.pos_ in ("VERB", "AUX", "PRON") for t in name) or not all(t.is_title or t.is_upper for t in name):
        return False
    start, end = name[0].idx, name[-1].idx + len(name[-1].text)
    kinds = {e.label_ for e in layout.doc.ents if e.start_char < end and start < e.end_char}
    kinds |= {e.type for e in ledger.entities for m in e.mentions if m.start < end and start < m.end}
    if kinds & {"GPE", "LOC", "FAC", "DATE", "TIME"}:
        return False  # "ISLAMABAD:" is a dateline
    return bool(kinds & {"PERSON", "ORG", "NORP"})


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
        source = draft.speaker
        if source is None:
            return None
        head = self.named_head(source)
        voice = self.pronoun(head) if head.lower_ in self.layout.lex.pronouns else self.named(head)
        if voice is None:
            return None
        voice.nested = draft.nested
        self.history.append(voice)
        ref = voice.ref
        # The mention is the source phrase as written, by the PolNeAR convention (see source_range);
        # a dateline ("WASHINGTON -- President Obama said") is not part of it.
        written = head if _is_dateline(self.layout, source) else source
        mention = self.layout.span(*(draft.source_span or choose_source(self.layout, written)))
        return EntityRef(ref.name, ref.entity, ref.country, ref.sector, mention)

    def named_head(self, source: Token) -> Token:
        """The word that names the speaker: the antecedent of ``who``, the name beside a description.

        ``Smith, who said`` -> ``Smith``; ``A spokesman, John Smith, said`` -> ``Smith``.
        """
        layout = self.layout
        if source.lower_ in layout.lex.relative_pronouns and source.head.dep_ == "relcl":
            return _appositive_name(layout, source.head.head)
        return _appositive_name(layout, source)

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
            return Voice(EntityRef(mention.text, None, None, None, mention), "GROUP", sentence, paragraph, words)
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
            out.append(Voice(ref, "PERSON", layout.sentence_of(ent.root), layout.paragraph_of(ent.start_char), words))
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
                and t.idx not in layout.quoted
            ]
            subjects.sort(key=lambda t: (t.head.i != sent.root.i, -t.i))
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
    ('indirect', 'said', 'that the talks had failed', 'The minister')
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
