"""Ingest: text, HTML and JSONL readers, directories, stdin, and every way an input can be bad."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.ingest import (
    IngestError,
    InputError,
    count_inputs,
    read_bytes,
    read_inputs,
    sniff_format,
)
from newsledger.ingest.html import article_from_html, decode_html, starts_with_headline
from newsledger.ingest.jsonl import article_from_record
from newsledger.ingest.text import decode_bytes, guess_title
from newsledger.model import Article, article_id

BODY = (
    "The foreign minister said on Tuesday that the talks had failed after three days of negotiation "
    "in the capital, and that no new round had been scheduled."
)
QUOTE = (
    '"We will not accept these terms," she told reporters, adding that both delegations had left '
    "the city by the evening and that the ceasefire would hold for now."
)
TEXT_ARTICLE = f"Talks collapse in Geneva\n\n{BODY}\n\n{QUOTE}\n"


def page(*, title="Talks collapse in Geneva", h1: str | None = None, head: str = "", tail: str = "") -> str:
    """A small but realistic news page (long enough for trafilatura to keep the body)."""
    heading = f"<h1>{h1}</h1>" if h1 else ""
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article>{heading}<p>{BODY}</p><p>{QUOTE}</p></article>"
        f"<footer>{tail}</footer></body></html>"
    )


META = (
    '<meta property="og:site_name" content="Example Times">'
    '<meta name="author" content="Jane Doe">'
    '<meta property="article:published_time" content="2021-11-10T08:00:00Z">'
    '<link rel="canonical" href="https://example.com/world/talks">'
)


def read_all(*paths, published=None) -> list[Article | InputError]:
    return list(read_inputs([str(p) for p in paths], published=published))


def only(items):
    assert len(items) == 1, items
    return items[0]


def error_of(items) -> InputError:
    item = only(items)
    assert isinstance(item, InputError), item
    return item


# --- plain text -------------------------------------------------------------------------------


def test_text_file_becomes_article_with_headline_title(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Talks collapse in Geneva  \r\n\r\n" + BODY + "\r\n", encoding="utf-8")
    article = only(read_all(path))
    assert article.text == f"Talks collapse in Geneva\n\n{BODY}"  # normalised: LF, no trailing blanks
    assert article.id == article_id(article.text)
    assert article.title == "Talks collapse in Geneva"
    assert article.origin == str(path)
    assert article.published is None  # no date in the input: never today's date


def test_single_paragraph_text_has_no_title(tmp_path):
    path = tmp_path / "one.md"
    path.write_text(BODY, encoding="utf-8")
    assert only(read_all(path)).title is None


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Grüße aus Genf".encode(), "Grüße aus Genf"),
        (b"\xef\xbb\xbf" + "Grüße".encode(), "Grüße"),
        ("\ufeffGrüße aus Genf".encode("utf-16-le"), "Grüße aus Genf"),
        ("\ufeffGrüße aus Genf".encode("utf-16-be"), "Grüße aus Genf"),
        ("\ufeffGrüße".encode("utf-32-le"), "Grüße"),
    ],
)
def test_decode_bytes_accepts_utf8_and_bom_marked_unicode(data, expected):
    assert decode_bytes(data) == expected


def test_utf16_file_with_bom_is_read(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(TEXT_ARTICLE.encode("utf-16"))  # Python writes the BOM
    article = only(read_all(path))
    assert article.title == "Talks collapse in Geneva"
    assert article.text.startswith("Talks collapse")


def test_binary_file_is_an_input_error(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    error = error_of(read_all(path))
    assert error.origin == str(path)
    assert error.reason.startswith("not UTF-8 text")


def test_invalid_utf8_is_an_input_error_not_a_guess(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Café in Genève".encode("latin-1"))
    error = error_of(read_all(path))
    assert error.reason.startswith("not UTF-8 text")
    assert "0xe9" in error.reason


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  ", b"\xef\xbb\xbf \n"])
def test_empty_or_blank_file_is_empty_text(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert error_of(read_all(path)).reason == "empty text"


def test_missing_path_is_an_input_error(tmp_path):
    error = error_of(read_all(tmp_path / "nope.txt"))
    assert error.origin == str(tmp_path / "nope.txt")
    assert error.reason == "no such file or directory"


def test_guess_title_rules():
    assert guess_title("Headline\n\nBody text.") == "Headline"
    assert guess_title("Only one line") is None
    assert guess_title(("x" * 300) + "\nbody") is None
    assert guess_title("") is None


# --- published --------------------------------------------------------------------------------


def test_published_override_wins_and_is_normalised(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text(TEXT_ARTICLE, encoding="utf-8")
    html = tmp_path / "b.html"
    html.write_text(page(head=META), encoding="utf-8")
    lines = tmp_path / "c.jsonl"
    lines.write_text(json.dumps({"text": BODY, "published": "1999-01-01"}) + "\n", encoding="utf-8")
    items = read_all(text, html, lines, published="2020-09-27T06:00:00Z")
    assert [item.published for item in items] == ["2020-09-27"] * 3


def test_invalid_published_override_raises_at_once():
    with pytest.raises(IngestError):
        read_inputs(["whatever.txt"], published="last Tuesday")


# --- HTML -------------------------------------------------------------------------------------


def test_html_metadata_and_text(tmp_path):
    path = tmp_path / "story.html"
    path.write_text(page(head=META, h1="Talks collapse in Geneva"), encoding="utf-8")
    article = only(read_all(path))
    assert isinstance(article, Article)
    assert article.title == "Talks collapse in Geneva"
    assert article.published == "2021-11-10"
    assert article.author == "Jane Doe"
    assert article.source == "Example Times"
    assert article.url == "https://example.com/world/talks"
    # the headline once, then the paragraphs separated by blank lines; the navigation is gone
    assert article.text == f"Talks collapse in Geneva\n\n{BODY}\n\n{QUOTE}"


def test_html_headline_is_prepended_when_the_body_lacks_it():
    article = article_from_html(page(title="Talks collapse in Geneva"))
    assert article.text.startswith(f"Talks collapse in Geneva\n\n{BODY[:40]}")
    assert article.text.count("Talks collapse in Geneva") == 1


def test_html_without_date_has_no_published_even_with_a_copyright_year():
    article = article_from_html(page(tail="© 2019 Example Times. All rights reserved."))
    assert article.published is None


def test_html_declared_charset_is_honoured(tmp_path):
    path = tmp_path / "old.htm"
    html = page(head='<meta charset="windows-1252">').replace("capital", "capital’s café")
    path.write_bytes(html.encode("windows-1252"))
    article = only(read_all(path))
    assert "capital’s café" in article.text


def test_html_undeclared_non_utf8_is_refused():
    with pytest.raises(IngestError, match="not UTF-8 text"):
        decode_html(page().replace("capital", "café").encode("latin-1"))


@pytest.mark.parametrize(
    "html", ["<html><body></body></html>", "<", "<html><body><script>var x = 1;</script></body></html>", "  "]
)
def test_html_without_article_text_is_an_input_error(tmp_path, html):
    path = tmp_path / "blank.html"
    path.write_text(html, encoding="utf-8")
    error = error_of(read_all(path))
    assert error.reason in ("no article text found in the HTML", "empty text")


def test_tiny_html_paragraph_is_still_an_article():
    assert article_from_html("<html><body><p>Rain fell.</p></body></html>").text == "Rain fell."


def test_starts_with_headline():
    assert starts_with_headline("Talks fail\nbody", "Talks fail")
    assert starts_with_headline("Talks  fail\nbody", "talks fail | Example Times")
    assert not starts_with_headline("The talks failed.\nMore.", "Talks fail")


# --- JSONL ------------------------------------------------------------------------------------


def test_jsonl_good_and_broken_lines(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps(
            {
                "text": BODY,
                "title": "Talks",
                "url": "https://x.org/1",
                "published": "2021-11-10",
                "source": "Wire",
                "author": "A. Writer",
                "extra": [1, 2],
            }
        ),
        '{"text": "unterminated',
        "",
        json.dumps({"title": "no text here"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": 42}),
        json.dumps({"text": "   "}),
        json.dumps({"text": QUOTE, "published": "someday"}),
        json.dumps({"html": page(head=META)}),
        '{"text": "lone \\ud800 surrogate"}',
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read_all(path)
    assert [type(i).__name__ for i in items] == ["Article"] + ["InputError"] * 6 + ["Article", "InputError"]
    first = items[0]
    assert (first.text, first.title, first.url, first.published, first.source, first.author) == (
        BODY,
        "Talks",
        "https://x.org/1",
        "2021-11-10",
        "Wire",
        "A. Writer",
    )
    assert first.origin == f"{path}:1"
    errors = {item.origin.rsplit(":", 1)[1]: item.reason for item in items if isinstance(item, InputError)}
    assert set(errors) == {"2", "4", "5", "6", "7", "8", "10"}  # line 3 is blank and skipped
    assert errors["2"].startswith("invalid JSON")
    assert errors["4"] == "no 'text' or 'html' field"
    assert errors["5"] == "a line must be a JSON object, not array"
    assert errors["6"] == "field 'text' must be a string, not int"
    assert errors["7"] == "empty text"
    assert "not an ISO date" in errors["8"]
    assert errors["10"].startswith("invalid Unicode")
    html_article = items[-2]
    assert html_article.published == "2021-11-10" and html_article.source == "Example Times"
    assert html_article.text.startswith("Talks collapse in Geneva")


def test_jsonl_text_wins_over_html_and_is_kept_as_given():
    article = article_from_record({"text": BODY, "html": page(), "title": "Talks"})
    assert article.text == BODY  # no headline added to a given text


def test_jsonl_invalid_utf8_line_spoils_only_that_line(tmp_path):
    path = tmp_path / "mixed.ndjson"
    good = json.dumps({"text": BODY}).encode()
    path.write_bytes(b"\xef\xbb\xbf" + good + b"\n" + b'{"text": "caf\xe9"}\n' + good.replace(b"foreign", b"Swiss"))
    items = read_all(path)
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "Article"]
    assert items[1].origin == f"{path}:2" and items[1].reason.startswith("not UTF-8 text")


def test_jsonl_binary_file_stops_with_one_error(tmp_path):
    path = tmp_path / "blob.jsonl"
    path.write_bytes(b"\x00\x01\x02\n" * 50)
    error = error_of(read_all(path))
    assert error.reason.startswith("not UTF-8 text")


def test_jsonl_utf16(tmp_path):
    path = tmp_path / "wide.jsonl"
    path.write_bytes((json.dumps({"text": BODY}) + "\n" + json.dumps({"text": QUOTE}) + "\n").encode("utf-16"))
    assert [i.text for i in read_all(path)] == [BODY, QUOTE]


# --- sniffing, directories, stdin ---------------------------------------------------------------


def test_unknown_suffix_is_sniffed(tmp_path):
    (tmp_path / "a.dat").write_text("  \n" + page(head=META), encoding="utf-8")
    (tmp_path / "b.dat").write_text(json.dumps({"text": BODY}) + "\n" + json.dumps({"text": QUOTE}), "utf-8")
    (tmp_path / "c.dat").write_text(TEXT_ARTICLE, encoding="utf-8")
    html, first, second, text = read_all(tmp_path / "a.dat", tmp_path / "b.dat", tmp_path / "c.dat")
    assert html.source == "Example Times"
    assert (first.text, second.text, second.origin) == (BODY, QUOTE, f"{tmp_path / 'b.dat'}:2")
    assert text.title == "Talks collapse in Geneva"
    assert sniff_format("<p>x</p>") == "html" and sniff_format("{}") == "jsonl" and sniff_format("x") == "text"


def test_directory_is_read_recursively_sorted_without_hidden_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "inner.txt").write_text("Inner story\n\nInner body.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First story\n\nFirst body.", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": "Line one."}) + "\n", encoding="utf-8")
    (tmp_path / "README").write_text("No suffix\n\nread as text.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Hidden too.", encoding="utf-8")
    (tmp_path / "expected.json").write_text('{"not": "an article"}', encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\x00")
    items = read_all(tmp_path)
    assert [Path(i.origin).name for i in items] == ["README", "a.txt", "inner.txt", "c.jsonl:1"]
    assert all(isinstance(i, Article) for i in items)
    assert count_inputs([tmp_path]) == 4


def test_count_inputs_counts_files_and_jsonl_lines(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"text": f"Story {n}."}) for n in range(5)) + "\n\n", "utf-8")
    single = tmp_path / "one.txt"
    single.write_text(BODY, encoding="utf-8")
    assert count_inputs([feed, single, tmp_path / "missing.txt"]) == 7
    assert count_inputs([single, "-"]) is None


def test_stdin_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(TEXT_ARTICLE))
    article = only(read_all("-"))
    assert article.origin == "<stdin>" and article.title == "Talks collapse in Geneva"


def test_stdin_bytes_are_sniffed_as_jsonl(monkeypatch):
    data = (json.dumps({"text": BODY}) + "\n{broken\n").encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    article, error = read_all("-")
    assert article.text == BODY and article.origin == "<stdin>:1"
    assert error.origin == "<stdin>:2" and error.reason.startswith("invalid JSON")


def test_stdin_binary_and_empty(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\x00\xff\xfe\x00garbage")))
    assert error_of(read_all("-")).reason.startswith("not UTF-8 text")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert error_of(read_all("-")).reason == "empty text"


def test_read_inputs_is_lazy_and_accepts_a_single_path(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT_ARTICLE, encoding="utf-8")
    items = read_inputs(path)
    assert next(items).title == "Talks collapse in Geneva"


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300)), st.sampled_from([None, "text", "jsonl"]))
def test_any_input_yields_articles_or_errors_never_raises(data, fmt):
    for item in read_bytes(data, origin="fuzz", fmt=fmt):
        assert isinstance(item, Article | InputError)
        if isinstance(item, Article):
            assert item.text and item.id == article_id(item.text)


def test_nul_characters_are_stripped_from_metadata_too():
    from newsledger.ingest.text import article_from_text

    article = article_from_text("Body text.", title="Bad\x00 title", source="\x00", author=" A. Writer ")
    assert article.title == "Bad title" and article.source is None and article.author == "A. Writer"
