"""Alerts after an import (issue 12 item 7), on private copies of the fixture warehouse, with the
clock pinned (BISHUI_TODAY). Pushes go only to servers these tests start on 127.0.0.1: an HTTP
server standing in for the WeCom / DingTalk robots and a minimal SMTP server (socketserver).

Hand-worked: the fixture already has misses (s_f1 2023-02 and 2023-04, s_t2 2023-02), outfall o2's
exceedances of 2023-01-20, plant p3's of 2023-02 and 2023-03, and s_f1's automatic station silent
since 2023-04-26 08:00. None of that is news for the first import (the baseline). File A (at
2023-05-10 12:00) adds NH3-N 2.5 at s_t2 on 2023-05-03 (劣Ⅴ against target Ⅲ: a provisional miss, May
is not over) and an automatic NH3-N 0.5 at s_f1 on 2023-05-01 00:00 (May attained; the station is
still silent, now since 2023-05-01 00:00: new)."""

from __future__ import annotations

import http.server
import json
import shutil
import socket
import socketserver
import threading
from email import message_from_bytes
from email.policy import default as email_policy
from pathlib import Path

import pandas as pd
import pytest

from bishui.db import alerts, store
from bishui.tools import cli
from bishui.app import data_page as dp
from bishui import ingest
from tests.apptest_helpers import app, unescape_md

HEAD = "section_id,parameter,sampled_on,sampled_at,value,source\n"
FILE_A = HEAD + "s_t2,nh3n,2023-05-03,,2.5,manual\ns_f1,nh3n,2023-05-01,2023-05-01 00:00:00,0.5,auto\n"
FILE_B = "outfall_id,inspected_on,parameter,has_flow,value,limit_value\no2,2023-05-05,cod,true,90,30\n"
FILE_C = HEAD + "s_res,ph,2023-06-01,,7.5,manual\n"


