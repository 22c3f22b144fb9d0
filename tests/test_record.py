"""Recording a filled-in report back into the tracker (SPEC §8)."""

from __future__ import annotations

import zipfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from followkit.cli import main
from followkit.core.errors import FollowkitError, OutputError
from followkit.pipeline import run_report
from followkit.reading.load import load_caseload
from followkit.recording.record import record
from followkit.recording.write import LOG_HEADER, LOG_SHEET
from followkit.report.workbook import write_tracker
from followkit.rules import engine as r
from followkit.rules.engine import compute_actions
from tests.recording import as_date, digest, fill_report, is_action, snapshot

AS_OF = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 16, 45, tzinfo=timezone(timedelta(hours=-5)))
D = pd.Timestamp


def _tables() -> dict[str, pd.DataFrame]:
    interviews = pd.DataFrame({
        "Interview ID": ["I1", "I2", "I3"], "Client ID": ["C1", "C2", "C3"],
        "Client Name": ["Ana Lima", "Omar Haddad", "Mei Chen"], "Worker": ["Sam", "Sam", "Jo"],
        "Employer": ["Maple Grocers", "Oakridge Landscaping", "Lakeshore Cafe"],
        "Position": ["Cashier", "Labourer", "Barista"],
        "Interview Date": [D("2026-11-10"), D("2026-11-12"), D("2026-11-16")],
        "Employer Phone": ["555-0101", "555-0102", "555-0103"],
        "Decision Date": [pd.NaT, pd.NaT, pd.NaT],
        "References Alerted": ["", "Y", ""], "Outcome": ["", "", ""], "Notes": ["", "", ""]})
    interviewers = pd.DataFrame({
        "Interview ID": ["I1", "I1", "I2"], "Interviewer": ["Raj Patel", "Greg Hall", "Tom Becker"],
        "Email": ["", "", ""], "Thank-You Sent": ["", "Y", "Y"]})
    calls = pd.DataFrame({"Interview ID": ["I1"], "Call Date": [D("2026-11-17")],
                          "Result": ["no answer"]})
    search = pd.DataFrame({"Client ID": ["C1"], "Application Date": [D("2026-11-05")],
                           "Employer": ["Summit Hardware"], "Position": ["Clerk"]})
    return {"Interviews": interviews, "Interviewers": interviewers, "Calls": calls,
            "Job Search": search}


def _with_formulas(path: Path) -> Path:
    wb = openpyxl.load_workbook(path)
    ws = wb.create_sheet("Budget")
    ws["A1"], ws["B1"] = "Item", "Cost"
    ws["A2"], ws["B2"], ws["B3"] = "Bus passes", 120, "=SUM(B2:B2)*2"
    ws["B3"].number_format = "0.00"
    wb.save(path)
    return path


@pytest.fixture
def tracker(tmp_path: Path) -> Path:
    return _with_formulas(write_tracker(_tables(), tmp_path / "tracker.xlsx", blank_rows=20))


@pytest.fixture
def report(tracker: Path) -> Path:
    out = tracker.with_name("report.xlsx")
    run_report(tracker, as_of=AS_OF, output=out)
    return out


def _fill_worker_style(report: Path) -> Path:
    """One thank-you and one call, as a worker fills them."""
    filled = report.with_name("filled.xlsx")
    fill_report(report, filled, [
        ("Thank-Yous", lambda row: row["Interviewer"] == "Raj Patel", datetime(2026, 11, 18),
         None),
        ("Calls", lambda row: row["Interview ID"] == "I2", datetime(2026, 11, 20),
         "Left voicemail"),
    ])
    return filled


def _changed(before: dict, after: dict) -> set[tuple[str, tuple[int, int]]]:
    out = set()
    for sheet, state in before.items():
        cells = after[sheet]["cells"]
        for key in set(state["cells"]) | set(cells):
            if state["cells"].get(key) != cells.get(key):
                out.add((sheet, key))
    return out


