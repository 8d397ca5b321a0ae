"""Findings of source tracing (issue 13, item 4): an editor records a finding on a candidate of a miss
(suspected / probable / confirmed, a note, who and when); it moves an outfall into the tracing stage
with its tracing result, shows on the outfall's file, can be revised (history kept, latest wins) and
undone; a viewer cannot record. On the hand-built tracing rivers (tests/fixtures/tracing/)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from bishui import i18n
from bishui.db import tracing_findings as tf

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "fixtures" / "tracing"
JAN = dt.date(2024, 1, 1)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from bishui.db import warehouse

    path = tmp_path_factory.mktemp("findings") / "tracing.duckdb"
    warehouse.build(path, FIX)
    return path


@pytest.fixture
def db(built, tmp_path, use_db, monkeypatch) -> Path:
    monkeypatch.setenv("BISHUI_TODAY", "2026-03-02T10:30")
    path = tmp_path / "w.duckdb"
    shutil.copyfile(built, path)
    return use_db(path)


def _read(db: Path, sql: str, params: dict | None = None):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or {}).df()
    finally:
        con.close()


def _outfall(db: Path, oid: str) -> dict:
    return (
        _read(db, "SELECT status, traced_on, tracing_result FROM outfalls WHERE outfall_id = $id", {"id": oid})
        .iloc[0]
        .to_dict()
    )


def _standing(db: Path, **kw):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return tf.standing(con, **kw)
    finally:
        con.close()


def test_record_moves_the_outfall_into_tracing_and_is_readable_for_meetings(db):
    before = _outfall(db, "o1")
    assert before["status"] == "monitored"
    fid = tf.record(
        "sc",
        JAN,
        "outfall",
        "o1",
        "probable",
        "养殖废水经沟渠排入",
        "张三 · editor (password)",
        parameter="nh3n",
        path=db,
    )
    after = _outfall(db, "o1")
    assert after["status"] == "traced" and after["traced_on"].date() == dt.date(2026, 3, 2)
    assert "可能" in after["tracing_result"] and "养殖废水经沟渠排入" in after["tracing_result"]
    cur = _standing(db)  # the meeting-material query: every standing finding
    assert list(cur["finding_id"]) == [fid]
    row = cur.iloc[0]
    assert (row["section_id"], row["candidate_kind"], row["candidate_id"], row["confidence"]) == (
        "sc",
        "outfall",
        "o1",
        "probable",
    )
    assert row["recorded_by"] == "张三 · editor (password)" and str(row["recorded_at"]) == "2026-03-02 10:30:00"
    assert row["candidate_name_zh"] == "干流养殖排口" and row["n_records"] == 1


def test_revise_keeps_history_and_the_latest_wins_then_undo_steps_back(db):
    first = tf.record("sc", JAN, "outfall", "o1", "suspected", "初判", "甲", path=db)
    second = tf.record("sc", JAN, "outfall", "o1", "confirmed", "现场采样确认", "乙", path=db)
    cur = _standing(db, candidate_kind="outfall", candidate_id="o1")
    assert list(cur["finding_id"]) == [second] and cur.iloc[0]["confidence"] == "confirmed"
    assert cur.iloc[0]["n_records"] == 2
    assert "现场采样确认" in _outfall(db, "o1")["tracing_result"]
    tf.undo(second, "乙", path=db)
    cur = _standing(db, candidate_kind="outfall", candidate_id="o1")
    assert list(cur["finding_id"]) == [first] and cur.iloc[0]["confidence"] == "suspected"
    assert "初判" in _outfall(db, "o1")["tracing_result"] and _outfall(db, "o1")["status"] == "traced"
    tf.undo(first, "甲", path=db)
    assert _standing(db).empty
    o1 = _outfall(db, "o1")  # back where it was before any finding
    assert o1["status"] == "monitored" and pd.isna(o1["traced_on"]) and pd.isna(o1["tracing_result"])
    hist = _read(db, "SELECT action, undoes_id FROM trace_findings ORDER BY finding_id")
    assert list(hist["action"]) == ["record", "record", "undo", "undo"]  # append-only: nothing deleted
    assert list(hist["undoes_id"].iloc[2:]) == [second, first]
    with pytest.raises(tf.FindingError):
        tf.undo(first, "甲", path=db)  # already undone


def test_findings_on_other_candidates_leave_the_ledger_alone_and_bad_input_is_refused(db):
    tf.record("sc", JAN, "plant", "p1", "suspected", None, "甲", path=db)
    assert _outfall(db, "o1")["status"] == "monitored"
    with pytest.raises(tf.FindingError):
        tf.record("sc", JAN, "outfall", "o1", "certain", "", "甲", path=db)
    with pytest.raises(tf.FindingError):
        tf.record("sc", JAN, "outfall", "o1", "probable", "x" * 2001, "甲", path=db)
    with pytest.raises(tf.FindingError):
        tf.record("sc", JAN, "outfall", "o1", "probable", "", "  ", path=db)
    assert len(_standing(db)) == 1


# ---- the page: editors record, viewers cannot ------------------------------------------------
def _page(secrets: dict | None = None, lang: str = "en"):
    from streamlit.testing.v1 import AppTest

    from tests.apptest_helpers import APP

    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in (secrets or {}).items():
        at.secrets[k] = v
    for k, v in {"lang": lang, "month": "2024-01", "section": "sc"}.items():
        at.query_params[k] = v
    return at.switch_page("pages/tracing.py").run()  # opened at its own address: no overview run first


def test_an_editor_records_revises_and_undoes_on_the_tracing_page(db):
    from tests.apptest_helpers import texts

    at = _page()  # no gate configured: everyone edits
    assert not at.exception, [e.value for e in at.exception]
    assert i18n.t("fnd.none", "en") in texts(at)
    at.selectbox(key="trc_fnd_candidate").set_value("outfall|o1")
    at.radio(key="trc_fnd_confidence").set_value("confirmed")
    at.text_area(key="trc_fnd_note").input("<b>night discharge</b> seen on site")
    at.text_input(key="trc_fnd_user").input("Li")
    at.button(key="trc_fnd_submit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    cur = _standing(db)
    assert list(cur["candidate_id"]) == ["o1"] and cur.iloc[0]["confidence"] == "confirmed"
    assert cur.iloc[0]["note"] == "<b>night discharge</b> seen on site"
    assert cur.iloc[0]["recorded_by"].startswith("Li · anonymous · client ")
    shown = texts(at)
    assert "Confirmed" in shown and "night discharge" in shown and "<b>" not in shown.replace("\\<", "")
    at.button(key=f"trc_fnd_undo_{cur.iloc[0]['finding_id']}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert _standing(db).empty and _outfall(db, "o1")["status"] == "monitored"


def test_a_viewer_cannot_record(db):
    at = _page(secrets={"editor_password": "碧水-2026"})
    assert not at.exception, [e.value for e in at.exception]
    from tests.apptest_helpers import texts

    assert i18n.t("fnd.viewer", "en") in texts(at)
    assert not [w for w in at.selectbox if w.key == "trc_fnd_candidate"]
    assert not [b for b in at.button if (b.key or "").startswith("trc_fnd_")]
    tf.record("sc", JAN, "outfall", "o1", "probable", "", "甲", path=db)
    at.run()
    assert not [b for b in at.button if (b.key or "").startswith("trc_fnd_undo_")]  # no undo either


def test_the_finding_shows_on_the_outfalls_file(db):
    from tests.apptest_helpers import app, texts

    tf.record("sc", JAN, "outfall", "o1", "confirmed", "现场确认", "甲", path=db)
    at = app({"lang": "zh", "month": "2024-01", "outfall": "o1"}, "pages/outfalls.py")
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="of_pick").value == "o1"
    tables = [d.value for d in at.dataframe if "结论" in d.value.columns]
    assert len(tables) == 1 and list(tables[0]["结论"]) == ["确认"] and list(tables[0]["说明"]) == ["现场确认"]
    facts = " ".join(str(v) for d in at.dataframe for v in d.value.to_numpy().ravel())
    assert "溯源结论（确认）" in facts  # the ledger's tracing result
    assert "溯源结论" in texts(at) and "现场确认" in texts(at)  # the standing finding, in words
    assert "台账当前阶段：溯源（溯源日期 2026-03-02）" in texts(at)  # moved into the tracing stage


def test_pages_on_a_warehouse_built_before_findings_say_rebuild(db):
    from tests.apptest_helpers import app, texts

    c = duckdb.connect(str(db))
    c.execute("DROP TABLE trace_findings")
    c.close()
    at = app({"lang": "en", "month": "2024-01", "outfall": "o1"}, "pages/outfalls.py")
    assert not at.exception, [e.value for e in at.exception]
    assert i18n.t("app.stale_schema", "en") in texts(at)
    at = _page()
    assert not at.exception, [e.value for e in at.exception]
    assert not [b for b in at.button if (b.key or "").startswith("trc_fnd_")]
