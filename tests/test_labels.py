"""Display labels (bishui.rules.labels) and what the tables built on them show: short pollutant labels with
one-decimal multiples and no zero multiple, short class cells without Chinese in English, no internal
measure codes, the compensation 'why' column at the same precision as everywhere else."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

from bishui.reports import compensation as comp
from bishui.views import figures, plan_views as pv, present
from bishui.rules import labels

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_pollutants_short_and_full():
    coded = "nh3n:1.3;tp:0.2;cod:0.0"
    assert labels.pollutants_short(coded, "en") == "NH₃-N 1.3, TP 0.2, COD"
    assert labels.pollutants_short(coded, "zh") == "氨氮 1.3、总磷 0.2、COD"
    full = labels.pollutants_full(coded, "en")
    assert full.startswith("Ammonia nitrogen (NH3-N): 1.3 × over the class Ⅲ limit")
    assert "Chemical oxygen demand (COD)" in full and "0.0" not in full
    assert labels.pollutants_short("", "en") == "" and labels.pollutants_short(None, "en") == ""
    assert labels.pollutants_short(float("nan"), "zh") == ""
    legend = labels.pollutants_legend(["nh3n:1.3", "tp:0.2;nh3n:0.4"], "en")
    assert legend == "NH₃-N = Ammonia nitrogen (NH3-N); TP = Total phosphorus (TP)"


@pytest.mark.parametrize(
    "value,text",
    [(0.77, "0.8"), (0.25, "0.2"), (0.35, "0.4"), (1.0, "1.0"), (0.04, ""), (0.0, ""), (None, ""), (float("nan"), "")],
)
def test_multiple_text_one_decimal_half_even_no_zero(value, text):
    assert labels.multiple_text(value) == text


def test_class_short_has_no_chinese_in_english():
    assert [labels.class_short(k, "en") for k in range(1, 7)] == ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ", ">Ⅴ"]
    assert labels.class_short(6, "zh") == "劣Ⅴ" and labels.class_short(None, "en") == ""


def test_class_matrix_cells_in_english_have_no_chinese():
    df = pd.DataFrame(
        {
            "row": ["a", "a"],
            "col": ["2023-01", "2023-02"],
            "water_class": [6, 3],
            "is_attained": [False, True],
            "hover": ["", ""],
        }
    )
    cells = [c for row in figures.class_matrix(df, "en").data[0].text for c in row]
    assert cells == [">Ⅴ", "Ⅲ"]
    cells = [c for row in figures.class_matrix(df, "zh").data[0].text for c in row]
    assert cells == ["劣Ⅴ", "Ⅲ"]


def _misses() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "month": [pd.Timestamp("2023-07-01")],
            "name_zh": ["一号桥"],
            "name_en": ["Bridge One"],
            "town_zh": ["甲街道"],
            "town_en": ["Town A"],
            "water_class": [6],
            "target_class": [4],
            "main_pollutants": ["nh3n:1.7;tp:1.6;cod:0.0"],
            "main_pollutants_zh": ["氨氮(1.7)、总磷(1.6)、化学需氧量(0.0)"],
            "main_pollutants_en": [
                "Ammonia nitrogen (NH3-N) (1.7), Total phosphorus (TP) (1.6), Chemical oxygen demand (COD) (0.0)"
            ],
        }
    )


def test_misses_and_ledger_tables_show_short_labels_without_zero_multiples():
    for lang in ("en", "zh"):
        cell = pv.misses_table(_misses(), lang)["main_pollutants"].iloc[0]
        assert "0.0" not in cell
        assert cell == ("NH₃-N 1.7, TP 1.6, COD" if lang == "en" else "氨氮 1.7、总磷 1.6、COD")
    ledger = (
        _misses()
        .rename(columns={"name_zh": "section_zh", "name_en": "section_en"})
        .assign(
            rule_id="F1",
            threshold_class=4,
            status="owed",
            amount_cny=850000.0,
            payer_zh="甲",
            payer_en="A",
            payee_zh="乙",
            payee_en="B",
        )
    )
    shown = pv.ledger_table(ledger, "en")
    assert shown["main_pollutants"].iloc[0] == "NH₃-N 1.7, TP 1.6, COD"
    assert not CJK.search(" ".join(map(str, shown.drop(columns=["cp_rule"]).iloc[0])))


def test_targets_table_hides_the_measure_code():
    status = pd.DataFrame(
        {
            "target_id": ["S3"],
            "town_id": [""],
            "status": ["on_track"],
            "title_zh": ["湖南路桥达到Ⅲ类"],
            "title_en": ["Hunan Rd bridge: class III"],
            "current": [3.0],
            "measure": ["section_class:hunan_rd"],
            "unit": ["类"],
            "goal_value": [3.0],
            "direction": ["le"],
            "deadline": [dt.date(2023, 12, 31)],
            "progress_pct": [100.0],
            "history": [[3.0, 3.0]],
            "owner_zh": ["分局"],
            "owner_en": ["Branch"],
        }
    )
    for lang in ("zh", "en"):
        table = pv.targets_table(status, {}, lang)
        assert "tg_measure" not in table.columns
        assert not any("section_class" in str(v) for v in table.iloc[0].tolist())


def _drivers(multiple: float) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "rule_id": ["F1"],
            "section_id": ["s"],
            "parameter": ["nh3n"],
            "parameter_zh": ["氨氮"],
            "parameter_en": ["Ammonia nitrogen (NH3-N)"],
            "unit": ["mg/L"],
            "graded_value": [2.65],
            "parameter_class": [6],
            "threshold_class": [4],
            "threshold_limit": [1.5],
            "multiple": [multiple],
        }
    )


def test_compensation_why_uses_one_decimal_and_no_zero_multiple():
    assert (
        comp.driver_text(_drivers(0.7666), "en")
        == "Ammonia nitrogen (NH3-N) 2.65 mg/L (Worse than Ⅴ; 0.8× over the Class Ⅳ limit 1.5)"
    )
    assert "0.8 倍" in comp.driver_text(_drivers(0.7666), "zh")
    just = comp.driver_text(_drivers(0.02), "en")
    assert "0.0" not in just and "over the Class Ⅳ limit 1.5" in just


def test_present_html_table_escapes_and_keeps_every_column():
    df = pd.DataFrame({"Section": ["<b>x</b>"], "Main": ["NH₃-N 1.3"]})
    out = present.html_table(df, titles={"Main": ['Ammonia "x" <y>']}, nowrap=["Section"])
    assert "<b>x</b>" not in out and "&lt;b&gt;x&lt;/b&gt;" in out
    assert 'title="Ammonia &quot;x&quot; &lt;y&gt;"' in out
    assert out.count("<th>") == 2 and 'class="nowrap"' in out
