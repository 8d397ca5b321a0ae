"""A minimal Streamlit client without a browser: one HTTP GET of the page (through a proxy: it sets the
routing cookie) and one websocket session (/_stcore/stream, Streamlit's protobuf messages) that runs the
app once, like a browser's first visit, and reports how the run ended. Light enough to open dozens of
sessions at once on a small machine (tests/test_deploy_proxy.py)."""

from __future__ import annotations

import asyncio
import http.cookies
import time
import urllib.request
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState, ContextInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


@dataclass
class Run:
    """What one session saw: how the script ended, exceptions shown, texts and selectbox options."""

    status: str = "none"
    exceptions: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    options: dict[str, list[str]] = field(default_factory=dict)  # selectbox label -> options
    cookie: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status == "FINISHED_SUCCESSFULLY" and not self.exceptions


def get_page(base: str, path: str = "/", cookie: str = "") -> tuple[int, str, str]:
    """GET base+path: (status, body, cookie header to send next: the route cookie set by the proxy)."""
    req = urllib.request.Request(base + path, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(req, timeout=30) as resp:
        body = resp.read().decode("utf-8", "replace")
        jar = http.cookies.SimpleCookie()
        for header in resp.headers.get_all("Set-Cookie") or []:
            jar.load(header)
        sent = "; ".join(f"{k}={v.value}" for k, v in jar.items()) or cookie
        return resp.status, body, sent


def _collect(msg: ForwardMsg, run: Run) -> None:
    if msg.WhichOneof("type") != "delta":
        return
    delta = msg.delta
    if delta.WhichOneof("type") != "new_element":
        return
    el = delta.new_element
    kind = el.WhichOneof("type")
    if kind == "exception":
        run.exceptions.append(f"{el.exception.type}: {el.exception.message}")
    elif kind in ("markdown", "alert", "heading", "text"):
        run.texts.append(getattr(el, kind).body)
    elif kind == "selectbox":
        run.options[el.selectbox.label] = list(el.selectbox.options)


async def session(base: str, page: str = "", query: str = "", timeout: float = 60.0, cookie: str = "") -> Run:
    """Visit base/page?query like a browser's first load (with cookie: a returning browser) and wait for
    the script run to finish."""
    run = Run()
    started = time.perf_counter()
    _, _, cookie = await asyncio.to_thread(get_page, base, "/" + page + ("?" + query if query else ""), cookie)
    run.cookie = cookie
    ws_url = base.replace("http://", "ws://").replace("https://", "wss://") + "/_stcore/stream"
    headers = {"Cookie": cookie} if cookie else {}
    async with websockets.connect(
        ws_url, subprotocols=["streamlit"], additional_headers=headers, max_size=None, open_timeout=timeout
    ) as ws:
        state = ClientState(
            query_string=query,
            page_name=page,
            context_info=ContextInfo(timezone="Asia/Shanghai", locale="zh-CN", url=base + "/" + page),
        )
        await ws.send(BackMsg(rerun_script=state).SerializeToString())
        deadline = time.monotonic() + timeout
        while True:
            raw = await asyncio.wait_for(ws.recv(), max(0.1, deadline - time.monotonic()))
            msg = ForwardMsg.FromString(raw)
            _collect(msg, run)
            kind = msg.WhichOneof("type")
            if kind == "page_not_found":
                run.status = "PAGE_NOT_FOUND"
                break
            if kind == "script_finished":
                run.status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                if msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    break
                run.texts.clear()
                run.options.clear()
    run.seconds = time.perf_counter() - started
    return run
