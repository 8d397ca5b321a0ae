"""生态补偿 Eco-compensation: the rules in words, the monthly ledger computed in SQL from the evaluated
classes (a month without data says so and is never billed), totals, the year's chart, and the
sidebar month's forecast from the samples so far."""

import datetime as dt

import pandas as pd
import streamlit as st

from bishui.reports import compensation as comp
from bishui.views import figures_plan, plan_views as pv
from bishui import safe_text
from bishui.db import store
from bishui.app import ui
from bishui.rules.labels import pollutants_legend

lang, town, month = ui.lang(), ui.town_id(), ui.month()
if month is None:
    st.title(ui.tr("cp.title_plain"))
    st.info(ui.tr("app.no_data_month"))
    st.stop()
st.title(ui.tr("cp.title", year=month.year))
rules = store.query("compensation_rules_list", town_id=town)
if rules.empty:
    st.info(ui.tr("cp.empty.no_rules"))
    st.stop()

params = store.query("parameters_list")
first_data = min(store.query("months_available")["month"])  # no ledger before monitoring began
ledger_all = store.query(
    "compensation_ledger",
    start=max(pd.Timestamp(rules["valid_from"].min()).date(), dt.date(first_data.year, 1, 1)),
    end=month,
    town_id=town,
    **comp.ledger_params(ui.now()),
)
ledger = ledger_all[pd.to_datetime(ledger_all["month"]).dt.year == month.year]
this_month = ledger[pd.to_datetime(ledger["month"]).dt.date == month]

m1, m2, m3, m4, m5 = st.columns(5)
m1.metric(
    ui.tr("cp.card.month", month=month.strftime("%Y-%m")), pv.money(this_month["amount_cny"].sum(), lang), border=True
)
m2.metric(ui.tr("cp.card.ytd"), pv.money(ledger["amount_cny"].sum(), lang), border=True)
m3.metric(
    ui.tr("cp.card.pay_months"),
    int((ledger["status"] == "owed").sum()),
    border=True,
    help=ui.tr("cp.card.pay_months_help"),
)
m4.metric(
    ui.tr("cp.card.no_data"),
    int((ledger["status"] == "no_data").sum()),
    border=True,
    help=ui.tr("cp.card.no_data_help"),
)
m5.metric(
    ui.tr("cp.card.pending"),
    int((ledger["status"] == "pending_data").sum()),
    border=True,
    help=ui.tr("cp.card.pending_help"),
)

st.subheader(ui.tr("cp.forecast", month=ui.month_label(month)))
forecast = comp.forecast(
    this_month,
    store.query("compensation_drivers", month=month, town_id=town),
    store.query("compensation_month_samples", month=month, town_id=town),
    lang,
    today=ui.now(),
    param_names=dict(zip(params["code"], params[ui.name_col()])),
)
if forecast.empty:
    st.info(ui.tr("cp.empty.no_rules_month"))
else:
    is_open = bool(forecast["is_month_open"].any())
    key = (
        "cp.forecast_provisional"
        if (forecast["status"] == "provisional").any()
        else ("cp.forecast_open" if is_open else "cp.forecast_closed")
    )
    st.markdown(ui.tr(key, amount=pv.money(forecast["amount_cny"].sum(), lang)))
    shown = ui.localise_columns(pv.forecast_table(forecast, lang))
    st.dataframe(
        pv.styled(
            shown,
            pv.col_label("cp_status", lang),
            pv.comp_status_style(lang),
            money=(pv.col_label("cp_amount_cny", lang),),
        ),
        hide_index=True,
        width="stretch",
    )
    ui.download_buttons(shown, "compensation_forecast", month, town, key="cp_forecast")

st.subheader(ui.tr("cp.chart", year=month.year))
st.plotly_chart(figures_plan.compensation_year(ledger, lang), width="stretch", key="cp_chart")

st.subheader(ui.tr("cp.ledger", year=month.year))
rule_ids, statuses = sorted(ledger["rule_id"].unique()), list(comp.STATUSES)
if "pay" in (st.query_params.get("status") or "").split(","):  # links from before 'pay' was renamed 'owed'
    st.query_params["status"] = ",".join("owed" if v == "pay" else v for v in st.query_params["status"].split(","))
c1, c2 = st.columns(2)
pick_rules = ui.url_multiselect(c1, ui.tr("cp.filter_rules"), "rules", "cp_rules", rule_ids, {}, rule_ids)
status_labels = {s: ui.tr(f"comp.status.{s}") for s in statuses}
pick_status = ui.url_multiselect(
    c2, ui.tr("cp.filter_status"), "status", "cp_status", statuses, status_labels, statuses
)
rows = ledger[ledger["rule_id"].isin(pick_rules) & ledger["status"].isin(pick_status)]
if rows.empty:
    st.info(ui.tr("empty.no_rows"))
else:
    shown = ui.localise_columns(pv.ledger_table(rows, lang))
    st.dataframe(
        pv.styled(
            shown,
            pv.col_label("cp_status", lang),
            pv.comp_status_style(lang),
            money=(pv.col_label("cp_amount_cny", lang),),
        ),
        hide_index=True,
        width="stretch",
        column_config={
            pv.col_label("main_pollutants", lang): st.column_config.TextColumn(
                help=ui.tr("ov.pollutants_help", legend=pollutants_legend(rows["main_pollutants"], lang))
            )
        },
    )
    st.caption(ui.tr("cp.ledger_caption"))
    ui.download_buttons(shown, "compensation_ledger", month.year, town, *pick_rules, *pick_status, key="cp_ledger")

left, right = st.columns(2)
with left:
    st.subheader(ui.tr("cp.by_month", year=month.year))
    shown = ui.localise_columns(comp.monthly_totals(rows))
    st.dataframe(
        pv.styled(shown, "", None, money=(pv.col_label("cp_amount_cny", lang),)), hide_index=True, width="stretch"
    )
    ui.download_buttons(shown, "compensation_by_month", month.year, town, key="cp_by_month")
with right:
    st.subheader(ui.tr("cp.by_payer"))
    shown = ui.localise_columns(
        comp.payer_totals(
            ledger_all[ledger_all["rule_id"].isin(pick_rules) & ledger_all["status"].isin(pick_status)], lang
        )
    )
    st.dataframe(
        pv.styled(shown, "", None, money=(pv.col_label("cp_amount_cny", lang),)), hide_index=True, width="stretch"
    )
    ui.download_buttons(shown, "compensation_by_payer", month, town, key="cp_by_payer")

st.subheader(ui.tr("cp.rules"))
st.markdown("\n".join(f"- {comp.rule_text(r, lang, escape=safe_text.md)}" for r in rules.to_dict("records")))
st.caption(ui.tr("cp.rules_caption"))
