"""Serving the dashboard notebook as a web app with Voilà (``followkit dashboard``).

The dashboard shows young people's names, employers and phone numbers, so the
server is only for the worker who started it (docs/data-protection.md):

- it listens on 127.0.0.1 only, on exactly the port asked for;
- it asks for a fresh random token per start (the printed URL carries it);
  the token is written to a private settings file, never on a command line
  that other accounts can read with ``ps``;
- it refuses requests whose ``Host`` header is not a loopback name (DNS
  rebinding from a web page in the worker's browser);
- it never shows a traceback in the page;
- it keeps its settings, the kernel's connection files and IPython's profile
  in one private folder that is removed when the server stops; a folder left
  by a killed server is removed at the next start;
- its kernel is this Python's own (an ``ipykernel`` in the same environment),
  whatever other Jupyter kernels the machine has;
- its page loads nothing from outside the machine (followkit's own Voilà
  template, ``followkit/dashboard/share/voila/templates/followkit``).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any, TextIO

from followkit.core.errors import FollowkitError
from followkit.core.io import process_running
from followkit.core.resources import NOTEBOOKS, resource_path

# Voilà's own default (10 MB, tornado's) is too small for a large tracker upload.
WEBSOCKET_MAX_BYTES = 100 * 1024 * 1024
CELL_TIMEOUT_SECONDS = 180
SETTINGS_PREFIX = "followkit-dashboard-"
HOST = "127.0.0.1"


@dataclass(frozen=True)
class ServerPlan:
    """What ``followkit dashboard`` starts: the command, its environment, the URL to open.

    ``settings`` is the private folder (mode 0700) holding the token, the kernel
    spec and the runtime files; :func:`serve` removes it when the server stops.
    """

    command: list[str]
    env: dict[str, str]
    url: str
    port: int
    settings: Path
    token: str


def voila_root() -> Path:
    """The Jupyter data folder holding followkit's Voilà template (``voila/templates``)."""
    return Path(str(files("followkit.dashboard").joinpath("share")))


def dashboard_notebook() -> Path:
    """The dashboard notebook shipped with followkit."""
    return resource_path(NOTEBOOKS, "dashboard.ipynb")


def plan_server(*, input_path: Path | None, as_of: date | None, port: int,
                token: bool = True, timezone: str | None = None,
                tmp_root: Path | None = None) -> ServerPlan:
    """Prepare the private settings folder and the Voilà command line.

    Parameters
    ----------
    input_path
        A tracker to open at start, or None.
    as_of
        The as-of date to start with, or None for the notebook's today.
    port
        The loopback port; the server does not move to another one.
    token
        False only where something else authenticates every request (a
        JupyterHub or an authenticating proxy in front of the server).
    timezone
        The agency's time zone (``--timezone``), whose date the dashboard calls
        today; None for the policy's own.
    tmp_root
        Where the settings folder goes (default: the system's temporary folder).
    """
    notebook = dashboard_notebook()
    sweep_stale_settings(tmp_root)
    settings = Path(tempfile.mkdtemp(prefix=f"{SETTINGS_PREFIX}{os.getpid()}-", dir=tmp_root))
    secret = secrets.token_urlsafe(32) if token else ""
    _write_settings(settings, token=secret)
    command = [
        sys.executable, "-m", "voila", str(notebook),
        f"--port={port}",
        f"--Voila.ip={HOST}",
        "--Voila.port_retries=0",
        "--no-browser",
        "--template=followkit",
        f"--VoilaExecutor.timeout={CELL_TIMEOUT_SECONDS}",
        "--theme=light",
    ]
    env = dict(os.environ)
    env.update({
        "FOLLOWKIT_INPUT": str(input_path.resolve()) if input_path else "",
        "FOLLOWKIT_AS_OF": as_of.isoformat() if as_of else "",
        "FOLLOWKIT_TIMEZONE": timezone or "",
        "IPYTHONDIR": str(settings / "ipython"),
        # Only our settings: a user's own ~/.jupyter config cannot turn the token off.
        "JUPYTER_CONFIG_DIR": str(settings),
        "JUPYTER_CONFIG_PATH": str(settings),
        # Our kernel spec and template first, so no other "python3" kernel is used.
        "JUPYTER_PATH": os.pathsep.join((str(settings), str(voila_root()))),
        "JUPYTER_RUNTIME_DIR": str(settings / "runtime"),
        "MPLBACKEND": "Agg",
    })
    query = f"?token={secret}" if secret else ""
    return ServerPlan(command, env, f"http://{HOST}:{port}/{query}", port, settings, secret)


