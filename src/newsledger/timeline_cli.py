"""`newsledger timeline [ARTICLE_ID]`: the dated events of an article (or of every article) in time order.

The lead registers :func:`timeline_command` on the Typer app (``app.command("timeline")(timeline_command)``).
Each row is one event of :meth:`newsledger.model.Ledger.timeline` (undated events are left out): its date
(a TIMEX3 value: ``2020-09-27``, ``1992-02``, a range ``1992-02-25/1992-02-26``), its PLOVER type and mode,
what happened (trigger, actor, recipient, place, tolls), whether it happened (modality) and whose word it is
(voice). With ``--json``, one JSON object per article: ``{"article": ID, "title": ..., "timeline": [...]}``.

Example::

    newsledger timeline 1d2e9fc2 --db ledger.db
    newsledger timeline --all --json
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsledger.model import Event, Ledger

DEFAULT_DB = "ledger.db"


def timeline_rows(ledger: Ledger) -> list[dict[str, Any]]:
    """The article's dated events in time order, as plain rows (what ``--json`` prints).

    >>> from newsledger.model import Article
    >>> timeline_rows(Ledger(article=Article(id="a", text="")))
    []
    """
    figures = {f.id: f for f in ledger.figures}
    rows = []
    for event in ledger.timeline():
        rows.append({
            "id": event.id,
            "date": event.date.value if event.date else None,
            "event": event.event,
            "mode": event.mode,
            "trigger": event.trigger.text,
            "actor": _party(event.actor),
            "recipient": _party(event.recipient),
            "place": event.place.name if event.place else None,
            "size": {key: figures[fid].value for key, fid in event.size.items() if fid in figures},
            "modality": event.modality,
            "voice": _voice(ledger, event),
        })  # fmt: skip
    return rows


def _party(ref) -> dict[str, str | None] | None:
    return None if ref is None else {"name": ref.name, "country": ref.country, "sector": ref.sector}


def _voice(ledger: Ledger, event: Event) -> str:
    """"outlet", or the name of whoever the article attributes the event to."""
    attribution = ledger.attribution(event.voice) if event.voice != "outlet" else None
    if attribution is None:
        return "outlet"
    return attribution.speaker.name if attribution.speaker else attribution.id


def _describe(row: dict[str, Any]) -> str:
    parts = [f"“{row['trigger']}”"]
    if row["actor"]:
        parts.append(f"by {row['actor']['name']}")
    if row["recipient"]:
        parts.append(f"on {row['recipient']['name']}")
    if row["place"]:
        parts.append(f"at {row['place']}")
    parts += [f"{key} {value:g}" for key, value in row["size"].items() if isinstance(value, int | float)]
    if row["modality"] != "asserted":
        parts.append(f"({row['modality']})")
    return " ".join(parts)


def timeline_table(ledger: Ledger) -> Table:
    """A Rich table of the article's timeline."""
    title = ledger.article.title or ledger.article.id
    table = Table(title=f"Timeline: {title}")
    for column, style in (("date", "cyan"), ("event", "green"), ("what happened", None), ("voice", "magenta")):
        table.add_column(column, style=style)
    for row in timeline_rows(ledger):
        label = row["event"] + (f"/{row['mode']}" if row["mode"] else "")
        table.add_row(Text(row["date"] or ""), Text(label), Text(_describe(row)), Text(row["voice"]))
    return table


def timeline_command(
    article_id: Annotated[str | None, typer.Argument(help="Article id (or a unique prefix).")] = None,
    db: Annotated[str, typer.Option("--db", help="Ledger database: a path (SQLite) or a SQLAlchemy URL.")] = DEFAULT_DB,
    all_articles: Annotated[bool, typer.Option("--all", help="The timeline of every article.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Show an article's dated events in time order (its timeline)."""
    from newsledger.store import AmbiguousIdError, Store

    err = Console(stderr=True, highlight=False)
    if not article_id and not all_articles:
        err.print(Text("error: give an ARTICLE_ID or --all (see `newsledger list`)", style="bold red"))
        raise typer.Exit(2)
    if "://" not in db and not Path(db).exists():
        err.print(Text(f"error: no ledger at {db!r}; run `newsledger analyze PATH --db {db}` first", style="bold red"))
        raise typer.Exit(2)
    store = Store.open(db)
    if all_articles:
        ledgers = list(store.ledgers())
    else:
        try:
            ledger = store.get(article_id or "")
        except AmbiguousIdError as exc:
            err.print(Text(f"error: {exc}", style="bold red"))
            raise typer.Exit(2) from None
        if ledger is None:
            err.print(Text(f"error: no article {article_id!r} in {db}", style="bold red"))
            raise typer.Exit(1)
        ledgers = [ledger]
    out = Console(highlight=False)
    for ledger in ledgers:
        if as_json:
            typer.echo(json.dumps({"article": ledger.article.id, "title": ledger.article.title,
                                   "timeline": timeline_rows(ledger)}, ensure_ascii=False))  # fmt: skip
        else:
            out.print(timeline_table(ledger))


if __name__ == "__main__":
    typer.run(timeline_command)
