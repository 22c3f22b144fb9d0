"""The dashboard's recording panel (SPEC §8): mark actions done, download the result.

In the Thank-Yous, Calls, References, Decision Dates and Job Search tabs the
worker picks an action, types the date it was done (and the call result, the
decision date learned, the names or the employer applied to) and clicks
*Mark done* (Done on starts on today, the agency's today given by the notebook).
The marks are recorded into the loaded caseload
(:meth:`followkit.session.session.Session.with_marks`, the same matching as
``followkit record``) and the lists are recomputed at once. A line names what was
recorded (client, action, date) beside an *Undo*, and the link *Download updated
tracker (N changes)* beside Mark done holds every mark written into a copy of the
worker's own file (:func:`followkit.dashboard.saving.updated_tracker`), one click.
The picked action stays picked while it is in the list; once done, the picker
says "Pick the next action" rather than jumping to another client. *Download
calendar* gives the To Do list as an .ics file. Nothing here reads the clock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import ipywidgets as w
import pandas as pd

from followkit.core import schema as s
from followkit.dashboard.dates import DateBox
from followkit.dashboard.render import download_link, message_html, render
from followkit.dashboard.saving import TrackerMaker
from followkit.dashboard.worklist import RowMark
from followkit.recording.record import Filled
from followkit.report.workbook import CALL_RESULTS
from followkit.rules import engine as r
from followkit.rules.steps import built_in_sheets

if TYPE_CHECKING:
    from followkit.report.build import Report
    from followkit.session.session import Session

RECORD_TABS = built_in_sheets()  # the steps followkit record can record
MAX_CHOICES = 500
# The actions whose Record is filled in (the call's result, the decision date learned, the
# names, the employer applied to): a row's Mark done button leads to that field first.
RECORD_FIRST = frozenset({r.FOLLOW_UP_CALL, r.ASK_DECISION, r.GET_NAMES, r.KEEP_HUNTING})
ICS_MIME = "text/calendar"
_RECORD_HINT = {"Thank-Yous": "Names (only for Get interviewer names)",
                "Job Search": "Employer applied to"}


class RecordPanel:
    """Mark-done controls for the action tabs, Undo, and the two downloads.

    Parameters
    ----------
    guard
        Wraps every callback (the dashboard's: errors become a banner).
    now
        Gives the time for the log's When column (the notebook passes the clock).
    today
        The agency's today: the date Done on starts on.
    order
        The agency's order of a date typed in numbers (the policy's ``text_date_order``).
    on_marked
        Called with the session holding the marks, to show its lists.
    report
        Gives the report on screen.
    """

    def __init__(self, guard: Callable[[Callable[..., Any]], Callable[..., Any]],
                 now: Callable[[], datetime] | None, *, today: date,
                 on_marked: Callable[[Session], None],
                 report: Callable[[], Report | None], order: str = "DMY") -> None:
        self.now, self.today, self.order = now, today, order
        self.on_marked = on_marked
        self.report = report
        self.base: Session | None = None
        self.marks: list[Filled] = []
        self.said: list[str] = []  # the "Recorded: ..." line of each mark
        self.rows: dict[str, pd.DataFrame] = {}
        self.picked: dict[str, tuple[Any, ...] | None] = {}
        self.choice: dict[str, w.Dropdown] = {}
        self.done_on: dict[str, DateBox] = {}
        self.record: dict[str, w.Widget] = {}
        self.mark: dict[str, w.Button] = {}
        self.message, self.saved, self.download = w.HTML(), w.HTML(), w.HTML()
        self.maker = TrackerMaker(self.saved, self.message)
        self.undo_button = w.Button(description="Undo", icon="undo",
                                    layout=w.Layout(width="auto", display="none"))
        self.calendar_button = w.Button(description="Download calendar (.ics)",
                                        icon="calendar", disabled=True,
                                        layout=w.Layout(width="auto"))
        for widget, cls in ((self.calendar_button, "fk-calendar"), (self.saved, "fk-saved"),
                            (self.download, "fk-record-link"), (self.undo_button, "fk-undo"),
                            (self.message, "fk-record-message")):
            widget.add_class(cls)
        self.undo_button.on_click(guard(lambda _: self.undo()))
        self.calendar_button.on_click(guard(lambda _: self.download_calendar()))
        self.footer = w.VBox([self.calendar_button, self.download])
        for name in RECORD_TABS:
            self._controls(name, guard)

    def _controls(self, name: str, guard: Callable[..., Any]) -> None:
        self.choice[name] = w.Dropdown(description="Action", options=[],
                                       layout=w.Layout(width="560px"))
        self.done_on[name] = DateBox("Done on", value=self.today, order=self.order,
                                     near=self.today)
        if name == "Calls":
            record: w.Widget = w.Dropdown(description="Result", options=["", *CALL_RESULTS])
        elif name == "Decision Dates":
            record = DateBox("Decision", order=self.order, near=self.today, optional=True)
        elif name == "References":
            record = w.HTML()
        else:
            record = w.Text(placeholder=_RECORD_HINT[name], layout=w.Layout(width="300px"))
        self.record[name] = record
        self.mark[name] = w.Button(description="Mark done", icon="check",
                                   button_style="success", layout=w.Layout(width="auto"))
        tag = mark_tag(name)
        for widget, part in ((self.choice[name], "choice"), (self.done_on[name], "done"),
                             (record, "record"), (self.mark[name], "mark")):
            widget.add_class(f"fk-{part}-{tag}")
        self.mark[name].on_click(guard(lambda _, n=name: self.mark_done(n)))
        self.choice[name].observe(lambda change, n=name: self._pick(n, change["new"]),
                                  names="value")

    def extend_pages(self, pages: list[w.Widget], tabs: tuple[str, ...]) -> list[w.Widget]:
        """The tab pages with a mark-done row (and what it did, Undo, the updated
        tracker) above the action tabs' lists."""
        out = list(pages)
        wrap = w.Layout(flex_flow="row wrap", align_items="center")
        for name in RECORD_TABS:
            i = tabs.index(name)
            row = w.HBox([self.choice[name], self.done_on[name], self.record[name],
                          self.mark[name], self.saved], layout=wrap)
            said = w.HBox([self.message, self.undo_button], layout=wrap)
            out[i] = w.VBox([row, said, *out[i].children])
        return out

    # --- state -------------------------------------------------------------------

    def opened(self, session: Session) -> None:
        """A new tracker was opened: start again with no marks."""
        self.maker.drop()  # a copy still being made for the last file is dropped
        self.base, self.marks, self.said = session, [], []
        self.picked = {}
        self.message.value = self.download.value = self.saved.value = ""
        self.undo_button.layout.display = "none"
        self.calendar_button.disabled = False

    def _pick(self, name: str, index: int | None) -> None:
        frame = self.rows.get(name)
        if frame is not None and index is not None and 0 <= index < len(frame):
            self.picked[name] = _keys(frame.iloc[index:index + 1])[0]

    def refresh(self) -> None:
        """Fill each tab's action list from the report on screen; an action picked
        stays picked, a done one leaves the picker on "Pick the next action"."""
        report = self.report()
        if report is None:
            return
        for name in RECORD_TABS:
            frame = report.table(name, text=False).head(MAX_CHOICES)
            self.rows[name] = frame
            keys = _keys(frame)
            options = [(PICK, -1), *zip(_labels(frame), range(len(keys)), strict=True)]
            if name not in self.picked:  # first time: the list's first action
                self.picked[name] = keys[0] if keys else None
            wanted = self.picked[name]
            self.choice[name].options = options
            self.choice[name].value = keys.index(wanted) if wanted in keys else -1
            self.picked[name] = wanted if wanted in keys else None

    def mark_done(self, name: str) -> None:
        """Record the picked action as done; the lists are recomputed from the marks."""
        pick = self.choice[name].value
        if self.base is None:
            return
        if pick is None or pick < 0:
            self.message.value = render("recorded.html.j2",
                                        lines=["Pick an action in the list first."])
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
        self.said.append(recorded_line(row, filled.done_on))
        self.on_marked(marked)
        self._after(f"Recorded: {self.said[-1]}.")

    def undo(self) -> None:
        """Take the last mark back: the lists are recomputed without it."""
        if self.base is None or not self.marks:
            return
        self.marks.pop()
        line = self.said.pop()
        self.on_marked(self.base.with_marks(self.marks)[0] if self.marks else self.base)
        self._after(f"Undone: {line}.")

    def _after(self, line: str) -> None:
        """Say what was done, offer Undo, and have the updated tracker made beside Mark
        done (in a thread: :class:`~followkit.dashboard.saving.TrackerMaker`)."""
        lines = [line]
        self.undo_button.layout.display = None if self.marks else "none"
        self.maker.drop()
        if not self.marks:
            lines.append("No changes left to save.")
        elif self.now is None or self.base is None or not self.base.can_record:
            lines.append("These marks cannot be saved here: the dashboard has no clock, "
                         "or the lists were read from several files.")
        else:
            report = self.report()  # yearless dates are read as the lists on screen read them
            self.maker.start(self.base, list(self.marks), now=self.now(), lines=lines,
                             as_of=None if report is None else report.as_of)
        self.message.value = render("recorded.html.j2", lines=lines)

    def wait(self) -> None:
        """Wait until the updated tracker being made is ready (for tests and scripts)."""
        self.maker.wait()

    # --- the calendar ---------------------------------------------------------------

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


