"""Rounds kept one row per round on their own sheet (issue #21, item 2)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from followkit.reading.load import load_caseloads
from tests.conftest import write_xlsx

AS_OF = date(2026, 11, 20)
APPS = [["Company", "Role", "Applied", "Status"],
        ["Aspen Bank", "Teller", date(2026, 10, 20), "Interviewing"],
        ["Aspen Bank", "Clerk", date(2026, 10, 21), "Rejected"],
        ["Cedar Print", "Helper", date(2026, 10, 22), "Interviewing"]]


def test_rounds_go_to_the_application_of_the_same_employer_and_position(tmp_path):
    rounds = [["Company", "Role", "Round", "Date"],
              ["Aspen Bank", "Teller", 1, date(2026, 11, 2)],
              ["Aspen Bank", "Clerk", 1, date(2026, 11, 3)],
              ["Cedar Print", "Helper", 1, date(2026, 11, 5)],
              ["Aspen Bank", "Teller", 2, date(2026, 11, 12)]]
    path = write_xlsx(tmp_path / "t.xlsx", {"Job list": APPS, "Rounds": rounds})
    c = load_caseloads([path], as_of=AS_OF)
    got = c.interviews[["Position", "Interview Date", "Outcome", "_later_round"]]
    assert got.values.tolist() == [
        ["Teller", pd.Timestamp(2026, 11, 2), "Pending", True],
        ["Teller", pd.Timestamp(2026, 11, 12), "Pending", False],
        ["Clerk", pd.Timestamp(2026, 11, 3), "Not Selected", False],
        ["Helper", pd.Timestamp(2026, 11, 5), "Pending", False]]
    assert set(c.interviews["_sheet"]) == {"Job list"}
    assert c.skipped_sheets[-1] == ("Rounds: 4 interview round(s) read as rounds of the "
                                    "applications on 'Job list'")


def test_a_round_of_no_single_application_is_its_own_interview_with_a_warning(tmp_path):
    rounds = [["Company", "Role", "Round", "Date"],
              ["Aspen Bank", "Teller", 1, date(2026, 11, 2)],
              ["Birch Cafe", "Server", 1, date(2026, 11, 6)]]
    path = write_xlsx(tmp_path / "t.xlsx", {"Job list": APPS, "Rounds": rounds})
    c = load_caseloads([path], as_of=AS_OF)
    # Cedar Print says it is interviewing but has no round anywhere: an error, as before.
    assert sorted(c.interviews["Employer"]) == ["Aspen Bank", "Birch Cafe", "Cedar Print"]
    assert list(c.interviews.loc[~c.interviews["_ok"], "Employer"]) == ["Cedar Print"]
    warned = c.issues[c.issues["Problem"].str.startswith("this round matches no single")]
    assert warned[["Sheet", "Row", "Value"]].values.tolist() == [["Rounds", 3, "Birch Cafe"]]


def test_interview_counts_without_any_date_are_one_warning_not_row_errors(tmp_path):
    path = tmp_path / "count.csv"
    path.write_text("Company,Position,Date Applied,Interviews,Status\n"
                    "Aspen Bank,Teller,2026-10-20,2,Interviewing\n"
                    "Briar Foods,Packer,2026-10-21,1,Rejected\n"
                    "Cove Books,Clerk,2026-10-22,0,Applied\n"
                    "Dune Co,Helper,2026-10-23,3,Second interview\n", encoding="utf-8")
    c = load_caseloads([path], as_of=AS_OF)
    assert c.interviews.empty
    assert list(c.listed["Kind"]) == ["Application"] * 4
    assert c.issues[["Row", "Column", "Problem", "Severity"]].values.tolist()[1:] == [
        [1, "Interviews", "3 applications record 6 interviews but no interview dates: add "
                          "an Interview Date to follow them up", "warning"]]


def test_without_a_count_column_a_status_saying_interview_is_still_an_error(tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text("Company,Position,Date Applied,Status\n"
                    "Aspen Bank,Teller,2026-10-20,Interviewing\n", encoding="utf-8")
    c = load_caseloads([path], as_of=AS_OF)
    assert list(c.issues["Severity"]) == ["warning", "error"]
