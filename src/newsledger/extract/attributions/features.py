"""The named features the trained scorers judge candidates and cues by (``training/attributions/train.py``)."""

from __future__ import annotations

from newsledger.extract.attributions.candidates import Candidate, _trailing_aside
from newsledger.extract.attributions.layout import Layout, Token
from newsledger.extract.attributions.sources import _is_passive
from newsledger.extract.attributions.vocabulary import CueEntry


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
