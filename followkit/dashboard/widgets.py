"""The dashboard: the notebook outreach workers use (SPEC §6).

:class:`Dashboard` wires the parts together and holds the callbacks; the notebook
only creates one and displays it. The parts, one concern each:

- :class:`~followkit.dashboard.state.DashboardState`: what is shown (the open
  tracker's :class:`~followkit.session.session.Session`, the date, the workers, the
  report), no widget;
- :class:`~followkit.dashboard.layout.Controls` and :func:`~followkit.dashboard.layout.page`:
  the widgets above the tabs and the page's order;
- :class:`~followkit.dashboard.tabs.ListTabs`: the tabs, their sorting and the drafts;
- :class:`~followkit.dashboard.marks.RecordPanel` (Mark done, downloads) and
  :class:`~followkit.dashboard.columns.ReadingPanel` (reading options);
- :mod:`followkit.dashboard.render` (HTML from templates) and :mod:`followkit.report.charts` (PNG).

Nothing here reads the clock: the notebook passes today's date in. Every
callback runs through :meth:`Dashboard.guard`: an unexpected error is shown in
plain words (the traceback goes to the server's log), never swallowed; a
problem with the worker's file is shown as a one-line banner instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from followkit.core.errors import FollowkitError
from followkit.core.policy import DEFAULT_POLICY, FollowUpPolicy
from followkit.dashboard.layout import Controls, guarded, page
from followkit.dashboard.notices import date_moved_notice
from followkit.dashboard.render import (
    MAX_ROWS_SHOWN,
    XLSX_MIME,
    action_counts_html,
    counts_html,
    download_link,
    draft_html,
    table_html,
)
from followkit.dashboard.state import DashboardState, sample_session
from followkit.dashboard.tabs import PAGES, ListTabs, tab_names
from followkit.report.build import Report
from followkit.report.charts import CHART_COLOURS, chart_png, per_worker_counts
from followkit.session.session import Session

__all__ = ["CHART_COLOURS", "MAX_ROWS_SHOWN", "PAGES", "XLSX_MIME", "Dashboard",
           "action_counts_html", "chart_png", "counts_html", "download_link", "draft_html",
           "per_worker_counts", "table_html"]


def __getattr__(name: str) -> Any:
    """``TABS``: the tab names as they are now (read when asked, never frozen at import)."""
    if name == "TABS":
        return tab_names()
    raise AttributeError(f"module 'followkit.dashboard.widgets' has no attribute {name!r}")


def picked(value: str | None, current: tuple[str, ...]) -> tuple[str, ...]:
    """The workers the drop-down's ``value`` means: one, all (""), or for None (several
    chosen from code, which a drop-down cannot show) the ones chosen now."""
    return current if value is None else (value,) if value else ()


class WorkerFilter:
    """The workers chosen, for code: ``value`` (several at once) and ``options``.

    The worker picks one in the drop-down ("All workers" first); this sets the
    same state (:attr:`DashboardState.workers`), so there is one source of truth.
    """

    def __init__(self, board: Dashboard) -> None:
        self._board = board

    @property
    def options(self) -> list[str]:
        return self._board.state.known

    @property
    def value(self) -> tuple[str, ...]:
        return self._board.state.workers

    @value.setter
    def value(self, workers: Sequence[str]) -> None:
        self._board.guard(self._board.choose_workers)(tuple(workers))


class Dashboard:
    """Upload a tracker, pick the date and workers, read the lists, export the report.

    The widgets are reachable by name on the dashboard (``dashboard.upload``,
    ``dashboard.tables["To Do"]``, ...): they live in :attr:`controls` and
    :attr:`lists`.

    Parameters
    ----------
    today
        Today's date (the notebook reads the clock, not this module).
    input_path
        A tracker to open at start ('' for none).
    as_of
        The as-of date to start with, ``YYYY-MM-DD`` ('' for today).
    policy
        The follow-up policy.
    now
        The clock, for the recording log (SPEC §8); given by the notebook.
    """

    def __init__(self, *, today: date, input_path: str | Path = "", as_of: str | date = "",
                 policy: FollowUpPolicy = DEFAULT_POLICY,
                 now: Callable[[], datetime] | None = None) -> None:
        from followkit.dashboard.columns import ReadingPanel
        from followkit.dashboard.marks import RecordPanel

        self.state = DashboardState(today=today, policy=policy)
        self.now = now
        self.last_export: tuple[str, bytes] | None = None
        self.controls = Controls(today=today, order=policy.text_date_order)
        self.lists = ListTabs(self.guard, plans_of=self.state)  # named now, from the lists
        self.reading = ReadingPanel(self.guard(lambda: self._read_uploads(None), opens=True))
        self.record_panel = RecordPanel(self.guard, now, today=today, order=policy.text_date_order,
                                        on_marked=self._marked, report=lambda: self.state.report)
        pages = self.record_panel.extend_pages(self.lists.pages(), self.lists.tab_names)
        self.widget = page(self.controls, reading=self.reading.widget,
                           tabs=self.lists.tab_widget(pages), footer=self.record_panel.footer)
        self.workers = WorkerFilter(self)
        self._connect()
        start = as_of if isinstance(as_of, date) else (
            date.fromisoformat(as_of) if as_of else today)
        self.state.sample_date = start != today
        self.controls.as_of.value = start
        if input_path:
            self.guard(self.open_path, opens=True)(Path(input_path))

    def __getattr__(self, name: str) -> Any:
        """A widget by name, from :attr:`controls` or :attr:`lists`."""
        if name not in ("controls", "lists"):
            for part in (self.controls, self.lists):
                if hasattr(part, name):
                    return getattr(part, name)
        raise AttributeError(f"'Dashboard' object has no attribute {name!r}")

    def _connect(self) -> None:
        c = self.controls
        c.upload.observe(self.guard(self._on_upload, opens=True), names="value")
        c.sample_button.on_click(self.guard(lambda _: self.open_sample(), opens=True))
        c.as_of.observe(self.guard(self._on_date), names="value")
        c.worker_choice.observe(self.guard(
            lambda change: self.choose_workers(picked(change["new"], self.state.workers))),
            names="value")
        c.issues_button.on_click(lambda _: self.lists.select("Data Issues"))
        c.export_button.on_click(self.guard(lambda _: self.export()))
        c.fold_button.observe(self.guard(lambda _: c.draw_chart()), names="value")

    def _ipython_display_(self) -> None:  # pragma: no cover - needs a front end
        from IPython.display import display

        display(self.widget)

    @property
    def report(self) -> Report | None:  # the report on screen
        return self.state.report

    @property
    def today(self) -> date:
        return self.state.today

    @property
    def policy(self) -> FollowUpPolicy:
        return self.state.policy

    @property
    def loaded(self) -> Session | None:
        """The open tracker's session (None when nothing is open)."""
        return self.state.session

    def guard(self, fn: Callable[..., Any], *, opens: bool = False) -> Callable[..., Any]:
        """``fn`` as a callback (:func:`~followkit.dashboard.layout.guarded`): a file that fails
        to open (``opens``) clears the screen; other problems leave the lists and marks."""
        return guarded(fn, self.controls, on_problem=self._clear if opens else None)

    def _on_upload(self, change: dict[str, Any]) -> None:
        files = [(f["name"], bytes(f["content"])) for f in change["new"]]
        if len(files) == 1 and not self.reading.mapping and not self.reading.client.value:
            try:
                return self.open_bytes(*files[0])
            except FollowkitError:
                pass  # the reading panel says what is missing and lets the worker map it
        if files:
            self._read_uploads(files)

    def _read_uploads(self, files: list[tuple[str, bytes]] | None) -> None:
        """Read the uploads (or the last ones again) with the reading panel's choices."""
        session = self.reading.read(files, policy=self.state.policy,
                                    as_of=self.state.as_of or self.state.today)
        if session is not None:
            self._open(session)

    def open_bytes(self, name: str, data: bytes) -> None:
        """Open an uploaded tracker (its bytes stay in memory)."""
        if self.state.sample_date and self.state.session is not None:
            # The start date belonged to the bundled sample; a worker's own
            # tracker is read as of today unless they pick another date.
            self.state.sample_date = False
            self._move_date(self.state.today, why=f"{name} is read as of today, not as of "
                            "the sample tracker's date")
        self._open(Session.from_bytes(name, data, policy=self.state.policy, as_of=self.state.day))

    def open_path(self, path: Path) -> None:
        """Open a tracker file."""
        self._open(Session.open(path, policy=self.state.policy, as_of=self.state.day))

    def open_sample(self) -> None:
        """Open the bundled sample tracker (at its date), or a synthetic one if it is absent."""
        session, day = sample_session(self.state.as_of or self.state.today,
                                      policy=self.state.policy)
        if day is not None:
            self._move_date(day, why="the sample tracker is made for that date")
        self._open(session)

    def _open(self, session: Session) -> None:
        self.reading.opened(session)  # Check columns shows this file's columns
        self.state.open(session)  # every worker: the drop-down below agrees, no redraw
        self.record_panel.opened(session)
        self.controls.set_workers(self.state.known)
        self.controls.export_button.disabled = False
        self.controls.download.value = ""
        self.refresh()

    def _marked(self, session: Session) -> None:
        """Marks were recorded in memory: the same date and workers, recomputed."""
        self.state.replace(session)
        self.refresh()

    def _move_date(self, day: date, *, why: str) -> None:
        """Change the as-of date for the worker, and say so (never silently)."""
        old = self.state.as_of
        self.state.choose_date(day)  # first: the picker's callback then sees no change
        self.controls.as_of.value = day
        if old is not None and old != day and self.state.session is not None:
            self.controls.notice.value = date_moved_notice(old=old, new=day, why=why)

    def _on_date(self, change: dict[str, Any]) -> None:
        if self.state.choose_date(change["new"]):
            self.controls.notice.value = ""  # the worker chose this date
            self.refresh()

    def choose_workers(self, workers: Sequence[str]) -> None:
        """Show these workers' clients (empty: all workers)."""
        if not self.state.choose_workers(workers):
            return
        several = len(workers) > 1  # from code: no choice in the drop-down, so a pick works
        self.controls.worker_choice.value = None if several else (workers[0] if workers else "")
        self.refresh()

    def _clear(self) -> None:
        """Take everything from the last file off the screen (a new one failed to open)."""
        self.state.close()
        self.controls.clear()
        self.lists.clear()

    def refresh(self) -> None:
        """Show the report for the current date and workers (no file is re-read; the
        session computes the actions once per date and the report once per filter)."""
        report = self.state.compute()
        if report is None:
            return
        assert self.state.session is not None
        self.controls.download.value = ""
        # The counts before the status line: once the line names the date, they are its.
        self.controls.counts.value = counts_html(report)
        self.controls.action_counts.value = action_counts_html(report)
        self.controls.show_status(report, workers=self.state.workers, today=self.state.today,
                                  file_name=self.state.session.name)
        self.lists.show(report)  # only the tab on screen is drawn now
        self.record_panel.refresh()
        self.controls.show_chart(report)  # after the lists: they show first
        self.lists.show_drafts(report)

    def export(self) -> None:
        """Build the report workbook(s) and offer them as a download link."""
        if self.report is None:
            return
        name, data, mime = self.state.export(per_worker=self.controls.per_worker.value,
                                             include_contacts=not self.controls.no_contacts.value)
        self.last_export = (name, data)
        self.controls.download.value = download_link(name, data, mime)

