"""Check one analysed article against a hand-made expectations file.

The file format is that of ``shared/acceptance/*.expected.json``: per section a ``must`` list
(the acceptance bar), a ``should`` list (what a very good system also gets) and sometimes a
``must_not`` list. Its own "about" text fixes the matching rules, implemented here:

* text matches are case-insensitive; a record matches an expected ``text`` when its span
  overlaps an occurrence of that text in the article (inside an occurrence of ``where``
  when that is given);
* a speaker matches when the resolved speaker name contains the expected name;
* coordinates match within 50 km unless ``within_km`` says otherwise;
* ``sourcing.must`` and ``timeline.must_order`` count as one must item each; a violated
  ``must_not`` item counts as a failed must item.

Example::

    report = check(ledger, json.load(open("000.expected.json")))
    report.sections["entities"].must_passed
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from newsledger.gazetteer import haversine_km
from newsledger.model import OUTLET, EntityRef, Ledger, Span

SECTIONS = ("attributions", "sourcing", "times", "figures", "places", "entities", "events", "timeline")
DEFAULT_WITHIN_KM = 50.0


@dataclass
class SectionResult:
    must_passed: int = 0
    must_total: int = 0
    should_passed: int = 0
    should_total: int = 0
    failures: list[str] = field(default_factory=list)

    def as_counts(self) -> dict[str, int]:
        return {
            "must_passed": self.must_passed,
            "must_total": self.must_total,
            "should_passed": self.should_passed,
            "should_total": self.should_total,
        }


@dataclass
class Report:
    sections: dict[str, SectionResult]

    def as_counts(self) -> dict[str, dict[str, int]]:
        return {name: result.as_counts() for name, result in self.sections.items()}

    @property
    def must_failed(self) -> int:
        return sum(r.must_total - r.must_passed for r in self.sections.values())


# --- small matching helpers ------------------------------------------------------------------


def _fold(text: str | None) -> str:
    """Case- and quote-insensitive form for substring tests (’ and ' are the same letter here)."""
    return (text or "").casefold().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def _occurrences(article_text: str, needle: str, where: str | None = None) -> list[tuple[int, int]]:
    """Char ranges of ``needle`` in the article, restricted to inside occurrences of ``where``."""
    haystack = _fold(article_text)
    found = [(m.start(), m.end()) for m in re.finditer(re.escape(_fold(needle)), haystack)]
    if where:
        windows = _occurrences(article_text, where)
        found = [(s, e) for s, e in found if any(ws <= s and e <= we for ws, we in windows)]
    return found


def _overlaps(span: Span | None, ranges: Iterable[tuple[int, int]]) -> bool:
    return span is not None and any(span.start < end and start < span.end for start, end in ranges)


def _name_matches(system_name: str | None, expected: str) -> bool:
    """Names match when one contains the other, ignoring case and a leading 'the'."""
    a = re.sub(r"^the\s+", "", _fold(system_name).strip())
    b = re.sub(r"^the\s+", "", _fold(expected).strip())
    return bool(a) and bool(b) and (b in a or a in b)


def _country_code(name: str) -> str | None:
    from newsledger.countries import country_code

    return country_code(name)


def _ref_matches(ref: EntityRef | None, expected: str) -> bool:
    """An actor/recipient matches a country or group by name, or by the country it belongs to."""
    if ref is None:
        return False
    if _name_matches(ref.name, expected):
        return True
    code = _country_code(expected)
    return code is not None and ref.country == code


def _is_party(event, expected: str) -> bool:
    return _ref_matches(event.actor, expected) or _ref_matches(event.recipient, expected)


def _speaker_of_voice(ledger: Ledger, voice: str) -> str | None:
    attribution = ledger.attribution(voice) if voice != OUTLET else None
    return attribution.speaker.name if attribution and attribution.speaker else None


# --- one predicate per section ---------------------------------------------------------------
# Each takes (ledger, expected item) and returns the reason it fails, or None when it passes.


def _attribution_fails(ledger: Ledger, item: dict[str, Any]) -> str | None:
    needle = _fold(item.get("content_contains"))
    candidates = [a for a in ledger.attributions if any(needle in _fold(c.text) for c in a.content)]
    if not candidates:
        return "no attribution holds that content"
    checks: list[tuple[str, Callable[[Any], bool]]] = []
    if "kind" in item:
        checks.append(("kind", lambda a: a.kind == item["kind"]))
    if "cue" in item:
        checks.append(("cue", lambda a: a.cue is not None and _fold(item["cue"]) in _fold(a.cue.text)))
    if "speaker" in item:
        checks.append(("speaker", lambda a: a.speaker is not None and _fold(item["speaker"]) in _fold(a.speaker.name)))
    if "stance" in item:
        checks.append(("stance", lambda a: a.stance == item["stance"]))
    return _best_failure(candidates, checks, describe=_describe_attribution)


def _describe_attribution(a) -> str:
    speaker = a.speaker.name if a.speaker else None
    cue = a.cue.text if a.cue else None
    return f"{a.id} kind={a.kind} cue={cue!r} speaker={speaker!r} stance={a.stance}"


def _attribution_must_not_violated(ledger: Ledger, item: dict[str, Any]) -> str | None:
    needle = _fold(item.get("content_contains"))
    bad = [a for a in ledger.attributions if a.speaker and any(needle in _fold(c.text) for c in a.content)]
    return f"attributed to a speaker: {_describe_attribution(bad[0])}" if bad else None


def _sourcing_fails(ledger: Ledger, item: dict[str, Any]) -> str | None:
    heard = {group.country for group in ledger.sourcing}
    missing = [name for name in item.get("voices_from", []) if _country_code(name) not in heard]
    present = [name for name in item.get("no_voice_from", []) if _country_code(name) in heard]
    problems = []
    if missing:
        problems.append(f"no voice from {missing}")
    if present:
        problems.append(f"voices from {present}, expected none")
    return "; ".join(problems) + f" (heard: {sorted(str(c) for c in heard)})" if problems else None


def _time_fails(ledger: Ledger, item: dict[str, Any]) -> str | None:
    occurrences = _occurrences(ledger.article.text, item["text"], item.get("where"))
    candidates = [t for t in ledger.times if _overlaps(t.span, occurrences)]
    if not candidates:
        return "no time expression there"
    expected_value = item.get("value")
    if expected_value and "/" in expected_value:
        # A range; two separate expressions with its two ends are accepted too.
        ends = set(expected_value.split("/"))
        if ends <= {t.value for t in candidates}:
            return None
    checks: list[tuple[str, Callable[[Any], bool]]] = []
    if expected_value:
        checks.append(("value", lambda t: t.value == expected_value))
    if "type" in item:
        checks.append(("type", lambda t: t.type == item["type"]))
    if "mod" in item:
        checks.append(("mod", lambda t: t.mod == item["mod"]))
    return _best_failure(candidates, checks, describe=lambda t: f"{t.id} {t.span.text!r} {t.type} {t.value} {t.mod}")


def _figure_fails(ledger: Ledger, item: dict[str, Any]) -> str | None:
    candidates = list(ledger.figures)
    if "text" in item:
        occurrences = _occurrences(ledger.article.text, item["text"])
        candidates = [f for f in candidates if _overlaps(f.span, occurrences)]
    checks: list[tuple[str, Callable[[Any], bool]]] = []
    if "value" in item:
        checks.append(("value", lambda f: f.value is not None and math.isclose(f.value, item["value"])))
    if "value_range" in item:
        low, high = item["value_range"]
        checks.append(("value_range", lambda f: _within_range(f, low, high)))
    if "concept_contains" in item:
        checks.append(("concept", lambda f: _fold(item["concept_contains"]) in _fold(f.concept)))
    if "category" in item:
        checks.append(("category", lambda f: f.category == item["category"]))
    if "unit" in item:
        checks.append(("unit", lambda f: _fold(f.unit) == _fold(item["unit"])))
    if "approx" in item:
        checks.append(("approx", lambda f: f.approx == item["approx"]))
    if "attributed_to" in item:
        checks.append(
            ("attributed_to", lambda f: _fold(item["attributed_to"]) in _fold(_speaker_of_voice(ledger, f.voice)))
        )
    # The first check (value, or the text) selects the candidates; the rest say what differs.
    if checks and "text" not in item:
        first_name, first = checks[0]
        candidates = [f for f in candidates if first(f)]
        if not candidates:
            return f"no figure with that {first_name}"
    if not candidates:
        return "no figure there"
    return _best_failure(candidates, checks, describe=_describe_figure)


def _within_range(figure, low: float, high: float) -> bool:
    if figure.value_range is not None:
        return low <= figure.value_range[0] and figure.value_range[1] <= high
    return figure.value is not None and low <= figure.value <= high


def _describe_figure(f) -> str:
    value = f.value_range if f.value_range else f.value
    return (
        f"{f.id} {f.span.text!r} value={value} unit={f.unit} approx={f.approx} concept={f.concept!r} "
        f"category={f.category} voice={f.voice}"
    )


def _place_fails(ledger: Ledger, item: dict[str, Any]) -> str | None:
    occurrences = _occurrences(ledger.article.text, item["text"])
    candidates = [p for p in ledger.places if _overlaps(p.span, occurrences)]
    if not candidates:
        return "no place there"
    within = float(item.get("within_km", DEFAULT_WITHIN_KM))
    checks: list[tuple[str, Callable[[Any], bool]]] = []
    if "country" in item:
        checks.append(("country", lambda p: p.country == item["country"]))
    if "lat" in item:
        checks.append(
            (
                "coordinates",
                lambda p: p.lat is not None
                and p.lon is not None
                and haversine_km(p.lat, p.lon, item["lat"], item["lon"]) <= within,
            )
        )
    if "metonymic" in item:
        checks.append(("metonymic", lambda p: p.metonymic == item["metonymic"]))
    return _best_failure(
        candidates,
        checks,
        describe=lambda p: f"{p.id} {p.span.text!r} {p.name} {p.country} ({p.lat}, {p.lon}) metonymic={p.metonymic}",
    )


def _entity_fails(ledger: Ledger, item: dict[str, Any]) -> str | None:
    candidates = [e for e in ledger.entities if _name_matches(e.name, item["name"])]
    if not candidates:
        return "no entity of that name"
    checks: list[tuple[str, Callable[[Any], bool]]] = []
    if "type" in item:
        checks.append(("type", lambda e: e.type == item["type"]))
    for mention in item.get("mentions_include", []):
        occurrences = _occurrences(ledger.article.text, mention)
        checks.append(
            (f"mention {mention!r}", lambda e, occ=occurrences: any(_overlaps(m, occ) for m in e.mentions))
        )
    return _best_failure(
        candidates,
        checks,
        describe=lambda e: f"{e.id} {e.name!r} {e.type} mentions={[m.text for m in e.mentions]}",
    )


def _event_fails(ledger: Ledger, item: dict[str, Any]) -> str | None:
    figures = {f.id: f for f in ledger.figures}
    candidates = [e for e in ledger.events if e.event == item["event"]]
    if not candidates:
        return f"no {item['event']} event"
    checks: list[tuple[str, Callable[[Any], bool]]] = []
    if "trigger_contains" in item:
        occurrences = _occurrences(ledger.article.text, item["trigger_contains"])
        checks.append(("trigger", lambda e: any(_overlaps(s, occurrences) for s in (e.trigger, *e.mentions))))
    if "actor" in item:
        actors = item["actor"] if isinstance(item["actor"], list) else [item["actor"]]
        if len(actors) == 1:
            checks.append(("actor", lambda e: _ref_matches(e.actor, actors[0])))
        else:  # joint actors: each must be a party to the event
            checks.append(("actors", lambda e: all(_is_party(e, a) for a in actors)))
    if "recipient" in item:
        checks.append(("recipient", lambda e: _ref_matches(e.recipient, item["recipient"])))
    if "place" in item:
        checks.append(("place", lambda e: e.place is not None and _name_matches(e.place.name, item["place"])))
    if "date" in item:
        checks.append(("date", lambda e: e.date is not None and e.date.value == item["date"]))
    for measure in ("dead", "injured", "missing", "hostage", "arrested", "displaced"):
        if measure in item:
            checks.append(
                (
                    measure,
                    lambda e, m=measure: m in e.size
                    and figures.get(e.size[m]) is not None
                    and figures[e.size[m]].value == item[m],
                )
            )
    return _best_failure(candidates, checks, describe=_describe_event)


def _describe_event(e) -> str:
    actor = e.actor.name if e.actor else None
    recipient = e.recipient.name if e.recipient else None
    date = e.date.value if e.date else None
    place = e.place.name if e.place else None
    return f"{e.id} {e.event} {e.trigger.text!r} actor={actor!r} recipient={recipient!r} date={date} place={place!r}"


def _timeline_fails(ledger: Ledger, order: list[str]) -> str | None:
    dates = [e.date.value for e in ledger.timeline()]
    positions = []
    for wanted in order:
        index = next((i for i, value in enumerate(dates) if value.startswith(wanted)), None)
        if index is None:
            return f"no dated event at {wanted} (timeline: {dates})"
        positions.append(index)
    return None if positions == sorted(positions) else f"out of order: {dates}"


def _best_failure(candidates: list, checks: list, describe: Callable[[Any], str]) -> str | None:
    """None when some candidate passes every check; else the nearest miss and what it lacks."""
    best, best_failed = None, None
    for candidate in candidates:
        failed = [name for name, check in checks if not check(candidate)]
        if not failed:
            return None
        if best_failed is None or len(failed) < len(best_failed):
            best, best_failed = candidate, failed
    return f"nearest {describe(best)} fails {', '.join(best_failed)}"


ITEM_CHECKS: dict[str, Callable[[Ledger, dict[str, Any]], str | None]] = {
    "attributions": _attribution_fails,
    "times": _time_fails,
    "figures": _figure_fails,
    "places": _place_fails,
    "entities": _entity_fails,
    "events": _event_fails,
}
MUST_NOT_CHECKS: dict[str, Callable[[Ledger, dict[str, Any]], str | None]] = {
    "attributions": _attribution_must_not_violated,
}


def _label(item: dict[str, Any]) -> str:
    keys = ("content_contains", "text", "name", "event", "value")
    return next((f"{k}={item[k]!r}" for k in keys if k in item), repr(item))


def check(ledger: Ledger, expected: dict[str, Any]) -> Report:
    """Score a ledger against an expectations dict; every failing item is listed with its reason."""
    sections: dict[str, SectionResult] = {}
    for name in SECTIONS:
        spec = expected.get(name)
        if spec is None:
            continue
        result = SectionResult()
        if name == "sourcing":
            _tally(result, "must", "sourcing", _sourcing_fails(ledger, spec["must"]))
        elif name == "timeline":
            _tally(result, "must", "timeline order", _timeline_fails(ledger, spec["must_order"]))
        else:
            predicate = ITEM_CHECKS[name]
            for level in ("must", "should"):
                for item in spec.get(level, []):
                    _tally(result, level, _label(item), predicate(ledger, item))
            for item in spec.get("must_not", []):
                _tally(result, "must", f"must_not {_label(item)}", MUST_NOT_CHECKS[name](ledger, item))
        sections[name] = result
    return Report(sections)


def _tally(result: SectionResult, level: str, label: str, failure: str | None) -> None:
    if level == "must":
        result.must_total += 1
        result.must_passed += failure is None
    else:
        result.should_total += 1
        result.should_passed += failure is None
    if failure is not None:
        result.failures.append(f"[{level}] {label}: {failure}")
