"""The JSON API: the pages' records as JSON, described at ``/openapi.json``.

A story is the records of ``corroborate report --format json`` for that story's
articles (documented in docs/report-json.md); writes (``/api/ingest``,
``/api/uploads``) answer 202 with a job to poll at ``/api/jobs/{id}``.
"""

from __future__ import annotations

import json
import math
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from corroborate import __version__
from corroborate.ingest import Source, Upload
from corroborate.report.stories import story_summary
from corroborate.web.context import Web, web_of
from corroborate.web.jobs import Busy
from corroborate.web.sources import AddError, collect_sources, upload_name

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["api"])

Text = Annotated[str, StringConstraints(max_length=5_000_000)]
Url = Annotated[str, StringConstraints(max_length=2_000)]


class IngestRequest(BaseModel):
    """Articles to add: pasted texts (plain text or HTML) and URLs of pages or feeds."""

    model_config = ConfigDict(extra="forbid")
    texts: list[Text] = Field(default_factory=list, max_length=1_000)
    urls: list[Url] = Field(default_factory=list, max_length=1_000)
    outlet: Annotated[str, StringConstraints(max_length=300)] | None = None


@router.get("/health", summary="Whether the server is up, and what the store holds")
def health(request: Request) -> dict[str, Any]:
    web = web_of(request)
    return {"status": "ok", "version": __version__, "busy": web.jobs.busy()} | web.reader.counts()


@router.get("/stories", summary="Stories, newest first; search and filters as on the page")
def stories(
    request: Request,
    q: str = Query("", max_length=500, description="words in titles, texts, speakers, outlets"),
    outlet: str | None = Query(None, max_length=300),
    since: Annotated[date | None, Query(description="with an article on or after this day")] = None,
    until: Annotated[
        date | None, Query(description="with an article on or before this day")
    ] = None,
    page: int = Query(1, ge=1, le=1_000_000),
) -> dict[str, Any]:
    web = web_of(request)
    size = web.settings.web.page_size
    found = web.reader.stories(q, outlet, since, until, size, (page - 1) * size)
    return {
        "total": found.total,
        "page": page,
        "pages": max(1, math.ceil(found.total / size)),
        "page_size": size,
        "stories": [story_summary(s) for s in found.stories],
    }


@router.get(
    "/stories/{story_id}",
    summary="One story: every report section for its articles",
    response_class=JSONResponse,
    responses={200: {"content": {"application/json": {"schema": {"type": "object"}}}}},
)
def story(request: Request, story_id: str = Path(max_length=200)) -> Response:
    reader = web_of(request).reader
    text = reader.page("story.json", story_id, lambda: _dumps(reader.story(story_id)))
    if text is None:
        raise HTTPException(404, f"there is no story {story_id!r} in this store")
    return _json(text)


@router.get(
    "/articles/{article_id}",
    summary="One article: text, claims and shared passages",
    response_class=JSONResponse,
    responses={200: {"content": {"application/json": {"schema": {"type": "object"}}}}},
)
def article(request: Request, article_id: str = Path(max_length=200)) -> Response:
    reader = web_of(request).reader

    def build() -> str | None:
        model = reader.article(article_id)
        return (
            None if model is None else _dumps({k: v for k, v in model.items() if k != "segments"})
        )

    text = reader.page("article.json", article_id, build)
    if text is None:
        raise HTTPException(404, f"there is no article {article_id!r} in this store")
    return _json(text)


def _dumps(record: dict[str, Any] | None) -> str | None:
    return None if record is None else json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def _json(text: str) -> Response:
    """Records already made JSON (and cached so): sent as they are."""
    return Response(text, media_type="application/json")


@router.get("/outlets", summary="Outlets with the number of articles seen at each")
def outlets(request: Request) -> list[dict[str, Any]]:
    return [{"outlet": name, "articles": n} for name, n in web_of(request).reader.outlets()]


def _accepted(web: Web, sources: list[Source], outlet: str | None) -> JSONResponse:
    try:
        job = web.jobs.submit(sources, outlet)
    except Busy as exc:
        raise HTTPException(503, str(exc), headers={"retry-after": "10"}) from None
    return JSONResponse(
        {"job": job.record()}, status_code=202, headers={"location": f"/api/jobs/{job.id}"}
    )


@router.post("/ingest", status_code=202, summary="Add pasted texts and URLs (a background job)")
def ingest(request: Request, body: IngestRequest) -> JSONResponse:
    web = web_of(request)  # the token and the origin were checked before (WriteGuard)
    try:
        sources = collect_sources(body.texts, body.urls, [], web.settings.web.max_sources)
    except AddError as exc:
        raise HTTPException(400, str(exc)) from None
    return _accepted(web, sources, body.outlet)


@router.post("/uploads", status_code=202, summary="Add uploaded files (a background job)")
async def uploads(
    request: Request,
    files: Annotated[list[UploadFile], File(description="article files in any input format")],
    outlet: Annotated[str | None, Form(max_length=300)] = None,
) -> JSONResponse:
    web = web_of(request)
    held = [Upload(upload_name(f.filename, n), await f.read()) for n, f in enumerate(files, 1)]
    try:
        sources = collect_sources([], [], held, web.settings.web.max_sources)
    except AddError as exc:
        raise HTTPException(400, str(exc)) from None
    return _accepted(web, sources, outlet)


@router.get("/jobs/{job_id}", summary="An add's progress, and the stories its articles are in")
def job(request: Request, job_id: str = Path(max_length=200)) -> dict[str, Any]:
    found = web_of(request).jobs.get(job_id)
    if found is None:
        raise HTTPException(404, f"there is no job {job_id!r} (jobs are kept until restart)")
    return found.record()
