"""The web app against hostile clients, beyond what tests/test_web_api.py and test_web_pages.py
already check (escaping in the HTML, the body cap, tokens, cross-site writes, CORS off by default):

* Schemathesis over EVERY operation of the OpenAPI schema, writes included (with the token), sent
  over real HTTP to uvicorn on 127.0.0.1: no 5xx;
* article text with ``<script>``, ``onerror=`` and ``javascript:`` shows as text in a real browser
  (headless Chromium; skipped without one) and nothing in it runs;
* SQL and LIKE metacharacters in every filter and in search are data: they match only themselves,
  and the store is unchanged after them;
* the body cap over real HTTP, with the server still serving after; 127.0.0.1 as the default bind;
  uploads need the token on a public address; no CORS preflight unless configured.
"""

from __future__ import annotations

import inspect
import socket
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from newsledger.ingest.text import article_from_text
from newsledger.model import Attribution, EntityRef, Ledger
from newsledger.store import Store
from newsledger.web import create_app
from tests.conftest import fuzz_operation
from tests.test_store_queries import sample_ledgers, span
from tests.test_web_api import StubAnalyzer, make_client

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TOKEN = "s3cret-t0ken"


@contextmanager
def live_server(app) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free port of 127.0.0.1; yields its base URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="critical", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "the web server did not start within 10 s"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=5)
        sock.close()


def ledger_db(tmp_path, *ledgers: Ledger) -> str:
    db = tmp_path / "ledger.db"
    with Store.open(db) as store:
        for ledger in (*sample_ledgers(), *ledgers):
            store.write(ledger)
    return str(db)


# --- Schemathesis over every operation, writes included ------------------------------------------


def test_schemathesis_finds_no_server_error_on_any_operation(tmp_path):
    """Every operation (GET and POST, JSON and multipart), generated from /openapi.json, over HTTP."""
    import schemathesis

    app = create_app(ledger_db(tmp_path), TOKEN, analyzer=StubAnalyzer())
    failures: list = []
    with live_server(app) as base:
        schema = schemathesis.openapi.from_url(f"{base}/openapi.json")
        operations = [result.ok() for result in schema.get_all_operations()]
        assert {op.method.upper() for op in operations} == {"GET", "POST"} and len(operations) >= 12

        for operation in operations:
            fuzz_operation(
                operation, failures, 20, base_url=base, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30
            )
    assert failures == []


# --- XSS in a real browser -----------------------------------------------------------------------

XSS_TEXT = (
    "Officials said on Monday that <script>window.__xss = 'script'</script> was found. "
    '"<img src=x onerror="window.__xss = \'onerror\'"> is not an image," the minister said. '
    '<a href="javascript:window.__xss=\'link\'">click here</a> and javascript:alert(1) stay text.'
)


def hostile_ledger() -> Ledger:
    """An article whose text, title, source and speaker carry live markup, with spans on it."""
    article = article_from_text(
        XSS_TEXT, title="<script>window.__xss='title'</script>", source="<b onmouseover=x>", url="javascript:alert(1)"
    )
    text = article.text
    quote = span(text, '"<img src=x onerror="window.__xss = \'onerror\'"> is not an image,"')
    speaker = EntityRef("<svg onload=window.__xss='name'>", "ent-1", mention=span(text, "the minister"))
    attribution = Attribution("att-1", "direct", (quote,), speaker, span(text, "said", 1), "say")
    return Ledger(article, attributions=(attribution,))


