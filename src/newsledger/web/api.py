"""The REST API under ``/api``: lists with filters and pages, one article's ledger, search, and adding articles.

Every list answers ``{"items": [...], "next": CURSOR}``: pass ``cursor=CURSOR`` for the next page;
``next`` is null on the last one. A record list's item is ``{"article": {id, title, published,
source}, "record": RECORD}`` where RECORD is exactly the record's JSON as ``docs/schema.json``
defines it; ``GET /api/articles/{id}`` answers the whole Ledger in that schema.

Bad parameters get a 4xx that says what is wrong: 422 for a value of the wrong form (FastAPI's
list of problems), 400 for values that do not go together, 404 for an unknown article, 409 for
an id prefix that fits several.

Example::

    GET /api/events?type=ASSAULT&country=AZ&date_from=1992-01-01&date_to=1992-12-31&order=date
    GET /api/places?lat=39.9&lon=46.8&km=50
    GET /api/attributions?speaker=Khazar%20Farhadov
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from dataclasses import asdict
from pathlib import PurePath
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from newsledger.ingest import IngestError, InputError, read_bytes
from newsledger.ingest.html import article_from_html
from newsledger.ingest.text import article_from_text, guess_title
from newsledger.limits import LimitExceeded
from newsledger.model import Article, to_json_dict
from newsledger.store import AmbiguousIdError, Store
from newsledger.store.store import MAX_SEARCH_LIMIT, RecordFilter, RecordHit, RecordPage
from newsledger.web.auth import bearer_token, check_write

router = APIRouter(prefix="/api", tags=["api"])

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
# Private-use characters mark search matches: they cannot clash with brackets in article text.
MATCH_OPEN, MATCH_CLOSE = "\ue000", "\ue001"

# --- parameters ----------------------------------------------------------------------------------

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Cursor = Annotated[str | None, Query(max_length=64, description="The `next` value of the previous page.")]
ArticleParam = Annotated[
    str | None, Query(alias="article", min_length=1, max_length=128, description="Only this article's records.")
]
Name = Annotated[str | None, Query(min_length=1, max_length=300)]
Country = Annotated[
    str | None, Query(pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 code (speaker's, actor's, ...).")
]
Day = Annotated[dt.date | None, Query(description="ISO date, YYYY-MM-DD.")]
Lat = Annotated[float | None, Query(ge=-90, le=90, description="With lon and km: within km of this point.")]
Lon = Annotated[float | None, Query(ge=-180, le=180)]
Km = Annotated[float | None, Query(gt=0, le=20040, description="Radius in kilometres.")]


def encode_cursor(offset: int | None) -> str | None:
    """The opaque ``next`` value for a page starting at ``offset``.

    >>> decode_cursor(encode_cursor(50))
    50
    """
    if offset is None:
        return None
    return base64.urlsafe_b64encode(f"o{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    if not re.fullmatch(r"o\d{1,9}", text):
        raise HTTPException(400, "cursor: not a cursor from this API (use the `next` value of a page)")
    return int(text[1:])


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _range(name: str, low: dt.date | None, high: dt.date | None) -> None:
    if low and high and low > high:
        raise HTTPException(400, f"{name}: the start {low} is after the end {high}")


def near_filter(lat: float | None, lon: float | None, km: float | None) -> tuple[float, float, float] | None:
    given = [v is not None for v in (lat, lon, km)]
    if not any(given):
        return None
    if not all(given):
        raise HTTPException(400, "lat, lon and km go together: give all three or none")
    return (lat, lon, km)  # type: ignore[return-value]


def _store(request: Request) -> Store:
    return request.app.state.store


def article_ref(hit: RecordHit) -> dict[str, Any]:
    return asdict(hit.article)


def record_page(page: RecordPage) -> dict[str, Any]:
    items = [{"article": article_ref(hit), "record": to_json_dict(hit.record)} for hit in page.items]
    return {"items": items, "next": encode_cursor(page.next_offset)}


def record_scope(
    article_id: ArticleParam = None, published_from: Day = None, published_to: Day = None
) -> dict[str, Any]:
    """The filters every record list shares, as RecordFilter arguments (a FastAPI dependency: see ``Scope``)."""
    _range("published_from/published_to", published_from, published_to)
    return {"article_id": article_id, "published_from": _day(published_from), "published_to": _day(published_to)}


Scope = Annotated[dict[str, Any], Depends(record_scope)]


def find(request: Request, kind: str, where: RecordFilter, limit: int, cursor: str | None) -> dict[str, Any]:
    try:
        page = _store(request).find_records(kind, where, limit=limit, offset=decode_cursor(cursor))
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from None
    return record_page(page)


# --- articles ------------------------------------------------------------------------------------


@router.get("/articles", summary="The articles, newest first")
def list_articles(
    request: Request,
    published_from: Day = None,
    published_to: Day = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """Each item: id, title, published, source, analyzed_at and the number of records of each kind."""
    _range("published_from/published_to", published_from, published_to)
    rows, next_offset = _store(request).find_articles(
        _day(published_from), _day(published_to), limit=limit, offset=decode_cursor(cursor)
    )
    items = [{**asdict(row), "analyzed_at": row.analyzed_at.isoformat()} for row in rows]
    return {"items": items, "next": encode_cursor(next_offset)}


def get_ledger(store: Store, article_id: str):
    """The Ledger of an id or unique id prefix; 404 / 409 otherwise."""
    try:
        ledger = store.get(article_id)
    except AmbiguousIdError as exc:
        raise HTTPException(409, str(exc)) from None
    if ledger is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return ledger


@router.get("/articles/{article_id}", summary="One article's ledger")
def get_article(request: Request, article_id: Annotated[str, Path(min_length=1, max_length=128)]) -> dict[str, Any]:
    """The whole Ledger as docs/schema.json defines it; the id may be a unique prefix."""
    return to_json_dict(get_ledger(_store(request), article_id))


class ArticleIn(BaseModel):
    """An article to analyze: its text (plain or a whole HTML page) and what is known about it."""

    text: str = Field(min_length=1, max_length=2_000_000)
    format: Literal["text", "html"] = "text"
    title: str | None = Field(None, max_length=1000)
    published: dt.date | None = None
    url: str | None = Field(None, max_length=2000)
    source: str | None = Field(None, max_length=300)


def add_article(request: Request, article: Article) -> dict[str, Any]:
    """Analyze and store one Article; the answer the API gives for it (422 when it exceeds a limit)."""
    try:
        ledger = request.app.state.analyze(article)
    except LimitExceeded as exc:
        raise HTTPException(422, f"article not analyzed: {exc}") from None
    result = _store(request).write(ledger)
    article_id = ledger.article.id
    return {
        "id": article_id,
        "result": result,
        "ledger": f"/api/articles/{article_id}",
        "page": f"/articles/{article_id}",
    }


def article_from_upload(data: bytes, filename: str | None, published: str | None, title: str | None) -> Article:
    """An Article from an uploaded file: HTML by its suffix or leading ``<``, else plain text; 400 if unreadable."""
    name = PurePath(filename or "upload").name
    looks_html = PurePath(name).suffix.lower() in HTML_SUFFIXES or data.lstrip()[:1] == b"<"
    items = list(read_bytes(data, origin=f"upload:{name}", fmt="html" if looks_html else "text", published=published))
    if not items or isinstance(items[0], InputError):
        reason = items[0].reason if items else "nothing readable"
        raise HTTPException(400, f"{name}: {reason}")
    article = items[0]
    if title:
        from dataclasses import replace

        article = replace(article, title=title)
    return article


@router.post("/articles", status_code=201, summary="Add an article (JSON body)")
def post_article(request: Request, body: ArticleIn) -> JSONResponse:
    """Analyze the text on the server and store its ledger. Needs `Authorization: Bearer TOKEN`
    when the server has a token; without one, only on a server bound to localhost."""
    check_write(request, bearer_token(request))
    published = _day(body.published)
    try:
        if body.format == "html":
            article = article_from_html(
                body.text,
                published=published,
                title=body.title or guess_title(body.text),
                url=body.url,
                source=body.source,
                origin="api",
            )
        else:
            article = article_from_text(
                body.text,
                published=published,
                title=body.title or guess_title(body.text),
                url=body.url,
                source=body.source,
                origin="api",
            )
    except IngestError as exc:
        raise HTTPException(400, f"text: {exc}") from None
    return JSONResponse(add_article(request, article), status_code=201)


@router.post("/articles/upload", status_code=201, summary="Add an article (HTML or text file upload)")
def upload_article(
    request: Request,
    file: Annotated[UploadFile, File(description="An HTML page or a plain-text article.")],
    published: Annotated[dt.date | None, Form()] = None,
    title: Annotated[str | None, Form(max_length=1000)] = None,
) -> JSONResponse:
    """Same as POST /api/articles, from a multipart file upload."""
    check_write(request, bearer_token(request))
    article = article_from_upload(file.file.read(), file.filename, _day(published), title)
    return JSONResponse(add_article(request, article), status_code=201)


# --- records -------------------------------------------------------------------------------------


@router.get("/attributions", summary="Who said what")
def list_attributions(
    request: Request,
    scope: Scope,
    speaker: Name = None,
    entity: Name = None,
    country: Country = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """Statements and their speakers; `speaker` (or `entity`) is a speaker's name, `country` the speaker's."""
    where = RecordFilter(**scope, speaker=speaker, entity=entity, country=country)
    return find(request, "attributions", where, limit, cursor)


@router.get("/events", summary="What happened (PLOVER events)")
def list_events(
    request: Request,
    scope: Scope,
    type: Annotated[
        str | None, Query(pattern=r"^[A-Za-z_]{1,40}$", description="PLOVER type: ASSAULT, AGREE ...")
    ] = None,
    entity: Name = None,
    country: Country = None,
    date_from: Day = None,
    date_to: Day = None,
    lat: Lat = None,
    lon: Lon = None,
    km: Km = None,
    order: Literal["article", "date"] = "article",
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """`entity` is the actor's or recipient's name, `country` theirs; `date_from`/`date_to` keep events
    whose date overlaps the range; `lat`/`lon`/`km` keep events at a place within km of the point;
    `order=date` sorts by event date (undated events are then left out)."""
    _range("date_from/date_to", date_from, date_to)
    where = RecordFilter(
        **scope,
        entity=entity,
        country=country,
        event_type=type,
        date_from=_day(date_from),
        date_to=_day(date_to),
        near=near_filter(lat, lon, km),
        order=order,
    )
    return find(request, "events", where, limit, cursor)


@router.get("/figures", summary="Numbers: counts, tolls, amounts")
def list_figures(
    request: Request,
    scope: Scope,
    category: Annotated[str | None, Query(pattern=r"^[A-Za-z_]{1,40}$", description="killed, injured ...")] = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> dict[str, Any]:
    where = RecordFilter(**scope, category=category)
    return find(request, "figures", where, limit, cursor)


@router.get("/places", summary="Places named, resolved to the gazetteer")
def list_places(
    request: Request,
    scope: Scope,
    entity: Name = None,
    country: Country = None,
    lat: Lat = None,
    lon: Lon = None,
    km: Km = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """`entity` is the place's gazetteer name; `lat`/`lon`/`km` keep places within km of the point."""
    where = RecordFilter(
        **scope,
        entity=entity,
        country=country,
        near=near_filter(lat, lon, km),
    )
    return find(request, "places", where, limit, cursor)


