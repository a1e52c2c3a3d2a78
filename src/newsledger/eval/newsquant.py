"""NewsQuant: score the figures extractor as the benchmark's authors score quantity extractors.

NewsQuant (Almasian, Kazakova, Göldner, Gertz: "CQE: A Comprehensive Quantity Extractor",
EMNLP 2023) is a JSON list of ``{"text", "quantities": [{"value", "unit", "normalized_unit",
"change", "referred_concepts"}]}``. Gold values are strings; a range is written ``"low-high"``.

The scoring is that of the authors' ``evaluate_models.calculate_metrics``, reproduced here with
its quirks, so that our numbers stand beside the published ones:

* per sentence, gold and system quantities are sorted by normalised unit; each gold quantity
  walks the system quantities in that order;
* a system quantity whose value matches (``numpy.isclose``, rtol 1e-5; a range only matches a
  range, bound by bound) counts one correct value -- at most as many per sentence as there are
  gold quantities -- and one correct change when the change is the same, and one correct concept
  when the concept words overlap (``partial``) or are the same set (``complete``);
* when the normalised units (lower-cased) are also equal, value+unit counts, that system
  quantity is used up and the gold quantity stops looking; otherwise it looks on;
* P = correct / system quantities, R = correct / gold quantities, F1 as usual, on 0-100.

Because a value-matching system quantity with the wrong unit is not used up, these counts can
credit one system quantity twice. The ``strict_*`` keys give the same measures with a one-to-one
matching (each gold and each system quantity used at most once, unit matches first), as a check.

Our figures are read in NewsQuant's vocabulary by :func:`to_newsquant` (unit names from
``resources/figures_newsquant.json``; a count's unit is its counted noun, lemmatised, as in the
gold: "900 doctors" -> "doctor").

    newsledger eval figures ../shared/data/newsquant/dev.json --json
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsledger.eval.split import HALVES, half_of
from newsledger.model import Article, Figure
from newsledger.resources import load_json

Value = float | tuple[float, float]

_ADAPTER = load_json("figures_newsquant.json")
UNIT_NAMES: dict[str, str] = _ADAPTER["units"]
CHANGES: dict[str, str] = _ADAPTER["changes"]
VAGUE_TOP = int(_ADAPTER["vague_upper_bound"])
NO_UNIT = "-"
FRACTION = "fraction"

# the words NewsQuant keeps in a count's unit ('Kia and Hyundai vehicles' -> 'kia hyundai vehicle',
# 'the most gifted attackers' -> 'gifted attacker'); hyphens inside a word stay ('first-team player')
_IN_UNIT = frozenset({"NOUN", "PROPN", "ADJ", "NUM"})

MEASURES = ("value", "value_unit", "value_change", "value_concept", "value_concept_complete")


@dataclass(frozen=True)
class Quantity:
    """One quantity as NewsQuant compares it."""

    value: Value
    unit: str = NO_UNIT  # normalised unit, lower-cased
    change: str = "="
    concepts: tuple[str, ...] = (NO_UNIT,)


# --- reading the gold file ---------------------------------------------------------------------


def parse_value(text: str | float | int) -> Value:
    """A gold value: '3.0' -> 3.0, '1000.0-10000.0' -> (1000.0, 10000.0), '-1.3' -> -1.3.

    As the authors read it, a '-' inside a value not starting with '-' (and without an exponent)
    separates a range.

    >>> parse_value("4.8-4.7"), parse_value("-387")
    ((4.8, 4.7), -387.0)
    """
    if isinstance(text, int | float):
        return float(text)
    text = text.strip()
    if "E" not in text and not text.startswith("-") and "-" in text:
        low, high = text.split("-", 1)
        return float(low), float(high)
    return float(text)


def gold_quantity(item: dict[str, Any]) -> Quantity:
    """A gold quantity; its concepts are split on commas and blanks, as the authors split them."""
    concepts = tuple(re.split(r"[,\s]+", str(item.get("referred_concepts", NO_UNIT))))  # '' kept, as theirs
    return Quantity(
        value=parse_value(item["value"]),
        unit=str(item.get("normalized_unit", NO_UNIT)).strip().lower(),
        change=str(item.get("change", "=")).strip(),
        concepts=concepts,
    )


def read_gold(path: str | Path) -> list[tuple[str, list[Quantity]]]:
    """(text, gold quantities) for each sentence of a NewsQuant file."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a JSON list of {{text, quantities}}")
    return [(str(item["text"]), [gold_quantity(q) for q in item.get("quantities", [])]) for item in data]


# --- our figures in NewsQuant's terms ----------------------------------------------------------


