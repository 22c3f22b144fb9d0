"""Recording into several trackers read as one caseload, and the report's date (SPEC §8).

``followkit report A.csv B.xlsx FOLDER/`` reads several files as one caseload
(SPEC §2.1), each sheet named ``file: sheet``; every interview row keeps that
sheet and its Excel row. :func:`followkit.recording.record.record_several` plans
on that same combined caseload (so matching and IDs are the report's) and then
writes each file's edits into that file's own updated copy, with its own ``followkit log``; a file
with nothing to record is not written. :func:`report_as_of` reads the date a
report was made for, so a tracker's dates written without a year are read
exactly as the report read them.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from followkit.core.io import RawWorkbook, read_workbook
from followkit.reading.values import cell_text
from followkit.recording.places import SheetMap
from followkit.recording.plan import Plan

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


def default_folder(trackers: Sequence[str | os.PathLike[str]]) -> Path | None:
    """``<folder>-updated`` beside the first folder given (so the copies are not read
    with the originals next week), else None (each copy beside its file)."""
    for item in trackers:
        p = Path(item)
        if p.is_dir():
            p = p.resolve()
            return p.with_name(f"{p.name}-updated")
    return None


def owners(workbooks: Sequence[RawWorkbook], combined: RawWorkbook
            ) -> dict[str, tuple[int, str]]:
    """Each combined sheet name -> (its workbook's position, its own sheet name)."""
    pairs = [(i, sheet.name) for i, wb in enumerate(workbooks) for sheet in wb.sheets]
    return {sheet.name: pair for sheet, pair in zip(combined.sheets, pairs, strict=True)}


def file_plan(plan: Plan, sheets: SheetMap, owner: dict[str, tuple[int, str]],
               index: int) -> tuple[Plan, SheetMap]:
    """The edits of one file, addressed by its own sheet names, and its sheet map."""
    edits = [dataclasses.replace(e, sheet=owner[e.sheet][1]) for e in plan.edits
             if owner[e.sheet][0] == index]
    infos = {owner[name][1]: dataclasses.replace(info, name=owner[name][1])
             for name, info in sheets.sheets.items() if owner[name][0] == index}
    return Plan(edits=edits), SheetMap(infos)

