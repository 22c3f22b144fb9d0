"""The dashboard's tabs: one sortable list per report list, then Clients, Supervisor,
Data Issues, and Plans (the young person's plans, :mod:`followkit.dashboard.plans`);
the thank-you drafts under the Thank-Yous list.

The tab names are read from the report's lists when a dashboard is made
(:func:`tab_names`), so a follow-up step added to the report at run time gets
its tab. Only the tab on screen is drawn; the others when they are opened.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from followkit.core import schema as s
from followkit.dashboard.marks import row_marks
from followkit.dashboard.notices import worker_words
from followkit.dashboard.plans import PLANS_TAB, PlansPanel
from followkit.dashboard.render import draft_html, message_html, table_html
from followkit.dashboard.worklist import PAGE_ROWS, worklist_html
from followkit.report import build as reports
from followkit.rules import steps

if TYPE_CHECKING:
    from collections.abc import Iterator

    from followkit.dashboard.state import DashboardState
    from followkit.report.build import Report

PAGES = ("Supervisor",)  # tabs that are a page of tables and charts, not one sortable list
DRAFTS_TAB = "Thank-Yous"
Guard = Callable[[Callable[..., Any]], Callable[..., Any]]


def tab_names() -> tuple[str, ...]:
    """The report's lists (To Do first), then the fixed tabs; read at every call."""
    return reports.dashboard_tabs()


def css_name(name: str) -> str:
    """``Decision Dates`` -> ``decision-dates`` (the classes browser tests find)."""
    return name.lower().replace(" ", "-")


