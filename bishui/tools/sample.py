"""The illustrative sample district: `generate(out_dir)` writes every canonical file of data/sample/.

Everything here is made up (positions, figures, names of small places) around the real frame of the
2023 work plan of the Liaocheng Jiangbei Shuicheng tourist resort (see
/work/shared/design/plan-2023.md). The output is deterministic: a fixed seed
(numpy default_rng(20230510)), explicit float formatting, no dependence on the current date, locale
or set ordering; the same call gives byte-identical files.

The story the dashboard depends on (checked by tests/test_sample.py):
- seasonal water temperature and DO; a flood-season rebound (CODMn, COD, NH3-N, TP) every July-August;
- Tuhai at Liaowei Rd bridge (target IV) misses class IV in several months of 2021-2023 (2023: four
  misses incl. one 劣V, driven by NH3-N and TP/COD from the Songgui Ave pump-station overflow),
  two misses in 2024 and one in 2025;
- Sixin at Cuizhuang bridge is 劣V in several months of 2021-2022, none from mid-2023 on;
- SNWD canal at Hunan Rd bridge is mostly class II-III; Tanzhuang reservoir class III (fluoride is
  geological and excluded), with monthly chlorophyll a and transparency: mesotrophic most of the year,
  lightly eutrophic in some summers (TLI);
- the monthly classes are fixed in advance per section and month (`_intended_classes`) and the
  parameter means are placed inside the class bands, so the GB 3838 evaluation reproduces them.

Run `python -m bishui sample` (or `python -m bishui.tools.sample`) to regenerate data/sample/.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

import numpy as np
import pandas as pd
from shapely.geometry import LineString, Point, Polygon
from bishui import config

from bishui.tools import sample_drinking_water, sample_enforcement, sample_flow, sample_medical, sample_tn_action
from bishui.tools.sample_io import AS_OF, write_csv, write_geojson, write_text

SEED = 20230510
FIRST_YEAR, LAST_YEAR = 2021, 2025
DATA_END = dt.date(2025, 12, 31)
REFERENCE_DIR = Path(__file__).resolve().parents[2] / "data" / "reference"

# ---------------------------------------------------------------------------------------------
# Formatting and small helpers
# ---------------------------------------------------------------------------------------------

# Local metric frame (equirectangular around the district centre); good to ~0.1 % here.
LON0, LAT0 = 116.04, 36.44
M_PER_DEG_LAT = 110_950.0
M_PER_DEG_LON = 111_320.0 * math.cos(math.radians(LAT0))


def fnum(x: float, decimals: int) -> str:
    """A number as text with at most `decimals` decimals, trailing zeros dropped ('7.60' -> '7.6')."""
    s = f"{float(x):.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    if s in ("-0", ""):
        s = "0"
    return s


def iso(d: dt.date | None) -> str:
    return d.isoformat() if d is not None else ""


def to_m(lon: float, lat: float) -> tuple[float, float]:
    return ((lon - LON0) * M_PER_DEG_LON, (lat - LAT0) * M_PER_DEG_LAT)


def to_ll(x: float, y: float) -> tuple[float, float]:
    return (round(LON0 + x / M_PER_DEG_LON, 5), round(LAT0 + y / M_PER_DEG_LAT, 5))


def line_m(coords_ll) -> LineString:
    return LineString([to_m(*c) for c in coords_ll])


def length_m(coords_ll) -> float:
    return float(line_m(coords_ll).length)


def add_days(d: dt.date, n: int) -> dt.date:
    return d + dt.timedelta(days=int(n))


def month_start(y: int, m: int) -> dt.date:
    return dt.date(y, m, 1)


def next_month(d: dt.date) -> dt.date:
    return dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)


def months(first: dt.date, last: dt.date) -> list[dt.date]:
    out, d = [], dt.date(first.year, first.month, 1)
    while d <= last:
        out.append(d)
        d = next_month(d)
    return out


def rand_date(rng: np.random.Generator, lo: dt.date, hi: dt.date) -> dt.date:
    """A uniform date in [lo, hi]."""
    if hi <= lo:
        return lo
    return add_days(lo, int(rng.integers(0, (hi - lo).days + 1)))


# ---------------------------------------------------------------------------------------------
# Places: townships, rivers, street grids
# ---------------------------------------------------------------------------------------------

# Internal boundaries shared by the townships (so the four polygons tile the district exactly).
_V = [(116.040, 36.480), (116.038, 36.460), (116.043, 36.440), (116.046, 36.420), (116.041, 36.400)]
_H = [
    (115.980, 36.437),
    (116.000, 36.441),
    (116.020, 36.438),
    (116.043, 36.440),
    (116.060, 36.444),
    (116.080, 36.441),
    (116.100, 36.443),
]

TOWNS = [
    # town_id, name_zh, name_en, kind, ring (lon, lat)
    (
        "huxi",
        "湖西街道",
        "Huxi subdistrict",
        "subdistrict",
        [(115.980, 36.480), (116.010, 36.480), _V[0], _V[1], _V[2], _H[2], _H[1], _H[0], (115.980, 36.460)],
    ),
    (
        "lihaiwu",
        "李海务街道",
        "Lihaiwu subdistrict",
        "subdistrict",
        [_H[0], _H[1], _H[2], _V[2], _V[3], _V[4], (116.010, 36.400), (115.980, 36.400), (115.980, 36.420)],
    ),
    (
        "yuji",
        "于集镇",
        "Yuji town",
        "town",
        [_V[0], (116.070, 36.480), (116.100, 36.480), (116.100, 36.460), _H[6], _H[5], _H[4], _V[2], _V[1]],
    ),
    (
        "zhulaozhuang",
        "朱老庄镇",
        "Zhulaozhuang town",
        "town",
        [_V[2], _H[4], _H[5], _H[6], (116.100, 36.420), (116.100, 36.400), (116.070, 36.400), _V[4], _V[3]],
    ),
]
TOWN_SHORT = {"huxi": "湖西", "lihaiwu": "李海务", "yuji": "于集", "zhulaozhuang": "朱老庄"}
TOWN_ZH = {t[0]: t[1] for t in TOWNS}
TOWN_EN = {
    "huxi": "Huxi subdistrict",
    "lihaiwu": "Lihaiwu subdistrict",
    "yuji": "Yuji town",
    "zhulaozhuang": "Zhulaozhuang town",
}

RIVERS = [
    (
        "tuhai",
        "徒骇河",
        "Tuhai River",
        [
            (115.975, 36.443),
            (115.995, 36.452),
            (116.015, 36.461),
            (116.035, 36.469),
            (116.055, 36.473),
            (116.080, 36.475),
            (116.105, 36.477),
        ],
    ),
    (
        "snwd",
        "南水北调输水干渠",
        "South-to-North Water Diversion canal",
        [(116.012, 36.395), (116.008, 36.420), (116.004, 36.445), (115.999, 36.470), (115.996, 36.485)],
    ),
    (
        "sixin",
        "四新河",
        "Sixin River",
        [(115.975, 36.410), (116.020, 36.425), (116.050, 36.433), (116.075, 36.450), (116.105, 36.460)],
    ),
    (
        "zhaowang",
        "赵王河",
        "Zhaowang River",
        [(116.085, 36.395), (116.080, 36.420), (116.072, 36.445), (116.066, 36.4755)],
    ),
    (
        "yangjiao",
        "羊角河",
        "Yangjiao River",
        [(115.985, 36.406), (116.020, 36.409), (116.050, 36.415), (116.0805, 36.418)],
    ),
]
RIVER_ZH = {r[0]: r[1] for r in RIVERS}
# Where each river goes (source tracing, bishui.rules.tracing): river_id, flows_into_id, confluence_km (empty:
# computed from the lines), line_drawn. Every line above is drawn from its source: the Tuhai and the
# Sixin flow east, the SNWD canal north, the Zhaowang north into the Tuhai, the Yangjiao east into the
# Zhaowang.
RIVER_NETWORK = [
    ("tuhai", "", "", "downstream"),
    ("snwd", "", "", "downstream"),
    ("sixin", "", "", "downstream"),
    ("zhaowang", "tuhai", "", "downstream"),
    ("yangjiao", "zhaowang", "", "downstream"),
]

# Street grids (straight streets, clipped to the township): the urban area of Huxi next to the city
# and the three town seats. (name_zh, orientation, fixed coordinate, from, to).
STREETS = {
    "huxi": [
        ("振兴路", "ew", 36.4440, 115.982, 116.040),
        ("湖南路", "ew", 36.4490, 115.982, 116.040),
        ("建设路", "ew", 36.4540, 115.982, 116.040),
        ("东昌路", "ew", 36.4590, 115.982, 116.040),
        ("松桂大街", "ew", 36.4640, 115.982, 116.040),
        ("兴华路", "ew", 36.4690, 115.982, 116.040),
        ("花园路", "ew", 36.4740, 115.982, 116.040),
        ("湖西路", "ns", 115.9860, 36.440, 36.478),
        ("昌润路", "ns", 115.9920, 36.440, 36.478),
        ("站前路", "ns", 115.9980, 36.440, 36.478),
        ("柳园路", "ns", 116.0050, 36.440, 36.478),
        ("光岳路", "ns", 116.0110, 36.440, 36.478),
        ("东关街", "ns", 116.0170, 36.440, 36.478),
        ("聊阳路", "ns", 116.0230, 36.440, 36.478),
        ("育新街", "ns", 116.0280, 36.440, 36.478),
        ("聊位路", "ns", 116.0320, 36.440, 36.478),
        ("向阳路", "ns", 116.0360, 36.440, 36.478),
    ],
    "lihaiwu": [
        ("李海务大街", "ew", 36.4150, 115.996, 116.026),
        ("运河路", "ew", 36.4195, 115.996, 116.026),
        ("崔庄路", "ew", 36.4235, 115.996, 116.026),
        ("新民路", "ew", 36.4280, 115.996, 116.026),
        ("周庄路", "ns", 115.9980, 36.413, 36.430),
        ("前进路", "ns", 116.0050, 36.413, 36.430),
        ("李海务中路", "ns", 116.0120, 36.413, 36.430),
        ("商业街", "ns", 116.0190, 36.413, 36.430),
        ("东环路", "ns", 116.0250, 36.413, 36.430),
    ],
    "yuji": [
        ("于集大街", "ew", 36.4500, 116.074, 116.094),
        ("文化路", "ew", 36.4540, 116.074, 116.094),
        ("人民路", "ew", 36.4580, 116.074, 116.094),
        ("富民路", "ew", 36.4620, 116.074, 116.094),
        ("于集西路", "ns", 116.0760, 36.448, 36.465),
        ("赵王路", "ns", 116.0810, 36.448, 36.465),
        ("于集中路", "ns", 116.0860, 36.448, 36.465),
        ("于集东路", "ns", 116.0910, 36.448, 36.465),
    ],
    "zhulaozhuang": [
        ("朱老庄大街", "ew", 36.4200, 116.054, 116.076),
        ("兴业路", "ew", 36.4240, 116.054, 116.076),
        ("和平路", "ew", 36.4280, 116.054, 116.076),
        ("镇前街", "ew", 36.4320, 116.054, 116.076),
        ("朱老庄西路", "ns", 116.0560, 36.418, 36.434),
        ("建新路", "ns", 116.0620, 36.418, 36.434),
        ("朱老庄中路", "ns", 116.0680, 36.418, 36.434),
        ("朱老庄东路", "ns", 116.0740, 36.418, 36.434),
    ],
}


class Geo:
    """Township polygons and river lines in lon/lat and in the local metric frame."""

    def __init__(self) -> None:
        self.town_ll = {t[0]: Polygon(t[4]) for t in TOWNS}
        self.town_m = {k: Polygon([to_m(*c) for c in p.exterior.coords]) for k, p in self.town_ll.items()}
        self.river_ll = {r[0]: LineString(r[3]) for r in RIVERS}
        self.river_m = {k: line_m(v.coords) for k, v in self.river_ll.items()}

    def town_of(self, lon: float, lat: float) -> str | None:
        p = Point(lon, lat)
        for k, poly in self.town_ll.items():
            if poly.contains(p):
                return k
        return None

    def inside(self, town: str, lon: float, lat: float, margin_m: float = 0.0) -> bool:
        if not self.town_ll[town].contains(Point(lon, lat)):
            return False
        if margin_m > 0:
            return self.town_m[town].exterior.distance(Point(to_m(lon, lat))) >= margin_m
        return True

    def snap(self, river: str, lon: float, lat: float) -> tuple[float, float]:
        """The point of the river nearest to (lon, lat)."""
        line = self.river_m[river]
        p = line.interpolate(line.project(Point(to_m(lon, lat))))
        return to_ll(p.x, p.y)

    def crossing(self, river: str, street: LineString) -> tuple[float, float]:
        """Where a street (lon/lat line) crosses a river."""
        p = self.river_m[river].intersection(line_m(street.coords))
        assert isinstance(p, Point), f"{river} and the street cross at one point"
        return to_ll(p.x, p.y)

    def near_river_point(
        self, rng: np.random.Generator, river: str, town: str, max_offset_m: float = 150.0, margin_m: float = 60.0
    ) -> tuple[float, float]:
        """A random point within max_offset_m of the river's reach inside the township."""
        reach = self.river_m[river].intersection(self.town_m[town].buffer(-margin_m))
        parts = list(getattr(reach, "geoms", [reach]))
        parts = [g for g in parts if g.length > 0]
        total = sum(g.length for g in parts)
        for _ in range(200):
            s = float(rng.uniform(0, total))
            for g in parts:
                if s <= g.length:
                    break
                s -= g.length
            p0 = g.interpolate(max(s - 5, 0))
            p1 = g.interpolate(min(s + 5, g.length))
            dx, dy = p1.x - p0.x, p1.y - p0.y
            norm = math.hypot(dx, dy) or 1.0
            side = 1 if rng.random() < 0.5 else -1
            off = side * float(rng.uniform(8, max_offset_m))
            c = g.interpolate(s)
            lon, lat = to_ll(c.x - dy / norm * off, c.y + dx / norm * off)
            if self.inside(town, lon, lat, margin_m=20) and self.river_m[river].distance(Point(to_m(lon, lat))) <= 200:
                return lon, lat
        raise RuntimeError(f"no point near {river} in {town}")

    def reach_length(self, river: str, town: str) -> float:
        return float(self.river_m[river].intersection(self.town_m[town].buffer(-60)).length)


