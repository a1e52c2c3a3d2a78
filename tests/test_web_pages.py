"""The reader's pages: what each shows, that article text is always escaped, the add-article form,
the article highlighter and the offline map."""

from __future__ import annotations

import json
import re
import warnings

import pytest

from newsledger.ingest.text import article_from_text
from newsledger.model import Attribution, EntityRef, Figure, Ledger, Place, Span
from newsledger.store import Store
from newsledger.store.store import PlacePoint
from newsledger.web import create_app
from newsledger.web.highlight import Mark, ledger_marks, mark_text
from newsledger.web.mapview import world_svg
from newsledger.web.worldmap import WORLD_VIEW, build, countries, fit_view
from tests.test_store_queries import sample_ledgers, span
from tests.test_web_api import LOCAL, StubAnalyzer, make_client

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    test_client, _ = make_client(tmp_path_factory.mktemp("pages"))
    return test_client


@pytest.fixture(scope="module")
def ids():
    return [ledger.article.id for ledger in sample_ledgers()]


def texts(html: str, pattern: str) -> list[str]:
    return re.findall(pattern, html, flags=re.S)


# --- the highlighter -------------------------------------------------------------------------------


def test_mark_text_nests_and_escapes():
    html = mark_text("a <b> & c", [Mark(0, 9, "mark", "quote", {"data-tip": 'say "x"'}), Mark(2, 5, "span", "fig")])
    assert (
        str(html)
        == '<mark class="quote" data-tip="say &#34;x&#34;">a <span class="fig">&lt;b&gt;</span> &amp; c</mark>'
    )


def test_mark_text_splits_crossing_spans_into_well_formed_fragments():
    html = str(mark_text("one two three", [Mark(0, 7, "mark", "quote", anchor="att-1"), Mark(4, 13, "span", "place")]))
    assert html == (
        '<mark id="att-1" class="quote">one <span class="place">two</span></mark><span class="place"> three</span>'
    )


def test_mark_text_drops_spans_outside_the_text_and_keeps_odd_unicode():
    text = "e\u0301\u200b\U0001f600 ok"
    marks = [Mark(-1, 2, "b", "x"), Mark(3, 99, "b", "y"), Mark(2, 2, "b", "z"), Mark(5, 7, "b", "w")]
    assert str(mark_text(text, marks)) == 'e\u0301\u200b\U0001f600 <b class="w">ok</b>'
    assert str(mark_text("", marks)) == ""


def test_ledger_marks_carry_speaker_cue_and_stance():
    ledger = sample_ledgers()[0]
    quotes = [m for m in ledger_marks(ledger) if m.tag == "mark"]
    assert [(m.attrs["data-speaker"], m.attrs["data-cue"], m.attrs["data-stance"]) for m in quotes] == [
        ("Khazar Farhadov", "said", "neutral"),
        ("Khazar Farhadov", "said", "neutral"),
    ]
    assert {m.classes for m in quotes} == {"quote s0"}


# --- the article page ---------------------------------------------------------------------------


def test_article_page_highlights_quotes_by_speaker(client, ids):
    html = client.get(f"/articles/{ids[0]}").text
    quotes = texts(html, r'<mark id="(att-\d)" class="quote (s\d)" data-att="att-\d" data-speaker="([^"]+)"')
    assert quotes == [("att-1", "s0", "Khazar Farhadov"), ("att-2", "s0", "Khazar Farhadov")]
    assert 'data-tip="Khazar Farhadov · “said” · neutral · direct"' in html
    assert '<span class="fig" title="613 · people · killed · the outlet">613</span>' in html
    assert re.search(r'<span class="place" title="Khojaly · AZ · 39.91, 46.79 · city">Khojaly</span>', html)
    assert '<span class="date" title="date · 1992">1992</span>' in html


def test_article_page_shows_the_ledger_beside_the_text(client, ids):
    html = client.get(f"/articles/{ids[0]}").text
    for heading in ("Who said what", "Sourcing", "Timeline", "Figures", "Events", "Places"):
        assert f"<h2>{heading}" in html
    assert '<a class="quote-link" href="#att-2">“We will never forget,”</a>' in html
    assert "<td>Azerbaijan</td>" in html  # the sourcing side by its country's name
    assert texts(html, r'<li class="tl-item" data-date="([^"]+)">') == ["1992"]
    assert "on the word of Khazar Farhadov" in html  # the event comes from att-1
    assert '<span class="badge size">dead 613</span>' in html


