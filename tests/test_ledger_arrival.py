"""The compensation ledger on data as it really arrives (tests/arrival_data.py, worked by hand): only a
complete month is billed or passed; an incomplete month over is pending_data; a running month is
provisional with a forecast; a no-flow month follows the setting; and `python -m bishui ledger`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from bishui.reports import compensation as comp
from bishui.db import store
from tests.arrival_data import arrival_copy

ROOT = Path(__file__).resolve().parents[1]
D = dt.date
NOW = D(2023, 12, 10)  # December 2023 is running; every earlier month is over


@pytest.fixture(scope="module")
def arrival_db(fixture_db, tmp_path_factory) -> Path:
    return arrival_copy(fixture_db, tmp_path_factory.mktemp("arrival_ledger") / "arrival.duckdb")


def _query(path, name, **params):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return store.execute(con, name, **params)
    finally:
        con.close()


def ledger(path, bill_no_flow=False, now=NOW) -> pd.DataFrame:
    return _query(
        path,
        "compensation_ledger",
        start=D(2023, 1, 1),
        end=D(2023, 12, 1),
        town_id=None,
        now=now,
        bill_no_flow=bill_no_flow,
    )


def pinned(df) -> dict:
    return {
        (r.rule_id, str(r.month)[:7]): (
            r.status,
            float(r.amount_cny),
            None if pd.isna(r.forecast_cny) else float(r.forecast_cny),
        )
        for r in df.itertuples()
    }


EXPECTED = {
    ("F1", "2023-01"): ("ok", 0.0, None),  # fixture: class III <= IV
    ("F1", "2023-02"): ("owed", 850_000.0, None),  # fixture: class V > IV
    ("F1", "2023-03"): ("no_data", 0.0, None),
    ("F1", "2023-04"): ("owed", 850_000.0, None),  # fixture: 劣V
    ("F1", "2023-06"): ("pending_data", 0.0, None),  # pH and DO only: never "passed" (¥0 ok)
    ("F1", "2023-09"): ("owed", 850_000.0, None),  # 20 automatic days, NH3-N 2.5: 劣V
    ("F1", "2023-11"): ("pending_data", 0.0, None),  # 19 automatic days, no manual sample
    ("F1", "2023-12"): ("provisional", 0.0, 850_000.0),  # 9 days so far, NH3-N 2.5: forecast due
    ("F2", "2023-02"): ("owed", 100_000.0, None),  # 200,000 x 0.5, class IV > III
    ("F2", "2023-04"): ("ok", 0.0, None),
    ("F2", "2023-07"): ("no_flow", 0.0, None),  # 断流: shown, not billed by default
    ("F2", "2023-12"): ("no_data", 0.0, None),
}


def test_ledger_statuses_and_amounts(arrival_db):
    got = pinned(ledger(arrival_db))
    for key, want in EXPECTED.items():
        assert got[key] == want, key
    assert set(s for s, _, _ in got.values()) <= set(comp.STATUSES)


def test_no_flow_is_billed_only_when_the_setting_says_so(arrival_db):
    got = pinned(ledger(arrival_db, bill_no_flow=True))
    assert got[("F2", "2023-07")] == ("no_flow", 100_000.0, None)


def test_the_running_month_is_judged_once_it_is_over(arrival_db):
    got = pinned(ledger(arrival_db, now=D(2024, 1, 2)))
    # 9 automatic days and no manual sample: over, but too few days -> pending, still not billed
    assert got[("F1", "2023-12")] == ("pending_data", 0.0, None)


def test_forecast_of_the_provisional_month_names_what_drives_it(arrival_db):
    month = D(2023, 12, 1)
    led = ledger(arrival_db)
    led = led[pd.to_datetime(led["month"]).dt.date == month]
    names = dict(zip(*[_query(arrival_db, "parameters_list")[c] for c in ("code", "name_en")]))
    f = comp.forecast(
        led,
        _query(arrival_db, "compensation_drivers", month=month, town_id=None),
        _query(arrival_db, "compensation_month_samples", month=month, town_id=None),
        "en",
        today=NOW,
        param_names=names,
    ).set_index("rule_id")
    assert f.loc["F1", "status"] == "provisional" and f.loc["F1", "amount_cny"] == 850_000
    assert f.loc["F1", "drivers"].startswith("From the 9 day(s) of data so far: ")
    assert "Ammonia nitrogen (NH3-N) 2.5 mg/L" in f.loc["F1", "drivers"]
    assert f.loc["F1", "is_month_open"]
    jun = D(2023, 6, 1)
    led = ledger(arrival_db)
    led = led[pd.to_datetime(led["month"]).dt.date == jun]
    f = comp.forecast(
        led,
        _query(arrival_db, "compensation_drivers", month=jun, town_id=None),
        _query(arrival_db, "compensation_month_samples", month=jun, town_id=None),
        "zh",
        today=NOW,
        param_names=dict(zip(*[_query(arrival_db, "parameters_list")[c] for c in ("code", "name_zh")])),
    ).set_index("rule_id")
    assert f.loc["F1", "status"] == "pending_data" and f.loc["F1", "amount_cny"] == 0
    assert "高锰酸盐指数、氨氮、总磷" in f.loc["F1", "drivers"]


def run_ledger(db: Path, today: str, *args) -> list[dict]:
    env = dict(os.environ, BISHUI_DB=str(db), BISHUI_TODAY=today)
    proc = subprocess.run(
        [sys.executable, "-m", "bishui", "ledger", *args], cwd=ROOT, env=env, capture_output=True, timeout=180
    )
    assert proc.returncode == 0, proc.stderr.decode()
    return list(csv.DictReader(io.StringIO(proc.stdout.decode("utf-8-sig"))))


def test_ledger_command(arrival_db, tmp_path):
    db = tmp_path / "w.duckdb"
    db.write_bytes(arrival_db.read_bytes())
    out = run_ledger(db, "2023-12-10", "--year", "2023", "--lang", "en")
    assert list(out[0]) == ["rule_id", "payer", "payee", "section_id", "month", "status", "amount_cny", "reason"]
    by = {(r["rule_id"], r["month"]): r for r in out}
    for (rule, month), (status, amount, _) in EXPECTED.items():
        assert (by[(rule, month)]["status"], float(by[(rule, month)]["amount_cny"])) == (status, amount), (rule, month)
    assert by[("F1", "2023-06")]["payer"] == "Test resort"
    assert "Total phosphorus" in by[("F1", "2023-06")]["reason"]
    assert "CNY 850,000 due if the rest of the month looks the same" in by[("F1", "2023-12")]["reason"]
    assert "9 days of automatic data" in by[("F1", "2023-12")]["reason"]
    assert "dry" in by[("F2", "2023-07")]["reason"] and "not billed" in by[("F2", "2023-07")]["reason"]
    # -o writes the same CSV (UTF-8 with BOM, formula-safe writer)
    target = tmp_path / "ledger.csv"
    run_ledger(db, "2023-12-10", "--year", "2023", "-o", str(target))
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert {(r["rule_id"], r["month"]): r["status"] for r in rows} == {k: r["status"] for k, r in by.items()}


def test_ledger_command_writes_names_as_text_not_formulas(arrival_db, tmp_path):
    db = tmp_path / "w.duckdb"
    db.write_bytes(arrival_db.read_bytes())
    con = duckdb.connect(str(db))
    con.execute("UPDATE compensation_rules SET payer_en = '=HYPERLINK(\"http://x\")' WHERE rule_id = 'F1'")
    con.close()
    out = run_ledger(db, "2023-12-10", "--year", "2023", "--lang", "en")
    assert all(not r["payer"].startswith("=") for r in out)
