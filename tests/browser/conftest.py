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
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# Installed in every page before the app loads: counts the app's script runs (the stApp element's
# data-test-script-state going to "running" and back) and the values components (the folium map) send,
# so that tests wait on those conditions instead of fixed pauses.
RUN_COUNTER = """(() => {
    const s = window.__bishui = {started: 0, done: 0, values: 0, last: performance.now(), lastRun: 0, lastValue: 0};
    let state = null;
    new MutationObserver(() => {
        const app = document.querySelector('[data-testid="stApp"]');
        const now = app && app.getAttribute('data-test-script-state');
        if (!app || now === state) return;
        if (now === 'running') { s.started++; s.lastRun = performance.now(); }
        else if (state === 'running') s.done++;
        state = now; s.last = performance.now();
    }).observe(document, {attributes: true, attributeFilter: ['data-test-script-state'], subtree: true, childList: true});
    window.addEventListener('message', e => {
        if (e.data && e.data.type === 'streamlit:setComponentValue') { s.values++; s.lastValue = s.last = performance.now(); }
    });
})()"""
SETTLED = """([values, quiet]) => {
    const s = window.__bishui, app = document.querySelector('[data-testid="stApp"]');
    return !!s && !!app && app.getAttribute('data-test-script-state') === 'notRunning' && s.done >= s.started
        && s.values >= values && performance.now() - s.last >= quiet
        // a value normally reruns the app at once; one that does not (unchanged) is let be after a second
        && (s.lastRun >= s.lastValue || performance.now() - s.lastValue >= 1000);
}"""

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
        cmd = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.headless",
            "true",
            "--server.port",
            str(self.port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ]
        self.proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env={**os.environ, "BISHUI_DB": str(db), **(env or {})},
            stdout=open(self.log, "w"),
            stderr=subprocess.STDOUT,
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
    context.add_init_script(RUN_COUNTER)
    context._bishui_counter = True
    pg = context.new_page()
    pg.external_requests = []
    pg.on("requestfailed", lambda r: pg.external_requests.append(r.url))
    yield pg
    context.close()


def app_runs(page) -> dict:
    """The app's script runs started and done, and the component values sent, so far in this page."""
    return page.evaluate("({...window.__bishui})")


def settle(
    page, since: dict | None = None, *, runs: int = 1, values: int = 0, quiet_ms: int = 400, timeout_ms: int = 90_000
):
    """Wait until the app is idle: `runs` more script runs than `since` (app_runs before an action)
    have started (a new page waits up to timeout_ms for its first run; an action that reruns nothing
    is let be after 15 s: the assertions after it decide), `values` more component values were sent,
    every run started has finished and nothing has changed for quiet_ms (a rerun the app asks for
    itself starts within a few ms of the run before it)."""
    page.wait_for_function("() => !!window.__bishui", timeout=timeout_ms)
    if since is None:
        since = {"started": 0, "values": 0}
    elif runs:
        try:
            page.wait_for_function(
                "n => window.__bishui.started >= n", arg=since["started"] + runs, timeout=15_000, polling=50
            )
        except Exception:  # playwright's TimeoutError: nothing reran
            runs = 0
    if runs:
        page.wait_for_function(
            "n => window.__bishui.started >= n", arg=since["started"] + runs, timeout=timeout_ms, polling=50
        )
    page.wait_for_function(SETTLED, arg=[since["values"] + values, quiet_ms], timeout=timeout_ms, polling=50)
    return page


def act(page, action, *, runs: int = 1, values: int = 0):
    """Do `action` (a click, a key press, a history step) and wait for the `runs` script runs it causes
    (0 for one that may not rerun the app, e.g. a tab) and any rerun after them."""
    before = app_runs(page)
    action()
    return settle(page, before, runs=runs, values=values)


def open_app(page, server, path: str = "/"):
    """Go to the app URL and wait until the script has finished running (and any rerun it asked for)."""
    if not getattr(page.context, "_bishui_counter", False):  # a context a test made itself
        page.context.add_init_script(RUN_COUNTER)
        page.context._bishui_counter = True
    page.goto(server.url + path)
    return settle(page)


def open_select(page, select):
    """Open a select box and return its options once shown. Below a long sidebar page list a click may
    only scroll the control into view and focus it; ArrowDown then opens it."""
    select.click()
    options = page.get_by_role("option")
    try:
        options.first.wait_for(timeout=3_000)
    except Exception:  # playwright's TimeoutError: the click only focused the control
        page.keyboard.press("ArrowDown")
        options.first.wait_for(timeout=10_000)
    return options


def wait_at_least(target, selector: str, n: int, timeout_ms: int = 30_000) -> int:
    """Wait until `selector` matches at least `n` elements in a page or frame and return the count.

    Streamlit loads the plotly and metric widgets lazily, so an app that has finished its script run
    may still be drawing its charts on a loaded machine; a fixed pause is not enough there."""
    try:
        target.wait_for_function(
            "([sel, n]) => document.querySelectorAll(sel).length >= n",
            arg=[selector, n],
            timeout=timeout_ms,
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
