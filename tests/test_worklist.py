"""The work lists' HTML and the page's words, in-process (issue #25)."""

from __future__ import annotations

import re

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from followkit.dashboard.notices import worker_words
from followkit.dashboard.worklist import short, worklist_html


def _row(**values: object) -> dict[str, object]:
    base = {"Due Date": pd.Timestamp(2026, 11, 20), "Status": "Due today",
            "Days Overdue": pd.NA, "Action": "Send thank-you", "Client ID": "00014",
            "Client Name": "Gabriel Campbell", "Worker": "Amara Okafor",
            "Employer": "Summit Hardware", "Position": "Sales Associate",
            "Interview Date": pd.Timestamp(2026, 11, 19), "Contact": "",
            "Details": "interview Thu 19 Nov 2026 + 1 business day; no thank-you recorded",
            "Interview ID": "INT-00031", "Interviewer": "Greg Hall"}
    return {**base, **values}


def _cells(html: str) -> list[list[str]]:
    return [re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
            for row in re.findall(r"<tr>(.*?)</tr>", html, flags=re.S)[1:]]


def test_an_action_in_two_lines_with_its_details_on_demand():
    html = worklist_html(pd.DataFrame([_row()]), total=1, label="Thank-Yous")
    assert '<p class="fk-shown">1 action.</p>' in html
    assert re.findall(r"<th scope=\"col\">(.*?)</th>", html) == [
        "When", "Action", "Client", "Employer", "Details"]  # Contact is empty: no column
    assert _cells(html) == [[
        "Fri 20 Nov 2026<br><small>Due today</small>",
        "Send thank-you<br><small>to Greg Hall</small>",
        "Gabriel Campbell<br><small>00014 · Amara Okafor</small>",
        "Summit Hardware<br><small>Sales Associate</small>",
        "<details><summary>interview Thu 19 Nov 2026 + 1 business day; no…</summary>"
        "<p>interview Thu 19 Nov 2026 + 1 business day; no thank-you recorded</p>"
        "<p>Interview Thu 19 Nov 2026 · INT-00031</p></details>"]]


def test_a_column_filled_for_one_row_shown_is_kept_and_late_days_said():
    frame = pd.DataFrame([_row(Contact="(905) 555-0104", Status="Overdue",
                               **{"Days Overdue": 3}), _row(Interviewer="")])
    html = worklist_html(frame, total=60, label="To Do")
    assert '<p class="fk-shown">The first 2 of 60 actions.</p>' in html
    assert '<th scope="col">Contact</th>' in html
    cells = _cells(html)
    assert cells[0][0] == "Fri 20 Nov 2026<br><small>Overdue, 3 days late</small>"
    assert cells[0][4] == "(905) 555-0104" and cells[1][4] == ""
    assert cells[1][1] == "Send thank-you"


def test_values_are_escaped():
    html = worklist_html(pd.DataFrame([_row(**{"Client Name": "<b>x</b>"})]), total=1,
                         label="To Do")
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


@given(st.text(max_size=200))
def test_short_is_a_prefix_under_the_limit(text):
    cut = short(text)
    flat = " ".join(text.split())
    assert len(cut) <= 49
    assert cut == flat or (cut.endswith("…") and flat.startswith(cut[:-1].rstrip(",;:")))


def test_no_command_line_flag_is_left_in_the_readers_messages():
    assert worker_words("no Client ID or Client Name column: every row is taken as one "
                        "person's, 'jo' (from the file name; name them with --client NAME)") == (
        "no Client ID or Client Name column: every row is taken as one person's, 'jo' "
        "(from the file name; type their name in \"Whose tracker is this?\")")
    assert worker_words("no interview date column (map one with --columns)") == (
        "no interview date column (choose it under Check columns)")
    assert worker_words("a date in the wrong column; fix the row and run again") == (
        "a date in the wrong column; fix the row in Excel and upload the file again")


def test_a_column_that_repeats_another_row_for_row_is_left_out():
    frame = pd.DataFrame([
        _row(Action="Follow-up call", Contact="(905) 555-0111",
             **{"Employer Phone": "(905) 555-0111", "Calls Made": 0}),
        _row(Action="Follow-up call", Contact="(905) 555-0105",
             **{"Employer Phone": "(905) 555-0105", "Calls Made": 2})])
    html = worklist_html(frame, total=2, label="Calls")
    assert re.findall(r"<th scope=\"col\">(.*?)</th>", html) == [
        "When", "Action", "Client", "Employer", "Contact", "Calls Made", "Details"]
    differs = frame.assign(**{"Employer Phone": ["(905) 555-0111", "(905) 555-0199"]})
    assert '<th scope="col">Employer Phone</th>' in worklist_html(differs, total=2,
                                                                   label="Calls")


def test_a_row_of_a_markable_list_has_its_own_mark_done_button():
    from followkit.dashboard.worklist import RowMark

    frame = pd.DataFrame([_row(), _row(Action="Get interviewer names", Interviewer="")])
    html = worklist_html(frame, total=2, label="Thank-Yous",
                         marks=[RowMark("thankyous", 0, "mark"),
                                RowMark("thankyous", 7, "record")])
    assert re.findall(r"<th scope=\"col\"[^>]*>(.*?)</th>", html)[:2] == ["Done?", "When"]
    assert re.findall(r"<button [^>]*>Mark done</button>", html) == [
        '<button type="button" class="fk-row-done" data-tab="thankyous" data-choice="0" '
        'data-focus="mark">Mark done</button>',
        '<button type="button" class="fk-row-done" data-tab="thankyous" data-choice="7" '
        'data-focus="record">Mark done</button>']
    plain = worklist_html(frame, total=2, label="To Do")
    assert "fk-row-mark" not in plain and "<button" not in plain
