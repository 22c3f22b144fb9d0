"""Writing the report workbook (SPEC §5) with xlsxwriter's own API.

This module styles and writes; it never computes a figure. Cells are
written one by one with explicit types: text is always a string (never a
formula: ``strings_to_formulas`` is off and text that starts like a formula
gets Excel's quote prefix), dates are real Excel dates, empty values are
empty cells. Formats are made once; the rows below each header are written a
column at a time (:mod:`followkit.report.xlsx_body`).
"""

from __future__ import annotations

import io as _io
import math
import os
import tempfile
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from followkit.core.io import atomic_path, check_xlsx, temp_prefix
from followkit.reading.values import distinct
from followkit.report import printing
from followkit.report.build import TODO, Report
from followkit.report.xlsx_body import BodySheet, Column
from followkit.report.xlsx_style import (
    Formats,
    print_setup,
    write_header,
)
from followkit.rules.engine import DUE_TODAY, FOLLOW_UP_CALL, OVERDUE, UPCOMING
from followkit.rules.steps import built_in_sheets

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_STATUS_COLUMNS = ("Status", "Severity")
_MAX_WIDTH, _MIN_WIDTH = 60, 8
_WIDTH_SAMPLE = 2000
_EXCEL_MAX_TEXT = 32767
_SUMMARY_LINE = 90  # characters a line in the Summary's merged columns B:H (24 + 6 x 12)
CONTACT_COLUMNS = ("Contact", "Email", "Employer Phone", "Draft Email")
LINK_TEXT = {"Draft Email": "Draft email"}


# Above this many cells (about 270 000 interviews) the report is streamed row by row:
# memory stays flat however large the caseload (docs/performance.md).
STREAM_CELLS = 20_000_000
_LIST_COLUMNS = 20  # about how many columns an action list has


def report_cells(report: Report) -> int:
    """About how many cells the report holds: the Interviews sheet, and each open
    action twice (on the To Do and on its own list)."""
    return int(report.interviews.size) + 2 * len(report.open_actions) * _LIST_COLUMNS


def write_report(report: Report, path: str | os.PathLike[str], *,
                 protect: tuple[str | os.PathLike[str], ...] = (),
                 include_contacts: bool = True) -> Path:
    """Write ``report`` to ``path`` atomically and return the path.

    ``protect`` names files that must never be overwritten (the input).
    ``include_contacts=False`` leaves out emails and phone numbers, for a list
    that will be printed or shared.
    """
    with atomic_path(path, protect=protect, check=check_xlsx) as tmp:
        # xlsxwriter's scratch files: beside the report (not in the shared system temp
        # folder), removed always. The rows are kept until the file is written, as
        # columns (xlsx_body.BodySheet: each distinct text in the shared strings table
        # once, a third of xlsxwriter's time per cell); a report of more cells than
        # STREAM_CELLS is streamed (constant_memory), cell by cell, so memory stays flat.
        with tempfile.TemporaryDirectory(prefix=temp_prefix(), dir=tmp.parent) as scratch:
            stream = report_cells(report) > STREAM_CELLS
            _write(report, tmp, {"constant_memory": stream, "tmpdir": scratch},
                   include_contacts)
    return Path(path)


def report_bytes(report: Report, *, include_contacts: bool = True) -> bytes:
    """The report workbook as bytes, built in memory (for a download button)."""
    buffer = _io.BytesIO()
    _write(report, buffer, {"in_memory": True}, include_contacts)
    return buffer.getvalue()


