"""An interview's last activity, and whether it is stale (docs/rules.md, "Stale work").

Activity on an interview is anything dated that the tracker records about it:
the interview itself, a call made (or a follow-up the worker planned after the
as-of date), a thank-you sent, its references alerted, and its decision date
(a decision date still to come keeps the interview live until then). Records
dated after the as-of date do not count yet, except a planned follow-up and
the decision date. The client's applications to other employers are not
activity on this interview: the job search (step 5) follows the client.

An open interview is **stale** when the as-of date is more than the policy's
``stale_after_weeks`` after its last activity (0: never). Column expressions
only: one ``np.maximum.at`` per source.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from followkit.core import schema as s

if TYPE_CHECKING:
    from followkit.rules.engine import RuleContext

_NAT = np.iinfo(np.int64).min  # NaT as an int64


def last_activity(ctx: RuleContext) -> np.ndarray:
    """Per started row (``ctx.rows``): the date of its last activity (datetime64[D])."""
    last = ctx.idate.astype(np.int64)
    caseload, as_of = ctx.caseload, ctx.as_of

    def fold(at: np.ndarray, on: np.ndarray, counted: np.ndarray) -> None:
        take = (at >= 0) & ~np.isnat(on) & counted
        np.maximum.at(last, at[take], on[take].astype(np.int64))

    calls = caseload.calls
    on = calls[s.CALL_DATE].to_numpy("datetime64[D]")
    planned = calls[s.PLANNED].to_numpy(dtype=bool) if s.PLANNED in calls else \
        np.zeros(len(on), dtype=bool)
    fold(ctx.started(ctx.keys.call_row), on, (on <= as_of) | planned)
    who, at = ctx.named()
    sent = caseload.interviewers[s.THANK_YOU_DATE].to_numpy("datetime64[D]")[who]
    fold(at, sent, sent <= as_of)
    everyone = np.arange(len(ctx.rows))
    alerted = ctx.column(s.REFERENCES_ALERTED_DATE, "datetime64[D]")
    fold(everyone, alerted, alerted <= as_of)
    decision = ctx.column(s.DECISION_DATE, "datetime64[D]")
    fold(everyone, decision, np.ones(len(everyone), dtype=bool))
    return last.astype("datetime64[D]")


def quiet_since(last: np.ndarray, as_of: np.datetime64, weeks: int) -> np.ndarray:
    """Whether each last activity is more than ``weeks`` weeks before ``as_of``."""
    if weeks <= 0:
        return np.zeros(len(last), dtype=bool)
    return last < as_of - np.timedelta64(7 * weeks, "D")


def span_text(days: np.ndarray) -> np.ndarray:
    """'9 weeks' under two years, then '6 years' (a worker's word for a long quiet)."""
    days = np.asarray(days, dtype=np.int64)
    weeks, years = days // 7, days // 365
    return np.where(days < 730, np.char.mod("%d weeks", weeks),
                    np.char.mod("%d years", years)).astype(object)
