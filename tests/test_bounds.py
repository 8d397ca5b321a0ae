"""Pathological requests stay bounded (issue 17 item 5): a URL date range wider than the data (the
widest a URL may name is 1900..2100; year 1 or 9999 is refused with a notice) is narrowed to the days
with data, the automatic series is capped at a number of points (the latest
that fit) and the trend charts at a number of section x parameter series, and the page says so.
Behaviour, not timing: benchmarks/ measures the time."""

from __future__ import annotations

import datetime as dt

from bishui.rules import bounds
from tests.apptest_helpers import app, texts

D = dt.date
FIRST, LAST = D(2023, 1, 1), D(2023, 4, 30)  # the fixture warehouse's readings: 2023-01 .. 2023-04


def test_a_range_beyond_the_data_is_narrowed_to_it():
    assert bounds.clamp_range(D(1, 1, 1), D(9999, 12, 31), FIRST, LAST) == (FIRST, LAST)
    assert bounds.clamp_range(D(2022, 6, 1), D(2023, 2, 10), FIRST, LAST) == (FIRST, D(2023, 2, 10))
    assert bounds.clamp_range(D(2023, 2, 1), D(2023, 3, 31), FIRST, LAST) is None  # inside: unchanged
    assert bounds.clamp_range(D(2030, 1, 1), D(2031, 1, 1), FIRST, LAST) is None  # no overlap: costs nothing
    assert bounds.clamp_range(D(1, 1, 1), D(9999, 12, 31), None, None) is None  # no readings


def test_the_automatic_series_keeps_the_latest_months_that_fit():
    counts = [(D(2023, 1, 1), 10), (D(2023, 2, 1), 10), (D(2023, 3, 1), 10)]
    assert bounds.auto_window(counts, D(2023, 1, 5), cap=30) == (D(2023, 1, 5), 30, 30)  # all fits
    assert bounds.auto_window(counts, D(2023, 1, 5), cap=25) == (D(2023, 2, 1), 20, 30)
    assert bounds.auto_window(counts, D(2023, 1, 5), cap=10) == (D(2023, 3, 1), 10, 30)
    # one month alone holds more than the cap: its last days that fit
    start, shown, total = bounds.auto_window([(D(2023, 3, 1), 3100)], D(2023, 3, 1), cap=200)
    assert (start, total) == (D(2023, 3, 30), 3100) and shown <= 200


def test_the_trend_charts_keep_at_most_the_cap_of_series():
    sections, params = [f"s{i}" for i in range(200)], [f"p{i}" for i in range(23)]
    drawn, drawn_params = bounds.chart_pairs(sections, params, cap=60)
    assert drawn == ["s0", "s1"] and drawn_params == params
    assert bounds.chart_pairs(["a", "b", "c"], ["x", "y"], cap=60) == (["a", "b", "c"], ["x", "y"])
    assert bounds.chart_pairs(["a"], params, cap=5) == (["a"], params[:5])


# the widest range a URL may name (bishui.app.ui.MIN_DATE..MAX_DATE; year 1 or 9999 is refused with a notice)
EVERYTHING = {
    "lang": "en",
    "sections": "s_f1,s_t2,s_res",
    "params": "nh3n,tp,codmn,do,ph",
    "range": "1900-01-01,2100-12-31",
    "auto": "1",
}


def test_sections_page_narrows_a_1900_to_2100_url_and_says_so(fixture_db, use_db):
    use_db(fixture_db)
    at = app(EVERYTHING, "pages/sections.py")
    assert not at.exception, [e.value for e in at.exception]
    assert at.date_input(key="sec_range").value == (FIRST, LAST)
    assert at.query_params["range"] in ("2023-01-01,2023-04-30", ["2023-01-01,2023-04-30"])
    assert "narrowed to 2023-01-01 – 2023-04-30" in texts(at) and "not valid" not in texts(at)
    zh = app({**EVERYTHING, "lang": "zh"}, "pages/sections.py")
    assert "已收窄为有数据的 2023-01-01 至 2023-04-30" in texts(zh)


def test_sections_page_caps_the_automatic_points_and_the_charts_and_says_so(fixture_db, use_db, monkeypatch):
    use_db(fixture_db)
    monkeypatch.setattr(bounds, "MAX_AUTO_POINTS", 1)
    monkeypatch.setattr(bounds, "MAX_CHART_PAIRS", 2)
    at = app({**EVERYTHING, "params": "nh3n,tp"}, "pages/sections.py")
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert "3 sections × 2 parameters is more than the 2 series one page draws" in shown
    assert "the first 1 sections and 2 parameters" in shown
    assert "The automatic-station data hold 3 points, more than the 1 one page draws" in shown
    trend_charts = [c for c in at.get("plotly_chart") if "trend_" in str(c.proto.id)]
    assert len(trend_charts) == 2, [c.proto.id for c in at.get("plotly_chart")]
