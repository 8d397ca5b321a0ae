"""Eco-compensation (生态补偿): the rules in words, totals of the ledger, and the current month's
forecast. Pure functions over the frames of queries/compensation_*.sql; no Streamlit.

The amounts themselves come from SQL (queries/compensation_ledger.sql), computed from the rules as
data (compensation_rules): changing an amount or a weight there changes the ledger with no code change.
A month without an evaluated class is 'no_data': never billed, never counted as passed."""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

import pandas as pd

from bishui import i18n, labels

STATUSES = ("pay", "ok", "no_data")


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
        amount = i18n.t("comp.rule.weighted", lang, base=_money(rule["base_amount_cny"], lang), weight=f"{weight:g}",
                        amount=_money(rule["amount_if_missed_cny"], lang))
    validity = i18n.t("comp.rule.from", lang, start=_date(rule["valid_from"]))
    if pd.notna(rule.get("valid_to")):
        validity = i18n.t("comp.rule.between", lang, start=_date(rule["valid_from"]), end=_date(rule["valid_to"]))
    return i18n.t("comp.rule.sentence", lang, rule=escape(rule["rule_id"]), section=section, klass=klass, own=own,
                  payer=escape(rule[f"payer_{lang}"]), payee=escape(rule[f"payee_{lang}"]), amount=amount,
                  validity=validity)


def status_label(status: str, lang: str) -> str:
    return i18n.t(f"comp.status.{status}", lang)


def monthly_totals(ledger: pd.DataFrame) -> pd.DataFrame:
    """Per month ('YYYY-MM'): amount due, sections billed, with no data, and evaluated within their
    threshold. ledger columns: month, status, amount_cny (queries/compensation_ledger.sql)."""
    cols = ["month", "cp_amount_cny", "cp_n_pay", "cp_n_no_data", "cp_n_ok"]
    if ledger.empty:
        return pd.DataFrame(columns=cols)
    df = ledger.assign(month=pd.to_datetime(ledger["month"]).dt.strftime("%Y-%m"))
    g = df.groupby("month", sort=True)
    out = pd.DataFrame({
        "cp_amount_cny": g["amount_cny"].sum().astype(float),
        "cp_n_pay": g["status"].apply(lambda s: int((s == "pay").sum())),
        "cp_n_no_data": g["status"].apply(lambda s: int((s == "no_data").sum())),
        "cp_n_ok": g["status"].apply(lambda s: int((s == "ok").sum())),
    }).reset_index()
    return out[cols]


def payer_totals(ledger: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Per year and payer (F2's payers are the townships, F1's the district), newest year first:
    amount due, months billed, months with no data.
    ledger columns: month, status, amount_cny, payer_<lang>, payee_<lang>."""
    cols = ["year", "cp_payer", "cp_payee", "cp_amount_cny", "cp_n_pay", "cp_n_no_data"]
    if ledger.empty:
        return pd.DataFrame(columns=cols)
    df = ledger.assign(year=pd.to_datetime(ledger["month"]).dt.year, cp_payer=ledger[f"payer_{lang}"],
                       cp_payee=ledger[f"payee_{lang}"])
    g = df.groupby(["year", "cp_payer", "cp_payee"], sort=False)
    out = pd.DataFrame({
        "cp_amount_cny": g["amount_cny"].sum().astype(float),
        "cp_n_pay": g["status"].apply(lambda s: int((s == "pay").sum())),
        "cp_n_no_data": g["status"].apply(lambda s: int((s == "no_data").sum())),
    }).reset_index()
    return out.sort_values(["year", "cp_amount_cny"], ascending=[False, False], kind="stable")[cols].reset_index(drop=True)


def driver_text(drivers: pd.DataFrame, lang: str) -> str:
    """'氨氮 2.65 mg/L（劣Ⅴ类，超Ⅳ类限值 1.5 的 0.77 倍）、…' for one section's driving parameters."""
    parts = []
    for r in drivers.to_dict("records"):
        klass = i18n.t(f"class.{int(r['parameter_class'])}", lang)
        limit_class = i18n.t(f"class.{int(r['threshold_class'])}", lang)
        multiple = labels.multiple_text(r["multiple"])  # one decimal, as every multiple the app shows
        fmt = dict(name=r[f"parameter_{lang}"], value=f"{r['graded_value']:g}", unit=r["unit"], klass=klass,
                   limit_class=limit_class, limit=f"{r['threshold_limit']:g}")
        if pd.isna(r["multiple"]):
            parts.append(i18n.t("comp.driver_ge", lang, **fmt))
        elif multiple:
            parts.append(i18n.t("comp.driver_le", lang, multiple=multiple, **fmt))
        else:  # over the limit by less than 0.05 times: no "0.0 times"
            parts.append(i18n.t("comp.driver_le_just", lang, **fmt))
    return i18n.t("comp.list_sep", lang).join(parts)


def forecast(ledger_month: pd.DataFrame, drivers: pd.DataFrame, samples: pd.DataFrame, lang: str,
             today: dt.date | None = None) -> pd.DataFrame:
    """The month's forecast per rule and section: what is due if the month ended today and why.

    ledger_month: rows of compensation_ledger.sql for one month; drivers: compensation_drivers.sql;
    samples: compensation_month_samples.sql. Returns section, rule_id, water_class, threshold_class,
    status, amount_cny, drivers (text), n_sample_days, last_sampled_on, is_month_open."""
    today = today or dt.date.today()
    cols = ["rule_id", "section", "water_class", "threshold_class", "status", "amount_cny", "drivers",
            "n_sample_days", "last_sampled_on", "is_month_open"]
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
        if r["status"] == "no_data":
            why = i18n.t("comp.forecast.no_samples", lang)
        elif r["status"] == "ok":
            why = i18n.t("comp.forecast.within", lang, klass=labels.class_short(r["threshold_class"], lang))
        else:
            why = driver_text(d, lang)
        rows.append({"rule_id": r["rule_id"], "section": r[f"section_{lang}"], "water_class": r["water_class"],
                     "threshold_class": r["threshold_class"], "status": r["status"], "amount_cny": r["amount_cny"],
                     "drivers": why, "n_sample_days": n_days,
                     "last_sampled_on": None if last is None or pd.isna(last) else pd.Timestamp(last).date(),
                     "is_month_open": today <= month_end})
    return pd.DataFrame(rows, columns=cols)
