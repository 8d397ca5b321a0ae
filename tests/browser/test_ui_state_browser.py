"""Widget and URL state in a real browser: switching the language and then touching controls on every
page (issue 10 item 1), one history entry per page visit and cleared selections kept in the URL (item
14), hostile and odd URLs (issue 16 items 7 and 10)."""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.conftest import READY, open_app, screenshot

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(p.stem for p in (ROOT / "pages").glob("*.py"))
CJK = re.compile(r"[\u4e00-\u9fff]")
# where a page starts so that its first multiselect has chips to translate (codes in the URL)
START = {
    "sections": "sections=liaowei&params=nh3n,tp",
    "outfalls": "of_cat=industrial,urban_wwtp",
    "pipes": "pp_kind=sewage,combined",
}
CHIPS = "[data-testid='stMain'] [data-testid='stMultiSelect'] .react-aria-ComboBox [data-tag]"
SIDEBAR_SELECT = "[data-testid='stSidebar'] [data-testid='stSelectbox']"
PAGE_ERROR = re.compile("意外错误|Something went wrong")


def _path(stem: str) -> str:
    return "/" if stem == "overview" else f"/{stem}"


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query, keep_blank_values=True)


def _idle(page, ms: int = 600) -> None:
    page.wait_for_timeout(300)
    page.wait_for_selector(READY, timeout=90_000)
    page.wait_for_timeout(ms)
    page.wait_for_selector(READY, timeout=90_000)


def _assert_no_error(page, where: str) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, \
        (where, page.locator('[data-testid="stException"]').all_inner_texts()[:1])
    alerts = " ".join(page.locator('[data-testid="stAlert"]').all_inner_texts())
    assert not PAGE_ERROR.search(alerts), (where, alerts)


def _chips(page) -> list[str]:
    return [c.get_attribute("title") or c.inner_text() for c in page.locator(CHIPS + " span[title]").all()]


def _assert_language(page, lang: str, where: str) -> None:
    """Chips and the sidebar's month and township are in `lang`."""
    sidebar = page.locator(SIDEBAR_SELECT + " input[role='combobox']")
    month, town = sidebar.nth(0).input_value(), sidebar.nth(1).input_value()
    chips = " | ".join(_chips(page))
    if lang == "en":
        assert re.fullmatch(r"\d{4}-\d{2}", month) and not CJK.search(town), (where, month, town)
        assert not CJK.search(chips), (where, chips)
    else:
        assert "年" in month and CJK.search(town), (where, month, town)
        if chips:
            assert CJK.search(chips), (where, chips)


def _switch_language(page, lang: str) -> None:
    page.locator("[data-testid='stSidebar'] label").filter(has_text="English" if lang == "en" else "中文").click()
    _idle(page)


def _pick_next_option(page, select) -> None:
    select.click()
    page.get_by_role("option").nth(1).click()
    _idle(page)


def _change_page_filter(page) -> str:
    """Change one of the page's own filters: remove a chip, else pick another option of the page's
    first selectbox, else (a page without filters) the sidebar township. Returns what was done."""
    remove = page.locator("[data-testid='stMain'] [data-testid='stMultiSelect'] .react-aria-ComboBox "
                          "button[aria-label^='Remove']")
    if remove.count():
        remove.last.click()
        _idle(page)
        return "chip removed"
    select = page.locator("[data-testid='stMain'] [data-testid='stSelectbox']")
    if select.count():
        _pick_next_option(page, select.first)
        return "page selectbox"
    _pick_next_option(page, page.locator(SIDEBAR_SELECT).nth(1))
    return "township"


@pytest.mark.parametrize("start_lang,to_lang", [("zh", "en"), ("en", "zh")])
@pytest.mark.parametrize("stem", PAGES)
def test_switch_language_then_touch_controls(stem, start_lang, to_lang, server, page):
    query = "&".join(q for q in (START.get(stem, ""), f"lang={start_lang}") if q)
    open_app(page, server, f"{_path(stem)}?{query}")
    _assert_no_error(page, "opened")
    had_chips = bool(_chips(page))
    _switch_language(page, to_lang)
    _assert_no_error(page, "language switched")
    _assert_language(page, to_lang, "language switched")  # before anything else is touched

    month_before = _query(page.url)["month"][0]
    _pick_next_option(page, page.locator(SIDEBAR_SELECT).nth(0))
    _assert_no_error(page, "month changed")
    assert _query(page.url)["month"][0] != month_before
    _assert_language(page, to_lang, "month changed")
    if had_chips:
        assert _chips(page), "the selection survived the language switch and the month change"

    done = _change_page_filter(page)
    _assert_no_error(page, done)
    _assert_language(page, to_lang, done)
    assert _query(page.url)["lang"] == [to_lang]
    screenshot(page, f"lang_switch_{stem}_{start_lang}_{to_lang}")
