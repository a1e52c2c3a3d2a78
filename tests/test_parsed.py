"""newsledger.extract.parsed: cached views of a parsed Doc agree with spaCy's own."""

from __future__ import annotations

import pytest

from newsledger.extract import parsed

pytestmark = pytest.mark.slow

TEXT = "Ambassador Khazar Farhadov spoke in New Delhi.\n\nHe said the war ended on November 10."


@pytest.fixture(scope="module")
def doc(nlp):
    return nlp(TEXT)


def test_views_equal_what_spacy_builds(doc):
    assert parsed.text(doc) == doc.text == TEXT
    assert [s.text for s in parsed.sentences(doc)] == [s.text for s in doc.sents]
    assert [(e.start, e.end, e.label_) for e in parsed.entities(doc)] == [(e.start, e.end, e.label_) for e in doc.ents]
    assert [t.i for t in parsed.tokens(doc)] == list(range(len(doc)))
    starts, ends = parsed.offsets(doc)
    assert starts == tuple(t.idx for t in doc) and ends == tuple(t.idx + len(t.text) for t in doc)
    numbers = parsed.sentence_number(doc)
    assert all(numbers[t.i] == n for n, s in enumerate(doc.sents) for t in s)


def test_views_are_built_once_per_doc(doc):
    assert parsed.sentences(doc) is parsed.sentences(doc)
    assert parsed.tokens(doc)[3] is parsed.tokens(doc)[3]  # the same Token object, not a new one


def test_span_text_is_the_span_text(doc):
    for i, j in [(0, 3), (5, 7), (2, 2), (0, len(doc))]:
        assert parsed.span_text(doc, i, j) == doc[i:j].text


def test_an_empty_doc(nlp):
    empty = nlp("")
    assert parsed.text(empty) == "" and parsed.sentences(empty) == () and parsed.offsets(empty) == ((), ())
    assert parsed.span_text(empty, 0, 0) == ""
