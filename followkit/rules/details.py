"""The Details and Contact texts of the built-in steps (one rule per step).

Text is built only for the rows a worker sees or exports
(:meth:`followkit.rules.engine.Actions.text`). Each rule takes a :class:`Texts`
(the actions shown and their columns) and the positions ``at`` of its rows,
and returns one text per row, with column operations only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from followkit.core import schema as s
from followkit.core.policy import holiday_names
from followkit.rules.activity import span_text
from followkit.rules.steps import DUE_DATE, LAST_CALL, STALE_TAB

if TYPE_CHECKING:
    from followkit.rules.engine import Actions

# Why a first follow-up call is due when it is (InterviewFacts.call_why).
FIRST_BY_WEEK, FIRST_BY_FLOOR, FIRST_BY_DECISION, BY_PLAN = range(4)


def format_days(values: np.ndarray | pd.Series) -> pd.Series:
    """Dates as 'Fri 20 Nov 2026' ('' for none), formatting each distinct date once."""
    return pd.Series(days_text(values), dtype=object)


def days_text(values: np.ndarray | pd.Series) -> np.ndarray:
    """:func:`format_days` as an object array."""
    days = np.asarray(values, dtype="datetime64[D]")
    missing = np.isnat(days)
    uniques = np.unique(days[~missing])
    names = np.array([f"{d:%a} {d.day} {d:%b %Y}" for d in uniques.astype(object)] + [""],
                     dtype=object)
    codes = np.where(missing, len(uniques), np.searchsorted(uniques, days))
    return names[codes]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@dataclass(frozen=True, eq=False)
class Texts:
    """What a Details or Contact rule reads.

    ``actions`` are the actions shown; ``values`` the columns of their
    :meth:`~followkit.rules.engine.Actions.frame` (same rows), by column name.
    """

    actions: Actions
    values: Mapping[str, Any]

    def days(self, values: np.ndarray | pd.Series) -> np.ndarray:
        return days_text(values)

    def column(self, name: str, at: np.ndarray) -> np.ndarray:
        """The column ``name`` of the rows ``at``."""
        return np.asarray(self.values[name])[at]

    def interview(self, at: np.ndarray) -> np.ndarray:
        """'interview Fri 20 Nov 2026' for the rows ``at``, with the cell it was read
        from when that is a cell of events ("(from the 'Notes' cell, row 14)")."""
        text = "interview " + days_text(self.column(s.INTERVIEW_DATE, at))
        interviews = self.actions.caseload.interviews
        if s.FROM_CELL not in interviews:
            return text
        cell = interviews[s.FROM_CELL].fillna("").to_numpy(dtype=object)[
            self.actions.data.iv[at]]
        return np.where(cell != "", text + " (from " + cell + ")", text)

    def business_days(self, at: np.ndarray, n: int) -> np.ndarray:
        """'interview ... + n business days; skipping ...' up to each row's due date."""
        idate = self.column(s.INTERVIEW_DATE, at).astype("datetime64[D]")
        due = self.column(DUE_DATE, at).astype("datetime64[D]")
        return (self.interview(at) + f" + {_plural(n, 'business day')}"
                + self.skipped_holidays(idate, due))

    def skipped_holidays(self, start: np.ndarray, end: np.ndarray) -> np.ndarray:
        """'; skipping Christmas Day, Boxing Day (observed)' where holidays fall between."""
        names = holiday_names(self.actions.policy, self.actions.calendar)
        if not names or len(start) == 0:
            return np.full(len(start), "", dtype=object)
        hol = np.array(sorted(names), dtype="datetime64[D]")
        lo = np.searchsorted(hol, start, side="right")
        hi = np.searchsorted(hol, end, side="left")
        span, inverse = np.unique(np.stack([lo, np.maximum(hi, lo)], axis=1), axis=0,
                                  return_inverse=True)
        text = np.array([
            "; skipping " + ", ".join(names[d] for d in hol[a:b].astype(object))
            if b > a else "" for a, b in span], dtype=object)
        return text[inverse.reshape(-1)]


# --- Contact ---------------------------------------------------------------------


def phone_contact(t: Texts, at: np.ndarray) -> np.ndarray:
    return t.column(s.EMPLOYER_PHONE, at)


def interviewer_contact(t: Texts, at: np.ndarray) -> np.ndarray:
    name, email = t.column(s.INTERVIEWER, at), t.column(s.EMAIL, at)
    name = np.where(name == s.UNNAMED_INTERVIEWER, "", name)  # no one to write to
    return name + np.where(email != "", np.where(name != "", " <" + email + ">", email), "")


# --- Details ---------------------------------------------------------------------


def ask_decision(t: Texts, at: np.ndarray) -> np.ndarray:
    return np.where(
        t.actions.data.done[at], "decision expected " + t.days(t.column(s.DECISION_DATE, at)),
        t.interview(at) + ": ask when the hiring decision will be made; no decision date "
                          "recorded")


def alert_references(t: Texts, at: np.ndarray) -> np.ndarray:
    actions = t.actions
    alerted = actions.caseload.interviews[s.REFERENCES_ALERTED_DATE].to_numpy(
        "datetime64[D]")[actions.data.iv[at]]
    return np.where(
        actions.data.done[at],
        "references alerted" + np.where(np.isnat(alerted), "", " " + t.days(alerted)),
        t.business_days(at, actions.policy.references_business_days)
        + "; references not alerted yet: tell them the employer may call")


