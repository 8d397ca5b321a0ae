"""Target status from the measure's history: met / on track / at risk / missed (pure, no Streamlit).

The measures themselves are computed in SQL (queries/target_measures.sql), one value per month, each
known from a date (`known_on`: the month end, or the date a reported figure came in). This module
decides, as at a date, where a target stands:

- Only values up to the deadline's month count; for a year-to-date measure (one that restarts in
  January: the count of 劣V months, the YTD rates, reported figures) only those of the deadline's year.
- **no_data**: no such value known by that date.
- At or after the deadline the latest value up to the deadline decides: **met** if it meets the goal
  (`le`: value <= goal, `ge`: value >= goal), else **missed**.
- Before the deadline:
  - a measure whose goal is out of reach by the deadline is **missed**: each value comes with the least
    and the most the measure can still be at the deadline (`min_reachable`, `max_reachable` from
    target_measures.sql: a year-to-date share with a 100 % goal can never recover once one plant-month
    failed; a count of 劣V months only grows; stocks never go below 0);
  - a cumulative measure (count of 劣V months so far this year) that is already above an `le` goal can
    only grow: **missed** (the miss is certain); if it is within the goal it is **on_track** (the year is
    not over, so it is not yet met);
  - otherwise, if the latest value meets the goal: **met** (met so far);
  - otherwise the trend decides: a least-squares line through the values of the last `TREND_MONTHS`
    months (calendar months ending with the latest value's month; at least 2 values) extrapolated to
    the deadline's month and capped to what is still reachable; **on_track** if the projected value
    meets the goal, else **at_risk** (also
    at_risk when there are too few values for a trend).

Progress (for the bars), 0..100: `ge` goals: value / goal; `le` goals: 100 when the goal is met, else
the share of the way from the baseline (the first value of the deadline's year, or the first value
known) down to the goal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

import pandas as pd
from bishui import i18n

STATUSES = ("met", "on_track", "at_risk", "missed", "no_data")
# Order used to sort the table: what needs attention first.
STATUS_ORDER = {"missed": 0, "at_risk": 1, "on_track": 2, "met": 3, "no_data": 4}
STATUS_COLORS = {
    "met": "#1a9850",
    "on_track": "#66bd63",
    "at_risk": "#f2a600",
    "missed": "#d7191c",
    "no_data": "#bdbdbd",
}
TREND_MONTHS = 6
MEASURE_CODES = (
    "section_months_worse_than_v",
    "section_class",
    "district_attainment_rate",
    "plant_quasi_iv_rate",
    "combined_pipe_km",
    "open_direct_outfalls",
    "open_black_odorous_urban",
    "tn_high_sections",
    "outfall_regularised_pct",
    "reported",
    "district_attainment_rise",
    "open_blank_areas_direct_outfalls",
)


@dataclass(frozen=True)
class TargetStatus:
    status: str
    current: float | None = None  # latest value known (up to the deadline)
    current_month: dt.date | None = None
    projected: float | None = None  # trend value at the deadline (None without a trend)
    slope_per_month: float | None = None
    progress_pct: float | None = None


def _month_index(d: dt.date) -> int:
    return d.year * 12 + d.month - 1


def meets(value: float, goal: float, direction: str) -> bool:
    return value <= goal if direction == "le" else value >= goal


def linear_trend(points: Sequence[tuple[dt.date, float]]) -> tuple[float, float] | None:
    """(slope per month, intercept at month index 0) of the least-squares line, None if < 2 months."""
    if len({_month_index(m) for m, _ in points}) < 2:
        return None
    xs = [_month_index(m) for m, _ in points]
    ys = [float(v) for _, v in points]
    xm, ym = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - xm) ** 2 for x in xs)
    slope = sum((x - xm) * (y - ym) for x, y in zip(xs, ys)) / sxx
    return slope, ym - slope * xm


def progress_pct(current: float | None, goal: float, direction: str, baseline: float | None) -> float | None:
    if current is None:
        return None
    if direction == "ge":
        if goal <= 0:
            return 100.0 if current >= goal else 0.0
        return max(0.0, min(100.0, 100.0 * current / goal))
    if current <= goal:
        return 100.0
    if baseline is None or baseline <= goal:
        return 0.0
    return max(0.0, min(100.0, 100.0 * (baseline - current) / (baseline - goal)))


def relevant_points(
    history: Iterable[tuple[dt.date, float]], deadline: dt.date, year_to_date: bool = False
) -> list[tuple[dt.date, float]]:
    """The (month, value) pairs that count for a target, oldest first: up to the deadline's month,
    and for a year-to-date measure from January of the deadline's year."""
    deadline_month = deadline.replace(day=1)
    first = dt.date(deadline.year, 1, 1) if year_to_date else dt.date.min
    return sorted(
        (m, float(v)) for m, v in history if first <= m <= deadline_month and v is not None and not pd.isna(v)
    )


