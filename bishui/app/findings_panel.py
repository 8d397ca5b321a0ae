"""The findings part of the 溯源 page and of the outfall's file (pages stay layout only): the standing
findings of a miss with undo, the form to record or revise one (editors only: the Data page's gate,
bishui.app.data_page), and an outfall's findings history. Writes: bishui.db.tracing_findings."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import streamlit as st

from bishui.app import data_page as dp, ui
from bishui import i18n, safe_text
from bishui.db import store, tracing_findings as tf

FLASH = "trc_fnd_flash"  # (key, fmt) shown after the rerun that follows a write


def _record(section_id: str, month: dt.date, parameter: str | None, who: str | None, lang: str) -> None:
    """on_click of the record button: runs before the script (no ui.tr here: i18n.t with lang)."""
    choice = st.session_state.get("trc_fnd_candidate") or ""
    kind, _, cid = choice.partition("|")
    user = dp.actor(who, None if who is not None else st.session_state.get("trc_fnd_user"))
    try:
        fid = tf.record(
            section_id,
            month,
            kind,
            cid,
            st.session_state.get("trc_fnd_confidence") or "",
            st.session_state.get("trc_fnd_note"),
            user,
            parameter=parameter,
        )
    except tf.FindingError as exc:
        st.session_state[FLASH] = ("error", i18n.t("fnd.failed", lang, message=safe_text.md(str(exc))))
        return
    st.session_state["trc_fnd_note"] = ""
    st.session_state[FLASH] = ("success", i18n.t("fnd.done", lang, id=fid))


def _undo(finding_id: int, who: str | None, lang: str) -> None:
    user = dp.actor(who, None if who is not None else st.session_state.get("trc_fnd_user"))
    try:
        tf.undo(finding_id, user)
    except tf.FindingError as exc:
        st.session_state[FLASH] = ("error", i18n.t("fnd.failed", lang, message=safe_text.md(str(exc))))
        return
    st.session_state[FLASH] = ("success", i18n.t("fnd.undone", lang, id=finding_id))


def _findings(name: str, **params) -> pd.DataFrame | None:
    """A findings query, or None (with the rebuild hint) on a warehouse built before findings existed."""
    try:
        return store.query(name, **params)
    except duckdb.CatalogException:
        st.caption(ui.tr("app.stale_schema"))
        return None


def candidate_labels(cands: pd.DataFrame, lang: str) -> dict[str, str]:
    """'kind|id' -> 'rank. Kind: name (id)' for the candidates (first row of each kind and id)."""
    out: dict[str, str] = {}
    for r in cands.itertuples(index=False):
        key = f"{r.kind}|{r.id}"
        if key not in out:
            out[key] = f"{r.rank}. {i18n.t(f'trc.kind.{r.kind}', lang)}: {r.name} ({r.id})"
    return out


def finding_line(r, lang: str) -> str:
    """One standing finding as markdown (every value from the warehouse escaped)."""
    name = r["candidate_name_zh"] if isinstance(r["candidate_name_zh"], str) else ""
    note = r["note"] if isinstance(r["note"], str) and r["note"] else i18n.t("fnd.no_note", lang)
    revised = i18n.t("fnd.revised", lang, n=int(r["n_records"])) if int(r["n_records"]) > 1 else ""
    return i18n.t(
        "fnd.line",
        lang,
        kind=i18n.t(f"trc.kind.{r['candidate_kind']}", lang),
        name=safe_text.md(name),
        id=safe_text.md(str(r["candidate_id"])),
        confidence=i18n.t(f"fnd.conf.{r['confidence']}", lang),
        note=safe_text.md(note),
        by=safe_text.md(str(r["recorded_by"]).split(" · client ")[0]),
        at=pd.Timestamp(r["recorded_at"]).strftime("%Y-%m-%d %H:%M"),
        revised=revised,
    )


def miss_panel(section_id: str, month: dt.date, parameter: str | None, cands: pd.DataFrame) -> None:
    """The findings of one miss: the standing ones (undo for editors), then the form (editors only)."""
    lang = ui.lang()
    st.subheader(ui.tr("fnd.head"))
    st.caption(ui.tr("fnd.caption"))
    flash = st.session_state.pop(FLASH, None)
    if flash:
        getattr(st, flash[0])(flash[1])
    gate = dp.read_gate()
    editor, who = dp.editor_status(gate)
    current = _findings(
        "trace_findings_current", section_id=section_id, month=month, candidate_kind=None, candidate_id=None
    )
    if current is None:
        return
    if current.empty:
        st.caption(ui.tr("fnd.none"))
    for r in current.to_dict("records"):
        c1, c2 = st.columns([6, 1], vertical_alignment="center")
        c1.markdown(finding_line(r, lang))
        if editor:
            c2.button(
                ui.tr("fnd.undo"),
                key=f"trc_fnd_undo_{int(r['finding_id'])}",
                icon=":material/undo:",
                help=ui.tr("fnd.undo_help"),
                on_click=_undo,
                args=(int(r["finding_id"]), who, lang),
            )
    if not editor:
        st.info(ui.tr("fnd.viewer"), icon=":material/lock:")
        dp.gate_panel(gate, editor, who)
        return
    dp.gate_panel(gate, editor, who)
    if cands.empty:
        return
    labels = candidate_labels(cands, lang)
    conf = {c: ui.tr(f"fnd.conf.{c}") for c in tf.CONFIDENCE}
    ui.track("trc_fnd_candidate", "trc_fnd_confidence")
    if st.session_state.get("trc_fnd_candidate") not in labels:
        st.session_state["trc_fnd_candidate"] = next(iter(labels))
    c1, c2 = st.columns([3, 2])
    c1.selectbox(ui.tr("fnd.candidate"), list(labels), key="trc_fnd_candidate", format_func=ui.fmt(labels))
    c2.radio(ui.tr("fnd.confidence"), list(conf), key="trc_fnd_confidence", format_func=ui.fmt(conf), horizontal=True)
    st.text_area(ui.tr("fnd.note"), key="trc_fnd_note", max_chars=tf.NOTE_MAX, help=ui.tr("fnd.note_help"), height=80)
    if who is None:
        st.columns([2, 3])[0].text_input(ui.tr("fnd.user"), key="trc_fnd_user", max_chars=60)
    st.caption(ui.tr("fnd.revise_hint"))
    st.button(
        ui.tr("fnd.submit"),
        key="trc_fnd_submit",
        type="primary",
        icon=":material/fact_check:",
        on_click=_record,
        args=(section_id, month, parameter, who, lang),
    )


def history_view(hist: pd.DataFrame, sections: dict[str, str], params: dict[str, str], lang: str) -> pd.DataFrame:
    """An outfall's findings history as shown on its file (newest first), words for codes."""

    def state(r) -> str:
        if r["action"] == "undo":
            return i18n.t("fnd.state.undo", lang)
        if r["is_undone"]:
            return i18n.t("fnd.state.undone", lang)
        return i18n.t("fnd.state.standing" if r["is_standing"] else "fnd.state.superseded", lang)

    rows = hist.to_dict("records")
    out = pd.DataFrame(
        {
            "finding_id": [int(r["finding_id"]) for r in rows],
            "state": [state(r) for r in rows],
            "action": [i18n.t(f"fnd.action.{r['action']}", lang) for r in rows],
            "section": [sections.get(r["section_id"], r["section_id"]) for r in rows],
            "month": [pd.Timestamp(r["month"]).strftime("%Y-%m") for r in rows],
            "parameter": [params.get(r["parameter"], r["parameter"] or "") for r in rows],
            "confidence": [
                i18n.t(f"fnd.conf.{r['confidence']}", lang) if isinstance(r["confidence"], str) else "" for r in rows
            ],
            "note": [r["note"] if isinstance(r["note"], str) else "" for r in rows],
            "recorded_by": [str(r["recorded_by"]).split(" · client ")[0] for r in rows],
            "recorded_at": [pd.Timestamp(r["recorded_at"]).strftime("%Y-%m-%d %H:%M") for r in rows],
        }
    )
    return out.rename(columns={c: i18n.t(f"fnd.col.{c}", lang) for c in out.columns})


