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

from followkit.reading.columns import DATE_SPLIT
from followkit.reading.issuelog import IssueLog
from followkit.reading.issues import WARNING
from followkit.reading.sheets import TableSheet
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
        pieces.append(pd.DataFrame({"row": long["row"].to_numpy(),
                                    "day": parsed.values.to_numpy(), "stage": label}))
    return _per_row(index, pieces, yes_where, ts, log)


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