@router.get("/entities", summary="People, organisations, countries ...")
def list_entities(
    request: Request,
    scope: Scope,
    name: Name = None,
    country: Country = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> dict[str, Any]:
    where = RecordFilter(**scope, entity=name, country=country)
    return find(request, "entities", where, limit, cursor)


@router.get("/times", summary="Dates and durations (TIMEX3)")
def list_times(
    request: Request,
    scope: Scope,
    date_from: Day = None,
    date_to: Day = None,
    order: Literal["article", "date"] = "article",
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> dict[str, Any]:
    _range("date_from/date_to", date_from, date_to)
    where = RecordFilter(**scope, date_from=_day(date_from), date_to=_day(date_to), order=order)
    return find(request, "times", where, limit, cursor)


@router.get("/speakers", summary="Who is quoted, most statements first")
def list_speakers(request: Request, country: Country = None, limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None):
    """Each item: name, country, statements, articles (one row per speaker name across the ledger)."""
    offset = decode_cursor(cursor)
    rows = _store(request).speakers(country=country, limit=limit + 1, offset=offset)
    return {
        "items": [asdict(r) for r in rows[:limit]],
        "next": encode_cursor(offset + limit if len(rows) > limit else None),
    }


# --- search --------------------------------------------------------------------------------------


def split_marks(snippet: str) -> tuple[str, list[list[int]]]:
    """A snippet without its match markers, and the [start, end) of each match in it.

    >>> split_marks("a \ue000b\ue001 c")
    ('a b c', [[2, 3]])
    """
    plain: list[str] = []
    spans: list[list[int]] = []
    length = 0
    for piece in re.split(f"([{MATCH_OPEN}{MATCH_CLOSE}])", snippet):
        if piece == MATCH_OPEN:
            spans.append([length, length])
        elif piece == MATCH_CLOSE:
            if spans and spans[-1][0] == spans[-1][1]:
                spans[-1][1] = length
        else:
            plain.append(piece)
            length += len(piece)
    return "".join(plain), [s for s in spans if s[1] > s[0]]


def search_hits(
    store: Store, q: str, kind: str | None, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int | None]:
    """One page of search hits as plain dicts (snippet plus match offsets), and the next offset."""
    wanted = min(MAX_SEARCH_LIMIT, offset + limit + 1)
    hits = [
        h
        for h in store.search(q, limit=MAX_SEARCH_LIMIT if kind else wanted, mark=(MATCH_OPEN, MATCH_CLOSE))
        if kind is None or h.kind == kind
    ]
    page = hits[offset : offset + limit]
    items = []
    for hit in page:
        snippet, highlights = split_marks(hit.snippet)
        items.append({**asdict(hit), "snippet": snippet, "highlights": highlights})
    more = len(hits) > offset + limit
    return items, (offset + limit if more else None)


@router.get("/search", summary="Full-text search over article text and statements")
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description='Words; "a phrase"; prefix*.')],
    kind: Literal["article", "attribution"] | None = None,
    limit: Limit = 20,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """Best match first. Each item: article_id, title, published, kind, record_id (the attribution's
    id), snippet and highlights ([start, end) of each matched word in the snippet)."""
    items, next_offset = search_hits(_store(request), q, kind, limit, decode_cursor(cursor))
    return {"items": items, "next": encode_cursor(next_offset)}
