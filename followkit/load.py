"""From raw sheets to a :class:`Caseload`: tidy tables plus the data issues.

Both layouts of SPEC §2 end up in the same four tables. The flat layout
(interviewers, calls and the last application spread into columns of the
interviews sheet) is unpicked here and nowhere else.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from followkit import schema as s
from followkit.io import RawWorkbook, read_workbook, read_workbook_bytes
from followkit.issues import ERROR, WARNING, empty_issues, finish_issues, issues_where
from followkit.policy import DEFAULT_POLICY, FollowUpPolicy
from followkit.sheets import Layout, TableSheet, find_tables
from followkit.values import (
    CONTROL_CHARACTERS,
    Parsed,
    has_control,
    parse_dates,
    parse_outcomes,
    parse_yes_no,
    strip_control,
    text_column,
)

INTERVIEW_COLUMNS = [
    s.INTERVIEW_ID, s.CLIENT_ID, s.CLIENT_NAME, s.WORKER, s.EMPLOYER, s.POSITION,
    s.INTERVIEW_DATE, s.EMPLOYER_PHONE, s.DECISION_DATE, s.REFERENCES_ALERTED,
    "References Alerted Date", s.OUTCOME, s.NOTES, s.WHY_ME, s.SHEET, s.ROW, "_ok",
]
INTERVIEWER_COLUMNS = [
    s.INTERVIEW_ID, s.INTERVIEWER, s.EMAIL, s.THANK_YOU_SENT, "Thank-You Date",
    s.SHEET, s.ROW, "_name_col", "_email_col", "_thank_col",
]
CALL_COLUMNS = [s.INTERVIEW_ID, s.CALL_DATE, s.RESULT, s.SHEET, s.ROW, "_col"]
APPLICATION_COLUMNS = [
    s.CLIENT_ID, s.APPLICATION_DATE, s.EMPLOYER, s.POSITION, s.SHEET, s.ROW, "_col",
]

_NAME_SPLIT = r"\s*(?:;|,|/|\n|\s&\s|\s+and\s+)\s*"
_EMAIL_SPLIT = r"[;,/\s]+"
# A comma splits dates unless a year follows it ("Nov 20, 2026").
_DATE_SPLIT = r"\s*(?:;|\n|,(?!\s*\d{4}\b(?![-/.])))\s*"


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

    @property
    def evaluated(self) -> pd.DataFrame:
        """The interview rows that can be evaluated."""
        return self.interviews[self.interviews["_ok"]]

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

    @classmethod
    def of(cls, caseload: Caseload) -> Keys:
        iv = caseload.interviews
        ok = np.flatnonzero(iv["_ok"].to_numpy(dtype=bool))
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
                   application_client, iv[s.OUTCOME].isin(s.OPEN_OUTCOMES).to_numpy())


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
    path: str | os.PathLike[str], *, policy: FollowUpPolicy = DEFAULT_POLICY
) -> Caseload:
    """Read a tracker file into a :class:`Caseload`.

    Examples
    --------
    >>> caseload = load_caseload("data/sample_tracker.xlsx")  # doctest: +SKIP
    >>> caseload.issues.head()  # doctest: +SKIP
    """
    return caseload_from_workbook(read_workbook(path), policy=policy)


def load_caseload_bytes(
    name: str, data: bytes, *, policy: FollowUpPolicy = DEFAULT_POLICY
) -> Caseload:
    """Read an uploaded tracker (its file name and bytes) into a :class:`Caseload`."""
    return caseload_from_workbook(read_workbook_bytes(name, data), policy=policy)


def caseload_from_workbook(
    workbook: RawWorkbook, *, policy: FollowUpPolicy = DEFAULT_POLICY
) -> Caseload:
    """Build a :class:`Caseload` from sheets already read (see :mod:`followkit.io`)."""
    from followkit.validate import validate

    layout = find_tables(workbook)
    log: list[pd.DataFrame] = [_layout_issues(layout), _control_characters(layout)]
    several = len(layout.of(s.INTERVIEWS)) > 1
    parts = [_interviews(ts, policy, log, several) for ts in layout.of(s.INTERVIEWS)]
    interviews = pd.concat([p[0] for p in parts], ignore_index=True)
    original = pd.concat([p[1] for p in parts], ignore_index=True)
    interviewers = _concat(
        [p[2] for p in parts] + [_interviewers(ts, policy, log) for ts in
                                 layout.of(s.INTERVIEWERS)], INTERVIEWER_COLUMNS)
    calls = _concat(
        [p[3] for p in parts] + [_calls(ts, policy, log) for ts in layout.of(s.CALLS)],
        CALL_COLUMNS)
    applications = _concat(
        [p[4] for p in parts] + [_applications(ts, policy, log) for ts in
                                 layout.of(s.JOB_SEARCH)], APPLICATION_COLUMNS)
    tracks = bool(layout.of(s.JOB_SEARCH)) or any(
        s.FLAT_LAST_APPLICATION in ts.flat for ts in layout.of(s.INTERVIEWS)
    )
    checked, blocked = validate(interviews, interviewers, calls, applications, policy=policy)
    interviews["_ok"] = interviews["_ok"] & ~blocked
    caseload = Caseload(
        source=workbook.name,
        interviews=interviews,
        original=original,
        interviewers=interviewers,
        calls=calls,
        applications=applications,
        issues=finish_issues([*log, checked], interviews,
                             sheet_order=[sheet.name for sheet in workbook.sheets]),
        tracks_job_search=tracks,
        skipped_sheets=tuple(layout.skipped),
        contact_columns=_contact_labels(layout),
    )
    _ = caseload.keys  # resolved once here, with the rest of the loading
    return caseload


def _contact_labels(layout: Layout) -> tuple[str, ...]:
    """Original interview-sheet columns holding phones or emails (left out on request)."""
    labels: list[str] = []
    for ts in layout.of(s.INTERVIEWS):
        if s.EMPLOYER_PHONE in ts.columns:
            labels.append(ts.columns[s.EMPLOYER_PHONE])
        for role in (s.FLAT_EMAIL_N, s.FLAT_EMAILS):
            labels.extend(label for label, _ in ts.flat.get(role, []))
    return tuple(dict.fromkeys(labels))


def _concat(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        return _empty(columns)
    return pd.concat(frames, ignore_index=True)[columns]


def _empty(columns: list[str]) -> pd.DataFrame:
    out = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    for c in columns:
        if c.endswith("Date"):
            out[c] = out[c].astype("datetime64[ns]")
    return out


def _layout_issues(layout: Layout) -> pd.DataFrame:
    """Duplicate headers and merged cells, found while finding the tables."""
    rows = [
        {"Sheet": ts.sheet, "Row": ts.header_row, "Column": new, "Value": old,
         "Problem": f"header {old!r} appears twice; the second is kept as {new!r}",
         "Severity": WARNING}
        for ts in layout.tables for old, new in ts.duplicate_headers
    ] + [
        {"Sheet": ts.sheet, "Row": row, "Column": label, "Value": value,
         "Problem": f"merged cells {where}: read as {value!r} in this row too",
         "Severity": WARNING}
        for ts in layout.tables for row, label, value, where in ts.merged_fills
    ]
    return pd.DataFrame(rows) if rows else empty_issues()


def _control_characters(layout: Layout) -> pd.DataFrame:
    """Remove invisible control characters (pasted from Word) and report each cell."""
    parts = []
    for ts in layout.tables:
        labels = [c for c in ts.frame.columns if c not in (s.SHEET, s.ROW)]
        for label in labels:
            column = ts.frame[label]
            if not has_control(column):
                continue
            bad = column.str.contains(CONTROL_CHARACTERS, regex=True, na=False).to_numpy(
                dtype=bool)
            if bad.any():
                texts = column.map(lambda v: v if isinstance(v, str) else "")
                parts.append(issues_where(
                    ts.frame, bad, column=label, value=texts.map(strip_control),
                    problem="invisible control characters removed (pasted from another "
                            "program?)", severity=WARNING))
                ts.frame.loc[bad, label] = texts[bad].map(strip_control)
    return pd.concat(parts, ignore_index=True) if parts else empty_issues()


def _get(ts: TableSheet, name: str) -> pd.Series:
    label = ts.columns.get(name)
    if label is None:
        return pd.Series([""] * len(ts.frame), index=ts.frame.index, dtype=object)
    return ts.frame[label]


def _log_parsed(
    log: list[pd.DataFrame], frame: pd.DataFrame, label: str, raw: pd.Series, parsed: Parsed,
    *, downgrade: str = "", ids: pd.Series | None = None,
) -> None:
    """Record a parser's problems; ``downgrade`` turns errors into warnings with a note."""
    mask = parsed.problems.notna()
    if not mask.any():
        return
    problems, severities = parsed.problems, parsed.severities
    if downgrade:
        is_error = severities == ERROR
        problems = problems.where(~is_error, problems + downgrade)
        severities = severities.where(~is_error, WARNING)
    log.append(issues_where(frame, mask, column=label, value=raw, problem=problems,
                            severity=severities, interview_id=ids))


