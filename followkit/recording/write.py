"""Applying a recording plan to a copy of the tracker (SPEC §8).

``.xlsx``/``.xlsm`` are edited in place (:mod:`followkit.recording.xlsx_write`:
every part and cell not recorded comes out byte for byte as it was, SPEC §8.1),
``.csv`` with the csv module (same delimiter, encoding, quoting and line
ends; lines not changed are kept byte for byte), and ``.xls``/``.ods``
(which openpyxl cannot edit) are copied value by value into a new ``.xlsx``.
Every changed cell is a row of the ``followkit log`` sheet (for CSV, a
``<name>-log.csv`` file beside it). Files are written atomically.
"""

from __future__ import annotations

import codecs
import csv
import io as _io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from copy import copy
from datetime import date, datetime
from pathlib import Path
from typing import Any

from followkit.core.errors import OutputError
from followkit.core.io import RawWorkbook, atomic_path, check_xlsx, same_file
from followkit.recording.convert_notes import converted_note
from followkit.recording.log import LOG_HEADER, LOG_SHEET, LOG_WIDTHS, log_row
from followkit.recording.places import SheetInfo, SheetMap
from followkit.recording.plan import Edit, Plan, SetCell
from followkit.recording.xlsx_write import apply_package

__all__ = ["LOG_HEADER", "LOG_SHEET", "apply_plan", "check_output", "converted_note",
           "default_output", "free_name", "kind_of", "lock_note"]
DATE_FORMAT = "yyyy-mm-dd"
_CONVERTED = (".xls", ".ods")


def kind_of(path: Path) -> str:
    head = path.open("rb").read(8)
    suffix = path.suffix.lower()
    if suffix in _CONVERTED or head.startswith(b"\xd0\xcf\x11\xe0"):
        return "convert"
    if head.startswith(b"PK\x03\x04"):
        return "xlsm" if suffix == ".xlsm" else "xlsx"
    return "csv"


def default_output(tracker: Path) -> Path:
    """``<tracker>-updated.<ext>``; ``.xls`` and ``.ods`` become ``.xlsx``."""
    suffix = ".xlsx" if tracker.suffix.lower() in _CONVERTED else tracker.suffix
    return tracker.with_name(f"{tracker.stem}-updated{suffix}")


def check_output(target: Path, replace: bool, protect: tuple[Any, ...] = ()) -> None:
    """Refuse an existing output unless ``replace``: an earlier updated copy (and what was
    typed into it by hand) or an unrelated file is never replaced silently. An input
    (``protect``) is refused when written (:func:`followkit.core.io.atomic_path`)."""
    if replace or any(same_file(target, p) for p in protect):
        return
    log = target.with_name(f"{target.stem}-log.csv")  # a CSV's copy comes with its log
    for path in (target, log):
        if path.exists():
            raise OutputError(f"{str(path)!r} already exists (an earlier updated copy?); it "
                              "was left as it is and nothing was written. Give another name "
                              "with -o, or add --replace to replace it")


def free_name(target: Path) -> Path:
    """``target`` if no file has that name, else ``<stem>-2.<ext>``, ``-3`` ... (the
    dashboard's download and a caller that must not replace anything)."""
    n, path = 1, target
    while path.exists() or path.with_name(f"{path.stem}-log.csv").exists():
        n += 1
        path = target.with_name(f"{target.stem}-{n}{target.suffix}")
    return path


def lock_note(tracker: Path) -> str:
    """A note when Excel's lock file (``~$name``) is beside the tracker: it is open."""
    for name in (f"~${tracker.name}", f"~${tracker.name[2:]}"):
        if (tracker.parent / name).exists():
            return (f"note: {tracker.name} is open in Excel ({name} is beside it); it was "
                    "read as last saved. Close it in Excel before you replace it with the "
                    "updated copy.")
    return ""


def apply_plan(source: Path, workbook: RawWorkbook, sheets: SheetMap, plan: Plan,
               target: Path, *,
               now: datetime, report_name: str, protect: tuple[Any, ...] = ()
               ) -> tuple[Path, list[list[Any]], list[str]]:
    """Write the updated copy of ``source`` to ``target``; return it, the log rows, notes.

    ``.xlsx``/``.xlsm`` are edited in place (:mod:`followkit.recording.xlsx_write`):
    every part and cell not recorded comes out as it was.
    """
    kind = kind_of(source)
    wanted = {"convert": ".xlsx", "xlsx": source.suffix.lower(), "xlsm": ".xlsm",
              "csv": source.suffix.lower() or ".csv"}[kind]
    if target.suffix.lower() != wanted:
        raise OutputError(f"the updated copy of {source.name!r} must be a {wanted} file, "
                          f"not {target.name!r}")
    stamp = now.isoformat(timespec="seconds")
    log: list[list[Any]] = []
    notes: list[str] = []
    protected = (source, *protect)
    if kind == "csv":
        _write_csv(source, plan, sheets, target, log, stamp, report_name, protected)
        log_path = target.with_name(f"{target.stem}-log.csv")
        _write_csv_log(log_path, log, protected)
        notes.append(f"a CSV file has no room for a log sheet: the log is in {log_path}")
        return target, log, notes
    if kind == "convert":
        notes.append(converted_note(source))
        with _quiet():
            wb = _converted(workbook)
            apply_openpyxl(wb, plan, sheets, log, stamp, report_name)
            write_log_sheet(wb, log)
            with atomic_path(target, protect=protected, check=check_xlsx) as tmp:
                wb.save(tmp)
        return target, log, notes
    with atomic_path(target, protect=protected, check=check_xlsx) as tmp:
        log = apply_package(source, plan, sheets, tmp, stamp=stamp, report_name=report_name)
    return target, log, notes


