"""The river network and the positions along rivers are import kinds (river_network, river_positions):
templates, Chinese/English headers and values, validation in both languages, conflicts, undo, the
CLI, and tracing seeing what was imported (its position cache is keyed by the warehouse version).
On the hand-built tracing rivers (tests/fixtures/tracing/, see its README)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest

from bishui import cli, ingest, tracing_data

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "fixtures" / "tracing"
KM = 0.897          # per 0.01° of longitude at 36.40°N


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from bishui import build

    path = tmp_path_factory.mktemp("tracing_import") / "tracing.duckdb"
    build.build(path, FIX)
    return path


@pytest.fixture
def db(built, tmp_path, use_db) -> Path:
    path = tmp_path / "w.duckdb"
    shutil.copyfile(built, path)
    return use_db(path)


def _trace(db: Path, section_id: str, month: str):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return tracing_data.trace(section_id, dt.date.fromisoformat(month + "-01"), lang="en", con=con)
    finally:
        con.close()


def _reach(db: Path, section_id: str):
    con = duckdb.connect(str(db), read_only=True)
    try:
        net, positions = tracing_data.network_and_positions(con)
        from bishui import tracing

        return tracing.reach(net, positions[positions["kind"] == "section"], section_id)
    finally:
        con.close()


def test_the_build_loads_both_files_as_kinds(built):
    con = duckdb.connect(str(built), read_only=True)
    try:
        assert con.execute("SELECT river_id, flows_into_id, line_drawn FROM river_network ORDER BY 1").fetchall() == [
            ("main", None, "upstream"), ("trib", "main", "downstream")]
        assert con.execute("SELECT * FROM river_positions").fetchall() == [("black_odorous", "wb1", "trib", 1.0)]
    finally:
        con.close()


def test_a_position_imported_with_chinese_headers_and_names_moves_an_outfall_into_a_reach(db):
    # nothing is known in section A's reach (main km 0-0.90) until the outfall o1 is placed there
    before = _trace(db, "sa", "2024-05")
    assert before.is_miss and before.candidates.empty
    text = "对象类型,对象名称,所在河流,河流里程(km)\n排污口,干流养殖排口,干流河,0.5\n"
    plan = ingest.prepare(("位置.csv", text.encode()))
    assert plan.kind == "river_positions" and plan.ok, plan.problems
    row = plan.frame.iloc[0]
    assert (row["object_kind"], row["object_id"], row["river_id"], row["km"]) == ("outfall", "o1", "main", 0.5)
    result = ingest.apply(plan, user="tester")
    assert result.imported and result.rows_added == 1
    after = _trace(db, "sa", "2024-05")            # a new warehouse version: positions recomputed
    assert [(r.kind, r.id, r.km) for r in after.candidates.itertuples()] == [("outfall", "o1", 0.5)]
    ingest.undo(result.batch_id)
    assert _trace(db, "sa", "2024-05").candidates.empty


def test_the_network_imported_in_english_replaces_a_confluence_on_request(db):
    # trib joins main at km 4.48 (from the geometry), between B (2.69) and C (7.18): upstream of C
    assert "st" in _reach(db, "sc").upstream_sections and "st" not in _reach(db, "sb").upstream_sections
    text = "River,Flows into,Confluence (km),Line drawn\ntrib,main,2.0,downstream\n"
    plan = ingest.prepare(("network.csv", text.encode()), lang="en")
    assert plan.kind == "river_network" and plan.n_conflicts == 1
    assert set(plan.conflicts["column"]) == {"Confluence (km)"}
    assert not ingest.apply(plan).imported                     # a conflict needs replace
    result = ingest.apply(plan, replace=True)
    assert result.imported and result.rows_replaced == 1
    assert "st" in _reach(db, "sb").upstream_sections and "st" not in _reach(db, "sc").upstream_sections
    ingest.undo(result.batch_id)
    assert "st" in _reach(db, "sc").upstream_sections


def test_an_empty_line_direction_takes_the_default(db):
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO rivers VALUES ('ditch', '无线沟', 'Lineless ditch', NULL)")
    con.close()
    plan = ingest.prepare(("n.csv", "河流,汇入河流,汇入点里程(km),河道线方向\n无线沟,支流河,1.5,\n".encode()))
    assert plan.ok, plan.problems
    assert plan.frame.iloc[0][["river_id", "flows_into_id", "line_drawn"]].tolist() == ["ditch", "trib", "downstream"]
    assert ingest.apply(plan).imported


def test_validation_messages_in_chinese_and_english(db):
    text = ("对象类型,对象编号,所在河流,河流里程(km)\n"
            "排污口,干流养殖排口X,干流河,1\n"       # no such outfall: the closest outfalls are suggested
            "水塔,o1,干流河,1\n"                    # not an object kind
            "污水处理厂,p1,干流河,-2\n"             # a negative km
            "断面,sa,黄河,1\n")                   # no such river
    zh = ingest.prepare(("p.csv", text.encode()), kind="river_positions")
    assert zh.n_rejected == 4 and not zh.ok
    reasons = dict(zip(zh.problems["row"], zh.problems["reason"]))
    assert reasons[2] == "未找到对应的排污口，最接近的是：干流养殖排口、干流已销号排口、支流雨水排口"
    assert reasons[3].startswith("不是允许的取值（可选：断面、排污口、污水处理厂、溢流点、管网空白区、黑臭水体")
    assert reasons[4] == "不能为负数"
    assert reasons[5].startswith("未找到对应的河流")
    en = ingest.prepare(("p.csv", text.encode()), kind="river_positions", lang="en")
    reasons = dict(zip(en.problems["row"], en.problems["reason"]))
    assert reasons[2].startswith("no such outfall") and "干流养殖排口" in reasons[2]
    assert "section, outfall, plant, overflow, blank_area, black_odorous" in reasons[3]
    assert reasons[4] == "must not be negative" and reasons[5].startswith("no such river")
    # a name of another kind's object is not taken for this kind's
    plan = ingest.prepare(("p.csv", "对象类型,对象编号,所在河流,河流里程(km)\n排污口,p1,干流河,1\n".encode()))
    assert plan.problems["code"].tolist() == ["unknown_reference"]


def test_the_cli_imports_positions(db, tmp_path, capsys):
    # the plant p1 discharges at main km 6.28 (C's reach); its outfall is imported at km 2.0, in B's
    assert "p1" not in set(_trace(db, "sb", "2024-04").candidates["id"])
    path = tmp_path / "positions.csv"
    path.write_text("object_kind,object_id,river_id,km\nplant,p1,main,2.0\n", encoding="utf-8")
    assert cli.main(["import", str(path), "--lang", "en"]) == 0
    capsys.readouterr()
    assert "p1" in set(_trace(db, "sb", "2024-04").candidates["id"])
    assert "p1" not in set(_trace(db, "sc", "2024-01").candidates["id"])


def test_templates_read_back_as_their_kind():
    for kind in ("river_network", "river_positions"):
        for lang in ("zh", "en"):
            head = ingest.template(kind, lang, "csv").decode("utf-8-sig").splitlines()[0]
            assert head == {("river_network", "zh"): "河流,汇入河流,汇入点里程(km),河道线方向",
                            ("river_network", "en"): "River,Flows into,Confluence (km),Line drawn",
                            ("river_positions", "zh"): "对象类型,对象编号,所在河流,河流里程(km)",
                            ("river_positions", "en"): "Object kind,Object,River,River km"}[(kind, lang)]
