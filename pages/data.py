"""数据 Data: import CSV/Excel files (checked, previewed, then an explicit confirm), the history of import
batches with undo, and downloads of every table and of the import templates.

When an editor password or an OIDC login is configured in Streamlit secrets, only editors see the upload
and undo; everyone can download. Helpers live in bishui/app/data_page.py; the import is bishui.ingest."""

import math

import streamlit as st

from bishui.app import data_page as dp
from bishui import ingest, safe_text
from bishui.app import ui

lang = ui.lang()
st.title(ui.tr("data.title"))
gate = dp.read_gate()
editor, who = dp.editor_status(gate)
kind_names = {k: dp.kind_label(k) for k in [dp.AUTO, *dp.KINDS]}  # bound now: format functions may run later
ui.track("data_kind", "data_dl_kind")  # relabelled when the language changes
tab_import, tab_history, tab_download = st.tabs(
    [ui.tr("data.tab.import"), ui.tr("data.tab.history"), ui.tr("data.tab.download")]
)

with tab_import:
    dp.gate_panel(gate, editor, who)
    if editor:
        dp.show_last_result()
        cap = dp.cap_mb()
        c1, c2 = st.columns([3, 2])
        with c1:
            upload = st.file_uploader(
                ui.tr("data.upload"),
                type=dp.UPLOAD_TYPES,
                key=dp.uploader_key(),
                max_upload_size=max(1, math.ceil(cap)),
                help=ui.tr("data.upload_help", cap=dp.cap_text(cap)),
            )
        with c2:
            kind = st.selectbox(
                ui.tr("data.kind"),
                [dp.AUTO, *dp.KINDS],
                format_func=ui.fmt(kind_names),
                key="data_kind",
                help=ui.tr("data.kind_help"),
            )
        if upload is None:
            dp.forget_plan()
            st.caption(ui.tr("data.empty_hint"))
        elif dp.too_large(upload.size, cap):
            dp.forget_plan()
            st.error(
                ui.tr(
                    "data.too_large",
                    name=safe_text.md(upload.name),
                    size=upload.size / 1024 / 1024,
                    cap=dp.cap_text(cap),
                )
            )
        else:
            plan = dp.plan_for(upload, kind)
            st.divider()
            st.subheader(ui.tr("data.report", file=safe_text.md(upload.name)))
            dp.show_report(plan)
            dp.show_confirm(plan, who)

with tab_history:
    st.caption(ui.tr("data.history_caption"))
    history = ingest.history()
    shown = dp.history_view(history, lang)
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(shown), 420),
        placeholder="",
        column_config={ui.tr("data.col.file_hash"): None},
    )  # the hash is in the download
    ui.download_buttons(shown, "import_history", key="data_history")
    if editor:
        dp.undo_panel(history, who)

with tab_download:
    counts = dp.table_counts()
    dl_labels = {k: f"{kind_names[k]} · {counts.get(k, 0):,}" for k in dp.KINDS}
    dl_kind = st.selectbox(ui.tr("data.dl.kind"), dp.KINDS, key="data_dl_kind", format_func=ui.fmt(dl_labels))
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader(ui.tr("data.dl.table", n=f"{counts.get(dl_kind, 0):,}"))
        dp.table_buttons(dl_kind, counts.get(dl_kind, 0))
        st.caption(ui.tr("data.dl.table_caption"))
    with right:
        st.subheader(ui.tr("data.dl.template"))
        dp.template_buttons(dl_kind)
        st.caption(ui.tr("data.dl.template_caption"))
