"""Source tracing (溯源) in chromium on the sample, network blocked: a miss on the overview opens its
tracing page (the link column), which shows the reach on the map, the candidates and the verdict."""

from __future__ import annotations

import pytest

from tests.browser.conftest import MAP_IFRAME, PAINTED_PIXELS, READY, open_app, screenshot, settle


def _tracing_shown(page, lang: str, culprit: str):
    page.wait_for_selector(READY, timeout=90_000)
    page.wait_for_selector(MAP_IFRAME, timeout=60_000)
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    frame.wait_for_function(
        "() => document.querySelectorAll('.leaflet-interactive, canvas').length > 0", timeout=30_000
    )
    settle(page, runs=0)  # the map returns no value: the app is idle once drawn
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
    page.mouse.move(x, y)  # the grid shows a link as one once it is hovered
    page.wait_for_timeout(500)
    with page.context.expect_page(timeout=30_000) as opened:
        page.mouse.click(x, y)
    tab = opened.value
    tab.external_requests = []
    tab.on("requestfailed", lambda r: tab.external_requests.append(r.url))
    tab.wait_for_load_state()
    assert "/tracing?" in tab.url and "section=liaowei" in tab.url and "month=2025-08" in tab.url
    _tracing_shown(tab, "en", "tuhai-hux-039")


def test_an_editor_records_a_finding_that_shows_on_the_outfalls_file_and_a_viewer_cannot(
    sample_db, tmp_path, browser, page
):
    """Issue 13 item 4 end to end: from an overview miss to its tracing page, the editor signs in (the
    Data page's gate), records a finding on the first candidate, and sees it on the outfall's file; a
    viewer in another browser session sees the finding but no form and no undo."""
    import shutil

    from tests.browser.conftest import Server

    db = tmp_path / "findings.duckdb"
    shutil.copyfile(sample_db, db)
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('editor_password = "碧水-溯源-2026"\n', encoding="utf-8")
    srv = Server(db, env={"STREAMLIT_SECRETS_FILES": str(secrets)})
    try:
        open_app(page, srv, "/?month=2025-08&lang=en")
        grid = page.locator('[data-testid="stDataFrame"]').first
        grid.wait_for(timeout=30_000)
        box = grid.bounding_box()
        x, y = box["x"] + 20, box["y"] + 35 + 17  # the first miss's trace link
        page.mouse.move(x, y)
        page.wait_for_timeout(500)
        with page.context.expect_page(timeout=30_000) as opened:
            page.mouse.click(x, y)
        tab = opened.value
        tab.external_requests = []
        tab.on("requestfailed", lambda r: tab.external_requests.append(r.url))
        tab.wait_for_load_state()
        assert "section=liaowei" in tab.url
        _tracing_shown(tab, "en", "tuhai-hux-039")
        main = tab.locator("[data-testid='stMain']")
        assert "Only editors can record findings." in main.inner_text()
        assert tab.locator(".st-key-trc_fnd_submit").count() == 0
        tab.locator(".st-key-data_password input").fill("碧水-溯源-2026")
        tab.get_by_role("button", name="Sign in as editor").click()
        tab.locator(".st-key-trc_fnd_submit button").wait_for(timeout=60_000)
        tab.wait_for_selector(READY, timeout=90_000)
        box = tab.locator(".st-key-trc_fnd_candidate")
        chosen = box.inner_text() + " ".join(i.input_value() for i in box.locator("input").all())
        assert "tuhai-hux-039" in chosen, chosen  # rank 1 preselected
        tab.locator(".st-key-trc_fnd_confidence").get_by_text("Confirmed", exact=True).click()
        tab.wait_for_selector(READY, timeout=90_000)
        tab.locator(".st-key-trc_fnd_note textarea").fill("Night discharge of <b>farm</b> waste seen on 2025-08-20")
        tab.locator(".st-key-trc_fnd_user input").fill("Wang")
        tab.locator(".st-key-trc_fnd_user input").press("Tab")
        tab.wait_for_selector(READY, timeout=90_000)
        tab.locator(".st-key-trc_fnd_submit button").click()
        tab.get_by_text("Finding 1 recorded.").wait_for(timeout=60_000)
        tab.wait_for_selector(READY, timeout=90_000)
        text = main.inner_text()
        assert "Confirmed" in text and "Night discharge of <b>farm</b> waste" in text and "Wang" in text
        assert tab.locator(".st-key-trc_fnd_undo_1").count() == 1
        screenshot(tab, "tracing_finding_editor_en")

        # the outfall's file (一口一档): in the tracing stage with the finding
        open_app(tab, srv, "/outfalls?outfall=tuhai-hux-039&month=2025-08&lang=en")
        tab.get_by_text("Tracing findings").wait_for(timeout=60_000)
        file_text = tab.locator("[data-testid='stMain']").inner_text()
        assert "Night discharge of <b>farm</b> waste" in file_text and "Confirmed" in file_text
        tab.get_by_text("Tracing findings").scroll_into_view_if_needed()
        screenshot(tab, "outfall_file_finding_en")

        # a viewer (another session, not signed in) sees the finding, no form, no undo
        viewer = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN")
        try:
            vp = viewer.new_page()
            open_app(vp, srv, "/tracing?section=liaowei&month=2025-08&lang=zh")
            vp.get_by_text("仅编辑人员可记录结论。").wait_for(timeout=60_000)
            assert "Night discharge" in vp.locator("[data-testid='stMain']").inner_text()
            assert vp.locator(".st-key-trc_fnd_submit").count() == 0
            assert vp.locator("[class*='st-key-trc_fnd_undo_']").count() == 0
            screenshot(vp, "tracing_finding_viewer_zh")
        finally:
            viewer.close()
    finally:
        srv.stop()
