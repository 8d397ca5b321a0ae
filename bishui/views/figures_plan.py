"""Pure plotly builders for the plan pages (targets, plants, black-odorous water bodies,
eco-compensation): data in, Figure out, words from bishui.i18n. No Streamlit here."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from bishui import i18n, safe_text
from bishui.views.figures import FONT, LINE_COLORS, base_layout
from bishui.rules.standards import NO_DATA_COLOR

GOAL_COLOR = "#1a9850"
TREND_COLOR = "#7f7f7f"
QUASI_COLOR = "#1f3b73"
GB1A_COLOR = "#d35400"
FAIL_COLOR = "#d7191c"
WARN_COLOR = "#f2a600"
GRADE_COLORS = {1: "#1a9850", 2: "#f2a600", 3: "#6b3d1e"}
EFFLUENT_PARAMS = ("cod", "bod5", "nh3n", "tp")


def target_history(
    history: pd.DataFrame,
    goal: float,
    deadline: dt.date,
    lang: str,
    unit: str = "",
    projected: float | None = None,
    title: str | None = None,
) -> go.Figure:
    """The measure's monthly history, the goal as a line, and (when there is one) the trend projected
    to the deadline as a dashed line from the latest value.

    history columns: month, value (one series; known values only)."""
    fig = go.Figure()
    h = history.sort_values("month")
    fig.add_trace(
        go.Scatter(
            x=pd.to_datetime(h["month"]),
            y=h["value"],
            mode="lines+markers",
            name=i18n.t("fp.measure", lang),
            line=dict(color=LINE_COLORS[0], width=2),
        )
    )
    end = pd.Timestamp(deadline).replace(day=1)
    start = pd.to_datetime(h["month"]).min() if len(h) else end - pd.DateOffset(months=12)
    fig.add_trace(
        go.Scatter(
            x=[start, end],
            y=[goal, goal],
            mode="lines",
            name=i18n.t("fp.goal", lang),
            line=dict(color=GOAL_COLOR, dash="dash", width=2),
        )
    )
    if projected is not None and len(h):
        last = h.iloc[-1]
        fig.add_trace(
            go.Scatter(
                x=[pd.Timestamp(last["month"]), end],
                y=[last["value"], projected],
                mode="lines+markers",
                name=i18n.t("fp.trend", lang),
                line=dict(color=TREND_COLOR, dash="dot"),
                marker=dict(symbol="circle-open"),
            )
        )
    fig.add_vline(
        x=end.timestamp() * 1000,
        line=dict(color="#444", dash="dot", width=1),
        annotation_text=i18n.t("fp.deadline", lang),
        annotation_position="top left",
    )
    fig.update_yaxes(title_text=safe_text.plotly(unit), rangemode="tozero", gridcolor="#eee")
    fig.update_xaxes(gridcolor="#eee", tickformat="%Y-%m")
    return _bottom_legend(base_layout(fig, 340, safe_text.plotly(title) if title else None))


def _bottom_legend(fig: go.Figure) -> go.Figure:
    """The legend under the plot (a title stays clear of it)."""
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.12, x=0))
    fig.update_layout(margin=dict(b=40))
    return fig


def projects_bar(projects: pd.DataFrame, lang: str) -> go.Figure:
    """Budget and money spent per project (horizontal bars, 万元), completion in the hover.

    projects columns: name_zh, budget_cny, spent_cny, execution_pct, completion_pct."""
    p = projects.iloc[::-1]
    labels = [safe_text.plotly(n) for n in p["name_zh"]]
    hover = [
        i18n.t(
            "fp.project_hover",
            lang,
            name=safe_text.plotly(r.name_zh),
            budget=r.budget_cny / 1e4,
            spent=r.spent_cny / 1e4,
            execution=r.execution_pct if pd.notna(r.execution_pct) else 0,
            completion=r.completion_pct,
        )
        for r in p.itertuples()
    ]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=labels,
            x=p["budget_cny"] / 1e4,
            orientation="h",
            name=i18n.t("fp.budget", lang),
            marker_color="#c6dbef",
            hovertext=hover,
            hoverinfo="text",
        )
    )
    fig.add_trace(
        go.Bar(
            y=labels,
            x=p["spent_cny"] / 1e4,
            orientation="h",
            name=i18n.t("fp.spent", lang),
            marker_color="#2171b5",
            hovertext=hover,
            hoverinfo="text",
        )
    )
    fig.update_layout(barmode="overlay")
    fig.update_xaxes(title_text=i18n.t("fp.wan_cny", lang), gridcolor="#eee")
    return base_layout(fig, max(220, 34 * len(p) + 90))


def plant_effluent(check: pd.DataFrame, lang: str, title: str | None = None) -> go.Figure:
    """COD, BOD5, NH3-N and TP of one plant by month (2x2), with the 准IV limit (dashed) and the
    GB 18918 1A limit (dotted; NH3-N's follows the water temperature); months failing 准IV in red.

    check columns: month, parameter, parameter_<lang>, unit, value, limit_quasi_iv, limit_1a,
    meets_quasi_iv (queries/plant_effluent_check.sql, one plant)."""
    names = {r.parameter: safe_text.plotly(getattr(r, f"parameter_{lang}")) for r in check.itertuples()}
    fig = make_subplots(
        rows=2,
        cols=2,
        shared_xaxes=True,
        vertical_spacing=0.12,
        horizontal_spacing=0.07,
        subplot_titles=[f"{names.get(p, p)} (mg/L)" for p in EFFLUENT_PARAMS],
    )
    for i, p in enumerate(EFFLUENT_PARAMS):
        row, col = i // 2 + 1, i % 2 + 1
        d = check[check["parameter"] == p].sort_values("month")
        x = pd.to_datetime(d["month"])
        colors = [FAIL_COLOR if pd.notna(m) and not bool(m) else LINE_COLORS[0] for m in d["meets_quasi_iv"]]
        fig.add_trace(
            go.Scatter(
                x=x,
                y=d["value"],
                mode="lines+markers",
                name=i18n.t("fp.effluent", lang),
                line=dict(color=LINE_COLORS[0]),
                marker=dict(color=colors, size=8),
                showlegend=i == 0,
                legendgroup="v",
            ),
            row=row,
            col=col,
        )
        fig.add_trace(
            go.Scatter(
                x=x,
                y=d["limit_quasi_iv"],
                mode="lines",
                name=i18n.t("fp.quasi_iv", lang),
                line=dict(color=QUASI_COLOR, dash="dash"),
                showlegend=i == 0,
                legendgroup="q",
            ),
            row=row,
            col=col,
        )
        fig.add_trace(
            go.Scatter(
                x=x,
                y=d["limit_1a"],
                mode="lines",
                name=i18n.t("fp.gb1a", lang),
                line=dict(color=GB1A_COLOR, dash="dot", shape="hv"),
                showlegend=i == 0,
                legendgroup="a",
            ),
            row=row,
            col=col,
        )
    fig.update_yaxes(rangemode="tozero", gridcolor="#eee")
    fig.update_xaxes(gridcolor="#eee", tickformat="%Y-%m", dtick="M2")
    fig = base_layout(fig, 480, safe_text.plotly(title) if title else None)
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.08, x=0), margin=dict(t=40 if not title else 70))
    fig.update_annotations(font=dict(family=FONT, size=13))
    return fig


def plant_load(load: pd.DataFrame, names: dict[str, str], warn_pct: float, lang: str) -> go.Figure:
    """Monthly load rate (flow / design capacity, %) of each plant, with the warning band from
    warn_pct to 100 % and the over-capacity band above 100 %.

    load columns: facility_id, month, load_pct (queries/plant_load.sql)."""
    fig = go.Figure()
    top = max(110.0, float(load["load_pct"].max()) * 1.05 if len(load) else 110.0)
    fig.add_hrect(
        y0=warn_pct,
        y1=100,
        fillcolor=WARN_COLOR,
        opacity=0.15,
        line_width=0,
        layer="below",
        annotation_text=i18n.t("fp.load_warning", lang, pct=warn_pct),
        annotation_position="top left",
    )
    fig.add_hrect(y0=100, y1=top, fillcolor=FAIL_COLOR, opacity=0.10, line_width=0, layer="below")
    for i, (fid, g) in enumerate(load.groupby("facility_id", sort=False)):
        g = g.sort_values("month")
        fig.add_trace(
            go.Scatter(
                x=pd.to_datetime(g["month"]),
                y=g["load_pct"],
                mode="lines+markers",
                name=safe_text.plotly(names.get(fid, fid)),
                line=dict(color=LINE_COLORS[i % len(LINE_COLORS)]),
            )
        )
    fig.update_yaxes(title_text=i18n.t("fp.load_axis", lang), range=[0, top], gridcolor="#eee")
    fig.update_xaxes(gridcolor="#eee")
    return base_layout(fig, 300)


def black_odorous_open(monthly: pd.DataFrame, lang: str) -> go.Figure:
    """Open (not closed-out) black-odorous water bodies at each month end, urban and rural stacked,
    against the dynamic-zero target. monthly columns: month, kind, n_open."""
    fig = go.Figure()
    for kind, color in (("urban", "#6b3d1e"), ("rural", "#bf812d")):
        d = monthly[monthly["kind"] == kind]
        fig.add_trace(
            go.Bar(
                x=pd.to_datetime(d["month"]), y=d["n_open"], name=i18n.t(f"wb.kind.{kind}", lang), marker_color=color
            )
        )
    fig.update_layout(barmode="stack", bargap=0.15, legend_traceorder="normal")
    months = pd.to_datetime(monthly["month"]) if len(monthly) else pd.Series(dtype="datetime64[ns]")
    if len(months):
        fig.add_trace(
            go.Scatter(
                x=[months.min(), months.max()],
                y=[0, 0],
                mode="lines",
                hoverinfo="skip",
                name=i18n.t("fp.dynamic_zero", lang),
                line=dict(color=GOAL_COLOR, width=3),
            )
        )
    top = max(2, int(monthly.groupby("month")["n_open"].sum().max()) + 1 if len(monthly) else 2)
    fig.update_yaxes(title_text=i18n.t("fp.n_open", lang), range=[0, top], dtick=1, gridcolor="#eee")
    return base_layout(fig, 280)


def compensation_year(ledger: pd.DataFrame, lang: str, title: str | None = None) -> go.Figure:
    """The year's compensation by month (万元), stacked by section; months where a section has no
    evaluated class are marked '无数据 / no data' (never billed, never counted as passed).

    ledger columns: month, section_id, section_<lang>, status, amount_cny (compensation_ledger.sql)."""
    fig = go.Figure()
    months = sorted(pd.to_datetime(ledger["month"]).unique()) if len(ledger) else []
    for i, (sid, g) in enumerate(ledger.groupby("section_id", sort=False)):
        g = g.sort_values("month")
        name = safe_text.plotly(g[f"section_{lang}"].iloc[0])
        fig.add_trace(
            go.Bar(
                x=pd.to_datetime(g["month"]),
                y=g["amount_cny"] / 1e4,
                name=name,
                marker_color=LINE_COLORS[i % len(LINE_COLORS)],
                hovertemplate=f"{name}<br>%{{x|%Y-%m}}: %{{y:,.1f}} " + i18n.t("fp.wan", lang) + "<extra></extra>",
            )
        )
    # months neither billed nor passed: no data, pending data, provisional (not over), no flow
    nd = ledger[ledger["status"].isin(["no_data", "pending_data", "provisional", "no_flow"])]
    if len(nd):
        nd = nd.assign(
            _what=[
                safe_text.plotly(s) + " · " + i18n.t(f"comp.status.{st}", lang)
                for s, st in zip(nd[f"section_{lang}"], nd["status"])
            ]
        )
        by_month = nd.groupby(pd.to_datetime(nd["month"]))
        counts = by_month["_what"].apply(lambda s: "<br>".join(s))
        marks = by_month["status"].apply(
            lambda s: i18n.t("class.none", lang) if set(s) == {"no_data"} else i18n.t("fp.not_judged", lang)
        )
        fig.add_trace(
            go.Scatter(
                x=counts.index,
                y=[0] * len(counts),
                mode="markers+text",
                text=list(marks.values),
                textposition="top center",
                marker=dict(symbol="x-thin-open", size=12, color="#555", line=dict(width=2)),
                hovertext=list(counts.values),
                hoverinfo="text",
                name=i18n.t("fp.no_data_marker", lang),
                textfont=dict(color="#555"),
            )
        )
    fig.update_layout(barmode="stack", legend_traceorder="normal")
    fig.update_yaxes(title_text=i18n.t("fp.wan_cny", lang), rangemode="tozero", gridcolor="#eee")
    if months:
        fig.update_xaxes(
            tickformat="%Y-%m",
            dtick="M1",
            range=[months[0] - pd.Timedelta(days=20), months[-1] + pd.Timedelta(days=20)],
        )
    fig.add_hline(y=0, line=dict(color=NO_DATA_COLOR, width=1))
    return base_layout(fig, 320, safe_text.plotly(title) if title else None)
