"""The `newsledger` command: thin wrappers that parse arguments, call the library and print.

The commands live by theme (:mod:`~newsledger.cli.ledger`, :mod:`~newsledger.cli.serve`,
:mod:`~newsledger.cli.corpus`, :mod:`~newsledger.cli.evaluate` for ``newsledger eval``, what they share
in :mod:`~newsledger.cli.common`); this module builds the app from them, in the order ``newsledger --help``
lists them.
"""

from __future__ import annotations

import typer

from newsledger.cli import corpus, evaluate, ledger
from newsledger.cli import serve as _serve
from newsledger.eval import extraction as _extraction
from newsledger.eval import geo as _geo
from newsledger.eval import newsquant as _newsquant
from newsledger.eval import plover as _plover
from newsledger.eval import polnear as _polnear
from newsledger.eval import timeml as _timeml
from newsledger.scale.throughput import command as _bench_command  # imports no model

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
app.command("bench")(_bench_command)

eval_app.command("expected")(evaluate.eval_expected)
eval_app.command("stories")(evaluate.eval_stories)
# Benchmarks: each evaluator module (the only place that knows its gold format) owns its command.
eval_app.command("figures")(_newsquant.command)
eval_app.command("events")(_plover.command)
eval_app.command("places")(_geo.command)
eval_app.command("time")(_timeml.command)
eval_app.command("attributions")(_polnear.command)
eval_app.command("extraction")(_extraction.command)


def main() -> None:  # pragma: no cover - console entry point
    app()
