"""Every SQL file in queries/ runs against the fixture warehouse and returns the columns its header
promises; every file has the header the house rules ask for."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from bishui import store
from tests.sqlheader import header_lines, promised_columns

ROOT = Path(__file__).resolve().parents[1]
QUERY_FILES = sorted((ROOT / "queries").glob("*.sql"))
ALL_SQL = sorted((ROOT / "queries").rglob("*.sql"))

# A value for every $parameter any query uses; a new parameter name must be added here.
PARAMS = {
    "period_kind": "month",
    "month": dt.date(2023, 2, 1),
    "year": 2023,
    "start": dt.date(2023, 1, 1),
    "end": dt.date(2023, 12, 31),
    "section_id": "s_f1",
    "section_ids": ["s_f1", "s_t2"],
    "parameters": ["nh3n", "tp"],
    "parameter": "nh3n",
    "town_id": None,
    "assessment_only": False,
    "outfall_id": "o2",
    "facility_id": "p1",
    "body_id": "b2",
    "target_id": "S1",
    "today": dt.date(2023, 4, 30),
    "since": dt.date(2023, 3, 1),
    "months": 3,
    "lang": "zh",
    "source": None,
    "limit": 100,
}


def test_every_sql_file_has_a_header():
    for path in ALL_SQL:
        head = header_lines(path)
        assert head, f"{path} has no header comment"
        if path.parent.name != "schema":
            text = " ".join(head)
            for word in ("Purpose:", "Grain:", "Parameters:", "Columns:"):
                assert word in text, f"{path} header lacks {word}"


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_query_runs_and_returns_promised_columns(path, fixture_db):
    sql = path.read_text(encoding="utf-8")
    wanted = store.sql_parameters(sql)
    unknown = wanted - PARAMS.keys()
    assert not unknown, f"add a test value for {sorted(unknown)} to PARAMS"
    con = duckdb.connect(str(fixture_db), read_only=True)
    try:
        df = con.execute(sql, {k: PARAMS[k] for k in wanted}).df()
    finally:
        con.close()
    promised = promised_columns(path)
    assert promised, f"{path.name}: header lists no columns"
    assert list(df.columns) == promised, f"{path.name}: columns differ from its header"
