"""The pipeline on a Ray cluster (Ray Data): inputs in, Parquet shards out.

    newsledger analyze --ray [ADDRESS] INPUT... --out DIR [--workers N]
    newsledger load DIR --db URL

The plan, as Ray Data operators:

1. ``from_items``: one row per input file (directories are listed here, on the driver);
2. ``flat_map(read_source)``: each file read where a task runs (ingest's readers: text, HTML,
   JSONL, WARC), one row per Article, or per input error;
3. ``map_batches(ShardWriter)``: an actor pool; each actor loads the spaCy model once, in its
   constructor, then turns each batch of Articles into Ledgers with the same
   :func:`newsledger.pipeline.analyze_articles` as the local path, and writes them, with the
   batch's input errors, as one shard (:mod:`newsledger.scale.shards`) under DIR; it returns one
   summary row per shard, which is all that comes back to the driver.

So the records go straight from the workers to DIR, in the store's export schema, and
``newsledger load DIR --db URL`` puts them into a store afterwards (SQLite or PostgreSQL). Every
worker must see the inputs and DIR at the same paths (a shared filesystem), or DIR may be an
object-store URI (``s3://bucket/run``); see docs/scale.md for a cluster.

Ray is an optional extra (``pip install newsledger[ray]``) and is imported only inside these
functions, so the rest of newsledger never needs it.

Example (starts a local Ray instance when none is running)::

    >>> run = analyze_on_ray(["examples/"], "shards/")  # doctest: +SKIP
    >>> run.articles, run.errors  # doctest: +SKIP
    (3, 0)
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsledger.limits import Limits, current_limits, using_limits
from newsledger.model import Article, from_json_dict, to_json_dict
from newsledger.scale.shards import ShardError, write_shard

BATCH_SIZE = 16
"""Articles per Ray batch, hence per shard: enough to keep spaCy's batching efficient, few enough that
a cluster's actors share the work evenly and a retried batch repeats little."""

_ADDRESS = re.compile(r"^(auto|local|ray://\S+|[\w.-]+:\d+|\[[0-9a-fA-F:]+\]:\d+)$")


def looks_like_address(value: str) -> bool:
    """Whether ``value`` is a Ray address (``auto``, ``local``, ``ray://head:10001``, ``host:6379``).

    >>> looks_like_address("ray://10.0.0.5:10001"), looks_like_address("crawl.warc.gz")
    (True, False)
    """
    return bool(_ADDRESS.match(value))


@dataclass
class RayRun:
    """What a Ray run did: articles analysed, errors, and the shards written under ``out``."""

    out: str
    articles: int = 0
    errors: int = 0
    shards: list[str] = field(default_factory=list)


# --- the operators (they run on Ray workers) -----------------------------------------------------------


def read_source(
    row: dict[str, Any], published: str | None = None, limits: Limits | None = None
) -> list[dict[str, str]]:
    """One input file -> rows ``{"article": JSON or "", "origin": ..., "error": reason or ""}``."""
    from newsledger.ingest import read_path

    rows = []
    with using_limits(limits or current_limits()):
        items = list(read_path(Path(row["source"]), published))
    for item in items:
        if isinstance(item, Article):
            rows.append({"article": json.dumps(to_json_dict(item), ensure_ascii=False), "origin": "", "error": ""})
        else:
            rows.append({"article": "", "origin": item.origin, "error": item.reason})
    return rows


class ShardWriter:
    """The map_batches callable: the model loaded once per actor; one shard written per batch."""

    def __init__(self, out: str, model: str | None = None, limits: Limits | None = None):
        from newsledger.pipeline import load_nlp, model_name

        self.out = out
        self.model = model_name(model)
        self.limits = limits
        load_nlp(self.model)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list]:
        from newsledger.pipeline import analyze_articles

        errors = [ShardError(o, e) for o, e in zip(batch["origin"], batch["error"], strict=True) if e]
        articles = [from_json_dict(Article, json.loads(a)) for a in batch["article"] if a]

        def failed(article: Article, exc: Exception) -> None:
            errors.append(ShardError(article.origin or article.id, f"analysis failed: {exc}"))

        ledgers = list(analyze_articles(articles, model=self.model, on_error=failed, limits=self.limits))
        name = write_shard(self.out, ledgers, errors)
        return {"shard": [name], "articles": [len(ledgers)], "errors": [len(errors)]}


