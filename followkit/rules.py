"""The follow-up rules (SPEC §4), vectorised over whole columns.

:func:`compute_actions` turns a :class:`~followkit.load.Caseload` into one
row per follow-up action, with its due date, status and a **Details** text
that says why it is due then. Each step is a handful of numpy/pandas column
expressions; no Python loop runs over rows.
"""

from __future__ import annotations

from datetime import date

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
_CONTEXT = [s.INTERVIEW_ID, s.CLIENT_ID, s.CLIENT_NAME, s.WORKER, s.EMPLOYER, s.POSITION,
            s.INTERVIEW_DATE, s.EMPLOYER_PHONE, s.DECISION_DATE]


def compute_actions(
    caseload: Caseload, *, as_of: date, policy: FollowUpPolicy = DEFAULT_POLICY
) -> pd.DataFrame:
    """Every follow-up action of every evaluated interview, as of ``as_of``.

    Interviews after ``as_of`` get no actions yet. Actions of closed
    interviews (Hired, Not Selected, Withdrawn) are Done or Not needed.
    Records dated after ``as_of`` (a thank-you, a call, an application) do not
    count yet, so a report for a past date shows that day's picture.

    Examples
    --------
    >>> actions = compute_actions(caseload, as_of=date(2026, 11, 27))  # doctest: +SKIP
    >>> actions[actions["Status"] == "Overdue"]  # doctest: +SKIP
    """
    iv = caseload.evaluated
    started = iv[s.INTERVIEW_DATE].to_numpy("datetime64[D]") <= np.datetime64(as_of, "D")
    iv = iv[started].reset_index(drop=True)
    ctx = _Context(iv, as_of, policy)
    frames = [
        _ask_decision(ctx),
        _alert_references(ctx),
        *_thank_yous(ctx, caseload.interviewers),
        _calls(ctx, caseload.calls),
    ]
    if caseload.tracks_job_search:
        frames.append(_job_search(ctx, caseload.applications))
    frames = [f for f in frames if len(f)]
    if not frames:
        return _finish(pd.DataFrame(columns=[*ACTION_COLUMNS, "_open", "_done"]), as_of)
    return _finish(pd.concat(frames, ignore_index=True), as_of)


class _Context:
    """The started interviews with the arrays every step needs."""

    def __init__(self, iv: pd.DataFrame, as_of: date, policy: FollowUpPolicy) -> None:
        self.iv = iv
        self.as_of = np.datetime64(as_of, "D")
        self.policy = policy
        self.idate = iv[s.INTERVIEW_DATE].to_numpy("datetime64[D]")
        self.open = iv[s.OUTCOME].isin(s.OPEN_OUTCOMES).to_numpy()
        first = int(self.idate.min().astype(object).year) - 1 if len(iv) else as_of.year - 1
        self.calendar = policy.calendar(min(first, as_of.year - 1), as_of.year + 2)

    def business_days_after(self, days: np.ndarray, n: int) -> np.ndarray:
        """The n-th business day strictly after each date (n = 0: rolled forward)."""
        if n == 0:
            return np.busday_offset(days, 0, roll="forward", busdaycal=self.calendar)
        return np.busday_offset(days, n, roll="backward", busdaycal=self.calendar)

    def roll_forward(self, days: np.ndarray) -> np.ndarray:
        return np.busday_offset(days, 0, roll="forward", busdaycal=self.calendar)

    def frame(self, action: str, rows: np.ndarray | slice = slice(None)) -> pd.DataFrame:
        out = self.iv.loc[rows, _CONTEXT] if not isinstance(rows, slice) else self.iv[_CONTEXT]
        out = out.reset_index(drop=True)
        out.insert(0, ACTION, _action_column(action, len(out)))
        return out


def _text(frame: pd.DataFrame, values: object) -> pd.Series:
    """A text column for ``frame``, kept as plain Python objects.

    pandas 3 would infer its slower ``str`` dtype from an object array; text
    built here goes through several more concatenations, which run 2-3x
    faster on object arrays.
    """
    if isinstance(values, str):
        values = [values] * len(frame)
    return pd.Series(np.asarray(values, dtype=object), index=frame.index, dtype=object)


