"""Bad input, class by class: each gives a valid ledger (possibly empty) or a clear error that names
the input and the reason, within its limit; a batch never stops on one bad document; failures are
kept in the store (`newsledger errors`, `newsledger stats`) and the exit status says so.

The corpus is generated here, never committed. Sizes are the issue's (a 20 MB paragraph, 100,000
one-word paragraphs): what is tested is that the limits refuse them at once with a reason, not that
spaCy parses 20 MB.
"""

from __future__ import annotations

import dataclasses
import json
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsledger import pipeline
from newsledger.cli import app
from newsledger.ingest import read_inputs
from newsledger.ingest.text import InputError, article_from_text
from newsledger.limits import (
    DEFAULT_LIMITS,
    ArticleTimeout,
    Limits,
    html_size_problem,
    text_size_problem,
    time_budget,
    using_limits,
)
from newsledger.model import Article
from newsledger.store import Store

runner = CliRunner()

SENTENCE = "Officials said on Monday that 12 people were hurt in floods in Lyon."
ONE_CLASS_SECONDS = 20.0
"""No class may take longer than this end to end (spaCy already loaded); the slow ones are the
size limits, which must refuse in well under a second of analysis."""


@dataclass(frozen=True)
class BadInput:
    """One class of bad input: how to write it, and what must come of it."""

    name: str
    filename: str
    content: bytes
    error: str | None  # a piece of the reason when it must fail; None when it must give a ledger


def _utf16_without_bom(text: str) -> bytes:
    return text.encode("utf-16-le")


def _nested_html(depth: int) -> bytes:
    body = "<div>" * depth + f"<p>{SENTENCE * 4}</p>" + "</div>" * depth
    return f"<html><body><article>{body}</article></body></html>".encode()


QUOTES = '"We will not go," he said. “They lied,” she said» «and ‘then" left. "Unclosed quote at the end'
RTL_MIXED = "قال الوزير إن 12 شخصا أصيبوا. השר אמר. The minister said in Paris that 12 people were hurt. 東京で会議。"
EMOJI = "🔥🔥 Fire crews 🚒 said 3 homes burned in Lyon 🇫🇷 on Monday 👩‍🚒👨‍👩‍👧‍👦. ✅"
CONTROL = "Officials\x01 said\x07 on\x1b[31m Monday\x7f that\x0b 12\x0c people\x85 were\u2028 hurt\u200b.\x08"
LONG_TOKEN = "The minister said " + "x" * 10_000 + " on Monday in Paris."

CLASSES = [
    BadInput("empty", "empty.txt", b"", "empty text"),
    BadInput("whitespace only", "blank.txt", " \n\t\r\n\u3000 \n".encode(), "empty text"),
    BadInput("binary data", "binary.txt", bytes(range(256)) * 64, "not UTF-8 text (binary data"),
    BadInput("invalid UTF-8", "latin1.txt", "Café in Zürich, officials said.".encode("latin-1"), "invalid byte 0xe9"),
    BadInput("UTF-16 with BOM", "utf16bom.txt", "\ufeff".encode("utf-16-le") + SENTENCE.encode("utf-16-le"), None),
    BadInput("UTF-16 without BOM", "utf16.txt", _utf16_without_bom(SENTENCE), "not UTF-8 text (binary data"),
    BadInput("20 MB paragraph", "huge.txt", b"word " * 4_000_000, "over the limit of 200,000 (--max-chars)"),
    BadInput("100,000 one-word paragraphs", "paras.txt", b"word\n\n" * 100_000, "(--max-chars)"),
    BadInput("deeply nested HTML", "nested.html", _nested_html(250), None),
    # Past 255 levels libxml2 (under trafilatura) stops building the tree: the page has no text for it.
    BadInput("HTML nested 5,000 deep", "nested5000.html", _nested_html(5_000), "no article text found in the HTML"),
    BadInput(
        "HTML that is all script",
        "script.html",
        b"<html><head><script>" + b"var x = 1;" * 5_000 + b"</script></head><body><script>go()</script></body></html>",
        "no article text found in the HTML",
    ),
    BadInput("unbalanced quote marks", "quotes.txt", QUOTES.encode(), None),
    BadInput("right-to-left and mixed scripts", "rtl.txt", RTL_MIXED.encode(), None),
    BadInput("emoji", "emoji.txt", EMOJI.encode(), None),
    BadInput("control characters", "control.txt", CONTROL.encode(), None),
    BadInput("10,000-character token", "token.txt", LONG_TOKEN.encode(), None),
]


def invoke(*args: str):
    return runner.invoke(app, list(args))


def flat(output: str) -> str:
    """The output with rich's line wrapping undone (messages are matched as one line)."""
    return " ".join(output.split())


@pytest.fixture
def db(tmp_path, nlp):  # nlp: the model is loaded once per session, not timed per test
    return str(tmp_path / "ledger.db")


def check_spans(ledger) -> None:
    """Every span of every record points into the article text and quotes it exactly."""
    from tests.test_properties import spans_of

    text = ledger.article.text
    for span in spans_of(ledger):
        assert 0 <= span.start <= span.end <= len(text) and text[span.start : span.end] == span.text