def _write(report: Report, target: Any, options: dict[str, Any],
           include_contacts: bool) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(target, {
        **options,
        "strings_to_formulas": False,
        "strings_to_numbers": False,
        "strings_to_urls": False,
        "nan_inf_to_errors": True,
    })
    formats = Formats(workbook)
    page = _PageHeader(report)
    _summary_sheet(workbook.add_worksheet("Summary"), report, formats, header=page("Summary"))
    for name, frame in report.tables().items():
        if name == "Supervisor":  # a page of tables and charts, not one list
            from followkit.report.workbook_supervisor import supervisor_sheet

            supervisor_sheet(workbook, report.supervisor, formats)
            continue
        if not include_contacts:
            private = (*CONTACT_COLUMNS, *report.contact_columns)
            frame = frame.drop(columns=[c for c in private if c in frame])
        if "Contact" in frame and "Employer Phone" in frame:  # Calls: the phone once
            frame = frame.drop(columns="Employer Phone")
        layout = None
        if name in FILL_IN_SHEETS:
            layout = printing.print_layout(with_fill_in(frame), name)
            frame = layout.frame
        sheet = workbook.add_worksheet(name, worksheet_class=BodySheet)
        _table_sheet(sheet, frame, formats, layout=layout, header=page(name))
        if name in FILL_IN_SHEETS:
            _fill_in_validation(sheet, frame)
    workbook.close()


# SPEC §8: the action sheets end with two columns for the worker to fill in;
# `followkit record` reads them back (see followkit/record.py).
DONE_ON, RECORD = "Done On", "Record"
CALL_RESULTS = ("No answer", "Left voicemail", "Still deciding", "Offer", "Hired",
                "Not selected")
FILL_IN_SHEETS = (TODO, *built_in_sheets())  # the sheets of the steps it can record


