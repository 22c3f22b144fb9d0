"""The recording panel in a real browser (SPEC §8): mark a thank-you done, see the
counts drop, download the updated tracker and the calendar.

Uses the Voila server and helpers of tests/test_browser.py.
"""

from __future__ import annotations

import time

import openpyxl
from icalendar import Calendar

from followkit.core.policy import DEFAULT_POLICY
from followkit.recording.write import LOG_SHEET
from followkit.rules import clock
from tests.browser import open_page
from tests.test_browser import (  # noqa: F401  (server and tracker are fixtures)
    AS_OF,
    _set_date,
    _totals,
    _upload,
    server,
    tracker,
)


def test_mark_done_downloads_the_updated_tracker_and_calendar(server, tracker, tmp_path):  # noqa: F811
    from playwright.sync_api import expect, sync_playwright

    problems: list[str] = []
    with sync_playwright() as p:
        browser, page = open_page(p, server.url, blocked=server.blocked, problems=problems)
        _upload(page, tracker)
        _set_date(page, AS_OF)
        expect(page.locator(".fk-counts .fk-box").first).to_be_visible()
        before = _totals(page)
        page.locator(".fk-tabs .lm-TabBar-tab", has_text="Thank-Yous").click()
        choice = page.locator(".fk-choice-thankyous select")
        expect(choice).to_be_visible()
        options = [o.replace("\xa0", " ") for o in choice.locator("option").all_inner_texts()]
        index = next(i for i, o in enumerate(options)
                     if i and "Get interviewer names" not in o)  # 0: "Pick the next action…"
        choice.select_option(index=index)
        status = options[index].split(" · ")[1]
        done_on = page.locator(".fk-done-thankyous input")
        # Done on starts on the agency's today (the server's clock in the policy's zone)
        today = clock.today(DEFAULT_POLICY)
        expect(done_on).to_have_value(f"{today:%a} {today.day} {today:%b %Y}")
        done_on.fill(AS_OF.isoformat())
        done_on.press("Tab")
        page.locator("button.fk-mark-thankyous").click()
        expect(page.locator(".fk-record-message:visible")).to_contain_text(
            f"Recorded: Send thank-you to {options[index].split(' · ')[4]} for "
            f"{options[index].split(' · ')[2]}, Fri 20 Nov 2026.")
        deadline = time.monotonic() + 30
        while _totals(page)[status] != before[status] - 1 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _totals(page)[status] == before[status] - 1

        saved_link = page.locator(".fk-saved a.fk-save-link").first
        expect(saved_link).to_have_text("\u2b07 Download updated tracker (1 change)")
        with page.expect_download() as download:
            saved_link.click()
        assert download.value.suggested_filename == "our tracker-updated.xlsx"
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)

        page.locator("button.fk-calendar").click()
        link = page.locator(".fk-record-link a.fk-download-link")
        expect(link).to_contain_text(f"followkit-{AS_OF}.ics")
        with page.expect_download() as download:
            link.click()
        ics = tmp_path / download.value.suggested_filename
        download.value.save_as(ics)
        browser.close()
    assert not problems, problems
    log = list(openpyxl.load_workbook(saved)[LOG_SHEET].iter_rows(values_only=True))
    assert log[0] == ("When", "Sheet", "Row", "Column", "Old Value", "New Value", "From")
    assert [row[1] for row in log[1:]] == ["Interviewers"]
    assert log[1][3] == "Thank-You Sent" and log[1][5] == AS_OF.isoformat()
    assert len(list(Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))) > 0
