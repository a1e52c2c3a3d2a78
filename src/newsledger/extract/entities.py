"""Entities: one record per real-world referent, with every mention of it.

Starts from spaCy's named entities and repairs what a small model gets wrong, then finds the
mentions NER does not give and clusters everything into referents:

1. **Names.** NER spans of PERSON, ORG, GPE, NORP, LOC, FAC and EVENT, cut at line breaks (a span
   never crosses a paragraph), without a leading "the" or a trailing possessive. Country knowledge
   (:mod:`newsledger.countries`) fixes their type: a country name is a GPE, a capital a GPE of its
   own with the country set (whether "New Delhi" stands for India's government is for places to say),
   a demonym see 2. Country names NER missed are found by a dictionary pass over capitalised tokens
   (and inside hyphenated compounds: "Russia-brokered" gives a "Russia" mention). Where NER labels
   the same words differently across the text, all their mentions vote for one type.
2. **Demonyms.** An adjectival demonym ("Armenian aggression", "former Soviet republics") is a mention
   of its country's GPE entity: the phrase means that country's aggression. A demonym used as a noun
   for people ("613 Azerbaijanis") is a NORP entity with the country set and sector CVL: a people is
   not its state.
3. **Groups.** A head noun from ``resources/entity_groups.tsv`` (forces, army, government, embassy,
   civilians ...) with a country modifier (demonym, possessive, "of Armenia", "whose", or shared in a
   coordination: "the government, parliament and people of Pakistan") is a group entity of that country,
   with the table's type and sector. Mentions with the same country and class are one group.
4. **People.** Titles before a name ("Ambassador Khazar Farhadov", "Russian Foreign Minister ...",
   ``resources/entity_titles.tsv``) become ``Entity.title``; a surname alone joins the bearer of it
   mentioned most so far (a lone given name, the only person with it). A person's country comes from,
   in order: a country word before the title, "of Nigeria" after a titled name, an appositive role noun
   ("X, Azerbaijan's ambassador", "a spokeswoman for the Russian foreign ministry"), or the institution
   of the title (ambassador -> embassy) named with a country in the same or one of the two paragraphs
   before.
5. **Role nouns.** A definite role noun ("the ambassador", "the foreign minister") refers back to the most
   recent person whose title has the same role class.
6. **Organisations.** An acronym and its expansion are one referent ("United Nations"/"UN",
   ``resources/org_aliases.tsv`` or initials); a later name that ends an earlier one ("Security Council")
   joins it. Standard epithets (``resources/entity_epithets.tsv``: "the world body" -> UN) join the most
   recent matching organisation, or stand alone when unambiguous.

Entity ids are ``ent-1``, ``ent-2`` ... in order of first mention. The ``name`` is the fullest proper
name (without title or "the"); a country is named by :func:`newsledger.countries.country_name`.

Example::

    >>> text = "Ambassador Khazar Farhadov spoke. Farhadov smiled. Earlier, the ambassador met reporters."
    >>> ledger = analyze(text)  # doctest: +SKIP
    >>> [(e.name, e.title, [m.text for m in e.mentions]) for e in ledger.entities]  # doctest: +SKIP
    [('Khazar Farhadov', 'Ambassador', ['Khazar Farhadov', 'Farhadov', 'the ambassador'])]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from newsledger.countries import CountryMatch, country_name, lookup, normalise_key
from newsledger.extract.parsed import entities, span_text, tokens
from newsledger.extract.parsed import text as doc_text
from newsledger.model import Entity, Ledger, Span
from newsledger.resources import read_table

NER_TYPES = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "NORP": "NORP",
    "LOC": "LOC",
    "FAC": "FAC",
    "EVENT": "EVENT",
}
"""spaCy NER label -> Entity.type for the labels that name referents (dates, numbers are other records)."""

_DETERMINERS = {"the", "a", "an"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
_MODIFIER_DEPS = {"amod", "compound", "nmod", "poss", "npadvmod"}
_MAX_NAME_TOKENS = 6
_CONTEXT_PARAGRAPHS = 2  # how many paragraphs back a person's institution may have been named
_NOUN_POS = {"NOUN", "PROPN"}


# --- lexicons ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Title:
    """A row of entity_titles.tsv."""

    title: str | None
    role: str | None
    institution: str | None
    sector: str | None


@dataclass(frozen=True)
class Group:
    """A row of entity_groups.tsv."""

    type: str
    sector: str
    group_class: str


@dataclass(frozen=True)
class Epithet:
    """A row of entity_epithets.tsv."""

    target: str
    type: str
    standalone: bool
    name: str


@dataclass(frozen=True)
class Lexicon:
    titles: dict[tuple[str, ...], Title]
    groups: dict[tuple[str, ...], Group]
    epithets: dict[tuple[str, ...], Epithet]
    acronyms: dict[str, str]  # acronym (no dots) -> full name
    expansions: dict[str, str]  # normalised full name -> acronym
    geo_qualifiers: frozenset[str]
    class_nouns: dict[str, str]
    max_title: int
    ends: dict[int, dict[str, tuple[int, ...]]]  # id(table) -> last word -> phrase lengths, longest first


def _words(phrase: str) -> tuple[str, ...]:
    """Lower-case words of a lexicon phrase, split as spaCy tokenises ("secretary-general": 3 words)."""
    return tuple(w for w in re.findall(r"[\w.'’]+|-", phrase.lower()) if w)


def _dash(value: str) -> str | None:
    return None if value in ("", "-") else value


def _ends(table: dict[tuple[str, ...], object]) -> dict[str, tuple[int, ...]]:
    """Last word -> lengths of the phrases ending in it, so a token is checked with one dict look-up."""
    ends: dict[str, set[int]] = {}
    for words in table:
        ends.setdefault(words[-1], set()).add(len(words))
    return {word: tuple(sorted(lengths, reverse=True)) for word, lengths in ends.items()}


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """All entity tables, read once from resources/."""
    titles = {
        _words(r[0]): Title(_dash(r[1]), _dash(r[2]), _dash(r[3]), _dash(r[4]))
        for r in read_table("entity_titles.tsv")
    }
    groups = {_words(r[0]): Group(r[1], r[2], r[3]) for r in read_table("entity_groups.tsv")}
    epithets = {}
    for phrase, target, etype, standalone, name in read_table("entity_epithets.tsv"):
        words = _words(phrase)
        words = words[1:] if words[:1] == ("the",) else words
        epithets[words] = Epithet(target, etype, standalone == "yes", name)
    acronyms = {r[0].replace(".", ""): r[1] for r in read_table("org_aliases.tsv")}
    expansions = {normalise_key(name): acronym for acronym, name in acronyms.items()}
    return Lexicon(
        titles=titles,
        groups=groups,
        epithets=epithets,
        acronyms=acronyms,
        expansions=expansions,
        geo_qualifiers=frozenset(r[0] for r in read_table("entity_geo_qualifiers.tsv")),
        class_nouns={r[0]: r[1] for r in read_table("entity_class_nouns.tsv")},
        max_title=max(len(k) for k in titles),
        ends={id(table): _ends(table) for table in (titles, groups, epithets)},
    )


# --- mentions ------------------------------------------------------------------------------------------


@dataclass
class Mention:
    """One candidate mention before clustering (token range ``[i, j)`` of the Doc)."""

    i: int
    j: int
    start: int
    end: int
    kind: str  # name, country, demonym, people, group, role, epithet
    type: str
    code: str | None = None
    sector: str | None = None
    group_class: str | None = None
    title: Title | None = None
    label: str | None = None  # NER label it came from
    votes: Counter = field(default_factory=Counter)
    epithet: Epithet | None = None
    person_hint: int | None = None  # token index of a person this role mention is in apposition with

    def text(self, doc) -> str:
        return span_text(doc, self.i, self.j)


def _mention(doc, i: int, j: int, kind: str, type_: str, **kwargs) -> Mention:
    return Mention(i, j, doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text), kind, type_, **kwargs)


def _is_break(token) -> bool:
    return "\n" in token.text


def _trim(doc, i: int, j: int) -> tuple[int, int]:
    """Drop a leading article, a trailing possessive and punctuation or spaces at either end."""
    while i < j and (doc[i].is_punct or doc[i].is_space or doc[i].lower_ in _DETERMINERS):
        i += 1
    while j > i and (doc[j - 1].is_punct or doc[j - 1].is_space or doc[j - 1].text in _POSSESSIVE):
        j -= 1
    return i, j


def _pieces(doc, ent) -> Iterable[tuple[int, int, bool]]:
    """(i, j, was_split) parts of an NER span between line breaks."""
    start, split = ent.start, False
    for k in range(ent.start, ent.end):
        if _is_break(doc[k]):
            yield start, k, True
            start, split = k + 1, True
    yield start, ent.end, split


def _line_initial(doc, k: int) -> bool:
    return k == 0 or _is_break(doc[k - 1]) or doc[k].is_sent_start


def _looks_proper(doc, i: int, j: int) -> bool:
    """A name has a proper noun or a capitalised word (NER's lower-case spans are noise: "the government")."""
    return any(t.pos_ == "PROPN" or t.is_title or t.is_upper for t in doc[i:j])


def _text(doc, i: int, j: int) -> str:
    return span_text(doc, i, j)


def _country_hit(doc, i: int, j: int) -> CountryMatch | None:
    if i >= j:
        return None
    return lookup(_text(doc, i, j))


def _country_mention(doc, i: int, j: int, hit: CountryMatch, label: str | None = None) -> Mention:
    """A country-knowledge mention: a country name, a capital, an adjectival or a people demonym."""
    if hit.kind == "demonym":
        return _demonym_mention(doc, i, j, hit.code, label)
    kind = "country" if hit.kind == "name" else "name"
    return _mention(doc, i, j, kind, "GPE", code=hit.code, label=label, votes=Counter({"GPE": 3}))


def _demonym_mention(doc, i: int, j: int, code: str, label: str | None) -> Mention:
    """Adjectival demonyms mention the country; nouns for people ("Azerbaijanis") are a NORP people."""
    head = doc[j - 1]
    plural = normalise_key(head.text) != normalise_key(head.lemma_) or head.tag_ in ("NNS", "NNPS")
    as_noun = head.pos_ in _NOUN_POS and head.dep_ not in ("amod", "compound", "nmod")
    hyphenated = j < len(doc) and doc[j].text == "-"  # "Indian-occupied", "Russian-backed"
    if not hyphenated and (plural or as_noun):
        return _mention(
            doc, i, j, "people", "NORP", code=code, sector="CVL", group_class="people", label=label
        )
    return _mention(doc, i, j, "demonym", "GPE", code=code, label=label)


def _hyphen_parts(doc, i: int, j: int) -> list[Mention] | None:
    """Country mentions inside a hyphenated NER span ("Russia-Ukraine"), or None if it is not one."""
    parts, start = [], i
    for k in range(i, j + 1):
        if k == j or doc[k].tag_ == "HYPH" or doc[k].text == "-":
            if start < k:
                hit = _country_hit(doc, start, k)
                if hit:
                    parts.append(_country_mention(doc, start, k, hit))
                elif not doc[start].is_lower:
                    return None
            start = k + 1
    return parts or None


def name_mentions(doc) -> list[Mention]:
    """Mentions from spaCy NER, split at line breaks, trimmed and retyped with country knowledge."""
    out: list[Mention] = []
    for ent in entities(doc):
        label = NER_TYPES.get(ent.label_)
        if label is None:
            continue
        for i, j, split in _pieces(doc, ent):
            i, j = _trim(doc, i, j)
            if i >= j:
                continue
            hit = _country_hit(doc, i, j)
            if hit and not (hit.kind == "capital" and label == "PERSON"):
                out.append(_country_mention(doc, i, j, hit, label))
                continue
            if split and j - i == 1 and _line_initial(doc, i):
                continue  # "Relations" glued to a heading across the break: capitalised only by position
            if not _looks_proper(doc, i, j):
                continue
            parts = _hyphen_parts(doc, i, j) if any(t.text == "-" for t in doc[i:j]) else None
            if parts:
                out.extend(parts)
                continue
            out.append(_mention(doc, i, j, "name", label, label=label, votes=Counter({label: 1})))
    return out


def gazetteer_mentions(doc, covered: set[int]) -> list[Mention]:
    """Country names, capitals and demonyms NER missed: longest match over capitalised tokens."""
    out: list[Mention] = []
    toks = tokens(doc)
    n, k = len(doc), 0
    while k < n:
        token = toks[k]
        if k in covered or not token.text[:1].isupper():
            k += 1
            continue
        found = None
        for length in range(min(_MAX_NAME_TOKENS, n - k), 0, -1):
            last = toks[k + length - 1]
            if not last.text[:1].isupper() or any(_is_break(toks[m]) or m in covered for m in range(k, k + length)):
                continue
            hit = _country_hit(doc, k, k + length)
            if hit and (hit.kind != "capital" or last.pos_ == "PROPN"):
                found = (length, hit)
                break
        if found:
            out.append(_country_mention(doc, k, k + found[0], found[1]))
            k += found[0]
        else:
            k += 1
    return out


# --- groups --------------------------------------------------------------------------------------------


def _phrase_ending_at(doc, k: int, table: dict) -> tuple[int, object] | None:
    """The longest lexicon phrase whose last word is token k: (first token index, value)."""
    toks = tokens(doc)
    lengths = lexicon().ends[id(table)].get(toks[k].lower_, ())
    for length in lengths:
        if length > k + 1:
            continue
        words = tuple(toks[m].lower_ for m in range(k - length + 1, k + 1))
        if words in table:
            return k - length + 1, table[words]
    return None


def _country_of_modifier(doc, token) -> tuple[str, int, int] | None:
    """(code, first, last token) when a modifier names a country: a demonym, "Armenia's", "South Korean"."""
    i, j = _trim(doc, token.left_edge.i, token.i + 1)
    for a in (i, token.i):
        hit = _country_hit(doc, a, j)
        if hit and hit.kind in ("name", "demonym"):
            return hit.code, a, j - 1
    return None


def _own_country(doc, head) -> tuple[str, int, int, bool] | None:
    """The country a noun's own modifiers give: (code, leftmost, rightmost token, is an of-phrase)."""
    codes: list[tuple[str, int, int, bool]] = []
    for child in head.children:
        if child.dep_ in _MODIFIER_DEPS and child.i < head.i:
            if child.lower_ == "whose" and head.head.dep_ == "relcl":
                antecedent = head.head.head  # "Armenia, whose armed forces withdrew"
                hit = _country_hit(doc, *_trim(doc, antecedent.left_edge.i, antecedent.i + 1))
                if hit and hit.kind == "name":
                    codes.append((hit.code, head.i, head.i, False))
                continue
            found = _country_of_modifier(doc, child)
            if found:
                codes.append((*found, False))
        elif child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    hit = _country_hit(doc, *_trim(doc, pobj.left_edge.i, pobj.i + 1))
                    if hit and hit.kind == "name":
                        end = pobj.i if child.i == head.i + 1 else head.i
                        codes.append((hit.code, head.i, end, True))
    distinct = {c for c, _, _, _ in codes}
    if len(distinct) != 1:
        return None
    return codes[0]


def _shared_country(doc, token) -> tuple[str, int, int, bool] | None:
    """A country modifier shared across a coordination: an of-phrase of any conjunct ("the government,
    parliament and people of Pakistan") or a pre-modifier of an earlier one ("Azerbaijani civilians and
    soldiers"); never a pre-modifier of a later one ("civilians and Azerbaijani forces")."""
    for other in token.conjuncts:
        found = _own_country(doc, other)
        if found and (found[3] or other.i < token.i):
            return found[0], token.i, token.i, found[3]
    return None


def group_mentions(doc) -> list[Mention]:
    """Groups and institutions of a country: "Armenian forces", "the Azerbaijani embassy", "forces of X"."""
    lex = lexicon()
    out: list[Mention] = []
    for token in tokens(doc):
        if token.pos_ not in _NOUN_POS or token.dep_ in ("compound",):
            continue
        match = _phrase_ending_at(doc, token.i, lex.groups)
        if match is None:
            continue
        first, group = match
        found = _own_country(doc, token) or _shared_country(doc, token)
        if found is None:
            continue
        code, left, right, _ = found
        i = min(first, left) if left < token.i else first
        j = max(token.i, right) + 1
        i, j = _trim(doc, i, j)
        if i >= j or any(_is_break(t) for t in doc[i:j]):
            continue
        out.append(
            _mention(
                doc, i, j, "group", group.type, code=code, sector=group.sector, group_class=group.group_class
            )
        )
    return out


# --- epithets ------------------------------------------------------------------------------------------


def _inside_longer_name(doc, i: int, j: int) -> bool:
    """Whether tokens [i, j) lie inside an NER name that reaches beyond them."""
    for k in range(i, j):
        if doc[k].ent_iob_ != "O":
            start = k
            while start > 0 and doc[start].ent_iob_ == "I":
                start -= 1
            end = k + 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            return start < i or end > j
    return False


def epithet_mentions(doc) -> list[Mention]:
    """Standard epithets ("the world body", "the Kremlin"): capitalised ones may drop "the"."""
    lex = lexicon()
    out: list[Mention] = []
    for token in tokens(doc):
        match = _phrase_ending_at(doc, token.i, lex.epithets)
        if match is None:
            continue
        first, epithet = match
        has_the = first > 0 and doc[first - 1].lower_ == "the"
        proper = doc[first].text[:1].isupper() and not doc[first].is_sent_start or doc[first].pos_ == "PROPN"
        if not has_the and not proper:
            continue
        i = first - 1 if has_the else first
        if _inside_longer_name(doc, i, token.i + 1):
            continue  # "Union" in "the European Union"
        if token.dep_ == "compound" and not proper:
            continue  # "the bloc leaders" are not the bloc ("Kremlin officials" still name the Kremlin)
        out.append(_mention(doc, i, token.i + 1, "epithet", epithet.type, epithet=epithet))
    return out


# --- titles and roles ----------------------------------------------------------------------------------


def _title_before(doc, i: int) -> tuple[int, Title] | None:
    """A title phrase that ends right before token i, as (its first token, Title)."""
    if i == 0:
        return None
    lex = lexicon()
    match = _phrase_ending_at(doc, i - 1, lex.titles)
    if match and not any(_is_break(t) for t in doc[match[0] : i]):
        return match
    return None


def _country_before(doc, k: int) -> str | None:
    """A country word or "X's" right before token k ("Azerbaijani Ambassador", "Pakistan's Premier")."""
    if k <= 0:
        return None
    end = k
    if doc[end - 1].text in _POSSESSIVE:
        end -= 1
    for length in range(min(4, end), 0, -1):
        if any(_is_break(t) or t.is_punct for t in doc[end - length : end]):
            continue
        hit = _country_hit(doc, end - length, end)
        if hit and hit.kind in ("name", "demonym"):
            return hit.code
    return None


def _attach_titles(doc, mentions: list[Mention]) -> None:
    """Strip titles off PERSON names (inside the span or just before it) into Mention.title / code."""
    for m in mentions:
        if m.kind != "name":
            continue
        match = _title_inside(doc, m)
        if match is not None:  # a title NER put inside the span: "President Biden", "General Tunde Bakare"
            length, title = match
            m.title = title if title.title else m.title
            m.i += length
            m.start = doc[m.i].idx
            m.type = "PERSON"
        if m.type != "PERSON":
            continue
        before = _title_before(doc, m.i)
        if before:
            first, title = before
            if title.title:
                m.title = m.title or title
            m.code = m.code or _country_before(doc, first)
        if m.title is not None:
            m.code = m.code or _country_after(doc, m.j - 1)
        if m.title is not None and m.title.title is None:
            m.title = None


def _title_inside(doc, m: Mention) -> tuple[int, Title] | None:
    """A title that opens a name span: (its length, Title). Outside PERSON spans the rest must look like a
    person's name (two or more proper words, none a class word), so "General Motors" stays an ORG."""
    lex = lexicon()
    for length in range(min(lex.max_title, m.j - m.i - 1), 0, -1):
        words = tuple(t.lower_ for t in doc[m.i : m.i + length])
        if words not in lex.titles:
            continue
        rest = doc[m.i + length : m.j]
        if m.type == "PERSON" or (
            len(rest) >= 2 and all(t.pos_ == "PROPN" and t.lower_ not in lex.class_nouns for t in rest)
        ):
            return length, lex.titles[words]
    return None


def _country_after(doc, k: int) -> str | None:
    """A country in an of-phrase right after a titled name: "Prime Minister X of Nigeria"."""
    if k + 2 < len(doc) and doc[k + 1].lower_ == "of":
        pobj = next((c for c in doc[k + 1].children if c.dep_ == "pobj"), None)
        if pobj is not None:
            hit = _country_hit(doc, *_trim(doc, pobj.left_edge.i, pobj.i + 1))
            if hit and hit.kind == "name":
                return hit.code
    return None


def _role_noun(doc, token) -> tuple[int, Title] | None:
    """A definite role NP headed by ``token`` ("the ambassador", "Russia's foreign minister")."""
    if token.pos_ not in _NOUN_POS or token.dep_ in ("compound", "amod"):
        return None
    lex = lexicon()
    match = _phrase_ending_at(doc, token.i, lex.titles)
    if match is None or match[1].role is None:
        return None
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if nxt is not None and (nxt.ent_type_ == "PERSON" or nxt.pos_ == "PROPN"):
        return None  # a title before a name, not a mention by role
    definite = any(
        c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "any", "every", "no")
        for c in token.children
    )
    return match if definite or _appositive_name(token) is not None else None


