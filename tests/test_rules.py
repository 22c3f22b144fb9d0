from datetime import date

import pandas as pd
import pytest

from followkit.core.policy import DEFAULT_POLICY, FollowUpPolicy
from followkit.rules.engine import compute_actions
from tests.conftest import caseload, interview, template

AS_OF = date(2026, 11, 27)  # a Friday


def actions_for(sheets, as_of=AS_OF, policy=DEFAULT_POLICY):
    return compute_actions(caseload(sheets, policy), as_of=as_of, policy=policy)


def one(actions, action, **where):
    rows = actions[actions["Action"] == action]
    for col, value in where.items():
        rows = rows[rows[col] == value]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def due(row):
    return row["Due Date"].date()


@pytest.mark.parametrize(
    ("interview_day", "thank_you_due"),
    [
        (date(2026, 11, 20), date(2026, 11, 23)),  # Fri -> Mon
        (date(2026, 11, 21), date(2026, 11, 23)),  # Sat -> Mon (1st business day after)
        (date(2026, 11, 22), date(2026, 11, 23)),  # Sun -> Mon
        (date(2026, 11, 24), date(2026, 11, 25)),  # Tue -> Wed
        (date(2026, 12, 24), date(2026, 12, 29)),  # Christmas, weekend, Boxing Day observed
        (date(2026, 12, 31), date(2027, 1, 4)),    # New Year's Day, weekend
        (date(2026, 2, 13), date(2026, 2, 17)),    # Family Day Monday
    ],
)
def test_thank_you_due_one_business_day_after(interview_day, thank_you_due):
    sheets = template([interview("I1", interview_day)], [["I1", "Sofia Rossi", "", ""]])
    row = one(actions_for(sheets, as_of=date(2027, 1, 10)), "Send thank-you")
    assert due(row) == thank_you_due
    ref = one(actions_for(sheets, as_of=date(2027, 1, 10)), "Alert references")
    assert due(ref) == thank_you_due


def test_christmas_details_explain_the_skipped_holidays():
    sheets = template([interview("I1", date(2026, 12, 24))], [["I1", "Sofia Rossi", "", ""]])
    row = one(actions_for(sheets, as_of=date(2026, 12, 30)), "Send thank-you")
    assert row["Details"] == (
        "interview Thu 24 Dec 2026 + 1 business day; skipping Christmas Day, Boxing Day, "
        "Boxing Day (observed); no thank-you recorded for Sofia Rossi")
    assert row["Status"] == "Overdue"
    assert row["Days Overdue"] == 1


def test_one_thank_you_per_interviewer():
    sheets = template([interview("I1", date(2026, 11, 20))],
                      [["I1", "Sofia Rossi", "s@x.example", "2026-11-21"],
                       ["I1", "Raj Patel", "", ""]])
    acts = actions_for(sheets)
    assert one(acts, "Send thank-you", Interviewer="Sofia Rossi")["Status"] == "Done"
    raj = one(acts, "Send thank-you", Interviewer="Raj Patel")
    assert raj["Status"] == "Overdue"
    assert raj["Days Overdue"] == 4
    assert raj["Details"] == ("interview Fri 20 Nov 2026 + 1 business day; no thank-you "
                              "recorded for Raj Patel")
    assert (acts["Action"] == "Get interviewer names").sum() == 0


def test_no_interviewer_named_asks_for_names():
    acts = actions_for(template([interview("I1", date(2026, 11, 26))], []))
    row = one(acts, "Get interviewer names")
    assert (due(row), row["Status"], row["Days Overdue"]) == (date(2026, 11, 26), "Overdue", 1)


@pytest.mark.parametrize(
    ("decision", "calls", "expected_due", "why"),
    [
        # About one week after the interview (Fri 20 Nov + 7 = Fri 27 Nov).
        ("", [], date(2026, 11, 27), "first call: interview Fri 20 Nov 2026 + 7 days"),
        # Short hiring window: the decision date comes first.
        ("2026-11-24", [], date(2026, 11, 24), "first call: decision expected Tue 24 Nov 2026"),
        # A decision date on a Sunday rolls forward to Monday.
        ("2026-11-22", [], date(2026, 11, 23), "(Sun 22 Nov 2026 is not a business day)"),
        # Never before interview + 1 business day, even with a same-day decision.
        ("2026-11-20", [], date(2026, 11, 23), "not before interview Fri 20 Nov 2026 + 1"),
        # Later calls: last call + 7 days.
        ("", ["2026-11-25"], date(2026, 12, 2), "last call Wed 25 Nov 2026 + 7 days"),
        ("", ["2026-11-23", "2026-11-25"], date(2026, 12, 2), "2 call(s) so far"),
        # A call after the as-of date does not count yet.
        ("", ["2026-11-30"], date(2026, 11, 27), "no calls logged yet"),
    ],
)
def test_follow_up_call_due(decision, calls, expected_due, why):
    sheets = template([interview("I1", date(2026, 11, 20), decision=decision)],
                      [["I1", "Sofia Rossi", "", "Y"]],
                      [["I1", c, "voicemail"] for c in calls])
    row = one(actions_for(sheets), "Follow-up call")
    assert due(row) == expected_due
    assert why in row["Details"]
    assert row["Calls Made"] == sum(c <= "2026-11-27" for c in calls)


