"""Ranges: two spotted numbers read as one ('20 to 30', '5,000-7,000', 'between 5,000 and 7,000',
'from $500,000 to $1 million', '1 to 2 thousand', '0-to-60 mph')."""

from __future__ import annotations

import re
from dataclasses import replace

from newsledger.extract.figures.spotting import Quantity
from newsledger.extract.figures.units import scale_of
from newsledger.extract.numbers import BLANKS as _S
from newsledger.extract.numbers import BLANKS0 as _S0
from newsledger.extract.numbers import tidy as _tidy

_GLUING_HYPHEN = re.compile(r"(?<=\w)[-\u2010\u2011]|[-\u2010\u2011](?=\w)")
_RANGE_GAP = re.compile(
    rf"^(?:{_S0}[-\u2013\u2014]{_S0}|{_S}(?i:to|and|up{_S}to){_S}|{_S0}[-\u2010\u2011]?(?i:to)[-\u2010\u2011]{_S0}"
    rf"|{_S}(?i:to)[-\u2010\u2011])$"
)


def merge_ranges(quantities: list[Quantity], text: str) -> list[Quantity]:
    """'20 to 30', '5,000-7,000', 'between 5,000 and 7,000', 'from $500,000 to $1 million' -> one range."""
    out: list[Quantity] = []
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
                    scale = scale_of(text[nxt.start : nxt.number_end])
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
