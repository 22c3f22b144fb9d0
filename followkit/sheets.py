"""Finding the tables in a workbook: which sheet is which, where its header is.

A sheet is matched to a table of :mod:`followkit.schema` by its name, or else
by its headers. The header row is the first row among the top ones with the
most recognised headers, so a title line above it does no harm.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from followkit.errors import MissingColumnError, NoInterviewSheetError
from followkit.io import RawSheet, RawWorkbook
from followkit.schema import (
    FLAT_PATTERNS,
    INTERVIEWS,
    ROW,
    SHEET,
    TABLES,
    Column,
    Table,
    normalize_header,
)
from followkit.values import cell_text, is_blank

HEADER_SEARCH_ROWS = 30


@dataclass
class TableSheet:
    """One sheet recognised as a table, with its cells below the header."""

    table: Table
    sheet: str
    header_row: int  # Excel row number of the header
    frame: pd.DataFrame  # original headers as columns, plus _sheet and _row
    columns: dict[str, str]  # canonical name -> original header
    flat: dict[str, list[tuple[str, int | None]]] = field(default_factory=dict)
    duplicate_headers: list[tuple[str, str]] = field(default_factory=list)
    merged_fills: list[tuple[int, str, str, str]] = field(default_factory=list)


@dataclass
class Layout:
    """All the tables found in a workbook, and the sheets passed over."""

    tables: list[TableSheet]
    skipped: list[str]

    def of(self, table: Table) -> list[TableSheet]:
        return [t for t in self.tables if t.table is table]


def find_tables(workbook: RawWorkbook) -> Layout:
    """Recognise the tables of a workbook.

    Raises
    ------
    MissingColumnError
        A sheet named like a table lacks one of its required columns, or the
        best candidate for the interviews sheet does.
    NoInterviewSheetError
        No sheet looks like a list of interviews at all.
    """
    found: list[TableSheet] = []
    skipped: list[str] = []
    best_partial: tuple[int, RawSheet, int] | None = None
    for sheet in workbook.sheets:
        if not sheet.visible:
            skipped.append(f"{sheet.name} (hidden)")
            continue
        header_idx = _header_index(sheet.rows)
        if header_idx is None:
            skipped.append(f"{sheet.name} (no recognised headers)")
            continue
        keys = [normalize_header(h) for h in sheet.rows[header_idx]]
        table = _choose_table(sheet.name, keys)
        if table is None:
            score = len(set(keys) & _all_keys(INTERVIEWS))
            if best_partial is None or score > best_partial[0]:
                best_partial = (score, sheet, header_idx)
            skipped.append(f"{sheet.name} (not a followkit table)")
            continue
        found.append(_table_sheet(workbook.name, sheet, header_idx, table))
    if not any(t.table is INTERVIEWS for t in found):
        if best_partial is not None:
            _, sheet, header_idx = best_partial
            _require(workbook.name, sheet.name, header_idx + 1, sheet.rows[header_idx],
                     INTERVIEWS, _match_columns(INTERVIEWS, sheet.rows[header_idx])[0])
        raise NoInterviewSheetError(
            f"{workbook.name!r}: no sheet with interview columns found (need at least "
            f"{', '.join(c.name for c in INTERVIEWS.required)}); sheets: "
            f"{', '.join(repr(s.name) for s in workbook.sheets) or 'none'}"
        )
    return Layout(found, skipped)


def _all_keys(table: Table) -> set[str]:
    return {k for c in table.columns for k in c.keys}


def _header_index(rows: list[list[Any]]) -> int | None:
    every = set().union(*(_all_keys(t) for t in TABLES))
    best, best_score = None, 1
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = sum(1 for cell in row if isinstance(cell, str) and normalize_header(cell) in every)
        if score > best_score:
            best, best_score = i, score
    return best


def _choose_table(sheet_name: str, keys: list[str]) -> Table | None:
    name = normalize_header(sheet_name)
    for table in TABLES:
        if name in {normalize_header(s) for s in table.sheet_names}:
            return table
    present = set(keys)
    candidates = []
    for order, table in enumerate(TABLES):
        if all(present & set(c.keys) for c in table.required):
            matched = sum(1 for c in table.columns if present & set(c.keys))
            candidates.append((-matched, order, table))
    return min(candidates, key=lambda c: c[:2])[2] if candidates else None


def _match_columns(
    table: Table, header: list[Any], labels: list[str] | None = None
) -> tuple[dict[str, str], list[int]]:
    """Map canonical names to column labels; return also the unmatched positions."""
    labels = labels or [_label(header, pos) for pos in range(len(header))]
    mapping: dict[str, str] = {}
    unmatched = []
    for pos, cell in enumerate(header):
        column = _column_for(table, normalize_header(cell))
        if column is not None and column.name not in mapping:
            mapping[column.name] = labels[pos]
        else:
            unmatched.append(pos)
    return mapping, unmatched


def _column_for(table: Table, key: str) -> Column | None:
    # Exact canonical names win over synonyms ("Result" is a Calls column and
    # an Outcome synonym).
    for column in table.columns:
        if key == normalize_header(column.name):
            return column
    for column in table.columns:
        if key in column.keys:
            return column
    return None


def _label(header: list[Any], pos: int) -> str:
    text = cell_text(header[pos])
    return text if text else f"Column {_letters(pos)}"


def _letters(pos: int) -> str:
    out = ""
    pos += 1
    while pos:
        pos, rem = divmod(pos - 1, 26)
        out = chr(65 + rem) + out
    return out


def _require(file: str, sheet: str, header_row: int, header: list[Any], table: Table,
             mapping: dict[str, str]) -> None:
    from rapidfuzz import process

    labels = [cell_text(h) for h in header if not is_blank(h)]
    for column in table.required:
        if column.name in mapping:
            continue
        closest = None
        if labels:
            best = process.extractOne(
                normalize_header(column.name), labels, processor=normalize_header
            )
            closest = best[0] if best and best[1] >= 50 else None
        raise MissingColumnError(
            file=file, sheet=sheet, column=column.name, closest=closest, header_row=header_row
        )


def _table_sheet(file: str, sheet: RawSheet, header_idx: int, table: Table) -> TableSheet:
    header = list(sheet.rows[header_idx])
    body, fills = _unmerge(sheet, header_idx)
    width = max([len(header), *(len(r) for r in body)]) if body else len(header)
    header += [""] * (width - len(header))
    labels: list[str] = []
    duplicates: list[tuple[str, str]] = []
    for pos in range(width):
        label = _label(header, pos)
        if label in labels:
            new = f"{label} ({_letters(pos)})"
            duplicates.append((label, new))
            label = new
        labels.append(label)
    mapping, unmatched = _match_columns(table, header, labels)
    _require(file, sheet.name, header_idx + 1, header, table, mapping)

    padded = [list(r) + [""] * (width - len(r)) for r in body]
    frame = pd.DataFrame(padded, columns=labels, dtype=object) if padded else pd.DataFrame(
        {label: pd.Series(dtype=object) for label in labels}
    )
    frame[ROW] = range(header_idx + 2, header_idx + 2 + len(frame))
    frame[SHEET] = sheet.name
    filled = ~_blank_cells(frame[labels])
    frame = frame[filled.any(axis=1)]
    # Drop unnamed columns that hold nothing: formatting, not data.
    empty_unnamed = [
        labels[p] for p in range(width)
        if is_blank(header[p]) and not filled[labels[p]].any()
    ]
    frame = frame.drop(columns=empty_unnamed).reset_index(drop=True)

    flat: dict[str, list[tuple[str, int | None]]] = {}
    if table is INTERVIEWS:
        for pos in unmatched:
            if labels[pos] in empty_unnamed:
                continue
            role, number = _flat_role(normalize_header(header[pos]))
            if role is not None:
                flat.setdefault(role, []).append((labels[pos], number))
    merged_fills = [(row, labels[col], value, where) for row, col, value, where in fills
                    if col < len(labels)]
    return TableSheet(table, sheet.name, header_idx + 1, frame, mapping, flat, duplicates,
                      merged_fills)


def _unmerge(sheet: RawSheet, header_idx: int) -> tuple[list[list[Any]],
                                                         list[tuple[int, int, str, str]]]:
    """The rows below the header, with merged cells' value in every cell of the merge.

    A worker who merges the Worker cell over five rows means all five; each
    filled cell is reported (Excel row, column, value, the merged range).
    """
    body = [list(r) for r in sheet.rows[header_idx + 1:]]
    fills = []
    for (r0, c0), (r1, c1) in sheet.merged:
        if r1 <= header_idx or r0 >= len(sheet.rows) or c0 >= len(sheet.rows[r0]):
            continue
        value = sheet.rows[r0][c0]
        where = f"{_letters(c0)}{r0 + 1}:{_letters(c1)}{r1 + 1}"
        for r in range(max(r0, header_idx + 1), min(r1, len(sheet.rows) - 1) + 1):
            row = body[r - header_idx - 1]
            row.extend([""] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0) and is_blank(row[c]):
                    row[c] = value
                    fills.append((r + 1, c, cell_text(value), where))
    return body, fills


def _blank_cells(cells: pd.DataFrame) -> pd.DataFrame:
    """Which cells are empty ('' , whitespace, None or NaN), column by column."""
    out = {}
    for label in cells.columns:
        column = cells[label]
        stripped = column.str.strip() if pd.api.types.infer_dtype(
            column, skipna=False) == "string" else column.map(
            lambda v: v.strip() if isinstance(v, str) else v)
        out[label] = (stripped == "").to_numpy(dtype=bool) | pd.isna(stripped).to_numpy()
    return pd.DataFrame(out, index=cells.index, columns=cells.columns)


def _flat_role(key: str) -> tuple[str | None, int | None]:
    for role, pattern in FLAT_PATTERNS:
        if m := pattern.fullmatch(key):
            groups = [g for g in m.groups() if g]
            return role, int(groups[0]) if groups else None
    return None, None
