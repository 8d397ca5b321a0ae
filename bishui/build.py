"""Build the warehouse from a directory of canonical files (data/sample/ by default).

The new warehouse is written to a temporary file beside the target and moved over it with
os.replace, under the writer lock: a reader never sees a half-built warehouse."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import getpass
import time
from pathlib import Path
from typing import Callable

import duckdb

from bishui import canonical, clock, config, evaluation
from bishui.store import AS_OF_KEY as store_as_of_key
from bishui.store import forget_real_data, remember_real_data, replace_file, sql_text, temp_path_beside, writer_lock

Progress = Callable[[float, str], None]


def _noop(_fraction: float, _message: str) -> None:
    return None


def load_directory(con: duckdb.DuckDBPyConnection, source_dir: Path, progress: Progress = _noop) -> dict[str, int]:
    """Insert every canonical file found in source_dir; returns rows per kind."""
    counts: dict[str, int] = {}
    kinds = list(canonical.KINDS.values())
    for i, kind in enumerate(kinds):
        path = source_dir / kind.file
        progress(0.05 + 0.75 * i / len(kinds), kind.name)
        parquet = path.with_suffix(".parquet")
        if parquet.exists():
            # large typed data sets (province scale) come as Parquet with the table's columns
            counts[kind.name] = canonical.insert_parquet(con, kind, parquet)
            continue
        if not path.exists():
            continue
        df = canonical.read_file(kind, path)
        counts[kind.name] = canonical.insert_frame(con, kind, df, batch_id=0)
    return counts


NO_FLOW_FILE = "no_flow_months.csv"


def load_no_flow(con: duckdb.DuckDBPyConnection, source_dir: Path) -> dict[str, int]:
    """Load the no-flow / frozen records (no_flow_months.csv: section_id, month, reason_code, note)
    when the data directory has them (optional file; see queries/schema/062_completeness.sql)."""
    path = source_dir / NO_FLOW_FILE
    if not path.exists():
        return {}
    con.execute(sql_text("load/no_flow_months"), {"path": str(path)})
    return {"no_flow_months": con.execute("SELECT count(*) FROM no_flow_months").fetchall()[0][0]}


AS_OF_FILE = "as_of.csv"
REVISIONS_FILE = "reading_revisions.csv"


def read_as_of(source_dir: Path) -> str | None:
    """The moment a data directory's data were cut (as_of.csv: one column as_of, one row, e.g.
    2025-12-15T10:00), as ISO text for warehouse_meta 'as_of'; None without the file. The app takes
    it for now when BISHUI_TODAY is unset (bishui.store.app_now). Only the sample has one."""
    path = source_dir / AS_OF_FILE
    if not path.exists():
        return None
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    raw = (rows[0].get("as_of") or "").strip() if len(rows) == 1 else ""
    moment = clock.parse(raw)
    if moment is None:
        raise ValueError(f"{path}: expected one row with an as_of moment (YYYY-MM-DDTHH:MM), got {raw[:40]!r}")
    return moment.isoformat(timespec="minutes")


def load_revisions(con: duckdb.DuckDBPyConnection, source_dir: Path) -> dict[str, int]:
    """Load the superseded values of revised readings (reading_revisions.csv, optional; see
    queries/schema/064_reading_revisions.sql)."""
    path = source_dir / REVISIONS_FILE
    if not path.exists():
        return {}
    con.execute(sql_text("load/reading_revisions"), {"path": str(path)})
    return {"reading_revisions": con.execute("SELECT count(*) FROM reading_revisions").fetchall()[0][0]}


def sort_readings(con: duckdb.DuckDBPyConnection) -> None:
    """Rewrite readings in (section, parameter, date) order: trend queries then read few row groups."""
    con.execute(sql_text("load/readings_sorted_copy"))
    con.execute("DELETE FROM readings")
    con.execute("INSERT INTO readings SELECT * FROM _readings_sorted")
    con.execute("DROP TABLE _readings_sorted")


def build(path: Path | None = None, source_dir: Path | None = None, progress: Progress | None = None) -> dict[str, int]:
    """Build a complete warehouse at path (default $BISHUI_DB) from source_dir (default data/sample/)."""
    path = Path(path or config.db_path())
    source_dir = Path(source_dir or config.SAMPLE_DIR).resolve()
    progress = progress or _noop
    if not source_dir.is_dir():
        raise FileNotFoundError(f"no data directory {source_dir}")
    started = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    with writer_lock(path):
        tmp = temp_path_beside(path)
        try:
            con = duckdb.connect(str(tmp))
            try:
                progress(0.0, "schema")
                evaluation.apply_schema(con)
                evaluation.load_reference(con)
                counts = load_directory(con, source_dir, progress)
                counts.update(load_no_flow(con, source_dir))
                counts.update(load_revisions(con, source_dir))
                as_of = read_as_of(source_dir)
                progress(0.82, "sort")
                sort_readings(con)
                progress(0.88, "evaluate")
                evaluation.refresh(con)
                is_sample = source_dir == config.SAMPLE_DIR.resolve()
                meta = {
                    "is_sample": "true" if is_sample else "false",
                    "built_at": dt.datetime.now().isoformat(timespec="seconds"),
                    "source_dir": str(source_dir),
                    "build_seconds": f"{time.perf_counter() - started:.2f}",
                    "fingerprint": config.fingerprint(is_sample),
                    "evaluation_fingerprint": config.evaluation_fingerprint(),
                }
                if as_of:
                    meta[store_as_of_key] = as_of
                con.executemany(sql_text("load/meta_upsert"), [{"key": k, "value": v} for k, v in meta.items()])
                con.execute(
                    sql_text("load/batch_insert"),
                    {
                        "batch_id": 0, "imported_by": _user(), "file_name": str(source_dir),
                        "file_hash": "", "kind": "build", "rows_added": sum(counts.values()),
                        "rows_replaced": 0, "rows_rejected": 0,
                    },
                )
                con.execute("CHECKPOINT")
            finally:
                con.close()
            progress(0.97, "swap")
            replace_file(tmp, path)
            if is_sample:
                forget_real_data(path)          # a sample built on purpose: a later loss may be rebuilt
            else:
                remember_real_data(path, f"built from {source_dir}")
        finally:
            for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()
    progress(1.0, "done")
    return counts


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # pragma: no cover - no passwd entry in some containers
        return "unknown"
