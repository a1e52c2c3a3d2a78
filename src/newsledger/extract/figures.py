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

Example::

    >>> parse_number("forty-four"), parse_number("3.5 million"), parse_number("a dozen")
    (44, 3500000, 12)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from newsledger.extract.numbers import (
    ABBREVIATED_SCALES,
    DENOMINATORS,
    MULTIPLES,
    NAME_LABELS,
    NUMBER_WORDS,
    SCALES,
    TENS,
    UNIT_WORDS,
    VAGUE,
    VAGUE_MULTIPLIERS,
    parse_number,
    parse_vague,
)
from newsledger.extract.numbers import BLANKS as _S
from newsledger.extract.numbers import BLANKS0 as _S0
from newsledger.extract.numbers import HYPHEN_OR_BLANKS as _HS
from newsledger.extract.numbers import alternation as _alt
from newsledger.extract.numbers import tidy as _tidy
from newsledger.extract.parsed import entities
from newsledger.extract.parsed import text as doc_text
from newsledger.model import Figure, Span
from newsledger.resources import load_json


def _load(name: str) -> dict:
    return load_json(name)


_UNITS = _load("figures_units.json")
_HEDGES = _load("figures_hedges.json")
_OUTCOMES = _load("outcomes.json")
HEDGES: dict[str, str] = _HEDGES["hedges"]

_FRACTION = (
    rf"(?<![\w-])(?P<numerator>{_alt(UNIT_WORDS)}|(?i:an?)|\d+){_HS}(?P<denominator>{_alt(DENOMINATORS)})(?![\w-])"
    rf"(?P<of>(?={_S}(?i:of){_S}(?!(?i:an?|the{_S}(?:way|time|hour|year|day|century|decade))\b)))?"
)
# 'half of the staff' (not 'the second half of the game', 'half of an hour')
_HALF = rf"(?<![\w-])(?<!(?i:first|other) )(?<!(?i:second) )(?i:half)(?={_S}(?i:of){_S}(?!(?i:an?)\b))"
# 'one in five adults', '3 out of 10 voters': a proportion
_RATIO_TERM = rf"(?:\d{{1,3}}|{_alt(UNIT_WORDS)}|{_alt(TENS)})"
_RATIO = (
    rf"(?<![\w.,-])(?=[\w-]+{_S}(?i:in|out){_S})(?P<a>{_RATIO_TERM}){_S}(?P<sep>(?i:in|out{_S}of)){_S}"
    rf"(?P<b>{_RATIO_TERM})(?![\w.,%-])"
)
_VAGUE_WORD = _alt(VAGUE)
_VAGUE = (
    rf"(?<![\w-])(?:{_VAGUE_WORD}(?:{_S}(?i:of){_S}{_VAGUE_WORD})?"
    rf"|{_alt(VAGUE_MULTIPLIERS)}{_S}{_alt(list(SCALES) + list(MULTIPLES))})(?![\w-])"
)



# --- units and money ---------------------------------------------------------------------------

CURRENCY_PREFIXES: dict[str, str] = _UNITS["currency_prefixes"]
UNIT_SYMBOLS: dict[str, str] = _UNITS["symbols"]
GLUED_SYMBOLS: dict[str, str] = _UNITS["glued_symbols"]
UNIT_NAMES: dict[str, str] = {k.lower(): v for k, v in _UNITS["words"].items()}
DENOMINATOR_UNITS: dict[str, str] = _UNITS["denominators"]
DESIGNATORS = frozenset(_UNITS["name_designators"])
SCALE_ONLY_PREFIXES = frozenset(_UNITS["scale_only_prefixes"])


def _currency_alt() -> str:
    """Currency prefixes, longest first; 'US$' also matches 'US $' (a blank between letters and sign)."""
    forms = sorted(CURRENCY_PREFIXES, key=len, reverse=True)
    patterns = []
    for form in forms:
        letters = re.fullmatch(r"([A-Z]+)(\$)", form)
        if letters:
            patterns.append(f"{letters.group(1)}{_S0}\\$")
        else:
            patterns.append(re.escape(form).replace(r"\ ", _S0))
    return "(?:" + "|".join(patterns) + ")"


