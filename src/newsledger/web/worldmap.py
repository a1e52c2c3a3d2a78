"""Country outlines for the offline map, and the equirectangular projection the map is drawn in.

The outlines live in ``static/world-110m.json`` (Natural Earth 1:110m, public domain, as
redistributed by the world-atlas package): one entry per country with its ISO 3166-1 alpha-2
code, its name and its polygons as flat ``[lon, lat, lon, lat, ...]`` rings. Nothing is fetched
at run time: the web page gets the outlines as inline SVG paths.

To rebuild the data file from world-atlas's TopoJSON (``countries-110m.json`` in the npm package
``world-atlas``, ISC licence)::

    python -m newsledger.web.worldmap path/to/countries-110m.json > src/newsledger/web/static/world-110m.json

Projection: plain equirectangular in degrees, ``x = lon + 180``, ``y = 90 - lat``, so the whole
world is the box ``0 0 360 180``; a zoomed view stretches x by ``cos(latitude)`` of its centre,
which keeps shapes near that latitude in proportion.

    >>> project(0.0, 0.0)
    (180.0, 90.0)
"""

from __future__ import annotations

import json
import math
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

DATA_FILE = "world-110m.json"
COORD_DECIMALS = 2  # 0.01° is ~1 km: far finer than the 1:110m outlines themselves
WORLD_WIDTH = 360.0
WORLD_HEIGHT = 180.0


@dataclass(frozen=True)
class Country:
    iso: str | None  # None for the few areas with no ISO code (N. Cyprus, Somaliland, Kosovo)
    name: str
    path: str  # SVG path data in world coordinates (see :func:`project`)


@dataclass(frozen=True)
class View:
    """The part of the world a map shows: a box in world coordinates and the x stretch applied."""

    x: float
    y: float
    width: float
    height: float
    x_scale: float = 1.0

    @property
    def viewbox(self) -> str:
        return f"{self.x:.3f} {self.y:.3f} {self.width:.3f} {self.height:.3f}"

    def point(self, lat: float, lon: float) -> tuple[float, float]:
        """Where (lat, lon) lands in this view's SVG coordinates."""
        x, y = project(lat, lon)
        return x * self.x_scale, y


WORLD_VIEW = View(0.0, 0.0, WORLD_WIDTH, WORLD_HEIGHT)


def project(lat: float, lon: float) -> tuple[float, float]:
    """World coordinates of a point: degrees east of the antimeridian, degrees south of the pole."""
    return lon + 180.0, 90.0 - lat


def fit_view(points: list[tuple[float, float]], min_span: float = 24.0, margin: float = 0.25) -> View:
    """The view that shows every (lat, lon) in ``points`` with a margin; the whole world when empty.

    ``min_span`` (degrees) keeps a single point from zooming in to nothing.

    >>> fit_view([]).viewbox
    '0.000 0.000 360.000 180.000'
    >>> round(fit_view([(40.0, 47.0)]).x_scale, 2)
    0.77
    """
    if not points:
        return WORLD_VIEW
    lats = [lat for lat, _ in points]
    lons = [lon for _, lon in points]
    lat_half = max(max(lats) - min(lats), min_span / 2) * (0.5 + margin)
    lon_half = max(max(lons) - min(lons), min_span) * (0.5 + margin)
    mid_lat, mid_lon = (max(lats) + min(lats)) / 2, (max(lons) + min(lons)) / 2
    south, north = max(-90.0, mid_lat - lat_half), min(90.0, mid_lat + lat_half)
    west, east = max(-180.0, mid_lon - lon_half), min(180.0, mid_lon + lon_half)
    if east - west >= WORLD_WIDTH * 0.8:
        return WORLD_VIEW
    x_scale = max(0.2, math.cos(math.radians((north + south) / 2)))
    x0, y0 = project(north, west)
    x1, y1 = project(south, east)
    return View(x0 * x_scale, y0, (x1 - x0) * x_scale, y1 - y0, x_scale)


# --- the data file ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every country outline from the shipped data file, as SVG paths in world coordinates."""
    data = json.loads(resources.files("newsledger.web").joinpath("static", DATA_FILE).read_text(encoding="utf-8"))
    return tuple(Country(entry.get("iso"), entry["name"], _svg_path(entry["polygons"])) for entry in data["countries"])


