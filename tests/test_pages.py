"""Every page renders without an exception (AppTest smoke tests, found by globbing pages/), in both
languages, on the fixture warehouse."""

from __future__ import annotations

import pytest

from tests.apptest_helpers import PAGES, app


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_renders_without_exception(page, lang, fixture_db, use_db):
    use_db(fixture_db)
    at = app({"lang": lang}, page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "every page has a title"


def test_pages_exist():
    assert "pages/overview.py" in PAGES and "pages/sections.py" in PAGES