def test_one_thank_you_and_one_call_change_only_their_cells(tracker, report):
    filled = _fill_worker_style(report)
    before = snapshot(tracker)
    result = record(tracker, filled, now=NOW)
    assert result.output == tracker.with_name("tracker-updated.xlsx")
    after = snapshot(result.output)
    assert _changed(before, after) == {
        ("Interviewers", (2, 4)), ("Calls", (3, 1)), ("Calls", (3, 2)), ("Calls", (3, 3))}
    for sheet in before:  # widths, drop-downs and frozen panes as they were
        assert {k: v for k, v in after[sheet].items() if k != "cells"} == {
            k: v for k, v in before[sheet].items() if k != "cells"}, sheet
    wb = openpyxl.load_workbook(result.output)
    assert wb.sheetnames == ["Interviews", "Interviewers", "Calls", "Job Search", "Budget",
                             LOG_SHEET]
    assert wb["Budget"]["B3"].value == "=SUM(B2:B2)*2"
    thanked = wb["Interviewers"]["D2"]
    assert thanked.value == datetime(2026, 11, 18) and thanked.is_date
    assert [c.value for c in wb["Calls"][3]] == ["I2", datetime(2026, 11, 20), "Left voicemail"]
    assert wb["Calls"]["B3"].is_date
    log = [list(row) for row in wb[LOG_SHEET].iter_rows(values_only=True)]
    assert log == [LOG_HEADER,
                   ["2026-11-20T16:45:00-05:00", "Interviewers", 2, "Thank-You Sent", None,
                    "2026-11-18", "filled.xlsx, sheet 'Thank-Yous' row 2: Send thank-you"],
                   *[["2026-11-20T16:45:00-05:00", "Calls", 3, column, None, value,
                      "filled.xlsx, sheet 'Calls' row 2: Follow-up call"]
                     for column, value in (("Interview ID", "I2"), ("Call Date", "2026-11-20"),
                                           ("Result", "Left voicemail"))]]


def test_next_report_shows_the_recorded_actions_done(tracker, report):
    result = record(tracker, _fill_worker_style(report), now=NOW)
    actions = compute_actions(load_caseload(result.output), as_of=AS_OF)
    thanks = actions[(actions[r.ACTION] == r.SEND_THANK_YOU)
                     & (actions["Interviewer"] == "Raj Patel")]
    assert thanks[r.STATUS].tolist() == [r.DONE]
    call = actions[(actions[r.ACTION] == r.FOLLOW_UP_CALL) & (actions["Interview ID"] == "I2")]
    assert call[r.CALLS_MADE].tolist() == [1]
    assert call[r.LAST_CALL].tolist() == [D("2026-11-20")]
    assert call[r.DUE_DATE].tolist() == [D("2026-11-27")]


def test_inputs_are_never_modified_and_recording_twice_changes_nothing(tracker, report):
    filled = _fill_worker_style(report)
    hashes = digest(tracker), digest(filled)
    first = record(tracker, filled, now=NOW)
    assert (digest(tracker), digest(filled)) == hashes
    second = record(first.output, filled, now=NOW, output=tracker.with_name("again.xlsx"))
    assert second.log == [] and len(second.already) == 2 and second.refused == []
    assert snapshot(second.output) == snapshot(first.output)


def test_rows_that_no_longer_match_are_refused_and_listed(tracker, report):
    filled = _fill_worker_style(report)
    wb = openpyxl.load_workbook(tracker)
    wb["Interviews"]["E3"] = "Other Landscaping"  # I2's employer changed since the report
    wb.save(tracker)
    result = record(tracker, filled, now=NOW)
    assert result.refused == [(
        "sheet 'Calls' row 2",
        "interview 'I2' no longer matches the tracker: Employer is 'Other Landscaping' in the "
        "tracker, 'Oakridge Landscaping' in the report")]
    assert [row[1:4] for row in result.log] == [["Interviewers", 2, "Thank-You Sent"]]
    assert "NOT recorded" in result.text() and "'I2' no longer matches" in result.text()


