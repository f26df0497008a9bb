"""Fetching over HTTP: a real server on loopback (those tests carry the project's
``network`` marker: a local server the test starts), and swapped transports and resolvers
for the address checks. No test here leaves this machine."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from corroborate import Article, FetchError, Settings, SourceError, Store, ingest_sources
from corroborate.fetch import DEADLINE_FACTOR, Fetcher, is_url
from corroborate.ingest import read_source

PUBLIC_IP = "93.184.216.34"  # any globally routable address: nothing connects to it here
HTML = {"Content-Type": "text/html; charset=utf-8"}

STORY = [
    "PORTVALE, Estria (CW) — The harbour council of Portvale approved a plan on Thursday to "
    "deepen the east channel so that larger container ships can reach the new terminal.",
    "Dredging will begin in the spring and is expected to take two years, the council said.",
]
FEED_PAGES = {
    "/story/1.html": (
        "Ferries resume after storm",
        [
            "Ferries between Portvale and the outer islands ran again on Sunday after two days "
            "of high winds kept every boat in the harbour.",
            "Passengers with tickets for the cancelled crossings can use them until the end of "
            "the month, the operator said.",
        ],
    ),
    "/story/2.html": (
        "Dunmere library opens",
        [
            "Dunmere's new library opened on Saturday with a reading marathon that lasted from "
            "dawn until late in the evening, organisers said.",
            "More than two thousand visitors came on the first day, many of them children.",
        ],
    ),
}


def html_page(title: str, paragraphs: list[str], site: str = "Coastal Wire") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        f"<meta property='og:site_name' content='{site}'></head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


def feed(base: str) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><guid>{path}</guid><link>{base}{path}</link>"
        f"<description>{paragraphs[0][:60]}…</description>"
        "<pubDate>Sun, 11 May 2031 09:00:00 +0000</pubDate></item>"
        for path, (title, paragraphs) in FEED_PAGES.items()
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Coastal Wire</title><link>{base}/</link><description>News</description>"
        f"{items}</channel></rss>"
    ).encode()


class Handler(BaseHTTPRequestHandler):
    """Serves the fictional site; the server object carries ``stop`` and ``base``."""

    server: Site

    def do_GET(self) -> None:
        path = self.path
        if path == "/article.html":
            self.send(200, html_page("Portvale to deepen east channel", STORY), "text/html")
        elif path == "/feed.xml":
            self.send(200, feed(self.server.base), "application/rss+xml")
        elif path in FEED_PAGES:
            self.send(200, html_page(*FEED_PAGES[path]), "text/html; charset=utf-8")
        elif path.startswith("/redirect/"):
            left = int(path.rsplit("/", 1)[1])
            target = "/article.html" if left == 0 else f"/redirect/{left - 1}"
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/huge-declared":
            self.send(200, b"x" * 200_000, "text/html")
        elif path == "/huge-streamed":
            self.stream_without_length(b"<p>" + b"y" * 199_993 + b"</p>")
        elif path == "/slow":
            self.server.stop.wait(timeout=5)  # longer than the client waits; ended at shutdown
            self.send(200, html_page("Late", STORY), "text/html")
        elif path == "/trickle":
            self.trickle()
        else:
            self.send(404, b"not here", "text/plain")

    def send(self, status: int, body: bytes, content_type: str) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the client gave up (size cap, timeout): nothing to report
            pass

    def stream_without_length(self, body: bytes) -> None:
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # HTTP/1.0 without Content-Length: the body ends at close
            for start in range(0, len(body), 8192):
                self.wfile.write(body[start : start + 8192])
        except OSError:
            pass

    def trickle(self) -> None:
        """A byte every 0.1 s, each well within the client's read timeout, for 10 s."""
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<p>")
            for _ in range(100):
                if self.server.stop.wait(timeout=0.1):
                    return
                self.wfile.write(b"x")
                self.wfile.flush()
        except OSError:  # the client gave up
            pass

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output quiet


class Site(ThreadingHTTPServer):
    stop: threading.Event
    base: str