def _polygon_feature(props: dict, ring) -> dict:
    coords = [[round(x, 5), round(y, 5)] for x, y in ring]
    if coords[0] != coords[-1]:
        coords.append(coords[0])
    return {"type": "Feature", "properties": props, "geometry": {"type": "Polygon", "coordinates": [coords]}}


def _line_feature(props: dict, coords) -> dict:
    return {
        "type": "Feature",
        "properties": props,
        "geometry": {"type": "LineString", "coordinates": [[round(x, 5), round(y, 5)] for x, y in coords]},
    }


def gen_towns() -> list[dict]:
    return [
        _polygon_feature({"town_id": t, "name_zh": zh, "name_en": en, "kind": kind}, ring)
        for t, zh, en, kind, ring in TOWNS
    ]


def gen_rivers() -> list[dict]:
    return [_line_feature({"river_id": r, "name_zh": zh, "name_en": en}, coords) for r, zh, en, coords in RIVERS]


# ---------------------------------------------------------------------------------------------
# Monitoring sections
# ---------------------------------------------------------------------------------------------

# section_id, name_zh, name_en, river_id, town_id, control_level, water_body_type, target_class,
# is_assessment, is_drinking_source, excluded_parameters, has_auto_station, where
# (where: ("cross", street name) = where that street crosses the river; (lon, lat) = snapped to the river,
#  or used as is when there is no river).
SECTIONS: list[tuple[Any, ...]] = [
    (
        "liaowei",
        "徒骇河聊位路桥",
        "Tuhai at Liaowei Rd bridge",
        "tuhai",
        "huxi",
        "national",
        "river",
        4,
        True,
        False,
        "",
        True,
        ("cross", "聊位路"),
    ),
    (
        "cuizhuang",
        "四新河崔庄桥",
        "Sixin at Cuizhuang bridge",
        "sixin",
        "lihaiwu",
        "provincial",
        "river",
        5,
        True,
        False,
        "",
        False,
        ("cross", "崔庄路"),
    ),
    (
        "hunan_rd",
        "南水北调湖南路桥",
        "SNWD canal at Hunan Rd bridge",
        "snwd",
        "huxi",
        "provincial",
        "river",
        3,
        True,
        False,
        "",
        True,
        ("cross", "湖南路"),
    ),
    (
        "tanzhuang",
        "谭庄水库",
        "Tanzhuang reservoir",
        "",
        "zhulaozhuang",
        "district",
        "reservoir",
        3,
        True,
        True,
        "fluoride",
        False,
        (116.0620, 36.4070),
    ),
    (
        "huxi_zha",
        "徒骇河湖西闸",
        "Tuhai at Huxi sluice",
        "tuhai",
        "huxi",
        "district",
        "river",
        4,
        True,
        False,
        "",
        False,
        (115.9880, 36.4490),
    ),
    (
        "qilipu",
        "徒骇河七里铺桥",
        "Tuhai at Qilipu bridge",
        "tuhai",
        "huxi",
        "district",
        "river",
        4,
        False,
        False,
        "",
        False,
        (116.0120, 36.4597),
    ),
    (
        "lihaiwu_qiao",
        "四新河李海务桥",
        "Sixin at Lihaiwu bridge",
        "sixin",
        "lihaiwu",
        "district",
        "river",
        5,
        True,
        False,
        "",
        False,
        (115.9950, 36.4167),
    ),
    (
        "wangzhuang_zha",
        "羊角河王庄闸",
        "Yangjiao at Wangzhuang sluice",
        "yangjiao",
        "lihaiwu",
        "district",
        "river",
        5,
        False,
        False,
        "",
        False,
        (116.0080, 36.4080),
    ),
    (
        "yuji_qiao",
        "赵王河于集桥",
        "Zhaowang at Yuji bridge",
        "zhaowang",
        "yuji",
        "district",
        "river",
        4,
        True,
        False,
        "",
        False,
        (116.0705, 36.4520),
    ),
    (
        "liuji_zha",
        "四新河刘集闸",
        "Sixin at Liuji sluice",
        "sixin",
        "yuji",
        "district",
        "river",
        5,
        False,
        False,
        "",
        False,
        (116.0920, 36.4557),
    ),
    (
        "liangzhuang",
        "徒骇河梁庄桥",
        "Tuhai at Liangzhuang bridge",
        "tuhai",
        "yuji",
        "district",
        "river",
        4,
        False,
        False,
        "",
        False,
        (116.0880, 36.4756),
    ),
    (
        "zlz_zha",
        "羊角河朱老庄闸",
        "Yangjiao at Zhulaozhuang sluice",
        "yangjiao",
        "zhulaozhuang",
        "district",
        "river",
        4,
        True,
        False,
        "",
        False,
        (116.0630, 36.4167),
    ),
    (
        "zhangzhuang",
        "赵王河张庄桥",
        "Zhaowang at Zhangzhuang bridge",
        "zhaowang",
        "zhulaozhuang",
        "district",
        "river",
        5,
        False,
        False,
        "",
        False,
        (116.0820, 36.4080),
    ),
]
SECTION_HEADER = [
    "section_id",
    "name_zh",
    "name_en",
    "river_id",
    "town_id",
    "control_level",
    "water_body_type",
    "target_class",
    "is_assessment",
    "is_drinking_source",
    "excluded_parameters",
    "has_auto_station",
    "lon",
    "lat",
]
# The township F2 (internal eco-compensation) section and its weight.
F2_SECTIONS = {
    "huxi": ("huxi_zha", 1.0),
    "lihaiwu": ("lihaiwu_qiao", 0.8),
    "yuji": ("yuji_qiao", 0.6),
    "zhulaozhuang": ("zlz_zha", 0.6),
}
TWICE_MONTHLY = {"liaowei", "cuizhuang", "hunan_rd"}
AUTO_SECTIONS = ("liaowei", "hunan_rd")


def street_line(town: str, name: str) -> LineString:
    for nm, orient, c, a, b in STREETS[town]:
        if nm == name:
            return LineString([(a, c), (b, c)] if orient == "ew" else [(c, a), (c, b)])
    raise KeyError(name)


def section_positions(geo: Geo) -> dict[str, tuple[float, float]]:
    pos = {}
    for s in SECTIONS:
        sid, river, town, where = s[0], s[3], s[4], s[12]
        if where[0] == "cross":
            pos[sid] = geo.crossing(river, street_line(town, where[1]))
        elif river:
            pos[sid] = geo.snap(river, *where)
        else:
            pos[sid] = (round(where[0], 5), round(where[1], 5))
        if not geo.inside(town, *pos[sid], margin_m=50):
            raise AssertionError(f"section {sid} not inside {town}")
    return pos


def gen_sections(geo: Geo) -> list[list]:
    pos = section_positions(geo)
    rows = []
    for s in SECTIONS:
        lon, lat = pos[s[0]]
        rows.append(
            [
                s[0],
                s[1],
                s[2],
                s[3],
                s[4],
                s[5],
                s[6],
                str(s[7]),
                _b(s[8]),
                _b(s[9]),
                s[10],
                _b(s[11]),
                fnum(lon, 5),
                fnum(lat, 5),
            ]
        )
    return rows


def _b(x: bool) -> str:
    return "true" if x else "false"


# ---------------------------------------------------------------------------------------------
# GB 3838 grading (mirrors queries/section_period_parameter.sql, used to place the means)
# ---------------------------------------------------------------------------------------------


class Standard:
    def __init__(self) -> None:
        params = pd.read_csv(REFERENCE_DIR / "parameters.csv", dtype=str, keep_default_na=False)
        self.decimals = {r.code: int(r.decimals) for r in params.itertuples()}
        self.direction = {r.code: r.direction for r in params.itertuples()}
        self.enters = {r.code: r.enters_class == "true" for r in params.itertuples()}
        self.codes = [
            r.code
            for r in params.sort_values("sort_order", key=lambda c: c.astype(int)).itertuples()
            if int(r.sort_order) <= 24
        ]
        lim = pd.read_csv(REFERENCE_DIR / "standard_limits.csv", dtype=str, keep_default_na=False)
        lim = lim[lim.standard == "GB3838"]
        self.limits: dict[tuple[str, str], list[float]] = {}
        for (p, w), g in lim.groupby(["parameter", "water_body_type"], sort=True):
            g = g.sort_values("class")
            self.limits[(p, w)] = [float(v) for v in g.limit_value]
        self.lower = {"ph": 6.0}

    def graded(self, p: str, v: float) -> float:
        d = self.decimals[p]
        return float(Decimal(repr(float(v))).quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_EVEN))

    def klass(self, p: str, wbt: str, v: float) -> int | None:
        lims = self.limits.get((p, wbt))
        if lims is None:
            return None
        g = self.graded(p, v)
        direction = self.direction[p]
        if direction == "range":
            return 1 if self.lower[p] <= g <= lims[0] else 6
        for k, lv in enumerate(lims, start=1):
            if (direction == "le" and g <= lv) or (direction == "ge" and g >= lv):
                return k
        return 6

    def bounds(self, p: str, wbt: str) -> list[float]:
        """Band edges B[0..5]: class k is between B[k-1] and B[k]."""
        lims = self.limits[(p, wbt)]
        if self.direction[p] == "ge":
            return [11.0] + lims
        return [0.35 * lims[0]] + lims

    def from_q(self, p: str, wbt: str, q: float) -> float:
        """Value at 'class position' q: q in (k-1, k] lies inside class k's band."""
        b = self.bounds(p, wbt)
        if q >= 5:
            if self.direction[p] == "ge":
                return b[5] * max(0.15, 1 - 0.4 * (q - 5))
            return b[5] * (1 + 0.5 * (q - 5))
        if q <= 0:
            return b[0] * max(0.5, 1 + 0.5 * q) if self.direction[p] == "le" else b[0]
        k = int(math.floor(q))
        f = q - k
        return b[k] + f * (b[k + 1] - b[k])

    def band_nonempty(self, p: str, wbt: str, c: int) -> bool:
        if c >= 6:
            return True
        b = self.bounds(p, wbt)
        return b[c - 1] != b[c]


# ---------------------------------------------------------------------------------------------
# Readings
# ---------------------------------------------------------------------------------------------

ORGANIC = ["codmn", "cod", "bod5", "nh3n", "tp"]
FLOOD_PARAMS = {"codmn", "cod", "nh3n", "tp"}
AUTO_PARAMS = ["water_temp", "ph", "do", "codmn", "nh3n", "tp", "tn"]
AUTO_HOURS = (0, 4, 8, 12, 16, 20)
# Decimals used when reporting a single value.
REPORT_DEC = {
    "water_temp": 1,
    "ph": 2,
    "do": 2,
    "codmn": 1,
    "cod": 1,
    "bod5": 1,
    "nh3n": 3,
    "tp": 3,
    "tn": 2,
    "cu": 4,
    "zn": 3,
    "fluoride": 3,
    "se": 5,
    "as": 5,
    "hg": 6,
    "cd": 5,
    "cr6": 4,
    "pb": 4,
    "cyanide": 4,
    "phenol": 5,
    "petroleum": 3,
    "las": 3,
    "sulfide": 3,
    "fecal_coliform": 0,
}
AUTO_DEC = {"water_temp": 1, "ph": 2, "do": 2, "codmn": 2, "nh3n": 3, "tp": 3, "tn": 2}
# Trace parameters: (detection limit, share of samples below it, range when detected). All well
# inside class I, so they never decide a class.
TRACE = {
    "cu": (0.001, 0.45, (0.001, 0.006)),
    "zn": (0.01, 0.6, (0.01, 0.045)),
    "se": (0.0004, 0.9, (0.0004, 0.0012)),
    "as": (0.0003, 0.4, (0.0004, 0.0035)),
    "hg": (0.00004, 0.97, (0.00004, 0.00004)),
    "cd": (0.0005, 0.97, (0.0005, 0.0005)),
    "cr6": (0.004, 0.93, (0.004, 0.006)),
    "pb": (0.0025, 0.9, (0.0025, 0.004)),
    "cyanide": (0.004, 0.96, (0.004, 0.004)),
    "phenol": (0.0003, 0.85, (0.0003, 0.0011)),
    "petroleum": (0.01, 0.5, (0.01, 0.04)),
    "las": (0.05, 0.6, (0.05, 0.16)),
    "sulfide": (0.01, 0.7, (0.01, 0.04)),
}

# The monthly classes of the story sections, Jan..Dec.
LIAOWEI_CLASSES = {
    2021: [4, 4, 5, 4, 4, 4, 6, 5, 4, 4, 4, 5],
    2022: [4, 4, 4, 5, 4, 4, 5, 6, 4, 4, 4, 4],
    2023: [4, 5, 4, 4, 4, 5, 6, 5, 4, 4, 4, 4],  # Songgui Ave overflow: 4 misses, one 劣V
    2024: [5, 4, 4, 4, 4, 4, 5, 4, 4, 4, 3, 4],
    2025: [4, 4, 4, 3, 4, 4, 4, 5, 4, 3, 3, 4],
}
CUIZHUANG_CLASSES = {
    2021: [5, 6, 5, 5, 5, 6, 6, 6, 5, 5, 6, 5],
    2022: [5, 5, 6, 5, 5, 5, 6, 6, 5, 5, 5, 6],
    2023: [5, 5, 6, 5, 5, 5, 5, 5, 5, 4, 5, 4],
    2024: [5, 4, 5, 4, 4, 5, 5, 5, 4, 4, 4, 4],
    2025: [4, 4, 4, 4, 4, 5, 5, 4, 4, 4, 4, 4],
}
HUNAN_OVERRIDES = {(2021, 8): 4, (2022, 7): 4, (2024, 1): 3}

