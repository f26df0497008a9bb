"""What the browser tests need besides pytest: a real `corroborate serve` in a subprocess,
Debian's chromium driven by playwright (never a downloaded browser), and screenshots
written only when asked for."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VIEWPORT = {"width": 1280, "height": 860}
# `CORROBORATE_SCREENSHOTS=docs/screenshots pytest tests/web/test_browser.py` writes them.
SCREENSHOTS_ENV = "CORROBORATE_SCREENSHOTS"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    """`corroborate serve` over ``db`` on a free loopback port, as a user starts it."""

    db: Path
    log: Path
    url: str = ""
    process: subprocess.Popen[bytes] | None = None
    client: httpx.Client = field(init=False)

    def start(self, timeout_s: float = 60.0) -> None:
        # A port taken between the probe and the bind makes serve exit at once: try again.
        for _ in range(3):
            port = free_port()
            self.url = f"http://127.0.0.1:{port}"
            with self.log.open("ab") as log:
                self.process = subprocess.Popen(
                    [sys.executable, "-m", "corroborate", "serve", "--db", str(self.db),
                     "--port", str(port)],
                    stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                    env=dict(os.environ, CORROBORATE_TOKEN=""),
                )  # fmt: skip
            if self._wait_healthy(timeout_s):
                self.client = httpx.Client(base_url=self.url, timeout=30)
                return
        raise AssertionError(f"the server did not start:\n{self.log.read_text()[-3000:]}")

    def _wait_healthy(self, timeout_s: float) -> bool:
        assert self.process is not None
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            with suppress(httpx.TransportError):
                health = httpx.get(f"{self.url}/api/health", timeout=2)
                # Up, and done with its start-up work (the pages then show no "busy").
                if health.status_code == 200 and not health.json()["busy"]:
                    return True
            time.sleep(0.1)
        self.stop()
        return False

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
        self.process = None
        with suppress(AttributeError):
            self.client.close()

    def api(self, path: str) -> Any:
        response = self.client.get(path)
        response.raise_for_status()
        return response.json()


def launch_chromium(playwright: Any) -> Any:
    """Debian's chromium, headless; raises with the reason when it is missing or broken."""
    if not CHROMIUM.exists():
        raise FileNotFoundError(f"{CHROMIUM} is missing (make test installs it as root)")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)


def screenshot_folder() -> Path | None:
    folder = os.environ.get(SCREENSHOTS_ENV)
    if not folder:
        return None
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


def screenshot(page: Any, name: str, scroll_to: str | None = None) -> None:
    """The viewport (1280 px wide) as ``NAME.png``, scrolled so ``scroll_to`` is at the
    top; nothing unless $CORROBORATE_SCREENSHOTS names a folder."""
    folder = screenshot_folder()
    if folder is None:
        return
    if scroll_to:
        page.locator(scroll_to).first.evaluate("e => e.scrollIntoView({block: 'start'})")
    else:
        page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(folder / f"{name}.png"))
