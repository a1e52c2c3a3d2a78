"""Train the attribution span tagger (a linear-chain CRF) on PolNeAR train.

    .venv/bin/python training/attributions/train_tagger.py ../shared/data/polnear/data/train \
        [--cache /tmp/polnear-train.spacy] [--out src/newsledger/resources/models/attributions/tagger.crfsuite] \
        [--iterations N]

Run it after ``train.py``: the tagger reads the drafts that the rules and the trained scorers
draw (their labels are among its features), so it learns where those drafts' edges differ from
the annotators'. Each article is one sequence; its gold labels are PolNeAR's (every token source,
cue, content or nothing, ``B-``/``I-`` per span). Hyper-parameters in ``tagger_config.json``.
Deterministic (L-BFGS, fixed order); about five minutes on one core once the articles are parsed
(the same ``--cache`` as ``train.py``); never reads dev or test.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pycrfsuite

from newsledger.eval.polnear import ROLES, read_gold
from newsledger.extract import attributions as A
from newsledger.extract.attributions import tagger as T
from newsledger.model import Article, article_id
from newsledger.pipeline import inputs_of

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train import parse  # noqa: E402  (the shared, cached parse of the training articles)

CONFIG = json.loads(Path(__file__).with_name("tagger_config.json").read_text(encoding="utf-8"))


def gold_labels(layout: A.Layout, article) -> list[str]:
    """PolNeAR's labels of one article's tokens."""
    labels = [T.OUTSIDE] * len(layout.doc)
    for attribution in article.attributions:
        for role in ROLES:
            for start, end in attribution.role(role):
                T.label_range(layout, labels, role.upper(), start, end)
    return labels


def sequences(articles, docs):
    """(features, gold labels) of every article, the features read from the rule drafts.

    The tagger learns from whole articles although it reads only the stretches around drafts:
    where no attribution is (and where a content stops short of the next sentence) teaches it
    as much, and trained on the stretches alone it does worse on them (dev content F1 -0.8).
    """
    for article, doc in zip(articles, docs, strict=True):
        ledger = inputs_of(doc, Article(id=article_id(article.text), text=article.text), "attributions")
        layout = A.Layout(doc, A.lexicon())
        drafts = A.rule_drafts(layout, ledger)
        yield T.token_features(layout, T.draft_labels(layout, drafts)), gold_labels(layout, article)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train", type=Path, help="PolNeAR train split (DIR/text, DIR/attributions)")
    parser.add_argument("--cache", type=Path, help="DocBin of the parsed articles (read if present, else written)")
    parser.add_argument("--out", type=Path, default=T.MODEL_PATH)
    parser.add_argument("--iterations", type=int, help="L-BFGS iterations (default: tagger_config.json's)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    articles = read_gold(args.train)
    if not articles:
        print(f"error: {args.train}: no PolNeAR articles found", file=sys.stderr)
        return 2
    docs = parse(articles, args.cache)
    trainer = pycrfsuite.Trainer(algorithm=CONFIG["algorithm"], verbose=False)
    params = dict(CONFIG["params"])
    if args.iterations is not None:
        params["max_iterations"] = args.iterations
    trainer.set_params(params)
    for features, labels in sequences(articles, docs):
        trainer.append(features, labels)
    print(f"{len(articles)} articles read in {time.perf_counter() - started:.0f} s; training", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(args.out))
    size = args.out.stat().st_size / 1e6
    print(f"wrote {args.out} ({size:.1f} MB) in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
