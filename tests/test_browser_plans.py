"""The Plans tab in a real browser (SPEC §10): pick a client, see their plan, copy the
text message, switch to French, download the .docx.

Uses the Voila server and helpers of tests/test_browser.py.
"""

from __future__ import annotations

import docx

from followkit.dashboard.plans import plan_clients
from followkit.session.session import Session
from tests.browser import axe_violations, open_page
from tests.test_browser import (  # noqa: F401  (server and tracker are fixtures)
    AS_OF,
    _set_date,
    _upload,
    server,
    tracker,
)


def test_plans_tab_previews_copies_and_downloads(server, tracker, tmp_path):  # noqa: F811
    from playwright.sync_api import expect, sync_playwright

    session = Session.open(tracker)
    english = session.plans.build(AS_OF).plans[1]  # the second client by name
    french = session.plans.build(AS_OF, clients=[english.client_id], language="fr").plans[0]
    label = dict((key, text) for text, key in plan_clients(session.report(AS_OF)))[
        english.client_id]
    problems: list[str] = []
    with sync_playwright() as p:
        browser, page = open_page(p, server.url, blocked=server.blocked, problems=problems)
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        _upload(page, tracker)
        _set_date(page, AS_OF)
        page.get_by_role("tab", name="Plans").click()
        preview = page.locator(".fk-plan-preview")
        expect(preview).to_contain_text("Your plan after the interview")

        page.locator(".fk-plan-client select").select_option(label=label)
        expect(preview).to_contain_text(f"Hi {english.first_name}, here is what to do next.")
        steps = preview.locator(".fk-plan-step")
        expect(steps).to_have_count(len(english.steps))
        expect(steps.first).to_contain_text(f"{english.steps[0].title} "
                                            f"{english.steps[0].when}.")
        assert page.locator("textarea.fk-plan-sms").input_value() == english.message

        page.locator("button.fk-copy").click()
        expect(page.locator(".fk-copied")).to_have_text(
            "Copied: paste it into your text message.")
        assert page.evaluate("() => navigator.clipboard.readText()") == english.message
        on_plan = [v for v in axe_violations(page)
                   if any("fk-plan" in t for t in v["targets"])]
        assert on_plan == []

        page.locator(".fk-plan-language select").select_option(label="Français")
        expect(preview).to_contain_text("Votre plan après l'entrevue")
        expect(steps.first).to_contain_text(french.steps[0].title)
        assert page.locator("textarea.fk-plan-sms").input_value() == french.message
        assert preview.locator(".fk-plan").get_attribute("lang") == "fr"

        link = page.locator("a.fk-plan-download-link")
        expect(link).to_contain_text(french.file_name)
        with page.expect_download() as download:
            link.click()
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        browser.close()
    assert not problems, problems
    assert saved.name == french.file_name
    paragraphs = docx.Document(str(saved)).paragraphs
    assert (paragraphs[0].style.name, paragraphs[0].text) == ("Heading 1",
                                                              "Votre plan après l'entrevue")
    assert f"☐ {french.steps[0].title} {french.steps[0].when}." in [p.text for p in paragraphs]