def normalise_unit(unit: str | None) -> str:
    """Our unit name in NewsQuant's vocabulary: 'percent' -> 'percentage', 'USD per barrel' ->
    'dollar per barrel', None -> '-'.

    >>> normalise_unit("USD per barrel"), normalise_unit(None)
    ('dollar per barrel', '-')
    """
    if not unit:
        return NO_UNIT
    if unit in UNIT_NAMES:
        return UNIT_NAMES[unit].lower()
    return " per ".join(UNIT_NAMES.get(part, part) for part in unit.split(" per ")).lower()


def _is_vague(figure: Figure) -> bool:
    """A range given by a word ('thousands', 'several hundred'), not by two numbers."""
    from newsledger.extract.numbers import VAGUE, VAGUE_MULTIPLIERS

    if figure.value_range is None or re.search(r"\d", figure.span.text):
        return False
    words = figure.span.text.lower()
    return any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", words) for w in (*VAGUE, *VAGUE_MULTIPLIERS))


def _value(figure: Figure) -> Value | None:
    if figure.value_range is not None:
        low, high = figure.value_range
        if _is_vague(figure):
            high += VAGUE_TOP
        return float(low), float(high)
    return None if figure.value is None else float(figure.value)


def _concept_tokens(figure: Figure, doc) -> list:
    """The tokens of the figure's concept: its nearest occurrence in the text after (else before) the number."""
    if not figure.concept or doc is None:
        return []
    text = doc.text
    start = text.find(figure.concept, figure.span.start)
    if start < 0:
        start = text.rfind(figure.concept, 0, figure.span.start)
    if start < 0:
        return []
    span = doc.char_span(start, start + len(figure.concept), alignment_mode="expand")
    return list(span) if span is not None else []


def _lemma(token) -> str:
    """spaCy's lemma; a plural proper noun loses its 's' ('Americans' -> 'American'), as in the gold."""
    if token.tag_ == "NNPS" and token.text.endswith("s") and not token.text.endswith("ss"):
        return token.text[:-1]
    return token.lemma_


def _count_unit(tokens: list) -> str:
    """The counted phrase as NewsQuant's unit: lemmas of its nouns, adjectives and numbers, lower-cased;
    a hyphenated word stays one ('first-team player')."""
    pieces: list[str] = []
    glue = False
    for token in tokens:
        if token.tag_ == "HYPH" and not token.whitespace_ and pieces:
            pieces[-1] += token.text
            glue = True
            continue
        if token.pos_ not in _IN_UNIT:
            glue = False
            continue
        if glue:
            pieces[-1] += _lemma(token)
        else:
            pieces.append(_lemma(token))
        glue = False
    return " ".join(pieces).lower()


def to_newsquant(figure: Figure, doc=None) -> Quantity | None:
    """One figure as NewsQuant would write it; None for a figure without a value.

    A count (no unit) takes its counted noun phrase as unit, its nouns, adjectives and numbers
    lemmatised word by word ("Airbnb's earliest investments" -> 'airbnb early investment'), as
    the gold writes it; a fraction's unit is '%' and that phrase ('two-thirds of the sales' ->
    '% sale'); concepts are the concept's words.
    """
    value = _value(figure)
    if value is None:
        return None
    unit = normalise_unit(figure.unit)
    tokens = _concept_tokens(figure, doc)
    if unit == NO_UNIT and figure.unit is None and tokens:
        unit = _count_unit(tokens) or NO_UNIT
    elif figure.unit == FRACTION:  # 'two-thirds of the sales' -> '% sale', 'almost half of which' -> '% -'
        unit = f"% {_count_unit(tokens) or NO_UNIT}"
    words = tuple(w for w in re.split(r"[,\s]+", figure.concept or "") if w) or (NO_UNIT,)
    change = figure.change or "="
    return Quantity(value=value, unit=unit, change=CHANGES.get(change, change), concepts=words)


# --- scoring ----------------------------------------------------------------------------------------


def values_match(gold: Value, system: Value) -> bool:
    """Equal values (rtol 1e-5, atol 1e-8 as numpy.isclose); a range only equals a range."""
    if isinstance(gold, tuple) != isinstance(system, tuple):
        return False
    if isinstance(gold, tuple):
        return all(_close(g, s) for g, s in zip(gold, system, strict=True))
    return _close(gold, system)


def _close(gold: float, system: float) -> bool:
    return abs(gold - system) <= 1e-8 + 1e-5 * abs(system)


def concepts_match(gold: Sequence[str], system: Sequence[str]) -> tuple[bool, bool]:
    """(complete, partial): the lower-cased word sets are the same / share a word."""
    g, s = [w.lower() for w in gold], [w.lower() for w in system]
    common = set(g) & set(s)
    return len(common) == len(g) == len(s), bool(common)


def _empty_counts() -> dict[str, int]:
    return {"gold": 0, "system": 0, **dict.fromkeys(MEASURES, 0)}


