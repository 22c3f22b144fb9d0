"""The follow-up rules (SPEC §4), vectorised over whole columns.

:func:`evaluate` is the engine: it turns a :class:`~followkit.reading.load.Caseload`
into an :class:`Actions` table with one row per follow-up action: its due
date and status as numbers and codes, and the row positions of the interview,
interviewer or call it comes from. No text is built there.

The five built-in steps are declared in :mod:`followkit.rules.builtin_steps`, each as one
:class:`~followkit.rules.steps.Step` in the registry (:mod:`followkit.rules.steps`): a due
rule and a done rule over a :class:`RuleContext`, and its texts
(:mod:`followkit.rules.details`). :func:`evaluate` runs every registered step.

:meth:`Actions.frame` turns any subset of those rows into the readable table
(names, employer, contact, and a **Details** text that says why the action is
due then), so text is only built for the rows a worker sees or exports.
:func:`compute_actions` is both at once. No Python loop runs over rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from followkit.core import schema as s
from followkit.core.policy import DEFAULT_POLICY, FollowUpPolicy
from followkit.reading.load import Caseload
from followkit.rules import details as d
from followkit.rules import steps
from followkit.rules.activity import last_activity, quiet_since
from followkit.rules.details import format_days
from followkit.rules.steps import (
    ACTION,
    CALLS_MADE,
    CONTACT,
    DAYS_OVERDUE,
    DETAILS,
    DUE_DATE,
    LAST_CALL,
    STATUS,
    STEP,
    Action,
    OnePer,
    Status,
    Step,
)

__all__ = ["ACTION", "CALLS_MADE", "CONTACT", "DAYS_OVERDUE", "DETAILS", "DUE_DATE",
           "LAST_CALL", "STATUS", "STEP", "ActionRows", "Actions", "InterviewFacts",
           "RuleContext", "compute_actions", "evaluate", "format_days", "plain_column"]

ASK_DECISION = "Ask decision date"
ALERT_REFERENCES = "Alert references"
SEND_THANK_YOU = "Send thank-you"
GET_NAMES = "Get interviewer names"
FOLLOW_UP_CALL = "Follow-up call"
KEEP_HUNTING = "Keep job hunting"
ACTIONS = (ASK_DECISION, ALERT_REFERENCES, SEND_THANK_YOU, GET_NAMES, FOLLOW_UP_CALL,
           KEEP_HUNTING)  # the built-in steps' labels, by code (the registry has them all)

OVERDUE, DUE_TODAY, UPCOMING, NOT_NEEDED, DONE = (x.label for x in Status)
STATUSES = tuple(x.label for x in Status)  # by Status code: most urgent first
OPEN_STATUSES = tuple(x.label for x in Status.open())

ACTION_COLUMNS = [
    STEP, ACTION, s.INTERVIEW_ID, s.CLIENT_ID, s.CLIENT_NAME, s.WORKER, s.EMPLOYER,
    s.POSITION, s.INTERVIEW_DATE, s.INTERVIEWER, s.EMAIL, CONTACT, s.EMPLOYER_PHONE,
    s.DECISION_DATE, CALLS_MADE, LAST_CALL, DUE_DATE, STATUS, DAYS_OVERDUE, DETAILS,
]
TEXT_COLUMNS = (CONTACT, DETAILS)  # built per row: only for the rows asked for
_CONTEXT = [s.INTERVIEW_ID, s.CLIENT_ID, s.CLIENT_NAME, s.WORKER, s.EMPLOYER, s.POSITION,
            s.INTERVIEW_DATE, s.EMPLOYER_PHONE, s.DECISION_DATE]


class ActionRows(NamedTuple):
    """The engine's table: one entry per action in each array (all the same length).

    - ``action``: the step's code (int8, :class:`~followkit.rules.steps.Action` for the built-ins);
    - ``status``: a :class:`~followkit.rules.steps.Status` code (int8);
    - ``due``: the due date (datetime64[D]);
    - ``iv``: the row of ``caseload.interviews`` (for a step per client, the
      client's latest open interview);
    - ``who``: the row of ``caseload.interviewers`` for a thank-you, of
      ``caseload.calls`` for the last call counted, else -1;
    - ``done``: the action was recorded as done.
    """

    action: np.ndarray
    status: np.ndarray
    due: np.ndarray
    iv: np.ndarray
    who: np.ndarray
    done: np.ndarray

    def take(self, rows: np.ndarray) -> ActionRows:
        """The entries at ``rows`` (positions, or a boolean mask)."""
        return ActionRows(*(column[rows] for column in self))


@dataclass(frozen=True, eq=False)
class InterviewFacts:
    """One value per row of ``caseload.interviews`` (not copied with every subset).

    ``started``: interview date on or before the as-of date; what only the
    follow-up call and the job search need: ``calls`` counted (-1: not
    evaluated), ``call_from`` (the date the next call was counted from),
    ``call_why`` (which rule set a first call, :data:`followkit.rules.details.FIRST_BY_WEEK`
    ...), ``hunt_from`` (the date the job search was counted from); ``last_activity``
    (NaT: not evaluated) and ``stale`` (an open interview quiet for longer than the
    policy's ``stale_after_weeks``, :mod:`followkit.rules.activity`); and
    ``kept``: what a registered step kept (:meth:`RuleContext.keep`), by name.
    """

    started: np.ndarray
    calls: np.ndarray
    call_from: np.ndarray
    call_why: np.ndarray
    hunt_from: np.ndarray
    last_activity: np.ndarray
    stale: np.ndarray
    kept: dict[str, np.ndarray] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class Actions:
    """Every follow-up action, one row each, as numbers (the engine's result).

    ``data`` is the table (:class:`ActionRows`), ``by_interview`` what the
    engine found per interview row (:class:`InterviewFacts`).
    """

    caseload: Caseload
    as_of: date
    policy: FollowUpPolicy
    calendar: np.busdaycalendar
    data: ActionRows
    by_interview: InterviewFacts

    def __len__(self) -> int:
        return len(self.data.action)

    def take(self, rows: np.ndarray) -> Actions:
        """The actions at ``rows`` (positions, or a boolean mask), nothing recomputed."""
        return Actions(self.caseload, self.as_of, self.policy, self.calendar,
                       self.data.take(rows), self.by_interview)

    def where(self, mask: np.ndarray) -> Actions:
        """The actions where ``mask`` is True."""
        return self.take(np.asarray(mask, dtype=bool))

    def is_open(self) -> np.ndarray:
        return self.data.status <= Status.UPCOMING

    def frame(self, *, text: bool = True) -> pd.DataFrame:
        """The readable table of these actions: ACTION_COLUMNS, in this order.

        ``text=False`` leaves out Contact and Details, the columns built
        row by row (see :meth:`text`).
        """
        iv = self.caseload.interviews
        at, code, who = self.data.iv, self.data.action, self.data.who
        n_rows = len(self)
        out: dict[str, Any] = {
            STEP: steps.numbers()[code],
            ACTION: pd.Categorical.from_codes(code, categories=pd.Index(steps.labels(),
                                                                        dtype="str"))}
        for column in _CONTEXT:
            out[column] = iv[column].to_numpy()[at]
        per_client = np.isin(code, [x.code for x in steps.all_steps()
                                    if x.one_per is OnePer.CLIENT])
        out[s.INTERVIEW_ID] = np.where(per_client, "", out[s.INTERVIEW_ID]).astype(object)
        people = self.caseload.interviewers
        thanks = np.flatnonzero(np.isin(code, [x.code for x in steps.all_steps()
                                               if x.one_per is OnePer.INTERVIEWER]))
        for column in (s.INTERVIEWER, s.EMAIL):
            values = np.full(n_rows, "", dtype=object)
            values[thanks] = people[column].to_numpy(dtype=object)[who[thanks]]
            out[column] = values
        call = code == Action.FOLLOW_UP_CALL
        n = np.where(call, self.by_interview.calls[at], -1)
        out[CALLS_MADE] = pd.arrays.IntegerArray(np.maximum(n, 0).astype("int64"), n < 0)
        last = np.full(n_rows, np.datetime64("NaT"), dtype="datetime64[ns]")
        called = np.flatnonzero(call & (who >= 0))
        last[called] = self.caseload.calls[s.CALL_DATE].to_numpy("datetime64[ns]")[
            who[called]]
        out[LAST_CALL] = last
        due = self.data.due
        out[DUE_DATE] = due.astype("datetime64[ns]")
        out[STATUS] = pd.Categorical.from_codes(self.data.status,
                                                categories=pd.Index(STATUSES, dtype="str"))
        overdue = self.data.status == Status.OVERDUE
        days = (np.datetime64(self.as_of, "D") - due).astype("int64")
        out[DAYS_OVERDUE] = pd.arrays.IntegerArray(np.where(overdue, days, 0), ~overdue)
        if text:
            out[CONTACT], out[DETAILS] = self.text(out)
        columns = [c for c in ACTION_COLUMNS if text or c not in TEXT_COLUMNS]
        return pd.DataFrame({c: plain_column(out[c]) for c in columns})

    def text(self, values: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
        """The Contact and Details texts of these actions, as object arrays.

        ``values`` are the columns of :meth:`frame` for the same rows. Each
        step's own rules write its rows; then an earlier round's step that
        follows the latest round says it is not needed.
        """
        texts = d.Texts(self, values)
        code, done = self.data.action, self.data.done
        contact = np.full(len(code), "", dtype=object)
        details = np.full(len(code), "", dtype=object)
        for step in steps.by_code():
            at = np.flatnonzero(code == step.code)
            if len(at):
                details[at] = step.details(texts, at)
                if step.contact is not None:
                    contact[at] = step.contact(texts, at)
        quiet = np.flatnonzero(self.by_interview.stale[self.data.iv] & ~done
                               & ~np.isin(code, steps.off_to_do()))
        details[quiet] = d.stale_elsewhere(texts, quiet)
        later = self.caseload.keys.later_round
        if later is not None:
            latest_only = [x.code for x in steps.all_steps() if not x.each_round]
            at = np.flatnonzero(np.isin(code, latest_only) & ~done)
            at = at[later[self.data.iv[at]]]
            details[at] = d.earlier_round(texts, at)
        return contact, details


def plain_column(values: Any) -> Any:
    """A column for a new DataFrame: text as plain objects (pandas 3 would infer
    its slower ``str`` dtype), dates as datetime64[ns], integers as int64."""
    if isinstance(values, np.ndarray):
        if values.dtype == object:
            return pd.Series(values, dtype=object)
        if values.dtype.kind == "M":
            return values.astype("datetime64[ns]")
        if values.dtype.kind in "iu":
            return values.astype("int64")
    return values


def evaluate(
    caseload: Caseload, *, as_of: date, policy: FollowUpPolicy = DEFAULT_POLICY
) -> Actions:
    """Every follow-up action of every evaluated interview, as of ``as_of``.

    Interviews after ``as_of`` get no actions yet. Actions of closed
    interviews (Hired, Not Selected, Withdrawn) are Done or Not needed.
    Records dated after ``as_of`` (a thank-you, a call, an application) do not
    count yet, so a report for a past date shows that day's picture. Every
    registered step is evaluated, in code order; a step the tracker does not
    track (:attr:`~followkit.rules.steps.Step.tracked`) gets no actions.

    Examples
    --------
    On the bundled sample (SPEC §7):

    >>> from followkit.reading.load import load_caseload
    >>> from followkit.core.resources import DATA, resource_path
    >>> caseload = load_caseload(resource_path(DATA, "sample_tracker.xlsx"))
    >>> actions = evaluate(caseload, as_of=date(2026, 11, 20))
    >>> len(actions), int(actions.is_open().sum())
    (654, 211)
    """
    ctx = RuleContext(caseload, as_of, policy)
    parts = [_part(step, ctx) for step in steps.by_code() if step.is_tracked(caseload)]
    return Actions(caseload, as_of, policy, ctx.calendar, _finish(parts, ctx.as_of),
                   ctx.facts())


def compute_actions(
    caseload: Caseload, *, as_of: date, policy: FollowUpPolicy = DEFAULT_POLICY
) -> pd.DataFrame:
    """:func:`evaluate`, as the readable table (one row per action, with Details).

    Examples
    --------
    >>> from followkit.reading.load import load_caseload
    >>> from followkit.core.resources import DATA, resource_path
    >>> caseload = load_caseload(resource_path(DATA, "sample_tracker.xlsx"))
    >>> actions = compute_actions(caseload, as_of=date(2026, 11, 20))
    >>> overdue = actions[actions["Status"] == "Overdue"]
    >>> overdue["Action"].value_counts()[["Follow-up call", "Send thank-you"]].tolist()
    [38, 9]
    """
    return evaluate(caseload, as_of=as_of, policy=policy).frame()


class RuleContext:
    """What a step's due and done rules read: the started, evaluated interviews.

    Attributes
    ----------
    caseload, policy, calendar
        The tables, the policy and its business-day calendar.
    as_of
        The as-of date (datetime64[D]).
    rows
        The rows of ``caseload.interviews`` evaluated (no error, interview on
        or before the as-of date); a step's rows are positions among these.
    idate
        Their interview dates.
    open
        Their interview is open and the latest round of its application.
    round_open
        Their interview is open (any round).
    """

    def __init__(self, caseload: Caseload, as_of: date, policy: FollowUpPolicy) -> None:
        iv = caseload.interviews
        self.caseload = caseload
        self.as_of = np.datetime64(as_of, "D")
        self.policy = policy
        idate = iv[s.INTERVIEW_DATE].to_numpy("datetime64[D]")
        self._started = idate <= self.as_of
        self.rows = np.flatnonzero(iv[s.OK].to_numpy(dtype=bool) & self._started)
        self.idate = idate[self.rows]
        self.keys = caseload.keys
        self.round_open = self.keys.open[self.rows]
        # Thank-yous are due per interview round; steps 1, 2 and 4 follow the latest
        # round, so an earlier round's are Not needed (SPEC §2.1).
        self.open = self.round_open
        if self.keys.later_round is not None and self.keys.later_round.any():
            self.open = self.open & ~self.keys.later_round[self.rows]
        self._kept: dict[str, np.ndarray] = {}
        self._columns: dict[tuple[str, str | None], np.ndarray] = {}
        self._cache: dict[str, Any] = {}
        first = int(self.idate.min().astype(object).year) - 1 if len(self.rows) else \
            as_of.year - 1
        self.calendar = policy.calendar(min(first, as_of.year - 1), as_of.year + 2)

    def column(self, name: str, dtype: str | None = None) -> np.ndarray:
        """A column of the started rows (each column converted once)."""
        if (name, dtype) not in self._columns:
            self._columns[name, dtype] = self.caseload.interviews[name].to_numpy(dtype)[
                self.rows]
        return self._columns[name, dtype]

    def keep(self, at: np.ndarray | slice = slice(None), **values: np.ndarray) -> None:
        """Keep per-interview values (for the started rows ``at``) in the result's
        :class:`InterviewFacts` (by name; -1 or NaT for the other rows). A name is
        kept once: a step cannot overwrite what an earlier step kept."""
        n = len(self.caseload.interviews)
        for key, value in values.items():
            if key in self._kept:
                raise ValueError(f"{key!r} is already kept by an earlier step: choose "
                                 "another name")
            column = np.full(n, -1 if value.dtype.kind in "iu" else np.datetime64("NaT"),
                             dtype=value.dtype)
            column[self.rows[at]] = value
            self._kept[key] = column

    def facts(self) -> InterviewFacts:
        """What the steps kept, per interview row."""
        n = len(self.caseload.interviews)
        kept = dict(self._kept)
        none = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
        last, stale = none.copy(), np.zeros(n, dtype=bool)
        last[self.rows], stale[self.rows] = self.last_activity(), self.stale()
        return InterviewFacts(
            started=self._started,
            calls=kept.pop("calls", np.full(n, -1, dtype=np.int32)),
            call_from=kept.pop("call_from", none),
            call_why=kept.pop("call_why", np.full(n, -1, dtype=np.int8)),
            hunt_from=kept.pop("hunt_from", none),
            last_activity=last, stale=stale, kept=kept)

    def last_activity(self) -> np.ndarray:
        """Per started row, its last activity (:func:`followkit.rules.activity.last_activity`)."""
        if "last_activity" not in self._cache:
            self._cache["last_activity"] = last_activity(self)
        return self._cache["last_activity"]

    def stale(self) -> np.ndarray:
        """Per started row: open (any round) and no activity for longer than the policy's
        ``stale_after_weeks``. Every step's action of a stale row is Not needed, except
        the step that lists them (:attr:`~followkit.rules.steps.Step.lists_stale`)."""
        if "stale" not in self._cache:
            self._cache["stale"] = self.round_open & quiet_since(
                self.last_activity(), self.as_of, self.policy.stale_after_weeks)
        return self._cache["stale"]

    def started(self, interview_rows: np.ndarray) -> np.ndarray:
        """For rows of ``caseload.interviews`` (or -1): position among the started rows, or -1."""
        where = np.full(len(self.caseload.interviews) + 1, -1, dtype=np.int64)
        where[self.rows] = np.arange(len(self.rows))
        return where[interview_rows]  # -1 picks the last slot: -1

    def business_days_after(self, days: np.ndarray, n: int) -> np.ndarray:
        """The n-th business day strictly after each date (n = 0: rolled forward)."""
        if n == 0:
            return self.roll_forward(days)
        return np.busday_offset(days, n, roll="backward", busdaycal=self.calendar)

    def roll_forward(self, days: np.ndarray) -> np.ndarray:
        return np.busday_offset(days, 0, roll="forward", busdaycal=self.calendar)

    def named(self) -> tuple[np.ndarray, np.ndarray]:
        """The interviewers of started interviews: their rows of ``caseload.interviewers``,
        and the position of each one's interview among the started rows."""
        if "named" not in self._cache:
            at = self.started(self.keys.interviewer_row)
            who = np.flatnonzero(at >= 0)
            self._cache["named"] = who, at[who]
        return self._cache["named"]

    def last_calls(self) -> tuple[np.ndarray, np.ndarray]:
        """Per started row: the calls made by the as-of date, and the row of
        ``caseload.calls`` of the last one (the latest date; of calls on one day
        the last row), -1 with none."""
        if "last_calls" not in self._cache:
            n = len(self.rows)
            on = self.caseload.calls[s.CALL_DATE].to_numpy("datetime64[D]")
            at = self.started(self.keys.call_row)
            made = np.flatnonzero((at >= 0) & (on <= self.as_of))
            count = np.bincount(at[made], minlength=n)
            # One integer key holds date and row, so the largest key per interview picks it.
            key = on[made].view(np.int64) << 32 | made
            largest = np.full(n, np.iinfo(np.int64).min)
            np.maximum.at(largest, at[made], key)
            self._cache["last_calls"] = count, np.where(count > 0, largest & 0xFFFFFFFF, -1)
        return self._cache["last_calls"]


class _Part(NamedTuple):
    """One step's actions before their status is known."""

    action: np.ndarray
    due: np.ndarray
    iv: np.ndarray
    who: np.ndarray
    done: np.ndarray
    open: np.ndarray


def _part(step: Step, ctx: RuleContext) -> _Part:
    """One step's actions: its rows, due dates, done and open flags."""
    found = step.due(ctx)
    rows = ctx.rows[found.at]
    n = len(rows)
    is_open = found.open
    if is_open is None:
        is_open = (ctx.round_open if step.each_round else ctx.open)[found.at]
    if not step.lists_stale:  # a stale interview's actions wait for "close or follow up"
        is_open = np.asarray(is_open, dtype=bool) & ~ctx.stale()[found.at]
    return _Part(action=np.full(n, step.code, dtype=np.int8), due=found.due, iv=rows,
                 who=np.full(n, -1) if found.who is None else found.who,
                 done=np.broadcast_to(np.asarray(step.done(ctx, found), dtype=bool), n),
                 open=np.asarray(is_open, dtype=bool))


def _finish(parts: list[_Part], as_of: np.datetime64) -> ActionRows:
    """The steps' rows joined, and each action's status from due date, done and open."""
    def joined(name: str, dtype: str) -> np.ndarray:
        return np.concatenate([np.asarray(getattr(part, name), dtype=dtype)
                               for part in parts]) if parts else np.array([], dtype=dtype)

    due = joined("due", "datetime64[D]")
    done = joined("done", "bool")
    status = np.full(len(due), Status.UPCOMING, dtype=np.int8)
    status[due == as_of] = Status.DUE_TODAY
    status[due < as_of] = Status.OVERDUE
    status[~joined("open", "bool")] = Status.NOT_NEEDED
    status[done] = Status.DONE
    return ActionRows(action=joined("action", "int8"), status=status, due=due,
                      iv=joined("iv", "int32"), who=joined("who", "int32"), done=done)
