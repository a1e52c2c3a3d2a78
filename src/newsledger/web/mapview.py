"""The map page's SVG: country outlines from the shipped data file, and a marker per place.

Drawn on the server as inline SVG: no tiles, no script, nothing fetched. Countries the shown
places lie in are shaded; places are circles sized by how often they are named, places where
events happen are drawn as red rings on top. Names come from the ledger (untrusted), so every
string goes through :func:`markupsafe.escape`.

Example::

    >>> from newsledger.store.store import PlacePoint
    >>> svg = world_svg([PlacePoint("Khojaly", "AZ", 39.91, 46.79, "city", 2, 1)], [])
    >>> 'data-name="Khojaly"' in svg and "<path" in svg
    True
"""

from __future__ import annotations

import math

from markupsafe import Markup, escape

from newsledger.store.store import PlacePoint
from newsledger.web.worldmap import View, countries, fit_view

MAX_LABELS = 12  # name only the most mentioned places; the rest have a tooltip
# Sizes are shares of the view's scale (see _scale), so markers and names look the same at any zoom.
MARKER_SIZE = 0.005  # a single-mention marker's radius
LABEL_SIZE = 0.011  # font size of place names


def _label(point: PlacePoint, what: str) -> str:
    where = f"{point.name}" + (f" ({point.country})" if point.country else "")
    articles = "1 article" if point.articles == 1 else f"{point.articles} articles"
    return f"{where}: {point.mentions} {what} in {articles}"


def _scale(view: View) -> float:
    """The view's size as the page shows it: the map box is about twice as wide as high, so a tall
    view is fitted by its height."""
    return max(view.width, view.height * 2)


def _radius(view: View, mentions: int) -> float:
    return _scale(view) * MARKER_SIZE * (1 + math.log2(max(1, mentions)) * 0.5)


def _marker(view: View, point: PlacePoint, kind: str) -> str:
    x, y = view.point(point.lat, point.lon)
    what = "mentions" if kind == "place" else "events"
    title = escape(_label(point, what))
    return (
        f'<g class="marker {kind}" data-name="{escape(point.name)}" data-country="{escape(point.country or "")}" '
        f'data-count="{point.mentions}"><circle cx="{x:.3f}" cy="{y:.3f}" r="{_radius(view, point.mentions):.3f}"/>'
        f"<title>{title}</title></g>"
    )


def _label_box(view: View, point: PlacePoint) -> tuple[float, float, float, float]:
    """Where a place's name goes, right of its marker: (x, baseline y, width, font size)."""
    x, y = view.point(point.lat, point.lon)
    size = _scale(view) * LABEL_SIZE
    offset = _radius(view, point.mentions) + size * 0.3
    return x + offset, y + size * 0.35, len(point.name) * size * 0.6, size


def _labelled(view: View, places: list[PlacePoint]) -> list[PlacePoint]:
    """The places to name: most mentioned first, skipping any whose name would overlap one already placed."""
    placed: list[tuple[float, float, float, float]] = []
    chosen = []
    for point in sorted(places, key=lambda p: -p.mentions):
        x, y, width, size = _label_box(view, point)
        if any(x < px + pw and px < x + width and y - size < py and py - ps < y for px, py, pw, ps in placed):
            continue
        placed.append((x, y, width, size))
        chosen.append(point)
        if len(chosen) == MAX_LABELS:
            break
    return chosen


def _text_label(view: View, point: PlacePoint) -> str:
    x, y, _, size = _label_box(view, point)
    return f'<text x="{x:.3f}" y="{y:.3f}" font-size="{size:.3f}">{escape(point.name)}</text>'


def world_svg(places: list[PlacePoint], events: list[PlacePoint], whole_world: bool = False) -> Markup:
    """The whole map as one ``<svg>`` element, zoomed to the markers unless ``whole_world``."""
    points = [(p.lat, p.lon) for p in [*places, *events]]
    view = fit_view([] if whole_world else points)
    shaded = {p.country for p in [*places, *events] if p.country}
    parts = [
        f'<svg class="worldmap" viewBox="{view.viewbox}" role="img" aria-label="Map of the places in the ledger" '
        f'preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">',
        _graticule(view),
        f'<g class="countries" transform="scale({view.x_scale:.5f} 1)">',
    ]
    for country in countries():
        classes = "land named" if country.iso in shaded else "land"
        parts.append(
            f'<path class="{classes}" data-iso="{escape(country.iso or "")}" d="{country.path}">'
            f"<title>{escape(country.name)}</title></path>"
        )
    parts.append("</g>")
    parts.append('<g class="markers">')
    parts.extend(_marker(view, p, "place") for p in places)
    parts.extend(_marker(view, p, "event") for p in events)
    parts.append("</g>")
    parts.append('<g class="labels">')
    parts.extend(_text_label(view, p) for p in _labelled(view, places))
    parts.append("</g></svg>")
    return Markup("".join(parts))


def _graticule(view: View, step: int = 30) -> str:
    """Meridians and parallels every ``step`` degrees (10 when zoomed in), for orientation."""
    if view.width < 90:
        step = 10
    lines = []
    for lon in range(-180, 181, step):
        x, _ = view.point(0, lon)
        lines.append(f"M{x:.3f} 0V180")
    for lat in range(-90, 91, step):
        x0, y = view.point(lat, -180)
        x1, _ = view.point(lat, 180)
        lines.append(f"M{x0:.3f} {y:.3f}H{x1:.3f}")
    return f'<path class="graticule" d="{"".join(lines)}"/>'
