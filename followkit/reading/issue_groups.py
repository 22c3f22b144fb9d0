"""Data issues grouped by kind, for the places a person reads them at a glance.

The Data Issues sheet keeps one row per problem (SPEC §3). The report's
Summary, the command's printed summary and the dashboard's banner say the same
problems once per kind instead (issue #21, item 8): the problem as the first row
says it, how many rows have it, and the first row numbers. Two problems are of
one kind when they have the same severity, the same column and the same words
once the values they quote, their numbers and month names are left out
(``unknown Outcome 'Bailed'`` and ``unknown Outcome 'On Hold'`` are one kind).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from followkit.reading.issues import ERROR

# What differs between two problems of one kind: quoted values, numbers, month names.
_VARYING = (r"'[^']*'|\"[^\"]*\"|\d+|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
            r"[a-z]*\b")
FIRST_ROWS = 3  # row numbers named per kind


@dataclass(frozen=True)
class IssueGroup:
    """One kind of data issue: its words (as its first row says it) and where it is."""

    severity: str
    column: str
    problem: str  # the first row's problem, as written on the Data Issues sheet
    rows: int  # how many rows of the Data Issues sheet are of this kind
    first: tuple[tuple[str, int], ...]  # (sheet, Excel row) of the first rows

    def where(self) -> str:
        """The first rows, per sheet: ``'Tracker' rows 3, 4, 6, …``."""
        parts: list[str] = []
        for sheet in dict.fromkeys(sheet for sheet, _ in self.first):
            rows = [str(r) for s, r in self.first if s == sheet]
            parts.append(f"{sheet!r} row{'s' if len(rows) > 1 else ''} {', '.join(rows)}")
        more = ", …" if self.rows > len(self.first) else ""
        return "; ".join(parts) + more

    def line(self) -> str:
        """The kind in one line: ``3 rows ('Tracker' rows 3, 4, 6): unknown Outcome …``."""
        count = "1 row" if self.rows == 1 else f"{self.rows} rows"
        column = f", column {self.column!r}" if self.column else ""
        return f"{count} ({self.where()}{column}): {self.problem}"


def group_issues(issues: pd.DataFrame) -> list[IssueGroup]:
    """The kinds of problem in a data-issues table: errors first, then the most rows.

    >>> t = pd.DataFrame({"Sheet": ["A", "A", "A"], "Row": [3, 4, 5],
    ...                   "Column": ["Status"] * 3, "Severity": ["warning"] * 3,
    ...                   "Problem": ["unknown Outcome 'Bailed'", "unknown Outcome 'Hold'",
    ...                               "unknown Outcome 'Gone'"]})
    >>> [g.line() for g in group_issues(t)]
    ["3 rows ('A' rows 3, 4, 5, column 'Status'): unknown Outcome 'Bailed'"]
    """
    if issues.empty:
        return []
    ordered = issues  # already in the sheets' order, then by row (IssueLog.table)
    kind = ordered["Problem"].astype(str).str.replace(_VARYING, "#", regex=True)
    keys = [ordered["Severity"].astype(str), ordered["Column"].astype(str), kind]
    groups = []
    for (severity, column, _), part in ordered.groupby(keys, sort=False):
        head = part.head(FIRST_ROWS)
        groups.append(IssueGroup(
            str(severity), str(column), str(part["Problem"].iloc[0]), len(part),
            tuple(zip(head["Sheet"].astype(str), head["Row"].astype(int), strict=True))))
    return sorted(groups, key=lambda g: (g.severity != ERROR, -g.rows))


def group_lines(issues: pd.DataFrame, *, most: int) -> list[str]:
    """At most ``most`` lines, one per kind (``error:``/``warning:`` first), and a last
    line saying how many kinds more there are."""
    groups = group_issues(issues)
    lines = [f"{g.severity}: {g.line()}" for g in groups[:most]]
    if len(groups) > most:
        more = len(groups) - most
        lines.append(f"… and {more} more kind{'s' if more > 1 else ''} of problem")
    return lines