def test_article_page_by_prefix_redirects_and_unknown_is_404(client, ids):
    response = client.get(f"/articles/{ids[0][:5]}", follow_redirects=False)
    assert response.status_code == 307 and response.headers["location"] == f"/articles/{ids[0]}"
    missing = client.get("/articles/0000000000000000")
    assert missing.status_code == 404 and "No article" in missing.text and "<!doctype html>" in missing.text


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def hostile_client(tmp_path) -> tuple[TestClient, str]:
    """A ledger whose article, title, speaker and place names all carry markup."""
    text = f'"{HOSTILE}," {HOSTILE} said in {HOSTILE}.'
    article = article_from_text(text, title=HOSTILE, url="javascript:alert(1)", source=HOSTILE)
    speaker = EntityRef(HOSTILE, "ent-1", "AZ", mention=span(text, HOSTILE, 1))
    ledger = Ledger(
        article,
        attributions=(Attribution("att-1", "direct", (span(text, f'"{HOSTILE},"'),), speaker, span(text, "said")),),
        figures=(Figure("fig-1", Span(0, 1, '"'), value=1.0, concept=HOSTILE),),
        places=(Place("plc-1", span(text, HOSTILE, 2), HOSTILE, "AZ", 40.0, 47.0),),
    )
    with Store.open(tmp_path / "hostile.db") as store:
        store.write(ledger)
    return TestClient(create_app(str(tmp_path / "hostile.db")), base_url=LOCAL), article.id


def test_article_text_and_names_are_always_escaped(tmp_path):
    client, article_id = hostile_client(tmp_path)
    pages = [
        f"/articles/{article_id}",
        "/",
        "/timeline",
        "/map",
        "/speakers",
        "/speakers/" + HOSTILE.replace("/", "%2F"),
        "/search?q=alert",
        "/search?q=" + HOSTILE,
    ]
    for page in pages:
        html = client.get(page).text
        assert "<script" not in html.lower(), page
        assert "<img" not in html.lower(), page
    article_html = client.get(f"/articles/{article_id}").text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in article_html
    assert "javascript:" not in article_html  # the source's URL is not turned into a link


def test_speaker_page_collects_statements_across_articles(client, ids):
    html = client.get("/speakers/Khazar%20Farhadov").text
    assert "<h1>Khazar Farhadov</h1>" in html and "Ambassador" in html
    assert "2 statements" in html and "in 1 article" in html
    assert texts(html, r'<li class="statement" data-att="(att-\d)">') == ["att-1", "att-2"]
    assert f'href="/articles/{ids[0]}#att-2"' in html
    assert client.get("/speakers/Nobody%20Here").status_code == 404


def test_speakers_index_links_each_speaker(client):
    html = client.get("/speakers").text
    assert '<a class="chip " href="/speakers/Khazar%20Farhadov">Khazar Farhadov</a>' in html
    assert '<a class="chip " href="/speakers/the%20army">the army</a>' in html
    assert client.get("/speakers?country=XYZ").status_code == 400


# --- timeline, map, search, docs -------------------------------------------------------------------


def test_timeline_lists_dated_events_in_order_and_filters(client):
    html = client.get("/timeline").text
    assert texts(html, r'<li class="tl-item" data-date="([^"]+)">') == ["1992", "2024-02-27"]
    assert texts(html, r'<section class="year">\s*<h2>(\d+)</h2>') == ["1992", "2024"]
    filtered = client.get("/timeline", params={"type": "ASSAULT"}).text
    assert texts(filtered, r'data-date="([^"]+)"') == ["2024-02-27"]
    ranged = client.get("/timeline", params={"date_from": "1990-01-01", "date_to": "2000-01-01"}).text
    assert texts(ranged, r'data-date="([^"]+)"') == ["1992"]
    empty_fields = client.get("/timeline", params={"type": "", "country": "", "date_from": ""})
    assert empty_fields.status_code == 200  # an empty filter form is no filter


