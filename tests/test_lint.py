"""Static checks in CI, one test per tool (pinned in requirements-dev.txt, settings in pyproject.toml):
`ruff check`, `ruff format --check`, `mypy bishui` and `sqlfluff lint queries/` find nothing.
tests/run.sh runs this file before the rest of the suite, so a finding stops CI early;
.pre-commit-config.yaml runs the same commands before a commit."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# the commands, as tests/run.sh and the README state them
COMMANDS = {
    "ruff": [sys.executable, "-m", "ruff", "check", "--output-format", "concise", "."],
    "format": [sys.executable, "-m", "ruff", "format", "--check", "."],
    "mypy": [sys.executable, "-m", "mypy", "bishui"],
    "sqlfluff": [sys.executable, "-m", "sqlfluff", "lint", "queries/", "--processes", "1", "--disable-progress-bar"],
}


TOOL_OF_TEST = {
    "test_ruff_finds_nothing": "ruff",
    "test_ruff_format_leaves_the_tree_as_it_is": "format",
    "test_mypy_finds_nothing": "mypy",
    "test_sqlfluff_finds_nothing": "sqlfluff",
}
_started: dict[str, subprocess.Popen] = {}


@pytest.fixture(scope="module", autouse=True)
def _start_together(request):
    """Start the tools of every selected test in this file at once: mypy and sqlfluff take minutes each
    on one core, side by side they take the longer of the two (CI has two cores; tests/run.sh runs this
    file on its own before the rest of the suite). Not in an xdist worker: it runs only some of them."""
    for item in [] if os.environ.get("PYTEST_XDIST_WORKER") else request.session.items:
        tool = TOOL_OF_TEST.get(item.originalname) if item.module is request.module else None
        if tool and tool not in _started:
            _started[tool] = subprocess.Popen(
                COMMANDS[tool], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
    yield
    for proc in _started.values():
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    _started.clear()


def _run(tool: str, timeout: int = 600) -> subprocess.CompletedProcess:
    """The tool's finished run (started by _start_together, or here when it was not)."""
    proc = _started.pop(tool, None) or subprocess.Popen(
        COMMANDS[tool], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise
    return subprocess.CompletedProcess(COMMANDS[tool], proc.returncode, out, err)


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
