"""Medical-institution wastewater (医疗机构污水, plan task 14): the tables and the map of the page, as pure
builders over the frames of queries/medical_*.sql (no Streamlit, no queries). The checks themselves
(GB 18466-2005 column, limits, verdicts, month status) are SQL: queries/schema/067_medical.sql."""

from __future__ import annotations

import os

import folium
import pandas as pd

from bishui import i18n
from bishui.views import maps

STATUS_COLORS = {
    "compliant": "#1a9850",
    "exceeded": "#d7191c",
    "no_data": "#8c8c8c",
    "pending": "#74add1",
    "not_applicable": "#b8a98a",
}
INSTITUTION_PROPS = ("name_zh", "name_en", "status", "column_code", "is_unmonitored", "last_sampled_on")


def stale_months() -> int:
    """N of "not monitored in the last N months" (BISHUI_MEDICAL_STALE_MONTHS, 1..24, default 3: neither the
    reference nor the work plan gives a monitoring frequency; the task status uses the default)."""
    try:
        n = int(os.environ.get("BISHUI_MEDICAL_STALE_MONTHS", "3"))
    except ValueError:
        return 3
    return n if 1 <= n <= 24 else 3


def _num(value) -> str:
    """A value as reported: no trailing zeros (7.20 -> 7.2, 500.0 -> 500)."""
    if value is None or pd.isna(value):
        return ""
    return f"{float(value):.4f}".rstrip("0").rstrip(".")


def unit_text(unit, lang: str) -> str:
    """A unit as shown: pH's '无量纲' (dimensionless) is left empty in English."""
    return "" if unit == "无量纲" and lang == "en" else unit


def limit_text(lo, hi, unit: str | None = None) -> str:
    """'≤500', '3–10', '≥2' (with the unit when given); '' when no limit applies."""
    lo_s, hi_s = _num(lo), _num(hi)
    text = f"{lo_s}–{hi_s}" if lo_s and hi_s else f"≤{hi_s}" if hi_s else f"≥{lo_s}" if lo_s else ""
    return f"{text} {unit}" if text and unit and unit != "无量纲" else text


def verdict_text(verdict, multiple, lang: str) -> str:
    """'超标 0.44 倍' / '0.44× over', '低于下限' / 'Below the minimum', a range item above its maximum
    without a multiple (pH), 'No limit' when none applies."""
    if verdict is None or (not isinstance(verdict, str) and pd.isna(verdict)):
        return i18n.t("md.verdict.none", lang)
    if verdict == "above":
        if multiple is None or pd.isna(multiple):
            return i18n.t("md.verdict.above_range", lang)
        return i18n.t("md.verdict.above", lang, m=f"{float(multiple):.2f}")
    return i18n.t(f"md.verdict.{verdict}", lang)


def _param(code: str, lang: str) -> str:
    return i18n.code_label("md.param", code, lang)


def _params(codes, lang: str) -> str:
    if codes is None or (not isinstance(codes, str) and pd.isna(codes)) or not codes:
        return ""
    return ("、" if lang == "zh" else ", ").join(_param(c, lang) for c in str(codes).split(";"))


def discharge_text(row, lang: str) -> str:
    """Where an institution's wastewater goes: '直排 徒骇河' / 'Sewer → Yuji town WWTP'."""
    if row["discharge_to"] == "river":
        name = row.get(f"river_{lang}") or row.get("river_zh")
        return i18n.t(
            "md.discharge.river",
            lang,
            name=name if isinstance(name, str) and name else i18n.t("md.discharge.water", lang),
        )
    name = row.get(f"plant_{lang}") or row.get("plant_zh")
    if isinstance(name, str) and name:
        return i18n.t("md.discharge.sewer", lang, name=name)
    return i18n.t("md.discharge.sewer_no_plant", lang)


