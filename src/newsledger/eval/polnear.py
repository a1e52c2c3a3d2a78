"""PolNeAR: score attributions (source, cue, content) against the Political News Attribution Relations corpus.

The gold format is brat standoff, one directory per split::

    DIR/text/<article>.txt
    DIR/attributions/<article>_<annotator>.ann

An ``.ann`` file holds text-bound spans (``T3<TAB>Content 115 290;300 310<TAB>…``; a span may have
several ``;``-separated fragments) and events that link them into one attribution
(``E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1``; ``Attribution-no-source:Tn`` for one with
no source; ``Content2`` a second content span, as in a split quote). ``Discard`` / ``Discuss``
spans and the ``Attribution`` trigger spans (a copy of the cue) are not scored.

What is scored, following the corpus's own conventions:

* A *span* is one stretch of text: a role's fragments are merged when only blanks lie between
  them (brat splits a span at a line break), and blanks at either end are dropped.
* ``source_f1`` / ``cue_f1`` / ``content_f1``: exact-match precision, recall and F1 of the set of
  spans of that role in each article, micro-averaged over articles (a source shared by two
  attributions counts once, as in PolNeAR's one-label-per-token view).
* ``content_overlap_f1``: F1 over word tokens (``\\w+`` or one punctuation character) that lie in
  some content span, micro-averaged.
* ``attribution_f1``: whole attributions: source spans, cue span and content spans all exactly
  right, in one linked attribution.

Mapping the ledger onto PolNeAR's conventions (the evaluator's only adaptations):

* PolNeAR annotates only the outermost attribution (no nesting), so attributions whose voice is
  another attribution are left out.
* Every PolNeAR content is bound to a cue: a cue-less quotation whose speaker carries over from
  the attribution before it is more content of that attribution.
* The source span is the speaker's mention in the text (none for a carried-over speaker).
* An unattributed assessment keeps its whole clause as content, verb included (``The truce is
  seen as a victory``), so that the records in it share one voice; PolNeAR's content never holds
  its cue, so it is scored without it (``The truce`` + ``as a victory``).

One annotator per article: the first in sorted order of the annotator ids in the file names.
The pipeline runs on the article text exactly as stored, so that gold offsets apply unchanged.

Example::

    newsledger eval attributions ../shared/data/polnear/data/dev --json
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsledger.model import OUTLET, Article, Ledger, article_id

SpanKey = tuple[int, int]
ROLES = ("source", "cue", "content")
_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class AttributionSpans:
    """One attribution as PolNeAR sees it: the spans of its source, cue and content."""

    source: frozenset[SpanKey]
    cue: frozenset[SpanKey]
    content: frozenset[SpanKey]

    def role(self, name: str) -> frozenset[SpanKey]:
        return getattr(self, name)


@dataclass(frozen=True)
class GoldArticle:
    """One annotated article: its text and the attributions of the chosen annotator."""

    name: str
    text: str
    attributions: tuple[AttributionSpans, ...]


# --- spans --------------------------------------------------------------------------------------


def normalise_spans(text: str, fragments: Iterable[SpanKey]) -> frozenset[SpanKey]:
    """Merge fragments separated only by blanks and strip blanks at their ends.

    >>> sorted(normalise_spans("ab \\ncd, ef", [(0, 2), (4, 6), (8, 10)]))
    [(0, 6), (8, 10)]
    """
    merged: list[list[int]] = []
    for start, end in sorted(fragments):
        start, end = _strip(text, start, end)
        if end <= start:
            continue
        if merged and (start <= merged[-1][1] or not text[merged[-1][1] : start].strip()):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return frozenset((s, e) for s, e in merged)


def _strip(text: str, start: int, end: int) -> SpanKey:
    start, end = max(0, start), min(len(text), end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# --- reading the gold ---------------------------------------------------------------------------


def parse_ann(text: str, ann: str) -> list[AttributionSpans]:
    """The attributions of one brat ``.ann`` file over ``text``.

    >>> ann = "T1\\tSource 0 2\\tHe\\nT2\\tCue 3 7\\tsaid\\nT3\\tContent 8 11\\tyes\\n" \\
    ...       "E1\\tAttribution:T2 Source:T1 Cue:T2 Content:T3"
    >>> [sorted(a.content) for a in parse_ann("He said yes", ann)]
    [[(8, 11)]]
    """
    spans: dict[str, tuple[str, list[SpanKey]]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in ann.splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        if fields[0].startswith("T"):
            label, _, ranges = fields[1].partition(" ")
            fragments = []
            for piece in ranges.split(";"):
                numbers = piece.split()
                if len(numbers) == 2 and all(n.isdigit() for n in numbers):
                    fragments.append((int(numbers[0]), int(numbers[1])))
            spans[fields[0]] = (label, fragments)
        elif fields[0].startswith("E"):
            arguments = [tuple(arg.split(":", 1)) for arg in fields[1].split() if ":" in arg]
            events.append(arguments)
    out = []
    for arguments in events:
        found: dict[str, list[SpanKey]] = {role: [] for role in ROLES}
        for role, span_id in arguments:
            role = re.sub(r"\d+$", "", role).lower()  # Content2 is more content
            if role in found and span_id in spans:
                found[role].extend(spans[span_id][1])
        out.append(AttributionSpans(*(normalise_spans(text, found[role]) for role in ROLES)))
    return out


def annotation_files(directory: Path) -> list[tuple[Path, Path]]:
    """``(text, ann)`` pairs: for every article, the file of the first annotator in sorted order."""
    texts = sorted((directory / "text").glob("*.txt"))
    pairs = []
    for text_path in texts:
        candidates = sorted((directory / "attributions").glob(f"{glob_escape(text_path.stem)}_*.ann"))
        # "<article>_<annotator>.ann": the annotator id is the last "_" field and has no "_" itself.
        candidates = [c for c in candidates if c.stem.rpartition("_")[0] == text_path.stem]
        if candidates:
            pairs.append((text_path, candidates[0]))
    return pairs


def glob_escape(name: str) -> str:
    """``name`` with glob wildcards made literal."""
    return re.sub(r"([*?\[])", r"[\1]", name)


def read_gold(directory: Path, limit: int | None = None) -> list[GoldArticle]:
    """Every annotated article of a PolNeAR split directory (at most ``limit``)."""
    articles = []
    for text_path, ann_path in annotation_files(directory)[:limit]:
        text = text_path.read_text(encoding="utf-8")
        ann = ann_path.read_text(encoding="utf-8")
        articles.append(GoldArticle(text_path.stem, text, tuple(parse_ann(text, ann))))
    return articles


# --- the ledger in PolNeAR's terms --------------------------------------------------------------


def ledger_spans(ledger: Ledger) -> list[AttributionSpans]:
    """The ledger's attributions mapped onto PolNeAR's conventions (see the module docstring)."""
    text = ledger.article.text
    merged: list[tuple[set[SpanKey], set[SpanKey], set[SpanKey]]] = []
    for attribution in ledger.attributions:  # in text order
        if attribution.voice != OUTLET:
            continue
        whole = attribution.kind == "unattributed" and attribution.cue is not None
        cue_span = (attribution.cue.start, attribution.cue.end) if whole else None
        content = {piece for c in attribution.content for piece in _without(text, (c.start, c.end), cue_span)}
        if attribution.cue is None and attribution.kind == "direct" and merged:
            merged[-1][2].update(content)  # a carried-over quote: more content of the attribution before
            continue
        mention = attribution.speaker.mention if attribution.speaker is not None else None
        source = {(mention.start, mention.end)} if mention is not None else set()
        cue = {(attribution.cue.start, attribution.cue.end)} if attribution.cue is not None else set()
        merged.append((source, cue, content))
    return [AttributionSpans(*(normalise_spans(text, role) for role in roles)) for roles in merged]


def _without(text: str, span: SpanKey, cut: SpanKey | None) -> list[SpanKey]:
    """``span`` less the characters of ``cut`` (and the blanks and commas that then end a piece)."""
    if cut is None or not (cut[0] < span[1] and span[0] < cut[1]):
        return [span]
    pieces = [(span[0], max(span[0], cut[0])), (min(span[1], cut[1]), span[1])]
    return [(s, e) for s, e in (_strip(text, *_strip_commas(text, s, e)) for s, e in pieces) if e > s]


def _strip_commas(text: str, start: int, end: int) -> SpanKey:
    start, end = _strip(text, start, end)
    while end > start and text[end - 1] == ",":
        end -= 1
    while start < end and text[start] == ",":
        start += 1
    return start, end


# --- scoring ------------------------------------------------------------------------------------


@dataclass
class Tally:
    """Counts for precision and recall."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, matched: int, predicted: int, gold: int) -> None:
        self.matched += matched
        self.predicted += predicted
        self.gold += gold

    def scores(self) -> tuple[float, float, float]:
        """Precision, recall, F1 on a 0–100 scale."""
        precision = self.matched / self.predicted if self.predicted else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return 100 * precision, 100 * recall, 100 * f1