class ListTabs:
    """The tab widget, each list's "Sort by" and its table, and the drafts panel.

    Parameters
    ----------
    guard
        Wraps every callback (errors become a banner, see :mod:`followkit.dashboard.widgets`).
    names
        The tabs, in order, by sheet name (default: :func:`tab_names` now); the titles
        come from the step registry (:func:`followkit.rules.steps.tab_title`).
    plans_of
        The dashboard's state: with it, a last tab, **Plans**
        (:class:`~followkit.dashboard.plans.PlansPanel`, SPEC §10), for its session
        and workers.
    """

    def __init__(self, guard: Guard, names: tuple[str, ...] | None = None,
                 plans_of: DashboardState | None = None) -> None:
        self.tab_names = names if names is not None else tab_names()
        self.report: Report | None = None
        self.sort_by = {n: w.Dropdown(description="Sort by", options=[]) for n in self.tab_names}
        self.descending = {n: w.Checkbox(description="Descending", value=False)
                           for n in self.tab_names}
        self.tables = {n: w.HTML() for n in self.tab_names}
        self.shown = dict.fromkeys(self.tab_names, PAGE_ROWS)
        self.more = {n: w.Button(description="Show more", layout=w.Layout(display="none"))
                     for n in self.tab_names}
        self.draft_choice = w.Dropdown(description="Draft for", options=[],
                                       layout=w.Layout(width="640px"))
        self.draft = w.HTML()
        self.draft_choice.add_class("fk-draft-choice")
        self.draft.add_class("fk-draft")
        self._stale: set[str] = set()
        self._quiet = False
        for name in self.tab_names:
            self.tables[name].add_class(f"fk-list-{css_name(name)}")
            update = guard(functools.partial(self.render, name))
            self.sort_by[name].observe(lambda _, u=update: u(), names="value")
            self.descending[name].observe(lambda _, u=update: u(), names="value")
            self.more[name].add_class(f"fk-more-{css_name(name)}")
            self.more[name].on_click(guard(lambda _, n=name: self.show_more(n)))
        self.draft_choice.observe(guard(lambda _: self.show_draft()), names="value")
        self.guard = guard
        self.tabs: w.Tab | None = None
        self.plans_of = plans_of
        self.plans = PlansPanel(guard, is_open=lambda: bool(
            self.tabs and self.tabs.selected_index == len(self.tab_names)))

    def pages(self) -> list[w.Widget]:
        """One page per tab: the sort controls (not on a page tab) above the table."""
        pages: list[w.Widget] = []
        for name in self.tab_names:
            sort = w.HBox([self.sort_by[name], self.descending[name]],
                          layout=w.Layout(display="none" if name in PAGES else None))
            extra = [self.draft_choice, self.draft] if name == DRAFTS_TAB else []
            pages.append(w.VBox([sort, self.tables[name], self.more[name], *extra]))
        return pages

    def tab_widget(self, pages: list[w.Widget]) -> w.Tab:
        """The Tab holding ``pages`` (the pages, with whatever was added to them)."""
        titles = tuple(map(steps.tab_title, self.tab_names))
        if self.plans_of is not None:  # the young person's plans: the last tab
            pages, titles = [*pages, self.plans.widget], (*titles, PLANS_TAB)
        self.tabs = w.Tab(children=pages, titles=titles, selected_index=0)
        self.tabs.add_class("fk-tabs")
        self.tabs.observe(self.guard(self._on_tab), names="selected_index")
        return self.tabs

    def select(self, name: str) -> None:
        assert self.tabs is not None
        self.tabs.selected_index = self.tab_names.index(name)

    @property
    def current(self) -> str:
        """The list tab on screen ('' for a tab added after the lists, e.g. Plans)."""
        index = (self.tabs.selected_index if self.tabs else 0) or 0
        return self.tab_names[index] if index < len(self.tab_names) else ""

    @contextmanager
    def _quietly(self) -> Iterator[None]:
        """Setting the sort options must not draw every tab."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def show(self, report: Report) -> None:
        """A new report: new sort options; draw the tab on screen, mark the others."""
        self.report = report
        with self._quietly():
            for name in self.tab_names:
                options = [c for c in report.columns(name) if c not in reports.TEXT_COLUMNS]
                current = self.sort_by[name].value
                self.sort_by[name].options = options
                default = "Due Date" if "Due Date" in options else None
                self.sort_by[name].value = current if current in options else default
        self._stale = set(self.tab_names)
        self.render(self.current)
        state = self.plans_of
        if state is not None and state.session is not None:
            self.plans.show(state.session, report, state.workers)

    def _on_tab(self, change: dict[str, Any]) -> None:
        index = change["new"] or 0
        if index == len(self.tab_names):
            self.plans.opened()
        name = self.tab_names[index] if index < len(self.tab_names) else ""
        if name in self._stale:
            self.render(name)

    def render(self, name: str) -> None:
        """Draw tab ``name``: the sorted list (its first rows) or the page."""
        if self.report is None or self._quiet or name not in self.tables:
            return
        self._stale.discard(name)
        if name in PAGES:
            from followkit.dashboard.supervisor import supervisor_html

            self.tables[name].value = supervisor_html(self.report.supervisor)
            return
        listed = name in reports.list_names()  # action lists: text is built for the rows shown only
        frame = self.report.table(name, text=not listed)
        key = self.sort_by[name].value
        if key in frame.columns:
            frame = frame.sort_values(key, ascending=not self.descending[name].value,
                                      kind="stable", na_position="last")
        count = self.shown[name]
        if listed:
            rows = frame.index[:count]
            shown = self.report.table(name, rows=rows.to_numpy())
            self.tables[name].value = worklist_html(shown, total=len(frame),
                                                    label=steps.tab_title(name),
                                                    marks=row_marks(name, frame, rows))
        else:
            if "Problem" in frame.columns:  # the reader's words, with no command-line flag
                frame = frame.assign(Problem=frame["Problem"].astype(str).map(worker_words))
            self.tables[name].value = table_html(frame, max_rows=count)
        left = len(frame) - min(count, len(frame))
        self.more[name].description = f"Show {min(left, PAGE_ROWS)} more of {left}"
        self.more[name].layout.display = None if left > 0 else "none"

    def show_more(self, name: str) -> None:
        """The next rows of list ``name`` (the rows shown stay where they are)."""
        self.shown[name] += PAGE_ROWS
        self.render(name)

    def show_drafts(self, report: Report) -> None:
        """The thank-you drafts to choose from; the first one shown."""
        drafts = report.drafts
        self.draft_choice.options = [
            (f"{c} → {_named(i)} ({e})", n) for n, (c, i, e) in enumerate(zip(
                drafts.get(s.CLIENT_NAME, []), drafts.get(s.INTERVIEWER, []),
                drafts.get(s.EMPLOYER, []), strict=True))]
        self.draft_choice.value = 0 if len(drafts) else None  # the first draft, not a blank
        self.show_draft()

    def show_draft(self) -> None:
        if self.report is None or self.draft_choice.value is None:
            self.draft.value = message_html(("note", "No thank-you letters to draft."))
            return
        self.draft.value = draft_html(self.report.drafts.iloc[self.draft_choice.value])

    def clear(self) -> None:
        """Nothing open: every table and the drafts empty."""
        self.report = None
        self.plans.clear()
        self.draft.value = ""
        self.draft_choice.options = []
        for name in self.tab_names:
            self.tables[name].value = ""
            self.more[name].layout.display = "none"
            self.shown[name] = PAGE_ROWS


def _named(interviewer: str) -> str:
    """How a draft's interviewer reads in the chooser (a thank-you to someone not named
    has no name)."""
    return "interviewer not named" if interviewer == s.UNNAMED_INTERVIEWER else interviewer
