"""Scale: worker processes, Parquet shards and loading them, Ray Data, the throughput benchmark.

The worker and Ray tests start real processes (each loads the spaCy model once), so they use few
articles; the Ray test runs a local Ray instance with two CPUs and one actor.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import time

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.export.tables import TABLES, arrow_schema, export
from newsledger.ingest import read_inputs
from newsledger.ingest.text import article_from_text
from newsledger.model import Article, Ledger
from newsledger.pipeline import analyze_articles
from newsledger.scale.local import AnalysisError, WorkerPool, _analyze_chunk, _deliver, _Failure
from newsledger.scale.shards import ShardBuffer, ShardError, load_shards, read_shards, shard_names, write_shard
from newsledger.store import Store
from tests.conftest import REPO
from tests.test_store import make_ledger

runner = CliRunner()
EXAMPLES = REPO / "examples"

TEXTS = [
    "GENEVA: Talks between the two delegations resumed on Monday, the United Nations said.",
    "“We are close to a deal,” mediator Anna Berg said. She added that a ceasefire could be signed this week.",
    "Floods killed 17 people in Sylhet on Friday, the disaster management ministry said.",
    "The central bank raised rates by 0.5 percentage points on Tuesday, citing inflation of about 8%.",
    "Police in Lagos arrested 12 protesters after clashes near the governor's office, officials said.",
]


def texts_as_articles() -> list[Article]:
    return [article_from_text(text, published="2024-03-06", origin=f"t{i}.txt") for i, text in enumerate(TEXTS)]


def by_id(items) -> dict[str, Ledger]:
    return {item.article.id: item for item in items if isinstance(item, Ledger)}


def local_ledgers(paths, nlp) -> dict[str, Ledger]:  # nlp: the session model is loaded
    articles = [a for a in read_inputs(paths) if isinstance(a, Article)]
    return by_id(analyze_articles(articles))


# --- shards -------------------------------------------------------------------------------------


def test_shard_round_trip_keeps_every_record(tmp_path):
    ledger = make_ledger()
    other = Ledger(article=article_from_text("Rain fell on Geneva.\n\nNobody said anything."))  # no records
    name = write_shard(tmp_path, [ledger, other], [ShardError("bad.html", "no article text found in the HTML")])
    assert shard_names(tmp_path) == [name]
    items = list(read_shards(tmp_path))
    assert items[:2] == [ledger, other]
    assert items[2] == ShardError("bad.html", "no article text found in the HTML")


def test_shards_have_the_export_schema(tmp_path):
    write_shard(tmp_path, [make_ledger()], [ShardError("x", "y")])
    for table in TABLES:
        (path,) = (tmp_path / table).glob("*.parquet")
        assert pq.read_schema(path).remove_metadata() == arrow_schema(TABLES[table]), table


def test_shard_names_depend_only_on_content(tmp_path):
    first = write_shard(tmp_path, [make_ledger()])
    again = write_shard(tmp_path, [make_ledger()])  # a retried batch overwrites its own files
    assert first == again and len(list((tmp_path / "articles").glob("*.parquet"))) == 1


def test_load_shards_into_a_store_is_idempotent(tmp_path):
    ledger = make_ledger()
    with ShardBuffer(tmp_path / "shards", size=1) as shards:
        shards.add(ledger)
        shards.error("feed.jsonl:3", "invalid JSON")
    with Store.open(tmp_path / "ledger.db") as store:
        assert load_shards(tmp_path / "shards", store) == {"added": 1, "replaced": 0, "unchanged": 0, "errors": 1}
        assert store.get(ledger.article.id) == ledger
        assert [(e.origin, e.reason) for e in store.errors()] == [("feed.jsonl:3", "invalid JSON")]
        again = load_shards(tmp_path / "shards", store)
        assert again["unchanged"] == 1 and again["added"] == 0


def test_a_parquet_export_loads_back(tmp_path):
    ledger = make_ledger()
    with Store.open(tmp_path / "a.db") as source:
        source.write(ledger)
        export(source, "parquet", tmp_path / "export")
    assert shard_names(tmp_path / "export") == [""]
    with Store.open(tmp_path / "b.db") as target:
        load_shards(tmp_path / "export", target)
        assert target.get(ledger.article.id) == ledger


def test_loading_keeps_the_time_each_ledger_was_analysed(tmp_path):
    ledger = make_ledger()
    with Store.open(tmp_path / "a.db") as source:
        source.write(ledger, analyzed_at=dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC))
        export(source, "parquet", tmp_path / "export")
    with Store.open(tmp_path / "b.db") as target:
        load_shards(tmp_path / "export", target)
        (row,) = target.article_rows()
        assert row.analyzed_at == dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)  # not the time of loading


def test_load_command_refuses_an_empty_directory(tmp_path):
    result = runner.invoke(app, ["load", str(tmp_path), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "no Parquet shards" in result.output


# --- worker processes ---------------------------------------------------------------------------


def test_worker_chunk_keeps_order_and_reports_failures(monkeypatch, nlp):
    import newsledger.pipeline as pipeline

    articles = texts_as_articles()[:3]
    real = pipeline.build_ledger

    def flaky(doc, article, *args, **kwargs):
        if article is articles[1]:
            raise ValueError("extractor broke")
        return real(doc, article, *args, **kwargs)

    monkeypatch.setattr(pipeline, "build_ledger", flaky)
    results = _analyze_chunk(articles, batch_size=2)
    assert [type(r).__name__ for r in results] == ["Ledger", "_Failure", "Ledger"]
    assert results[1].article is articles[1] and results[1].message == "ValueError: extractor broke"


def test_worker_chunk_puts_size_failures_back_in_place(nlp):
    from newsledger.limits import Limits

    articles = [article_from_text("Rain fell on Geneva. " * n) for n in (1, 1, 40, 1)]
    results = _analyze_chunk(articles, batch_size=8, limits=Limits(max_chars=200))
    assert [type(r).__name__ for r in results] == ["Ledger", "Ledger", "_Failure", "Ledger"]
    assert "--max-chars" in results[2].message


def test_failures_reach_on_error_or_raise():
    article = article_from_text("Rain fell.")
    reported = []
    delivered = list(_deliver([_Failure(article, "ValueError: x")], lambda a, e: reported.append((a, str(e)))))
    assert delivered == [] and reported == [(article, "ValueError: x")]
    with pytest.raises(AnalysisError, match="ValueError: x"):
        list(_deliver([_Failure(article, "ValueError: x")], None))


def test_cli_workers_and_shards_give_the_same_ledger_as_one_process(tmp_path, nlp):
    """--workers 2 --out DIR, then load: the same stored ledgers as a plain in-process analyze."""
    shards, direct, loaded = tmp_path / "shards", str(tmp_path / "direct.db"), str(tmp_path / "loaded.db")
    result = runner.invoke(app, ["analyze", str(EXAMPLES), "--workers", "2", "--out", str(shards)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["analyze", str(EXAMPLES), "--db", direct]).exit_code == 0
    result = runner.invoke(app, ["load", str(shards), "--db", loaded, "--json"])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.stdout)
    with Store.open(direct) as one, Store.open(loaded) as other:
        assert counts["added"] == len(one) > 0
        assert list(other.ledgers()) == list(one.ledgers())


class KillsItsWorker:
    """Stands in for an article that crashes the process analysing it: unpickling it exits the worker."""

    def __reduce__(self):
        return (os._exit, (9,))


def test_a_chunk_that_kills_its_worker_fails_alone(nlp):
    articles = texts_as_articles()
    poison = KillsItsWorker()
    failed = []
    with WorkerPool(workers=2, chunk_size=2) as pool:
        ledgers = list(pool.analyze([articles[0], poison, *articles[1:]], on_error=lambda a, e: failed.append((a, e))))
    assert [a for a, _ in failed] == [articles[0], poison]  # its chunk, reported
    assert all("worker process died" in str(e) for _, e in failed)
    expected = by_id(analyze_articles(articles[1:]))
    assert [ledger.article.id for ledger in ledgers] == [a.id for a in articles[1:]]  # the rest, in order
    assert all(ledger == expected[ledger.article.id] for ledger in ledgers)


def test_a_worker_found_dead_before_submitting_loses_nothing(nlp):
    articles = texts_as_articles()
    failed = []
    with WorkerPool(workers=2, chunk_size=2) as pool:
        pool.start()
        os.kill(next(iter(pool.pool._processes.values())).pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while not pool.pool._broken and time.monotonic() < deadline:  # the executor notices: submit raises
            time.sleep(0.05)
        ledgers = list(pool.analyze(articles, on_error=lambda a, e: failed.append((a, e))))
    assert failed == [] and [ledger.article.id for ledger in ledgers] == [a.id for a in articles]


# --- Ray ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def local_ray():
    ray = pytest.importorskip("ray", reason="Ray is an optional extra: pip install 'newsledger[ray]'")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False,
             object_store_memory=100 * 1024 * 1024)
    yield ray
    ray.shutdown()


def test_ray_gives_the_same_records_as_the_local_path(local_ray, tmp_path, nlp):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"text": t, "published": "2024-03-06"}) for t in TEXTS) + "\n{oops\n")
    out = tmp_path / "shards"
    result = runner.invoke(app, ["analyze", "--ray", str(feed), str(EXAMPLES), str(tmp_path / "missing.txt"),
                                 "--out", str(out), "--workers", "1"])
    assert result.exit_code == 1, result.output  # the bad line and the missing file are errors; the rest is done
    items = list(read_shards(out))
    assert by_id(items) == local_ledgers([feed, EXAMPLES], nlp)
    errors = sorted((e.origin.rsplit("/", 1)[-1], e.reason) for e in items if isinstance(e, ShardError))
    assert [origin for origin, _ in errors] == ["feed.jsonl:6", "missing.txt"]


def test_ray_address_is_told_from_an_input():
    from newsledger.scale.distributed import looks_like_address

    assert all(map(looks_like_address, ["auto", "local", "ray://head:10001", "10.0.0.5:6379", "[::1]:6379"]))
    assert not any(map(looks_like_address, ["crawl.warc.gz", "examples/", "-", "C:/data"]))


def test_ray_needs_an_output_directory(tmp_path):
    result = runner.invoke(app, ["analyze", "--ray", str(EXAMPLES)])
    assert result.exit_code == 2 and "--out" in result.output


# --- the benchmark ------------------------------------------------------------------------------


def test_bench_prints_the_issue_keys(nlp):
    result = runner.invoke(app, ["bench", "--limit", "3", "--rounds", "1", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    for key in ("spacy_articles_per_s", "pipeline_articles_per_s", "pipeline_vs_spacy", "peak_rss_mb"):
        assert report[key] > 0, key
    assert report["documents"] == 3 and 0 < report["pipeline_vs_spacy"] <= 1.2
