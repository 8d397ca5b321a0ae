"""Single-value mirror of the SQL evaluation, and the class labels and colours used everywhere.

The warehouse evaluates in SQL (queries/section_period_*.sql); this module classifies one value
from the same reference files, for forms, tooltips and for a test that keeps the two equal on
every limit boundary."""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from bishui import config

WORST_CLASS = 6  # 劣V
CLASS_LABELS = {1: "Ⅰ", 2: "Ⅱ", 3: "Ⅲ", 4: "Ⅳ", 5: "Ⅴ", 6: "劣Ⅴ"}
# One fixed colour scale for classes, used by every chart, matrix and map.
CLASS_COLORS = {
    1: "#1f78b4",  # I   excellent, blue
    2: "#6baed6",  # II  excellent, light blue
    3: "#33a02c",  # III good, green
    4: "#f2c200",  # IV  light pollution, yellow
    5: "#ff7f00",  # V   moderate pollution, orange
    6: "#d7191c",  # 劣V heavy pollution, red
}
NO_DATA_COLOR = "#d9d9d9"
# Parameters measured at sections that are not charted against the GB 3838 class bands on the Sections
# page: suspended solids, transparency and ORP have no GB 3838 limit (transparency and ORP grade
# black-odorous water, bishui.rules.black_odorous).
NOT_CHARTED_ON_SECTIONS = ("ss", "transparency", "orp")
WATER_BODY_TYPES = ("river", "lake", "reservoir")


def class_label(value) -> str:
    """Ⅰ…劣Ⅴ for 1..6, '' for a missing class."""
    try:
        return CLASS_LABELS[int(value)]
    except (TypeError, ValueError, KeyError):
        return ""


def class_color(value) -> str:
    try:
        return CLASS_COLORS[int(value)]
    except (TypeError, ValueError, KeyError):
        return NO_DATA_COLOR


@dataclass(frozen=True)
class Parameter:
    code: str
    name_zh: str
    name_en: str
    unit: str
    direction: str
    decimals: int
    enters_class: bool
    is_basic: bool
    is_auto_priority: bool
    sort_order: int


def _bool(text: str) -> bool:
    return text.strip().lower() == "true"


@functools.cache
def parameters() -> dict[str, Parameter]:
    with open(config.REFERENCE_DIR / "parameters.csv", encoding="utf-8") as fh:
        return {
            row["code"]: Parameter(
                row["code"],
                row["name_zh"],
                row["name_en"],
                row["unit"],
                row["direction"],
                int(row["decimals"]),
                _bool(row["enters_class"]),
                _bool(row["is_basic"]),
                _bool(row["is_auto_priority"]),
                int(row["sort_order"]),
            )
            for row in csv.DictReader(fh)
        }


@functools.cache
def limits() -> dict[tuple[str, str, str], dict[int, tuple[float, float | None]]]:
    """{(standard, parameter, water_body_type): {class: (limit_value, lower_value)}}."""
    out: dict[tuple[str, str, str], dict[int, tuple[float, float | None]]] = {}
    with open(config.REFERENCE_DIR / "standard_limits.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            key = (row["standard"], row["parameter"], row["water_body_type"])
            lower = float(row["lower_value"]) if row["lower_value"].strip() else None
            out.setdefault(key, {})[int(row["class"])] = (float(row["limit_value"]), lower)
    return out


def grade_round(value: float, decimals: int) -> float:
    """value rounded to decimals by GB/T 8170 (half to even, on the decimal value)."""
    exact = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN)
    return float(exact)


def grade(direction: str, value: float, class_limits: dict[int, tuple[float, float | None]]) -> int:
    """The smallest class whose limit the value meets, else one past the last class."""
    worst = max(class_limits) + 1
    for k in sorted(class_limits):
        limit, lower = class_limits[k]
        if direction == "le" and value <= limit:
            return k
        if direction == "ge" and value >= limit:
            return k
        if direction == "range" and lower is not None and lower <= value <= limit:
            return k
    return worst if direction != "range" else WORST_CLASS


def reported_decimals(value: float) -> int:
    """The decimals a value was reported with (0..6, 7 for more): a number parsed from '6.5' has 1,
    from '10.0' 0 (as the SQL macro reported_decimals)."""
    exact = Decimal(repr(float(value)))
    for d in range(7):
        if exact == exact.quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_EVEN):
            return d
    return 7


def graded_decimals(parameter: str, reported: int | None = None) -> int:
    """The decimals a period mean is graded at (reference 8.H): the precision its values were
    reported in (`reported`, the most decimals among them; None = unknown, e.g. automatic data),
    never finer than parameters.decimals and never coarser than 0.1 (a trailing zero is not seen)."""
    p = parameters()[parameter]
    return min(p.decimals, max(p.decimals if reported is None else reported, 1))


def classify(
    parameter: str,
    value: float,
    water_body_type: str = "river",
    reported: int | None = None,
    detection_limit: float | None = None,
) -> int | None:
    """GB 3838 class (1..6) of one value (or period mean) of a parameter, after grading rounding at
    graded_decimals(parameter, reported); None if the parameter has no GB 3838 limit for this
    water-body type (water temperature, TN in rivers). detection_limit: the highest detection limit
    of the values below it that went into the value: a lower-is-better parameter is graded no better
    than the class that limit itself meets (reference 8.A)."""
    p = parameters()[parameter]
    class_limits = limits().get(("GB3838", parameter, water_body_type))
    if not class_limits or p.direction == "none":
        return None
    k = grade(p.direction, grade_round(value, graded_decimals(parameter, reported)), class_limits)
    if detection_limit is not None and p.direction == "le":
        k = max(k, grade(p.direction, grade_round(detection_limit, p.decimals), class_limits))
    return k


def exceedance_multiple(value: float, limit_value: float) -> Decimal:
    """(value - limit) / limit exactly (both taken at 6 decimals, as the SQL exceedance_key), so equal
    multiples compare equal: COD 20.5 and BOD5 4.1 are both 0.025 over class III."""
    six = Decimal("0.000001")
    v = Decimal(repr(float(value))).quantize(six, rounding=ROUND_HALF_EVEN)
    lim = Decimal(repr(float(limit_value))).quantize(six, rounding=ROUND_HALF_EVEN)
    return (v - lim) / lim


def main_pollutants(items, water_body_type: str = "river", top: int = 3) -> list[str]:
    """The main pollutants of a period (reference 2.6, 8.F) from (parameter, graded value, class)
    triples of the evaluated parameters: only when the worst class is IV or worse, the lower-is-better
    parameters above class III, by class (worst first), then exact multiple over class III (largest
    first), then the fixed parameter order (parameters.sort_order, GB 3838 Table 1); at most `top`."""
    items = list(items)
    if not items or max(k for _, _, k in items) < 4:
        return []
    ranked = []
    for code, value, k in items:
        l3 = limit(code, 3, water_body_type)
        if parameters()[code].direction == "le" and l3 and value > l3:
            ranked.append((-k, -exceedance_multiple(value, l3), parameters()[code].sort_order, code))
    return [code for *_, code in sorted(ranked)[:top]]


def limit(parameter: str, klass: int, water_body_type: str = "river", standard: str = "GB3838") -> float | None:
    entry = limits().get((standard, parameter, water_body_type), {}).get(klass)
    return entry[0] if entry else None
