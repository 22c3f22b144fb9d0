"""The dashboard's controls and their places on the page (no callback, no state).

:class:`Controls` makes the widgets above the tabs: upload, sample, date,
worker, export, what is shown (status, notice, banner, counts) and the folded
per-action counts and chart. :func:`page` puts them in order: the work first
(controls and Export on one line), what is shown, then the lists.
"""

from __future__ import annotations

import base64
import functools
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from followkit.core.errors import FollowkitError
from followkit.dashboard.dates import DateBox
from followkit.dashboard.notices import issues_banner, problem_html, status_line
from followkit.dashboard.render import bug_html, render, style_html
from followkit.reading.issue_groups import group_lines
from followkit.report.charts import chart_png, per_worker_counts
from followkit.report.wording import chart_alt
from followkit.rules import steps

if TYPE_CHECKING:
    from followkit.report.build import Report

ACCEPT = ".xlsx,.xlsm,.xls,.ods,.csv"
ALL_WORKERS = ("All workers", "")
NO_FILE = "No file open. Upload your interview tracker, or use the sample."
FOLD_TITLE = "Counts by action, and the chart per worker"
START = "Upload your interview tracker, or use the sample tracker."
BANNER_KINDS = 3  # kinds of data issue the banner names (the rest: the Data Issues tab)


class Controls:
    """Every widget above the tabs, each with the class the browser tests find."""

    def __init__(self, *, today: date, order: str = "DMY") -> None:
        wide = {"style": {"description_width": "initial"}, "layout": w.Layout(width="auto")}
        self.upload = w.FileUpload(accept=ACCEPT, multiple=True, description="Upload your tracker",
                                   icon="upload", layout=w.Layout(width="180px"))
        self.sample_button = w.Button(description="Use the sample tracker", icon="table",
                                      layout=w.Layout(width="auto"))
        self.as_of = DateBox("As of", order=order, near=today, width="170px")
        self.worker_choice = w.Dropdown(description="Worker", options=[ALL_WORKERS], value="",
                                        layout=w.Layout(width="210px"),
                                        style={"description_width": "initial"})
        self.export_button = w.Button(description="Export report", icon="download",
                                      button_style="primary", disabled=True)
        self.per_worker = w.Checkbox(description="One file per worker", value=False,
                                     indent=False, **wide)
        self.no_contacts = w.Checkbox(description="Leave out emails and phones",
                                      value=False, indent=False, **wide)
        self.notice, self.status, self.banner = w.HTML(), w.HTML(START), w.HTML()
        self.issues_button = w.Button(description="Show data issues", icon="warning",
                                      layout=w.Layout(display="none"))
        self.counts, self.action_counts, self.download = w.HTML(), w.HTML(), w.HTML()
        self.chart = w.HTML()
        self.log = w.Output()
        self.chart_due: Report | None = None  # the report whose chart is not drawn yet
        # The chart is drawn when the fold is open (matplotlib takes ~0.15 s; a
        # worker marking actions done should not wait for a picture they can't see).
        # A toggle button, not an Accordion: a button opens from the keyboard and its
        # state is read out (aria-pressed); the fold is shown below it when pressed.
        self.fold_button = w.ToggleButton(description=FOLD_TITLE, value=False,
                                          icon="chevron-right", layout=w.Layout(width="auto"))
        self.folded = w.VBox([self.action_counts, self.chart],
                             layout=w.Layout(display="none"))
        self.fold_button.observe(lambda change: self._fold(bool(change["new"])), names="value")
        for widget, cls in ((self.upload, "fk-upload"), (self.as_of, "fk-as-of"),
                            (self.worker_choice, "fk-workers"), (self.counts, "fk-counts"),
                            (self.export_button, "fk-export"), (self.download, "fk-download"),
                            (self.banner, "fk-banner-box"), (self.status, "fk-status"),
                            (self.chart, "fk-chart"), (self.notice, "fk-notice-box"),
                            (self.folded, "fk-folded"), (self.fold_button, "fk-fold")):
            widget.add_class(cls)

    def _fold(self, open_: bool) -> None:
        self.folded.layout.display = None if open_ else "none"
        self.fold_button.icon = "chevron-down" if open_ else "chevron-right"

    def set_workers(self, known: list[str]) -> None:
        """Offer "All workers" and each worker of the tracker; All workers chosen."""
        self.worker_choice.options = [ALL_WORKERS, *((k, k) for k in known)]
        self.worker_choice.value = ""

    def show_status(self, report: Report, *, workers: Sequence[str], today: date,
                    file_name: str) -> None:
        """The status line (who, as of when, which file) and the data-issues banner."""
        self.status.value = status_line(
            workers=list(workers), as_of=report.as_of, today=today,
            issues=len(report.issues), file_name=file_name,
            rows=int(dict(report.info)["Interview rows"]),
            not_tracked=tuple(steps.find(label).sheet.lower() for label in report.not_tracked))
        errors = int((report.issues["Severity"] == "error").sum())
        self.banner.value = issues_banner(
            errors, len(report.issues) - errors,
            group_lines(report.issues, most=BANNER_KINDS)) if len(report.issues) else ""
        self.issues_button.layout.display = None if len(report.issues) else "none"

    def show_chart(self, report: Report) -> None:
        """A new report: the chart's text alternative now, its picture if the fold is open."""
        self.chart_due = report
        self.draw_chart()

    def draw_chart(self) -> None:
        """Draw the chart per worker if its fold is open and it is out of date."""
        if self.chart_due is None or not self.fold_button.value:
            return
        report, self.chart_due = self.chart_due, None
        self.chart.value = render("chart.html.j2", alt=chart_alt(per_worker_counts(report)),
                                  encoded=base64.b64encode(chart_png(report)).decode("ascii"))

    def clear(self) -> None:
        """Take everything from the last file off the screen."""
        self.chart_due = None
        self.export_button.disabled = True
        self.notice.value = self.download.value = self.counts.value = ""
        self.action_counts.value = ""
        self.chart.value = ""
        self.issues_button.layout.display = "none"
        self.status.value = NO_FILE


