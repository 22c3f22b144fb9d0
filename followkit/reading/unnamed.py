"""A thank-you sent to someone not named (SPEC §2 flat layout, §4 step 3).

Every layout that keeps a thank-you beside an interview without naming the
interviewer (a flat ``Thank-You Sent`` column with no name on the row, a header
group's ``Send a Thank You Note`` / ``Date Sent``, an activity log's or an events
cell's thank-you) gives here rows naming no one (``Interviewer`` ``""``).
:func:`settle_unnamed` is the one rule for them: a thank-you recorded as sent
(yes, a check mark, X or a date) for an interview that names nobody means the
young person knew whom to thank, so that interview has one interviewer whose name
is not known (:data:`~followkit.core.schema.UNNAMED_INTERVIEWER`) with that
thank-you; its *Send thank-you* is Done and *Get interviewer names* is not due.
A thank-you not sent (no, blank) leaves the interview with no interviewer, as
before: the names are still to get.
"""

from __future__ import annotations

import pandas as pd

from followkit.core import schema as s
from followkit.reading.columns import ROUND_INTERVIEWER
from followkit.reading.flat import NAME_SPLIT
from followkit.reading.issuelog import IssueLog
from followkit.reading.sheets import TableSheet
from followkit.reading.tables import INTERVIEWER_COLUMNS, concat, latest_held, yes_no_column
from followkit.reading.values import cell_text


def settle_unnamed(people: pd.DataFrame) -> pd.DataFrame:
    """``people`` (INTERVIEWER_COLUMNS) without its rows naming no one, except one per
    interview that names no one and has a thank-you recorded sent: that row, named
    :data:`~followkit.core.schema.UNNAMED_INTERVIEWER` (the dated thank-you, the
    earliest, before an undated one). Rows keep their order."""
    blank = (people[s.INTERVIEWER] == "").to_numpy()
    if not blank.any():
        return people
    named = set(people.loc[~blank, s.INTERVIEW_ID])
    sent = people[s.THANK_YOU_SENT].astype(bool).to_numpy()
    candidates = people[blank & sent & ~people[s.INTERVIEW_ID].isin(named).to_numpy()]
    chosen = candidates.sort_values(s.THANK_YOU_DATE, kind="stable",
                                    na_position="last").drop_duplicates(s.INTERVIEW_ID)
    keep = ~blank | people.index.isin(chosen.index)
    out = people[keep].copy()
    out.loc[out[s.INTERVIEWER] == "", s.INTERVIEWER] = s.UNNAMED_INTERVIEWER
    return out.reset_index(drop=True)


def to_its_round(people: pd.DataFrame, kept: pd.DataFrame, ts: TableSheet) -> pd.DataFrame:
    """Rows naming no one with a dated thank-you from the sheet's one ``Thank-You Sent``
    column, moved to the round it thanked: the latest round of the same sheet row held
    on or before that date (on a sheet of stage columns that column belongs to no round
    by its place, only by its date; a header group's thank-you is its round's by place
    and stays). A thank-you dated before every round of its row stays on the latest
    round (a warning says it is dated before the interview)."""
    shared = [label for label, _ in ts.flat.get(s.FLAT_THANK_YOU, [])]
    dated = ((people[s.INTERVIEWER] == "") & people[s.THANK_YOU_DATE].notna()
             & people["_thank_col"].isin(shared)).to_numpy()
    if not dated.any():
        return people
    rounds = pd.DataFrame({s.SHEET: kept[s.SHEET].to_numpy(), s.ROW: kept[s.ROW].to_numpy(),
                           "round": kept[s.INTERVIEW_ID].to_numpy(),
                           "held": kept[s.INTERVIEW_DATE].to_numpy()})
    if not rounds.duplicated([s.SHEET, s.ROW]).any():
        return people  # one interview a row: nothing to choose between
    moving = people.loc[dated, [s.SHEET, s.ROW, s.THANK_YOU_DATE]].reset_index()
    pairs = latest_held(moving, rounds, on=[s.SHEET, s.ROW], event="index",
                        when=s.THANK_YOU_DATE, held="held")
    out = people.copy()
    out.loc[pairs["index"].to_numpy(), s.INTERVIEW_ID] = pairs["round"].to_numpy()
    return out


def round_thank_yous(ts: TableSheet, kept: pd.DataFrame, stage_of: pd.Series, order: str,
                     log: IssueLog) -> pd.DataFrame:
    """The interviewer and thank-you columns of header groups (``Interview #2 ·
    Interviewer``, ``Interview #2 · Send a Thank You Note``, ``Interview #2 · Date
    Sent``) as interviewer rows of their round: one per name (several in a cell
    split as the flat layout's), or one naming no one.

    ``kept`` holds the interview rows (one per round, indexed by sheet row) and
    ``stage_of`` each one's round column (the group's date column). The thank-you
    is sent when any of the group's thank-you cells says so; its date is the
    earliest written."""
    fields = {g.label: g.field for g in ts.guesses}
    pieces = []
    for stage, labels in ts.round_thanks.items():
        mine = kept[(stage_of == stage).to_numpy()]
        if mine.empty:
            continue
        cells = ts.frame.loc[mine.index]
        names = [x for x in labels if fields.get(x) == ROUND_INTERVIEWER]
        thanks = [x for x in labels if x not in names]
        done = pd.Series(False, index=mine.index)
        dates = pd.Series(pd.NaT, index=mine.index, dtype="datetime64[ns]")
        for label in thanks:
            said, on = yes_no_column(cells, label, order, log, mine[s.INTERVIEW_ID])
            done |= said.astype(bool)
            dates = dates.where(dates.notna() & ~(on < dates), on)
        piece = pd.DataFrame({
            s.INTERVIEW_ID: mine[s.INTERVIEW_ID], s.INTERVIEWER: "", s.EMAIL: "",
            s.THANK_YOU_SENT: done, s.THANK_YOU_DATE: dates, s.SHEET: mine[s.SHEET],
            s.ROW: mine[s.ROW], "_name_col": names[0] if names else "", "_email_col": "",
            "_thank_col": thanks[-1] if thanks else ""})
        if names:
            listed = cells[names].map(cell_text).agg("; ".join, axis=1)
            piece[s.INTERVIEWER] = listed.str.split(NAME_SPLIT, regex=True).to_numpy()
            piece = piece.explode(s.INTERVIEWER)
            piece[s.INTERVIEWER] = piece[s.INTERVIEWER].fillna("").str.strip()
        pieces.append(piece)
    return concat(pieces, INTERVIEWER_COLUMNS)
