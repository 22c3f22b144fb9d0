"""The dashboard's recording panel, in-process (SPEC §8)."""

from __future__ import annotations

import base64
import io
import re
from datetime import UTC, date, datetime

import openpyxl
import pytest
from icalendar import Calendar

from followkit.dashboard.widgets import Dashboard
from followkit.reading.load import load_caseload_bytes
from followkit.recording.write import LOG_SHEET
from followkit.rules import engine as r
from followkit.rules.engine import compute_actions

AS_OF = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 15, 30, tzinfo=UTC)


@pytest.fixture
def board(sample_file):
    dashboard = Dashboard(today=date(2026, 11, 27), now=lambda: NOW)
    dashboard.as_of.value = AS_OF
    dashboard.open_path(sample_file)
    dashboard.as_of.value = AS_OF
    return dashboard


def _link_bytes(value: str) -> tuple[str, bytes]:
    name = re.search(r'download="([^"]+)"', value)[1]
    data = re.search(r"base64,([A-Za-z0-9+/=]+)", value)[1]
    return name, base64.b64decode(data)


def test_marking_a_thank_you_and_a_call_updates_the_lists_and_the_download(board):
    panel = board.record_panel
    thanks = board.report.table("Thank-Yous", text=False)
    first = thanks[thanks[r.ACTION] == r.SEND_THANK_YOU].index[0]
    person = thanks.loc[first]
    panel.choice["Thank-Yous"].value = int(first)
    panel.done_on["Thank-Yous"].value = AS_OF
    panel.mark["Thank-Yous"].click()
    assert panel.message.value == (
        '<p class="fk-recorded" role="status">Recorded: Send thank-you to '
        f'{person["Interviewer"]} for {person["Client Name"]}, Fri 20 Nov 2026.</p>')
    assert panel.choice["Thank-Yous"].label == "Pick the next action…"  # not another client
    after = board.report.table("Thank-Yous", text=False)
    assert len(after) == len(thanks) - 1
    assert not ((after[r.ACTION] == r.SEND_THANK_YOU)
                & (after["Interview ID"] == person["Interview ID"])
                & (after["Interviewer"] == person["Interviewer"])).any()

    calls = board.report.table("Calls", text=False)
    call = calls.iloc[0]
    panel.choice["Calls"].value = 0
    assert panel.done_on["Calls"].value == date(2026, 11, 27)  # today, not the as-of date
    panel.done_on["Calls"].value = AS_OF
    panel.record["Calls"].value = "Left voicemail"
    panel.mark["Calls"].click()
    now_calls = board.report.table("Calls", text=False).set_index("Interview ID")
    assert now_calls.loc[call["Interview ID"], r.LAST_CALL] == datetime(2026, 11, 20)
    assert now_calls.loc[call["Interview ID"], r.CALLS_MADE] == (call[r.CALLS_MADE] or 0) + 1

    panel.wait()  # the copy is made in a thread once the lists show
    assert ">&#11015; Download updated tracker (2 changes)</a>" in panel.saved.value
    name, data = _link_bytes(panel.saved.value)
    assert name == "sample-updated.xlsx"
    wb = openpyxl.load_workbook(io.BytesIO(data))
    log = list(wb[LOG_SHEET].iter_rows(min_row=2, values_only=True))
    assert [row[1:4] for row in log][:1] == [("Interviewers", int(
        load_caseload_bytes(name, data).interviewers.query(
            "`Interview ID` == @person['Interview ID'] and Interviewer == "
            "@person['Interviewer']")["_row"].iloc[0]), "Thank-You Sent")]
    assert log[0][0] == "2026-11-20T15:30:00+00:00"
    assert {row[3] for row in log[1:]} == {"Interview ID", "Call Date", "Result"}
    actions = compute_actions(load_caseload_bytes(name, data), as_of=AS_OF)
    done = actions[(actions["Interview ID"] == person["Interview ID"])
                   & (actions["Interviewer"] == person["Interviewer"])]
    assert done[r.STATUS].tolist() == [r.DONE]


def test_a_mark_that_cannot_be_recorded_says_why(board):
    panel = board.record_panel
    panel.choice["Calls"].value = 0
    panel.done_on["Calls"].value = date(2020, 1, 1)
    before = len(board.report.table("Calls", text=False))
    panel.mark["Calls"].click()
    assert "Not recorded: Done On 2020-01-01 is before the interview" in panel.message.value
    assert len(board.report.table("Calls", text=False)) == before
    assert panel.saved.value == ""


def test_opening_another_tracker_forgets_the_marks(board, sample_file):
    panel = board.record_panel
    panel.choice["References"].value = 0
    panel.mark["References"].click()
    assert len(panel.marks) == 1
    board.open_path(sample_file)
    assert panel.marks == [] and panel.saved.value == ""


