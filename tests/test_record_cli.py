"""Issue #14's check, end to end through the command line (SPEC §8).

A tracker with formatting, drop-downs and an extra sheet of formulas; a report
filled in as a worker would (one thank-you, one call) is recorded; only those
cells change and the next report shows them done. A calendar from the same
tracker: one event per To Do row, UIDs stable across runs and dates, no phone
numbers or full names by default.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
from icalendar import Calendar

from followkit.cli import main
from followkit.recording.write import LOG_SHEET
from followkit.report.workbook import write_tracker
from tests.recording import digest, fill_report, snapshot
from tests.test_record import _tables, _with_formulas


def _sheet(path: Path, name: str) -> list[dict]:
    ws = openpyxl.load_workbook(path)[name]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]


def _events(path: Path) -> list[dict[str, str]]:
    calendar = Calendar.from_ical(path.read_bytes())
    return [{"uid": str(e["UID"]), "summary": str(e["SUMMARY"]), "day": e.decoded("DTSTART"),
             "text": str(e["SUMMARY"]) + str(e.get("DESCRIPTION", ""))}
            for e in calendar.walk("VEVENT")]


def test_record_then_report_then_calendar(tmp_path, capsys):
    tracker = _with_formulas(write_tracker(_tables(), tmp_path / "tracker.xlsx",
                                           blank_rows=20))
    wb = openpyxl.load_workbook(tracker)
    assert wb["Interviews"].data_validations.dataValidation  # drop-downs
    assert wb["Interviews"]["A1"].font.b  # formatting
    report = tmp_path / "report.xlsx"
    assert main(["report", str(tracker), "--as-of", "2026-11-20", "-o", str(report)]) == 0
    filled = tmp_path / "filled.xlsx"
    fill_report(report, filled, [
        ("Thank-Yous", lambda row: row["Interviewer"] == "Raj Patel", datetime(2026, 11, 18),
         None),
        ("Calls", lambda row: row["Interview ID"] == "I2", datetime(2026, 11, 20),
         "Left voicemail")])
    hashes = digest(tracker), digest(filled)
    capsys.readouterr()
    updated = tmp_path / "updated.xlsx"
    assert main(["record", str(tracker), str(filled), "-o", str(updated)]) == 0
    assert capsys.readouterr().out.startswith(
        f"Recorded 2 action(s) (4 cell(s)) into {updated}")
    assert (digest(tracker), digest(filled)) == hashes

    before, after = snapshot(tracker), snapshot(updated)
    changed = {(sheet, key) for sheet, state in before.items()
               for key in set(state["cells"]) | set(after[sheet]["cells"])
               if state["cells"].get(key) != after[sheet]["cells"].get(key)}
    assert changed == {("Interviewers", (2, 4)), ("Calls", (3, 1)), ("Calls", (3, 2)),
                       ("Calls", (3, 3))}
    for sheet in before:  # widths, drop-downs and frozen panes as they were
        assert {k: v for k, v in after[sheet].items() if k != "cells"} == {
            k: v for k, v in before[sheet].items() if k != "cells"}, sheet
    assert list(after) == [*before, LOG_SHEET]
    assert openpyxl.load_workbook(updated)["Budget"]["B3"].value == "=SUM(B2:B2)*2"

    next_report = tmp_path / "next.xlsx"
    assert main(["report", str(updated), "--as-of", "2026-11-20", "-o",
                 str(next_report)]) == 0
    assert [row["Interviewer"] for row in _sheet(report, "Thank-Yous")
            if row["Action"] == "Send thank-you"] == ["Raj Patel"]
    assert [row for row in _sheet(next_report, "Thank-Yous")
            if row["Interviewer"] == "Raj Patel"] == []
    call = [row for row in _sheet(next_report, "Calls") if row["Interview ID"] == "I2"]
    assert [(row["Calls Made"], row["Last Call"], row["Due Date"], row["Status"])
            for row in call] == [(1, datetime(2026, 11, 20), datetime(2026, 11, 27),
                                  "Upcoming")]
    # The log sheet is followkit's own: named once, not read as a tracker table.
    summary = {row[0]: row[1] for row in openpyxl.load_workbook(next_report)[
        "Summary"].iter_rows(values_only=True) if row[0]}
    assert summary["Sheets not read"].count(LOG_SHEET) == 1

    runs = []
    for name, day in (("a.ics", "2026-11-20"), ("b.ics", "2026-11-20"),
                      ("c.ics", "2026-11-23")):
        assert main(["calendar", str(tracker), "--as-of", day, "-o",
                     str(tmp_path / name)]) == 0
        runs.append(_events(tmp_path / name))
    todo = _sheet(report, "To Do")
    assert len(todo) == 13  # one event per client per day (SPEC §8)
    assert len(runs[0]) == len({e["uid"] for e in runs[0]}) == 5
    assert [e["uid"] for e in runs[0]] == [e["uid"] for e in runs[1]]
    first = {(e["day"], e["summary"]): e["uid"] for e in runs[0]}  # the same client and
    later = {(e["day"], e["summary"]): e["uid"] for e in runs[2]}  # day: the same event
    common = set(first) & set(later)
    assert common and all(first[k] == later[k] for k in common)
    text = "".join(e["text"] for run in runs for e in run)
    for private in ("555-0101", "555-0102", "555-0103", "Ana Lima", "Omar Haddad",
                    "Mei Chen"):
        assert private not in text
    assert "Omar H." in text
