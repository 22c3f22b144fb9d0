"""Starting the dashboard notebook as a web app with Voila (``followkit dashboard``)."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

from followkit.errors import FollowkitError

# Voila's own default (10 MB, tornado's) is too small for a large tracker upload.
WEBSOCKET_MAX_BYTES = 100 * 1024 * 1024
CELL_TIMEOUT_SECONDS = 180


def dashboard_notebook() -> Path:
    """The dashboard notebook of this checkout."""
    path = Path(__file__).resolve().parent.parent / "notebooks" / "dashboard.ipynb"
    if not path.is_file():
        raise FollowkitError(
            f"the dashboard notebook is not at {str(path)!r}; run followkit dashboard "
            "from a followkit source folder")
    return path


def voila_command(*, input_path: Path | None, as_of: date | None, port: int,
                  open_browser: bool = False) -> tuple[list[str], dict[str, str]]:
    """The Voila command line and environment that serve the dashboard on 127.0.0.1.

    The server listens on loopback only, on exactly ``port`` (no silent move to
    another port), shows tracebacks, times out a stuck cell, accepts uploads
    up to 100 MB, and runs its kernels with IPython history off so no client
    data lands in a history database.
    """
    notebook = dashboard_notebook()
    command = [
        sys.executable, "-m", "voila", str(notebook),
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0",
        "--no-browser" if not open_browser else "--Voila.open_browser=True",
        "--show_tracebacks=True",
        f"--VoilaExecutor.timeout={CELL_TIMEOUT_SECONDS}",
        "--theme=light",
    ]
    settings = _settings_folder()
    env = dict(os.environ)
    env["FOLLOWKIT_INPUT"] = str(input_path.resolve()) if input_path else ""
    env["FOLLOWKIT_AS_OF"] = as_of.isoformat() if as_of else ""
    env["IPYTHONDIR"] = str(settings)
    # Voila reads voila.json from every folder of JUPYTER_CONFIG_PATH.
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
        p for p in (str(settings), os.environ.get("JUPYTER_CONFIG_PATH", "")) if p)
    return command, env


def _settings_folder() -> Path:
    """A private folder with the Voila settings and an IPython profile without history."""
    folder = Path(tempfile.mkdtemp(prefix="followkit-dashboard-"))
    (folder / "voila.json").write_text(json.dumps(
        {"Voila": {"tornado_settings": {"websocket_max_message_size": WEBSOCKET_MAX_BYTES}}}),
        encoding="utf-8")
    profile = folder / "profile_default"
    profile.mkdir()
    (profile / "ipython_kernel_config.py").write_text(
        "c.HistoryManager.enabled = False\n", encoding="utf-8")
    (profile / "ipython_config.py").write_text("c.HistoryManager.enabled = False\n",
                                               encoding="utf-8")
    return folder