def format_days(values: np.ndarray | pd.Series) -> pd.Series:
    """Dates as 'Fri 20 Nov 2026' ('' for none), formatting each distinct date once."""
    days = np.asarray(values, dtype="datetime64[D]")
    missing = np.isnat(days)
    uniques = np.unique(days[~missing])
    names = np.array([f"{d:%a} {d.day} {d:%b %Y}" for d in uniques.astype(object)] + [""],
                     dtype=object)
    codes = np.where(missing, len(uniques), np.searchsorted(uniques, days))
    return pd.Series(names[codes], dtype=object)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _skipped_holidays(ctx: _Context, start: np.ndarray, end: np.ndarray) -> pd.Series:
    """'; skipping Christmas Day, Boxing Day (observed)' where holidays fall between."""
    names = holiday_names(ctx.policy, ctx.calendar)
    if not names:
        return pd.Series([""] * len(start), dtype=object)
    hol = np.array(sorted(names), dtype="datetime64[D]")
    lo = np.searchsorted(hol, start, side="right")
    hi = np.searchsorted(hol, end, side="left")
    pairs = pd.Series(list(zip(lo, hi, strict=True)), dtype=object)
    text = {
        (a, b): ("; skipping " + ", ".join(names[d] for d in hol[a:b].astype(object))
                 if b > a else "")
        for a, b in set(pairs)
    }
    return pairs.map(text).astype(object)


# --- steps ------------------------------------------------------------------------


def _ask_decision(ctx: _Context) -> pd.DataFrame:
    out = ctx.frame(ASK_DECISION)
    out[DUE_DATE] = ctx.idate
    out["_done"] = out[s.DECISION_DATE].notna().to_numpy()
    out["_open"] = ctx.open
    out[CONTACT] = out[s.EMPLOYER_PHONE]
    out[DETAILS] = _text(out, np.where(
        out["_done"],
        "decision expected " + format_days(out[s.DECISION_DATE]),
        "interview " + format_days(ctx.idate) + ": ask when the hiring decision will be made; "
        "no decision date recorded",
    ))
    return out


def _alert_references(ctx: _Context) -> pd.DataFrame:
    n = ctx.policy.references_business_days
    out = ctx.frame(ALERT_REFERENCES)
    due = ctx.business_days_after(ctx.idate, n)
    alerted = ctx.iv["References Alerted Date"].to_numpy("datetime64[D]")
    out[DUE_DATE] = due
    out["_done"] = ctx.iv[s.REFERENCES_ALERTED].to_numpy() & ~(alerted > ctx.as_of)
    out["_open"] = ctx.open
    out[CONTACT] = _text(out, "")
    why = ("interview " + format_days(ctx.idate) + f" + {_plural(n, 'business day')}"
           + _skipped_holidays(ctx, ctx.idate, due))
    out[DETAILS] = _text(out, np.where(
        out["_done"],
        "references alerted" + np.where(pd.isna(alerted), "", " " + format_days(alerted)),
        why + "; references not alerted yet: tell them the employer may call",
    ))
    return out