def _appositive_name(token):
    """The proper name a role noun stands in apposition with ("X, a spokeswoman for ..."), if any."""
    if token.dep_ == "appos" and token.head.pos_ == "PROPN":
        return token.head
    return next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)


def _role_country(doc, token) -> str | None:
    """The country a role noun's own words give: "the Azerbaijani ambassador", "Russia's foreign minister",
    "ambassador of Azerbaijan", "a spokeswoman for the Russian foreign ministry" (never "ambassador to X":
    that is the host)."""
    for child in token.children:
        if child.i < token.i and child.dep_ in _MODIFIER_DEPS:
            hit = _country_of_modifier(doc, child)
            if hit:
                return hit[0]
        if child.dep_ == "prep" and child.lower_ in ("of", "for"):
            for pobj in child.children:
                if pobj.dep_ != "pobj":
                    continue
                hit = _country_hit(doc, *_trim(doc, pobj.left_edge.i, pobj.i + 1))
                if hit and hit.kind == "name":
                    return hit.code
                found = _own_country(doc, pobj)
                if found and found[1] >= pobj.left_edge.i:
                    return found[0]
    return None


def role_mentions(doc) -> list[Mention]:
    """Definite role nouns; their referent is resolved in clustering."""
    out: list[Mention] = []
    for token in tokens(doc):
        found = _role_noun(doc, token)
        if found is None:
            continue
        first, title = found
        i = min(
            [first]
            + [
                c.left_edge.i
                for c in token.children
                if c.dep_ in ("det", "poss", "amod", "compound") and c.i < token.i
            ]
        )
        i, j = i, token.i + 1
        if any(_is_break(t) for t in doc[i:j]):
            continue
        name = _appositive_name(token)
        out.append(
            _mention(
                doc,
                i,
                j,
                "role",
                "PERSON",
                code=_role_country(doc, token),
                title=title,
                sector=title.sector,
                person_hint=name.i if name is not None else None,
            )
        )
    return out


