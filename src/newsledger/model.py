"""The records of the ledger.

Every record is a frozen dataclass. Spans are half-open character offsets into
``Article.text`` (Python ``str`` indices, after ingest's normalisation), and
every record carries a ``voice``: ``"outlet"`` when the article states it in its
own voice, or the id of the :class:`Attribution` whose content holds it.

Serialisation is generic: :func:`to_json_dict` / :func:`from_json_dict` walk the
dataclass fields and their type hints, so adding a field to a record is the
only change needed (``docs/schema.json`` is generated from the same hints, see
:mod:`newsledger.schema`).

Example::

    >>> span = Span(0, 9, "Islamabad")
    >>> to_json_dict(span)
    {'start': 0, 'end': 9, 'text': 'Islamabad'}
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypeVar, get_args, get_origin, get_type_hints

OUTLET = "outlet"
"""The voice of a record that the article states in its own words."""

SCHEMA_VERSION = 1

EntityType = Literal["PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "OTHER"]
AttributionKind = Literal["direct", "indirect", "mixed", "according_to", "unattributed"]
Stance = Literal["neutral", "distancing", "affirming", "assertive", "tentative", "negative", "unknown"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
Modality = Literal["asserted", "negated", "future", "threatened", "demanded", "hypothetical", "attempted"]

SIZE_OF_OUTCOME: dict[str, str] = {
    "killed": "dead", "injured": "injured", "hostage": "hostages",
    "missing": "missing", "arrested": "arrested", "displaced": "displaced",
}  # fmt: skip
"""Figure.category -> the Event.size key a toll of that outcome fills."""
TOLL_EVENTS = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"})
"""The event types whose Event.size carries casualty and arrest figures."""


@dataclass(frozen=True)
class Span:
    """A half-open ``[start, end)`` slice of ``Article.text``; ``text`` equals that slice."""

    start: int
    end: int
    text: str


def overlaps(start: int, end: int, ranges: Iterable[tuple[int, int]]) -> bool:
    """Whether the half-open range ``[start, end)`` shares a character with any of ``ranges``.

    >>> overlaps(0, 5, [(4, 9)]), overlaps(0, 5, [(5, 9)]), overlaps(3, 4, [])
    (True, False, False)
    """
    return any(s < end and start < e for s, e in ranges)


@dataclass(frozen=True)
class Article:
    """One news article after ingest: normalised text plus what the source told us about it."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or None when unknown
    origin: str | None = None  # where it was read from: a path, "<stdin>", "file.jsonl:12"


@dataclass(frozen=True)
class Entity:
    """One real-world referent with every mention of it in the article."""

    id: str
    name: str
    type: EntityType
    mentions: tuple[Span, ...]
    country: str | None = None  # ISO 3166-1 alpha-2 the entity is, or belongs to / speaks for
    sector: str | None = None  # GOV, MIL, CVL, MED, ... where the text says so
    title: str | None = None  # "Ambassador", "President"
    voice: str = OUTLET


@dataclass(frozen=True)
class EntityRef:
    """A pointer from another record to an Entity, with the name and country copied for readers."""

    name: str
    entity: str | None = None
    country: str | None = None
    sector: str | None = None
    mention: Span | None = None


@dataclass(frozen=True)
class Attribution:
    """A statement and whoever made it: ``speaker`` said ``content`` (cue: ``cue``)."""

    id: str
    kind: AttributionKind
    content: tuple[Span, ...]
    speaker: EntityRef | None = None
    cue: Span | None = None
    cue_lemma: str | None = None
    stance: Stance = "neutral"
    voice: str = OUTLET


@dataclass(frozen=True)
class TimeExpr:
    """A temporal expression normalised to TIMEX3."""

    id: str
    span: Span
    type: TimeType
    value: str  # TIMEX3 value: 2020-09-27, 1992-02, P30Y, 1992-02-25/1992-02-26, XXXX-09-27 ...
    mod: str | None = None  # APPROX, LESS_THAN, MORE_THAN, START, MID, END ...
    anchored: bool = False  # True when the value was computed from the publication date or another date
    voice: str = OUTLET


@dataclass(frozen=True)
class Figure:
    """A quantity: value or range, unit, what it counts and, for human tolls, the outcome."""

    id: str
    span: Span
    value: float | None = None
    value_range: tuple[float, float] | None = None
    approx: bool = False
    change: str | None = None  # "=", "~", ">", "<", ">=", "<=", "up", "down" (NewsQuant's hedges)
    unit: str | None = None  # "percent", "USD", "kilometre", ... None for plain counts
    concept: str | None = None  # what is counted: "Azerbaijanis", "settlements and villages"
    category: str | None = None  # killed, injured, hostage, missing, arrested, displaced
    part_of: str | None = None  # id of the Figure this one is a subset of
    voice: str = OUTLET


@dataclass(frozen=True)
class Place:
    """A toponym resolved to the gazetteer."""

    id: str
    span: Span
    name: str  # the gazetteer's name
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str | None = None  # country, region, city, other
    metonymic: bool = False  # a capital standing for its government ("New Delhi scrapped ...")
    entity: str | None = None
    voice: str = OUTLET


@dataclass(frozen=True)
class EventDate:
    value: str
    time: str | None = None  # id of the TimeExpr it came from


@dataclass(frozen=True)
class EventPlace:
    name: str
    place: str | None = None  # id of the Place


@dataclass(frozen=True)
class Event:
    """A political event in the PLOVER 2.0 ontology."""

    id: str
    event: str  # PLOVER type: ASSAULT, AGREE, REQUEST ...
    trigger: Span
    mode: str | None = None
    mentions: tuple[Span, ...] = ()  # further descriptions of the same happening
    actor: EntityRef | None = None
    recipient: EntityRef | None = None
    date: EventDate | None = None
    place: EventPlace | None = None
    size: dict[str, str] = field(default_factory=dict)  # measure ("dead") -> Figure id
    modality: Modality = "asserted"
    voice: str = OUTLET


