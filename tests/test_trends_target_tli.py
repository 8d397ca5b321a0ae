"""Issue 15, items 5 and 6 on the fixture warehouse (tests/fixtures/district): the multiples over the
target-class limit on the sections page's monthly table (and so its download), and the trophic level
index TLI of lakes and reservoirs. Every expected value is worked by hand from the fixture."""

from __future__ import annotations

import pytest

from bishui import export
from tests.apptest_helpers import app


@pytest.fixture
def db(fixture_db, use_db):
    use_db(fixture_db)
    return fixture_db


def _sections_table(lang: str):
    at = app({"lang": lang}, "pages/sections.py")   # defaults: NH3-N, TP, CODMn over the last 24 months
    at.multiselect(key="sec_sections").set_value(["s_f1", "s_t2"]).run()
    assert not at.exception
    return at.dataframe[-1].value


def test_sections_table_shows_multiples_over_target_and_class_iii(db):
    # s_f1 (river, target IV; limits III/IV: NH3-N 1.0/1.5, TP 0.2/0.3, CODMn 6/10):
    #   Feb: NH3-N 1.8 (V): over III (1.8-1.0)/1.0 = 0.8, over IV (1.8-1.5)/1.5 = 0.2;
    #        TP 0.25 (IV): over III 0.25 -> 0.2 (half to even), not over IV;
    #        CODMn 7.0 (IV): over III 1/6 = 0.17 -> 0.2, not over IV.
    #   Apr: NH3-N 2.65 (automatic: daily means 2.5, 2.8) (劣V): over III 1.65 -> 1.6, over IV 1.15/1.5 = 0.77 -> 0.8;
    #        TP 0.45 (劣V): over III 1.25 -> 1.2, over IV 0.15/0.3 = 0.5; CODMn 8.0 (IV): over III 0.33 -> 0.3.
    # s_t2 (river, target III): Feb CODMn 6.5 (IV): over III and over the target (6.5-6)/6 = 0.08 -> 0.1.
    frame = _sections_table("en")
    assert "Over target (multiple)" in frame.columns
    cols = list(frame.columns)
    assert cols.index("Over target (multiple)") == cols.index("Main pollutants (multiple over class Ⅲ)") + 1
    rows = {(r["Section"], r["Month"]): r for _, r in frame.iterrows()}
    feb, apr = rows[("Bridge One", "2023-02")], rows[("Bridge One", "2023-04")]
    assert feb["Main pollutants (multiple over class Ⅲ)"] == "NH₃-N 0.8, TP 0.2, CODMn 0.2"
    assert feb["Over target (multiple)"] == "NH₃-N 0.2"
    assert apr["Main pollutants (multiple over class Ⅲ)"] == "NH₃-N 1.6, TP 1.2, CODMn 0.3"
    assert apr["Over target (multiple)"] == "NH₃-N 0.8, TP 0.5"
    assert rows[("Bridge One", "2023-01")]["Over target (multiple)"] == ""
    assert rows[("Sluice Two", "2023-02")]["Over target (multiple)"] == "CODMn 0.1"
    assert rows[("Sluice Two", "2023-01")]["Over target (multiple)"] == ""
    # the download is the frame as shown
    csv = export.csv_bytes(frame).decode("utf-8-sig")
    assert "Over target (multiple)" in csv.splitlines()[0] and '"NH₃-N 0.8, TP 0.5"' in csv


def test_sections_table_target_multiples_in_chinese(db):
    frame = _sections_table("zh")
    rows = {(r["断面"], r["月份"]): r for _, r in frame.iterrows()}
    assert rows[("测试河一号桥", "2023-04")]["超目标指标（倍数）"] == "氨氮 0.8、总磷 0.5"