# --- type evidence -------------------------------------------------------------------------------------


def _class_vote(doc, m: Mention) -> None:
    """Votes from geography words and class nouns: "Upper Karabakh", "the X region", "X, a small town"."""
    lex = lexicon()
    head = doc[m.j - 1]
    if m.label == "PERSON" and m.j - m.i > 1 and doc[m.i].lower_ in lex.geo_qualifiers:
        m.votes["LOC"] += 3
    nouns = []
    if head.dep_ == "compound" and head.head.i >= m.j:
        nouns.append(head.head)
    nouns.extend(c for c in head.children if c.dep_ == "appos")
    for noun in nouns:
        etype = lex.class_nouns.get(noun.lower_)
        if etype:
            m.votes[etype] += 2


# --- clustering ----------------------------------------------------------------------------------------


@dataclass
class Cluster:
    mentions: list[Mention]
    type: str
    voted: bool = False  # type decided by the votes of its name mentions (else fixed by how it was made)
    code: str | None = None
    sector: str | None = None
    title: Title | None = None
    name: str | None = None
    keys: set = field(default_factory=set)

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)

    def last_before(self, offset: int) -> int:
        return max((m.start for m in self.mentions if m.start < offset), default=-1)


def _key(text: str) -> str:
    return normalise_key(re.sub(r"['’]s$", "", text))


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w[:1].isupper())


