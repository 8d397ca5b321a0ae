"""Medical-institution wastewater (plan task 14; queries/schema/067_medical.sql): the GB 18466-2005 column
each institution is held to, samples and months checked against it, the unmonitored flag, the task's
status from data, and the two import kinds. Every expected value is worked out by hand from
tests/fixtures/medical/ (see its README)."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest

from bishui import config, ingest
from bishui.db import store
from tests.conftest import build_fixture_warehouse

D = dt.date


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_fixture_warehouse(tmp_path_factory, "medical")


@pytest.fixture
def db(built, tmp_path, use_db) -> Path:
    path = tmp_path / "w.duckdb"
    shutil.copyfile(built, path)
    return use_db(path)


def _q(path: Path, sql: str, params: dict | None = None):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or {}).fetchall()
    finally:
        con.close()


def _run(path: Path, name: str, **params):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return store.execute(con, name, **params)
    finally:
        con.close()


def _status(path: Path, as_of: str) -> tuple:
    return _q(
        path, "SELECT data_status, evidence_zh, evidence_en, measured_through FROM task_status_14($d)", {"d": as_of}
    )[0]


def test_limits_are_loaded_from_the_reference_file_with_their_source(built):
    with open(config.REFERENCE_DIR / "medical_limits.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    loaded = _q(built, "SELECT column_code, parameter, min_value, max_value, source_row FROM medical_limits")
    assert len(loaded) == len(rows) == 20
    by_key = {(r[0], r[1]): r for r in loaded}
    # residual chlorine: a range per column (reference §7), fecal coliform in MPN/L
    assert by_key[("table1", "residual_chlorine")][2:4] == (6.5, 10.0)
    assert by_key[("table2_discharge", "residual_chlorine")][2:4] == (3.0, 10.0)
    assert by_key[("table2_pretreatment", "residual_chlorine")][2:4] == (2.0, 8.0)
    assert [by_key[(c, "fecal_coliform")][3] for c in ("table1", "table2_discharge", "table2_pretreatment")] == [
        100,
        500,
        5000,
    ]
    assert ("table2_pretreatment", "nh3n") not in by_key  # '–' in the pre-treatment column
    assert all(r[4].startswith("GB 18466-2005 表") and "reference §7" in r[4] for r in loaded)


def test_the_column_follows_the_institution_and_the_plant_month_by_month(built):
    rows = _q(
        built,
        "SELECT institution_id, month, column_code FROM medical_institution_months('2024-02-01', "
        "'2024-03-01') ORDER BY 1, 2",
    )
    got = {(i, m.isoformat()[:7]): c for i, m, c in rows}
    assert got[("h1", "2024-02")] == "table2_discharge"  # county hospital to a river
    assert got[("h2", "2024-02")] == "table1"  # infectious: Table 1 though on a sewer
    assert got[("h3", "2024-02")] == "table2_pretreatment"  # 30 beds, sewer to a working plant
    # h4's plant p_new is commissioned on 2024-03-01: discharge standard before, pre-treatment from then
    assert (got[("h4", "2024-02")], got[("h4", "2024-03")]) == ("table2_discharge", "table2_pretreatment")
    assert got[("c1", "2024-02")] == "disinfection_only"  # village clinic, 5 beds


def test_exceedances_with_multiples_and_below_the_minimum(built):
    ex = _run(
        built, "medical_exceedances", start=D(2024, 1, 1), end=D(2024, 12, 31), as_of=D(2024, 4, 15), town_id=None
    )
    got = {
        (r.institution_id, str(r.sampled_on)[:10], r.parameter): (r.verdict, r.exceed_multiple) for r in ex.itertuples()
    }
    assert set(got) == {
        ("h1", "2024-02-12", "fecal_coliform"),
        ("h1", "2024-02-12", "residual_chlorine"),
        ("h2", "2024-03-20", "ph"),
        ("h2", "2024-03-20", "residual_chlorine"),
        ("h3", "2024-01-20", "residual_chlorine"),
        ("h4", "2024-02-05", "cod"),
        ("h4", "2024-02-05", "bod5"),
        ("h4", "2024-02-05", "ss"),
    }
    assert got[("h1", "2024-02-12", "fecal_coliform")] == pytest.approx(("above", 0.6))  # (800-500)/500
    v, m = got[("h1", "2024-02-12", "residual_chlorine")]
    assert v == "below" and m != m  # 2.5 < 3: below the minimum, no multiple
    v, m = got[("h2", "2024-03-20", "ph")]
    assert v == "above" and m != m  # pH 9.2: a range, no multiple
    assert got[("h2", "2024-03-20", "residual_chlorine")] == pytest.approx(("above", 0.05))  # (10.5-10)/10
    assert got[("h3", "2024-01-20", "residual_chlorine")][0] == "below"  # 1.8 < 2
    assert got[("h4", "2024-02-05", "cod")] == pytest.approx(("above", 40 / 60))  # (100-60)/60
    # on a boundary: h2 2024-01-15 pH 9.0, FC 100, chlorine 6.5 are within; h4 in March: COD 100 <= 250,
    # chlorine 0.1 under UV has no limit; c1 (disinfection only) is never an exceedance


def test_month_status_per_institution(built):
    m = _run(built, "medical_month_matrix", start=D(2024, 1, 1), end=D(2024, 4, 1), as_of=D(2024, 4, 15), town_id=None)
    got = {(r.institution_id, str(r.month)[:7]): r.status for r in m.itertuples()}
    assert [got[("h1", f"2024-0{k}")] for k in range(1, 5)] == ["compliant", "exceeded", "compliant", "pending"]
    assert [got[("h2", f"2024-0{k}")] for k in range(1, 5)] == ["compliant", "no_data", "exceeded", "pending"]
    assert [got[("h3", f"2024-0{k}")] for k in range(1, 5)] == ["exceeded", "compliant", "no_data", "pending"]
    assert [got[("h4", f"2024-0{k}")] for k in range(1, 5)] == ["no_data", "exceeded", "compliant", "pending"]
    assert {got[("c1", f"2024-0{k}")] for k in range(1, 5)} == {"not_applicable"}
    # h1 sampled on 2024-04-02 within limits: April is not over, so it cannot read as compliant yet
    assert m.set_index(["institution_id", m["month"].astype(str).str[:7]]).loc[("h1", "2024-04"), "n_samples"] == 1
    town = _run(
        built, "medical_month_matrix", start=D(2024, 1, 1), end=D(2024, 1, 1), as_of=D(2024, 4, 15), town_id="t2"
    )
    assert sorted(town["institution_id"]) == ["c1", "h4"]


@pytest.mark.parametrize(("n", "flagged"), [(3, ["c1"]), (1, ["c1", "h3", "h4"])])
def test_unmonitored_in_the_last_n_months(built, n, flagged):
    # as of 2024-04-15: last samples h1 04-02, h2 03-20, h3 02-20, h4 03-05, c1 01-08;
    # N = 3: before 2024-01-15 -> c1; N = 1: before 2024-03-15 -> h3, h4, c1
    lst = _run(
        built, "medical_institutions_list", month=D(2024, 3, 1), as_of=D(2024, 4, 15), stale_months=n, town_id=None
    )
    assert sorted(lst.loc[lst["is_unmonitored"], "institution_id"]) == flagged
    row = lst.set_index("institution_id").loc["h3"]
    assert (row["column_code"], row["status"], str(row["last_sampled_on"])[:10]) == (
        "table2_pretreatment",
        "no_data",
        "2024-02-20",
    )
    assert lst.set_index("institution_id").loc["h2", "plant_zh"] == "甲镇污水处理厂"


def test_task_status_judges_the_last_complete_month(built):
    # 2024-04-15: March is the last complete month; h2 exceeded there (pH 9.2, chlorine 10.5)
    status, zh, en, through = _status(built, "2024-04-15")
    assert status == "missed"
    assert zh == "2024-03：4 家医疗机构中 2 家监测达标，1 家超标，1 家无监测"
    assert en == "2024-03: of 4 institutions, 2 monitored and compliant, 1 exceeded, 1 not monitored"
    assert str(through)[:10] == "2024-03-31"
    # before any sample in the 3 months before: nothing to show
    assert _status(built, "2023-06-15")[0] == "no_data"


def test_task_status_at_risk_and_met(db):
    con = duckdb.connect(str(db))
    con.execute("DELETE FROM medical_monitoring WHERE institution_id = 'h2' AND sampled_on = '2024-03-20'")
    con.close()
    # March: h1 and h4 compliant, h2 and h3 without a sample -> at risk
    status, zh, _, _ = _status(db, "2024-04-15")
    assert status == "at_risk" and zh == "2024-03：4 家医疗机构中 2 家监测达标，0 家超标，2 家无监测"
    con = duckdb.connect(str(db))
    con.execute(
        "INSERT INTO medical_monitoring (institution_id, sampled_on, ph, fecal_coliform_mpn_l, "
        "residual_chlorine_mg_l) VALUES ('h2', '2024-03-21', 7.5, 50, 7.0), ('h3', '2024-03-22', 7.5, 50, 3.0)"
    )
    con.close()
    assert _status(db, "2024-04-15")[0] == "met"
    # the same data as of 2024-06-30: May has no sample at all -> at risk; no sample since 2024-03-30
    # (3 months) at h2 (03-21), h3 (03-22) and h4 (03-05); h1 sampled on 04-02
    status, zh, en, _ = _status(db, "2024-06-30")
    assert status == "at_risk" and zh.endswith("连续 3 个月以上未监测：甲县传染病医院、甲镇卫生院、乙镇卫生院")


def test_the_limits_table_decides_not_the_query(db):
    con = duckdb.connect(str(db))
    con.execute(
        "UPDATE medical_limits SET max_value = 1000 WHERE column_code = 'table2_discharge' "
        "AND parameter = 'fecal_coliform'"
    )
    con.close()
    ex = _run(db, "medical_exceedances", start=D(2024, 2, 1), end=D(2024, 2, 29), as_of=D(2024, 4, 15), town_id="t1")
    assert ("h1", "fecal_coliform") not in set(zip(ex["institution_id"], ex["parameter"]))


def test_sample_tells_its_story(sample_db):
    status, zh, en, through = _status(sample_db, "2025-12-15")
    assert status == "at_risk"
    assert "李海务街道社区卫生服务中心" in zh and "Lihaiwu community health centre" in en
    assert str(through)[:10] == "2025-11-30"
    ex = _run(
        sample_db, "medical_exceedances", start=D(2023, 1, 1), end=D(2025, 12, 31), as_of=D(2025, 12, 15), town_id=None
    )
    assert {(r.institution_id, str(r.sampled_on)[:7], r.parameter, r.verdict) for r in ex.itertuples()} == {
        ("yuji_hc", "2023-03", "cod", "above"),
        ("zlz_hc", "2023-06", "residual_chlorine", "below"),
        ("jb_hospital", "2024-07", "fecal_coliform", "above"),
        ("zlz_hc", "2025-07", "residual_chlorine", "below"),
        ("zlz_hc", "2025-08", "residual_chlorine", "below"),
    }
    m = _run(sample_db, "task_matrix", as_of=D(2025, 12, 15), town_id=None, units=[]).set_index("task_no")
    assert m.loc[14, "data_status"] == "at_risk"


# -- import ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_templates_round_trip(db, lang):
    inst = ingest.prepare(("i.csv", ingest.template("medical_institutions", lang, "csv")), lang=lang)
    assert inst.kind == "medical_institutions" and inst.ok, inst.problems
    assert ingest.apply(inst, user="tester").imported
    mon = ingest.prepare(("m.csv", ingest.template("medical_monitoring", lang, "csv")), lang=lang)
    assert mon.kind == "medical_monitoring" and mon.ok, mon.problems
    assert ingest.apply(mon, user="tester").imported
    assert _q(
        db,
        "SELECT institution_id, name_zh, name_en, town_id, level, beds, is_infectious, treatment, "
        "disinfection, discharge_to, river_id, plant_id, lon, lat FROM medical_institutions "
        "WHERE institution_id = 'm9'",
    ) == [
        (
            "m9",
            "丙镇卫生院",
            "Town Three health centre",
            "t1",
            "township",
            40,
            False,
            "secondary",
            "chlorine",
            "sewer",
            None,
            "p_new",
            116.02,
            36.42,
        )
    ]
    assert _q(db, "SELECT * EXCLUDE (batch_id) FROM medical_monitoring WHERE institution_id = 'm9'") == [
        ("m9", D(2023, 5, 3), 7.2, 45.0, 12.0, 15.0, 6.0, 200.0, 4.5)
    ]


MISTAKES = (
    "医疗机构,采样日期,pH值,化学需氧量(mg/L),粪大肠菌群(个/100mL),总余氯(mg/L)\n"
    "甲县人民医院,2024-05-03,7.2,45,30,4.5\n"  # fine: 30 per 100 mL = 300 MPN/L
    "不存在医院,2024-05-04,7.0,40,20,4.0\n"
    "甲县人民医院,2030-01-01,7.0,40,20,4.0\n"
    "甲县人民医院,2024-05-06,15,40,20,4.0\n"
    "甲县人民医院,2024-05-07,7.0,-3,20,4.0\n"
    "甲县人民医院,2024-05-08,7.0,40,20,abc\n"
)


def test_monitoring_mistakes_are_reported_in_chinese_and_english(db):
    zh = ingest.prepare(("m.csv", MISTAKES.encode()), lang="zh")
    assert zh.kind == "medical_monitoring" and zh.n_rejected == 5 and zh.n_valid == 1
    assert zh.frame.iloc[0]["fecal_coliform_mpn_l"] == 300.0
    reasons = dict(zip(zh.problems["row"], zh.problems["reason"]))
    assert reasons[3].startswith("未找到对应的医疗机构，最接近的是：甲县人民医院")
    assert reasons[4].startswith("日期晚于今天")
    assert reasons[5] == "超出合理范围（0–14）"
    assert reasons[6] == "不能为负数" and reasons[7] == "不是有效的数字"
    en = ingest.prepare(("m.csv", MISTAKES.encode()), lang="en")
    reasons = dict(zip(en.problems["row"], en.problems["reason"]))
    assert reasons[3].startswith("no such medical institution; closest: 甲县人民医院")
    assert reasons[4].startswith("date after today") and reasons[5] == "outside the plausible range (0–14)"
    assert reasons[6] == "must not be negative" and reasons[7] == "not a number"


def test_institution_mistakes_are_reported_in_chinese_and_english(db):
    text = (
        "机构编号,机构名称,所在镇街,机构级别,床位数,处理工艺,消毒方式,排放去向,接纳污水处理厂,经度,纬度\n"
        "x1,测试医院,甲街道,省级,40,二级处理,含氯消毒,市政管网,不存在污水厂,116.02,36.42\n"
        "x2,测试医院2,甲街道,县级,-4,二级处理,电解,市政管网,,116.02,36.42\n"
    )
    zh = ingest.prepare(("i.csv", text.encode()), kind="medical_institutions")
    got = {(r.row, r.code): r.reason for r in zh.problems.itertuples()}
    assert got[(2, "unknown_code")] == "不是允许的取值（可选：县级及以上、乡镇、村/社区）"
    assert got[(2, "unknown_reference")].startswith("未找到对应的设施")
    assert got[(3, "negative")] == "不能为负数"
    assert got[(3, "unknown_code")] == "不是允许的取值（可选：含氯消毒、二氧化氯、紫外线、臭氧、无）"
    en = ingest.prepare(("i.csv", text.encode()), kind="medical_institutions", lang="en")
    got = {(r.row, r.code): r.reason for r in en.problems.itertuples()}
    assert got[(2, "unknown_code")] == "not an allowed value (allowed: county, township, village)"
    assert got[(3, "unknown_code")] == "not an allowed value (allowed: chlorine, chlorine_dioxide, uv, ozone, none)"


# -- what the page shows (bishui/views/medical.py) -------------------------------------------------------------


def test_verdicts_and_limits_as_shown():
    from bishui.views import medical

    assert medical.verdict_text("above", 0.44, "zh") == "超标 0.44 倍"
    assert medical.verdict_text("above", 0.44, "en") == "0.44× over"
    assert medical.verdict_text("above", float("nan"), "en") == "Above the maximum"  # pH
    assert medical.verdict_text("below", None, "zh") == "低于下限"
    assert medical.verdict_text(None, None, "en") == "No limit"
    assert medical.limit_text(3.0, 10.0) == "3–10" and medical.limit_text(None, 500.0, "MPN/L") == "≤500 MPN/L"
    assert medical.limit_text(6.0, 9.0, "无量纲") == "6–9" and medical.limit_text(None, None) == ""


def test_institutions_table_in_both_languages(built):
    from bishui.views import medical

    lst = _run(
        built, "medical_institutions_list", month=D(2024, 3, 1), as_of=D(2024, 4, 15), stale_months=3, town_id=None
    )
    en = medical.institutions_table(lst, "en").set_index("md_institution")
    assert en.loc["Town B health centre", "md_discharge"] == "Sewer → Town B WWTP"
    assert en.loc["County hospital", "md_discharge"] == "Directly to Test River"
    assert en.loc["Infectious-disease hospital", "md_status"] == "Exceeded"
    assert en.loc["Infectious-disease hospital", "md_exceeded"] == "pH, Total residual chlorine"
    assert en.loc["Town B clinic", "md_unmonitored"] == "Yes" and en.loc["Town B clinic", "md_since"] == "3 months ago"
    zh = medical.institutions_table(lst, "zh").set_index("md_institution")
    assert zh.loc["甲镇卫生院", "md_column"] == "表2 预处理标准" and zh.loc["甲镇卫生院", "md_status"] == "无监测"
    matrix = medical.matrix_table(
        _run(built, "medical_month_matrix", start=D(2024, 1, 1), end=D(2024, 4, 1), as_of=D(2024, 4, 15), town_id="t2"),
        "en",
    ).set_index("md_institution")
    assert matrix.loc["Town B health centre"].tolist() == ["No data", "Exceeded", "Compliant", "Pending"]


def test_a_sample_twice_in_one_file_is_a_duplicate(db):
    text = "医疗机构,采样日期,pH值\n甲县人民医院,2024-05-03,7.2\n甲县人民医院,2024-05-03,7.4\n"
    zh = ingest.prepare(("m.csv", text.encode()), lang="zh")
    assert zh.n_rejected == 1 and zh.problems["reason"].tolist() == ["文件内重复：与第 2 行的医疗机构、采样日期相同"]
    en = ingest.prepare(("m.csv", text.encode()), lang="en")
    assert en.problems["reason"].tolist() == ["duplicate in the file: same 医疗机构, 采样日期 as row 2"]
