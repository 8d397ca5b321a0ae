"""Bishui benchmarks at province scale, side by side with the plain-pandas way.

`python benchmarks/run.py [--quick] [--work DIR] [--runs N]` measures (medians of several runs) and
writes benchmarks/results.json and the table in BENCHMARKS.md:
  1. monthly evaluation of all readings with Bishui's SQL (cold and warm) vs pandas groupby on a
     DataFrame loaded from the same data (checked equal), with the ratio;
  2. the section-trend query (one section, one parameter, 5 years): p50/p95; and the page query
     "a month's classes for all sections";
  3. server time of a page rerun after a filter change (AppTest), sample and large warehouse;
  4. CSV export of 1,000,000 rows: Bishui's path vs pandas.to_csv, MB/s and the ratio;
  5. the outfall and pipe maps: HTML size, first paint and pan in headless chromium;
  6. cold start: process start to the overview rendered in chromium;
  7. peak memory of the app process on the large warehouse;
  8. source tracing: one miss traced (reach, candidates, evidence) among 50,000 outfalls, p50/p95.
--quick runs everything once on a tiny warehouse (the test suite does this so the script cannot rot);
its figures go to a temporary folder (or --out), never over the committed results.json and BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import duckdb  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import generate  # noqa: E402
import pandas_eval  # noqa: E402
from bishui import clock, config  # noqa: E402
from bishui.db import evaluation, sql, store, warehouse  # noqa: E402
from bishui.views import export  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROME_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
GENERATOR_VERSION = "2"


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = 0
    try:
        mem = int(Path("/proc/meminfo").read_text().split()[1]) // 1024 // 1024
    except (OSError, ValueError, IndexError):
        pass
    import streamlit

    return {
        "cpu": cpu or platform.processor(),
        "cores": os.cpu_count(),
        "memory_gib": mem,
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "pandas": pd.__version__,
        "streamlit": streamlit.__version__,
        "platform": platform.platform(),
        "date": dt.datetime.now().isoformat(timespec="seconds"),
    }


def speed_probe() -> float:
    """Seconds for a fixed workload on both cores (DuckDB hashing 200 million integers). This shared
    machine's speed drifts by up to half between runs; the probe, taken at the start and the end of a
    run, lets runs be compared (a smaller figure: a faster machine at the time)."""
    con = duckdb.connect()
    try:
        t = time.perf_counter()
        con.execute("SELECT sum(hash(i) % 1000) FROM range(200000000) AS t(i)").fetchall()
        return time.perf_counter() - t
    finally:
        con.close()


def timed(fn, runs: int) -> tuple[float, list[float], object]:
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), times, result


# ---- the warehouses -------------------------------------------------------------------------
def large_warehouse(work: Path, quick: bool) -> Path:
    """Generate and build the province-scale warehouse once (reused while the generator is unchanged)."""
    name = "tiny" if quick else "large"
    db = work / f"{name}.duckdb"
    stamp = work / f"{name}.version"
    # rebuilt when the schema or the evaluation SQL changes
    version = f"{GENERATOR_VERSION}:{config.fingerprint(False)}:{config.evaluation_fingerprint()}"
    if db.exists() and stamp.exists() and stamp.read_text() == version:
        return db
    src = work / name
    shutil.rmtree(src, ignore_errors=True)
    if quick:
        counts = generate.generate(src, scale=0.01, years=range(2025, 2026))
    else:
        counts = generate.generate(src)
    t = time.perf_counter()
    warehouse.build(db, src)
    print(f"built {db.name}: {counts} in {time.perf_counter() - t:.1f} s", flush=True)
    stamp.write_text(version)
    return db


def sample_warehouse(work: Path) -> Path:
    db = work / "sample.duckdb"
    warehouse.build(db)
    return db


# ---- 1. evaluation --------------------------------------------------------------------------
_COLD_SNIPPET = """
import sys, time, duckdb
sys.path.insert(0, {root!r})
from bishui.db.sql import sql_text
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
con.execute("ATTACH {db!r} AS w (READ_ONLY)"); con.execute("USE w")
t = time.perf_counter()
if {from_raw!r}:
    con.execute("CREATE TEMP TABLE readings_monthly AS " + sql_text("readings_monthly"),
                {{"scope_sections": None, "scope_from": None, "scope_to": None}})
