"""A sixth step registered from outside the package shows up everywhere (issue #12).

"Send follow-up email": due 2 business days after the interview's last call
(the policy's calendar, holidays included); never recorded, so open while the
interview is. It is registered for these tests only (the ``toy_step``
fixture); nothing else in followkit is edited for it.
"""

from __future__ import annotations

import dataclasses
import html
import re
from datetime import date, datetime

import numpy as np
import pytest
from python_calamine import CalamineWorkbook

from followkit.core import schema as s
from followkit.reading.load import load_caseload
from followkit.report.build import build_report
from followkit.report.workbook import write_report
from followkit.rules import steps
from followkit.rules.details import Texts
from followkit.rules.engine import RuleContext, evaluate
from followkit.rules.steps import OnePer, Step, StepRows
from tests.conftest import interview, template, write_xlsx

AS_OF = date(2026, 12, 24)  # Thursday, Christmas Eve
LABEL, SHEET, COLUMN = "Send follow-up email", "Follow-Up Emails", "Step 6 Follow-Up Emails"


def _last_call_day(ctx: RuleContext) -> tuple[np.ndarray, np.ndarray]:
    count, last_call = ctx.last_calls()
    at = np.flatnonzero(count > 0)
    return at, ctx.caseload.calls[s.CALL_DATE].to_numpy("datetime64[D]")[last_call[at]]


def follow_up_email_due(ctx: RuleContext) -> StepRows:
    """One per interview with a call: the last call + 2 business days."""
    at, last = _last_call_day(ctx)
    return StepRows(at, ctx.business_days_after(last, 2), who=ctx.last_calls()[1][at])


def never_recorded(ctx: RuleContext, rows: StepRows) -> bool:
    return False


def follow_up_email_details(t: Texts, at: np.ndarray) -> np.ndarray:
    calls = t.actions.caseload.calls[s.CALL_DATE].to_numpy("datetime64[D]")
    last = calls[t.actions.data.who[at]]
    due = t.column("Due Date", at).astype("datetime64[D]")
    return ("last call " + t.days(last) + " + 2 business days"
            + t.skipped_holidays(last, due) + ": email to thank them for the call")


TOY = Step(LABEL, 6, OnePer.INTERVIEW, follow_up_email_due, never_recorded,
           follow_up_email_details, SHEET, COLUMN)


@pytest.fixture
def toy_step():
    with steps.registered(TOY) as step:
        yield step
    assert steps.labels()[-1] == "Close or follow up"  # the others see the built-in steps


@pytest.fixture
def tracker(tmp_path):
    """Four interviews: a call just before Christmas, two calls, none, and a closed one."""
    sheets = template(
        [interview("I1", date(2026, 12, 14), client="C1", name="Ana Lima", worker="Sam"),
         interview("I2", date(2026, 12, 7), client="C2", name="Omar Haddad", worker="Priya",
                   employer="Harbour Hotel"),
         interview("I3", date(2026, 12, 1), client="C3", name="Mei Chen", worker="Priya"),
         interview("I4", date(2026, 12, 2), client="C4", name="Liam Roy", worker="Sam",
                   outcome="Hired")],
        [["I1", "Sofia Rossi", "", "Y"], ["I2", "Raj Patel", "", "Y"],
         ["I3", "Lena Berg", "", "Y"], ["I4", "Tom Ng", "", "Y"]],
        [["I1", date(2026, 12, 23), "voicemail"], ["I2", date(2026, 12, 9), "no answer"],
         ["I2", date(2026, 12, 11), "still deciding"], ["I4", date(2026, 12, 10), "hired"]])
    return write_xlsx(tmp_path / "tracker.xlsx", sheets)


EXPECTED_ROWS = [  # Due Date, Status, Days Overdue, Action, Client ID, Client Name, Worker
    [date(2026, 12, 15), "Overdue", 9.0, LABEL, "C2", "Omar Haddad", "Priya"],
    # Wed 23 Dec + 2 business days: Thu 24, then past Christmas, the weekend and
    # Boxing Day observed (Mon 28): Tue 29
    [date(2026, 12, 29), "Upcoming", "", LABEL, "C1", "Ana Lima", "Sam"],
]
EXPECTED_DETAILS = [
    "last call Fri 11 Dec 2026 + 2 business days: email to thank them for the call",
    "last call Wed 23 Dec 2026 + 2 business days; skipping Christmas Day, Boxing Day, "
    "Boxing Day (observed): email to thank them for the call",
]


def test_the_step_is_registered_after_the_built_ins(toy_step):
    assert toy_step.code == 7 and toy_step.tab == SHEET
    assert steps.labels()[-1] == LABEL
    assert steps.sheets() == ("Thank-Yous", "Calls", "References", "Decision Dates",
                              "Job Search", "Stale", SHEET)
    assert list(steps.status_columns())[-1] == COLUMN


