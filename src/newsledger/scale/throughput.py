"""Throughput: spaCy alone against the whole newsledger pipeline, side by side in one run.

    newsledger bench [--workers 2] [--limit N] [--rounds R] [--json]
    .venv/bin/python bench/throughput.py --json          (the same)

Texts: the gold article bodies of the article-extraction benchmark (``ground-truth.json``: real
news, 181 articles), found at ``--texts`` or at ``../shared/data/article-extraction`` beside the
current directory or the repository; else the bundled ``examples/``.

Each round runs, on the same texts and with the same loaded model: spaCy alone (``nlp.pipe``,
the pipeline's batch size) and the full pipeline (:func:`newsledger.pipeline.analyze_articles`:
the same parse plus every extractor); with ``--workers N`` also the full pipeline over N worker
processes (started and warmed up before timing). Rounds are interleaved and each measure keeps its
fastest round, the one least disturbed by whatever else the machine is doing, so the ratios compare
like with like. Also measured: the process's peak resident memory, and reading speed of a WARC file
built from the benchmark's HTML pages (Common Crawl layout: request, response and metadata record
per page) when those pages are there.

JSON keys: ``spacy_articles_per_s``, ``spacy_tokens_per_s``, ``pipeline_articles_per_s``,
``pipeline_tokens_per_s``, ``pipeline_vs_spacy`` (pipeline / spaCy throughput), ``peak_rss_mb``;
with workers ``workers_articles_per_s`` and ``workers_speedup`` (N workers over the in-process
pipeline, i.e. ``--workers 1``), ``workers_cores_used`` (CPU seconds the run got per wall second:
at most N, less on a busy machine) and ``workers_cpu_efficiency`` (one process's CPU per article
over the workers' and their parent's: 1.0 means no overhead); ``warc_records_per_s``; plus the setup
(documents, tokens, rounds, the load average before the run, since a busy machine lowers every
figure; ``pipeline_vs_spacy_cpu`` is the ratio in CPU seconds, which a busy machine disturbs less).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCHMARK_DIR = Path("shared") / "data" / "article-extraction"
_REPO = Path(__file__).resolve().parents[3]


def find_benchmark(texts: Path | None = None) -> Path | None:
    """The article-extraction benchmark directory: ``texts`` (or its directory), else ../shared beside
    the current directory or the repository."""
    if texts is not None:
        return texts if texts.is_dir() else texts.parent
    for base in (Path.cwd().parent, _REPO.parent):
        if (base / BENCHMARK_DIR / "ground-truth.json").exists():
            return base / BENCHMARK_DIR
    return None


def load_texts(benchmark: Path | None, limit: int | None = None) -> tuple[str, list[str]]:
    """(where from, article texts): the benchmark's gold bodies, else examples/."""
    if benchmark is not None and (benchmark / "ground-truth.json").exists():
        gold = json.loads((benchmark / "ground-truth.json").read_text(encoding="utf-8"))
        bodies = [item.get("articleBody") or "" for _, item in sorted(gold.items())]
        return f"{benchmark}/ground-truth.json", [b for b in bodies if b.strip()][:limit]
    from newsledger.ingest import read_inputs
    from newsledger.model import Article

    articles = [a for a in read_inputs([_REPO / "examples"]) if isinstance(a, Article)]
    return "examples/", [a.text for a in articles][:limit]


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory so far, in MB (of this process, or of its largest finished child)."""
    kilobytes = resource.getrusage(who).ru_maxrss  # kB on Linux, bytes on macOS
    return round(kilobytes / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def _best(run: Callable[[], Any], into: dict[str, float], key: str) -> Any:
    """Run once, keeping the fastest wall time under ``key`` and the least CPU time (of this process)
    under ``key + "_cpu"``; returns run's result."""
    started, cpu_started = time.perf_counter(), time.process_time()
    result = run()
    into[key] = min(into.get(key, float("inf")), time.perf_counter() - started)
    into[key + "_cpu"] = min(into.get(key + "_cpu", float("inf")), time.process_time() - cpu_started)
    return result


