"""Hand-checked cases for `python -m bishui evaluate` (GB 3838-2002 surface-water evaluation).

Every expected value below was worked out by hand from the domain reference
(shared/reference/water-standards.md: 1.3 Table 1, 2.2 indicators, 2.3 time aggregation,
2.4 single-factor class, 2.6 main pollutants and multiples, 2.7 attainment, 8 A-H rules)
and the documented implementation choices (DL/2, mean-then-classify, mean of monthly means,
rounding of the period mean to the reporting precision with round-half-even, multiples to one
decimal half-even on the decimal value). None of it is computed from bishui's own tables.

To stay fast, all month cases go into one CSV (one section per case) and one CLI call; the
same for the year cases. The malformed-input cases run one CLI call each, in this process (the
command's main() with its output captured: a new Python with bishui imported takes seconds).
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEADER = ["section_id", "water_body_type", "target_class", "sampled_on", "parameter", "value"]
LABELS = {1: "Ⅰ", 2: "Ⅱ", 3: "Ⅲ", 4: "Ⅳ", 5: "Ⅴ", 6: "劣Ⅴ"}
DAY = "2024-05-15"  # default sampling day of the single-month cases


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


def run_evaluate(input_csv: Path, period: str, output: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bishui", "evaluate", str(input_csv), "--period", period, "-o", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def run_evaluate_here(input_csv: Path, period: str, output: Path) -> subprocess.CompletedProcess:
    """The same command as run_evaluate, through `python -m bishui`'s main() in this process."""
    from bishui.tools import cli

    argv = ["evaluate", str(input_csv), "--period", period, "-o", str(output)]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(argv)
        except SystemExit as exc:  # argparse refuses its arguments
            code = exc.code if isinstance(exc.code, int) else 1
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER, bom: bool = False) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def read_output(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def pollutant_codes(text: str) -> list[str]:
    return [item.split(":")[0] for item in text.split(";")] if text else []


def pollutant_map(text: str) -> dict[str, str]:
    return dict(item.split(":", 1) for item in text.split(";")) if text else {}


@dataclass
class Case:
    """One section. `rows` maps each expected period to the fields expected for it."""

    sid: str
    wbt: str
    target: int
    readings: list[tuple[str, str, str]]  # (sampled_on, parameter, value)
    rows: dict[str, dict] = field(default_factory=dict)

    def csv_rows(self) -> list[list[str]]:
        return [[self.sid, self.wbt, str(self.target), d, p, v] for d, p, v in self.readings]


def one(sid, wbt, target, readings, period="2024-05", **expect) -> Case:
    """A case whose readings all fall in one period; readings may omit the date (DAY is used)."""
    full = [r if len(r) == 3 else (DAY, *r) for r in readings]
    return Case(sid, wbt, target, full, {period: expect})


# --------------------------------------------------------------------------------------------
# 1. Table 1 boundaries (reference 1.3; rule 8B: a value equal to a limit belongs to that
#    class, the best class whose limit is met wins; beyond class V -> 6).  "Just above" is one
#    unit of the parameter's reporting precision above the limit.  Written out by hand.
# --------------------------------------------------------------------------------------------

RIVER_BOUNDARIES: dict[str, list[tuple[str, int]]] = {
    # limits I..V: 2 4 6 10 15 (2 decimals)
    "codmn": [
        ("0", 1),
        ("2", 1),
        ("2.01", 2),
        ("4", 2),
        ("4.01", 3),
        ("6", 3),
        ("6.01", 4),
        ("10", 4),
        ("10.01", 5),
        ("15", 5),
        ("15.01", 6),
        ("40", 6),
    ],
    # 15 15 20 30 40 (2)
    "cod": [
        ("15", 1),
        ("15.01", 3),
        ("20", 3),
        ("20.01", 4),
        ("30", 4),
        ("30.01", 5),
        ("40", 5),
        ("40.01", 6),
        ("100", 6),
    ],
    # 3 3 4 6 10 (2)
    "bod5": [("3", 1), ("3.01", 3), ("4", 3), ("4.01", 4), ("6", 4), ("6.01", 5), ("10", 5), ("10.01", 6)],
    # 0.15 0.5 1.0 1.5 2.0 (3)
    "nh3n": [
        ("0.15", 1),
        ("0.151", 2),
        ("0.5", 2),
        ("0.501", 3),
        ("1.0", 3),
        ("1.001", 4),
        ("1.5", 4),
        ("1.501", 5),
        ("2.0", 5),
        ("2.001", 6),
    ],
    # rivers: 0.02 0.1 0.2 0.3 0.4 (3)
    "tp": [
        ("0.02", 1),
        ("0.021", 2),
        ("0.05", 2),
        ("0.1", 2),
        ("0.101", 3),
        ("0.2", 3),
        ("0.201", 4),
        ("0.3", 4),
        ("0.301", 5),
        ("0.4", 5),
        ("0.401", 6),
    ],
    # 0.01 1.0 1.0 1.0 1.0 (4)
    "cu": [("0.01", 1), ("0.0101", 2), ("1.0", 2), ("1.0001", 6)],
    # 0.05 1.0 1.0 2.0 2.0 (4)
    "zn": [("0.05", 1), ("0.0501", 2), ("1.0", 2), ("1.0001", 4), ("2.0", 4), ("2.0001", 6)],
    # 1.0 1.0 1.0 1.5 1.5 (3)
    "fluoride": [("1.0", 1), ("1.001", 4), ("1.5", 4), ("1.501", 6)],
    # 0.01 0.01 0.01 0.02 0.02 (5)
    "se": [("0.01", 1), ("0.01001", 4), ("0.02", 4), ("0.02001", 6)],
    # 0.05 0.05 0.05 0.1 0.1 (5)
    "as": [("0.05", 1), ("0.05001", 4), ("0.1", 4), ("0.10001", 6)],
    # 0.00005 0.00005 0.0001 0.001 0.001 (6)
    "hg": [("0.00005", 1), ("0.000051", 3), ("0.0001", 3), ("0.000101", 4), ("0.001", 4), ("0.001001", 6)],
    # 0.001 0.005 0.005 0.005 0.01 (5)
    "cd": [("0.001", 1), ("0.00101", 2), ("0.005", 2), ("0.00501", 5), ("0.01", 5), ("0.01001", 6)],
    # 0.01 0.05 0.05 0.05 0.1 (4)
    "cr6": [("0.01", 1), ("0.0101", 2), ("0.05", 2), ("0.0501", 5), ("0.1", 5), ("0.1001", 6)],
    # 0.01 0.01 0.05 0.05 0.1 (4)
    "pb": [("0.01", 1), ("0.0101", 3), ("0.05", 3), ("0.0501", 5), ("0.1", 5), ("0.1001", 6)],
    # 0.005 0.05 0.2 0.2 0.2 (4)
    "cyanide": [("0.005", 1), ("0.0051", 2), ("0.05", 2), ("0.0501", 3), ("0.2", 3), ("0.2001", 6)],
    # 0.002 0.002 0.005 0.01 0.1 (5)
    "phenol": [
        ("0.002", 1),
        ("0.00201", 3),
        ("0.005", 3),
        ("0.00501", 4),
        ("0.01", 4),
        ("0.01001", 5),
        ("0.1", 5),
        ("0.10001", 6),
    ],
    # 0.05 0.05 0.05 0.5 1.0 (3)
    "petroleum": [("0.05", 1), ("0.051", 4), ("0.5", 4), ("0.501", 5), ("1.0", 5), ("1.001", 6)],
    # 0.2 0.2 0.2 0.3 0.3 (3)
    "las": [("0.2", 1), ("0.201", 4), ("0.3", 4), ("0.301", 6)],
    # 0.05 0.1 0.2 0.5 1.0 (3)
    "sulfide": [
        ("0.05", 1),
        ("0.051", 2),
        ("0.1", 2),
        ("0.101", 3),
        ("0.2", 3),
        ("0.201", 4),
        ("0.5", 4),
        ("0.501", 5),
        ("1.0", 5),
        ("1.001", 6),
    ],
}

# TP for lakes and reservoirs (Table 1 row 8b): 0.01 0.025 0.05 0.1 0.2 (3)
LAKE_TP_BOUNDARIES: list[tuple[str, int]] = [
    ("0.01", 1),
    ("0.011", 2),
    ("0.025", 2),
    ("0.026", 3),
    ("0.05", 3),
    ("0.051", 4),
    ("0.1", 4),
    ("0.101", 5),
    ("0.2", 5),
    ("0.201", 6),
    ("0.5", 6),
]

# DO, higher is better (rule 8B): >= 7.5 6 5 3 2
DO_BOUNDARIES: list[tuple[str, int]] = [
    ("10", 1),
    ("7.5", 1),
    ("7.49", 2),
    ("6", 2),
    ("5.99", 3),
    ("5", 3),
    ("4.99", 4),
    ("3", 4),
    ("2.99", 5),
    ("2.0", 5),
    ("1.99", 6),
    ("0.5", 6),
]

# pH: inside 6-9 does not limit the class (alone -> I); outside -> 劣V (rule 8B)
PH_BOUNDARIES: list[tuple[str, int]] = [
    ("6", 1),
    ("7.2", 1),
    ("9", 1),
    ("5.99", 6),
    ("9.01", 6),
    ("4", 6),
    ("11", 6),
]

# Reporting-precision rounding of the period mean before grading, GB/T 8170 half-even
# (rule 8H; decimals from the documented precision table).  Exact-half inputs are decided on
# their decimal value, as GB/T 8170 is a rule on written numbers.
ROUNDING_CASES: list[tuple[str, str, str, int]] = [
    # (water body, parameter, value, class)
    ("river", "tp", "0.0201", 1),  # the reference's own example: 0.0201 reported 0.020 -> I
    ("river", "tp", "0.0204", 1),
    ("river", "tp", "0.0205", 1),  # half, retained digit 0 even -> 0.020
    ("river", "tp", "0.0206", 2),  # -> 0.021
    ("river", "tp", "0.0215", 2),  # half, retained 1 odd -> 0.022
    ("river", "nh3n", "0.1505", 1),  # -> 0.150
    ("river", "nh3n", "0.1506", 2),  # -> 0.151
    ("river", "codmn", "6.004", 3),  # -> 6.00
    ("river", "codmn", "6.005", 3),  # half, 0 even -> 6.00
    ("river", "codmn", "6.006", 4),  # -> 6.01
    ("river", "do", "7.497", 1),  # the reference's own example: 7.497 reported 7.5 -> I
    ("river", "do", "7.495", 1),  # half, retained 9 odd -> 7.50
    ("river", "do", "7.494", 2),  # -> 7.49
    ("river", "do", "7.485", 2),  # half, 8 even -> 7.48
    ("river", "do", "1.995", 5),  # half, 9 odd -> 2.00
    ("river", "do", "1.994", 6),  # -> 1.99
    ("river", "ph", "9.004", 1),  # -> 9.00
    ("river", "ph", "9.005", 1),  # half, 0 even -> 9.00
    ("river", "ph", "9.006", 6),  # -> 9.01
    ("river", "ph", "5.995", 1),  # half, 9 odd -> 6.00
    ("river", "ph", "5.994", 6),  # -> 5.99
    ("river", "hg", "0.0000504", 1),  # -> 0.000050
    ("river", "hg", "0.0000505", 1),  # half, 0 even -> 0.000050
    ("river", "hg", "0.0000506", 3),  # -> 0.000051
    ("lake", "tp", "0.0254", 2),  # -> 0.025
    ("lake", "tp", "0.0255", 3),  # half, 5 odd -> 0.026
]


def boundary_cases() -> list[Case]:
    cases: list[Case] = []

    def add(prefix, wbt, param, value, cls):
        sid = f"B-{prefix}-{param}-{value}"
        exp = {"water_class": cls}
        if cls >= 4 and param not in ("do", "ph"):
            exp["main_codes"] = [param]  # the only lower-is-better indicator, above class III
        if param in ("do", "ph"):
            exp["main_pollutants"] = ""  # DO and pH are never listed (2.6, 8F)
        cases.append(one(sid, wbt, 3, [(param, value)], **exp))

    for param, items in RIVER_BOUNDARIES.items():
        for value, cls in items:
            add("river", "river", param, value, cls)
    for wbt in ("lake", "reservoir"):
        for value, cls in LAKE_TP_BOUNDARIES:
            add(wbt, wbt, "tp", value, cls)
    for value, cls in DO_BOUNDARIES:
        add("river", "river", "do", value, cls)
    for value, cls in PH_BOUNDARIES:
        add("river", "river", "ph", value, cls)
    for wbt, param, value, cls in ROUNDING_CASES:
        add(f"round-{wbt}", wbt, param, value, cls)
    return cases


# --------------------------------------------------------------------------------------------
# 2-8. Hand-built month cases
# --------------------------------------------------------------------------------------------

MONTH_CASES: list[Case] = [
    # --- 3. below the detection limit counts DL/2 (2.3, 8A) -------------------------------
    one("DL-nh3n-alone", "river", 3, [("nh3n", "<0.05")], water_class=1),  # 0.025
    # a detection limit above a class limit caps the class at the DL's own class, flagged (8.A):
    one(
        "DL-nh3n-0.3",
        "river",
        3,
        [("nh3n", "<0.3")],
        water_class=2,  # 0.15 is I, DL 0.3 is II
        dl_insufficient="nh3n",
    ),
    one(
        "DL-hg-0.0001",
        "river",
        3,
        [("hg", "<0.0001")],
        water_class=3,  # 0.00005 is I, DL is III
        dl_insufficient="hg",
    ),
    # issue 10 item 7: Hg <0.0002 counted 0.0001 was class III; the DL itself only meets IV (0.001)
    one(
        "DL-hg-0.0002",
        "river",
        3,
        [("hg", "<0.0002")],
        water_class=4,
        is_attained="false",
        dl_insufficient="hg",
        main_pollutants="",
    ),
    # a DL within class I limits nothing: NH3-N <0.05 (I), and no flag
    one("DL-nh3n-ok", "river", 3, [("nh3n", "<0.05"), ("hg", "0.00004")], water_class=1, dl_insufficient=""),
    # a real value worse than the DL's class: the value decides, no flag ((0.0001 + 0.0029)/2 = 0.0015 -> 劣V)
    one(
        "DL-hg-mixed",
        "river",
        3,
        [("2024-05-03", "hg", "<0.0002"), ("2024-05-20", "hg", "0.0029")],
        water_class=6,
        dl_insufficient="",
    ),
    # issue 10 item 6, a month: manual CODMn 10.1 and 10.0 (to 0.1): mean 10.05 -> 10.0 (half to
    # even at 0.1) -> IV; with 10.10 and 10.00 written to 0.01 the numbers are the same, so only a
    # value with a second decimal makes the month graded at 0.01: 10.1 and 10.01 -> 10.055 -> 10.06 -> V
    one("CODMN-0.1", "river", 3, [("2024-05-03", "codmn", "10.1"), ("2024-05-20", "codmn", "10.0")], water_class=4),
    one("CODMN-0.01", "river", 3, [("2024-05-03", "codmn", "10.1"), ("2024-05-20", "codmn", "10.01")], water_class=5),
    # --- issue 10 item 5: ties among main pollutants, exact multiples, fixed parameter order ---
    # CODMn 6.3, COD 21, BOD5 4.2 are each exactly 0.05 over class III (all class IV); in binary
    # doubles BOD5 (0.050000000000000044) > COD (0.05) > CODMn (0.04999999999999997). The rule: class,
    # then multiple (equal here), then the fixed order of GB 3838 Table 1: CODMn, COD, BOD5.
    one(
        "TIE-codmn-cod-bod5",
        "river",
        3,
        [("bod5", "4.2"), ("cod", "21"), ("codmn", "6.3")],
        water_class=4,
        main_pollutants="codmn:0.0;cod:0.0;bod5:0.0",
        exceed_target="codmn:0.0;cod:0.0;bod5:0.0",
    ),
    # (0.05 to one decimal, half to even: 0.0.) TP 0.21 and LAS 0.21 tie at 0.05 over III (doubles
    # 0.049999999999999906 both), NH3-N 1.05 and fluoride 1.05 too (0.050000000000000044): the
    # doubles put NH3-N and fluoride first; the rule keeps Table 1's order NH3-N, TP, fluoride, LAS
    one(
        "TIE-tp-las",
        "river",
        3,
        [("las", "0.21"), ("tp", "0.21"), ("fluoride", "1.05"), ("nh3n", "1.05")],
        water_class=4,
        main_pollutants="nh3n:0.0;tp:0.0;fluoride:0.0",
        exceed_target="nh3n:0.0;tp:0.0;fluoride:0.0;las:0.0",
    ),
    # lihaiwu_qiao 2025-03 (sample): NH3-N 1.179 (0.179), TP 0.211 (0.055), COD 20.5 and BOD5 4.1 tied
    one(
        "TIE-lihaiwu",
        "river",
        3,
        [("cod", "20.5"), ("bod5", "4.1"), ("nh3n", "1.179"), ("tp", "0.211")],
        water_class=4,
        main_pollutants="nh3n:0.2;tp:0.1;cod:0.0",
        exceed_target="nh3n:0.2;tp:0.1;cod:0.0;bod5:0.0",
    ),
    # mean with a normal value: (0.025 + 0.275)/2 = 0.150 -> I   (DL counted whole: 0.1625 -> II)
    one("DL-mean-I", "river", 3, [("2024-05-03", "nh3n", "<0.05"), ("2024-05-20", "nh3n", "0.275")], water_class=1),
    # (0.025 + 0.285)/2 = 0.155 -> II   (DL counted as 0: 0.1425 -> I)
    one("DL-mean-II", "river", 3, [("2024-05-03", "nh3n", "<0.05"), ("2024-05-20", "nh3n", "0.285")], water_class=2),
    # (0.5 + 2.9)/2 = 1.7 -> V, multiple (1.7-1)/1 = 0.7   (DL whole: 1.95 -> 1.0; as 0: 1.45 -> IV)
    one(
        "DL-mean-main",
        "river",
        3,
        [("2024-05-03", "nh3n", "<1.0"), ("2024-05-20", "nh3n", "2.9")],
        water_class=5,
        main_pollutants="nh3n:0.7",
    ),
    # --- 4. TN, fecal coliform, water temperature never enter the class (2.2, 8B) ----------
    one("TN-river-huge", "river", 2, [("codmn", "3"), ("tn", "50")], water_class=2, tn_class=""),
    one("TN-lake-huge", "lake", 2, [("tp", "0.02"), ("tn", "50")], water_class=2, tn_class=6),
    one("TN-lake-1.2", "lake", 2, [("tp", "0.02"), ("tn", "1.2")], water_class=2, tn_class=4),
    one("TN-reservoir-0.4", "reservoir", 1, [("tp", "0.01"), ("tn", "0.4")], water_class=1, tn_class=2),
    # lake class IV from TP; TN (劣V) is not a main pollutant: (0.08-0.05)/0.05 = 0.6
    one("TN-lake-main", "lake", 3, [("tp", "0.08"), ("tn", "5")], water_class=4, main_pollutants="tp:0.6", tn_class=6),
    one("FC-huge", "river", 2, [("codmn", "3"), ("fecal_coliform", "100000")], water_class=2),
    one(
        "FC-main",
        "river",
        3,
        [("codmn", "7.2"), ("fecal_coliform", "50000")],
        water_class=4,
        main_pollutants="codmn:0.2",
    ),
    one("WT-hot", "river", 2, [("codmn", "3"), ("water_temp", "35")], water_class=2),
    one(
        "WT-FC-TN-only-plus-ph",
        "river",
        1,
        [("ph", "7.5"), ("tn", "9"), ("fecal_coliform", "90000"), ("water_temp", "30")],
        water_class=1,
    ),
    # --- 5. monthly mean, not the worst sample (2.3, 8D) ---------------------------------
    # CODMn 11 (V) and 1 (I): mean 6 -> III
    one(
        "MEAN-codmn",
        "river",
        3,
        [("2024-05-02", "codmn", "11"), ("2024-05-22", "codmn", "1")],
        water_class=3,
        main_pollutants="",
    ),
    # NH3-N 1.8 (V) and 0.2 (II): mean 1.0 -> III
    one("MEAN-nh3n", "river", 3, [("2024-05-02", "nh3n", "1.8"), ("2024-05-22", "nh3n", "0.2")], water_class=3),
    # three samples 2, 2, 14: mean 6 -> III
    one(
        "MEAN-three",
        "river",
        3,
        [("2024-05-01", "codmn", "2"), ("2024-05-11", "codmn", "2"), ("2024-05-21", "codmn", "14")],
        water_class=3,
    ),
    # mean lands on a half: (6.00 + 6.01)/2 = 6.005 -> half-even 6.00 -> III (half-up would give IV)
    one("MEAN-half", "river", 3, [("2024-05-02", "codmn", "6.00"), ("2024-05-22", "codmn", "6.01")], water_class=3),
    # (0.020 + 0.021)/2 = 0.0205 -> 0.020 -> I
    one("MEAN-half-tp", "river", 3, [("2024-05-02", "tp", "0.020"), ("2024-05-22", "tp", "0.021")], water_class=1),
    # DO mean (7.49 + 7.50)/2 = 7.495 -> 7.50 -> I
    one("MEAN-half-do", "river", 3, [("2024-05-02", "do", "7.49"), ("2024-05-22", "do", "7.50")], water_class=1),
    # DO mean: 8 and 1 (劣V sample) -> 4.5 -> IV; DO never listed
    one(
        "MEAN-do", "river", 3, [("2024-05-02", "do", "8"), ("2024-05-22", "do", "1")], water_class=4, main_pollutants=""
    ),
    # mean 1.15 -> multiple 0.15 -> 0.2
    one(
        "MEAN-multiple",
        "river",
        3,
        [("2024-05-02", "nh3n", "1.14"), ("2024-05-22", "nh3n", "1.16")],
        water_class=4,
        main_pollutants="nh3n:0.2",
    ),
    # worst over the evaluated parameters, each on its mean: codmn (3+5)/2=4 -> II, nh3n 0.8 -> III
    one(
        "MEAN-worst-param",
        "river",
        3,
        [("2024-05-02", "codmn", "3"), ("2024-05-22", "codmn", "5"), ("2024-05-02", "nh3n", "0.8")],
        water_class=3,
    ),
    # two months -> two rows
    Case(
        "MEAN-two-months",
        "river",
        3,
        [("2024-01-10", "codmn", "11"), ("2024-02-10", "codmn", "1")],
        {
            "2024-01": {"water_class": 5, "main_pollutants": "codmn:0.8"},  # (11-6)/6 = 0.833
            "2024-02": {"water_class": 1, "main_pollutants": ""},
        },
    ),
    # --- 7. main pollutants (2.6, 8F) -----------------------------------------------------
    # Wuhai example: F 1.64 (劣V, 0.64 -> 0.6), COD 36 (V, 0.8), CODMn 7.2 (IV, 0.2)
    one(
        "MP-wuhai",
        "river",
        5,
        [("fluoride", "1.64"), ("cod", "36"), ("codmn", "7.2")],
        water_class=6,
        main_pollutants="fluoride:0.6;cod:0.8;codmn:0.2",
        exceed_target_has={"fluoride": "0.1"},
        exceed_target_lacks=["cod", "codmn"],
    ),
    one("MP-fluoride", "river", 3, [("fluoride", "1.64")], water_class=6, main_pollutants="fluoride:0.6"),
    # class first, then multiple: F (劣V, 0.6) before COD 38 (V, 0.9) before phenol 0.009 (IV, 0.8)
    one(
        "MP-class-first",
        "river",
        3,
        [("phenol", "0.009"), ("cod", "38"), ("fluoride", "1.6")],
        water_class=6,
        main_pollutants="fluoride:0.6;cod:0.9;phenol:0.8",
    ),
    # same class IV: multiples 0.4 > 0.3 > 0.25->0.2
    one(
        "MP-same-class",
        "river",
        3,
        [("bod5", "5"), ("codmn", "7.8"), ("nh3n", "1.4")],
        water_class=4,
        main_pollutants="nh3n:0.4;codmn:0.3;bod5:0.2",
    ),
    # at most three: F (6), COD (5), then NH3-N 0.4 beats CODMn 0.2 within IV
    one(
        "MP-max-three",
        "river",
        3,
        [("codmn", "7.2"), ("nh3n", "1.4"), ("cod", "36"), ("fluoride", "1.64")],
        water_class=6,
        main_pollutants="fluoride:0.6;cod:0.8;nh3n:0.4",
    ),
    # five above III: petroleum 0.6 (V, 11.0) before COD 36 (V, 0.8)
    one(
        "MP-five",
        "river",
        3,
        [("codmn", "7.2"), ("nh3n", "1.4"), ("cod", "36"), ("fluoride", "1.64"), ("petroleum", "0.6")],
        water_class=6,
        main_pollutants="fluoride:0.6;petroleum:11.0;cod:0.8",
    ),
    # indicators at or below III are not listed even in a class IV section
    one(
        "MP-only-above-III",
        "river",
        3,
        [("codmn", "6"), ("nh3n", "1.0"), ("bod5", "5")],
        water_class=4,
        main_pollutants="bod5:0.2",
    ),
    # empty for III and better
    one(
        "MP-empty-III", "river", 3, [("codmn", "6"), ("nh3n", "1.0"), ("tp", "0.2")], water_class=3, main_pollutants=""
    ),
    one("MP-empty-II", "river", 2, [("codmn", "4"), ("nh3n", "0.5")], water_class=2, main_pollutants=""),
    # one-decimal half-even on the decimal value of the multiple
    one("MP-round-0.25", "river", 3, [("nh3n", "1.25")], water_class=4, main_pollutants="nh3n:0.2"),
    one("MP-round-0.35", "river", 3, [("nh3n", "1.35")], water_class=4, main_pollutants="nh3n:0.4"),
    one("MP-round-0.45", "river", 3, [("nh3n", "1.45")], water_class=4, main_pollutants="nh3n:0.4"),
    one("MP-round-0.15", "river", 3, [("nh3n", "1.15")], water_class=4, main_pollutants="nh3n:0.2"),
    one("MP-round-0.05", "river", 3, [("nh3n", "1.05")], water_class=4, main_pollutants="nh3n:0.0"),
    one("MP-round-bod5-0.25", "river", 3, [("bod5", "5")], water_class=4, main_pollutants="bod5:0.2"),
    one("MP-round-codmn-0.35", "river", 3, [("codmn", "8.1")], water_class=4, main_pollutants="codmn:0.4"),
    one("MP-round-codmn-0.75", "river", 3, [("codmn", "10.5")], water_class=5, main_pollutants="codmn:0.8"),
    one("MP-round-tp-0.35", "river", 3, [("tp", "0.27")], water_class=4, main_pollutants="tp:0.4"),
    one("MP-phenol-3.0", "river", 3, [("phenol", "0.02")], water_class=5, main_pollutants="phenol:3.0"),
    one("MP-hg-4.0", "river", 3, [("hg", "0.0005")], water_class=4, main_pollutants="hg:4.0"),
    one("MP-cu", "river", 3, [("cu", "1.5")], water_class=6, main_pollutants="cu:0.5"),
    # lake TP multiple against the lake class III limit 0.05; the same TP is class II in a river
    one("MP-lake-tp", "lake", 3, [("tp", "0.08")], water_class=4, main_pollutants="tp:0.6"),
    one("MP-river-tp-0.08", "river", 3, [("tp", "0.08")], water_class=2, main_pollutants=""),
    # DO and pH decide the class but are never listed
    one("MP-do-not-listed", "river", 3, [("do", "1.5"), ("codmn", "7.2")], water_class=6, main_pollutants="codmn:0.2"),
    one("MP-ph-not-listed", "river", 3, [("ph", "9.5"), ("nh3n", "1.4")], water_class=6, main_pollutants="nh3n:0.4"),
    one("MP-do-iv-none", "river", 3, [("do", "4"), ("codmn", "3")], water_class=4, main_pollutants=""),
    one("MP-ph-only", "river", 3, [("ph", "5.5"), ("codmn", "3")], water_class=6, main_pollutants=""),
    # exceedance against the target (2.6): NH3-N 2.3 vs target III -> (2.3-1.0)/1.0 = 1.3
    one(
        "EX-nh3n-1.3",
        "river",
        3,
        [("nh3n", "2.3")],
        water_class=6,
        main_pollutants="nh3n:1.3",
        exceed_target_has={"nh3n": "1.3"},
    ),
    # --- 8. attainment (2.7): class <= target ------------------------------------------------
    one("AT-3-3", "river", 3, [("codmn", "6")], water_class=3, is_attained="true"),
    one("AT-4-3", "river", 3, [("codmn", "6.01")], water_class=4, is_attained="false"),
    one("AT-1-1", "river", 1, [("codmn", "2")], water_class=1, is_attained="true"),
    one("AT-2-1", "river", 1, [("codmn", "2.01")], water_class=2, is_attained="false"),
    one("AT-5-5", "river", 5, [("codmn", "15")], water_class=5, is_attained="true"),
    one("AT-6-5", "river", 5, [("codmn", "15.01")], water_class=6, is_attained="false"),
    one("AT-2-4", "lake", 4, [("tp", "0.025")], water_class=2, is_attained="true"),
    one("AT-do-2-2", "river", 2, [("do", "6")], water_class=2, is_attained="true"),
    one("AT-do-3-2", "river", 2, [("do", "5.99")], water_class=3, is_attained="false"),
    # --- missing basic indicators (8C) ----------------------------------------------------------
    one(
        "BASIC-all",
        "river",
        2,
        [("ph", "7.4"), ("do", "8"), ("codmn", "3"), ("nh3n", "0.3"), ("tp", "0.05")],
        water_class=2,
        missing_basic="",
        is_incomplete="false",
    ),
    one(
        "BASIC-none",
        "river",
        3,
        [("cod", "12")],
        water_class=1,
        missing_basic="ph;do;codmn;nh3n;tp",
        is_incomplete="true",
    ),
    one(
        "BASIC-some",
        "lake",
        3,
        [("ph", "7"), ("tp", "0.04"), ("cod", "25")],
        water_class=4,
        missing_basic="do;codmn;nh3n",
        is_incomplete="true",
        main_pollutants="cod:0.2",
    ),
]


# --------------------------------------------------------------------------------------------
# 6. Year cases (2.3, 8E): annual mean = arithmetic mean of the monthly means, then classify
# --------------------------------------------------------------------------------------------


def months(year: int, month_values: list[tuple[int, str]], param: str, day: int = 15):
    return [(f"{year}-{m:02d}-{day:02d}", param, v) for m, v in month_values]


LIUJI_ZHA_CODMN_2024 = ["6.5", "13.5", "12.2", "6.6", "9", "6", "12.4", "11", "7.6", "11.3", "12.2", "11.9"]

YEAR_CASES: list[Case] = [
    # issue 10 item 6: liuji_zha 2024 manual CODMn, reported to 0.1: mean 120.2/12 = 10.0167, graded at
    # 0.1 -> 10.0 -> IV (at 0.01 it was 10.02 -> V); multiple over III (10.0 - 6)/6 = 0.67 -> 0.7
    Case(
        "Y-codmn-0.1",
        "river",
        3,
        months(2024, list(enumerate(LIUJI_ZHA_CODMN_2024, start=1)), "codmn"),
        {"2024": {"water_class": 4, "main_pollutants": "codmn:0.7", "months_with_data": 12}},
    ),
    # the same with one value reported to 0.01 (6.51): mean 120.21/12 = 10.0175 -> 10.02 -> V
    Case(
        "Y-codmn-0.01",
        "river",
        3,
        months(2024, list(enumerate(["6.51"] + LIUJI_ZHA_CODMN_2024[1:], start=1)), "codmn"),
        {"2024": {"water_class": 5, "months_with_data": 12}},
    ),
    # Jan: three samples of 9 (monthly mean 9, IV); Feb-Aug: 5.  Mean of monthly means
    # (9 + 7*5)/8 = 5.5 -> III.  (Mean of all ten samples 6.2 -> IV; worst month IV.)
    Case(
        "Y-mean-of-months",
        "river",
        3,
        [("2024-01-05", "codmn", "9"), ("2024-01-15", "codmn", "9"), ("2024-01-25", "codmn", "9")]
        + months(2024, [(m, "5") for m in range(2, 9)], "codmn"),
        {"2024": {"water_class": 3, "main_pollutants": "", "months_with_data": 8, "is_insufficient": "false"}},
    ),
    # 4 months 6.02 (IV) and 4 months 5.98: annual 6.00 -> III
    Case(
        "Y-round",
        "river",
        3,
        months(2024, [(m, "6.02") for m in range(1, 5)] + [(m, "5.98") for m in range(5, 9)], "codmn"),
        {"2024": {"water_class": 3, "months_with_data": 8, "is_insufficient": "false"}},
    ),
    # 12 months; one month NH3-N 2.5 (劣V): (11*0.5 + 2.5)/12 = 0.6667 -> 0.667 -> III
    Case(
        "Y-full",
        "river",
        3,
        months(2024, [(m, "0.5") for m in range(1, 12)] + [(12, "2.5")], "nh3n"),
        {
            "2024": {
                "water_class": 3,
                "main_pollutants": "",
                "months_with_data": 12,
                "is_insufficient": "false",
                "is_attained": "true",
            }
        },
    ),
    # 7 months -> insufficient, class still computed
    Case(
        "Y-seven",
        "river",
        2,
        months(2024, [(m, "3") for m in range(1, 8)], "codmn"),
        {"2024": {"water_class": 2, "months_with_data": 7, "is_insufficient": "true"}},
    ),
    # months spread over the year (not consecutive), 8 of them
    Case(
        "Y-eight-spread",
        "river",
        2,
        months(2024, [(m, "3") for m in (1, 2, 4, 5, 7, 9, 10, 12)], "codmn"),
        {"2024": {"water_class": 2, "months_with_data": 8, "is_insufficient": "false"}},
    ),
    # F: 4 months 1.0, 4 months 2.0 -> annual 1.5 -> IV (worst month 劣V); multiple 0.5
    Case(
        "Y-main",
        "river",
        4,
        months(2024, [(m, "1.0") for m in range(1, 5)] + [(m, "2.0") for m in range(5, 9)], "fluoride"),
        {"2024": {"water_class": 4, "main_pollutants": "fluoride:0.5", "is_attained": "true", "months_with_data": 8}},
    ),
    # below DL in annual means: 4 months <0.05 (0.025), 4 months 0.275 -> 0.150 -> I
    Case(
        "Y-dl",
        "river",
        1,
        months(2024, [(m, "<0.05") for m in range(1, 5)] + [(m, "0.275") for m in range(5, 9)], "nh3n"),
        {"2024": {"water_class": 1, "is_attained": "true", "months_with_data": 8}},
    ),
    # DL/2 inside a month feeding the year: Jan <0.05 (0.025) and 0.575 -> monthly mean 0.300;
    # Feb-Aug 0.5.  Annual (0.3 + 7*0.5)/8 = 0.475 -> II
    Case(
        "Y-dl-uneven",
        "river",
        2,
        [("2024-01-05", "nh3n", "<0.05"), ("2024-01-25", "nh3n", "0.575")]
        + months(2024, [(m, "0.5") for m in range(2, 9)], "nh3n"),
        {"2024": {"water_class": 2, "months_with_data": 8}},
    ),
    # two years -> two rows
    Case(
        "Y-two-years",
        "river",
        3,
        [("2023-12-15", "codmn", "11"), ("2024-01-15", "codmn", "3")],
        {
            "2023": {
                "water_class": 5,
                "months_with_data": 1,
                "is_insufficient": "true",
                "main_pollutants": "codmn:0.8",
            },
            "2024": {"water_class": 2, "months_with_data": 1, "is_insufficient": "true"},
        },
    ),
    # TN excluded from the annual class of a lake; its annual TN class reported separately
    Case(
        "Y-lake-tn",
        "lake",
        3,
        months(2024, [(m, "0.04") for m in range(1, 9)], "tp")
        + months(2024, [(m, "1.0") for m in range(1, 5)] + [(m, "2.0") for m in range(5, 9)], "tn"),
        {"2024": {"water_class": 3, "tn_class": 4, "months_with_data": 8}},
    ),  # TN 1.5 -> IV
    # DO annual mean: months 8 x4, 3 x4 -> 5.5 -> III (worst month IV)
    Case(
        "Y-do",
        "river",
        3,
        months(2024, [(m, "8") for m in range(1, 5)] + [(m, "3") for m in range(5, 9)], "do"),
        {"2024": {"water_class": 3, "months_with_data": 8}},
    ),
]


# --------------------------------------------------------------------------------------------
# batch runs
# --------------------------------------------------------------------------------------------


def _batch(tmp_path_factory, name: str, cases: list[Case], period: str) -> dict[str, list[dict]]:
    sids = [c.sid for c in cases]
    assert len(sids) == len(set(sids)), "duplicate section ids in the test table"
    d = tmp_path_factory.mktemp(name)
    src = write_csv(d / "in.csv", [r for c in cases for r in c.csv_rows()])
    out = d / "out.csv"
    proc = run_evaluate(src, period, out)
    assert proc.returncode == 0, proc.stderr
    by_sid: dict[str, list[dict]] = {}
    for row in read_output(out):
        by_sid.setdefault(row["section_id"], []).append(row)
    return by_sid


ALL_MONTH_CASES = boundary_cases() + MONTH_CASES


@pytest.fixture(scope="module")
def month_rows(tmp_path_factory):
    return _batch(tmp_path_factory, "month", ALL_MONTH_CASES, "month")


@pytest.fixture(scope="module")
def year_rows(tmp_path_factory):
    return _batch(tmp_path_factory, "year", YEAR_CASES, "year")


def check_case(case: Case, rows_by_sid: dict[str, list[dict]]) -> None:
    rows = rows_by_sid.get(case.sid, [])
    periods = [r["period"] for r in rows]
    assert sorted(periods) == sorted(case.rows), f"{case.sid}: periods {periods}"
    for row in rows:
        exp = case.rows[row["period"]]
        got = int(row["water_class"])
        ctx = f"{case.sid} {row['period']}: {row}"
        assert got == exp["water_class"], ctx
        # generic rules that hold for every row
        assert row["water_class_label"] == LABELS[got], ctx
        assert row["target_class"] == str(case.target), ctx
        assert row["is_attained"] == ("true" if got <= case.target else "false"), ctx
        if got <= 3:
            assert row["main_pollutants"] == "", ctx
        mp = row["main_pollutants"]
        if mp:
            items = mp.split(";")
            assert len(items) <= 3, ctx
            assert all(re.fullmatch(r"[a-z0-9_]+:\d+\.\d", it) for it in items), ctx
            assert not {"do", "ph", "tn", "fecal_coliform", "water_temp"} & set(pollutant_codes(mp)), ctx
        # case-specific fields
        for key, want in exp.items():
            if key == "water_class":
                continue
            if key == "main_codes":
                assert pollutant_codes(mp) == want, ctx
            elif key == "exceed_target_has":
                have = pollutant_map(row["exceed_target"])
                for code, mult in want.items():
                    assert have.get(code) == mult, ctx
            elif key == "exceed_target_lacks":
                assert not set(want) & set(pollutant_map(row["exceed_target"])), ctx
            else:
                assert row[key] == str(want), f"{key}: {ctx}"


@pytest.mark.parametrize("case", ALL_MONTH_CASES, ids=lambda c: c.sid)
def test_month_case(case: Case, month_rows) -> None:
    check_case(case, month_rows)


@pytest.mark.parametrize("case", YEAR_CASES, ids=lambda c: c.sid)
def test_year_case(case: Case, year_rows) -> None:
    check_case(case, year_rows)


def test_month_batch_has_no_extra_rows(month_rows) -> None:
    assert set(month_rows) == {c.sid for c in ALL_MONTH_CASES}
    for sid, rows in month_rows.items():
        periods = [r["period"] for r in rows]
        assert len(periods) == len(set(periods)), f"{sid}: duplicate periods {periods}"
        for r in rows:
            assert re.fullmatch(r"\d{4}-\d{2}", r["period"]), r
            assert r["is_insufficient"] == "false", r  # only a year can lack months


def test_year_batch_has_no_extra_rows(year_rows) -> None:
    assert set(year_rows) == {c.sid for c in YEAR_CASES}
    for sid, rows in year_rows.items():
        for r in rows:
            assert re.fullmatch(r"\d{4}", r["period"]), r


def test_wuhai_chinese_names(month_rows) -> None:
    """2.6: reported as name(multiple), e.g. 氟化物(0.6)."""
    zh = month_rows["MP-wuhai"][0]["main_pollutants_zh"]
    assert "氟化物(0.6)" in zh
    assert zh.index("氟化物") < zh.index("化学需氧量(0.8)") < zh.index("高锰酸盐指数(0.2)")


# --------------------------------------------------------------------------------------------
# 9. malformed input and BOM
# --------------------------------------------------------------------------------------------

GOOD_ROW = ["S1", "river", "3", "2024-05-15", "codmn", "3"]


def _line_named(stderr: str, line_no: int) -> bool:
    """The file line (header = line 1) or the data row (line - 1) must be named."""
    return bool(
        re.search(rf"\b(line|row)\s*:?\s*{line_no}\b", stderr, re.I)
        or re.search(rf"\brow\s*:?\s*{line_no - 1}\b", stderr, re.I)
    )


def _assert_rejected(tmp_path: Path, rows, header=HEADER, *, line_no: int, column: str) -> None:
    src = write_csv(tmp_path / "bad.csv", rows, header=header)
    out = tmp_path / "out.csv"
    proc = run_evaluate_here(src, "month", out)
    assert proc.returncode == 1, (proc.returncode, proc.stdout, proc.stderr)
    assert proc.stderr.strip(), "no message on stderr"
    assert _line_named(proc.stderr, line_no), proc.stderr
    assert column in proc.stderr, proc.stderr
    assert not out.exists(), "an output file was written for a bad input"


@pytest.mark.parametrize("missing", HEADER)
def test_missing_column(tmp_path: Path, missing: str) -> None:
    header = [h for h in HEADER if h != missing]
    row = [v for h, v in zip(HEADER, GOOD_ROW) if h != missing]
    _assert_rejected(tmp_path, [row], header=header, line_no=1, column=missing)


@pytest.mark.parametrize("bad", ["chlorophyll", "nh4", "COD_cr", "ph_value"])
def test_unknown_parameter(tmp_path: Path, bad: str) -> None:
    rows = [GOOD_ROW, GOOD_ROW[:4] + ["nh3n", "0.3"], GOOD_ROW[:4] + [bad, "1"]]
    _assert_rejected(tmp_path, rows, line_no=4, column="parameter")


@pytest.mark.parametrize("bad", ["abc", "1.2.3", "<abc", "n.d."])
def test_non_numeric_value(tmp_path: Path, bad: str) -> None:
    rows = [GOOD_ROW, GOOD_ROW[:5] + [bad], GOOD_ROW[:4] + ["nh3n", "0.3"]]
    _assert_rejected(tmp_path, rows, line_no=3, column="value")


@pytest.mark.parametrize("bad", ["2024-02-30", "2024/05/15", "15.05.2024", "2024-13-01", "yesterday"])
def test_bad_date(tmp_path: Path, bad: str) -> None:
    rows = [GOOD_ROW, GOOD_ROW[:4] + ["nh3n", "0.3"], GOOD_ROW[:3] + [bad, "tp", "0.1"]]
    _assert_rejected(tmp_path, rows, line_no=4, column="sampled_on")


def test_bom_is_accepted(tmp_path: Path) -> None:
    rows = [["S-BOM", "river", "3", "2024-05-15", "codmn", "7.2"], ["S-BOM", "river", "3", "2024-05-16", "nh3n", "0.3"]]
    src = write_csv(tmp_path / "bom.csv", rows, bom=True)
    assert src.read_bytes().startswith(b"\xef\xbb\xbf")
    out = tmp_path / "out.csv"
    proc = run_evaluate(src, "month", out)
    assert proc.returncode == 0, proc.stderr
    got = read_output(out)
    assert len(got) == 1
    assert got[0]["section_id"] == "S-BOM"
    assert got[0]["period"] == "2024-05"
    assert got[0]["water_class"] == "4"
    assert got[0]["main_pollutants"] == "codmn:0.2"
    assert got[0]["is_attained"] == "false"
