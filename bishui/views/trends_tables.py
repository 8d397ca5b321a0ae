"""Pure table builders of the trend analysis (pages/trends.py): status and change of sections and
areas, trend tests per series, CWQI rankings, the worst sections of a year. No st.*, no queries:
each function names the query columns it needs. Tables come back with display columns (snake_case
keys 'trd_*' labelled through the i18n catalogue), ready to show and to download as shown."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from bishui import i18n
from bishui.rules import standards, trends
from bishui.rules.trends import Settings

AREA_KINDS = ("district", "town", "river")


def _class_text(value, lang: str) -> str:
    if value is None or pd.isna(value):
        return i18n.t("class.none", lang)
    return i18n.t(f"class.{int(value)}", lang)


def _pct(value) -> float | None:
    return None if value is None or pd.isna(value) else round(float(value), 1)


def members(classes: pd.DataFrame) -> pd.DataFrame:
    """classes (trend_section_classes: section_id, river_id, town_id, period, water_class, ...) with
    one row per area the section belongs to: area_kind ('district' | 'town' | 'river'), area_id."""
    parts = [classes.assign(area_kind="district", area_id="district")]
    for kind, col in (("town", "town_id"), ("river", "river_id")):
        part = classes[classes[col].notna()]
        parts.append(part.assign(area_kind=kind, area_id=part[col]))
    return pd.concat(parts, ignore_index=True)


def area_status(classes: pd.DataFrame, means: pd.DataFrame, settings: Settings | None = None) -> pd.DataFrame:
    """Status of every area in every period (§2.5). classes: trend_section_classes; means:
    trend_area_means (area_kind, area_id, period, mean_class). Returns area_kind, area_id, period,
    method, n_sections, good_pct, bad_pct, level."""
    s = settings or Settings.load()
    cols = ["area_kind", "area_id", "period", "method", "n_sections", "good_pct", "bad_pct", "level"]
    if classes.empty:
        return pd.DataFrame(columns=cols)
    long = members(classes)
    k = long["water_class"]
    counts = (
        long.assign(n=k.notna(), n_good=k <= 3, n_bad=k == 6)
        .groupby(["area_kind", "area_id", "period"], sort=True)[["n", "n_good", "n_bad"]]
        .sum()
        .reset_index()
    )
    mean_class = {(r.area_kind, r.area_id, pd.Timestamp(r.period)): r.mean_class for r in means.itertuples()}
    rows = []
    for kind, area, period, n, n_good, n_bad in counts.itertuples(index=False):
        st = trends.area_status_of_counts(
            int(n), int(n_good), int(n_bad), mean_class.get((kind, area, pd.Timestamp(period))), s
        )
        rows.append((kind, area, pd.Timestamp(period), st.method, st.n_sections, st.good_pct, st.bad_pct, st.level))
    return pd.DataFrame(rows, columns=cols)


def areas_of_town(sections: pd.DataFrame, town_id: str | None) -> set[tuple[str, str]] | None:
    """The areas shown when one township is chosen: the district, that township and the rivers with a
    section in it; None (all areas) when no township is chosen. sections: sections_list."""
    if town_id is None:
        return None
    rivers = sections.loc[sections["town_id"] == town_id, "river_id"].dropna()
    return {("district", "district"), ("town", town_id), *(("river", r) for r in rivers)}


def only_areas(status: pd.DataFrame, areas: set[tuple[str, str]] | None) -> pd.DataFrame:
    """status rows of the given (area_kind, area_id) pairs; all rows when areas is None."""
    if areas is None:
        return status
    keep = [(k, a) in areas for k, a in zip(status["area_kind"], status["area_id"])]
    return status[keep]


def area_names(sections: pd.DataFrame, towns: pd.DataFrame, lang: str) -> dict[tuple[str, str], str]:
    """(area_kind, area_id) -> display name. sections: sections_list; towns: towns."""
    suffix = "zh" if lang == "zh" else "en"
    names = {("district", "district"): i18n.t("trd.district", lang)}
    names.update({("town", r.town_id): getattr(r, f"name_{suffix}") for r in towns.itertuples()})
    for r in sections.dropna(subset=["river_id"]).itertuples():
        names[("river", r.river_id)] = getattr(r, f"river_{suffix}") or r.river_id
    return names


def area_comparison(
    status: pd.DataFrame, now: dt.date, base: dt.date, names: dict, lang: str, settings: Settings | None = None
) -> pd.DataFrame:
    """Each area's status now and in the base period, and the change in words (§2.10, working rule).
    status: area_status(). One row per area with data now or then, district first."""
    s = settings or Settings.load()
    fields = ("method", "n_sections", "good_pct", "bad_pct", "level")
    idx = {
        (r.area_kind, r.area_id, pd.Timestamp(r.period)): trends.AreaStatus(*(getattr(r, f) for f in fields))
        for r in status.itertuples()
    }
    rows = []
    areas = status[["area_kind", "area_id"]].drop_duplicates()
    areas = areas.assign(order=areas["area_kind"].map({k: i for i, k in enumerate(AREA_KINDS)})).sort_values(
        ["order", "area_id"]
    )
    for kind, area in zip(areas["area_kind"], areas["area_id"]):
        got = {}
        for label, period in (("now", now), ("base", base)):
            got[label] = idx.get((kind, area, pd.Timestamp(period)), trends.AreaStatus("none", 0, None, None, None))
        if got["now"].method == "none" and got["base"].method == "none":
            continue
        ch = trends.change_of_areas(got["base"], got["now"], s)
        n, b = got["now"], got["base"]
        rows.append(
            {
                "trd_area_kind": i18n.t(f"trd.kind.{kind}", lang),
                "trd_area": names.get((kind, area), area),
                "trd_n_sections": n.n_sections,
                "trd_method": i18n.t(f"trd.method.{n.method}", lang),
                "trd_status_base": trends.level_text(b.level, lang),
                "trd_status_now": trends.level_text(n.level, lang),
                "trd_good_base_pct": _pct(b.good_pct),
                "trd_good_now_pct": _pct(n.good_pct),
                "trd_bad_base_pct": _pct(b.bad_pct),
                "trd_bad_now_pct": _pct(n.bad_pct),
                "trd_score": None if ch.score is None else round(float(ch.score), 1),
                "trd_change": trends.change_text(ch, lang),
            }
        )
    return pd.DataFrame(rows)


def section_comparison(
    classes: pd.DataFrame, now: dt.date, base: dt.date, names: dict, lang: str, settings: Settings | None = None
) -> pd.DataFrame:
    """Each section's class and 水质状况 now and in the base period, and the change in words (level
    steps, working rule). classes: trend_section_classes; names: section_id -> name."""
    s = settings or Settings.load()
    by = classes.assign(period=pd.to_datetime(classes["period"])).set_index(["section_id", "period"])["water_class"]
    rows = []
    for sid in sorted(classes["section_id"].unique(), key=lambda x: names.get(x, x)):
        k_now = by.get((sid, pd.Timestamp(now)))
        k_base = by.get((sid, pd.Timestamp(base)))
        if k_now is None and k_base is None:
            continue
        ch = trends.change_by_levels(trends.level_of_class(k_base), trends.level_of_class(k_now), s)
        rows.append(
            {
                "section": names.get(sid, sid),
                "trd_class_base": _class_text(k_base, lang),
                "trd_class_now": _class_text(k_now, lang),
                "trd_status_base": trends.level_text(trends.level_of_class(k_base), lang),
                "trd_status_now": trends.level_text(trends.level_of_class(k_now), lang),
                "trd_steps": ch.score,
                "trd_change": trends.change_text(ch, lang),
            }
        )
    return pd.DataFrame(rows)


def share_trends(status: pd.DataFrame, names: dict, lang: str, settings: Settings | None = None) -> pd.DataFrame:
    """Spearman on each area's annual I–III share and 劣V share (status: area_status() of years).
    A rising I–III share is better, a rising 劣V share worse."""
    s = settings or Settings.load()
    rows = []
    for (kind, area), g in status.sort_values("period").groupby(["area_kind", "area_id"], sort=False):
        for col, key in (("good_pct", "trd.series.good"), ("bad_pct", "trd.series.bad")):
            r = trends.spearman_test(g[col], s)
            rows.append(
                {
                    "trd_area_kind": i18n.t(f"trd.kind.{kind}", lang),
                    "trd_area": names.get((kind, area), area),
                    "trd_series": i18n.t(key, lang),
                    "trd_years": f"{pd.Timestamp(g['period'].min()).year}–{pd.Timestamp(g['period'].max()).year}",
                    "trd_n": r.n,
                    "trd_rs": None if r.r_s is None else round(r.r_s, 3),
                    "trd_w": r.critical,
                    "trd_verdict": trends.spearman_text(r, lang),
                }
            )
    order = {i18n.t(f"trd.kind.{k}", lang): i for i, k in enumerate(AREA_KINDS)}
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    return out.sort_values(
        ["trd_area_kind", "trd_area"], key=lambda c: c.map(order) if c.name == "trd_area_kind" else c, kind="stable"
    ).reset_index(drop=True)


def parameter_trends(
    series: pd.DataFrame, names: dict, param_names: dict, units: dict, lang: str, settings: Settings | None = None
) -> pd.DataFrame:
    """Spearman on annual means and Seasonal Kendall with the Sen slope on monthly means, per section
    and parameter. series: trend_section_series (section_id, period_kind, period, parameter,
    mean_value). Columns: section, parameter, trd_years, trd_n, trd_rs, trd_w, trd_verdict,
    trd_sen_per_year, trd_sk."""
    s = settings or Settings.load()
    rows = []
    for (sid, code), g in series.groupby(["section_id", "parameter"], sort=False):
        years = g[g["period_kind"] == "year"].sort_values("period")
        months = g[g["period_kind"] == "month"].sort_values("period")
        sp = trends.spearman_test(years["mean_value"], s)
        sk = trends.seasonal_kendall(months["period"], months["mean_value"], s)
        span = (
            f"{pd.Timestamp(years['period'].min()).year}–{pd.Timestamp(years['period'].max()).year}"
            if not years.empty
            else ""
        )
        rows.append(
            {
                "section": names.get(sid, sid),
                "parameter": param_names.get(code, code),
                "trd_years": span,
                "trd_n": sp.n,
                "trd_rs": None if sp.r_s is None else round(sp.r_s, 3),
                "trd_w": sp.critical,
                "trd_verdict": trends.spearman_text(sp, lang),
                "trd_sen_per_year": None if sk.slope_per_year is None else round(sk.slope_per_year, 4),
                "trd_sk": trends.seasonal_text(sk, units.get(code, ""), lang),
            }
        )
    return pd.DataFrame(rows)


def pollution_index_trends(
    inputs: pd.DataFrame, names: dict, lang: str, settings: Settings | None = None
) -> pd.DataFrame:
    """Spearman on each section's annual 综合污染指数. inputs: trend_cwqi_inputs of years; names:
    section_id -> name. Columns: section, trd_years, trd_p_last, trd_n, trd_rs, trd_w, trd_verdict."""
    s = settings or Settings.load()
    p = trends.pollution_index(inputs.assign(period=pd.to_datetime(inputs["period"])), ["section_id", "period"])
    rows = []
    for sid, g in p.sort_values("period").groupby("section_id", sort=False):
        r = trends.spearman_test(g["pollution_index"], s)
        rows.append(
            {
                "section": names.get(sid, sid),
                "trd_years": f"{g['period'].min().year}–{g['period'].max().year}",
                "trd_p_last": round(float(g["pollution_index"].iloc[-1]), 2),
                "trd_n": r.n,
                "trd_rs": None if r.r_s is None else round(r.r_s, 3),
                "trd_w": r.critical,
                "trd_verdict": trends.spearman_text(r, lang),
            }
        )
    out = pd.DataFrame(rows)
    return out.sort_values("section").reset_index(drop=True) if not out.empty else out


def badge(param_name: str, series: pd.DataFrame, unit: str, lang: str, settings: Settings | None = None) -> str:
    """'NH₃-N: significant fall, r_s −0.90, N 5, W 0.900 (exact table), α 0.05; Seasonal Kendall: …'
    for one section's parameter (series rows of that section and parameter)."""
    s = settings or Settings.load()
    years = series[series["period_kind"] == "year"].sort_values("period")
    months = series[series["period_kind"] == "month"].sort_values("period")
    sp = trends.spearman_test(years["mean_value"], s)
    sk = trends.seasonal_kendall(months["period"], months["mean_value"], s)
    return i18n.t(
        "trd.badge",
        lang,
        param=param_name,
        spearman=trends.spearman_text(sp, lang),
        sk=trends.seasonal_text(sk, unit, lang),
    )