_NUMBER = (
    rf"(?:(?<![\w$€£¥₹])(?P<cur>{_currency_alt()}){_S0}"
    rf"|(?<![\w.,/:$€£¥₹\u2212+])(?<![A-Za-z]-)|(?<=(?i:minus)-)|(?<=(?i:sub)-)|(?<=(?i:[ -]to)-))"
    rf"(?P<sign>(?<![\w])[-\u2212+](?=\d))?"
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?![\d])(?!,\d)(?![.:/]\d)"
    rf"(?!(?:st|nd|rd|th)(?![a-zA-Z]))"
    rf"(?:{_S0}(?P<abbr>{_alt(ABBREVIATED_SCALES, case=True)})(?![\w])"
    rf"|{_S}(?P<scale>{_alt(SCALES)})(?![\w]))?"
)
_UNIT_AFTER = re.compile(
    rf"(?:{_S0}[-\u2010\u2011]{_S0}|{_S0})(?P<unit>{_alt(UNIT_SYMBOLS, case=True)})(?![\w])"
    rf"|(?:{_S0}[-\u2010\u2011]{_S0}|{_S})(?P<word>{_alt(UNIT_NAMES)})(?![\w])(?![-\u2010\u2011]\d)"
    rf"|(?:{_S0}[-\u2010\u2011]{_S0})(?P<age>(?i:years?[-\u2010\u2011]old))(?![\w])"
    rf"|{_S0}(?P<cword>{_alt(CURRENCY_PREFIXES, case=True)})(?![\w])"
    rf"|(?P<glued>{_alt(GLUED_SYMBOLS, case=True)})(?![\w])"
)
_RATE_AFTER = re.compile(
    rf"(?:{_S}(?i:per|a|an|each)(?:{_S}|[-\u2010\u2011])|{_S0}/{_S0})(?P<den>{_alt(DENOMINATOR_UNITS)})(?![\w])"
)
# 'a year-long ...' after a unit starts a new phrase, it is not a rate
_NOT_RATE = re.compile(rf"{_S}(?i:a|an){_S}(?i:year|day|week|month)(?i:s)?[-\u2010\u2011]")
# 'sixfold', 'two-fold', '10-fold': a multiple ('grew more than sixfold' -> 6 times)
_FOLD = (
    rf"(?<![\w-])(?P<n>\d+(?:\.\d+)?|(?:{_alt(TENS)}[-\u2010\u2011]?)?{_alt(UNIT_WORDS)}|{_alt(TENS)}"
    rf"|(?i:hundred|thousand))[-\u2010\u2011]?(?i:fold)(?![\w-])"
)
# '1/2 pound', '3/4 of': a fraction in digits, only before a unit or 'of' (else it may be a date or a score)
_SLASH_FRACTION = rf"(?<![\w/.,-])(?P<a>\d)/(?P<b>\d{{1,2}})(?![\w/.-])(?={_S}(?:(?i:of)(?![\w])|[A-Za-z]))"
# '1.99×10−30', '6.02 x 10^23', '3×10⁸': scientific notation
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_SCIENTIFIC = (
    r"(?<![\w.,])(?P<mantissa>\d+(?:\.\d+)?)[^\S\n]*[×xX*][^\S\n]*10"
    r"(?:\^?(?P<exponent>[-\u2212\u2013]?\d{1,3})|(?P<super>⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}))(?![\d.,])"
)
# (kind, pattern, a string the text must hold for the pattern to be worth running)
_SPOTTERS = [
    ("digits", re.compile(_NUMBER), ""),
    ("scientific", re.compile(_SCIENTIFIC), "10"),
    ("fold", re.compile(_FOLD), "fold"),
    ("slash", re.compile(_SLASH_FRACTION), "/"),
    ("fraction", re.compile(_FRACTION), ""),
    ("half", re.compile(_HALF), "half"),
    ("ratio", re.compile(_RATIO), ""),
    ("vague", re.compile(_VAGUE), ""),
    ("words", re.compile(NUMBER_WORDS + r"(?![\w])"), ""),
]
_HEDGE_BEFORE = re.compile(rf"(?<![\w-])(?P<w>{_alt(HEDGES)}){_S0}$")
_DIRECTION_ADVERB = re.compile(rf"(?<![\w-])(?P<w>{_alt(_HEDGES['direction_adverbs'])}){_S}(?:(?i:by){_S})?$")
_DIRECTION_VERBS = {lemma: way for way, lemmas in _HEDGES["direction_verbs"].items() for lemma in lemmas}


# --- spotting ------------------------------------------------------------------------------------


@dataclass
class _Quantity:
    """A number found in the text, growing as units, ranges and hedges are attached."""

    start: int
    end: int
    value: float | None = None
    value_range: tuple[float, float] | None = None
    approx: bool = False
    change: str | None = None
    unit: str | None = None
    kind: str = "digits"
    number_end: int = 0  # where the number itself ends, before its unit
    words: list[str] = field(default_factory=list)


def _spot(text: str) -> list[_Quantity]:
    """Every number-like stretch of ``text``, longest first where spotters overlap."""
    found: list[_Quantity] = []
    lowered = text.lower()
    for kind, pattern, needle in _SPOTTERS:
        if needle not in lowered:
            continue
        for m in pattern.finditer(text):
            q = _quantity(kind, m)
            if q is not None:
                found.append(q)
    chosen: list[_Quantity] = []
    for q in sorted(found, key=lambda q: (-(q.end - q.start), q.start)):
        if all(q.end <= c.start or c.end <= q.start for c in chosen):
            chosen.append(q)
    return sorted(chosen, key=lambda q: q.start)


def _quantity(kind: str, m: re.Match) -> _Quantity | None:
    """One spotted number with its value; None when the text is not a usable number."""
    if kind == "digits":
        value = float(m["num"].replace(",", ""))
        end = m.end()
        abbr = m["abbr"]
        if abbr and abbr in ("m", "b") and not m["cur"] and not (abbr == "m" and "." in m["num"]):
            abbr, end = None, m.end("num")  # '100m' is metres, '5b' a name; '$5m', '12.3m tonnes' millions
        if m["cur"] in SCALE_ONLY_PREFIXES and not (abbr or m["scale"]):
            # 'PS2.7m' is ASCII-folded '£2.7m'; 'PS4' is a game console, 'PS 300' a plain 300
            if m.end("cur") == m.start("num"):
                return None
            return _Quantity(m.start("num"), m.end("num"), value=_tidy(value), kind=kind, number_end=m.end("num"))
        if abbr:
            value *= ABBREVIATED_SCALES[abbr]
        if m["scale"]:
            value *= SCALES[m["scale"].lower()]
        if m["sign"] and m["sign"] in "-\u2212":
            value = -value
        unit = (_currency(m["cur"]) or None) if m["cur"] else None
        q = _Quantity(m.start(), end, value=_tidy(value), unit=unit, kind=kind, number_end=end)
        if m["sign"] == "+":
            q.change = "up"
        elif m["sign"]:
            q.change = "down"
        return q
    if kind == "fraction":
        numerator = 1 if m["numerator"].lower() in ("a", "an") else parse_number(m["numerator"])
        if not numerator:
            return None
        denominator = m["denominator"].lower()
        if denominator in ("half", "quarter") and m["numerator"].lower() in ("a", "an") and m["of"] is None:
            return None  # 'a quarter of respondents' is one, 'a quarter past', 'a half-hour' are not
        value = numerator / DENOMINATORS[denominator]
        return _Quantity(m.start(), m.end(), value=_tidy(value), unit="fraction", kind=kind,
                         number_end=m.end())
    if kind == "vague":
        # NewsQuant leaves the change of a vague number '=': its range already says it is not exact
        bounds = parse_vague(m.group())
        if bounds is None:
            return None
        return _Quantity(m.start(), m.end(), value_range=bounds, approx=True, kind=kind, number_end=m.end())
    if kind == "scientific":
        exponent = m["exponent"] or (m["super"] or "").translate(_SUPERSCRIPTS)
        value = float(m["mantissa"]) * 10.0 ** int(exponent.replace("\u2212", "-").replace("\u2013", "-"))
        return _Quantity(m.start(), m.end(), value=float(f"{value:.6g}"), kind=kind, number_end=m.end())
    if kind == "half":
        return _Quantity(m.start(), m.end(), value=0.5, unit="fraction", kind="fraction", number_end=m.end())
    if kind == "ratio":
        part, whole = parse_number(m["a"]), parse_number(m["b"])
        if not part or not whole or not part < whole <= (100 if m["sep"].lower() == "in" else 1000):
            return None
        return _Quantity(m.start(), m.end(), value=_tidy(part / whole), unit="fraction", kind="fraction",
                         number_end=m.end())
    if kind == "fold":
        times = parse_number(m["n"])
        if not times:
            return None
        return _Quantity(m.start(), m.end(), value=times, unit="times", kind=kind, number_end=m.end())
    if kind == "slash":
        numerator, denominator = int(m["a"]), int(m["b"])
        if not 0 < numerator < denominator:
            return None
        return _Quantity(m.start(), m.end(), value=_tidy(numerator / denominator), kind=kind, number_end=m.end())
    value = parse_number(m.group())
    if value is None:
        return None
    return _Quantity(m.start(), m.end(), value=value, kind=kind, number_end=m.end())


