from datetime import date

import numpy as np
import pandas as pd
import pytest

from followkit.core.errors import MissingColumnError, NoInterviewSheetError
from followkit.reading.load import load_caseload
from tests.conftest import INTERVIEW_HEADER, caseload, interview, template, write_xlsx


def test_template_layout_into_tidy_tables():
    c = caseload(template(
        [interview("I1", date(2026, 11, 20), references="Y")],
        [["I1", "Sofia Rossi", "sofia.rossi@maple.example", "2026-11-21"]],
        [["I1", "2026-11-27", "voicemail"]],
        [["C1", "2026-11-22", "Lakeshore Cafe", "Barista"]]))
    iv = c.interviews.iloc[0]
    assert (iv["Interview ID"], iv["Client ID"], iv["Interview Date"], iv["Outcome"],
            iv["References Alerted"], iv["_ok"]) == (
        "I1", "C1", pd.Timestamp("2026-11-20"), "Pending", True, True)
    person = c.interviewers.iloc[0]
    assert (person["Interviewer"], person["Thank-You Sent"], person["Thank-You Date"]) == (
        "Sofia Rossi", True, pd.Timestamp("2026-11-21"))
    assert c.calls[["Interview ID", "Call Date", "Result"]].values.tolist() == [
        ["I1", pd.Timestamp("2026-11-27"), "voicemail"]]
    assert c.applications["Client ID"].tolist() == ["C1"]
    assert c.tracks_job_search
    assert c.issues.empty


def test_header_synonyms_and_a_title_row_above_the_header():
    sheets = {"Sheet1": [
        ["Youth interview tracker 2026"],
        [],
        ["Youth ID", "Youth Name", "Counsellor", "Company", "Job Title", "Date of Interview",
         "Interviewed By", "Result", "Postal Code"],
        ["00042", "Mei Chen", "Priya", "Maple", "Cashier", "2026-11-20", "Raj Patel",
         "pending", "L4C 3G5"],
    ]}
    c = caseload(sheets)
    iv = c.interviews.iloc[0]
    assert (iv["Client ID"], iv["Client Name"], iv["Worker"], iv["Employer"],
            iv["Position"]) == ("00042", "Mei Chen", "Priya", "Maple", "Cashier")
    assert iv["_row"] == 4  # the Excel row the worker sees
    assert iv["Interview ID"] == "R4"  # derived from the sheet row
    assert c.interviewers["Interviewer"].tolist() == ["Raj Patel"]
    assert c.original.columns.tolist()[-1] == "Postal Code"  # unknown column carried
    assert c.original["Postal Code"].tolist() == ["L4C 3G5"]
    assert not c.tracks_job_search


def test_flat_numbered_interviewers_with_their_own_thank_yous():
    header = ["Client ID", "Client Name", "Interview Date", "Interviewer 1",
              "Interviewer Email 1", "Thank-You Sent 1", "Interviewer 2", "Thank You Sent 2",
              "Call 1", "Call 2", "Last Application Date"]
    row = ["C1", "Ana Lima", "2026-11-20", "Sofia Rossi", "s@maple.example", "Y",
           "Raj Patel", "", "2026-11-26", "", "2026-11-25"]
    c = caseload({"Tracker": [header, row]})
    people = c.interviewers.set_index("Interviewer")
    assert people.loc["Sofia Rossi", "Thank-You Sent"]
    assert people.loc["Sofia Rossi", "Email"] == "s@maple.example"
    assert not people.loc["Raj Patel", "Thank-You Sent"]
    assert c.calls["Call Date"].tolist() == [pd.Timestamp("2026-11-26")]
    assert c.applications["Application Date"].tolist() == [pd.Timestamp("2026-11-25")]
    assert c.tracks_job_search


@pytest.mark.parametrize("cell", ["Sofia Rossi; Raj Patel", "Sofia Rossi, Raj Patel",
                                  "Sofia Rossi / Raj Patel", "Sofia Rossi\nRaj Patel",
                                  "Sofia Rossi and Raj Patel", "Sofia Rossi & Raj Patel"])
def test_flat_delimited_interviewers_share_one_thank_you_cell(cell):
    header = ["Client ID", "Client Name", "Interview Date", "Interviewers", "Thank-You Sent"]
    c = caseload({"Tracker": [header, ["C1", "Ana Lima", "2026-11-20", cell, "2026-11-21"]]})
    assert c.interviewers["Interviewer"].tolist() == ["Sofia Rossi", "Raj Patel"]
    assert c.interviewers["Thank-You Sent"].tolist() == [True, True]
    assert c.interviewers["Thank-You Date"].tolist() == [pd.Timestamp("2026-11-21")] * 2


