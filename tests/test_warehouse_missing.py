"""A deleted warehouse is rebuilt from the sample only where no real data was ever imported (issue 16.8).
Where an import (or a build from real files) happened, a marker beside the warehouse remembers it; with
the warehouse gone the app refuses to serve and says what happened and how to restore, and the CLI prints
one line and exits non-zero. `python -m bishui build` starts again from the sample on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bishui.tools import cli
from bishui import ingest
from bishui.db import store, warehouse
from tests.apptest_helpers import APP, texts

GOOD = "断面名称,采样日期,监测项目,监测值,单位\n测试河一号桥,2026-01-10,氨氮,0.61,mg/L\n"


@pytest.fixture
def fake_build(monkeypatch, sample_db):
    """ensure_warehouse's first-use build, made fast: the session's sample warehouse is copied."""
    calls = []

    def build(path=None, source_dir=None, progress=None):
        calls.append(Path(path))
        shutil.copyfile(sample_db, path)
        store.forget_real_data(Path(path))
        return {}

    monkeypatch.setattr(warehouse, "build", build)
    return calls


def _delete(path: Path) -> None:
    store.close_readers()
    path.unlink()


def test_a_lost_sample_warehouse_is_rebuilt(tmp_path, sample_db, use_db, fake_build):
    path = use_db(tmp_path / "w.duckdb")
    shutil.copyfile(sample_db, path)
    assert warehouse.ensure_warehouse() == path
    assert not store.real_data_marker(path).exists()
    _delete(path)
    assert warehouse.ensure_warehouse() == path and path.exists() and fake_build == [path]


def test_a_lost_warehouse_with_imports_is_not_replaced(tmp_path, fixture_db, use_db, fake_build, capsys):
    path = use_db(tmp_path / "w.duckdb")
    shutil.copyfile(fixture_db, path)
    plan = ingest.prepare(("jan.csv", GOOD.encode()))
    store.forget_real_data(path)  # (reading the real-data warehouse already noticed it)
    result = ingest.apply(plan, db=path)
    assert result.status == "imported"
    marker = store.real_data_marker(path)
    assert marker.exists() and "import batch 1" in marker.read_text(encoding="utf-8")
    _delete(path)

    with pytest.raises(warehouse.WarehouseMissing):
        warehouse.ensure_warehouse()
    assert not path.exists() and fake_build == []

    # the app says what happened and how to restore, and shows no data (no sample in its place)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "The warehouse file is missing" in errors[0] and str(path) in errors[0]
    assert str(marker) in errors[0] and "python -m bishui build" in errors[0]
    assert not at.sidebar.selectbox and "illustrative" not in texts(at).lower()
    assert not path.exists()

    # the CLI: one line, non-zero, nothing written
    f = tmp_path / "feb.csv"
    f.write_text(GOOD.replace("2026-01-10", "2026-02-10"), encoding="utf-8")
    assert cli.main(["import", str(f), "--lang", "en"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: the warehouse") and str(marker) in err[0]
    assert not path.exists()

    # restoring the file from a backup serves it again (with its history)
    shutil.copyfile(fixture_db, path)
    assert warehouse.ensure_warehouse() == path


def test_build_on_purpose_starts_again_from_the_sample(tmp_path, fixture_db, use_db, fake_build):
    path = use_db(tmp_path / "w.duckdb")
    store.remember_real_data(path, "test")
    from bishui.db import warehouse

    warehouse.build(path)  # what `python -m bishui build` does (faked: a copy)
    assert not store.real_data_marker(path).exists()
    _delete(path)
    assert warehouse.ensure_warehouse() == path


def test_real_builds_mark_and_sample_builds_clear(tmp_path):
    from bishui.db import warehouse
    from tests.conftest import FIXTURE_DIR

    path = tmp_path / "w.duckdb"
    warehouse.build(path, FIXTURE_DIR)
    assert store.real_data_marker(path).exists()
    store.close_readers()


def test_warehouses_from_before_the_marker_are_recognised(tmp_path, fixture_db, use_db, fake_build):
    """A warehouse with imports made by an older version (no marker yet) gets one when first seen."""
    path = use_db(tmp_path / "w.duckdb")
    shutil.copyfile(fixture_db, path)  # is_sample = false: real data
    warehouse.ensure_warehouse()
    assert store.real_data_marker(path).exists()
    _delete(path)
    with pytest.raises(warehouse.WarehouseMissing):
        warehouse.ensure_warehouse()


def test_a_sample_warehouse_with_an_editors_record_is_never_rebuilt(sample_db, tmp_path, monkeypatch):
    """A meeting (or a tracing finding) recorded on the sample warehouse is someone's work: a newer
    version's sample must not replace the file, and a lost file is not silently rebuilt."""
    import datetime as dt
    import shutil

    import duckdb

    from bishui import config
    from bishui.db import meetings, store

    path = tmp_path / "w.duckdb"
    shutil.copyfile(sample_db, path)
    monkeypatch.setenv("BISHUI_DB", str(path))
    meetings.record(dt.date(2025, 12, 1), "A, B", "decided", [], "editor", path=path)
    with duckdb.connect(str(path)) as con:  # as if an older version had built it
        con.execute("UPDATE warehouse_meta SET value = 'old' WHERE key = 'fingerprint'")
    warehouse.forget_checks()
    assert store.real_data_marker(path).exists()
    assert not warehouse.stale_sample(path)
    assert warehouse.ensure_warehouse() == path  # kept as it is (the app warns about the older schema instead)
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM meetings").fetchone()[0] == 1
        assert con.execute("SELECT value FROM warehouse_meta WHERE key = 'fingerprint'").fetchone()[0] == "old"
    assert config.db_path() == path