def with_fill_in(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the empty ``Done On`` (date) and ``Record`` columns at the end."""
    return frame.assign(**{DONE_ON: pd.Series(pd.NaT, index=frame.index,
                                              dtype="datetime64[ns]"),
                           RECORD: pd.Series(None, index=frame.index, dtype=object)})


def _fill_in_validation(sheet: Any, frame: pd.DataFrame) -> None:
    """Date validation on Done On; the call results' drop-down on Follow-up call rows."""
    last = max(len(frame), 1) + 200  # rows a worker might add stay validated
    done = frame.columns.get_loc(DONE_ON)
    record = frame.columns.get_loc(RECORD)
    sheet.data_validation(1, done, last, done, {
        "validate": "date", "criteria": ">", "value": datetime(1990, 1, 1),
        "error_type": "warning", "input_title": DONE_ON,
        "input_message": "The date it was done, e.g. 2026-11-20",
        "error_message": "Type a date, e.g. 2026-11-20"})
    calls = np.flatnonzero((frame["Action"].astype(str) == FOLLOW_UP_CALL).to_numpy())
    if not len(calls):
        return
    from xlsxwriter.utility import xl_col_to_name

    starts = calls[np.r_[True, np.diff(calls) > 1]] + 2  # Excel rows of each run of calls
    ends = calls[np.r_[np.diff(calls) > 1, True]] + 2
    letter = xl_col_to_name(record)
    ranges = " ".join(f"{letter}{a}:{letter}{b}" if a != b else f"{letter}{a}"
                      for a, b in zip(starts, ends, strict=True))
    sheet.data_validation(int(starts[0]) - 1, record, int(ends[-1]) - 1, record, {
        "validate": "list", "source": list(CALL_RESULTS), "error_type": "stop",
        "input_title": "Call result", "input_message": "Pick the result of the call",
        "multi_range": ranges})  # one rule for every call row, none on the others


class _PageHeader:
    """The printed page header of each sheet: worker(s), sheet, as-of date (issue #13)."""

    def __init__(self, report: Report) -> None:
        self.as_of = report.as_of
        self.workers = dict(report.info).get("Workers", "all")

    def __call__(self, sheet: str) -> str:
        return printing.page_header(sheet, as_of=self.as_of, workers=self.workers)


def _summary_sheet(sheet: Any, report: Report, f: Formats, *, header: str | None = None) -> None:
    print_setup(sheet, "Summary", header)
    sheet.write_string(0, 0, "Interview follow-up report", f.title)
    row = 2
    for key, value in report.info:
        sheet.write_string(row, 0, key, f.bold)
        if value.isdecimal() and value.isascii():  # a count: a number, not text
            sheet.write_number(row, 1, int(value), f.left)
        elif len(value) > _SUMMARY_LINE and not value.startswith(FORMULA_START):
            # a long line (the policy) wraps over the table's width, not off the page
            sheet.set_row(row, printing.LINE_POINTS * math.ceil(len(value) / _SUMMARY_LINE))
            sheet.merge_range(row, 1, row, 7, value[:_EXCEL_MAX_TEXT], f.wrap)
            sheet.write_string(row, 0, key, f.bold_top)
        else:
            _write_text(sheet, row, 1, value, f)
        row += 1
    row += 1
    sheet.write_string(row, 0, "Open actions per worker", f.title)
    row += 1
    summary = report.summary
    header_row = row
    write_header(sheet, header_row, summary.columns, f)
    statuses = {OVERDUE, DUE_TODAY, UPCOMING}
    for values in summary.itertuples(index=False):
        row += 1
        for col, (name, value) in enumerate(zip(summary.columns, values, strict=True)):
            if isinstance(value, str):
                _write_text(sheet, row, col, value, f)
            else:
                fmt = f.status[name] if name in statuses and value else None
                sheet.write_number(row, col, int(value), fmt)
    sheet.set_column(0, 0, 38)
    sheet.set_column(1, 1, 24)
    sheet.set_column(2, len(summary.columns), 12)
    sheet.repeat_rows(header_row)


def _table_sheet(sheet: Any, frame: pd.DataFrame, f: Formats, *,
                 layout: printing.PrintLayout | None = None, header: str | None = None) -> None:
    """One list on its sheet; an action sheet (``layout``) gets its printed page."""
    print_setup(sheet, sheet.name, header)
    columns = list(frame.columns)
    write_header(sheet, 0, columns, f)
    # The header row and the columns up to the client's name stay on screen.
    names = [str(c) for c in columns[:4]]
    sheet.freeze_panes(1, layout.frozen if layout else
                       names.index("Client Name") + 1 if "Client Name" in names else 0)
    sheet.repeat_rows(0)
    n = len(frame)
    sheet.autofilter(0, 0, max(n, 1), max(len(columns) - 1, 0))
    widths = dict(zip(columns, _widths(frame), strict=True))
    if layout:
        widths.update(layout.widths)
        wrapped = {c: w for c, w in layout.widths.items() if c in printing.WRAPPED}
        sheet.print_area(0, 0, max(n, 1), layout.printed - 1)
        sheet.hide_gridlines(0)  # print them: rows to follow, boxes to write in, on paper
    else:  # a long text that is not the last column wraps instead of being cut off
        wrapped = {c: w for c, w in list(widths.items())[:-1]
                   if w >= _MAX_WIDTH and not pd.api.types.is_numeric_dtype(frame[c])}
    for col, name in enumerate(columns):
        sheet.set_column(col, col, widths[name], f.wrap if name in wrapped else f.top)
    heights = printing.row_heights(frame, wrapped) if wrapped else None
    _write_rows(sheet, frame, f, coloured=[c in _STATUS_COLUMNS or c.startswith("Step ")
                                           for c in columns], heights=heights)


def _write_rows(sheet: Any, frame: pd.DataFrame, f: Formats,
                coloured: list[bool] | None = None,
                heights: list[float] | None = None) -> None:
    """Write the cells of ``frame`` below a header row, each with its own type.

    Each column is planned once (its distinct cells, their formats, a code per
    row) and the sheet writes the columns (:mod:`followkit.report.xlsx_body`).
    """
    coloured = coloured or [False] * len(frame.columns)
    columns = [_links(frame[c], LINK_TEXT[c]) if c in LINK_TEXT else _plan(frame[c], f, colour)
               for c, colour in zip(frame.columns, coloured, strict=True)]
    tall = None if heights is None else [h if h > printing.LINE_POINTS else None
                                         for h in heights]
    sheet.write_columns(1, columns, tall)


_EXCEL_EPOCH = np.datetime64("1899-12-30")


def _links(series: pd.Series, text: str) -> Column:
    """A column of mailto: links, shown as ``text``."""
    values = series.to_numpy(dtype=object)
    mail = np.fromiter((isinstance(v, str) and v.startswith("mailto:") for v in values),
                       dtype=bool, count=len(values))
    links = values.copy()
    links[~mail] = None
    codes, urls = pd.factorize(links)
    return Column(codes, list(urls), [None] * len(urls), link=text)


def _plan(series: pd.Series, f: Formats, coloured: bool) -> Column:
    """How to write a column: its distinct cells, their formats, each row's code."""
    if pd.api.types.is_datetime64_any_dtype(series):
        days = (series.to_numpy("datetime64[ns]") - _EXCEL_EPOCH) / np.timedelta64(1, "D")
        codes, serials = pd.factorize(days)  # each distinct day once; NaT: -1
        return Column(codes, serials.tolist(), [f.date] * len(serials))
    if pd.api.types.is_bool_dtype(series):
        return Column(series.to_numpy(dtype=bool).astype(np.intp), ["No", "Yes"], [None, None])
    if pd.api.types.is_numeric_dtype(series):
        codes, distinct_numbers = pd.factorize(series)  # NaN / NA: -1
        numbers = [float(v) if isinstance(v, float | np.floating) else int(v)
                   for v in np.asarray(distinct_numbers, dtype=object)]
        return Column(codes, numbers, [None] * len(numbers))
    if pd.api.types.infer_dtype(series, skipna=False) == "string":
        return _plan_text(series, f, coloured)
    return _plan_mixed(series, f, coloured)


def _plan_mixed(series: pd.Series, f: Formats, coloured: bool) -> Column:
    """A column of text, dates and numbers mixed (a tracker's own cells): each distinct
    cell is planned once (told apart by type: ``True`` is not ``1``)."""
    codes, raw = distinct(series)
    cells: list[Any] = []
    formats: list[Any] = []
    for value in map(_cell, raw):  # None: an empty cell
        fmt = None
        if isinstance(value, str):
            fmt = f.status.get(value) if coloured else None
            if fmt is None and value.startswith(FORMULA_START):
                fmt = f.quoted
            value = value[:_EXCEL_MAX_TEXT]
        elif isinstance(value, datetime):
            value = (value - datetime(1899, 12, 30)).total_seconds() / 86400
            fmt = f.date
        cells.append(value)
        formats.append(fmt)
    return Column(codes, cells, formats)


def _write_text(sheet: Any, row: int, col: int, value: str, f: Formats,
                fmt: Any = None) -> None:
    if value.startswith(FORMULA_START) and fmt is None:
        fmt = f.quoted
    sheet.write_string(row, col, value[:_EXCEL_MAX_TEXT], fmt)


def _plan_text(series: pd.Series, f: Formats, coloured: bool) -> Column:
    """The common case, a column of text only, planned with column operations."""
    codes, texts = pd.factorize(series.to_numpy(dtype=object))  # each distinct text once
    cells = [v[:_EXCEL_MAX_TEXT] or None for v in texts]  # an empty text is an empty cell
    formats = [f.quoted if v.startswith(FORMULA_START) else None for v in texts]
    if coloured:
        formats = [f.status.get(v, fmt) for v, fmt in zip(texts, formats, strict=True)]
    return Column(codes, cells, formats)


def _cell(value: Any) -> Any:
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, str):
        return value if value != "" else None
    if isinstance(value, bool):
        return value
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, int | float | np.integer | np.floating):
        return None if isinstance(value, float) and math.isnan(value) else value
    return str(value)