@pytest.fixture
def db(tmp_path, fixture_db, use_db, monkeypatch) -> Path:
    path = tmp_path / "w.duckdb"
    shutil.copyfile(fixture_db, path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # no secrets but the test's own
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BISHUI_TODAY", "2023-05-10T12:00")
    return use_db(path)


def write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def import_file(path: Path) -> ingest.BatchResult:
    result = ingest.apply(ingest.prepare(path))
    assert result.status == "imported", result.message
    return result


def batch(n: int) -> pd.DataFrame:
    with store.read_connection() as con:
        return store.execute(con, "alerts/batch_alerts", batch_id=n)


def keys(df: pd.DataFrame) -> list[tuple]:
    return [
        (r.kind, r.subject_id, r.period, r.parameter if isinstance(r.parameter, str) else None, bool(r.is_provisional))
        for r in df.itertuples()
    ]


# ---- what is new ----------------------------------------------------------------------------------
def test_only_what_is_new_since_the_previous_import(db, tmp_path, monkeypatch):
    import_file(write(tmp_path, "a.csv", FILE_A))
    assert keys(batch(1)) == [
        ("miss", "s_t2", "2023-05", None, True),
        ("silent", "s_f1", "2023-05-01 00:00", None, False),
    ]
    text = [it["text"] for it in alerts.lines(batch(1), "en")]
    assert text == [
        "Sluice Two 2023-05: Worse than Ⅴ, misses its target Class Ⅲ (month not over: provisional)",
        "Automatic station Bridge One: no data since 2023-05-01 00:00 (over 48 h)",
    ]

    import_file(write(tmp_path, "b.csv", FILE_B))  # the May miss still holds: only the outfall is new
    assert keys(batch(2)) == [("exceedance_outfall", "o2", "2023-05-05", "cod", False)]
    assert (
        alerts.lines(batch(2), "zh")[0]["text"]
        == "排污口 测试河生活污水直排口02 2023-05-05：化学需氧量 90 mg/L，超过限值 30"
    )

    monkeypatch.setenv("BISHUI_TODAY", "2023-06-02")  # May is over: its miss is now final, and new
    import_file(write(tmp_path, "c.csv", FILE_C))
    assert keys(batch(3)) == [("miss", "s_t2", "2023-05", None, False)]
    latest = store.run_query("alerts_latest")
    assert list(latest["batch_id"]) == [3]
    assert set(batch(3)["push_status"]) == {"none"}  # nothing configured: nothing pushed


def test_the_overview_lists_them_with_links(db, tmp_path):
    import_file(write(tmp_path, "a.csv", FILE_A))
    for lang, title in (("en", "New since the last import"), ("zh", "自上次导入以来的新情况")):
        at = app({"lang": lang})
        assert not at.exception, [e.value for e in at.exception]
        md = "\n".join(m.value for m in at.markdown)
        assert title in md
        assert f"(tracing?section=s_t2&month=2023-05&lang={lang})" in md
        assert f"(weekly?lang={lang})" in md
        assert not any("undone" in c.value or "撤销" in c.value for c in at.caption)
    ingest.undo(1)
    at = app({"lang": "en"})
    assert "Import batch 1 was undone since: these may no longer hold." in [c.value for c in at.caption]


# ---- local servers --------------------------------------------------------------------------------
class Robot:
    """An HTTP server on 127.0.0.1 that records every POST and answers with the next status code."""

    def __init__(self, codes):
        self.codes, self.received = list(codes), []
        robot = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                robot.received.append((self.path, self.headers["Content-Type"], json.loads(body)))
                code = robot.codes.pop(0) if robot.codes else 200
                answer = json.dumps({"errcode": 0 if code == 200 else 1, "errmsg": "ok"}).encode()
                self.send_response(code)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/robot/send?key=test"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class MailServer:
    """A minimal SMTP server on 127.0.0.1 (enough of RFC 5321 for smtplib without TLS or login)."""

    def __init__(self):
        self.messages = []
        box = self.messages

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                say = lambda text: self.wfile.write(text.encode() + b"\r\n")  # noqa: E731
                say("220 localhost test SMTP")
                sender, rcpts = None, []
                while line := self.rfile.readline():
                    cmd = line.strip().decode()
                    upper = cmd.upper()
                    if upper.startswith(("EHLO", "HELO")):
                        say("250 localhost")
                    elif upper.startswith("MAIL FROM:"):
                        sender, rcpts = cmd[10:].strip(), []
                        say("250 OK")
                    elif upper.startswith("RCPT TO:"):
                        rcpts.append(cmd[8:].strip())
                        say("250 OK")
                    elif upper == "DATA":
                        say("354 end with .")
                        data = b""
                        while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                            data += chunk[1:] if chunk.startswith(b"..") else chunk
                        box.append((sender, rcpts, data))
                        say("250 OK queued")
                    elif upper == "QUIT":
                        say("221 bye")
                        return
                    else:
                        say("250 OK")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def secrets(tmp: Path, text: str) -> None:
    (tmp / ".streamlit").mkdir(exist_ok=True)
    (tmp / ".streamlit" / "secrets.toml").write_text(text, encoding="utf-8")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---- pushes ---------------------------------------------------------------------------------------
def test_cli_import_pushes_to_wecom_retrying_after_a_500(db, tmp_path, capsys):
    robot = Robot([500, 200])
    try:
        secrets(
            tmp_path,
            f'[alerts]\nwebhook_url = "{robot.url}"\nformat = "wecom"\nlang = "en"\n'
            f'app_url = "https://bishui.example"\nbackoff_s = 0.05\n',
        )
        status = cli.main(["import", str(write(tmp_path, "a.csv", FILE_A)), "--lang", "en"])
    finally:
        robot.close()
    out = capsys.readouterr().out
    assert status == 0
    assert "imported as batch 1" in out and "Alerts: 2 new" in out and "Alert push: group robot: delivered" in out
    assert len(robot.received) == 2  # the 500, then the retry
    assert robot.received[0] == robot.received[1]
    path, ctype, body = robot.received[1]
    assert path == "/robot/send?key=test" and ctype == "application/json; charset=utf-8"
    assert body == {
        "msgtype": "markdown",
        "markdown": {
            "content": "\n".join(
                [
                    "### Bishui · 2 new alerts after import batch 1",
                    "- [Sluice Two 2023-05: Worse than Ⅴ, misses its target Class Ⅲ month not over: provisional]"
                    "(https://bishui.example/tracing?section=s_t2&month=2023-05&lang=en)",
                    "- [Automatic station Bridge One: no data since 2023-05-01 00:00 over 48 h](https://bishui.example/weekly?lang=en)",
                ]
            )
        },
    }
    rows = batch(1)
    assert set(rows["push_status"]) == {"sent"} and set(rows["push_attempts"]) == {2}
    assert set(rows["pushed_at"]) == {pd.Timestamp("2023-05-10 12:00")}


def test_a_robot_that_is_down_never_fails_the_import_and_the_failure_is_shown(db, tmp_path, capsys):
    secrets(
        tmp_path,
        f'[alerts]\nwebhook_url = "http://127.0.0.1:{free_port()}/down"\nformat = "dingtalk"\n'
        "attempts = 3\nbackoff_s = 0.01\nmax_seconds = 5\n",
    )
    status = cli.main(["import", str(write(tmp_path, "a.csv", FILE_A)), "--lang", "en"])
    out = capsys.readouterr().out
    assert status == 0 and "imported as batch 1" in out
    assert ingest.history()["batch_id"].iloc[0] == 1  # the import is in
    rows = batch(1)
    assert set(rows["push_status"]) == {"failed"} and set(rows["push_attempts"]) == {3}
    assert json.loads(rows["push_detail"].iloc[0]) == {
        "webhook": {"ok": False, "attempts": 3, "error": "ConnectionRefusedError"}
    }
    assert "Alert push: group robot: failed after 3 attempts (ConnectionRefusedError)" in out
    at = app({"lang": "en"})
    assert any(
        "Push failed: group robot: failed after 3 attempts (ConnectionRefusedError)" in unescape_md(w.value)
        for w in at.warning
    ), [w.value for w in at.warning]
    at = app({"lang": "zh"})
    assert any(
        "推送失败：群机器人 3 次尝试均失败（ConnectionRefusedError）" in unescape_md(w.value) for w in at.warning
    )


def test_dingtalk_and_email(db, tmp_path):
    import_file(write(tmp_path, "a.csv", FILE_A))
    robot, mail = Robot([200]), MailServer()
    try:
        settings = alerts.settings_from(
            {
                "webhook_url": robot.url,
                "format": "dingtalk",
                "smtp_host": "127.0.0.1",
                "smtp_port": mail.port,
                "smtp_from": "bishui@example.gov.cn",
                "smtp_to": ["duty@example.gov.cn", "lead@example.gov.cn"],
                "smtp_security": "none",
                "lang": "zh",
            }
        )
        result = alerts.push(1, settings)
    finally:
        robot.close()
        mail.close()
    assert result["ok"] and set(result["channels"]) == {"webhook", "email"}
    ((_, _, body),) = robot.received
    assert body["msgtype"] == "markdown"
    assert body["markdown"]["title"] == "碧水 · 导入批次 1 后新增 2 条提醒"
    assert (
        body["markdown"]["text"].splitlines()[1] == "- 测试河二号闸 2023-05：劣Ⅴ类，未达到目标Ⅲ类（当月未结束，暂定）"
    )
    ((sender, rcpts, data),) = mail.messages
    assert sender == "<bishui@example.gov.cn>" and rcpts == ["<duty@example.gov.cn>", "<lead@example.gov.cn>"]
    msg = message_from_bytes(data, policy=email_policy)
    assert msg["Subject"] == "碧水 · 导入批次 1 后新增 2 条提醒"
    assert msg["To"] == "duty@example.gov.cn, lead@example.gov.cn"
    assert msg.get_content().splitlines()[2:] == [
        "- 测试河二号闸 2023-05：劣Ⅴ类，未达到目标Ⅲ类（当月未结束，暂定）",
        "- 自动站 测试河一号桥：2023-05-01 00:00 以来无数据（超过 48 小时）",
    ]
    assert set(batch(1)["push_status"]) == {"sent"}


def test_retries_stop_within_the_bounded_time():
    clock = [0.0]
    calls = []

    def send(timeout):
        calls.append(timeout)
        clock[0] += timeout
        raise alerts.PushError("timeout")

    s = alerts.Settings(webhook_url="http://127.0.0.1:1/x", attempts=10, backoff_s=1.0, max_seconds=6.0, timeout_s=2.0)
    ok, attempts, error = alerts._with_retries(
        send, s, 6.0, lambda d: clock.__setitem__(0, clock[0] + d), lambda: clock[0]
    )
    # a 2 s attempt (t=2), wait 1 s (t=3), a 2 s attempt (t=5), wait 2 s cut to the 1 s left (t=6): stop
    assert not ok and error == "timeout" and clock[0] == 6.0
    assert calls == [2.0, 2.0] and attempts == 2


def test_the_data_page_pushes_in_the_background(db, tmp_path, monkeypatch):
    import io  # noqa: F401 - the page's uploader is faked below
    import streamlit

    robot = Robot([200])
    monkeypatch.setattr(dp, "alert_settings", lambda: alerts.settings_from({"webhook_url": robot.url, "lang": "en"}))
    data = FILE_A.encode()

    class Upload:
        name, size, file_id, type = "a.csv", len(data), "f1", "text/csv"

        def getvalue(self):
            return data

    monkeypatch.setattr(
        streamlit, "file_uploader", lambda label, *a, key=None, **k: Upload() if key == "data_upload_0" else None
    )
    try:
        at = app({"lang": "en"}, "pages/data.py")
        at.button(key="data_confirm").click().run()
        assert not at.exception, [e.value for e in at.exception]
        for t in threading.enumerate():
            if t.name == "bishui-alerts-1":
                t.join(10)
    finally:
        robot.close()
    assert len(robot.received) == 1 and robot.received[0][2]["markdown"]["content"].startswith(
        "### Bishui · 2 new alerts after import batch 1"
    )
    assert set(batch(1)["push_status"]) == {"sent"}
