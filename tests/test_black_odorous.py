"""Black-odorous grading by the 2015 guide at its thresholds, on both sides of every boundary: the
SQL (queries/black_odorous_readings.sql, black_odorous_bodies.sql) and the Python mirror
(bishui/rules/black_odorous.py) must agree, reading by reading, point by point and body by body."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from bishui.rules import black_odorous as bo
from bishui.db import evaluation, store

D = dt.date
AS_OF = D(2023, 6, 30)
FINE = {"transparency": 40.0, "do": 6.0, "orp": 150.0, "nh3n": 1.0}
COLUMNS = {"transparency": "transparency_cm", "do": "do_mg_l", "orp": "orp_mv", "nh3n": "nh3n_mg_l"}

# (indicator, value, depth_cm, expected grade): both sides of each bound, as the README of
# data/reference states them: transparency >= 25 / < 10, DO >= 2.0 / < 0.2, ORP >= 50 / < -200,
# NH3-N <= 8.0 / > 15; graded on the value rounded to the reporting precision (GB/T 8170).
CASES = [
    ("transparency", 25.0, 100, 1),
    ("transparency", 24.9, 100, 2),
    ("transparency", 10.0, 100, 2),
    ("transparency", 9.9, 100, 3),
    ("transparency", 24.95, 100, 1),
    ("transparency", 24.85, 100, 2),  # rounded half-even: 25.0, 24.8
    ("do", 2.0, 100, 1),
    ("do", 1.99, 100, 2),
    ("do", 1.995, 100, 1),
    ("do", 0.2, 100, 2),
    ("do", 0.19, 100, 3),
    ("do", 0.195, 100, 2),
    ("orp", 50.0, 100, 1),
    ("orp", 49.9, 100, 2),
    ("orp", -200.0, 100, 2),
    ("orp", -200.1, 100, 3),
    ("orp", -200.04, 100, 2),
    ("nh3n", 8.0, 100, 1),
    ("nh3n", 8.001, 100, 2),
    ("nh3n", 8.0005, 100, 1),
    ("nh3n", 8.0015, 100, 2),
    ("nh3n", 15.0, 100, 2),
    ("nh3n", 15.001, 100, 3),
    # shallow water (< 25 cm): the not-black-odorous bound is 40 % of the depth; heavy stays < 10 cm
    ("transparency", 8.0, 20, 1),
    ("transparency", 7.9, 20, 3),
    ("transparency", 6.0, 15, 1),
    ("transparency", 5.9, 15, 3),
    ("transparency", 5.0, 12.5, 1),
    ("transparency", 4.9, 12.5, 3),
    ("transparency", 10.0, 24.9, 1),
    ("transparency", 9.9, 24.9, 3),  # bound 9.96: no light band
    ("transparency", 24.9, 25, 2),  # 25 cm deep is not shallow
]


def _warehouse(bodies: list[dict], inspections: list[dict]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    evaluation.apply_schema(con)
    evaluation.load_reference(con)
    for b in bodies:
        con.execute(
            "INSERT INTO water_bodies (body_id, name_zh, name_en, kind, town_id, status, found_on, lon, lat) "
            "VALUES ($id, $id, $id, 'urban', NULL, 'found', DATE '2020-01-01', 0, 0)",
            {"id": b["body_id"]},
        )
    for i in inspections:
        con.execute(
            "INSERT INTO water_body_inspections (body_id, inspected_on, point_no, transparency_cm, do_mg_l, "
            "orp_mv, nh3n_mg_l, depth_cm) VALUES ($body_id, $inspected_on, $point_no, $transparency_cm, "
            "$do_mg_l, $orp_mv, $nh3n_mg_l, $depth_cm)",
            i,
        )
    return con


def _reading(body_id, point_no, values: dict, depth=100.0, day=D(2023, 6, 1)) -> dict:
    v = {**FINE, **values}
    return {
        "body_id": body_id,
        "inspected_on": day,
        "point_no": point_no,
        "depth_cm": depth,
        **{COLUMNS[k]: v[k] for k in COLUMNS},
    }


def test_python_mirror_at_every_threshold():
    for indicator, value, depth, expected in CASES:
        assert bo.grade_reading(indicator, value, depth) == expected, (indicator, value, depth)


def test_sql_agrees_with_python_reading_by_reading():
    bodies = [{"body_id": f"c{i:02d}"} for i in range(len(CASES))]
    readings = [_reading(f"c{i:02d}", 1, {ind: val}, depth) for i, (ind, val, depth, _) in enumerate(CASES)]
    con = _warehouse(bodies, readings)
    got = store.execute(con, "black_odorous_readings", as_of=AS_OF, window_days=30, town_id=None).set_index("body_id")
    for i, (indicator, value, depth, expected) in enumerate(CASES):
        row = got.loc[f"c{i:02d}"]
        assert row[f"grade_{indicator}"] == expected == bo.grade_reading(indicator, value, depth), (indicator, value)
        assert row["reading_grade"] == expected  # the other three indicators are fine
    con.close()


HEAVY = {"transparency": 5.0, "do": 0.1, "orp": -250.0, "nh3n": 20.0}
LIGHT_T = {"transparency": 20.0}


def _point_readings(body, point, pattern: dict[str, list[int]]) -> list[dict]:
    """Readings of one point over several days: pattern[indicator][k] is the grade of day k."""
    n = len(next(iter(pattern.values())))
    out = []
    for k in range(n):
        values = {}
        for ind, grades in pattern.items():
            if grades[k] == 3:
                values[ind] = HEAVY[ind]
            elif grades[k] == 2:
                values[ind] = {"transparency": 20.0, "do": 1.0, "orp": 0.0, "nh3n": 10.0}[ind]
        out.append(_reading(body, point, values, day=D(2023, 6, 1) + dt.timedelta(days=k)))
    return out


POINT_CASES = [
    # (grades per indicator over the round, expected point grade)
    ({"do": [3, 3, 3, 1, 1]}, 3),  # 60 % of one indicator heavy
    ({"do": [3, 3, 1, 1, 1]}, 2),  # 40 %: light
    ({"do": [3, 3, 3, 1, 1, 1, 1, 1, 1, 1], "orp": [3, 3, 3, 1, 1, 1, 1, 1, 1, 1]}, 3),  # 30 % of two
    ({"do": [3, 3, 3, 1, 1, 1, 1, 1, 1, 1], "orp": [3, 3, 1, 1, 1, 1, 1, 1, 1, 1]}, 2),  # 30 % + 20 %
    ({"do": [3, 3, 3, 1, 1, 1, 1, 1, 1, 1]}, 2),  # 30 % of one only
    ({"transparency": [2, 1, 1, 1, 1]}, 2),  # one light reading
    ({"do": [1, 1, 1]}, 1),  # all fine
    ({"nh3n": [3, 3, 3, 3, 3, 3, 1, 1, 1, 1]}, 3),  # exactly 60 % of ten
    ({"nh3n": [3, 3, 3, 3, 3, 1, 1, 1, 1, 1]}, 2),  # 50 %
]


def test_point_rollup_sql_and_python():
    bodies, readings = [], []
    for i, (pattern, _) in enumerate(POINT_CASES):
        bodies.append({"body_id": f"p{i}"})
        readings += _point_readings(f"p{i}", 1, pattern)
    con = _warehouse(bodies, readings)
    got = store.execute(con, "black_odorous_readings", as_of=AS_OF, window_days=30, town_id=None)
    for i, (pattern, expected) in enumerate(POINT_CASES):
        sql = set(got.loc[got["body_id"] == f"p{i}", "point_grade"])
        grades = {
            ind: [
                bo.grade_reading(
                    ind,
                    HEAVY[ind]
                    if g == 3
                    else FINE[ind]
                    if g == 1
                    else {"transparency": 20.0, "do": 1.0, "orp": 0.0, "nh3n": 10.0}[ind],
                )
                for g in gs
            ]
            for ind, gs in pattern.items()
        }
        # the mirror sees every indicator (the untouched ones are fine)
        n = len(next(iter(pattern.values())))
        for ind in FINE:
            grades.setdefault(ind, [1] * n)
        assert sql == {expected} and bo.grade_point(grades) == expected, (i, pattern)
    con.close()


BODY_CASES = [
    ({1: 3, 2: 3, 3: 3, 4: 1, 5: 1, 6: 1}, 3),  # 50 % heavy but three consecutive
    ({1: 3, 2: 3, 3: 1, 4: 3, 5: 1, 6: 1}, 2),  # 50 %, no run of three: light
    ({1: 3, 2: 1, 3: 3, 4: 1, 5: 3}, 3),  # exactly 60 % heavy
    ({1: 3, 2: 1, 3: 3, 4: 1, 5: 3, 6: 1}, 2),  # 50 %
    ({1: 3, 2: 3, 4: 3, 5: 1, 6: 1, 7: 1}, 2),  # 2 and 4 are not consecutive points
    ({1: 1, 2: 2, 3: 1}, 2),  # one light point
    ({1: 1, 2: 1, 3: 1}, 1),  # not black-odorous
]


def test_body_rollup_sql_and_python():
    bodies, readings = [], []
    for i, (points, _) in enumerate(BODY_CASES):
        bodies.append({"body_id": f"b{i}"})
        for no, g in points.items():
            readings.append(_reading(f"b{i}", no, HEAVY if g == 3 else LIGHT_T if g == 2 else {}))
    con = _warehouse(bodies, readings)
    got = store.execute(con, "black_odorous_readings", as_of=AS_OF, window_days=30, town_id=None)
    ledger = store.execute(con, "black_odorous_bodies", as_of=AS_OF, window_days=30, town_id=None).set_index("body_id")
    for i, (points, expected) in enumerate(BODY_CASES):
        mine = got[got["body_id"] == f"b{i}"]
        assert dict(zip(mine["point_no"], mine["point_grade"])) == points
        assert set(mine["body_grade"]) == {expected} == {bo.grade_body(points)}, (i, points)
        assert ledger.loc[f"b{i}", "grade"] == expected
        assert ledger.loc[f"b{i}", "n_heavy_points"] == sum(1 for g in points.values() if g == 3)
        assert ledger.loc[f"b{i}", "max_heavy_run"] == bo.longest_heavy_run(points)
    con.close()


def test_latest_round_only():
    """Only the inspections in the 30 days up to the body's last one on or before the date count."""
    readings = [
        _reading("r", 1, HEAVY, day=D(2023, 1, 10)),
        _reading("r", 1, {}, day=D(2023, 5, 20)),
        _reading("r", 1, {}, day=D(2023, 6, 18)),
        _reading("r", 1, HEAVY, day=D(2023, 8, 1)),
    ]
    con = _warehouse([{"body_id": "r"}], readings)
    got = store.execute(con, "black_odorous_readings", as_of=AS_OF, window_days=30, town_id=None)
    assert [str(d)[:10] for d in got["inspected_on"]] == ["2023-05-20", "2023-06-18"]
    assert set(got["body_grade"]) == {1}
    early = store.execute(con, "black_odorous_bodies", as_of=D(2023, 2, 1), window_days=30, town_id=None)
    assert early.iloc[0]["grade"] == 3
    con.close()