def test_calendar_button(board):
    panel = board.record_panel
    panel.calendar_button.click()
    name, data = _link_bytes(panel.download.value)
    assert name == "followkit-2026-11-20.ics"
    events = list(Calendar.from_ical(data).walk("VEVENT"))
    assert (len(events), len(board.report.todo)) == (45, 88)  # one per client per day
    text = data.decode().replace("\r\n ", "")  # unfolded lines
    phones = {p for p in board.loaded.caseload.interviews["Employer Phone"] if p}
    assert phones and not any(p in text for p in phones)  # even with contacts in the report
    assert not board.no_contacts.value
    board.choose_workers(["Amara Okafor"])  # the chosen worker's clients only
    panel.calendar_button.click()
    mine = list(Calendar.from_ical(_link_bytes(panel.download.value)[1]).walk("VEVENT"))
    assert len(mine) == 20
    assert all("(Amara Okafor's client)" in str(e["description"]) for e in mine)


def test_a_csv_tracker_downloads_as_csv_with_its_log(tmp_path):
    import zipfile

    tracker = tmp_path / "flat.csv"
    tracker.write_text("Interview ID,Client ID,Client Name,Employer,Interview Date,Call 1\n"
                       "I1,C1,Ana Lima,Maple Grocers,2026-11-10,\n", encoding="utf-8")
    board = Dashboard(today=date(2026, 11, 27), now=lambda: NOW)
    board.as_of.value = AS_OF
    board.open_bytes(tracker.name, tracker.read_bytes())
    board.as_of.value = AS_OF
    panel = board.record_panel
    panel.choice["Calls"].value = 0
    panel.record["Calls"].value = "No answer"
    panel.done_on["Calls"].value = AS_OF
    panel.mark["Calls"].click()
    panel.wait()  # the copy is made in a thread once the lists show
    name, data = _link_bytes(panel.saved.value)
    assert name == "flat-updated.zip"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read("flat-updated.csv").decode().splitlines() == [
            "Interview ID,Client ID,Client Name,Employer,Interview Date,Call 1,Call 1 Result",
            "I1,C1,Ana Lima,Maple Grocers,2026-11-10,2026-11-20,No answer"]
        log = archive.read("flat-updated-log.csv").decode("utf-8-sig").splitlines()
    assert log[0] == "When,Sheet,Row,Column,Old Value,New Value,From"
    assert len(log) == 4  # the added header cell, the call date, the result


def test_undo_takes_the_last_mark_back_and_the_pick_stays(board):
    panel = board.record_panel
    before = board.report.table("References", text=False)
    panel.choice["References"].value = 2
    kept = panel.choice["References"].label
    panel.choice["Calls"].value = 0
    panel.done_on["Calls"].value = AS_OF
    panel.mark["Calls"].click()
    assert panel.choice["References"].label == kept  # a mark elsewhere moves nothing
    panel.choice["References"].value = 0
    first = before.iloc[0]
    panel.done_on["References"].value = AS_OF
    panel.mark["References"].click()
    assert len(board.report.table("References", text=False)) == len(before) - 1
    panel.wait()  # the copy is made in a thread once the lists show
    assert "(2 changes)" in panel.saved.value
    panel.undo_button.click()
    assert panel.message.value == (
        '<p class="fk-recorded" role="status">Undone: Alert references for '
        f'{first["Client Name"]}, Fri 20 Nov 2026.</p>')
    assert len(board.report.table("References", text=False)) == len(before)
    panel.wait()  # the copy is made in a thread once the lists show
    assert "(1 change)" in panel.saved.value and len(panel.marks) == 1
    panel.undo_button.click()
    panel.wait()
    assert panel.saved.value == "" and panel.marks == []
    assert panel.undo_button.layout.display == "none"
    assert "No changes left to save." in panel.message.value


def test_mark_done_with_nothing_picked_says_so(board):
    panel = board.record_panel
    panel.choice["References"].value = -1
    panel.mark["References"].click()
    assert panel.marks == []
    assert "Pick an action in the list first." in panel.message.value


def test_each_shown_row_of_a_markable_list_picks_its_own_action(board):
    """The row's Mark done button carries the picker's choice for that very row, also
    when the list is sorted another way (issue #25, item 2)."""
    from followkit.dashboard.marks import MAX_CHOICES, row_marks

    board.lists.select("Calls")
    board.lists.sort_by["Calls"].value = "Client Name"
    html = board.lists.tables["Calls"].value
    picker = board.record_panel.choice["Calls"]
    labels = dict((value, label) for label, value in picker.options)
    clients = re.findall(r'<td>([^<]+)<br><small>\d{5} ·', html)
    choices = [int(c) for c in re.findall(r'data-choice="(\d+)"', html)]
    assert len(choices) == len(clients) == 25
    assert clients == sorted(clients)  # sorted by client, not by due date
    assert [labels[c].split(" · ")[2] for c in choices] == clients
    assert set(re.findall(r'data-focus="(\w+)"', html)) == {"record"}  # a call's result
    report = board.report
    frame = report.table("References", text=False)
    assert [m.focus for m in row_marks("References", frame, frame.index[:3])] == ["mark"] * 3
    assert row_marks("To Do", frame, frame.index[:2]) == [None, None]
    beyond = frame.iloc[:2].set_axis([MAX_CHOICES - 1, MAX_CHOICES])  # the picker's end
    assert [m and m.choice for m in row_marks("References", beyond, beyond.index)] == [
        MAX_CHOICES - 1, None]
