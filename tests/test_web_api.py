"""The REST API: every endpoint, its filters and pages, records in the ledger's JSON Schema, bad
parameters answered with a clear 4xx (never a 5xx), and the rules for writes."""

from __future__ import annotations

import json
import warnings

import jsonschema
import pytest

from newsledger.model import Article, Ledger
from newsledger.store import Store
from newsledger.web import create_app
from tests.conftest import REPO, fuzz_operation
from tests.test_store_queries import sample_ledgers

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's TestClient warns about httpx on import
    from fastapi.testclient import TestClient

LOCAL = "http://127.0.0.1"
SCHEMA = json.loads((REPO / "docs" / "schema.json").read_text(encoding="utf-8"))
RECORD_DEFS = {
    "attributions": "Attribution",
    "events": "Event",
    "figures": "Figure",
    "places": "Place",
    "entities": "Entity",
    "times": "TimeExpr",
}


def validate(instance, definition: str | None = None) -> None:
    """Check ``instance`` against docs/schema.json (the whole Ledger, or one of its $defs)."""
    schema = SCHEMA if definition is None else {"$ref": f"#/$defs/{definition}", "$defs": SCHEMA["$defs"]}
    jsonschema.Draft202012Validator(schema).validate(instance)


class StubAnalyzer:
    """Stands in for the spaCy pipeline where a test is about the web, not the analysis."""

    def __init__(self):
        self.seen: list[Article] = []

    def __call__(self, article: Article) -> Ledger:
        self.seen.append(article)
        return Ledger(article)


def make_client(tmp_path, **kwargs) -> tuple[TestClient, StubAnalyzer]:
    analyzer = kwargs.pop("analyzer", None) or StubAnalyzer()
    base_url = kwargs.pop("base_url", LOCAL)
    db = tmp_path / "ledger.db"
    with Store.open(db) as store:
        for ledger in sample_ledgers():
            store.write(ledger)
    app = create_app(str(db), analyzer=analyzer, **kwargs)
    return TestClient(app, base_url=base_url, raise_server_exceptions=False), analyzer


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    test_client, _ = make_client(tmp_path_factory.mktemp("api"))
    return test_client


@pytest.fixture(scope="module")
def ids():
    return [ledger.article.id for ledger in sample_ledgers()]


# --- articles ------------------------------------------------------------------------------------


def test_articles_list_newest_first_with_counts(client, ids):
    body = client.get("/api/articles").json()
    assert [item["id"] for item in body["items"]] == [ids[1], ids[0]]
    assert body["next"] is None
    first = body["items"][0]
    assert first["title"] == "Attack near Nakuru" and first["published"] == "2024-02-28"
    assert first["counts"] == {"entities": 0, "attributions": 1, "times": 1, "figures": 1, "places": 1, "events": 1}


def test_articles_pages_with_a_cursor(client, ids):
    first = client.get("/api/articles", params={"limit": 1}).json()
    assert len(first["items"]) == 1 and first["next"]
    second = client.get("/api/articles", params={"limit": 1, "cursor": first["next"]}).json()
    assert [i["id"] for i in first["items"] + second["items"]] == [ids[1], ids[0]]
    assert second["next"] is None


def test_articles_by_publication_date(client, ids):
    body = client.get("/api/articles", params={"published_from": "2021-01-01", "published_to": "2021-12-31"}).json()
    assert [item["id"] for item in body["items"]] == [ids[0]]


def test_article_ledger_is_the_schema_json(client, ids):
    response = client.get(f"/api/articles/{ids[0]}")
    assert response.status_code == 200
    ledger = response.json()
    validate(ledger)
    assert Ledger.from_json(json.dumps(ledger)) == sample_ledgers()[0]


