"""The total-nitrogen action (总氮专项, plan task 12): the tables and the chart of the TN tab of the trends
page. The rules (year-to-date means, high, rebounding, overdue problems) are SQL in
queries/schema/066_tn_action.sql; this module only lays their results out. Pure: no st.*, no queries."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from bishui import i18n, safe_text


def _z(lang: str) -> str:
    return "zh" if lang == "zh" else "en"


def flag(row, lang: str) -> str:
    """'反弹、高值' / 'rebounding, high' / '' from is_rebounding and is_high."""
    parts = [i18n.t("tn.flag.rebounding", lang)] if row["is_rebounding"] else []
    if row["is_high"]:
        parts.append(i18n.t("tn.flag.high", lang))
    return ("、" if lang == "zh" else ", ").join(parts)


def years_table(years: pd.DataFrame, lang: str) -> pd.DataFrame:
    """queries/tn_section_years.sql as shown and downloaded: one row per section and year."""
    through = pd.to_datetime(years["through_month"])
    return pd.DataFrame(
        {
            "tn_section": years[f"name_{_z(lang)}"].to_numpy(),
            "tn_year": years["year"].astype(int).to_numpy(),
            "tn_through": through.dt.strftime("%Y-%m").to_numpy(),
            "tn_mean_ytd": years["mean_ytd"].round(3).to_numpy(),
            "tn_mean_prev": years["mean_prev"].round(3).to_numpy(),
            "tn_change_pct": years["change_pct"].round(1).to_numpy(),
            "tn_flag": [flag(r, lang) for _, r in years.iterrows()],
        }
    )


def problems_table(problems: pd.DataFrame, lang: str) -> pd.DataFrame:
    """queries/tn_problems_list.sql as shown and downloaded (the task's problem list)."""
    z = _z(lang)

    def status(r) -> str:
        text = i18n.t(f"tn.status.{r['problem_status']}", lang)
        return text + (" · " + i18n.t("tn.overdue", lang) if r["is_overdue"] else "")

    return pd.DataFrame(
        {
            "tn_problem_id": problems["problem_id"].to_numpy(),
            "tn_section": problems[f"section_{z}"].fillna(problems["section_id"]).to_numpy(),
            "tn_problem": problems[f"problem_{z}"].to_numpy(),
            "tn_measure": problems[f"measure_{z}"].fillna("").to_numpy(),
            "tn_owner": problems[f"owner_{z}"].to_numpy(),
            "tn_found_on": pd.to_datetime(problems["found_on"]).dt.strftime("%Y-%m-%d").to_numpy(),
            "tn_deadline": pd.to_datetime(problems["deadline"]).dt.strftime("%Y-%m-%d").to_numpy(),
            "tn_status": [status(r) for _, r in problems.iterrows()],
            "tn_done_on": pd.to_datetime(problems["done_on"]).dt.strftime("%Y-%m-%d").fillna("").to_numpy(),
        }
    )


def monthly_figure(monthly: pd.DataFrame, highlighted: list[str], lang: str, high_mg_l: float | None) -> go.Figure:
    """Monthly TN means (queries/tn_monthly.sql), one line per section; the sections in `highlighted`
    (rebounding or high) drawn bold, the others thin and grey; the 'high' setting as a dashed line."""
    fig = go.Figure()
    z = _z(lang)
    for sid, g in monthly.groupby("section_id", sort=True):
        bold = sid in highlighted
        fig.add_trace(
            go.Scatter(
                x=pd.to_datetime(g["month"]),
                y=g["mean_value"],
                mode="lines+markers" if bold else "lines",
                name=safe_text.plotly(g[f"name_{z}"].iloc[0]),
                line={"width": 2.5 if bold else 1},
                opacity=1.0 if bold else 0.45,
                hovertemplate="%{x|%Y-%m}: %{y:.2f} mg/L",
            )
        )
    if high_mg_l is not None:
        fig.add_hline(
            y=high_mg_l,
            line_dash="dash",
            line_color="#d73027",
            annotation_text=safe_text.plotly(i18n.t("tn.high_line", lang, v=f"{high_mg_l:g}")),
        )
    fig.update_layout(
        height=440,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        yaxis_title=i18n.t("tn.axis", lang),
        yaxis_rangemode="tozero",
        legend={"orientation": "v", "yanchor": "top", "y": 1, "xanchor": "left", "x": 1.01},
    )
    return fig
