"""The plan pages (targets and tasks, treatment plants, black-odorous water bodies, eco-compensation)
in chromium, in Chinese and English, on the sample warehouse: no exception element, Chinese text in
the Chinese view, charts drawn, and URL state restored."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import act, open_app, screenshot, wait_at_least

CJK = re.compile(r"[\u4e00-\u9fff]")
PLAN_PAGES = {
    # page: (minimum plotly charts drawn, text that must appear in zh, in en)
    "targets": (1, "目标与任务", "Targets and tasks"),
    "plants": (2, "污水处理厂", "Treatment plants"),
    "water_bodies": (1, "黑臭水体", "Black-odorous water bodies"),
    "compensation": (1, "生态补偿", "Eco-compensation"),
}


def _main_text(page) -> str:
    return page.locator("[data-testid='stMain']").inner_text()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("stem", sorted(PLAN_PAGES))
def test_plan_page_in_both_languages(stem, lang, server, page):
    n_charts, zh_title, en_title = PLAN_PAGES[stem]
    open_app(page, server, f"/{stem}?lang={lang}&month=2025-12")
    screenshot(page, f"plan_{stem}_{lang}")
    assert page.locator('[data-testid="stException"]').count() == 0
    body = _main_text(page)
    assert (zh_title if lang == "zh" else en_title) in body
    if lang == "zh":
        assert CJK.search(body)
        assert page.evaluate("document.fonts.check('16px \"Noto Sans CJK SC\"', '水质')")
    assert wait_at_least(page, ".js-plotly-plot .main-svg", 1) >= 1
    assert wait_at_least(page, ".js-plotly-plot", n_charts) >= n_charts
    assert wait_at_least(page, "[data-testid='stDataFrame']", 1) >= 1


def test_plant_before_commissioning_says_so(server, page):
    open_app(page, server, "/plants?lang=en&month=2023-12&plants=zhulaozhuang_wwtp")
    screenshot(page, "plan_plants_before_commissioning_en")
    assert "before its commissioning in 2024-03" in _main_text(page)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_compensation_filters_come_back_from_the_url(server, page):
    # status=pay: a link from before the ledger status was renamed 'owed' still works
    open_app(page, server, "/compensation?lang=zh&month=2023-08&rules=F1&status=pay")
    screenshot(page, "plan_compensation_filtered_zh")
    body = _main_text(page)
    assert "应缴" in body and "生态补偿 · 2023年" in body
    assert "rules=F1" in page.url and "status=owed" in page.url
    assert page.locator('[data-testid="stException"]').count() == 0


def test_targets_tabs_render(server, page):
    open_app(page, server, "/targets?lang=zh&month=2024-06")
    for i, name in enumerate(["tasks", "since", "projects"], start=1):
        act(page, page.get_by_role("tab").nth(i).click, runs=0)
        screenshot(page, f"plan_targets_tab_{name}_zh")
        assert page.locator('[data-testid="stException"]').count() == 0
    assert wait_at_least(page, ".js-plotly-plot", 2) >= 2  # the target history and the projects chart


def test_targets_filters_come_back_from_the_url(server, page):
    open_app(page, server, "/targets?lang=en&month=2024-06&date=2024-06-23&status=missed,at_risk&target=U1%7Chuxi")
    screenshot(page, "plan_targets_url_en")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "date=2024-06-23" in page.url and "status=missed%2Cat_risk" in page.url
    title = "U1 Urban combined (rain+sewage) pipes: dynamic zero · Huxi subdistrict"
    page.get_by_text(title).first.wait_for(timeout=30_000)  # the target's panel draws after its chart (slow when busy)
    assert title in _main_text(page)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