# --- the interviews sheet ----------------------------------------------------


def _interviews(
    ts: TableSheet, policy: FollowUpPolicy, log: list[pd.DataFrame], several: bool
) -> tuple[pd.DataFrame, ...]:
    f = ts.frame
    order = policy.text_date_order
    ids = text_column(_get(ts, s.INTERVIEW_ID))
    prefix = f"{ts.sheet} R" if several else "R"
    derived = prefix + f[s.ROW].astype(str)
    blank_id = ids == ""
    if s.INTERVIEW_ID in ts.columns and blank_id.any():
        log.append(issues_where(
            f, blank_id, column=ts.columns[s.INTERVIEW_ID], value="",
            problem="no Interview ID; using " + derived + " for this row", severity=WARNING))
    ids = ids.where(~blank_id, derived)

    out = pd.DataFrame({s.INTERVIEW_ID: ids}, index=f.index)
    for name in (s.CLIENT_ID, s.CLIENT_NAME, s.WORKER, s.EMPLOYER, s.POSITION,
                 s.EMPLOYER_PHONE, s.NOTES, s.WHY_ME):
        out[name] = text_column(_get(ts, name))
    ok = pd.Series(True, index=f.index)

    client_blank = out[s.CLIENT_ID] == ""
    log.append(issues_where(f, client_blank, column=ts.columns[s.CLIENT_ID], value="",
                            problem="no Client ID: this interview cannot be evaluated",
                            severity=ERROR))
    ok &= ~client_blank
    name_blank = out[s.CLIENT_NAME] == ""
    log.append(issues_where(f, name_blank, column=ts.columns[s.CLIENT_NAME], value="",
                            problem="no client name", severity=WARNING))

    label = ts.columns[s.INTERVIEW_DATE]
    raw = f[label]
    parsed = parse_dates(raw, order=order)
    out[s.INTERVIEW_DATE] = parsed.values
    _log_parsed(log, f, label, raw, parsed, ids=ids)
    no_date = parsed.values.isna() & parsed.problems.isna()
    log.append(issues_where(f, no_date, column=label, value="",
                            problem="no interview date: this interview cannot be evaluated",
                            severity=ERROR, interview_id=ids))
    ok &= parsed.values.notna()

    out[s.DECISION_DATE] = _parsed_date(ts, s.DECISION_DATE, order, log, ids)
    done, dates = _parsed_yes_no(ts, s.REFERENCES_ALERTED, order, log, ids)
    out[s.REFERENCES_ALERTED] = done
    out["References Alerted Date"] = dates
    if s.OUTCOME in ts.columns:
        raw = f[ts.columns[s.OUTCOME]]
        parsed = parse_outcomes(raw)
        _log_parsed(log, f, ts.columns[s.OUTCOME], raw, parsed, ids=ids)
        out[s.OUTCOME] = parsed.values.astype(object)
    else:
        out[s.OUTCOME] = s.PENDING
    out[s.SHEET] = f[s.SHEET]
    out[s.ROW] = f[s.ROW]
    out["_ok"] = ok

    original = f.drop(columns=[s.SHEET, s.ROW])
    keyed = out[[s.INTERVIEW_ID, s.CLIENT_ID, s.SHEET, s.ROW]]
    return (
        out[INTERVIEW_COLUMNS],
        original,
        _flat_interviewers(ts, keyed, order, log),
        _flat_calls(ts, keyed, order, log),
        _flat_applications(ts, keyed, order, log),
    )


