"""Ledger events as PLOVER 2.0 records, with CAMEO codes for users of older event data.

The ledger keeps what the text says: the act (``Event.event``, e.g. RETREAT) and whether it happened
(``Event.modality``: "future" for "will withdraw"). PLOVER codes one category per reported act, so
:func:`coded_category` applies the manual's rules (``resources/plover_coding.json``): a promised act of
cooperation is AGREE, a promised retreat CONCEDE, a promised act of conflict THREATEN; negated,
hypothetical, demanded and threatened acts are not events of their own (the REQUEST or THREATEN event
that carries them is). :func:`plover_record` writes one event in the JSON record form of the manual's
"Data Fields" chapter (``id``, ``date``, ``actor``, ``recipient``, ``event``, ``mode``, ``context``,
``quad_code``, ``event_scale``, ``event_loc``, ``event_text``, ``size``, ``text_info``, ``cite_info``)
plus ``cameo``.

CAMEO codes: without a table, the 2-digit cue category of the manual's "CAMEO to PLOVER translation"
table (ASSAULT -> "18", ACCUSE/investigate -> "09"). With the OEDA conversion table
``CAMEO2PLOVER-2021.txt`` (lines ``042: CONSULT, visit, # Make a visit``), passed as ``cameo_table`` or
named by ``$NEWSLEDGER_CAMEO2PLOVER``, the most general CAMEO code listed for the event's type and mode
("CONSULT/visit" -> "042"), else the table's code for the type. The table is read where it lies; it is
not part of newsledger.

Example::

    >>> ledger = analyze("On May 2, 2020, Freedonian troops attacked the town of Ashford.")  # doctest: +SKIP
    >>> record = plover_records(ledger)[0]  # doctest: +SKIP
    >>> record["event"], record["date"], record["cameo"]  # doctest: +SKIP
    (['ASSAULT'], '2020-05-02', '18')
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsledger.knowledge.countries import alpha3
from newsledger.model import EntityRef, Event, Ledger
from newsledger.resources import load_json

CAMEO_TABLE_ENV = "NEWSLEDGER_CAMEO2PLOVER"
CODER = "newsledger"
CODEBOOK = "plover-2.0"
_CAMEO_LINE = re.compile(r"^\s*(\d{2,4})\s*:\s*([A-Z]+)\s*(?:,\s*([^,#]*))?")


@dataclass(frozen=True)
class Coding:
    """The PLOVER coding rules of ``resources/plover_coding.json``."""

    types: dict[str, dict[str, Any]]
    mode_scores: dict[str, float]
    mode_cameo: dict[str, str]
    future: dict[str, str]
    threat_modes: dict[str, str]
    not_coded: frozenset[str]
    auxiliary: frozenset[str]


@lru_cache(maxsize=1)
def coding() -> Coding:
    """The coding rules, read once."""
    data = load_json("plover_coding.json")
    return Coding(
        types=data["types"], mode_scores=data["mode_scores"], mode_cameo=data["mode_cameo"], future=data["future"],
        threat_modes=data["threat_modes"], not_coded=frozenset(data["not_coded"]),
        auxiliary=frozenset(data["auxiliary"]),
    )  # fmt: skip


def coded_category(event: Event) -> tuple[str, str | None] | None:
    """The PLOVER (category, mode) the manual codes ``event`` as, or None when it is not an event of its own.

    >>> from newsledger.model import Span
    >>> coded_category(Event("evt-1", "RETREAT", Span(0, 4, "will"), mode="withdraw", modality="future"))
    ('CONCEDE', None)
    >>> coded_category(Event("evt-1", "ASSAULT", Span(0, 4, "will"), modality="future"))
    ('THREATEN', 'violence')
    """
    rules = coding()
    if event.modality in rules.not_coded or event.event not in rules.types:
        return None
    if event.modality != "future" or event.event not in rules.future:
        return event.event, event.mode
    category = rules.future[event.event]
    if category == "THREATEN":
        return category, _threat_mode(event)
    return category, None


def _threat_mode(event: Event) -> str | None:
    """What a promised act of conflict threatens (manual, THREATEN modes): "violence", "restrict" ..."""
    modes = coding().threat_modes
    return modes.get(f"{event.event}/{event.mode}") or modes.get(event.event)


# --- CAMEO ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def read_cameo_table(path: str) -> dict[tuple[str, str], str]:
    """(PLOVER type, mode or "") -> the most general CAMEO code a CAMEO2PLOVER conversion table lists for it.

    Lines look like ``042: CONSULT, visit,   # Make a visit`` or ``04: CONSULT``; comments start with
    ``#``. A 2-digit line gives the type's own code (mode ""), kept when the type has one.
    """
    table: dict[tuple[str, str], str] = {}
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        match = _CAMEO_LINE.match(line)
        if not match:
            continue
        code, category, mode = match[1], match[2], (match[3] or "").strip()
        for key in {(category, mode), (category, "")} if len(code) == 2 else {(category, mode)}:
            if key not in table or len(code) < len(table[key]):
                table[key] = code
    return table


def cameo_code(event_type: str, mode: str | None = None, table: str | Path | None = None) -> str | None:
    """A CAMEO event code for a PLOVER type and mode (see the module docstring for where it comes from).

    >>> cameo_code("ASSAULT"), cameo_code("ACCUSE", "investigate"), cameo_code("NOTHING")
    ('18', '09', None)
    """
    path = table or os.environ.get(CAMEO_TABLE_ENV)
    if path and Path(path).is_file():
        found = read_cameo_table(str(path))
        code = found.get((event_type, mode or "")) or found.get((event_type, ""))
        if code:
            return code
    rules = coding()
    if mode and f"{event_type}/{mode}" in rules.mode_cameo:
        return rules.mode_cameo[f"{event_type}/{mode}"]
    return rules.types.get(event_type, {}).get("cameo")


# --- records -------------------------------------------------------------------------------------------


def _alpha3(code: str | None) -> str | None:
    """ISO 3166 alpha-3 for an alpha-2 code (PLOVER's country codes); None when unknown."""
    return alpha3(code) if code else None


def _entity(ref: EntityRef | None) -> list[dict[str, Any]]:
    if ref is None:
        return []
    block = {"code": _alpha3(ref.country), "sector": ref.sector,
             "entity_text": ref.mention.text if ref.mention else ref.name, "identifier_text": ref.name}  # fmt: skip
    return [{k: v for k, v in block.items() if v is not None}]


def _dates(value: str | None) -> dict[str, str]:
    """``date`` (and ``enddate`` for a range) from a TIMEX3 value; reduced ISO 8601 ("1991") is kept as is."""
    if not value or not value[:1].isdigit():
        return {}
    start, _, end = value.partition("/")
    return {"date": start, **({"enddate": end} if end else {})}


def plover_record(event: Event, ledger: Ledger, cameo_table: str | Path | None = None) -> dict[str, Any] | None:
    """One event in PLOVER's JSON record form, or None when the manual would not code it."""
    coded = coded_category(event)
    if coded is None:
        return None
    category, mode = coded
    rules = coding()
    figures = {f.id: f for f in ledger.figures}
    places = {p.id: p for p in ledger.places}
    place = places.get(event.place.place) if event.place and event.place.place else None
    record: dict[str, Any] = {
        "id": f"{ledger.article.id}-{event.id}",
        **_dates(event.date.value if event.date else None),
        "actor": _entity(event.actor),
        "recipient": _entity(event.recipient),
        "event": [category],
        "mode": [mode] if mode else [],
        "context": [event.modality] if event.modality in rules.auxiliary else [],
        "quad_code": rules.types[category]["quad"],
        "event_scale": rules.mode_scores.get(f"{category}/{mode}", rules.types[category]["score"]),
        "event_text": [event.trigger.text, *(m.text for m in event.mentions)],
        "text_info": {"start": event.trigger.start, "end": event.trigger.end},
        "cameo": cameo_code(category, mode, cameo_table),
        "coder": CODER,
        "cite_info": {k: v for k, v in {"title": ledger.article.title, "url": ledger.article.url,
                                        "publication": ledger.article.source, "codebook": CODEBOOK}.items() if v},
    }  # fmt: skip
    if event.place:
        record["event_loc"] = {k: v for k, v in {
            "extracted_place": event.place.name, "resolved_place": place.name if place else None,
            "geonameid": place.geonameid if place else None, "lat": place.lat if place else None,
            "lon": place.lon if place else None, "country_code": _alpha3(place.country) if place else None,
        }.items() if v is not None}  # fmt: skip
    size = {key: figures[fid].value for key, fid in event.size.items() if fid in figures and figures[fid].value}
    if size:
        record["size"] = {key: int(value) if float(value).is_integer() else value for key, value in size.items()}
    return record


def plover_records(ledger: Ledger, cameo_table: str | Path | None = None) -> list[dict[str, Any]]:
    """Every codable event of the ledger as a PLOVER JSON record, in text order."""
    records = (plover_record(event, ledger, cameo_table) for event in ledger.events)
    return [record for record in records if record is not None]