# Offsets of each organic parameter's class position relative to the month's class, and the
# parameters that drive misses.
SECTION_PROFILE = {
    "liaowei": ({"codmn": -1.0, "cod": -0.2, "bod5": -0.8, "nh3n": 0.0, "tp": -0.1}, ["nh3n", "tp", "cod"]),
    "cuizhuang": ({"codmn": -0.3, "cod": 0.0, "bod5": -0.5, "nh3n": -0.2, "tp": -0.1}, ["cod", "tp", "nh3n"]),
    "hunan_rd": ({"codmn": 0.0, "cod": -0.6, "bod5": -0.6, "nh3n": -0.4, "tp": -0.1}, ["codmn", "tp"]),
    "tanzhuang": ({"codmn": -0.6, "cod": -1.0, "bod5": -0.9, "nh3n": -1.2, "tp": 0.0}, ["tp"]),
}
DO_FACTOR = {"liaowei": 0.80, "cuizhuang": 0.72, "hunan_rd": 0.95, "tanzhuang": 0.97}


def _section_meta():
    return {s[0]: {"river": s[3], "town": s[4], "wbt": s[6], "target": s[7]} for s in SECTIONS}


def intended_classes(rng: np.random.Generator) -> dict[str, dict[dt.date, int]]:
    """The GB 3838 class of every section in every month 2021-2025 (the story)."""
    out: dict[str, dict[dt.date, int]] = {}
    all_months = months(dt.date(FIRST_YEAR, 1, 1), DATA_END)
    for s in SECTIONS:
        sid, target = s[0], s[7]
        cls = {}
        for mo in all_months:
            if sid == "liaowei":
                c = LIAOWEI_CLASSES[mo.year][mo.month - 1]
            elif sid == "cuizhuang":
                c = CUIZHUANG_CLASSES[mo.year][mo.month - 1]
            elif sid == "hunan_rd":
                c = HUNAN_OVERRIDES.get((mo.year, mo.month), 3 if 5 <= mo.month <= 10 else 2)
            elif sid == "tanzhuang":
                c = 3
            else:
                base = 3.35 if target == 4 else 4.15
                flood = {7: 0.8, 8: 0.8, 6: 0.3, 9: 0.3}.get(mo.month, 0.0)
                winter = 0.15 if mo.month in (1, 2, 12) else 0.0
                q = base + flood + winter - 0.15 * (mo.year - FIRST_YEAR) + float(rng.normal(0, 0.35))
                c = int(min(6, max(2, math.ceil(q))))
            cls[mo] = c
        out[sid] = cls
    return out


def water_temp(month: int, rng: np.random.Generator, reservoir: bool = False) -> float:
    amp = 11.5 if reservoir else 12.8
    t = 15.2 + amp * math.sin(2 * math.pi * (month - 4.3) / 12) + float(rng.normal(0, 1.0))
    return min(31.0, max(0.8, t))


def do_saturation(t: float) -> float:
    return 14.62 - 0.3898 * t + 0.006969 * t**2 - 0.00005897 * t**3


def monthly_means(std: Standard, rng: np.random.Generator, classes) -> dict[str, dict[dt.date, dict[str, float]]]:
    """The monthly mean of every evaluated and descriptive parameter, placed in the intended class."""
    meta = _section_meta()
    out: dict[str, dict[dt.date, dict[str, float]]] = {}
    for s in SECTIONS:
        sid = s[0]
        wbt = meta[sid]["wbt"]
        if sid in SECTION_PROFILE:
            offsets, drivers = SECTION_PROFILE[sid]
        else:
            offsets = {p: float(rng.normal(-0.35, 0.25)) for p in ORGANIC}
            drivers = ["nh3n", "tp", "cod", "codmn"]
        do_f = DO_FACTOR.get(sid, float(rng.uniform(0.78, 0.86)))
        per_month = {}
        for mo, c in classes[sid].items():
            m: dict[str, float] = {}
            flood = mo.month in (7, 8)
            for p in ORGANIC:
                q = c - 0.55 + offsets[p] + float(rng.normal(0, 0.18))
                if flood and p in FLOOD_PARAMS:
                    q += 0.3
                if p == "nh3n" and mo.month in (1, 2, 12):
                    q += 0.2
                m[p] = min(q, c - 0.12)
            usable = [p for p in drivers if std.band_nonempty(p, wbt, c)]
            if sid == "tanzhuang":
                m["tp"] = float(rng.uniform(c - 0.8, c - 0.2))
            elif usable:
                n = min(len(usable), 2 if c >= 5 else 1)
                pick = rng.choice(len(usable), size=n, replace=False)
                for i in sorted(int(x) for x in pick):
                    m[usable[i]] = max(m[usable[i]], float(rng.uniform(c - 0.85, c - 0.2)))
            means = {p: std.from_q(p, wbt, m[p]) for p in ORGANIC}
            t = water_temp(mo.month, rng, reservoir=(wbt == "reservoir"))
            f = do_f - (0.05 * max(0, c - 3)) - (0.08 if flood and wbt == "river" else 0.0)
            do = do_saturation(t) * f + float(rng.normal(0, 0.25))
            if std.klass("do", wbt, do) > c:
                do = std.from_q("do", wbt, c - float(rng.uniform(0.3, 0.7)))
            means["do"] = do
            means["water_temp"] = t
            ph_base = 8.15 if wbt == "reservoir" else 7.75
            means["ph"] = ph_base + 0.2 * math.sin(2 * math.pi * (mo.month - 4) / 12) + float(rng.normal(0, 0.12))
            if wbt == "reservoir":
                means["tn"] = float(rng.uniform(1.25, 1.95))
                means["fluoride"] = float(rng.uniform(1.12, 1.38))
                means["fecal_coliform"] = float(np.exp(rng.normal(5.3, 0.6)))
            else:
                level = 2.9 if sid == "hunan_rd" else 5.3 + 0.3 * (c - 4)
                tn = level + (0.4 if sid == "hunan_rd" else 1.2) * math.cos(2 * math.pi * (mo.month - 1) / 12)
                lo, hi = (2.2, 4.0) if sid == "hunan_rd" else (3.1, 7.9)
                means["tn"] = min(hi, max(lo, tn + float(rng.normal(0, 0.4))))
                means["fluoride"] = float(rng.uniform(0.38, 0.92))
                fc_mu = 6.8 if sid == "hunan_rd" else 8.3 + 0.3 * (c - 4)
                means["fecal_coliform"] = float(np.exp(rng.normal(fc_mu, 0.5)))
            per_month[mo] = means
        out[sid] = per_month
    return out


def _sample_value(std: Standard, p: str, mean: float, rel: float) -> str:
    """One reported value: mean x (1 + rel) for concentrations, mean + rel-scaled shift for pH/DO/T."""
    if p in ("ph",):
        v = mean + rel * 1.0
    elif p in ("do", "water_temp"):
        v = mean + rel * 4.0
        if p == "do":
            v = min(v, 14.5)  # never above saturation at 0 °C
    else:
        v = mean * (1 + rel)
    return fnum(max(v, 0.0), REPORT_DEC[p])


def gen_readings(std: Standard, rng: np.random.Generator, classes, means) -> list[list]:
    rows: list[list] = []
    for s in SECTIONS:
        sid = s[0]
        for mo, m in means[sid].items():
            if sid in TWICE_MONTHLY:
                days = [int(rng.integers(3, 13)), int(rng.integers(17, 27))]
            else:
                days = [int(rng.integers(5, 21))]
            rels = [0.0] if len(days) == 1 else [float(rng.uniform(0.02, 0.12))] * 2
            for i, day in enumerate(days):
                on = dt.date(mo.year, mo.month, day)
                sign = 1 if i == 0 else -1
                for p in std.codes:
                    if p in TRACE:
                        dl, share, (lo, hi) = TRACE[p]
                        if rng.random() < share:
                            value = "<" + fnum(dl, 6)
                        else:
                            value = fnum(float(rng.uniform(lo, hi)) if hi > lo else lo * 1.2, REPORT_DEC[p])
                    elif p == "fecal_coliform":
                        value = fnum(m[p] * (1 + sign * rels[0] * 2), 0)
                    else:
                        value = _sample_value(std, p, m[p], sign * rels[0] if len(days) > 1 else 0.0)
                    rows.append([sid, p, on.isoformat(), "", value, "manual"])
    return rows


TROPHIC_SECTIONS = ("tanzhuang",)  # lake/reservoir sections with chlorophyll a and transparency (TLI, §2.8)


def gen_trophic_readings(rng: np.random.Generator, manual_rows: list[list]) -> list[list]:
    """Chlorophyll a (mg/m³) and transparency (cm) on the days the reservoir was sampled: chlorophyll
    peaks in summer and falls about 6 % a year; transparency falls as chlorophyll rises. With the
    reservoir's TP, TN and CODMn this reads mesotrophic most of the year and lightly eutrophic in some
    summers. Drawn from their own random stream: the other readings do not change."""
    rows: list[list] = []
    days = sorted({(r[0], r[2]) for r in manual_rows if r[0] in TROPHIC_SECTIONS})
    for sid, on in days:
        d = dt.date.fromisoformat(on)
        seasonal = math.exp(0.85 * math.sin(2 * math.pi * (d.month - 4.5) / 12))
        chla = 7.5 * seasonal * 0.94 ** (d.year - FIRST_YEAR) * math.exp(float(rng.normal(0, 0.18)))
        sd_m = min(3.0, max(0.3, 1.45 * (chla / 7.5) ** -0.4 * math.exp(float(rng.normal(0, 0.08)))))
        rows.append([sid, "chla", on, "", fnum(chla, 1), "manual"])
        rows.append([sid, "transparency", on, "", fnum(sd_m * 100, 0), "manual"])
    return rows


def gen_auto_readings(rng: np.random.Generator, means) -> list[list]:
    """Every 4 hours in 2025 at the two automatic stations; month means of daily means match `means`."""
    rows: list[list] = []
    days = [dt.date(2025, 1, 1) + dt.timedelta(days=i) for i in range(365)]
    gaps = {  # (section, first day, last day): station down
        "liaowei": [(dt.date(2025, 3, 11), dt.date(2025, 3, 13)), (dt.date(2025, 9, 24), dt.date(2025, 9, 24))],
        "hunan_rd": [
            (dt.date(2025, 5, 20), dt.date(2025, 5, 22)),
            OUTAGE,
            (dt.date(2025, 11, 5), dt.date(2025, 11, 5)),
        ],
    }
    for sid in AUTO_SECTIONS:
        n = len(days) * len(AUTO_HOURS)
        # day-to-day AR(1) variation, shared shape across parameters with parameter-specific noise
        ar = np.zeros(len(days))
        for i in range(1, len(days)):
            ar[i] = 0.7 * ar[i - 1] + float(rng.normal(0, 0.08))
        storm = np.zeros(len(days))
        if sid == "liaowei":  # overflow events of the Songgui Ave pump station after heavy rain
            for start in (dt.date(2025, 6, 27), dt.date(2025, 7, 18), dt.date(2025, 8, 6), dt.date(2025, 8, 21)):
                i0 = (start - days[0]).days
                storm[i0 : i0 + 2] = [1.0, 0.5]
        keep = np.ones(n, dtype=bool)
        for a, b in gaps[sid]:
            for i, d in enumerate(days):
                if a <= d <= b:
                    keep[i * 6 : (i + 1) * 6] = False
        keep &= rng.random(n) > 0.01
        keep[(dt.date(2025, 8, 2) - days[0]).days * 6 + 3 : (dt.date(2025, 8, 2) - days[0]).days * 6 + 6] = False
        day_idx = np.repeat(np.arange(len(days)), 6)
        hours = np.tile(np.array(AUTO_HOURS), len(days))
        diurnal = np.cos(2 * np.pi * (hours - 16) / 24)  # +1 at 16:00
        series: dict[str, np.ndarray] = {}
        for p in AUTO_PARAMS:
            noise = rng.normal(0, 0.04, n)
            if p == "water_temp":
                raw = 0.8 * diurnal + rng.normal(0, 0.3, n)
            elif p == "ph":
                raw = 0.08 * diurnal + 0.3 * ar[day_idx] + rng.normal(0, 0.03, n)
            elif p == "do":
                raw = np.exp(0.12 * diurnal - 0.5 * ar[day_idx] - 0.25 * storm[day_idx] + noise)
            else:
                k = {"codmn": 0.4, "nh3n": 0.8, "tp": 0.6, "tn": 0.2}[p]
                raw = np.exp(ar[day_idx] + k * storm[day_idx] + noise - 0.03 * diurnal)
            series[p] = raw
        month_of = np.array([d.month for d in days])[day_idx]
        for p in AUTO_PARAMS:
            vals = series[p].copy()
            for mth in range(1, 13):
                target = means[sid][dt.date(2025, mth, 1)][p]
                sel = (month_of == mth) & keep
                # mean of daily means of this month
                dm = pd.Series(vals[sel]).groupby(day_idx[sel]).mean().mean()
                idx = month_of == mth
                if p in ("water_temp", "ph"):
                    vals[idx] = vals[idx] + (target - dm)
                else:
                    vals[idx] = vals[idx] * (target / dm)
            if p == "do":  # never above saturation at 0 °C (the importer rejects that as impossible)
                vals = np.minimum(vals, 14.5)
            series[p] = vals
        for i in range(n):
            if not keep[i]:
                continue
            d = days[day_idx[i]]
            at = f"{d.isoformat()} {hours[i]:02d}:00:00"
            for p in AUTO_PARAMS:
                rows.append([sid, p, d.isoformat(), at, fnum(max(series[p][i], 0.0), AUTO_DEC[p]), "auto"])
    return rows


# ---------------------------------------------------------------------------------------------
# How the data arrive (issue 12): the sample is cut at an as-of moment in its latest month
# ---------------------------------------------------------------------------------------------

