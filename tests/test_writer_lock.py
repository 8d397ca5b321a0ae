"""Two writers at once on one warehouse (store.edit_transaction: the writer lock, a copy, an atomic
swap). Each writer is its own process, as two editors' server replicas or a CLI import next to the app
are. The second writer waits for the first, then writes on top of the first's result: both records
are there, none is lost, the file opens cleanly and no temporary copy is left. A writer killed while
it holds the lock (kill -9) releases it; the next writer proceeds and the warehouse is the old one."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]

# The first writer: opens the writer's transaction, records meeting "A" the way meetings.record
# does, says so (the ready file) and keeps the transaction open until the second writer has started
# (its started file; on a loaded machine a Python start takes seconds) and `hold` seconds more.
HOLDER = """
import sys, time
from pathlib import Path
from bishui.db import meetings, store
db, hold, ready, other = Path(sys.argv[1]), float(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
with store.edit_transaction(db, "a test writer") as con:
    meetings.ensure_schema(con)
    mid = con.execute("SELECT coalesce(max(meeting_id), 0) + 1 FROM meetings").fetchall()[0][0]
    con.execute("INSERT INTO meetings VALUES ($id, DATE '2025-12-01', 'A', NULL, 'A', now()::TIMESTAMP)",
                {"id": mid})
    ready.touch()
    deadline = time.monotonic() + 120
    while not other.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(hold)
print(f"committed {time.time():.6f}")
"""

# The second writer: the public function an editor's click runs.
RECORDER = """
import datetime as dt, sys, time
from pathlib import Path
from bishui.db import meetings
started = time.time()
if len(sys.argv) > 2:
    Path(sys.argv[2]).touch()
mid = meetings.record(dt.date(2025, 12, 8), "B", "decided", [], "B", path=Path(sys.argv[1]))
print(f"meeting {mid} started {started:.6f} committed {time.time():.6f}")
"""


def _start(code: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", code, *map(str, args)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for(path: Path, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the first writer never got the lock"
        time.sleep(0.05)


def _meetings(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT meeting_id, attendees, held_on FROM meetings ORDER BY meeting_id").fetchall()
    finally:
        con.close()


def _leftovers(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir() if p.name.startswith(db.name + ".tmp"))


def test_second_writer_waits_and_both_writes_land(tmp_path, fixture_db):
    db = tmp_path / "w.duckdb"
    shutil.copyfile(fixture_db, db)
    ready = tmp_path / "a.ready"
    hold = 1.0
    b_started_file = tmp_path / "b.started"
    a = _start(HOLDER, db, hold, ready, b_started_file)
    _wait_for(ready, a)
    b = _start(RECORDER, db, b_started_file)  # starts while A holds the lock, which A keeps until B runs
    out_b, err_b = b.communicate(timeout=120)
    out_a, err_a = a.communicate(timeout=120)
    assert a.returncode == 0, err_a
    assert b.returncode == 0, err_b
    a_committed = float(out_a.split()[-1])
    words = out_b.split()
    b_started, b_committed = float(words[3]), float(words[5])
    assert b_started < a_committed <= b_committed  # B was running before A committed, and waited for it
    # B computed its id on top of A's committed record: nothing lost, nothing doubled
    assert words[1] == "2"
    assert _meetings(db) == [(1, "A", dt.date(2025, 12, 1)), (2, "B", dt.date(2025, 12, 8))]
    assert _leftovers(db) == []


def test_a_writer_killed_while_writing_releases_the_lock(tmp_path, fixture_db):
    db = tmp_path / "w.duckdb"
    shutil.copyfile(fixture_db, db)
    before = db.read_bytes()
    ready = tmp_path / "a.ready"
    a = _start(HOLDER, db, 600, ready, tmp_path / "no.second.writer")
    _wait_for(ready, a)
    assert _leftovers(db)  # A's copy, written but not swapped in
    os.kill(a.pid, signal.SIGKILL)
    a.communicate(timeout=60)
    assert db.read_bytes() == before  # the warehouse never saw A's half-done work
    b = _start(RECORDER, db)
    out_b, err_b = b.communicate(timeout=120)
    assert b.returncode == 0, err_b
    assert out_b.split()[1] == "1"
    assert _meetings(db) == [(1, "B", dt.date(2025, 12, 8))]
    assert _leftovers(db) == []  # the dead writer's copy was cleared by the next writer