@dataclass
class Server:
    base: str

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    site = Site(("127.0.0.1", 0), Handler)
    site.stop = threading.Event()
    host, port = site.server_address[:2]
    site.base = f"http://{host!s}:{port}"
    thread = threading.Thread(target=site.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(site.base)
    finally:
        site.stop.set()
        site.shutdown()
        site.server_close()
        thread.join(timeout=5)


def loopback_settings(**changes: object) -> Settings:
    return Settings().replace(
        "fetch", allow_private=True, timeout_s=0.5, max_bytes=50_000, max_redirects=3, **changes
    )


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    # An explicit transport: the loopback server is reached directly, never through a
    # proxy named in the environment.
    with Fetcher(loopback_settings().fetch, transport=httpx.HTTPTransport()) as f:
        yield f


def fetch_error(fetch: Callable[[], object]) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch()
    return caught.value


# --- against the loopback server ----------------------------------------------------


@pytest.mark.network
def test_fetches_a_page(server: Server, fetcher: Fetcher) -> None:
    fetched = fetcher.fetch(server.url("/article.html"))

    assert fetched.url == server.url("/article.html")
    assert fetched.content_type == "text/html"
    assert fetched.charset is None
    assert b"deepen the east channel" in fetched.data


@pytest.mark.network
def test_read_source_turns_a_url_into_an_article(server: Server, fetcher: Fetcher) -> None:
    (article,) = read_source(server.url("/article.html"), loopback_settings(), fetcher)

    assert isinstance(article, Article)
    assert article.source == server.url("/article.html")
    assert article.url == server.url("/article.html")
    assert article.title == "Portvale to deepen east channel"
    assert article.outlet == "Coastal Wire"
    assert article.text == "\n\n".join(STORY)
    assert article.dateline is not None and article.dateline.agency == "CW"


@pytest.mark.network
def test_feed_entries_with_only_summaries_are_followed(server: Server, fetcher: Fetcher) -> None:
    items = list(read_source(server.url("/feed.xml"), loopback_settings(), fetcher))

    assert all(isinstance(i, Article) for i in items), items
    by_url = {i.url: i for i in items if isinstance(i, Article)}
    assert set(by_url) == {server.url(path) for path in FEED_PAGES}
    for path, (title, paragraphs) in FEED_PAGES.items():
        article = by_url[server.url(path)]
        assert article.source == f"{server.url('/feed.xml')}#{path}"
        assert article.title == title
        assert article.text == "\n\n".join(paragraphs)  # the page's text, not the summary


@pytest.mark.network
def test_ingest_of_urls_stores_articles_and_reports_failures(
    server: Server, fetcher: Fetcher, store: Store
) -> None:
    urls = [server.url("/article.html"), server.url("/missing"), server.url("/feed.xml")]

    result = ingest_sources(urls, store, loopback_settings(), fetcher=fetcher)

    assert [(e.source, e.reason) for e in result.errors] == [
        (server.url("/missing"), "HTTP 404 Not Found")
    ]
    assert store.count_articles() == 3


@pytest.mark.network
def test_redirects_within_the_limit_are_followed(server: Server, fetcher: Fetcher) -> None:
    fetched = fetcher.fetch(server.url("/redirect/2"))  # three hops: the limit

    assert fetched.url == server.url("/article.html")
    assert b"deepen the east channel" in fetched.data


@pytest.mark.network
def test_too_many_redirects_is_an_error(server: Server, fetcher: Fetcher) -> None:
    error = fetch_error(lambda: fetcher.fetch(server.url("/redirect/3")))

    assert error.source == server.url("/redirect/3")
    assert error.reason == "more than 3 redirects"


@pytest.mark.network
def test_response_declared_over_the_size_limit_is_refused(server: Server, fetcher: Fetcher) -> None:
    error = fetch_error(lambda: fetcher.fetch(server.url("/huge-declared")))

    assert error.source == server.url("/huge-declared")
    assert "over the 50000-byte limit" in error.reason


@pytest.mark.network
def test_streamed_response_over_the_size_limit_is_cut_off(server: Server, fetcher: Fetcher) -> None:
    error = fetch_error(lambda: fetcher.fetch(server.url("/huge-streamed")))

    assert error.reason == "response is over the 50000-byte limit"


@pytest.mark.network
def test_slow_server_times_out(server: Server, fetcher: Fetcher) -> None:
    error = fetch_error(lambda: fetcher.fetch(server.url("/slow")))

    assert error.source == server.url("/slow")
    assert error.reason == "timed out after 0.5 s"


@pytest.mark.network
def test_a_server_trickling_bytes_meets_the_whole_fetch_deadline(
    server: Server, fetcher: Fetcher
) -> None:
    started = time.monotonic()

    error = fetch_error(lambda: fetcher.fetch(server.url("/trickle")))

    # timeout_s is 0.5 and every byte comes within it; the whole fetch may take 4 × 0.5 s
    assert error.reason == (
        "took longer than 2 s in all (4 × fetch.timeout_s); the server is too slow"
    )
    assert 2 <= time.monotonic() - started < 4


@pytest.mark.network
def test_not_found_is_an_error_with_the_status(server: Server, fetcher: Fetcher) -> None:
    error = fetch_error(lambda: fetcher.fetch(server.url("/nowhere")))

    assert error.reason == "HTTP 404 Not Found"


@pytest.mark.network
def test_nothing_listening_is_an_error(fetcher: Fetcher) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing answers
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}/"

    error = fetch_error(lambda: fetcher.fetch(url))

    assert error.source == url
    assert "cannot fetch" in error.reason


