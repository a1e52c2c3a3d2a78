"""`newsledger eval`: score the pipeline on gold data.

``expected`` and ``stories`` score against the project's own sets; the benchmark commands (``figures``,
``events``, ``places``, ``time``, ``attributions``, ``extraction``) parse their arguments here and print
what an evaluator module of :mod:`newsledger.eval` returns (that module is the only place that knows its
gold format).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from newsledger.cli.common import JsonOption, ModelOption, PublishedOption, _check_published, _fail, err, out

_REPO = Path(__file__).resolve().parents[3]


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
    """Score whole articles against hand-made expectations (format: docs/expectations.md).

    Per article and in total, by section: must / should / must_not, precision, recall, wrong records.

    must_not, one rule a section (a violated one is a failed must item; "where" narrows a text):

    attributions {"content_contains"} or {"speaker_not"} (with content_contains: only there);

    events {"event"?, "trigger_contains", "unless_modality"?};

    figures {"text", "category"?}; places {"text", "country"?}; times {"text"};

    entities {"name", "type"?}: exactly that name.
    """
    from newsledger.eval import judged

    try:
        if len(paths) == 2 and not paths[0].is_dir() and not paths[0].name.endswith(judged.SUFFIX):
            files = [judged.load(paths[1], article_path=paths[0], published=_check_published(published))]
        else:
            published = _check_published(published)
            files = [judged.load(path, published=published) for path in judged.expectation_files(paths, part)]
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


def eval_stories(
    limit: Annotated[int, typer.Option(min=2, help="Real articles to build the set from.")] = 80,
    shared: Annotated[Path, typer.Option(help="The shared data folder.")] = Path("../shared"),
    as_json: JsonOption = False,
) -> None:
    """Story grouping on a set with known groups (real articles, edited copies, the example story)."""
    from newsledger.eval.stories import evaluate

    if not (shared / "data").is_dir():
        raise _fail(f"{shared}/data not found; pass --shared")
    result = evaluate(shared, _REPO / "examples", limit=limit)
    if as_json:
        typer.echo(json.dumps(result))
        return
    for key, value in result.items():
        out.print(f"{key:>20}: {value}")


# The benchmarks: each prints what its evaluator module returns.


def eval_figures(
    path: Annotated[Path, typer.Argument(help="NewsQuant JSON file (list of {text, quantities}).", exists=True)],
    model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline to load.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Only the first N sentences.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of a table.")] = False,
) -> None:
    """Score figures against NewsQuant as its authors do: value, value+unit, value+change, value+concept."""
    from newsledger.eval.newsquant import MEASURES, evaluate

    try:
        result = evaluate(path, model=model, limit=limit)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        typer.echo(f"{path}: not a readable NewsQuant file: {exc}", err=True)
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps(result))
        return
    table = Table(title=f"NewsQuant {path.name}: {result['sentences']} sentences, "
                  f"{result['gold_quantities']} gold / {result['system_quantities']} system quantities")
    for column in ("measure", "P", "R", "F1", "strict F1"):
        table.add_column(column, justify="right" if column != "measure" else "left")
    for measure in MEASURES:
        table.add_row(measure.replace("_", "+", 1) if measure != "value" else measure,
                      *(f"{result[f'{measure}_{k}']:.1f}" for k in ("p", "r", "f1")),
                      f"{result[f'strict_{measure}_f1']:.1f}")
    Console().print(table)


def eval_events(
    path: Annotated[Path, typer.Argument(help="PLOVER_GSR_CAMEO.txt, or a JSONL file of sentences and events.",
                                         exists=True, dir_okay=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of a table.")] = False,
    model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline to load.")] = None,
    errors: Annotated[int, typer.Option("--errors", help="Also show up to N disagreements of each kind.")] = 0,
) -> None:
    """Score PLOVER events per sentence: event-type micro and macro F1, actor and recipient accuracy."""
    from newsledger.eval.plover import MISTAKE_KINDS, evaluate

    try:
        result = evaluate(path, model=model, with_errors=errors > 0)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        typer.echo(f"error: {path}: not a PLOVER gold file: {exc}", err=True)
        raise typer.Exit(2) from None
    shown = _mistakes_shown(result, MISTAKE_KINDS, errors)
    if as_json:
        typer.echo(json.dumps(result))
        return
    console = Console(highlight=False)
    table = Table(title=f"PLOVER events: {result['sentences']} sentences")
    table.add_column("measure")
    table.add_column("score", justify="right")
    for key in ("event_micro_f1", "event_macro_f1", "actor_accuracy", "recipient_accuracy", "event_precision",
                "event_recall"):
        table.add_row(key, f"{result[key]:.2f}")
    for kind, value in result["per_type_f1"].items():
        table.add_row(f"  F1 {kind}", f"{value:.2f}")
    console.print(table)
    for e in shown:
        console.print(f"{e['kind']:15} {e['event']:9} {json.dumps({k: v for k, v in e.items() if k not in ('kind', 'event', 'text')})} | {e['text']}", markup=False)  # noqa: E501


def eval_places(
    path: Annotated[Path, typer.Argument(help="A geoparsing XML corpus (LGL, TR-News, GeoVirus).", exists=True,
                                         dir_okay=False)],
    gold_spans: Annotated[bool, typer.Option("--gold-spans", help="Resolve the gold toponyms only.")] = False,
    demonyms: Annotated[bool, typer.Option(
        "--demonyms/--no-demonyms", help="Count demonyms as toponyms of their country, as LGL and TR-News do.")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of a table.")] = False,
    model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline to load.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="Only the first N articles.")] = None,
    errors: Annotated[int, typer.Option("--errors", help="Also show up to N mistakes of each kind.")] = 0,
) -> None:
    """Score geoparsing on LGL / TR-News / GeoVirus: accuracy within 161 km, mean error, AUC, detection F1."""
    from newsledger.eval.geo import MISTAKE_KINDS, evaluate

    result = evaluate(path, gold_spans=gold_spans, demonyms=demonyms, model=model, limit=limit,
                      with_errors=errors > 0)
    shown = _mistakes_shown(result, MISTAKE_KINDS, errors)
    if as_json:
        typer.echo(json.dumps(result))
        return
    table = Table(title=f"{result['corpus']} ({result['mode']}): {result['articles']} articles, "
                        f"{result['scored']} toponyms scored")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key in ("acc_161km", "mean_error_km", "median_error_km", "auc", "detection_f1", "detection_precision",
                "detection_recall", "detection_f1_overlap"):
        if key in result:
            table.add_row(key, f"{result[key]}")
    _print_with_mistakes(table, shown,
                         gold=lambda g: f"{g['text']!r}", system=lambda s: f"{s['text']!r} -> {s['name']}",
                         where=lambda e: f"{e['error_km']} km", width=10)


def eval_time(
    paths: Annotated[list[Path], typer.Argument(help=".tml files or directories of them (searched recursively).",
                                                exists=True)],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of a table.")] = False,
    model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline to load.")] = None,
    errors: Annotated[int, typer.Option("--errors", help="Also show up to N disagreements of each kind.")] = 0,
) -> None:
    """Score temporal expressions on TimeML gold as TempEval-3 does (relaxed/strict span F1, type, value)."""
    from newsledger.eval.timeml import MISTAKE_KINDS, evaluate, tml_files

    if not tml_files(paths):
        typer.echo(f"error: no .tml files at {' '.join(map(str, paths))}", err=True)
        raise typer.Exit(2)
    result = evaluate(paths, model=model, with_errors=errors > 0)
    shown = _mistakes_shown(result, MISTAKE_KINDS, errors)
    if as_json:
        typer.echo(json.dumps(result))
        return
    table = Table(title=f"TimeML: {result['documents']} documents, {result['gold']} gold, "
                        f"{result['system']} system expressions")
    for column in ("measure", "F1 / accuracy", "P", "R"):
        table.add_column(column)
    for name in ("relaxed", "strict"):
        table.add_row(f"{name} span", f"{result[name + '_f1']:.2f}", f"{result[name + '_precision']:.2f}",
                      f"{result[name + '_recall']:.2f}")
    table.add_row("type accuracy", f"{result['type_accuracy']:.2f}", "", "")
    table.add_row("value accuracy", f"{result['value_accuracy']:.2f}", "", "")
    table.add_row("value F1", f"{result['value_f1']:.2f}", "", "")
    timex = lambda t: f"{t['text']!r} {t['type']} {t['value']}"  # noqa: E731 - gold and system alike
    _print_with_mistakes(table, shown,
                         gold=timex, system=timex, where=lambda e: e["document"], width=8)


def _mistakes_shown(result: dict, kinds, errors: int) -> list[dict]:
    """A scorer's mistakes taken out of its result: up to ``errors`` of each kind, kept in the JSON when
    ``--errors`` asks for them."""
    from newsledger.eval import first_of_each_kind

    shown = first_of_each_kind(result.pop("errors", []), kinds, errors)
    if errors:
        result["errors"] = shown
    return shown


def _print_with_mistakes(table: Table, mistakes: list[dict], gold, system, where, width: int) -> None:
    """A benchmark's table, then one line per mistake shown: its kind, gold and system sides, where."""
    console = Console(highlight=False)
    console.print(table)
    for e in mistakes:
        left = gold(e["gold"]) if e["gold"] else "-"
        right = system(e["system"]) if e["system"] else "-"
        console.print(f"{e['kind']:{width}} gold {left} | system {right} | {where(e)} | {e['context']}", markup=False)


