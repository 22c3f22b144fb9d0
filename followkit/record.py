"""Recording what was done back into the worker's own tracker (SPEC §8).

The worker fills ``Done On`` and ``Record`` on the report's action sheets;
:func:`record` reads those rows (python-calamine, through :mod:`followkit.io`),
matches each one to the tracker by its keys (Interview ID, Interviewer; Client
ID for job search), refuses rows whose interview no longer matches (client,
employer, interview date), and plans the cells to write. Where each kind of
record goes is the job of a :class:`Places` strategy (one per layout, see
docs/recording.md); :mod:`followkit.record_write` applies the plan to a copy
of the tracker with openpyxl (or the csv module) and writes the
``followkit log`` sheet. Nothing here reads the clock: ``now`` is passed in.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from followkit import rules as r
from followkit import schema as s
from followkit.errors import FollowkitError
from followkit.export import CALL_RESULTS, DONE_ON, FILL_IN_SHEETS, RECORD
from followkit.io import RawSheet, RawWorkbook, read_workbook
from followkit.load import Caseload, caseload_from_workbook
from followkit.policy import DEFAULT_POLICY, FollowUpPolicy
from followkit.record_places import FlatPlaces, Places, SheetMap, TemplatePlaces
from followkit.record_places import Refused as _Refused
from followkit.sheets import Layout, find_tables
from followkit.values import cell_text, is_blank, parse_date_cell

CLOSING_RESULTS = {"offer": s.OFFER, "hired": s.HIRED, "not selected": s.NOT_SELECTED}
_NAME_SPLIT = re.compile(r"\s*(?:;|,|/|\n|\s&\s|\s+and\s+)\s*")


@dataclass(frozen=True)
class Filled:
    """One row of the report with Done On or Record filled in."""

    where: str  # "sheet 'Calls' row 4" of the report
    action: str
    interview_id: str
    interviewer: str
    client_id: str
    employer: str
    interview_date: date | None
    done_on: date | None
    record: Any

    def key(self) -> tuple[str, ...]:
        if self.action == r.KEEP_HUNTING:
            return (self.action, self.client_id)
        return (self.action, self.interview_id, self.interviewer.casefold())


@dataclass(frozen=True)
class SetCell:
    """Write ``value`` in ``column`` (a header label, added when missing) of an Excel row."""

    sheet: str
    row: int
    column: str
    value: Any
    source: str
    note: str = ""


@dataclass(frozen=True)
class AddRow:
    """Append a row to ``sheet`` with these values by header label."""

    sheet: str
    values: dict[str, Any]
    source: str
    note: str = ""


Edit = SetCell | AddRow


@dataclass
class Plan:
    """What :func:`plan_record` decided: the edits, and the rows it did not record."""

    edits: list[Edit] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (where, why)
    already: list[str] = field(default_factory=list)  # rows already in the tracker


def read_filled(path: str | os.PathLike[str], *, policy: FollowUpPolicy = DEFAULT_POLICY
                ) -> tuple[list[Filled], list[tuple[str, str]]]:
    """The filled-in rows of a report's action sheets, and rows refused while reading.

    A row is filled when its ``Done On`` or ``Record`` cell is not empty. The
    same action filled on two sheets (To Do and Thank-Yous) counts once; filled
    differently, both are refused.
    """
    workbook = read_workbook(path)
    found = [sheet for sheet in workbook.sheets if sheet.name in FILL_IN_SHEETS]
    if not found:
        raise FollowkitError(f"{workbook.name!r} is not a followkit report: none of the "
                             f"sheets {', '.join(FILL_IN_SHEETS)} is in it")
    rows: dict[tuple[str, ...], Filled] = {}
    refused: list[tuple[str, str]] = []
    conflicts: set[tuple[str, ...]] = set()
    for sheet in found:
        for filled, problem in _sheet_rows(workbook.name, sheet, policy):
            if problem:
                refused.append((filled.where, problem))
                continue
            key = filled.key()
            first = rows.get(key)
            if first is None:
                rows[key] = filled
            elif (first.done_on, _text(first.record)) != (filled.done_on, _text(filled.record)):
                conflicts.add(key)
                refused.append((filled.where, f"filled differently at {first.where}; "
                                              "fill the action in one place only"))
    for key in conflicts:
        refused.append((rows[key].where, "filled differently on another sheet"))
    return [f for k, f in rows.items() if k not in conflicts], refused


def _sheet_rows(book: str, sheet: RawSheet, policy: FollowUpPolicy
                ) -> list[tuple[Filled, str]]:
    if not sheet.rows:
        return []
    header = [cell_text(h) for h in sheet.rows[0]]
    needed = [r.ACTION, s.CLIENT_ID, s.EMPLOYER, s.INTERVIEW_DATE, s.INTERVIEW_ID,
              s.INTERVIEWER, DONE_ON, RECORD]
    missing = [c for c in needed if c not in header]
    if missing:
        raise FollowkitError(f"{book!r}, sheet {sheet.name!r}: column {missing[0]!r} not "
                             "found; record from a report written by this followkit version")
    at = {c: header.index(c) for c in needed}
    out = []
    for i, row in enumerate(sheet.rows[1:], start=2):
        def get(column: str, row: list[Any] = row) -> Any:
            pos = at[column]
            return row[pos] if pos < len(row) else ""
        done_raw, record = get(DONE_ON), get(RECORD)
        if is_blank(done_raw) and is_blank(record):
            continue
        done = parse_date_cell(done_raw, policy.text_date_order)
        idate = parse_date_cell(get(s.INTERVIEW_DATE), policy.text_date_order)
        filled = Filled(
            where=f"sheet {sheet.name!r} row {i}", action=cell_text(get(r.ACTION)),
            interview_id=cell_text(get(s.INTERVIEW_ID)),
            interviewer=cell_text(get(s.INTERVIEWER)), client_id=cell_text(get(s.CLIENT_ID)),
            employer=cell_text(get(s.EMPLOYER)), interview_date=idate.value,
            done_on=done.value, record=record)
        problem = ""
        if done.problem:
            problem = f"{DONE_ON} {cell_text(done_raw)!r}: {done.problem}"
            if done.severity != "error":
                problem += " (type the date as YYYY-MM-DD)"
        out.append((filled, problem))
    return out


def _text(value: Any) -> str:
    return cell_text(value).strip()


def tracker_places(workbook: RawWorkbook, layout: Layout) -> Places:
    """The strategy for this tracker's layout: linked sheets (SPEC §2 template) or flat."""
    sheets = SheetMap.of(workbook, layout)
    linked = any(ts.table is not s.INTERVIEWS for ts in layout.tables)
    return TemplatePlaces(sheets, layout) if linked else FlatPlaces(sheets, layout)


