"""Places: toponyms in the text, resolved to the gazetteer (coordinates, country, feature kind).

How a toponym is found:

1. spaCy's GPE/LOC/FAC entities and the entities extractor's GPE/LOC/FAC entities (which correct the
   small model's labels: "Armenia" tagged PERSON, "Nagorno-Karabakh" tagged ORG);
2. entities of other labels whose whole text is a country or region name, unless the same words are
   part of a longer person's name elsewhere in the article ("Jordan" in "Michael Jordan");
3. capitalised word runs that are the name of a country, region, sea or continent in the gazetteer,
   longest first, so "Jammu and Kashmir" wins over "Jammu" and "Kashmir";
4. the dateline in capitals opening a paragraph or sentence ("ISLAMABAD:", "WASHINGTON (Reuters) -");
5. towns the model took for a person or an organisation where places stand ("a fire in Alexandria", "an
   Alexandria woman").

A place's name inside the name of something else is not a place the article speaks of: "New York" in
"The New York Times", "Syracuse" in "Syracuse University", "Texas" in "the Texas Department of
Transportation" (the judged articles' convention; LGL annotates such names, and its detection recall
pays for this).

Spans lose a leading "the", a possessive "'s", a generic word ("region", "province") and a directional
qualifier ("North Texas") unless the longer form is itself a name in the gazetteer. Demonyms
("Armenian") are not places (:func:`demonym_spans` reports them apart, for evaluation conventions).

How a toponym is resolved: mentions of one name are one place. Each candidate of the name scores its
:func:`newsledger.knowledge.gazetteer.prior` (feature kind, population, capital) plus what the rest of the article
says: votes for countries and first-level regions (the other names' readings, demonyms, entities'
countries), spatial support (how close it lies to a plausible reading of each other name, or contains
it: "Huntsville" and "Walker County" together in Texas), and the "X, Y" pattern ("Paris, Texas": a place
followed by a comma and the region or country that contains it). Two rounds let the readings settle.

Metonymy: a capital or seat of government that is the subject of a political or communicative verb
("New Delhi scrapped ...", "Washington and Moscow agreed") or the possessor of a noun such as
"decision" stands for its government: ``metonymic=True`` and ``country`` is that government's.

Example::

    >>> ledger = analyze("Officials in Paris, Texas, said New Delhi scrapped the plan.")  # doctest: +SKIP
    >>> [(p.span.text, p.country, p.metonymic) for p in ledger.places]  # doctest: +SKIP
    [('Paris', 'US', False), ('Texas', 'US', False), ('New Delhi', 'IN', True)]
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from newsledger.extract.entities import entity_at
from newsledger.extract.parsed import entities, span_text, tokens
from newsledger.extract.parsed import text as doc_text
from newsledger.knowledge.countries import demonym_country, normalise_key
from newsledger.knowledge.gazetteer import Candidate, Gazetteer, geonames_admin1, prior
from newsledger.knowledge.geometry import EARTH_RADIUS_KM, haversine_km
from newsledger.model import Ledger, Place, Span
from newsledger.resources import load_json

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
OTHER_NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})
MAX_NAME_TOKENS = 6
NEARBY_KM = 300.0
BIG_CITY = 100_000

# Context weights added to a candidate's prior (see the module docstring and _Context).
COUNTRY_WEIGHT = 1.0
REGION_WEIGHT = 1.0
NEARBY_WEIGHT = 2.0
CONTAINER_WEIGHT = 3.0
CONTEXT_ROUNDS = 2
PROXIMITY_CANDIDATES = 10
UNLOCATED_PENALTY = 0.5
VOTE_SMOOTHING = 2
PARTNER_SHARPNESS = 2.0

# A place in capitals opening a line, a sentence or what follows a date, then a comma, colon, bracket or dash.
_DATELINE = re.compile(
    r"(?m)(?:^|(?<=[.!?] )|(?<=\d{4} ))([A-Z][A-Z.'\- ]{1,40}[A-Z.])(?=\s*(?:,|:|\(|\u2014|\u2013|--|-\s))"
)


@dataclass(frozen=True)
class PlacesLexicon:
    feature_words: frozenset[str]
    connectors: frozenset[str]
    metonymy_verbs: frozenset[str]
    metonymy_nouns: frozenset[str]
    container_prepositions: frozenset[str]
    qualifiers: frozenset[str]
    locative_prepositions: frozenset[str]
    locative_heads: frozenset[str]
    celestial_bodies: frozenset[str]
    adjective_suffixes: tuple[tuple[str, str], ...]


@lru_cache(maxsize=1)
def lexicon() -> PlacesLexicon:
    """The word lists in ``resources/places_lexicon.json``."""
    data = load_json("places_lexicon.json")
    words = {name: frozenset(data[name]) for name in PlacesLexicon.__dataclass_fields__ if name != "adjective_suffixes"}
    suffixes = tuple((pair[0], pair[1]) for pair in data["adjective_suffixes"])
    return PlacesLexicon(**words, adjective_suffixes=suffixes)


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
    """Gazetteer candidates of a name (matching ignores case: "ISLAMABAD" is Islamabad); a celestial
    body ("Mars", "the Moon") is only itself, with no country and no coordinates."""
    body = _celestial_bodies().get(text.lower().removeprefix("the "))
    if body is not None and text[:1].isupper():
        return [Candidate(None, body, None, None, None, "other")]
    return Gazetteer.default().lookup(text)


def _is_celestial(candidates: list[Candidate]) -> bool:
    return len(candidates) == 1 and candidates[0].geonameid is None and candidates[0].country is None


@lru_cache(maxsize=1)
def _celestial_bodies() -> dict[str, str]:
    return {name.lower(): name for name in lexicon().celestial_bodies}


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
        elif (doc[start].lower_ in words or doc[start].lower_ in lexicon().qualifiers) and _lookup(
            doc[start + 1 : end].text
        ):
            start += 1
    return start, end


def _ent_pieces(doc) -> Iterable[tuple[int, int, str]]:
    """spaCy entities as (start, end, label), split where they run across a line break (a parse error)."""
    for ent in entities(doc):
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
        t.text for ent in entities(doc)
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


def _is_town(candidates: list[Candidate]) -> bool:
    return any(c.feature == "city" for c in candidates)


def _is_capitalised(token) -> bool:
    return token.text[:1].isupper() and any(ch.isalpha() for ch in token.text)


def _scan_names(doc, taken: list[bool]) -> Iterable[tuple[int, int]]:
    """Capitalised word runs that name a country or region, longest first at each position."""
    connectors = lexicon().connectors
    toks = tokens(doc)
    capital = [_is_capitalised(t) for t in toks]
    n, i = len(toks), 0
    while i < n:
        if taken[i] or not capital[i] or (i > 0 and capital[i - 1] and not taken[i - 1]):
            i += 1
            continue
        match = None
        limit = min(n, i + MAX_NAME_TOKENS)
        for j in range(limit, i, -1):
            piece = span_text(doc, i, j)
            if any(taken[k] for k in range(i, j)) or "\n" in piece:
                continue
            inner_ok = all(capital[k] or toks[k].lower_ in connectors or toks[k].text in "-'" for k in range(i, j))
            if not inner_ok or not capital[j - 1]:
                continue
            if j < n and capital[j] and not toks[j].is_sent_start:
                continue  # part of a longer name ("Victoria Nuland", "Georgia Tech")
            if _is_region_name(_lookup(piece)) and not _is_demonym(piece):
                match = (i, j)
                break
        if match:
            yield match
            i = match[1]
        else:
            i += 1


def _datelines(doc) -> Iterable[tuple[int, int]]:
    """The place in capitals that opens a paragraph: "ISLAMABAD:", "KABUL, Afghanistan -"."""
    for found in _DATELINE.finditer(doc_text(doc)):
        span = doc.char_span(found.start(1), found.end(1), alignment_mode="contract")
        if span is not None and len(span) and _lookup(span.text):
            yield span.start, span.end


def _in_place_context(doc, start: int, end: int) -> bool:
    """A name stands where places stand: after "in", "at", "from" ...; before ", <region>"; or before a noun
    such as "resident" or "woman" ("an Alexandria woman")."""
    words = lexicon()
    if start > 0 and doc[start - 1].lower_ in words.locative_prepositions:
        return True
    if end < len(doc) and doc[end].lower_ in words.locative_heads:
        return True
    if end + 1 < len(doc) and doc[end].text == ",":
        following = _lookup(doc[end + 1].text)
        return any(c.feature in ("region", "country") for c in following)
    return False


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
            named = (_is_region_name(found) or _is_big_city(found, label)) and not _is_demonym(text)
            # A town the model took for a person or organisation, standing where places stand.
            placed = label in ("PERSON", "ORG") and _is_town(found) and _in_place_context(doc, s, e)
            if named or placed:
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
        if _is_celestial(candidates) and source not in ("entity", "ner"):
            continue  # "Ceres Robotics", a "moon" the model called a person: only a labelled location is one
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
        candidates = _lookup(doc[start:end].text)
        if not _is_celestial(candidates):
            mentions.append(_Mention(start, end, candidates, "scan"))
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


def _document_countries(doc, ledger: Ledger, mentions: list[_Mention]) -> Counter:
    """Countries the article points at other than by toponyms: demonyms and the countries of its entities.

    An entity whose mention covers a toponym ("the Georgia Bureau of Investigation") got its country from
    that very name, so it does not vote: the name is being resolved, and would otherwise vote for itself.
    """
    counts: Counter = Counter()
    for ent in entities(doc):
        if ent.label_ == "NORP":
            code = demonym_country(ent.text)
            if code:
                counts[code] += 1
    spans = [(doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])) for m in mentions]
    for entity in ledger.entities:
        if not entity.country or entity.type in PLACE_LABELS or entity.type == "NORP":
            continue
        for mention in entity.mentions:
            if not any(s < mention.end and mention.start < e for s, e in spans):
                counts[entity.country] += 1
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
            found += [m for m in mentions if m.start in subtree and m not in found and _locative(doc, m)]
    return [m for m in found if any(c.feature in ("country", "region") for c in m.candidates)]


def _locative(doc, mention: _Mention) -> bool:
    """The toponym is the object of "in", "of" or "near" ("a town in the X region of Y"), not a modifier
    ("a partner in the U.S.-led campaign")."""
    head = doc[mention.start : mention.end].root
    return head.dep_ == "pobj" and head.head.lower_ in lexicon().container_prepositions


def _comparable_admin1(a: Candidate, b: Candidate) -> bool:
    """Both carry first-level codes of one system (GeoNames'; ISO 3166-2 codes are another)."""
    return bool(geonames_admin1(a) and geonames_admin1(b))


def _contains(container: Candidate, place: Candidate) -> bool:
    """Whether ``container`` (a country or region) plausibly contains ``place``."""
    if container.feature == "country":
        return container.country == place.country
    if container.country and container.country != place.country:
        return False
    if _comparable_admin1(container, place):
        return container.admin1 == place.admin1
    if None in (container.lat, place.lat):
        return container.country == place.country
    return haversine_km(container.lat, container.lon, place.lat, place.lon) < NEARBY_KM


@dataclass
class _Context:
    """What the rest of the article says about where it is, as seen from one toponym name.

    ``countries`` and ``regions`` count votes: each other toponym name votes for the country (and, when
    it has one, the first-level region) of its current reading; demonyms and entities vote for their
    countries.
    """

    countries: Counter
    regions: Counter

    def score(self, candidate: Candidate) -> float:
        """Context support for one candidate (added to its prior)."""
        value = 0.0
        # Shares are smoothed: one other name alone ("Washington and Moscow agreed") is thin evidence.
        total = sum(self.countries.values()) + VOTE_SMOOTHING
        if candidate.country:
            value += COUNTRY_WEIGHT * self.countries[candidate.country] / total
        regions = sum(self.regions.values()) + VOTE_SMOOTHING
        if geonames_admin1(candidate):
            value += REGION_WEIGHT * self.regions[(candidate.country, candidate.admin1)] / regions
        return value


def _key(mention: _Mention, doc) -> str:
    """Mentions of one name in one article denote one place ("one sense per discourse")."""
    return normalise_key(doc[mention.start : mention.end].text)


def _context(groups: dict[str, list[_Mention]], name: str, background: Counter) -> _Context:
    countries = Counter(background)
    regions: Counter = Counter()
    for other, mentions in groups.items():
        chosen = mentions[0].chosen
        if other == name or chosen is None:
            continue
        if chosen.country:
            countries[chosen.country] += 1
        if geonames_admin1(chosen) and chosen.feature != "country":
            regions[(chosen.country, chosen.admin1)] += 1
    return _Context(countries, regions)


def _proximity(groups: dict[str, list[_Mention]]) -> dict[tuple[str, int], float]:
    """Spatial support of each candidate: how close it lies to some reading of each other name.

    For candidate c of name A and another name B, the affinity is 1 when one of them is a first-level
    region containing the other (same admin1 code), else a closeness that falls from 1 at 0 km to 0 at
    :data:`NEARBY_KM` on a log scale, taken for B's nearest reading among its :data:`PROXIMITY_CANDIDATES`
    likeliest. The support of c is the mean over the other names. Jointly, the readings that lie together
    win ("Huntsville" and "Walker County" in Texas rather than each in Alabama): Leidner's spatial
    minimality, softened. Countries take no part (their point says nothing about where in them a town is).
    Keys are (name, index of the candidate in the name's candidate list).
    """
    rows: list[tuple[str, int, Candidate]] = []
    for name, mentions in groups.items():
        ranked = sorted(enumerate(mentions[0].candidates), key=lambda pair: prior(pair[1]), reverse=True)
        rows += [(name, i, c) for i, c in ranked[:PROXIMITY_CANDIDATES] if c.lat is not None and c.feature != "country"]
    names = sorted({name for name, _, _ in rows})
    if len(names) < 2:
        return {}
    lat = np.radians([c.lat for _, _, c in rows])
    lon = np.radians([c.lon for _, _, c in rows])
    dlat = lat[:, None] - lat[None, :]
    dlon = lon[:, None] - lon[None, :]
    a = np.sin(dlat / 2) ** 2 + np.cos(lat)[:, None] * np.cos(lat)[None, :] * np.sin(dlon / 2) ** 2
    distance = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    affinity = np.clip(1.0 - np.log1p(distance) / math.log1p(NEARBY_KM), 0.0, 1.0)
    region = np.array([c.feature == "region" and bool(geonames_admin1(c)) for _, _, c in rows])
    code = np.array([f"{c.country}/{c.admin1}" if geonames_admin1(c) else "" for _, _, c in rows])
    pair = region[:, None] | region[None, :]
    same = (code[:, None] == code[None, :]) & (code[:, None] != "")
    affinity = np.where(pair, np.maximum(same.astype(float), affinity), affinity)
    group = np.array([names.index(name) for name, _, _ in rows])
    # A partner reading counts as much as it is plausible: Washington, Missouri and Moscow Mills lie together,
    # but neither is what "Washington" and "Moscow" usually mean, so their nearness is weak evidence.
    priors = np.array([prior(c) for _, _, c in rows])
    top = np.array([priors[group == g].max() for g in range(len(names))])
    affinity = affinity * np.exp(PARTNER_SHARPNESS * (priors - top[group]))[None, :]
    best = np.zeros((len(rows), len(names)))
    for g in range(len(names)):
        best[:, g] = affinity[:, group == g].max(axis=1)
    best[np.arange(len(rows)), group] = 0.0  # a name does not support itself
    support = best.sum(axis=1) / (len(names) - 1)
    return {(name, i): float(value) for (name, i, _), value in zip(rows, support, strict=True)}


def _resolve(doc, ledger: Ledger, mentions: list[_Mention]) -> None:
    """Choose a candidate for every mention: the prior first, then prior plus the article's context.

    Mentions of the same name are resolved together. Two rounds: each name's reading is chosen against
    the others' readings of the round before, so "Georgia" follows "Atlanta" and "Macon" (US local news)
    or "Tbilisi" and "South Ossetia". "X, Y" containment outweighs everything else.
    """
    for mention in mentions:
        if _is_celestial(mention.candidates) and _containers(doc, mention, mentions):
            # "Ceres, California": a town that shares a celestial body's name, its container says so.
            mention.candidates = Gazetteer.default().lookup(doc[mention.start : mention.end].text) or mention.candidates
    groups: dict[str, list[_Mention]] = {}
    for mention in mentions:
        mention.chosen = max(mention.candidates, key=prior)
        groups.setdefault(_key(mention, doc), []).append(mention)
    background = _document_countries(doc, ledger, mentions)
    proximity = _proximity(groups)
    for _round in range(CONTEXT_ROUNDS):
        chosen: dict[str, Candidate] = {}
        for name, members in groups.items():
            candidates = members[0].candidates
            if len(candidates) == 1:
                continue
            context = _context(groups, name, background)
            containers = [c for m in members for c in _containers(doc, m, mentions)]

            def score(index: int, name=name, candidates=candidates, context=context, containers=containers) -> float:
                candidate = candidates[index]
                value = prior(candidate) + context.score(candidate)
                value += NEARBY_WEIGHT * proximity.get((name, index), 0.0)
                if candidate.lat is None:
                    value -= UNLOCATED_PENALTY  # a reading that cannot be placed helps nobody
                if any(_contains(c, candidate) for m in containers for c in m.candidates[:3]):
                    value += CONTAINER_WEIGHT
                return value

            chosen[name] = candidates[max(range(len(candidates)), key=score)]
        for name, candidate in chosen.items():
            for member in groups[name]:
                member.chosen = candidate
    # The container of "X, Y" follows the place it contains ("Paris, Texas": Texas the US state).
    for mention in mentions:
        for container in _containers(doc, mention, mentions)[:1]:
            fitting = [c for c in container.candidates if mention.chosen and _contains(c, mention.chosen)]
            if fitting:
                container.chosen = max(fitting, key=prior)


# --- metonymy ------------------------------------------------------------------------------------------


def _government_role(doc, start: int, end: int) -> bool:
    """Whether the span is the subject or agent of a political/communicative verb, the party it is done
    with or against, or the possessor or modifier of such a noun ("a White House spokesman")."""
    words = lexicon()
    head = doc[start:end].root
    while head.dep_ == "conj" and head.head.i != head.i:  # "Washington and Moscow agreed"
        head = head.head
    if head.dep_ == "nsubj":
        verb = head.head
        return verb.lemma_.lower() in words.metonymy_verbs
    if head.dep_ == "pobj" and head.head.lower_ == "by" and head.head.dep_ == "agent":
        return head.head.head.lemma_.lower() in words.metonymy_verbs
    if head.dep_ == "pobj" and head.head.lower_ in ("with", "against"):  # "refused to negotiate with Kabul"
        return head.head.head.lemma_.lower() in words.metonymy_verbs
    if head.dep_ in ("poss", "compound"):  # "Beijing's decision", "a White House spokesman"
        return head.head.lemma_.lower() in words.metonymy_nouns or head.head.lower_ in words.metonymy_nouns
    return False


# --- the extractor -------------------------------------------------------------------------------------


def extract(doc, ledger: Ledger) -> list[Place]:
    """Place records for every toponym of ``doc``, in text order (ids ``plc-1`` ...)."""
    whole = doc_text(doc)
    if not whole.strip():
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
                span=Span(start, end, whole[start:end]),
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


# --- resolving given spans (evaluation with gold toponyms) ----------------------------------------------


def demonym_spans(doc) -> list[tuple[int, int, str]]:
    """Demonyms in the text as (char start, char end, country code): "Russian" -> RU.

    Demonyms are not places (no Place record is made for them); this is for evaluation conventions that
    annotate them as toponyms of their country (LGL, TR-News).

    >>> demonym_spans(load_nlp()("Russian troops left."))  # doctest: +SKIP
    [(0, 7, 'RU')]
    """
    found = []
    for start, end, label in _ent_pieces(doc):
        if label != "NORP":
            continue
        span = doc[start:end]
        code = demonym_country(span.text)
        if code and not any(c.feature == "country" for c in _lookup(span.text)):
            found.append((span.start_char, span.end_char, code))
    return found


def _adjective_place(text: str) -> list[Candidate]:
    """The region or continent an adjective of place names: "European" -> Europe, "South Ossetian" ->
    South Ossetia, "Asian" -> Asia (country demonyms are :func:`demonym_country`'s). Towns are left out:
    an adjective is not formed from a town's name often enough to guess it from the spelling."""
    for suffix, replacement in lexicon().adjective_suffixes:
        if text.endswith(suffix) and len(text) > len(suffix) + 2:
            found = [c for c in _lookup(text[: len(text) - len(suffix)] + replacement) if c.feature != "city"]
            if found:
                return found
    return []


def resolve_spans(doc, ledger: Ledger, spans: Sequence[tuple[int, int]]) -> list[Candidate | None]:
    """Resolve given toponym spans (char offsets) together, in the article's context, as :func:`extract` would.

    The spans play the part of the toponyms found: they are looked up, then disambiguated jointly with the
    same context (the article's countries, containers, nearby places). A span that is a demonym resolves to
    its country. A span with no gazetteer entry gives None.

    >>> text = "The fair opened in Paris, Texas."
    >>> [c.country for c in resolve_spans(load_nlp()(text), Ledger(Article("x", text)), [(19, 24)])]  # doctest: +SKIP
    ['US']
    """
    mentions: list[_Mention | None] = []
    whole = doc_text(doc)
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            mentions.append(None)
            continue
        s, e = _trim(doc, span.start, span.end)
        if e <= s:
            s, e = span.start, span.end
        text = whole[start:end]
        code = demonym_country(text) if _is_demonym(text) else None
        if code:
            candidates = Gazetteer.default().country(code)
        else:
            candidates = _lookup(text) or _lookup(doc[s:e].text) or _adjective_place(text)
        mentions.append(_Mention(s, e, candidates, "given") if candidates else None)
    known = [m for m in mentions if m is not None]
    _resolve(doc, ledger, sorted(known, key=lambda m: m.start))
    return [m.chosen if m is not None else None for m in mentions]
