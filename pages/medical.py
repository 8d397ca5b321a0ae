"""医疗废水 Medical wastewater (plan task 14): institutions with their GB 18466-2005 column and this month's
compliance, the unmonitored flag, a map, the exceedances, the monthly matrix and the limits with their
source; every table downloads."""

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from bishui.views import geo, maps, medical
from bishui.app import map_ui, ui
from bishui import safe_text
from bishui.db import store

lang, month, town, now = ui.lang(), ui.month(), ui.town_id(), ui.now()
st.title(ui.tr("md.title"))
st.caption(ui.tr("md.caption"))
towns = store.query("towns").set_index("town_id")
if town in towns.index:
    st.caption(ui.tr("md.scope_town", town=safe_text.md(towns.loc[town, ui.name_col()])))
if month is None:
    st.info(ui.tr("app.no_data_month"))
    st.stop()
month_label = f"{month.year}年{month.month}月" if lang == "zh" else month.strftime("%Y-%m")
n_months = ui.url_number(
    st.columns([1, 3])[0],
    ui.tr("md.stale"),
    "n",
    "md_stale",
    medical.stale_months(),
    min_value=1,
    max_value=24,
    step=1,
    help=ui.tr("md.stale_help"),
)

inst = store.query("medical_institutions_list", month=month, as_of=now, stale_months=int(n_months), town_id=town)
if inst.empty:
    st.info(ui.tr("md.empty"))
    st.stop()
counts = inst["status"].value_counts()
c = st.columns(5)
c[0].metric(ui.tr("md.m.institutions"), len(inst), border=True)
c[1].metric(ui.tr("md.m.compliant"), int(counts.get("compliant", 0)), border=True)
c[2].metric(ui.tr("md.m.exceeded"), int(counts.get("exceeded", 0)), border=True)
c[3].metric(ui.tr("md.m.no_data"), int(counts.get("no_data", 0)), border=True)
c[4].metric(ui.tr("md.m.unmonitored", n=int(n_months)), int(inst["is_unmonitored"].sum()), border=True)
if (inst["status"] == "pending").any():
    st.caption(ui.tr("md.month_note", month=month_label))
stale = inst[inst["is_unmonitored"]]
if len(stale):
    sep = "、" if lang == "zh" else ", "
    st.warning(
        ui.tr("md.unmonitored_warning", n=int(n_months), names=sep.join(safe_text.md(v) for v in stale[ui.name_col()])),
        icon=":material/schedule:",
    )

st.subheader(ui.tr("md.institutions", month=month_label))
shown = ui.localise_columns(medical.institutions_table(inst, lang))
st.dataframe(shown, hide_index=True, width="stretch")
ui.download_buttons(
    shown,
    "medical_institutions",
    month,
    town,
    key="md_inst",
    geojson=lambda: geo.download_geojson(
        inst, ["institution_id", "name_zh", "name_en", "level", "beds", "column_code", "status", "is_unmonitored"]
    ),
)

st.subheader(ui.tr("md.map"))
ctx, notes = map_ui.map_context(lang, None)
town_fc = map_ui.query_features("map_towns", props=maps.NAME_PROPS, basemap=ctx.basemap)
ctx.bounds = geo.point_bounds(inst, basemap=ctx.basemap) or geo.bounds(town_fc)
fmap = medical.institutions_map(
    geo.point_features(inst, medical.INSTITUTION_PROPS, basemap=ctx.basemap),
    rivers=map_ui.query_features("map_rivers", props=maps.NAME_PROPS, basemap=ctx.basemap),
    towns=town_fc,
    town_labels=map_ui.query_features("map_towns", kind="labels", props=maps.NAME_PROPS, basemap=ctx.basemap),
    month_label=month_label,
    n_months=int(n_months),
    ctx=ctx,
)
st.caption(ui.tr("md.map_caption", month=month_label, n=int(n_months)))
st_folium(fmap, key="md_map", height=480, use_container_width=True, returned_objects=[])
for note in notes:
    st.caption(ui.tr(note))

start = (pd.Timestamp(month) - pd.DateOffset(months=11)).date()
end = (pd.Timestamp(month) + pd.offsets.MonthEnd(0)).date()
period = {"start": start.strftime("%Y-%m"), "end": month.strftime("%Y-%m")}
st.subheader(ui.tr("md.exceedances", **period))
ex = store.query("medical_exceedances", start=start, end=end, as_of=now, town_id=town)
if ex.empty:
    st.info(ui.tr("md.no_exceedances"))
else:
    shown = ui.localise_columns(medical.exceedances_table(ex, lang))
    st.dataframe(shown, hide_index=True, width="stretch")
    ui.download_buttons(shown, "medical_exceedances", start, month, town, key="md_ex")

st.subheader(ui.tr("md.matrix", **period))
matrix = store.query("medical_month_matrix", start=start, end=month, as_of=now, town_id=town)
shown = ui.localise_columns(medical.matrix_table(matrix, lang))
st.dataframe(shown.style.map(medical.status_style(lang)), hide_index=True, width="stretch")
ui.download_buttons(shown, "medical_monthly", start, month, town, key="md_matrix")

samples = store.query("medical_samples", start=start, end=end, as_of=now, town_id=town)
with st.expander(ui.tr("md.samples", **period)):
    shown = ui.localise_columns(medical.samples_table(samples, lang))
    st.dataframe(shown, hide_index=True, width="stretch")
    ui.download_buttons(shown, "medical_samples", start, month, town, key="md_samples")

with st.expander(ui.tr("md.limits")):
    shown = ui.localise_columns(medical.limits_table(store.query("medical_limits_list"), lang))
    st.dataframe(shown, hide_index=True, width="stretch")
    st.caption(ui.tr("md.limits_caption"))
    ui.download_buttons(shown, "gb18466_limits", key="md_limits")
