"""Every page on data as it really arrives: a month that cannot show it met its target never reads as
met (issue 12). The months of tests/arrival_data.py at a mid-December 'now', and the acceptance case:
importing a file with two readings (NH3-N and TP) for a new month through bishui.ingest."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from bishui import ingest
from bishui.db import store
from tests.apptest_helpers import app, texts
from tests.arrival_data import arrival_copy

ROOT = Path(__file__).resolve().parents[1]


def deep_link(query: dict[str, str], page: str):
    """The app opened at a page's own URL with its parameters, as a browser does."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    at.switch_page(page)
    return at.run()


def _metrics(at) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, getattr(m, "delta", "") or "") for m in at.metric}


def _chart(at, key_suffix: str) -> dict:
    for el in at.get("plotly_chart"):
        if el.proto.id.endswith(key_suffix):
            return json.loads(el.proto.spec)
    raise AssertionError(f"no chart {key_suffix}")


def _cell(fig: dict, row_part: str, col: str) -> str:
    heat = fig["data"][0]
    r = next(i for i, y in enumerate(heat["y"]) if row_part in y)
    return heat["text"][r][heat["x"].index(col)]


@pytest.fixture
def arrival(fixture_db, tmp_path, use_db, monkeypatch) -> Path:
    db = arrival_copy(fixture_db, tmp_path / "arrival.duckdb")
    use_db(db)
    monkeypatch.setenv("BISHUI_TODAY", "2023-12-10T09:00")
    store.close_readers()
    return db


def test_default_month_is_the_latest_complete_one_and_newer_months_are_labelled(arrival):
    at = app({"lang": "en"})
    month = at.sidebar.selectbox(key="month")
    # 2023-12 is running, 2023-11 is over with items missing: 2023-09 is the latest complete month
    assert month.value == "2023-09"
    assert "2023-12 (provisional)" in month.options and "2023-11 (incomplete)" in month.options
    assert "2023-09" in month.options
    zh = app({"lang": "zh"}).sidebar.selectbox(key="month")
    assert "2023年12月（未完）" in zh.options and "2023年11月（数据不全）" in zh.options


def test_overview_of_the_running_month_judges_nothing(arrival):
    at = app({"lang": "en", "month": "2023-12"})
    assert not at.exception
    assert "2023-12 (provisional)" in at.title[0].value
    m = _metrics(at)
    assert m["Assessment sections meeting target"][0] == "0 of 0"  # nothing complete: nothing judged
    assert not m["Assessment sections meeting target"][1]  # and no change against November
    key = m["Bridge One"]
    assert key[0] == ">Ⅴ…" and not key[1].startswith("Met") and key[1].startswith("Provisional")
    assert "1 of 2 assessment sections have data so far; 0 are complete" in texts(at)
    fig = _chart(at, "matrix")
    assert _cell(fig, "Bridge One", "2023-12") == ">Ⅴ…"
    assert _cell(fig, "Bridge One", "2023-09") == ">Ⅴ"  # a complete month keeps its bare class
    misses = at.dataframe[0].value
    assert list(misses["Data status"]) == ["Provisional (data still arriving)"]


def test_sections_page_marks_the_months_not_complete(arrival):
    at = deep_link(
        {"lang": "en", "month": "2023-12", "sections": "s_f1", "params": "nh3n", "range": "2023-01-01,2023-12-31"},
        "pages/sections.py",
    )
    assert not at.exception
    assert "2023-12 (provisional)" in texts(at)
    strip = _chart(at, "strip")
    assert _cell(strip, "Bridge One", "2023-12") == ">Ⅴ…"
    assert _cell(strip, "Bridge One", "2023-06") == "Ⅱ?"  # pH and DO 6.5 (II) only: never a bare class
    assert _cell(strip, "Bridge One", "2023-09") == ">Ⅴ"
    trend = _chart(at, "trend_nh3n")["data"][0]  # the monthly NH3-N of Bridge One
    symbols = dict(zip([str(x)[:7] for x in trend["x"]], trend["marker"]["symbol"]))
    assert symbols["2023-12"] == symbols["2023-11"] == "diamond-open" and symbols["2023-09"] == "circle"
    hover = dict(zip([str(x)[:7] for x in trend["x"]], trend["hovertext"]))
    assert "Provisional (data still arriving): 9 days of automatic data" in hover["2023-12"]
    table = at.dataframe[0].value.set_index("Month")
    assert table.loc["2023-06", "Data status"] == (
        "Incomplete: missing: Permanganate index (CODMn), Ammonia nitrogen (NH3-N), Total phosphorus (TP)"
    )
    assert table.loc["2023-12", "Data status"].startswith("Provisional (data still arriving): 9 days of automatic data")


def test_compensation_page_labels_the_provisional_month_and_forecasts(arrival):
    at = app({"lang": "en", "month": "2023-12"}, "pages/compensation.py")
    assert not at.exception
    assert any("2023-12 (provisional)" in s.value for s in at.subheader)
    assert "if the rest of the month looks like the days so far, **CNY 850,000** will be due" in texts(at)
    m = _metrics(at)
    assert m["Due for 2023-12"][0] == "CNY 0"  # nothing billed while it runs
    assert m["Section-months pending data"][0] == "2"  # June and November
    marks = _chart(at, "cp_chart")["data"][-1]  # months neither billed nor passed
    marked = dict(zip([str(x)[:7] for x in marks["x"]], marks["text"]))
    assert marked["2023-12"] == marked["2023-06"] == marked["2023-07"] == "not judged"
    assert (
        "Bridge One · Provisional (forecast)"
        in dict(zip([str(x)[:7] for x in marks["x"]], marks["hovertext"]))["2023-12"]
    )
    ledger = at.dataframe[1].value.set_index(["Rule", "Month"])
    assert ledger.loc[("F1", "2023-06"), "Result"] == "Pending data (not billed)"
    assert ledger.loc[("F2", "2023-07"), "Result"] == "No flow"


