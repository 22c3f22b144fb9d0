"""The dashboard: the notebook outreach workers use (SPEC §6).

:class:`Dashboard` builds every widget and wires the callbacks; the notebook
only creates one and displays it. Nothing here reads the clock: the notebook
passes today's date in. Every callback runs inside an Output widget, so an
unexpected error is shown, never swallowed; a problem with the worker's file
is shown as a one-line banner instead.
"""

from __future__ import annotations

import base64
import functools
import html
import io
import sys
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import ipywidgets as w
import pandas as pd
from matplotlib.figure import Figure  # imported with the dashboard, not at first upload

from followkit import rules as r
from followkit import schema as s
from followkit.errors import FollowkitError
from followkit.load import Caseload, load_caseload, load_caseload_bytes
from followkit.policy import DEFAULT_POLICY, FollowUpPolicy
from followkit.reports import (
    DRAFT_EMAIL,
    TEXT_COLUMNS,
    Report,
    build_report,
    dashboard_tabs,
    list_names,
)
from followkit.steps import tab_title
from followkit.wording import (
    chart_alt,
    date_moved_notice,
    issues_banner,
    problem_html,
    status_line,
)

PAGES = ("Supervisor",)  # tabs that are a page of tables and charts, not one sortable list
MAX_ROWS_SHOWN = 500
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ACCEPT = ".xlsx,.xlsm,.xls,.ods,.csv"
_STATUS_CLASS = {r.OVERDUE: "fk-overdue", r.DUE_TODAY: "fk-today", r.UPCOMING: "fk-upcoming",
                 "error": "fk-overdue", "warning": "fk-today"}
# Okabe & Ito's colour-blind-safe colours: vermillion, yellow, sky blue (docs/dashboard-ux.md).
CHART_COLOURS = {r.OVERDUE: "#D55E00", r.DUE_TODAY: "#F0E442", r.UPCOMING: "#56B4E9"}


def _stylesheet() -> str:
    """The dashboard's stylesheet (followkit/static/dashboard.css, shipped in the wheel)."""
    from importlib.resources import files

    return files("followkit").joinpath("static", "dashboard.css").read_text(encoding="utf-8")


CSS = f"<style>{_stylesheet()}</style>"


@dataclass
class _Loaded:
    caseload: Caseload
    name: str
    actions: dict[date, r.Actions]