def plan_record(caseload: Caseload, places: Places, filled: list[Filled]) -> Plan:
    """Match each filled row to the tracker and plan where its record goes."""
    plan = Plan()
    iv = caseload.interviews
    first_ok: dict[str, int] = {}
    any_row: dict[str, int] = {}
    for pos, (iid, ok) in enumerate(zip(iv[s.INTERVIEW_ID], iv["_ok"], strict=True)):
        any_row.setdefault(iid, pos)
        if ok:
            first_ok.setdefault(iid, pos)
    for item in filled:
        try:
            if item.action == r.KEEP_HUNTING:
                pos = _client_row(caseload, item)
            else:
                pos = _interview_row(caseload, item, first_ok, any_row)
            edits = _record_one(caseload, places, item, pos)
        except _Refused as e:
            plan.refused.append((item.where, str(e)))
            continue
        if edits:
            plan.edits.extend(edits)
        else:
            plan.already.append(item.where)
    return plan


def _interview_row(caseload: Caseload, item: Filled, first_ok: dict[str, int],
                   any_row: dict[str, int]) -> int:
    if item.action not in r.ACTIONS:
        raise _Refused(f"unknown action {item.action!r}")
    if not item.interview_id:
        raise _Refused("no Interview ID in this row")
    pos = first_ok.get(item.interview_id)
    if pos is None:
        if item.interview_id in any_row:
            raise _Refused(f"interview {item.interview_id!r} cannot be evaluated in the "
                           "tracker (see the report's Data Issues)")
        raise _Refused(f"no interview {item.interview_id!r} in the tracker any more")
    row = caseload.interviews.iloc[pos]
    tracker_date = row[s.INTERVIEW_DATE].date() if pd.notna(row[s.INTERVIEW_DATE]) else None
    differences = [
        f"{name} is {theirs!r} in the tracker, {mine!r} in the report"
        for name, theirs, mine in (
            (s.CLIENT_ID, row[s.CLIENT_ID], item.client_id),
            (s.EMPLOYER, row[s.EMPLOYER], item.employer),
            (s.INTERVIEW_DATE, str(tracker_date), str(item.interview_date)))
        if str(theirs).strip() != str(mine).strip()]
    if differences:
        raise _Refused(f"interview {item.interview_id!r} no longer matches the tracker: "
                       + "; ".join(differences))
    return pos


