"""A thank-you sent to someone not named (issue #21 item 1; docs/reading.md).

A thank-you recorded as sent for an interview (or a round) that names no
interviewer: one interviewer ``(not named)`` with that thank-you, its Send
thank-you Done, no Get interviewer names. Header groups, a flat Thank-You Sent
column, the Summary's counts, the plan's words, the letters and recording.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import openpyxl
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from followkit.core import schema as s
from followkit.dashboard.marks import recorded_line
from followkit.pipeline import run_report
from followkit.reading.values import parse_yes_no
from followkit.recording.record import record
from followkit.report.build import build_report
from followkit.report.plan import build_plans
from followkit.report.supervisor import supervisor_view
from followkit.rules import engine as r
from followkit.rules.engine import evaluate
from followkit.rules.steps import CALL_SCRIPT
from tests.conftest import caseload, write_xlsx
from tests.recording import fill_report, is_action

AS_OF = date(2026, 11, 20)  # a Friday
NOT_NAMED = s.UNNAMED_INTERVIEWER
D = pd.Timestamp
NAMES = ["Date of Interview", "Send a Thank You Note", "Date Sent"]


def _frame(sheets: dict[str, list[list[object]]]) -> pd.DataFrame:
    return evaluate(caseload(sheets), as_of=AS_OF).frame()


def _steps(frame: pd.DataFrame, *actions: str) -> list[list[object]]:
    rows = frame[frame[r.ACTION].isin(actions)].sort_values(s.INTERVIEW_ID, kind="stable")
    return rows[[s.INTERVIEW_ID, r.ACTION, s.INTERVIEWER, r.STATUS]].astype(str).values.tolist()


# --- header groups -------------------------------------------------------------------

GROUPED = {"Tracker": [
    ["", "", "", "", "Interview #1", "", "", "Interview #2", "", ""],
    ["Client ID", "Client Name", "Worker", "Company", *NAMES, *NAMES],
    ["C1", "Ana Lima", "Sam", "Wren Dental", date(2026, 11, 2), "Yes", date(2026, 11, 3),
     date(2026, 11, 12), "Yes", ""],
    ["C2", "Ben Ode", "Sam", "Yarrow Farm", date(2026, 11, 4), "No", "", "", "", ""],
]}


def test_each_groups_thank_you_is_its_rounds_done_with_its_date_and_no_names_asked():
    c = caseload(GROUPED)
    people = c.interviewers
    assert people[[s.INTERVIEW_ID, s.INTERVIEWER, s.THANK_YOU_SENT]].values.tolist() == [
        ["R3 round 1", NOT_NAMED, True], ["R3", NOT_NAMED, True]]
    assert people[s.THANK_YOU_DATE].tolist()[0] == D("2026-11-03")
    assert pd.isna(people[s.THANK_YOU_DATE].tolist()[1])
    frame = evaluate(c, as_of=AS_OF).frame()
    assert _steps(frame, r.SEND_THANK_YOU, r.GET_NAMES) == [
        ["R3", r.SEND_THANK_YOU, NOT_NAMED, r.DONE],
        ["R3 round 1", r.SEND_THANK_YOU, NOT_NAMED, r.DONE],
        # Yarrow Farm's thank-you says No: its interviewers' names are still to get.
        ["R4", r.GET_NAMES, "", r.OVERDUE],
    ]
    thanks = frame[frame[r.ACTION] == r.SEND_THANK_YOU]
    assert thanks[r.DETAILS].tolist() == [
        "thank-you sent Tue 3 Nov 2026 (the interviewer is not named)",
        "thank-you sent (the interviewer is not named)"]  # round 1, then round 2
    assert thanks["Contact"].tolist() == ["", ""]
    # The name checks of SPEC §3 say nothing about a name that is not there.
    assert list(c.issues["Problem"]) == []


def test_a_groups_interviewer_column_names_its_rounds_interviewers():
    names = ["Date of Interview", "Interviewer", "Thank You Sent"]
    sheets = {"Tracker": [
        ["", "", "", "", "Interview #1", "", "", "Interview #2", "", ""],
        ["Client ID", "Client Name", "Worker", "Company", *names, *names],
        ["C1", "Ana Lima", "Sam", "Wren Dental", date(2026, 11, 2), "Dana Reyes",
         date(2026, 11, 3), date(2026, 11, 12), "Lee Park; Kim Li", "Yes"],
        ["C2", "Ben Ode", "Sam", "Yew Florist", date(2026, 11, 2), "", "No",
         date(2026, 11, 12), "", "Yes"],
    ]}
    c = caseload(sheets)
    assert c.interviewers[[s.INTERVIEW_ID, s.INTERVIEWER, s.THANK_YOU_SENT]].values.tolist(
    ) == [["R3 round 1", "Dana Reyes", True], ["R3", "Lee Park", True],
          ["R3", "Kim Li", True], ["R4", NOT_NAMED, True]]
    assert c.interviewers[s.THANK_YOU_DATE].tolist()[0] == D("2026-11-03")
    assert _steps(evaluate(c, as_of=AS_OF).frame(), r.SEND_THANK_YOU, r.GET_NAMES) == [
        ["R3", r.SEND_THANK_YOU, "Lee Park", r.DONE],
        ["R3", r.SEND_THANK_YOU, "Kim Li", r.DONE],
        ["R3 round 1", r.SEND_THANK_YOU, "Dana Reyes", r.DONE],
        ["R4", r.SEND_THANK_YOU, NOT_NAMED, r.DONE],
        ["R4 round 1", r.GET_NAMES, "", r.OVERDUE],  # no name, thank-you "No"
    ]


# --- a flat sheet: Thank-You Sent and no interviewer --------------------------------

HEADER = ["Interview ID", "Client ID", "Client Name", "Worker", "Employer", "Position",
          "Interview Date", "Thank-You Sent"]


def _row(iid: str, day: date, thanks: object, employer: str = "Maple Grocers") -> list[object]:
    return [iid, "C1", "Ana Lima", "Sam", employer, "Cashier", day, thanks]


FLAT = {"Interviews": [
    HEADER,
    _row("I1", date(2026, 11, 2), date(2026, 11, 3)),  # due Tue 3 Nov: on time
    _row("I2", date(2026, 11, 2), "No"),  # not sent: the names are still to get
    _row("I3", date(2026, 11, 4), date(2026, 11, 9)),  # due Thu 5 Nov: late
    _row("I4", date(2026, 11, 5), "Yes"),  # sent, no date: undated
    _row("I5", date(2026, 11, 6), "\u2713"),  # a check mark: undated
    _row("I6", date(2026, 11, 9), ""),  # blank: the names are still to get
]}


def test_a_flat_thank_you_with_no_interviewer_is_one_thank_you_to_someone_not_named():
    frame = _frame(FLAT)
    assert _steps(frame, r.SEND_THANK_YOU, r.GET_NAMES) == [
        ["I1", r.SEND_THANK_YOU, NOT_NAMED, r.DONE],
        ["I2", r.GET_NAMES, "", r.OVERDUE],
        ["I3", r.SEND_THANK_YOU, NOT_NAMED, r.DONE],
        ["I4", r.SEND_THANK_YOU, NOT_NAMED, r.DONE],
        ["I5", r.SEND_THANK_YOU, NOT_NAMED, r.DONE],
        ["I6", r.GET_NAMES, "", r.OVERDUE],
    ]


def test_the_summary_counts_them_on_time_late_and_undated():
    view = supervisor_view(evaluate(caseload(FLAT), as_of=AS_OF))
    total = view.table.iloc[-1]
    assert [int(total[f"Thank-Yous {k}"]) for k in (
        "Due", "On Time", "Late", "Missing", "Undated")] == [4, 1, 1, 0, 2]
    assert total["On-Time Thank-You Rate"] == 1 / 2


def test_a_named_interviewer_on_the_row_keeps_the_thank_you_hers():
    header = [*HEADER[:7], "Interviewer 1", "Thank-You Sent 1", "Interviewer 2",
              "Thank-You Sent 2"]
    sheets = {"Interviews": [
        header,
        [*_row("I1", date(2026, 11, 2), "")[:7], "Dana Reyes", date(2026, 11, 3), "", "Yes"],
        [*_row("I2", date(2026, 11, 2), "")[:7], "", "", "", date(2026, 11, 4)],
    ]}
    c = caseload(sheets)
    # I1 names Dana: her thank-you is hers, the unnamed "Yes" beside no name adds no one.
    # I2 names no one: its dated thank-you is to someone not named.
    assert c.interviewers[[s.INTERVIEW_ID, s.INTERVIEWER]].values.tolist() == [
        ["I1", "Dana Reyes"], ["I2", NOT_NAMED]]
    assert c.interviewers[s.THANK_YOU_DATE].tolist() == [D("2026-11-03"), D("2026-11-04")]


def test_stage_columns_share_one_thank_you_column_it_is_the_latest_rounds():
    # As a row's interviewers are its latest round's (SPEC §2.1): the earlier round's
    # names are still to get.
    sheets = {"Jobs": [
        ["Company", "Role", "Phone Screen", "Onsite", "Thank-You Sent", "Status"],
        ["Wisp Cafe", "Barista", date(2026, 11, 2), date(2026, 11, 12), date(2026, 11, 13),
         "ongoing"]]}
    assert _steps(_frame(sheets), r.SEND_THANK_YOU, r.GET_NAMES) == [
        ["R2", r.SEND_THANK_YOU, NOT_NAMED, r.DONE],
        ["R2 round 1", r.GET_NAMES, "", r.OVERDUE]]


def test_stage_columns_dated_thank_you_is_the_round_held_on_or_before_its_date():
    # One Thank-You Sent for a row of rounds belongs to a round by its date: 3 Nov thanks
    # the 2 Nov phone screen, not the 12 Nov onsite (which still needs its names); an
    # onsite not held yet (25 Nov) does not take the 5 Nov thank-you; "yes" (no date)
    # is the latest round's. No "thank-you before the interview" warning for any.
    sheets = {"Jobs": [
        ["Company", "Role", "Phone Screen", "Onsite", "Thank-You Sent", "Status"],
        ["Fern Books", "Clerk", date(2026, 11, 2), date(2026, 11, 12), date(2026, 11, 3),
         "ongoing"],
        ["Gale Cafe", "Server", date(2026, 11, 4), date(2026, 11, 25), date(2026, 11, 5),
         "ongoing"],
        ["Hill Print", "Helper", date(2026, 11, 6), date(2026, 11, 9), "yes", "ongoing"]]}
    c = caseload(sheets)
    assert _steps(evaluate(c, as_of=AS_OF).frame(), r.SEND_THANK_YOU, r.GET_NAMES) == [
        ["R2", r.GET_NAMES, "", r.OVERDUE],
        ["R2 round 1", r.SEND_THANK_YOU, NOT_NAMED, r.DONE],
        ["R3 round 1", r.SEND_THANK_YOU, NOT_NAMED, r.DONE],
        ["R4", r.SEND_THANK_YOU, NOT_NAMED, r.DONE],
        ["R4 round 1", r.GET_NAMES, "", r.OVERDUE]]
    assert not c.issues["Problem"].str.contains("before the interview").any()


def test_an_activity_logs_thank_you_row_naming_no_one_is_the_interviews_thank_you():
    log = {"Log": [
        ["Date of Activity", "Activity Type", "Client Name", "Employer", "Position"],
        [date(2026, 11, 10), "Interview", "Ana Lima", "Tulip Bakery", "Baker"],
        [date(2026, 11, 12), "Thank-you sent", "Ana Lima", "Tulip Bakery", "Baker"],
        [date(2026, 11, 11), "Interview", "Omar Haddad", "Vale Parks", "Groundskeeper"],
    ]}
    c = caseload(log)
    assert c.interviewers[[s.INTERVIEW_ID, s.INTERVIEWER, s.THANK_YOU_DATE]].values.tolist(
    ) == [["R2", NOT_NAMED, D("2026-11-12")]]
    assert _steps(evaluate(c, as_of=AS_OF).frame(), r.SEND_THANK_YOU, r.GET_NAMES) == [
        ["R2", r.SEND_THANK_YOU, NOT_NAMED, r.DONE],
        ["R4", r.GET_NAMES, "", r.OVERDUE]]


YES = ["Yes", "y", "X", "x", "\u2713", "done", "sent", "2026-11-19", "2026-11-25"]
NO = ["No", "n", "", "not yet", "pending"]


@settings(max_examples=40, deadline=None)
@given(st.one_of(st.sampled_from(YES + NO), st.text(max_size=12)))
def test_any_thank_you_cell_gives_either_a_thank_you_or_the_names_to_get(value):
    frame = _frame({"Interviews": [HEADER, _row("I1", date(2026, 11, 18), value)]})
    steps = _steps(frame, r.SEND_THANK_YOU, r.GET_NAMES)
    said, parsed = parse_yes_no(pd.Series([value], dtype=object))
    sent, day = bool(said.iloc[0]), parsed.values.iloc[0]
    if sent:  # a date after the as-of date is not sent yet: still to do (due Thu 19 Nov)
        done = pd.isna(day) or day <= D(AS_OF)
        assert steps == [["I1", r.SEND_THANK_YOU, NOT_NAMED, r.DONE if done else r.OVERDUE]]
    else:
        assert steps == [["I1", r.GET_NAMES, "", r.OVERDUE]]
    assert (value in YES) <= sent and not (value in NO and sent)


# --- the plan, the letters, the calendar ---------------------------------------------

def _plan_sheets(language: str) -> dict[str, list[list[object]]]:
    return {"Interviews": [
        [*HEADER, "Langue"],
        [*_row("I1", date(2026, 11, 18), date(2026, 11, 19), "Wren Dental"), language]]}


def test_the_plans_done_line_needs_no_name_in_english_and_french():
    english = build_plans(evaluate(caseload(_plan_sheets("EN")), as_of=AS_OF)).plans[0]
    assert "You sent your thank-you for the interview at Wren Dental." in english.done
    assert english.interview_lines()[1] == (
        "We do not have the names of the people you met.")
    french = build_plans(evaluate(caseload(_plan_sheets("FR")), as_of=AS_OF)).plans[0]
    assert ("Vous avez envoyé votre remerciement pour l'entrevue chez Wren Dental."
            in french.done)
    assert not [line for plan in (english, french) for line in (*plan.done, plan.message)
                if NOT_NAMED in line]


def test_a_thank_you_dated_after_today_is_drafted_to_no_placeholder_name():
    # Sent "on" Mon 23 Nov: not sent yet on Fri 20 Nov, so still to do (a plan).
    sheets = {"Interviews": [HEADER, _row("I1", date(2026, 11, 18), date(2026, 11, 23))]}
    c = caseload(sheets)
    actions = evaluate(c, as_of=AS_OF)
    report = build_report(c, actions, as_of=AS_OF)
    drafts = report.drafts
    assert drafts[s.INTERVIEWER].tolist() == [NOT_NAMED]
    assert drafts["Body"].iloc[0].startswith("Dear [the interviewer's name],\n\n")
    assert NOT_NAMED not in drafts["Body"].iloc[0] + drafts["Subject"].iloc[0]
    assert drafts["File Name"].tolist() == [
        "Ana Lima - Maple Grocers - interviewer not named.docx"]
    thanks = report.thank_yous
    assert thanks[r.DETAILS].tolist() == [
        "interview Wed 18 Nov 2026 + 1 business day; thank-you recorded for Mon 23 Nov "
        "2026, not sent yet (the interviewer is not named)"]
    plan = build_plans(actions).plans[0]
    assert [step.title for step in plan.steps if step.label == r.SEND_THANK_YOU] == [
        "Send your thank-you for the interview at Maple Grocers"]
    calls = report.calls
    assert NOT_NAMED not in " ".join(calls[CALL_SCRIPT].astype(str))


def test_the_dashboard_says_what_was_recorded_without_a_placeholder_name():
    row = pd.Series({r.ACTION: r.SEND_THANK_YOU, s.INTERVIEWER: NOT_NAMED,
                     s.CLIENT_NAME: "Ana Lima"})
    assert recorded_line(row, date(2026, 11, 19)) == (
        "Send thank-you for Ana Lima, Thu 19 Nov 2026")


# --- recording -----------------------------------------------------------------------

def test_recording_the_thank_you_of_a_round_writes_its_groups_date_sent(tmp_path: Path):
    rows = [[None if v == "" else v for v in row] for row in GROUPED["Tracker"]]
    rows[2][9] = date(2026, 11, 23)  # round 2's thank-you dated after today: still to do
    tracker = write_xlsx(tmp_path / "groups.xlsx", {"Tracker": rows})
    report = tmp_path / "report.xlsx"
    run_report(tracker, as_of=AS_OF, output=report)
    filled = tmp_path / "filled.xlsx"
    done = fill_report(report, filled, [
        ("Thank-Yous", is_action(r.SEND_THANK_YOU), datetime(2026, 11, 19), None)])
    assert done[0]["Interviewer"] == NOT_NAMED
    now = datetime(2026, 11, 20, 16, 45, tzinfo=timezone(timedelta(hours=-5)))
    result = record(tracker, filled, now=now)
    assert result.refused == []
    sheet = openpyxl.load_workbook(result.output)["Tracker"]
    assert [c.value for c in sheet[2]] == ["Client ID", "Client Name", "Worker", "Company",
                                           *NAMES, *NAMES]  # no column added
    assert sheet["J3"].value == datetime(2026, 11, 19)


def test_one_of_a_rounds_interviewers_sharing_its_thank_you_cell_is_not_marked_alone(
        tmp_path: Path):
    names = ["Date of Interview", "Interviewer", "Thank You Sent"]
    tracker = write_xlsx(tmp_path / "groups.xlsx", {"Tracker": [
        [None, None, None, None, "Interview #1", None, None, "Interview #2", None, None],
        ["Client ID", "Client Name", "Worker", "Company", *names, *names],
        ["C1", "Ana Lima", "Sam", "Wren Dental", date(2026, 11, 2), "Dana Reyes",
         date(2026, 11, 3), date(2026, 11, 12), "Lee Park; Kim Li", None]]})
    report = tmp_path / "report.xlsx"
    run_report(tracker, as_of=AS_OF, output=report)
    filled = tmp_path / "filled.xlsx"
    fill_report(report, filled, [
        ("Thank-Yous", lambda row: row["Interviewer"] == "Lee Park", datetime(2026, 11, 19),
         None)])
    result = record(tracker, filled, now=datetime(2026, 11, 20, 16, 45))
    assert [why for _, why in result.refused] == [
        "2 interviewers share one 'Interview #2 · Thank You Sent' cell, so one of them "
        "cannot be marked alone; type the date in that cell when all are thanked"]
