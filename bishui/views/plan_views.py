"""The tables of the plan pages as shown (and downloaded): pure functions from query results to frames
with localised labels and column names that bishui.i18n translates (col.*). No Streamlit here.

Each function names the query whose columns it reads."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from bishui import i18n
from bishui.rules import labels
from bishui.rules.targets import STATUS_COLORS, STATUS_ORDER

GRADE_COLORS = {1: "#d9f0d3", 2: "#fee391", 3: "#c7a27c"}


def month_end(month: dt.date) -> dt.date:
    return (pd.Timestamp(month) + pd.offsets.MonthEnd(0)).date()


def default_year(years: list[int], month: dt.date) -> int:
    """The targets page's plan year for a sidebar month: the latest plan year not after it."""
    return max([y for y in years if y <= month.year] or [years[0]])


def default_meeting_date(month: dt.date, today: dt.date) -> dt.date:
    """The targets page's "as at" date for a sidebar month: its last day, or today within it."""
    return min(month_end(month), today)


def measures_window(year: int, as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The months of target_measures.sql the targets page reads for a plan year as at a date
    (start: mid last year, for the trend; end: the month of as_of, at most December)."""
    return dt.date(year - 1, 7, 1), min(as_of.replace(day=1), dt.date(year, 12, 1))


def fmt_date(value) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def fmt_value(value, unit: str = "") -> str:
    if value is None or pd.isna(value):
        return "–"
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{text} {unit}".strip()


def money(value: float, lang: str) -> str:
    """'85.0 万元' / 'CNY 850,000'."""
    return i18n.t("comp.money", lang, v=float(value or 0))


def big_money(value: float, lang: str) -> str:
    """'7,570.0 万元' / 'CNY 75.70 million' (the plan counts money in 万元)."""
    return i18n.t("tg.pj.big_money", lang, v=float(value or 0) / (1e4 if lang == "zh" else 1e6))


def town_label(town_id, towns: dict[str, str], lang: str) -> str:
    return i18n.t("sidebar.town_all", lang) if not town_id or pd.isna(town_id) else towns.get(town_id, town_id)


def unit_text(unit, lang: str) -> str:
    """A target's unit as shown: the data's Chinese units (月, 个) translated when known."""
    if unit is None or pd.isna(unit):
        return ""
    label = i18n.code_label("tg.unit", unit, lang)
    if lang == "en" and not i18n.has(f"tg.unit.{unit}") and any("\u4e00" <= ch <= "\u9fff" for ch in label):
        return ""  # a Chinese counter word (个) has no English unit
    return label


def target_value_text(value, measure: str, unit: str, lang: str) -> str:
    """A measure value as text; a class measure as Ⅲ类 / Class Ⅲ."""
    if value is None or pd.isna(value):
        return i18n.t("class.none", lang)
    if str(measure).startswith("section_class"):
        return i18n.t(f"class.{int(round(value))}", lang)
    return fmt_value(value, unit_text(unit, lang))


def targets_table(status: pd.DataFrame, towns: dict[str, str], lang: str) -> pd.DataFrame:
    """Rows of bishui.rules.targets.status_table as shown: target, township, current value, goal, deadline,
    status, progress (0..100, for a progress bar), history (list, for a sparkline), owner. The measure code
    (how the warehouse computes it, e.g. section_class:hunan_rd) is internal: not shown to officials."""
    cols = [
        "tg_id",
        "tg_target",
        "town",
        "tg_current",
        "tg_goal",
        "tg_deadline",
        "tg_status",
        "tg_progress",
        "tg_trend",
        "tg_owner",
    ]
    if status.empty:
        return pd.DataFrame(columns=cols)
    s = status.assign(_order=status["status"].map(STATUS_ORDER)).sort_values(
        ["_order", "target_id", "town_id"], kind="stable"
    )
    sign = {"le": "≤", "ge": "≥"}
    return pd.DataFrame(
        {
            "tg_id": s["target_id"],
            "tg_target": s[f"title_{lang}"],
            "town": [town_label(t, towns, lang) for t in s["town_id"]],
            "tg_current": [target_value_text(v, m, u, lang) for v, m, u in zip(s["current"], s["measure"], s["unit"])],
            "tg_goal": [
                f"{sign[d]} {target_value_text(g, m, u, lang)}"
                for g, m, u, d in zip(s["goal_value"], s["measure"], s["unit"], s["direction"])
            ],
            "tg_deadline": [fmt_date(d) for d in s["deadline"]],
            "tg_status": [i18n.t(f"tg.status.{v}", lang) for v in s["status"]],
            "tg_progress": s["progress_pct"].astype(float).round(1),
            "tg_trend": list(s["history"]),
            "tg_owner": s[f"owner_{lang}"],
        },
        columns=cols,
    ).reset_index(drop=True)


def styled(df: pd.DataFrame, column: str, style, money: tuple[str, ...] = ()):
    """df.style with `style` mapped over one column and money columns shown as 1,234,567 (the frame
    itself, which is what downloads, keeps its numbers)."""
    styler = df.style.map(style, subset=[column]) if column in df.columns else df.style
    cols = [c for c in money if c in df.columns]
    return styler.format("{:,.0f}", subset=cols, na_rep="") if cols else styler


def status_cell_style(lang: str):
    """A Styler.map function colouring a localised status cell."""
    colors = {i18n.t(f"tg.status.{k}", lang): c for k, c in STATUS_COLORS.items()}

    def style(value) -> str:
        c = colors.get(value)
        return f"background-color: {c}; color: white; font-weight: 600" if c else ""

    return style


def task_matrix_table(matrix: pd.DataFrame, towns: dict[str, str], lang: str) -> pd.DataFrame:
    """Rows of task_matrix.sql as shown."""
    cols = [
        "tk_no",
        "tk_task",
        "tk_status",
        "tk_data_status",
        "tk_evidence",
        "tk_progress",
        "tk_overdue",
        "tk_deadline",
        "tk_updated_on",
        "tk_latest",
        "tk_lead",
        "tk_responsible",
    ]
    if matrix.empty:
        return pd.DataFrame(columns=cols)
    # a task measured from data (task_data_status) shows that status and its figure beside the reported one
    data_status = matrix["data_status"] if "data_status" in matrix else pd.Series(None, index=matrix.index)
    evidence = matrix[f"data_evidence_{lang}"] if f"data_evidence_{lang}" in matrix else data_status
    return pd.DataFrame(
        {
            # the plan's tasks are numbered 1..n; a meeting's action items M<meeting>-<n> (bishui.db.meetings)
            "tk_no": [int(v) if str(v).isdigit() else str(v) for v in matrix["task_no"]],
            "tk_task": matrix[f"title_{lang}"],
            "tk_lead": matrix["lead_units" if lang == "zh" else "lead_units_en"].str.replace(
                ";", "、" if lang == "zh" else "; ", regex=False
            ),
            "tk_responsible": matrix["responsible_units" if lang == "zh" else "responsible_units_en"].str.replace(
                ";", "、" if lang == "zh" else "; ", regex=False
            ),
            "tk_deadline": [fmt_date(d) for d in matrix["deadline"]],
            "tk_status": [i18n.t(f"task.status.{v}", lang) for v in matrix["status"]],
            "tk_data_status": ["" if pd.isna(v) else i18n.t(f"tg.status.{v}", lang) for v in data_status],
            "tk_evidence": ["" if pd.isna(v) else str(v) for v in evidence],
            "tk_progress": matrix["progress_pct"].astype(float).round(0),
            "tk_updated_on": [fmt_date(d) for d in matrix["latest_updated_on"]],
            "tk_latest": [
                (
                    ""
                    if pd.isna(n)
                    else f"{town_label(t, towns, lang)}：{n}"
                    if lang == "zh"
                    else f"{town_label(t, towns, lang)}: {n}"
                )
                for t, n in zip(matrix["latest_town_id"], matrix[f"latest_note_{lang}"])
            ],
            "tk_overdue": [i18n.t("common.yes" if v else "common.no", lang) for v in matrix["is_overdue"]],
        },
        columns=cols,
    )


def updates_table(updates: pd.DataFrame, towns: dict[str, str], lang: str) -> pd.DataFrame:
    """Rows of task_updates_window.sql as shown."""
    cols = ["tk_updated_on", "tk_no", "tk_task", "town", "tk_status", "tk_progress", "tk_note", "tk_reported_by"]
    if updates.empty:
        return pd.DataFrame(columns=cols)
    return pd.DataFrame(
        {
            "tk_updated_on": [fmt_date(d) for d in updates["updated_on"]],
            "tk_no": updates["task_no"].astype(int),
            "tk_task": updates[f"title_{lang}"],
            "town": [town_label(t, towns, lang) for t in updates["town_id"]],
            "tk_status": [i18n.t(f"task.status.{v}", lang) for v in updates["status"]],
            "tk_progress": updates["progress_pct"],
            "tk_note": updates[f"note_{lang}"].fillna(""),
            "tk_reported_by": updates["reported_by" if lang == "zh" else "reported_by_en"].fillna(""),
        },
        columns=cols,
    )


def changes_table(changes: pd.DataFrame, targets: pd.DataFrame, towns: dict[str, str], lang: str) -> pd.DataFrame:
    """Rows of bishui.rules.targets.status_changes as shown (with the target's title)."""
    cols = ["tg_id", "tg_target", "town", "tg_status_before", "tg_status_now"]
    if changes.empty:
        return pd.DataFrame(columns=cols)
    titles = dict(zip(targets["target_id"], targets[f"title_{lang}"]))
    return pd.DataFrame(
        {
            "tg_id": changes["target_id"],
            "tg_target": changes["target_id"].map(titles),
            "town": [town_label(t, towns, lang) for t in changes["town_id"]],
            "tg_status_before": [i18n.t(f"tg.status.{v}", lang) for v in changes["status_before"]],
            "tg_status_now": [i18n.t(f"tg.status.{v}", lang) for v in changes["status_now"]],
        },
        columns=cols,
    )


def projects_table(projects: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows of projects_list.sql as shown (money in 万元 in both languages: the plan's unit)."""
    cols = [
        "pj_id",
        "pj_name",
        "tk_no",
        "town",
        "pj_budget_wan",
        "pj_spent_wan",
        "pj_execution_pct",
        "pj_completion_pct",
        "pj_start_on",
        "pj_due_on",
        "pj_overdue",
    ]
    if projects.empty:
        return pd.DataFrame(columns=cols)
    return pd.DataFrame(
        {
            "pj_id": projects["project_id"],
            "pj_name": projects[f"name_{lang}"],
            "tk_no": projects["task_no"],
            "town": projects[f"town_{lang}"].fillna(i18n.t("sidebar.town_all", lang)),
            "pj_budget_wan": (projects["budget_cny"] / 1e4).round(2),
            "pj_spent_wan": (projects["spent_cny"] / 1e4).round(2),
            "pj_execution_pct": projects["execution_pct"].astype(float).round(1),
            "pj_completion_pct": projects["completion_pct"].astype(float).round(1),
            "pj_start_on": [fmt_date(d) for d in projects["start_on"]],
            "pj_due_on": [fmt_date(d) for d in projects["due_on"]],
            "pj_overdue": [i18n.t("common.yes" if v else "common.no", lang) for v in projects["is_overdue"]],
        },
        columns=cols,
    )


def bodies_table(bodies: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows of black_odorous_bodies.sql as shown: the ledger with the latest grading."""
    cols = [
        "wb_name",
        "wb_kind",
        "town",
        "wb_status",
        "wb_found_on",
        "wb_rectify_started_on",
        "wb_cleared_on",
        "wb_closed_on",
        "wb_last_inspected_on",
        "wb_grade",
        "wb_heavy_points",
    ]
    if bodies.empty:
        return pd.DataFrame(columns=cols)
    return pd.DataFrame(
        {
            "wb_name": bodies[f"name_{lang}"],
            "wb_kind": [i18n.t(f"wb.kind.{k}", lang) for k in bodies["kind"]],
            "town": bodies[f"town_{lang}"].fillna(""),
            "wb_status": [i18n.t(f"wb.status.{s}", lang) for s in bodies["status"]],
            "wb_found_on": [fmt_date(d) for d in bodies["found_on"]],
            "wb_rectify_started_on": [fmt_date(d) for d in bodies["rectify_started_on"]],
            "wb_cleared_on": [fmt_date(d) for d in bodies["cleared_on"]],
            "wb_closed_on": [fmt_date(d) for d in bodies["closed_on"]],
            "wb_last_inspected_on": [fmt_date(d) for d in bodies["last_inspected_on"]],
            "wb_grade": [grade_text(g, lang) for g in bodies["grade"]],
            "wb_heavy_points": [
                "" if pd.isna(n) else f"{int(h)} / {int(n)}"
                for h, n in zip(bodies["n_heavy_points"], bodies["n_points"])
            ],
        },
        columns=cols,
    )


def grade_text(grade, lang: str) -> str:
    if grade is None or pd.isna(grade):
        return i18n.t("wb.grade.none", lang)
    return i18n.t(f"wb.grade.{int(grade)}", lang)


def grade_cell_style(lang: str):
    colors = {i18n.t(f"wb.grade.{k}", lang): c for k, c in GRADE_COLORS.items()}
    return lambda v: f"background-color: {colors[v]}" if v in colors else ""


def readings_table(readings: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows of black_odorous_readings.sql (one body) as shown: values with their grades."""
    cols = [
        "wb_inspected_on",
        "wb_point_no",
        "wb_depth_cm",
        "wb_transparency",
        "wb_do",
        "wb_orp",
        "wb_nh3n",
        "wb_transparency_bound",
        "wb_reading_grade",
        "wb_point_grade",
    ]
    if readings.empty:
        return pd.DataFrame(columns=cols)

    def with_grade(values, grades):
        return [f"{v:g} ({grade_text(g, lang)})" if pd.notna(v) else "–" for v, g in zip(values, grades)]

    return pd.DataFrame(
        {
            "wb_inspected_on": [fmt_date(d) for d in readings["inspected_on"]],
            "wb_point_no": readings["point_no"],
            "wb_depth_cm": readings["depth_cm"],
            "wb_transparency": with_grade(readings["transparency_cm"], readings["grade_transparency"]),
            "wb_do": with_grade(readings["do_mg_l"], readings["grade_do"]),
            "wb_orp": with_grade(readings["orp_mv"], readings["grade_orp"]),
            "wb_nh3n": with_grade(readings["nh3n_mg_l"], readings["grade_nh3n"]),
            "wb_transparency_bound": readings["transparency_bound_cm"],
            "wb_reading_grade": [grade_text(g, lang) for g in readings["reading_grade"]],
            "wb_point_grade": [grade_text(g, lang) for g in readings["point_grade"]],
        },
        columns=cols,
    )


def ledger_table(ledger: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows of compensation_ledger.sql as shown: every status says itself (无数据 / No data, 待补数据 /
    Pending data, 未完 / Provisional, 断流 / No flow); only ok and owed months are judged."""
    cols = [
        "cp_rule",
        "section",
        "month",
        "water_class",
        "cp_threshold",
        "cp_status",
        "cp_amount_cny",
        "cp_payer",
        "cp_payee",
        "main_pollutants",
    ]
    if ledger.empty:
        return pd.DataFrame(columns=cols)
    return pd.DataFrame(
        {
            "cp_rule": ledger["rule_id"],
            "section": ledger[f"section_{lang}"],
            "month": pd.to_datetime(ledger["month"]).dt.strftime("%Y-%m"),
            "water_class": [
                i18n.t("class.none" if pd.isna(k) else f"class.{int(k)}", lang) for k in ledger["water_class"]
            ],
            "cp_threshold": [i18n.t(f"class.{int(k)}", lang) for k in ledger["threshold_class"]],
            "cp_status": [i18n.t(f"comp.status.{s}", lang) for s in ledger["status"]],
            "cp_amount_cny": ledger["amount_cny"].astype(float),
            "cp_payer": ledger[f"payer_{lang}"],
            "cp_payee": ledger[f"payee_{lang}"],
            "main_pollutants": [labels.pollutants_short(v, lang) for v in ledger["main_pollutants"]],
        },
        columns=cols,
    )


def comp_status_style(lang: str):
    colors = {
        i18n.t("comp.status.owed", lang): "#f4a582",
        i18n.t("comp.status.no_data", lang): "#d9d9d9",
        i18n.t("comp.status.ok", lang): "#d9f0d3",
        i18n.t("comp.status.pending_data", lang): "#fee08b",
        i18n.t("comp.status.provisional", lang): "#e0ecf4",
        i18n.t("comp.status.no_flow", lang): "#d9d9d9",
    }
    return lambda v: f"background-color: {colors[v]}" if v in colors else ""


def forecast_table(forecast: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows of bishui.reports.compensation.forecast as shown."""
    cols = [
        "cp_rule",
        "section",
        "water_class",
        "cp_threshold",
        "cp_status",
        "cp_amount_cny",
        "cp_drivers",
        "cp_sample_days",
        "cp_last_sampled_on",
    ]
    if forecast.empty:
        return pd.DataFrame(columns=cols)
    return pd.DataFrame(
        {
            "cp_rule": forecast["rule_id"],
            "section": forecast["section"],
            "water_class": [
                i18n.t("class.none" if pd.isna(k) else f"class.{int(k)}", lang) for k in forecast["water_class"]
            ],
            "cp_threshold": [i18n.t(f"class.{int(k)}", lang) for k in forecast["threshold_class"]],
            "cp_status": [i18n.t(f"comp.status.{s}", lang) for s in forecast["status"]],
            "cp_amount_cny": forecast["amount_cny"].astype(float),
            "cp_drivers": forecast["drivers"],
            "cp_sample_days": forecast["n_sample_days"],
            "cp_last_sampled_on": [fmt_date(d) for d in forecast["last_sampled_on"]],
        },
        columns=cols,
    )


def compliance_table(compliance: pd.DataFrame, names: dict[str, str], lang: str) -> pd.DataFrame:
    """Rows of plant_compliance.sql as shown."""
    cols = [
        "wp_plant",
        "year",
        "wp_months",
        "wp_quasi_iv_pct",
        "wp_failed_quasi_iv",
        "wp_gb1a_pct",
        "wp_failed_1a",
        "wp_mean_load_pct",
        "wp_max_load_pct",
    ]
    if compliance.empty:
        return pd.DataFrame(columns=cols)
    return pd.DataFrame(
        {
            "wp_plant": compliance["facility_id"].map(names),
            "year": compliance["year"].astype(int),
            "wp_months": compliance["n_months"].astype(int),
            "wp_quasi_iv_pct": compliance["quasi_iv_pct"].astype(float).round(1),
            "wp_failed_quasi_iv": compliance[f"failed_quasi_iv_{lang}"],
            "wp_gb1a_pct": compliance["gb1a_pct"].astype(float).round(1),
            "wp_failed_1a": compliance[f"failed_1a_{lang}"],
            "wp_mean_load_pct": compliance["mean_load_pct"].astype(float).round(1),
            "wp_max_load_pct": compliance["max_load_pct"].astype(float).round(1),
        },
        columns=cols,
    )


def col_label(name: str, lang: str) -> str:
    """The header a column gets from ui.localise_columns (for column_config keys)."""
    return i18n.column_label(name, lang)


def closed_months(since: dt.date, until: dt.date) -> list[dt.date]:
    """First days of the months whose last day lies in (since, until]: the months whose evaluation
    became final in the window (a month's class is final at its end)."""
    ends = pd.date_range(since + dt.timedelta(days=1), until, freq="ME")
    return [e.date().replace(day=1) for e in ends]


def misses_table(misses: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows of section_month_misses.sql (plus a 'month' column) as shown."""
    cols = ["month", "section", "town", "water_class", "target_class", "main_pollutants"]
    if misses.empty:
        return pd.DataFrame(columns=cols)
    return pd.DataFrame(
        {
            "month": pd.to_datetime(misses["month"]).dt.strftime("%Y-%m"),
            "section": misses[f"name_{lang}"],
            "town": misses[f"town_{lang}"].fillna(""),
            "water_class": [
                i18n.t("class.none" if pd.isna(k) else f"class.{int(k)}", lang) for k in misses["water_class"]
            ],
            "target_class": [i18n.t(f"class.{int(k)}", lang) for k in misses["target_class"]],
            "main_pollutants": [labels.pollutants_short(v, lang) for v in misses["main_pollutants"]],
        },
        columns=cols,
    )


def parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        return None
