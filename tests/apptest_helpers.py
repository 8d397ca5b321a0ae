"""Helpers for AppTest runs of the whole app (app.py with st.navigation)."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))


def unescape_md(text: str) -> str:
    """Markdown text as a reader sees it: CommonMark backslash escapes (bishui.safe_text.md) resolved."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def app(query: dict[str, str] | None = None, page: str | None = None) -> AppTest:
    """Run app.py (optionally with URL query parameters, optionally opened at a page).

    A page is opened at its own address (a deep link, as a browser does; each page's url_path is its
    file's stem, so AppTest finds it before the first run): one script run, not the overview's first."""
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    if page:
        at.switch_page(page)
    at.run()
    return at


def texts(at: AppTest) -> str:
    """All markdown, captions, titles, metrics and info boxes on the page, joined."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success", "error"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    return "\n".join(parts)
