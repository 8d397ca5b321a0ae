"""The editor gate on a real server (issue 16.5): a secrets file with a missing closing quote keeps
importing closed and says so, instead of offering the uploader to everyone; Streamlit's viewer toolbar
(issue 10.18) shows no Deploy button."""

from __future__ import annotations

import shutil

from tests.browser.conftest import Server, open_app, screenshot


def test_broken_secrets_file_closes_editing(sample_db, tmp_path, page):
    db = tmp_path / "gate.duckdb"
    shutil.copyfile(sample_db, db)
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('editor_password = "碧水2026\n', encoding="utf-8")  # the closing quote is missing
    srv = Server(db, env={"STREAMLIT_SECRETS_FILES": str(secrets)})
    try:
        open_app(page, srv, "/data?lang=en")
        screenshot(page, "data_en_broken_secrets")
        main = page.locator("[data-testid='stMain']").inner_text()
        assert "exists but cannot be read or parsed" in main
        assert "everyone can import" not in main
        assert page.locator("[data-testid='stFileUploader']").count() == 0
        assert page.locator(".st-key-data_password").count() == 0
        assert page.get_by_text("Deploy", exact=True).count() == 0
    finally:
        srv.stop()
