"""The vocabulary of figures, read once from the data files: units and currencies
(``figures_units.json``), hedges and directions (``figures_hedges.json``) and outcomes of human
tolls (``outcomes.json``)."""

from __future__ import annotations

import re

from newsledger.extract.numbers import alternation as _alt
from newsledger.resources import load_json

_UNITS = load_json("figures_units.json")
_HEDGES = load_json("figures_hedges.json")
_OUTCOMES = load_json("outcomes.json")
HEDGES: dict[str, str] = _HEDGES["hedges"]
DIRECTION_ADVERBS: dict[str, str] = _HEDGES["direction_adverbs"]
DIRECTION_VERBS = {lemma: way for way, lemmas in _HEDGES["direction_verbs"].items() for lemma in lemmas}


# --- units and money ---------------------------------------------------------------------------

CURRENCY_PREFIXES: dict[str, str] = _UNITS["currency_prefixes"]
UNIT_SYMBOLS: dict[str, str] = _UNITS["symbols"]
GLUED_SYMBOLS: dict[str, str] = _UNITS["glued_symbols"]
UNIT_NAMES: dict[str, str] = {k.lower(): v for k, v in _UNITS["words"].items()}
DENOMINATOR_UNITS: dict[str, str] = _UNITS["denominators"]
DESIGNATORS = frozenset(_UNITS["name_designators"])
STREET_WORDS = frozenset(_UNITS["street_words"])
SCALE_ONLY_PREFIXES = frozenset(_UNITS["scale_only_prefixes"])
UNITS_WITH_SCALE: dict[str, str] = _UNITS["with_scale"]


def currency_code(text: str) -> str:
    """ISO code of a written currency ('US $' and 'US$' alike); '' when unknown."""
    return (CURRENCY_PREFIXES.get(text) or CURRENCY_PREFIXES.get(re.sub(r"\s+", " ", text))
            or CURRENCY_PREFIXES.get(re.sub(r"\s+", "", text), ""))


# --- outcomes ------------------------------------------------------------------------------------

PRONOUNS = frozenset({"them", "those", "these", "whom", "which", "us", "they", "it", "others", "other"})
OUTCOME_VERBS: dict[str, str] = _OUTCOMES["verbs"]
OUTCOME_WORDS: dict[str, str] = _OUTCOMES["predicates"]
SUBSET_MARKERS = frozenset(_OUTCOMES["subset_markers"])
VERB_OBJECTS: dict[str, str] = _OUTCOMES["verb_objects"]
ZERO_PATTERN = re.compile(rf"(?<![\w-])(?P<w>{_alt(_OUTCOMES['zero_words'])})(?![\w-])")
ZERO_NOT_BEFORE = frozenset(_OUTCOMES["zero_not_before"])
TOLLS: dict[str, str] = _OUTCOMES["tolls"]
