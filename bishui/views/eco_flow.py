"""Ecological base flow and sluices (plan task 10): the tables and figures of the eco-flow page and the
flow chart under the sections page's trends, as pure functions of query results (no Streamlit).

Each function names the query whose columns it reads; column names are col.* keys of
bishui/i18n/eco_flow.py."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from bishui import i18n, safe_text

REASONS = ("exceedance_upstream", "flood", "irrigation", "eco_flow", "maintenance", "other")
ACTIONS = ("open", "close", "adjust")


def _date(v) -> str:
    return "" if v is None or pd.isna(v) else pd.Timestamp(v).strftime("%Y-%m-%d")


def _num(v, digits: int = 2) -> str:
    return "" if v is None or pd.isna(v) else f"{float(v):.{digits}f}"


def flag_text(row, lang: str) -> str:
    """What a month's flow data say beside the no-flow record (eco_flow_months.sql columns)."""
    if row.get("is_unrecorded_dry"):
        return i18n.t("ef.flag.unrecorded_dry", lang)
    if row.get("is_record_contradicted"):
        return i18n.t("ef.flag.contradicted", lang)
    if row.get("no_flow_reason") is not None and not pd.isna(row.get("no_flow_reason")):
        return i18n.t(f"cmp.no_flow.{row['no_flow_reason']}", lang)
    if not row.get("is_over"):
        return i18n.t("ef.flag.running", lang)
    return ""


def months_table(months: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows of eco_flow_months.sql as shown: one row per section and month."""
    cols = [
        "ef_month",
        "ef_section",
        "ef_days_below",
        "ef_days_missing",
        "ef_guarantee_pct",
        "ef_flag",
        "ef_days_due",
        "ef_min_flow",
        "ef_mean_flow",
        "ef_lowest_flow",
    ]
    if months.empty:
        return pd.DataFrame(columns=cols)
    rows = months.to_dict("records")
    return pd.DataFrame(
        {
            "ef_month": [pd.Timestamp(m).strftime("%Y-%m") for m in months["month"]],
            "ef_section": months[f"name_{lang}"],
            "ef_min_flow": [_num(v, 3) for v in months["min_flow_m3_s"]],
            "ef_mean_flow": [_num(v, 3) for v in months["mean_flow_m3_s"]],
            "ef_lowest_flow": [_num(v, 3) for v in months["lowest_flow_m3_s"]],
            "ef_days_due": months["days_due"].astype(int),
            "ef_days_below": months["days_below"].astype(int),
            "ef_days_missing": months["days_missing"].astype(int),
            "ef_guarantee_pct": [None if pd.isna(v) else round(float(v), 1) for v in months["guarantee_pct"]],
            "ef_flag": [flag_text(r, lang) for r in rows],
        },
        columns=cols,
    )


def summary(months: pd.DataFrame) -> dict:
    """District figures over the months that are over (eco_flow_months.sql rows): days due, met, below,
    missing, the guarantee rate (met / due, %), and the months the flow data call dry without a record."""
    over = months[months["is_over"].astype(bool)] if not months.empty else months
    due = int(over["days_due"].sum()) if not over.empty else 0
    met = int(over["days_met"].sum()) if not over.empty else 0
    return {
        "days_due": due,
        "days_met": met,
        "days_below": int(over["days_below"].sum()) if not over.empty else 0,
        "days_missing": int(over["days_missing"].sum()) if not over.empty else 0,
        "pct": round(100.0 * met / due, 1) if due else None,
        "unrecorded": over[over["is_unrecorded_dry"].astype(bool)] if not over.empty else over,
    }


def operations_table(ops: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows of sluice_operations_log.sql as shown."""
    cols = ["ef_operated_at", "ef_sluice", "ef_action", "ef_gate_opening", "ef_decided_by", "ef_reason", "ef_note"]
    if ops.empty:
        return pd.DataFrame(columns=cols)
    return pd.DataFrame(
        {
            "ef_operated_at": [pd.Timestamp(v).strftime("%Y-%m-%d %H:%M") for v in ops["operated_at"]],
            "ef_sluice": ops[f"name_{lang}"],
            "ef_action": [i18n.t(f"ef.action.{a}", lang) for a in ops["action"]],
            "ef_gate_opening": [_num(v, 1) for v in ops["gate_opening_m"]],
            "ef_decided_by": ops["decided_by"].fillna(""),
            "ef_reason": [i18n.t(f"ef.reason.{r}", lang) for r in ops["reason_code"]],
            "ef_note": ops["note_zh"].fillna(""),
        },
        columns=cols,
    )


def operations_monthly_table(counts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows of sluice_operations_monthly.sql as a month x reason table (operations per month with reasons)."""
    if counts.empty:
        return pd.DataFrame(columns=["ef_month", "ef_n_total"])
    wide = counts.pivot_table(index="month", columns="reason_code", values="n_operations", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=[r for r in REASONS if r in wide.columns]).sort_index(ascending=False)
    out = pd.DataFrame({"ef_month": [pd.Timestamp(m).strftime("%Y-%m") for m in wide.index]})
    for r in wide.columns:
        out[i18n.t(f"ef.reason.{r}", lang)] = wide[r].astype(int).to_numpy()
    out["ef_n_total"] = wide.sum(axis=1).astype(int).to_numpy()
    return out


def flow_figure(daily: pd.DataFrame, names: dict[str, str], lang: str) -> go.Figure:
    """Daily flow at the chosen sections (section_flow_daily.sql) with each one's minimum ecological
    flow as a dashed line: drawn under the sections page's concentration trends."""
    fig = go.Figure()
    for sid, part in daily.groupby("section_id", sort=False):
        name = safe_text.plotly(names.get(sid, sid))
        fig.add_trace(
            go.Scatter(
                x=part["measured_on"],
                y=part["flow_m3_s"],
                mode="lines",
                name=name,
                hovertemplate="%{x|%Y-%m-%d} %{y:.3f} m³/s<extra>" + name + "</extra>",
            )
        )
        mins = part["min_flow_m3_s"].dropna()
        if not mins.empty:
            fig.add_trace(
                go.Scatter(
                    x=[part["measured_on"].min(), part["measured_on"].max()],
                    y=[mins.iloc[0]] * 2,
                    mode="lines",
                    line={"dash": "dash", "width": 1},
                    name=i18n.t("ef.fig.min", lang, name=name),
                    hoverinfo="skip",
                )
            )
    fig.update_layout(
        height=260,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        title={"text": i18n.t("ef.fig.title", lang), "font": {"size": 14}},
        yaxis_title=i18n.t("ef.fig.y", lang),
        legend={"orientation": "h", "y": -0.25},
    )
    return fig
