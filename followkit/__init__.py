"""followkit: interview follow-up lists for youth-employment outreach workers.

The public API is :class:`followkit.Session`: open a tracker once, then ask it
for the actions, the report, the per-worker split, letters and the calendar::

    session = followkit.Session.open("tracker.xlsx")
    session.report(date(2026, 11, 20)).todo

Underneath, one module a step::

    file --io--> raw sheets --load--> Caseload (+ issues)
         --rules.evaluate(policy, as_of)--> Actions --reports--> Report --export--> .xlsx

The names below are imported when first used (module ``__getattr__``), so
``import followkit.cli`` does not import pandas: ``followkit --help`` is quick.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import followkit._numpy_setup  # noqa: F401  (before anything imports numpy)

if TYPE_CHECKING:
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
    from followkit.session import Session

__version__ = "0.1.0"

_WHERE = {
    "FollowkitError": "errors", "MissingColumnError": "errors",
    "NoInterviewSheetError": "errors", "OutputError": "errors", "PolicyError": "errors",
    "UnreadableFileError": "errors",
    "Caseload": "load", "caseload_from_workbook": "load", "load_caseload": "load",
    "ReportRun": "pipeline", "run_report": "pipeline",
    "DEFAULT_POLICY": "policy", "FollowUpPolicy": "policy", "load_policy": "policy",
    "policy_from_mapping": "policy",
    "Report": "reports", "build_report": "reports",
    "Actions": "rules", "compute_actions": "rules", "evaluate": "rules",
    "Session": "session",
}

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
    "Session",
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


def __getattr__(name: str) -> Any:
    """Import a public name from its module the first time it is asked for."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'followkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"followkit.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def write_report(*args: Any, **kwargs: Any) -> Path:
    """Write a :class:`Report` workbook (see :func:`followkit.export.write_report`).

    Imported lazily: the writer is not needed to load or evaluate a tracker.
    """
    from followkit.export import write_report as write

    return write(*args, **kwargs)
