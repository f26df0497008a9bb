"""The HTML pages: stories, a story, an article, the add page and a job's progress.

Pages are rendered on the server with Jinja2's autoescaping; they need no script (the
Content-Security-Policy allows none): search and filters are a GET form, citations
open with ``<details>``, and a running job's page reloads itself with a meta refresh.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from corroborate.ingest import Upload
from corroborate.report.graph import dependence_svg
from corroborate.report.stories import story_summary
from corroborate.web.context import Web, web_of
from corroborate.web.jobs import Busy
from corroborate.web.security import token_ok
from corroborate.web.sources import AddError, collect_sources, upload_name

__all__ = ["parse_day", "render_page", "router", "story_html"]

router = APIRouter(include_in_schema=False)


def render_html(request: Request | Web, name: str, **context: Any) -> str:
    web = request if isinstance(request, Web) else web_of(request)
    return web.templates.get_template(name).render(
        counts=web.reader.counts(), token_needed=bool(web.token), **context
    )


def render_page(
    request: Request, name: str, status_code: int = 200, **context: Any
) -> HTMLResponse:
    return HTMLResponse(render_html(request, name, **context), status_code=status_code)


def parse_day(value: str | None, name: str) -> date | None:
    """A date filter as a form sends it: empty means none."""
    if not value or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(400, f"{name}: {value[:40]!r} is not a date (YYYY-MM-DD)") from None


@router.api_route("/", methods=["GET", "HEAD"], response_class=HTMLResponse)
def stories_page(
    request: Request,
    q: str = Query("", max_length=500),
    outlet: str = Query("", max_length=300),
    since: str = Query("", max_length=40),
    until: str = Query("", max_length=40),
    page: int = Query(1, ge=1, le=1_000_000),
) -> HTMLResponse:
    web = web_of(request)
    size = web.settings.web.page_size
    first, last = parse_day(since, "since"), parse_day(until, "until")
    found = web.reader.stories(q, outlet or None, first, last, size, (page - 1) * size)
    pages = max(1, math.ceil(found.total / size))
    filters = {"q": q, "outlet": outlet, "since": since, "until": until}

    def page_link(number: int) -> str:
        return "/?" + urlencode({k: v for k, v in filters.items() if v} | {"page": number})

    return render_page(
        request,
        "stories.html",
        busy=web.jobs.busy(),
        stories=[story_summary(s) for s in found.stories],
        total=found.total,
        filters=filters,
        filtered=any(filters.values()),
        page=page,
        pages=pages,
        first_number=(page - 1) * size + 1,
        page_link=page_link,
        outlets=web.reader.outlets(),
    )


@router.api_route("/stories/{story_id}", methods=["GET", "HEAD"], response_class=HTMLResponse)
def story_page(request: Request, story_id: str = Path(max_length=200)) -> HTMLResponse:
    # The finished page is cached as text, apart from the story's records: a big story's
    # page takes longer to lay out than to send, and the records need not stay in memory.
    html = story_html(web_of(request), story_id)
    if html is None:
        raise HTTPException(404, f"there is no story {story_id!r} in this store")
    return HTMLResponse(html)


def story_html(web: Web, story_id: str) -> str | None:
    """A story's page, from the cache or made now (and cached); None: no such story."""

    def build() -> str | None:
        model = web.reader.story(story_id)
        return None if model is None else _story_html(web, model)

    return web.reader.page("story", story_id, build)


def _story_html(web: Web, model: dict[str, Any]) -> str:
    graph = dependence_svg(model["articles"], model["reuse"]["links"], model["reuse"]["groups"])
    ids = {a["number"]: a["id"] for a in model["articles"]}

    def span_href(cited: dict[str, Any]) -> str:
        """A citation opens the article's page on the cited claim."""
        claim = cited.get("claim") or cited.get("id")
        return f"/articles/{ids[cited['article']]}#claim-{claim}"

    return render_html(web, "story.html", s=model, graph=graph, span_href=span_href)


@router.api_route("/articles/{article_id}", methods=["GET", "HEAD"], response_class=HTMLResponse)
def article_page(request: Request, article_id: str = Path(max_length=200)) -> HTMLResponse:
    reader = web_of(request).reader

    def build() -> str | None:
        model = reader.article(article_id)
        return None if model is None else render_html(request, "article.html", a=model)

    html = reader.page("article", article_id, build)
    if html is None:
        raise HTTPException(404, f"there is no article {article_id!r} in this store")
    return HTMLResponse(html)


@router.api_route("/add", methods=["GET", "HEAD"], response_class=HTMLResponse)
def add_page(request: Request) -> HTMLResponse:
    return render_page(request, "add.html", form={})


@router.post("/add", response_model=None)
async def add_submit(request: Request) -> Response:
    web = web_of(request)  # another site's post was refused before (WriteGuard)
    limit = web.settings.web.max_upload_bytes
    async with request.form(
        max_files=web.settings.web.max_sources, max_fields=20, max_part_size=limit
    ) as form:
        given = {name: form.get(name) for name in ("text", "urls", "outlet", "token")}
        misplaced = [
            name
            for name, value in given.items()
            if value is not None and not isinstance(value, str)
        ]
        if misplaced:
            raise HTTPException(400, f"{', '.join(misplaced)}: a file was sent where text belongs")
        fields = {name: str(value or "") for name, value in given.items()}
        files = [
            Upload(upload_name(item.filename, n), await item.read())
            for n, item in enumerate(form.getlist("files"), 1)
            if not isinstance(item, str)
        ]
    if not token_ok(web.token, request, fields["token"] or None):
        return render_page(
            request, "add.html", 401, form=fields, error="the token is missing or wrong"
        )
    try:
        sources = collect_sources(
            [fields["text"]], [fields["urls"]], files, web.settings.web.max_sources
        )
    except AddError as exc:
        return render_page(request, "add.html", 400, form=fields, error=str(exc))
    try:
        job = web.jobs.submit(sources, fields["outlet"].strip() or None)
    except Busy as exc:
        return render_page(request, "add.html", 503, form=fields, error=str(exc))
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.api_route("/jobs/{job_id}", methods=["GET", "HEAD"], response_class=HTMLResponse)
def job_page(request: Request, job_id: str = Path(max_length=200)) -> HTMLResponse:
    web = web_of(request)
    job = web.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"there is no job {job_id!r} (jobs are kept until restart)")
    with web.reader.reading() as store:
        stories = [s for s in map(store.story, job.stories) if s is not None]
    return render_page(request, "job.html", job=job.record(), stories=stories)


@router.api_route("/api", methods=["GET", "HEAD"], response_class=HTMLResponse)
def api_page(request: Request) -> HTMLResponse:
    """The JSON API's endpoints, listed from its OpenAPI description."""
    spec = request.app.openapi()
    endpoints = [
        {"method": method.upper(), "path": path, "summary": op.get("summary", "")}
        for path, item in spec["paths"].items()
        for method, op in item.items()
    ]
    return render_page(request, "api.html", endpoints=endpoints)


@router.get("/static/{name}")
def static_file(request: Request, name: str = Path(max_length=60)) -> Response:
    """Files shipped in the package, looked up by name in memory (never a path)."""
    found = web_of(request).static.get(name)
    if found is None:
        raise HTTPException(404, f"no static file {name!r}")
    content, media_type = found
    return Response(content, media_type=media_type, headers={"cache-control": "max-age=3600"})
