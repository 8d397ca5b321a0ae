"""Streamlit helpers shared by app.py and the pages: language, shared filters kept in the URL,
the sample banner, downloads, presentation mode. Pages stay layout-only by calling these."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
import threading
import uuid
from pathlib import Path
from types import FrameType
from typing import Any, Callable, Iterable, NoReturn

import pandas as pd
import streamlit as st
from streamlit import runtime

from bishui.rules import bounds, completeness, freshness
from bishui.views import export
from bishui import i18n, safe_text
from bishui.db import store

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


_streamlit_stop = st.stop


def stop_after_sync() -> NoReturn:
    """st.stop() for pages run inside the frame: write the page's URL state first. Once a stop is
    requested Streamlit sends nothing more, so a page that stops early (a cleared selection: 'choose
    at least one parameter') used to leave the old values in the address bar, and a copied link
    brought them back. Installed as st.stop so pages keep calling st.stop()."""
    if getattr(_frame, "active", False):
        sync_url()
    _streamlit_stop()


st.stop = stop_after_sync


log = logging.getLogger("bishui.app")
if not log.handlers and not logging.getLogger().handlers:  # the server's log (its stderr)
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(_handler)
    log.setLevel(logging.INFO)


def page_error() -> None:
    """Called by app.py's frame with an unexpected exception in flight: the traceback goes to the
    server log under a short reference; the user sees a plain message in their language with it
    (no traceback, no paths, nothing sent to a search engine)."""
    ref = uuid.uuid4().hex[:8]
    log.exception("page /%s failed (ref %s)", st.session_state.get("_bishui_page") or "", ref)
    try:
        text = tr("app.page_error", ref=ref)
    except Exception:  # the language itself is broken: the default language still works
        text = i18n.t("app.page_error", i18n.DEFAULT_LANG, ref=ref)
    st.error(text, icon=":material/error:")
    if os.environ.get("BISHUI_TEST"):  # under pytest the exception still reaches the test (not at.exception)
        raise


def _ensure_frame() -> None:
    """Pages must run inside app.py (sidebar, URL state). With a top-level pages/ folder beside app.py,
    Streamlit starts a fresh server in its pages/ directory mode, and a deep link (/sections) as the
    server's first request runs the page file alone; a session that was already running a page file
    alone when another one switched the mode does the same. Then leave that mode (see
    leave_pages_directory_mode). A widget callback, which runs before app.py, needs nothing."""
    if getattr(_frame, "active", False) or not runtime.exists():
        return
    page = _page_file_on_stack()
    if page is not None:
        leave_pages_directory_mode(page)


def leave_pages_directory_mode(page: Path) -> None:
    """Switch the whole app to st.navigation mode and rerun through app.py, which resolves the same
    page (legacy and st.Page hashes both come from the url path, the file's stem). Public API only:
    Streamlit documents that "as soon as any session of your app executes the st.navigation command,
    your app will ignore the pages/ directory (across all sessions)" (docs/architecture.md,
    "Streamlit and the pages/ folder")."""
    # the entry point as the default page (served at /), so that the page keeps its own url path
    entry = page.parent.parent / "app.py"
    st.navigation([st.Page(entry, default=True), st.Page(page, url_path=page.stem)], position="hidden")
    st.rerun()


def _page_file_on_stack() -> Path | None:
    """The pages/*.py file executing as a script on this thread (not via a callback), if any."""
    f: FrameType | None = sys._getframe(1)
    while f is not None:
        code = f.f_code
        if code.co_name == "<module>" and Path(code.co_filename).parent.name == "pages":
            return Path(code.co_filename)
        f = f.f_back
    return None


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
# A URL is typed or pasted by anyone: lists are deduplicated and capped, values are capped in length,
# and everything ignored is reported in one notice per parameter (a 50 KB URL once drew 25,000).
MAX_LIST_VALUES = 200  # values read from one URL list (more than any filter's options in a district)
MAX_VALUE_CHARS = 100  # characters of one URL value (ids, codes, dates are far shorter)
NOTICE_PREVIEW = 3  # ignored values quoted in a notice (each cut to NOTICE_VALUE_CHARS)
NOTICE_VALUE_CHARS = 40
MIN_DATE, MAX_DATE = dt.date(1900, 1, 1), dt.date(2100, 12, 31)  # dates a URL may name
_TRACKED = "_bishui_widget_keys"
_LIST_DEFAULTS = "_bishui_list_defaults"
_URL_IGNORED = "_bishui_url_ignore_page_params"
_URL_WRITTEN = "_bishui_url_written"


def notice(text: str) -> None:
    """A warning about a bad URL value, shown where the value is read (the top of the page). The text
    quotes the URL, so it is shown literally (no markdown: a link in the URL stays text)."""
    st.warning(safe_text.md(text), icon=":material/link_off:")


def _shown(value: str) -> str:
    """A URL value cut for quoting in a notice."""
    return value if len(value) <= NOTICE_VALUE_CHARS else value[:NOTICE_VALUE_CHARS] + "…"


def _notice_ignored(label: str, values: list[str]) -> None:
    """One notice for all the ignored values of one URL parameter."""
    if not values:
        return
    if len(values) == 1:
        notice(tr("url.bad_value", name=label, value=_shown(values[0])))
        return
    preview = ", ".join(f"“{_shown(v)}”" for v in values[:NOTICE_PREVIEW])
    if len(values) > NOTICE_PREVIEW:
        preview += " …"
    notice(tr("url.bad_values", name=label, n=len(values), values=preview))


def fmt(labels: dict) -> Callable[[Any], str]:
    """A widget's format_func from a {code: label} dict made in this run. It always returns a string
    (a stale value that is no longer an option is then dropped by Streamlit instead of crashing)."""
    return lambda v: labels.get(v, str(v))


def track(*keys: str) -> None:
    """Widgets whose state must be re-sent to the browser when the language changes (see relabel)."""
    st.session_state.setdefault(_TRACKED, set()).update(keys)


def relabel() -> None:
    """on_change of the language switch. Widget state holds codes, but the browser holds each
    widget's value as the labels format_func made; with the language switched, those labels are no
    longer among the options, and the next interaction sends them back (a multiselect then raised
    TypeError). Re-assigning each tracked widget's state makes Streamlit send the value again,
    labelled in the new language. Runs before the script: the state still reads with the old labels."""
    for key in st.session_state.get(_TRACKED, ()):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def _month_str(value: dt.date) -> str:
    return value.strftime("%Y-%m")


def parse_month(text: str | None) -> dt.date | None:
    if not text or len(text) > MAX_VALUE_CHARS:
        return None
    try:
        return dt.datetime.strptime(text.strip(), "%Y-%m").date()
    except ValueError:
        return None


def parse_date(text: str | None) -> dt.date | None:
    """'YYYY-MM-DD' from a URL; None when malformed or outside MIN_DATE..MAX_DATE (date arithmetic
    near year 1 or 9999 overflows)."""
    if not text or len(text) > MAX_VALUE_CHARS:
        return None
    try:
        value = dt.date.fromisoformat(text.strip())
    except ValueError:
        return None
    return value if MIN_DATE <= value <= MAX_DATE else None


def parse_date_range(text: str) -> tuple[dt.date, dt.date] | None:
    """'YYYY-MM-DD,YYYY-MM-DD' from a URL into (start, end); None when malformed, out of range or reversed."""
    parts = (text or "").split(",")
    if len(parts) != 2:
        return None
    a, b = (parse_date(x) for x in parts)
    return (a, b) if a and b and a <= b else None


def nearest_month(value: dt.date, months: list[dt.date]) -> dt.date:
    """The month with data closest to value (the later one on a tie)."""
    index = lambda m: m.year * 12 + m.month  # noqa: E731
    return min(months, key=lambda m: (abs(index(m) - index(value)), -index(m)))


def init_shared_state(months: list[dt.date], town_ids: list[str], default: dt.date | None = None) -> None:
    """On a session's first run, take language, month, township and presentation mode from the URL,
    falling back (with a notice) on values that are malformed or unknown. The month defaults to
    `default` (the latest complete month, bishui.rules.completeness.default_month), else the newest."""
    track(MONTH_KEY, TOWN_KEY)
    if default is None or _month_str(default) not in [_month_str(m) for m in months]:
        default = months[0] if months else None
    if st.session_state.get("_bishui_url_loaded"):
        if st.session_state.get(MONTH_KEY) not in [_month_str(m) for m in months] and default is not None:
            st.session_state[MONTH_KEY] = _month_str(default)  # the warehouse changed under us
        return
    qp = st.query_params
    raw_lang = qp.get(LANG_KEY)
    st.session_state[LANG_KEY] = raw_lang if raw_lang in i18n.LANGS else i18n.DEFAULT_LANG
    if raw_lang and raw_lang not in i18n.LANGS:
        notice(i18n.t("url.bad_lang", i18n.DEFAULT_LANG, value=_shown(raw_lang)))
    month_options = [_month_str(m) for m in months]
    default_month = _month_str(default) if default is not None else ""
    raw_month = qp.get(MONTH_KEY)
    parsed = parse_month(raw_month)
    if raw_month and parsed is None:
        notice(tr("url.bad_month", value=_shown(raw_month), fallback=default_month))
        st.session_state[MONTH_KEY] = default_month
    elif parsed and _month_str(parsed) not in month_options:
        fallback = _month_str(nearest_month(parsed, months)) if months else default_month
        notice(tr("url.no_data_month", value=_month_str(parsed), fallback=fallback))
        st.session_state[MONTH_KEY] = fallback
    else:
        st.session_state[MONTH_KEY] = _month_str(parsed) if parsed else default_month
    raw_town = qp.get(TOWN_KEY)
    if raw_town and raw_town != ALL_TOWNS and raw_town not in town_ids:
        notice(tr("url.bad_town", value=_shown(raw_town)))
        raw_town = None
    st.session_state[TOWN_KEY] = raw_town or ALL_TOWNS
    st.session_state[PRESENT_KEY] = qp.get(PRESENT_KEY) == "1"
    st.session_state["_bishui_url_loaded"] = True


def begin_page_params(page: str | None = None) -> None:
    """At the start of a run, before the page. A click in the navigation carries the previous page's
    query string to the next page: when the query string is exactly the one this session last wrote
    for another page, the page's own URL parameters are ignored (only the shared ones apply)."""
    written = st.session_state.get(_URL_WRITTEN)
    st.session_state[_URL_IGNORED] = bool(
        written and page is not None and written[0] != page and written[1] == st.query_params.to_dict()
    )
    st.session_state[_PAGE_PARAMS] = {}
    st.session_state["_bishui_page"] = page


def _url_param(name: str) -> str | None:
    """The page's URL parameter `name` (None when absent or carried over from another page)."""
    if st.session_state.get(_URL_IGNORED) or name not in st.query_params:
        return None
    return st.query_params.get(name)


def url_choice(name: str, choices: Iterable[str]) -> str | None:
    """URL parameter `name` when it is one of choices, else None: read on the page's first run in the
    session and kept for the session, so what it opened (a tab) stays put while the page reruns."""
    key = f"_bishui_url_choice_{st.session_state.get('_bishui_page')}_{name}"
    if key not in st.session_state:
        raw = _url_param(name)
        st.session_state[key] = raw if raw in set(choices) else None
    return st.session_state[key]


def url_list(name: str, key: str, options: Iterable[str], default: list[str], label: str) -> None:
    """Seed a multiselect's state (session key `key`) from URL parameter `name` (comma-separated) on
    the widget's first appearance. Values are deduplicated and at most MAX_LIST_VALUES are read;
    unknown, overlong and surplus values are dropped with one notice. An empty value (`name=`) is an
    empty selection (what a cleared widget writes); when nothing valid is left, the default applies."""
    track(key)
    st.session_state.setdefault(_LIST_DEFAULTS, {})[name] = bool(list(default))
    if key in st.session_state:
        return
    raw = _url_param(name)
    if raw is None:
        st.session_state[key] = list(default)
        return
    if raw == "":
        st.session_state[key] = []
        return
    allowed = set(options)
    wanted = list(dict.fromkeys(v for v in raw.split(",") if v))
    good = [v for v in wanted[:MAX_LIST_VALUES] if v in allowed]
    _notice_ignored(label, [v for v in wanted if v not in good])
    st.session_state[key] = good or list(default)


def url_value(name: str, key: str, parse: Callable[[str], Any], default: Any, label: str) -> None:
    """Seed a single widget's state from URL parameter `name` with parse(text) (None = invalid)."""
    track(key)
    if key in st.session_state:
        return
    raw = _url_param(name)
    value = None
    if raw and len(raw) <= MAX_VALUE_CHARS:
        try:
            value = parse(raw)
        except (ValueError, TypeError, OverflowError):
            value = None
    if raw and value is None:
        _notice_ignored(label, [raw])
    st.session_state[key] = default if value is None else value


def set_page_param(name: str, value: Any) -> None:
    """Record a page filter so sync_url writes it into the address bar. A list emptied by the user
    is written as `name=` when the list's default is not empty, so a copied link keeps it empty."""
    params = st.session_state.setdefault(_PAGE_PARAMS, {})
    if isinstance(value, (list, tuple)):
        value = ",".join(str(v) for v in value)
        if not value and not st.session_state.get(_LIST_DEFAULTS, {}).get(name):
            params.pop(name, None)  # empty is the default: nothing to write
            return
    elif isinstance(value, dt.date):
        value = value.isoformat()
    elif isinstance(value, bool):
        value = "1" if value else "0"
    params[name] = str(value)


# ---- URL-synced widgets: one call per widget (seed from the URL, draw, write back) ------------
# Each seeds the widget's state from URL parameter `name` on its first appearance (url_list /
# url_value: invalid values are dropped with one notice), draws the widget with codes as values and
# labels from format_func=fmt(labels), registers it for relabelling (track) and records its value for
# the address bar (set_page_param). `where` is st or a container (a column, the sidebar); url_label
# names the parameter in the notice about an ignored URL value (default: the widget's label).


def _by_text(options: Iterable[Any]) -> dict[str, Any]:
    return {str(o): o for o in options}


def _option_parser(options: list[Any]) -> Callable[[str], Any]:
    """Parse a URL value into one of options: by its text, or for whole-number options (years) any
    string of digits naming one."""
    by_text = _by_text(options)
    numbers = {o for o in options if isinstance(o, int) and not isinstance(o, bool)}

    def parse(text: str) -> Any:
        if text in by_text:
            return by_text[text]
        if numbers and text.isdigit() and int(text) in numbers:
            return int(text)
        return None

    return parse


def url_multiselect(
    where: Any,
    label: str,
    name: str,
    key: str,
    options: Iterable[Any],
    labels: dict,
    default: list,
    url_label: str | None = None,
    url_options: Iterable[Any] | None = None,
    **kwargs: Any,
) -> list:
    """A multiselect of codes synced with URL parameter `name` (comma-separated). With url_options, the
    URL may name any of those while the widget offers only options (narrowed by another filter): values
    it no longer offers are dropped from the selection before it is drawn."""
    options = list(options)
    url_list(name, key, options if url_options is None else list(url_options), default, url_label or label)
    if url_options is not None:
        offered = set(options)
        st.session_state[key] = [v for v in st.session_state[key] if v in offered]
    chosen = where.multiselect(label, options, key=key, format_func=fmt(labels), **kwargs)
    set_page_param(name, chosen)
    return chosen


def url_selectbox(
    where: Any,
    label: str,
    name: str,
    key: str,
    options: Iterable[Any] | Callable[[Any], Iterable[Any]],
    labels: dict,
    default: Any,
    url_label: str | None = None,
    parse: Callable[[str], Any] | None = None,
    **kwargs: Any,
) -> Any:
    """A selectbox of codes synced with URL parameter `name`. A value no longer among the options (they
    changed with another filter) falls back to the default, or to the first option when the default
    is not one. parse(text) (None = invalid) reads the URL instead of matching the options' text; with
    it, options may be a function of the value asked for (a picker that always offers the one asked)."""
    if callable(options):
        if parse is None:
            raise TypeError("url_selectbox: options given as a function need parse")
        url_value(name, key, parse, default, url_label or label)
        options = list(options(st.session_state.get(key)))
    else:
        options = list(options)
        url_value(name, key, parse or _option_parser(options), default, url_label or label)
    if options and st.session_state.get(key) not in options:
        st.session_state[key] = default if default in options else options[0]
    value = where.selectbox(label, options, key=key, format_func=fmt(labels), **kwargs)
    set_page_param(name, value)
    return value


def url_radio(
    where: Any,
    label: str,
    name: str,
    key: str,
    options: Iterable[Any],
    labels: dict,
    default: Any,
    segmented: bool = False,
    url_label: str | None = None,
    **kwargs: Any,
) -> Any:
    """A radio (horizontal unless told), or a segmented control with segmented=True, synced with
    URL parameter `name`."""
    by_text = _by_text(options)
    url_value(name, key, by_text.get, default, url_label or label)
    if segmented:
        value = where.segmented_control(label, list(by_text.values()), key=key, format_func=fmt(labels), **kwargs)
    else:
        value = where.radio(
            label, list(by_text.values()), key=key, format_func=fmt(labels), **{"horizontal": True, **kwargs}
        )
    set_page_param(name, value)
    return value


def url_flag(
    where: Any,
    label: str,
    name: str,
    key: str,
    default: bool = False,
    toggle: bool = False,
    url_label: str | None = None,
    **kwargs: Any,
) -> bool:
    """A checkbox (or a toggle) synced with URL parameter `name` (1 / 0)."""
    url_value(name, key, {"1": True, "0": False}.get, default, url_label or label)
    value = (where.toggle if toggle else where.checkbox)(label, key=key, **kwargs)
    set_page_param(name, value)
    return value


def url_number(
    where: Any,
    label: str,
    name: str,
    key: str,
    default: int,
    min_value: int,
    max_value: int,
    url_label: str | None = None,
    **kwargs: Any,
) -> int:
    """A whole-number input (min_value..max_value) synced with URL parameter `name`."""

    def parse(text: str) -> int | None:
        return int(text) if text.isdigit() and min_value <= int(text) <= max_value else None

    url_value(name, key, parse, default, url_label or label)
    value = int(where.number_input(label, min_value=min_value, max_value=max_value, key=key, **kwargs))
    set_page_param(name, value)
    return value


def url_date(
    where: Any, label: str, name: str, key: str, default: dt.date, url_label: str | None = None, **kwargs: Any
) -> dt.date | None:
    """A date input synced with URL parameter `name` (YYYY-MM-DD)."""
    url_value(name, key, parse_date, default, url_label or label)
    value = where.date_input(label, key=key, **kwargs)
    set_page_param(name, value)
    return value


def url_date_range(
    where: Any,
    label: str,
    name: str,
    key: str,
    default: tuple[dt.date, dt.date],
    url_label: str | None = None,
    within: tuple[Any, Any] | None = None,
    **kwargs: Any,
) -> tuple[dt.date, dt.date] | None:
    """A date-range input synced with URL parameter `name` (YYYY-MM-DD,YYYY-MM-DD); None while only
    one end is picked (the address keeps the last whole range). With within=(first, last), a range
    reaching beyond it is narrowed to it before the widget is drawn (range_was_narrowed(key) says so)."""
    url_value(name, key, parse_date_range, default, url_label or label)
    asked = st.session_state.get(key)
    narrowed = None
    if within is not None and isinstance(asked, (tuple, list)) and len(asked) == 2:
        narrowed = bounds.clamp_range(asked[0], asked[1], within[0], within[1])
        if narrowed:
            st.session_state[key] = narrowed
    st.session_state[f"_narrowed_{key}"] = bool(narrowed)
    picked = where.date_input(label, key=key, **kwargs)
    if isinstance(picked, (tuple, list)) and len(picked) == 2:
        set_page_param(name, f"{picked[0].isoformat()},{picked[1].isoformat()}")
        return picked[0], picked[1]
    return None


def url_state(name: str, key: str, choices: Iterable[Any], default: Any, label: str) -> Any:
    """A value with no widget of its own (moved by buttons, e.g. the agenda's screen) kept in session
    key `key` and synced with URL parameter `name`: seeded from the URL on first appearance (an
    invalid value dropped with one notice), a value no longer among choices falls back to default,
    recorded for the address bar. Returns the value."""
    options = list(choices)
    url_value(name, key, _option_parser(options), default, label)
    if st.session_state.get(key) not in options:
        st.session_state[key] = default
    set_page_param(name, st.session_state[key])
    return st.session_state[key]


def range_was_narrowed(key: str) -> bool:
    """True when url_date_range narrowed the range of widget `key` to its data in this run."""
    return bool(st.session_state.get(f"_narrowed_{key}"))


def sync_url() -> None:
    """Write the shared filters and the current page's filters into the URL (only when changed).
    The browser then replaces the address rather than adding a history entry (see history_script)."""
    desired = {
        MONTH_KEY: st.session_state.get(MONTH_KEY, ""),
        TOWN_KEY: st.session_state.get(TOWN_KEY, ALL_TOWNS),
        LANG_KEY: lang(),
    }
    if st.session_state.get(PRESENT_KEY):
        desired[PRESENT_KEY] = "1"
    desired = {k: v for k, v in desired.items() if v not in ("", None)}
    desired.update(st.session_state.get(_PAGE_PARAMS, {}))
    current = st.query_params.to_dict()
    if current != desired:
        st.query_params.from_dict(desired)
    st.session_state[_URL_WRITTEN] = (st.session_state.get("_bishui_page"), desired)


# Streamlit's browser side pushes a history entry for every change of the query string, and another
# when the page changes: two Back presses per page visit, and one more per filter change. This script,
# installed once per browser tab, turns a push that keeps the path (only the query string changes)
# into a replace: one history entry per page visit, whose address is the page's latest state.
_HISTORY_JS = """<script>
(function () {
  var h = window.history;
  if (h.__bishuiOneEntryPerPage) { return; }
  var push = h.pushState.bind(h);
  h.pushState = function (state, title, url) {
    try {
      if (url != null && new URL(url, window.location.href).pathname === window.location.pathname) {
        return h.replaceState(state, title, url);
      }
    } catch (e) { /* fall through to a normal push */ }
    return push(state, title, url);
  };
  h.__bishuiOneEntryPerPage = true;
})();
</script>"""


def history_script() -> None:
    """Install _HISTORY_JS (a fixed script, no data in it) in a hidden container of the sidebar."""
    st.html("<style>.st-key-bishui_history {display: none !important;}</style>")
    with st.sidebar.container(key="bishui_history"):
        st.html(_HISTORY_JS, unsafe_allow_javascript=True)


# ---- shared filters -------------------------------------------------------------------------
def now_at() -> dt.datetime:
    """The app's now as a moment (bishui.db.store.app_now: BISHUI_TODAY, else the warehouse's recorded
    as-of moment, else the real clock)."""
    return store.app_now()


def now() -> dt.date:
    """The $now of every completeness-aware query (the date of now_at: a month is over from the
    first day of the next, so the date decides it; a date keeps the query cache warm all day)."""
    return now_at().date()


def month() -> dt.date | None:
    return parse_month(st.session_state.get(MONTH_KEY))


_MONTH_STATUS = "_bishui_month_status"


def remember_month_status(statuses: dict[dt.date, str]) -> None:
    """The frame's month -> complete | provisional | incomplete (queries/month_completeness.sql)."""
    st.session_state[_MONTH_STATUS] = statuses


