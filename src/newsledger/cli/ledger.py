"""The ledger's commands: analyze articles into it (or into Parquet shards, and load those), and read it back."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from newsledger.cli.common import (
    DEFAULT_DB,
    DbOption,
    JsonOption,
    ModelOption,
    PublishedOption,
    _check_published,
    _chosen_ledgers,
    _fail,
    _open_store,
    _print_json,
    _shown,
    err,
    out,
)
from newsledger.limits import DEFAULT_LIMITS, Limits, using_limits
from newsledger.model import Article


def analyze(
    paths: Annotated[
        list[str], typer.Argument(help="Files or directories (.txt, .html, .jsonl, .warc.gz), or - for stdin.")
    ],
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
    published: PublishedOption = None,
    model: ModelOption = None,
    no_store: Annotated[bool, typer.Option("--no-store", help="Do not write the ledger database.")] = False,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, help="Worker processes, or with --ray Ray actors (default: 1).")
    ] = None,
    ray: Annotated[
        bool, typer.Option("--ray", help="Run on Ray (needs --out); `--ray ADDRESS INPUT...` names the cluster.")
    ] = False,
    out_dir: Annotated[
        str | None, typer.Option("--out", help="Write Parquet shards to this directory instead of the database.")
    ] = None,
    max_chars: Annotated[
        int, typer.Option("--max-chars", min=1, help="Refuse articles with more characters of text than this.")
    ] = DEFAULT_LIMITS.max_chars,
    max_html_bytes: Annotated[
        int, typer.Option("--max-html-bytes", min=1, help="Refuse HTML pages larger than this many bytes.")
    ] = DEFAULT_LIMITS.max_html_bytes,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.001, help="Seconds one article's analysis may take before it fails.")
    ] = DEFAULT_LIMITS.seconds,
) -> None:
    """Analyze articles into the ledger. With --json, print one ledger JSON object per line."""
    from newsledger.ingest import read_inputs
    from newsledger.pipeline import ModelNotFound
    from newsledger.scale.local import analyze_parallel
    from newsledger.scale.shards import ShardBuffer

    published = _check_published(published)
    limits = Limits(max_chars=max_chars, max_html_bytes=max_html_bytes, seconds=timeout)
    if ray:
        with using_limits(limits):
            _analyze_on_ray(paths, out_dir, workers, model, published)
        return
    shards = ShardBuffer(out_dir) if out_dir else None
    store = None if no_store or shards else _open_store(db)
    failures = 0
    done = 0

    def report_failure(origin: str, reason: str) -> None:
        nonlocal failures
        failures += 1
        err.print(Text(f"error: {origin}: {reason}", style="red"))
        if store is not None:
            store.record_error(origin, reason)
        if shards is not None:
            shards.error(origin, reason)

    def articles() -> Iterator[Article]:
        for item in read_inputs(paths, published=published):
            if isinstance(item, Article):
                yield item
            else:
                report_failure(item.origin, item.reason)

    progress = Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    try:
        with progress, using_limits(limits):  # ingest and the pipeline read the limits in force
            task = progress.add_task("analyzing", total=None)
            ledgers = analyze_parallel(
                articles(),
                workers=workers or 1,
                model=model,
                on_error=lambda article, exc: report_failure(article.origin or article.id, f"analysis failed: {exc}"),
            )
            for ledger in ledgers:
                if store is not None:
                    store.write(ledger)
                if shards is not None:
                    shards.add(ledger)
                if as_json:
                    typer.echo(ledger.to_json())
                done += 1
                progress.update(task, advance=1)
    except ModelNotFound as exc:
        raise _fail(str(exc)) from None
    if shards is not None:
        shards.flush()
    where = f" into {out_dir}" if shards is not None else ("" if store is None else f" into {_shown(db)}")
    err.print(f"analyzed {done} article(s){where}; {failures} failed")
    if failures:
        raise typer.Exit(1)


def _analyze_on_ray(paths: list[str], out_dir: str | None, workers: int | None, model: str | None,
                    published: str | None) -> None:
    """`analyze --ray`: the pipeline on a Ray cluster, Parquet shards to --out (see newsledger.scale.distributed)."""
    if not out_dir:
        raise _fail("--ray writes Parquet shards: give --out DIR (then `newsledger load DIR --db ...`)")
    try:
        from newsledger.scale.distributed import analyze_on_ray, looks_like_address
    except ImportError:
        raise _fail("--ray needs Ray: pip install 'newsledger[ray]'") from None
    address = None
    if len(paths) > 1 and looks_like_address(paths[0]) and not Path(paths[0]).exists():
        address, paths = paths[0], paths[1:]  # `--ray ADDRESS INPUT...`
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=err, transient=True, disable=not err.is_terminal)
    with progress:
        task = progress.add_task("analyzing on Ray", total=None)
        run = analyze_on_ray(paths, out_dir, address=address, workers=workers, model=model, published=published,
                             on_shard=lambda articles, errors: progress.update(task, advance=articles + errors))
    err.print(f"analyzed {run.articles} article(s) into {len(run.shards)} shard(s) under {run.out}; "
              f"{run.errors} failed (see `newsledger load {out_dir} --db ...` then `newsledger errors`)")
    if run.errors:
        raise typer.Exit(1)


def load(
    directory: Annotated[str, typer.Argument(help="Parquet shards (analyze --out / --ray) or a parquet export.")],
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """Load Parquet shards into the ledger database (SQLite path or URL, e.g. postgresql://...)."""
    from newsledger.scale.shards import load_shards, shard_names

    if not shard_names(directory):
        raise _fail(f"no Parquet shards under {directory!r}")
    counts = load_shards(directory, _open_store(db))
    if as_json:
        typer.echo(json.dumps(counts))
        return
    err.print(f"loaded into {_shown(db)}: {counts['added']} added, {counts['replaced']} replaced, "
              f"{counts['unchanged']} unchanged, {counts['errors']} input error(s)")


def show(
    article_id: Annotated[str | None, typer.Argument(help="Article id (or a unique prefix).")] = None,
    db: DbOption = DEFAULT_DB,
    all_articles: Annotated[bool, typer.Option("--all", help="Show every article in the ledger.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Show an article's ledger: who said what, sourcing, timeline, figures, places, events."""
    from newsledger.cli.render import print_ledger

    for ledger in _chosen_ledgers(db, article_id, all_articles):
        if as_json:
            typer.echo(ledger.to_json())
        else:
            print_ledger(ledger, out)


def list_articles(db: DbOption = DEFAULT_DB, as_json: JsonOption = False) -> None:
    """List the articles in the ledger."""
    store = _open_store(db, must_exist=True)
    rows = store.article_rows()
    if as_json:
        _print_json(rows)
        return
    table = Table(title=f"Articles in {_shown(db)}")
    for column in ("id", "published", "title", "records"):
        table.add_column(column)
    for row in rows:
        counts = ", ".join(f"{n} {kind}" for kind, n in row.counts.items() if n)
        table.add_row(*(Text(c or "") for c in (row.id, row.published, row.title, counts)))
    out.print(table)


def search(
    query: Annotated[str, typer.Argument(help="Words to look for in article text and attributed statements.")],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="At most this many hits.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over article text and attribution content."""
    store = _open_store(db, must_exist=True)
    hits = store.search(query, limit=limit)
    if as_json:
        _print_json(hits)
        return
    if not hits:
        err.print(f"no match for {query!r}")
        return
    table = Table(title=f"Search: {query}")
    for column in ("article", "kind", "title", "snippet"):
        table.add_column(column)
    for hit in hits:
        table.add_row(*(Text(c or "") for c in (hit.article_id, hit.kind, hit.title, hit.snippet)))
    out.print(table)


def export(
    out_path: Annotated[Path, typer.Option("--out", help="Output file (jsonl) or directory (csv, parquet).")],
    export_format: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
    db: DbOption = DEFAULT_DB,
) -> None:
    """Export the whole ledger as JSONL (one ledger a line), or CSV / Parquet (a file per record kind)."""
    from newsledger.export.tables import FORMATS
    from newsledger.export.tables import export as run_export

    if export_format not in FORMATS:
        raise _fail(f"unknown format {export_format!r}; choose one of {', '.join(FORMATS)}")
    store = _open_store(db, must_exist=True)
    written = run_export(store, export_format, out_path)
    err.print(f"exported to {written}")


def errors(db: DbOption = DEFAULT_DB, as_json: JsonOption = False) -> None:
    """Inputs that could not be analyzed, with the reason."""
    store = _open_store(db, must_exist=True)
    rows = store.errors()
    if as_json:
        _print_json(rows)
        return
    for row in rows:
        out.print(Text(f"{row.at:%Y-%m-%d %H:%M} {row.origin}: {row.reason}"))


def stats(db: DbOption = DEFAULT_DB, as_json: JsonOption = False) -> None:
    """Counts in the ledger: articles, records of each kind, and inputs that failed (see `errors`)."""
    store = _open_store(db, must_exist=True)
    counts = store.stats()
    if as_json:
        typer.echo(json.dumps(counts))
        return
    table = Table(title=f"Ledger {_shown(db)}")
    table.add_column("what")
    table.add_column("count", justify="right")
    for name, count in counts.items():
        table.add_row(name, f"{count:,}")
    out.print(table)
