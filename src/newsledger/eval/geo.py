"""Geoparsing gold (LGL, TR-News, GeoVirus) and the scores of toponym detection and resolution.

Reading: the corpora of ``../shared/data/geo/data/Corpora/`` are XML files of ``<article>`` elements,
each with its ``<text>`` and its gold toponyms in one of two shapes:

* LGL and TR-News: ``<toponym>`` with ``<start>``, ``<end>``, ``<phrase>`` and, when the annotators found
  the place in GeoNames, a ``<gaztag geonameid="...">`` holding ``<lat>``, ``<lon>`` and ``<fcode>``
  (toponyms without a gaztag, mostly streets and buildings, have no coordinates);
* GeoVirus: ``<location>`` with ``<name>``, ``<start>``, ``<end>``, ``<lat>``, ``<lon>`` (from Wikipedia).

Gold offsets are not always right: every GeoVirus offset is one character late and a few TR-News
articles drift by up to ten characters. A gold span whose text is not its phrase is moved to the
nearest occurrence of the phrase within :data:`REALIGN_WINDOW` characters (``realigned`` counts them);
one with no such occurrence is dropped (``unaligned``).

Demonyms: LGL and TR-News annotate demonyms ("Russian", "Palestinians") as toponyms of their country.
newsledger makes no Place record for a demonym (it is not a place), but it knows the country a demonym
points at. With ``demonyms=True`` (the default, matching the gold's convention) the evaluator keeps the
gold demonyms and adds the demonyms the pipeline found (:func:`newsledger.extract.places.demonym_spans`)
to the system's toponyms, each resolved to its country; with ``demonyms=False`` gold spans whose text
is a demonym are dropped and only Place records count.

Two modes:

* ``gold_spans=True`` (how Mordecai3 reports): the gold toponyms of each article are resolved together
  in their article's context by :func:`newsledger.extract.places.resolve_spans`, the resolver the
  extractor uses. Every gold toponym with coordinates is scored; one the gazetteer has no entry for
  counts as a miss at the maximum error (:data:`MAX_ERROR_KM`).
* end to end: the pipeline finds and resolves toponyms itself. Detection is scored by one-to-one
  matching of system and gold spans (``detection_*``: exact extent; ``detection_*_overlap``: any
  overlap, the largest overlaps paired first); every gold toponym, with coordinates or not, is a gold
  span. Resolution is scored on the gold toponyms with coordinates that overlap a system toponym.

Resolution scores (Gritta et al., 2018, "What's missing in geographical parsing?"): ``acc_161km``, the
share of toponyms resolved within 161 km (100 miles) of the gold point; ``mean_error_km`` and
``median_error_km``; ``auc``, the area under the curve of the sorted errors on a log scale,
``trapz(log(1 + error_km)) / (log(20039) * (n - 1))``, 0 best, 100 worst (lower is better).

Example::

    newsledger eval places ../shared/data/geo/data/Corpora/lgl.xml --gold-spans --json
    {"acc_161km": ..., "mean_error_km": ..., "median_error_km": ..., "auc": ..., "toponyms": ...}
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsledger.knowledge.countries import country_code, demonym_country
from newsledger.knowledge.geometry import haversine_km
from newsledger.model import Article, Ledger, article_id

MISTAKE_KINDS = ("unresolved", "far", "missed", "spurious", "extent")
"""What ``--errors N`` shows, N of each, in this order."""

MAX_ERROR_KM = 20039.0
"""Half the Earth's circumference: the largest possible error, and the AUC's normaliser."""
ACCURACY_KM = 161.0
"""100 miles, the usual threshold of "accuracy at k"."""
REALIGN_WINDOW = 12


@dataclass(frozen=True)
class GoldToponym:
    """One gold toponym: its extent in the article text and, when annotated, its point and GeoNames id."""

    start: int
    end: int
    text: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    fcode: str | None = None

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def demonym(self) -> bool:
        """The annotators marked a demonym ("Russian") as a toponym of its country."""
        return demonym_country(self.text) is not None and country_code(self.text) is None


@dataclass(frozen=True)
class GeoArticle:
    """One article of a corpus: its text and gold toponyms (in text order)."""

    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


@dataclass
class Corpus:
    """The articles of a corpus file and what reading it had to repair."""

    articles: list[GeoArticle]
    realigned: int = 0
    unaligned: int = 0


# --- reading ----------------------------------------------------------------------------------------


def _float(element: ET.Element | None, tag: str) -> float | None:
    value = element.findtext(tag) if element is not None else None
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _realign(text: str, start: int, end: int, phrase: str) -> tuple[int, int] | None:
    """The extent of ``phrase`` nearest to the given one (itself when it already matches).

    >>> _realign("in Pandi, Bulacan", 4, 9, "Pandi")
    (3, 8)
    """
    if not phrase or text[start:end] == phrase:
        return start, end
    best = None
    for offset in range(-REALIGN_WINDOW, REALIGN_WINDOW + 1):
        s = start + offset
        if s >= 0 and text[s : s + len(phrase)] == phrase and (best is None or abs(offset) < abs(best - start)):
            best = s
    return (best, best + len(phrase)) if best is not None else None


def _toponym(element: ET.Element) -> tuple[int, int, str, float | None, float | None, int | None, str | None] | None:
    """(start, end, phrase, lat, lon, geonameid, fcode) of a ``<toponym>`` or ``<location>``."""
    try:
        start, end = int(element.findtext("start") or ""), int(element.findtext("end") or "")
    except ValueError:
        return None
    phrase = element.findtext("phrase") or element.findtext("name") or ""
    gaztag = element.find("gaztag")
    if gaztag is not None:
        raw_id = gaztag.get("geonameid")
        geonameid = int(raw_id) if raw_id and raw_id.isdigit() else None
        return start, end, phrase, _float(gaztag, "lat"), _float(gaztag, "lon"), geonameid, gaztag.findtext("fcode")
    return start, end, phrase, _float(element, "lat"), _float(element, "lon"), None, None


def read_corpus(path: str | Path) -> Corpus:
    """Read a geoparsing XML corpus (LGL / TR-News / GeoVirus shape), repairing gold offsets."""
    root = ET.parse(path).getroot()
    corpus = Corpus(articles=[])
    for number, article in enumerate(root.iter("article")):
        text = article.findtext("text") or ""
        toponyms: list[GoldToponym] = []
        for element in [*article.iter("toponym"), *article.iter("location")]:
            found = _toponym(element)
            if found is None:
                continue  # a container element (GeoVirus nests a few <location>s)
            start, end, phrase, lat, lon, geonameid, fcode = found
            extent = _realign(text, start, end, phrase)
            if extent is None or extent[0] >= extent[1]:
                corpus.unaligned += 1
                continue
            corpus.realigned += extent != (start, end)
            toponyms.append(GoldToponym(extent[0], extent[1], text[extent[0] : extent[1]], lat, lon, geonameid, fcode))
        name = article.get("docid") or f"{Path(path).stem}-{number}"
        corpus.articles.append(GeoArticle(name, text, tuple(sorted(toponyms, key=lambda t: (t.start, t.end)))))
    return corpus


# --- scoring ----------------------------------------------------------------------------------------


def error_metrics(errors_km: Sequence[float]) -> dict[str, float]:
    """acc@161 km, mean and median error (km) and Gritta et al.'s AUC (0-100, lower is better).

    >>> error_metrics([0.0, 100.0, 20039.0])["acc_161km"]
    66.67
    """
    if not errors_km:
        return {"acc_161km": 0.0, "mean_error_km": 0.0, "median_error_km": 0.0, "auc": 0.0}
    ordered = sorted(errors_km)
    logs = [math.log1p(e) for e in ordered]
    if len(logs) > 1:
        area = sum((a + b) / 2 for a, b in zip(logs, logs[1:], strict=False)) / (len(logs) - 1)
    else:
        area = logs[0]
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return {
        "acc_161km": round(100 * sum(e <= ACCURACY_KM for e in ordered) / len(ordered), 2),
        "mean_error_km": round(sum(ordered) / len(ordered), 1),
        "median_error_km": round(median, 1),
        "auc": round(100 * area / math.log(MAX_ERROR_KM), 2),
    }


def _pairs(gold: Sequence[tuple[int, int]], system: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs of overlapping extents, the largest overlaps first."""
    candidates = []
    for gi, (gs, ge) in enumerate(gold):
        for si, (ss, se) in enumerate(system):
            overlap = min(ge, se) - max(gs, ss)
            if overlap > 0:
                candidates.append((-overlap, gi, si))
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs = []
    for _, gi, si in sorted(candidates):
        if gi not in used_gold and si not in used_system:
            used_gold.add(gi)
            used_system.add(si)
            pairs.append((gi, si))
    return pairs


