"""Pages only lay out (issue 11 item 3): a URL-synced widget is one call to its helper in bishui.app.ui
(url_multiselect, url_selectbox, url_radio, url_flag, url_number, url_date, url_date_range), never
the three steps (seed with ui.url_list / ui.url_value, draw, record with ui.set_page_param) spelled
out on a page."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# the pages, and the package's Streamlit modules that draw widgets for them (ui.py defines the helpers)
PAGES = sorted((ROOT / "pages").glob("*.py")) + sorted(
    p for p in (ROOT / "bishui" / "app").glob("*.py") if p.name not in ("ui.py", "__init__.py")
)
LOW_LEVEL = {"url_list", "url_value", "set_page_param"}  # used by the helpers inside bishui.app.ui only


def low_level_calls(source: str) -> list[str]:
    """`name (line n)` for each use of a low-level URL-state function: ui.url_value(...), a name
    imported from bishui.app.ui, or a reference passed on without a call."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in LOW_LEVEL:
            found.append(f"{node.attr} (line {node.lineno})")
        elif isinstance(node, ast.Name) and node.id in LOW_LEVEL:
            found.append(f"{node.id} (line {node.lineno})")
        elif isinstance(node, ast.ImportFrom):
            found += [f"{a.name} (line {node.lineno})" for a in node.names if a.name in LOW_LEVEL]
    return found


def test_the_check_sees_each_way_of_calling_them():
    assert low_level_calls("from bishui import ui\nui.url_value('a', 'k', str, 1, 'A')\n") == ["url_value (line 2)"]
    assert low_level_calls("from bishui.app.ui import set_page_param\n") == ["set_page_param (line 1)"]
    assert low_level_calls("import bishui.app.ui as u\nf = u.url_list\n") == ["url_list (line 2)"]
    assert low_level_calls("from bishui import ui\nui.url_multiselect(st, 'A', 'a', 'k', [], {}, [])\n") == []


def test_pages_use_one_helper_per_url_synced_widget():
    assert PAGES, "no pages found"
    offenders = {p.name: calls for p in PAGES if (calls := low_level_calls(p.read_text(encoding="utf-8")))}
    assert not offenders, f"pages calling the URL-state internals directly (use the ui.url_* helpers): {offenders}"
