"""The worker's morning in chromium at 1366x768 (issue #25): see the actions, do them,
mark them, save the tracker; the chart fold from the keyboard; the page's words.

Runs the wheel's server like tests/test_dashboard_ux.py (whose fixtures it uses).
Screenshots go to out/ (looked at by people, not compared).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl

from followkit.recording.write import LOG_SHEET
from tests.browser import open_page
from tests.test_dashboard_ux import LAPTOP, _open_sample, _tab, server  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "out"


def _right_edge(page, selector: str) -> float:
    return float(page.evaluate(f"""() => Math.max(...[...document.querySelectorAll(
        '{selector}')].map(e => e.getBoundingClientRect().right))"""))


def test_the_lists_fit_the_screen_and_grow_on_demand(server):  # noqa: F811
    from playwright.sync_api import expect, sync_playwright

    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser, page = open_page(p, server.url, blocked=server.blocked, viewport=LAPTOP)
        _open_sample(page)
        rows = page.locator(".fk-list-to-do tbody tr")
        expect(rows).to_have_count(25)
        expect(page.locator(".fk-list-to-do .fk-shown")).to_have_text(
            "The first 25 of 211 actions.")
        more = page.get_by_role("button", name="Show 25 more of 186")
        more.click()
        expect(rows).to_have_count(50)
        # an action is one or two lines: its Details are on demand
        details = rows.first.locator("details")
        expect(details).not_to_have_attribute("open", "")
        assert rows.first.bounding_box()["height"] < 48
        details.locator("summary").click()
        expect(details.locator("p").first).to_be_visible()

        _tab(page, "Thank-Yous")
        links = page.locator(".fk-list-thank-yous a.fk-mailto")
        expect(links.first).to_be_visible()
        names = links.all_inner_texts()
        names = [n.replace("\n", " ") for n in names]
        assert all(re.fullmatch(r"Email [\w .'-]+ for [\w .'-]+", n) for n in names), names
        assert _right_edge(page, ".fk-list-thank-yous a.fk-mailto") <= LAPTOP[0]
        page.screenshot(path=str(SHOTS / "worklist-thank-yous.png"))

        _tab(page, "Calls")
        calls = page.locator(".fk-list-calls tbody tr")
        calls.first.locator("summary").click()
        expect(calls.first.locator("details p", has_text="Call script: ")).to_be_visible()
        assert _right_edge(page, ".fk-list-calls td") <= LAPTOP[0]
        page.screenshot(path=str(SHOTS / "worklist-calls.png"))
        assert page.evaluate("() => document.documentElement.scrollWidth") <= LAPTOP[0]
        browser.close()


def test_mark_done_says_what_undo_takes_it_back_and_the_download_is_beside(server, tmp_path):  # noqa: F811,E501
    from playwright.sync_api import expect, sync_playwright

    problems: list[str] = []
    with sync_playwright() as p:
        browser, page = open_page(p, server.url, blocked=server.blocked, viewport=LAPTOP,
                                  problems=problems)
        _open_sample(page)
        _tab(page, "References")
        choice = page.locator(".fk-choice-references select")
        picked = choice.locator("option:checked").inner_text().replace("\xa0", " ")
        assert re.match(r"\w{3} \d{1,2} \w{3} 20\d\d · ", picked), picked  # the year shown
        client = picked.split(" · ")[2]
        page.locator(".fk-done-references input").fill("2026-11-20")
        page.locator(".fk-done-references input").press("Tab")
        mark = page.locator("button.fk-mark-references")
        mark.click()
        said = page.locator(".fk-record-message:visible")  # one per tab, the same widget
        expect(said).to_have_text(f"Recorded: Alert references for {client}, Fri 20 Nov 2026.")
        expect(choice.locator("option:checked")).to_have_text("Pick the next action…")
        save = page.get_by_role("link", name="Download updated tracker (1 change)").first
        expect(save).to_be_visible()
        box, button = save.bounding_box(), mark.bounding_box()
        assert abs(box["y"] - button["y"]) < button["height"], (box, button)  # beside it
        page.screenshot(path=str(SHOTS / "worklist-marked.png"))
        with page.expect_download() as download:
            save.click()
        data = Path(download.value.path()).read_bytes()
        log = list(openpyxl.load_workbook(io.BytesIO(data))[LOG_SHEET].iter_rows(
            min_row=2, values_only=True))
        assert [row[3] for row in log] == ["References Alerted"]

        page.get_by_role("button", name="Undo").first.click()
        expect(said).to_have_text(f"Undone: Alert references for {client}, Fri 20 Nov 2026."
                                  "No changes left to save.")
        expect(page.get_by_role("link", name=re.compile("Download updated tracker"))
               ).to_have_count(0)
        browser.close()
    assert problems == []


def test_a_rows_own_mark_done_picks_it_and_leads_to_what_is_left_to_fill(server):  # noqa: F811,E501
    from playwright.sync_api import expect, sync_playwright

    problems: list[str] = []
    with sync_playwright() as p:
        browser, page = open_page(p, server.url, blocked=server.blocked, viewport=LAPTOP,
                                  problems=problems)
        _open_sample(page)
        _tab(page, "Calls")
        third = page.locator(".fk-list-calls tbody tr").nth(2)
        client = third.locator("td").nth(3).inner_text().splitlines()[0]
        button = third.get_by_role("button", name="Mark done")
        expect(button).to_be_visible()
        button.click()
        picker = page.locator(".fk-choice-calls select")
        expect(picker.locator("option:checked")).to_contain_text(f" · {client} · ")
        result = page.locator(".fk-record-calls select")
        expect(result).to_be_focused()  # a call: its result is what is left to fill in
        result.select_option("Left voicemail")
        page.locator("button.fk-mark-calls").click()
        expect(page.locator(".fk-record-message:visible")).to_contain_text(
            f"Recorded: Follow-up call for {client}")
        page.screenshot(path=str(SHOTS / "worklist-row-marked.png"))
        _tab(page, "References")  # nothing to fill in: straight to Mark done
        page.locator(".fk-list-references tbody tr").first.get_by_role(
            "button", name="Mark done").click()
        expect(page.locator("button.fk-mark-references")).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.get_by_role("link", name="Download updated tracker (2 changes)").first
               ).to_be_visible()
        browser.close()
    assert problems == []


def test_the_chart_fold_opens_from_the_keyboard_and_says_its_numbers(server):  # noqa: F811
    from playwright.sync_api import expect, sync_playwright

    problems: list[str] = []
    with sync_playwright() as p:
        browser, page = open_page(p, server.url, blocked=server.blocked, viewport=LAPTOP,
                                  problems=problems)
        _open_sample(page)
        fold = page.get_by_role("button", name="Counts by action, and the chart per worker")
        fold.focus()
        page.keyboard.press("Enter")
        image = page.locator(".fk-chart img")
        expect(image).to_be_visible()
        assert image.evaluate("img => img.complete && img.naturalWidth > 0")
        alt = image.get_attribute("alt")
        assert alt.startswith("Open follow-up actions per worker. Amara Okafor: 31 overdue")
        expect(page.locator(".fk-chart figcaption")).to_have_text(alt)
        expect(page.locator(".fk-folded table")).to_contain_text("Ask decision date")
        assert page.get_by_text("Click to show javascript error").count() == 0
        image.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "worklist-chart.png"))
        page.keyboard.press("Enter")  # the button still has the focus: closes again
        expect(image).to_be_hidden()
        browser.close()
    assert problems == []


def test_whose_tracker_applies_at_once_and_no_flag_is_in_the_page(server, tmp_path):  # noqa: F811
    from playwright.sync_api import expect, sync_playwright

    tracker = tmp_path / "my interviews.csv"  # one person's tracker: no client column
    tracker.write_text("Employer,Position,Interview Date\nMaple Grocers,Cashier,2026-11-10\n",
                       encoding="utf-8")
    with sync_playwright() as p:
        browser, page = open_page(p, server.url, blocked=server.blocked, viewport=LAPTOP)
        with page.expect_file_chooser() as chooser:
            page.locator(".fk-upload").click()
        chooser.value.set_files(str(tracker))
        expect(page.locator(".fk-status")).to_contain_text("my interviews.csv")
        _tab(page, "Data Issues")
        issues = page.locator(".fk-list-data-issues")
        expect(issues).to_contain_text(
            '(from the file name; type their name in "Whose tracker is this?")')
        box = page.locator(".fk-client input")
        box.fill("Ana Lima")
        box.press("Enter")  # applies at once, and says so
        expect(page.locator(".fk-client-said")).to_have_text("Read as Ana Lima\u2019s tracker.")
        expect(issues).to_contain_text("'Ana Lima' (typed in \"Whose tracker is this?\")")
        _tab(page, "To Do")
        expect(page.locator(".fk-list-to-do tbody tr").first).to_contain_text("Ana Lima")
        text = page.locator("body").inner_text()
        assert re.findall(r"--[a-z]+|run again", text) == []
        browser.close()


def test_check_columns_on_a_file_it_reads_shows_and_applies(server):  # noqa: F811
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser, page = open_page(p, server.url, blocked=server.blocked, viewport=LAPTOP)
        _open_sample(page)
        page.get_by_role("button", name="Check columns").click()
        panel = page.locator(".fk-columns")
        expect(panel).to_contain_text("What each column is taken as now (* needed for the "
                                      "lists).")
        expect(page.locator(".fk-columns select").first).to_have_value("Interviews")
        date_field = page.locator(".fk-col-interviewdate select")
        expect(date_field.locator("option:checked")).to_contain_text("Interview Date")
        shown = date_field.locator("option:checked").inner_text().replace("\xa0", " ")
        assert re.fullmatch(r"Interview Date +\(e\.g\. \w{3} \d{1,2} \w{3} 2026\) *", shown)
        expect(panel).to_contain_text("Interview Date *")
        expect(panel).to_contain_text("the day of the interview: needed for the lists")
        button = page.get_by_role("button", name="Read with these columns")
        box = button.bounding_box()
        assert button.evaluate("b => b.scrollWidth <= b.clientWidth"), box  # not cut off
        page.screenshot(path=str(SHOTS / "worklist-check-columns.png"), full_page=False)
        page.locator(".fk-col-position select").select_option(label="(none)")
        button.click()  # applies in the page: the lists come back without the position
        expect(page.locator(".fk-status")).to_contain_text("sample_tracker.xlsx")
        expect(page.locator(".fk-list-to-do tbody tr").first).to_be_visible()
        browser.close()
