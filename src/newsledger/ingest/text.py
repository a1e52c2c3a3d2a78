"""Plain text in: the text is normalised (see model.normalise_text) and given its content id."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from newsledger.limits import text_size_problem
from newsledger.model import Article, article_id, normalise_text


class IngestError(ValueError):
    """An input that cannot become an Article; the message names the reason."""


@dataclass(frozen=True)
class InputError:
    """One input that could not be read, yielded in place of an Article so that a batch never stops.

    >>> str(InputError("feed.jsonl:12", "invalid JSON"))
    'feed.jsonl:12: invalid JSON'
    """

    origin: str  # a path, "<stdin>", or "file.jsonl:12"
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


def parse_published(value: str | dt.date | None) -> str | None:
    """A publication date as ISO ``YYYY-MM-DD``; accepts ISO dates and datetimes (``2021-11-10T08:00Z``)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise IngestError(f"publication date {text!r} is not an ISO date (YYYY-MM-DD)") from None


def article_from_text(
    text: str,
    *,
    published: str | dt.date | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    author: str | None = None,
    origin: str | None = None,
) -> Article:
    """Make an Article from raw text; raises IngestError when nothing readable is left, or when the
    text is over the size limit in force (:func:`newsledger.limits.current_limits`)."""
    normalised = normalise_text(text)
    if not normalised:
        raise IngestError("empty text")
    too_long = text_size_problem(normalised)
    if too_long:
        raise IngestError(too_long)
    return Article(
        id=article_id(normalised),
        text=normalised,
        title=_metadata(title),
        url=_metadata(url),
        source=_metadata(source),
        author=_metadata(author),
        published=parse_published(published),
        origin=_metadata(origin),
    )


def _metadata(value: str | None) -> str | None:
    """Metadata without NUL characters, as the text (PostgreSQL cannot store them); blank becomes None."""
    if value is None:
        return None
    value = value.replace("\x00", "").strip()
    return value or None


# --- bytes in --------------------------------------------------------------------------------

# Byte-order marks we honour, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)

NOT_TEXT = "not UTF-8 text"


def bom_encoding(data: bytes) -> tuple[str | None, int]:
    """The encoding a byte-order mark announces and the mark's length, or ``(None, 0)``.

    >>> bom_encoding(b"\\xff\\xfeh\\x00i\\x00")
    ('utf-16-le', 2)
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None, 0


def decode_bytes(data: bytes) -> str:
    """Bytes to str: UTF-8 (with or without BOM), or UTF-16/32 when a BOM says so.

    Anything else (NUL bytes in BOM-less data, invalid UTF-8) raises IngestError with a reason that
    starts with "not UTF-8 text", so a binary file or a Latin-1 file is reported, never guessed at.

    >>> decode_bytes("café".encode("utf-8"))
    'café'
    >>> decode_bytes(b"caf\\xe9")
    Traceback (most recent call last):
    ...
    newsledger.ingest.text.IngestError: not UTF-8 text (invalid byte 0xe9 at offset 3)
    """
    encoding, skip = bom_encoding(data)
    if encoding is not None:
        try:
            return data[skip:].decode(encoding)
        except UnicodeDecodeError:
            raise IngestError(f"{NOT_TEXT} (broken {encoding} after its byte-order mark)") from None
    if b"\x00" in data:
        raise IngestError(f"{NOT_TEXT} (binary data: NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        raise IngestError(f"{NOT_TEXT} (invalid byte 0x{bad:02x} at offset {exc.start})") from None


def guess_title(text: str, max_chars: int = 200) -> str | None:
    """The first line of a plain-text article when it looks like a headline, else None.

    News text files conventionally start with the headline on a line of its own; a first line
    that is long (a paragraph) or is the whole text is not taken for one.

    >>> guess_title("Talks fail in Geneva\\n\\nThe talks failed on Tuesday.")
    'Talks fail in Geneva'
    >>> guess_title("Just one line.") is None
    True
    """
    first, sep, rest = text.strip().partition("\n")
    first = first.strip()
    if not first or not sep or not rest.strip() or len(first) > max_chars:
        return None
    return first


def check_unicode(text: str) -> str:
    """``text`` unchanged, or IngestError when it holds unpaired surrogates (from ``"\\ud800"`` in JSON).

    Such strings cannot be encoded to UTF-8, so they could be neither hashed nor stored.

    >>> check_unicode("ok")
    'ok'
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise IngestError(f"invalid Unicode (unpaired surrogate at character {exc.start})") from None
    return text
