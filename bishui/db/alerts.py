"""Alerts after an import (issue 12 item 7): what is new since the previous import, stored with the
batch, shown on the overview and, when configured, pushed to a group-chat robot (WeCom or DingTalk
markdown) and/or by e-mail.

- record(con, batch_id) runs inside the import's write transaction (bishui.ingest.api.apply): the
  conditions of queries/alert_candidates.sql at the app's now (store.app_now) not held after the previous import
  (alert_state) become alerts of the batch. The first import into a warehouse takes the state before
  it as the baseline (baseline(con), called before the batch is written), so old history is not news.
- push(batch_id, settings) runs after the import has committed: each channel is tried with retries
  and exponential backoff within a bounded total time; the outcome is written on the alert rows. It
  never raises: an import never fails or waits because of a push (the Data page runs it in a
  background thread, the CLI after printing the import's result).
Settings: [alerts] in .streamlit/secrets.toml (see .streamlit/secrets.toml.example)."""

from __future__ import annotations

import datetime as dt
import email.message
import json
import logging
import smtplib
import ssl
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urlencode

import duckdb
import pandas as pd

from bishui import clock, config, i18n
from bishui.db import sql, store
from bishui.rules import standards

log = logging.getLogger("bishui.db.alerts")
SCHEMA = "063_alerts.sql"
FORMATS = ("wecom", "dingtalk")


