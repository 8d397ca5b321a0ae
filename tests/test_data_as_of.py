"""Data as of (issue 12 item 6): each section says when its latest automatic and manual data were
taken, the sidebar says when the warehouse's latest reading was taken. Pinned on the fixture
warehouse (tests/fixtures/district/readings.csv): s_f1's last automatic reading is 2023-04-26 08:00,
its last manual sample 2023-04-20; s_t2 (no station) was last sampled 2023-04-12; s_res 2023-01-15."""

from __future__ import annotations

import pandas as pd

from bishui.rules import freshness
from bishui.db import store
from tests.apptest_helpers import app


def test_section_data_as_of_query(fixture_db, use_db):
    use_db(fixture_db)
    df = store.run_query("section_data_as_of", town_id=None).set_index("section_id")
    assert df.at["s_f1", "last_auto_at"] == pd.Timestamp("2023-04-26 08:00")
    assert pd.Timestamp(df.at["s_f1", "last_manual_on"]) == pd.Timestamp("2023-04-20")
    assert pd.isna(df.at["s_t2", "last_auto_at"])
    assert pd.Timestamp(df.at["s_t2", "last_manual_on"]) == pd.Timestamp("2023-04-12")
    assert pd.Timestamp(df.at["s_res", "last_manual_on"]) == pd.Timestamp("2023-01-15")
    only_t2 = store.run_query("section_data_as_of", town_id="t2")
    assert sorted(only_t2["section_id"]) == ["s_res", "s_t2"]


def test_warehouse_as_of_query(fixture_db, use_db):
    use_db(fixture_db)
    row = store.run_query("warehouse_as_of").iloc[0]
    assert row["last_reading_at"] == pd.Timestamp("2023-04-26 08:00")
    assert pd.Timestamp(row["last_manual_on"]) == pd.Timestamp("2023-04-20")
    assert pd.isna(row["last_import_at"])  # built, never imported into


def test_lines_and_table():
    assert (
        freshness.section_line("Bridge One", pd.Timestamp("2023-04-26 08:00"), pd.Timestamp("2023-04-20"), True, "en")
        == "Bridge One: automatic data to 2023-04-26 08:00 · manual data to 2023-04-20"
    )
    assert (
        freshness.section_line("二号闸", None, pd.Timestamp("2023-04-12"), False, "zh")
        == "二号闸：自动监测截至 无自动站 · 手工监测截至 2023-04-12"
    )
    assert (
        freshness.warehouse_line(
            {
                "last_auto_at": pd.Timestamp("2023-04-26 08:00"),
                "last_manual_on": pd.Timestamp("2023-04-20"),
                "last_import_at": pd.Timestamp("2026-12-01 09:30:12"),
            },
            "en",
        )
        == "Latest data: automatic 2023-04-26 08:00 · manual 2023-04-20 · imported 2026-12-01 09:30"
    )
    assert (
        freshness.warehouse_line(
            {"last_auto_at": None, "last_manual_on": pd.Timestamp("2023-04-20"), "last_import_at": None}, "zh"
        )
        == "最新数据：自动 无 · 手工 2023-04-20"
    )
    assert freshness.warehouse_line({"last_auto_at": None, "last_manual_on": None, "last_import_at": None}, "zh") == ""


def test_sidebar_and_sections_page_show_the_moments(fixture_db, use_db):
    use_db(fixture_db)
    at = app({"lang": "en"}, "pages/sections.py")
    assert not at.exception
    assert any(
        c.value.endswith("Latest data: automatic 2023-04-26 08:00 · manual 2023-04-20") for c in at.sidebar.caption
    ), [c.value for c in at.sidebar.caption]
    captions = [c.value for c in at.main.caption]
    assert any("automatic data to 2023-04-26 08:00 · manual data to 2023-04-20" in c for c in captions), captions
    at = app({"lang": "zh"}, "pages/sections.py")
    at.multiselect(key="sec_sections").set_value(["s_f1", "s_t2"]).run()
    captions = "\n".join(c.value for c in at.main.caption)
    assert "自动监测截至 2023-04-26 08:00 · 手工监测截至 2023-04-20" in captions
    assert "自动监测截至 无自动站 · 手工监测截至 2023-04-12" in captions
    assert any(c.value.endswith("最新数据：自动 2023-04-26 08:00 · 手工 2023-04-20") for c in at.sidebar.caption)