def section_badges(
    series: pd.DataFrame,
    names: dict,
    param_name: str,
    unit: str,
    lang: str,
    window: tuple | None = None,
    settings: Settings | None = None,
) -> tuple[list[str], dict]:
    """For one parameter at several sections (series: trend_section_series rows of that parameter):
    a badge line per section ('name — param: Spearman …; Seasonal Kendall …') and the Sen line of each
    section whose monthly data suffice (section_id -> frame month, value), drawn over `window`
    (start, end) when given, else over the data, both from the whole history."""
    s = settings or Settings.load()
    lines, sen = [], {}
    for sid, name in names.items():
        g = series[series["section_id"] == sid]
        if g.empty:
            continue
        lines.append(f"{name} — {badge(param_name, g, unit, lang, s)}")
        m = g[g["period_kind"] == "month"].sort_values("period")
        sk = trends.seasonal_kendall(m["period"], m["mean_value"], s)
        if sk.is_sufficient and sk.slope_per_year is not None:  # sufficient data have a slope
            at = None
            if window is not None:
                lo, hi = pd.Timestamp(window[0]), pd.Timestamp(window[1])
                at = [max(lo, pd.Timestamp(m["period"].min())), min(hi, pd.Timestamp(m["period"].max()))]
            sen[sid] = trends.sen_line(m["period"], m["mean_value"], sk.slope_per_year, at)
    return lines, sen


