"""The dashboard's recording panel (SPEC §8): mark actions done, download the result.

In the Thank-Yous, Calls, References, Decision Dates and Job Search tabs the
worker picks an action, types the date it was done (and the call result, the
decision date learned, the names or the employer applied to) and clicks
*Mark done*. The marks are recorded into the loaded caseload
(:meth:`followkit.session.session.Session.with_marks`, the same matching as
``followkit record``) and the lists are recomputed at once. *Download updated
tracker* writes every mark into a copy of the worker's own file
(:meth:`~followkit.session.session.Session.record_marks`); *Download calendar* gives the
To Do list as an .ics file. The widgets hold state and callbacks; the logic is
in the package. Nothing here reads the clock: the dashboard's ``now`` is used.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import ipywidgets as w
import pandas as pd

from followkit.core import schema as s
from followkit.dashboard.render import XLSX_MIME, download_link, message_html
from followkit.recording.record import Filled
from followkit.report.workbook import CALL_RESULTS
from followkit.rules import engine as r
from followkit.rules.steps import built_in_sheets

if TYPE_CHECKING:
    from followkit.report.build import Report
    from followkit.session.session import Session

RECORD_TABS = built_in_sheets()  # the steps followkit record can record
MAX_CHOICES = 500
ICS_MIME = "text/calendar"
_RECORD_HINT = {"Thank-Yous": "Names (only for Get interviewer names)",
                "Job Search": "Employer applied to"}


class RecordPanel:
    """Mark-done controls for the action tabs, plus the two downloads.

    Parameters
    ----------
    guard
        Wraps every callback (the dashboard's: errors become a banner).
    now
        Gives the time for the log's When column (the notebook passes the clock).
    on_marked
        Called with the session holding the marks, to show its lists.
    report
        Gives the report on screen.
    """

    def __init__(self, guard: Callable[[Callable[..., Any]], Callable[..., Any]],
                 now: Callable[[], datetime] | None, *,
                 on_marked: Callable[[Session], None],
                 report: Callable[[], Report | None]) -> None:
        self.now = now
        self.on_marked = on_marked
        self.report = report
        self.base: Session | None = None
        self.marks: list[Filled] = []
        self.rows: dict[str, pd.DataFrame] = {}
        self.choice: dict[str, w.Dropdown] = {}
        self.done_on: dict[str, w.DatePicker] = {}
        self.record: dict[str, w.Widget] = {}
        self.mark: dict[str, w.Button] = {}
        self.message = w.HTML()
        self.message.add_class("fk-record-message")
        self.tracker_button = w.Button(description="Download updated tracker", icon="save",
                                       disabled=True, layout=w.Layout(width="auto"))
        self.calendar_button = w.Button(description="Download calendar (.ics)",
                                        icon="calendar", disabled=True,
                                        layout=w.Layout(width="auto"))
        self.download = w.HTML()
        for widget, cls in ((self.tracker_button, "fk-record-download"),
                            (self.calendar_button, "fk-calendar"),
                            (self.download, "fk-record-link")):
            widget.add_class(cls)
        self.tracker_button.on_click(guard(lambda _: self.download_tracker()))
        self.calendar_button.on_click(guard(lambda _: self.download_calendar()))
        self.footer = w.VBox([w.HBox([self.tracker_button, self.calendar_button]),
                              self.message, self.download])
        for name in RECORD_TABS:
            self._controls(name, guard)

    def _controls(self, name: str, guard: Callable[..., Any]) -> None:
        self.choice[name] = w.Dropdown(description="Action", options=[],
                                       layout=w.Layout(width="560px"))
        self.done_on[name] = w.DatePicker(description="Done on", layout=w.Layout(width="240px"))
        if name == "Calls":
            record: w.Widget = w.Dropdown(description="Result", options=["", *CALL_RESULTS])
        elif name == "Decision Dates":
            record = w.DatePicker(description="Decision", layout=w.Layout(width="240px"))
        elif name == "References":
            record = w.HTML()
        else:
            record = w.Text(placeholder=_RECORD_HINT[name], layout=w.Layout(width="300px"))
        self.record[name] = record
        self.mark[name] = w.Button(description="Mark done", icon="check",
                                   button_style="success", layout=w.Layout(width="auto"))
        tag = name.lower().replace(" ", "-").replace("-you", "you")
        for widget, part in ((self.choice[name], "choice"), (self.done_on[name], "done"),
                             (record, "record"), (self.mark[name], "mark")):
            widget.add_class(f"fk-{part}-{tag}")
        self.mark[name].on_click(guard(lambda _, n=name: self.mark_done(n)))

    def extend_pages(self, pages: list[w.Widget], tabs: tuple[str, ...]) -> list[w.Widget]:
        """The tab pages with a mark-done row above the action tabs' tables."""
        out = list(pages)
        for name in RECORD_TABS:
            i = tabs.index(name)
            row = w.HBox([self.choice[name], self.done_on[name], self.record[name],
                          self.mark[name]], layout=w.Layout(flex_flow="row wrap"))
            out[i] = w.VBox([row, *out[i].children])
        return out

    # --- state -------------------------------------------------------------------

    def opened(self, session: Session) -> None:
        """A new tracker was opened: start again with no marks."""
        self.base, self.marks = session, []
        self.message.value = ""
        self.download.value = ""
        self.tracker_button.disabled = True
        self.calendar_button.disabled = False

    def refresh(self) -> None:
        """Fill each tab's action list from the report on screen."""
        report = self.report()
        if report is None:
            return
        for name in RECORD_TABS:
            frame = report.table(name, text=False).head(MAX_CHOICES)
            self.rows[name] = frame
            labels = _labels(frame)
            self.choice[name].options = list(zip(labels, range(len(labels)), strict=True))
            if self.done_on[name].value is None or self.done_on[name].value > report.as_of:
                self.done_on[name].value = report.as_of

    def mark_done(self, name: str) -> None:
        """Record the chosen action as done; the lists are recomputed from the marks."""
        pick = self.choice[name].value
        if self.base is None or pick is None:
            return
        row = self.rows[name].iloc[pick]
        filled = _filled(row, self.done_on[name].value, self.record[name].value
                         if not isinstance(self.record[name], w.HTML) else "",
                         f"dashboard tab {name!r}, mark {len(self.marks) + 1}")
        marked, plan = self.base.with_marks([*self.marks, filled])
        refused = [why for where, why in plan.refused if where == filled.where]
        if refused:
            self.message.value = message_html(("error", f"Not recorded: {refused[0]}"))
            return
        self.marks.append(filled)
        self.on_marked(marked)
        self.message.value = message_html((
            "note", f"\u2713 {filled.action} for {row[s.CLIENT_NAME]} marked done. "
            f"{len(self.marks)} mark(s) not yet saved: download the updated tracker to "
            "keep them."))
        self.tracker_button.disabled = False

    # --- downloads ---------------------------------------------------------------

    def download_tracker(self) -> None:
        """Write every mark into a copy of the worker's file and offer it."""
        if not self.marks or self.base is None:
            self.message.value = message_html(("note", "Nothing to save yet."))
            return
        if self.now is None or not self.base.can_record:
            self.message.value = message_html(("error", "These marks cannot be saved here: "
                                               "the dashboard has no clock, or the lists "
                                               "were read from several files."))
            return
        with tempfile.TemporaryDirectory(prefix="followkit-") as folder:
            report = self.report()  # yearless dates are read as the lists on screen read them
            result = self.base.record_marks(self.marks, now=self.now(), folder=folder,
                                            as_of=None if report is None else report.as_of)
            out = result.output
            name, data, mime = out.name, out.read_bytes(), XLSX_MIME
            log = out.with_name(f"{out.stem}-log.csv")
            if log.exists():  # a CSV has no log sheet: both files, zipped
                name, mime = f"{out.stem}.zip", "application/zip"
                buffer = io.BytesIO()
                with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                    archive.writestr(out.name, data)
                    archive.writestr(log.name, log.read_bytes())
                data = buffer.getvalue()
        self.download.value = download_link(name, data, mime)
        notes = [f"{where}: {why}" for where, why in result.refused] + [
            n for n in result.notes if "the log is in" not in n]
        self.message.value = message_html(("note", f"{len(result.log)} cell(s) written."),
                                          *(("note", n) for n in notes))

    def download_calendar(self) -> None:
        """The To Do list on screen as an .ics file (privacy defaults of SPEC §8)."""
        from followkit.report.ical import calendar_bytes

        report = self.report()
        if report is None:
            return
        stamp = self.now() if self.now is not None else datetime.combine(
            report.as_of, datetime.min.time())
        data = calendar_bytes(report, stamp=stamp)  # calendars sync: the privacy defaults
        self.download.value = download_link(f"followkit-{report.as_of}.ics", data, ICS_MIME)


def _labels(frame: pd.DataFrame) -> list[str]:
    """One line per action for the drop-down: due date, status, client, employer, who."""
    due = [f"{d:%a %d %b}" if pd.notna(d) else "" for d in frame[r.DUE_DATE]]
    who = frame[s.INTERVIEWER].where(frame[s.INTERVIEWER] != "", frame[r.ACTION].astype(str))
    return [" · ".join(parts) for parts in zip(
        due, frame[r.STATUS].astype(str), frame[s.CLIENT_NAME], frame[s.EMPLOYER], who,
        strict=True)]


def _filled(row: pd.Series, done: date | None, record: Any, where: str) -> Filled:
    return Filled(
        where=where, action=str(row[r.ACTION]), interview_id=row[s.INTERVIEW_ID],
        interviewer=row[s.INTERVIEWER], client_id=row[s.CLIENT_ID], employer=row[s.EMPLOYER],
        interview_date=row[s.INTERVIEW_DATE].date() if pd.notna(row[s.INTERVIEW_DATE])
        else None, done_on=done, record=record if record is not None else "")
