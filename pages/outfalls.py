"""排污口 Outfalls: the ledger on a map and in a table (same filtered rows), the life-cycle funnel, open
items per responsible unit, and one outfall's file (一口一档)."""

import streamlit as st
from streamlit_folium import st_folium

from bishui.views import figures_sources as fs, geo, maps
from bishui.app import findings_panel, map_ui, ui
from bishui import i18n
from bishui.db import store

lang, month = ui.lang(), ui.month()
st.title(ui.tr("of.title"))
if month is None:
    st.info(ui.tr("app.no_data_month"))
    st.stop()
month_label = f"{month.year}年{month.month}月" if lang == "zh" else month.strftime("%Y-%m")
st.caption(ui.tr("of.caption", month=month_label))

towns, rivers, types = store.query("towns"), store.query("map_rivers"), fs.outfall_types()
town_names = {ui.ALL_TOWNS: ui.tr("sidebar.town_all"), **dict(zip(towns["town_id"], towns[ui.name_col()]))}
river_names = dict(zip(rivers["river_id"], rivers[ui.name_col()]))
code = lambda kind, lang=lang: (lambda v: i18n.code_label(kind, v, lang))  # labels bound to this run  # noqa: E731
side = st.session_state.get(ui.TOWN_KEY, ui.ALL_TOWNS)
ui.url_value("of_town", "of_town", lambda v: v if v in town_names else None, side, ui.tr("of.f.town"))
if st.session_state.setdefault("_of_side", side) != side:  # the sidebar township changed: follow it
    st.session_state["_of_side"] = st.session_state["of_town"] = side
for name, options, label in (
    ("of_river", river_names, "of.f.river"),
    ("of_cat", maps.OUTFALL_CATEGORY_COLORS, "of.f.category"),
    ("of_sub", types["sub_type"], "of.f.sub_type"),
    ("of_status", fs.STAGES, "of.f.status"),
    ("of_appr", fs.APPROVAL_STATES, "of.f.approval"),
):
    ui.url_list(name, name, options, [], ui.tr(label))  # multiselects: empty = all
ui.url_value(
    "of_exc", "of_exc", lambda v: int(v) if v in {"0", "1", "3", "6", "12"} else None, 0, ui.tr("of.f.exceeded")
)
ui.url_value(
    "outfall", "of_pick", lambda v: v if len(v) <= 80 else None, None, ui.tr("of.pick")
)  # a file, e.g. from tracing
ui.url_value(
    "of_color", "of_color", lambda v: v if v in {"category", "status"} else None, "category", ui.tr("map.color_by")
)

c = st.columns(4)
sel_rivers = c[0].multiselect(
    ui.tr("of.f.river"),
    list(river_names),
    key="of_river",
    format_func=ui.fmt(river_names),
    placeholder=ui.tr("of.f.all"),
)
town = c[1].selectbox(ui.tr("of.f.town"), list(town_names), key="of_town", format_func=ui.fmt(town_names))
cats = c[2].multiselect(
    ui.tr("of.f.category"),
    list(maps.OUTFALL_CATEGORY_COLORS),
    key="of_cat",
    format_func=code("of_category"),
    placeholder=ui.tr("of.f.all"),
)
sub_options = types[types["category"].isin(cats)]["sub_type"] if cats else types["sub_type"]
st.session_state["of_sub"] = [s for s in st.session_state["of_sub"] if s in set(sub_options)]
subs = c[3].multiselect(
    ui.tr("of.f.sub_type"),
    list(sub_options),
    key="of_sub",
    format_func=code("of_sub_type"),
    placeholder=ui.tr("of.f.all"),
)
c = st.columns(4)
statuses = c[0].multiselect(
    ui.tr("of.f.status"), list(fs.STAGES), key="of_status", format_func=code("of_status"), placeholder=ui.tr("of.f.all")
)
approvals = c[1].multiselect(
    ui.tr("of.f.approval"),
    list(fs.APPROVAL_STATES),
    key="of_appr",
    format_func=code("of_approval"),
    placeholder=ui.tr("of.f.all"),
)
exc_labels = {n: ui.tr("of.f.exceeded_n", n=n) if n else ui.tr("of.f.exceeded_off") for n in (0, 1, 3, 6, 12)}
exceeded = c[2].selectbox(ui.tr("of.f.exceeded"), list(exc_labels), key="of_exc", format_func=ui.fmt(exc_labels))
color_labels = {v: ui.tr(f"of.color.{v}") for v in ("category", "status")}
color_by = c[3].radio(
    ui.tr("map.color_by"), list(color_labels), key="of_color", horizontal=True, format_func=ui.fmt(color_labels)
)
for name, value in (
    ("of_river", sel_rivers),
    ("of_town", town),
    ("of_cat", cats),
    ("of_sub", subs),
    ("of_status", statuses),
    ("of_appr", approvals),
    ("of_exc", exceeded),
    ("of_color", color_by),
):
    ui.set_page_param(name, value)

