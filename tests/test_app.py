import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from followkit.app import WEBSOCKET_MAX_BYTES, voila_command


def test_voila_command_is_loopback_fixed_port_and_configured(tmp_path):
    tracker = tmp_path / "t.xlsx"
    tracker.write_bytes(b"x")
    command, env = voila_command(input_path=tracker, as_of=date(2026, 11, 20), port=8899)
    assert command[1:3] == ["-m", "voila"]
    assert command[3].endswith("notebooks/dashboard.ipynb")
    for flag in ("--port=8899", "--Voila.ip=127.0.0.1", "--Voila.port_retries=0",
                 "--no-browser", "--show_tracebacks=True"):
        assert flag in command
    assert env["FOLLOWKIT_INPUT"] == str(tracker.resolve())
    assert env["FOLLOWKIT_AS_OF"] == "2026-11-20"
    settings = Path(env["IPYTHONDIR"])
    assert json.loads((settings / "voila.json").read_text()) == {
        "Voila": {"tornado_settings": {"websocket_max_message_size": WEBSOCKET_MAX_BYTES}}}
    assert "HistoryManager.enabled = False" in (
        settings / "profile_default" / "ipython_kernel_config.py").read_text()


def test_voila_really_loads_those_settings():
    command, env = voila_command(input_path=None, as_of=None, port=8899)
    code = ("import sys\nfrom voila.app import Voila\na = Voila()\n"
            "a.initialize(sys.argv[1:])\n"
            "print(a.tornado_settings['websocket_max_message_size'], a.port_retries, a.ip)")
    done = subprocess.run([sys.executable, "-c", code, *command[4:]], env=env,
                          capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.split() == [str(WEBSOCKET_MAX_BYTES), "0", "127.0.0.1"]
