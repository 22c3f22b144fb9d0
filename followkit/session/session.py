"""One tracker, read once, and every answer followkit gives about it.

:class:`Session` is followkit's public API and the one place where the chain
load → :func:`rules.evaluate <followkit.rules.engine.evaluate>` →
:func:`~followkit.report.build.build_report` is written out. The command line, the
dashboard and the notebooks all ask a session; none builds the chain itself::

    session = Session.open("tracker.xlsx")
    report = session.report(date(2026, 11, 20), workers=["Priya Sharma"])
    session.write_report("report.xlsx", as_of=date(2026, 11, 20))

The tracker is read the first time something is asked (so ``followkit record``,
which reads the tracker itself, never reads it twice), then kept. The actions
are evaluated once per as-of date and the reports built once per date and
worker filter; both caches are bounded (least recently used first out). Every
question takes an explicit ``as_of``: nothing here reads the clock.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import numpy as np
import pandas as pd

from followkit.core import schema as s
from followkit.core.policy import DEFAULT_POLICY, FollowUpPolicy
from followkit.reading.issue_groups import group_lines
from followkit.rules import engine as rules
from followkit.rules import steps
from followkit.session.outputs import SessionOutputs, SessionRecording, worker_file_name

if TYPE_CHECKING:
    from followkit.core.io import RawWorkbook
    from followkit.reading.load import Caseload
    from followkit.recording.record import CaseloadIndex
    from followkit.report.build import Report
    from followkit.report.letters import LetterTemplate
    from followkit.rules.engine import Actions

PathLike = str | os.PathLike[str]
__all__ = ["DATES_KEPT", "REPORTS_KEPT", "Lru", "Reading", "ReportOptions", "Session",
           "summary_text", "worker_file_name"]
DATES_KEPT = 8  # as-of dates whose actions are kept
REPORTS_KEPT = 16  # (date, worker filter, period) reports kept
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Lru(Generic[K, V]):
    """A small least-recently-used cache: ``get(key, make)`` computes each key once."""

    def __init__(self, size: int) -> None:
        self.size = max(1, size)
        self._items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K, make: Callable[[], V]) -> V:
        """The value of ``key``, made (and kept) if it is not kept yet."""
        if key in self._items:
            self._items.move_to_end(key)
            return self._items[key]
        value = make()
        self._items[key] = value
        while len(self._items) > self.size:
            self._items.popitem(last=False)
        return value

    def keys(self) -> list[K]:
        """The keys kept, least recently used first."""
        return list(self._items)

    def clear(self) -> None:
        """Forget every value."""
        self._items.clear()


@dataclass(frozen=True)
class Reading:
    """How the trackers are read (SPEC §2.1): ``--client``, ``--columns``, status words."""

    client: str | None = None
    columns: Mapping[str, str] | None = None
    statuses: Mapping[str, str] | None = None

    def options(self) -> dict[str, Any]:
        """As keyword arguments of the loaders and of :func:`followkit.recording.record.record`."""
        return {"client": self.client, "columns": self.columns, "statuses": self.statuses}


@dataclass(frozen=True)
class ReportOptions:
    """What a report depends on besides the tracker and the policy (its cache key)."""

    as_of: date
    workers: tuple[str, ...] = ()
    period_from: date | None = None
    period_to: date | None = None
    generated_at: datetime | None = None
    template: LetterTemplate | None = None


@dataclass(eq=False)
class Session(SessionOutputs, SessionRecording):
    """A tracker (one file, several, or uploaded bytes) and the answers about it.

    Build one with :meth:`open` (paths) or :meth:`from_bytes` / :meth:`from_uploads`
    (the dashboard's uploads), or directly from a loaded
    :class:`~followkit.reading.load.Caseload`.

    Parameters
    ----------
    load
        The caseload, or a function reading it (called once, when first needed).
    policy
        The follow-up policy every answer uses.
    name
        The file name shown to the worker.
    inputs
        The files read (protected from being written over), if read from paths.
    data
        The bytes of the one uploaded tracker, if it came as bytes.
    reading
        How the tracker was read (recording reads it the same way).
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
        self._caseload: Caseload | None = None if callable(self.load) else self.load
        self._actions: Lru[date, Actions] = Lru(self.dates_kept)
        self._reports: Lru[ReportOptions, Report] = Lru(self.reports_kept)
        self._filtered: Lru[tuple[date, tuple[str, ...]], Actions] = Lru(self.reports_kept)
        self._index: CaseloadIndex | None = None
        self._made_under: tuple[int, FollowUpPolicy] = (steps.version(), self.policy)

    def _fresh(self) -> None:
        """Forget what was computed under another step registry or another policy
        (a step registered since, or ``session.policy`` replaced): never a stale figure."""
        now = (steps.version(), self.policy)
        if now != self._made_under:
            for cache in (self._actions, self._reports, self._filtered):
                cache.clear()
            self._made_under = now

    # --- opening -------------------------------------------------------------------

    @classmethod
    def open(cls, paths: PathLike | Sequence[PathLike], *,
             policy: FollowUpPolicy = DEFAULT_POLICY, client: str | None = None,
             columns: Mapping[str, str] | None = None,
             statuses: Mapping[str, str] | None = None, as_of: date | None = None) -> Session:
        """A session on tracker files or folders, read as one caseload when first needed.

        ``as_of`` only gives a year to dates written without one.
        """
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
        """A session on one uploaded tracker (its file name and bytes), read at once
        (dates written without a year take the year that puts them nearest ``as_of``)."""
        from followkit.reading.load import load_caseload_bytes

        return cls(load_caseload_bytes(name, data, policy=policy, as_of=as_of), policy=policy,
                   name=name, data=data)

    @classmethod
    def from_uploads(cls, files: Sequence[tuple[str, bytes]], *,
                     policy: FollowUpPolicy = DEFAULT_POLICY, reading: Reading = Reading(),
                     as_of: date | None = None) -> Session:
        """A session on several uploaded files read as one caseload, at once."""
        from followkit.core.io import read_workbook_bytes

        return cls.from_workbooks([read_workbook_bytes(n, d) for n, d in files],
                                  policy=policy, reading=reading, as_of=as_of,
                                  data=files[0][1] if len(files) == 1 else None)

    @classmethod
    def from_workbooks(cls, workbooks: Sequence[RawWorkbook], *,
                       policy: FollowUpPolicy = DEFAULT_POLICY, reading: Reading = Reading(),
                       as_of: date | None = None, data: bytes | None = None) -> Session:
        """A session on workbooks already read (``data``: the one upload's bytes, if one)."""
        from followkit.reading.load import caseload_from_workbooks

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
        if self._caseload is None:
            assert callable(self.load)
            self._caseload = self.load()
        return self._caseload

    def workers(self) -> list[str]:
        """The workers named in the tracker, sorted (no blank name)."""
        return sorted(w for w in self.caseload.interviews[s.WORKER].unique() if w)

    # --- the answers ---------------------------------------------------------------

    def actions(self, as_of: date, *, workers: Sequence[str] | None = None) -> Actions:
        """Every follow-up action as of ``as_of`` (:func:`followkit.rules.engine.evaluate`).

        Evaluated once per date (kept for the last :data:`DATES_KEPT` dates); with
        ``workers``, only those workers' clients' actions (the report's filter).
        """
        self._fresh()
        everyone = self._actions.get(as_of, lambda: rules.evaluate(
            self.caseload, as_of=as_of, policy=self.policy))
        if not workers:
            return everyone
        return self._filtered.get((as_of, tuple(workers)),
                                  lambda: everyone.where(self._kept(workers)[everyone.data.iv]))

    def _kept(self, workers: Sequence[str]) -> np.ndarray:
        """True for the interviews of ``workers`` (as the report's worker filter keeps them)."""
        from followkit.report.build import select_workers

        keys = self.caseload.keys
        chosen = select_workers(self.caseload, list(workers))
        return np.isin(keys.worker, keys.workers.get_indexer(pd.Index(chosen)))

    def report(self, as_of: date, *, workers: Sequence[str] | None = None,
               period_from: date | None = None, period_to: date | None = None,
               generated_at: datetime | None = None,
               template: LetterTemplate | None = None) -> Report:
        """The report (:func:`followkit.report.build.build_report`) for a date and worker filter.

        Built once per date, worker filter, period, stamp and letter template (the last
        :data:`REPORTS_KEPT` kept); a new worker filter never evaluates the rules again.
        """
        key = ReportOptions(as_of, tuple(workers or ()), period_from, period_to,
                            generated_at, template)
        self._fresh()
        return self._reports.get(key, lambda: self._build(key))

    def _build(self, key: ReportOptions) -> Report:
        from followkit.report import build as reports

        extra = {"template": key.template} if key.template is not None else {}
        return reports.build_report(
            self.caseload, self.actions(key.as_of), as_of=key.as_of, policy=self.policy,
            workers=list(key.workers) or None, generated_at=key.generated_at,
            period_from=key.period_from, period_to=key.period_to, **extra)

    def summary_text(self, report: Report, *, output: Path | None = None) -> str:
        """:func:`summary_text` of ``report``, naming this session's tracker."""
        return summary_text(report, source=self.caseload.source, output=output)

    def cached(self) -> tuple[list[date], list[ReportOptions]]:
        """The dates and reports kept now (least recently used first)."""
        return self._actions.keys(), self._reports.keys()


PRINTED_KINDS = 5  # kinds of data issue the command prints (the rest: the Data Issues sheet)


def summary_text(report: Report, *, source: str, output: Path | None = None) -> str:
    """A short plain-text summary: counts per action and status, issues, output."""
    from followkit.report.wording import plural

    counts = report.counts()
    width = max(len(str(a)) for a in counts.index) + 2
    lines = [f"Follow-up report for {source} as of {report.as_of}",
             f"{'':{width}}{'Overdue':>9}{'Due today':>11}{'Upcoming':>10}"]
    for action, row in counts.iterrows():
        if action in report.not_tracked:
            lines.append(f"{action:{width}}{'not tracked':>30}")
            continue
        lines.append(f"{action:{width}}{row[rules.OVERDUE]:>9}{row[rules.DUE_TODAY]:>11}"
                     f"{row[rules.UPCOMING]:>10}")
    issues = report.issues
    errors = int((issues["Severity"] == "error").sum())
    lines.append(f"Data issues: {plural(errors, 'error')}, "
                 f"{plural(len(issues) - errors, 'warning')}"
                 + (" (see the Data Issues sheet)" if len(issues) else ""))
    lines.extend(f"  {line}" for line in group_lines(issues, most=PRINTED_KINDS))
    if output is not None:
        lines.append(f"Report written to {output}")
    return "\n".join(lines)
