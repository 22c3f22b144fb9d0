"""The supervisor's view (SPEC §9): is follow-up on time, and does it pay off?

:func:`supervisor_view` turns the engine's result (:func:`followkit.rules.engine.evaluate`)
into DataFrames: one row per worker and a ``Total`` row with the columns of
SPEC §9, the count (n) each rate is taken over, and the weekly overdue
backlog. Nothing here reads or writes a file, and nothing reads the clock.

Definitions (docs/supervisor.md has them with a worked example):

- The **period** is [start, end], by default the 12 weeks ending on the as-of
  date. The interviews counted are the evaluable rows (no ``error`` data
  issue) dated in the period and on or before the as-of date, whatever their
  outcome.
- A thank-you is due ``thank_you_business_days`` after the interview: the
  engine's own due date (the Send thank-you action), not a second computation.
  Of the thank-yous due on or before the as-of date, one is **On Time** if
  sent with a date on or before its due date, **Late** if sent with a later
  date, **Undated** if recorded sent (``Y``) without a date, and **Missing**
  if not sent and its due date is before the as-of date. A thank-you due on
  the as-of date and not sent yet is due but none of these. A sending date
  after the as-of date is not known yet (the engine ignores it), so such a
  thank-you is not sent as of that day.
- Every rate and median comes with its n; a value over fewer than
  :data:`SMALL_N` is marked (:meth:`SupervisorView.small`).
- The backlog: for each 7-day week of the period, counted back from its end
  (or from the as-of date, if that comes first), the actions Overdue as of the
  week's last business day: ``rules.evaluate`` as of that day, so records
  dated after it are ignored and undated ones (a ``Y``, an Outcome, a decision
  date, interviewer names) count as known throughout.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from followkit.core import schema as s
from followkit.core.errors import FollowkitError
from followkit.reading.load import Caseload
from followkit.rules import engine as r
from followkit.rules.steps import Action, Status

TOTAL = "Total"
NO_WORKER = "(no worker)"
DEFAULT_WEEKS = 12
SMALL_N = 5
INTERVIEWS, DUE, ON_TIME, LATE, MISSING, UNDATED = (
    "Interviews", "Thank-Yous Due", "Thank-Yous On Time", "Thank-Yous Late",
    "Thank-Yous Missing", "Thank-Yous Undated")
RATE, DECISION, REFERENCES, MEDIAN_DAYS = (
    "On-Time Thank-You Rate", "Decision Date Asked", "References Alerted",
    "Median Days To First Call")
TOO_CLOSE, OFFERS, CLOSED = "Calls Too Close", "Offers", "Closed"
SUPERVISOR_COLUMNS = [s.WORKER, INTERVIEWS, DUE, ON_TIME, LATE, MISSING, UNDATED, RATE,
                      DECISION, REFERENCES, MEDIAN_DAYS, TOO_CLOSE, OFFERS, CLOSED]
WITH_N = (RATE, DECISION, REFERENCES, MEDIAN_DAYS)  # shown with the count they are over
PERCENT_COLUMNS = (RATE, DECISION, REFERENCES)
WEEK_FROM, WEEK_TO, COUNTED_ON = "Week From", "Week To", "Counted On"
BACKLOG_FIXED = [WEEK_FROM, WEEK_TO, COUNTED_ON]  # then one column per worker, then Total


@dataclass(frozen=True, eq=False)
class SupervisorView:
    """The Supervisor sheet's tables.

    Attributes
    ----------
    start, end, as_of
        The period (both ends included) and the as-of date.
    table
        :data:`SUPERVISOR_COLUMNS`: one row per worker (by name), then ``Total``.
        Counts are integers; rates are fractions (0.75), NaN when their n is 0;
        the median is in days, NaN without calls.
    n
        Same rows, one column per :data:`WITH_N`: the count each value is over
        (On Time + Late + Missing; Interviews; Interviews; interviews with a call).
    backlog
        One row per week: Week From, Week To, Counted On (the week's last
        business day; NaT if it has none), one column per worker and Total
        (actions Overdue that day; missing when the week has no business day).
    """

    start: date
    end: date
    as_of: date
    table: pd.DataFrame
    n: pd.DataFrame
    backlog: pd.DataFrame

    def small(self) -> pd.DataFrame:
        """Where a value is over fewer than :data:`SMALL_N` (and at least 1): marked."""
        return (self.n > 0) & (self.n < SMALL_N)

    @property
    def workers(self) -> list[str]:
        """The workers' rows, in order (without Total)."""
        return self.table[s.WORKER].tolist()[:-1]

    def notes(self) -> list[str]:
        """What the reader needs to read the figures, one sentence a line."""
        return [
            f"Interviews dated {_day(self.start)} to {_day(self.end)}"
            + ("" if self.end <= self.as_of else f", up to the as-of date {_day(self.as_of)}")
            + f"; figures as of {_day(self.as_of)}.",
            "n = the number each rate or median is taken over; * = fewer than "
            f"{SMALL_N}: too few to judge.",
            "On-time rate = On Time / (On Time + Late + Missing). Undated thank-yous (a Y "
            "without a date) are left out of the rate; Missing = not sent and past due.",
            "Weekly backlog = actions overdue at each week's last business day, from what had "
            "been recorded by then.",
        ]


