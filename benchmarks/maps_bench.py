"""Map performance at province scale: HTML size, first paint and pan time in headless chromium.

    python benchmarks/maps_bench.py [--runs 5]

Generates synthetic data (seeded) shaped like the warehouse's — 10,000 pipe segments, 2,000 outfalls,
and 10,000 outfalls for the clustered case — builds the maps with bishui.views.maps (the same builders the
pages use), writes each map's standalone HTML to benchmarks/work/ (git-ignored), serves it from a
local HTTP server together with Leaflet from its pinned Python package (bishui.views.vendor; no internet
needed), and measures in Debian's chromium (Playwright):
- html_mb: the size of the map's HTML;
- build_s: Python time to build the folium map and render its HTML;
- first_paint_ms: navigation start to the first frame painted after the map script ran (two
  requestAnimationFrame callbacks later: Leaflet's canvas draws in the first), median of the runs;
- pan_ms: `map.panBy([300, 200])` without animation until the next painted frame (canvas redraw,
  re-clustering): median, 90th percentile and worst of 10 pans per run (the first pan of a page is
  usually the slowest).
Prints a table and writes benchmarks/maps_results.json. Targets: HTML < 3 MB, first paint < 1 s,
pan < 150 ms. benchmarks/run.py calls measure(quick=...) for its summary.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import json
import os
import platform
import statistics
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
import shapely.geometry

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bishui.views import maps  # noqa: E402
from bishui.views import vendor  # noqa: E402

WORK = ROOT / "benchmarks" / "work"
RESULTS = ROOT / "benchmarks" / "maps_results.json"
CHROMIUM = "/usr/bin/chromium"
CHROME_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TARGETS = {"html_mb": 3.0, "first_paint_ms": 1000.0, "pan_ms": 150.0}
BBOX = (115.75, 36.30, 116.25, 36.60)  # a district-sized box around the resort (WGS-84)

_PROBE = """<script>
window.__map = %(map)s;
requestAnimationFrame(function () { requestAnimationFrame(function () { window.__painted = performance.now(); }); });
window.__pan = function (dx, dy) {
  return new Promise(function (resolve) {
    var t0 = performance.now();
    window.__map.panBy([dx, dy], {animate: false});
    requestAnimationFrame(function () { requestAnimationFrame(function () { resolve(performance.now() - t0); }); });
  });
};
</script>"""


# ---- synthetic data (GeoJSON dicts as bishui.views.geo makes them: 5 decimals) ---------------------
def synthetic_pipes(n: int, seed: int = 7) -> dict:
    """n pipe segments of 2-5 vertices (~60-150 m) on street-grid-like runs."""
    rng = np.random.default_rng(seed)
    x0, y0, x1, y1 = BBOX
    feats = []
    starts = np.column_stack([rng.uniform(x0, x1, n), rng.uniform(y0, y1, n)])
    horizontal = rng.random(n) < 0.5
    kinds, statuses = ["rain", "sewage", "combined"], ["none", "planned", "in_progress", "done"]
    for i in range(n):
        k = int(rng.integers(2, 6))
        step = rng.uniform(0.0002, 0.0005, k - 1)
        jitter = rng.normal(0, 0.00002, k - 1)
        x, y = starts[i]
        coords = [[round(x, 5), round(y, 5)]]
        for s, j in zip(step, jitter):
            x, y = (x + s, y + j) if horizontal[i] else (x + j, y + s)
            coords.append([round(x, 5), round(y, 5)])
        feats.append(
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": coords},
                "properties": {
                    "pipe_id": f"P{i:06d}",
                    "kind": kinds[i % 3],
                    "retrofit_status": statuses[i % 4],
                    "road_zh": ["振兴路", "松桂大街", "东昌路", "湖西路"][i % 4],
                    "diameter_mm": int(rng.choice([300, 400, 600, 800, 1000, 1200])),
                    "length_m": float(round(step.sum() * 100000, 1)),
                },
            }
        )
    return {"type": "FeatureCollection", "features": feats}


def synthetic_outfalls(n: int, seed: int = 11) -> dict:
    """n outfalls with the properties bishui.views.maps.outfall_layer reads."""
    rng = np.random.default_rng(seed)
    x0, y0, x1, y1 = BBOX
    cats, stages = list(maps.OUTFALL_CATEGORY_COLORS), ["surveyed", "monitored", "traced", "rectifying", "closed"]
    feats = []
    for i in range(n):
        feats.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(float(rng.uniform(x0, x1)), 5), round(float(rng.uniform(y0, y1)), 5)],
                },
                "properties": {
                    "outfall_id": f"OF-{i:05d}",
                    "name_zh": f"徒骇河湖西段雨水排口{i % 100:02d}",
                    "category": cats[i % 4],
                    "sub_type": "urban_storm",
                    "river_zh": "徒骇河",
                    "river_en": "Tuhai River",
                    "town_zh": "湖西街道",
                    "town_en": "Huxi subdistrict",
                    "status": stages[i % 5],
                    "is_overdue": i % 9 == 0,
                    "is_last_exceeded": i % 5 == 0,
                    "last_exceeded_parameters": "cod;nh3n",
                },
            }
        )
    return {"type": "FeatureCollection", "features": feats}


def as_frame(fc: dict) -> pd.DataFrame:
    """A generated FeatureCollection as the query frame the pages hand the outfall and pipe layers:
    its properties plus lon/lat for points, geom_wkb for lines."""
    rows = []
    for f in fc["features"]:
        geom = f["geometry"]
        extra = (
            {"lon": geom["coordinates"][0], "lat": geom["coordinates"][1]}
            if geom["type"] == "Point"
            else {"geom_wkb": shapely.to_wkb(shapely.geometry.shape(geom))}
        )
        rows.append({**f["properties"], **extra})
    return pd.DataFrame(rows)


# ---- scenarios ------------------------------------------------------------------------------
EMPTY = {"type": "FeatureCollection", "features": []}


def _ctx(fcs) -> maps.MapContext:
    return maps.MapContext(lang="zh", bounds=[[BBOX[1], BBOX[0]], [BBOX[3], BBOX[2]]])


def build_pipes_and_outfalls(pipes: pd.DataFrame, outfalls: pd.DataFrame):
    m = maps.pipes_map(pipes, facilities=EMPTY, blank_areas=EMPTY, rivers=EMPTY, towns=EMPTY, ctx=_ctx([pipes]))
    maps.outfall_layer(outfalls, lang="zh").add_to(m)
    return m


def build_outfalls(outfalls: pd.DataFrame, cluster: bool | None = None):
    return maps.outfalls_map(outfalls, rivers=EMPTY, towns=EMPTY, ctx=_ctx([outfalls]), cluster=cluster)


def scenarios() -> list[tuple[str, int, callable]]:
    pipes, out2k, out10k = (
        as_frame(synthetic_pipes(10_000)),
        as_frame(synthetic_outfalls(2_000)),
        as_frame(synthetic_outfalls(10_000)),
    )
    return [
        ("pipes_10000+outfalls_2000", 12_000, functools.partial(build_pipes_and_outfalls, pipes, out2k)),
        (
            "pipes_10000",
            10_000,
            lambda: maps.pipes_map(
                pipes, facilities=EMPTY, blank_areas=EMPTY, rivers=EMPTY, towns=EMPTY, ctx=_ctx([pipes])
            ),
        ),
        ("outfalls_2000", 2_000, functools.partial(build_outfalls, out2k)),
        ("outfalls_10000_clustered", 10_000, functools.partial(build_outfalls, out10k, True)),
    ]


# ---- serving and measuring ------------------------------------------------------------------
class _Handler(http.server.SimpleHTTPRequestHandler):
    def translate_path(self, path):
        path = path.split("?", 1)[0]
        for pkg in vendor.PACKAGES:  # what the app serves at /component/bishui.app.map_ui.<name>/
            prefix = f"/component/{pkg.component}/"
            if path.startswith(prefix):
                return str(pkg.folder / path[len(prefix) :])
        return str(WORK / path.lstrip("/"))

    def log_message(self, *args):  # quiet
        pass


def _serve():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _measure_page(page, url: str, pans: int = 10) -> tuple[float, list[float]]:
    page.goto(url)
    page.wait_for_function("window.__painted !== undefined", timeout=60_000)
    painted = page.evaluate("window.__painted")
    times = []
    for i in range(pans):
        dx, dy = (300, 200) if i % 2 == 0 else (-300, -200)
        times.append(page.evaluate(f"window.__pan({dx}, {dy})"))
    return painted, times


def run_all(runs: int = 3, pans: int = 10) -> list[dict]:
    """Every scenario: build, write, load `runs` times in chromium; one result row per scenario."""
    from playwright.sync_api import sync_playwright

    WORK.mkdir(parents=True, exist_ok=True)
    rows = []
    server = _serve()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
            for name, n, build in scenarios():
                t0 = time.perf_counter()
                m = build()
                doc = maps.html_document(m)
                build_s = time.perf_counter() - t0
                doc += _PROBE % {"map": m.get_name()}
                (WORK / f"{name}.html").write_text(doc, encoding="utf-8")
                paints, pan_times = [], []
                for _ in range(runs):
                    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
                    ctx.route(
                        "**/*", lambda r: r.continue_() if r.request.url.startswith("http://127.0.0.1") else r.abort()
                    )
                    page = ctx.new_page()
                    painted, times = _measure_page(page, f"http://127.0.0.1:{server.server_port}/{name}.html", pans)
                    paints.append(painted)
                    pan_times += times
                    ctx.close()
                rows.append(
                    {
                        "scenario": name,
                        "features": n,
                        "html_mb": round(len(doc.encode("utf-8")) / 1e6, 3),
                        "build_s": round(build_s, 3),
                        "first_paint_ms": round(statistics.median(paints), 1),
                        "pan_ms": round(statistics.median(pan_times), 1),
                        "pan_p90_ms": round(statistics.quantiles(pan_times, n=10)[-1], 1),
                        "pan_max_ms": round(max(pan_times), 1),
                    }
                )
            browser.close()
    finally:
        server.shutdown()
    return rows


def targets_met(rows: list[dict]) -> bool:
    return all(
        r["html_mb"] < TARGETS["html_mb"]
        and r["first_paint_ms"] < TARGETS["first_paint_ms"]
        and r["pan_ms"] < TARGETS["pan_ms"]
        for r in rows
    )


def measure(quick: bool = False) -> dict:
    """For benchmarks/run.py: the headline figures of the 10,000 pipes + 2,000 outfalls map (full size
    even when quick; quick loads each page once), with every scenario's row."""
    if vendor.problems():
        return {"error": "; ".join(vendor.problems())}
    rows = run_all(runs=1 if quick else 3, pans=4 if quick else 10)
    head = rows[0]
    return {
        "html_mb": head["html_mb"],
        "first_paint_s": head["first_paint_ms"] / 1000,
        "pan_ms": head["pan_ms"],
        "pan_p90_ms": head["pan_p90_ms"],
        "targets_met": targets_met(rows),
        "scenarios": rows,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="page loads per scenario (median reported)")
    args = ap.parse_args(argv)
    if vendor.problems():
        print("; ".join(vendor.problems()), file=sys.stderr)
        return 2
    rows = run_all(runs=args.runs)
    header = (
        f"{'scenario':<28}{'features':>9}{'html MB':>9}{'build s':>9}{'paint ms':>10}{'pan ms':>8}"
        f"{'pan p90':>9}{'pan max':>9}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['scenario']:<28}{r['features']:>9}{r['html_mb']:>9.2f}{r['build_s']:>9.2f}{r['first_paint_ms']:>10.0f}"
            f"{r['pan_ms']:>8.0f}{r['pan_p90_ms']:>9.0f}{r['pan_max_ms']:>9.0f}"
        )
    ok = targets_met(rows)
    print(f"targets (HTML < 3 MB, first paint < 1 s, pan < 150 ms): {'met' if ok else 'NOT met'}")
    RESULTS.write_text(
        json.dumps(
            {
                "measured_on": dt.date.today().isoformat(),
                "runs": args.runs,
                "targets": TARGETS,
                "targets_met": ok,
                "machine": {
                    "python": platform.python_version(),
                    "cpus": os.cpu_count(),
                    "platform": platform.platform(),
                },
                "leaflet": vendor.LEAFLET.version,
                "results": rows,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
