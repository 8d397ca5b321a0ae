"""The benchmark script runs end to end on a tiny warehouse (--quick), so it cannot rot. Its figures
are not asserted here: performance goals are measured in benchmarks/, not in unit tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.browser
def test_quick_benchmark_runs_end_to_end(tmp_path):
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--work", str(tmp_path / "work"),
         "--out", str(tmp_path / "out")],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    results = json.loads((tmp_path / "out" / "results.json").read_text())
    for part in ("evaluation", "trend", "tracing", "export", "pages_sample", "pages_large", "maps", "app"):
        assert part in results, part
    assert results["tracing"]["p95_ms"] > 0 and results["tracing"]["outfalls"] > 0   # misses were traced
    assert results["evaluation"]["equal"] is True  # the SQL and the pandas way agree row for row
    assert results["evaluation"]["agg_equal"] is True  # from the monthly aggregate == from raw readings
    assert results["evaluation"]["refresh_incremental_s"] > 0
    assert results["export"]["bom"] is True
    assert not any(p["exception"] for p in results["pages_sample"].values())
    md = (tmp_path / "out" / "BENCHMARKS.md").read_text()
    assert "| measure | result | target | met |" in md