def send_thank_you(t: Texts, at: np.ndarray) -> np.ndarray:
    actions = t.actions
    name = t.column(s.INTERVIEWER, at)
    sent = actions.caseload.interviewers[s.THANK_YOU_DATE].to_numpy("datetime64[D]")[
        actions.data.who[at]]
    unnamed = name == s.UNNAMED_INTERVIEWER
    return np.where(
        actions.data.done[at],
        np.where(unnamed, "thank-you sent", "thank-you to " + name + " sent")
        + np.where(np.isnat(sent), "", " " + t.days(sent))
        + np.where(unnamed, " (the interviewer is not named)", ""),
        t.business_days(at, actions.policy.thank_you_business_days)
        + np.where(unnamed, "; thank-you recorded for " + t.days(sent)
                   + ", not sent yet (the interviewer is not named)",
                   "; no thank-you recorded for " + name))


def get_names(t: Texts, at: np.ndarray) -> np.ndarray:
    return t.interview(at) + (": no interviewer named; get the name of each interviewer "
                              "so each one gets a thank-you")


def follow_up_call(t: Texts, at: np.ndarray) -> np.ndarray:
    actions = t.actions
    p, table, facts = actions.policy, actions.data, actions.by_interview
    gap = max(p.call_interval_days, p.min_days_between_calls)
    rows = table.iv[at]
    counted = np.char.mod("%d", facts.calls[rows]).astype(object)
    last_call = table.who[at]
    result = np.full(len(at), "", dtype=object)
    has_calls = last_call >= 0
    result[has_calls] = actions.caseload.calls[s.RESULT].fillna("").to_numpy(dtype=object)[
        last_call[has_calls]]
    raw = facts.call_from[rows]
    due = t.column(DUE_DATE, at).astype("datetime64[D]")
    interview = t.days(t.column(s.INTERVIEW_DATE, at))
    why = facts.call_why[rows]
    rolled = np.where(raw != due, " (" + t.days(raw) + " is not a business day)", "")
    first_why = np.select(
        [why == FIRST_BY_FLOOR, why == FIRST_BY_DECISION],
        ["first call: not before interview " + interview + " + 1 business day",
         "first call: decision expected " + t.days(t.column(s.DECISION_DATE, at))
         + ", sooner than interview " + interview + f" + {p.first_call_days} days"],
        "first call: interview " + interview + f" + {p.first_call_days} days",
    )
    later_why = ("last call " + t.days(t.column(LAST_CALL, at)) + f" + {gap} days; "
                 + counted + " call(s) so far"
                 + np.where(result != "", ", last result: " + result, ""))
    why_text = np.where(has_calls, later_why + rolled, first_why + rolled
                        + "; no calls logged yet")
    why_text = np.where(why == BY_PLAN, "you planned this (follow-up date " + t.days(due)
                        + "); " + counted + " call(s) so far", why_text)
    interviews = actions.caseload.interviews
    if s.QUIET in interviews:  # "Ghosted", "No response": still open (issue #21)
        quiet = interviews[s.QUIET].eq(True).to_numpy()[rows]
        why_text = np.where(quiet, why_text + "; " + GONE_QUIET, why_text)
    outcome = interviews[s.OUTCOME].to_numpy(dtype=object)[rows]
    closed = "outcome " + outcome + ": " + counted + " call(s) made"
    return np.where(actions.is_open()[at], why_text, closed)


# What a call's Details add when the tracker's status says the employer has gone quiet.
GONE_QUIET = ("the tracker says the employer has gone quiet (no answer yet): keep "
              "calling about once a week, not daily, and keep job hunting")


def keep_hunting(t: Texts, at: np.ndarray) -> np.ndarray:
    p = t.actions.policy
    last_app = t.actions.by_interview.hunt_from[t.actions.data.iv[at]]
    latest = t.column(s.INTERVIEW_DATE, at).astype("datetime64[D]")
    days = f" + {p.job_search_interval_days} days"
    keep_going = ": keep applying while waiting to hear"
    return np.where(
        last_app > latest,
        "last application " + t.days(last_app) + days + keep_going,
        "latest open interview " + t.days(latest) + days + np.where(
            np.isnat(last_app), "; no application logged",
            "; last application " + t.days(last_app)) + keep_going)


def earlier_round(t: Texts, at: np.ndarray) -> np.ndarray:
    """An earlier round's step that follows the latest round: why it is not needed."""
    return t.interview(at) + (": not needed, a later interview round of this "
                              "application took place (this step follows the latest)")


def _quiet(t: Texts, at: np.ndarray) -> np.ndarray:
    """'no activity for 9 weeks (since Fri 18 Sep 2026)' for the rows ``at``."""
    last = t.actions.by_interview.last_activity[t.actions.data.iv[at]]
    days = (np.datetime64(t.actions.as_of, "D") - last).astype(np.int64)
    return "no activity for " + span_text(days) + " (since " + t.days(last) + ")"


def close_or_follow_up(t: Texts, at: np.ndarray) -> np.ndarray:
    """The stale list: how long the interview has been quiet, and the two ways out."""
    return (t.interview(at) + ": " + _quiet(t, at) + ": close it (Outcome Withdrawn or Not "
            "Selected) or follow up (call and log the call)")


def stale_elsewhere(t: Texts, at: np.ndarray) -> np.ndarray:
    """A step's action of a stale interview: why it is not needed now."""
    return t.interview(at) + ": not needed now, " + _quiet(t, at) + f"; see {STALE_TAB}"
