"""Findings of source tracing (溯源结论): an editor states on a candidate of a traced miss that it is the
suspected, probable or confirmed source, with a note; the finding can be revised and undone.

Storage (queries/schema/061_trace_findings.sql): trace_findings is append-only (a revision is a new
record row, an undo a row pointing at the record it withdraws; the latest record not undone stands),
so the history is never lost. Writes go through store.write_transaction (the writer lock, a copy,
an atomic swap), like imports and their undo; the editor gate is the Data page's (bishui.app.data_page),
applied by the page before calling these functions, and who did it is recorded as data_page.actor()
says and logged on the bishui.auth logger, as imports are.

An outfall with a standing finding is in the 溯源 (traced) stage of its life cycle: record() moves an
outfall still surveyed or monitored to status 'traced', traced on the day the finding was recorded,
with the finding as its tracing result; the fields as they were are kept in trace_finding_outfalls
and put back when the last standing finding on the outfall is undone (unless the ledger changed the
outfall since, e.g. by an import)."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import duckdb
import pandas as pd

from bishui import clock, i18n
from bishui.db import store

CONFIDENCE = ("suspected", "probable", "confirmed")
KINDS = ("upstream", "outfall", "plant", "overflow", "blank_area", "black_odorous")
NOTE_MAX = 2000
EARLY_STAGES = ("surveyed", "monitored")
log = logging.getLogger("bishui.auth")


class FindingError(ValueError):
    """A finding that cannot be recorded or undone (the message is for the user, in English)."""


def _clean_note(note: str | None) -> str:
    text = (note or "").strip()
    if len(text) > NOTE_MAX:
        raise FindingError(f"the note is longer than {NOTE_MAX} characters")
    return text


def record(
    section_id: str,
    month: dt.date,
    candidate_kind: str,
    candidate_id: str,
    confidence: str,
    note: str | None,
    user: str,
    parameter: str | None = None,
    path: Path | None = None,
) -> int:
    """Record (or revise: the same candidate of the same miss again) a finding; returns its id."""
    if confidence not in CONFIDENCE:
        raise FindingError(f"unknown confidence {confidence!r}")
    if candidate_kind not in KINDS:
        raise FindingError(f"unknown candidate kind {candidate_kind!r}")
    if not (user or "").strip():
        raise FindingError("who records the finding is required")
    text = _clean_note(note)
    month = month.replace(day=1)
    now = clock.now().replace(microsecond=0)
    with store.edit_transaction(path, "a tracing finding") as con:
        fid = _next_id(con)
        con.execute(
            "INSERT INTO trace_findings (finding_id, action, section_id, month, parameter, candidate_kind, "
            "candidate_id, confidence, note, recorded_by, recorded_at) "
            "VALUES ($id, 'record', $section, $month, $parameter, $kind, $cid, $confidence, $note, $by, $at)",
            {
                "id": fid,
                "section": section_id,
                "month": month,
                "parameter": parameter or None,
                "kind": candidate_kind,
                "cid": candidate_id,
                "confidence": confidence,
                "note": text or None,
                "by": user,
                "at": now,
            },
        )
        if candidate_kind == "outfall":
            _apply_to_outfall(con, candidate_id, now.date())
    log.info(
        "tracing finding %d recorded (%s %s: %s for %s %s): by %s",
        fid,
        candidate_kind,
        candidate_id,
        confidence,
        section_id,
        month.strftime("%Y-%m"),
        user,
    )
    return fid


def undo(finding_id: int, user: str, path: Path | None = None) -> int:
    """Withdraw a standing finding (the latest record of its candidate and miss, not undone): the
    previous revision stands again, if any. Returns the id of the undo row."""
    if not (user or "").strip():
        raise FindingError("who undoes the finding is required")
    now = clock.now().replace(microsecond=0)
    with store.edit_transaction(path, "a tracing finding") as con:
        rows = standing(con)
        row = rows[rows["finding_id"] == int(finding_id)]
        if row.empty:
            raise FindingError(f"finding {int(finding_id)} does not stand (undone or revised since)")
        r = row.iloc[0]
        uid = _next_id(con)
        con.execute(
            "INSERT INTO trace_findings (finding_id, action, section_id, month, parameter, candidate_kind, "
            "candidate_id, undoes_id, recorded_by, recorded_at) "
            "VALUES ($id, 'undo', $section, $month, $parameter, $kind, $cid, $undoes, $by, $at)",
            {
                "id": uid,
                "section": r["section_id"],
                "month": r["month"],
                "parameter": r["parameter"],
                "kind": r["candidate_kind"],
                "cid": r["candidate_id"],
                "undoes": int(finding_id),
                "by": user,
                "at": now,
            },
        )
        if r["candidate_kind"] == "outfall":
            _apply_to_outfall(con, r["candidate_id"], now.date())
    log.info("tracing finding %d undone (%s %s): by %s", int(finding_id), r["candidate_kind"], r["candidate_id"], user)
    return uid


def _next_id(con: duckdb.DuckDBPyConnection) -> int:
    return int(con.execute("SELECT coalesce(max(finding_id), 0) + 1 FROM trace_findings").fetchall()[0][0])


def standing(
    con: duckdb.DuckDBPyConnection,
    candidate_kind: str | None = None,
    candidate_id: str | None = None,
    section_id: str | None = None,
    month: dt.date | None = None,
) -> pd.DataFrame:
    return store.execute(
        con,
        "trace_findings_current",
        section_id=section_id,
        month=month,
        candidate_kind=candidate_kind,
        candidate_id=candidate_id,
    )


def result_text(row: pd.Series | dict) -> str:
    """The tracing result written to the outfall's ledger (in Chinese, as the ledger is)."""
    month = pd.Timestamp(row["month"]).strftime("%Y-%m")
    text = i18n.t(
        "fnd.result",
        "zh",
        confidence=i18n.t(f"fnd.conf.{row['confidence']}", "zh"),
        section=row.get("section_name_zh") or row["section_id"],
        month=month,
    )
    note = row.get("note")
    return f"{text}：{note}" if isinstance(note, str) and note else text