OUTAGE = (dt.date(2025, 10, 8), dt.date(2025, 10, 13))  # the Hunan Rd station is down for six days
NO_FLOW = [("zlz_zha", dt.date(2025, 5, 1), "dry", "上游来水断绝，闸上河道干涸，无法采样")]
MISSING = [("lihaiwu_qiao", dt.date(2025, 9, 1))]  # no sample taken that month: no data at all
# (section, parameter, sampled_on, first reported value, reported on, revised on, note): the
# laboratory's November result arrived late and was revised after re-analysis; readings.csv holds the
# revised value, reading_revisions.csv the superseded one.
REVISION = (
    "cuizhuang",
    "nh3n",
    "2025-11",
    "2.46",
    dt.date(2025, 12, 2),
    dt.date(2025, 12, 9),
    "实验室复测更正（原报数据稀释倍数录入错误）",
)
REVISION_HEADER = [
    "section_id",
    "parameter",
    "sampled_on",
    "sampled_at",
    "source",
    "value",
    "reported_on",
    "revised_on",
    "note",
]


def arrived(rows: list[list]) -> list[list]:
    """The readings as they stand at AS_OF: no automatic reading after it, no manual sample of its
    month, nothing for a no-flow or missing section-month."""
    gone = {(sid, mo.isoformat()[:7]) for sid, mo, *_ in NO_FLOW} | {(sid, mo.isoformat()[:7]) for sid, mo in MISSING}
    cut_month = AS_OF.date().isoformat()[:7]
    cut_at = AS_OF.strftime("%Y-%m-%d %H:%M:%S")
    out = []
    for r in rows:
        sid, on, at, source = r[0], r[2], r[3], r[5]
        if (sid, on[:7]) in gone:
            continue
        if source == "manual" and on[:7] >= cut_month:
            continue
        if source == "auto" and at > cut_at:
            continue
        out.append(r)
    return out


def unchecked_months() -> set[tuple[str, str]]:
    """The section-months whose class the story does not pin: the running month, no flow, missing."""
    cut = AS_OF.date().isoformat()[:7]
    return (
        {(s[0], cut) for s in SECTIONS}
        | {(sid, mo.isoformat()[:7]) for sid, mo, *_ in NO_FLOW}
        | {(sid, mo.isoformat()[:7]) for sid, mo in MISSING}
    )


def gen_revisions(rows: list[list]) -> list[list]:
    """The superseded value of REVISION: the month's latest manual sample of that parameter."""
    sid, param, month, old, reported_on, revised_on, note = REVISION
    hits = sorted(r[2] for r in rows if r[0] == sid and r[1] == param and r[5] == "manual" and r[2][:7] == month)
    return [[sid, param, hits[-1], "", "manual", old, reported_on.isoformat(), revised_on.isoformat(), note]]


def check_classes(std: Standard, classes, reading_rows: list[list]) -> list[tuple]:
    """(section, month, intended, computed) wherever the GB 3838 evaluation would differ from the story."""
    meta = _section_meta()
    df = pd.DataFrame(reading_rows, columns=["section_id", "parameter", "sampled_on", "sampled_at", "value", "source"])
    below = df.value.str.startswith("<")
    df["v"] = np.where(
        below, df.value.str.lstrip("<").astype(float) / 2, pd.to_numeric(df.value.where(~below), errors="coerce")
    )
    df["month"] = df.sampled_on.str.slice(0, 7)
    auto = (
        df[df.source == "auto"]
        .groupby(["section_id", "parameter", "month", "sampled_on"])
        .v.mean()
        .groupby(["section_id", "parameter", "month"])
        .mean()
    )
    manual = df[df.source == "manual"].groupby(["section_id", "parameter", "month"]).v.mean()
    merged = manual.to_dict()
    for k, v in auto.to_dict().items():
        merged[k] = v
    bad = []
    excluded = {s[0]: set(filter(None, s[10].split(";"))) for s in SECTIONS}
    worst: dict[tuple[str, str], int] = {}
    for (sid, p, month), v in merged.items():
        if not std.enters.get(p) or p in excluded[sid]:
            continue
        k = std.klass(p, meta[sid]["wbt"], v)
        if k is None:
            continue
        worst[(sid, month)] = max(worst.get((sid, month), 0), k)
    for sid, cls in classes.items():
        for mo, c in cls.items():
            got = worst.get((sid, mo.isoformat()[:7]))
            if got != c:
                bad.append((sid, mo.isoformat()[:7], c, got))
    return bad


# ---------------------------------------------------------------------------------------------
# River outfalls and their inspections
# ---------------------------------------------------------------------------------------------

OUTFALL_HEADER = [
    "outfall_id",
    "name_zh",
    "category",
    "sub_type",
    "river_id",
    "town_id",
    "lon",
    "lat",
    "status",
    "remediation",
    "approval_state",
    "is_direct_sewage",
    "responsible_unit",
    "tracing_result",
    "discovered_on",
    "traced_on",
    "rectification_deadline",
    "rectified_on",
    "closed_on",
]
OUTFALL_LABEL = {
    "urban_storm": "雨水排口",
    "combined_overflow": "合流制溢流口",
    "urban_scattered": "生活污水直排口",
    "rural_scattered": "农村生活污水散排口",
    "rural_facility": "农村污水处理设施排口",
    "irrigation": "灌溉退水口",
    "small_livestock": "养殖户排口",
    "small_aquaculture": "坑塘养殖排口",
    "livestock_farm": "养殖场排污口",
    "aquaculture": "水产养殖场排口",
    "industrial_enterprise": "企业排污口",
    "industrial_storm": "企业雨水排口",
}
# sub_type weights per township kind (urban Huxi vs the rural towns); direct outfalls are added separately.
SUBTYPE_WEIGHTS = {
    "huxi": {
        "urban_storm": 0.62,
        "combined_overflow": 0.06,
        "rural_scattered": 0.08,
        "irrigation": 0.08,
        "small_livestock": 0.04,
        "industrial_storm": 0.06,
        "industrial_enterprise": 0.03,
        "small_aquaculture": 0.03,
    },
    "rural": {
        "rural_scattered": 0.30,
        "urban_storm": 0.12,
        "irrigation": 0.17,
        "small_livestock": 0.12,
        "small_aquaculture": 0.07,
        "livestock_farm": 0.07,
        "aquaculture": 0.04,
        "rural_facility": 0.05,
        "industrial_enterprise": 0.03,
        "industrial_storm": 0.03,
    },
}
STATUS_WEIGHTS = {"surveyed": 0.17, "monitored": 0.25, "traced": 0.12, "rectifying": 0.13, "closed": 0.33}
ENTERPRISES = [
    "山东聊城鲁西纺织有限公司",
    "聊城市江北食品有限公司",
    "聊城市润通机械制造有限公司",
    "山东水城建材有限公司",
    "聊城市东方包装有限公司",
    "聊城市运河酿造有限公司",
]
FARMS = [
    "聊城市靖堤口养殖专业合作社",
    "聊城市宓城集生猪养殖场",
    "于集镇兴旺肉牛养殖场",
    "朱老庄镇鑫源水产养殖场",
    "李海务街道顺发养鸡场",
]
TRACING = {
    "urban_storm": [
        "雨水管网与污水管网混接，沿街商户污水混入雨水管",
        "上游小区阳台废水接入雨水管网",
        "雨水管网内淤积，初期雨水污染物浓度高",
    ],
    "combined_overflow": [
        "合流管网雨天溢流，来水为松桂大街泵站上游片区生活污水",
        "泵站抽排能力不足，降雨时合流污水溢流",
    ],
    "urban_scattered": ["沿河居民生活污水经暗管直排入河", "临街餐饮门店污水直排入河"],
    "rural_scattered": ["村庄生活污水经边沟排入河道", "农户旱厕渗滤液及洗涤废水散排"],
    "rural_facility": ["村污水处理设施运行不正常，出水超标"],
    "irrigation": ["农田退水，携带化肥流失的氮磷", "排口上游无明显污染源，系农田退水"],
    "small_livestock": ["养殖户粪污未经处理经沟渠排入", "养殖圈舍冲洗水排入河道"],
    "small_aquaculture": ["坑塘养殖换水尾水排入"],
    "livestock_farm": ["养殖场粪污贮存池渗漏，雨天外溢入河", "养殖场冲洗废水未资源化利用直接外排"],
    "aquaculture": ["养殖尾水未经处理排放"],
    "industrial_enterprise": ["企业污水处理设施超负荷运行，出水超标", "企业生产废水与雨水混排"],
    "industrial_storm": ["企业厂区雨污混接，雨水排口有生产废水流出"],
}


def _remediation(sub_type: str, rng: np.random.Generator) -> str:
    if sub_type in ("urban_scattered", "small_livestock", "small_aquaculture"):
        return "ban" if rng.random() < 0.7 else "merge"
    if sub_type in ("rural_scattered", "combined_overflow"):
        return ["merge", "ban", "regularise"][int(rng.choice(3, p=[0.5, 0.2, 0.3]))]
    return "regularise" if rng.random() < 0.8 else "merge"


def _responsible(sub_type: str, town: str, rng: np.random.Generator) -> str:
    if sub_type in ("industrial_enterprise", "industrial_storm"):
        return ENTERPRISES[int(rng.integers(len(ENTERPRISES)))]
    if sub_type in ("livestock_farm", "aquaculture"):
        return FARMS[int(rng.integers(len(FARMS)))]
    if sub_type in ("urban_storm", "combined_overflow") and town == "huxi":
        return "区住房和城乡建设局" if rng.random() < 0.5 else "区城市管理局"
    if sub_type in ("irrigation", "small_livestock", "small_aquaculture") and rng.random() < 0.3:
        return "区农业农村局"
    return TOWN_ZH[town]


def gen_outfalls(geo: Geo, rng: np.random.Generator, facilities: list[list]) -> list[list]:
    reaches = []
    for river in (r[0] for r in RIVERS):
        for town in (t[0] for t in TOWNS):
            length = geo.reach_length(river, town)
            if length > 300:
                reaches.append((river, town, length * (2.0 if town == "huxi" else 1.0)))
    total = sum(r[2] for r in reaches)
    n_regular = 283
    counts = [int(round(n_regular * r[2] / total)) for r in reaches]
    recs = []  # (river, town, sub_type, direct)
    for (river, town, _), n in zip(reaches, counts):
        w = SUBTYPE_WEIGHTS["huxi" if town == "huxi" else "rural"]
        keys = list(w)
        probs = np.array([w[k] for k in keys])
        for i in rng.choice(len(keys), size=n, p=probs / probs.sum()):
            recs.append((river, town, keys[int(i)], False))
    # 15 domestic-sewage direct outfalls: mostly Huxi on the Tuhai and the SNWD canal.
    direct_places = (
        [("tuhai", "huxi")] * 8
        + [("snwd", "huxi")] * 3
        + [("sixin", "lihaiwu"), ("yangjiao", "lihaiwu"), ("zhaowang", "yuji"), ("zhaowang", "zhulaozhuang")]
    )
    for river, town in direct_places:
        recs.append((river, town, "urban_scattered", True))
    recs.sort(key=lambda r: ([x[0] for x in RIVERS].index(r[0]), [t[0] for t in TOWNS].index(r[1])))

    statuses = list(STATUS_WEIGHTS)
    sp = np.array([STATUS_WEIGHTS[k] for k in statuses])
    rows: list[list[str]] = []
    seq: dict[tuple[str, str], int] = {}
    direct_open_left = 2
    for river, town, sub_type, direct in recs:
        seq[(river, town)] = seq.get((river, town), 0) + 1
        num = seq[(river, town)]
        oid = f"{river}-{town[:3]}-{num:03d}"
        category = {
            "livestock_farm": "agricultural",
            "aquaculture": "agricultural",
            "industrial_enterprise": "industrial",
            "industrial_storm": "industrial",
        }.get(sub_type, "other")
        name = f"{RIVER_ZH[river]}{TOWN_SHORT[town]}段{OUTFALL_LABEL[sub_type]}{num:02d}"
        lon, lat = geo.near_river_point(rng, river, town)
        if direct:
            if direct_open_left > 0 and town == "huxi":
                status = "rectifying"
                direct_open_left -= 1
            else:
                status = "closed"
            discovered = rand_date(rng, dt.date(2021, 3, 1), dt.date(2022, 12, 31))
        else:
            status = statuses[int(rng.choice(len(statuses), p=sp))]
            lo = {
                "surveyed": dt.date(2023, 1, 1),
                "monitored": dt.date(2021, 1, 1),
                "traced": dt.date(2022, 1, 1),
                "rectifying": dt.date(2023, 3, 1),
                "closed": dt.date(2021, 1, 1),
            }[status]
            hi = {
                "surveyed": dt.date(2025, 12, 15),
                "monitored": dt.date(2025, 10, 31),
                "traced": dt.date(2025, 9, 30),
                "rectifying": dt.date(2025, 8, 31),
                "closed": dt.date(2024, 10, 31),
            }[status]
            discovered = rand_date(rng, lo, hi)
        traced = deadline = rectified = closed = None
        remediation = tracing = ""
        if status in ("traced", "rectifying", "closed"):
            traced = min(add_days(discovered, int(rng.integers(20, 200))), dt.date(2025, 12, 20))
            remediation = "ban" if direct else _remediation(sub_type, rng)
            opts = TRACING[sub_type]
            tracing = opts[int(rng.integers(len(opts)))]
            if status == "traced" and rng.random() < 0.5:
                deadline = add_days(traced, int(rng.integers(90, 240)))
        if status == "rectifying":
            assert traced is not None
            deadline = add_days(traced, int(rng.integers(180, 600)))
        if status == "closed":
            assert traced is not None
            if direct:
                traced = min(traced, dt.date(2023, 3, 31))
                deadline = min(add_days(traced, int(rng.integers(60, 180))), dt.date(2023, 10, 31))
                rectified = add_days(traced, int(rng.integers(30, max(31, (deadline - traced).days))))
                closed = min(add_days(rectified, int(rng.integers(10, 45))), dt.date(2023, 12, 20))
            else:
                deadline = add_days(traced, int(rng.integers(90, 300)))
                rectified = add_days(traced, int(rng.integers(30, 330)))
                closed = min(add_days(rectified, int(rng.integers(10, 90))), dt.date(2025, 12, 28))
                rectified = min(rectified, closed)
        if direct and status == "rectifying":
            # the two open direct outfalls: one overdue, one due in 2026
            deadline = dt.date(2025, 9, 30) if direct_open_left == 1 else dt.date(2026, 3, 31)
        needs_approval = sub_type == "industrial_enterprise"
        if needs_approval:
            approval = "approved" if status != "surveyed" and rng.random() < 0.8 else "pending"
        elif status == "surveyed":
            approval = "none" if rng.random() < 0.75 else "pending"
        elif remediation == "ban":
            approval = "none"
        else:
            approval = "registered" if rng.random() < 0.75 else "pending"
        responsible = _responsible(sub_type, town, rng)
        rows.append(
            [
                oid,
                name,
                category,
                sub_type,
                river,
                town,
                fnum(lon, 5),
                fnum(lat, 5),
                status,
                remediation,
                approval,
                _b(direct),
                responsible,
                tracing,
                iso(discovered),
                iso(traced),
                iso(deadline),
                iso(rectified),
                iso(closed),
            ]
        )
    # the two WWTP outfalls (regular, approved, monitored)
    fac = {f[0]: f for f in facilities}
    for fid, river, num, discovered in (
        ("yuji_wwtp", "zhaowang", 90, dt.date(2021, 4, 12)),
        ("zhulaozhuang_wwtp", "yangjiao", 91, dt.date(2024, 3, 1)),
    ):
        f = fac[fid]
        town = f[4]
        lon, lat = geo.snap(river, float(f[9]), float(f[10]))
        if not geo.inside(town, lon, lat):
            raise AssertionError(f"{fid} outfall outside {town}")
        rows.append(
            [
                f"{river}-{town[:3]}-{num:03d}",
                f"{f[2]}排污口",
                "urban_wwtp",
                "urban_wwtp",
                river,
                town,
                fnum(lon, 5),
                fnum(lat, 5),
                "monitored",
                "",
                "approved",
                "false",
                f[2],
                "",
                iso(discovered),
                "",
                "",
                "",
                "",
            ]
        )
    return rows