def _org_keys(text: str) -> set[str]:
    """Identity keys of an organisation name: itself, its acronym or expansion, its initials."""
    lex = lexicon()
    keys = {_key(text)}
    bare = text.replace(".", "")
    if bare in lex.acronyms:
        keys.add(_key(lex.acronyms[bare]))
    if _key(text) in lex.expansions:
        keys.add(_key(lex.expansions[_key(text)]))
    words = [w for w in re.split(r"[\s\-]+", text) if w]
    if len(words) > 1:
        keys.add(_key(_initials(words)))
    return keys


def _org_family(text: str) -> set[str]:
    """Acronyms of the bodies an organisation belongs to: "UN Security Council" -> {"UN", "UNSC"}."""
    lex = lexicon()
    family = {w.replace(".", "") for w in text.split() if w.replace(".", "") in lex.acronyms}
    key = _key(text)
    family.update(acr for name, acr in lex.expansions.items() if key == name or key.startswith(name + " "))
    if text.replace(".", "") in lex.acronyms:
        family.add(text.replace(".", ""))
    return family


def _person_tokens(doc, m: Mention) -> tuple[str, ...]:
    return tuple(t.text for t in doc[m.i : m.j] if not t.is_punct)


class Clusterer:
    """Builds clusters from mentions in a fixed order of evidence (see the module docstring)."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.clusters: list[Cluster] = []
        self.by_key: dict[tuple, Cluster] = {}

    def new(self, m: Mention, key: tuple | None = None, **kwargs) -> Cluster:
        cluster = Cluster([m], kwargs.pop("type", m.type), **kwargs)
        self.clusters.append(cluster)
        if key is not None:
            self.by_key[key] = cluster
        return cluster

    def join(self, key: tuple, m: Mention, **kwargs) -> Cluster:
        if key in self.by_key:
            self.by_key[key].mentions.append(m)
            return self.by_key[key]
        return self.new(m, key, **kwargs)

    # people -------------------------------------------------------------------------------------------

    def people(self, mentions: list[Mention]) -> list[Mention]:
        """Cluster PERSON names (full names first, then surnames alone); return the mentions left over."""
        doc, rest, done = self.doc, [], set()
        full = [
            m for m in mentions if m.kind == "name" and m.type == "PERSON" and len(_person_tokens(doc, m)) > 1
        ]
        for m in full:
            tokens = _person_tokens(doc, m)
            cluster = next((c for c in self.clusters if c.type == "PERSON" and tokens in c.keys), None)
            if cluster is None:
                cluster = self.new(m, type="PERSON", keys={tokens, (tokens[-1],), ("#given", tokens[0])})
            else:
                cluster.mentions.append(m)
            self._take_title(cluster, m)
            done.add(id(m))
        for m in mentions:
            if id(m) in done:
                continue
            if m.kind != "name":
                rest.append(m)
                continue
            tokens = _person_tokens(doc, m)
            surname_of = self._person_with_key(tokens, m.start) if len(tokens) == 1 else None
            if surname_of is None and len(tokens) == 1 and m.label == "PERSON":
                surname_of = self._person_with_given_name(tokens)
            if surname_of is not None:  # "Farhadov", whatever NER called it, after "Khazar Farhadov"
                surname_of.mentions.append(m)
                self._take_title(surname_of, m)
            elif m.type == "PERSON":
                cluster = self.join(("PERSON", tokens), m, type="PERSON", keys={tokens})
                self._take_title(cluster, m)
            else:
                rest.append(m)
        return rest

    def bare_surnames(self, mentions: list[Mention]) -> None:
        """Surnames NER did not mark at all ("Guterres said ..."), after the full name is known."""
        doc = self.doc
        covered = {k for m in mentions for k in range(m.i, m.j)}
        keys = {key for c in self.clusters if c.type == "PERSON" for key in c.keys if len(key) == 1}
        for token in tokens(doc):
            if token.i in covered or not token.is_title or (token.text,) not in keys:
                continue
            cluster = self._person_with_key((token.text,), token.idx)
            if cluster is not None:
                cluster.mentions.append(_mention(doc, token.i, token.i + 1, "name", "PERSON"))

    def _person_with_key(self, tokens: tuple[str, ...], offset: int) -> Cluster | None:
        """The person whose surname (or full name) ``tokens`` is.

        Of several (Hillary and Chelsea Clinton), the most mentioned so far, then the latest: a bare
        surname goes to the article's main bearer of it. With none before, the first one after.
        """
        candidates = [c for c in self.clusters if c.type == "PERSON" and tokens in c.keys]
        before = [c for c in candidates if c.last_before(offset) >= 0]
        if before:
            salience = {id(c): sum(m.start < offset for m in c.mentions) for c in before}
            return max(before, key=lambda c: (salience[id(c)], c.last_before(offset)))
        return min(candidates, key=lambda c: c.first) if candidates else None

    def _person_with_given_name(self, tokens: tuple[str, ...]) -> Cluster | None:
        """The one person whose given name ``tokens`` is ("Hillary" after "Hillary Clinton"), else None."""
        candidates = [c for c in self.clusters if c.type == "PERSON" and ("#given", *tokens) in c.keys]
        return candidates[0] if len(candidates) == 1 else None

    @staticmethod
    def _take_title(cluster: Cluster, m: Mention) -> None:
        if m.title and cluster.title is None:
            cluster.title = m.title
        if m.code and cluster.code is None:
            cluster.code = m.code

    # places, peoples, groups, organisations -----------------------------------------------------------

    def countries(self, mentions: list[Mention]) -> list[Mention]:
        rest = []
        for m in mentions:
            if m.kind in ("country", "demonym"):
                self.join(("GPE", m.code), m, type="GPE", code=m.code, name=country_name(m.code))
            elif m.kind in ("people", "group"):
                key = ("GROUP", m.code, m.group_class)
                self.join(key, m, type=m.type, code=m.code, sector=m.sector)
            else:
                rest.append(m)
        return rest

    def names(self, mentions: list[Mention]) -> None:
        """Organisations (acronyms, later shorter names) and other names (by text)."""
        doc = self.doc
        for m in mentions:
            if m.kind != "name":
                continue
            text = m.text(doc)
            if m.type == "ORG":
                keys = _org_keys(text)
                cluster = self._org_for(keys, text, m.start)
                if cluster is None:
                    self.new(m, type="ORG", code=m.code, keys=keys, voted=True)
                else:
                    cluster.mentions.append(m)
                    cluster.keys |= keys
                continue
            self.join(("NAME", _key(text)), m, code=m.code, voted=True)

    def _org_for(self, keys: set[str], text: str, offset: int) -> Cluster | None:
        """An earlier organisation sharing a key, or one whose name ends in this one ("Council")."""
        orgs = [c for c in self.clusters if c.keys and c.type != "PERSON" and c.last_before(offset) >= 0]
        for cluster in sorted(orgs, key=lambda c: -c.last_before(offset)):
            if cluster.keys & keys:
                return cluster
        words = _key(text).split()
        for cluster in sorted(orgs, key=lambda c: -c.last_before(offset)):
            for key in cluster.keys:
                kw = key.split()
                if len(words) < len(kw) and kw[-len(words) :] == words and words[-1][:1].isalpha():
                    return cluster
        return None

    # roles and epithets -------------------------------------------------------------------------------

    def roles(self, mentions: list[Mention]) -> None:
        """Definite role nouns join the person they refer back to (or stand in apposition with)."""
        for m in sorted(mentions, key=lambda m: m.start):
            if m.kind != "role":
                continue
            person = self._appositive_person(m) or self._antecedent(m)
            if person is not None:
                person.mentions.append(m)
                if person.title is None and m.title.title:
                    person.title = m.title
                if person.code is None and m.code:
                    person.code = m.code

    def _appositive_person(self, m: Mention) -> Cluster | None:
        if m.person_hint is None:
            return None
        token = self.doc[m.person_hint]
        for cluster in self.clusters:
            if cluster.type == "PERSON" and any(x.i <= token.i < x.j for x in cluster.mentions):
                return cluster
        return None

    def _antecedent(self, m: Mention) -> Cluster | None:
        role = m.title.role
        head = role.split()[-1]
        best, best_at = None, -1
        for cluster in self.clusters:
            if cluster.type != "PERSON" or cluster.title is None or cluster.title.role is None:
                continue
            if cluster.title.role != role and cluster.title.role.split()[-1] != head:
                continue
            if m.code and cluster.code and m.code != cluster.code:
                continue
            at = cluster.last_before(m.start)
            if at > best_at:
                best, best_at = cluster, at
        return best

    def epithets(self, mentions: list[Mention]) -> None:
        for m in sorted(mentions, key=lambda m: m.start):
            if m.kind != "epithet":
                continue
            target = m.epithet.target
            cluster = self._epithet_target(target, m.start)
            if cluster is not None:
                cluster.mentions.append(m)
            elif m.epithet.standalone:
                code, _, sector = target.partition(":") if ":" in target else (None, "", None)
                self.join(
                    ("EPITHET", m.epithet.name),
                    m,
                    type=m.epithet.type,
                    code=code,
                    sector=sector,
                    name=m.epithet.name,
                    keys=_org_keys(m.epithet.name),
                )

    def _epithet_target(self, target: str, offset: int) -> Cluster | None:
        best, best_at = None, -1
        code, _, sector = target.partition(":")
        for cluster in self.clusters:
            at = cluster.last_before(offset)
            if at <= best_at:
                continue
            if sector:
                fits = cluster.code == code and cluster.sector == sector and cluster.type == "ORG"
            else:
                fits = cluster.type == "ORG" and any(
                    target in _org_family(x.text(self.doc)) for x in cluster.mentions if x.kind == "name"
                )
            if fits:
                best, best_at = cluster, at
        return best


# --- person countries ----------------------------------------------------------------------------------


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n+", text)]


def _paragraph_of(starts: list[int], offset: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _institution_countries(clusterer: Clusterer, text: str) -> None:
    """A titled person without a country takes the country of their title's institution named nearby.

    "The Azerbaijani embassy in Islamabad marked ... Ambassador Khazar Farhadov thanked ...": the
    ambassador speaks for the embassy's country. Same paragraph first, else the nearest earlier
    mention within the two paragraphs before.
    """
    starts = _paragraph_starts(text)
    groups = [c for c in clusterer.clusters if c.code and any(m.kind == "group" for m in c.mentions)]
    for person in clusterer.clusters:
        if person.type != "PERSON" or person.code or person.title is None or not person.title.institution:
            continue
        first = min(person.mentions, key=lambda m: m.start)
        para = _paragraph_of(starts, first.start)
        best: tuple[int, int, str] | None = None
        for cluster in groups:
            for m in cluster.mentions:
                if m.group_class != person.title.institution:
                    continue
                distance = para - _paragraph_of(starts, m.start)
                if 0 <= distance <= _CONTEXT_PARAGRAPHS:
                    rank = (distance, -m.start, cluster.code)
                    best = rank if best is None or rank < best else best
        if best:
            person.code = best[2]


# --- entities ------------------------------------------------------------------------------------------


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _cluster_name(doc, cluster: Cluster) -> str:
    if cluster.name:
        return cluster.name
    names = [m for m in cluster.mentions if m.kind in ("name", "country")]
    if names:
        name = max((m.text(doc) for m in names), key=lambda s: (len(s.split()), len(s), not s.isupper()))
        if name.isupper() and cluster.type == "GPE" and len(name) > 4:
            return name.title()  # a dateline in capitals ("WASHINGTON:") is a place, not an acronym
        return lexicon().acronyms.get(name.replace(".", ""), name) if cluster.type == "ORG" else name
    groups = [m.text(doc) for m in cluster.mentions if m.kind in ("group", "people")]
    if groups:
        best = max(groups, key=len)
        if cluster.code and not any(lookup(w) for w in re.findall(r"[\w’'-]+", best)):
            return f"{best} of {country_name(cluster.code)}"
        return best
    return cluster.mentions[0].text(doc)


_TYPE_PRIORITY = ("GPE", "LOC", "PERSON", "ORG", "NORP", "FAC", "EVENT", "OTHER")
"""Ties between votes go to the earlier type: a small model's ORG/FAC on a place is the common error."""