con.execute("CREATE TEMP TABLE section_period_parameter AS " + sql_text("section_period_parameter"))
con.execute("CREATE TEMP TABLE spc AS " + sql_text("section_period_class"))
print(time.perf_counter() - t)
"""


def _cold(db: Path, from_raw: bool) -> float:
    out = subprocess.run(
        [sys.executable, "-c", _COLD_SNIPPET.format(root=str(ROOT), db=str(db), from_raw=from_raw)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return float(out.strip().splitlines()[-1])


def bench_evaluation(db: Path, runs: int) -> dict:
    """The whole GB 3838 evaluation of every reading (months and years, classes, attainment, main
    pollutants, MoM/YoY) in a fresh in-memory database over the attached warehouse: from the raw
    readings (re-aggregating them) and from the monthly aggregate that build and import keep."""
    cold = _cold(db, from_raw=True)
    cold_agg = _cold(db, from_raw=False)
    con = duckdb.connect()
    con.execute(f"ATTACH '{db}' AS w (READ_ONLY)")
    con.execute("USE w")

    def evaluate():
        con.execute(
            "CREATE OR REPLACE TEMP TABLE section_period_parameter AS " + sql.sql_text("section_period_parameter")
        )
        con.execute("CREATE OR REPLACE TEMP TABLE spc AS " + sql.sql_text("section_period_class"))
        return con.execute(
            "SELECT section_id, period AS month, water_class, is_attained, main_pollutants FROM spc "
            "WHERE period_kind = 'month' AND water_class IS NOT NULL ORDER BY 1, 2"
        ).df()

    def sql_eval():
        con.execute(
            "CREATE OR REPLACE TEMP TABLE readings_monthly AS " + sql.sql_text("readings_monthly"),
            {"scope_sections": None, "scope_from": None, "scope_to": None},
        )
        return evaluate()

    agg_warm, agg_all, agg_result = timed(evaluate, runs)  # reads the warehouse's readings_monthly
    warm, warm_all, sql_result = timed(sql_eval, runs)
    n_readings = con.execute("SELECT count(*) FROM readings").fetchone()[0]
    # the page query: a month's classes for every section, from the table maintained at build/import
    month = con.execute("SELECT max(period) FROM section_period_class WHERE period_kind = 'month'").fetchone()[0]
    page_q, page_all, _ = timed(
        lambda: store.run_query("section_status_matrix", month=month, town_id=None, now=clock.today()), max(runs, 20)
    )

    def load():
        return con.execute("SELECT * FROM readings").df()

    load_t, _, frame = timed(load, 1)
    sections = con.execute("SELECT * FROM sections").df()
    params = con.execute("SELECT * FROM parameters").df()
    limits = con.execute("SELECT * FROM gb3838_limits").df()
    pd_t, pd_all, pd_result = timed(lambda: pandas_eval.evaluate_months(frame, sections, params, limits), runs)
    frame_mb = frame.memory_usage(deep=True).sum() / 1e6
    frame = None  # free the 20 M-row frame before the next measurements
    merged = pd_result.merge(
        sql_result, on=["section_id", "month"], how="outer", suffixes=("_pd", "_sql"), indicator=True
    )
    mismatches = int(
        (
            (merged["_merge"] != "both")
            | (merged["water_class_pd"] != merged["water_class_sql"])
            | (merged["is_attained_pd"] != merged["is_attained_sql"])
            | (merged["main_pollutants_pd"] != merged["main_pollutants_sql"])
        ).sum()
    )
    con.close()
    refresh = bench_import_refresh(db, runs)
    return {
        **refresh,
        "readings": int(n_readings),
        "section_months": int(len(sql_result)),
        "sql_cold_s": cold,
        "agg_cold_s": cold_agg,
        "agg_warm_s": agg_warm,
        "agg_runs_s": agg_all,
        "agg_equal": bool(agg_result.equals(sql_result)),
        "sql_warm_s": warm,
        "sql_runs_s": warm_all,
        "pandas_load_s": load_t,
        "pandas_eval_s": pd_t,
        "pandas_total_s": load_t + pd_t,
        "pandas_frame_mb": frame_mb,
        "ratio_pandas_over_sql": (load_t + pd_t) / warm,
        "ratio_eval_only": pd_t / warm,
        "equal": mismatches == 0,
        "mismatches": mismatches,
        "page_month_classes_p50_ms": float(np.percentile(page_all, 50) * 1000),
        "page_month_classes_p95_ms": float(np.percentile(page_all, 95) * 1000),
    }


def bench_import_refresh(db: Path, runs: int) -> dict:
    """What an import of one month's readings for 10 sections costs the evaluation: re-aggregating
    only those sections' month into readings_monthly, then re-evaluating (evaluation.refresh with a
    scope), against rebuilding the aggregate from every reading. On a copy of the warehouse."""
    copy = db.with_name("refresh_copy.duckdb")
    shutil.copyfile(db, copy)
    try:
        with duckdb.connect(str(copy)) as con:
            sections = [r[0] for r in con.execute("SELECT section_id FROM sections ORDER BY 1 LIMIT 10").fetchall()]
            month = con.execute("SELECT max(month) FROM readings_monthly").fetchone()[0]
            scope = {
                "scope_sections": sections,
                "scope_from": month,
                "scope_to": con.execute("SELECT last_day($m::DATE)", {"m": month}).fetchone()[0],
            }
            inc, inc_all, _ = timed(lambda: evaluation.refresh(con, [scope]), runs)
            full, _, _ = timed(lambda: evaluation.refresh(con), 1)
    finally:
        copy.unlink(missing_ok=True)
    return {"refresh_incremental_s": inc, "refresh_incremental_runs_s": inc_all, "refresh_full_s": full}


# ---- 2. trend query -------------------------------------------------------------------------
def bench_trend(db: Path, n: int) -> dict:
    sections = store.run_query("sections_list", town_id=None)["section_id"].tolist()
    rng = np.random.default_rng(1)
    times = []
    for i in range(n + 5):
        sid = sections[int(rng.integers(0, len(sections)))]
        t = time.perf_counter()
        store.run_query(
            "section_parameter_monthly",
            section_ids=[sid],
            parameters=["nh3n"],
            start=dt.date(2021, 1, 1),
            end=dt.date(2025, 12, 31),
        )
        if i >= 5:  # the first few open the reader connection
            times.append(time.perf_counter() - t)
    return {"p50_ms": float(np.percentile(times, 50) * 1000), "p95_ms": float(np.percentile(times, 95) * 1000), "n": n}


# ---- 8. source tracing ---------------------------------------------------------------------
def bench_tracing(db: Path, n: int) -> dict:
    """Trace misses of the latest month with misses (bishui.db.tracing_data.trace: the reach, every
    located object, the candidates with their evidence), cycling through the missed sections."""
    from bishui.db import tracing_data

    with store.read_connection(db) as cur:
        month = cur.execute(
            "SELECT max(period) FROM section_period_class WHERE period_kind = 'month' AND is_attained = false"
        ).fetchone()[0]
        n_outfalls = cur.execute("SELECT count(*) FROM outfalls").fetchone()[0]
    misses = store.run_query("section_month_misses", month=month, town_id=None)["section_id"].tolist()
    if not misses:
        return {"error": "no misses to trace"}
    times, n_candidates = [], []
    tracing_data.trace(misses[0], month)  # opens the reader connection
    tracing_data._POSITIONS.clear()  # the first trace after a warehouse swap: positions computed
    t = time.perf_counter()
    tracing_data.trace(misses[0], month)
    first = time.perf_counter() - t
    for i in range(n):
        sid = misses[i % len(misses)]
        t = time.perf_counter()
        result = tracing_data.trace(sid, month)
        times.append(time.perf_counter() - t)
        n_candidates.append(len(result.candidates))
    return {
        "p50_ms": float(np.percentile(times, 50) * 1000),
        "p95_ms": float(np.percentile(times, 95) * 1000),
        "first_ms": first * 1000,
        "n": n,
        "outfalls": int(n_outfalls),
        "misses": len(misses),
        "month": str(month),
        "candidates_median": float(np.median(n_candidates)),
    }


# ---- 3. page reruns -------------------------------------------------------------------------
def bench_pages(db: Path, runs: int) -> dict:
    from streamlit.testing.v1 import AppTest

    months = store.run_query("months_available")["month"]
    a, b = months.iloc[0].strftime("%Y-%m"), months.iloc[min(1, len(months) - 1)].strftime("%Y-%m")
    out = {}
    for page in sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py")):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.run()
        at.switch_page(page).run()
        times = []
        for i in range(runs):
            at.sidebar.selectbox(key="month").set_value(b if i % 2 == 0 else a)
            t = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - t)
        out[Path(page).stem] = {
            "median_ms": statistics.median(times) * 1000,
            "max_ms": max(times) * 1000,
            "exception": bool(at.exception),
        }
    return out


# ---- 4. CSV export --------------------------------------------------------------------------
def bench_export(db: Path, runs: int, rows: int) -> dict:
    sql = (
        "SELECT r.section_id, s.name_zh, r.parameter, r.sampled_on, r.sampled_at, r.value, r.source "
        "FROM readings r JOIN sections s USING (section_id) LIMIT $n"
    )
    with store.read_connection(db) as cur:
        table = cur.sql(sql, params={"n": rows}).to_arrow_table()
        frame = cur.execute(sql, {"n": rows}).df()
    bishui_t, _, data = timed(lambda: export.arrow_csv_bytes(table), runs)
    frame_t, _, _ = timed(lambda: export.csv_bytes(frame), runs)
    pandas_t, _, pdata = timed(lambda: frame.to_csv(index=False).encode("utf-8-sig"), runs)
    return {
        "rows": len(frame),
        "bishui_s": bishui_t,
        "bishui_from_dataframe_s": frame_t,
        "pandas_s": pandas_t,
        "bishui_mb_s": len(data) / 1e6 / bishui_t,
        "pandas_mb_s": len(pdata) / 1e6 / pandas_t,
        "ratio": pandas_t / bishui_t,
        "bom": data[:3] == b"\xef\xbb\xbf",
        "mb": len(data) / 1e6,
    }


# ---- 5. maps --------------------------------------------------------------------------------
def bench_maps(quick: bool) -> dict:
    try:
        import maps_bench
    except ImportError as exc:  # pragma: no cover - the maps benchmark ships with the maps pages
        return {"error": f"maps benchmark unavailable: {exc}"}
    return maps_bench.measure(quick=quick)


# ---- 6./7. cold start and memory ------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_cold_start_and_memory(db: Path, pages: list[str], runs: int = 3) -> dict:
    """Cold start (a fresh server process to the overview drawn) as the median of `runs` starts; the
    first start then opens every page while the app process's peak memory is sampled."""
    starts = [_cold_start(db, pages if i == 0 else []) for i in range(runs)]
    return {
        "server_ready_s": statistics.median(s["server_ready_s"] for s in starts),
        "cold_start_s": statistics.median(s["cold_start_s"] for s in starts),
        "cold_start_runs_s": [s["cold_start_s"] for s in starts],
        "peak_memory_mb": starts[0]["peak_memory_mb"],
    }


