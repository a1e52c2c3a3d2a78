"""Plain text in: the text is normalised (see model.normalise_text) and given its content id."""

from __future__ import annotations

import datetime as dt

from newsledger.model import Article, article_id, normalise_text


class IngestError(ValueError):
    """An input that cannot become an Article; the message names the reason."""


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
    """Make an Article from raw text; raises IngestError when nothing readable is left."""
    normalised = normalise_text(text)
    if not normalised:
        raise IngestError("empty text")
    return Article(
        id=article_id(normalised),
        text=normalised,
        title=title,
        url=url,
        source=source,
        author=author,
        published=parse_published(published),
        origin=origin,
    )