def test_every_kind_of_record_goes_to_its_place(tracker, report):
    filled = report.with_name("filled.xlsx")
    fill_report(report, filled, [
        ("Decision Dates", lambda row: row["Interview ID"] == "I1", None, datetime(2026, 12, 1)),
        ("Thank-Yous", is_action(r.GET_NAMES), None, "Linda Chow; Peter Novak"),
        ("References", lambda row: row["Interview ID"] == "I1", datetime(2026, 11, 19), None),
        ("Job Search", lambda row: row["Client ID"] == "C1", datetime(2026, 11, 19),
         "Harbour Hotel"),
        ("Calls", lambda row: row["Interview ID"] == "I1", datetime(2026, 11, 19), "Hired"),
    ])
    result = record(tracker, filled, now=NOW)
    assert result.refused == []
    wb = openpyxl.load_workbook(result.output)
    iv = wb["Interviews"]
    assert (iv["I2"].value, iv["J2"].value, iv["K2"].value) == (
        datetime(2026, 12, 1), datetime(2026, 11, 19), "Hired")
    assert [[c.value for c in row] for row in wb["Interviewers"].iter_rows(min_row=5)
            if row[0].value] == [["I3", "Linda Chow", None, None],
                                 ["I3", "Peter Novak", None, None]]
    assert [c.value for c in wb["Job Search"][3]] == [
        "C1", datetime(2026, 11, 19), "Harbour Hotel", None]
    assert [c.value for c in wb["Calls"][3]] == ["I1", datetime(2026, 11, 19), "Hired"]
    actions = compute_actions(load_caseload(result.output), as_of=AS_OF)
    i1 = actions[actions["Interview ID"] == "I1"]
    assert set(i1[r.STATUS]) <= {r.DONE, r.NOT_NEEDED}  # hired: the interview is closed
    names = actions[actions["Interview ID"] == "I3"]
    assert r.GET_NAMES not in set(names[r.ACTION])
    assert sorted(names.loc[names[r.ACTION] == r.SEND_THANK_YOU, "Interviewer"]) == [
        "Linda Chow", "Peter Novak"]


@pytest.mark.parametrize(("sheet", "pick", "done", "value", "problem"), [
    ("Calls", "I2", "soon", "No answer", "Done On 'soon': unreadable date 'soon'"),
    ("Calls", "I2", datetime(2026, 11, 20), "maybe", "Record 'maybe' is not a call result"),
    ("Calls", "I2", None, "No answer", "Done On is empty"),
    ("Calls", "I2", datetime(2026, 11, 1), None, "is before the interview"),
    ("Decision Dates", "I1", datetime(2026, 11, 20), "next week",
     "Record 'next week': unreadable date 'next week'"),
    ("Calls", "I2", "05/03/2026", None, "type the date as YYYY-MM-DD"),
    ("Decision Dates", "I1", None, "04/12/2026", "Record '04/12/2026': ambiguous date"),
])
def test_values_that_cannot_be_recorded_are_refused(report, tracker, sheet, pick, done, value,
                                                   problem):
    filled = report.with_name("filled.xlsx")
    fill_report(report, filled, [(sheet, lambda row: row["Interview ID"] == pick, done, value)])
    result = record(tracker, filled, now=NOW)
    assert len(result.refused) == 1 and problem in result.refused[0][1]
    assert result.log == []


def test_the_same_action_filled_differently_on_two_sheets_is_refused(report, tracker):
    filled = report.with_name("filled.xlsx")
    fill_report(report, filled, [
        ("To Do", lambda row: row["Interviewer"] == "Raj Patel", datetime(2026, 11, 18), None),
        ("Thank-Yous", lambda row: row["Interviewer"] == "Raj Patel", datetime(2026, 11, 19),
         None)])
    result = record(tracker, filled, now=NOW)
    assert [why for _, why in result.refused] == [
        "filled differently at sheet 'To Do' row 4; fill the action in one place only",
        "filled differently on another sheet"]


