"""The warehouse as a whole: build it from a directory of canonical files (data/sample/ by default),
keep what is derived from readings and sections current (one `rederive`, used by the build, every
import and undo, and the re-evaluation of a warehouse an older version made), and ensure that a
current warehouse exists (the app calls ensure_warehouse once at the start of every run).

Every write goes through the store's writers (bishui.db.store): a new warehouse is written to a
temporary file beside the target and moved over it under the writer lock, so a reader never sees a
half-built warehouse."""

from __future__ import annotations

import csv
import datetime as dt
import getpass
import threading
import time
from pathlib import Path
from typing import Callable

import duckdb

from bishui.db import canonical, evaluation, store
from bishui import clock, config
from bishui.db.sql import sql_text

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
    it for now when BISHUI_TODAY is unset (bishui.db.store.app_now). Only the sample has one."""
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
    is_sample = source_dir == config.SAMPLE_DIR.resolve()
    with store.new_file_transaction(path) as con:
        progress(0.0, "schema")
        evaluation.apply_schema(con)
        evaluation.load_reference(con)
        counts = load_directory(con, source_dir, progress)
        counts.update(load_no_flow(con, source_dir))
        counts.update(load_revisions(con, source_dir))
        as_of = read_as_of(source_dir)
        rederive(con, progress=progress)
        meta = {
            "is_sample": "true" if is_sample else "false",
            "built_at": dt.datetime.now().isoformat(timespec="seconds"),
            "source_dir": str(source_dir),
            "build_seconds": f"{time.perf_counter() - started:.2f}",
            "fingerprint": config.fingerprint(is_sample),
        }
        if as_of:
            meta[store.AS_OF_KEY] = as_of
        con.executemany(sql_text("load/meta_upsert"), [{"key": k, "value": v} for k, v in meta.items()])
        con.execute(
            sql_text("load/batch_insert"),
            {
                "batch_id": 0,
                "imported_by": _user(),
                "file_name": str(source_dir),
                "file_hash": "",
                "kind": "build",
                "rows_added": sum(counts.values()),
                "rows_replaced": 0,
                "rows_rejected": 0,
            },
        )
        progress(0.97, "swap")
    if is_sample:
        store.forget_real_data(path)  # a sample built on purpose: a later loss may be rebuilt
    else:
        store.remember_real_data(path, f"built from {source_dir}")
    progress(1.0, "done")
    return counts


def rederive(
    con: duckdb.DuckDBPyConnection, changed: str | None = None, scope: dict | None = None, progress: Progress = _noop
) -> None:
    """Keep what is derived from readings and sections current, on an open writer connection.

    changed=None (a build, or a warehouse evaluated by older SQL): readings are sorted, every derived
    table is recomputed and stamped with this version's evaluation fingerprint. changed="readings"
    (an import or undo of a readings batch): readings are re-sorted and only the sections and months
    in scope (evaluation.readings_scope) are re-aggregated, then every period re-evaluated.
    changed="sections" (target class, water-body type, exclusions): every period is re-evaluated
    from the monthly aggregate. Other kinds derive nothing."""
    if changed not in (None, "readings", "sections"):
        return
    if changed in (None, "readings"):
        progress(0.82 if changed is None else 0.6, "sort")
        evaluation.assign_keys(con)  # before the sorted copy, which then stores the keys compactly
        sort_readings(con)
    progress(0.88 if changed is None else 0.75, "evaluate")
    evaluation.refresh(con, None if changed is None else [scope] if changed == "readings" else [])
    if changed is None:
        con.execute(
            sql_text("load/meta_upsert"), {"key": "evaluation_fingerprint", "value": config.evaluation_fingerprint()}
        )


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # pragma: no cover - no passwd entry in some containers
        return "unknown"


# ------------------------------------------------------------------------ ensure and stale checks


class WarehouseMissing(RuntimeError):
    """The warehouse file is gone where real data was imported before: it is not silently replaced
    by the sample (that would hide the loss behind a sample banner); restore it or rebuild on purpose."""

    def __init__(self, path: Path, marker: Path):
        self.path, self.marker = path, marker
        super().__init__(
            f"the warehouse {path} is missing, but real data was imported there before "
            f"(see {marker}): restore it from a backup, or run `python -m bishui build` to "
            f"start again from the sample without the import history"
        )


_build_lock = threading.Lock()
_checked: dict[str, bool] = {}  # stale checks, per warehouse file version


def forget_checks() -> None:
    """Forget the stale checks made so far (tests that change a warehouse in place)."""
    _checked.clear()


def ensure_warehouse(progress: Progress | None = None) -> Path:
    """The warehouse path; builds it from data/sample/ first when it does not exist and no real data
    was ever imported there (else raises WarehouseMissing), and rebuilds a sample warehouse that an
    older version of the schema, evaluation or sample data built, or re-evaluates one of real data."""
    path = config.db_path()
    if path.exists() and not stale_sample(path) and not stale_evaluation(path):
        return path
    with _build_lock:
        if not path.exists() and store.real_data_marker(path).exists():
            raise WarehouseMissing(path, store.real_data_marker(path))
        if not path.exists() or stale_sample(path):
            build(path, progress=progress)
        elif stale_evaluation(path):
            reevaluate(path, progress)
    return path


def _meta(path: Path) -> dict[str, str]:
    with store.read_connection(path) as con:
        return dict(con.execute("SELECT key, value FROM warehouse_meta").fetchall())


def stale_evaluation(path: Path) -> bool:
    """True when the derived evaluation tables of a warehouse were computed by other evaluation SQL
    than this version's (checked once per file version; a warehouse that could not be re-evaluated
    is not tried again until its file changes)."""
    key = f"eval:{path}:{store.warehouse_version(path)}"
    if key not in _checked:
        try:
            _checked[key] = _meta(path).get("evaluation_fingerprint") != config.evaluation_fingerprint()
        except duckdb.Error:
            _checked[key] = False  # unreadable: stale_sample / the app's warning deal with it
    return _checked[key]


def reevaluate(path: Path, progress: Progress | None = None) -> bool:
    """Recompute the derived tables of a warehouse from its own readings and sections (lossless:
    nothing imported is touched), through the copy-and-swap writer. Returns False and leaves the
    file as it was when its tables do not fit this version (the app then warns)."""
    try:
        with store.write_transaction(path) as con:
            rederive(con, progress=progress or _noop)
    except duckdb.Error:
        _checked[f"eval:{path}:{store.warehouse_version(path)}"] = False
        return False
    return True


def stale_sample(path: Path) -> bool:
    """True when path holds the sample warehouse built from other schema/SQL/sample inputs than
    these (checked once per file version). A warehouse of real data is never rebuilt here."""
    key = f"{path}:{store.warehouse_version(path)}"
    if key not in _checked:
        try:
            meta = _meta(path)
        except duckdb.Error:
            meta = {"is_sample": "true"}  # unreadable or pre-meta: rebuild the sample
        if meta.get("is_sample") == "false" or store.edited(meta):
            store.remember_real_data(path, "seen by this version")  # warehouses from before the marker existed
        # never rebuild over imported data or editors' records: only a pristine sample warehouse is replaced
        _checked[key] = (
            meta.get("is_sample") == "true"
            and not store.edited(meta)
            and (
                meta.get("fingerprint") != config.fingerprint(True)
                or meta.get("evaluation_fingerprint") != config.evaluation_fingerprint()
            )
        )
    return _checked[key]


def stale_schema(path: Path | None = None) -> bool:
    """True when a warehouse of real data was built by another schema version (the app warns)."""
    path = Path(path or config.db_path())
    meta = _meta(path)
    if meta.get("is_sample") == "true" and not store.edited(meta):
        return False  # a pristine sample is rebuilt by ensure_warehouse instead
    built_with = meta.get("fingerprint")
    return built_with not in (config.fingerprint(False), config.fingerprint(True))
