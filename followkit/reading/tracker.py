"""Reading an interviews sheet: which rows are interviews, applications or listings.

The template's Interviews sheet and the lists people really keep (SPEC §2.1)
go through the same steps: the client (a column, or the one person whose
tracker it is), the dates (interview date, interview stages, activity date,
application date), the status words, and then each row's kind:

- **interview**: it has an interview date (or a dated stage, or an activity
  of type interview with its date);
- **error**: it says it is an interview (its status or activity, or it sits
  on a sheet that lists only interviews) but has no usable date;
- **application**: an application date or an application-stage status;
- **listed opportunity**: neither; carried, not evaluated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

import numpy as np
import pandas as pd

from followkit.core import schema as s
from followkit.core.policy import FollowUpPolicy
from followkit.reading.activity_links import Links, activity_links, interviewer_labels, mark_thanked
from followkit.reading.columns import INTERVIEW_COUNT
from followkit.reading.flat import flat_applications, flat_calls, flat_interviewers
from followkit.reading.issuelog import IssueLog
from followkit.reading.issues import ERROR, WARNING
from followkit.reading.sheets import TableSheet
from followkit.reading.stages import (
    Rounds,
    event_calls,
    event_thanks,
    meetings_as_interviews,
    stage_rounds,
)
from followkit.reading.statuses import outcomes_of, parse_statuses
from followkit.reading.tables import (
    APPLICATION,
    APPLICATION_COLUMNS,
    CALL_COLUMNS,
    FILE,
    INTERVIEW_COLUMNS,
    INTERVIEWER_COLUMNS,
    KIND,
    LISTED_COLUMNS,
    OPPORTUNITY,
    ROW_LABEL,
    SHEET_LABEL,
    concat,
    get,
    parsed_date,
    parsed_yes_no,
    row_anchor,
    sheet_date_order,
)
from followkit.reading.unnamed import round_thank_yous, settle_unnamed, to_its_round
from followkit.reading.values import cell_text, parse_dates, text_column
from followkit.reading.vocab import Stage, Vocabulary, activity_kind, says_interview


@dataclass(frozen=True)
class ReadOptions:
    """What reading needs besides the sheet: the policy, the words, whose tracker."""

    policy: FollowUpPolicy
    vocabulary: Vocabulary
    client: str | None = None  # --client NAME: the person a one-person tracker is about
    as_of: date | None = None  # only to give a year to dates written without one
    several: bool = False  # several interview sheets: derived IDs name the sheet
    # Files already said to be one person's (one warning per file, not per weekly tab).
    told: set[str] = field(default_factory=set)


class SheetRead(NamedTuple):
    """Everything read from one interviews sheet."""

    interviews: pd.DataFrame
    original: pd.DataFrame
    interviewers: pd.DataFrame
    calls: pd.DataFrame
    applications: pd.DataFrame  # linked to an interview's client (flat layout)
    listed: pd.DataFrame
    own_applications: pd.DataFrame  # the sheet's application rows, their own client


def read_interview_sheet(ts: TableSheet, opts: ReadOptions, log: IssueLog) -> SheetRead:
    """Read one interviews sheet (either layout of SPEC §2, or a §2.1 tracker)."""
    f = ts.frame
    order, decided = sheet_date_order(ts, opts.policy.text_date_order)
    out = _identify(ts, opts, log)
    ids = out[s.INTERVIEW_ID]
    near = row_anchor(ts, order=order, decided=decided)
    applied = parsed_date(ts, s.APPLICATION_DATE, order, log, ids, near=near,
                          as_of=opts.as_of, decided=decided, downgrade="; left blank")
    activity_on = parsed_date(ts, s.ACTIVITY_DATE, order, log, ids, near=near,
                              as_of=opts.as_of, decided=decided, downgrade="; left blank")
    activity = text_column(get(ts, s.ACTIVITY)).map(activity_kind)
    idate, unreadable = _interview_dates(ts, opts, log, ids, near, order=order,
                                         decided=decided)
    idate_only = idate.copy()
    rounds = stage_rounds(ts, order=order, decided=decided, near=near, as_of=opts.as_of,
                          log=log, ids=ids)
    is_activity_interview = (activity == "interview") & activity_on.notna()
    idate = idate.fillna(activity_on.where(is_activity_interview))
    idate = pd.concat([idate, rounds.latest], axis=1).max(axis=1).astype("datetime64[ns]")

    statuses = parse_statuses(get(ts, s.OUTCOME), vocabulary=opts.vocabulary)
    stage = statuses.values
    status_text = text_column(get(ts, s.OUTCOME))
    claims = (activity == "interview") | status_text.map(says_interview)
    if not ts.listing:
        claims = pd.Series(True, index=f.index)
    before = idate
    idate = meetings_as_interviews(ts, idate, claims, order=order, decided=decided, log=log)
    out[s.FROM_CELL] = from_cells(ts, before.isna() & idate.notna(), ts.events)
    interview = idate.notna() | unreadable
    counted = _counted_without_dates(ts, interview, log)
    error = ~interview & claims & ~counted
    applied_on = applied.fillna(activity_on.where(activity != "interview"))
    said = stage.map(lambda st: isinstance(st, Stage) and st is not Stage.LISTED)
    application = ~interview & ~error & (applied_on.notna() | said | (
        statuses.problems.notna()))
    kind = np.select([interview, error, application], ["interview", "error", APPLICATION],
                     OPPORTUNITY)
    log.parsed(f, ts.columns.get(s.OUTCOME, ""), get(ts, s.OUTCOME), statuses, ids=ids)

    out[s.INTERVIEW_DATE] = idate
    links = activity_links(ts, out, kind, activity, activity_on)  # calls/thank-yous as rows
    kind = np.where(links.rows, FOLLOW_UP, kind)
    keep = pd.Series(kind, index=f.index).isin(["interview", "error"])
    _client_problems(ts, out, keep, log)
    no_date = error & ~unreadable
    label = ts.columns.get(s.INTERVIEW_DATE) or ts.columns.get(s.OUTCOME) or ts.columns.get(
        s.ACTIVITY, "")
    has_column = s.INTERVIEW_DATE in ts.columns
    problem = "no interview date: this interview cannot be evaluated" if has_column else (
        "this row says there was an interview, but the sheet has no interview date "
        "column: this interview cannot be evaluated (add an Interview Date column, or "
        "map one with --columns)")
    log.where(f, no_date, column=label,
              value="" if has_column else status_text.where(
                  status_text != "", text_column(get(ts, s.ACTIVITY))),
              problem=problem, severity=ERROR, interview_id=ids)
    out[s.OK] = out[s.OK] & idate.notna()
    out[s.OUTCOME] = outcomes_of(stage)
    out[s.QUIET] = stage.map(lambda st: st is Stage.QUIET).astype(bool)
    _details(ts, out, opts, log, ids, order=order, decided=decided)
    out["_later_round"] = False
    out[ROUND] = ""
    out[STAGE_OF] = ""
    kept, shown = _rounds(ts, out, keep, rounds, idate_column=idate_only)
    return _assemble(ts, out, kept, shown, (order, decided), log, kind, applied_on, links)


def from_cells(ts: TableSheet, taken: pd.Series, labels: list[str]) -> pd.Series:
    """For the rows ``taken`` (their interview date read from a cell of events): which
    cell, "the 'Notes' cell, row 14" (the first events column holding a date); "" else."""
    out = pd.Series("", index=ts.frame.index, dtype=object)
    for label in labels:
        has = taken & (out == "") & ts.frame[label].map(lambda v: bool(cell_text(v)))
        out[has] = _cell_names(ts.frame.loc[has, s.ROW], pd.Series(label, index=has[has].index))
    return out


def _cell_names(rows: pd.Series, labels: pd.Series) -> np.ndarray:
    """ "the 'Notes' cell, row 14" for each Excel row and column label."""
    return np.array([f"the {label!r} cell, row {row}" for row, label in zip(
        rows.to_numpy(), labels.to_numpy(), strict=True)], dtype=object)


def _counted_without_dates(ts: TableSheet, interview: pd.Series, log: IssueLog) -> pd.Series:
    """Rows whose interview count (issue #21) says they had interviews but that have no
    interview date anywhere: applications, and one warning for them all (not an error
    per row: the tracker counts interviews, it does not date them)."""
    label = ts.columns.get(INTERVIEW_COUNT)
    if label is None:
        return pd.Series(False, index=ts.frame.index)
    count = pd.to_numeric(ts.frame[label].map(cell_text), errors="coerce").fillna(0)
    counted = (count > 0) & ~interview
    if counted.any():
        apps, n = int(counted.sum()), int(count[counted].sum())
        log.rows([{"Sheet": ts.sheet, "Row": ts.header_row, "Column": label, "Value": "",
                   "Severity": WARNING, "Problem":
                   f"{apps} application{'s' if apps > 1 else ''} record {n} interview"
                   f"{'s' if n > 1 else ''} but no interview dates: add an Interview Date "
                   "to follow them up"}])
    return counted


ROUND = "Round (followkit)"  # on the Interviews sheet: which round of a staged application
FOLLOW_UP = "follow-up"  # an activity-log row that is a call or thank-you of an interview
STAGE_OF = "_stage"  # an interview row's round column (its stage's label; "" else)


def _rounds(ts: TableSheet, out: pd.DataFrame, keep: pd.Series, rounds: Rounds, *,
            idate_column: pd.Series) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One interview row per round (SPEC §2.1): the latest keeps the row's Interview ID
    (and its interviewers and calls); each earlier round is a row of its own, marked
    ``_later_round`` so that its steps 1, 2 and 4 are Not needed (a later round took
    place) while its thank-yous are still due."""
    original = ts.frame.drop(columns=[s.SHEET, s.ROW])
    rows = np.flatnonzero(keep.to_numpy())
    if rounds.days.empty:
        return out.iloc[rows], original.iloc[rows]
    days = rounds.days
    column_days = pd.DataFrame({"row": idate_column.index, "day": idate_column.to_numpy(),
                                "stage": ts.columns.get(s.INTERVIEW_DATE, "")}).dropna()
    days = pd.concat([days, column_days], ignore_index=True).drop_duplicates(
        ["row", "day"]).sort_values(["row", "day"], kind="stable")
    days = days[days["row"].isin(out.index[rows])]
    n = days.groupby("row")["day"].transform("size")
    days = days.assign(n=n, k=days.groupby("row").cumcount() + 1)
    out.loc[days.loc[days["n"] > 1].drop_duplicates("row", keep="last")["row"], ROUND] = (
        days.loc[days["n"] > 1].drop_duplicates("row", keep="last").apply(
            lambda d: f"{d['stage']} ({d['k']} of {d['n']})", axis=1).to_numpy())
    last = days.drop_duplicates("row", keep="last")
    out.loc[last["row"], STAGE_OF] = last["stage"].to_numpy()
    last = last[last["stage"].isin(ts.events)]
    out.loc[last["row"], s.FROM_CELL] = _cell_names(out.loc[last["row"], s.ROW], last["stage"])
    earlier = days[days["k"] < days["n"]]
    if earlier.empty:
        return out.iloc[rows], original.iloc[rows]
    extra = out.loc[earlier["row"]].copy()
    extra[s.INTERVIEW_DATE] = earlier["day"].to_numpy()
    extra[s.INTERVIEW_ID] = (extra[s.INTERVIEW_ID] + " round " +
                             earlier["k"].astype(str).to_numpy())
    extra["_later_round"] = True
    extra[STAGE_OF] = earlier["stage"].to_numpy()
    extra[s.FROM_CELL] = np.where(earlier["stage"].isin(ts.events).to_numpy(), _cell_names(
        extra[s.ROW], earlier["stage"]), "")
    extra[ROUND] = [f"{st} ({k} of {n})" for st, k, n in zip(
        earlier["stage"], earlier["k"], earlier["n"], strict=True)]
    extra[s.OK] = extra[s.OK] & extra[s.INTERVIEW_DATE].notna()
    kept = out.iloc[rows]
    both = pd.concat([extra.assign(_order=0), kept.assign(_order=1)])
    both = both.assign(_pos=original.index.get_indexer(both.index)).sort_values(
        ["_pos", "_order", s.INTERVIEW_DATE], kind="stable")
    orig = original.iloc[both["_pos"].to_numpy()]
    return both.drop(columns=["_order", "_pos"]), orig


def _identify(ts: TableSheet, opts: ReadOptions, log: IssueLog) -> pd.DataFrame:
    """Interview IDs (derived from the row when blank), client, worker and the texts."""
    f = ts.frame
    ids = text_column(get(ts, s.INTERVIEW_ID))
    prefix = f"{ts.sheet} R" if opts.several else "R"
    derived = prefix + f[s.ROW].astype(str)
    blank_id = ids == ""
    if s.INTERVIEW_ID in ts.columns and blank_id.any():
        log.where(f, blank_id, column=ts.columns[s.INTERVIEW_ID], value="",
                  problem="no Interview ID; using " + derived + " for this row",
                  severity=WARNING)
    out = pd.DataFrame({s.INTERVIEW_ID: ids.where(~blank_id, derived)}, index=f.index)
    for name in (s.CLIENT_ID, s.CLIENT_NAME, s.WORKER, s.EMPLOYER, s.POSITION,
                 s.EMPLOYER_PHONE, s.NOTES, s.WHY_ME, s.LANGUAGE):
        out[name] = text_column(get(ts, name))
    if ts.one_person:
        person = opts.client or _file_person(ts.file)
        out[s.CLIENT_ID] = person
        out[s.CLIENT_NAME] = person
        source = "given with --client" if opts.client else "from the file name; name them " \
                                                           "with --client NAME"
        if ts.file not in opts.told:
            opts.told.add(ts.file)
            log.rows([{"Sheet": ts.sheet, "Row": ts.header_row, "Column": "",
                       "Value": person, "Severity": WARNING,
                       "Problem": f"no Client ID or Client Name column: every row is "
                                  f"taken as one person's, {person!r} ({source})"}])
    elif s.CLIENT_ID not in ts.columns:
        out[s.CLIENT_ID] = out[s.CLIENT_NAME]
    elif s.CLIENT_NAME not in ts.columns:
        out[s.CLIENT_NAME] = out[s.CLIENT_ID]
    out[s.OK] = True
    return out


def _file_person(file: str) -> str:
    stem = file.rsplit("/", 1)[-1]
    return stem.rsplit(".", 1)[0] if "." in stem else stem


def _interview_dates(ts: TableSheet, opts: ReadOptions, log: IssueLog, ids: pd.Series,
                     near: pd.Series, *, order: str, decided: bool
                     ) -> tuple[pd.Series, pd.Series]:
    """The Interview Date column, and which rows hold a date that could not be read."""
    if s.INTERVIEW_DATE not in ts.columns:
        return (pd.Series(pd.NaT, index=ts.frame.index, dtype="datetime64[ns]"),
                pd.Series(False, index=ts.frame.index))
    label = ts.columns[s.INTERVIEW_DATE]
    raw = ts.frame[label]
    parsed = parse_dates(raw, order=order, near=near, as_of=opts.as_of, decided=decided)
    log.parsed(ts.frame, label, raw, parsed, ids=ids)
    unreadable = parsed.values.isna() & (parsed.severities == ERROR)
    return parsed.values, unreadable


def _client_problems(ts: TableSheet, out: pd.DataFrame, keep: pd.Series,
                     log: IssueLog) -> None:
    """A kept (interview) row needs a client; a blank name is a warning."""
    f = ts.frame
    if ts.one_person:
        return
    label = ts.columns.get(s.CLIENT_ID) or ts.columns[s.CLIENT_NAME]
    blank = (out[s.CLIENT_ID] == "") & keep
    what = s.CLIENT_ID if s.CLIENT_ID in ts.columns else "client name"
    log.where(f, blank, column=label, value="",
              problem=f"no {what}: this interview cannot be evaluated", severity=ERROR)
    out[s.OK] = out[s.OK] & ~blank
    if s.CLIENT_NAME in ts.columns:
        name_blank = (out[s.CLIENT_NAME] == "") & keep & ~blank
        log.where(f, name_blank, column=ts.columns[s.CLIENT_NAME], value="",
                  problem="no client name", severity=WARNING)
    elif s.CLIENT_ID in ts.columns:
        pass


def _details(ts: TableSheet, out: pd.DataFrame, opts: ReadOptions, log: IssueLog,
             ids: pd.Series, *, order: str, decided: bool) -> None:
    out[s.DECISION_DATE] = parsed_date(ts, s.DECISION_DATE, order, log, ids,
                                       near=out[s.INTERVIEW_DATE], as_of=opts.as_of,
                                       decided=decided)
    done, dates = parsed_yes_no(ts, s.REFERENCES_ALERTED, order, log, ids)
    out[s.REFERENCES_ALERTED] = done
    out[s.REFERENCES_ALERTED_DATE] = dates
    out[s.SHEET] = ts.frame[s.SHEET]
    out[s.ROW] = ts.frame[s.ROW]


def _assemble(ts: TableSheet, out: pd.DataFrame, kept: pd.DataFrame, original: pd.DataFrame,
              dates: tuple[str, bool], log: IssueLog, kind: np.ndarray,
              applied_on: pd.Series, links: Links) -> SheetRead:
    """The sheet's tables: ``out`` has every row, ``kept`` the interview rows (one per
    round) and ``original`` their cells as read."""
    f = ts.frame
    order, decided = dates
    every = f.drop(columns=[s.SHEET, s.ROW])
    # Interviewers, calls and flat applications belong to the latest round.
    latest = kept[~kept["_later_round"].to_numpy(dtype=bool)]
    keyed = latest[[s.INTERVIEW_ID, s.CLIENT_ID, s.SHEET, s.ROW]]
    sub = TableSheet(ts.table, ts.sheet, ts.header_row, f.loc[keyed.index], ts.columns,
                     ts.flat)
    calls = [flat_calls(sub, keyed, order, log),
             _follow_ups(sub, keyed, order, log, decided=decided), links.calls,
             *event_calls(ts, keyed, latest[s.INTERVIEW_DATE], order=order, decided=decided,
                          log=log)]
    is_app = kind == APPLICATION
    apps = out[is_app][[s.CLIENT_ID, s.EMPLOYER, s.POSITION, s.SHEET, s.ROW]].copy()
    apps[s.APPLICATION_DATE] = applied_on[is_app]
    apps["_col"] = ts.columns.get(s.APPLICATION_DATE, ts.columns.get(s.ACTIVITY_DATE, ""))
    apps = apps[apps[s.APPLICATION_DATE].notna()]
    listed_rows = np.flatnonzero(np.isin(kind, [APPLICATION, OPPORTUNITY]))
    listed = pd.DataFrame({
        KIND: kind[listed_rows], s.CLIENT_ID: out[s.CLIENT_ID].to_numpy()[listed_rows],
        s.CLIENT_NAME: out[s.CLIENT_NAME].to_numpy()[listed_rows],
        FILE: ts.file, SHEET_LABEL: f[s.SHEET].to_numpy()[listed_rows],
        ROW_LABEL: f[s.ROW].to_numpy()[listed_rows]})
    listed = pd.concat([listed[LISTED_COLUMNS], every.iloc[listed_rows].reset_index(
        drop=True).drop(columns=[c for c in LISTED_COLUMNS if c in every.columns])],
        axis=1)
    shown = original.reset_index(drop=True)
    if (kept[ROUND] != "").any():
        shown[ROUND] = kept[ROUND].to_numpy()
    thanks = pd.concat([links.thanks, event_thanks(ts, kept, order=order, decided=decided,
                                                   log=log)], ignore_index=True)
    people = mark_thanked(flat_interviewers(sub, keyed, order, log), thanks,
                          next(iter(interviewer_labels(ts)), ""))
    people = settle_unnamed(to_its_round(concat(
        [people, round_thank_yous(ts, kept, kept[STAGE_OF], order, log)],
        INTERVIEWER_COLUMNS), kept, ts))
    return SheetRead(
        kept[[*INTERVIEW_COLUMNS, "_later_round", s.QUIET, s.FROM_CELL]].reset_index(
            drop=True),
        shown,
        people,
        concat(calls, CALL_COLUMNS),
        flat_applications(sub, keyed, order, log),
        listed,
        concat([apps], APPLICATION_COLUMNS),
    )


def _follow_ups(ts: TableSheet, keyed: pd.DataFrame, order: str, log: IssueLog, *,
                decided: bool) -> pd.DataFrame:
    """A follow-up date column: each date is a contact with the employer (a call).

    The rules count only calls on or before the as-of date, so a later date
    (the worker's plan) does not count as made.
    """
    if s.FOLLOW_UP_DATE not in ts.columns:
        return concat([], CALL_COLUMNS)
    label = ts.columns[s.FOLLOW_UP_DATE]
    raw = ts.frame[label]
    parsed = parse_dates(raw, order=order, decided=decided)
    log.parsed(ts.frame, label, raw, parsed, downgrade="; this follow-up is not counted",
               ids=keyed[s.INTERVIEW_ID])
    piece = keyed[[s.INTERVIEW_ID, s.SHEET, s.ROW]].copy()
    piece[s.CALL_DATE] = parsed.values.to_numpy()
    piece[s.RESULT] = ""
    piece["_col"] = label
    piece[s.PLANNED] = True
    return piece[piece[s.CALL_DATE].notna()]
