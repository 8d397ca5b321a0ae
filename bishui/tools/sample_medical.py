"""Illustrative medical institutions and their wastewater monitoring (plan task 14, GB 18466-2005)
for the sample district: medical_institutions.csv and medical_monitoring.csv. Its own seeded RNG, so
the rest of the sample is unchanged. The story is in README below (appended to data/sample/README.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np

from bishui.tools import sample_io

SEED = 20230514
FIRST = dt.date(2023, 1, 1)
AS_OF = dt.date(2025, 12, 15)

INSTITUTION_HEADER = [
    "institution_id",
    "name_zh",
    "name_en",
    "town_id",
    "level",
    "beds",
    "is_infectious",
    "treatment",
    "disinfection",
    "discharge_to",
    "river_id",
    "plant_id",
    "lon",
    "lat",
]
MONITORING_HEADER = [
    "institution_id",
    "sampled_on",
    "ph",
    "cod_mg_l",
    "bod5_mg_l",
    "ss_mg_l",
    "nh3n_mg_l",
    "fecal_coliform_mpn_l",
    "residual_chlorine_mg_l",
]

# (id, zh, en, town, level, beds, infectious, treatment, disinfection, discharge_to, river, plant, lon, lat)
INSTITUTIONS = [
    (
        "jb_hospital",
        "度假区人民医院",
        "Resort District People's Hospital",
        "huxi",
        "county",
        320,
        False,
        "secondary",
        "chlorine",
        "river",
        "tuhai",
        "",
        116.025,
        36.462,
    ),
    (
        "jb_tcm",
        "度假区中医医院",
        "Resort District TCM Hospital",
        "yuji",
        "county",
        120,
        False,
        "secondary",
        "chlorine_dioxide",
        "sewer",
        "",
        "yuji_wwtp",
        116.066,
        36.450,
    ),
    (
        "yuji_hc",
        "于集镇卫生院",
        "Yuji town health centre",
        "yuji",
        "township",
        40,
        False,
        "primary",
        "chlorine",
        "sewer",
        "",
        "yuji_wwtp",
        116.078,
        36.452,
    ),
    (
        "zlz_hc",
        "朱老庄镇卫生院",
        "Zhulaozhuang town health centre",
        "zhulaozhuang",
        "township",
        30,
        False,
        "primary",
        "chlorine",
        "sewer",
        "",
        "zhulaozhuang_wwtp",
        116.068,
        36.418,
    ),
    (
        "lhw_chc",
        "李海务街道社区卫生服务中心",
        "Lihaiwu community health centre",
        "lihaiwu",
        "township",
        25,
        False,
        "primary",
        "chlorine",
        "river",
        "sixin",
        "",
        116.003,
        36.420,
    ),
    (
        "huxi_station",
        "湖西街道社区卫生服务站",
        "Huxi community health station",
        "huxi",
        "village",
        12,
        False,
        "disinfection_only",
        "chlorine",
        "sewer",
        "",
        "",
        116.015,
        36.455,
    ),
    (
        "yuji_clinic",
        "于集镇刘集村卫生室",
        "Liuji village clinic, Yuji",
        "yuji",
        "village",
        0,
        False,
        "disinfection_only",
        "chlorine",
        "river",
        "sixin",
        "",
        116.090,
        36.458,
    ),
    (
        "zlz_clinic",
        "朱老庄镇中心诊所",
        "Zhulaozhuang central clinic",
        "zhulaozhuang",
        "village",
        8,
        False,
        "disinfection_only",
        "uv",
        "river",
        "yangjiao",
        "",
        116.080,
        36.410,
    ),
]

# typical effluent per kind of treatment: (low, high) per item
DIRECT = {
    "ph": (6.8, 7.8),
    "cod": (22, 48),
    "bod5": (6, 15),
    "ss": (8, 16),
    "nh3n": (3, 11),
    "fc": (60, 380),
    "cl": (3.6, 7.5),
}
PRETREATED = {
    "ph": (6.6, 8.0),
    "cod": (70, 190),
    "bod5": (30, 80),
    "ss": (20, 50),
    "nh3n": (12, 28),
    "fc": (400, 3200),
    "cl": (2.6, 6.5),
}
# the story: (institution, month) -> items overridden
EVENTS: dict[tuple[str, dt.date], dict[str, float]] = {
    ("jb_hospital", dt.date(2024, 7, 1)): {"fc": 720},  # summer: fecal coliform over 500
    ("yuji_hc", dt.date(2023, 3, 1)): {"cod": 268},  # over the pre-treatment 250
    ("zlz_hc", dt.date(2023, 6, 1)): {"cl": 2.6},  # below 3 (no working plant yet)
    ("zlz_hc", dt.date(2025, 7, 1)): {"cl": 1.4},  # summer: below the minimum 2
    ("zlz_hc", dt.date(2025, 8, 1)): {"cl": 1.1},
}
LAST_MONITORED = {"lhw_chc": dt.date(2025, 8, 1)}  # not monitored since August 2025
QUARTERLY = {"huxi_station", "yuji_clinic", "zlz_clinic"}  # disinfection only: sampled each quarter

README = """
Medical-institution wastewater (plan task 14; `bishui/tools/sample_medical.py`): medical_institutions.csv holds
8 institutions (the district hospital discharging to the Tuhai, the TCM hospital and the Yuji health
centre on the Yuji WWTP's sewer, the Zhulaozhuang health centre on the sewer of a plant that works only
from 2024-03, the Lihaiwu health centre discharging to the Sixin, and three small clinics that need only
disinfection), medical_monitoring.csv their monthly samples (the clinics quarterly) checked against
GB 18466-2005 (data/reference/medical_limits.csv). On the way: the hospital's fecal coliform is over 500
MPN/L in 2024-07; the Yuji health centre's COD over the pre-treatment 250 mg/L in 2023-03; the
Zhulaozhuang health centre's residual chlorine is below the minimum in 2023-06 (3 mg/L: no working plant
yet) and in the summer of 2025 (2025-07 and 2025-08: below 2 mg/L); the Lihaiwu health centre has not
been monitored since August 2025 (flagged as unmonitored at the sample's now).
"""


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    out, m = [], first
    while m <= last:
        out.append(m)
        m = dt.date(m.year + (m.month == 12), m.month % 12 + 1, 1)
    return out


def _value(rng: np.random.Generator, lo: float, hi: float, decimals: int) -> str:
    return f"{rng.uniform(lo, hi):.{decimals}f}"


def gen_monitoring(rng: np.random.Generator) -> list[list]:
    rows = []
    for inst in INSTITUTIONS:
        iid, disinfection, plant = inst[0], inst[8], inst[11]
        pre = bool(plant)
        base = PRETREATED if pre else DIRECT
        for month in _months(FIRST, AS_OF.replace(day=1)):
            if iid in QUARTERLY and month.month % 3 != 2:
                continue
            if iid in LAST_MONITORED and month > LAST_MONITORED[iid]:
                continue
            day = int(rng.integers(3, 26))
            sampled = month.replace(day=day)
            if sampled > AS_OF:
                continue
            items = {
                k: _value(rng, lo, hi, 2 if k in ("ph", "cl") else 1 if k != "fc" else 0)
                for k, (lo, hi) in base.items()
            }
            if pre and plant == "zhulaozhuang_wwtp" and month < dt.date(2024, 3, 1):
                items.update(
                    {
                        k: _value(rng, lo, hi, 2 if k in ("ph", "cl") else 1 if k != "fc" else 0)
                        for k, (lo, hi) in DIRECT.items()
                    }
                )  # treated to the discharge standard
            for k, v in EVENTS.get((iid, month), {}).items():
                items[k] = str(v)
            if disinfection not in ("chlorine", "chlorine_dioxide"):
                items["cl"] = ""
            if iid in QUARTERLY:  # clinics: pH, COD, fecal coliform and residual chlorine only
                items.update({"bod5": "", "ss": "", "nh3n": ""})
            rows.append(
                [
                    iid,
                    sampled.isoformat(),
                    items["ph"],
                    items["cod"],
                    items["bod5"],
                    items["ss"],
                    items["nh3n"],
                    items["fc"],
                    items["cl"],
                ]
            )
    return rows


def generate(out_dir: Path) -> list[Path]:
    """Write medical_institutions.csv and medical_monitoring.csv into out_dir; returns the files."""
    rng = np.random.default_rng(SEED)
    institutions = [[*r[:6], "true" if r[6] else "false", *r[7:]] for r in INSTITUTIONS]
    return [
        sample_io.write_csv(Path(out_dir) / "medical_institutions.csv", INSTITUTION_HEADER, institutions),
        sample_io.write_csv(Path(out_dir) / "medical_monitoring.csv", MONITORING_HEADER, gen_monitoring(rng)),
    ]
