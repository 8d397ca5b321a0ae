"""Enforcement on pollution sources (执法监管, plan task 6): the page's tables as pure builders over the
frames of queries/enforcement_*.sql (no Streamlit, no queries). The status rules (open, overdue, due
soon, penalties of a year, uninspected) are SQL: queries/schema/068_enforcement.sql."""

from __future__ import annotations

import pandas as pd

from bishui import i18n

KINDS = ("industry", "hospital", "school", "farm", "sewage_facility", "other")


def _date(value) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def _pick(df: pd.DataFrame, zh: str, en: str, lang: str) -> pd.Series:
    """The English column where given, else the Chinese one."""
    return df[zh] if lang == "zh" else df[en].where(df[en].notna() & (df[en] != ""), df[zh])


def case_state(row, lang: str) -> str:
    """A case's state at the date: overdue N days / due soon / open / closed late / closed."""
    if row["is_overdue"]:
        return i18n.t("en.state.overdue", lang, days=int(row["days_overdue"]))
    if row["is_due_soon"]:
        return i18n.t("en.state.due_soon", lang)
    if row["is_open"]:
        return i18n.t("en.state.open", lang)
    return i18n.t("en.state.closed_late" if row.get("closed_late") else "en.state.closed", lang)


def units_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows of enforcement_units.sql as shown."""
    cols = [
        "en_unit",
        "en_open",
        "en_overdue",
        "en_due_soon",
        "en_max_days",
        "en_cases_year",
        "en_closed_late",
        "en_penalty_year",
    ]
    if df.empty:
        return pd.DataFrame(columns=cols)
    return pd.DataFrame(
        {
            "en_unit": _pick(df, "unit_zh", "unit_en", lang),
            "en_open": df["n_open"].astype(int),
            "en_overdue": df["n_overdue"].astype(int),
            "en_due_soon": df["n_due_soon"].astype(int),
            "en_max_days": ["" if pd.isna(v) else int(v) for v in df["max_days_overdue"]],
            "en_cases_year": df["n_cases_year"].astype(int),
            "en_closed_late": df["n_closed_late"].astype(int),
            "en_penalty_year": df["penalty_year_cny"].astype(float).round(0).astype(int),
        },
        columns=cols,
    )


def cases_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows of enforcement_cases_list.sql as shown."""
    cols = [
        "en_case",
        "en_source",
        "en_kind",
        "en_unit",
        "en_found_on",
        "en_problem",
        "en_deadline",
        "en_state",
        "en_closed_on",
        "en_penalty",
    ]
    if df.empty:
        return pd.DataFrame(columns=cols)
    return pd.DataFrame(
        {
            "en_case": df["case_id"],
            "en_source": _pick(df, "source_zh", "source_en", lang),
            "en_kind": [i18n.code_label("en.kind", v, lang) for v in df["source_kind"]],
            "en_unit": _pick(df, "unit_zh", "unit_en", lang),
            "en_found_on": [_date(v) for v in df["found_on"]],
            "en_problem": _pick(df, "problem_zh", "problem_en", lang),
            "en_deadline": [_date(v) for v in df["rectify_by"]],
            "en_state": [case_state(r, lang) for r in df.to_dict("records")],
            "en_closed_on": [_date(v) for v in df["closed_on"]],
            "en_penalty": df["penalty_cny"].astype(float).round(0).astype(int),
        },
        columns=cols,
    )


def sources_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows of enforcement_sources_list.sql as shown."""
    cols = [
        "en_source",
        "en_kind",
        "en_river",
        "en_town",
        "en_unit",
        "en_inspections_year",
        "en_findings_year",
        "en_last_inspected",
        "en_not_inspected",
        "en_open",
        "en_overdue",
    ]
    if df.empty:
        return pd.DataFrame(columns=cols)
    yes = i18n.t("common.yes", lang)
    return pd.DataFrame(
        {
            "en_source": _pick(df, "name_zh", "name_en", lang),
            "en_kind": [i18n.code_label("en.kind", v, lang) for v in df["source_kind"]],
            "en_river": _pick(df, "river_zh", "river_en", lang).fillna(""),
            "en_town": _pick(df, "town_zh", "town_en", lang).fillna(df["town_id"]),
            "en_unit": _pick(df, "responsible_unit", "responsible_unit_en", lang),
            "en_inspections_year": df["n_inspections_year"].astype(int),
            "en_findings_year": df["n_findings_year"].astype(int),
            "en_last_inspected": [_date(v) for v in df["last_inspected_on"]],
            "en_not_inspected": [yes if v else "" for v in df["not_inspected_this_year"]],
            "en_open": df["n_open"].astype(int),
            "en_overdue": df["n_overdue"].astype(int),
        },
        columns=cols,
    )


def inspections_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows of enforcement_inspections.sql as shown (the note is shown as written)."""
    cols = ["en_inspected_on", "en_source", "en_kind", "en_inspector", "en_finding", "en_note"]
    if df.empty:
        return pd.DataFrame(columns=cols)
    yes, no = i18n.t("common.yes", lang), i18n.t("common.no", lang)
    return pd.DataFrame(
        {
            "en_inspected_on": [_date(v) for v in df["inspected_on"]],
            "en_source": _pick(df, "name_zh", "name_en", lang),
            "en_kind": [i18n.code_label("en.kind", v, lang) for v in df["source_kind"]],
            "en_inspector": _pick(df, "inspector_unit", "inspector_unit_en", lang),
            "en_finding": [yes if v else no for v in df["has_finding"]],
            "en_note": df["note"].fillna(""),
        },
        columns=cols,
    )
