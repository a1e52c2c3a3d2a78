"""Property-based tests (Hypothesis) on every extractor: on any text, none of them raises, and every
span of every record lies inside the text and quotes exactly the slice it points to.

Two kinds of text: arbitrary Unicode (every category but lone surrogates, which ingest refuses as
"invalid Unicode"), and news-like text assembled from pieces that make the extractors fire
(speakers, cues, quote marks of every kind, numbers, dates, places), mixed with odd Unicode, so
that records are made and their spans checked, not only empty ledgers.

Examples are few (the pipeline parses each) and derandomized, so the suite stays fast and stable.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.model import OUTLET, Article, Ledger, Span, article_id
from newsledger.pipeline import STAGES, build_ledger

SETTINGS = settings(
    max_examples=150, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)

ANY_UNICODE = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)

NEWS_PIECES = [
    "President Emmanuel Macron", "the ministry", "Reuters", "he", "she", "They", "officials", "Dr. Ana Ruiz",
    " said", " told reporters", " according to", " claimed", " denied", " warned", " added",
    '"', "“", "”", "‘", "’", "«", "»", "„", "'", ",", ".", ":", ";", " — ", "(", ")", "\n", "\n\n",
    " 12", " 1,500", " 3.5 million", " about 40", " 20%", " $5bn", " dozens", " two", " between 10 and 20",
    " on Monday", " last week", " in 1992", " on 25 February 2021", " yesterday", " since March",
    " in Paris", " in Gaza", " near Kyiv", " Armenia", " the United States", " Lyon, France",
    " killed", " wounded", " attacked", " protested", " met", " people", " soldiers",
    " ", "  ", "\t", "\u00a0", "\u200b", "\u202e", "🔥", "👩‍🚒", "\u0301", "ﬁ", "İ", "ß", "שלום", "مرحبا", "東京",
]
NEWS_TEXT = st.lists(st.sampled_from(NEWS_PIECES) | ANY_UNICODE.map(lambda s: s[:8]), max_size=60).map("".join)


def spans_of(value) -> Iterator[Span]:
    """Every Span inside a record (or a ledger), however deeply nested."""
    if isinstance(value, Span):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            if field.name != "article":
                yield from spans_of(getattr(value, field.name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from spans_of(item)


def check_ledger(ledger: Ledger) -> None:
    """The properties every extractor's output must have, named by the extractor that broke them."""
    text = ledger.article.text
    attribution_ids = {a.id for a in ledger.attributions}
    for field_name in (stage.name for stage in STAGES if stage.voiced):
        records = getattr(ledger, field_name)
        ids = [record.id for record in records]
        assert len(ids) == len(set(ids)), f"{field_name}: duplicate record ids {ids}"
        for record in records:
            for span in spans_of(record):
                assert 0 <= span.start <= span.end <= len(text), f"{field_name}: {span} outside the text"
                assert text[span.start : span.end] == span.text, f"{field_name}: {span} is not its slice"
            assert record.voice == OUTLET or record.voice in attribution_ids, f"{field_name}: voice {record.voice}"


def analyze(nlp, text: str) -> Ledger:
    article = Article(id=article_id(text), text=text, published="2021-11-10")
    return build_ledger(nlp(text), article)


@SETTINGS
@given(text=ANY_UNICODE)
def test_every_extractor_on_arbitrary_unicode(nlp, text):
    check_ledger(analyze(nlp, text))


@SETTINGS
@given(text=NEWS_TEXT)
def test_every_extractor_on_news_like_text(nlp, text):
    check_ledger(analyze(nlp, text))


def test_news_like_text_makes_records_of_every_kind(nlp):
    """The news-like strategy does reach every extractor (else the span checks would check nothing)."""
    text = (
        "President Emmanuel Macron said on Monday in Paris: “Rebels killed about 40 soldiers near Kyiv in 1992.” "
        "Reuters said 1,500 people protested."
    )
    ledger = analyze(nlp, text)
    check_ledger(ledger)
    assert all(getattr(ledger, stage.name) for stage in STAGES)


def test_edge_texts(nlp):
    for text in ("", " ", "\n\n\n", '"', "“", "\u202e", "0", "said", "🔥" * 50, "a\u0301" * 30, "x" * 5000):
        check_ledger(analyze(nlp, text))
