from datetime import date

import pandas as pd
import pytest

from followkit.core.errors import FollowkitError
from followkit.core.policy import DEFAULT_POLICY, FollowUpPolicy
from followkit.report.build import CLIENT_COLUMNS, TODO_COLUMNS, build_report
from followkit.rules.engine import evaluate
from tests.conftest import caseload, interview, template

AS_OF = date(2026, 11, 27)


def report_for(sheets, as_of=AS_OF, workers=None, policy=DEFAULT_POLICY):
    c = caseload(sheets, policy)
    return build_report(c, evaluate(c, as_of=as_of, policy=policy), as_of=as_of,
                        workers=workers, policy=policy)


@pytest.fixture
def two_workers():
    return template(
        [interview("I1", date(2026, 11, 20), worker="Sam", decision="2026-12-15",
                   references="Y"),
         interview("I2", date(2026, 11, 26), client="C2", name="Omar Haddad", worker="Priya"),
         interview("I3", date(2026, 11, 2), client="C3", name="Mei Chen", worker="Priya",
                   outcome="Hired"),
         interview("I4", date(2026, 12, 3), client="C4", name="Liam Roy", worker="Sam")],
        [["I1", "Sofia Rossi", "sofia@maple.example", "Y"], ["I2", "Raj Patel", "", ""]],
        [["I1", "2026-11-25", "voicemail"]],
        [["C1", "2026-11-24", "", ""]])


def test_queues_have_the_spec_columns(two_workers):
    rep = report_for(two_workers)
    assert rep.todo.columns.tolist() == TODO_COLUMNS
    assert rep.thank_yous.columns.tolist() == [*TODO_COLUMNS, "Email", "Draft Email"]
    assert rep.calls.columns.tolist() == [*TODO_COLUMNS, "Employer Phone", "Calls Made",
                                          "Last Call", "Decision Date", "Call Script"]
    assert rep.clients.columns.tolist() == CLIENT_COLUMNS
    assert rep.issues.columns.tolist() == ["Sheet", "Row", "Column", "Value", "Problem",
                                           "Severity", "Worker"]


def test_todo_is_sorted_and_limited_to_the_horizon(two_workers):
    rep = report_for(two_workers)
    assert rep.todo[["Due Date", "Status", "Action", "Client ID"]].values.tolist() == [
        [pd.Timestamp("2026-11-26"), "Overdue", "Ask decision date", "C2"],
        [pd.Timestamp("2026-11-27"), "Due today", "Alert references", "C2"],
        [pd.Timestamp("2026-11-27"), "Due today", "Send thank-you", "C2"],
        [pd.Timestamp("2026-12-01"), "Upcoming", "Keep job hunting", "C1"],
        [pd.Timestamp("2026-12-02"), "Upcoming", "Follow-up call", "C1"],
        [pd.Timestamp("2026-12-03"), "Upcoming", "Follow-up call", "C2"],
        [pd.Timestamp("2026-12-03"), "Upcoming", "Keep job hunting", "C2"],
    ]


def test_upcoming_beyond_the_horizon_stays_in_its_queue():
    rep = report_for(template([interview("I1", date(2026, 11, 20), decision="2026-12-20")],
                              [["I1", "Sofia", "", "Y"]], [["I1", "2026-11-26", ""]]),
                     as_of=date(2026, 11, 26), policy=FollowUpPolicy(call_interval_days=8))
    assert rep.calls["Due Date"].tolist() == [pd.Timestamp("2026-12-04")]
    assert "Follow-up call" not in rep.todo["Action"].tolist()


def test_clients_rollup(two_workers):
    rep = report_for(two_workers)
    clients = rep.clients.set_index("Client ID")
    assert clients.loc["C2", ["Open Interviews", "Overdue", "Due Today", "Upcoming",
                              "Next Action", "Status"]].tolist() == [
        1, 1, 2, 2, "Ask decision date", "Overdue"]
    assert clients.loc["C3", ["Open Interviews", "Status"]].tolist() == [0, "No open actions"]
    assert clients.loc["C1", "Next Due"] == pd.Timestamp("2026-12-01")
    assert rep.clients["Client ID"].tolist()[0] == "C2"  # worst first


def test_client_whose_rows_could_not_be_evaluated():
    rep = report_for(template([interview("I1", "someday", client="C9")]))
    assert rep.clients[["Client ID", "Status"]].values.tolist() == [["C9", "Not evaluated"]]


