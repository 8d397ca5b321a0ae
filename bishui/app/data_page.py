"""Helpers of the 数据 Data page (pages/data.py stays layout only): the editor gate, the prepared
import plan kept across reruns, the report tables, when the confirm button is enabled, undo, and
the download bytes (made only when a button is clicked).

Everything goes through bishui.ingest, the same code as `python -m bishui import`."""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import os
import threading
import time
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Callable

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import streamlit as st

from bishui.db import alerts, canonical, store
from bishui import config, i18n, ingest, safe_text
from bishui.views import export
from bishui.app import ui
from bishui.db.sql import sql_text
from bishui.ingest import columns as ingest_columns
from bishui.ingest import vocab, warehouse as ingest_wh
from bishui.ingest import schema as ingest_schema

UPLOAD_TYPES = ["csv", "txt", "xlsx", "xlsm", "xls", "ods", "geojson", "json"]
AUTO = "auto"
KINDS = list(ingest.KINDS_IN_ORDER)
PREVIEW_ROWS = 50
SHOW_MAX = 1000  # report rows shown on screen; the download has them all
UNDO_LIST = 10  # batches offered for undo

PLAN_KEY = "data_plan"  # {"hash", "file_id", "kind", "lang", "version", "plan"}
RESULT_KEY = "data_result"  # what the last apply did, shown after the rerun
UPLOAD_N_KEY = "data_upload_n"  # bumped to empty the uploader after an import
APPLY_KEY = "data_apply"  # hash of the plan whose confirm button was clicked
UNDO_KEY = "data_undo_pending"  # batch id waiting for confirmation
UNDONE_KEY = "data_undone"  # batch id just undone (message after the rerun)
EDITOR_KEY = "data_editor"  # digest of the editor password entered in this session

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# ---- editors ------------------------------------------------------------------------------------
log = logging.getLogger("bishui.auth")
if not log.handlers and not logging.getLogger().handlers:  # Streamlit configures only its own loggers
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(_handler)
    log.setLevel(logging.INFO)
PLACEHOLDER = "CHANGE-ME"  # the editor_password of .streamlit/secrets.toml.example


@dataclass(frozen=True)
class Gate:
    """Who may import and undo, from Streamlit secrets. Nothing configured: everyone. A secrets file
    that exists but cannot be read or parsed: nobody (broken, fail closed)."""

    password: str | None = None
    oidc: bool = False
    providers: tuple[str | None, ...] = ()  # None = the default [auth] provider
    emails: tuple[str, ...] = ()  # editors when OIDC is used (empty: anyone signed in)
    broken: bool = False  # the secrets file exists but does not parse

    @property
    def configured(self) -> bool:
        return bool(self.password) or self.oidc or self.broken


def gate_from(password: Any = None, auth: Any = None, emails: Any = None) -> Gate:
    """A Gate from the secrets editor_password, [auth] and editor_emails (pure)."""
    pw = str(password) if password not in (None, "") else None
    oidc = isinstance(auth, Mapping) and len(auth) > 0
    providers: list[str | None] = []
    if oidc:
        if "client_id" in auth:
            providers.append(None)
        providers += [k for k, v in auth.items() if isinstance(v, Mapping)]
    if isinstance(emails, str):
        emails = [emails]
    mails = tuple(str(e).strip().lower() for e in (emails or ()) if str(e).strip())
    if pw is not None and PLACEHOLDER in pw.upper():  # copied from secrets.toml.example unchanged
        log.error("editor_password is still the placeholder of secrets.toml.example: editing is disabled")
        return Gate(None, oidc, tuple(providers) or ((None,) if oidc else ()), mails, broken=not oidc)
    return Gate(pw, oidc, tuple(providers) or ((None,) if oidc else ()), mails)


def secrets_paths() -> list[str]:
    """The secrets files (or folders) Streamlit reads (its option secrets.files)."""
    from streamlit import config as st_config

    return list(st_config.get_option("secrets.files") or [])


def broken_secrets(paths: list[str] | None = None) -> str | None:
    """The first secrets file that exists but cannot be read or parsed as TOML, else None."""
    import tomllib

    for path in secrets_paths() if paths is None else paths:
        if not path.endswith(".toml") or not os.path.lexists(path):
            continue
        try:
            with open(path, "rb") as fh:
                tomllib.load(fh)
        except (OSError, ValueError) as exc:  # TOMLDecodeError is a ValueError; a folder, no access
            log.error(
                "secrets file %s cannot be read (%s): editing is disabled until it is fixed", path, type(exc).__name__
            )
            return path
    return None


