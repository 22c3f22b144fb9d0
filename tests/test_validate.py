from datetime import date

import pytest

from tests.conftest import caseload, interview, template


def problems(c, severity=None):
    issues = c.issues if severity is None else c.issues[c.issues["Severity"] == severity]
    return issues[["Sheet", "Row", "Column", "Value", "Problem", "Severity"]].values.tolist()


def test_clean_tracker_has_no_issues():
    c = caseload(template([interview("I1", date(2026, 11, 20))],
                          [["I1", "Sofia Rossi", "sofia.rossi@maple.example", "Y"]],
                          [["I1", "2026-11-27", ""]]))
    assert c.issues.empty


def test_one_client_id_with_two_names():
    c = caseload(template([interview("I1", date(2026, 11, 20), name="Ana Lima"),
                           interview("I2", date(2026, 11, 21), name="ana  lima"),
                           interview("I3", date(2026, 11, 22), name="Anna Lima")]))
    assert problems(c) == [["Interviews", 4, "Client Name", "Anna Lima",
                            "Client ID 'C1' is also called 'Ana Lima' elsewhere; one of them "
                            "is wrong", "warning"]]


def test_linked_rows_that_match_nothing():
    c = caseload(template([interview("I1", date(2026, 11, 20))],
                          [["I9", "Sofia Rossi", "", ""]], [["I8", "2026-11-27", ""]],
                          [["C9", "2026-11-21", "", ""]]))
    assert problems(c) == [  # in workbook order
        ["Interviewers", 2, "Interview ID", "I9",
         "Interview ID matches no interview in the tracker: row not used", "error"],
        ["Calls", 2, "Interview ID", "I8",
         "Interview ID matches no interview in the tracker: row not used", "error"],
        ["Job Search", 2, "Client ID", "C9",
         "Client ID matches no client in the tracker: row not used", "error"],
    ]
    assert c.interviews["_ok"].all()


@pytest.mark.parametrize(
    ("email", "bad"),
    [("sofia.rossi@maple.example", False), ("s@m.ca", False), ("sofia.rossi@maple", True),
     ("sofia rossi@maple.ca", True), ("@maple.ca", True), ("sofia.rossi", True)],
)
def test_malformed_emails(email, bad):
    c = caseload(template([interview("I1", date(2026, 11, 20))],
                          [["I1", "Sofia Rossi", email, ""]]))
    assert problems(c) == ([["Interviewers", 2, "Email", email, "malformed email address",
                             "warning"]] if bad else [])


def test_dates_in_impossible_order():
    c = caseload(template([interview("I1", date(2026, 11, 20), decision="2026-11-19")],
                          [["I1", "Sofia Rossi", "", "2026-11-18"]],
                          [["I1", "2026-11-17", ""]]))
    assert problems(c) == [
        ["Interviews", 2, "Decision Date", "2026-11-19",
         "decision date before the interview (2026-11-20)", "warning"],
        ["Interviewers", 2, "Thank-You Sent", "2026-11-18",
         "thank-you dated before the interview (2026-11-20)", "warning"],
        ["Calls", 2, "Call Date", "2026-11-17",
         "call dated before the interview (2026-11-20)", "warning"],
    ]


def test_calls_too_close_together():
    c = caseload(template([interview("I1", date(2026, 11, 2))], [],
                          [["I1", "2026-11-09", ""], ["I1", "2026-11-10", ""],
                           ["I1", "2026-11-17", ""], ["I1", "2026-11-17", "again"]]))
    assert [(p[1], p[4]) for p in problems(c)] == [
        (3, "call only 1 day(s) after the one on 2026-11-09: leave at least 2 days between "
            "calls (do not bother the employer)"),
        (5, "call only 0 day(s) after the one on 2026-11-17: leave at least 2 days between "
            "calls (do not bother the employer)"),
    ]


@pytest.mark.parametrize(
    ("names", "employers", "flagged"),
    [
        (["Jonathan Smythe", "Jonathan Smythe", "Jonathon Smythe"], ["A", "A", "A"],
         ["Jonathon Smythe"]),
        (["Jonathan Smythe", "Jonathon Smythe"], ["A", "B"], []),  # different employers
        (["Ana Silva", "Anna Silva"], ["A", "B"], []),
        (["Raj Patel", "Greg Hall"], ["A", "A"], []),  # different people
        (["José Silva", "José Silva", "Jose Silva"], ["A", "A", "A"], ["Jose Silva"]),
        (["Raj Patel", "raj patel"], ["A", "A"], []),  # same name, case only
    ],
)
def test_probable_interviewer_misspellings(names, employers, flagged):
    interviews = [interview(f"I{i}", date(2026, 11, 20), employer=e)
                  for i, e in enumerate(employers)]
    people = [[f"I{i}", n, "", ""] for i, n in enumerate(names)]
    c = caseload(template(interviews, people))
    found = c.issues[c.issues["Problem"].str.contains("misspelling")]
    assert found["Value"].tolist() == flagged
    if flagged:
        assert "misspelling of" in found["Problem"].iloc[0]


def test_issue_rows_carry_the_worker():
    c = caseload(template([interview("I1", "soon", worker="Priya")],
                          [["I1", "Sofia", "bad@", ""]]))
    assert set(c.issues["Worker"]) == {"Priya"}


def test_unknown_outcome_suggests_the_closest_value():
    c = caseload(template([interview("I1", date(2026, 11, 20), outcome="Hird")]))
    assert problems(c) == [["Interviews", 2, "Outcome", "Hird",
                            "unknown Outcome 'Hird' (did you mean 'Hired'?); valid: Pending, "
                            "Offer, Hired, Not Selected, Withdrawn; treated as Pending",
                            "warning"]]