def test_the_last_call_is_the_latest_then_the_row_further_down():
    sheets = template([interview("I1", date(2026, 11, 2)), interview("I2", date(2026, 11, 3))],
                      [], [["I1", "2026-11-16", "spoke to Mark"], ["I2", "2026-11-10", "busy"],
                           ["I1", "2026-11-09", "voicemail"], ["I1", "2026-11-16", "no answer"]])
    acts = actions_for(sheets)
    first = one(acts, "Follow-up call", **{"Interview ID": "I1"})
    assert (first["Calls Made"], first["Last Call"]) == (3, pd.Timestamp("2026-11-16"))
    assert first["Details"] == ("last call Mon 16 Nov 2026 + 7 days; 3 call(s) so far, "
                                "last result: no answer")
    other = one(acts, "Follow-up call", **{"Interview ID": "I2"})
    assert other["Details"] == ("last call Tue 10 Nov 2026 + 7 days; 1 call(s) so far, "
                                "last result: busy")


def test_later_call_rolls_past_the_weekend():
    sheets = template([interview("I1", date(2026, 11, 2))], [],
                      [["I1", "2026-11-14", ""]])  # Sat + 7 = Sat 21 -> Mon 23
    assert due(one(actions_for(sheets), "Follow-up call")) == date(2026, 11, 23)


@pytest.mark.parametrize(
    ("as_of", "status", "days"),
    [(date(2026, 11, 30), "Overdue", 3), (date(2026, 11, 27), "Due today", None),
     (date(2026, 11, 26), "Upcoming", None)],
)
def test_status_against_as_of(as_of, status, days):
    sheets = template([interview("I1", date(2026, 11, 20))], [["I1", "Sofia Rossi", "", "Y"]])
    row = one(actions_for(sheets, as_of=as_of), "Follow-up call")
    assert row["Status"] == status
    assert (None if pd.isna(row["Days Overdue"]) else row["Days Overdue"]) == days


@pytest.mark.parametrize("outcome", ["Hired", "Not Selected", "Withdrawn"])
def test_closed_interviews_have_no_open_actions(outcome):
    sheets = template([interview("I1", date(2026, 11, 2), outcome=outcome, references="Y")],
                      [["I1", "Sofia Rossi", "", "Y"], ["I1", "Raj Patel", "", ""]])
    acts = actions_for(sheets)
    assert set(acts["Status"]) == {"Done", "Not needed"}
    assert one(acts, "Alert references")["Status"] == "Done"
    assert one(acts, "Send thank-you", Interviewer="Raj Patel")["Status"] == "Not needed"
    assert one(acts, "Follow-up call")["Status"] == "Not needed"


def test_offer_keeps_the_interview_open():
    sheets = template([interview("I1", date(2026, 11, 20), outcome="Offer")], [])
    assert one(actions_for(sheets), "Follow-up call")["Status"] == "Due today"


def test_future_interviews_get_no_actions_yet():
    acts = actions_for(template([interview("I1", date(2026, 11, 30))], []))
    assert acts.empty
    assert list(acts.columns)[:3] == ["Step", "Action", "Interview ID"]


def test_interview_on_as_of_date_starts_today():
    acts = actions_for(template([interview("I1", AS_OF)], []))
    assert one(acts, "Ask decision date")["Status"] == "Due today"
    assert due(one(acts, "Alert references")) == date(2026, 11, 30)


def test_done_dates_after_as_of_do_not_count_yet():
    sheets = template([interview("I1", date(2026, 11, 20), references="2026-11-30")],
                      [["I1", "Sofia Rossi", "", "2026-11-30"]])
    acts = actions_for(sheets)
    assert one(acts, "Alert references")["Status"] == "Overdue"
    assert one(acts, "Send thank-you")["Status"] == "Overdue"
    later = actions_for(sheets, as_of=date(2026, 12, 1))
    assert one(later, "Alert references")["Status"] == "Done"


def test_decision_date_marks_step_one_done():
    acts = actions_for(template([interview("I1", date(2026, 11, 20), decision="2026-12-04")],
                                []))
    row = one(acts, "Ask decision date")
    assert row["Status"] == "Done"
    assert row["Details"] == "decision expected Fri 4 Dec 2026"


def test_job_search_due_from_latest_of_interview_and_application():
    sheets = template(
        [interview("I1", date(2026, 11, 10)), interview("I2", date(2026, 11, 16)),
         interview("I3", date(2026, 11, 18), client="C2", name="Omar Haddad", outcome="Hired")],
        [], [],
        [["C1", "2026-11-19", "Lakeshore Cafe", "Barista"],
         ["C1", "2026-12-01", "Later Co", "Too late"],
         ["C2", "2026-11-01", "", ""]])
    acts = actions_for(sheets)
    hunting = acts[acts["Action"] == "Keep job hunting"]
    assert hunting["Client ID"].tolist() == ["C1"]  # C2 has no open interview
    row = hunting.iloc[0]
    assert due(row) == date(2026, 11, 26)  # application Thu 19 Nov + 7 days
    assert row["Status"] == "Overdue"
    assert row["Details"].startswith("last application Thu 19 Nov 2026 + 7 days")


def test_job_search_not_tracked_without_a_job_search_sheet():
    acts = actions_for(template([interview("I1", date(2026, 11, 10))], []))
    assert "Keep job hunting" not in set(acts["Action"])


def test_policy_changes_move_due_dates():
    policy = FollowUpPolicy(first_call_days=3, thank_you_business_days=2)
    sheets = template([interview("I1", date(2026, 11, 20))], [["I1", "Sofia Rossi", "", ""]])
    acts = actions_for(sheets, policy=policy)
    assert due(one(acts, "Follow-up call")) == date(2026, 11, 23)  # Mon 23 after Sun 23 roll
    assert due(one(acts, "Send thank-you")) == date(2026, 11, 24)


def test_unevaluated_rows_get_no_actions():
    sheets = template([interview("I1", "someday"), interview("I2", date(2026, 11, 20))], [])
    acts = actions_for(sheets)
    assert set(acts["Interview ID"]) == {"I2"}
