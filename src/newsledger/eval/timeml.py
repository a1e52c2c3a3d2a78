"""TimeML gold (TimeBank, AQUAINT, TempEval-3) and the TempEval-3 scores for temporal expressions.

Reading: the text of a ``.tml`` file is the content of its ``<TEXT>`` element with every tag removed
and XML entities decoded; each ``<TIMEX3>`` inside it is a gold expression at its character offsets
in that text. The document creation time (DCT) is the TIMEX3 marked
``functionInDocument="CREATION_TIME"``; it becomes the article's publication date and is not itself
a gold expression. The text is normalised exactly as ingest normalises an article (NFC, no trailing
blanks, stripped) and the gold offsets are carried over, so system and gold spans index the same
string.

Scoring follows the TempEval-3 entity scorer (``evaluate_entities.py``; UzZaman et al., 2013):

* a *relaxed* match is a gold and a system expression that overlap (each used once); a *strict*
  match has the very same extent (surrounding blanks ignored);
* relaxed/strict P = matches / system expressions, R = matches / gold expressions, F1 their harmonic mean;
* type and value *accuracy* are taken over the relaxed matches (exact string equality, as TE3);
* value F1 = F1 of (correct values / system, correct values / gold), which equals TE3's
  "attribute F1" (value accuracy x relaxed F1).

Example::

    newsledger eval time ../shared/data/timeml --json   # TimeBank + AQUAINT, each file once
    {"relaxed_f1": ..., "strict_f1": ..., "type_accuracy": ..., "value_accuracy": ..., "value_f1": ...}
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsledger.model import Article, TimeExpr, article_id

MISTAKE_KINDS = ("missed", "spurious", "mismatch")
"""What ``--errors N`` shows, N of each, in this order."""


@dataclass(frozen=True)
class GoldTimex:
    """One gold TIMEX3: its extent in the document text and its attributes."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass(frozen=True)
class TimeMLDocument:
    """A TimeML file read for scoring: normalised text, DCT date and gold expressions."""

    name: str
    text: str
    dct: str | None  # ISO date (YYYY-MM-DD) of the creation time, None when absent or unreadable
    timexes: tuple[GoldTimex, ...]
    excluded: tuple[tuple[int, int], ...] = ()  # extents of DCT TIMEX3s found inside <TEXT>


# --- reading ----------------------------------------------------------------------------------------

_TOKEN = re.compile(r"<(/?)([A-Za-z][\w:.-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(/?)>|<!--.*?-->|<\?.*?\?>|[^<]+|<",
                    re.S)