def _currency(text: str) -> str:
    """ISO code of a written currency ('US $' and 'US$' alike); '' when unknown."""
    return (CURRENCY_PREFIXES.get(text) or CURRENCY_PREFIXES.get(re.sub(r"\s+", " ", text))
            or CURRENCY_PREFIXES.get(re.sub(r"\s+", "", text), ""))


def _denominator(text: str) -> str:
    return DENOMINATOR_UNITS.get(text) or DENOMINATOR_UNITS.get(" ".join(text.lower().split()), text.lower())


def _attach_unit(q: _Quantity, text: str, scaled: bool) -> None:
    """Read the unit after the number ('%', ' km', '-day', ' million dollars', ' a barrel')."""
    m = _UNIT_AFTER.match(text, q.end)
    if m:
        if m["unit"]:
            unit = UNIT_SYMBOLS[m["unit"]]
        elif m["word"]:
            word = " ".join(m["word"].lower().split())
            with_scale = _UNITS["with_scale"]
            unit = with_scale[word] if scaled and word in with_scale else UNIT_NAMES[word]
        elif m["age"]:
            unit = "year of age"
        elif m["glued"]:
            unit = GLUED_SYMBOLS[m["glued"]]
        else:
            unit = _currency(m["cword"])
        if unit and (q.unit is None or q.unit == unit):  # '$5 dollars' once; '$5 km' keeps the currency
            q.unit, q.end = unit, m.end()
    if q.unit and q.unit != "fraction":
        rate = _RATE_AFTER.match(text, q.end)
        if rate and not _NOT_RATE.match(text, q.end):
            q.unit = f"{q.unit} per {_denominator(rate['den'])}"
            q.end = rate.end()
            return
        # 'C$6 (US$4.46) per share': the rate after a gloss in brackets is the amount's (its span stays put)
        gloss = _GLOSS_AFTER.match(text, q.end)
        rate = _RATE_AFTER.match(text, gloss.end()) if gloss else None
        if rate and not _NOT_RATE.match(text, gloss.end()):
            q.unit = f"{q.unit} per {_denominator(rate['den'])}"


_GLOSS_AFTER = re.compile(r"[^\S\n]*\([^()\n]{1,40}\)")
_MINUS_BEFORE = re.compile(rf"(?<![\w-])(?i:minus)(?:{_S0}-{_S0}|{_S})$")
_TIME_UNITS = [w for w, u in UNIT_NAMES.items() if u in ("year", "decade", "century", "month", "week", "day",
                                                         "hour", "minute", "second")]
_UNIT_COUNT = re.compile(rf"(?:{_S0}[-\u2010\u2011]{_S0}|{_S})(?:{_alt(_TIME_UNITS)})(?![\w])")
_GLUING_HYPHEN = re.compile(r"(?<=\w)[-\u2010\u2011]|[-\u2010\u2011](?=\w)")
_RANGE_GAP = re.compile(
    rf"^(?:{_S0}[-\u2013\u2014]{_S0}|{_S}(?i:to|and|up{_S}to){_S}|{_S0}[-\u2010\u2011]?(?i:to)[-\u2010\u2011]{_S0}"
    rf"|{_S}(?i:to)[-\u2010\u2011])$"
)


def _merge_ranges(quantities: list[_Quantity], text: str) -> list[_Quantity]:
    """'20 to 30', '5,000-7,000', 'between 5,000 and 7,000', 'from $500,000 to $1 million' -> one range."""
    out: list[_Quantity] = []
    i = 0
    while i < len(quantities):
        q = quantities[i]
        if i + 1 < len(quantities) and q.value is not None and quantities[i + 1].value is not None:
            nxt = quantities[i + 1]
            gap = text[q.end : nxt.start]
            joined = _RANGE_GAP.match(gap)
            word = " ".join(_GLUING_HYPHEN.sub(" ", gap.lower()).split())  # '0-to-60' reads '0 to 60'
            before = text[max(0, q.start - 12) : q.start].lower()
            between = re.search(r"\bbetween\s+$", before) is not None
            frm = re.search(r"\bfrom\s+$", before) is not None
            ok = joined and (
                (word == "and" and between)
                or (word == "to" and (frm or q.change not in ("up", "down")))
                or (word == "up to" and frm)
                or (word in ("-", "\u2013", "\u2014") and nxt.value > q.value)
            )
            # '20 to 30 km' shares the unit, and so does 'from 208 pounds to 193';
            # 'fell 0.4 per cent to 13176' is a change and a level
            same_unit = q.unit is None or q.unit == nxt.unit or (nxt.unit or "").startswith(q.unit)
            if ok and (same_unit or (frm and nxt.unit is None)):
                low = q.value
                bare = q.kind == "digits" and q.end == q.number_end
                if bare and nxt.kind in ("digits", "words") and low < nxt.value:
                    scale = _scale_of(text[nxt.start : nxt.number_end])
                    if scale > 1 and low * scale <= nxt.value:
                        low *= scale  # '1 to 2 thousand' -> 1000-2000
                if word != "to" or nxt.value >= low or frm:
                    # a hedge before the first number is the range's ('about 14-18 mpg')
                    # a rise or fall does not carry over: 'increase between 5% and 6%' is the range 5-6
                    change = next((c for c in (q.change, None if word == "up to" else nxt.change)
                                   if c not in (None, "=", "up", "down")), None)
                    merged = replace(nxt, start=q.start, value=None, value_range=(_tidy(low), nxt.value),
                                     unit=nxt.unit or q.unit, kind="range", change=change,
                                     approx=q.approx or nxt.approx)
                    if between or frm:
                        merged.words = ["between" if between else "from"]
                    out.append(merged)
                    i += 2
                    continue
        out.append(q)
        i += 1
    return out


