"""A sheet that repeats another is read once (issue #21, item 5).

People keep a cleaned copy of their list beside it (the same rows, a column
dropped or added, statuses rewritten). Reading both would count every
application twice. A tracker sheet is a copy of an earlier one of the same
file when both hold the same rows by key (employer, position and the first
date of the row, compared as people type them) and the headers of one are a
subset of the other's. The copy is not read and is named on the Summary
("a copy of 'Original', not read"). Tabs of a week each (same header,
other rows) are never copies.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from followkit.core import schema as s
from followkit.core.schema import INTERVIEWS
from followkit.reading.sheets import Layout, TableSheet
from followkit.reading.values import cell_text
from followkit.reading.vocab import word_key

_KEY_FIELDS = (s.EMPLOYER, s.POSITION, s.CLIENT_ID, s.CLIENT_NAME)
_DATE_FIELDS = (s.APPLICATION_DATE, s.INTERVIEW_DATE, s.ACTIVITY_DATE)


def drop_copies(layout: Layout) -> None:
    """Remove from ``layout`` every tracker sheet that repeats an earlier one; name it."""
    trackers = [ts for ts in layout.tables if ts.table is INTERVIEWS]
    files = Counter(ts.file for ts in trackers)
    kept: list[tuple[TableSheet, Counter[tuple[str, ...]]]] = []
    for ts in trackers:
        if files[ts.file] < 2:  # the only tracker sheet of its file: nothing to compare
            continue
        keys = row_keys(ts)
        original = next((o for o, o_keys in kept if o.file == ts.file and keys
                         and o_keys == keys and _nested_headers(o, ts)), None)
        if original is None:
            kept.append((ts, keys))
            continue
        layout.tables.remove(ts)
        layout.skipped.append(
            f"{ts.sheet}: a copy of {_own_name(original)!r} (the same {keys.total()} rows), "
            "not read")


def row_keys(ts: TableSheet) -> Counter[tuple[str, ...]]:
    """Each row's key (employer, position, client, first date) as people type them; rows
    with nothing to go by are left out. Empty when the sheet has no key column."""
    labels = [ts.columns[f] for f in _KEY_FIELDS if f in ts.columns]
    dates = [ts.columns[f] for f in _DATE_FIELDS if f in ts.columns]
    if not labels:
        return Counter()
    parts = [ts.frame[label].map(lambda v: word_key(cell_text(v))) for label in labels]
    if dates:
        parts.append(ts.frame[dates[0]].map(_day_text))
    keys = pd.concat(parts, axis=1).itertuples(index=False, name=None)
    return Counter(k for k in keys if any(k))


def _day_text(value: object) -> str:
    """A date cell compared by its day (a date-time and a date of the same day are one)."""
    text = cell_text(value)
    return text[:10] if len(text) >= 10 and text[4:5] == "-" else word_key(text)


def _nested_headers(a: TableSheet, b: TableSheet) -> bool:
    """The headers of one sheet are all among the other's (a column fewer or more)."""
    ha, hb = _headers(a), _headers(b)
    return ha <= hb or hb <= ha


def _headers(ts: TableSheet) -> set[str]:
    return {s.normalize_header(c) for c in ts.frame.columns
            if c not in (s.SHEET, s.ROW)} - {""}


def _own_name(ts: TableSheet) -> str:
    """The sheet's name as the worker sees it (without the file's name added)."""
    prefix = f"{ts.file}: "
    return ts.sheet[len(prefix):] if ts.file and ts.sheet.startswith(prefix) else ts.sheet