def _thank_yous(ctx: _Context, interviewers: pd.DataFrame) -> list[pd.DataFrame]:
    n = ctx.policy.thank_you_business_days
    pos = pd.Series(np.arange(len(ctx.iv)), index=ctx.iv[s.INTERVIEW_ID])
    linked = interviewers[interviewers[s.INTERVIEW_ID].isin(pos.index)]
    rows = pos.loc[linked[s.INTERVIEW_ID]].to_numpy()
    out = ctx.frame(SEND_THANK_YOU, rows)
    out[s.INTERVIEWER] = _text(out, linked[s.INTERVIEWER].to_numpy())
    out[s.EMAIL] = _text(out, linked[s.EMAIL].to_numpy())
    idate = ctx.idate[rows]
    due = ctx.business_days_after(idate, n)
    sent = linked["Thank-You Date"].to_numpy("datetime64[D]")
    out[DUE_DATE] = due
    out["_done"] = linked[s.THANK_YOU_SENT].to_numpy() & ~(sent > ctx.as_of)
    out["_open"] = ctx.open[rows]
    out[CONTACT] = out[s.INTERVIEWER] + _text(out, np.where(out[s.EMAIL] != "",
                                                            " <" + out[s.EMAIL] + ">", ""))
    why = ("interview " + format_days(idate) + f" + {_plural(n, 'business day')}"
           + _skipped_holidays(ctx, idate, due))
    out[DETAILS] = _text(out, np.where(
        out["_done"],
        "thank-you to " + out[s.INTERVIEWER] + " sent" + np.where(
            pd.isna(sent), "", " " + format_days(sent)),
        why + "; no thank-you recorded for " + out[s.INTERVIEWER],
    ))

    named = np.zeros(len(ctx.iv), dtype=bool)
    named[rows] = True
    unnamed = np.flatnonzero(~named)
    names = ctx.frame(GET_NAMES, unnamed)
    names[DUE_DATE] = ctx.idate[unnamed]
    names["_done"] = False
    names["_open"] = ctx.open[unnamed]
    names[CONTACT] = names[s.EMPLOYER_PHONE]
    names[DETAILS] = _text(names, "interview " + format_days(ctx.idate[unnamed])
                           + ": no interviewer named; get the name of each interviewer so "
                           "each one gets a thank-you")
    return [out, names]


def _calls(ctx: _Context, calls: pd.DataFrame) -> pd.DataFrame:
    p = ctx.policy
    out = ctx.frame(FOLLOW_UP_CALL)
    made = calls[(calls[s.CALL_DATE].to_numpy("datetime64[D]") <= ctx.as_of)
                 & calls[s.INTERVIEW_ID].isin(ctx.iv[s.INTERVIEW_ID])]
    made = made.sort_values([s.INTERVIEW_ID, s.CALL_DATE], kind="stable")
    per = made.groupby(s.INTERVIEW_ID, sort=False).agg(
        n=(s.CALL_DATE, "size"), last=(s.CALL_DATE, "last"), result=(s.RESULT, "last"))
    per = per.reindex(ctx.iv[s.INTERVIEW_ID].to_numpy())
    count = per["n"].fillna(0).astype("int64").to_numpy()
    last = per["last"].to_numpy("datetime64[D]")
    result = pd.Series(per["result"].fillna("").to_numpy(dtype=object), dtype=object)

    week = ctx.idate + np.timedelta64(p.first_call_days, "D")
    decision = out[s.DECISION_DATE].to_numpy("datetime64[D]")
    by_decision = decision < week  # NaT compares False
    first_raw = np.where(by_decision, decision, week)
    floor = ctx.business_days_after(ctx.idate, 1)
    rolled_first = ctx.roll_forward(first_raw)
    first = np.maximum(rolled_first, floor)
    gap = max(p.call_interval_days, p.min_days_between_calls)
    next_raw = last + np.timedelta64(gap, "D")
    has_calls = count > 0
    due = np.where(has_calls, ctx.roll_forward(np.where(has_calls, next_raw, first_raw)), first)
    raw = np.where(has_calls, next_raw, np.where(floor > rolled_first, floor, first_raw))

    out[DUE_DATE] = due
    out[CALLS_MADE] = count
    out[LAST_CALL] = last
    out["_done"] = ~ctx.open & has_calls
    out["_open"] = ctx.open
    out[CONTACT] = out[s.EMPLOYER_PHONE]
    rolled = np.where(raw != due, " (" + format_days(raw) + " is not a business day)", "")
    first_why = np.select(
        [floor > rolled_first, by_decision],
        ["first call: not before interview " + format_days(ctx.idate) + " + 1 business day",
         "first call: decision expected " + format_days(decision) + ", sooner than interview "
         + format_days(ctx.idate) + f" + {p.first_call_days} days"],
        "first call: interview " + format_days(ctx.idate) + f" + {p.first_call_days} days",
    )
    last_result = np.where(result != "", ", last result: " + result, "")
    later_why = ("last call " + format_days(last) + f" + {gap} days; "
                 + _text(out, count.astype(str)) + " call(s) so far" + last_result)
    why = np.where(has_calls, later_why + rolled, first_why + rolled + "; no calls logged yet")
    closed = ("outcome " + ctx.iv[s.OUTCOME] + ": " + _text(out, count.astype(str))
              + " call(s) made")
    out[DETAILS] = _text(out, np.where(ctx.open, why, closed))
    return out


