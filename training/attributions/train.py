"""Train the attribution scorers on PolNeAR train: which lexicon cues report content, and where it lies.

    .venv/bin/python training/attributions/train.py ../shared/data/polnear/data/train \
        [--cache /tmp/polnear-train.spacy] [--out src/newsledger/resources/models/attributions/scorers.json]

Three linear models over the named features of :mod:`newsledger.extract.attributions`:

* ``content`` ranks the content candidates the parse offers for one cue (softmax over the
  candidates, trained on the cues whose gold content is exactly one of them);
* ``source`` ranks the readings of a source phrase's extent the same way;
* ``cue`` (the gate) decides whether a lexicon cue with its chosen content is an attribution
  (logistic regression, yes above probability 0.5; cues inside another attribution's gold content
  are left out, since PolNeAR marks only the outermost attribution and the ledger keeps nested
  ones; so are the verbs of saying the lexicon decides alone).

Training is deterministic (fixed order, no random draws), runs on CPU in about a minute once the
articles are parsed (five more without --cache), and never reads dev or test.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from newsledger.eval.polnear import GoldArticle, normalise_spans, read_gold
from newsledger.extract import attributions as A
from newsledger.pipeline import load_nlp

REPO = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO / "src" / "newsledger" / "resources" / "models" / "attributions" / "scorers.json"
CONFIG = json.loads((Path(__file__).with_name("config.json")).read_text(encoding="utf-8"))
EPOCHS: int = CONFIG["epochs"]
LEARNING_RATE: float = CONFIG["learning_rate"]
L2: float = CONFIG["l2"]
MIN_WEIGHT: float = CONFIG["min_weight"]


@dataclass
class Examples:
    """Feature lists, grouped for the ranker (one group per cue) or single for the gate."""

    groups: list[list[list[str]]] = field(default_factory=list)  # ranker: candidates' features
    gold: list[int] = field(default_factory=list)  # ranker: index of the right candidate
    gate: list[list[str]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    gate_cues: list[tuple[int, A.CueCandidate]] = field(default_factory=list)  # (article, cue) for the gate
    sources: list[list[list[str]]] = field(default_factory=list)  # source ranker: candidates' features
    source_gold: list[int] = field(default_factory=list)


def parse(articles: Sequence[GoldArticle], cache: Path | None):
    """The parsed articles, read from or written to a DocBin cache."""
    from spacy.tokens import DocBin

    nlp = load_nlp()
    if cache is not None and cache.exists():
        return list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    if cache is not None:
        bin_ = DocBin(store_user_data=True)
        for doc in docs:
            bin_.add(doc)
        bin_.to_disk(cache)
    return docs


def collect(articles: Sequence[GoldArticle], docs) -> tuple[Examples, list]:
    """Ranker groups and gate cues from every article (gate features wait for the ranker)."""
    examples = Examples()
    layouts = []
    for number, (article, doc) in enumerate(zip(articles, docs, strict=True)):
        layout = A.Layout(doc, A.lexicon())
        layouts.append(layout)
        direct, _ = A.direct_drafts(layout)
        spoken = [(d.cue, d.speaker) for d in direct if d.cue and d.speaker is not None and d.source_span is None]
        for cue_range, source in spoken:
            gold = next(
                (g for g in article.attributions if any(s < cue_range[1] and cue_range[0] < e for s, e in g.cue)), None
            )
            if gold is not None:
                add_source_group(examples, layout, source, gold.source)
        for cue in A.cue_candidates(layout, direct):
            position = cue.token.idx
            gold = next((g for g in article.attributions if any(s <= position < e for s, e in g.cue)), None)
            if gold is None and any(s <= position < e for g in article.attributions for s, e in g.content):
                continue  # a cue reported inside another attribution: PolNeAR leaves it unmarked
            if gold is not None and cue.source is not None:
                add_source_group(examples, layout, cue.source, gold.source)
            if gold is not None:
                wanted = [normalise_spans(layout.text, c.spans) == gold.content for c in cue.candidates]
                if any(wanted):
                    examples.groups.append(
                        [A.candidate_features(layout, cue.token, cue.entry, c) for c in cue.candidates]
                    )
                    examples.gold.append(wanted.index(True))
            examples.gate_cues.append((number, cue))
            examples.labels.append(int(gold is not None))
    return examples, layouts


def add_source_group(examples: Examples, layout: A.Layout, source, gold_spans) -> None:
    """A source-ranker group when exactly one reading of the source phrase is the gold source."""
    candidates = A.source_candidates(layout, source)
    wanted = [normalise_spans(layout.text, c.spans) == gold_spans for c in candidates]
    if len(candidates) > 1 and wanted.count(True) == 1:
        examples.sources.append([A.source_features(layout, source, c) for c in candidates])
        examples.source_gold.append(wanted.index(True))


class Index:
    """Feature names to column numbers."""

    def __init__(self) -> None:
        self.columns: dict[str, int] = {}

    def encode(self, features: Sequence[str], grow: bool = True) -> np.ndarray:
        out = []
        for name in features:
            column = self.columns.get(name)
            if column is None and grow:
                column = self.columns[name] = len(self.columns)
            if column is not None:
                out.append(column)
        return np.array(out, dtype=np.int64)


def train_ranker(groups: list[list[list[str]]], gold: list[int]) -> tuple[Index, np.ndarray]:
    """Softmax over each group's candidates, Adagrad with L2, in a fixed order."""
    index = Index()
    encoded = [[index.encode(f) for f in group] for group in groups]
    weights = np.zeros(len(index.columns))
    history = np.full(len(index.columns), 1e-8)
    for _ in range(EPOCHS):
        for group, right in zip(encoded, gold, strict=True):
            scores = np.array([weights[c].sum() for c in group])
            scores -= scores.max()
            probabilities = np.exp(scores) / np.exp(scores).sum()
            for k, columns in enumerate(group):
                gradient = probabilities[k] - (1.0 if k == right else 0.0)
                if abs(gradient) < 1e-6:
                    continue
                step = gradient + L2 * weights[columns]
                history[columns] += step * step
                weights[columns] -= LEARNING_RATE * step / np.sqrt(history[columns])
    return index, weights


