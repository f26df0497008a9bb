"""The JSON API against a real server: every endpoint, and bad input of every kind
answered with a clear 4xx while the server stays up."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from corroborate import Settings, Store
from corroborate.report import report_for_store
from corroborate.report.model import STAGES
from corroborate.web.security import CSP

from .conftest import Running, ServerFactory

# An invented article (no real event): a figure, a quote and a named speaker.
FERRY = (
    "Ferry service to Oskar Island halted after engine fire\n\n"
    "PORT TELLA — Ferry crossings to Oskar Island were halted on Monday after an engine "
    "fire on the MV Brisk, harbour master Lene Voss said. About 120 passengers were "
    "brought back to port. “Nobody was hurt, and the crew did everything right,” Voss "
    "told reporters.\n"
)


@pytest.fixture
def server(serve: ServerFactory) -> Running:
    return serve()


def first_story(server: Running, title_word: str) -> dict[str, Any]:
    stories = server.client.get("/api/stories").json()["stories"]
    return next(s for s in stories if title_word in s["title"])


def test_health_and_counts(server: Running) -> None:
    health = server.client.get("/api/health").json()
    assert health["status"] == "ok"
    assert health["articles"] == 16
    assert health["stories"] == 2
    assert isinstance(health["busy"], bool)


def test_stories_newest_first_with_search_and_filters(server: Running) -> None:
    listing = server.client.get("/api/stories").json()
    assert listing["total"] == 2 and listing["pages"] == 1
    days = [s["last_published"] for s in listing["stories"]]
    assert days == sorted(days, reverse=True)
    # Search covers text, titles, speakers and outlets.
    assert server.client.get("/api/stories", params={"q": "fertiliser"}).json()["total"] == 1
    assert server.client.get("/api/stories", params={"q": "Reyne"}).json()["total"] >= 1
    assert server.client.get("/api/stories", params={"q": "Lowmarch Press"}).json()["total"] == 1
    assert server.client.get("/api/stories", params={"q": "zzzqqq"}).json()["total"] == 0
    # Operators and quotes are taken as words: no malformed FTS query reaches SQLite.
    for odd in ['"', "AND OR NOT", "fire*)", "^NEAR(", "--"]:
        response = server.client.get("/api/stories", params={"q": odd})
        assert response.status_code == 200, odd
    outlet = server.client.get("/api/outlets").json()[0]["outlet"]
    by_outlet = server.client.get("/api/stories", params={"outlet": outlet}).json()
    assert 1 <= by_outlet["total"] <= 2
    assert all(outlet in s["outlets"] for s in by_outlet["stories"])
    later = server.client.get("/api/stories", params={"since": "2031-05-17"}).json()
    assert [s["title"] for s in later["stories"]] == [listing["stories"][0]["title"]]
    earlier = server.client.get("/api/stories", params={"until": "2031-05-16"}).json()
    assert earlier["total"] == 1
    assert server.client.get("/api/stories", params={"since": "2040-01-01"}).json()["total"] == 0


def test_stories_are_paged(serve: ServerFactory) -> None:
    server = serve(settings=Settings().replace("web", page_size=1))
    first = server.client.get("/api/stories").json()
    second = server.client.get("/api/stories", params={"page": 2}).json()
    assert first["pages"] == 2 and len(first["stories"]) == len(second["stories"]) == 1
    assert first["stories"][0]["id"] != second["stories"][0]["id"]
    assert server.client.get("/api/stories", params={"page": 3}).json()["stories"] == []


def test_story_records_are_the_reports(server: Running) -> None:
    """The API's story is the full report's records for that story (docs/report-json.md)."""
    with Store(server.db) as store:
        report = report_for_store(store)
    stages = report["stages"]
    title = stages["corroboration"]["stories"][0]["title"]
    story = first_story(server, title.split(":")[0])
    model = server.client.get(f"/api/stories/{story['id']}").json()
    pairs = [
        (model["story"], stages["stories"]["stories"][0]),
        (model["articles"][0], report["articles"][0]),
        (model["claims"], stages["claims"]["stories"][0]),
        (model["corroboration"], stages["corroboration"]["stories"][0]),
        (model["reuse"], stages["reuse"]),
    ]
    for ours, theirs in pairs:
        assert set(ours) == set(theirs)
    mine = model["corroboration"]
    full = stages["corroboration"]["stories"][0]
    assert [g["statement"] for g in mine["groups"]] == [g["statement"] for g in full["groups"]]
    assert [c["kind"] for c in mine["conflicts"]] == [c["kind"] for c in full["conflicts"]]


def test_story_carries_the_report_sections(server: Running) -> None:
    story = first_story(server, "Halvard")
    model = server.client.get(f"/api/stories/{story['id']}").json()
    assert set(model) == {"story", "articles", "pending", "reuse", "claims", "corroboration"}
    assert model["pending"] == {"reuse": 0, "claims": 0}
    assert len(model["articles"]) == story["articles"] == 11
    assert model["reuse"]["links"], "the plant story holds wire copy"
    corroboration = model["corroboration"]
    assert corroboration["brief"] and corroboration["conflicts"]
    # The same records as the full report (its corroboration keys).
    assert {"brief", "groups", "conflicts", "updates", "quote_variants", "timeline"} <= set(
        corroboration
    )
    assert "corroboration" in dict(STAGES)


def test_article_has_text_claims_and_passages(server: Running) -> None:
    story = first_story(server, "Halvard")
    model = server.client.get(f"/api/stories/{story['id']}").json()
    copied = model["reuse"]["links"][0]["copy"]["id"]
    article = server.client.get(f"/api/articles/{copied}").json()
    assert article["story_id"] == story["id"]
    assert article["claims"] and article["passages"]
    for passage in article["passages"]:
        start, end = passage["span"]
        assert 0 <= start < end <= len(article["text"])
    grouped = [c for c in article["claims"] if c["group"]]
    assert grouped and all(c["status"] for c in grouped)
    assert "segments" not in article
    # The page, then the story's page: each builds on the records the other cached.
    assert server.client.get(f"/articles/{copied}").status_code == 200
    assert server.client.get(f"/stories/{story['id']}").status_code == 200


@pytest.mark.parametrize("path", ["/api/stories/nope", "/api/articles/nope", "/api/jobs/nope"])
def test_unknown_ids_are_404_json(server: Running, path: str) -> None:
    response = server.client.get(path)
    assert response.status_code == 404
    assert "nope" in response.json()["detail"]


def test_unknown_ids_are_404_pages(server: Running) -> None:
    for path in ("/stories/nope", "/articles/nope", "/jobs/nope", "/static/nope.css"):
        response = server.client.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"].startswith(("text/html", "application/json"))


@pytest.mark.parametrize(
    "params",
    [{"since": "yesterday"}, {"until": "2031-13-40"}, {"page": "0"}, {"page": "x"},
     {"q": "x" * 600}],
)  # fmt: skip
def test_bad_query_parameters_are_422(server: Running, params: dict[str, str]) -> None:
    response = server.client.get("/api/stories", params=params)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_bad_filters_on_the_page_are_400(server: Running) -> None:
    response = server.client.get("/", params={"since": "yesterday"})
    assert response.status_code == 400
    assert "not a date" in response.text


def test_ingest_text_then_find_it(server: Running) -> None:
    response = server.client.post("/api/ingest", json={"texts": [FERRY], "outlet": "Tella Post"})
    assert response.status_code == 202
    job = response.json()["job"]
    assert response.headers["location"] == f"/api/jobs/{job['id']}"
    done = server.wait_for_job(job["id"])
    assert done["state"] == "done", done
    assert done["new"] == 1 and len(done["stories"]) == 1  # type: ignore[arg-type]
    story_id = done["stories"][0]  # type: ignore[index]
    model = server.client.get(f"/api/stories/{story_id}").json()
    assert model["articles"][0]["outlet"] == "Tella Post"
    speakers = [s["name"] for s in model["claims"]["speakers"]]
    assert any("Voss" in name for name in speakers)
    # Indexed for search, speakers included; the cached story list moved on.
    assert server.client.get("/api/stories", params={"q": "Lene Voss"}).json()["total"] == 1
    assert server.client.get("/api/health").json()["articles"] == 17
    # The same text again is already held: no new article, the same story.
    again = server.wait_for_job(
        server.client.post("/api/ingest", json={"texts": [FERRY]}).json()["job"]["id"]
    )
    assert again["new"] == 0 and again["stories"] == [story_id]


def test_upload_files(server: Running) -> None:
    files = [("files", ("ferry.txt", FERRY.encode(), "text/plain"))]
    response = server.client.post("/api/uploads", files=files, data={"outlet": "Tella Post"})
    assert response.status_code == 202
    done = server.wait_for_job(response.json()["job"]["id"])
    assert done["state"] == "done" and done["new"] == 1
    assert done["sources"] == ["upload ferry.txt"]


def test_a_bad_upload_is_reported_and_the_others_read(server: Running) -> None:
    files = [
        ("files", ("empty.txt", b"", "text/plain")),
        ("files", ("broken.jsonl", b'{"text": "unterminated\n', "application/json")),
        ("files", ("ferry.txt", FERRY.encode(), "text/plain")),
    ]
    response = server.client.post("/api/uploads", files=files)
    assert response.status_code == 202
    done = server.wait_for_job(response.json()["job"]["id"])
    assert done["state"] == "done"
    assert done["new"] == 1
    assert any("broken.jsonl" in e for e in done["errors"])  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"{not json", 422),
        (b'{"texts": "one string"}', 422),
        (b'{"texts": [], "urls": []}', 400),
        (b'{"urls": ["ftp://example.org/a"]}', 400),
        (b'{"texts": ["x"], "surprise": 1}', 422),
        (b"[]", 422),
    ],
)
def test_malformed_ingest_requests(server: Running, body: bytes, status: int) -> None:
    response = server.client.post(
        "/api/ingest", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == status, response.text
    assert response.json()["detail"]
    assert server.client.get("/api/health").status_code == 200


def test_oversized_bodies_are_refused(serve: ServerFactory) -> None:
    server = serve(settings=Settings().replace("web", max_upload_bytes=10_000))
    big = [("files", ("big.txt", b"word " * 5_000, "text/plain"))]
    response = server.client.post("/api/uploads", files=big)
    assert response.status_code == 413
    assert "10000-byte limit" in response.json()["detail"]
    assert response.headers["content-security-policy"] == CSP

    # Sent in chunks with no Content-Length: counted as it arrives.
    def chunks() -> Any:
        for _ in range(100):
            yield b'{"texts": ["' + b"a" * 200 + b'"]}'

    chunked = server.client.post(
        "/api/ingest", content=chunks(), headers={"content-type": "application/json"}
    )
    assert chunked.status_code == 413
    assert server.client.get("/api/health").json()["status"] == "ok"


def test_private_addresses_are_refused(server: Running) -> None:
    response = server.client.post("/api/ingest", json={"urls": ["http://127.0.0.1:9/feed"]})
    done = server.wait_for_job(response.json()["job"]["id"])
    assert done["state"] == "failed" and done["new"] == 0
    errors = " ".join(done["errors"])  # type: ignore[arg-type]
    assert "127.0.0.1" in errors and "private" in errors.lower()


def test_a_token_guards_writes(serve: ServerFactory) -> None:
    server = serve(token="s3cret")
    refused = server.client.post("/api/ingest", json={"texts": [FERRY]})
    assert refused.status_code == 401
    wrong = server.client.post(
        "/api/ingest", json={"texts": [FERRY]}, headers={"authorization": "Bearer nope"}
    )
    assert wrong.status_code == 401
    accepted = server.client.post(
        "/api/ingest", json={"texts": [FERRY]}, headers={"authorization": "Bearer s3cret"}
    )
    assert accepted.status_code == 202
    # Reads stay open; the add form asks for the token and checks it.
    assert server.client.get("/api/stories").status_code == 200
    form = server.client.get("/add").text
    assert 'name="token"' in form
    page = server.client.post("/add", data={"text": FERRY, "token": "nope"})
    assert page.status_code == 401 and "token" in page.text
    ok = server.client.post("/add", data={"text": FERRY, "token": "s3cret"})
    assert ok.status_code == 303 and ok.headers["location"].startswith("/jobs/")


def test_writes_from_another_site_are_refused(server: Running) -> None:
    for headers in ({"origin": "https://evil.example"}, {"sec-fetch-site": "cross-site"}):
        api = server.client.post("/api/ingest", json={"texts": [FERRY]}, headers=headers)
        assert api.status_code == 403
        form = server.client.post("/add", data={"text": FERRY}, headers=headers)
        assert form.status_code == 403
    same = server.client.post("/add", data={"text": FERRY}, headers={"origin": server.url})
    assert same.status_code == 303
    # What Chromium sends for its own form under a strict referrer policy: Origin null,
    # but Sec-Fetch-Site says the page is ours.
    ours = {"origin": "null", "sec-fetch-site": "same-origin"}
    assert server.client.post("/add", data={"text": FERRY}, headers=ours).status_code == 303
    sibling = {"sec-fetch-site": "same-site"}  # another port or subdomain of this host
    assert server.client.post("/add", data={"text": FERRY}, headers=sibling).status_code == 403


def test_a_file_sent_as_a_text_field_is_refused(server: Running) -> None:
    files = {"text": ("note.txt", b"not a form field", "text/plain")}
    response = server.client.post("/add", files=files)
    assert response.status_code == 400 and "text" in response.text
    assert server.client.get("/api/health").json()["articles"] == 16


def test_the_add_form_says_what_is_missing(server: Running) -> None:
    empty = server.client.post("/add", data={"text": "  "})
    assert empty.status_code == 400 and "nothing to add" in empty.text
    bad_url = server.client.post("/add", data={"urls": "not a url"})
    assert bad_url.status_code == 400 and "not an http" in bad_url.text


def test_pages_answer_head(server: Running) -> None:
    for path in ("/", "/add", "/api"):
        response = server.client.head(path)
        assert response.status_code == 200 and response.content == b"", path


def test_every_response_carries_the_policy(server: Running) -> None:
    for path in ("/", "/add", "/api", "/api/stories", "/nope", "/static/corroborate.css"):
        headers = server.client.get(path).headers
        assert headers["content-security-policy"] == CSP, path
        assert "script-src 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


def test_article_text_is_escaped(server: Running) -> None:
    hostile = (
        "Harbour notice <script>alert(0)</script>\n\n"
        "Boats must keep clear <script>alert(1)</script> of the north quay.\n\n"
        'The notice said <img src=x onerror="alert(2)"> and '
        '<a href="javascript:alert(3)">click here</a>, the harbour office said on Monday.\n'
    )
    files = [("files", ("notice.txt", hostile.encode(), "text/plain"))]
    job = server.client.post("/api/uploads", files=files).json()["job"]
    done = server.wait_for_job(job["id"])
    article_id = server.client.get(f"/api/stories/{done['stories'][0]}").json()["articles"][0]["id"]  # type: ignore[index]
    stored = server.client.get(f"/api/articles/{article_id}").json()["text"]
    assert "<script>" in stored  # kept as the text it is...
    for page in (f"/articles/{article_id}", f"/stories/{done['stories'][0]}"):  # type: ignore[index]
        html = server.client.get(page).text
        assert "<script>alert" not in html  # ...and shown escaped
        assert "&lt;script&gt;" in html
        assert "<img src=x" not in html and 'href="javascript:' not in html


def test_static_files_are_looked_up_by_name_only(server: Running) -> None:
    assert server.client.get("/static/corroborate.css").status_code == 200
    for path in ("/static/..%2F..%2Fpyproject.toml", "/static/%2Fetc%2Fpasswd", "/static/app.css"):
        assert server.client.get(path).status_code == 404, path


def test_openapi_describes_every_api_endpoint(server: Running) -> None:
    spec = server.client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {
        "/api/health", "/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}",
        "/api/outlets", "/api/ingest", "/api/uploads", "/api/jobs/{job_id}",
    } == paths  # fmt: skip
    listing = server.client.get("/api").text
    for path in paths:
        assert path in listing
    json.dumps(spec)  # plain JSON all through


def test_server_survives_a_burst_of_bad_requests(server: Running) -> None:
    with httpx.Client(base_url=server.url, timeout=10) as client:
        for n in range(30):
            client.post(
                "/api/ingest", content=b"\xff" * n, headers={"content-type": "application/json"}
            )
            client.get(f"/api/stories/{'x' * 300}")
    assert server.client.get("/api/health").json()["status"] == "ok"