def _job_search(ctx: _Context, applications: pd.DataFrame) -> pd.DataFrame:
    p = ctx.policy
    iv = ctx.iv[ctx.open]
    if iv.empty:
        return pd.DataFrame()
    latest = iv.sort_values([s.INTERVIEW_DATE, s.ROW], kind="stable").groupby(
        s.CLIENT_ID, sort=False).tail(1)
    out = latest[_CONTEXT].reset_index(drop=True)
    out.insert(0, ACTION, _action_column(KEEP_HUNTING, len(out)))
    out[s.INTERVIEW_ID] = _text(out, "")
    apps = applications[applications[s.APPLICATION_DATE].to_numpy("datetime64[D]")
                        <= ctx.as_of]
    last_app = apps.groupby(s.CLIENT_ID)[s.APPLICATION_DATE].max().reindex(
        out[s.CLIENT_ID].to_numpy()).to_numpy("datetime64[D]")
    interview = out[s.INTERVIEW_DATE].to_numpy("datetime64[D]")
    by_app = last_app > interview
    base = np.where(by_app, last_app, interview)
    out[DUE_DATE] = base + np.timedelta64(p.job_search_interval_days, "D")
    out["_done"] = False
    out["_open"] = True
    out[CONTACT] = _text(out, "")
    days = f" + {p.job_search_interval_days} days"
    keep_going = ": keep applying while waiting to hear"
    out[DETAILS] = _text(out, np.where(
        by_app,
        "last application " + format_days(last_app) + days + keep_going,
        "latest open interview " + format_days(interview) + days + np.where(
            pd.isna(last_app), "; no application logged",
            "; last application " + format_days(last_app)) + keep_going,
    ))
    return out


def _action_column(action: str, n: int) -> pd.Categorical:
    """The Action column of one step: categorical from the start (no string hashing)."""
    return pd.Categorical.from_codes(np.full(n, ACTIONS.index(action), dtype=np.int8),
                                     categories=ACTIONS)


_STEP_BY_CODE = np.array([STEP_OF[a] for a in ACTIONS], dtype=np.int64)


def _finish(actions: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Status, Days Overdue and column order, shared by every step."""
    a = np.datetime64(as_of, "D")
    due = actions[DUE_DATE].to_numpy("datetime64[D]")
    done = actions["_done"].to_numpy(dtype=bool)
    open_ = actions["_open"].to_numpy(dtype=bool)
    code = np.select(  # positions in STATUSES
        [done, ~open_, due < a, due == a],
        [STATUSES.index(DONE), STATUSES.index(NOT_NEEDED), STATUSES.index(OVERDUE),
         STATUSES.index(DUE_TODAY)],
        STATUSES.index(UPCOMING),
    ).astype(np.int8)
    actions[STATUS] = pd.Categorical.from_codes(code, categories=STATUSES)
    overdue = code == STATUSES.index(OVERDUE)
    days = (a - due).astype("int64")
    actions[DAYS_OVERDUE] = pd.arrays.IntegerArray(np.where(overdue, days, 0), ~overdue)
    actions[DUE_DATE] = due.astype("datetime64[ns]")
    if not isinstance(actions[ACTION].dtype, pd.CategoricalDtype):  # an empty frame
        actions[ACTION] = pd.Categorical(actions[ACTION], categories=ACTIONS)
    actions[STEP] = _STEP_BY_CODE[actions[ACTION].cat.codes.to_numpy()]
    for col in (s.INTERVIEWER, s.EMAIL):
        actions[col] = actions[col].fillna("").astype(object) if col in actions else ""
    actions[CALLS_MADE] = pd.array(actions[CALLS_MADE], dtype="Int64") if CALLS_MADE in \
        actions else pd.array([pd.NA] * len(actions), dtype="Int64")
    if LAST_CALL not in actions:
        actions[LAST_CALL] = pd.NaT
    actions[LAST_CALL] = actions[LAST_CALL].astype("datetime64[ns]")
    return actions[ACTION_COLUMNS].reset_index(drop=True)
