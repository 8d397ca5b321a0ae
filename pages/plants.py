"""污水处理厂 Treatment plants: monthly effluent against 准IV and GB 18918 grade 1A, compliance per
plant and year, which parameter failed in which month, and the load rate against its warning band."""

import datetime as dt

import pandas as pd
import streamlit as st

from bishui import config, safe_text
from bishui.views import figures_plan, plan_views as pv, plants
from bishui.db import store
from bishui.app import ui

lang, town, month = ui.lang(), ui.town_id(), ui.month()
st.title(ui.tr("wp.title"))
month = month or dt.date.today().replace(day=1)
plant_list = store.query("plants_list", as_of=pv.month_end(month), town_id=town)
if plant_list.empty:
    st.info(ui.tr("wp.empty.no_plants"))
    st.stop()
start = (pd.Timestamp(month) - pd.DateOffset(months=11)).date()
names = dict(zip(plant_list["facility_id"], plant_list[ui.name_col()]))
chosen = ui.url_multiselect(st, ui.tr("wp.pick"), "plants", "wp_plants", list(names), names, list(names))
st.caption(ui.tr("wp.period", start=start.strftime("%Y-%m"), end=month.strftime("%Y-%m")))
if not chosen:
    st.info(ui.tr("wp.need_plants"))
    st.stop()

warn = config.load_warning_pct()
check = store.query("plant_effluent_check", start=start, end=month, town_id=town)
check = check[check["facility_id"].isin(chosen)]
load = store.query("plant_load", start=start, end=month, town_id=town, warn_pct=warn)
load = load[load["facility_id"].isin(chosen)]

cards = st.columns(len(chosen))
for col, fid in zip(cards, chosen):
    p = plant_list.set_index("facility_id").loc[fid]
    last = load[load["facility_id"] == fid].tail(1)
    col.metric(
        safe_text.md(names[fid]),
        ui.tr(f"wp.status.{p['status_at']}"),
        border=True,
        delta_color="off",
        delta_arrow="off",
        delta=ui.tr("wp.card_load", pct=float(last["load_pct"].iloc[0])) if len(last) else ui.tr("wp.card_no_load"),
        help=ui.tr(
            "wp.card_help",
            capacity=p["capacity_m3_d"],
            built=pv.fmt_date(p["built_on"]),
            commissioned=pv.fmt_date(p["commissioned_on"]),
        ),
    )

st.subheader(ui.tr("wp.effluent"))
st.caption(ui.tr("wp.effluent_caption"))
for fid in chosen:
    p = plant_list.set_index("facility_id").loc[fid].to_dict()
    message = plants.empty_message(p, start, month, lang)
    if message:
        st.info(
            f"**{safe_text.md(names[fid])}**：{message}"
            if lang == "zh"
            else f"**{safe_text.md(names[fid])}**: {message}"
        )
        continue
    note = plants.commissioning_note(p, start, lang)
    if note:
        st.caption(f"{safe_text.md(names[fid])}：{note}" if lang == "zh" else f"{safe_text.md(names[fid])}: {note}")
    st.markdown(f"**{safe_text.md(names[fid])}**")
    st.plotly_chart(
        figures_plan.plant_effluent(check[check["facility_id"] == fid], lang), width="stretch", key=f"wp_eff_{fid}"
    )

st.subheader(ui.tr("wp.failures"))
failures = plants.monthly_failures(check, names, lang)
if failures.empty:
    st.info(ui.tr("wp.empty.no_effluent"))
else:
    only_fail = ui.url_flag(st, ui.tr("wp.only_failing"), "failing", "wp_only_failing", toggle=True)
    shown = plants.monthly_failures(check, names, lang, only_failing=True) if only_fail else failures
    shown = ui.localise_columns(shown)
    st.dataframe(shown, hide_index=True, width="stretch")
    ui.download_buttons(shown, "plant_failures", start, month, town, key="wp_failures")

st.subheader(ui.tr("wp.load"))
if load.empty:
    st.info(ui.tr("wp.empty.no_effluent"))
else:
    st.plotly_chart(figures_plan.plant_load(load, names, warn, lang), width="stretch", key="wp_load")
    near = load[load["is_near_full"]].groupby("facility_id").size()
    if len(near):
        st.warning(
            ui.tr(
                "wp.near_full",
                plants="、".join(safe_text.md(names[f]) for f in near.index)
                if lang == "zh"
                else ", ".join(safe_text.md(names[f]) for f in near.index),
                pct=warn,
            )
        )
    st.caption(ui.tr("wp.load_caption", pct=warn))

st.subheader(ui.tr("wp.compliance"))
compliance = store.query("plant_compliance", start=dt.date(2000, 1, 1), end=month, town_id=town)
compliance = compliance[compliance["facility_id"].isin(chosen)].sort_values(
    ["year", "facility_id"], ascending=[False, True]
)
if compliance.empty:
    st.info(ui.tr("wp.empty.no_effluent"))
else:
    shown = ui.localise_columns(pv.compliance_table(compliance, names, lang))
    st.dataframe(shown, hide_index=True, width="stretch")
    st.caption(ui.tr("wp.compliance_caption"))
    ui.download_buttons(shown, "plant_compliance", month, town, key="wp_compliance")