@dataclass(frozen=True)
class SystemToponym:
    """A toponym the system found (or resolved): its extent and point."""

    start: int
    end: int
    lat: float | None
    lon: float | None
    name: str = ""


@dataclass
class Counts:
    """Running counts over any number of articles."""

    gold: int = 0
    system: int = 0
    exact: int = 0
    overlap: int = 0
    errors_km: list[float] = field(default_factory=list)
    mistakes: list[dict] = field(default_factory=list)


def _distance(gold: GoldToponym, system: SystemToponym | None) -> float:
    if system is None or system.lat is None or system.lon is None:
        return MAX_ERROR_KM
    return haversine_km(gold.lat, gold.lon, system.lat, system.lon)  # type: ignore[arg-type]


def _mistake(kind: str, article: GeoArticle, gold: GoldToponym | None, system: SystemToponym | None,
             error: float | None = None) -> dict:
    start = min(x.start for x in (gold, system) if x is not None)
    end = max(x.end for x in (gold, system) if x is not None)
    return {
        "kind": kind,
        "article": article.id,
        "gold": {"text": gold.text, "lat": gold.lat, "lon": gold.lon, "geonameid": gold.geonameid,
                 "fcode": gold.fcode} if gold else None,
        "system": {"text": article.text[system.start : system.end], "name": system.name, "lat": system.lat,
                   "lon": system.lon} if system else None,
        "error_km": round(error) if error is not None else None,
        "context": " ".join(article.text[max(0, start - 60) : end + 60].split()),
    }


