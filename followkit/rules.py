"""The follow-up rules (SPEC §4), vectorised over whole columns.

:func:`evaluate` is the engine: it turns a :class:`~followkit.load.Caseload`
into an :class:`Actions` table with one row per follow-up action: its due
date and status as numbers and codes, and the row positions of the interview,
interviewer or call it comes from. No text is built there.

:meth:`Actions.frame` turns any subset of those rows into the readable table
(names, employer, contact, and a **Details** text that says why the action is
due then), so text is only built for the rows a worker sees or exports.
:func:`compute_actions` is both at once. No Python loop runs over rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from followkit import schema as s
from followkit.load import Caseload
from followkit.policy import DEFAULT_POLICY, FollowUpPolicy, holiday_names

ASK_DECISION = "Ask decision date"
ALERT_REFERENCES = "Alert references"
SEND_THANK_YOU = "Send thank-you"
GET_NAMES = "Get interviewer names"
FOLLOW_UP_CALL = "Follow-up call"
KEEP_HUNTING = "Keep job hunting"
ACTIONS = (ASK_DECISION, ALERT_REFERENCES, SEND_THANK_YOU, GET_NAMES, FOLLOW_UP_CALL,
           KEEP_HUNTING)
STEP_OF = {ASK_DECISION: 1, ALERT_REFERENCES: 2, SEND_THANK_YOU: 3, GET_NAMES: 3,
           FOLLOW_UP_CALL: 4, KEEP_HUNTING: 5}

OVERDUE, DUE_TODAY, UPCOMING, DONE, NOT_NEEDED = (
    "Overdue", "Due today", "Upcoming", "Done", "Not needed")
STATUSES = (OVERDUE, DUE_TODAY, UPCOMING, DONE, NOT_NEEDED)
OPEN_STATUSES = (OVERDUE, DUE_TODAY, UPCOMING)

DUE_DATE, STATUS, DAYS_OVERDUE, ACTION, STEP, DETAILS, CONTACT = (
    "Due Date", "Status", "Days Overdue", "Action", "Step", "Details", "Contact")
CALLS_MADE, LAST_CALL = "Calls Made", "Last Call"

ACTION_COLUMNS = [
    STEP, ACTION, s.INTERVIEW_ID, s.CLIENT_ID, s.CLIENT_NAME, s.WORKER, s.EMPLOYER,
    s.POSITION, s.INTERVIEW_DATE, s.INTERVIEWER, s.EMAIL, CONTACT, s.EMPLOYER_PHONE,
    s.DECISION_DATE, CALLS_MADE, LAST_CALL, DUE_DATE, STATUS, DAYS_OVERDUE, DETAILS,
]
TEXT_COLUMNS = (CONTACT, DETAILS)  # built per row: only for the rows asked for
_CONTEXT = [s.INTERVIEW_ID, s.CLIENT_ID, s.CLIENT_NAME, s.WORKER, s.EMPLOYER, s.POSITION,
            s.INTERVIEW_DATE, s.EMPLOYER_PHONE, s.DECISION_DATE]
(_ASK, _REFERENCES, _THANKS, _NAMES, _CALL, _HUNT) = range(len(ACTIONS))
(_FIRST_BY_WEEK, _FIRST_BY_FLOOR, _FIRST_BY_DECISION, _BY_PLAN) = range(4)
STEP_BY_CODE = np.array([STEP_OF[a] for a in ACTIONS], dtype=np.int64)


@dataclass(frozen=True, eq=False)
class Actions:
    """Every follow-up action, one row each, as numbers (the engine's result).

    ``data`` holds one numpy array per column, all of the same length:

    - ``action``, ``status``: int8 positions in ACTIONS and STATUSES;
    - ``due``: the due date (datetime64[D]);
    - ``iv``: the row of ``caseload.interviews`` (for Keep job hunting, the
      client's latest open interview);
    - ``who``: the row of ``caseload.interviewers`` for a thank-you, of
      ``caseload.calls`` for the last call counted, else -1;
    - ``done``: the action was recorded as done.

    ``by_interview`` holds one value per row of ``caseload.interviews`` (so it
    is not copied with every subset): ``started`` (interview date on or before
    the as-of date), and what only the follow-up call and the job search need:
    ``calls`` counted, ``call_from`` (the date the next call was counted
    from), ``call_why`` (which rule set a first call) and ``hunt_from`` (the
    date the job search was counted from).
    """

    caseload: Caseload
    as_of: date
    policy: FollowUpPolicy
    calendar: np.busdaycalendar
    data: dict[str, np.ndarray]
    by_interview: dict[str, np.ndarray]

    def __len__(self) -> int:
        return len(self.data["action"])

    def __getitem__(self, key: str) -> np.ndarray:
        return self.data[key]

    def take(self, rows: np.ndarray) -> Actions:
        """The actions at ``rows`` (positions, or a boolean mask), nothing recomputed."""
        return Actions(self.caseload, self.as_of, self.policy, self.calendar,
                       {k: v[rows] for k, v in self.data.items()}, self.by_interview)

    def where(self, mask: np.ndarray) -> Actions:
        """The actions where ``mask`` is True."""
        return self.take(np.asarray(mask, dtype=bool))

    def codes(self, column: str) -> np.ndarray:
        """Positions in ACTIONS (``column`` Action) or STATUSES (Status)."""
        return self.data[{ACTION: "action", STATUS: "status"}[column]]

    def is_open(self) -> np.ndarray:
        return self.data["status"] <= STATUSES.index(UPCOMING)  # the first three: open

    def frame(self, *, text: bool = True) -> pd.DataFrame:
        """The readable table of these actions: ACTION_COLUMNS, in this order.

        ``text=False`` leaves out Contact and Details, the columns built
        row by row (see :meth:`text`).
        """
        iv = self.caseload.interviews
        at = self.data["iv"]
        code = self.data["action"]
        n_rows = len(self)
        out: dict[str, Any] = {
            STEP: STEP_BY_CODE[code],
            ACTION: pd.Categorical.from_codes(code, categories=ACTIONS)}
        for column in _CONTEXT:
            out[column] = iv[column].to_numpy()[at]
        out[s.INTERVIEW_ID] = np.where(code == _HUNT, "", out[s.INTERVIEW_ID]).astype(object)
        people = self.caseload.interviewers
        who = self.data["who"]
        thanks = np.flatnonzero(code == _THANKS)
        for column in (s.INTERVIEWER, s.EMAIL):
            values = np.full(n_rows, "", dtype=object)
            values[thanks] = people[column].to_numpy(dtype=object)[who[thanks]]
            out[column] = values
        n = np.where(code == _CALL, self.by_interview["calls"][at], -1)
        out[CALLS_MADE] = pd.arrays.IntegerArray(np.maximum(n, 0).astype("int64"), n < 0)
        last = np.full(n_rows, np.datetime64("NaT"), dtype="datetime64[ns]")
        called = np.flatnonzero((code == _CALL) & (who >= 0))
        last[called] = self.caseload.calls[s.CALL_DATE].to_numpy("datetime64[ns]")[
            who[called]]
        out[LAST_CALL] = last
        due = self.data["due"]
        out[DUE_DATE] = due.astype("datetime64[ns]")
        out[STATUS] = pd.Categorical.from_codes(self.data["status"], categories=STATUSES)
        overdue = self.data["status"] == STATUSES.index(OVERDUE)
        days = (np.datetime64(self.as_of, "D") - due).astype("int64")
        out[DAYS_OVERDUE] = pd.arrays.IntegerArray(np.where(overdue, days, 0), ~overdue)
        if text:
            out[CONTACT], out[DETAILS] = self.text(out)
        columns = [c for c in ACTION_COLUMNS if text or c not in TEXT_COLUMNS]
        return pd.DataFrame({c: plain_column(out[c]) for c in columns})

    def text(self, values: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
        """The Contact and Details texts of these actions, as object arrays.

        ``values`` are the columns of :meth:`frame` for the same rows.
        """
        return _contact(self, values), _details(self, values)


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
    count yet, so a report for a past date shows that day's picture.

    Examples
    --------
    >>> actions = evaluate(caseload, as_of=date(2026, 11, 27))  # doctest: +SKIP
    >>> actions.where(actions.is_open()).frame()  # doctest: +SKIP
    """
    ctx = _Context(caseload, as_of, policy)
    parts = [
        _ask_decision(ctx),
        _alert_references(ctx),
        *_thank_yous(ctx),
        _calls(ctx),
    ]
    if caseload.tracks_job_search:
        parts.append(_job_search(ctx))
    return Actions(caseload, as_of, policy, ctx.calendar, _finish(parts, ctx.as_of),
                   ctx.by_interview)


def compute_actions(
    caseload: Caseload, *, as_of: date, policy: FollowUpPolicy = DEFAULT_POLICY
) -> pd.DataFrame:
    """:func:`evaluate`, as the readable table (one row per action, with Details).

    Examples
    --------
    >>> actions = compute_actions(caseload, as_of=date(2026, 11, 27))  # doctest: +SKIP
    >>> actions[actions["Status"] == "Overdue"]  # doctest: +SKIP
    """
    return evaluate(caseload, as_of=as_of, policy=policy).frame()


class _Context:
    """The started, evaluated interviews (row positions) and the arrays every step needs."""

    def __init__(self, caseload: Caseload, as_of: date, policy: FollowUpPolicy) -> None:
        iv = caseload.interviews
        self.caseload = caseload
        self.as_of = np.datetime64(as_of, "D")
        self.policy = policy
        idate = iv[s.INTERVIEW_DATE].to_numpy("datetime64[D]")
        started = idate <= self.as_of
        self.rows = np.flatnonzero(iv["_ok"].to_numpy(dtype=bool) & started)
        self.idate = idate[self.rows]
        self.keys = caseload.keys
        self.open = self.keys.open[self.rows]
        # Thank-yous are due per interview round; steps 1, 2 and 4 follow the latest
        # round, so an earlier round's are Not needed (SPEC §2.1).
        self.round_open = self.open
        if self.keys.later_round is not None and self.keys.later_round.any():
            self.open = self.open & ~self.keys.later_round[self.rows]
        self.by_interview: dict[str, np.ndarray] = {"started": started}
        self._columns: dict[tuple[str, str | None], np.ndarray] = {}
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
        """Keep per-interview values (for the started rows ``at``) in ``by_interview``."""
        n = len(self.caseload.interviews)
        for key, value in values.items():
            column = np.full(n, -1 if value.dtype.kind in "iu" else np.datetime64("NaT"),
                             dtype=value.dtype)
            column[self.rows[at]] = value
            self.by_interview[key] = column

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


# --- steps: each returns the numbers of one action for its rows ------------------


def _step(code: int, ctx: _Context, at: np.ndarray | slice, due: np.ndarray,
          done: np.ndarray | bool, **extra: np.ndarray) -> dict[str, np.ndarray]:
    rows = ctx.rows[at]
    part: dict[str, np.ndarray] = {
        "action": np.full(len(rows), code, dtype=np.int8), "iv": rows, "due": due,
        "done": np.broadcast_to(done, len(rows)), "open": ctx.open[at]}
    return part | extra


def _ask_decision(ctx: _Context) -> dict[str, np.ndarray]:
    decision = ctx.column(s.DECISION_DATE, "datetime64[D]")
    return _step(_ASK, ctx, slice(None), ctx.idate, ~np.isnat(decision))


def _alert_references(ctx: _Context) -> dict[str, np.ndarray]:
    due = ctx.business_days_after(ctx.idate, ctx.policy.references_business_days)
    alerted = ctx.column("References Alerted Date", "datetime64[D]")
    done = ctx.column(s.REFERENCES_ALERTED, "bool") & ~(alerted > ctx.as_of)
    return _step(_REFERENCES, ctx, slice(None), due, done)


def _thank_yous(ctx: _Context) -> list[dict[str, np.ndarray]]:
    people = ctx.caseload.interviewers
    at = ctx.started(ctx.keys.interviewer_row)
    who = np.flatnonzero(at >= 0)
    at = at[who]
    due = ctx.business_days_after(ctx.idate[at], ctx.policy.thank_you_business_days)
    sent = people["Thank-You Date"].to_numpy("datetime64[D]")[who]
    done = people[s.THANK_YOU_SENT].to_numpy(dtype=bool)[who] & ~(sent > ctx.as_of)
    thanks = _step(_THANKS, ctx, at, due, done, who=who)
    thanks["open"] = ctx.round_open[at]
    named = np.zeros(len(ctx.rows), dtype=bool)
    named[at] = True
    unnamed = np.flatnonzero(~named)
    names = _step(_NAMES, ctx, unnamed, ctx.idate[unnamed], False)
    names["open"] = ctx.round_open[unnamed]
    return [thanks, names]


def _calls(ctx: _Context) -> dict[str, np.ndarray]:
    p, calls = ctx.policy, ctx.caseload.calls
    n = len(ctx.rows)
    on = calls[s.CALL_DATE].to_numpy("datetime64[D]")
    at = ctx.started(ctx.keys.call_row)
    made = np.flatnonzero((at >= 0) & (on <= ctx.as_of))
    count = np.bincount(at[made], minlength=n)
    # Each interview's last call: the latest date, and of calls on one day the last
    # row. One integer key holds both, so the largest key per interview picks it.
    key = on[made].view(np.int64) << 32 | made
    largest = np.full(n, np.iinfo(np.int64).min)
    np.maximum.at(largest, at[made], key)
    last_call = np.where(count > 0, largest & 0xFFFFFFFF, -1)
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
    why = np.select([by_floor, by_decision], [_FIRST_BY_FLOOR, _FIRST_BY_DECISION],
                    _FIRST_BY_WEEK).astype(np.int8)
    planned = _planned_calls(ctx, calls, at, on)
    has_plan = ~np.isnat(planned)
    due = np.where(has_plan, planned, due)
    raw = np.where(has_plan, planned, raw)
    why = np.where(has_plan, np.int8(_BY_PLAN), why)
    ctx.keep(calls=count.astype(np.int32), call_from=raw, call_why=why)
    return _step(_CALL, ctx, slice(None), due, ~ctx.open & has_calls, who=last_call)


def _planned_calls(ctx: _Context, calls: pd.DataFrame, at: np.ndarray, on: np.ndarray
                   ) -> np.ndarray:
    """Per started interview: the worker's own planned follow-up (a Follow-up Date after
    the as-of date, SPEC §2.1), the earliest if several; NaT when none."""
    out = np.full(len(ctx.rows), np.datetime64("NaT"), dtype="datetime64[D]")
    if "_planned" not in calls or not len(calls):
        return out
    plan = np.flatnonzero((at >= 0) & calls["_planned"].to_numpy(dtype=bool) &
                          (on > ctx.as_of))
    if len(plan):
        days = np.full(len(ctx.rows), np.iinfo(np.int64).max)
        np.minimum.at(days, at[plan], on[plan].astype(np.int64))
        has = days < np.iinfo(np.int64).max
        out[has] = days[has].astype("datetime64[D]")
    return out


def _job_search(ctx: _Context) -> dict[str, np.ndarray]:
    """One Keep job hunting per client with an open interview, from the latest one."""
    p = ctx.policy
    open_ = np.flatnonzero(ctx.open)
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
    due = base + np.timedelta64(p.job_search_interval_days, "D")
    ctx.keep(at, hunt_from=last_app)
    part = _step(_HUNT, ctx, at, due, False)
    part["open"] = np.ones(len(at), dtype=bool)
    return part


def _finish(parts: list[dict[str, np.ndarray]], as_of: np.datetime64
            ) -> dict[str, np.ndarray]:
    """The steps' columns joined, and each action's status from due date, done and open."""
    def joined(key: str, fill: object, dtype: str) -> np.ndarray:
        arrays = [np.asarray(part[key], dtype=dtype) if key in part
                  else np.full(len(part["action"]), fill, dtype=dtype) for part in parts]
        return np.concatenate(arrays)

    due = joined("due", np.datetime64("NaT"), "datetime64[D]")
    done = joined("done", False, "bool")
    status = np.full(len(due), STATUSES.index(UPCOMING), dtype=np.int8)
    status[due == as_of] = STATUSES.index(DUE_TODAY)
    status[due < as_of] = STATUSES.index(OVERDUE)
    status[~joined("open", False, "bool")] = STATUSES.index(NOT_NEEDED)
    status[done] = STATUSES.index(DONE)
    return {
        "action": joined("action", 0, "int8"), "status": status, "due": due,
        "iv": joined("iv", -1, "int32"), "who": joined("who", -1, "int32"), "done": done,
    }


# --- text, for the rows asked for --------------------------------------------------


def format_days(values: np.ndarray | pd.Series) -> pd.Series:
    """Dates as 'Fri 20 Nov 2026' ('' for none), formatting each distinct date once."""
    return pd.Series(_days(values), dtype=object)


def _days(values: np.ndarray | pd.Series) -> np.ndarray:
    days = np.asarray(values, dtype="datetime64[D]")
    missing = np.isnat(days)
    uniques = np.unique(days[~missing])
    names = np.array([f"{d:%a} {d.day} {d:%b %Y}" for d in uniques.astype(object)] + [""],
                     dtype=object)
    codes = np.where(missing, len(uniques), np.searchsorted(uniques, days))
    return names[codes]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _skipped_holidays(actions: Actions, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """'; skipping Christmas Day, Boxing Day (observed)' where holidays fall between."""
    names = holiday_names(actions.policy, actions.calendar)
    if not names or len(start) == 0:
        return np.full(len(start), "", dtype=object)
    hol = np.array(sorted(names), dtype="datetime64[D]")
    lo = np.searchsorted(hol, start, side="right")
    hi = np.searchsorted(hol, end, side="left")
    span, inverse = np.unique(np.stack([lo, np.maximum(hi, lo)], axis=1), axis=0,
                              return_inverse=True)
    text = np.array([
        "; skipping " + ", ".join(names[d] for d in hol[a:b].astype(object)) if b > a else ""
        for a, b in span], dtype=object)
    return text[inverse.reshape(-1)]


def _contact(actions: Actions, v: dict[str, Any]) -> np.ndarray:
    code = actions["action"]
    out = np.full(len(code), "", dtype=object)
    phone = np.isin(code, (_ASK, _NAMES, _CALL))
    out[phone] = v[s.EMPLOYER_PHONE][phone]
    t = code == _THANKS
    name, email = v[s.INTERVIEWER][t], v[s.EMAIL][t]
    out[t] = name + np.where(email != "", " <" + email + ">", "")
    return out


def _details(actions: Actions, v: dict[str, Any]) -> np.ndarray:
    """Why each action is due when it is, or how it was done (one text per row)."""
    p, table = actions.policy, actions.data
    code = table["action"]
    done = table["done"]
    out = np.full(len(code), "", dtype=object)

    def rows(c: int) -> np.ndarray:
        return np.flatnonzero(code == c)

    def interview(at: np.ndarray) -> np.ndarray:
        return "interview " + _days(v[s.INTERVIEW_DATE][at])

    def business_days(at: np.ndarray, n: int) -> np.ndarray:
        idate = v[s.INTERVIEW_DATE][at].astype("datetime64[D]")
        due = v[DUE_DATE][at].astype("datetime64[D]")
        return (interview(at) + f" + {_plural(n, 'business day')}"
                + _skipped_holidays(actions, idate, due))

    at = rows(_ASK)
    out[at] = np.where(
        done[at], "decision expected " + _days(v[s.DECISION_DATE][at]),
        interview(at) + ": ask when the hiring decision will be made; no decision date "
                        "recorded")

    at = rows(_REFERENCES)
    alerted = actions.caseload.interviews["References Alerted Date"].to_numpy(
        "datetime64[D]")[table["iv"][at]]
    out[at] = np.where(
        done[at],
        "references alerted" + np.where(np.isnat(alerted), "", " " + _days(alerted)),
        business_days(at, p.references_business_days)
        + "; references not alerted yet: tell them the employer may call")

    at = rows(_THANKS)
    name = v[s.INTERVIEWER][at]
    sent = actions.caseload.interviewers["Thank-You Date"].to_numpy("datetime64[D]")[
        table["who"][at]]
    out[at] = np.where(
        done[at], "thank-you to " + name + " sent" + np.where(np.isnat(sent), "",
                                                               " " + _days(sent)),
        business_days(at, p.thank_you_business_days) + "; no thank-you recorded for " + name)

    at = rows(_NAMES)
    out[at] = interview(at) + (": no interviewer named; get the name of each interviewer "
                               "so each one gets a thank-you")

    at = rows(_CALL)
    if len(at):
        out[at] = _call_details(actions, v, at)

    later = actions.caseload.keys.later_round
    if later is not None:  # an earlier round: its steps 1, 2 and 4 follow the latest
        at = np.flatnonzero(np.isin(code, (_ASK, _REFERENCES, _CALL)) & ~done)
        at = at[later[table["iv"][at]]]
        out[at] = (interview(at) + ": not needed, a later interview round of this "
                                   "application took place (this step follows the latest)")

    at = rows(_HUNT)
    if len(at):  # (none when the tracker does not track the job search)
        last_app = actions.by_interview["hunt_from"][table["iv"][at]]
        latest = v[s.INTERVIEW_DATE][at].astype("datetime64[D]")
        days = f" + {p.job_search_interval_days} days"
        keep_going = ": keep applying while waiting to hear"
        out[at] = np.where(
            last_app > latest,
            "last application " + _days(last_app) + days + keep_going,
            "latest open interview " + _days(latest) + days + np.where(
                np.isnat(last_app), "; no application logged",
                "; last application " + _days(last_app)) + keep_going)
    return out


def _call_details(actions: Actions, v: dict[str, Any], at: np.ndarray) -> np.ndarray:
    p, table = actions.policy, actions.data
    calls = actions.caseload.calls
    gap = max(p.call_interval_days, p.min_days_between_calls)
    rows = table["iv"][at]
    count = actions.by_interview["calls"][rows]
    counted = np.char.mod("%d", count).astype(object)
    last_call = table["who"][at]
    result = np.full(len(at), "", dtype=object)
    has_calls = last_call >= 0
    result[has_calls] = calls[s.RESULT].fillna("").to_numpy(dtype=object)[
        last_call[has_calls]]
    raw = actions.by_interview["call_from"][rows]
    due = v[DUE_DATE][at].astype("datetime64[D]")
    interview = _days(v[s.INTERVIEW_DATE][at])
    why = actions.by_interview["call_why"][rows]
    rolled = np.where(raw != due, " (" + _days(raw) + " is not a business day)", "")
    first_why = np.select(
        [why == _FIRST_BY_FLOOR, why == _FIRST_BY_DECISION],
        ["first call: not before interview " + interview + " + 1 business day",
         "first call: decision expected " + _days(v[s.DECISION_DATE][at]) + ", sooner than "
         "interview " + interview + f" + {p.first_call_days} days"],
        "first call: interview " + interview + f" + {p.first_call_days} days",
    )
    last = _days(v[LAST_CALL][at])
    later_why = ("last call " + last + f" + {gap} days; " + counted + " call(s) so far"
                 + np.where(result != "", ", last result: " + result, ""))
    why_text = np.where(has_calls, later_why + rolled, first_why + rolled
                        + "; no calls logged yet")
    why_text = np.where(why == _BY_PLAN, "you planned this (follow-up date " + _days(due)
                        + "); " + counted + " call(s) so far", why_text)
    outcome = actions.caseload.interviews[s.OUTCOME].to_numpy(dtype=object)[
        table["iv"][at]]
    closed = "outcome " + outcome + ": " + counted + " call(s) made"
    is_open = actions.is_open()[at]
    return np.where(is_open, why_text, closed)
