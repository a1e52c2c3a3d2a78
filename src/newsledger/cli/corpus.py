"""Commands across the ledger's articles: stories, contested figures, sourcing balance, and one article's timeline.

``newsledger timeline [ARTICLE_ID]``: the dated events of an article (or of every article) in time order.
Each row is one event of :meth:`newsledger.model.Ledger.timeline` (undated events are left out): its date
(a TIMEX3 value: ``2020-09-27``, ``1992-02``, a range ``1992-02-25/1992-02-26``), its PLOVER type and mode,
what happened (trigger, actor, recipient, place, tolls: :func:`newsledger.cli.render.event_summary`, as
``newsledger show`` words it), whether it happened (modality) and whose word it is (voice). With ``--json``,
one JSON object per article: ``{"article": ID, "title": ..., "timeline": [...]}``.

Example::

    newsledger timeline 1d2e9fc2 --db ledger.db
    newsledger timeline --all --json
"""

from __future__ import annotations

import dataclasses
import json
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from newsledger.cli.common import (
    DEFAULT_DB,
    DbOption,
    JsonOption,
    _chosen_ledgers,
    _fail,
    _open_store,
    _print_json,
    _shown,
    out,
)
from newsledger.cli.render import event_label, event_summary
from newsledger.model import Event, Ledger, to_json_dict


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


def timeline_table(ledger: Ledger) -> Table:
    """A Rich table of the article's timeline."""
    title = ledger.article.title or ledger.article.id
    table = Table(title=f"Timeline: {title}")
    for column, style in (("date", "cyan"), ("event", "green"), ("what happened", None), ("voice", "magenta")):
        table.add_column(column, style=style)
    for event in ledger.timeline():
        date = event.date.value if event.date else ""
        table.add_row(Text(date), Text(event_label(event)), Text(event_summary(ledger, event)),
                      Text(_voice(ledger, event)))
    return table


def timeline(
    article_id: Annotated[str | None, typer.Argument(help="Article id (or a unique prefix).")] = None,
    db: DbOption = DEFAULT_DB,
    all_articles: Annotated[bool, typer.Option("--all", help="The timeline of every article.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Show an article's dated events in time order (its timeline)."""
    for ledger in _chosen_ledgers(db, article_id, all_articles):
        if as_json:
            typer.echo(json.dumps({"article": ledger.article.id, "title": ledger.article.title,
                                   "timeline": timeline_rows(ledger)}, ensure_ascii=False))  # fmt: skip
        else:
            out.print(timeline_table(ledger))