_ABBREVIATED_SCALE_END = re.compile(rf"({_alt(ABBREVIATED_SCALES, case=True)})$")


def _scale_of(number_text: str) -> int:
    for token in reversed(number_text.split()):
        if token.lower() in SCALES:
            return SCALES[token.lower()]
        if token in ABBREVIATED_SCALES:
            return ABBREVIATED_SCALES[token]
    match = _ABBREVIATED_SCALE_END.search(number_text)
    return ABBREVIATED_SCALES[match.group(1)] if match else 1


def _hedge(q: _Quantity, text: str) -> None:
    """'almost 20%' -> '~', 'more than 700' -> '>', 'up 2%' -> 'up' (from the words before)."""
    before = _MINUS_BEFORE.sub("", text[max(0, q.start - 36) : q.start])  # 'about minus 387' is hedged too
    direction = _DIRECTION_ADVERB.search(before)
    if direction:
        q.change = _HEDGES["direction_adverbs"][direction["w"].lower()]
        return
    m = _HEDGE_BEFORE.search(before)
    if m:
        change = HEDGES[" ".join(m["w"].lower().split())]
        if q.change in (None, "~"):
            q.change = change
        if change != "=":
            q.approx = True


# --- filters -----------------------------------------------------------------------------------


_GLUED = re.compile(r"[A-Za-z]{2}|(?<=0)s(?![A-Za-z])")
_NAME_MARK = re.compile(r"[A-Z0-9]")
_YEAR = re.compile(r"\d{4}")


def _time_spans(times: Iterable) -> list[tuple[int, int]]:
    """Where numbers are parts of dates, clock times or sets ('4 May', '3 p.m.', 'every 2 weeks')."""
    return [(t.span.start, t.span.end) for t in times
            if t.type in ("DATE", "TIME", "SET") and t.span.end > t.span.start]


def _in_name(q: _Quantity, text: str, index: _TokenIndex) -> bool:
    """A number inside a name entity that has more than the number ('Boeing 787', 'iPhone 11'); an
    entity that is only the quantity ('5kW', '200p', which the small model often calls a name) is not one."""
    for start, end in index.names:
        if start < q.number_end and q.start < end:
            rest = text[start : max(start, q.start)] + text[min(q.end, end) : end]
            if _NAME_MARK.search(rest):  # a name has a capital or digit besides the number
                return True
    return False


def _is_year(q: _Quantity, text: str, doc, index: _TokenIndex) -> bool:
    """A bare year the parser dates ('by 2120', 'A.D. 1260') though the time rules left it alone."""
    if doc is None or not index or q.kind != "digits" or q.unit is not None or q.value is None:
        return False
    if not (_YEAR.fullmatch(text, q.start, q.number_end) and 1000 <= q.value <= 2199):
        return False
    position = index[q.start]
    if position < 0:
        return False
    token = doc[position]
    # '2000 people', however the entity is tagged
    counts = token.dep_ == "nummod" and token.head.tag_ in ("NNS", "NNPS") and token.head.i == token.i + 1
    return token.ent_type_ == "DATE" and not counts


def _not_a_figure(q: _Quantity, text: str, doc, index: _TokenIndex, time_spans: list[tuple[int, int]]) -> bool:
    """Numbers that are parts of dates, times or names, and numbers glued to a word ('49ers', '1990s')."""
    if _overlaps(q.start, q.number_end, time_spans) and not _UNIT_COUNT.match(text, q.number_end):
        return True  # a day, year or clock time -- but 'two years ago' still counts two years
    if q.kind == "digits" and q.end == q.number_end and _GLUED.match(text, q.end):
        return True  # '49ers', 'MP3s' stay words; '1990s' is a decade
    return _in_name(q, text, index) or _is_year(q, text, doc, index) or _is_name_part(q, text, doc, index)


def _is_name_part(q: _Quantity, text: str, doc=None, index: _TokenIndex | None = None) -> bool:
    """A number that is part of a name: after a designator ('Article 370', 'No. 5'), or, by the
    parse, between a proper noun and the number ('iPhone 11', 'Stoxx 50') or before a singular
    proper noun ('787 Dreamliner', but not '613 Azerbaijanis')."""
    if q.kind != "digits" or q.unit is not None:
        return False
    before = text[max(0, q.start - 20) : q.start]
    m = re.search(r"([A-Z][\w.&]*)[^\S\n]$", before)
    if m and m.group(1) in DESIGNATORS:
        return True
    if doc is None or not index or index[q.start] < 0:
        return False
    token = doc[index[q.start]]
    previous = doc[token.i - 1] if token.i > 0 else None
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    places = ("GPE", "NORP", "LOC", "DATE", "TIME")
    if (previous is not None and previous.text == "(" and following is not None and following.text == ")"
            and token.i > 1 and doc[token.i - 2].ent_type_ == "PERSON"):
        return True  # a player's shirt number: 'Dak Prescott (4)'
    if (
        previous is not None
        and previous.pos_ == "PROPN"
        and not previous.is_sent_start
        and previous.ent_type_ not in places
        and previous.idx + len(previous.text) + 1 == q.start
    ):
        return True
    # '460 Kia and Hyundai vehicles' counts vehicles; 'two new 737 Max jets' has its count already
    head = token.head
    plural = head.tag_ in ("NNS", "NNPS") or (following is not None and head.i > following.i and head.text[-1:] in "sS")
    counts_plural = (token.dep_ == "nummod" and plural  # '63,150 Model 3s' too
                     and not any(c.dep_ == "nummod" and c.i < token.i for c in head.children))
    return bool(following is not None and following.tag_ == "NNP" and following.ent_type_ not in places
                and following.idx == q.number_end + 1 and not counts_plural)


