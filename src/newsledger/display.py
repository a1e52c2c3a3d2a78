"""How records read to a person, shared by the terminal view (render.py) and the web pages."""

from __future__ import annotations

from typing import Protocol


class HasValue(Protocol):
    """A Figure, or anything else that carries one's value (a contested-figure claim)."""

    value: float | None
    value_range: tuple[float, float] | None
    approx: bool


def figure_value(figure: HasValue) -> str:
    """A figure's value as a reader wants it: ranges with a dash, thousands separated, ~ when approximate.

    >>> from newsledger.model import Figure, Span
    >>> figure_value(Figure("fig-1", Span(0, 3, "613"), value=613.0))
    '613'
    >>> figure_value(Figure("fig-2", Span(0, 8, "hundreds"), value_range=(100.0, 999.0), approx=True))
    '~100–999'
    """
    if figure.value_range:
        low, high = figure.value_range
        value = f"{low:,.10g}–{high:,.10g}"
    elif figure.value is not None:
        value = f"{figure.value:,.10g}"
    else:
        value = "?"
    return ("~" if figure.approx else "") + value