def _content_tokens(text: str, spans: Iterable[SpanKey]) -> set[int]:
    """Start offsets of the word tokens that overlap any of ``spans``."""
    inside: set[int] = set()
    for start, end in spans:
        inside.update(range(start, end))
    return {m.start() for m in _TOKEN.finditer(text) if any(i in inside for i in range(m.start(), m.end()))}


def score(pairs: Sequence[tuple[str, Sequence[AttributionSpans], Sequence[AttributionSpans]]]) -> dict:
    """Score ``(text, gold, predicted)`` per article; returns the evaluator's JSON object.

    >>> a = AttributionSpans(frozenset({(0, 2)}), frozenset({(3, 7)}), frozenset({(8, 11)}))
    >>> score([("He said yes", [a], [a])])["attribution_f1"]
    100.0
    """
    tallies = {role: Tally() for role in ROLES}
    overlap, whole = Tally(), Tally()
    for text, gold, predicted in pairs:
        for role in ROLES:
            gold_spans = set().union(*(a.role(role) for a in gold)) if gold else set()
            predicted_spans = set().union(*(a.role(role) for a in predicted)) if predicted else set()
            tallies[role].add(len(gold_spans & predicted_spans), len(predicted_spans), len(gold_spans))
        gold_tokens = _content_tokens(text, (s for a in gold for s in a.content))
        predicted_tokens = _content_tokens(text, (s for a in predicted for s in a.content))
        overlap.add(len(gold_tokens & predicted_tokens), len(predicted_tokens), len(gold_tokens))
        common = Counter(gold) & Counter(predicted)
        whole.add(sum(common.values()), len(predicted), len(gold))
    result: dict[str, float | int] = {}
    for name, tally in [*tallies.items(), ("content_overlap", overlap), ("attribution", whole)]:
        precision, recall, f1 = tally.scores()
        result[f"{name}_f1"] = round(f1, 1)
        result[f"{name}_precision"] = round(precision, 1)
        result[f"{name}_recall"] = round(recall, 1)
    result["documents"] = len(pairs)
    result["gold_attributions"] = whole.gold
    result["predicted_attributions"] = whole.predicted
    return result