def test_timeline_bad_parameters_get_a_400_page(client):
    response = client.get("/timeline", params={"date_from": "someday"})
    assert response.status_code == 400 and "date_from" in response.text and "<!doctype html>" in response.text
    backwards = client.get("/timeline", params={"date_from": "2020-01-01", "date_to": "2019-01-01"})
    assert backwards.status_code == 400


def test_map_draws_outlines_and_a_marker_per_place(client, ids):
    html = client.get("/map").text
    assert html.count('<path class="land') == len(countries())
    assert set(texts(html, r'<g class="marker place" data-name="([^"]+)"')) == {"Khojaly", "Islamabad", "Nakuru"}
    assert set(texts(html, r'<g class="marker event" data-name="([^"]+)"')) == {"Khojaly", "Nakuru"}
    assert 'class="land named" data-iso="AZ"' in html
    only = client.get("/map", params={"article": ids[1]}).text
    assert texts(only, r'<g class="marker place" data-name="([^"]+)"') == ["Nakuru"]
    assert 'viewBox="0.000 0.000 360.000 180.000"' in client.get("/map", params={"world": "true"}).text


def test_search_page_marks_the_matches(client, ids):
    html = client.get("/search", params={"q": "forget"}).text
    assert '<mark class="hit">forget</mark>' in html
    assert f'href="/articles/{ids[0]}#att-2"' in html
    assert "Nothing matches" in client.get("/search", params={"q": "zzzzqqq"}).text


def test_docs_page_lists_the_api_offline(client):
    html = client.get("/docs").text
    for path in ("/api/articles", "/api/events", "/api/search", "/api/articles/upload"):
        assert f"<code>{path}</code>" in html
    assert "<code>km</code>" in html
    assert not re.search(r'(src|href)="https?://', html)  # nothing loaded from elsewhere


@pytest.mark.parametrize("path", ["/", "/timeline", "/map", "/speakers", "/search?q=x", "/docs"])
def test_pages_carry_no_script_and_a_strict_policy(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "<script" not in response.text
    assert "script-src" not in response.headers["content-security-policy"]  # default-src 'none' covers it
    assert "default-src 'none'" in response.headers["content-security-policy"]


# --- adding an article from the home page -----------------------------------------------------------


def test_home_lists_articles_and_offers_the_form(client, ids):
    html = client.get("/").text
    assert texts(html, r'<a href="/articles/([0-9a-f]+)">') == [ids[1], ids[0]]
    assert 'action="/articles" method="post" enctype="multipart/form-data"' in html
    assert 'name="token"' not in html


def test_form_with_pasted_text_redirects_to_the_new_article(tmp_path):
    client, analyzer = make_client(tmp_path)
    form = {"text": "Rain fell on Geneva, officials said.", "title": "Rain", "published": "2024-05-01"}
    response = client.post("/articles", data=form, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/articles/{analyzer.seen[0].id}"
    assert analyzer.seen[0].title == "Rain" and analyzer.seen[0].origin == "web form"
    assert "Rain fell on Geneva" in client.get(response.headers["location"]).text


def test_form_with_a_file(tmp_path):
    client, analyzer = make_client(tmp_path)
    page = b"<html><head><title>Dam opens</title></head><body><p>" + b"The dam opened today, officials said. " * 5
    files = {"file": ("dam.html", page + b"</p></body></html>", "text/html")}
    response = client.post("/articles", data={"published": "2024-01-02"}, files=files, follow_redirects=False)
    assert response.status_code == 303 and analyzer.seen[0].published == "2024-01-02"


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({}, "paste the article"),
        ({"text": "x", "published": "02/01/2024"}, "not YYYY-MM-DD"),
    ],
)
def test_form_problems_are_shown_on_the_page(tmp_path, form, message):
    client, analyzer = make_client(tmp_path)
    response = client.post("/articles", data=form)
    assert response.status_code == 400 and message in response.text and analyzer.seen == []


