"""Cleaning the tables found, before any value is read (one step of the loader).

Reported as warnings: headers that appear twice, merged cells filled into each
row of the merge, invisible control characters removed. Skipped as not data:
rows holding only drop-down defaults (``Blank``, ``Select…``), each counted
on the sheet's skip note.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from followkit.core import schema as s
from followkit.core.schema import INTERVIEWS
from followkit.reading.columns import BARE_DATE
from followkit.reading.copies import drop_copies
from followkit.reading.issuelog import IssueLog
from followkit.reading.issues import ERROR, WARNING, issues_where
from followkit.reading.rounds_sheet import link_rounds
from followkit.reading.sheets import Layout, TableSheet
from followkit.reading.values import CONTROL_CHARACTERS, has_control, strip_control
from followkit.reading.vocab import DUMMY_DATES, EXAMPLE_START, is_placeholder


def clean_layout(layout: Layout, log: IssueLog) -> None:
    """Clean every table of ``layout`` in place; problems go to ``log``. A sheet that
    repeats another is not read (:mod:`followkit.reading.copies`)."""
    drop_copies(layout)
    link_rounds(layout, log)
    _layout_issues(layout, log)
    log.rows([
        {"Sheet": ts.sheet, "Row": row, "Column": "", "Value": "", "Severity": ERROR,
         "Problem": f"this row has {n} fields but the header has {width}: a "
                    "comma inside a value not in quotes? Not read, so that no value lands "
                    "in the wrong column; fix the row and run again"}
        for ts in layout.tables for row, n, width in ts.broken
    ])
    log.rows([
        {"Sheet": ts.sheet, "Row": ts.header_row, "Column": g.label, "Value": "",
         "Severity": WARNING, "Problem": g.note}
        for ts in layout.tables for g in ts.guesses if g.note.startswith(BARE_DATE[:20])
    ])
    for ts in layout.tables:
        _control_characters(ts, log)
        dropped = _placeholder_rows(ts)
        if dropped:
            layout.skipped.append(
                f"{ts.sheet}: {dropped} row(s) holding only drop-down defaults such as "
                "'Blank' or 'Select' (unfilled template rows)")
        examples = _example_rows(ts) if ts.table is INTERVIEWS else []
        if examples:
            rows = ", ".join(str(r) for r in examples[:5]) + (", ..." if len(examples) > 5
                                                              else "")
            layout.skipped.append(
                f"{ts.sheet}: {len(examples)} example or placeholder row(s) of the template "
                f"(row {rows}: 'Example', 'e.g.', 'Sample' or dummy dates such as "
                "2000-01-01), not read")


def _layout_issues(layout: Layout, log: IssueLog) -> None:
    """Duplicate headers and merged cells, found while finding the tables."""
    log.rows([
        {"Sheet": ts.sheet, "Row": ts.header_row, "Column": new, "Value": old,
         "Problem": f"header {old!r} appears twice; the second is kept as {new!r}",
         "Severity": WARNING}
        for ts in layout.tables for old, new in ts.duplicate_headers
    ] + [
        {"Sheet": ts.sheet, "Row": row, "Column": label, "Value": value,
         "Problem": f"merged cells {where}: read as {value!r} in this row too",
         "Severity": WARNING}
        for ts in layout.tables for row, label, value, where in ts.merged_fills
    ])


def _control_characters(ts: TableSheet, log: IssueLog) -> None:
    """Remove invisible control characters (pasted from Word) and report each cell."""
    labels = [c for c in ts.frame.columns if c not in (s.SHEET, s.ROW)]
    for label in labels:
        column = ts.frame[label]
        if not has_control(column):
            continue
        bad = column.str.contains(CONTROL_CHARACTERS, regex=True, na=False).to_numpy(
            dtype=bool)
        if bad.any():
            texts = column.map(lambda v: v if isinstance(v, str) else "")
            log.add(issues_where(
                ts.frame, bad, column=label, value=texts.map(strip_control),
                problem="invisible control characters removed (pasted from another "
                        "program?)", severity=WARNING))
            ts.frame.loc[bad, label] = texts[bad].map(strip_control)


_IDENTIFYING = (s.EMPLOYER, s.POSITION, s.CLIENT_NAME)


def _example_rows(ts: TableSheet) -> list[int]:
    """Drop a template's example rows (on a tracker sheet): an identifying cell (employer,
    position, client name) that starts ``Example``/``e.g.``/``Sample``, or a row whose
    dates are all dummies (2000-01-01) in its date columns; return their Excel rows."""
    f = ts.frame
    if f.empty:
        return []
    example = np.zeros(len(f), dtype=bool)
    for field in _IDENTIFYING:
        label = ts.columns.get(field)
        if label in f.columns:
            marked = [v for v in pd.unique(f[label].to_numpy(dtype=object))
                      if isinstance(v, str) and EXAMPLE_START.match(v)]
            if marked:
                example |= f[label].isin(marked).to_numpy(dtype=bool)
    labels = [label for field, label in ts.columns.items()
              if field.endswith("Date") and label in f.columns] + ts.stages
    dummy = np.zeros(len(f), dtype=bool)
    for label in labels:
        dummy |= f[label].isin(_DUMMY_VALUES).to_numpy(dtype=bool)
    for i in np.flatnonzero(dummy & ~example):  # few rows: does the row hold a real date?
        days = [_as_day(v) for v in f.iloc[i][labels]]
        dummy[i] = not any(d is not None and d not in DUMMY_DATES for d in days)
    drop = example | dummy
    if not drop.any():
        return []
    rows = [int(r) for r in f.loc[drop, s.ROW]]
    ts.frame = f[~drop].reset_index(drop=True)
    return rows


# A dummy date however the cell holds it: a date, a date-time, a Timestamp or ISO text.
_DUMMY_VALUES = [v for d in DUMMY_DATES for v in (
    d, datetime(d.year, d.month, d.day), pd.Timestamp(d), d.isoformat())]


def _as_day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value.strip()) == 10:
        try:
            return date.fromisoformat(value.strip())  # "2000-01-01" typed as text
        except ValueError:
            return None
    return None


def _placeholder_rows(ts: TableSheet) -> int:
    """Drop rows whose every filled cell is a drop-down default, and empty the defaults
    left in other rows (``Blank`` in a drop-down means nothing was chosen); return how
    many rows were dropped."""
    labels = [c for c in ts.frame.columns if c not in (s.SHEET, s.ROW)]
    if not labels or ts.frame.empty:
        return 0
    n = len(ts.frame)
    real = np.zeros(n, dtype=bool)  # a row holding anything but blanks and defaults
    defaults = {}
    for label in labels:
        column = ts.frame[label]
        values = column.to_numpy(dtype=object)
        texts = [v for v in pd.unique(values) if isinstance(v, str)]  # each once
        marked = [v for v in texts if is_placeholder(v)]
        hit = column.isin(marked).to_numpy(dtype=bool) if marked else np.zeros(n, bool)
        blank = column.isna().to_numpy() | column.isin(
            [v for v in texts if not v.strip()]).to_numpy(dtype=bool)
        real |= ~(hit | blank)
        if hit.any():
            defaults[label] = hit
    only = ~real & np.any(list(defaults.values()), axis=0) if defaults else np.zeros(n, bool)
    for label, hit in defaults.items():
        if (hit & ~only).any():
            ts.frame.loc[hit & ~only, label] = ""
    if only.any():
        ts.frame = ts.frame[~only].reset_index(drop=True)
    return int(only.sum())
