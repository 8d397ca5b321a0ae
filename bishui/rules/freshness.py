"""When data were taken ("data as of", issue 12 item 6): pure formatting of the latest automatic and
manual data per section (queries/section_data_as_of.sql) and of the warehouse's as-of moment
(queries/warehouse_as_of.sql). No st.*, no queries."""

from __future__ import annotations

import pandas as pd

from bishui import i18n


def at_text(value) -> str | None:
    """A timestamp as YYYY-MM-DD HH:MM, None when missing."""
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).strftime("%Y-%m-%d %H:%M")


def on_text(value) -> str | None:
    """A date as YYYY-MM-DD, None when missing."""
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def section_line(name: str, last_auto_at, last_manual_on, has_auto_station: bool, lang: str) -> str:
    """'<name>: automatic 2023-04-26 08:00 · manual 2023-04-20' (name as given: escape it for
    markdown before calling). A section without an automatic station says so instead of 'none'."""
    none = i18n.t("asof.none", lang)
    auto = at_text(last_auto_at) or (none if has_auto_station else i18n.t("asof.no_station", lang))
    return i18n.t("asof.section", lang, name=name, auto=auto, manual=on_text(last_manual_on) or none)


def as_of_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The per-section table shown and downloaded. Needs section_id, name_zh, name_en,
    has_auto_station, last_auto_at, last_manual_on. Columns: section, last_auto_at, last_manual_on
    (text; automatic data of a section without a station read as 'no automatic station')."""
    none, no_station = i18n.t("asof.none", lang), i18n.t("asof.no_station", lang)
    return pd.DataFrame(
        {
            "section": df[f"name_{lang}"].tolist(),
            "last_auto_at": [
                at_text(a) or (none if s else no_station) for a, s in zip(df["last_auto_at"], df["has_auto_station"])
            ],
            "last_manual_on": [on_text(m) or none for m in df["last_manual_on"]],
        }
    )


def revision_line(name: str, param: str, sampled_on, old, reported_at, new, revised_at, lang: str) -> str:
    """One revised value (queries/reading_revisions.sql): the superseded value and when it arrived, the
    value now used and when it replaced it (name and param as given: escape them for markdown)."""

    def num(v) -> str:
        return i18n.t("asof.none", lang) if v is None or pd.isna(v) else f"{float(v):g}"

    return i18n.t(
        "asof.revision",
        lang,
        name=name,
        param=param,
        on=on_text(sampled_on),
        old=num(old),
        reported=on_text(reported_at) or i18n.t("asof.none", lang),
        new=num(new),
        revised=on_text(revised_at) or i18n.t("asof.none", lang),
    )


def moment_line(moment, lang: str) -> str:
    """The sidebar's line for a warehouse whose recorded as-of moment is the app's now (the sample:
    bishui.db.store.app_now), '' for none."""
    at = at_text(moment)
    return i18n.t("asof.moment", lang, at=at) if at else ""


def warehouse_line(row: dict, lang: str) -> str:
    """The sidebar's as-of line: the latest automatic reading (timestamp) and the latest manual sample
    (date) taken anywhere, and the last import time when one is recorded ('' without any reading)."""
    auto, manual = at_text(row.get("last_auto_at")), on_text(row.get("last_manual_on"))
    if auto is None and manual is None:
        return ""
    none = i18n.t("asof.none", lang)
    text = i18n.t("asof.sidebar", lang, auto=auto or none, manual=manual or none)
    imported = at_text(row.get("last_import_at"))
    if imported:
        text += i18n.t("asof.sidebar_import", lang, imported=imported)
    return text
