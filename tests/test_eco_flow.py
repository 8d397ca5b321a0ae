"""Ecological base flow and sluices (plan task 10, issue 18 item 3): the measures of
queries/schema/069_eco_flow.sql worked by hand on tests/fixtures/eco_flow/ (laid over a copy of
tests/fixtures/district/), the import kinds, the task's status on the fixture and on the sample."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from bishui.db import warehouse

ROOT = Path(__file__).resolve().parents[1]
DISTRICT = ROOT / "tests" / "fixtures" / "district"
OVERLAY = ROOT / "tests" / "fixtures" / "eco_flow"


@pytest.fixture(scope="module")
def eco_db(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("eco_src")
    for p in DISTRICT.iterdir():
        shutil.copy(p, src / p.name)
    for p in OVERLAY.iterdir():
        if p.name != "readings_extra.csv":
            shutil.copy(p, src / p.name)
    # flood-season readings of s_f1 (tests/test_flood_season.py) appended to the district's readings
    extra = (OVERLAY / "readings_extra.csv").read_text(encoding="utf-8").split("\n", 1)[1]
    with open(src / "readings.csv", "a", encoding="utf-8") as fh:
        fh.write(extra)
    path = tmp_path_factory.mktemp("eco") / "eco.duckdb"
    warehouse.build(path, src)
    return path


def _q(db: Path, sql: str, params: dict | None = None) -> pd.DataFrame:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or {}).df()
    finally:
        con.close()


def test_monthly_days_below_guarantee_and_missing(eco_db):
    # s_f1 (minimum 1.0 m³/s), March 2023: days 1-10 at 2.0 (met), 11-15 at 0.8 (below), 16-31 at
    # 1.0 (met: at the minimum is met) except the 20th and 21st, which have no reading.
    # measured 10 + 5 + 14 = 29, met 24, below 5, missing 2; guarantee 24 / 31 = 77.42 % (a missing
    # day is not a met day). April: 30 days at 1.5: 30 met, 100 %.
    m = _q(eco_db, "SELECT * FROM eco_flow_monthly(TIMESTAMP '2023-05-10 10:00') ORDER BY section_id, month")
    f1 = m[m["section_id"] == "s_f1"].set_index(m[m["section_id"] == "s_f1"]["month"].astype(str).str[:7])
    mar = f1.loc["2023-03"]
    assert (mar["days_due"], mar["days_measured"], mar["days_met"], mar["days_below"], mar["days_missing"]) == (
        31,
        29,
        24,
        5,
        2,
    )
    assert mar["guarantee_pct"] == pytest.approx(100 * 24 / 31)
    assert mar["lowest_flow_m3_s"] == pytest.approx(0.8)
    apr = f1.loc["2023-04"]
    assert (apr["days_met"], apr["days_below"], apr["days_missing"], apr["guarantee_pct"]) == (30, 0, 0, 100.0)
    # May 2023 is the running month at 2023-05-10 10:00: 9 days are over, none measured
    may = f1.loc["2023-05"]
    assert not may["is_over"] and may["days_due"] == 9 and may["days_missing"] == 9 and may["guarantee_pct"] == 0
    # the sluice t_zha has flow readings but no minimum: not a row
    assert set(m["section_id"]) == {"s_f1", "s_t2"}


def test_no_flow_consistency_flags(eco_db):
    # s_t2 (minimum 0.5): zero flow every day of March 2023 and no no-flow record -> flagged;
    # April: a no-flow record (dry) but 0.6 m³/s measured every day -> the record is contradicted.
    m = _q(eco_db, "SELECT * FROM eco_flow_monthly(DATE '2023-05-10') WHERE section_id = 's_t2' ORDER BY month")
    mar, apr = m.iloc[0], m.iloc[1]
    assert mar["is_dry_in_data"] and mar["is_unrecorded_dry"] and not mar["is_record_contradicted"]
    assert mar["days_below"] == 31 and pd.isna(mar["no_flow_reason"])
    assert apr["no_flow_reason"] == "dry" and apr["is_record_contradicted"] and not apr["is_dry_in_data"]
    # the no-flow status itself stays the one of 062_completeness (not defined twice)
    c = _q(
        eco_db,
        "SELECT status FROM section_month_completeness(DATE '2023-05-10') "
        "WHERE section_id = 's_t2' AND month = DATE '2023-04-01'",
    )
    assert c["status"].tolist() == ["no_flow"]


@pytest.mark.parametrize(
    "as_of, status, through",
    [
        # months over in 2023 at 2023-05-10: March and April. Due 2 sections x 61 days = 122; met: s_f1
        # 24 + 30, s_t2 0 + 30 = 84 -> 68.9 % < 90 % while the year runs -> at_risk.
        ("2023-05-10", "at_risk", "2023-04-30"),
        # at 2024-01-02 the year 2023 is over: March..December due, 2 x 306 = 612 days, met 84 -> missed
        ("2024-01-02", "missed", "2023-12-31"),
        # at 2023-03-10 no month with flow data is over yet -> no_data
        ("2023-03-10", "no_data", None),
    ],
)
def test_task_status_10(eco_db, as_of, status, through):
    s = _q(eco_db, "SELECT * FROM task_status_10($d)", {"d": dt.date.fromisoformat(as_of)})
    assert len(s) == 1 and s["task_no"].iloc[0] == 10 and s["data_status"].iloc[0] == status
    got = s["measured_through"].iloc[0]
    assert (None if pd.isna(got) else str(got)[:10]) == through
    if as_of == "2023-05-10":
        assert s["evidence_zh"].iloc[0] == (
            "2023-03至2023-04，2个断面生态流量保障率68.9%（目标≥90%），低于最小生态流量36天，缺测2天"
        )
        assert s["evidence_en"].iloc[0].startswith("2023-03..2023-04: ecological flow held on 68.9 % of days")


def test_task_status_10_in_the_matrix(eco_db):
    d = _q(eco_db, "SELECT task_no, data_status FROM task_data_status(DATE '2023-05-10') WHERE task_no = 10")
    assert d["data_status"].tolist() == ["at_risk"]


def test_sample_task_10_status(sample_db):
    s = _q(sample_db, "SELECT * FROM task_status_10(DATE '2025-12-15')")
    assert s["data_status"].iloc[0] in ("on_track", "at_risk")
    assert str(s["measured_through"].iloc[0])[:10] == "2025-11-30"
    m = _q(sample_db, "SELECT * FROM eco_flow_monthly(DATE '2025-12-15') WHERE month = DATE '2025-05-01'")
    zlz = m[m["section_id"] == "zlz_zha"].iloc[0]
    # the dry May at Yangjiao / Zhulaozhuang sluice: the flow data agree with the no-flow record
    assert zlz["is_dry_in_data"] and zlz["no_flow_reason"] == "dry" and not zlz["is_unrecorded_dry"]
    assert zlz["days_below"] == 31


def test_flow_figure_draws_flow_and_the_minimum():
    from bishui.views import eco_flow

    daily = pd.DataFrame(
        {
            "section_id": ["a", "a", "b"],
            "measured_on": pd.to_datetime(["2023-03-01", "2023-03-02", "2023-03-01"]),
            "flow_m3_s": [1.2, 0.8, 3.0],
            "level_m": [None] * 3,
            "min_flow_m3_s": [1.0, 1.0, None],
        }
    )
    fig = eco_flow.flow_figure(daily, {"a": "<b>A</b>", "b": "B"}, "en")
    names = [t.name for t in fig.data]
    assert len(fig.data) == 3 and names[2] == "B"  # b has no minimum: no dashed line
    assert list(fig.data[1].y) == [1.0, 1.0] and fig.data[1].line.dash == "dash"
    assert "<b>" not in names[0]  # a section name is text, not markup


def test_sections_page_shows_flow_under_the_trends(eco_db, use_db):
    from tests.test_url_state import page_app

    use_db(eco_db)

    def flow_charts(section: str) -> list:
        at = page_app(
            {"lang": "en", "month": "2023-04", "sections": section, "params": "nh3n", "range": "2023-01-01,2023-04-30"},
            "pages/sections.py",
        )
        assert not at.exception
        return [c for c in at.get("plotly_chart") if "Daily flow" in str(c.proto.spec)]

    assert len(flow_charts("s_f1")) == 1  # s_f1 has daily flow (and a minimum)
    assert flow_charts("s_res") == []  # the reservoir has none: no empty chart


def test_eco_flow_page_follows_the_township(eco_db, use_db):
    from bishui.app import ui
    from tests.test_url_state import page_app

    use_db(eco_db)
    at = page_app({"lang": "en", "month": "2023-04"}, "pages/eco_flow.py")
    assert not at.exception
    assert at.multiselect(key="ef_sections").value == ["s_f1", "s_t2"]
    at.selectbox(key=ui.TOWN_KEY).set_value("t1").run()
    assert at.multiselect(key="ef_sections").value == ["s_f1"]
    at.selectbox(key=ui.TOWN_KEY).set_value("t2").run()  # s_f1 is not in Town Two: its sections, not none
    assert not at.exception and at.multiselect(key="ef_sections").value == ["s_t2"]
    assert any("zero all month" in w.value for w in at.warning)  # s_t2's dry March without a record