_ATTRIBUTE = re.compile(r"([\w:.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_DCT = re.compile(r"<TIMEX3\b(?P<attrs>[^>]*functionInDocument\s*=\s*[\"']CREATION_TIME[\"'][^>]*)>", re.S)
_TEXT = re.compile(r"<TEXT\b[^>]*>(?P<body>.*?)</TEXT\s*>", re.S)


def _attributes(raw: str) -> dict[str, str]:
    return {m[1]: html.unescape(m[2] if m[2] is not None else m[3]) for m in _ATTRIBUTE.finditer(raw)}


def _dct_date(markup: str) -> str | None:
    """The ISO date of the creation-time TIMEX3 ('1998-01-08', also from '19980108' or a datetime)."""
    m = _DCT.search(markup)
    if not m:
        return None
    value = _attributes(m["attrs"]).get("value", "")
    compact = re.fullmatch(r"(\d{4})(\d\d)(\d\d)(?:T.*)?", value)
    if compact:
        value = "-".join(compact.groups())
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def _strip_markup(body: str) -> tuple[str, list[tuple[int, int, dict[str, str]]]]:
    """Plain text of a TimeML body and the (start, end, attributes) of each TIMEX3 in it.

    >>> _strip_markup('On <TIMEX3 tid="t1" type="DATE" value="1998">1998</TIMEX3> &amp; after')
    ('On 1998 & after', [(3, 7, {'tid': 't1', 'type': 'DATE', 'value': '1998'})])
    """
    pieces: list[str] = []
    length = 0
    open_timexes: list[tuple[int, dict[str, str]]] = []
    found: list[tuple[int, int, dict[str, str]]] = []
    for m in _TOKEN.finditer(body):
        if m[2] is None:  # text (or a comment / processing instruction, which carries none)
            if m.group().startswith(("<!--", "<?")):
                continue
            # NFC per piece: a piece never composes with its neighbour across a tag in real text
            piece = unicodedata.normalize("NFC", html.unescape(m.group()))
            pieces.append(piece)
            length += len(piece)
        elif m[2] == "TIMEX3" and not m[1] and not m[4]:
            open_timexes.append((length, _attributes(m[3])))
        elif m[2] == "TIMEX3" and m[1] and open_timexes:
            start, attrs = open_timexes.pop()
            found.append((start, length, attrs))
    return "".join(pieces), sorted(found, key=lambda f: (f[0], f[1]))


def _normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """``model.normalise_text`` (after NFC) plus the new offset of every old offset (len(text)+1 entries).

    >>> _normalise_with_offsets(" a  \\r\\nb ")
    ('a\\nb', [0, 0, 1, 1, 1, 1, 2, 3, 3])
    """
    keep = [True] * len(text)
    chars = list(text)
    for i, ch in enumerate(chars):
        if ch == "\r":  # "\r\n" -> "\n", lone "\r" -> "\n"
            if i + 1 < len(chars) and chars[i + 1] == "\n":
                keep[i] = False
            else:
                chars[i] = "\n"
        elif ch == "\x00":
            keep[i] = False
    if chars and chars[0] == "\ufeff":
        keep[0] = False
    # trailing blanks of every line: walk back from each newline (and from the end)
    for i in [j for j, ch in enumerate(chars) if ch == "\n" and keep[j]] + [len(chars)]:
        j = i - 1
        while j >= 0 and (not keep[j] or (chars[j].isspace() and chars[j] != "\n")):
            keep[j] = False
            j -= 1
    # the whole text is stripped
    for order in (range(len(chars)), range(len(chars) - 1, -1, -1)):
        for j in order:
            if keep[j] and not chars[j].isspace():
                break
            keep[j] = False
    offsets, out, n = [], [], 0
    for ch, kept in zip(chars, keep, strict=True):
        offsets.append(n)
        if kept:
            out.append(ch)
            n += 1
    offsets.append(n)
    return "".join(out), offsets


def read_tml(path: str | Path) -> TimeMLDocument:
    """Read one TimeML file: its normalised text, DCT date and gold TIMEX3s (DCT excluded, extents trimmed)."""
    path = Path(path)
    markup = path.read_text(encoding="utf-8", errors="replace")
    body = _TEXT.search(markup)
    raw, found = _strip_markup(body["body"] if body else "")
    text, offsets = _normalise_with_offsets(raw)
    gold: list[GoldTimex] = []
    excluded: list[tuple[int, int]] = []
    for start, end, attrs in found:
        start, end = offsets[start], offsets[end]
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue  # an empty (non-consuming) TIMEX3: nothing to find, TE3 skips it too
        if attrs.get("functionInDocument") == "CREATION_TIME":
            excluded.append((start, end))
            continue
        gold.append(GoldTimex(start, end, text[start:end], attrs.get("type", ""), attrs.get("value", ""),
                              attrs.get("mod")))
    # normalise_text(text) == text here (tested); were it not, the offsets would still index `text`,
    # which is what the pipeline is given, so scoring stays exact.
    return TimeMLDocument(path.name, text, _dct_date(markup), tuple(gold), tuple(excluded))


def tml_files(paths: str | Path | Iterable[str | Path]) -> list[Path]:
    """The ``.tml`` files at ``paths`` (files, or every one under a directory, sorted), each document once.

    A byte-identical copy of a file already listed is left out: TBAQ-cleaned ships one TimeBank
    article a second time under ``testpipeline/``, and an article scored twice would count twice.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    found: dict[Path, None] = {}
    seen: set[str] = set()
    for path in map(Path, paths):
        for p in [path] if path.is_file() else sorted(p for p in path.rglob("*.tml") if p.is_file()):
            digest = hashlib.sha256(p.read_bytes()).hexdigest()
            if p.resolve() in found or digest in seen:
                continue
            seen.add(digest)
            found[p.resolve()] = None
    return list(found)


# --- scoring ----------------------------------------------------------------------------------------


@dataclass
class Counts:
    """Running TempEval-3 counts over any number of documents."""

    gold: int = 0
    system: int = 0
    relaxed: int = 0
    strict: int = 0
    type_correct: int = 0
    value_correct: int = 0
    errors: list[dict] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        for name in ("gold", "system", "relaxed", "strict", "type_correct", "value_correct"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors


def _trimmed(span_start: int, span_end: int, text: str) -> tuple[int, int]:
    while span_start < span_end and text[span_start].isspace():
        span_start += 1
    while span_end > span_start and text[span_end - 1].isspace():
        span_end -= 1
    return span_start, span_end


def _pairs(gold: Sequence[GoldTimex], system: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, system index) of overlapping extents, the largest overlaps first."""
    candidates = []
    for gi, g in enumerate(gold):
        for si, (start, end) in enumerate(system):
            overlap = min(g.end, end) - max(g.start, start)
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
    return sorted(pairs)


def score_document(doc: TimeMLDocument, times: Iterable[TimeExpr]) -> Counts:
    """TempEval-3 counts of one document's system expressions against its gold.

    System expressions on an excluded DCT extent are dropped (the scorer never sees the DCT).
    """
    system = []
    for t in times:
        start, end = _trimmed(t.span.start, t.span.end, doc.text)
        if start < end and not any(s < end and start < e for s, e in doc.excluded):
            system.append((t, (start, end)))
    counts = Counts(gold=len(doc.timexes), system=len(system))
    pairs = _pairs(doc.timexes, [extent for _, extent in system])
    matched_gold = {gi for gi, _ in pairs}
    matched_system = {si for _, si in pairs}
    for gi, si in pairs:
        g, (t, extent) = doc.timexes[gi], system[si]
        counts.relaxed += 1
        counts.strict += extent == (g.start, g.end)
        counts.type_correct += t.type == g.type
        counts.value_correct += t.value == g.value
        if t.value != g.value or t.type != g.type or extent != (g.start, g.end):
            counts.errors.append(_error("mismatch", doc, g, t, extent))
    counts.errors += [_error("missed", doc, g, None, None) for i, g in enumerate(doc.timexes) if i not in matched_gold]
    counts.errors += [_error("spurious", doc, None, t, extent) for i, (t, extent) in enumerate(system)
                      if i not in matched_system]
    return counts


def _error(kind: str, doc: TimeMLDocument, gold: GoldTimex | None, system: TimeExpr | None,
           extent: tuple[int, int] | None) -> dict:
    """One disagreement, readable: what gold had and what the system said, with a little context."""
    start = min(x for x in (gold.start if gold else None, extent[0] if extent else None) if x is not None)
    end = max(x for x in (gold.end if gold else None, extent[1] if extent else None) if x is not None)
    return {
        "kind": kind,
        "document": doc.name,
        "dct": doc.dct,
        "gold": {"text": gold.text, "type": gold.type, "value": gold.value} if gold else None,
        "system": ({"text": doc.text[extent[0]: extent[1]], "type": system.type, "value": system.value}
                   if system and extent else None),
        "context": " ".join(doc.text[max(0, start - 60): end + 60].split()),
    }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def metrics(counts: Counts) -> dict[str, float | int]:
    """The scores (0-100, two decimals) and the counts behind them.

    >>> metrics(Counts(gold=4, system=4, relaxed=4, strict=2, type_correct=4, value_correct=3))["value_f1"]
    75.0
    """
    def pct(x: float) -> float:
        return round(100 * x, 2)

    def ratio(a: int, b: int) -> float:
        return a / b if b else 0.0

    rp, rr = ratio(counts.relaxed, counts.system), ratio(counts.relaxed, counts.gold)
    sp, sr = ratio(counts.strict, counts.system), ratio(counts.strict, counts.gold)
    vp, vr = ratio(counts.value_correct, counts.system), ratio(counts.value_correct, counts.gold)
    return {
        "relaxed_f1": pct(_f1(rp, rr)), "relaxed_precision": pct(rp), "relaxed_recall": pct(rr),
        "strict_f1": pct(_f1(sp, sr)), "strict_precision": pct(sp), "strict_recall": pct(sr),
        "type_accuracy": pct(ratio(counts.type_correct, counts.relaxed)),
        "value_accuracy": pct(ratio(counts.value_correct, counts.relaxed)),
        "value_f1": pct(_f1(vp, vr)),
        "documents": 0, "gold": counts.gold, "system": counts.system, "relaxed_matches": counts.relaxed,
        "strict_matches": counts.strict, "type_correct": counts.type_correct, "value_correct": counts.value_correct,
    }


# --- running the pipeline ---------------------------------------------------------------------------


def _system_times(documents: Sequence[TimeMLDocument], model: str | None) -> tuple[list[list[TimeExpr]], int]:
    """The pipeline's temporal expressions for each document, published on its DCT, and how many
    documents failed (those count as finding nothing, as a crash would in TempEval-3)."""
    from newsledger.pipeline import analyze_articles

    articles = [Article(id=article_id(d.text), text=d.text, published=d.dct, origin=str(i))
                for i, d in enumerate(documents)]
    failed: list[str] = []
    found: dict[str, list[TimeExpr]] = {}
    for ledger in analyze_articles(articles, model=model, on_error=lambda article, exc: failed.append(article.origin)):
        found[ledger.article.origin or ""] = list(ledger.times)
    return [found.get(str(i), []) for i in range(len(documents))], len(failed)


def evaluate(path: str | Path | Iterable[str | Path], model: str | None = None, with_errors: bool = False) -> dict:
    """Score the pipeline's temporal expressions on every ``.tml`` file at ``path`` (TempEval-3 metrics).

    ``path`` is a file, a directory (searched recursively) or several of them. Returns the keys
    ``relaxed_f1``, ``strict_f1``, ``type_accuracy``, ``value_accuracy``, ``value_f1`` (0-100) plus
    precision/recall, counts and ``failed_documents``; ``errors`` (every disagreement) when ``with_errors``.
    """
    documents = [read_tml(p) for p in tml_files(path)]
    times, failed = _system_times(documents, model)
    total = Counts()
    for doc, found in zip(documents, times, strict=True):
        total.add(score_document(doc, found))
    result = metrics(total)
    result["documents"] = len(documents)
    result["failed_documents"] = failed
    if with_errors:
        result["errors"] = total.errors
    return result
