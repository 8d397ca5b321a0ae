"""The one way into the warehouse.

Readers open a fresh read-only connection per query and close it (a long-lived connection would
keep reading the old file after an import swaps it). Writers work on a copy of the file under an
exclusive lock and swap it in with os.replace, so a reader sees the old or the new warehouse,
never a half-written one (docs/architecture.md, "The warehouse file").

Read and write primitives only: the store never builds or re-derives a warehouse (bishui.db.warehouse
does, and the app ensures it once at the start of every run).
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import glob
import logging
import os
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable, Iterator

import duckdb
import pandas as pd
import streamlit as st
from streamlit import runtime

from bishui import clock, config
from bishui.db.sql import bind, sql_text


def warehouse_version(path: Path | None = None) -> str:
    """Changes whenever the warehouse file is replaced: the cache key of every query result."""
    path = path or config.db_path()
    try:
        st = path.stat()
    except FileNotFoundError:
        return "missing"
    return f"{st.st_ino}-{st.st_mtime_ns}-{st.st_size}"


def real_data_marker(path: Path) -> Path:
    """A file beside the warehouse that says real data was imported there (it outlives the warehouse)."""
    return path.with_name(path.name + ".real-data")


def remember_real_data(path: Path, why: str) -> None:
    """Write the real-data marker beside path, once (best effort: a read-only folder is logged)."""
    marker = real_data_marker(path)
    if marker.exists():
        return
    try:
        marker.write_text(
            f"Real data was imported into {path.name} ({why}, first noticed "
            f"{time.strftime('%Y-%m-%d %H:%M:%S')}).\n"
            "Bishui never replaces a missing warehouse here by the sample: restore the file from a backup,\n"
            "or run `python -m bishui build` to start again from the sample (this marker is then removed).\n",
            encoding="utf-8",
        )
    except OSError as exc:
        logging.getLogger("bishui.db.store").warning("cannot write %s: %s", marker, exc)


def forget_real_data(path: Path) -> None:
    """Remove the marker (a sample warehouse was built at path on purpose)."""
    with contextlib.suppress(FileNotFoundError):
        real_data_marker(path).unlink()


_base_lock = threading.Lock()
_base: dict[str, Any] = {}  # path -> (version, connection) of the current warehouse file
_retired: list[tuple[float, duckdb.DuckDBPyConnection]] = []
RETIRE_AFTER_S = 120.0  # an old file's connection is closed this long after a swap


def _reader_base(path: Path) -> duckdb.DuckDBPyConnection:
    """A process-wide in-memory DuckDB that ATTACHes the current file READ_ONLY, reopened whenever
    the file is replaced (a direct connect would come back from DuckDB's instance cache still
    reading the old file). Readers take cursors from it: ~0.5 ms instead of ~15 ms per connect."""
    version = warehouse_version(path)
    key = str(path)
    with _base_lock:
        current = _base.get(key)
        if current is not None and current[0] == version:
            return current[1]
        con = duckdb.connect(config={"memory_limit": os.environ.get("BISHUI_DUCKDB_MEMORY", "2GB")})
        con.execute("ATTACH " + _quote(str(path)) + " AS w (READ_ONLY)")
        con.execute("USE w")
        _base[key] = (version, con)
        now = time.monotonic()
        if current is not None:
            _retired.append((now, current[1]))
        # cursors of a retired connection may still be running: close it only well after the swap
        for item in [r for r in _retired if now - r[0] > RETIRE_AFTER_S]:
            _retired.remove(item)
            with contextlib.suppress(Exception):
                item[1].close()
        return con


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@contextlib.contextmanager
def read_connection(path: Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor on the current warehouse file, read-only, closed on exit. One per query and thread:
    never share it across Streamlit sessions."""
    path = Path(path or config.db_path())
    cur = _reader_base(path).cursor()
    try:
        cur.execute("USE w")
        yield cur
    finally:
        cur.close()


def close_readers() -> None:
    """Close every reader connection (tests, and before deleting a warehouse file)."""
    with _base_lock:
        for _, con in list(_base.values()):
            with contextlib.suppress(Exception):
                con.close()
        for _, con in _retired:
            with contextlib.suppress(Exception):
                con.close()
        _base.clear()
        _retired.clear()


