"""The flat layout (SPEC §2): interviewers, calls and the last application spread
into columns of the interviews sheet, unpicked into tidy rows here and nowhere else."""

from __future__ import annotations

import pandas as pd

from followkit.core import schema as s
from followkit.reading.issuelog import IssueLog
from followkit.reading.sheets import TableSheet
from followkit.reading.tables import (
    APPLICATION_COLUMNS,
    CALL_COLUMNS,
    INTERVIEWER_COLUMNS,
    concat,
    empty,
    yes_no_column,
)
from followkit.reading.values import parse_dates, text_column

NAME_SPLIT = r"\s*(?:;|,|/|\n|\s&\s|\s+and\s+)\s*"
_EMAIL_SPLIT = r"[;,/\s]+"
# A comma splits dates unless a year follows it ("Nov 20, 2026").
_DATE_SPLIT = r"\s*(?:;|\n|,(?!\s*\d{4}\b(?![-/.])))\s*"


def flat_interviewers(ts: TableSheet, keyed: pd.DataFrame, order: str,
                       log: IssueLog) -> pd.DataFrame:
    f, flat = ts.frame, ts.flat
    ids = keyed[s.INTERVIEW_ID]
    single_thanks = flat.get(s.FLAT_THANK_YOU, [])
    shared_thanks = (yes_no_column(f, single_thanks[0][0], order, log, ids) + (
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
            done, dates = yes_no_column(f, thanks_by_n[n], order, log, ids)
            piece[s.THANK_YOU_SENT], piece[s.THANK_YOU_DATE] = done, dates
            piece["_thank_col"] = thanks_by_n[n]
        else:
            _put_shared_thanks(piece, shared_thanks)
        pieces.append(piece)
    for label, _ in flat.get(s.FLAT_INTERVIEWERS, []):
        pieces.append(_delimited_interviewers(ts, keyed, label, shared_thanks))
    if not pieces and shared_thanks is not None:
        # No name column: the row's thank-you, to someone not named (reading/unnamed.py).
        piece = keyed[[s.INTERVIEW_ID, s.SHEET, s.ROW]].copy()
        piece[s.INTERVIEWER], piece[s.EMAIL] = "", ""
        piece["_name_col"], piece["_email_col"] = "", ""
        _put_shared_thanks(piece, shared_thanks)
        pieces.append(piece)
    if not pieces:
        return empty(INTERVIEWER_COLUMNS)
    # Rows naming no one are settled by reading.unnamed.settle_unnamed.
    return pd.concat(pieces, ignore_index=True)[INTERVIEWER_COLUMNS]


def _put_shared_thanks(piece: pd.DataFrame,
                       shared: tuple[pd.Series, pd.Series, str] | None) -> None:
    if shared is None:
        piece[s.THANK_YOU_SENT] = False
        piece[s.THANK_YOU_DATE] = pd.Series(pd.NaT, index=piece.index, dtype="datetime64[ns]")
        piece["_thank_col"] = ""
    else:
        piece[s.THANK_YOU_SENT] = shared[0].to_numpy()
        piece[s.THANK_YOU_DATE] = shared[1].to_numpy()
        piece["_thank_col"] = shared[2]


def _delimited_interviewers(ts: TableSheet, keyed: pd.DataFrame, label: str,
                            shared: tuple[pd.Series, pd.Series, str] | None) -> pd.DataFrame:
    f = ts.frame
    piece = keyed[[s.INTERVIEW_ID, s.SHEET, s.ROW]].copy()
    _put_shared_thanks(piece, shared)
    piece[s.INTERVIEWER] = text_column(f[label]).str.split(NAME_SPLIT, regex=True)
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


def flat_calls(ts: TableSheet, keyed: pd.DataFrame, order: str,
                log: IssueLog) -> pd.DataFrame:
    f = ts.frame
    pieces = []
    results = {n: label for label, n in ts.flat.get(s.FLAT_CALL_RESULT_N, [])}
    for label, n in ts.flat.get(s.FLAT_CALL_N, []):
        # "Call 2 Result" beside "Call 2" (what `followkit record` writes) is its result.
        result = text_column(f[results[n]]) if n in results else None
        pieces.append(_call_piece(keyed, f[label], label, order, log, result=result))
    for label, _ in ts.flat.get(s.FLAT_CALL_DATES, []):
        listed = text_column(f[label]).str.split(_DATE_SPLIT, regex=True)
        exploded = keyed.assign(_cell=listed.to_numpy()).explode("_cell", ignore_index=True)
        exploded = exploded[exploded["_cell"].fillna("") != ""]
        pieces.append(_call_piece(exploded, exploded["_cell"], label, order, log))
    if not pieces:
        return empty(CALL_COLUMNS)
    return pd.concat(pieces, ignore_index=True)[CALL_COLUMNS]


def _call_piece(keyed: pd.DataFrame, raw: pd.Series, label: str, order: str,
                log: IssueLog, *, result: pd.Series | None = None) -> pd.DataFrame:
    parsed = parse_dates(raw, order=order)
    log.parsed(keyed, label, raw, parsed, downgrade="; this call is not counted",
                ids=keyed[s.INTERVIEW_ID])
    piece = keyed[[s.INTERVIEW_ID, s.SHEET, s.ROW]].copy()
    piece[s.CALL_DATE] = parsed.values.to_numpy()
    piece[s.RESULT] = "" if result is None else result.to_numpy()
    piece["_col"] = label
    piece[s.PLANNED] = False
    return piece[piece[s.CALL_DATE].notna()]


def flat_applications(ts: TableSheet, keyed: pd.DataFrame, order: str,
                       log: IssueLog) -> pd.DataFrame:
    pieces = []
    for label, _ in ts.flat.get(s.FLAT_LAST_APPLICATION, []):
        raw = ts.frame[label]
        parsed = parse_dates(raw, order=order)
        log.parsed(ts.frame, label, raw, parsed, downgrade="; left blank",
                    ids=keyed[s.INTERVIEW_ID])
        piece = keyed[[s.CLIENT_ID, s.SHEET, s.ROW]].copy()
        piece[s.APPLICATION_DATE] = parsed.values.to_numpy()
        piece[s.EMPLOYER] = ""
        piece[s.POSITION] = ""
        piece["_col"] = label
        pieces.append(piece[piece[s.APPLICATION_DATE].notna()])
    return concat(pieces, APPLICATION_COLUMNS)
