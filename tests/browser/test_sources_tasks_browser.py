"""The pages of plan tasks measured from source data (medical wastewater, task 14; enforcement, task 6)
in chromium on the sample warehouse, in Chinese and English: no exception, the story's figures shown,
the map drawn, URL state restored."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import MAP_IFRAME, open_app, screenshot, wait_at_least

CJK = re.compile(r"[\u4e00-\u9fff]")


def _main_text(page) -> str:
    return page.locator("[data-testid='stMain']").inner_text()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_medical_page_in_both_languages(lang, server, page):
    open_app(page, server, f"/medical?lang={lang}&month=2025-08&n=3")
    screenshot(page, f"medical_{lang}")
    assert page.locator('[data-testid="stException"]').count() == 0
    body = _main_text(page)
    if lang == "zh":
        assert "医疗机构污水" in body and "超过 3 个月未监测：李海务街道社区卫生服务中心" in body
        assert page.evaluate("document.fonts.check('16px \"Noto Sans CJK SC\"', '医疗')")
    else:
        assert "Medical-institution wastewater" in body
        assert "Not monitored for over 3 months: Lihaiwu community health centre" in body
        assert not CJK.search(page.locator("h1").first.inner_text())
    assert wait_at_least(page, "[data-testid='stDataFrame']", 3) >= 3
    assert wait_at_least(page, "iframe", 1) >= 1  # the folium map


def test_medical_setting_comes_back_from_the_url(server, page):
    # N = 5 months: on 2025-12-15 the Lihaiwu centre (last sampled 2025-08-16) is no longer flagged
    open_app(page, server, "/medical?lang=en&month=2025-11&n=5")
    body = _main_text(page)
    assert "Not monitored for over" not in body
    assert "n=5" in page.url
    assert page.locator('[data-testid="stException"]').count() == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_enforcement_page_in_both_languages(lang, server, page):
    open_app(page, server, f"/enforcement?lang={lang}&month=2025-12")
    screenshot(page, f"enforcement_{lang}")
    assert page.locator('[data-testid="stException"]').count() == 0
    body = _main_text(page)
    if lang == "zh":
        assert "涉水污染源执法监管" in body and "逾期未整改：朱老庄镇建材厂（朱老庄镇，逾期 15 天）" in body
    else:
        assert "Enforcement on water-related pollution sources" in body
        assert "Zhulaozhuang building-materials plant (Zhulaozhuang town, 15 days)" in body
    assert wait_at_least(page, "[data-testid='stDataFrame']", 3) >= 3
    # the map: every one of the sample's 20 sources (all with coordinates), one of them red (overdue)
    page.wait_for_selector(MAP_IFRAME, timeout=60_000)
    legend = page.frame_locator(MAP_IFRAME).first.locator(".bishui-legend")
    expect(legend).to_contain_text("污染源案件状态" if lang == "zh" else "Sources by case state", timeout=30_000)
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    colours = frame.evaluate(
        """() => { var c = []; map_div.eachLayer(function (l) {
             if (l instanceof L.CircleMarker && l.options.radius === 7) c.push(l.options.fillColor); }); return c; }"""
    )
    assert len(colours) == 20 and colours.count("#d7191c") == 1


def test_enforcement_kind_filter_and_month_from_the_url(server, page):
    # farms only, as at the end of 2025-06: the pig-farm case (closed 2025-06-25 with 80,000 CNY) is filed
    # this year, nothing is overdue among farms (the building-materials plant's case is not a farm's)
    open_app(page, server, "/enforcement?lang=en&month=2025-06&kinds=farm")
    assert wait_at_least(page, "[data-testid='stDataFrame']", 3) >= 3
    # the farms' penalties of 2025 (a metric; table cells are canvas), once the page has settled on the filter
    expect(page.locator("[data-testid='stMain']")).to_contain_text("80,000", timeout=15_000)
    body = _main_text(page)
    assert "As at 2025-06-30" in body and "Past the rectification deadline" not in body
    assert "kinds=farm" in page.url
    assert page.locator('[data-testid="stException"]').count() == 0
