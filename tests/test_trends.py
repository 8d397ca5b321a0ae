"""Trend rules and statistics (bishui.rules.trends), against series worked by hand (the working is in the
comments) and against the libraries; references: shared/reference/water-standards.md §2.4, §2.5,
§2.9, §2.10."""

from __future__ import annotations

import datetime as dt
import itertools
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from bishui.rules import trends
from bishui.rules.trends import Settings


def S(**kw) -> Settings:
    return Settings.load(**kw)


# ---- Spearman ---------------------------------------------------------------------------------
def _exact_critical(n: int, alpha: float) -> float | None:
    """Smallest r with P(r_s >= r) <= alpha over all n! orderings (one-tailed), by enumeration."""
    denom = n**3 - n
    counts: dict[int, int] = {}
    base = np.arange(1, n + 1)
    for perm in itertools.permutations(range(1, n + 1)):
        d2 = int(np.sum((base - np.array(perm)) ** 2))
        counts[d2] = counts.get(d2, 0) + 1
    total = math.factorial(n)
    tail = 0
    best = None
    for d2 in sorted(counts):  # from r_s = 1 downwards
        tail += counts[d2]
        if tail / total <= alpha + 1e-12:
            best = round(1 - 6 * d2 / denom, 3)
        else:
            break
    return best


@pytest.mark.parametrize("n", [4, 5, 6, 7, 8])
@pytest.mark.parametrize("alpha", [0.05, 0.01])
def test_exact_table_matches_enumeration(n, alpha):
    assert trends.spearman_critical(n, alpha, "exact") == _exact_critical(n, alpha)


def test_tables_hold_what_the_reference_prints():
    assert trends.spearman_critical(12, 0.01, "exact") == 0.678
    assert trends.spearman_critical(12, 0.01, "older") == 0.712
    assert trends.spearman_critical(10, 0.01, "older") == 0.746
    assert trends.spearman_critical(20, 0.05, "exact") == 0.380
    assert trends.spearman_critical(11, 0.01, "older") is None  # the older table skips odd N from 11
    assert trends.spearman_critical(12, 0.05, "older") is None  # and prints only alpha 0.01
    assert trends.spearman_critical(4, 0.01, "exact") is None  # N = 4 cannot reach 0.01


def test_n5_with_ties():
    # values 0.8 0.6 0.6 0.4 0.3; ranks 5 3.5 3.5 2 1; d = -4 -1.5 -0.5 2 4; Σd² = 38.5
    # r_s = 1 - 6*38.5/120 = -0.925
    x = [0.8, 0.6, 0.6, 0.4, 0.3]
    assert trends.spearman_rs(x) == pytest.approx(-0.925)
    # scipy correlates the ranks, which differs with ties: the method's formula is used
    assert stats.spearmanr(range(5), x).statistic == pytest.approx(-0.9747, abs=1e-4)
    r = trends.spearman_test(x, S(spearman_alpha=0.05, spearman_table="exact"))
    assert (r.n, r.critical, r.verdict) == (5, 0.900, "fall")
    assert trends.spearman_test(x, S(spearman_alpha=0.01, spearman_table="exact")).verdict == "none"
    r = trends.spearman_test(x, S(spearman_alpha=0.01, spearman_table="older"))
    assert (r.critical, r.table, r.verdict) == (1.0, "older", "none")
    # a rising series is a rise
    assert trends.spearman_test(x[::-1], S()).verdict == "rise"


def test_n4_with_ties():
    # 1.2 1.0 1.0 0.5: ranks 4 2.5 2.5 1; d = -3 -0.5 0.5 3; Σd² = 18.5; r_s = 1 - 111/60 = -0.85
    x = [1.2, 1.0, 1.0, 0.5]
    assert trends.spearman_rs(x) == pytest.approx(-0.85)
    assert trends.spearman_test(x, S()).verdict == "too_few"  # N >= 5 by default
    r = trends.spearman_test(x, S(spearman_min_n=4))
    assert (r.critical, r.verdict) == (1.0, "none")  # only r_s = 1 reaches W = 1.000
    assert trends.spearman_test([4, 3, 2, 1], S(spearman_min_n=4)).verdict == "fall"
    assert trends.spearman_test([4, 3, 2, 1], S(spearman_min_n=4, spearman_alpha=0.01)).verdict == "no_critical"
    assert (
        trends.spearman_test([4, 3, 2, 1], S(spearman_min_n=4, spearman_table="older", spearman_alpha=0.01)).verdict
        == "no_critical"
    )


