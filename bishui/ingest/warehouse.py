"""The importer's side of the warehouse: reference data, conflicts, writing a batch, undo.

All SQL is in queries/ingest/. Some statements work on any importable table: their identifiers
({table}, {key_join} ...) are filled here from bishui.db.canonical.KINDS and the schema, never from
user text; values are always bound."""

from __future__ import annotations

import re

import duckdb
import pandas as pd

from bishui.db import canonical
from bishui import config
from bishui.db.sql import bind, sql_text
from bishui.ingest import schema
from bishui.ingest.frame import RefIndex, Refs

REF_QUERIES = {
    "sections": "ingest/known_sections",
    "outfalls": "ingest/known_outfalls",
    "facilities": "ingest/known_facilities",
    "water_bodies": "ingest/known_water_bodies",
    "towns": "ingest/known_towns",
    "rivers": "ingest/known_rivers",
    "targets": "ingest/known_targets",
    "tasks": "ingest/known_tasks",
    "sluices": "ingest/known_sluices",
    "flow_sites": "ingest/known_flow_sites",
    "drinking_sources": "ingest/known_drinking_sources",
    "medical_institutions": "ingest/known_medical_institutions",
    "pollution_sources": "ingest/known_pollution_sources",
}

_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")


def _ident(name: str) -> str:
    if not _IDENT.match(name):
        raise ValueError(f"not an identifier: {name!r}")
    return name


def run(con: duckdb.DuckDBPyConnection, name: str, fmt: dict[str, str] | None = None, **params) -> pd.DataFrame | None:
    """Run queries/<name>.sql with {identifiers} filled from fmt and $params bound; a file with
    several statements runs them in order. Returns the last statement's result as a frame (or None)."""
    sql = sql_text(name)
    body = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    if fmt:
        body = body.format(**fmt)
    result = None
    for stmt in [s.strip() for s in body.split(";\n") if s.strip()]:
        stmt = stmt.rstrip(";")
        rel = con.execute(stmt, bind(stmt, params))
        result = rel
    try:
        return result.df() if result is not None and result.description else None
    except duckdb.Error:
        return None


