"""The total-nitrogen action (plan task 12, target N1): the rules of queries/schema/066_tn_action.sql, N1
in queries/target_measures.sql on annual means, the task status, and the problem list's import kind.
On the hand-built set tests/fixtures/tn_action/ (see its README); every expected value is worked out below."""

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

NOW = dt.date(2025, 1, 15)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_fixture_warehouse(tmp_path_factory, "tn_action")


def test_year_to_date_means_against_the_same_months_last_year(built):
    y = read_frame(built, "SELECT * FROM tn_section_ytd($n) WHERE year = 2024 ORDER BY section_id, month", n=NOW)
    a = y[y.section_id == "sa"].set_index(y[y.section_id == "sa"]["month"].dt.month)
    # sa: Feb (5 + 6) / 2 = 5.5 vs 5.0: +10 % (rebound); Mar 16 / 3 = 5.333 vs 5.0: +6.67 % (rebound);
    # Apr 21 / 4 = 5.25 vs 5.0: exactly +5 %, not more than 5 %: no rebound; Dec 61 / 12 = 5.0833: +1.67 %
    assert a.loc[2, "mean_ytd"] == 5.5 and a.loc[2, "change_pct"] == pytest.approx(10.0) and a.loc[2, "is_rebounding"]
    assert a.loc[3, "change_pct"] == pytest.approx(20 / 3) and a.loc[3, "is_rebounding"]
    assert a.loc[4, "change_pct"] == 5.0 and not a.loc[4, "is_rebounding"]
    assert a.loc[12, "mean_ytd"] == pytest.approx(61 / 12) and a.loc[12, "n_months"] == 12 and a.loc[12, "n_prev"] == 12
    assert not a["is_high"].any()  # 5.5 at most: not above the 5.5 mg/L setting
    b = y[y.section_id == "sb"]
    # sb: 6.0 .. 6.1 against 6.0: at most +1.67 % (March); always above 5.5 mg/L: high, never rebounding
    assert b["is_high"].all() and not b["is_rebounding"].any()
    assert b["change_pct"].max() == pytest.approx(100 * (6.1 - 6.0) / 6.0)
    # 2023 has no year before: no comparison, no rebound
    y23 = read_frame(built, "SELECT * FROM tn_section_ytd($n) WHERE year = 2023", n=NOW)
    assert y23["mean_prev"].isna().all() and not y23["is_rebounding"].any()


def test_only_complete_months_count(built):
    # on 15 March 2024, March is not over: the latest month is February
    y = read_frame(built, "SELECT max(month) AS m FROM tn_section_ytd($n)", n=dt.date(2024, 3, 15))
    assert y["m"].iloc[0].date() == dt.date(2024, 2, 1)


def test_n1_counts_rebounds_on_annual_means(built, use_db):
    use_db(built)
    m = store.run_query(
        "target_measures", year=2024, start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 1), town_id=None, now=NOW
    )
    n1 = m[(m.target_id == "N1") & (m.town_id == "")].sort_values("month")
    # Jan 0; Feb and Mar: sa rebounds (1); from April on nobody (sa +5 % exactly, then less): 0 up to December.
    # (The single-month rule it replaces counted Feb 2 (6.0 > 5.0 and 6.1 > 6.0) and Mar 1 (6.2 > 6.0).)
    assert n1["value"].tolist() == [0, 1, 1] + [0] * 9


@pytest.mark.parametrize(
    "as_of, status",
    [
        (dt.date(2023, 6, 15), "no_data"),  # nothing in 2022 to compare May 2023 with
        (dt.date(2024, 2, 15), "on_track"),  # January 2024: no rebound, nothing overdue, the year not over
        (dt.date(2024, 4, 15), "at_risk"),  # January-March: sa rebounds (+6.67 %)
        (dt.date(2024, 12, 1), "at_risk"),  # January-November: no rebound, but P2 (deadline 2024-10-31) is overdue
        (dt.date(2025, 1, 15), "met"),  # the year 2024: no rebound on annual means, P2 done on 2024-12-20
    ],
)
def test_task_status_12(built, as_of, status):
    t = read_frame(built, "SELECT * FROM task_data_status($a) WHERE task_no = 12", a=as_of)
    assert t["data_status"].tolist() == [status]


def test_task_status_12_missed_follows_the_setting(built, tmp_path):
    path = tmp_path / "w.duckdb"
    shutil.copyfile(built, path)
    con = duckdb.connect(str(path))
    try:
        # with a 1 % threshold, sa's annual mean 5.0833 (+1.67 %) is a rebound in December: missed
        con.execute("UPDATE tn_action_settings SET value = 1 WHERE setting = 'rebound_pct'")
        t = con.execute("SELECT data_status, evidence_en FROM task_status_12(DATE '2025-01-15')").fetchone()
    finally:
        con.close()
    assert t[0] == "missed"
    assert t[1].startswith("2024-01..12: 1 of 2 sections rebound") and "1.0%" in t[1]


def test_problem_list_as_of(built):
    p = read_frame(
        built, "SELECT problem_id, is_done, is_overdue FROM tn_problems_as_of($d) ORDER BY 1", d=dt.date(2024, 12, 1)
    )
    assert p.values.tolist() == [["P1", True, False], ["P2", False, True]]
    p = read_frame(built, "SELECT problem_id FROM tn_problems_as_of($d)", d=dt.date(2024, 2, 1))
    assert p["problem_id"].tolist() == ["P1"]  # P2 was found on 2024-03-01


