"""The dashboard in a real browser: Voila on loopback, driven by Playwright + Debian chromium.

The server is the runtime-only install (the wheel in its own venv, started from
a folder outside the checkout), so a missing runtime dependency fails here.
Uploads a tracker, changes the date and the worker, checks the counts shown
against ``followkit report`` for the same input, exports, and opens the
download with openpyxl. Where chromium is missing the test is skipped loudly,
except in CI (``CI=true``), where that is a failure.
"""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from followkit import run_report
from followkit.datasets import make_sample
from followkit.report.workbook import write_tracker
from tests.browser import free_port, need_browser, open_page, started

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 20)
WORKER = "Priya Sharma"


@pytest.fixture(scope="module")
def server(runtime_bin, tmp_path_factory):
    """The dashboard as a worker starts it: the wheel's followkit, from another folder."""
    need_browser()
    folder = tmp_path_factory.mktemp("worker")
    # The server's own temporary folder: uploads and exports must never land there.
    tmp = tmp_path_factory.mktemp("server-tmp")
    env = dict(os.environ, TMPDIR=str(tmp))
    with started([str(runtime_bin / "followkit"), "dashboard", "--port", str(free_port())],
                 cwd=folder, log=tmp_path_factory.mktemp("log") / "server.log",
                 env=env) as running:
        yield running
    assert running.blocked == [], f"requests to outside the machine: {running.blocked}"
    assert list(tmp.iterdir()) == [], "the dashboard left files in the temporary folder"
    assert list(folder.iterdir()) == [], "the dashboard wrote into the worker's folder"


@pytest.fixture
def tracker(tmp_path) -> Path:
    sample = make_sample(n_clients=40, seed=11, as_of=AS_OF)
    return write_tracker(sample.tables(), tmp_path / "our tracker.xlsx")


def _upload(page, path: Path) -> None:
    from playwright.sync_api import expect

    upload = page.locator(".fk-upload")
    expect(upload).to_be_visible()
    with page.expect_file_chooser() as chooser:
        upload.click()
    chooser.value.set_files(str(path))
    expect(page.locator(".fk-status")).to_contain_text(path.name)


def _set_date(page, day: date) -> None:
    from playwright.sync_api import expect

    date_input = page.locator(".fk-as-of input")
    date_input.fill(day.isoformat())
    date_input.press("Enter")
    expect(page.locator(".fk-status")).to_contain_text(f"{day:%A} {day.day} {day:%B %Y}")


def _totals(page) -> dict[str, int]:
    boxes = page.locator(".fk-counts .fk-box")
    return {boxes.nth(i).get_attribute("data-status"):
            int(boxes.nth(i).locator(".fk-total").inner_text()) for i in range(boxes.count())}


def test_dashboard_upload_filter_export(server, tracker, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    expected = run_report(tracker, as_of=AS_OF, workers=[WORKER]).report
    want = {k: int(v) for k, v in expected.counts()[["Overdue", "Due today",
                                                      "Upcoming"]].sum().items()}
    problems: list[str] = []
    started = time.monotonic()
    with sync_playwright() as p:
        browser, page = open_page(p, server.url, blocked=server.blocked, problems=problems)
        _upload(page, tracker)
        _set_date(page, AS_OF)

        page.locator(".fk-workers select").select_option(WORKER)
        expect(page.locator(".fk-counts .fk-box").first).to_be_visible()
        deadline = time.monotonic() + 30
        while _totals(page) != want and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _totals(page) == want
        ROOT.joinpath("out").mkdir(exist_ok=True)
        page.locator(".fk-upload").scroll_into_view_if_needed()
        page.screenshot(path=str(ROOT / "out" / "dashboard.png"))

        page.get_by_role("tab", name="Supervisor").click()
        table = page.locator(".fk-sup-table")
        expect(table).to_be_visible()
        expect(table.locator("tr").last).to_contain_text("Total")
        charts = page.locator(".fk-sup-charts img")
        expect(charts).to_have_count(2)
        assert all(charts.nth(i).evaluate("img => img.complete && img.naturalWidth > 0")
                   for i in range(2))
        table.scroll_into_view_if_needed()
        page.screenshot(path=str(ROOT / "out" / "supervisor-tab.png"), full_page=True)

        page.locator("button.fk-export").click()
        link = page.locator("a.fk-download-link")
        expect(link).to_be_visible()
        with page.expect_download() as download:
            link.click()
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)

        stderr = page.locator('[data-mime-type="application/vnd.jupyter.stderr"]')
        if stderr.count():
            problems.append("stderr in the page: " + stderr.first.inner_text())
        browser.close()
    print(f"browser test wall time: {time.monotonic() - started:.1f} s")
    assert not problems, problems

    assert saved.name == f"followkit-report-{AS_OF}.xlsx"
    wb = openpyxl.load_workbook(saved)
    assert wb.sheetnames[:3] == ["Summary", "To Do", "Thank-Yous"]
    todo = wb["To Do"]
    assert todo.max_row - 1 == len(expected.todo)
    at = [c.value for c in todo[1]].index("Worker") + 1  # issue #13 moved it off paper
    workers = {row[0] for row in todo.iter_rows(min_row=2, min_col=at, max_col=at,
                                                values_only=True)}
    assert workers == {WORKER}


@pytest.fixture
def big_tracker(tmp_path) -> Path:
    """An 8 MB tracker: over the 10 MB websocket default once base64-encoded for upload."""
    import base64

    sample = make_sample(n_clients=1600, seed=5, as_of=AS_OF)
    rng = __import__("random").Random(1)
    notes = [base64.b64encode(rng.randbytes(1950)).decode() for _ in
             range(len(sample.interviews))]
    sample.interviews["Case Notes"] = notes
    path = write_tracker(sample.tables(), tmp_path / "big tracker.xlsx")
    assert path.stat().st_size > 7.6 * 2**20, path.stat().st_size
    return path


def test_dashboard_takes_a_large_upload(server, big_tracker):
    from playwright.sync_api import sync_playwright

    expected = run_report(big_tracker, as_of=AS_OF).report
    want = {k: int(v) for k, v in expected.counts()[["Overdue", "Due today",
                                                      "Upcoming"]].sum().items()}
    with sync_playwright() as p:
        browser, page = open_page(p, server.url, blocked=server.blocked)
        started = time.monotonic()
        _upload(page, big_tracker)
        _set_date(page, AS_OF)
        deadline = time.monotonic() + 60
        while _totals(page) != want and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _totals(page) == want
        print(f"{big_tracker.stat().st_size / 2**20:.1f} MB upload to tables: "
              f"{time.monotonic() - started:.1f} s")
        browser.close()