class _TokenIndex:
    """char offset -> index of the token covering it (-1 between tokens), and the doc's name entities;
    built once per doc from spaCy's arrays (iterating tokens or ``doc.ents`` per number is slow)."""

    def __init__(self, doc=None) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.names: list[tuple[int, int]] = []
        if doc is None or not len(doc):
            return
        from spacy.attrs import IDX, LENGTH

        columns = doc.to_array([IDX, LENGTH]).tolist()
        self.starts = [start for start, _ in columns]
        self.ends = [start + length for start, length in columns]
        self.names = [(e.start_char, e.end_char) for e in entities(doc) if e.label_ in NAME_LABELS]

    def __bool__(self) -> bool:
        return bool(self.starts)

    def __getitem__(self, char: int) -> int:
        i = bisect.bisect_right(self.starts, char) - 1
        return i if i >= 0 and char < self.ends[i] else -1


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


# --- the parse: concept, category, subsets ---------------------------------------------------------

_PRONOUNS = frozenset({"them", "those", "these", "whom", "which", "us", "they", "it", "others", "other"})
_OUTCOME_VERBS: dict[str, str] = _OUTCOMES["verbs"]
_OUTCOME_WORDS: dict[str, str] = _OUTCOMES["predicates"]
_SUBSET_MARKERS = frozenset(_OUTCOMES["subset_markers"])
_VERB_OBJECTS: dict[str, str] = _OUTCOMES["verb_objects"]
_ZERO = re.compile(rf"(?<![\w-])(?P<w>{_alt(_OUTCOMES['zero_words'])})(?![\w-])")
_ZERO_NOT_BEFORE = frozenset(_OUTCOMES["zero_not_before"])
_TOLLS: dict[str, str] = _OUTCOMES["tolls"]
# where the outcome word of a clause sits besides its verb: 'taken hostage', 'are still missing'
_COMPLEMENTS = frozenset({"acomp", "oprd", "xcomp", "attr", "ccomp", "advcl", "dobj", "npadvmod"})


@dataclass
class _Parsed:
    """What the parse says about one quantity."""

    root: object = None  # the syntactic head inside the figure's span
    head: object = None  # the counted noun
    concept: str | None = None
    pronoun: bool = False  # 'of them' / 'others': the concept comes from another figure
    of_pronoun: bool = False  # '150 of them': a subset of that figure


def _span_root(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _counted_noun(root, q_start: int, q_end: int):
    """The noun a number counts: '613 Azerbaijanis', 'hundreds of civilians', '44-day conflict'."""
    head = root.head
    modifies = root.dep_ in ("nummod", "compound", "amod", "nmod", "quantmod", "npadvmod") and head.i > root.i
    if modifies and (head.pos_ in ("NOUN", "PROPN", "PRON") or head.lower_ in _PRONOUNS):
        return head
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                target = objects[0]
                # 'tens of thousands of people': skip over number words to the noun counted
                while target.like_num or target.lower_ in VAGUE:
                    nested = [c for g in target.children if g.dep_ == "prep" and g.lower_ == "of"
                              for c in g.children if c.dep_ == "pobj"]
                    if not nested:
                        break
                    target = nested[0]
                return target
    return None


def _phrase(head, start_limit: int) -> str:
    """The counted noun with its modifiers and conjoined nouns: 'settlements and villages'."""
    doc = head.doc
    left = head.i
    for child in head.lefts:
        if child.dep_ in ("amod", "compound", "nmod", "poss", "npadvmod") and child.idx >= start_limit:
            left = min(left, min(t.i for t in child.subtree))
    while left < head.i and (doc[left].pos_ in ("DET", "PRON", "PUNCT") or doc[left].tag_ == "PRP$"
                             or doc[left].idx < start_limit):
        left += 1
    right = head.i
    for child in head.rights:
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN") and not any(
            g.dep_ == "nummod" for g in child.children
        ):
            right = max(right, child.i)
            for grand in child.rights:
                if grand.dep_ == "conj" and grand.pos_ in ("NOUN", "PROPN"):
                    right = max(right, grand.i)
    return doc[left : right + 1].text


def _parse(doc, q: _Quantity) -> _Parsed:
    root = _span_root(doc, q.start, q.end)
    if root is None:
        return _Parsed()
    parsed = _Parsed(root=root)
    head = _counted_noun(root, q.start, q.end)
    if head is None:
        return parsed
    parsed.head = head
    if head.lower_ in _PRONOUNS:
        parsed.pronoun = True
        parsed.of_pronoun = head.dep_ == "pobj"
        return parsed
    if head.idx >= q.start and head.idx < q.end:
        return parsed  # the 'noun' is the figure itself ('hundreds'), nothing counted
    parsed.concept = _phrase(head, q.end if head.i > root.i else 0)
    return parsed


