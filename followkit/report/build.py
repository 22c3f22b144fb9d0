"""Queues, rollups and the summary: what the worker reads, as DataFrames.

Nothing here reads or writes a file; :mod:`followkit.report.workbook` turns a
:class:`Report` into a workbook and :mod:`followkit.dashboard.widgets` into tabs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

import numpy as np
import pandas as pd

from followkit.core import schema as s
from followkit.core.errors import FollowkitError
from followkit.core.policy import DEFAULT_POLICY, FollowUpPolicy
from followkit.reading.issue_groups import group_lines
from followkit.reading.load import Caseload
from followkit.report.clients import (  # the Clients sheet; its names stay importable here
    CLIENT_COLUMNS as CLIENT_COLUMNS,
)
from followkit.report.clients import (
    NO_OPEN_ACTIONS as NO_OPEN_ACTIONS,
)
from followkit.report.clients import (
    NOT_EVALUATED,
    clients_rollup,
    with_applications,
)
from followkit.report.letters import (
    DEFAULT_TEMPLATE,
    LetterTemplate,
    call_scripts,
    thank_you_drafts,
)
from followkit.report.supervisor import SUPERVISOR_COLUMNS, SupervisorView, period, supervisor_view
from followkit.report.wording import plural
from followkit.rules import engine as r
from followkit.rules import steps
from followkit.rules.clock import stamp
from followkit.rules.steps import CALL_SCRIPT, DRAFT_EMAIL, Status

# SPEC §8: the keys that say which action a row is, so a filled-in report can be
# recorded back into the tracker (Interviewer is filled on thank-you rows only).
RECORD_KEYS = [s.INTERVIEW_ID, s.INTERVIEWER]
TODO_COLUMNS = [
    r.DUE_DATE, r.STATUS, r.DAYS_OVERDUE, r.ACTION, s.CLIENT_ID, s.CLIENT_NAME, s.WORKER,
    s.EMPLOYER, s.POSITION, s.INTERVIEW_DATE, r.CONTACT, r.DETAILS, *RECORD_KEYS,
]
NOT_TRACKED, NOT_YET = "Not tracked", "Not yet"
SUMMARY, TODO = steps.SHEETS_BEFORE


def list_names() -> tuple[str, ...]:
    """The action lists: To Do, then one per step sheet of the registry."""
    return (TODO, *steps.sheets())


def list_columns(name: str) -> list[str]:
    """The columns of action list ``name``: the To Do's, then what its steps add."""
    return [*TODO_COLUMNS, *(() if name == TODO else steps.sheet_columns(name))]


def sheet_order() -> tuple[str, ...]:
    """Every sheet of the report, in order (SPEC §5)."""
    return (SUMMARY, *list_names(), *steps.SHEETS_AFTER)


def dashboard_tabs() -> tuple[str, ...]:
    """The dashboard's tabs (by sheet name; titles from :func:`steps.tab_title`): the
    lists, then Clients, Supervisor and Data Issues."""
    return (*list_names(), *(n for n in steps.SHEETS_AFTER
                             if n not in ("Interviews", "Applications")))