def _parsed_date(ts: TableSheet, name: str, order: str, log: list[pd.DataFrame],
                 ids: pd.Series) -> pd.Series:
    if name not in ts.columns:
        return pd.Series(pd.NaT, index=ts.frame.index, dtype="datetime64[ns]")
    raw = ts.frame[ts.columns[name]]
    parsed = parse_dates(raw, order=order)
    _log_parsed(log, ts.frame, ts.columns[name], raw, parsed,
                downgrade="; left blank, the row is still evaluated", ids=ids)
    return parsed.values


def _parsed_yes_no(ts: TableSheet, name: str, order: str, log: list[pd.DataFrame],
                   ids: pd.Series | None) -> tuple[pd.Series, pd.Series]:
    if name not in ts.columns:
        index = ts.frame.index
        return (pd.Series(False, index=index, dtype=bool),
                pd.Series(pd.NaT, index=index, dtype="datetime64[ns]"))
    return _yes_no_column(ts.frame, ts.columns[name], order, log, ids)


def _yes_no_column(frame: pd.DataFrame, label: str, order: str, log: list[pd.DataFrame],
                   ids: pd.Series | None) -> tuple[pd.Series, pd.Series]:
    raw = frame[label]
    done, parsed = parse_yes_no(raw, order=order)
    _log_parsed(log, frame, label, raw, parsed, downgrade="; counted as not done", ids=ids)
    return done, parsed.values


