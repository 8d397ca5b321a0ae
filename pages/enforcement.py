"""执法监管 Enforcement (plan task 6): water-related pollution sources along the five rivers, cases open,
overdue and due soon per responsible unit, penalties of the year, sources not inspected this year, as at
the end of the sidebar month (or now, in the running month); every table downloads."""

import datetime as dt

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from bishui.views import enforcement as enf, enforcement_map, geo, maps
from bishui import i18n, safe_text
from bishui.app import map_ui, ui
from bishui.db import store

lang, month, town, now = ui.lang(), ui.month(), ui.town_id(), ui.now()
st.title(ui.tr("en.title"))
if month is None:
    st.info(ui.tr("app.no_data_month"))
    st.stop()
as_of = min((pd.Timestamp(month) + pd.offsets.MonthEnd(0)).date(), now)
st.caption(ui.tr("en.caption", date=as_of.isoformat()))
towns = store.query("towns").set_index("town_id")
if town in towns.index:
    st.caption(ui.tr("en.scope_town", town=safe_text.md(towns.loc[town, ui.name_col()])))

kind_labels = {k: i18n.code_label("en.kind", k, lang) for k in enf.KINDS}
kinds = ui.url_multiselect(
    st, ui.tr("en.kinds"), "kinds", "en_kinds", enf.KINDS, kind_labels, [], placeholder=ui.tr("en.all")
)

filters = {"as_of": as_of, "town_id": town, "kinds": kinds or None}
sources = store.query("enforcement_sources_list", **filters)
cases = store.query("enforcement_cases_list", **filters)
if sources.empty:
    st.info(ui.tr("en.empty"))
    st.stop()

year_cases = cases[pd.to_datetime(cases["found_on"]).dt.year == as_of.year]
c = st.columns(5)
c[0].metric(ui.tr("en.m.sources"), len(sources), border=True)
c[1].metric(ui.tr("en.m.open"), int(cases["is_open"].sum()), border=True)
c[2].metric(ui.tr("en.m.overdue"), int(cases["is_overdue"].sum()), border=True)
c[3].metric(ui.tr("en.m.due_soon"), int(cases["is_due_soon"].sum()), border=True)
c[4].metric(ui.tr("en.m.penalty", year=as_of.year), f"{float(year_cases['penalty_cny'].sum()):,.0f}", border=True)
overdue = cases[cases["is_overdue"]]
if len(overdue):
    sep = "、" if lang == "zh" else "; "
    items = sep.join(
        ui.tr(
            "en.overdue_item",
            source=safe_text.md(ui.pick(r, "source")),
            unit=safe_text.md(ui.pick(r, "unit")),
            days=int(r["days_overdue"]),
        )
        for _, r in overdue.iterrows()
    )
    st.error(ui.tr("en.overdue_warning", items=items), icon=":material/gavel:")

st.subheader(ui.tr("en.map_title"))
located = enforcement_map.source_states(sources, cases, lang)
no_xy = sources[sources["lon"].isna() | sources["lat"].isna()]
if located.empty:
    st.info(ui.tr("en.map.empty"))
else:
    ctx, notes = map_ui.map_context(lang, None)
    town_fc = map_ui.query_features("map_towns", props=maps.NAME_PROPS, basemap=ctx.basemap)
    ctx.bounds = geo.point_bounds(located, basemap=ctx.basemap) or geo.bounds(town_fc)
    fmap = enforcement_map.sources_map(
        geo.point_features(located, enforcement_map.PROPS, basemap=ctx.basemap),
        rivers=map_ui.query_features("map_rivers", props=maps.NAME_PROPS, basemap=ctx.basemap),
        towns=town_fc,
        town_labels=map_ui.query_features("map_towns", kind="labels", props=maps.NAME_PROPS, basemap=ctx.basemap),
        date_label=as_of.isoformat(),
        ctx=ctx,
    )
    st.caption(ui.tr("en.map.caption"))
    st_folium(fmap, key="en_map", height=480, use_container_width=True, returned_objects=[])
    for note in notes:
        st.caption(ui.tr(note))
    if len(no_xy):
        sep = "、" if lang == "zh" else ", "
        names = sep.join(safe_text.md(ui.pick(r, "name")) for _, r in no_xy.iterrows())
        st.caption(ui.tr("en.map.no_coords", n=len(no_xy), names=names))

st.subheader(ui.tr("en.units"))
units = store.query("enforcement_units", **filters)
shown = ui.localise_columns(enf.units_table(units, lang))
st.dataframe(shown, hide_index=True, width="stretch")
ui.download_buttons(shown, "enforcement_units", as_of, town, key="en_units")

st.subheader(ui.tr("en.cases"))
if cases.empty:
    st.info(ui.tr("en.no_cases"))
else:
    shown = ui.localise_columns(enf.cases_table(cases, lang))
    st.dataframe(shown, hide_index=True, width="stretch")
    ui.download_buttons(shown, "enforcement_cases", as_of, town, key="en_cases")

st.subheader(ui.tr("en.sources"))
missing = sources[sources["not_inspected_this_year"]]
if len(missing):
    sep = "、" if lang == "zh" else ", "
    st.warning(
        ui.tr("en.not_inspected_list", names=sep.join(safe_text.md(ui.pick(r, "name")) for _, r in missing.iterrows())),
        icon=":material/search_off:",
    )
shown = ui.localise_columns(enf.sources_table(sources, lang))
st.dataframe(shown, hide_index=True, width="stretch")
ui.download_buttons(shown, "pollution_sources", as_of, town, key="en_sources")

with st.expander(ui.tr("en.inspections", year=as_of.year)):
    insp = store.query(
        "enforcement_inspections",
        start=dt.date(as_of.year, 1, 1),
        end=as_of,
        as_of=now,
        town_id=town,
        kinds=kinds or None,
    )
    if insp.empty:
        st.info(ui.tr("en.no_inspections"))
    else:
        shown = ui.localise_columns(enf.inspections_table(insp, lang))
        st.dataframe(shown, hide_index=True, width="stretch")
        ui.download_buttons(shown, "source_inspections", as_of.year, town, key="en_insp")
