"""Materialise the GB 3838 evaluation (queries/section_period_*.sql) into warehouse tables.

The same SQL runs on the warehouse at build/import time and on a throwaway in-memory database for
`python -m bishui evaluate`, so there is one implementation of the rules."""

from __future__ import annotations

import duckdb

from bishui import config
from bishui.store import sql_text

# Order matters: each result reads the ones before it.
DERIVED = ("section_period_parameter", "section_period_class")


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table, macro and view of queries/schema/ in file order."""
    for path in sorted(config.SCHEMA_DIR.glob("*.sql")):
        con.execute(path.read_text(encoding="utf-8"))


def load_reference(con: duckdb.DuckDBPyConnection) -> None:
    """Load data/reference/parameters.csv and standard_limits.csv (replacing what is there)."""
    con.execute("DELETE FROM standard_limits")
    con.execute("DELETE FROM parameters")
    con.execute(sql_text("load/reference_parameters"), {"path": str(config.REFERENCE_DIR / "parameters.csv")})
    con.execute(sql_text("load/reference_limits"), {"path": str(config.REFERENCE_DIR / "standard_limits.csv")})
    con.execute(sql_text("load/gb3838_limits"))


def refresh(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute the derived evaluation tables from readings (called after every change)."""
    for name in DERIVED:
        con.execute(f"CREATE OR REPLACE TABLE {name} AS {sql_text(name)}")
