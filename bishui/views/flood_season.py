"""Flood-season readiness (plan tasks 5 and 11): the tables of the flood-season page as pure functions
of query results (no Streamlit). Column names are col.* keys of bishui/i18n/eco_flow.py."""

from __future__ import annotations

import pandas as pd

from bishui import i18n

STATUS_COLORS = {"ready": "#1a9850", "late": "#d7191c", "pending": "#f2a600"}


def _num(v) -> str:
    if v is None or pd.isna(v):
        return ""
    return f"{float(v):g}"


def _date(v) -> str:
    return "" if v is None or pd.isna(v) else pd.Timestamp(v).strftime("%Y-%m-%d")


def summary(items: pd.DataFrame) -> dict:
    """Counts of flood_checklist_status.sql rows: items, ready, late, pending."""
    counts = items["status"].value_counts() if not items.empty else pd.Series(dtype=int)
    return {"n": len(items), **{s: int(counts.get(s, 0)) for s in ("ready", "late", "pending")}}


def checklist_table(items: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows of flood_checklist_status.sql as shown: planned vs done per item and township (with units)."""
    cols = [
        "fs_task",
        "fs_item",
        "town",
        "fs_status",
        "fs_done_on",
        "fs_days_late",
        "fs_planned",
        "fs_done",
        "fs_done_pct",
        "fs_owner",
    ]
    if items.empty:
        return pd.DataFrame(columns=cols)
    units = [i18n.t(f"fs.unit.{u}", lang) for u in items["unit"]]
    return pd.DataFrame(
        {
            "fs_task": [i18n.t("fs.task", lang, n=int(n)) for n in items["task_no"]],
            "fs_item": [i18n.t(f"fs.item.{c}", lang) for c in items["item_code"]],
            "town": items[f"town_{lang}"].fillna(items["town_id"]),
            "fs_status": [i18n.t(f"fs.status.{s}", lang) for s in items["status"]],
            "fs_done_on": [_date(v) for v in items["done_on"]],
            "fs_days_late": ["" if pd.isna(v) else str(int(v)) for v in items["days_late"]],
            "fs_planned": [f"{_num(v)} {u}" for v, u in zip(items["planned"], units)],
            "fs_done": [f"{_num(v)} {u}" if _num(v) else "" for v, u in zip(items["done"], units)],
            "fs_done_pct": [f"{float(v):.0f}" for v in items["done_pct"]],
            "fs_owner": items[f"owner_{lang}"].fillna(""),
        },
        columns=cols,
    )


def status_cell_style(lang: str):
    """A Styler.map function colouring a localised readiness status cell."""
    colors = {i18n.t(f"fs.status.{k}", lang): c for k, c in STATUS_COLORS.items()}
    return lambda v: f"background-color: {colors[v]}; color: white; font-weight: 600" if v in colors else ""


def class_cell(water_class, status, is_rebound, is_first_flush, lang: str) -> str:
    """One flood-season month of one section: its class, ↑ when worse than the dry season, the first
    flush named; a month that is not complete says so instead of a class judged."""
    if status != "complete":
        return i18n.t(f"cmp.status.{status}", lang) if i18n.has(f"cmp.status.{status}") else str(status)
    text = i18n.t(f"class.{int(water_class)}", lang) if pd.notna(water_class) else i18n.t("class.none", lang)
    if is_first_flush:
        return text + " ↑ " + i18n.t("fs.first_flush", lang)
    if is_rebound:
        return text + " ↑"
    return text


def rebound_table(rebound: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows of flood_rebound.sql as one row per section: the dry-season class, each flood-season month's
    class (↑ worse than the dry season) and the first-flush month."""
    if rebound.empty:
        return pd.DataFrame(columns=["fs_section", "fs_dry_class", "fs_first_flush_month", "fs_n_rebound"])
    rows = []
    for sid, part in rebound.groupby("section_id", sort=False):
        first = part.iloc[0]
        row = {
            "fs_section": first[f"name_{lang}"],
            "fs_dry_class": (
                i18n.t(f"class.{int(first['dry_class'])}", lang)
                if pd.notna(first["dry_class"])
                else i18n.t("fs.no_dry", lang)
            ),
        }
        for r in part.itertuples():
            row[pd.Timestamp(r.month).strftime("%Y-%m")] = class_cell(
                r.water_class, r.status, r.is_rebound, r.is_first_flush, lang
            )
        flush = part[part["is_first_flush"].astype(bool)]
        row["fs_first_flush_month"] = pd.Timestamp(flush["month"].iloc[0]).strftime("%Y-%m") if len(flush) else ""
        row["fs_n_rebound"] = int(part["is_rebound"].fillna(False).astype(bool).sum())
        rows.append(row)
    out = pd.DataFrame(rows)
    months = sorted(c for c in out.columns if c[:2] == "20")
    return out[["fs_section", "fs_dry_class", *months, "fs_first_flush_month", "fs_n_rebound"]].fillna("")


def first_flush_counts(rebound: pd.DataFrame) -> tuple[int, int]:
    """(sections with a first-flush month, sections) in rows of flood_rebound.sql (columns
    section_id, is_first_flush): the card above the rebound table, counted from the data rather
    than from the table's text."""
    if rebound.empty:
        return 0, 0
    flush = rebound["is_first_flush"].fillna(False).astype(bool)
    return int(rebound.loc[flush, "section_id"].nunique()), int(rebound["section_id"].nunique())
