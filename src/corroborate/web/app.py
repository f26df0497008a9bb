"""The web app: ``create_app(db_path)`` builds it, ``corroborate serve`` runs it.

Pages (pages.py) and the JSON API (api.py) read the store through a cached reader
(reader.py); adds run as background jobs (jobs.py); security.py says what keeps
untrusted text and requests harmless.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import PackageLoader
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from corroborate import __version__
from corroborate.report.render import html_environment
from corroborate.settings import Settings
from corroborate.store import Store
from corroborate.web import api, pages
from corroborate.web.context import Web
from corroborate.web.jobs import Jobs
from corroborate.web.reader import StoreReader
from corroborate.web.security import BodyLimit, SecurityHeaders, WriteGuard

__all__ = ["create_app", "lay_out_newest"]

log = logging.getLogger(__name__)

# Seconds the newest stories' pages may take to lay out after an add (see lay_out_newest).
PREWARM_S = 30.0

_DESCRIPTION = (
    "Read many news reports of the same events: stories, who copied whom, who said what, "
    "what is corroborated and where reports conflict. A story's record is the same as "
    "`corroborate report --format json` gives for its articles."
)


def _static() -> dict[str, tuple[bytes, str]]:
    """The stylesheet (the report's own styles, then the app's) and the icon."""
    report = resources.files("corroborate.report") / "templates"
    web = resources.files("corroborate.web") / "static"
    css = "\n".join(
        (folder / name).read_text(encoding="utf-8")
        for folder, name in (
            (report, "report.css"),
            (report, "corroboration.css"),
            (web, "app.css"),
        )
    )
    icon = (web / "favicon.svg").read_bytes()
    return {
        "corroborate.css": (css.encode("utf-8"), "text/css; charset=utf-8"),
        "favicon.svg": (icon, "image/svg+xml"),
    }


def create_app(
    db_path: str | Path,
    *,
    settings: Settings | None = None,
    token: str | None = None,
    allowed_hosts: Sequence[str] | None = None,
) -> FastAPI:
    """The app over the store at ``db_path`` (created empty when missing). ``token``:
    writes (adding articles) need it. ``allowed_hosts``: the names requests may address
    it by (a server on loopback answers only to loopback names, so a web page whose
    domain is made to resolve to 127.0.0.1 cannot read or write through it)."""
    settings = settings or Settings()
    Store(db_path).close()  # creates or migrates it, and fails early on a foreign file
    reader = StoreReader(db_path, settings)
    jobs = Jobs(db_path, settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        jobs.stop()
        reader.close()

    app = FastAPI(
        title="corroborate",
        version=__version__,
        description=_DESCRIPTION,
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN: /api lists the API
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.web = web = Web(
        reader=reader,
        jobs=jobs,
        settings=settings,
        templates=html_environment(PackageLoader("corroborate.web", "templates")),
        static=_static(),
        token=token,
    )
    jobs.after = lambda job: lay_out_newest(web)  # nothing is queued before this
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(Exception, _unexpected)
    # The last added runs first: headers go on every response, refusals included; a
    # write is checked before its body is read, and the body is capped before parsing.
    app.add_middleware(BodyLimit, max_bytes=settings.web.max_upload_bytes)
    app.add_middleware(WriteGuard, token=token)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.add_middleware(SecurityHeaders)
    return app


def lay_out_newest(web: Web) -> int:
    """Lay out the pages of the newest stories before anyone asks (run after each add,
    and at start): an editor's first look at a story that just grew is a cache hit.
    Bounded in time, since the next add waits for it. Returns how many were laid out."""
    deadline = time.monotonic() + PREWARM_S
    newest = web.reader.stories(limit=web.settings.web.prewarm_stories).stories
    done = 0
    for story in newest:
        if time.monotonic() > deadline:
            break
        pages.story_html(web, story.id)
        done += 1
    return done


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, message: str, headers: Any = None) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    try:
        return pages.render_page(request, "error.html", status, status=status, message=message)
    except Exception:  # the error page itself failed (the store went away): plain text
        log.exception("cannot render the error page")
        return HTMLResponse(f"error {status}", status_code=status)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return _error(request, exc.status_code, str(exc.detail), getattr(exc, "headers", None))


async def _invalid_request(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    if _wants_json(request):
        return JSONResponse({"detail": _jsonable(exc.errors())}, status_code=422)
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', ())[1:])}: {e.get('msg', 'invalid')}"
        for e in exc.errors()
    )
    return _error(request, 400, problems or "invalid request")


def _jsonable(errors: Any) -> Any:
    """Validation errors without the raw input objects (bytes, exceptions) in them."""
    return [{k: v for k, v in e.items() if k in ("type", "loc", "msg")} for e in errors]


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("error serving %s", request.url.path, exc_info=exc)
    return _error(request, 500, f"internal error ({type(exc).__name__}); the server goes on")
