"""Web app benchmark: the story page under load, on a generated store of 10,000 articles.

Builds (once; cached in benchmarks/.cache, see web_store.py) a store of generated
fictional stories analysed by every stage, starts ``corroborate serve`` on it as a real
subprocess on a free loopback port, and drives the story page ``/stories/{id}`` with
many concurrent clients (asyncio and httpx, one connection per client, kept alive):

1. a single-client reference, after one request for the stories list and one for the
   smallest story (what the server loads once, on its first pages): 20 sequential
   requests for the story of median size (the first builds the story's model: its
   corroboration run; the others find it cached and only render the page);
2. "cold": every story once, the larger first (a random order weighted by article
   count), ``--clients`` at a time, so no request finds its story in the server's cache
   of finished pages; bounded by ``--seconds`` and ``--max-requests``;
3. "warm": the steady state afterwards, every page a cache hit: stories drawn at random
   from the last ones fetched in the cold phase that the server's cache still holds
   (settings ``[web] cache_mb`` of finished pages, least recently used dropped first), weighted by
   their article count (readers open big stories more), for ``--seconds`` or
   ``--max-requests``.

For each phase it prints requests, errors (anything but 200, timeouts included),
requests/s, latency percentiles (from sending the request to reading the whole body),
the sizes (articles, claims) of the stories requested, and the server's CPU time; then
the server's peak resident memory (VmHWM) and the machine. Client and server share the
machine's cores: on a small machine the load generator takes a share of the CPU.

    .venv/bin/python benchmarks/web.py [--articles 10000] [--seconds 20] [--clients 50] [--rebuild]

``--articles 300`` is a quick run (its store builds in about 15 s; the 10,000-article
store in about 7 minutes on two cores, once, mostly the claims stage).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import platform
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from corroborate.search import search_stories
from corroborate.settings import Settings
from corroborate.store import Store
from web_store import cached_store

REFERENCE_REQUESTS = 20
TIMEOUT_S = 30.0  # a request taking longer counts as an error
READY_TIMEOUT_S = 120.0
# Cache entries besides the cold phase's stories: the reference stories, the story
# count, the outlet list.
CACHE_SHARE = 0.9  # of the page cache the warm mix may fill (the stories list takes a little)


# --- the server -----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def status(self, key: str) -> int:
        """A /proc/<pid>/status field in kB (VmHWM: peak resident memory)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
        return 0

    def cpu_seconds(self) -> float:
        """User and system CPU time the server has used so far."""
        stat = Path(f"/proc/{self.process.pid}/stat").read_text()
        fields = stat.rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]


@contextmanager
def serving(db: Path) -> Iterator[Server]:
    """``corroborate serve`` on ``db`` at a free loopback port until the block ends
    (Ctrl-C included)."""
    port = free_port()
    command = [sys.executable, "-m", "corroborate", "serve", "--db", str(db)]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "server.log"
        with log.open("wb") as out:
            process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        server = Server(process, f"http://127.0.0.1:{port}", log)
        try:
            _wait_ready(server)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_ready(server: Server) -> None:
    began = time.perf_counter()
    while time.perf_counter() - began < READY_TIMEOUT_S:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"the server exited ({server.process.returncode}):\n{server.log_tail()}"
            )
        try:
            if httpx.get(server.url + "/api/health", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(
        f"the server did not answer in {READY_TIMEOUT_S:.0f} s:\n{server.log_tail()}"
    )


def wait_idle(server: Server) -> float:
    """When the server's start-up work (analysis, laying out the newest pages) ended."""
    began = time.perf_counter()
    while time.perf_counter() - began < READY_TIMEOUT_S:
        if not httpx.get(server.url + "/api/health", timeout=5).json()["busy"]:
            return time.perf_counter()
        time.sleep(0.2)
    raise RuntimeError(f"the server was still busy after {READY_TIMEOUT_S:.0f} s")


# --- load ----------------------------------------------------------------------------


@dataclass
class Phase:
    name: str
    latencies: list[float] = field(default_factory=list)  # seconds, of every request
    errors: Counter[str] = field(default_factory=Counter)  # status or exception -> count
    stories: list[str] = field(default_factory=list)  # the story of every request
    page_bytes: dict[str, int] = field(default_factory=dict)  # each story's page size
    body_bytes: int = 0
    seconds: float = 0.0  # wall time from the first request sent to the last answered
    server_cpu: float = 0.0
    client_cpu: float = 0.0  # this process's CPU time: the load generator's

    @property
    def requests(self) -> int:
        return len(self.latencies)


async def drive(
    url: str,
    clients: int,
    pick: Iterator[str],
    seconds: float,
    max_requests: int,
    phase: Phase,
) -> None:
    """``clients`` clients, each sending its next request as soon as its last one is
    answered, until ``pick`` runs dry, ``seconds`` have passed or ``max_requests`` are
    sent."""
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    began = time.perf_counter()
    deadline = began + seconds
    sent = 0

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal sent
        while time.perf_counter() < deadline and sent < max_requests:
            story_id = next(pick, None)
            if story_id is None:
                return
            sent += 1
            t0 = time.perf_counter()
            try:
                response = await http.get(f"/stories/{story_id}")
                status = str(response.status_code)
                phase.body_bytes += len(response.content)
                phase.page_bytes[story_id] = len(response.content)
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            phase.latencies.append(time.perf_counter() - t0)
            phase.stories.append(story_id)
            if status != "200":
                phase.errors[status] += 1

    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=TIMEOUT_S) as http:
        await asyncio.gather(*(client(http) for _ in range(clients)))
    phase.seconds = time.perf_counter() - began


def run_phase(
    server: Server,
    name: str,
    clients: int,
    pick: Iterator[str],
    seconds: float,
    max_requests: int,
) -> Phase:
    phase = Phase(name)
    cpu, own = server.cpu_seconds(), time.process_time()
    asyncio.run(drive(server.url, clients, pick, seconds, max_requests, phase))
    phase.server_cpu = server.cpu_seconds() - cpu
    phase.client_cpu = time.process_time() - own
    return phase


def weighted_order(ids: Sequence[str], weights: Sequence[float], rng: random.Random) -> list[str]:
    """Every id once, in a random order where heavier ids tend to come first
    (Efraimidis-Spirakis: sort by u ** (1 / weight))."""
    keys = {i: rng.random() ** (1.0 / w) for i, w in zip(ids, weights, strict=True)}
    return sorted(ids, key=keys.__getitem__, reverse=True)


def weighted_draws(
    ids: Sequence[str], weights: Sequence[float], rng: random.Random
) -> Iterator[str]:
    while True:
        yield from rng.choices(ids, weights, k=1000)


def recent(answered: Sequence[str], page_bytes: dict[str, int], budget: float) -> list[str]:
    """The last distinct stories answered whose pages, together, fit in ``budget`` bytes:
    those a least-recently-used cache of that size still holds."""
    last: list[str] = []
    held = 0
    for story_id in reversed(answered):
        if story_id not in last:
            held += page_bytes.get(story_id, 0)
            if held > budget:
                break
            last.append(story_id)
    return last


# --- report --------------------------------------------------------------------------


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile of ``values`` (sorted or not)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def print_phases(phases: Sequence[Phase], sizes: dict[str, tuple[int, int]]) -> None:
    print(f"  {'':<18}{'requests':>9}{'errors':>7}{'req/s':>8}{'p50':>7}{'p90':>7}{'p99':>7}"
          f"{'max':>7} ms{'server CPU':>12}{'CPU/req':>9}{'client CPU':>12}{'KB/page':>9}")  # fmt: skip
    for p in phases:
        if not p.requests:
            print(f"  {p.name:<18}{0:>9}")
            continue
        ms = [1000 * v for v in p.latencies]
        cpu_ms = 1000 * p.server_cpu / p.requests
        print(
            f"  {p.name:<18}{p.requests:>9,}{sum(p.errors.values()):>7}{p.requests / p.seconds:>8.1f}"
            + "".join(f"{percentile(ms, q):>7.0f}" for q in (0.5, 0.9, 0.99, 1.0))
            + f"{p.server_cpu:>13.1f} s{cpu_ms:>6.1f} ms{p.client_cpu:>11.1f} s"
            + f"{p.body_bytes / p.requests / 1024:>9.0f}"
        )
    for p in phases:
        if p.errors:
            print(
                f"  {p.name} errors: " + ", ".join(f"{k} x{n}" for k, n in p.errors.most_common())
            )
    print("  stories requested (articles, claims per story):")
    for p in phases:
        if not p.requests:
            continue
        distinct = set(p.stories)
        arts = sorted(sizes[s][0] for s in distinct)
        claims = sorted(sizes[s][1] for s in distinct)
        per_request = statistics.mean(sizes[s][0] for s in p.stories)
        print(
            f"  {p.name:<18}{len(distinct):>5} distinct; articles median {statistics.median(arts):.0f}, "
            f"max {arts[-1]}; claims median {statistics.median(claims):.0f}, max {claims[-1]}; "
            f"{per_request:.1f} articles per request on average"
        )


def print_cold_by_size(phase: Phase, sizes: dict[str, tuple[int, int]]) -> None:
    buckets: dict[str, list[float]] = {}
    for story_id, seconds in zip(phase.stories, phase.latencies, strict=True):
        n = sizes[story_id][0]
        label = "1-9" if n < 10 else "10-29" if n < 30 else "30-99" if n < 100 else "100+"
        buckets.setdefault(label, []).append(1000 * seconds)
    parts = [
        f"{label} articles: {len(ms)} stories, p50 {percentile(ms, 0.5):.0f} ms, max {max(ms):.0f} ms"
        for label in ("1-9", "10-29", "30-99", "100+")
        if (ms := buckets.get(label))
    ]
    print("  cold latency by story size (under load): " + "; ".join(parts))


