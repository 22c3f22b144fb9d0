"""The data-issues table (SPEC §3): one row per problem found in the input."""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import pandas as pd

from followkit.core import schema as s

ISSUE_COLUMNS = ["Sheet", "Row", "Column", "Value", "Problem", "Severity", s.WORKER]
ERROR, WARNING = "error", "warning"
# Bookkeeping used to attach the Worker; dropped from the final table.
_INTERVIEW_KEY = "_interview_id"
_CLIENT_KEY = "_client_id"


def empty_issues() -> pd.DataFrame:
    return _empty().copy()


@functools.cache
def _empty() -> pd.DataFrame:
    """The empty issues table, built once (each check that finds nothing returns a copy)."""
    return pd.DataFrame({c: pd.Series(dtype=object) for c in ISSUE_COLUMNS})


def issues_where(
    frame: pd.DataFrame,
    mask: pd.Series | np.ndarray,
    *,
    column: str | pd.Series,
    value: pd.Series | str,
    problem: pd.Series | str,
    severity: pd.Series | str,
    interview_id: pd.Series | None = None,
    client_id: pd.Series | None = None,
) -> pd.DataFrame:
    """Issues for the rows of ``frame`` (a tidy table with ``_sheet``/``_row``) under ``mask``."""
    mask = np.asarray(mask, dtype=bool)
    if not mask.any():
        return empty_issues()

    def pick(x: Any) -> Any:
        return x.to_numpy(dtype=object)[mask] if isinstance(x, pd.Series) else x

    out = pd.DataFrame(
        {
            "Sheet": frame[s.SHEET].to_numpy(dtype=object)[mask],
            "Row": frame[s.ROW].to_numpy()[mask],
            "Column": pick(column),
            "Value": pick(value),
            "Problem": pick(problem),
            "Severity": pick(severity),
        }
    )
    out["Value"] = out["Value"].map(_shown)
    if interview_id is not None:
        out[_INTERVIEW_KEY] = pick(interview_id)
    if client_id is not None:
        out[_CLIENT_KEY] = pick(client_id)
    return out


def _shown(value: Any) -> str:
    from followkit.reading.values import cell_text

    return cell_text(value)


def finish_issues(parts: list[pd.DataFrame], interviews: pd.DataFrame,
                  sheet_order: list[str] | None = None) -> pd.DataFrame:
    """Concatenate issue parts, attach each one's Worker, sort by sheet and row.

    Sheets come in workbook order (``sheet_order``), rows in order, errors first.
    """
    parts = [p for p in parts if len(p)]
    if not parts:
        return empty_issues()
    issues = pd.concat(parts, ignore_index=True)
    for key in (_INTERVIEW_KEY, _CLIENT_KEY):
        if key not in issues:
            issues[key] = None
    by_interview = dict(zip(interviews[s.INTERVIEW_ID], interviews[s.WORKER], strict=False))
    by_client = dict(zip(interviews[s.CLIENT_ID], interviews[s.WORKER], strict=False))
    by_row = dict(
        zip(zip(interviews[s.SHEET], interviews[s.ROW], strict=True), interviews[s.WORKER],
            strict=True)
    )
    workers = [
        by_row.get((sh, r)) or by_interview.get(i) or by_client.get(c) or ""
        for sh, r, i, c in zip(issues["Sheet"], issues["Row"], issues[_INTERVIEW_KEY],
                               issues[_CLIENT_KEY], strict=True)
    ]
    issues[s.WORKER] = workers
    issues["Row"] = issues["Row"].astype("int64")
    issues["_sev"] = (issues["Severity"] != ERROR).astype(int)
    order = {name: i for i, name in enumerate(sheet_order or [])}
    issues["_sheet_pos"] = issues["Sheet"].map(lambda name: order.get(name, len(order)))
    issues = issues.sort_values(["_sheet_pos", "Sheet", "Row", "_sev"], kind="stable")
    return issues[ISSUE_COLUMNS].reset_index(drop=True)
