"""An import in a separate process while 8 reader threads query continuously through bishui.db.store:
no reader ever fails, and every reader sees either the old or the new warehouse, never a mix."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd

from bishui.db import store

ROOT = Path(__file__).resolve().parents[1]


def state() -> tuple:
    """(readings, last day, last month, evaluated rows): readings and the evaluation derived from them."""
    row = store.run_query("ingest/readings_state").iloc[0]
    return (int(row["n_readings"]), str(row["last_sampled_on"]), str(row["last_month"]), int(row["n_evaluated"]))


def test_readers_see_old_or_new_never_half(tmp_path, fixture_db, use_db):
    db = use_db(tmp_path / "w.duckdb")
    shutil.copyfile(fixture_db, db)
    # 6,000 readings of a new month (wide, as an automatic station sends them)
    t = pd.date_range("2023-06-01", periods=400, freq="h")
    df = pd.DataFrame(
        {
            "断面名称": np.repeat(["测试河一号桥", "测试河二号闸", "测试水库"], len(t)),
            "监测时间": np.tile(t.strftime("%Y-%m-%d %H:%M:%S"), 3),
            "pH值": 7.5,
            "溶解氧(mg/L)": 8.1,
            "氨氮(mg/L)": 0.42,
            "总磷(mg/L)": 0.11,
            "水温(℃)": 21.0,
        }
    )
    path = tmp_path / "june.csv"
    df.to_csv(path, index=False, encoding="utf-8-sig")

    old = state()
    stop = threading.Event()
    seen: list[tuple[float, tuple]] = []
    errors: list[str] = []
    lock = threading.Lock()

    def reader() -> None:
        while not stop.is_set():
            try:
                s = state()
                with lock:
                    seen.append((time.perf_counter(), s))
            except Exception as exc:  # any failure is a test failure
                with lock:
                    errors.append(repr(exc))

    threads = [threading.Thread(target=reader, daemon=True) for _ in range(8)]
    for th in threads:
        th.start()
    env = {**os.environ, "BISHUI_DB": str(db)}
    proc = subprocess.run(
        [sys.executable, "-m", "bishui", "import", str(path), "--lang", "en"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    finished = time.perf_counter()
    time.sleep(1.0)
    stop.set()
    for th in threads:
        th.join(timeout=30)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "6000 rows added" in proc.stdout
    new = state()
    assert new[0] == old[0] + 6000 and new[2].startswith("2023-06")

    assert errors == []
    observed = {s for _, s in seen}
    assert observed <= {old, new}, observed - {old, new}
    assert old in observed  # readers were running before the swap
    assert new in {s for ts, s in seen if ts > finished}  # and saw the new warehouse after it
    assert len(seen) > 100
    assert [p.name for p in tmp_path.iterdir() if ".tmp" in p.name] == []
