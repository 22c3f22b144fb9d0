"""In a real browser: a tracker whose interview-date header is not recognised opens the
"check columns" panel; the worker maps it and sees the lists (SPEC §2.1)."""

from __future__ import annotations

import re
from datetime import date

from tests.browser import open_page
from tests.test_browser import _set_date, _totals, server  # noqa: F401

AS_OF = date(2026, 11, 20)


def test_check_columns_panel_maps_an_unknown_header(server, tmp_path):  # noqa: F811
    from playwright.sync_api import expect, sync_playwright

    path = tmp_path / "jordan.csv"
    path.write_text("Client,Where,What,When we met\n"
                    "Jordan Blake,Maple Grocers,Cashier,2026-11-16\n"
                    "Jordan Blake,Birch Tools,Clerk,2026-11-18\n", encoding="utf-8")
    with sync_playwright() as p:
        browser, page = open_page(p, server.url, blocked=server.blocked)
        upload = page.locator(".fk-upload")
        expect(upload).to_be_visible()
        with page.expect_file_chooser() as chooser:
            upload.click()
        chooser.value.set_files(str(path))
        note = page.locator(".fk-columns-note")
        expect(note).to_contain_text("no sheet with interview columns found")
        # What to click, in the page's words (never a command-line flag)
        expect(note).to_contain_text("Tell followkit which column is which below, then "
                                     "press Read with these columns.")
        expect(note).not_to_contain_text("--columns")
        page.locator(".fk-col-interviewdate select").select_option(
            label="When we met  (e.g. 2026-11-16)")
        page.locator(".fk-col-employer select").select_option(
            label="Where  (e.g. Maple Grocers)")
        page.locator(".fk-col-apply").click()
        expect(page.locator(".fk-status")).to_contain_text("jordan.csv")
        _set_date(page, AS_OF)
        expect(page.locator(".fk-counts .fk-box").first).to_be_visible()
        totals = _totals(page)
        browser.close()
    # Two interviews, both open: ask, references, names and a call each are open.
    assert sum(totals.values()) == 8


def test_a_tracker_it_misreads_is_fixed_by_choosing_the_header_row(server, tmp_path):  # noqa: F811
    """A guide row above the header names more columns than the header itself, so
    followkit takes it as the header and no row is usable; the worker picks row 4 in
    Check columns and the lists appear, in the page."""
    from playwright.sync_api import expect, sync_playwright

    from tests.test_header_row import tracker

    path = tmp_path / "guide.xlsx"
    path.write_bytes(tracker())
    with sync_playwright() as p:
        browser, page = open_page(p, server.url, blocked=server.blocked)
        # Its name is its words (after the icon), no file count: not "... (0)"
        upload = page.get_by_role("button", name=re.compile(r"^\W*Upload your tracker$"))
        expect(upload).to_be_visible()
        with page.expect_file_chooser() as chooser:
            upload.click()
        chooser.value.set_files(str(path))
        expect(page.locator(".fk-status")).to_contain_text("guide.xlsx: 5 interview rows")
        expect(page.locator(".fk-banner-box")).to_contain_text("5 rows could not be used")
        page.get_by_role("button", name="Check columns").click()
        header_row = page.locator(".fk-header-row select")
        expect(header_row.locator("option:checked")).to_have_text(
            "Row 2: Fill in: | Name | Company | Job | Date of interview | Result | Staff")
        header_row.select_option(label="Row 4: Youth | Company | Date of interview | "
                                       "Thank-you sent | Comments")
        expect(page.locator(".fk-col-interviewdate select option:checked")).to_have_text(
            "Date of interview  (e.g. Mon 16 Nov 2026)")
        page.locator(".fk-col-apply").click()
        expect(page.locator(".fk-status")).to_contain_text("guide.xlsx: 3 interview rows")
        expect(page.locator(".fk-banner-box")).to_have_text("")
        expect(upload).to_be_visible()  # still no count, one file uploaded
        _set_date(page, AS_OF)
        expect(page.locator(".fk-as-of input")).to_have_value("Fri 20 Nov 2026")
        expect(page.locator(".fk-counts .fk-box").first).to_be_visible()
        page.locator(".fk-tabs .lm-TabBar-tab", has_text="Thank-Yous").click()
        expect(page.locator(".fk-list-thank-yous")).to_contain_text("Chloé Dubé")
        browser.close()


def test_a_column_it_misreads_is_fixed_in_check_columns(server, tmp_path):  # noqa: F811
    """'Date' is the day the row was written, the interview is under 'Meeting': followkit
    takes Date as the interview date; the worker says which is which, in the page."""
    from playwright.sync_api import expect, sync_playwright

    path = tmp_path / "meetings.csv"
    path.write_text("Client,Company,Date,Meeting\n"
                    "Ana Lima,Maple Foods,2026-11-02,2026-11-16\n"
                    "Ben Roy,Birch Tools,2026-11-03,2026-11-18\n", encoding="utf-8")
    with sync_playwright() as p:
        browser, page = open_page(p, server.url, blocked=server.blocked)
        upload = page.locator(".fk-upload")
        expect(upload).to_be_visible()
        with page.expect_file_chooser() as chooser:
            upload.click()
        chooser.value.set_files(str(path))
        expect(page.locator(".fk-status")).to_contain_text("meetings.csv: 2 interview rows")
        _set_date(page, AS_OF)
        todo = page.locator(".fk-list-to-do")
        expect(todo).to_contain_text("interview Mon 2 Nov 2026")  # the misreading
        page.get_by_role("button", name="Check columns").click()
        date_choice = page.locator(".fk-col-interviewdate select")
        expect(date_choice.locator("option:checked")).to_have_text("Date  (e.g. 2026-11-02)")
        date_choice.select_option(label="Meeting  (e.g. 2026-11-16)")
        page.locator(".fk-col-applicationdate select").select_option(
            label="Date  (e.g. 2026-11-02)")
        page.locator(".fk-col-apply").click()
        expect(todo).to_contain_text("interview Mon 16 Nov 2026")
        expect(todo).to_contain_text("interview Wed 18 Nov 2026")
        expect(todo).not_to_contain_text("2 Nov 2026")
        expect(page.locator(".fk-status")).to_contain_text("as of Friday 20 November 2026")
        browser.close()
