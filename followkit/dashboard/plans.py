"""The dashboard's Plans tab (SPEC §10): a client's own plan, its download, its message.

Pick a client (those with something to do on the date and workers shown) and a
language; the tab shows the plan as the young person will read it, a link to
download it as a Word file, and the text message with a Copy button. The plan
is built for the chosen client only, by the session's
:class:`~followkit.session.plans.Planner` (the same as ``followkit plan``).
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from followkit.core import schema as s
from followkit.dashboard.render import message_html, render
from followkit.report.plan import MESSAGE_LIMIT, ClientPlan
from followkit.report.plan_docx import plan_bytes

if TYPE_CHECKING:
    from followkit.report.build import Report
    from followkit.session.session import Session

PLANS_TAB = "Plans"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LANGUAGE_CHOICES = (("As in the tracker (else English)", ""), ("English", "en"),
                    ("Français", "fr"))
NOTHING = "Nobody has anything to do on this date: no plan to show."
Guard = Callable[[Callable[..., Any]], Callable[..., Any]]


def plan_html(plan: ClientPlan) -> str:
    """The plan as the young person reads it (the .docx's words, in HTML)."""
    w_ = plan.words
    title, hello, made_on = plan.heading_lines()
    french = plan.language == "fr"
    return render("plan.html.j2", lang=plan.language, title=title, hello=hello,
                  made_on=made_on, interview_heading=plan.interview_heading(),
                  interview_lines=plan.interview_lines(), todo_heading=w_.todo_heading,
                  steps=plan.steps, call_say=w_.call_say,
                  open_quote="«\u00a0" if french else "“",
                  close_quote="\u00a0»" if french else "”",
                  done=plan.done, done_heading=w_.done_heading, closing=plan.closing())


def sms_html(plan: ClientPlan) -> str:
    """The text message in a box, with a Copy button."""
    return render("plan_message.html.j2", message=plan.message, length=len(plan.message),
                  limit=MESSAGE_LIMIT)


def plan_clients(report: Report) -> list[tuple[str, str]]:
    """(label, key) of each client with an open step, by name; the key is the Client ID
    (the name when there is none); a name two clients share shows its ID."""
    frame = report.open_actions.frame(text=False)
    people = frame[[s.CLIENT_ID, s.CLIENT_NAME]].drop_duplicates().sort_values(
        [s.CLIENT_NAME, s.CLIENT_ID], kind="stable")
    shared = people[s.CLIENT_NAME].duplicated(keep=False).to_numpy()
    return [(f"{name} ({cid})" if twice and cid else str(name), str(cid or name))
            for cid, name, twice in zip(people[s.CLIENT_ID], people[s.CLIENT_NAME], shared,
                                        strict=True)]


class PlansPanel:
    """The Plans tab's widgets; :meth:`show` with each new report. A plan is drawn
    only while ``is_open()`` (the tab is on screen), else when the tab is opened."""

    def __init__(self, guard: Guard, is_open: Callable[[], bool]) -> None:
        self.is_open = is_open
        self.stale = False
        self.client = w.Dropdown(description="Plan for", options=[],
                                 layout=w.Layout(width="420px"))
        self.language = w.Dropdown(description="Language", options=LANGUAGE_CHOICES, value="",
                                   layout=w.Layout(width="360px"))
        self.download, self.message, self.preview = w.HTML(), w.HTML(), w.HTML()
        for widget, name in ((self.client, "fk-plan-client"), (self.language,
                             "fk-plan-language"), (self.download, "fk-plan-download"),
                             (self.message, "fk-plan-message"),
                             (self.preview, "fk-plan-preview")):
            widget.add_class(name)
        draw = guard(lambda _: None if self._quiet else self.draw())
        self.client.observe(draw, names="value")
        self.language.observe(draw, names="value")
        self._quiet = False
        self.widget = w.VBox([w.HBox([self.client, self.language],
                                     layout=w.Layout(flex_flow="row wrap")),
                              self.download, self.message, self.preview])
        self.session: Session | None = None
        self.as_of: date | None = None
        self.workers: tuple[str, ...] = ()
        self.plan: ClientPlan | None = None

    def show(self, session: Session, report: Report, workers: Sequence[str]) -> None:
        """A new report: the clients to choose from (the one chosen kept if still there)."""
        self.session, self.as_of, self.workers = session, report.as_of, tuple(workers)
        options = plan_clients(report)
        current = self.client.value
        keys = [key for _, key in options]
        self._quiet = True  # one drawing, after the options and value are set
        try:
            self.client.options = options
            self.client.value = current if current in keys else (keys[0] if keys else None)
        finally:
            self._quiet = False
        self.stale = True
        if self.is_open():
            self.draw()

    def opened(self) -> None:
        """The tab was opened: draw the plan if the report changed since."""
        if self.stale:
            self.draw()

    def draw(self) -> None:
        """The chosen client's plan: its download, its message and its preview."""
        self.stale = False
        key = self.client.value
        if self.session is None or self.as_of is None or key is None:
            self.plan = None
            self.download.value = self.message.value = ""
            self.preview.value = message_html(("note", NOTHING)) if self.session else ""
            return
        plans = self.session.plans.build(self.as_of, workers=self.workers or None,
                                         clients=[key], language=self.language.value or None)
        self.plan = plans.plans[0] if plans.plans else None
        if self.plan is None:
            self.download.value = self.message.value = ""
            self.preview.value = message_html(*(("note", n) for n in plans.notes))
            return
        data = plan_bytes(self.plan)
        self.download.value = render(
            "plan_download.html.j2", name=self.plan.file_name, mime=DOCX_MIME,
            encoded=base64.b64encode(data).decode("ascii"), size=f"{len(data) / 1024:.0f} KB")
        self.message.value = sms_html(self.plan)
        self.preview.value = plan_html(self.plan)

    def clear(self) -> None:
        self.session, self.plan = None, None
        self._quiet = True
        try:
            self.client.options = []
        finally:
            self._quiet = False
        self.download.value = self.message.value = self.preview.value = ""
