"""The trend queries and table builders on the fixture warehouse (tests/fixtures/district): every
expected value worked by hand from its readings."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from bishui.db import store
from bishui.views import trends_tables as tt


@pytest.fixture
def db(fixture_db, use_db):
    use_db(fixture_db)
    return fixture_db


NAMES = {
    ("section", "s_f1"): "Bridge One",
    ("section", "s_t2"): "Sluice Two",
    ("section", "s_res"): "Test Reservoir",
    ("district", "district"): "District",
}


def test_cwqi_of_a_section_month_and_quarter(db):
    m = store.run_query("trend_cwqi_inputs", cwqi_period="month", start=dt.date(2023, 1, 1), end=dt.date(2023, 2, 28))
    table = tt.cwqi_ranking(m, "section", dt.date(2023, 1, 1), dt.date(2022, 1, 1), NAMES, "en")
    # s_res: pH 8.0 -> 0.5; DO 5/9; CODMn 3.5/6; NH3-N 0.3/1; TP 0.04/0.05 (reservoir); fluoride excluded
    # s_t2: 0.4 + 5/7 + 4.5/6 + 0.6 + 0.12/0.2
    # s_f1: 0.3 + 5/8.1 + 5.2/6 + 0.8 + 0.15/0.2 + Cd below DL 0.0005 -> 0.00025/0.005; TN not an item
    assert list(table["trd_area"]) == ["Test Reservoir", "Sluice Two", "Bridge One"]
    assert list(table["trd_rank"]) == [1, 2, 3]
    assert list(table["trd_cwqi"]) == [
        round(0.5 + 5 / 9 + 3.5 / 6 + 0.3 + 0.8, 2),
        round(0.4 + 5 / 7 + 0.75 + 0.6 + 0.6, 2),
        round(0.3 + 5 / 8.1 + 5.2 / 6 + 0.8 + 0.75 + 0.05, 2),
    ]
    assert list(table["trd_n_items"]) == [5, 5, 6]
    assert table["trd_cwqi_base"].isna().all()  # no 2022 data
    q = store.run_query("trend_cwqi_inputs", cwqi_period="quarter", start=dt.date(2023, 1, 1), end=dt.date(2023, 3, 31))
    qt = tt.cwqi_ranking(q, "section", dt.date(2023, 1, 1), dt.date(2022, 1, 1), NAMES, "en").set_index("trd_area")
    # s_f1, Q1 = mean of January and February: pH 7.5, DO 7.15, CODMn 6.1, NH3-N 1.3, TP 0.2, Cd 0.00025
    assert qt.loc["Bridge One", "trd_cwqi"] == round(0.25 + 5 / 7.15 + 6.1 / 6 + 1.3 + 1.0 + 0.05, 2)


def test_cwqi_of_the_district(db):
    m = store.run_query("trend_cwqi_inputs", cwqi_period="month", start=dt.date(2023, 1, 1), end=dt.date(2023, 1, 31))
    row = tt.cwqi_ranking(m, "district", dt.date(2023, 1, 1), dt.date(2022, 1, 1), NAMES, "en").iloc[0]
    # rivers (s_f1, s_t2) averaged first: pH 7.7, DO 7.55, CODMn 4.85, NH3-N 0.7, TP 0.135, Cd 0.00025
    river = 0.35 + 5 / 7.55 + 4.85 / 6 + 0.7 + 0.675 + 0.05
    lake = 0.5 + 5 / 9 + 3.5 / 6 + 0.3 + 0.8
    assert row["trd_cwqi"] == round((2 * river + lake) / 3, 2)
    assert row["trd_n_sections"] == 3


def test_area_status_and_section_comparison_on_the_fixture(db):
    classes = store.run_query("trend_section_classes", period_kind="month")
    means = store.run_query("trend_area_means", period_kind="month")
    status = tt.area_status(classes, means)
    jan = status[(status["area_kind"] == "district") & (status["period"] == pd.Timestamp(2023, 1, 1))].iloc[0]
    assert (jan["method"], jan["n_sections"]) == ("means", 3)
    names = {"s_f1": "Bridge One", "s_t2": "Sluice Two", "s_res": "Test Reservoir"}
    comp = tt.section_comparison(classes, dt.date(2023, 2, 1), dt.date(2023, 1, 1), names, "en").set_index("section")
    # s_f1 January: CODMn 5.2, NH3-N 0.8, TP 0.15 -> III (良好); February: NH3-N 1.8 -> V (中度):
    # two levels worse -> 明显变差
    row = comp.loc["Bridge One"]
    assert (row["trd_class_base"], row["trd_class_now"], row["trd_steps"]) == ("Class Ⅲ", "Class Ⅴ", -2)
    assert (row["trd_status_base"], row["trd_status_now"], row["trd_change"]) == (
        "Good",
        "Moderately polluted",
        "markedly worse",
    )
    assert "Test Reservoir" in comp.index  # January only: February has no data
    assert comp.loc["Test Reservoir", "trd_change"] == "not comparable (no data)"


def test_worst_sections_by_class_then_multiple_over_target():
    classes = pd.DataFrame(
        {
            "section_id": ["a", "b", "c", "d", "e"],
            "period": [pd.Timestamp(2024, 1, 1)] * 4 + [pd.Timestamp(2023, 1, 1)],
            "water_class": [4, 6, 4, 4, 6],
            "target_class": [3, 4, 4, 3, 3],
            "max_multiple_target": [0.2, 1.5, None, 0.6, 9.0],
            "worst_parameter": ["tp", "nh3n", None, "codmn", "tp"],
            "max_multiple_iii": [0.5, 2.0, 0.3, 0.6, 9.0],
        }
    )
    classes = pd.concat(
        [
            classes,
            pd.DataFrame(
                {
                    "section_id": ["f"],
                    "period": [pd.Timestamp(2024, 1, 1)],
                    "water_class": [4],
                    "target_class": [4],
                    "max_multiple_target": [None],
                    "worst_parameter": [None],
                    "max_multiple_iii": [0.4],
                }
            ),
        ],
        ignore_index=True,
    )
    names = {"a": "A", "b": "B", "c": "C", "d": "D", "e": "E", "f": "F"}
    out = tt.worst_sections(classes, dt.date(2024, 1, 1), names, {"tp": "TP", "nh3n": "NH3-N", "codmn": "CODMn"}, "en")
    # 劣V first; then IV by the multiple over the target; without one, by the multiple over class III
    assert list(out["section"]) == ["B", "D", "A", "F", "C"]
    assert list(out["trd_multiple_target"])[:3] == [1.5, 0.6, 0.2]
    assert list(out["trd_multiple_iii"]) == [2.0, 0.6, 0.5, 0.4, 0.3]
    assert list(out["trd_worst_parameter"]) == ["NH3-N", "CODMn", "TP", "", ""]
    assert list(out["trd_rank"]) == [1, 2, 3, 4, 5]


def test_pollution_index_trend_on_the_fixture(db):
    inputs = store.run_query(
        "trend_cwqi_inputs", cwqi_period="year", start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31)
    )
    out = tt.pollution_index_trends(
        inputs, {"s_f1": "Bridge One", "s_t2": "Sluice Two", "s_res": "Test Reservoir"}, "en"
    )
    res = out.set_index("section").loc["Test Reservoir"]
    # s_res, 2023 (January only): CODMn 3.5/6 + NH3-N 0.3/1.0 + TP 0.04/0.05; fluoride excluded
    assert res["trd_p_last"] == round(3.5 / 6 + 0.3 + 0.8, 2)
    assert (res["trd_n"], res["trd_verdict"]) == (1, "N = 1, fewer than 5 periods: no verdict")


def test_quarter_classes_are_graded_from_quarterly_means(db):
    q = store.run_query("trend_section_classes", period_kind="quarter").set_index(["section_id", "period"])
    # s_f1 Q1 2023 = mean of January and February: CODMn 6.1 (IV), NH3-N 1.3 (IV), TP 0.2 (III),
    # DO 7.15 (II), pH 7.5, Cd 0.00025 (I) -> IV; target IV: attained, nothing over the target;
    # over class III: NH3-N (1.3 - 1.0)/1.0 = 0.3 is the largest (CODMn 0.017)
    row = q.loc[("s_f1", pd.Timestamp(2023, 1, 1))]
    assert (row["water_class"], row["is_attained"]) == (4, True)
    assert pd.isna(row["max_multiple_target"])
    assert row["max_multiple_iii"] == pytest.approx(0.3)
    # s_res has January only: its Q1 class is its January class (III: TP 0.04 against the reservoir limits)
    m = store.run_query("trend_section_classes", period_kind="month").set_index(["section_id", "period"])
    assert (
        q.loc[("s_res", pd.Timestamp(2023, 1, 1)), "water_class"]
        == m.loc[("s_res", pd.Timestamp(2023, 1, 1)), "water_class"]
        == 3
    )
    # s_f1 Q2 holds April only, read as the month is
    assert (
        q.loc[("s_f1", pd.Timestamp(2023, 4, 1)), "water_class"]
        == m.loc[("s_f1", pd.Timestamp(2023, 4, 1)), "water_class"]
    )


def test_quarter_area_means(db):
    means = store.run_query("trend_area_means", period_kind="quarter").set_index(["area_kind", "area_id", "period"])
    # Q1 2023 section means: s_f1 NH3-N 1.3, TP 0.2, CODMn 6.1, DO 7.15; s_t2 (Jan-Mar) NH3-N 0.8,
    # TP 0.16, CODMn 5.333, DO 6.667; s_res (Jan) NH3-N 0.3, TP 0.04, CODMn 3.5, DO 9.0
    # river r1 (s_f1, s_t2): NH3-N 1.05 -> IV, TP 0.18 III, CODMn 5.717 III, DO 6.908 II -> IV
    assert means.loc[("river", "r1", pd.Timestamp(2023, 1, 1)), "mean_class"] == 4
    # district (3 sections, river limits): NH3-N 0.8 III, TP 0.133 III, CODMn 4.978 III, DO 7.606 I -> III
    row = means.loc[("district", "district", pd.Timestamp(2023, 1, 1))]
    assert (row["n_sections"], row["mean_class"]) == (3, 3)
