"""The reader's pages: articles, one article with its ledger, timeline, map, speakers, search, API docs.

Pages are rendered on the server with Jinja (autoescape on) and carry no script: filters are
plain GET forms, tooltips are CSS, the map is inline SVG. Query parameters are checked like the
API's; a bad one gets a 400 page that says which.

Routes: ``/``, ``POST /articles``, ``/articles/{id}``, ``/timeline``, ``/map``, ``/speakers``,
``/speakers/{name}``, ``/search?q=``, ``/docs``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

import jinja2
from fastapi import APIRouter, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from markupsafe import Markup

from newsledger.ingest.text import IngestError, article_from_text, guess_title
from newsledger.knowledge.countries import country_name
from newsledger.model import OUTLET, Attribution, Event, Figure, Ledger, figure_value, voice_name
from newsledger.store import AmbiguousIdError, Store
from newsledger.store.store import RecordFilter, RecordHit
from newsledger.web.api import (
    ArticleParam,
    Country,
    Cursor,
    add_article,
    article_from_upload,
    decode_cursor,
    encode_cursor,
    search_hits,
)
from newsledger.web.auth import check_write
from newsledger.web.highlight import ledger_marks, mark_text, speaker_classes
from newsledger.web.mapview import world_svg

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 50
TIMELINE_PAGE = 200
SPEAKER_STATEMENTS = 200
# Filter forms send empty fields for filters left blank: an empty value is no filter.
EventType = Annotated[str | None, Query(pattern=r"^[A-Za-z_]{0,40}$")]
FormDay = Annotated[str | None, Query(pattern=r"^(\d{4}-\d{2}-\d{2})?$", description="YYYY-MM-DD")]


def form_day(name: str, value: str | None) -> dt.date | None:
    """A date from a filter form; None when left blank; 400 when it is no real day (2021-02-30)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"{name}: {value!r} is not a real date") from None


# --- templates -----------------------------------------------------------------------------------


def path_quote(value: str) -> str:
    """A value made safe as one URL path segment (a speaker name with a slash stays one segment).

    >>> path_quote("AC/DC & co")
    'AC%2FDC%20%26%20co'
    """
    return quote(value, safe="")


def headline(article: Any, limit: int = 120) -> str:
    """What to call an article: its title, else its first line of text, else its id.

    >>> from newsledger.model import Article
    >>> headline(Article(id="ab12", text="Rain in Geneva\\n\\nIt rained."))
    'Rain in Geneva'
    """
    if getattr(article, "title", None):
        return article.title
    first_line = next((line.strip() for line in getattr(article, "text", "").split("\n") if line.strip()), "")
    if not first_line:
        return article.id
    return first_line if len(first_line) <= limit else first_line[: limit - 1] + "…"


@lru_cache(maxsize=1)
def templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("newsledger.web", "templates"),
        autoescape=True,  # every template, whatever its name: article text is untrusted
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pathq"] = path_quote
    env.filters["country"] = lambda code: country_name(code) if code else "unknown"
    env.filters["figure"] = figure_value
    env.filters["kind_label"] = lambda kind: kind.replace("_", " ")
    env.filters["headline"] = headline
    return env


def render(
    request: Request, template: str, status_code: int = 200, headers: dict[str, str] | None = None, **context: Any
) -> HTMLResponse:
    context.setdefault("q", "")
    html = templates().get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=status_code, headers=headers)


def error_page(
    request: Request, status: int, title: str, messages: list[str], headers: dict[str, str] | None = None
) -> HTMLResponse:
    return render(
        request, "error.html", status_code=status, headers=headers, status=status, title=title, messages=messages
    )


def _store(request: Request) -> Store:
    return request.app.state.store


def _query(**params: Any) -> str:
    """A query string of the non-empty params (for 'next page' links that keep the filters)."""
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


# --- the ledger as a reader sees it -------------------------------------------------------------


@dataclass(frozen=True)
class EventView:
    """An event with everything a reader needs next to it: on whose word, the sizes, the article."""

    event: Event
    label: str
    sizes: list[tuple[str, str]]  # (measure, value)
    voice: str
    article: Any = None  # the ArticleRef on cross-article pages

    @property
    def date(self) -> str:
        return self.event.date.value if self.event.date else ""


