"""The tidy tables' columns and the small helpers every reading step shares."""

from __future__ import annotations

from datetime import date

import pandas as pd

from followkit.core import schema as s
from followkit.reading.columns import DATE_SPLIT
from followkit.reading.issuelog import IssueLog
from followkit.reading.sheets import TableSheet
from followkit.reading.values import column_order, parse_dates, parse_yes_no

INTERVIEW_COLUMNS = [
    s.INTERVIEW_ID, s.CLIENT_ID, s.CLIENT_NAME, s.WORKER, s.EMPLOYER, s.POSITION,
    s.INTERVIEW_DATE, s.EMPLOYER_PHONE, s.DECISION_DATE, s.REFERENCES_ALERTED,
    s.REFERENCES_ALERTED_DATE, s.OUTCOME, s.NOTES, s.WHY_ME, s.LANGUAGE, s.SHEET, s.ROW,
    s.OK,
]
INTERVIEWER_COLUMNS = [
    s.INTERVIEW_ID, s.INTERVIEWER, s.EMAIL, s.THANK_YOU_SENT, s.THANK_YOU_DATE,
    s.SHEET, s.ROW, "_name_col", "_email_col", "_thank_col",
]
# _planned: from a Follow-up Date column, where a date after the as-of date is the
# worker's plan for the next call (SPEC §2.1), not a call made.
CALL_COLUMNS = [s.INTERVIEW_ID, s.CALL_DATE, s.RESULT, s.SHEET, s.ROW, "_col", s.PLANNED]
APPLICATION_COLUMNS = [
    s.CLIENT_ID, s.APPLICATION_DATE, s.EMPLOYER, s.POSITION, s.SHEET, s.ROW, "_col",
]
# The rows used as job applications or listed opportunities (the report's Applications
# sheet): these bookkeeping columns, then every original column of their sheet.
KIND, FILE, SHEET_LABEL, ROW_LABEL = "Kind", "File", "Sheet", "Row"
APPLICATION, OPPORTUNITY = "Application", "Listed opportunity"
LISTED_COLUMNS = [KIND, s.CLIENT_ID, s.CLIENT_NAME, FILE, SHEET_LABEL, ROW_LABEL]


def concat(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    """The non-empty frames one under the other, with ``columns``; typed when empty."""
    frames = [f for f in frames if len(f)]
    if not frames:
        return empty(columns)
    return pd.concat(frames, ignore_index=True)[columns]


def empty(columns: list[str]) -> pd.DataFrame:
    """An empty table with ``columns`` (``... Date`` columns as dates)."""
    out = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    for c in columns:
        if c.endswith("Date"):
            out[c] = out[c].astype("datetime64[ns]")
    return out


DATE_FIELDS = (s.INTERVIEW_DATE, s.APPLICATION_DATE, s.ACTIVITY_DATE, s.FOLLOW_UP_DATE,
               s.DECISION_DATE)


def sheet_date_order(ts: TableSheet, default: str) -> tuple[str, bool]:
    """The order of the sheet's text dates when its date columns agree (SPEC §2.1): a
    column without evidence of its own follows them; with none, ``default``."""
    labels = [ts.columns[f] for f in DATE_FIELDS if f in ts.columns] + list(ts.stages)
    if not labels:
        return default, False
    cells = pd.concat([ts.frame[label] for label in labels], ignore_index=True)
    order, decided, _ = column_order(cells, default)
    return order, decided


def row_anchor(ts: TableSheet, *, order: str, decided: bool) -> pd.Series:
    """Each row's earliest full date (any date column or stage), read quietly: the
    year of a date written without one is the year nearest it (SPEC §2.1)."""
    labels = [ts.columns[f] for f in DATE_FIELDS if f in ts.columns] + list(ts.stages)
    anchor = pd.Series(pd.NaT, index=ts.frame.index, dtype="datetime64[ns]")
    for label in labels:
        cells = ts.frame[label].map(lambda v: DATE_SPLIT.split(v)[0] if isinstance(v, str)
                                    else v)
        days = parse_dates(cells, order=order, decided=decided).values
        anchor = anchor.where(anchor.notna() & ~(days < anchor), days)
    return anchor


def get(ts: TableSheet, name: str) -> pd.Series:
    """The column holding field ``name``, or blanks."""
    label = ts.columns.get(name)
    if label is None:
        return pd.Series([""] * len(ts.frame), index=ts.frame.index, dtype=object)
    return ts.frame[label]


def parsed_date(ts: TableSheet, name: str, order: str, log: IssueLog, ids: pd.Series, *,
                near: pd.Series | None = None, as_of: date | None = None,
                decided: bool = False,
                downgrade: str = "; left blank, the row is still evaluated") -> pd.Series:
    """Field ``name`` as dates (NaT when missing); problems go to ``log``."""
    if name not in ts.columns:
        return pd.Series(pd.NaT, index=ts.frame.index, dtype="datetime64[ns]")
    raw = ts.frame[ts.columns[name]]
    parsed = parse_dates(raw, order=order, near=near, as_of=as_of, decided=decided)
    log.parsed(ts.frame, ts.columns[name], raw, parsed, downgrade=downgrade, ids=ids)
    return parsed.values


def parsed_yes_no(ts: TableSheet, name: str, order: str, log: IssueLog,
                  ids: pd.Series | None) -> tuple[pd.Series, pd.Series]:
    """Field ``name`` as (done, date) — False/NaT when the column is absent."""
    if name not in ts.columns:
        index = ts.frame.index
        return (pd.Series(False, index=index, dtype=bool),
                pd.Series(pd.NaT, index=index, dtype="datetime64[ns]"))
    return yes_no_column(ts.frame, ts.columns[name], order, log, ids)


def yes_no_column(frame: pd.DataFrame, label: str, order: str, log: IssueLog,
                  ids: pd.Series | None) -> tuple[pd.Series, pd.Series]:
    """A yes/no-with-date column as (done, date); problems are warnings, "not done"."""
    raw = frame[label]
    done, parsed = parse_yes_no(raw, order=order)
    log.parsed(frame, label, raw, parsed, downgrade="; counted as not done", ids=ids)
    return done, parsed.values


def latest_held(events: pd.DataFrame, rounds: pd.DataFrame, *, on: str | list[str],
                event: str | list[str], when: str, held: str,
                order: tuple[str, ...] = ()) -> pd.DataFrame:
    """Each event of ``events`` (one per ``event`` key) beside the latest round of
    ``rounds`` that shares its ``on`` columns and was held (``held``) on or before the
    event's date (``when``); ``order`` breaks ties. An event that follows no round is
    left out. A call, thank-you or follow-up kept apart from its interview (an activity
    log's row, a cell of events, a stage sheet's one Thank-You Sent) is linked so."""
    keys = [event] if isinstance(event, str) else list(event)
    pairs = events.merge(rounds, on=on)
    pairs = pairs[pairs[held] <= pairs[when]]
    return pairs.sort_values([*keys, held, *order], kind="stable").drop_duplicates(
        keys, keep="last")