@dataclass(frozen=True, eq=False)
class Report:
    """Every table of the report, ready to show or export (SPEC §5).

    The counts (summary, clients, interview statuses) are computed when the
    report is built; the action lists (To Do, Thank-Yous, Calls, ...) and the
    letter drafts are built the first time they are asked for, so a dashboard
    that shows one tab, or a worker filter, costs only what is shown.
    """

    as_of: date
    source: str
    info: list[tuple[str, str]]
    summary: pd.DataFrame
    clients: pd.DataFrame
    interviews: pd.DataFrame
    issues: pd.DataFrame
    open_actions: r.Actions
    policy: FollowUpPolicy = DEFAULT_POLICY
    template: LetterTemplate = DEFAULT_TEMPLATE
    not_tracked: tuple[str, ...] = field(default=())
    contact_columns: tuple[str, ...] = field(default=())
    supervisor_period: tuple[date, date] | None = None  # first and last day (SPEC §9)
    _evaluated: r.Actions | None = field(default=None, repr=False)  # all, not only open
    _kept: np.ndarray | None = field(default=None, repr=False)
    # Rows used as job applications or listed opportunities (SPEC §2.1, §5).
    applications: pd.DataFrame = field(default_factory=pd.DataFrame)
    _lists: dict[str, tuple[r.Actions, pd.DataFrame]] = field(
        default_factory=dict, repr=False)
    _texts: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The sheets after Summary, by sheet name, in SPEC order."""
        return {name: self.table(name) for name in sheet_order()[1:]}

    def columns(self, name: str) -> list[str]:
        """The columns of sheet ``name``, without building it."""
        if name in list_names():
            return list_columns(name)
        if name == "Supervisor":
            return list(SUPERVISOR_COLUMNS)
        return list(self.table(name).columns)

    def table(self, name: str, *, text: bool = True,
              rows: np.ndarray | None = None) -> pd.DataFrame:
        """Sheet ``name``. For an action list, ``rows`` (positions in its order)
        picks rows, and ``text=False`` leaves out the columns built row by row
        (Contact, Details, Draft Email, Call Script)."""
        fixed = {"Clients": self.clients, "Interviews": self.interviews,
                 "Applications": self.applications, "Data Issues": self.issues}
        if name in fixed:
            return fixed[name]
        if name == "Supervisor":
            return self.supervisor.table
        if text and rows is None:  # a whole list with its text: built once, then kept
            if name not in self._texts:
                self._texts[name] = self._list(name, text=True, rows=None)
            return self._texts[name]
        return self._list(name, text=text, rows=rows)

    def _list(self, name: str, *, text: bool, rows: np.ndarray | None) -> pd.DataFrame:
        columns = list_columns(name)
        actions, frame = self._ordered(name)
        if rows is not None:
            rows = np.asarray(rows, dtype=np.int64)
            actions = actions.take(rows)
            frame = frame.iloc[rows].reset_index(drop=True)
        out = frame.copy()
        if text:
            contact, details = actions.text({c: frame[c].to_numpy() for c in frame.columns})
            out[r.CONTACT] = pd.Series(contact, dtype=object)
            out[r.DETAILS] = pd.Series(details, dtype=object)
            if DRAFT_EMAIL in columns:
                drafts = thank_you_drafts(actions.caseload, out, template=self.template,
                                          links_only=True)
                out[DRAFT_EMAIL] = drafts[DRAFT_EMAIL].reindex(out.index).fillna(
                    "").astype(object)
            if CALL_SCRIPT in columns:
                out[CALL_SCRIPT] = call_scripts(actions.caseload, out, as_of=self.as_of,
                                                policy=self.policy)
        else:
            columns = [c for c in columns if c not in TEXT_COLUMNS]
        out[r.STATUS] = out[r.STATUS].astype(str)
        out[r.ACTION] = out[r.ACTION].astype(str)
        return out[columns]

    def _ordered(self, name: str) -> tuple[r.Actions, pd.DataFrame]:
        """The actions of list ``name`` in report order, and their table without text."""
        if name not in self._lists:
            actions = self.open_actions.where(self._listed(name))
            frame = actions.frame(text=False)
            order = frame.assign(_rank=actions.data.status).sort_values(
                [r.DUE_DATE, "_rank", s.WORKER, s.CLIENT_NAME], kind="stable").index
            actions = actions.take(order.to_numpy())
            self._lists[name] = (actions, frame.iloc[order].reset_index(drop=True))
        return self._lists[name]

    def _listed(self, name: str) -> np.ndarray:
        """The open actions on list ``name``: for To Do, those Overdue, due today, or
        upcoming within the policy's horizon, but not the stale list's (it is its own
        group); else those of the sheet's steps."""
        table = self.open_actions.data
        if name != TODO:
            return np.isin(table.action, steps.codes_of(name))
        horizon = np.datetime64(self.as_of, "D") + np.timedelta64(
            self.policy.upcoming_horizon_days, "D")
        return (((table.status != Status.UPCOMING) | (table.due <= horizon))
                & ~np.isin(table.action, steps.off_to_do()))

    @property
    def todo(self) -> pd.DataFrame:
        return self.table("To Do")

    @property
    def thank_yous(self) -> pd.DataFrame:
        return self.table("Thank-Yous")

    @property
    def calls(self) -> pd.DataFrame:
        return self.table("Calls")

    @property
    def references(self) -> pd.DataFrame:
        return self.table("References")

    @property
    def decision_dates(self) -> pd.DataFrame:
        return self.table("Decision Dates")

    @property
    def job_search(self) -> pd.DataFrame:
        return self.table("Job Search")

    @cached_property
    def drafts(self) -> pd.DataFrame:
        """One thank-you draft per open Send thank-you, in the order of the actions."""
        thanks = self.open_actions.where(self.open_actions.data.action
                                         == steps.Action.SEND_THANK_YOU)
        return thank_you_drafts(thanks.caseload, thanks.frame(text=False),
                                template=self.template).reset_index(drop=True)

    @cached_property
    def supervisor(self) -> SupervisorView:
        """The Supervisor sheet's tables (SPEC §9), computed the first time they are asked for."""
        evaluated = self._evaluated
        if evaluated is None:
            evaluated = r.evaluate(self.open_actions.caseload, as_of=self.as_of,
                                   policy=self.policy)
        start, end = self.supervisor_period or period(self.as_of)
        return supervisor_view(evaluated, start=start, end=end, kept=self._kept)

    def counts(self) -> pd.DataFrame:
        """Open actions per action and status, all workers together."""
        open_ = self.summary[self.summary[s.WORKER] == ALL_WORKERS]
        return open_.drop(columns=[s.WORKER]).set_index(r.ACTION)


