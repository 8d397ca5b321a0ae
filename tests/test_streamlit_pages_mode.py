"""What Bishui relies on about Streamlit's pages/ directory mode (docs/architecture.md, "Streamlit and
the pages/ folder"). These fail the day Streamlit changes the behaviour: then revisit
bishui.app.ui.leave_pages_directory_mode and the AppTest fixture in tests/conftest.py."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from tests.conftest import STREAMLIT_PAGES_MANAGER_INIT

ROOT = Path(__file__).resolve().parents[1]


def _fresh_manager(main_script: Path) -> PagesManager:
    """A PagesManager as Streamlit makes it (without the AppTest fixture of tests/conftest.py)."""
    PagesManager.uses_pages_directory = None  # as on a fresh server (and before every AppTest run)
    manager = PagesManager.__new__(PagesManager)
    STREAMLIT_PAGES_MANAGER_INIT(manager, str(main_script))
    return manager


def test_a_pages_folder_beside_the_entry_point_starts_the_legacy_mode(tmp_path):
    """Why the workaround exists: a fresh server with pages/ beside app.py is in pages/ directory mode
    (a deep link then runs the page file alone), and AppTest starts every run in it."""
    saved = PagesManager.uses_pages_directory
    try:
        _fresh_manager(ROOT / "app.py")
        assert PagesManager.uses_pages_directory is True
        (tmp_path / "app.py").write_text("", encoding="utf-8")
        _fresh_manager(tmp_path / "app.py")
        assert PagesManager.uses_pages_directory is False  # no pages/ folder: never in that mode
    finally:
        PagesManager.uses_pages_directory = saved


def test_st_navigation_leaves_the_legacy_mode_for_every_session():
    """The public behaviour bishui.app.ui.leave_pages_directory_mode relies on: st.navigation switches the
    whole app (a process-wide setting, not the session's) to st.navigation mode."""
    saved = PagesManager.uses_pages_directory
    try:
        _fresh_manager(ROOT / "app.py")
        assert PagesManager.uses_pages_directory is True
        st.navigation([st.Page(ROOT / "pages" / "sections.py", url_path="sections")], position="hidden")
        assert PagesManager.uses_pages_directory is False
        STREAMLIT_PAGES_MANAGER_INIT(PagesManager.__new__(PagesManager), str(ROOT / "app.py"))  # another session
        assert PagesManager.uses_pages_directory is False
    finally:
        PagesManager.uses_pages_directory = saved
