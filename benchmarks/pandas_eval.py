"""The monthly GB 3838 evaluation done the way a typical Streamlit dashboard would: load the readings
into a pandas DataFrame and groupby. Used by run.py as the baseline that Bishui's SQL is checked
against (equal results) and timed against (same run, same data)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def grade_round(x: pd.Series, decimals: pd.Series) -> pd.Series:
    """Round half to even on the decimal value (as the SQL does through DECIMAL)."""
    scale = np.power(10.0, decimals.to_numpy(dtype=float))
    scaled = np.round(x.to_numpy(dtype=float) * scale, 6)  # drop binary noise: 21.499999999999996 -> 21.5
    return pd.Series(np.round(scaled) / scale, index=x.index)


def evaluate_months(
    readings: pd.DataFrame, sections: pd.DataFrame, parameters: pd.DataFrame, limits: pd.DataFrame
) -> pd.DataFrame:
    """One row per section and month: water_class, is_attained, main_pollutants ('code:m;...')."""
    r = readings
    v = np.where(r["below_detection_limit"], r["detection_limit"] / 2, r["value"])
    bdl = r["below_detection_limit"].to_numpy(dtype=bool)
    raw = r["value"].to_numpy(dtype=float)
    # decimals a manual value was reported with (the SQL's reported_decimals); NaN otherwise
    dp = np.full(len(r), np.nan)
    todo = (r["source"].to_numpy() == "manual") & ~bdl & ~np.isnan(raw)
    for d in range(7):
        hit = todo & (np.round(raw, d) == raw)
        dp[hit] = d
        todo &= ~hit
    dp[todo] = 7
    df = pd.DataFrame(
        {
            "section_id": r["section_id"],
            "parameter": r["parameter"],
            "source": r["source"],
            "sampled_on": r["sampled_on"],
            "v": v,
            "dp": dp,
            "dl": np.where(bdl, r["detection_limit"], np.nan),
        }
    )
    df = df[df["v"].notna()]
    df["month"] = pd.to_datetime(df["sampled_on"]).dt.to_period("M").dt.to_timestamp()
    by_manual = df[df["source"] == "manual"].groupby(["section_id", "parameter", "month"], observed=True)
    manual = by_manual["v"].mean().rename("manual")
    manual_dp = by_manual["dp"].max().rename("manual_dp")
    manual_dl = by_manual["dl"].max().rename("manual_dl")
    auto_dl = (
        df[df["source"] == "auto"]
        .groupby(["section_id", "parameter", "month"], observed=True)["dl"]
        .max()
        .rename("auto_dl")
    )
    auto_daily = (
        df[df["source"] == "auto"]
        .groupby(["section_id", "parameter", "month", "sampled_on"], observed=True)["v"]
        .mean()
    )
    auto = auto_daily.groupby(level=["section_id", "parameter", "month"], observed=True).mean().rename("auto")
    m = pd.concat([manual, auto, manual_dp, manual_dl, auto_dl], axis=1).reset_index()
    p = parameters.set_index("code")
    prio = m["parameter"].map(p["is_auto_priority"]).astype(bool)
    first = np.where(prio, m["auto"], m["manual"])
    second = np.where(prio, m["manual"], m["auto"])
    m["mean_value"] = np.where(pd.notna(first), first, second)
    used_manual = np.where(pd.notna(first), ~prio, prio)
    m["dp"] = np.where(used_manual, m["manual_dp"], np.nan)
    m["max_dl"] = np.where(used_manual, m["manual_dl"], m["auto_dl"])
    m = m.merge(sections[["section_id", "water_body_type", "target_class", "excluded_parameters"]], on="section_id")
    m = m.merge(limits, how="left", left_on=["parameter", "water_body_type"], right_on=["parameter", "water_body_type"])
    m["direction"] = m["parameter"].map(p["direction"])
    decimals = m["parameter"].map(p["decimals"]).astype(float)
    graded_decimals = np.minimum(decimals, np.maximum(m["dp"].fillna(decimals), 1))
    m["graded"] = grade_round(m["mean_value"], graded_decimals)
    g = m["graded"]
    k = pd.Series(np.nan, index=m.index)
    le, ge, rg = m["direction"] == "le", m["direction"] == "ge", m["direction"] == "range"
    for cls in (5, 4, 3, 2, 1):  # the best class whose limit is met wins: assign from worst to best
        lim = m[f"l{cls}"]
        k[le & (g <= lim)] = cls
        k[ge & (g >= lim)] = cls
    k[(le | ge) & k.isna() & m["l1"].notna()] = 6
    k[rg & m["l1"].notna()] = np.where((g >= m["lo"]) & (g <= m["l1"]), 1, 6)[rg & m["l1"].notna()]
    # no class better than the one the highest detection limit meets (lower-is-better parameters)
    dlg = grade_round(m["max_dl"].fillna(0), decimals)
    kd = pd.Series(np.nan, index=m.index)
    for cls in (5, 4, 3, 2, 1):
        kd[le & m["max_dl"].notna() & (dlg <= m[f"l{cls}"])] = cls
    kd[le & m["max_dl"].notna() & kd.isna() & m["l1"].notna()] = 6
    m["parameter_class"] = np.fmax(k, kd)
    excluded = [
        param in (ex if isinstance(ex, (list, np.ndarray)) else [])
        for param, ex in zip(m["parameter"], m["excluded_parameters"])
    ]
    m["is_evaluated"] = m["parameter"].map(p["enters_class"]).astype(bool) & ~np.array(excluded) & k.notna()
    # multiples rounded to 12 decimals so that equal multiples tie (then the fixed parameter order)
    m["multiple_iii"] = np.where(le & (g > m["l3"]), np.round((g - m["l3"]) / m["l3"], 12), np.nan)
    m["sort_order"] = m["parameter"].map(p["sort_order"]).astype(int)
    ev = m[m["is_evaluated"]]
    out = ev.groupby(["section_id", "month"], as_index=False).agg(
        water_class=("parameter_class", "max"), target_class=("target_class", "first")
    )
    out["is_attained"] = out["water_class"] <= out["target_class"]
    cand = ev[(ev["direction"] == "le") & (ev["multiple_iii"] > 0)].copy()
    cand = cand.merge(out[["section_id", "month", "water_class"]], on=["section_id", "month"])
    cand = cand[cand["water_class"] >= 4]
    cand = cand.sort_values(
        ["section_id", "month", "parameter_class", "multiple_iii", "sort_order"],
        ascending=[True, True, False, False, True],
    )
    cand = cand.groupby(["section_id", "month"]).head(3)
    m3 = np.round(np.round(cand["multiple_iii"].to_numpy() * 10, 6)) / 10
    cand["item"] = cand["parameter"] + ":" + pd.Series([f"{x:.1f}" for x in m3], index=cand.index)
    pollutants = cand.groupby(["section_id", "month"])["item"].agg(";".join).rename("main_pollutants")
    out = out.merge(pollutants.reset_index(), on=["section_id", "month"], how="left")
    out["main_pollutants"] = out["main_pollutants"].fillna("")
    out["water_class"] = out["water_class"].astype(int)
    return out.sort_values(["section_id", "month"]).reset_index(drop=True)