def period(as_of: date, *, start: date | None = None, end: date | None = None
           ) -> tuple[date, date]:
    """The period's first and last day: by default the 12 weeks ending on ``as_of``.

    With only ``end``, the 12 weeks ending then; with only ``start``, up to ``as_of``.

    >>> period(date(2026, 11, 20))
    (datetime.date(2026, 8, 29), datetime.date(2026, 11, 20))
    """
    end = end or max(as_of, start or as_of)
    start = start or end - timedelta(weeks=DEFAULT_WEEKS) + timedelta(days=1)
    if start > end:
        raise FollowkitError(f"the period starts on {start.isoformat()} (--from), after it "
                             f"ends on {end.isoformat()} (--to)")
    return start, end


def supervisor_view(actions: r.Actions, *, start: date | None = None,
                    end: date | None = None, kept: np.ndarray | None = None
                    ) -> SupervisorView:
    """The supervisor's tables from the engine's result (all actions, not only open ones).

    ``kept`` marks the interview rows reported (a worker filter); default all.

    Examples
    --------
    >>> from followkit.reading.load import load_caseload
    >>> from followkit.core.resources import DATA, resource_path
    >>> from followkit.rules.engine import evaluate
    >>> caseload = load_caseload(resource_path(DATA, "sample_tracker.xlsx"))
    >>> view = supervisor_view(evaluate(caseload, as_of=date(2026, 11, 20)))
    >>> view.table.set_index("Worker")["On-Time Thank-You Rate"].round(2).tolist()
    [0.79, 0.66, 0.73, 0.71, 0.71]
    """
    caseload, as_of = actions.caseload, actions.as_of
    start, end = period(as_of, start=start, end=end)
    iv = caseload.interviews
    kept = np.ones(len(iv), dtype=bool) if kept is None else np.asarray(kept, dtype=bool)
    ok = iv[s.OK].to_numpy(dtype=bool) & kept
    idate = iv[s.INTERVIEW_DATE].to_numpy("datetime64[D]")
    inside = ok & (idate >= np.datetime64(start, "D")) & (
        idate <= np.datetime64(min(end, as_of), "D"))
    names, slot = _worker_slots(caseload, ok)
    counts = {INTERVIEWS: _count(slot, inside, len(names))}
    counts |= _thank_yous(actions, inside, slot, len(names))
    counts[DECISION] = _count(slot, inside & _done(actions, Action.ASK_DECISION), len(names))
    counts[REFERENCES] = _count(slot, inside & _done(actions, Action.ALERT_REFERENCES), len(names))
    first_days, first_slot, call_slot, close = _calls(actions, inside, slot)
    counts[TOO_CLOSE] = np.bincount(call_slot[close], minlength=len(names))
    outcome = iv[s.OUTCOME].to_numpy(dtype=object)
    counts[OFFERS] = _count(slot, inside & np.isin(outcome, (s.OFFER, s.HIRED)), len(names))
    counts[CLOSED] = _count(slot, inside & (outcome != s.PENDING), len(names))
    table, n = _table(names, counts, first_days, first_slot)
    backlog = _backlog(actions, start, end, names, slot, kept)
    return SupervisorView(start, end, as_of, table, n, backlog)


