"""Pure plotly builders: data in, Figure out. No Streamlit here; labels come in as arguments.

Every builder takes `lang` and uses bishui.i18n for its own words, and the one class colour scale
of bishui.rules.standards."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from bishui.rules import completeness
from bishui import i18n, safe_text
from bishui.rules.labels import class_short
from bishui.rules.standards import CLASS_COLORS, NO_DATA_COLOR

FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, WenQuanYi Micro Hei, sans-serif"
LINE_COLORS = ["#1f3b73", "#c0392b", "#16a085", "#8e44ad", "#d35400", "#2c3e50", "#7f8c8d", "#27ae60"]


def base_layout(fig: go.Figure, height: int, title: str | None = None) -> go.Figure:
    fig.update_layout(
        height=height,
        margin=dict(l=10, r=10, t=40 if title else 10, b=10),
        font=dict(family=FONT, size=13),
        title=dict(text=title, x=0, font=dict(size=15)) if title else None,
        plot_bgcolor="white",
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
    )
    return fig


def _discrete_classes_colorscale() -> list:
    """A colour scale mapping z = 0 (no data) and 1..6 to the class colours as flat steps."""
    colors = [NO_DATA_COLOR] + [CLASS_COLORS[k] for k in range(1, 7)]
    n = len(colors)
    scale = []
    for i, color in enumerate(colors):
        scale.append([i / n, color])
        scale.append([(i + 1) / n, color])
    return scale


def class_matrix(
    df: pd.DataFrame,
    lang: str,
    row_label: str = "row",
    col_label: str = "col",
    height_per_row: int = 34,
    min_height: int = 220,
    font_size: int = 13,
) -> go.Figure:
    """A grid of classes coloured by the class scale, misses outlined.

    df columns: `row` (label shown on the y axis, in order of first appearance), `col` (label on the x
    axis), `water_class` (1..6 or NaN), `is_attained` (bool or NaN), `hover` (Plotly pseudo-HTML: the
    caller escapes names in it with safe_text.plotly); optional `is_judged` (False: the period is not
    complete, the cell stays grey, bishui.rules.completeness) and `cell` (the cell's text instead of the
    class, e.g. 'Ⅳ…'; plain text, Plotly escapes nothing in it: callers pass labels of their own).
    Row and column labels are escaped here."""
    rows = list(dict.fromkeys(df[row_label]))
    cols = list(dict.fromkeys(df[col_label]))
    z, text, hover = [], [], []
    shown = {r: safe_text.plotly(r) for r in rows} | {c: safe_text.plotly(c) for c in cols}
    lookup = {(r[row_label], r[col_label]): r for r in df.to_dict("records")}
    miss_x, miss_y = [], []
    for row in rows:
        zr, tr, hr = [], [], []
        for col in cols:
            rec = lookup.get((row, col))
            k: Any = rec.get("water_class") if rec else None  # a warehouse cell: int, float, NaN or None
            has = k is not None and not (isinstance(k, float) and math.isnan(k))
            judged = not rec or rec.get("is_judged", True) is not False
            zr.append(int(k) if has and judged else 0)  # a period not judged stays grey
            cell = rec.get("cell") if rec else None
            tr.append(cell if cell else (class_short(k, lang) if has else "–"))
            hr.append(rec.get("hover", "") if rec else "")
            if rec and rec.get("is_attained") is False:
                miss_x.append(shown[col])
                miss_y.append(shown[row])
        z.append(zr)
        text.append(tr)
        hover.append(hr)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[shown[c] for c in cols],
            y=[shown[r] for r in rows],
            text=text,
            customdata=hover,
            texttemplate="%{text}",
            textfont=dict(size=font_size, family=FONT),
            hovertemplate="%{customdata}<extra></extra>",
            colorscale=_discrete_classes_colorscale(),
            zmin=0,
            zmax=7,
            showscale=False,
            xgap=2,
            ygap=2,
        )
    )
    if miss_x:
        fig.add_trace(
            go.Scatter(
                x=miss_x,
                y=miss_y,
                mode="markers",
                hoverinfo="skip",
                showlegend=True,
                name=i18n.t("fig.miss_marker", lang),
                marker=dict(symbol="square-open", size=font_size * 2.2, color="#111", line=dict(width=3)),
            )
        )
    fig.update_yaxes(autorange="reversed", type="category", tickfont=dict(size=font_size))
    fig.update_xaxes(type="category", side="top", tickfont=dict(size=font_size))
    fig = base_layout(fig, max(min_height, height_per_row * len(rows) + 80))
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.02, x=0), margin=dict(t=60, b=30))
    return fig


def class_legend_items(lang: str) -> list[tuple[str, str]]:
    """(label, colour) for the six classes and 'no data', for legends outside plotly."""
    items = [(i18n.t(f"class.{k}", lang), CLASS_COLORS[k]) for k in range(1, 7)]
    items.append((i18n.t("class.none", lang), NO_DATA_COLOR))
    return items


def trend_figure(
    monthly: pd.DataFrame,
    names: dict[str, str],
    parameter_name: str,
    unit: str,
    lang: str,
    auto: pd.DataFrame | None = None,
    param_names: dict[str, str] | None = None,
) -> go.Figure:
    """Monthly means of one parameter at one or more sections, over the GB 3838 class bands.

    monthly columns: section_id, month, mean_value, parameter_class, n_samples, n_below_dl,
      l1..l5 (limits for the first section's water-body type; bands drawn from them), limit_target,
      target_class, direction (optional), completeness, missing_items, auto_days (optional: a month
      that is not complete is drawn as an open diamond and its hover says why, bishui.rules.completeness;
      param_names names the missing items).
    names: section_id -> display name. auto (optional): section_id, sampled_at, value (4-hourly).
    With an automatic series on the same time axis, a monthly mean is drawn in the middle of its
    month (not on the 1st, ahead of the readings it averages) and month labels sit mid-period."""
    fig = go.Figure()
    with_auto = auto is not None and len(auto) > 0
    shapes: list[dict] = []  # plain dicts set once: add_hrect/add_hline cost ~10 ms each here
    notes: list[dict] = []

    def band(y0: float, y1: float, k: int) -> None:
        shapes.append(
            dict(
                type="rect",
                xref="paper",
                x0=0,
                x1=1,
                yref="y",
                y0=y0,
                y1=y1,
                fillcolor=CLASS_COLORS[k],
                opacity=0.13,
                line_width=0,
                layer="below",
            )
        )

    first = monthly.iloc[0] if len(monthly) else None
    limits: list[Any] = [first[f"l{k}"] for k in range(1, 6)] if first is not None else [None] * 5
    values = pd.concat(
        [monthly["mean_value"], auto["value"] if auto is not None and len(auto) else pd.Series(dtype=float)]
    )
    vmax = float(values.max()) if len(values.dropna()) else 1.0
    has_limits = all(v is not None and not pd.isna(v) for v in limits)
    if has_limits and len(set(limits)) > 1 and limits[0] <= limits[-1]:
        # lower-is-better: bands from 0 up through the limits, 劣V above
        edges = [0.0] + [float(v) for v in limits]
        top = max(vmax * 1.1, edges[-1] * 1.15)
        for k in range(1, 6):
            if edges[k] > edges[k - 1]:
                band(edges[k - 1], edges[k], k)
        band(edges[-1], top, 6)
        fig.update_yaxes(range=[0, top])
    elif has_limits and limits[0] > limits[-1]:
        # higher-is-better (DO): class I above l1, 劣V below l5
        top = max(vmax * 1.1, float(limits[0]) * 1.3)
        edges = [top] + [float(v) for v in limits] + [0.0]
        for k in range(1, 7):
            band(edges[k], edges[k - 1], k)
        fig.update_yaxes(range=[0, top])
    for i, (sid, grp) in enumerate(monthly.groupby("section_id", sort=False)):
        color = LINE_COLORS[i % len(LINE_COLORS)]
        name = safe_text.plotly(names.get(sid, sid))
        grp = grp.sort_values("month")
        x = mid_month(grp["month"]) if with_auto else grp["month"]
        hover = [
            i18n.t(
                "fig.hover_month",
                lang,
                month=pd.Timestamp(r.month).strftime("%Y-%m"),
                value=_fmt(r.mean_value),
                unit=safe_text.plotly(unit),
                klass=class_short(r.parameter_class, lang) or "–",
                n=int(r.n_samples),
                name=name,
            )
            for r in grp.itertuples()
        ]
        bdl = grp["n_below_dl"].fillna(0) >= grp["n_samples"].fillna(1)
        symbols = ["circle-open" if b else "circle" for b in bdl]
        if "completeness" in grp:  # a month not complete: an open diamond, and why on hover
            for j, r in enumerate(grp.to_dict("records")):
                why = completeness.note(r, lang, param_names or {}) if isinstance(r.get("completeness"), str) else ""
                if why:
                    symbols[j] = "diamond-open"
                    hover[j] += "<br>" + safe_text.plotly(why)
        fig.add_trace(
            go.Scatter(
                x=x,
                y=grp["mean_value"],
                mode="lines+markers",
                name=name,
                line=dict(color=color, width=2.5),
                marker=dict(size=7, symbol=symbols),
                hovertext=hover,
                hoverinfo="text",
            )
        )
        target = grp["limit_target"].dropna()
        if len(target):
            y = float(target.iloc[0])
            shapes.append(
                dict(
                    type="line",
                    xref="paper",
                    x0=0,
                    x1=1,
                    yref="y",
                    y0=y,
                    y1=y,
                    line=dict(color=color, dash="dash", width=1.5),
                )
            )
            notes.append(
                dict(
                    xref="paper",
                    x=0,
                    yref="y",
                    y=y,
                    xanchor="left",
                    yanchor="bottom",
                    showarrow=False,
                    text=i18n.t(
                        "fig.target_line", lang, name=name, klass=class_short(grp["target_class"].iloc[0], lang)
                    ),
                    font=dict(size=11),
                )
            )
        if bdl.any():
            fig.add_trace(
                go.Scatter(
                    x=x[bdl],
                    y=grp.loc[bdl, "mean_value"],
                    mode="markers",
                    name=i18n.t("fig.below_dl", lang),
                    marker=dict(symbol="triangle-down", size=11, color=color),
                    hoverinfo="skip",
                    showlegend=i == 0,
                )
            )
    fig.update_layout(shapes=shapes, annotations=notes)
    if with_auto and auto is not None:
        for i, (sid, grp) in enumerate(auto.groupby("section_id", sort=False)):
            fig.add_trace(
                go.Scattergl(
                    x=grp["sampled_at"],
                    y=grp["value"],
                    mode="lines",
                    name=i18n.t("fig.auto_series", lang, name=safe_text.plotly(names.get(sid, sid))),
                    line=dict(color=LINE_COLORS[i % len(LINE_COLORS)], width=1),
                    opacity=0.45,
                    hovertemplate="%{x|%Y-%m-%d %H:%M}<br>%{y}<extra></extra>",
                )
            )
    months = pd.to_datetime(monthly["month"])
    span = (months.max().year - months.min().year) * 12 + months.max().month - months.min().month if len(months) else 0
    fig.update_xaxes(
        showgrid=False,
        tickformat="%Y-%m",
        hoverformat="%Y-%m",
        dtick="M1" if span <= 12 else ("M3" if span <= 36 else "M6"),
        ticklabelmode="period" if with_auto else "instant",
    )
    fig.update_yaxes(title_text=safe_text.plotly(f"{parameter_name} ({unit})"), gridcolor="#eee")
    fig = base_layout(fig, 380, safe_text.plotly(parameter_name))
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.12, x=0), margin=dict(b=40))
    return fig


def mid_month(months: pd.Series) -> pd.Series:
    """The middle of each month (month given as its first day): where a monthly mean belongs on a time axis."""
    start = pd.to_datetime(months)
    return start + (start + pd.offsets.MonthBegin(1) - start) / 2


STRIP_MAX_LABELS = 12


def class_strip(
    df: pd.DataFrame,
    names: dict[str, str],
    lang: str,
    period_format: str = "%Y-%m",
    param_names: dict[str, str] | None = None,
) -> go.Figure:
    """One row of coloured cells per section, one column per period. With more than STRIP_MAX_LABELS
    months, only every 2nd/3rd/4th/6th/12th month is labelled, on calendar months (Jan, Apr, Jul, Oct
    for every 3rd), so the labels never overlap; every cell keeps its month in the hover.

    df columns: section_id, period, water_class, is_attained, main_pollutants_zh/en (optional),
    completeness, missing_items, auto_days (optional: a period that is not complete is marked, grey,
    and its hover says why, bishui.rules.completeness; param_names names the missing items)."""
    if df.empty:
        return base_layout(go.Figure(), 120)
    rows = df.assign(
        row=df["section_id"].map(lambda s: names.get(s, s)),
        col=pd.to_datetime(df["period"]).dt.strftime(period_format),
        hover=[
            f"{safe_text.plotly(names.get(r.section_id, r.section_id))} {pd.Timestamp(r.period).strftime(period_format)}: "
            f"{i18n.t(f'class.{int(r.water_class)}', lang) if pd.notna(r.water_class) else i18n.t('class.none', lang)}"
            for r in df.itertuples()
        ],
    )
    if "completeness" in df:
        records = df.to_dict("records")
        notes = [safe_text.plotly(completeness.note(r, lang, param_names or {})) for r in records]
        rows = rows.assign(
            hover=[h + (f"<br>{n}" if n else "") for h, n in zip(rows["hover"], notes)],
            cell=[
                completeness.cell_text(r["water_class"], r["completeness"], lang, r.get("no_flow_reason"))
                for r in records
            ],
            is_judged=[r["completeness"] == "complete" for r in records],
        )
    fig = class_matrix(rows, lang, height_per_row=30, min_height=120, font_size=11)
    periods = sorted(pd.to_datetime(df["period"]).unique())
    if len(periods) > STRIP_MAX_LABELS and "%m" in period_format:
        step = next((s for s in (2, 3, 4, 6, 12) if len(periods) / s <= STRIP_MAX_LABELS), 12)
        ticks = [p.strftime(period_format) for p in map(pd.Timestamp, periods) if (p.month - 1) % step == 0]
        fig.update_xaxes(tickmode="array", tickvals=ticks, ticktext=ticks, tickangle=0)
    return fig


def _fmt(value) -> str:
    if value is None or pd.isna(value):
        return "–"
    return f"{value:.4g}"


def matrix_focus(matrix: pd.DataFrame, month, limit: int) -> pd.DataFrame:
    """The rows of section_status_matrix.sql worth a meeting's screen when there are too many
    sections: assessment sections and those that missed their target in `month` first, then those
    with any miss in the 12 months, at most `limit` sections, in the query's order."""
    month = pd.Timestamp(month)
    per = matrix.assign(
        _this=(pd.to_datetime(matrix["month"]) == month) & (matrix["is_attained"] == False),  # noqa: E712
        _any=matrix["is_attained"] == False,  # noqa: E712
    )
    score = per.groupby("section_id", sort=False).agg(
        a=("is_assessment", "first"), t=("_this", "any"), y=("_any", "any")
    )
    score["rank"] = -(score["a"].astype(int) * 4 + score["t"].astype(int) * 2 + score["y"].astype(int))
    keep = score.sort_values("rank", kind="stable").head(limit).index
    return matrix[matrix["section_id"].isin(set(keep))]
