"""Writing imports: atomic by default, skip-invalid with a rejected-rows file, idempotent by file hash,
conflicts replaced only on request, undo restores exactly, the CLI's exit codes, 100,000 rows."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from bishui.db import canonical, evaluation, store
from bishui.tools import cli
from bishui import ingest

CORPUS = Path(__file__).resolve().parent / "fixtures" / "ingest"
DERIVED = ("readings_monthly", "section_period_parameter", "section_period_class")


def rows(path: Path, table: str) -> list[tuple]:
    """Every row of a table, in stored order."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(f"SELECT * FROM {table}").fetchall()
    finally:
        con.close()


def graded_targets(path: Path, section_id: str) -> set[int]:
    """The target classes the materialised evaluation graded a section's periods against."""
    return {r[4] for r in rows(path, "section_period_class") if r[0] == section_id}


def count(path: Path, table: str) -> int:
    return len(rows(path, table))


def snapshot(path: Path, tables=("readings", *DERIVED)) -> dict[str, list[tuple]]:
    """Every row of the tables, as a set (an import re-aggregates readings_monthly in place, in another order)."""
    return {t: sorted(rows(path, t), key=repr) for t in tables}


def assert_derived_as_if_rebuilt(path: Path) -> None:
    """The monthly aggregate and the evaluation kept by imports and undos equal a full recomputation
    from the readings now in the warehouse."""
    kept = snapshot(path, DERIVED)
    copy = path.with_name("rebuilt.duckdb")
    shutil.copyfile(path, copy)
    con = duckdb.connect(str(copy))
    try:
        con.execute("DROP TABLE readings_monthly")
        evaluation.refresh(con)
    finally:
        con.close()
    rebuilt = snapshot(copy, DERIVED)
    copy.unlink()
    # means summed in another order may differ in the last bit; compare at 12 significant digits
    assert _rounded(rebuilt) == _rounded(kept)


