"""What the dashboard shows, without any widget: the open tracker, the date, the workers.

:class:`DashboardState` is the dashboard's state and its rules; the widgets
(:mod:`followkit.dashboard.widgets`) only show it and pass the worker's clicks in.
Setting a choice to what it already is changes nothing, so the widgets'
callbacks can call these methods freely (no re-entrancy flags). Nothing here
reads the clock: today is given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from followkit.core.errors import FollowkitError
from followkit.core.policy import DEFAULT_POLICY, FollowUpPolicy
from followkit.dashboard.render import XLSX_MIME

if TYPE_CHECKING:
    from followkit.report.build import Report
    from followkit.session.session import Session

ZIP_MIME = "application/zip"


@dataclass
class DashboardState:
    """The open tracker (a :class:`~followkit.session.session.Session`), the as-of date, the
    workers chosen (empty: all) and the report they give."""

    today: date
    policy: FollowUpPolicy = DEFAULT_POLICY
    session: Session | None = None
    as_of: date | None = None
    workers: tuple[str, ...] = ()
    report: Report | None = None
    known: list[str] = field(default_factory=list)
    # True while the date on screen is the one the dashboard started with because of
    # the bundled sample: a worker's own tracker is then read as of today.
    sample_date: bool = False

    @property
    def day(self) -> date:
        """The date the lists are for (today until one is chosen); a tracker opened
        now reads its dates written without a year against it."""
        return self.as_of or self.today

    def open(self, session: Session) -> None:
        """A new tracker: every worker, the same date (a tracker that cannot be read
        raises here, before anything changes)."""
        self.known = session.workers()
        self.session, self.workers, self.report = session, (), None

    def replace(self, session: Session) -> None:
        """The same tracker with marks recorded in memory: keep the date and the workers."""
        self.session, self.report = session, None

    def close(self) -> None:
        """Nothing open (a file failed to open)."""
        self.session, self.report, self.known, self.workers = None, None, [], ()

    def choose_date(self, day: date | None) -> bool:
        """Set the as-of date; True if it changed."""
        changed = day != self.as_of
        self.as_of = day
        return changed

    def choose_workers(self, workers: Sequence[str]) -> bool:
        """Set the workers (empty: all); True if they changed. A name the tracker does
        not have is refused before anything changes."""
        chosen = tuple(workers)
        unknown = [name for name in chosen if name not in self.known]
        if unknown:
            raise FollowkitError(f"no worker called {', '.join(map(repr, unknown))} in this "
                                 f"tracker (its workers: {', '.join(self.known) or 'none'})")
        changed = chosen != self.workers
        self.workers = chosen
        return changed

    def compute(self) -> Report | None:
        """The report for the current choices (the session keeps it; nothing is re-read)."""
        if self.session is None or self.as_of is None:
            self.report = None
        else:
            self.report = self.session.report(self.as_of, workers=list(self.workers) or None)
        return self.report

    def export(self, *, per_worker: bool, include_contacts: bool) -> tuple[str, bytes, str]:
        """The report workbook (or one per worker, zipped): file name, bytes, MIME type."""
        assert self.session is not None and self.report is not None
        as_of = self.report.as_of
        if per_worker:
            data = self.session.per_worker_zip(as_of=as_of, workers=self.workers,
                                               include_contacts=include_contacts)
            return f"followkit-reports-by-worker-{as_of}.zip", data, ZIP_MIME
        from followkit.report.workbook import report_bytes

        data = report_bytes(self.report, include_contacts=include_contacts)
        return f"followkit-report-{as_of}.xlsx", data, XLSX_MIME


def sample_session(as_of: date, *, policy: FollowUpPolicy = DEFAULT_POLICY
                   ) -> tuple[Session, date | None]:
    """The bundled sample tracker and the date it is made for; where it is not at hand,
    a synthetic one made around ``as_of`` (and None: no date to move to)."""
    from followkit.datasets import BUNDLED_AS_OF, bundled_sample_path, make_sample, sample_bytes
    from followkit.session.session import Session

    path = bundled_sample_path()
    if path is not None:
        return Session.open(path, policy=policy), BUNDLED_AS_OF
    data = sample_bytes(make_sample(as_of=as_of))
    return Session.from_bytes("sample_tracker.xlsx", data, policy=policy), None
