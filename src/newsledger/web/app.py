"""The web app: a REST API under ``/api`` and pages for readers, both over one ledger store.

:func:`create_app` builds it; ``newsledger serve`` runs it with uvicorn. Safety rules, because
every article is untrusted input and the server may be reachable by others:

* Jinja autoescape is on and the article view's markup is built by :mod:`newsledger.web.highlight`,
  which escapes every piece of article text; pages carry no script at all, and a strict
  Content-Security-Policy (no scripts, styles from this server only) backs that up.
* Writes (adding an article) need the token when one is set (``Authorization: Bearer TOKEN``, or
  the form's token field). Without a token they are allowed only when the server is bound to a
  loopback address, and only from this server's own pages: a cross-site request (``Origin`` or
  ``Sec-Fetch-Site`` says so) is refused, so another web site cannot post through a visitor's browser.
* On a loopback address the ``Host`` header must name a loopback host, against DNS rebinding.
* Request bodies are capped (``max_body_bytes``); there is no CORS unless ``cors_origins`` is given.

Example::

    >>> from fastapi.testclient import TestClient
    >>> client = TestClient(create_app(":memory:"), base_url="http://127.0.0.1")
    >>> client.get("/api/articles").json()
    {'items': [], 'next': None}
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable, MutableMapping
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsledger.model import Article, Ledger
from newsledger.store import Store
from newsledger.web import api, pages
from newsledger.web.auth import Analyzer, WebConfig, is_loopback

DEFAULT_HOST = "127.0.0.1"
DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024  # a long article as HTML is well under 1 MB

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


def host_name(header: str) -> str:
    """The host part of a ``Host`` header (``[::1]:8000`` -> ``::1``, ``localhost:8000`` -> ``localhost``)."""
    header = header.strip()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class GuardMiddleware:
    """Pure ASGI middleware: body size cap, Host check on loopback, security headers on every response."""

    def __init__(self, app: Callable, config: WebConfig):
        self.app = app
        self.config = config

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if self.config.local_only and not is_loopback(host_name(headers.get("host", ""))):
            await _plain(send, 400, "this server only answers requests addressed to localhost")
            return
        limit = self.config.max_body_bytes
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await _plain(send, 413, f"request body over {limit} bytes")
            return
        received = 0
        refused = False  # set once the 413 has gone out: the app's own answer is then dropped

        async def capped_receive() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    refused = True
                    await _plain(send, 413, f"request body over {limit} bytes")
                    return {"type": "http.disconnect"}  # the app stops reading, as if the client left
            return message

        async def send_with_headers(message: Message) -> None:
            if refused:
                return
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items() if k.encode() not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        try:
            await self.app(scope, capped_receive, send_with_headers)
        except Exception:
            if not refused:  # after a 413 the app may fail on the cut body; the client has its answer
                raise


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class AnalyzerRunner:
    """Runs the analysis for posted articles: the spaCy pipeline loaded once, one article at a time."""

    def __init__(self, analyzer: Analyzer | None):
        self._analyzer = analyzer
        self._lock = threading.Lock()

    def __call__(self, article: Article) -> Ledger:
        with self._lock:  # one spaCy Language is not meant to be shared by threads
            if self._analyzer is None:
                from newsledger import analyze_many  # the public API: the web knows no NLP internals

                self._analyzer = lambda a: next(analyze_many([a]))
            return self._analyzer(article)


# --- the app -------------------------------------------------------------------------------------


def create_app(
    db_url: str,
    token: str | None = None,
    *,
    host: str = DEFAULT_HOST,
    analyzer: Analyzer | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    cors_origins: list[str] | None = None,
    store: Store | None = None,
) -> FastAPI:
    """The FastAPI app over the ledger at ``db_url`` (a SQLite path, ``:memory:`` or a SQLAlchemy URL).

    ``host`` is the address the server is bound to (it decides whether writes need ``token``);
    ``analyzer`` turns a posted Article into a Ledger (default: the spaCy pipeline, loaded on the
    first post); ``store`` reuses an open Store instead of opening ``db_url``.
    """
    app = FastAPI(
        title="newsledger",
        summary="Who said what, when, how many, where and what happened, read from news articles.",
        version=_version(),
        docs_url=None,  # FastAPI's own docs load scripts from a CDN; /docs is served offline by pages.py
        redoc_url=None,
    )
    app.state.store = store or Store.open(db_url)
    app.state.config = WebConfig(token, host, analyzer, max_body_bytes)
    app.state.analyze = AnalyzerRunner(analyzer)
    app.add_middleware(GuardMiddleware, config=app.state.config)
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=cors_origins, allow_methods=["GET"], allow_headers=["*"])
    static = resources.files("newsledger.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    return app


def _version() -> str:
    from newsledger import __version__

    return __version__


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse | HTMLResponse:
    """422 with FastAPI's list of problems for the API; a readable 400 page for the UI."""
    problems = [
        {"loc": list(error.get("loc", ())), "msg": error.get("msg", ""), "type": error.get("type", "")}
        for error in exc.errors()
    ]
    if _wants_json(request):
        return JSONResponse({"detail": problems}, status_code=422)
    messages = [f"{'.'.join(str(p) for p in item['loc'][1:]) or 'request'}: {item['msg']}" for item in problems]
    return pages.error_page(request, 400, "Bad request", messages)


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse | HTMLResponse:
    if _wants_json(request):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    return pages.error_page(request, exc.status_code, detail, [], headers=exc.headers)