def _date(value) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def institutions_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows of medical_institutions_list.sql as shown: the institution, what decides its column, the
    month's status and the unmonitored flag."""
    cols = [
        "md_institution",
        "md_town",
        "md_level",
        "md_beds",
        "md_infectious",
        "md_treatment",
        "md_disinfection",
        "md_discharge",
        "md_column",
        "md_status",
        "md_exceeded",
        "md_last_sampled",
        "md_since",
        "md_unmonitored",
    ]
    if df.empty:
        return pd.DataFrame(columns=cols)
    yes, no = i18n.t("common.yes", lang), i18n.t("common.no", lang)
    return pd.DataFrame(
        {
            "md_institution": df[f"name_{lang}"],
            "md_town": df[f"town_{lang}"].fillna(df["town_id"]),
            "md_level": [i18n.code_label("md.level", v, lang) for v in df["level"]],
            "md_beds": df["beds"].astype(int),
            "md_infectious": [yes if v else no for v in df["is_infectious"]],
            "md_treatment": [i18n.code_label("md.treatment", v, lang) for v in df["treatment"]],
            "md_disinfection": [i18n.code_label("md.disinfection", v, lang) for v in df["disinfection"]],
            "md_discharge": [discharge_text(r, lang) for r in df.to_dict("records")],
            "md_column": [i18n.code_label("md.column", v, lang) for v in df["column_code"]],
            "md_status": [i18n.code_label("md.status", v, lang) for v in df["status"]],
            "md_exceeded": [_params(v, lang) for v in df["exceeded_parameters"]],
            "md_last_sampled": [
                _date(v) if not pd.isna(v) else i18n.t("md.never", lang) for v in df["last_sampled_on"]
            ],
            "md_since": ["" if pd.isna(n) else i18n.t("md.months_since", lang, n=int(n)) for n in df["months_since"]],
            "md_unmonitored": [yes if v else "" for v in df["is_unmonitored"]],
        },
        columns=cols,
    )


def exceedances_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows of medical_exceedances.sql as shown: when, who, which item, value, limit, verdict, source."""
    cols = [
        "md_sampled_on",
        "md_institution",
        "md_column",
        "md_parameter",
        "md_value",
        "md_unit",
        "md_limit",
        "md_verdict",
        "md_source_row",
    ]
    if df.empty:
        return pd.DataFrame(columns=cols)
    return pd.DataFrame(
        {
            "md_sampled_on": [_date(v) for v in df["sampled_on"]],
            "md_institution": df[f"name_{lang}"],
            "md_column": [i18n.code_label("md.column", v, lang) for v in df["column_code"]],
            "md_parameter": [_param(v, lang) for v in df["parameter"]],
            "md_value": [_num(v) for v in df["value"]],
            "md_unit": [unit_text(u, lang) for u in df["unit"]],
            "md_limit": [limit_text(lo, hi) for lo, hi in zip(df["min_value"], df["max_value"])],
            "md_verdict": [verdict_text(v, m, lang) for v, m in zip(df["verdict"], df["exceed_multiple"])],
            "md_source_row": df["source_row" if lang == "zh" else "source_row_en"],
        },
        columns=cols,
    )


def samples_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows of medical_samples.sql (long form: date, parameter, value, unit) with limit and verdict."""
    cols = [
        "md_institution",
        "md_sampled_on",
        "md_parameter",
        "md_value",
        "md_unit",
        "md_column",
        "md_limit",
        "md_verdict",
    ]
    if df.empty:
        return pd.DataFrame(columns=cols)
    return pd.DataFrame(
        {
            "md_institution": df[f"name_{lang}"],
            "md_sampled_on": [_date(v) for v in df["sampled_on"]],
            "md_parameter": [_param(v, lang) for v in df["parameter"]],
            "md_value": [_num(v) for v in df["value"]],
            "md_unit": [unit_text(u, lang) for u in df["unit"]],
            "md_column": [i18n.code_label("md.column", v, lang) for v in df["column_code"]],
            "md_limit": [limit_text(lo, hi) for lo, hi in zip(df["min_value"], df["max_value"])],
            "md_verdict": [verdict_text(v, m, lang) for v, m in zip(df["verdict"], df["exceed_multiple"])],
        },
        columns=cols,
    )