def test_n12_with_ties_where_the_tables_disagree():
    # ranks 9 12 11 10 3 6 4 7.5 1.5 7.5 5 1.5; d = -8 -10 -8 -6 2 0 3 0.5 7.5 2.5 6 10.5; Σd² = 486
    # r_s = 1 - 6*486/1716 = -0.699301
    x = [0.61, 0.73, 0.65, 0.63, 0.40, 0.48, 0.44, 0.49, 0.30, 0.49, 0.46, 0.30]
    assert trends.spearman_rs(x) == pytest.approx(1 - 2916 / 1716)
    assert trends.spearman_test(x, S(spearman_alpha=0.05)).verdict == "fall"  # W 0.503
    assert trends.spearman_test(x, S(spearman_alpha=0.01)).verdict == "fall"  # W 0.678
    r = trends.spearman_test(x, S(spearman_alpha=0.01, spearman_table="older"))  # W 0.712
    assert (r.critical, r.verdict) == (0.712, "none")


def test_without_ties_the_formula_is_scipy():
    x = [0.9, 0.7, 0.8, 0.5, 0.6, 0.3, 0.4]
    assert trends.spearman_rs(x) == pytest.approx(stats.spearmanr(range(7), x).statistic)


def test_missing_periods_are_dropped_and_the_boundary_counts():
    x = [5, 4, 2, 3, 1]  # ranks 5 4 2 3 1; d = -4 -2 1 1 4; Σd² = 38; r_s = 1 - 228/120 = -0.9
    assert trends.spearman_rs(x) == pytest.approx(-0.9)
    assert trends.spearman_test([5, None, 4, 2, float("nan"), 3, 1], S()).verdict == "fall"  # |r_s| = W


def test_verdict_text_names_n_rs_w_table_alpha():
    r = trends.spearman_test([0.8, 0.6, 0.6, 0.4, 0.3], S())
    assert trends.spearman_text(r, "en") == "significant fall, r_s −0.93, N 5, W 0.900 (exact table), α 0.05"
    assert trends.spearman_text(r, "zh") == "呈显著下降趋势，r_s −0.93，N 5，W 0.900（精确临界值表），α 0.05"


# ---- Seasonal Kendall -------------------------------------------------------------------------
def _six_years():
    """Months 1-6 follow A = 1.0 1.0 0.9 0.8 0.8 0.6 over 2019-2024, months 7-12 follow
    B = 2.0 2.2 1.9 1.7 1.8 1.5 (each month shifted by a constant, which changes nothing)."""
    a = [1.0, 1.0, 0.9, 0.8, 0.8, 0.6]
    b = [2.0, 2.2, 1.9, 1.7, 1.8, 1.5]
    months, values = [], []
    for y, year in enumerate(range(2019, 2025)):
        for m in range(1, 13):
            months.append(pd.Timestamp(year, m, 1))
            values.append((a if m <= 6 else b)[y] + m)
    return months, values