def _cold_start(db: Path, pages: list[str]) -> dict:
    import psutil
    from playwright.sync_api import sync_playwright

    port = _free_port()
    env = {**os.environ, "BISHUI_DB": str(db)}
    peak = {"rss": 0}
    stop = threading.Event()
    result: dict = {}
    url = f"http://127.0.0.1:{port}"
    with sync_playwright() as p:
        # the user's browser is already open: launch it before the clock starts
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "app.py"),
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

        def watch():
            ps = psutil.Process(proc.pid)
            while not stop.is_set():
                try:
                    rss = ps.memory_info().rss + sum(c.memory_info().rss for c in ps.children(recursive=True))
                    peak["rss"] = max(peak["rss"], rss)
                except psutil.Error:
                    pass
                time.sleep(0.05)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        try:
            while True:
                try:
                    urllib.request.urlopen(url + "/_stcore/health", timeout=1)
                    break
                except OSError:
                    if time.perf_counter() - t0 > 120:
                        raise RuntimeError("server did not start")
                    time.sleep(0.05)
            result["server_ready_s"] = time.perf_counter() - t0
            page.goto(url + "/")
            page.wait_for_selector(READY, timeout=120_000)
            page.wait_for_selector(".js-plotly-plot .heatmaplayer, .js-plotly-plot svg", timeout=120_000)
            result["cold_start_s"] = time.perf_counter() - t0
            for stem in pages:
                page.goto(f"{url}/{'' if stem == 'overview' else stem}")
                page.wait_for_selector(READY, timeout=120_000)
                page.wait_for_timeout(300)
        finally:
            browser.close()
            stop.set()
            watcher.join(1)
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
    result["peak_memory_mb"] = peak["rss"] / 1e6
    return result


