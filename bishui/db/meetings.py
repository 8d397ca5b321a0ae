"""The weekly meeting's own record (issue 14 item 3): date, attendees, decisions and action items with
owner and deadline (queries/schema/064_meetings.sql).

Written through store.write_transaction (the writer lock, a copy, an atomic swap) behind the Data page's
editor gate, applied by the page (bishui.app.meetings_panel) before calling record(); who recorded it is
data_page.actor()'s text and logged on the bishui.auth logger, as imports and findings are.

Read: "since the last meeting" starts at the last meeting recorded before the meeting date (without
one, FALLBACK_DAYS before it); the action items are listed with the plan's tasks (task_matrix.sql's
rows, overdue when the deadline has passed: with_actions) and in the briefing."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import duckdb
import pandas as pd

from bishui import clock, config, i18n
from bishui.views import plan_views as pv
from bishui.db import store
from bishui.rules import targets

SCHEMA = "064_meetings.sql"
FALLBACK_DAYS = 7  # "since the last meeting" when none is recorded: the week before
TEXT_MAX = 4000
FIELD_MAX = 200
MAX_ACTIONS = 30
log = logging.getLogger("bishui.auth")


class MeetingError(ValueError):
    """A meeting record that cannot be stored (the message is for the user, in English)."""


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the meeting tables on a warehouse built before they existed (idempotent)."""
    con.execute((config.SCHEMA_DIR / SCHEMA).read_text(encoding="utf-8"))


def parse_actions(text: str | None) -> list[dict]:
    """Action items typed one per line as 'action | owner | YYYY-MM-DD' (full-width ｜ too).
    Blank lines are skipped; a malformed line raises MeetingError naming its number."""
    out = []
    for n, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.replace("｜", "|").split("|")]
        if len(parts) != 3 or not parts[0] or not parts[1]:
            raise MeetingError(f"line {n}: expected 'action | owner | YYYY-MM-DD'")
        try:
            deadline = dt.date.fromisoformat(parts[2])
        except ValueError:
            raise MeetingError(f"line {n}: the deadline {parts[2][:20]!r} is not a date YYYY-MM-DD") from None
        if len(parts[0]) > FIELD_MAX * 2 or len(parts[1]) > FIELD_MAX:
            raise MeetingError(f"line {n}: too long")
        out.append({"action": parts[0], "owner": parts[1], "deadline": deadline})
    if len(out) > MAX_ACTIONS:
        raise MeetingError(f"at most {MAX_ACTIONS} action items per meeting")
    return out


def record(
    held_on: dt.date | None,
    attendees: str,
    decisions: str | None,
    actions: list[dict],
    user: str,
    path: Path | None = None,
) -> int:
    """Store a meeting and its action items; returns the meeting's id."""
    attendees = (attendees or "").strip()
    decisions = (decisions or "").strip()
    if not isinstance(held_on, dt.date):
        raise MeetingError("the meeting date is required")
    if not attendees:
        raise MeetingError("the attendees are required")
    if len(attendees) > TEXT_MAX or len(decisions) > TEXT_MAX:
        raise MeetingError(f"attendees and decisions are at most {TEXT_MAX} characters each")
    if not (user or "").strip():
        raise MeetingError("who records the meeting is required")
    now = clock.now().replace(microsecond=0)
    with store.edit_transaction(path, "a meeting record") as con:
        ensure_schema(con)
        mid = int(con.execute("SELECT coalesce(max(meeting_id), 0) + 1 FROM meetings").fetchall()[0][0])
        con.execute(
            "INSERT INTO meetings VALUES ($id, $on, $who, $dec, $by, $at)",
            {"id": mid, "on": held_on, "who": attendees, "dec": decisions or None, "by": user, "at": now},
        )
        for n, a in enumerate(actions, start=1):
            con.execute(
                "INSERT INTO meeting_actions VALUES ($id, $n, $action, $owner, $deadline)",
                {"id": mid, "n": n, "action": a["action"], "owner": a["owner"], "deadline": a["deadline"]},
            )
    log.info("meeting %d of %s recorded with %d action items: by %s", mid, held_on.isoformat(), len(actions), user)
    return mid


def last_meeting(before: dt.date) -> pd.Series | None:
    """The last meeting recorded before the date (None: none, or a warehouse without the table)."""
    try:
        df = store.query("meeting_last", before=before)
    except duckdb.CatalogException:
        return None
    return None if df.empty else df.iloc[0]


def since(date: dt.date) -> tuple[dt.date, pd.Series | None]:
    """The start (exclusive) of "since the last meeting" for a meeting on date, and that meeting."""
    last = last_meeting(date)
    if last is None:
        return date - dt.timedelta(days=FALLBACK_DAYS), None
    return pd.Timestamp(last["held_on"]).date(), last