def test_interviews_sheet_keeps_every_row_with_step_statuses(two_workers):
    rep = report_for(two_workers)
    iv = rep.interviews.set_index("Interview ID")
    assert len(iv) == 4
    assert iv.loc["I1", ["Step 1 Decision Date", "Step 2 References", "Step 3 Thank-Yous",
                         "Step 4 Calls", "Step 5 Job Search"]].tolist() == [
        "Done", "Done", "Done", "Upcoming", "Upcoming"]
    assert iv.loc["I3", "Step 4 Calls"] == "Not needed"
    assert iv.loc["I4", "Step 1 Decision Date"] == "Not yet"


def test_summary_counts_per_worker_and_action(two_workers):
    rep = report_for(two_workers)
    priya = rep.summary[rep.summary["Worker"] == "Priya"]
    assert priya[["Action", "Overdue", "Due today", "Upcoming", "Total"]].values.tolist() == [
        ["Ask decision date", 1, 0, 0, 1], ["Alert references", 0, 1, 0, 1],
        ["Send thank-you", 0, 1, 0, 1], ["Follow-up call", 0, 0, 1, 1],
        ["Keep job hunting", 0, 0, 1, 1]]
    totals = rep.counts()
    assert totals.loc["Follow-up call"].tolist() == [0, 0, 2, 2]
    assert dict(rep.info)["Evaluated"] == "3"


def test_worker_filter_is_case_insensitive_and_complete(two_workers):
    rep = report_for(two_workers, workers=["priya"])
    assert set(rep.todo["Worker"]) == {"Priya"}
    assert set(rep.interviews["Worker"]) == {"Priya"}
    assert set(rep.clients["Worker"]) == {"Priya"}


def test_unknown_worker_lists_the_known_ones(two_workers):
    with pytest.raises(FollowkitError, match="no interviews for worker 'Kim'; workers in the "
                                             "tracker: 'Priya', 'Sam'"):
        report_for(two_workers, workers=["Kim"])


def test_job_search_not_tracked_is_said(two_workers):
    del two_workers["Job Search"]
    rep = report_for(two_workers)
    assert rep.not_tracked == ("Keep job hunting",)
    assert rep.job_search.empty
    assert set(rep.interviews["Step 5 Job Search"]) == {"Not tracked", "Not yet"}
    assert "step 5 Keep job hunting" in dict(rep.info)["Steps not tracked"]


def test_lists_build_text_only_for_the_rows_asked(two_workers):
    rep = report_for(two_workers)
    for name in ("To Do", "Thank-Yous", "Calls", "References", "Decision Dates", "Job Search"):
        whole = rep.table(name)
        assert list(whole.columns) == rep.columns(name)
        plain = rep.table(name, text=False)
        assert list(plain.columns) == [c for c in whole.columns if c not in (
            "Contact", "Details", "Draft Email", "Call Script")]
        pd.testing.assert_frame_equal(plain, whole[plain.columns])
        rows = list(range(len(whole)))[::-2]  # backwards, every other row
        pd.testing.assert_frame_equal(rep.table(name, rows=rows),
                                      whole.iloc[rows].reset_index(drop=True))


def test_next_action_is_the_earliest_then_the_first_listed(two_workers):
    clients = report_for(two_workers, as_of=date(2026, 11, 30)).clients
    assert clients[["Client ID", "Next Action", "Next Due", "Status"]].values.tolist() == [
        ["C2", "Ask decision date", pd.Timestamp("2026-11-26"), "Overdue"],
        # the job search (Tue 1 Dec) comes before the call listed first (Wed 2 Dec)
        ["C1", "Keep job hunting", pd.Timestamp("2026-12-01"), "Upcoming"],
        ["C4", "", pd.NaT, "No open actions"],  # sorted by name: Liam before Mei
        ["C3", "", pd.NaT, "No open actions"],
    ]
    two_workers["Interviews"][2][two_workers["Interviews"][0].index("Decision Date")] = \
        "2026-12-20"
    clients = report_for(two_workers, as_of=date(2026, 11, 30)).clients.set_index("Client ID")
    # Alert references and Send thank-you are both due Fri 27 Nov: the one listed first
    assert (clients.loc["C2", "Next Action"], clients.loc["C2", "Next Due"]) == (
        "Alert references", pd.Timestamp("2026-11-27"))