def page(controls: Controls, *, reading: w.Widget, tabs: w.Widget,
         footer: w.Widget) -> w.VBox:
    """The whole dashboard, top to bottom."""
    c = controls
    row = w.Layout(flex_flow="row wrap", align_items="center")
    app = w.VBox([
        w.HTML(style_html()),
        w.HBox([c.upload, c.sample_button, c.as_of, c.worker_choice, c.export_button,
                c.per_worker, c.no_contacts], layout=row),
        reading,
        c.download,
        w.HBox([c.status, c.issues_button], layout=row),
        c.notice,
        c.banner,
        c.counts,
        c.fold_button,
        c.folded,
        tabs,
        footer,
        c.log,
    ])
    app.add_class("fk-app")
    return app


def guarded(fn: Callable[..., Any], controls: Controls, *,
            on_problem: Callable[[], None] | None) -> Callable[..., None]:
    """Run callback ``fn`` inside the log Output; a problem becomes a plain-words banner.

    A FollowkitError is about the worker's file and says so. With ``on_problem``
    (a file that failed to open) it is called first and clears the screen; without,
    the screen stays as it was. Anything else is a bug: the page says so in plain
    words, and the traceback goes to the server's log (the kernel's real stderr).
    """

    @functools.wraps(fn)
    def run(*args: Any) -> None:
        with controls.log:
            try:
                fn(*args)
            except FollowkitError as e:
                if on_problem is not None:
                    on_problem()
                controls.banner.value = problem_html(str(e), opening=on_problem is not None)
            except Exception as e:
                traceback.print_exc(file=sys.__stderr__)
                controls.banner.value = bug_html(type(e).__name__)

    return run
