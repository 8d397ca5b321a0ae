"""Shared fixtures: a small hand-made fixture warehouse (tests/fixtures/district/, every expected
figure in the tests is computed by hand from it) and the sample warehouse (data/sample/)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import functools

import pytest
from streamlit import config as streamlit_config
from streamlit.components.v2 import manifest_scanner
from streamlit.runtime.pages_manager import PagesManager

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_DIR = ROOT / "tests" / "fixtures" / "district"
STREAMLIT_PAGES_MANAGER_INIT = PagesManager.__init__  # as Streamlit defines it (tests/test_streamlit_pages_mode.py)

# Every AppTest scans all installed distributions for Streamlit component manifests before its first
# run (~0.5-1 s of CPU each: ~700 package metadata files parsed), and the suite makes hundreds of
# AppTests. The installed packages do not change during a test session, so the scan is done once.
manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory) -> Path:
    """A warehouse built from tests/fixtures/district/."""
    from bishui.db import warehouse

    path = tmp_path_factory.mktemp("fixture") / "fixture.duckdb"
    warehouse.build(path, FIXTURE_DIR)
    return path


def build_fixture_warehouse(tmp_path_factory, name: str) -> Path:
    """A warehouse built from tests/fixtures/<name>/ (a test module's own hand-worked fixture)."""
    from bishui.db import warehouse

    path = tmp_path_factory.mktemp(name) / f"{name}.duckdb"
    warehouse.build(path, ROOT / "tests" / "fixtures" / name)
    return path


def read_frame(path: Path, sql: str, **params):
    """The result of one SQL statement on the warehouse at path, read-only, as a DataFrame."""
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params).df()
    finally:
        con.close()


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> Path:
    """A warehouse built from data/sample/ (the illustrative district)."""
    from bishui.db import warehouse

    path = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    warehouse.build(path)
    return path


@pytest.fixture
def use_db(monkeypatch):
    """Point BISHUI_DB at a given warehouse for the duration of a test: use_db(path)."""

    def _use(path: Path) -> Path:
        monkeypatch.setenv("BISHUI_DB", str(path))
        return path

    return _use


@pytest.fixture
def db(tmp_path, fixture_db, use_db) -> Path:
    """A private copy of the fixture warehouse, used as $BISHUI_DB (the session fixture is never written).
    Test modules that only read define their own `db`."""
    path = tmp_path / "w.duckdb"
    shutil.copyfile(fixture_db, path)
    return use_db(path)


@pytest.fixture(autouse=True, scope="session")
def _navigation_mode():
    """AppTest resets Streamlit to its legacy pages/ mode before every run, which a real server is in
    only for its very first run (bishui.app.ui.leave_pages_directory_mode handles that; a browser test
    covers it). Start every AppTest run in st.navigation mode, as a warmed-up server is. The one
    place that touches Streamlit's internals (docs/architecture.md, "Streamlit and the pages/ folder";
    tests/test_streamlit_pages_mode.py fails when the behaviour changes)."""
    original = STREAMLIT_PAGES_MANAGER_INIT

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init
    yield
    PagesManager.__init__ = original


@pytest.fixture(autouse=True)
def _clear_streamlit_caches():
    """Caches are cleared between tests (architecture rule 10)."""
    yield
    try:
        import streamlit as st

        st.cache_data.clear()
        st.cache_resource.clear()
    except Exception:
        pass


def pytest_configure(config):
    os.environ.setdefault("BISHUI_TEST", "1")


# .streamlit/config.toml hides error details from users; tests want them in failure output. The
# environment variable reaches `streamlit run` servers started by browser tests; AppTest runs in this
# process, where Streamlit reads only the config file, so the option is also set here.
os.environ.setdefault("STREAMLIT_CLIENT_SHOW_ERROR_DETAILS", "full")
streamlit_config.set_option("client.showErrorDetails", "full")
