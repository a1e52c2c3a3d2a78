"""Places: toponyms in the text, resolved to the gazetteer (coordinates, country, feature kind).

How a toponym is found:

1. spaCy's GPE/LOC/FAC entities and the entities extractor's GPE/LOC/FAC entities (which correct the
   small model's labels: "Armenia" tagged PERSON, "Nagorno-Karabakh" tagged ORG);
2. entities of other labels whose whole text is a country or region name, unless the same words are
   part of a longer person's name elsewhere in the article ("Jordan" in "Michael Jordan");
3. capitalised word runs that are the name of a country, region, sea or continent in the gazetteer,
   longest first, so "Jammu and Kashmir" wins over "Jammu" and "Kashmir";
4. the dateline in capitals at the start of a paragraph ("ISLAMABAD:", "WASHINGTON (Reuters) -").

Spans lose a leading "the", a possessive "'s" and a generic word ("region", "province") unless the
longer form is itself a name in the gazetteer. Demonyms ("Armenian") are not places.

How a toponym is resolved: each candidate of the name scores its :func:`newsledger.gazetteer.prior`
(feature kind, population, capital) plus what the article says: the countries it is about (countries
named, demonyms, entities' countries), the countries named in the same sentence ("Khojaly, a small
town in the Nagorno-Karabakh region of Azerbaijan"), other places resolved nearby, and the "X, Y"
pattern ("Paris, Texas": a place followed by a comma and the region or country that contains it).

Metonymy: a capital or seat of government that is the subject of a political or communicative verb
("New Delhi scrapped ...", "Washington and Moscow agreed") or the possessor of a noun such as
"decision" stands for its government: ``metonymic=True`` and ``country`` is that government's.

Example::

    >>> ledger = analyze("Officials in Paris, Texas, said New Delhi scrapped the plan.")  # doctest: +SKIP
    >>> [(p.span.text, p.country, p.metonymic) for p in ledger.places]  # doctest: +SKIP
    [('Paris', 'US', False), ('Texas', 'US', False), ('New Delhi', 'IN', True)]
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from newsledger.countries import demonym_country
from newsledger.extract.entities import entity_at
from newsledger.gazetteer import Candidate, Gazetteer, haversine_km, prior
from newsledger.model import Ledger, Place, Span

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
OTHER_NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})
MAX_NAME_TOKENS = 6
NEARBY_KM = 300.0
BIG_CITY = 100_000

# Context weights added to a candidate's prior (see the module docstring).
ARTICLE_COUNTRY_WEIGHT = 0.8
SENTENCE_COUNTRY_WEIGHT = 1.0
NEARBY_WEIGHT = 0.8
CONTAINER_WEIGHT = 3.0

_DATELINE = re.compile(r"(?m)^([A-Z][A-Z.'\- ]{1,40}[A-Z.])(?=\s*(?:,|:|\(|\u2014|\u2013|-\s))")


@dataclass(frozen=True)
class PlacesLexicon:
    feature_words: frozenset[str]
    connectors: frozenset[str]
    metonymy_verbs: frozenset[str]
    metonymy_nouns: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> PlacesLexicon:
    """The word lists in ``resources/places_lexicon.json``."""
    data = json.loads(files("newsledger").joinpath("resources", "places_lexicon.json").read_text("utf-8"))
    return PlacesLexicon(**{name: frozenset(data[name]) for name in PlacesLexicon.__dataclass_fields__})


@dataclass
class _Mention:
    """A toponym span (token indices ``[start, end)``) and what is known about it while resolving."""

    start: int
    end: int
    candidates: list[Candidate]
    source: str  # "ner", "entity", "name", "scan", "dateline"
    chosen: Candidate | None = None


# --- finding toponyms ----------------------------------------------------------------------------------


def _lookup(text: str) -> list[Candidate]:
    """Gazetteer candidates of a name (matching ignores case: "ISLAMABAD" is Islamabad)."""
    return Gazetteer.default().lookup(text)


def _is_demonym(text: str) -> bool:
    """"Armenian", "Azerbaijanis" are people or adjectives, not places."""
    return demonym_country(text) is not None and not any(c.feature == "country" for c in _lookup(text))


def _trim(doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading determiner, a trailing possessive and generic feature words around a name."""
    words = lexicon().feature_words
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    full = doc[start:end].text
    if end - start > 1 and not _lookup(full):
        if doc[end - 1].lower_ in words and _lookup(doc[start : end - 1].text):
            end -= 1
        elif doc[start].lower_ in words and _lookup(doc[start + 1 : end].text):
            start += 1
    return start, end