def test_seasonal_kendall_hand_worked():
    # A: S = -4 -4 -3 -1 -1 = -13; ties {1.0 x2, 0.8 x2}: Var = (6*5*17 - 2*(2*1*9))/18 = 474/18
    # B: S = -3 -4 -3 0 -1 = -11; no ties: Var = 510/18
    # S = 6*(-13) + 6*(-11) = -144; Var = 6*474/18 + 6*510/18 = 158 + 170 = 328; Z = (S + 1)/sqrt(328)
    # Sen: the 30 within-season slopes of A and B, each repeated 6 times; sorted, the 15th and 16th
    # of the 30 are both -0.1 (B: -0.3 -0.3 -0.25 -0.2 -0.175 -0.133 -0.133, A: -0.2, then -0.1 x9)
    months, values = _six_years()
    r = trends.seasonal_kendall(months, values, S())
    assert r.is_sufficient and r.n_years == 6 and r.n_values == 72
    assert r.s == -144
    assert r.var_s == pytest.approx(328)
    assert r.z == pytest.approx(-143 / math.sqrt(328))
    assert r.p == pytest.approx(2 * (1 - stats.norm.cdf(143 / math.sqrt(328))))
    assert r.slope_per_year == pytest.approx(-0.1)
    assert r.verdict == "fall"


def _independent(m: np.ndarray) -> tuple[float, float, float]:
    """S, Var(S) and the Sen slope straight from the reference's formulas (loops, NaN skipped)."""
    s_total, var_total, slopes = 0.0, 0.0, []
    for col in m.T:
        idx = [i for i in range(len(col)) if not np.isnan(col[i])]
        for a, b in itertools.combinations(idx, 2):
            s_total += np.sign(col[b] - col[a])
            slopes.append((col[b] - col[a]) / (b - a))
        n = len(idx)
        ties = pd.Series(col[idx]).value_counts()
        var_total += (n * (n - 1) * (2 * n + 5) - sum(t * (t - 1) * (2 * t + 5) for t in ties)) / 18
    return s_total, var_total, float(np.median(slopes))


def test_library_agrees_with_the_formulas_on_a_gappy_series():
    rng = np.random.default_rng(7)
    months = pd.date_range("2018-01-01", "2024-12-01", freq="MS")
    values = np.round(1.0 - 0.002 * np.arange(len(months)) + rng.normal(0, 0.05, len(months)), 2)
    values[[3, 15, 40, 41, 77]] = np.nan
    r = trends.seasonal_kendall(months, values, S())
    _, m = trends.season_matrix(months, values)
    s, var, slope = _independent(m)
    assert (r.s, r.var_s, r.slope_per_year) == (s, pytest.approx(var), pytest.approx(slope))


def test_data_sufficiency_rule():
    months, values = _six_years()
    # 4 years: too few
    assert not trends.seasonal_kendall(months[:48], values[:48], S()).is_sufficient
    # 6 years: the first fifth is 2 years; only months 1-6 there (6 of 12, not more than half): insufficient
    v = list(values)
    for i in range(24):
        if i % 12 >= 6:
            v[i] = None
    r = trends.seasonal_kendall(months, v, S())
    assert (r.is_sufficient, r.verdict, r.slope_per_year) == (False, "insufficient", None)
    v[6] = values[6]  # month 7 of the first year: 7 of 12 seasons
    assert trends.seasonal_kendall(months, v, S()).is_sufficient
    # the same for the last fifth
    w = list(values)
    for i in range(48, 72):
        if i % 12 >= 6:
            w[i] = None
    assert not trends.seasonal_kendall(months, w, S()).is_sufficient


def test_sen_line_passes_through_the_medians():
    months, values = _six_years()
    line = trends.sen_line(months, values, -0.1)
    assert list(line["month"]) == [pd.Timestamp(2019, 1, 1), pd.Timestamp(2024, 12, 1)]
    t_med = np.median([d.year + (d.month - 1) / 12 for d in months])
    v_med = np.median(values)
    assert line["value"].iloc[0] == pytest.approx(v_med - 0.1 * (2019 - t_med))


def test_seasonal_text():
    months, values = _six_years()
    r = trends.seasonal_kendall(months, values, S())
    assert trends.seasonal_text(r, "mg/L", "en").startswith(
        "Seasonal Kendall: significant fall, Sen slope −0.100 mg/L per year, Z −7.90"
    )


# ---- 水质状况 and change wording (§2.4, §2.5, §2.10) ----------------------------------------------
def test_level_of_each_class():
    assert [trends.level_of_class(c) for c in (1, 2, 3, 4, 5, 6, None)] == [0, 0, 1, 2, 3, 4, None]
    assert [trends.level_text(trends.level_of_class(c), "zh") for c in (2, 3, 4, 5, 6)] == [
        "优",
        "良好",
        "轻度污染",
        "中度污染",
        "重度污染",
    ]


