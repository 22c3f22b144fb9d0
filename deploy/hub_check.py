"""Try deploy/jupyterhub_config.py on this machine (`make hub-check`).

Starts JupyterHub on loopback with that configuration plus a dummy
authenticator and the simple local spawner (both for testing only), then as a
browser would: an anonymous request is sent to the login page; a worker logs
in, their server starts and opens on the followkit dashboard. Prints what it
saw and exits non-zero on any difference.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
PASSWORD = "demo-only-password"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _config(folder: Path, port: int, proxy: str) -> Path:
    path = folder / "jupyterhub_demo_config.py"
    path.write_text(
        f"load_subconfig({str(HERE / 'jupyterhub_config.py')!r})\n"
        f"c.JupyterHub.bind_url = 'http://127.0.0.1:{port}'\n"
        f"c.JupyterHub.hub_port = {_free_port()}\n"
        f"c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:{_free_port()}'\n"
        f"c.ConfigurableHTTPProxy.command = [{proxy!r}]\n"
        "c.JupyterHub.authenticator_class = 'dummy'\n"
        f"c.DummyAuthenticator.password = {PASSWORD!r}\n"
        "c.Authenticator.allow_all = True\n"
        "c.JupyterHub.spawner_class = 'simple'\n"
        f"c.SimpleLocalProcessSpawner.home_dir_template = {str(folder / 'home' / '{username}')!r}\n"
        f"c.JupyterHub.db_url = 'sqlite:///{folder / 'hub.sqlite'}'\n"
        f"c.JupyterHub.cookie_secret_file = {str(folder / 'cookie_secret')!r}\n"
        "c.Spawner.http_timeout = 120\n"
        "c.Spawner.start_timeout = 120\n"
        # This check may run as root (CI); a real hub runs workers as themselves.
        + ("c.Spawner.args.append('--allow-root')\n" if os.geteuid() == 0 else ""),
        encoding="utf-8")
    return path


def check(proxy: str) -> list[str]:
    problems = []
    folder = Path(tempfile.mkdtemp(prefix="followkit-hub-check-"))
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = (folder / "hub.log").open("wb")
    hub = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f",
                            str(_config(folder, port, proxy))],
                           cwd=folder, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:  # through the proxy, once it routes to the hub
            try:
                if requests.get(f"{base}/hub/health", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.5)
        anonymous = requests.get(f"{base}/user/priya/voila/render/dashboard.ipynb",
                                 timeout=30)
        print(f"anonymous request: {anonymous.status_code}, ends at {anonymous.url}")
        if "/hub/login" not in anonymous.url or "fk-upload" in anonymous.text:
            problems.append("an anonymous request was not sent to the login page")
        session = requests.Session()
        login = session.get(f"{base}/hub/login", timeout=30)
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', login.text)
        data = {"username": "priya", "password": PASSWORD}
        if xsrf:
            data["_xsrf"] = xsrf.group(1)
        posted = session.post(f"{base}/hub/login", data=data, timeout=120)
        print(f"login as 'priya': {posted.status_code}, ends at {posted.url}")
        page = None
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            page = session.get(f"{base}/user/priya/", timeout=120)
            if "/voila/render/dashboard.ipynb" in page.url and page.status_code == 200:
                break
            time.sleep(1)
        assert page is not None
        title = re.search(r"<title>([^<]*)", page.text)
        print(f"worker 'priya' after login: {page.status_code}, {page.url}, "
              f"title {title.group(1) if title else None!r}")
        if not (page.status_code == 200 and title and title.group(1) == "dashboard"):
            problems.append("the worker's server did not open on the dashboard")
        other = session.get(f"{base}/user/daniel/voila/render/dashboard.ipynb", timeout=30)
        print(f"priya asks for daniel's dashboard: {other.status_code}, ends at {other.url}")
        if other.status_code == 200 and "/user/daniel/voila" in other.url:
            problems.append("one worker could open another worker's dashboard")
    finally:
        hub.terminate()
        try:
            hub.wait(timeout=30)
        except subprocess.TimeoutExpired:
            hub.kill()
        log.close()
        if problems:
            lines = (folder / "hub.log").read_text(errors="replace").splitlines()
            print("\n".join(line for line in lines if line.startswith(("[C", "[E", "[W")))
                  [-4000:])
        shutil.rmtree(folder, ignore_errors=True)
    return problems


if __name__ == "__main__":
    found = check(sys.argv[1] if len(sys.argv) > 1 else "configurable-http-proxy")
    print("hub check: " + ("OK" if not found else "FAILED: " + "; ".join(found)))
    sys.exit(1 if found else 0)
