"""The dashboard notebook in JupyterLab ("Run All"), as `make lab` opens it.

JupyterLab runs on loopback with its own token, in private config folders, on
a copy of the notebook (nothing is written into the checkout). After Run All
the upload button and the To Do tab must render: a widget manager missing or
out of step with ipywidgets shows "Error displaying widget" instead.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.browser import free_port, need_browser, open_page, started

ROOT = Path(__file__).resolve().parent.parent
# As `make lab` starts it: no update checks, news or extension searches leave the machine.
LAB_QUIET = ["--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
             "--LabApp.news_url=None", "--LabApp.extension_manager=readonly"]


def test_dashboard_runs_in_jupyterlab(tmp_path):
    pytest.importorskip("jupyterlab")
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import expect, sync_playwright

    need_browser()
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copy(ROOT / "notebooks" / "dashboard.ipynb", notebooks)
    private = {name: str(tmp_path / name.lower()) for name in (
        "JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTERLAB_SETTINGS_DIR",
        "JUPYTERLAB_WORKSPACES_DIR", "IPYTHONDIR")}
    env = dict(os.environ, **private)
    port = free_port()
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
               f"--ServerApp.root_dir={notebooks}", *LAB_QUIET]
    if os.geteuid() == 0:  # CI runs as root
        command.append("--allow-root")
    with started(command, cwd=tmp_path, log=tmp_path / "lab.log", env=env) as server, \
            sync_playwright() as p:
        url = server.url.replace("/lab?", "/lab/tree/dashboard.ipynb?")
        browser, page = open_page(p, url, blocked=server.blocked)
        expect.set_options(timeout=120_000)
        expect(page.locator(".jp-Notebook")).to_be_visible()
        # JupyterLab may ask which kernel to use; its preselected choice is the venv's.
        select = page.get_by_role("dialog").get_by_role("button", name="Select Kernel")
        try:
            select.wait_for(timeout=8_000)
            select.click()
        except PlaywrightTimeout:
            pass
        expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")
               ).to_be_visible()
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        expect(page.locator(".fk-upload")).to_be_visible()
        tabs = page.locator(".fk-tabs")
        expect(tabs).to_be_visible()
        expect(tabs.get_by_role("tab", name="To Do")).to_be_visible()
        expect(page.get_by_text("Error displaying widget")).to_have_count(0)
        (ROOT / "out").mkdir(exist_ok=True)
        page.screenshot(path=str(ROOT / "out" / "dashboard-in-jupyterlab.png"))
        browser.close()
    assert server.blocked == [], f"requests to outside the machine: {server.blocked}"