# --- address checks -----------------------------------------------------------------


def refusing_transport() -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"no request may be sent, got {request.url}")

    return httpx.MockTransport(handler)


@pytest.mark.network
def test_loopback_is_refused_by_default(server: Server) -> None:
    with Fetcher(Settings().fetch, transport=httpx.HTTPTransport()) as strict:
        error = fetch_error(lambda: strict.fetch(server.url("/article.html")))

    assert error.source == server.url("/article.html")
    assert "private or loopback" in error.reason
    assert "127.0.0.1" in error.reason
    assert "fetch.allow_private" in error.reason


@pytest.mark.network
def test_ingest_refuses_loopback_by_default(server: Server, store: Store) -> None:
    result = ingest_sources([server.url("/article.html")], store)

    assert len(result.errors) == 1
    assert "private or loopback" in result.errors[0].reason
    assert store.count_articles() == 0


@pytest.mark.parametrize(
    "address", ["10.0.0.5", "192.168.1.20", "169.254.169.254", "::1", "fd00::5"]
)
def test_a_public_name_resolving_to_a_private_address_is_refused(address: str) -> None:
    with Fetcher(
        Settings().fetch, transport=refusing_transport(), resolver=lambda host: [address]
    ) as strict:
        error = fetch_error(lambda: strict.fetch("https://news.example/story"))

    assert "refused: news.example is a private or loopback address" in error.reason


def test_one_private_address_among_public_ones_is_enough_to_refuse() -> None:
    with Fetcher(
        Settings().fetch,
        transport=refusing_transport(),
        resolver=lambda host: [PUBLIC_IP, "10.0.0.5"],
    ) as strict:
        error = fetch_error(lambda: strict.fetch("https://news.example/story"))

    assert "10.0.0.5" in error.reason


def test_unresolvable_host_is_an_error() -> None:
    def resolver(host: str) -> list[str]:
        raise OSError("Name or service not known")

    with Fetcher(Settings().fetch, transport=refusing_transport(), resolver=resolver) as strict:
        error = fetch_error(lambda: strict.fetch("https://nowhere.example/"))

    assert "cannot resolve host 'nowhere.example'" in error.reason


def test_redirect_from_a_public_host_into_the_private_network_is_refused() -> None:
    requested: list[str] = []
    addresses = {"news.example": [PUBLIC_IP], "intranet.example": ["10.0.0.5"]}

    def handler(request: httpx.Request) -> httpx.Response:
        requested.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://intranet.example/admin"})

    with Fetcher(
        Settings().fetch, transport=httpx.MockTransport(handler), resolver=addresses.__getitem__
    ) as strict:
        error = fetch_error(lambda: strict.fetch("https://news.example/story"))

    assert requested == ["https://news.example/story"]  # the private host was never asked
    assert error.source == "https://news.example/story"
    assert "intranet.example is a private or loopback address" in error.reason