# --- flat layout: linked tables spread into columns ---------------------------


def _flat_interviewers(ts: TableSheet, keyed: pd.DataFrame, order: str,
                       log: list[pd.DataFrame]) -> pd.DataFrame:
    f, flat = ts.frame, ts.flat
    ids = keyed[s.INTERVIEW_ID]
    single_thanks = flat.get(s.FLAT_THANK_YOU, [])
    shared_thanks = (_yes_no_column(f, single_thanks[0][0], order, log, ids) + (
        single_thanks[0][0],) if single_thanks else None)
    emails_by_n = {n: label for label, n in flat.get(s.FLAT_EMAIL_N, [])}
    thanks_by_n = {n: label for label, n in flat.get(s.FLAT_THANK_YOU_N, [])}
    pieces = []
    for label, n in sorted(flat.get(s.FLAT_INTERVIEWER_N, []), key=lambda x: x[1] or 0):
        piece = keyed[[s.INTERVIEW_ID, s.SHEET, s.ROW]].copy()
        piece[s.INTERVIEWER] = text_column(f[label])
        piece["_name_col"] = label
        email_label = emails_by_n.get(n)
        piece[s.EMAIL] = text_column(f[email_label]) if email_label else ""
        piece["_email_col"] = email_label or ""
        if n in thanks_by_n:
            done, dates = _yes_no_column(f, thanks_by_n[n], order, log, ids)
            piece[s.THANK_YOU_SENT], piece["Thank-You Date"] = done, dates
            piece["_thank_col"] = thanks_by_n[n]
        else:
            _put_shared_thanks(piece, shared_thanks)
        pieces.append(piece)
    for label, _ in flat.get(s.FLAT_INTERVIEWERS, []):
        pieces.append(_delimited_interviewers(ts, keyed, label, shared_thanks))
    if not pieces:
        return _empty(INTERVIEWER_COLUMNS)
    out = pd.concat(pieces, ignore_index=True)
    return out[out[s.INTERVIEWER] != ""][INTERVIEWER_COLUMNS]


