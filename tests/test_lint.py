"""Static checks in CI, one test per tool (pinned in requirements-dev.txt, settings in pyproject.toml):
`ruff check`, `ruff format --check`, `mypy bishui` and `sqlfluff lint queries/` find nothing.
tests/run.sh runs this file before the rest of the suite, so a finding stops CI early;
.pre-commit-config.yaml runs the same commands before a commit."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# the commands, as tests/run.sh and the README state them
COMMANDS = {
    "ruff": [sys.executable, "-m", "ruff", "check", "--output-format", "concise", "."],
    "format": [sys.executable, "-m", "ruff", "format", "--check", "."],
    "mypy": [sys.executable, "-m", "mypy", "bishui"],
    "sqlfluff": [sys.executable, "-m", "sqlfluff", "lint", "queries/", "--processes", "1", "--disable-progress-bar"],
}


def _run(tool: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(COMMANDS[tool], cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def test_ruff_finds_nothing():
    r = _run("ruff")
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-2000:]


def test_ruff_format_leaves_the_tree_as_it_is():
    r = _run("format")
    assert r.returncode == 0, "run `ruff format .`:\n" + r.stdout[-4000:] + r.stderr[-2000:]


def test_mypy_finds_nothing():
    r = _run("mypy")
    assert r.returncode == 0, r.stdout[-6000:] + r.stderr[-2000:]


def test_sqlfluff_finds_nothing():
    r = _run("sqlfluff")
    assert r.returncode == 0, r.stdout[-6000:] + r.stderr[-2000:]