def target_status(
    history: Iterable[tuple[dt.date, float]],
    goal: float,
    direction: str,
    deadline: dt.date,
    as_of: dt.date,
    cumulative: bool = False,
    year_to_date: bool = False,
    trend_months: int = TREND_MONTHS,
    reachable: tuple[float | None, float | None] = (None, None),
) -> TargetStatus:
    """The status of one target (see the module docstring). history: (month, value) pairs already
    limited to values known by as_of, in any order; months are first days of months. reachable: the
    least and the most the measure can still be at the deadline, as of the latest value (None = no
    bound)."""
    deadline_month = deadline.replace(day=1)
    points = relevant_points(history, deadline, year_to_date or cumulative)
    if not points:
        return TargetStatus("no_data")
    current_month, current = points[-1]
    in_year = [v for m, v in points if m.year == deadline.year]
    baseline = in_year[0] if in_year else points[0][1]
    progress = progress_pct(current, goal, direction, baseline)
    base: dict[str, Any] = dict(current=current, current_month=current_month, progress_pct=progress)
    if as_of >= deadline:
        return TargetStatus("met" if meets(current, goal, direction) else "missed", **base)
    lo, hi = (None if v is None or pd.isna(v) else float(v) for v in reachable)
    if (direction == "ge" and hi is not None and hi < goal) or (direction == "le" and lo is not None and lo > goal):
        return TargetStatus("missed", **base)  # the goal can no longer be reached by the deadline
    if cumulative and direction == "le":
        return TargetStatus("on_track" if current <= goal else "missed", **base)
    if meets(current, goal, direction):
        return TargetStatus("met", **base)
    first = _month_index(current_month) - trend_months + 1
    window = [(m, v) for m, v in points if _month_index(m) >= first]
    trend = linear_trend(window)
    if trend is None:
        return TargetStatus("at_risk", **base)
    slope, intercept = trend
    projected = intercept + slope * _month_index(deadline_month)
    if lo is not None:  # capped to what is still reachable by the deadline
        projected = max(projected, lo)
    if hi is not None:
        projected = min(projected, hi)
    status = "on_track" if meets(projected, goal, direction) else "at_risk"
    return TargetStatus(status, projected=projected, slope_per_month=slope, **base)


