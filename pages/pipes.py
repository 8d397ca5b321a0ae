"""管网 Pipes: the pipe network on a map (by kind or retrofit status, with WWTPs, pump stations, overflow
points and open blank areas), the rain/sewage separation progress against the target of zero, the
direct outfalls and blank areas still open, and the segments separated in a period."""

import datetime as dt

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from bishui.views import figures_sources as fs, geo, maps
from bishui import i18n
from bishui.app import map_ui, ui
from bishui.db import store

lang, month = ui.lang(), ui.month()
st.title(ui.tr("pp.title"))
if month is None:
    st.info(ui.tr("app.no_data_month"))
    st.stop()
month_end = (pd.Timestamp(month) + pd.offsets.MonthEnd(0)).date()
st.caption(ui.tr("pp.caption", month=f"{month.year}年{month.month}月" if lang == "zh" else month.strftime("%Y-%m")))


towns = store.query("towns")
town_names = {ui.ALL_TOWNS: ui.tr("sidebar.town_all"), **dict(zip(towns["town_id"], towns[ui.name_col()]))}
side = st.session_state.get(ui.TOWN_KEY, ui.ALL_TOWNS)
if st.session_state.setdefault("_pp_side", side) != side:  # the sidebar township changed: follow it
    st.session_state["_pp_side"] = st.session_state["pp_town"] = side
kind_labels = {v: i18n.code_label("pipe_kind", v, lang) for v in maps.PIPE_KIND_COLORS}
retro_labels = {v: i18n.code_label("retrofit", v, lang) for v in maps.RETROFIT_COLORS}
color_labels = {v: ui.tr(f"pp.color.{v}") for v in ("kind", "retrofit")}
all_ = ui.tr("of.f.all")

c = st.columns([2, 2, 2, 2, 3])
town = ui.url_selectbox(c[0], ui.tr("of.f.town"), "pp_town", "pp_town", town_names, town_names, side)
kinds = ui.url_multiselect(
    c[1], ui.tr("pp.f.kind"), "pp_kind", "pp_kind", kind_labels, kind_labels, [], placeholder=all_
)
retro = ui.url_multiselect(
    c[2], ui.tr("pp.f.retrofit"), "pp_retro", "pp_retro", retro_labels, retro_labels, [], placeholder=all_
)
color_by = ui.url_radio(c[3], ui.tr("map.color_by"), "pp_color", "pp_color", color_labels, color_labels, "kind")
period = ui.url_date_range(c[4], ui.tr("pp.f.period"), "pp_range", "pp_range", (dt.date(month.year, 1, 1), month_end))

town_id = None if town == ui.ALL_TOWNS else town
filters = dict(month=month, town_id=town_id, pipe_kinds=kinds or None, retrofit_statuses=retro or None)
segs = store.query("pipe_segments", **filters)
blank = store.query("pipe_blank_areas", month=month, town_id=town_id)
blank = blank[blank["is_open"]]
ctx, notes = map_ui.map_context(lang, None)
town_fc = map_ui.query_features("map_towns", props=maps.NAME_PROPS, basemap=ctx.basemap)
ctx.bounds = geo.wkb_bounds(segs, basemap=ctx.basemap) or geo.bounds(town_fc)
fmap = maps.pipes_map(  # straight from the frame: no per-segment GeoJSON dicts
    segs,
    facilities=map_ui.query_features("facilities_map", kind="points", props=maps.FACILITY_PROPS, basemap=ctx.basemap),
    blank_areas=geo.point_features(blank, ("name_zh", "found_on"), basemap=ctx.basemap),
    rivers=map_ui.query_features("map_rivers", props=maps.NAME_PROPS, basemap=ctx.basemap),
    towns=town_fc,
    town_labels=map_ui.query_features("map_towns", kind="labels", props=maps.NAME_PROPS, basemap=ctx.basemap),
    color_by=color_by,
    ctx=ctx,
)
st.caption(ui.tr("pp.n_shown", n=len(segs), km=float(segs["length_m"].sum()) / 1000))
st_folium(fmap, key="pp_map", height=560, use_container_width=True, returned_objects=[])
for note in notes:
    st.caption(ui.tr(note))

start = (pd.Timestamp(month) - pd.DateOffset(months=23)).date()
progress = store.query("pipe_separation_progress", start=start, end=month, town_id=town_id)
now = progress[pd.to_datetime(progress["month"]).dt.date == month]
direct = store.query("outfall_direct_open", month=month, town_id=town_id)
if not (isinstance(period, (tuple, list)) and len(period) == 2):
    st.info(ui.tr("pp.range_incomplete"))
    st.stop()
done = store.query("pipe_retrofitted", start=period[0], end=period[1], town_id=town_id)
m = st.columns(4)
m[0].metric(
    ui.tr("pp.m.combined"),
    ui.tr("pp.m.combined_value", km=float(now["combined_km"].sum())),
    delta=ui.tr("pp.m.combined_delta", n=int(now["combined_segments"].sum())),
    delta_color="off",
    delta_arrow="off",
    border=True,
)
m[1].metric(ui.tr("pp.m.direct"), len(direct), border=True)
m[2].metric(ui.tr("pp.m.blank"), len(blank), border=True)
m[3].metric(
    ui.tr("pp.m.done"),
    ui.tr("pp.m.done_value", km=float(done["length_m"].sum()) / 1000),
    delta=ui.tr("pp.m.done_delta", n=len(done)),
    delta_color="off",
    delta_arrow="off",
    border=True,
)

st.subheader(ui.tr("pp.progress"))
st.plotly_chart(fs.separation_figure(progress, lang), width="stretch", key="pp_progress")
left, right = st.columns(2)
with left:
    st.subheader(ui.tr("pp.direct"))
    st.dataframe(ui.localise_columns(fs.direct_outfalls_table(direct, lang)), hide_index=True, width="stretch")
with right:
    st.subheader(ui.tr("pp.blank"))
    st.dataframe(ui.localise_columns(fs.blank_areas_table(blank, lang)), hide_index=True, width="stretch")

st.subheader(ui.tr("pp.done"))
shown_done = ui.localise_columns(fs.segments_table(done, lang))
st.dataframe(shown_done, hide_index=True, width="stretch")
ui.download_buttons(
    shown_done,
    "pipes_separated",
    period[0],
    period[1],
    town_id,
    key="pp_done_dl",
    geojson=lambda: geo.download_geojson(done, fs.PIPE_DOWNLOAD_PROPS, geom_col="geom_wkb"),
)
st.subheader(ui.tr("pp.segments"))
shown = ui.localise_columns(fs.segments_table(segs, lang))
st.dataframe(shown, hide_index=True, width="stretch", height=260)
ui.download_buttons(
    shown,
    "pipes",
    month.strftime("%Y-%m"),
    town_id,
    key="pp_dl",
    geojson=lambda: geo.download_geojson(segs, fs.PIPE_DOWNLOAD_PROPS, geom_col="geom_wkb"),
)