@pytest.mark.parametrize(
    "location", ["http://127.0.0.1:8080/", "http://[::1]/", "file:///etc/passwd"]
)
def test_redirect_to_loopback_or_another_scheme_is_refused(location: str) -> None:
    requested: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requested.append(str(request.url))
        return httpx.Response(301, headers={"Location": location})

    with Fetcher(
        Settings().fetch,
        transport=httpx.MockTransport(handler),
        resolver=lambda host: (
            [host.strip("[]")] if host[0].isdigit() or ":" in host else [PUBLIC_IP]
        ),
    ) as strict:
        error = fetch_error(lambda: strict.fetch("https://news.example/story"))

    assert requested == ["https://news.example/story"]
    assert error.reason.startswith("refused:")


def test_public_pages_are_fetched_through_the_transport() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.headers["User-Agent"] == "corroborate-test"
        if request.url.path == "/old":
            return httpx.Response(301, headers={"Location": "/new"})
        return httpx.Response(
            200,
            content="café".encode("latin-1"),
            headers={"Content-Type": "text/plain; charset=ISO-8859-1"},
        )

    settings = Settings().replace("fetch", user_agent="corroborate-test")
    with Fetcher(
        settings.fetch, transport=httpx.MockTransport(handler), resolver=lambda host: [PUBLIC_IP]
    ) as f:
        fetched = f.fetch("https://news.example/old")

    assert fetched.url == "https://news.example/new"
    assert (fetched.content_type, fetched.charset) == ("text/plain", "ISO-8859-1")
    assert fetched.data == "café".encode("latin-1")


@pytest.mark.parametrize(
    "url",
    ["ftp://news.example/story.txt", "http:///no-host", "http://[::1", "http://news.example:port/"],
)
def test_unusable_urls_are_errors(url: str) -> None:
    with Fetcher(
        Settings().fetch, transport=refusing_transport(), resolver=lambda h: [PUBLIC_IP]
    ) as f:
        error = fetch_error(lambda: f.fetch(url))

    assert error.source == url
    assert error.reason


def test_a_feed_link_with_a_bad_url_is_one_error_not_a_crash(store: Store, tmp_path: Path) -> None:
    feed_file = tmp_path / "links.rss"
    feed_file.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>'
        "<item><title>A</title><guid>a</guid><link>http://news.example:port/a</link>"
        "<description>Short.</description></item></channel></rss>",
        encoding="utf-8",
    )
    with Fetcher(
        Settings().fetch, transport=refusing_transport(), resolver=lambda h: [PUBLIC_IP]
    ) as f:
        result = ingest_sources([str(feed_file)], store, fetcher=f)

    assert len(result.errors) == 1
    assert result.errors[0].source == f"{feed_file}#a"
    assert "invalid URL" in result.errors[0].reason


def test_is_url() -> None:
    assert is_url("https://news.example/a")
    assert is_url("http://news.example/a")
    assert is_url("HTTP://NEWS.EXAMPLE/A")
    assert is_url("Https://news.example/a")
    assert not is_url("news.example/a")
    assert not is_url("/srv/news/a.html")
    assert not is_url("ftp://news.example/a")
    assert not is_url("http:/news.example/a")


def test_a_url_with_an_upper_case_scheme_is_read_as_a_url() -> None:
    requested: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requested.append(str(request.url))
        return httpx.Response(200, content=html_page("Channel", STORY), headers=HTML)

    with Fetcher(
        Settings().fetch, transport=httpx.MockTransport(handler), resolver=lambda h: [PUBLIC_IP]
    ) as f:
        (article,) = read_source("HTTPS://NEWS.EXAMPLE/Story", Settings(), f)

    assert requested == ["https://news.example/Story"]
    assert isinstance(article, Article)
    assert article.source == "HTTPS://NEWS.EXAMPLE/Story"


