"""Where things are in one Doc (paragraphs, sentences, quotes, cues on tokens), and the Draft of an attribution."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from newsledger.extract.attributions.quotes import Quote, QuoteParts, find_quotes, paragraphs
from newsledger.extract.attributions.vocabulary import CueEntry, Lexicon, base_forms
from newsledger.extract.parsed import entities, offsets, sentence_number, sentences, tokens
from newsledger.extract.parsed import text as doc_text
from newsledger.model import Span

Token = Any  # a spaCy Token; spaCy types are not imported at module level to keep imports light


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


_VERB_GROUP_LEFT = {"aux", "auxpass", "neg", "advmod"}
"""Dependents of a cue verb that belong to its cue when they stand right before it."""

_NOUN_GROUP_LEFT = {"amod", "nmod"}
"""Dependents of a cue noun that belong to its cue: ``withering criticism``, ``growing concerns``."""


class Layout:
    """Where things are in one Doc: paragraphs, sentences, quotes, and the cue lexicon applied to tokens."""

    def __init__(self, doc, lex: Lexicon) -> None:
        self.doc = doc
        self.text: str = doc_text(doc)
        self.lex = lex
        self.paragraphs = paragraphs(self.text)
        self._paragraph_starts = [s for s, _ in self.paragraphs]
        self.quotes = find_quotes(self.text, lex.quote_pairs)
        self.quoted = QuoteParts(self.quotes)
        from spacy.attrs import IS_SPACE

        self.token_starts, self.token_ends = offsets(doc)
        self.token_is_space: list[bool] = doc.to_array([IS_SPACE]).astype(bool).tolist() if len(doc) else []
        self._cue_entries: list[CueEntry | None] | None = None
        self.source_choices: dict[int, tuple[int, int]] = {}  # speaker token -> its phrase (choose_source)
        self.sentences = list(sentences(doc))
        self._sentence_of = sentence_number(doc)
        self.ents = entities(doc)

    def paragraph_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._paragraph_starts, pos) - 1)

    def sentence_of(self, token: Token) -> int:
        return self._sentence_of[token.i]

    def sentence_starts(self) -> list[bool]:
        """Per token: whether it opens a sentence."""
        starts = [False] * len(self.doc)
        for sent in self.sentences:
            starts[sent.start] = True
        return starts

    def token_at(self, pos: int) -> Token | None:
        """The token that starts at or covers character ``pos``, else the first one after it."""
        if not len(self.doc):
            return None
        i = max(0, bisect.bisect_right(self.token_starts, pos) - 1)
        if self.token_ends[i] <= pos and i + 1 < len(self.doc):
            i += 1
        return tokens(self.doc)[i]

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def cue_of(self, token: Token) -> CueEntry | None:
        """The lexicon entry a verb or noun token is the cue of (``called`` + ``for`` -> ``call for``)."""
        return self.cue_entries()[token.i]

    def cue_entries(self) -> list[CueEntry | None]:
        """:meth:`cue_of` of every token, by index (asked for every token, often twice: built once)."""
        if self._cue_entries is None:
            self._cue_entries = [self._lexicon_entry(t) for t in tokens(self.doc)]
        return self._cue_entries

    def _lexicon_entry(self, token: Token) -> CueEntry | None:
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


def tokens_between(layout: Layout, start: int, end: int) -> list[Token]:
    """The tokens, blanks left out, that start inside the character range ``[start, end)``."""
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
