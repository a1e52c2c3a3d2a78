"""WARC input: HTML responses out of a crawl file, streamed, with FastWARC and the warcio fallback.

Every WARC file here is built by the test itself with warcio's writer (no binaries in the repo).
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsledger.ingest import count_inputs, read_bytes, read_inputs
from newsledger.ingest.text import InputError
from newsledger.ingest.warc import (
    _pages_fastwarc,
    _pages_warcio,
    is_warc_bytes,
    is_warc_path,
    iter_pages,
    media_type,
    read_warc,
)
from newsledger.model import Article

BODY = (
    "The foreign minister said on Tuesday that the talks had failed after three days of negotiation "
    "in the capital, and that no new round had been scheduled for the coming weeks."
)
QUOTE = (
    "\"We will not accept these terms,\" she told reporters, adding that both delegations had left "
    "the city by the evening and that the ceasefire would hold for now."
)


def news_page(title: str, extra: str = "") -> str:
    """A small news page that trafilatura keeps the body of."""
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1><p>{BODY} {extra}</p><p>{QUOTE}</p></article>"
        "<footer>© Example Times</footer></body></html>"
    )


def http(status: str, content_type: str | None, *extra: tuple[str, str]) -> StatusAndHeaders:
    headers = [("Content-Type", content_type)] if content_type else []
    return StatusAndHeaders(status, headers + list(extra), protocol="HTTP/1.1")


def write_crawl(path: Path, *, gzipped: bool = True) -> Path:
    """A Common-Crawl-like file: warcinfo, then request/response/metadata per fetch, some not articles."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzipped)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsledger tests"}))

        def fetch(url: str, headers: StatusAndHeaders, payload: bytes) -> None:
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            response = writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers)
            writer.write_record(response)
            writer.write_record(writer.create_warc_record(url, "metadata", payload=io.BytesIO(b"fetchTimeMs: 12\r\n")))

        fetch("https://example.org/talks", http("200 OK", "text/html; charset=utf-8"), news_page("Talks fail").encode())
        fetch("https://example.org/logo.png", http("200 OK", "image/png"), b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
        fetch("https://example.org/gone", http("404 Not Found", "text/html"), news_page("Not found").encode())
        fetch("https://example.org/moved", http("301 Moved Permanently", "text/html", ("Location", "/talks")), b"")
        # Latin-1 bytes, declared only in the HTTP header (not in the page): the header's charset decodes it.
        latin = news_page("Café talks resume", "Le café était plein.").encode("latin-1")
        fetch("https://example.org/cafe", http("200 OK", "text/html; charset=ISO-8859-1"), latin)
        # Sent gzip-compressed (Content-Encoding): decoded as a browser would.
        zipped = gzip.compress(news_page("Ceasefire holds").encode())
        fetch("https://example.org/ceasefire", http("200 OK", "text/html", ("Content-Encoding", "gzip")), zipped)
        # A page with no article text in it: an input error, not a crash.
        fetch("https://example.org/empty", http("200 OK", "text/html"), b"<html><body></body></html>")
    return path


@pytest.fixture(scope="module")
def crawl(tmp_path_factory) -> Path:
    return write_crawl(tmp_path_factory.mktemp("warc") / "crawl.warc.gz")


ARTICLE_URLS = ["https://example.org/talks", "https://example.org/cafe", "https://example.org/ceasefire"]


def test_only_successful_html_responses_are_pages(crawl):
    pages = list(iter_pages(crawl))
    assert [p.url for p in pages] == [*ARTICLE_URLS, "https://example.org/empty"]
    assert pages[1].charset == "iso8859-1"
    assert pages[2].body.startswith(b"<!DOCTYPE html>")  # content encoding undone


def test_articles_from_a_crawl(crawl):
    items = list(read_inputs([crawl]))
    articles = [i for i in items if isinstance(i, Article)]
    assert [a.url for a in articles] == ARTICLE_URLS
    assert [a.title for a in articles] == ["Talks fail", "Café talks resume", "Ceasefire holds"]
    assert "Le café était plein." in articles[1].text
    assert all(a.published is None for a in articles)  # the crawl date is not a publication date
    assert all(a.origin.startswith(f"{crawl}@") for a in articles)
    # origins are record offsets: distinct and increasing through the file
    offsets = [int(a.origin.rsplit("@", 1)[1]) for a in articles]
    assert offsets == sorted(offsets) and len(set(offsets)) == 3
    errors = [i for i in items if isinstance(i, InputError)]
    assert [e.reason for e in errors] == ["no article text found in the HTML"]


def test_published_override_applies_to_every_page(crawl):
    articles = [i for i in read_inputs([crawl], published="2024-03-06") if isinstance(i, Article)]
    assert {a.published for a in articles} == {"2024-03-06"}


def test_uncompressed_warc_and_directories(tmp_path, crawl):
    plain = write_crawl(tmp_path / "crawl.warc", gzipped=False)
    (tmp_path / "notes.json").write_text("{}")
    from_plain = [i.url for i in read_inputs([plain]) if isinstance(i, Article)]
    from_dir = [i.origin.split("@")[0] for i in read_inputs([tmp_path]) if isinstance(i, Article)]
    assert from_plain == ARTICLE_URLS
    assert from_dir == [str(plain)] * 3  # the directory walk reads .warc files, not the .json beside them


def test_warcio_fallback_reads_the_same_pages(crawl):
    fast = [(p.url, p.body, p.charset, p.offset) for p in _pages_fastwarc(str(crawl))]
    with crawl.open("rb") as stream:
        slow = [(p.url, p.body, p.charset, p.offset) for p in _pages_warcio(stream)]
    assert fast == slow


def test_reading_streams_record_by_record(tmp_path, crawl):
    """A file cut off in the middle still gives the pages before the cut, then one error at most."""
    data = crawl.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) * 2 // 3])
    urls = [i.url for i in read_warc(cut) if isinstance(i, Article)]
    assert urls[:2] == ARTICLE_URLS[:2]


def test_not_a_warc_file_is_an_input_error(tmp_path):
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(gzip.compress(b"just some text, not a WARC file"))
    items = list(read_inputs([bad]))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert items[0].reason.startswith("cannot read WARC")


def test_warc_sniffed_from_bytes_without_a_suffix(crawl):
    items = list(read_bytes(crawl.read_bytes(), origin="<stdin>"))
    assert [i.url for i in items if isinstance(i, Article)] == ARTICLE_URLS


def test_count_inputs_does_not_read_crawls(crawl):
    assert count_inputs([crawl]) is None


def test_helpers():
    assert is_warc_path("a/CC-NEWS-2024.WARC.GZ") and not is_warc_path("a.gz")
    assert is_warc_bytes(b"WARC/1.0\r\n") and not is_warc_bytes(gzip.compress(b"<html>"))
    assert not is_warc_bytes(b"\x1f\x8b broken")
    assert media_type(None) == "" and media_type(" Text/HTML ;charset=x") == "text/html"
