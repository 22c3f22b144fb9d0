"""Helpers for the recording tests: fill a report in as a worker would, snapshot workbooks."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl

Row = dict[str, Any]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fill_report(report: Path, out: Path,
                fills: list[tuple[str, Callable[[Row], bool], Any, Any]]) -> list[Row]:
    """Fill ``Done On``/``Record`` of the first row of each sheet matching each rule.

    Returns the rows filled (as dicts of the report's columns), in order.
    """
    wb = openpyxl.load_workbook(report)
    filled = []
    for sheet, pick, done, record in fills:
        ws = wb[sheet]
        header = [c.value for c in ws[1]]
        for cells in ws.iter_rows(min_row=2):
            row = {h: c.value for h, c in zip(header, cells, strict=False)}
            if pick(row) and row not in filled:
                if done is not None:
                    cells[header.index("Done On")].value = done
                if record is not None:
                    cells[header.index("Record")].value = record
                filled.append(row)
                break
        else:
            raise AssertionError(f"no row to fill on {sheet!r}")
    wb.save(out)
    return filled


def is_action(action: str) -> Callable[[Row], bool]:
    return lambda row: row["Action"] == action


def cell_state(cell: Any) -> tuple[Any, ...]:
    """What a worker would notice about a cell: value, formula, format and style."""
    return (cell.value, cell.data_type, cell.number_format, cell.font.b, cell.font.color
            and cell.font.color.rgb, cell.fill.fgColor.rgb, cell.border.bottom.style,
            cell.alignment.horizontal, cell.protection.locked)


def snapshot(path: Path, *, keep_vba: bool = False) -> dict[str, Any]:
    """Every cell's state and each sheet's widths, validations and panes, by sheet."""
    wb = openpyxl.load_workbook(path, keep_vba=keep_vba)
    out: dict[str, Any] = {}
    for ws in wb.worksheets:
        cells = {(c.row, c.column): cell_state(c) for row in ws.iter_rows() for c in row
                 if c.value is not None or c.has_style}
        out[ws.title] = {
            "cells": cells,
            "widths": {k: v.width for k, v in ws.column_dimensions.items()},
            "validations": sorted((str(v.sqref), v.type, v.formula1)
                                  for v in ws.data_validations.dataValidation),
            "freeze": ws.freeze_panes,
        }
    return out


def changed_cells(before: dict[str, Any], after: dict[str, Any]) -> set[tuple[str, int, int]]:
    """The (sheet, row, column) of every cell that differs between two :func:`snapshot`."""
    out = set()
    for sheet, state in before.items():
        cells = after[sheet]["cells"]
        for key in set(state["cells"]) | set(cells):
            if state["cells"].get(key) != cells.get(key):
                out.add((sheet, *key))
    return out


def as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


def write_ods(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """A minimal OpenDocument spreadsheet (strings and dates), as LibreOffice would hold it."""
    import zipfile
    from xml.sax.saxutils import escape

    def cell(value: Any) -> str:
        if isinstance(value, date):
            return (f'<table:table-cell office:value-type="date" office:date-value='
                    f'"{value.isoformat()}"><text:p>{value.isoformat()}</text:p>'
                    "</table:table-cell>")
        if value in ("", None):
            return "<table:table-cell/>"
        return (f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}'
                "</text:p></table:table-cell>")

    body = "".join(
        f'<table:table table:name="{name}">' + "".join(
            "<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>"
            for row in rows) + "</table:table>" for name, rows in sheets.items())
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} '
               'office:version="1.2"><office:body><office:spreadsheet>'
               f"{body}</office:spreadsheet></office:body></office:document-content>")
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
        'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return path