def _rounded(snap: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    def r(v):
        return float(f"{v:.12g}") if isinstance(v, float) else v

    return {t: sorted((tuple(map(r, row)) for row in rs), key=repr) for t, rs in snap.items()}


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


LONG = "断面名称,采样日期,监测项目,监测值,单位\n"


def test_import_adds_rows_reevaluates_and_records_the_batch(db):
    before = count(db, "readings")
    months_before = store.run_query("ingest/readings_state")
    result = ingest.apply(ingest.prepare(CORPUS / "readings_wide.csv"), user="tester")
    assert result.status == "imported" and result.rows_added == 13 and result.batch_id == 1
    assert count(db, "readings") == before + 13
    state = store.run_query("ingest/readings_state")
    assert str(state["last_month"].iloc[0])[:7] == "2023-06"
    assert state["n_evaluated"].iloc[0] > months_before["n_evaluated"].iloc[0]  # June evaluated
    # kept sorted by section, parameter, date
    got = [(r[0], r[1], r[2]) for r in rows(db, "readings")]
    assert got == sorted(got)
    h = ingest.history()
    top = h.iloc[0]
    assert (top["batch_id"], top["file_name"], top["kind"], top["rows_added"], top["status"], top["imported_by"]) == (
        1,
        "readings_wide.csv",
        "readings",
        13,
        "applied",
        "tester",
    )
    assert len(top["file_hash"]) == 64


def test_same_file_twice_changes_nothing(db):
    first = ingest.apply(ingest.prepare(CORPUS / "readings_zh.csv"))
    assert first.imported
    before = db.read_bytes()
    plan = ingest.prepare(CORPUS / "readings_zh.csv")
    assert plan.already_imported == first.batch_id
    again = ingest.apply(plan)
    assert again.status == "already_imported" and again.already_imported == first.batch_id
    assert str(first.batch_id) in again.message
    assert db.read_bytes() == before
    # the same rows in another file (another hash): nothing new, nothing written
    renamed = ingest.apply(ingest.prepare(("copy.csv", (CORPUS / "readings_zh.csv").read_bytes() + b"\n")))
    assert renamed.status == "nothing_to_import" and renamed.rows_unchanged == 4
    assert db.read_bytes() == before


def test_any_error_writes_nothing(db, tmp_path):
    before = db.read_bytes()
    p = write(
        tmp_path, "mixed.csv", LONG + "测试河一号桥,2023-06-03,氨氮,0.52,mg/L\n测试河一号桥,2023-06-03,总磷,-1,mg/L\n"
    )
    plan = ingest.prepare(p)
    assert plan.n_valid == 1 and plan.n_rejected == 1
    result = ingest.apply(plan)
    assert result.status == "rejected" and result.batch_id is None
    assert db.read_bytes() == before
    assert not (tmp_path / "mixed.rejected.csv").exists()
    assert [p.name for p in db.parent.iterdir() if ".tmp" in p.name] == []


def test_skip_invalid_imports_valid_rows_and_writes_rejected_rows(db, tmp_path):
    p = write(
        tmp_path,
        "mixed.csv",
        "2023年6月结果,,,,\n" + LONG + "测试河一号桥,2023-06-03,氨氮,0.52,mg/L\n"
        "一号桥,2023-06-03,氨氮,0.5,mg/L\n测试河一号桥,2023-06-03,总磷,-1,mg/L\n测试河二号闸,2023-06-03,pH值,7.5,\n",
    )
    result = ingest.apply(ingest.prepare(p), skip_invalid=True)
    assert (result.status, result.rows_added, result.rows_rejected) == ("imported", 2, 2)
    assert result.rejected_path == tmp_path / "mixed.rejected.csv"
    raw = result.rejected_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw == result.rejected_csv
    rej = pd.read_csv(result.rejected_path, dtype=str, encoding="utf-8-sig")
    assert list(rej.columns) == ["断面名称", "采样日期", "监测项目", "监测值", "单位", "原行号", "问题"]
    assert list(rej["原行号"]) == ["4", "5"]
    assert "最接近" in rej["问题"].iloc[0] and "不能为负数" in rej["问题"].iloc[1]
    # fix the rejected file and import it: only the fixed rows are new
    fixed = rej.drop(columns=["原行号", "问题"])
    fixed.loc[0, "断面名称"] = "测试河一号桥"
    fixed.loc[1, "监测值"] = "0.1"
    fixed.loc[0, "监测项目"] = "总氮"
    again = ingest.apply(ingest.prepare(("fixed.csv", fixed.to_csv(index=False).encode("utf-8-sig"))))
    assert again.status == "imported" and again.rows_added == 2
    b = ingest.history()
    assert list(b["rows_rejected"][:2]) == [0, 2]


def test_rejected_rows_of_a_page_upload_come_back_as_bytes(db):
    data = (LONG + "测试河一号桥,2023-06-03,氨氮,0.52,mg/L\n测试河一号桥,2023-06-03,溶解氧,25,mg/L\n").encode()
    result = ingest.apply(ingest.prepare(("upload.csv", data), lang="en"), skip_invalid=True)
    assert result.rows_added == 1 and result.rejected_path is None
    text = result.rejected_csv.decode("utf-8-sig")
    assert "source_row,problem" in text.splitlines()[0] and "saturation" in text


def test_conflicts_are_shown_and_replaced_only_on_request(db, tmp_path):
    old = snapshot(db)
    # an existing manual NH3-N reading (readings: section_id, parameter, sampled_on, sampled_at, value, ...)
    first = next(r for r in old["readings"] if r[1] == "nh3n" and r[3] is None and not r[5] and r[7] == "manual")
    section, _, day, _, value = first[:5]
    con = duckdb.connect(str(db), read_only=True)
    name = con.execute("SELECT name_zh FROM sections WHERE section_id = $s", {"s": section}).fetchone()[0]
    con.close()
    p = write(
        tmp_path,
        "change.csv",
        LONG + f"{name},{day.isoformat()},氨氮,{value + 1},mg/L\n{name},2023-06-28,氨氮,0.001L,mg/L\n",
    )
    plan = ingest.prepare(p)
    assert (plan.n_conflicts, plan.n_new) == (1, 1)
    c = plan.conflicts.iloc[0]
    assert (c["row"], c["column"], float(c["old"]), float(c["new"])) == (2, "监测值", value, value + 1)
    assert name in c["key"]
    before = db.read_bytes()
    refused = ingest.apply(plan)
    assert refused.status == "rejected" and db.read_bytes() == before
    # skip-invalid without replace: the new row goes in, the conflicting one is rejected with old/new
    partial = ingest.apply(plan, skip_invalid=True)
    assert (partial.rows_added, partial.rows_replaced, partial.rows_rejected) == (1, 0, 1)
    assert "原值" in (tmp_path / "change.rejected.csv").read_text(encoding="utf-8-sig")
    ingest.undo(partial.batch_id)
    assert snapshot(db) == old
    replaced = ingest.apply(ingest.prepare(p), replace=True)
    assert (replaced.rows_added, replaced.rows_replaced) == (1, 1)
    now = [r for r in rows(db, "readings") if r[:4] == first[:4] and r[7] == "manual"]
    assert [r[4] for r in now] == [value + 1]
    ingest.undo(replaced.batch_id)
    assert snapshot(db) == old


def test_undo_restores_exactly(db):
    old = snapshot(db)
    a = ingest.apply(ingest.prepare(CORPUS / "readings_wide.csv"))
    # batch b replaces one of a's readings
    b_text = LONG + "测试河一号桥,2023-06-03,氨氮,0.99,mg/L\n"
    b = ingest.apply(ingest.prepare(("b.csv", b_text.encode())), replace=True)
    assert b.rows_replaced == 1
    assert_derived_as_if_rebuilt(db)
    with pytest.raises(ingest.UndoError) as e:
        ingest.undo(a.batch_id)
    assert e.value.code == "undo_blocked"
    mid = snapshot(db)
    ingest.undo(b.batch_id, user="tester")
    restored = snapshot(db)
    assert restored != mid
    assert_derived_as_if_rebuilt(db)
    assert len(restored["readings"]) == len(old["readings"]) + 13
    ingest.undo(a.batch_id)
    assert snapshot(db) == old
    h = ingest.history().set_index("batch_id")
    assert h.loc[b.batch_id, "status"] == "undone" and h.loc[b.batch_id, "undone_by"] == "tester"
    with pytest.raises(ingest.UndoError) as e:
        ingest.undo(a.batch_id)
    assert e.value.code == "undo_done"
    with pytest.raises(ingest.UndoError):
        ingest.undo(0)
    with pytest.raises(ingest.UndoError):
        ingest.undo(999)
    # an undone file can be imported again
    again = ingest.apply(ingest.prepare(CORPUS / "readings_wide.csv"))
    assert again.imported and again.batch_id == b.batch_id + 1


@pytest.mark.parametrize(
    "name",
    [
        "sections_zh.csv",
        "outfalls_zh.csv",
        "outfall_inspections_zh.csv",
        "pipes_wkt.csv",
        "pipes.geojson",
        "facilities_zh.csv",
        "plant_effluent_zh.csv",
        "water_bodies_zh.csv",
        "water_body_inspections_zh.csv",
        "target_progress_zh.csv",
        "task_updates_zh.csv",
    ],
)
def test_every_kind_imports_and_undoes(db, name):
    plan = ingest.prepare(CORPUS / name)
    table = canonical.KINDS[plan.kind].table
    old = rows(db, table)
    result = ingest.apply(plan)
    assert result.imported and result.rows_added == plan.n_new > 0
    assert len(rows(db, table)) == len(old) + plan.n_new
    ingest.undo(result.batch_id)
    assert rows(db, table) == old


def test_replace_and_undo_in_a_table_without_batch_id(db):
    old = rows(db, "sections")
    old_target = dict((x[0], x[7]) for x in old)["s_t2"]
    assert graded_targets(db, "s_t2") == {old_target} and old_target != 2
    text = (
        "断面编号,断面名称,英文名称,所在河流,所在镇街,控制级别,水体类型,目标水质类别,是否考核断面,是否饮用水水源地,是否有自动站,经度,纬度\n"
        "s_t2,测试河二号闸,Sluice Two,测试河,乙镇,省控,河流,Ⅱ,是,否,否,116.07,36.427\n"
        "s_x,新断面,New,测试河,乙镇,区控,河流,3,否,否,否,116.08,36.43\n"
    )
    plan = ingest.prepare(("s.csv", text.encode()))
    assert plan.n_conflicts == 1 and plan.n_new == 1
    assert set(plan.conflicts["column"]) == {"控制级别", "目标水质类别"}
    r = ingest.apply(plan, replace=True)
    assert (r.rows_added, r.rows_replaced) == (1, 1)
    assert dict((x[0], x[5]) for x in rows(db, "sections"))["s_t2"] == "provincial"
    # the new target class is what the evaluation now grades attainment against
    assert graded_targets(db, "s_t2") == {2}
    assert_derived_as_if_rebuilt(db)
    ingest.undo(r.batch_id)
    assert sorted(rows(db, "sections")) == sorted(old)
    assert graded_targets(db, "s_t2") == {old_target}


def test_old_warehouse_without_the_ingest_tables_is_upgraded(db):
    con = duckdb.connect(str(db))
    for t in [
        r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'archive_%'").fetchall()
    ]:
        con.execute(f"DROP TABLE {t}")
    con.execute("DROP TABLE import_undos")
    con.execute("DROP TABLE ingest_added_keys")
    con.close()
    assert list(ingest.history()["batch_id"]) == [0]
    r = ingest.apply(ingest.prepare(CORPUS / "readings_zh.csv"))
    assert r.imported
    ingest.undo(r.batch_id)
    assert list(ingest.history()["status"]) == ["undone", "applied"]


def test_cli_exit_codes_and_report(db, tmp_path, capsys):
    assert cli.main(["import", str(CORPUS / "readings_zh.csv"), "--dry-run"]) == 0
    assert count(db, "readings") == len(rows(db, "readings"))
    assert ingest.history()["batch_id"].tolist() == [0]
    bad = write(
        tmp_path, "bad.csv", LONG + "测试河一号桥,2023-06-03,氨氮,0.52,mg/L\n测试河一号桥,2099-06-03,总磷,-1,mg/L\n"
    )
    capsys.readouterr()
    assert cli.main(["import", str(bad), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "date after today" in out and "must not be negative" in out and "not imported" in out
    assert "row" in out and "column" in out and "reason" in out
    assert cli.main(["import", str(bad), "--skip-invalid"]) == 0
    out = capsys.readouterr().out
    assert "bad.rejected.csv" in out
    assert cli.main(["import", str(CORPUS / "readings_zh.csv"), str(CORPUS / "sections_zh.csv")]) == 0
    assert cli.main(["import", str(CORPUS / "readings_zh.csv")]) == 0  # already imported
    assert "已在批次" in capsys.readouterr().out
    assert cli.main(["import", str(CORPUS / "garbage.csv")]) == 1
    assert cli.main(["import", str(CORPUS / "readings_en.csv"), "--kind", "sections", "--dry-run"]) == 1


def test_hundred_thousand_rows(db, tmp_path):
    """100,000 readings generated at test time (wide, GBK, title row), imported in one batch."""
    n_hours = 100_000 // (3 * 5)
    t = pd.date_range("2019-01-01", periods=n_hours, freq="h")
    sections = ["测试河一号桥", "测试河二号闸", "测试水库"]
    rng = np.random.default_rng(1)
    df = pd.DataFrame(
        {
            "断面名称": np.repeat(sections, n_hours),
            "监测时间": np.tile(t.strftime("%Y-%m-%d %H:%M"), 3),
            "pH值": np.round(rng.uniform(6.5, 8.5, 3 * n_hours), 2),
            "溶解氧(mg/L)": np.round(rng.uniform(4, 11, 3 * n_hours), 2),
            "氨氮(mg/L)": np.round(rng.uniform(0.05, 2, 3 * n_hours), 3),
            "总磷(mg/L)": np.round(rng.uniform(0.02, 0.4, 3 * n_hours), 3),
            "水温(℃)": np.round(rng.uniform(2, 28, 3 * n_hours), 1),
        }
    )
    path = tmp_path / "auto_100k.csv"
    path.write_bytes(("自动站数据导出\n" + df.to_csv(index=False)).encode("gbk"))
    n = 3 * n_hours * 5
    before = count(db, "readings")
    started = time.perf_counter()
    plan = ingest.prepare(path)
    assert plan.ok and plan.n_valid == n, plan.problems.head()
    result = ingest.apply(plan)
    elapsed = time.perf_counter() - started
    assert result.rows_added == n and count(db, "readings") == before + n
    assert elapsed < 30, elapsed


def test_a_plan_made_before_an_undo_can_still_be_applied(db):
    first = ingest.apply(ingest.prepare(CORPUS / "readings_zh.csv"))
    plan = ingest.prepare(CORPUS / "readings_zh.csv")
    assert plan.already_imported == first.batch_id
    ingest.undo(first.batch_id)
    again = ingest.apply(plan)
    assert again.imported and again.rows_added == 4
