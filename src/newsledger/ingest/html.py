"""HTML in: the article body and its metadata, extracted by trafilatura.

Layout of the resulting ``Article.text``: the headline on the first line, then the paragraphs that
trafilatura kept, separated by blank lines, which is the layout of the plain-text articles too.
The headline is put first (when trafilatura's text does not already start with it) because it is
part of what the outlet says: attributions and events in headlines are real records.

What the page says about itself fills the metadata: title, author, site name (→ ``source``), the
canonical URL and the original publication date. Arguments given by the caller (the JSONL fields,
the ``--published`` option) override the page. Date guessing from free text (htmldate's
"extensive search", which turns a "© 2019" footer into 2019-01-01) is switched off: a wrong
publication date mis-anchors every relative date in the article, while a missing one only leaves
them unanchored.

Example::

    >>> page = "<html><head><title>Talks fail</title></head><body><article><p>" + "x " * 40 + "</p>"
    >>> article_from_html(page + "</article></body></html>").text.splitlines()[0]
    'Talks fail'
"""

from __future__ import annotations

import codecs
import datetime as dt
import re

from newsledger.ingest.text import IngestError, article_from_text, decode_bytes, parse_published
from newsledger.limits import html_size_problem
from newsledger.model import Article

# Publication date as the page's metadata states it; never a date guessed from its body text.
_DATE_PARAMS = {"original_date": True, "extensive_search": False}

# <meta charset="..."> and <meta http-equiv="Content-Type" content="text/html; charset=...">,
# or an XML declaration's encoding, within the first bytes (where the HTML standard puts them).
_DECLARED_CHARSET = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CHARSET_SCAN_BYTES = 2048


def declared_charset(data: bytes) -> str | None:
    """The character encoding an HTML document declares in its head, if Python knows it.

    >>> declared_charset(b'<html><head><meta charset="iso-8859-1">')
    'iso8859-1'
    """
    match = _DECLARED_CHARSET.search(data[:_CHARSET_SCAN_BYTES])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def decode_html(data: bytes) -> str:
    """Decode an HTML file: UTF-8 / BOM first, else the charset the page declares (strictly).

    Unlike plain text, HTML can say what it is encoded in, and older news sites often use
    windows-1252 or ISO-8859-x; a page that declares nothing and is not UTF-8 is still refused.

    >>> decode_html(b'<meta charset="windows-1252"><p>caf\\xe9</p>')
    '<meta charset="windows-1252"><p>café</p>'
    """
    try:
        return decode_bytes(data)
    except IngestError:
        charset = declared_charset(data)
        if charset is None or b"\x00" in data:
            raise
        try:
            return data.decode(charset)
        except UnicodeDecodeError:
            raise IngestError(f"not UTF-8 text, nor valid {charset} as the page declares") from None


def _collapse(text: str) -> str:
    return " ".join(text.split()).casefold()


def starts_with_headline(text: str, title: str) -> bool:
    """Whether ``text`` already opens with the headline ``title``.

    The first line counts as the headline when it equals the title, or when the title is the first
    line plus a suffix such as " - Example Times" (the <title> of many sites), or the reverse.

    >>> starts_with_headline("Talks fail\\nThe talks failed.", "Talks fail - Example Times")
    True
    >>> starts_with_headline("The talks failed.", "Talks fail")
    False
    """
    first_line = _collapse(text.lstrip().split("\n", 1)[0])
    headline = _collapse(title)
    if not first_line or not headline:
        return False
    return first_line == headline or headline.startswith(first_line) or first_line.startswith(headline)


def _extract(html: str, url: str | None):
    """trafilatura's Document for ``html``, or IngestError; any parser failure is an input error."""
    import trafilatura  # imported here: it is slow to import and only HTML input needs it

    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,  # readers' comments are not the article
            # Measured on the article-extraction benchmark (`newsledger eval extraction`): body F1 95.98
            # with trafilatura's defaults, 96.41 favouring precision (less boilerplate, a little less
            # recall); `fast` (no fallback extractors) and dropping tables both score lower with it.
            favor_precision=True,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except Exception as exc:  # a third-party parser on arbitrary input; the batch goes on
        raise IngestError(f"HTML could not be parsed ({type(exc).__name__}: {exc})") from None
    if document is None or not (document.text or "").strip():
        raise IngestError("no article text found in the HTML")
    return document


def _body(document) -> str:
    """The extracted text as paragraphs separated by blank lines (the layout of plain-text articles)."""
    paragraphs = [line.strip() for line in document.text.split("\n") if line.strip()]
    return "\n\n".join(paragraphs)


def html_body(html: str | bytes, url: str | None = None) -> str:
    """The article body that ingest extracts from a page, without the headline it may put first.

    This is what the extraction benchmark scores (:mod:`newsledger.eval.extraction`); raises
    IngestError like :func:`article_from_html`.

    >>> html_body("<html><body><article><p>" + "Rain fell. " * 30 + "</p></article></body></html>")[:21]
    'Rain fell. Rain fell.'
    """
    _check_size(html)
    if isinstance(html, bytes):
        html = decode_html(html)
    if not html.strip():
        raise IngestError("empty text")
    return _body(_extract(html, url))


def _check_size(html: str | bytes) -> None:
    """IngestError for a page over the size limit, before any time is spent decoding or parsing it."""
    too_large = html_size_problem(html)
    if too_large:
        raise IngestError(too_large)


def _page_date(value: str | None) -> str | None:
    """The page's own date as ISO, or None when it is missing or unreadable."""
    try:
        return parse_published(value)
    except IngestError:
        return None


def article_from_html(
    html: str | bytes,
    *,
    published: str | dt.date | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    author: str | None = None,
    origin: str | None = None,
) -> Article:
    """Make an Article from an HTML page; keyword arguments override what the page says.

    Raises IngestError when the bytes are not text, the page cannot be parsed, or no article
    text is found in it, and when the page is over the HTML size limit in force
    (:func:`newsledger.limits.current_limits`).
    """
    _check_size(html)
    if isinstance(html, bytes):
        html = decode_html(html)
    if not html.strip():
        raise IngestError("empty text")
    document = _extract(html, url)
    title = title or (document.title or "").strip() or None
    body = _body(document)
    if title and not starts_with_headline(body, title):
        body = f"{title}\n\n{body}"
    return article_from_text(
        body,
        published=published if published else _page_date(document.date),
        title=title,
        url=url or document.url or None,
        source=source or document.sitename or document.hostname or None,
        author=author or document.author or None,
        origin=origin,
    )