def _outcome_of(token) -> str | None:
    """The outcome a word names: 'killed' / 'kill' -> killed, 'hostage' -> hostage, 'wipe out' -> killed."""
    lowered = token.lower_
    if lowered in _OUTCOME_WORDS:
        return _OUTCOME_WORDS[lowered]
    if token.pos_ in ("VERB", "AUX", "ADJ"):
        particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
        for particle in particles:
            phrase = f"{token.lemma_.lower()} {particle}"
            if phrase in _OUTCOME_VERBS:
                return _OUTCOME_VERBS[phrase]
        if token.lemma_.lower() in _OUTCOME_VERBS:
            return _OUTCOME_VERBS[token.lemma_.lower()]
        for child in token.children:  # 'claimed 60 lives', 'lost their lives'
            phrase = f"{token.lemma_.lower()} {child.lemma_.lower()}"
            if child.dep_ in ("dobj", "oprd", "acomp") and phrase in _VERB_OBJECTS:
                return _VERB_OBJECTS[phrase]
    return None


def _toll(token) -> str | None:
    """The outcome of a toll noun: 'death toll' -> killed, 'toll' -> its own ('killed')."""
    if token.lemma_.lower() not in _TOLLS:
        return None
    for child in token.children:
        if child.dep_ in ("compound", "amod") and child.lower_ in _OUTCOME_WORDS:
            return _OUTCOME_WORDS[child.lower_]
    return _TOLLS[token.lemma_.lower()]


def _among(governor) -> str | None:
    """'Among the dead were 14 children', 'six journalists were among those detained'."""
    for prep in governor.children:
        if prep.dep_ != "prep" or prep.lower_ != "among":
            continue
        for group in prep.children:
            if group.dep_ != "pobj":
                continue
            if group.lower_ in _OUTCOME_WORDS:
                return _OUTCOME_WORDS[group.lower_]
            for child in group.children:
                if child.dep_ in ("acl", "relcl", "amod"):
                    found = _outcome_of(child)
                    if found:
                        return found
    return None


def _category(parsed: _Parsed) -> str | None:
    """The outcome that governs a count: its noun ('40 dead'), verb ('were killed', 'killing
    hundreds') or the verb's complement ('taken hostage', 'are still missing')."""
    node = parsed.head if parsed.head is not None and not parsed.of_pronoun else parsed.root
    if node is None:
        return None
    root = parsed.root
    # '40 dead', '300 refugees', and the parser's '31 [engineers hostage]' / '300 [dead]' (nummod of an ADJ)
    for token in (node, root, node.head if node.dep_ == "compound" else None,
                  root.head if root is not None and root.dep_ in ("nummod", "quantmod") else None):
        if token is not None and token.lower_ in _OUTCOME_WORDS:
            return _OUTCOME_WORDS[token.lower_]
    for child in node.children:  # '30 people killed', 'people who died'
        if child.dep_ in ("acl", "relcl", "amod"):
            found = _outcome_of(child)
            if found:
                return found
    # 'hundreds of civilians': the governor is that of 'hundreds'
    while node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head is not node:
        node = node.head.head
        if _toll(node):  # 'a death toll of 45'
            return _toll(node)
    if node.dep_ == "pobj" and node.head.lower_ in ("to", "at"):
        # 'the death toll rose to 45', 'raising the toll to 45', 'the toll stands at 45'
        verb = node.head.head
        for token in (verb, *verb.children):
            if token.dep_ in ("nsubj", "nsubjpass", "dobj", "ROOT") and _toll(token):
                return _toll(token)
    while node.dep_ == "conj" and node.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        node = node.head
    if node.dep_ not in ("nsubj", "nsubjpass", "dobj", "attr", "appos", "npadvmod", "ROOT", "conj"):
        return None
    governor = node.head if node.dep_ != "ROOT" else node
    found = _outcome_of(governor) or _among(governor)
    if found:
        return found
    for child in governor.children:
        if child.dep_ in _COMPLEMENTS and child is not node:
            found = _outcome_of(child)
            if found:
                return found
    return None