def test_flat_call_dates_list_with_a_bad_piece():
    header = ["Client ID", "Client Name", "Interview Date", "Call Dates"]
    c = caseload({"Tracker": [header, ["C1", "Ana", "2026-11-02",
                                       "2026-11-09, 2026-11-16; Nov 23, 2026; soon"]]})
    assert c.calls["Call Date"].dt.day.tolist() == [9, 16, 23]
    issue = c.issues.iloc[0]
    assert (issue["Row"], issue["Column"], issue["Value"], issue["Severity"]) == (
        2, "Call Dates", "soon", "warning")


def test_flat_call_result_columns_are_the_calls_results_not_the_outcome():
    """`followkit record` writes "Call N Result" beside "Call N": not a status column."""
    header = ["Client ID", "Client Name", "Interview Date", "Call 1", "Call 1 Result",
              "Call 2", "Call 2 Result"]
    c = caseload({"Tracker": [header, ["C1", "Ana", "2026-11-02", "2026-11-09", "No answer",
                                       "2026-11-16", "Left voicemail"]]})
    assert c.calls[["Call Date", "Result"]].astype(str).values.tolist() == [
        ["2026-11-09", "No answer"], ["2026-11-16", "Left voicemail"]]
    assert c.interviews["Outcome"].tolist() == ["Pending"]
    assert c.issues.empty


def test_missing_required_column_names_the_closest_header():
    sheets = {"Interviews": [["Interview ID", "Client ID", "Client Name", "Interview Dte"],
                             ["I1", "C1", "Ana", "2026-11-20"]]}
    with pytest.raises(MissingColumnError,
                       match=r"'tracker.xlsx', sheet 'Interviews': required column "
                             r"'Interview Date' not found in the header row \(row 1\); the "
                             r"closest header found is 'Interview Dte'"):
        caseload(sheets)


def test_no_interview_sheet_at_all():
    with pytest.raises(NoInterviewSheetError, match="no sheet with interview columns"):
        caseload({"Budget": [["Item", "Cost"], ["Bus pass", 3]]})


def test_linked_sheet_missing_required_column():
    sheets = template([interview("I1", date(2026, 11, 20))])
    sheets["Calls"] = [["Interview ID", "Result"], ["I1", "voicemail"]]
    with pytest.raises(MissingColumnError, match="sheet 'Calls': required column 'Call Date'"):
        caseload(sheets)


def test_row_conservation_each_row_evaluated_or_an_error():
    sheets = template([
        interview("I1", date(2026, 11, 20)),
        interview("I2", "next week"),
        interview("I3", ""),
        ["I4", "", "Nobody", "Sam", "", "", date(2026, 11, 20), "", "", ""],
        interview("I1", date(2026, 11, 21)),
        interview("I6", date(2026, 11, 22), outcome="hmm"),
    ])
    c = caseload(sheets)
    errors = c.issues[c.issues["Severity"] == "error"]
    assert c.interviews["_ok"].tolist() == [True, False, False, False, False, True]
    assert sorted(set(errors["Row"])) == [3, 4, 5, 6]
    assert dict(zip(errors["Row"], errors["Problem"], strict=True)) == {
        3: "unreadable date 'next week'",
        4: "no interview date: this interview cannot be evaluated",
        5: "no Client ID: this interview cannot be evaluated",
        6: "duplicate Interview ID (first at Interviews row 2): this row is not evaluated",
    }


def test_ids_stay_text_with_leading_zeros(tmp_path):
    path = write_xlsx(tmp_path / "ids.xlsx", {"Interviews": [
        INTERVIEW_HEADER, ["007", "00042", "Ana", "Sam", "", "", date(2026, 11, 20), "", "",
                           ""]]})
    c = load_caseload(path)
    assert c.interviews[["Interview ID", "Client ID"]].values.tolist() == [["007", "00042"]]


def test_numbers_typed_as_numbers_read_without_decimals(tmp_path):
    path = write_xlsx(tmp_path / "n.xlsx", {"Interviews": [
        INTERVIEW_HEADER + ["Employer Phone"],
        [12, 345, "Ana", "Sam", "", "", date(2026, 11, 20), "", "", "", 9055550101]]})
    c = load_caseload(path)
    iv = c.interviews.iloc[0]
    assert (iv["Interview ID"], iv["Client ID"], iv["Employer Phone"]) == (
        "12", "345", "9055550101")


