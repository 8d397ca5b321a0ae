"""Black-odorous grading (城市黑臭水体整治工作指南, MOHURD 2015), one value / point / body at a time.

The warehouse grades in SQL (queries/black_odorous_readings.sql and black_odorous_bodies.sql); this
module mirrors those rules from the same reference files, for tests at every threshold boundary and
for single values in forms. Grades: 1 = not black-odorous, 2 = light (轻度), 3 = heavy (重度).

- Reading: the value, rounded to the parameter's reporting precision (GB/T 8170), against standard
  BLACK_ODOROUS_2015 (class 1 = bound of "not black-odorous", class 2 = bound of "light"). Transparency,
  DO and ORP: higher is better (value >= bound meets it); NH3-N: lower is better (value <= bound).
  So: transparency >= 25 cm, DO >= 2.0 mg/L, ORP >= 50 mV, NH3-N <= 8.0 mg/L are not black-odorous;
  transparency < 10 cm, DO < 0.2 mg/L, ORP < -200 mV, NH3-N > 15 mg/L are heavy.
- Transparency in water shallower than 25 cm: the not-black-odorous bound is 40 % of the depth; the
  heavy bound stays 10 cm (so such a reading is either not black-odorous or heavy).
- Point: heavy when >= 60 % of one indicator's readings are heavy, or >= 30 % (and at least one) of
  the readings of two or more indicators; else light when any reading is light or heavy; else 1.
- Body: heavy when >= 60 % of its points are heavy, or >= 3 consecutive points (numbers n, n+1, n+2)
  are heavy; else light when any point is light or heavy; else 1.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from bishui.rules import standards

STANDARD = "BLACK_ODOROUS_2015"
INDICATORS = ("transparency", "do", "orp", "nh3n")
NOT_BLACK, LIGHT, HEAVY = 1, 2, 3
SHALLOW_CM = 25.0
ROUND_DAYS = 30  # a monitoring round: a body's inspections in the 30 days up to its latest one


def bounds(indicator: str, depth_cm: float | None = None) -> tuple[float, float]:
    """(not-black-odorous bound, light bound) for an indicator (and a water depth, for transparency)."""
    limits = standards.limits()[(STANDARD, indicator, "any")]
    b1, b2 = limits[1][0], limits[2][0]
    if indicator == "transparency" and depth_cm is not None and depth_cm < SHALLOW_CM:
        b1 = depth_cm * 2 / 5  # 40 % of the depth, computed exactly as the SQL does
    return b1, b2


def grade_reading(indicator: str, value: float, depth_cm: float | None = None) -> int:
    """Grade 1..3 of one reading of one indicator."""
    p = standards.parameters()[indicator]
    v = standards.grade_round(value, p.decimals)
    b1, b2 = bounds(indicator, depth_cm)
    if p.direction == "le":
        return NOT_BLACK if v <= b1 else LIGHT if v <= b2 else HEAVY
    return NOT_BLACK if v >= b1 else LIGHT if v >= b2 else HEAVY


def grade_point(grades: Mapping[str, Iterable[int]]) -> int:
    """Grade of a monitoring point from the grades of its readings, per indicator."""
    lists = {k: list(v) for k, v in grades.items() if len(list(v))}
    if not lists:
        raise ValueError("a point needs at least one graded reading")
    heavy = {k: sum(1 for g in v if g == HEAVY) for k, v in lists.items()}
    n = {k: len(v) for k, v in lists.items()}
    if any(10 * heavy[k] >= 6 * n[k] for k in lists):
        return HEAVY
    if sum(1 for k in lists if heavy[k] > 0 and 10 * heavy[k] >= 3 * n[k]) >= 2:
        return HEAVY
    if any(g >= LIGHT for v in lists.values() for g in v):
        return LIGHT
    return NOT_BLACK


def longest_heavy_run(points: Mapping[int, int]) -> int:
    """The longest run of heavy points with consecutive point numbers."""
    best = run = 0
    prev = None
    for no in sorted(points):
        if points[no] == HEAVY:
            run = run + 1 if prev is not None and no == prev + 1 and points[prev] == HEAVY else 1
            best = max(best, run)
        prev = no
    return best


def grade_body(points: Mapping[int, int]) -> int:
    """Grade of a water body from its points' grades ({point_no: grade})."""
    if not points:
        raise ValueError("a body needs at least one graded point")
    n_heavy = sum(1 for g in points.values() if g == HEAVY)
    if 10 * n_heavy >= 6 * len(points) or longest_heavy_run(points) >= 3:
        return HEAVY
    if any(g >= LIGHT for g in points.values()):
        return LIGHT
    return NOT_BLACK
