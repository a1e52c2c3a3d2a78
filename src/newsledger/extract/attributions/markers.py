"""Attributions marked by a phrase rather than a cue verb's complement.

``X, according to Y``; unattributed assessments (``is seen as``, ``is expected to``,
``reportedly``); speaker lines (``Pence: …`` headlines, ``PENCE: …`` transcripts).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from newsledger.extract.attributions.layout import Draft, Layout, Token, tokens_between
from newsledger.extract.attributions.quotes import QuoteParts, quote_content, trim
from newsledger.extract.attributions.ranges import phrase_range, source_range, subtree_range
from newsledger.extract.attributions.sources import _agent, _has_to
from newsledger.extract.parsed import tokens
from newsledger.model import Ledger


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
    for token in tokens(layout.doc):
        marker = layout.source_marker(token) if token.idx not in used else None
        if marker is None or token.idx in quoted:
            continue
        cue, stance, source = marker
        phrase_end = max(cue[1], source_range(layout.text, source)[1]) if source is not None else cue[1]
        content = _clause_without(layout, token, (cue[0], phrase_end))
        source_span = None
        if not content and source is not None:
            # "According to Rush Limbaugh, the move reeks …" misparsed with the clause as the name's
            # apposition: the source then swallows the sentence; it ends at its first comma instead.
            source_span = phrase_range(source)
            content = _clause_without(layout, token, (cue[0], max(cue[1], source_span[1])))
        if content:
            drafts.append(
                Draft("according_to", content, cue, "according to", stance, source, source_span=source_span)
            )
    return drafts


def unattributed_drafts(layout: Layout, direct: Sequence[Draft]) -> list[Draft]:
    """Assessments with no source: ``is seen as``, ``is expected to``, ``reportedly``."""
    quoted = QuoteParts(q for d in direct for q in d.quotes)
    drafts = []
    for token in tokens(layout.doc):
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
        # "The cease-fire is seen as a victory": the whole assessment, verb included, is the content;
        # it starts at the subject ("Perhaps most damaging, [peacekeepers have been blamed for …]").
        start, end = _sentence_range(layout, verb)
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i), None)
        if subject is not None:
            start = max(start, subject.left_edge.idx)
        content = [trim(layout.text, start, end)]
    content = [(s, e) for s, e in content if e > s]
    if not content:
        return None
    return Draft("unattributed", content, layout.cue_range(verb), verb.lemma_.lower(), stance)


def _complements(verb: Token) -> set[str]:
    """What follows a passive verb: ``as``/``of``/``for`` phrases, a ``to``-infinitive, a clause, an
    adjective, a noun (``was dubbed the winner``)."""
    found = set()
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("as", "of", "for"):
            found.add(child.lower_)
        elif child.dep_ in ("xcomp", "ccomp") and _has_to(child):
            found.add("to")
        elif child.dep_ == "ccomp":
            found.add("clause")
        elif child.dep_ in ("oprd", "acomp", "xcomp") and child.pos_ == "ADJ":
            found.add("adj")
        elif child.dep_ in ("oprd", "xcomp", "attr") and child.pos_ in ("NOUN", "PROPN"):
            found.add("noun")
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
        if found is None:
            continue
        transcript = found.group(2).isupper() and openers[found.group(2)] >= 2
        if p_start + found.end(2) in quoted and not transcript:
            continue  # a colon inside a quotation, unless a transcript quoted whole opens the turn
        colon = p_start + found.end(2)
        name = tokens_between(layout, p_start + found.start(2), colon)
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
        if not transcript and not quoted_text and not _tells_something(layout, start, end):
            continue  # "Ryan S. Hollman: Dealing in methamphetamine, ...": a list of charges, not his words
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
    kinds = {e.label_ for e in layout.ents if e.start_char < end and start < e.end_char}
    kinds |= {e.type for e in ledger.entities for m in e.mentions if m.start < end and start < m.end}
    if kinds & {"GPE", "LOC", "FAC", "DATE", "TIME"}:
        return False  # "ISLAMABAD:" is a dateline
    return bool(kinds & {"PERSON", "ORG", "NORP"})


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _tells_something(layout: Layout, start: int, end: int) -> bool:
    """Whether a line after a name and a colon says something: a clause with a finite verb, or a question
    ("Pence: Flowers won't be at the debate"; not "Hollman: Dealing in methamphetamine, held on bond")."""
    words = layout.doc.char_span(start, end, alignment_mode="expand")
    return words is not None and (any(t.tag_ in _FINITE for t in words) or "?" in words.text)
