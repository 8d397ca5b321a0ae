"""The weekly view of the automatic stations (issue 12 item 5), hand-worked on the fixture warehouse
plus two weeks of automatic data at s_f1 (a river section, target Ⅳ):

week of 2023-05-01 (the week before): pH 7.2 (Ⅰ), DO 8.0 (Ⅰ), CODMn 3.0 (Ⅱ), NH3-N 0.40 (Ⅱ),
TP 0.08 (Ⅱ) -> class Ⅱ.
week of 2023-05-08: NH3-N 1.0 and 1.4 on Monday (daily mean 1.2) and 1.5 on Wednesday at 04:00 ->
weekly mean of the daily means (1.2 + 1.5) / 2 = 1.35 (not the mean of the three readings, 1.3) ->
Ⅳ (1.0 < 1.35 <= 1.5); TP 0.15 -> Ⅲ; DO 5.5 -> Ⅲ; CODMn 4.0 -> Ⅱ; pH 8.0 -> Ⅰ; class Ⅳ, +2 steps.
The last automatic reading is Wednesday 2023-05-10 04:00: 47 h later (05-12 03:00) the station is not
silent, 49 h later (05-12 05:00) it is."""

from __future__ import annotations

import datetime as dt
import shutil

import pandas as pd
import pytest

from bishui.db import store, warehouse
from bishui.views import weekly
from tests.apptest_helpers import app
from tests.conftest import FIXTURE_DIR

EXTRA = """\
s_f1,ph,2023-05-01,2023-05-01 00:00:00,7.0,auto
s_f1,ph,2023-05-01,2023-05-01 04:00:00,7.4,auto
s_f1,do,2023-05-01,2023-05-01 00:00:00,8.0,auto
s_f1,codmn,2023-05-02,2023-05-02 00:00:00,3.0,auto
s_f1,nh3n,2023-05-02,2023-05-02 00:00:00,0.40,auto
s_f1,tp,2023-05-03,2023-05-03 00:00:00,0.08,auto
s_f1,ph,2023-05-08,2023-05-08 00:00:00,8.0,auto
s_f1,do,2023-05-08,2023-05-08 00:00:00,5.5,auto
s_f1,codmn,2023-05-08,2023-05-08 00:00:00,4.0,auto
s_f1,tp,2023-05-08,2023-05-08 00:00:00,0.15,auto
s_f1,nh3n,2023-05-08,2023-05-08 00:00:00,1.0,auto
s_f1,nh3n,2023-05-08,2023-05-08 04:00:00,1.4,auto
s_f1,nh3n,2023-05-10,2023-05-10 04:00:00,1.5,auto
"""


@pytest.fixture(scope="module")
def weekly_db(tmp_path_factory):
    src = tmp_path_factory.mktemp("weekly_src") / "district"
    shutil.copytree(FIXTURE_DIR, src)
    with open(src / "readings.csv", "a", encoding="utf-8") as fh:
        fh.write(EXTRA)
    path = tmp_path_factory.mktemp("weekly") / "weekly.duckdb"
    warehouse.build(path, src)
    return path


def _week(week, now, hours=48, town=None):
    return store.run_query("weekly_auto", week_start=week, now_at=now, silent_hours=hours, town_id=town)


def test_weekly_means_class_and_step_change(weekly_db, use_db):
    use_db(weekly_db)
    cmp = weekly.compare(_week(dt.date(2023, 5, 8), dt.datetime(2023, 5, 15)), dt.date(2023, 5, 8))
    row = cmp.set_index("section_id").loc["s_f1"]
    assert row["mean_nh3n"] == pytest.approx(1.35)
    assert row["mean_tp"] == pytest.approx(0.15) and row["mean_do"] == pytest.approx(5.5)
    assert (row["class_ph"], row["class_do"], row["class_codmn"], row["class_nh3n"], row["class_tp"]) == (1, 3, 2, 4, 3)
    assert row["water_class"] == 4 and row["prev_class"] == 2 and row["class_change"] == 2
    assert row["n_days"] == 2
    prev = weekly.compare(_week(dt.date(2023, 5, 1), dt.datetime(2023, 5, 15)), dt.date(2023, 5, 1))
    p = prev.set_index("section_id").loc["s_f1"]
    assert p["mean_ph"] == pytest.approx(7.2) and p["water_class"] == 2
    # the week of 2023-04-24 has the fixture's own NH3-N (2.4, 2.6 | 2.8 -> 2.65, 劣Ⅴ): 4 steps better
    assert p["prev_class"] == 6 and p["class_change"] == -4
    older = weekly.compare(_week(dt.date(2023, 4, 24), dt.datetime(2023, 5, 15)), dt.date(2023, 4, 24))
    assert pd.isna(older["prev_class"].iloc[0]) and pd.isna(older["class_change"].iloc[0])  # nothing before


