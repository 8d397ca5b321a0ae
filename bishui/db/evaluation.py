"""Materialise the GB 3838 evaluation (queries/section_period_*.sql) into warehouse tables.

The same SQL runs on the warehouse at build/import time and on a throwaway in-memory database for
`python -m bishui evaluate`, so there is one implementation of the rules."""

from __future__ import annotations

import duckdb

from bishui import config
from bishui.db.sql import sql_text

# Order matters: each result reads the ones before it. Each is stored sorted by its key so that the
# page queries, which pick one or a few sections, read few row groups (the SQL itself leaves the
# order open: the evaluation is measured without it, see benchmarks/).
# Macros the evaluation and the status queries use, re-created (CREATE OR REPLACE) before every
# refresh so that a warehouse built by an older version gets this version's definitions when it is
# re-evaluated in place (bishui.db.warehouse.reevaluate).
HELPER_SCHEMA = ("015_evaluation_helpers.sql", "058_status_rules.sql")
# Macros over the derived tables themselves: created after them by every refresh (DuckDB binds a
# macro's tables when it is created), never by apply_schema, in this order: the flood-season rebound
# and task 11's status read the completeness macro, and task_data_status calls every task_status_<n>.
AFTER_DERIVED = ("062_completeness.sql", "079_flood_rebound_status.sql", "080_task_data_status.sql")

DERIVED = {
    "section_period_parameter": "period_kind, section_id, parameter, period",
    "section_period_class": "period_kind, period, section_id",
}


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table, macro and view of queries/schema/ in file order."""
    for path in sorted(config.SCHEMA_DIR.glob("*.sql")):
        if path.name in AFTER_DERIVED:
            continue
        con.execute(path.read_text(encoding="utf-8"))


def load_reference(con: duckdb.DuckDBPyConnection) -> None:
    """Load data/reference/parameters.csv, standard_limits.csv and medical_limits.csv (replacing what is there)."""
    con.execute("DELETE FROM standard_limits")
    con.execute("DELETE FROM parameters")
    con.execute(sql_text("load/reference_parameters"), {"path": str(config.REFERENCE_DIR / "parameters.csv")})
    con.execute(sql_text("load/reference_limits"), {"path": str(config.REFERENCE_DIR / "standard_limits.csv")})
    con.execute(sql_text("load/gb3838_limits"))
    con.execute("DELETE FROM medical_limits")  # GB 18466-2005 (queries/schema/067_medical.sql)
    con.execute(sql_text("load/medical_limits"), {"path": str(config.REFERENCE_DIR / "medical_limits.csv")})


def readings_scope(con: duckdb.DuckDBPyConnection, batch_id: int) -> dict | None:
    """The sections and whole months an import batch of readings touches (None if it has none):
    take it after writing a batch, or before undoing one (replaced rows share the batch's keys)."""
    row = con.execute(sql_text("ingest/readings_batch_scope"), {"batch_id": int(batch_id)}).fetchone()
    if row is None or not row[0]:
        return None
    return {"scope_sections": list(row[0]), "scope_from": row[1], "scope_to": row[2]}


def assign_keys(con: duckdb.DuckDBPyConnection) -> None:
    """Give new section and parameter codes their integer keys and set the keys of the readings
    without them (queries/load/reading_keys.sql): the evaluation groups and joins on the keys."""
    con.execute(sql_text("load/reading_keys"))


def _has_keyed_monthly(con: duckdb.DuckDBPyConnection) -> bool:
    """True when readings_monthly exists with the integer keys (a warehouse of an older version has
    it without them: it is then re-aggregated in full)."""
    return (
        con.execute(
            "SELECT count(*) FROM duckdb_columns() WHERE table_name = 'readings_monthly' AND column_name = 'param_key' "
            "AND database_name = current_database()"
        ).fetchall()[0][0]
        > 0
    )


def refresh(con: duckdb.DuckDBPyConnection, scopes: list[dict | None] | None = None) -> None:
    """Recompute the derived evaluation tables (called after every change of readings or sections).

    New section and parameter codes get their integer keys first (assign_keys) whenever readings
    changed. The monthly aggregate readings_monthly is rebuilt from all readings unless `scopes` names the
    parts that changed (see readings_scope); then only those sections and months are re-aggregated.
    The month/year evaluation is then recomputed from the monthly aggregate (one row per section,
    parameter, source and month instead of every raw reading). An empty list means the readings did
    not change (e.g. a section's target class did)."""
    for name in HELPER_SCHEMA:
        con.execute((config.SCHEMA_DIR / name).read_text(encoding="utf-8"))
    full = scopes is None or not _has_keyed_monthly(con)
    if full or any(scopes or []):
        assign_keys(con)
    if full:
        con.execute(
            f"CREATE OR REPLACE TABLE readings_monthly AS {sql_text('readings_monthly')}",
            {"scope_sections": None, "scope_from": None, "scope_to": None},
        )
    else:
        for scope in filter(None, scopes or []):
            con.execute(sql_text("load/readings_monthly_delete"), scope)
            con.execute(f"INSERT INTO readings_monthly {sql_text('readings_monthly')}", scope)
    for name, order in DERIVED.items():
        con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM ({sql_text(name)}) ORDER BY {order}")
    for name in ("061_no_flow.sql", "064_reading_revisions.sql", *AFTER_DERIVED):  # IF NOT EXISTS: older warehouses
        con.execute((config.SCHEMA_DIR / name).read_text(encoding="utf-8"))