def _write_settings(folder: Path, *, token: str) -> None:
    """voila.json, this Python's kernel spec and an IPython profile without history."""
    (folder / "runtime").mkdir(mode=0o700)
    tornado = {
        "websocket_max_message_size": WEBSOCKET_MAX_BYTES,
        # Voilà turns the Host check off; a page elsewhere could then reach the
        # server through a DNS name pointing at 127.0.0.1. Turn it back on.
        "allow_remote_access": False,
        "local_hostnames": ["localhost"],
    }
    voila: dict[str, Any] = {"tornado_settings": tornado,
                             "connection_dir_root": str(folder / "runtime")}
    if token:
        voila["token"] = token
    config = {"Voila": voila, "VoilaConfiguration": {"show_tracebacks": False}}
    _private_write(folder / "voila.json", json.dumps(config))
    kernel = folder / "kernels" / "python3"
    kernel.mkdir(parents=True)
    _private_write(kernel / "kernel.json", json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (followkit)", "language": "python",
        "metadata": {"debugger": False}}))
    profile = folder / "ipython" / "profile_default"
    profile.mkdir(parents=True)
    for name in ("ipython_kernel_config.py", "ipython_config.py"):
        _private_write(profile / name, "c.HistoryManager.enabled = False\n")


def _private_write(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)


def sweep_stale_settings(tmp_root: Path | None = None) -> list[Path]:
    """Remove settings folders of dashboards that are no longer running.

    A server killed outright (SIGKILL, a power cut) cannot remove its folder;
    the next start does. Only this account's folders whose process is gone are
    touched.
    """
    root = Path(tmp_root or tempfile.gettempdir())
    removed = []
    for folder in root.glob(f"{SETTINGS_PREFIX}*"):
        pid = folder.name[len(SETTINGS_PREFIX):].split("-", 1)[0]
        try:
            if folder.stat().st_uid != os.getuid() or process_running(int(pid)):
                continue
        except (ValueError, OSError):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


LOG_NAME = "voila.log"  # Voilà's own messages, in the private settings folder
LOG_LINES_SHOWN = 15


def serve(plan: ServerPlan, *, open_browser: bool = False, out: TextIO = sys.stdout,
          wait_seconds: float = 120) -> int:
    """Run the server until it stops (Ctrl+C, SIGTERM); then remove the settings folder.

    The terminal shows one address to open, printed (and opened, if asked) once
    the server listens. Voilà's own messages (its address without the token, its
    notes on the kernel's local connection) go to a log file in the private
    settings folder, removed with it; if the server stops before it listens, the
    last lines of that log are shown, since then they say why.
    """
    log_path = plan.settings / LOG_NAME
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(plan.command, env=plan.env, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
    previous = _forward_signals(proc)
    try:
        if _wait_for_port(plan.port, proc, wait_seconds):
            print(f"followkit dashboard: open this address in your web browser "
                  f"(press Ctrl+C here to stop it):\n    {plan.url}", file=out, flush=True)
            if open_browser:
                webbrowser.open(plan.url)
        else:
            _say_why_it_stopped(proc, log_path, out)
        while True:
            try:
                return proc.wait()
            except KeyboardInterrupt:
                # The terminal sent SIGINT to the whole group: Voilà stops itself.
                proc.send_signal(signal.SIGTERM)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        shutil.rmtree(plan.settings, ignore_errors=True)


def _say_why_it_stopped(proc: subprocess.Popen[bytes], log_path: Path, out: TextIO) -> None:
    """The dashboard did not start: say so, with the end of Voilà's log."""
    state = "stopped" if proc.poll() is not None else "did not answer in time"
    try:
        lines = log_path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    print(f"followkit dashboard: the server {state} before it could be opened. "
          "Its last messages:", file=out, flush=True)
    for line in lines[-LOG_LINES_SHOWN:]:
        print(f"    {line}", file=out, flush=True)


def _forward_signals(proc: subprocess.Popen[bytes]) -> dict[int, Any]:
    """SIGTERM and SIGHUP to this process stop the server too (then the folder goes)."""
    def forward(signum: int, _frame: Any) -> None:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)

    previous: dict[int, Any] = {}
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            previous[sig] = signal.signal(sig, forward)
    return previous


def _wait_for_port(port: int, proc: subprocess.Popen[bytes], seconds: float,
                   sleep: Callable[[float], None] = time.sleep) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return True
        except OSError:
            sleep(0.2)
    return False


def check_port_free(port: int) -> None:
    """Refuse early, in plain words, a port some other program already uses."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        # As the server itself binds: a port whose last connections are still closing
        # (TIME_WAIT, right after Ctrl+C) is free; one something listens on is not.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((HOST, port))
        except OSError as e:
            raise FollowkitError(
                f"port {port} is already in use (is the dashboard already running?); "
                f"stop the other one or start with --port {port + 1}") from e