def cwqi_ranking(
    inputs: pd.DataFrame,
    level: str,
    now: dt.date,
    base: dt.date,
    names: dict,
    lang: str,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """CWQI of each section / river / town / the district in the period starting at now, its rank
    (1 = best: smaller is better) and ΔCWQI against the period starting at base. inputs:
    trend_cwqi_inputs; names: (area_kind, area_id) -> name, with ('section', id) for sections."""
    s = settings or Settings.load()
    data = inputs.assign(period=pd.to_datetime(inputs["period"]))
    if level == "district":
        data = data.assign(area_id="district")
    elif level == "town":
        data = data.dropna(subset=["town_id"]).assign(area_id=lambda d: d["town_id"])
    elif level == "river":
        data = data.dropna(subset=["river_id"]).assign(area_id=lambda d: d["river_id"])
    else:
        data = data.assign(area_id=data["section_id"])
    table = trends.cwqi(data, ["area_id", "period"], s)
    now_t = table[table["period"] == pd.Timestamp(now)].set_index("area_id")
    base_t = table[table["period"] == pd.Timestamp(base)].set_index("area_id")
    if now_t.empty:
        return pd.DataFrame(
            columns=[
                "trd_rank",
                "trd_area",
                "trd_cwqi",
                "trd_cwqi_base",
                "trd_dcwqi_pct",
                "trd_n_sections",
                "trd_n_items",
            ]
        )
    now_t = now_t.assign(rank=now_t["cwqi"].rank(method="min").astype(int)).sort_values(["rank", "cwqi"])
    rows = []
    for area, r in now_t.iterrows():
        b = base_t["cwqi"].get(area)
        d = trends.cwqi_change_pct(r["cwqi"], b)
        rows.append(
            {
                "trd_rank": int(r["rank"]),
                "trd_area": names.get((level, area), area),
                "trd_cwqi": round(r["cwqi"], 2),
                "trd_cwqi_base": None if b is None or pd.isna(b) else round(float(b), 2),
                "trd_dcwqi_pct": None if d is None else round(d, 1),
                "trd_n_sections": int(r["n_sections"]),
                "trd_n_items": int(r["n_items"]),
            }
        )
    return pd.DataFrame(rows)


def worst_sections(
    classes: pd.DataFrame, year: dt.date, names: dict, param_names: dict, lang: str, limit: int = 10
) -> pd.DataFrame:
    """The worst sections of a year: class (worst first), then the largest multiple over the target
    class limit, then the largest multiple over class III, then name. classes: trend_section_classes of years."""
    data = classes[pd.to_datetime(classes["period"]) == pd.Timestamp(year)].dropna(subset=["water_class"])
    m3 = data["max_multiple_iii"] if "max_multiple_iii" in data else pd.Series(None, index=data.index, dtype=float)
    data = data.assign(
        m=data["max_multiple_target"].fillna(-1.0),
        m3=m3.fillna(-1.0),
        name=data["section_id"].map(lambda x: names.get(x, x)),
    )
    data = data.sort_values(["water_class", "m", "m3", "name"], ascending=[False, False, False, True]).head(limit)
    return pd.DataFrame(
        {
            "trd_rank": range(1, len(data) + 1),
            "section": [names.get(x, x) for x in data["section_id"]],
            "water_class": [_class_text(v, lang) for v in data["water_class"]],
            "target_class": [_class_text(v, lang) for v in data["target_class"]],
            "trd_multiple_target": [None if pd.isna(v) else round(float(v), 2) for v in data["max_multiple_target"]],
            "trd_worst_parameter": [
                param_names.get(v, "") if isinstance(v, str) else "" for v in data["worst_parameter"]
            ],
            "trd_multiple_iii": [None if v < 0 else round(float(v), 2) for v in data["m3"]],
        }
    )


def level_color(level) -> str:
    """The display colour of a 水质状况 level (grey without data)."""
    return standards.NO_DATA_COLOR if level is None or pd.isna(level) else trends.LEVEL_COLORS[int(level)]


TLI_INPUTS = {
    "chla_mg_m3": "trd_chla",
    "tp_mg_l": "trd_tp",
    "tn_mg_l": "trd_tn",
    "sd_m": "trd_sd",
    "codmn_mg_l": "trd_codmn",
}
TLI_DECIMALS = 1  # TLI is reported to one decimal; the grade is that of the value shown


def with_tli(inputs: pd.DataFrame) -> pd.DataFrame:
    """inputs (queries/trend_tli_inputs.sql: section_id, period, chla_mg_m3, tp_mg_l, tn_mg_l, sd_m,
    codmn_mg_l) with `tli` (bishui.rules.trends.tli rounded to TLI_DECIMALS; NaN unless all five were
    measured) and `tli_grade` (bishui.rules.trends.tli_grade of the rounded value; 'incomplete' without TLI)."""
    values = [trends.tli(r.chla_mg_m3, r.tp_mg_l, r.tn_mg_l, r.sd_m, r.codmn_mg_l) for r in inputs.itertuples()]
    tli = [None if v is None else round(v, TLI_DECIMALS) for v in values]
    return inputs.assign(
        tli=pd.Series(tli, index=inputs.index, dtype=float),
        tli_grade=[trends.tli_grade(v) or "incomplete" for v in tli],
    )


def tli_table(inputs: pd.DataFrame, names: dict, period_kind: str, lang: str) -> pd.DataFrame:
    """The trophic level index of lake and reservoir sections per month or year (§2.8), as shown and
    downloaded: section, period, the five means in the units of the formulas, TLI, trophic status.
    inputs: queries/trend_tli_inputs.sql; names: section_id -> name."""
    data = with_tli(inputs).sort_values(["section_id", "period"])
    fmt = "%Y" if period_kind == "year" else "%Y-%m"
    out = pd.DataFrame(
        {
            "section": [names.get(s, s) for s in data["section_id"]],
            "period": pd.to_datetime(data["period"]).dt.strftime(fmt).to_numpy(),
        }
    )
    for col, key in TLI_INPUTS.items():
        out[key] = data[col].astype(float).round(3).to_numpy()
    out["trd_tli"] = data["tli"].to_numpy()
    out["trd_tli_grade"] = [i18n.t(f"trd.tli.{g}", lang) for g in data["tli_grade"]]
    return out