# ---- report ---------------------------------------------------------------------------------
TARGETS = {
    "eval_warm": ("Monthly evaluation from raw readings (re-aggregated), warm", "≤ 0.5 s"),
    "eval_cold": ("Monthly evaluation from raw readings (re-aggregated), first query", "< 1 s"),
    "agg_warm": ("Monthly evaluation from the monthly aggregate kept at build/import, warm", "≤ 0.25 s"),
    "agg_cold": ("Monthly evaluation from the monthly aggregate kept at build/import, first query", "< 1 s"),
    "refresh": ("Re-evaluation after importing a month for 10 sections (incremental)", "—"),
    "eval_ratio": ("pandas (load + groupby) / Bishui SQL", "≥ 5×"),
    "page_month": ("A month's classes for all sections (page query), p95", "< 50 ms"),
    "trend_p95": ("Section-trend query, p95", "< 10 ms"),
    "rerun_sample": ("Page rerun after a filter change, sample, worst page", "< 300 ms"),
    "rerun_large": ("Page rerun after a filter change, large, worst page", "< 1 s"),
    "export": ("CSV export of 1,000,000 rows with BOM", "< 0.5 s"),
    "export_ratio": ("pandas.to_csv / Bishui export", "≥ 3×"),
    "maps_html": ("Map HTML (10,000 pipes + 2,000 outfalls)", "< 3 MB"),
    "maps_paint": ("Map first paint", "< 1 s"),
    "maps_pan": ("Map pan", "< 150 ms"),
    "cold_start": ("Cold start to the overview rendered", "< 6 s"),
    "memory": ("App peak memory, large warehouse", "< 1 GB"),
    "tracing_p95": ("Tracing one miss (reach, candidates, evidence), p95", "< 200 ms"),
}


