"""Import 1,000,000 readings from one CSV file: time prepare (read, parse, validate, compare) and
apply (copy, insert, sort, re-evaluate, swap).

    python benchmarks/ingest_1m.py [--rows 1000000] [--keep]

The warehouse is built in benchmarks/work/ingest_1m/ (git-ignored) from data/sample/ when it holds the sample
files, else from tests/fixtures/district/. The CSV is long form with Chinese headers, as an automatic
station export: 断面名称, 监测时间 (hourly, in the past), 监测项目 (Chinese names), 监测值, 单位; every
row is new, so the whole path runs (section names matched, units converted, pandera checks, a
conflict join against the warehouse, insert, sort, evaluation refresh, atomic swap).

Recorded on the 2-core development machine (2026-11-28, duckdb 2.0.1, pandas 3.1.1, pandera 0.35.0,
sample warehouse of 53,035 readings, load average ~7 from other work): 61 MB file, prepare 3.0-5.5 s +
apply 1.2-5.0 s = 6.3-8.6 s over five runs (limit 30 s).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bishui import config  # noqa: E402
from bishui.db import store  # noqa: E402
from bishui.db import warehouse as wh  # noqa: E402
from bishui import ingest  # noqa: E402

PARAMETERS = [
    ("水温", "℃"),
    ("pH值", "无量纲"),
    ("溶解氧", "mg/L"),
    ("高锰酸盐指数", "mg/L"),
    ("氨氮", "mg/L"),
    ("总磷", "mg/L"),
    ("总氮", "mg/L"),
    ("化学需氧量", "mg/L"),
]
RANGES = {
    "水温": (5, 28),
    "pH值": (6.5, 8.5),
    "溶解氧": (4, 11),
    "高锰酸盐指数": (2, 9),
    "氨氮": (0.05, 2.5),
    "总磷": (0.02, 0.4),
    "总氮": (0.5, 6),
    "化学需氧量": (8, 30),
}


def warehouse(work: Path) -> Path:
    db = work / "bench.duckdb"
    sample = config.SAMPLE_DIR
    source = (
        sample if sample.is_dir() and (sample / "sections.csv").exists() else ROOT / "tests" / "fixtures" / "district"
    )
    wh.build(db, source)
    return db


def make_csv(path: Path, db: Path, n_rows: int, seed: int = 7) -> int:
    with store.read_connection(db) as con:
        names = [r[0] for r in con.execute("SELECT name_zh FROM sections ORDER BY section_id").fetchall()]
        first = con.execute("SELECT min(sampled_on) FROM readings").fetchone()[0]
    per_hour = len(names) * len(PARAMETERS)
    hours = -(-n_rows // per_hour)
    # the hours before the warehouse's first reading: every generated row is new
    end = pd.Timestamp(first) - pd.Timedelta(hours=1) if first else pd.Timestamp.now().floor("D") - pd.Timedelta(days=1)
    times = pd.date_range(end=end, periods=hours, freq="h")
    rng = np.random.default_rng(seed)
    t = np.repeat(times.strftime("%Y-%m-%d %H:%M:%S").to_numpy(), per_hour)[:n_rows]
    combo = np.tile(np.arange(per_hour), hours)[:n_rows]
    sec = np.array(names, dtype=object)[combo // len(PARAMETERS)]
    pidx = combo % len(PARAMETERS)
    pname = np.array([p for p, _ in PARAMETERS], dtype=object)[pidx]
    unit = np.array([u for _, u in PARAMETERS], dtype=object)[pidx]
    lo = np.array([RANGES[p][0] for p, _ in PARAMETERS])[pidx]
    hi = np.array([RANGES[p][1] for p, _ in PARAMETERS])[pidx]
    value = np.round(lo + (hi - lo) * rng.random(n_rows), 3)
    df = pd.DataFrame({"断面名称": sec, "监测时间": t, "监测项目": pname, "监测值": value, "单位": unit})
    df.to_csv(path, index=False, encoding="utf-8")
    return n_rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--keep", action="store_true", help="keep benchmarks/work/ingest_1m/ afterwards")
    args = ap.parse_args(argv)
    work = ROOT / "benchmarks" / "work" / "ingest_1m"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        db = warehouse(work)
        os.environ["BISHUI_DB"] = str(db)
        csv_path = work / "readings_1m.csv"
        t0 = time.perf_counter()
        make_csv(csv_path, db, args.rows)
        t1 = time.perf_counter()
        before = store.run_query("ingest/readings_state")
        plan = ingest.prepare(csv_path)
        t2 = time.perf_counter()
        result = ingest.apply(plan)
        t3 = time.perf_counter()
        after = store.run_query("ingest/readings_state")
        print(f"file: {csv_path.stat().st_size / 1e6:.1f} MB, {args.rows:,} rows (generated in {t1 - t0:.1f} s)")
        print(plan.summary())
        print(result.message)
        print(f"prepare {t2 - t1:.1f} s + apply {t3 - t2:.1f} s = {t3 - t1:.1f} s")
        print(f"readings {int(before['n_readings'].iloc[0]):,} -> {int(after['n_readings'].iloc[0]):,}")
        ok = result.imported and result.rows_added == args.rows and (t3 - t1) < 30
        print("PASS (< 30 s)" if ok else "FAIL")
        return 0 if ok else 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
