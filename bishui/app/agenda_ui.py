"""The run-through's layout (bishui.reports.agenda holds the screens' figures): the navigation (previous, "n / N",
next; fixed in the top right corner so it takes no height from the screen), the arrow keys, the screen's
address (?present=1&screen=...) and the screens other than the overview as wrapping HTML tables."""

from __future__ import annotations

import datetime as dt
import logging

import streamlit as st

from bishui.reports import agenda, briefing
from bishui.views import present
from bishui import safe_text
from bishui.app import ui

log = logging.getLogger("bishui.app")

_NAV_CSS = """<style>
[data-testid="stLayoutWrapper"]:has(> .st-key-agenda_nav) {position: fixed !important; top: 4px; right: 20px;
  z-index: 999990; width: auto !important; background: rgba(255, 255, 255, 0.92); border-radius: 6px; padding: 0 4px;}
[data-testid="stMainBlockContainer"] {padding-top: 2.6rem !important;}
.st-key-present_exit {position: fixed !important; top: 4px; left: 20px; z-index: 999990; width: auto !important;}
.st-key-agenda_nav p {font-size: 18px !important; white-space: nowrap;}
[data-testid="stLayoutWrapper"]:has(> .st-key-bishui_agenda_keys), .st-key-bishui_agenda_keys {display: none !important;}
</style>"""

# The arrow keys (and PageUp / PageDown, what presentation clickers send) press the previous / next
# button. A fixed script with no data in it, installed once per browser tab; keys typed into a field
# are left alone.
_KEYS_JS = """<script>
(function () {
  if (window.__bishuiAgendaKeys) { return; }
  window.__bishuiAgendaKeys = true;
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) { return; }
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) { return; }
    var which = {ArrowRight: 'next', PageDown: 'next', ArrowLeft: 'prev', PageUp: 'prev'}[e.key];
    if (!which) { return; }
    var button = document.querySelector('.st-key-agenda_' + which + ' button');
    if (!button || button.disabled) { return; }
    e.preventDefault();
    button.click();
  });
})();
</script>"""


def _go(screens: list[str], delta: int) -> None:
    st.session_state[agenda.SCREEN_KEY] = agenda.step(screens, st.session_state.get(agenda.SCREEN_KEY), delta)


def begin() -> str:
    """In presentation mode on the overview: the agenda's current screen (from the URL on arrival), the
    navigation and the keys. Returns the screen id."""
    screens, unknown = agenda.agenda()
    if unknown and not st.session_state.get("_agenda_noticed"):
        st.session_state["_agenda_noticed"] = True
        log.warning("BISHUI_AGENDA: unknown screens ignored: %s", ", ".join(unknown))
        st.toast(
            ui.tr("ag.unknown", ids=safe_text.md(", ".join(unknown)), known=", ".join(agenda.SCREENS)),
            icon=":material/warning:",
        )
    current = ui.url_state("screen", agenda.SCREEN_KEY, screens, screens[0], ui.tr("ag.screen"))
    i = screens.index(current)
    st.html(_NAV_CSS)
    with st.container(key="agenda_nav", horizontal=True, vertical_alignment="center", width="content"):
        st.button(
            ui.tr("ag.prev"),
            key="agenda_prev",
            icon=":material/chevron_left:",
            type="tertiary",
            disabled=i == 0,
            on_click=_go,
            args=(screens, -1),
            help=ui.tr("ag.keys_help"),
        )
        st.markdown(ui.tr("ag.position", n=i + 1, total=len(screens), title=ui.tr(f"ag.screen.{current}")))
        st.button(
            ui.tr("ag.next"),
            key="agenda_next",
            icon=":material/chevron_right:",
            type="tertiary",
            disabled=i == len(screens) - 1,
            on_click=_go,
            args=(screens, 1),
            help=ui.tr("ag.keys_help"),
        )
    with st.container(key="bishui_agenda_keys"):
        st.html(_KEYS_JS, unsafe_allow_javascript=True)
    return current


def _part(part: agenda.Part) -> None:
    if part.heading:
        st.markdown(f"#### {safe_text.md(part.heading)}")
    if part.frame.empty:
        st.info(part.empty)
        return
    st.html(present.html_table(part.frame, titles=part.titles, nowrap=part.nowrap))
    if part.more:
        st.caption(ui.tr("ag.more", n=part.more))


def show(screen: str, month: dt.date, town: str | None, town_label: str) -> None:
    """A screen other than the overview: title (screen, month, area), its line, its parts."""
    b = briefing.Briefing(month, ui.lang(), town, today=ui.now())
    st.title(
        ui.tr(
            "ag.title", screen=ui.tr(f"ag.screen.{screen}"), month=ui.month_label(month), town=safe_text.md(town_label)
        )
    )
    line, parts = agenda.rows(screen, b)
    if line:
        st.markdown(safe_text.md(line))
    if screen == "since" and len(parts) > 1:  # two columns: the parts side by side fit one screen
        half = (len(parts) + 1) // 2
        with st.container(key="agenda_cols"):
            left, right = st.columns(2, gap="large")
            for col, chunk in ((left, parts[:half]), (right, parts[half:])):
                with col:
                    for part in chunk:
                        _part(part)
        return
    with st.container(key="agenda_main"):
        for part in parts:
            _part(part)
