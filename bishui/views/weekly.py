"""The weekly view of the automatic stations (issue 12 item 5; reference 2.10, the provincial
weekly-report form): pure builders over queries/weekly_auto.sql. No st.*, no queries."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from bishui import i18n

ITEMS = ("ph", "do", "codmn", "nh3n", "tp")
DECIMALS = {"ph": 2, "do": 2, "codmn": 2, "nh3n": 3, "tp": 3}  # as parameters.decimals (shown means)
SILENT_HOURS = 48.0


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def last_complete_week(now: dt.datetime) -> dt.date:
    """The Monday of the last week (Monday-Sunday) that is over at `now`."""
    return monday(now.date()) - dt.timedelta(days=7)


def week_options(now: dt.datetime, weeks_with_data) -> list[dt.date]:
    """The weeks to pick from, newest first: every week with automatic data that has begun by `now`,
    and the last complete week (the default) even when it has none."""
    this_week = monday(now.date())
    weeks = {pd.Timestamp(w).date() for w in weeks_with_data if pd.notna(w)}
    weeks = {w for w in weeks if w <= this_week} | {last_complete_week(now)}
    return sorted(weeks, reverse=True)


def week_label(week: dt.date, now: dt.datetime, lang: str) -> str:
    """'2023-04-24 – 04-30' (and 'not over' for the week still running at `now`)."""
    end = week + dt.timedelta(days=6)
    text = i18n.t("wk.week_label", lang, start=week.isoformat(), end=end.strftime("%m-%d"))
    if week >= monday(now.date()):
        text += i18n.t("wk.week_running", lang)
    return text


def compare(df: pd.DataFrame, week: dt.date) -> pd.DataFrame:
    """One row per station for `week`, with the week before's class beside it. Needs the columns of
    weekly_auto.sql. Adds prev_class and class_change (this week's class minus last week's, in class
    steps: > 0 worse, < 0 better; NA when either week has no class)."""
    weeks = pd.to_datetime(df["week_start"]).dt.date
    this = df[weeks == week].reset_index(drop=True)
    prev = df[weeks == week - dt.timedelta(days=7)].set_index("section_id")["water_class"]
    out = this.copy()
    out["prev_class"] = pd.array(this["section_id"].map(prev), dtype="Int64")
    out["water_class"] = pd.array(this["water_class"], dtype="Int64")
    out["class_change"] = out["water_class"] - out["prev_class"]
    return out


def change_text(steps, lang: str) -> str:
    """'+1 worse' / '−2 better' / 'unchanged' / '—' (no comparison)."""
    if steps is None or pd.isna(steps):
        return "—"
    steps = int(steps)
    if steps == 0:
        return i18n.t("wk.change_same", lang)
    key = "wk.change_worse" if steps > 0 else "wk.change_better"
    return i18n.t(key, lang, n=abs(steps), sign="+" if steps > 0 else "−")


def silent_text(is_silent: bool, last_auto_at, now: dt.datetime, lang: str) -> str:
    """'' for a station that reported recently, else 'silent 3.2 d' (or 'no data' when it never did)."""
    if not is_silent:
        return ""
    if last_auto_at is None or pd.isna(last_auto_at):
        return i18n.t("wk.silent_never", lang)
    hours = (pd.Timestamp(now) - pd.Timestamp(last_auto_at)).total_seconds() / 3600
    return i18n.t("wk.silent_for", lang, days=hours / 24)


def table(cmp: pd.DataFrame, now: dt.datetime, lang: str, class_text) -> pd.DataFrame:
    """The table shown and downloaded (columns named by codes; localise them for display). Needs the
    output of compare(); class_text(k) labels a class (Ⅲ类 / Class Ⅲ / no data)."""
    out = pd.DataFrame({"station": cmp[f"name_{lang}"].tolist(), "wk_days": cmp["n_days"].astype(int).tolist()})
    for code in ITEMS:
        out[f"wk_{code}"] = cmp[f"mean_{code}"].astype("Float64").round(DECIMALS[code]).tolist()
    out["water_class"] = [class_text(k) for k in cmp["water_class"]]
    out["wk_prev_class"] = [class_text(k) for k in cmp["prev_class"]]
    out["wk_change"] = [change_text(s, lang) for s in cmp["class_change"]]
    out["wk_silent"] = [silent_text(bool(s), a, now, lang) for s, a in zip(cmp["is_silent"], cmp["last_auto_at"])]
    return out
