"""The geoparsing evaluator: reading LGL/TR-News and GeoVirus XML, repairing offsets, the scores."""

from __future__ import annotations

import json
import math

import pytest
from typer.testing import CliRunner

from newsledger.cli.evaluate import eval_places
from newsledger.eval import geo
from tests.conftest import SHARED, require_shared

LGL_SHAPE = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <text><![CDATA[The fair opened in Paris, Texas, where Russian dancers met a man from Springfield Road.]]></text>
    <toponyms>
      <toponym><start>19</start><end>24</end><phrase>Paris</phrase>
        <gaztag geonameid="4717560"><name>Paris</name><fcode>PPL</fcode><lat>33.66094</lat><lon>-95.55551</lon></gaztag>
      </toponym>
      <toponym><start>26</start><end>31</end><phrase>Texas</phrase>
        <gaztag geonameid="4736286"><name>Texas</name><fcode>ADM1</fcode>
          <lat>31.25044</lat><lon>-99.25061</lon></gaztag>
      </toponym>
      <toponym><start>39</start><end>46</end><phrase>Russian</phrase>
        <gaztag geonameid="2017370"><name>Russia</name><fcode>PCLI</fcode><lat>60</lat><lon>100</lon></gaztag>
      </toponym>
      <toponym><start>70</start><end>86</end><phrase>Springfield Road</phrase></toponym>
    </toponyms>
  </article>
</articles>
"""

# GeoVirus: <location>s with Wikipedia points; its offsets run one character late, and one container nests.
GEOVIRUS_SHAPE = """<articles>
    <article>
        <source>https://en.wikinews.org/wiki/x</source>
        <text>Pigs were culled in Pandi, Bulacan on Sunday.</text>
        <locations>
            <location>
            <location><name>Pandi</name><start>21</start><end>26</end><lat>14.87</lat><lon>120.95</lon></location>
            <location><name>Bulacan</name><start>28</start><end>35</end><lat>15</lat><lon>121.08</lon></location>
            </location>
        </locations>
    </article>
</articles>
"""


@pytest.fixture()
def lgl_file(tmp_path):
    path = tmp_path / "tiny-lgl.xml"
    path.write_text(LGL_SHAPE, encoding="utf-8")
    return path


@pytest.fixture()
def geovirus_file(tmp_path):
    path = tmp_path / "tiny-geovirus.xml"
    path.write_text(GEOVIRUS_SHAPE, encoding="utf-8")
    return path


def test_reads_toponyms_with_and_without_gaztags(lgl_file):
    corpus = geo.read_corpus(lgl_file)
    (article,) = corpus.articles
    assert article.id == "1"
    assert [t.text for t in article.toponyms] == ["Paris", "Texas", "Russian", "Springfield Road"]
    paris, _, russian, road = article.toponyms
    assert (paris.geonameid, paris.fcode, paris.lat) == (4717560, "PPL", 33.66094)
    assert russian.demonym and not paris.demonym
    assert not road.located and road.lat is None
    assert (corpus.realigned, corpus.unaligned) == (0, 0)
    for toponym in article.toponyms:
        assert article.text[toponym.start : toponym.end] == toponym.text


def test_late_offsets_are_realigned_and_containers_skipped(geovirus_file):
    corpus = geo.read_corpus(geovirus_file)
    (article,) = corpus.articles
    assert [(t.text, t.start) for t in article.toponyms] == [("Pandi", 20), ("Bulacan", 27)]
    assert corpus.realigned == 2 and corpus.unaligned == 0


def test_a_phrase_nowhere_near_its_offsets_is_dropped():
    assert geo._realign("a text about Rome", 0, 4, "Paris") is None
    assert geo._realign("in Pandi, Bulacan", 4, 9, "Pandi") == (3, 8)


def test_error_metrics_follow_gritta_et_al():
    errors = [0.0, 50.0, 161.0, 500.0, 20039.0]
    metrics = geo.error_metrics(errors)
    assert metrics["acc_161km"] == 60.0
    assert metrics["mean_error_km"] == round(sum(errors) / 5, 1)
    assert metrics["median_error_km"] == 161.0
    logs = [math.log1p(e) for e in errors]
    trapezoid = sum((a + b) / 2 for a, b in zip(logs, logs[1:], strict=False))
    assert metrics["auc"] == round(100 * trapezoid / (4 * math.log(20039)), 2)
    perfect = geo.error_metrics([0.0, 0.0])
    assert (perfect["acc_161km"], perfect["auc"]) == (100.0, 0.0)
    assert geo.error_metrics([])["acc_161km"] == 0.0


def test_detection_pairs_each_span_once():
    article = geo.GeoArticle("a", "Paris and Paris", (geo.GoldToponym(0, 5, "Paris", 48.85, 2.35),
                                                       geo.GoldToponym(10, 15, "Paris", 48.85, 2.35)))
    system = [geo.SystemToponym(0, 5, 48.85, 2.35), geo.SystemToponym(0, 9, 0.0, 0.0)]
    counts = geo.score_detection(article, article.toponyms, system)
    assert (counts.gold, counts.system, counts.exact, counts.overlap) == (2, 2, 1, 1)
    assert [m["kind"] for m in counts.mistakes] == ["missed", "spurious"]


def test_gold_spans_mode_resolves_in_context(nlp, lgl_file):
    result = geo.evaluate(lgl_file, gold_spans=True)
    # Paris -> Paris, Texas; Texas -> the state; "Russian" -> Russia (the gold's convention for demonyms)
    assert result["scored"] == 3 and result["acc_161km"] == 100.0
    assert result["mode"] == "gold-spans" and "detection_f1" not in result
    without = geo.evaluate(lgl_file, gold_spans=True, demonyms=False)
    assert without["scored"] == 2


def test_end_to_end_mode_scores_detection(nlp, lgl_file):
    result = geo.evaluate(lgl_file, with_errors=True)
    assert result["gold"] == 4
    assert 0 < result["detection_f1"] <= 100 and result["detection_recall"] >= 50.0
    assert result["acc_161km"] == 100.0
    assert any(e["kind"] == "missed" and e["gold"]["text"] == "Springfield Road" for e in result["errors"])


def test_command_prints_one_json_object(nlp, lgl_file):
    import typer

    runner = CliRunner()
    command = typer.Typer()
    command.command()(eval_places)
    outcome = runner.invoke(command, [str(lgl_file), "--gold-spans", "--json"])
    assert outcome.exit_code == 0, outcome.output
    payload = json.loads(outcome.output)
    assert {"acc_161km", "mean_error_km", "auc"} <= set(payload)


@pytest.mark.slow
def test_real_corpus_reads_cleanly():
    path = require_shared(SHARED / "data" / "geo" / "data" / "Corpora" / "TR-News.xml")
    corpus = geo.read_corpus(path)
    assert len(corpus.articles) == 118 and corpus.unaligned == 0
    for article in corpus.articles:
        for toponym in article.toponyms:
            assert article.text[toponym.start : toponym.end] == toponym.text
