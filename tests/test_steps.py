"""The step registry: the built-in steps, and what is derived from it."""

from __future__ import annotations

from datetime import date

import numpy as np

from followkit.report.build import dashboard_tabs, list_columns, sheet_order
from followkit.rules import engine as r
from followkit.rules import steps
from followkit.rules.steps import Action, OnePer, Status


def test_the_built_in_steps_by_code():
    assert steps.labels() == (*r.ACTIONS, "Close or follow up")
    assert r.ACTIONS == (
        "Ask decision date", "Alert references", "Send thank-you", "Get interviewer names",
        "Follow-up call", "Keep job hunting")
    assert [s.code for s in steps.by_code()] == [*Action, 6] == [0, 1, 2, 3, 4, 5, 6]
    assert steps.numbers().tolist() == [1, 2, 3, 3, 4, 5, 4]
    assert [s.one_per for s in steps.by_code()] == [
        OnePer.INTERVIEW, OnePer.INTERVIEW, OnePer.INTERVIEWER, OnePer.INTERVIEW,
        OnePer.INTERVIEW, OnePer.CLIENT, OnePer.INTERVIEW]
    assert steps.off_to_do() == [6]
    assert steps.built_in_sheets() == ("Thank-Yous", "Calls", "References", "Decision Dates",
                                       "Job Search")


def test_sheets_tabs_and_status_columns_are_derived():
    assert sheet_order() == (
        "Summary", "To Do", "Thank-Yous", "Calls", "References", "Decision Dates",
        "Job Search", "Stale", "Clients", "Supervisor", "Interviews", "Applications",
        "Data Issues")
    assert dashboard_tabs() == (
        "To Do", "Thank-Yous", "Calls", "References", "Decision Dates", "Job Search",
        "Stale", "Clients", "Supervisor", "Data Issues")
    assert steps.tab_title("Stale") == "Stale: close or follow up?"
    assert steps.codes_of("Thank-Yous") == [Action.SEND_THANK_YOU, Action.GET_NAMES]
    assert {c: [s.label for s in members] for c, members in steps.status_columns().items()} == {
        "Step 1 Decision Date": ["Ask decision date"],
        "Step 2 References": ["Alert references"],
        "Step 3 Thank-Yous": ["Send thank-you", "Get interviewer names"],
        "Step 4 Calls": ["Follow-up call"], "Stale": ["Close or follow up"],
        "Step 5 Job Search": ["Keep job hunting"]}
    assert list_columns("References") == list_columns("To Do")
    assert list_columns("Thank-Yous")[-2:] == ["Email", "Draft Email"]


def test_one_status_order_most_urgent_first():
    assert r.STATUSES == ("Overdue", "Due today", "Upcoming", "Not needed", "Done")
    assert r.OPEN_STATUSES == tuple(s.label for s in Status.open())
    assert [int(s) for s in Status] == list(range(5))


def test_action_rows_take_keeps_every_column():
    rows = r.ActionRows(np.array([0, 4], dtype=np.int8), np.array([0, 2], dtype=np.int8),
                        np.array(["2026-11-20", "2026-11-27"], dtype="datetime64[D]"),
                        np.array([3, 7], dtype=np.int32), np.array([-1, 5], dtype=np.int32),
                        np.array([False, True]))
    taken = rows.take(np.array([1]))
    assert taken._fields == ("action", "status", "due", "iv", "who", "done")
    assert [column.tolist() for column in taken] == [
        [4], [2], [np.datetime64("2026-11-27")], [7], [5], [True]]


def _keeps_calls(ctx: r.RuleContext) -> steps.StepRows:
    ctx.keep(calls=np.zeros(len(ctx.rows), dtype=np.int32))  # a built-in step's name
    return steps.StepRows(np.arange(0), np.array([], dtype="datetime64[D]"))


def test_a_registered_step_cannot_overwrite_what_a_built_in_kept(sample_file):
    import pytest

    from followkit.reading.load import load_caseload

    step = steps.Step("Overwrite", 6, OnePer.INTERVIEW, _keeps_calls, lambda ctx, rows: False,
                      lambda t, at: np.array([], dtype=object), "Overwrites", "Step 6 X")
    caseload = load_caseload(sample_file)
    with steps.registered(step), pytest.raises(ValueError, match="'calls' is already kept"):
        r.evaluate(caseload, as_of=date(2026, 11, 20))


def test_the_registry_version_changes_and_a_session_forgets_what_it_computed(sample_file):
    from followkit.session.session import Session
    from tests.test_extending import SHEET, TOY

    session = Session.open(sample_file)
    before = session.report(date(2026, 11, 20))
    assert SHEET not in before.tables()
    version = steps.version()
    with steps.registered(TOY):
        assert steps.version() == version + 1
        during = session.report(date(2026, 11, 20))
        assert during is not before and len(during.table(SHEET)) > 0
    assert steps.version() == version + 2
    after = session.report(date(2026, 11, 20))
    assert SHEET not in after.tables()
    assert after.counts().equals(before.counts())


def test_a_session_with_another_policy_recomputes(sample_file):
    import dataclasses

    from followkit.session.session import Session

    session = Session.open(sample_file)
    day = date(2026, 11, 20)
    overdue = session.report(day).counts().loc[r.FOLLOW_UP_CALL, r.OVERDUE]
    session.policy = dataclasses.replace(session.policy, first_call_days=1)
    fresh = Session.open(sample_file, policy=session.policy)
    assert session.report(day).counts().loc[r.FOLLOW_UP_CALL, r.OVERDUE] == (
        fresh.report(day).counts().loc[r.FOLLOW_UP_CALL, r.OVERDUE]) != overdue