def _ent_pieces(doc) -> Iterable[tuple[int, int, str]]:
    """spaCy entities as (start, end, label), split where they run across a line break (a parse error)."""
    for ent in doc.ents:
        piece_start = ent.start
        for i in range(ent.start, ent.end):
            if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
                last = i if "\n" in doc[i].text else i + 1
                if last > piece_start:
                    yield piece_start, last, ent.label_
                piece_start = i + 1
        if ent.end > piece_start:
            yield piece_start, ent.end, ent.label_


def _person_words(doc, ledger: Ledger) -> set[str]:
    """Single words that belong to longer person names in the article ("Jordan" of "Michael Jordan")."""
    words = {
        t.text for ent in doc.ents
        if ent.label_ == "PERSON" and len(ent) > 1 and not _lookup(ent.text) for t in ent
    }  # fmt: skip
    for entity in ledger.entities:
        if entity.type == "PERSON":
            for mention in entity.mentions:
                parts = mention.text.split()
                if len(parts) > 1:
                    words.update(parts)
    return words


def _is_region_name(candidates: list[Candidate]) -> bool:
    """The name is that of a country, region, sea or continent (not just a town or an ISO subdivision)."""
    return any(c.feature != "city" and c.source != "pycountry" for c in candidates)


def _is_big_city(candidates: list[Candidate], label: str) -> bool:
    """A city large enough that a name the model called a group or organisation is more likely the city
    ("Mombasa" tagged NORP). Person labels are left alone: "Victoria" alone is more often a person."""
    return label in ("NORP", "ORG") and any(
        c.feature == "city" and c.primary and c.population >= BIG_CITY for c in candidates
    )


def _is_capitalised(token) -> bool:
    return token.text[:1].isupper() and any(ch.isalpha() for ch in token.text)


def _scan_names(doc, taken: list[bool]) -> Iterable[tuple[int, int]]:
    """Capitalised word runs that name a country or region, longest first at each position."""
    connectors = lexicon().connectors
    i = 0
    while i < len(doc):
        token = doc[i]
        if taken[i] or not _is_capitalised(token) or (i > 0 and _is_capitalised(doc[i - 1]) and not taken[i - 1]):
            i += 1
            continue
        match = None
        limit = min(len(doc), i + MAX_NAME_TOKENS)
        for j in range(limit, i, -1):
            piece = doc[i:j]
            if any(taken[k] for k in range(i, j)) or "\n" in piece.text:
                continue
            inner_ok = all(_is_capitalised(t) or t.lower_ in connectors or t.text in "-'" for t in piece)
            if not inner_ok or not _is_capitalised(doc[j - 1]):
                continue
            if j < len(doc) and _is_capitalised(doc[j]) and not doc[j].is_sent_start:
                continue  # part of a longer name ("Victoria Nuland", "Georgia Tech")
            if _is_region_name(_lookup(piece.text)) and not _is_demonym(piece.text):
                match = (i, j)
                break
        if match:
            yield match
            i = match[1]
        else:
            i += 1


def _datelines(doc) -> Iterable[tuple[int, int]]:
    """The place in capitals that opens a paragraph: "ISLAMABAD:", "KABUL, Afghanistan -"."""
    for found in _DATELINE.finditer(doc.text):
        span = doc.char_span(found.start(1), found.end(1), alignment_mode="contract")
        if span is not None and len(span) and _lookup(span.text):
            yield span.start, span.end


