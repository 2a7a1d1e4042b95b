"""Real-browser fixtures: a real `streamlit run` on a free port, driven by Debian's Chromium.

The facilitator's browser opens the app on this machine (loopback: the host). Participants'
phones cannot be told apart from that on one machine (Linux connects from 127.0.0.1 whatever
loopback address is dialled), so tests of what participants may do run a server with
``CEMWORKSHOP_TRUST_LOCALHOST=0``, where only links and PINs grant rights.
In CI (``CI=true``) a missing browser fails the run; locally it skips with the reason.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CEMWORKSHOP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return CHROMIUM
    reason = f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason + " — browser tests must not be skipped in CI")
    pytest.skip(reason)


class Server:
    def __init__(self, port: int, db: Path, proc: subprocess.Popen):
        self.port, self.db, self.proc = port, db, proc

    @property
    def host_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def phone_url(self) -> str:
        return f"http://127.0.0.2:{self.port}"


def start_server(tmp: Path, *, demo: bool = False, extra_env: dict | None = None) -> Server:
    """`streamlit run app.py` on a free port with its own database; waits until it is healthy."""
    port = _free_port()
    db = tmp / "browser.db"
    env = dict(os.environ)
    env.update(
        CEMWORKSHOP_DB=str(db),
        CEMWORKSHOP_PUBLIC_URL=f"http://127.0.0.2:{port}",
        **({} if demo else {"CEMWORKSHOP_NO_DEMO": "1"}),
        **(extra_env or {}),
    )
    log = open(tmp / "server.log", "w")  # noqa: SIM115 — closed with the process
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "cemworkshop",
            "--server.port", str(port), "--server.address", "0.0.0.0",
            "--server.headless", "true",
        ],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return Server(port, db, proc)
        except OSError:
            time.sleep(0.3)
        if proc.poll() is not None:
            break
    proc.kill()
    raise RuntimeError(f"streamlit did not start: {(tmp / 'server.log').read_text()}")


def stop_server(srv: Server) -> None:
    srv.proc.terminate()
    try:
        srv.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        srv.proc.kill()


@pytest.fixture
def server(tmp_path):
    """A server where this machine's browser is the host (as after `make run`)."""
    srv = start_server(tmp_path)
    yield srv
    stop_server(srv)


@pytest.fixture
def strict_server(tmp_path):
    """A server that trusts no browser by its address: rights come only from links and PINs."""
    srv = start_server(tmp_path, extra_env={"CEMWORKSHOP_TRUST_LOCALHOST": "0"})
    yield srv
    stop_server(srv)


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def new_page(browser, request):
    """Pages in fresh browser contexts (separate cookies and storage: separate people)."""
    contexts = []

    def make(width=1280, height=720):
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        # Markup in user text must never run: any alert/confirm is a failure.
        page.on("dialog", lambda d: pytest.fail(f"a dialog opened: {d.message}"))
        return page

    yield make
    out = ROOT / "test-artifacts"
    if getattr(request.node, "rep_call", None) and request.node.rep_call.failed:
        out.mkdir(exist_ok=True)
        for i, context in enumerate(contexts):
            for j, page in enumerate(context.pages):
                page.screenshot(path=str(out / f"{request.node.name}-{i}-{j}.png"), full_page=True)
    for context in contexts:
        context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, f"rep_{rep.when}", rep)