def machine() -> str:
    model = ""
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    return (
        f"{os.cpu_count()} cores ({model or platform.machine()}), {memory_gb:.0f} GB, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def story_sizes(db: Path) -> dict[str, tuple[int, int]]:
    """Story id -> (articles, claims)."""
    with Store(db) as store:
        stories = store.stories()
        claims = {aid: len(c.claims) for aid, c in store.article_claims().items()}
    return {
        s.id: (len(s.article_ids), sum(claims.get(a, 0) for a in s.article_ids)) for s in stories
    }


# --- main ----------------------------------------------------------------------------


def reference(server: Server, story_id: str) -> list[float]:
    """Sequential requests for one story from one client: seconds each."""
    seconds = []
    with httpx.Client(base_url=server.url, timeout=TIMEOUT_S) as http:
        for _ in range(REFERENCE_REQUESTS):
            t0 = time.perf_counter()
            http.get(f"/stories/{story_id}").raise_for_status()
            seconds.append(time.perf_counter() - t0)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=10_000, help="store size (default 10,000)")
    parser.add_argument("--seconds", type=float, default=20.0, help="time limit of each phase")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients")
    parser.add_argument("--max-requests", type=int, default=100_000, help="cap on each phase")
    parser.add_argument("--rebuild", action="store_true", help="build the store again")
    parser.add_argument("--seed", type=int, default=1, help="for the order of requests")
    args = parser.parse_args()

    began = time.perf_counter()
    db, info = cached_store(args.articles, args.rebuild)
    sizes = story_sizes(db)
    rng = random.Random(args.seed)
    by_size = sorted(sizes, key=lambda s: (sizes[s][0], s))
    middle = by_size[len(by_size) // 2]
    smallest = by_size[0]  # fetched first: the server's one-time loading
    # The server lays out the newest stories' pages at start (web.prewarm_stories): the
    # cold phase leaves them out, so that it measures first visits the server did not
    # see coming.
    prewarmed = Settings().web.prewarm_stories
    with Store(db) as store:
        newest = {s.id for s in search_stories(store, limit=prewarmed).stories}
    ids = [s for s in sizes if s not in (middle, smallest) and s not in newest]
    weights = [float(sizes[s][0]) for s in ids]

    print("web benchmark: the story page under load")
    print(f"  machine: {machine()}; load average {os.getloadavg()[0]:.1f} at start")
    print(f"  store: {db.name}: {info.line()}")
    cache_mb = Settings().web.cache_mb
    print(f"  {len(sizes):,} stories; the server caches finished pages up to {cache_mb:g} MB")
    print(f"  {args.clients} clients, phases of at most {args.seconds:g} s and "
          f"{args.max_requests:,} requests; stories weighted by article count")  # fmt: skip

    t0 = time.perf_counter()
    with serving(db) as server:
        ready = time.perf_counter() - t0
        started_kb = server.status("VmRSS")
        settled = wait_idle(server) - t0
        with httpx.Client(base_url=server.url, timeout=TIMEOUT_S) as http:
            t0 = time.perf_counter()
            http.get("/").raise_for_status()
            http.get(f"/stories/{smallest}").raise_for_status()
            loading = time.perf_counter() - t0
        single = reference(server, middle)
        ms = [1000 * s for s in single[1:]]
        print(
            f"\n  server answered {ready:.1f} s after start, and had laid out the pages of the "
            f"{len(newest)} newest stories {settled:.1f} s after start (left out of the cold "
            f"phase); its first two pages then (the stories list, the smallest story: "
            f"one-time loading) took {1000 * loading:.0f} ms"
        )
        print(
            f"  single client, story of {sizes[middle][0]} articles and {sizes[middle][1]} claims, "
            f"{REFERENCE_REQUESTS} sequential requests: first {1000 * single[0]:.0f} ms, then "
            f"p50 {percentile(ms, 0.5):.1f} ms, max {max(ms):.1f} ms"
        )
        cold = run_phase(
            server, "cold (each once)", args.clients, iter(weighted_order(ids, weights, rng)),
            args.seconds, args.max_requests,
        )  # fmt: skip
        held = recent(cold.stories, cold.page_bytes, CACHE_SHARE * cache_mb * 1e6) or [middle]
        warm = run_phase(
            server, "warm (mix)", args.clients,
            weighted_draws(held, [float(sizes[s][0]) for s in held], rng),
            args.seconds, args.max_requests,
        )  # fmt: skip
        peak_kb = server.status("VmHWM")
    print()
    print_phases([cold, warm], sizes)
    if cold.requests:
        print_cold_by_size(cold, sizes)
    fetched = len(set(cold.stories))
    if fetched < len(ids):
        print(f"  the cold phase reached {fetched:,} of {len(ids):,} stories in its time")
    print(
        f"  the warm mix: the {len(held):,} stories fetched last in the cold phase (so all "
        f"still in the server's cache of {cache_mb:g} MB), weighted by article count"
    )
    print(
        f"  server memory: {started_kb / 1024:.0f} MB resident after start, "
        f"peak {peak_kb / 1024:.0f} MB (VmHWM)"
    )
    print(f"\ntotal {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    # A kill ends the run as Ctrl-C does: the server is stopped on the way out.
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\ninterrupted; the server is stopped", file=sys.stderr)
        sys.exit(130)
