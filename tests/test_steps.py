"""The step registry: the built-in steps, and what is derived from it."""

from __future__ import annotations

import numpy as np

from followkit import rules as r
from followkit import steps
from followkit.reports import dashboard_tabs, list_columns, sheet_order
from followkit.steps import Action, OnePer, Status


def test_the_built_in_steps_by_code():
    assert steps.labels() == r.ACTIONS == (
        "Ask decision date", "Alert references", "Send thank-you", "Get interviewer names",
        "Follow-up call", "Keep job hunting")
    assert [s.code for s in steps.by_code()] == list(Action) == [0, 1, 2, 3, 4, 5]
    assert steps.numbers().tolist() == [1, 2, 3, 3, 4, 5]
    assert [s.one_per for s in steps.by_code()] == [
        OnePer.INTERVIEW, OnePer.INTERVIEW, OnePer.INTERVIEWER, OnePer.INTERVIEW,
        OnePer.INTERVIEW, OnePer.CLIENT]


def test_sheets_tabs_and_status_columns_are_derived():
    assert sheet_order() == (
        "Summary", "To Do", "Thank-Yous", "Calls", "References", "Decision Dates",
        "Job Search", "Clients", "Supervisor", "Interviews", "Applications", "Data Issues")
    assert dashboard_tabs() == (
        "To Do", "Thank-Yous", "Calls", "References", "Decision Dates", "Job Search",
        "Clients", "Supervisor", "Data Issues")
    assert steps.codes_of("Thank-Yous") == [Action.SEND_THANK_YOU, Action.GET_NAMES]
    assert {c: [s.label for s in members] for c, members in steps.status_columns().items()} == {
        "Step 1 Decision Date": ["Ask decision date"],
        "Step 2 References": ["Alert references"],
        "Step 3 Thank-Yous": ["Send thank-you", "Get interviewer names"],
        "Step 4 Calls": ["Follow-up call"], "Step 5 Job Search": ["Keep job hunting"]}
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
