"""What every request handler of the web app shares, kept on ``app.state.web``."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request
from jinja2 import Environment

from corroborate.settings import Settings
from corroborate.web.jobs import Jobs
from corroborate.web.reader import StoreReader

__all__ = ["Web", "web_of"]


@dataclass
class Web:
    reader: StoreReader
    jobs: Jobs
    settings: Settings
    templates: Environment
    static: dict[str, tuple[bytes, str]]  # name -> (content, media type), all in memory
    token: str | None = None


def web_of(request: Request) -> Web:
    web: Web = request.app.state.web
    return web