def find_toponyms(doc, ledger: Ledger) -> list[_Mention]:
    """Every toponym span in the document, with its gazetteer candidates, in text order."""
    proposals: list[tuple[int, int, str]] = []
    not_places: set[tuple[int, int]] = set()
    for entity in ledger.entities:
        for mention in entity.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            if entity.type in PLACE_LABELS:
                proposals.append((span.start, span.end, "entity"))
            elif entity.type == "PERSON":  # a person named like a place ("Jordan" of "Michael Jordan")
                not_places.add((span.start, span.end))
    person_words = _person_words(doc, ledger)
    for start, end, label in _ent_pieces(doc):
        if label in PLACE_LABELS:
            proposals.append((start, end, "ner"))
        elif label in OTHER_NAME_LABELS:
            s, e = _trim(doc, start, end)
            text = doc[s:e].text if e > s else ""
            if not text or (s, e) in not_places or (e - s == 1 and text in person_words):
                continue
            found = _lookup(text)
            if (_is_region_name(found) or _is_big_city(found, label)) and not _is_demonym(text):
                proposals.append((s, e, "name"))
    proposals += [(s, e, "dateline") for s, e in _datelines(doc)]

    mentions: list[_Mention] = []
    taken = [False] * len(doc)
    # Longer spans first, so a gazetteer name spanning two entities ("Jammu and Kashmir") is kept whole.
    for start, end, source in sorted(proposals, key=lambda p: (-(p[1] - p[0]), p[0])):
        start, end = _trim(doc, start, end)
        if end <= start or any(taken[start:end]):
            continue
        text = doc[start:end].text
        candidates = _lookup(text)
        if not candidates or _is_demonym(text):
            continue
        mentions.append(_Mention(start, end, candidates, source))
        taken[start:end] = [True] * (end - start)
    # Entity labels exclude a span; names nobody labelled are found by the scan (it also widens
    # "Jammu" + "and" + "Kashmir" because taken tokens block only the scan's own overlaps).
    blocked = list(taken)
    for ent_start, ent_end, label in _ent_pieces(doc):
        if label not in PLACE_LABELS:
            for k in range(ent_start, ent_end):
                blocked[k] = True
    for start, end in _scan_names(doc, blocked):
        mentions.append(_Mention(start, end, _lookup(doc[start:end].text), "scan"))
    mentions = _widen(doc, mentions)
    return sorted(mentions, key=lambda m: m.start)


def _widen(doc, mentions: list[_Mention]) -> list[_Mention]:
    """Join adjacent toponyms that together form one gazetteer name ("Jammu" "and" "Kashmir")."""
    connectors = lexicon().connectors
    mentions = sorted(mentions, key=lambda m: m.start)
    out: list[_Mention] = []
    for mention in mentions:
        if out:
            previous = out[-1]
            between = doc[previous.end : mention.start]
            if len(between) <= 2 and all(t.lower_ in connectors or t.text == "-" for t in between):
                joined = doc[previous.start : mention.end].text
                found = _lookup(joined)
                if found and "\n" not in joined:
                    out[-1] = _Mention(previous.start, mention.end, found, previous.source)
                    continue
        out.append(mention)
    return out


# --- resolving -----------------------------------------------------------------------------------------


def _article_countries(doc, ledger: Ledger, mentions: list[_Mention]) -> Counter:
    """How often the article points at each country: country names, demonyms, entities' countries."""
    counts: Counter = Counter()
    for mention in mentions:
        best = mention.candidates[0]
        unambiguous = best.feature == "country" or len({c.country for c in mention.candidates}) == 1
        if unambiguous and best.country:
            counts[best.country] += 1
    for ent in doc.ents:
        if ent.label_ == "NORP":
            code = demonym_country(ent.text)
            if code:
                counts[code] += 1
    for entity in ledger.entities:
        if entity.country:
            counts[entity.country] += len(entity.mentions) if entity.type not in PLACE_LABELS else 0
    return counts


def _containers(doc, mention: _Mention, mentions: list[_Mention]) -> list[_Mention]:
    """Regions or countries the text says contain the toponym: "Paris, Texas" (a comma and the name)
    and appositions ("Khojaly, a small town in the Nagorno-Karabakh region of Azerbaijan")."""
    found = []
    if mention.end + 1 < len(doc) and doc[mention.end].text == ",":
        found += [m for m in mentions if m.start == mention.end + 1]
    root = doc[mention.start : mention.end].root
    for child in root.children:
        if child.dep_ == "appos":
            subtree = {t.i for t in child.subtree}
            found += [m for m in mentions if m.start in subtree and m not in found]
    return [m for m in found if any(c.feature in ("country", "region") for c in m.candidates)]


