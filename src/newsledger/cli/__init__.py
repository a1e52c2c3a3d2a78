"""The `newsledger` command: thin wrappers that parse arguments, call the library and print.

The commands live by theme (:mod:`~newsledger.cli.ledger`, :mod:`~newsledger.cli.serve`,
:mod:`~newsledger.cli.corpus`, :mod:`~newsledger.cli.bench`, :mod:`~newsledger.cli.evaluate` for
``newsledger eval``, what they share in :mod:`~newsledger.cli.common`); this module builds the app
from them, in the order ``newsledger --help`` lists them.
"""

from __future__ import annotations

import typer

from newsledger.cli import bench, corpus, evaluate, ledger
from newsledger.cli import serve as _serve

app = typer.Typer(
    name="newsledger",
    help="Read news and keep an attributed ledger of it: who said what, when, how many, where, what happened.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score the pipeline on gold data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

app.command()(ledger.analyze)
app.command()(ledger.load)
app.command()(ledger.show)
app.command("list")(ledger.list_articles)
app.command()(ledger.search)
app.command()(ledger.export)
app.command()(ledger.errors)
app.command()(ledger.stats)
app.command()(_serve.serve)
app.command()(corpus.stories)
app.command()(corpus.figures)
app.command()(corpus.sourcing)
app.command()(corpus.timeline)
app.command()(bench.bench)

eval_app.command("expected")(evaluate.eval_expected)
eval_app.command("stories")(evaluate.eval_stories)
eval_app.command("figures")(evaluate.eval_figures)
eval_app.command("events")(evaluate.eval_events)
eval_app.command("wikievents")(evaluate.eval_wikievents)
eval_app.command("places")(evaluate.eval_places)
eval_app.command("time")(evaluate.eval_time)
eval_app.command("attributions")(evaluate.eval_attributions)
eval_app.command("extraction")(evaluate.eval_extraction)


def main() -> None:  # pragma: no cover - console entry point
    app()
