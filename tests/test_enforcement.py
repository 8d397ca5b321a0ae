"""Enforcement on pollution sources (plan task 6; queries/schema/068_enforcement.sql): open, overdue and
due-soon cases per responsible unit, penalties of the year, sources not inspected this year, the task's
status from data in every branch, and the three import kinds. Expected values are worked out by hand
from tests/fixtures/enforcement/ (see its README)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest

from bishui import ingest
from bishui.db import store
from tests.conftest import build_fixture_warehouse

ROOT = Path(__file__).resolve().parents[1]
D = dt.date


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_fixture_warehouse(tmp_path_factory, "enforcement")


@pytest.fixture
def db(built, tmp_path, use_db) -> Path:
    path = tmp_path / "w.duckdb"
    shutil.copyfile(built, path)
    return use_db(path)


def _run(path: Path, name: str, **params):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return store.execute(con, name, **params)
    finally:
        con.close()


def _status(path: Path, as_of: str) -> tuple:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(
            "SELECT data_status, evidence_zh, evidence_en, measured_through FROM task_status_6($d)", {"d": as_of}
        ).fetchone()
    finally:
        con.close()


def _exec(path: Path, sql: str) -> None:
    con = duckdb.connect(str(path))
    try:
        con.execute(sql)
    finally:
        con.close()


def test_cases_at_a_date(built):
    cases = _run(built, "enforcement_cases_list", as_of=D(2024, 6, 10), town_id=None, kinds=None).set_index("case_id")
    # k1 closed 2024-04-10, after its deadline 2024-03-31; k2 open past 2024-05-31 (10 days);
    # k3 open, due 2024-06-30 (20 days: due soon), its unit is the source's; k4 closed in time in 2023
    assert list(cases.index) == ["k2", "k3", "k1", "k4"]  # overdue first, then open, newest first
    assert cases.loc["k2", ["is_open", "is_overdue", "days_overdue"]].tolist() == [True, True, 10]
    assert cases.loc["k3", ["is_open", "is_overdue", "is_due_soon", "unit_zh"]].tolist() == [
        True,
        False,
        True,
        "区城市管理局",
    ]
    assert cases.loc["k1", ["is_open", "closed_late"]].tolist() == [False, True]
    assert cases.loc["k4", ["is_open", "closed_late"]].tolist() == [False, False]
    # before k3 was found, it is not listed; on 2024-03-20 k1 is open and due within 30 days
    early = _run(built, "enforcement_cases_list", as_of=D(2024, 3, 20), town_id=None, kinds=None).set_index("case_id")
    assert sorted(early.index) == ["k1", "k2", "k4"]
    assert early.loc["k1", ["is_open", "is_due_soon"]].tolist() == [True, True]
    assert early.loc["k2", ["is_open", "is_due_soon"]].tolist() == [True, False]  # 72 days to go


def test_per_responsible_unit(built):
    units = _run(built, "enforcement_units", as_of=D(2024, 6, 10), town_id=None, kinds=None).set_index("unit_zh")
    cols = ["n_open", "n_overdue", "n_due_soon", "n_cases_year", "n_closed_late", "penalty_year_cny"]
    assert units.loc["乙镇", cols].tolist() == [1, 1, 0, 1, 0, 20000]
    assert units.loc["区城市管理局", cols].tolist() == [1, 0, 1, 1, 0, 0]
    assert units.loc["甲街道", cols].tolist() == [0, 0, 0, 1, 1, 50000]  # k1 only (k4 is of 2023)
    assert list(units.index)[0] == "乙镇" and units.loc["乙镇", "max_days_overdue"] == 10
    assert units["penalty_year_cny"].sum() == 70000
    assert _run(built, "enforcement_units", as_of=D(2023, 12, 31), town_id=None, kinds=None)[
        "penalty_year_cny"
    ].tolist() == [10000]
    t2 = _run(built, "enforcement_units", as_of=D(2024, 6, 10), town_id="t2", kinds=None)
    assert sorted(t2["unit_zh"]) == ["乙镇", "区城市管理局"]
    farms = _run(built, "enforcement_units", as_of=D(2024, 6, 10), town_id=None, kinds=["farm"])
    assert farms[["unit_zh", "n_overdue", "penalty_year_cny"]].values.tolist() == [["乙镇", 1, 20000]]


def test_sources_not_inspected_this_year(built):
    src = _run(built, "enforcement_sources_list", as_of=D(2024, 6, 10), town_id=None, kinds=None).set_index("source_id")
    assert src.loc[src["not_inspected_this_year"]].index.tolist() == ["e3"]  # last seen 2023-11-20
    assert src.loc["e1", ["n_inspections_year", "n_findings_year", "n_open"]].tolist() == [2, 1, 0]
    assert src.loc["e2", ["n_open", "n_overdue"]].tolist() == [1, 1]
    assert str(src.loc["e3", "last_inspected_on"])[:10] == "2023-11-20"
    # on 2024-01-31 nobody has been inspected in 2024 yet
    jan = _run(built, "enforcement_sources_list", as_of=D(2024, 1, 31), town_id=None, kinds=None)
    assert jan["not_inspected_this_year"].all()


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        ("2024-06-10", "missed"),  # k2 open past 2024-05-31
        ("2024-05-20", "at_risk"),  # k2 due on 2024-05-31 (11 days)
        ("2024-03-20", "at_risk"),  # k1 due on 2024-03-31
        ("2024-04-15", "on_track"),  # k2 (46 days) and k3 (76 days) open, none near
        ("2023-01-15", "no_data"),  # no inspection nor case yet
    ],
)
def test_task_status_rule(built, as_of, status):
    assert _status(built, as_of)[0] == status


def test_task_status_evidence_and_met(db):
    status, zh, en, through = _status(db, "2024-06-10")
    assert zh == "2024-06-10：在办案件 2 件，逾期未整改 1 件（乙镇），30 日内到期 1 件；今年已检查污染源 3/4"
    assert en == (
        "2024-06-10: 2 cases open, 1 past the deadline (Town Two), 1 due within 30 days; "
        "sources inspected this year 3/4"
    )
    assert through == D(2024, 6, 10)
    _exec(db, "UPDATE enforcement_cases SET closed_on = '2024-06-20' WHERE case_id = 'k2'")
    assert _status(db, "2024-07-10")[0] == "on_track"  # nothing open, e3 not inspected
    _exec(
        db,
        "INSERT INTO source_inspections VALUES ('e3', '2024-07-01', '区生态环境分局', "
        "'Ecology & environment branch', false, NULL, 0)",
    )
    assert _status(db, "2024-07-10")[0] == "met"


def test_sample_tells_its_story(sample_db):
    status, zh, en, _ = _status(sample_db, "2025-12-15")
    assert status == "missed" and "逾期未整改 1 件（朱老庄镇）" in zh and "(Zhulaozhuang town)" in en
    assert "今年已检查污染源 17/20" in zh
    cases = _run(sample_db, "enforcement_cases_list", as_of=D(2025, 12, 15), town_id=None, kinds=None).set_index(
        "case_id"
    )
    assert cases.loc["2025-003", ["is_overdue", "days_overdue"]].tolist() == [True, 15]
    assert cases.loc["2025-004", "is_due_soon"] and cases.loc["2024-001", "closed_late"]
    assert cases.loc["2025-001", ["is_open", "penalty_cny"]].tolist() == [False, 80000]
    units = _run(sample_db, "enforcement_units", as_of=D(2025, 12, 15), town_id=None, kinds=None)
    assert units["penalty_year_cny"].sum() == 130000  # 80,000 + 0 + 50,000 + 0
    m = _run(sample_db, "task_matrix", as_of=D(2025, 12, 15), town_id=None, units=[]).set_index("task_no")
    assert m.loc[6, "data_status"] == "missed"


def test_sample_sources_lie_in_their_township(sample_db):
    import geopandas as gpd
    from shapely.geometry import Point

    towns = {r.town_id: r.geometry for r in gpd.read_file(ROOT / "data" / "sample" / "towns.geojson").itertuples()}
    src = _run(sample_db, "enforcement_sources_list", as_of=D(2025, 12, 15), town_id=None, kinds=None)
    inst = _run(
        sample_db,
        "medical_institutions_list",
        month=D(2025, 11, 1),
        as_of=D(2025, 12, 15),
        stale_months=3,
        town_id=None,
    )
    for df in (src, inst):
        for r in df.itertuples():
            assert towns[r.town_id].contains(Point(r.lon, r.lat)), r


# -- import ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_templates_round_trip(db, lang):
    for kind in ("pollution_sources", "source_inspections", "enforcement_cases"):
        plan = ingest.prepare((f"{kind}.csv", ingest.template(kind, lang, "csv")), lang=lang)
        assert plan.kind == kind and plan.ok, (kind, plan.problems)
        assert ingest.apply(plan, user="tester").imported, kind
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT * EXCLUDE (batch_id) FROM pollution_sources WHERE source_id = 'ps9'").fetchall() == [
            ("ps9", "丙镇食品厂", "Town Three food plant", "industry", "r1", "t1", "甲街道", "Town One", None, None)
        ]
        assert con.execute(
            "SELECT * EXCLUDE (batch_id) FROM source_inspections WHERE source_id = 'ps9'"
        ).fetchall() == [("ps9", D(2023, 5, 3), "区生态环境分局", "Ecology & environment branch", False, None)]
        assert con.execute(
            "SELECT * EXCLUDE (batch_id) FROM enforcement_cases WHERE case_id = '2023-009'"
        ).fetchall() == [
            (
                "2023-009",
                "ps9",
                D(2023, 5, 3),
                "废水直排",
                "Wastewater discharged untreated",
                D(2023, 6, 30),
                50000.0,
                None,
                None,
                None,
            )
        ]
    finally:
        con.close()


def test_case_mistakes_are_reported_in_chinese_and_english(db):
    text = (
        "案件编号,污染源,立案日期,问题,整改期限,罚款(万元),结案日期\n"
        "n1,甲化工厂,2024-07-01,偷排,2024-08-31,2.5,\n"  # fine: 2.5 万元 = 25,000 CNY
        "n2,丙化工厂,2024-07-01,偷排,2024-08-31,1,\n"  # no such source
        "n3,乙养殖场,2024-07-01,偷排,2024-08-31,-1,\n"  # a negative penalty
        "n4,乙养殖场,2024-07-01,偷排,下月底,0,\n"  # not a date
        "n5,乙养殖场,2024-07-01,偷排,2024-08-31,0,2030-01-01\n"
    )  # closed in the future
    zh = ingest.prepare(("c.csv", text.encode()), kind="enforcement_cases")
    assert zh.n_valid == 1 and zh.n_rejected == 4 and zh.frame.iloc[0]["penalty_cny"] == 25000
    reasons = dict(zip(zh.problems["row"], zh.problems["reason"]))
    assert reasons[3].startswith("未找到对应的污染源，最接近的是：")
    assert reasons[4] == "不能为负数" and reasons[5].startswith("无法识别的日期")
    assert reasons[6].startswith("日期晚于今天")
    en = ingest.prepare(("c.csv", text.encode()), kind="enforcement_cases", lang="en")
    reasons = dict(zip(en.problems["row"], en.problems["reason"]))
    assert reasons[3].startswith("no such pollution source") and reasons[4] == "must not be negative"
    assert reasons[5].startswith("not a date") and reasons[6].startswith("date after today")


def test_source_kind_must_be_known(db):
    text = "污染源编号,污染源名称,污染源类型,所在镇街,责任单位\nq1,测试厂,工业,甲街道,甲街道\nq2,测试站,加油站,甲街道,甲街道\n"
    zh = ingest.prepare(("s.csv", text.encode()), kind="pollution_sources")
    assert zh.frame.iloc[0]["source_kind"] == "industry"
    assert zh.problems["reason"].tolist() == [
        "不是允许的取值（可选：工业企业、医院、学校、规模化养殖、污水处理设施、其他）"
    ]
    en = ingest.prepare(("s.csv", text.encode()), kind="pollution_sources", lang="en")
    assert en.problems["reason"].tolist() == [
        "not an allowed value (allowed: industry, hospital, school, farm, sewage_facility, other)"
    ]
