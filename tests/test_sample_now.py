"""The app's now on a warehouse that records its as-of moment (issue 12 item 1; docs/evaluation.md,
"Now"): BISHUI_TODAY when set, else the warehouse's as_of (only the sample has one), else the real
clock; one function (bishui.db.store.app_now) behind ui.now(), the commands and the alerts. And revised
values: the sample's late result and a value replaced by an import, both with old and new values and
dates (queries/reading_revisions.sql)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import duckdb
import pytest

from bishui.tools import cli
from bishui import ingest
from bishui.db import store
from tests.apptest_helpers import app

SAMPLE_AS_OF = dt.datetime(2025, 12, 15, 10, 0)


@pytest.fixture
def on_sample(sample_db, use_db, monkeypatch):
    monkeypatch.delenv("BISHUI_TODAY", raising=False)
    use_db(sample_db)
    store.close_readers()
    return sample_db


def test_the_sample_warehouse_records_its_moment_and_it_stands_for_now(on_sample, monkeypatch):
    assert store.recorded_as_of() == SAMPLE_AS_OF
    assert store.app_now() == SAMPLE_AS_OF
    with store.read_connection() as con:
        assert store.app_now(con) == SAMPLE_AS_OF
    monkeypatch.setenv("BISHUI_TODAY", "2026-01-05T09:00")  # the setting still overrides it
    assert store.app_now() == dt.datetime(2026, 1, 5, 9, 0)
    monkeypatch.setenv("BISHUI_TODAY", "not a date")  # a malformed setting is ignored
    assert store.app_now() == SAMPLE_AS_OF


def test_a_warehouse_without_a_moment_uses_the_clock(fixture_db, use_db, monkeypatch):
    monkeypatch.delenv("BISHUI_TODAY", raising=False)
    use_db(fixture_db)
    assert store.recorded_as_of() is None
    assert abs((store.app_now() - dt.datetime.now()).total_seconds()) < 5


def test_ledger_command_on_the_sample_reads_december_as_provisional(on_sample, capsys):
    assert cli.main(["ledger", "--year", "2025", "--lang", "en"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    status = {(r["section_id"], r["month"][:7]): r["status"] for r in rows}
    assert status[("liaowei", "2025-12")] == "provisional"  # automatic data so far, month running
    # the township sections have no automatic station: nothing of December is in yet
    assert {s for (sid, m), s in status.items() if m == "2025-12" and sid != "liaowei"} == {"no_data"}
    assert {s for (sid, m), s in status.items() if m == "2025-11"} <= {"ok", "owed"}
    assert status[("zlz_zha", "2025-05")] == "no_flow"
    assert status[("lihaiwu_qiao", "2025-09")] == "no_data"


def test_fresh_app_on_the_sample_opens_on_the_latest_complete_month(on_sample):
    at = app({"lang": "en"})
    assert not at.exception
    month = at.sidebar.selectbox(key="month")
    assert month.value == "2025-11"
    assert "2025-12 (provisional)" in month.options
    sidebar = "\n".join(c.value for c in at.sidebar.caption)
    assert "Now: 2025-12-15 10:00 (the moment this data set was cut)" in sidebar
    at = app({"lang": "zh", "month": "2025-12"})
    assert not at.exception
    assert "2025年12月（未完）" in at.title[0].value
    assert "当前时点 2025-12-15 10:00（本数据集截取的时点）" in "\n".join(c.value for c in at.sidebar.caption)


def test_the_sample_revision_keeps_both_values_and_dates(on_sample):
    df = store.run_query("reading_revisions", section_id="cuizhuang")
    assert len(df) == 1
    r = df.iloc[0]
    assert (r["parameter"], str(r["sampled_on"])[:10], r["old_value"], r["how"]) == ("nh3n", "2025-11-19", 2.46, "file")
    assert r["new_value"] == pytest.approx(0.972)
    assert (r["reported_at"].date(), r["revised_at"].date()) == (dt.date(2025, 12, 2), dt.date(2025, 12, 9))
    # the evaluation uses the revised value: November's NH3-N mean is the mean of the current readings
    with store.read_connection() as con:
        mean = con.execute(
            "SELECT graded_value FROM section_period_parameter WHERE section_id = 'cuizhuang' AND "
            "parameter = 'nh3n' AND period_kind = 'month' AND period = DATE '2025-11-01'"
        ).fetchone()[0]
    assert mean == pytest.approx((1.189 + 0.972) / 2, abs=1e-3)


def test_a_value_replaced_by_an_import_is_a_revision(db, tmp_path, monkeypatch):
    monkeypatch.delenv("BISHUI_TODAY", raising=False)
    con = duckdb.connect(str(db), read_only=True)
    section, day, value, name = con.execute(
        "SELECT r.section_id, r.sampled_on, r.value, s.name_zh FROM readings r JOIN sections s USING (section_id) "
        "WHERE r.parameter = 'nh3n' AND r.source = 'manual' AND r.sampled_at IS NULL AND NOT r.below_detection_limit "
        "ORDER BY r.section_id, r.sampled_on LIMIT 1"
    ).fetchone()
    con.close()
    assert store.run_query("reading_revisions", section_id=None).empty
    p = tmp_path / "late.csv"
    p.write_text(
        f"断面名称,采样日期,监测项目,监测值,单位\n{name},{day.isoformat()},氨氮,{value + 1},mg/L\n", encoding="utf-8"
    )
    result = ingest.apply(ingest.prepare(p), replace=True)
    assert result.rows_replaced == 1
    df = store.run_query("reading_revisions", section_id=section)
    assert len(df) == 1
    r = df.iloc[0]
    assert (r["old_value"], r["new_value"], r["how"]) == (pytest.approx(value), pytest.approx(value + 1), "import")
    assert r["revised_at"] >= r["reported_at"]  # the build's time, then the import's
    ingest.undo(result.batch_id)  # undone: no revision any more
    assert store.run_query("reading_revisions", section_id=None).empty


def test_the_sections_page_shows_the_revision(on_sample):
    at = app({"lang": "en"}, "pages/sections.py")
    at.multiselect(key="sec_sections").set_value(["cuizhuang"]).run()
    assert not at.exception
    captions = "\n".join(c.value for c in at.main.caption)
    assert (
        "2025-11-19: reported 2.46 (2025-12-02), revised to 0.972 on 2025-12-09; the evaluation uses the revised value"
    ) in captions
    at = app({"lang": "zh"}, "pages/sections.py")  # Liaowei by default
    assert not at.exception
    assert "原报" not in "\n".join(c.value for c in at.main.caption)  # only the chosen sections' revisions


def test_alerts_after_an_import_into_the_sample_use_its_moment(sample_db, tmp_path, use_db, monkeypatch):
    """December's late manual sample imported into the sample warehouse: its miss is provisional
    (December is running at the sample's moment), not final as the calendar would have it."""
    import shutil

    from bishui.db import alerts

    monkeypatch.delenv("BISHUI_TODAY", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # no push configuration but the test's own
    monkeypatch.chdir(tmp_path)
    use_db(shutil.copyfile(sample_db, tmp_path / "w.duckdb"))
    p = tmp_path / "december.csv"
    p.write_text("断面名称,采样日期,监测项目,监测值,单位\n四新河崔庄桥,2025-12-10,氨氮,3.1,mg/L\n", encoding="utf-8")
    result = ingest.apply(ingest.prepare(p))
    assert result.status == "imported", result.message
    with store.read_connection() as con:
        new = store.execute(con, "alerts/batch_alerts", batch_id=result.batch_id)
    misses = new[new["kind"] == "miss"]
    assert [(r.subject_id, r.period, bool(r.is_provisional)) for r in misses.itertuples()] == [
        ("cuizhuang", "2025-12", True)
    ]
    assert store.app_now() == SAMPLE_AS_OF  # an import keeps the sample's moment
    assert alerts.lines(new, "en")
