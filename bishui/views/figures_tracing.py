"""Pure builders for the source-tracing page (溯源): the profile of a parameter along the traced river
and the map of the reach with its candidates. No Streamlit here; words from bishui.i18n."""

from __future__ import annotations

import folium
import pandas as pd
import plotly.graph_objects as go

from bishui import i18n, safe_text
from bishui.views import maps
from bishui.rules import tracing
from bishui.views.figures import LINE_COLORS, base_layout

KIND_COLORS = {
    "upstream": "#2c7bb6",
    "outfall": "#d7191c",
    "plant": "#7b3294",
    "overflow": "#e66101",
    "blank_area": "#8c510a",
    "black_odorous": "#404040",
}
KIND_SYMBOLS = {
    "outfall": "triangle-down",
    "plant": "square",
    "overflow": "diamond",
    "blank_area": "x",
    "black_odorous": "circle-open",
}
REACH_COLOR = "#08519c"


def profile(
    places: pd.DataFrame,
    values: pd.DataFrame,
    candidates: pd.DataFrame,
    river_id: str,
    section_id: str,
    limit: float | None,
    parameter_label: str,
    lang: str,
) -> go.Figure:
    """The parameter along river_id in the month: sections as points at their km (the traced one
    highlighted), the target limit as a dashed line, the candidates on that river as ticks at their km.

    places: kind, object_id, name_zh, name_en, river_id, km (tracing.locate); values: section_id,
    graded_value (queries/trace_section_values.sql); candidates: tracing.COLUMNS."""
    fig = go.Figure()
    name_col = "name_en" if lang == "en" else "name_zh"
    secs = places[(places["kind"] == "section") & (places["river_id"] == river_id) & places["km"].notna()]
    secs = secs.merge(values[["section_id", "graded_value"]], left_on="object_id", right_on="section_id", how="left")
    secs = secs.sort_values("km")
    fig.add_trace(
        go.Scatter(
            x=secs["km"],
            y=secs["graded_value"],
            mode="lines+markers+text",
            name=i18n.t("trc.fig.sections", lang),
            text=[safe_text.plotly(n) for n in secs[name_col]],
            textposition="top center",
            marker=dict(
                size=[14 if s == section_id else 9 for s in secs["object_id"]],
                color=[KIND_COLORS["outfall"] if s == section_id else LINE_COLORS[0] for s in secs["object_id"]],
            ),
            line=dict(color=LINE_COLORS[0], width=1.5),
        )
    )
    if limit is not None and not pd.isna(limit) and len(secs):
        xs = [0.0, float(secs["km"].max())]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=[limit, limit],
                mode="lines",
                name=i18n.t("trc.fig.limit", lang),
                line=dict(color="#1a9850", dash="dash"),
            )
        )
    on = candidates[
        (candidates["river_id"] == river_id) & candidates["km"].notna() & (candidates["kind"] != "upstream")
    ]
    on = on.drop_duplicates(["kind", "id"])
    for kind, group in on.groupby("kind", sort=False):
        fig.add_trace(
            go.Scatter(
                x=group["km"],
                y=[0.0] * len(group),
                mode="markers",
                name=i18n.t(f"trc.kind.{kind}", lang),
                marker=dict(symbol=KIND_SYMBOLS.get(kind, "circle"), size=12, color=KIND_COLORS.get(kind, "#555")),
                text=[safe_text.plotly(n) for n in group["name"]],
                hovertemplate="%{text}<br>km %{x:.2f}<extra></extra>",
            )
        )
    fig.update_xaxes(title=i18n.t("trc.fig.km", lang), showgrid=True, gridcolor="#eee")
    fig.update_yaxes(title=safe_text.plotly(parameter_label), rangemode="tozero", showgrid=True, gridcolor="#eee")
    return base_layout(fig, 360)


def reach_map(
    network: tracing.Network,
    reach: tracing.Reach,
    rivers: pd.DataFrame,
    places: pd.DataFrame,
    candidates: pd.DataFrame,
    section_id: str,
    lang: str,
    ctx: maps.MapContext | None = None,
    display=None,
) -> folium.Map:
    """Every river in grey, the reach in blue, the traced section and the candidates as circles with
    tooltips (escaped). rivers: river_id, geom (lon/lat lines); places: kind, object_id, lon, lat.
    display(lon, lat) -> (lon, lat) shifts coordinates for the base map (GCJ-02), identity by default."""
    ctx = ctx or maps.MapContext(lang=lang)
    shift = display or (lambda x, y: (x, y))
    stretches = tracing.stretch_lines(network, reach)
    pts = [shift(x, y) for _, line in stretches for x, y in line]
    bounds = (
        [[min(p[1] for p in pts), min(p[0] for p in pts)], [max(p[1] for p in pts), max(p[0] for p in pts)]]
        if pts
        else ctx.bounds
    )
    m = maps.base_map(bounds, basemap=ctx.basemap, tianditu_key=ctx.tianditu_key, assets=ctx.assets, lang=lang)
    for geom in rivers["geom"]:
        if geom is None or geom.is_empty:
            continue
        parts = geom.geoms if geom.geom_type == "MultiLineString" else [geom]
        for part in parts:
            folium.PolyLine([shift(x, y)[::-1] for x, y in part.coords], color="#9ecae1", weight=3).add_to(m)
    for _, line in stretches:
        folium.PolyLine(
            [shift(x, y)[::-1] for x, y in line],
            color=REACH_COLOR,
            weight=6,
            tooltip=maps.esc(i18n.t("trc.map.reach", lang)),
        ).add_to(m)
    where = places.set_index(["kind", "object_id"])
    me = where.loc[("section", section_id)] if ("section", section_id) in where.index else None
    if me is not None:
        folium.CircleMarker(
            shift(me["lon"], me["lat"])[::-1],
            radius=9,
            color="#000",
            fill=True,
            fill_color="#ffffff",
            fill_opacity=1,
            tooltip=maps.esc(i18n.t("trc.map.section", lang)),
        ).add_to(m)
    for row in candidates.drop_duplicates(["kind", "id"]).itertuples(index=False):
        key = ("section" if row.kind == "upstream" else row.kind, row.id)
        if key not in where.index:
            continue
        p = where.loc[key]
        tip = f"{row.rank}. {i18n.t(f'trc.kind.{row.kind}', lang)}: {row.name} ({row.score:.2f})"
        folium.CircleMarker(
            shift(p["lon"], p["lat"])[::-1],
            radius=7,
            color=KIND_COLORS.get(row.kind, "#555"),
            fill=True,
            fill_opacity=0.85,
            tooltip=maps.esc(tip),
        ).add_to(m)
    return m