def _client_row(caseload: Caseload, item: Filled) -> int:
    iv = caseload.interviews
    mine = iv.index[(iv[s.CLIENT_ID] == item.client_id) & iv["_ok"]]
    if not len(mine):
        raise _Refused(f"no client {item.client_id!r} in the tracker any more")
    dated = iv.loc[mine].sort_values([s.INTERVIEW_DATE, s.ROW], kind="stable")
    return int(iv.index.get_loc(dated.index[-1]))


def _record_one(caseload: Caseload, places: Places, item: Filled, pos: int) -> list[Edit]:
    source = f"{item.where}: {item.action}"
    row = caseload.interviews.iloc[pos]
    if item.action == r.ASK_DECISION:
        learned = parse_date_cell(item.record)
        if learned.value is None or learned.problem:
            raise _Refused(f"{RECORD} must hold the decision date learned, e.g. 2026-12-04")
        return places.decision_date(row, learned.value, source)
    if item.action == r.GET_NAMES:
        names = [n for n in _NAME_SPLIT.split(_text(item.record)) if n]
        if not names:
            raise _Refused(f"{RECORD} must hold the interviewers' names (separated by ';')")
        known = set(caseload.interviewers.loc[
            caseload.interviewers[s.INTERVIEW_ID] == item.interview_id, s.INTERVIEWER
        ].str.casefold())
        new = [n for n in names if n.casefold() not in known]
        return places.interviewer_names(row, new, source) if new else []
    done = _done_on(item, row)
    if item.action == r.ALERT_REFERENCES:
        return [] if row[s.REFERENCES_ALERTED] else places.references(row, done, source)
    if item.action == r.SEND_THANK_YOU:
        return _thank_you(caseload, places, item, done, source)
    if item.action == r.FOLLOW_UP_CALL:
        return _call(caseload, places, item, row, done, source)
    employer = _text(item.record)
    apps = caseload.applications
    seen = apps[(apps[s.CLIENT_ID] == item.client_id)
                & (apps[s.APPLICATION_DATE] == pd.Timestamp(done))]
    if len(seen):
        return []
    return places.application(row, done, employer, source)


def _done_on(item: Filled, row: pd.Series) -> date:
    if item.done_on is None:
        raise _Refused(f"{DONE_ON} is empty: type the date it was done")
    if item.action != r.KEEP_HUNTING and item.done_on < row[s.INTERVIEW_DATE].date():
        raise _Refused(f"{DONE_ON} {item.done_on} is before the interview "
                       f"({row[s.INTERVIEW_DATE].date()})")
    return item.done_on


