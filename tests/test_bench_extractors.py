"""bench/extractors.py: each extractor's time as a share of spaCy's, and spaCy's own time by component."""

from __future__ import annotations

import importlib.util
import json

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_extractors", REPO / "bench" / "extractors.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TEXTS = [
    "The ministry said on Monday that 12 people were killed in the floods near Lahore.",
    "“We will rebuild,” the mayor told reporters, according to a statement.",
]


def test_measure_reports_every_extractor_and_spacys_components(bench, nlp):
    from newsledger.pipeline import STAGE_NAMES

    result = bench.measure(TEXTS, rounds=1)
    assert result["documents"] == 2 and result["tokens"] > 20
    assert set(result["extractor_pct_of_spacy"]) == set(STAGE_NAMES)
    components = result["spacy_component_pct"]
    assert set(components) == {"tokenizer", *nlp.pipe_names}
    assert sum(components.values()) == pytest.approx(100, abs=0.5)


def test_component_times_cover_the_tokenizer_and_every_component_in_order(bench, nlp):
    times = bench.component_times(nlp, TEXTS)
    assert list(times) == ["tokenizer", *nlp.pipe_names]
    assert all(seconds >= 0 for seconds in times.values())


def test_command_prints_one_json_object(bench, capsys):
    assert bench.main(["--limit", "2", "--rounds", "1", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["documents"] == 2 and "spacy_component_pct" in result
