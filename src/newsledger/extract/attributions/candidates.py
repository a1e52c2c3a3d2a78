"""Candidates: the readings the parse offers of where a cue's content lies and how far a source phrase reaches.

The scorers (:mod:`newsledger.extract.attributions.scoring`) choose among them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsledger.extract.attributions.layout import Layout, Token
from newsledger.extract.attributions.quotes import trim
from newsledger.extract.attributions.ranges import phrase_range, source_range, subtree_range
from newsledger.extract.attributions.sources import _has_to, _subject, agent_within


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

    >>> from newsledger.extract.attributions import lexicon
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
                if grand.dep_ in ("pobj", "pcomp") and not _says_when(layout, grand):
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
    subject = next((c for c in children if c.dep_ == "nsubjpass" and c.i < cue.i), None)
    if subject is not None:
        # "He was accused by a woman of assault": the one accused and what of, as PolNeAR marks it.
        for after in (c for c in children if c.i > cue.i):
            if after.dep_ == "prep" and after.lower_ in layout.lex.content_prepositions and after.lower_ != "by":
                add(f"nsubjpass+prep:{after.lower_}", [subtree_range(subject), _before_agent(after)], after.lower_)
            elif after.dep_ in ("oprd", "xcomp", "attr"):
                add(f"nsubjpass+{after.dep_}", [subtree_range(subject), _before_agent(after)], "predicate")
    if cue.pos_ == "NOUN" and cue.dep_ == "nsubj" and cue.head.lemma_ == "be":
        # "Her hope is that voters will listen": the copula's complement.
        for child in cue.head.children:
            if child.dep_ in ("ccomp", "attr", "xcomp") and not _opens_with_wh(child):
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


def _says_when(layout: Layout, token: Token) -> bool:
    """``at the time``, ``on Monday``: a preposition's object that dates the cue is not its content."""
    return token.ent_type_ in ("DATE", "TIME") or token.lemma_.lower() in layout.lex.time_nouns


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


def _opens_with_wh(clause: Token) -> bool:
    """``his fear … was why he fled``: a wh-clause after the copula explains; it reports nothing."""
    first = clause.left_edge
    return first.tag_ in ("WRB", "WP", "WDT") and first.i < clause.i


def _before_agent(token: Token) -> tuple[int, int]:
    """``token``'s subtree up to a by-phrase inside it that names someone: ``of assault [by a woman]``
    names the accuser (``of raising prices by 5 percent`` stays whole)."""
    start, end = subtree_range(token)
    by = agent_within(token)
    return (start, by.idx) if by is not None else (start, end)
