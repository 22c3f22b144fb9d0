"""Interview stages kept as columns (``Phone Screen``, ``Onsite``, ``Round 2``).

Each dated cell of a stage column is one interview round of that row's
application; a cell with two dates (``8/22/2019 & 8/27/2019``) is two rounds;
``yes``/``x`` is a round on a day not known (a warning). Which columns are
stages is decided in :mod:`followkit.reading.columns` (by header, then content).
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import pandas as pd

from followkit.core import schema as s
from followkit.reading.columns import DATE_SPLIT
from followkit.reading.events import (
    follow_up_days,
    interview_days,
    meeting_days,
    thank_you_days,
)
from followkit.reading.issuelog import IssueLog
from followkit.reading.issues import WARNING
from followkit.reading.sheets import TableSheet
from followkit.reading.tables import latest_held
from followkit.reading.values import cell_text, parse_dates
from followkit.reading.vocab import is_empty_word, is_placeholder, word_key

_YES = frozenset({"yes", "y", "x", "done", "true", "completed", "passed", "attended"})
_NO = frozenset({"no", "n", "false", "not yet", "declined"})


class Rounds(NamedTuple):
    """The interview rounds found in a sheet's stage columns, per row."""

    latest: pd.Series  # the latest round's date (NaT: none dated)
    dated: pd.Series  # how many dated rounds
    undated: pd.Series  # a stage says yes but no stage of the row has a date
    days: pd.DataFrame  # every dated round: row (index label), day, stage (column label)


def stage_rounds(ts: TableSheet, *, order: str, decided: bool, near: pd.Series,
                 as_of: date | None, log: IssueLog, ids: pd.Series) -> Rounds:
    """Read every stage column of ``ts`` into rounds (see :class:`Rounds`)."""
    index = ts.frame.index
    pieces: list[pd.DataFrame] = []
    said_yes = pd.Series(False, index=index)
    yes_where = pd.Series("", index=index, dtype=object)
    for label in ts.events:  # a cell of dated events: its interviews are rounds
        long = pd.DataFrame({"cell": ts.frame[label].map(interview_days), "row": index}
                            ).explode("cell").dropna(subset=["cell"])
        if not long.empty:
            pieces.append(_dated(ts, label, long, order=order, decided=decided, near=near,
                                 as_of=as_of, log=log, ids=ids))
    for label in ts.stages:
        texts = ts.frame[label].map(cell_text)
        yes = texts.map(lambda t: word_key(t) in _YES)
        said_yes |= yes
        yes_where = yes_where.where(~yes, yes_where + (yes_where != "").map(
            {True: ", ", False: ""}) + label)
        skip = texts.map(lambda t: not t or is_empty_word(t) or is_placeholder(t) or
                         word_key(t) in _NO) | yes
        raw = ts.frame[label].where(~skip, "")
        split = raw.map(lambda v: [p for p in DATE_SPLIT.split(v) if p.strip()]
                        if isinstance(v, str) else [v])
        long = pd.DataFrame({"cell": split, "row": index}).explode("cell")
        long = long[long["cell"].map(lambda v: cell_text(v) != "")]
        if long.empty:
            continue
        pieces.append(_dated(ts, label, long, order=order, decided=decided, near=near,
                             as_of=as_of, log=log, ids=ids))
    return _per_row(index, pieces, yes_where, ts, log)


def _dated(ts: TableSheet, label: str, long: pd.DataFrame, *, order: str, decided: bool,
           near: pd.Series, as_of: date | None, log: IssueLog, ids: pd.Series
           ) -> pd.DataFrame:
    """The rounds of one column, one date cell per row of ``long`` (row, cell)."""
    parsed = parse_dates(long["cell"].reset_index(drop=True), order=order,
                         near=near.reindex(long["row"]).reset_index(drop=True),
                         as_of=as_of, decided=decided)
    problems = parsed.problems.copy()
    problems[parsed.values.isna() & problems.notna()] = problems + (
        "; not a date or yes/no: this round is not counted")
    frame = ts.frame.loc[long["row"]].reset_index(drop=True)
    log.where(frame, problems.notna(), column=label,
              value=long["cell"].reset_index(drop=True), problem=problems,
              severity=parsed.severities.where(parsed.values.notna(), WARNING),
              interview_id=ids.reindex(long["row"]).reset_index(drop=True))
    return pd.DataFrame({"row": long["row"].to_numpy(), "day": parsed.values.to_numpy(),
                         "stage": label})


def _per_row(index: pd.Index, pieces: list[pd.DataFrame], yes_where: pd.Series,
             ts: TableSheet, log: IssueLog) -> Rounds:
    said_yes = yes_where != ""
    days = pd.concat(pieces, ignore_index=True).dropna() if pieces else pd.DataFrame(
        {"row": pd.Series(dtype=object), "day": pd.Series(dtype="datetime64[ns]"),
         "stage": pd.Series(dtype=object)})
    days = days.drop_duplicates(["row", "day"]).sort_values(["row", "day"], kind="stable")
    grouped = days.groupby("row")["day"]
    latest = grouped.max().reindex(index).astype("datetime64[ns]")
    dated = grouped.nunique().reindex(index).fillna(0).astype(int)
    undated = said_yes & latest.isna()
    log.where(ts.frame, said_yes & latest.isna(), column=yes_where, value="yes",
              problem="an interview stage is marked done but has no date: the round is "
                      "counted, on a day not known; type its date to have it followed up",
              severity=WARNING)
    return Rounds(latest, dated, undated, days.reset_index(drop=True))


