"""What a person clicking the app waits for, measured in real chromium against a bare two-page
Streamlit app clicked the same way in the same run (issue 17, items 1 and 4).

    python benchmarks/clicks.py                      # the sample warehouse (built in a temp folder)
    python benchmarks/clicks.py --db province.duckdb # a large warehouse (benchmarks/generate.py)
    python benchmarks/clicks.py --out /tmp/clicks    # where results.json goes (default: a temp folder)

Measures:
- page switch: a click on a page in the sidebar until the last script run it caused has finished
  (the app's own `data-test-script-state`, observed in the page), median and worst over every page,
  against the baseline app's median for the same click; goal median <= 2x, worst <= 4x;
- month change on the overview (pick the next month in the sidebar) against the baseline's switch;
  goal <= 2x;
- map pages: the click until the map's vector shapes are drawn in its iframe; goal 1.5 s (sample);
- many people at once: the server process's CPU time (psutil, with its children) for 20 sessions
  opening the overview together on a fresh server, against one session on another fresh server;
  goal <= 3x, and no page showing an exception.

The network is cut off for the browser (only 127.0.0.1 is reached), as in the browser tests.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import psutil
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bishui.db import warehouse  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROME_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]
MAP_PAGES = ("outfalls", "pipes", "drinking_water", "medical", "enforcement", "tracing")
SESSIONS = 20

# Counts the app's script runs and records when the last one ended (performance.now()).
# Counts the app's script runs that ended and records when the last state change was (performance.now()).
# Every change of the attribute is a mutation record with its old value, so a run too fast for the
# observer to see its "running" state is still counted (it ends by leaving "running").
RUN_COUNTER = """(() => {
    const s = window.__bench = {done: 0, last: performance.now()};
    new MutationObserver(records => {
        for (const r of records) {
            if (r.attributeName !== 'data-test-script-state') continue;
            if (r.oldValue === 'running') s.done++;
            s.last = performance.now();
        }
    }).observe(document, {attributes: true, attributeFilter: ['data-test-script-state'], attributeOldValue: true,
                          subtree: true});
})()"""
IDLE = """([done, quiet]) => {
    const s = window.__bench, app = document.querySelector('[data-testid="stApp"]');
    return !!s && !!app && s.done > done && app.getAttribute('data-test-script-state') === 'notRunning'
        && performance.now() - s.last >= quiet;
}"""
SHAPES = """() => {
    if (document.querySelectorAll('path.leaflet-interactive').length) return true;
    for (const c of document.querySelectorAll('canvas')) {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true;
    }
    return false;
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A streamlit server for `script` (ROOT-relative) on a free port, stopped by close()."""

    def __init__(self, script: str, db: Path | None = None):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, **({"BISHUI_DB": str(db)} if db else {})}
        args = ["--server.headless", "true", "--server.port", str(self.port), "--server.address", "127.0.0.1"]
        args += ["--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / script), *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2):
                    return
            except OSError:
                time.sleep(0.2)
        self.close()
        raise RuntimeError(f"{script} did not start")

    def cpu_seconds(self) -> float:
        proc = psutil.Process(self.proc.pid)
        times = [proc.cpu_times()] + [c.cpu_times() for c in proc.children(recursive=True)]
        return sum(t.user + t.system for t in times)

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def _new_page(browser):
    context = browser.new_context()
    context.add_init_script(RUN_COUNTER)
    context.route("**/*", lambda r: r.continue_() if "127.0.0.1" in r.request.url else r.abort())
    return context.new_page()


def _idle(page, done: int = 0, quiet_ms: int = 400) -> None:
    """Wait until more than `done` script runs have ended and the app has been idle for quiet_ms."""
    page.wait_for_function(IDLE, arg=[done, quiet_ms], timeout=120_000, polling=50)


def _timed(page, action) -> float:
    """Seconds from `action` to the end of the last script run it caused (the page then stays idle)."""
    done = page.evaluate("window.__bench.done")
    t0 = page.evaluate("performance.now()")
    action()
    _idle(page, done)
    return (page.evaluate("window.__bench.last") - t0) / 1000


def _nav_links(page) -> list[tuple[str, object]]:
    links = page.locator('[data-testid="stSidebarNav"] a')
    return [(links.nth(i).get_attribute("href") or "", links.nth(i)) for i in range(links.count())]


def page_switches(browser, server: Server, rounds: int) -> dict[str, list[float]]:
    """Click every page of the sidebar in turn, `rounds` times; seconds per page path."""
    page = _new_page(browser)
    page.goto(server.url + "/")
    _idle(page)
    out: dict[str, list[float]] = {}
    for _ in range(rounds):
        links = _nav_links(page)
        for href, link in links[1:] + links[:1]:  # the first page (open now) last: a click on it reruns nothing
            path = urllib.parse.urlparse(href).path.strip("/") or "overview"
            out.setdefault(path, []).append(_timed(page, link.click))
    page.context.close()
    return out


def month_changes(browser, server: Server, rounds: int) -> list[float]:
    """Pick the next month in the overview's sidebar month box, `rounds` times."""
    page = _new_page(browser)
    page.goto(server.url + "/")
    _idle(page)
    box = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first
    out = []
    for _ in range(rounds):
        box.click()
        try:
            page.get_by_role("option").first.wait_for(timeout=3_000)
        except Exception:  # the click only focused the box
            page.keyboard.press("ArrowDown")
        out.append(_timed(page, lambda: (page.keyboard.press("ArrowDown"), page.keyboard.press("Enter"))))
    page.context.close()
    return out


def map_draws(browser, server: Server, rounds: int) -> dict[str, list[float]]:
    """From a click on a map page in the sidebar to vector shapes drawn in its map iframe."""
    page = _new_page(browser)
    page.goto(server.url + "/")
    _idle(page)
    out: dict[str, list[float]] = {}
    for _ in range(rounds):
        for stem in MAP_PAGES:
            link = page.locator(f'[data-testid="stSidebarNav"] a[href$="/{stem}"]')
            if not link.count():
                continue
            t0 = time.perf_counter()
            link.first.click()
            frame = None
            while frame is None and time.perf_counter() - t0 < 60:
                el = page.query_selector('iframe[title="streamlit_folium.st_folium"]')
                frame = el.content_frame() if el else None
                if frame is None:
                    time.sleep(0.02)
            if frame is None:
                raise RuntimeError(f"{stem}: no map drawn")
            frame.wait_for_function(SHAPES, timeout=60_000, polling=20)
            out.setdefault(stem, []).append(time.perf_counter() - t0)
            _idle(page, 0)
            page.goto(server.url + "/")  # the next click starts from the overview again
            _idle(page)
    page.context.close()
    return out


def sessions_cpu(browser, db: Path, n: int) -> dict:
    """CPU seconds of a fresh server for one session opening the overview, and of another fresh server
    for n sessions opening it together; exceptions shown in any of them."""
    result = {}
    for count in (1, n):
        server = Server("app.py", db)
        try:
            before = server.cpu_seconds()
            pages = [_new_page(browser) for _ in range(count)]
            t0 = time.perf_counter()
            for p in pages:
                p.goto(server.url + "/", wait_until="commit")
            for p in pages:
                _idle(p)
            result[f"wall_s_{count}"] = time.perf_counter() - t0
            result[f"cpu_s_{count}"] = server.cpu_seconds() - before
            result[f"exceptions_{count}"] = sum(p.locator('[data-testid="stException"]').count() for p in pages)
            for p in pages:
                p.context.close()
        finally:
            server.close()
    result["cpu_ratio"] = result[f"cpu_s_{n}"] / result["cpu_s_1"]
    return result


def summary(r: dict) -> list[tuple[str, str, str, bool]]:
    base = statistics.median(v for vs in r["baseline_switch"].values() for v in vs)
    per_page = {k: statistics.median(v) for k, v in r["switch"].items()}
    median = statistics.median(per_page.values())
    worst_page = max(per_page, key=lambda k: per_page[k])
    month = statistics.median(r["month_change"])
    rows = [
        (
            "Page switch, median over pages / baseline",
            f"{median:.2f} s / {base:.2f} s = {median / base:.1f}×",
            "≤ 2×",
            median / base <= 2,
        ),
        (
            f"Page switch, worst page ({worst_page}) / baseline",
            f"{per_page[worst_page]:.2f} s = {per_page[worst_page] / base:.1f}×",
            "≤ 4×",
            per_page[worst_page] / base <= 4,
        ),
        (
            "Month change on the overview / baseline switch",
            f"{month:.2f} s = {month / base:.1f}×",
            "≤ 2×",
            month / base <= 2,
        ),
    ]
    for stem, vs in r["maps"].items():
        m = statistics.median(vs)
        rows.append((f"Map drawn after the click: {stem}", f"{m:.2f} s", "≤ 1.5 s", m <= 1.5))
    s = r["sessions"]
    rows.append(
        (
            f"{SESSIONS} sessions opening the overview, server CPU / one session",
            f"{s[f'cpu_s_{SESSIONS}']:.1f} s / {s['cpu_s_1']:.1f} s = {s['cpu_ratio']:.1f}×, "
            f"{s[f'exceptions_{SESSIONS}']} exceptions",
            "≤ 3×, 0",
            s["cpu_ratio"] <= 3 and s[f"exceptions_{SESSIONS}"] == 0,
        )
    )
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, help="a warehouse (default: the sample, built in a temp folder)")
    ap.add_argument("--out", type=Path, help="folder for results.json (default: a temp folder)")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="bishui-clicks-"))
    out.mkdir(parents=True, exist_ok=True)
    db = args.db
    if db is None:
        db = out / "sample.duckdb"
        warehouse.build(db)
    load = os.getloadavg()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
        r: dict = {"load_before": load}
        app, base = Server("app.py", db), Server("benchmarks/baseline_app.py")
        try:
            page_switches(browser, app, 1)  # warm the server's caches once, as a day of use would
            # interleave app and baseline rounds, so a load change hits both
            r["switch"], r["baseline_switch"] = {}, {}
            for _ in range(args.rounds):
                for k, v in page_switches(browser, app, 1).items():
                    r["switch"].setdefault(k, []).extend(v)
                for k, v in page_switches(browser, base, 1).items():
                    r["baseline_switch"].setdefault(k, []).extend(v)
            r["month_change"] = month_changes(browser, app, args.rounds * 2)
            r["maps"] = map_draws(browser, app, args.rounds)
        finally:
            app.close()
            base.close()
        r["sessions"] = sessions_cpu(browser, db, SESSIONS)
        browser.close()
    r["load_after"] = os.getloadavg()
    r["summary"] = summary(r)
    (out / "results.json").write_text(json.dumps(r, indent=1, ensure_ascii=False))
    print(f"load average before {load[0]:.1f}, after {r['load_after'][0]:.1f}; results in {out}")
    for name, value, goal, ok in r["summary"]:
        print(f"{'met ' if ok else 'MISS'}  {name}: {value} (goal {goal})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
