"""Completeness of a section-month (queries/schema/062_completeness.sql), hand-worked on the fixture
warehouse plus the months of tests/arrival_data.py, and the columns `python -m bishui evaluate` gains."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from tests.arrival_data import arrival_copy

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def arrival_db(fixture_db, tmp_path_factory) -> Path:
    return arrival_copy(fixture_db, tmp_path_factory.mktemp("arrival") / "arrival.duckdb")


def status(db: Path, now, section: str, month: str) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        df = con.execute(
            "SELECT * FROM section_month_completeness(?) WHERE section_id = ? AND month = ?",
            [now, section, dt.date.fromisoformat(month + "-01")],
        ).df()
    finally:
        con.close()
    assert len(df) == 1
    return df.iloc[0].to_dict()


def test_ph_and_do_only_is_incomplete_once_the_month_is_over(arrival_db):
    row = status(arrival_db, dt.datetime(2026, 12, 3), "s_f1", "2023-06")
    assert row["status"] == "incomplete"
    assert list(row["missing_items"]) == ["codmn", "nh3n", "tp"]
    assert list(row["present_items"]) == ["ph", "do"]
    assert row["has_manual"] and row["auto_days"] == 0
    # graded from what is there it would read "met" (class I/II <= IV): the judgement withholds it
    assert row["is_attained"] and pd.isna(row["judged_attained"])
    assert not row["is_judged"]


def test_ph_and_do_only_is_provisional_while_the_month_runs(arrival_db):
    assert status(arrival_db, dt.datetime(2023, 6, 30, 23, 59), "s_f1", "2023-06")["status"] == "provisional"
    # the month is over from the first moment of the next one
    assert status(arrival_db, dt.datetime(2023, 7, 1), "s_f1", "2023-06")["status"] == "incomplete"


def test_station_silent_ten_days_of_thirty_is_complete_at_twenty_days(arrival_db):
    row = status(arrival_db, dt.date(2026, 12, 3), "s_f1", "2023-09")
    assert (row["auto_days"], row["days_in_month"], bool(row["has_manual"])) == (20, 30, False)
    assert row["status"] == "complete" and row["is_judged"]
    assert row["water_class"] == 6 and not row["is_attained"] and not row["judged_attained"]


def test_station_silent_eleven_days_without_manual_sample_is_incomplete(arrival_db):
    row = status(arrival_db, dt.date(2026, 12, 3), "s_f1", "2023-11")
    assert row["auto_days"] == 19 and not row["has_manual"]
    assert list(row["missing_items"]) == [] and row["is_auto_short"]
    assert row["status"] == "incomplete" and not row["is_judged"]


def test_no_flow_month_keeps_its_reason(arrival_db):
    row = status(arrival_db, dt.date(2026, 12, 3), "s_t2", "2023-07")
    assert (row["status"], row["no_flow_reason"], row["no_flow_note"]) == ("no_flow", "dry", "断流 dry riverbed")


def test_complete_and_no_data_months(arrival_db):
    row = status(arrival_db, dt.date(2026, 12, 3), "s_t2", "2023-04")
    assert row["status"] == "complete" and row["judged_attained"] and row["n_present"] == 5
    assert status(arrival_db, dt.date(2026, 12, 3), "s_res", "2023-02")["status"] == "no_data"
    # a month with every item is still provisional until it is over
    assert status(arrival_db, dt.date(2023, 4, 20), "s_t2", "2023-04")["status"] == "provisional"


def test_months_run_to_the_month_of_now(arrival_db):
    con = duckdb.connect(str(arrival_db), read_only=True)
    try:
        last = con.execute("SELECT max(month) FROM section_month_completeness(DATE '2024-03-05')").fetchone()[0]
    finally:
        con.close()
    assert last == dt.date(2024, 3, 1)


def test_no_flow_records_load_from_the_data_directory(tmp_path):
    import shutil

    from bishui.db import warehouse

    src = tmp_path / "src"
    shutil.copytree(ROOT / "tests" / "fixtures" / "district", src)
    (src / "no_flow_months.csv").write_text(
        "section_id,month,reason_code,note\ns_t2,2023-07,frozen,冰封\n", encoding="utf-8"
    )
    db = tmp_path / "w.duckdb"
    counts = warehouse.build(db, src)
    assert counts["no_flow_months"] == 1
    row = status(db, dt.date(2026, 12, 3), "s_t2", "2023-07")
    assert (row["status"], row["no_flow_reason"], row["no_flow_note"]) == ("no_flow", "frozen", "冰封")


def _evaluate(tmp_path: Path, today: str) -> list[list[str]]:
    src = tmp_path / "in.csv"
    src.write_text(
        "section_id,water_body_type,target_class,sampled_on,parameter,value\n"
        "a,river,3,2025-11-10,ph,7.5\na,river,3,2025-11-10,do,6.5\n"
        + "".join(
            f"b,river,3,2025-11-10,{p},{v}\n"
            for p, v in [("ph", 7.5), ("do", 6.5), ("codmn", 3), ("nh3n", 0.3), ("tp", 0.1)]
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    env = dict(os.environ, BISHUI_TODAY=today)
    subprocess.run(
        [sys.executable, "-m", "bishui", "evaluate", str(src), "--period", "month", "-o", str(out)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    lines = [line.split(",") for line in out.read_text(encoding="utf-8").splitlines()]
    head = lines[0]
    return [
        [r[head.index("section_id")], r[head.index("completeness")], r[head.index("missing_items")]] for r in lines[1:]
    ]


def test_evaluate_command_gains_completeness_and_missing_items(tmp_path):
    assert _evaluate(tmp_path, "2026-01-05") == [["a", "incomplete", "codmn;nh3n;tp"], ["b", "complete", ""]]
    assert _evaluate(tmp_path, "2025-11-20") == [["a", "provisional", "codmn;nh3n;tp"], ["b", "provisional", ""]]


def test_a_warehouse_from_before_completeness_gets_it_when_re_evaluated(fixture_db, tmp_path):
    from bishui.db import warehouse

    db = tmp_path / "old.duckdb"
    db.write_bytes(fixture_db.read_bytes())
    con = duckdb.connect(str(db))
    con.execute("DROP MACRO TABLE section_period_completeness")
    con.execute("DROP MACRO TABLE section_month_completeness")
    con.execute("DROP TABLE no_flow_months")
    con.execute("UPDATE warehouse_meta SET value = 'older' WHERE key = 'evaluation_fingerprint'")
    con.close()
    assert warehouse.stale_evaluation(db)
    assert warehouse.reevaluate(db)
    assert status(db, dt.date(2026, 12, 3), "s_t2", "2023-04")["status"] == "complete"