@pytest.mark.parametrize(
    "good, bad, level",
    [
        (90, 0, 0),
        (89.99, 0, 1),
        (75, 10, 1),
        (75, 25, 1),
        (74.99, 19.99, 2),
        (74.99, 20, 3),
        (60, 39.99, 3),
        (60, 40, 4),
        (0, 100, 4),
    ],
)
def test_level_of_shares_at_each_threshold(good, bad, level):
    assert trends.level_of_shares(good, bad, S()) == level


def test_river_status_on_four_sections_uses_the_mean_concentrations():
    # classes II III IV 劣V: the shares (I-III 50 %, 劣V 25 %) would say 中度, but with 4 sections the
    # class of the mean concentrations decides (graded in SQL and passed in: IV -> 轻度)
    st = trends.area_status([2, 3, 4, 6], mean_class=4, settings=S())
    assert (st.method, st.n_sections, st.good_pct, st.bad_pct, st.level) == ("means", 4, 50.0, 25.0, 2)
    assert trends.area_status([2, 3, 4, None, 6], mean_class=4, settings=S()).method == "means"  # 4 with data


def test_river_status_on_five_sections_uses_the_class_shares():
    # II III IV 劣V 劣V: I-III 40 %, 劣V 40 % -> 重度 whatever the mean concentrations say
    st = trends.area_status([2, 3, 4, 6, 6], mean_class=4, settings=S())
    assert (st.method, st.n_sections, st.good_pct, st.bad_pct, st.level) == ("shares", 5, 40.0, 40.0, 4)
    # I II III III IV: 80 % -> 良好
    assert trends.area_status([1, 2, 3, 3, 4], settings=S()).level == 1
    assert trends.area_status([], settings=S()).method == "none"


@pytest.mark.parametrize(
    "base, now, word",
    [
        (1, 1, "no_change"),
        (2, 1, "slight_better"),
        (3, 1, "marked_better"),
        (4, 0, "marked_better"),
        (1, 2, "slight_worse"),
        (0, 2, "marked_worse"),
        (None, 1, "no_data"),
    ],
)
def test_section_change_wording_by_levels(base, now, word):
    assert trends.change_by_levels(base, now, S()).word == word


def test_section_change_threshold_is_a_setting():
    assert trends.change_by_levels(3, 1, S(change_section_marked_steps=3)).word == "slight_better"


@pytest.mark.parametrize(
    "dg, dd, word",
    [
        (10, 0, "no_change"),
        (0, 10, "no_change"),
        (-10, 0, "no_change"),
        (10.01, 0, "slight_better"),
        (15, -5, "slight_better"),
        (20.01, 0, "marked_better"),
        (-10.01, 0, "slight_worse"),
        (0, 20, "slight_worse"),
        (0, 20.01, "marked_worse"),
        (-15, 10, "marked_worse"),
    ],
)
def test_area_change_wording_at_each_threshold(dg, dd, word):
    # base: I-III 50 %, 劣V 20 %; now: +dg and +dd percentage points; score = ΔG - ΔD
    ch = trends.change_by_shares(50, 20, 50 + dg, 20 + dd, S())
    assert ch.score == pytest.approx(dg - dd)
    assert ch.word == word


def test_area_change_thresholds_are_settings():
    assert trends.change_by_shares(50, 20, 65, 20, S(change_area_slight_pp=15)).word == "no_change"
    assert trends.change_by_shares(50, 20, 65, 20, S(change_area_marked_pp=12)).word == "marked_better"


def test_area_change_by_levels_when_either_period_has_fewer_than_five_sections():
    base = trends.area_status([3, 3, 4, 4], mean_class=4, settings=S())
    now = trends.area_status([2, 3, 3, 3, 3], settings=S())
    ch = trends.change_of_areas(base, now, S())
    assert (ch.method, ch.score, ch.word) == ("levels", 2, "marked_better")  # 轻度 -> 优


