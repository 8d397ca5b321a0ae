"""URL state on the fixture warehouse (months 2023-01..2023-04): a month without data, duplicate,
huge, empty and garbage URL values on every page, cleared selections kept in the URL, parameters not
carried from one page to the next, and the frame's plain message for an unexpected exception."""

from __future__ import annotations

import logging
import time

import pytest

from bishui.db import store
from bishui.app import ui
from tests.apptest_helpers import APP, PAGES, app, unescape_md

# every URL parameter a page reads (shared ones are read by app.py on every page)
PAGE_PARAMS = {
    "pages/sections.py": ["sections", "params", "range", "auto"],
    "pages/outfalls.py": [
        "of_town",
        "of_river",
        "of_cat",
        "of_sub",
        "of_status",
        "of_appr",
        "of_exc",
        "of_color",
        "outfall",
    ],
    "pages/pipes.py": ["pp_town", "pp_kind", "pp_retro", "pp_color", "pp_range"],
    "pages/plants.py": ["plants", "failing"],
    "pages/targets.py": ["year", "date", "status", "target", "units"],
    "pages/water_bodies.py": ["kind", "status", "body"],
    "pages/compensation.py": ["rules", "status"],
    "pages/tracing.py": ["section", "parameter"],
    "pages/weekly.py": ["week"],
    "pages/eco_flow.py": ["sections", "reasons"],
    "pages/flood_season.py": ["year"],
    "pages/medical.py": ["n"],
    "pages/drinking_water.py": ["year"],
    "pages/enforcement.py": ["kinds"],
}
SHARED = ["month", "town", "lang", "present"]
FUZZ = [
    "",
    "x" * 5000,
    "9999-12-31",
    "0001-01-01,9999-12-31",
    "9999-12",
    "0001-01-01",
    "-1",
    "nh3n,nh3n,,nh3n",
    "１２",
    "[x](https://evil.example)",
]
ERROR_TEXT = ("意外错误", "Something went wrong")


def page_app(query: dict[str, str], page: str):
    """The app opened at a page's own URL (a deep link), as a browser does."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    at.switch_page(page)
    return at.run()


def _qp(at) -> dict[str, str]:
    return {k: (v[0] if isinstance(v, list) else v) for k, v in dict(at.query_params).items()}


def _problems(at) -> list[str]:
    """Exceptions shown by Streamlit, and the frame's page-error message."""
    found = [str(e.value) for e in at.exception]
    found += [e.value for e in at.error if any(t in e.value for t in ERROR_TEXT)]
    return found


def _warnings(at) -> list[str]:
    return [unescape_md(w.value) for w in at.warning]


def test_every_page_reading_url_params_is_listed():
    listed = set(PAGE_PARAMS) | {"pages/overview.py", "pages/data.py", "pages/trends.py"}
    assert listed == set(PAGES)


def test_a_month_without_data_says_so_and_shows_the_nearest_month(fixture_db, use_db):
    use_db(fixture_db)
    at = app({"month": "2019-05", "lang": "en"})
    assert not _problems(at)
    assert at.sidebar.selectbox(key="month").value == "2023-01"  # the nearest month with data
    text = " ".join(_warnings(at))
    assert "no data for 2019-05" in text and "2023-01" in text and "not valid" not in text
    at = app({"month": "2024-07", "lang": "zh"})
    assert at.sidebar.selectbox(key="month").value == "2023-04"
    assert "没有数据" in " ".join(_warnings(at))
    at = app({"month": "2023-13", "lang": "en"})  # malformed is still called invalid
    assert "not valid" in " ".join(_warnings(at))


def test_nearest_month_prefers_the_later_on_a_tie():
    import datetime as dt

    months = [dt.date(2023, 5, 1), dt.date(2023, 1, 1)]
    assert ui.nearest_month(dt.date(2023, 3, 1), months) == dt.date(2023, 5, 1)
    assert ui.nearest_month(dt.date(1, 1, 1), months) == dt.date(2023, 1, 1)
    assert ui.nearest_month(dt.date(9999, 12, 1), months) == dt.date(2023, 5, 1)


def test_duplicate_values_in_a_url_list_are_read_once(fixture_db, use_db):
    use_db(fixture_db)
    at = page_app({"params": "nh3n,nh3n", "sections": "s_f1,s_f1", "lang": "en"}, "pages/sections.py")
    assert not _problems(at)
    assert at.multiselect(key="sec_params").value == ["nh3n"]
    assert at.multiselect(key="sec_sections").value == ["s_f1"]
    assert not _warnings(at)  # a repeated valid value is not an error worth a notice


def test_a_meeting_date_in_year_one_does_not_crash(fixture_db, use_db):
    use_db(fixture_db)
    for value in ("0001-01-01", "9999-12-31"):
        at = page_app({"date": value, "lang": "en"}, "pages/targets.py")
        assert not _problems(at), value
        assert any(value in w for w in _warnings(at)), value


