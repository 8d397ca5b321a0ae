"""The meeting record on the targets page's "since the last meeting" tab (pages stay layout only):
the last meeting's decisions and action items, and the form to record a meeting (editors only: the
Data page's gate and actor, bishui.app.data_page). Writes: bishui.db.meetings."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from bishui.app import data_page as dp, ui
from bishui import i18n, safe_text
from bishui.db import meetings

FLASH = "tg_mt_flash"


def _record(who: str | None, lang: str) -> None:
    """on_click of the record button: runs before the script (no ui.tr here: i18n.t with lang)."""
    s = st.session_state
    user = dp.actor(who, None if who is not None else s.get("tg_mt_user"))
    try:
        acts = meetings.parse_actions(s.get("tg_mt_actions"))
        mid = meetings.record(s.get("tg_mt_date"), s.get("tg_mt_attendees") or "", s.get("tg_mt_decisions"), acts, user)
    except meetings.MeetingError as exc:
        s[FLASH] = ("error", i18n.t("mt.failed", lang, message=safe_text.md(str(exc))))
        return
    for key in ("tg_mt_attendees", "tg_mt_decisions", "tg_mt_actions"):
        s[key] = ""
    s[FLASH] = ("success", i18n.t("mt.done", lang, id=mid, n=len(acts)))


def last_meeting_block(last: pd.Series | None, start: dt.date, date: dt.date) -> None:
    """The window's line: since the last recorded meeting (its attendees and decisions) or the week."""
    if last is None:
        st.markdown(ui.tr("mt.window_week", start=(start + dt.timedelta(days=1)).isoformat(), end=date.isoformat()))
        return
    st.markdown(
        ui.tr(
            "mt.window_meeting", held=start.isoformat(), end=date.isoformat(), attendees=safe_text.md(last["attendees"])
        )
    )
    decisions = meetings.decisions_list(last)
    if decisions:
        st.markdown(ui.tr("mt.decisions_head") + "\n" + "\n".join(f"1. {safe_text.md(d)}" for d in decisions))


def form(date: dt.date) -> None:
    """Record a meeting: the editor gate first (as on the Data page), then the form."""
    lang = ui.lang()
    flash = st.session_state.pop(FLASH, None)
    if flash:
        getattr(st, flash[0])(flash[1])
    with st.expander(ui.tr("mt.form_head"), icon=":material/edit_note:"):
        gate = dp.read_gate()
        editor, who = dp.editor_status(gate)
        if not editor:
            st.info(ui.tr("mt.viewer"), icon=":material/lock:")
            dp.gate_panel(gate, editor, who)
            return
        dp.gate_panel(gate, editor, who)
        if "tg_mt_date" not in st.session_state:
            st.session_state["tg_mt_date"] = date
        st.date_input(ui.tr("mt.date"), key="tg_mt_date")
        st.text_input(ui.tr("mt.attendees"), key="tg_mt_attendees", max_chars=meetings.TEXT_MAX)
        st.text_area(
            ui.tr("mt.decisions"),
            key="tg_mt_decisions",
            max_chars=meetings.TEXT_MAX,
            height=100,
            help=ui.tr("mt.decisions_help"),
        )
        st.text_area(
            ui.tr("mt.actions"),
            key="tg_mt_actions",
            height=100,
            help=ui.tr("mt.actions_help"),
            placeholder=ui.tr("mt.actions_placeholder"),
        )
        if who is None:
            st.columns([2, 3])[0].text_input(ui.tr("fnd.user"), key="tg_mt_user", max_chars=60)
        st.button(
            ui.tr("mt.submit"),
            key="tg_mt_submit",
            type="primary",
            icon=":material/save:",
            on_click=_record,
            args=(who, lang),
        )
