"""Finding the tables in a workbook: which sheet is which, where its header is.

A sheet is matched to a table of :mod:`followkit.core.schema` by its name, or else
by its headers. The header row is the first row among the top ones with the
most recognised headers, so a title line above it does no harm.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from followkit.core.errors import MissingColumnError, NoInterviewSheetError
from followkit.core.io import RawSheet, RawWorkbook
from followkit.core.schema import (
    ACTIVITY,
    ACTIVITY_DATE,
    APPLICATION_DATE,
    CLIENT_ID,
    CLIENT_NAME,
    EMPLOYER,
    FLAT_PATTERNS,
    INTERVIEW_DATE,
    INTERVIEWS,
    JOB_SEARCH,
    OUTCOME,
    POSITION,
    ROW,
    SHEET,
    TABLES,
    Column,
    Table,
    normalize_header,
)
from followkit.reading.columns import (
    MANY_COLUMN_FIELDS,
    STAGE,
    STRENGTH,
    Guess,
    apply_mapping,
    bare_date,
    check_content,
    guess_field,
    looks_like_date,
    prefer_status_words,
)
from followkit.reading.events import EVENTS
from followkit.reading.grid import blank_cells, cell_grid, distinct_cells
from followkit.reading.header_groups import (
    grouped_guess,
    grouped_label,
    header_groups,
    round_thanks,
)
from followkit.reading.values import cell_text, is_blank

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
    file: str = ""  # the file the sheet came from
    stages: list[str] = field(default_factory=list)  # interview-stage columns (SPEC §2.1)
    events: list[str] = field(default_factory=list)  # columns of dated events (issue #21)
    round_thanks: dict[str, list[str]] = field(default_factory=dict)  # header_groups.py
    guesses: list[Guess] = field(default_factory=list)  # what each header was taken as
    one_person: bool = False  # no Client ID / Client Name column: one person's tracker
    # CSV rows with more or fewer fields than the header: (row, fields, header's), not read.
    broken: list[tuple[int, int, int]] = field(default_factory=list)
    listing: bool = False  # the sheet lists applications too, not only interviews


# The header of the sheet (or CSV file) where `followkit record` logs what it changed.
RECORD_LOG_HEADER = ("When", "Sheet", "Row", "Column", "Old Value", "New Value", "From")


@dataclass
class Layout:
    """All the tables found in a workbook, and the sheets passed over (with why)."""

    tables: list[TableSheet]
    skipped: list[str]

    def of(self, table: Table) -> list[TableSheet]:
        return [t for t in self.tables if t.table is table]


def find_tables(workbook: RawWorkbook, *, mapping: Mapping[str, str] | None = None,
                headers: Mapping[str, int] | None = None) -> Layout:
    """Recognise the tables of a workbook.

    ``mapping`` (followkit field -> header, from ``--columns MAP.toml``)
    overrides what the headers of an interviews sheet are taken as. ``headers``
    (sheet name -> the Excel row of its header, chosen by the worker in the
    dashboard's Check columns) overrides where a sheet's header is; a sheet given
    a header row that names no table is read as a list of interviews.

    Raises
    ------
    MissingColumnError
        A sheet named like a table lacks one of its required columns, or the
        best candidate for the interviews sheet does.
    NoInterviewSheetError
        No sheet looks like a list of interviews or applications at all.
    """
    found: list[TableSheet] = []
    skipped: list[str] = []
    best_partial: tuple[int, RawSheet, int] | None = None
    for sheet in workbook.sheets:
        if not sheet.visible:
            skipped.append(f"{sheet.name} (hidden)")
            continue
        if sheet.rows and tuple(cell_text(c) for c in sheet.rows[0]) == RECORD_LOG_HEADER:
            skipped.append(f"{sheet.name} (followkit's record of changes, not read)")
            continue
        chosen = _chosen_header(sheet, headers)
        header_idx = chosen if chosen is not None else header_index(sheet.rows, mapping)
        if header_idx is None:
            skipped.append(f"{sheet.name} ({not_a_table_reason(sheet.rows)})")
            continue
        header = [cell_text(h) for h in sheet.rows[header_idx]]
        table = _choose_table(sheet.name, [normalize_header(h) for h in header])
        if table is None and (chosen is not None or looks_like_tracker(header, mapping)):
            table = INTERVIEWS
        if table is None:
            score = len({normalize_header(h) for h in header} & _all_keys(INTERVIEWS))
            if best_partial is None or score > best_partial[0]:
                best_partial = (score, sheet, header_idx)
            why = not_a_table_reason(sheet.rows)
            why = "not a table followkit reads" if why == _NO_HEADER else why
            skipped.append(f"{sheet.name} ({why})")
            continue
        found.append(_table_sheet(workbook.name, sheet, header_idx, table, mapping or {}))
    if not any(t.table is INTERVIEWS for t in found):
        if best_partial is not None and _names_clients(sheet_header(best_partial)):
            _, sheet, header_idx = best_partial
            # One client column is enough (SPEC §2.1): the message names the date.
            _require(workbook.name, sheet.name, header_idx + 1, sheet.rows[header_idx],
                     INTERVIEWS, {**_match_columns(INTERVIEWS, sheet.rows[header_idx])[0],
                                  CLIENT_ID: "", CLIENT_NAME: ""})
        found_headers = sheet_header(best_partial) if best_partial else []
        raise NoInterviewSheetError(
            f"{workbook.name!r}: no sheet with interview columns found, nor a list of job "
            f"applications (an employer or position with a date or a status); "
            f"sheets: {', '.join(repr(s.name) for s in workbook.sheets) or 'none'}"
            + (f"; headers found: {', '.join(repr(h) for h in found_headers if h)}"
               if found_headers else "")
            + "; if the columns are there under other names, map them with --columns "
              "MAP.toml"
        )
    return Layout(found, skipped)


def sheet_header(partial: tuple[int, RawSheet, int]) -> list[str]:
    _, sheet, header_idx = partial
    return [cell_text(h) for h in sheet.rows[header_idx]]


def _names_clients(header: list[str]) -> bool:
    """A caseload sheet (it names clients) missing a required column gets the SPEC §2
    message naming that column; any other sheet, the message of what was found."""
    fields = {guess_field(INTERVIEWS, h).field for h in header if h}
    return bool(fields & {CLIENT_ID, CLIENT_NAME})


_TRACKER_FIELDS = {INTERVIEW_DATE, APPLICATION_DATE, ACTIVITY_DATE, OUTCOME, STAGE}


def looks_like_tracker(header: list[str], mapping: Mapping[str, str] | None = None) -> bool:
    """Whether a header row is a job-search list: an employer or position, and a date
    or a status of some kind (or a column map that says so)."""
    guesses = [guess_field(INTERVIEWS, h) for h in header if h]
    if mapping:
        guesses = apply_mapping(guesses, mapping)
    fields = {g.field for g in guesses}
    # An employer and a position with nothing else is a list of openings: still a table.
    return bool(fields & {EMPLOYER, POSITION}) and bool(fields & _TRACKER_FIELDS) or {
        EMPLOYER, POSITION} <= fields


def not_a_table_reason(rows: list[list[Any]]) -> str:
    """Why a sheet without a recognised header is not read, in a worker's words."""
    texts = [cell_text(c) for r in rows[:200] for c in r if not is_blank(c)]
    if not texts:
        return "empty"
    if any(len(x) > 120 for x in texts) or max(len(r) for r in rows) <= 2 and any(
            len(x) > 60 for x in texts):
        return "instructions or notes, no table"
    if all(len(x) <= 40 for x in texts) and not any(looks_like_date(x) for x in texts[:50]):
        return "a list of drop-down values or a summary, no dated rows"
    return _NO_HEADER


_NO_HEADER = "no table header found"


def _all_keys(table: Table) -> set[str]:
    return {k for c in table.columns for k in c.keys}


def _mapped_headers(mapping: Mapping[str, str] | None) -> set[str]:
    """The normalised headers a column map names (either side of each line)."""
    return {normalize_header(x) for pair in (mapping or {}).items() for x in pair}


def _chosen_header(sheet: RawSheet, headers: Mapping[str, int] | None) -> int | None:
    """The 0-based index of the header row chosen for ``sheet`` (None: not chosen)."""
    row = (headers or {}).get(sheet.name)
    return row - 1 if row is not None and 1 <= row <= len(sheet.rows) else None


def header_index(rows: list[list[Any]], mapping: Mapping[str, str] | None = None
                 ) -> int | None:
    """The 0-based index of the header among the top ``HEADER_SEARCH_ROWS`` rows: the
    first with the most recognised headers (two at least; a column map's headers count).

    >>> header_index([["Job tracker 2026"], ["Client", "Employer", "Interview Date"]])
    1
    >>> print(header_index([["Notes"], ["1", "2"]]))
    None
    """
    every = set().union(*(_all_keys(t) for t in TABLES)) | _mapped_headers(mapping)
    best, best_score = None, 1
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = sum(1 for cell in row if isinstance(cell, str) and (
            normalize_header(cell) in every or guess_field(INTERVIEWS, cell).field))
        if score > best_score:
            best, best_score = i, score
    return best


def _choose_table(sheet_name: str, keys: list[str]) -> Table | None:
    name = normalize_header(sheet_name)
    present = set(keys)
    for table in TABLES:
        if name in {normalize_header(s) for s in table.sheet_names}:
            # A sheet named "Applications" without a Client ID is one person's list.
            if table is JOB_SEARCH and not all(present & set(c.keys) for c in table.required):
                break
            return table
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
    return text if text else f"Column {column_letters(pos)}"


def column_letters(pos: int) -> str:
    """Excel's letters for the column at 0-based ``pos`` (0 -> A, 26 -> AA)."""
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


def _table_sheet(file: str, sheet: RawSheet, header_idx: int, table: Table,
                 overrides: Mapping[str, str]) -> TableSheet:
    header = list(sheet.rows[header_idx])
    body, fills = _unmerge(sheet, header_idx)
    broken = _set_apart_broken(body, header_idx, len(header)) if sheet.exact_widths else []
    width = max([len(header), *(len(r) for r in body)]) if body else len(header)
    header += [""] * (width - len(header))
    groups = header_groups(sheet, header_idx, header) if table is INTERVIEWS else []
    labels, duplicates = _unique_labels([
        grouped_label(g, cell_text(h)) if g and not is_blank(h) else h
        for h, g in zip(header, groups or [""] * width, strict=True)])
    guesses: list[Guess] = []
    grid = cell_grid(body, width)
    if table is INTERVIEWS:
        mapping, unmatched, guesses = _guess_columns(header, labels, grid, overrides,
                                                     groups=groups)
        one_person = _require_interviews(file, sheet.name, header_idx + 1, header, mapping,
                                         guesses)
        if one_person and not overrides:
            bare_date(mapping, guesses)
        thanks = round_thanks(guesses, groups)
    else:
        mapping, unmatched = _match_columns(table, header, labels)
        _require(file, sheet.name, header_idx + 1, header, table, mapping)
        one_person, thanks = False, {}

    frame = pd.DataFrame(grid, columns=labels, dtype=object) if len(grid) else pd.DataFrame(
        {label: pd.Series(dtype=object) for label in labels}
    )
    frame[ROW] = range(header_idx + 2, header_idx + 2 + len(frame))
    frame[SHEET] = sheet.name
    filled = ~blank_cells(frame[labels])
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
            if labels[pos] in empty_unnamed or any(labels[pos] in v for v in thanks.values()):
                continue
            role, number = _flat_role(normalize_header(header[pos]))
            if role is not None:
                flat.setdefault(role, []).append((labels[pos], number))
    merged_fills = [(row, labels[col], value, where) for row, col, value, where in fills
                    if col < len(labels)]
    stages = [g.label for g in guesses if g.field == STAGE and g.label not in empty_unnamed]
    events = [g.label for g in guesses if g.field == EVENTS]
    listing = INTERVIEW_DATE not in mapping or bool(stages + events) or bool(
        {APPLICATION_DATE, ACTIVITY, ACTIVITY_DATE} & set(mapping))
    return TableSheet(table, sheet.name, header_idx + 1, frame, mapping, flat, duplicates,
                      merged_fills, file=sheet.file or file, stages=stages, events=events,
                      round_thanks=thanks, guesses=guesses,
                      one_person=one_person, listing=table is INTERVIEWS and listing,
                      broken=broken)


def _set_apart_broken(body: list[list[Any]], header_idx: int, width: int
                      ) -> list[tuple[int, int, int]]:
    """Blank the CSV rows of another width than the header (their values would shift);
    each as (Excel row, its width, the header's width)."""
    broken = []
    for i, row in enumerate(body):
        if len(row) != width and any(not is_blank(c) for c in row):
            broken.append((header_idx + 2 + i, len(row), width))
            body[i] = [""] * width
    return broken


def _unique_labels(header: list[Any]) -> tuple[list[str], list[tuple[str, str]]]:
    """A label per column, a repeated one followed by its column letter; and the renames."""
    labels: list[str] = []
    duplicates: list[tuple[str, str]] = []
    for pos in range(len(header)):
        label = _label(header, pos)
        if label in labels:
            new = f"{label} ({column_letters(pos)})"
            duplicates.append((label, new))
            label = new
        labels.append(label)
    return labels, duplicates


def _guess_columns(header: list[Any], labels: list[str], grid: np.ndarray,
                   overrides: Mapping[str, str], *, groups: list[str]
                   ) -> tuple[dict[str, str], list[int], list[Guess]]:
    """What each header of an interviews sheet is (synonym, keyword, content, group,
    map).

    A column's content is judged on its distinct cells, in order (``grid``: the
    cells below the header, one column each), as is which of several Outcome columns
    holds status words.
    """
    guesses = []
    columns = []
    for pos, label in enumerate(labels):
        if is_blank(header[pos]) or _flat_role(normalize_header(header[pos]))[0]:
            guess = Guess(label, None, "" if is_blank(header[pos]) else "flat layout")
        else:
            guess = guess_field(INTERVIEWS, cell_text(header[pos]))
        guess = Guess(label, guess.field, guess.how, guess.note)
        columns.append(distinct_cells(grid[:, pos]))
        guess = grouped_guess(guess, groups[pos]) if groups else guess
        guesses.append(check_content(guess, columns[-1]))
    prefer_status_words(guesses, columns)
    if overrides:
        guesses = apply_mapping(guesses, overrides)
    mapping: dict[str, str] = {}
    by_strength = sorted(range(len(guesses)), key=lambda p: STRENGTH.get(guesses[p].how, 9))
    for pos in by_strength:
        guess = guesses[pos]
        several = guess.field in MANY_COLUMN_FIELDS
        if guess.field is not None and not several and guess.field not in mapping:
            mapping[guess.field] = labels[pos]
        elif guess.field is not None and not several:
            guesses[pos] = Guess(guess.label, None, "",
                                 f"{guess.field!r} is already {mapping[guess.field]!r}")
    taken = set(mapping.values())
    unmatched = [pos for pos in range(len(labels)) if labels[pos] not in taken]
    # Keep the header order for the mapping (what reads it may rely on the first).
    order = {label: i for i, label in enumerate(labels)}
    mapping = dict(sorted(mapping.items(), key=lambda kv: order[kv[1]]))
    return mapping, unmatched, guesses


def _require_interviews(file: str, sheet: str, header_row: int, header: list[Any],
                        mapping: dict[str, str], guesses: list[Guess]) -> bool:
    """Check an interviews sheet has something to go by; return whether it is one
    person's (no Client ID and no Client Name column)."""
    dated = {INTERVIEW_DATE, APPLICATION_DATE, ACTIVITY_DATE} & set(mapping) or any(
        g.field in (STAGE, EVENTS) for g in guesses) or (
        OUTCOME in mapping and bool({EMPLOYER, POSITION} & set(mapping))) or (
        {EMPLOYER, POSITION} <= set(mapping))
    if not dated:
        _require(file, sheet, header_row, header, INTERVIEWS,
                 {**mapping, CLIENT_ID: "", CLIENT_NAME: ""})
    return CLIENT_ID not in mapping and CLIENT_NAME not in mapping


def _unmerge(sheet: RawSheet, header_idx: int) -> tuple[list[list[Any]],
                                                         list[tuple[int, int, str, str]]]:
    """The rows below the header, with merged cells' value in every cell of the merge.

    A worker who merges the Worker cell over five rows means all five; each
    filled cell is reported (Excel row, column, value, the merged range).
    """
    if not sheet.merged:
        return sheet.rows[header_idx + 1:], []  # rows are copied into the frame later
    body = [list(r) for r in sheet.rows[header_idx + 1:]]
    fills = []
    for (r0, c0), (r1, c1) in sheet.merged:
        if r1 <= header_idx or r0 >= len(sheet.rows) or c0 >= len(sheet.rows[r0]):
            continue
        value = sheet.rows[r0][c0]
        where = f"{column_letters(c0)}{r0 + 1}:{column_letters(c1)}{r1 + 1}"
        for r in range(max(r0, header_idx + 1), min(r1, len(sheet.rows) - 1) + 1):
            row = body[r - header_idx - 1]
            row.extend([""] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0) and is_blank(row[c]):
                    row[c] = value
                    fills.append((r + 1, c, cell_text(value), where))
    return body, fills


def _flat_role(key: str) -> tuple[str | None, int | None]:
    for role, pattern in FLAT_PATTERNS:
        if m := pattern.fullmatch(key):
            groups = [g for g in m.groups() if g]
            return role, int(groups[0]) if groups else None
    return None, None
