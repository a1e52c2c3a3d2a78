"""Direct speech: quotations with the cue that opens or closes them, split quotes, dash signatures,
and quote paragraphs that carry the speaker over from the paragraph before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from newsledger.extract.attributions.layout import Draft, Layout, Token, tokens_between
from newsledger.extract.attributions.quotes import Quote, quote_content, quote_spans
from newsledger.extract.attributions.sources import speaker_of

MAX_CUE_DISTANCE = 12
"""How many tokens may stand between a quote mark and the cue that introduces or closes it."""

SPEECH_MIN_WORDS = 4
"""A cue-less quote shorter than this is a quoted term (scare quotes), not a quotation."""


def _is_speech_like(layout: Layout, start: int, end: int) -> bool:
    """Quoted text that reads as a sentence of speech rather than a quoted term."""
    words = [t for t in tokens_between(layout, start, end) if not t.is_punct]
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
    for token in tokens_between(layout, quote.end, paragraph_end):
        if token.text in (".", "!", "?", ";") or token.text in layout.lex.quote_pairs:
            break
        if token.dep_ == "cc" and all(t.is_punct for t in window):
            break  # "… as “patently false,” and analysts told …": a new clause with its own content
        window.append(token)
        if len(window) > MAX_CUE_DISTANCE and not _in_a_description(window):
            break
    first = next((t for t in window if not t.is_punct), None)
    if first is not None and first.lower_ in _SUBORDINATORS:
        return None  # "“That makes me smart,” when Clinton blasted him": a clause about the quotation
    for token in window:
        if layout.verb_cue_of(token) is not None or layout.source_marker(token) is not None:
            return None if _goes_on(layout, token, quote) else token
    return None


_SUBORDINATORS = frozenset({"when", "after", "before", "because", "while", "if", "since", "until", "though",
                            "although", "whereas", "once"})
"""Words that open a clause after a quotation that is not its reporting clause (but "as" may be one:
"“…,” as he put it")."""


def _in_a_description(window: list[Token]) -> bool:
    """Whether the words after a quotation are still a name and its description (``“…,” Steve Clarke,
    deputy associate administrator for exploration in NASA's science mission directorate, said``): the
    cue is further off, after the apposition."""
    name = next((t for t in window if not t.is_punct), None)
    if name is None:
        return False
    while name.dep_ in ("compound", "poss", "case") and name.head.pos_ == "PROPN" and name.head.i > name.i:
        name = name.head  # "He Jianxiong": a given name the tagger left out; "NASA's Steve Clarke": his body
    if name.ent_type_ != "PERSON":
        return False
    while name.head.ent_type_ == "PERSON" and name.head.i > name.i:
        name = name.head  # "Steve Clarke": the head of the name
    return all(t.i == name.i or t.is_punct or name.is_ancestor(t) for t in window)


def _goes_on(layout: Layout, participle: Token, quote: Quote) -> bool:
    """A participle after a quotation that carries on a cue before it: ``Pompeo said that Washington had
    concluded ... was “not inconsistent with international law”, saying he trusted the courts`` -- the
    quotation is part of what "said" reports, and "saying" reports something else."""
    governor = participle.head
    return (participle.tag_ == "VBG" and participle.dep_ in ("advcl", "xcomp", "conj")
            and governor.idx < quote.open and layout.verb_cue_of(governor) is not None)


def _cue_just_before(layout: Layout, quote: Quote) -> Token | None:
    """A cue ending right before the quotation, behind only a comma or a colon, that starts no sentence of
    the quotation's own: ``protesters chanted, “Red for Ed,” in a hallway, Bosma spoke`` -- the chant is
    the protesters', whatever cue follows."""
    before = layout.text[: quote.open].rstrip()
    if not before or before[-1] not in ",:":
        return None
    last = layout.token_at(len(before) - 2) if len(before) > 1 else None
    if last is None or layout.verb_cue_of(last) is None or last.idx + len(last.text) != len(before) - 1:
        return None
    subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in last.children)
    return last if subject else None


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
    window = [t for t in tokens_between(layout, paragraph_start, paragraph_start + len(before))][-MAX_CUE_DISTANCE:]
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
        cue_token = (_cue_just_before(layout, quote) or _cue_after(layout, quote)
                     or _cue_before(layout, quote, list(by_cue)))  # fmt: skip
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