def matrix_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows of medical_month_matrix.sql as an institution x month table of status labels (months as
    columns, oldest first)."""
    if df.empty:
        return pd.DataFrame(columns=["md_institution"])
    frame = pd.DataFrame(
        {
            "md_institution": df[f"name_{lang}"],
            "id": df["institution_id"],
            "month": pd.to_datetime(df["month"]).dt.strftime("%Y-%m"),
            "status": [i18n.code_label("md.status", v, lang) for v in df["status"]],
        }
    )
    wide = frame.pivot_table(index=["id", "md_institution"], columns="month", values="status", aggfunc="first")
    return wide.reset_index().drop(columns="id").rename_axis(columns=None)


def status_style(lang: str):
    """A cell style for matrix_table's status labels (the map's colours, light text on dark)."""
    colors = {i18n.code_label("md.status", k, lang): c for k, c in STATUS_COLORS.items()}

    def style(value) -> str:
        c = colors.get(value)
        return f"background-color: {c}; color: white" if c else ""

    return style


def limits_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows of medical_limits_list.sql as shown, with the row of the standard each comes from."""
    cols = ["md_column", "md_parameter", "md_limit", "md_unit", "md_applies", "md_verified", "md_source_row"]
    if df.empty:
        return pd.DataFrame(columns=cols)
    return pd.DataFrame(
        {
            "md_column": [i18n.code_label("md.column", v, lang) for v in df["column_code"]],
            "md_parameter": [_param(v, lang) for v in df["parameter"]],
            "md_limit": [limit_text(lo, hi) for lo, hi in zip(df["min_value"], df["max_value"])],
            "md_unit": [unit_text(u, lang) for u in df["unit"]],
            "md_applies": [i18n.t("md.chlorine_only", lang) if v else "" for v in df["needs_chlorine"]],
            "md_verified": [i18n.code_label("md.verified", v, lang) for v in df["verified"]],
            "md_source_row": df["source_row" if lang == "zh" else "source_row_en"],
        },
        columns=cols,
    )


def institution_layer(fc: dict, *, lang: str, month_label: str) -> maps.VectorLayer:
    """Institutions as circles coloured by their status in the month, ringed when unmonitored.
    Properties read: INSTITUTION_PROPS."""
    codes = list(STATUS_COLORS)

    def tip(p: dict) -> str:
        name = p.get(f"name_{lang}") or p.get("name_zh")
        parts = [
            f"<b>{maps.esc(name)}</b>",
            maps.esc(i18n.code_label("md.column", p.get("column_code"), lang)),
            maps.esc(f"{month_label}: {i18n.code_label('md.status', p.get('status'), lang)}"),
            maps.esc(f"{i18n.t('col.md_last_sampled', lang)}: {p.get('last_sampled_on') or i18n.t('md.never', lang)}"),
        ]
        return "<br>".join(parts)

    data = maps.compact(
        fc,
        lambda p: codes.index(p["status"]) if p.get("status") in codes else -1,
        tip,
        ring=lambda p: bool(p.get("is_unmonitored")),
    )
    return maps.VectorLayer(
        data,
        name=i18n.t("md.map", lang),
        kind="point",
        palette=[STATUS_COLORS[c] for c in codes],
        options={"radius": 8},
    )


def institutions_map(
    institutions: dict,
    *,
    rivers: dict,
    towns: dict,
    town_labels: dict | None,
    month_label: str,
    n_months: int,
    ctx: maps.MapContext,
) -> folium.Map:
    """Township boundaries, rivers and the institutions (institution_layer) with a legend."""
    lang = ctx.lang
    m = maps.base_map(ctx.bounds, basemap=ctx.basemap, tianditu_key=ctx.tianditu_key, assets=ctx.assets, lang=lang)
    layers = [
        *maps.town_layer(towns, town_labels, lang=lang),
        maps.river_layer(rivers, lang=lang),
        institution_layer(institutions, lang=lang, month_label=month_label),
    ]
    for layer in layers:
        layer.add_to(m)
    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    items = [("circle", c, i18n.code_label("md.status", k, lang)) for k, c in STATUS_COLORS.items()]
    items.append(("ring", maps.RING_COLOR, i18n.t("md.m.unmonitored", lang, n=n_months)))
    maps.Legend(
        [
            (i18n.t("md.institutions", lang, month=month_label), items),
            (
                i18n.t("map.legend.other", lang),
                [
                    ("line", maps.RIVER_COLOR, i18n.t("map.legend.river", lang)),
                    ("dash", maps.TOWN_COLOR, i18n.t("map.legend.town", lang)),
                ],
            ),
        ],
        summary=i18n.t("map.legend", lang),
    ).add_to(m)
    return m
