"""Source tracing (溯源) in chromium on the sample, network blocked: a miss on the overview opens its
tracing page (the link column), which shows the reach on the map, the candidates and the verdict."""

from __future__ import annotations

import pytest

from tests.browser.conftest import READY, open_app, screenshot

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
PAINTED_PIXELS = """() => {
    let n = 0;
    for (const c of document.querySelectorAll('canvas')) {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    }
    return n;
}"""


def _tracing_shown(page, lang: str, culprit: str):
    page.wait_for_selector(READY, timeout=90_000)
    page.wait_for_selector(MAP_IFRAME, timeout=60_000)
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    frame.wait_for_function("() => document.querySelectorAll('.leaflet-interactive, canvas').length > 0",
                            timeout=30_000)
    page.wait_for_timeout(800)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert frame.evaluate(PAINTED_PIXELS) > 500, "rivers, the reach and the candidates drawn"
    verdict = page.locator('[data-testid="stAlertContentSuccess"]').inner_text()
    assert ("tuhai km" in verdict) and (("Candidates ranked" in verdict) if lang == "en" else ("候选来源" in verdict))
    assert page.locator('[data-testid="stDataFrame"]').count() >= 1
    assert page.external_requests == [], "nothing outside localhost was requested"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tracing_page_shows_reach_and_candidates(lang, server, page):
    open_app(page, server, f"/tracing?section=liaowei&month=2025-08&lang={lang}")
    _tracing_shown(page, lang, "tuhai-hux-039")
    screenshot(page, f"tracing_liaowei_{lang}")


def test_a_miss_on_the_overview_opens_its_tracing(server, page):
    open_app(page, server, "/?month=2025-08&lang=en")
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(timeout=30_000)
    box = grid.bounding_box()
    # the link column is the first: click the first data row's cell (header ~35 px, rows ~35 px)
    x, y = box["x"] + 20, box["y"] + 35 + 17
    page.mouse.move(x, y)                     # the grid shows a link as one once it is hovered
    page.wait_for_timeout(500)
    with page.context.expect_page(timeout=30_000) as opened:
        page.mouse.click(x, y)
    tab = opened.value
    tab.external_requests = []
    tab.on("requestfailed", lambda r: tab.external_requests.append(r.url))
    tab.wait_for_load_state()
    assert "/tracing?" in tab.url and "section=liaowei" in tab.url and "month=2025-08" in tab.url
    _tracing_shown(tab, "en", "tuhai-hux-039")
