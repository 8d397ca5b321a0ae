"""The overview's "new since the last import" block (issue 12 item 7): the alerts of the latest
import batch, each linking to its page, and whether pushing them failed."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from bishui.db import alerts, store
from bishui.rules import freshness
from bishui import safe_text
from bishui.app import ui

SHOW_MAX = 8  # lines shown; the rest are counted


def show_block() -> None:
    """Nothing for a warehouse never imported into (or one without the alert tables)."""
    try:
        run = store.query("alert_runs_latest")
        rows = store.query("alerts_latest")
    except Exception:  # noqa: BLE001 - an older warehouse without the alert tables
        return
    if run.empty:
        return
    lang = ui.lang()
    r = run.iloc[0]
    at = freshness.at_text(r["run_at"])
    with st.container(border=True):
        st.markdown(f"**:material/notifications: {ui.tr('alert.block_title')}**")
        if rows.empty:
            st.caption(ui.tr("alert.none_new", batch=int(r["batch_id"]), at=at))
            return
        st.caption(ui.tr("alert.block_caption", batch=int(r["batch_id"]), at=at))
        if bool(r["is_undone"]):
            st.caption(ui.tr("alert.undone", batch=int(r["batch_id"])))
        items = alerts.lines(rows, lang)
        st.markdown("\n".join(f"- [{safe_text.md(it['text'])}]({it['link']})" for it in items[:SHOW_MAX]))
        if len(items) > SHOW_MAX:
            st.caption(ui.tr("alert.more", n=len(items) - SHOW_MAX, batch=int(r["batch_id"])))
        status = rows["push_status"].iloc[0]
        if status == "failed":
            st.warning(
                ui.tr("alert.push_failed", detail=safe_text.md(alerts.detail_text(rows["push_detail"].iloc[0], lang))),
                icon=":material/sms_failed:",
            )
        elif status == "sent" and pd.notna(rows["pushed_at"].iloc[0]):
            st.caption(ui.tr("alert.push_sent", at=freshness.at_text(rows["pushed_at"].iloc[0])))
