"""Treatment plants (污水处理厂): what to say when a plant has no effluent data, and the month-by-month
failure table. Pure functions over the frames of queries/plant_*.sql; no Streamlit.

The checks themselves (准IV and GB 18918 grade 1A, with the temperature-dependent NH3-N limit and the
build-date-dependent TP limit) are computed in SQL (queries/plant_effluent_check.sql)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from bishui import i18n


def _ym(value) -> str:
    return pd.Timestamp(value).strftime("%Y-%m")


def empty_message(plant: dict, start: dt.date, end: dt.date, lang: str) -> str | None:
    """Why a plant (a row of plants_list.sql) shows no effluent between start and end, or None when
    it has data there. Data before the commissioning month is never shown."""
    first, last = plant.get("first_month"), plant.get("last_month")
    has_data = first is not None and not pd.isna(first)
    if has_data and pd.Timestamp(first).date() <= end and pd.Timestamp(last).date() >= start:
        return None
    commissioned = plant.get("commissioned_on")
    if (
        commissioned is not None
        and not pd.isna(commissioned)
        and pd.Timestamp(commissioned).date() > end.replace(day=1)
    ):
        return i18n.t("wp.empty.before_commissioning", lang, month=_ym(commissioned))
    if plant.get("status_at", plant.get("status")) == "under_construction":
        return i18n.t("wp.empty.under_construction", lang)
    if not has_data:
        return i18n.t("wp.empty.no_data", lang)
    return i18n.t("wp.empty.not_in_period", lang, first=_ym(first), last=_ym(last))


def commissioning_note(plant: dict, start: dt.date, lang: str) -> str | None:
    """A note when the plant was commissioned inside the period shown (data starts there)."""
    commissioned = plant.get("commissioned_on")
    if commissioned is None or pd.isna(commissioned):
        return None
    if pd.Timestamp(commissioned).date() > start:
        return i18n.t("wp.note.commissioned", lang, month=_ym(commissioned))
    return None


def monthly_failures(check: pd.DataFrame, names: dict[str, str], lang: str, only_failing: bool = False) -> pd.DataFrame:
    """One row per plant and month: the 准IV and 1A verdicts and the parameters that failed each;
    with only_failing, only the months that failed 准IV or 1A.

    check columns: facility_id, month, parameter_<lang>, meets_quasi_iv, meets_1a,
    month_meets_quasi_iv, month_meets_1a (queries/plant_effluent_check.sql)."""
    cols = ["wp_plant", "month", "wp_meets_quasi_iv", "wp_month_failed_quasi_iv", "wp_meets_1a", "wp_month_failed_1a"]
    if check.empty:
        return pd.DataFrame(columns=cols)
    sep = i18n.t("comp.list_sep", lang)
    rows = []
    for (fid, month), g in check.groupby(["facility_id", "month"], sort=True):
        if only_failing and bool(g["month_meets_quasi_iv"].iloc[0]) and bool(g["month_meets_1a"].iloc[0]):
            continue
        rows.append(
            {
                "wp_plant": names.get(fid, fid),
                "month": pd.Timestamp(month).strftime("%Y-%m"),
                "wp_meets_quasi_iv": i18n.t(
                    "common.yes" if bool(g["month_meets_quasi_iv"].iloc[0]) else "common.no", lang
                ),
                "wp_month_failed_quasi_iv": sep.join(g.loc[g["meets_quasi_iv"].eq(False), f"parameter_{lang}"]),
                "wp_meets_1a": i18n.t("common.yes" if bool(g["month_meets_1a"].iloc[0]) else "common.no", lang),
                "wp_month_failed_1a": sep.join(g.loc[g["meets_1a"].eq(False), f"parameter_{lang}"]),
            }
        )
    return pd.DataFrame(rows, columns=cols)