def _winner(votes: Counter, default: str) -> str:
    if not votes:
        return default
    return max(votes, key=lambda t: (votes[t], -_TYPE_PRIORITY.index(t) if t in _TYPE_PRIORITY else -99))


def vote_types(doc, mentions: list[Mention]) -> None:
    """Give every name mention the type its surface form gets over the whole text.

    A small model labels "Karabakh" ORG here, GPE there and PERSON elsewhere: the votes of all mentions
    with the same text, plus class words ("the X region") and geography qualifiers ("Upper X"), decide.
    """
    totals: dict[str, Counter] = {}
    for m in mentions:
        if m.kind == "name":
            _class_vote(doc, m)
            if m.title is not None:
                m.votes["PERSON"] += 3
            totals.setdefault(_key(m.text(doc)), Counter()).update(m.votes)
    for m in mentions:
        if m.kind == "name":
            m.type = _winner(totals[_key(m.text(doc))], m.type)


def _cluster_type(cluster: Cluster) -> str:
    if not cluster.voted:
        return cluster.type
    votes = Counter()
    for m in cluster.mentions:
        votes.update(m.votes)
    return _winner(votes, cluster.type)


def _entity_country(doc, cluster: Cluster) -> str | None:
    if cluster.code:
        return cluster.code
    if cluster.type == "ORG":  # "Pakistan Peoples Party", "Russian Foreign Ministry"
        for m in cluster.mentions:
            if m.kind == "name" and m.j - m.i > 1:
                hit = _country_hit(doc, m.i, m.i + 1)
                if hit and hit.kind in ("name", "demonym"):
                    return hit.code
    return None


