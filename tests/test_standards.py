"""bishui.standards (one value in Python) agrees with the SQL evaluation on every limit boundary of
every parameter for every water-body type, and a few fixed facts of GB 3838 hold."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest

from bishui import evaluation, standards
from bishui.store import sql_text


def _boundary_cases():
    cases = []
    for (std, param, wbt), classes in standards.limits().items():
        if std != "GB3838":
            continue
        p = standards.parameters()[param]
        step = 10 ** -p.decimals
        for k, (limit, lower) in classes.items():
            for v in (limit - step, limit, limit + step):
                cases.append((param, wbt, round(v, p.decimals + 2)))
            if lower is not None:
                for v in (lower - step, lower, lower + step):
                    cases.append((param, wbt, round(v, p.decimals + 2)))
    return sorted(set(c for c in cases if c[2] >= 0))


CASES = _boundary_cases()


def _sql_classes(cases) -> dict[tuple[str, str, float], int | None]:
    con = duckdb.connect()
    try:
        evaluation.apply_schema(con)
        evaluation.load_reference(con)
        sections = pd.DataFrame(
            {"section_id": [f"c{i}" for i in range(len(cases))],
             "water_body_type": [c[1] for c in cases], "target_class": 3}
        )
        readings = pd.DataFrame(
            {"section_id": sections["section_id"], "parameter": [c[0] for c in cases],
             "sampled_on": pd.Timestamp(dt.date(2023, 5, 3)), "value": [c[2] for c in cases],
             "below_detection_limit": False, "detection_limit": None}
        )
        readings["detection_limit"] = readings["detection_limit"].astype("float64")
        con.register("_sections", sections)
        con.register("_readings", readings)
        con.execute(sql_text("load/evaluate_input"))
        evaluation.refresh(con)
        rows = con.execute(
            "SELECT section_id, parameter_class FROM section_period_parameter WHERE period_kind = 'month'"
        ).fetchall()
    finally:
        con.close()
    by_id = {sid: k for sid, k in rows}
    return {case: by_id.get(f"c{i}") for i, case in enumerate(cases)}


def test_cases_cover_every_parameter_and_water_body_type():
    params = {c[0] for c in CASES}
    assert {"ph", "do", "codmn", "cod", "bod5", "nh3n", "tp", "tn", "hg", "fecal_coliform"} <= params
    assert {c[1] for c in CASES} == {"river", "lake", "reservoir"}
    assert len(CASES) > 500


def test_python_mirror_agrees_with_sql_on_every_boundary():
    sql = _sql_classes(CASES)
    mismatches = [
        (case, sql[case], standards.classify(case[0], case[2], case[1]))
        for case in CASES
        if sql[case] != standards.classify(case[0], case[2], case[1])
    ]
    assert not mismatches, mismatches[:10]


@pytest.mark.parametrize(
    ("param", "value", "wbt", "expected"),
    [
        ("nh3n", 1.0, "river", 3),
        ("nh3n", 1.001, "river", 4),
        ("cod", 15, "river", 1),  # 15 is the limit of I and II: the best class wins
        ("cu", 1.0, "river", 2),
        ("tp", 0.05, "river", 2),
        ("tp", 0.05, "lake", 3),
        ("tp", 0.06, "reservoir", 4),
        ("do", 7.5, "river", 1),
        ("do", 7.497, "river", 1),  # graded as reported: 7.50
        ("do", 1.99, "river", 6),
        ("ph", 9.0, "river", 1),
        ("ph", 9.01, "river", 6),
        ("ph", 5.99, "lake", 6),
        ("tp", 0.0201, "river", 1),  # 0.020 as reported
        ("tn", 1.2, "lake", 4),
        ("fecal_coliform", 20000, "river", 4),
    ],
)
def test_known_classes(param, value, wbt, expected):
    assert standards.classify(param, value, wbt) == expected


def test_no_class_without_a_limit():
    assert standards.classify("tn", 9.0, "river") is None
    assert standards.classify("water_temp", 25.0, "river") is None


def test_grade_round_is_half_even_on_decimal_value():
    assert standards.grade_round(0.215, 2) == 0.22
    assert standards.grade_round(0.205, 2) == 0.2
    assert standards.grade_round(0.0201, 3) == 0.02


def test_labels_and_colours_cover_every_class():
    assert [standards.class_label(k) for k in range(1, 7)] == ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ", "劣Ⅴ"]
    assert len({standards.class_color(k) for k in range(1, 7)}) == 6
    assert standards.class_label(None) == ""
