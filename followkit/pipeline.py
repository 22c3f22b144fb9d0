"""The whole chain in one call, kept for existing callers: a thin layer over the session.

New code asks a :class:`followkit.session.session.Session` directly; :func:`run_report`
opens one, asks it for the report (and the workbook) and returns both.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from followkit.core.policy import DEFAULT_POLICY, FollowUpPolicy
from followkit.reading.load import Caseload
from followkit.report.build import Report
from followkit.rules.engine import Actions
from followkit.session.session import Session, summary_text


@dataclass
class ReportRun:
    """A computed report, the session it came from and where it was written."""

    session: Session
    report: Report
    output: Path | None = None
    generated_at: datetime | None = None
    include_contacts: bool = True

    @property
    def input(self) -> Path:
        return self.session.inputs[0]

    @property
    def caseload(self) -> Caseload:
        return self.session.caseload

    @property
    def actions(self) -> Actions:
        return self.session.actions(self.report.as_of)

    @property
    def policy(self) -> FollowUpPolicy:
        return self.session.policy

    def summary_text(self) -> str:
        """A short plain-text summary: counts per action and status, issues, output."""
        return summary_text(self.report, source=self.caseload.source, output=self.output)

    def split_by_worker(self, folder: str | os.PathLike[str]) -> list[Path]:
        """Write one report per worker into ``folder``; return the paths."""
        start, end = self.report.supervisor_period or (None, None)
        return self.session.split_by_worker(
            folder, as_of=self.report.as_of, include_contacts=self.include_contacts,
            period_from=start, period_to=end, generated_at=self.generated_at)


def run_report(
    input_path: str | os.PathLike[str] | list[Path],
    *,
    as_of: date,
    policy: FollowUpPolicy = DEFAULT_POLICY,
    workers: list[str] | None = None,
    output: str | os.PathLike[str] | None = None,
    generated_at: datetime | None = None,
    include_contacts: bool = True,
    period_from: date | None = None,
    period_to: date | None = None,
    client: str | None = None,
    columns: Mapping[str, str] | None = None,
    statuses: Mapping[str, str] | None = None,
) -> ReportRun:
    """Load, evaluate, build the report and (if ``output``) write the workbook.

    ``period_from``/``period_to``: the Supervisor sheet's period (SPEC §9).
    ``input_path`` may be a list of files and folders read as one caseload;
    ``client`` and ``columns`` are passed to the loader (SPEC §2.1).
    """
    session = Session.open(input_path, policy=policy, client=client, columns=columns,
                           statuses=statuses, as_of=as_of)
    report = session.report(as_of, workers=workers, period_from=period_from,
                            period_to=period_to, generated_at=generated_at)
    written = None
    if output is not None:
        written = session.write_report(output, as_of=as_of, workers=workers,
                                       include_contacts=include_contacts,
                                       period_from=period_from, period_to=period_to,
                                       generated_at=generated_at)
    return ReportRun(session, report, written, generated_at, include_contacts)