def test_article_by_unique_prefix_and_unknown_and_ambiguous(tmp_path, client, ids):
    assert client.get(f"/api/articles/{ids[0][:6]}").json()["article"]["id"] == ids[0]
    missing = client.get("/api/articles/ffffffffffffffff")
    assert missing.status_code == 404 and "no article" in missing.json()["detail"]
    with Store.open(tmp_path / "twins.db") as store:
        store.write(Ledger(Article(id="ab12", text="One.")))
        store.write(Ledger(Article(id="ab34", text="Two.")))
    twins = TestClient(create_app(str(tmp_path / "twins.db")), base_url=LOCAL)
    response = twins.get("/api/articles/ab")
    assert response.status_code == 409 and "ab12" in response.json()["detail"]


# --- records -------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(RECORD_DEFS))
def test_record_lists_hold_schema_records_with_their_article(client, kind):
    body = client.get(f"/api/{kind}").json()
    assert set(body) == {"items", "next"}
    assert body["items"], kind
    for item in body["items"]:
        assert set(item["article"]) == {"id", "title", "published", "source"}
        validate(item["record"], RECORD_DEFS[kind])


def test_attributions_by_speaker(client):
    items = client.get("/api/attributions", params={"speaker": "Khazar Farhadov"}).json()["items"]
    assert [i["record"]["id"] for i in items] == ["att-1", "att-2"]
    assert items[1]["record"]["content"][0]["text"] == "“We will never forget,”"
    assert client.get("/api/attributions", params={"country": "KE"}).json()["items"][0]["record"]["speaker"] == {
        "name": "the army",
        "entity": None,
        "country": "KE",
        "sector": None,
        "mention": {"start": 57, "end": 65, "text": "the army"},
    }


def test_events_by_type_date_range_and_order(client):
    params = {"type": "assault", "date_from": "2024-01-01", "date_to": "2024-12-31", "order": "date"}
    items = client.get("/api/events", params=params).json()["items"]
    assert [(i["article"]["title"], i["record"]["date"]["value"]) for i in items] == [
        ("Attack near Nakuru", "2024-02-27")
    ]
    dated = client.get("/api/events", params={"order": "date"}).json()["items"]
    assert [i["record"]["date"]["value"] for i in dated] == ["1992", "2024-02-27"]


def test_events_and_places_within_km(client):
    near = {"lat": 39.95, "lon": 46.85, "km": 25}
    assert [i["record"]["name"] for i in client.get("/api/places", params=near).json()["items"]] == ["Khojaly"]
    assert [i["record"]["id"] for i in client.get("/api/events", params=near).json()["items"]] == ["evt-1"]
    far = {"lat": 0, "lon": 0, "km": 10}
    assert client.get("/api/places", params=far).json()["items"] == []


def test_events_by_entity_and_country(client):
    assert [i["record"]["id"] for i in client.get("/api/events", params={"entity": "Rebels"}).json()["items"]] == [
        "evt-1"
    ]
    assert [i["record"]["event"] for i in client.get("/api/events", params={"country": "am"}).json()["items"]] == [
        "COERCE"
    ]


def test_figures_entities_times_filters(client, ids):
    figures = client.get("/api/figures", params={"category": "killed", "article": ids[0]}).json()["items"]
    assert [i["record"]["value"] for i in figures] == [613]
    entities = client.get("/api/entities", params={"name": "khazar farhadov"}).json()["items"]
    assert [i["record"]["title"] for i in entities] == ["Ambassador"]
    times = client.get("/api/times", params={"order": "date", "date_to": "2000-01-01"}).json()["items"]
    assert [i["record"]["value"] for i in times] == ["1992"]


def test_record_pages_chain(client):
    first = client.get("/api/events", params={"limit": 2}).json()
    second = client.get("/api/events", params={"limit": 2, "cursor": first["next"]}).json()
    whole = client.get("/api/events").json()["items"]
    assert first["items"] + second["items"] == whole and second["next"] is None


def test_speakers(client):
    body = client.get("/api/speakers").json()
    assert body["items"][0] == {"name": "Khazar Farhadov", "country": "AZ", "statements": 2, "articles": 1}


# --- search --------------------------------------------------------------------------------------


