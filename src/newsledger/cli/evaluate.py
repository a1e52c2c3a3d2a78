"""`newsledger eval`: score the pipeline on gold data.

``expected`` and ``stories`` score against the project's own sets; the benchmark commands (``figures``,
``events``, ``places``, ``time``, ``attributions``, ``extraction``) are still those of the evaluator modules
of :mod:`newsledger.eval`.
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
