"""Article text as HTML with the ledger's spans marked: quotes by speaker, cues, figures, dates, places.

Everything from the article is untrusted: every piece of text and every attribute value goes
through :func:`markupsafe.escape`, and the result is built here, never by a template from raw
strings. Spans may nest (a date inside a quote) or cross (a place that straddles a quote's end);
:func:`mark_text` keeps the HTML well formed by closing and reopening an element where another
one ends inside it, so one span can come out as several fragments with the same ``data-`` keys
(only the first fragment carries the ``id`` that links point to).

Example::

    >>> str(mark_text("He said yes.", [Mark(8, 11, "mark", "quote", {"data-speaker": "<b>"})]))
    'He said <mark class="quote" data-speaker="&lt;b&gt;">yes</mark>.'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from newsledger.model import Attribution, Ledger, figure_value

SPEAKER_COLOURS = 8  # the stylesheet defines .s0 ... .s7; speakers beyond that share colours


@dataclass(frozen=True)
class Mark:
    """One span to mark: ``[start, end)`` of the text, the element, its classes and attributes.

    ``rank`` orders marks over the very same span (lower is outer); ``anchor`` is the ``id`` of
    the first fragment.
    """

    start: int
    end: int
    tag: str
    classes: str
    attrs: dict[str, str] = field(default_factory=dict)
    rank: int = 0
    anchor: str | None = None


def _open_tag(mark: Mark, first: bool) -> str:
    parts = [mark.tag]
    if first and mark.anchor:
        parts.append(f'id="{escape(mark.anchor)}"')
    parts.append(f'class="{escape(mark.classes)}"')
    parts.extend(f'{name}="{escape(value)}"' for name, value in mark.attrs.items())
    return "<" + " ".join(parts) + ">"


def mark_text(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` escaped, with every mark as an element around its span (see the module docstring).

    Marks outside the text or empty are dropped.

    >>> str(mark_text("a<b", [Mark(0, 3, "span", "x"), Mark(1, 2, "span", "y")]))
    '<span class="x">a<span class="y">&lt;</span>b</span>'
    >>> str(mark_text("abcd", [Mark(0, 2, "i", "p"), Mark(1, 4, "b", "q")]))
    '<i class="p">a<b class="q">b</b></i><b class="q">cd</b>'
    """
    valid = sorted(
        (m for m in marks if 0 <= m.start < m.end <= len(text)),
        key=lambda m: (m.start, -m.end, m.rank),
    )
    boundaries = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    starting: dict[int, list[Mark]] = {}
    for mark in valid:
        starting.setdefault(mark.start, []).append(mark)
    out: list[str] = []
    stack: list[Mark] = []
    previous = 0
    for position in boundaries:
        out.append(str(escape(text[previous:position])))
        previous = position
        ending = [i for i, m in enumerate(stack) if m.end == position]
        if ending:
            deepest = ending[0]
            reopen = [m for m in stack[deepest:] if m.end != position]
            out.extend(f"</{m.tag}>" for m in reversed(stack[deepest:]))
            del stack[deepest:]
            for mark in reopen:  # crossed by the one that ended: continue it as a new fragment
                out.append(_open_tag(mark, first=False))
                stack.append(mark)
        for mark in starting.get(position, []):
            out.append(_open_tag(mark, first=True))
            stack.append(mark)
    out.extend(f"</{m.tag}>" for m in reversed(stack))
    return Markup("".join(out))


# --- the ledger's marks -------------------------------------------------------------------------


def speaker_classes(ledger: Ledger) -> dict[str, str]:
    """Speaker name -> colour class (``s0`` ...), in order of first statement."""
    classes: dict[str, str] = {}
    for attribution in ledger.attributions:
        name = attribution.speaker.name if attribution.speaker else None
        if name and name not in classes:
            classes[name] = f"s{len(classes) % SPEAKER_COLOURS}"
    return classes


def speaker_of(attribution: Attribution) -> str:
    return attribution.speaker.name if attribution.speaker else "unattributed"


def _tip(*parts: str | None) -> str:
    return " · ".join(p for p in parts if p)


def ledger_marks(ledger: Ledger) -> list[Mark]:
    """Every span worth marking in the article view, with what hovering over it should tell."""
    colours = speaker_classes(ledger)
    marks: list[Mark] = []
    for a in ledger.attributions:
        speaker = speaker_of(a)
        colour = colours.get(speaker, "s-none")
        cue = a.cue.text if a.cue else ""
        attrs = {
            "data-att": a.id,
            "data-speaker": speaker,
            "data-cue": cue,
            "data-stance": a.stance,
            "data-kind": a.kind,
            "data-tip": _tip(speaker, f"“{cue}”" if cue else "no cue", a.stance, a.kind.replace("_", " ")),
        }
        for index, span in enumerate(a.content):
            anchor = a.id if index == 0 else None
            marks.append(Mark(span.start, span.end, "mark", f"quote {colour}", attrs, rank=0, anchor=anchor))
        if a.cue:
            marks.append(Mark(a.cue.start, a.cue.end, "span", "cue", {"data-att": a.id}, rank=2))
        if a.speaker and a.speaker.mention:
            mention = a.speaker.mention
            marks.append(Mark(mention.start, mention.end, "span", f"who {colour}", {"data-att": a.id}, rank=2))
    for event in ledger.events:
        tip = _tip(event.event + (f"/{event.mode}" if event.mode else ""), event.modality)
        marks.append(
            Mark(event.trigger.start, event.trigger.end, "span", "trigger", {"title": tip}, rank=4, anchor=event.id)
        )
    for figure in ledger.figures:
        tip = _tip(figure_value(figure), figure.unit, figure.concept, figure.category, ledger.voice_name(figure.voice))
        marks.append(Mark(figure.span.start, figure.span.end, "span", "fig", {"title": tip}, rank=3))
    for time in ledger.times:
        tip = _tip(time.type.lower(), time.value, time.mod)
        marks.append(Mark(time.span.start, time.span.end, "span", "date", {"title": tip}, rank=3))
    for place in ledger.places:
        where = f"{place.lat:.2f}, {place.lon:.2f}" if place.lat is not None and place.lon is not None else None
        tip = _tip(place.name, place.country, where, place.feature, "metonym" if place.metonymic else None)
        marks.append(Mark(place.span.start, place.span.end, "span", "place", {"title": tip}, rank=3))
    return marks

