"""Stale work (issue #25 item 5): an open interview with no activity for longer than the
policy's ``stale_after_weeks`` leaves the lists for "Stale: close or follow up?"."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followkit.core.errors import PolicyError
from followkit.core.policy import DEFAULT_POLICY, policy_from_mapping
from followkit.report.build import build_report
from followkit.rules.engine import evaluate
from tests.conftest import caseload, interview, template

AS_OF = date(2026, 11, 27)  # a Friday; 8 weeks before: Fri 2 Oct 2026
CLOSE = "Close or follow up"
QUIET = ("interview Thu 1 Oct 2026: no activity for 8 weeks (since Thu 1 Oct 2026): close "
         "it (Outcome Withdrawn or Not Selected) or follow up (call and log the call)")


def _report(sheets, policy=DEFAULT_POLICY, as_of=AS_OF):
    loaded = caseload(sheets, policy)
    return build_report(loaded, evaluate(loaded, as_of=as_of, policy=policy), as_of=as_of,
                        policy=policy)


def _actions(sheets, policy=DEFAULT_POLICY):
    loaded = caseload(sheets, policy)
    return evaluate(loaded, as_of=AS_OF, policy=policy).frame()


def _open(frame, iid):
    rows = frame[(frame["Interview ID"] == iid) & frame["Status"].isin(
        ["Overdue", "Due today", "Upcoming"])]
    return sorted(rows["Action"])


def test_quiet_for_more_than_8_weeks_is_one_close_or_follow_up():
    sheets = template([interview("I1", date(2026, 10, 1)),
                       interview("I2", date(2026, 10, 2), client="C2", name="Omar Haddad")],
                      [["I1", "Sofia Rossi", "", ""], ["I2", "Raj Patel", "", ""]])
    acts = _actions(sheets)
    assert _open(acts, "I1") == [CLOSE]  # 57 days: stale
    assert _open(acts, "I2") == ["Alert references", "Ask decision date", "Follow-up call",
                                 "Send thank-you"]  # exactly 8 weeks: not yet
    close = acts[acts["Action"] == CLOSE].iloc[0]
    assert (close["Due Date"].date(), close["Status"], close["Step"]) == (
        AS_OF, "Due today", 4)
    assert close["Details"] == QUIET
    quieted = acts[(acts["Interview ID"] == "I1") & (acts["Action"] == "Follow-up call")]
    assert quieted["Status"].tolist() == ["Not needed"]
    assert quieted["Details"].tolist() == [
        "interview Thu 1 Oct 2026: not needed now, no activity for 8 weeks (since Thu 1 Oct "
        "2026); see Stale: close or follow up?"]


@pytest.mark.parametrize(("extra", "stale"), [
    ({"calls": [["I1", "2026-10-15", "No answer"]]}, False),  # a call is activity
    ({"calls": [["I1", "2026-12-01", "No answer"]]}, True),  # not made yet by the as-of date
    ({"interviewers": [["I1", "Sofia Rossi", "", "2026-10-05"]]}, False),  # a thank-you
    ({"interviewers": [["I1", "Sofia Rossi", "", "yes"]]}, True),  # sent, but when?
    ({"decision": "2026-12-15"}, False),  # a decision still to come keeps it live
    ({"decision": "2026-09-20"}, True),
    ({"references": "2026-10-09"}, False),
    ({"outcome": "Hired"}, False),  # closed: nothing to do
])
def test_what_counts_as_activity(extra, stale):
    row = interview("I1", date(2026, 9, 1), decision=extra.get("decision", ""),
                    references=extra.get("references", ""), outcome=extra.get("outcome", ""))
    acts = _actions(template([row], extra.get("interviewers", []), extra.get("calls")))
    assert (CLOSE in _open(acts, "I1")) is stale
    assert (_open(acts, "I1") == [CLOSE]) is stale


def test_the_policy_setting():
    sheets = template([interview("I1", date(2026, 10, 1))], [])
    assert _open(_actions(sheets, replace(DEFAULT_POLICY, stale_after_weeks=12)), "I1") == [
        "Alert references", "Ask decision date", "Follow-up call", "Get interviewer names"]
    assert CLOSE not in _open(_actions(sheets, replace(DEFAULT_POLICY, stale_after_weeks=0)),
                              "I1")
    assert DEFAULT_POLICY.stale_after_weeks == 8
    assert policy_from_mapping({"policy": {"stale_after_weeks": 12}}).stale_after_weeks == 12
    with pytest.raises(PolicyError, match="'stale_after_weeks' must be a whole number"):
        policy_from_mapping({"policy": {"stale_after_weeks": "eight"}})


def test_the_report_lists_it_apart():
    sheets = template([interview("I1", date(2020, 3, 2)),
                       interview("I2", date(2026, 11, 20), client="C2", name="Omar Haddad")],
                      [["I1", "Sofia Rossi", "", ""], ["I2", "Raj Patel", "", ""]],
                      applications=[["C1", "2026-11-20", "Harbour Hotel", "Cook"]])
    report = _report(sheets)
    assert set(report.todo["Action"]) == {"Alert references", "Ask decision date",
                                          "Send thank-you", "Follow-up call",
                                          "Keep job hunting"}
    assert set(report.todo["Interview ID"]) == {"I2", ""}  # "": C2's job search
    assert report.todo["Days Overdue"].max() == 7
    stale = report.table("Stale")
    assert stale[["Status", "Client Name", "Interview ID"]].values.tolist() == [
        ["Due today", "Ana Lima", "I1"]]
    assert stale["Details"].tolist() == [
        "interview Mon 2 Mar 2020: no activity for 6 years (since Mon 2 Mar 2020): close it "
        "(Outcome Withdrawn or Not Selected) or follow up (call and log the call)"]
    counts = report.counts()
    assert counts.loc[CLOSE].tolist() == [0, 1, 0, 1]
    assert counts.loc["Keep job hunting"].tolist() == [0, 1, 0, 1]  # C2 only (C1 is stale)
    assert report.interviews[["Interview ID", "Stale", "Step 4 Calls"]].values.tolist() == [
        ["I1", "Due today", "Not needed"], ["I2", "Not needed", "Due today"]]
    assert dict(report.info)["Policy"].count("stale after 8 weeks without activity") == 1


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 400), st.lists(st.integers(-30, 400), max_size=4),
       st.integers(0, 20))
def test_stale_is_more_than_the_weeks_after_the_last_activity(ago, calls, weeks):
    """Against a plain reading of the rule: the latest of the interview and the calls made
    by the as-of date."""
    day = AS_OF - timedelta(days=ago)
    made = [AS_OF - timedelta(days=c) for c in calls]
    sheets = template([interview("I1", day)], [["I1", "Sofia Rossi", "", ""]],
                      [["I1", d.isoformat(), "No answer"] for d in made])
    policy = replace(DEFAULT_POLICY, stale_after_weeks=weeks)
    loaded = caseload(sheets, policy)
    facts = evaluate(loaded, as_of=AS_OF, policy=policy).by_interview
    last = max([day, *(d for d in made if d <= AS_OF)])
    assert facts.last_activity[0] == np.datetime64(last, "D")
    assert bool(facts.stale[0]) is (weeks > 0 and (AS_OF - last).days > 7 * weeks)