def outfall_findings(outfall_id: str, row: pd.Series | None = None) -> None:
    """The findings section of an outfall's file (一口一档): the standing findings in words, the stage
    the ledger now records (row: the outfall's outfall_inventory row, whose status is as at the month
    shown), and every record (revisions, undos) in an expander."""
    lang = ui.lang()
    st.subheader(ui.tr("fnd.file_head"))
    hist = _findings("trace_findings_history", candidate_kind="outfall", candidate_id=outfall_id)
    if hist is None:
        return
    if hist.empty:
        st.caption(ui.tr("fnd.file_none"))
        return
    current = store.query(
        "trace_findings_current", section_id=None, month=None, candidate_kind="outfall", candidate_id=outfall_id
    )
    secs = store.query("sections_list", town_id=None)
    names = dict(zip(secs["section_id"], secs[ui.name_col()]))
    for r in current.to_dict("records"):
        st.markdown(
            finding_line(r, lang)
            + " · "
            + safe_text.md(f"{names.get(r['section_id'], r['section_id'])} {pd.Timestamp(r['month']):%Y-%m}")
        )
    if len(current) and row is not None and row.get("recorded_status") is not None:
        on = pd.Timestamp(row["traced_on"]).strftime("%Y-%m-%d") if pd.notna(row.get("traced_on")) else "—"
        st.caption(ui.tr("fnd.file_stage", stage=i18n.code_label("of_status", row["recorded_status"], lang), on=on))
    params = store.query("parameters_list")
    with st.expander(ui.tr("fnd.history")):
        st.dataframe(
            history_view(hist, names, dict(zip(params["code"], params[ui.name_col()])), lang),
            hide_index=True,
            width="stretch",
        )
