"""The committed sample is what the generator makes: `python -m bishui sample` into a fresh folder writes
data/sample/ byte for byte (the same files, nothing more or less). A change to bishui/tools/sample.py that
changes the data has to come with the regenerated files (`python -m bishui sample`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "data" / "sample"


def _files(folder: Path) -> dict[str, Path]:
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}


def test_cli_sample_equals_the_committed_sample(tmp_path):
    out = tmp_path / "sample"
    r = subprocess.run(
        [sys.executable, "-m", "bishui", "sample", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-4000:]
    made, committed = _files(out), _files(COMMITTED)
    assert sorted(made) == sorted(committed), "files differ: run `python -m bishui sample`"
    drifted = [name for name in committed if made[name].read_bytes() != committed[name].read_bytes()]
    assert not drifted, f"regenerate data/sample/ (`python -m bishui sample`): {drifted}"
