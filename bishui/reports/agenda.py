"""The meeting's run-through (issue 14 item 1): presentation mode as an agenda of screens, one after the
other with next / previous buttons or the arrow keys, "n / N" shown, each screen at its own address
(?present=1&screen=misses).

The agenda is a setting: BISHUI_AGENDA, screen ids separated by commas (default: all, in SCREENS'
order); unknown ids are ignored with a notice. The overview screen is the overview page itself; every
other screen is a small function here built from the briefing's figures (bishui.reports.briefing: the same
queries and builders the pages use, so the screen and the Word document never disagree) and shown as
wrapping HTML tables (bishui.views.present) sized for a 1920x1080 shared screen: at most MAX_ROWS rows, the
rest counted in a caption, full texts in tooltips.

rows(screen, b) is pure (frames in, frames out; no st.*); show(screen) lays it out."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from bishui.reports import briefing
from bishui.rules import labels
from bishui.views import plan_views as pv
from bishui import i18n
from bishui.db import meetings

SCREENS = ("overview", "misses", "targets", "tasks", "compensation", "progress", "since")
SCREEN_KEY = "present_screen"
MAX_ROWS = 8  # table rows a screen shows under its title at 20 px (the rest are counted)
SINCE_ROWS = 3  # rows of each part of the "since the last meeting" screen
DATE_COLUMNS = ("month", "tk_updated_on", "tk_deadline", "tg_deadline", "tk_no", "tg_id")  # never wrapped


def agenda(value: str | None = None) -> tuple[list[str], list[str]]:
    """(screens in order, unknown ids) from BISHUI_AGENDA (or value). Empty or nothing known: all."""
    raw = os.environ.get("BISHUI_AGENDA", "") if value is None else value
    wanted = [v.strip() for v in raw.split(",") if v.strip()]
    known = [v for v in dict.fromkeys(wanted) if v in SCREENS]
    unknown = [v for v in wanted if v not in SCREENS]
    return (known or list(SCREENS)), unknown


def step(screens: list[str], current: str | None, delta: int) -> str:
    """The screen delta steps from current, staying at the first and the last."""
    i = screens.index(current) if current in screens else 0
    return screens[max(0, min(len(screens) - 1, i + delta))]


@dataclass
class Part:
    """One table of a screen: its heading (may be ''), the frame shown (localised headers), tooltips per
    column, columns that must not wrap, the number of rows left out and the empty-state message."""

    heading: str
    frame: pd.DataFrame
    titles: dict = field(default_factory=dict)
    nowrap: list = field(default_factory=list)
    more: int = 0
    empty: str = ""


def _cap(frame: pd.DataFrame, n: int) -> tuple[pd.DataFrame, int]:
    return frame.head(n), max(0, len(frame) - n)


def _loc(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return frame.rename(columns={c: i18n.column_label(c, lang) for c in frame.columns})


def misses_part(b: briefing.Briefing) -> Part:
    """This month's misses (the overview's table, worst first) with main pollutants and the likely sources
    (the tracing page's top candidates, as the briefing lists them)."""
    m = briefing.misses(b)
    shown, more = _cap(m, MAX_ROWS)
    sources, tips = [], []
    for section_id in shown["section_id"]:
        cands, message = briefing.likely_sources(b, section_id)
        names = list(
            dict.fromkeys(  # a candidate traced for two parameters is named once
                f"{b.t(f'trc.kind.{k}')} {briefing.text(n)}"
                for k, n in zip(cands.get("kind", []), cands.get("name", []))
            )
        )
        sources.append(b.t("labels.list_sep").join(names) if names else briefing.text(message))
        tips.append(
            "\n".join(f"{int(r)}. {briefing.text(e)}" for r, e in zip(cands.get("rank", []), cands.get("evidence", [])))
            or briefing.text(message)
        )
    frame = pd.DataFrame(
        {
            "section": [briefing.text(v) for v in shown[b.name_col()]],
            "town": [briefing.text(v) for v in shown[f"town_{b.lang}"]],
            "water_class": [labels.class_short(v, b.lang) for v in shown["water_class"]],
            "target_class": [labels.class_short(v, b.lang) for v in shown["target_class"]],
            "main_pollutants": [labels.pollutants_short(v, b.lang) for v in shown["main_pollutants"]],
            "ag_sources": sources,
        },
        columns=["section", "town", "water_class", "target_class", "main_pollutants", "ag_sources"],
    )
    out = _loc(frame, b.lang)
    return Part(
        "",
        out,
        titles={
            i18n.column_label("main_pollutants", b.lang): [
                labels.pollutants_full(v, b.lang) for v in shown["main_pollutants"]
            ],
            i18n.column_label("ag_sources", b.lang): tips,
        },
        nowrap=[i18n.column_label(c, b.lang) for c in ("water_class", "target_class")],
        more=more,
        empty=b.t("ov.no_misses"),
    )


def targets_part(b: briefing.Briefing) -> Part:
    """The targets missed or at risk (the targets page's table, as the briefing lists them)."""
    shown, more = _cap(briefing.target_rows(b), MAX_ROWS)
    return Part(
        "", _loc(shown, b.lang), nowrap=[i18n.column_label("tg_id", b.lang)], more=more, empty=b.t("brf.no_targets")
    )


def tasks_part(b: briefing.Briefing) -> Part:
    """The overdue tasks (the task matrix, with the meetings' action items) by responsible unit."""
    rows = briefing.task_rows(b)
    rows = rows[["tk_responsible", "tk_no", "tk_task", "tk_lead", "tk_deadline", "tk_status", "tk_progress"]]
    rows = rows.sort_values(["tk_responsible", "tk_deadline"], kind="stable")
    shown, more = _cap(rows, MAX_ROWS)
    return Part(
        "",
        _loc(shown, b.lang),
        nowrap=[i18n.column_label(c, b.lang) for c in ("tk_no", "tk_deadline")],
        more=more,
        empty=b.t("brf.no_tasks"),
    )


def compensation_part(b: briefing.Briefing) -> Part:
    """This month's eco-compensation (the ledger as the compensation page shows it), owed rows first."""
    this_month, due_month, due_ytd = briefing.compensation(b)
    rows = briefing.compensation_rows(b)
    owed = this_month["status"].eq("owed").to_numpy() if len(this_month) else np.zeros(0, dtype=bool)
    if len(rows):
        rows = pd.concat([rows[owed], rows[~owed]])
    shown, more = _cap(rows, MAX_ROWS)
    heading = b.t(
        "brf.comp", month=briefing.money(due_month, b.lang), ytd=briefing.money(due_ytd, b.lang), year=b.month.year
    )
    return Part(heading, _loc(shown, b.lang), more=more, empty=b.t("empty.no_rows"))


def progress_part(b: briefing.Briefing) -> Part:
    """Outfall and black-odorous progress: the overview's source cards at this month's end and last's."""
    return Part("", briefing.source_progress_rows(b), empty=b.t("empty.no_rows"))


def since_parts(b: briefing.Briefing) -> tuple[str, list[Part]]:
    """What changed since the last meeting (the targets page's "since" tab as at the meeting date): the
    window line and one part per section of the tab, SINCE_ROWS rows each."""
    date = b.as_of
    start, last = meetings.since(date)
    all_targets = b.q("targets_list")
    towns = dict(zip(b.q("towns")["town_id"], b.q("towns")[b.name_col()]))
    if all_targets.empty:
        return "", []
    year = pv.default_year(sorted(int(y) for y in all_targets["year"].unique()), b.month)
    year_targets = all_targets[all_targets["year"] == year]
    mstart, mend = pv.measures_window(year, date)
    measures = b.q("target_measures", year=year, start=mstart, end=mend, town_id=b.town, now=b.today)
    window = (
        b.t("ag.since_meeting", held=start.isoformat(), end=date.isoformat())
        if last is not None
        else b.t("ag.since_week", start=(start + pd.Timedelta(days=1)).isoformat(), end=date.isoformat())
    )
    parts = []
    for name, frame in meetings.since_sections(year_targets, measures, start, date, b.town, towns, b.lang, last):
        heading = b.t(f"tg.since.{name}")
        if frame is None:
            parts.append(Part(heading, pd.DataFrame(), empty=b.t("tg.since.no_month_closed")))
            continue
        shown, more = _cap(frame, SINCE_ROWS)
        parts.append(
            Part(f"{heading} ({len(frame)})", _loc(shown, b.lang), more=more, empty=b.t(f"tg.since.no_{name}"))
        )
    return window, parts


def rows(screen: str, b: briefing.Briefing) -> tuple[str, list[Part]]:
    """(a line under the title, the parts) of a screen other than the overview."""
    line, parts = _screen(screen, b)
    for part in parts:  # dates and codes never wrap
        part.nowrap = [
            *part.nowrap,
            *(i18n.column_label(c, b.lang) for c in DATE_COLUMNS if i18n.column_label(c, b.lang) in part.frame.columns),
        ]
    return line, parts


def _screen(screen: str, b: briefing.Briefing) -> tuple[str, list[Part]]:
    if screen == "since":
        return since_parts(b)
    part = {
        "misses": misses_part,
        "targets": targets_part,
        "tasks": tasks_part,
        "compensation": compensation_part,
        "progress": progress_part,
    }[screen](b)
    return "", [part]