def month_status(value: dt.date | None = None) -> str | None:
    """The chosen (or given) month's completeness for the district, None when unknown."""
    value = value or month()
    return st.session_state.get(_MONTH_STATUS, {}).get(value) if value else None


def month_label(value: dt.date | None = None) -> str:
    """'2025年12月（未完）' / '2025-12 (provisional)' for the chosen (or given) month."""
    value = value or month()
    return completeness.month_label(value, month_status(value), lang()) if value else ""


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
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {font-size: 1.8rem !important; white-space: normal !important; overflow: visible !important;}
[data-testid="stMetricLabel"] p {font-size: 1.05rem !important;}
h1 {font-size: 2.0rem !important; padding: 0 !important;}
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {white-space: normal !important; overflow: visible !important; text-overflow: clip !important;}
[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] * {white-space: normal !important; overflow: visible !important;}
table.bishui-table {width: 100%; border-collapse: collapse; font-size: 20px; line-height: 1.3;}
table.bishui-table th, table.bishui-table td {font-size: 20px; text-align: left; vertical-align: top; padding: 6px 8px;
  border-bottom: 1px solid #ddd; white-space: normal; overflow-wrap: break-word;}
table.bishui-table th {font-weight: 600; background: #f4f4f4;}
table.bishui-table td.nowrap {white-space: nowrap;}
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


def warehouse_as_of_caption() -> None:
    """The sidebar's as-of lines (issue 12 item 6): the moment the warehouse records when it stands for
    now (the sample's as_of, BISHUI_TODAY unset), the latest reading taken anywhere, and the last
    import time when one is recorded (queries/warehouse_as_of.sql)."""
    try:
        row = store.query("warehouse_as_of").iloc[0].to_dict()
    except Exception:  # a warehouse too old for the query: the sidebar just leaves the line out
        return
    recorded = store.recorded_as_of()
    if recorded is not None and now_at() == recorded:  # the data set's moment stands for now
        st.caption(":material/event: " + freshness.moment_line(recorded, lang()))
    text = freshness.warehouse_line(row, lang())
    if text:
        st.caption(":material/schedule: " + text)


def download_title(*name_parts) -> str:
    """The title row of an Excel download: what it is and its filters (the file name's parts), and the
    data's as-of date."""
    filters = " · ".join(
        str(p.strftime("%Y-%m-%d") if isinstance(p, (dt.date, dt.datetime)) else p)
        for p in name_parts
        if p not in (None, "")
    )
    return tr("download.title", filters=filters, as_of=data_as_of())


def download_buttons(
    df: pd.DataFrame, *name_parts, key: str, geojson: bytes | Callable[[], bytes] | None = None
) -> None:
    """CSV (UTF-8 with BOM) and .xlsx downloads of exactly the given frame; GeoJSON if given (bytes,
    or better a function making them: it then runs only when the button is clicked)."""
    # The bytes are made only when a button is clicked (deferred callables), and a click does not
    # rerun the page: a rerun after a filter change never pays for building workbooks.
    frame = df.copy()
    title = download_title(*name_parts)
    cols = st.columns(3 if geojson is not None else 2)
    cols[0].download_button(
        tr("download.csv"),
        data=lambda: export.csv_bytes(frame),
        file_name=export.file_name(*name_parts, ext="csv"),
        mime="text/csv",
        key=f"{key}_csv",
        width="stretch",
        on_click="ignore",
    )
    if len(frame) <= export.XLSX_MAX_ROWS:
        cols[1].download_button(
            tr("download.xlsx"),
            data=lambda: export.xlsx_bytes(frame, title=title),
            file_name=export.file_name(*name_parts, ext="xlsx"),
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"{key}_xlsx",
            width="stretch",
            on_click="ignore",
        )
    if geojson is not None:
        cols[2].download_button(
            tr("download.geojson"),
            data=geojson,
            file_name=export.file_name(*name_parts, ext="geojson"),
            mime="application/geo+json",
            key=f"{key}_geojson",
            width="stretch",
            on_click="ignore",
        )


def class_text(value) -> str:
    """'Ⅳ类' / 'Class Ⅳ' for a class number, 'No data' for a missing one."""
    if value is None or pd.isna(value):
        return tr("class.none")
    return tr(f"class.{int(value)}")
