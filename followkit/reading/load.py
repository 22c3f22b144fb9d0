"""From raw sheets to a :class:`Caseload`: tidy tables plus the data issues.

Both layouts of SPEC §2 end up in the same four tables. The flat layout
(interviewers, calls and the last application spread into columns of the
interviews sheet) is unpicked here and nowhere else.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from followkit.core import schema as s
from followkit.core.io import RawWorkbook, read_inputs, read_workbook, read_workbook_bytes
from followkit.core.policy import DEFAULT_POLICY, FollowUpPolicy
from followkit.reading.clean import clean_layout
from followkit.reading.issuelog import IssueLog
from followkit.reading.issues import ERROR
from followkit.reading.sheets import Layout, TableSheet, find_tables
from followkit.reading.tables import (
    APPLICATION_COLUMNS,
    CALL_COLUMNS,
    INTERVIEWER_COLUMNS,
    LISTED_COLUMNS,
    concat,
    empty,
    get,
    parsed_yes_no,
)
from followkit.reading.tracker import ReadOptions, SheetRead, read_interview_sheet
from followkit.reading.values import parse_dates, text_column
from followkit.reading.vocab import status_vocabulary

# Re-exported for the modules that name the tidy tables' columns through load.
__all__ = ["APPLICATION_COLUMNS", "CALL_COLUMNS", "INTERVIEWER_COLUMNS", "Caseload", "Keys",
           "caseload_from_workbook", "caseload_from_workbooks", "load_caseload",
           "load_caseload_bytes", "load_caseloads"]


@dataclass(frozen=True)
class Caseload:
    """Everything read from one tracker, as tidy tables.

    Attributes
    ----------
    interviews
        One row per interview row of the input; ``_ok`` is False for rows that
        could not be evaluated (each has an ``error`` in ``issues``).
    original
        The same rows with every original column as read, unknown ones too.
    interviewers, calls, applications
        The linked tables, from their own sheets or unpicked from flat columns.
    issues
        The data-issues table (SPEC §3).
    tracks_job_search
        Whether the input tracks job applications at all (step 5).
    listed
        The rows used as job applications or listed opportunities (SPEC §2.1),
        with Kind, Client, File, Sheet and Row, then their original columns.
    layout
        The tables found and what each header was taken as (``followkit columns``).
    """

    source: str
    interviews: pd.DataFrame
    original: pd.DataFrame
    interviewers: pd.DataFrame
    calls: pd.DataFrame
    applications: pd.DataFrame
    issues: pd.DataFrame
    tracks_job_search: bool
    skipped_sheets: tuple[str, ...] = ()
    contact_columns: tuple[str, ...] = ()
    listed: pd.DataFrame = field(default_factory=lambda: empty(LISTED_COLUMNS))
    layout: Layout | None = field(default=None, repr=False)

    @property
    def evaluated(self) -> pd.DataFrame:
        """The interview rows that can be evaluated."""
        return self.interviews[self.interviews[s.OK]]

    @cached_property
    def keys(self) -> Keys:
        """The links between the tables as integer codes, resolved once (see :class:`Keys`)."""
        return Keys.of(self)


@dataclass(frozen=True, eq=False)
class Keys:
    """Integer codes for the IDs that link a caseload's tables.

    The rules and rollups group and join on these codes instead of hashing
    ID strings again for every date or worker asked for.

    Attributes
    ----------
    client, clients
        ``pd.factorize`` of the interviews' Client ID: a code per interview row;
        ``blank_client`` is the code of a blank Client ID (-1 if none is blank).
    worker, workers
        The same for Worker.
    interviewer_row, call_row
        For each interviewer or call row, the interview row it belongs to: the
        first evaluable row with its Interview ID, or -1.
    application_client
        For each application row, the client code of its Client ID, or -1.
    open
        Whether each interview's outcome is still open (Pending or Offer).
    later_round
        Whether each interview row is an earlier round of an application that had
        a later one (SPEC §2.1): its steps 1, 2 and 4 are Not needed.
    """

    client: np.ndarray
    clients: pd.Index
    blank_client: int
    worker: np.ndarray
    workers: pd.Index
    interviewer_row: np.ndarray
    call_row: np.ndarray
    application_client: np.ndarray
    open: np.ndarray
    later_round: np.ndarray | None = None  # an earlier round of a staged application

    @classmethod
    def of(cls, caseload: Caseload) -> Keys:
        iv = caseload.interviews
        ok = np.flatnonzero(iv[s.OK].to_numpy(dtype=bool))
        ids = iv[s.INTERVIEW_ID].to_numpy(dtype=object)[ok]
        rows = positions(ids, caseload.interviewers[s.INTERVIEW_ID].to_numpy(dtype=object),
                         caseload.calls[s.INTERVIEW_ID].to_numpy(dtype=object))
        client, clients = pd.factorize(iv[s.CLIENT_ID])
        worker, workers = pd.factorize(iv[s.WORKER])
        ok_row = np.append(ok, -1)  # position -1 (no interview) stays -1
        (application_client,) = positions(
            clients.to_numpy(dtype=object),
            caseload.applications[s.CLIENT_ID].to_numpy(dtype=object))
        blank = np.flatnonzero(clients.to_numpy(dtype=object) == "")
        return cls(client, clients, int(blank[0]) if len(blank) else -1, worker, workers,
                   ok_row[rows[0]], ok_row[rows[1]],
                   application_client, iv[s.OUTCOME].isin(s.OPEN_OUTCOMES).to_numpy(),
                   iv["_later_round"].to_numpy(dtype=bool) if "_later_round" in iv else
                   np.zeros(len(iv), dtype=bool))


def positions(keys: np.ndarray, *lookups: np.ndarray) -> list[np.ndarray]:
    """For each value of each of ``lookups``: its position in ``keys`` (the first if
    repeated), or -1. One hash pass over all of them (``pd.factorize``)."""
    codes, uniques = pd.factorize(np.concatenate([keys, *lookups]))
    where = np.full(len(uniques) + 1, -1, dtype=np.int64)  # the extra -1 serves code -1
    known, first = np.unique(codes[: len(keys)], return_index=True)
    where[known[known >= 0]] = first[known >= 0]
    out, start = [], len(keys)
    for lookup in lookups:
        out.append(where[codes[start:start + len(lookup)]])
        start += len(lookup)
    return out


def load_caseload(
    path: str | os.PathLike[str], *, policy: FollowUpPolicy = DEFAULT_POLICY,
    client: str | None = None, columns: Mapping[str, str] | None = None,
    as_of: date | None = None, statuses: Mapping[str, str] | None = None,
    headers: Mapping[str, int] | None = None,
) -> Caseload:
    """Read a tracker file into a :class:`Caseload`.

    ``client`` names the person of a one-person tracker (default: the file
    name); ``columns`` maps followkit fields to headers (``--columns``); ``headers``
    says in which Excel row a sheet's header is (sheet name -> row; the dashboard's
    Check columns);
    ``as_of`` only gives a year to dates written without one; ``statuses``
    adds an agency's own status words (word -> stage or Outcome name).

    Examples
    --------
    >>> from followkit.core.resources import DATA, resource_path
    >>> caseload = load_caseload(resource_path(DATA, "sample_tracker.xlsx"))
    >>> len(caseload.interviews), len(caseload.calls)
    (152, 154)
    >>> caseload.issues["Severity"].value_counts().to_dict()
    {'warning': 7, 'error': 2}
    >>> print(*caseload.issues.loc[1, ["Sheet", "Row", "Column", "Problem"]], sep=" | ")
    Interviews | 4 | Interview Date | unreadable date 'last Tuesday'
    """
    return caseload_from_workbook(read_workbook(path), policy=policy, client=client,
                                  columns=columns, as_of=as_of, statuses=statuses,
                                  headers=headers)


def load_caseloads(
    paths: Sequence[str | os.PathLike[str]], *, policy: FollowUpPolicy = DEFAULT_POLICY,
    client: str | None = None, columns: Mapping[str, str] | None = None,
    as_of: date | None = None, statuses: Mapping[str, str] | None = None,
    headers: Mapping[str, int] | None = None,
) -> Caseload:
    """Read several trackers (files or folders of them) as one caseload (SPEC §2.1)."""
    return caseload_from_workbooks(read_inputs(paths), policy=policy, client=client,
                                   columns=columns, as_of=as_of, statuses=statuses,
                                   headers=headers)


def load_caseload_bytes(
    name: str, data: bytes, *, policy: FollowUpPolicy = DEFAULT_POLICY,
    client: str | None = None, columns: Mapping[str, str] | None = None,
    as_of: date | None = None, statuses: Mapping[str, str] | None = None,
    headers: Mapping[str, int] | None = None,
) -> Caseload:
    """Read an uploaded tracker (its file name and bytes) into a :class:`Caseload`."""
    return caseload_from_workbook(read_workbook_bytes(name, data), policy=policy,
                                  client=client, columns=columns, as_of=as_of,
                                  statuses=statuses, headers=headers)


def caseload_from_workbooks(
    workbooks: Sequence[RawWorkbook], *, policy: FollowUpPolicy = DEFAULT_POLICY,
    client: str | None = None, columns: Mapping[str, str] | None = None,
    as_of: date | None = None, statuses: Mapping[str, str] | None = None,
    headers: Mapping[str, int] | None = None,
) -> Caseload:
    """One caseload from several workbooks: each sheet named ``file: sheet``."""
    if len(workbooks) == 1:
        return caseload_from_workbook(workbooks[0], policy=policy, client=client,
                                      columns=columns, as_of=as_of, statuses=statuses,
                                      headers=headers)
    return caseload_from_workbook(combine_workbooks(workbooks), policy=policy, client=client,
                                  columns=columns, as_of=as_of, statuses=statuses,
                                  headers=headers)


def combine_workbooks(workbooks: Sequence[RawWorkbook]) -> RawWorkbook:
    """Several workbooks as one: each sheet named ``file: sheet`` (a one-sheet file whose
    sheet is named after it: the file's name), in order; ``followkit record`` maps
    the names back to each file."""
    sheets = [
        type(sheet)(f"{wb.name}: {sheet.name}" if len(wb.sheets) > 1 or
                    Path(wb.name).stem != sheet.name else wb.name,
                    sheet.rows, sheet.visible, sheet.merged, wb.name)
        for wb in workbooks for sheet in wb.sheets
    ]
    return RawWorkbook(Path(", ".join(wb.name for wb in workbooks)), sheets)


def caseload_from_workbook(
    workbook: RawWorkbook, *, policy: FollowUpPolicy = DEFAULT_POLICY,
    client: str | None = None, columns: Mapping[str, str] | None = None,
    as_of: date | None = None, statuses: Mapping[str, str] | None = None,
    headers: Mapping[str, int] | None = None,
) -> Caseload:
    """Build a :class:`Caseload` from sheets already read (see :mod:`followkit.core.io`).

    The steps, each handed the one :class:`IssueLog`: find the tables, clean
    the cells, read each table, check across tables.
    """
    from followkit.reading.validate import validate

    log = IssueLog()
    layout = find_tables(workbook, mapping=columns, headers=headers)
    clean_layout(layout, log)
    words = {**policy_statuses(policy), **(statuses or {})}
    opts = ReadOptions(policy, status_vocabulary(words), client, as_of,
                       several=len(layout.of(s.INTERVIEWS)) > 1)
    reads = [read_interview_sheet(ts, opts, log) for ts in layout.of(s.INTERVIEWS)]
    interviews = pd.concat([r.interviews for r in reads], ignore_index=True)
    interviewers = concat([r.interviewers for r in reads] + [
        _interviewers(ts, policy, log) for ts in layout.of(s.INTERVIEWERS)],
        INTERVIEWER_COLUMNS)
    calls = concat([r.calls for r in reads] + [
        _calls(ts, policy, log) for ts in layout.of(s.CALLS)], CALL_COLUMNS)
    linked_apps = concat([r.applications for r in reads] + [
        _applications(ts, policy, log) for ts in layout.of(s.JOB_SEARCH)],
        APPLICATION_COLUMNS)
    # A tracker's own application rows name their client themselves: no link to check.
    applications = concat([linked_apps, *(r.own_applications for r in reads)],
                          APPLICATION_COLUMNS)
    checked, blocked = validate(interviews, interviewers, calls, linked_apps, policy=policy)
    log.add(checked)
    interviews[s.OK] = interviews[s.OK] & ~blocked
    caseload = Caseload(
        source=workbook.name,
        interviews=interviews,
        original=pd.concat([r.original for r in reads], ignore_index=True),
        interviewers=interviewers,
        calls=calls,
        applications=applications,
        issues=log.table(interviews, sheet_order=[sheet.name for sheet in workbook.sheets]),
        tracks_job_search=_tracks_job_search(layout, reads),
        skipped_sheets=tuple(layout.skipped),
        contact_columns=_contact_labels(layout),
        listed=_listed(reads),
        layout=layout,
    )
    _ = caseload.keys  # resolved once here, with the rest of the loading
    return caseload


def policy_statuses(policy: FollowUpPolicy) -> dict[str, str]:
    """An agency's own status words, from the policy (``statuses`` table), if any."""
    return dict(getattr(policy, "statuses", None) or {})


def _tracks_job_search(layout: Layout, reads: list[SheetRead]) -> bool:
    return bool(layout.of(s.JOB_SEARCH)) or any(
        s.FLAT_LAST_APPLICATION in ts.flat or s.APPLICATION_DATE in ts.columns or
        s.ACTIVITY in ts.columns for ts in layout.of(s.INTERVIEWS)
    ) or any(len(r.applications) for r in reads)


def _listed(reads: list[SheetRead]) -> pd.DataFrame:
    frames = [r.listed for r in reads if len(r.listed)]
    if not frames:
        return empty(LISTED_COLUMNS)
    return pd.concat(frames, ignore_index=True)


def _contact_labels(layout: Layout) -> tuple[str, ...]:
    """Original interview-sheet columns holding phones or emails (left out on request)."""
    labels: list[str] = []
    for ts in layout.of(s.INTERVIEWS):
        if s.EMPLOYER_PHONE in ts.columns:
            labels.append(ts.columns[s.EMPLOYER_PHONE])
        for role in (s.FLAT_EMAIL_N, s.FLAT_EMAILS):
            labels.extend(label for label, _ in ts.flat.get(role, []))
    return tuple(dict.fromkeys(labels))


# --- linked sheets (template layout) ------------------------------------------


def _linked_ids(ts: TableSheet, name: str, log: IssueLog) -> pd.Series:
    ids = text_column(ts.frame[ts.columns[name]])
    log.where(ts.frame, ids == "", column=ts.columns[name], value="",
              problem=f"no {name}: this row belongs to nothing and is not used",
              severity=ERROR)
    return ids


def _interviewers(ts: TableSheet, policy: FollowUpPolicy,
                  log: IssueLog) -> pd.DataFrame:
    f = ts.frame
    ids = _linked_ids(ts, s.INTERVIEW_ID, log)
    out = pd.DataFrame({s.INTERVIEW_ID: ids, s.SHEET: f[s.SHEET], s.ROW: f[s.ROW]})
    out[s.INTERVIEWER] = text_column(f[ts.columns[s.INTERVIEWER]])
    out[s.EMAIL] = text_column(get(ts, s.EMAIL))
    done, dates = parsed_yes_no(ts, s.THANK_YOU_SENT, policy.text_date_order, log, ids)
    out[s.THANK_YOU_SENT], out[s.THANK_YOU_DATE] = done, dates
    out["_name_col"] = ts.columns[s.INTERVIEWER]
    out["_email_col"] = ts.columns.get(s.EMAIL, "")
    out["_thank_col"] = ts.columns.get(s.THANK_YOU_SENT, "")
    nameless = (out[s.INTERVIEWER] == "") & (ids != "")
    log.where(f, nameless, column=ts.columns[s.INTERVIEWER], value="",
              problem="no interviewer name: row not used", severity=ERROR,
              interview_id=ids)
    return out[(ids != "") & ~nameless][INTERVIEWER_COLUMNS]


def _calls(ts: TableSheet, policy: FollowUpPolicy, log: IssueLog) -> pd.DataFrame:
    f = ts.frame
    ids = _linked_ids(ts, s.INTERVIEW_ID, log)
    label = ts.columns[s.CALL_DATE]
    parsed = parse_dates(f[label], order=policy.text_date_order)
    log.parsed(f, label, f[label], parsed, downgrade="", ids=ids)
    undated = parsed.values.isna() & parsed.problems.isna() & (ids != "")
    log.where(f, undated, column=label, value="",
              problem="no call date: this call is not counted", severity=ERROR,
              interview_id=ids)
    out = pd.DataFrame({s.INTERVIEW_ID: ids, s.CALL_DATE: parsed.values,
                        s.RESULT: text_column(get(ts, s.RESULT)),
                        s.SHEET: f[s.SHEET], s.ROW: f[s.ROW], "_col": label,
                        s.PLANNED: False})
    return out[(ids != "") & out[s.CALL_DATE].notna()][CALL_COLUMNS]


def _applications(ts: TableSheet, policy: FollowUpPolicy,
                  log: IssueLog) -> pd.DataFrame:
    f = ts.frame
    ids = _linked_ids(ts, s.CLIENT_ID, log)
    label = ts.columns[s.APPLICATION_DATE]
    parsed = parse_dates(f[label], order=policy.text_date_order)
    log.parsed(f, label, f[label], parsed)
    undated = parsed.values.isna() & parsed.problems.isna() & (ids != "")
    log.where(f, undated, column=label, value="",
              problem="no application date: row not used", severity=ERROR)
    out = pd.DataFrame({s.CLIENT_ID: ids, s.APPLICATION_DATE: parsed.values,
                        s.EMPLOYER: text_column(get(ts, s.EMPLOYER)),
                        s.POSITION: text_column(get(ts, s.POSITION)),
                        s.SHEET: f[s.SHEET], s.ROW: f[s.ROW], "_col": label})
    return out[(ids != "") & out[s.APPLICATION_DATE].notna()][APPLICATION_COLUMNS]