def actions(as_of: dt.date, meeting_id: int | None = None) -> pd.DataFrame:
    """queries/meeting_actions.sql (an empty frame on a warehouse without the tables)."""
    try:
        return store.query("meeting_actions", as_of=as_of, meeting_id=meeting_id)
    except duckdb.CatalogException:
        return pd.DataFrame(columns=["meeting_id", "held_on", "action_no", "action", "owner", "deadline", "is_overdue"])


def decisions_list(row) -> list[str]:
    """A meeting's decisions, one per non-blank line."""
    text = row["decisions"] if row is not None and isinstance(row["decisions"], str) else ""
    return [line.strip() for line in text.splitlines() if line.strip()]


def action_no(meeting_id: int, n: int) -> str:
    """How an action item is numbered among the tasks: M<meeting>-<n>."""
    return f"M{int(meeting_id)}-{int(n)}"


def with_actions(matrix: pd.DataFrame, as_of: dt.date, units: list[str] | tuple = ()) -> pd.DataFrame:
    """task_matrix.sql's rows followed by the meetings' action items in the same columns (owner as
    lead and responsible unit, status not started, overdue when the deadline is before as_of); with
    units, only the action items whose owner is one of them."""
    acts = actions(as_of)
    if units:
        acts = acts[acts["owner"].isin(list(units))]
    if acts.empty:
        return matrix
    rows = pd.DataFrame(
        {
            "task_no": [action_no(m, n) for m, n in zip(acts["meeting_id"], acts["action_no"])],
            "title_zh": acts["action"].to_numpy(),
            "title_en": acts["action"].to_numpy(),
            "lead_units": acts["owner"].to_numpy(),
            "responsible_units": acts["owner"].to_numpy(),
            "lead_units_en": acts["owner"].to_numpy(),
            "responsible_units_en": acts["owner"].to_numpy(),
            "deadline": acts["deadline"].to_numpy(),
            "status": "not_started",
            "progress_pct": float("nan"),
            "n_updates": 0,
            "latest_updated_on": pd.NaT,
            "latest_town_id": None,
            "latest_note_zh": None,
            "latest_note_en": None,
            "latest_reported_by": None,
            "is_overdue": acts["is_overdue"].astype(bool).to_numpy(),
            "data_status": None,
            "data_evidence_zh": None,
            "data_evidence_en": None,
            "data_measured_through": pd.NaT,
        }
    )
    base = matrix.astype({"task_no": object}) if len(matrix) else matrix
    return pd.concat([base, rows[[c for c in matrix.columns]] if len(matrix.columns) else rows], ignore_index=True)


def actions_table(acts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows of meeting_actions.sql as shown: number, action, owner, deadline, overdue."""
    cols = ["tk_no", "mt_action", "mt_owner", "tk_deadline", "tk_overdue"]
    if acts.empty:
        return pd.DataFrame(columns=cols)
    return pd.DataFrame(
        {
            "tk_no": [action_no(m, n) for m, n in zip(acts["meeting_id"], acts["action_no"])],
            "mt_action": acts["action"].to_numpy(),
            "mt_owner": acts["owner"].to_numpy(),
            "tk_deadline": [pv.fmt_date(d) for d in acts["deadline"]],
            "tk_overdue": [i18n.t("common.yes" if v else "common.no", lang) for v in acts["is_overdue"]],
        },
        columns=cols,
    )


def since_sections(
    year_targets: pd.DataFrame,
    measures: pd.DataFrame,
    start: dt.date,
    date: dt.date,
    town: str | None,
    towns: dict[str, str],
    lang: str,
    last: pd.Series | None = None,
) -> list[tuple[str, pd.DataFrame | None]]:
    """What changed since the last meeting (start, exclusive) up to the meeting date, as the targets
    page's "since" tab and the run-through's last screen show it: (name, frame) for the last meeting's
    action items (when one is recorded), target status changes, task updates and the months that closed
    with misses (frame None: no month closed in the window)."""
    closed = pv.closed_months(start, date)
    out: list[tuple[str, pd.DataFrame | None]] = []
    if last is not None:
        out.append(("actions", actions_table(actions(date, int(last["meeting_id"])), lang)))
    out += [
        (
            "changes",
            pv.changes_table(targets.status_changes(year_targets, measures, start, date), year_targets, towns, lang),
        ),
        (
            "updates",
            pv.updates_table(store.query("task_updates_window", since=start, as_of=date, town_id=town), towns, lang),
        ),
        (
            "misses",
            pv.misses_table(
                store.query("section_month_misses_between", start=closed[0], end=closed[-1], town_id=town), lang
            )
            if closed
            else None,
        ),
    ]
    return out