def test_a_tracker_open_in_excel_is_read_and_the_note_says_close_it(tracker, report):
    lock = tracker.with_name("~$" + tracker.name)
    lock.write_bytes(b"\x00owner")
    result = record(tracker, _fill_worker_style(report), now=NOW)
    assert len(result.log) == 4
    assert "close it in Excel before you replace it" in result.text().replace("Close", "close")


def test_nothing_filled_in_is_an_error(tracker, report):
    with pytest.raises(FollowkitError, match="nothing to record: no row of 'report.xlsx'"):
        record(tracker, report, now=NOW)


def test_the_output_cannot_be_the_tracker_or_another_kind(tracker, report):
    filled = _fill_worker_style(report)
    with pytest.raises(OutputError, match="refusing to write the report over the input"):
        record(tracker, filled, now=NOW, output=tracker)
    with pytest.raises(OutputError, match="must be a .xlsx file, not 'x.csv'"):
        record(tracker, filled, now=NOW, output=tracker.with_name("x.csv"))


def _write_tables(wb) -> None:
    """The test tracker's tables into an xlsxwriter workbook (for .xlsm and charts)."""
    for name, frame in _tables().items():
        ws = wb.add_worksheet(name)
        ws.write_row(0, 0, list(frame.columns))
        for i, row in enumerate(frame.itertuples(index=False), start=1):
            for j, value in enumerate(row):
                if isinstance(value, pd.Timestamp):
                    ws.write_datetime(i, j, value.to_pydatetime())
                elif isinstance(value, str) and value:
                    ws.write_string(i, j, value)


def test_xlsm_keeps_its_macros(tmp_path, tracker, report):
    import xlsxwriter

    macro = tmp_path / "vbaProject.bin"
    macro.write_bytes(b"\xd0\xcf\x11\xe0 synthetic macro project")
    book = tmp_path / "tracker.xlsm"
    wb = xlsxwriter.Workbook(str(book))
    _write_tables(wb)
    wb.add_vba_project(str(macro))
    wb.close()
    result = record(book, _fill_worker_style(report), now=NOW)
    assert result.output.name == "tracker-updated.xlsm"
    with zipfile.ZipFile(result.output) as z:
        assert z.read("xl/vbaProject.bin") == macro.read_bytes()
    assert len(result.log) == 4


def _flat_csv(tmp_path: Path, *, encoding: str, delimiter: str) -> Path:
    lines = [
        ["Interview ID", "Client ID", "Client Name", "Employer", "Interview Date",
         "Interviewer 1", "Interviewer 2", "Thank-You Sent", "Call 1", "Call 2", "Notes"],
        ["I1", "C1", "Zoë Roy", "Maple Grocers", "2026-11-10", "Raj Patel", "Greg Hall", "",
         "2026-11-13", "2026-11-17", "café; first"],
        ["I2", "C2", "Omar Haddad", "Oakridge Landscaping", "2026-11-12", "Tom Becker", "",
         "", "", "", ""],
    ]
    text = "\r\n".join(delimiter.join(f'"{c}"' for c in line) for line in lines) + "\r\n"
    path = tmp_path / "flat.csv"
    path.write_bytes(text.encode(encoding))
    return path


def _flat_report(path: Path) -> Path:
    out = path.with_name("flat-report.xlsx")
    run_report(path, as_of=AS_OF, output=out)
    filled = path.with_name("flat-filled.xlsx")
    fill_report(out, filled, [
        ("Thank-Yous", lambda row: row["Interviewer"] == "Greg Hall", datetime(2026, 11, 18),
         None),
        ("Calls", lambda row: row["Interview ID"] == "I1", datetime(2026, 11, 20), None),
        ("Calls", lambda row: row["Interview ID"] == "I2", datetime(2026, 11, 19), "No answer"),
    ])
    return filled