# -- import ------------------------------------------------------------------------------------------


@pytest.fixture
def db(built, tmp_path, use_db) -> Path:
    path = tmp_path / "w.duckdb"
    shutil.copyfile(built, path)
    return use_db(path)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_template_round_trip(db, lang):
    con = duckdb.connect(str(db))
    con.execute(
        "INSERT INTO sections (section_id, name_zh, name_en, control_level, water_body_type, target_class, "
        "is_assessment, is_drinking_source, excluded_parameters, has_auto_station, lon, lat) VALUES ('s_new', "
        "'测试河一号桥', 'Bridge One', 'district', 'river', 4, true, false, [], false, 116.0, 36.4)"
    )
    con.close()
    plan = ingest.prepare(("tn.csv", ingest.template("tn_problems", lang, "csv")), kind="tn_problems", lang=lang)
    assert plan.ok, plan.problems
    assert ingest.apply(plan, user="tester").rows_added == 1
    row = read_frame(
        db,
        "SELECT problem_id, section_id, problem_zh, problem_en, owner_zh, owner_en, found_on, deadline, "
        "problem_status, done_on FROM tn_problems WHERE problem_id = 'TN9'",
    )
    assert row.iloc[0].tolist()[:6] == [
        "TN9",
        "s_new",
        "上游养殖密集区粪污入河",
        "Manure from a livestock-dense area upstream",
        "区农业农村局",
        "区农业农村局",
    ]
    assert (row.iloc[0]["found_on"].date(), row.iloc[0]["deadline"].date(), row.iloc[0]["problem_status"]) == (
        dt.date(2024, 3, 1),
        dt.date(2024, 12, 31),
        "rectifying",
    )
    assert pd.isna(row.iloc[0]["done_on"])


def test_validation_messages_in_chinese_and_english(db):
    text = (
        "问题编号,断面名称,问题描述,责任单位,发现日期,整改时限,整改状态\n"
        "T1,丙河,养殖,甲镇,2024-01-01,2024-06-30,整改中\n"  # no such section
        "T2,甲河一号桥,养殖,甲镇,2024-01-01,2024-06-30,搁置\n"  # not a status
        "T3,甲河一号桥,养殖,甲镇,2099-01-01,2099-06-30,未整改\n"  # found in the future
        "T4,甲河一号桥,,甲镇,2024-01-01,2024-13-45,已完成\n"  # no problem text, a bad deadline
        "T4,乙河二号闸,养殖,乙镇,2024-01-01,2024-06-30,已完成\n"
    )  # the same code twice
    zh = ingest.prepare(("p.csv", text.encode()), kind="tn_problems")
    reasons = {}
    for r, reason in zip(zh.problems["row"], zh.problems["reason"]):
        reasons.setdefault(r, []).append(reason)
    assert reasons[2][0].startswith("未找到对应的断面")
    assert reasons[3][0].startswith("不是允许的取值（可选：未整改、整治中、已完成")
    assert reasons[4][0].startswith("日期晚于今天")
    assert set(reasons[5]) >= {"必填项为空"} and any(r.startswith("无法识别的日期") for r in reasons[5])
    assert any("重复" in r for r in reasons[6])
    en = ingest.prepare(("p.csv", text.encode()), kind="tn_problems", lang="en")
    reasons = {}
    for r, reason in zip(en.problems["row"], en.problems["reason"]):
        reasons.setdefault(r, []).append(reason)
    assert reasons[2][0].startswith("no such section") and reasons[3][0].startswith("not an allowed value")
    assert "required" in " ".join(reasons[5]).lower() and any("duplicate" in r.lower() for r in reasons[6])


# -- the sample ----------------------------------------------------------------------------------------


def test_n1_on_the_sample_no_longer_fails_almost_always(sample_db, use_db):
    """On single months (the rule replaced) N1 counted 2 to 9 rebounding sections in every month of
    2023-2025; on means of the year so far it reads 2 at the end of 2023, 0 at the end of 2024 (met) and
    2 in November 2025 (Cuizhuang bridge and the Tanzhuang reservoir, both +5.5 % or more)."""
    use_db(sample_db)
    now = dt.date(2025, 12, 15)
    ends = {}
    for year in (2023, 2024, 2025):
        m = store.run_query(
            "target_measures", year=year, start=dt.date(year, 1, 1), end=dt.date(year, 12, 1), town_id=None, now=now
        )
        n1 = m[(m.target_id == "N1") & (m.town_id == "")].sort_values("month")
        ends[year] = (n1["month"].iloc[-1].strftime("%Y-%m"), int(n1["value"].iloc[-1]))
    assert ends == {2023: ("2023-12", 2), 2024: ("2024-12", 0), 2025: ("2025-11", 2)}
    y = store.run_query("tn_section_years", now=now, town_id=None)
    rebounding = y[(y.year == 2025) & y.is_rebounding]["section_id"].tolist()
    assert sorted(rebounding) == ["cuizhuang", "tanzhuang"]


def test_task_12_on_the_sample(sample_db):
    t = read_frame(
        sample_db,
        "SELECT data_status, evidence_en FROM task_data_status($a) WHERE task_no = 12",
        a=dt.datetime(2025, 12, 15, 10),
    )
    assert t.values.tolist() == [
        [
            "at_risk",
            "2025-01..11: 2 of 13 sections rebound (TN mean above the same months "
            "last year by more than 5.0%), 1 high; problem list 5, 1 overdue",
        ]
    ]
