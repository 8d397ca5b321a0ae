"""Treatment-plant compliance (queries/plant_*.sql, bishui/views/plants.py) on the fixture warehouse:
准IV and GB 18918 1A limits at their boundaries, the cold-water NH3-N and pre-2006 TP variants, data
only from commissioning, load rate against the warning level, and the empty states."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest

from bishui.views import plants
from bishui.db import store

D = dt.date
YEAR = dict(start=D(2023, 1, 1), end=D(2023, 12, 1), town_id=None)


@pytest.fixture(scope="module")
def con(fixture_db):
    c = duckdb.connect(str(fixture_db), read_only=True)
    yield c
    c.close()


def _check(con):
    df = store.execute(con, "plant_effluent_check", **YEAR)
    return df.set_index(["facility_id", df["month"].astype(str).str[:7], "parameter"])


def test_quasi_iv_limits_and_boundaries(con):
    c = _check(con)
    assert c.loc[("p1", "2023-01", "nh3n"), "limit_quasi_iv"] == 1.5
    assert not c.loc[("p1", "2023-01", "nh3n"), "meets_quasi_iv"]  # 1.8 > 1.5
    assert not c.loc[("p1", "2023-02", "tp"), "meets_quasi_iv"]  # 0.35 > 0.3
    march = c.loc[("p1", "2023-03")]  # 30, 6, 1.5, 0.3: all equal to the limits
    assert march.loc[["cod", "bod5", "nh3n", "tp"], "meets_quasi_iv"].all()
    assert march["month_meets_quasi_iv"].all()
    assert not c.loc[("p1", "2023-04", "cod"), "meets_quasi_iv"]  # 31 > 30
    # TN and SS are not part of quasi class IV
    assert pd.isna(c.loc[("p1", "2023-01", "tn"), "limit_quasi_iv"]) and pd.isna(
        c.loc[("p1", "2023-01", "tn"), "meets_quasi_iv"]
    )


def test_gb18918_1a_temperature_and_build_date_variants(con):
    c = _check(con)
    # p3 (built 2004): water 12 °C -> NH3-N limit 8, 6 meets; 12.5 °C -> 5, 6 fails
    assert c.loc[("p3", "2023-01", "nh3n"), ["limit_1a", "limit_1a_basis"]].tolist() == [8, "GB18918_1A_LE12C"]
    assert c.loc[("p3", "2023-01", "nh3n"), "meets_1a"]
    assert c.loc[("p3", "2023-02", "nh3n"), ["limit_1a", "limit_1a_basis"]].tolist() == [5, "GB18918_1A"]
    assert not c.loc[("p3", "2023-02", "nh3n"), "meets_1a"]
    # TP: plants built before 2006 -> 1.0 (p3: 0.8 meets, 1.1 fails); p1 (built 2012) -> 0.5
    assert c.loc[("p3", "2023-01", "tp"), ["limit_1a", "limit_1a_basis"]].tolist() == [1, "GB18918_1A_PRE2006"]
    assert c.loc[("p3", "2023-01", "tp"), "meets_1a"] and not c.loc[("p3", "2023-03", "tp"), "meets_1a"]
    assert c.loc[("p1", "2023-02", "tp"), "limit_1a"] == 0.5
    # April: TN 15 and SS 10 equal to the 1A limits meet
    assert c.loc[("p3", "2023-04"), "meets_1a"].all()


def test_data_only_from_commissioning(con):
    c = store.execute(con, "plant_effluent_check", **YEAR)
    assert str(c.loc[c["facility_id"] == "p2", "month"].min())[:7] == "2023-03"  # the February trial is hidden
    lst = store.execute(con, "plants_list", as_of=D(2023, 4, 30), town_id=None).set_index("facility_id")
    assert lst.loc["p2", "n_months"] == 2 and str(lst.loc["p2", "first_month"])[:7] == "2023-03"
    assert lst.loc["p2", "status_at"] == "under_construction"  # recorded as under construction
    assert lst.loc["p1", "status_at"] == "operating"
    load = store.execute(con, "plant_load", **YEAR, warn_pct=85.0)
    assert "2023-02" not in set(load.loc[load["facility_id"] == "p2", "month"].astype(str).str[:7])


def test_compliance_per_plant_and_year(con):
    y = store.execute(con, "plant_compliance", **YEAR).set_index("facility_id")
    assert y.loc["p1", ["n_months", "n_quasi_iv", "n_1a"]].tolist() == [4, 1, 4]
    assert y.loc["p1", "quasi_iv_pct"] == 25 and y.loc["p1", "gb1a_pct"] == 100
    assert y.loc["p1", "failed_quasi_iv"] == "cod:1;nh3n:1;tp:1"
    assert y.loc["p2", ["n_months", "quasi_iv_pct", "gb1a_pct"]].tolist() == [2, 100, 100]
    assert y.loc["p3", ["n_months", "quasi_iv_pct", "gb1a_pct"]].tolist() == [4, 25, 50]
    assert y.loc["p3", "failed_1a"] == "nh3n:1;tp:1"
    assert y.loc["p3", "failed_1a_zh"] == "氨氮（1个月）、总磷（1个月）"
    assert y.loc["p3", "max_load_pct"] == pytest.approx(102)  # 510 / 500


def _agree(con, start, end):
    check = store.execute(con, "plant_effluent_check", start=start, end=end, town_id=None)
    monthly = (
        check.groupby(["facility_id", "month"])
        .agg(q=("month_meets_quasi_iv", "first"), a=("month_meets_1a", "first"))
        .reset_index()
    )
    monthly["year"] = pd.to_datetime(monthly["month"]).dt.year
    by_year = monthly.groupby(["facility_id", "year"]).agg(n=("q", "size"), q=("q", "sum"), a=("a", "sum"))
    comp = store.execute(con, "plant_compliance", start=start, end=end, town_id=None).set_index(["facility_id", "year"])
    for (fid, year), r in by_year.iterrows():
        assert comp.loc[(fid, year), ["n_months", "n_quasi_iv", "n_1a"]].tolist() == [r.n, r.q, r.a], (fid, year)
    assert len(comp) == len(by_year)


def test_compliance_query_agrees_with_the_monthly_check(con, sample_db):
    _agree(con, D(2023, 1, 1), D(2023, 12, 1))
    sample = duckdb.connect(str(sample_db), read_only=True)
    try:
        _agree(sample, D(2021, 1, 1), D(2025, 12, 1))
    finally:
        sample.close()


def test_load_rate_and_warning_band(con):
    load = store.execute(con, "plant_load", **YEAR, warn_pct=85.0)
    load = load.set_index(["facility_id", load["month"].astype(str).str[:7]])
    assert load.loc[("p1", "2023-02"), "load_pct"] == 85 and load.loc[("p1", "2023-02"), "is_near_full"]  # >= 85
    assert not load.loc[("p2", "2023-03"), "is_near_full"]  # 60 %
    assert load.loc[("p3", "2023-04"), "is_over_capacity"] and not load.loc[("p3", "2023-03"), "is_over_capacity"]
    strict = store.execute(con, "plant_load", **YEAR, warn_pct=90.0)
    assert not strict.loc[(strict["facility_id"] == "p1") & (strict["load_pct"] == 85), "is_near_full"].any()


def test_empty_states(con):
    start, end = D(2023, 1, 1), D(2023, 12, 1)
    late = {
        "status": "operating",
        "status_at": "under_construction",
        "commissioned_on": pd.Timestamp("2024-03-01"),
        "first_month": pd.Timestamp("2024-03-01"),
        "last_month": pd.Timestamp("2025-12-01"),
    }
    assert (
        plants.empty_message(late, start, end, "en")
        == "No effluent data for this plant before its commissioning in 2024-03."
    )
    assert plants.empty_message(late, start, end, "zh") == "该厂于 2024-03 投运，此前没有出水数据。"
    building = {
        "status": "under_construction",
        "status_at": "under_construction",
        "commissioned_on": None,
        "first_month": None,
        "last_month": None,
    }
    assert "Under construction" in plants.empty_message(building, start, end, "en")
    lst = store.execute(con, "plants_list", as_of=D(2023, 4, 30), town_id=None).set_index("facility_id")
    assert plants.empty_message(lst.loc["p1"].to_dict(), start, end, "en") is None
    assert (
        plants.commissioning_note(lst.loc["p2"].to_dict(), start, "en")
        == "Commissioned in 2023-03: effluent is shown from that month."
    )
    assert plants.commissioning_note(lst.loc["p1"].to_dict(), start, "en") is None
    old = plants.empty_message(lst.loc["p1"].to_dict(), D(2024, 1, 1), D(2024, 12, 1), "en")
    assert old == "No effluent data in the period shown (data from 2023-01 to 2023-04)."


def test_which_parameter_failed_in_which_month(con):
    check = store.execute(con, "plant_effluent_check", **YEAR)
    names = {"p1": "P1", "p2": "P2", "p3": "P3"}
    f = plants.monthly_failures(check, names, "en").set_index(["wp_plant", "month"])
    assert f.loc[("P1", "2023-01"), "wp_month_failed_quasi_iv"] == "Ammonia nitrogen (NH3-N)"
    assert f.loc[("P3", "2023-02"), ["wp_meets_1a", "wp_month_failed_1a"]].tolist() == [
        "No",
        "Ammonia nitrogen (NH3-N)",
    ]
    assert f.loc[("P3", "2023-04"), ["wp_meets_quasi_iv", "wp_meets_1a"]].tolist() == ["Yes", "Yes"]
    assert len(f) == 10  # p1 4 months, p2 2 (from commissioning), p3 4
    # only the months that failed 准IV or 1A, whatever the language of the verdicts (not by their text)
    for lang in ("en", "zh"):
        failing = plants.monthly_failures(check, names, lang, only_failing=True).set_index(["wp_plant", "month"])
        assert ("P1", "2023-01") in failing.index and ("P3", "2023-02") in failing.index
        assert ("P3", "2023-04") not in failing.index
        full = plants.monthly_failures(check, names, lang)
        yes = full[["wp_meets_quasi_iv", "wp_meets_1a"]].eq({"en": "Yes", "zh": "是"}[lang]).all(axis=1)
        assert len(failing) == int((~yes).sum()) > 0


def test_sample_plant_under_construction_until_2024_03(sample_db):
    con = duckdb.connect(str(sample_db), read_only=True)
    try:
        before = store.execute(con, "plants_list", as_of=D(2023, 12, 31), town_id=None).set_index("facility_id")
        after = store.execute(con, "plants_list", as_of=D(2024, 6, 30), town_id=None).set_index("facility_id")
    finally:
        con.close()
    assert before.loc["zhulaozhuang_wwtp", "status_at"] == "under_construction"
    assert after.loc["zhulaozhuang_wwtp", "status_at"] == "operating"
    assert (
        plants.empty_message(before.loc["zhulaozhuang_wwtp"].to_dict(), D(2023, 1, 1), D(2023, 12, 1), "en")
        == "No effluent data for this plant before its commissioning in 2024-03."
    )
