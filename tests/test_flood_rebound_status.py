"""Task 11's status with the flood-season rebound (queries/schema/079_flood_rebound_status.sql),
worked by hand on the district fixture with the eco_flow overlay (its 2024 checklist: one bank
clean-up done 2024-05-10, ready) and monthly readings of 2024 and 2025 written here.

Every reading is one manual sample on the 12th with pH 7.5, DO 7.6, CODMn 2.0 and TP 0.02 (class Ⅰ
for a river, Ⅱ for the reservoir's TP), so the class follows NH3-N: 0.4 -> Ⅱ, 0.8/0.9 -> Ⅲ, 1.2 -> Ⅳ.
  s_f1 (Bridge One)   2024: Jan-May 0.8 (Ⅲ), Jun 0.9 (Ⅲ), Jul 1.2 (Ⅳ: worse, the rebound), Aug-Sep 0.9
                      2025: 0.8 every month (Ⅲ)
  s_t2, s_res         0.4 every month of both years (Ⅱ)
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest

from bishui import config
from bishui.db import evaluation, store, warehouse
from tests.conftest import read_frame

ROOT = Path(__file__).resolve().parents[1]
DISTRICT = ROOT / "tests" / "fixtures" / "district"
OVERLAY = ROOT / "tests" / "fixtures" / "eco_flow"

NH3N = {
    ("s_f1", 2024): [0.8] * 5 + [0.9, 1.2, 0.9, 0.9],
    ("s_f1", 2025): [0.8] * 9,
    ("s_t2", 2024): [0.4] * 9,
    ("s_t2", 2025): [0.4] * 9,
    ("s_res", 2024): [0.4] * 9,
    ("s_res", 2025): [0.4] * 9,
}
BASICS = {"ph": 7.5, "do": 7.6, "codmn": 2.0, "tp": 0.02}


@pytest.fixture(scope="module")
def rebound_db(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("rebound_src")
    for p in DISTRICT.iterdir():
        shutil.copy(p, src / p.name)
    for p in OVERLAY.iterdir():
        if p.name != "readings_extra.csv":
            shutil.copy(p, src / p.name)
    with open(src / "readings.csv", "a", encoding="utf-8") as fh:
        for (section, year), values in NH3N.items():
            for month, nh3n in enumerate(values, start=1):
                day = f"{year}-{month:02d}-12"
                for parameter, value in {**BASICS, "nh3n": nh3n}.items():
                    fh.write(f"{section},{parameter},{day},,{value},manual\n")
    path = tmp_path_factory.mktemp("rebound") / "rebound.duckdb"
    warehouse.build(path, src)
    return path


def _status(db: Path, as_of: str):
    s = read_frame(db, "SELECT * FROM task_status_11($d)", d=dt.date.fromisoformat(as_of))
    assert len(s) == 1 and s["task_no"].iloc[0] == 11
    return s.iloc[0]


CHECKLIST_EN = "2024 flood season (from 06-01): 1 of 1 items ready in time"
CHECKLIST_ZH = "2024年汛期（06-01起）前1项，按时完成1项"


def test_the_dry_class_each_section_is_compared_with(rebound_db):
    r = read_frame(rebound_db, "SELECT * FROM flood_season_rebound(DATE '2024-12-31', 2024) ORDER BY ALL")
    dry = r.groupby("section_id")["dry_class"].first().to_dict()
    assert dry == {"s_f1": 3, "s_res": 2, "s_t2": 2}
    f1 = r[r["section_id"] == "s_f1"]
    assert list(f1["water_class"]) == [3, 4, 3, 3] and list(f1["is_first_flush"]) == [False, True, False, False]
    assert not r[r["section_id"] != "s_f1"]["is_rebound"].any()


def test_a_month_not_over_keeps_the_task_from_reading_as_met(rebound_db):
    # 2024-06-15: the checklist is met (done 05-10), June is not over at any of the 3 sections
    s = _status(rebound_db, "2024-06-15")
    assert s["data_status"] == "on_track"
    assert s["evidence_en"] == (
        CHECKLIST_EN + "; 2024 flood-season water quality: no rebound seen; "
        "3 section-months not yet judged (not over, no data or incomplete)"
    )
    assert s["evidence_zh"] == (
        CHECKLIST_ZH + "；2024年汛期水质未见反弹；3个断面月尚不能评价（未满月、无数据或数据不全）"
    )
    assert str(s["measured_through"])[:10] == "2024-06-15"


def test_a_rebound_puts_the_task_at_risk_and_names_the_section(rebound_db):
    # 2024-08-01: July is over, Bridge One's July (Ⅳ) is worse than its dry months (Ⅲ); August has begun
    s = _status(rebound_db, "2024-08-01")
    assert s["data_status"] == "at_risk"
    assert s["evidence_en"] == (
        CHECKLIST_EN + "; 2024 flood-season water quality: rebound (worse than the dry months before) at "
        "1 section: Bridge One (from 2024-07); 3 section-months not yet judged (not over, no data or incomplete)"
    )
    assert s["evidence_zh"] == (
        CHECKLIST_ZH + "；2024年汛期水质反弹（差于汛前枯水期）1个断面：测试河一号桥（2024-07起）"
        "；3个断面月尚不能评价（未满月、无数据或数据不全）"
    )
    # after the season: every month judged, the rebound stays
    s = _status(rebound_db, "2024-12-31")
    assert s["data_status"] == "at_risk" and s["evidence_en"].endswith("Bridge One (from 2024-07)")
    assert str(s["measured_through"])[:10] == "2024-09-30"
    d = read_frame(rebound_db, "SELECT data_status FROM task_data_status(DATE '2024-08-01') WHERE task_no = 11")
    assert d["data_status"].tolist() == ["at_risk"]


def test_before_the_season_and_a_clean_season(rebound_db):
    # 2025: the latest checklist is 2024's (met); before 06-01 the water quality is not judged yet
    s = _status(rebound_db, "2025-05-20")
    assert (s["data_status"], s["evidence_en"]) == ("met", CHECKLIST_EN)
    assert _status(rebound_db, "2025-09-15")["data_status"] == "on_track"  # September not over
    s = _status(rebound_db, "2025-10-01")  # June to September complete, none worse than before
    assert s["data_status"] == "met"
    assert (
        s["evidence_en"]
        == CHECKLIST_EN + "; 2025 flood-season water quality: no section worse than in the dry months before"
    )
    assert s["evidence_zh"] == CHECKLIST_ZH + "；2025年汛期水质各断面均未差于汛前枯水期"


def test_a_warehouse_from_before_the_rebound_status_gets_it_when_re_evaluated(rebound_db, tmp_path):
    """The macros every refresh re-creates are part of the evaluation fingerprint, so a warehouse of
    real data made by an older version (here: without flood_season_rebound, task 11 from its checklist
    alone) is re-evaluated in place and the flood-season page's query works on it."""

    made_by_refresh = {
        f"schema/{name.removesuffix('.sql')}" for name in (*evaluation.HELPER_SCHEMA, *evaluation.AFTER_DERIVED)
    }
    assert made_by_refresh <= set(config.EVALUATION_SQL)
    db = tmp_path / "old.duckdb"
    db.write_bytes(rebound_db.read_bytes())
    con = duckdb.connect(str(db))
    con.execute("DROP MACRO TABLE flood_season_rebound")
    con.execute("CREATE OR REPLACE MACRO task_status_11(as_of) AS TABLE SELECT * FROM flood_task_status(11, as_of)")
    con.execute("UPDATE warehouse_meta SET value = 'older' WHERE key = 'evaluation_fingerprint'")
    con.close()
    assert warehouse.stale_evaluation(db)
    assert warehouse.reevaluate(db)
    assert _status(db, "2024-08-01")["data_status"] == "at_risk"
    con = duckdb.connect(str(db), read_only=True)
    try:
        r = store.execute(con, "flood_rebound", now=dt.date(2024, 12, 31), year=2024, town_id=None)
    finally:
        con.close()
    assert int(r["is_first_flush"].sum()) == 1
