"""Cleaning the tables found, before any value is read (one step of the loader).

Reported as warnings: headers that appear twice, merged cells filled into each
row of the merge, invisible control characters removed. Skipped as not data:
rows holding only drop-down defaults (``Blank``, ``Select…``), each counted
on the sheet's skip note.
"""

from __future__ import annotations

from followkit import schema as s
from followkit.issuelog import IssueLog
from followkit.issues import ERROR, WARNING, issues_where
from followkit.sheets import BARE_DATE, Layout, TableSheet
from followkit.values import CONTROL_CHARACTERS, cell_text, has_control, strip_control
from followkit.vocab import is_placeholder


def clean_layout(layout: Layout, log: IssueLog) -> None:
    """Clean every table of ``layout`` in place; problems go to ``log``."""
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


def _placeholder_rows(ts: TableSheet) -> int:
    """Drop rows whose every filled cell is a drop-down default, and empty the defaults
    left in other rows (``Blank`` in a drop-down means nothing was chosen); return how
    many rows were dropped."""
    labels = [c for c in ts.frame.columns if c not in (s.SHEET, s.ROW)]
    if not labels or ts.frame.empty:
        return 0
    texts = ts.frame[labels].map(lambda v: cell_text(v) if isinstance(v, str) else "x")
    filled = texts != ""
    placeholder = texts.map(is_placeholder)
    only = (filled.any(axis=1) & ~(filled & ~placeholder).any(axis=1)).to_numpy()
    for label in labels:
        hit = placeholder[label].to_numpy(dtype=bool) & ~only
        if hit.any():
            ts.frame.loc[hit, label] = ""
    if only.any():
        ts.frame = ts.frame[~only].reset_index(drop=True)
    return int(only.sum())
