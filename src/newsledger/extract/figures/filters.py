"""Numbers that are not figures: parts of dates, clock times and sets, years the parser dates,
parts of names ('Article 370', 'Boeing 787'), numbers glued to a word ('49ers'), ordinals and
pronouns ('a third term', 'one of'); and ages, which are figures typed as such ('Maddon, 66,')."""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsledger.extract.figures.spotting import Quantity
from newsledger.extract.figures.tokens import TokenIndex
from newsledger.extract.figures.vocabulary import DESIGNATORS, STREET_WORDS, UNIT_NAMES
from newsledger.extract.numbers import BLANKS as _S
from newsledger.extract.numbers import BLANKS0 as _S0
from newsledger.extract.numbers import alternation as _alt
from newsledger.model import overlaps

_TIME_UNITS = [w for w, u in UNIT_NAMES.items() if u in ("year", "decade", "century", "month", "week", "day",
                                                         "hour", "minute", "second")]
_UNIT_COUNT = re.compile(rf"(?:{_S0}[-\u2010\u2011]{_S0}|{_S})(?:{_alt(_TIME_UNITS)})(?![\w])")
_GLUED = re.compile(r"[A-Za-z]{2}|(?<=0)s(?![A-Za-z])")
_NAME_MARK = re.compile(r"[A-Z0-9]")
_YEAR = re.compile(r"\d{4}")


def spans_of_times(times: Iterable) -> list[tuple[int, int]]:
    """Where numbers are parts of dates, clock times or sets ('4 May', '3 p.m.', 'every 2 weeks')."""
    return [(t.span.start, t.span.end) for t in times
            if t.type in ("DATE", "TIME", "SET") and t.span.end > t.span.start]


def _in_name(q: Quantity, text: str, index: TokenIndex) -> bool:
    """A number inside a name entity that has more than the number ('Boeing 787', 'iPhone 11'); an
    entity that is only the quantity ('5kW', '200p', which the small model often calls a name) is not one."""
    for start, end in index.names:
        if start < q.number_end and q.start < end:
            rest = text[start : max(start, q.start)] + text[min(q.end, end) : end]
            if _NAME_MARK.search(rest):  # a name has a capital or digit besides the number
                return True
    return False


def _is_year(q: Quantity, text: str, doc, index: TokenIndex) -> bool:
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


_PHONE = re.compile(r"(?<![\w,.-])(?:\(\d{3}\)[^\S\n]?\d{3}-\d{4}|\d{3}([-.])\d{3}\1\d{4}|\d{3}-\d{4})(?![\w-]|[.,]\d)")
_POSTCODE = re.compile(r"(?<![\w-])[A-Z]{2}[^\S\n]+\d{5}(?:-\d{4})?(?![\w-])")
_EMERGENCY_NUMBERS = frozenset({"911", "999", "112"})
_DIALLED = re.compile(r"(?i:\b(?:call|called|calling|calls|dial|dialed|dialled|dialing)[^\S\n]+)$")


def is_contact_detail(q: Quantity, text: str) -> bool:
    """A number that reaches someone rather than counts: a phone number ('347-966-3806', '(555) 123-4567'),
    an emergency number dialled ('called 911'), a ZIP code ('CA 94107') or a house number ('520 Third
    Street')."""
    for pattern in (_PHONE, _POSTCODE):
        for m in pattern.finditer(text, max(0, q.start - 16), min(len(text), q.end + 16)):
            if m.start() <= q.start < m.end():
                return True
    if text[q.start : q.end] in _EMERGENCY_NUMBERS and _DIALLED.search(text[max(0, q.start - 12) : q.start]):
        return True  # 'called 911', but 'called 12 witnesses' counts
    following = text[q.end : q.end + 20].split()[:1]
    if following and _street(following[0]):
        return True  # '520 Third Street', which reads as 520 thirds
    after = text[q.number_end : q.number_end + 40].split()[:4]
    street = next((i for i, w in enumerate(after) if _street(w)), None)
    return q.kind == "digits" and bool(street) and all(w[:1].isupper() for w in after[:street])


def _street(word: str) -> bool:
    return word.rstrip(",;:") in STREET_WORDS or word.rstrip(",;:.") in STREET_WORDS


def not_a_figure(q: Quantity, text: str, doc, index: TokenIndex, time_spans: list[tuple[int, int]]) -> bool:
    """Numbers that are parts of dates, times or names, and numbers glued to a word ('49ers', '1990s')."""
    if overlaps(q.start, q.number_end, time_spans) and not _UNIT_COUNT.match(text, q.number_end):
        return True  # a day, year or clock time -- but 'two years ago' still counts two years
    if q.kind == "digits" and q.end == q.number_end and _GLUED.match(text, q.end):
        return True  # '49ers', 'MP3s' stay words; '1990s' is a decade
    if is_model_number(q, text) or is_title_case_name(q, text) or is_contact_detail(q, text):
        return True  # '787-9', 'A350-900', 'the Six-Day War', '347-966-3806'
    return _in_name(q, text, index) or _is_year(q, text, doc, index) or _is_name_part(q, text, doc, index)


