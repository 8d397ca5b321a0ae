"""The store reads and writes, the warehouse builds and re-derives (issue 11 item 1): the store never
builds behind a reader's back, and one rederive() keeps the derived tables current after a build,
an import, an undo and a re-evaluation."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from bishui import ingest
from bishui.db import store, warehouse
from tests.conftest import FIXTURE_DIR

GOOD = "断面名称,采样日期,监测项目,监测值,单位\n测试河一号桥,2026-01-10,氨氮,0.61,mg/L\n"


def test_the_store_never_builds(tmp_path, use_db):
    path = use_db(tmp_path / "missing.duckdb")
    with pytest.raises(duckdb.Error):
        store.query("towns")
    with pytest.raises(duckdb.Error):
        with store.read_connection() as con:
            con.execute("SELECT 1")
    with pytest.raises(FileNotFoundError):
        with store.write_transaction():
            pass
    assert not path.exists()
    warehouse.build(path, FIXTURE_DIR)  # the warehouse layer builds
    assert len(store.query("towns")) > 0


@pytest.fixture
def calls(monkeypatch):
    seen: list[tuple] = []
    real = warehouse.rederive

    def spy(con, changed=None, scope=None, *args, **kwargs):
        seen.append((changed, None if scope is None else sorted(scope)))
        return real(con, changed, scope, *args, **kwargs)

    monkeypatch.setattr(warehouse, "rederive", spy)
    return seen


def test_one_rederive_for_build_import_undo_and_reevaluation(tmp_path, use_db, calls):
    path = use_db(tmp_path / "w.duckdb")
    warehouse.build(path, FIXTURE_DIR)
    assert calls == [(None, None)]
    result = ingest.apply(ingest.prepare(("jan.csv", GOOD.encode())), db=path)
    assert result.status == "imported"
    assert calls[-1] == ("readings", ["scope_from", "scope_sections", "scope_to"])
    ingest.undo(result.batch_id, db=path)
    assert calls[-1] == ("readings", ["scope_from", "scope_sections", "scope_to"])
    assert warehouse.reevaluate(path)
    assert calls[-1] == (None, None) and len(calls) == 4


def test_a_build_writes_through_the_store_writer(tmp_path, monkeypatch):
    """The build has no temporary-file and swap steps of its own: it uses the store's writer."""
    used = []
    real = store.new_file_transaction

    def spy(path):
        used.append(path)
        return real(path)

    monkeypatch.setattr(store, "new_file_transaction", spy)
    target = tmp_path / "w.duckdb"
    warehouse.build(target, FIXTURE_DIR)
    assert used == [target] and target.exists()
    assert [p.name for p in tmp_path.iterdir() if ".tmp" in p.name] == []


def test_rederive_by_kind_matches_a_full_rederive(fixture_db, tmp_path):
    """changed='sections' re-evaluates every period from the monthly aggregate: the same tables as a
    full rederive of the same data."""
    a, b = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    shutil.copyfile(fixture_db, a)
    shutil.copyfile(fixture_db, b)
    with store.write_transaction(a) as con:
        con.execute("UPDATE sections SET target_class = 2 WHERE section_id = 's_t2'")
        warehouse.rederive(con, "sections")
    with store.write_transaction(b) as con:
        con.execute("UPDATE sections SET target_class = 2 WHERE section_id = 's_t2'")
        warehouse.rederive(con)
    store.close_readers()
    rows = []
    for path in (a, b):
        con = duckdb.connect(str(path), read_only=True)
        try:
            rows.append(con.execute("SELECT * FROM section_period_class ORDER BY ALL").fetchall())
        finally:
            con.close()
    assert rows[0] == rows[1] and any(r for r in rows[0])
