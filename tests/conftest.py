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


def _run_dir(tmp_path_factory) -> Path:
    """A folder this whole test run shares: the run's base temp folder (an xdist worker's own base temp
    is a folder below it, so both workers see the same one)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    return base


def built_once(tmp_path_factory, name: str, source_dir: Path | None = None) -> Path:
    """A private copy of the warehouse built from source_dir (default data/sample/), which is built once
    per test run (under a lock: the xdist workers share it) and then copied, with the real-data marker a
    build leaves beside it, instead of built again: a build takes seconds, a copy milliseconds."""
    import fcntl

    from bishui.db import store, warehouse

    cache = _run_dir(tmp_path_factory) / "built-warehouses"
    cache.mkdir(exist_ok=True)
    built = cache / f"{name}.duckdb"
    with open(cache / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other worker waits while one builds
        if not (cache / f"{name}.done").exists():
            warehouse.build(built, source_dir)
            (cache / f"{name}.done").write_text("built\n")
    path = tmp_path_factory.mktemp(name) / f"{name}.duckdb"
    shutil.copyfile(built, path)
    if store.real_data_marker(built).exists():
        shutil.copyfile(store.real_data_marker(built), store.real_data_marker(path))
    return path


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory) -> Path:
    """A warehouse built from tests/fixtures/district/."""
    return built_once(tmp_path_factory, "fixture", FIXTURE_DIR)


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
    return built_once(tmp_path_factory, "sample")


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
    if hasattr(config.option, "loadscopereorder"):  # xdist: hand out files in SLOW_FILES order (below)
        config.option.loadscopereorder = False


# .streamlit/config.toml hides error details from users; tests want them in failure output. The
# environment variable reaches `streamlit run` servers started by browser tests; AppTest runs in this
# process, where Streamlit reads only the config file, so the option is also set here.
os.environ.setdefault("STREAMLIT_CLIENT_SHOW_ERROR_DETAILS", "full")
streamlit_config.set_option("client.showErrorDetails", "full")


# The files that take longest, longest first (from `--durations` of each part of the suite, 2026-12).
# Under `-n 2 --dist loadfile` (tests/run.sh) xdist hands out whole files in the order it is given;
# starting with the long ones and letting the many short ones fill in at the end makes both workers
# finish together. xdist's own default order (most tests first) handed out files of a few slow
# browser tests, or the one benchmark run, last, and one worker ran on alone for minutes. Only the
# order of files changes: the tests inside a file keep theirs. A file not listed runs after these.
SLOW_FILES: tuple[str, ...] = (
    "tests/browser/test_ui_state_browser.py",
    "tests/browser/test_pages_browser.py",
    "tests/browser/test_safe_text_browser.py",
    "tests/browser/test_maps_browser.py",
    "tests/test_benchmarks.py",
    "tests/browser/test_tracing_browser.py",
    "tests/test_evaluate_cases.py",
    "tests/browser/test_plan_browser.py",
    "tests/test_briefing.py",
    "tests/test_url_state.py",
    "tests/browser/test_data_browser.py",
    "tests/browser/test_frame_browser.py",
    "tests/test_ingest_apply.py",
    "tests/browser/test_arrival_browser.py",
    "tests/test_ingest_corpus.py",
    "tests/test_deploy_proxy.py",
    "tests/test_ledger_arrival.py",
    "tests/test_ingest_security.py",
    "tests/test_safe_text.py",
    "tests/browser/test_agenda_browser.py",
    "tests/test_editor_auth.py",
    "tests/test_eco_flow_import.py",
    "tests/test_data_page.py",
    "tests/test_pages.py",
    "tests/test_ingest_concurrency.py",
    "tests/test_ingest_property.py",
    "tests/test_build.py",
    "tests/test_status_rules.py",
    "tests/browser/test_sources_tasks_browser.py",
)


def pytest_collection_modifyitems(session, config, items):
    rank = {name: i for i, name in enumerate(SLOW_FILES)}
    first_seen: dict[str, int] = {}
    for i, item in enumerate(items):
        first_seen.setdefault(item.nodeid.split("::")[0], i)

    def key(indexed):
        i, item = indexed
        path = item.nodeid.split("::")[0]
        return (rank.get(path, len(rank)), first_seen[path], i)

    items[:] = [item for _, item in sorted(enumerate(items), key=key)]
