"""Helpers of the browser tests: Debian's chromium, a server started as a worker would.

Every page is opened with all requests to anything but 127.0.0.1 aborted and
counted: the dashboard must ask nothing of any server but followkit's own.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")


def need_browser() -> None:
    if Path(CHROMIUM).is_file():
        return
    message = (f"BROWSER TEST NOT RUN: no chromium at {CHROMIUM}; `make test` installs "
               "Debian's chromium with apt-get")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """A running server: the address it printed, its log, the process."""

    url: str
    log: Path
    proc: subprocess.Popen[bytes]
    blocked: list[str] = field(default_factory=list)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


@contextmanager
def started(command: list[str], *, cwd: Path, log: Path, env: dict[str, str] | None = None,
            url_prefix: str = "http://127.0.0.1:", timeout: float = 120) -> Iterator[Server]:
    """Start a server, wait for the address it prints (with its token), stop it after."""
    with log.open("wb") as out:
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=out,
                                stderr=subprocess.STDOUT)
    try:
        url = _printed_url(proc, log, url_prefix, timeout)
        yield Server(url, log, proc)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        print(log.read_text(errors="replace")[-3000:])


def _printed_url(proc: subprocess.Popen[bytes], log: Path, prefix: str,
                 timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in log.read_text(errors="replace").splitlines():
            # Servers also log their address with the token elided ("?token=..."): skip.
            word = line.strip().split(" ")[-1]
            if word.startswith(prefix) and "token=" in word and not word.endswith("..."):
                return word
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}:\n"
                               + log.read_text(errors="replace")[-3000:])
        time.sleep(0.25)
    raise TimeoutError("the server never printed its address:\n"
                       + log.read_text(errors="replace")[-3000:])


def open_page(playwright: Any, url: str, *, blocked: list[str],
              problems: list[str] | None = None,
              viewport: tuple[int, int] = (1400, 1250)) -> tuple[Any, Any]:
    """Headless Debian chromium on ``url``; every non-loopback request aborted and listed."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=CHROMIUM_ARGS)
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]},
                            accept_downloads=True)

    def route(route: Any) -> None:
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    if problems is not None:
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.set_default_timeout(180_000)
    # Assertions wait as long as a busy 2-core machine may need (an 8 MB upload, a
    # kernel start), not playwright's 5 s default.
    from playwright.sync_api import expect

    expect.set_options(timeout=60_000)
    page.goto(url)
    return browser, page


AXE = Path(__file__).resolve().parent / ".npm" / "node_modules" / "axe-core" / "axe.min.js"


def need_axe() -> Path:
    """axe-core's script, vendored from the npm registry by `make test` (tests/.npm)."""
    if AXE.is_file():
        return AXE
    message = (f"ACCESSIBILITY TEST NOT RUN: no axe-core at {AXE}; `make test` runs "
               "`npm install --prefix tests/.npm axe-core@4`")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.length,
    targets: v.nodes.slice(0, 3).map(n => n.target.join(" ") + " :: " + n.failureSummary)}));
}"""


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (the script injected once)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(need_axe()))
    return list(page.evaluate(AXE_RUN))
