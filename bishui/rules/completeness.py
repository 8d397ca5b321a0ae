"""Completeness as shown: labels, grid marks and hover notes for the statuses of
queries/schema/062_completeness.sql, and the month picker's default (the latest complete month).
Pure functions, no Streamlit; the rule itself is SQL (section_month_completeness)."""

from __future__ import annotations

import datetime as dt
from typing import Iterable

import pandas as pd

from bishui import i18n
from bishui.rules import labels

STATUSES = ("complete", "provisional", "incomplete", "no_data", "no_flow")
NO_FLOW_REASONS = ("dry", "frozen", "other")


def _blank(value) -> bool:
    return value is None or (not isinstance(value, (list, tuple, str)) and pd.isna(value))


def status_label(status: str, lang: str) -> str:
    """'未完（月未结束）' / 'Provisional (month not over)' ..."""
    return i18n.t(f"cmp.status.{status}", lang)


def no_flow_text(reason, lang: str) -> str:
    code = reason if reason in NO_FLOW_REASONS else "other"
    return i18n.t(f"cmp.no_flow.{code}", lang)


def missing_names(missing, names: dict[str, str]) -> str:
    """'codmn;nh3n;tp' -> '高锰酸盐指数、氨氮、总磷' with the parameter names given (code -> name)."""
    if _blank(missing) or missing == "":
        return ""
    codes = missing.split(";") if isinstance(missing, str) else list(missing)
    return "、".join(names.get(c, c) for c in codes if c)


def note(row: dict, lang: str, names: dict[str, str]) -> str:
    """One line on a section-period that is not complete: '未完：自动监测 9 天，缺 总磷' /
    'Provisional: 9 days of automatic data, missing: TP'. '' for a complete period.
    row keys: completeness (status), missing_items, auto_days (optional), no_flow_reason (optional)."""
    status = row.get("completeness")
    if status is None or _blank(status) or status == "complete":
        return ""
    if status == "no_flow":
        return f"{status_label(status, lang)}: {no_flow_text(row.get('no_flow_reason'), lang)}"
    if status == "no_data":
        return status_label(status, lang)
    parts = []
    days = row.get("auto_days")
    if days is not None and not _blank(days) and int(days) > 0:
        parts.append(i18n.t("cmp.note.auto_days", lang, n=int(days)))
    missing = missing_names(row.get("missing_items"), names)
    if missing:
        parts.append(i18n.t("cmp.note.missing", lang, items=missing if lang == "zh" else missing.replace("、", ", ")))
    detail = i18n.t("cmp.note.sep", lang).join(parts)
    return status_label(status, lang) + (f": {detail}" if detail else "")


def cell_text(water_class, status, lang: str, no_flow_reason=None) -> str:
    """A grid cell: the class for a complete period; the class with a mark for a provisional (…) or
    incomplete (?) one, never the bare class; 断流/冰封 (dry/frozen) for no flow; '–' for none."""
    if status == "no_flow":
        return i18n.t(f"cmp.cell.no_flow.{no_flow_reason if no_flow_reason in NO_FLOW_REASONS else 'other'}", lang)
    short = labels.class_short(water_class, lang)
    if not short:
        return "–"
    if status in ("provisional", "incomplete"):
        return short + i18n.t(f"cmp.cell.{status}", lang)
    return short


def month_status(months: pd.DataFrame) -> dict[dt.date, str]:
    """month -> complete | provisional | incomplete from queries/month_completeness.sql."""
    return {pd.Timestamp(m).date(): s for m, s in zip(months["month"], months["status"])}


def default_month(months: Iterable[dt.date], statuses: dict[dt.date, str]) -> dt.date | None:
    """The latest complete month, else the latest month (months newest first)."""
    months = list(months)
    for m in months:
        if statuses.get(pd.Timestamp(m).date()) == "complete":
            return m
    return months[0] if months else None


def month_label(month: dt.date, status: str | None, lang: str) -> str:
    """'2025年12月（未完）' / '2025-12 (provisional)'; a complete month has no suffix."""
    month = pd.Timestamp(month).date()
    base = f"{month.year}年{month.month}月" if lang == "zh" else month.strftime("%Y-%m")
    if status in ("provisional", "incomplete"):
        return base + i18n.t(f"cmp.month_suffix.{status}", lang)
    return base