def test_fixture_bodies(fixture_db):
    con = duckdb.connect(str(fixture_db), read_only=True)
    b = store.execute(con, "black_odorous_bodies", as_of=D(2023, 4, 30), window_days=30, town_id=None)
    con.close()
    b = b.set_index("body_id")
    # b1 clean; b2 points 1 and 3 heavy of 3 (67 %) -> heavy; b3 shallow point 2 heavy (transparency
    # 7.9 < 8 = 40 % of 20 cm), point 3 light, 1 of 3 heavy -> light
    assert b["grade"].to_dict() == {"b1": 1, "b2": 3, "b3": 2}
    assert b.loc["b1", "status"] == "closed" and not b.loc["b1", "is_open"]
    assert b.loc["b3", "status"] == "cleared" and b.loc["b3", "is_open"]  # cleared is not closed out
    assert b.loc["b2", "status"] == "rectifying"


def test_status_follows_the_date(fixture_db):
    con = duckdb.connect(str(fixture_db), read_only=True)
    b = store.execute(con, "black_odorous_bodies", as_of=D(2023, 2, 28), window_days=30, town_id=None)
    con.close()
    b = b.set_index("body_id")
    assert b.loc["b2", "status"] == "found" and str(b.loc["b2", "rectify_started_on"]) in ("NaT", "None")
    assert b.loc["b3", "status"] == "rectifying" and b.loc["b3", "cleared_on"] is not None


def test_sample_bodies_agree_between_the_two_queries(sample_db):
    con = duckdb.connect(str(sample_db), read_only=True)
    for as_of in (D(2023, 12, 31), D(2025, 12, 31)):
        r = store.execute(con, "black_odorous_readings", as_of=as_of, window_days=30, town_id=None)
        b = store.execute(con, "black_odorous_bodies", as_of=as_of, window_days=30, town_id=None)
        from_readings = r.groupby("body_id")["body_grade"].first().to_dict()
        assert {k: v for k, v in zip(b["body_id"], b["grade"]) if v == v} == from_readings
        # and the Python mirror grades every reading the same way
        for row in r.itertuples():
            for ind, col in COLUMNS.items():
                value = getattr(row, col)
                if value == value:
                    assert bo.grade_reading(ind, value, row.depth_cm) == getattr(row, f"grade_{ind}")
    con.close()


@pytest.mark.parametrize("indicator", list(COLUMNS))
def test_bounds_come_from_the_reference_file(indicator):
    b1, b2 = bo.bounds(indicator)
    assert (b1, b2) == {"transparency": (25, 10), "do": (2, 0.2), "orp": (50, -200), "nh3n": (8, 15)}[indicator]
