"""Indirect and mixed speech: lexicon cues outside the quotations, with the content and source chosen for them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from newsledger.extract.attributions.candidates import Candidate, content_candidates
from newsledger.extract.attributions.layout import Draft, Layout, Token
from newsledger.extract.attributions.quotes import Quote, QuoteParts, quote_spans
from newsledger.extract.attributions.scoring import choose_content, is_cue
from newsledger.extract.attributions.sources import _agent, _is_passive, speaker_of
from newsledger.extract.attributions.vocabulary import CueEntry
from newsledger.extract.parsed import tokens


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
    for token in tokens(layout.doc):
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
        for quote in _running_on(layout, draft, leftover):
            # `He said the deal “was a disaster.¶“We will fight it.”`: the quotation opened in the
            # reported clause runs on over the next paragraphs; they are the speaker's words too.
            draft.content += quote_spans(layout.text, quote, layout.lex.quote_pairs)[1:]
            fragments.append(quote)
        for quote in fragments:
            leftover.remove(quote)
        draft.kind = "mixed" if fragments else "indirect"
    return drafts


def _running_on(layout: Layout, draft: Draft, leftover: Sequence[Quote]) -> list[Quote]:
    """Quotations that open inside ``draft``'s last content span, close after it, and run over more paragraphs."""
    start, end = draft.content[-1]
    return [q for q in leftover if start <= q.open < end < q.end and len(q.parts) > 1 and q.parts[0][1] <= end + 1]


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