def run_frame(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """run() for a query that ends in a SELECT: its result as a frame."""
    df = run(con, name, **params)
    if df is None:
        raise ValueError(f"queries/{name}.sql returned no result set")
    return df


def table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = $t", {"t": name}).fetchall()[0][0])


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Apply queries/schema/070_ingest.sql (idempotent) to a warehouse built before it existed, or
    before a kind's archive table was added to it."""
    archives = {f"archive_{k.table}" for k in canonical.KINDS.values()}
    have = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if "import_undos" not in have or not archives <= have:
        con.execute((config.SCHEMA_DIR / "070_ingest.sql").read_text(encoding="utf-8"))


def load_refs(con: duckdb.DuckDBPyConnection, targets: set[str]) -> Refs:
    refs = Refs()
    for target in targets:
        if target == "objects":  # river_positions: one index per object kind, and all of them together
            df = run_frame(con, "ingest/known_trace_objects")
            for kind, part in df.groupby("kind", sort=False):
                rows = list(part.drop(columns="kind").itertuples(index=False, name=None))
                refs.index[f"objects:{kind}"] = RefIndex.build(rows)
            refs.index[target] = RefIndex.build(list(df.drop(columns="kind").itertuples(index=False, name=None)))
        elif target in REF_QUERIES:
            df = run_frame(con, REF_QUERIES[target])
            refs.index[target] = RefIndex.build(list(df.itertuples(index=False, name=None)))
    return refs


def batch_for_hash(con: duckdb.DuckDBPyConnection, file_hash: str) -> int | None:
    df = run(con, "ingest/batch_by_hash", file_hash=file_hash)
    return int(df["batch_id"].iloc[0]) if df is not None and len(df) else None


# ----------------------------------------------------------------------------------- staging SQL


def _cast(name: str, dtype: str) -> str:
    col = f'"{_ident(name)}"'
    if dtype.endswith("[]"):
        return f"coalesce(string_split(NULLIF(trim({col}), ''), ';'), []::{dtype}) AS {col}"
    if dtype == "BLOB":
        return f"{col}::BLOB AS {col}"
    if dtype == "DATE":
        return f"CAST({col} AS DATE) AS {col}"
    return f"CAST({col} AS {dtype}) AS {col}"


def _key_join(kind: str, left: str = "t", right: str = "i") -> str:
    return " AND ".join(f'{left}."{_ident(k)}" IS NOT DISTINCT FROM {right}."{k}"' for k in schema.keys(kind))


def _key_struct(kind: str, alias: str) -> str:
    return "{" + ", ".join(f"'{_ident(k)}': {alias}.\"{k}\"" for k in schema.keys(kind)) + "}"


def _differs(kind: str) -> str:
    parts = []
    for c in schema.compared_columns(kind):
        ci = schema.columns(kind)[c]
        a, b = f'i."{_ident(c)}"', f't."{c}"'
        if ci.type == "DOUBLE":
            # a value where there was none (or the reverse) differs: abs(x - NULL) is NULL, not false
            parts.append(
                f"NOT ({a} IS NOT DISTINCT FROM {b} OR "
                f"coalesce(abs({a} - {b}) <= 1e-9 * greatest(abs({a}), abs({b})), false))"
            )
        else:
            parts.append(f"{a} IS DISTINCT FROM {b}")
    return " OR ".join(parts) if parts else "false"


def stage(con: duckdb.DuckDBPyConnection, kind: str, frame: pd.DataFrame) -> None:
    """Register the typed valid rows (with _idx) as _incoming, cast to the table's types; a column the
    file did not have is NULL (defaults were filled by the parse step)."""
    cols = schema.columns(kind)
    data = pd.DataFrame({"_idx": frame["_idx"].to_numpy()})
    for c in cols:
        if c in frame.columns:
            v = frame[c]
            data[c] = v.astype("str") if str(v.dtype) == "category" else v.to_numpy() if v.dtype == object else v.values
        else:
            data[c] = pd.Series([None] * len(frame), dtype=object)
    con.register("_ingest_frame", data)
    try:
        run(con, "ingest/stage_incoming", {"casts": ", ".join(_cast(c, cols[c].type) for c in cols)})
    finally:
        con.unregister("_ingest_frame")


def matches(con: duckdb.DuckDBPyConnection, kind: str) -> pd.DataFrame:
    """Incoming rows whose key is already in the warehouse: _idx, differs, old_<col>..."""
    compared = schema.compared_columns(kind)
    old_cols = ", ".join(f't."{_ident(c)}" AS "old_{c}"' for c in compared) or "NULL AS old_none"
    fmt = {
        "table": _ident(canonical.KINDS[kind].table),
        "key_join": _key_join(kind),
        "differs": _differs(kind),
        "old_columns": old_cols,
    }
    return run(con, "ingest/existing_matches", fmt)


def mark(con: duckdb.DuckDBPyConnection, status: pd.DataFrame) -> None:
    """Set _incoming._status for the rows in status (_idx, _status)."""
    if len(status) == 0:
        return
    con.register("_ingest_status", status[["_idx", "_status"]])
    try:
        run(con, "ingest/mark_status")
    finally:
        con.unregister("_ingest_status")


def write_batch(con: duckdb.DuckDBPyConnection, kind: str, batch_id: int) -> tuple[int, int]:
    """Archive and delete replaced rows, insert new and replacing rows. Returns (added, replaced)."""
    table = _ident(canonical.KINDS[kind].table)
    fmt = {"table": table, "key_join": _key_join(kind)}
    counts = con.execute(
        "SELECT count(*) FILTER (WHERE _status = 'new'), count(*) FILTER (WHERE _status = 'replace') FROM _incoming"
    ).fetchall()[0]
    added, replaced = int(counts[0]), int(counts[1])
    if replaced:
        run(con, "ingest/archive_replaced", fmt, batch_id=batch_id)
        run(con, "ingest/delete_replaced", fmt)
    all_cols = schema.tables()[table]
    names = [f'"{c}"' for c in all_cols]
    values = [str(int(batch_id)) if c == "batch_id" else f'"{c}"' for c in all_cols]
    run(
        con,
        "ingest/insert_incoming",
        {"table": table, "columns": ", ".join(names), "values": ", ".join(values)},
        batch_id=batch_id,
    )
    if not schema.has_batch_id(kind):
        run(
            con, "ingest/record_added_keys", {"key_struct": _key_struct(kind, "i")}, batch_id=batch_id, table_name=table
        )
    return added, replaced


def undo_blockers(con: duckdb.DuckDBPyConnection, kind: str, batch_id: int) -> list[int]:
    table = _ident(canonical.KINDS[kind].table)
    if schema.has_batch_id(kind):
        origin = "a.batch_id = $batch_id"
    else:
        origin = (
            f"to_json({_key_struct(kind, 'a')}) IN (SELECT key_json FROM ingest_added_keys "
            "WHERE batch_id = $batch_id AND table_name = $table_name)"
        )
    df = run(con, "ingest/undo_blockers", {"table": table, "origin": origin}, batch_id=batch_id, table_name=table)
    return [int(x) for x in df["batch_id"]] if df is not None else []


def undo_batch(con: duckdb.DuckDBPyConnection, kind: str, batch_id: int) -> None:
    table = _ident(canonical.KINDS[kind].table)
    if schema.has_batch_id(kind):
        run(con, "ingest/undo_delete_batch", {"table": table}, batch_id=batch_id)
    else:
        run(
            con,
            "ingest/undo_delete_keys",
            {"table": table, "key_struct": _key_struct(kind, "i")},
            batch_id=batch_id,
            table_name=table,
        )
    run(con, "ingest/undo_restore", {"table": table}, batch_id=batch_id, table_name=table)


def table_frame(con: duckdb.DuckDBPyConnection, kind: str) -> pd.DataFrame:
    table = _ident(canonical.KINDS[kind].table)
    df = run(con, "ingest/table_rows", {"table": table})
    derived = [c for c in canonical.DERIVED_COLUMNS.get(table, ()) if df is not None and c in df.columns]
    return df.drop(columns=derived) if df is not None and derived else df
