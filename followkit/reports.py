"""Queues, rollups and the summary: what the worker reads, as DataFrames.

Nothing here reads or writes a file; :mod:`followkit.export` turns a
:class:`Report` into a workbook and :mod:`followkit.widgets` into tabs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

import numpy as np
import pandas as pd

from followkit import rules as r
from followkit import schema as s
from followkit.clock import stamp
from followkit.errors import FollowkitError
from followkit.letters import DEFAULT_TEMPLATE, LetterTemplate, call_scripts, thank_you_drafts
from followkit.load import Caseload
from followkit.policy import DEFAULT_POLICY, FollowUpPolicy
from followkit.supervisor import SUPERVISOR_COLUMNS, SupervisorView, period, supervisor_view
from followkit.wording import plural

# SPEC §8: the keys that say which action a row is, so a filled-in report can be
# recorded back into the tracker (Interviewer is filled on thank-you rows only).
RECORD_KEYS = [s.INTERVIEW_ID, s.INTERVIEWER]
TODO_COLUMNS = [
    r.DUE_DATE, r.STATUS, r.DAYS_OVERDUE, r.ACTION, s.CLIENT_ID, s.CLIENT_NAME, s.WORKER,
    s.EMPLOYER, s.POSITION, s.INTERVIEW_DATE, r.CONTACT, r.DETAILS, *RECORD_KEYS,
]
THANK_YOU_COLUMNS = [*TODO_COLUMNS, s.EMAIL, "Draft Email"]
CALL_COLUMNS = [*TODO_COLUMNS, s.EMPLOYER_PHONE, r.CALLS_MADE, r.LAST_CALL, s.DECISION_DATE,
                "Call Script"]
CLIENT_COLUMNS = [
    s.CLIENT_ID, s.CLIENT_NAME, s.WORKER, "Open Interviews", "Overdue", "Due Today",
    "Upcoming", "Next Action", "Next Due", "Status", "Applications", "Last Application",
]
NO_OPEN_ACTIONS = "No open actions"
STEP_COLUMNS = {
    1: "Step 1 Decision Date", 2: "Step 2 References", 3: "Step 3 Thank-Yous",
    4: "Step 4 Calls", 5: "Step 5 Job Search",
}
NOT_TRACKED, NOT_YET, NOT_EVALUATED = "Not tracked", "Not yet", "Not evaluated"
SHEET_ORDER = ("Summary", "To Do", "Thank-Yous", "Calls", "References", "Decision Dates",
               "Job Search", "Clients", "Supervisor", "Interviews", "Applications",
               "Data Issues")


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
        return {name: self.table(name) for name in SHEET_ORDER[1:]}

    def columns(self, name: str) -> list[str]:
        """The columns of sheet ``name``, without building it."""
        if name in LISTS:
            return list(LISTS[name][0])
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
        columns, _ = LISTS[name]
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
            actions = self.open_actions.where(LISTS[name][1](self))
            frame = actions.frame(text=False)
            rank = _RANK_BY_CODE[actions.codes(r.STATUS)]
            order = frame.assign(_rank=rank).sort_values(
                [r.DUE_DATE, "_rank", s.WORKER, s.CLIENT_NAME], kind="stable").index
            actions = actions.take(order.to_numpy())
            self._lists[name] = (actions, frame.iloc[order].reset_index(drop=True))
        return self._lists[name]

    def _is(self, *names: str) -> np.ndarray:
        return np.isin(self.open_actions.codes(r.ACTION), [r.ACTIONS.index(a) for a in names])

    def _soon(self) -> np.ndarray:
        """Overdue, due today, or upcoming within the policy's horizon (the To Do list)."""
        horizon = np.datetime64(self.as_of, "D") + np.timedelta64(
            self.policy.upcoming_horizon_days, "D")
        return ((self.open_actions.codes(r.STATUS) != r.STATUSES.index(r.UPCOMING))
                | (self.open_actions["due"] <= horizon))

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
        thanks = self.open_actions.where(self._is(r.SEND_THANK_YOU))
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
DRAFT_EMAIL, CALL_SCRIPT = "Draft Email", "Call Script"
TEXT_COLUMNS = (*r.TEXT_COLUMNS, DRAFT_EMAIL, CALL_SCRIPT)
LISTS: dict[str, tuple[list[str], Callable[[Report], np.ndarray]]] = {
    "To Do": (TODO_COLUMNS, Report._soon),
    "Thank-Yous": (THANK_YOU_COLUMNS, lambda rep: rep._is(r.SEND_THANK_YOU, r.GET_NAMES)),
    "Calls": (CALL_COLUMNS, lambda rep: rep._is(r.FOLLOW_UP_CALL)),
    "References": (TODO_COLUMNS, lambda rep: rep._is(r.ALERT_REFERENCES)),
    "Decision Dates": (TODO_COLUMNS, lambda rep: rep._is(r.ASK_DECISION)),
    "Job Search": (TODO_COLUMNS, lambda rep: rep._is(r.KEEP_HUNTING)),
}


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
        kept = np.isin(worker, names.get_indexer(keep))
        actions = actions.where(kept[actions["iv"]])
        interviews, original = interviews[kept], original[kept]
        issues = issues[issues[s.WORKER].isin(keep) | (issues[s.WORKER] == "")]
    open_ = actions.where(actions.is_open())
    not_tracked = () if caseload.tracks_job_search else (r.KEEP_HUNTING,)
    return Report(
        as_of=as_of,
        source=caseload.source,
        info=_info(caseload, interviews, actions.by_interview["started"][kept], issues,
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
    n_w, n_a, n_s = len(names), len(r.ACTIONS), len(statuses)
    who = worker[open_actions["iv"]]
    action = open_actions.codes(r.ACTION).astype(np.int64)
    status = open_actions.codes(r.STATUS).astype(np.int64)  # open: 0..2, as in statuses
    counts = np.bincount((who * n_a + action) * n_s + status,
                         minlength=n_w * n_a * n_s).reshape(n_w * n_a, n_s)
    pairs = np.flatnonzero(counts.sum(axis=1) > 0)
    per = pd.DataFrame(counts[pairs], columns=statuses)
    per.insert(0, r.ACTION, np.asarray(r.ACTIONS, dtype=object)[pairs % n_a])
    per.insert(0, s.WORKER, np.asarray(names, dtype=object)[pairs // n_a])
    per = per.iloc[np.lexsort((pairs % n_a, per[s.WORKER].to_numpy(dtype=str)))]
    total = pd.DataFrame(counts.reshape(n_w, n_a, n_s).sum(axis=0), columns=statuses)
    total.insert(0, r.ACTION, list(r.ACTIONS))
    total.insert(0, s.WORKER, ALL_WORKERS)
    out = pd.concat([per, total], ignore_index=True)
    out["Total"] = out[statuses].sum(axis=1)
    for column in (s.WORKER, r.ACTION):
        out[column] = out[column].astype(object)
    return out.astype({c: "int64" for c in [*statuses, "Total"]})


def clients_rollup(caseload: Caseload, kept: np.ndarray, open_actions: r.Actions
                   ) -> pd.DataFrame:
    """One row per client: open interviews, counts per status, next action, worst status.

    ``kept`` marks the interview rows reported (a worker filter). Client IDs
    are factorised once (``caseload.keys``); every count is a ``bincount`` on
    the codes, every "first" or "smallest" a ``ufunc.at``.
    """
    interviews, keys = caseload.interviews, caseload.keys
    blank = keys.blank_client
    if blank < 0 and kept.all() and (keys.client >= 0).all():
        rows, codes, clients = np.arange(len(interviews)), keys.client, keys.clients
    else:  # codes 0..n-1 in order of first appearance among these rows, as factorize does
        rows = np.flatnonzero(kept & (keys.client != blank) & (keys.client >= 0))
        found, first_at = np.unique(keys.client[rows], return_index=True)
        found = found[np.argsort(first_at)]
        recode = np.full(len(keys.clients) + 1, -1, dtype=np.int64)
        recode[found] = np.arange(len(found))
        codes = recode[keys.client[rows]]
        clients = keys.clients[found]
    n = len(clients)
    client_of = np.full(len(interviews) + 1, -1, dtype=np.int64)
    client_of[rows] = codes
    started = open_actions.by_interview["started"][rows]
    ok = interviews["_ok"].to_numpy(dtype=bool)[rows]
    is_open = ok & keys.open[rows] & started
    if keys.later_round is not None:  # an application's earlier rounds are not counted
        is_open &= ~keys.later_round[rows]
    columns: dict[str, np.ndarray] = {s.CLIENT_ID: np.asarray(clients, dtype=object)}
    for column in (s.CLIENT_NAME, s.WORKER):  # each client's first non-blank value
        values = interviews[column].to_numpy(dtype=object)[rows]
        filled = np.flatnonzero(values != "")
        at = np.full(n, len(values), dtype=np.int64)
        np.minimum.at(at, codes[filled], filled)
        columns[column] = np.append(values, "")[at]
    columns["Open Interviews"] = np.bincount(codes, weights=is_open, minlength=n).astype(
        "int64")

    owner = client_of[open_actions["iv"]]
    rank = _RANK_BY_CODE[open_actions.codes(r.STATUS)]
    counts = np.bincount(owner * 3 + rank, minlength=n * 3).reshape(n, 3)
    for i, column in enumerate(("Overdue", "Due Today", "Upcoming")):
        columns[column] = counts[:, i]
    # The next action: earliest due date, then most urgent status, then first listed.
    # One integer key holds all three, so the smallest key per client picks it.
    due = open_actions["due"]
    key = due.view(np.int64) * 8  # (in place from here: this runs on millions of rows)
    key += rank
    key <<= 32
    key |= np.arange(len(due), dtype=np.int64)
    none = np.iinfo(np.int64).max
    smallest = np.full(n, none)
    np.minimum.at(smallest, owner, key)
    owners = np.flatnonzero(smallest < none)
    chosen = smallest[owners] & 0xFFFFFFFF
    next_action = np.full(n, "", dtype=object)
    next_action[owners] = np.asarray(r.ACTIONS, dtype=object)[
        open_actions.codes(r.ACTION)[chosen]]
    next_due = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    next_due[owners] = due[chosen]
    columns["Next Action"], columns["Next Due"] = next_action, next_due
    worst = _worst(owner, rank, n)
    evaluated = np.bincount(codes, weights=ok, minlength=n) > 0
    state = np.where(worst <= 2, worst, np.where(evaluated, 3, 4))
    columns["Status"] = np.array([r.OVERDUE, r.DUE_TODAY, r.UPCOMING, NO_OPEN_ACTIONS,
                                  NOT_EVALUATED], dtype=object)[state]
    # Sorted by status, next due date (none last), then name.
    when = next_due.view(np.int64).copy()
    when[np.isnat(next_due)] = none
    name, _ = pd.factorize(columns[s.CLIENT_NAME], sort=True)
    order = np.lexsort((name, when, state))
    return pd.DataFrame({c: r.plain_column(columns[c][order]) for c in CLIENT_COLUMNS
                         if c in columns})


def with_applications(clients: pd.DataFrame, caseload: Caseload, *, as_of: date,
                      everyone: bool) -> pd.DataFrame:
    """Add each client's job applications made by ``as_of`` (count, latest date); with
    ``everyone`` (no worker filter), clients known only from applications are added
    at the end (SPEC §2.1: one person's list of applications)."""
    apps = caseload.applications
    on = apps[s.APPLICATION_DATE]
    made = apps[on.notna() & (on <= pd.Timestamp(as_of))]
    grouped = made.groupby(s.CLIENT_ID)[s.APPLICATION_DATE]
    count, last = grouped.size(), grouped.max()
    out = clients.copy()
    if everyone:
        listed = caseload.listed
        names = dict(zip(listed[s.CLIENT_ID], listed[s.CLIENT_NAME], strict=True))
        known = set(out[s.CLIENT_ID])
        new = [c for c in dict.fromkeys([*made[s.CLIENT_ID], *listed[s.CLIENT_ID]])
               if c and c not in known]
        if new:
            extra = pd.DataFrame({s.CLIENT_ID: new, s.CLIENT_NAME: [names.get(c, c) for c in
                                                                     new]})
            extra[s.WORKER] = ""
            for column in ("Open Interviews", "Overdue", "Due Today", "Upcoming"):
                extra[column] = 0
            extra["Next Action"], extra["Next Due"] = "", pd.NaT
            extra["Status"] = NO_OPEN_ACTIONS
            out = pd.concat([out, extra], ignore_index=True)
    ids = out[s.CLIENT_ID].tolist()
    counts, lasts = count.to_dict(), last.to_dict()
    out["Applications"] = pd.Series([int(counts.get(c, 0)) for c in ids], dtype="int64")
    out["Last Application"] = pd.Series(pd.to_datetime([lasts.get(c) for c in ids]),
                                        dtype="datetime64[ns]")
    return out[CLIENT_COLUMNS]


def _worst(owner: np.ndarray, rank: np.ndarray, n: int) -> np.ndarray:
    """The smallest rank per owner (9 for none), by three bincounts (no ufunc.at)."""
    worst = np.full(n, 9)
    for value in (2, 1, 0):
        worst[np.bincount(owner[rank == value], minlength=n) > 0] = value
    return worst


_RANK = {r.OVERDUE: 0, r.DUE_TODAY: 1, r.UPCOMING: 2, r.NOT_NEEDED: 3, r.DONE: 4}
_RANK_BY_CODE = np.array([_RANK[x] for x in r.STATUSES], dtype=np.int64)


def interview_statuses(caseload: Caseload, kept: np.ndarray, actions: r.Actions
                       ) -> pd.DataFrame:
    """Every input interview row (of ``kept``), original columns, plus a status per step."""
    interviews = caseload.interviews
    n = len(interviews)
    rank = _RANK_BY_CODE.astype(np.int8)[actions.codes(r.STATUS)]
    step = r.STEP_BY_CODE.astype(np.int8)[actions.codes(r.ACTION)]
    at = actions["iv"]
    # The most urgent rank (0 Overdue ... 4 Done; 9 none) per step and interview row;
    # several thank-yous of one interview show the most urgent.
    by_row = np.full((5, n), 9, dtype=np.int8)
    for number in (1, 2, 3, 4):
        mine = step == number
        np.minimum.at(by_row[number], at[mine], rank[mine])
    client = caseload.keys.client
    by_client = np.full(len(caseload.keys.clients) + 1, 9, dtype=np.int8)  # +1: no client
    hunting = step == 5
    np.minimum.at(by_client, client[at[hunting]], rank[hunting])
    names = np.array([r.OVERDUE, r.DUE_TODAY, r.UPCOMING, r.NOT_NEEDED, r.DONE, *[""] * 4,
                      r.NOT_NEEDED, NOT_YET, NOT_EVALUATED, NOT_TRACKED], dtype=object)
    started = actions.by_interview["started"]
    ok = interviews["_ok"].to_numpy(dtype=bool)
    rows = np.flatnonzero(kept)
    everyone = len(rows) == n
    original = caseload.original
    out = original.reset_index(drop=True) if everyone else \
        original.iloc[rows].reset_index(drop=True)
    for number, column in STEP_COLUMNS.items():
        if number == 5:
            code = np.where(caseload.keys.open, by_client[client], np.int8(9))
            if not caseload.tracks_job_search:
                code = np.full(n, 12, dtype=np.int8)  # NOT_TRACKED
        else:
            code = by_row[number]
        code[~started] = 10  # NOT_YET
        code[~ok] = 11  # NOT_EVALUATED
        out[column] = pd.Series(names[code if everyone else code[rows]], dtype=object)
    return out


def _info(caseload: Caseload, interviews: pd.DataFrame, started: np.ndarray,
          issues: pd.DataFrame, as_of: date, policy: FollowUpPolicy,
          workers: list[str] | None, generated_at: datetime | None,
          not_tracked: tuple[str, ...]) -> list[tuple[str, str]]:
    ok = interviews["_ok"].to_numpy()
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
            f"step 5 {a} (no Job Search sheet or Last Application Date column)"
            for a in not_tracked) or "none"),
        ("Policy", f"thank-you {policy.thank_you_business_days} business day(s); references "
                   f"{policy.references_business_days} business day(s); first call "
                   f"{policy.first_call_days} days, then every {policy.call_interval_days} "
                   f"days (at least {policy.min_days_between_calls} apart); job search every "
                   f"{policy.job_search_interval_days} days; holidays "
                   f"{policy.holiday_country}-{policy.holiday_subdivision or 'all'}; "
                   f"time zone {policy.timezone or 'not set'}"),
    ]
    if caseload.skipped_sheets:
        info.append(("Sheets not read", ", ".join(caseload.skipped_sheets)))
    return info
