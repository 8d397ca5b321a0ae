"""Real-browser fixtures: the app served by `streamlit run` on a free port against a warehouse built
from data/sample/ in a temp dir, and Playwright driving Debian's chromium with the network blocked
(only localhost is reachable, as on a government intranet). Screenshots go to artifacts/ (ignored)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "artifacts" / "screenshots"
CHROME_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# the folium map's iframe, and a count of the pixels painted on its canvases (vector layers drawn)
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
PAINTED_PIXELS = """() => {
    let n = 0;
    for (const c of document.querySelectorAll('canvas')) {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    }
    return n;
}"""


class Server:
    def __init__(self, db: Path, env: dict[str, str] | None = None):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = db.with_suffix(".log")
        cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
               "--server.port", str(self.port), "--server.address", "127.0.0.1",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, env={**os.environ, "BISHUI_DB": str(db), **(env or {})},
            stdout=open(self.log, "w"), stderr=subprocess.STDOUT,
        )
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
            if self.proc.poll() is not None:
                break
        self.stop()
        raise RuntimeError(f"streamlit did not start: {self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@pytest.fixture(scope="session")
def browser_db(sample_db, tmp_path_factory) -> Path:
    """A private copy of the sample warehouse for the browser session."""
    path = tmp_path_factory.mktemp("browser") / "browser.duckdb"
    shutil.copyfile(sample_db, path)
    return path


@pytest.fixture(scope="session")
def server(browser_db):
    srv = Server(browser_db)
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is not installed (tests/run.sh installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
        yield b
        b.close()


def _block_external(route):
    url = route.request.url
    if url.startswith(("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "data:", "blob:", "about:")):
        return route.continue_()
    return route.abort()


@pytest.fixture
def page(browser):
    """A fresh 1600x1000 page whose requests to anything but localhost fail (no internet)."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, accept_downloads=True, locale="zh-CN")
    context.route("**/*", _block_external)
    pg = context.new_page()
    pg.external_requests = []
    pg.on("requestfailed", lambda r: pg.external_requests.append(r.url))
    yield pg
    context.close()


def open_app(page, server, path: str = "/", settle_ms: int = 1200):
    """Go to the app URL and wait until the script has finished running and charts have drawn."""
    page.goto(server.url + path)
    page.wait_for_selector(READY, timeout=90_000)
    page.wait_for_timeout(settle_ms)
    page.wait_for_selector(READY, timeout=90_000)
    return page


def wait_at_least(target, selector: str, n: int, timeout_ms: int = 30_000) -> int:
    """Wait until `selector` matches at least `n` elements in a page or frame and return the count.

    Streamlit loads the plotly and metric widgets lazily, so an app that has finished its script run
    may still be drawing its charts on a loaded machine; a fixed pause is not enough there."""
    try:
        target.wait_for_function(
            "([sel, n]) => document.querySelectorAll(sel).length >= n", arg=[selector, n], timeout=timeout_ms,
        )
    except Exception:  # playwright's TimeoutError: report the count actually seen in the assertion
        pass
    return target.locator(selector).count()


def download(page, button, folder: Path) -> Path:
    """Click a download button once the app is idle and the button is shown, and save the file it
    sends into folder under its suggested name (deferred downloads are made on click: allow time)."""
    page.wait_for_selector(READY, timeout=90_000)
    button.wait_for(state="visible", timeout=30_000)
    with page.expect_download(timeout=60_000) as info:
        button.click()
    path = Path(folder) / info.value.suggested_filename
    info.value.save_as(path)
    return path


def screenshot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path
