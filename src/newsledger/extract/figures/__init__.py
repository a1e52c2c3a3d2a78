"""Figures: every quantity an article states, its unit, what it counts and, for human tolls, the outcome.

Numbers are spotted with regular expressions built once from the data files (``numbers.json``:
number words; ``figures_units.json``: currencies and units; ``figures_hedges.json``: 'almost',
'more than', 'rose'; ``outcomes.json``: 'killed', 'taken hostage' ...): digits ('1,275', '$1.2bn',
'1.99×10−30'), words ('forty-four', 'a dozen', 'sixfold'), fractions ('two-thirds', '1/2 pound'),
vague words ('hundreds', 'tens of thousands') and ranges ('20 to 30', 'between 5,000 and 7,000',
'0-to-60 mph'). The dependency parse then says what a number counts (the noun it modifies, or the
``of`` phrase of 'hundreds of civilians'), whether it states a rise or fall ('rose 8%'), which
outcome governs it ('613 Azerbaijanis were killed' -> killed, 'the death toll rose to 45' ->
killed) and whether it is a subset of a figure before it ('including 106 women', '150 of them',
'among them four children' -> ``part_of``). A bare number takes the unit or noun its partner
states ('8 or $9', '3.9 million headsets, up from 2.4 million').

Not figures: numbers inside a DATE, TIME or SET expression of ``ledger.times`` (years, days of
the month, clock times) or a year the parser dates ('by 2120'), ordinals ('first', '3rd'), and
numbers that are parts of names ('Article 370', 'Boeing 787', 'COVID-19', 'S&P 500', '49ers').
Ages are figures typed as such: unit 'year of age' ('a 65-year-old', 'Maddon, 66,', 'aged 25 to
54'). Durations are figures as well ('30 years' -> 30 year): news quantity benchmarks
(NewsQuant) count them, and the TimeExpr for them stays too.

Tolls of none are figures of value 0 where an outcome governs them ('No one was killed' -> 0,
killed; 'no injuries were reported' -> 0, injured), so that a report of no deaths is kept as a
fact and not lost; a 'no' that no outcome governs ('no plans') is not a figure.

Conventions: ``change`` follows NewsQuant ('~', '>', '<', '=', 'up', 'down', plus '>=' / '<='
for 'at least' / 'at most'); a level after 'to' / 'from' / 'at' is '=' ('rose 8% to 3.65'), and a
range keeps only a hedge ('about 14-18 mpg' -> '~'), never a rise or fall. ``approx`` is True
whenever the value is not stated exactly (any hedge, or a vague word such as 'hundreds', whose
``value_range`` is 100-999 and whose change stays '=' as in NewsQuant).

Modules, from the bottom up: ``vocabulary`` (the data files), ``spotting`` (the number patterns
and the Quantity each match becomes), ``units`` (units, rates, scales), ``hedges`` (hedges and
rises or falls), ``ranges`` (two numbers as one), ``tokens`` (characters to tokens), ``filters``
(what is not a figure; ages), ``concepts`` (what a number counts), ``outcomes`` (the outcome of a
toll; tolls of none), ``linking`` (pronouns, subsets, ellipses); this module runs them.

Example::

    >>> parse_number("forty-four"), parse_number("3.5 million"), parse_number("a dozen")
    (44, 3500000, 12)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from newsledger.extract.figures.concepts import Parsed, parse_quantity
from newsledger.extract.figures.filters import is_age, is_determiner_one, is_figure_word, not_a_figure, spans_of_times
from newsledger.extract.figures.hedges import MINUS_BEFORE, attach_hedge, direction_of
from newsledger.extract.figures.linking import link_figures
from newsledger.extract.figures.outcomes import counts_people, outcome_category, zero_tolls
from newsledger.extract.figures.ranges import merge_ranges
from newsledger.extract.figures.spotting import spot_quantities
from newsledger.extract.figures.tokens import TokenIndex
from newsledger.extract.figures.units import attach_unit, scale_of
from newsledger.extract.figures.vocabulary import (
    CURRENCY_PREFIXES,
    DENOMINATOR_UNITS,
    DESIGNATORS,
    GLUED_SYMBOLS,
    HEDGES,
    SCALE_ONLY_PREFIXES,
    UNIT_NAMES,
    UNIT_SYMBOLS,
)
from newsledger.extract.numbers import BLANKS as _S
from newsledger.extract.numbers import parse_number, parse_vague
from newsledger.extract.parsed import text as doc_text
from newsledger.model import Figure, Span

__all__ = [
    "CURRENCY_PREFIXES",
    "DENOMINATOR_UNITS",
    "DESIGNATORS",
    "GLUED_SYMBOLS",
    "HEDGES",
    "SCALE_ONLY_PREFIXES",
    "UNIT_NAMES",
    "UNIT_SYMBOLS",
    "extract",
    "find_figures",
    "parse_number",
    "parse_vague",
]

# 'rose 8% to 3.65', 'fell from $2,415': after these a number is a level, whatever the parse says
_LEVEL_BEFORE = re.compile(rf"(?<![\w-])(?i:to|from|at){_S}$")


def find_figures(text: str, doc=None, times: Iterable = ()) -> list[Figure]:
    """Every figure of ``text``; ``doc`` (its spaCy parse) adds concepts, categories and subsets.

    >>> [(f.value, f.unit, f.approx) for f in find_figures("Prices rose almost 20% in a year.")]
    [(20, 'percent', True)]
    """
    if not text:
        return []
    time_spans = spans_of_times(times)
    index = TokenIndex(doc)
    quantities = []
    for q in spot_quantities(text):
        q.words = [text[q.start : q.number_end].lower().strip()]
        attach_unit(q, text, scale_of(text[q.start : q.number_end]) > 1)
        if MINUS_BEFORE.search(text, max(0, q.start - 8), q.start) and q.value is not None:
            q.value = -q.value  # 'minus 387 Fahrenheit'
        if not_a_figure(q, text, doc, index, time_spans):
            continue  # dropped before ranges are joined: 'in 2018 to 3.9 million' is no range
        attach_hedge(q, text)
        level = _LEVEL_BEFORE.search(text, max(0, q.start - 8), q.start)
        if doc is not None and q.change in (None, "=", "~") and not level:
            q.change = direction_of(parse_quantity(doc, q)) or q.change
        quantities.append(q)
    parsed_of: list[tuple[Figure, Parsed]] = []
    for q in merge_ranges(quantities, text):
        parsed = parse_quantity(doc, q) if doc is not None else Parsed()
        if not is_figure_word(q, parsed.root):
            continue
        if q.unit is None and q.kind == "slash":
            q.unit = "fraction"  # '3/4 of the flour'; '1/2 pound' has its unit
        if q.unit is None and is_age(q, text, doc, index):
            q.unit, parsed.concept = "year of age", None
        figure = Figure(
            id="", span=Span(q.start, q.end, text[q.start : q.end]), value=q.value, value_range=q.value_range,
            approx=q.approx, change=q.change or "=", unit=q.unit, concept=parsed.concept,
            category=outcome_category(parsed) if doc is not None and counts_people(q) else None,
        )
        if is_determiner_one(figure, text):
            continue
        parsed_of.append((figure, parsed))
    if doc is not None:
        parsed_of += zero_tolls(text, doc, index, [(f.span.start, f.span.end) for f, _ in parsed_of])
        parsed_of.sort(key=lambda pair: pair[0].span.start)
    figures = link_figures(parsed_of)
    return [replace(f, id=f"fig-{i}") for i, f in enumerate(figures, start=1)]


def extract(doc, ledger) -> list[Figure]:
    """The pipeline's entry: figures of ``doc``, skipping numbers inside the ledger's dates and times."""
    return find_figures(ledger.article.text if doc is None else doc_text(doc), doc, ledger.times)
