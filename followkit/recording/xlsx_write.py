"""A recording plan applied to an ``.xlsx``/``.xlsm`` package in place (SPEC §8.1).

Each :class:`SetCell` changes one cell; each :class:`AddRow` fills the row
after the last row that holds data (formulas or formats filled down an empty
column do not count), with the style of the cell above and the row above's
height; a column the layout lacks is added at the end of the header row with
the style of the header cell before it. Dates take the column's own date format
(the nearest date cell above in the column, else below, else ``yyyy-mm-dd``:
:mod:`followkit.recording.xlsx_styles`). After the edits, the Excel Table over
the sheet grows to hold the new rows and columns, the data validations and
conditional formats that reached the row above reach the new rows, and the
``followkit log`` sheet is added (or appended to). Everything else in the
package is copied as it was (:mod:`followkit.recording.xlsx_package`).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from followkit.core.errors import OutputError
from followkit.recording.log import LOG_HEADER, LOG_SHEET, LOG_WIDTHS, log_row
from followkit.recording.places import SheetInfo, SheetMap
from followkit.recording.plan import Edit, Plan, SetCell
from followkit.recording.xlsx_package import MAIN_NS, REL_NS, XlsxPackage
from followkit.recording.xlsx_sheet import SheetXml, attr, cell_xml, column_letters, set_attr


class PackageWriter:
    """Applies edits to one package, keeping the log rows."""

    def __init__(self, package: XlsxPackage, sheets: SheetMap, stamp: str,
                 report_name: str) -> None:
        self.package = package
        self.sheets = sheets
        self.stamp = stamp
        self.report_name = report_name
        self.log: list[list[Any]] = []
        self._next: dict[str, int] = {}
        self._new_rows: dict[str, list[int]] = {}
        self._width: dict[str, int] = {}  # columns before any was added
        self._date_format: dict[tuple[str, int], int] = {}

    def apply(self, edit: Edit) -> None:
        info = self.sheets.sheets[edit.sheet]
        ws = self.package.sheet(edit.sheet)
        if isinstance(edit, SetCell):
            cells, new_row = [(edit.row, edit.column, edit.value)], False
        else:
            row = self._next.get(edit.sheet) or max(ws.last_data_row(), info.header_row) + 1
            self._next[edit.sheet] = row + 1
            self._new_rows.setdefault(edit.sheet, []).append(row)
            cells, new_row = [(row, label, value) for label, value in edit.values.items()], True
        for row, label, value in cells:
            col = self._column(ws, info, label, edit)
            old = info.value(row, label)
            self.put(ws, edit.sheet, row, col, value, new_row=new_row)
            self.log.append(log_row(self.stamp, edit.sheet, row, label, old, value,
                                    self.report_name, edit))

    def put(self, ws: SheetXml, sheet: str, row: int, col: int, value: Any, *,
            new_row: bool = False) -> None:
        """Write ``value`` at (row, col): the cell keeps its style (a new row's cell takes
        the style of the cell above); a date takes the column's date format."""
        above = next(ws.upward(row), None)
        info = self.sheets.sheets.get(sheet)
        if above is not None and info is not None and above.number <= info.header_row:
            above = None  # the first row under the header does not look like the header
        if ws.peek(row) is None and above is not None and new_row:
            start = re.sub(r'\s(?:r|spans)="[^"]*"', "", above.start)
            ws.row(row).start = set_attr(start[:-2] + ">" if start.endswith("/>") else start,
                                         "r", str(row))
        current = ws.cells_of(row).get(col)
        _check_not_shared(current, sheet, f"{column_letters(col)}{row}")
        style = attr(current[: current.index(">") + 1], "s") if current else None
        if style is None and new_row and above is not None:
            style = above.style(col)
        if isinstance(value, date):
            style = self._date_style(ws, sheet, row, col, style)
        ws.set(row, col, cell_xml(ws.prefix, f"{column_letters(col)}{row}", value, style,
                                  date1904=self.package.date1904))

    def _date_style(self, ws: SheetXml, sheet: str, row: int, col: int,
                    style: str | None) -> str:
        styles = self.package.styles
        if styles.is_date(style):
            return style or "0"
        key = (sheet, col)
        if key not in self._date_format:
            header = self.sheets.sheets[sheet].header_row if sheet in self.sheets.sheets else 1
            # The nearest date above in the column, else the nearest below.
            found = next((styles.format_id(r.style(col)) for r in ws.upward(row)
                          if r.number > header and styles.is_date(r.style(col))), None)
            if found is None:
                found = next((styles.format_id(r.style(col)) for r in ws.downward(row)
                              if styles.is_date(r.style(col))), None)
            self._date_format[key] = found if found is not None else styles.date_format_id()
        return styles.with_format(style, self._date_format[key])

    def _column(self, ws: SheetXml, info: SheetInfo, label: str, edit: Edit) -> int:
        """The 1-based column of ``label``; a new column at the end of the header if missing."""
        pos = info.column(label)
        if pos is not None:
            return pos + 1
        self._width.setdefault(info.name, len(info.labels))
        info.labels.append(label)
        col = len(info.labels)
        header = ws.peek(info.header_row)
        style = header.style(col - 1) if header is not None and col > 1 else None
        ws.set(info.header_row, col, cell_xml(ws.prefix, f"{column_letters(col)}"
                                              f"{info.header_row}", label, style))
        ws.widen(col, max(12, len(label) + 4))
        self.log.append(log_row(self.stamp, info.name, info.header_row, column_letters(col),
                                None, label, self.report_name, edit,
                                f"column {label!r} added"))
        return col

    def finish(self, target: Path) -> list[list[Any]]:
        """Grow tables and validations, write the log sheet, save the package."""
        tails = {}
        for name in set(self._new_rows) | set(self._width):
            info = self.sheets.sheets[name]
            rows = self._new_rows.get(name, [])
            self.package.grow_table(name, info.header_row, max(rows, default=0),
                                    len(info.labels), self._width.get(name, len(info.labels)),
                                    {i + 1: label for i, label in enumerate(info.labels)})
            if rows:
                tails[name] = grow_ranges(set(rows))
        if self.package.formula_replaced:
            self.package.drop_calc_chain()
        self.package.full_calc_on_load()
        self._write_log()
        self.package.save(target, tails)
        return self.log

    def _write_log(self) -> None:
        if LOG_SHEET in self.package.sheet_parts:
            if not self.log:
                return
            ws = self.package.sheet(LOG_SHEET)
            start = max(ws.row_numbers, default=0) + 1
        else:
            self.package.add_sheet(LOG_SHEET, _empty_log_sheet())
            ws = self.package.sheet(LOG_SHEET)
            for col, name in enumerate(LOG_HEADER, start=1):
                ws.set(1, col, cell_xml("", f"{column_letters(col)}1", name, None))
            start = 2
        for i, values in enumerate(self.log):
            for col, value in enumerate(values, start=1):
                ws.set(start + i, col, cell_xml(ws.prefix, f"{column_letters(col)}{start + i}",
                                                value, None))


