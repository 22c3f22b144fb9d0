"""Follow-up calls and thank-yous kept as rows of an activity log (SPEC §2.1, §8).

An activity log keeps one row per event: a date, a type (``Applied for job``,
``Interview``) and the employer. ``followkit record`` writes a follow-up call or
a thank-you into such a log as a new row of the same kind (``Follow-up call``,
``Thank-you sent``, or the word the log already uses), never as a new column.
Reading it back, a call or thank-you row is linked to the interview it follows:
the same client and employer, the latest interview on or before its date. A
linked row is a call (or marks the interviewer thanked) of that interview; a
row that links to no interview stays what it was before (a job-search activity).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from followkit.core import schema as s
from followkit.reading.sheets import TableSheet
from followkit.reading.tables import (
    CALL_COLUMNS,
    INTERVIEWER_COLUMNS,
    concat,
    get,
    latest_held,
)
from followkit.reading.values import text_column
from followkit.reading.vocab import word_key

CALL_KIND = "call"
THANK_YOU_KIND = "thank-you"
FOLLOW_UP_KINDS = (CALL_KIND, THANK_YOU_KIND)


class Links(NamedTuple):
    """What an activity log's follow-up rows add to its interviews."""

    rows: np.ndarray  # bool per sheet row: a follow-up row linked to an interview
    calls: pd.DataFrame  # CALL_COLUMNS
    thanks: pd.DataFrame  # Interview ID, Interviewer ('' = every one), date, Sheet, Row


def interviewer_labels(ts: TableSheet) -> list[str]:
    """The columns of ``ts`` that hold interviewer names (flat roles, in order)."""
    numbered = sorted(ts.flat.get(s.FLAT_INTERVIEWER_N, []), key=lambda x: x[1] or 0)
    return [label for label, _ in numbered] + [
        label for label, _ in ts.flat.get(s.FLAT_INTERVIEWERS, [])]


def activity_links(ts: TableSheet, out: pd.DataFrame, kind: np.ndarray,
                   activity: pd.Series, activity_on: pd.Series) -> Links:
    """Link the call and thank-you rows of an activity log to their interviews.

    ``out`` holds each sheet row's Interview ID, Client ID, Employer and
    Interview Date; ``kind`` each row's kind (``"interview"`` for interviews);
    ``activity`` the kind of each row's activity (:func:`vocab.activity_kind`)
    and ``activity_on`` its date.
    """
    none = Links(np.zeros(len(out), dtype=bool), concat([], CALL_COLUMNS),
                 pd.DataFrame(columns=[s.INTERVIEW_ID, s.INTERVIEWER, "date", s.SHEET,
                                       s.ROW]))
    follow = activity.isin(FOLLOW_UP_KINDS).to_numpy() & activity_on.notna().to_numpy() & (
        kind != "interview")
    if not follow.any():
        return none
    employer = out[s.EMPLOYER].map(word_key)
    interviews = pd.DataFrame({
        "client": out[s.CLIENT_ID], "employer": employer, "idate": out[s.INTERVIEW_DATE],
        s.INTERVIEW_ID: out[s.INTERVIEW_ID], "order": np.arange(len(out))})[
        (kind == "interview") & out[s.INTERVIEW_DATE].notna().to_numpy() & (employer != "")]
    rows = pd.DataFrame({"client": out[s.CLIENT_ID], "employer": employer, "on": activity_on,
                         "what": activity, "pos": np.arange(len(out))})[follow]
    pairs = latest_held(rows, interviews, on=["client", "employer"], event="pos", when="on",
                        held="idate", order=("order",))
    if pairs.empty:
        return none
    linked = np.zeros(len(out), dtype=bool)
    linked[pairs["pos"].to_numpy()] = True
    frame = ts.frame.iloc[pairs["pos"].to_numpy()]
    base = pd.DataFrame({s.INTERVIEW_ID: pairs[s.INTERVIEW_ID].to_numpy(),
                         s.SHEET: frame[s.SHEET].to_numpy(), s.ROW: frame[s.ROW].to_numpy(),
                         "date": pairs["on"].to_numpy(), "what": pairs["what"].to_numpy()})
    notes = text_column(get(ts, s.NOTES)).iloc[pairs["pos"].to_numpy()].to_numpy()
    calls = base[base["what"] == CALL_KIND]
    calls = pd.DataFrame({
        s.INTERVIEW_ID: calls[s.INTERVIEW_ID], s.CALL_DATE: calls["date"],
        s.RESULT: notes[(base["what"] == CALL_KIND).to_numpy()], s.SHEET: calls[s.SHEET],
        s.ROW: calls[s.ROW], "_col": ts.columns.get(s.ACTIVITY_DATE, ""), s.PLANNED: False})
    names = _names(ts, pairs["pos"].to_numpy())
    thanks = base.assign(**{s.INTERVIEWER: names})[base["what"] == THANK_YOU_KIND]
    return Links(linked, concat([calls], CALL_COLUMNS),
                 thanks[[s.INTERVIEW_ID, s.INTERVIEWER, "date", s.SHEET, s.ROW]])


def _names(ts: TableSheet, positions: np.ndarray) -> np.ndarray:
    """The interviewer named on each follow-up row ('' when none is)."""
    names = np.full(len(positions), "", dtype=object)
    for label in reversed(interviewer_labels(ts)):
        cells = text_column(ts.frame[label]).iloc[positions].to_numpy()
        names = np.where(cells != "", cells, names)
    return names


def mark_thanked(interviewers: pd.DataFrame, thanks: pd.DataFrame,
                 label: str) -> pd.DataFrame:
    """``interviewers`` with the thank-you rows applied (a new frame).

    A row naming an interviewer marks that one (a name not yet listed is added,
    thanked); a row naming no one marks every interviewer of the interview (with none
    listed, it is added naming no one: see :func:`reading.unnamed.settle_unnamed`).
    ``label`` is the column the names of thank-you rows are in.
    """
    if thanks.empty:
        return interviewers
    people = interviewers.copy()
    added = []
    for iid, name, day, sheet, row in thanks.itertuples(index=False):
        mine = (people[s.INTERVIEW_ID] == iid) & (
            (name == "") | (people[s.INTERVIEWER].str.casefold() == name.casefold()))
        fresh = mine & ~people[s.THANK_YOU_SENT].astype(bool)
        people.loc[fresh, s.THANK_YOU_SENT] = True
        people.loc[fresh, s.THANK_YOU_DATE] = day
        if not mine.any():
            added.append({s.INTERVIEW_ID: iid, s.INTERVIEWER: name, s.EMAIL: "",
                          s.THANK_YOU_SENT: True, s.THANK_YOU_DATE: day, s.SHEET: sheet,
                          s.ROW: row, "_name_col": label, "_email_col": "", "_thank_col": ""})
    if not added:
        return people
    return concat([people, pd.DataFrame(added)], INTERVIEWER_COLUMNS)