def test_search_returns_snippets_with_match_offsets(client, ids):
    body = client.get("/api/search", params={"q": "forget"}).json()
    hits = body["items"]
    assert {(h["article_id"], h["kind"]) for h in hits} == {(ids[0], "article"), (ids[0], "attribution")}
    for hit in hits:
        assert [hit["snippet"][s:e].lower() for s, e in hit["highlights"]] == ["forget"]
    quotes = client.get("/api/search", params={"q": "forget", "kind": "attribution"}).json()["items"]
    assert [h["record_id"] for h in quotes] == ["att-2"]


def test_search_pages_and_treats_operators_as_words(client):
    first = client.get("/api/search", params={"q": "killed", "limit": 1}).json()
    assert len(first["items"]) == 1 and first["next"]
    rest = client.get("/api/search", params={"q": "killed", "limit": 1, "cursor": first["next"]}).json()
    assert rest["items"] and rest["items"][0] != first["items"][0]
    response = client.get("/api/search", params={"q": '"); DROP TABLE articles; -- NEAR('})
    assert response.status_code == 200 and response.json()["items"] == []


# --- bad parameters ------------------------------------------------------------------------------

BAD_REQUESTS = [
    ("/api/articles", {"limit": 0}),
    ("/api/articles", {"limit": 501}),
    ("/api/articles", {"limit": "ten"}),
    ("/api/articles", {"cursor": "not-a-cursor"}),
    ("/api/articles", {"published_from": "2021-13-01"}),
    ("/api/articles", {"published_from": "2022-01-01", "published_to": "2021-01-01"}),
    ("/api/articles/" + "a" * 200, {}),
    ("/api/attributions", {"country": "AZE"}),
    ("/api/attributions", {"speaker": ""}),
    ("/api/attributions", {"published_from": "yesterday"}),
    ("/api/events", {"type": "DROP TABLE"}),
    ("/api/events", {"date_from": "2021-02-30"}),
    ("/api/events", {"date_from": "2022-01-01", "date_to": "2021-01-01"}),
    ("/api/events", {"lat": 40}),
    ("/api/events", {"lat": 91, "lon": 0, "km": 5}),
    ("/api/events", {"lat": 0, "lon": 181, "km": 5}),
    ("/api/events", {"lat": 0, "lon": 0, "km": 0}),
    ("/api/events", {"lat": "north", "lon": 0, "km": 5}),
    ("/api/events", {"order": "sideways"}),
    ("/api/figures", {"category": "<script>"}),
    ("/api/places", {"km": 10}),
    ("/api/places", {"lat": 0, "lon": 0, "km": 1e9}),
    ("/api/entities", {"country": "1"}),
    ("/api/times", {"date_to": "soon"}),
    ("/api/speakers", {"limit": -1}),
    ("/api/search", {}),
    ("/api/search", {"q": ""}),
    ("/api/search", {"q": "x" * 501}),
    ("/api/search", {"q": "x", "kind": "everything"}),
    ("/api/search", {"q": "x", "cursor": "%%%"}),
]


@pytest.mark.parametrize(("path", "params"), BAD_REQUESTS)
def test_bad_parameters_get_a_clear_4xx(client, path, params):
    response = client.get(path, params=params)
    assert 400 <= response.status_code < 500, (path, params, response.status_code, response.text)
    detail = response.json()["detail"]
    assert detail, "the answer says what is wrong"


def test_validation_errors_name_the_parameter(client):
    detail = client.get("/api/events", params={"limit": 0}).json()["detail"]
    assert detail[0]["loc"] == ["query", "limit"] and "greater than or equal to 1" in detail[0]["msg"]
    assert "lat, lon and km go together" in client.get("/api/places", params={"km": 3}).json()["detail"]


def test_unknown_api_path_is_a_json_404(client):
    response = client.get("/api/nothing")
    assert response.status_code == 404 and response.json() == {"detail": "Not Found"}


