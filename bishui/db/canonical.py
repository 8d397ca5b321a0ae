"""The canonical import format: one file per table, headers = the table's column names.

`data/sample/` is written in this format, the import templates follow it, and `bishui.ingest`
turns what people actually send into it. Loading a canonical frame casts every column to the
warehouse type in DuckDB (strict: a bad value raises instead of becoming NULL)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd


@dataclass(frozen=True)
class Kind:
    """One importable kind of file and the table it feeds."""

    name: str
    table: str
    file: str  # file name in data/sample/
    keys: tuple[str, ...]  # natural key within the table
    geometry: bool = False  # GeoJSON with a geometry stored as geom_wkb
    list_columns: frozenset[str] = field(default_factory=frozenset)


KINDS: dict[str, Kind] = {
    k.name: k
    for k in [
        Kind("towns", "towns", "towns.geojson", ("town_id",), geometry=True),
        Kind("rivers", "rivers", "rivers.geojson", ("river_id",), geometry=True),
        Kind("sections", "sections", "sections.csv", ("section_id",), list_columns=frozenset({"excluded_parameters"})),
        Kind("readings", "readings", "readings.csv", ("section_id", "parameter", "source", "sampled_on", "sampled_at")),
        Kind("outfalls", "outfalls", "outfalls.csv", ("outfall_id",)),
        Kind(
            "outfall_inspections",
            "outfall_inspections",
            "outfall_inspections.csv",
            ("outfall_id", "inspected_on", "parameter"),
        ),
        Kind("pipes", "pipes", "pipes.geojson", ("pipe_id",), geometry=True),
        Kind("facilities", "facilities", "facilities.csv", ("facility_id",)),
        Kind("plant_effluent", "plant_effluent", "plant_effluent.csv", ("facility_id", "month")),
        Kind("network_blank_areas", "network_blank_areas", "network_blank_areas.csv", ("area_id",)),
        Kind("water_bodies", "water_bodies", "water_bodies.csv", ("body_id",)),
        Kind(
            "water_body_inspections",
            "water_body_inspections",
            "water_body_inspections.csv",
            ("body_id", "inspected_on", "point_no"),
        ),
        Kind("targets", "targets", "targets.csv", ("target_id", "year")),
        Kind("target_progress", "target_progress", "target_progress.csv", ("target_id", "town_id", "period")),
        Kind("tasks", "tasks", "tasks.csv", ("task_no",)),
        Kind("task_updates", "task_updates", "task_updates.csv", ("task_no", "updated_on", "town_id")),
        Kind("projects", "projects", "projects.csv", ("project_id",)),
        Kind(
            "compensation_rules",
            "compensation_rules",
            "compensation_rules.csv",
            ("rule_id", "section_id", "valid_from"),
        ),
        # source tracing: which river flows into which (and where), and imported km along a river
        Kind("river_network", "river_network", "river_network.csv", ("river_id",)),
        Kind("river_positions", "river_positions", "river_positions.csv", ("object_kind", "object_id")),
        # ecological base flow and sluices (plan task 10), flood-season readiness (tasks 5 and 11)
        Kind("sluices", "sluices", "sluices.csv", ("sluice_id",)),
        Kind("flow_readings", "flow_readings", "flow_readings.csv", ("site_id", "measured_on")),
        Kind("eco_flow_minimums", "eco_flow_minimums", "eco_flow_minimums.csv", ("section_id",)),
        Kind("sluice_operations", "sluice_operations", "sluice_operations.csv", ("sluice_id", "operated_at")),
        Kind("flood_checklist", "flood_checklist", "flood_checklist.csv", ("year", "item_code", "town_id")),
        # drinking-water sources (plan task 15): queries/schema/065_drinking_water.sql
        Kind("drinking_sources", "drinking_sources", "drinking_sources.csv", ("source_id",)),
        Kind(
            "drinking_source_zones",
            "drinking_source_zones",
            "drinking_source_zones.geojson",
            ("zone_id",),
            geometry=True,
        ),
        Kind(
            "drinking_source_samples",
            "drinking_source_samples",
            "drinking_source_samples.csv",
            ("source_id", "sampled_on", "parameter"),
        ),
        # the total-nitrogen problem list (plan task 12): queries/schema/066_tn_action.sql
        Kind("tn_problems", "tn_problems", "tn_problems.csv", ("problem_id",)),
        # medical-institution wastewater (plan task 14; queries/schema/067_medical.sql)
        Kind("medical_institutions", "medical_institutions", "medical_institutions.csv", ("institution_id",)),
        Kind("medical_monitoring", "medical_monitoring", "medical_monitoring.csv", ("institution_id", "sampled_on")),
        # enforcement on pollution sources (plan task 6; queries/schema/068_enforcement.sql)
        Kind("pollution_sources", "pollution_sources", "pollution_sources.csv", ("source_id",)),
        Kind("source_inspections", "source_inspections", "source_inspections.csv", ("source_id", "inspected_on")),
        Kind("enforcement_cases", "enforcement_cases", "enforcement_cases.csv", ("case_id",)),
    ]
}


def read_file(kind: Kind, path: Path) -> pd.DataFrame:
    """Read a canonical file as strings ('' for empty); geometry becomes WKB bytes in geom_wkb."""
    if kind.geometry:
        import geopandas as gpd

        gdf = gpd.read_file(path)
        df = pd.DataFrame(gdf.drop(columns="geometry"))
        for col in df.columns:
            df[col] = df[col].map(_as_text)
        df["geom_wkb"] = [g.wkb if g is not None else None for g in gdf.geometry]
        return df
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    if kind.name == "readings":
        df = split_reading_values(df)
    return df


def _as_text(value) -> str:
    if value is None or (not isinstance(value, (list, tuple, bytes)) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)


def split_reading_values(df: pd.DataFrame) -> pd.DataFrame:
    """value text -> value, below_detection_limit, detection_limit ('<0.01' = below 0.01)."""
    text = df["value"].astype(str).str.strip()
    below = text.str.startswith("<")
    out = df.copy()
    out["below_detection_limit"] = below.map({True: "true", False: "false"})
    out["detection_limit"] = text.where(below, "").str.lstrip("<").str.strip()
    out["value"] = text.where(~below, "")
    return out


# Columns the warehouse derives itself (the integer keys the evaluation groups on, set by
# bishui.db.evaluation.assign_keys): never read from files, offered in templates and downloads or
# written by the importer.
DERIVED_COLUMNS: dict[str, tuple[str, ...]] = {"readings": ("section_key", "param_key")}


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str, bool, str | None]]:
    """(name, type, not_null, default) for each column of a warehouse table (DERIVED_COLUMNS left out)."""
    rows = con.execute(
        "SELECT column_name, data_type, NOT is_nullable, column_default "
        "FROM duckdb_columns() WHERE table_name = $t AND schema_name = current_schema() "
        "ORDER BY column_index",
        {"t": table},
    ).fetchall()
    derived = DERIVED_COLUMNS.get(table, ())
    return [(r[0], r[1], bool(r[2]), r[3]) for r in rows if r[0] not in derived]


def insert_frame(con: duckdb.DuckDBPyConnection, kind: Kind, df: pd.DataFrame, batch_id: int = 0) -> int:
    """Insert a canonical frame into kind.table, casting text columns strictly; returns rows inserted."""
    cols = table_columns(con, kind.table)
    exprs, names = [], []
    for name, dtype, not_null, default in cols:
        if name == "batch_id":
            exprs.append(str(int(batch_id)))
            names.append(name)
            continue
        if name not in df.columns:
            continue
        ident = f'"{name}"'
        is_text = df[name].dtype == object or pd.api.types.is_string_dtype(df[name])
        if not is_text or dtype == "BLOB":
            expr = ident
        elif dtype.endswith("[]"):
            expr = f"coalesce(string_split(NULLIF(trim({ident}), ''), ';'), []::{dtype})"
        elif dtype == "VARCHAR":
            # an empty cell of a NOT NULL column with a default takes the default ('' or a code)
            expr = f"coalesce(NULLIF({ident}, ''), {default})" if not_null and default else f"NULLIF({ident}, '')"
        else:
            expr = f"CAST(NULLIF(trim({ident}), '') AS {dtype})"
        exprs.append(f"{expr} AS {ident}")
        names.append(ident)
    con.register("_canonical_frame", df)
    try:
        con.execute(f"INSERT INTO {kind.table} ({', '.join(names)}) SELECT {', '.join(exprs)} FROM _canonical_frame")
    finally:
        con.unregister("_canonical_frame")
    return len(df)


def insert_parquet(con: duckdb.DuckDBPyConnection, kind: Kind, path: Path, batch_id: int = 0) -> int:
    """Insert a Parquet file whose columns are the table's (typed); returns rows inserted."""
    before = con.execute(f"SELECT count(*) FROM {kind.table}").fetchall()[0][0]
    names = [c[0] for c in table_columns(con, kind.table) if c[0] != "batch_id"]
    present = {r[0] for r in con.execute("SELECT name FROM parquet_schema($p)", {"p": str(path)}).fetchall()}
    cols = [n for n in names if n in present]
    ident = ", ".join(f'"{n}"' for n in cols)
    con.execute(
        f"INSERT INTO {kind.table} ({ident}, batch_id) SELECT {ident}, $batch FROM read_parquet($p)",
        {"p": str(path), "batch": int(batch_id)},
    )
    return con.execute(f"SELECT count(*) FROM {kind.table}").fetchall()[0][0] - before
