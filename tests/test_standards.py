"""bishui.rules.standards (one value in Python) agrees with the SQL evaluation on every limit boundary of
every parameter for every water-body type, and a few fixed facts of GB 3838 hold."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest

from bishui.db import evaluation
from bishui.rules import standards
from bishui.db.sql import sql_text


def _boundary_cases():
    cases = []
    for (std, param, wbt), classes in standards.limits().items():
        if std != "GB3838":
            continue
        p = standards.parameters()[param]
        step = 10**-p.decimals
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
            {
                "section_id": [f"c{i}" for i in range(len(cases))],
                "water_body_type": [c[1] for c in cases],
                "target_class": 3,
            }
        )
        readings = pd.DataFrame(
            {
                "section_id": sections["section_id"],
                "parameter": [c[0] for c in cases],
                "sampled_on": pd.Timestamp(dt.date(2023, 5, 3)),
                "value": [c[2] for c in cases],
                "below_detection_limit": False,
                "detection_limit": None,
            }
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


# ---- issue 10 items 5-7: the mirror follows the SQL on precision, detection limits and ties ----
def _sql_run(rows):
    """rows: (section_id, water_body_type, parameter, day, value, below_dl, dl) -> (spp, spc) frames."""
    con = duckdb.connect()
    try:
        evaluation.apply_schema(con)
        evaluation.load_reference(con)
        sids = list(dict.fromkeys(r[0] for r in rows))
        wbt = {r[0]: r[1] for r in rows}
        sections = pd.DataFrame({"section_id": sids, "water_body_type": [wbt[s] for s in sids], "target_class": 3})
        readings = pd.DataFrame(
            {
                "section_id": [r[0] for r in rows],
                "parameter": [r[2] for r in rows],
                "sampled_on": [pd.Timestamp(r[3]) for r in rows],
                "value": [r[4] for r in rows],
                "below_detection_limit": [r[5] for r in rows],
                "detection_limit": [r[6] for r in rows],
            }
        )
        readings["value"] = readings["value"].astype("float64")
        readings["detection_limit"] = readings["detection_limit"].astype("float64")
        con.register("_sections", sections)
        con.register("_readings", readings)
        con.execute(sql_text("load/evaluate_input"))
        evaluation.refresh(con)
        spp = con.execute("SELECT * FROM section_period_parameter WHERE period_kind = 'month'").df()
        spc = con.execute("SELECT * FROM section_period_class WHERE period_kind = 'month'").df()
    finally:
        con.close()
    return spp, spc


def test_mirror_caps_at_the_detection_limit_class_like_sql():
    """A value below a detection limit at, just under and just over every class limit of every
    lower-is-better parameter: SQL and mirror give the same (capped) class and flag."""
    rows, expected = [], {}
    for (std, param, wbt), classes in standards.limits().items():
        p = standards.parameters()[param]
        if std != "GB3838" or wbt != "river" or p.direction != "le" or not p.enters_class:
            continue
        step = 10**-p.decimals
        for k, (lim, _) in classes.items():
            for dl in (lim - step, lim, lim + step):
                dl = round(dl, p.decimals)
                if dl <= 0:
                    continue
                sid = f"{param}_{len(rows)}"
                rows.append((sid, "river", param, "2023-05-03", None, True, dl))
                expected[sid] = (
                    standards.classify(param, dl / 2, "river", detection_limit=dl),
                    standards.classify(param, dl / 2, "river")
                    != standards.classify(param, dl / 2, "river", detection_limit=dl),
                )
    spp, _ = _sql_run(rows)
    got = {r.section_id: (int(r.parameter_class), bool(r.is_dl_insufficient)) for r in spp.itertuples()}
    assert got == expected
    assert standards.classify("hg", 0.0001, "river", detection_limit=0.0002) == 4  # Hg <0.0002
    assert standards.classify("hg", 0.0001, "river") == 3


def test_mirror_grades_at_the_reported_precision():
    # liuji_zha 2024 manual CODMn, reported to 0.1: annual mean 10.0167
    assert standards.graded_decimals("codmn", 1) == 1 and standards.graded_decimals("codmn", None) == 2
    assert standards.classify("codmn", 120.2 / 12, "river", reported=1) == 4
    assert standards.classify("codmn", 120.2 / 12, "river") == 5
    assert standards.graded_decimals("fluoride", 0) == 1  # '1.0' reads as 1: never coarser than 0.1
    assert [standards.reported_decimals(v) for v in (6.5, 10.0, 10.0167, 0.0002, 7.497)] == [1, 0, 4, 4, 3]
    spp, _ = _sql_run(
        [
            ("a", "river", "codmn", "2024-05-03", 10.1, False, None),
            ("a", "river", "codmn", "2024-05-20", 10.0, False, None),
            ("b", "river", "codmn", "2024-05-03", 10.1, False, None),
            ("b", "river", "codmn", "2024-05-20", 10.01, False, None),
        ]
    )
    got = {r.section_id: (int(r.graded_decimals), int(r.parameter_class)) for r in spp.itertuples()}
    assert (
        got
        == {
            "a": (1, standards.classify("codmn", 10.05, reported=1)),
            "b": (2, standards.classify("codmn", 10.055, reported=2)),
        }
        == {"a": (1, 4), "b": (2, 5)}
    )


@pytest.mark.parametrize(
    "values",
    [
        {"cod": 20.5, "bod5": 4.1, "nh3n": 1.179, "tp": 0.211},  # lihaiwu_qiao 2025-03
        {"bod5": 4.2, "cod": 21.0, "codmn": 6.3},  # three at exactly 0.05 over III
        {"las": 0.21, "tp": 0.21, "fluoride": 1.05, "nh3n": 1.05},  # two ties of 0.05
        {"hg": 0.000105, "phenol": 0.00525, "as": 0.0525, "se": 0.0105},
    ],
)
def test_mirror_orders_main_pollutants_like_sql(values):
    spp, spc = _sql_run([("s", "river", k, "2024-05-03", v, False, None) for k, v in values.items()])
    sql = [item.split(":")[0] for item in spc.iloc[0]["main_pollutants"].split(";")]
    triples = [(k, v, standards.classify(k, v)) for k, v in values.items()]
    assert sql == standards.main_pollutants(triples)
    # the multiples behind the order are exact: equal multiples are equal
    mult = {k: standards.exceedance_multiple(v, standards.limit(k, 3)) for k, v in values.items()}
    if "cod" in values and "bod5" in values:
        assert mult["cod"] == mult["bod5"]
