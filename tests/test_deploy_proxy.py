"""Several replicas behind a proxy, on one machine (issue 16.12): nginx (deploy/nginx/) in front of two
`streamlit run` processes reading one warehouse, loopback only. Sticky sessions (nginx's routing cookie:
every request of a browser, the websocket included, reaches one replica; browsers spread over both), the
websocket upgrade, an import by another process (the CLI) served by both replicas after the swap, and 30
concurrent sessions through the proxy with zero errors. The production site file (TLS) passes `nginx -t`.
Sessions are driven by tests/streamlit_client.py (HTTP + Streamlit's websocket protocol, no browser)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.streamlit_client import get_page, session

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
N_SESSIONS = 30
NEW_MONTH_ZH = "2026年1月"  # the newest month in the picker (labelled: not complete)
IMPORT = "断面名称,采样日期,监测项目,监测值,单位\n" + "".join(
    f"徒骇河聊位路桥,2026-01-12,{p},{v},mg/L\n" for p, v in [("溶解氧", "8.1"), ("氨氮", "0.52"), ("总磷", "0.11")]
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(url)
        time.sleep(0.3)


def upstream_conf(ports: list[int]) -> str:
    """deploy/nginx/bishui-upstream.conf with the test's app ports instead of 8501, 8502."""
    text = (DEPLOY / "nginx" / "bishui-upstream.conf").read_text(encoding="utf-8")
    assert "127.0.0.1:8501" in text and "127.0.0.1:8502" in text
    return text.replace("127.0.0.1:8501", f"127.0.0.1:{ports[0]}").replace("127.0.0.1:8502", f"127.0.0.1:{ports[1]}")


