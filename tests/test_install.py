"""followkit as users get it: the wheel in a new venv with no extras, used from another folder.

This is what `make run` and an IT person's `pip install followkit-*.whl` give a
worker. The test venv hides missing runtime dependencies and files that are
not in the wheel; these tests do not use it for anything but reading results.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import openpyxl
import pytest

from tests.browser import free_port, need_browser, open_page, started

ROOT = Path(__file__).resolve().parent.parent


def _run(bin_dir: Path, *args: str, cwd: Path) -> str:
    done = subprocess.run([str(bin_dir / "followkit"), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_runtime_install_has_no_test_extras(runtime_bin):
    listing = subprocess.run([str(runtime_bin / "python"), "-m", "pip", "list",
                              "--format=json", "--disable-pip-version-check"],
                             capture_output=True, text=True, check=True).stdout
    names = {p["name"].lower() for p in json.loads(listing)}
    assert {"followkit", "voila", "ipykernel", "ipywidgets"} <= names
    assert not names & {"pytest", "playwright", "jupyterlab", "hypothesis", "nbval"}
    where = subprocess.run([str(runtime_bin / "python"), "-c",
                            "import followkit; print(followkit.__file__)"],
                           capture_output=True, text=True, check=True, cwd="/").stdout
    assert "site-packages" in where and str(ROOT) not in where


def test_sample_report_letters_from_another_folder(runtime_bin, tmp_path):
    assert _run(runtime_bin, "--version", cwd=tmp_path).strip() == "followkit 0.1.0"
    _run(runtime_bin, "sample", "tracker.xlsx", "--as-of", "2026-11-20", "--clients", "12",
         cwd=tmp_path)
    summary = _run(runtime_bin, "report", "tracker.xlsx", "--as-of", "2026-11-20", "-o",
                   "report.xlsx", cwd=tmp_path)
    assert "Report written to report.xlsx" in summary
    workbook = openpyxl.load_workbook(tmp_path / "report.xlsx", read_only=True)
    assert workbook.sheetnames[:3] == ["Summary", "To Do", "Thank-Yous"]
    out = _run(runtime_bin, "letters", "tracker.xlsx", "--as-of", "2026-11-20", "-o",
               "letters", cwd=tmp_path)
    assert out.startswith("wrote ")
    assert (tmp_path / "letters" / "index.csv").is_file()
    template = _run(runtime_bin, "template", "blank.xlsx", cwd=tmp_path)
    assert template.strip() == "wrote blank.xlsx"


def test_dashboard_from_the_wheel_uses_its_own_kernel_and_bundled_sample(runtime_bin,
                                                                         tmp_path):
    """Started from an empty folder; another "python3" kernel on the machine is not used."""
    from playwright.sync_api import expect, sync_playwright

    need_browser()
    # A user-level "python3" kernel spec pointing at a Python that does not exist.
    data = tmp_path / "jupyter-data"
    (data / "kernels" / "python3").mkdir(parents=True)
    (data / "kernels" / "python3" / "kernel.json").write_text(json.dumps(
        {"argv": ["/nonexistent/python", "-m", "ipykernel_launcher", "-f",
                  "{connection_file}"], "display_name": "Other", "language": "python"}))
    env = dict(__import__("os").environ, JUPYTER_DATA_DIR=str(data))
    folder = tmp_path / "empty"
    folder.mkdir()
    command = [str(runtime_bin / "followkit"), "dashboard", "--port", str(free_port())]
    with started(command, cwd=folder, log=tmp_path / "server.log", env=env) as server, \
            sync_playwright() as p:
        browser, page = open_page(p, server.url, blocked=server.blocked)
        expect(page.locator(".fk-upload")).to_be_visible()
        page.get_by_role("button", name="Use the sample tracker").click()
        expect(page.locator(".fk-status")).to_contain_text("sample_tracker.xlsx")
        expect(page.locator(".fk-counts .fk-box").first).to_be_visible()
        (ROOT / "out").mkdir(exist_ok=True)
        page.screenshot(path=str(ROOT / "out" / "dashboard-from-wheel.png"))
        browser.close()
    assert server.blocked == [], f"requests to outside the machine: {server.blocked}"
    assert "Traceback" not in server.log_text()
    assert list(folder.iterdir()) == [], "the dashboard wrote into the worker's folder"


@pytest.mark.parametrize("name", ["dashboard.ipynb", "weekly_report.ipynb",
                                  "getting_started.ipynb"])
def test_wheel_ships_the_notebooks_and_data(runtime_bin, name):
    code = ("from followkit.core.resources import NOTEBOOKS, DATA, resource_path as r;"
            f"print(r(NOTEBOOKS, {name!r}).stat().st_size,"
            " r(DATA, 'sample_tracker.xlsx').stat().st_size)")
    sizes = subprocess.run([str(runtime_bin / "python"), "-c", code], capture_output=True,
                           text=True, check=True, cwd="/").stdout.split()
    assert int(sizes[0]) == (ROOT / "notebooks" / name).stat().st_size
    assert int(sizes[1]) == (ROOT / "data" / "sample_tracker.xlsx").stat().st_size
