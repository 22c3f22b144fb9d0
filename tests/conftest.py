"""Shared helpers: tiny trackers built in memory or as real files."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from followkit.core.io import RawSheet, RawWorkbook
from followkit.core.policy import DEFAULT_POLICY, FollowUpPolicy
from followkit.reading.load import Caseload, caseload_from_workbook

INTERVIEW_HEADER = ["Interview ID", "Client ID", "Client Name", "Worker", "Employer",
                    "Position", "Interview Date", "Decision Date", "References Alerted",
                    "Outcome"]


def workbook(sheets: dict[str, list[list[Any]]], name: str = "tracker.xlsx") -> RawWorkbook:
    """A workbook as io.read_workbook would return it."""
    return RawWorkbook(Path(name), [RawSheet(n, rows) for n, rows in sheets.items()])


def caseload(sheets: dict[str, list[list[Any]]],
             policy: FollowUpPolicy = DEFAULT_POLICY) -> Caseload:
    return caseload_from_workbook(workbook(sheets), policy=policy)


def interview(iid: str, day: date | str, *, client: str = "C1", name: str = "Ana Lima",
              worker: str = "Sam", employer: str = "Maple Grocers", position: str = "Cashier",
              decision: Any = "", references: Any = "", outcome: str = "") -> list[Any]:
    return [iid, client, name, worker, employer, position, day, decision, references, outcome]


def template(interviews: list[list[Any]], interviewers: list[list[Any]] | None = None,
             calls: list[list[Any]] | None = None,
             applications: list[list[Any]] | None = None) -> dict[str, list[list[Any]]]:
    """The four-sheet layout from row lists (headers added)."""
    sheets = {"Interviews": [INTERVIEW_HEADER, *interviews]}
    if interviewers is not None:
        sheets["Interviewers"] = [["Interview ID", "Interviewer", "Email", "Thank-You Sent"],
                                  *interviewers]
    if calls is not None:
        sheets["Calls"] = [["Interview ID", "Call Date", "Result"], *calls]
    if applications is not None:
        sheets["Job Search"] = [["Client ID", "Application Date", "Employer", "Position"],
                                *applications]
    return sheets


def write_xlsx(path: Path, sheets: dict[str, list[list[Any]]], *,
               hidden: tuple[str, ...] = ()) -> Path:
    """A real .xlsx file: dates written as Excel dates, the rest as typed."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False,
                                         "strings_to_numbers": False})
    date_format = wb.add_format({"num_format": "yyyy-mm-dd"})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        if name in hidden:
            ws.hide()
        elif not any(w.selected for w in wb.worksheets()[:-1] if w.name not in hidden):
            ws.activate()  # a hidden sheet cannot be the active one
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, date) and not isinstance(value, datetime):
                    ws.write_datetime(r, c, datetime(value.year, value.month, value.day),
                                      date_format)
                elif isinstance(value, str):
                    ws.write_string(r, c, value)
                elif value is not None:
                    ws.write(r, c, value)
    wb.close()
    return path


@pytest.fixture
def sample_file(tmp_path: Path) -> Path:
    """The bundled-style sample tracker, written fresh."""
    from followkit.datasets import make_sample
    from followkit.report.workbook import write_tracker

    sample = make_sample(n_clients=30, seed=7, as_of=date(2026, 11, 20))
    return write_tracker(sample.tables(), tmp_path / "sample.xlsx")


@pytest.fixture(scope="session")
def runtime_bin(tmp_path_factory) -> Path:
    """followkit as users get it: the wheel, in a new venv, runtime dependencies only.

    Built once per test session (pip's cache keeps the downloads). Tests run its
    ``followkit`` from folders outside the checkout, so a file that is not in
    the wheel, or a dependency that only the test extras bring, fails them.
    """
    import subprocess
    import sys

    root = tmp_path_factory.mktemp("runtime")
    project = Path(__file__).resolve().parent.parent
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w",
                    str(root / "dist"), str(project)], check=True, capture_output=True)
    wheel = next((root / "dist").glob("followkit-*.whl"))
    subprocess.run([sys.executable, "-m", "venv", str(root / "venv")], check=True)
    bin_dir = root / "venv" / "bin"
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q",
                    "--disable-pip-version-check", str(wheel)], check=True)
    return bin_dir
