"""A real server process on a free port and real Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import require_or_skip

CHROMIUM = os.environ.get("MOCKLOOP_CHROMIUM", "/usr/bin/chromium")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """`mockloop serve` on its own SQLite database; yields the base URL."""
    port = free_port()
    env = {**os.environ, "MOCKLOOP_HOME": str(tmp_path / "home"), "PORT": str(port)}
    env.pop("MOCKLOOP_DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "mockloop", "serve"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"server did not start: {proc.stdout.read() if proc.stdout else ''}"
                )
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def playwright():  # type: ignore[no-untyped-def]
    """One Playwright driver for the session (the sync API allows one at a time)."""
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        require_or_skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright):  # type: ignore[no-untyped-def]
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def page(browser, server):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=server, viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    outside: list[str] = []
    page.on(
        "request",
        lambda r: (
            None if r.url.startswith(server) or r.url.startswith("data:") else outside.append(r.url)
        ),
    )
    yield page
    context.close()
    assert outside == [], f"the page made requests outside the app: {outside}"