def test_no_get_endpoint_answers_5xx_to_generated_requests(tmp_path):
    """Schemathesis: requests generated from the OpenAPI schema never get a 5xx."""
    import schemathesis

    # Bound "publicly" so that schemathesis's own Host header passes; GETs only, so no writes.
    client, _ = make_client(tmp_path, host="0.0.0.0")
    schema = schemathesis.openapi.from_asgi("/openapi.json", client.app)
    failures: list = []
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        if operation.method.upper() == "GET":
            fuzz_operation(operation, failures, max_examples=15)
    assert failures == []
    assert len([op for op in operations if op.method.upper() == "GET"]) == 10


# --- writes --------------------------------------------------------------------------------------


def test_post_text_is_analyzed_stored_and_served(tmp_path):
    client, analyzer = make_client(tmp_path)
    body = {"text": "Rain fell on Geneva, officials said.", "title": "Rain", "published": "2024-05-01"}
    response = client.post("/api/articles", json=body)
    assert response.status_code == 201
    added = response.json()
    assert added["result"] == "added" and added["ledger"] == f"/api/articles/{added['id']}"
    assert analyzer.seen[0].text == body["text"] and analyzer.seen[0].published == "2024-05-01"
    stored = client.get(added["ledger"]).json()
    assert stored["article"]["title"] == "Rain" and stored["article"]["origin"] == "api"
    again = client.post("/api/articles", json=body).json()
    assert again["result"] == "unchanged" and again["id"] == added["id"]


def test_post_html_and_upload(tmp_path):
    client, analyzer = make_client(tmp_path)
    page = (
        "<html><head><title>Dam opens</title></head><body><article><h1>Dam opens</h1>"
        + ("<p>The new dam opened on Monday, the minister said, after years of work on the river.</p>" * 3)
        + "</article></body></html>"
    )
    response = client.post("/api/articles", json={"text": page, "format": "html"})
    assert response.status_code == 201, response.text
    assert analyzer.seen[-1].title == "Dam opens" and "<p>" not in analyzer.seen[-1].text
    upload = client.post(
        "/api/articles/upload",
        files={"file": ("story.html", page.replace("Dam", "Bridge").encode(), "text/html")},
        data={"published": "2024-01-02"},
    )
    assert upload.status_code == 201, upload.text
    assert analyzer.seen[-1].title == "Bridge opens" and analyzer.seen[-1].published == "2024-01-02"
    text_upload = client.post("/api/articles/upload", files={"file": ("note.txt", b"Plain words here.", "text/plain")})
    assert text_upload.status_code == 201 and analyzer.seen[-1].text == "Plain words here."


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({}, 422),
        ({"text": ""}, 422),
        ({"text": "   \n  "}, 400),
        ({"text": "ok", "published": "2021-02-30"}, 422),
        ({"text": "ok", "format": "pdf"}, 422),
        ({"text": "<html><body></body></html>", "format": "html"}, 400),
    ],
)
def test_post_bad_bodies(tmp_path, body, status):
    client, analyzer = make_client(tmp_path)
    response = client.post("/api/articles", json=body)
    assert response.status_code == status, response.text
    assert analyzer.seen == []


def test_upload_of_binary_is_refused(tmp_path):
    client, _ = make_client(tmp_path)
    response = client.post("/api/articles/upload", files={"file": ("x.bin", bytes(range(256)) * 4, "application/x")})
    assert response.status_code == 400 and "not UTF-8 text" in response.json()["detail"]


def test_token_is_required_when_set(tmp_path):
    client, analyzer = make_client(tmp_path, token="s3cret")
    body = {"text": "Words."}
    assert client.post("/api/articles", json=body).status_code == 401
    assert client.post("/api/articles", json=body, headers={"Authorization": "Bearer nope"}).status_code == 401
    response = client.post("/api/articles", json=body, headers={"Authorization": "Bearer s3cret"})
    assert response.status_code == 201 and len(analyzer.seen) == 1


