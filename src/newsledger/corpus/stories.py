"""Stories: articles about the same happening, grouped; wire copies recognised as copies.

Three signals:

* **Copies**: MinHash over word shingles (datasketch) estimates the Jaccard similarity of two
  texts; an LSH index finds the candidate pairs without comparing every pair. Articles at or
  above ``COPY_JACCARD`` are copies of one another (a wire story reprinted, lightly edited);
  above ``STORY_JACCARD`` they are at least the same story.
* **Same happening, other words**: two outlets reporting one happening share little phrasing
  but the same rare words and the same anchors — what the article is about, from its ledger:
  the specific places it names (not countries), the people and organisations, its dated events.
  Pairs that share an anchor (found with an inverted index) are the candidates; a candidate
  pair is one story when the TF-IDF cosine of their content words reaches ``MIN_COSINE`` (the
  IDF is taken over the collection being grouped). Sharing a name alone is a topic, not a
  happening: "Reuters" or "Apple" link many unrelated articles, and the cosine tells them apart.
* **Weaker wording, corroborated by who, where and when**: two accounts of one round of trade
  talks can share fewer words than two unrelated articles on one topic. What they do share are
  the happening's particulars, taken from their ledgers: *who* — the words of the names of the
  people, organisations, facilities and named events; *where* — the places resolved to the
  gazetteer (countries too: "Hong Kong" tells much when few articles name it); *when* — the
  calendar days named ("Dec. 15" and "December 15, 2019" are one day). Each is a cosine of
  TF-IDF vectors in which a shared feature counts by how rare it is in the collection (see
  :func:`idf_vectors`), and a candidate pair whose text cosine is between
  ``MIN_CORROBORATED_COSINE`` and ``MIN_COSINE`` is one story when its
  :func:`evidence`, ``text + CORROBORATION_WEIGHT * (who + where + when)``, reaches
  ``MIN_EVIDENCE``. Agreement on one of the three rarely suffices, so two articles on one topic
  (the same celebrity, the same country) stay apart.

Published dates, when both are known, must lie within ``MAX_DAYS_APART``. Stories are the
connected components of the pairs that pass.

Example::

    stories = group_stories(store.ledgers())
    [(s.id, s.articles, s.copies) for s in stories if len(s.articles) > 1]
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from datasketch import MinHash, MinHashLSH
from spacy.lang.en.stop_words import STOP_WORDS

from newsledger.model import Ledger

NUM_PERM = 128
SHINGLE_WORDS = 4
COPY_JACCARD = 0.6
STORY_JACCARD = 0.3
# Text alone: reports of one happening by different outlets share rare words; unrelated articles on one
# topic (a 13-inch MacBook rumour and a 16-inch teardown) reach about 0.34 on `newsledger eval stories`.
MIN_COSINE = 0.35
# Text corroborated by who/where/when (see evidence()). Each rarity-weighted cosine adds at most
# CORROBORATION_WEIGHT. A shared cast alone adds about 0.13 (two Taylor Swift stories: text 0.32, evidence
# 0.45), short of MIN_EVIDENCE; a pair must agree on more, or on one thing far better. Measured with
# `newsledger eval stories` and on the article-extraction bodies it leaves out (--limit 200, read by
# hand): the pairs this joins score 0.51 and up (trade talks, one hearing, one game-service launch), the
# closest unrelated ones 0.46-0.47 (two Afghanistan stories, two Black Friday deal lists); one siege
# reported twice (0.46-0.49) stays apart, as that is where unrelated pairs lie.
CORROBORATION_WEIGHT = 0.25
MIN_EVIDENCE = 0.5
# Wording must still be on one subject: below this, articles that share a city, its officials and a
# date (two stories from one capital on one day) stay apart however well the anchors agree.
MIN_CORROBORATED_COSINE = 0.2
MIN_IDF_COLLECTION = 50
MAX_DAYS_APART = 7
SPECIFIC_FEATURES = frozenset({"city", "other", "region"})
NAMED_TYPES = frozenset({"PERSON", "ORG", "FAC"})
# Who an article is about: people, bodies, facilities and named events (GPE and LOC are places, counted
# under "where" from the resolved Place records; NORP, "Chinese", "Democratic", tells a side, not a cast).
WHO_TYPES = frozenset({"PERSON", "ORG", "FAC", "EVENT"})

_WORD = re.compile(r"\w+")
_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")
_NAME_WORD = re.compile(r"[^\W\d_]{2,}")
# Lower-case words the entity span swept in before the name proper ("earlier MacBook Pro").
_LEADING_LOWER = re.compile(r"^(?:[a-z][^\W\d_]*[\s-]+)+(?=[A-Z0-9])")
_POSSESSIVE = re.compile(r"['’]s\b")
# A day-precise TIMEX3 value, anchored or not: 2019-12-15, XXXX-12-15, 2019-12-15T10:00.
_CALENDAR_DAY = re.compile(r"(?:\d{4}|XXXX)-(\d\d)-(\d\d)")


@dataclass(frozen=True)
class Story:
    """Articles about one happening; ``copies`` are pairs of articles that are copies of each other."""

    id: str
    articles: tuple[str, ...]
    copies: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Fingerprint:
    article: str
    published: dt.date | None
    minhash: MinHash
    anchors: frozenset[str]
    words: Counter[str]
    who: Counter[str]
    where: Counter[str]
    when: Counter[str]


def _shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)}


def anchors(ledger: Ledger) -> frozenset[str]:
    """What the article is about: specific places, named people and bodies, dated events.

    Prefixes keep the kinds apart: ``place:``, ``name:``, ``event:``.
    """
    found: set[str] = set()
    for place in ledger.places:
        if place.feature in SPECIFIC_FEATURES and not place.metonymic:
            found.add(f"place:{place.geonameid or place.name.casefold()}")
    for entity in ledger.entities:
        if entity.type in NAMED_TYPES and len(entity.name) > 2:
            found.add(f"name:{entity.name.casefold()}")
    for event in ledger.events:
        if event.date and event.date.value[:1].isdigit() and len(event.date.value) >= 10:
            found.add(f"event:{event.event}:{event.date.value[:10]}")
    return frozenset(found)


def name_words(name: str) -> list[str]:
    """The words of an entity's name, case-folded, without a possessive or the lower-case words before it.

    Words, not whole names, so that "Trump" meets "Donald Trump" and "Polytechnic University"
    meets "Hong Kong Polytechnic University"; the IDF makes a shared "university" or "of" weigh
    little. Stop words stay: they are names too ("Liu He", "Will Smith").
    """
    name = _LEADING_LOWER.sub("", _POSSESSIVE.sub("", name.strip()))
    return _NAME_WORD.findall(name.casefold())


def who(ledger: Ledger) -> Counter[str]:
    """Words of the names of the people, bodies, facilities and events the article names, by mention."""
    found: Counter[str] = Counter()
    for entity in ledger.entities:
        if entity.type in WHO_TYPES:
            for word in set(name_words(entity.name)):  # once per name: "Hong Kong police of Hong Kong"
                found[word] += max(len(entity.mentions), 1)
    return found


def where(ledger: Ledger) -> Counter[str]:
    """The places the article resolved (countries included), by mention."""
    return Counter(str(place.geonameid or place.name.casefold()) for place in ledger.places)


def when(ledger: Ledger) -> Counter[str]:
    """The calendar days (``MM-DD``) the article names, by mention.

    Month and day only: without a publication date "Dec. 15" is ``XXXX-12-15`` and must meet
    "December 15, 2019"; articles more than ``MAX_DAYS_APART`` apart are never compared, so the
    year is rarely what tells two such days apart.
    """
    days: Counter[str] = Counter()
    for time in ledger.times:
        match = _CALENDAR_DAY.match(time.value)
        if match:
            days[f"{match[1]}-{match[2]}"] += 1
    return days


def fingerprint(ledger: Ledger) -> Fingerprint:
    minhash = MinHash(num_perm=NUM_PERM)
    minhash.update_batch(list(_shingles(ledger.article.text)))
    published = dt.date.fromisoformat(ledger.article.published) if ledger.article.published else None
    words = Counter(w for w in _CONTENT_WORD.findall(ledger.article.text.casefold()) if w not in STOP_WORDS)
    return Fingerprint(
        ledger.article.id, published, minhash, anchors(ledger), words, who(ledger), where(ledger), when(ledger)
    )


def _idf(document_frequency: int, total: int) -> float:
    """Smoothed IDF, ``log((1 + n) / (1 + df)) + 1``."""
    return math.log((1 + total) / (1 + document_frequency)) + 1


def idf_vectors(bags: Sequence[Counter[str]], *, specific: bool = False) -> list[dict[str, float]]:
    """TF-IDF vectors of bags of features, IDF over the collection itself.

    Term frequency is sublinear (``1 + log count``); the vectors are unit length before the
    ``specific`` scaling below. A collection smaller than ``MIN_IDF_COLLECTION`` counts as that
    large, so that in a handful of articles a word they all share still weighs: four reports of
    one attack all say "Eldoret".

    ``specific`` scales each feature further by the square root of its IDF over the highest IDF a
    shared feature can have (one held by two articles), so the dot product of two vectors is a
    cosine in which each shared feature counts by how rare it is. Bags of a few features need it:
    two articles that name one place only, "Ukraine", have a plain cosine of 1 however many
    articles of the collection name Ukraine; here it is 0.44 when half of 50 articles do, 0.25
    when half of 1,000 do.
    """
    document_frequency = Counter(feature for bag in bags for feature in bag)
    total = max(len(bags), MIN_IDF_COLLECTION)
    rarest_shared = _idf(2, total)
    vectors = []
    for bag in bags:
        idf = {feature: _idf(document_frequency[feature], total) for feature, count in bag.items() if count > 0}
        weights = {feature: (1 + math.log(bag[feature])) * value for feature, value in idf.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        scale = {f: math.sqrt(min(1.0, idf[f] / rarest_shared)) if specific else 1.0 for f in weights}
        vectors.append({feature: w / norm * scale[feature] for feature, w in weights.items() if w})
    return vectors


def tfidf_vectors(prints: Sequence[Fingerprint]) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors of content words (see :func:`idf_vectors`)."""
    return idf_vectors([fp.words for fp in prints])


