"""The judged set: every expectations file parses against its article, and the command scores a folder."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.eval import judged
from newsledger.eval.expected import check
from newsledger.model import Ledger
from tests.conftest import REPO, SHARED, require_shared

JUDGED = REPO / "judged"
FILES = sorted(JUDGED.glob("*.expected.json"))


def test_the_judged_set_has_thirty_files_from_both_sources():
    assert len(FILES) == 30
    inputs = [json.loads(path.read_text(encoding="utf-8"))["input"] for path in FILES]
    from_extraction = [i for i in inputs if i["file"].endswith("article-extraction/ground-truth.json")]
    from_polnear = [i for i in inputs if "/polnear/data/dev/text/" in i["file"]]
    assert (len(from_extraction), len(from_polnear)) == (24, 6)
    assert all(i.get("published") and i.get("genre") for i in inputs)


@pytest.mark.parametrize("path", FILES, ids=[p.name.removesuffix(".expected.json") for p in FILES])
def test_every_judged_file_parses_against_its_article(path: Path):
    require_shared(SHARED / "data")
    expectations = judged.load(path)
    assert len(expectations.article.text) > 200
    # Every section and item is of the documented shape, and every text it names is in the article.
    check(Ledger(article=expectations.article), expectations.spec)
    text = expectations.article.text.casefold().replace("’", "'")
    for section in ("attributions", "times", "figures", "places"):
        for level in ("must", "should", "must_not"):
            for item in expectations.spec.get(section, {}).get(level, []):
                for key in ("content_contains", "text", "where"):
                    if key in item:
                        assert item[key].casefold().replace("’", "'") in text, (section, level, item)


def test_load_reads_a_text_beside_the_file_or_a_keyed_json(tmp_path: Path):
    (tmp_path / "a.txt").write_text("The mayor said on Monday that 40 homes burned.", encoding="utf-8")
    (tmp_path / "a.expected.json").write_text('{"input": {"published": "2024-03-06"}}', encoding="utf-8")
    loaded = judged.load(tmp_path / "a.expected.json")
    assert loaded.name == "a" and loaded.article.published == "2024-03-06" and "40 homes" in loaded.article.text

    (tmp_path / "bodies.json").write_text(json.dumps({"k1": {"articleBody": "Rebels attacked a town."}}))
    spec = {"input": {"file": "bodies.json", "key": "k1"}}
    (tmp_path / "b.expected.json").write_text(json.dumps(spec), encoding="utf-8")
    assert judged.load(tmp_path / "b.expected.json").article.text == "Rebels attacked a town."
    assert [p.name for p in judged.expectation_files([tmp_path])] == ["a.expected.json", "b.expected.json"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not a readable expectations file"),
        ("[1, 2]", "is a JSON object"),
        ('{"input": {"file": "missing.txt"}}', "the article is not there"),
        ('{"input": {"file": "bodies.json", "key": "nope"}}', "no article 'nope'"),
        ('{"input": {"file": "bodies.json", "key": "k1", "published": "last week"}}', "not an ISO date"),
    ],
)
def test_bad_expectations_files_are_named_errors(tmp_path: Path, content: str, message: str):
    (tmp_path / "bodies.json").write_text(json.dumps({"k1": {"articleBody": "Rebels attacked a town."}}))
    path = tmp_path / "x.expected.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(judged.ExpectationsError, match=message):
        judged.load(path)


def test_an_empty_folder_is_an_error(tmp_path: Path):
    result = CliRunner().invoke(app, ["eval", "expected", str(tmp_path)])
    assert result.exit_code == 2 and "no *.expected.json file" in " ".join(result.output.split())


def test_a_malformed_item_is_a_one_line_error(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Rebels attacked a town on Monday.", encoding="utf-8")
    (tmp_path / "a.expected.json").write_text('{"events": {"must_not": [{"event": "ASSAULT"}]}}', encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "expected", str(tmp_path / "a.expected.json")])
    output = " ".join(result.output.split())  # rich wraps the error at 80 columns
    assert result.exit_code == 2 and "events.must_not item" in output and "Traceback" not in output


@pytest.mark.slow
def test_the_command_scores_a_folder_per_article_and_in_total(tmp_path: Path):
    (tmp_path / "one.txt").write_text(
        "Rebels killed 12 villagers in Nakuru on Monday, police said. The 2024 elections were calm.", encoding="utf-8"
    )
    (tmp_path / "one.expected.json").write_text(json.dumps({
        "input": {"published": "2024-03-06"},
        "attributions": {"must": [{"content_contains": "killed 12 villagers", "speaker": "police"}]},
        "figures": {"must": [{"text": "12", "value": 12, "category": "killed"}],
                    "must_not": [{"text": "2024 elections"}]},
        "times": {"must": [{"text": "Monday", "value": "2024-03-04"}]},
    }), encoding="utf-8")
    (tmp_path / "two.txt").write_text("The minister said the plan could raise tariffs.", encoding="utf-8")
    (tmp_path / "two.expected.json").write_text(json.dumps({
        "events": {"must_not": [{"event": "SANCTION", "trigger_contains": "raise tariffs",
                                 "unless_modality": ["hypothetical"]}]},
    }), encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "expected", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report["articles"]) == {"one", "two"}
    figures = report["total"]["figures"]
    assert {"precision", "recall", "records", "must_not_total"} <= set(figures)
    assert figures["must_not_total"] == 1
    assert report["total"]["events"]["must_not_total"] == 1

    table = CliRunner().invoke(app, ["eval", "expected", str(tmp_path)])
    assert table.exit_code == 0 and "2 judged articles" in table.output and "precision" in table.output


@pytest.mark.slow
def test_the_command_runs_over_the_judged_set():
    require_shared(SHARED / "data")
    run = judged.score_paths([JUDGED])
    assert len(run.articles) == len(FILES)
    assert set(run.totals) >= {"attributions", "times", "figures", "places", "entities", "events"}


def test_the_set_splits_into_a_tuning_and_a_checking_half_by_a_fixed_seed():
    halves = {judged.part_of(judged.load_name(path)) for path in FILES}
    assert halves == set(judged.PARTS)
    tune = [path.name for path in FILES if judged.part_of(judged.load_name(path)) == "tune"]
    assert 10 <= len(tune) <= 20  # about half, and the same every run
    assert tune == [path.name for path in FILES if judged.part_of(judged.load_name(path)) == "tune"]


def test_part_must_be_tune_or_check(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Rebels attacked a town on Monday.", encoding="utf-8")
    (tmp_path / "a.expected.json").write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "expected", str(tmp_path), "--part", "dev"])
    assert result.exit_code == 2 and "--part must be one of tune, check" in " ".join(result.output.split())


def test_load_reads_an_html_page_through_article_extraction(tmp_path: Path):
    import gzip

    page = ("<html><head><title>Floods</title></head><body><article><h1>Floods hit the valley</h1>"
            + "<p>Rivers rose on Monday after three days of rain, officials said in a statement.</p>" * 3
            + "</article></body></html>")
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(page.encode()))
    (tmp_path / "p.expected.json").write_text('{"input": {"file": "page.html.gz", "published": "2024-03-06"}}')
    article = judged.load(tmp_path / "p.expected.json").article
    assert "Rivers rose on Monday" in article.text and article.published == "2024-03-06"