@contextmanager
def _quiet() -> Iterator[None]:
    """openpyxl's own warnings ("... will be removed") never reach the worker's terminal."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


# --- openpyxl ------------------------------------------------------------------


def apply_openpyxl(wb: Any, plan: Plan, sheets: SheetMap, log: list[list[Any]],
                    stamp: str, report_name: str) -> None:

    next_row: dict[str, int] = {}
    for edit in plan.edits:
        ws = wb[edit.sheet]
        info = sheets.sheets[edit.sheet]
        if isinstance(edit, SetCell):
            cells = [(edit.row, edit.column, edit.value)]
            new_row = False
        else:
            row = next_row.get(edit.sheet, max(len(info.rows), info.header_row) + 1)
            next_row[edit.sheet] = row + 1
            cells = [(row, label, value) for label, value in edit.values.items()]
            new_row = True
        for row, label, value in cells:
            col = _column(ws, info, label, log, stamp, report_name, edit)
            cell = ws.cell(row=row, column=col + 1)
            old = cell.value
            if new_row and row - 1 > info.header_row:
                cell._style = copy(ws.cell(row=row - 1, column=col + 1)._style)
            _put(ws, cell, value)
            log.append(log_row(stamp, edit.sheet, row, label, old, value, report_name,
                                edit))


def _column(ws: Any, info: Any, label: str, log: list[list[Any]], stamp: str,
            report_name: str, edit: Edit) -> int:
    """The position of ``label`` in the header; a new column at the end when missing."""
    pos = info.column(label)
    if pos is not None:
        return int(pos)
    from openpyxl.utils import get_column_letter

    pos = len(info.labels)
    info.labels.append(label)
    header = ws.cell(row=info.header_row, column=pos + 1)
    if pos:
        header._style = copy(ws.cell(row=info.header_row, column=pos)._style)
    header.value = label
    header.data_type = "s"
    ws.column_dimensions[get_column_letter(pos + 1)].width = max(12, len(label) + 4)
    log.append(log_row(stamp, ws.title, info.header_row, get_column_letter(pos + 1), None,
                        label, report_name, edit, f"column {label!r} added"))
    return pos


def _put(ws: Any, cell: Any, value: Any) -> None:
    if isinstance(value, date) and not isinstance(value, datetime):
        cell.value = value
        if not cell.is_date:
            above = ws.cell(row=cell.row - 1, column=cell.column) if cell.row > 1 else None
            cell.number_format = above.number_format if above is not None and \
                above.is_date else DATE_FORMAT
        return
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # text is text, even when it starts like a formula


def write_log_sheet(wb: Any, log: list[list[Any]]) -> None:
    from openpyxl.styles import Font

    if LOG_SHEET in wb.sheetnames:
        ws = wb[LOG_SHEET]
        if not log:
            return
    else:
        ws = wb.create_sheet(LOG_SHEET)
        for col, name in enumerate(LOG_HEADER, start=1):
            ws.cell(row=1, column=col, value=name).font = Font(bold=True)
        for letter, width in zip("ABCDEFG", LOG_WIDTHS, strict=True):
            ws.column_dimensions[letter].width = width
        ws.freeze_panes = "A2"
    start = ws.max_row + 1
    for i, values in enumerate(log):
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=start + i, column=col, value=value)
            if isinstance(value, str):
                cell.data_type = "s"


def _converted(workbook: RawWorkbook) -> Any:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sheet in workbook.sheets:
        ws = wb.create_sheet(sheet.name[:31])
        for r, row in enumerate(sheet.rows, start=1):
            for c, value in enumerate(row, start=1):
                if value == "" or value is None:
                    continue
                cell = ws.cell(row=r, column=c)
                _put(ws, cell, value)
                if isinstance(value, datetime):
                    cell.number_format = "yyyy-mm-dd hh:mm" if value.time() != \
                        datetime.min.time() else DATE_FORMAT
    return wb


# --- CSV -----------------------------------------------------------------------


def _csv_records(text: str, delimiter: str) -> list[tuple[str, list[str]]]:
    """Each CSV record with its raw text (a quoted field may span lines)."""
    lines = text.splitlines(keepends=True)
    taken: list[str] = []

    def feed() -> Any:
        for line in lines:
            taken.append(line)
            yield line

    out = []
    for fields in csv.reader(feed(), delimiter=delimiter):
        out.append(("".join(taken), fields))
        taken.clear()
    return out


def _encoding(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"


def _write_csv(source: Path, plan: Plan, sheets: SheetMap, target: Path,
               log: list[list[Any]], stamp: str, report_name: str,
               protect: tuple[Any, ...]) -> None:

    data = source.read_bytes()
    encoding = _encoding(data)
    text = data.decode(encoding)
    try:
        delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    records = _csv_records(text, delimiter)
    quote_all = bool(records) and records[0][0].count('"') >= 2 * len(records[0][1])
    info = next(iter(sheets.sheets.values()))
    width = len(records[info.header_row - 1][1])
    lengths = [len(fields) for _, fields in records]  # as written, before any edit
    changed: set[int] = set()
    added: list[int] = []  # new records
    for edit in plan.edits:
        if isinstance(edit, SetCell):
            cells = [(edit.row, edit.column, edit.value)]
        else:  # a new record at the end (an activity log's new row)
            if records and not records[-1][0].endswith(("\n", "\r")):
                records[-1] = (records[-1][0] + _ending(records), records[-1][1])
            records.append(("", []))
            added.append(len(records) - 1)
            cells = [(len(records), label, value) for label, value in edit.values.items()]
        for row, label, value in cells:
            _csv_cell(records, info, row, label, value, log, (stamp, report_name, edit))
            changed.add(row - 1)
    if len(info.labels) > width:  # new columns: every whole record gets the empty cells
        more = len(info.labels) - width
        for i, (_, fields) in enumerate(records):
            if i == info.header_row - 1:
                fields.extend(info.labels[len(fields):])
            elif i < len(lengths) and lengths[i] > width:
                # A broken row (more fields than the header: an unquoted comma) stays
                # broken, never read with its values under the new columns.
                fields.extend([""] * more)
                changed.add(i)
            elif i < len(lengths) and lengths[i] == width:
                fields.extend([""] * (len(info.labels) - len(fields)))
                changed.add(i)
        changed.add(info.header_row - 1)
    for i in added:  # a new record has every column, as the header
        fields = records[i][1]
        fields.extend([""] * (max(width, len(info.labels)) - len(fields)))
    out = _io.StringIO()
    for i, (raw, fields) in enumerate(records):
        if i not in changed:
            out.write(raw)
            continue
        ending = raw[len(raw.rstrip("\r\n")):] if raw else _ending(records)
        csv.writer(out, delimiter=delimiter, lineterminator=ending,
                   quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL).writerow(fields)
    try:
        encoded = out.getvalue().encode(encoding)
    except UnicodeEncodeError as e:
        raise OutputError(f"{source.name!r} is saved as Windows-1252, which cannot hold "
                          f"{e.object[e.start:e.end]!r}; save the tracker as UTF-8 CSV") from e
    with atomic_path(target, protect=protect) as tmp:
        tmp.write_bytes(encoded)


def _ending(records: list[tuple[str, list[str]]]) -> str:
    """The line end of the file's header record (a new record ends the same way)."""
    raw = records[0][0] if records else ""
    return raw[len(raw.rstrip("\r\n")):] or "\n"


