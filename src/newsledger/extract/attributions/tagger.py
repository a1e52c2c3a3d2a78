"""The trained span tagger: PolNeAR's one-label-per-token view, laid over the rule drafts.

PolNeAR labels every token as part of a source, a cue, a content or nothing. Where the rules read
the parse well but draw a boundary differently from the annotators (``said Friday`` is one cue;
a reported clause ends before ``, according to``), a linear-chain CRF trained on PolNeAR train
(``training/attributions/train_tagger.py``, python-crfsuite) redraws it. It reads each token's
word, lemma, tag, dependency and head, the cue lexicon, quotation marks, and the labels the
drafts give the token and its neighbours (stacking), and labels the tokens ``B-``/``I-``
``CUE``, ``CONTENT``, ``SOURCE`` or ``O`` in the sentences around the outermost drafts (the rest
of an article has nothing to redraw, and tagging it would cost as much again).

The drafts keep their structure (which cue, which speaker, how they link); the tagger moves the
edges: a draft's cue or content range becomes the tagged span of that role when exactly one
overlaps it and the result stays clear of the draft's other parts. Without the model file the
drafts stay as the rules drew them. The loaded CRF is shared by the process and, like the spaCy
pipeline, is not for concurrent threads (the web app analyses one article at a time).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from functools import lru_cache

from newsledger.extract.attributions.layout import Draft, Layout
from newsledger.extract.attributions.scoring import choose_source
from newsledger.extract.attributions.vocabulary import RESOURCES
from newsledger.model import overlaps

MODEL_PATH = RESOURCES / "models" / "attributions" / "tagger.crfsuite"
ROLES = ("SOURCE", "CUE", "CONTENT")
OUTSIDE = "O"
REDRAWN_KINDS = frozenset({"direct", "mixed", "indirect"})
"""Drafts whose edges the tagger moves. ``according to X`` and assessment markers are fixed
phrases the rules read well (on dev the tagger's edges there were right 1 time in 6); a
quotation's content is only ever lengthened (its marks bound it; shortening was never right)."""

SENTENCES_AFTER = 1
"""Sentences read after a draft's own: a content may run on into the next sentence (dev content
F1 -0.8 without it; a sentence before as well changes nothing but the cost)."""

Range = tuple[int, int]


@lru_cache(maxsize=1)
def tagger():
    """The trained CRF (a ``pycrfsuite.Tagger``), or ``None`` without the model file or the library."""
    try:
        import pycrfsuite
    except ImportError:  # pragma: no cover - python-crfsuite is a dependency; this keeps the rules usable
        return None
    if not MODEL_PATH.exists():
        return None
    model = pycrfsuite.Tagger()
    model.open(str(MODEL_PATH))
    return model


# --- the drafts' labels ---------------------------------------------------------------------


def source_range(layout: Layout, draft: Draft) -> Range | None:
    """The characters of a draft's source phrase, as the speaker resolver writes its mention."""
    if draft.source_span is not None:
        return draft.source_span
    if draft.speaker is None or draft.carry:
        return None
    return choose_source(layout, draft.speaker)


def draft_labels(layout: Layout, drafts: Sequence[Draft]) -> list[str]:
    """One BIO label per token from the outermost drafts (PolNeAR's view: nested ones are not labelled)."""
    labels = [OUTSIDE] * len(layout.doc)
    for draft in drafts:
        if draft.nested:
            continue
        source = source_range(layout, draft)
        parts = [("CONTENT", r) for r in draft.content]
        parts += [("CUE", draft.cue)] if draft.cue else []
        parts += [("SOURCE", source)] if source else []
        for role, (start, end) in parts:
            label_range(layout, labels, role, start, end)
    return labels


def label_range(layout: Layout, labels: list[str], role: str, start: int, end: int) -> None:
    """Label the tokens of ``[start, end)`` with ``role`` (a token counts when half of it is inside)."""
    starts, ends, spaces = layout.token_starts, layout.token_ends, layout.token_is_space
    i = max(0, bisect.bisect_right(starts, start) - 1)
    begin = True
    while i < len(starts) and starts[i] < end:
        length = ends[i] - starts[i]
        if not spaces[i] and 2 * (min(ends[i], end) - max(starts[i], start)) >= length:
            labels[i] = ("B-" if begin else "I-") + role
            begin = False
        i += 1


def spans_of(layout: Layout, labels: Sequence[str]) -> dict[str, list[Range]]:
    """The character spans of each role in a BIO label sequence."""
    spans: dict[str, list[list]] = {role: [] for role in ROLES}
    current: list | None = None
    for i, label in enumerate(labels):
        if label == OUTSIDE:
            current = None
            continue
        if layout.token_is_space[i]:
            continue
        tag, role = label.split("-", 1)
        if tag == "B" or current is None or current[0] != role:
            current = [role, layout.token_starts[i], layout.token_ends[i]]
            spans[role].append(current)
        else:
            current[2] = layout.token_ends[i]
    return {role: [(s, e) for _, s, e in found] for role, found in spans.items()}


# --- features --------------------------------------------------------------------------------


def token_features(layout: Layout, labels: Sequence[str], indices: Sequence[int] | None = None) -> list[list[str]]:
    """The CRF's features of the tokens at ``indices`` (all by default), given the drafts' labels.

    Read from spaCy's arrays rather than Token objects: building a Token costs more than all
    the string work here, and this runs on every token of every article.
    """
    doc = layout.doc
    n = len(doc)
    words, lemmas, tags, deps, heads = _columns(doc)
    starts = layout.sentence_starts()
    is_cue = [entry is not None for entry in layout.cue_entries()]
    in_quote = _in_quotes(layout)
    cue_left, cue_right = _cue_distances(starts, labels)
    out = []
    for i in range(n) if indices is None else indices:
        head = heads[i]
        label = labels[i]
        before = labels[i - 1] if i else OUTSIDE
        after = labels[i + 1] if i + 1 < n else OUTSIDE
        features = [
            "w=" + words[i],
            "l=" + lemmas[i],
            "p=" + tags[i],
            "d=" + deps[i],
            "hl=" + lemmas[head],
            "d|hl=" + deps[i] + "|" + lemmas[head],
            "sys=" + label,
            "hsys=" + labels[head],
            "q" if in_quote[i] else "nq",
            "cueL=" + _bucket(cue_left[i]),
            "cueR=" + _bucket(cue_right[i]),
            "anc=" + _cue_ancestor(i, heads, deps, is_cue),
            "w-1|w=" + (words[i - 1] if i else "^") + "|" + words[i],
            "w|w+1=" + words[i] + "|" + (words[i + 1] if i + 1 < n else "$"),
            "sys-1=" + before,
            "sys1=" + after,
        ]
        if starts[i]:
            features.append("BOS")
        if i + 1 == n or starts[i + 1]:
            features.append("EOS")
        if is_cue[i]:
            features.append("lex")
        if before != label or after != label:  # at an edge of a draft's part
            features.append("sysb|w=" + label + "|" + before + "|" + words[i])
            features.append("sysb|p=" + label + "|" + after + "|" + tags[i])
        for k in (-2, -1, 1, 2):
            j = i + k
            if 0 <= j < n:
                features.append(f"w{k}=" + words[j])
                if k in (-1, 1):
                    features.append(f"p{k}=" + tags[j])
        out.append(features)
    return out


def _columns(doc) -> tuple[list, ...]:
    """Per token: lower-cased word, lemma, coarse tag, dependency and head index."""
    from spacy.attrs import DEP, HEAD, LEMMA, LOWER, POS

    strings = doc.vocab.strings
    names: dict[int, str] = {0: ""}

    def name(key: int) -> str:
        found = names.get(key)
        if found is None:
            found = names[key] = strings[key]
        return found

    array = doc.to_array([LOWER, LEMMA, POS, DEP, HEAD])
    rows = array[:, :4].tolist()
    words, lemmas, tags, deps = ([name(row[k]) for row in rows] for k in range(4))
    lemmas = [lemma.lower() for lemma in lemmas]
    heads = [i + offset for i, offset in enumerate(array[:, 4].astype("int64").tolist())]  # HEAD is relative
    return words, lemmas, tags, deps, heads


def _in_quotes(layout: Layout) -> list[bool]:
    """Whether each token lies between a quotation's marks (the marks included)."""
    ranges = [(q.start, q.end) for q in layout.quotes]
    inside = [False] * len(layout.token_starts)
    k = 0
    for i, start in enumerate(layout.token_starts):
        while k < len(ranges) and ranges[k][1] <= start:
            k += 1
        inside[i] = k < len(ranges) and ranges[k][0] <= start
    return inside


def _cue_distances(starts: Sequence[bool], labels: Sequence[str]) -> tuple[list[int | None], list[int | None]]:
    """For each token, how many tokens back and ahead the nearest drafted cue of its sentence lies."""
    n = len(labels)
    left: list[int | None] = [None] * n
    right: list[int | None] = [None] * n
    last = None
    for i in range(n):
        if starts[i]:
            last = None
        if labels[i].endswith("CUE"):
            last = i
        left[i] = None if last is None else i - last
    last = None
    for i in reversed(range(n)):
        if labels[i].endswith("CUE"):
            last = i
        right[i] = None if last is None else last - i
        if starts[i]:
            last = None
    return left, right


def _bucket(distance: int | None) -> str:
    if distance is None:
        return "none"
    return str(distance) if distance < 3 else "3-5" if distance < 6 else "6-10" if distance < 11 else "far"


def _cue_ancestor(i: int, heads: Sequence[int], deps: Sequence[str], is_cue: Sequence[bool]) -> str:
    """How token ``i`` hangs from its nearest lexicon-cue ancestor: the relation below the cue and how deep."""
    node, depth = i, 0
    while heads[node] != node and depth < 12:
        if is_cue[heads[node]]:
            return f"{deps[node]}|{min(depth, 3)}"
        node = heads[node]
        depth += 1
    return "none"


# --- redrawing the drafts ---------------------------------------------------------------------


def tag(layout: Layout, drafts: Sequence[Draft]) -> list[str] | None:
    """The tagger's labels for every token (``O`` outside the stretches it reads), or ``None`` without a model."""
    model = tagger()
    if model is None or not len(layout.doc):
        return None
    labels = [OUTSIDE] * len(layout.doc)
    for run, features in stretch_features(layout, drafts):
        labels[run.start : run.stop] = model.tag(features)
    return labels


def stretch_features(layout: Layout, drafts: Sequence[Draft]) -> list[tuple[range, list[list[str]]]]:
    """Each stretch the tagger reads (:func:`runs`), with its tokens' features."""
    stretches = runs(layout, drafts)
    if not stretches:
        return []
    features = token_features(layout, draft_labels(layout, drafts), [i for run in stretches for i in run])
    out, k = [], 0
    for run in stretches:
        out.append((run, features[k : k + len(run)]))
        k += len(run)
    return out


def runs(layout: Layout, drafts: Sequence[Draft]) -> list[range]:
    """The token ranges the tagger reads: the sentences that hold the words of an outermost draft
    it may redraw and the sentence after, each stretch of adjacent ones as one sequence (the rest
    of an article has nothing to redraw)."""
    marked = [False] * len(layout.sentences)
    for draft in drafts:
        if draft.nested or draft.kind not in REDRAWN_KINDS:
            continue
        for start, end in [*draft.content, *([draft.cue] if draft.cue else [])]:
            first, last = layout.token_at(start), layout.token_at(max(start, end - 1))
            if first is not None and last is not None:
                first_sentence = layout.sentence_of(first)
                last_sentence = min(len(marked) - 1, layout.sentence_of(last) + SENTENCES_AFTER)
                for number in range(first_sentence, last_sentence + 1):
                    marked[number] = True
    out: list[range] = []
    for number, sentence in enumerate(layout.sentences):
        if not marked[number]:
            continue
        if out and out[-1].stop == sentence.start:
            out[-1] = range(out[-1].start, sentence.end)
        else:
            out.append(range(sentence.start, sentence.end))
    return out


def redraw(layout: Layout, drafts: Sequence[Draft]) -> None:
    """Move the edges of the outermost drafts' cues and contents to the tagged spans."""
    labels = tag(layout, drafts)
    if labels is None:
        return
    tagged = spans_of(layout, labels)
    for draft in drafts:
        if draft.nested or draft.kind not in REDRAWN_KINDS:
            continue
        tagged_cue = _single_overlap(draft.cue, tagged["CUE"]) if draft.cue is not None else None
        only_longer = draft.kind == "direct"
        for cue in (tagged_cue, draft.cue) if tagged_cue is not None else (draft.cue,):
            content = [_redrawn(part, tagged["CONTENT"], cue, only_longer) for part in draft.content]
            if cue is None or not any(overlaps(*cue, [part]) for part in content):
                draft.cue, draft.content = cue, content
                break


def _redrawn(part: Range, spans: Sequence[Range], cue: Range | None, only_longer: bool) -> Range:
    """The tagged span that alone overlaps ``part`` and stays clear of the cue, else ``part``."""
    new = _single_overlap(part, spans)
    if new is None or (cue is not None and overlaps(*new, [cue])):
        return part
    if only_longer and not (new[0] <= part[0] and part[1] <= new[1]):
        return part
    return new


def _single_overlap(part: Range, spans: Sequence[Range]) -> Range | None:
    found = [s for s in spans if overlaps(*s, [part])]
    return found[0] if len(found) == 1 else None

