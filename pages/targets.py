"""目标与任务 Targets and tasks: every target's status from data, the tasks' responsibility matrix,
what changed since the last meeting, and the water-pollution projects."""

import datetime as dt

import pandas as pd
import streamlit as st

from bishui.views import figures_plan, plan_views as pv
from bishui.db import meetings, store
from bishui.app import meetings_panel, ui
from bishui import safe_text
from bishui.rules import targets
from bishui.app import task_detail_panel

lang, town, month = ui.lang(), ui.town_id(), ui.month()
all_targets = store.query("targets_list")
if month is None or all_targets.empty:
    st.title(ui.tr("tg.title_plain"))
    st.info(ui.tr("tg.empty.no_targets"))
    st.stop()
town_df = store.query("towns")
towns = dict(zip(town_df["town_id"], town_df[ui.name_col()]))
years = sorted(int(y) for y in all_targets["year"].unique())
default_year = pv.default_year(years, month)
default_date = pv.default_meeting_date(month, ui.now())
if st.session_state.get("_tg_month") not in (None, month):  # the sidebar month moved: follow it
    st.session_state.update(tg_year=default_year, tg_date=default_date)
st.session_state["_tg_month"] = month
head = st.container()  # the title names the year picked below it
c1, c2, _ = st.columns([1, 1, 3])
year = ui.url_selectbox(c1, ui.tr("tg.year"), "year", "tg_year", years, {}, default_year)
date = ui.url_date(c2, ui.tr("tg.meeting_date"), "date", "tg_date", default_date, help=ui.tr("tg.meeting_date_help"))
head.title(ui.tr("tg.title", year=year))

year_targets = all_targets[all_targets["year"] == year]
start, end = pv.measures_window(year, date)
measures = store.query("target_measures", year=year, start=start, end=end, town_id=town, now=ui.now())
status = targets.with_notes(targets.status_table(year_targets, measures, date), lang)
TABS = ("targets", "tasks", "since", "projects")
tab_labels = [ui.tr(f"tg.tab.{k}") for k in TABS]
opened = ui.url_choice("tab", TABS)  # ?tab=tasks opens the task tab (links from source tracing)
tabs = st.tabs(tab_labels, default=tab_labels[TABS.index(opened)] if opened else None)
progress_col = {
    pv.col_label(c, lang): st.column_config.ProgressColumn(min_value=0, max_value=100, format="%.0f%%")
    for c in ("tg_progress", "tk_progress", "pj_execution_pct", "pj_completion_pct")
}

with tabs[0]:
    counts = status["status"].value_counts()
    for col, key in zip(st.columns(5), targets.STATUS_ORDER):
        col.metric(ui.tr(f"tg.status.{key}"), int(counts.get(key, 0)), border=True)
    status_labels = {s: ui.tr(f"tg.status.{s}") for s in targets.STATUSES}
    chosen = ui.url_multiselect(
        st, ui.tr("tg.filter_status"), "status", "tg_status", targets.STATUSES, status_labels, list(targets.STATUSES)
    )
    filtered = status[status["status"].isin(chosen)] if len(status) else status
    shown = ui.localise_columns(pv.targets_table(filtered, towns, lang))
    st.dataframe(
        pv.styled(shown, pv.col_label("tg_status", lang), pv.status_cell_style(lang)),
        hide_index=True,
        width="stretch",
        height="content",
        column_config={**progress_col, pv.col_label("tg_trend", lang): st.column_config.LineChartColumn(width="small")},
    )
    st.caption(ui.tr("tg.status_rule", n=targets.TREND_MONTHS))
    left_end = min(date.replace(day=1), dt.date(year, 12, 1))
    left = store.query("attainment_left_out", end=left_end, town_id=town, now=ui.now()).iloc[0]
    if int(left.n_left_out):  # rates and section measures count complete section-months only
        st.caption(ui.tr("cmp.left_out", n=int(left.n_left_out), year=left_end.year, month=ui.month_label(left_end)))
    ui.download_buttons(
        shown.drop(columns=[pv.col_label("tg_trend", lang)]), "targets", year, date, town, key="tg_targets"
    )
    if len(filtered):
        labels = {
            f"{r.target_id}|{r.town_id}": f"{r.target_id} {getattr(r, f'title_{lang}')} · "
            f"{pv.town_label(r.town_id, towns, lang)}"
            for r in filtered.itertuples()
        }
        pick = ui.url_selectbox(st, ui.tr("tg.pick"), "target", "tg_target", list(labels), labels, next(iter(labels)))
        tid, tid_town = pick.split("|", 1)
        row = filtered[(filtered["target_id"] == tid) & (filtered["town_id"] == tid_town)].iloc[0]
        deadline = pd.Timestamp(row["deadline"]).date()
        hist = targets.history_frame(measures, tid, tid_town, deadline, date)
        st.plotly_chart(
            figures_plan.target_history(
                hist,
                float(row["goal_value"]),
                deadline,
                lang,
                unit=pv.unit_text(row["unit"], lang),
                projected=row["projected"],
                title=labels[pick],
            ),
            width="stretch",
            key="tg_history",
        )
        kind = targets.measure_kind(row["measure"])
        if targets.is_known_measure(row["measure"]):
            st.caption(ui.tr(f"tg.measure.{kind}"))
            if note := targets.target_note(row.to_dict(), lang):
                st.caption(note)
        else:
            st.warning(ui.tr("tg.unknown_measure", measure=safe_text.md(row["measure"])))