def eval_attributions(
    directory: Annotated[
        Path, typer.Argument(help="A PolNeAR split: DIR/text/*.txt and DIR/attributions/*.ann.", file_okay=False)
    ],
    model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline to load.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="Score only the first N articles.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of a table.")] = False,
    stored: Annotated[bool, typer.Option(
        "--stored", help="Score the attributions as the ledger stores them: without the topics and intentions "
        "PolNeAR annotates ('outlined his plan', 'planned to charge').")] = False,
) -> None:
    """Score attributions against PolNeAR: exact source, cue, content spans and whole attributions."""
    from newsledger.eval.polnear import ROLES, evaluate

    try:
        result = evaluate(directory, model=model, limit=limit, topics=not stored)
    except FileNotFoundError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps(result))
        return
    table = Table(title=f"PolNeAR {directory.name}: {result['documents']} articles")
    for column in ("measure", "precision", "recall", "F1"):
        table.add_column(column, justify="right" if column != "measure" else "left")
    for name in (*ROLES, "content_overlap", "attribution"):
        table.add_row(name, *(f"{result[f'{name}_{part}']:.1f}" for part in ("precision", "recall", "f1")))
    Console(highlight=False).print(table)


def eval_extraction(
    path: Annotated[
        Path, typer.Argument(help="The benchmark directory (ground-truth.json, html/).", exists=True, file_okay=False)
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of a table.")] = False,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Only the first N pages (by id).")] = None,
) -> None:
    """Score ingest's HTML article-body extraction as the article-extraction-benchmark does (shingle P/R/F1)."""
    from newsledger.eval.extraction import evaluate

    if not (path / "ground-truth.json").exists():
        typer.echo(f"error: no ground-truth.json in {path}", err=True)
        raise typer.Exit(2)
    result = evaluate(path, limit=limit)
    if as_json:
        typer.echo(json.dumps(result))
        return
    table = Table(title=f"Article extraction: {result['documents']} pages, {result['empty']} with no text found")
    for column in ("scored text", "F1", "P", "R"):
        table.add_column(column)
    table.add_row("body", f"{result['f1']:.2f}", f"{result['precision']:.2f}", f"{result['recall']:.2f}")
    table.add_row("Article.text (with headline)", f"{result['article_text_f1']:.2f}", "", "")
    Console(highlight=False).print(table)



