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
always do). Without the trained file the lexicon's frames decide alone. A span tagger (a CRF
trained on PolNeAR train, ``training/attributions/train_tagger.py``) then reads the drafts with
the text and moves the edges of their cues and contents where the annotators draw them
differently (``said Friday``; a clause that ends before ``, according to``).

Data: cue verbs and nouns with their stance and complement frames in ``resources/cues.json``;
quote marks, source markers, passive assessments, pronouns and the speaker-line patterns in
``resources/attribution_patterns.json``; the scorers and the tagger in ``resources/models/attributions/``.

Modules, from the bottom up: ``vocabulary`` (the lexicon), ``quotes`` (quotations and trimming),
``layout`` (one Doc's layout and the Draft), ``ranges`` (phrase extents), ``sources`` (who a cue's
grammar names), ``candidates`` and ``features`` (what the scorers choose among and judge by),
``scoring`` (the trained scorers), ``direct``, ``indirect`` and ``markers`` (the drafts of each
kind), ``tagger`` (the span tagger), ``voices`` (a resolved speaker), ``roles`` (role nouns and the
persons named around a speaker), ``gender`` (what the text tells of a person's gender), ``resolve``
(speakers), ``statements`` (what the ledger keeps as a statement), ``sourcing_groups`` (sourcing by
side); this module runs them.

Example::

    >>> from newsledger.pipeline import load_nlp
    >>> from newsledger.model import Article, Ledger
    >>> text = "“We will win,” the minister said."
    >>> [a.content[0].text for a in extract(load_nlp()(text), Ledger(Article("x", text)))]
    ['“We will win,”']
"""

from __future__ import annotations

import dataclasses

from newsledger.extract.attributions.candidates import Candidate, content_candidates, source_candidates
from newsledger.extract.attributions.direct import MAX_CUE_DISTANCE, SPEECH_MIN_WORDS, direct_drafts
from newsledger.extract.attributions.features import candidate_features, cue_features, source_features
from newsledger.extract.attributions.indirect import CueCandidate, cue_candidates, indirect_drafts
from newsledger.extract.attributions.layout import Draft, Layout, Token
from newsledger.extract.attributions.markers import according_to_drafts, colon_drafts, unattributed_drafts
from newsledger.extract.attributions.quotes import (
    Quote,
    QuoteParts,
    find_quotes,
    paragraphs,
    quote_content,
    quote_spans,
    trim,
)
from newsledger.extract.attributions.ranges import phrase_range, source_range, subtree_range
from newsledger.extract.attributions.resolve import PARAGRAPH_CARRY, Resolver, Voice
from newsledger.extract.attributions.scoring import (
    MODEL_PATH,
    LinearScorer,
    Scorers,
    choose_content,
    choose_source,
    is_cue,
    scorers,
)
from newsledger.extract.attributions.sources import _is_passive as _is_passive  # used by training/attributions
from newsledger.extract.attributions.sources import speaker_of
from newsledger.extract.attributions.sourcing_groups import sourcing
from newsledger.extract.attributions.statements import (
    discourse_marker,
    evidence_without_speaker,
    intention_only,
    knowing_to_come,
    moved_by_an_amount,
    not_said,
    outlet_aside,
    presented_as_fact,
    quoted_title,
    scene_not_claim,
    survey_measure,
    topic_only,
    without_content,
)
from newsledger.extract.attributions.tagger import redraw
from newsledger.extract.attributions.vocabulary import RESOURCES, CueEntry, Lexicon, base_forms, lexicon
from newsledger.extract.parsed import text as doc_text
from newsledger.model import Attribution, Ledger

__all__ = [
    "MAX_CUE_DISTANCE",
    "MODEL_PATH",
    "PARAGRAPH_CARRY",
    "RESOURCES",
    "SPEECH_MIN_WORDS",
    "Candidate",
    "CueCandidate",
    "CueEntry",
    "Draft",
    "Layout",
    "Lexicon",
    "LinearScorer",
    "Quote",
    "QuoteParts",
    "Resolver",
    "Scorers",
    "Token",
    "Voice",
    "according_to_drafts",
    "base_forms",
    "candidate_features",
    "choose_content",
    "choose_source",
    "colon_drafts",
    "content_candidates",
    "cue_candidates",
    "cue_features",
    "direct_drafts",
    "extract",
    "find_quotes",
    "indirect_drafts",
    "is_cue",
    "lexicon",
    "paragraphs",
    "phrase_range",
    "quote_content",
    "quote_spans",
    "redraw",
    "rule_drafts",
    "scorers",
    "source_candidates",
    "source_features",
    "source_range",
    "sourcing",
    "speaker_of",
    "subtree_range",
    "trim",
    "unattributed_drafts",
]


def extract(doc, ledger: Ledger, topics: bool = False) -> list[Attribution]:
    """Every attribution in ``doc``, with ids ``att-1``, ``att-2`` … in text order.

    Indirect speech whose content is only a noun phrase ("outlined his plan") names a topic, and a
    to-infinitive of a verb that is not one of saying ("planned to charge", "agreed to inject") an
    intention: neither is a statement, and both are left out unless ``topics`` (PolNeAR annotates them;
    its scorer asks for them, the ledger does not store them). So are things to find out ("to determine
    whether") and what was not said ("didn't know", "without saying"). With ``topics`` a speaker nobody
    can be named for (an unresolved "he", a bare "some") also stays as written, as PolNeAR scores sources;
    the ledger leaves it open.

    >>> from newsledger.pipeline import load_nlp
    >>> from newsledger.model import Article
    >>> text = "The minister said that the talks had failed."
    >>> a = extract(load_nlp()(text), Ledger(Article("x", text)))[0]
    >>> a.kind, a.cue.text, a.content[0].text, a.speaker.name
    ('indirect', 'said', 'that the talks had failed', 'The minister')
    """
    if not doc_text(doc).strip() or not len(doc):
        return []
    layout = Layout(doc, lexicon())
    drafts = rule_drafts(layout, ledger)
    redraw(layout, drafts)
    for draft in drafts:
        _cut_at_cue_conjunct(draft, layout)
    # The tagger may move two drafts onto one cue ("told cheering teachers that they weren't “asking for
    # the moon”" read as mixed and as indirect speech): one statement, recorded once, quotes first.
    drafts = _without_duplicates(sorted(drafts, key=lambda d: d.kind not in ("direct", "mixed")))
    drafts.sort(key=_text_order)
    _mark_nested(drafts)
    resolver = Resolver(layout, ledger, as_written=topics)
    out = []
    for draft in drafts:
        if evidence_without_speaker(draft, layout, resolver) or without_content(draft, doc):
            continue
        if discourse_marker(draft, layout) or moved_by_an_amount(draft, layout) or quoted_title(draft, layout):
            continue
        if survey_measure(draft, layout):
            continue
        if not topics and not_said(draft, layout):
            continue  # no one spoke: not a voice a later "he" or quote paragraph may stand for
        speaker = resolver.resolve(draft) if draft.kind != "unattributed" else None
        # A topic's speaker did speak (the next "the agency said" may be them), but the ledger keeps statements.
        if not topics and (
            topic_only(draft, doc, layout.lex.position_cues)
            or intention_only(draft, layout)
            or knowing_to_come(draft, layout)
            or presented_as_fact(draft, layout)
            or outlet_aside(draft, layout, resolver)
            or scene_not_claim(draft, layout)
        ):
            continue
        out.append(
            Attribution(
                id=f"att-{len(out) + 1}",
                kind=draft.kind,
                content=tuple(layout.span(s, e) for s, e in draft.content),
                speaker=speaker,
                cue=layout.span(*draft.cue) if draft.cue else None,
                cue_lemma=draft.cue_lemma,
                stance=draft.stance,
            )
        )
    return _without_speakerless_twins(out)


def _without_speakerless_twins(found: list[Attribution]) -> list[Attribution]:
    """One record per statement: a draft of the same content with no speaker beside one that names it
    ("Officials issued a letter saying the plant would close": the cue "saying" read again on its own)."""
    def where(a: Attribution) -> tuple[tuple[int, int], ...]:
        return tuple((c.start, c.end) for c in a.content)

    spoken = {where(a) for a in found if a.speaker is not None}
    kept = [a for a in found if a.speaker is not None or where(a) not in spoken]
    if len(kept) == len(found):
        return found
    return [dataclasses.replace(a, id=f"att-{n}") for n, a in enumerate(kept, start=1)]


def rule_drafts(layout: Layout, ledger: Ledger) -> list[Draft]:
    """The drafts the rules and scorers find, in text order, nested ones marked (before the tagger)."""
    direct, leftover = direct_drafts(layout)
    turns = colon_drafts(layout, direct, ledger)
    drafts = _split_at_turns(direct, turns) + indirect_drafts(layout, direct, leftover)
    drafts += according_to_drafts(layout, direct)
    drafts += turns
    drafts += unattributed_drafts(layout, direct)
    drafts = _without_document_frames(_without_sourced_assessments(_without_duplicates(drafts)), layout)
    drafts.sort(key=_text_order)
    _mark_nested(drafts)
    return drafts


def _split_at_turns(direct: list[Draft], turns: list[Draft]) -> list[Draft]:
    """A carried-over quotation that runs over speaker lines (a transcript quoted whole: ``"WALLACE: …``,
    ``"PENCE: …``) is those speakers' turns: the paragraphs that open a turn leave it, and each
    stretch between them carries on the turn before."""
    colons = [t.cue[0] for t in turns if t.cue is not None]
    out = []
    for draft in direct:
        if draft.cue is not None or not any(s <= c < e for s, e in draft.content for c in colons):
            out.append(draft)
            continue
        stretch: list[tuple[int, int]] = []
        for start, end in draft.content:
            if any(start <= c < end for c in colons):
                out += [dataclasses.replace(draft, content=stretch)] if stretch else []
                stretch = []
            else:
                stretch.append((start, end))
        out += [dataclasses.replace(draft, content=stretch)] if stretch else []
    return out


def _text_order(draft: Draft) -> tuple[int, int]:
    return draft.anchor, draft.cue[0] if draft.cue else -1


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


def _cut_at_cue_conjunct(draft: Draft, layout: Layout) -> None:
    """End an indirect statement where a clause coordinated with its cue verb begins: ``Roth said the company
    could take larger payloads, but he did not disclose how large`` -- what he did not disclose is the
    outlet's telling, not part of what he said."""
    if draft.kind not in ("indirect", "mixed") or draft.cue is None or not draft.content:
        return
    cue = layout.token_at(draft.cue[0])
    if cue is None or cue.pos_ not in ("VERB", "AUX"):
        return
    for conj in (c for c in cue.children if c.dep_ == "conj" and c.i > cue.i):
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children):
            continue  # "said X and warned Y" is handled as a second cue
        start = conj.left_edge
        while start.i > 0 and (layout.doc[start.i - 1].is_punct or layout.doc[start.i - 1].dep_ == "cc"):
            start = layout.doc[start.i - 1]
        cut = start.idx
        kept = [(s, min(e, cut)) for s, e in draft.content if s < cut]
        kept = [trim(layout.text, s, e) for s, e in kept]
        kept = [(s, e) for s, e in kept if e > s]
        if kept and kept != draft.content:
            draft.content = kept
        return


def _without_document_frames(drafts: list[Draft], layout: Layout) -> list[Draft]:
    """Drop "according to a statement" around a statement whose speaker is named (``"Here we are on a
    historic day," he told settler leaders, according to a statement``): the document is where it was
    reported, not a second speaker."""
    cues = [d.cue[0] for d in drafts if d.cue is not None and d.kind != "according_to"]

    def frames_a_statement(draft: Draft) -> bool:
        if draft.kind != "according_to" or draft.speaker is None:
            return False
        if draft.speaker.lemma_.lower() not in layout.lex.documents:
            return False
        if any(c.dep_ == "prep" and c.lower_ in ("by", "from", "of") for c in draft.speaker.children):
            return False  # "according to a statement by the ministry": the ministry speaks
        return any(s <= c < e for s, e in draft.content for c in cues)

    return [d for d in drafts if not frames_a_statement(d)]


def _without_sourced_assessments(drafts: list[Draft]) -> list[Draft]:
    """Drop an "unattributed" assessment that has a source after all.

    Its clause names the source (``…, according to X``), or it lies inside what someone says
    (``X said the plan is expected to fail``: the assessment is X's).
    """
    sourced = [r for d in drafts if d.kind == "according_to" for r in d.content]
    reported = [r for d in drafts if d.kind != "unattributed" for r in d.content]

    def overlaps(draft: Draft) -> bool:
        return any(s < e2 and s2 < e for s, e in draft.content for s2, e2 in sourced)

    def reported_by_someone(draft: Draft) -> bool:
        return draft.cue is not None and any(s <= draft.cue[0] < e for s, e in reported)

    return [d for d in drafts if d.kind != "unattributed" or not (overlaps(d) or reported_by_someone(d))]