def test_no_writes_on_a_public_address_without_a_token(tmp_path):
    client, analyzer = make_client(tmp_path, host="0.0.0.0", base_url="http://ledger.example.org")
    response = client.post("/api/articles", json={"text": "Words."})
    assert response.status_code == 403 and "--token" in response.json()["detail"]
    assert client.get("/api/articles").status_code == 200  # reading is fine from any Host there
    with_token, _ = make_client(tmp_path / "t", host="0.0.0.0", token="t0k", base_url="http://ledger.example.org")
    assert (
        with_token.post("/api/articles", json={"text": "Words."}, headers={"Authorization": "Bearer t0k"}).status_code
        == 201
    )


@pytest.mark.parametrize(
    "headers",
    [{"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}, {"Origin": "null"}],
)
def test_cross_site_writes_are_refused_on_localhost(tmp_path, headers):
    client, analyzer = make_client(tmp_path)
    response = client.post("/api/articles", json={"text": "Words."}, headers=headers)
    assert response.status_code == 403 and analyzer.seen == []


def test_same_origin_writes_pass_on_localhost(tmp_path):
    client, _ = make_client(tmp_path)
    headers = {"Origin": LOCAL, "Sec-Fetch-Site": "same-origin"}
    assert client.post("/api/articles", json={"text": "Words."}, headers=headers).status_code == 201


def test_loopback_server_refuses_foreign_host_headers(client):
    response = client.get("/api/articles", headers={"Host": "attacker.example"})
    assert response.status_code == 400
    assert client.get("/api/articles", headers={"Host": "localhost:8000"}).status_code == 200
    assert client.get("/api/articles", headers={"Host": "[::1]:8000"}).status_code == 200


def test_request_body_is_capped(tmp_path):
    client, analyzer = make_client(tmp_path, max_body_bytes=1000)
    response = client.post("/api/articles", json={"text": "word " * 500})
    assert response.status_code == 413

    def chunks():  # no Content-Length: the cap is counted as the body streams in
        for _ in range(20):
            yield b"x" * 100

    streamed = client.post("/api/articles", content=chunks(), headers={"Content-Type": "application/json"})
    assert streamed.status_code == 413 and analyzer.seen == []


def test_security_headers_and_no_cors_by_default(client):
    response = client.get("/api/articles", headers={"Origin": "http://elsewhere.example"})
    assert "access-control-allow-origin" not in response.headers
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_cors_when_configured(tmp_path):
    client, _ = make_client(tmp_path, cors_origins=["http://dashboard.example"])
    response = client.get("/api/articles", headers={"Origin": "http://dashboard.example"})
    assert response.headers["access-control-allow-origin"] == "http://dashboard.example"


def test_openapi_lists_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    expected = {
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/articles/upload",
        "/api/attributions",
        "/api/events",
        "/api/figures",
        "/api/places",
        "/api/entities",
        "/api/times",
        "/api/speakers",
        "/api/search",
    }
    assert set(paths) == expected


@pytest.mark.slow
def test_posted_article_is_analyzed_by_the_pipeline(tmp_path, nlp):
    from newsledger.pipeline import build_ledger

    client, _ = make_client(tmp_path, analyzer=lambda article: build_ledger(nlp(article.text), article))
    text = "“We will rebuild the bridge,” Mayor Anna Berg said on Monday."
    added = client.post("/api/articles", json={"text": text, "published": "2024-03-06"}).json()
    ledger = client.get(added["ledger"]).json()
    validate(ledger)
    quote = ledger["attributions"][0]
    assert quote["speaker"]["name"] == "Anna Berg" and quote["cue"]["text"] == "said"
    speakers = client.get("/api/attributions", params={"speaker": "Anna Berg"}).json()["items"]
    assert [i["article"]["id"] for i in speakers] == [added["id"]]


def test_an_article_over_a_limit_is_a_clear_422_not_a_500(tmp_path):
    from newsledger.limits import ArticleTimeout

    def too_slow(article):
        raise ArticleTimeout("analysis took over 60 s (--timeout)")

    client, _ = make_client(tmp_path, analyzer=too_slow)
    response = client.post("/api/articles", json={"text": "Rain fell on the town today."})
    assert response.status_code == 422
    assert "--timeout" in response.json()["detail"]
