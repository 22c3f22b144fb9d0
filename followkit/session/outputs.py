"""What a :class:`~followkit.session.session.Session` writes: reports, per-worker files, letters,
the calendar, recorded trackers (SPEC §5, §8).

Thin delegations to :mod:`followkit.report.workbook`, :mod:`followkit.report.letters`,
:mod:`followkit.report.ical` and :mod:`followkit.recording.record`, with the session's own
report, policy and reading options. Mixed into :class:`~followkit.session.session.Session`
(kept apart so each class reads on its own); nothing here reads the clock.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from followkit.core import schema as s

if TYPE_CHECKING:
    import pandas as pd

    from followkit.core.policy import FollowUpPolicy
    from followkit.reading.load import Caseload
    from followkit.recording.record import CaseloadIndex, Filled, Plan, RecordResult
    from followkit.report.build import Report
    from followkit.report.letters import LetterTemplate
    from followkit.session.session import Reading, Session

PathLike = str | os.PathLike[str]


class SessionOutputs:
    """The files a session writes (mixed into :class:`~followkit.session.session.Session`)."""

    if TYPE_CHECKING:  # given by Session
        inputs: tuple[Path, ...]

        @property
        def caseload(self) -> Caseload: ...

        def report(self, as_of: date, *, workers: Sequence[str] | None = None,
                   period_from: date | None = None, period_to: date | None = None,
                   generated_at: datetime | None = None,
                   template: LetterTemplate | None = None) -> Report: ...

    def write_report(self, path: PathLike, *, as_of: date,
                     workers: Sequence[str] | None = None, include_contacts: bool = True,
                     period_from: date | None = None, period_to: date | None = None,
                     generated_at: datetime | None = None) -> Path:
        """Write the report workbook to ``path`` (never over an input); return the path."""
        from followkit.report.workbook import write_report

        report = self.report(as_of, workers=workers, period_from=period_from,
                             period_to=period_to, generated_at=generated_at)
        return write_report(report, path, protect=self.inputs,
                            include_contacts=include_contacts)

    def report_bytes(self, *, as_of: date, workers: Sequence[str] | None = None,
                     include_contacts: bool = True) -> bytes:
        """The report workbook in memory (the dashboard's download)."""
        from followkit.report.workbook import report_bytes

        return report_bytes(self.report(as_of, workers=workers),
                            include_contacts=include_contacts)

    def per_worker(self, *, as_of: date, workers: Sequence[str] | None = None,
                   period_from: date | None = None, period_to: date | None = None,
                   generated_at: datetime | None = None) -> Iterator[tuple[str, Report]]:
        """One report per worker (``workers``, default every worker of the tracker),
        with its file name."""
        chosen = list(workers or ()) or sorted(self.caseload.interviews[s.WORKER].unique())
        for worker in chosen:
            yield worker_file_name(as_of, worker), self.report(
                as_of, workers=[worker], period_from=period_from, period_to=period_to,
                generated_at=generated_at)

    def split_by_worker(self, folder: PathLike, *, as_of: date,
                        workers: Sequence[str] | None = None, include_contacts: bool = True,
                        period_from: date | None = None, period_to: date | None = None,
                        generated_at: datetime | None = None) -> list[Path]:
        """Write one report per worker into ``folder``; return the paths."""
        from followkit.report.workbook import write_report

        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        return [write_report(report, out / name, protect=self.inputs,
                             include_contacts=include_contacts)
                for name, report in self.per_worker(
                    as_of=as_of, workers=workers, period_from=period_from,
                    period_to=period_to, generated_at=generated_at)]

    def per_worker_zip(self, *, as_of: date, workers: Sequence[str] | None = None,
                       include_contacts: bool = True) -> bytes:
        """The same reports as :meth:`split_by_worker`, zipped in memory."""
        from followkit.report.workbook import report_bytes

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, report in self.per_worker(as_of=as_of, workers=workers):
                zf.writestr(name, report_bytes(report, include_contacts=include_contacts))
        return buffer.getvalue()

    def drafts(self, *, as_of: date, workers: Sequence[str] | None = None,
               template: LetterTemplate | None = None) -> pd.DataFrame:
        """The thank-you drafts (one per open thank-you), see :mod:`followkit.report.letters`."""
        return self.report(as_of, workers=workers, template=template).drafts

    def write_letters(self, folder: PathLike, *, as_of: date,
                      workers: Sequence[str] | None = None,
                      template: LetterTemplate | None = None) -> list[Path]:
        """Write the drafts as ``.docx`` letters and ``index.csv`` into ``folder``."""
        from followkit.report.letters import write_letters

        return write_letters(self.drafts(as_of=as_of, workers=workers, template=template),
                             folder)

    def calendar_bytes(self, *, as_of: date, stamp: datetime,
                       workers: Sequence[str] | None = None,
                       include_contacts: bool = False) -> bytes:
        """The To Do list as an iCalendar file (:func:`followkit.report.ical.calendar_bytes`)."""
        from followkit.report.ical import calendar_bytes

        return calendar_bytes(self.report(as_of, workers=workers), stamp=stamp,
                              include_contacts=include_contacts)

    def write_calendar(self, path: PathLike, *, as_of: date, stamp: datetime,
                       workers: Sequence[str] | None = None,
                       include_contacts: bool = False) -> Path:
        """Write :meth:`calendar_bytes` to ``path`` (never over an input)."""
        from followkit.report.ical import write_calendar

        return write_calendar(self.report(as_of, workers=workers), path, stamp=stamp,
                              include_contacts=include_contacts, protect=self.inputs)


class SessionRecording:
    """Recording into the tracker (mixed into :class:`~followkit.session.session.Session`)."""

    if TYPE_CHECKING:  # given by Session
        inputs: tuple[Path, ...]

        @property
        def caseload(self) -> Caseload: ...
        policy: FollowUpPolicy
        reading: Reading
        name: str
        data: bytes | None
        _index: CaseloadIndex | None

        def with_caseload(self, caseload: Caseload) -> Session: ...


    def record(self, report: PathLike, *, now: datetime, output: PathLike | None = None,
               replace: bool = False) -> RecordResult:
        """Write what was filled in ``report`` into a copy of the tracker, or into each
        file of a caseload read from several (:func:`followkit.recording.record.record`),
        reading them as this session does. An existing output is refused unless
        ``replace``."""
        from followkit.recording.record import record

        trackers = list(self.inputs) if self.data is None else [self._tracker()]
        return record(trackers, report, now=now, output=output, policy=self.policy,
                      replace=replace, reading=self.reading.options())

    def record_marks(self, marks: list[Filled], *, now: datetime, folder: PathLike,
                     origin: str = "dashboard", as_of: date | None = None) -> RecordResult:
        """Write ``marks`` into a copy of the tracker in ``folder`` (an uploaded tracker
        is first written there under its own name). ``as_of``: the date the marks were
        made on, so dates without a year are read as they were then. The copy never
        replaces a file: when ``<tracker>-updated.<ext>`` is in ``folder``, it is
        ``…-updated-2.<ext>`` (``result.output`` names it)."""
        from followkit.recording.record import record_filled
        from followkit.recording.write import default_output, free_name

        tracker = self._tracker(Path(folder))
        return record_filled(tracker, marks, now=now, policy=self.policy, origin=origin,
                             output=free_name(Path(folder) / default_output(tracker).name),
                             reading=self.reading.options(), as_of=as_of)

    def updated_copy(self, marks: list[Filled], *, now: datetime, as_of: date | None = None,
                     origin: str = "dashboard") -> tuple[str, bytes, RecordResult]:
        """The updated tracker with ``marks`` recorded, as (file name, bytes, result),
        made in a private temporary folder (nothing is left on disk). A CSV comes as a
        zip of the copy and its ``-log.csv``."""
        with tempfile.TemporaryDirectory(prefix="followkit-") as folder:
            result = self.record_marks(marks, now=now, folder=folder, origin=origin,
                                       as_of=as_of)
            out = result.output
            name, data = out.name, out.read_bytes()
            log = out.with_name(f"{out.stem}-log.csv")
            if log.exists():
                buffer = io.BytesIO()
                with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                    archive.writestr(out.name, data)
                    archive.writestr(log.name, log.read_bytes())
                name, data = f"{out.stem}.zip", buffer.getvalue()
        return name, data, result

    def with_marks(self, marks: list[Filled]) -> tuple[Session, Plan]:
        """A session whose caseload has ``marks`` recorded in memory (the dashboard's
        *Mark done*), and the plan saying what was refused. This session is unchanged."""
        from followkit.recording.record import CaseloadIndex
        from followkit.recording.state import apply_in_memory

        if self._index is None:
            self._index = CaseloadIndex(self.caseload)
        caseload, plan = apply_in_memory(self.caseload, marks, index=self._index)
        return self.with_caseload(caseload), plan

    @property
    def can_record(self) -> bool:
        """True if the session read one tracker file (or upload) that recording can copy."""
        return self.data is not None or (len(self.inputs) == 1 and self.inputs[0].is_file())

    def _tracker(self, folder: Path | None = None) -> Path:
        """The one tracker file this session read (an upload is written into ``folder``)."""
        from followkit.core.errors import FollowkitError

        if self.data is not None:
            if folder is None:
                folder = Path(tempfile.mkdtemp(prefix="followkit-"))
            path = folder / self.name
            path.write_bytes(self.data)
            return path
        if not self.can_record:
            raise FollowkitError("recording needs the one tracker file the report was "
                                 "made from")
        return self.inputs[0]


def worker_file_name(as_of: date, worker: str) -> str:
    """``followkit-report-2026-11-20-Priya Sharma.xlsx``: one worker's report file."""
    from followkit.core.io import safe_file_part

    return f"followkit-report-{as_of}-{safe_file_part(worker)}.xlsx"
