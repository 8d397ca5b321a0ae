"""Every SQL file in queries/ runs against the fixture warehouse and returns the columns its header
promises; every file has the header the house rules ask for."""

from __future__ import annotations

import importlib
from pathlib import Path

import duckdb
import pytest

from bishui.db.sql import sql_parameters
from tests.sqlheader import header_lines, promised_columns

ROOT = Path(__file__).resolve().parents[1]
QUERY_FILES = sorted((ROOT / "queries").glob("*.sql"))
ALL_SQL = sorted((ROOT / "queries").rglob("*.sql"))

# A value for every $parameter any query uses: tests/query_params*.py each define PARAMS (one file
# per area of the app, so areas can add parameters without editing a shared file).
PARAMS: dict = {}
for _path in sorted((ROOT / "tests").glob("query_params*.py")):
    PARAMS.update(importlib.import_module(f"tests.{_path.stem}").PARAMS)


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
    wanted = sql_parameters(sql)
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