def event_calls(ts: TableSheet, keyed: pd.DataFrame, latest: pd.Series, *, order: str,
                decided: bool, log: IssueLog) -> list[pd.DataFrame]:
    """The follow-ups sent of each events column as contacts with the employer (calls),
    one per follow-up on or after the row's latest interview (an earlier one followed
    an earlier round, whose follow-up call is Not needed). ``keyed``: the latest
    rounds' rows (Interview ID, Sheet, Row); ``latest``: their interview dates."""
    pieces = []
    for label in ts.events:
        long = pd.DataFrame({"cell": ts.frame.loc[keyed.index, label].map(follow_up_days),
                             "row": keyed.index}).explode("cell").dropna(subset=["cell"])
        if long.empty:
            continue
        parsed = parse_dates(long["cell"].reset_index(drop=True), order=order,
                             decided=decided)
        rows = long["row"].to_numpy()
        log.parsed(ts.frame.loc[rows].reset_index(drop=True), label,
                   long["cell"].reset_index(drop=True), parsed,
                   downgrade="; this follow-up is not counted")
        piece = keyed.loc[rows, [s.INTERVIEW_ID, s.SHEET, s.ROW]].reset_index(drop=True)
        piece[s.CALL_DATE] = parsed.values.to_numpy()
        piece[s.RESULT] = f"follow-up sent (in {label!r})"
        piece["_col"] = label
        piece[s.PLANNED] = True  # a date after the as-of date is a plan, as in SPEC §2.1
        after = piece[s.CALL_DATE].to_numpy() >= latest.loc[rows].to_numpy()
        pieces.append(piece[after])
    return pieces


def meetings_as_interviews(ts: TableSheet, idate: pd.Series, claims: pd.Series, *,
                           order: str, decided: bool, log: IssueLog) -> pd.Series:
    """``idate`` with, for a row whose status says interview but that has no interview
    date, the latest call or meeting of its events columns; each one a warning."""
    wanting = claims & idate.isna()
    if not ts.events or not wanting.any():
        return idate
    out = idate.copy()
    for label in ts.events:
        days = ts.frame.loc[wanting & out.isna(), label].map(meeting_days)
        long = pd.DataFrame({"cell": days, "row": days.index}).explode("cell").dropna()
        if long.empty:
            continue
        parsed = parse_dates(long["cell"].reset_index(drop=True), order=order,
                             decided=decided)
        latest = pd.Series(parsed.values.to_numpy(), index=long["row"]).groupby(level=0).max()
        latest = latest.dropna()
        out.loc[latest.index] = latest.to_numpy()
        log.where(ts.frame, ts.frame.index.isin(latest.index), column=label,
                  value=ts.frame[label],
                  problem="this row's status says interview but it has no interview "
                          "date: its latest dated call or meeting here is taken as the "
                          "interview date; check it",
                  severity=WARNING)
    return out


def event_thanks(ts: TableSheet, kept: pd.DataFrame, *, order: str, decided: bool,
                 log: IssueLog) -> pd.DataFrame:
    """The thank-yous sent of each events column, each one the thank-you of the latest
    round (of ``kept``, the interview rows by sheet row) on or before its date; as
    rows naming no one (Interview ID, Interviewer, date, Sheet, Row) that thank every
    interviewer of that round (:func:`reading.activity_links.mark_thanked`)."""
    out = pd.DataFrame(columns=[s.INTERVIEW_ID, s.INTERVIEWER, "date", s.SHEET, s.ROW])
    rows = kept.index.unique()
    rounds = pd.DataFrame({"row": kept.index, "iid": kept[s.INTERVIEW_ID].to_numpy(),
                           "idate": kept[s.INTERVIEW_DATE].to_numpy()})
    pieces = [out]
    for label in ts.events:
        long = pd.DataFrame({"cell": ts.frame.loc[rows, label].map(thank_you_days),
                             "row": rows}).explode("cell").dropna(subset=["cell"])
        if long.empty:
            continue
        cells = long["cell"].reset_index(drop=True)
        parsed = parse_dates(cells, order=order, decided=decided)
        log.parsed(ts.frame.loc[long["row"]].reset_index(drop=True), label, cells, parsed,
                   downgrade="; this thank-you is not counted")
        long = long.assign(on=parsed.values.to_numpy()).dropna(subset=["on"])
        pairs = latest_held(long, rounds, on="row", event=["row", "on"], when="on",
                            held="idate")
        pieces.append(pd.DataFrame({
            s.INTERVIEW_ID: pairs["iid"].to_numpy(), s.INTERVIEWER: "",
            "date": pairs["on"].to_numpy(),
            s.SHEET: ts.frame.loc[pairs["row"], s.SHEET].to_numpy(),
            s.ROW: ts.frame.loc[pairs["row"], s.ROW].to_numpy()}))
    return pd.concat(pieces, ignore_index=True) if len(pieces) > 1 else out
