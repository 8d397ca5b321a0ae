"""The detail of one task of the responsibility matrix (targets page, tasks tab), shown below the table:
the evidence from data and the latest update are long sentences that a table cell cuts off. Pure
builders over the frames of queries/task_matrix.sql (with meetings' action items) and
plan_views.task_matrix_table; no Streamlit."""

from __future__ import annotations

import pandas as pd

from bishui import i18n, safe_text

# Streamlit markdown badge colours per target status (bishui.rules.targets.STATUSES)
BADGE = {"met": "green", "on_track": "blue", "at_risk": "orange", "missed": "red", "no_data": "gray"}


def task_ids(raw: pd.DataFrame) -> list[str]:
    """The tasks' ids as text, in the table's order (plan tasks 1..n, then meeting items M<m>-<n>)."""
    return [str(v) for v in raw["task_no"]]


def default_task(raw: pd.DataFrame) -> str | None:
    """The task shown before one is picked: the first whose data say missed, else at risk, else the
    first measured from data, else the first task. None when there is no task."""
    if raw.empty:
        return None
    ids = task_ids(raw)
    status = raw["data_status"] if "data_status" in raw else pd.Series(None, index=raw.index)
    for wanted in ("missed", "at_risk"):
        hits = [i for i, s in zip(ids, status) if s == wanted]
        if hits:
            return hits[0]
    measured = [i for i, s in zip(ids, status) if isinstance(s, str)]
    return measured[0] if measured else ids[0]


def detail_lines(shown: pd.Series, data_status: str | None, lang: str) -> list[str]:
    """Markdown lines for one row of plan_views.task_matrix_table (internal column names), every value
    from the data escaped; data_status is the row's code in bishui.rules.targets.STATUSES (None: reported in
    words only)."""
    sep = "：" if lang == "zh" else ": "
    dot = " · "

    def lab(col: str) -> str:
        return f"**{i18n.column_label(col, lang)}**"

    def val(col: str) -> str:
        v = shown.get(col)
        return "" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)

    lines = [f"**{safe_text.md(val('tk_no'))} · {safe_text.md(val('tk_task'))}**"]
    units = [f"{lab(c)}{sep}{safe_text.md(val(c))}" for c in ("tk_lead", "tk_responsible") if val(c)]
    if val("tk_deadline"):
        units.append(f"{lab('tk_deadline')}{sep}{safe_text.md(val('tk_deadline'))}")
    if units:
        lines.append(dot.join(units))
    progress = shown.get("tk_progress")
    reported = f"{lab('tk_status')}{sep}{safe_text.md(val('tk_status'))}"
    if progress is not None and pd.notna(progress):
        reported += f"{dot}{lab('tk_progress')}{sep}{float(progress):.0f}%"
    if val("tk_overdue"):
        reported += f"{dot}{lab('tk_overdue')}{sep}{safe_text.md(val('tk_overdue'))}"
    lines.append(reported)
    if data_status in BADGE:
        label = safe_text.md(i18n.t(f"tg.status.{data_status}", lang))
        lines.append(f"{lab('tk_data_status')}{sep}:{BADGE[data_status]}-badge[{label}]")
        lines.append(f"{lab('tk_evidence')}{sep}{safe_text.md(val('tk_evidence'))}")
    else:
        lines.append(i18n.t("tg.task_words_only", lang))
    when = f"（{safe_text.md(val('tk_updated_on'))}）" if lang == "zh" else f" ({safe_text.md(val('tk_updated_on'))})"
    latest = safe_text.md(val("tk_latest")) if val("tk_latest") else i18n.t("tg.task_no_update", lang)
    lines.append(f"{lab('tk_latest')}{when if val('tk_updated_on') else ''}{sep}{latest}")
    return lines