def score_resolution(article: GeoArticle, gold: Sequence[GoldToponym],
                     resolved: Sequence[SystemToponym | None]) -> Counts:
    """Errors of each located gold toponym against the system's point for the same span."""
    counts = Counts()
    for toponym, system in zip(gold, resolved, strict=True):
        if not toponym.located:
            continue
        error = _distance(toponym, system)
        counts.errors_km.append(error)
        if error > ACCURACY_KM:
            counts.mistakes.append(_mistake("far" if system else "unresolved", article, toponym, system, error))
    return counts


def score_detection(article: GeoArticle, gold: Sequence[GoldToponym], system: Sequence[SystemToponym]) -> Counts:
    """Span matches (exact and overlapping) and the errors of the located gold toponyms found."""
    counts = Counts(gold=len(gold), system=len(system))
    pairs = _pairs([(g.start, g.end) for g in gold], [(s.start, s.end) for s in system])
    for gi, si in pairs:
        g, s = gold[gi], system[si]
        counts.overlap += 1
        counts.exact += (g.start, g.end) == (s.start, s.end)
        if g.located:
            error = _distance(g, s)
            counts.errors_km.append(error)
            if error > ACCURACY_KM:
                counts.mistakes.append(_mistake("far", article, g, s, error))
        if (g.start, g.end) != (s.start, s.end):
            counts.mistakes.append(_mistake("extent", article, g, s))
    matched_gold = {gi for gi, _ in pairs}
    matched_system = {si for _, si in pairs}
    counts.mistakes += [_mistake("missed", article, g, None) for i, g in enumerate(gold) if i not in matched_gold]
    counts.mistakes += [_mistake("spurious", article, None, s) for i, s in enumerate(system) if i not in matched_system]
    return counts