ALL_WORKERS = "All workers"
TEXT_COLUMNS = (*r.TEXT_COLUMNS, DRAFT_EMAIL, CALL_SCRIPT)


def build_report(
    caseload: Caseload,
    actions: r.Actions,
    *,
    as_of: date,
    policy: FollowUpPolicy = DEFAULT_POLICY,
    workers: list[str] | None = None,
    generated_at: datetime | None = None,
    template: LetterTemplate = DEFAULT_TEMPLATE,
    period_from: date | None = None,
    period_to: date | None = None,
) -> Report:
    """Assemble the report from a caseload and its evaluated actions (:func:`rules.evaluate`).

    ``workers`` keeps only those workers' clients (names compare
    case-insensitively); unknown names are an error listing the known ones.
    ``period_from``/``period_to`` set the Supervisor sheet's period (default:
    the 12 weeks ending on ``as_of``).
    """
    supervisor_period = period(as_of, start=period_from, end=period_to)
    interviews, original, issues = caseload.interviews, caseload.original, caseload.issues
    worker, names = caseload.keys.worker, caseload.keys.workers
    kept = np.ones(len(interviews), dtype=bool)
    if workers:
        keep = workers = select_workers(caseload, workers)  # the tracker's spelling
        kept = np.isin(worker, names.get_indexer(pd.Index(keep)))
        actions = actions.where(kept[actions.data.iv])
        interviews, original = interviews[kept], original[kept]
        issues = issues[issues[s.WORKER].isin(keep) | (issues[s.WORKER] == "")]
    open_ = actions.where(actions.is_open())
    not_tracked = tuple(x.label for x in steps.by_code() if not x.is_tracked(caseload))
    return Report(
        as_of=as_of,
        source=caseload.source,
        info=_info(caseload, interviews, actions.by_interview.started[kept], issues,
                   as_of, policy, workers, generated_at, not_tracked),
        summary=summarize(open_, worker, names),
        clients=with_applications(clients_rollup(caseload, kept, open_), caseload,
                                  as_of=as_of, everyone=not workers),
        interviews=interview_statuses(caseload, kept, actions),
        issues=issues.reset_index(drop=True),
        open_actions=open_,
        policy=policy,
        template=template,
        not_tracked=not_tracked,
        contact_columns=caseload.contact_columns,
        supervisor_period=supervisor_period,
        _evaluated=actions,
        _kept=kept,
        applications=_applications_sheet(caseload, workers),
    )


