"""Where each record goes in the trackers people really keep (SPEC §2.1, §8).

One synthetic tracker per layout kind (tests/tracker_corpus.py, ``RECORDING``):
an activity log, a stage-column list, one person's plain list, several files
read as one caseload, and dates written without a year.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from followkit.cli import main
from followkit.pipeline import run_report
from followkit.reading.load import load_caseload, load_caseloads
from followkit.recording.record import record
from followkit.recording.write import LOG_HEADER, LOG_SHEET
from followkit.rules import engine as r
from followkit.rules.engine import compute_actions
from tests.conftest import write_xlsx
from tests.recording import changed_cells, fill_report, is_action, snapshot
from tests.tracker_corpus import FOLDER, RECORDING

AS_OF = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 16, 45, tzinfo=timezone(timedelta(hours=-5)))
DAY = datetime(2026, 11, 19)
D = pd.Timestamp


def _write(name: str, folder: Path) -> Path:
    path = folder / name
    spec = RECORDING[name]
    if isinstance(spec, str):
        path.write_text(spec, encoding="utf-8")
        return path
    # No empty-string cells: Excel stores an empty cell as no cell at all.
    return write_xlsx(path, {name: [[None if v == "" else v for v in row] for row in rows]
                             for name, rows in spec.items()})


def _report(tracker: Path | list[Path], as_of: date = AS_OF) -> Path:
    first = tracker[0] if isinstance(tracker, list) else tracker
    out = first.parent / f"{first.stem}-report.xlsx"
    run_report(tracker, as_of=as_of, output=out)
    return out



def _actions(path: Path | list[Path], as_of: date = AS_OF) -> pd.DataFrame:
    caseload = load_caseloads(path if isinstance(path, list) else [path], as_of=as_of)
    return compute_actions(caseload, as_of=as_of)


# --- activity log ----------------------------------------------------------------


def test_activity_log_gets_new_rows_in_its_own_words(tmp_path):
    tracker = _write("activity_log.xlsx", tmp_path)
    filled = tmp_path / "filled.xlsx"
    rows = fill_report(_report(tracker), filled, [
        ("Thank-Yous", is_action(r.SEND_THANK_YOU), DAY, None),
        ("Calls", is_action(r.FOLLOW_UP_CALL), datetime(2026, 11, 20), "Left voicemail"),
        ("Job Search", lambda row: row["Client Name"] == "Ana Lima", DAY, "Harbour Hotel"),
    ])
    assert [(row["Interviewer"], row["Employer"]) for row in rows[:2]] == [
        ("Rosa Vidal", "Tulip Bakery"), (None, "Tulip Bakery")]
    before = snapshot(tracker)
    result = record(tracker, filled, now=NOW)
    assert result.refused == []
    ws = openpyxl.load_workbook(result.output)["Log"]
    assert [[c.value for c in row] for row in ws.iter_rows(min_row=7)] == [
        [DAY, "Thank-you sent", "Ana Lima", "Tulip Bakery", "Baker", "Rosa Vidal", None],
        [datetime(2026, 11, 20), "Called employer", "Ana Lima", "Tulip Bakery", "Baker", None,
         "Left voicemail"],
        [DAY, "Applied online", "Ana Lima", "Harbour Hotel", None, None, None],
    ]
    assert ws["A7"].is_date and ws["A8"].number_format == ws["A6"].number_format
    assert ws.max_column == 7  # no new column
    changed = changed_cells(before, snapshot(result.output))
    assert changed == {("Log", row, col) for row, col in
                       [(7, 1), (7, 2), (7, 3), (7, 4), (7, 5), (7, 6),
                        (8, 1), (8, 2), (8, 3), (8, 4), (8, 5), (8, 7),
                        (9, 1), (9, 2), (9, 3), (9, 4)]}
    assert {(row[1], row[2], row[3]) for row in result.log} == {
        ("Log", row, ws.cell(1, col).value) for _, row, col in changed}
    actions = _actions(result.output)
    ana = actions[actions["Client Name"] == "Ana Lima"]
    thanks = ana[ana[r.ACTION] == r.SEND_THANK_YOU]
    assert thanks[[r.STATUS, "Interviewer"]].values.tolist() == [[r.DONE, "Rosa Vidal"]]
    call = ana[ana[r.ACTION] == r.FOLLOW_UP_CALL]
    assert call[[r.CALLS_MADE, r.LAST_CALL, r.DUE_DATE]].values.tolist() == [
        [1, D("2026-11-20"), D("2026-11-27")]]
    hunt = ana[ana[r.ACTION] == r.KEEP_HUNTING]
    assert hunt[r.DUE_DATE].tolist() == [D("2026-11-26")]  # 7 days after the application
    caseload = load_caseload(result.output, as_of=AS_OF)
    assert len(caseload.interviews) == 1  # the new rows are not interviews
    # Recording the same report again changes nothing.
    again = record(result.output, filled, now=NOW, output=tmp_path / "again.xlsx")
    assert again.log == [] and len(again.already) == 3


def test_a_call_row_with_no_interview_stays_a_job_search_activity(tmp_path):
    caseload = load_caseload(_write("activity_log.xlsx", tmp_path), as_of=AS_OF)
    omar = caseload.applications[caseload.applications["Client ID"] == "Omar Haddad"]
    assert sorted(omar["Application Date"].dt.day) == [3, 9, 12]
    assert caseload.calls.empty


def test_activity_log_csv_gets_a_new_record_and_keeps_every_other_line(tmp_path):
    tracker = tmp_path / "log.csv"
    text = ("Date of Activity,Work Search Activity,Company Name,Position Title,Notes\r\n"
            "2026-11-02,Applied for job,Harbor Freight Co,Stock Associate,\r\n"
            '2026-11-06,Interview,Kestrel Logistics,Driver Helper,"met Dana, shift lead"\r\n')
    tracker.write_bytes(text.encode("utf-8"))
    filled = tmp_path / "filled.xlsx"
    fill_report(_report(tracker), filled, [
        ("Calls", is_action(r.FOLLOW_UP_CALL), DAY, "No answer"),
        ("Thank-Yous", is_action(r.GET_NAMES), DAY, "Dana Reyes")])
    result = record(tracker, filled, now=NOW)
    assert result.refused == []
    assert result.output.read_bytes().decode("utf-8") == (
        "Date of Activity,Work Search Activity,Company Name,Position Title,Notes,"
        "Interviewer 1\r\n"
        "2026-11-02,Applied for job,Harbor Freight Co,Stock Associate,,\r\n"
        '2026-11-06,Interview,Kestrel Logistics,Driver Helper,"met Dana, shift lead",'
        "Dana Reyes\r\n"
        "2026-11-19,Follow-up call,Kestrel Logistics,Driver Helper,No answer,\r\n")
    actions = _actions(result.output)
    assert actions.loc[actions[r.ACTION] == r.FOLLOW_UP_CALL, r.LAST_CALL].tolist() == [
        D("2026-11-19")]
    thanks = actions[actions[r.ACTION] == r.SEND_THANK_YOU]
    assert thanks[["Interviewer", r.STATUS]].values.tolist() == [["Dana Reyes", r.OVERDUE]]
    # The thank-you, next week: a new "Thank-you sent" record naming her.
    filled2 = tmp_path / "filled2.xlsx"
    fill_report(_report(result.output), filled2, [
        ("Thank-Yous", is_action(r.SEND_THANK_YOU), datetime(2026, 11, 20), None)])
    second = record(result.output, filled2, now=NOW, output=tmp_path / "log2.csv")
    assert second.output.read_text(encoding="utf-8").splitlines()[-1] == (
        "2026-11-20,Thank-you sent,Kestrel Logistics,Driver Helper,,Dana Reyes")
    actions = _actions(second.output)
    assert actions.loc[actions[r.ACTION] == r.SEND_THANK_YOU, r.STATUS].tolist() == [r.DONE]


# --- stage columns, one person's lists ---------------------------------------------


def test_stage_list_adds_generic_columns_and_refuses_names_for_an_earlier_round(tmp_path):
    tracker = _write("stages_list.csv", tmp_path)
    filled = tmp_path / "filled.xlsx"
    rows = fill_report(_report(tracker), filled, [
        ("Thank-Yous", lambda row: row["Interview ID"] == "R2", None, "Kai Moss"),
        ("Thank-Yous", lambda row: row["Interview ID"] == "R2 round 1", None, "Lee Park"),
        ("Calls", is_action(r.FOLLOW_UP_CALL), DAY, "Still deciding"),
        ("Job Search", lambda row: True, DAY, "Birch Tools"),
    ])
    assert [row["Action"] for row in rows[:2]] == [r.GET_NAMES, r.GET_NAMES]
    result = record(tracker, filled, now=NOW)
    assert [why for _, why in result.refused] == [
        "interviewer names for an earlier round (R2 round 1) have no place in this tracker: "
        "its interviewer columns hold the names of the row's latest round; note them in the "
        "row's notes yourself"]
    assert result.output.read_text(encoding="utf-8").splitlines() == [
        "Company,Role,Applied Date,Phone,Onsite,Result,Interviewer 1,Call 1,Call 1 Result",
        "Wisp Cafe,Barista,2026-10-20,2026-11-02,2026-11-12,ongoing,Kai Moss,2026-11-19,"
        "Still deciding",
        "Yew Florist,Helper,2026-10-22,,,Applied,,,",
        "Birch Tools,,2026-11-19,,,,,,"]
    notes = [row[6] for row in result.log if row[3] == "Interviewer 1"]
    assert notes[0].endswith("(column 'Interviewer 1' added)")
    assert notes[1].endswith("(the sheet has no Interviewer column: column 'Interviewer 1' "
                             "added)")
    actions = _actions(result.output)
    thanks = actions[actions[r.ACTION] == r.SEND_THANK_YOU]
    assert thanks[["Interview ID", "Interviewer"]].values.tolist() == [["R2", "Kai Moss"]]
    calls = actions[actions[r.ACTION] == r.FOLLOW_UP_CALL]
    assert calls[["Interview ID", r.STATUS, r.LAST_CALL]].values.tolist() == [
        ["R2 round 1", r.NOT_NEEDED, pd.NaT], ["R2", r.UPCOMING, D("2026-11-19")]]
    caseload = load_caseload(result.output, as_of=AS_OF)
    assert D("2026-11-19") in set(caseload.applications["Application Date"])


def test_plain_list_adds_decision_and_references_columns_and_says_so(tmp_path):
    tracker = _write("plain_list.xlsx", tmp_path)
    filled = tmp_path / "filled.xlsx"
    fill_report(_report(tracker), filled, [
        ("Decision Dates", lambda row: True, DAY, datetime(2026, 11, 27)),
        ("References", lambda row: True, DAY, None)])
    result = record(tracker, filled, now=NOW)
    assert [row[1:6] for row in result.log] == [
        ["Jobs", 1, "F", "", "References Alerted"],
        ["Jobs", 2, "References Alerted", "", "2026-11-19"],
        ["Jobs", 1, "G", "", "Decision Date"], ["Jobs", 2, "Decision Date", "", "2026-11-27"]]
    assert "column 'References Alerted' added" in result.log[0][6]
    actions = _actions(result.output)
    done = actions[actions[r.ACTION].isin([r.ASK_DECISION, r.ALERT_REFERENCES])]
    assert done[r.STATUS].tolist() == [r.DONE, r.DONE]


# --- several files -----------------------------------------------------------------


def test_a_folder_caseload_is_recorded_file_by_file(tmp_path, capsys):
    folder = tmp_path / "clients"
    folder.mkdir()
    for name, text in FOLDER.items():
        (folder / name).write_text(text, encoding="utf-8")
    report = tmp_path / "report.xlsx"
    run_report([folder], as_of=AS_OF, output=report)
    filled = tmp_path / "filled.xlsx"
    rows = fill_report(report, filled, [
        ("Calls", lambda row: row["Client Name"] == "jordan", DAY, "No answer")])
    assert rows[0]["Interview ID"] == "jordan.csv R2"
    assert main(["record", str(folder), str(filled)]) == 0
    out = capsys.readouterr().out
    updated = tmp_path / "clients-updated"
    assert out.splitlines()[:2] == ["Recorded 1 action(s) (4 cell(s)) into 1 file(s):",
                                    f"  {updated / 'jordan-updated.csv'}: 4 cell(s)"]
    assert sorted(p.name for p in updated.iterdir()) == [
        "jordan-updated-log.csv", "jordan-updated.csv"]  # riley's had nothing to record
    assert (updated / "jordan-updated.csv").read_text(encoding="utf-8").splitlines() == [
        "Company,Position,Date Applied,Interview Date,Call 1,Call 1 Result",
        "Wisp Cafe,Barista,2026-11-02,2026-11-12,2026-11-19,No answer",
        "Yew Florist,Helper,2026-11-05,,,"]
    log = list(csv.reader(io.StringIO(
        (updated / "jordan-updated-log.csv").read_text(encoding="utf-8-sig"))))
    assert log[0] == LOG_HEADER and [row[1:4] for row in log[1:]] == [
        ["jordan", "1", "Call 1"], ["jordan", "2", "Call 1"], ["jordan", "1", "Call 1 Result"],
        ["jordan", "2", "Call 1 Result"]]
    # Next week the updated folder is read as a caseload; the log file is passed over.
    again = load_caseloads([updated], as_of=AS_OF)
    assert again.skipped_sheets == ("jordan-updated-log.csv (followkit's record of changes, "
                                    "not read)",)
    calls = again.calls
    assert calls[["Interview ID", "Call Date", "Result"]].values.tolist() == [
        ["R2", D("2026-11-19"), "No answer"]]


def test_several_files_each_get_their_own_log_sheet(tmp_path):
    a = _write("plain_list.xlsx", tmp_path)
    b = _write("activity_log.xlsx", tmp_path)
    report = _report([a, b])
    filled = tmp_path / "filled.xlsx"
    fill_report(report, filled, [
        ("Calls", lambda row: row["Employer"] == "Zest Market", DAY, None),
        ("Thank-Yous", lambda row: row["Interviewer"] == "Rosa Vidal", DAY, None)])
    out = tmp_path / "out"
    result = record([a, b], filled, now=NOW, output=out)
    assert result.refused == []
    assert [(p.name, n) for p, n in result.written or []] == [
        ("plain_list-updated.xlsx", 2), ("activity_log-updated.xlsx", 6)]
    plain = openpyxl.load_workbook(out / "plain_list-updated.xlsx")
    assert plain.sheetnames == ["Jobs", LOG_SHEET]
    assert [c.value for c in plain["Jobs"][2]][-1] == DAY
    log = openpyxl.load_workbook(out / "activity_log-updated.xlsx")
    assert [[c.value for c in row] for row in log[LOG_SHEET].iter_rows(min_row=2)][0][1:4] == [
        "Log", 7, "Date of Activity"]
    actions = _actions([out / "plain_list-updated.xlsx", out / "activity_log-updated.xlsx"])
    assert actions.loc[actions[r.ACTION] == r.SEND_THANK_YOU, r.STATUS].tolist() == [r.DONE]
    with pytest.raises(Exception, match="-o names a folder"):
        record([a, b], filled, now=NOW, output=tmp_path / "one.xlsx")


# --- dates without a year ------------------------------------------------------------


def test_record_reads_the_tracker_with_the_reports_as_of_date(tmp_path):
    tracker = _write("yearless.csv", tmp_path)
    early = date(2025, 11, 20)  # "Nov 3" 17 days before: its call is on the Calls list
    # The same cell is a different day depending on the as-of date.
    assert load_caseload(tracker, as_of=early).interviews["Interview Date"].tolist() == [
        D("2025-11-03")]
    assert load_caseload(tracker, as_of=AS_OF).interviews["Interview Date"].tolist() == [
        D("2026-11-03")]
    filled = tmp_path / "filled.xlsx"
    fill_report(_report(tracker, early), filled, [
        ("Calls", is_action(r.FOLLOW_UP_CALL), datetime(2025, 11, 12), None)])
    result = record(tracker, filled, now=NOW)  # today is 2026-11-20: not the report's date
    assert result.refused == []
    assert result.output.read_text(encoding="utf-8").splitlines()[1] == (
        "Opal Dental,Receptionist,Nov 3,Interviewing,2025-11-12")
    actions = _actions(result.output, early)
    assert actions.loc[actions[r.ACTION] == r.FOLLOW_UP_CALL, r.LAST_CALL].tolist() == [
        D("2025-11-12")]


# --- followkit's own log sheet -------------------------------------------------------


def test_the_log_sheet_is_named_once_as_not_read(tmp_path, capsys):
    tracker = _write("plain_list.xlsx", tmp_path)
    filled = tmp_path / "filled.xlsx"
    fill_report(_report(tracker), filled, [("Calls", lambda row: True, DAY, None)])
    result = record(tracker, filled, now=NOW)
    caseload = load_caseload(result.output, as_of=AS_OF)
    assert caseload.skipped_sheets == ("followkit log (followkit's record of changes, not "
                                       "read)",)
    assert main(["columns", str(result.output), "--as-of", "2026-11-20"]) == 0
    out = capsys.readouterr().out
    assert out.count("followkit log") == 1 and "followkit's record of changes" in out


def test_a_broken_csv_row_stays_broken_when_a_column_is_added(tmp_path):
    tracker = tmp_path / "broken.csv"
    tracker.write_text("Client Name,Employer,Interview Date,Notes\n"
                       "Ana Lima,Maple Grocers,2026-11-10,\n"
                       "Omar Haddad,Birch Tools,2026-11-12,late, but fine\n", encoding="utf-8")
    filled = tmp_path / "filled.xlsx"
    fill_report(_report(tracker), filled, [("Calls", is_action(r.FOLLOW_UP_CALL), DAY, None)])
    result = record(tracker, filled, now=NOW)
    assert result.output.read_text(encoding="utf-8").splitlines() == [
        "Client Name,Employer,Interview Date,Notes,Call 1",
        "Ana Lima,Maple Grocers,2026-11-10,,2026-11-19",
        "Omar Haddad,Birch Tools,2026-11-12,late, but fine,"]  # 6 fields against 5: broken
    issues = load_caseload(result.output, as_of=AS_OF).issues
    assert issues.loc[issues["Row"] == 3, "Problem"].str.contains("6 fields").tolist() == [True]


def test_an_activity_log_row_that_would_follow_another_interview_is_refused(tmp_path):
    spec = RECORDING["activity_log.xlsx"]
    assert isinstance(spec, dict)
    rows = [*spec["Log"], [date(2026, 11, 13), "Interview", "Ana Lima", "Tulip Bakery",
                           "Baker", "Tom Hale", None]]  # a second interview, same employer
    tracker = write_xlsx(tmp_path / "log.xlsx", {"Log": [
        [None if v == "" else v for v in row] for row in rows]})
    filled = tmp_path / "filled.xlsx"
    fill_report(_report(tracker), filled, [
        ("Calls", lambda row: row["Interview Date"] == datetime(2026, 11, 10), DAY, None),
        ("Calls", lambda row: row["Interview Date"] == datetime(2026, 11, 13), DAY, None)])
    result = record(tracker, filled, now=NOW)
    assert result.refused == [(
        "sheet 'Calls' row 2",
        "the activity log has another interview of 'Ana Lima' at 'Tulip Bakery' (R7, "
        "2026-11-13): a new row could not say which interview it follows; note this one in "
        "the log yourself")]
    assert [row[3] for row in result.log] == ["Date of Activity", "Client Name", "Employer",
                                              "Position", "Activity Type"]
    actions = _actions(result.output)
    calls = actions[actions[r.ACTION] == r.FOLLOW_UP_CALL]
    assert calls[["Interview ID", r.LAST_CALL]].values.tolist() == [
        ["R5", pd.NaT], ["R7", D("2026-11-19")]]


def test_an_activity_log_interview_without_employer_cannot_get_a_new_row(tmp_path):
    tracker = write_xlsx(tmp_path / "log.xlsx", {"Log": [
        ["Date of Activity", "Activity Type", "Client Name", "Employer", "Position"],
        [date(2026, 11, 10), "Interview", "Ana Lima", None, "Baker"]]})
    filled = tmp_path / "filled.xlsx"
    fill_report(_report(tracker), filled, [("Calls", is_action(r.FOLLOW_UP_CALL), DAY, None)])
    result = record(tracker, filled, now=NOW)
    assert [why for _, why in result.refused] == [
        "the interview has no employer in the activity log, so a new row could not be "
        "linked to it; type the employer in its row first"]
    assert result.log == []


def test_dashboard_marks_read_yearless_dates_with_the_lists_date(tmp_path):
    from followkit.recording.record import Filled
    from followkit.session.session import Session

    tracker = _write("yearless.csv", tmp_path)
    early = date(2025, 11, 20)  # "Nov 3" 17 days before (not stale): a call is due
    session = Session.open(tracker, as_of=early)
    call = session.report(early).table("Calls", text=False).iloc[0]
    mark = Filled(where="dashboard", action=r.FOLLOW_UP_CALL,
                  interview_id=call["Interview ID"], interviewer="",
                  client_id=call["Client ID"], employer=call["Employer"],
                  interview_date=call["Interview Date"].date(), done_on=date(2025, 11, 12),
                  record="")
    folder = tmp_path / "out"
    folder.mkdir()
    result = session.record_marks([mark], now=NOW, folder=folder, as_of=early)
    assert result.refused == []
    assert result.output.read_text(encoding="utf-8").splitlines()[1] == (
        "Opal Dental,Receptionist,Nov 3,Interviewing,2025-11-12")
    # Read as of today instead, "Nov 3" is 2026-11-03: the mark no longer matches it.
    again = session.record_marks([mark], now=NOW, folder=folder, as_of=AS_OF)
    assert [why for _, why in again.refused] != []


def test_the_dashboard_reads_yearless_dates_as_the_command_line_does(tmp_path):
    from followkit.dashboard.widgets import Dashboard

    tracker = _write("yearless.csv", tmp_path)
    early = date(2026, 10, 1)
    board = Dashboard(today=early)
    data = tracker.read_bytes()
    board.upload.value = ({"name": tracker.name, "type": "", "size": len(data),
                           "content": memoryview(data), "last_modified": NOW},)
    read = board.state.session.caseload.interviews["Interview Date"].tolist()
    assert read == [D("2025-11-03")] == load_caseload(tracker, as_of=early).interviews[
        "Interview Date"].tolist()
    assert board.report.todo.equals(run_report(tracker, as_of=early).report.todo)
