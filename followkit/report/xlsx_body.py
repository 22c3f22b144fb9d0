"""A sheet's body written a column at a time (issue #22: the report's speed).

xlsxwriter spends about 5 µs on each cell it is given (argument checks, a
named tuple stored per cell, then a cell reference, a format look-up and an
escape per cell when the file is written), and a report of 10 000 interviews
has about 570 000 cells. Most of them repeat: a status, a step, a worker's
name, a client's name on each of their actions.

:class:`BodySheet` is xlsxwriter's own ``Worksheet`` (``workbook.add_worksheet(
name, worksheet_class=BodySheet)``) with one method more, :meth:`BodySheet.write_columns`.
It takes the rows below a sheet's header as columns, each a code per row into
its distinct cells (:class:`Column`). Each distinct text goes into xlsxwriter's
shared strings table once (xlsxwriter escapes and writes it there); when the
workbook is closed, each column's cells are made from one XML fragment per
distinct cell and the rows are joined from the columns. Everything else is
xlsxwriter's: formats and their indices, column formats, row heights, links,
validation, filters, the header row and any cell written the usual way.

Cells xlsxwriter changes on the way in (a text longer than it may hold, a
number that is not finite) are still given to it one by one. A sheet written
in ``constant_memory`` mode (rows streamed to disk as they come) takes every
cell through xlsxwriter, row by row, as before; so does every sheet when the
installed xlsxwriter does not have the inner methods this relies on
(:data:`FAST`). ``tests/test_xlsx_body.py`` checks that both ways give the
same workbook, cell by cell and style by style.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
import xlsxwriter.worksheet as xw
from xlsxwriter.utility import xl_col_to_name

__all__ = ["FAST", "BodySheet", "Column"]

# The inner parts of xlsxwriter this writer uses (3.2 and later have them all).
FAST = all(hasattr(xw.Worksheet, name) for name in (
    "_write_rows", "_write_row", "_write_empty_row", "_write_cell", "_check_dimensions",
    "_write_string", "_write_number", "_write_boolean", "_write_url")) and all(
    hasattr(xw, name) for name in ("ColumnInfo", "RowInfo", "CellStringTuple",
                                   "CellNumberTuple", "CellBooleanTuple"))

_TEXT, _NUMBER, _BOOLEAN, _ONE_BY_ONE, _EMPTY = 0, 1, 2, 3, 4
_SHORT_TEXT = 32767 // 2  # a text this long cannot pass Excel's 32 767 UTF-16 units
_CHUNK = 4096  # body rows made into XML at a time (memory stays a few MB a sheet)


class Column(NamedTuple):
    """One column of a sheet's body.

    ``codes`` gives each row's distinct cell (``-1``: an empty cell); ``cells``
    holds the distinct cells (text, number or bool; ``None`` an empty cell) and
    ``formats`` their formats (``None``: the column's own). ``link`` makes every cell a link
    (its text is shown as ``link``): such a column is given to xlsxwriter.
    """

    codes: np.ndarray
    cells: Sequence[Any]
    formats: Sequence[Any]
    link: str | None = None


class _Body(NamedTuple):
    first: int  # the sheet row of the body's first row
    rows: int
    columns: list[tuple[np.ndarray, list[int], list[Any], list[Any]] | None]


def _kind(value: Any) -> int:
    if value is None:
        return _EMPTY
    if isinstance(value, str):
        return _TEXT if len(value) <= _SHORT_TEXT else _ONE_BY_ONE
    if isinstance(value, bool | np.bool_):
        return _BOOLEAN
    return _NUMBER if math.isfinite(value) else _ONE_BY_ONE


class BodySheet(xw.Worksheet):
    """An xlsxwriter worksheet that writes its body rows a column at a time."""

    def __init__(self) -> None:
        super().__init__()
        self._body: _Body | None = None

    @property
    def by_columns(self) -> bool:
        """Whether this sheet's body waits to be written a column at a time (else its
        cells went to xlsxwriter one by one)."""
        return self._body is not None

    def write_columns(self, first: int, columns: Sequence[Column],
                      heights: Sequence[float | None] | None = None) -> None:
        """Write ``columns`` (all of one length) from sheet row ``first`` down, column 0
        on; ``heights`` gives rows a height in points (``None``: the default)."""
        rows = len(columns[0].codes) if columns else 0
        if self.constant_memory or not FAST or self._body is not None:
            self._one_by_one(first, rows, columns, heights)
            return
        for i, height in enumerate(heights or ()):
            if height is not None:
                self.set_row(first + i, height)
        if not rows or self._check_dimensions(first, 0) or self._check_dimensions(
                first + rows - 1, len(columns) - 1):
            self._one_by_one(first, rows, columns, None)  # off the grid: xlsxwriter says so
            return
        self._body = _Body(first, rows, [self._store(first, col, column)
                                         for col, column in enumerate(columns)])

    def _store(self, first: int, col: int, column: Column
               ) -> tuple[np.ndarray, list[int], list[Any], list[Any]] | None:
        """The column as codes, and per distinct cell its kind, what its XML says (the
        shared string's index, the number) and its format; links go to xlsxwriter."""
        codes = np.asarray(column.codes, dtype=np.int32)  # 4 bytes a cell until written
        if column.link is not None:
            self._one_by_one(first, len(codes), [column], None, start=col)
            return None
        kinds = [_kind(v) for v in column.cells]
        counts = np.bincount(codes[codes >= 0], minlength=len(kinds))
        payloads: list[Any] = []
        for k, (kind, value) in enumerate(zip(kinds, column.cells, strict=True)):
            if kind == _TEXT and counts[k]:
                payloads.append(self.str_table._get_shared_string_index(value))
                self.str_table.count += int(counts[k]) - 1  # each use counts, as xlsxwriter's
            elif kind == _BOOLEAN:
                payloads.append(int(bool(value)))
            else:
                payloads.append(value)
        if _ONE_BY_ONE in kinds:
            special = np.isin(codes, [k for k, kind in enumerate(kinds) if kind == _ONE_BY_ONE])
            for i in np.flatnonzero(special):
                self._writer(column.cells[codes[i]])(
                    first + int(i), col, column.cells[codes[i]], column.formats[codes[i]])
            codes = np.where(special, -1, codes)
        return codes, kinds, payloads, list(column.formats)

    def _writer(self, value: Any) -> Any:
        if isinstance(value, str):
            return self._write_string
        if isinstance(value, bool | np.bool_):
            return self._write_boolean
        return self._write_number

    def _one_by_one(self, first: int, rows: int, columns: Sequence[Column],
                    heights: Sequence[float | None] | None, start: int = 0) -> None:
        """Every cell through xlsxwriter, row by row (what a streamed sheet needs)."""
        plans = []
        for column in columns:
            codes = np.asarray(column.codes, dtype=np.intp)
            cells, formats = list(column.cells), list(column.formats)
            if column.link is not None:
                writers = [self._link(column.link)] * len(cells)
            else:
                writers = [self._writer(v) for v in cells]
            plans.append((codes.tolist(), cells, writers, formats))
        for i in range(rows):
            row = first + i
            if heights is not None and heights[i] is not None:
                self.set_row(row, heights[i])
            for col, (codes, cells, writers, formats) in enumerate(plans, start=start):
                k = codes[i]
                if k >= 0 and cells[k] is not None:
                    writers[k](row, col, cells[k], formats[k])

    def _link(self, text: str) -> Any:
        def write(row: int, col: int, url: str, cell_format: Any) -> int:
            return int(self._write_url(row, col, url, cell_format, text))
        return write

    # --- when the workbook is closed ------------------------------------------------

    def _write_rows(self) -> None:
        body = self._body
        if body is None:
            super()._write_rows()
            return
        ends = [self._ends(col, column) if column is not None else None
                for col, column in enumerate(body.columns)]
        parts: list[list[str] | None] = []
        lines: list[str] = []
        start = 0  # the body row the parts and lines begin at
        write = self.fh.write
        for row in range(self.dim_rowmin, self.dim_rowmax + 1):
            i = row - body.first
            inside = 0 <= i < body.rows
            if inside and i % _CHUNK == 0:  # the XML of a few thousand rows at a time
                start, stop = i, min(i + _CHUNK, body.rows)
                parts = self._parts(body, ends, start, stop)
                lines = self._lines(parts, stop - start)
            line = lines[i - start] if inside else ""
            info = self.row_info.get(row)
            cells = self.table.get(row)
            if cells or (line and info is not None and info.row_format):
                self._write_row(row, None, info)
                self._merged_row(row, i if inside else -1, start, body, parts, cells or {})
                self._xml_end_tag("row")
            elif line:
                self._write_row(row, None, info)
                write(line)
                self._xml_end_tag("row")
            elif info is not None or row in self.comments:
                self._write_empty_row(row, None, info)

    @staticmethod
    def _lines(parts: list[list[str] | None], rows: int) -> list[str]:
        present = [p for p in parts if p is not None]
        if not present:
            return [""] * rows
        return ["".join(cells) for cells in zip(*present, strict=True)]

    def _ends(self, col: int, column: tuple[np.ndarray, list[int], list[Any], list[Any]]
              ) -> np.ndarray:
        """Per distinct cell of column ``col``, its XML after the row number; the
        last one, for code -1, is "" (an empty cell)."""
        _, kinds, payloads, formats = column
        info = self.col_info.get(col)
        fallback = info.column_format if info is not None else None
        ends = []
        for kind, payload, fmt in zip(kinds, payloads, formats, strict=True):
            fmt = fmt if fmt is not None else fallback
            style = f' s="{fmt._get_xf_index()}"' if fmt is not None else ""
            if kind == _TEXT:
                ends.append(f'"{style} t="s"><v>{payload}</v></c>')
            elif kind == _BOOLEAN:
                ends.append(f'"{style} t="b"><v>{payload}</v></c>')
            elif kind == _NUMBER:
                ends.append(f'"{style}><v>{payload:.16G}</v></c>')
            else:
                ends.append("")  # an empty cell, or one written one by one (code -1)
        ends.append("")
        table = np.empty(len(ends), dtype=object)
        table[:] = ends
        return table

    @staticmethod
    def _parts(body: _Body, ends: list[np.ndarray | None], start: int, stop: int
               ) -> list[list[str] | None]:
        """Body rows ``start`` to ``stop``: each column's cells as XML ("" where empty)."""
        numbers = [str(n) for n in range(body.first + start + 1, body.first + stop + 1)]
        parts: list[list[str] | None] = []
        for col, (column, table) in enumerate(zip(body.columns, ends, strict=True)):
            if column is None or table is None:
                parts.append(None)
                continue
            begin = f'<c r="{xl_col_to_name(col)}'
            parts.append([begin + n + end if end else ""
                          for n, end in zip(numbers, table[column[0][start:stop]].tolist(),
                                            strict=True)])
        return parts

    def _merged_row(self, row: int, i: int, start: int, body: _Body,
                    parts: list[list[str] | None], cells: dict[int, Any]) -> None:
        """A body row that xlsxwriter's own cells share (links, long texts), or that has
        a row format: its body cells written through xlsxwriter's cell writer too."""
        merged: dict[int, Any] = {}
        if i >= 0:
            for col, (column, part) in enumerate(zip(body.columns, parts, strict=True)):
                if column is not None and part is not None and part[i - start]:
                    merged[col] = self._cell_tuple(column, int(column[0][i]))
        merged.update(cells)
        for col in sorted(merged):
            self._write_cell(row, col, merged[col])

    @staticmethod
    def _cell_tuple(column: tuple[np.ndarray, list[int], list[Any], list[Any]], k: int) -> Any:
        _, kinds, payloads, formats = column
        if kinds[k] == _TEXT:
            return xw.CellStringTuple(payloads[k], formats[k])
        if kinds[k] == _BOOLEAN:
            return xw.CellBooleanTuple(payloads[k], formats[k])
        return xw.CellNumberTuple(payloads[k], formats[k])
