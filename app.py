"""Bishui (碧水): the frame. Page config, navigation over pages/, the shared sidebar (reporting month,
township, language, presentation mode), the URL state and the sample banner."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from bishui.rules import completeness
from bishui import config, i18n
from bishui.db import store, warehouse
from bishui.app import ui

ROOT = Path(__file__).resolve().parent

# (url path, file, title key, icon, group key); a page appears once its file exists.
PAGES = [
    ("overview", "pages/overview.py", "nav.overview", ":material/dashboard:", "nav.group.overview"),
    ("sections", "pages/sections.py", "nav.sections", ":material/water:", "nav.group.water"),
    ("trends", "pages/trends.py", "nav.trends", ":material/trending_down:", "nav.group.water"),
    ("tracing", "pages/tracing.py", "nav.tracing", ":material/troubleshoot:", "nav.group.water"),
    ("weekly", "pages/weekly.py", "nav.weekly", ":material/date_range:", "nav.group.water"),
    ("eco_flow", "pages/eco_flow.py", "nav.eco_flow", ":material/waves:", "nav.group.water"),
    ("drinking_water", "pages/drinking_water.py", "nav.drinking_water", ":material/water_drop:", "nav.group.water"),
    ("outfalls", "pages/outfalls.py", "nav.outfalls", ":material/output:", "nav.group.sources"),
    ("pipes", "pages/pipes.py", "nav.pipes", ":material/plumbing:", "nav.group.sources"),
    ("plants", "pages/plants.py", "nav.plants", ":material/factory:", "nav.group.sources"),
    ("medical", "pages/medical.py", "nav.medical", ":material/local_hospital:", "nav.group.sources"),
    ("enforcement", "pages/enforcement.py", "nav.enforcement", ":material/gavel:", "nav.group.sources"),
    ("targets", "pages/targets.py", "nav.targets", ":material/flag:", "nav.group.targets"),
    ("water_bodies", "pages/water_bodies.py", "nav.water_bodies", ":material/warning:", "nav.group.targets"),
    ("compensation", "pages/compensation.py", "nav.compensation", ":material/payments:", "nav.group.targets"),
    ("flood_season", "pages/flood_season.py", "nav.flood_season", ":material/flood:", "nav.group.targets"),
    ("data", "pages/data.py", "nav.data", ":material/database:", "nav.group.data"),
]
ui.frame_begin()
st.set_page_config(page_title="碧水 Bishui", page_icon="💧", layout="wide")

if not config.db_path().exists() and store.real_data_marker(config.db_path()).exists():
    # real data was imported here and the file is gone: say so, never serve the sample in its place
    code = lambda p: "`" + str(p).replace("`", "'") + "`"  # noqa: E731 - a path shown literally
    where = {"path": code(config.db_path()), "marker": code(store.real_data_marker(config.db_path()))}
    # no sidebar (no language switch) on this stop page: both languages, zh first
    st.error(
        "\n\n---\n\n".join(i18n.t("app.warehouse_missing", lg, **where) for lg in i18n.LANGS), icon=":material/error:"
    )
    ui.frame_end()
    st.stop()
elif not config.db_path().exists():
    bar = st.progress(0.0, text=ui.tr("app.building"))
    warehouse.ensure_warehouse(
        progress=lambda f, step: bar.progress(min(f, 1.0), text=ui.tr("app.build_step", step=step))
    )
    bar.empty()
    st.toast(ui.tr("app.build_done"))
elif warehouse.stale_sample(config.db_path()) or warehouse.stale_evaluation(config.db_path()):
    with st.spinner(ui.tr("app.reevaluating")):  # made by an older Bishui: rebuilt or re-evaluated
        warehouse.ensure_warehouse()

months = list(store.query("months_available")["month"])
month_status = completeness.month_status(store.query("month_completeness", now=ui.now()))
ui.remember_month_status(month_status)
towns = store.query("towns")
ui.init_shared_state(months, list(towns["town_id"]), default=completeness.default_month(months, month_status))

groups: dict[str, list] = {}
for url_path, file, title_key, icon, group_key in PAGES:
    if (ROOT / file).exists():
        page = st.Page(file, title=ui.tr(title_key), icon=icon, url_path=url_path, default=url_path == "overview")
        groups.setdefault(ui.tr(group_key), []).append(page)
nav = st.navigation(groups, position="hidden" if ui.presenting() else "sidebar", expanded=True)  # every page listed
ui.begin_page_params(nav.url_path)
ui.history_script()

with st.sidebar:
    st.markdown(f"### :material/water_drop: {ui.tr('app.title')}")
    st.radio(
        ui.tr("sidebar.lang"),
        ["zh", "en"],
        key=ui.LANG_KEY,
        horizontal=True,
        on_change=ui.relabel,
        format_func=lambda v: "中文" if v == "zh" else "English",
    )
    # format functions get their labels bound now (they may be called outside this script run)
    month_options = [m.strftime("%Y-%m") for m in months]
    month_labels = {
        v: completeness.month_label(m, month_status.get(pd.Timestamp(m).date()), ui.lang())
        for m, v in zip(months, month_options)
    }
    st.selectbox(ui.tr("sidebar.month"), month_options, key=ui.MONTH_KEY, format_func=ui.fmt(month_labels))
    town_labels = {ui.ALL_TOWNS: ui.tr("sidebar.town_all"), **dict(zip(towns["town_id"], towns[ui.name_col()]))}
    st.selectbox(ui.tr("sidebar.town"), list(town_labels), key=ui.TOWN_KEY, format_func=ui.fmt(town_labels))
    st.toggle(ui.tr("sidebar.present"), key=ui.PRESENT_KEY)
    if months:
        st.caption(ui.tr("sidebar.data_as_of", month=month_options[0]))
    ui.warehouse_as_of_caption()

if ui.presenting():
    ui.apply_presentation_css()
    st.button(
        ui.tr("sidebar.present_exit"),
        key="present_exit",
        type="tertiary",
        on_click=lambda: st.session_state.update({ui.PRESENT_KEY: False}),
    )

ui.sample_banner()
if warehouse.stale_schema():
    st.warning(ui.tr("app.stale_schema"), icon=":material/update:")
try:
    nav.run()
    ui.sync_url()  # a page that calls st.stop() writes its URL first (ui.stop_after_sync)
except Exception:  # st.rerun, st.stop and st.switch_page raise BaseException subclasses: they pass
    ui.page_error()
finally:
    ui.frame_end()
