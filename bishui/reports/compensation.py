"""Eco-compensation (生态补偿): the rules in words, totals of the ledger, and the current month's
forecast. Pure functions over the frames of queries/compensation_*.sql; no Streamlit.

The amounts themselves come from SQL (queries/compensation_ledger.sql), computed from the rules as
data (compensation_rules): changing an amount or a weight there changes the ledger with no code change.
Only a complete month (queries/schema/062_completeness.sql) is billed ('owed') or passed ('ok'); a month
with no reading is 'no_data', one not over yet 'provisional' (with a forecast), one over with items
missing 'pending_data', a no-flow month 'no_flow' (billed only when BISHUI_BILL_NO_FLOW is set):
none of these is ever counted as passed."""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

import pandas as pd

from bishui.rules import completeness
from bishui import config, i18n
from bishui.rules import labels
from bishui.db import store

STATUSES = ("owed", "ok", "provisional", "pending_data", "no_flow", "no_data")


def ledger_params(now: dt.date | dt.datetime | None = None) -> dict:
    """The $now and $bill_no_flow of compensation_ledger.sql (bishui.db.store.app_now, the BISHUI_BILL_NO_FLOW setting)."""
    return {"now": now if now is not None else store.app_now().date(), "bill_no_flow": config.bill_no_flow()}


def _money(value: float, lang: str) -> str:
    return i18n.t("comp.money", lang, v=float(value))


def _date(value) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def rule_text(rule: dict, lang: str, escape: Callable[[Any], str] = str) -> str:
    """One rule (a row of compensation_rules_list.sql) as a sentence (markdown: the rule id is bold).
    escape is applied to the names and the id taken from the data (safe_text.md to show them as text)."""
    section = escape(rule[f"section_{lang}"])
    klass = i18n.t(f"class.{int(rule['threshold_class'])}", lang)
    own = i18n.t("comp.rule.own_target", lang) if rule["is_own_target"] else ""
    if pd.notna(rule.get("amount_cny")):
        amount = i18n.t("comp.rule.fixed", lang, amount=_money(rule["amount_cny"], lang))
    else:
        weight = 1.0 if pd.isna(rule.get("weight")) else float(rule["weight"])
        amount = i18n.t(
            "comp.rule.weighted",
            lang,
            base=_money(rule["base_amount_cny"], lang),
            weight=f"{weight:g}",
            amount=_money(rule["amount_if_missed_cny"], lang),
        )
    validity = i18n.t("comp.rule.from", lang, start=_date(rule["valid_from"]))
    if pd.notna(rule.get("valid_to")):
        validity = i18n.t("comp.rule.between", lang, start=_date(rule["valid_from"]), end=_date(rule["valid_to"]))
    return i18n.t(
        "comp.rule.sentence",
        lang,
        rule=escape(rule["rule_id"]),
        section=section,
        klass=klass,
        own=own,
        payer=escape(rule[f"payer_{lang}"]),
        payee=escape(rule[f"payee_{lang}"]),
        amount=amount,
        validity=validity,
    )


def status_label(status: str, lang: str) -> str:
    return i18n.t(f"comp.status.{status}", lang)


def month_rows(ledger: pd.DataFrame, month: dt.date) -> pd.DataFrame:
    """The compensation_ledger rows of one month."""
    return ledger[pd.to_datetime(ledger["month"]).dt.date == month]


def key_section_rows(ledger: pd.DataFrame) -> pd.DataFrame:
    """The compensation_ledger rows of the key section: the rules that pay a fixed amount per failing
    month (is_key_section; F1 in the plan), ordered by month."""
    return ledger[ledger["is_key_section"].astype(bool)].sort_values("month")


def monthly_totals(ledger: pd.DataFrame) -> pd.DataFrame:
    """Per month ('YYYY-MM'): amount due, sections billed, with no data, and evaluated within their
    threshold. ledger columns: month, status, amount_cny (queries/compensation_ledger.sql)."""
    cols = ["month", "cp_amount_cny", "cp_n_pay", "cp_n_no_data", "cp_n_ok", "cp_n_not_judged"]
    if ledger.empty:
        return pd.DataFrame(columns=cols)
    df = ledger.assign(month=pd.to_datetime(ledger["month"]).dt.strftime("%Y-%m"))
    g = df.groupby("month", sort=True)
    out = pd.DataFrame(
        {
            "cp_amount_cny": g["amount_cny"].sum().astype(float),
            "cp_n_pay": g["status"].apply(lambda s: int((s == "owed").sum())),
            "cp_n_no_data": g["status"].apply(lambda s: int((s == "no_data").sum())),
            "cp_n_ok": g["status"].apply(lambda s: int((s == "ok").sum())),
            "cp_n_not_judged": g["status"].apply(
                lambda s: int(s.isin(["provisional", "pending_data", "no_flow"]).sum())
            ),
        }
    ).reset_index()
    return out[cols]


