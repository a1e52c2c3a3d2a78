"""How much each extractor adds to spaCy's own time, measured side by side in one run.

    .venv/bin/python bench/extractors.py [--limit N] [--rounds R] [--json]

Texts: the gold article bodies of ../shared/data/article-extraction (real news), else examples/.
Each round parses every text with ``nlp.pipe`` (spaCy alone), then runs the extractors over the
parsed docs, timing each; the report keeps, per measurement, the fastest round (the one least
disturbed by whatever else the machine was doing) and gives every extractor's time as a
percentage of spaCy's. A second pass runs spaCy's components one at a time on the same texts,
to show where spaCy's own time goes (``spacy_component_pct``, shares of the components' sum).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO.parent / "shared" / "data" / "article-extraction" / "ground-truth.json"


def load_texts(limit: int) -> tuple[str, list[str]]:
    if GOLD.exists():
        bodies = [v["articleBody"] for _, v in sorted(json.loads(GOLD.read_text(encoding="utf-8")).items())]
        return "article-extraction gold bodies", [b for b in bodies if b.strip()][:limit]
    from newsledger.ingest import read_inputs
    from newsledger.model import Article

    articles = [a for a in read_inputs([REPO / "examples"]) if isinstance(a, Article)]
    return "examples/", [a.text for a in articles][:limit]


def measure(texts: list[str], rounds: int) -> dict:
    from newsledger.ingest.text import article_from_text
    from newsledger.pipeline import STAGE_NAMES, build_ledger, load_nlp

    nlp = load_nlp()
    articles = [article_from_text(t, published="2020-01-01") for t in texts]
    best_spacy = float("inf")
    best: dict[str, float] = {}
    best_component: dict[str, float] = {}
    for _ in range(rounds):
        started = time.perf_counter()
        docs = list(nlp.pipe([a.text for a in articles], batch_size=32))
        best_spacy = min(best_spacy, time.perf_counter() - started)
        timings: dict[str, float] = {}
        for doc, article in zip(docs, articles, strict=True):
            build_ledger(doc, article, timings)
        for name, seconds in timings.items():
            best[name] = min(best.get(name, float("inf")), seconds)
        # After the extractors, so that the second set of docs it makes does not weigh on their timings.
        for name, seconds in component_times(nlp, [a.text for a in articles]).items():
            best_component[name] = min(best_component.get(name, float("inf")), seconds)
    tokens = sum(len(d) for d in docs)
    names = list(STAGE_NAMES)
    return {
        "documents": len(texts),
        "tokens": tokens,
        "rounds": rounds,
        "spacy_s": round(best_spacy, 4),
        "extractor_s": {n: round(best.get(n, 0.0), 4) for n in names},
        "extractor_pct_of_spacy": {n: round(100 * best.get(n, 0.0) / best_spacy, 2) for n in names},
        "all_extractors_pct_of_spacy": round(100 * sum(best.values()) / best_spacy, 2),
        "spacy_component_pct": {
            n: round(100 * seconds / sum(best_component.values()), 1) for n, seconds in best_component.items()
        },
    }


def component_times(nlp, texts: list[str]) -> dict[str, float]:
    """Seconds of the tokenizer and of each pipeline component, run one after the other over ``texts``."""
    started = time.perf_counter()
    docs = [nlp.make_doc(text) for text in texts]
    times = {"tokenizer": time.perf_counter() - started}
    for name, component in nlp.pipeline:
        started = time.perf_counter()
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=32))
        else:
            docs = [component(doc) for doc in docs]
        times[name] = time.perf_counter() - started
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=60, help="at most this many texts (default 60)")
    parser.add_argument("--rounds", type=int, default=3, help="repeat and keep the fastest (default 3)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    source, texts = load_texts(args.limit)
    result = {"texts": source, **measure(texts, args.rounds)}
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"{result['documents']} documents, {result['tokens']} tokens from {source}; best of {args.rounds} rounds")
    print(f"spaCy alone: {result['spacy_s']:.3f} s")
    for name, pct in result["extractor_pct_of_spacy"].items():
        print(f"  {name:<13} {result['extractor_s'][name]:8.3f} s  {pct:6.2f}% of spaCy")
    print(f"  {'all':<13} {'':8}    {result['all_extractors_pct_of_spacy']:6.2f}% of spaCy")
    shares = ", ".join(f"{name} {pct}%" for name, pct in result["spacy_component_pct"].items())
    print(f"spaCy's own time by component: {shares}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