def _widths(frame: pd.DataFrame) -> list[int]:
    sample = frame.head(_WIDTH_SAMPLE)
    widths = []
    for col in frame.columns:
        series = sample[col]
        if pd.api.types.is_datetime64_any_dtype(series):
            longest = 15
        else:
            lengths = series.astype(str).str.len()
            longest = int(lengths.max()) if lengths.notna().any() else 0
        widths.append(min(_MAX_WIDTH, max(_MIN_WIDTH, len(str(col)) + 3, longest + 2)))
    return widths


def write_tracker(tables: dict[str, pd.DataFrame], path: str | os.PathLike[str], *,
                  instructions: list[str] | None = None, blank_rows: int = 0) -> Path:
    """Write a tracker workbook (the template, or a sample) in the recommended layout.

    Date columns get a date format, yes/no columns and Outcome a drop-down
    list; ``blank_rows`` formatted empty rows are prepared below the data.
    """
    with atomic_path(path, check=check_xlsx) as tmp:
        _write_tracker(str(tmp), tables, instructions, blank_rows)
    return Path(path)


def tracker_bytes(tables: dict[str, pd.DataFrame]) -> bytes:
    """A tracker workbook as bytes, built in memory."""
    buffer = _io.BytesIO()
    _write_tracker(buffer, tables, None, 0, in_memory=True)
    return buffer.getvalue()


