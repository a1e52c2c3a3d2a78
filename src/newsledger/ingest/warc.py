"""WARC in: the HTML pages of a web crawl (Common Crawl news style), read as a stream.

A WARC file holds many records (``warcinfo``, ``request``, ``response``, ``metadata``, ...). The
pages read here are the ``response`` records of successful (2xx) HTTP responses whose content
type is HTML, plus ``resource`` records of HTML (what some archivers write for a fetched file);
every other record (requests, images, redirects, robots.txt, ...) is not an article and is passed
over silently. Each page becomes an Article through the same HTML extraction as an ``.html`` file
(:func:`newsledger.ingest.html.article_from_html`), with the record's target URI as its URL.

The file is read record by record with FastWARC (fast, C++), falling back to warcio when FastWARC
is not installed; plain, gzip (``.warc.gz``, one member per record as crawlers write them) and, with
FastWARC, zstd/lz4 files are detected from their bytes. Only one record's body is in memory at a
time, never the whole file.

The WARC-Date is when the page was *crawled*, not published, so it never becomes the Article's
``published`` (see :mod:`newsledger.ingest.html` for where that date comes from). An Article's
``origin`` is ``<file>@<offset>``, the byte offset of its record in the file, which is what
``warcio extract <file> <offset>`` takes.

Example::

    >>> import io
    >>> from warcio.statusandheaders import StatusAndHeaders
    >>> from warcio.warcwriter import WARCWriter
    >>> buffer = io.BytesIO()
    >>> writer = WARCWriter(buffer)
    >>> http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    >>> html = b"<html><body><article><p>" + b"Rain fell on Geneva all day. " * 10 + b"</p></article></body></html>"
    >>> writer.write_record(writer.create_warc_record(
    ...     "https://example.org/rain", "response", payload=io.BytesIO(html), http_headers=http))
    >>> [page.url for page in iter_pages_from_stream(io.BytesIO(buffer.getvalue()))]
    ['https://example.org/rain']
"""

from __future__ import annotations

import codecs
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from newsledger.ingest.html import article_from_html
from newsledger.ingest.text import IngestError, InputError
from newsledger.model import Article

WARC_SUFFIXES: tuple[str, ...] = (".warc", ".warc.gz", ".warc.zst", ".warc.lz4")
"""File name endings read as WARC (checked on the lower-cased name)."""

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
"""Media types of the pages that are read as articles."""

_GZIP_MAGIC = b"\x1f\x8b"
_SNIFF_BYTES = 4096


@dataclass(frozen=True)
class WarcPage:
    """One HTML page found in a WARC file: where it came from and its (still encoded) bytes."""

    url: str | None
    body: bytes
    offset: int | None = None  # byte offset of the record in the file
    charset: str | None = None  # as the HTTP Content-Type header gives it
    record_id: str | None = None
    crawled: str | None = None  # the WARC-Date: when it was fetched, not when it was published


def is_warc_path(path: str | Path) -> bool:
    """Whether a file name says WARC.

    >>> is_warc_path("CC-NEWS-20240101.warc.gz"), is_warc_path("page.html")
    (True, False)
    """
    return str(path).lower().endswith(WARC_SUFFIXES)


def is_warc_bytes(data: bytes) -> bool:
    """Whether bytes start like a WARC file (``WARC/1.0``, ``WARC/1.1``), plain or gzipped.

    >>> import gzip
    >>> is_warc_bytes(gzip.compress(b"WARC/1.1")), is_warc_bytes(b"<html>")
    (True, False)
    """
    head = data[:_SNIFF_BYTES]
    if head[:2] == _GZIP_MAGIC:
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 64)
        except zlib.error:
            return False
    return head.lstrip()[:5] == b"WARC/"


def media_type(content_type: str | None) -> str:
    """The bare, lower-cased media type of a Content-Type header value.

    >>> media_type("text/HTML; charset=ISO-8859-1")
    'text/html'
    """
    return (content_type or "").split(";", 1)[0].strip().lower()


