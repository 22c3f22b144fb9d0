"""followkit: interview follow-up lists for youth-employment outreach workers.

The pipeline, one module a step::

    file --io--> raw sheets --load--> Caseload (+ issues)
         --rules.evaluate(policy, as_of)--> Actions --reports--> Report --export--> .xlsx
"""

from pathlib import Path
from typing import Any

import followkit._numpy_setup  # noqa: F401  (before anything imports numpy)
from followkit.errors import (
    FollowkitError,
    MissingColumnError,
    NoInterviewSheetError,
    OutputError,
    PolicyError,
    UnreadableFileError,
)
from followkit.load import Caseload, caseload_from_workbook, load_caseload
from followkit.pipeline import ReportRun, run_report
from followkit.policy import DEFAULT_POLICY, FollowUpPolicy, load_policy, policy_from_mapping
from followkit.reports import Report, build_report
from followkit.rules import Actions, compute_actions, evaluate

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_POLICY",
    "Actions",
    "Caseload",
    "FollowUpPolicy",
    "FollowkitError",
    "MissingColumnError",
    "NoInterviewSheetError",
    "OutputError",
    "PolicyError",
    "Report",
    "ReportRun",
    "UnreadableFileError",
    "build_report",
    "caseload_from_workbook",
    "compute_actions",
    "evaluate",
    "load_caseload",
    "load_policy",
    "policy_from_mapping",
    "run_report",
    "write_report",
]


def write_report(*args: Any, **kwargs: Any) -> Path:
    """Write a :class:`Report` workbook (see :func:`followkit.export.write_report`).

    Imported lazily: the writer is not needed to load or evaluate a tracker.
    """
    from followkit.export import write_report as _write

    return _write(*args, **kwargs)
