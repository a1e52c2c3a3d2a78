"""Toponym resolution time and the gazetteer's resident memory, measured in one run.

    .venv/bin/python bench/places.py [--corpus FILE] [--limit N] [--json]

Texts: the articles of a geoparsing corpus (default ../shared/data/geo/data/Corpora/lgl.xml, read by
newsledger.eval.geo), else examples/. spaCy parses them and the extractors before places run first;
none of that is timed. Then, in a fresh state of the gazetteer (opened here, its name cache empty):

* ``resolve_ms_per_toponym``: :func:`newsledger.extract.places.resolve_spans` over each article's gold
  toponyms (lookup plus disambiguation in context), total time / toponyms (first pass, cold cache);
* ``extract_ms_per_toponym``: the whole Place extractor (finding and resolving), total time / places found;
* ``gazetteer_rss_mb``: resident memory (VmRSS) after the run minus before the gazetteer was opened; also
  the peak (VmHWM) growth and the index file's size. The index is built first if absent, in a child process
  (building is once per install, not part of a run's footprint).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LGL = REPO.parent / "shared" / "data" / "geo" / "data" / "Corpora" / "lgl.xml"


def _status_kb(field: str) -> int:
    """A VmRSS / VmHWM value of this process, in kB (0 where /proc is not available)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def load_articles(corpus: Path | None, limit: int) -> tuple[str, list[tuple[str, list[tuple[int, int]]]]]:
    """(where from, [(text, gold toponym spans)])."""
    path = corpus or (LGL if LGL.exists() else None)
    if path is not None:
        from newsledger.eval.geo import read_corpus

        articles = read_corpus(path).articles[:limit]
        return str(path.name), [(a.text, [(t.start, t.end) for t in a.toponyms]) for a in articles]
    from newsledger.ingest import read_inputs
    from newsledger.model import Article

    texts = [a.text for a in read_inputs([REPO / "examples"]) if isinstance(a, Article)][:limit]
    return "examples/", [(t, []) for t in texts]


def measure(corpus: Path | None, limit: int) -> dict:
    from newsledger.extract import places
    from newsledger.knowledge import gazetteer
    from newsledger.model import Article, article_id
    from newsledger.pipeline import inputs_of, load_nlp

    if not gazetteer.index_path().exists():  # build once, outside this process's memory
        build = "from newsledger.knowledge.gazetteer import Gazetteer; Gazetteer.default()"
        subprocess.run([sys.executable, "-c", build], check=True)
    source, items = load_articles(corpus, limit)
    nlp = load_nlp()
    parsed = []
    for (text, spans), doc in zip(items, nlp.pipe([t for t, _ in items], batch_size=16), strict=True):
        ledger = inputs_of(doc, Article(id=article_id(text), text=text), "places")
        parsed.append((doc, ledger, spans))

    rss_before = _status_kb("VmRSS")
    gazetteer.Gazetteer._default = None  # a fresh gazetteer: empty cache, new connection
    started = time.perf_counter()
    toponyms = 0
    for doc, ledger, spans in parsed:
        places.resolve_spans(doc, ledger, spans)
        toponyms += len(spans)
    resolve_s = time.perf_counter() - started
    started = time.perf_counter()
    found = 0
    for doc, ledger, _ in parsed:
        found += len(places.extract(doc, ledger))
    extract_s = time.perf_counter() - started
    rss_after, peak_after = _status_kb("VmRSS"), _status_kb("VmHWM")
    return {
        "source": source,
        "articles": len(parsed),
        "gold_toponyms": toponyms,
        "places_found": found,
        "resolve_ms_per_toponym": round(1000 * resolve_s / max(toponyms, 1), 3),
        "extract_ms_per_toponym": round(1000 * extract_s / max(found, 1), 3),
        "gazetteer_rss_mb": round((rss_after - rss_before) / 1024, 1),
        "gazetteer_peak_rss_mb": round((max(peak_after, rss_after) - rss_before) / 1024, 1),
        "index_file_mb": round(gazetteer.index_path().stat().st_size / 2**20, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None, help="A geoparsing XML corpus (default: LGL).")
    parser.add_argument("--limit", type=int, default=300, help="At most this many articles.")
    parser.add_argument("--json", action="store_true", help="Print one JSON object.")
    args = parser.parse_args()
    result = measure(args.corpus, args.limit)
    if args.json:
        print(json.dumps(result))
        return
    for key, value in result.items():
        print(f"{key:28} {value}")


if __name__ == "__main__":
    main()