def test_form_needs_the_token_when_set(tmp_path):
    client, analyzer = make_client(tmp_path, token="s3cret")
    assert 'name="token"' in client.get("/").text
    refused = client.post("/articles", data={"text": "Words."})
    assert refused.status_code == 401 and "token" in refused.text
    ok = client.post("/articles", data={"text": "Words.", "token": "s3cret"}, follow_redirects=False)
    assert ok.status_code == 303 and len(analyzer.seen) == 1


def test_public_server_without_token_hides_the_form_and_refuses_posts(tmp_path):
    client, analyzer = make_client(tmp_path, host="0.0.0.0", analyzer=StubAnalyzer())
    assert "Adding articles is off" in client.get("/").text
    assert client.post("/articles", data={"text": "Words."}).status_code == 403


def test_cross_site_form_post_is_refused(tmp_path):
    client, analyzer = make_client(tmp_path)
    response = client.post("/articles", data={"text": "Words."}, headers={"Origin": "http://evil.example"})
    assert response.status_code == 403 and analyzer.seen == []


# --- the map data and projection ---------------------------------------------------------------------


def test_shipped_outlines_cover_the_countries_news_names():
    by_iso = {c.iso: c for c in countries()}
    for code in ("AZ", "AM", "PK", "IN", "KE", "BD", "US", "RU", "FJ"):
        assert by_iso[code].path.startswith("M"), code
    assert len(by_iso) > 170


def test_fit_view_zooms_to_the_points_and_keeps_the_world_when_spread():
    view = fit_view([(39.9, 46.8), (33.7, 73.0)])
    x, y = view.point(39.9, 46.8)
    assert view.x < x < view.x + view.width and view.y < y < view.y + view.height
    assert view.width < 100
    assert fit_view([(60.0, -150.0), (-40.0, 170.0)]) == WORLD_VIEW


def test_build_decodes_quantized_topojson():
    topology = {
        "type": "Topology",
        "transform": {"scale": [1.0, 1.0], "translate": [-10.0, -10.0]},
        "arcs": [[[0, 0], [10, 0], [0, 10]], [[10, 10], [-10, 0], [0, -10]]],
        "objects": {
            "countries": {
                "geometries": [{"type": "Polygon", "arcs": [[0, 1]], "id": "051", "properties": {"name": "A"}}]
            }
        },
    }
    data = build(topology)
    assert data["countries"] == [
        {"iso": "AM", "name": "A", "polygons": [[[-10.0, -10.0, 0.0, -10.0, 0.0, 0.0, -10.0, 0.0, -10.0, -10.0]]]}
    ]
    json.dumps(data)


def test_world_svg_escapes_names_and_sizes_markers_by_mentions():
    points = [
        PlacePoint('<x y="1">', "AZ", 40.0, 47.0, "city", 8, 2),
        PlacePoint("Baku", "AZ", 40.4, 49.9, "city", 1, 1),
    ]
    svg = str(world_svg(points, []))
    assert 'data-name="&lt;x y=&#34;1&#34;&gt;"' in svg and "<x " not in svg
    radii = [float(r) for r in texts(svg, r'<circle cx="[^"]+" cy="[^"]+" r="([^"]+)"')]
    assert radii[0] > radii[1]


def test_contested_figures_page_lists_each_source_and_flags_disagreement(tmp_path):
    from fastapi.testclient import TestClient

    from newsledger.store import Store
    from newsledger.web import create_app
    from tests.test_corpus import toll_ledger

    db = str(tmp_path / "ledger.db")
    with Store.open(db) as store:
        store.write(toll_ledger("a1", "The attack killed 12 soldiers, the army said", 12, "the army", "2024-03-12",
                                "Eldoret"))
        store.write(toll_ledger("b2", "The attack killed 30 soldiers, the <b>rebels</b> said", 30, "the <b>rebels</b>",
                                "2024-03-12", "Eldoret"))
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    page = client.get("/figures")
    assert page.status_code == 200
    html = page.text
    assert "sources disagree" in html and "the army" in html and "30" in html
    assert "&lt;b&gt;rebels&lt;/b&gt;" in html and "<b>rebels</b>" not in html  # article text is escaped
    empty = TestClient(create_app(str(tmp_path / "empty.db")), base_url="http://127.0.0.1").get("/figures")
    assert empty.status_code == 200 and "No happening" in empty.text
