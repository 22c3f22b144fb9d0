"""The whole pipeline in one call: file in, report (and workbook) out.

Used by the CLI, the notebooks and the dashboard, so they all compute the
same figures from the same steps.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from followkit import rules as r
from followkit import schema as s
from followkit.load import Caseload
from followkit.policy import DEFAULT_POLICY, FollowUpPolicy
from followkit.reports import Report, build_report
from followkit.rules import Actions
from followkit.wording import plural


@dataclass
class ReportRun:
    """A computed report and what it was computed from."""

    input: Path
    caseload: Caseload
    actions: Actions
    report: Report
    policy: FollowUpPolicy
    output: Path | None = None
    generated_at: datetime | None = None
    include_contacts: bool = True

    def summary_text(self) -> str:
        """A short plain-text summary: counts per action and status, issues, output."""
        counts = self.report.counts()
        width = max(len(a) for a in r.ACTIONS) + 2
        lines = [f"Follow-up report for {self.caseload.source} as of {self.report.as_of}",
                 f"{'':{width}}{'Overdue':>9}{'Due today':>11}{'Upcoming':>10}"]
        for action, row in counts.iterrows():
            if action == r.KEEP_HUNTING and self.report.not_tracked:
                lines.append(f"{action:{width}}{'not tracked':>30}")
                continue
            lines.append(f"{action:{width}}{row[r.OVERDUE]:>9}{row[r.DUE_TODAY]:>11}"
                         f"{row[r.UPCOMING]:>10}")
        issues = self.report.issues
        errors = int((issues["Severity"] == "error").sum())
        lines.append(f"Data issues: {plural(errors, 'error')}, "
                     f"{plural(len(issues) - errors, 'warning')}"
                     + (" (see the Data Issues sheet)" if len(issues) else ""))
        if self.output is not None:
            lines.append(f"Report written to {self.output}")
        return "\n".join(lines)

    def split_by_worker(self, folder: str | os.PathLike[str]) -> list[Path]:
        """Write one report per worker into ``folder``; return the paths."""
        from followkit.export import write_report
        from followkit.io import safe_file_part

        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        paths = []
        start, end = self.report.supervisor_period or (None, None)
        for worker in sorted(self.caseload.interviews[s.WORKER].unique()):
            report = build_report(self.caseload, self.actions, as_of=self.report.as_of,
                                  policy=self.policy, workers=[worker],
                                  generated_at=self.generated_at,
                                  period_from=start, period_to=end)
            name = f"followkit-report-{self.report.as_of}-{safe_file_part(worker)}.xlsx"
            paths.append(write_report(report, out / name, protect=(self.input,),
                                      include_contacts=self.include_contacts))
        return paths


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
    from followkit.export import write_report
    from followkit.load import load_caseloads
    from followkit.rules import evaluate

    inputs = [Path(p) for p in input_path] if isinstance(input_path, list | tuple) else [
        Path(input_path)]
    path = inputs[0]
    caseload = load_caseloads(inputs, policy=policy, client=client, columns=columns,
                              as_of=as_of, statuses=statuses)
    actions = evaluate(caseload, as_of=as_of, policy=policy)
    report = build_report(caseload, actions, as_of=as_of, policy=policy, workers=workers,
                          generated_at=generated_at, period_from=period_from,
                          period_to=period_to)
    written = None
    if output is not None:
        written = write_report(report, output, protect=tuple(inputs),
                               include_contacts=include_contacts)
    return ReportRun(path, caseload, actions, report, policy, written, generated_at,
                     include_contacts)