def _put_shared_thanks(piece: pd.DataFrame,
                       shared: tuple[pd.Series, pd.Series, str] | None) -> None:
    if shared is None:
        piece[s.THANK_YOU_SENT] = False
        piece["Thank-You Date"] = pd.Series(pd.NaT, index=piece.index, dtype="datetime64[ns]")
        piece["_thank_col"] = ""
    else:
        piece[s.THANK_YOU_SENT] = shared[0].to_numpy()
        piece["Thank-You Date"] = shared[1].to_numpy()
        piece["_thank_col"] = shared[2]


def _delimited_interviewers(ts: TableSheet, keyed: pd.DataFrame, label: str,
                            shared: tuple[pd.Series, pd.Series, str] | None) -> pd.DataFrame:
    f = ts.frame
    piece = keyed[[s.INTERVIEW_ID, s.SHEET, s.ROW]].copy()
    _put_shared_thanks(piece, shared)
    piece[s.INTERVIEWER] = text_column(f[label]).str.split(_NAME_SPLIT, regex=True)
    email_labels = ts.flat.get(s.FLAT_EMAILS, [])
    if email_labels:
        piece[s.EMAIL] = text_column(f[email_labels[0][0]]).str.split(_EMAIL_SPLIT, regex=True)
    else:
        piece[s.EMAIL] = [[]] * len(piece)
    piece["_name_col"] = label
    piece["_email_col"] = email_labels[0][0] if email_labels else ""
    # Pair names and emails by position.
    piece[s.EMAIL] = [
        [e for e in emails if e][: len(names)] + [""] * (len(names) - len([e for e in emails if e]))
        for names, emails in zip(piece[s.INTERVIEWER], piece[s.EMAIL], strict=True)
    ]
    out = piece.explode([s.INTERVIEWER, s.EMAIL], ignore_index=True)
    out[s.INTERVIEWER] = out[s.INTERVIEWER].fillna("").astype(object)
    out[s.EMAIL] = out[s.EMAIL].fillna("").astype(object)
    return out


def _flat_calls(ts: TableSheet, keyed: pd.DataFrame, order: str,
                log: list[pd.DataFrame]) -> pd.DataFrame:
    f = ts.frame
    pieces = []
    for label, _ in ts.flat.get(s.FLAT_CALL_N, []):
        pieces.append(_call_piece(keyed, f[label], label, order, log))
    for label, _ in ts.flat.get(s.FLAT_CALL_DATES, []):
        listed = text_column(f[label]).str.split(_DATE_SPLIT, regex=True)
        exploded = keyed.assign(_cell=listed.to_numpy()).explode("_cell", ignore_index=True)
        exploded = exploded[exploded["_cell"].fillna("") != ""]
        pieces.append(_call_piece(exploded, exploded["_cell"], label, order, log))
    if not pieces:
        return _empty(CALL_COLUMNS)
    return pd.concat(pieces, ignore_index=True)[CALL_COLUMNS]


def _call_piece(keyed: pd.DataFrame, raw: pd.Series, label: str, order: str,
                log: list[pd.DataFrame]) -> pd.DataFrame:
    parsed = parse_dates(raw, order=order)
    _log_parsed(log, keyed, label, raw, parsed, downgrade="; this call is not counted",
                ids=keyed[s.INTERVIEW_ID])
    piece = keyed[[s.INTERVIEW_ID, s.SHEET, s.ROW]].copy()
    piece[s.CALL_DATE] = parsed.values.to_numpy()
    piece[s.RESULT] = ""
    piece["_col"] = label
    return piece[piece[s.CALL_DATE].notna()]


def _flat_applications(ts: TableSheet, keyed: pd.DataFrame, order: str,
                       log: list[pd.DataFrame]) -> pd.DataFrame:
    pieces = []
    for label, _ in ts.flat.get(s.FLAT_LAST_APPLICATION, []):
        raw = ts.frame[label]
        parsed = parse_dates(raw, order=order)
        _log_parsed(log, ts.frame, label, raw, parsed, downgrade="; left blank",
                    ids=keyed[s.INTERVIEW_ID])
        piece = keyed[[s.CLIENT_ID, s.SHEET, s.ROW]].copy()
        piece[s.APPLICATION_DATE] = parsed.values.to_numpy()
        piece[s.EMPLOYER] = ""
        piece[s.POSITION] = ""
        piece["_col"] = label
        pieces.append(piece[piece[s.APPLICATION_DATE].notna()])
    return _concat(pieces, APPLICATION_COLUMNS)


