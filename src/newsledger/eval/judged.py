"""Score whole articles against hand-made expectations files: one file, or a folder of them.

An expectations file (``NAME.expected.json``, format in ``docs/expectations.md``) says where its
article is in ``input``: ``file``, a text file, an HTML page (``.html``, ``.html.gz``: its article
text as ``newsledger analyze`` extracts it) or a JSON object of articles (with ``key`` naming the
one to read, its ``articleBody``), relative to the expectations file; without it,
``NAME.txt`` beside the file. ``input.published`` anchors relative dates.

Example::

    run = score_paths([Path("judged")])
    run.totals["figures"].precision, run.totals["figures"].recall
"""

from __future__ import annotations

import dataclasses
import gzip
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsledger.eval.expected import (
    SECTIONS,
    ExpectationsError,
    Report,
    SectionResult,
    check,
    unjudged,
)
from newsledger.eval.split import HALVES as PARTS
from newsledger.eval.split import half_of as part_of  # the half of the judged set an article's name is in
from newsledger.ingest.html import article_from_html
from newsledger.ingest.text import IngestError, article_from_text
from newsledger.model import Article, Ledger

SUFFIX = ".expected.json"
HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")

@dataclass(frozen=True)
class Expectations:
    """One expectations file with the article it is about."""

    name: str
    path: Path
    spec: dict[str, Any]
    article: Article


@dataclass
class ArticleScore:
    name: str
    report: Report
    unjudged: dict[str, list[str]]


@dataclass
class JudgedRun:
    """Per article and, summed over them, per section."""

    articles: list[ArticleScore] = field(default_factory=list)

    def only(self, part: str) -> JudgedRun:
        """The articles of one half of the set (see :func:`part_of`)."""
        return JudgedRun([score for score in self.articles if part_of(score.name) == part])

    @property
    def totals(self) -> dict[str, SectionResult]:
        totals: dict[str, SectionResult] = {}
        for score in self.articles:
            for name, result in score.report.sections.items():
                total = totals.setdefault(name, SectionResult())
                for counter in ("must_passed", "must_total", "should_passed", "should_total",
                                "must_not_violated", "must_not_total"):
                    setattr(total, counter, getattr(total, counter) + getattr(result, counter))
                total.verdicts.update({f"{score.name}/{rid}": v for rid, v in result.verdicts.items()})
                total.wrong_kinds.update(result.wrong_kinds)
                total.wrong.extend(f"{score.name}: {w}" for w in result.wrong)
        return {name: totals[name] for name in SECTIONS if name in totals}

    def as_json(self) -> dict[str, Any]:
        return {
            "articles": {
                score.name: {
                    "sections": {name: _section_json(r) for name, r in score.report.sections.items()},
                    "failures": {name: r.failures for name, r in score.report.sections.items() if r.failures},
                    "wrong": {name: r.wrong for name, r in score.report.sections.items() if r.wrong},
                    "unjudged": score.unjudged,
                }
                for score in self.articles
            },
            "total": {name: _section_json(r) for name, r in self.totals.items()},
            "parts": {
                part: {name: _section_json(r) for name, r in self.only(part).totals.items()} for part in PARTS
            },
        }


def _section_json(result: SectionResult) -> dict[str, Any]:
    counts = result.as_counts()
    counts["recall"] = _rounded(result.recall)
    if result.verdicts or counts.get("records") is not None:
        counts["precision"] = _rounded(result.precision)
    return counts


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def expectation_files(paths: Iterable[Path], part: str | None = None) -> list[Path]:
    """The expectations files named, and those in the folders named (sorted, not recursive); with
    ``part``, only those of that half of the set (see :func:`part_of`)."""
    if part is not None and part not in PARTS:
        raise ExpectationsError(f"--part must be one of {', '.join(PARTS)}, not {part!r}")
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            files = sorted(path.glob(f"*{SUFFIX}"))
            if not files:
                raise ExpectationsError(f"{path}: no *{SUFFIX} file in this folder")
            found.extend(files)
        else:
            found.append(path)
    if part is None:
        return found
    found = [path for path in found if part_of(load_name(path)) == part]
    if not found:
        raise ExpectationsError(f"no expectations file in the {part!r} part")
    return found