def summarise(r: dict) -> list[tuple[str, str, str, bool | None]]:
    rows = []

    def add(key, value, ok):
        label, target = TARGETS[key]
        rows.append((label, value, target, ok))

    e = r.get("evaluation", {})
    if e:
        add("eval_warm", f"{e['sql_warm_s']:.2f} s ({e['readings']:,} readings)", e["sql_warm_s"] <= 0.5)
        add("eval_cold", f"{e['sql_cold_s']:.2f} s", e["sql_cold_s"] < 1.0)
        if "agg_warm_s" in e:
            add(
                "agg_warm",
                f"{e['agg_warm_s']:.2f} s (same result as from raw: {e['agg_equal']})",
                e["agg_warm_s"] <= 0.25 and e["agg_equal"],
            )
            add("agg_cold", f"{e['agg_cold_s']:.2f} s", e["agg_cold_s"] < 1.0)
        if "refresh_incremental_s" in e:
            add(
                "refresh",
                f"{e['refresh_incremental_s']:.2f} s (rebuilding the aggregate from every reading: "
                f"{e['refresh_full_s']:.2f} s)",
                None,
            )
        add(
            "eval_ratio",
            f"{e['ratio_pandas_over_sql']:.1f}× (pandas {e['pandas_load_s']:.2f} s load + "
            f"{e['pandas_eval_s']:.2f} s groupby, {e['pandas_frame_mb']:.0f} MB frame; equal: {e['equal']})",
            e["ratio_pandas_over_sql"] >= 5 and e["equal"],
        )
        add("page_month", f"{e['page_month_classes_p95_ms']:.1f} ms", e["page_month_classes_p95_ms"] < 50)
    t = r.get("trend", {})
    if t:
        add("trend_p95", f"{t['p95_ms']:.1f} ms (p50 {t['p50_ms']:.1f} ms)", t["p95_ms"] < 10)
    for key, name, limit in (("rerun_sample", "pages_sample", 300), ("rerun_large", "pages_large", 1000)):
        pages = r.get(name, {})
        if pages:
            worst = max(pages.items(), key=lambda kv: kv[1]["median_ms"])
            add(
                key,
                f"{worst[1]['median_ms']:.0f} ms ({worst[0]}); "
                + ", ".join(f"{k} {v['median_ms']:.0f}" for k, v in sorted(pages.items())),
                worst[1]["median_ms"] < limit,
            )
    tr = r.get("tracing", {})
    if tr and "error" not in tr:
        add(
            "tracing_p95",
            f"{tr['p95_ms']:.0f} ms (p50 {tr['p50_ms']:.0f} ms; {tr['outfalls']:,} outfalls, "
            f"{tr['misses']} misses of {tr['month'][:7]}, median {tr['candidates_median']:.0f} candidates; the first "
            f"trace after a warehouse change, placing every object on the rivers: {tr.get('first_ms', 0):.0f} ms)",
            tr["p95_ms"] < 200,
        )
    x = r.get("export", {})
    if x:
        add(
            "export",
            f"{x['bishui_s']:.2f} s ({x['bishui_mb_s']:.0f} MB/s; from a DataFrame {x['bishui_from_dataframe_s']:.2f} s)",
            x["bishui_s"] < 0.5,
        )
        add(
            "export_ratio",
            f"{x['ratio']:.1f}× (pandas {x['pandas_s']:.2f} s, {x['pandas_mb_s']:.0f} MB/s)",
            x["ratio"] >= 3,
        )
    m = r.get("maps", {})
    if m and "error" not in m:
        add("maps_html", f"{m['html_mb']:.2f} MB", m["html_mb"] < 3)
        add("maps_paint", f"{m['first_paint_s']:.2f} s", m["first_paint_s"] < 1)
        add("maps_pan", f"{m['pan_ms']:.0f} ms", m["pan_ms"] < 150)
    c = r.get("app", {})
    if c:
        runs_s = ", ".join(f"{x:.1f}" for x in c.get("cold_start_runs_s", []))
        add(
            "cold_start",
            f"{c['cold_start_s']:.1f} s" + (f" (median of {runs_s} s)" if runs_s else ""),
            c["cold_start_s"] < 6,
        )
        add("memory", f"{c['peak_memory_mb']:.0f} MB", c["peak_memory_mb"] < 1000)
    return rows