inv = store.query(
    "outfall_inventory",
    month=month,
    town_id=None if town == ui.ALL_TOWNS else town,
    river_ids=sel_rivers or None,
    categories=cats or None,
    sub_types=subs or None,
    outfall_statuses=statuses or None,
    approval_states=approvals or None,
    exceeded_months=exceeded or None,
)
ctx, notes = map_ui.map_context(lang, None)
town_fc = map_ui.query_features("map_towns", props=maps.NAME_PROPS, basemap=ctx.basemap)
ctx.bounds = geo.point_bounds(inv, basemap=ctx.basemap) or geo.bounds(town_fc)
fmap = maps.outfalls_map(  # straight from the frame: no per-outfall GeoJSON dicts
    inv,
    rivers=map_ui.query_features("map_rivers", props=maps.NAME_PROPS, basemap=ctx.basemap),
    towns=town_fc,
    town_labels=map_ui.query_features("map_towns", kind="labels", props=maps.NAME_PROPS, basemap=ctx.basemap),
    sections=map_ui.query_features(
        "map_sections", kind="points", props=maps.SECTION_PROPS, basemap=ctx.basemap, month=month, now=ui.now()
    ),
    color_by=color_by,
    month_label=month_label,
    ctx=ctx,
)
st.caption(ui.tr("of.n_shown", n=len(inv)) + " " + ui.tr("map.click_hint"))


def _map_clicked() -> None:
    """The map sent a new value: a click (its value changes on nothing else). Widget callbacks run once
    per value the browser sends, before the script, so this run follows exactly the clicks made; a
    fresh map (after a filter, month or language change, or a visit to another page) replays none."""
    st.session_state["_of_new_click"] = True


clicked = st_folium(
    fmap,
    key="of_map",
    height=560,
    use_container_width=True,
    on_change=_map_clicked,
    # the count makes a click on the outfall clicked last a new value too
    returned_objects=["last_object_clicked", "last_object_clicked_tooltip", "last_object_clicked_count"],
)
picked = maps.clicked_outfall(clicked, inv["outfall_id"])
if st.session_state.pop("_of_new_click", False) and picked:  # a click on an outfall opens its file
    st.session_state["of_pick"] = picked
for note in notes:
    st.caption(ui.tr(note))

left, right = st.columns([2, 3])
with left:
    st.subheader(ui.tr("of.funnel"))
    st.plotly_chart(
        fs.funnel_figure(fs.funnel_counts(inv), lang),
        width="stretch",
        key="of_funnel",
        config={"displayModeBar": False},
    )
    st.caption(ui.tr("of.funnel_caption"))
with right:
    st.subheader(ui.tr("of.units"))
    st.dataframe(ui.localise_columns(fs.open_by_unit(inv, lang)), hide_index=True, width="stretch", height=340)

st.subheader(ui.tr("of.inventory"))
shown = ui.localise_columns(fs.inventory_table(inv, lang))
st.dataframe(shown, hide_index=True, width="stretch", height=320)
ui.download_buttons(
    shown,
    "outfalls",
    month.strftime("%Y-%m"),
    None if town == ui.ALL_TOWNS else town,
    key="of_dl",
    geojson=lambda: geo.download_geojson(inv, fs.OUTFALL_DOWNLOAD_PROPS),
)

st.subheader(ui.tr("of.file"))
if inv.empty:
    st.info(ui.tr("of.none"))
    st.stop()
ids = fs.picker_ids(inv, st.session_state.get("of_pick"))  # at most PICKER_MAX, the clicked one kept
if len(ids) < len(inv):
    st.caption(ui.tr("of.pick_capped", n=len(ids), total=len(inv)))
if st.session_state.get("of_pick") not in ids:
    st.session_state["of_pick"] = ids[0]
sub = inv[inv["outfall_id"].isin(ids)]
labels = dict(zip(sub["outfall_id"], sub["outfall_id"] + " · " + sub["name_zh"]))
pick = st.selectbox(ui.tr("of.pick"), ids, key="of_pick", format_func=ui.fmt(labels))
ui.set_page_param("outfall", pick)
row = inv[inv["outfall_id"] == pick].iloc[0]
left, right = st.columns([2, 3])
with left:
    value, delta = fs.deadline_text(row, lang)
    st.metric(
        ui.tr("of.deadline"),
        value,
        delta=delta,
        delta_color="inverse" if row["is_overdue"] else "off",
        delta_arrow="off",
        border=True,
    )
    st.dataframe(ui.localise_columns(fs.outfall_facts(row, lang)), hide_index=True, width="stretch", height=565)
with right:
    history = store.query("outfall_history", outfall_id=pick)
    if history.empty:
        st.info(ui.tr("of.no_inspections"))
    else:
        st.plotly_chart(fs.history_figure(history, lang), width="stretch", key="of_history")
        with st.expander(ui.tr("of.history")):
            st.dataframe(ui.localise_columns(fs.history_table(history, lang)), hide_index=True, width="stretch")
    findings_panel.outfall_findings(pick, row)
