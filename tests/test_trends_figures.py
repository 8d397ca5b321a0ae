"""The trend page's figures pinned on the fixture warehouse (tests/fixtures/district), and the page
itself (AppTest) showing the worded change and the rankings."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from bishui.views import figures_trends as ft, trends_tables as tt
from bishui import safe_text
from bishui.db import store
from bishui.rules import trends
from tests.apptest_helpers import app


@pytest.fixture
def db(fixture_db, use_db):
    use_db(fixture_db)
    return fixture_db


def _names(lang="en"):
    return tt.area_names(store.run_query("sections_list", town_id=None), store.run_query("towns"), lang)


def test_status_matrix_on_the_fixture(db):
    classes = store.run_query("trend_section_classes", period_kind="month")
    status = tt.area_status(classes, store.run_query("trend_area_means", period_kind="month"))
    fig = ft.status_matrix(status, _names(), "en")
    hm = fig.data[0]
    assert list(hm.x) == ["2023-01", "2023-02", "2023-03", "2023-04"]
    assert hm.y[0] == "District"  # the district first, then townships, then rivers
    assert [y.split(" · ")[0] for y in hm.y] == ["District", "Township", "Township", "River"]
    # the district in January: 3 sections (< 5) -> the class of the mean concentrations
    jan = status[(status["area_kind"] == "district") & (status["period"] == pd.Timestamp(2023, 1, 1))].iloc[0]
    assert hm.z[0][0] == int(jan["level"]) + 1
    assert hm.text[0][0] == trends.level_text(jan["level"], "en")
    # river r1 holds s_f1 and s_t2; in March only s_t2 has data
    row = [y.split(" · ")[0] for y in hm.y].index("River")
    assert all(v > 0 for v in hm.z[row])


def test_sections_figure_and_sen_lines_on_the_fixture(db):
    series = store.run_query("trend_section_series", section_ids=["s_f1", "s_t2"], parameters=["nh3n"])
    monthly = series[series["period_kind"] == "month"]
    fig = ft.sections_figure(
        monthly,
        {"s_t2": "Sluice Two", "s_f1": "Bridge One"},
        "NH3-N",
        "mg/L",
        "en",
        sen={
            "s_t2": pd.DataFrame({"month": [pd.Timestamp(2023, 1, 1), pd.Timestamp(2023, 4, 1)], "value": [0.6, 1.0]})
        },
    )
    names = [t.name for t in fig.data]
    assert names == ["Sluice Two", "Sluice Two · Sen line", "Bridge One"]  # order given = legend order
    assert list(fig.data[0].y) == pytest.approx([0.6, 0.9, 0.9, 0.9])
    assert (fig.data[1].line.dash, list(fig.data[1].y)) == ("dash", [0.6, 1.0])
    # s_f1: January 0.8, February 1.8, no March, April from the automatic station (NH3-N takes
    # automatic data first): daily means 2.5 and 2.8 -> 2.65
    assert list(fig.data[2].y) == pytest.approx([0.8, 1.8, 2.65])
    assert [pd.Timestamp(x).month for x in fig.data[2].x] == [1, 2, 4]


def test_shares_figure_on_the_fixture(db):
    classes = store.run_query("trend_section_classes", period_kind="year")
    status = tt.area_status(classes, store.run_query("trend_area_means", period_kind="year"))
    one = status[status["area_kind"] == "district"]
    fig = ft.shares_figure(one, "en")
    assert list(fig.data[0].x) == ["2023"]
    assert list(fig.data[0].y) == list(one["good_pct"])
    assert list(fig.data[1].y) == list(one["bad_pct"])
    assert list(fig.data[2].text) == [trends.level_text(one["level"].iloc[0], "en")]


def test_cwqi_bars_on_the_fixture(db):
    inputs = store.run_query(
        "trend_cwqi_inputs", cwqi_period="month", start=dt.date(2023, 1, 1), end=dt.date(2023, 1, 31)
    )
    names = {
        ("section", "s_f1"): "Bridge One",
        ("section", "s_t2"): "Sluice Two",
        ("section", "s_res"): "Test Reservoir",
    }
    ranking = tt.cwqi_ranking(inputs, "section", dt.date(2023, 1, 1), dt.date(2022, 1, 1), names, "en")
    fig = ft.cwqi_bars(ranking, "en")
    assert list(fig.data[0].y) == ["Bridge One", "Sluice Two", "Test Reservoir"]  # best on top (reversed axis order)
    assert list(fig.data[0].x) == list(ranking["trd_cwqi"])[::-1]
    assert len(fig.data) == 1  # no base-year values: no markers


def test_page_words_the_change_and_ranks(db):
    at = app({"lang": "en", "month": "2023-02"}, "pages/trends.py")
    assert not at.exception
    at.radio(key="trd_against").set_value("previous").run()
    frames = [d.value for d in at.dataframe]
    sections = next(f for f in frames if "Level steps (+ = better)" in f.columns)
    row = sections.set_index("Section").loc["Bridge One"]
    assert (row["Class, base period"], row["Class, this period"], row["Change"]) == (
        "Class Ⅲ",
        "Class Ⅴ",
        "markedly worse",
    )
    worst = next(f for f in frames if "Multiple over target (largest)" in f.columns)
    assert list(worst["Section"])[0] == "Bridge One"


def _series(sid: str, start_year: int, years: int, slope: float) -> pd.DataFrame:
    months = pd.date_range(f"{start_year}-01-01", periods=12 * years, freq="MS")
    rows = [
        {
            "section_id": sid,
            "period_kind": "month",
            "period": m,
            "parameter": "nh3n",
            "mean_value": 1.0 + slope * (m.year - start_year) + 0.01 * m.month,
        }
        for m in months
    ]
    for y in range(start_year, start_year + years):
        vals = [r["mean_value"] for r in rows if r["period"].year == y]
        rows.append(
            {
                "section_id": sid,
                "period_kind": "year",
                "period": pd.Timestamp(y, 1, 1),
                "parameter": "nh3n",
                "mean_value": sum(vals) / len(vals),
            }
        )
    return pd.DataFrame(rows)


def test_section_badges_and_sen_lines_clipped_to_the_chart():
    series = pd.concat([_series("up", 2019, 6, -0.1), _series("down", 2022, 3, 0.2)])
    lines, sen = tt.section_badges(
        series,
        {"up": "Upstream", "down": "Downstream"},
        "NH3-N",
        "mg/L",
        "en",
        window=(dt.date(2023, 1, 1), dt.date(2026, 6, 30)),
    )
    assert lines[0].startswith(
        "Upstream — NH3-N: significant fall, r_s −1.00, N 6, W 0.829 (exact table), α 0.05; "
        "Seasonal Kendall: significant fall, Sen slope −0.100 mg/L per year"
    )
    assert lines[1].startswith(
        "Downstream — NH3-N: N = 3, fewer than 5 periods: no verdict; Seasonal Kendall: insufficient"
    )
    assert list(sen) == ["up"]  # only sufficient data get a line
    line = sen["up"]
    assert list(line["month"]) == [pd.Timestamp(2023, 1, 1), pd.Timestamp(2024, 12, 1)]  # window ∩ data
    # through the medians: time 2021.958 (mid of 2019-01..2024-12), value median; slope -0.1 per year
    assert line["value"].iloc[1] - line["value"].iloc[0] == pytest.approx(-0.1 * (23 / 12))
    fig = ft.add_sen_lines(
        __import__("plotly.graph_objects").graph_objects.Figure(), sen, {"up": "Upstream"}, "en", order=["down", "up"]
    )
    assert fig.data[0].name == "Upstream · Sen line" and fig.data[0].line.dash == "dash"
    assert fig.data[0].line.color == ft.LINE_COLORS[1]  # the section's colour in the chart


def test_sections_page_shows_the_trend_badges(db):
    at = app({"lang": "en"}, "pages/sections.py")  # defaults: Bridge One; NH3-N, TP, CODMn
    assert not at.exception
    captions = "\n".join(c.value for c in at.caption)
    assert (
        safe_text.md(
            "Bridge One — Ammonia nitrogen (NH3-N): N = 1, fewer than 5 periods: no verdict; "
            "Seasonal Kendall: insufficient data (1 years"
        )
        in captions
    )


def test_badge_reads_as_chinese_in_zh():
    series = _series("up", 2019, 6, -0.1)
    text = tt.badge("氨氮", series, "mg/L", "zh")
    assert text.startswith(
        "氨氮：呈显著下降趋势，r_s −1.00，N 6，W 0.829（精确临界值表），α 0.05；季节性肯德尔：呈显著下降趋势"
    )


def test_status_matrix_with_a_period_without_classes():
    status = pd.DataFrame(
        {
            "area_kind": ["district", "district"],
            "area_id": ["district"] * 2,
            "period": [pd.Timestamp(2024, 1, 1), pd.Timestamp(2025, 1, 1)],
            "method": ["shares", "none"],
            "n_sections": [6, 0],
            "good_pct": [50.0, None],
            "bad_pct": [0.0, None],
            "level": [2, None],
        }
    )
    hm = ft.status_matrix(status, {("district", "district"): "District"}, "en").data[0]
    assert list(hm.z[0]) == [3, 0] and list(hm.text[0]) == ["Lightly polluted", ""]
    assert hm.hovertext[0][1] == "District 2025: No data"


def test_page_cwqi_for_a_quarter_and_the_district(db):
    at = app({"lang": "en", "month": "2023-02"}, "pages/trends.py")
    at.radio(key="trd_ckind").set_value("quarter").run()
    at.radio(key="trd_level").set_value("district").run()
    assert not at.exception
    frame = next(d.value for d in at.dataframe if "CWQI" in d.value.columns)
    assert list(frame["Name"]) == ["District"] and list(frame["Sections"]) == [3]
    inputs = store.run_query(
        "trend_cwqi_inputs", cwqi_period="quarter", start=dt.date(2023, 1, 1), end=dt.date(2023, 3, 31)
    )
    expected = tt.cwqi_ranking(inputs, "district", dt.date(2023, 1, 1), dt.date(2022, 1, 1), {}, "en")
    assert list(frame["CWQI"]) == list(expected["trd_cwqi"])
    assert "CWQI for 2023 Q1 (base 2022 Q1); smaller is better" in [s.value for s in at.subheader]


def test_page_compares_quarters(db):
    at = app({"lang": "en", "month": "2023-04"}, "pages/trends.py")
    at.radio(key="trd_kind").set_value("quarter").run()
    at.radio(key="trd_against").set_value("previous").run()
    assert not at.exception
    assert "Sections: 2023 Q2 against 2023 Q1" in [s.value for s in at.subheader]
    frames = [d.value for d in at.dataframe]
    sections = next(f for f in frames if "Level steps (+ = better)" in f.columns).set_index("Section")
    # s_f1: Q1 IV (see test_trends_tables); Q2 = April, read as that month's class
    assert sections.loc["Bridge One", "Class, base period"] == "Class Ⅳ"
    assert "Quarter classes" in "\n".join(c.value for c in at.caption)


def test_page_with_one_township_shows_its_areas_and_sections(db):
    at = app({"lang": "en", "month": "2023-02", "town": "t1"}, "pages/trends.py")
    assert not at.exception
    frames = [d.value for d in at.dataframe]
    areas = next(f for f in frames if "Area type" in f.columns and "Change" in f.columns)
    assert list(areas["Area type"]) == ["District", "Township", "River"]  # t1 and its river r1
    sections = next(f for f in frames if "Level steps (+ = better)" in f.columns)
    assert list(sections["Section"]) == ["Bridge One"]  # s_f1 is t1's only section