def test_working_rules_are_labelled_as_such():
    assert trends.basis("change_area_slight_pp") == "working_rule"
    assert trends.basis("change_section_marked_steps") == "working_rule"
    assert trends.basis("cwqi_combine") == "unverified"
    assert trends.change_text(trends.change_by_shares(50, 20, 71, 20, S()), "zh") == "明显好转"


# ---- CWQI (§2.9) ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "param, direction, value, limit, expected",
    [
        ("ph", "range", 7.6, None, 0.3),  # above 7: (7.6 - 7)/(9 - 7)
        ("ph", "range", 6.5, None, 0.5),  # at or below 7: (7 - 6.5)/(7 - 6)
        ("ph", "range", 7.0, None, 0.0),
        ("ph", "range", 9.0, None, 1.0),
        ("ph", "range", 6.0, None, 1.0),
        ("do", "ge", 8.0, 5.0, 0.625),  # 5 / C_DO
        ("do", "ge", 4.0, 5.0, 1.25),
        ("nh3n", "le", 0.8, 1.0, 0.8),  # C / C_III
        ("tp", "le", 0.03, 0.05, 0.6),  # lake/reservoir TP limit
    ],
)
def test_cwqi_item_index(param, direction, value, limit, expected):
    assert trends.cwqi_index(param, direction, value, limit, S()) == pytest.approx(expected)


def test_cwqi_do_numerator_is_a_setting():
    assert trends.cwqi_index("do", "ge", 8.0, 5.0, S(cwqi_do_numerator=6)) == pytest.approx(0.75)


def _cwqi_frame():
    rows = []
    for sid, wbt, vals in (
        ("a", "river", {"ph": 7.6, "do": 8.0, "nh3n": 0.8, "tp": 0.15}),
        ("b", "river", {"ph": 6.4, "do": 4.0, "nh3n": 1.2, "tp": 0.25}),
        ("c", "reservoir", {"ph": 8.0, "do": 10.0, "nh3n": 0.5, "tp": 0.03}),
    ):
        for p, v in vals.items():
            lim = {"ph": None, "do": 5.0, "nh3n": 1.0, "tp": 0.2 if wbt == "river" else 0.05}[p]
            rows.append(
                {
                    "g": "all",
                    "section_id": sid,
                    "water_body_type": wbt,
                    "parameter": p,
                    "direction": {"ph": "range", "do": "ge"}.get(p, "le"),
                    "mean_value": v,
                    "limit_iii": lim,
                }
            )
    return pd.DataFrame(rows)


def test_cwqi_of_sections():
    # a: 0.3 + 5/8 + 0.8 + 0.75 = 2.475; b: (7 - 6.4)/1 + 5/4 + 1.2 + 0.25/0.2 = 4.3
    out = trends.cwqi(_cwqi_frame(), ["section_id"], S()).set_index("section_id")
    assert out.loc["a", "cwqi"] == pytest.approx(2.475)
    assert out.loc["b", "cwqi"] == pytest.approx(4.3)
    assert out.loc["c", "cwqi"] == pytest.approx(2.1)  # 0.5 + 0.5 + 0.5 + 0.6
    assert out.loc["a", "n_items"] == 4


def test_cwqi_of_an_area_averages_items_first_and_weights_rivers_and_lakes():
    # rivers: pH mean 7.0 -> 0; DO mean 6 -> 5/6; NH3-N 1.0 -> 1; TP 0.2 -> 1: 2.8333 (averaging the
    # section indices instead would give (2.475 + 4.3)/2 = 3.3875); lake point c: 2.1
    # district: (2 * 2.8333 + 1 * 2.1) / 3
    out = trends.cwqi(_cwqi_frame(), ["g"], S()).iloc[0]
    assert out["cwqi_river"] == pytest.approx(2 + 5 / 6)
    assert out["cwqi_lake"] == pytest.approx(2.1)
    assert out["cwqi"] == pytest.approx((2 * (2 + 5 / 6) + 2.1) / 3)
    assert out["n_sections"] == 3


