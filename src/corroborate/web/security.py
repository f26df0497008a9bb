"""What keeps untrusted article text and untrusted requests harmless.

* Every response carries a Content-Security-Policy with no script source at all: the
  pages work without JavaScript, so even text that slipped past escaping could not run.
  Styles and pictures come from the app itself (SVG is inline markup, drawn and escaped
  on the server).
* Request bodies are capped before anything parses them (:class:`BodyLimit`).
* Writes can require a token (``--token``), compared in constant time, and a browser
  form posted from another site is refused (its Origin is not ours).
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request

__all__ = ["CSP", "BodyLimit", "SecurityHeaders", "WriteGuard", "cross_site", "token_ok"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = (
    "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),  # links out to article URLs tell nothing
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeaders:
    """Adds the policy headers to every response, errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    header for header in _HEADERS if header[0] not in names
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class WriteGuard:
    """Refuses a write before its body is read: one posted from another site's page
    (403), and an API write without the token (401). The add form sends its token in
    the body, so the page checks that one itself."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            request = Request(scope)
            if cross_site(request):
                await _refuse(send, 403, "a write from another site's page is refused")
                return
            if scope["path"].startswith("/api/") and not token_ok(self.token, request):
                await _refuse(
                    send, 401, "this server requires a token: Authorization: Bearer TOKEN",
                    [(b"www-authenticate", b"Bearer")],
                )  # fmt: skip
                return
        await self.app(scope, receive, send)


class BodyLimit:
    """Refuses a request body over ``max_bytes`` with 413 before the app reads it.

    A declared Content-Length over the cap is refused at once; a body sent in chunks is
    counted as it arrives, held in memory (never on disk) and handed on only when it
    is all there and under the cap."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                await _refuse(send, 400, "Content-Length is not a number")
                return
            if int(declared) > self.max_bytes:
                await self._too_large(send)
                return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._too_large(send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        handed = False

        async def replay() -> Message:
            nonlocal handed
            if not handed:
                handed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, send: Send) -> None:
        await _refuse(
            send, 413, f"request body over the {self.max_bytes}-byte limit (web.max_upload_bytes)"
        )


async def _refuse(
    send: Send, status: int, detail: str, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def token_ok(expected: str | None, request: Request, form_token: str | None = None) -> bool:
    """Whether a write may go ahead: no token configured, or the right one given as
    ``Authorization: Bearer T`` (the API) or in the form (the add page)."""
    if not expected:
        return True
    given = form_token
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        given = header[7:].strip()
    return given is not None and secrets.compare_digest(given.encode(), expected.encode())


def cross_site(request: Request) -> bool:
    """A browser request sent from a page of another site (a form on a page the user
    visited, posting to this app on their machine). Browsers say where a request comes
    from in Sec-Fetch-Site; without it, the Origin must be this host. Clients that are
    not browsers (curl, scripts) send neither and are let through: the token guards them."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site not in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is None:
        return False
    return origin == "null" or urlsplit(origin).netloc != request.headers.get("host", "")
