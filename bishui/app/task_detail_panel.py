"""The task detail under the responsibility matrix (targets page, tasks tab): a task picked by a click
on a row of the table or in a select box (URL parameter `task`), with its evidence from data and its
latest update in full (bishui.views.task_detail builds the text)."""

from __future__ import annotations

from typing import Sequence

import pandas as pd
import streamlit as st

from bishui.views import task_detail
from bishui.app import ui

KEY = "tg_task"
_ROWS = "_tg_task_rows"  # the table's selection last seen: a new click picks its row's task


def show(raw: pd.DataFrame, shown: pd.DataFrame, selected_rows: Sequence[int], lang: str) -> None:
    """raw: task_matrix.sql with meetings' action items; shown: plan_views.task_matrix_table(raw)
    (same rows, internal column names); selected_rows: the table's selection (row positions)."""
    ids = task_detail.task_ids(raw)
    default = task_detail.default_task(raw)
    if not ids or default is None:
        return
    labels = {i: f"{i} · {t}" for i, t in zip(ids, shown["tk_task"])}
    rows = tuple(int(r) for r in selected_rows if 0 <= int(r) < len(ids))
    if rows != st.session_state.get(_ROWS):  # a click on a row picks its task (before the URL's)
        st.session_state[_ROWS] = rows
        if rows:
            st.session_state[KEY] = ids[rows[0]]
    # a task a filter left out falls back to the default
    pick = ui.url_selectbox(
        st, ui.tr("tg.task_pick"), "task", KEY, ids, labels, default, help=ui.tr("tg.task_pick_help")
    )
    at = ids.index(pick)
    status = raw["data_status"].iloc[at] if "data_status" in raw else None
    with st.container(border=True):
        for line in task_detail.detail_lines(shown.iloc[at], status if isinstance(status, str) else None, lang):
            st.markdown(line)
