"""The built-in follow-up steps (SPEC §4): their due and done rules, and their entries.

Each step is one :class:`~followkit.rules.steps.Step` in :data:`BUILT_IN_STEPS`:
a due rule (its rows and due dates) and a done rule over a
:class:`~followkit.rules.engine.RuleContext`, column expressions only, and its
Details and Contact texts from :mod:`followkit.rules.details`. They register
themselves when this module is imported, which ``followkit/rules/__init__.py``
does first: the registry never imports its entries. docs/rules.md has the rules
with worked dates.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from followkit.core import schema as s
from followkit.reading.load import Caseload
from followkit.rules import details as d
from followkit.rules import steps
from followkit.rules.engine import (
    ALERT_REFERENCES,
    ASK_DECISION,
    FOLLOW_UP_CALL,
    GET_NAMES,
    KEEP_HUNTING,
    SEND_THANK_YOU,
    RuleContext,
)
from followkit.rules.steps import CALLS_MADE, LAST_CALL, Action, OnePer, Step, StepRows

CLOSE_OR_FOLLOW_UP = "Close or follow up"  # the stale list's action (no Action code: not
# recorded by `followkit record`, see docs/rules.md)
_EVERY = slice(None)  # one action per started interview


def _ask_decision(ctx: RuleContext) -> StepRows:
    return StepRows(_EVERY, ctx.idate)


def _decision_known(ctx: RuleContext, rows: StepRows) -> np.ndarray:
    return ~np.isnat(ctx.column(s.DECISION_DATE, "datetime64[D]"))


def _alert_references(ctx: RuleContext) -> StepRows:
    return StepRows(_EVERY, ctx.business_days_after(
        ctx.idate, ctx.policy.references_business_days))


def _references_alerted(ctx: RuleContext, rows: StepRows) -> np.ndarray:
    alerted = ctx.column(s.REFERENCES_ALERTED_DATE, "datetime64[D]")
    return ctx.column(s.REFERENCES_ALERTED, "bool") & ~(alerted > ctx.as_of)


def _send_thank_you(ctx: RuleContext) -> StepRows:
    who, at = ctx.named()
    return StepRows(at, ctx.business_days_after(ctx.idate[at],
                                                ctx.policy.thank_you_business_days), who)


def _thank_you_sent(ctx: RuleContext, rows: StepRows) -> np.ndarray:
    people = ctx.caseload.interviewers
    assert rows.who is not None
    sent = people[s.THANK_YOU_DATE].to_numpy("datetime64[D]")[rows.who]
    return people[s.THANK_YOU_SENT].to_numpy(dtype=bool)[rows.who] & ~(sent > ctx.as_of)


def _get_names(ctx: RuleContext) -> StepRows:
    named = np.zeros(len(ctx.rows), dtype=bool)
    named[ctx.named()[1]] = True
    unnamed = np.flatnonzero(~named)
    return StepRows(unnamed, ctx.idate[unnamed])


def _never(ctx: RuleContext, rows: StepRows) -> bool:
    return False


def _follow_up_call(ctx: RuleContext) -> StepRows:
    """Keeps ``calls``, ``call_from`` and ``call_why`` for the Details text."""
    p, calls = ctx.policy, ctx.caseload.calls
    count, last_call = ctx.last_calls()
    on = calls[s.CALL_DATE].to_numpy("datetime64[D]")
    last = np.append(on, np.datetime64("NaT"))[last_call]  # -1 (no call) picks the NaT
    week = ctx.idate + np.timedelta64(p.first_call_days, "D")
    decision = ctx.column(s.DECISION_DATE, "datetime64[D]")
    by_decision = decision < week  # NaT compares False
    first_raw = np.where(by_decision, decision, week)
    floor = ctx.business_days_after(ctx.idate, 1)
    rolled_first = ctx.roll_forward(first_raw)
    first = np.maximum(rolled_first, floor)
    gap = max(p.call_interval_days, p.min_days_between_calls)
    next_raw = last + np.timedelta64(gap, "D")
    has_calls = count > 0
    due = np.where(has_calls, ctx.roll_forward(np.where(has_calls, next_raw, first_raw)), first)
    by_floor = floor > rolled_first
    raw = np.where(has_calls, next_raw, np.where(by_floor, floor, first_raw))
    why = np.select([by_floor, by_decision], [d.FIRST_BY_FLOOR, d.FIRST_BY_DECISION],
                    d.FIRST_BY_WEEK).astype(np.int8)
    planned = _planned_calls(ctx, calls, ctx.started(ctx.keys.call_row), on)
    has_plan = ~np.isnat(planned)
    due = np.where(has_plan, planned, due)
    raw = np.where(has_plan, planned, raw)
    why = np.where(has_plan, np.int8(d.BY_PLAN), why)
    ctx.keep(calls=count.astype(np.int32), call_from=raw, call_why=why)
    return StepRows(_EVERY, due, last_call)


def _call_closed(ctx: RuleContext, rows: StepRows) -> np.ndarray:
    """Never while open: done once the interview closed, if a call was made."""
    return ~ctx.open & (ctx.last_calls()[0] > 0)


def _planned_calls(ctx: RuleContext, calls: pd.DataFrame, at: np.ndarray, on: np.ndarray
                   ) -> np.ndarray:
    """Per started interview: the worker's own planned follow-up (a Follow-up Date after
    the as-of date, SPEC §2.1), the earliest if several; NaT when none."""
    out = np.full(len(ctx.rows), np.datetime64("NaT"), dtype="datetime64[D]")
    if s.PLANNED not in calls or not len(calls):
        return out
    plan = np.flatnonzero((at >= 0) & calls[s.PLANNED].to_numpy(dtype=bool) &
                          (on > ctx.as_of))
    if len(plan):
        days = np.full(len(ctx.rows), np.iinfo(np.int64).max)
        np.minimum.at(days, at[plan], on[plan].astype(np.int64))
        has = days < np.iinfo(np.int64).max
        out[has] = days[has].astype("datetime64[D]")
    return out


def _keep_hunting(ctx: RuleContext) -> StepRows:
    """One per client with an open interview that is not stale, from the latest one;
    keeps ``hunt_from``."""
    p = ctx.policy
    open_ = np.flatnonzero(ctx.open & ~ctx.stale())  # a stale interview waits (docs/rules.md)
    order = open_[np.lexsort((ctx.column(s.ROW)[open_], ctx.idate[open_]))]
    client = ctx.keys.client[ctx.rows[order]]
    n_clients = len(ctx.keys.clients) + 1  # the extra one: a blank Client ID (code -1)
    latest = np.full(n_clients, -1, dtype=np.int64)
    np.maximum.at(latest, client, np.arange(len(order)))
    at = order[np.sort(latest[latest >= 0])]  # each client's latest, in (date, row) order
    on = ctx.caseload.applications[s.APPLICATION_DATE].to_numpy("datetime64[D]")
    whose = ctx.keys.application_client
    counted = (whose >= 0) & (on <= ctx.as_of)
    last_app = np.full(n_clients, np.iinfo(np.int64).min, dtype=np.int64)  # NaT as int64
    np.maximum.at(last_app, whose[counted], on[counted].astype(np.int64))
    last_app = last_app.astype("datetime64[D]")[ctx.keys.client[ctx.rows[at]]]
    interview = ctx.idate[at]
    base = np.where(last_app > interview, last_app, interview)
    ctx.keep(at, hunt_from=last_app)
    return StepRows(at, base + np.timedelta64(p.job_search_interval_days, "D"),
                    open=np.ones(len(at), dtype=bool))


def _stale(ctx: RuleContext) -> StepRows:
    """One per stale interview (latest round), due on the as-of date: a decision to make
    now, not a date missed (the quiet weeks are in its Details)."""
    at = np.flatnonzero(ctx.open & ctx.stale())
    return StepRows(at, np.full(len(at), ctx.as_of), open=np.ones(len(at), dtype=bool))


def _tracks_job_search(caseload: Caseload) -> bool:
    return caseload.tracks_job_search


_CALL_COLUMNS = (s.EMPLOYER_PHONE, CALLS_MADE, LAST_CALL, s.DECISION_DATE, steps.CALL_SCRIPT)
_THANK_YOU_COLUMNS = (s.EMAIL, steps.DRAFT_EMAIL)
BUILT_IN_STEPS = (  # in the order of their sheets (SPEC §5)
    Step(SEND_THANK_YOU, number=3, one_per=OnePer.INTERVIEWER, due=_send_thank_you,
         done=_thank_you_sent, details=d.send_thank_you, contact=d.interviewer_contact,
         sheet="Thank-Yous", status_column="Step 3 Thank-Yous", columns=_THANK_YOU_COLUMNS,
         each_round=True, code=Action.SEND_THANK_YOU),
    Step(GET_NAMES, number=3, one_per=OnePer.INTERVIEW, due=_get_names, done=_never,
         details=d.get_names, contact=d.phone_contact,
         sheet="Thank-Yous", status_column="Step 3 Thank-Yous", columns=_THANK_YOU_COLUMNS,
         each_round=True, code=Action.GET_NAMES),
    Step(FOLLOW_UP_CALL, number=4, one_per=OnePer.INTERVIEW, due=_follow_up_call,
         done=_call_closed, details=d.follow_up_call, contact=d.phone_contact,
         sheet="Calls", status_column="Step 4 Calls", columns=_CALL_COLUMNS,
         code=Action.FOLLOW_UP_CALL),
    Step(ALERT_REFERENCES, number=2, one_per=OnePer.INTERVIEW, due=_alert_references,
         done=_references_alerted, details=d.alert_references,
         sheet="References", status_column="Step 2 References",
         code=Action.ALERT_REFERENCES),
    Step(ASK_DECISION, number=1, one_per=OnePer.INTERVIEW, due=_ask_decision,
         done=_decision_known, details=d.ask_decision, contact=d.phone_contact,
         sheet="Decision Dates", status_column="Step 1 Decision Date",
         code=Action.ASK_DECISION),
    Step(KEEP_HUNTING, number=5, one_per=OnePer.CLIENT, due=_keep_hunting, done=_never,
         details=d.keep_hunting, sheet="Job Search", status_column="Step 5 Job Search",
         tracked=_tracks_job_search,
         not_tracked_why="no Job Search sheet or Last Application Date column",
         code=Action.KEEP_HUNTING),
    Step(CLOSE_OR_FOLLOW_UP, number=4, one_per=OnePer.INTERVIEW, due=_stale, done=_never,
         details=d.close_or_follow_up, contact=d.phone_contact, sheet=steps.STALE_SHEET,
         tab=steps.STALE_TAB, status_column="Stale", lists_stale=True),
)
for _built_in in BUILT_IN_STEPS:
    steps.register(_built_in)
steps.seal_built_ins()