def status_table(targets: pd.DataFrame, measures: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """One row per target and township of `measures` (plus a district row for targets without any
    value), with the status as at `as_of`.

    targets columns: target_id, goal_value, direction, deadline (from queries/targets_list.sql).
    measures columns: target_id, town_id, month, value, known_on, is_cumulative, is_year_to_date and,
      when present, min_reachable, max_reachable, part_1, part_2 (queries/target_measures.sql).
      Returns targets' columns plus town_id, status, current, current_month, projected,
      slope_per_month, progress_pct, history (list of values, oldest first, for a sparkline), part_1,
      part_2 (the two figures a measure is made of, for its latest value: see target_measures.sql)."""
    m = measures.copy()
    m["month"] = pd.to_datetime(m["month"]).dt.date
    m["known_on"] = pd.to_datetime(m["known_on"]).dt.date
    known = m[m["known_on"] <= as_of]
    rows = []
    for t in targets.to_dict("records"):
        deadline = pd.Timestamp(t["deadline"]).date()
        mine = m[m["target_id"] == t["target_id"]]
        towns = list(dict.fromkeys(mine["town_id"])) or [""]
        for town in towns:
            hist = known[(known["target_id"] == t["target_id"]) & (known["town_id"] == town)]
            cumulative = bool(mine["is_cumulative"].any()) if len(mine) else False
            ytd = bool(mine["is_year_to_date"].any()) if len(mine) else False
            shown = relevant_points(zip(hist["month"], hist["value"]), deadline, ytd or cumulative)
            latest = hist[hist["month"] == shown[-1][0]].iloc[-1] if shown else {}
            extra = {
                c: (None if c not in hist.columns or not len(shown) or pd.isna(latest[c]) else float(latest[c]))
                for c in ("min_reachable", "max_reachable", "part_1", "part_2")
            }
            res = target_status(
                zip(hist["month"], hist["value"]),
                float(t["goal_value"]),
                t["direction"],
                deadline,
                as_of,
                cumulative,
                ytd,
                reachable=(extra["min_reachable"], extra["max_reachable"]),
            )
            rows.append(
                {
                    **t,
                    "town_id": town,
                    "status": res.status,
                    "current": res.current,
                    "current_month": res.current_month,
                    "projected": res.projected,
                    "slope_per_month": res.slope_per_month,
                    "progress_pct": res.progress_pct,
                    "history": [v for _, v in shown],
                    "part_1": extra["part_1"],
                    "part_2": extra["part_2"],
                }
            )
    columns = [
        *targets.columns,
        "town_id",
        "status",
        "current",
        "current_month",
        "projected",
        "slope_per_month",
        "progress_pct",
        "history",
        "part_1",
        "part_2",
    ]
    return pd.DataFrame(rows, columns=columns).reset_index(drop=True)


def history_frame(
    measures: pd.DataFrame, target_id: str, town_id: str, deadline: dt.date, as_of: dt.date
) -> pd.DataFrame:
    """The values of one target (and township) that count for its status as at as_of: month, value."""
    m = measures[(measures["target_id"] == target_id) & (measures["town_id"] == town_id)]
    m = m[pd.to_datetime(m["known_on"]).dt.date <= as_of]
    ytd = bool(m["is_year_to_date"].any() or m["is_cumulative"].any()) if len(m) else False
    points = relevant_points(zip(pd.to_datetime(m["month"]).dt.date, m["value"]), deadline, ytd)
    return pd.DataFrame(points, columns=["month", "value"])


def status_changes(targets: pd.DataFrame, measures: pd.DataFrame, before: dt.date, now: dt.date) -> pd.DataFrame:
    """Targets (per township) whose status differs between `before` and `now`: target_id, town_id,
    status_before, status_now, current."""
    a = status_table(targets, measures, before)
    b = status_table(targets, measures, now)
    if a.empty or b.empty:
        return pd.DataFrame(columns=["target_id", "town_id", "status_before", "status_now", "current"])
    merged = b[["target_id", "town_id", "status", "current"]].merge(
        a[["target_id", "town_id", "status"]], on=["target_id", "town_id"], how="left", suffixes=("_now", "_before")
    )
    merged["status_before"] = merged["status_before"].fillna("no_data")
    changed = merged[merged["status_now"] != merged["status_before"]]
    return changed[["target_id", "town_id", "status_before", "status_now", "current"]].reset_index(drop=True)


def measure_kind(measure: str) -> str:
    """The code part of a measure ('section_class:hunan_rd' -> 'section_class')."""
    return str(measure).split(":", 1)[0]


def is_known_measure(measure: str) -> bool:
    return measure_kind(measure) in MEASURE_CODES


# Notes added to a target's text: what a configured goal stands for, and the figures a measure is
# made of (keys under tg.note.* in bishui.i18n).
_NOTE_BY_MEASURE = {
    "section_months_worse_than_v": "tg.note.tolerance",
    "reported:town_sewage_treatment_pct": "tg.note.configured_requirement",
    "district_attainment_rise": "tg.note.rise",
    "open_blank_areas_direct_outfalls": "tg.note.blank_direct",
}


def target_note(row: dict, lang: str) -> str:
    """The note for a row of status_table ('' if none): S1/S2's tolerance of 劣V months (the goal, a
    target setting), R3's goal standing for the province/city requirement, S4's two rates (this year
    so far, last year), U2's blank areas and direct outfalls."""
    measure = str(row.get("measure", ""))
    key = _NOTE_BY_MEASURE.get(measure) or _NOTE_BY_MEASURE.get(measure_kind(measure))
    if key is None:
        return ""
    parts = [row.get("part_1"), row.get("part_2")]
    if key in ("tg.note.rise", "tg.note.blank_direct") and any(p is None or pd.isna(p) for p in parts):
        return ""
    return i18n.t(key, lang, goal=f"{float(row['goal_value']):g}", p1=parts[0], p2=parts[1])


def with_notes(status: pd.DataFrame, lang: str) -> pd.DataFrame:
    """status_table rows with each target's note appended to its title in `lang` (a copy)."""
    out = status.copy()
    if out.empty:
        return out
    col = f"title_{lang}"
    notes = [target_note(r, lang) for r in out.to_dict("records")]
    out[col] = [i18n.t("tg.title_with_note", lang, title=t, note=n) if n else t for t, n in zip(out[col], notes)]
    return out
