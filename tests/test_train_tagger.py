"""training/attributions/train_tagger.py: the span tagger trains on a PolNeAR-shaped split and loads."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SCRIPT = Path(__file__).resolve().parents[1] / "training" / "attributions" / "train_tagger.py"

ARTICLES = {
    "nyt_a": (
        "The minister said on Friday that the talks had failed.",
        "T1\tSource 0 12\tThe minister\nT2\tCue 13 27\tsaid on Friday\nT3\tContent 28 53\tthat the talks had failed\n"
        "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n",
    ),
    "nyt_b": (
        "“We will stay,” the mayor told reporters.",
        "T1\tContent 0 15\t“We will stay,”\nT2\tSource 16 25\tthe mayor\nT3\tCue 26 40\ttold reporters\n"
        "E1\tAttribution:T3 Source:T2 Cue:T3 Content:T1\n",
    ),
}


@pytest.fixture(scope="module")
def train_tagger():
    sys.path.insert(0, str(SCRIPT.parent))  # the script imports its sibling train.py
    try:
        spec = importlib.util.spec_from_file_location("train_tagger", SCRIPT)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(SCRIPT.parent))
    return module


def write_split(root: Path) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for name, (text, ann) in ARTICLES.items():
        (root / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        (root / "attributions" / f"{name}_ann1.ann").write_text(ann, encoding="utf-8")
    return root


def test_gold_labels_follow_the_annotation(train_tagger, nlp, tmp_path):
    from newsledger.eval.polnear import read_gold
    from newsledger.extract import attributions

    article = read_gold(write_split(tmp_path / "split"))[0]
    layout = attributions.Layout(nlp(article.text), attributions.lexicon())
    labels = train_tagger.gold_labels(layout, article)
    assert labels[:6] == ["B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE", "I-CUE", "B-CONTENT"]
    assert labels[-1] == "O"  # the full stop is the reporting sentence's


def test_training_writes_a_model_the_tagger_can_load(train_tagger, tmp_path):
    import pycrfsuite

    out = tmp_path / "tagger.crfsuite"
    assert train_tagger.main([str(write_split(tmp_path / "split")), "--out", str(out), "--iterations", "5"]) == 0
    model = pycrfsuite.Tagger()
    model.open(str(out))
    assert "B-CUE" in model.labels()


def test_an_empty_split_is_an_error(train_tagger, tmp_path, capsys):
    (tmp_path / "text").mkdir()
    assert train_tagger.main([str(tmp_path), "--out", str(tmp_path / "m.crfsuite")]) == 2
    assert "no PolNeAR articles" in capsys.readouterr().err
    assert not (tmp_path / "m.crfsuite").exists()
