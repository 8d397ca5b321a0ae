""".streamlit/secrets.toml.example names every secret the app reads (st.secrets.get(...) anywhere in
the code, and each key of the [alerts] table), and, with its commented-out settings switched on,
is a secrets file the app accepts: sign-in, editors, the Tianditu key and the alert channels."""

from __future__ import annotations

import inspect
import re
import tomllib
from pathlib import Path

from bishui.db import alerts
from bishui.app import data_page as dp

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / ".streamlit" / "secrets.toml.example"
READ = re.compile(r"""secrets\.get\(\s*["']([a-z_]+)["']""")
SETTING = re.compile(r"""^#? ?(\[[a-z_]+\]|[a-z_]+ = .*)$""")


def _sources():
    yield from (ROOT / "pages").glob("*.py")
    yield from (ROOT / "bishui").rglob("*.py")
    yield ROOT / "app.py"


def _documented(text: str) -> set[str]:
    """Keys and [tables] the example sets or shows commented out."""
    names = set()
    for line in text.splitlines():
        m = SETTING.match(line)
        if m:
            names.add(m.group(1).strip("[]").split(" = ")[0])
    return names


def test_every_secret_the_code_reads_is_in_the_example():
    read = {key for path in _sources() for key in READ.findall(path.read_text(encoding="utf-8"))}
    assert {"editor_password", "auth", "editor_emails", "alerts", "tianditu_key"} <= read  # the scan works
    alert_keys = set(re.findall(r"""\bs\.get\(\s*["']([a-z_]+)["']""", inspect.getsource(alerts.settings_from)))
    assert {"webhook_url", "smtp_host", "timeout_s"} <= alert_keys
    missing = (read | alert_keys) - _documented(EXAMPLE.read_text(encoding="utf-8"))
    assert not missing, f"add to .streamlit/secrets.toml.example: {sorted(missing)}"


def test_the_example_filled_in_is_accepted(tmp_path):
    lines = []
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        m = SETTING.match(line)
        lines.append(m.group(1) if m else line)
    filled = tmp_path / "secrets.toml"
    filled.write_text("\n".join(lines).replace('"CHANGE-ME"', '"a-long-random-editor-password"'), encoding="utf-8")
    with open(filled, "rb") as fh:
        secrets = tomllib.load(fh)
    gate = dp.gate_from(secrets.get("editor_password"), secrets.get("auth"), secrets.get("editor_emails"))
    assert gate.configured and not gate.broken and gate.oidc
    # the top-level keys are read as such, not swallowed by a [table] written above them
    assert gate.emails == ("wang.gong@example.gov.cn", "li.ke@example.gov.cn")
    assert gate.password == "a-long-random-editor-password"
    assert dp.broken_secrets([str(filled)]) is None
    settings = alerts.settings_from(secrets["alerts"])
    assert settings is not None and settings.channels == ["webhook", "email"]
    assert secrets["tianditu_key"]