def _svg_path(polygons: list[list[list[float]]]) -> str:
    """SVG path data for polygons given as lists of flat [lon, lat, ...] rings."""
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points = [project(ring[i + 1], ring[i]) for i in range(0, len(ring) - 1, 2)]
            if len(points) < 3:
                continue
            head, *rest = points
            parts.append(f"M{head[0]:.2f} {head[1]:.2f}" + "".join(f"L{x:.2f} {y:.2f}" for x, y in rest) + "Z")
    return "".join(parts)


# --- building the data file from TopoJSON -----------------------------------------------------


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The arcs of a quantized TopoJSON topology as absolute (lon, lat) points."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        points = []
        x = y = 0.0
        for position in arc:
            if transform:
                x, y = x + position[0], y + position[1]  # quantized arcs are delta-encoded
                sx, sy = transform["scale"]
                tx, ty = transform["translate"]
                points.append((x * sx + tx, y * sy + ty))
            else:
                points.append((float(position[0]), float(position[1])))
        arcs.append(points)
    return arcs


def _ring(arc_indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Stitch one ring from arc indexes (``~i``, i.e. ``-i-1``, is arc i reversed)."""
    ring: list[tuple[float, float]] = []
    for index in arc_indexes:
        points = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(points[1:] if ring else points)  # consecutive arcs share their end point
    return ring


def _split_antimeridian(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring that crosses the 180th meridian (Fiji, Chukotka), drawn on both edges of the map.

    Longitudes are unwrapped so that no step is longer than half the globe; a ring that then
    reaches past ±180 is returned twice, once shifted by 360°, and the map's frame clips both.
    A ring around a pole (Antarctica) winds once round the globe and is left as it is.
    """
    if len(ring) < 2:
        return [ring]
    unwrapped = [ring[0]]
    for lon, lat in ring[1:]:
        previous = unwrapped[-1][0]
        while lon - previous > 180:
            lon -= 360
        while previous - lon > 180:
            lon += 360
        unwrapped.append((lon, lat))
    if abs(unwrapped[-1][0] - unwrapped[0][0]) > 180:  # winds round a pole
        return [ring]
    pieces = [unwrapped]
    if max(lon for lon, _ in unwrapped) > 180:
        pieces.append([(lon - 360, lat) for lon, lat in unwrapped])
    if min(lon for lon, _ in unwrapped) < -180:
        pieces.append([(lon + 360, lat) for lon, lat in unwrapped])
    return pieces


def _flat(ring: list[tuple[float, float]]) -> list[float]:
    flat: list[float] = []
    last = None
    for lon, lat in ring:
        point = (round(lon, COORD_DECIMALS), round(lat, COORD_DECIMALS))
        if point != last:
            flat.extend(point)
            last = point
    return flat


def _iso_alpha2(numeric: str | None) -> str | None:
    import pycountry

    if not numeric or not numeric.isdigit():
        return None
    country = pycountry.countries.get(numeric=numeric.zfill(3))
    return country.alpha_2 if country else None


def build(topology: dict[str, Any], object_name: str = "countries") -> dict[str, Any]:
    """The data file's content from a world-atlas TopoJSON topology."""
    arcs = decode_arcs(topology)
    entries = []
    for geometry in topology["objects"][object_name]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = [
            [_flat(piece) for ring in polygon for piece in _split_antimeridian(_ring(ring, arcs))]
            for polygon in polygons
        ]
        entries.append(
            {
                "iso": _iso_alpha2(geometry.get("id")),
                "name": geometry.get("properties", {}).get("name", ""),
                "polygons": rings,
            }
        )
    entries.sort(key=lambda e: (e["iso"] or "~", e["name"]))
    return {
        "about": (
            "Country outlines for newsledger's offline map. Made with Natural Earth (1:110m admin-0 "
            "countries, public domain), as redistributed in TopoJSON by the npm package world-atlas 2.0.2 "
            "(countries-110m.json, ISC licence, copyright 2013-2019 Michael Bostock). 'iso' is ISO 3166-1 "
            "alpha-2 (null where there is none); 'polygons' are lists of rings, each a flat list "
            "[lon, lat, lon, lat, ...] rounded to 0.01 degree. Rebuild: python -m newsledger.web.worldmap "
            "countries-110m.json"
        ),
        "countries": entries,
    }


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m newsledger.web.worldmap countries-110m.json > world-110m.json", file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as stream:
        topology = json.load(stream)
    json.dump(build(topology), sys.stdout, separators=(",", ":"), ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