# --- the driver ---------------------------------------------------------------------------------------


def _sources(paths: Iterable[str | Path]) -> tuple[list[str], list[ShardError]]:
    """Absolute paths of the input files, and an error for each path that is not there or is stdin."""
    from newsledger.ingest import STDIN, iter_sources
    from newsledger.ingest.text import InputError

    files, missing = [], []
    for source in iter_sources(paths):
        if isinstance(source, InputError):
            missing.append(ShardError(source.origin, source.reason))
        elif source == STDIN:
            missing.append(ShardError("<stdin>", "standard input cannot be read by a Ray cluster; give files"))
        else:
            files.append(str(Path(source).resolve()))
    return files, missing


def _out_uri(out: str | Path) -> str:
    """``out`` as every worker should see it: a URI as given, a local directory made absolute."""
    text = str(out)
    return text if "://" in text else str(Path(text).resolve())


def analyze_on_ray(
    paths: Iterable[str | Path],
    out: str | Path,
    *,
    address: str | None = None,
    workers: int | None = None,
    model: str | None = None,
    published: str | None = None,
    batch_size: int = BATCH_SIZE,
    on_shard: Callable[[int, int], None] | None = None,
) -> RayRun:
    """Analyze ``paths`` on Ray and write Parquet shards under ``out``.

    ``address`` is passed to ``ray.init`` (None: $RAY_ADDRESS, else a new local instance; ``local``:
    a new local instance; ``auto``: the running cluster; ``ray://head:10001``: Ray Client); an
    already initialised Ray is used as is. ``workers`` actors run the model (default: an autoscaling
    pool of one to as many as the cluster has CPUs). ``on_shard(articles, errors)`` is called as
    each shard is done (progress).
    The limits in force here (:func:`newsledger.limits.current_limits`) go to every worker.
    """
    import ray

    out_uri = _out_uri(out)
    files, missing = _sources(paths)
    run = RayRun(out=out_uri)
    if missing:
        run.shards.append(write_shard(out_uri, [], missing))
        run.errors += len(missing)
        if on_shard:
            on_shard(0, len(missing))
    if not files:
        return run
    started_here = not ray.is_initialized()
    if started_here:
        ray.init(address=address, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        plan = _plan(files, out_uri, workers, model, published, batch_size, current_limits())
        for summary in plan.iter_rows():
            run.articles += int(summary["articles"])
            run.errors += int(summary["errors"])
            run.shards.append(str(summary["shard"]))
            if on_shard:
                on_shard(int(summary["articles"]), int(summary["errors"]))
    finally:
        if started_here:
            ray.shutdown()
    return run


def _plan(files: list[str], out: str, workers: int | None, model: str | None, published: str | None,
          batch_size: int, limits: Limits):
    """The Ray Data plan (lazy): files -> article rows -> shards (see the module doc)."""
    import ray

    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False  # the CLI shows its own; Ray's would fight it for the terminal
    if workers:
        actors = ray.data.ActorPoolStrategy(size=workers)
    else:
        actors = ray.data.ActorPoolStrategy(min_size=1, max_size=max(1, int(ray.cluster_resources().get("CPU", 1))))
    dataset = ray.data.from_items([{"source": f} for f in files], override_num_blocks=min(len(files), 200))
    # Reading reserves no CPU: it is short next to the analysis, and an actor pool that holds every
    # CPU (``--workers`` = the cluster's CPUs) would otherwise leave the readers, and so itself, waiting.
    dataset = dataset.flat_map(read_source, fn_kwargs={"published": published, "limits": limits}, num_cpus=0)
    return dataset.map_batches(
        ShardWriter,
        fn_constructor_kwargs={"out": out, "model": model, "limits": limits},
        batch_size=batch_size,
        compute=actors,
        num_cpus=1,
    )