def gen_outfall_inspections(rng: np.random.Generator, outfalls: list[list]) -> list[list]:
    rows = []
    h = OUTFALL_HEADER
    for o in outfalls:
        rec = dict(zip(h, o))
        if rec["status"] == "surveyed":
            continue
        strict = rec["category"] in ("urban_wwtp", "industrial")
        limits = {"cod": 50.0, "nh3n": 5.0, "tp": 0.5} if strict else {"cod": 30.0, "nh3n": 1.5, "tp": 0.3}
        discovered = dt.date.fromisoformat(rec["discovered_on"])
        end = dt.date.fromisoformat(rec["closed_on"]) if rec["closed_on"] else DATA_END
        traced = dt.date.fromisoformat(rec["traced_on"]) if rec["traced_on"] else None
        lo = add_days(discovered, 5)
        if lo > end:
            continue
        n = int(rng.integers(1, 9))
        dates = sorted({rand_date(rng, lo, end) for _ in range(n)})
        if rec["sub_type"] == "urban_wwtp":
            dates = sorted(
                {
                    dt.date(y, m, 15)
                    for y in range(discovered.year, 2026)
                    for m in (3, 6, 9, 12)
                    if lo <= dt.date(y, m, 15) <= end
                }
            )[-8:]
        dry_share = 0.45 if rec["sub_type"] in ("urban_storm", "irrigation", "industrial_storm") else 0.15
        if rec["sub_type"] in ("urban_wwtp",):
            dry_share = 0.0
        for d in dates:
            has_flow = rng.random() >= dry_share
            before_fix = traced is not None and d <= traced
            p_exceed = 0.45 if before_fix else (0.03 if rec["sub_type"] == "urban_wwtp" else 0.08)
            exceed = rng.random() < p_exceed
            for p in ("cod", "nh3n", "tp"):
                if not has_flow:
                    value = ""
                else:
                    over = exceed and (p != "cod" or rng.random() < 0.6)
                    f = float(rng.uniform(1.1, 4.0)) if over else float(rng.uniform(0.25, 0.92))
                    value = fnum(limits[p] * f, {"cod": 1, "nh3n": 2, "tp": 3}[p])
                rows.append([rec["outfall_id"], iso(d), p, _b(has_flow), value, fnum(limits[p], 1)])
    return rows


# ---------------------------------------------------------------------------------------------
# Facilities, plant effluent, pipes, blank areas
# ---------------------------------------------------------------------------------------------

FACILITY_HEADER = [
    "facility_id",
    "kind",
    "name_zh",
    "name_en",
    "town_id",
    "capacity_m3_d",
    "status",
    "built_on",
    "commissioned_on",
    "lon",
    "lat",
]


def gen_facilities(geo: Geo) -> list[list]:
    songgui = street_line("huxi", "松桂大街")
    x_lon, x_lat = geo.crossing("tuhai", songgui)
    pump = (round(x_lon - 0.0009, 5), round(x_lat + 0.0006, 5))  # on the bank, west of the crossing
    rows = [
        [
            "yuji_wwtp",
            "wwtp",
            "于集镇污水处理厂",
            "Yuji town WWTP",
            "yuji",
            "5000",
            "operating",
            "2012-04-01",
            "2012-11-01",
            "116.0735",
            "36.4468",
        ],
        [
            "zhulaozhuang_wwtp",
            "wwtp",
            "朱老庄镇污水处理厂",
            "Zhulaozhuang town WWTP",
            "zhulaozhuang",
            "3000",
            "operating",
            "2023-03-15",
            "2024-03-01",
            "116.0715",
            "36.4205",
        ],
        [
            "songgui_pump",
            "pump_station",
            "松桂大街泵站",
            "Songgui Ave pump station",
            "huxi",
            "",
            "operating",
            "2009-05-01",
            "2009-08-01",
            fnum(pump[0], 5),
            fnum(pump[1], 5),
        ],
        [
            "songgui_overflow",
            "overflow_point",
            "松桂大街泵站溢流口",
            "Songgui Ave pump-station overflow",
            "huxi",
            "",
            "operating",
            "",
            "",
            fnum(x_lon - 0.0003, 5),
            fnum(x_lat + 0.0001, 5),
        ],
        [
            "dongguan_overflow",
            "overflow_point",
            "东关街合流溢流点",
            "Dongguan St combined overflow",
            "huxi",
            "",
            "closed",
            "",
            "",
            "116.0171",
            "36.4612",
        ],
        [
            "liaoyang_overflow",
            "overflow_point",
            "聊阳路东钱村溢流点",
            "Liaoyang Rd Dongqian village overflow",
            "huxi",
            "",
            "closed",
            "",
            "",
            "116.0231",
            "36.4535",
        ],
        [
            "zhouzhuang_overflow",
            "overflow_point",
            "李海务周庄泵站溢流点",
            "Zhouzhuang pump overflow, Lihaiwu",
            "lihaiwu",
            "",
            "operating",
            "",
            "",
            "115.9985",
            "36.4172",
        ],
    ]
    for r in rows:
        if not geo.inside(r[4], float(r[9]), float(r[10]), margin_m=30):
            raise AssertionError(f"facility {r[0]} outside {r[4]}")
    return rows


EFFLUENT_HEADER = [
    "facility_id",
    "month",
    "cod_mg_l",
    "bod5_mg_l",
    "nh3n_mg_l",
    "tp_mg_l",
    "tn_mg_l",
    "ss_mg_l",
    "flow_m3_d",
    "water_temp_c",
]


def gen_plant_effluent(rng: np.random.Generator) -> list[list]:
    rows = []
    plants = [
        ("yuji_wwtp", 5000.0, dt.date(2021, 1, 1), (0.80, 0.98)),
        ("zhulaozhuang_wwtp", 3000.0, dt.date(2024, 3, 1), (0.40, 0.70)),
    ]
    failing = {
        ("yuji_wwtp", dt.date(2022, 1, 1)): ("nh3n", 2.06),
        ("yuji_wwtp", dt.date(2023, 8, 1)): ("tp", 0.34),
        ("zhulaozhuang_wwtp", dt.date(2025, 1, 1)): ("nh3n", 1.68),
    }
    for fid, cap, start, (lo, hi) in plants:
        for i, mo in enumerate(months(start, DATA_END)):
            season = math.sin(2 * math.pi * (mo.month - 4.3) / 12)  # +1 in July
            temp = 16.5 + 7.5 * season + float(rng.normal(0, 0.6))
            cold = max(0.0, -season)
            cod = float(rng.uniform(14, 25)) + 2.0 * cold
            bod5 = cod * float(rng.uniform(0.15, 0.22))
            nh3n = float(rng.uniform(0.25, 0.75)) + 0.55 * cold
            tp = float(rng.uniform(0.08, 0.22)) + (0.04 if mo.month in (7, 8) else 0.0)
            tn = float(rng.uniform(8.2, 11.5)) + 2.2 * cold
            ss = float(rng.uniform(4, 9))
            if fid == "zhulaozhuang_wwtp":
                load = lo + (hi - lo) * min(1.0, 0.35 + 0.03 * i) * float(rng.uniform(0.85, 1.0))
            else:
                load = lo + (hi - lo) * (0.45 + 0.45 * max(0.0, season) + float(rng.uniform(0.0, 0.1)))
            load = min(hi, max(lo, load))
            fail = failing.get((fid, mo))
            vals = {"cod": cod, "bod5": bod5, "nh3n": nh3n, "tp": tp}
            if fail:
                vals[fail[0]] = fail[1]
            rows.append(
                [
                    fid,
                    iso(mo),
                    fnum(vals["cod"], 1),
                    fnum(vals["bod5"], 1),
                    fnum(vals["nh3n"], 2),
                    fnum(vals["tp"], 2),
                    fnum(min(tn, 13.9), 1),
                    fnum(ss, 1),
                    fnum(round(cap * load, -1), 0),
                    fnum(temp, 1),
                ]
            )
    return rows


PIPE_PREFIX = {"huxi": "HX", "lihaiwu": "LH", "yuji": "YJ", "zhulaozhuang": "ZL"}


def _combined_share(town: str, street: str, mid_ll: tuple[float, float]) -> float:
    """Probability that a block of a street was built as a combined (rain + sewage) pipe."""
    lon, lat = mid_ll
    if town == "huxi":
        if street == "松桂大街":
            return 1.0
        if lon >= 116.008 and lat >= 36.452:  # the old town next to the Tuhai
            return 0.42
        return 0.05
    if street in ("于集大街", "朱老庄大街", "李海务大街", "文化路", "兴业路", "运河路"):
        return 0.5
    return 0.08