def event_label(event: Event) -> str:
    return event.event + (f" / {event.mode}" if event.mode else "")


def event_view(event: Event, figures: dict[str, Figure], attribution: Attribution | None, article=None) -> EventView:
    sizes = [(m, figure_value(figures[f])) for m, f in event.size.items() if f in figures]
    return EventView(event, event_label(event), sizes, voice_name(event.voice, attribution), article)


def ledger_context(ledger: Ledger) -> dict[str, Any]:
    """What the article page shows beside the text."""
    figures = {f.id: f for f in ledger.figures}

    def view(event: Event) -> EventView:
        return event_view(event, figures, ledger.attribution(event.voice))

    return {
        "ledger": ledger,
        "article": ledger.article,
        "marked": mark_text(ledger.article.text, ledger_marks(ledger)),
        "colours": speaker_classes(ledger),
        "speakers": _speaker_tally(ledger),
        "timeline": [view(e) for e in ledger.timeline()],
        "events": [view(e) for e in ledger.events],
        "figure_voice": {f.id: ledger.voice_name(f.voice) for f in ledger.figures},
        "safe_url": _safe_url(ledger.article.url),
    }


def _speaker_tally(ledger: Ledger) -> list[tuple[str, int]]:
    tally: dict[str, int] = defaultdict(int)
    for attribution in ledger.attributions:
        if attribution.speaker:
            tally[attribution.speaker.name] += 1
    return sorted(tally.items(), key=lambda item: -item[1])


def _safe_url(url: str | None) -> str | None:
    """Only http(s) links from article metadata become links (no ``javascript:``)."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


# --- home and adding articles -------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(request: Request, cursor: Cursor = None) -> HTMLResponse:
    return _home(request, cursor)


def _home(request: Request, cursor: str | None = None, status: int = 200, error: str | None = None) -> HTMLResponse:
    rows, next_offset = _store(request).find_articles(limit=PAGE_SIZE, offset=decode_cursor(cursor))
    config = request.app.state.config
    return render(
        request,
        "home.html",
        status_code=status,
        rows=rows,
        next=encode_cursor(next_offset),
        writes_enabled=config.writes_enabled(),
        needs_token=config.token is not None,
        error=error,
    )


@router.post("/articles")
def post_article_form(
    request: Request,
    text: Annotated[str, Form(max_length=2_000_000)] = "",
    file: Annotated[UploadFile | None, File()] = None,
    title: Annotated[str, Form(max_length=1000)] = "",
    published: Annotated[str, Form(max_length=40)] = "",
    token: Annotated[str, Form(max_length=500)] = "",
):
    """The home page's form: pasted text or an uploaded HTML/text file; on success, the article page."""
    check_write(request, token or None)
    try:
        day = dt.date.fromisoformat(published).isoformat() if published.strip() else None
    except ValueError:
        return _home(request, status=400, error=f"publication date {published!r} is not YYYY-MM-DD")
    data = file.file.read() if file is not None and file.filename else b""
    if bool(text.strip()) == bool(data):
        return _home(request, status=400, error="paste the article's text or choose a file (one of the two)")
    if data:
        article = article_from_upload(data, file.filename, day, title.strip() or None)
    else:
        try:
            article = article_from_text(
                text, published=day, title=title.strip() or guess_title(text), origin="web form"
            )
        except IngestError as exc:
            return _home(request, status=400, error=str(exc))
    added = add_article(request, article)
    return RedirectResponse(f"/articles/{added['id']}", status_code=303)


# --- one article ---------------------------------------------------------------------------------


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: Annotated[str, Path(min_length=1, max_length=128)]):
    try:
        ledger = _store(request).get(article_id)
    except AmbiguousIdError as exc:
        raise HTTPException(409, str(exc)) from None
    if ledger is None:
        raise HTTPException(404, f"No article {article_id!r} in the ledger")
    if ledger.article.id != article_id:
        return RedirectResponse(f"/articles/{ledger.article.id}", status_code=307)
    return render(request, "article.html", **ledger_context(ledger))


# --- across the ledger ---------------------------------------------------------------------------