@pytest.mark.parametrize("bad", CLASSES, ids=[c.name for c in CLASSES])
def test_each_bad_input_class_gives_a_ledger_or_a_clear_error(bad: BadInput, tmp_path, db):
    path = tmp_path / bad.filename
    path.write_bytes(bad.content)
    started = time.monotonic()
    result = invoke("analyze", str(path), "--db", db)
    elapsed = time.monotonic() - started
    assert elapsed < ONE_CLASS_SECONDS, f"{bad.name} took {elapsed:.1f} s"
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    store = Store.open(db)
    if bad.error is None:
        assert result.exit_code == 0, result.output
        assert store.stats()["articles"] == 1 and store.errors() == []
        check_spans(next(store.ledgers()))
    else:
        assert result.exit_code == 1, result.output
        assert f"error: {path}: " in flat(result.output) and bad.error in flat(result.output), result.output
        assert [(e.origin, bad.error in e.reason) for e in store.errors()] == [(str(path), True)]
        assert store.stats()["articles"] == 0


def test_utf16_with_bom_is_read_as_its_text(tmp_path):
    path = tmp_path / "utf16bom.txt"
    path.write_bytes(CLASSES[4].content)
    (article,) = read_inputs([path])
    assert article.text == SENTENCE


def test_jsonl_with_broken_lines_keeps_the_good_ones(tmp_path, db):
    lines = [
        json.dumps({"text": SENTENCE, "published": "2021-11-10"}),
        '{"text": "cut off in the midd',
        "[1, 2, 3]",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Bad date.", "published": "yesterday"}),
        json.dumps({"text": 42}),
        '{"text": "\\ud800 lone surrogate"}',
        "",
        json.dumps({"text": "Rescuers said 3 people were found alive in Izmir on Sunday."}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_bytes("\n".join(lines).encode() + b"\n\xff\xfe broken bytes\n")
    result = invoke("analyze", str(path), "--db", db)
    assert result.exit_code == 1
    store = Store.open(db)
    assert store.stats()["articles"] == 2
    failed = {e.origin: e.reason for e in store.errors()}
    assert set(failed) == {f"{path}:{n}" for n in (2, 3, 4, 5, 6, 7, 10)}
    assert "invalid JSON" in failed[f"{path}:2"] and "not UTF-8 text" in failed[f"{path}:10"]
    assert all(reason for reason in failed.values())


def test_a_batch_of_every_bad_class_goes_on_and_stats_counts_it(tmp_path, db):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for bad in CLASSES:
        (corpus / bad.filename).write_bytes(bad.content)
    result = invoke("analyze", str(corpus), "--db", db)
    good = [c for c in CLASSES if c.error is None]
    bad = [c for c in CLASSES if c.error is not None]
    assert result.exit_code == 1
    assert f"analyzed {len(good)} article(s)" in result.output and f"{len(bad)} failed" in flat(result.output)
    errors = json.loads(invoke("errors", "--db", db, "--json").stdout)
    assert sorted(Path(e["origin"]).name for e in errors) == sorted(c.filename for c in bad)
    counts = json.loads(invoke("stats", "--db", db, "--json").stdout)
    assert counts["articles"] == len(good) and counts["errors"] == len(bad)
    assert set(counts) == {"articles", "entities", "attributions", "times", "figures", "places", "events", "errors"}
    assert counts["entities"] > 0 and counts["attributions"] > 0
    table = invoke("stats", "--db", db)
    assert table.exit_code == 0 and "articles" in table.output and "errors" in table.output


def test_stats_of_a_missing_ledger_is_a_clear_error(tmp_path):
    result = invoke("stats", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 2 and "no ledger" in result.output


# --- the limits ----------------------------------------------------------------------------------


def test_limits_have_sane_defaults_and_refuse_nonsense():
    assert DEFAULT_LIMITS.max_chars == 200_000 and DEFAULT_LIMITS.max_html_bytes == 10 * 1024 * 1024
    assert DEFAULT_LIMITS.seconds == 60
    for wrong in ({"max_chars": 0}, {"seconds": -1}, {"seconds": float("inf")}, {"max_html_bytes": float("nan")}):
        with pytest.raises(ValueError, match="must be a positive number"):
            Limits(**wrong)
    assert Limits(max_chars=None).max_chars is None


def test_size_checks_name_the_size_the_limit_and_the_option():
    assert text_size_problem("x" * 200_001) == "text is 200,001 characters, over the limit of 200,000 (--max-chars)"
    assert text_size_problem("x" * 200_000) is None
    assert html_size_problem("é" * 6, Limits(max_html_bytes=10)) == (
        "HTML is 12 bytes, over the limit of 10 (--max-html-bytes)"
    )
    assert html_size_problem(b"x" * 10, Limits(max_html_bytes=10)) is None


def test_max_chars_and_max_html_bytes_options(tmp_path, db):
    text = tmp_path / "story.txt"
    text.write_text(SENTENCE, encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(f"<html><body><article><p>{SENTENCE}</p></article></body></html>", encoding="utf-8")
    result = invoke("analyze", str(text), str(page), "--db", db, "--max-chars", "20", "--max-html-bytes", "30")
    assert result.exit_code == 1
    assert "over the limit of 20 (--max-chars)" in flat(result.output)
    assert "over the limit of 30 (--max-html-bytes)" in flat(result.output)
    assert invoke("analyze", str(text), str(page), "--db", db).exit_code == 0
    assert invoke("analyze", str(text), "--db", db, "--max-chars", "0").exit_code == 2


def test_limits_in_force_reach_ingest_only_inside_the_block():
    with using_limits(Limits(max_chars=5)), pytest.raises(ValueError, match="--max-chars"):
        article_from_text("six chars")
    assert article_from_text("six chars").text == "six chars"


def test_pipeline_refuses_an_oversized_article_before_spacy_parses_it(nlp):
    big = Article(id="big", text="word " * 300_000)  # as built by a caller that skipped ingest
    failed: list[tuple[str, str]] = []
    started = time.monotonic()
    ledgers = list(pipeline.analyze_articles([big], on_error=lambda a, exc: failed.append((a.id, str(exc)))))
    reason = "text is 1,500,000 characters, over the limit of 200,000 (--max-chars)"
    assert ledgers == [] and failed == [("big", reason)]
    assert time.monotonic() - started < 5


# --- the time limit ------------------------------------------------------------------------------


def stuck_extractor(doc, ledger):
    """An extractor that hangs on one marked article (the other articles are fine)."""
    if "STUCK" in doc.text:
        time.sleep(30)
    return []


def spinning_extractor(doc, ledger):
    """An extractor that loops in Python on a marked article (a runaway regex or search)."""
    if "SPIN" in doc.text:
        while True:
            pass
    return []


def failing_extractor(doc, ledger):
    if "BOOM" in doc.text:
        raise RuntimeError("extractor bug on purpose")
    return []


@pytest.fixture
def extra_extractor(monkeypatch):
    """Add one extractor after the real ones (its records go in the events field: it returns none)."""

    def add(extractor):
        *first, events, sourcing = pipeline.STAGES
        monkeypatch.setattr(pipeline, "STAGES", (*first, dataclasses.replace(events, extract=extractor), sourcing))

    return add


@pytest.mark.parametrize("extractor", [stuck_extractor, spinning_extractor], ids=["sleeping", "busy loop"])
def test_a_hung_extractor_is_stopped_at_the_time_limit(nlp, extra_extractor, extractor):
    extra_extractor(extractor)
    article = article_from_text(f"{SENTENCE} STUCK SPIN")
    started = time.monotonic()
    with pytest.raises(ArticleTimeout, match=r"took over 0.5 s \(the --timeout limit\); stopped at events"):
        pipeline.build_ledger(nlp(article.text), article, limits=Limits(seconds=0.5))
    assert time.monotonic() - started < 3


def test_off_the_main_thread_the_budget_is_checked_between_extractors(nlp, monkeypatch):
    """A web request's thread cannot take the timer signal: the next check stops the article."""

    def slow(doc, ledger):
        time.sleep(0.6)
        return []

    stages = [dataclasses.replace(s, extract=slow) if s.name == "figures" else s for s in pipeline.STAGES]
    monkeypatch.setattr(pipeline, "STAGES", tuple(stages))
    article = article_from_text(SENTENCE)
    doc = nlp(article.text)
    raised: list[BaseException] = []

    def run() -> None:
        try:
            pipeline.build_ledger(doc, article, limits=Limits(seconds=0.3))
        except ArticleTimeout as exc:
            raised.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(10)
    assert len(raised) == 1 and "stopped at places" in str(raised[0])


def test_time_budget_puts_back_the_previous_timer_and_handler():
    import signal

    before = signal.getsignal(signal.SIGALRM)
    with time_budget(5):
        pass
    assert signal.getsignal(signal.SIGALRM) is before and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_timeouts_and_analysis_errors_are_recorded_and_fail_the_run(tmp_path, db, extra_extractor):
    def stuck_or_failing(doc, ledger):
        failing_extractor(doc, ledger)
        return stuck_extractor(doc, ledger)

    extra_extractor(stuck_or_failing)
    for name, text in (("stuck.txt", "STUCK"), ("boom.txt", "BOOM"), ("fine.txt", "")):
        (tmp_path / name).write_text(f"{SENTENCE} {text}", encoding="utf-8")
    started = time.monotonic()
    paths = [str(tmp_path / n) for n in ("stuck.txt", "boom.txt", "fine.txt")]
    result = invoke("analyze", *paths, "--db", db, "--timeout", "1")
    assert time.monotonic() - started < 10
    assert result.exit_code == 1 and "analyzed 1 article(s)" in result.output and "2 failed" in flat(result.output)
    failed = {Path(e.origin).name: e.reason for e in Store.open(db).errors()}
    assert "analysis took over 1 s (the --timeout limit)" in failed["stuck.txt"]
    assert "extractor bug on purpose" in failed["boom.txt"]


def test_input_errors_name_their_input():
    assert str(InputError("feed.jsonl:3", "invalid JSON")) == "feed.jsonl:3: invalid JSON"
