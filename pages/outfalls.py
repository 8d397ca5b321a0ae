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
codes = lambda kind, values, lang=lang: {v: i18n.code_label(kind, v, lang) for v in values}  # noqa: E731
side = st.session_state.get(ui.TOWN_KEY, ui.ALL_TOWNS)
if st.session_state.setdefault("_of_side", side) != side:  # the sidebar township changed: follow it
    st.session_state["_of_side"] = st.session_state["of_town"] = side
all_ = ui.tr("of.f.all")  # multiselects: empty = all

c = st.columns(4)
sel_rivers = ui.url_multiselect(
    c[0], ui.tr("of.f.river"), "of_river", "of_river", river_names, river_names, [], placeholder=all_
)
town = ui.url_selectbox(c[1], ui.tr("of.f.town"), "of_town", "of_town", town_names, town_names, side)
cat_labels = codes("of_category", maps.OUTFALL_CATEGORY_COLORS)
cats = ui.url_multiselect(
    c[2], ui.tr("of.f.category"), "of_cat", "of_cat", cat_labels, cat_labels, [], placeholder=all_
)
sub_options = types[types["category"].isin(cats)]["sub_type"] if cats else types["sub_type"]
subs = ui.url_multiselect(  # the URL may name any sub-type; those of other categories are dropped
    c[3],
    ui.tr("of.f.sub_type"),
    "of_sub",
    "of_sub",
    sub_options,
    codes("of_sub_type", types["sub_type"]),
    [],
    url_options=types["sub_type"],
    placeholder=all_,
)
c = st.columns(4)
stage_labels = codes("of_status", fs.STAGES)
statuses = ui.url_multiselect(
    c[0], ui.tr("of.f.status"), "of_status", "of_status", stage_labels, stage_labels, [], placeholder=all_
)
appr_labels = codes("of_approval", fs.APPROVAL_STATES)
approvals = ui.url_multiselect(
    c[1], ui.tr("of.f.approval"), "of_appr", "of_appr", appr_labels, appr_labels, [], placeholder=all_
)
exc_labels = {n: ui.tr("of.f.exceeded_n", n=n) if n else ui.tr("of.f.exceeded_off") for n in (0, 1, 3, 6, 12)}
exceeded = ui.url_selectbox(c[2], ui.tr("of.f.exceeded"), "of_exc", "of_exc", exc_labels, exc_labels, 0)
color_labels = {v: ui.tr(f"of.color.{v}") for v in ("category", "status")}
color_by = ui.url_radio(c[3], ui.tr("map.color_by"), "of_color", "of_color", color_labels, color_labels, "category")

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
capped = st.container()
labels = dict(zip(inv["outfall_id"], inv["outfall_id"] + " · " + inv["name_zh"]))
pick = ui.url_selectbox(  # a file, e.g. from tracing; at most PICKER_MAX offered, the clicked one kept
    st,
    ui.tr("of.pick"),
    "outfall",
    "of_pick",
    lambda asked: fs.picker_ids(inv, asked),
    labels,
    None,
    parse=lambda v: v if len(v) <= 80 else None,
)
if (n := len(fs.picker_ids(inv, pick))) < len(inv):
    capped.caption(ui.tr("of.pick_capped", n=n, total=len(inv)))
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