def test_cwqi_change_against_the_base():
    assert trends.cwqi_change_pct(2.475, 2.75) == pytest.approx(-10.0)  # negative = better
    assert trends.cwqi_change_pct(3.0, None) is None


def test_comparison_periods():
    assert trends.periods_of("month", dt.date(2025, 3, 1)) == {
        "now": dt.date(2025, 3, 1),
        "same_last": dt.date(2024, 3, 1),
        "previous": dt.date(2025, 2, 1),
        "end": dt.date(2025, 3, 31),
    }
    q = trends.periods_of("quarter", dt.date(2025, 5, 1), base_year=2022)
    assert (q["now"], q["same_last"], q["previous"], q["end"]) == (
        dt.date(2025, 4, 1),
        dt.date(2022, 4, 1),
        dt.date(2025, 1, 1),
        dt.date(2025, 6, 30),
    )
    y = trends.periods_of("year", dt.date(2025, 5, 1))
    assert (y["now"], y["same_last"], y["previous"]) == (dt.date(2025, 1, 1), dt.date(2024, 1, 1), dt.date(2024, 1, 1))


def test_pollution_index_leaves_out_ph_and_do():
    # a: NH3-N 0.8/1.0 + TP 0.15/0.2 = 1.55 (pH, DO not counted); c (reservoir): 0.5/1.0 + 0.03/0.05 = 1.1
    out = trends.pollution_index(_cwqi_frame(), ["section_id"]).set_index("section_id")
    assert out.loc["a", "pollution_index"] == pytest.approx(1.55)
    assert out.loc["c", "pollution_index"] == pytest.approx(1.1)
    assert out.loc["a", "n_items"] == 2


# ---- TLI (§2.8) -------------------------------------------------------------------------------
def test_tli_hand_worked():
    # chla 10 mg/m³: 10(2.5 + 1.086 ln 10) = 50.006; TP 0.05: 10(9.436 + 1.624 ln 0.05) = 45.709;
    # TN 1.0: 54.53; SD 1.0 m: 51.18; CODMn 4: 10(0.109 + 2.661 ln 4) = 37.979
    # weights r²/Σr², Σr² = 1 + 0.7056 + 0.6724 + 0.6889 + 0.6889 = 3.7558
    expected = (50.00607 + 0.7056 * 45.70931 + 0.6724 * 54.53 + 0.6889 * 51.18 + 0.6889 * 37.97929) / 3.7558
    assert trends.tli(10, 0.05, 1.0, 1.0, 4) == pytest.approx(expected, abs=1e-3)
    assert trends.tli(10, 0.05, 1.0, 1.0, 4) == pytest.approx(48.02, abs=0.01)
    assert trends.tli_grade(trends.tli(10, 0.05, 1.0, 1.0, 4)) == "mesotrophic"
    assert trends.tli(None, 0.05, 1.0, 1.0, 4) is None


@pytest.mark.parametrize(
    "value, grade",
    [
        (29.99, "oligotrophic"),
        (30, "mesotrophic"),
        (50, "mesotrophic"),
        (50.01, "light_eutrophic"),
        (60, "light_eutrophic"),
        (60.01, "moderate_eutrophic"),
        (70, "moderate_eutrophic"),
        (70.01, "heavy_eutrophic"),
    ],
)
def test_tli_grades_at_the_boundaries(value, grade):
    assert trends.tli_grade(value) == grade


def test_trend_tables_are_not_warehouse_inputs():
    # config.fingerprint hashes the CSVs directly in data/reference/: the trend tables live in a
    # sub-folder so that adding or tuning them does not mark every built warehouse stale
    from bishui import config

    hashed = {p.name for p in config.REFERENCE_DIR.glob("*.csv")}
    assert not {trends.SETTINGS_FILE.name, trends.CRITICAL_FILE.name} & hashed
    assert trends.SETTINGS_FILE.is_file() and trends.CRITICAL_FILE.is_file()
