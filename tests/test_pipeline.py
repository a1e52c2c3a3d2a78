import pytest

import newsledger
from newsledger.extract import entities
from newsledger.ingest.text import article_from_text
from newsledger.model import OUTLET, Ledger
from newsledger.pipeline import DEFAULT_MODEL, EXTRACTORS, ModelNotFound, analyze_articles, load_nlp, model_name


def test_model_name_is_a_setting(monkeypatch):
    monkeypatch.delenv("NEWSLEDGER_MODEL", raising=False)
    assert model_name() == DEFAULT_MODEL
    monkeypatch.setenv("NEWSLEDGER_MODEL", "en_core_web_lg")
    assert model_name() == "en_core_web_lg"
    assert model_name("en_core_web_trf") == "en_core_web_trf"


def test_missing_model_is_a_clear_error():
    with pytest.raises(ModelNotFound, match="no_such_pipeline"):
        load_nlp("no_such_pipeline")


def test_extractors_run_in_the_documented_order():
    assert [name for name, _ in EXTRACTORS] == ["entities", "attributions", "times", "figures", "places", "events"]


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

    monkeypatch.setattr("newsledger.pipeline.EXTRACTORS", (("entities", fragile),))
    failed = []
    ledgers = list(analyze_articles(articles, on_error=lambda article, exc: failed.append((article.id, str(exc)))))
    assert [ledger.article.id for ledger in ledgers] == [a.id for a in articles[1:]]
    assert failed == [(articles[0].id, "extractor bug")]
    with pytest.raises(RuntimeError):
        list(analyze_articles(articles))