# --- linked sheets (template layout) ------------------------------------------


def _linked_ids(ts: TableSheet, name: str, log: list[pd.DataFrame]) -> pd.Series:
    ids = text_column(ts.frame[ts.columns[name]])
    log.append(issues_where(ts.frame, ids == "", column=ts.columns[name], value="",
                            problem=f"no {name}: this row belongs to nothing and is not used",
                            severity=ERROR))
    return ids


def _interviewers(ts: TableSheet, policy: FollowUpPolicy,
                  log: list[pd.DataFrame]) -> pd.DataFrame:
    f = ts.frame
    ids = _linked_ids(ts, s.INTERVIEW_ID, log)
    out = pd.DataFrame({s.INTERVIEW_ID: ids, s.SHEET: f[s.SHEET], s.ROW: f[s.ROW]})
    out[s.INTERVIEWER] = text_column(f[ts.columns[s.INTERVIEWER]])
    out[s.EMAIL] = text_column(_get(ts, s.EMAIL))
    done, dates = _parsed_yes_no(ts, s.THANK_YOU_SENT, policy.text_date_order, log, ids)
    out[s.THANK_YOU_SENT], out["Thank-You Date"] = done, dates
    out["_name_col"] = ts.columns[s.INTERVIEWER]
    out["_email_col"] = ts.columns.get(s.EMAIL, "")
    out["_thank_col"] = ts.columns.get(s.THANK_YOU_SENT, "")
    nameless = (out[s.INTERVIEWER] == "") & (ids != "")
    log.append(issues_where(f, nameless, column=ts.columns[s.INTERVIEWER], value="",
                            problem="no interviewer name: row not used", severity=ERROR,
                            interview_id=ids))
    return out[(ids != "") & ~nameless][INTERVIEWER_COLUMNS]


def _calls(ts: TableSheet, policy: FollowUpPolicy, log: list[pd.DataFrame]) -> pd.DataFrame:
    f = ts.frame
    ids = _linked_ids(ts, s.INTERVIEW_ID, log)
    label = ts.columns[s.CALL_DATE]
    parsed = parse_dates(f[label], order=policy.text_date_order)
    _log_parsed(log, f, label, f[label], parsed, downgrade="", ids=ids)
    undated = parsed.values.isna() & parsed.problems.isna() & (ids != "")
    log.append(issues_where(f, undated, column=label, value="",
                            problem="no call date: this call is not counted", severity=ERROR,
                            interview_id=ids))
    out = pd.DataFrame({s.INTERVIEW_ID: ids, s.CALL_DATE: parsed.values,
                        s.RESULT: text_column(_get(ts, s.RESULT)),
                        s.SHEET: f[s.SHEET], s.ROW: f[s.ROW], "_col": label})
    return out[(ids != "") & out[s.CALL_DATE].notna()][CALL_COLUMNS]


def _applications(ts: TableSheet, policy: FollowUpPolicy,
                  log: list[pd.DataFrame]) -> pd.DataFrame:
    f = ts.frame
    ids = _linked_ids(ts, s.CLIENT_ID, log)
    label = ts.columns[s.APPLICATION_DATE]
    parsed = parse_dates(f[label], order=policy.text_date_order)
    _log_parsed(log, f, label, f[label], parsed)
    undated = parsed.values.isna() & parsed.problems.isna() & (ids != "")
    log.append(issues_where(f, undated, column=label, value="",
                            problem="no application date: row not used", severity=ERROR))
    out = pd.DataFrame({s.CLIENT_ID: ids, s.APPLICATION_DATE: parsed.values,
                        s.EMPLOYER: text_column(_get(ts, s.EMPLOYER)),
                        s.POSITION: text_column(_get(ts, s.POSITION)),
                        s.SHEET: f[s.SHEET], s.ROW: f[s.ROW], "_col": label})
    return out[(ids != "") & out[s.APPLICATION_DATE].notna()][APPLICATION_COLUMNS]

