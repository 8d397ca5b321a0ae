"""Sample data for ecological base flow and sluices (plan task 10) and flood-season readiness
(tasks 5 and 11): sluices.csv, flow_readings.csv, eco_flow_minimums.csv, sluice_operations.csv,
flood_checklist.csv. Illustrative, deterministic (its own seeded RNG), called by bishui.tools.sample.

The story (also in data/sample/README.md, see README below):
- daily flow at the seven river sections with a minimum ecological flow and at the four sluices,
  high in the flood season (June-September), low in spring;
- Yangjiao at Zhulaozhuang sluice falls below its minimum late in April 2025, carries no flow at all
  in May 2025 (the month no_flow_months.csv records as dry) and recovers in early June; upstream,
  Wangzhuang sluice's flow data also read zero all May 2025 although a sample was recorded and no
  no-flow record exists: the eco-flow page flags the month for checking;
- Sixin at Lihaiwu bridge drops below its minimum in dry spells each spring;
- a few gauge gaps (Cuizhuang 2025-10-08..10) that count as days not met;
- sluice operations: flood releases each July, spring irrigation holds, eco-flow releases, and on
  2023-07-06 Wangzhuang sluice closed because of an exceedance upstream (the section read 劣Ⅴ that
  July) to keep the water from the Zhulaozhuang assessment section;
- the flood-season checklist 2023-2025 per township, all ready before 1 June in 2023 and 2024; in
  2025 Huxi's rain inlets were finished on 18 June, after the season began (task 5 late)."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import numpy as np

SEED = 20250601
START, END = dt.date(2023, 1, 1), dt.date(2025, 12, 14)  # the last full day before the sample's as_of

# site: (kind, river base flow m³/s, level datum m, minimum eco-flow or None)
SITES = {
    "liaowei": (6.0, 30.2, 2.0),
    "huxi_zha": (4.5, 30.8, 1.5),
    "cuizhuang": (1.5, 31.0, 0.5),
    "lihaiwu_qiao": (1.2, 31.3, 0.4),
    "yuji_qiao": (1.0, 30.6, 0.3),
    "zlz_zha": (0.45, 31.6, 0.15),
    "wangzhuang_zha": (0.35, 31.9, 0.1),
    "huxi_sluice": (4.4, 31.4, None),
    "wangzhuang_sluice": (0.33, 32.3, None),
    "liuji_sluice": (1.1, 31.2, None),
    "zlz_sluice": (0.43, 32.0, None),
}
SEASON = [0.6, 0.55, 0.6, 0.5, 0.5, 1.3, 2.2, 2.0, 1.3, 0.9, 0.8, 0.7]  # Jan..Dec

SLUICES = [
    ("huxi_sluice", "徒骇河湖西闸", "Huxi sluice (Tuhai)", "tuhai", "huxi", 115.98858, 36.44919),
    ("wangzhuang_sluice", "羊角河王庄闸", "Wangzhuang sluice (Yangjiao)", "yangjiao", "lihaiwu", 116.00850, 36.40827),
    ("liuji_sluice", "四新河刘集闸", "Liuji sluice (Sixin)", "sixin", "yuji", 116.09251, 36.45597),
    ("zlz_sluice", "羊角河朱老庄闸", "Zhulaozhuang sluice (Yangjiao)", "yangjiao", "zhulaozhuang", 116.06356, 36.41658),
]
BASIS_ZH = "度假区重点河湖生态流量保障实施方案（示例）"
BASIS_EN = "Resort eco-flow plan for key rivers (illustrative)"

GAPS = {("cuizhuang", dt.date(2025, 10, d)) for d in (8, 9, 10)} | {("yuji_qiao", dt.date(2024, 2, d)) for d in (3, 4)}

OPERATIONS = [
    ("liuji_sluice", "2023-04-03 09:00", "close", 0.0, "于集镇", "irrigation", "春灌蓄水，关闸拦蓄"),
    ("liuji_sluice", "2023-05-12 10:00", "open", 0.8, "区农业农村局", "eco_flow", "下游李海务桥流量偏低，开闸生态补水"),
    ("huxi_sluice", "2023-06-28 16:00", "open", 2.5, "区防汛指挥部", "flood", "强降雨预警，开闸预泄"),
    (
        "wangzhuang_sluice",
        "2023-07-06 08:30",
        "close",
        0.0,
        "市生态环境局度假区分局",
        "exceedance_upstream",
        "王庄闸断面水质劣Ⅴ类，关闸拦蓄，防止超标水体下泄至朱老庄闸考核断面",
    ),
    ("wangzhuang_sluice", "2023-07-19 14:00", "adjust", 0.3, "区农业农村局", "eco_flow", "水质好转，小流量下泄"),
    ("huxi_sluice", "2024-04-08 09:00", "adjust", 0.6, "区农业农村局", "irrigation", "春灌期调小开度"),
    ("huxi_sluice", "2024-07-09 06:00", "open", 3.0, "区防汛指挥部", "flood", "汛期排涝"),
    ("zlz_sluice", "2024-09-20 10:00", "adjust", 0.5, "区农业农村局", "maintenance", "闸门检修后恢复调度"),
    ("zlz_sluice", "2025-04-18 09:00", "close", 0.0, "朱老庄镇", "irrigation", "上游来水减少，关闸保灌"),
    ("zlz_sluice", "2025-06-05 11:00", "open", 0.6, "区农业农村局", "eco_flow", "降雨后来水恢复，开闸生态补水"),
    ("huxi_sluice", "2025-07-14 05:30", "open", 2.8, "区防汛指挥部", "flood", "强降雨，开闸泄洪"),
    ("liuji_sluice", "2025-09-02 15:00", "adjust", 0.4, "区农业农村局", "eco_flow", "汛末调小开度，保障生态基流"),
]

# flood-season checklist: item -> (towns, planned per town, owner zh, owner en)
TOWN_OWNER = {
    "huxi": ("湖西街道", "Huxi subdistrict"),
    "lihaiwu": ("李海务街道", "Lihaiwu subdistrict"),
    "yuji": ("于集镇", "Yuji town"),
    "zhulaozhuang": ("朱老庄镇", "Zhulaozhuang town"),
}
URBAN = ("区城市管理局", "Urban management bureau")
CHECKLIST: list[tuple[str, dict[str, float], tuple[str, str] | None]] = [
    ("pipe_dredging", {"huxi": 12.0, "lihaiwu": 6.0, "yuji": 3.0, "zhulaozhuang": 2.5}, URBAN),
    ("pipe_level", {"huxi": 8, "lihaiwu": 4}, URBAN),
    ("pump_station", {"huxi": 1, "lihaiwu": 1}, ("区住房和城乡建设局", "Housing & construction bureau")),
    ("sluice", {"huxi": 1, "lihaiwu": 1, "yuji": 1, "zhulaozhuang": 1}, URBAN),
    ("rain_inlet", {"huxi": 420, "lihaiwu": 160, "yuji": 60, "zhulaozhuang": 40}, URBAN),
    ("bank_cleanup", {"huxi": 6.0, "lihaiwu": 5.0, "yuji": 8.0, "zhulaozhuang": 7.0}, None),
    ("ditch_water", {"yuji": 4, "zhulaozhuang": 5}, ("区农业农村局", "Agriculture & rural affairs bureau")),
]
LATE = {(2025, "rain_inlet", "huxi"): (dt.date(2025, 6, 18), "老城区雨水口清掏因道路施工延后，6月18日完成")}

HEADERS = {
    "sluices.csv": ["sluice_id", "name_zh", "name_en", "river_id", "town_id", "lon", "lat"],
    "flow_readings.csv": ["site_id", "measured_on", "flow_m3_s", "level_m"],
    "eco_flow_minimums.csv": ["section_id", "min_flow_m3_s", "basis_zh", "basis_en"],
    "sluice_operations.csv": [
        "sluice_id",
        "operated_at",
        "action",
        "gate_opening_m",
        "decided_by",
        "reason_code",
        "note_zh",
    ],
    "flood_checklist.csv": [
        "year",
        "item_code",
        "town_id",
        "owner_zh",
        "owner_en",
        "planned",
        "done",
        "done_on",
        "note_zh",
    ],
}

README = """
Ecological base flow, sluices and the flood season (plan tasks 10, 5 and 11; `bishui/tools/sample_flow.py`):
flow_readings.csv holds daily flow and level at the seven river sections with a minimum ecological
flow (eco_flow_minimums.csv) and at four sluices (sluices.csv). Yangjiao at Zhulaozhuang sluice falls
below its minimum late in April 2025 and carries no flow in May 2025, as no_flow_months.csv records;
upstream, Wangzhuang sluice's flow also reads zero all May 2025 without a no-flow record (the page
flags it). Sixin at Lihaiwu bridge dips below its minimum in spring dry spells; Cuizhuang's gauge
misses 2025-10-08..10. sluice_operations.csv logs flood releases, irrigation holds and eco-flow
releases, and Wangzhuang sluice closing on 2023-07-06 for an exceedance upstream (劣Ⅴ that July).
flood_checklist.csv is the pre-flood checklist 2023-2025 per township: ready before 1 June in 2023
and 2024; in 2025 Huxi's rain inlets were finished on 18 June, late. Task 2's deadline in tasks.csv
is the 2023 flood season's start (the plan: "确保在汛前发挥效益").
"""


def _dry_factor(site: str, day: dt.date) -> float:
    """Multipliers for the story's dry spells (0 = no flow)."""
    if site in ("zlz_zha", "zlz_sluice"):
        if dt.date(2025, 5, 1) <= day <= dt.date(2025, 5, 31):
            return 0.0
        if dt.date(2025, 4, 21) <= day <= dt.date(2025, 4, 30):
            return 0.25
        if dt.date(2025, 6, 1) <= day <= dt.date(2025, 6, 4):
            return 0.1
    if site in ("wangzhuang_zha", "wangzhuang_sluice") and dt.date(2025, 5, 1) <= day <= dt.date(2025, 5, 31):
        return 0.0
    if site == "lihaiwu_qiao":
        for y, start in ((2023, 14), (2024, 20), (2025, 9)):
            if dt.date(y, 4, start) <= day <= dt.date(y, 4, start + 10):
                return 0.45
    return 1.0


