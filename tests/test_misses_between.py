"""The months that closed since the last meeting come from one query (section_month_misses_between),
not one query per month (issue 11 item 3), with the rows the per-month query gives."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from bishui.db import meetings, store
from bishui.views import plan_views as pv

D = dt.date


@pytest.fixture
def db(fixture_db, use_db):
    return use_db(fixture_db)


@pytest.mark.parametrize("town", [None, "t1", "t2"])
def test_one_query_gives_the_rows_of_every_month(db, town):
    months = pv.closed_months(D(2022, 11, 20), D(2023, 4, 30))
    assert months == list(pd.date_range("2022-11-01", "2023-04-01", freq="MS").date)
    per_month = pd.concat(
        [store.run_query("section_month_misses", month=m, town_id=town).assign(month=m) for m in months],
        ignore_index=True,
    )
    between = store.run_query("section_month_misses_between", start=months[0], end=months[-1], town_id=town)
    assert len(per_month) == len(between)
    if town is None:
        assert len(between) > 0
    for lang in ("zh", "en"):
        pd.testing.assert_frame_equal(
            pv.misses_table(per_month, lang).reset_index(drop=True),
            pv.misses_table(between, lang).reset_index(drop=True),
            check_dtype=False,
        )


def test_since_sections_asks_once_for_the_closed_months(db, monkeypatch):
    asked = []
    real = store.query

    def spy(name, **params):
        asked.append(name)
        return real(name, **params)

    monkeypatch.setattr(store, "query", spy)
    date = D(2023, 4, 30)
    year_targets = real("targets_list").query("year == 2023")
    start, end = pv.measures_window(2023, date)
    measures = real("target_measures", year=2023, start=start, end=end, town_id=None, now=dt.datetime(2030, 1, 1))
    asked.clear()
    parts = dict(meetings.since_sections(year_targets, measures, D(2022, 11, 20), date, None, {}, "en"))
    assert [n for n in asked if n.startswith("section_month_misses")] == ["section_month_misses_between"]
    months = pv.closed_months(D(2022, 11, 20), date)
    per_month = pd.concat([real("section_month_misses", month=m, town_id=None).assign(month=m) for m in months])
    pd.testing.assert_frame_equal(
        parts["misses"].reset_index(drop=True),
        pv.misses_table(per_month, "en").reset_index(drop=True),
        check_dtype=False,
    )
    assert len(parts["misses"]) > 0