def _drop_overlaps(primary: list[Mention], others: list[Mention]) -> list[Mention]:
    """``others`` without those overlapping a ``primary`` mention, except nested country mentions."""
    taken = [(m.start, m.end) for m in primary]
    kept = []
    for m in others:
        overlaps = any(m.start < e and s < m.end for s, e in taken)
        if not overlaps or m.kind in ("country", "demonym", "people"):
            kept.append(m)
    return kept


def collect_mentions(doc) -> list[Mention]:
    """Every candidate mention in the Doc, before clustering."""
    epithets = epithet_mentions(doc)
    names = _drop_overlaps(epithets, name_mentions(doc))
    covered = {k for m in names + epithets for k in range(m.i, m.j)}
    names += gazetteer_mentions(doc, covered)
    groups = group_mentions(doc)
    names = [
        m
        for m in names
        if m.kind != "name"
        or m.type not in ("ORG", "NORP")
        or not any(g.start <= m.start and m.end <= g.end for g in groups)
    ]
    _attach_titles(doc, names)
    roles = role_mentions(doc)
    roles = [r for r in roles if not any(r.start < g.end and g.start < r.end for g in groups)]
    return sorted(epithets + names + groups + roles, key=lambda m: (m.start, -m.end))


def extract(doc, ledger: Ledger) -> list[Entity]:
    """One Entity per referent, ids in order of first mention (see the module docstring)."""
    text = doc_text(doc)
    if not text.strip():
        return []
    mentions = collect_mentions(doc)
    vote_types(doc, mentions)
    clusterer = Clusterer(doc)
    rest = clusterer.people(mentions)
    clusterer.bare_surnames(mentions)
    rest = clusterer.countries(rest)
    clusterer.names(rest)
    clusterer.roles(rest)
    clusterer.epithets(rest)
    _institution_countries(clusterer, text)
    entities = []
    clusters = sorted((c for c in clusterer.clusters if c.mentions), key=lambda c: c.first)
    for number, cluster in enumerate(clusters, start=1):
        spans = sorted({(m.start, m.end) for m in cluster.mentions})
        etype = _cluster_type(cluster)
        entities.append(
            Entity(
                id=f"ent-{number}",
                name=_cluster_name(doc, cluster),
                type=etype,
                mentions=tuple(_span(text, s, e) for s, e in spans),
                country=_entity_country(doc, cluster),
                sector=cluster.sector,
                title=cluster.title.title if cluster.title else None,
            )
        )
    return entities