PICK = "Pick the next action…"


def day_text(day: date | pd.Timestamp | None) -> str:
    """A date as the dashboard writes it everywhere: ``Fri 20 Nov 2026``."""
    return "" if day is None or pd.isna(day) else f"{day:%a} {day.day} {day:%b %Y}"


def recorded_line(row: pd.Series, done: date | None) -> str:
    """``Send thank-you to Greg Hall for Gabriel C., Fri 20 Nov 2026``."""
    named = row[s.INTERVIEWER] not in ("", s.UNNAMED_INTERVIEWER)
    to = f" to {row[s.INTERVIEWER]}" if named else ""
    return f"{row[r.ACTION]}{to} for {row[s.CLIENT_NAME]}, {day_text(done)}"


def mark_tag(name: str) -> str:
    """The CSS name of tab ``name``'s mark-done controls (``fk-choice-calls``, ...)."""
    return name.lower().replace(" ", "-").replace("-you", "you")


def row_marks(name: str, frame: pd.DataFrame, rows: pd.Index) -> list[RowMark | None]:
    """For each of ``rows`` (positions in list ``name``'s order) of the list ``frame``
    shown, what its own Mark done button picks: the picker's choice (the first
    :data:`MAX_CHOICES` actions) and the field it leads to."""
    if name not in RECORD_TABS:
        return [None] * len(rows)
    actions = frame.loc[rows, r.ACTION].astype(str)
    return [RowMark(mark_tag(name), int(i), "record" if a in RECORD_FIRST else "mark")
            if int(i) < MAX_CHOICES else None for i, a in zip(rows, actions, strict=True)]


