"""Pure plotly builders of the trend analysis (pages/trends.py). No Streamlit, no queries; words
from bishui.i18n, 水质状况 colours from bishui.rules.trends.LEVEL_COLORS."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from bishui import i18n, safe_text
from bishui.rules import trends
from bishui.views.trends_tables import with_tli
from bishui.views.figures import FONT, LINE_COLORS
from bishui.rules.standards import NO_DATA_COLOR


def base_layout(fig: go.Figure, height: int) -> go.Figure:
    fig.update_layout(
        height=height,
        margin=dict(l=10, r=10, t=30, b=10),
        font=dict(family=FONT, size=13),
        plot_bgcolor="white",
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
    )
    fig.update_xaxes(showgrid=False)
    fig.update_yaxes(gridcolor="#eeeeee")
    return fig


def status_matrix(status: pd.DataFrame, names: dict, lang: str) -> go.Figure:
    """Areas (rows) × periods (columns), each cell coloured by its 水质状况 level and labelled with it.
    status columns: area_kind, area_id, period, level, method, good_pct, bad_pct; names:
    (area_kind, area_id) -> name. Rows: the district, then townships, then rivers."""
    order = {k: i for i, k in enumerate(("district", "town", "river"))}
    areas = status[["area_kind", "area_id"]].drop_duplicates()
    areas = sorted(zip(areas["area_kind"], areas["area_id"]), key=lambda a: (order.get(a[0], 9), a[1]))
    periods = sorted(pd.to_datetime(status["period"]).unique())
    fmt = "%Y" if len({p.month for p in periods}) == 1 and len(periods) > 1 else "%Y-%m"
    cols = [pd.Timestamp(p).strftime(fmt) for p in periods]
    rows = [
        safe_text.plotly(names.get((k, a), a))
        if k == "district"
        else f"{i18n.t(f'trd.kind.{k}', lang)} · {safe_text.plotly(names.get((k, a), a))}"
        for k, a in areas
    ]
    idx = {(r.area_kind, r.area_id, pd.Timestamp(r.period)): r for r in status.itertuples()}
    z, text, hover = [], [], []
    for (k, a), row in zip(areas, rows):
        zr, tr, hr = [], [], []
        for p, c in zip(periods, cols):
            r = idx.get((k, a, pd.Timestamp(p)))
            level = r.level if r is not None else None
            ok = level is not None and not pd.isna(level)
            zr.append(int(level) + 1 if ok and level is not None else 0)
            tr.append(trends.level_text(level, lang) if ok else "")
            if r is not None and r.method != "none":
                method = i18n.t(f"trd.method.{r.method}", lang)
                hr.append(
                    f"{row} {c}: {trends.level_text(level, lang)} · {method}"
                    f" · {i18n.t('trd.series.good', lang)} {r.good_pct:.1f}% · "
                    f"{i18n.t('trd.series.bad', lang)} {r.bad_pct:.1f}%"
                )
            else:
                hr.append(f"{row} {c}: {trends.level_text(None, lang)}")
        z.append(zr)
        text.append(tr)
        hover.append(hr)
    colors = [NO_DATA_COLOR] + [trends.LEVEL_COLORS[k] for k in trends.LEVELS]
    scale = []
    for i, color in enumerate(colors):
        scale += [[i / len(colors), color], [(i + 1) / len(colors), color]]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=cols,
            y=rows,
            text=text,
            texttemplate="%{text}",
            hovertext=hover,
            hoverinfo="text",
            zmin=0,
            zmax=len(colors),
            colorscale=scale,
            showscale=False,
            xgap=2,
            ygap=2,
        )
    )
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(type="category", side="top")
    return base_layout(fig, max(160, 30 * len(rows) + 60))


def shares_figure(status: pd.DataFrame, lang: str) -> go.Figure:
    """One area's I–III share and 劣V share per period (bars), the 水质状况 above each period.
    status columns: period, good_pct, bad_pct, level (one area, any order)."""
    data = status.assign(period=pd.to_datetime(status["period"])).sort_values("period")
    x = data["period"].dt.strftime("%Y" if (data["period"].dt.month == 1).all() else "%Y-%m")
    fig = go.Figure()
    fig.add_bar(x=x, y=data["good_pct"], name=i18n.t("trd.series.good", lang), marker_color=trends.LEVEL_COLORS[1])
    fig.add_bar(x=x, y=data["bad_pct"], name=i18n.t("trd.series.bad", lang), marker_color=trends.LEVEL_COLORS[4])
    fig.add_scatter(
        x=x,
        y=[104] * len(data),
        mode="markers+text",
        name=i18n.t("trd.status", lang),
        text=[trends.level_text(v, lang) for v in data["level"]],
        textposition="top center",
        marker=dict(
            size=12,
            color=[
                trends.LEVEL_COLORS.get(int(v), NO_DATA_COLOR) if pd.notna(v) else NO_DATA_COLOR for v in data["level"]
            ],
        ),
        hoverinfo="text",
        cliponaxis=False,
    )
    fig.update_yaxes(range=[0, 118], title=i18n.t("trd.pct_axis", lang))
    fig.update_xaxes(type="category")
    fig.update_layout(barmode="group")
    return base_layout(fig, 320)


def sections_figure(
    monthly: pd.DataFrame,
    names: dict,
    parameter_name: str,
    unit: str,
    lang: str,
    sen: dict[str, pd.DataFrame] | None = None,
) -> go.Figure:
    """Monthly means of one parameter at two or more sections on one chart (e.g. upstream against
    downstream), in the order given by names, each with its Sen line (dashed) when given.
    monthly columns: section_id, period, mean_value; names: section_id -> name (order = legend
    order); sen: section_id -> frame month, value (bishui.rules.trends.sen_line)."""
    fig = go.Figure()
    for i, (sid, name) in enumerate(names.items()):
        d = monthly[monthly["section_id"] == sid].sort_values("period")
        if d.empty:
            continue
        color = LINE_COLORS[i % len(LINE_COLORS)]
        fig.add_scatter(
            x=pd.to_datetime(d["period"]),
            y=d["mean_value"],
            mode="lines+markers",
            name=safe_text.plotly(name),
            line=dict(color=color, width=2),
            marker=dict(size=5),
        )
        line = (sen or {}).get(sid)
        if line is not None and not line.empty:
            fig.add_scatter(
                x=line["month"],
                y=line["value"],
                mode="lines",
                line=dict(color=color, dash="dash"),
                name=f"{safe_text.plotly(name)} · {i18n.t('trd.sen_line', lang)}",
            )
    fig.update_yaxes(title=f"{parameter_name} ({unit})")
    return base_layout(fig, 340)


def cwqi_bars(ranking: pd.DataFrame, lang: str) -> go.Figure:
    """CWQI per area as horizontal bars, best (smallest) on top; the base-period value as a marker.
    ranking: trends_tables.cwqi_ranking() (trd_area, trd_cwqi, trd_cwqi_base)."""
    data = ranking.iloc[::-1].assign(trd_area=lambda d: d["trd_area"].map(safe_text.plotly))
    fig = go.Figure()
    fig.add_bar(
        y=data["trd_area"],
        x=data["trd_cwqi"],
        orientation="h",
        name=i18n.t("trd.cwqi_now", lang),
        marker_color="#3b7dd8",
        text=[f"{v:.2f}" for v in data["trd_cwqi"]],
        textposition="outside",
    )
    if data["trd_cwqi_base"].notna().any():
        fig.add_scatter(
            y=data["trd_area"],
            x=data["trd_cwqi_base"],
            mode="markers",
            name=i18n.t("trd.cwqi_base", lang),
            marker=dict(symbol="line-ns-open", size=18, color="#222222", line=dict(width=3)),
        )
    fig.update_yaxes(type="category")
    fig.update_xaxes(title="CWQI", rangemode="tozero")
    return base_layout(fig, max(180, 28 * len(data) + 80))


def add_sen_lines(
    fig: go.Figure, sen: dict[str, pd.DataFrame], names: dict, lang: str, order: list[str] | None = None
) -> go.Figure:
    """Add each section's Sen line (dashed) to a figure with a date x-axis, e.g. the sections page's
    trend chart, in the colour of the section's position in `order` (the figure's own section order).
    sen: section_id -> frame month, value (bishui.rules.trends.sen_line)."""
    for j, (sid, line) in enumerate(sen.items()):
        i = order.index(sid) if order and sid in order else j
        fig.add_scatter(
            x=line["month"],
            y=line["value"],
            mode="lines",
            name=f"{safe_text.plotly(names.get(sid, sid))} · {i18n.t('trd.sen_line', lang)}",
            line=dict(color=LINE_COLORS[i % len(LINE_COLORS)], dash="dash", width=1.5),
        )
    return fig


TLI_BANDS = [  # (lower, upper, grade) of §2.8, with their colours
    (0, 30, "oligotrophic", "#dbeafe"),
    (30, 50, "mesotrophic", "#dcfce7"),
    (50, 60, "light_eutrophic", "#fef9c3"),
    (60, 70, "moderate_eutrophic", "#fed7aa"),
    (70, 100, "heavy_eutrophic", "#fecaca"),
]


def tli_figure(inputs: pd.DataFrame, names: dict, lang: str, period_kind: str = "month") -> go.Figure:
    """The trophic level index TLI of lake/reservoir sections over time, one line per section, over
    the grade bands (oligotrophic < 30, mesotrophic 30–50, light/moderate/heavy eutrophic 50–60–70).
    inputs: queries/trend_tli_inputs.sql (section_id, period and the five means); names: section_id -> name."""
    data = with_tli(inputs).dropna(subset=["tli"])
    fig = go.Figure()
    top = max(100.0, float(data["tli"].max()) + 5) if not data.empty else 100.0
    for lo, hi, grade, color in TLI_BANDS:  # the grade names in the right margin, clear of the lines
        y1 = top if hi == 100 else hi
        fig.add_hrect(y0=lo, y1=y1, fillcolor=color, opacity=0.6, line_width=0, layer="below")
        fig.add_annotation(
            text=i18n.t(f"trd.tli.{grade}", lang),
            xref="paper",
            x=1.005,
            xanchor="left",
            y=(lo + hi) / 2,
            yref="y",
            showarrow=False,
            font=dict(size=11, color="#555555"),
        )
    for i, sid in enumerate(dict.fromkeys(data["section_id"])):
        d = data[data["section_id"] == sid].sort_values("period")
        name = safe_text.plotly(names.get(sid, sid))
        fig.add_scatter(
            x=pd.to_datetime(d["period"]),
            y=d["tli"],
            mode="lines+markers",
            name=name,
            line=dict(color=LINE_COLORS[i % len(LINE_COLORS)], width=2),
            marker=dict(size=6),
            customdata=[i18n.t(f"trd.tli.{g}", lang) for g in d["tli_grade"]],
            hovertemplate=f"{name}<br>%{{x|{'%Y' if period_kind == 'year' else '%Y-%m'}}}: TLI %{{y:.1f}} · %{{customdata}}<extra></extra>",
        )
    fig.update_yaxes(title=i18n.t("trd.tli_axis", lang), range=[0, top])
    if period_kind == "year":
        fig.update_xaxes(dtick="M12", tickformat="%Y")
    base_layout(fig, 360)
    fig.update_layout(margin=dict(r=130))
    return fig
