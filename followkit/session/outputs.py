"""The outputs service of a session: reports, per-worker files, letters, the calendar
(SPEC §5, §8).

:class:`Outputs` writes what the session's reports hold, through
:mod:`followkit.report.workbook`, :mod:`followkit.report.letters` and
:mod:`followkit.report.ical`, never over one of the tracker's own files. It asks
the session's (cached) reports through the ``report`` function it is given;
nothing here reads the clock.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from followkit.core import schema as s
from followkit.core.io import safe_file_part
from followkit.report import ical, letters, workbook

if TYPE_CHECKING:
    import pandas as pd

    from followkit.reading.load import Caseload
    from followkit.report.build import Report
    from followkit.report.letters import LetterTemplate

PathLike = str | os.PathLike[str]


class ReportOf(Protocol):
    """The session's :meth:`~followkit.session.session.Session.report`."""

    def __call__(self, as_of: date, *, workers: Sequence[str] | None = None,
                 period_from: date | None = None, period_to: date | None = None,
                 generated_at: datetime | None = None,
                 template: LetterTemplate | None = None) -> Report: ...


class Outputs:
    """The files a session writes: ``report`` gives its reports, ``caseload`` its
    tracker's tables, ``inputs`` the files never to write over."""

    def __init__(self, report: ReportOf, caseload: Callable[[], Caseload],
                 inputs: tuple[Path, ...]) -> None:
        self.report = report
        self._caseload = caseload
        self.inputs = inputs

    def write_report(self, path: PathLike, *, as_of: date,
                     workers: Sequence[str] | None = None, include_contacts: bool = True,
                     period_from: date | None = None, period_to: date | None = None,
                     generated_at: datetime | None = None) -> Path:
        """Write the report workbook to ``path`` (never over an input); return the path."""
        report = self.report(as_of, workers=workers, period_from=period_from,
                             period_to=period_to, generated_at=generated_at)
        return workbook.write_report(report, path, protect=self.inputs,
                            include_contacts=include_contacts)

    def report_bytes(self, *, as_of: date, workers: Sequence[str] | None = None,
                     include_contacts: bool = True) -> bytes:
        """The report workbook in memory (the dashboard's download)."""
        return workbook.report_bytes(self.report(as_of, workers=workers),
                            include_contacts=include_contacts)

    def per_worker(self, *, as_of: date, workers: Sequence[str] | None = None,
                   period_from: date | None = None, period_to: date | None = None,
                   generated_at: datetime | None = None) -> Iterator[tuple[str, Report]]:
        """One report per worker (``workers``, default every worker of the tracker),
        with its file name."""
        chosen = list(workers or ()) or sorted(self._caseload().interviews[s.WORKER].unique())
        for worker in chosen:
            yield worker_file_name(as_of, worker), self.report(
                as_of, workers=[worker], period_from=period_from, period_to=period_to,
                generated_at=generated_at)

    def split_by_worker(self, folder: PathLike, *, as_of: date,
                        workers: Sequence[str] | None = None, include_contacts: bool = True,
                        period_from: date | None = None, period_to: date | None = None,
                        generated_at: datetime | None = None) -> list[Path]:
        """Write one report per worker into ``folder``; return the paths."""
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        return [workbook.write_report(report, out / name, protect=self.inputs,
                             include_contacts=include_contacts)
                for name, report in self.per_worker(
                    as_of=as_of, workers=workers, period_from=period_from,
                    period_to=period_to, generated_at=generated_at)]

    def per_worker_zip(self, *, as_of: date, workers: Sequence[str] | None = None,
                       include_contacts: bool = True) -> bytes:
        """The same reports as :meth:`split_by_worker`, zipped in memory."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, report in self.per_worker(as_of=as_of, workers=workers):
                zf.writestr(name, workbook.report_bytes(report, include_contacts=include_contacts))
        return buffer.getvalue()

    def drafts(self, *, as_of: date, workers: Sequence[str] | None = None,
               template: LetterTemplate | None = None) -> pd.DataFrame:
        """The thank-you drafts (one per open thank-you), see :mod:`followkit.report.letters`."""
        return self.report(as_of, workers=workers, template=template).drafts

    def write_letters(self, folder: PathLike, *, as_of: date,
                      workers: Sequence[str] | None = None,
                      template: LetterTemplate | None = None) -> list[Path]:
        """Write the drafts as ``.docx`` letters and ``index.csv`` into ``folder``."""
        return letters.write_letters(self.drafts(as_of=as_of, workers=workers, template=template),
                             folder)

    def calendar_bytes(self, *, as_of: date, stamp: datetime,
                       workers: Sequence[str] | None = None,
                       include_contacts: bool = False) -> bytes:
        """The To Do list as an iCalendar file (:func:`followkit.report.ical.calendar_bytes`)."""
        return ical.calendar_bytes(self.report(as_of, workers=workers), stamp=stamp,
                              include_contacts=include_contacts)

    def write_calendar(self, path: PathLike, *, as_of: date, stamp: datetime,
                       workers: Sequence[str] | None = None,
                       include_contacts: bool = False) -> Path:
        """Write :meth:`calendar_bytes` to ``path`` (never over an input)."""
        return ical.write_calendar(self.report(as_of, workers=workers), path, stamp=stamp,
                              include_contacts=include_contacts, protect=self.inputs)


def worker_file_name(as_of: date, worker: str) -> str:
    """``followkit-report-2026-11-20-Priya Sharma.xlsx``: one worker's report file."""
    return f"followkit-report-{as_of}-{safe_file_part(worker)}.xlsx"


__all__ = ["Outputs", "worker_file_name"]
