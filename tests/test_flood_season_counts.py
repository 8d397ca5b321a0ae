"""The flood-season page's first-flush card is counted from the rebound rows (issue 11 item 3: pages
only lay out), not from the text of the table built for display."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd

from bishui.views import flood_season
from bishui.db import store
from tests.test_eco_flow import eco_db  # noqa: F401  (the fixture warehouse: district + eco_flow overlay)


def _query(db: Path, name: str, **params) -> pd.DataFrame:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return store.execute(con, name, **params)
    finally:
        con.close()


def test_sections_with_a_first_flush_month_out_of_all_sections():
    rows = pd.DataFrame(
        {
            "section_id": ["a", "a", "b", "b", "c", "c"],
            "is_first_flush": [False, True, False, None, True, False],  # None: a month not compared
        }
    )
    assert flood_season.first_flush_counts(rows) == (2, 3)
    assert flood_season.first_flush_counts(rows[rows["section_id"] == "b"]) == (0, 1)
    assert flood_season.first_flush_counts(rows.iloc[0:0]) == (0, 0)


def test_the_count_agrees_with_the_table_shown(eco_db):  # noqa: F811
    for now in (dt.date(2026, 12, 3), dt.date(2023, 7, 15)):
        r = _query(eco_db, "flood_rebound", now=now, year=2023, town_id=None)
        table = flood_season.rebound_table(r, "en")
        assert flood_season.first_flush_counts(r) == (int((table["fs_first_flush_month"] != "").sum()), len(table))
    r = _query(eco_db, "flood_rebound", now=dt.date(2026, 12, 3), year=2023, town_id="t1")
    assert flood_season.first_flush_counts(r)[0] >= 1  # s_f1's July (see test_flood_season)
