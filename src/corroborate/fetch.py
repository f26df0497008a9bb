"""Fetching URLs safely: timeout, size cap, limited redirects, no private addresses.

Every hop of a redirect chain is checked, so a public page cannot redirect the
fetcher into the local network. (A host that resolves differently between the check
and the connection — DNS rebinding — is not covered; run untrusted fetches in a
sandbox if that matters.)
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from corroborate.errors import FetchError
from corroborate.settings import FetchSettings

__all__ = ["DEADLINE_FACTOR", "Fetched", "Fetcher", "is_url"]

Resolver = Callable[[str], list[str]]
Clock = Callable[[], float]

# A whole fetch (redirects, headers and body) may take this many times fetch.timeout_s.
# timeout_s bounds each read, so without this a server that trickles bytes, each within
# timeout_s, would hold the run for ever. 4 leaves a slow but steady server (a 10 MB page
# at 200 KB/s, with the default 15 s) room to finish.
DEADLINE_FACTOR = 4


def is_url(source: str) -> bool:
    """Whether ``source`` is an http(s) URL; the scheme in any case ("HTTP://...")."""
    return source[:8].lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content_type: str  # "text/html", lower case, without parameters
    charset: str | None
    data: bytes


def _resolve(host: str) -> list[str]:
    return [str(info[4][0]) for info in socket.getaddrinfo(host, None)]


class Fetcher:
    """Fetches URLs under :class:`FetchSettings`. ``transport``, ``resolver`` and ``clock``
    can be swapped (tests, proxies); by default they are httpx's and the system's."""

    def __init__(
        self,
        settings: FetchSettings | None = None,
        transport: httpx.BaseTransport | None = None,
        resolver: Resolver = _resolve,
        clock: Clock = time.monotonic,
    ) -> None:
        self.settings = settings or FetchSettings()
        self._resolver = resolver
        self._transport = transport
        self._clock = clock
        self._http: httpx.Client | None = None

    @property
    def _client(self) -> httpx.Client:
        # Made on first use: building its TLS context takes tens of milliseconds, which
        # a run over local files should not pay.
        if self._http is None:
            self._http = httpx.Client(
                transport=self._transport,
                timeout=self.settings.timeout_s,
                follow_redirects=False,
                headers={"User-Agent": self.settings.user_agent},
            )
        return self._http

    def close(self) -> None:
        if self._http is not None:
            self._http.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(self, url: str) -> Fetched:
        """The response body of ``url``, redirects followed; raises :class:`FetchError`.

        The whole fetch may take ``DEADLINE_FACTOR * timeout_s``: checked between redirects
        and between chunks of the body. (Headers trickled in are not covered: httpx has
        no hook between their reads, and they are bounded in size.)"""
        deadline = self._clock() + self.settings.timeout_s * DEADLINE_FACTOR
        current = url
        for _ in range(self.settings.max_redirects + 1):
            self._check_deadline(url, deadline)
            self._check_address(url, current)
            try:
                with self._client.stream("GET", current) as response:
                    if response.is_redirect:
                        location = response.headers.get("Location")
                        if not location:
                            raise FetchError(
                                url, f"redirect without a Location (HTTP {response.status_code})"
                            )
                        current = urljoin(current, location)
                        continue
                    if response.status_code != 200:
                        raise FetchError(
                            url, f"HTTP {response.status_code} {response.reason_phrase}"
                        )
                    data = self._read_capped(url, response, deadline)
                    content_type, _, params = response.headers.get("Content-Type", "").partition(
                        ";"
                    )
                    charset = params.partition("charset=")[2].strip(" \"'") or None
                    return Fetched(str(response.url), content_type.strip().lower(), charset, data)
            except httpx.TimeoutException as exc:
                raise FetchError(url, f"timed out after {self.settings.timeout_s:g} s") from exc
            except httpx.InvalidURL as exc:  # not an HTTPError: "http://host:abc/"
                raise FetchError(url, f"invalid URL {current!r} ({exc})") from exc
            except httpx.HTTPError as exc:
                raise FetchError(url, f"cannot fetch ({type(exc).__name__}: {exc})") from exc
        raise FetchError(url, f"more than {self.settings.max_redirects} redirects")

    def _check_deadline(self, url: str, deadline: float) -> None:
        if self._clock() > deadline:
            raise FetchError(
                url,
                f"took longer than {self.settings.timeout_s * DEADLINE_FACTOR:g} s in all "
                f"({DEADLINE_FACTOR} × fetch.timeout_s); the server is too slow",
            )

    def _read_capped(self, url: str, response: httpx.Response, deadline: float) -> bytes:
        limit = self.settings.max_bytes
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise FetchError(
                url, f"response of {int(declared)} bytes is over the {limit}-byte limit"
            )
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(url, f"response is over the {limit}-byte limit")
            chunks.append(chunk)
            self._check_deadline(url, deadline)
        return b"".join(chunks)

    def _check_address(self, url: str, current: str) -> None:
        try:
            parts = urlsplit(current)
        except ValueError as exc:  # "http://[::1" (an unclosed IPv6 bracket)
            raise FetchError(url, f"invalid URL {current!r} ({exc})") from exc
        if parts.scheme not in ("http", "https"):
            raise FetchError(url, f"refused: scheme {parts.scheme!r} (only http and https)")
        host = parts.hostname
        if not host:
            raise FetchError(url, "no host in URL")
        try:  # the codec the resolver and the connection use: "example..com" fails here
            host.encode("idna")
        except UnicodeError as exc:
            raise FetchError(url, _bad_host(host, exc)) from exc
        if self.settings.allow_private:
            return
        try:
            addresses = self._resolver(host)
        except OSError as exc:
            raise FetchError(url, f"cannot resolve host {host!r} ({exc})") from exc
        except ValueError as exc:  # UnicodeError too: a name the resolver cannot encode
            raise FetchError(url, _bad_host(host, exc)) from exc
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%")[0])
            if not ip.is_global:
                raise FetchError(
                    url,
                    f"refused: {host} is a private or loopback address ({ip}); "
                    "set fetch.allow_private = true to allow it",
                )


def _bad_host(host: str, exc: ValueError) -> str:
    # "encoding with 'idna' codec failed (UnicodeError: label empty or too long)"
    reason = str(exc).rpartition("UnicodeError: ")[2].rstrip(")") or type(exc).__name__
    hint = "; each part between dots has 1 to 63 characters" if "label" in reason else ""
    return f"invalid host name {host!r} ({reason}){hint}"