def _check_not_shared(cell: str | None, sheet: str, ref: str) -> None:
    """Refuse to overwrite the first cell of a formula other cells share (a shared or
    array formula's ``ref`` spans them): they would lose their formula."""
    formula = re.search(r"<(?:\w+:)?f\b[^>]*>", cell or "")
    spans = attr(formula.group(0), "ref") if formula else None
    if spans and ":" in spans and len(set(spans.split(":"))) > 1:
        raise OutputError(f"sheet {sheet!r} cell {ref} holds a formula that cells {spans} "
                          "share; recording there would break them, so nothing was written. "
                          "Type this record by hand, or move the formula")


def _empty_log_sheet() -> str:
    cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
                   for i, w in enumerate(LOG_WIDTHS, start=1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheetViews>'
            '<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
            'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols>'
            "<sheetData/></worksheet>")


_RANGE = re.compile(r"(\$?[A-Z]{1,3}\$?)(\d+):(\$?[A-Z]{1,3}\$?)(\d+)")


def grow_ranges(new_rows: set[int]) -> Any:
    """A function growing, in a sheet's tail, every range (data validation, conditional
    format) that ends on the row above a new row, to take the new rows in."""
    def grow_range(m: re.Match[str]) -> str:
        top, end = int(m.group(2)), int(m.group(4))
        if top >= end:
            return m.group(0)
        while end + 1 in new_rows:
            end += 1
        return f"{m.group(1)}{top}:{m.group(3)}{end}"

    def grow_list(m: re.Match[str]) -> str:
        return m.group(1) + _RANGE.sub(grow_range, m.group(2)) + m.group(3)

    def edit(tail: str) -> str:
        tail = re.sub(r'(\ssqref=")([^"]*)(")', grow_list, tail)
        return re.sub(r"(<(?:\w+:)?sqref>)([^<]*)(</(?:\w+:)?sqref>)", grow_list, tail)

    return edit


def apply_package(source: Path, plan: Plan, sheets: SheetMap, target: Path, *, stamp: str,
                  report_name: str) -> list[list[Any]]:
    """Write ``source`` with ``plan`` applied to ``target``; return the log rows."""
    writer = PackageWriter(XlsxPackage(source), sheets, stamp, report_name)
    for edit in plan.edits:
        writer.apply(edit)
    return writer.finish(target)
