"""The Sections page's frames, from its query results: which parameters it charts, the monthly values
with each month's completeness, and the table of classes and monthly means (pure: no Streamlit, no
queries; the page only lays them out)."""

from __future__ import annotations

import pandas as pd

from bishui.rules import standards

STATUS_COLUMNS = ["section_id", "period", "completeness", "missing_items", "auto_days"]


def charted_parameters(params: pd.DataFrame) -> pd.DataFrame:
    """The rows of parameters_list the page offers: those with a direction (better when lower or
    higher), less the ones that are not charted against class bands (standards.NOT_CHARTED_ON_SECTIONS)."""
    keep = params["direction"].ne("none") & ~params["code"].isin(standards.NOT_CHARTED_ON_SECTIONS)
    return params[keep]


def monthly_with_status(monthly: pd.DataFrame, classes: pd.DataFrame) -> pd.DataFrame:
    """section_parameter_monthly rows with each section-month's completeness, missing_items and
    auto_days from section_class_history (left join on section and month)."""
    status = classes[STATUS_COLUMNS].rename(columns={"period": "month"})
    return monthly.merge(status, on=["section_id", "month"], how="left")


def month_table(monthly: pd.DataFrame, classes: pd.DataFrame) -> pd.DataFrame:
    """One row per section and month, ordered by both: the columns of section_class_history (period
    renamed month) and one column per parameter code with its monthly mean_value
    (section_parameter_monthly), for the months either has."""
    wide = monthly.pivot_table(index=["section_id", "month"], columns="parameter", values="mean_value", aggfunc="first")
    table = classes.rename(columns={"period": "month"}).merge(
        wide.reset_index(), on=["section_id", "month"], how="outer"
    )
    return table.sort_values(["section_id", "month"])


def revisions_of(revisions: pd.DataFrame, section_ids: list[str]) -> pd.DataFrame:
    """The reading_revisions rows of the chosen sections."""
    return revisions[revisions["section_id"].isin(section_ids)]
