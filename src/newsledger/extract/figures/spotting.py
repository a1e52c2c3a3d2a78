"""Spotting numbers: the patterns for digits and money ('1,275', '$1.2bn'), number words
('forty-four'), fractions and ratios ('two-thirds', 'one in five'), vague words ('hundreds'),
multiples ('sixfold') and scientific notation ('1.99×10−30'), and the Quantity each match becomes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsledger.extract.figures.vocabulary import CURRENCY_PREFIXES, SCALE_ONLY_PREFIXES, currency_code
from newsledger.extract.numbers import (
    ABBREVIATED_SCALES,
    DENOMINATORS,
    MULTIPLES,
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


# --- spotting ------------------------------------------------------------------------------------


@dataclass
class Quantity:
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


def spot_quantities(text: str) -> list[Quantity]:
    """Every number-like stretch of ``text``, longest first where spotters overlap."""
    found: list[Quantity] = []
    lowered = text.lower()
    for kind, pattern, needle in _SPOTTERS:
        if needle not in lowered:
            continue
        for m in pattern.finditer(text):
            q = _quantity(kind, m)
            if q is not None:
                found.append(q)
    chosen: list[Quantity] = []
    for q in sorted(found, key=lambda q: (-(q.end - q.start), q.start)):
        if all(q.end <= c.start or c.end <= q.start for c in chosen):
            chosen.append(q)
    return sorted(chosen, key=lambda q: q.start)


def _quantity(kind: str, m: re.Match) -> Quantity | None:
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
            return Quantity(m.start("num"), m.end("num"), value=_tidy(value), kind=kind, number_end=m.end("num"))
        if abbr:
            value *= ABBREVIATED_SCALES[abbr]
        if m["scale"]:
            value *= SCALES[m["scale"].lower()]
        if m["sign"] and m["sign"] in "-\u2212":
            value = -value
        unit = (currency_code(m["cur"]) or None) if m["cur"] else None
        q = Quantity(m.start(), end, value=_tidy(value), unit=unit, kind=kind, number_end=end)
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
        return Quantity(m.start(), m.end(), value=_tidy(value), unit="fraction", kind=kind,
                         number_end=m.end())
    if kind == "vague":
        # NewsQuant leaves the change of a vague number '=': its range already says it is not exact
        bounds = parse_vague(m.group())
        if bounds is None:
            return None
        return Quantity(m.start(), m.end(), value_range=bounds, approx=True, kind=kind, number_end=m.end())
    if kind == "scientific":
        exponent = m["exponent"] or (m["super"] or "").translate(_SUPERSCRIPTS)
        value = float(m["mantissa"]) * 10.0 ** int(exponent.replace("\u2212", "-").replace("\u2013", "-"))
        return Quantity(m.start(), m.end(), value=float(f"{value:.6g}"), kind=kind, number_end=m.end())
    if kind == "half":
        return Quantity(m.start(), m.end(), value=0.5, unit="fraction", kind="fraction", number_end=m.end())
    if kind == "ratio":
        part, whole = parse_number(m["a"]), parse_number(m["b"])
        if not part or not whole or not part < whole <= (100 if m["sep"].lower() == "in" else 1000):
            return None
        return Quantity(m.start(), m.end(), value=_tidy(part / whole), unit="fraction", kind="fraction",
                         number_end=m.end())
    if kind == "fold":
        times = parse_number(m["n"])
        if not times:
            return None
        return Quantity(m.start(), m.end(), value=times, unit="times", kind=kind, number_end=m.end())
    if kind == "slash":
        numerator, denominator = int(m["a"]), int(m["b"])
        if not 0 < numerator < denominator:
            return None
        return Quantity(m.start(), m.end(), value=_tidy(numerator / denominator), kind=kind, number_end=m.end())
    value = parse_number(m.group())
    if value is None:
        return None
    return Quantity(m.start(), m.end(), value=value, kind=kind, number_end=m.end())
