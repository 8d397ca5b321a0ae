"""周报 Weekly: the automatic stations' weekly means, class and change against the week before, and
the stations gone silent (the provincial weekly-report form, reference 2.10; issue 12 item 5)."""

import datetime as dt

import streamlit as st

from bishui import config
from bishui.db import store
from bishui.app import ui
from bishui.views import weekly

lang = ui.lang()
now = ui.now_at()
hours = config.silent_hours()
options = [w.isoformat() for w in weekly.week_options(now, store.query("weekly_weeks")["week_start"])]
labels = {w: weekly.week_label(dt.date.fromisoformat(w), now, lang) for w in options}
default = weekly.last_complete_week(now).isoformat()


def _parse_week(text: str) -> str | None:
    day = ui.parse_date(text)
    week = weekly.monday(day).isoformat() if day else None
    return week if week in options else None


head = st.container()  # the title names the week picked below it
picked = ui.url_selectbox(
    st,
    ui.tr("wk.pick_week"),
    "week",
    "wk_week",
    options,
    labels,
    default,
    url_label=ui.tr("wk.url_week"),
    parse=_parse_week,
)
week = dt.date.fromisoformat(picked)
head.title(ui.tr("wk.title", week=labels[picked]))

data = store.query("weekly_auto", week_start=week, now_at=now, silent_hours=hours, town_id=ui.town_id())
if data.empty:
    st.info(ui.tr("wk.no_stations"))
    st.stop()
cmp = weekly.compare(data, week)
n_silent = int(cmp["is_silent"].sum())
if n_silent:
    st.warning(
        ui.tr("wk.silent_note", n=n_silent, hours=hours, now=now.strftime("%Y-%m-%d %H:%M")),
        icon=":material/signal_disconnected:",
    )
if cmp["water_class"].isna().all():
    st.info(ui.tr("wk.no_data"))
shown = ui.localise_columns(weekly.table(cmp, now, lang, ui.class_text))
st.dataframe(shown, hide_index=True, width="stretch")
st.caption(ui.tr("wk.caption"))
ui.download_buttons(shown, "weekly", week, ui.town_id(), key="weekly")