def _applications_sheet(caseload: Caseload, workers: list[str] | None) -> pd.DataFrame:
    """The Applications sheet: with a worker filter, the rows of that worker's clients."""
    listed = caseload.listed.reset_index(drop=True)
    if not workers:
        return listed
    keep = {w.casefold().strip() for w in workers}
    iv = caseload.interviews
    clients = set(iv.loc[iv[s.WORKER].str.casefold().str.strip().isin(keep), s.CLIENT_ID])
    return listed[listed[s.CLIENT_ID].isin(clients)].reset_index(drop=True)


def select_workers(caseload: Caseload, workers: list[str]) -> list[str]:
    """The tracker's spellings of the requested workers; unknown names are an error."""
    known = {w.casefold().strip(): w for w in caseload.interviews[s.WORKER].unique()}
    unknown = [w for w in workers if w.casefold().strip() not in known]
    if unknown:
        shown = ", ".join(repr(w) for w in sorted(known.values()) if w) or "none"
        raise FollowkitError(f"no interviews for worker {unknown[0]!r}; workers in the "
                             f"tracker: {shown}")
    return [known[w.casefold().strip()] for w in workers]


def summarize(open_actions: r.Actions, worker: np.ndarray, names: pd.Index) -> pd.DataFrame:
    """Counts of Overdue / Due today / Upcoming per worker and action, then all workers.

    ``worker`` is the worker code of each interview row (``pd.factorize``) and
    ``names`` the workers; the counts are one ``bincount`` on the codes.
    """
    statuses = list(r.OPEN_STATUSES)
    labels = steps.labels()
    n_w, n_a, n_s = len(names), len(labels), len(statuses)
    who = worker[open_actions.data.iv]
    action = open_actions.data.action.astype(np.int64)
    status = open_actions.data.status.astype(np.int64)  # open: 0..2, as in statuses
    counts = np.bincount((who * n_a + action) * n_s + status,
                         minlength=n_w * n_a * n_s).reshape(n_w * n_a, n_s)
    pairs = np.flatnonzero(counts.sum(axis=1) > 0)
    per = pd.DataFrame(counts[pairs], columns=statuses)
    per.insert(0, r.ACTION, np.asarray(labels, dtype=object)[pairs % n_a])
    per.insert(0, s.WORKER, np.asarray(names, dtype=object)[pairs // n_a])
    per = per.iloc[np.lexsort((pairs % n_a, per[s.WORKER].to_numpy(dtype=str)))]
    total = pd.DataFrame(counts.reshape(n_w, n_a, n_s).sum(axis=0), columns=statuses)
    total.insert(0, r.ACTION, list(labels))
    total.insert(0, s.WORKER, ALL_WORKERS)
    out = pd.concat([per, total], ignore_index=True)
    out["Total"] = out[statuses].sum(axis=1)
    for column in (s.WORKER, r.ACTION):
        out[column] = out[column].astype(object)
    return out.astype({c: "int64" for c in [*statuses, "Total"]})


_NONE, _NOT_YET, _NOT_EVALUATED, _NOT_TRACKED = range(len(Status), len(Status) + 4)
_STEP_STATUS = np.array([*r.STATUSES, r.NOT_NEEDED, NOT_YET, NOT_EVALUATED, NOT_TRACKED],
                        dtype=object)  # by Status code, then the four codes above


def interview_statuses(caseload: Caseload, kept: np.ndarray, actions: r.Actions
                       ) -> pd.DataFrame:
    """Every input interview row (of ``kept``), original columns, plus a status per step.

    Each step column (:attr:`steps.Step.status_column`) shows the most urgent
    status of its steps' actions on that row (several thank-yous of one
    interview: the most urgent); a step per client shows the client's, on its
    open interviews. A row with none is Not needed.
    """
    interviews = caseload.interviews
    n = len(interviews)
    started = actions.by_interview.started
    ok = interviews[s.OK].to_numpy(dtype=bool)
    rows = np.flatnonzero(kept)
    everyone = len(rows) == n
    original = caseload.original
    out = original.reset_index(drop=True) if everyone else \
        original.iloc[rows].reset_index(drop=True)
    for column, members in steps.status_columns().items():
        code = _step_status(caseload, actions, members)
        code[~started] = _NOT_YET
        code[~ok] = _NOT_EVALUATED
        out[column] = pd.Series(_STEP_STATUS[code if everyone else code[rows]], dtype=object)
    return out


def _step_status(caseload: Caseload, actions: r.Actions, members: list[steps.Step]
                 ) -> np.ndarray:
    """Per interview row, the most urgent Status code of the actions of ``members``."""
    n = len(caseload.interviews)
    if not all(step.is_tracked(caseload) for step in members):
        return np.full(n, _NOT_TRACKED, dtype=np.int8)
    table = actions.data
    mine = np.isin(table.action, [step.code for step in members])
    at, status = table.iv[mine], table.status[mine]
    if any(step.one_per is steps.OnePer.CLIENT for step in members):
        client = caseload.keys.client
        by_client = np.full(len(caseload.keys.clients) + 1, _NONE, dtype=np.int8)  # +1: none
        np.minimum.at(by_client, client[at], status)
        return np.where(caseload.keys.open, by_client[client], np.int8(_NONE))
    by_row = np.full(n, _NONE, dtype=np.int8)
    np.minimum.at(by_row, at, status)
    return by_row


def _info(caseload: Caseload, interviews: pd.DataFrame, started: np.ndarray,
          issues: pd.DataFrame, as_of: date, policy: FollowUpPolicy,
          workers: list[str] | None, generated_at: datetime | None,
          not_tracked: tuple[str, ...]) -> list[tuple[str, str]]:
    ok = interviews[s.OK].to_numpy()
    errors = int((issues["Severity"] == "error").sum())
    info = [
        ("As of", f"{as_of:%A} {as_of.day} {as_of:%B %Y}"),
        ("Input file", caseload.source),
        ("Generated at", stamp(generated_at) if generated_at else ""),
        ("Workers", ", ".join(workers) if workers else "all"),
        ("Interview rows", str(len(interviews))),
        ("Application rows", str(int((caseload.listed["Kind"] == "Application").sum()))),
        ("Listed opportunities (not evaluated)", str(int(
            (caseload.listed["Kind"] == "Listed opportunity").sum()))),
        ("Evaluated", str(int((ok & started).sum()))),
        ("Not yet held (after the as-of date)", str(int((ok & ~started).sum()))),
        ("Not evaluated (errors, see Data Issues)", str(int((~ok).sum()))),
        ("Data issues", f"{plural(errors, 'error')}, {plural(len(issues) - errors, 'warning')}"),
        ("Steps not tracked", ", ".join(
            f"step {step.number} {step.label} ({step.not_tracked_why})"
            for step in map(steps.find, not_tracked)) or "none"),
        ("Policy", f"thank-you {policy.thank_you_business_days} business day(s); references "
                   f"{policy.references_business_days} business day(s); first call "
                   f"{policy.first_call_days} days, then every {policy.call_interval_days} "
                   f"days (at least {policy.min_days_between_calls} apart); job search every "
                   f"{policy.job_search_interval_days} days; "
                   f"{_stale_words(policy.stale_after_weeks)}; holidays "
                   f"{policy.holiday_country}-{policy.holiday_subdivision or 'all'}; "
                   f"time zone {policy.timezone or 'not set'}"),
    ]
    kinds = group_lines(issues, most=SUMMARY_KINDS)
    at = next(i for i, (key, _) in enumerate(info) if key == "Data issues") + 1
    info[at:at] = [("Data issues by kind" if i == 0 else "", line)
                   for i, line in enumerate(kinds)]
    if caseload.skipped_sheets:
        info.append(("Sheets not read", ", ".join(caseload.skipped_sheets)))
    return info


def _stale_words(weeks: int) -> str:
    """The Summary's words for the policy's ``stale_after_weeks``."""
    if weeks <= 0:
        return "never stale"
    return f"stale after {plural(weeks, 'week')} without activity"


SUMMARY_KINDS = 10  # kinds of data issue named on the Summary (the rest: Data Issues)