@dataclass(frozen=True)
class _Vectors:
    """Per article: a TF-IDF vector of its words, and rarity-weighted ones of its who, where and when."""

    text: list[dict[str, float]]
    who: list[dict[str, float]]
    where: list[dict[str, float]]
    when: list[dict[str, float]]

    @classmethod
    def of(cls, prints: Sequence[Fingerprint]) -> _Vectors:
        return cls(
            tfidf_vectors(prints),
            idf_vectors([fp.who for fp in prints], specific=True),
            idf_vectors([fp.where for fp in prints], specific=True),
            idf_vectors([fp.when for fp in prints], specific=True),
        )

    def same_happening(self, i: int, j: int) -> bool:
        """Text alone, or weaker text corroborated by who, where and when (see the module doc)."""
        text = cosine(self.text[i], self.text[j])
        if text >= MIN_COSINE:
            return True
        if text < MIN_CORROBORATED_COSINE:
            return False
        return evidence(text, *(cosine(v[i], v[j]) for v in (self.who, self.where, self.when))) >= MIN_EVIDENCE


def evidence(text: float, who: float, where: float, when: float) -> float:
    """How strongly two articles report one happening: their text cosine plus the corroboration."""
    return text + CORROBORATION_WEIGHT * (who + where + when)


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return sum(weight * b.get(word, 0.0) for word, weight in a.items())