def _is_name_part(q: Quantity, text: str, doc=None, index: TokenIndex | None = None) -> bool:
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
    head = token.head
    if (previous is not None and previous.lower_ in ("the", "its", "their") and token.dep_ in ("nummod", "compound")
            and head.tag_ == "NN" and head.i == token.i + 1 and head.lower_ not in UNIT_NAMES):
        return True  # 'the 777 program': a count takes a plural
    # '460 Kia and Hyundai vehicles' counts vehicles; 'two new 737 Max jets' has its count already
    plural = head.tag_ in ("NNS", "NNPS") or (following is not None and head.i > following.i and head.text[-1:] in "sS")
    counts_plural = (token.dep_ == "nummod" and plural  # '63,150 Model 3s' too
                     and not any(c.dep_ == "nummod" and c.i < token.i for c in head.children))
    return bool(following is not None and following.tag_ == "NNP" and following.ent_type_ not in places
                and following.idx == q.number_end + 1 and not counts_plural)


_DATE_MODIFIERS = frozenset({"last", "next", "this", "past", "coming", "previous"})


def is_figure_word(q: Quantity, root) -> bool:
    """'one' counts only as a number before a noun ('one parent'), not as a pronoun ('one of'); 'a
    third' is a fraction ('cut by a third', 'a third of the budget'), not an ordinal before its noun
    ('won a third term', 'for a seventh straight session')."""
    if q.kind == "fraction":
        word = q.words[0].split()[0] if q.words and q.words[0] else ""
        span = root.doc.char_span(q.start, q.end, alignment_mode="expand") if root is not None else None
        last = span[-1] if span is not None and len(span) else None
        ordinal = last is not None and last.dep_ == "amod" and last.head.i > last.i
        following = root.doc[last.i + 1] if last is not None and last.i + 1 < len(root.doc) else None
        if following is not None and following.pos_ in ("ADJ", "NOUN") and following.lower_ not in _DATE_MODIFIERS:
            ordinal = True  # 'a third undisclosed buyer'; a fraction is followed by 'of' or nothing of its own
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


def is_determiner_one(figure, text: str) -> bool:
    """The word 'one' with no unit and no toll is a determiner or a pronoun, not a count: 'one of the
    best bets', 'one such plume', 'one questioner', 'number one'; and 'at one point' is an idiom. 'One
    person was killed' keeps its toll, 'one million' and 'one percent' their value and unit; 'one of the
    three people killed' is no toll of its own."""
    words = figure.span.text.lower()
    if words == "one point" and text[max(0, figure.span.start - 3) : figure.span.start].lower() == "at ":
        return True
    if words == "one" and text[figure.span.end : figure.span.end + 4].lower() == " of ":
        return True  # 'one of the three people killed' picks one out of a toll told already
    return words == "one" and figure.unit is None and figure.category is None


_DESIGNATION = re.compile(r"(?<![\w.,])([A-Z][A-Za-z]*)?(\d{2,})[-\u2010\u2011](\d+)(?![\w.,]*\d)")
_NAMED_NUMBER_WORD = re.compile(r"[-\u2010\u2011][A-Z][a-z]+\b")


def is_model_number(q: Quantity, text: str) -> bool:
    """A number that is part of a model or variant designation: '787-9' (a range never falls, 20-30
    people does not), 'A350-900' (letters before it)."""
    if q.kind != "digits" or q.unit is not None:
        return False
    for m in _DESIGNATION.finditer(text, max(0, q.start - 12), min(len(text), q.end + 12)):
        if m.start(2) <= q.start < m.end(3) and (m.group(1) or int(m.group(3)) < int(m.group(2))):
            return True
    return False


def is_title_case_name(q: Quantity, text: str) -> bool:
    """A number word written with a capital inside a sentence and joined to a capitalised word: part of a
    name ('the Six-Day War', 'the Big Ten'); at the start of a sentence the capital says nothing."""
    if q.kind != "words" or not text[q.start : q.start + 1].isupper():
        return False
    before = text[max(0, q.start - 3) : q.start].rstrip()
    sentence_start = not before or before[-1] in ".!?\n\"“"
    return not sentence_start and bool(_NAMED_NUMBER_WORD.match(text, q.number_end))


_AGED_BEFORE = re.compile(rf"(?<![\w-])(?i:aged|ages){_S}$")


def is_age(q: Quantity, text: str, doc, index: TokenIndex) -> bool:
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