def load(path: Path, article_path: Path | None = None, published: str | None = None) -> Expectations:
    """Read an expectations file and its article; ``article_path`` overrides ``input.file``."""
    try:
        spec = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ExpectationsError(f"{path}: not a readable expectations file: {exc}") from None
    if not isinstance(spec, dict):
        raise ExpectationsError(f"{path}: an expectations file is a JSON object")
    source = spec.get("input") or {}
    name = load_name(path) if path.name.endswith(SUFFIX) else path.stem
    target, key = (article_path, None) if article_path else _article_target(path, name, source)
    metadata = {"published": published or source.get("published"), "source": source.get("source"),
                "url": source.get("url"), "origin": str(path)}
    try:
        if key is None and target.name.lower().endswith(HTML_SUFFIXES):
            article = article_from_html(_read_bytes(target), **metadata)  # the page, as a user would give it
        else:
            article = article_from_text(_read_article(target, key), **metadata)
    except (IngestError, ValueError) as exc:
        raise ExpectationsError(f"{path}: {exc}") from None
    return Expectations(name=name, path=path, spec=spec, article=article)


def _article_target(path: Path, name: str, source: dict[str, Any]) -> tuple[Path, str | None]:
    """Where the article is: ``input.file`` (relative to the expectations file) and ``input.key``, or
    ``NAME.txt`` beside the expectations file."""
    if "file" not in source:
        return path.parent / f"{name}.txt", None
    target = Path(source["file"])
    return (target if target.is_absolute() else path.parent / target), source.get("key")


def _read_bytes(target: Path) -> bytes:
    """An HTML page's bytes, gunzipped when the name ends in .gz."""
    if not target.is_file():
        raise ExpectationsError(f"{target}: the article is not there")
    try:
        data = target.read_bytes()
        return gzip.decompress(data) if target.name.lower().endswith(".gz") else data
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise ExpectationsError(f"{target}: cannot read the page: {exc}") from None


def _read_article(target: Path, key: str | None) -> str:
    if not target.is_file():
        raise ExpectationsError(f"{target}: the article is not there")
    if key is None:
        try:
            return target.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ExpectationsError(f"{target}: cannot read the article: {exc}") from None
    articles = _json_articles(str(target.resolve()))
    entry = articles.get(key)
    if entry is None:
        raise ExpectationsError(f"{target}: no article {key!r} in it")
    text = entry.get("articleBody") if isinstance(entry, dict) else entry
    if not isinstance(text, str) or not text.strip():
        raise ExpectationsError(f"{target}: article {key!r} has no text")
    return text


@lru_cache(maxsize=4)
def _json_articles(path: str) -> dict[str, Any]:
    """A JSON object of articles (read once: thirty files may point into one ground-truth file)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ExpectationsError(f"{path}: not a readable JSON file of articles: {exc}") from None
    if not isinstance(data, dict):
        raise ExpectationsError(f"{path}: not a JSON object of articles")
    return data


def score(expectations: list[Expectations], model: str | None = None) -> Iterator[ArticleScore]:
    """Analyse each article through the shipped pipeline and score it against its file.

    No time limit applies: a score must not depend on how busy the machine is.
    """
    from newsledger.limits import current_limits, using_limits
    from newsledger.pipeline import analyze_articles

    with using_limits(dataclasses.replace(current_limits(), seconds=None)):
        ledgers = analyze_articles((e.article for e in expectations), model=model)
        for item, ledger in zip(expectations, ledgers, strict=True):
            yield score_ledger(item, ledger)


def score_ledger(item: Expectations, ledger: Ledger) -> ArticleScore:
    report = check(ledger, item.spec)
    return ArticleScore(name=item.name, report=report, unjudged=unjudged(ledger, report))


def score_paths(paths: Iterable[Path], model: str | None = None, part: str | None = None) -> JudgedRun:
    """Score every expectations file named or in the folders named (only one half, with ``part``)."""
    files = [load(path) for path in expectation_files(paths, part)]
    return JudgedRun(list(score(files, model=model)))


def load_name(path: Path) -> str:
    """The article's name in the set: the file name without ``.expected.json``."""
    return path.name.removesuffix(SUFFIX)


__all__ = [
    "PARTS",
    "ArticleScore",
    "Expectations",
    "ExpectationsError",
    "JudgedRun",
    "expectation_files",
    "load",
    "load_name",
    "part_of",
    "score",
    "score_ledger",
    "score_paths",
]
