"""饮用水源 Drinking-water sources (plan task 15): protection zones, intakes and the risk sources inside the
zones on a map; each source's monthly and annual compliance (GB 3838 Table 1 class III and Table 2)
with the failing items and their multiples; the district's compliance rate. Rules: queries/schema/
065_drinking_water.sql; layout of the results: bishui/views/drinking_water.py."""

import datetime as dt

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from bishui.views import drinking_water as dw, geo, maps
from bishui.app import map_ui, ui
from bishui.db import store

lang, town, month, now = ui.lang(), ui.town_id(), ui.month(), ui.now()
st.title(ui.tr("dw.title"))
month = month or now.replace(day=1)
month_label = f"{month.year}年{month.month}月" if lang == "zh" else month.strftime("%Y-%m")
st.caption(ui.tr("dw.caption", month=month_label) + " " + ui.tr("dw.note_groundwater"))
sources = store.query("drinking_sources_map", now=now, month=month, town_id=town)
if sources.empty:
    st.info(ui.tr("dw.empty"))
    st.stop()

years_all = store.query("drinking_source_years", now=now, town_id=town)
year_options = sorted({int(y) for y in years_all["year"] if int(y) <= month.year}, reverse=True) or [month.year]
year_default = month.year if month.year in year_options else year_options[0]
year = ui.url_selectbox(st, ui.tr("dw.f.year"), "year", "dw_year", year_options, {}, year_default)
start, end = dt.date(year, 1, 1), (month if year == month.year else dt.date(year, 12, 1))

zones = store.query("drinking_source_zones", town_id=town)
month_end = (pd.Timestamp(month) + pd.offsets.MonthEnd(0)).date()
risks = dw.risk_sources(zones, store.query("drinking_risk_points", now=min(month_end, now)))  # as at the month's end
district = store.query("drinking_district_months", now=now, start=start, end=end, town_id=town)
this_month = district[(district["period_kind"] == "month") & (district["period"].dt.date == month)]
this_year = district[district["period_kind"] == "year"]

m = st.columns(4)
m[0].metric(ui.tr("dw.m.sources"), len(sources), border=True)
if len(this_month) and int(this_month["n_assessed"].iloc[0]):
    r = this_month.iloc[0]
    m[1].metric(
        ui.tr("dw.m.rate", month=month_label),
        f"{r['rate_pct']:.0f}%",
        border=True,
        delta_color="off",
        delta=ui.tr("dw.m.rate_value", met=int(r["n_met"]), assessed=int(r["n_assessed"])),
        delta_arrow="off",
    )
else:
    m[1].metric(ui.tr("dw.m.rate", month=month_label), ui.tr("dw.m.rate_none"), border=True)
if len(this_year) and int(this_year["n_assessed"].iloc[0]):
    r = this_year.iloc[0]
    m[2].metric(
        ui.tr("dw.m.year_rate", year=year),
        f"{r['rate_pct']:.0f}%",
        border=True,
        delta_color="off",
        delta=ui.tr("dw.m.rate_value", met=int(r["n_met"]), assessed=int(r["n_assessed"])),
        delta_arrow="off",
    )
else:
    m[2].metric(ui.tr("dw.m.year_rate", year=year), ui.tr("dw.m.rate_none"), border=True)
m[3].metric(ui.tr("dw.m.risks"), len(risks), border=True)

st.subheader(ui.tr("dw.map_title"))
ctx, notes = map_ui.map_context(lang, None)
ctx.bounds = geo.wkb_bounds(zones, basemap=ctx.basemap) or geo.point_bounds(sources, basemap=ctx.basemap)
fmap = dw.drinking_map(
    sources,
    zones,
    risks,
    month_label=month_label,
    ctx=ctx,
    rivers=map_ui.query_features("map_rivers", props=maps.NAME_PROPS, basemap=ctx.basemap),
    towns=map_ui.query_features("map_towns", props=maps.NAME_PROPS, basemap=ctx.basemap),
    town_labels=map_ui.query_features("map_towns", kind="labels", props=maps.NAME_PROPS, basemap=ctx.basemap),
)
st_folium(fmap, key="dw_map", height=480, use_container_width=True, returned_objects=[])
for note in notes:
    st.caption(ui.tr(note))
st.caption(ui.tr("dw.risk_kinds"))

st.subheader(ui.tr("dw.risks"))
if risks.empty:
    st.info(ui.tr("dw.no_risks"))
else:
    shown = ui.localise_columns(dw.risks_table(risks, lang))
    st.dataframe(shown, hide_index=True, width="stretch")
    ui.download_buttons(shown, "drinking_water_risks", now, town, key="dw_risks_dl")

st.subheader(ui.tr("dw.months"))
months = store.query("drinking_source_months", now=now, start=start, end=end, town_id=town)
if months.empty:
    st.info(ui.tr("dw.no_months"))
else:
    shown = ui.localise_columns(dw.months_table(months, lang))
    st.dataframe(shown, hide_index=True, width="stretch", height=320)
    ui.download_buttons(shown, "drinking_water_months", year, town, key="dw_months_dl")

left, right = st.columns(2)
with left:
    st.subheader(ui.tr("dw.years"))
    shown = ui.localise_columns(dw.years_table(years_all[years_all["year"] <= month.year], lang))
    st.dataframe(shown, hide_index=True, width="stretch")
    ui.download_buttons(shown, "drinking_water_years", town, key="dw_years_dl")
with right:
    st.subheader(ui.tr("dw.district"))
    shown = ui.localise_columns(dw.district_table(district, lang))
    st.dataframe(shown, hide_index=True, width="stretch")
    ui.download_buttons(shown, "drinking_water_rate", year, town, key="dw_rate_dl")
