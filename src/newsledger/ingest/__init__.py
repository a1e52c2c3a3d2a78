"""Readers that turn files, directories and stdin into Articles.

:func:`read_inputs` is the one entry point: it yields an :class:`~newsledger.model.Article` per
article read and an :class:`InputError` (origin, reason) per input that could not be read, as
values, so that one bad file never stops a batch.

How an input is read:

* ``-`` is stdin (its format sniffed);
* a file by its suffix: ``.txt .text .md`` plain text, ``.html .htm .xhtml`` HTML (trafilatura),
  ``.jsonl .ndjson`` one article per line, ``.warc .warc.gz`` the HTML pages of a web crawl, read
  as a stream (see :mod:`newsledger.ingest.warc`); any other suffix is sniffed: WARC bytes are
  WARC, a leading ``<`` is HTML, a first line starting with ``{`` is JSONL, anything else plain text;
* a directory recursively, in sorted order, skipping hidden files and directories; inside a
  directory only files with the suffixes above, or no suffix at all, are read, so that the
  ``.json``, ``.csv`` or images lying beside a corpus are not mistaken for articles (name such a
  file explicitly to have it read).

Bytes must be UTF-8 (with or without BOM) or UTF-16/32 with a BOM (HTML may also declare its
charset); anything else is reported as "not UTF-8 text", never guessed at. A plain-text file's
first line is taken as its title when it looks like a headline (see
:func:`~newsledger.ingest.text.guess_title`); it stays part of the text.

The ``published`` argument overrides any date the input gives; otherwise the input's own date is
used, and with none the Article's ``published`` is None (never today's date).

Example::

    >>> items = list(read_inputs(["no/such/file.txt"]))
    >>> items[0].reason
    'no such file or directory'
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

from newsledger.ingest.html import article_from_html, decode_html
from newsledger.ingest.jsonl import lines_from_stream, read_jsonl, read_jsonl_text
from newsledger.ingest.text import (
    IngestError,
    InputError,
    article_from_text,
    check_unicode,
    decode_bytes,
    guess_title,
    parse_published,
)
from newsledger.ingest.warc import is_warc_bytes, is_warc_path, read_warc, read_warc_stream
from newsledger.model import Article

__all__ = [
    "STDIN",
    "IngestError",
    "InputError",
    "count_inputs",
    "iter_sources",
    "read_bytes",
    "read_inputs",
    "read_path",
    "sniff_format",
]

Format = Literal["text", "html", "jsonl", "warc"]

SUFFIX_FORMATS: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}

STDIN = "-"
STDIN_ORIGIN = "<stdin>"

Item = Article | InputError


def read_inputs(paths: Iterable[str | Path], published: str | dt.date | None = None) -> Iterator[Item]:
    """Articles (and InputErrors) from files, directories and ``-`` (stdin), lazily, in order.

    ``published`` is checked at once: an invalid override raises IngestError before anything is
    read, since it is the caller's mistake rather than an input's.
    """
    override = parse_published(published)
    return _read_all(paths, override)


def _read_all(paths: Iterable[str | Path], published: str | None) -> Iterator[Item]:
    for source in iter_sources(paths):
        if isinstance(source, InputError):
            yield source
        elif source == STDIN:
            yield from _read_stdin(published)
        else:
            yield from read_path(source, published)


def iter_sources(paths: Iterable[str | Path]) -> Iterator[Path | str | InputError]:
    """The files to read: ``"-"`` for stdin, Paths, or an InputError for a path that is not there."""
    if isinstance(paths, str | Path):
        paths = [paths]
    for raw in paths:
        if str(raw) == STDIN:
            yield STDIN
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, seen=set())
        elif path.exists():
            yield path
        else:
            yield InputError(str(path), "no such file or directory")


def _walk(directory: Path, seen: set[str]) -> Iterator[Path | InputError]:
    """The readable files under ``directory``, sorted, without hidden ones; symlink loops cut."""
    real = os.path.realpath(directory)
    if real in seen:
        return
    seen.add(real)
    try:
        children = sorted(directory.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield InputError(str(directory), f"cannot list directory ({exc.strerror or exc})")
        return
    for child in children:
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from _walk(child, seen)
        elif child.is_file() and (child.suffix.lower() in SUFFIX_FORMATS or not child.suffix or is_warc_path(child)):
            yield child


def sniff_format(text: str) -> Format:
    """Guess the format of decoded input with no telling suffix.

    >>> sniff_format("  <!doctype html><p>hi</p>"), sniff_format('{"text": "hi"}'), sniff_format("hi")
    ('html', 'jsonl', 'text')
    """
    stripped = text.lstrip()
    if stripped.startswith("<"):
        return "html"
    if stripped.startswith("{"):
        return "jsonl"
    return "text"


def read_path(path: Path, published: str | None = None) -> Iterator[Item]:
    """Everything one file holds: one Article or InputError, or one per line for JSONL."""
    origin = str(path)
    if is_warc_path(path):
        yield from read_warc(path, published)  # streamed: a crawl file can be far larger than memory
        return
    fmt = SUFFIX_FORMATS.get(path.suffix.lower())
    try:
        if fmt == "jsonl":
            with path.open("rb") as stream:
                yield from read_jsonl(lines_from_stream(stream), origin=origin, published=published)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(origin, f"cannot read ({exc.strerror or exc})")
        return
    yield from read_bytes(data, origin=origin, fmt=fmt, published=published)


def read_bytes(
    data: bytes | str, *, origin: str, fmt: Format | None = None, published: str | None = None
) -> Iterator[Item]:
    """Articles from an in-memory input (a whole file, or stdin); ``fmt=None`` sniffs the format."""
    try:
        if fmt == "html":
            yield _html(check_unicode(data) if isinstance(data, str) else data, origin, published)
            return
        if fmt in (None, "warc") and isinstance(data, bytes) and is_warc_bytes(data):
            yield from read_warc_stream(io.BytesIO(data), origin, published)
            return
        text = check_unicode(data) if isinstance(data, str) else _decode_unknown(data, fmt)
        fmt = fmt or sniff_format(text)
        if fmt == "jsonl":
            yield from read_jsonl_text(text, origin=origin, published=published)
        elif fmt == "html":
            yield _html(text, origin, published)
        else:
            yield article_from_text(text, title=guess_title(text), origin=origin, published=published)
    except IngestError as exc:
        yield InputError(origin, str(exc))


def _decode_unknown(data: bytes, fmt: Format | None) -> str:
    """Decode bytes of text or unknown format; markup that declares a charset may use it."""
    try:
        return decode_bytes(data)
    except IngestError:
        if fmt is None and data.lstrip().startswith(b"<"):
            return decode_html(data)
        raise


def _html(data: bytes | str, origin: str, published: str | None) -> Article:
    return article_from_html(data, origin=origin, published=published)


def _read_stdin(published: str | None) -> Iterator[Item]:
    """Stdin, read whole and sniffed; a text-only stream (no ``.buffer``, as in tests) is taken as is."""
    stream = sys.stdin
    if stream is None:
        yield InputError(STDIN_ORIGIN, "no standard input")
        return
    try:
        buffer = getattr(stream, "buffer", None)
        data: bytes | str = buffer.read() if buffer is not None else stream.read()
    except (OSError, UnicodeDecodeError) as exc:
        yield InputError(STDIN_ORIGIN, f"cannot read ({exc})")
        return
    yield from read_bytes(data, origin=STDIN_ORIGIN, published=published)


def count_inputs(paths: Iterable[str | Path]) -> int | None:
    """How many items :func:`read_inputs` will yield, for a progress bar; None when stdin or a
    WARC file is read (a crawl file is not read twice just to count its pages).

    One per file, one per non-blank line of a JSONL file (counted without parsing), one per
    missing path. An estimate only where a file turns out to be binary.
    """
    total = 0
    for source in iter_sources(paths):
        if source == STDIN or (isinstance(source, Path) and is_warc_path(source)):
            return None
        if isinstance(source, Path) and SUFFIX_FORMATS.get(source.suffix.lower()) == "jsonl":
            total += _count_jsonl(source)
        else:
            total += 1
    return total


def _count_jsonl(path: Path) -> int:
    try:
        with path.open("rb") as stream:
            return sum(1 for _ in lines_from_stream(stream))
    except OSError:
        return 1