def _contains(container: Candidate, place: Candidate) -> bool:
    """Whether ``container`` (a country or region) plausibly contains ``place``."""
    if container.feature == "country":
        return container.country == place.country
    if container.country and container.country != place.country:
        return False
    if container.admin1 and place.admin1 and container.source == place.source:  # same code system
        return container.admin1 == place.admin1
    if None in (container.lat, place.lat):
        return container.country == place.country
    return haversine_km(container.lat, container.lon, place.lat, place.lon) < NEARBY_KM


def _resolve(doc, ledger: Ledger, mentions: list[_Mention]) -> None:
    """Choose a candidate for every mention: prior first, then prior plus the article's context."""
    for mention in mentions:
        mention.chosen = max(mention.candidates, key=prior)
    countries = _article_countries(doc, ledger, mentions)
    top = max(countries.values(), default=0)
    sentence_of = {m.start: doc[m.start].sent.start for m in mentions}
    for mention in mentions:
        if len(mention.candidates) == 1:
            continue
        same_sentence = {
            o.chosen.country for o in mentions
            if o is not mention and sentence_of[o.start] == sentence_of[mention.start] and o.chosen
            and o.chosen.feature in ("country", "region")
        }  # fmt: skip
        anchors = [
            o.chosen for o in mentions
            if o is not mention and o.chosen and o.chosen.feature != "country" and len(o.candidates) == 1
            and o.chosen.lat is not None
        ]  # fmt: skip
        containers = _containers(doc, mention, mentions)

        def score(candidate: Candidate, same_sentence=same_sentence, anchors=anchors, containers=containers) -> float:
            value = prior(candidate)
            if candidate.country and top:
                value += ARTICLE_COUNTRY_WEIGHT * countries.get(candidate.country, 0) / top
            if candidate.country in same_sentence:
                value += SENTENCE_COUNTRY_WEIGHT
            if candidate.lat is not None and any(
                haversine_km(a.lat, a.lon, candidate.lat, candidate.lon) < NEARBY_KM for a in anchors
            ):
                value += NEARBY_WEIGHT
            if any(_contains(c, candidate) for m in containers for c in m.candidates[:3]):
                value += CONTAINER_WEIGHT
            return value

        mention.chosen = max(mention.candidates, key=score)
    # The container of "X, Y" follows the place it contains ("Paris, Texas": Texas the US state).
    for mention in mentions:
        for container in _containers(doc, mention, mentions)[:1]:
            fitting = [c for c in container.candidates if mention.chosen and _contains(c, mention.chosen)]
            if fitting:
                container.chosen = max(fitting, key=prior)


# --- metonymy ------------------------------------------------------------------------------------------


def _government_role(doc, start: int, end: int) -> bool:
    """Whether the span is the subject of a political/communicative verb or possessor of such a noun."""
    words = lexicon()
    head = doc[start:end].root
    while head.dep_ == "conj" and head.head.i != head.i:  # "Washington and Moscow agreed"
        head = head.head
    if head.dep_ == "nsubj":
        verb = head.head
        return verb.lemma_.lower() in words.metonymy_verbs
    if head.dep_ == "pobj" and head.head.lower_ == "by" and head.head.dep_ == "agent":
        return head.head.head.lemma_.lower() in words.metonymy_verbs
    if head.dep_ == "poss":
        return head.head.lemma_.lower() in words.metonymy_nouns or head.head.lower_ in words.metonymy_nouns
    return False


# --- the extractor -------------------------------------------------------------------------------------


def extract(doc, ledger: Ledger) -> list[Place]:
    """Place records for every toponym of ``doc``, in text order (ids ``plc-1`` ...)."""
    if not doc.text.strip():
        return []
    mentions = find_toponyms(doc, ledger)
    _resolve(doc, ledger, mentions)
    places: list[Place] = []
    for mention in mentions:
        chosen = mention.chosen
        if chosen is None:
            continue
        span = doc[mention.start : mention.end]
        start, end = span.start_char, span.end_char
        entity = entity_at(ledger, start, end)
        seat = chosen.seat_of
        metonymic = bool(seat) and _government_role(doc, mention.start, mention.end)
        places.append(
            Place(
                id=f"plc-{len(places) + 1}",
                span=Span(start, end, doc.text[start:end]),
                name=chosen.name,
                country=seat if metonymic else chosen.country,
                lat=chosen.lat,
                lon=chosen.lon,
                geonameid=chosen.geonameid,
                feature=chosen.feature,
                metonymic=metonymic,
                entity=entity.id if entity else None,
            )
        )
    return places