def read_gate() -> Gate:
    """The Gate configured in st.secrets. Fails closed: a secrets file that exists but does not parse
    (or any error reading secrets) disables editing rather than opening it to everyone."""
    if broken_secrets() is not None:
        return Gate(broken=True)
    try:
        if not st.secrets.load_if_toml_exists():
            if any(os.path.lexists(p) for p in secrets_paths()):  # present but unloadable
                log.error("secrets cannot be loaded: editing is disabled until they are fixed")
                return Gate(broken=True)
            return Gate()
        return gate_from(st.secrets.get("editor_password"), st.secrets.get("auth"), st.secrets.get("editor_emails"))
    except Exception:  # noqa: BLE001 - whatever went wrong, nobody edits
        log.exception("secrets cannot be read: editing is disabled until they are fixed")
        return Gate(broken=True)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def password_ok(given: str, expected: str) -> bool:
    """Constant-time comparison of the entered password with the configured one."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def _user() -> Mapping:
    try:
        return st.user
    except Exception:
        return {}


class Throttle:
    """Failed password attempts per key (this session, this client address) with growing delays:
    FREE failures are free, then each further failure doubles the wait (1 s, 2 s, 4 s ... MAX_WAIT_S).
    Nothing sleeps: an attempt made during the wait is refused unchecked ("try again in N s").
    Records older than FORGET_S without a failure are forgotten; at most MAX_KEYS are kept."""

    FREE = 3
    MAX_WAIT_S = 900.0
    FORGET_S = 3600.0
    MAX_KEYS = 10_000

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self._fails: dict[str, tuple[int, float]] = {}  # key -> (failures, time of the last one)
        self._lock = threading.Lock()

    def _delay(self, n: int) -> float:
        return 0.0 if n < self.FREE else min(2.0 ** (n - self.FREE), self.MAX_WAIT_S)

    def wait(self, keys: list[str]) -> float:
        """Seconds until another attempt is allowed for all of keys (0: now)."""
        now = self.clock()
        with self._lock:
            waits = [0.0]
            for k in keys:
                n, last = self._fails.get(k, (0, now))
                if now - last > self.FORGET_S:
                    self._fails.pop(k, None)
                    continue
                waits.append(last + self._delay(n) - now)
            return max(waits)

    def fail(self, keys: list[str]) -> int:
        """Record a failure for every key; returns the largest failure count."""
        now = self.clock()
        with self._lock:
            counts = []
            for k in keys:
                n, last = self._fails.pop(k, (0, now))
                n = 1 if now - last > self.FORGET_S else n + 1
                self._fails[k] = (n, now)
                counts.append(n)
            while len(self._fails) > self.MAX_KEYS:
                self._fails.pop(next(iter(self._fails)))
            return max(counts)

    def succeed(self, keys: list[str]) -> None:
        with self._lock:
            for k in keys:
                self._fails.pop(k, None)


THROTTLE = Throttle()  # process-wide: one per app server (each replica keeps its own)


def _session_id() -> str:
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx(suppress_warning=True)
        return ctx.session_id if ctx is not None else "-"
    except Exception:  # noqa: BLE001 - outside a script run
        return "-"


def client_address() -> str:
    """The client's address: behind a trusted proxy (BISHUI_TRUSTED_PROXY=1) the X-Real-IP header the
    proxy sets, else the connection's address ('local' for loopback)."""
    try:
        if config.trusted_proxy():
            real = st.context.headers.get("X-Real-Ip")
            if isinstance(real, str) and real.strip():
                return real.strip()[:64]
        ip = st.context.ip_address
        return ip if isinstance(ip, str) and ip else "local"
    except Exception:  # noqa: BLE001 - outside a script run
        return "local"


def _throttle_keys() -> list[str]:
    return [f"session:{_session_id()}", f"client:{client_address()}"]


def actor(who: str | None, name: str | None = None) -> str:
    """Who is recorded for an import or undo made in this session: the OIDC user, or
    'editor (password)' (with the name typed, if any), or 'anonymous' when no gate is configured,
    always with the client address and a short session id (never the server's OS account)."""
    name = (name or "").strip()
    if who:
        base = f"{who} (OIDC)"
    elif st.session_state.get(EDITOR_KEY):
        base = f"{name} · editor (password)" if name else "editor (password)"
    else:
        base = f"{name} · anonymous" if name else "anonymous"
    return f"{base} · client {client_address()} · session {_session_id()[:8]}"


def editor_status(gate: Gate) -> tuple[bool, str | None]:
    """(may edit, who): who is the signed-in user's e-mail or name with OIDC, else None."""
    if gate.broken:
        return False, None
    if not gate.configured:
        return True, None
    if gate.oidc:
        user = _user()
        if user.get("is_logged_in"):
            who = str(user.get("email") or user.get("name") or "")
            if not gate.emails or who.lower() in gate.emails:
                return True, who
    if gate.password and st.session_state.get(EDITOR_KEY) == _digest(gate.password):
        return True, None
    return False, None