def _keys(frame: pd.DataFrame) -> list[tuple[Any, ...]]:
    """What names each action across recomputations (its row number may change)."""
    return list(zip(frame[r.ACTION].astype(str), frame[s.INTERVIEW_ID], frame[s.CLIENT_ID],
                    frame[s.EMPLOYER], frame[s.INTERVIEWER],
                    map(day_text, frame[s.INTERVIEW_DATE]), strict=True))


def _labels(frame: pd.DataFrame) -> list[str]:
    """One line per action for the drop-down: due date (with the year), status,
    client, employer, who."""
    due = [day_text(d) for d in frame[r.DUE_DATE]]
    who = frame[s.INTERVIEWER].where(frame[s.INTERVIEWER] != "", frame[r.ACTION].astype(str))
    who = who.where(who != s.UNNAMED_INTERVIEWER, "interviewer not named")
    return [" · ".join(parts) for parts in zip(
        due, frame[r.STATUS].astype(str), frame[s.CLIENT_NAME], frame[s.EMPLOYER], who,
        strict=True)]


def _filled(row: pd.Series, done: date | None, record: Any, where: str) -> Filled:
    return Filled(
        where=where, action=str(row[r.ACTION]), interview_id=row[s.INTERVIEW_ID],
        interviewer=row[s.INTERVIEWER], client_id=row[s.CLIENT_ID], employer=row[s.EMPLOYER],
        interview_date=row[s.INTERVIEW_DATE].date() if pd.notna(row[s.INTERVIEW_DATE])
        else None, done_on=done, record=record if record is not None else "")
