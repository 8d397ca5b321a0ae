"""黑臭水体 Black-odorous water bodies: the ledger as at the end of the sidebar month (status from
found to closed out 销号), the latest grading by the 2015 guide, and the open count against the
dynamic-zero target."""

import datetime as dt

import pandas as pd
import streamlit as st

from bishui.rules import black_odorous
from bishui.views import figures_plan, plan_views as pv
from bishui import safe_text
from bishui.db import store
from bishui.app import ui

WINDOW_DAYS = black_odorous.ROUND_DAYS
lang, town, month = ui.lang(), ui.town_id(), ui.month()
st.title(ui.tr("wb.title"))
as_of = pv.month_end(month or dt.date.today().replace(day=1))
bodies = store.query("black_odorous_bodies", as_of=as_of, window_days=WINDOW_DAYS, town_id=town)
st.caption(ui.tr("wb.as_of", date=as_of.isoformat()))
if bodies.empty:
    st.info(ui.tr("wb.empty.no_bodies", date=as_of.isoformat()))
    st.stop()

open_b = bodies[bodies["is_open"]]
m1, m2, m3, m4 = st.columns(4)
n_urban = int((open_b["kind"] == "urban").sum())
m1.metric(
    ui.tr("wb.card.open_urban"),
    n_urban,
    delta=ui.tr("wb.card.target_zero"),
    border=True,
    delta_color="inverse" if n_urban else "normal",
    delta_arrow="off",
    help=ui.tr("wb.card.open_help"),
)
m2.metric(ui.tr("wb.card.open_rural"), int((open_b["kind"] == "rural").sum()), border=True)
m3.metric(ui.tr("wb.card.heavy"), int((bodies["grade"] == 3).sum()), border=True, help=ui.tr("wb.card.grade_help"))
m4.metric(ui.tr("wb.card.light"), int((bodies["grade"] == 2).sum()), border=True, help=ui.tr("wb.card.grade_help"))

history = store.query(
    "black_odorous_open_monthly", start=(pd.Timestamp(as_of) - pd.DateOffset(months=35)).date(), end=as_of, town_id=town
)
st.plotly_chart(figures_plan.black_odorous_open(history, lang), width="stretch", key="wb_open")

st.subheader(ui.tr("wb.ledger"))
kinds, statuses = ["urban", "rural"], ["found", "rectifying", "cleared", "closed"]
c1, c2 = st.columns(2)
kind_labels = {k: ui.tr(f"wb.kind.{k}") for k in kinds}
pick_kind = ui.url_multiselect(c1, ui.tr("wb.filter_kind"), "kind", "wb_kind", kinds, kind_labels, kinds)
status_labels = {s: ui.tr(f"wb.status.{s}") for s in statuses}
pick_status = ui.url_multiselect(
    c2, ui.tr("wb.filter_status"), "status", "wb_status", statuses, status_labels, statuses
)
ledger = bodies[bodies["kind"].isin(pick_kind) & bodies["status"].isin(pick_status)]
if ledger.empty:
    st.info(ui.tr("empty.no_rows"))
else:
    shown = ui.localise_columns(pv.bodies_table(ledger, lang))
    st.dataframe(
        pv.styled(shown, pv.col_label("wb_grade", lang), pv.grade_cell_style(lang)),
        hide_index=True,
        width="stretch",
        height="content",
    )
    ui.download_buttons(shown, "black_odorous", as_of, town, *pick_kind, *pick_status, key="wb_ledger")
st.caption(ui.tr("wb.rules", days=WINDOW_DAYS))

st.subheader(ui.tr("wb.round"))
names = dict(zip(bodies["body_id"], bodies[ui.name_col()]))
body = ui.url_selectbox(st, ui.tr("wb.pick"), "body", "wb_body", list(names), names, next(iter(names)))
readings = store.query("black_odorous_readings", as_of=as_of, window_days=WINDOW_DAYS, town_id=town)
readings = readings[readings["body_id"] == body]
if readings.empty:
    st.info(ui.tr("wb.empty.no_round", name=safe_text.md(names[body]), date=as_of.isoformat()))
else:
    row = bodies.set_index("body_id").loc[body]
    st.markdown(
        ui.tr(
            "wb.round_summary",
            start=pv.fmt_date(row["round_started_on"]),
            end=pv.fmt_date(row["last_inspected_on"]),
            n=int(row["n_points"]),
            heavy=int(row["n_heavy_points"]),
            run=int(row["max_heavy_run"]),
            grade=pv.grade_text(row["grade"], lang),
        )
    )
    shown = ui.localise_columns(pv.readings_table(readings, lang))
    st.dataframe(shown, hide_index=True, width="stretch")
    ui.download_buttons(shown, "black_odorous_round", body, as_of, key="wb_round")
