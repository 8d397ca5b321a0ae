"""Flood-season readiness (plan tasks 5 and 11, issue 18 item 5): the checklist measures of
queries/schema/069_flood_season.sql and the rebound query worked by hand on tests/fixtures/eco_flow/,
the tasks' status on the fixture and on the sample, and task 2's deadline at the season's start."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from bishui.views import flood_season
from bishui.db import store
from tests.test_eco_flow import eco_db  # noqa: F401  (the fixture warehouse: district + eco_flow overlay)

ROOT = Path(__file__).resolve().parents[1]


def _q(db: Path, sql: str, params: dict | None = None) -> pd.DataFrame:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or {}).df()
    finally:
        con.close()


def _query(db: Path, name: str, **params) -> pd.DataFrame:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return store.execute(con, name, **params)
    finally:
        con.close()


def test_the_season_setting():
    con = duckdb.connect()
    try:
        from bishui.db import evaluation

        evaluation.apply_schema(con)
        assert con.execute("SELECT flood_season_start(2023), flood_season_end(2023)").fetchone() == (
            dt.date(2023, 6, 1),
            dt.date(2023, 9, 30),
        )
    finally:
        con.close()


def test_readiness_of_each_item(eco_db):  # noqa: F811
    # 2023, judged at 2023-07-01 (the season started 06-01):
    #   pipe_dredging t1 10/10 done 05-20          -> ready
    #   rain_inlet    t2 50/50 done 06-10          -> late, 9 days after 06-01
    #   bank_cleanup  t1 5/5   done 05-31          -> ready (the day before the start)
    #   ditch_water   t2 2/3   no done_on          -> late (still open), 30 days since 06-01; 0 % known done
    r = _query(eco_db, "flood_checklist_status", as_of=dt.date(2023, 7, 1), year=2023, town_id=None)
    r = r.set_index("item_code")
    assert r.loc["pipe_dredging", "status"] == "ready" and r.loc["bank_cleanup", "status"] == "ready"
    assert (r.loc["rain_inlet", "status"], r.loc["rain_inlet", "days_late"]) == ("late", 9)
    assert (r.loc["ditch_water", "status"], r.loc["ditch_water", "days_late"]) == ("late", 30)
    assert r.loc["ditch_water", "done_pct"] == 0  # no done_on: not known as done
    assert list(r.loc[["pipe_dredging", "rain_inlet", "bank_cleanup", "ditch_water"], "task_no"]) == [5, 5, 11, 11]
    assert r.loc["pipe_dredging", "unit"] == "km" and r.loc["rain_inlet", "unit"] == "count"
    # at 2023-05-25 the dredging (done 05-20) is ready, the inlets (done 06-10) not known yet: pending
    r = _query(eco_db, "flood_checklist_status", as_of=dt.date(2023, 5, 25), year=2023, town_id="t2")
    assert r.set_index("item_code")["status"].to_dict() == {"rain_inlet": "pending", "ditch_water": "pending"}


@pytest.mark.parametrize(
    "task, as_of, status",
    [
        (5, "2023-04-15", "on_track"),  # items open, 47 days to 06-01
        (5, "2023-05-15", "at_risk"),  # items open, 17 days to go
        (5, "2023-07-01", "missed"),  # the rain inlets were finished 06-10, after the start
        (11, "2023-07-01", "missed"),  # the ditch water is still not cleared
        (11, "2023-08-01", "missed"),  # Bridge One's July rebound (at risk) does not lift a missed checklist
        (11, "2024-08-01", "on_track"),  # 2024: the bank clean-up done 05-10, but no flood-season data yet
        (5, "2024-08-01", "missed"),  # no task-5 items in 2024: 2023 is the latest year judged
        (5, "2022-12-31", "no_data"),
    ],
)
def test_task_status_5_and_11(eco_db, task, as_of, status):  # noqa: F811
    s = _q(eco_db, f"SELECT * FROM task_status_{task}($d)", {"d": dt.date.fromisoformat(as_of)})
    assert len(s) == 1 and s["task_no"].iloc[0] == task and s["data_status"].iloc[0] == status


def test_task_status_evidence(eco_db):  # noqa: F811
    s = _q(eco_db, "SELECT * FROM task_status_5(DATE '2023-07-01')").iloc[0]
    assert s["evidence_zh"] == "2023年汛期（06-01起）前2项，按时完成1项，逾期1项：乙镇雨水口清掏"
    assert (
        s["evidence_en"] == "2023 flood season (from 06-01): 1 of 2 items ready in time; 1 late: Town Two rain inlets"
    )
    assert str(s["measured_through"])[:10] == "2023-07-01"
    d = _q(
        eco_db,
        "SELECT task_no, data_status FROM task_data_status(DATE '2023-07-01') "
        "WHERE task_no IN (5, 10, 11) ORDER BY task_no",
    )  # other tasks' data are not in this fixture
    assert d.set_index("task_no")["data_status"].to_dict() == {5: "missed", 10: "at_risk", 11: "missed"}


def test_rebound_against_the_dry_season(eco_db):  # noqa: F811
    # s_f1 in 2023: complete dry months before June: Jan class 3, Feb 5, Apr 6 (March has no data) ->
    # the lower median of (3, 5, 6) is 5. June: NH3-N 1.8 -> class V (5): not worse; July 2.5 -> 劣V (6):
    # worse, the first flush; August 1.8 -> V: not worse; September: no data (not compared).
    r = _query(eco_db, "flood_rebound", now=dt.date(2026, 12, 3), year=2023, town_id="t1")
    f1 = r[r["section_id"] == "s_f1"].set_index(r[r["section_id"] == "s_f1"]["month"].astype(str).str[:7])
    assert list(f1.index) == ["2023-06", "2023-07", "2023-08", "2023-09"]
    assert f1["dry_class"].iloc[0] == 5 and f1["dry_worst_class"].iloc[0] == 6 and f1["n_dry_months"].iloc[0] == 3
    assert list(f1["water_class"].iloc[:3]) == [5, 6, 5]
    assert list(f1["is_rebound"].iloc[:3]) == [False, True, False] and pd.isna(f1["is_rebound"].iloc[3])
    assert list(f1["is_first_flush"]) == [False, True, False, False]
    assert f1.loc["2023-09", "status"] == "no_data"
    table = flood_season.rebound_table(r[r["section_id"] == "s_f1"], "en").iloc[0]
    assert table["fs_dry_class"] == "Class Ⅴ" and table["2023-07"] == "Worse than Ⅴ ↑ first flush"
    assert table["fs_first_flush_month"] == "2023-07" and table["fs_n_rebound"] == 1 and table["2023-09"] == "No data"
    # judged at 2023-07-15, only June and July are there (July not over: provisional, not compared)
    r = _query(eco_db, "flood_rebound", now=dt.date(2023, 7, 15), year=2023, town_id="t1")
    f1 = r[r["section_id"] == "s_f1"]
    assert len(f1) == 2 and f1["status"].tolist() == ["complete", "provisional"] and not f1["is_first_flush"].any()


def test_sample_statuses_and_the_late_item(sample_db):
    d = _q(sample_db, "SELECT task_no, data_status, evidence_en FROM task_data_status(DATE '2025-12-15')")
    d = d.set_index("task_no")
    assert d.loc[5, "data_status"] == "missed" and "Huxi subdistrict rain inlets" in d.loc[5, "evidence_en"]
    # the pre-flood items were all ready, but 11 sections were worse in the 2025 flood season than before
    assert d.loc[11, "data_status"] == "at_risk" and "rebound" in d.loc[11, "evidence_en"]
    assert (
        "rebound (worse than the dry months before) at 11 sections: Sixin at Cuizhuang bridge"
        in d.loc[11, "evidence_en"]
    )
    assert len(set(d["data_status"])) >= 3  # a mix, not all met
    for year in (2023, 2024):
        s = _q(sample_db, "SELECT data_status FROM task_status_5($d)", {"d": dt.date(year, 12, 31)})
        assert s["data_status"].iloc[0] == "met", year


def test_task_2_is_due_at_the_2023_flood_season_start():
    with open(ROOT / "data" / "sample" / "tasks.csv", encoding="utf-8") as fh:
        deadlines = {r["task_no"]: r["deadline"] for r in csv.DictReader(fh)}
    assert deadlines["2"] == "2023-06-01"
