"""PLOVER events: score event types, actors and recipients sentence by sentence.

Two gold formats are read:

* the PLOVER gold standard records (``PLOVER_GSR_CAMEO.txt``: a JSON array of records with ``text``,
  ``event``, ``source`` and ``target`` lists of ``{"code": ISO-alpha-3}``), coded in PLOVER 0.5; their
  labels are mapped to PLOVER 2.0 as the manual's CAMEO-to-PLOVER table merges them
  (``resources/plover_labels.json``: DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE,
  FIGHT -> ASSAULT, and the modes 2.0 moved: COERCE 'destroy' -> ASSAULT ...);
* JSONL, one sentence a line: ``{"text": ..., "events": [{"event": TYPE, "actor": COUNTRY?,
  "recipient": COUNTRY?}]}``, countries as ISO alpha-2 or alpha-3 codes or names.

Records with the same text are one sentence. Each sentence goes through the public pipeline as an
article of its own; its system events are the PLOVER categories the manual codes the ledger's events as
(:func:`newsledger.export.plover.coded_category`: "will support" is AGREE, negated and demanded acts are
not events). Scores (0-100):

* ``event_micro_f1``: F1 over (sentence, event type) pairs;
* ``event_macro_f1``: the mean over the gold event types of each type's F1;
* ``actor_accuracy`` / ``recipient_accuracy``: over the matched (sentence, type) pairs whose gold gives an
  actor (a recipient), the share where some system event of that type has an actor (a recipient) of one of
  the gold countries. A gold non-state code (IGO, NGO ...) matches an organisation with no country.

Example::

    newsledger eval events ../shared/data/plover/gold_standard_records/PLOVER_GSR_CAMEO.txt --json
    {"event_micro_f1": ..., "event_macro_f1": ..., "actor_accuracy": ..., "recipient_accuracy": ...}
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsledger.model import Article, EntityRef, Ledger, article_id, normalise_text
from newsledger.resources import load_json

MISTAKE_KINDS = ("missed", "spurious", "wrong actor", "wrong recipient")
"""What ``--errors N`` shows, N of each, in this order."""

NON_STATE = "non-state"


@dataclass
class GoldSentence:
    """One sentence and its gold events: type -> actor countries, type -> recipient countries."""

    text: str
    actors: dict[str, set[str]] = field(default_factory=dict)
    recipients: dict[str, set[str]] = field(default_factory=dict)
    ids: list[str] = field(default_factory=list)

    @property
    def types(self) -> set[str]:
        return set(self.actors)

    def add(self, event: str, actors: Iterable[str], recipients: Iterable[str], record_id: str = "") -> None:
        self.actors.setdefault(event, set()).update(actors)
        self.recipients.setdefault(event, set()).update(recipients)
        if record_id:
            self.ids.append(record_id)


# --- reading -------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def labels() -> dict[str, Any]:
    """The label mapping of ``resources/plover_labels.json``."""
    return load_json("plover_labels.json")


def plover2(label: str, mode: str | None = None) -> str | None:
    """The PLOVER 2.0 type of a gold label (None for records that are not events).

    >>> plover2("DEMAND"), plover2("COERCE", "destroy"), plover2("AGREE"), plover2("DOCUMENT")
    ('REQUEST', 'ASSAULT', 'AGREE', None)
    """
    table = labels()
    label = label.strip().upper()
    if label in table["ignored"]:
        return None
    return table["mode_labels"].get(f"{label}/{mode}") or table["labels"].get(label, label)


def country(code: str | None) -> str | None:
    """A gold country (alpha-2, alpha-3, PLOVER non-state code or name) as ISO alpha-2, or ``"non-state"``.

    >>> country("AZE"), country("JAP"), country("IGO"), country("az"), country("Armenia"), country("")
    ('AZ', 'JP', 'non-state', 'AZ', 'AM', None)
    """
    from newsledger.knowledge.countries import alpha2, alpha3, country_code

    if not code or not code.strip():
        return None
    code = code.strip()
    table = labels()
    if code.upper() in table["non_state"]:
        return NON_STATE
    if len(code) == 2 and alpha3(code):
        return code.upper()
    if len(code) == 3 and code.isalpha():
        found = alpha2(table["country_aliases"].get(code.upper(), code.upper()))
        if found:
            return found
    return country_code(code)


def _codes(value: Any) -> list[str]:
    """The countries of a GSR ``source``/``target`` value (a list of objects, or "" / null for none)."""
    if not isinstance(value, list):
        return []
    found = (country(item.get("code")) for item in value if isinstance(item, dict))
    return [code for code in found if code]


def read_gsr(records: list[Any]) -> list[GoldSentence]:
    """Gold sentences from the records of the PLOVER gold standard file."""
    sentences: dict[str, GoldSentence] = {}
    for record in records:
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
            continue
        event = plover2(str(record.get("event", "")), record.get("mode"))
        if event is None:
            continue
        text = normalise_text(record["text"])
        sentence = sentences.setdefault(text, GoldSentence(text))
        sentence.add(event, _codes(record.get("source")), _codes(record.get("target")), record.get("id", ""))
    return list(sentences.values())


def read_jsonl(lines: Iterable[str]) -> list[GoldSentence]:
    """Gold sentences from JSONL lines ``{"text": ..., "events": [{"event", "actor", "recipient"}]}``."""
    sentences: dict[str, GoldSentence] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        item = json.loads(line)
        text = normalise_text(str(item.get("text", "")))
        if not text:
            continue
        sentence = sentences.setdefault(text, GoldSentence(text))
        for event in item.get("events") or []:
            kind = plover2(str(event.get("event", "")))
            if kind is None:
                continue
            actor, recipient = country(event.get("actor")), country(event.get("recipient"))
            sentence.add(kind, [actor] if actor else [], [recipient] if recipient else [], f"line {number}")
    return list(sentences.values())


def read_gold(path: str | Path) -> list[GoldSentence]:
    """Gold sentences from a GSR file (a JSON array) or a JSONL file; the format is told by the content."""
    text = Path(path).read_text(encoding="utf-8")
    if text.lstrip().startswith("["):
        return read_gsr(json.loads(text))
    return read_jsonl(text.splitlines())


# --- system events --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SystemEvent:
    event: str
    actor: str | None
    recipient: str | None
    trigger: str


def _participant(ref: EntityRef | None, ledger: Ledger) -> str | None:
    """A participant's country, ``"non-state"`` for an organisation with no country, else None."""
    if ref is None:
        return None
    if ref.country:
        return ref.country
    entity = ledger.entity(ref.entity)
    return NON_STATE if entity is not None and entity.type == "ORG" else None


