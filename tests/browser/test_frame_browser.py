"""The frame in a real browser: URL round trip, a CSV download with a BOM, presentation mode on a
1920x1080 shared screen."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.conftest import act, download, open_app, screenshot, settle, wait_at_least


def _query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}


def test_copied_url_reproduces_the_view(server, page):
    url = "/sections?month=2024-07&town=huxi&lang=en&sections=liaowei&params=nh3n,tp&range=2024-01-01,2024-12-31"
    open_app(page, server, url)
    q = _query(page.url)
    assert q["month"] == "2024-07" and q["town"] == "huxi" and q["lang"] == "en"
    assert q["sections"] == "liaowei" and q["params"] == "nh3n,tp" and q["range"] == "2024-01-01,2024-12-31"
    assert page.locator("h1").first.inner_text().startswith("Section trends")
    # a colleague opening the copied address sees the same state
    copied = page.url
    other = page.context.new_page()
    other.goto(copied)
    settle(other)
    assert _query(other.url) == q
    assert other.locator("[data-testid='stMultiSelect']").first.inner_text().count("Liaowei") == 1
    other.close()


def test_filter_change_updates_the_url(server, page):
    open_app(page, server, "/?lang=en&month=2024-07")
    page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first.click()
    page.keyboard.type("2023-08")  # the list is long and virtualised: type to filter it
    act(page, page.get_by_role("option", name="2023-08").click)
    assert _query(page.url)["month"] == "2023-08"


def test_bad_url_shows_a_notice_not_a_traceback(server, page):
    open_app(page, server, "/sections?month=2023-99&sections=nowhere&lang=en")
    assert page.locator('[data-testid="stException"]').count() == 0
    alerts = " ".join(page.locator('[data-testid="stAlert"]').all_inner_texts())
    assert "2023-99" in alerts and "nowhere" in alerts


def test_csv_download_arrives_with_a_bom(server, page, tmp_path):
    open_app(page, server, "/sections?sections=liaowei&params=nh3n&range=2023-01-01,2023-12-31&lang=zh")
    path = download(page, page.locator("[data-testid='stDownloadButton'] button").first, tmp_path)
    data = path.read_bytes()
    assert path.name.endswith(".csv")
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 13  # header + the 12 months of 2023 shown in the table
    assert "断面" in lines[0]


def test_presentation_mode_fits_a_shared_screen(server, browser):
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    pg = context.new_page()
    try:
        open_app(pg, server, "/?present=1&lang=zh")
        screenshot(pg, "overview_present_1920x1080")
        assert pg.locator("[data-testid='stSidebar']").is_hidden()
        assert wait_at_least(pg, "[data-testid='stMetric']", 6) >= 6
        assert wait_at_least(pg, ".js-plotly-plot .main-svg", 1) >= 1
        cards = pg.locator("[data-testid='stMetric']")
        matrix = pg.locator(".js-plotly-plot").first
        box = matrix.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 1080, box
        for i in range(cards.count()):
            b = cards.nth(i).bounding_box()
            assert b["y"] + b["height"] <= 1080
        # nothing needs scrolling: the main area is no taller than the screen
        height = pg.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
        assert height <= 1080 + 4, height
    finally:
        context.close()


def test_deep_link_on_a_fresh_server_runs_inside_the_frame(browser_db, page):
    """The first request a new server gets is a deep link: the page still has the shared sidebar,
    its URL state and no 'page not found' dialog."""
    from tests.browser.conftest import Server

    srv = Server(browser_db)
    try:
        open_app(page, srv, "/sections?sections=cuizhuang&params=tp&lang=en&month=2024-03")
        # the first run on a fresh server reruns itself through app.py: wait for the frame's sidebar
        try:
            page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first.wait_for(timeout=30_000)
        except Exception:  # playwright's TimeoutError: the assertions below say what was shown
            pass
        sidebar = page.locator("[data-testid='stSidebar']").inner_text()
        assert "Reporting month" in sidebar and "Township" in sidebar
        assert page.locator("h1").first.inner_text() == "Section trends"
        assert page.get_by_text("Page not found").count() == 0
        q = _query(page.url)
        assert q["sections"] == "cuizhuang" and q["month"] == "2024-03"
    finally:
        srv.stop()


# Cells, card labels and chips whose text does not fit: content wider than the box (ellipsis or clipping).
_TRUNCATED_JS = """(sels) => {
  const out = [];
  for (const sel of sels) {
    for (const el of document.querySelectorAll(sel)) {
      if (el.offsetParent === null) continue;
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
        out.push(sel + ': ' + el.innerText.slice(0, 60));
    }
  }
  return out;
}"""


@pytest.mark.parametrize("lang,month", [("zh", "2023-07"), ("en", "2023-07"), ("en", "2021-08"), ("zh", "2021-08")])
def test_presentation_misses_table_is_whole_and_readable(server, browser, lang, month):
    """At 1920x1080 the meeting screen shows the misses table with every column, nothing cut off, at a
    font a room can read; card labels are whole and every change chip says what it is."""
    from bishui import i18n

    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    pg = context.new_page()
    try:
        open_app(pg, server, f"/?present=1&lang={lang}&month={month}")
        assert wait_at_least(pg, "[data-testid='stMetric']", 6) >= 6
        screenshot(pg, f"overview_present_{lang}_{month}")
        table = pg.locator("[data-testid='stMain'] table.bishui-table")
        assert table.count() == 1, "the misses table is an HTML table in presentation mode"
        headers = [h.strip() for h in table.locator("th").all_inner_texts()]
        for col in ("section", "town", "water_class", "target_class", "main_pollutants", "exceed_target"):
            assert i18n.column_label(col, lang) in headers, (col, headers)
        for i in range(table.locator("th").count()):
            box = table.locator("th").nth(i).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 1920, (headers[i], box)
        cells = table.locator("td")
        assert cells.count() >= 6
        sizes = pg.evaluate(
            "() => [...document.querySelectorAll('table.bishui-table td, table.bishui-table th')]"
            ".map(e => parseFloat(getComputedStyle(e).fontSize))"
        )
        assert min(sizes) >= 18, sizes
        cut = pg.evaluate(
            _TRUNCATED_JS,
            [
                "table.bishui-table td",
                "table.bishui-table th",
                "[data-testid='stMetricLabel'] p",
                "[data-testid='stMetricLabel'] div",
                "[data-testid='stMetricValue'] div",
                "[data-testid='stMetricDelta'] div",
            ],
        )
        assert not cut, cut
        # a change chip says what it is (in its text or the description next to it)
        chips = pg.evaluate(
            "() => [...document.querySelectorAll('[data-testid=\"stMetricDelta\"]')]"
            ".map(e => e.parentElement.innerText)"
        )
        assert len(chips) >= 6
        for chip in chips:
            assert re.search(r"[A-Za-z\u4e00-\u9fff]", chip), f"change chip without a label: {chip!r}"
        dims = pg.evaluate(
            "() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
            " return [m.scrollHeight, m.scrollWidth, document.documentElement.scrollWidth]; }"
        )
        assert dims[0] <= 1080 + 4 and dims[1] <= 1920 and dims[2] <= 1920, dims
    finally:
        context.close()
