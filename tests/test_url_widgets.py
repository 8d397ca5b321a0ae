"""One URL-synced helper per widget kind (bishui.app.ui url_multiselect, url_selectbox, url_radio,
url_flag, url_date, url_date_range): each seeds its widget from the URL, drops an invalid value with
one notice, and writes the widget's value back to the address."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest


def _script():
    import datetime as dt

    import streamlit as st

    from bishui.app import ui

    picked = ui.url_multiselect(
        st,
        "Sections",
        "sections",
        "w_sections",
        ["a", "b", "c"],
        {"a": "A", "b": "B", "c": "C"},
        ["a"],
        url_label="the section",
    )
    year = ui.url_selectbox(st, "Year", "year", "w_year", [2023, 2024], {2023: "Y2023", 2024: "Y2024"}, 2024)
    colour = ui.url_radio(
        st, "Colour", "colour", "w_colour", ["kind", "status"], {"kind": "Kind", "status": "Status"}, "kind"
    )
    shape = ui.url_radio(
        st, "Shape", "shape", "w_shape", ["dot", "bar"], {"dot": "Dot", "bar": "Bar"}, "dot", segmented=True
    )
    auto = ui.url_flag(st, "Auto", "auto", "w_auto")
    only = ui.url_flag(st, "Only", "only", "w_only", default=True, toggle=True)
    day = ui.url_date(st, "Day", "day", "w_day", dt.date(2024, 1, 31))
    span = ui.url_date_range(st, "Range", "range", "w_range", (dt.date(2024, 1, 1), dt.date(2024, 3, 31)))
    st.text(repr((picked, year, colour, shape, auto, only, day, span)))
    ui.sync_url()


def _run(**params) -> AppTest:
    at = AppTest.from_function(_script, default_timeout=30)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def test_values_from_the_url_seed_the_widgets_and_go_back_to_the_address():
    at = _run(
        sections="b,c",
        year="2023",
        colour="status",
        shape="bar",
        auto="1",
        only="0",
        day="2024-02-29",
        range="2023-05-01,2023-06-30",
    )
    assert not at.exception
    assert at.text[0].value == repr(
        (
            ["b", "c"],
            2023,
            "status",
            "bar",
            True,
            False,
            dt.date(2024, 2, 29),
            (dt.date(2023, 5, 1), dt.date(2023, 6, 30)),
        )
    )
    assert at.multiselect(key="w_sections").format_func("b") == "B"  # codes in, labels shown
    q = {k: v for k, v in at.query_params.items()}
    assert q["sections"] == "b,c" and q["year"] == "2023" and q["colour"] == "status" and q["shape"] == "bar"
    assert q["auto"] == "1" and q["only"] == "0" and q["day"] == "2024-02-29" and q["range"] == "2023-05-01,2023-06-30"


def test_defaults_without_a_url_and_a_changed_widget_updates_the_address():
    at = _run()
    assert at.text[0].value == repr(
        (["a"], 2024, "kind", "dot", False, True, dt.date(2024, 1, 31), (dt.date(2024, 1, 1), dt.date(2024, 3, 31)))
    )
    at.selectbox(key="w_year").set_value(2023).run()
    at.radio(key="w_colour").set_value("status").run()
    assert at.query_params["year"] == "2023" and at.query_params["colour"] == "status"


def test_invalid_values_are_dropped_with_one_notice_each():
    at = _run(sections="zz", year="1999", colour="<b>", auto="maybe", day="2024-13-01", range="x")
    assert not at.exception
    assert at.text[0].value == repr(
        (["a"], 2024, "kind", "dot", False, True, dt.date(2024, 1, 31), (dt.date(2024, 1, 1), dt.date(2024, 3, 31)))
    )
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 6
    assert any("the section" in w and "zz" in w for w in warnings)  # the URL's own name for the parameter
    assert any("Year" in w and "1999" in w for w in warnings)