def _worker_slots(caseload: Caseload, ok: np.ndarray) -> tuple[list[str], np.ndarray]:
    """The workers of the evaluable rows (by name; a blank one last), and each row's slot."""
    keys = caseload.keys
    codes = np.unique(keys.worker[ok])
    codes = codes[codes >= 0]
    found = np.asarray(keys.workers, dtype=object)[codes]
    order = sorted(range(len(codes)), key=lambda i: (found[i] == "", str(found[i]).casefold()))
    where = np.full(len(keys.workers) + 1, -1, dtype=np.int64)
    where[codes[order]] = np.arange(len(order))
    taken = {TOTAL, *BACKLOG_FIXED}  # a worker called "Total" must not become the Total
    names = [str(found[i]) or NO_WORKER for i in order]
    names = [f"{name} (worker)" if name in taken else name for name in names]
    return names, where[keys.worker]


def _count(slot: np.ndarray, mask: np.ndarray, k: int) -> np.ndarray:
    return np.bincount(slot[mask], minlength=k).astype(np.int64)


def _done(actions: r.Actions, action: Action) -> np.ndarray:
    """Per interview row: the engine's done flag of its ``action`` (False if none)."""
    done = np.zeros(len(actions.caseload.interviews), dtype=bool)
    table = actions.data
    mine = table.action == action
    done[table.iv[mine]] = table.done[mine]
    return done


def _thank_yous(actions: r.Actions, inside: np.ndarray, slot: np.ndarray, k: int
                ) -> dict[str, np.ndarray]:
    """Thank-yous due, on time, late, missing and undated per worker slot."""
    table = actions.data
    mine = (table.action == Action.SEND_THANK_YOU) & inside[table.iv]
    as_of = np.datetime64(actions.as_of, "D")
    due = table.due[mine]
    done = table.done[mine]  # sent, with no date or a date on or before the as-of date
    sent = actions.caseload.interviewers[s.THANK_YOU_DATE].to_numpy("datetime64[D]")[
        table.who[mine]]
    who = slot[table.iv[mine]]
    is_due = due <= as_of
    kinds = {
        DUE: is_due,
        ON_TIME: is_due & done & (sent <= due),
        LATE: is_due & done & (sent > due),
        MISSING: ~done & (due < as_of),
        UNDATED: is_due & done & np.isnat(sent),
    }
    return {name: np.bincount(who[mask], minlength=k) for name, mask in kinds.items()}


