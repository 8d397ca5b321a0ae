"""汛期准备 Flood-season readiness (plan tasks 5 and 11): the pre-flood checklist of a year, planned vs
done before the flood season's start (a setting), items late; and the water quality of that flood
season against the dry months before it (the rebound the plan warns of, first flush flagged)."""

import datetime as dt

import streamlit as st

from bishui.views import flood_season as fs, plan_views as pv
from bishui.db import store
from bishui.app import ui

lang, town = ui.lang(), ui.town_id()
st.title(ui.tr("fs.title"))
month = ui.month() or ui.now().replace(day=1)
as_of = min(pv.month_end(month), ui.now())
years_df = store.query("flood_checklist_years")
if years_df.empty:
    st.info(ui.tr("fs.empty.checklist"))
    st.stop()
years = [int(y) for y in years_df["year"]]
default = max([y for y in years if y <= as_of.year] or [years[0]])
year = ui.url_selectbox(st, ui.tr("fs.pick_year"), "year", "fs_year", years, {}, default)
if year < as_of.year:
    as_of = dt.date(year, 12, 31)  # a past year is judged as it ended
season = years_df.set_index("year").loc[year]
st.caption(
    ui.tr(
        "fs.season",
        year=year,
        start=pv.fmt_date(season["season_start"]),
        end=pv.fmt_date(season["season_end"]),
        as_of=as_of.isoformat(),
    )
)

items = store.query("flood_checklist_status", as_of=as_of, year=year, town_id=town)
st.subheader(ui.tr("fs.checklist"))
if items.empty:
    st.info(ui.tr("fs.empty.year", year=year))
else:
    s = fs.summary(items)
    c1, c2, c3 = st.columns(3)
    c1.metric(
        ui.tr("fs.card.ready"),
        s["ready"],
        delta=ui.tr("fs.card.of", n=s["n"]),
        delta_arrow="off",
        delta_color="off",
        border=True,
    )
    c2.metric(ui.tr("fs.card.late"), s["late"], border=True)
    c3.metric(ui.tr("fs.card.pending"), s["pending"], border=True)
    shown = ui.localise_columns(fs.checklist_table(items, lang))
    st.dataframe(
        pv.styled(shown, pv.col_label("fs_status", lang), fs.status_cell_style(lang)), hide_index=True, width="stretch"
    )
    ui.download_buttons(shown, "flood_checklist", year, as_of, town, key="fs_checklist")
st.caption(ui.tr("fs.rules"))

st.subheader(ui.tr("fs.rebound"))
rebound = store.query("flood_rebound", now=as_of, year=year, town_id=town)  # as known at the date judged
if rebound.empty:
    st.info(ui.tr("fs.empty.rebound"))
else:
    table = fs.rebound_table(rebound, lang)
    n_flush, n_sections = fs.first_flush_counts(rebound)
    st.metric(ui.tr("fs.card.flush"), f"{n_flush} / {n_sections}", border=True)
    shown = ui.localise_columns(table)
    st.dataframe(shown, hide_index=True, width="stretch")
    ui.download_buttons(shown, "flood_rebound", year, town, key="fs_rebound")
st.caption(ui.tr("fs.rebound_rules"))