def _f1(matched: int, system: int, gold: int) -> tuple[float, float, float]:
    p = matched / system if system else 0.0
    r = matched / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(100 * p, 2), round(100 * r, 2), round(100 * f, 2)


# --- running the pipeline ---------------------------------------------------------------------------


def _parsed(articles: Sequence[GeoArticle], model: str | None) -> Iterator[tuple[GeoArticle, object, Ledger]]:
    """Each article with its Doc and the pipeline's ledger as far as the places (and what they need)."""
    from newsledger.pipeline import build_ledger, load_nlp

    nlp = load_nlp(model)
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=16):
        ledger_article = Article(id=article_id(article.text), text=article.text, origin=article.id)
        yield article, doc, build_ledger(doc, ledger_article, until="places")


def _system_toponyms(doc, ledger: Ledger, demonyms: bool) -> list[SystemToponym]:
    from newsledger.extract.places import demonym_spans
    from newsledger.knowledge.gazetteer import Gazetteer

    found = [SystemToponym(p.span.start, p.span.end, p.lat, p.lon, p.name) for p in ledger.places]
    if demonyms:
        taken = [(t.start, t.end) for t in found]
        for start, end, code in demonym_spans(doc):
            country = Gazetteer.default().country(code)
            if country and not any(s < end and start < e for s, e in taken):
                found.append(SystemToponym(start, end, country[0].lat, country[0].lon, country[0].name))
    return sorted(found, key=lambda t: t.start)


def evaluate(path: str | Path, gold_spans: bool = False, demonyms: bool = True, model: str | None = None,
             limit: int | None = None, with_errors: bool = False) -> dict:
    """Score toponym resolution (and, end to end, detection) on one corpus file.

    Returns ``acc_161km``, ``mean_error_km``, ``median_error_km``, ``auc`` and, without ``gold_spans``,
    ``detection_f1`` / ``_precision`` / ``_recall`` (exact extents) and their ``_overlap`` variants, plus
    counts; ``errors`` (every mistake) when ``with_errors``.
    """
    from newsledger.extract.places import resolve_spans

    corpus = read_corpus(path)
    articles = corpus.articles[:limit] if limit else corpus.articles
    total = Counts()
    for article, doc, ledger in _parsed(articles, model):
        gold = [t for t in article.toponyms if demonyms or not t.demonym]
        if gold_spans:
            resolved = resolve_spans(doc, ledger, [(t.start, t.end) for t in gold])
            system = [SystemToponym(t.start, t.end, c.lat, c.lon, c.name) if c else None
                      for t, c in zip(gold, resolved, strict=True)]
            counts = score_resolution(article, gold, system)
        else:
            counts = score_detection(article, gold, _system_toponyms(doc, ledger, demonyms))
        total.gold += counts.gold
        total.system += counts.system
        total.exact += counts.exact
        total.overlap += counts.overlap
        total.errors_km += counts.errors_km
        total.mistakes += counts.mistakes
    result: dict = {"corpus": Path(path).name, "mode": "gold-spans" if gold_spans else "end-to-end",
                    "demonyms": demonyms, **error_metrics(total.errors_km)}
    if not gold_spans:
        p, r, f = _f1(total.exact, total.system, total.gold)
        po, ro, fo = _f1(total.overlap, total.system, total.gold)
        result.update({"detection_f1": f, "detection_precision": p, "detection_recall": r,
                       "detection_f1_overlap": fo, "detection_precision_overlap": po,
                       "detection_recall_overlap": ro, "gold": total.gold, "system": total.system})
    result.update({"articles": len(articles), "scored": len(total.errors_km),
                   "realigned": corpus.realigned, "unaligned": corpus.unaligned})
    if with_errors:
        result["errors"] = total.mistakes
    return result
