"""Trackers as people keep them (SPEC §2.1): synthetic people, real shapes."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followkit.cli import main
from followkit.reading.load import load_caseload, load_caseloads
from followkit.reading.vocab import Stage, status_vocabulary
from followkit.rules.engine import evaluate
from tests.conftest import caseload

AS_OF = date(2026, 11, 20)
REALWORLD = Path(__file__).resolve().parents[1] / ".." / "shared" / "realworld"


def problems(c, severity=None):
    issues = c.issues if severity is None else c.issues[c.issues["Severity"] == severity]
    return issues[["Sheet", "Row", "Column", "Value", "Problem", "Severity"]].values.tolist()


def test_student_list_with_stage_columns_and_status_words():
    # The shape of a student's internship list: stages kept as columns holding dates.
    rows = [
        ["Company", "Role name", "Applied Date", "Phone", "Onsite", "Result"],
        ["Maple Grocers", "Cashier", "9/25/2026", "", "", ""],
        ["Birch Tools", "Stock clerk", "10/2/2026", "10/9/2026 & 10/16/2026", "", "Rejection :("],
        ["Cedar Cafe", "Barista", "10/3/2026", "n/a", "yes", "Accepted!"],
        ["Dune Books", "Clerk", "", "", "", ""],
        ["Elm Hotel", "Porter", "10/5/2026", "11/13/2026", "", "ongoing"],
    ]
    c = caseload({"Sheet1": rows})
    iv = c.interviews
    # Two dates in one stage cell are two rounds; the latest keeps the row's ID.
    assert iv["Interview ID"].tolist() == ["R3 round 1", "R3", "R6"]
    assert iv["Interview Date"].dt.date.tolist() == [
        date(2026, 10, 9), date(2026, 10, 16), date(2026, 11, 13)]
    assert iv["Outcome"].tolist() == ["Not Selected", "Not Selected", "Pending"]
    assert c.original["Round (followkit)"].tolist() == [
        "Phone (1 of 2)", "Phone (2 of 2)", ""]
    assert iv["Client ID"].unique().tolist() == ["tracker"]
    assert c.listed["Kind"].tolist() == ["Application", "Application", "Listed opportunity"]
    assert c.listed["Row"].tolist() == [2, 4, 5]
    assert sorted({*c.interviews["_row"], *c.listed["Row"]}) == [2, 3, 4, 5, 6]
    # 10/2/2026 is read month first: the column's 9/25/2026 can only be.
    apps = c.applications.sort_values("_row")
    assert apps["Application Date"].dt.date.tolist() == [date(2026, 9, 25), date(2026, 10, 3)]
    assert problems(c, "error") == []
    assert [p[4][:40] for p in problems(c, "warning")] == [
        "no Client ID or Client Name column: ever",
        "an interview stage is marked done but ha",
    ]


def test_rounds_thank_yous_each_steps_1_2_4_follow_the_latest():
    rows = [["Company", "Position", "Date Applied", "Phone Screen", "Onsite", "Status"],
            ["Elm Hotel", "Porter", "2026-11-02", "2026-11-13", "2026-11-17", "Interviewing"]]
    actions = evaluate(caseload({"Jobs": rows}), as_of=AS_OF).frame(text=False)
    got = actions[["Action", "Interview ID", "Status"]].values.tolist()
    assert got == [
        ["Ask decision date", "R2 round 1", "Not needed"],
        ["Ask decision date", "R2", "Overdue"],
        ["Alert references", "R2 round 1", "Not needed"],
        ["Alert references", "R2", "Overdue"],
        ["Get interviewer names", "R2 round 1", "Overdue"],
        ["Get interviewer names", "R2", "Overdue"],
        ["Follow-up call", "R2 round 1", "Not needed"],
        ["Follow-up call", "R2", "Upcoming"],
        ["Keep job hunting", "", "Upcoming"],
    ]
    details = evaluate(caseload({"Jobs": rows}), as_of=AS_OF).frame()["Details"].tolist()
    assert details[0] == ("interview Fri 13 Nov 2026: not needed, a later interview round of "
                          "this application took place (this step follows the latest)")
    assert details[2] == details[6] == details[0]
    assert details[1].startswith("interview Tue 17 Nov 2026: ask when")


def test_one_person_tracker_named_with_client_and_step_5_from_applications(tmp_path):
    path = tmp_path / "ana.csv"
    path.write_text("Job Title,Company,Date Applied,Status,Interview Date\n"
                    "Cashier,Maple Grocers,2026-11-02,Applied,\n"
                    "Clerk,Birch Tools,2026-11-03,Interview scheduled,2026-11-12\n"
                    "Porter,Elm Hotel,2026-11-04,Interviewing,\n", encoding="utf-8")
    c = load_caseload(path, client="Ana Lima")
    assert c.interviews["Client Name"].tolist() == ["Ana Lima", "Ana Lima"]
    assert c.interviews["_ok"].tolist() == [True, False]
    assert problems(c, "error") == [
        ["ana", 4, "Interview Date", "", "no interview date: this interview cannot be "
         "evaluated", "error"]]
    assert c.tracks_job_search
    actions = evaluate(c, as_of=AS_OF).frame()
    hunt = actions[actions["Action"] == "Keep job hunting"]
    assert hunt["Due Date"].dt.date.tolist() == [date(2026, 11, 19)]


def test_activity_log_and_broken_csv_rows(tmp_path):
    path = tmp_path / "log.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Date of Activity", "Work Search Activity", "Company Name",
                    "Position Title", "Application Status", "Follow-up Date", "Notes"])
        w.writerow(["2026-11-02", "Applied for job", "Maple Grocers", "Cashier",
                    "Application filed", "", ""])
        w.writerow(["2026-11-05", "Interview", "Birch Tools", "Clerk", "Awaiting response",
                    "2026-11-12", "met the owner"])
        fh.write("2026-11-06,Applied for job,Cedar Cafe,Barista,Rejected,,Rejected Nov 9, "
                 "too far\n")
    c = load_caseload(path)
    assert c.interviews["Employer"].tolist() == ["Birch Tools"]
    assert c.calls["Call Date"].dt.date.tolist() == [date(2026, 11, 12)]
    assert c.listed["Employer" if "Employer" in c.listed else "Company Name"].tolist() == [
        "Maple Grocers"]
    assert problems(c, "error") == [
        ["log", 4, "", "", "this row has 8 fields but the header has 7: a comma inside a "
         "value not in quotes? Not read, so that no value lands in the wrong column; fix "
         "the row and run again", "error"]]


def test_placeholder_rows_and_drop_down_sheet_are_skipped_and_named():
    header = ["Company", "Role/Title", "Date Applied", "Response", "Interview Date", "Offer"]
    sheets = {"job-record-sheet": [header, ["Maple Grocers", "Cashier", "2026-11-02",
                                            "Blank", "", "Blank"],
                                   *[["", "", "", "Blank", "", "Blank"]] * 5],
              "drop-down-values": [["Blank", "Blank"], ["Positive Email", "YES"],
                                   ["Rejection Email/Call", "NO"]]}
    c = caseload(sheets)
    assert len(c.listed) == 1 and len(c.interviews) == 0
    assert c.skipped_sheets == (
        "drop-down-values (a list of drop-down values or a summary, no dated rows)",
        "job-record-sheet: 5 row(s) holding only drop-down defaults such as 'Blank' or "
        "'Select' (unfilled template rows)")


def test_weekly_tabs_read_together_and_dates_without_a_year(tmp_path):
    week = ["Job Title", "Contact", "Submitted on", "Status"]
    sheets = {"Oct 27-31": [week, ["Clerk", "Sam", "Oct 28th", "Submitted"],
                            ["Porter", "Sam", "Oct 29th", "Cleared- Vendor Interview"]],
              "Nov 3-7": [week[:3], ["Cashier", "Sam", "3rd November"]]}
    c = caseload(sheets)
    # "Cleared- Vendor Interview" says an interview took place, but when is not known.
    assert c.interviews[["_sheet", "_row", "_ok"]].values.tolist() == [["Oct 27-31", 3, False]]
    assert c.listed["Sheet"].tolist() == ["Oct 27-31", "Nov 3-7"]
    c2 = load_caseloads([_xlsx(tmp_path, sheets)], as_of=AS_OF)
    assert c2.applications["Application Date"].dt.date.tolist() == [
        date(2026, 10, 28), date(2026, 11, 3)]
    assert "has no year: read as 28 October 2026" in " ".join(c2.issues["Problem"])


def _xlsx(tmp_path, sheets):
    from tests.conftest import write_xlsx

    return write_xlsx(tmp_path / "weeks.xlsx", sheets)


def test_several_files_one_caseload_keep_file_sheet_and_row(tmp_path):
    for name in ("ana", "omar"):
        (tmp_path / f"{name}.csv").write_text(
            "Company,Position,Interview Date\nMaple Grocers,Cashier,2026-11-10\n")
    c = load_caseloads([tmp_path])
    assert c.interviews["Client Name"].tolist() == ["ana", "omar"]
    assert c.interviews["_sheet"].tolist() == ["ana.csv", "omar.csv"]
    assert c.interviews["Interview ID"].nunique() == 2


@pytest.mark.parametrize(
    ("word", "stage"),
    [("Applied", Stage.APPLIED), ("Rejection :(", Stage.NOT_SELECTED),
     ("reeejected", Stage.NOT_SELECTED), ("Not moving forward", Stage.NOT_SELECTED),
     ("Suspected Ghost Job", Stage.NO_ANSWER), ("Accepted!", Stage.HIRED),
     ("Declined offer", Stage.WITHDRAWN), ("Under review", Stage.APPLIED),
     ("\U0001f389 Offer", Stage.OFFER)],
)
def test_status_vocabulary(word, stage):
    assert status_vocabulary().match(word).stage is stage


def test_unknown_status_suggests_only_when_close():
    vocab = status_vocabulary()
    assert vocab.match("Hirred").suggestion is Stage.HIRED
    assert vocab.match("Positive Email").suggestion is None
    assert status_vocabulary({"placed": "Hired"}).match("Placed").stage is Stage.HIRED


def test_columns_command_and_column_map(tmp_path, capsys):
    path = tmp_path / "mine.csv"
    path.write_text("Where,What,When we met\nMaple Grocers,Cashier,2026-11-10\n")
    mapping = tmp_path / "map.toml"
    mapping.write_text('Employer = "Where"\nPosition = "What"\n"Interview Date" = "When we met"\n')
    assert main(["columns", str(path), "--columns", str(mapping)]) == 0
    out = capsys.readouterr().out
    assert "'When we met'                    -> Interview Date  (by the column map)" in out
    c = load_caseload(path, columns={"Interview Date": "When we met", "Employer": "Where"})
    assert c.interviews["Interview Date"].dt.date.tolist() == [date(2026, 11, 10)]


KINDS = st.sampled_from(["interview", "application", "placeholder", "opportunity", "bad"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(KINDS, min_size=1, max_size=15))
def test_rows_conserved_over_random_mixes(kinds):
    header = ["Company", "Position", "Date Applied", "Interview Date", "Status"]
    cells = {"interview": ["Maple", "Clerk", "2026-11-01", "2026-11-09", "Interviewing"],
             "application": ["Birch", "Porter", "2026-11-02", "", "Applied"],
             "placeholder": ["", "", "", "", "Blank"],
             "opportunity": ["Cedar", "Cook", "", "", ""],
             "bad": ["Dune", "Clerk", "", "", "Interview scheduled"]}
    c = caseload({"Jobs": [header, *(cells[k] for k in kinds)]})
    expected_rows = [i + 2 for i, k in enumerate(kinds) if k != "placeholder"]
    assert sorted([*c.interviews["_row"], *c.listed["Row"]]) == expected_rows
    errors = set(c.issues.loc[c.issues["Severity"] == "error", "Row"])
    assert errors == {i + 2 for i, k in enumerate(kinds) if k == "bad"}
    assert len(c.interviews) == sum(k in ("interview", "bad") for k in kinds)


REAL_FILES = sorted(p for p in REALWORLD.glob("*") if p.suffix in (".csv", ".xlsx"))


@pytest.mark.skipif(not REAL_FILES, reason="shared/realworld not present")
@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.name)
def test_real_trackers_are_read_and_every_row_accounted_for(path, tmp_path):
    assert main(["report", str(path), "--as-of", "2026-11-20", "-o",
                 str(tmp_path / "r.xlsx")]) == 0
    c = load_caseload(path, as_of=AS_OF)
    # Every row kept after cleaning is an interview or on the Applications sheet ...
    # (an interview with several rounds is one row per round: count the input rows)
    rows = set(zip(c.interviews["_sheet"], c.interviews["_row"], strict=True))
    assert len(rows) + len(c.listed) == sum(len(ts.frame) for ts in c.layout.tables)
    assert not rows & set(zip(c.listed["Sheet"], c.listed["Row"], strict=True))
    # ... every broken CSV row is one error naming both counts, never read ...
    broken = c.issues[c.issues["Problem"].str.startswith("this row has")]
    assert len(broken) == sum(len(ts.broken) for ts in c.layout.tables)
    assert (broken["Severity"] == "error").all()
    # ... and a stage column is read as rounds: its dated rows are interviews.
    for ts in c.layout.tables:
        for label in ts.stages:
            dated = ts.frame[label].astype(str).str.contains(r"\d{1,2}/\d{1,2}/\d{4}")
            assert set(ts.frame.loc[dated, "_row"]) <= set(c.interviews["_row"])




def test_column_map_can_say_a_field_has_no_column(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("Company,Position,Date Applied,Status\nMaple,Clerk,2026-11-02,Hired\n")
    c = load_caseload(path, columns={"Outcome": "-"})
    assert [(g.label, g.field) for g in c.layout.tables[0].guesses] == [
        ("Company", "Employer"), ("Position", "Position"),
        ("Date Applied", "Application Date"), ("Status", None)]
    assert c.listed["Status"].tolist() == ["Hired"]  # carried as it is


def test_agency_status_words_from_the_policy_file(tmp_path, capsys):
    tracker = tmp_path / "t.csv"
    tracker.write_text("Company,Position,Interview Date,Status\n"
                       "Maple,Clerk,2026-11-16,Placed with employer\n")
    policy = tmp_path / "agency.toml"
    policy.write_text('[policy]\nfirst_call_days = 5\n\n[statuses]\n'
                      '"placed with employer" = "Hired"\n')
    out = tmp_path / "r.xlsx"
    assert main(["report", str(tracker), "--policy", str(policy), "--as-of", "2026-11-20",
                 "-o", str(out)]) == 0
    c = load_caseload(tracker, statuses={"placed with employer": "Hired"})
    assert c.interviews["Outcome"].tolist() == ["Hired"]
    assert c.issues["Problem"].str.contains("unknown Outcome").sum() == 0
    policy.write_text('[policy]\n\n[statuses]\n"placed" = "celebrated"\n')
    assert main(["report", str(tracker), "--policy", str(policy), "-o", str(out)]) == 2
    assert "[statuses] 'placed': unknown status meaning 'celebrated'" in \
        capsys.readouterr().err


HEADERS = ["Company", "Employer", "Role", "Position", "Job Title", "Date Applied", "Applied",
           "Interview Date", "Phone", "Onsite", "Round 2", "Status", "Result", "Notes",
           "Follow-up Date", "Work Search Activity", "Date of Activity", "Contact", "Date",
           "Client Name", "Worker", "Stage", "Salary", "Interviewer Name", "Call 1"]
CELLS = st.one_of(
    st.sampled_from(["", "9/25/2026", "10/2/2026", "25/09/2026", "2026-10-02", "Oct 28th",
                     "27-Oct", "8/22/2026 & 8/27/2026", "yes", "n/a", "-", "Blank",
                     "Applied", "Rejection :(", "reeejected", "Interview scheduled",
                     "Ghosted", "Offer", "(416) 555-0134", "Applied for job", "Interview",
                     "Maple Grocers", "Clerk", "Select...", "TBD", "31/02/2026"]),
    st.dates(min_value=date(2019, 1, 1), max_value=date(2027, 12, 31)),
    st.text(max_size=8), st.integers(min_value=0, max_value=50000), st.booleans())


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(HEADERS), min_size=2, max_size=8, unique=True),
       st.lists(st.lists(CELLS, min_size=8, max_size=8), min_size=1, max_size=8))
def test_any_tracker_shape_is_read_or_refused_clearly_and_rows_are_kept(headers, rows):
    from followkit.core.errors import FollowkitError

    sheet = [headers, *[r[:len(headers)] for r in rows]]
    try:
        c = caseload({"Jobs": sheet})
    except FollowkitError:
        return
    evaluate(c, as_of=AS_OF)
    rows_in = {(sh, r) for sh, r in zip(c.interviews["_sheet"], c.interviews["_row"],
                                        strict=True)}
    listed = set(zip(c.listed["Sheet"], c.listed["Row"], strict=True))
    assert not rows_in & listed
    assert len(rows_in) + len(listed) == len(c.layout.tables[0].frame)


@pytest.mark.parametrize(
    ("cells", "field"),
    [(["2026-11-12", ""], "Interview Stage"), (["yes", "no"], "Interview Stage"),
     (["Zoom", "Phone"], None)],
)
def test_a_column_named_interview_is_a_stage_only_when_it_holds_dates_or_yes_no(cells, field):
    rows = [["Company", "Position", "Date Applied", "Interview"],
            ["Maple", "Clerk", "2026-11-02", cells[0]], ["Birch", "Cook", "2026-11-03", cells[1]]]
    guesses = caseload({"S": rows}).layout.tables[0].guesses
    assert [g.field for g in guesses if g.label == "Interview"] == [field]
