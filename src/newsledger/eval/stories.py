"""Story grouping on a set whose right grouping is known.

The set is built, deterministically, from two sources:

* real articles (the gold bodies of ``../shared/data/article-extraction``), each with zero to
  two lightly edited copies (a paragraph dropped, two paragraphs swapped, a sentence cut, a
  credit line added, the headline reworded) — every article and its copies form one group,
  and articles that report the same happening, judged by reading them
  (``resources/eval_story_groups.json``), form one group with all their copies;
* the fictional example story in ``examples/story/`` (reports of one event by four outlets, one
  group) and the other examples (one group each).

Scored pairwise, as clustering is usually scored: over all pairs of articles, precision is the
share of pairs put in one story that belong together, recall the share of pairs that belong
together that were put in one story.

    newsledger eval stories [--limit 80] [--json]
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Iterable
from itertools import combinations
from pathlib import Path

from newsledger.model import Article, Ledger

SEED = 20240312
GOLD_BODIES = Path("data") / "article-extraction" / "ground-truth.json"


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def _drop_paragraph(paras: list[str], rng: random.Random) -> list[str]:
    if len(paras) < 4:
        return paras
    index = rng.randrange(1, len(paras))
    return paras[:index] + paras[index + 1 :]


def _swap_paragraphs(paras: list[str], rng: random.Random) -> list[str]:
    if len(paras) < 4:
        return paras
    index = rng.randrange(1, len(paras) - 1)
    return paras[:index] + [paras[index + 1], paras[index]] + paras[index + 2 :]


def _cut_sentence(paras: list[str], rng: random.Random) -> list[str]:
    index = rng.randrange(len(paras))
    sentences = re.split(r"(?<=[.!?])\s+", paras[index])
    if len(sentences) < 2:
        return paras
    del sentences[rng.randrange(len(sentences))]
    return paras[:index] + [" ".join(sentences)] + paras[index + 1 :]


def _credit_line(paras: list[str], rng: random.Random) -> list[str]:
    return paras + [rng.choice(["(Reporting by staff; editing by the desk)", "Copyright wire service.", "(AP)"])]


def _reword_headline(paras: list[str], rng: random.Random) -> list[str]:
    words = paras[0].split()
    if len(words) < 4:
        return paras
    return [" ".join(words[: max(3, len(words) - rng.randrange(1, 3))])] + paras[1:]


EDITS: tuple[Callable[[list[str], random.Random], list[str]], ...] = (
    _drop_paragraph,
    _swap_paragraphs,
    _cut_sentence,
    _credit_line,
    _reword_headline,
)


def edited_copy(text: str, rng: random.Random) -> str:
    """A lightly edited copy: two of the edits above, applied in turn."""
    paras = _paragraphs(text)
    for edit in rng.sample(EDITS, 2):
        paras = edit(paras, rng)
    return "\n\n".join(paras)


def _same_story_groups() -> dict[str, int]:
    """article-extraction id -> a group number shared by the articles of one happening (negative)."""
    from newsledger.resources import load_json

    data = load_json("eval_story_groups.json")
    return {key: -1 - index for index, group in enumerate(data["groups"]) for key in group["ids"]}


def build_set(shared: Path, examples: Path, limit: int) -> tuple[list[Article], dict[str, int]]:
    """Articles and the group number each belongs to."""
    from newsledger.ingest import read_inputs
    from newsledger.ingest.text import article_from_text

    rng = random.Random(SEED)
    articles: list[Article] = []
    group: dict[str, int] = {}

    def add(article: Article, number: int) -> None:
        if article.id not in group:
            articles.append(article)
            group[article.id] = number

    gold = json.loads((shared / GOLD_BODIES).read_text(encoding="utf-8"))
    items = [(key, v["articleBody"]) for key, v in sorted(gold.items()) if len(v["articleBody"].split()) > 80][:limit]
    same_story = _same_story_groups()
    for index, (key, body) in enumerate(items):
        number = same_story.get(key, index)
        add(article_from_text(body, origin=f"gold-{index}"), number)
        for copy in range(rng.choice((0, 1, 1, 2))):
            add(article_from_text(edited_copy(body, rng), origin=f"gold-{index}-copy{copy}"), number)
    next_group = len(items)
    story = [a for a in read_inputs([examples / "story"]) if isinstance(a, Article)]
    for article in story:
        add(article, next_group)
    others = [a for a in read_inputs(sorted(examples.glob("*.*"))) if isinstance(a, Article)]
    for offset, article in enumerate(others, start=1):
        add(article, next_group + offset)
    return articles, group


def pairwise_scores(predicted: Iterable[Iterable[str]], gold: dict[str, int]) -> dict[str, float]:
    """Pairwise precision, recall and F1 (0-100) of a grouping against gold group numbers."""
    predicted_pairs = {tuple(sorted(p)) for members in predicted for p in combinations(members, 2)}
    by_group: dict[int, list[str]] = {}
    for article_id, number in gold.items():
        by_group.setdefault(number, []).append(article_id)
    gold_pairs = {tuple(sorted(p)) for members in by_group.values() for p in combinations(members, 2)}
    true = len(predicted_pairs & gold_pairs)
    precision = 100 * true / len(predicted_pairs) if predicted_pairs else 100.0
    recall = 100 * true / len(gold_pairs) if gold_pairs else 100.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "pairwise_precision": round(precision, 2),
        "pairwise_recall": round(recall, 2),
        "pairwise_f1": round(f1, 2),
        "gold_pairs": len(gold_pairs),
        "predicted_pairs": len(predicted_pairs),
    }


def evaluate(shared: Path, examples: Path, limit: int = 80, ledgers: list[Ledger] | None = None) -> dict:
    from newsledger import analyze_many
    from newsledger.corpus import group_stories

    articles, gold = build_set(shared, examples, limit)
    ledgers = ledgers if ledgers is not None else list(analyze_many(articles))
    stories = group_stories(ledgers)
    return {"articles": len(articles), "groups": len(set(gold.values())), **pairwise_scores(
        (s.articles for s in stories), gold
    )}