def execute(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pd.DataFrame:
    """Run queries/<name>.sql on an open connection with bound parameters."""
    sql = sql_text(name)
    return con.execute(sql, bind(sql, params)).df()


def run_query(name: str, **params: Any) -> pd.DataFrame:
    """Run queries/<name>.sql against the warehouse, uncached."""
    with read_connection() as con:
        return execute(con, name, **params)


def in_streamlit_app() -> bool:
    """True inside a running Streamlit app (query results are then cached per warehouse version)."""
    return runtime.exists()


def _freeze(value: Any) -> Any:
    if isinstance(value, (list, tuple, set)):
        return tuple(_freeze(v) for v in value)
    return value


@functools.cache
def _cached_runner() -> Callable[..., pd.DataFrame]:
    """run_query behind st.cache_data, made on first use inside the app (decorating at import time
    would make Streamlit warn on every command-line run that there is no runtime)."""

    @st.cache_data(max_entries=512, show_spinner=False)
    def _run(name: str, frozen: tuple, version: str) -> pd.DataFrame:  # noqa: ARG001 - cache key
        return run_query(name, **dict(frozen))

    return _run


def query(name: str, **params: Any) -> pd.DataFrame:
    """run_query, cached per (name, params, warehouse version) inside a Streamlit app.

    Callers must not mutate the returned frame in place (Streamlit hands out copies, but the
    uncached path outside the app does not)."""
    frozen = tuple(sorted((k, _freeze(v)) for k, v in params.items()))
    if in_streamlit_app():
        return _cached_runner()(name, frozen, warehouse_version(config.db_path()))
    return run_query(name, **params)


@contextlib.contextmanager
def writer_lock(path: Path | None = None) -> Iterator[None]:
    """One writer at a time, across processes (an flock on <warehouse>.lock)."""
    path = path or config.db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = path.with_name(path.name + ".lock")
    with open(lock_path, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            remove_stale_temps(path)
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


_TEMP_PID = re.compile(r"\.tmp\.(\d+)\.")


def temp_path_beside(path: Path) -> Path:
    """A fresh temporary file name in the same directory (os.replace must not cross filesystems),
    <name>.tmp.<pid>.<random>: the writer's process id says who owns it."""
    fd, tmp = tempfile.mkstemp(prefix=f"{path.name}.tmp.{os.getpid()}.", dir=path.parent)
    os.close(fd)
    os.unlink(tmp)
    return Path(tmp)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temps(path: Path) -> list[Path]:
    """Delete the warehouse copies (and their WAL files) that a writer killed mid-write (kill -9, power
    loss) left beside path: full-size copies nobody will ever swap in. Called with the writer lock held,
    so no writer of this process is mid-write; a copy whose owner (the pid in its name) is another live
    process is kept. Returns what was removed."""
    removed = []
    me = os.getpid()
    for leftover in path.parent.glob(glob.escape(path.name) + ".tmp*"):
        m = _TEMP_PID.match(leftover.name, len(path.name))
        if m is not None and int(m.group(1)) != me and _alive(int(m.group(1))):
            continue
        with contextlib.suppress(FileNotFoundError, IsADirectoryError, PermissionError):
            leftover.unlink()
            removed.append(leftover)
    return removed


@contextlib.contextmanager
def _swap_in(path: Path, copy: bool) -> Iterator[duckdb.DuckDBPyConnection]:
    """Under the writer lock: a connection to a temporary file beside path (a copy of it, or new);
    on success the file replaces path (fsync + os.replace), on any exception it is discarded."""
    with writer_lock(path):
        tmp = temp_path_beside(path)
        try:
            if copy:
                shutil.copyfile(path, tmp)
            con = duckdb.connect(str(tmp))
            try:
                yield con
                con.execute("CHECKPOINT")
            finally:
                con.close()
            replace_file(tmp, path)
        finally:
            for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()


@contextlib.contextmanager
def write_transaction(path: Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """Yield a connection to a copy of the warehouse; on success the copy replaces the warehouse.

    Any exception discards the copy: the warehouse is untouched. Readers are never blocked."""
    with _swap_in(Path(path or config.db_path()), copy=True) as con:
        yield con


@contextlib.contextmanager
def new_file_transaction(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """Yield a connection to a new, empty database that replaces path on success (a build): the same
    lock, temporary file and swap as write_transaction, so a reader never sees a half-built file."""
    with _swap_in(Path(path), copy=False) as con:
        yield con


EDITED_KEYS = ("last_import_at", "last_edit_at")  # warehouse_meta keys: someone's work is in this file


def edited(meta: dict[str, str]) -> bool:
    """True when an import or an editor's record (a tracing finding, a meeting) was written into the
    warehouse: it is then never rebuilt from the sample (that work would be lost)."""
    return any(k in meta for k in EDITED_KEYS)


@contextlib.contextmanager
def edit_transaction(path: Path | None = None, why: str = "an editor's record") -> Iterator[duckdb.DuckDBPyConnection]:
    """write_transaction for an editor's own records (findings, meetings): it also marks the warehouse
    as holding work that is not in the sample (warehouse_meta last_edit_at, the real-data marker)."""
    path = Path(path or config.db_path())
    with write_transaction(path) as con:
        yield con
        con.execute(sql_text("load/meta_upsert"), {"key": "last_edit_at", "value": time.strftime("%Y-%m-%dT%H:%M:%S")})
    remember_real_data(path, why)


def replace_file(tmp: Path, path: Path) -> None:
    """fsync tmp, then atomically move it over path."""
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def is_sample() -> bool:
    """True when the warehouse holds the illustrative sample data."""
    df = query("warehouse_meta")
    values = dict(zip(df["key"], df["value"]))
    return values.get("is_sample", "false") == "true"


AS_OF_KEY = "as_of"


def recorded_as_of(con: duckdb.DuckDBPyConnection | None = None):
    """The as-of moment the warehouse records (warehouse_meta 'as_of', written by the build from a
    data directory's as_of.csv: only the sample has one), None when it records none or cannot say."""
    try:
        df = execute(con, "warehouse_meta") if con is not None else query("warehouse_meta")
    except Exception:  # no warehouse (yet), or one too old to ask: the real clock applies
        return None
    raw = dict(zip(df["key"], df["value"])).get(AS_OF_KEY)
    return clock.parse(raw) if raw else None


def app_now(con: duckdb.DuckDBPyConnection | None = None):
    """The app's now, the one rule every page, command and alert uses (docs/evaluation.md, "Now"):
    BISHUI_TODAY when set; else the warehouse's recorded as-of moment (the sample's); else the real
    clock. con: an open connection to read the warehouse through (default: the cached query)."""
    if clock.parse(os.environ.get(clock.ENV, "")):
        return clock.now()
    return clock.now(fallback=recorded_as_of(con))