def _calls(actions: r.Actions, inside: np.ndarray, slot: np.ndarray
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The calls made by the as-of date on the period's interviews.

    Returns the days from interview to first call and the worker slot, one
    each per interview with a call; and the worker slot of every call with
    whether it came less than ``min_days_between_calls`` after the one before.
    """
    caseload = actions.caseload
    on = caseload.calls[s.CALL_DATE].to_numpy("datetime64[D]")
    row = caseload.keys.call_row
    made = np.flatnonzero((row >= 0) & (on <= np.datetime64(actions.as_of, "D")))
    made = made[inside[row[made]]]
    order = made[np.lexsort((on[made], row[made]))]  # by interview, then date
    row, on = row[order], on[order]
    same = row[1:] == row[:-1]
    gap = (on[1:] - on[:-1]).astype(np.int64)
    close = np.concatenate([[False], same & (gap < actions.policy.min_days_between_calls)])
    first = np.concatenate([[True], ~same])[: len(row)]
    idate = caseload.interviews[s.INTERVIEW_DATE].to_numpy("datetime64[D]")
    days = (on[first] - idate[row[first]]).astype(np.int64)
    return days, slot[row[first]], slot[row], close[: len(row)]


def _table(names: list[str], counts: dict[str, np.ndarray], first_days: np.ndarray,
           first_slot: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows per worker and the Total row; each rate from its own counts."""
    k = len(names)
    whole = {c: np.append(v, v.sum()).astype(np.int64) for c, v in counts.items()}
    medians = pd.Series(first_days, dtype="float64").groupby(first_slot).median()
    median = np.append(medians.reindex(range(k)).to_numpy(),
                       np.median(first_days) if len(first_days) else np.nan)
    with_call = np.append(np.bincount(first_slot, minlength=k), len(first_days))
    judged = whole[ON_TIME] + whole[LATE] + whole[MISSING]
    n = {RATE: judged, DECISION: whole[INTERVIEWS], REFERENCES: whole[INTERVIEWS],
         MEDIAN_DAYS: with_call}
    values: dict[str, object] = {s.WORKER: pd.Series([*names, TOTAL], dtype=object)}
    for column in SUPERVISOR_COLUMNS[1:]:
        if column == RATE:
            values[column] = _share(whole[ON_TIME], judged)
        elif column in (DECISION, REFERENCES):
            values[column] = _share(whole[column], whole[INTERVIEWS])
        elif column == MEDIAN_DAYS:
            values[column] = median.astype("float64")
        else:
            values[column] = whole[column]
    return pd.DataFrame(values), pd.DataFrame({c: n[c].astype(np.int64) for c in WITH_N})


def _share(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
    out = np.full(len(whole), np.nan)
    np.divide(part, whole, out=out, where=whole > 0)
    return out


def week_ends(start: date, end: date, as_of: date) -> np.ndarray:
    """The last day of each 7-day week of the period, counted back from its end (or the
    as-of date, if sooner); the first week may be shorter. Oldest first."""
    last = min(end, as_of)
    if start > last:
        return np.array([], dtype="datetime64[D]")
    n_weeks = (last - start).days // 7 + 1
    return np.datetime64(last, "D") - 7 * np.arange(n_weeks - 1, -1, -1)


def _backlog(actions: r.Actions, start: date, end: date, names: list[str],
             slot: np.ndarray, kept: np.ndarray) -> pd.DataFrame:
    """Actions Overdue at each week's last business day, per worker and in total.

    One engine run per week (``rules.evaluate`` as of that day, on the caseload
    already loaded); a day before the first interview has nothing overdue and
    is not evaluated; the as-of date reuses ``actions``.
    """
    caseload, policy, as_of = actions.caseload, actions.policy, actions.as_of
    ends = week_ends(start, end, as_of)
    froms = np.maximum(ends - 6, np.datetime64(start, "D"))
    calendar = policy.calendar(start.year - 1, as_of.year + 1)
    counted = np.busday_offset(ends, 0, roll="backward", busdaycal=calendar)
    has_day = counted >= froms
    idate = caseload.interviews[s.INTERVIEW_DATE].to_numpy("datetime64[D]")[
        caseload.interviews[s.OK].to_numpy(dtype=bool)]
    first = idate.min() if len(idate) else np.datetime64("NaT")
    counts = np.zeros((len(ends), len(names)), dtype=np.int64)
    for week in np.flatnonzero(has_day & (counted >= first)):  # a loop over weeks, not rows
        day = counted[week].astype(object)
        found = actions if day == as_of else r.evaluate(caseload, as_of=day, policy=policy)
        overdue = found.data.status == Status.OVERDUE
        overdue &= kept[found.data.iv]
        counts[week] = np.bincount(slot[found.data.iv[overdue]], minlength=len(names))
    missing = ~has_day
    out: dict[str, object] = {
        WEEK_FROM: froms.astype("datetime64[ns]"), WEEK_TO: ends.astype("datetime64[ns]"),
        COUNTED_ON: np.where(has_day, counted, np.datetime64("NaT")).astype("datetime64[ns]")}
    for i, name in enumerate([*names, TOTAL]):
        values = counts[:, i] if i < len(names) else counts.sum(axis=1)
        out[name] = pd.arrays.IntegerArray(values.astype(np.int64), missing.copy())
    return pd.DataFrame(out)


def mark(n: int) -> str:
    """'*' for a value over fewer than :data:`SMALL_N` (and at least 1), else ''."""
    return "*" if 0 < n < SMALL_N else ""


def figure_text(value: float, n: int, *, percent: bool) -> str:
    """A rate or median with its n: ``'71% (n=28)'``, ``'6.5 (n=4)*'``; ``''`` when n is 0.

    Percentages round half up, as a spreadsheet shows them.

    >>> figure_text(0.125, 8, percent=True), figure_text(6.5, 4, percent=False)
    ('13% (n=8)', '6.5 (n=4)*')
    """
    if n == 0 or value != value:
        return ""
    shown = f"{int(np.floor(value * 100 + 0.5 + 1e-9))}%" if percent else f"{value:g}"
    return f"{shown} (n={n}){mark(n)}"


def text_table(view: SupervisorView) -> pd.DataFrame:
    """The Supervisor table as a reader sees it: every cell text, rates with their n."""
    out = view.table.astype(object).copy()
    for column in WITH_N:
        out[column] = [figure_text(v, int(n), percent=column in PERCENT_COLUMNS)
                       for v, n in zip(view.table[column], view.n[column], strict=True)]
    for column in SUPERVISOR_COLUMNS[1:]:
        if column not in WITH_N:
            out[column] = view.table[column].astype(str)
    return out


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"