def gen_pipes(geo: Geo, rng: np.random.Generator, pump_ll: tuple[float, float]) -> list[dict]:
    segs: list[dict[str, Any]] = []  # dict per segment before the separation history is assigned
    for town in (t[0] for t in TOWNS):
        area = geo.town_m[town].buffer(-60)
        for street, orient, c, a, b in STREETS[town]:
            ends = [(a, c), (b, c)] if orient == "ew" else [(c, a), (c, b)]
            clipped = line_m(ends).intersection(area)
            parts = [g for g in getattr(clipped, "geoms", [clipped]) if g.length > 40]
            for part in parts:
                total = part.length
                cuts, s = [], 0.0
                while total - s > 1e-6:
                    seg = float(rng.uniform(40, 145))
                    if total - s - seg < 40:
                        seg = total - s
                    if seg > 240:
                        seg = (total - s) / 2
                    cuts.append((s, s + seg))
                    s += seg
                blocks: dict[int, bool] = {}
                block_kind: dict[int, str] = {}
                for s0, s1 in cuts:
                    blk = int(((s0 + s1) / 2) // 450)
                    if blk not in blocks:
                        mid = part.interpolate((s0 + s1) / 2)
                        blocks[blk] = bool(rng.random() < _combined_share(town, street, to_ll(mid.x, mid.y)))
                        block_kind[blk] = "sewage" if rng.random() < 0.5 else "rain"
                    combined = blocks[blk]
                    offsets = [(0.0, "combined")] if combined else [(6.0, "rain"), (-6.0, "sewage")]
                    for off, kind in offsets:
                        p0, p1 = part.interpolate(s0), part.interpolate(s1)
                        dx, dy = p1.x - p0.x, p1.y - p0.y
                        norm = math.hypot(dx, dy)
                        nx, ny = -dy / norm, dx / norm
                        n_mid = int(rng.integers(0, 3))
                        fr = sorted(float(x) for x in rng.uniform(0.2, 0.8, n_mid))
                        pts = [(p0.x, p0.y)]
                        for f in fr:
                            j = float(rng.uniform(-2.5, 2.5))
                            pts.append((p0.x + dx * f + nx * j, p0.y + dy * f + ny * j))
                        pts.append((p1.x, p1.y))
                        coords = [to_ll(x + nx * off, y + ny * off) for x, y in pts]
                        segs.append(
                            {
                                "town": town,
                                "street": street,
                                "kind": kind,
                                "combined": combined,
                                "block": (town, street, blk),
                                "block_kind": block_kind[blk],
                                "coords": coords,
                            }
                        )
    # separation history: blocks separated 2021-2023, except the Songgui Ave segments next to the pump.
    pump_m = Point(to_m(*pump_ll))
    songgui = [i for i, sg in enumerate(segs) if sg["combined"] and sg["street"] == "松桂大街"]
    songgui.sort(key=lambda i: line_m(segs[i]["coords"]).distance(pump_m))
    late = songgui[:8]  # still combined at the end of 2023
    block_dates: dict[tuple, tuple[dt.date, dt.date]] = {}
    features = []
    counters = {t: 0 for t in PIPE_PREFIX}
    for i, sg in enumerate(segs):
        town = sg["town"]
        counters[town] += 1
        pid = f"{PIPE_PREFIX[town]}{counters[town]:05d}"
        kind, status, started, separated = sg["kind"], "none", None, None
        if sg["combined"]:
            if i in late:
                rank = late.index(i)
                if rank < 3:  # still combined at the end of 2025
                    kind = "combined"
                    status = "planned" if rank == 2 else "in_progress"
                    started = None if rank == 2 else dt.date(2025, 4, 7)
                else:
                    kind = sg["block_kind"]
                    status = "done"
                    started = dt.date(2024, 3, 18) if rank < 6 else dt.date(2025, 4, 7)
                    separated = add_days(started, 150 + 35 * rank)
            else:
                if sg["block"] not in block_dates:
                    sep = rand_date(rng, dt.date(2021, 3, 1), dt.date(2023, 11, 30))
                    block_dates[sg["block"]] = (add_days(sep, -int(rng.integers(60, 300))), sep)
                started, separated = block_dates[sg["block"]]
                kind, status = sg["block_kind"], "done"
        if kind == "rain":
            diameter = int(rng.choice([600, 800, 1000, 1200]))
        elif kind == "sewage":
            diameter = int(rng.choice([300, 400, 500, 600]))
        else:
            diameter = int(rng.choice([800, 1000, 1200]))
        props = {
            "pipe_id": pid,
            "kind": kind,
            "was_combined": sg["combined"],
            "diameter_mm": diameter,
            "length_m": round(length_m(sg["coords"]), 1),
            "town_id": town,
            "road_zh": sg["street"],
            "retrofit_status": status,
            "retrofit_started_on": iso(started) or None,
            "separated_on": iso(separated) or None,
        }
        features.append(_line_feature(props, sg["coords"]))
    return features


BLANK_AREAS = [
    ("ba01", "湖西街道七里铺村片区", "huxi", "2021-05-10", "2022-09-30", 116.0085, 36.4575),
    ("ba02", "湖西街道东关老城片区", "huxi", "2021-08-16", "2023-06-30", 116.0195, 36.4662),
    ("ba03", "李海务街道周庄片区", "lihaiwu", "2022-03-02", "2023-11-15", 115.9990, 36.4260),
    ("ba04", "于集镇人民路东段", "yuji", "2022-06-20", "2023-09-30", 116.0920, 36.4585),
    ("ba05", "朱老庄镇镇前街片区", "zhulaozhuang", "2023-02-11", "2023-12-15", 116.0650, 36.4325),
    ("ba06", "李海务街道崔庄村片区", "lihaiwu", "2023-09-05", "", 116.0180, 36.4300),
    ("ba07", "于集镇富民路北片区", "yuji", "2025-04-18", "", 116.0840, 36.4655),
]


def gen_blank_areas(geo: Geo) -> list[list]:
    rows = []
    for aid, name, town, found, closed, lon, lat in BLANK_AREAS:
        if not geo.inside(town, lon, lat, margin_m=50):
            raise AssertionError(f"blank area {aid} outside {town}")
        rows.append([aid, name, town, found, closed, fnum(lon, 5), fnum(lat, 5)])
    return rows


# body_id, name_zh, name_en, kind, town, status, found, rectify_started, cleared, closed, length, lon, lat
WATER_BODIES = [
    (
        "wb_hunan_rail",
        "湖南路铁路桥西南北沟",
        "North-south ditch west of the Hunan Rd railway bridge",
        "urban",
        "huxi",
        "closed",
        "2018-05-20",
        "2018-09-01",
        "2019-06-30",
        "2019-12-20",
        1250,
        115.9945,
        36.4508,
    ),
    (
        "wb_dongqian",
        "聊阳路东钱村东西沟",
        "East-west ditch at Dongqian village, Liaoyang Rd",
        "urban",
        "huxi",
        "closed",
        "2019-04-15",
        "2019-07-01",
        "2020-06-30",
        "2020-11-30",
        860,
        116.0245,
        36.4528,
    ),
    (
        "wb_xiaowang",
        "湖西街道小王村西沟",
        "West ditch of Xiaowang village, Huxi",
        "rural",
        "huxi",
        "closed",
        "2023-08-10",
        "2023-10-15",
        "2024-05-20",
        "2024-11-28",
        610,
        115.9890,
        36.4720,
    ),
    (
        "wb_zhouzhuang",
        "李海务街道周庄村南坑塘",
        "Pond south of Zhouzhuang village, Lihaiwu",
        "rural",
        "lihaiwu",
        "cleared",
        "2023-03-28",
        "2023-06-01",
        "2024-09-30",
        "",
        280,
        115.9905,
        36.4105,
    ),
    (
        "wb_qianliu",
        "于集镇前刘村坑塘",
        "Pond of Qianliu village, Yuji",
        "rural",
        "yuji",
        "rectifying",
        "2023-06-12",
        "2024-04-08",
        "",
        "",
        320,
        116.0880,
        36.4690,
    ),
    (
        "wb_houtun",
        "朱老庄镇后屯村东沟",
        "East ditch of Houtun village, Zhulaozhuang",
        "rural",
        "zhulaozhuang",
        "found",
        "2025-08-20",
        "",
        "",
        "",
        540,
        116.0900,
        36.4280,
    ),
]
WB_HEADER = [
    "body_id",
    "name_zh",
    "name_en",
    "kind",
    "town_id",
    "status",
    "found_on",
    "rectify_started_on",
    "cleared_on",
    "closed_on",
    "length_m",
    "lon",
    "lat",
]


def gen_water_bodies(geo: Geo) -> list[list]:
    rows = []
    for w in WATER_BODIES:
        if not geo.inside(w[4], w[11], w[12], margin_m=50):
            raise AssertionError(f"water body {w[0]} outside {w[4]}")
        rows.append(list(w[:10]) + [str(w[10]), fnum(w[11], 5), fnum(w[12], 5)])
    return rows


def gen_water_body_inspections(rng: np.random.Generator) -> list[list]:
    rows = []
    for w in WATER_BODIES:
        bid = w[0]
        found = dt.date.fromisoformat(w[6])
        rect = dt.date.fromisoformat(w[7]) if w[7] else None
        cleared = dt.date.fromisoformat(w[8]) if w[8] else None
        dates = [dt.date(y, m, 15) for y in range(FIRST_YEAR, 2026) for m in (2, 5, 8, 11)]
        dates = [d for d in dates if d >= found]
        if found.year >= FIRST_YEAR:
            dates = sorted(set(dates) | {add_days(found, 3)})
        for d in dates:
            if cleared is not None and d >= cleared:
                state = "clean"
            elif rect is not None and d >= rect:
                state = "light"
            else:
                state = "heavy"
            depth = float(rng.uniform(60, 150))
            for point in (1, 2, 3):
                st = state
                if state == "heavy" and rng.random() < 0.25:
                    st = "light"
                if st == "heavy":
                    v = (rng.uniform(4, 9.5), rng.uniform(0.05, 0.18), rng.uniform(-320, -210), rng.uniform(15.5, 24))
                elif st == "light":
                    v = (rng.uniform(11, 23), rng.uniform(0.3, 1.8), rng.uniform(-180, 40), rng.uniform(8.5, 14))
                else:
                    v = (rng.uniform(30, 60), rng.uniform(3, 8), rng.uniform(80, 250), rng.uniform(0.4, 4))
                rows.append(
                    [
                        bid,
                        iso(d),
                        str(point),
                        fnum(v[0], 0),
                        fnum(v[1], 2),
                        fnum(v[2], 0),
                        fnum(v[3], 2),
                        fnum(depth + float(rng.uniform(-10, 10)), 0),
                    ]
                )
    return rows


# ---------------------------------------------------------------------------------------------
# The plan: targets, progress, tasks, updates, projects, compensation rules
# ---------------------------------------------------------------------------------------------

ECO = ("市生态环境局度假区分局", "Ecology & environment branch")
HOUSING = ("区住房和城乡建设局", "Housing & construction bureau")
AGRI = ("区农业农村局", "Agriculture & rural affairs bureau")

# target_id, title_zh, title_en, measure, goal, direction, unit, is_per_town, owner
TARGETS = [
    (
        "S1",
        "徒骇河聊位路桥断面基本消除劣Ⅴ类",
        "Tuhai at Liaowei Rd bridge: basically no months worse than class V",
        "section_months_worse_than_v:liaowei",
        "0",
        "le",
        "月",
        False,
        ECO,
    ),
    (
        "S2",
        "四新河崔庄桥断面基本消除劣Ⅴ类",
        "Sixin at Cuizhuang bridge: basically no months worse than class V",
        "section_months_worse_than_v:cuizhuang",
        "0",
        "le",
        "月",
        False,
        ECO,
    ),
    (
        "S3",
        "南水北调湖南路桥断面达到Ⅲ类",
        "SNWD canal at Hunan Rd bridge: class III",
        "section_class:hunan_rd",
        "3",
        "le",
        "类",
        False,
        ECO,
    ),
    (
        "S4",
        "区控断面达标率稳步提升",
        "District-controlled sections: attainment rate rising",
        "district_attainment_rise",
        "0",
        "ge",
        "百分点",
        False,
        ECO,
    ),
    (
        "S5",
        "谭庄水库水质达到或优于Ⅲ类（地质原因指标除外）",
        "Tanzhuang reservoir: class III or better, geological indicators excepted",
        "section_class:tanzhuang",
        "3",
        "le",
        "类",
        False,
        ECO,
    ),
    (
        "P1",
        "于集镇、朱老庄镇污水处理厂出水达到地表水Ⅳ类（总氮除外）",
        "Yuji and Zhulaozhuang WWTP effluent: surface class IV, TN excepted",
        "plant_quasi_iv_rate",
        "100",
        "ge",
        "%",
        False,
        HOUSING,
    ),
    (
        "U1",
        "城市建成区市政雨污合流管网动态清零",
        "Urban combined (rain+sewage) pipes: dynamic zero",
        "combined_pipe_km",
        "0",
        "le",
        "km",
        True,
        HOUSING,
    ),
    (
        "U2",
        "消除管网空白区和生活污水直排口",
        "No pipe-network blank areas and no domestic-sewage direct outfalls",
        "open_blank_areas_direct_outfalls",
        "0",
        "le",
        "个",
        False,
        HOUSING,
    ),
    (
        "U3",
        "城市建成区黑臭水体动态清零",
        "Urban black-odorous water bodies: dynamic zero",
        "open_black_odorous_urban",
        "0",
        "le",
        "个",
        False,
        HOUSING,
    ),
    (
        "R1",
        "完成4个行政村农村生活污水治理",
        "Rural domestic sewage treated in 4 administrative villages",
        "reported:villages_done",
        "4",
        "ge",
        "个",
        False,
        ECO,
    ),
    (
        "R2",
        "畜禽粪污资源化利用率达到90%以上",
        "Livestock manure resource-utilisation rate at least 90 %",
        "reported:manure_utilisation_pct",
        "90",
        "ge",
        "%",
        False,
        AGRI,
    ),
    (
        "R3",
        "建制镇生活污水处理率达到省市要求",
        "Town-seat domestic sewage treatment rate meets the target",
        "reported:town_sewage_treatment_pct",
        "70",
        "ge",
        "%",
        True,
        HOUSING,
    ),
    (
        "N1",
        "高值及反弹断面总氮浓度得到有效控制",
        "Total nitrogen: rebound contained at high-TN sections",
        "tn_high_sections",
        "0",
        "le",
        "个",
        False,
        ECO,
    ),
    (
        "O1",
        "入河排污口全部纳入动态台账并依法审批或登记",
        "River outfalls: all in the ledger, approved or registered",
        "outfall_regularised_pct",
        "100",
        "ge",
        "%",
        False,
        ECO,
    ),
]
TARGET_HEADER = [
    "target_id",
    "year",
    "title_zh",
    "title_en",
    "measure",
    "goal_value",
    "direction",
    "unit",
    "deadline",
    "is_per_town",
    "owner_zh",
    "owner_en",
]


def gen_targets() -> list[list]:
    rows = []
    for year in (2023, 2024, 2025):
        for tid, zh, en, measure, goal, direction, unit, per_town, owner in TARGETS:
            rows.append(
                [
                    tid,
                    str(year),
                    zh,
                    en,
                    measure,
                    goal,
                    direction,
                    unit,
                    f"{year}-12-31",
                    _b(per_town),
                    owner[0],
                    owner[1],
                ]
            )
    return rows


def gen_target_progress(rng: np.random.Generator) -> list[list]:
    rows = []
    villages = {
        2023: [0, 0, 0, 1, 1, 2, 2, 3, 3, 3, 4, 4],
        2024: [0, 0, 1, 1, 1, 2, 2, 3, 3, 4, 4, 4],
        2025: [0, 0, 0, 1, 1, 2, 2, 2, 3, 3, 4, 4],
    }

    def reported(period: dt.date) -> dt.date:
        if period >= dt.date(2025, 12, 1):
            return dt.date(2025, 12, 29)
        return add_days(next_month(period), int(rng.integers(2, 8)))

    for year, vals in villages.items():
        for m, n_done in enumerate(vals, start=1):
            p = dt.date(year, m, 1)
            prev = vals[m - 2] if m > 1 else 0
            note = f"新完成1个行政村，累计{n_done}个" if n_done > prev else ""
            rows.append(["R1", "", iso(p), str(n_done), note, iso(reported(p))])
    for year in range(2022, 2026):
        for m in range(1, 13):
            p = dt.date(year, m, 1)
            base = {2022: 86.6, 2023: 88.4, 2024: 89.6, 2025: 90.6}[year] + 0.12 * m
            v = min(93.0, max(86.0, base + float(rng.normal(0, 0.5))))
            rows.append(["R2", "", iso(p), fnum(v, 1), "", iso(reported(p))])
    for town, start, slope, after in (("yuji", 72.0, 1.1, 0.0), ("zhulaozhuang", 60.5, 0.6, 11.0)):
        for i, (year, m) in enumerate((y, q) for y in (2023, 2024, 2025) for q in (3, 6, 9, 12)):
            p = dt.date(year, m, 1)
            v = start + slope * i + (after if p >= dt.date(2024, 3, 1) else 0.0) + float(rng.normal(0, 0.6))
            v = min(85.0, max(60.0, v))
            note = "朱老庄镇污水处理厂2024年3月投运" if town == "zhulaozhuang" and p == dt.date(2024, 3, 1) else ""
            rows.append(["R3", town, iso(p), fnum(v, 1), note, iso(reported(p))])
    return rows


ALL_TOWNS = "湖西街道;李海务街道;于集镇;朱老庄镇"
TASKS = [
    (1, "提高城镇污水收集处理能力", "Urban sewage collection", "区住房和城乡建设局;区城市管理局", "湖西街道"),
    (
        2,
        "开展城镇生活污水处理设施能力评估",
        "Urban sewage treatment capacity",
        "区城市管理局;区住房和城乡建设局",
        ALL_TOWNS,
    ),
    (
        3,
        "保障于集镇、朱老庄镇污水处理设施正常运行",
        "Town WWTPs and town-seat treatment rate",
        "区住房和城乡建设局",
        "市生态环境局度假区分局;" + ALL_TOWNS,
    ),
    (
        4,
        "巩固城市建成区黑臭水体治理成果",
        "Urban black-odorous water bodies",
        "区住房和城乡建设局",
        "区城市管理局;市生态环境局度假区分局;" + ALL_TOWNS,
    ),
    (5, "加强市政管网、闸门、泵站汛前管理", "Flood-season readiness", "区城市管理局;区住房和城乡建设局", ALL_TOWNS),
    (
        6,
        "严格涉水污染源执法监管",
        "Enforcement on water-related pollution sources",
        "市生态环境局度假区分局",
        ALL_TOWNS,
    ),
    (7, "狠抓水污染防治项目建设", "Water-pollution projects", "市生态环境局度假区分局", "区财政局;" + ALL_TOWNS),
    (
        8,
        "狠抓种植业、畜禽养殖业、水产养殖业污染防治",
        "Farming, livestock and aquaculture pollution",
        "区农业农村局",
        "市生态环境局度假区分局;" + ALL_TOWNS,
    ),
    (9, "梯次推进农村生活污水治理", "Rural domestic sewage", "市生态环境局度假区分局", "区农业农村局;" + ALL_TOWNS),
    (
        10,
        "保障重点河湖生态流量及涵闸联合管控",
        "Ecological base flow and joint sluice control",
        "区农业农村局;市生态环境局度假区分局",
        ALL_TOWNS,
    ),
    (
        11,
        "严防汛期水质反弹",
        "Prevent the flood-season rebound",
        "市生态环境局度假区分局",
        "区农业农村局;区住房和城乡建设局;区城市管理局;" + ALL_TOWNS,
    ),
    (
        12,
        "开展总氮治理专项行动",
        "Total nitrogen special action",
        "市生态环境局度假区分局",
        "区住房和城乡建设局;区城市管理局;区农业农村局;" + ALL_TOWNS,
    ),
    (
        13,
        "加强入河排污口监督管理",
        "River outfalls",
        "市生态环境局度假区分局",
        "区农业农村局;区住房和城乡建设局;区城市管理局;区行政审批服务局;" + ALL_TOWNS,
    ),
    (
        14,
        "加快补齐医疗机构污水处理设施短板",
        "Medical-institution wastewater",
        "市生态环境局度假区分局;区卫生和计划生育局",
        ALL_TOWNS,
    ),
    (
        15,
        "强化饮用水水源地保护监管",
        "Drinking-water source protection",
        "市生态环境局度假区分局",
        "区农业农村局;区城市管理局;市自然资源和规划局度假区分局;区卫生和计划生育局;" + ALL_TOWNS,
    ),
]


# English names of the units the tasks name (departments and townships)
UNIT_EN = {
    ECO[0]: ECO[1],
    HOUSING[0]: HOUSING[1],
    AGRI[0]: AGRI[1],
    "区城市管理局": "Urban management bureau",
    "区财政局": "Finance bureau",
    "区行政审批服务局": "Administrative approval bureau",
    "区卫生和计划生育局": "Health & family planning bureau",
    "市自然资源和规划局度假区分局": "Natural resources & planning branch",
    **{TOWN_ZH[t]: TOWN_EN[t] for t in TOWN_ZH},
}


def units_en(units: str) -> str:
    """'区财政局;湖西街道' -> 'Finance bureau;Huxi subdistrict' (the same order)."""
    return ";".join(UNIT_EN[u] for u in units.split(";"))


def gen_tasks() -> list[list]:
    # task 2 is due "before the flood season" (确保在汛前发挥效益): the 2023 season's start (069_flood_season.sql)
    return [
        [
            str(n),
            zh,
            en,
            lead,
            resp,
            "2023-06-30" if n in (5, 11) else "2023-06-01" if n == 2 else "2023-12-31",
            units_en(lead),
            units_en(resp),
        ]
        for n, zh, en, lead, resp in TASKS
    ]


# Task progress in 2023: (task, town or '', [(month, day, pct, note)]), status derived from pct.
TASK_NOTES = {
    1: [
        "完成松桂大街段雨污分流改造设计",
        "老城片区雨污分流施工",
        "松桂大街泵站上游混接点排查完成",
        "松桂大街泵站附近合流管段施工受阻，转入2024年",
    ],
    2: ["启动污水处理能力评估", "完成于集镇污水处理厂负荷评估", "形成评估报告并上报"],
    3: ["于集镇污水处理厂运行正常", "朱老庄镇污水处理厂主体施工", "朱老庄镇污水处理厂设备安装"],
    4: ["开展黑臭水体巡查", "完成两处黑臭水体水质复测", "建立长效管护台账"],
    5: ["开展管网清淤", "泵站、闸门汛前检修", "完成汛前准备"],
    6: ["开展五河沿线涉水污染源排查", "完成重点企业执法检查", "对2家企业立案查处"],
    7: ["梳理年度水污染防治项目", "项目资金拨付过半", "项目储备库更新"],
    8: ["靖堤口村、宓城集村畜禽粪污排查", "粪污资源化利用设施建设", "粪污资源化利用率达到90%"],
    9: ["确定4个治理村", "完成2个村治理", "完成4个村治理"],
    10: ["制定生态流量保障方案", "开展涵闸联合调度", "汛期超标时及时联合调度"],
    11: ["汛前沿河排查", "清理沿河垃圾及淤积", "汛前清理整治完成"],
    12: ["确定总氮高值断面", "开展总氮溯源监测", "溯源监测数据未到位", "形成总氮问题清单"],
    13: ["开展入河排污口拉网式排查", "完成排口监测", "完成超标排口溯源", "排口动态台账建立"],
    14: ["医疗机构污水处理情况摸底", "督促整改", "整改完成"],
    15: ["水源地保护区标志设置", "开展全覆盖监测", "风险源排查完成"],
}


def gen_task_updates(rng: np.random.Generator) -> list[list]:
    rows = []
    lead_zh = {n: lead.split(";")[0] for n, _, _, lead, _ in TASKS}
    for n, *_ in TASKS:
        notes = TASK_NOTES[n]
        if n == 3:
            towns = ["yuji", "zhulaozhuang"]
        elif n == 9:
            towns = ["huxi", "lihaiwu", "yuji", "zhulaozhuang"]
        elif n == 1:
            towns = ["huxi"]
        else:
            towns = [""]
        for town in towns:
            reporter = TOWN_ZH[town] if town else lead_zh[n]
            if n in (5, 11):
                plan = [(3, 10), (4, 25), (5, 25), (6, 20)] if n == 5 else [(3, 15), (5, 10), (6, 26), (7, 25)]
                pcts = [15, 45, 80, 100] if n == 5 else [10, 40, 85, 100]
            elif n == 1:
                plan = [(2, 20), (4, 20), (6, 20), (8, 20), (10, 20), (12, 27)]
                pcts = [15, 30, 50, 65, 78, 85]
            else:
                plan = [
                    (2, int(rng.integers(8, 25))),
                    (4, int(rng.integers(8, 25))),
                    (6, int(rng.integers(8, 25))),
                    (8, int(rng.integers(8, 25))),
                    (10, int(rng.integers(8, 25))),
                    (12, int(rng.integers(5, 20))),
                ]
                pcts = [10, 30, 50, 70, 90, 100]
            for i, ((m, d), pct) in enumerate(zip(plan, pcts)):
                status = "done" if pct >= 100 else ("not_started" if pct == 0 else "in_progress")
                note = notes[min(len(notes) - 1, i * len(notes) // len(plan))]
                if n == 12 and m == 8:
                    status, note = "blocked", "溯源监测数据未到位，等待监测结果"
                rows.append([str(n), iso(dt.date(2023, m, d)), town, status, str(pct), note, reporter])
    # task 1 carried over: the Songgui Ave combined segments next to the pump station
    for day, pct, note in (
        (dt.date(2024, 3, 20), 88, "松桂大街泵站附近合流管段改造复工"),
        (dt.date(2024, 9, 25), 92, "完成3段合流管分流改造"),
        (dt.date(2025, 6, 18), 95, "剩余合流管段施工中"),
        (dt.date(2025, 12, 23), 97, "剩余3段合流管，1段待实施，2段施工中"),
    ):
        rows.append(["1", iso(day), "huxi", "in_progress", str(pct), note, "湖西街道"])
    # routine follow-up reports in 2024-2025, incl. the last days of 2025
    recent = [
        (6, dt.date(2024, 6, 14), "", "2024年涉水污染源专项执法检查完成"),
        (13, dt.date(2024, 11, 20), "", "新发现排口纳入动态台账"),
        (12, dt.date(2025, 7, 8), "", "汛期总氮加密监测"),
        (9, dt.date(2025, 12, 22), "zhulaozhuang", "2025年度农村生活污水治理村验收"),
        (13, dt.date(2025, 12, 24), "", "完成年度入河排口监测，超标排口已交办溯源"),
        (6, dt.date(2025, 12, 26), "", "冬季涉水企业执法检查"),
        (15, dt.date(2025, 12, 29), "", "谭庄水库水源地年度评估完成"),
        (12, dt.date(2025, 12, 30), "", "总氮问题清单年度销号情况汇总"),
        (9, dt.date(2025, 12, 31), "yuji", "前刘村坑塘整治进展上报"),
    ]
    for n, day, town, note in recent:
        rows.append(
            [
                str(n),
                iso(day),
                town,
                "done" if n != 9 or town != "yuji" else "in_progress",
                "100" if n != 9 or town != "yuji" else "80",
                note,
                TOWN_ZH[town] if town else lead_zh[n],
            ]
        )
    rows.sort(key=lambda r: (int(r[0]), r[1], r[2]))
    return [r + [NOTE_EN[r[5]], UNIT_EN[r[6]]] for r in rows]


# English of every task-update note above
NOTE_EN = {
    "完成松桂大街段雨污分流改造设计": "Design of the Songgui Ave rain/sewage separation done",
    "老城片区雨污分流施工": "Rain/sewage separation under construction in the old town",
    "松桂大街泵站上游混接点排查完成": "Cross-connections upstream of the Songgui Ave pump station surveyed",
    "松桂大街泵站附近合流管段施工受阻，转入2024年": "Combined segments by the Songgui Ave pump station held up; carried over to 2024",
    "启动污水处理能力评估": "Sewage treatment capacity assessment started",
    "完成于集镇污水处理厂负荷评估": "Load assessment of the Yuji town WWTP done",
    "形成评估报告并上报": "Assessment report written and submitted",
    "于集镇污水处理厂运行正常": "Yuji town WWTP operating normally",
    "朱老庄镇污水处理厂主体施工": "Zhulaozhuang town WWTP: main works under construction",
    "朱老庄镇污水处理厂设备安装": "Zhulaozhuang town WWTP: equipment being installed",
    "开展黑臭水体巡查": "Black-odorous water bodies inspected",
    "完成两处黑臭水体水质复测": "Water quality of two black-odorous bodies re-tested",
    "建立长效管护台账": "Long-term maintenance ledger set up",
    "开展管网清淤": "Sewer dredging under way",
    "泵站、闸门汛前检修": "Pump stations and sluice gates overhauled before the flood season",
    "完成汛前准备": "Flood-season preparations complete",
    "开展五河沿线涉水污染源排查": "Water-related pollution sources along the five rivers surveyed",
    "完成重点企业执法检查": "Enforcement inspections of key enterprises done",
    "对2家企业立案查处": "Cases opened against 2 enterprises",
    "梳理年度水污染防治项目": "This year's water-pollution projects listed",
    "项目资金拨付过半": "Over half of the project funds disbursed",
    "项目储备库更新": "Project pipeline updated",
    "靖堤口村、宓城集村畜禽粪污排查": "Livestock manure surveyed in Jingdikou and Michengji villages",
    "粪污资源化利用设施建设": "Manure utilisation facilities under construction",
    "粪污资源化利用率达到90%": "Manure utilisation rate reached 90 %",
    "确定4个治理村": "4 villages chosen for treatment",
    "完成2个村治理": "2 villages treated",
    "完成4个村治理": "4 villages treated",
    "制定生态流量保障方案": "Ecological base-flow plan drawn up",
    "开展涵闸联合调度": "Joint sluice operation under way",
    "汛期超标时及时联合调度": "Joint sluice operation when flood-season water exceeds limits",
    "汛前沿河排查": "Riverside survey before the flood season",
    "清理沿河垃圾及淤积": "Riverside litter and silt cleared",
    "汛前清理整治完成": "Pre-flood clean-up complete",
    "确定总氮高值断面": "High-TN sections identified",
    "开展总氮溯源监测": "TN source-tracing monitoring under way",
    "溯源监测数据未到位": "Source-tracing monitoring data not yet in",
    "形成总氮问题清单": "TN problem list drawn up",
    "溯源监测数据未到位，等待监测结果": "Source-tracing monitoring data not yet in; waiting for results",
    "开展入河排污口拉网式排查": "Full sweep of river outfalls under way",
    "完成排口监测": "Outfall monitoring done",
    "完成超标排口溯源": "Outfalls over their limits traced to their sources",
    "排口动态台账建立": "Dynamic outfall ledger set up",
    "医疗机构污水处理情况摸底": "Wastewater treatment at medical institutions surveyed",
    "督促整改": "Rectification being pressed",
    "整改完成": "Rectification complete",
    "水源地保护区标志设置": "Signs put up at the source protection zone",
    "开展全覆盖监测": "Full-coverage monitoring under way",
    "风险源排查完成": "Risk sources surveyed",
    "松桂大街泵站附近合流管段改造复工": "Work resumed on the combined segments by the Songgui Ave pump station",
    "完成3段合流管分流改造": "3 combined segments separated",
    "剩余合流管段施工中": "Remaining combined segments under construction",
    "剩余3段合流管，1段待实施，2段施工中": "3 combined segments left: 1 to start, 2 under construction",
    "2024年涉水污染源专项执法检查完成": "2024 special enforcement on water-related pollution sources done",
    "新发现排口纳入动态台账": "Newly found outfalls added to the dynamic ledger",
    "汛期总氮加密监测": "More frequent TN monitoring in the flood season",
    "2025年度农村生活污水治理村验收": "2025 rural domestic sewage villages accepted",
    "完成年度入河排口监测，超标排口已交办溯源": "Annual outfall monitoring done; outfalls over limits assigned for tracing",
    "冬季涉水企业执法检查": "Winter enforcement inspections of water-related enterprises",
    "谭庄水库水源地年度评估完成": "Annual assessment of the Tanzhuang reservoir source done",
    "总氮问题清单年度销号情况汇总": "Annual summary of TN problem-list items closed",
    "前刘村坑塘整治进展上报": "Progress on the Qianliu village ponds reported",
}


PROJECT_EN = {
    "pr01": "Songgui Ave rain/sewage separation",
    "pr02": "Huxi old-town rain/sewage separation",
    "pr03": "Yuji town WWTP upgrade and expansion",
    "pr04": "Zhulaozhuang town WWTP construction",
    "pr05": "Lihaiwu rural domestic sewage treatment",
    "pr06": "Yuji rural domestic sewage treatment",
    "pr07": "Manure utilisation in Jingdikou and Michengji villages",
    "pr08": "Tuhai river outfall regularisation",
    "pr09": "Tanzhuang reservoir drinking-water source upgrade",
}
PROJECTS = [
    ("pr01", "松桂大街雨污分流改造工程", 1, "huxi", 18_600_000, 16_200_000, 92, "2023-03-01", "2025-10-31"),
    ("pr02", "湖西街道老城片区雨污分流改造", 1, "huxi", 9_200_000, 9_200_000, 100, "2022-04-01", "2023-11-30"),
    ("pr03", "于集镇污水处理厂提标扩容工程", 3, "yuji", 12_000_000, 6_100_000, 55, "2024-05-01", "2026-06-30"),
    ("pr04", "朱老庄镇污水处理厂建设工程", 3, "zhulaozhuang", 21_500_000, 21_120_000, 100, "2023-02-15", "2024-02-29"),
    ("pr05", "李海务街道农村生活污水治理工程", 9, "lihaiwu", 3_200_000, 3_150_000, 100, "2023-03-01", "2023-12-31"),
    ("pr06", "于集镇农村生活污水治理工程", 9, "yuji", 2_800_000, 2_310_000, 85, "2024-03-01", "2025-12-31"),
    (
        "pr07",
        "靖堤口村、宓城集村畜禽粪污资源化利用工程",
        8,
        "yuji",
        1_600_000,
        1_600_000,
        100,
        "2023-04-01",
        "2023-10-31",
    ),
    ("pr08", "徒骇河入河排污口规范化整治工程", 13, "huxi", 4_500_000, 3_300_000, 75, "2023-06-01", "2025-06-30"),
    (
        "pr09",
        "谭庄水库饮用水水源地规范化建设",
        15,
        "zhulaozhuang",
        2_300_000,
        2_250_000,
        100,
        "2023-05-01",
        "2023-12-31",
    ),
]


def gen_projects() -> list[list]:
    return [
        [p[0], p[1], str(p[2]), p[3], str(p[4]), str(p[5]), str(p[6]), p[7], p[8], PROJECT_EN[p[0]]] for p in PROJECTS
    ]


def gen_compensation_rules() -> list[list]:
    rows = [
        [
            "F1",
            "liaowei",
            "4",
            "850000",
            "",
            "",
            "聊城江北水城旅游度假区",
            "Jiangbei Shuicheng resort",
            "东昌府区",
            "Dongchangfu district",
            "2021-01-01",
            "",
        ]
    ]
    for town in ("huxi", "lihaiwu", "yuji", "zhulaozhuang"):
        sid, weight = F2_SECTIONS[town]
        rows.append(
            [
                "F2",
                sid,
                "",
                "",
                "200000",
                fnum(weight, 1),
                TOWN_ZH[town],
                TOWN_EN[town],
                "度假区管委会",
                "Resort administration",
                "2021-01-01",
                "",
            ]
        )
    return rows


# ---------------------------------------------------------------------------------------------
# Headers and the entry point
# ---------------------------------------------------------------------------------------------

HEADERS = {
    "river_network.csv": ["river_id", "flows_into_id", "confluence_km", "line_drawn"],
    "sections.csv": SECTION_HEADER,
    "readings.csv": ["section_id", "parameter", "sampled_on", "sampled_at", "value", "source"],
    "outfalls.csv": OUTFALL_HEADER,
    "outfall_inspections.csv": ["outfall_id", "inspected_on", "parameter", "has_flow", "value", "limit_value"],
    "facilities.csv": FACILITY_HEADER,
    "plant_effluent.csv": EFFLUENT_HEADER,
    "network_blank_areas.csv": ["area_id", "name_zh", "town_id", "found_on", "closed_on", "lon", "lat"],
    "water_bodies.csv": WB_HEADER,
    "water_body_inspections.csv": [
        "body_id",
        "inspected_on",
        "point_no",
        "transparency_cm",
        "do_mg_l",
        "orp_mv",
        "nh3n_mg_l",
        "depth_cm",
    ],
    "targets.csv": TARGET_HEADER,
    "target_progress.csv": ["target_id", "town_id", "period", "value", "note", "reported_on"],
    "tasks.csv": [
        "task_no",
        "title_zh",
        "title_en",
        "lead_units",
        "responsible_units",
        "deadline",
        "lead_units_en",
        "responsible_units_en",
    ],
    "task_updates.csv": [
        "task_no",
        "updated_on",
        "town_id",
        "status",
        "progress_pct",
        "note_zh",
        "reported_by",
        "note_en",
        "reported_by_en",
    ],
    "projects.csv": [
        "project_id",
        "name_zh",
        "task_no",
        "town_id",
        "budget_cny",
        "spent_cny",
        "completion_pct",
        "start_on",
        "due_on",
        "name_en",
    ],
    "compensation_rules.csv": [
        "rule_id",
        "section_id",
        "threshold_class",
        "amount_cny",
        "base_amount_cny",
        "weight",
        "payer_zh",
        "payer_en",
        "payee_zh",
        "payee_en",
        "valid_from",
        "valid_to",
    ],
    "no_flow_months.csv": ["section_id", "month", "reason_code", "note"],
    "reading_revisions.csv": REVISION_HEADER,
    "as_of.csv": ["as_of"],
}
GEOJSON_PROPERTIES = {
    "towns.geojson": ["town_id", "name_zh", "name_en", "kind"],
    "rivers.geojson": ["river_id", "name_zh", "name_en"],
    "pipes.geojson": [
        "pipe_id",
        "kind",
        "was_combined",
        "diameter_mm",
        "length_m",
        "town_id",
        "road_zh",
        "retrofit_status",
        "retrofit_started_on",
        "separated_on",
    ],
}

README = """# Sample data (illustrative)

Every file in this directory is **illustrative sample data**, not real measurements. It was generated
deterministically by `python -m bishui sample` (module `bishui/tools/sample.py`, fixed seed 20230510) around
the frame of the 2023 water-pollution-control work plan of the Liaocheng Jiangbei Shuicheng tourist
resort (聊城江北水城旅游度假区). The names of townships, rivers, the named monitoring sections, plants,
the pump station and the two urban black-odorous water bodies come from the plan; every coordinate,
concentration, date, outfall, pipe, project and progress figure is made up and must be labelled as
sample data wherever it is shown.

One file per warehouse table, in the canonical import format (headers = column names):
CSV in UTF-8 without BOM; GeoJSON in WGS-84 lon/lat. Do not edit by hand: change
`bishui/tools/sample.py` and regenerate.

river_network.csv says where each river flows (the Zhaowang into the Tuhai, the Yangjiao into the
Zhaowang), so that a miss can be traced to its reach (`python -m bishui trace`). Misses that trace
to a source: Tuhai at Liaowei Rd bridge, 2025-08 (an outfall over its limit); Zhaowang at Yuji bridge,
2023-08 (the Yuji WWTP's TP that month); Sixin at Liuji sluice, 2023-08 (a blank area); Sixin at
Cuizhuang bridge, 2021-02 (a combined-sewer overflow point); Tuhai at Liaowei Rd bridge, 2022-07
(came in from upstream, Qilipu); Tuhai at Huxi sluice, 2021-03 (nothing known: survey the reach).

The data arrive as real data do (docs/evaluation.md, "Completeness" and "Now"). as_of.csv records the
moment the set was cut, 2025-12-15 10:00: the app takes it for "now" unless BISHUI_TODAY is set, so
December 2025 is the running, provisional month (automatic data up to that moment, no manual sample
yet) and November 2025 the latest complete one. On the way:
- the Hunan Rd automatic station is down 2025-10-08 to 2025-10-13 (six days without automatic data);
- Yangjiao at Zhulaozhuang sluice ran dry in May 2025: no_flow_months.csv records the month (断流)
  with its reason, and it has no readings;
- Sixin at Lihaiwu bridge has no data at all for September 2025 (no sample was taken);
- Cuizhuang's NH3-N of 2025-11-19 arrived late (reported 2025-12-02 as 2.46 mg/L) and was revised on
  2025-12-09 after the laboratory's re-analysis: readings.csv holds the revised value, which the
  evaluation uses; reading_revisions.csv keeps the superseded one with both dates.
"""


def generate(out_dir: Path) -> list[Path]:
    """Write the illustrative district dataset into out_dir; returns the files written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    seeds = np.random.default_rng(SEED).integers(0, 2**62, size=16)
    rngs = [np.random.default_rng(int(s)) for s in seeds]
    geo = Geo()
    std = Standard()

    classes = intended_classes(rngs[0])
    means = monthly_means(std, rngs[1], classes)
    manual = gen_readings(std, rngs[2], classes, means)
    readings = arrived(manual + gen_trophic_readings(rngs[11], manual) + gen_auto_readings(rngs[3], means))
    skip = unchecked_months()
    mismatches = [m for m in check_classes(std, classes, readings) if (m[0], m[1]) not in skip]
    if mismatches:
        raise AssertionError(f"monthly classes differ from the story: {mismatches[:5]}")
    facilities = gen_facilities(geo)
    pump = (float(facilities[2][9]), float(facilities[2][10]))
    outfalls = gen_outfalls(geo, rngs[4], facilities)

    tables = {
        "river_network.csv": [list(r) for r in RIVER_NETWORK],
        "sections.csv": gen_sections(geo),
        "readings.csv": readings,
        "outfalls.csv": outfalls,
        "outfall_inspections.csv": gen_outfall_inspections(rngs[5], outfalls),
        "facilities.csv": facilities,
        "plant_effluent.csv": gen_plant_effluent(rngs[6]),
        "network_blank_areas.csv": gen_blank_areas(geo),
        "water_bodies.csv": gen_water_bodies(geo),
        "water_body_inspections.csv": gen_water_body_inspections(rngs[7]),
        "targets.csv": gen_targets(),
        "target_progress.csv": gen_target_progress(rngs[8]),
        "tasks.csv": gen_tasks(),
        "task_updates.csv": gen_task_updates(rngs[9]),
        "projects.csv": gen_projects(),
        "compensation_rules.csv": gen_compensation_rules(),
        "no_flow_months.csv": [[sid, mo.isoformat()[:7], code, note] for sid, mo, code, note in NO_FLOW],
        "reading_revisions.csv": gen_revisions(readings),
        "as_of.csv": [[AS_OF.strftime("%Y-%m-%dT%H:%M")]],
    }
    written = [
        write_geojson(out_dir / "towns.geojson", gen_towns()),
        write_geojson(out_dir / "rivers.geojson", gen_rivers()),
        write_geojson(out_dir / "pipes.geojson", gen_pipes(geo, rngs[10], pump)),
    ]
    for name, rows in tables.items():
        written.append(write_csv(out_dir / name, HEADERS[name], rows))
    written += sample_flow.generate(out_dir, write_csv)  # eco-flow, sluices, flood season (tasks 10, 5, 11)
    written += sample_medical.generate(out_dir)  # plan task 14 (own module and RNG)
    written += sample_enforcement.generate(out_dir)  # plan task 6 (own module and RNG)
    written.append(
        write_text(
            out_dir / "README.md", README + sample_flow.README + sample_medical.README + sample_enforcement.README
        )
    )
    written += sample_drinking_water.write(out_dir)  # task 15's files (own RNG; appends to README.md)
    written += sample_tn_action.write(out_dir)  # task 12's problem list (appends to README.md)
    return written


def main() -> None:
    files = generate(config.SAMPLE_DIR)
    total = sum(f.stat().st_size for f in files)
    print(f"wrote {len(files)} files ({total / 1e6:.1f} MB) to {config.SAMPLE_DIR}")


if __name__ == "__main__":
    main()