def _direction(parsed: _Parsed) -> str | None:
    """'rose 8.15%', 'fell by 0.4 per cent' -> up / down (not 'to 3.65': that is a level)."""
    root = parsed.root
    if root is None:
        return None
    node = root
    if node.dep_ in ("nummod", "quantmod") and node.head.pos_ in ("NOUN", "PROPN") and node.head.i > node.i:
        node = node.head  # 'grew by 125,600 positions': the counted noun stands in the clause
    for _ in range(3):  # 'lost 190 points, or 0.6%': a conjunct or apposition plays the first one's part
        if node.dep_ not in ("conj", "appos") or node.head.pos_ not in ("NOUN", "PROPN", "NUM", "SYM"):
            break
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ == "by":
        node = node.head
    elif node.dep_ not in ("dobj", "npadvmod", "advmod", "attr"):
        return None
    verb = node.head
    lemma = verb.lemma_.lower()
    particles = [c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")]
    for particle in particles:
        if f"{lemma} {particle}" in _DIRECTION_VERBS:
            return _DIRECTION_VERBS[f"{lemma} {particle}"]
    return _DIRECTION_VERBS.get(lemma) if verb.pos_ in ("VERB", "AUX") else None


def _subset_target(parsed: _Parsed):
    """The token a subset hangs from: '[hundreds] of civilians, including 106 women' -> hundreds."""
    node = parsed.head if parsed.head is not None else parsed.root
    if node is None:
        return None
    while node.dep_ == "conj":
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ in _SUBSET_MARKERS:
        return node.head.head
    return None


# --- entry points ---------------------------------------------------------------------------------


_DATE_MODIFIERS = frozenset({"last", "next", "this", "past", "coming", "previous"})


def _is_figure_word(q: _Quantity, root) -> bool:
    """'one' counts only as a number before a noun ('one parent'), not as a pronoun ('one of'); 'a
    third' is a fraction ('cut by a third', 'a third of the budget'), not an ordinal before its noun
    ('won a third term', 'for a seventh straight session')."""
    if q.kind == "fraction":
        word = q.words[0].split()[0] if q.words and q.words[0] else ""
        span = root.doc.char_span(q.start, q.end, alignment_mode="expand") if root is not None else None
        last = span[-1] if span is not None and len(span) else None
        ordinal = last is not None and last.dep_ == "amod" and last.head.i > last.i
        if ordinal and any(c.lower_ in _DATE_MODIFIERS for c in last.head.children):
            ordinal = False  # 'rose by a fifth last year', parsed as one noun phrase
        return not (word in ("a", "an", "one") and ordinal)
    if q.kind != "words":
        return True
    word = q.words[0] if q.words else ""
    if word in ("one", "a", "an") and q.unit is None and (root is None or root.dep_ != "nummod"):
        # 'one of the best screens' counts one, 'one another' / 'the one who' do not
        return word == "one" and root is not None and any(c.lower_ == "of" for c in root.children)
    return True


def find_figures(text: str, doc=None, times: Iterable = ()) -> list[Figure]:
    """Every figure of ``text``; ``doc`` (its spaCy parse) adds concepts, categories and subsets.

    >>> [(f.value, f.unit, f.approx) for f in find_figures("Prices rose almost 20% in a year.")]
    [(20, 'percent', True)]
    """
    if not text:
        return []
    time_spans = _time_spans(times)
    index = _TokenIndex(doc)
    quantities = []
    for q in _spot(text):
        q.words = [text[q.start : q.number_end].lower().strip()]
        _attach_unit(q, text, _scale_of(text[q.start : q.number_end]) > 1)
        if _MINUS_BEFORE.search(text, max(0, q.start - 8), q.start) and q.value is not None:
            q.value = -q.value  # 'minus 387 Fahrenheit'
        if _not_a_figure(q, text, doc, index, time_spans):
            continue  # dropped before ranges are joined: 'in 2018 to 3.9 million' is no range
        _hedge(q, text)
        level = _LEVEL_BEFORE.search(text, max(0, q.start - 8), q.start)
        if doc is not None and q.change in (None, "=", "~") and not level:
            q.change = _direction(_parse(doc, q)) or q.change
        quantities.append(q)
    parsed_of: list[tuple[Figure, _Parsed]] = []
    for q in _merge_ranges(quantities, text):
        parsed = _parse(doc, q) if doc is not None else _Parsed()
        if not _is_figure_word(q, parsed.root):
            continue
        if q.unit is None and q.kind == "slash":
            q.unit = "fraction"  # '3/4 of the flour'; '1/2 pound' has its unit
        if q.unit is None and _is_age(q, text, doc, index):
            q.unit, parsed.concept = "year of age", None
        figure = Figure(
            id="", span=Span(q.start, q.end, text[q.start : q.end]), value=q.value, value_range=q.value_range,
            approx=q.approx, change=q.change or "=", unit=q.unit, concept=parsed.concept,
            category=_category(parsed) if doc is not None and _counts_people(q) else None,
        )
        parsed_of.append((figure, parsed))
    if doc is not None:
        parsed_of += _zero_tolls(text, doc, index, [(f.span.start, f.span.end) for f, _ in parsed_of])
        parsed_of.sort(key=lambda pair: pair[0].span.start)
    figures = _link(parsed_of)
    return [replace(f, id=f"fig-{i}") for i, f in enumerate(figures, start=1)]


def _zero_tolls(text: str, doc, index: _TokenIndex, taken: list[tuple[int, int]]) -> list[tuple[Figure, _Parsed]]:
    """Tolls of none: 'No one was killed' -> 0 killed, 'no deaths were reported' -> 0 killed.

    A zero word is a figure only where an outcome governs it: 'no plans', 'none of this' are not."""
    found: list[tuple[Figure, _Parsed]] = []
    for m in _ZERO.finditer(text):
        position = index[m.end() - 1]
        if position < 0 or _overlaps(m.start(), m.end(), taken):
            continue
        token = doc[position]
        if m["w"].lower() == "no":
            following = doc[position + 1] if position + 1 < len(doc) else None
            if (token.dep_ != "det" or token.head.pos_ not in ("NOUN", "PROPN") or token.head.i < token.i
                    or following is None or following.lower_ in _ZERO_NOT_BEFORE):
                continue
            parsed = _Parsed(root=token.head, head=token.head, concept=_phrase(token.head, m.end()))
        else:  # 'no one', 'nobody', 'none of the passengers'
            head = _counted_noun(token, m.start(), m.end())
            parsed = _Parsed(root=token, concept=_phrase(head, m.end()) if head is not None else None)
        category = _category(parsed)
        if category is None:
            continue
        figure = Figure(id="", span=Span(m.start(), m.end(), m.group()), value=0, change="=",
                        concept=parsed.concept, category=category)
        found.append((figure, parsed))
    return found


# 'rose 8% to 3.65', 'fell from $2,415': after these a number is a level, whatever the parse says
_LEVEL_BEFORE = re.compile(rf"(?<![\w-])(?i:to|from|at){_S}$")
_AGED_BEFORE = re.compile(rf"(?<![\w-])(?i:aged|ages){_S}$")


def _is_age(q: _Quantity, text: str, doc, index: _TokenIndex) -> bool:
    """An age without 'years old': 'women aged 25 to 54', and news style's 'Maddon, 66, said'
    (a whole number between commas right after a person's name)."""
    if _AGED_BEFORE.search(text, max(0, q.start - 8), q.start):
        return True
    if doc is None or not index or q.kind != "digits" or q.value is None or not float(q.value).is_integer():
        return False
    if not 0 < q.value < 120 or index[q.start] < 2:
        return False
    token = doc[index[q.start]]
    comma, name = doc[token.i - 1], doc[token.i - 2]
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return (comma.text == "," and (name.ent_type_ == "PERSON" or name.tag_ == "NNP") and after is not None
            and after.text in (",", ")", ";"))


def _counts_people(q: _Quantity) -> bool:
    """Outcomes are for head counts: no unit (a percentage of people killed is not a toll)."""
    return q.unit is None


def _link(parsed_of: list[tuple[Figure, _Parsed]]) -> list[Figure]:
    """Give pronoun figures their antecedent's concept and subsets their ``part_of`` (ids set here)."""
    out: list[Figure] = []
    ids = [f"fig-{i}" for i in range(1, len(parsed_of) + 1)]
    for index, (figure, parsed) in enumerate(parsed_of):
        if parsed.pronoun:
            antecedent = _antecedent(parsed_of, index)
            if antecedent is not None:
                other = out[antecedent]
                figure = replace(figure, concept=other.concept)
                if parsed.of_pronoun:
                    category = figure.category or other.category
                    figure = replace(figure, part_of=ids[antecedent], category=category)
            elif parsed.head is not None:
                figure = replace(figure, concept=parsed.head.text)
        elif figure.unit is None and figure.concept is None and parsed.root is not None:
            figure = _fill_ellipsis(figure, parsed_of, out, index)
        target = _subset_target(parsed)
        if target is None and _among_them(parsed):  # '12 people dead, among them four children'
            antecedent = _antecedent(parsed_of, index)
            if antecedent is not None:
                other = out[antecedent]
                figure = replace(figure, part_of=ids[antecedent], category=figure.category or other.category)
        if target is not None:
            # 'including' hangs from the group ('hundreds of civilians, including') or, as the parser
            # often has it, from the verb whose object the group is ('killing dozens ..., including')
            targets = {target} | {c for c in target.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")}
            for j in range(index - 1, -1, -1):
                other_parsed = parsed_of[j][1]
                if other_parsed.root in targets or other_parsed.head in targets:
                    figure = replace(figure, part_of=ids[j], category=figure.category or out[j].category)
                    break
        out.append(figure)
    return out


# a bare number after these compares with the count before it: 'up from 2.4 million', 'compared with 63'
_COMPARISON_PREPS = frozenset({"from", "with", "than"})


def _fill_ellipsis(figure: Figure, parsed_of: list[tuple[Figure, _Parsed]], done: list[Figure], index: int) -> Figure:
    """A bare number whose unit or counted noun the text leaves out takes them from its partner:
    a conjunct ('8 or $9', '435 homes by open sale and 187 by tender') or, after 'from' / 'with' /
    'than', the count just before it ('3.9 million headsets, up from 2.4 million')."""
    root = parsed_of[index][1].root
    partner = _conjunct_partner(parsed_of, index)
    if partner is not None:
        other = done[partner] if partner < index else parsed_of[partner][0]
        return replace(figure, unit=other.unit, concept=other.concept)
    if root.dep_ == "pobj" and root.head.lower_ == "to":
        # 'from about 14-18 mpg to 24': the end of a from-to span shares its start's unit
        for j in range(index - 1, max(-1, index - 3), -1):
            other, other_root = done[j], parsed_of[j][1].root
            node = other_root
            if node is not None and node.dep_ in ("nummod", "quantmod"):
                node = node.head
            if (node is not None and node.dep_ == "pobj" and node.head.lower_ == "from"
                    and root.head.head.i in (node.head.i, node.head.head.i) and other.unit is not None):
                return replace(figure, unit=other.unit)
    if root.dep_ == "pobj" and root.head.lower_ in _COMPARISON_PREPS:
        for j in range(index - 1, -1, -1):
            other, other_parsed = done[j], parsed_of[j][1]
            if other_parsed.root is None or other_parsed.root.i < root.sent.start:
                break
            if other.unit is None and other.concept is not None and other.value_range is None:
                return replace(figure, concept=other.concept)
    return figure


def _conjunct_partner(parsed_of: list[tuple[Figure, _Parsed]], index: int) -> int | None:
    """The figure a bare number is coordinated with, when that one has a unit or counted noun."""
    root = parsed_of[index][1].root
    by_root = {p.root.i: j for j, (f, p) in enumerate(parsed_of) if p.root is not None and j != index
               and (f.unit is not None or f.concept is not None)}
    if root.dep_ == "conj" and root.head.i in by_root:
        return by_root[root.head.i]
    for child in root.children:
        if child.dep_ == "conj" and child.i in by_root:
            return by_root[child.i]
    if root.dep_ == "conj" and root.head.pos_ in ("VERB", "AUX"):
        # gapping: '[offer] 435 homes by open sale and 187 by tender' -- the verb's object counts
        for j, (_, p) in enumerate(parsed_of[:index]):
            node = p.head if p.head is not None else p.root
            if j in by_root.values() and node is not None and node.head.i == root.head.i and node.dep_ == "dobj":
                return j
    return None


def _among_them(parsed: _Parsed) -> bool:
    """The counted noun carries a subset marker with a pronoun: 'among them four children'."""
    node = parsed.head if parsed.head is not None else parsed.root
    if node is None:
        return False
    return any(prep.dep_ == "prep" and prep.lower_ in _SUBSET_MARKERS
               and any(c.dep_ == "pobj" and c.lower_ in _PRONOUNS for c in prep.children)
               for prep in node.children)


def _antecedent(parsed_of: list[tuple[Figure, _Parsed]], index: int) -> int | None:
    """The figure a pronoun refers to: the nearest one before it, in its sentence or the one before,
    that counts something named ('1,275 Azerbaijanis ..., 150 of them')."""
    parsed = parsed_of[index][1]
    sentence = parsed.root.sent if parsed.root is not None else None
    for j in range(index - 1, -1, -1):
        other_figure, other = parsed_of[j]
        if other.root is None or other_figure.concept is None or other_figure.unit is not None:
            continue
        if sentence is not None and other.root.sent.start < sentence.start:
            previous = other.root.doc[sentence.start - 1].sent if sentence.start > 0 else None
            if previous is None or other.root.sent.start != previous.start:
                return None
        if other.head is not None and other.head.dep_ == "pobj" and other.head.head.lower_ in _SUBSET_MARKERS:
            continue  # a subset ('including 106 women') is not what 'them' points back to
        return j
    return None


def extract(doc, ledger) -> list[Figure]:
    """The pipeline's entry: figures of ``doc``, skipping numbers inside the ledger's dates and times."""
    return find_figures(ledger.article.text if doc is None else doc_text(doc), doc, ledger.times)