def attribution_ledger(doc, article: Article, topics: bool = True) -> Ledger:
    """The pipeline's ledger as far as the attributions: what runs after them cannot change them.

    With ``topics`` (PolNeAR's convention) it also holds the attributions of a topic or an intention the
    ledger leaves out ("outlined his plan": indirect speech whose content is a noun phrase; "planned to
    charge": a to-infinitive of a verb that is not one of saying), which PolNeAR annotates; without, the
    attributions as the ledger stores them.
    """
    from newsledger.extract import attributions
    from newsledger.extract.voice import assign_voices
    from newsledger.pipeline import build_ledger, inputs_of

    if not topics:
        return build_ledger(doc, article, until="attributions")
    before = inputs_of(doc, article, "attributions")
    found = assign_voices(attributions.extract(doc, before, topics=True), ())  # as the stage gives voices
    return dataclasses.replace(before, attributions=tuple(found))


def evaluate(path: str | Path, model: str | None = None, limit: int | None = None, topics: bool = True) -> dict:
    """Run the pipeline over a PolNeAR split directory and score it (keys as in :func:`score`); ``topics``:
    PolNeAR's convention (see :func:`attribution_ledger`), else the attributions as the ledger stores them."""
    from newsledger.pipeline import load_nlp

    directory = Path(path)
    gold = read_gold(directory, limit)
    if not gold:
        raise FileNotFoundError(f"{directory}: no text/*.txt with attributions/*.ann found")
    nlp = load_nlp(model)
    pairs = []
    docs = nlp.pipe((g.text for g in gold), batch_size=16)
    for article, doc in zip(gold, docs, strict=True):
        # The stored text as it is (not re-normalised): the gold offsets point into it.
        article_record = Article(id=article_id(article.text), text=article.text, origin=article.name)
        ledger = attribution_ledger(doc, article_record, topics=topics)
        pairs.append((article.text, article.attributions, ledger_spans(ledger)))
    return score(pairs)