@dataclass(frozen=True)
class SourcingGroup:
    """The voices of one side (a country, or ``None`` when the text gives none) in one article."""

    country: str | None
    voices: tuple[str, ...]  # speaker names
    statements: int


@dataclass(frozen=True)
class Ledger:
    """One article and every record extracted from it."""

    article: Article
    entities: tuple[Entity, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    figures: tuple[Figure, ...] = ()
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()
    sourcing: tuple[SourcingGroup, ...] = ()
    schema_version: int = SCHEMA_VERSION

    def entity(self, entity_id: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def attribution(self, attribution_id: str | None) -> Attribution | None:
        return next((a for a in self.attributions if a.id == attribution_id), None)

    def voice_name(self, voice: str, outlet: str = "the outlet") -> str:
        """Whose word a record with this ``voice`` is on (see :func:`voice_name`)."""
        return voice_name(voice, None if voice == OUTLET else self.attribution(voice), outlet)

    def timeline(self) -> list[Event]:
        """Dated events in time order (undated ones are left out)."""
        dated = [e for e in self.events if e.date and e.date.value[:1].isdigit()]
        return sorted(dated, key=lambda e: (e.date.value, e.trigger.start))

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(to_json_dict(self), ensure_ascii=False, **kwargs)

    @classmethod
    def from_json(cls, text: str) -> Ledger:
        return from_json_dict(cls, json.loads(text))


RECORD_KINDS: dict[str, type] = {
    "entities": Entity,
    "attributions": Attribution,
    "times": TimeExpr,
    "figures": Figure,
    "places": Place,
    "events": Event,
}
"""Ledger field name -> record type, in extraction order."""


def voice_name(voice: str, attribution: Attribution | None, outlet: str = "the outlet") -> str:
    """Whose word a record is on: ``outlet`` for the outlet's own; else the speaker of ``attribution``
    (the attribution ``voice`` names), "unattributed" when nobody is named for it, or the bare id
    when the attribution is unknown.

    >>> voice_name(OUTLET, None)
    'the outlet'
    >>> voice_name("att-9", None)
    'att-9'
    """
    if voice == OUTLET:
        return outlet
    if attribution is None:
        return voice
    return attribution.speaker.name if attribution.speaker is not None else "unattributed"


def normalise_text(text: str) -> str:
    """The text offsets point into: NFC, Unix newlines, no trailing blanks, no NULs or BOM."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\x00", "").lstrip("\ufeff")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def article_id(text: str) -> str:
    """Content address of an article: the same normalised text always gets the same id."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


# --- JSON in and out -------------------------------------------------------------------------

T = TypeVar("T")


def to_json_dict(value: Any) -> Any:
    """Turn a record (or anything holding records) into plain JSON types."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json_dict(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [to_json_dict(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json_dict(v) for k, v in value.items()}
    return value


def from_json_dict(cls: type[T], data: Any) -> T:
    """Build ``cls`` from the output of :func:`to_json_dict`, checking types as it goes."""
    return _convert(cls, data, cls.__name__)


def _convert(hint: Any, data: Any, where: str) -> Any:
    origin = get_origin(hint)
    if hint is Any:
        return data
    if origin in (typing.Union, types.UnionType):
        options = get_args(hint)
        if data is None and type(None) in options:
            return None
        errors = []
        for option in options:
            if option is type(None):
                continue
            try:
                return _convert(option, data, where)
            except (TypeError, ValueError) as exc:
                errors.append(str(exc))
        raise ValueError(f"{where}: {data!r} fits none of {hint}: {'; '.join(errors)}")
    if origin is Literal:
        if data not in get_args(hint):
            raise ValueError(f"{where}: {data!r} is not one of {get_args(hint)}")
        return data
    if origin is tuple:
        args = get_args(hint)
        if not isinstance(data, list | tuple):
            raise TypeError(f"{where}: expected a list, got {type(data).__name__}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], item, f"{where}[{i}]") for i, item in enumerate(data))
        if len(args) != len(data):
            raise ValueError(f"{where}: expected {len(args)} items, got {len(data)}")
        return tuple(_convert(a, item, f"{where}[{i}]") for i, (a, item) in enumerate(zip(args, data, strict=True)))
    if origin is dict:
        key_type, value_type = get_args(hint)
        if not isinstance(data, dict):
            raise TypeError(f"{where}: expected an object, got {type(data).__name__}")
        return {_convert(key_type, k, where): _convert(value_type, v, f"{where}.{k}") for k, v in data.items()}
    if dataclasses.is_dataclass(hint):
        if not isinstance(data, dict):
            raise TypeError(f"{where}: expected an object for {hint.__name__}, got {type(data).__name__}")
        hints = get_type_hints(hint)
        names = {f.name for f in dataclasses.fields(hint)}
        unknown = set(data) - names
        if unknown:
            raise ValueError(f"{where}: unknown fields {sorted(unknown)}")
        kwargs = {name: _convert(hints[name], data[name], f"{where}.{name}") for name in names if name in data}
        return hint(**kwargs)
    if hint is float:
        if isinstance(data, bool) or not isinstance(data, int | float):
            raise TypeError(f"{where}: expected a number, got {data!r}")
        return data
    if hint in (int, str, bool):
        if not isinstance(data, hint) or (hint is int and isinstance(data, bool)):
            raise TypeError(f"{where}: expected {hint.__name__}, got {data!r}")
        return data
    raise TypeError(f"{where}: unsupported type {hint!r}")


# --- how records read to a person (the terminal view and the web pages share it) ---------------


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
