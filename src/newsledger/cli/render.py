"""Human-readable views of a ledger for the terminal (Rich): what `newsledger show` prints."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsledger.model import Ledger, figure_value

MAX_QUOTE = 160


def _clip(text: str, limit: int = MAX_QUOTE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _row(table: Table, *cells: str) -> None:
    """Add a row of plain text: article text may contain [brackets] that Rich would read as markup."""
    table.add_row(*(Text(cell) for cell in cells))


def attributions_table(ledger: Ledger) -> Table:
    """Speaker, cue, stance and kind share the first column, so that the content keeps a readable
    width even in an 80-column terminal (five columns there squeeze it down to "…")."""
    table = Table(title="Who said what", expand=True, show_lines=False)
    table.add_column("speaker · cue · stance · kind", max_width=30)
    table.add_column("content", ratio=1)
    for a in ledger.attributions:
        speaker = a.speaker.name if a.speaker else "—"
        if a.speaker and a.speaker.country:
            speaker += f" [{a.speaker.country}]"
        who = Text(speaker, style="bold cyan")
        who.append(f"\n{a.cue.text if a.cue else '—'}", style="magenta")
        who.append(f" · {a.stance} · {a.kind.replace('_', ' ')}", style="dim")
        table.add_row(who, Text(_clip(" … ".join(c.text for c in a.content))))
    return table


def sourcing_table(ledger: Ledger) -> Table:
    table = Table(title="Sourcing: voices by side")
    table.add_column("side")
    table.add_column("statements", justify="right")
    table.add_column("voices")
    for group in ledger.sourcing:
        _row(table, group.country or "unknown", str(group.statements), ", ".join(group.voices))
    return table


def timeline_table(ledger: Ledger) -> Table:
    table = Table(title="Timeline")
    table.add_column("date", style="bold")
    table.add_column("event", style="green")
    table.add_column("what")
    table.add_column("voice", style="dim")
    for event in ledger.timeline():
        summary = event_summary(ledger, event)
        _row(table, event.date.value, event_label(event), summary, ledger.voice_name(event.voice))
    return table


def times_table(ledger: Ledger) -> Table:
    table = Table(title="Dates and durations")
    table.add_column("text")
    table.add_column("type")
    table.add_column("value", style="bold")
    table.add_column("mod")
    for t in ledger.times:
        _row(table, _clip(t.span.text, 40), t.type, t.value, t.mod or "")
    return table



def figures_table(ledger: Ledger) -> Table:
    table = Table(title="Figures")
    table.add_column("value", justify="right", style="bold")
    table.add_column("unit")
    table.add_column("counts")
    table.add_column("outcome", style="red")
    table.add_column("on whose word", style="dim")
    for f in ledger.figures:
        _row(table, figure_value(f), f.unit or "", f.concept or "", f.category or "", ledger.voice_name(f.voice))
    return table


def places_table(ledger: Ledger) -> Table:
    table = Table(title="Places")
    table.add_column("text")
    table.add_column("resolved to")
    table.add_column("country")
    table.add_column("lat, lon", justify="right")
    table.add_column("kind")
    for p in ledger.places:
        coords = f"{p.lat:.2f}, {p.lon:.2f}" if p.lat is not None and p.lon is not None else ""
        kind = (p.feature or "") + (" (metonym)" if p.metonymic else "")
        _row(table, p.span.text, p.name, p.country or "", coords, kind)
    return table


def event_label(event) -> str:
    return event.event + (f"/{event.mode}" if event.mode else "")


def event_summary(ledger: Ledger, event) -> str:
    """What happened, in a line: trigger, actor, recipient, place, tolls and whether it happened (the
    modality, asserted too: a reader never has to guess) -- the "what" of ``newsledger show`` and
    ``newsledger timeline``."""
    figures = {f.id: f for f in ledger.figures}
    parts = [f"“{event.trigger.text}”"]
    if event.actor:
        parts.append(f"by {event.actor.name}")
    if event.recipient:
        parts.append(f"on {event.recipient.name}")
    if event.place:
        parts.append(f"at {event.place.name}")
    for measure, figure_id in event.size.items():
        if figure_id in figures:
            parts.append(f"{measure} {figure_value(figures[figure_id])}")
    parts.append(f"({event.modality})")
    return " ".join(parts)


def events_table(ledger: Ledger) -> Table:
    table = Table(title="Events (PLOVER)")
    table.add_column("event", style="green")
    table.add_column("date")
    table.add_column("what")
    table.add_column("voice", style="dim")
    for e in ledger.events:
        date = e.date.value if e.date else ""
        _row(table, event_label(e), date, event_summary(ledger, e), ledger.voice_name(e.voice))
    return table


def ledger_view(ledger: Ledger) -> Panel:
    """Everything the ledger holds for one article, as one Rich renderable."""
    article = ledger.article
    heading = Text(article.title or article.text.split("\n", 1)[0][:100], style="bold")
    meta = Text(
        f"id {article.id} · published {article.published or 'unknown'} · source {article.source or 'unknown'}",
        style="dim",
    )
    parts: list = [heading, meta]
    sections = (
        (ledger.attributions, attributions_table),
        (ledger.sourcing, sourcing_table),
        (ledger.timeline(), timeline_table),
        (ledger.times, times_table),
        (ledger.figures, figures_table),
        (ledger.places, places_table),
        (ledger.events, events_table),
    )
    for records, make_table in sections:
        if records:
            parts.append(make_table(ledger))
    return Panel(Group(*parts), title=article.origin or article.id, expand=True)


def print_ledger(ledger: Ledger, console: Console | None = None) -> None:
    (console or Console()).print(ledger_view(ledger))
