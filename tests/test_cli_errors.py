"""The CLI's failures are one line on stderr and a non-zero exit (issue 16 item 7)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run(
        [sys.executable, "-m", "bishui", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_a_missing_input_file_is_one_line_and_exit_1(fixture_db, tmp_path):
    import shutil

    db = shutil.copyfile(fixture_db, tmp_path / "w.duckdb")
    r = _cli("import", str(tmp_path / "nope.csv"), env={"BISHUI_DB": str(db)})
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    assert "nope.csv" in lines[0] and "FileNotFoundError" in lines[0]


def test_bishui_debug_shows_the_traceback(fixture_db, tmp_path):
    import shutil

    db = shutil.copyfile(fixture_db, tmp_path / "w.duckdb")
    r = _cli("import", str(tmp_path / "nope.csv"), env={"BISHUI_DB": str(db), "BISHUI_DEBUG": "1"})
    assert r.returncode != 0 and "Traceback" in r.stderr