def gen_flow(rng: np.random.Generator) -> list[list]:
    rows = []
    n = (END - START).days + 1
    for site, (base, datum, _) in SITES.items():
        noise = 0.0
        for i in range(n):
            day = START + dt.timedelta(days=i)
            noise = 0.8 * noise + rng.normal(0, 0.12)
            if (site, day) in GAPS:
                continue
            flow = base * SEASON[day.month - 1] * math.exp(noise) * _dry_factor(site, day)
            level = datum + 0.35 * math.sqrt(flow)
            rows.append([site, day.isoformat(), f"{flow:.3f}", f"{level:.2f}"])
    return rows


def gen_checklist(rng: np.random.Generator) -> list[list]:
    rows = []
    for year in (2023, 2024, 2025):
        for item, towns, owner in CHECKLIST:
            for town, planned in towns.items():
                zh, en = owner or TOWN_OWNER[town]
                done_on = dt.date(year, 4, 10) + dt.timedelta(days=int(rng.integers(0, 48)))
                note = ""
                if (year, item, town) in LATE:
                    done_on, note = LATE[(year, item, town)]
                done = planned if rng.random() < 0.7 else planned * 1.1
                fmt = (lambda v: f"{v:.1f}") if isinstance(planned, float) else (lambda v: str(int(round(v))))
                rows.append([str(year), item, town, zh, en, fmt(planned), fmt(done), done_on.isoformat(), note])
    return rows


def tables() -> dict[str, list[list]]:
    """file name -> rows (deterministic)."""
    rng = np.random.default_rng(SEED)
    return {
        "sluices.csv": [[s, zh, en, r, t, f"{lon:.5f}", f"{lat:.5f}"] for s, zh, en, r, t, lon, lat in SLUICES],
        "flow_readings.csv": gen_flow(rng),
        "eco_flow_minimums.csv": [[s, f"{m}", BASIS_ZH, BASIS_EN] for s, (_, _, m) in SITES.items() if m is not None],
        "sluice_operations.csv": [
            [s, at + ":00", a, f"{g:.1f}", who, why, note] for s, at, a, g, who, why, note in OPERATIONS
        ],
        "flood_checklist.csv": gen_checklist(rng),
    }


def generate(out_dir: Path, write_csv) -> list[Path]:
    """Write this module's files into out_dir with bishui.tools.sample's CSV writer."""
    return [write_csv(Path(out_dir) / name, HEADERS[name], rows) for name, rows in tables().items()]
