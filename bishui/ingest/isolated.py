"""Prepare an upload in a child process with limits on memory and time (bishui.ingest.limits.Limits):
the Data page's way to run api.prepare on what strangers send, so that a file built to exhaust the
reader kills a child, never the server."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import shutil
import signal
import tempfile
import time
from pathlib import Path
from typing import Callable

from bishui import config
from bishui.ingest import api
from bishui.ingest.limits import DEFAULT as DEFAULT_LIMITS, Cancelled, Limits, number_text
from bishui.ingest.read import source_bytes

_CONTEXT = None
_LIVE: set[int] = set()


def live_children() -> list[int]:
    """Process ids of the preparing children still running (tests, diagnostics)."""
    return sorted(_LIVE)


def _context():
    """A forkserver whose server has bishui.ingest preloaded: a child starts in milliseconds, shares
    nothing with the caller's threads or DuckDB connections, and dies alone."""
    global _CONTEXT
    if _CONTEXT is None:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["bishui.ingest.api", "python_calamine", "shapely", "charset_normalizer"])
        _CONTEXT = ctx
    return _CONTEXT


def _scratch_dir(n_bytes: int) -> str:
    """Where the input and the plan pass between the processes: memory-backed when there is one with
    room (a plan pickles to ~6x its file), else the temp directory."""
    shm = "/dev/shm"
    try:
        st = os.statvfs(shm)
        if os.access(shm, os.W_OK) and st.f_bavail * st.f_frsize > 8 * n_bytes + (256 << 20):
            return shm
    except OSError:
        pass
    return tempfile.gettempdir()


SCRATCH_PREFIX = "bishui-prepare-"


def _remove_old_scratch(where: str, limits: Limits) -> None:
    """Scratch directories a killed server left behind (in /dev/shm they hold memory): any older than
    the time limit and an hour go."""
    horizon = time.time() - (limits.time_limit_s or 0) - 3600
    try:
        entries = list(os.scandir(where))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(SCRATCH_PREFIX) and entry.is_dir(follow_symlinks=False):
            try:
                if entry.stat(follow_symlinks=False).st_mtime < horizon:
                    shutil.rmtree(entry.path, ignore_errors=True)
            except OSError:
                pass


def _child(conn, source, kind, lang, file_name, db, limits: Limits, out_path: str) -> None:
    """The child's work: limit its own memory, prepare, send progress; the plan goes to out_path
    (a pickle: a file is several times faster than a pipe for a few hundred MB)."""
    try:
        if limits.memory_mb:
            import resource

            cap = int(limits.memory_mb) * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

        def progress(fraction: float, step: str) -> None:
            conn.send(("progress", fraction, step))

        plan = api.prepare(source, kind=kind, lang=lang, progress=progress, file_name=file_name, db=db, limits=limits)
        with open(out_path, "wb") as fh:
            pickle.dump(plan, fh, protocol=pickle.HIGHEST_PROTOCOL)
        conn.send(("plan", out_path))
    except MemoryError:
        conn.send(("error", "limit_memory", {}))
    finally:
        conn.close()


def prepare_isolated(
    source,
    kind: str | None = None,
    lang: str = "zh",
    progress=None,
    file_name: str | None = None,
    db: Path | None = None,
    limits: Limits = DEFAULT_LIMITS,
    should_stop: Callable[[], bool] | None = None,
    poll_s: float = 0.25,
):
    """api.prepare in a child process with limits.memory_mb of address space and limits.time_limit_s;
    returns its Plan. A child that runs out of memory, crashes (the Excel reader aborts on absurd
    ranges) or takes too long yields a Plan with that one file-level problem: the caller lives on.
    progress(fraction, step) is called in the caller as the child advances, and at least every
    poll_s (so a Streamlit caller notices a stop request); should_stop() -> True, or any exception
    raised by progress (Streamlit's StopException when the session ends or reruns), kills the child
    (Cancelled is raised for should_stop)."""
    progress = progress or (lambda _f, _m: None)
    data, name, path = source_bytes(source, file_name)
    db = Path(db) if db is not None else config.db_path()  # resolved here: the server's env is older
    where = _scratch_dir(len(data))
    _remove_old_scratch(where, limits)
    scratch = tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=where)
    if path is not None:
        payload = str(path)
    else:  # bytes: through a file, not the forkserver's socket
        payload = os.path.join(scratch, "input")
        with open(payload, "wb") as fh:
            fh.write(data)
    out_path = os.path.join(scratch, "plan.pickle")
    ctx = _context()
    parent, child_end = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child_end, payload, kind, lang, name, db, limits, out_path), daemon=True)
    started = time.monotonic()
    last = (0.0, "read")
    plan = None
    failure: tuple[str, dict] | None = None
    proc.start()
    _LIVE.add(proc.pid)
    child_end.close()
    try:
        while True:
            if parent.poll(poll_s):
                try:
                    msg = parent.recv()
                except (EOFError, OSError):
                    msg = None
                if msg is None:  # the child died without a word
                    proc.join(5)
                    failure = _death(proc.exitcode)
                    break
                if msg[0] == "progress":
                    last = (msg[1], msg[2])
                    progress(*last)
                elif msg[0] == "plan":
                    with open(msg[1], "rb") as fh:
                        plan = pickle.load(fh)
                    break
                else:
                    failure = (msg[1], msg[2])
                    break
            else:
                progress(*last)  # a heartbeat: lets the caller stop us
            if should_stop is not None and should_stop():
                raise Cancelled()
            if limits.time_limit_s is not None and time.monotonic() - started > limits.time_limit_s:
                failure = ("limit_time", {"s": number_text(limits.time_limit_s)})
                break
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        _LIVE.discard(proc.pid)
        parent.close()
        shutil.rmtree(scratch, ignore_errors=True)
    if plan is not None:
        plan.source_path = path  # the caller's file (None for an upload), not the scratch copy
        return plan
    assert failure is not None  # the loop leaves with a plan or a failure
    return api.failed_plan(name, data, lang, failure[0], path=path, **failure[1])


def _death(exitcode: int | None) -> tuple[str, dict]:
    if exitcode is not None and exitcode < 0:
        sig = -exitcode
        if sig in (signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS, signal.SIGKILL):
            return "limit_memory", {}
        try:
            detail = signal.Signals(sig).name
        except ValueError:
            detail = f"signal {sig}"
        return "limit_crashed", {"detail": detail}
    return "limit_crashed", {"detail": f"exit {exitcode}"}