# ---------------------------------------------------------------------------------------- record
def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the alert tables on a warehouse built before they existed (idempotent)."""
    con.execute((config.SCHEMA_DIR / SCHEMA).read_text(encoding="utf-8"))


def _candidates(con, now: dt.datetime, hours: float) -> pd.DataFrame:
    return store.execute(con, "alert_candidates", now_at=now, silent_hours=float(hours))


def baseline(con: duckdb.DuckDBPyConnection, now: dt.datetime | None = None, hours: float | None = None) -> None:
    """Before the first import's rows are written: remember what already holds, so that the first
    import reports only what it changed. Never raises (logs instead)."""
    try:
        ensure_schema(con)
        seen = store.execute(con, "alerts/state_keys")
        if len(seen) or con.execute("SELECT count(*) FROM alert_runs").fetchall()[0][0]:
            return
        keys = _candidates(con, now or store.app_now(con), config.silent_hours() if hours is None else hours)[
            ["alert_key"]
        ]
        con.register("current_keys", keys)
        try:
            con.execute(sql.sql_text("alerts/state_replace"))
        finally:
            con.unregister("current_keys")
    except Exception:  # noqa: BLE001 - alerts never fail an import
        log.exception("alerts: could not take the baseline")


def _params(row: dict, hours: float) -> str:
    def val(v):
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            return None
        if isinstance(v, pd.Timestamp):
            return v.strftime("%Y-%m-%d %H:%M")
        return v.item() if hasattr(v, "item") else v

    keep = ("name_zh", "name_en", "value", "limit_value", "water_class", "target_class", "last_at")
    out = {k: val(row.get(k)) for k in keep}
    out["hours"] = float(hours)
    return json.dumps(out, ensure_ascii=False)


def record(
    con: duckdb.DuckDBPyConnection, batch_id: int, now: dt.datetime | None = None, hours: float | None = None
) -> int:
    """Store the alerts new with this batch; returns how many (0 when it failed: logged, never raised)."""
    now = now or store.app_now(con)
    hours = config.silent_hours() if hours is None else hours
    try:
        ensure_schema(con)
        cands = _candidates(con, now, hours)
        seen = set(store.execute(con, "alerts/state_keys")["alert_key"])
        new = cands[~cands["alert_key"].isin(seen)].reset_index(drop=True)
        new = new.assign(ord=range(len(new)), params_json=[_params(r, hours) for r in new.to_dict("records")])
        new = new[["ord", "alert_key", "kind", "subject_id", "period", "parameter", "is_provisional", "params_json"]]
        con.execute("BEGIN TRANSACTION")
        try:
            con.register("new_alerts", new)
            con.register("current_keys", cands[["alert_key"]])
            con.execute(sql.sql_text("alerts/insert_new"), {"batch_id": int(batch_id), "created_at": now})
            con.execute(sql.sql_text("alerts/state_replace"))
            con.execute(
                sql.sql_text("alerts/run_insert"), {"batch_id": int(batch_id), "run_at": now, "n_alerts": len(new)}
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        finally:
            con.unregister("new_alerts")
            con.unregister("current_keys")
        return len(new)
    except Exception:  # noqa: BLE001 - alerts never fail an import
        log.exception("alerts: could not record the alerts of batch %s", batch_id)
        return 0


# ---------------------------------------------------------------------------------------- words
def _param_name(code, lang: str) -> str:
    p = standards.parameters().get(code or "")
    return (p.name_zh if lang == "zh" else p.name_en) if p else str(code or "")


def _num(v) -> str:
    return "" if v is None else f"{float(v):g}"


def lines(df: pd.DataFrame, lang: str) -> list[dict]:
    """One {'kind', 'text', 'link'} per alert (text is plain: escape it for markdown), link relative
    to the app (a page's url path and its URL parameters). Needs the columns of alerts_latest.sql."""
    out = []
    for r in df.to_dict("records"):
        p = json.loads(r["params_json"])
        name = p.get(f"name_{lang}") or p.get("name_zh") or r["subject_id"]
        kind = r["kind"]
        if kind == "miss":
            text = i18n.t(
                "alert.miss",
                lang,
                name=name,
                period=r["period"],
                klass=i18n.t(f"class.{int(p['water_class'])}", lang),
                target=i18n.t(f"class.{int(p['target_class'])}", lang),
            )
            if r["is_provisional"]:
                text += i18n.t("alert.provisional", lang)
            link = "tracing?" + urlencode({"section": r["subject_id"], "month": r["period"], "lang": lang})
        elif kind == "exceedance_outfall":
            text = i18n.t(
                "alert.outfall",
                lang,
                name=name,
                date=r["period"],
                param=_param_name(r["parameter"], lang),
                value=_num(p.get("value")),
                limit=_num(p.get("limit_value")),
            )
            link = "outfalls?" + urlencode({"lang": lang})
        elif kind == "exceedance_plant":
            text = i18n.t(
                "alert.plant",
                lang,
                name=name,
                month=r["period"],
                param=_param_name(r["parameter"], lang),
                value=_num(p.get("value")),
                limit=_num(p.get("limit_value")),
            )
            link = "plants?" + urlencode({"plants": r["subject_id"], "lang": lang})
        else:
            hours = p.get("hours") or config.silent_hours()
            text = (
                i18n.t("alert.silent", lang, name=name, since=p["last_at"], hours=hours)
                if p.get("last_at")
                else i18n.t("alert.silent_never", lang, name=name, hours=hours)
            )
            link = "weekly?" + urlencode({"lang": lang})
        out.append({"kind": kind, "text": text, "link": link})
    return out


def _plain(text: str) -> str:
    """Text for a robot's markdown: characters that would start markup are dropped, one line."""
    return "".join(" " if ch in "\r\n" else ("" if ch in "[]()<>*_`#|\\" else ch) for ch in text)


def message(df: pd.DataFrame, batch_id: int, lang: str, app_url: str | None = None) -> tuple[str, str, str]:
    """(title, markdown for the robots, plain text for e-mail) of a batch's alerts."""
    title = i18n.t("alert.push_title", lang, batch=batch_id, n=len(df))
    items = lines(df, lang)
    base = (app_url or "").rstrip("/")
    md, plain = [f"### {_plain(title)}"], [title, ""]
    for it in items:
        text = _plain(it["text"])
        md.append(f"- [{text}]({base}/{it['link']})" if base else f"- {text}")
        plain.append(f"- {it['text']}" + (f"\n  {base}/{it['link']}" if base else ""))
    return title, "\n".join(md), "\n".join(plain)


# ---------------------------------------------------------------------------------------- push
@dataclass
class Settings:
    """[alerts] of the secrets: webhook_url + format (wecom | dingtalk), and/or smtp_host, smtp_port,
    smtp_from, smtp_to, smtp_user, smtp_password, smtp_security (starttls | ssl | none); lang; app_url
    (links in the messages); attempts, backoff_s, max_seconds, timeout_s (retries within a bounded time)."""

    webhook_url: str | None = None
    format: str = "wecom"
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_from: str | None = None
    smtp_to: list[str] = field(default_factory=list)
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_security: str = "starttls"
    lang: str = "zh"
    app_url: str | None = None
    attempts: int = 4
    backoff_s: float = 1.0
    max_seconds: float = 30.0
    timeout_s: float = 10.0

    @property
    def channels(self) -> list[str]:
        out = []
        if self.webhook_url:
            out.append("webhook")
        if self.smtp_host and self.smtp_from and self.smtp_to:
            out.append("email")
        return out


def settings_from(section) -> Settings | None:
    """Settings from the [alerts] mapping; None when nothing is configured or it is malformed (logged)."""
    if not section:
        return None
    try:
        s = dict(section)
        to = s.get("smtp_to") or []
        fmt = str(s.get("format", "wecom")).lower()
        if fmt not in FORMATS:
            log.error("alerts: format must be one of %s, not %r: the webhook is not used", FORMATS, fmt)
            s["webhook_url"] = None
        out = Settings(
            webhook_url=s.get("webhook_url") or None,
            format=fmt,
            smtp_host=s.get("smtp_host") or None,
            smtp_port=int(s.get("smtp_port", 25)),
            smtp_from=s.get("smtp_from") or None,
            smtp_to=[to] if isinstance(to, str) else list(to),
            smtp_user=s.get("smtp_user") or None,
            smtp_password=s.get("smtp_password") or None,
            smtp_security=str(s.get("smtp_security", "starttls")).lower(),
            lang=s.get("lang", "zh") if s.get("lang") in i18n.LANGS else "zh",
            app_url=s.get("app_url") or None,
            attempts=max(1, int(s.get("attempts", 4))),
            backoff_s=max(0.0, float(s.get("backoff_s", 1.0))),
            max_seconds=max(1.0, float(s.get("max_seconds", 30.0))),
            timeout_s=max(0.5, float(s.get("timeout_s", 10.0))),
        )
    except (TypeError, ValueError) as exc:
        log.error("alerts: the [alerts] settings cannot be read (%s): nothing is pushed", exc)
        return None
    return out if out.channels else None


def secrets_files() -> list[Path]:
    """Where Streamlit reads secrets by default (the CLI reads the same): ~/.streamlit/secrets.toml,
    then ./.streamlit/secrets.toml (the later wins)."""
    return [Path.home() / ".streamlit" / "secrets.toml", Path.cwd() / ".streamlit" / "secrets.toml"]


def load_settings(paths: list | None = None) -> Settings | None:
    """The [alerts] settings from secrets files (a file that does not parse is logged and skipped)."""
    import tomllib

    section: dict = {}
    for path in paths if paths is not None else secrets_files():
        path = Path(path)
        if not path.is_file():
            continue
        try:
            with open(path, "rb") as fh:
                section.update(tomllib.load(fh).get("alerts") or {})
        except (OSError, ValueError) as exc:
            log.error("alerts: cannot read %s (%s)", path, type(exc).__name__)
    return settings_from(section)


class PushError(Exception):
    pass


def webhook_payload(fmt: str, title: str, text: str) -> dict:
    """The robot's JSON: WeCom {"msgtype":"markdown","markdown":{"content":...}}, DingTalk
    {"msgtype":"markdown","markdown":{"title":...,"text":...}}."""
    if fmt == "dingtalk":
        return {"msgtype": "markdown", "markdown": {"title": title, "text": text}}
    return {"msgtype": "markdown", "markdown": {"content": text}}


def send_webhook(url: str, payload: dict, timeout: float) -> None:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    req = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - a configured https URL
            answer = resp.read(65536)
    except urllib.error.HTTPError as exc:
        raise PushError(f"HTTP {exc.code}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise PushError(type(getattr(exc, "reason", exc)).__name__) from None
    try:
        data = json.loads(answer or b"{}")
    except ValueError:
        return  # 2xx without JSON: taken as delivered
    if isinstance(data, dict) and data.get("errcode") not in (None, 0):
        raise PushError(f"errcode {data.get('errcode')}")


def send_email(s: Settings, title: str, text: str, timeout: float) -> None:
    msg = email.message.EmailMessage()
    msg["Subject"], msg["From"], msg["To"] = title, s.smtp_from, ", ".join(s.smtp_to)
    msg.set_content(text)
    try:
        host = s.smtp_host or ""  # "" like None: smtplib connects only to a named host
        server: smtplib.SMTP
        if s.smtp_security == "ssl":
            server = smtplib.SMTP_SSL(host, s.smtp_port, timeout=timeout, context=ssl.create_default_context())
        else:
            server = smtplib.SMTP(host, s.smtp_port, timeout=timeout)
        with server:
            if s.smtp_security == "starttls":
                server.starttls(context=ssl.create_default_context())
            if s.smtp_user:
                server.login(s.smtp_user, s.smtp_password or "")
            server.send_message(msg)
    except (smtplib.SMTPException, OSError) as exc:
        raise PushError(type(exc).__name__) from None


def _with_retries(
    send: Callable[[float], None],
    s: Settings,
    deadline: float,
    sleep: Callable[[float], None],
    now: Callable[[], float],
) -> tuple[bool, int, str]:
    """(delivered, attempts, last error)."""
    error, attempt = "", 0
    for attempt in range(1, s.attempts + 1):
        left = deadline - now()
        if left <= 0:
            attempt -= 1
            error = error or "timeout"
            break
        try:
            send(min(s.timeout_s, left))
            return True, attempt, ""
        except PushError as exc:
            error = str(exc)
        if attempt < s.attempts:
            sleep(max(0.0, min(s.backoff_s * 2 ** (attempt - 1), deadline - now())))
    return False, attempt, error


def deliver(
    s: Settings,
    title: str,
    md: str,
    plain: str,
    sleep: Callable[[float], None] = time.sleep,
    now: Callable[[], float] = time.monotonic,
) -> dict[str, tuple[bool, int, str]]:
    """Send to every configured channel: {channel: (delivered, attempts, last error)}."""
    deadline = now() + s.max_seconds
    out = {}
    if "webhook" in s.channels and s.webhook_url:  # the channel is there when the address is
        url, payload = s.webhook_url, webhook_payload(s.format, title, md)
        out["webhook"] = _with_retries(lambda t: send_webhook(url, payload, t), s, deadline, sleep, now)
    if "email" in s.channels:
        out["email"] = _with_retries(lambda t: send_email(s, title, plain, t), s, deadline, sleep, now)
    return out


def push(batch_id: int, settings: Settings | None, db: Path | None = None) -> dict | None:
    """Push a batch's alerts and record the outcome on them. None when there is nothing to push or
    nowhere to push it; never raises."""
    try:
        if settings is None or not settings.channels:
            return None
        with store.read_connection(db) as con:
            df = store.execute(con, "alerts/batch_alerts", batch_id=int(batch_id))
        if df.empty:
            return None
        title, md, plain = message(df, int(batch_id), settings.lang, settings.app_url)
        result = deliver(settings, title, md, plain)
        ok = all(r[0] for r in result.values())
        detail = json.dumps({ch: {"ok": r[0], "attempts": r[1], "error": r[2]} for ch, r in result.items()})
        with store.write_transaction(db) as con:
            con.execute(
                sql.sql_text("alerts/mark_pushed"),
                {
                    "batch_id": int(batch_id),
                    "status": "sent" if ok else "failed",
                    "attempts": max(r[1] for r in result.values()),
                    "detail": detail,
                    "pushed_at": clock.now(),
                },
            )
        (log.info if ok else log.warning)(
            "alerts of batch %s: push %s (%s)", batch_id, "sent" if ok else "failed", detail_text(detail, "en")
        )
        return {"ok": ok, "detail": detail, "channels": result}
    except Exception:  # noqa: BLE001 - a push never fails anything
        log.exception("alerts: pushing batch %s failed", batch_id)
        return None


def detail_text(detail: str | None, lang: str) -> str:
    """The recorded outcome of a push (push_detail, JSON per channel) in words."""
    try:
        channels = json.loads(detail or "{}")
    except ValueError:
        return str(detail or "")
    sep = "；" if lang == "zh" else "; "
    return sep.join(
        i18n.t(
            "alert.ch_ok" if r.get("ok") else "alert.ch_failed",
            lang,
            channel=i18n.t(f"alert.channel.{ch}", lang),
            n=r.get("attempts", 0),
            error=r.get("error", ""),
        )
        for ch, r in channels.items()
        if ch in ("webhook", "email")
    )


def push_in_background(batch_id: int, settings: Settings | None, db: Path | None = None) -> threading.Thread | None:
    """push() in a daemon thread (the Data page: the page never waits for a robot or a mail server)."""
    if settings is None or not settings.channels:
        return None
    db = Path(db) if db else config.db_path()
    thread = threading.Thread(target=push, args=(batch_id, settings, db), name=f"bishui-alerts-{batch_id}", daemon=True)
    thread.start()
    return thread


def latest(db: Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the latest run, its alerts), both empty for a warehouse without alerts (an older one)."""
    with store.read_connection(db) as con:
        if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'alert_runs'").fetchall()[0][0]:
            return pd.DataFrame(), pd.DataFrame()
        return store.execute(con, "alert_runs_latest"), store.execute(con, "alerts_latest")