def system_events(ledger: Ledger) -> list[SystemEvent]:
    """The ledger's events as PLOVER codes them (uncodable ones left out)."""
    from newsledger.export.plover import coded_category

    found = []
    for event in ledger.events:
        coded = coded_category(event)
        if coded is not None:
            found.append(SystemEvent(coded[0], _participant(event.actor, ledger),
                                     _participant(event.recipient, ledger), event.trigger.text))  # fmt: skip
    return found


# --- scoring --------------------------------------------------------------------------------------------


@dataclass
class Counts:
    """Per-type true positives, false positives and false negatives, and the participant tallies."""

    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    actor_total: int = 0
    actor_correct: int = 0
    recipient_total: int = 0
    recipient_correct: int = 0
    errors: list[dict] = field(default_factory=list)


def score_sentence(gold: GoldSentence, system: list[SystemEvent], counts: Counts) -> None:
    """Add one sentence's comparison to ``counts``."""
    found = {e.event for e in system}
    for kind in gold.types & found:
        counts.tp[kind] += 1
        of_kind = [e for e in system if e.event == kind]
        for role, wanted in (("actor", gold.actors[kind]), ("recipient", gold.recipients[kind])):
            if not wanted:
                continue
            right = any(getattr(e, role) in wanted for e in of_kind)
            setattr(counts, f"{role}_total", getattr(counts, f"{role}_total") + 1)
            setattr(counts, f"{role}_correct", getattr(counts, f"{role}_correct") + right)
            if not right:
                counts.errors.append({"kind": f"wrong {role}", "event": kind, "gold": sorted(wanted),
                                      "system": [getattr(e, role) for e in of_kind], "text": gold.text,
                                      "ids": gold.ids})  # fmt: skip
    for kind in gold.types - found:
        counts.fn[kind] += 1
        counts.errors.append({"kind": "missed", "event": kind, "system": sorted(found), "text": gold.text,
                              "ids": gold.ids})  # fmt: skip
    for kind in found - gold.types:
        counts.fp[kind] += 1
        triggers = [e.trigger for e in system if e.event == kind]
        counts.errors.append({"kind": "spurious", "event": kind, "gold": sorted(gold.types), "triggers": triggers,
                              "text": gold.text, "ids": gold.ids})  # fmt: skip


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def metrics(counts: Counts, gold_types: Iterable[str]) -> dict[str, Any]:
    """The four scores (0-100, two decimals), per-type F1 and the counts behind them.

    >>> c = Counts(tp=Counter(A=3), fp=Counter(B=1), fn=Counter(A=1), actor_total=3, actor_correct=2)
    >>> m = metrics(c, ["A"]); m["event_micro_f1"], m["event_macro_f1"], m["actor_accuracy"]
    (75.0, 85.71, 66.67)
    """
    tp, fp, fn = sum(counts.tp.values()), sum(counts.fp.values()), sum(counts.fn.values())
    types = sorted(set(gold_types))
    per_type = {t: round(100 * _f1(counts.tp[t], counts.fp[t], counts.fn[t]), 2) for t in types}

    def pct(a: int, b: int) -> float:
        return round(100 * a / b, 2) if b else 0.0

    return {
        "event_micro_f1": round(100 * _f1(tp, fp, fn), 2),
        "event_macro_f1": round(sum(per_type.values()) / len(per_type), 2) if per_type else 0.0,
        "actor_accuracy": pct(counts.actor_correct, counts.actor_total),
        "recipient_accuracy": pct(counts.recipient_correct, counts.recipient_total),
        "event_precision": pct(tp, tp + fp), "event_recall": pct(tp, tp + fn),
        "per_type_f1": per_type, "true_positives": tp, "false_positives": fp, "false_negatives": fn,
        "actor_matched": counts.actor_total, "recipient_matched": counts.recipient_total,
    }  # fmt: skip


def _ledgers(sentences: list[GoldSentence], model: str | None) -> Iterator[Ledger]:
    from newsledger.pipeline import analyze_articles

    articles = (Article(id=article_id(s.text), text=s.text) for s in sentences)
    return analyze_articles(articles, model=model)


def evaluate(path: str | Path, model: str | None = None, with_errors: bool = False) -> dict[str, Any]:
    """Score the pipeline's events on a PLOVER gold file (GSR JSON or JSONL); see the module docstring.

    Returns ``event_micro_f1``, ``event_macro_f1``, ``actor_accuracy``, ``recipient_accuracy`` (0-100),
    precision, recall, per-type F1 and counts; ``errors`` (every disagreement) when ``with_errors``.
    """
    sentences = read_gold(path)
    counts = Counts()
    for sentence, ledger in zip(sentences, _ledgers(sentences, model), strict=True):
        score_sentence(sentence, system_events(ledger), counts)
    result = metrics(counts, (t for s in sentences for t in s.types))
    result["sentences"] = len(sentences)
    if with_errors:
        result["errors"] = counts.errors
    return result