def train_gate(features: list[list[str]], labels: list[int]) -> tuple[Index, np.ndarray, float]:
    """Logistic regression with a bias, Adagrad with L2, in a fixed order."""
    index = Index()
    encoded = [index.encode(f) for f in features]
    weights = np.zeros(len(index.columns))
    history = np.full(len(index.columns), 1e-8)
    bias, bias_history = 0.0, 1e-8
    for _ in range(EPOCHS):
        for columns, label in zip(encoded, labels, strict=True):
            score = bias + weights[columns].sum()
            probability = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))
            gradient = probability - label
            step = gradient + L2 * weights[columns]
            history[columns] += step * step
            weights[columns] -= LEARNING_RATE * step / np.sqrt(history[columns])
            bias_history += gradient * gradient
            bias -= LEARNING_RATE * gradient / math.sqrt(bias_history)
    return index, weights, bias


def as_scorer(index: Index, weights: np.ndarray, bias: float = 0.0, threshold: float = 0.0) -> A.LinearScorer:
    kept = {name: round(float(weights[c]), 4) for name, c in index.columns.items() if abs(weights[c]) >= MIN_WEIGHT}
    return A.LinearScorer(kept, round(bias, 4), round(threshold, 4))


def gate_rows(examples: Examples, layouts, ranker: A.LinearScorer) -> tuple[list[list[str]], list[int]]:
    """The gate's training rows: features with each cue's content chosen by ``ranker`` as at run time.

    Cues the lexicon decides alone (a verb of saying with a listed frame, see attributions.is_cue)
    are left out: the gate never judges them.
    """
    features, labels = [], []
    for (number, cue), label in zip(examples.gate_cues, examples.labels, strict=True):
        layout = layouts[number]
        chosen = max(cue.candidates, key=lambda c: ranker.score(A.candidate_features(layout, cue.token, cue.entry, c)))
        if cue.entry.speech and chosen.frame in cue.entry.frames and not A._is_passive(cue.token):
            continue
        features.append(A.cue_features(layout, cue.token, cue.entry, chosen, cue.source))
        labels.append(label)
    return features, labels


def fit(examples: Examples, layouts) -> dict[str, A.LinearScorer]:
    """The content and source rankers, then the gate over the ranker's choices."""
    ranker = as_scorer(*train_ranker(examples.groups, examples.gold))
    source = as_scorer(*train_ranker(examples.sources, examples.source_gold))
    gate_index, gate_weights, bias = train_gate(*gate_rows(examples, layouts, ranker))
    # Threshold 0: the gate says yes when it thinks an attribution more likely than not.
    return {"content": ranker, "source": source, "cue": as_scorer(gate_index, gate_weights, bias)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("train", type=Path, help="PolNeAR train split: text/*.txt and attributions/*.ann")
    parser.add_argument("--cache", type=Path, help="DocBin file for the parsed articles (read if present)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    articles = read_gold(args.train)
    docs = parse(articles, args.cache)
    A.scorers.cache_clear()
    examples, layouts = collect(articles, docs)
    print(
        f"{len(articles)} articles: {len(examples.groups)} content groups, {len(examples.sources)} source groups, "
        f"{len(examples.labels)} gate cues",
        file=sys.stderr,
    )
    final = fit(examples, layouts)
    payload = {
        "about": [
            "Linear scorers for newsledger.extract.attributions, trained on PolNeAR train by",
            "  .venv/bin/python training/attributions/train.py ../shared/data/polnear/data/train",
            "(hyper-parameters in training/attributions/config.json). Features are named by",
            "attributions.candidate_features (content: which content candidate), source_features",
            "(source: how far the source phrase reaches) and cue_features (cue: is it an attribution,",
            "yes when bias + the weights of its features > threshold).",
        ],
        "models": {
            name: {"bias": m.bias, "threshold": m.threshold, "weights": dict(sorted(m.weights.items()))}
            for name, m in final.items()
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(payload, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    sizes = {name: len(m.weights) for name, m in final.items()}
    print(f"wrote {args.out} (features per model: {sizes})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
