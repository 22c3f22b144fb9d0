"""`followkit dashboard`: the server plan, and a real server with its token and Host check."""

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from followkit.core.errors import FollowkitError
from followkit.dashboard.app import (
    SETTINGS_PREFIX,
    WEBSOCKET_MAX_BYTES,
    check_port_free,
    plan_server,
    sweep_stale_settings,
)

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_plan_is_loopback_fixed_port_private_and_tokened(tmp_path):
    tracker = tmp_path / "t.xlsx"
    tracker.write_bytes(b"x")
    plan = plan_server(input_path=tracker, as_of=date(2026, 11, 20), port=8899,
                       tmp_root=tmp_path)
    assert plan.command[1:3] == ["-m", "voila"]
    assert plan.command[3].endswith("dashboard.ipynb") and Path(plan.command[3]).is_file()
    for flag in ("--port=8899", "--Voila.ip=127.0.0.1", "--Voila.port_retries=0",
                 "--no-browser", "--template=followkit"):
        assert flag in plan.command
    assert not any(plan.token in part for part in plan.command), "token visible in ps"
    assert len(plan.token) >= 40
    assert plan.url == f"http://127.0.0.1:8899/?token={plan.token}"
    assert plan.env["FOLLOWKIT_INPUT"] == str(tracker.resolve())
    assert plan.env["FOLLOWKIT_AS_OF"] == "2026-11-20"
    settings = plan.settings
    assert settings.parent == tmp_path and settings.name.startswith(SETTINGS_PREFIX)
    assert stat.S_IMODE(settings.stat().st_mode) == 0o700
    config = json.loads((settings / "voila.json").read_text())
    assert stat.S_IMODE((settings / "voila.json").stat().st_mode) == 0o600
    assert config == {
        "Voila": {"token": plan.token,
                  "connection_dir_root": str(settings / "runtime"),
                  "tornado_settings": {"websocket_max_message_size": WEBSOCKET_MAX_BYTES,
                                       "allow_remote_access": False,
                                       "local_hostnames": ["localhost"]}},
        "VoilaConfiguration": {"show_tracebacks": False}}
    kernel = json.loads((settings / "kernels" / "python3" / "kernel.json").read_text())
    assert kernel["argv"][0] == sys.executable
    assert plan.env["JUPYTER_PATH"].split(os.pathsep)[0] == str(settings)
    assert plan.env["JUPYTER_CONFIG_DIR"] == str(settings)
    assert plan.env["JUPYTER_RUNTIME_DIR"] == str(settings / "runtime")
    assert "HistoryManager.enabled = False" in (
        Path(plan.env["IPYTHONDIR"]) / "profile_default" / "ipython_kernel_config.py"
    ).read_text()


def test_no_token_plan_has_no_token(tmp_path):
    plan = plan_server(input_path=None, as_of=None, port=8899, token=False, tmp_root=tmp_path)
    assert plan.url == "http://127.0.0.1:8899/"
    assert "token" not in json.loads((plan.settings / "voila.json").read_text())["Voila"]


def test_voila_really_loads_those_settings(tmp_path):
    plan = plan_server(input_path=None, as_of=None, port=8899, tmp_root=tmp_path)
    code = ("import os, sys\nfrom voila.app import Voila\na = Voila()\n"
            "a.initialize(sys.argv[1:])\n"
            "t = a.tornado_settings\n"
            "print(t['websocket_max_message_size'], t['allow_remote_access'], a.port_retries,"
            " a.ip, a.token == os.environ['EXPECTED'], a.voila_configuration.template,"
            " a.voila_configuration.show_tracebacks)")
    done = subprocess.run([sys.executable, "-c", code, *plan.command[4:]],
                          env=dict(plan.env, EXPECTED=plan.token), capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(WEBSOCKET_MAX_BYTES), "False", "0", "127.0.0.1",
                                   "True", "followkit", "False"]


