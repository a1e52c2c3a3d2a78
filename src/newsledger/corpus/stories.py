"""Stories: articles about the same happening, grouped; wire copies recognised as copies.

Two signals:

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
MIN_COSINE = 0.35
MIN_IDF_COLLECTION = 50
MAX_DAYS_APART = 7
SPECIFIC_FEATURES = frozenset({"city", "other", "region"})
NAMED_TYPES = frozenset({"PERSON", "ORG", "FAC"})

_WORD = re.compile(r"\w+")
_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")


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


def fingerprint(ledger: Ledger) -> Fingerprint:
    minhash = MinHash(num_perm=NUM_PERM)
    minhash.update_batch(list(_shingles(ledger.article.text)))
    published = dt.date.fromisoformat(ledger.article.published) if ledger.article.published else None
    words = Counter(w for w in _CONTENT_WORD.findall(ledger.article.text.casefold()) if w not in STOP_WORDS)
    return Fingerprint(ledger.article.id, published, minhash, anchors(ledger), words)


def tfidf_vectors(prints: Sequence[Fingerprint]) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors of content words, IDF over the collection itself.

    The IDF is smoothed (``log((1 + n) / (1 + df)) + 1``), and a collection smaller than
    ``MIN_IDF_COLLECTION`` counts as that large, so that in a handful of articles a word they all
    share still weighs: four reports of one attack all say "Eldoret".
    """
    document_frequency = Counter(word for fp in prints for word in fp.words)
    total = max(len(prints), MIN_IDF_COLLECTION)
    vectors = []
    for fp in prints:
        weights = {
            word: (1 + math.log(count)) * (math.log((1 + total) / (1 + document_frequency[word])) + 1)
            for word, count in fp.words.items()
        }
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors.append({word: w / norm for word, w in weights.items() if w})
    return vectors


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
        lsh.insert(index, fp.minhash)
    pairs: dict[tuple[int, int], float] = {}
    for index, fp in enumerate(prints):
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
    vectors = tfidf_vectors(prints)
    for i, j in _anchor_pairs(prints):
        if find(i) == find(j) or not _close_in_time(prints[i], prints[j]):
            continue
        if cosine(vectors[i], vectors[j]) >= MIN_COSINE:
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
