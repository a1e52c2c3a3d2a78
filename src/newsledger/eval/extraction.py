"""Article-body extraction from HTML, scored on the article-extraction-benchmark (Zyte).

    newsledger eval extraction ../shared/data/article-extraction [--json]

Gold format (the benchmark's README): ``ground-truth.json`` maps an item id to
``{"articleBody": ..., "url": ...}``; the page is ``html/<id>.html.gz`` (gzip, UTF-8).

Scoring is the benchmark's own (its ``evaluate.py``), so that the figures compare with its
published table: texts are cut into word tokens (``\\w+``), tokens into overlapping 4-token
shingles, and each page gets true/false positives and false negatives from the multiset overlap of
gold and extracted shingles, normalised to sum to 1 so that long pages do not weigh more. Precision
is the mean over pages with something extracted, recall the mean over pages with gold text, and F1
is the harmonic mean of those two means (not a mean of per-page F1s). All reported 0–100.

What is scored is the body that ingest extracts (:func:`newsledger.ingest.html.html_body`), i.e.
``Article.text`` without the headline that ingest puts on its first line when the extracted text
does not already start with it (the benchmark's gold bodies carry no headline); the score of the
full ``Article.text`` is reported too, as ``article_text_f1``.

Example::

    >>> shingle_counts("one two three four five", "one two three four")  # a shingle missed: a false negative
    (0.5, 0.0, 0.5)
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

SHINGLE = 4
_TOKEN = re.compile(r"\w+")

Counts = tuple[float, float, float]  # (tp, fp, fn), normalised to sum to 1


def _shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """The text's overlapping n-token shingles; a text shorter than n is one (short) shingle."""
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def shingle_counts(gold: str, extracted: str) -> Counts:
    """(tp, fp, fn) of one page over shingles, normalised to sum to 1 (all zero when both are empty)."""
    true, pred = _shingles(gold), _shingles(extracted)
    tp = float(sum((true & pred).values()))
    fp = float(sum((pred - true).values()))
    fn = float(sum((true - pred).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def metrics(pages: Iterable[Counts]) -> dict[str, float]:
    """Mean precision (pages with output), mean recall (pages with gold), F1 of the two; 0–100.

    >>> metrics([(1.0, 0.0, 0.0), (0.5, 0.5, 0.0)])
    {'precision': 75.0, 'recall': 100.0, 'f1': 85.71}
    """
    pages = list(pages)
    precisions = [_precision(*c) for c in pages if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in pages if c[0] + c[2] > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(100 * precision, 2), "recall": round(100 * recall, 2), "f1": round(100 * f1, 2)}


# --- the benchmark's files --------------------------------------------------------------------------


def read_gold(directory: str | Path) -> dict[str, str]:
    """Item id -> gold article body, from ``<directory>/ground-truth.json``."""
    data = json.loads((Path(directory) / "ground-truth.json").read_text(encoding="utf-8"))
    return {key: (item.get("articleBody") or "") for key, item in sorted(data.items())}


def read_page(directory: str | Path, item_id: str) -> bytes:
    """The raw HTML bytes of one item (``html/<id>.html.gz``)."""
    return gzip.decompress((Path(directory) / "html" / f"{item_id}.html.gz").read_bytes())


def _ingest_texts(html: bytes) -> tuple[str, str]:
    """(body, Article.text) as ingest extracts them; empty strings when ingest finds no article."""
    from newsledger.ingest.html import article_from_html, html_body
    from newsledger.ingest.text import IngestError

    try:
        return html_body(html), article_from_html(html).text
    except IngestError:
        return "", ""


def evaluate(
    path: str | Path, limit: int | None = None, extract: Callable[[bytes], tuple[str, str]] | None = None
) -> dict:
    """Score ingest's HTML extraction on the benchmark at ``path`` (its directory).

    Keys: ``precision``, ``recall``, ``f1`` (the body, 0–100), ``article_text_f1`` (the full
    Article.text, headline included), ``documents``, ``empty`` (pages where nothing was found).
    ``extract`` replaces ingest's extraction (bytes -> (body, article text)), for experiments.
    """
    extract = extract or _ingest_texts
    gold = read_gold(path)
    items = list(gold.items())[:limit] if limit else list(gold.items())
    bodies, texts, empty = [], [], 0
    for item_id, gold_body in items:
        body, text = extract(read_page(path, item_id))
        empty += not body.strip()
        bodies.append(shingle_counts(gold_body, body))
        texts.append(shingle_counts(gold_body, text))
    return {
        **metrics(bodies),
        "article_text_f1": metrics(texts)["f1"],
        "documents": len(items),
        "empty": empty,
    }
