"""Illustrative pollution sources along the five rivers, their inspections and enforcement cases (plan
task 6) for the sample district: pollution_sources.csv, source_inspections.csv, enforcement_cases.csv.
Its own seeded RNG, so the rest of the sample is unchanged. The story is in README below."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np

from bishui.tools import sample_io

SEED = 20230516
AS_OF = dt.date(2025, 12, 15)
BRANCH = ("市生态环境局度假区分局", "Ecology & environment branch")
URBAN = ("区城市管理局", "Urban management bureau")
TOWNS = {
    "huxi": ("湖西街道", "Huxi subdistrict"),
    "lihaiwu": ("李海务街道", "Lihaiwu subdistrict"),
    "yuji": ("于集镇", "Yuji town"),
    "zhulaozhuang": ("朱老庄镇", "Zhulaozhuang town"),
}

SOURCE_HEADER = [
    "source_id",
    "name_zh",
    "name_en",
    "source_kind",
    "river_id",
    "town_id",
    "responsible_unit",
    "responsible_unit_en",
    "lon",
    "lat",
]
INSPECTION_HEADER = ["source_id", "inspected_on", "inspector_unit", "inspector_unit_en", "has_finding", "note"]
CASE_HEADER = [
    "case_id",
    "source_id",
    "found_on",
    "problem_zh",
    "problem_en",
    "rectify_by",
    "penalty_cny",
    "closed_on",
    "responsible_unit",
    "responsible_unit_en",
]

# (id, zh, en, kind, river, town, lon, lat); sewage facilities answer to the urban management bureau
SOURCES = [
    ("ps01", "于集镇食品加工厂", "Yuji food-processing plant", "industry", "zhaowang", "yuji", 116.074, 36.455),
    ("ps02", "湖西街道印刷厂", "Huxi printing works", "industry", "tuhai", "huxi", 116.010, 36.462),
    (
        "ps03",
        "朱老庄镇建材厂",
        "Zhulaozhuang building-materials plant",
        "industry",
        "yangjiao",
        "zhulaozhuang",
        116.060,
        36.414,
    ),
    ("ps04", "李海务街道机械加工厂", "Lihaiwu machining works", "industry", "sixin", "lihaiwu", 115.998, 36.422),
    ("ps05", "度假区人民医院", "Resort District People's Hospital", "hospital", "tuhai", "huxi", 116.025, 36.462),
    (
        "ps06",
        "朱老庄镇卫生院",
        "Zhulaozhuang town health centre",
        "hospital",
        "yangjiao",
        "zhulaozhuang",
        116.068,
        36.418,
    ),
    (
        "ps07",
        "李海务街道社区卫生服务中心",
        "Lihaiwu community health centre",
        "hospital",
        "sixin",
        "lihaiwu",
        116.003,
        36.420,
    ),
    ("ps08", "于集镇中学", "Yuji middle school", "school", "zhaowang", "yuji", 116.080, 36.449),
    ("ps09", "湖西街道实验小学", "Huxi experimental primary school", "school", "snwd", "huxi", 116.005, 36.452),
    (
        "ps10",
        "朱老庄镇中心小学",
        "Zhulaozhuang central primary school",
        "school",
        "yangjiao",
        "zhulaozhuang",
        116.075,
        36.412,
    ),
    ("ps11", "靖堤口村规模化养猪场", "Jingdikou village pig farm", "farm", "yangjiao", "zhulaozhuang", 116.050, 36.408),
    ("ps12", "宓城集村规模化养牛场", "Michengji village cattle farm", "farm", "sixin", "yuji", 116.088, 36.452),
    ("ps13", "李海务街道养鸡场", "Lihaiwu poultry farm", "farm", "yangjiao", "lihaiwu", 116.010, 36.410),
    ("ps14", "于集镇污水处理厂", "Yuji town WWTP", "sewage_facility", "zhaowang", "yuji", 116.0735, 36.4468),
    (
        "ps15",
        "朱老庄镇污水处理厂",
        "Zhulaozhuang town WWTP",
        "sewage_facility",
        "yangjiao",
        "zhulaozhuang",
        116.0715,
        36.4205,
    ),
    ("ps16", "松桂大街泵站", "Songgui Ave pump station", "sewage_facility", "tuhai", "huxi", 116.0216, 36.4646),
    (
        "ps17",
        "李海务周庄泵站",
        "Zhouzhuang pump station, Lihaiwu",
        "sewage_facility",
        "sixin",
        "lihaiwu",
        115.9985,
        36.4172,
    ),
    ("ps18", "湖西街道洗车场", "Huxi car wash", "other", "snwd", "huxi", 116.000, 36.448),
    ("ps19", "于集镇农贸市场", "Yuji farmers' market", "other", "zhaowang", "yuji", 116.068, 36.458),
    ("ps20", "朱老庄镇加油站", "Zhulaozhuang petrol station", "other", "zhaowang", "zhulaozhuang", 116.082, 36.416),
]
NOT_INSPECTED_2025 = {"ps10", "ps19", "ps20"}

# (case, source, found_on, problem zh, problem en, rectify_by, penalty, closed_on)
CASES = [
    (
        "2023-001",
        "ps01",
        "2023-04-18",
        "生产废水未经处理直排赵王河",
        "Process wastewater discharged untreated into the Zhaowang",
        "2023-06-30",
        100000,
        "2023-06-20",
    ),
    (
        "2024-001",
        "ps02",
        "2024-05-09",
        "危险废物暂存间防渗不到位",
        "Hazardous-waste store without proper seepage control",
        "2024-07-31",
        20000,
        "2024-08-15",
    ),
    (
        "2024-002",
        "ps12",
        "2024-08-06",
        "粪污贮存池雨季溢流",
        "Manure store overflowing in the rainy season",
        "2024-09-30",
        0,
        "2024-09-28",
    ),
    (
        "2025-001",
        "ps11",
        "2025-05-14",
        "粪污经雨水沟排入羊角河",
        "Manure reaching the Yangjiao through a storm ditch",
        "2025-06-30",
        80000,
        "2025-06-25",
    ),
    (
        "2025-002",
        "ps06",
        "2025-08-20",
        "消毒接触池出口总余氯低于下限",
        "Residual chlorine below the minimum at the contact tank",
        "2025-09-30",
        0,
        "2025-09-26",
    ),
    (
        "2025-003",
        "ps03",
        "2025-09-10",
        "生产废水收集池渗漏，雨污混排",
        "Leaking process-water pit; rain and wastewater mixed",
        "2025-11-30",
        50000,
        "",
    ),
    (
        "2025-004",
        "ps16",
        "2025-07-22",
        "雨天溢流口向徒骇河溢流",
        "Overflow into the Tuhai on rainy days",
        "2025-12-31",
        0,
        "",
    ),
]

README = """
Enforcement on pollution sources (plan task 6; `bishui/tools/sample_enforcement.py`): pollution_sources.csv holds
20 water-related sources along the five rivers (industry, hospitals, schools, large farms, sewage
facilities, others), source_inspections.csv two or three inspections a year by the ecology and environment
branch, enforcement_cases.csv seven cases. On the way: the Jingdikou pig farm's manure case (2025-05) is
closed with an 80,000 CNY penalty; the Zhulaozhuang building-materials plant's case (2025-09) is past its
rectification deadline of 2025-11-30 and still open at the sample's now (overdue for Zhulaozhuang town);
the Songgui Ave pump-station overflow case is due on 2025-12-31; the Huxi printing works closed its 2024
case after the deadline; three sources have not been inspected in 2025.
"""


def _unit(kind: str, town: str) -> tuple[str, str]:
    return URBAN if kind == "sewage_facility" else TOWNS[town]


def gen_sources() -> list[list]:
    return [
        [sid, zh, en, kind, river, town, *_unit(kind, town), lon, lat]
        for sid, zh, en, kind, river, town, lon, lat in SOURCES
    ]


def gen_inspections(rng: np.random.Generator) -> list[list]:
    found = {(c[1], c[2]) for c in CASES}
    notes = {(c[1], c[2]): c[3] for c in CASES}
    rows = []
    for sid, *_ in SOURCES:
        for year in (2023, 2024, 2025):
            if year == 2025 and sid in NOT_INSPECTED_2025:
                continue
            n = int(rng.integers(2, 4))
            days = sorted({int(d) for d in rng.integers(20, 330, size=n)})
            for d in days:
                day = dt.date(year, 1, 1) + dt.timedelta(days=d)
                if day > AS_OF:
                    continue
                rows.append([sid, day.isoformat(), *BRANCH, "false", ""])
        for src, on in found:
            if src == sid:
                rows.append([sid, on, *BRANCH, "true", notes[(src, on)]])
    by_day = {(r[0], r[1]): r for r in rows}  # a case's inspection wins over a routine one that day
    return [by_day[k] for k in sorted(by_day)]


def gen_cases() -> list[list]:
    unit = {s[0]: _unit(s[3], s[5]) for s in SOURCES}
    return [
        [cid, sid, found, pzh, pen, by, penalty, closed, *unit[sid]]
        for cid, sid, found, pzh, pen, by, penalty, closed in CASES
    ]


def generate(out_dir: Path) -> list[Path]:
    """Write the three enforcement files into out_dir; returns the files."""
    rng = np.random.default_rng(SEED)
    out_dir = Path(out_dir)
    return [
        sample_io.write_csv(out_dir / "pollution_sources.csv", SOURCE_HEADER, gen_sources()),
        sample_io.write_csv(out_dir / "source_inspections.csv", INSPECTION_HEADER, gen_inspections(rng)),
        sample_io.write_csv(out_dir / "enforcement_cases.csv", CASE_HEADER, gen_cases()),
    ]