def count_authors(gold: list[Quantity], system: list[Quantity], counts: dict[str, int]) -> None:
    """Add one sentence to ``counts``, exactly as the authors' calculate_metrics counts it."""
    counts["gold"] += len(gold)
    counts["system"] += len(system)
    tags = sorted(system, key=lambda q: q.unit)
    values_left = len(gold)
    for g in sorted(gold, key=lambda q: q.unit):
        for tag in tags:
            if not values_match(g.value, tag.value):
                continue
            if values_left > 0:
                counts["value"] += 1
                values_left -= 1
            counts["value_change"] += tag.change == g.change
            complete, partial = concepts_match(g.concepts, tag.concepts)
            counts["value_concept"] += partial
            counts["value_concept_complete"] += complete
            if tag.unit == g.unit:
                counts["value_unit"] += 1
                tags.remove(tag)
                break


def count_strict(gold: list[Quantity], system: list[Quantity], counts: dict[str, int]) -> None:
    """Add one sentence to ``counts`` with a one-to-one matching: value+unit pairs first, then value only."""
    counts["gold"] += len(gold)
    counts["system"] += len(system)
    free = list(system)
    pairs: list[tuple[Quantity, Quantity]] = []
    unmatched: list[Quantity] = []
    for g in gold:
        tag = next((t for t in free if values_match(g.value, t.value) and t.unit == g.unit), None)
        if tag is None:
            unmatched.append(g)
        else:
            free.remove(tag)
            pairs.append((g, tag))
    for g in unmatched:
        tag = next((t for t in free if values_match(g.value, t.value)), None)
        if tag is not None:
            free.remove(tag)
            pairs.append((g, tag))
    for g, tag in pairs:
        complete, partial = concepts_match(g.concepts, tag.concepts)
        counts["value"] += 1
        counts["value_unit"] += tag.unit == g.unit
        counts["value_change"] += tag.change == g.change
        counts["value_concept"] += partial
        counts["value_concept_complete"] += complete


def f1_scores(counts: dict[str, int], prefix: str = "") -> dict[str, float]:
    """P, R and F1 (0-100, one decimal, as the authors round) for every measure."""
    scores: dict[str, float] = {}
    for measure in MEASURES:
        correct = counts[measure]
        p = correct / counts["system"] if counts["system"] else 0.0
        r = correct / counts["gold"] if counts["gold"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        scores[f"{prefix}{measure}_p"] = round(100 * p, 1)
        scores[f"{prefix}{measure}_r"] = round(100 * r, 1)
        scores[f"{prefix}{measure}_f1"] = round(100 * f, 1)
    return scores


def score(sentences: Iterable[tuple[list[Quantity], list[Quantity]]]) -> dict[str, Any]:
    """Scores of (gold, system) quantities per sentence: the authors' measures, then the strict ones.

    >>> score([([Quantity(3.0, "percentage")], [Quantity(3.0, "percentage")])])["value_unit_f1"]
    100.0
    """
    authors, strict = _empty_counts(), _empty_counts()
    count = 0
    for gold, system in sentences:
        count_authors(gold, system, authors)
        count_strict(gold, system, strict)
        count += 1
    return {
        **f1_scores(authors),
        **f1_scores(strict, "strict_"),
        "sentences": count,
        "gold_quantities": authors["gold"],
        "system_quantities": authors["system"],
    }


# --- running the extractor -------------------------------------------------------------------------


def system_quantities(text: str, nlp) -> tuple[list[Figure], list[Quantity]]:
    """Our figures of one text (the pipeline's, as far as the figures) and their NewsQuant form."""
    from newsledger.pipeline import build_ledger

    doc = nlp(text)
    found = build_ledger(doc, Article(id="newsquant", text=doc.text), until="figures").figures
    quantities = [q for q in (to_newsquant(f, doc) for f in found) if q is not None]
    return found, quantities


def evaluate(path: str | Path, model: str | None = None, limit: int | None = None) -> dict[str, Any]:
    """Run the figures extractor over a NewsQuant file and score it (keys ``value_f1``,
    ``value_unit_f1``, ``value_change_f1``, ``value_concept_f1`` ..., 0-100)."""
    from newsledger.pipeline import load_nlp

    nlp = load_nlp(model)
    gold = read_gold(path)[:limit] if limit else read_gold(path)
    scored = [(text, quantities, system_quantities(text, nlp)[1]) for text, quantities in gold]
    result = score((quantities, found) for _, quantities, found in scored)
    # The same scores on each half of the sentences (fixed by a seeded hash of each sentence's text):
    # rules are fitted on the tuning half's errors only.
    result["halves"] = {
        half: {key: value for key, value in score(
            (quantities, found) for text, quantities, found in scored if half_of(text) == half
        ).items() if key.endswith("_f1") and not key.startswith("strict")} | {
            "sentences": sum(1 for text, _, _ in scored if half_of(text) == half)}
        for half in HALVES
    }
    return result