def _close_in_time(a: Fingerprint, b: Fingerprint) -> bool:
    if a.published is None or b.published is None:
        return True
    return abs((a.published - b.published).days) <= MAX_DAYS_APART


def _text_pairs(prints: Sequence[Fingerprint]) -> dict[tuple[int, int], float]:
    """Candidate pairs by LSH over the MinHashes, with their estimated Jaccard similarity."""
    lsh = MinHashLSH(threshold=STORY_JACCARD, num_perm=NUM_PERM)
    for index, fp in enumerate(prints):
        if not fp.minhash.is_empty():  # two empty texts are not copies of each other
            lsh.insert(index, fp.minhash)
    pairs: dict[tuple[int, int], float] = {}
    for index, fp in enumerate(prints):
        if fp.minhash.is_empty():
            continue
        for other in lsh.query(fp.minhash):
            if other > index:
                pairs[(index, other)] = fp.minhash.jaccard(prints[other].minhash)
    return pairs


def _anchor_pairs(prints: Sequence[Fingerprint]) -> set[tuple[int, int]]:
    """Candidate pairs that share at least one anchor (an inverted index)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for index, fp in enumerate(prints):
        for anchor in fp.anchors:
            postings[anchor].append(index)
    pairs: set[tuple[int, int]] = set()
    for members in postings.values():
        pairs.update(combinations(members, 2))
    return pairs


def group_stories(ledgers: Iterable[Ledger]) -> list[Story]:
    """Group articles into stories (every article is in exactly one; singletons included)."""
    prints = [fingerprint(ledger) for ledger in ledgers]
    parent = list(range(len(prints)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    copies: list[tuple[int, int]] = []
    text_pairs = _text_pairs(prints)
    for (i, j), similarity in text_pairs.items():
        if similarity >= STORY_JACCARD and _close_in_time(prints[i], prints[j]):
            union(i, j)
            if similarity >= COPY_JACCARD:
                copies.append((i, j))
    vectors = _Vectors.of(prints)
    for i, j in _anchor_pairs(prints):
        if find(i) == find(j) or not _close_in_time(prints[i], prints[j]):
            continue
        if vectors.same_happening(i, j):
            union(i, j)

    members: dict[int, list[int]] = defaultdict(list)
    for index in range(len(prints)):
        members[find(index)].append(index)
    copy_by_root: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for i, j in copies:
        copy_by_root[find(i)].append((prints[i].article, prints[j].article))
    stories = []
    for root, indexes in members.items():
        ids = tuple(sorted(prints[i].article for i in indexes))
        story_id = "sty-" + hashlib.sha256(" ".join(ids).encode()).hexdigest()[:12]
        stories.append(Story(story_id, ids, tuple(sorted(tuple(sorted(p)) for p in copy_by_root[root]))))
    return sorted(stories, key=lambda s: (-len(s.articles), s.id))