@pytest.mark.parametrize("page", sorted(PAGE_PARAMS))
def test_fuzzed_url_values_never_crash_a_page(page, fixture_db, use_db):
    use_db(fixture_db)
    for value in FUZZ:
        at = page_app({name: value for name in PAGE_PARAMS[page] + SHARED}, page)
        assert not _problems(at), (page, value[:40], _problems(at))
        # the frame's notices quote at most a short piece of a long value
        assert all(len(w) < 400 for w in _warnings(at)), (page, value[:40])


def test_a_50kb_url_answers_quickly_with_one_notice_per_parameter(fixture_db, use_db):
    use_db(fixture_db)
    junk = ",".join(f"v{i}" for i in range(9000))  # ~50 KB over the two lists
    query = {"sections": junk, "params": junk[:25_000], "month": "2" * 3000, "town": "t" * 3000, "lang": "en"}
    assert sum(len(v) for v in query.values()) > 50_000
    started = time.perf_counter()
    at = page_app(query, "pages/sections.py")
    elapsed = time.perf_counter() - started
    assert not _problems(at)
    warnings = _warnings(at)
    assert len(warnings) <= 4, warnings  # sections, params, month, town: one each
    assert sum("“Sections" in w or "section" in w.lower() for w in warnings) >= 1
    assert all(len(w) < 400 for w in warnings)
    assert elapsed < 20, elapsed  # it took 42 s with 25,000 notices


def test_url_lists_are_capped():
    at_most = ui.MAX_LIST_VALUES
    assert 50 <= at_most <= 1000 and ui.MAX_VALUE_CHARS <= 200


def test_a_cleared_list_is_written_to_the_url_and_a_copied_link_keeps_it_empty(fixture_db, use_db):
    use_db(fixture_db)
    at = page_app({"sections": "s_f1", "params": "nh3n,tp", "lang": "en"}, "pages/sections.py")
    at.multiselect(key="sec_params").set_value([]).run()
    assert not _problems(at)
    assert _qp(at)["params"] == ""
    copied = _qp(at)
    again = page_app(copied, "pages/sections.py")
    assert again.multiselect(key="sec_params").value == []
    assert any("parameter" in i.value.lower() for i in again.info)
    # a list whose default is empty writes nothing when empty
    at = page_app({"lang": "en"}, "pages/outfalls.py")
    assert "of_river" not in _qp(at)


def test_a_page_does_not_read_the_previous_pages_parameters(fixture_db, use_db):
    """A click in the navigation carries the old query string along: compensation's status=owed must
    not reach the targets page (where owed is not a status) as a bad value."""
    use_db(fixture_db)
    at = page_app({"lang": "en", "status": "owed"}, "pages/compensation.py")
    assert _qp(at)["status"] == "owed"
    at.switch_page("pages/targets.py").run()
    assert not _problems(at)
    assert not _warnings(at), _warnings(at)
    assert at.multiselect(key="tg_status").value == ["met", "on_track", "at_risk", "missed", "no_data"]


def test_an_unexpected_error_shows_a_plain_message_and_logs_the_details(fixture_db, use_db, monkeypatch, caplog):
    use_db(fixture_db)
    monkeypatch.delenv("BISHUI_TEST", raising=False)  # under pytest the frame re-raises after its message
    real = store.query

    def broken(name, **params):
        if name == "section_status_matrix":
            raise RuntimeError("boom in /srv/secret/path/warehouse.duckdb")
        return real(name, **params)

    monkeypatch.setattr(store, "query", broken)
    with caplog.at_level(logging.ERROR, logger="bishui.app"):
        at = app({"lang": "en", "month": "2023-02"})
    assert not at.exception
    shown = " ".join(e.value for e in at.error)
    assert "Something went wrong" in shown and "/srv/secret" not in shown and "boom" not in shown
    logged = "\n".join(r.getMessage() + str(r.exc_info[1] if r.exc_info else "") for r in caplog.records)
    assert "boom in /srv/secret/path" in logged
    ref = shown.split("error reference ")[1][:8]
    assert ref in logged  # the message names the log entry
    at = app({"lang": "zh", "month": "2023-02"})
    assert any("意外错误" in e.value for e in at.error)


def test_st_stop_and_rerun_pass_through_the_frame(fixture_db, use_db):
    use_db(fixture_db)
    at = page_app({"lang": "en", "sections": ""}, "pages/sections.py")  # the page stops early
    assert not _problems(at)
    assert any("section" in i.value.lower() for i in at.info)


def test_under_pytest_a_page_error_still_reaches_the_test(fixture_db, use_db, monkeypatch):
    """The smoke tests' `not at.exception` must keep catching crashes the frame hides from users."""
    use_db(fixture_db)
    monkeypatch.setenv("BISHUI_TEST", "1")
    real = store.query
    monkeypatch.setattr(
        store,
        "query",
        lambda name, **p: (_ for _ in ()).throw(RuntimeError("boom"))
        if name == "section_status_matrix"
        else real(name, **p),
    )
    at = app({"lang": "en", "month": "2023-02"})
    assert at.exception and "boom" in at.exception[0].value
    assert any("Something went wrong" in e.value for e in at.error)
