"""Data as it arrives, in chromium: at a mid-month 'now' (BISHUI_TODAY) the running month of the sample
is labelled provisional on the overview, sections and compensation pages, in Chinese and English, and a
new session opens on the latest complete month (issue 12). Without BISHUI_TODAY the sample's recorded
as-of moment (data/sample/as_of.csv, the same 2025-12-15 10:00) is now: the same holds."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.browser.conftest import Server, open_app, open_select, screenshot, wait_at_least

SHOTS = Path("/tmp/shots/arrival")
LABEL = {"zh": "2025年12月（未完）", "en": "2025-12 (provisional)"}
DEFAULT = {"zh": "2025年11月", "en": "2025-11"}


@pytest.fixture(scope="module")
def midmonth_server(sample_db, tmp_path_factory):
    db = tmp_path_factory.mktemp("arrival_browser") / "w.duckdb"
    shutil.copyfile(sample_db, db)
    srv = Server(db, env={"BISHUI_TODAY": "2025-12-15T10:00"})
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def as_of_server(sample_db, tmp_path_factory):
    """The sample as a fresh deployment runs it: no BISHUI_TODAY in the server's environment."""
    db = tmp_path_factory.mktemp("arrival_as_of") / "w.duckdb"
    shutil.copyfile(sample_db, db)
    saved = os.environ.pop("BISHUI_TODAY", None)
    try:
        srv = Server(db)
    finally:
        if saved is not None:
            os.environ["BISHUI_TODAY"] = saved
    yield srv
    srv.stop()


def _main(page) -> str:
    return page.locator("[data-testid='stMain']").inner_text()


def _shot(page, name: str) -> None:
    screenshot(page, name)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _open_sidebar_month(page) -> None:
    open_select(page, page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_new_session_opens_on_the_latest_complete_month(lang, midmonth_server, page):
    open_app(page, midmonth_server, f"/?lang={lang}")
    assert "month=2025-11" in page.url  # not the running December
    assert DEFAULT[lang] in _main(page) and LABEL[lang] not in _main(page)
    _open_sidebar_month(page)
    options = page.locator("[role='option']").all_inner_texts()
    _shot(page, f"arrival_picker_{lang}")
    assert LABEL[lang] in options and DEFAULT[lang] in options  # one click away, labelled
    page.keyboard.press("Escape")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("stem", ["overview", "sections", "compensation"])
def test_the_running_month_is_labelled_provisional(stem, lang, midmonth_server, page):
    path = "/" if stem == "overview" else f"/{stem}"  # the default page is served only at /
    open_app(page, midmonth_server, f"{path}?lang={lang}&month=2025-12")
    assert page.locator('[data-testid="stException"]').count() == 0
    if stem != "compensation":
        wait_at_least(page, ".js-plotly-plot .main-svg", 1)
    _shot(page, f"arrival_{stem}_{lang}")
    assert LABEL[lang] in _main(page)
    assert "Page not found" not in page.content()
    if stem == "overview":
        assert ("本月还没有数据完整的断面" if lang == "zh" else "No section's month is complete yet") in _main(page)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_a_setting_the_samples_moment_is_now(lang, as_of_server, page):
    open_app(page, as_of_server, f"/?lang={lang}")
    assert "month=2025-11" in page.url  # the latest complete month
    sidebar = page.locator("[data-testid='stSidebar']").inner_text()
    assert ("当前时点 2025-12-15 10:00" if lang == "zh" else "Now: 2025-12-15 10:00") in sidebar
    _open_sidebar_month(page)
    assert LABEL[lang] in page.locator("[role='option']").all_inner_texts()
    page.keyboard.press("Escape")
    open_app(page, as_of_server, f"/?lang={lang}&month=2025-12")
    assert page.locator('[data-testid="stException"]').count() == 0
    _shot(page, f"as_of_overview_{lang}")
    assert LABEL[lang] in _main(page)
