"""The task detail under the responsibility matrix in chromium (sample warehouse, zh and en): a click on
a row of the task table shows that task's evidence from data in full below the table (the cell cuts
it off), and the pick goes into the URL."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import act, open_app, screenshot, wait_at_least

ROW_PX = 35  # the height of a header and of a row of Streamlit's table (glide data grid)


@pytest.mark.parametrize(
    "lang, tail",
    [
        ("zh", "赵王河张庄桥（2025-08起）"),  # the last section the flood-season rebound names
        ("en", "Zhaowang at Zhangzhuang bridge (from 2025-08)"),
    ],
)
def test_a_row_picked_shows_its_evidence_in_full(lang, tail, server, page):
    open_app(page, server, f"/targets?lang={lang}&month=2025-12&tab=tasks")
    assert wait_at_least(page, "[data-testid='stDataFrame']", 1) >= 1
    grid = page.locator("[data-testid='stDataFrame']:visible").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    # task 11 is the 11th row; the first column holds the row's selection box
    act(page, lambda: page.mouse.click(box["x"] + 12, box["y"] + ROW_PX * 11 + ROW_PX / 2))
    main = page.locator("[data-testid='stMain']")
    expect(main).to_contain_text(tail, timeout=30_000)
    assert "task=11" in page.url
    page.get_by_text(tail, exact=False).last.scroll_into_view_if_needed()
    screenshot(page, f"targets_task_detail_{lang}")
    assert page.locator('[data-testid="stException"]').count() == 0