with tabs[1]:
    units = store.query("task_units")
    unit_labels = dict(zip(units["unit"], units["unit_en" if lang == "en" else "unit"]))
    picked = ui.url_multiselect(
        st,
        ui.tr("tg.filter_units"),
        "units",
        "tg_units",
        units["unit"],
        unit_labels,
        [],
        placeholder=ui.tr("tg.filter_units_all"),
    )
    raw_tasks = meetings.with_actions(  # the plan's tasks, then the meetings' action items
        store.query("task_matrix", as_of=date, town_id=town, units=picked), date, picked
    )
    matrix = pv.task_matrix_table(raw_tasks, towns, lang)
    if matrix.empty:
        st.info(ui.tr("tg.empty.tasks"))
    else:
        shown = ui.localise_columns(matrix)
        picked_rows = st.dataframe(
            pv.styled(shown, pv.col_label("tk_data_status", lang), pv.status_cell_style(lang)),
            hide_index=True,
            width="stretch",
            height="content",
            column_config=progress_col,
            on_select="rerun",
            selection_mode="single-row",
            key="tg_tasks_table",
        )
        st.caption(ui.tr("tg.task_rule", date=date.isoformat()))
        ui.download_buttons(shown, "tasks", date, town, *picked, key="tg_tasks")
        # the evidence from data and the latest update are cut off in a cell: the picked task in full
        task_detail_panel.show(raw_tasks, matrix, picked_rows.selection.rows, lang)

with tabs[2]:
    since, last = meetings.since(date)  # the last recorded meeting before the date, else the week before
    meetings_panel.last_meeting_block(last, since, date)
    for name, frame in meetings.since_sections(year_targets, measures, since, date, town, towns, lang, last):
        st.subheader(ui.tr(f"tg.since.{name}"))
        if frame is None or frame.empty:
            st.info(ui.tr(f"tg.since.no_{name}" if frame is not None else "tg.since.no_month_closed"))
            continue
        shown = ui.localise_columns(frame)
        st.dataframe(shown, hide_index=True, width="stretch")
        ui.download_buttons(shown, f"since_{name}", since, date, town, key=f"tg_since_{name}")
    meetings_panel.form(date)

with tabs[3]:
    summary = store.query("projects_summary", as_of=date, town_id=town).iloc[0]
    projects = store.query("projects_list", as_of=date, town_id=town)
    if projects.empty:
        st.info(ui.tr("tg.empty.projects"))
    else:
        m1, m2, m3, m4 = st.columns(4)
        m1.metric(ui.tr("tg.pj.budget"), pv.big_money(summary.budget_cny, lang), border=True)
        m2.metric(ui.tr("tg.pj.spent"), pv.big_money(summary.spent_cny, lang), border=True)
        m3.metric(
            ui.tr("tg.pj.execution"), f"{summary.execution_pct:.1f}%", border=True, help=ui.tr("tg.pj.execution_help")
        )
        m4.metric(
            ui.tr("tg.pj.completion"),
            f"{summary.completion_pct:.1f}%",
            border=True,
            delta=ui.tr(
                "tg.pj.counts", done=int(summary.n_complete), n=int(summary.n_projects), late=int(summary.n_overdue)
            ),
            delta_color="off",
            delta_arrow="off",
            help=ui.tr("tg.pj.completion_help"),
        )
        st.plotly_chart(figures_plan.projects_bar(projects, lang), width="stretch", key="tg_projects_chart")
        st.caption(ui.tr("tg.pj.snapshot"))
        shown = ui.localise_columns(pv.projects_table(projects, lang))
        st.dataframe(shown, hide_index=True, width="stretch", height="content", column_config=progress_col)
        ui.download_buttons(shown, "projects", date, town, key="tg_projects")
