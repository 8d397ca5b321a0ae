"""Hand-worked months of data as it really arrives, added to a copy of the fixture warehouse
(tests/fixtures/district/): every status and amount the completeness and ledger tests pin is worked
out by hand from the rows below.

s_f1 (automatic station, target IV; ledger rule F1: worse than IV -> 850,000 CNY):
  2023-06  manual pH 7.5 and DO 6.5 only                         -> incomplete (provisional before July)
  2023-09  automatic, all five items on 1..20 Sep (silent 21..30: 10 of 30 days), NH3-N 2.5 (劣V),
           no manual sample                                       -> complete (20 days >= 20), owed 850,000
  2023-11  automatic, all five on 1..19 Nov (silent 11 days), no manual sample
                                                                  -> incomplete (19 days < 20), pending_data
  2023-12  automatic, all five on 1..9 Dec, NH3-N 2.5           -> provisional at 2023-12-10; forecast 劣V,
                                                                     850,000 driven by NH3-N
s_t2 (no automatic station, target III; rule F2: 200,000 x 0.5 = 100,000 CNY):
  2023-07  no-flow record (dry, 断流), no readings              -> no_flow, not billed
  2023-02  (fixture) class IV: complete, owed 100,000; 2023-04 (fixture) class III: complete, ok
s_res 2023-02: no reading at all                                  -> no_data
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb

GOOD = {"ph": 7.5, "do": 6.5, "codmn": 3.5, "nh3n": 0.4, "tp": 0.08}


def _auto_rows(section: str, year: int, month: int, days: range, values: dict) -> list[tuple]:
    rows = []
    for d in days:
        day = dt.date(year, month, d)
        for code, v in values.items():
            rows.append((section, code, day, dt.datetime(year, month, d, 8), v, False, None, "auto", 0))
    return rows


def rows() -> list[tuple]:
    bad = dict(GOOD, nh3n=2.5)
    out = [
        ("s_f1", "ph", dt.date(2023, 6, 12), None, 7.5, False, None, "manual", 0),
        ("s_f1", "do", dt.date(2023, 6, 12), None, 6.5, False, None, "manual", 0),
    ]
    out += _auto_rows("s_f1", 2023, 9, range(1, 21), bad)
    out += _auto_rows("s_f1", 2023, 11, range(1, 20), GOOD)
    out += _auto_rows("s_f1", 2023, 12, range(1, 10), bad)
    return out


def add_arrival_months(con: duckdb.DuckDBPyConnection) -> None:
    """Insert the rows above and the no-flow record, then re-evaluate (bishui.db.evaluation.refresh)."""
    from bishui.db import evaluation

    con.executemany(
        "INSERT INTO readings (section_id, parameter, sampled_on, sampled_at, value, below_detection_limit,"
        " detection_limit, source, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows(),
    )
    con.execute("INSERT INTO no_flow_months VALUES ('s_t2', DATE '2023-07-01', 'dry', '断流 dry riverbed')")
    evaluation.refresh(con)


def arrival_copy(fixture_db: Path, dest: Path) -> Path:
    """A copy of the fixture warehouse with the arrival months added."""
    shutil.copyfile(fixture_db, dest)
    con = duckdb.connect(str(dest))
    try:
        add_arrival_months(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return dest