def test_stale_settings_of_dead_servers_are_swept(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f"{SETTINGS_PREFIX}{dead.pid}-abc"
    live = tmp_path / f"{SETTINGS_PREFIX}{os.getpid()}-def"
    other = tmp_path / "followkit-something-else"
    for folder in (stale, live, other):
        (folder / "runtime").mkdir(parents=True)
    assert sweep_stale_settings(tmp_path) == [stale]
    assert not stale.exists() and live.exists() and other.exists()


def test_a_busy_port_is_refused_in_plain_words():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        with pytest.raises(FollowkitError, match=rf"port {port} is already in use.*--port"):
            check_port_free(port)


def _get(url: str, host: str | None = None) -> tuple[int, str, str]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, response.read().decode("utf-8", "replace"), ""
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace"), e.headers.get("Location", "")


def _start(tmp_path: Path, port: int) -> subprocess.Popen[str]:
    env = dict(os.environ, TMPDIR=str(tmp_path))
    return subprocess.Popen(
        [sys.executable, "-m", "followkit", "dashboard", str(ROOT / "data" /
         "sample_tracker.xlsx"), "--as-of", "2026-11-20", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _read_url(proc: subprocess.Popen[str], deadline: float,
              seen: list[str] | None = None) -> str:
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        if seen is not None:
            seen.append(line.rstrip("\n"))
        if line.strip().startswith("http://127.0.0.1:"):
            return line.strip()
    raise AssertionError("the dashboard never printed its address")


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl+C"])
def test_server_token_host_check_and_nothing_left_behind(tmp_path, stop):
    port = _free_port()
    proc = _start(tmp_path, port)
    try:
        url = _read_url(proc, time.monotonic() + 120)
        base = f"http://127.0.0.1:{port}/"
        assert url.startswith(base + "?token=")
        token = url.split("=", 1)[1]
        # Without the token: sent to the login page, no data.
        status, body, location = _get(base)
        assert status in (302, 403), status
        assert "/login" in location or status == 403
        assert "Sofia" not in body and "Oakridge" not in body
        status, body, _ = _get(base + "?token=wrong")
        assert status in (302, 403) and "Oakridge" not in body
        # A foreign Host header (DNS rebinding) is refused even with the token.
        status, _, _ = _get(url, host="evil.example")
        assert status == 403
        status, _, _ = _get(url, host=f"evil.example:{port}")
        assert status == 403
        # With the token: the dashboard page (the server sets its cookie on the way).
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with opener.open(url, timeout=120) as response:
            assert response.status == 200
            page = response.read().decode("utf-8")
            assert "Interview follow-ups" in page, (response.url, page[:3000])
        assert token not in " ".join(_cmdlines()), "the token is visible in the process list"
        assert [p.name for p in tmp_path.iterdir()][0].startswith(SETTINGS_PREFIX)
    finally:
        proc.send_signal(stop)
        proc.wait(timeout=60)
    assert list(tmp_path.iterdir()) == []


def _cmdlines() -> list[str]:
    lines = []
    for proc in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            lines.append(proc.read_bytes().replace(b"\0", b" ").decode("utf-8", "replace"))
        except OSError:
            pass
    return lines


def test_the_terminal_shows_one_address_and_a_restart_takes_the_same_port(tmp_path):
    """Issue #22: no Voilà address with an elided token, no note on the kernel's TCP
    connection; stopped with Ctrl+C and started again at once, on the same port."""
    port = _free_port()
    for _ in range(2):
        proc = _start(tmp_path, port)
        seen: list[str] = []
        try:
            url = _read_url(proc, time.monotonic() + 120, seen)
            with urllib.request.build_opener(urllib.request.HTTPCookieProcessor()).open(
                    url, timeout=120) as response:
                assert response.status == 200
        finally:
            proc.send_signal(signal.SIGINT)
            rest, _ = proc.communicate(timeout=60)
        assert proc.returncode == 0
        assert seen == ["followkit dashboard: open this address in your web browser "
                        "(press Ctrl+C here to stop it):", f"    {url}"]
        assert rest.strip() == "", rest
    assert list(tmp_path.iterdir()) == []


def test_a_port_whose_connections_are_closing_is_free():
    with socket.socket() as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        client = socket.create_connection(("127.0.0.1", port))
        accepted, _ = server.accept()
        accepted.close()  # the server's side closes first: its port is left in TIME_WAIT
        client.close()
    check_port_free(port)


def test_a_server_that_stops_at_once_says_why(tmp_path):
    from io import StringIO

    from followkit.dashboard.app import ServerPlan, serve

    settings = tmp_path / "settings"
    settings.mkdir()
    command = [sys.executable, "-c", "import sys; print('Voila: the template is missing'); "
               "sys.exit(3)"]
    out = StringIO()
    plan = ServerPlan(command, dict(os.environ), "http://127.0.0.1:1/", _free_port(), settings,
                      "")
    assert serve(plan, out=out, wait_seconds=30) == 3
    assert out.getvalue() == ("followkit dashboard: the server stopped before it could be "
                              "opened. Its last messages:\n    Voila: the template is missing\n")
    assert not settings.exists()
