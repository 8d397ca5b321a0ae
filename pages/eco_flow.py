"""生态流量与闸坝 Eco-flow and sluices (plan task 10): each section's days below its minimum ecological
flow and guarantee rate month by month (12 months to the sidebar month), where the flow data and the
no-flow records disagree, and the sluice operations log with its reasons."""

import pandas as pd
import streamlit as st

from bishui.views import eco_flow as ef, plan_views as pv
from bishui import safe_text
from bishui.db import store
from bishui.app import ui

lang, town = ui.lang(), ui.town_id()
st.title(ui.tr("ef.title"))
end_month = ui.month() or ui.now().replace(day=1)
end = pv.month_end(end_month)
start = (pd.Timestamp(end_month) - pd.DateOffset(months=11)).date()
st.caption(ui.tr("ef.window", start=start.strftime("%Y-%m"), end=end.strftime("%Y-%m")))

months = store.query("eco_flow_months", now=ui.now(), start=start, end=end, town_id=town)
if months.empty:
    st.info(ui.tr("ef.empty.flow"))
else:
    s = ef.summary(months)
    target = float(months["target_pct"].iloc[0])
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(
        ui.tr("ef.card.rate"),
        "–" if s["pct"] is None else f"{s['pct']:.1f}%",
        border=True,
        delta=ui.tr("ef.card.target", target=f"{target:g}"),
        delta_arrow="off",
        delta_color="normal" if s["pct"] is not None and s["pct"] >= target else "inverse",
        help=ui.tr("ef.card.rate_help"),
    )
    c2.metric(ui.tr("ef.card.below"), s["days_below"], border=True)
    c3.metric(ui.tr("ef.card.missing"), s["days_missing"], border=True, help=ui.tr("ef.card.missing_help"))
    c4.metric(ui.tr("ef.card.unrecorded"), len(s["unrecorded"]), border=True)
    for r in s["unrecorded"].itertuples():
        st.warning(
            ui.tr(
                "ef.warn.unrecorded",
                name=safe_text.md(getattr(r, f"name_{lang}")),
                month=pd.Timestamp(r.month).strftime("%Y-%m"),
            )
        )

    st.subheader(ui.tr("ef.months"))
    names = dict(zip(months["section_id"], months[f"name_{lang}"]))
    state = st.session_state.get("ef_sections")
    if state and any(x not in names for x in state):  # the township changed: keep what is still there, else all
        st.session_state["ef_sections"] = [x for x in state if x in names] or list(names)
    picked = ui.url_multiselect(st, ui.tr("ef.pick_sections"), "sections", "ef_sections", names, names, list(names))
    shown = ui.localise_columns(ef.months_table(months[months["section_id"].isin(picked)], lang))
    if shown.empty:
        st.info(ui.tr("empty.no_rows"))
    else:
        st.dataframe(shown, hide_index=True, width="stretch")
        ui.download_buttons(shown, "eco_flow_months", start, end, town, key="ef_months")
    st.caption(ui.tr("ef.rules", target=f"{target:g}"))

st.subheader(ui.tr("ef.ops"))
ops = store.query("sluice_operations_log", start=start, end=end, town_id=town)
reasons = list(ef.REASONS)
reason_labels = {r: ui.tr(f"ef.reason.{r}") for r in reasons}
pick = ui.url_multiselect(st, ui.tr("ef.pick_reasons"), "reasons", "ef_reasons", reasons, reason_labels, reasons)
ops = ops[ops["reason_code"].isin(pick)]
if ops.empty:
    st.info(ui.tr("ef.empty.ops"))
else:
    shown = ui.localise_columns(ef.operations_table(ops, lang))
    st.dataframe(shown, hide_index=True, width="stretch")
    ui.download_buttons(shown, "sluice_operations", start, end, town, *pick, key="ef_ops")
    st.markdown(ui.tr("ef.ops_monthly"))
    counts = store.query("sluice_operations_monthly", start=start, end=end, town_id=town)
    table = ui.localise_columns(ef.operations_monthly_table(counts[counts["reason_code"].isin(pick)], lang))
    st.dataframe(table, hide_index=True, width="stretch")
    ui.download_buttons(table, "sluice_operations_monthly", start, end, town, *pick, key="ef_ops_monthly")
