"""The article-extraction evaluator: the benchmark's shingle scoring, and ingest's HTML bodies on its pages."""

from __future__ import annotations

import gzip
import json

import pytest
import typer
from typer.testing import CliRunner

from newsledger.cli.evaluate import eval_extraction
from newsledger.eval.extraction import evaluate, metrics, read_gold, shingle_counts
from tests.conftest import SHARED, require_shared

BENCHMARK = SHARED / "data" / "article-extraction"


def test_identical_texts_are_all_true_positives():
    assert shingle_counts("Rain fell on Geneva all day long.", "Rain, fell on Geneva all day long!") == (1.0, 0.0, 0.0)


def test_counts_are_normalised_per_page():
    # gold: 6 tokens -> 3 shingles; extracted adds 2 tokens of boilerplate -> 5 shingles, 3 shared
    tp, fp, fn = shingle_counts("a b c d e f", "a b c d e f x y")
    assert (tp, fp, fn) == pytest.approx((3 / 5, 2 / 5, 0.0))
    tp, fp, fn = shingle_counts("a b c d e f", "a b c d")
    assert (tp, fp, fn) == pytest.approx((1 / 3, 0.0, 2 / 3))


def test_repeated_shingles_count_as_a_multiset():
    tp, fp, fn = shingle_counts("a b c d", "a b c d a b c d")
    assert tp > 0 and fp > 0 and fn == 0


def test_short_texts_are_one_shingle_and_empty_texts_nothing():
    assert shingle_counts("two words", "two words") == (1.0, 0.0, 0.0)
    assert shingle_counts("", "") == (0.0, 0.0, 0.0)
    assert shingle_counts("some gold text here", "") == (0.0, 0.0, 1.0)


def test_metrics_average_per_page_then_f1_of_the_means():
    pages = [(1.0, 0.0, 0.0), (0.0, 0.0, 1.0), (0.5, 0.5, 0.0)]
    # precision over pages with output (1 and 3): (1 + 0.5) / 2; recall over pages with gold (all): (1 + 0 + 1) / 3
    result = metrics(pages)
    assert result["precision"] == 75.0 and result["recall"] == pytest.approx(66.67)
    assert result["f1"] == pytest.approx(round(100 * 2 * 0.75 * (2 / 3) / (0.75 + 2 / 3), 2))


def test_a_page_with_neither_gold_nor_output_is_left_out():
    # precision averages over pages with output, recall over pages with gold: an empty page is in neither
    assert metrics([(1.0, 0.0, 0.0), (0.0, 0.0, 0.0)]) == {"precision": 100.0, "recall": 100.0, "f1": 100.0}


def _mini_benchmark(tmp_path):
    """Two pages in the benchmark's layout: one clean article, one with boilerplate around it."""
    body = " ".join(f"The council met on day {i} and voted on the budget for the coming year." for i in range(12))
    (tmp_path / "html").mkdir()
    gold = {}
    for item, extra in (("a", ""), ("b", "<p>Subscribe to our newsletter for daily updates on everything.</p>")):
        html = (
            "<html><head><title>Council votes</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><p>{body}</p>{extra}</article><footer>Contact us</footer></body></html>"
        )
        (tmp_path / "html" / f"{item}.html.gz").write_bytes(gzip.compress(html.encode()))
        gold[item] = {"articleBody": body, "url": f"https://example.org/{item}"}
    (tmp_path / "ground-truth.json").write_text(json.dumps(gold))
    return tmp_path


def test_evaluate_scores_ingest_bodies(tmp_path):
    result = evaluate(_mini_benchmark(tmp_path))
    assert result["documents"] == 2 and result["empty"] == 0
    assert result["recall"] == 100.0
    assert 90 < result["f1"] <= 100
    assert result["article_text_f1"] <= result["f1"]  # the headline ingest adds is not in the gold body


def test_command_prints_one_json_object(tmp_path):
    app = typer.Typer()
    app.command()(eval_extraction)
    result = CliRunner().invoke(app, [str(_mini_benchmark(tmp_path)), "--json"])
    assert result.exit_code == 0, result.output
    assert set(json.loads(result.stdout)) >= {"precision", "recall", "f1"}


def test_command_refuses_a_directory_without_gold(tmp_path):
    app = typer.Typer()
    app.command()(eval_extraction)
    result = CliRunner().invoke(app, [str(tmp_path)])
    assert result.exit_code == 2


def test_real_benchmark_pages():
    """The first pages of the real benchmark, extracted by ingest: at benchmark quality."""
    directory = require_shared(BENCHMARK)
    assert len(read_gold(directory)) == 181
    result = evaluate(directory, limit=30)
    assert result["empty"] == 0
    assert result["f1"] >= 93
