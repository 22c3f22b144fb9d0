"""The header row chosen by the worker (the dashboard's Check columns, issue #25 item 3):
a tracker whose header is not where followkit looks for it."""

from __future__ import annotations

import base64
import io
import re
from datetime import UTC, date, datetime

import openpyxl
import pandas as pd

from followkit.core.io import read_workbook_bytes
from followkit.dashboard.widgets import Dashboard
from followkit.reading.load import caseload_from_workbook
from followkit.session.session import Reading, Session
from tests.test_widgets_columns import upload

AS_OF = date(2026, 11, 20)
# A title, a guide naming the columns (more names followkit knows than the real
# header has), a row of column numbers, then the header in row 4.
ROWS = [["Interview tracker 2026"],
        ["Fill in:", "Name", "Company", "Job", "Date of interview", "Result", "Staff"],
        [1, 2, 3, 4, 5, 6, 7],
        ["Youth", "Company", "Date of interview", "Thank-you sent", "Comments"],
        ["Ana Lima", "Maple Foods", datetime(2026, 11, 16), None, None],
        ["Ben Roy", "Northway Bank", datetime(2026, 11, 17), "yes", "second interview"],
        ["Chloé Dubé", "City Library", datetime(2026, 11, 18), None, None]]
READ = pd.DataFrame({"Client Name": ["Ana Lima", "Ben Roy", "Chloé Dubé"],
                     "Employer": ["Maple Foods", "Northway Bank", "City Library"],
                     "Interview Date": pd.to_datetime(["2026-11-16", "2026-11-17",
                                                       "2026-11-18"]),
                     "_row": [5, 6, 7]})


def tracker() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Tracker"
    for row in ROWS:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _read(interviews: pd.DataFrame) -> pd.DataFrame:
    return interviews[list(READ.columns)].reset_index(drop=True)


def test_the_reader_takes_the_guide_row_unless_told_where_the_header_is():
    workbook = read_workbook_bytes("guide.xlsx", tracker())
    guessed = caseload_from_workbook(workbook, as_of=AS_OF)
    assert [t.header_row for t in guessed.layout.tables] == [2]
    assert guessed.interviews["Client Name"].tolist() == [
        "2", "Company", "Maple Foods", "Northway Bank", "City Library"]
    assert not guessed.interviews["_ok"].any()
    told = caseload_from_workbook(workbook, as_of=AS_OF, headers={"Tracker": 4})
    assert [t.header_row for t in told.layout.tables] == [4]
    pd.testing.assert_frame_equal(_read(told.interviews), READ, check_dtype=False)
    assert told.interviews["_ok"].all() and len(told.issues) == 0
    # A row that is not in the sheet, or another sheet's name: followkit's own guess.
    for headers in ({"Tracker": 99}, {"Other": 4}):
        layout = caseload_from_workbook(workbook, as_of=AS_OF, headers=headers).layout
        assert [t.header_row for t in layout.tables] == [2]


def test_a_session_reads_and_records_with_the_header_row():
    session = Session.from_uploads([("guide.xlsx", tracker())],
                                   reading=Reading(headers={"Tracker": 4}), as_of=AS_OF)
    pd.testing.assert_frame_equal(_read(session.caseload.interviews), READ,
                                  check_dtype=False)
    assert session.source.reading.options()["headers"] == {"Tracker": 4}


def test_check_columns_chooses_the_header_row_and_the_mark_lands_in_its_row():
    board = Dashboard(today=AS_OF, now=lambda: datetime(2026, 11, 20, 15, tzinfo=UTC))
    upload(board, ("guide.xlsx", tracker()))
    assert board.loaded.caseload.interviews["_ok"].sum() == 0  # misread: every row unusable
    panel = board.reading
    panel.show(True)
    assert panel.header_row.value == 2  # what followkit took
    assert panel.header_row.label == (
        "Row 2: Fill in: | Name | Company | Job | Date of interview | Result | Staff")
    assert [label for label, _ in panel.header_row.options][3:5] == [
        "Row 4: Youth | Company | Date of interview | Thank-you sent | Comments",
        "Row 5: Ana Lima | Maple Foods | Mon 16 Nov 2026"]
    panel.header_row.value = 4
    assert {f: d.value for f, d in panel.choices.items() if d.value != "(none)"} == {
        "Client Name": "Youth  (e.g. Ana Lima)", "Employer": "Company  (e.g. Maple Foods)",
        "Interview Date": "Date of interview  (e.g. Mon 16 Nov 2026)",
        "Notes": "Comments  (e.g. second interview)"}
    panel.apply.click()
    pd.testing.assert_frame_equal(_read(board.loaded.caseload.interviews), READ,
                                  check_dtype=False)
    # Ben Roy's thank-you says yes with no interviewer named: sent, to someone not
    # named (docs/reading.md), so no names to get for him.
    assert board.report.table("Thank-Yous", text=False)["Client Name"].tolist() == [
        "Ana Lima", "Chloé Dubé"]
    marks = board.record_panel
    marks.choice["Thank-Yous"].value = 0
    marks.record["Thank-Yous"].value = "Greg Hall"
    marks.mark["Thank-Yous"].click()
    marks.wait()
    data = base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)", marks.saved.value)[1])
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Tracker"]
    rows = [list(r) for r in sheet.iter_rows(min_row=1, max_row=7, values_only=True)]
    assert rows[3][5] == "Interviewer 1" and rows[4][5] == "Greg Hall"  # rows 4 and 5
    assert [r[:7] for r in rows[:3]] == [[*ROWS[0], *[None] * 6], ROWS[1], ROWS[2]]
    assert all(r[5] is None for r in rows[5:])
