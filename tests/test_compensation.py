"""The eco-compensation ledger (queries/compensation_ledger.sql) pinned to amounts worked out by hand
on the fixture warehouse, including the month without data; rule edits in the data change the ledger
with no code change; the forecast and its drivers; totals; the rules in words."""

from __future__ import annotations

import csv
import datetime as dt
import shutil

import duckdb
import pandas as pd
import pytest

from bishui.reports import compensation as comp
from bishui.db import store, warehouse
from tests.conftest import FIXTURE_DIR

D = dt.date
TODAY = D(2026, 11, 28)


def ledger(path, start=D(2023, 1, 1), end=D(2023, 4, 1), town_id=None) -> pd.DataFrame:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return store.execute(
            con, "compensation_ledger", start=start, end=end, town_id=town_id, now=TODAY, bill_no_flow=False
        )
    finally:
        con.close()


def rows(df) -> dict:
    return {
        (r.rule_id, r.section_id, str(r.month)[:7]): (
            None if pd.isna(r.water_class) else int(r.water_class),
            r.status,
            float(r.amount_cny),
        )
        for r in df.itertuples()
    }


# F1: s_f1, threshold class IV, 850,000 CNY. F2: s_t2, its own target III, 200,000 x 0.5.
EXPECTED = {
    ("F1", "s_f1", "2023-01"): (3, "ok", 0.0),
    ("F1", "s_f1", "2023-02"): (5, "owed", 850_000.0),
    ("F1", "s_f1", "2023-03"): (None, "no_data", 0.0),  # no sample at all: neither billed nor passed
    ("F1", "s_f1", "2023-04"): (6, "owed", 850_000.0),
    ("F2", "s_t2", "2023-01"): (3, "ok", 0.0),
    ("F2", "s_t2", "2023-02"): (4, "owed", 100_000.0),
    ("F2", "s_t2", "2023-03"): (3, "ok", 0.0),
    ("F2", "s_t2", "2023-04"): (3, "ok", 0.0),
}


def test_ledger_is_pinned_to_hand_computed_amounts(fixture_db):
    df = ledger(fixture_db)
    assert rows(df) == EXPECTED
    assert df["amount_cny"].sum() == 1_800_000
    assert set(df.loc[df["rule_id"] == "F1", "payee_zh"]) == {"下游区"}


def test_no_data_month_is_shown_as_no_data_in_totals(fixture_db):
    totals = comp.monthly_totals(ledger(fixture_db)).set_index("month")
    assert totals.loc["2023-03"].to_dict() == {
        "cp_amount_cny": 0,
        "cp_n_pay": 0,
        "cp_n_no_data": 1,
        "cp_n_ok": 1,
        "cp_n_not_judged": 0,
    }
    assert totals.loc["2023-02", "cp_amount_cny"] == 950_000
    payers = comp.payer_totals(ledger(fixture_db), "en")
    assert payers.to_dict("records") == [
        {
            "year": 2023,
            "cp_payer": "Test resort",
            "cp_payee": "Downstream district",
            "cp_amount_cny": 1_700_000,
            "cp_n_pay": 2,
            "cp_n_no_data": 1,
        },
        {
            "year": 2023,
            "cp_payer": "Town Two",
            "cp_payee": "Resort administration",
            "cp_amount_cny": 100_000,
            "cp_n_pay": 1,
            "cp_n_no_data": 0,
        },
    ]


def test_town_filter(fixture_db):
    assert set(ledger(fixture_db, town_id="t2")["rule_id"]) == {"F2"}
    assert set(ledger(fixture_db, town_id="t1")["rule_id"]) == {"F1"}


def _build_with_rules(tmp_path, edit) -> object:
    src = tmp_path / "district"
    shutil.copytree(FIXTURE_DIR, src)
    path = src / "compensation_rules.csv"
    with open(path, encoding="utf-8") as fh:
        rules = list(csv.DictReader(fh))
    fields = list(rules[0])
    edit(rules)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        w.writerows(rules)
    db = tmp_path / "edited.duckdb"
    warehouse.build(db, src)
    return db


