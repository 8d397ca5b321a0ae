"""The configuration a district runs is production-safe as shipped (issues 16.7, 16.12, 10.18): error
details and the developer toolbar hidden, XSRF on, the server's upload limit equal to the Data page's cap,
no usage statistics; the secrets example parses and documents OIDC as the recommended sign-in."""

from __future__ import annotations

import math
import subprocess
import sys
import tomllib
from pathlib import Path

from bishui import config
from bishui.app import data_page as dp

ROOT = Path(__file__).resolve().parents[1]


def _cfg() -> dict:
    with open(ROOT / ".streamlit" / "config.toml", "rb") as fh:
        return tomllib.load(fh)


def test_default_config_is_production_safe():
    cfg = _cfg()
    assert cfg["client"]["showErrorDetails"] == "none"
    assert cfg["client"]["showErrorLinks"] is False
    assert cfg["client"]["toolbarMode"] == "viewer"
    assert cfg["server"]["enableXsrfProtection"] is True
    assert cfg["server"].get("enableCORS", True) is True
    assert cfg["browser"]["gatherUsageStats"] is False


def test_upload_limit_matches_the_data_page_cap(monkeypatch):
    monkeypatch.delenv("BISHUI_UPLOAD_CAP_MB", raising=False)
    assert _cfg()["server"]["maxUploadSize"] == math.ceil(config.upload_cap_mb())


def test_streamlit_reads_the_config_as_shipped(tmp_path):
    """Streamlit itself (a fresh process in the project folder, no overriding environment) sees these values."""
    code = (
        "from streamlit import config as c; c.get_config_options(force_reparse=True); "
        "print([c.get_option(k) for k in ('client.showErrorDetails', 'client.toolbarMode', "
        "'server.enableXsrfProtection', 'server.maxUploadSize')])"
    )
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith("STREAMLIT_")}
    out = (
        subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    assert out == "['none', 'viewer', True, 50]"


def test_secrets_example_parses_and_recommends_oidc(tmp_path, monkeypatch):
    example = ROOT / ".streamlit" / "secrets.toml.example"
    text = example.read_text(encoding="utf-8")
    with open(example, "rb") as fh:
        parsed = tomllib.load(fh)
    # as shipped, copying the example leaves editing closed: the password is a placeholder the app refuses
    gate = dp.gate_from(parsed.get("editor_password"), parsed.get("auth"), parsed.get("editor_emails"))
    assert gate.broken and gate.configured
    assert dp.editor_status(gate) == (False, None)
    # OIDC is documented as the recommended setup, with every key Streamlit's st.login needs
    assert "[auth]" in text and "recommended" in text.lower()
    for key in ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url"):
        assert f"# {key} = " in text or f"{key} = " in text