def main_conf(work: Path, http_body: str) -> str:
    """A self-contained nginx.conf (temp files, logs and pid in work/) around http_body."""
    user = "user root;\n" if os.geteuid() == 0 else ""
    temps = "\n".join(f"    {k}_temp_path {work / k};" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""{user}worker_processes 1;
pid {work / "nginx.pid"};
error_log {work / "error.log"} warn;
events {{ worker_connections 512; }}
http {{
{temps}
    log_format routes '$status $upstream_addr $cookie_bishui_route $bishui_route "$request"';
    access_log {work / "access.log"} routes;
{http_body}
}}
"""


@pytest.fixture(scope="module")
def stack(tmp_path_factory, sample_db):
    """nginx on a loopback port in front of two app processes sharing one warehouse."""
    work = tmp_path_factory.mktemp("proxy")
    db = work / "w.duckdb"
    shutil.copyfile(sample_db, db)
    ports = [free_port(), free_port()]
    proxy_port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}  # the shipped config
    env.update(BISHUI_DB=str(db), BISHUI_TRUSTED_PROXY="1", STREAMLIT_SERVER_COOKIE_SECRET="same-for-all-replicas")
    procs: list[subprocess.Popen] = []
    try:
        for port in ports:
            procs.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "streamlit",
                        "run",
                        "app.py",
                        "--server.address",
                        "127.0.0.1",
                        "--server.port",
                        str(port),
                        "--server.headless",
                        "true",
                        "--server.fileWatcherType",
                        "none",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=open(work / f"app-{port}.log", "wb"),
                    stderr=subprocess.STDOUT,
                )
            )
        (work / "bishui-upstream.conf").write_text(upstream_conf(ports), encoding="utf-8")
        server = f"""    include {work / "bishui-upstream.conf"};
    server {{
        listen 127.0.0.1:{proxy_port};
        include {DEPLOY / "nginx" / "bishui-locations.conf"};
    }}"""
        (work / "nginx.conf").write_text(main_conf(work, server), encoding="utf-8")
        check = subprocess.run(
            [NGINX, "-t", "-p", str(work), "-e", str(work / "error.log"), "-c", str(work / "nginx.conf")],
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0, check.stderr
        procs.append(
            subprocess.Popen(
                [
                    NGINX,
                    "-p",
                    str(work),
                    "-e",
                    str(work / "error.log"),
                    "-c",
                    str(work / "nginx.conf"),
                    "-g",
                    "daemon off;",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.STDOUT,
            )
        )
        for port in ports:
            wait_http(f"http://127.0.0.1:{port}/_stcore/health")
        wait_http(f"http://127.0.0.1:{proxy_port}/_stcore/health")
        yield {"base": f"http://127.0.0.1:{proxy_port}", "ports": ports, "work": work, "db": db, "env": env}
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()


def routes(work: Path) -> list[tuple[str, str, str, str]]:
    """(status, upstream, route cookie sent, route used) of every proxied request so far."""
    out = []
    for line in (work / "access.log").read_text(encoding="utf-8").splitlines():
        status, upstream, cookie, route = line.split(" ", 4)[:4]
        out.append((status, upstream, cookie, route))
    return out


def run_async(coro):
    """asyncio.run in a thread of its own: under xdist this file can share a worker with the browser
    tests, whose sync Playwright keeps an event loop running in the main thread."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def run_all(coros):
    async def gather():
        return await asyncio.gather(*coros, return_exceptions=True)

    return run_async(gather())


def test_sticky_sessions_websocket_and_30_concurrent_sessions(stack):
    base, work = stack["base"], stack["work"]
    status, body, cookie = get_page(base)
    assert status == 200 and "<html" in body.lower() and cookie.startswith("bishui_route=")
    # No warm-up visit: concurrent first deep links on brand-new servers must each run inside app.py's
    # frame (bishui.app.ui.leave_pages_directory_mode; once a race on Streamlit's process-wide pages mode).
    pages = ["", "sections", "outfalls", "plants", "targets", "data"]
    started = time.perf_counter()
    runs = run_all(
        [
            session(base, pages[i % len(pages)], "lang=zh" if i % 2 else "lang=en", timeout=150)
            for i in range(N_SESSIONS)
        ]
    )
    elapsed = time.perf_counter() - started
    failures = [
        r if isinstance(r, BaseException) else (r.status, r.exceptions)
        for r in runs
        if isinstance(r, BaseException) or not r.ok
    ]
    assert not failures, failures
    assert all(r.options and r.texts for r in runs), [
        (i, r.status, list(r.options), r.texts[:2]) for i, r in enumerate(runs) if not (r.options and r.texts)
    ]
    assert elapsed < 120, elapsed
    print(
        f"{N_SESSIONS} concurrent sessions through nginx: {elapsed:.1f} s, slowest {max(r.seconds for r in runs):.1f} s"
    )
    log = routes(work)
    # every request of a session (page, assets, health, the websocket: 101) went to one replica
    by_route: dict[str, set[str]] = {}
    for status, upstream, _, route in log:
        by_route.setdefault(route, set()).add(upstream)
    cookies = {r.cookie.split("=", 1)[1] for r in runs}
    assert len(cookies) == N_SESSIONS
    for c in cookies:
        assert len(by_route[c]) == 1, (c, by_route[c])
    websockets_ok = [row for row in log if row[0] == "101"]
    assert len(websockets_ok) >= N_SESSIONS
    # browsers spread over both replicas
    used = {next(iter(by_route[c])) for c in cookies}
    assert used == {f"127.0.0.1:{p}" for p in stack["ports"]}, used
    assert all(int(s) < 400 for s, *_ in log), [row for row in log if int(row[0]) >= 400]
    errors = [line for line in (work / "error.log").read_text().splitlines() if "[error]" in line or "[crit]" in line]
    assert not errors, errors


def test_an_import_by_another_process_is_served_by_both_replicas(stack, tmp_path):
    base, work = stack["base"], stack["work"]
    before = run_all([session(f"http://127.0.0.1:{p}") for p in stack["ports"]])
    assert all(r.ok for r in before) and all(r.options["报告月份"][0].startswith("2025年12月") for r in before)
    f = tmp_path / "jan.csv"
    f.write_text(IMPORT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "bishui", "import", str(f)],
        cwd=ROOT,
        env=stack["env"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    # through the proxy, pinned to each replica by its routing cookie, and at each replica directly
    log = routes(work)
    pinned = {}
    for _, upstream, _, route in log:
        pinned.setdefault(upstream, route)
    assert len(pinned) == 2
    after = run_all([session(f"http://127.0.0.1:{p}") for p in stack["ports"]])
    for r in after:
        assert r.ok and r.options["报告月份"][0].startswith(NEW_MONTH_ZH), r.options

    for upstream, route in pinned.items():
        r = run_async(_pinned_session(base, route))
        assert r.ok and r.options["报告月份"][0].startswith(NEW_MONTH_ZH), (upstream, r.options)
        assert routes(work)[-1][1] == upstream


async def _pinned_session(base: str, route: str):
    """A session through the proxy that already holds a routing cookie (a returning browser)."""
    return await session(base, cookie=f"bishui_route={route}")


def test_production_site_config_passes_nginx_t(tmp_path):
    """deploy/nginx/bishui-site.conf as installed (TLS, redirect), with a throwaway certificate and
    loopback ports instead of 80/443."""
    cert, key = tmp_path / "fullchain.pem", tmp_path / "privkey.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=bishui.example.gov.cn",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    (tmp_path / "bishui-upstream.conf").write_text(upstream_conf([8501, 8502]), encoding="utf-8")
    site = (DEPLOY / "nginx" / "bishui-site.conf").read_text(encoding="utf-8")
    site = (
        site.replace("/etc/nginx/bishui-upstream.conf", str(tmp_path / "bishui-upstream.conf"))
        .replace("/etc/nginx/bishui-locations.conf", str(DEPLOY / "nginx" / "bishui-locations.conf"))
        .replace("/etc/ssl/bishui/fullchain.pem", str(cert))
        .replace("/etc/ssl/bishui/privkey.pem", str(key))
    )
    site = re.sub(r"listen \[::\]:\d+[^;]*;", "", site)
    site = site.replace("listen 80;", f"listen 127.0.0.1:{free_port()};")
    site = site.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{free_port()} ssl http2;")
    (tmp_path / "nginx.conf").write_text(main_conf(tmp_path, site), encoding="utf-8")
    check = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr
