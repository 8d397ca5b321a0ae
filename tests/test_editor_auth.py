"""The editor gate fails closed and resists guessing: a secrets file that exists but does not parse
disables editing (issue 16.5); wrong passwords are throttled per session and per client address with
growing delays, refused without being checked during the wait, and logged without the password (16.6);
imports and undos record who did them in the app, never the server's OS account (16.10, 10.17)."""

from __future__ import annotations

import getpass
import logging
from pathlib import Path

import pytest
import streamlit
from streamlit.testing.v1 import AppTest

from bishui.app import data_page as dp
from bishui import i18n, ingest
from tests.apptest_helpers import APP, texts

PAGE = "pages/data.py"
GOOD = "断面名称,采样日期,监测项目,监测值,单位\n" + "".join(
    f"测试河一号桥,2026-01-10,{p},{v},mg/L\n" for p, v in [("溶解氧", "8.8"), ("氨氮", "0.61"), ("总磷", "0.12")]
)


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    """A fresh process-wide throttle on a clock the test moves (other tests never see its failures)."""
    c = Clock()
    monkeypatch.setattr(dp, "THROTTLE", dp.Throttle(clock=c))
    return c


def _app(secrets: dict | None = None, lang: str = "zh") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in (secrets or {}).items():
        at.secrets[k] = v
    at.query_params["lang"] = lang
    at.switch_page(PAGE).run()  # opened at its own address: no overview run first
    return at


def _try(at: AppTest, password: str) -> AppTest:
    at.text_input(key="data_password").input(password)
    next(b for b in at.button if b.label == i18n.t("data.gate.unlock", "zh")).click().run()
    return at


def uploader_shown(at: AppTest) -> bool:
    return len(at.get("file_uploader")) > 0


# ---- 16.5: a broken secrets file ----------------------------------------------------------------
def test_broken_secrets_file_disables_editing(db, tmp_path, monkeypatch):
    broken = tmp_path / "secrets.toml"
    broken.write_text('editor_password = "x\n', encoding="utf-8")  # the closing quote is missing
    monkeypatch.setattr(dp, "secrets_paths", lambda: [str(tmp_path / "absent.toml"), str(broken)])
    gate = dp.read_gate()
    assert gate.broken and gate.configured and not gate.password
    at = _app()
    assert not at.exception, [e.value for e in at.exception]
    assert not uploader_shown(at)
    assert i18n.t("data.gate.broken", "zh") in [e.value for e in at.error]
    assert i18n.t("data.gate.open", "zh") not in texts(at)
    assert not at.get("text_input") or not any(t.key == "data_password" for t in at.text_input)
    # fixed: the password gate is back (not open to everyone either)
    broken.write_text('editor_password = "x"\n', encoding="utf-8")
    assert dp.broken_secrets() is None


def test_unreadable_or_missing_secrets():
    assert dp.broken_secrets(["/nonexistent/secrets.toml"]) is None
    assert dp.broken_secrets([str(Path(__file__).parent)]) is None  # not a .toml path: Streamlit's business


def test_secrets_that_fail_to_load_close_the_gate(monkeypatch):
    monkeypatch.setattr(dp, "secrets_paths", lambda: [])

    def boom():
        raise PermissionError("no access")

    monkeypatch.setattr(streamlit.secrets, "load_if_toml_exists", boom)
    assert dp.read_gate().broken
    assert dp.editor_status(dp.read_gate()) == (False, None)


# ---- 16.6: throttling and logging ---------------------------------------------------------------
def test_throttle_grows_and_forgets():
    c = Clock()
    t = dp.Throttle(clock=c)
    keys = ["session:a", "client:1.2.3.4"]
    for _ in range(dp.Throttle.FREE - 1):
        t.fail(keys)
        assert t.wait(keys) == 0
    waits = []
    for _ in range(5):
        t.fail(keys)
        waits.append(t.wait(keys))
        c.now += waits[-1]
    assert waits == [1, 2, 4, 8, 16]
    t.fail(keys)
    # another session from the same address waits too; another address in the same session too
    assert t.wait(["session:b", "client:1.2.3.4"]) > 0 and t.wait(["session:a", "client:9.9.9.9"]) > 0
    assert t.wait(["session:b", "client:9.9.9.9"]) == 0
    for _ in range(40):
        t.fail(keys)
    assert t.wait(keys) == dp.Throttle.MAX_WAIT_S
    c.now += dp.Throttle.FORGET_S + 1
    assert t.wait(keys) == 0
    t.fail(keys)
    t.succeed(keys)
    assert t.wait(keys) == 0


def test_guessing_is_throttled_and_logged_without_the_password(db, clock, caplog):
    caplog.set_level(logging.INFO, logger="bishui.auth")
    at = _app({"editor_password": "right-pw"})
    for i in range(dp.Throttle.FREE):
        _try(at, f"guess-{i}")
        assert i18n.t("data.gate.wrong", "zh") in [e.value for e in at.error]
    # the right password during the wait is refused without being checked
    _try(at, "right-pw")
    assert not uploader_shown(at)
    assert i18n.t("data.gate.throttled", "zh", n=1) in [e.value for e in at.error]
    # a new session from the same client address waits as well
    other = _app({"editor_password": "right-pw"})
    _try(other, "right-pw")
    assert not uploader_shown(other)
    clock.now += 2
    _try(at, "right-pw")
    assert uploader_shown(at)
    log = "\n".join(r.getMessage() for r in caplog.records)
    assert log.count("wrong editor password") == dp.Throttle.FREE and "throttled" in log
    assert "client=local" in log
    assert "guess-" not in log and "right-pw" not in log


def test_a_new_session_cannot_reset_the_count(db, clock):
    for _ in range(6):
        at = _app({"editor_password": "pw"})
        _try(at, "nope")
    at = _app({"editor_password": "pw"})
    _try(at, "pw")
    assert not uploader_shown(at)


# ---- 16.10 / 10.17: who is recorded --------------------------------------------------------------
@pytest.fixture
def upload(monkeypatch):
    box: dict = {}

    class FakeUpload:
        def __init__(self, name, data):
            self.name, self.size, self.file_id, self.type, self._data = name, len(data), "f1", "text/csv", data

        def getvalue(self):
            return self._data

    monkeypatch.setattr(
        streamlit, "file_uploader", lambda label, *a, key=None, **k: box.get("file") if key == "data_upload_0" else None
    )
    return lambda name, text: box.update(file=FakeUpload(name, text.encode("utf-8")))


def test_import_and_undo_record_the_password_editor_not_the_os_user(db, clock, upload, monkeypatch):
    monkeypatch.delenv("BISHUI_USER", raising=False)
    upload("jan.csv", GOOD)
    at = _app({"editor_password": "pw"})
    _try(at, "pw")
    at.button(key="data_confirm").click().run()
    assert not at.exception, [e.value for e in at.exception]
    hist = ingest.history()
    by = hist["imported_by"].iloc[0]
    assert hist["batch_id"].iloc[0] == 1
    assert by.startswith("editor (password) · client local · session "), by
    assert by != getpass.getuser()
    at.button(key="data_undo_1").click().run()
    at.button(key="data_undo_yes_1").click().run()
    undone_by = ingest.history()["undone_by"].iloc[0]
    assert undone_by.startswith("editor (password) · client local"), undone_by


def test_typed_name_and_oidc_user_are_recorded(db, clock, upload, monkeypatch):
    auth = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "s",
        "client_id": "c",
        "client_secret": "s",
        "server_metadata_url": "https://idp.example/.well-known",
    }
    upload("jan.csv", GOOD)
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = auth
    at.user = {"is_logged_in": True, "email": "li@example.cn"}
    at.switch_page(PAGE).run()  # opened at its own address: no overview run first
    at.button(key="data_confirm").click().run()
    assert ingest.history()["imported_by"].iloc[0].startswith("li@example.cn (OIDC) · client local")


def test_no_gate_records_anonymous_with_the_typed_name(db, upload):
    upload("jan.csv", GOOD)
    at = _app()
    at.text_input(key="data_user").input("王工")
    at.button(key="data_confirm").click().run()
    assert ingest.history()["imported_by"].iloc[0].startswith("王工 · anonymous · client local · session ")


def test_cli_records_the_os_user(db, tmp_path, monkeypatch):
    from bishui.tools import cli

    monkeypatch.delenv("BISHUI_USER", raising=False)
    f = tmp_path / "jan.csv"
    f.write_text(GOOD, encoding="utf-8")
    assert cli.main(["import", str(f)]) == 0
    assert ingest.history()["imported_by"].iloc[0] == getpass.getuser()


def test_client_address_trusts_x_real_ip_only_behind_the_proxy(monkeypatch):
    from types import SimpleNamespace

    from streamlit.runtime.context import StreamlitHeaders

    ctx = SimpleNamespace(headers=StreamlitHeaders([("x-real-ip", "10.1.2.3")]), ip_address="192.168.0.9")
    monkeypatch.setattr(streamlit, "context", ctx)
    monkeypatch.delenv("BISHUI_TRUSTED_PROXY", raising=False)
    assert dp.client_address() == "192.168.0.9"  # a forged header is ignored without a proxy
    monkeypatch.setenv("BISHUI_TRUSTED_PROXY", "1")
    assert dp.client_address() == "10.1.2.3"
    ctx.headers, ctx.ip_address = StreamlitHeaders([]), None
    assert dp.client_address() == "local"


def test_the_reported_attack_100_tries_in_14_s_then_the_right_one():
    """The issue's reproduction: 100 wrong tries in 14 s, then the right password. Now only a handful
    of the tries are even checked, and the right password right after them is refused."""
    c = Clock()
    t = dp.Throttle(clock=c)
    keys = ["session:attacker", "client:10.0.0.66"]
    checked = 0
    for _ in range(100):
        if t.wait(keys) == 0:
            checked += 1
            t.fail(keys)
        c.now += 0.14
    assert checked <= 7, checked
    assert t.wait(keys) > 0  # the right password now: refused unchecked