def payer_totals(ledger: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Per year and payer (F2's payers are the townships, F1's the district), newest year first:
    amount due, months billed, months with no data.
    ledger columns: month, status, amount_cny, payer_<lang>, payee_<lang>."""
    cols = ["year", "cp_payer", "cp_payee", "cp_amount_cny", "cp_n_pay", "cp_n_no_data"]
    if ledger.empty:
        return pd.DataFrame(columns=cols)
    df = ledger.assign(
        year=pd.to_datetime(ledger["month"]).dt.year, cp_payer=ledger[f"payer_{lang}"], cp_payee=ledger[f"payee_{lang}"]
    )
    g = df.groupby(["year", "cp_payer", "cp_payee"], sort=False)
    out = pd.DataFrame(
        {
            "cp_amount_cny": g["amount_cny"].sum().astype(float),
            "cp_n_pay": g["status"].apply(lambda s: int((s == "owed").sum())),
            "cp_n_no_data": g["status"].apply(lambda s: int((s == "no_data").sum())),
        }
    ).reset_index()
    return out.sort_values(["year", "cp_amount_cny"], ascending=[False, False], kind="stable")[cols].reset_index(
        drop=True
    )


def driver_text(drivers: pd.DataFrame, lang: str) -> str:
    """'氨氮 2.65 mg/L（劣Ⅴ类，超Ⅳ类限值 1.5 的 0.77 倍）、…' for one section's driving parameters."""
    parts = []
    for r in drivers.to_dict("records"):
        klass = i18n.t(f"class.{int(r['parameter_class'])}", lang)
        limit_class = i18n.t(f"class.{int(r['threshold_class'])}", lang)
        multiple = labels.multiple_text(r["multiple"])  # one decimal, as every multiple the app shows
        fmt = dict(
            name=r[f"parameter_{lang}"],
            value=f"{r['graded_value']:g}",
            unit=r["unit"],
            klass=klass,
            limit_class=limit_class,
            limit=f"{r['threshold_limit']:g}",
        )
        if pd.isna(r["multiple"]):
            parts.append(i18n.t("comp.driver_ge", lang, **fmt))
        elif multiple:
            parts.append(i18n.t("comp.driver_le", lang, multiple=multiple, **fmt))
        else:  # over the limit by less than 0.05 times: no "0.0 times"
            parts.append(i18n.t("comp.driver_le_just", lang, **fmt))
    return i18n.t("comp.list_sep", lang).join(parts)


def forecast(
    ledger_month: pd.DataFrame,
    drivers: pd.DataFrame,
    samples: pd.DataFrame,
    lang: str,
    today: dt.date | None = None,
    param_names: dict[str, str] | None = None,
) -> pd.DataFrame:
    """The month's forecast per rule and section: what is due and why. For a provisional month
    (not over) amount_cny is the forecast: what is due if the rest of the month looks like the days
    so far (forecast_cny of the ledger), with the items that drive it and those still missing; a
    pending_data month says which items are missing; a no-flow month says why and whether it is billed.

    ledger_month: rows of compensation_ledger.sql for one month; drivers: compensation_drivers.sql;
    samples: compensation_month_samples.sql; param_names: code -> name (the missing items). Returns
    section, rule_id, water_class, threshold_class, status, amount_cny, drivers (text), n_sample_days,
    last_sampled_on, is_month_open."""
    today = today or store.app_now().date()
    param_names = param_names or {}
    cols = [
        "rule_id",
        "section",
        "water_class",
        "threshold_class",
        "status",
        "amount_cny",
        "drivers",
        "n_sample_days",
        "last_sampled_on",
        "is_month_open",
    ]
    if ledger_month.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for r in ledger_month.to_dict("records"):
        month = pd.Timestamp(r["month"]).date()
        month_end = (pd.Timestamp(month) + pd.offsets.MonthEnd(0)).date()
        d = drivers[(drivers["rule_id"] == r["rule_id"]) & (drivers["section_id"] == r["section_id"])]
        s = samples[(samples["rule_id"] == r["rule_id"]) & (samples["section_id"] == r["section_id"])]
        n_days = int(s["n_days"].sum()) if len(s) else 0  # distinct days: manual and automatic may share one
        last = s["last_sampled_on"].max() if len(s) else None
        status, amount = r["status"], r["amount_cny"]
        missing = completeness.missing_names(r.get("missing_items"), param_names)
        if lang == "en":
            missing = missing.replace("、", ", ")
        within = i18n.t("comp.forecast.within", lang, klass=labels.class_short(r["threshold_class"], lang))
        if status == "no_data":
            why = i18n.t("comp.forecast.no_samples", lang)
        elif status == "ok":
            why = within
        elif status == "pending_data":
            why = i18n.t("comp.forecast.pending", lang, missing=missing or i18n.t("cmp.status.incomplete", lang))
        elif status == "no_flow":
            why = i18n.t(
                "comp.forecast.no_flow",
                lang,
                reason=completeness.no_flow_text(r.get("no_flow_reason"), lang),
                billed=i18n.t("comp.forecast.no_flow_billed" if amount else "comp.forecast.no_flow_free", lang),
            )
        elif status == "provisional":
            amount = 0.0 if pd.isna(r.get("forecast_cny")) else float(r["forecast_cny"])
            why = (
                i18n.t("comp.forecast.so_far", lang, days=n_days)
                + (i18n.t("comp.forecast.missing", lang, items=missing) if missing else "")
                + (driver_text(d, lang) if amount and len(d) else within)
            )
        else:
            why = driver_text(d, lang)
        rows.append(
            {
                "rule_id": r["rule_id"],
                "section": r[f"section_{lang}"],
                "water_class": r["water_class"],
                "threshold_class": r["threshold_class"],
                "status": status,
                "amount_cny": amount,
                "drivers": why,
                "n_sample_days": n_days,
                "last_sampled_on": None if last is None or pd.isna(last) else pd.Timestamp(last).date(),
                "is_month_open": today <= month_end,
            }
        )
    return pd.DataFrame(rows, columns=cols)


LEDGER_COLUMNS = ["rule_id", "payer", "payee", "section_id", "month", "status", "amount_cny", "reason"]


def ledger_reason(row: dict, lang: str, param_names: dict[str, str] | None = None) -> str:
    """Why a ledger row has its status, in one sentence (the `reason` of `python -m bishui ledger`).
    row: a row of compensation_ledger.sql."""
    param_names = param_names or {}
    status = row["status"]
    threshold = labels.class_short(row["threshold_class"], lang)
    klass = labels.class_short(row.get("water_class"), lang)
    missing = completeness.missing_names(row.get("missing_items"), param_names)
    if lang == "en":
        missing = missing.replace("、", ", ")
    pollutants = labels.pollutants_short(row.get("main_pollutants"), lang) if row.get("main_pollutants") else ""
    if status == "ok":
        return i18n.t("comp.reason.ok", lang, klass=klass, threshold=threshold)
    if status == "owed":
        return i18n.t("comp.reason.owed", lang, klass=klass, threshold=threshold) + (
            i18n.t("comp.reason.pollutants", lang, pollutants=pollutants) if pollutants else ""
        )
    if status == "pending_data":
        return i18n.t("comp.forecast.pending", lang, missing=missing or i18n.t("cmp.status.incomplete", lang))
    if status == "no_flow":
        return i18n.t(
            "comp.forecast.no_flow",
            lang,
            reason=completeness.no_flow_text(row.get("no_flow_reason"), lang),
            billed=i18n.t("comp.forecast.no_flow_billed" if row["amount_cny"] else "comp.forecast.no_flow_free", lang),
        )
    if status == "provisional":
        forecast_cny = 0.0 if pd.isna(row.get("forecast_cny")) else float(row["forecast_cny"])
        days = row.get("auto_days")
        return (
            i18n.t(
                "comp.reason.provisional",
                lang,
                amount=_money(forecast_cny, lang),
                klass=klass or i18n.t("class.none", lang),
                threshold=threshold,
            )
            + (
                i18n.t("comp.reason.auto_days", lang, n=int(days))
                if days is not None and not pd.isna(days) and days
                else ""
            )
            + (i18n.t("comp.reason.missing", lang, items=missing) if missing else "")
        )
    return i18n.t("comp.forecast.no_samples", lang)


def ledger_report(ledger: pd.DataFrame, lang: str, param_names: dict[str, str] | None = None) -> pd.DataFrame:
    """The ledger as `python -m bishui ledger` writes it: LEDGER_COLUMNS, one row per rule, section and
    month (payer and payee in lang; month 'YYYY-MM'; amount_cny billed: 0 for every status but owed,
    and no_flow when billed by the setting)."""
    if ledger.empty:
        return pd.DataFrame(columns=LEDGER_COLUMNS)
    records = ledger.to_dict("records")
    return pd.DataFrame(
        {
            "rule_id": ledger["rule_id"],
            "payer": ledger[f"payer_{lang}"],
            "payee": ledger[f"payee_{lang}"],
            "section_id": ledger["section_id"],
            "month": pd.to_datetime(ledger["month"]).dt.strftime("%Y-%m"),
            "status": ledger["status"],
            "amount_cny": ledger["amount_cny"].astype(float),
            "reason": [ledger_reason(r, lang, param_names) for r in records],
        },
        columns=LEDGER_COLUMNS,
    )