def write_markdown(r: dict, path: Path, notes: str) -> None:
    m = r["machine"]
    lines = [
        "# Bishui benchmarks",
        "",
        f"One run of `python benchmarks/run.py{' --quick' if r['quick'] else ''}` on {m['date']}: "
        f"{m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, Python {m['python']}, DuckDB {m['duckdb']}, "
        f"pandas {m['pandas']}, Streamlit {m['streamlit']}. Medians of {r['runs']} runs unless noted. "
        "Raw figures: `benchmarks/results.json`.",
        "",
        f"Machine speed during the run (seconds for DuckDB to hash 200 million integers on both cores; "
        f"compare runs by it): {r.get('speed_probe_start_s', float('nan')):.2f} s at the start, "
        f"{r.get('speed_probe_end_s', float('nan')):.2f} s at the end.",
        "",
        "| measure | result | target | met |",
        "|---|---|---|---|",
    ]
    for label, value, target, ok in summarise(r):
        lines.append(f"| {label} | {value} | {target} | {'yes' if ok else 'no' if ok is not None else ''} |")
    lines += ["", notes.strip(), ""]
    path.write_text("\n".join(lines), encoding="utf-8")


COMMITTED_OUT = ROOT / "benchmarks"  # results.json here and BENCHMARKS.md at the root: the committed figures