@pytest.mark.slow
def test_markup_in_articles_shows_as_text_and_never_runs_in_a_browser(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    from tests.test_web_browser import CHROMIUM_ARGS, chromium_path

    executable = chromium_path()
    ledger = hostile_ledger()
    app = create_app(ledger_db(tmp_path, ledger))
    with live_server(app) as base, sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_default_timeout(10_000)
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in (f"/articles/{ledger.article.id}", "/", "/speakers", "/search?q=script", "/search?q=onerror"):
            page.goto(base + path)
            assert page.evaluate("window.__xss") is None, path
            assert page.evaluate("document.querySelectorAll('script, img[onerror], svg, [onmouseover]').length") == 0
            assert page.evaluate("document.querySelectorAll('a[href^=\"javascript:\" i]').length") == 0, path
        page.goto(f"{base}/articles/{ledger.article.id}")
        shown = page.inner_text("body")
        assert "<script>window.__xss = 'script'</script>" in shown
        assert "onerror=\"window.__xss = 'onerror'\"" in shown and "javascript:alert(1)" in shown
        page.hover("mark >> nth=0")  # the quote's hover card carries the hostile speaker name, as text
        assert page.evaluate("window.__xss") is None and dialogs == []
        browser.close()


# --- SQL metacharacters are data -----------------------------------------------------------------

SQL_PAYLOADS = [
    "' OR '1'='1",
    '" OR 1=1 --',
    "x'); DROP TABLE articles; --",
    "%",
    "_",
    "%' UNION SELECT id, text, 1, 1 FROM articles --",
    "\\",
    "*",
    "NEAR(a b)",
]
TEXT_FILTERS = [
    ("/api/attributions", "speaker"),
    ("/api/attributions", "entity"),
    ("/api/events", "entity"),
    ("/api/places", "entity"),
    ("/api/entities", "name"),
    ("/api/figures", "category"),
    ("/api/events", "type"),
    ("/api/articles", "cursor"),
    ("/api/attributions", "article"),
    ("/api/search", "q"),
]
ODD_NAME = "Sinéad O'Brien \"Bobby\"; DROP TABLE articles; -- 100%_"


def test_sql_metacharacters_in_filters_and_search_are_data(tmp_path):
    text = f"{ODD_NAME} said the talks failed."
    article = article_from_text(text)
    speaker = EntityRef(ODD_NAME, "ent-1", mention=span(text, ODD_NAME))
    odd = Ledger(article, attributions=(Attribution("att-1", "indirect", (span(text, "the talks failed"),), speaker),))
    db = ledger_db(tmp_path, odd)
    client = TestClient(create_app(db, analyzer=StubAnalyzer()), base_url="http://127.0.0.1")
    before = Store.open(db).stats()
    for path, name in TEXT_FILTERS:
        for payload in SQL_PAYLOADS:
            response = client.get(path, params={name: payload})
            assert response.status_code < 500, (path, name, payload, response.text)
            if response.status_code == 200:
                items = response.json()["items"]
                assert items == [] or name == "q", (path, name, payload, items)  # a wildcard matches nothing
    assert Store.open(db).stats() == before
    found = client.get("/api/attributions", params={"speaker": ODD_NAME}).json()["items"]
    assert [item["record"]["speaker"]["name"] for item in found] == [ODD_NAME]
    assert client.get("/api/speakers").status_code == 200
    page = client.get("/speakers/" + ODD_NAME.replace("%", "%25"))
    assert page.status_code == 200 and "Sinéad O&#39;Brien" in page.text


# --- limits, binding, tokens, CORS over real HTTP ------------------------------------------------


def test_body_over_the_cap_is_refused_over_http_and_the_server_goes_on(tmp_path):
    analyzer = StubAnalyzer()
    app = create_app(ledger_db(tmp_path), analyzer=analyzer, max_body_bytes=64 * 1024)
    with live_server(app) as base, httpx.Client(base_url=base, timeout=30) as client:
        big = client.post("/api/articles", json={"text": "word " * 100_000})
        assert big.status_code == 413 and "over 65536 bytes" in big.text
        upload = client.post("/api/articles/upload", files={"file": ("big.txt", b"word " * 100_000, "text/plain")})
        assert upload.status_code == 413
        assert analyzer.seen == []
        assert client.get("/api/articles").status_code == 200
        assert client.post("/api/articles", json={"text": "Rain fell, officials said."}).status_code == 201


def test_the_server_binds_localhost_by_default():
    from newsledger.cli.serve import serve
    from newsledger.web.app import DEFAULT_HOST

    assert DEFAULT_HOST == "127.0.0.1"
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    assert inspect.signature(create_app).parameters["host"].default == DEFAULT_HOST


def test_uploads_on_a_public_address_need_the_token(tmp_path):
    files = {"file": ("story.txt", b"Rain fell, officials said.", "text/plain")}
    public, analyzer = make_client(tmp_path, host="0.0.0.0", base_url="http://ledger.example.org")
    assert public.post("/api/articles/upload", files=files).status_code == 403
    guarded, analyzer = make_client(tmp_path / "t", host="0.0.0.0", token=TOKEN, base_url="http://ledger.example.org")
    assert guarded.post("/api/articles/upload", files=files).status_code == 401
    wrong = {"Authorization": "Bearer " + TOKEN[:-1]}
    assert guarded.post("/api/articles/upload", files=files, headers=wrong).status_code == 401
    right = {"Authorization": f"Bearer {TOKEN}"}
    assert guarded.post("/api/articles/upload", files=files, headers=right).status_code == 201
    assert len(analyzer.seen) == 1


def test_no_cors_preflight_unless_configured(tmp_path):
    preflight = {
        "Origin": "http://evil.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type",
    }
    client, _ = make_client(tmp_path)
    response = client.options("/api/articles", headers=preflight)
    assert "access-control-allow-origin" not in response.headers
    configured, _ = make_client(tmp_path / "c", cors_origins=["http://dashboard.example"])
    response = configured.options("/api/articles", headers=preflight)
    assert response.headers.get("access-control-allow-origin") != "http://evil.example"
    allowed = configured.options("/api/articles", headers={**preflight, "Origin": "http://dashboard.example"})
    assert "POST" not in allowed.headers.get("access-control-allow-methods", "")  # writes never cross-origin