def _charset(name: str | None) -> str | None:
    """A charset Python knows, or None."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


# --- reading records ----------------------------------------------------------------------------


def iter_pages(path: str | Path) -> Iterator[WarcPage]:
    """The HTML pages of a WARC file, in file order, one record in memory at a time.

    Raises OSError (or ValueError from a reader) when the file cannot be read or is not WARC.
    """
    try:
        import fastwarc  # noqa: F401 - only to choose the reader
    except ImportError:
        with open(path, "rb") as stream:
            yield from _pages_warcio(stream)
        return
    yield from _pages_fastwarc(str(path))


def iter_pages_from_stream(stream: IO[bytes]) -> Iterator[WarcPage]:
    """The HTML pages of a WARC file already open as a binary stream (stdin, a buffer)."""
    try:
        import fastwarc  # noqa: F401
    except ImportError:
        yield from _pages_warcio(stream)
        return
    yield from _pages_fastwarc(stream)


def _pages_fastwarc(source: str | IO[bytes]) -> Iterator[WarcPage]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    records = ArchiveIterator(
        source,
        record_types=WarcRecordType.response | WarcRecordType.resource,
        parse_http=True,
        auto_decode="all",  # undo chunked transfer and gzip/br content encodings, as a browser would
        fsspec_args=False,  # a local file or stream only: never open URLs
    )
    for record in records:
        if record.record_type == WarcRecordType.response:
            if not record.is_http:
                continue
            status = record.http_headers.status_code
            content_type = record.http_content_type
            charset = record.http_charset
        else:
            status, content_type, charset = 200, media_type(record.headers.get("Content-Type")), None
        if not _is_page(status, content_type):
            continue
        yield WarcPage(
            url=record.headers.get("WARC-Target-URI"),
            body=record.reader.read(),
            offset=record.stream_pos,
            charset=_charset(charset),
            record_id=record.record_id,
            crawled=record.headers.get("WARC-Date"),
        )


def _pages_warcio(stream: IO[bytes]) -> Iterator[WarcPage]:
    """The same pages through warcio (pure Python, slower): the fallback reader."""
    from warcio.archiveiterator import ArchiveIterator

    records = ArchiveIterator(stream)
    for record in records:
        if record.rec_type == "response" and record.http_headers is not None:
            content_type = record.http_headers.get_header("Content-Type")
            status = _status(record.http_headers.get_statuscode())
        elif record.rec_type == "resource":
            content_type, status = record.rec_headers.get_header("Content-Type"), 200
        else:
            continue
        if not _is_page(status, media_type(content_type)):
            continue
        yield WarcPage(
            url=record.rec_headers.get_header("WARC-Target-URI"),
            body=record.content_stream().read(),
            offset=records.get_record_offset(),
            charset=_charset(_charset_param(content_type)),
            record_id=record.rec_headers.get_header("WARC-Record-ID"),
            crawled=record.rec_headers.get_header("WARC-Date"),
        )


def _status(code: str | None) -> int:
    try:
        return int(code or 0)
    except ValueError:
        return 0


def _charset_param(content_type: str | None) -> str | None:
    """The ``charset=`` parameter of a Content-Type value.

    >>> _charset_param('text/html; charset="utf-8"')
    'utf-8'
    """
    for param in (content_type or "").split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def _is_page(status: int, content_type: str | None) -> bool:
    """A successful response with an HTML body: what may hold an article."""
    return 200 <= status < 300 and media_type(content_type) in HTML_TYPES


# --- pages to Articles ----------------------------------------------------------------------------


def decode_page(page: WarcPage) -> str | bytes:
    """The page as text when its HTTP charset decodes it; otherwise its bytes, for the HTML
    decoder (UTF-8, BOM, or the charset the page itself declares)."""
    if page.charset:
        try:
            return page.body.decode(page.charset)
        except UnicodeDecodeError:
            pass  # servers mislabel pages; let the page's own declaration decide
    return page.body


def article_from_page(page: WarcPage, *, origin: str, published: str | None = None) -> Article:
    """The Article of one page; raises IngestError like :func:`article_from_html`."""
    return article_from_html(decode_page(page), url=page.url, origin=origin, published=published)


def read_warc(path: str | Path, published: str | None = None) -> Iterator[Article | InputError]:
    """Articles (and InputErrors for pages without article text) from a WARC file, lazily."""
    yield from _articles(iter_pages(path), str(path), published)


def read_warc_stream(
    stream: IO[bytes], origin: str, published: str | None = None
) -> Iterator[Article | InputError]:
    """Articles from a WARC file open as a binary stream; ``origin`` names it in errors."""
    yield from _articles(iter_pages_from_stream(stream), origin, published)


def _articles(pages: Iterator[WarcPage], name: str, published: str | None) -> Iterator[Article | InputError]:
    """Pages to Articles; a bad page is an InputError, a broken file one final InputError."""
    try:
        for page in pages:
            origin = f"{name}@{page.offset}" if page.offset is not None else name
            try:
                yield article_from_page(page, origin=origin, published=published)
            except IngestError as exc:
                yield InputError(origin, str(exc))
    except Exception as exc:  # noqa: BLE001 - not WARC, unreadable, a reader's own error: the batch goes on
        yield InputError(name, f"cannot read WARC ({exc})")
