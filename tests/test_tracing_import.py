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

from bishui.tools import cli
from bishui import ingest
from bishui.db import tracing_data

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "fixtures" / "tracing"
KM = 0.897  # per 0.01° of longitude at 36.40°N


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from bishui.db import warehouse

    path = tmp_path_factory.mktemp("tracing_import") / "tracing.duckdb"
    warehouse.build(path, FIX)
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
        from bishui.rules import tracing

        return tracing.reach(net, positions[positions["kind"] == "section"], section_id)
    finally:
        con.close()


def test_the_build_loads_both_files_as_kinds(built):
    con = duckdb.connect(str(built), read_only=True)
    try:
        assert con.execute("SELECT river_id, flows_into_id, line_drawn FROM river_network ORDER BY 1").fetchall() == [
            ("main", None, "upstream"),
            ("trib", "main", "downstream"),
        ]
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
    after = _trace(db, "sa", "2024-05")  # a new warehouse version: positions recomputed
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
    assert not ingest.apply(plan).imported  # a conflict needs replace
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
    text = (
        "对象类型,对象编号,所在河流,河流里程(km)\n"
        "排污口,干流养殖排口X,干流河,1\n"  # no such outfall: the closest outfalls are suggested
        "水塔,o1,干流河,1\n"  # not an object kind
        "污水处理厂,p1,干流河,-2\n"  # a negative km
        "断面,sa,黄河,1\n"
    )  # no such river
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
            assert (
                head
                == {
                    ("river_network", "zh"): "河流,汇入河流,汇入点里程(km),河道线方向",
                    ("river_network", "en"): "River,Flows into,Confluence (km),Line drawn",
                    ("river_positions", "zh"): "对象类型,对象编号,所在河流,河流里程(km)",
                    ("river_positions", "en"): "Object kind,Object,River,River km",
                }[(kind, lang)]
            )


# -- the tasks and responsible units a candidate concerns (queries/trace_candidate_tasks.sql) -------------


def test_each_candidate_names_its_plan_tasks_and_responsible_unit(built):
    con = duckdb.connect(str(built), read_only=True)
    try:
        t = tracing_data.trace("sc", dt.date(2024, 1, 1), lang="en", con=con)
        owners = tracing_data.tasks_and_units(t.candidates, "en", con).set_index(t.candidates["id"])
        zh = tracing_data.tasks_and_units(t.candidates, "zh", con).set_index(t.candidates["id"])
        tn = tracing_data.trace("sc", dt.date(2024, 1, 1), parameter="tn", lang="en", con=con)
        tn_owners = tracing_data.tasks_and_units(tn.candidates, "en", con)
    finally:
        con.close()
    # an outfall: the outfall task and enforcement; its unit is the ledger's responsible unit
    assert owners.loc["o1", "tasks"] == "13 River outfalls; 6 Enforcement on pollution sources"
    assert owners.loc["o1", "task_nos"] == [13, 6]
    # (in English, under the English name the tasks give it)
    assert (owners.loc["o1", "unit"], owners.loc["o1", "units"]) == ("Town One", ["甲街道"])
    assert owners.loc["o2", "unit"] == "Town Two" and zh.loc["o1", "unit"] == "甲街道"
    assert zh.loc["o1", "tasks"] == "13 加强入河排污口监督管理; 6 严格涉水污染源执法监管"
    # a plant: task 3 only (task 2 is not in this warehouse); no unit of its own: the task's lead unit
    assert owners.loc["p1", "tasks"] == "3 Town WWTPs run normally" and owners.loc["p1", "unit"] == "Housing bureau"
    assert zh.loc["p1", "unit"] == "区住房和城乡建设局" and zh.loc["p1", "units"] == ["区住房和城乡建设局"]
    # upstream inflow: base flow and sluice control, led by two units
    assert owners.loc["sb", "tasks"] == "10 Base flow and sluice control"
    assert owners.loc["sb", "unit"] == "Agriculture bureau; Ecology branch"
    # a total-nitrogen miss also falls under the TN special action
    assert all(nos[-1] == 12 for nos in tn_owners["task_nos"]) and len(tn_owners) == len(tn.candidates) > 0


def test_the_task_link_filters_the_targets_task_tab_by_known_units():
    known = {"甲街道", "生态环境分局"}
    assert (
        tracing_data.tasks_link(["甲街道"], known, "zh")
        == "targets?tab=tasks&units=%E7%94%B2%E8%A1%97%E9%81%93&lang=zh"
    )
    assert tracing_data.tasks_link(["某公司", "生态环境分局"], known, "en").endswith("&lang=en")
    assert tracing_data.tasks_link(["某公司"], known, "en") is None


def test_the_page_shows_tasks_units_and_their_link(built, use_db):
    from tests.apptest_helpers import app

    use_db(built)
    at = app({"lang": "en", "month": "2024-01", "section": "sc"}, "pages/tracing.py")
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[0].value.set_index("ID")
    assert table.loc["o1", "Plan tasks"] == "13 River outfalls; 6 Enforcement on pollution sources"
    assert table.loc["o1", "Responsible unit"] == "Town One"
    assert table.loc["o1", "Task progress"] == "targets?tab=tasks&units=%E7%94%B2%E8%A1%97%E9%81%93&lang=en"
    assert table.loc["p1", "Responsible unit"] == "Housing bureau"
    zh = app({"lang": "zh", "month": "2024-01", "section": "sc"}, "pages/tracing.py")
    assert zh.dataframe[0].value.set_index("编号").loc["p1", "责任单位"] == "区住房和城乡建设局"


def test_the_targets_page_opens_the_tab_named_in_the_url(fixture_db, use_db):
    use_db(fixture_db)
    from tests.test_url_state import page_app as app  # a deep link, as a browser opens it

    at = app({"lang": "en", "tab": "tasks", "units": "甲街道"}, "pages/targets.py")
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["_bishui_url_choice_targets_tab"] == "tasks"
    assert list(at.multiselect(key="tg_units").value) == ["甲街道"]
    bad = app({"lang": "en", "tab": "<b>x</b>"}, "pages/targets.py")
    assert not bad.exception and bad.session_state["_bishui_url_choice_targets_tab"] is None


def test_the_status_matrix_lists_its_missed_cells_with_a_tracing_link(fixture_db, use_db):
    from tests.apptest_helpers import app

    use_db(fixture_db)  # the district fixture: s_f1 missed in 2023-02 and 2023-04, s_t2 in 2023-02
    at = app({"lang": "en", "month": "2023-06"})
    assert not at.exception, [e.value for e in at.exception]
    pick = at.selectbox(key="ov_trace_cell")
    assert pick.options == ["Bridge One · 2023-04", "Bridge One · 2023-02", "Sluice Two · 2023-02"]  # newest first
    assert pick.value == "s_f1|2023-04"
    assert [b.proto.url for b in at.get("link_button")] == ["tracing?section=s_f1&month=2023-04&lang=en"]
    pick.set_value("s_t2|2023-02").run()
    assert [b.proto.url for b in at.get("link_button")] == ["tracing?section=s_t2&month=2023-02&lang=en"]