def _lookups(store: Store, hits: list[RecordHit]) -> tuple[dict, dict]:
    """The figures (event sizes) and attributions (voices) the events of ``hits`` point to."""
    figure_keys = [(h.article.id, f) for h in hits for f in h.record.size.values()]
    voice_keys = [(h.article.id, h.record.voice) for h in hits if h.record.voice != OUTLET]
    return store.records_by_id("figures", figure_keys), store.records_by_id("attributions", voice_keys)


def cross_event_views(store: Store, hits: list[RecordHit]) -> list[EventView]:
    figures, voices = _lookups(store, hits)
    views = []
    for hit in hits:
        own = {
            fid: figures[(hit.article.id, fid)] for fid in hit.record.size.values() if (hit.article.id, fid) in figures
        }
        attribution = voices.get((hit.article.id, hit.record.voice))
        views.append(event_view(hit.record, own, attribution, hit.article))
    return views


@router.get("/timeline", response_class=HTMLResponse)
def timeline(
    request: Request,
    type: EventType = None,
    country: Annotated[str | None, Query(pattern=r"^([A-Za-z]{2})?$")] = None,
    entity: Annotated[str | None, Query(max_length=300)] = None,
    date_from: FormDay = None,
    date_to: FormDay = None,
    article: ArticleParam = None,
    cursor: Cursor = None,
) -> HTMLResponse:
    """Dated events across the ledger, earliest first, grouped by year."""
    date_from, date_to = form_day("date_from", date_from), form_day("date_to", date_to)
    if date_from and date_to and date_from > date_to:
        raise HTTPException(400, f"the start date {date_from} is after the end date {date_to}")
    where = RecordFilter(
        article_id=article or None,
        event_type=type or None,
        country=country or None,
        entity=entity or None,
        date_from=date_from.isoformat() if date_from else None,
        date_to=date_to.isoformat() if date_to else None,
        order="date",
    )
    store = _store(request)
    page = store.find_records("events", where, limit=TIMELINE_PAGE, offset=decode_cursor(cursor))
    views = cross_event_views(store, page.items)
    years: dict[str, list[EventView]] = {}
    for view in views:
        years.setdefault(view.date[:4], []).append(view)
    filters = {
        "type": type or "",
        "country": country or "",
        "entity": entity or "",
        "date_from": date_from.isoformat() if date_from else "",
        "date_to": date_to.isoformat() if date_to else "",
        "article": article or "",
    }
    next_link = _query(**filters, cursor=encode_cursor(page.next_offset)) if page.next_offset else None
    return render(request, "timeline.html", years=years, count=len(views), filters=filters, next_link=next_link)


@router.get("/map", response_class=HTMLResponse)
def map_page(
    request: Request,
    country: Annotated[str | None, Query(pattern=r"^([A-Za-z]{2})?$")] = None,
    type: EventType = None,
    article: ArticleParam = None,
    world: bool = False,
) -> HTMLResponse:
    """Places named in the ledger (blue, sized by mentions) and places where events happen (red rings)."""
    where = RecordFilter(article_id=article or None, country=country or None)
    store = _store(request)
    places = [] if type else store.place_points(where)
    events = store.place_points(replace(where, event_type=type or None), of_events=True)
    filters = {"country": country or "", "type": type or "", "article": article or ""}
    return render(
        request,
        "map.html",
        svg=world_svg(places, events, whole_world=world),
        places=places,
        events=events,
        filters=filters,
        world=world,
        world_link=_query(**filters, world="true" if not world else None),
    )


@router.get("/speakers", response_class=HTMLResponse)
def speakers(request: Request, country: Country = None, cursor: Cursor = None) -> HTMLResponse:
    offset = decode_cursor(cursor)
    rows = _store(request).speakers(country=country, limit=PAGE_SIZE + 1, offset=offset)
    more = len(rows) > PAGE_SIZE
    next_link = _query(country=country, cursor=encode_cursor(offset + PAGE_SIZE)) if more else None
    return render(request, "speakers.html", rows=rows[:PAGE_SIZE], next_link=next_link, country=country or "")