# ---- acceptance: two readings for a new month --------------------------------------------------
TWO_READINGS = (
    "section_id,parameter,sampled_on,value,source\n{s},nh3n,2023-05-10,0.3,manual\n{s},tp,2023-05-10,0.1,manual\n"
)


@pytest.fixture(params=["s_f1", "s_t2"])
def two_readings(request, fixture_db, tmp_path, use_db) -> str:
    db = tmp_path / "w.duckdb"
    shutil.copyfile(fixture_db, db)
    use_db(db)
    store.close_readers()
    src = tmp_path / "two.csv"
    src.write_text(TWO_READINGS.format(s=request.param), encoding="utf-8")
    result = ingest.apply(ingest.prepare(src, kind="readings"), user="tester")
    assert result.status == "imported" and result.rows_added == 2
    # graded from the two values alone the month would read class II, within every target
    classes = store.run_query(
        "section_class_history",
        section_ids=[request.param],
        period_kind="month",
        start=pd.Timestamp("2023-05-01").date(),
        end=pd.Timestamp("2023-05-31").date(),
        now=pd.Timestamp("2026-12-03").date(),
    )
    assert list(classes["water_class"]) == [2] and list(classes["completeness"]) == ["incomplete"]
    return request.param


def test_two_readings_for_a_new_month_never_read_as_met(two_readings, tmp_path, monkeypatch):
    section = two_readings
    name = {"s_f1": "Bridge One", "s_t2": "Sluice Two"}[section]
    at = app({"lang": "en"})
    assert at.sidebar.selectbox(key="month").value == "2023-04"  # not the new month
    at = app({"lang": "en", "month": "2023-05"})
    assert not at.exception
    m = _metrics(at)
    assert m["Assessment sections meeting target"][0] == "0 of 0"
    assert not any(d.startswith("Met") for _, d in m.values())
    assert not any("met its target" in s.value or "met their target" in s.value for s in at.success)
    assert "No section's month is complete yet" in texts(at)
    assert _cell(_chart(at, "matrix"), name, "2023-05") == "Ⅱ?"
    at = deep_link(
        {"lang": "en", "month": "2023-05", "sections": section, "params": "nh3n", "range": "2023-01-01,2023-05-31"},
        "pages/sections.py",
    )
    assert not at.exception
    assert _cell(_chart(at, "strip"), name, "2023-05") == "Ⅱ?"
    at = app({"lang": "en", "month": "2023-05"}, "pages/compensation.py")
    assert not at.exception
    rule = {"s_f1": "F1", "s_t2": "F2"}[section]
    ledger = at.dataframe[1].value.set_index(["Rule", "Month"])
    assert ledger.loc[(rule, "2023-05"), "Result"] == "Pending data (not billed)"
    at = app({"lang": "en", "month": "2023-05"}, "pages/targets.py")
    assert not at.exception
    assert "1 section-month(s) of 2023 up to 2023-05 (incomplete) left out" in texts(at)
    measures = store.run_query(
        "target_measures",
        year=2023,
        start=pd.Timestamp("2023-01-01").date(),
        end=pd.Timestamp("2023-05-01").date(),
        town_id=None,
        now=pd.Timestamp("2026-12-03").date(),
    )
    district = measures[measures["town_id"] == ""].assign(
        month=lambda d: pd.to_datetime(d["month"]).dt.strftime("%Y-%m")
    )
    value = district.set_index(["target_id", "month"])["value"]
    assert ("S3", "2023-05") not in value.index  # no class of May for Sluice Two
    assert value[("S4", "2023-05")] == value[("S4", "2023-04")]  # May is left out of the rate
    assert value[("S1", "2023-05")] == value[("S1", "2023-04")]  # and out of the 劣V months
    env = dict(os.environ, BISHUI_DB=os.environ["BISHUI_DB"])
    proc = subprocess.run(
        [sys.executable, "-m", "bishui", "ledger", "--year", "2023", "--lang", "en"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    row = [line for line in proc.stdout.decode("utf-8-sig").splitlines() if f'"{rule}"' in line and '"2023-05"' in line]
    assert len(row) == 1 and '"pending_data",0,' in row[0]


def test_trends_page_says_a_month_that_is_not_complete_is_provisional(arrival):
    for month, shown in (("2023-12", "2023-12 (provisional)"), ("2023-11", "2023-11 (incomplete)")):
        at = deep_link({"lang": "en", "month": month}, "pages/trends.py")
        assert not at.exception
        assert any(shown in w.value and "provisional, not final" in w.value for w in at.warning), [
            w.value for w in at.warning
        ]
    at = deep_link({"lang": "zh", "month": "2023-09"}, "pages/trends.py")
    assert not at.exception and not any("尚不完整" in w.value for w in at.warning)
