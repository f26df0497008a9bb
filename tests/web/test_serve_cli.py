"""`corroborate serve` as a user starts it: one command, loopback by default."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from contextlib import closing, suppress
from pathlib import Path

import httpx

from .conftest import free_port


def test_serve_starts_on_loopback_and_analyses_what_is_pending(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    article = tmp_path / "note.txt"
    article.write_text(
        "Lock gates repaired at Fennick\n\n date 2031-08-03 The lock gates at Fennick were "
        "repaired on Sunday, canal engineer Rosa Timmel said.\n",
        encoding="utf-8",
    )
    cli = [sys.executable, "-m", "corroborate"]
    subprocess.run([*cli, "ingest", str(article), "--db", str(db)], check=True, capture_output=True)
    port = free_port()
    env = dict(os.environ, CORROBORATE_TOKEN="")
    server = subprocess.Popen(
        [*cli, "serve", "--db", str(db), "--port", str(port)],
        stderr=subprocess.DEVNULL, env=env,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        stories = 0
        while time.monotonic() < deadline:
            with suppress(httpx.TransportError):
                stories = httpx.get(f"{url}/api/health", timeout=2).json()["stories"]
            if stories:
                break
            time.sleep(0.2)
        # Ingested by the CLI, never analysed: the server grouped it at start.
        assert stories == 1
        ss = shutil.which("ss")
        listening = (
            subprocess.run([ss, "-ltn"], capture_output=True, text=True).stdout if ss else ""
        )
        if listening:  # ss is there: the port is bound to loopback only
            assert f"127.0.0.1:{port}" in listening
            assert f"0.0.0.0:{port}" not in listening
        # Loopback answers only to loopback names (no DNS rebinding onto it).
        rebound = httpx.get(f"{url}/api/health", headers={"host": f"evil.example:{port}"})
        assert rebound.status_code == 400
        assert httpx.get(f"http://localhost:{port}/api/health").status_code == 200
        # A second server on the same port says so in one line.
        clash = subprocess.run(
            [*cli, "serve", "--db", str(db), "--port", str(port)],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert clash.returncode == 1
        assert f"cannot listen on 127.0.0.1:{port}" in clash.stderr
    finally:
        server.terminate()
        server.wait(20)


def test_serve_refuses_a_foreign_database(tmp_path: Path) -> None:
    foreign = tmp_path / "other.db"
    with closing(sqlite3.connect(foreign)) as other:  # another program's database
        other.execute("CREATE TABLE t (x)")
        other.commit()
    result = subprocess.run(
        [sys.executable, "-m", "corroborate", "serve", "--db", str(foreign), "--port",
         str(free_port())],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert "not a corroborate store" in result.stderr