def _unlock(gate: Gate) -> None:
    given = st.session_state.get("data_password", "")
    st.session_state["data_password"] = ""
    keys = _throttle_keys()
    wait = THROTTLE.wait(keys)
    if wait > 0:
        st.session_state["data_wrong_pw"] = math.ceil(wait)  # refused unchecked
        log.warning(
            "editor sign-in refused (throttled %.0f s): client=%s session=%s", wait, client_address(), _session_id()[:8]
        )
        return
    if gate.password and password_ok(given, gate.password):
        THROTTLE.succeed(keys)
        st.session_state[EDITOR_KEY] = _digest(gate.password)
        st.session_state.pop("data_wrong_pw", None)
        log.info("editor signed in with the password: client=%s session=%s", client_address(), _session_id()[:8])
    else:
        n = THROTTLE.fail(keys)
        st.session_state["data_wrong_pw"] = True
        log.warning("wrong editor password (failure %d): client=%s session=%s", n, client_address(), _session_id()[:8])


def gate_panel(gate: Gate, editor: bool, who: str | None) -> None:
    """The sign-in line (or form) shown above the upload."""
    if gate.broken:
        st.error(ui.tr("data.gate.broken"), icon=":material/lock:")
        return
    if not gate.configured:
        st.caption(":material/lock_open: " + ui.tr("data.gate.open"))
        return
    user = _user()
    if editor:
        c1, c2 = st.columns([4, 1], vertical_alignment="center")
        if who is not None:
            c1.caption(":material/verified_user: " + ui.tr("data.gate.as_user", who=safe_text.md(who)))
            if c2.button(ui.tr("data.gate.logout"), key="data_logout", type="tertiary", icon=":material/logout:"):
                st.logout()
        else:
            c1.caption(":material/verified_user: " + ui.tr("data.gate.as_editor"))
            c2.button(
                ui.tr("data.gate.lock"),
                key="data_lock",
                type="tertiary",
                icon=":material/lock:",
                on_click=lambda: st.session_state.pop(EDITOR_KEY, None),
            )
        return
    st.info(ui.tr("data.gate.viewer"), icon=":material/lock:")
    if gate.oidc:
        if user.get("is_logged_in"):
            st.warning(ui.tr("data.gate.not_editor", who=safe_text.md(user.get("email") or user.get("name") or "?")))
            if st.button(ui.tr("data.gate.logout"), key="data_logout_other"):
                st.logout()
        else:
            for i, provider in enumerate(gate.providers):
                label = (
                    ui.tr("data.gate.login_default")
                    if provider is None
                    else ui.tr("data.gate.login", provider=provider)
                )
                if st.button(label, key=f"data_login_{i}", icon=":material/login:"):
                    st.login(provider)
    if gate.password:
        with st.columns([2, 3])[0], st.form("data_gate_form", border=False, enter_to_submit=True):
            st.text_input(ui.tr("data.gate.password"), type="password", key="data_password")
            st.form_submit_button(ui.tr("data.gate.unlock"), on_click=_unlock, args=(gate,))
        wrong = st.session_state.get("data_wrong_pw")
        if wrong is True:
            st.error(ui.tr("data.gate.wrong"))
        elif wrong:
            st.error(ui.tr("data.gate.throttled", n=int(wrong)), icon=":material/timer:")


# ---- upload and the prepared plan ----------------------------------------------------------------
def cap_mb() -> float:
    return config.upload_cap_mb()


def too_large(n_bytes: int, cap: float) -> bool:
    return n_bytes > cap * 1024 * 1024


def cap_text(cap: float) -> str:
    return f"{cap:g}"


def uploader_key() -> str:
    return f"data_upload_{st.session_state.get(UPLOAD_N_KEY, 0)}"


def kind_label(kind: str) -> str:
    """The kind's name in the app's language (AUTO: 'detect automatically')."""
    key = f"data.kind.{kind}"
    return i18n.t(key, ui.lang()) if i18n.has(key) else kind


def progress_callback(bar) -> Callable[[float, str], None]:
    """An ingest progress callback that moves a st.progress bar, naming the step in the app's language."""
    lang = ui.lang()

    def update(fraction: float, step: str) -> None:
        key = f"data.step.{step}"
        bar.progress(min(max(float(fraction), 0.0), 1.0), text=i18n.t(key, lang) if i18n.has(key) else step)

    return update


def cached_plan(
    state: MutableMapping,
    name: str,
    file_id: str | None,
    load: Callable[[], bytes],
    kind: str,
    lang: str,
    version: str,
    prepare: Callable[[bytes], ingest.Plan],
) -> ingest.Plan:
    """The plan for this upload, prepared once: kept in state under PLAN_KEY, keyed by the file's hash
    (and kind override, language and warehouse version, which change the report). The same upload
    (file_id) is not even hashed again."""
    slot = state.get(PLAN_KEY) or {}
    same_setting = bool(slot) and (slot["kind"], slot["lang"], slot["version"], slot["name"]) == (
        kind,
        lang,
        version,
        name,
    )
    if same_setting and file_id is not None and slot["file_id"] == file_id:
        return slot["plan"]
    data = load()
    digest = hashlib.sha256(data).hexdigest()
    if same_setting and slot["hash"] == digest:
        slot["file_id"] = file_id
        return slot["plan"]
    shown = state.get(RESULT_KEY)
    if shown and shown.get("hash") != digest:  # a different file: the last import's message goes
        state.pop(RESULT_KEY, None)
    plan = prepare(data)
    state[PLAN_KEY] = {
        "hash": digest,
        "file_id": file_id,
        "kind": kind,
        "lang": lang,
        "version": version,
        "name": name,
        "plan": plan,
    }
    return plan


