import pytest

import newsledger
from newsledger.extract import entities
from newsledger.ingest.text import article_from_text
from newsledger.model import OUTLET, Ledger
from newsledger.pipeline import (
    DEFAULT_MODEL,
    STAGE_NAMES,
    STAGES,
    ModelNotFound,
    Stage,
    analyze_articles,
    build_ledger,
    inputs_of,
    load_nlp,
    model_name,
    stages_until,
)


def test_model_name_is_a_setting(monkeypatch):
    monkeypatch.delenv("NEWSLEDGER_MODEL", raising=False)
    assert model_name() == DEFAULT_MODEL
    monkeypatch.setenv("NEWSLEDGER_MODEL", "en_core_web_lg")
    assert model_name() == "en_core_web_lg"
    assert model_name("en_core_web_trf") == "en_core_web_trf"


def test_missing_model_is_a_clear_error():
    with pytest.raises(ModelNotFound, match="no_such_pipeline"):
        load_nlp("no_such_pipeline")


def test_stages_run_in_the_documented_order_each_after_what_it_needs():
    assert STAGE_NAMES == ("entities", "attributions", "times", "figures", "places", "events", "sourcing")
    for position, stage in enumerate(STAGES):
        assert set(stage.needs) <= set(STAGE_NAMES[:position]), stage.name
        # Voices come from the attributions: every voiced stage after them needs them.
        if stage.voiced and position > STAGE_NAMES.index("attributions"):
            assert "attributions" in stage.needs, stage.name


def test_until_runs_a_stage_and_what_it_needs():
    assert [s.name for s in stages_until("places")] == ["entities", "attributions", "places"]
    assert [s.name for s in stages_until("events")] == list(STAGE_NAMES[:-1])
    with pytest.raises(ValueError, match="no stage 'quotes'"):
        stages_until("quotes")


def test_a_partial_ledger_holds_the_records_of_the_full_one(nlp):
    text = "“About 40 soldiers were killed near Kyiv on Monday,” the minister said. Police arrested 3 men in Paris."
    article = article_from_text(text, published="2024-03-06")
    doc = nlp(article.text)
    full = build_ledger(doc, article)
    figures_only = build_ledger(doc, article, until="figures")
    assert figures_only.figures == full.figures and figures_only.attributions == full.attributions
    assert figures_only.places == () and figures_only.events == () and figures_only.sourcing == ()
    assert build_ledger(doc, article, until="sourcing").sourcing == full.sourcing
    assert inputs_of(doc, article, "places").places == () and inputs_of(doc, article, "places").entities


def test_blank_lines_end_sentences(nlp):
    doc = nlp("Ministers pledge to reopen crossings\n\nISTANBUL: The ministers agreed on Monday.")
    first = next(iter(doc.sents))
    assert "ISTANBUL" not in first.text


def test_analyze_api_returns_a_ledger_with_voices(nlp):
    ledger = newsledger.analyze(
        "“We will rebuild the bridge,” Mayor Ana Silva said on Monday. 12 people were injured.",
        published="2024-03-06",
    )
    assert isinstance(ledger, Ledger) and ledger.article.published == "2024-03-06"
    quote = next(a for a in ledger.attributions if a.kind == "direct")
    assert quote.speaker is not None and "Silva" in quote.speaker.name
    assert {f.voice for f in ledger.figures if f.value == 12} == {OUTLET}


def test_one_failing_article_does_not_stop_the_batch(nlp, monkeypatch):
    articles = [article_from_text(t) for t in ("First report. BOOM here.", "Second report.", "Third report.")]

    def fragile(doc, ledger):
        if "BOOM" in doc.text:
            raise RuntimeError("extractor bug")
        return entities.extract(doc, ledger)

    monkeypatch.setattr("newsledger.pipeline.STAGES", (Stage("entities", fragile),))
    failed = []
    ledgers = list(analyze_articles(articles, on_error=lambda article, exc: failed.append((article.id, str(exc)))))
    assert [ledger.article.id for ledger in ledgers] == [a.id for a in articles[1:]]
    assert failed == [(articles[0].id, "extractor bug")]
    with pytest.raises(RuntimeError):
        list(analyze_articles(articles))
