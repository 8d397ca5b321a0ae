"""The integer keys the evaluation groups on (readings.section_key / param_key, section_keys,
parameter_keys): set by the build, kept by every import and undo, the same evaluation as a full
rebuild, and never shown to users (templates, downloads, the importer's columns)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from bishui.db import canonical, evaluation, warehouse
from bishui import ingest
from bishui.ingest import schema

CORPUS = Path(__file__).resolve().parent / "fixtures" / "ingest"
LONG = "断面名称,采样日期,监测项目,监测值,单位\n"
DERIVED = ("readings_monthly", "section_period_parameter", "section_period_class")


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    return con.execute(sql).fetchall()[0][0]


def assert_keys_consistent(path: Path) -> None:
    """Every reading and monthly row carries the keys of its own codes; one key per code and back."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        assert _one(con, "SELECT count(*) FROM readings WHERE section_key IS NULL OR param_key IS NULL") == 0
        for table in ("readings", "readings_monthly"):
            assert (
                _one(
                    con,
                    f"SELECT count(*) FROM {table} AS r "
                    "LEFT JOIN section_keys AS s ON s.section_id = r.section_id "
                    "LEFT JOIN parameter_keys AS p ON p.parameter = r.parameter "
                    "WHERE s.section_key IS DISTINCT FROM r.section_key OR p.param_key IS DISTINCT FROM r.param_key",
                )
                == 0
            ), table
        for table, code, key in (
            ("section_keys", "section_id", "section_key"),
            ("parameter_keys", "parameter", "param_key"),
        ):
            n, codes, keys = con.execute(
                f"SELECT count(*), count(DISTINCT {code}), count(DISTINCT {key}) FROM {table}"
            ).fetchall()[0]
            assert n == codes == keys
        assert (
            _one(con, "SELECT count(*) FROM sections WHERE section_id NOT IN (SELECT section_id FROM section_keys)")
            == 0
        )
    finally:
        con.close()


def _by_code(path: Path) -> dict[str, list[tuple]]:
    """The readings and the derived tables without the keys (their values depend on the order codes
    arrived), means rounded to 12 significant digits (sums in another order differ in the last bit)."""

    def r(v):
        return float(f"{v:.12g}") if isinstance(v, float) else v

    con = duckdb.connect(str(path), read_only=True)
    try:
        out = {}
        for table in ("readings", *DERIVED):
            cols = [c for c, *_ in con.execute(f"DESCRIBE {table}").fetchall() if c not in ("section_key", "param_key")]
            got = con.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
            out[table] = sorted((tuple(map(r, row)) for row in got), key=repr)
        return out
    finally:
        con.close()


def assert_as_if_rebuilt(path: Path) -> None:
    """What imports and undos kept equals a warehouse whose keys and derived tables are made afresh."""
    kept = _by_code(path)
    copy = path.with_name("rebuilt.duckdb")
    shutil.copyfile(path, copy)
    con = duckdb.connect(str(copy))
    try:
        con.execute("UPDATE readings SET section_key = NULL, param_key = NULL")
        con.execute("DROP TABLE section_keys")
        con.execute("DROP TABLE parameter_keys")
        con.execute("DROP TABLE readings_monthly")
        warehouse.rederive(con)
    finally:
        con.close()
    assert_keys_consistent(copy)
    assert _by_code(copy) == kept
    copy.unlink()


def test_the_build_keys_every_reading(db):
    assert_keys_consistent(db)


def test_import_and_undo_keep_the_keys_as_a_full_rebuild_makes_them(db):
    old = _by_code(db)
    # a new section, then readings for it: a code the warehouse has not keyed yet
    sections = ingest.apply(ingest.prepare(CORPUS / "sections_zh.csv"))
    assert sections.imported
    new_section = ingest.apply(
        ingest.prepare(("new.csv", (LONG + "测试河三号桥,2023-06-03,氨氮,0.41,mg/L\n").encode()))
    )
    assert new_section.imported and new_section.rows_added == 1
    assert_keys_consistent(db)
    a = ingest.apply(ingest.prepare(CORPUS / "readings_wide.csv"))
    # b replaces one of a's readings: the replaced row goes to the archive with its keys
    b = ingest.apply(
        ingest.prepare(("b.csv", (LONG + "测试河一号桥,2023-06-03,氨氮,0.99,mg/L\n").encode())), replace=True
    )
    assert a.imported and b.rows_replaced == 1
    assert_keys_consistent(db)
    assert_as_if_rebuilt(db)
    ingest.undo(b.batch_id)  # the archived row comes back, keys and all
    assert_keys_consistent(db)
    assert_as_if_rebuilt(db)
    for batch in (a, new_section, sections):
        ingest.undo(batch.batch_id)
    assert_keys_consistent(db)
    assert _by_code(db) == old


def test_a_warehouse_from_before_the_keys_gets_them_and_the_same_evaluation(db):
    before = _by_code(db)
    con = duckdb.connect(str(db))
    try:
        con.execute("ALTER TABLE readings DROP COLUMN section_key")
        con.execute("ALTER TABLE readings DROP COLUMN param_key")
        con.execute("ALTER TABLE archive_readings DROP COLUMN section_key")
        con.execute("ALTER TABLE archive_readings DROP COLUMN param_key")
        con.execute("DROP TABLE section_keys")
        con.execute("DROP TABLE parameter_keys")
        con.execute(
            "CREATE OR REPLACE TABLE readings_monthly AS SELECT * EXCLUDE (section_key, param_key) FROM readings_monthly"
        )
        # an older version re-evaluating only the sections' part (a target class changed)
        evaluation.refresh(con, [])
    finally:
        con.close()
    assert_keys_consistent(db)
    assert _by_code(db) == before
    # and the import archive takes replaced rows column for column again
    b = ingest.apply(
        ingest.prepare(("b.csv", (LONG + "测试河一号桥,2023-01-10,氨氮,0.99,mg/L\n").encode())), replace=True
    )
    assert b.rows_replaced == 1
    assert_keys_consistent(db)
    ingest.undo(b.batch_id)
    assert_keys_consistent(db)
    assert _by_code(db) == before


def test_users_never_see_the_keys(db):
    assert not {"section_key", "param_key"} & set(schema.columns("readings"))
    assert not {"section_key", "param_key"} & set(ingest.table("readings").columns)
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert not {"section_key", "param_key"} & {c[0] for c in canonical.table_columns(con, "readings")}
    finally:
        con.close()
