"""溯源 Source tracing: from a section's miss in the sidebar month to its reach and the likely sources in
it (bishui.rules.tracing documents the reach and the score), with the map, the profile and downloads."""

import datetime as dt

import streamlit as st
from streamlit_folium import st_folium

from bishui.views import figures_tracing, geo
from bishui.rules import labels
from bishui.app import findings_panel, map_ui, ui
from bishui import safe_text
from bishui.db import store, tracing_data
from bishui.rules import tracing

lang, month = ui.lang(), ui.month()
st.title(ui.tr("trc.page.title"))
st.caption(ui.tr("trc.page.caption"))
month = month or dt.date.today().replace(day=1)
sections = store.query("sections_list", town_id=None)
sections = sections[sections["river_id"].notna()]
names = dict(zip(sections["section_id"], sections[ui.name_col()]))
if not names:
    st.info(ui.tr("trc.msg.no_position"))
    st.stop()
misses = store.query("section_month_misses", month=month, town_id=None)
missed = [s for s in misses["section_id"] if s in names]
options = missed + [s for s in names if s not in missed]
if not missed:
    st.info(ui.tr("trc.page.none_miss"))
params = store.query("parameters_list")
codes = [""] + list(tracing.traceable_parameters(params)["code"])
param_names = dict(zip(params["code"], params[ui.name_col()]))
param_labels = {"": ui.tr("trc.page.parameter_default"), **param_names}
c1, c2 = st.columns(2)
section_id = ui.url_selectbox(c1, ui.tr("trc.page.section"), "section", "trc_section", options, names, options[0])
parameter = ui.url_selectbox(c2, ui.tr("trc.page.parameter"), "parameter", "trc_parameter", codes, param_labels, "")

try:
    result = tracing_data.trace(section_id, month, parameter or None, lang)
except tracing_data.WarehouseTooOld:
    st.warning(ui.tr("app.stale_schema"))
    st.stop()
row = misses[misses["section_id"] == section_id]
if len(row):
    r = row.iloc[0]
    st.markdown(
        safe_text.md(
            ui.tr(
                "trc.page.miss",
                month=month.strftime("%Y-%m"),
                water=ui.class_text(r["water_class"]),
                target=ui.class_text(r["target_class"]),
                pollutants=labels.pollutants_short(r["main_pollutants"], lang),
            )
        )
    )
(st.success if result.explained else st.warning)(safe_text.md(result.message))

cands = result.candidates
shown_param = parameter or (result.parameters[0] if result.parameters else None)
left, right = st.columns([3, 2])
with left:
    st.subheader(ui.tr("trc.page.map"))
    rivers = store.query("trace_rivers")
    rivers = rivers.assign(geom=rivers["geom_wkb"].map(tracing_data.geom_from_wkb))
    ctx, notes = map_ui.map_context(lang, None)

    def display(x, y):
        return tuple(float(a[0]) for a in geo.display_lonlat([x], [y], ctx.basemap))

    fmap = figures_tracing.reach_map(
        result.network, result.reach, rivers, result.places, cands, section_id, lang, ctx=ctx, display=display
    )
    st_folium(fmap, key="trc_map", height=420, use_container_width=True, returned_objects=[])
    for note in notes:
        st.caption(ui.tr(note))
with right:
    st.subheader(ui.tr("trc.page.profile"))
    if shown_param:
        values = store.query("trace_section_values", month=month, parameter=shown_param)
        mine = values[values["section_id"] == section_id]
        limit = mine["limit_target"].iloc[0] if len(mine) else None
        river = result.places.set_index(["kind", "object_id"]).loc[("section", section_id), "river_id"]
        st.plotly_chart(
            figures_tracing.profile(
                result.places, values, cands, river, section_id, limit, param_names.get(shown_param, shown_param), lang
            ),
            width="stretch",
            key="trc_profile",
        )

st.subheader(ui.tr("trc.page.candidates"))
if cands.empty:
    st.info(ui.tr("trc.page.no_candidates"))
else:
    river_names = dict(zip(rivers["river_id"], rivers[ui.name_col()]))
    table = cands.assign(
        kind=[ui.tr(f"trc.kind.{k}") for k in cands["kind"]],
        river_id=[river_names.get(r, r) for r in cands["river_id"]],
        parameter=[param_names.get(p, p) for p in cands["parameter"]],
    )
    # the plan tasks each candidate falls under and its responsible unit (shown and downloaded)
    owners = tracing_data.tasks_and_units(cands, lang)
    table = table.assign(tasks=owners["tasks"], unit=owners["unit"])
    table = table.rename(columns={c: ui.tr(f"trc.col.{c}") for c in [*tracing.COLUMNS, "tasks", "unit"]})
    file_col = ui.tr("fnd.link_file")  # an outfall's file (一口一档): shown only, not downloaded
    task_col = ui.tr("trc.link_tasks")  # the targets page's task tab for those units: shown only
    files = [tracing_data.file_link(k, i, month, lang) for k, i in zip(cands["kind"], cands["id"])]
    known_units = set(store.query("task_units")["unit"])
    task_links = [tracing_data.tasks_link(u, known_units, lang) for u in owners["units"]]
    st.dataframe(
        table.assign(**{file_col: files, task_col: task_links}),
        hide_index=True,
        width="stretch",
        placeholder="",
        column_config={
            file_col: st.column_config.LinkColumn(display_text=file_col),
            task_col: st.column_config.LinkColumn(display_text=task_col),
        },
    )
    ui.download_buttons(table, "tracing", section_id, month.strftime("%Y-%m"), parameter, key="trc_candidates")
st.caption(ui.tr("trc.page.formula"))
findings_panel.miss_panel(section_id, month, parameter or None, cands)
