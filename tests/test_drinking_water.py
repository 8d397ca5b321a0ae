"""Drinking-water sources (plan task 15): the compliance rules of queries/schema/065_drinking_water.sql,
the task status, the risk sources found by geometry, and the three import kinds. On the hand-built
set tests/fixtures/drinking_water/ (see its README); every expected value is worked out below."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from bishui import ingest
from bishui.db import store
from tests.conftest import build_fixture_warehouse, read_frame

AS_OF = dt.date(2024, 4, 15)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_fixture_warehouse(tmp_path_factory, "drinking_water")


def test_months_are_judged_on_table_1_and_table_2(built):
    d = read_frame(built, "SELECT * FROM drinking_source_months($a) ORDER BY source_id, month", a=AS_OF)
    status = {(r.source_id, r.month.strftime("%Y-%m")): r.status for r in d.itertuples()}
    assert status == {
        # r1: TP 0.05 is the reservoir class III limit (lake/reservoir TP limits, not the river 0.2): met
        ("r1", "2024-01"): "met",
        ("r1", "2024-02"): "not_met",  # Mn 0.15 > 0.1 (Table 2) and NH3-N 1.2 class IV
        ("r1", "2024-03"): "not_met",  # the 10th is fine, the 25th has Mn 0.12: the worst value counts
        ("r1", "2024-04"): "open",  # April is not over on the 15th: never met yet
        ("w1", "2024-01"): "met",  # TN 5.0 is kept but never graded
        ("w1", "2024-02"): "no_data",  # no sample: never met
        ("w1", "2024-03"): "partial",  # Mn not measured
        ("w1", "2024-04"): "not_met",  # iron 0.4 > 0.3: a failure counts before the month is over
    }
    feb = d[(d.source_id == "r1") & (d.month == pd.Timestamp("2024-02-01"))].iloc[0]
    # (1.2 - 1.0) / 1.0 = 0.2 for NH3-N against class III; (0.15 - 0.1) / 0.1 = 0.5 for Mn; Table 1 first
    assert [
        (f["parameter"], f["table_no"], f["value"], f["limit_value"], round(f["multiple"], 9)) for f in feb.failing
    ] == [("nh3n", 1, 1.2, 1.0, 0.2), ("mn", 2, 0.15, 0.1, 0.5)]
    mar = d[(d.source_id == "r1") & (d.month == pd.Timestamp("2024-03-01"))].iloc[0]
    assert (mar.n_samples, [(f["parameter"], f["value"]) for f in mar.failing]) == (2, [("mn", 0.12)])
    w_mar = d[(d.source_id == "w1") & (d.month == pd.Timestamp("2024-03-01"))].iloc[0]
    assert list(w_mar.missing_required) == ["mn"] and w_mar.n_items == 9
    w_apr = d[(d.source_id == "w1") & (d.month == pd.Timestamp("2024-04-01"))].iloc[0]
    assert round(w_apr.failing[0]["multiple"], 6) == 0.333333  # (0.4 - 0.3) / 0.3


def test_grades_reuse_the_house_rounding(built):
    g = read_frame(built, "SELECT * FROM drinking_source_grades() WHERE source_id = 'r1' AND sampled_on = '2024-01-10'")
    row = g.set_index("parameter")
    assert row.loc["tp", "parameter_class"] == 3 and row.loc["tp", "limit_value"] == 0.05 and row.loc["tp", "is_met"]
    assert row.loc["mn", "table_no"] == 2 and pd.isna(row.loc["mn", "parameter_class"])
    assert row.loc["ph", "table_no"] == 1 and row.loc["ph", "parameter_class"] == 1


def test_years_and_district_rate(built):
    y = read_frame(built, "SELECT * FROM drinking_source_years($a) ORDER BY source_id", a=AS_OF)
    assert y[
        ["source_id", "year", "status", "months_met", "months_not_met", "months_without_result", "months_open"]
    ].values.tolist() == [["r1", 2024, "not_met", 1, 2, 0, 1], ["w1", 2024, "not_met", 1, 1, 2, 0]]
    # on 15 February: r1's sample of the 10th already failed (not met before the month is over); w1 has
    # January met and February open: incomplete, not met
    early = read_frame(
        built, "SELECT source_id, status FROM drinking_source_years($a) ORDER BY 1", a=dt.date(2024, 2, 15)
    )
    assert early.values.tolist() == [["r1", "not_met"], ["w1", "incomplete"]]
    d = read_frame(built, "SELECT * FROM drinking_district_months($a, NULL) ORDER BY month", a=AS_OF)
    # Jan: both met 2/2; Feb: r1 failed, w1 no data -> 0/1; Mar: r1 failed, w1 partial -> 0/1;
    # Apr: r1 open (not assessed), w1 failed -> 0/1
    assert d[["n_sources", "n_assessed", "n_met"]].values.tolist() == [[2, 2, 2], [2, 1, 0], [2, 1, 0], [2, 1, 0]]
    assert d["rate_pct"].tolist() == [100.0, 0.0, 0.0, 0.0]


@pytest.mark.parametrize(
    "as_of, status",
    [
        (dt.date(2024, 4, 15), "missed"),  # March: r1 failed in March and February
        (dt.date(2024, 3, 15), "at_risk"),  # February: r1 failed for the first time (and w1 has no sample)
        (dt.date(2024, 2, 15), "met"),  # January: both met
        (dt.date(2024, 1, 20), "no_data"),  # December 2023: nothing sampled
    ],
)
def test_task_status_15(built, as_of, status):
    t = read_frame(built, "SELECT * FROM task_data_status($a) WHERE task_no = 15", a=as_of)
    assert t["data_status"].tolist() == [status]
    month_end = (pd.Timestamp(as_of).replace(day=1) - pd.Timedelta(days=1)).date()
    assert t["measured_through"].iloc[0].date() == month_end


def test_task_status_15_evidence(built):
    t = read_frame(built, "SELECT * FROM task_status_15($a)", a=dt.date(2024, 2, 15)).iloc[0]
    assert t.evidence_zh == "2024年1月：2个水源地中2个达标"
    assert t.evidence_en == "2 of 2 drinking-water sources compliant in 2024-01"
    t = read_frame(built, "SELECT * FROM task_status_15($a)", a=dt.date(2024, 3, 15)).iloc[0]
    assert t.evidence_en.startswith("0 of 2 drinking-water sources compliant in 2024-02 (not compliant or no data:")


def test_risk_sources_inside_the_zones(built, use_db):
    from bishui.views import drinking_water

    use_db(built)
    zones = store.run_query("drinking_source_zones", town_id=None)
    points = store.run_query("drinking_risk_points", now=AS_OF)
    risks = drinking_water.risk_sources(zones, points)
    # o1 (0.01° east of r1) is in the second-level zone only; o2 is outside; o3 is closed (not a
    # candidate at all); ov1 is in w1's first-level zone; p1 is far away. A point in both of r1's
    # zones would be reported once, in the first-level zone.
    assert risks[["object_id", "source_id", "zone_level"]].values.tolist() == [
        ["o1", "r1", "second"],
        ["ov1", "w1", "first"],
    ]


# -- import ------------------------------------------------------------------------------------------


@pytest.fixture
def db(built, tmp_path, use_db) -> Path:
    path = tmp_path / "w.duckdb"
    shutil.copyfile(built, path)
    return use_db(path)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_templates_round_trip(db, lang):
    """Each template's example row imports and lands in the warehouse as written (sources first: the
    zones and samples refer to the example source)."""
    expected = {
        "drinking_sources": (
            "SELECT source_id, name_zh, source_type, lon, lat, target_class, supply_m3_d "
            "FROM drinking_sources WHERE source_id = 'ds9'",
            [("ds9", "测试水库水源地", "reservoir", 116.02, 36.42, 3, 20000.0)],
        ),
        "drinking_source_zones": (
            "SELECT zone_id, source_id, zone_level, ST_AsText(ST_GeomFromWKB(geom_wkb)) "
            "FROM drinking_source_zones WHERE zone_id = 'ds9-1'",
            [("ds9-1", "ds9", "first", "POLYGON ((116.1 36.4, 116.15 36.4, 116.15 36.45, 116.1 36.45, 116.1 36.4))")],
        ),
        "drinking_source_samples": (
            "SELECT source_id, sampled_on, parameter, value FROM drinking_source_samples WHERE source_id = 'ds9'",
            [("ds9", dt.date(2023, 5, 3), "mn", 0.05)],
        ),
    }
    for kind, (sql, rows) in expected.items():
        data = ingest.template(kind, lang, "csv")
        plan = ingest.prepare((f"{kind}.csv", data), kind=kind, lang=lang)
        assert plan.ok, plan.problems
        result = ingest.apply(plan, user="tester")
        assert result.imported and result.rows_added == 1, result.message
        con = duckdb.connect(str(db), read_only=True)
        try:
            assert con.execute(sql).fetchall() == rows
        finally:
            con.close()


def test_samples_convert_units_and_map_names(db):
    text = "水源地,采样日期,监测项目,监测值,单位\n一号水库水源地,2024-05-06,锰,150,μg/L\nr1,2024-05-06,硝酸盐(以N计),2.5,mg/L\n"
    plan = ingest.prepare(("s.csv", text.encode()))
    assert plan.kind == "drinking_source_samples" and plan.ok, plan.problems
    assert plan.frame[["source_id", "parameter", "value"]].values.tolist() == [
        ["r1", "mn", 0.15],
        ["r1", "nitrate", 2.5],
    ]


def test_validation_messages_in_chinese_and_english(db):
    text = (
        "水源地,采样日期,监测项目,监测值,单位\n"
        "三号水库,2024-05-06,锰,0.05,mg/L\n"  # no such source
        "r1,2024-05-06,锰锰,0.05,mg/L\n"  # no such parameter
        "r1,2024-05-06,铁,0.05,个/L\n"  # a unit that does not fit iron
        "r1,2099-01-01,铁,0.05,mg/L\n"  # in the future
        "r1,2024-05-07,氯化物,-3,mg/L\n"  # negative
        "r1,2024-05-08,氯化物,30,mg/L\n"
        "r1,2024-05-08,氯化物,31,mg/L\n"
    )  # the same source, day and item twice
    zh = ingest.prepare(("p.csv", text.encode()), kind="drinking_source_samples")
    reasons = dict(zip(zh.problems["row"], zh.problems["reason"]))
    assert reasons[2].startswith("未找到对应的饮用水水源地")
    assert reasons[3] == "未知的监测项目"
    assert reasons[4].startswith("单位“个/L”不适用于")
    assert reasons[5].startswith("日期晚于今天") and reasons[6] == "不能为负数"
    assert 8 in reasons and "重复" in reasons[8]
    en = ingest.prepare(("p.csv", text.encode()), kind="drinking_source_samples", lang="en")
    reasons = dict(zip(en.problems["row"], en.problems["reason"]))
    assert reasons[2].startswith("no such drinking-water source") and reasons[3] == "unknown parameter"
    assert reasons[6] == "must not be negative" and "duplicate" in reasons[8].lower()
    zones = (
        "保护区编号,水源地,保护区级别,几何(WKT)\n"
        'z1,r1,三级保护区,"POLYGON ((116 36.4, 116.1 36.4, 116.1 36.5, 116 36.4))"\n'
        'z2,r1,一级,"LINESTRING (116 36.4, 116.1 36.4)"\n'
    )
    zh = ingest.prepare(("z.csv", zones.encode()), kind="drinking_source_zones")
    reasons = dict(zip(zh.problems["row"], zh.problems["reason"]))
    assert reasons[2].startswith("不是允许的取值（可选：一级保护区、二级保护区")
    assert reasons[3] == "几何类型应为 Polygon, MultiPolygon" or reasons[3].startswith("几何类型应为")
    sources = (
        "水源地编号,水源地名称,水源地类型,取水口经度,取水口纬度\nds8,八号,海水,116.0,36.4\nds7,七号,河流型,200,36.4\n"
    )
    en = ingest.prepare(("d.csv", sources.encode()), kind="drinking_sources", lang="en")
    reasons = dict(zip(en.problems["row"], en.problems["reason"]))
    assert reasons[2].startswith("not an allowed value") and "groundwater" in reasons[2]
    assert "longitude" in reasons[3].lower()


# -- the sample (data/sample/, bishui/tools/sample_drinking_water.py) ------------------------------------------

SAMPLE_NOW = dt.datetime(2025, 12, 15, 10, 0)


def test_the_sample_tells_its_story(sample_db):
    d = read_frame(
        sample_db,
        "SELECT source_id, strftime(month, '%Y-%m') AS m, status FROM drinking_source_months($a) "
        "WHERE status <> 'met' ORDER BY 1, 2",
        a=SAMPLE_NOW,
    )
    assert d.values.tolist() == [
        ["tanzhuang_res", "2024-08", "not_met"],
        ["tanzhuang_res", "2025-07", "not_met"],
        ["tanzhuang_res", "2025-08", "not_met"],
        ["tanzhuang_res", "2025-12", "open"],
        ["yuji_wells", "2024-02", "no_data"],
        ["yuji_wells", "2025-11", "not_met"],
        ["yuji_wells", "2025-12", "open"],
    ]
    t = read_frame(
        sample_db, "SELECT data_status, evidence_en FROM task_data_status($a) WHERE task_no = 15", a=SAMPLE_NOW
    )
    assert t.values.tolist() == [
        ["at_risk", "1 of 2 drinking-water sources compliant in 2025-11 (not compliant or no data: Yuji well field)"]
    ]


def test_the_sample_has_one_risk_outfall_in_a_second_level_zone(sample_db, use_db):
    from bishui.views import drinking_water

    use_db(sample_db)
    risks = drinking_water.risk_sources(
        store.run_query("drinking_source_zones", town_id=None),
        store.run_query("drinking_risk_points", now=SAMPLE_NOW.date()),
    )
    assert risks[["object_id", "source_id", "zone_level"]].values.tolist() == [
        ["yangjiao-zhu-002", "tanzhuang_res", "second"]
    ]
