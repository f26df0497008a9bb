"""Fixtures for the web app: the example corpus analysed once into a store file, and a
real uvicorn server on a free loopback port over a copy of it."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from corroborate import Settings, Store
from corroborate.ingest import ingest_sources
from corroborate.pipeline import analyse
from corroborate.web import create_app

from .browser import free_port

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="session")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example corpus, ingested and analysed (a file to copy, never served itself)."""
    path = tmp_path_factory.mktemp("examples") / "examples.db"
    with Store(path) as store:
        ingest_sources([str(EXAMPLES)], store)
        analyse(store)
    return path


@dataclass
class Running:
    url: str
    db: Path
    client: httpx.Client

    def wait_for_job(self, job_id: str, timeout_s: float = 90.0) -> dict[str, object]:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            job: dict[str, object] = self.client.get(f"/api/jobs/{job_id}").json()
            if job["state"] in ("done", "failed"):
                return job
            time.sleep(0.1)
        raise AssertionError(f"job {job_id} did not finish in {timeout_s} s")


ServerFactory = Callable[..., Running]


@pytest.fixture
def serve(tmp_path: Path, example_db: Path) -> Iterator[ServerFactory]:
    """Start a real server: ``serve(settings=..., token=..., empty=False)``."""
    started: list[tuple[uvicorn.Server, threading.Thread, httpx.Client]] = []

    def start(
        settings: Settings | None = None, token: str | None = None, empty: bool = False
    ) -> Running:
        db = tmp_path / f"served-{len(started)}.db"
        if not empty:
            shutil.copy(example_db, db)
        app = create_app(db, settings=settings, token=token)
        port = free_port()
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise AssertionError("the server did not start")
            time.sleep(0.02)
        url = f"http://127.0.0.1:{port}"
        client = httpx.Client(base_url=url, timeout=30)
        started.append((server, thread, client))
        return Running(url, db, client)

    yield start
    for server, thread, client in started:
        client.close()
        server.should_exit = True
        thread.join(10)