def _apply_to_outfall(con: duckdb.DuckDBPyConnection, outfall_id: str, on: dt.date) -> None:
    """Put the outfall's life-cycle fields in line with its standing findings (see the module doc)."""
    now = con.execute(
        "SELECT status, traced_on, tracing_result FROM outfalls WHERE outfall_id = $id", {"id": outfall_id}
    ).fetchone()
    if now is None:
        return
    status, traced_on, result = now
    base = con.execute(
        "SELECT status_before, traced_on_before, result_before, traced_on_set "
        "FROM trace_finding_outfalls WHERE outfall_id = $id",
        {"id": outfall_id},
    ).fetchone()
    stands = standing(con, "outfall", outfall_id).sort_values("finding_id", ascending=False)
    if len(stands):
        latest = stands.iloc[0]
        if base is None:
            moves = status in EARLY_STAGES
            base = (status, traced_on, result, on if moves else None)
            con.execute(
                "INSERT INTO trace_finding_outfalls VALUES ($id, $s, $t, $r, $set)",
                {"id": outfall_id, "s": status, "t": traced_on, "r": result, "set": base[3]},
            )
        status_before, _, result_before, traced_on_set = base
        if status_before in EARLY_STAGES:
            con.execute(
                "UPDATE outfalls SET status = 'traced', traced_on = $t, tracing_result = $r WHERE outfall_id = $id",
                {"id": outfall_id, "t": traced_on_set, "r": result_text(latest)},
            )
        elif not (isinstance(result_before, str) and result_before.strip()):
            con.execute(
                "UPDATE outfalls SET tracing_result = $r WHERE outfall_id = $id",
                {"id": outfall_id, "r": result_text(latest)},
            )
    elif base is not None:
        status_before, traced_on_before, result_before, traced_on_set = base
        if status_before in EARLY_STAGES:
            # put back only what the findings set: an import since then wins
            con.execute(
                "UPDATE outfalls SET status = $s, traced_on = $t, tracing_result = $r "
                "WHERE outfall_id = $id AND status = 'traced' AND traced_on IS NOT DISTINCT FROM $set",
                {"id": outfall_id, "s": status_before, "t": traced_on_before, "r": result_before, "set": traced_on_set},
            )
        elif not (isinstance(result_before, str) and result_before.strip()):
            con.execute(
                "UPDATE outfalls SET tracing_result = $r WHERE outfall_id = $id", {"id": outfall_id, "r": result_before}
            )
        con.execute("DELETE FROM trace_finding_outfalls WHERE outfall_id = $id", {"id": outfall_id})
