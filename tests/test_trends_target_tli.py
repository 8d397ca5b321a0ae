"""Issue 15, items 5 and 6 on the fixture warehouse (tests/fixtures/district): the multiples over the
target-class limit on the sections page's monthly table (and so its download), and the trophic level
index TLI of lakes and reservoirs. Every expected value is worked by hand from the fixture."""

from __future__ import annotations

import pytest

from bishui.views import export
from tests.apptest_helpers import app


@pytest.fixture
def db(fixture_db, use_db):
    use_db(fixture_db)
    return fixture_db


def _sections_table(lang: str):
    at = app({"lang": lang}, "pages/sections.py")  # defaults: NH3-N, TP, CODMn over the last 24 months
    at.multiselect(key="sec_sections").set_value(["s_f1", "s_t2"]).run()
    assert not at.exception
    return at.dataframe[0].value  # the monthly table (the data-as-of table is below it)


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


# ---- item 6: the trophic level index TLI of lakes and reservoirs (§2.8) ----------------------------
# The fixture's reservoir s_res in January 2023: chlorophyll a 10 mg/m³, transparency 80 cm (0.8 m),
# TP 0.04, TN 1.4, CODMn 3.5 mg/L. By hand: TLI(chla) = 10(2.5 + 1.086 ln 10) = 50.006;
# TLI(TP) = 10(9.436 + 1.624 ln 0.04) = 42.085; TLI(TN) = 10(5.453 + 1.694 ln 1.4) = 60.230;
# TLI(SD) = 10(5.118 − 1.94 ln 0.8) = 55.509; TLI(CODMn) = 10(0.109 + 2.661 ln 3.5) = 34.426;
# Σr² = 1 + 0.7056 + 0.6724 + 0.6889 + 0.6889 = 3.7558;
# TLI = (50.006 + 0.7056·42.085 + 0.6724·60.230 + 0.6889·55.509 + 0.6889·34.426)/3.7558 = 182.157/3.7558 = 48.50
# -> mesotrophic (30 ≤ TLI ≤ 50).
TLI_JAN = 48.50


def test_tli_inputs_on_the_fixture(db):
    from bishui.db import store

    for kind in ("month", "year"):  # one month of data: the annual means are January's
        inputs = store.run_query("trend_tli_inputs", period_kind=kind)
        assert list(inputs["section_id"]) == ["s_res"]  # lake/reservoir sections with chla or SD only
        r = inputs.iloc[0]
        assert str(r["period"])[:10] == "2023-01-01"
        assert (r["chla_mg_m3"], r["tp_mg_l"], r["tn_mg_l"], r["sd_m"], r["codmn_mg_l"]) == pytest.approx(
            (10.0, 0.04, 1.4, 0.8, 3.5)
        )


def test_tli_table_on_the_fixture(db):
    from bishui.db import store
    from bishui.views import trends_tables as tt

    inputs = store.run_query("trend_tli_inputs", period_kind="month")
    en = tt.tli_table(inputs, {"s_res": "Test Reservoir"}, "month", "en")
    assert list(en.columns) == [
        "section",
        "period",
        "trd_chla",
        "trd_tp",
        "trd_tn",
        "trd_sd",
        "trd_codmn",
        "trd_tli",
        "trd_tli_grade",
    ]
    row = en.iloc[0]
    assert (row["section"], row["period"], row["trd_tli"], row["trd_tli_grade"]) == (
        "Test Reservoir",
        "2023-01",
        TLI_JAN,
        "Mesotrophic",
    )
    zh = tt.tli_table(store.run_query("trend_tli_inputs", period_kind="year"), {"s_res": "测试水库"}, "year", "zh")
    assert (zh.iloc[0]["period"], zh.iloc[0]["trd_tli"], zh.iloc[0]["trd_tli_grade"]) == ("2023", TLI_JAN, "中营养")


def test_tli_table_without_all_five_says_so():
    import pandas as pd

    from bishui.views import trends_tables as tt

    inputs = pd.DataFrame(
        {
            "section_id": ["x"],
            "period": [pd.Timestamp(2024, 7, 1)],
            "chla_mg_m3": [25.0],
            "tp_mg_l": [0.05],
            "tn_mg_l": [None],
            "sd_m": [0.6],
            "codmn_mg_l": [4.0],
        }
    )
    row = tt.tli_table(inputs, {"x": "X"}, "month", "en").iloc[0]
    assert pd.isna(row["trd_tli"]) and row["trd_tli_grade"] == "Incomplete (needs all five)"


def test_tli_figure_on_the_fixture(db):
    from bishui.views import figures_trends as ft
    from bishui.db import store

    inputs = store.run_query("trend_tli_inputs", period_kind="month")
    fig = ft.tli_figure(inputs, {"s_res": "Test Reservoir"}, "en")
    line = [t for t in fig.data if t.name == "Test Reservoir"][0]
    assert list(line.y) == pytest.approx([TLI_JAN], abs=0.005)
    # the grade bands: 30, 50, 60, 70
    assert sorted({s.y0 for s in fig.layout.shapes} | {s.y1 for s in fig.layout.shapes})[1:5] == [30, 50, 60, 70]
    assert [a.text for a in fig.layout.annotations] == [
        "Oligotrophic",
        "Mesotrophic",
        "Lightly eutrophic",
        "Moderately eutrophic",
        "Heavily eutrophic",
    ]
    assert (
        ft.tli_figure(store.run_query("trend_tli_inputs", period_kind="year"), {}, "zh", "year").layout.xaxis.tickformat
        == "%Y"
    )


