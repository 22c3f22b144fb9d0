"""One tracker, read once, and every answer followkit gives about it.

:class:`Session` is followkit's public API and the one place where the chain
load → :func:`~followkit.rules.engine.evaluate` →
:func:`~followkit.report.build.build_report` is asked for. The command line, the
dashboard and the notebooks all ask a session; none builds the chain itself::

    session = Session.open("tracker.xlsx")
    report = session.report(date(2026, 11, 20), workers=["Priya Sharma"])
    session.write_report("report.xlsx", as_of=date(2026, 11, 20))

A session is one object that delegates to a service per concern: reading
(:class:`~followkit.session.source.Source`: the tracker, read the first time
something is asked, then kept), the answers per date
(:class:`~followkit.session.answers.Answers`: bounded caches of actions and
reports), the outputs (:class:`~followkit.session.outputs.Outputs`) and
recording (:class:`~followkit.session.recorder.Recorder`) and the young person's
plans (:class:`~followkit.session.plans.Planner`). Every question takes
an explicit ``as_of``: nothing here reads the clock.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from followkit.core.policy import DEFAULT_POLICY, FollowUpPolicy
from followkit.reading.issue_groups import group_lines
from followkit.report.wording import plural
from followkit.rules.engine import DUE_TODAY, OVERDUE, UPCOMING
from followkit.session.answers import (
    DATES_KEPT,
    REPORTS_KEPT,
    Answers,
    Lru,
    ReportOptions,
)
from followkit.session.outputs import Outputs, worker_file_name
from followkit.session.plans import Planner
from followkit.session.recorder import Recorder
from followkit.session.source import Reading, Source

if TYPE_CHECKING:
    import pandas as pd

    from followkit.core.io import RawWorkbook
    from followkit.reading.load import Caseload
    from followkit.recording.plan import Filled, Plan, RecordResult
    from followkit.report.build import Report
    from followkit.report.letters import LetterTemplate
    from followkit.rules.engine import Actions

PathLike = str | os.PathLike[str]
__all__ = ["DATES_KEPT", "REPORTS_KEPT", "Lru", "Reading", "ReportOptions", "Session",
           "summary_text", "worker_file_name"]


@dataclass(eq=False)
class Session:
    """A tracker (one file, several, or uploaded bytes) and the answers about it: see
    :class:`~followkit.session.source.Source` for ``load``, ``name``, ``inputs``,
    ``data`` and ``reading``; ``policy`` is used by every answer (replace it and every
    cache is emptied). Build one with :meth:`open`, :meth:`from_bytes`,
    :meth:`from_uploads`, or from a loaded :class:`~followkit.reading.load.Caseload`.
    """

    load: Caseload | Callable[[], Caseload] = field(repr=False)
    policy: FollowUpPolicy = DEFAULT_POLICY
    name: str = ""
    inputs: tuple[Path, ...] = ()
    data: bytes | None = field(default=None, repr=False)  # never in a log or traceback
    reading: Reading = field(default_factory=Reading)
    dates_kept: int = DATES_KEPT
    reports_kept: int = REPORTS_KEPT

    def __post_init__(self) -> None:
        self.source = Source(self.load, self.name, self.inputs, self.data, self.reading)
        self.answers = Answers(lambda: self.source.caseload, dates_kept=self.dates_kept,
                               reports_kept=self.reports_kept)
        self.outputs = Outputs(self.report, lambda: self.source.caseload, self.inputs)
        self.recorder = Recorder(self.source)
        self.plans = Planner(self.actions, self.inputs)  # the young person's plans (§10)

    @classmethod
    def open(cls, paths: PathLike | Sequence[PathLike], *,
             policy: FollowUpPolicy = DEFAULT_POLICY, client: str | None = None,
             columns: Mapping[str, str] | None = None,
             statuses: Mapping[str, str] | None = None, as_of: date | None = None) -> Session:
        """A session on tracker files or folders, read as one caseload when first needed."""
        listed = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
        inputs = tuple(Path(p) for p in listed)
        reading = Reading(client, columns, statuses)

        def load() -> Caseload:
            from followkit.reading.load import load_caseloads

            return load_caseloads(list(inputs), policy=policy, as_of=as_of,
                                  **reading.options())

        return cls(load, policy=policy, name=inputs[0].name, inputs=inputs, reading=reading)

    @classmethod
    def from_bytes(cls, name: str, data: bytes, *, policy: FollowUpPolicy = DEFAULT_POLICY,
                   as_of: date | None = None) -> Session:
        """A session on one uploaded tracker (its file name and bytes), read at once."""
        from followkit.reading.load import load_caseload_bytes

        return cls(load_caseload_bytes(name, data, policy=policy, as_of=as_of), policy=policy,
                   name=name, data=data)

    @classmethod
    def from_uploads(cls, files: Sequence[tuple[str, bytes]], *,
                     policy: FollowUpPolicy = DEFAULT_POLICY, reading: Reading | None = None,
                     as_of: date | None = None) -> Session:
        """A session on several uploaded files read as one caseload, at once."""
        from followkit.core.io import read_workbook_bytes

        return cls.from_workbooks([read_workbook_bytes(n, d) for n, d in files],
                                  policy=policy, reading=reading, as_of=as_of,
                                  data=files[0][1] if len(files) == 1 else None)

    @classmethod
    def from_workbooks(cls, workbooks: Sequence[RawWorkbook], *,
                       policy: FollowUpPolicy = DEFAULT_POLICY, reading: Reading | None = None,
                       as_of: date | None = None, data: bytes | None = None) -> Session:
        """A session on workbooks already read (``data``: the one upload's bytes, if one)."""
        from followkit.reading.load import caseload_from_workbooks

        reading = reading or Reading()
        caseload = caseload_from_workbooks(workbooks, policy=policy, as_of=as_of,
                                           **reading.options())
        return cls(caseload, policy=policy, name=caseload.source, data=data, reading=reading)

    def with_caseload(self, caseload: Caseload) -> Session:
        """The same tracker with another caseload (marks recorded in memory); no cache kept."""
        return Session(caseload, policy=self.policy, name=self.name, inputs=self.inputs,
                       data=self.data, reading=self.reading, dates_kept=self.dates_kept,
                       reports_kept=self.reports_kept)

    @property
    def caseload(self) -> Caseload:
        """The tracker's tables and data issues (read on first use, then kept)."""
        return self.source.caseload

    @property
    def can_record(self) -> bool:
        """True if one tracker file (or upload) was read, which recording can copy."""
        return self.source.can_record

    def workers(self) -> list[str]:
        """The workers named in the tracker, sorted (no blank name)."""
        return self.source.workers()

    # --- the answers (Answers), the files it writes (Outputs), recording (Recorder) --
    def actions(self, as_of: date, *, workers: Sequence[str] | None = None) -> Actions:
        """Every follow-up action as of ``as_of``, evaluated once per date; with
        ``workers``, only those workers' clients' actions (the report's filter)."""
        return self.answers.actions(as_of, policy=self.policy, workers=workers)

    def report(self, as_of: date, *, workers: Sequence[str] | None = None,
               period_from: date | None = None, period_to: date | None = None,
               generated_at: datetime | None = None,
               template: LetterTemplate | None = None) -> Report:
        """The report for a date and worker filter (built once per key, then kept)."""
        key = ReportOptions(as_of, tuple(workers or ()), period_from, period_to,
                            generated_at, template)
        return self.answers.report(key, policy=self.policy)

    def summary_text(self, report: Report, *, output: Path | None = None) -> str:
        """:func:`summary_text` of ``report``, naming this session's tracker."""
        return summary_text(report, source=self.caseload.source, output=output)

    def cached(self) -> tuple[list[date], list[ReportOptions]]:
        """The dates and reports kept now (least recently used first)."""
        return self.answers.cached()

    def write_report(self, path: PathLike, *, as_of: date,
                     workers: Sequence[str] | None = None, include_contacts: bool = True,
                     period_from: date | None = None, period_to: date | None = None,
                     generated_at: datetime | None = None) -> Path:
        """Write the report workbook to ``path`` (never over an input); return the path."""
        return self.outputs.write_report(
            path, as_of=as_of, workers=workers, include_contacts=include_contacts,
            period_from=period_from, period_to=period_to, generated_at=generated_at)

    def report_bytes(self, *, as_of: date, workers: Sequence[str] | None = None,
                     include_contacts: bool = True) -> bytes:
        """The report workbook in memory (the dashboard's download)."""
        return self.outputs.report_bytes(as_of=as_of, workers=workers,
                                         include_contacts=include_contacts)

    def per_worker(self, *, as_of: date, workers: Sequence[str] | None = None,
                   period_from: date | None = None, period_to: date | None = None,
                   generated_at: datetime | None = None) -> Iterator[tuple[str, Report]]:
        """One report per worker (default every worker of the tracker), with its file name."""
        return self.outputs.per_worker(as_of=as_of, workers=workers, period_from=period_from,
                                       period_to=period_to, generated_at=generated_at)

    def split_by_worker(self, folder: PathLike, *, as_of: date,
                        workers: Sequence[str] | None = None, include_contacts: bool = True,
                        period_from: date | None = None, period_to: date | None = None,
                        generated_at: datetime | None = None) -> list[Path]:
        """Write one report per worker into ``folder``; return the paths."""
        return self.outputs.split_by_worker(
            folder, as_of=as_of, workers=workers, include_contacts=include_contacts,
            period_from=period_from, period_to=period_to, generated_at=generated_at)

    def per_worker_zip(self, *, as_of: date, workers: Sequence[str] | None = None,
                       include_contacts: bool = True) -> bytes:
        """The same reports as :meth:`split_by_worker`, zipped in memory."""
        return self.outputs.per_worker_zip(as_of=as_of, workers=workers,
                                           include_contacts=include_contacts)

    def drafts(self, *, as_of: date, workers: Sequence[str] | None = None,
               template: LetterTemplate | None = None) -> pd.DataFrame:
        """The thank-you drafts (one per open thank-you)."""
        return self.outputs.drafts(as_of=as_of, workers=workers, template=template)

    def write_letters(self, folder: PathLike, *, as_of: date,
                      workers: Sequence[str] | None = None,
                      template: LetterTemplate | None = None) -> list[Path]:
        """Write the drafts as ``.docx`` letters and ``index.csv`` into ``folder``."""
        return self.outputs.write_letters(folder, as_of=as_of, workers=workers,
                                          template=template)

    def calendar_bytes(self, *, as_of: date, stamp: datetime,
                       workers: Sequence[str] | None = None,
                       include_contacts: bool = False) -> bytes:
        """The To Do list as an iCalendar file."""
        return self.outputs.calendar_bytes(as_of=as_of, stamp=stamp, workers=workers,
                                           include_contacts=include_contacts)

    def write_calendar(self, path: PathLike, *, as_of: date, stamp: datetime,
                       workers: Sequence[str] | None = None,
                       include_contacts: bool = False) -> Path:
        """Write :meth:`calendar_bytes` to ``path`` (never over an input)."""
        return self.outputs.write_calendar(path, as_of=as_of, stamp=stamp, workers=workers,
                                           include_contacts=include_contacts)

    def record(self, report: PathLike, *, now: datetime, output: PathLike | None = None,
               replace: bool = False) -> RecordResult:
        """Write what ``report`` says into a copy of the tracker (refused if it exists)."""
        return self.recorder.record(report, now=now, policy=self.policy, output=output,
                                    replace=replace)

    def record_marks(self, marks: list[Filled], *, now: datetime, folder: PathLike,
                     origin: str = "dashboard", as_of: date | None = None) -> RecordResult:
        """Write ``marks`` into a copy of the tracker in ``folder`` (``as_of``: their date)."""
        return self.recorder.record_marks(marks, now=now, policy=self.policy, folder=folder,
                                          origin=origin, as_of=as_of)

    def with_marks(self, marks: list[Filled]) -> tuple[Session, Plan]:
        """A new session with ``marks`` recorded in memory (*Mark done*), and the plan."""
        caseload, plan = self.recorder.in_memory(marks)
        return self.with_caseload(caseload), plan


PRINTED_KINDS = 5  # kinds of data issue the command prints (the rest: the Data Issues sheet)


def summary_text(report: Report, *, source: str, output: Path | None = None) -> str:
    """A short plain-text summary: counts per action and status, issues, output."""
    counts = report.counts()
    width = max(len(str(a)) for a in counts.index) + 2
    lines = [f"Follow-up report for {source} as of {report.as_of}",
             f"{'':{width}}{'Overdue':>9}{'Due today':>11}{'Upcoming':>10}"]
    for action, row in counts.iterrows():
        if action in report.not_tracked:
            lines.append(f"{action:{width}}{'not tracked':>30}")
            continue
        lines.append(f"{action:{width}}{row[OVERDUE]:>9}{row[DUE_TODAY]:>11}"
                     f"{row[UPCOMING]:>10}")
    issues = report.issues
    errors = int((issues["Severity"] == "error").sum())
    lines.append(f"Data issues: {plural(errors, 'error')}, "
                 f"{plural(len(issues) - errors, 'warning')}"
                 + (" (see the Data Issues sheet)" if len(issues) else ""))
    lines.extend(f"  {line}" for line in group_lines(issues, most=PRINTED_KINDS))
    if output is not None:
        lines.append(f"Report written to {output}")
    return "\n".join(lines)