def test_csv_stays_csv_with_its_delimiter_encoding_and_quoting(tmp_path):
    tracker = _flat_csv(tmp_path, encoding="cp1252", delimiter=";")
    result = record(tracker, _flat_report(tracker), now=NOW)
    assert result.output.name == "flat-updated.csv"
    text = result.output.read_bytes().decode("cp1252")
    assert text.splitlines(keepends=True) == [
        '"Interview ID";"Client ID";"Client Name";"Employer";"Interview Date";"Interviewer 1";'
        '"Interviewer 2";"Thank-You Sent";"Call 1";"Call 2";"Notes";"Thank-You Sent 2";'
        '"Call 1 Result";"Call 3"\r\n',
        '"I1";"C1";"Zoë Roy";"Maple Grocers";"2026-11-10";"Raj Patel";"Greg Hall";"";'
        '"2026-11-13";"2026-11-17";"café; first";"2026-11-18";"";"2026-11-20"\r\n',
        '"I2";"C2";"Omar Haddad";"Oakridge Landscaping";"2026-11-12";"Tom Becker";"";"";'
        '"2026-11-19";"";"";"";"No answer";""\r\n']
    log = result.output.with_name("flat-updated-log.csv").read_text(encoding="utf-8-sig")
    assert ("one Thank-You Sent cell is shared by 2 interviewers: column 'Thank-You Sent 2' "
            "added for Greg Hall") in log
    assert "every Call column was used: column 'Call 3' added" in log
    actions = compute_actions(load_caseload(result.output), as_of=AS_OF)
    thanks = actions[actions[r.ACTION] == r.SEND_THANK_YOU].set_index("Interviewer")
    assert thanks[r.STATUS].to_dict() == {"Raj Patel": r.OVERDUE, "Greg Hall": r.DONE,
                                          "Tom Becker": r.OVERDUE}
    calls = actions[actions[r.ACTION] == r.FOLLOW_UP_CALL].set_index("Interview ID")
    assert calls[r.CALLS_MADE].to_dict() == {"I1": 3, "I2": 1}


def test_csv_lines_not_recorded_stay_byte_for_byte(tmp_path):
    tracker = tmp_path / "plain.csv"
    tracker.write_bytes(b"\xef\xbb\xbfInterview ID,Client ID,Client Name,Employer,"
                        b"Interview Date,Call 1,Call 2\n"
                        b"I1,C1,Ana Lima,Maple Grocers,2026-11-10,,\n"
                        b'I2,C2,"Haddad, Omar",Oakridge Landscaping,12/11/2026,,\n')
    out = tmp_path / "plain-report.xlsx"
    run_report(tracker, as_of=AS_OF, output=out)
    filled = tmp_path / "plain-filled.xlsx"
    fill_report(out, filled, [("Calls", lambda row: row["Interview ID"] == "I1",
                               datetime(2026, 11, 18), None)])
    result = record(tracker, filled, now=NOW)
    assert result.output.read_bytes() == (
        b"\xef\xbb\xbfInterview ID,Client ID,Client Name,Employer,Interview Date,Call 1,Call 2\n"
        b"I1,C1,Ana Lima,Maple Grocers,2026-11-10,2026-11-18,\n"
        b'I2,C2,"Haddad, Omar",Oakridge Landscaping,12/11/2026,,\n')


def test_flat_xlsx_adds_columns_where_the_layout_has_no_place(tmp_path):
    from tests.conftest import write_xlsx

    tracker = write_xlsx(tmp_path / "flat.xlsx", {"Tracker": [
        ["Interview ID", "Client ID", "Client Name", "Employer", "Interview Date",
         "Interviewer 1", "Interviewer 2", "Thank-You Sent", "Call 1", "Call 2"],
        ["I1", "C1", "Zoë Roy", "Maple Grocers", date(2026, 11, 10), "Raj Patel", "Greg Hall",
         None, date(2026, 11, 13), date(2026, 11, 17)],
        ["I2", "C2", "Omar Haddad", "Oakridge Landscaping", date(2026, 11, 12), "Tom Becker"],
    ]})
    result = record(tracker, _flat_report(tracker), now=NOW)
    ws = openpyxl.load_workbook(result.output)["Tracker"]
    assert [c.value for c in ws[1]][10:] == ["Thank-You Sent 2", "Call 1 Result", "Call 3"]
    assert (as_date(ws["K2"].value), as_date(ws["M2"].value), as_date(ws["I3"].value),
            ws["L3"].value) == (date(2026, 11, 18), date(2026, 11, 20), date(2026, 11, 19),
                                "No answer")
    assert ws["K2"].is_date and ws["M2"].is_date and ws["H2"].value is None


