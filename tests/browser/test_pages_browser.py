"""Every page in pages/ opens in chromium, in Chinese and English, with no exception element,
readable CJK text and its charts drawn."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.conftest import open_app, screenshot, wait_at_least

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(p.stem for p in (ROOT / "pages").glob("*.py"))
CJK = re.compile(r"[\u4e00-\u9fff]")


def _path(stem: str) -> str:
    return "/" if stem == "overview" else f"/{stem}"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("stem", PAGES)
def test_page_in_browser(stem, lang, server, page):
    open_app(page, server, f"{_path(stem)}?lang={lang}")
    screenshot(page, f"{stem}_{lang}")
    assert page.locator('[data-testid="stException"]').count() == 0
    body = page.locator("[data-testid='stMain']").inner_text()
    if lang == "zh":
        assert CJK.search(body), "Chinese text on the page"
        # glyphs come from an installed CJK font, not fallback boxes
        assert page.evaluate("document.fonts.check('16px \"Noto Sans CJK SC\"', '水质')")
    else:
        assert "Bishui" in page.locator("[data-testid='stSidebar']").inner_text() or stem == "overview"


def test_overview_charts_and_cards(server, page):
    open_app(page, server, "/?lang=zh")
    assert wait_at_least(page, "[data-testid='stMetric']", 6) >= 6
    assert wait_at_least(page, ".js-plotly-plot", 1) >= 1
    assert (
        page.locator(".js-plotly-plot .heatmaplayer, .js-plotly-plot .hm").count() >= 1
        or page.locator(".js-plotly-plot svg").count() >= 1
    )


def test_section_trends_draw_lines(server, page):
    open_app(page, server, "/sections?sections=liaowei&params=nh3n,tp&lang=zh")
    assert wait_at_least(page, ".js-plotly-plot", 3) >= 3
    assert wait_at_least(page, ".js-plotly-plot .scatterlayer .trace", 2) >= 2
