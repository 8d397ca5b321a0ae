"""Building the warehouse: every table filled, atomic replacement, auto-build on first use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from bishui.db import canonical, store, warehouse

ROOT = Path(__file__).resolve().parents[1]


def test_fixture_build_fills_every_kind(fixture_db):
    con = duckdb.connect(str(fixture_db), read_only=True)
    try:
        for kind in canonical.KINDS.values():
            n = con.execute(f"SELECT count(*) FROM {kind.table}").fetchone()[0]
            assert n > 0, kind.table
        assert con.execute("SELECT value FROM warehouse_meta WHERE key = 'is_sample'").fetchone()[0] == "false"
        # readings are stored sorted by section, parameter, date
        rows = con.execute("SELECT section_id, parameter, sampled_on FROM readings").fetchall()
        assert rows == sorted(rows)
        # below-detection values keep their limit, value NULL
        bdl = con.execute("SELECT value, detection_limit FROM readings WHERE below_detection_limit").fetchall()
        assert bdl == [(None, 0.0005)]
    finally:
        con.close()


def test_failed_build_leaves_the_old_warehouse(tmp_path, fixture_db):
    target = tmp_path / "w.duckdb"
    warehouse.build(target, ROOT / "tests" / "fixtures" / "district")
    before = target.read_bytes()
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "sections.csv").write_text("section_id,name_zh\nx,y\n", encoding="utf-8")
    with pytest.raises(Exception):
        warehouse.build(target, broken)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("w.duckdb.tmp")] == []


def test_ensure_warehouse_builds_the_sample_when_missing(tmp_path, use_db):
    path = use_db(tmp_path / "fresh.duckdb")
    assert not path.exists()
    assert warehouse.ensure_warehouse() == path.resolve()
    assert path.exists()
    assert store.is_sample() is True


def test_cli_build_reports_and_replaces(tmp_path):
    target = tmp_path / "cli.duckdb"
    env_db = {"BISHUI_DB": str(target)}
    out = subprocess.run(
        [sys.executable, "-m", "bishui", "build", "--source", str(ROOT / "tests" / "fixtures" / "district")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**_env(), **env_db},
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert "built" in out.stdout and target.exists()


def _env():
    import os

    return dict(os.environ)


def test_a_stale_sample_warehouse_is_rebuilt_but_imported_data_never_is(tmp_path, use_db):
    path = use_db(tmp_path / "stale.duckdb")
    warehouse.ensure_warehouse()
    store.close_readers()  # a direct write connection in this process needs the readers closed
    con = duckdb.connect(str(path))
    con.execute("UPDATE warehouse_meta SET value = 'old' WHERE key = 'fingerprint'")
    con.close()
    assert warehouse.stale_sample(path)
    warehouse.ensure_warehouse()  # rebuilt from data/sample/
    assert not warehouse.stale_sample(path)
    store.close_readers()
    con = duckdb.connect(str(path))
    con.execute("UPDATE warehouse_meta SET value = 'old' WHERE key = 'fingerprint'")
    con.execute("INSERT INTO warehouse_meta VALUES ('last_import_at', '2026-11-28T10:00:00')")
    con.close()
    before = path.stat().st_ino
    warehouse.ensure_warehouse()
    assert path.stat().st_ino == before  # imported data: kept, and the app warns instead
    assert warehouse.stale_schema(path)


def _rows(path: Path, table: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return sorted(con.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
    finally:
        con.close()


def test_an_older_evaluation_is_recomputed_in_place_keeping_imported_data(tmp_path, fixture_db, use_db):
    """A warehouse with imported data whose evaluation tables an older Bishui made (here: without
    the monthly aggregate and the columns the trend query reads) is re-evaluated from its own
    readings on first use; nothing imported changes, and the pages' queries work on it."""
    import datetime as dt
    import shutil

    path = use_db(tmp_path / "old.duckdb")
    shutil.copyfile(fixture_db, path)
    expected = {t: _rows(path, t) for t in ("section_period_parameter", "section_period_class")}
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE readings_monthly")
    con.execute("ALTER TABLE section_period_parameter DROP COLUMN water_body_type")
    con.execute("DELETE FROM section_period_class")
    con.execute("DELETE FROM warehouse_meta WHERE key = 'evaluation_fingerprint'")
    con.execute("INSERT INTO warehouse_meta VALUES ('last_import_at', '2026-11-28T10:00:00')")
    con.close()
    readings, batches = _rows(path, "readings"), _rows(path, "import_batches")
    assert warehouse.stale_evaluation(path)
    warehouse.ensure_warehouse()
    assert not warehouse.stale_evaluation(path)
    assert _rows(path, "readings") == readings and _rows(path, "import_batches") == batches
    assert {t: _rows(path, t) for t in expected} == expected
    trend = store.run_query(
        "section_parameter_monthly",
        section_ids=["s_f1"],
        parameters=["nh3n"],
        start=dt.date(2023, 1, 1),
        end=dt.date(2023, 12, 31),
    )
    assert len(trend) > 0 and set(trend["water_body_type"]) == {"river"}


def test_a_warehouse_that_cannot_be_reevaluated_is_left_as_it_was(tmp_path, fixture_db, use_db):
    import shutil

    path = use_db(tmp_path / "odd.duckdb")
    shutil.copyfile(fixture_db, path)
    con = duckdb.connect(str(path))
    con.execute("DELETE FROM warehouse_meta WHERE key = 'evaluation_fingerprint'")
    con.execute("ALTER TABLE readings RENAME COLUMN value TO measured")  # not this version's schema
    con.close()
    before = path.read_bytes()
    assert warehouse.stale_evaluation(path)
    assert warehouse.ensure_warehouse() == path
    assert path.read_bytes() == before  # untouched; the app's stale-schema warning applies
    assert not warehouse.stale_evaluation(path)  # not retried until the file changes