def test_xls_becomes_xlsx_and_says_so(tmp_path, report):
    import xlwt

    book = xlwt.Workbook()
    dates = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for name, frame in _tables().items():
        ws = book.add_sheet(name)
        for j, column in enumerate(frame.columns):
            ws.write(0, j, column)
        for i, row in enumerate(frame.itertuples(index=False), start=1):
            for j, value in enumerate(row):
                if isinstance(value, pd.Timestamp):
                    ws.write(i, j, value.to_pydatetime(), dates)
                elif isinstance(value, str) and value:
                    ws.write(i, j, value)
    path = tmp_path / "old.xls"
    book.save(str(path))
    result = record(path, _fill_worker_style(report), now=NOW)
    assert result.output.name == "old-updated.xlsx"
    assert "cannot be edited in place: the updated copy is an .xlsx" in result.text()
    wb = openpyxl.load_workbook(result.output)
    assert as_date(wb["Interviewers"]["D2"].value) == date(2026, 11, 18)
    assert as_date(wb["Interviews"]["G2"].value) == date(2026, 11, 10)
    assert wb["Interviews"]["G2"].is_date


def test_cli_record_prints_what_it_did(tracker, report, capsys):
    filled = _fill_worker_style(report)
    assert main(["record", str(tracker), str(filled)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        f"Recorded 2 action(s) (4 cell(s)) into {tracker.with_name('tracker-updated.xlsx')}:",
        "  Send thank-you · Ana Lima (C1) · Wed 18 Nov 2026 (Maple Grocers, Raj Patel)",
        "  Follow-up call · Omar Haddad (C2) · Fri 20 Nov 2026 (Oakridge Landscaping, "
        "Left voicemail)"]
    assert main(["record", str(tracker), str(report)]) == 2
    assert "nothing to record" in capsys.readouterr().err


def test_a_failure_while_editing_writes_nothing(tracker, report, tmp_path, monkeypatch):
    import followkit.recording.xlsx_write as writer

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(writer.PackageWriter, "finish", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        record(tracker, _fill_worker_style(report), now=NOW, output=tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".~followkit")] == []


def test_ods_becomes_xlsx_and_says_so(tmp_path):
    from tests.recording import write_ods

    tracker = write_ods(tmp_path / "mine.ods", {"Tracker": [
        ["Interview ID", "Client ID", "Client Name", "Employer", "Interview Date",
         "Interviewer 1", "Thank-You Sent 1"],
        ["I1", "C1", "Ana Lima", "Maple Grocers", date(2026, 11, 10), "Raj Patel", ""]]})
    out = tmp_path / "mine-report.xlsx"
    run_report(tracker, as_of=AS_OF, output=out)
    filled = tmp_path / "mine-filled.xlsx"
    fill_report(out, filled, [("Thank-Yous", is_action(r.SEND_THANK_YOU),
                               datetime(2026, 11, 12), None)])
    result = record(tracker, filled, now=NOW)
    assert result.output.name == "mine-updated.xlsx"
    assert "mine.ods cannot be edited in place" in result.text()
    ws = openpyxl.load_workbook(result.output)["Tracker"]
    assert as_date(ws["G2"].value) == date(2026, 11, 12) and ws["G2"].is_date
    assert as_date(ws["E2"].value) == date(2026, 11, 10) and ws["E2"].is_date
    actions = compute_actions(load_caseload(result.output), as_of=AS_OF)
    assert actions.loc[actions[r.ACTION] == r.SEND_THANK_YOU, r.STATUS].tolist() == [r.DONE]


def test_one_names_cell_and_one_thank_you_cell_cannot_mark_one_person(tmp_path):
    tracker = tmp_path / "cell.csv"
    tracker.write_text("Interview ID,Client ID,Client Name,Employer,Interview Date,"
                       "Interviewers,Thank-You Sent\n"
                       "I1,C1,Ana Lima,Maple Grocers,2026-11-10,Raj Patel; Greg Hall,\n"
                       "I2,C2,Omar Haddad,Oakridge Landscaping,2026-11-12,Tom Becker,\n",
                       encoding="utf-8")
    out = tmp_path / "cell-report.xlsx"
    run_report(tracker, as_of=AS_OF, output=out)
    filled = tmp_path / "cell-filled.xlsx"
    fill_report(out, filled, [
        ("Thank-Yous", lambda row: row["Interviewer"] == "Greg Hall", datetime(2026, 11, 12),
         None),
        ("Thank-Yous", lambda row: row["Interviewer"] == "Tom Becker", datetime(2026, 11, 13),
         None)])
    result = record(tracker, filled, now=NOW)
    assert [why for _, why in result.refused] == [
        "2 interviewers share one 'Interviewers' cell and one Thank-You Sent cell, so one of "
        "them cannot be marked alone; split the names into Interviewer 1, Interviewer 2, ... "
        "columns, or record when all are thanked"]
    assert result.output.read_text(encoding="utf-8").splitlines()[2] == (
        "I2,C2,Omar Haddad,Oakridge Landscaping,2026-11-12,Tom Becker,2026-11-13")


def test_a_chart_is_kept_and_no_warning_says_otherwise(tmp_path, report):
    import xlsxwriter

    book = tmp_path / "charted.xlsx"
    wb = xlsxwriter.Workbook(str(book))
    _write_tables(wb)
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"values": "=Calls!$B$2:$B$2"})
    wb.get_worksheet_by_name("Calls").insert_chart("E2", chart)
    wb.close()
    result = record(book, _fill_worker_style(report), now=NOW)
    assert "warning" not in result.text() and result.notes == []
    with zipfile.ZipFile(book) as before, zipfile.ZipFile(result.output) as after:
        for part in ("xl/charts/chart1.xml", "xl/drawings/drawing1.xml"):
            assert after.read(part) == before.read(part)


