"""The sample's drinking-water sources (plan task 15), written beside the rest of data/sample/.

Two sources near real places of the district (invented coordinates inside the townships of
towns.geojson): the Tanzhuang reservoir source (Zhulaozhuang) and the Yuji well field (groundwater).
The story: the reservoir releases manganese in the summer when it stratifies (Table 2 limit 0.1 mg/L:
over in 2024-08, 2025-07 and 2025-08); the well field's iron is high and goes over 0.3 mg/L in
2025-11, the latest complete month; the well field missed its February 2024 sample (Spring Festival);
a rural sewage facility's outfall (yangjiao-zhu-002, still open) lies in the reservoir's second-level
protection zone. Own seeded RNG: the other sample files do not change."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import numpy as np

from bishui import config
from bishui.tools import sample_io

SEED = 20231515
START = dt.date(2023, 1, 1)
AS_OF = sample_io.AS_OF

SOURCES = [
    # source_id, name_zh, name_en, source_type, town_id, river_id, lon, lat, target_class, supply_m3_d
    (
        "tanzhuang_res",
        "谭庄水库饮用水水源地",
        "Tanzhuang reservoir source",
        "reservoir",
        "zhulaozhuang",
        "",
        116.0605,
        36.406,
        3,
        30000,
    ),
    ("yuji_wells", "于集镇地下水井群水源地", "Yuji well field", "groundwater", "yuji", "", 116.045, 36.455, 3, 8000),
]
# zone radii in km around the intake: (first-level, second-level)
ZONES = {"tanzhuang_res": (0.4, 1.1), "yuji_wells": (0.1, 0.8)}

# typical values (reservoir, wells); units of data/reference/parameters.csv
TYPICAL = {
    "ph": (7.9, 7.4),
    "do": (8.0, 6.8),
    "codmn": (3.2, 1.2),
    "cod": (12.0, 5.0),
    "bod5": (2.2, 1.0),
    "nh3n": (0.25, 0.08),
    "tp": (0.03, 0.02),
    "tn": (1.1, 7.2),
    "cu": (0.005, 0.003),
    "zn": (0.02, 0.03),
    "fluoride": (0.45, 0.8),
    "se": (0.0004, 0.0005),
    "as": (0.0015, 0.002),
    "hg": (0.00002, 0.00002),
    "cd": (0.0002, 0.0002),
    "cr6": (0.004, 0.004),
    "pb": (0.002, 0.002),
    "cyanide": (0.002, 0.002),
    "phenol": (0.0006, 0.0005),
    "petroleum": (0.02, 0.01),
    "las": (0.04, 0.03),
    "sulfide": (0.01, 0.01),
    "fecal_coliform": (300.0, 20.0),
    "sulfate": (110.0, 180.0),
    "chloride": (60.0, 120.0),
    "nitrate": (0.9, 7.5),
    "fe": (0.06, 0.18),
    "mn": (0.03, 0.02),
}
# (source, month) -> {parameter: value}: the story's exceedances
STORY = {
    ("tanzhuang_res", dt.date(2024, 8, 1)): {"mn": 0.13},
    ("tanzhuang_res", dt.date(2025, 7, 1)): {"mn": 0.16},
    ("tanzhuang_res", dt.date(2025, 8, 1)): {"mn": 0.19},
    ("yuji_wells", dt.date(2025, 11, 1)): {"fe": 0.36},
}
SKIPPED = {("yuji_wells", dt.date(2024, 2, 1))}  # no sample that month
RISK_OUTFALL = "yangjiao-zhu-002"

README = """
Drinking-water sources (plan task 15; bishui/tools/sample_drinking_water.py): drinking_sources.csv holds
the Tanzhuang reservoir source (Zhulaozhuang) and the Yuji groundwater well field, with invented
intake points; drinking_source_zones.geojson their first- and second-level protection zones (circles
of 0.4/1.1 km and 0.1/0.8 km); drinking_source_samples.csv one sample a month from 2023-01 (GB 3838
Table 1 items and the five Table 2 items). The reservoir's manganese goes over the Table 2 limit
(0.1 mg/L) in the summers of 2024-08, 2025-07 and 2025-08; the well field missed its February 2024
sample (no data, never met) and its iron is over 0.3 mg/L in 2025-11, the latest complete month, so
task 15 reads at risk. The open rural sewage outfall yangjiao-zhu-002 lies in the reservoir's
second-level zone (a risk source on the map).
"""


def _months() -> list[dt.date]:
    out, m = [], START
    while m <= AS_OF.date():
        out.append(m)
        m = dt.date(m.year + m.month // 12, m.month % 12 + 1, 1)
    return out


def _circle(lon: float, lat: float, km: float, n: int = 32) -> list[list[float]]:
    dx = km / (111.32 * math.cos(math.radians(lat)))
    dy = km / 111.32
    ring = [
        [round(lon + dx * math.cos(2 * math.pi * i / n), 6), round(lat + dy * math.sin(2 * math.pi * i / n), 6)]
        for i in range(n)
    ]
    return ring + [ring[0]]


def gen_zones() -> list[dict]:
    feats = []
    for src in SOURCES:
        sid, lon, lat = src[0], src[6], src[7]
        for level, km in zip(("first", "second"), ZONES[sid]):
            feats.append(
                {
                    "type": "Feature",
                    "properties": {
                        "zone_id": f"{sid}-{1 if level == 'first' else 2}",
                        "source_id": sid,
                        "zone_level": level,
                    },
                    "geometry": {"type": "Polygon", "coordinates": [_circle(lon, lat, km)]},
                }
            )
    return feats


def _fmt(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


def gen_samples(rng: np.random.Generator) -> list[list]:
    params = sample_io.parameter_decimals(config.REFERENCE_DIR)
    rows = []
    for i, (sid, *_r) in enumerate(SOURCES):
        for month in _months():
            if (sid, month) in SKIPPED:
                continue
            day = int(rng.integers(6, 11)) if i == 0 else int(rng.integers(11, 15))
            on = month.replace(day=day)
            if on > AS_OF.date():
                continue
            summer = month.month in (7, 8, 9)
            story = STORY.get((sid, month), {})
            for p, typical in TYPICAL.items():
                base = typical[i]
                if p == "do":
                    base = base - (0.8 if summer else 0.0)
                if p == "mn" and i == 0 and summer:
                    base = 0.06
                v = story.get(
                    p, base * float(rng.uniform(0.85, 1.15)) if p != "ph" else base + float(rng.normal(0, 0.15))
                )
                d = params[p]
                rows.append([sid, on.isoformat(), p, _fmt(v, d if p != "fecal_coliform" else 0)])
    return rows


def write(out_dir: Path) -> list[Path]:
    """Write the three files into out_dir and append the story to its README.md; returns the files."""
    out_dir = Path(out_dir)
    rng = np.random.default_rng(SEED)
    written = [
        sample_io.write_csv(
            out_dir / "drinking_sources.csv",
            [
                "source_id",
                "name_zh",
                "name_en",
                "source_type",
                "town_id",
                "river_id",
                "lon",
                "lat",
                "target_class",
                "supply_m3_d",
            ],
            [list(s) for s in SOURCES],
        ),
        sample_io.write_geojson(out_dir / "drinking_source_zones.geojson", gen_zones()),
        sample_io.write_csv(
            out_dir / "drinking_source_samples.csv", ["source_id", "sampled_on", "parameter", "value"], gen_samples(rng)
        ),
    ]
    with open(out_dir / "README.md", "a", encoding="utf-8", newline="") as fh:
        fh.write(README)
    return written