def _csv_cell(records: list[tuple[str, list[str]]], info: SheetInfo, row: int, label: str,
              value: Any, log: list[list[Any]], where: tuple[str, str, Edit]) -> None:
    """Write one value in a CSV record (adding the column to the header when missing)."""
    stamp, report_name, edit = where
    pos = info.column(label)
    if pos is None:
        pos = len(info.labels)
        info.labels.append(label)
        log.append(log_row(stamp, info.name, info.header_row, label, None, label,
                            report_name, edit, f"column {label!r} added"))
    fields = records[row - 1][1]
    fields.extend([""] * (pos + 1 - len(fields)))
    old = fields[pos]
    fields[pos] = value.isoformat() if isinstance(value, date) else str(value)
    log.append(log_row(stamp, info.name, row, label, old, value, report_name, edit))


def _write_csv_log(path: Path, log: list[list[Any]], protect: tuple[Any, ...]) -> None:
    """The log of the CSV copy just written (a replaced copy gets a new log, as an
    ``.xlsx`` copy gets its own log sheet)."""
    out = _io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LOG_HEADER)
    writer.writerows(["'" + v if isinstance(v, str) and v.startswith(("=", "+", "-", "@"))
                      else v for v in row] for row in log)
    with atomic_path(path, protect=protect) as tmp:
        tmp.write_text(out.getvalue(), encoding="utf-8-sig")