def test_hidden_sheets_are_skipped_and_listed(tmp_path):
    sheets = {"Old": [INTERVIEW_HEADER, interview("X1", date(2025, 1, 1))],
              **template([interview("I1", date(2026, 11, 20))])}
    path = write_xlsx(tmp_path / "h.xlsx", sheets, hidden=("Old",))
    c = load_caseload(path)
    assert c.interviews["Interview ID"].tolist() == ["I1"]
    assert c.skipped_sheets == ("Old (hidden)",)


def test_several_interview_sheets_are_combined():
    sheets = {
        "Interviews": [INTERVIEW_HEADER, interview("", date(2026, 11, 20))],
        "Tracker": [INTERVIEW_HEADER, interview("", date(2026, 11, 21), client="C2")],
    }
    c = caseload(sheets)
    assert c.interviews["Interview ID"].tolist() == ["Interviews R2", "Tracker R2"]


def test_duplicate_headers_are_kept_and_reported():
    header = ["Client ID", "Client Name", "Interview Date", "Notes", "Notes"]
    c = caseload({"Tracker": [header, ["C1", "Ana", "2026-11-20", "a", "b"]]})
    assert c.original.columns.tolist() == ["Client ID", "Client Name", "Interview Date",
                                           "Notes", "Notes (E)"]
    assert c.issues["Problem"].tolist() == [
        "header 'Notes' appears twice; the second is kept as 'Notes (E)'"]


def test_empty_rows_and_unnamed_empty_columns_are_ignored():
    header = ["Client ID", "Client Name", "Interview Date", ""]
    rows = [header, ["C1", "Ana", "2026-11-20", ""], ["", "", "", ""], ["  ", "", "", ""]]
    c = caseload({"Tracker": rows})
    assert len(c.interviews) == 1
    assert c.original.columns.tolist() == ["Client ID", "Client Name", "Interview Date"]


def test_text_date_order_comes_from_the_policy():
    from followkit.core.policy import FollowUpPolicy

    sheets = {"Tracker": [["Client ID", "Client Name", "Interview Date"],
                          ["C1", "Ana", "11/20/2026"]]}
    c = caseload(sheets, FollowUpPolicy(text_date_order="MDY"))
    assert c.interviews["Interview Date"].tolist() == [pd.Timestamp("2026-11-20")]
    assert c.issues.empty


@pytest.mark.parametrize("header", ["\ufeffClient ID", "Client\u00a0ID", "Client\u200bID",
                                    " client id ", "CLIENT-ID"])
def test_headers_with_invisible_characters_still_match(header):
    c = caseload({"Tracker": [[header, "Client Name", "Interview Date"],
                              ["C1", "Ana", "2026-11-20"]]})
    assert c.interviews["Client ID"].tolist() == ["C1"]
    assert c.original.columns[0] == header.strip()


def test_positions_first_match_or_minus_one():
    from followkit.reading.load import positions

    keys = np.array(["A", "B", "A", "C"], dtype=object)
    found = positions(keys, np.array(["C", "A", "Z", None], dtype=object),
                      np.array([], dtype=object))
    assert [f.tolist() for f in found] == [[3, 0, -1, -1], []]


def test_keys_link_rows_to_the_evaluated_interview():
    c = caseload(template(
        [interview("I1", date(2026, 11, 20)),
         interview("I1", date(2026, 11, 21), client="C2", name="Omar Haddad"),  # duplicate
         interview("I2", date(2026, 11, 22), client="C2", name="Omar Haddad")],
        [["I2", "Raj Patel", "", ""], ["I1", "Sofia Rossi", "", ""], ["I9", "Ann Orphan", "", ""]],
        [["I1", "2026-11-27", "voicemail"]],
        [["C2", "2026-11-24", "", ""], ["C7", "2026-11-24", "", ""]]))
    keys = c.keys
    assert c.interviews["_ok"].tolist() == [True, False, True]
    assert keys.interviewer_row.tolist() == [2, 0, -1]
    assert keys.call_row.tolist() == [0]
    assert keys.clients.tolist() == ["C1", "C2"]
    assert keys.client.tolist() == [0, 1, 1]
    assert keys.application_client.tolist() == [1, -1]
    assert c.keys is keys  # resolved once