def test_registering_twice_or_over_a_fixed_sheet_is_refused(toy_step):
    with pytest.raises(ValueError, match="a step 'Send follow-up email' is already"):
        steps.register(TOY)
    with pytest.raises(ValueError, match="'Clients' is one of the report's own sheets"):
        steps.register(Step("Other", 7, OnePer.CLIENT, follow_up_email_due, never_recorded,
                            follow_up_email_details, "Clients", "Step 7"))
    with pytest.raises(ValueError, match="only a built-in step .an Action. comes with its"):
        steps.register(dataclasses.replace(TOY, label="Other", code=9))
    with pytest.raises(ValueError, match="only the last registered step can be removed"):
        steps.unregister("Keep job hunting")
    with steps.registered(dataclasses.replace(TOY, label="Other", sheet="Others")):
        pass  # a registered step comes and goes; the built-in stale list stays
    steps.unregister(LABEL)
    try:
        with pytest.raises(ValueError, match="not 'Close or follow up'"):
            steps.unregister("Close or follow up")
    finally:
        steps.register(TOY)


def test_the_workbook_has_its_sheet_its_to_do_rows_and_its_counts(toy_step, tracker,
                                                                   tmp_path):
    caseload = load_caseload(tracker)
    report = build_report(caseload, evaluate(caseload, as_of=AS_OF), as_of=AS_OF)
    out = write_report(report, tmp_path / "report.xlsx")
    book = CalamineWorkbook.from_path(str(out))
    assert book.sheet_names[:9] == ["Summary", "To Do", "Thank-Yous", "Calls", "References",
                                    "Decision Dates", "Job Search", "Stale", SHEET]

    own = book.get_sheet_by_name(SHEET).to_python()
    assert own[0] == ["Due Date", "Status", "Days Overdue", "Action", "Client ID",
                      "Client Name", "Worker", "Employer", "Position", "Interview Date",
                      "Contact", "Details", "Interview ID", "Interviewer"]
    assert [row[:7] for row in own[1:]] == EXPECTED_ROWS
    assert [row[11] for row in own[1:]] == EXPECTED_DETAILS
    assert [row[12] for row in own[1:]] == ["I2", "I1"]

    todo = book.get_sheet_by_name("To Do").to_python()  # laid out for print: by header
    header = todo[0]
    mine = [dict(zip(header, row, strict=True)) for row in todo[1:]
            if row[header.index("Action")] == LABEL]
    assert [[row[c] for c in own[0][:7]] for row in mine] == EXPECTED_ROWS
    assert [row["Details"] for row in mine] == EXPECTED_DETAILS

    summary = book.get_sheet_by_name("Summary").to_python()
    counts = [row[:6] for row in summary if LABEL in row]
    assert counts == [["Priya", LABEL, 1.0, 0.0, 0.0, 1.0],
                      ["Sam", LABEL, 0.0, 0.0, 1.0, 1.0],
                      ["All workers", LABEL, 1.0, 0.0, 1.0, 2.0]]

    interviews = book.get_sheet_by_name("Interviews").to_python()
    at = interviews[0].index(COLUMN)
    assert [row[at] for row in interviews[1:]] == ["Upcoming", "Overdue", "Not needed",
                                                   "Not needed"]


def test_the_calendar_has_its_events(toy_step, tracker):
    from icalendar import Calendar

    from followkit.report.ical import calendar_bytes

    caseload = load_caseload(tracker)
    report = build_report(caseload, evaluate(caseload, as_of=AS_OF), as_of=AS_OF)
    events = Calendar.from_ical(calendar_bytes(report, stamp=datetime(2026, 12, 24, 9)))
    mine = sorted((str(e["summary"]), e.decoded("dtstart")) for e in events.walk("VEVENT")
                  if LABEL in str(e["description"]))
    # overdue: on the as-of date; upcoming: on its due date; client names shortened
    assert mine == [("Ana L.: send follow-up email, Maple Grocers", date(2026, 12, 29)),
                    ("Omar H.: ask Harbour Hotel for a decision date (+3 more)", AS_OF)]


def _cells(table_html: str) -> list[list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", table_html, flags=re.S)
    return [[html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]
            for row in rows if "<td" in row]


def test_the_dashboard_has_its_tab(toy_step, tracker):
    from followkit.dashboard.widgets import Dashboard

    board = Dashboard(today=AS_OF, input_path=tracker)
    assert board.tab_names == ("To Do", "Thank-Yous", "Calls", "References",
                               "Decision Dates", "Job Search", "Stale", SHEET, "Clients",
                               "Supervisor", "Data Issues")
    assert board.tabs.titles[6:8] == ("Stale: close or follow up?", SHEET)
    board.tabs.selected_index = 7
    rows = _cells(board.tables[SHEET].value)
    assert [row[:4] for row in rows] == [
        ["Tue 15 Dec 2026<br><small>Overdue, 9 days late</small>", LABEL,
         "Omar Haddad<br><small>C2 · Priya</small>", "Harbour Hotel<br><small>Cashier</small>"],
        ["Tue 29 Dec 2026<br><small>Upcoming</small>", LABEL,
         "Ana Lima<br><small>C1 · Sam</small>", "Maple Grocers<br><small>Cashier</small>"]]


def test_without_it_five_steps_again(tracker):
    caseload = load_caseload(tracker)
    report = build_report(caseload, evaluate(caseload, as_of=AS_OF), as_of=AS_OF)
    assert LABEL not in set(report.todo["Action"])
    assert SHEET not in report.tables()
    assert COLUMN not in report.interviews.columns
