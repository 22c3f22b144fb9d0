"""Group labels above a header (issue #21, item 1): merged, left blank, or a title."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import xlsxwriter

from followkit.reading.load import load_caseloads
from followkit.rules.engine import evaluate

AS_OF = date(2026, 11, 20)
NAMES = ["Date of Interview", "Send a Thank You Note", "Date Sent"]


def _book(path: Path, above: list[tuple[int, int, str]], rows: list[list[object]]) -> Path:
    """An .xlsx with labels merged over (first, last) columns of row 1, header on row 2."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Tracker")
    day = wb.add_format({"num_format": "yyyy-mm-dd"})
    for c0, c1, label in above:
        ws.merge_range(0, c0, 0, c1, label) if c1 > c0 else ws.write_string(0, c0, label)
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row):
            if isinstance(v, date):
                ws.write_datetime(r, c, datetime(v.year, v.month, v.day), day)
            elif v is not None:
                ws.write(r, c, v)
    wb.close()
    return path


HEADER = ["Employer", "Job", "Status", *NAMES, *NAMES, *NAMES]
ROW = ["Wren Dental", "Receptionist", "Interviewing", date(2026, 11, 2), "Yes",
       date(2026, 11, 3), date(2026, 11, 9), "No", "", date(2026, 11, 16), "", ""]


def test_merged_group_labels_make_rounds_and_no_duplicate_warnings(tmp_path):
    path = _book(tmp_path / "g.xlsx", [(3, 5, "Interview #1"), (6, 8, "Interview #2"),
                                       (9, 11, "Interview #3")], [HEADER, ROW])
    c = load_caseloads([path], as_of=AS_OF)
    assert list(c.interviews["Interview Date"].dt.date) == [
        date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)]
    assert list(c.original["Round (followkit)"]) == [
        "Interview #1 \u00b7 Date of Interview (1 of 3)",
        "Interview #2 \u00b7 Date of Interview (2 of 3)",
        "Interview #3 \u00b7 Date of Interview (3 of 3)"]
    assert list(c.issues["Problem"].str[:30]) == ["no Client ID or Client Name co"]
    actions = evaluate(c, as_of=AS_OF)
    # The latest round (16 Nov): steps 1, 2, 3 (names) and 4 open; round 2 (thank-you
    # "No") asks only for the interviewer's name; round 1's thank-you was sent on 3 Nov
    # to someone not named (docs/reading.md): Done, no name to get.
    assert int(actions.is_open().sum()) == 5
    assert list(c.interviewers["Interviewer"]) == ["(not named)"]
    assert list(c.interviewers["Thank-You Date"].dt.date) == [date(2026, 11, 3)]


def test_a_title_over_the_sheet_is_no_group(tmp_path):
    header = ["Employer", "Job", "Interview Date", "Status", "Interview Date"]
    path = _book(tmp_path / "t.xlsx", [(0, 4, "My job search 2026")],
                 [header, ["Wren Dental", "Clerk", date(2026, 11, 2), "Rejected", ""]])
    c = load_caseloads([path], as_of=AS_OF)
    assert "header 'Interview Date' appears twice; the second is kept as 'Interview Date " \
           "(E)'" in list(c.issues["Problem"])
    assert "Interview Date (E)" in c.original.columns
