"""Trend analysis the way Chinese bulletins state it: pure rules and statistics, no st.*, no queries.

Rules from shared/reference/water-standards.md:
- §2.4 / §2.5: 水质状况 (优 / 良好 / 轻度 / 中度 / 重度污染) of a section by its class, of a river, township
  or district by mean concentrations (< 5 sections) or by class shares (>= 5 sections);
- §2.9: CWQI (smaller is better) and its change against the same period of a base year;
- §2.10: change between two periods (a working rule, labelled so in the app), Spearman rank correlation
  on annual series with tabulated critical values, Seasonal Kendall with the Sen slope on monthly series.

Thresholds and tables are data: data/reference/trends/trend_settings.csv and spearman_critical_values.csv.
Each verdict carries what it used (N, r_s, the critical value, its table, alpha) so it can be shown.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import math
from typing import Any, Iterable, Sequence

import numpy as np
import pandas as pd
import pymannkendall
from scipy import stats

from bishui import config, i18n

# In a sub-folder: read at run time only, not warehouse inputs (config.fingerprint hashes the CSVs
# directly in data/reference/, and a change there marks every built warehouse stale).
SETTINGS_FILE = config.REFERENCE_DIR / "trends" / "trend_settings.csv"
CRITICAL_FILE = config.REFERENCE_DIR / "trends" / "spearman_critical_values.csv"

# 水质状况 levels (§2.4): 0 优, 1 良好, 2 轻度污染, 3 中度污染, 4 重度污染. The colours are the usual
# ones (blue, green, yellow, orange, red); the reference marks them unverified.
LEVELS = (0, 1, 2, 3, 4)
LEVEL_OF_CLASS = {1: 0, 2: 0, 3: 1, 4: 2, 5: 3, 6: 4}
LEVEL_COLORS = {0: "#3b7dd8", 1: "#2f9e44", 2: "#f2c200", 3: "#f08c00", 4: "#d62828"}

# The 21 CWQI items (§2.9) are the parameters that enter the class (parameters.enters_class).
PH_NEUTRAL, PH_LOW, PH_HIGH = 7.0, 6.0, 9.0


# ---- settings ---------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Settings:
    """Every threshold the trend rules use; defaults come from data/reference/trends/trend_settings.csv."""

    spearman_table: str = "exact"
    spearman_alpha: float = 0.05
    spearman_min_n: int = 5
    sk_alpha: float = 0.05
    sk_min_years: int = 5
    sk_min_season_share: float = 0.5
    change_section_marked_steps: int = 2
    change_area_slight_pp: float = 10.0
    change_area_marked_pp: float = 20.0
    status_min_sections_shares: int = 5
    status_excellent_good_pct: float = 90.0
    status_good_good_pct: float = 75.0
    status_moderate_bad_pct: float = 20.0
    status_heavy_bad_pct: float = 40.0
    cwqi_do_numerator: float = 5.0
    cwqi_combine: str = "weighted"

    @classmethod
    def load(cls, **overrides) -> "Settings":
        """The settings in data/reference/trends/trend_settings.csv, with overrides (e.g. the page's choices)."""
        values: dict[str, Any] = {}
        types = {f.name: f.type for f in dataclasses.fields(cls)}
        for row in settings_rows():
            kind = types.get(row["key"])
            if kind is None:
                continue
            raw = row["value"]
            values[row["key"]] = int(raw) if kind == "int" else float(raw) if kind == "float" else raw
        values.update(overrides)
        return cls(**values)


@functools.cache
def _settings_rows() -> tuple[dict, ...]:
    with SETTINGS_FILE.open(encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


def settings_rows() -> list[dict]:
    """The rows of trend_settings.csv: key, value, basis (verified | working_rule | unverified), note."""
    return [dict(r) for r in _settings_rows()]


def basis(key: str) -> str:
    """'verified', 'working_rule' or 'unverified' for a setting."""
    return {r["key"]: r["basis"] for r in _settings_rows()}[key]


# ---- Spearman rank correlation (§2.10) --------------------------------------------------------
@functools.cache
def critical_values() -> pd.DataFrame:
    """data/reference/trends/spearman_critical_values.csv: table ('exact' | 'older'), alpha, n, critical_value."""
    return pd.read_csv(CRITICAL_FILE)


def spearman_critical(n: int, alpha: float, table: str) -> float | None:
    """W_p(N) from the chosen table, or None when the table has no value for this N and alpha."""
    cv = critical_values()
    hit = cv[(cv["table"] == table) & np.isclose(cv["alpha"], alpha) & (cv["n"] == n)]
    return None if hit.empty else float(hit["critical_value"].iloc[0])


def spearman_rs(values: Sequence[float]) -> float:
    """r_s = 1 − 6·Σd²/(N³ − N), d = time order − rank of the value (ties take average ranks), as the
    Chinese method states it. Without ties this equals scipy.stats.spearmanr; with ties it differs
    slightly (scipy correlates the ranks), and the method's formula is the one bulletins use."""
    x = np.asarray(values, dtype=float)
    n = len(x)
    ranks = stats.rankdata(x, method="average")
    d = np.arange(1, n + 1) - ranks
    return float(1 - 6 * np.sum(d**2) / (n**3 - n))


@dataclasses.dataclass(frozen=True)
class Spearman:
    n: int
    r_s: float | None
    critical: float | None
    alpha: float
    table: str
    verdict: str  # rise | fall | none | too_few | no_critical


def spearman_test(values: Iterable[float], settings: Settings | None = None) -> Spearman:
    """The Spearman verdict on a series in time order (missing periods dropped): significant when
    |r_s| >= W_p(N); r_s > 0 rising, < 0 falling."""
    s = settings or Settings.load()
    x = [float(v) for v in values if v is not None and not pd.isna(v)]
    n = len(x)
    if n < max(s.spearman_min_n, 3):
        return Spearman(n, spearman_rs(x) if n >= 3 else None, None, s.spearman_alpha, s.spearman_table, "too_few")
    r_s = spearman_rs(x)
    w = spearman_critical(n, s.spearman_alpha, s.spearman_table)
    if w is None:
        return Spearman(n, r_s, None, s.spearman_alpha, s.spearman_table, "no_critical")
    if abs(r_s) >= w - 1e-12:
        verdict = "rise" if r_s > 0 else "fall"
    else:
        verdict = "none"
    return Spearman(n, r_s, w, s.spearman_alpha, s.spearman_table, verdict)


# ---- Seasonal Kendall with the Sen slope (§2.10) ----------------------------------------------
@dataclasses.dataclass(frozen=True)
class SeasonalKendall:
    n_years: int
    n_values: int
    is_sufficient: bool
    s: float | None
    var_s: float | None
    z: float | None
    p: float | None
    slope_per_year: float | None
    verdict: str  # rise | fall | none | insufficient


def season_matrix(months: Sequence, values: Sequence[float]) -> tuple[list[int], np.ndarray]:
    """Years (first to last, gaps included) and a years × 12 matrix of monthly values (NaN = no data)."""
    stamps = pd.to_datetime(pd.Series(list(months)))
    vals = pd.Series(list(values), dtype=float)
    keep = vals.notna().to_numpy()
    stamps, vals = stamps[keep], vals[keep]
    if stamps.empty:
        return [], np.empty((0, 12))
    years = list(range(int(stamps.dt.year.min()), int(stamps.dt.year.max()) + 1))
    m = np.full((len(years), 12), np.nan)
    for stamp, v in zip(stamps, vals):
        m[stamp.year - years[0], stamp.month - 1] = v
    return years, m


def is_sufficient(matrix: np.ndarray, settings: Settings | None = None) -> bool:
    """ESTREND practice: at least sk_min_years years, and data in more than half of the seasons in
    both the first and the last fifth of the years (a fifth rounded up to whole years)."""
    s = settings or Settings.load()
    n_years = matrix.shape[0]
    if n_years < s.sk_min_years:
        return False
    k = math.ceil(n_years / 5)
    for block in (matrix[:k], matrix[-k:]):
        seasons = int(np.sum(np.any(~np.isnan(block), axis=0)))
        if seasons <= s.sk_min_season_share * matrix.shape[1]:
            return False
    return True


def seasonal_kendall(months: Sequence, values: Sequence[float], settings: Settings | None = None) -> SeasonalKendall:
    """Seasonal Kendall S, Var(S) (with ties), Z, two-sided p and the seasonal Sen slope per year, by
    pymannkendall on the years × months matrix; a verdict only when the data suffice."""
    s = settings or Settings.load()
    years, m = season_matrix(months, values)
    n_values = int(np.sum(~np.isnan(m)))
    if not years or not is_sufficient(m, s):
        return SeasonalKendall(len(years), n_values, False, None, None, None, None, None, "insufficient")
    res = pymannkendall.seasonal_test(m, alpha=s.sk_alpha)
    if res.var_s <= 0:
        return SeasonalKendall(len(years), n_values, True, float(res.s), 0.0, 0.0, 1.0, float(res.slope), "none")
    verdict = ("rise" if res.z > 0 else "fall") if res.h else "none"
    return SeasonalKendall(
        len(years),
        n_values,
        True,
        float(res.s),
        float(res.var_s),
        float(res.z),
        float(res.p),
        float(res.slope),
        verdict,
    )


def sen_line(
    months: Sequence, values: Sequence[float], slope_per_year: float, at: Sequence | None = None
) -> pd.DataFrame:
    """Two points of the Sen line through the medians of time and value: columns month, value; at
    the first and last month of the data, or at the two dates given in `at` (e.g. a chart's range).
    Time is in years (month start, fractional)."""
    stamps = pd.to_datetime(pd.Series(list(months)))
    vals = pd.Series(list(values), dtype=float)
    keep = vals.notna().to_numpy()
    stamps, vals = stamps[keep].reset_index(drop=True), vals[keep].reset_index(drop=True)
    t = stamps.dt.year + (stamps.dt.month - 1) / 12
    t0, v0 = float(np.median(t)), float(np.median(vals))
    ends = [stamps.min(), stamps.max()] if at is None else [pd.Timestamp(x) for x in at]
    te = [e.year + (e.month - 1) / 12 for e in ends]
    return pd.DataFrame({"month": ends, "value": [v0 + slope_per_year * (x - t0) for x in te]})


# ---- 水质状况 and change between two periods (§2.4, §2.5, §2.10) ------------------------------------
def level_of_class(water_class) -> int | None:
    """水质状况 level of a section class: I–II 优 (0), III 良好 (1), IV 轻度 (2), V 中度 (3), 劣V 重度 (4)."""
    if water_class is None or pd.isna(water_class):
        return None
    return LEVEL_OF_CLASS[int(water_class)]


def level_of_shares(good_pct: float, bad_pct: float, settings: Settings | None = None) -> int:
    """水质状况 of 5 or more sections from the I–III share and the 劣V share (percent, §2.5)."""
    s = settings or Settings.load()
    good, bad = round(good_pct, 9), round(bad_pct, 9)
    if good >= s.status_excellent_good_pct:
        return 0
    if good >= s.status_good_good_pct:
        return 1
    if bad >= s.status_heavy_bad_pct:
        return 4
    if bad >= s.status_moderate_bad_pct:
        return 3
    return 2


@dataclasses.dataclass(frozen=True)
class AreaStatus:
    method: str  # shares | means | none
    n_sections: int
    good_pct: float | None
    bad_pct: float | None
    level: int | None


def area_status(section_classes: Iterable, mean_class=None, settings: Settings | None = None) -> AreaStatus:
    """Status of a river, township or district (§2.5): with fewer than status_min_sections_shares
    sections, the single-factor class of the mean concentrations (mean_class, graded in SQL); with
    more, the shares of the sections' classes. The shares are reported in both cases."""
    classes = [int(c) for c in section_classes if c is not None and not pd.isna(c)]
    return area_status_of_counts(
        len(classes), sum(c <= 3 for c in classes), sum(c == 6 for c in classes), mean_class, settings
    )


def area_status_of_counts(
    n: int, n_good: int, n_bad: int, mean_class=None, settings: Settings | None = None
) -> AreaStatus:
    """area_status() from the number of sections with a class, of those in I–III and of those 劣V."""
    s = settings or Settings.load()
    if n == 0:
        return AreaStatus("none", 0, None, None, None)
    good, bad = 100.0 * n_good / n, 100.0 * n_bad / n
    if n >= s.status_min_sections_shares:
        return AreaStatus("shares", n, good, bad, level_of_shares(good, bad, s))
    return AreaStatus("means", n, good, bad, level_of_class(mean_class))


@dataclasses.dataclass(frozen=True)
class Change:
    method: str  # levels | shares | none
    score: float | None  # level steps better (+) / worse (−), or ΔG − ΔD in percentage points
    word: str  # no_change | slight_better | marked_better | slight_worse | marked_worse | no_data


def _word(better: bool, marked: bool) -> str:
    return f"{'marked' if marked else 'slight'}_{'better' if better else 'worse'}"


def change_by_levels(level_base, level_now, settings: Settings | None = None) -> Change:
    """One section (or an area rated by mean concentrations): compare 水质状况 levels; no change →
    无明显变化, one level → 有所好转/变差, change_section_marked_steps or more → 明显 (working rule)."""
    s = settings or Settings.load()
    if level_base is None or level_now is None or pd.isna(level_base) or pd.isna(level_now):
        return Change("levels", None, "no_data")
    steps = int(level_base) - int(level_now)
    if steps == 0:
        return Change("levels", 0, "no_change")
    return Change("levels", steps, _word(steps > 0, abs(steps) >= s.change_section_marked_steps))


def change_by_shares(
    good_base: float, bad_base: float, good_now: float, bad_now: float, settings: Settings | None = None
) -> Change:
    """An area rated by class shares: score = ΔG − ΔD in percentage points (ΔG: change of the I–III
    share, ΔD: of the 劣V share); |score| <= slight → 无明显变化, <= marked → 有所, above → 明显 (working rule)."""
    s = settings or Settings.load()
    if any(v is None or pd.isna(v) for v in (good_base, bad_base, good_now, bad_now)):
        return Change("shares", None, "no_data")
    score = round((good_now - good_base) - (bad_now - bad_base), 9)
    if abs(score) <= s.change_area_slight_pp:
        return Change("shares", score, "no_change")
    return Change("shares", score, _word(score > 0, abs(score) > s.change_area_marked_pp))


def change_of_areas(base: AreaStatus, now: AreaStatus, settings: Settings | None = None) -> Change:
    """The change of an area between two periods: by shares when both periods are rated by shares,
    else by 水质状况 levels."""
    if (
        base.method == "shares"
        and now.method == "shares"
        and base.good_pct is not None
        and base.bad_pct is not None
        and now.good_pct is not None
        and now.bad_pct is not None
    ):  # a shares rating has both shares
        return change_by_shares(base.good_pct, base.bad_pct, now.good_pct, now.bad_pct, settings)
    return change_by_levels(base.level, now.level, settings)


# ---- CWQI (§2.9) ------------------------------------------------------------------------------
def cwqi_index(
    parameter: str, direction: str, value: float, limit_iii: float | None, settings: Settings | None = None
) -> float | None:
    """One item's CWQI index: C/C_III; DO: cwqi_do_numerator/C; pH: (7 − pH)/(7 − 6) at or below 7,
    (pH − 7)/(9 − 7) above."""
    s = settings or Settings.load()
    if value is None or pd.isna(value):
        return None
    if direction == "range" or parameter == "ph":
        return (
            (PH_NEUTRAL - value) / (PH_NEUTRAL - PH_LOW)
            if value <= PH_NEUTRAL
            else (value - PH_NEUTRAL) / (PH_HIGH - PH_NEUTRAL)
        )
    if direction == "ge" or parameter == "do":
        return s.cwqi_do_numerator / value if value > 0 else None
    if limit_iii is None or pd.isna(limit_iii) or limit_iii == 0:
        return None
    return value / limit_iii


def cwqi(frame: pd.DataFrame, by: list[str], settings: Settings | None = None) -> pd.DataFrame:
    """CWQI per group. frame: one row per section, period and item, columns by..., section_id,
    water_body_type, parameter, direction, mean_value (the item's mean over the period), limit_iii.
    Each item is averaged over the group's sections first, then indexed and summed (§2.9); rivers and
    lakes/reservoirs are indexed apart and combined weighted by their numbers of sections (a setting,
    unverified). Returns by..., cwqi, cwqi_river, cwqi_lake, n_sections, n_items."""
    s = settings or Settings.load()
    cols = [*by, "cwqi", "cwqi_river", "cwqi_lake", "n_sections", "n_items"]
    data = frame.dropna(subset=["mean_value"])
    if data.empty:
        return pd.DataFrame(columns=cols)
    data = data.assign(water=np.where(data["water_body_type"] == "river", "river", "lake"))
    items = (
        data.groupby([*by, "water", "parameter"], dropna=False)
        .agg(direction=("direction", "first"), mean_value=("mean_value", "mean"), limit_iii=("limit_iii", "first"))
        .reset_index()
    )
    items["index"] = [
        cwqi_index(p, d, v, lim, s)
        for p, d, v, lim in zip(items["parameter"], items["direction"], items["mean_value"], items["limit_iii"])
    ]
    per_water = (
        items.dropna(subset=["index"])
        .groupby([*by, "water"], dropna=False)
        .agg(cwqi=("index", "sum"), n_items=("index", "size"))
        .reset_index()
    )
    counts = data.groupby([*by, "water"], dropna=False)["section_id"].nunique().rename("n_sections").reset_index()
    per_water = per_water.merge(counts, on=[*by, "water"], how="left")
    rows = []
    for key, g in per_water.groupby(by, dropna=False, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        river = g[g["water"] == "river"]
        lake = g[g["water"] == "lake"]
        total = int(g["n_sections"].sum())
        value = float((g["cwqi"] * g["n_sections"]).sum() / total) if total else None
        rows.append(
            (
                *key,
                value,
                float(river["cwqi"].iloc[0]) if not river.empty else None,
                float(lake["cwqi"].iloc[0]) if not lake.empty else None,
                total,
                int(g["n_items"].max()),
            )
        )
    return pd.DataFrame(rows, columns=cols)


def pollution_index(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """综合污染指数 P = Σ C_i / C_III,i over the evaluated items except pH and DO (§2.9, used with the
    2011 method for quantitative trends), each item averaged over the group's rows first. frame as for
    cwqi(); rivers and lakes use their own C_III (limit_iii). Returns by..., pollution_index, n_items."""
    data = frame[~frame["parameter"].isin(["ph", "do"]) & frame["direction"].eq("le")].dropna(subset=["mean_value"])
    cols = [*by, "pollution_index", "n_items"]
    if data.empty:
        return pd.DataFrame(columns=cols)
    items = (
        data.groupby([*by, "parameter"], dropna=False)
        .agg(mean_value=("mean_value", "mean"), limit_iii=("limit_iii", "first"))
        .reset_index()
    )
    items = items[items["limit_iii"].notna() & (items["limit_iii"] > 0)]
    items = items.assign(ratio=items["mean_value"] / items["limit_iii"])
    out = items.groupby(by, dropna=False).agg(pollution_index=("ratio", "sum"), n_items=("ratio", "size")).reset_index()
    return out[cols]


def cwqi_change_pct(now: float | None, base: float | None) -> float | None:
    """ΔCWQI = (CWQI_now − CWQI_base)/CWQI_base × 100 % (negative = better)."""
    if now is None or base is None or pd.isna(now) or pd.isna(base) or base == 0:
        return None
    return (now - base) / base * 100.0


# ---- wording ----------------------------------------------------------------------------------
def level_text(level, lang: str) -> str:
    if level is None or pd.isna(level):
        return i18n.t("trd.none", lang)
    return i18n.t(f"trd.level.{int(level)}", lang)


def change_text(change: Change, lang: str) -> str:
    return i18n.t(f"trd.change.{change.word}", lang)


def spearman_text(result: Spearman, lang: str) -> str:
    """'significant fall, r_s −0.90, N 5, W 0.900 (exact table), α 0.05' and the like."""
    if result.verdict == "too_few":
        return i18n.t("trd.verdict.too_few", lang, n=result.n, min_n=Settings.load().spearman_min_n)
    word = i18n.t(f"trd.verdict.{result.verdict}", lang)
    table = i18n.t(f"trd.table.{result.table}", lang)
    if result.verdict == "no_critical":
        return i18n.t(
            "trd.spearman_no_w",
            lang,
            word=word,
            r=_signed(result.r_s, 2),
            n=result.n,
            table=table,
            alpha=f"{result.alpha:g}",
        )
    return i18n.t(
        "trd.spearman_full",
        lang,
        word=word,
        r=_signed(result.r_s, 2),
        n=result.n,
        w=f"{result.critical:.3f}",
        table=table,
        alpha=f"{result.alpha:g}",
    )


def seasonal_text(result: SeasonalKendall, unit: str, lang: str) -> str:
    if not result.is_sufficient:
        return i18n.t("trd.sk_insufficient", lang, years=result.n_years)
    return i18n.t(
        "trd.sk_full",
        lang,
        word=i18n.t(f"trd.verdict.{result.verdict}", lang),
        slope=_signed(result.slope_per_year, 3),
        unit=unit,
        z=_signed(result.z, 2),
        p=f"{result.p:.3f}",
        years=result.n_years,
    )


def _signed(value, digits: int) -> str:
    if value is None or pd.isna(value):
        return "—"
    text = f"{value:+.{digits}f}".replace("-", "−")
    return text


def periods_of(period_kind: str, period: dt.date, base_year: int | None = None) -> dict[str, dt.date]:
    """The comparison periods of a month, quarter or year holding `period` (first days): 'now',
    'same_last' (the same period a year before, or in base_year), 'previous' (the period just
    before), and 'end' (the last day of 'now')."""
    p = pd.Timestamp(period)
    months = {"month": 1, "quarter": 3, "year": 12}[period_kind]
    start = {"month": p.to_period("M"), "quarter": p.to_period("Q"), "year": p.to_period("Y")}[period_kind].start_time
    same = start - pd.DateOffset(years=1) if base_year is None else start.replace(year=base_year)
    end = start + pd.DateOffset(months=months) - pd.Timedelta(days=1)
    return {
        "now": start.date(),
        "same_last": same.date(),
        "previous": (start - pd.DateOffset(months=months)).date(),
        "end": end.date(),
    }


# ---- trophic level index TLI (§2.8) ---------------------------------------------------------------
# TLI(j) = 10 (a + b ln C_j); weights W_j = r_j² / Σ r² with r² against chlorophyll a (CNEMC 2001).
TLI_TERMS = {  # item: (a, b, r²); units: chla mg/m³, SD m, the others mg/L
    "chla": (2.5, 1.086, 1.0),
    "tp": (9.436, 1.624, 0.7056),
    "tn": (5.453, 1.694, 0.6724),
    "sd": (5.118, -1.94, 0.6889),
    "codmn": (0.109, 2.661, 0.6889),
}


def tli(chla: float, tp: float, tn: float, sd_m: float, codmn: float) -> float | None:
    """The comprehensive trophic level index TLI(Σ) of a lake or reservoir from its five means;
    None unless all five are present and positive."""
    values = {"chla": chla, "tp": tp, "tn": tn, "sd": sd_m, "codmn": codmn}
    if any(v is None or pd.isna(v) or v <= 0 for v in values.values()):
        return None
    total_r2 = sum(r2 for _, _, r2 in TLI_TERMS.values())
    return float(sum(r2 / total_r2 * 10 * (a + b * math.log(values[k])) for k, (a, b, r2) in TLI_TERMS.items()))


def tli_grade(value) -> str | None:
    """oligotrophic (< 30), mesotrophic (30–50), light (50–60], moderate (60–70], heavy (> 70)
    eutrophic; the boundaries follow the usual reading (the reference marks them unverified)."""
    if value is None or pd.isna(value):
        return None
    if value < 30:
        return "oligotrophic"
    if value <= 50:
        return "mesotrophic"
    if value <= 60:
        return "light_eutrophic"
    if value <= 70:
        return "moderate_eutrophic"
    return "heavy_eutrophic"
