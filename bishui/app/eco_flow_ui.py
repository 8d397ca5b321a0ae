"""The flow chart under the sections page's concentration trends (issue 18 item 3): Streamlit glue
only, the figure is bishui.views.eco_flow.flow_figure."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from bishui.views import eco_flow
from bishui.db import store
from bishui.app import ui


def flow_under_trends(section_ids: list[str], start: dt.date, end: dt.date, names: dict[str, str]) -> None:
    """Daily flow beside the concentrations of the chosen sections, with their minimum ecological
    flow; nothing when none of them has flow data in the period (most sections have none)."""
    daily = store.query("section_flow_daily", section_ids=list(section_ids), start=start, end=end)
    if daily.empty or daily["flow_m3_s"].isna().all():
        return
    st.plotly_chart(eco_flow.flow_figure(daily, names, ui.lang()), width="stretch", key="sec_flow")
