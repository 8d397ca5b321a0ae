"""Streamlit helpers shared by app.py and the pages: language, shared filters kept in the URL,
the sample banner, downloads, presentation mode. Pages stay layout-only by calling these."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any, Callable, Iterable

import pandas as pd
import streamlit as st

from bishui import export, i18n, store

LANG_KEY, MONTH_KEY, TOWN_KEY, PRESENT_KEY = "lang", "month", "town", "present"
ALL_TOWNS = "all"
_NOTICES = "_bishui_notices"
_PAGE_PARAMS = "_bishui_page_params"


# ---- the frame ------------------------------------------------------------------------------
_frame = threading.local()


def frame_begin() -> None:
    """Called by app.py at the start of every run: the page about to run is inside the frame."""
    _frame.active = True


def frame_end() -> None:
    _frame.active = False


def _ensure_frame() -> None:
    """Pages must run inside app.py (sidebar, URL state). Streamlit also registers pages/ as legacy
    pages, and on the first run of a fresh server a deep link (/sections) runs the page file alone.
    Then switch Streamlit to st.navigation mode and rerun: the rerun goes through app.py and resolves
    the same page (legacy and st.Page hashes both come from the url path, the file's stem)."""
    if getattr(_frame, "active", False):
        return
    from streamlit import runtime
    from streamlit.runtime.pages_manager import PagesManager

    if not runtime.exists() or not PagesManager.uses_pages_directory:
        return  # st.navigation mode already (e.g. a widget callback, which runs before app.py)
    PagesManager.uses_pages_directory = False
    st.rerun()


# ---- language -------------------------------------------------------------------------------
def lang() -> str:
    _ensure_frame()
    value = st.session_state.get(LANG_KEY, i18n.DEFAULT_LANG)
    return value if value in i18n.LANGS else i18n.DEFAULT_LANG


def tr(key: str, **fmt) -> str:
    return i18n.t(key, lang(), **fmt)


def name_col() -> str:
    """'name_zh' or 'name_en' for the current language."""
    return f"name_{lang()}"


def pick(row, base: str) -> str:
    """row[base_zh] or row[base_en] for the current language (e.g. base='river')."""
    key = f"{base}_{lang()}"
    return getattr(row, key) if hasattr(row, key) else row[key]


# ---- URL state ------------------------------------------------------------------------------
def notice(text: str) -> None:
    """A warning about a bad URL value, shown where the value is read (the top of the page)."""
    st.warning(text, icon=":material/link_off:")


def _month_str(value: dt.date) -> str:
    return value.strftime("%Y-%m")


def parse_month(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.datetime.strptime(text.strip(), "%Y-%m").date()
    except ValueError:
        return None


def parse_date_range(text: str) -> tuple[dt.date, dt.date] | None:
    """'YYYY-MM-DD,YYYY-MM-DD' from a URL into (start, end); None when malformed or reversed."""
    try:
        a, b = (dt.date.fromisoformat(x) for x in text.split(","))
    except ValueError:
        return None
    return (a, b) if a <= b else None


def init_shared_state(months: list[dt.date], town_ids: list[str]) -> None:
    """On a session's first run, take language, month, township and presentation mode from the URL,
    falling back (with a notice) on values that are malformed or unknown."""
    if st.session_state.get("_bishui_url_loaded"):
        if st.session_state.get(MONTH_KEY) not in [_month_str(m) for m in months] and months:
            st.session_state[MONTH_KEY] = _month_str(months[0])  # the warehouse changed under us
        return
    qp = st.query_params
    raw_lang = qp.get(LANG_KEY)
    st.session_state[LANG_KEY] = raw_lang if raw_lang in i18n.LANGS else i18n.DEFAULT_LANG
    if raw_lang and raw_lang not in i18n.LANGS:
        notice(i18n.t("url.bad_lang", i18n.DEFAULT_LANG, value=raw_lang))
    month_options = [_month_str(m) for m in months]
    default_month = month_options[0] if month_options else ""
    raw_month = qp.get(MONTH_KEY)
    parsed = parse_month(raw_month)
    if raw_month and (parsed is None or _month_str(parsed) not in month_options):
        notice(tr("url.bad_month", value=raw_month, fallback=default_month))
        st.session_state[MONTH_KEY] = default_month
    else:
        st.session_state[MONTH_KEY] = _month_str(parsed) if parsed else default_month
    raw_town = qp.get(TOWN_KEY)
    if raw_town and raw_town != ALL_TOWNS and raw_town not in town_ids:
        notice(tr("url.bad_town", value=raw_town))
        raw_town = None
    st.session_state[TOWN_KEY] = raw_town or ALL_TOWNS
    st.session_state[PRESENT_KEY] = qp.get(PRESENT_KEY) == "1"
    st.session_state["_bishui_url_loaded"] = True


def begin_page_params() -> None:
    st.session_state[_PAGE_PARAMS] = {}


def url_list(name: str, key: str, options: Iterable[str], default: list[str], label: str) -> None:
    """Seed a multiselect's state (session key `key`) from URL parameter `name` (comma-separated) on
    the widget's first appearance; unknown values are dropped with a notice."""
    if key in st.session_state:
        return
    options = list(options)
    raw = st.query_params.get(name)
    if raw:
        wanted = [v for v in raw.split(",") if v]
        bad = [v for v in wanted if v not in options]
        for v in bad:
            notice(tr("url.bad_value", name=label, value=v))
        good = [v for v in wanted if v in options]
        st.session_state[key] = good or list(default)
    else:
        st.session_state[key] = list(default)


def url_value(name: str, key: str, parse: Callable[[str], Any], default: Any, label: str) -> None:
    """Seed a single widget's state from URL parameter `name` with parse(text) (None = invalid)."""
    if key in st.session_state:
        return
    raw = st.query_params.get(name)
    value = parse(raw) if raw else None
    if raw and value is None:
        notice(tr("url.bad_value", name=label, value=raw))
    st.session_state[key] = default if value is None else value


def set_page_param(name: str, value: Any) -> None:
    """Record a page filter so sync_url writes it into the address bar."""
    if isinstance(value, (list, tuple)):
        value = ",".join(str(v) for v in value)
    elif isinstance(value, dt.date):
        value = value.isoformat()
    elif isinstance(value, bool):
        value = "1" if value else "0"
    st.session_state.setdefault(_PAGE_PARAMS, {})[name] = str(value)


def sync_url() -> None:
    """Write the shared filters and the current page's filters into the URL (only when changed)."""
    desired = {
        MONTH_KEY: st.session_state.get(MONTH_KEY, ""),
        TOWN_KEY: st.session_state.get(TOWN_KEY, ALL_TOWNS),
        LANG_KEY: lang(),
    }
    if st.session_state.get(PRESENT_KEY):
        desired[PRESENT_KEY] = "1"
    desired.update(st.session_state.get(_PAGE_PARAMS, {}))
    desired = {k: v for k, v in desired.items() if v not in ("", None)}
    current = st.query_params.to_dict()
    if current != desired:
        st.query_params.from_dict(desired)


# ---- shared filters -------------------------------------------------------------------------
def month() -> dt.date | None:
    return parse_month(st.session_state.get(MONTH_KEY))


def town_id() -> str | None:
    value = st.session_state.get(TOWN_KEY, ALL_TOWNS)
    return None if value == ALL_TOWNS else value


def presenting() -> bool:
    return bool(st.session_state.get(PRESENT_KEY))


# ---- presentation ---------------------------------------------------------------------------
_PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"] {display: none !important;}
.block-container, [data-testid="stMainBlockContainer"] {padding-top: 0.6rem !important; padding-bottom: 0 !important; max-width: 100% !important;}
[data-testid="stBottom"], [data-testid="stBottomBlockContainer"] {display: none !important;}
html, body, [data-testid="stAppViewContainer"] {font-size: 20px;}
[data-testid="stMetricValue"] {font-size: 2.6rem !important;}
[data-testid="stMetricLabel"] p {font-size: 1.15rem !important;}
h1 {font-size: 2.0rem !important; padding: 0 !important;}
</style>
"""


def apply_presentation_css() -> None:
    if presenting():
        st.html(_PRESENT_CSS)


# ---- banner, downloads ----------------------------------------------------------------------
def sample_banner() -> None:
    if store.is_sample():
        st.caption(":material/science: " + tr("app.sample_banner"))


def localise_columns(df: pd.DataFrame) -> pd.DataFrame:
    """The frame with its column headers in the current language (what is shown is what downloads)."""
    return df.rename(columns={c: i18n.column_label(c, lang()) for c in df.columns})


def data_as_of() -> str:
    """When the warehouse's data last changed (last import, else its build), as YYYY-MM-DD HH:MM."""
    try:
        df = store.query("warehouse_meta")
    except Exception:  # no warehouse to ask: the title just leaves the date out
        return ""
    meta = dict(zip(df["key"], df["value"]))
    when = meta.get("last_import_at") or meta.get("built_at") or ""
    return when.replace("T", " ")[:16]


def download_title(*name_parts) -> str:
    """The title row of an Excel download: what it is and its filters (the file name's parts), and the
    data's as-of date."""
    filters = " · ".join(str(p.strftime("%Y-%m-%d") if isinstance(p, (dt.date, dt.datetime)) else p)
                         for p in name_parts if p not in (None, ""))
    return tr("download.title", filters=filters, as_of=data_as_of())


def download_buttons(df: pd.DataFrame, *name_parts, key: str,
                     geojson: bytes | Callable[[], bytes] | None = None) -> None:
    """CSV (UTF-8 with BOM) and .xlsx downloads of exactly the given frame; GeoJSON if given (bytes,
    or better a function making them: it then runs only when the button is clicked)."""
    # The bytes are made only when a button is clicked (deferred callables), and a click does not
    # rerun the page: a rerun after a filter change never pays for building workbooks.
    frame = df.copy()
    title = download_title(*name_parts)
    cols = st.columns(3 if geojson is not None else 2)
    cols[0].download_button(
        tr("download.csv"), data=lambda: export.csv_bytes(frame), file_name=export.file_name(*name_parts, ext="csv"),
        mime="text/csv", key=f"{key}_csv", width="stretch", on_click="ignore",
    )
    if len(frame) <= export.XLSX_MAX_ROWS:
        cols[1].download_button(
            tr("download.xlsx"), data=lambda: export.xlsx_bytes(frame, title=title),
            file_name=export.file_name(*name_parts, ext="xlsx"),
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"{key}_xlsx",
            width="stretch", on_click="ignore",
        )
    if geojson is not None:
        cols[2].download_button(
            tr("download.geojson"), data=geojson, file_name=export.file_name(*name_parts, ext="geojson"),
            mime="application/geo+json", key=f"{key}_geojson", width="stretch", on_click="ignore",
        )


def class_text(value) -> str:
    """'Ⅳ类' / 'Class Ⅳ' for a class number, 'No data' for a missing one."""
    if value is None or pd.isna(value):
        return tr("class.none")
    return tr(f"class.{int(value)}")