def plan_for(upload, kind: str) -> ingest.Plan:
    """Prepare the uploaded file (with a progress bar) unless this session already did."""
    lang = ui.lang()
    holder = st.empty()

    def prepare(data: bytes) -> ingest.Plan:
        # in a child process with memory and time limits: a hostile file can only fail its own check;
        # the child is killed when this session ends or reruns (a new upload, another kind)
        bar = holder.progress(0.0, text=ui.tr("data.progress.prepare"))
        try:
            return ingest.prepare_isolated(
                (upload.name, data),
                kind=None if kind == AUTO else kind,
                lang=lang,
                progress=progress_callback(bar),
                should_stop=session_gone(),
            )
        finally:
            holder.empty()

    return cached_plan(
        st.session_state,
        upload.name,
        getattr(upload, "file_id", None),
        upload.getvalue,
        kind,
        lang,
        store.warehouse_version(),
        prepare,
    )


def session_gone() -> Callable[[], bool]:
    """A check that is True once this Streamlit session has ended (the browser tab closed)."""
    try:
        from streamlit.runtime import Runtime
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx(suppress_warning=True)
        session_id = ctx.session_id if ctx is not None else None
    except Exception:  # pragma: no cover - no Streamlit runtime
        session_id = None

    def gone() -> bool:
        if session_id is None or not Runtime.exists():
            return False
        try:
            return not Runtime.instance().is_active_session(session_id)
        except Exception:  # pragma: no cover - runtime shutting down
            return True

    return gone


def forget_plan() -> None:
    st.session_state.pop(PLAN_KEY, None)


