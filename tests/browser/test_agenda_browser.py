"""The meeting's run-through in a real browser (issue 14 item 1): at 1920x1080, in Chinese and English,
the arrow keys walk every screen of the agenda; on each, nothing scrolls (the document and Streamlit's
main container), no table cell is cut off, table text is at least 18 px and chart labels at least 16 px,
and no exception is shown. Screenshots: artifacts/screenshots/agenda_<lang>_<n>_<screen>.png."""

from __future__ import annotations

import pytest

from bishui.reports import agenda
from bishui import i18n
from tests.browser.conftest import app_runs, open_app, screenshot, settle, wait_at_least

_FITS_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const doc = document.scrollingElement;
  const cut = [...document.querySelectorAll('table.bishui-table td, table.bishui-table th')]
    .filter(e => e.offsetParent !== null && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1))
    .map(e => e.innerText.slice(0, 40));
  const cells = [...document.querySelectorAll('table.bishui-table td, table.bishui-table th')]
    .map(e => parseFloat(getComputedStyle(e).fontSize));
  const ticks = [...document.querySelectorAll('.js-plotly-plot .xtick text, .js-plotly-plot .ytick text')]
    .map(e => parseFloat(e.style.fontSize || getComputedStyle(e).fontSize));
  return {doc: [doc.scrollHeight, doc.clientHeight, doc.scrollWidth, doc.clientWidth],
          main: [main.scrollHeight, main.clientHeight, main.scrollWidth, main.clientWidth],
          cut, cells, ticks, exceptions: document.querySelectorAll('[data-testid="stException"]').length,
          nav: (document.querySelector('.st-key-agenda_nav') || {innerText: ''}).innerText};
}"""


def _screen(pg) -> str:
    return pg.evaluate("() => new URLSearchParams(location.search).get('screen')")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_arrow_keys_walk_the_run_through_and_every_screen_fits(server, browser, lang):
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    pg = context.new_page()
    try:
        open_app(pg, server, f"/?present=1&lang={lang}&month=2023-07")
        n = len(agenda.SCREENS)
        before = None
        for i, screen in enumerate(agenda.SCREENS):
            pg.wait_for_function(
                "s => new URLSearchParams(location.search).get('screen') === s", arg=screen, timeout=90_000
            )
            if before is not None:
                settle(pg, before)  # the key's rerun
            # every chart on the screen drawn (plotly loads lazily), so its labels are measured below
            pg.wait_for_function(
                "() => [...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')]"
                ".every(c => c.querySelector('.main-svg'))",
                timeout=30_000,
                polling=100,
            )
            if screen == "overview":
                wait_at_least(pg, ".js-plotly-plot .xtick text", 1)
            screenshot(pg, f"agenda_{lang}_{i + 1}_{screen}")
            got = pg.evaluate(_FITS_JS)
            assert got["exceptions"] == 0, screen
            assert f"{i + 1} / {n}" in got["nav"] and i18n.t(f"ag.screen.{screen}", lang) in got["nav"], got["nav"]
            d, m = got["doc"], got["main"]
            assert d[0] <= d[1] and d[2] <= d[3], (screen, "document scrolls", d)
            assert m[0] <= m[1] and m[2] <= m[3], (screen, "main container scrolls", m)
            assert not got["cut"], (screen, got["cut"])
            assert min(got["cells"], default=99) >= 18, (screen, got["cells"])
            assert min(got["ticks"], default=99) >= 16, (screen, got["ticks"])
            if screen == "overview":
                assert got["ticks"], "the overview's matrix is drawn"
            elif screen in ("misses", "targets", "compensation", "progress"):
                assert got["cells"], f"{screen}: a table is shown (2023-07 has misses, targets at risk, owed rows)"
            before = app_runs(pg)
            pg.keyboard.press("ArrowRight")
        settle(pg, runs=0, quiet_ms=800)  # nothing follows the last screen: the address stays
        assert _screen(pg) == agenda.SCREENS[-1]  # the last screen stays the last
        pg.keyboard.press("ArrowLeft")
        pg.wait_for_function(
            "s => new URLSearchParams(location.search).get('screen') === s", arg=agenda.SCREENS[-2], timeout=90_000
        )
    finally:
        context.close()
