"""followkit: interview follow-up lists for youth-employment outreach workers.

The public API is :class:`followkit.Session`: open a tracker once, then ask it
for the actions, the report, the per-worker split, letters and the calendar::

    session = followkit.Session.open("tracker.xlsx")
    session.report(date(2026, 11, 20)).todo

Underneath, one subpackage a stage (docs/architecture.md)::

    file --reading--> Caseload (+ issues) --rules(policy, as_of)--> Actions
         --report--> Report --> .xlsx, letters, calendar, plans
         --recording--> a copy of the worker's own file
    session (one object the front ends ask) --> cli, dashboard, notebooks

The names below are imported when first used (module ``__getattr__``), so
``import followkit.cli`` does not import pandas: ``followkit --help`` is quick.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import followkit.core._numpy_setup  # noqa: F401  (before anything imports numpy)

if TYPE_CHECKING:
    from followkit.core.errors import (
        FollowkitError,
        MissingColumnError,
        NoInterviewSheetError,
        OutputError,
        PolicyError,
        UnreadableFileError,
    )
    from followkit.core.policy import (
        DEFAULT_POLICY,
        FollowUpPolicy,
        load_policy,
        policy_from_mapping,
    )
    from followkit.pipeline import ReportRun, run_report
    from followkit.reading.load import Caseload, caseload_from_workbook, load_caseload
    from followkit.report.build import Report, build_report
    from followkit.rules.engine import Actions, compute_actions, evaluate
    from followkit.session.session import Session

__version__ = "0.1.0"

_WHERE = {
    "FollowkitError": "core.errors", "MissingColumnError": "core.errors",
    "NoInterviewSheetError": "core.errors", "OutputError": "core.errors",
    "PolicyError": "core.errors",
    "UnreadableFileError": "core.errors",
    "Caseload": "reading.load", "caseload_from_workbook": "reading.load",
    "load_caseload": "reading.load",
    "ReportRun": "pipeline", "run_report": "pipeline",
    "DEFAULT_POLICY": "core.policy", "FollowUpPolicy": "core.policy", "load_policy": "core.policy",
    "policy_from_mapping": "core.policy",
    "Report": "report.build", "build_report": "report.build",
    "Actions": "rules.engine", "compute_actions": "rules.engine", "evaluate": "rules.engine",
    "Session": "session.session",
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
    """Write a :class:`Report` workbook (see :func:`followkit.report.workbook.write_report`).

    Imported lazily: the writer is not needed to load or evaluate a tracker.
    """
    from followkit.report.workbook import write_report as write

    return write(*args, **kwargs)
