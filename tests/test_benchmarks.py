"""The benchmark script runs end to end on a tiny warehouse (--quick), so it cannot rot. Its figures
are not asserted here: performance goals are measured in benchmarks/, not in unit tests."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.browser
def test_quick_benchmark_runs_end_to_end(tmp_path):
    committed = [ROOT / "benchmarks" / "results.json", ROOT / "BENCHMARKS.md"]
    before = [p.read_bytes() for p in committed]
    out = subprocess.run(  # no --out: --quick writes to a temporary folder of its own
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--work", str(tmp_path / "work")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    assert [p.read_bytes() for p in committed] == before  # the committed figures are untouched
    written = Path(out.stdout.strip().splitlines()[-1].split()[1]).parent
    shutil.copytree(written, tmp_path / "out")
    shutil.rmtree(written)
    results = json.loads((tmp_path / "out" / "results.json").read_text())
    for part in ("evaluation", "trend", "tracing", "export", "pages_sample", "pages_large", "maps", "app"):
        assert part in results, part
    assert results["tracing"]["p95_ms"] > 0 and results["tracing"]["outfalls"] > 0  # misses were traced
    assert results["evaluation"]["equal"] is True  # the SQL and the pandas way agree row for row
    assert results["evaluation"]["agg_equal"] is True  # from the monthly aggregate == from raw readings
    assert results["evaluation"]["refresh_incremental_s"] > 0
    assert results["export"]["bom"] is True
    assert not any(p["exception"] for p in results["pages_sample"].values())
    md = (tmp_path / "out" / "BENCHMARKS.md").read_text()
    assert "| measure | result | target | met |" in md


def _run_module():
    spec = importlib.util.spec_from_file_location("bishui_bench_run", ROOT / "benchmarks" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_quick_never_writes_over_the_committed_results(tmp_path):
    """--quick (tiny-warehouse figures) goes to a fresh temporary folder, or to --out, and refuses the
    committed place; a full run writes the committed results.json and BENCHMARKS.md."""
    run = _run_module()
    committed = ROOT / "benchmarks"
    made = run.output_dir(None, quick=True)
    try:
        assert made.is_dir() and not made.resolve().is_relative_to(ROOT.resolve()) and not any(made.iterdir())
    finally:
        made.rmdir()
    assert run.output_dir(tmp_path, quick=True) == tmp_path
    for place in (committed, ROOT, ROOT / "benchmarks" / ".." / "benchmarks"):
        with pytest.raises(SystemExit, match="never writes over the committed"):
            run.output_dir(place, quick=True)
    assert run.output_dir(None, quick=False) == committed


def _clicks_module():
    spec = importlib.util.spec_from_file_location("bishui_bench_clicks", ROOT / "benchmarks" / "clicks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_click_benchmark_compares_with_the_baseline_clicked_in_the_same_run():
    """benchmarks/clicks.py's verdicts are ratios to the bare app's median switch of the same run."""
    clicks = _clicks_module()
    result = {
        "baseline_switch": {"first": [0.10, 0.12], "second": [0.10, 0.30]},  # median 0.11
        "switch": {"overview": [0.20], "sections": [0.22], "trends": [0.50]},  # median 0.22 = 2x; worst 4.5x
        "month_change": [0.2, 0.3],  # 0.25 = 2.3x
        "maps": {"outfalls": [1.0, 2.0, 1.2]},  # median 1.2 s
        "sessions": {"cpu_s_1": 1.0, "cpu_s_20": 2.5, "cpu_ratio": 2.5, "exceptions_20": 1},
    }
    rows = {name: ok for name, _value, _goal, ok in clicks.summary(result)}
    assert rows == {
        "Page switch, median over pages / baseline": True,  # 0.22 / 0.11 = 2.0x
        "Page switch, worst page (trends) / baseline": False,  # 4.5x
        "Month change on the overview / baseline switch": False,  # 2.3x
        "Map drawn after the click: outfalls": True,  # 1.2 s
        "20 sessions opening the overview, server CPU / one session": False,  # 2.5x, but an exception
    }