@pytest.mark.parametrize("allow_private", [False, True], ids=["checked", "private-allowed"])
@pytest.mark.parametrize("host", ["example..com", "a" * 64 + ".example"], ids=["empty", "long"])
def test_an_invalid_host_name_is_a_clear_error(host: str, allow_private: bool) -> None:
    settings = Settings().replace("fetch", allow_private=allow_private)
    with Fetcher(
        settings.fetch, transport=refusing_transport(), resolver=lambda h: [PUBLIC_IP]
    ) as f:
        error = fetch_error(lambda: f.fetch(f"http://{host}/story"))

    assert error.reason == (
        f"invalid host name {host!r} (label empty or too long); "
        "each part between dots has 1 to 63 characters"
    )


def test_a_resolver_that_cannot_encode_the_name_is_a_clear_error() -> None:
    def resolver(host: str) -> list[str]:
        raise UnicodeError("encoding with 'idna' codec failed (UnicodeError: label too long)")

    with Fetcher(Settings().fetch, transport=refusing_transport(), resolver=resolver) as f:
        error = fetch_error(lambda: f.fetch("http://news.example/"))

    assert error.reason.startswith("invalid host name 'news.example' (label too long)")


def test_read_source_reports_an_invalid_host_as_a_fetch_error_not_a_crash() -> None:
    with Fetcher(Settings().fetch, transport=refusing_transport()) as f:
        (error,) = read_source("http://example..com/", Settings(), f)

    assert isinstance(error, FetchError)
    assert "invalid host name 'example..com'" in error.reason
    assert "unexpected" not in error.reason


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_body_that_takes_too_long_in_all_is_cut_off() -> None:
    clock = FakeClock()
    settings = Settings().replace("fetch", timeout_s=10.0)
    sent: list[int] = []

    def chunks() -> Iterator[bytes]:
        for number in range(100):  # each chunk comes within timeout_s, but they never end
            clock.now += 3.0
            sent.append(number)
            yield b"<p>more</p>"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=chunks(), headers=HTML)

    with Fetcher(
        settings.fetch,
        transport=httpx.MockTransport(handler),
        resolver=lambda h: [PUBLIC_IP],
        clock=clock,
    ) as f:
        error = fetch_error(lambda: f.fetch("https://news.example/endless"))

    assert DEADLINE_FACTOR == 4
    assert error.reason == (
        "took longer than 40 s in all (4 × fetch.timeout_s); the server is too slow"
    )
    assert len(sent) == 14  # 14 × 3 s is the first past 40 s


def test_the_deadline_covers_the_whole_redirect_chain() -> None:
    clock = FakeClock()
    settings = Settings().replace("fetch", timeout_s=10.0, max_redirects=20)

    def handler(request: httpx.Request) -> httpx.Response:
        clock.now += 15.0  # each hop within timeout_s
        hop = int(request.url.path.strip("/") or 0)
        return httpx.Response(302, headers={"Location": f"/{hop + 1}"})

    with Fetcher(
        settings.fetch,
        transport=httpx.MockTransport(handler),
        resolver=lambda h: [PUBLIC_IP],
        clock=clock,
    ) as f:
        error = fetch_error(lambda: f.fetch("https://news.example/"))

    assert error.reason.startswith("took longer than 40 s in all")


def test_a_steady_download_within_the_deadline_is_kept() -> None:
    clock = FakeClock()

    def chunks() -> Iterator[bytes]:
        for _ in range(5):
            clock.now += 10.0  # 50 s in all: slow, but under 4 × 15 s
            yield b"<p>steady</p>"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=chunks(), headers=HTML)

    with Fetcher(
        Settings().fetch,
        transport=httpx.MockTransport(handler),
        resolver=lambda h: [PUBLIC_IP],
        clock=clock,
    ) as f:
        fetched = f.fetch("https://news.example/steady")

    assert fetched.data == b"<p>steady</p>" * 5


def test_read_source_without_a_fetcher_says_so() -> None:
    (error,) = read_source("https://news.example/a", Settings())

    assert isinstance(error, SourceError)
    assert "no fetcher" in error.reason