def eval_wikievents(
    path: Annotated[Path, typer.Argument(help="A WikiEvents JSONL file (dev.jsonl or train.jsonl).", exists=True,
                                         dir_okay=False)],
    as_json: JsonOption = False,
    model: ModelOption = None,
    errors: Annotated[int, typer.Option("--errors", help="Also show up to N mistakes of each kind.")] = 0,
) -> None:
    """Score events on whole WikiEvents articles: mentions of ASSAULT, PROTEST, COERCE, THREATEN and CONSULT,
    and the attacker, target and place of matched attacks (docs/events.md)."""
    from newsledger.eval.wikievents import MISTAKE_KINDS, evaluate, read_gold

    try:
        articles = read_gold(path)
    except (UnicodeDecodeError, ValueError) as exc:
        raise _fail(f"{path}: not a WikiEvents file: {exc}") from None
    progress = Progress(SpinnerColumn(), TextColumn("articles"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=err, transient=True)
    with progress:
        task = progress.add_task("articles", total=len(articles))
        result = evaluate(articles, model=model, with_errors=errors > 0,
                          progress=lambda: progress.update(task, advance=1))
    shown = _mistakes_shown(result, MISTAKE_KINDS, errors)
    if as_json:
        typer.echo(json.dumps(result))
        return
    console = Console(highlight=False, width=None if out.is_terminal else 200)
    table = Table(title=f"WikiEvents {path.name}: {result['articles']} articles")
    table.add_column("measure")
    table.add_column("score", justify="right")
    for key, value in result.items():
        if isinstance(value, float):
            table.add_row(key, f"{value:.2f}")
    console.print(table)
    per_type = Table(title="by type: predicted mentions right / wrong / neutral, gold mentions found / all")
    for column in ("type", "right", "wrong", "neutral", "found", "gold"):
        per_type.add_column(column, justify="left" if column == "type" else "right")
    for kind, row in result["per_type"].items():
        per_type.add_row(kind, *(str(row[k]) for k in ("right", "wrong", "neutral", "found", "gold")))
    console.print(per_type)
    for e in shown:
        sides = f" | gold {e['gold']} system {e['system']}" if "gold" in e else ""
        console.print(f"{e['kind']:15} {e['event']:9} {e['doc']}{sides} | {e['context']}", markup=False)