def test_changing_amount_and_weight_in_the_data_changes_the_ledger(tmp_path):
    def edit(rules):
        for r in rules:
            if r["rule_id"] == "F1":
                r["amount_cny"] = "900000"
            else:
                r["weight"] = "0.8"

    got = rows(ledger(_build_with_rules(tmp_path, edit)))
    assert got[("F1", "s_f1", "2023-02")] == (5, "owed", 900_000.0)
    assert got[("F1", "s_f1", "2023-04")] == (6, "owed", 900_000.0)
    assert got[("F2", "s_t2", "2023-02")] == (4, "owed", 160_000.0)  # 200,000 x 0.8
    assert got[("F1", "s_f1", "2023-03")] == (None, "no_data", 0.0)


def test_changing_threshold_and_validity_in_the_data_changes_the_ledger(tmp_path):
    def edit(rules):
        for r in rules:
            if r["rule_id"] == "F1":
                r["threshold_class"] = "5"  # now only worse than V pays
            else:
                r["valid_to"] = "2023-01-31"  # F2 ends after January

    got = rows(ledger(_build_with_rules(tmp_path, edit)))
    assert got[("F1", "s_f1", "2023-02")] == (5, "ok", 0.0)
    assert got[("F1", "s_f1", "2023-04")] == (6, "owed", 850_000.0)
    assert [k for k in got if k[0] == "F2"] == [("F2", "s_t2", "2023-01")]


def _query(path, name, **params):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return store.execute(con, name, **params)
    finally:
        con.close()


def test_drivers_are_the_parameters_worse_than_the_threshold(fixture_db):
    feb = _query(fixture_db, "compensation_drivers", month=D(2023, 2, 1), town_id=None)
    got = {
        (r.rule_id, r.parameter): (r.parameter_class, r.threshold_limit, round(r.multiple, 4)) for r in feb.itertuples()
    }
    # s_f1 Feb: NH3-N 1.8 is class V (> IV); TP 0.25 and CODMn 7.0 are class IV (not worse than IV)
    # s_t2 Feb: CODMn 6.5 is class IV (> its target III, limit 6)
    assert got == {("F1", "nh3n"): (5, 1.5, 0.2), ("F2", "codmn"): (4, 6.0, round(0.5 / 6, 4))}
    apr = _query(fixture_db, "compensation_drivers", month=D(2023, 4, 1), town_id=None)
    # April NH3-N: automatic data take priority: mean of daily means (2.5, 2.8) = 2.65 -> 劣V
    assert list(apr["parameter"]) == ["nh3n", "tp"]
    assert apr.iloc[0]["graded_value"] == 2.65 and apr.iloc[0]["multiple"] == pytest.approx(1.15 / 1.5)


def test_forecast_for_the_month(fixture_db):
    def forecast(month, lang="en"):
        led = ledger(fixture_db, start=month, end=month)
        return comp.forecast(
            led,
            _query(fixture_db, "compensation_drivers", month=month, town_id=None),
            _query(fixture_db, "compensation_month_samples", month=month, town_id=None),
            lang,
            today=TODAY,
        ).set_index("rule_id")

    apr = forecast(D(2023, 4, 1))
    assert apr.loc["F1", "status"] == "owed" and apr.loc["F1", "amount_cny"] == 850_000
    assert apr.loc["F1", "drivers"].startswith("Ammonia nitrogen (NH3-N) 2.65 mg/L (Worse than Ⅴ; 0.8× over")
    assert "Total phosphorus (TP) 0.45 mg/L" in apr.loc["F1", "drivers"]
    assert apr.loc["F1", "n_sample_days"] == 4  # manual 04-10, 04-20; automatic 04-25, 04-26
    assert apr.loc["F1", "last_sampled_on"] == D(2023, 4, 26)
    assert apr.loc["F2", "status"] == "ok" and apr.loc["F2", "amount_cny"] == 0
    assert not apr["is_month_open"].any()
    mar = forecast(D(2023, 3, 1), "zh")
    assert mar.loc["F1", "status"] == "no_data" and mar.loc["F1", "amount_cny"] == 0
    assert "无数据" in mar.loc["F1", "drivers"] and mar.loc["F1", "n_sample_days"] == 0
    # the same month seen while it is still running
    month = D(2023, 4, 1)
    open_month = comp.forecast(
        ledger(fixture_db, start=month, end=month),
        _query(fixture_db, "compensation_drivers", month=month, town_id=None),
        _query(fixture_db, "compensation_month_samples", month=month, town_id=None),
        "en",
        today=D(2023, 4, 15),
    )
    assert open_month["is_month_open"].all()