def output_dir(out: Path | None, quick: bool) -> Path:
    """Where results.json and BENCHMARKS.md go: the committed place for a full run; a fresh temporary
    folder for --quick (its tiny-warehouse figures must never replace the committed ones)."""
    if not quick:
        return out or COMMITTED_OUT
    if out is None:
        return Path(tempfile.mkdtemp(prefix="bishui-bench-quick-"))
    if out.resolve() == COMMITTED_OUT.resolve() or out.resolve() == ROOT.resolve():
        raise SystemExit(
            "--quick never writes over the committed results.json and BENCHMARKS.md: "
            "give another --out (or none: a temporary folder)"
        )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="everything once, on a tiny warehouse")
    ap.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "work" / "province")
    ap.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder for results.json and BENCHMARKS.md (default: the committed ones; --quick: a temp folder)",
    )
    ap.add_argument("--runs", type=int, default=None)
    ap.add_argument(
        "--skip", default="", help="comma-separated parts to skip: evaluation,trend,tracing,pages,export,maps,app"
    )
    args = ap.parse_args(argv)
    args.out = output_dir(args.out, args.quick)
    runs = args.runs or (1 if args.quick else 5)
    skip = set(filter(None, args.skip.split(",")))
    args.work.mkdir(parents=True, exist_ok=True)
    results: dict = {"machine": machine(), "quick": args.quick, "runs": runs, "speed_probe_start_s": speed_probe()}
    large = large_warehouse(args.work, args.quick)
    sample = sample_warehouse(args.work)
    os.environ["BISHUI_DB"] = str(large)
    if "evaluation" not in skip:
        results["evaluation"] = bench_evaluation(large, runs)
        print("evaluation", json.dumps(results["evaluation"], default=str)[:400], flush=True)
    if "trend" not in skip:
        results["trend"] = bench_trend(large, 20 if args.quick else 200)
        print("trend", results["trend"], flush=True)
    if "tracing" not in skip:
        results["tracing"] = bench_tracing(large, 5 if args.quick else 50)
        print("tracing", results["tracing"], flush=True)
    if "export" not in skip:
        results["export"] = bench_export(large, runs, 2_000 if args.quick else 1_000_000)
        print("export", results["export"], flush=True)
    pages = sorted(p.stem for p in (ROOT / "pages").glob("*.py"))
    if "pages" not in skip:
        for name, db in (("pages_sample", sample), ("pages_large", large)):
            os.environ["BISHUI_DB"] = str(db)
            results[name] = bench_pages(db, 2 if args.quick else max(runs, 5))
            print(name, results[name], flush=True)
    if "maps" not in skip:
        results["maps"] = bench_maps(args.quick)
        print("maps", results["maps"], flush=True)
    if "app" not in skip:
        results["app"] = bench_cold_start_and_memory(large, pages, 1 if args.quick else 3)
        print("app", results["app"], flush=True)
    results["speed_probe_end_s"] = speed_probe()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    notes_file = ROOT / "benchmarks" / "NOTES.md"
    md = (ROOT / "BENCHMARKS.md") if args.out.resolve() == COMMITTED_OUT.resolve() else args.out / "BENCHMARKS.md"
    write_markdown(results, md, notes_file.read_text(encoding="utf-8") if notes_file.exists() else "")
    for label, value, target, ok in summarise(results):
        print(f"{'--  ' if ok is None else 'OK  ' if ok else 'MISS'} {label}: {value} (target {target})")
    print(f"wrote {args.out / 'results.json'} and {md}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
