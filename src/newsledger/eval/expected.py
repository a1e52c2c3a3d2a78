"""Check one analysed article against a hand-made expectations file.

The file format is that of ``shared/acceptance/*.expected.json`` (described in full in
``docs/expectations.md``): per section a ``must`` list (the acceptance bar), a ``should`` list (what a
very good system also gets) and a ``must_not`` list (records that must not be there). Its own
"about" text fixes the matching rules, implemented here:

* text matches are case-insensitive; a record matches an expected ``text`` when its span
  overlaps an occurrence of that text in the article (inside an occurrence of ``where``
  when that is given);
* a speaker matches when the resolved speaker name contains the expected name;
* coordinates match within 50 km unless ``within_km`` says otherwise;
* ``sourcing.must`` and ``timeline.must_order`` count as one must item each; a violated
  ``must_not`` item counts as a failed must item.

Every record of a section also gets a verdict (right, wrong, gap or unjudged), from which the
section's precision is computed; see :class:`SectionResult`.

Example::

    report = check(ledger, json.load(open("000.expected.json")))
    report.sections["entities"].must_passed
    report.sections["figures"].precision
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsledger.knowledge.geometry import haversine_km
from newsledger.model import OUTLET, EntityRef, Ledger, Span, overlaps

SECTIONS = ("attributions", "sourcing", "times", "figures", "places", "entities", "events", "timeline")
RECORD_SECTIONS = ("attributions", "times", "figures", "places", "entities", "events")
DEFAULT_WITHIN_KM = 50.0
VERDICTS = ("right", "wrong", "gap", "unjudged")


@dataclass
class SectionResult:
    """Items passed per level and, for the sections that hold records, a verdict per record.

    A record is *right* when it passes every check of some must or should item; *wrong* when it
    violates a must_not item or sits where an item expects a record and gives a value the item
    rules out; a *gap* when it sits there and only lacks a value (no speaker, no actor); and
    *unjudged* when no item speaks of it. Gaps are honest and count neither way.
    """

    must_passed: int = 0
    must_total: int = 0  # must items plus must_not items: a violated must_not is a failed must
    should_passed: int = 0
    should_total: int = 0
    must_not_violated: int = 0
    must_not_total: int = 0
    failures: list[str] = field(default_factory=list)
    verdicts: dict[str, str] = field(default_factory=dict)  # record id -> one of VERDICTS
    wrong: list[str] = field(default_factory=list)  # each wrong record, described, with why
    wrong_kinds: Counter[str] = field(default_factory=Counter)  # "must_not", "wrong speaker", ...

    def count(self, verdict: str) -> int:
        return sum(1 for v in self.verdicts.values() if v == verdict)

    @property
    def items_found(self) -> int:
        return self.must_passed - (self.must_not_total - self.must_not_violated) + self.should_passed

    @property
    def items_total(self) -> int:
        return self.must_total - self.must_not_total + self.should_total

    @property
    def precision(self) -> float | None:
        """right / (right + wrong + unjudged): records a user can trust, of those shown as claims."""
        judged = self.count("right") + self.count("wrong") + self.count("unjudged")
        return self.count("right") / judged if judged else None

    @property
    def recall(self) -> float | None:
        """must and should items found / items (must_not items are not items to find)."""
        return self.items_found / self.items_total if self.items_total else None

    def as_counts(self) -> dict[str, Any]:
        counts: dict[str, Any] = {
            "must_passed": self.must_passed,
            "must_total": self.must_total,
            "should_passed": self.should_passed,
            "should_total": self.should_total,
            "must_not_violated": self.must_not_violated,
            "must_not_total": self.must_not_total,
        }
        if self.verdicts:
            counts["records"] = {verdict: self.count(verdict) for verdict in VERDICTS}
            counts["wrong_kinds"] = dict(self.wrong_kinds.most_common())
        return counts


@dataclass
class Report:
    sections: dict[str, SectionResult]

    def as_counts(self) -> dict[str, dict[str, Any]]:
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
    return span is not None and overlaps(span.start, span.end, ranges)


def _bare_name(name: str | None) -> str:
    return re.sub(r"^the\s+", "", _fold(name).strip())


def _name_matches(system_name: str | None, expected: str) -> bool:
    """Names match when one contains the other, ignoring case and a leading 'the'."""
    a, b = _bare_name(system_name), _bare_name(expected)
    return bool(a) and bool(b) and (b in a or a in b)


def _same_name(system_name: str | None, expected: str) -> bool:
    """Exactly that name, ignoring case and a leading 'the' ('That' is not 'Thatcher')."""
    return bool(_bare_name(expected)) and _bare_name(system_name) == _bare_name(expected)


def _country_code(name: str) -> str | None:
    from newsledger.knowledge.countries import country_code

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


def _contains(record_text: str | None, needle: str) -> bool:
    return _fold(needle) in _fold(record_text)


# --- what an item expects: where (the candidates) and what (the checks) ------------------------


@dataclass(frozen=True)
class Check:
    """One thing an item asks of a record. ``present`` is False when the record lacks the value
    altogether (no speaker, no actor): failing only such checks is a gap, not an error."""

    name: str
    passes: Callable[[Any], bool]
    present: Callable[[Any], bool] = lambda record: True


@dataclass
class Expectation:
    candidates: list  # the records where the item expects one
    checks: list[Check]
    none_found: str  # why the item fails when there is no candidate
    # Whether a candidate that fails a check is surely wrong: True where the item pins the record
    # down (its text, its content, its trigger); a looser match (a figure found by value alone, an
    # entity whose name only contains the expected one) may be another record altogether.
    pinned: Callable[[Any], bool] = lambda record: True


def _attribution_expectation(ledger: Ledger, item: dict[str, Any]) -> Expectation:
    needle = item.get("content_contains", "")
    candidates = [a for a in ledger.attributions if any(_contains(c.text, needle) for c in a.content)]
    checks: list[Check] = []
    if "kind" in item:
        checks.append(Check("kind", lambda a: a.kind == item["kind"]))
    if "cue" in item:
        checks.append(Check("cue", lambda a: a.cue is not None and _contains(a.cue.text, item["cue"]),
                            lambda a: a.cue is not None))
    if "speaker" in item:
        checks.append(Check("speaker", lambda a: a.speaker is not None and _contains(a.speaker.name, item["speaker"]),
                            lambda a: a.speaker is not None))
    if "stance" in item:
        checks.append(Check("stance", lambda a: a.stance == item["stance"]))
    return Expectation(candidates, checks, "no attribution holds that content")


def _time_expectation(ledger: Ledger, item: dict[str, Any]) -> Expectation:
    occurrences = _occurrences(ledger.article.text, item["text"], item.get("where"))
    candidates = [t for t in ledger.times if _overlaps(t.span, occurrences)]
    expected_value = item.get("value")
    checks: list[Check] = []
    if expected_value:
        ends = set(expected_value.split("/")) if "/" in expected_value else set()
        # A range; two separate expressions with its two ends are accepted too.
        both_ends = bool(ends) and ends <= {t.value for t in candidates}
        checks.append(Check("value", lambda t: t.value == expected_value or (both_ends and t.value in ends)))
    if "type" in item:
        checks.append(Check("type", lambda t: t.type == item["type"]))
    if "mod" in item:
        checks.append(Check("mod", lambda t: t.mod == item["mod"]))
    return Expectation(candidates, checks, "no time expression there")


def _figure_expectation(ledger: Ledger, item: dict[str, Any]) -> Expectation:
    checks: list[Check] = []
    if "value" in item:
        checks.append(Check("value", lambda f: f.value is not None and math.isclose(f.value, item["value"]),
                            lambda f: f.value is not None or f.value_range is not None))
    if "value_range" in item:
        low, high = item["value_range"]
        checks.append(Check("value_range", lambda f: _within_range(f, low, high)))
    if "concept_contains" in item:
        checks.append(Check("concept", lambda f: _contains(f.concept, item["concept_contains"]),
                            lambda f: bool(f.concept)))
    if "category" in item:
        checks.append(Check("category", lambda f: f.category == item["category"], lambda f: f.category is not None))
    if "unit" in item:
        checks.append(Check("unit", lambda f: _fold(f.unit) == _fold(item["unit"])))
    if "approx" in item:
        checks.append(Check("approx", lambda f: f.approx == item["approx"]))
    if "attributed_to" in item:
        checks.append(Check("attributed_to",
                            lambda f: _contains(_speaker_of_voice(ledger, f.voice), item["attributed_to"]),
                            lambda f: f.voice == OUTLET or _speaker_of_voice(ledger, f.voice) is not None))
    if "text" in item:
        occurrences = _occurrences(ledger.article.text, item["text"], item.get("where"))
        candidates = [f for f in ledger.figures if _overlaps(f.span, occurrences)]
        return Expectation(candidates, checks, "no figure there")
    if not checks:
        return Expectation([], [], "the item names neither a text nor a value")
    # Without a text, the first check (the value) selects the candidates; the rest say what differs.
    first = checks[0]
    candidates = [f for f in ledger.figures if first.passes(f)]
    return Expectation(candidates, checks, f"no figure with that {first.name}", pinned=lambda f: False)


def _within_range(figure, low: float, high: float) -> bool:
    if figure.value_range is not None:
        return low <= figure.value_range[0] and figure.value_range[1] <= high
    return figure.value is not None and low <= figure.value <= high


def _place_expectation(ledger: Ledger, item: dict[str, Any]) -> Expectation:
    occurrences = _occurrences(ledger.article.text, item["text"], item.get("where"))
    candidates = [p for p in ledger.places if _overlaps(p.span, occurrences)]
    within = float(item.get("within_km", DEFAULT_WITHIN_KM))
    checks: list[Check] = []
    if "country" in item:
        checks.append(Check("country", lambda p: p.country == item["country"]))
    if "lat" in item:
        checks.append(Check(
            "coordinates",
            lambda p: p.lat is not None and p.lon is not None
            and haversine_km(p.lat, p.lon, item["lat"], item["lon"]) <= within,
            lambda p: p.lat is not None,
        ))
    if "metonymic" in item:
        checks.append(Check("metonymic", lambda p: p.metonymic == item["metonymic"]))
    return Expectation(candidates, checks, "no place there")


def _entity_expectation(ledger: Ledger, item: dict[str, Any]) -> Expectation:
    candidates = [e for e in ledger.entities if _name_matches(e.name, item["name"])]
    checks: list[Check] = []
    if "type" in item:
        checks.append(Check("type", lambda e: e.type == item["type"]))
    for mention in item.get("mentions_include", []):
        occurrences = _occurrences(ledger.article.text, mention)
        # A mention not linked to the entity is a gap in coreference, not an error.
        checks.append(Check(f"mention {mention!r}",
                            lambda e, occ=occurrences: any(_overlaps(m, occ) for m in e.mentions),
                            lambda e: False))
    return Expectation(candidates, checks, "no entity of that name",
                       pinned=lambda e: _same_name(e.name, item["name"]))


def _event_expectation(ledger: Ledger, item: dict[str, Any]) -> Expectation:
    figures = {f.id: f for f in ledger.figures}
    candidates = [e for e in ledger.events if e.event == item["event"]]
    none_found = f"no {item['event']} event"
    if "trigger_contains" in item:
        occurrences = _occurrences(ledger.article.text, item["trigger_contains"], item.get("where"))
        candidates = [e for e in candidates if any(_overlaps(s, occurrences) for s in (e.trigger, *e.mentions))]
        none_found += " there"
    checks: list[Check] = []
    if "actor" in item:
        actors = item["actor"] if isinstance(item["actor"], list) else [item["actor"]]
        if len(actors) == 1:
            checks.append(Check("actor", lambda e: _ref_matches(e.actor, actors[0]), lambda e: e.actor is not None))
        else:  # joint actors: each must be a party to the event
            checks.append(Check("actors", lambda e: all(_is_party(e, a) for a in actors),
                                lambda e: e.actor is not None))
    if "recipient" in item:
        checks.append(Check("recipient", lambda e: _ref_matches(e.recipient, item["recipient"]),
                            lambda e: e.recipient is not None))
    if "place" in item:
        checks.append(Check("place", lambda e: e.place is not None and _name_matches(e.place.name, item["place"]),
                            lambda e: e.place is not None))
    if "date" in item:
        checks.append(Check("date", lambda e: e.date is not None and e.date.value == item["date"],
                            lambda e: e.date is not None))
    if "modality" in item:
        checks.append(Check("modality", lambda e: e.modality == item["modality"]))
    for measure in ("dead", "injured", "missing", "hostage", "arrested", "displaced"):
        if measure in item:
            checks.append(Check(
                measure,
                lambda e, m=measure: m in e.size and figures.get(e.size[m]) is not None
                and figures[e.size[m]].value == item[m],
                lambda e, m=measure: m in e.size,
            ))
    return Expectation(candidates, checks, none_found)


EXPECTATIONS: dict[str, Callable[[Ledger, dict[str, Any]], Expectation]] = {
    "attributions": _attribution_expectation,
    "times": _time_expectation,
    "figures": _figure_expectation,
    "places": _place_expectation,
    "entities": _entity_expectation,
    "events": _event_expectation,
}


# --- must_not: the records an item rules out ----------------------------------------------------
# Each returns the records that violate the item (none: the item holds).


def _attributions_ruled_out(ledger: Ledger, item: dict[str, Any]) -> list:
    found = list(ledger.attributions)
    if "content_contains" in item:
        found = [a for a in found if any(_contains(c.text, item["content_contains"]) for c in a.content)]
    if "speaker_not" in item:
        return [a for a in found if a.speaker is not None and _same_name(a.speaker.name, item["speaker_not"])]
    # Content that is no one's statement: an unresolved speaker is an honest gap, not a claim.
    return [a for a in found if a.speaker is not None]


def _events_ruled_out(ledger: Ledger, item: dict[str, Any]) -> list:
    occurrences = _occurrences(ledger.article.text, item["trigger_contains"], item.get("where"))
    allowed = set(item.get("unless_modality", ()))
    return [
        e for e in ledger.events
        if e.event == item.get("event", e.event)
        and any(_overlaps(s, occurrences) for s in (e.trigger, *e.mentions))
        and e.modality not in allowed
    ]


def _figures_ruled_out(ledger: Ledger, item: dict[str, Any]) -> list:
    occurrences = _occurrences(ledger.article.text, item["text"], item.get("where"))
    return [f for f in ledger.figures
            if _overlaps(f.span, occurrences) and f.category == item.get("category", f.category)]


def _places_ruled_out(ledger: Ledger, item: dict[str, Any]) -> list:
    occurrences = _occurrences(ledger.article.text, item["text"], item.get("where"))
    return [p for p in ledger.places
            if _overlaps(p.span, occurrences) and p.country == item.get("country", p.country)]


def _times_ruled_out(ledger: Ledger, item: dict[str, Any]) -> list:
    occurrences = _occurrences(ledger.article.text, item["text"], item.get("where"))
    return [t for t in ledger.times if _overlaps(t.span, occurrences)]


def _entities_ruled_out(ledger: Ledger, item: dict[str, Any]) -> list:
    return [e for e in ledger.entities
            if _same_name(e.name, item["name"]) and e.type == item.get("type", e.type)]


RULED_OUT: dict[str, Callable[[Ledger, dict[str, Any]], list]] = {
    "attributions": _attributions_ruled_out,
    "events": _events_ruled_out,
    "figures": _figures_ruled_out,
    "places": _places_ruled_out,
    "times": _times_ruled_out,
    "entities": _entities_ruled_out,
}
ITEM_KEYS: dict[str, tuple[str, ...]] = {
    "attributions": ("content_contains",), "times": ("text",), "places": ("text",),
    "entities": ("name",), "events": ("event",), "figures": (),  # a figure: a text or a value
}  # fmt: skip
"""What a must or should item of each section must name (the rest are checks)."""
MUST_NOT_KEYS: dict[str, tuple[str, ...]] = {
    "attributions": ("content_contains", "speaker_not"),  # at least one of them
    "events": ("trigger_contains",),
    "figures": ("text",),
    "places": ("text",),
    "times": ("text",),
    "entities": ("name",),
}


# --- describing records ---------------------------------------------------------------------------


def _describe_attribution(a) -> str:
    speaker = a.speaker.name if a.speaker else None
    cue = a.cue.text if a.cue else None
    content = " / ".join(c.text for c in a.content)
    return f"{a.id} kind={a.kind} cue={cue!r} speaker={speaker!r} stance={a.stance} content={_short(content)!r}"


def _describe_figure(f) -> str:
    value = f.value_range if f.value_range else f.value
    return (
        f"{f.id} {f.span.text!r} value={value} unit={f.unit} approx={f.approx} concept={f.concept!r} "
        f"category={f.category} voice={f.voice}"
    )


def _describe_event(e) -> str:
    actor = e.actor.name if e.actor else None
    recipient = e.recipient.name if e.recipient else None
    date = e.date.value if e.date else None
    place = e.place.name if e.place else None
    return (f"{e.id} {e.event} {e.trigger.text!r} actor={actor!r} recipient={recipient!r} date={date} "
            f"place={place!r} modality={e.modality}")


DESCRIBE: dict[str, Callable[[Any], str]] = {
    "attributions": _describe_attribution,
    "times": lambda t: f"{t.id} {t.span.text!r} {t.type} {t.value} {t.mod}",
    "figures": _describe_figure,
    "places": lambda p: f"{p.id} {p.span.text!r} {p.name} {p.country} ({p.lat}, {p.lon}) metonymic={p.metonymic}",
    "entities": lambda e: f"{e.id} {e.name!r} {e.type} mentions={[m.text for m in e.mentions][:6]}",
    "events": _describe_event,
}


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _records(ledger: Ledger, section: str) -> Sequence:
    return getattr(ledger, section)


# --- sourcing and timeline: one must item each ------------------------------------------------------


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


def _timeline_fails(ledger: Ledger, order: list[str]) -> str | None:
    dates = [e.date.value for e in ledger.timeline()]
    positions = []
    for wanted in order:
        index = next((i for i, value in enumerate(dates) if value.startswith(wanted)), None)
        if index is None:
            return f"no dated event at {wanted} (timeline: {dates})"
        positions.append(index)
    return None if positions == sorted(positions) else f"out of order: {dates}"


# --- scoring ------------------------------------------------------------------------------------------


def _label(item: dict[str, Any]) -> str:
    keys = ("content_contains", "speaker_not", "text", "name", "event", "trigger_contains", "value")
    return next((f"{k}={item[k]!r}" for k in keys if k in item), repr(item))


def _failing(record, checks: list[Check]) -> list[Check]:
    return [c for c in checks if not c.passes(record)]


def _item_failure(expectation: Expectation, describe: Callable[[Any], str]) -> str | None:
    """None when some candidate passes every check; else the nearest miss and what it lacks."""
    if not expectation.candidates:
        return expectation.none_found
    best, best_failed = None, None
    for candidate in expectation.candidates:
        failed = _failing(candidate, expectation.checks)
        if not failed:
            return None
        if best_failed is None or len(failed) < len(best_failed):
            best, best_failed = candidate, failed
    return f"nearest {describe(best)} fails {', '.join(c.name for c in best_failed)}"


class ExpectationsError(ValueError):
    """An expectations file that cannot be scored: a section or an item of the wrong shape."""


def _validate(name: str, spec: Any) -> None:
    if not isinstance(spec, dict):
        raise ExpectationsError(f"section {name!r} must be an object, not {type(spec).__name__}")
    if name == "sourcing" and not isinstance(spec.get("must", {}), dict):
        raise ExpectationsError("sourcing.must must be an object (voices_from, no_voice_from)")
    if name == "timeline" and not isinstance(spec.get("must_order", []), list):
        raise ExpectationsError("timeline.must_order must be a list of dates")
    if name in RECORD_SECTIONS:
        for level in ("must", "should", "must_not"):
            items = spec.get(level, [])
            if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
                raise ExpectationsError(f"{name}.{level} must be a list of objects")
        for level in ("must", "should"):
            for item in spec.get(level, []):
                missing = [key for key in ITEM_KEYS[name] if key not in item]
                if missing:
                    raise ExpectationsError(f"{name}.{level} item {item!r} lacks {missing[0]!r}")
    if name in MUST_NOT_KEYS:
        for item in spec.get("must_not", []):
            if not any(key in item for key in MUST_NOT_KEYS[name]):
                keys = " or ".join(repr(k) for k in MUST_NOT_KEYS[name])
                raise ExpectationsError(f"{name}.must_not item {item!r} needs {keys}")
    elif spec.get("must_not"):
        raise ExpectationsError(f"{name} takes no must_not")


def check(ledger: Ledger, expected: dict[str, Any]) -> Report:
    """Score a ledger against an expectations dict; every failing item is listed with its reason.

    Raises :class:`ExpectationsError` when a section or an item is not of the documented shape.
    """
    sections: dict[str, SectionResult] = {}
    for name in SECTIONS:
        spec = expected.get(name)
        if spec is None:
            continue
        _validate(name, spec)
        result = SectionResult()
        if name == "sourcing":
            if "must" in spec:
                _tally(result, "must", "sourcing", _sourcing_fails(ledger, spec["must"]))
        elif name == "timeline":
            if "must_order" in spec:
                _tally(result, "must", "timeline order", _timeline_fails(ledger, spec["must_order"]))
        else:
            _check_records(ledger, name, spec, result)
        sections[name] = result
    return Report(sections)


def _check_records(ledger: Ledger, name: str, spec: dict[str, Any], result: SectionResult) -> None:
    describe = DESCRIBE[name]
    right: set[str] = set()
    mismatched: dict[str, tuple[str, str]] = {}  # record id -> (kind of error, the item it contradicts)
    gaps: set[str] = set()
    for level in ("must", "should"):
        for item in spec.get(level, []):
            expectation = EXPECTATIONS[name](ledger, item)
            _tally(result, level, _label(item), _item_failure(expectation, describe))
            for record in expectation.candidates:
                failed = _failing(record, expectation.checks)
                if not failed:
                    right.add(record.id)
                elif expectation.pinned(record) and any(check.present(record) for check in failed):
                    names = ", ".join(c.name for c in failed if c.present(record))
                    mismatched.setdefault(record.id, (f"wrong {names}", f"where {level} {_label(item)} expects one"))
                elif expectation.pinned(record):
                    gaps.add(record.id)
    ruled_out: dict[str, tuple[str, str]] = {}  # record id -> (kind of error, the item it violates)
    for item in spec.get("must_not", []):
        violators = RULED_OUT[name](ledger, item)
        result.must_not_total += 1
        result.must_not_violated += bool(violators)
        failure = f"{len(violators)} record(s), first {describe(violators[0])}" if violators else None
        _tally(result, "must", f"must_not {_label(item)}", failure)
        for record in violators:
            kind = item.get("kind", "must_not")  # the judge's name for the kind of error, where given
            ruled_out.setdefault(record.id, (kind, f"violates must_not {_label(item)}"))
    for record in _records(ledger, name):
        kind = why = ""
        if record.id in ruled_out:
            verdict = "wrong"
            kind, why = ruled_out[record.id]
        elif record.id in right:
            verdict = "right"
        elif record.id in mismatched:
            verdict = "wrong"
            kind, where = mismatched[record.id]
            why = f"{kind} {where}"
        elif record.id in gaps:
            verdict = "gap"
        else:
            verdict = "unjudged"
        result.verdicts[record.id] = verdict
        if verdict == "wrong":
            result.wrong.append(f"{describe(record)} — {why}")
            result.wrong_kinds[kind] += 1


def _tally(result: SectionResult, level: str, label: str, failure: str | None) -> None:
    if level == "must":
        result.must_total += 1
        result.must_passed += failure is None
    else:
        result.should_total += 1
        result.should_passed += failure is None
    if failure is not None:
        result.failures.append(f"[{level}] {label}: {failure}")


def unjudged(ledger: Ledger, report: Report) -> dict[str, list[str]]:
    """Per section, the records no item speaks of, described (to make an expectations file complete)."""
    found: dict[str, list[str]] = {}
    for name, result in report.sections.items():
        records = {r.id: r for r in _records(ledger, name)} if name in RECORD_SECTIONS else {}
        described = [DESCRIBE[name](records[i]) for i, v in result.verdicts.items() if v == "unjudged"]
        if described:
            found[name] = described
    return found