def test_township_filter(weekly_db, use_db):
    use_db(weekly_db)
    assert set(_week(dt.date(2023, 5, 8), dt.datetime(2023, 5, 15), town="t1")["section_id"]) == {"s_f1"}
    assert _week(dt.date(2023, 5, 8), dt.datetime(2023, 5, 15), town="t2").empty  # s_f1 is in t1


def test_readings_after_now_are_not_counted(weekly_db, use_db):
    use_db(weekly_db)
    row = _week(dt.date(2023, 5, 8), dt.datetime(2023, 5, 9)).set_index("section_id")
    row = row[pd.to_datetime(row["week_start"]).dt.date == dt.date(2023, 5, 8)].loc["s_f1"]
    assert row["mean_nh3n"] == pytest.approx(1.2)  # Wednesday's 1.5 was not taken yet


def test_silent_at_47_hours_not_at_49(weekly_db, use_db):
    use_db(weekly_db)
    at_47 = _week(dt.date(2023, 5, 8), dt.datetime(2023, 5, 12, 3)).set_index("section_id")
    at_49 = _week(dt.date(2023, 5, 8), dt.datetime(2023, 5, 12, 5)).set_index("section_id")
    assert not at_47.loc["s_f1", "is_silent"].any()
    assert at_49.loc["s_f1", "is_silent"].all()
    assert (
        weekly.silent_text(True, pd.Timestamp("2023-05-10 04:00"), dt.datetime(2023, 5, 12, 5), "en") == "silent 2.0 d"
    )


def test_last_complete_week_and_labels():
    assert weekly.last_complete_week(dt.datetime(2023, 5, 15, 0, 0)) == dt.date(2023, 5, 8)
    assert weekly.last_complete_week(dt.datetime(2023, 5, 14, 23, 59)) == dt.date(2023, 5, 1)
    assert weekly.change_text(2, "zh") == "+2 级（变差）"
    assert weekly.change_text(-1, "en") == "−1 (better)"
    assert weekly.change_text(0, "en") == "unchanged"
    assert weekly.week_options(dt.datetime(2023, 5, 10), [pd.Timestamp("2023-05-08"), pd.Timestamp("2023-06-05")]) == [
        dt.date(2023, 5, 8),
        dt.date(2023, 5, 1),
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_weekly_page_defaults_to_the_last_complete_week(lang, weekly_db, use_db, monkeypatch):
    use_db(weekly_db)
    monkeypatch.setenv("BISHUI_TODAY", "2023-05-15T09:00")
    at = app({"lang": lang}, "pages/weekly.py")
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="wk_week").value == "2023-05-08"
    table = at.dataframe[0].value
    row = table.iloc[0]
    if lang == "zh":
        assert at.title[0].value == "自动站周报 · 2023-05-08 至 05-14"
        assert list(row[["站点", "氨氮 (mg/L)", "水质类别", "上周类别", "类别变化"]]) == [
            "测试河一号桥",
            1.35,
            "Ⅳ类",
            "Ⅱ类",
            "+2 级（变差）",
        ]
        assert row["数据中断"] == "静默 5.2 天"
    else:
        assert at.title[0].value == "Automatic stations, weekly · 2023-05-08 to 05-14"
        assert list(row[["Station", "NH3-N (mg/L)", "Class", "Last week's class", "Class change"]]) == [
            "Bridge One",
            1.35,
            "Class Ⅳ",
            "Class Ⅱ",
            "+2 (worse)",
        ]
        assert row["Silent"] == "silent 5.2 d"
    assert [b.label for b in at.get("download_button")] == (
        ["下载 CSV", "下载 Excel"] if lang == "zh" else ["Download CSV", "Download Excel"]
    )
    at.selectbox(key="wk_week").set_value("2023-05-01").run()
    assert at.dataframe[0].value.iloc[0, 2] == 7.2  # pH of the week before
