"""JSONL in: one article per line, each a JSON object.

Fields: ``text`` or ``html`` (one is required; when both are given ``text`` wins, since it is what
the producer already extracted), and optionally ``url``, ``title``, ``published``, ``source``,
``author``; other fields are ignored so that existing dumps can be read as they are. A ``text``
is taken as given (a headline is not added to it; put it in the text if it belongs there), an
``html`` goes through :func:`newsledger.ingest.html.article_from_html`.

A broken line (invalid JSON or UTF-8, not an object, no text, a bad date) becomes an
:class:`InputError` with origin ``file.jsonl:12`` (1-based line number) and the other lines go on.
Blank lines are skipped.

Example::

    >>> items = list(read_jsonl_text('{"text": "Rain fell."}\\n{"title": 1}', origin="feed.jsonl"))
    >>> items[0].text, str(items[1])
    ('Rain fell.', "feed.jsonl:2: field 'title' must be a string, not int")
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from newsledger.ingest.html import article_from_html
from newsledger.ingest.text import (
    NOT_TEXT,
    IngestError,
    InputError,
    article_from_text,
    bom_encoding,
    check_unicode,
)
from newsledger.model import Article

METADATA_FIELDS = ("url", "title", "published", "source", "author")
TEXT_FIELDS = ("text", "html")

Line = tuple[int, str | IngestError]
"""A 1-based line number and its decoded text, or the reason it could not be decoded."""


def article_from_record(record: Any, *, origin: str | None = None, published: str | dt.date | None = None) -> Article:
    """Make an Article from one decoded JSONL object; ``published`` overrides the record's date.

    >>> article_from_record({"text": "Rain fell.", "published": "2021-11-10T08:00:00Z"}).published
    '2021-11-10'
    """
    if not isinstance(record, dict):
        raise IngestError(f"a line must be a JSON object, not {_json_type(record)}")
    for name in METADATA_FIELDS + TEXT_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise IngestError(f"field {name!r} must be a string, not {_json_type(value)}")
        if value is not None:
            check_unicode(value)
    meta = {name: (record.get(name) or "").strip() or None for name in METADATA_FIELDS}
    meta["published"] = published or meta["published"]
    text, html = record.get("text"), record.get("html")
    if text and text.strip():
        return article_from_text(text, origin=origin, **meta)
    if html and html.strip():
        return article_from_html(html, origin=origin, **meta)
    if text is not None or html is not None:
        raise IngestError("empty text")
    raise IngestError("no 'text' or 'html' field")


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), type(value).__name__)


# --- lines ------------------------------------------------------------------------------------


def lines_from_stream(stream: IO[bytes]) -> Iterator[Line]:
    """Decode a binary JSONL stream line by line, so one bad line does not spoil the others.

    UTF-8 (a BOM is dropped); a file with a UTF-16/32 BOM is decoded whole. A NUL byte means the
    file is binary: one error for that line, and reading stops.
    """
    first = stream.readline()
    encoding, skip = bom_encoding(first)
    if encoding is not None and encoding != "utf-8":
        data = first + stream.read()
        try:
            yield from lines_from_text(data[skip:].decode(encoding))
        except UnicodeDecodeError:
            yield 1, IngestError(f"{NOT_TEXT} (broken {encoding} after its byte-order mark)")
        return
    number, raw = 1, first[skip:]
    while raw:
        if b"\x00" in raw:
            yield number, IngestError(f"{NOT_TEXT} (binary data: NUL bytes); stopped reading the file")
            return
        if raw.strip():
            try:
                yield number, raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield number, IngestError(f"{NOT_TEXT} (invalid byte 0x{raw[exc.start]:02x})")
        number, raw = number + 1, stream.readline()


def lines_from_text(text: str) -> Iterator[Line]:
    """The non-blank lines of already decoded JSONL text, numbered from 1."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield number, line


def read_jsonl(
    lines: Iterable[Line], *, origin: str, published: str | dt.date | None = None
) -> Iterator[Article | InputError]:
    """One Article or InputError per non-blank line; the origin of each is ``origin:line``."""
    for number, line in lines:
        where = f"{origin}:{number}"
        if isinstance(line, IngestError):
            yield InputError(where, str(line))
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        except (ValueError, RecursionError) as exc:  # absurd nesting or numbers
            yield InputError(where, f"invalid JSON ({type(exc).__name__})")
            continue
        try:
            yield article_from_record(record, origin=where, published=published)
        except IngestError as exc:
            yield InputError(where, str(exc))


def read_jsonl_text(
    text: str, *, origin: str, published: str | dt.date | None = None
) -> Iterator[Article | InputError]:
    """:func:`read_jsonl` over a decoded string (stdin, or a file sniffed as JSONL)."""
    return read_jsonl(lines_from_text(text), origin=origin, published=published)