@router.get("/speakers/{name:path}", response_class=HTMLResponse)
def speaker_page(request: Request, name: Annotated[str, Path(min_length=1, max_length=300)]) -> HTMLResponse:
    """Everything one person or body said, across articles, and what the ledger says they did."""
    store = _store(request)
    statements = store.find_records("attributions", RecordFilter(speaker=name), limit=SPEAKER_STATEMENTS)
    entities = store.find_records("entities", RecordFilter(entity=name), limit=100).items
    acts = store.find_records("events", RecordFilter(entity=name), limit=100).items
    if not statements.items and not entities and not acts:
        raise HTTPException(404, f"Nobody called {name!r} in the ledger")
    by_article: dict[str, list[RecordHit]] = {}
    for hit in statements.items:
        by_article.setdefault(hit.article.id, []).append(hit)
    known = {
        "types": sorted({h.record.type for h in entities}),
        "countries": sorted({c for h in entities for c in [h.record.country] if c}),
        "titles": sorted({t for h in entities for t in [h.record.title] if t}),
        "sectors": sorted({s for h in entities for s in [h.record.sector] if s}),
    }
    return render(
        request,
        "speaker.html",
        name=name,
        by_article=by_article,
        statement_count=len(statements.items),
        truncated=statements.next_offset is not None,
        known=known,
        acts=cross_event_views(store, acts),
        stances=_tally(h.record.stance for h in statements.items),
    )


def _tally(values) -> list[tuple[str, int]]:
    counts: dict[str, int] = defaultdict(int)
    for value in values:
        counts[value] += 1
    return sorted(counts.items(), key=lambda item: -item[1])


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    kind: Literal["article", "attribution"] | None = None,
    cursor: Cursor = None,
) -> HTMLResponse:
    hits: list[dict[str, Any]] = []
    next_link = None
    if q.strip():
        hits, next_offset = search_hits(_store(request), q, kind, PAGE_SIZE, decode_cursor(cursor))
        for hit in hits:
            hit["marked"] = _marked_snippet(hit["snippet"], hit["highlights"])
        if next_offset is not None:
            next_link = _query(q=q, kind=kind, cursor=encode_cursor(next_offset))
    return render(request, "search.html", q=q, kind=kind or "", hits=hits, next_link=next_link)


def _marked_snippet(snippet: str, highlights: list[list[int]]) -> Markup:
    from newsledger.web.highlight import Mark

    return mark_text(snippet, [Mark(start, end, "mark", "hit") for start, end in highlights])


# --- API reference -------------------------------------------------------------------------------


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The API described from its own OpenAPI schema (served here, offline; the schema is /openapi.json)."""
    schema = request.app.openapi()
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            parameters = [
                {
                    "name": p.get("name"),
                    "in": p.get("in"),
                    "required": p.get("required", False),
                    "type": _schema_type(p.get("schema", {})),
                    "description": p.get("description") or p.get("schema", {}).get("description", ""),
                }
                for p in operation.get("parameters", [])
            ]
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": parameters,
                    "body": "requestBody" in operation,
                }
            )
    return render(request, "docs.html", operations=operations, title=schema.get("info", {}).get("title", ""))


def _schema_type(schema: dict[str, Any]) -> str:
    """A short type name for a parameter's JSON schema (``string``, ``integer 1..500``, ``date or null``)."""
    if "anyOf" in schema:
        return " or ".join(_schema_type(s) for s in schema["anyOf"])
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    name = schema.get("format") or schema.get("type", "")
    low, high = schema.get("minimum", schema.get("exclusiveMinimum")), schema.get("maximum")
    if low is not None or high is not None:
        name += f" {'' if low is None else low}..{'' if high is None else high}"
    if "pattern" in schema:
        name += f" /{schema['pattern']}/"
    return name


@router.get("/figures", response_class=HTMLResponse)
def contested_figures_page(request: Request) -> HTMLResponse:
    """Per happening and measure, every source's figure and whether they disagree (the whole ledger)."""
    from newsledger.corpus import contested_figures

    store = _store(request)
    ledgers = list(store.ledgers())
    titles = {ledger.article.id: headline(ledger.article) for ledger in ledgers}
    items = [
        {
            "event_type": item.event_type,
            "place": item.place,
            "date": item.date,
            "measure": item.measure,
            "disagree": item.disagree,
            "claims": [{**dataclasses.asdict(claim), "shown": figure_value(claim)} for claim in item.values],
        }
        for item in contested_figures(ledgers)
    ]
    items.sort(key=lambda i: (not i["disagree"], i["date"] or ""))  # disagreements first
    return render(request, "figures.html", items=items, titles=titles)