def _write_tracker(target: Any, tables: dict[str, pd.DataFrame],
                   instructions: list[str] | None, blank_rows: int,
                   in_memory: bool = False) -> None:
    import xlsxwriter

    from followkit.core import schema as s

    kinds = {c.name: c.kind for t in s.TABLES for c in t.columns}
    workbook = xlsxwriter.Workbook(target, {"strings_to_formulas": False,
                                            "strings_to_numbers": False,
                                            "strings_to_urls": False, "in_memory": in_memory})
    # A fixed creation time keeps regenerated sample files byte-identical.
    workbook.set_properties({"created": datetime(2026, 1, 1), "author": "followkit"})
    f = Formats(workbook)
    if instructions:
        sheet = workbook.add_worksheet("Instructions")
        sheet.set_column(0, 0, 110)
        sheet.write_string(0, 0, instructions[0], f.title)
        for row, line in enumerate(instructions[1:], start=2):
            sheet.write_string(row, 0, line)
    for name, frame in tables.items():
        sheet = workbook.add_worksheet(name, worksheet_class=BodySheet)
        _tracker_sheet(sheet, frame, kinds, f, blank_rows)
    workbook.close()


def _tracker_sheet(sheet: Any, frame: pd.DataFrame, kinds: Mapping[str, str], f: Formats,
                   blank_rows: int) -> None:
    from followkit.core import schema as s

    write_header(sheet, 0, frame.columns, f)
    sheet.freeze_panes(1, 0)
    last = max(len(frame), 1) + blank_rows
    for col, (name, width) in enumerate(zip(frame.columns, _widths(frame), strict=True)):
        kind = kinds.get(str(name), "text")
        sheet.set_column(col, col, max(width, 14),
                         f.date if kind == "date" or str(name).endswith("Date") else None)
        if kind == "yesno":
            sheet.data_validation(1, col, last, col, {
                "validate": "list", "source": ["Y", "N"], "error_type": "information",
                "input_title": str(name), "input_message": "Y, N or the date it was done"})
        elif kind == "outcome":
            sheet.data_validation(1, col, last, col, {
                "validate": "list", "source": list(s.OUTCOMES), "error_type": "warning"})
        elif kind == "date":
            sheet.data_validation(1, col, last, col, {
                "validate": "date", "criteria": ">", "value": datetime(1990, 1, 1),
                "error_type": "warning", "error_message": "Type a date, e.g. 2026-11-20"})
    _write_rows(sheet, frame, f)
