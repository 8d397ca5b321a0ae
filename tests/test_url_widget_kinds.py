"""The URL-synced helpers the pages needed beyond the first set (issue 11 item 3): a whole-number
input (url_number), a selectbox whose options change under it (falls back to its default), a picker
whose options depend on the value asked for, year options read from digit strings, and a multiselect
narrowed by another filter (url_options)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _script():
    import streamlit as st

    from bishui.app import ui

    years = [2025, 2024, 2023] if st.session_state.get("all_years", True) else [2024, 2023]
    year = ui.url_selectbox(st, "Year", "year", "w_year", years, {}, 2024)
    n = ui.url_number(st, "Months", "n", "w_n", 6, min_value=1, max_value=24, step=1)
    pool = ["p1", "p2", "p3", "p4"]
    pick = ui.url_selectbox(
        st,
        "Pick",
        "pick",
        "w_pick",
        lambda asked: pool[:2] + ([asked] if asked in pool[2:] else []),  # the one asked is always offered
        {p: p.upper() for p in pool},
        None,
        parse=lambda v: v if len(v) <= 5 else None,
    )
    narrow = st.session_state.get("narrow", False)
    subs = ui.url_multiselect(
        st, "Subs", "subs", "w_subs", ["a", "b"] if narrow else ["a", "b", "c"], {}, [], url_options=["a", "b", "c"]
    )
    screens = ["a", "b", "c"] if st.session_state.get("all_years", True) else ["b", "c"]
    screen = ui.url_state("screen", "w_screen", screens, screens[0], "Screen")
    st.button("next", key="next", on_click=lambda: st.session_state.update(w_screen="c"))
    st.text(repr((year, n, pick, subs)))
    st.text(screen)
    ui.sync_url()


def _run(**params) -> AppTest:
    at = AppTest.from_function(_script, default_timeout=30)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def _shown(at):
    return at.text[0].value


def test_values_from_the_url_seed_the_new_kinds_and_go_back_to_the_address():
    at = _run(year="2023", n="12", pick="p4", subs="a,c")
    assert not at.exception and not at.warning
    assert _shown(at) == repr((2023, 12, "p4", ["a", "c"]))
    assert at.selectbox(key="w_pick").options == ["P1", "P2", "P4"]  # the asked one is offered
    q = dict(at.query_params.items())
    assert q["year"] == "2023" and q["n"] == "12" and q["pick"] == "p4" and q["subs"] == "a,c"
    at.number_input(key="w_n").set_value(3).run()
    assert at.query_params["n"] == "3"


def test_a_year_with_leading_zeros_is_read_as_the_year():
    assert _shown(_run(year="02023")) == repr((2023, 6, "p1", []))


def test_invalid_values_fall_back_with_one_notice_each():
    at = _run(year="1999", n="99", pick="toolong", subs="c,zz")  # four notices, none for the screen
    assert _shown(at) == repr((2024, 6, "p1", ["c"]))
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 4
    assert any("Months" in w and "99" in w for w in warnings)
    assert any("Subs" in w and "zz" in w for w in warnings)
    assert not any("“c”" in w or "c," in w for w in warnings)  # a sub the URL may name is not an error


def test_a_pick_not_offered_falls_back_to_the_first_option_without_a_notice():
    at = _run(pick="p9")  # valid text, but not among the options
    assert not at.warning
    assert _shown(at) == repr((2024, 6, "p1", []))


def test_a_value_the_options_no_longer_hold_falls_back_to_the_default():
    at = _run(year="2025", subs="b,c")
    assert _shown(at) == repr((2025, 6, "p1", ["b", "c"]))
    at.session_state["all_years"] = False  # another filter removed 2025 and the sub-type c
    at.session_state["narrow"] = True
    at.run()
    assert not at.exception
    assert _shown(at) == repr((2024, 6, "p1", ["b"]))
    assert at.query_params["year"] == "2024" and at.query_params["subs"] == "b"


def test_a_value_without_a_widget_is_seeded_kept_and_written_back():
    at = _run(screen="b")
    assert at.text[1].value == "b" and at.query_params["screen"] == "b"
    at.button(key="next").click().run()
    assert at.text[1].value == "c" and at.query_params["screen"] == "c"
    at = _run(screen="zz")
    assert at.text[1].value == "a" and any("Screen" in w.value and "zz" in w.value for w in at.warning)
    at = _run(screen="a")
    at.session_state["all_years"] = False  # "a" is no longer a choice
    at.run()
    assert at.text[1].value == "b" and at.query_params["screen"] == "b"