# --- helpers for later extractors ----------------------------------------------------------------------


def entity_at(ledger: Ledger, start: int, end: int) -> Entity | None:
    """The entity with a mention over ``[start, end)``: the tightest mention holding the range, else the
    one overlapping it most.

    >>> # "Armenian forces" (group) holds "Armenian" (Armenia); entity_at on "Armenian forces" -> the group
    """
    best: tuple[tuple, Entity] | None = None
    for entity in ledger.entities:
        for m in entity.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            if overlap <= 0 and not (start == end and m.start <= start < m.end):
                continue
            holds = m.start <= start and end <= m.end
            rank = (0, m.end - m.start) if holds else (1, -overlap)
            if best is None or rank < best[0]:
                best = (rank, entity)
    return best[1] if best else None


def mentions_before(
    ledger: Ledger, offset: int, types: Iterable[str] | None = None, since: int = 0
) -> list[tuple[Span, Entity]]:
    """Mentions that end at or before ``offset`` (and start at or after ``since``), most recent first.

    For pronoun resolution: ``mentions_before(ledger, he.start, {"PERSON"})[0]`` is the nearest person.
    """
    wanted = set(types) if types else None
    found = [
        (m, e)
        for e in ledger.entities
        if wanted is None or e.type in wanted
        for m in e.mentions
        if since <= m.start and m.end <= offset
    ]
    return sorted(found, key=lambda pair: (-pair[0].end, -pair[0].start))


def mentions_in(ledger: Ledger, start: int, end: int) -> list[tuple[Span, Entity]]:
    """Mentions lying inside ``[start, end)``, in text order (e.g. the entities of one sentence)."""
    found = [(m, e) for e in ledger.entities for m in e.mentions if start <= m.start and m.end <= end]
    return sorted(found, key=lambda pair: (pair[0].start, pair[0].end))
