"""Recording into several trackers read as one caseload, and the report's date (SPEC §8).

``followkit report A.csv B.xlsx FOLDER/`` reads several files as one caseload
(SPEC §2.1), each sheet named ``file: sheet``; every interview row keeps that
sheet and its Excel row. :func:`record_several` plans on that same combined
caseload (so matching and IDs are the report's) and then writes each file's
edits into that file's own updated copy, with its own ``followkit log``; a file
with nothing to record is not written. :func:`report_as_of` reads the date a
report was made for, so a tracker's dates written without a year are read
exactly as the report read them.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from followkit.errors import OutputError
from followkit.io import RawWorkbook, read_inputs, read_workbook
from followkit.load import caseload_from_workbook, combine_workbooks
from followkit.policy import FollowUpPolicy
from followkit.record_places import SheetMap
from followkit.sheets import find_tables
from followkit.values import cell_text

if TYPE_CHECKING:
    from followkit.record import Filled, Plan, RecordResult

SUMMARY = "Summary"


def report_as_of(report: str | os.PathLike[str]) -> date | None:
    """The "As of" date on a report's Summary sheet (None if it has none)."""
    workbook = read_workbook(report, only=(SUMMARY,))
    for sheet in workbook.sheets:
        if sheet.name != SUMMARY:
            continue
        for row in sheet.rows:
            if len(row) > 1 and cell_text(row[0]) == "As of":
                try:  # written as "Friday 20 November 2026"
                    return datetime.strptime(cell_text(row[1]), "%A %d %B %Y").date()
                except ValueError:
                    return None
    return None


def several(paths: Sequence[str | os.PathLike[str]]) -> bool:
    """Whether ``paths`` name more than one tracker (several paths, or a folder)."""
    return len(paths) > 1 or any(Path(p).is_dir() for p in paths)


def record_several(
    trackers: Sequence[str | os.PathLike[str]], filled: list[Filled], *, now: datetime,
    output: str | os.PathLike[str] | None, policy: FollowUpPolicy,
    refused: list[tuple[str, str]] | None, origin: str,
    protect: tuple[str | os.PathLike[str], ...], reading: Mapping[str, Any] | None,
    as_of: date | None,
) -> RecordResult:
    """Record ``filled`` into each of ``trackers`` (files and folders): see the module."""
    from followkit.record import RecordResult, plan_record, record_filled, tracker_places
    from followkit.record_write import apply_plan, default_output, lock_note

    workbooks = read_inputs(list(trackers))
    folder = Path(output) if output is not None else _default_folder(trackers)
    if folder is not None and folder.suffix and not folder.is_dir():
        raise OutputError(f"with several trackers, -o names a folder for the updated copies, "
                          f"not {folder.name!r}")
    if len(workbooks) == 1:
        path = workbooks[0].path
        target = folder / default_output(path).name if folder else None
        return record_filled(path, filled, now=now, output=target, policy=policy,
                             refused=refused, origin=origin, protect=protect,
                             reading=reading, as_of=as_of)
    combined = combine_workbooks(workbooks)
    options = {**(reading or {}), "as_of": as_of}
    caseload = caseload_from_workbook(combined, policy=policy, **options)
    layout = caseload.layout or find_tables(combined, mapping=options.get("columns"))
    plan = plan_record(caseload, tracker_places(combined, layout, caseload=caseload), filled)
    plan.refused[:0] = refused or []
    sheets = SheetMap.of(combined, layout)
    owner = _owners(workbooks, combined)
    everyone = (*(wb.path for wb in workbooks), *protect)
    log: list[list[Any]] = []
    notes: list[str] = []
    written: list[tuple[Path, int]] = []
    for index, workbook in enumerate(workbooks):
        mine, names = _file_plan(plan, sheets, owner, index)
        if not mine.edits:
            continue
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        target = (folder or workbook.path.parent) / default_output(workbook.path).name
        notes += [n for n in (lock_note(workbook.path),) if n]
        path, rows, more = apply_plan(workbook.path, workbook, names, mine, target, now=now,
                                      report_name=origin, protect=everyone)
        log += rows
        notes += more
        written.append((path, len(rows)))
    where = folder or workbooks[0].path.parent
    return RecordResult(where, log, plan.refused, plan.already, notes, written)


def _default_folder(trackers: Sequence[str | os.PathLike[str]]) -> Path | None:
    """``<folder>-updated`` beside the first folder given (so the copies are not read
    with the originals next week), else None (each copy beside its file)."""
    for item in trackers:
        p = Path(item)
        if p.is_dir():
            p = p.resolve()
            return p.with_name(f"{p.name}-updated")
    return None


def _owners(workbooks: Sequence[RawWorkbook], combined: RawWorkbook
            ) -> dict[str, tuple[int, str]]:
    """Each combined sheet name -> (its workbook's position, its own sheet name)."""
    pairs = [(i, sheet.name) for i, wb in enumerate(workbooks) for sheet in wb.sheets]
    return {sheet.name: pair for sheet, pair in zip(combined.sheets, pairs, strict=True)}


def _file_plan(plan: Plan, sheets: SheetMap, owner: dict[str, tuple[int, str]],
               index: int) -> tuple[Plan, SheetMap]:
    """The edits of one file, addressed by its own sheet names, and its sheet map."""
    from followkit.record import Plan

    edits = [dataclasses.replace(e, sheet=owner[e.sheet][1]) for e in plan.edits
             if owner[e.sheet][0] == index]
    infos = {owner[name][1]: dataclasses.replace(info, name=owner[name][1])
             for name, info in sheets.sheets.items() if owner[name][0] == index}
    return Plan(edits=edits), SheetMap(infos)

