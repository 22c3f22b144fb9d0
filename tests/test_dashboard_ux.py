"""The dashboard as its users meet it: accessibility (axe-core), the first screen, keyboard.

Runs the wheel's server in Debian chromium like tests/test_browser.py. axe-core
comes from the npm registry into tests/.npm (``make test``); without it the
accessibility test is skipped loudly, except in CI where that is a failure.
Screenshots and axe's findings go to out/.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from followkit.report.build import dashboard_tabs
from followkit.rules import steps
from tests.browser import axe_violations, free_port, need_axe, need_browser, open_page, started

ROOT = Path(__file__).resolve().parent.parent
LAPTOP = (1366, 768)
BLOCKING = ("critical", "serious")


@pytest.fixture(scope="module")
def server(runtime_bin, tmp_path_factory):
    """The dashboard as a worker starts it (the wheel's followkit, from another folder)."""
    need_browser()
    folder = tmp_path_factory.mktemp("worker")
    tmp = tmp_path_factory.mktemp("server-tmp")
    with started([str(runtime_bin / "followkit"), "dashboard", "--port", str(free_port())],
                 cwd=folder, log=tmp_path_factory.mktemp("log") / "server.log",
                 env=dict(os.environ, TMPDIR=str(tmp))) as running:
        yield running
    assert running.blocked == [], f"requests to outside the machine: {running.blocked}"


def _open_sample(page) -> None:
    from playwright.sync_api import expect

    button = page.get_by_role("button", name="Use the sample tracker")
    expect(button).to_be_visible()
    button.click()
    expect(page.locator(".fk-status")).to_contain_text("sample_tracker.xlsx")
    expect(page.locator(".fk-list-to-do tbody tr").nth(1)).to_be_visible()


OPEN_DETAILS = "() => document.querySelectorAll('details').forEach(d => { d.open = true; })"


def _tab(page, name: str) -> None:
    from playwright.sync_api import expect

    title = steps.tab_title(name)  # the sheet's tab, by the title the worker sees
    page.get_by_role("tab", name=title, exact=True).click()
    expect(page.get_by_role("tab", name=title, exact=True)).to_have_attribute(
        "aria-selected", "true")
    panel = page.locator(f".fk-list-{slug(name)}")
    expect(panel).to_be_visible()
    expect(panel.locator("table, p").first).to_be_visible()


def slug(name: str) -> str:
    return name.lower().replace(" ", "-")


def test_axe_finds_nothing_serious_on_any_tab(server):
    from playwright.sync_api import expect, sync_playwright

    need_axe()
    ROOT.joinpath("out").mkdir(exist_ok=True)
    found: dict[str, list[dict]] = {}
    with sync_playwright() as p:
        browser, page = open_page(p, server.url, blocked=server.blocked, viewport=LAPTOP)
        found["start"] = axe_violations(page)
        _open_sample(page)
        # every fold and panel open: the counts and chart, Check columns, each Details
        page.get_by_role("button", name="Counts by action, and the chart per worker").click()
        expect(page.locator(".fk-chart img")).to_be_visible()
        page.get_by_role("button", name="Check columns").click()
        expect(page.locator(".fk-columns")).to_be_visible()
        wide = {}
        for name in dashboard_tabs():
            _tab(page, name)
            page.evaluate(OPEN_DETAILS)
            found[name] = axe_violations(page)
            # nothing makes the page wider than the screen (wide lists scroll in their box)
            wide[name] = page.evaluate("() => document.documentElement.scrollWidth")
            if name == "Thank-Yous":
                page.screenshot(path=str(ROOT / "out" / "dashboard-1366-thank-yous.png"))
        browser.close()
    assert {name: px for name, px in wide.items() if px > LAPTOP[0]} == {}
    ROOT.joinpath("out", "axe.json").write_text(json.dumps(found, indent=1))
    by_impact: dict[str, int] = {}
    for violations in found.values():
        for v in violations:
            by_impact[v["impact"]] = by_impact.get(v["impact"], 0) + v["nodes"]
    print("axe-core violations (nodes, all tabs):", by_impact)
    blocking = [(where, v["id"], v["impact"], v["targets"]) for where, vs in found.items()
                for v in vs if v["impact"] in BLOCKING]
    assert blocking == []


def test_the_work_is_on_the_first_screen(server):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser, page = open_page(p, server.url, blocked=server.blocked, viewport=LAPTOP)
        _open_sample(page)
        ROOT.joinpath("out").mkdir(exist_ok=True)
        page.screenshot(path=str(ROOT / "out" / "dashboard-1366.png"))
        first_rows = page.locator(".fk-list-to-do tbody tr")
        for i in range(8):  # issue #25: at least 8 actions on the first screen
            expect(first_rows.nth(i)).to_be_in_viewport(ratio=1)
        expect(page.locator("button.fk-export")).to_be_in_viewport()
        expect(page.locator(".fk-status")).to_be_in_viewport()
        # one scrollbar: no list sits in a box with its own vertical scrollbar
        nested = page.evaluate("""() => [...document.querySelectorAll('.fk-tabs *')]
            .filter(e => e.scrollHeight > e.clientHeight + 2 &&
                    ['auto', 'scroll'].includes(getComputedStyle(e).overflowY)).length""")
        assert nested == 0
        page.get_by_role("button", name="Show data issues").click()
        expect(page.locator(".fk-list-data-issues tr").nth(1)).to_be_in_viewport()
        # the lists grow on demand, never a 24,000-px table
        heights = page.evaluate("""() => [...document.querySelectorAll('.fk-tabs table')]
            .map(t => t.getBoundingClientRect().height)""")
        assert heights and max(heights) < 3000, heights
        page.screenshot(path=str(ROOT / "out" / "dashboard-1366-issues.png"))
        browser.close()


FOCUSED = """() => { const e = document.activeElement;
  return [e.tagName, e.className || "", (e.innerText || e.value || "").slice(0, 40),
          e.closest('[class*="fk-"]') ? [...e.closest('[class*="fk-"]').classList]
            .filter(c => c.startsWith("fk-")).join(" ") : ""]; }"""


def _tab_to(page, want, *, limit: int = 60, key: str = "Tab") -> list[str]:
    """Press Tab until the focused element's description contains ``want``."""
    for _ in range(limit):
        page.keyboard.press(key)
        focused = page.evaluate(FOCUSED)
        if any(want in str(part) for part in focused):
            return focused
    raise AssertionError(f"{want!r} never got the keyboard focus (last: {focused})")


def _luminance(rgb: tuple[float, ...]) -> float:
    linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4
              for c in rgb[:3]]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _assert_focus_ring(page) -> None:
    """The focused control has an outline of 2 px or more at 3:1 or better against white."""
    style = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }""")
    assert style[0] not in ("none", "hidden") and float(style[1].removesuffix("px")) >= 2, style
    rgb = tuple(float(x) for x in style[2][style[2].index("(") + 1:-1].split(","))
    assert (1.05) / (_luminance(rgb) + 0.05) >= 3, style


def test_the_whole_flow_with_the_keyboard_alone(server, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser, page = open_page(p, server.url, blocked=server.blocked, viewport=LAPTOP)
        expect(page.locator(".fk-upload")).to_be_visible()
        _tab_to(page, "Use the sample tracker")
        _assert_focus_ring(page)
        page.keyboard.press("Enter")
        expect(page.locator(".fk-status")).to_contain_text("sample_tracker.xlsx")
        expect(page.locator(".fk-status")).to_contain_text("Friday 20 November 2026")

        _tab_to(page, "fk-as-of")
        page.keyboard.press("Control+A")
        page.keyboard.type("25 Nov 2026")  # the agency's format, the year included
        page.keyboard.press("Enter")
        expect(page.locator(".fk-status")).to_contain_text("Wednesday 25 November 2026")

        _tab_to(page, "fk-workers")
        _assert_focus_ring(page)
        page.keyboard.press("ArrowDown")
        expect(page.locator(".fk-status")).to_contain_text("Amara Okafor")

        _tab_to(page, "lm-TabBar-tab")
        for _ in range(dashboard_tabs().index("Calls")):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")
        expect(page.get_by_role("tab", name="Calls", exact=True)).to_have_attribute(
            "aria-selected", "true")
        expect(page.locator(".fk-list-calls tbody tr").nth(1)).to_be_visible()

        page.keyboard.press("Shift+Tab")
        _tab_to(page, "Export report", key="Shift+Tab")
        page.keyboard.press("Space")
        link = page.locator("a.fk-download-link")
        expect(link).to_be_visible()
        _tab_to(page, "fk-download-link")
        with page.expect_download() as download:
            page.keyboard.press("Enter")
        assert download.value.suggested_filename == "followkit-report-2026-11-25.xlsx"
        browser.close()


def test_a_failed_upload_clears_the_screen_and_says_what_to_do(server, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    bad = tmp_path / "notes.xlsx"
    bad.write_text("just some notes")
    with sync_playwright() as p:
        browser, page = open_page(p, server.url, blocked=server.blocked, viewport=LAPTOP)
        _open_sample(page)
        expect(page.locator(".fk-counts .fk-box")).to_have_count(3)
        with page.expect_file_chooser() as chooser:
            page.locator(".fk-upload").click()
        chooser.value.set_files(str(bad))
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text("This file could not be opened, so nothing is shown.")
        expect(alert).to_contain_text("What to do:")
        expect(alert).to_be_in_viewport()
        expect(page.locator(".fk-counts .fk-box")).to_have_count(0)
        expect(page.locator(".fk-list-to-do tbody tr")).to_have_count(0)
        expect(page.get_by_role("button", name="Show data issues")).to_be_hidden()
        expect(page.locator("button.fk-export")).to_be_disabled()
        expect(page.locator(".fk-status")).to_contain_text("No file open")
        page.screenshot(path=str(ROOT / "out" / "dashboard-1366-failed-upload.png"))
        browser.close()