class Dashboard:
    """Upload a tracker, pick the date and workers, read the lists, export the report.

    Parameters
    ----------
    today
        Today's date (the notebook reads the clock, not this module).
    input_path
        A tracker to open at start ('' for none).
    as_of
        The as-of date to start with, ``YYYY-MM-DD`` ('' for today).
    """

    def __init__(self, *, today: date, input_path: str | Path = "", as_of: str | date = "",
                 policy: FollowUpPolicy = DEFAULT_POLICY,
                 now: Callable[[], datetime] | None = None) -> None:
        self.today = today
        self.now = now  # the clock, for the recording log (SPEC §8); given by the notebook
        self.policy = policy
        self.loaded: _Loaded | None = None
        self.report: Report | None = None
        self._build()
        start = as_of if isinstance(as_of, date) else (
            date.fromisoformat(as_of) if as_of else today)
        self._start_as_of_is_default = start == today
        self.as_of.value = start
        if input_path:
            self._guard(self.open_path)(Path(input_path))

    # --- layout ----------------------------------------------------------------

    def _build(self) -> None:
        from followkit.widgets_columns import ReadingPanel

        self.reading = ReadingPanel(self._guard(lambda: self._read_uploads(None)))
        self.upload = w.FileUpload(accept=ACCEPT, multiple=True,
                                   description="Upload tracker", icon="upload",
                                   layout=w.Layout(width="180px"))
        self.sample_button = w.Button(description="Use the sample tracker", icon="table",
                                      layout=w.Layout(width="auto"))
        self.as_of = w.DatePicker(description="As of", layout=w.Layout(width="190px"),
                                  style={"description_width": "initial"})
        # The chosen workers (empty: all). The worker picks in a drop-down that
        # starts on "All workers"; several workers can be set from code.
        self.workers = w.SelectMultiple(options=[], rows=4, description="Workers")
        self.worker_choice = w.Dropdown(description="Worker", options=[("All workers", "")],
                                        value="", layout=w.Layout(width="210px"),
                                        style={"description_width": "initial"})
        self.notice = w.HTML()
        self.status = w.HTML("Upload your interview tracker, or use the sample tracker.")
        self.banner = w.HTML()
        self.issues_button = w.Button(description="Show data issues", icon="warning",
                                      layout=w.Layout(display="none"))
        self.counts = w.HTML()
        self.chart = w.Image(format="png", layout=w.Layout(max_width="640px"))
        self.action_counts = w.HTML()
        self.sort_by: dict[str, w.Dropdown] = {}
        self.descending: dict[str, w.Checkbox] = {}
        self.tables: dict[str, w.HTML] = {}
        self.tab_names = dashboard_tabs()  # from the step registry, as it is now
        pages = []
        for name in self.tab_names:
            self.sort_by[name] = w.Dropdown(description="Sort by", options=[])
            self.descending[name] = w.Checkbox(description="Descending", value=False)
            self.tables[name] = w.HTML()
            self.tables[name].add_class(f"fk-list-{name.lower().replace(' ', '-')}")
            sort = w.HBox([self.sort_by[name], self.descending[name]],
                          layout=w.Layout(display="none" if name in PAGES else None))
            pages.append(w.VBox([sort, self.tables[name]]))
        self.draft_choice = w.Dropdown(description="Draft for", options=[],
                                       layout=w.Layout(width="640px"))
        self.draft = w.HTML()
        self.draft_choice.add_class("fk-draft-choice")
        self.draft.add_class("fk-draft")
        thanks = self.tab_names.index("Thank-Yous")
        pages[thanks] = w.VBox([*pages[thanks].children, self.draft_choice, self.draft])
        from followkit.widgets_record import RecordPanel  # SPEC §8: mark done, download

        self.record_panel = RecordPanel(self, self.now)
        pages = self.record_panel.extend_pages(pages, self.tab_names)
        self.tabs = w.Tab(children=pages, titles=[tab_title(n) for n in self.tab_names],
                          selected_index=0)
        self._stale: set[str] = set()
        self._updating = False
        self._opening = False
        self.tabs.observe(self._guard(self._on_tab), names="selected_index")
        self.export_button = w.Button(description="Export report", icon="download",
                                      button_style="primary", disabled=True)
        wide = {"style": {"description_width": "initial"}, "layout": w.Layout(width="auto")}
        self.per_worker = w.Checkbox(description="One file per worker", value=False,
                                     indent=False, **wide)
        self.no_contacts = w.Checkbox(description="Leave out emails and phones",
                                      value=False, indent=False, **wide)
        self.download = w.HTML()
        self.log = w.Output()

        for widget, cls in ((self.upload, "fk-upload"), (self.as_of, "fk-as-of"),
                            (self.worker_choice, "fk-workers"), (self.counts, "fk-counts"),
                            (self.export_button, "fk-export"), (self.download, "fk-download"),
                            (self.banner, "fk-banner-box"), (self.status, "fk-status"),
                            (self.chart, "fk-chart"), (self.tabs, "fk-tabs"),
                            (self.notice, "fk-notice-box")):
            widget.add_class(cls)
        self.upload.observe(self._guard(self._on_upload), names="value")
        self.sample_button.on_click(self._guard(lambda _: self.open_sample()))
        self._moving_date = False  # a date change made by followkit, not the worker
        self.as_of.observe(self._guard(self._on_date), names="value")
        self.worker_choice.observe(self._guard(self._on_worker_choice), names="value")
        self.workers.observe(self._guard(self._on_workers), names="value")
        self.issues_button.on_click(lambda _: setattr(self.tabs, "selected_index",
                                                      self.tab_names.index("Data Issues")))
        self.widget = self._layout()
        self.export_button.on_click(self._guard(lambda _: self.export()))
        self.draft_choice.observe(self._guard(lambda _: self._show_draft()), names="value")
        for name in self.tab_names:
            update = self._guard(functools.partial(self._render_tab, name))
            self.sort_by[name].observe(lambda _, u=update: u(), names="value")
            self.descending[name].observe(lambda _, u=update: u(), names="value")


    def _layout(self) -> w.VBox:
        """The work first: controls and Export on one line, what is shown, then the lists.

        The per-action counts and the chart are folded under the headline counts.
        """
        row = w.Layout(flex_flow="row wrap", align_items="center")
        folded = w.Accordion(children=[w.VBox([self.action_counts, self.chart])],
                             titles=("Counts by action, and the chart per worker",),
                             selected_index=None)
        folded.add_class("fk-folded")
        # The chart is drawn when the fold is open (matplotlib takes ~0.15 s; a
        # worker marking actions done should not wait for a picture they can't see).
        self.folded = folded
        self._chart_stale = True
        folded.observe(self._guard(lambda _: self._draw_chart()), names="selected_index")
        app = w.VBox([
            w.HTML(CSS),
            w.HBox([self.upload, self.sample_button, self.as_of, self.worker_choice,
                    self.export_button, self.per_worker, self.no_contacts], layout=row),
            self.reading.widget,
            self.download,
            w.HBox([self.status, self.issues_button], layout=row),
            self.notice,
            self.banner,
            self.counts,
            folded,
            self.tabs,
            self.record_panel.footer,
            self.log,
        ])
        app.add_class("fk-app")
        return app

    def _ipython_display_(self) -> None:  # pragma: no cover - needs a front end
        from IPython.display import display

        display(self.widget)

    def _guard(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        """Run a callback; a problem becomes a plain-words banner, never a traceback.

        A FollowkitError is about the worker's file and says so. Anything else is
        a bug: the page says so in plain words, and the traceback goes to the
        server's log (the kernel's real stderr), not to the page.
        """

        @functools.wraps(fn)
        def run(*args: Any) -> None:
            with self.log:
                try:
                    fn(*args)
                except FollowkitError as e:
                    self._clear()
                    self.banner.value = problem_html(str(e))
                except Exception as e:
                    traceback.print_exc(file=sys.__stderr__)
                    self.banner.value = (
                        '<div class="fk-error">Something went wrong inside followkit '
                        f"({html.escape(type(e).__name__)}). Your file was not changed. "
                        "Try again; if it happens again, tell whoever looks after "
                        "followkit (the details are in the window where the dashboard "
                        "was started).</div>")

        return run

    # --- loading -----------------------------------------------------------------

    def _on_upload(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        if len(files) == 1 and not self.reading.mapping and not self.reading.client.value:
            upload = files[0]
            try:
                self.open_bytes(upload["name"], bytes(upload["content"]))
                return
            except FollowkitError:
                pass  # the reading panel says what is missing and lets the worker map it
        self._read_uploads([(f["name"], bytes(f["content"])) for f in files])

    def _read_uploads(self, files: list[tuple[str, bytes]] | None) -> None:
        """Read the uploads (or the last ones again) with the reading panel's choices."""
        caseload = self.reading.read(files, policy=self.policy,
                                     as_of=self.as_of.value or self.today)
        if caseload is not None:
            self._open(caseload, caseload.source)

    def open_bytes(self, name: str, data: bytes) -> None:
        """Open an uploaded tracker (its bytes stay in memory)."""
        if self._start_as_of_is_default is False and self.loaded is not None:
            # The start date belonged to the bundled sample; a worker's own
            # tracker is read as of today unless they pick another date.
            self._start_as_of_is_default = True
            self._move_date(self.today, why=f"{name} is read as of today, not as of the "
                            "sample tracker's date")
        self._open(load_caseload_bytes(name, data, policy=self.policy), name, data)

    def open_path(self, path: Path) -> None:
        self._open(load_caseload(path, policy=self.policy), path.name, path)

    def open_sample(self) -> None:
        """Open the bundled sample tracker, or a synthetic one if it is not at hand."""
        from followkit.datasets import BUNDLED_AS_OF, bundled_sample_path

        path = bundled_sample_path()
        if path is not None:
            self._move_date(BUNDLED_AS_OF, why="the sample tracker is made for that date")
            self.open_path(path)
            return
        from followkit.datasets import make_sample, sample_bytes

        sample = make_sample(as_of=self.as_of.value or self.today)
        data = sample_bytes(sample)
        self._open(load_caseload_bytes("sample_tracker.xlsx", data, policy=self.policy),
                   "sample_tracker.xlsx", data)

    def _open(self, caseload: Caseload, name: str, source: Path | bytes | None = None) -> None:
        self.record_panel.opened(caseload, name, source)
        self.loaded = _Loaded(caseload, name, {})
        known = sorted(w for w in caseload.interviews[s.WORKER].unique() if w)
        self._opening = True  # resetting the worker list must not redraw: once, below
        try:
            self.workers.value = ()
            self.workers.options = known
            self.worker_choice.options = [("All workers", ""), *((k, k) for k in known)]
            self.worker_choice.value = ""
        finally:
            self._opening = False
        self.export_button.disabled = False
        self.download.value = ""
        self.refresh()

    def _move_date(self, day: date, *, why: str) -> None:
        """Change the as-of date for the worker, and say so (never silently)."""
        old = self.as_of.value
        self._moving_date = True
        try:
            self.as_of.value = day
        finally:
            self._moving_date = False
        if old is not None and old != day and self.loaded is not None:
            self.notice.value = date_moved_notice(old=old, new=day, why=why)

    def _on_date(self, _change: dict[str, Any]) -> None:
        if not self._moving_date:
            self.notice.value = ""  # the worker chose this date
        self.refresh()

    def _on_worker_choice(self, change: dict[str, Any]) -> None:
        if self._opening:
            return
        chosen = (change["new"],) if change["new"] else ()
        if tuple(self.workers.value) != chosen:
            self.workers.value = chosen

    def _on_workers(self, change: dict[str, Any]) -> None:
        chosen = tuple(change["new"])
        if len(chosen) <= 1 and not self._opening:
            self.worker_choice.value = chosen[0] if chosen else ""
        self.refresh(recompute=False)

    def _clear(self) -> None:
        """Take everything from the last file off the screen (a new one failed to open)."""
        self.loaded, self.report = None, None
        self.export_button.disabled = True
        self.notice.value = self.download.value = self.counts.value = ""
        self.action_counts.value = self.draft.value = ""
        self.chart.value = b""
        self.issues_button.layout.display = "none"
        self.draft_choice.options = []
        for name in self.tab_names:
            self.tables[name].value = ""
        self.status.value = "No file open. Upload your interview tracker, or use the sample."

    # --- computing and showing -------------------------------------------------

    def _draw_chart(self) -> None:
        """Draw the chart per worker if its fold is open and it is out of date."""
        if self.report is None or not self._chart_stale or self.folded.selected_index != 0:
            return
        self.chart.value = chart_png(self.report)
        self._chart_stale = False

    def refresh(self, recompute: bool = True) -> None:
        """Rebuild the tables for the current date and workers (no file is re-read)."""
        if self.loaded is None or self.as_of.value is None or self._opening:
            return
        as_of = self.as_of.value
        caseload = self.loaded.caseload
        actions = self.loaded.actions.get(as_of)
        if actions is None:
            from followkit.rules import evaluate

            actions = evaluate(caseload, as_of=as_of, policy=self.policy)
            self.loaded.actions = {as_of: actions}
        self.report = build_report(caseload, actions, as_of=as_of, policy=self.policy,
                                   workers=list(self.workers.value) or None)
        self.download.value = ""
        self._show_status()
        self.counts.value = counts_html(self.report)
        self.action_counts.value = action_counts_html(self.report)
        self._updating = True  # setting the sort options must not render every tab
        try:
            for name in self.tab_names:
                options = [c for c in self.report.columns(name) if c not in TEXT_COLUMNS]
                current = self.sort_by[name].value
                self.sort_by[name].options = options
                default = "Due Date" if "Due Date" in options else None
                self.sort_by[name].value = current if current in options else default
        finally:
            self._updating = False
        # Only the tab on screen is drawn now; the others when they are opened.
        self._stale = set(self.tab_names)
        self._render_tab(self.tab_names[self.tabs.selected_index or 0])
        self.record_panel.refresh()
        self.chart.tooltip = chart_alt(per_worker_counts(self.report))
        self._chart_stale = True
        self._draw_chart()  # after the lists: they show first
        drafts = self.report.drafts
        self.draft_choice.options = [
            (f"{c} → {i} ({e})", n) for n, (c, i, e) in enumerate(zip(
                drafts.get(s.CLIENT_NAME, []), drafts.get(s.INTERVIEWER, []),
                drafts.get(s.EMPLOYER, []), strict=True))]
        self.draft_choice.value = 0 if len(drafts) else None  # the first draft, not a blank
        self._show_draft()

    def _show_draft(self) -> None:
        if self.report is None or self.draft_choice.value is None:
            self.draft.value = "<p>No thank-you letters to draft.</p>"
            return
        self.draft.value = draft_html(self.report.drafts.iloc[self.draft_choice.value])

    def _on_tab(self, change: dict[str, Any]) -> None:
        name = self.tab_names[change["new"] or 0]
        if name in self._stale:
            self._render_tab(name)

    def _render_tab(self, name: str) -> None:
        if self.report is None or self._updating:
            return
        self._stale.discard(name)
        if name in PAGES:
            from followkit.supervisor_view import supervisor_html

            self.tables[name].value = supervisor_html(self.report.supervisor)
            return
        listed = name in list_names()  # action lists: text is built for the rows shown only
        frame = self.report.table(name, text=not listed)
        key = self.sort_by[name].value
        if key in frame.columns:
            frame = frame.sort_values(key, ascending=not self.descending[name].value,
                                      kind="stable", na_position="last")
        if listed:
            shown = self.report.table(name, rows=frame.index[:MAX_ROWS_SHOWN].to_numpy())
            self.tables[name].value = table_html(shown, total=len(frame))
        else:
            self.tables[name].value = table_html(frame)

    def _show_status(self) -> None:
        assert self.report is not None and self.loaded is not None
        info = dict(self.report.info)
        self.status.value = status_line(
            workers=list(self.workers.value), as_of=self.report.as_of, today=self.today,
            issues=len(self.report.issues), file_name=self.loaded.name,
            rows=int(info["Interview rows"]), not_tracked=bool(self.report.not_tracked))
        issues = self.report.issues
        errors = int((issues["Severity"] == "error").sum())
        if len(issues):
            self.banner.value = issues_banner(errors, len(issues) - errors)
            self.issues_button.layout.display = None
        else:
            self.banner.value = ""
            self.issues_button.layout.display = "none"

    # --- export ------------------------------------------------------------------

    def export(self) -> None:
        """Build the report workbook(s) and offer them as a download link."""
        from followkit.export import report_bytes

        if self.report is None or self.loaded is None:
            return
        include = not self.no_contacts.value
        as_of = self.report.as_of
        if self.per_worker.value:
            data = self._per_worker_zip(include)
            name, mime = f"followkit-reports-by-worker-{as_of}.zip", "application/zip"
        else:
            data = report_bytes(self.report, include_contacts=include)
            name, mime = f"followkit-report-{as_of}.xlsx", XLSX_MIME
        self.last_export = (name, data)
        self.download.value = download_link(name, data, mime)

    def _per_worker_zip(self, include_contacts: bool) -> bytes:
        from followkit.export import report_bytes
        from followkit.io import safe_file_part

        assert self.loaded is not None and self.report is not None
        caseload, as_of = self.loaded.caseload, self.report.as_of
        actions = self.loaded.actions[as_of]
        chosen = list(self.workers.value) or sorted(caseload.interviews[s.WORKER].unique())
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for worker in chosen:
                report = build_report(caseload, actions, as_of=as_of, policy=self.policy,
                                      workers=[worker])
                zf.writestr(f"followkit-report-{as_of}-{safe_file_part(worker)}.xlsx",
                            report_bytes(report, include_contacts=include_contacts))
        return buffer.getvalue()


# --- rendering helpers (pure functions, tested without a browser) --------------


def download_link(name: str, data: bytes, mime: str) -> str:
    """An ``<a download>`` link with a data: URI (works in JupyterLab and Voilà)."""
    encoded = base64.b64encode(data).decode("ascii")
    size = f"{len(data) / 1024:.0f} KB"
    return (f'<a download="{html.escape(name)}" href="data:{mime};base64,{encoded}" '
            f'class="fk-download-link" style="font-weight:600">&#11015; Download '
            f"{html.escape(name)}</a> ({size})")


def draft_html(draft: pd.Series) -> str:
    """One thank-you draft: name warnings first, the email link, subject and body."""
    warning = (f'<div class="fk-banner">&#9888; Check the name first: '
               f'{html.escape(draft["Name Warnings"])}</div>' if draft["Name Warnings"] else "")
    link = (f'<a href="{html.escape(draft["Draft Email"])}" class="fk-mailto" '
            f'target="_blank">&#9993; Open as an email to {html.escape(draft[s.EMAIL])}</a>'
            if draft["Draft Email"] else "<i>No email recorded: print the letter instead.</i>")
    body = html.escape(draft["Body"]).replace("\n", "<br>")
    return (f'{warning}<p>{link}</p><p><b>Subject:</b> {html.escape(draft["Subject"])}</p>'
            f'<div style="border:1px solid #ccc;padding:8px;max-width:640px;line-height:1.4">'
            f"{body}</div>")


def counts_html(report: Report) -> str:
    """The headline counts (Overdue / Due today / Upcoming), one compact line."""
    totals = report.counts()[[r.OVERDUE, r.DUE_TODAY, r.UPCOMING]].sum()
    boxes = "".join(
        f'<div class="fk-box {_STATUS_CLASS[st]}" data-status="{st}">{st}'
        f'<b class="fk-total">{int(totals[st])}</b></div>'
        for st in (r.OVERDUE, r.DUE_TODAY, r.UPCOMING))
    return f'<div class="fk-boxes">{boxes}</div>'


def action_counts_html(report: Report) -> str:
    """Open actions per kind of action and status (folded under the headline counts)."""
    counts = report.counts()
    rows = []
    for action, row in counts.iterrows():
        if action in report.not_tracked:
            cells = '<td colspan="3">not tracked</td>'
        else:
            cells = "".join(
                f'<td class="{_STATUS_CLASS[st] if row[st] else ""}">{int(row[st])}</td>'
                for st in (r.OVERDUE, r.DUE_TODAY, r.UPCOMING))
        rows.append(f'<tr data-action="{html.escape(str(action))}"><td>'
                    f"{html.escape(str(action))}</td>{cells}</tr>")
    return ('<table class="fk-table fk-action-counts"><tr><th>Action</th><th>Overdue</th>'
            "<th>Due today</th><th>Upcoming</th></tr>" + "".join(rows) + "</table>")


def table_html(frame: pd.DataFrame, max_rows: int = MAX_ROWS_SHOWN,
               total: int | None = None) -> str:
    """A readable HTML table: dates as 'Fri 20 Nov 2026', statuses coloured.

    ``total`` is the length of the whole table when ``frame`` holds only its
    first rows.
    """
    total = len(frame) if total is None else total
    if frame.empty:
        return "<p>Nothing here.</p>"
    shown = frame.head(max_rows)
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in shown.columns)
    body = []
    columns = [_cell_strings(shown[c]) for c in shown.columns]
    coloured = [c in ("Status", "Severity") for c in shown.columns]
    links = [c == DRAFT_EMAIL for c in shown.columns]
    for i in range(len(shown)):
        cells = []
        for col, values in enumerate(columns):
            text = values[i]
            if links[col]:
                cells.append(f'<td><a href="{html.escape(text)}" class="fk-mailto" '
                             'target="_blank">Open email</a></td>' if text else "<td></td>")
                continue
            cls = _STATUS_CLASS.get(text, "") if coloured[col] else ""
            cells.append(f'<td class="{cls}">{html.escape(text)}</td>' if cls else
                         f"<td>{html.escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    more = (f"<p>Showing the first {len(shown)} of {total} rows; the exported report "
            "has them all.</p>" if total > len(shown) else "")
    # No box of its own with a vertical scrollbar (the page scrolls); a list wider
    # than the screen scrolls sideways, and takes the keyboard focus to do so.
    return (f'{more}<div class="fk-scroll" tabindex="0" role="region" '
            'aria-label="List (scrolls sideways with the arrow keys)"><table class="fk-table">'
            f"<tr>{head}</tr>{''.join(body)}</table></div>")


def _cell_strings(series: pd.Series) -> list[str]:
    if pd.api.types.is_datetime64_any_dtype(series):
        return [f"{d:%a} {d.day} {d:%b %Y}" if not pd.isna(d) else "" for d in series]
    out = []
    for v in series.to_numpy(dtype=object):
        if v is None or v is pd.NA or (isinstance(v, float) and v != v) or v is pd.NaT:
            out.append("")
        elif isinstance(v, datetime | date):
            out.append(f"{v:%a} {v.day} {v:%b %Y}")
        else:
            out.append(str(v))
    return out


def per_worker_counts(report: Report) -> pd.DataFrame:
    """Open actions per worker and status (the chart's numbers)."""
    summary = report.summary
    return summary[summary[s.WORKER] != "All workers"].groupby(s.WORKER)[
        [r.OVERDUE, r.DUE_TODAY, r.UPCOMING]].sum()


def chart_png(report: Report) -> bytes:
    """Open actions per worker, stacked by status, numbers on the bars (matplotlib, no pyplot).

    The colours stay apart under red-green colour blindness (:data:`CHART_COLOURS`);
    :func:`followkit.wording.chart_alt` is its text alternative.
    """
    per = per_worker_counts(report)
    fig = Figure(figsize=(6.4, 1.4 + 0.45 * max(len(per), 1)), dpi=100)
    ax = fig.add_subplot()
    left = pd.Series(0, index=per.index)
    for status, colour in CHART_COLOURS.items():
        bars = ax.barh(per.index.astype(str), per[status], left=left, color=colour,
                       label=status, edgecolor="white", linewidth=0.8)
        ax.bar_label(bars, labels=[str(int(n)) if n else "" for n in per[status]],
                     label_type="center", fontsize="small", color="black")
        left = left + per[status]
    ax.set_title("Open follow-up actions per worker")
    ax.invert_yaxis()
    if len(per):
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3, fontsize="small",
                  frameon=False)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()
