"""Interaction tests of the frame, the overview and the section trends on the fixture warehouse
(every expected figure is worked out by hand from tests/fixtures/district/)."""

from __future__ import annotations

import io
import json

import pandas as pd

from bishui import clock, safe_text
from bishui.views import export
from bishui.db import store
from tests.apptest_helpers import app


def _figure(at, key_suffix: str) -> dict:
    for el in at.get("plotly_chart"):
        if el.proto.id.endswith(key_suffix):
            return json.loads(el.proto.spec)
    raise AssertionError(f"no chart {key_suffix}")


def _values(array) -> list:
    """A plotly array as a list (plotly 7 may send numbers as base64 'bdata')."""
    if isinstance(array, dict) and "bdata" in array:
        import base64

        import numpy as np

        return [round(float(v), 6) for v in np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"])]
    return [round(float(v), 6) for v in array]


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_overview_cards_follow_the_month(fixture_db, use_db):
    use_db(fixture_db)
    at = app({"month": "2023-02", "lang": "en"})
    m = _metrics(at)
    assert m["Assessment sections meeting target"] == "0 of 2"  # s_f1 V > IV, s_t2 IV > III
    assert m["Compensation due this month"] == "CNY 950,000"  # F1 850,000 + F2 200,000 x 0.5
    misses = at.dataframe[0].value
    assert list(misses["Section"]) == ["Bridge One", "Sluice Two"]
    at.sidebar.selectbox(key="month").set_value("2023-01").run()
    m = _metrics(at)
    assert m["Assessment sections meeting target"] == "2 of 2"
    assert m["Compensation due this month"] == "CNY 0"
    assert not at.dataframe  # no misses in January
    assert any("met its target" in s.value for s in at.success)


def test_overview_figures_agree_with_the_evaluation_queries(fixture_db, use_db):
    use_db(fixture_db)
    for month in ("2023-01", "2023-02", "2023-03", "2023-04"):
        at = app({"month": month, "lang": "en"})
        day = pd.Timestamp(month + "-01").date()
        classes = store.run_query(
            "section_class_history",
            section_ids=["s_f1", "s_t2", "s_res"],
            period_kind="month",
            start=day,
            end=day,
            now=clock.today(),
        )
        assessed = classes[classes["section_id"].isin(["s_f1", "s_t2"])]
        expected = f"{int(assessed['is_attained'].sum())} of {int(assessed['water_class'].notna().sum())}"
        assert _metrics(at)["Assessment sections meeting target"] == expected, month
        ledger = store.run_query(
            "compensation_ledger", start=day, end=day, town_id=None, now=clock.today(), bill_no_flow=False
        )
        assert _metrics(at)["Compensation due this month"] == f"CNY {ledger['amount_cny'].sum():,.0f}"


def test_overview_key_section_card_shows_no_data_month(fixture_db, use_db):
    use_db(fixture_db)
    at = app({"month": "2023-03", "lang": "en"})
    card = [m for m in at.metric if m.label == "Bridge One"][0]
    assert card.value == "No data"


def test_changing_section_and_parameter_changes_the_chart(fixture_db, use_db):
    use_db(fixture_db)
    at = app({"lang": "en"}, "pages/sections.py")
    at.multiselect(key="sec_sections").set_value(["s_f1"])
    at.multiselect(key="sec_params").set_value(["nh3n"])
    at.date_input(key="sec_range").set_value((pd.Timestamp("2023-01-01").date(), pd.Timestamp("2023-04-30").date()))
    at.run()
    fig = _figure(at, "trend_nh3n")
    line = [t for t in fig["data"] if t.get("name") == "Bridge One"][0]
    assert _values(line["y"]) == [0.8, 1.8, 2.65]  # Jan, Feb, Apr (April from the automatic daily means)
    at.multiselect(key="sec_sections").set_value(["s_t2"]).run()
    line = [t for t in _figure(at, "trend_nh3n")["data"] if t.get("name") == "Sluice Two"][0]
    assert _values(line["y"]) == [0.6, 0.9, 0.9, 0.9]
    at.multiselect(key="sec_params").set_value(["tp"]).run()
    line = [t for t in _figure(at, "trend_tp")["data"] if t.get("name") == "Sluice Two"][0]
    assert _values(line["y"]) == [0.12, 0.18, 0.18, 0.18]


def test_section_table_download_holds_exactly_the_rows_shown(fixture_db, use_db):
    use_db(fixture_db)
    at = app({"lang": "zh"}, "pages/sections.py")
    at.multiselect(key="sec_sections").set_value(["s_f1", "s_t2"])
    at.date_input(key="sec_range").set_value((pd.Timestamp("2023-02-01").date(), pd.Timestamp("2023-04-30").date()))
    at.run()
    shown = at.dataframe[0].value  # the monthly table (the data-as-of table is below it)
    data = export.csv_bytes(shown)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(back.columns) == list(shown.columns)
    assert len(back) == len(shown) == 5  # s_f1: Feb, Apr (no March data); s_t2: Feb, Mar, Apr
    assert set(back["断面"]) == {"测试河一号桥", "测试河二号闸"}
    assert "劣Ⅴ类" in set(back["水质类别"])


def test_bad_url_values_fall_back_with_a_notice(fixture_db, use_db):
    use_db(fixture_db)
    at = app({"month": "2023-13", "town": "nowhere", "lang": "en"})
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert safe_text.md("2023-13") in warnings and "nowhere" in warnings  # quoted as text (escaped markdown)
    assert at.sidebar.selectbox(key="month").value == "2023-04"  # the latest month with data
    assert at.sidebar.selectbox(key="town").value == "all"


def test_language_switch_changes_every_label(fixture_db, use_db):
    use_db(fixture_db)
    at = app({"lang": "zh", "month": "2023-02"})
    assert at.title[0].value.startswith("总览")
    at.sidebar.radio(key="lang").set_value("en").run()
    assert at.title[0].value.startswith("Overview")
    assert "考核断面达标" not in _metrics(at)


def test_matrix_focus_keeps_assessment_sections_and_misses_first():
    from bishui.views import figures

    rows = []
    for sid, assess, miss_now, miss_before in [
        ("a", False, False, False),
        ("b", True, False, False),
        ("c", False, True, False),
        ("d", False, False, True),
    ]:
        rows.append(
            {
                "section_id": sid,
                "is_assessment": assess,
                "month": pd.Timestamp("2024-05-01"),
                "is_attained": not miss_before,
                "water_class": 3,
            }
        )
        rows.append(
            {
                "section_id": sid,
                "is_assessment": assess,
                "month": pd.Timestamp("2024-06-01"),
                "is_attained": not miss_now,
                "water_class": 3,
            }
        )
    m = pd.DataFrame(rows)
    kept = figures.matrix_focus(m, pd.Timestamp("2024-06-01").date(), 3)
    assert list(dict.fromkeys(kept["section_id"])) == ["b", "c", "d"]  # query order kept, "a" dropped
