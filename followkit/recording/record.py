"""Recording what was done back into the worker's own tracker (SPEC §8).

The worker fills ``Done On`` and ``Record`` on the report's action sheets;
:func:`record` reads those rows (python-calamine, through :mod:`followkit.core.io`),
matches each one to the tracker by its keys (Interview ID, Interviewer; Client
ID for job search), refuses rows whose interview no longer matches (client,
employer, interview date), and plans the cells to write. Where each kind of
record goes is the job of a :class:`Places` strategy (one per layout, see
docs/recording.md); :mod:`followkit.recording.write` applies the plan to a copy
of the tracker (an ``.xlsx`` edited in place, a CSV line by line) and writes the
``followkit log`` sheet. Nothing here reads the clock: ``now`` is passed in.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from followkit.core import schema as s
from followkit.core.errors import FollowkitError, OutputError
from followkit.core.io import RawSheet, RawWorkbook, read_inputs, read_workbook
from followkit.core.policy import DEFAULT_POLICY, FollowUpPolicy
from followkit.reading.load import Caseload, caseload_from_workbook, combine_workbooks
from followkit.reading.sheets import Layout, find_tables
from followkit.reading.values import cell_text, is_blank, parse_date_cell
from followkit.recording.files import default_folder, file_plan, owners, report_as_of, several
from followkit.recording.lists import ListPlaces, is_list
from followkit.recording.places import FlatPlaces, Places, SheetMap, TemplatePlaces
from followkit.recording.places import Refused as _Refused
from followkit.recording.plan import Edit, Filled, Plan, Recorded, RecordResult
from followkit.recording.write import apply_plan, check_output, default_output, lock_note
from followkit.report.workbook import CALL_RESULTS, DONE_ON, FILL_IN_SHEETS, RECORD
from followkit.rules import engine as r

CLOSING_RESULTS = {"offer": s.OFFER, "hired": s.HIRED, "not selected": s.NOT_SELECTED}
_NAME_SPLIT = re.compile(r"\s*(?:;|,|/|\n|\s&\s|\s+and\s+)\s*")


def read_filled(path: str | os.PathLike[str], *, policy: FollowUpPolicy = DEFAULT_POLICY
                ) -> tuple[list[Filled], list[tuple[str, str]]]:
    """The filled-in rows of a report's action sheets, and rows refused while reading.

    A row is filled when its ``Done On`` or ``Record`` cell is not empty. The
    same action filled on two sheets (To Do and Thank-Yous) counts once; filled
    differently, both are refused.
    """
    workbook = read_workbook(path, only=FILL_IN_SHEETS)
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
        problem = _date_problem(DONE_ON, done_raw, done)
        if filled.action == r.ASK_DECISION and not is_blank(record):
            learned = parse_date_cell(record, policy.text_date_order)
            problem = problem or _date_problem(RECORD, record, learned)
            filled = dataclasses.replace(filled, record=learned.value or record)
        out.append((filled, problem))
    return out


def _date_problem(column: str, raw: Any, parsed: Any) -> str:
    """Why a typed date cannot be used ('' when it can); an ambiguous one is not guessed."""
    if not parsed.problem:
        return ""
    hint = " (type the date as YYYY-MM-DD)" if parsed.severity != "error" else ""
    return f"{column} {cell_text(raw)!r}: {parsed.problem}{hint}"


def _text(value: Any) -> str:
    return cell_text(value).strip()


def tracker_places(workbook: RawWorkbook, layout: Layout, *,
                   caseload: Caseload | None = None) -> Places:
    """The strategy for this tracker's layout: linked sheets (SPEC §2 template), flat, or
    a SPEC §2.1 list (activity log, stage columns, one person's list), decided per sheet
    (:class:`~followkit.recording.lists.ListPlaces`)."""
    sheets = SheetMap.of(workbook, layout)
    if any(is_list(ts) for ts in layout.of(s.INTERVIEWS)):
        places = ListPlaces(sheets, layout)
        places.interviews = caseload.interviews if caseload is not None else None
        return places
    linked = any(ts.table is not s.INTERVIEWS for ts in layout.tables)
    return TemplatePlaces(sheets, layout) if linked else FlatPlaces(sheets, layout)


class CaseloadIndex:
    """The caseload's tables as plain lookups, built once (thousands of rows are matched)."""

    def __init__(self, caseload: Caseload) -> None:
        iv = caseload.interviews
        self.columns = {c: iv[c].to_numpy(dtype=object) for c in iv.columns}
        self.first_ok: dict[str, int] = {}
        self.known: set[str] = set()
        for pos, (iid, ok) in enumerate(zip(self.columns[s.INTERVIEW_ID], iv[s.OK],
                                            strict=True)):
            self.known.add(iid)
            if ok:
                self.first_ok.setdefault(iid, pos)
        order = np.lexsort((iv[s.ROW].to_numpy(), iv[s.INTERVIEW_DATE].to_numpy()))
        self.latest: dict[str, int] = {}  # each client's latest evaluable interview
        for pos in order[iv[s.OK].to_numpy(dtype=bool)[order]]:
            self.latest[self.columns[s.CLIENT_ID][pos]] = int(pos)
        people = caseload.interviewers
        self._people = {c: people[c].to_numpy(dtype=object) for c in people.columns}
        self._people_at = people.groupby(s.INTERVIEW_ID, sort=False).indices
        calls = caseload.calls
        self.calls = set(zip(calls[s.INTERVIEW_ID], calls[s.CALL_DATE].dt.date, strict=True))
        apps = caseload.applications
        self.applications = set(zip(apps[s.CLIENT_ID], apps[s.APPLICATION_DATE].dt.date,
                                    strict=True))

    def people(self, interview_id: str) -> list[dict[str, Any]]:
        """The interviewer rows of an interview, as dicts (with their position ``_pos``)."""
        return [{c: values[pos] for c, values in self._people.items()} | {"_pos": int(pos)}
                for pos in self._people_at.get(interview_id, ())]

    def row(self, pos: int) -> dict[str, Any]:
        return {c: values[pos] for c, values in self.columns.items()} | {"_pos": pos}


def plan_record(caseload: Caseload, places: Places, filled: list[Filled], *,
                index: CaseloadIndex | None = None) -> Plan:
    """Match each filled row to the tracker and plan where its record goes.

    ``index`` is ``CaseloadIndex(caseload)`` when the caller keeps one (the dashboard).
    """
    plan = Plan()
    index = index or CaseloadIndex(caseload)
    for item in filled:
        try:
            if item.action == r.KEEP_HUNTING:
                pos = index.latest.get(item.client_id)
                if pos is None:
                    raise _Refused(f"no client {item.client_id!r} in the tracker any more")
            else:
                pos = _interview_row(index, item)
            edits = _record_one(index, places, item, index.row(pos))
        except _Refused as e:
            plan.refused.append((item.where, str(e)))
            continue
        if edits:
            plan.edits.extend(edits)
            plan.recorded.append(Recorded.of(item, index.row(pos)))
        else:
            plan.already.append(item.where)
    return plan


def _day(value: Any) -> date | None:
    return None if pd.isna(value) else pd.Timestamp(value).date()


def _interview_row(index: CaseloadIndex, item: Filled) -> int:
    if item.action not in r.ACTIONS:
        raise _Refused(f"unknown action {item.action!r}")
    if not item.interview_id:
        raise _Refused("no Interview ID in this row")
    pos = index.first_ok.get(item.interview_id)
    if pos is None:
        if item.interview_id in index.known:
            raise _Refused(f"interview {item.interview_id!r} cannot be evaluated in the "
                           "tracker (see the report's Data Issues)")
        raise _Refused(f"no interview {item.interview_id!r} in the tracker any more")
    columns = index.columns
    differences = [
        f"{name} is {theirs!r} in the tracker, {mine!r} in the report"
        for name, theirs, mine in (
            (s.CLIENT_ID, columns[s.CLIENT_ID][pos], item.client_id),
            (s.EMPLOYER, columns[s.EMPLOYER][pos], item.employer),
            (s.INTERVIEW_DATE, str(_day(columns[s.INTERVIEW_DATE][pos])),
             str(item.interview_date)))
        if str(theirs).strip() != str(mine).strip()]
    if differences:
        raise _Refused(f"interview {item.interview_id!r} no longer matches the tracker: "
                       + "; ".join(differences))
    return pos


def _record_one(index: CaseloadIndex, places: Places, item: Filled, row: dict[str, Any]
                ) -> list[Edit]:
    source = f"{item.where}: {item.action}"
    if item.action == r.ASK_DECISION:
        learned = parse_date_cell(item.record)
        if learned.value is None or learned.problem:
            raise _Refused(f"{RECORD} must hold the decision date learned, e.g. 2026-12-04")
        if _day(row[s.DECISION_DATE]) == learned.value:
            return []
        return places.decision_date(row, learned.value, source)
    if item.action == r.GET_NAMES:
        names = [n for n in _NAME_SPLIT.split(_text(item.record)) if n]
        if not names:
            raise _Refused(f"{RECORD} must hold the interviewers' names (separated by ';')")
        known = {p[s.INTERVIEWER].casefold() for p in index.people(item.interview_id)}
        new = [n for n in names if n.casefold() not in known]
        return places.interviewer_names(row, new, source) if new else []
    done = _done_on(item, row)
    if item.action == r.ALERT_REFERENCES:
        return [] if row[s.REFERENCES_ALERTED] else places.references(row, done, source)
    if item.action == r.SEND_THANK_YOU:
        return _thank_you(index, places, item, done, source)
    if item.action == r.FOLLOW_UP_CALL:
        return _call(index, places, item, row, done, source)
    if (item.client_id, done) in index.applications:
        return []
    return places.application(row, done, _text(item.record), source)


def _done_on(item: Filled, row: dict[str, Any]) -> date:
    if item.done_on is None:
        raise _Refused(f"{DONE_ON} is empty: type the date it was done")
    interview = _day(row[s.INTERVIEW_DATE])
    if item.action != r.KEEP_HUNTING and interview and item.done_on < interview:
        raise _Refused(f"{DONE_ON} {item.done_on} is before the interview ({interview})")
    return item.done_on


def _thank_you(index: CaseloadIndex, places: Places, item: Filled, done: date,
               source: str) -> list[Edit]:
    mine = index.people(item.interview_id)
    match = [p for p in mine if p[s.INTERVIEWER] == item.interviewer] or [
        p for p in mine if p[s.INTERVIEWER].casefold() == item.interviewer.casefold()]
    if not match:
        raise _Refused(f"no interviewer {item.interviewer!r} at interview "
                       f"{item.interview_id!r} in the tracker any more")
    sent_on = _day(match[0][s.THANK_YOU_DATE])
    if match[0][s.THANK_YOU_SENT] and (sent_on is None or sent_on <= done):
        return []  # recorded already (a later date was a plan: the day it was done wins)
    return places.thank_you(match[0], mine, done, source)


def _call(index: CaseloadIndex, places: Places, item: Filled, row: dict[str, Any], done: date,
          source: str) -> list[Edit]:
    result = _text(item.record)
    if result and result.casefold() not in {c.casefold() for c in CALL_RESULTS}:
        raise _Refused(f"{RECORD} {result!r} is not a call result; use one of "
                       + ", ".join(CALL_RESULTS))
    result = next((c for c in CALL_RESULTS if c.casefold() == result.casefold()), "")
    logged = (item.interview_id, done) in index.calls
    edits = [] if logged else places.call(row, done, result, source)
    outcome = CLOSING_RESULTS.get(result.casefold())
    if outcome and row[s.OUTCOME] != outcome:
        edits += places.outcome(row, outcome, source)
    return edits


def record(
    tracker: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    report: str | os.PathLike[str],
    *,
    now: datetime,
    output: str | os.PathLike[str] | None = None,
    policy: FollowUpPolicy = DEFAULT_POLICY,
    replace: bool = False,
    reading: Mapping[str, Any] | None = None,
) -> RecordResult:
    """Write what was filled in ``report`` into a copy of ``tracker``.

    Parameters
    ----------
    tracker, report
        The worker's tracker (or several files and folders read as one caseload,
        as ``followkit report A B`` did) and a followkit report made from it,
        filled in. No input file is ever written.
    now
        The time written in the log's When column (time-zone aware).
    output
        The updated copy (default ``<tracker>-updated.<ext>``; ``.xls`` and
        ``.ods`` become ``.xlsx``); with several trackers, a folder (each
        updated copy keeps that name in it).
    replace
        Replace an existing updated copy (``--replace``); without it, an
        existing output is refused with a message naming it, and nothing is written.
    reading
        How the report read the tracker: ``client``, ``columns``, ``statuses``
        (``--client``, ``--columns``, the policy's status words), so the tracker
        is read here exactly as it was for the report. The as-of date is the
        report's own (its Summary's "As of"): dates written without a year
        take the year they took in the report.
    """
    filled, refused = read_filled(report, policy=policy)
    if not filled and not refused:
        raise FollowkitError(f"nothing to record: no row of {Path(report).name!r} has "
                             f"{DONE_ON} or {RECORD} filled in")
    return record_filled(tracker, filled, now=now, output=output, policy=policy,
                         refused=refused, origin=Path(report).name, protect=(report,),
                         replace=replace, reading=reading, as_of=report_as_of(report))


def record_filled(
    tracker: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    filled: list[Filled],
    *,
    now: datetime,
    output: str | os.PathLike[str] | None = None,
    policy: FollowUpPolicy = DEFAULT_POLICY,
    refused: list[tuple[str, str]] | None = None,
    origin: str = "dashboard",
    protect: tuple[str | os.PathLike[str], ...] = (),
    replace: bool = False,
    reading: Mapping[str, Any] | None = None,
    as_of: date | None = None,
) -> RecordResult:
    """Write ``filled`` rows (from a report, or marked in the dashboard) into a copy of
    ``tracker``; ``origin`` names where they came from in the log's From column.

    ``replace``: an existing output is replaced (else refused, nothing written).
    ``as_of`` is the report's date, for dates written without a year.
    Several trackers (files and folders): :func:`followkit.recording.files.record_several`.
    """
    if not isinstance(tracker, (str, os.PathLike)):
        paths = list(tracker)
        if several(paths):
            return record_several(paths, filled, now=now, output=output, policy=policy,
                                  refused=refused, origin=origin, protect=protect,
                                  replace=replace, reading=reading, as_of=as_of)
        tracker = paths[0]
    source = Path(tracker)
    target = Path(output) if output is not None else default_output(source)
    check_output(target, replace, (source, *protect))
    workbook = read_workbook(source)
    layout, plan = _planned(workbook, filled, policy=policy, reading=reading, as_of=as_of,
                            refused=refused)
    notes = [n for n in (lock_note(source),) if n]
    written, logged, more = apply_plan(
        source, workbook, SheetMap.of(workbook, layout), plan, target, now=now,
        report_name=origin, protect=protect)
    return RecordResult(written, logged, plan.refused, plan.already, notes + more,
                        recorded=plan.recorded)


def _planned(workbook: RawWorkbook, filled: list[Filled], *, policy: FollowUpPolicy,
             reading: Mapping[str, Any] | None, as_of: date | None,
             refused: list[tuple[str, str]] | None) -> tuple[Layout, Plan]:
    """The tracker's layout, and where each filled-in action goes in it (the report's
    refusals first)."""
    options = {**(reading or {}), "as_of": as_of}
    caseload = caseload_from_workbook(workbook, policy=policy, **options)
    layout = caseload.layout or find_tables(workbook, mapping=options.get("columns"),
                                            headers=options.get("headers"))
    plan = plan_record(caseload, tracker_places(workbook, layout, caseload=caseload), filled)
    plan.refused[:0] = refused or []
    return layout, plan


def record_several(
    trackers: Sequence[str | os.PathLike[str]], filled: list[Filled], *, now: datetime,
    output: str | os.PathLike[str] | None, policy: FollowUpPolicy,
    refused: list[tuple[str, str]] | None, origin: str,
    protect: tuple[str | os.PathLike[str], ...], reading: Mapping[str, Any] | None,
    as_of: date | None, replace: bool = False,
) -> RecordResult:
    """Record ``filled`` into each of ``trackers`` (files and folders): see the module."""
    workbooks = read_inputs(list(trackers))
    folder = Path(output) if output is not None else default_folder(trackers)
    if folder is not None and folder.suffix and not folder.is_dir():
        raise OutputError(f"with several trackers, -o names a folder for the updated copies, "
                          f"not {folder.name!r}")
    if len(workbooks) == 1:
        path = workbooks[0].path
        target = folder / default_output(path).name if folder else None
        return record_filled(path, filled, now=now, output=target, policy=policy,
                             refused=refused, origin=origin, protect=protect,
                             replace=replace, reading=reading, as_of=as_of)
    combined = combine_workbooks(workbooks)
    layout, plan = _planned(combined, filled, policy=policy, reading=reading, as_of=as_of,
                            refused=refused)
    sheets = SheetMap.of(combined, layout)
    owner = owners(workbooks, combined)
    everyone = (*(wb.path for wb in workbooks), *protect)
    log: list[list[Any]] = []
    notes: list[str] = []
    written: list[tuple[Path, int]] = []
    jobs = []
    for index, workbook in enumerate(workbooks):
        mine, names = file_plan(plan, sheets, owner, index)
        if mine.edits:
            target = (folder or workbook.path.parent) / default_output(workbook.path).name
            check_output(target, replace, everyone)
            jobs.append((workbook, mine, names, target))
    for workbook, mine, names, target in jobs:
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        notes += [n for n in (lock_note(workbook.path),) if n]
        path, rows, more = apply_plan(workbook.path, workbook, names, mine, target, now=now,
                                      report_name=origin, protect=everyone)
        log += rows
        notes += more
        written.append((path, len(rows)))
    where = folder or workbooks[0].path.parent
    return RecordResult(where, log, plan.refused, plan.already, notes, written,
                        recorded=plan.recorded)