def test_rules_in_words_in_both_languages(fixture_db):
    rules = _query(fixture_db, "compensation_rules_list", town_id=None).to_dict("records")
    f1, f2 = rules
    assert comp.rule_text(f1, "zh") == (
        "**F1**：测试河一号桥断面月度水质劣于Ⅳ类时，由测试度假区向下游区支付每月 850,000 元（自 2021-01-01 起）。"
    )
    assert comp.rule_text(f2, "en") == (
        "**F2**: when the monthly class of Sluice Two is worse than Class Ⅲ (the section's target class), Town Two "
        "pays Resort administration base CNY 200,000 × weight 0.5 = CNY 100,000 per month (from 2021-01-01)."
    )
    assert f2["amount_if_missed_cny"] == 100_000


def test_sample_days_count_distinct_days_across_sources(sample_db):
    """Issue 10 item 3: in 2025-11 liaowei has manual samples on 11-12 and 11-25 and automatic data on
    all 30 days; the days sampled are 30, not 2 + 30 = 32. December is the sample's running month (cut at
    2025-12-15 10:00, data/sample/as_of.csv): no manual sample yet, automatic data on 15 days."""
    month = D(2025, 11, 1)
    led = ledger(sample_db, start=month, end=month)
    samples = _query(sample_db, "compensation_month_samples", month=month, town_id=None)
    f1 = samples.set_index("rule_id").loc["F1"]
    assert (f1["n_manual_days"], f1["n_auto_days"], f1["n_days"]) == (2, 30, 30)
    out = comp.forecast(
        led, _query(sample_db, "compensation_drivers", month=month, town_id=None), samples, "en", today=TODAY
    ).set_index("rule_id")
    assert out.loc["F1", "n_sample_days"] == 30
    december = _query(sample_db, "compensation_month_samples", month=D(2025, 12, 1), town_id=None)
    f1 = december.set_index("rule_id").loc["F1"]
    assert (f1["n_manual_days"], f1["n_auto_days"], f1["n_days"]) == (0, 15, 15)


def test_the_key_section_is_the_rule_with_a_fixed_amount_in_the_data(fixture_db, tmp_path):
    """The overview's key-section card and the briefing's chart follow the rules' data (a fixed amount
    per failing month), not a rule id written in the code."""
    key = comp.key_section_rows(ledger(fixture_db))
    assert set(key["section_id"]) == {"s_f1"} and list(key["month"]) == sorted(key["month"])
    assert list(comp.month_rows(key, D(2023, 2, 1))["section_id"]) == ["s_f1"]

    def swap(rules):  # the fixed amount moves to the other rule's section
        for r in rules:
            if r["rule_id"] == "F1":
                r["amount_cny"], r["threshold_class"] = "", ""
                r["base_amount_cny"], r["weight"] = "850000", "1"
            else:
                r["amount_cny"], r["base_amount_cny"], r["weight"] = "300000", "", ""

    key = comp.key_section_rows(ledger(_build_with_rules(tmp_path, swap)))
    assert set(key["section_id"]) == {"s_t2"} and set(key["rule_id"]) == {"F2"}