# ---- the report ---------------------------------------------------------------------------------
def _localise(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    return df.rename(columns={c: i18n.t(f"data.col.{c}", lang) for c in df.columns if i18n.has(f"data.col.{c}")})


def _drop_empty_sheet(df: pd.DataFrame) -> pd.DataFrame:
    if "sheet" in df and not df["sheet"].astype("string").fillna("").str.len().gt(0).any():
        return df.drop(columns="sheet")
    return df


def problems_view(problems: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The problems table as shown: sheet (when any), row, column, value, reason, severity."""
    df = _drop_empty_sheet(problems.drop(columns=[c for c in ("file", "code") if c in problems]))
    df = df.assign(
        severity=df["severity"].map(lambda s: i18n.t(f"data.sev.{s}", lang) if i18n.has(f"data.sev.{s}") else s),
        value=df["value"].map(lambda v: "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)),
    )
    return _localise(df.reset_index(drop=True), lang)


def conflicts_view(conflicts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The conflicts side by side: row, record, field, warehouse value, file value."""
    df = _drop_empty_sheet(conflicts.drop(columns=[c for c in ("file",) if c in conflicts]))
    return _localise(df.rename(columns={"column": "field"}).reset_index(drop=True), lang)


def preview_view(plan: ingest.Plan, lang: str, n: int = PREVIEW_ROWS) -> pd.DataFrame:
    """The first n parsed rows in canonical form, headed like the import template, with their import status."""
    df = _drop_empty_sheet(plan.preview(n))
    if df.empty:
        return df
    if "geom_wkb" in df:
        df = df.assign(geom_wkb=df["geom_wkb"].map(lambda b: "" if b is None else f"<{len(b)} B>"))
    df["import_status"] = df["import_status"].map(
        lambda s: i18n.t(f"data.status.{s}", lang) if i18n.has(f"data.status.{s}") else s
    )
    for c in df.columns:  # references and parameters by name, as the file wrote them, not by id
        names = reference_names(plan.kind, c, lang)
        if names:
            df[c] = df[c].map(lambda v, names=names: _named(v, names, lang))
    names = {}
    for c in df.columns:
        if i18n.has(f"data.col.{c}"):
            names[c] = i18n.t(f"data.col.{c}", lang)
        else:
            try:
                spec = ingest_columns.column(plan.kind or "", c)  # no kind: KeyError like an unknown one
                names[c] = spec.zh if lang == "zh" else spec.en
            except KeyError:
                names[c] = c
    return df.rename(columns=names)


def reference_names(kind: str | None, column: str, lang: str) -> dict[str, str] | None:
    """id -> name in lang for a column that refers to sections, towns, rivers, ... or parameters
    (None for other columns); a missing English name falls back to the Chinese one."""
    try:
        spec = ingest_columns.column(kind, column) if kind else None
    except KeyError:
        spec = None
    ref = "parameters" if column == "parameter" else (spec.ref if spec is not None else None)
    if ref == "parameters":
        return {
            code: (row["name_en"] if lang == "en" and row.get("name_en") else row["name_zh"])
            for code, row in vocab.parameters().items()
        }
    if ref not in ingest_wh.REF_QUERIES:
        info = ingest_schema.columns(kind).get(column) if kind else None
        if lang == "zh" and info is not None and info.allowed:  # codes such as river / district in words
            return {a: vocab.value_label_zh(column, a) for a in info.allowed}
        return None
    with store.read_connection() as con:
        df = ingest_wh.run(con, ingest_wh.REF_QUERIES[ref])
    if df is None:
        return None
    out = {}
    for i, zh, en in zip(df["id"].astype(str), df["name_zh"], df["name_en"]):
        name = en if lang == "en" and isinstance(en, str) and en else zh
        out[i] = name if isinstance(name, str) and name else i
    return out


def _named(value, names: dict[str, str], lang: str):
    if isinstance(value, str):
        return names.get(value, value)
    items = value.tolist() if hasattr(value, "tolist") else value  # a list column (numpy array or list)
    if isinstance(items, (list, tuple)):
        return ("、" if lang == "zh" else ", ").join(names.get(str(v), str(v)) for v in items)
    return value


def verdict(plan: ingest.Plan) -> tuple[str, str]:
    """(level, text) of the one-line outcome of the check: level is error | warning | info | success."""
    p = plan.problems
    if plan.fatal:
        fatal = p[(p["severity"] == "error") & p["row"].isna()]
        reason = "; ".join(dict.fromkeys(fatal["reason"].astype(str))) if len(fatal) else ""
        return "error", ui.tr("data.verdict.fatal", reason=safe_text.md(reason))
    if plan.already_imported is not None:
        return "info", ui.tr("data.verdict.already", batch=plan.already_imported)
    if plan.n_errors:
        return "warning", ui.tr("data.verdict.errors", n=plan.n_errors, rows=plan.n_rejected)
    if plan.n_conflicts:
        return "warning", ui.tr("data.verdict.conflicts", n=plan.n_conflicts)
    if plan.n_new == 0:
        return "info", ui.tr("data.verdict.nothing")
    return "success", ui.tr("data.verdict.ok", n=plan.n_new)


def write_counts(plan: ingest.Plan, skip_invalid: bool, replace: bool) -> dict[str, int]:
    """What confirming would write: new rows, replaced rows, rows skipped (invalid or kept conflicts)."""
    replaced = plan.n_conflicts if replace else 0
    skipped = (plan.n_rejected if skip_invalid else 0) + (0 if replace else plan.n_conflicts)
    return {"new": plan.n_new, "replaced": replaced, "skipped": skipped}


def confirm_state(plan: ingest.Plan, skip_invalid: bool, replace: bool) -> tuple[bool, str | None]:
    """(enabled, why-not i18n key) for the confirm button: disabled while there are errors unless
    skip_invalid, conflicts unless replace (or skip_invalid, which leaves them out), or nothing to write."""
    if plan.fatal:
        return False, "data.why.fatal"
    if plan.already_imported is not None:
        return False, "data.why.already"
    if plan.n_rejected and not skip_invalid:
        return False, "data.why.errors"
    if plan.n_conflicts and not (replace or skip_invalid):
        return False, "data.why.conflicts"
    counts = write_counts(plan, skip_invalid, replace)
    if counts["new"] + counts["replaced"] == 0:
        return False, "data.why.nothing"
    return True, None


def result_summary(plan: ingest.Plan, result: ingest.BatchResult) -> dict:
    """What to show after the rerun that follows an apply."""
    return {
        "status": result.status,
        "message": result.message,
        "batch": result.batch_id,
        "file": plan.file_name,
        "hash": plan.file_hash,
        "added": result.rows_added,
        "replaced": result.rows_replaced,
        "rejected": result.rows_rejected,
        "unchanged": result.rows_unchanged,
        "rejected_csv": result.rejected_csv,
    }


def apply_plan(plan: ingest.Plan, skip_invalid: bool, replace: bool, user: str | None) -> dict:
    """Import with a progress bar; forget the plan; empty the uploader unless the file can be retried."""
    holder = st.empty()
    bar = holder.progress(0.0, text=ui.tr("data.progress.apply"))
    try:
        result = ingest.apply(
            plan, replace=replace, skip_invalid=skip_invalid, user=user or None, progress=progress_callback(bar)
        )
    finally:
        holder.empty()
    if result.status == "imported" and result.batch_id is not None:  # pushed after the import committed
        alerts.push_in_background(result.batch_id, alert_settings())
    summary = result_summary(plan, result)
    st.session_state[RESULT_KEY] = summary
    forget_plan()
    if result.status != "rejected":
        st.session_state[UPLOAD_N_KEY] = st.session_state.get(UPLOAD_N_KEY, 0) + 1
    return summary


def alert_settings() -> alerts.Settings | None:
    """[alerts] of the Streamlit secrets (None when absent or unreadable: nothing is pushed)."""
    try:
        if broken_secrets() is not None or not st.secrets.load_if_toml_exists():
            return None
        return alerts.settings_from(st.secrets.get("alerts"))
    except Exception:  # noqa: BLE001 - no push rather than a failed page
        log.exception("alerts: the [alerts] secrets cannot be read")
        return None


def rejected_file_name(file_name: str) -> str:
    return export.file_name(PurePath(file_name).stem, "rejected", ext="csv")


def _table(view: pd.DataFrame, name: str, stem: str, key: str) -> None:
    """A report table (the first SHOW_MAX rows on screen) with CSV/Excel of all of it."""
    st.dataframe(
        view.head(SHOW_MAX),
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * min(len(view), 10), 400),
        placeholder="",
    )
    if len(view) > SHOW_MAX:
        st.caption(ui.tr("data.shown_first", n=SHOW_MAX, total=len(view)))
    ui.download_buttons(view, stem, name, key=key)


def _view(plan: ingest.Plan, which: str, lang: str) -> pd.DataFrame:
    """problems_view / conflicts_view, made once per plan (a large bad file has many problems)."""
    slot = st.session_state.get(PLAN_KEY)
    views = slot.setdefault("views", {}) if slot and slot.get("plan") is plan else {}
    if which not in views:
        views[which] = (
            problems_view(plan.problems, lang) if which == "problems" else conflicts_view(plan.conflicts, lang)
        )
    return views[which]


def show_report(plan: ingest.Plan) -> None:
    """The check of an uploaded file: verdict, counts, problems, conflicts, notes, preview."""
    lang = ui.lang()
    level, text = verdict(plan)
    getattr(st, level)(text)
    if plan.kind is None:
        st.caption(ui.tr("data.kind_hint"))
        return
    st.caption(ui.tr("data.kind_found", kind=kind_label(plan.kind)))
    counts = [
        ("data.count.valid", plan.n_valid),
        ("data.count.rejected", plan.n_rejected),
        ("data.count.new", plan.n_new),
        ("data.count.same", plan.n_same),
        ("data.count.conflicts", plan.n_conflicts),
    ]
    for col, (key, n) in zip(st.columns(len(counts)), counts):
        col.metric(ui.tr(key), f"{n:,}", border=True)
    stem = PurePath(plan.file_name).stem
    if len(plan.problems):
        st.subheader(ui.tr("data.problems"))
        st.caption(ui.tr("data.problems_caption"))
        _table(_view(plan, "problems", lang), "problems", stem, "data_problems")
    if len(plan.conflicts):
        st.subheader(ui.tr("data.conflicts"))
        _table(_view(plan, "conflicts", lang), "conflicts", stem, "data_conflicts")
    if plan.notes:
        st.subheader(ui.tr("data.notes"))
        for note in plan.notes:
            st.caption(safe_text.md(note))
    preview = preview_view(plan, lang)
    if not preview.empty:
        st.subheader(ui.tr("data.preview"))
        st.dataframe(preview, hide_index=True, width="stretch", height=min(38 + 35 * len(preview), 420), placeholder="")
        st.caption(ui.tr("data.preview_caption", n=len(preview), total=plan.n_valid + plan.n_rejected))


def show_confirm(plan: ingest.Plan, who: str | None) -> None:
    """The explicit confirm: the two options, who, why the button is disabled, the button."""
    if plan.fatal or plan.already_imported is not None:
        return
    st.subheader(ui.tr("data.confirm_head"))
    can_skip = bool(plan.n_rejected or plan.n_conflicts)
    skip = st.checkbox(ui.tr("data.skip_invalid"), key="data_skip", disabled=not can_skip) and can_skip
    replace = st.checkbox(ui.tr("data.replace"), key="data_replace", disabled=not plan.n_conflicts) and bool(
        plan.n_conflicts
    )
    name = (
        None if who is not None else st.columns([2, 3])[0].text_input(ui.tr("data.user"), key="data_user", max_chars=60)
    )
    user = actor(who, name)
    enabled, why = confirm_state(plan, skip, replace)
    st.caption(ui.tr(why) if not enabled and why else ui.tr("data.will_write", **write_counts(plan, skip, replace)))
    # the click is recorded by a callback (it survives a rerun before this line); the import runs here,
    # in place, with its progress bar
    st.button(
        ui.tr("data.confirm"),
        type="primary",
        disabled=not enabled,
        key="data_confirm",
        icon=":material/upload:",
        on_click=lambda: st.session_state.update({APPLY_KEY: plan.file_hash}),
    )
    if st.session_state.pop(APPLY_KEY, None) == plan.file_hash and enabled:
        apply_plan(plan, skip, replace, user)
        st.rerun()


def show_last_result() -> None:
    """What the last import did (until dismissed or another file is checked)."""
    done = st.session_state.get(RESULT_KEY)
    if not done:
        return
    if done["status"] == "imported":
        st.success(
            ui.tr(
                "data.done",
                batch=done["batch"],
                file=safe_text.md(done["file"]),
                added=done["added"],
                replaced=done["replaced"],
                unchanged=done["unchanged"],
                rejected=done["rejected"],
            ),
            icon=":material/check_circle:",
        )
        if done["rejected_csv"]:
            st.download_button(
                ui.tr("data.rejected_download"),
                data=done["rejected_csv"],
                file_name=rejected_file_name(done["file"]),
                mime="text/csv",
                key="data_rejected_dl",
                on_click="ignore",
                icon=":material/download:",
            )
    elif done["status"] == "rejected":
        st.error(ui.tr("data.not_imported", message=safe_text.md(done["message"])))
    else:
        st.info(safe_text.md(done["message"]))
    st.button(
        ui.tr("data.dismiss"),
        key="data_dismiss",
        type="tertiary",
        icon=":material/close:",
        on_click=lambda: st.session_state.pop(RESULT_KEY, None),
    )


# ---- history and undo ---------------------------------------------------------------------------
def history_view(hist: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The import history as shown (newest first), kinds and statuses in words, the hash shortened."""
    df = hist.copy()
    df["kind"] = [
        i18n.t("data.hist.build", lang)
        if k == "build"
        else (i18n.t(f"data.kind.{k}", lang) if i18n.has(f"data.kind.{k}") else k)
        for k in df["kind"]
    ]
    df["status"] = df["status"].map(lambda s: i18n.t(f"data.hist.{s}", lang) if i18n.has(f"data.hist.{s}") else s)
    df["file_hash"] = df["file_hash"].fillna("").astype(str).str[:12]
    for c in ("imported_at", "undone_at"):
        df[c] = pd.to_datetime(df[c]).dt.strftime("%Y-%m-%d %H:%M:%S").fillna("")
    df["file_name"] = df["file_name"].fillna("").astype(str).map(lambda s: PurePath(s).name or s)
    for c in ("imported_by", "undone_by"):
        df[c] = df[c].fillna("").astype(str)
    return _localise(df, lang)


def undoable(hist: pd.DataFrame, limit: int = UNDO_LIST) -> pd.DataFrame:
    """Applied import batches (not the initial build), newest first."""
    df = hist[(hist["batch_id"] > 0) & (hist["status"] == "applied")]
    return df.sort_values("batch_id", ascending=False).head(limit)


def undo(batch_id: int, user: str | None, lang: str) -> str | None:
    """Undo a batch; None when done, else the reason (UndoError's message in lang)."""
    try:
        ingest.undo(int(batch_id), user=user or None, lang=lang)
    except ingest.UndoError as exc:
        return str(exc)
    return None


def _confirm_undo(batch_id: int, user: str | None, lang: str) -> None:
    """on_click of 'yes, undo': runs before the script, outside app.py's frame, so no ui.tr/ui.lang here."""
    st.session_state.pop(UNDO_KEY, None)
    error = undo(batch_id, user, lang)
    if error:
        st.session_state["data_undo_error"] = i18n.t("data.undo_failed", lang, message=safe_text.md(error))
    else:
        st.session_state[UNDONE_KEY] = batch_id


def undo_panel(hist: pd.DataFrame, who: str | None) -> None:
    """An undo button per applied batch (the latest UNDO_LIST), each asking for confirmation."""
    st.subheader(ui.tr("data.undo_head"))
    done = st.session_state.pop(UNDONE_KEY, None)
    if done is not None:
        st.success(ui.tr("data.undo_done", batch=done), icon=":material/undo:")
    error = st.session_state.pop("data_undo_error", None)
    if error:
        st.error(error)
    rows = undoable(hist)
    if rows.empty:
        st.caption(ui.tr("data.undo_none"))
        return
    user = actor(who, None if who is not None else st.session_state.get("data_user"))
    pending = st.session_state.get(UNDO_KEY)
    for r in rows.itertuples():
        b = int(r.batch_id)
        c1, c2 = st.columns([5, 1], vertical_alignment="center")
        c1.markdown(
            safe_text.md(
                ui.tr(
                    "data.undo_line",
                    batch=b,
                    when=pd.Timestamp(r.imported_at).strftime("%Y-%m-%d %H:%M"),
                    kind=kind_label(r.kind),
                    file=PurePath(str(r.file_name)).name,
                    added=int(r.rows_added),
                    replaced=int(r.rows_replaced),
                )
            )
        )
        c2.button(
            ui.tr("data.undo"),
            key=f"data_undo_{b}",
            icon=":material/undo:",
            width="stretch",
            on_click=lambda b=b: st.session_state.update({UNDO_KEY: b}),
        )
        if pending == b:
            with st.container(border=True):
                st.warning(
                    ui.tr(
                        "data.undo_ask",
                        batch=b,
                        file=safe_text.md(PurePath(str(r.file_name)).name),
                        added=int(r.rows_added),
                        replaced=int(r.rows_replaced),
                    )
                )
                y, n, _ = st.columns([1, 1, 3])
                y.button(
                    ui.tr("data.undo_yes"),
                    key=f"data_undo_yes_{b}",
                    type="primary",
                    on_click=_confirm_undo,
                    args=(b, user, ui.lang()),
                )
                n.button(
                    ui.tr("data.undo_no"),
                    key=f"data_undo_no_{b}",
                    on_click=lambda: st.session_state.pop(UNDO_KEY, None),
                )
    if len(undoable(hist, limit=10_000)) > UNDO_LIST:
        st.caption(ui.tr("data.undo_more", n=UNDO_LIST))


# ---- downloads ----------------------------------------------------------------------------------
def table_counts() -> dict[str, int]:
    """Rows per importable table (cached per warehouse version)."""
    df = store.query("data_table_counts")
    return dict(zip(df["kind"], df["n_rows"].astype(int)))


def table_arrow(kind: str) -> pa.Table:
    """Every row of kind's table as Arrow, straight from DuckDB (no pandas on the way); lists joined
    with ';' and geometry as WKT in 'geometry', as the importer reads them back."""
    if kind not in ingest.KINDS_IN_ORDER:
        raise ValueError(kind)
    sql = "\n".join(line for line in sql_text("ingest/table_rows").splitlines() if not line.lstrip().startswith("--"))
    with store.read_connection() as con:
        table = con.sql(sql.format(table=kind)).to_arrow_table()
    names, cols = [], []
    derived = canonical.DERIVED_COLUMNS.get(kind, ())  # the warehouse's own keys: not data
    for field, col in zip(table.schema, table.columns):
        if field.name in derived:
            continue
        if pa.types.is_list(field.type) or pa.types.is_large_list(field.type):
            col = pc.binary_join(col, ";")
        elif pa.types.is_binary(field.type) or pa.types.is_large_binary(field.type):
            import shapely

            wkb = col.to_numpy(zero_copy_only=False)
            col = pa.array(shapely.to_wkt(shapely.from_wkb(wkb), rounding_precision=7), pa.string())
            field = pa.field("geometry", pa.string())
        names.append(field.name)
        cols.append(col)
    return pa.Table.from_arrays(cols, names=names)


def table_csv(kind: str) -> bytes:
    return export.arrow_csv_bytes(table_arrow(kind))


def table_xlsx(kind: str, title: str | None = None) -> bytes:
    return export.xlsx_bytes(table_arrow(kind).to_pandas(), sheet_name=kind, title=title)


def table_buttons(kind: str, n_rows: int) -> None:
    """CSV and (when it fits in a sheet) Excel of a whole table; the bytes are made on click."""
    c1, c2 = st.columns(2)
    c1.download_button(
        ui.tr("download.csv"),
        data=lambda: table_csv(kind),
        file_name=export.file_name(kind, ext="csv"),
        mime="text/csv",
        key=f"data_tbl_csv_{kind}",
        width="stretch",
        on_click="ignore",
        icon=":material/download:",
    )
    if n_rows <= export.XLSX_MAX_ROWS:
        title = ui.download_title(kind_label(kind), kind)
        c2.download_button(
            ui.tr("download.xlsx"),
            data=lambda: table_xlsx(kind, title),
            file_name=export.file_name(kind, ext="xlsx"),
            mime=XLSX_MIME,
            key=f"data_tbl_xlsx_{kind}",
            width="stretch",
            on_click="ignore",
            icon=":material/download:",
        )
    else:
        c2.caption(ui.tr("data.dl.no_xlsx"))


def template_buttons(kind: str) -> None:
    """The import template of kind in the app's language, xlsx and CSV; the bytes are made on click."""
    lang = ui.lang()
    c1, c2 = st.columns(2)
    c1.download_button(
        ui.tr("data.dl.template_xlsx"),
        data=lambda: ingest.template(kind, lang, "xlsx"),
        file_name=export.file_name("template", kind, lang, ext="xlsx"),
        mime=XLSX_MIME,
        key=f"data_tpl_xlsx_{kind}",
        width="stretch",
        on_click="ignore",
        icon=":material/description:",
    )
    c2.download_button(
        ui.tr("data.dl.template_csv"),
        data=lambda: ingest.template(kind, lang, "csv"),
        file_name=export.file_name("template", kind, lang, ext="csv"),
        mime="text/csv",
        key=f"data_tpl_csv_{kind}",
        width="stretch",
        on_click="ignore",
        icon=":material/description:",
    )
