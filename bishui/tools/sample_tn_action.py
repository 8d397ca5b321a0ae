"""The sample's total-nitrogen problem list (plan task 12), written beside the rest of data/sample/.

The sections are the sample's real ones: Cuizhuang bridge (Sixin) and the Tanzhuang reservoir, whose
TN mean of 2025 so far is above the same months of 2024 by more than 5 % (rebounding), Liuji sluice
(high in 2024), Yuji bridge (the Yuji WWTP upstream, whose TN is outside its 准IV target). One problem
is overdue at the sample's now (Cuizhuang's village sewage, deadline 2025-10-31). No randomness."""

from __future__ import annotations

from pathlib import Path

from bishui.tools import sample_io

HEADER = [
    "problem_id",
    "section_id",
    "problem_zh",
    "problem_en",
    "measure_zh",
    "measure_en",
    "owner_zh",
    "owner_en",
    "found_on",
    "deadline",
    "problem_status",
    "done_on",
]
PROBLEMS = [
    [
        "TN-2023-01",
        "yuji_qiao",
        "于集镇污水处理厂出水总氮偏高（准Ⅳ类考核不含总氮）",
        "Yuji WWTP effluent high in TN (its quasi-IV target leaves TN out)",
        "增加反硝化碳源投加，优化回流比",
        "Add carbon for denitrification, tune the recycle ratio",
        "区住房和城乡建设局",
        "Housing bureau",
        "2023-09-01",
        "2024-06-30",
        "done",
        "2024-05-28",
    ],
    [
        "TN-2024-01",
        "cuizhuang",
        "李海务街道养殖密集区粪污经沟渠入河",
        "Manure from the livestock-dense area of Lihaiwu reaches the river through ditches",
        "粪污集中收集、还田利用，封堵入河沟渠",
        "Collect manure for the fields, block the ditches",
        "区农业农村局",
        "Agriculture bureau",
        "2024-03-15",
        "2024-12-31",
        "done",
        "2024-11-20",
    ],
    [
        "TN-2024-02",
        "liuji_zha",
        "刘集闸闸上拦蓄，总氮累积",
        "TN builds up in the water held above Liuji sluice",
        "汛前及超标时调度放水，纳入闸坝联合调度",
        "Release water before the flood season and on exceedance (joint sluice control)",
        "区水利局",
        "Water resources bureau",
        "2024-05-10",
        "2025-06-30",
        "done",
        "2025-06-15",
    ],
    [
        "TN-2025-01",
        "cuizhuang",
        "崔庄村居民集中区生活污水散排",
        "Scattered domestic sewage from Cuizhuang village",
        "村内管网接入李海务街道污水管网",
        "Connect the village to the Lihaiwu sewer",
        "李海务街道",
        "Lihaiwu subdistrict",
        "2025-04-08",
        "2025-10-31",
        "rectifying",
        "",
    ],
    [
        "TN-2025-02",
        "tanzhuang",
        "库区周边农田施肥径流",
        "Fertiliser run-off from the fields around the reservoir",
        "测土配方施肥，建设生态缓冲带",
        "Soil-tested fertilising, a riparian buffer strip",
        "朱老庄镇",
        "Zhulaozhuang town",
        "2025-09-12",
        "2026-03-31",
        "open",
        "",
    ],
]
README = """
Total nitrogen (plan task 12; bishui/tools/sample_tn_action.py): tn_problems.csv is the problem list the task
asks for (problem, measure, owner, deadline, status). TN is never graded for rivers; the TN tab of
the trends page compares each section's mean of the year so far with the same months of the year
before (N1 counts the sections above it by more than 5 %: 2 in 2023, none at the end of 2024, and in
2025 Cuizhuang bridge and the Tanzhuang reservoir). Cuizhuang's village-sewage problem is overdue
(deadline 2025-10-31), so task 12 reads at risk.
"""


def write(out_dir: Path) -> list[Path]:
    """Write tn_problems.csv into out_dir and append the story to its README.md; returns the file."""
    out_dir = Path(out_dir)
    path = sample_io.write_csv(out_dir / "tn_problems.csv", HEADER, PROBLEMS)
    with open(out_dir / "README.md", "a", encoding="utf-8", newline="") as fh:
        fh.write(README)
    return [path]
