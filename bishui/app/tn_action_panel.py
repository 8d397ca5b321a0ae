"""The TN tab of the 趋势分析 page (plan task 12), so the page stays layout only: each section's TN this
year so far against the same months last year (high and rebounding sections first), the monthly series,
and the problem list with its downloads."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from bishui.db import store
from bishui.views import tn_action
from bishui.app import ui


def render(month: dt.date, town: str | None, lang: str) -> None:
    now = ui.now()
    years = store.query("tn_section_years", now=now, town_id=town)
    years = years[years["year"] <= month.year]
    if years.empty:
        st.info(ui.tr("tn.none"))
        return
    options = sorted({int(y) for y in years["year"]}, reverse=True)
    year = ui.url_selectbox(st, ui.tr("tn.year"), "tn_year", "trd_tn_year", options, {}, options[0])
    this = years[years["year"] == year]
    cfg = this.iloc[0]
    st.caption(ui.tr("tn.rule", high=f"{cfg['high_mg_l']:g}", pct=f"{cfg['rebound_pct']:g}"))
    c = st.columns(3)
    c[0].metric(ui.tr("tn.m.rebounding"), int(this["is_rebounding"].sum()), border=True)
    c[1].metric(ui.tr("tn.m.high"), int(this["is_high"].sum()), border=True)
    problems = store.query("tn_problems_list", now=now, town_id=town)
    c[2].metric(ui.tr("tn.m.overdue"), int(problems["is_overdue"].sum()) if len(problems) else 0, border=True)

    st.subheader(ui.tr("tn.h.years", year=year))
    shown = ui.localise_columns(tn_action.years_table(this, lang))
    st.dataframe(shown, hide_index=True, width="stretch")
    ui.download_buttons(shown, "tn_sections", year, town, key="trd_tn_years_dl")

    st.subheader(ui.tr("tn.h.monthly"))
    monthly = store.query(
        "tn_monthly", start=dt.date(year - 1, 1, 1), end=min(month, dt.date(year, 12, 1)), town_id=town
    )
    flagged = this.loc[this["is_rebounding"] | this["is_high"], "section_id"].tolist()
    st.plotly_chart(
        tn_action.monthly_figure(monthly, flagged, lang, float(cfg["high_mg_l"])), width="stretch", key="trd_tn_fig"
    )

    st.subheader(ui.tr("tn.h.problems"))
    if problems.empty:
        st.info(ui.tr("tn.no_problems"))
    else:
        shown = ui.localise_columns(tn_action.problems_table(problems, lang))
        st.dataframe(shown, hide_index=True, width="stretch")
        ui.download_buttons(shown, "tn_problems", now, town, key="trd_tn_problems_dl")
    st.caption(ui.tr("tn.note"))
