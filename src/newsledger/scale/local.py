"""Local parallelism: worker processes, each loading the spaCy model once, results in input order.

:func:`analyze_parallel` is :func:`newsledger.pipeline.analyze_articles` spread over ``workers``
processes. The caller's process reads the inputs and receives the Ledgers, in the order of the
articles, so it stays the single writer of the store; the workers only parse and extract. Articles
travel in chunks (a few per task, so that pickling costs little next to parsing), and only a few
chunks per worker are in flight, so memory stays flat however long the input.

Workers are started with ``spawn`` (a fresh interpreter, not a fork of a parent that may hold
threads, such as a progress bar's, or locks), and each loads the model once in its initializer.
An extractor's exception fails only its article (``on_error``, as in ``analyze_articles``); a
worker process that dies (killed, out of memory) fails the chunk it was likeliest running (the
oldest unfinished), and a fresh pool carries on with the others.

Example::

    >>> from newsledger.ingest.text import article_from_text
    >>> articles = [article_from_text(f"Talks resumed in Geneva on day {i}.") for i in range(4)]
    >>> [ledger.article.id for ledger in analyze_parallel(articles, workers=2)] == [a.id for a in articles]
    True
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from newsledger.limits import Limits, current_limits
from newsledger.model import Article, Ledger
from newsledger.pipeline import BATCH_SIZE, analyze_articles

CHUNK_SIZE = 8
"""Articles per task: small enough to keep every worker busy to the end and to lose little when a
worker dies; the round trip costs the parent ~1 ms an article against ~0.2 s of parsing and
extraction, and spaCy parses batches of 8 as fast as batches of 32 (measured: 9.27 s and 9.33 s of
CPU for 64 real articles)."""

IN_FLIGHT_PER_WORKER = 3
"""Chunks queued per worker: enough that a worker never waits for the parent, few enough that
memory does not grow with the input."""

OnError = Callable[[Article, Exception], None]


class AnalysisError(RuntimeError):
    """An article's analysis failed in a worker process; the message is the original error's."""


@dataclass(frozen=True)
class _Failure:
    article: Article
    message: str


@dataclass
class _Job:
    """One chunk of articles on its way through a pool (sent again if the pool breaks)."""

    chunk: list[Article]
    limits: Limits
    future: Future | None = None

    def send(self, pool: ProcessPoolExecutor, batch_size: int) -> None:
        self.future = pool.submit(_analyze_chunk, self.chunk, batch_size, self.limits)

    def succeeded(self) -> bool:
        done = self.future is not None and self.future.done() and not self.future.cancelled()
        return done and self.future.exception() is None


_MODEL: str | None = None


def _init_worker(model: str | None) -> None:
    """Load the model once, when the worker process starts, and warm the extractors up.

    The warm-up (one short article) makes each extractor load its lazy tables (the gazetteer, ...)
    here rather than inside the first chunk, so a started pool runs at full speed at once.
    """
    global _MODEL
    from newsledger.ingest.text import article_from_text
    from newsledger.pipeline import load_nlp, model_name

    _MODEL = model_name(model)  # the name analyze_articles loads, so that load_nlp's cache is hit
    load_nlp(_MODEL)
    warm_up = "The mayor said on Monday that 3 people died in floods in Paris."
    for _ in analyze_articles([article_from_text(warm_up, published="2020-01-01")], model=_MODEL):
        pass


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _analyze_chunk(articles: list[Article], batch_size: int, limits: Limits | None = None) -> list[Ledger | _Failure]:
    """Runs in a worker: the chunk's Ledgers, a _Failure in place of each article that failed, in order.

    ``limits`` are the caller's (a context variable does not cross into another process).
    """
    done: dict[int, Ledger | _Failure] = {}

    def keep(article: Article, exc: Exception) -> None:
        done[id(article)] = _Failure(article, f"{type(exc).__name__}: {exc}")

    for ledger in analyze_articles(articles, model=_MODEL, batch_size=batch_size, on_error=keep, limits=limits):
        done[id(ledger.article)] = ledger
    # failures can be reported before the Ledgers of earlier articles (a text over the size limit is
    # refused before the batch it is in is parsed), so the order is put back from the input
    return [done[id(article)] for article in articles]


def analyze_parallel(
    articles: Iterable[Article],
    workers: int = 2,
    model: str | None = None,
    batch_size: int = BATCH_SIZE,
    on_error: OnError | None = None,
) -> Iterator[Ledger]:
    """Analyze articles in ``workers`` processes; Ledgers come back lazily, in input order.

    ``workers <= 1`` runs in this process (no pool). Without ``on_error`` a failed article raises
    :class:`AnalysisError` here; with it, the article is reported there and skipped. The limits in
    force here (:func:`newsledger.limits.current_limits`) apply in the workers too.
    """
    if workers <= 1:
        yield from analyze_articles(articles, model=model, batch_size=batch_size, on_error=on_error)
        return
    with WorkerPool(workers, model, batch_size) as pool:
        yield from pool.analyze(articles, on_error)


class WorkerPool:
    """Worker processes with the model loaded, reusable across inputs (a server, a benchmark).

    >>> with WorkerPool(2) as pool:  # doctest: +SKIP
    ...     pool.start()  # wait until both workers have loaded the model
    ...     ledgers = list(pool.analyze(articles))
    """

    def __init__(self, workers: int = 2, model: str | None = None, batch_size: int = BATCH_SIZE,
                 chunk_size: int = CHUNK_SIZE):
        self.workers, self.model, self.batch_size, self.chunk_size = workers, model, batch_size, chunk_size
        self.pending: deque[_Job] = deque()
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(self.model,),
        )

    def start(self) -> None:
        """Block until every worker process is up with its model loaded (otherwise that happens lazily)."""
        seen: set[int] = set()
        while len(seen) < self.workers:
            seen.update(f.result() for f in [self.pool.submit(_ready) for _ in range(self.workers)])

    def analyze(self, articles: Iterable[Article], on_error: OnError | None = None) -> Iterator[Ledger]:
        """The Ledgers of ``articles``, in order (see :func:`analyze_parallel`)."""
        limits = current_limits()  # the caller's, sent along: workers do not share its context
        try:
            for chunk in _chunks(articles, self.chunk_size):
                self._submit(_Job(chunk, limits))
                while len(self.pending) >= self.workers * IN_FLIGHT_PER_WORKER:
                    yield from _deliver(self._next_results(), on_error)
            while self.pending:
                yield from _deliver(self._next_results(), on_error)
        finally:  # the caller stopped early or an error propagates: drop what is still queued
            for job in self.pending:
                job.future.cancel()
            self.pending.clear()

    def _submit(self, job: _Job) -> None:
        try:
            job.send(self.pool, self.batch_size)
        except BrokenProcessPool:  # a worker died since the last look: replace the pool first
            self._replace_pool()
            job.send(self.pool, self.batch_size)
        self.pending.append(job)

    def _next_results(self) -> list[Ledger | _Failure]:
        """The oldest chunk's results; when a worker died, failures for that chunk and a fresh pool.

        A dead worker breaks the whole pool and every chunk in it; the oldest unfinished chunk, the
        likeliest to have been running on the worker that died, is given up and the others are sent
        to a fresh pool, so a chunk that kills its worker every time cannot stop the batch.
        """
        job = self.pending.popleft()
        try:
            return job.future.result()
        except BrokenProcessPool as exc:
            self._replace_pool()
            return [_Failure(article, f"worker process died ({exc})") for article in job.chunk]

    def _replace_pool(self) -> None:
        """A fresh pool; the chunks the broken one had not finished are sent to it again."""
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._new_pool()
        for job in self.pending:
            if not job.succeeded():
                job.send(self.pool, self.batch_size)

    def cpu_seconds(self) -> float | None:
        """CPU seconds the live worker processes have used so far (from Linux's /proc; None elsewhere).

        For the benchmark: how much of the machine the workers actually got.
        """
        ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
        total = 0.0
        for process in list(self.pool._processes.values()):  # the executor's own table of its processes
            try:
                stat = Path(f"/proc/{process.pid}/stat").read_text()
            except OSError:
                return None
            fields = stat.rsplit(")", 1)[1].split()  # after "pid (name)": state is field 3, utime 14, stime 15
            total += (int(fields[11]) + int(fields[12])) / ticks
        return total

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _ready() -> int:
    """A no-op task that tells which process ran it (the model was loaded by the initializer)."""
    time.sleep(0.05)  # long enough that one worker cannot take every probe while another starts
    return os.getpid()


def _deliver(results: list[Ledger | _Failure], on_error: OnError | None) -> Iterator[Ledger]:
    for result in results:
        if not isinstance(result, _Failure):
            yield result
        elif on_error is None:
            raise AnalysisError(result.message)
        else:
            on_error(result.article, AnalysisError(result.message))