def test_record_reads_the_tracker_as_the_report_did(tmp_path, capsys):
    """A one-person list reported with --client is recorded with the same --client."""
    tracker = tmp_path / "ana.csv"
    tracker.write_text("Job Title,Company,Date Applied,Interview Date,Status\n"
                       "Clerk,Birch Tools,2026-11-03,2026-11-12,Interviewing\n",
                       encoding="utf-8")
    report = tmp_path / "report.xlsx"
    assert main(["report", str(tracker), "--client", "Ana Lima", "--as-of", "2026-11-20",
                 "-o", str(report)]) == 0
    filled = tmp_path / "filled.xlsx"
    fill_report(report, filled, [("Decision Dates", lambda row: True,
                                  datetime(2026, 11, 19), datetime(2026, 11, 27))])
    capsys.readouterr()
    assert main(["record", str(tracker), str(filled), "-o", str(tmp_path / "a.csv")]) == 0
    out = capsys.readouterr().out
    assert "Recorded 0 action(s) (0 cell(s))" in out and "NOT recorded" in out
    assert main(["record", str(tracker), str(filled), "--client", "Ana Lima", "-o",
                 str(tmp_path / "b.csv")]) == 0
    assert "Recorded 1 action(s) (2 cell(s))" in capsys.readouterr().out  # header, value
    assert (tmp_path / "b.csv").read_text(encoding="utf-8").splitlines() == [
        "Job Title,Company,Date Applied,Interview Date,Status,Decision Date",
        "Clerk,Birch Tools,2026-11-03,2026-11-12,Interviewing,2026-11-27"]