def test_trends_page_shows_tli(db):
    at = app({"lang": "en", "month": "2023-01"}, "pages/trends.py")
    assert not at.exception
    frame = next(d.value for d in at.dataframe if "TLI" in d.value.columns)
    assert list(frame["Section"]) == ["Test Reservoir"]
    assert frame["TLI"].iloc[0] == TLI_JAN and frame["Trophic status"].iloc[0] == "Mesotrophic"
    at.radio(key="trd_tli_kind").set_value("year").run()
    frame = next(d.value for d in at.dataframe if "TLI" in d.value.columns)
    assert list(frame["Period"]) == ["2023"]


@pytest.mark.parametrize(
    "header, value, want",
    [
        ("叶绿素a(μg/L)", "12", 12.0),
        ("叶绿素a(mg/m³)", "12", 12.0),
        ("Chl-a(mg/L)", "0.012", 12.0),
        ("chlorophyll a (mg/m3)", "12", 12.0),
        ("透明度(m)", "0.8", 80.0),
        ("SD(cm)", "80", 80.0),
        ("Transparency (m)", "1.25", 125.0),
    ],
)
def test_chlorophyll_and_transparency_import(db, tmp_path, header, value, want):
    from bishui import ingest

    path = tmp_path / "r.csv"
    path.write_text(f"断面名称,采样日期,{header}\n测试水库,2023-06-03,{value}\n", encoding="utf-8")
    prepared = ingest.prepare(path)
    assert prepared.problems.empty, prepared.problems
    row = prepared.frame.iloc[0]
    assert row["parameter"] == (
        "chla" if "透明" not in header and "SD" not in header and "Trans" not in header else "transparency"
    )
    assert row["value"] == pytest.approx(want, rel=1e-12)


def test_chlorophyll_spellings():
    from bishui.ingest import vocab

    for text in ("叶绿素a", "叶绿素", "Chla", "Chl-a", "chlorophyll-a", "Chlorophyll a", "叶绿素a(Chla)"):
        assert vocab.parameter_code(text) == "chla", text
    for text in ("透明度", "SD", "transparency", "Secchi depth"):
        assert vocab.parameter_code(text) == "transparency", text
    assert vocab.conversion("mg/L", "mg/m³") == 1000 and vocab.conversion("μg/L", "mg/m3") == 1


def test_per_cubic_metre_only_for_chlorophyll(db, tmp_path):
    """mg/m³ is chlorophyll a's unit; written for NH3-N it is a slip, rejected rather than divided by 1000."""
    from bishui import ingest
    from bishui.ingest import vocab

    assert vocab.conversion("mg/m3", "mg/L") is None and vocab.conversion("mg/m³", "mg/m³") == 1
    path = tmp_path / "r.csv"
    path.write_text(
        "断面名称,采样日期,监测项目,监测值,单位\n测试水库,2023-06-03,氨氮,0.52,mg/m3\n"
        "测试水库,2023-06-03,叶绿素a,0.015,mg/L\n",
        encoding="utf-8",
    )
    prepared = ingest.prepare(path)
    assert (prepared.n_valid, prepared.n_rejected) == (1, 1)
    assert prepared.problems["code"].tolist() == ["unit_mismatch"] and "mg/m3" in prepared.problems["reason"].iloc[0]
    chla = prepared.frame[prepared.frame["parameter"] == "chla"]
    assert chla["value"].tolist() == pytest.approx([15.0])


def test_tli_grade_is_that_of_the_value_shown():
    """chla 17.0 with the fixture's other means: TLI 50.034 (48.50 + 2.8915 ln 1.7), shown as 50.0, which is
    mesotrophic (≤ 50); the unrounded value alone would read lightly eutrophic."""
    import pandas as pd

    from bishui.rules import trends
    from bishui.views import trends_tables as tt

    raw = trends.tli(17.0, 0.04, 1.4, 0.8, 3.5)
    assert raw == pytest.approx(50.034, abs=0.001) and trends.tli_grade(raw) == "light_eutrophic"
    inputs = pd.DataFrame(
        {
            "section_id": ["x"],
            "period": [pd.Timestamp(2024, 7, 1)],
            "chla_mg_m3": [17.0],
            "tp_mg_l": [0.04],
            "tn_mg_l": [1.4],
            "sd_m": [0.8],
            "codmn_mg_l": [3.5],
        }
    )
    row = tt.tli_table(inputs, {"x": "X"}, "month", "en").iloc[0]
    assert (row["trd_tli"], row["trd_tli_grade"]) == (50.0, "Mesotrophic")