def measure(texts: list[str], rounds: int = 3, workers: int = 0, model: str | None = None) -> dict[str, Any]:
    """Time spaCy alone and the full pipeline (and N workers) on ``texts``, interleaved; see the module doc."""
    from newsledger.ingest.text import article_from_text
    from newsledger.pipeline import BATCH_SIZE, analyze_articles, load_nlp, model_name

    model = model_name(model)  # one name, so that spaCy alone and the pipeline share one loaded model
    nlp = load_nlp(model)
    articles = [article_from_text(t, published="2020-01-01") for t in texts]
    for _ in analyze_articles(articles[:4], model=model):  # warm-up: lazy tables, gazetteer, caches
        pass
    best: dict[str, float] = {}
    tokens = 0
    pool = _worker_pool(workers, model)
    try:
        for _ in range(rounds):
            tokens = _best(lambda: sum(len(d) for d in nlp.pipe(texts, batch_size=BATCH_SIZE)), best, "spacy")
            _best(lambda: sum(1 for _ in analyze_articles(articles, model=model)), best, "pipeline")
            if pool is not None:
                _time_workers(pool, articles, best)
    finally:
        if pool is not None:
            pool.close()
    n = len(texts)
    result: dict[str, Any] = {
        "documents": n,
        "tokens": tokens,
        "rounds": rounds,
        "spacy_articles_per_s": round(n / best["spacy"], 2),
        "spacy_tokens_per_s": round(tokens / best["spacy"]),
        "pipeline_articles_per_s": round(n / best["pipeline"], 2),
        "pipeline_tokens_per_s": round(tokens / best["pipeline"]),
        "pipeline_vs_spacy": round(best["spacy"] / best["pipeline"], 3),
        # the same ratio in CPU seconds: what it would be on an idle machine, however busy this one is
        "pipeline_vs_spacy_cpu": round(best["spacy_cpu"] / best["pipeline_cpu"], 3),
        "peak_rss_mb": peak_rss_mb(),
    }
    if pool is not None:
        result.update(
            workers=workers,
            workers_articles_per_s=round(n / best["workers"], 2),
            workers_speedup=round(best["pipeline"] / best["workers"], 3),
            **_worker_usage(best),
            worker_peak_rss_mb=peak_rss_mb(resource.RUSAGE_CHILDREN),
        )
    return result


def _time_workers(pool, articles: list, best: dict[str, float]) -> None:
    """One round of the worker pool; keeps its wall time, and the CPU of the fastest round (parent + workers)."""
    before = pool.cpu_seconds()
    cpu_started = time.process_time()
    previous = best.get("workers", float("inf"))
    _best(lambda: sum(1 for _ in pool.analyze(articles)), best, "workers")
    after = pool.cpu_seconds()
    if best["workers"] < previous and before is not None and after is not None:
        best["workers_total_cpu"] = after - before + time.process_time() - cpu_started


def _worker_usage(best: dict[str, float]) -> dict[str, float]:
    """How many cores the workers' fastest round actually got, and their CPU per article against one
    process's (1.0: no overhead). On a busy machine the first is below the worker count, which caps
    the speedup whatever the code does; the second says what the speedup would be with the cores."""
    if "workers_total_cpu" not in best:
        return {}
    return {
        "workers_cores_used": round(best["workers_total_cpu"] / best["workers"], 2),
        "workers_cpu_efficiency": round(best["pipeline_cpu"] / best["workers_total_cpu"], 3),
    }


def _worker_pool(workers: int, model: str | None):
    if workers < 2:
        return None
    from newsledger.scale.local import WorkerPool

    pool = WorkerPool(workers, model)
    pool.start()  # spawn and model loading are not throughput: they happen once per run
    return pool


# --- WARC reading -------------------------------------------------------------------------------


def write_crawl_warc(path: Path, pages: list[tuple[str, bytes]]) -> int:
    """Write ``(url, html)`` pages as a gzipped WARC in Common Crawl's layout; returns the record count."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, html in pages:
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
            response = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html),
                                                          http_headers=response))
            writer.write_record(writer.create_warc_record(url, "metadata", payload=io.BytesIO(b"fetchTimeMs: 100\r\n")))
    return 3 * len(pages)


def measure_warc(benchmark: Path | None, rounds: int = 3, limit: int | None = None) -> dict[str, Any]:
    """Records/s and pages/s reading (not extracting) a WARC of the benchmark's (first ``limit``) pages;
    {} without them."""
    from newsledger.ingest.warc import iter_pages

    html_dir = benchmark / "html" if benchmark is not None else None
    if html_dir is None or not html_dir.is_dir():
        return {}
    files = sorted(html_dir.glob("*.html.gz"))[:limit]
    pages = [(f"https://example.org/{p.name}", gzip.decompress(p.read_bytes())) for p in files]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.warc.gz"
        records = write_crawl_warc(path, pages)
        best: dict[str, float] = {}
        for _ in range(rounds):
            found = _best(lambda: sum(1 for _ in iter_pages(path)), best, "warc")
        size_mb = path.stat().st_size / 1e6
    return {
        "warc_records": records,
        "warc_pages": found,
        "warc_mb": round(size_mb, 1),
        "warc_records_per_s": round(records / best["warc"]),
        "warc_pages_per_s": round(found / best["warc"]),
    }


def run(
    texts: Path | None = None, limit: int | None = None, rounds: int = 3, workers: int = 0, model: str | None = None
) -> dict[str, Any]:
    """The whole benchmark as one dict (what ``--json`` prints)."""
    benchmark = find_benchmark(texts)
    source, bodies = load_texts(benchmark, limit)
    result: dict[str, Any] = {"texts": source, "load_average": round(os.getloadavg()[0], 2)}
    result.update(measure(bodies, rounds=rounds, workers=workers, model=model))
    result.update(measure_warc(benchmark, rounds=rounds, limit=limit))
    return result