def _thank_you(caseload: Caseload, places: Places, item: Filled, done: date,
               source: str) -> list[Edit]:
    people = caseload.interviewers
    mine = people[people[s.INTERVIEW_ID] == item.interview_id]
    match = mine[mine[s.INTERVIEWER] == item.interviewer]
    if not len(match):
        match = mine[mine[s.INTERVIEWER].str.casefold() == item.interviewer.casefold()]
    if not len(match):
        raise _Refused(f"no interviewer {item.interviewer!r} at interview "
                       f"{item.interview_id!r} in the tracker any more")
    person = match.iloc[0]
    if person[s.THANK_YOU_SENT]:
        return []
    return places.thank_you(person, mine, done, source)


def _call(caseload: Caseload, places: Places, item: Filled, row: pd.Series, done: date,
          source: str) -> list[Edit]:
    result = _text(item.record)
    if result and result.casefold() not in {c.casefold() for c in CALL_RESULTS}:
        raise _Refused(f"{RECORD} {result!r} is not a call result; use one of "
                       + ", ".join(CALL_RESULTS))
    result = next((c for c in CALL_RESULTS if c.casefold() == result.casefold()), "")
    calls = caseload.calls
    logged = calls[(calls[s.INTERVIEW_ID] == item.interview_id)
                   & (calls[s.CALL_DATE] == pd.Timestamp(done))]
    edits = [] if len(logged) else places.call(row, done, result, source)
    outcome = CLOSING_RESULTS.get(result.casefold())
    if outcome and row[s.OUTCOME] != outcome:
        edits += places.outcome(row, outcome, source)
    return edits


def record(
    tracker: str | os.PathLike[str],
    report: str | os.PathLike[str],
    *,
    now: datetime,
    output: str | os.PathLike[str] | None = None,
    policy: FollowUpPolicy = DEFAULT_POLICY,
) -> RecordResult:
    """Write what was filled in ``report`` into a copy of ``tracker``.

    Parameters
    ----------
    tracker, report
        The worker's tracker and a followkit report made from it, filled in.
        Neither file is ever written.
    now
        The time written in the log's When column (time-zone aware).
    output
        The updated copy (default ``<tracker>-updated.<ext>``; ``.xls`` and
        ``.ods`` become ``.xlsx``).
    """
    from followkit.record_write import apply_plan, default_output, lock_note

    source = Path(tracker)
    workbook = read_workbook(source)
    layout = find_tables(workbook)
    caseload = caseload_from_workbook(workbook, policy=policy)
    filled, refused = read_filled(report, policy=policy)
    if not filled and not refused:
        raise FollowkitError(f"nothing to record: no row of {Path(report).name!r} has "
                             f"{DONE_ON} or {RECORD} filled in")
    plan = plan_record(caseload, tracker_places(workbook, layout), filled)
    plan.refused[:0] = refused
    target = Path(output) if output is not None else default_output(source)
    notes = [n for n in (lock_note(source),) if n]
    written, logged, more = apply_plan(source, workbook, plan, target, now=now,
                                       report_name=Path(report).name, protect=(report,))
    return RecordResult(written, logged, plan.refused, plan.already, notes + more)


@dataclass
class RecordResult:
    """What :func:`record` wrote: the file, the log rows, refused and skipped rows."""

    output: Path
    log: list[list[Any]]
    refused: list[tuple[str, str]]
    already: list[str]
    notes: list[str]

    def text(self) -> str:
        """A short plain-text account for the command line."""
        lines = [f"Recorded {len(self.log)} cell(s) into {self.output}"]
        if self.already:
            lines.append(f"{len(self.already)} row(s) were already in the tracker "
                         "(nothing written for them)")
        if self.refused:
            lines.append(f"{len(self.refused)} row(s) of the report were NOT recorded:")
            lines += [f"  {where}: {why}" for where, why in self.refused]
        lines += self.notes
        return "\n".join(lines)
