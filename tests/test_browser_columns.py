"""In a real browser: a tracker whose interview-date header is not recognised opens the
"check columns" panel; the worker maps it and sees the lists (SPEC §2.1)."""

from __future__ import annotations

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
        expect(page.locator(".fk-columns-note")).to_contain_text(
            "no sheet with interview columns found")
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
