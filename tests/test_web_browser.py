"""End to end in a real headless Chromium: the acceptance article served by ``newsledger serve``'s
app, its highlighted quotes and speakers, the timeline's order and a map marker; takes a
screenshot of each page: into $NEWSLEDGER_SCREENSHOTS when set (`make screenshots` sets it to
docs/screenshots/, the README's pictures), else into a temporary folder so that a test run
leaves the work tree as it was.

Uses Debian's Chromium through Playwright's Python package (never a downloaded browser): the
path comes from $NEWSLEDGER_TEST_CHROMIUM, else /usr/bin/chromium; without one the tests skip.
"""

from __future__ import annotations

import dataclasses
import json
import os
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest

from newsledger.ingest.text import guess_title
from newsledger.store import Store
from tests.conftest import ACCEPTANCE_EXPECTED, require_shared

SCREENSHOTS = Path(os.environ.get("NEWSLEDGER_SCREENSHOTS") or Path(tempfile.gettempdir()) / "newsledger-screenshots")
VIEWPORT = {"width": 1360, "height": 900}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.slow


def chromium_path() -> str:
    """Debian's Chromium, or skip with a message that says how to get it."""
    candidate = os.environ.get("NEWSLEDGER_TEST_CHROMIUM") or "/usr/bin/chromium"
    if not Path(candidate).is_file():
        pytest.skip(f"browser tests need Chromium at {candidate} (apt-get install chromium; .ci/run does)")
    return candidate


def titled(ledger):
    """The ledger with the title `newsledger analyze` gives a text file (its headline-like first line)."""
    article = ledger.article
    return dataclasses.replace(ledger, article=dataclasses.replace(article, title=guess_title(article.text)))


@pytest.fixture(scope="module")
def server(tmp_path_factory, acceptance_ledger):
    """The app over a ledger holding the acceptance article, served by uvicorn on a free local port."""
    import uvicorn

    from newsledger.web import create_app

    db = tmp_path_factory.mktemp("browser") / "ledger.db"
    with Store.open(db) as store:
        store.write(titled(acceptance_ledger))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(str(db)), log_level="warning", lifespan="off")
    uvicorn_server = uvicorn.Server(config)
    thread = threading.Thread(target=uvicorn_server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not uvicorn_server.started:
        if time.monotonic() > deadline:
            pytest.fail("the web server did not start within 10 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uvicorn_server.should_exit = True
    thread.join(timeout=5)
    sock.close()


@pytest.fixture(scope="module")
def page(server):
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = chromium_path()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
        opened = context.new_page()
        opened.set_default_timeout(10_000)
        yield opened
        context.close()
        browser.close()


@pytest.fixture(scope="module")
def expected():
    return json.loads(require_shared(ACCEPTANCE_EXPECTED).read_text(encoding="utf-8"))


def quotes_on_page(page) -> dict[str, dict[str, str]]:
    """Each highlighted attribution on the page: its joined text (fragments included) and data keys."""
    return page.evaluate(
        """() => {
            const found = {};
            for (const mark of document.querySelectorAll('#text mark.quote')) {
                const id = mark.dataset.att;
                found[id] = found[id] || {text: '', speaker: mark.dataset.speaker, cue: mark.dataset.cue,
                                          stance: mark.dataset.stance};
                found[id].text += mark.textContent;
            }
            return found;
        }"""
    )


def test_article_view_highlights_each_quote_with_its_speaker(page, server, acceptance_ledger, expected):
    article = acceptance_ledger.article
    page.goto(f"{server}/articles/{article.id}")
    assert page.title().startswith(guess_title(article.text))
    # The marks wrap the text without changing it: the offsets in the ledger still point into it.
    assert page.evaluate("document.getElementById('text').textContent") == article.text
    shown = quotes_on_page(page)
    assert set(shown) == {a.id for a in acceptance_ledger.attributions}
    for attribution in acceptance_ledger.attributions:
        on_page = shown[attribution.id]
        assert all(span.text in on_page["text"] for span in attribution.content), attribution.id
        assert on_page["speaker"] == (attribution.speaker.name if attribution.speaker else "unattributed")
        assert on_page["cue"] == (attribution.cue.text if attribution.cue else "")
    must = [item for item in expected["attributions"]["must"] if item["kind"] == "direct"]
    for item in must:
        matches = [q for q in shown.values() if item["content_contains"] in q["text"]]
        assert matches and item["speaker"] in matches[0]["speaker"], item["content_contains"]


def test_hovering_a_quote_shows_speaker_cue_and_stance(page, server, acceptance_ledger):
    page.goto(f"{server}/articles/{acceptance_ledger.article.id}")
    said = next(a for a in acceptance_ledger.attributions if a.kind == "direct" and a.cue is not None)
    quote = page.locator(f"mark.quote[data-att='{said.id}']").first
    quote.hover()
    tip = quote.evaluate("el => getComputedStyle(el, '::after').content")
    assert said.speaker.name in tip and said.cue.text in tip and said.stance in tip
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "article.png"))


def test_ledger_panel_links_to_the_quote_in_the_text(page, server, acceptance_ledger):
    page.goto(f"{server}/articles/{acceptance_ledger.article.id}")
    first = acceptance_ledger.attributions[0]
    page.locator(f"a.quote-link[href='#{first.id}']").click()
    assert page.evaluate("location.hash") == f"#{first.id}"
    target = page.locator(f"#{first.id}")
    assert target.evaluate("el => el.matches(':target')")


def test_timeline_is_in_date_order(page, server, expected):
    page.goto(f"{server}/timeline")
    dates = page.eval_on_selector_all("li.tl-item", "items => items.map(i => i.dataset.date)")
    assert dates and dates == sorted(dates)
    positions = []
    for wanted in expected["timeline"]["must_order"]:
        found = [i for i, date in enumerate(dates) if date.startswith(wanted)]
        assert found, f"{wanted} is not on the timeline {dates}"
        positions.append(found[0])
    assert positions == sorted(positions)
    years = page.eval_on_selector_all("section.year h2", "hs => hs.map(h => h.textContent)")
    assert years == sorted(years)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "timeline.png"))


def test_map_has_a_marker_where_the_article_places_an_event(page, server, acceptance_ledger):
    event_places = {
        p.name
        for e in acceptance_ledger.events
        if e.place and e.place.place
        for p in acceptance_ledger.places
        if p.id == e.place.place and p.lat is not None
    }
    assert event_places, "the acceptance article has events at resolved places"
    page.goto(f"{server}/map")
    svg = page.locator("svg.worldmap").bounding_box()
    assert page.locator("svg.worldmap path.land").count() > 170
    for name in event_places:
        marker = page.locator(f"g.marker.event[data-name='{name}'] circle").first
        box = marker.bounding_box()
        assert box is not None and box["width"] > 0, name
        assert svg["x"] <= box["x"] <= svg["x"] + svg["width"] and svg["y"] <= box["y"] <= svg["y"] + svg["height"]
        assert name in marker.locator("xpath=..").locator("title").text_content()
    khojaly = page.locator("g.marker.place[data-name='Khojaly']")
    assert khojaly.count() == 1 and khojaly.get_attribute("data-country") == "AZ"
    assert page.locator("path.land.named[data-iso='AZ']").count() >= 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "map.png"))
