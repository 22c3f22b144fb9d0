"""The issue collector the loader passes from step to step.

Like pandera's lazy error handler, an :class:`IssueLog` is handed explicitly
to every step that can find a problem; each step adds to it and goes on, and
:meth:`IssueLog.table` makes the one data-issues table at the end. No step
keeps a module-level list or returns its problems beside its result.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from followkit.reading.issues import ERROR, WARNING, empty_issues, finish_issues, issues_where
from followkit.reading.values import Parsed


class IssueLog:
    """Collects data issues (SPEC §3) as small frames; see :func:`issues.issues_where`."""

    def __init__(self) -> None:
        self._parts: list[pd.DataFrame] = []

    def add(self, issues: pd.DataFrame) -> None:
        """Add a ready issues frame (columns of :data:`issues.ISSUE_COLUMNS`)."""
        if len(issues):
            self._parts.append(issues)

    def rows(self, rows: list[dict[str, object]]) -> None:
        """Add issues given one dict per issue (Sheet, Row, Column, Value, Problem, Severity)."""
        if rows:
            self._parts.append(pd.DataFrame(rows))

    def where(self, frame: pd.DataFrame, mask: pd.Series | np.ndarray, *,
              column: str | pd.Series, value: pd.Series | str, problem: pd.Series | str,
              severity: pd.Series | str, interview_id: pd.Series | None = None,
              client_id: pd.Series | None = None) -> None:
        """One issue per row of ``frame`` under ``mask`` (see :func:`issues.issues_where`)."""
        self.add(issues_where(frame, mask, column=column, value=value, problem=problem,
                              severity=severity, interview_id=interview_id,
                              client_id=client_id))

    def parsed(self, frame: pd.DataFrame, label: str, raw: pd.Series, parsed: Parsed, *,
               downgrade: str = "", ids: pd.Series | None = None) -> None:
        """A parser's problems; ``downgrade`` turns errors into warnings with that note."""
        mask = parsed.problems.notna()
        if not mask.any():
            return
        problems, severities = parsed.problems, parsed.severities
        if downgrade:
            is_error = severities == ERROR
            problems = problems.where(~is_error, problems + downgrade)
            severities = severities.where(~is_error, WARNING)
        self.where(frame, mask, column=label, value=raw, problem=problems,
                   severity=severities, interview_id=ids)

    def table(self, interviews: pd.DataFrame, *, sheet_order: list[str]) -> pd.DataFrame:
        """The finished data-issues table: Worker attached, sorted by sheet and row."""
        if not self._parts:
            return empty_issues() if interviews is None else finish_issues([], interviews)
        return finish_issues(self._parts, interviews, sheet_order=sheet_order)
