"""Queues, rollups and the summary: what the worker reads, as DataFrames.

Nothing here reads or writes a file; :mod:`followkit.export` turns a
:class:`Report` into a workbook and :mod:`followkit.widgets` into tabs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np
import pandas as pd

from followkit import rules as r
from followkit import schema as s
from followkit.errors import FollowkitError
from followkit.letters import DEFAULT_TEMPLATE, LetterTemplate, call_scripts, thank_you_drafts
from followkit.load import Caseload
from followkit.policy import DEFAULT_POLICY, FollowUpPolicy

TODO_COLUMNS = [
    r.DUE_DATE, r.STATUS, r.DAYS_OVERDUE, r.ACTION, s.CLIENT_ID, s.CLIENT_NAME, s.WORKER,
    s.EMPLOYER, s.POSITION, s.INTERVIEW_DATE, r.CONTACT, r.DETAILS,
]
THANK_YOU_COLUMNS = [*TODO_COLUMNS, s.INTERVIEWER, s.EMAIL, "Draft Email"]
CALL_COLUMNS = [*TODO_COLUMNS, s.EMPLOYER_PHONE, r.CALLS_MADE, r.LAST_CALL, s.DECISION_DATE,
                "Call Script"]
CLIENT_COLUMNS = [
    s.CLIENT_ID, s.CLIENT_NAME, s.WORKER, "Open Interviews", "Overdue", "Due Today",
    "Upcoming", "Next Action", "Next Due", "Status",
]
NO_OPEN_ACTIONS = "No open actions"
STEP_COLUMNS = {
    1: "Step 1 Decision Date", 2: "Step 2 References", 3: "Step 3 Thank-Yous",
    4: "Step 4 Calls", 5: "Step 5 Job Search",
}
NOT_TRACKED, NOT_YET, NOT_EVALUATED = "Not tracked", "Not yet", "Not evaluated"
SHEET_ORDER = ("Summary", "To Do", "Thank-Yous", "Calls", "References", "Decision Dates",
               "Job Search", "Clients", "Interviews", "Data Issues")
_RANK = {r.OVERDUE: 0, r.DUE_TODAY: 1, r.UPCOMING: 2, r.NOT_NEEDED: 3, r.DONE: 4}


@dataclass(frozen=True)
class Report:
    """Every table of the report, ready to show or export (SPEC §5)."""

    as_of: date
    source: str
    info: list[tuple[str, str]]
    summary: pd.DataFrame
    todo: pd.DataFrame
    thank_yous: pd.DataFrame
    calls: pd.DataFrame
    references: pd.DataFrame
    decision_dates: pd.DataFrame
    job_search: pd.DataFrame
    clients: pd.DataFrame
    interviews: pd.DataFrame
    issues: pd.DataFrame
    not_tracked: tuple[str, ...] = field(default=())
    contact_columns: tuple[str, ...] = field(default=())
    drafts: pd.DataFrame = field(default_factory=pd.DataFrame)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The sheets after Summary, by sheet name, in SPEC order."""
        return {
            "To Do": self.todo, "Thank-Yous": self.thank_yous, "Calls": self.calls,
            "References": self.references, "Decision Dates": self.decision_dates,
            "Job Search": self.job_search, "Clients": self.clients,
            "Interviews": self.interviews, "Data Issues": self.issues,
        }

    def counts(self) -> pd.DataFrame:
        """Open actions per action and status, all workers together."""
        open_ = self.summary[self.summary[s.WORKER] == ALL_WORKERS]
        return open_.drop(columns=[s.WORKER]).set_index(r.ACTION)


ALL_WORKERS = "All workers"


def build_report(
    caseload: Caseload,
    actions: pd.DataFrame,
    *,
    as_of: date,
    policy: FollowUpPolicy = DEFAULT_POLICY,
    workers: list[str] | None = None,
    generated_at: datetime | None = None,
    template: LetterTemplate = DEFAULT_TEMPLATE,
) -> Report:
    """Assemble every table of the report from a caseload and its actions.

    ``workers`` keeps only those workers' clients (names compare
    case-insensitively); unknown names are an error listing the known ones.
    """
    interviews, original, issues = caseload.interviews, caseload.original, caseload.issues
    if workers:
        keep = select_workers(caseload, workers)
        actions = actions[actions[s.WORKER].isin(keep)]
        mask = interviews[s.WORKER].isin(keep)
        interviews, original = interviews[mask], original[mask]
        issues = issues[issues[s.WORKER].isin(keep) | (issues[s.WORKER] == "")]
    open_ = actions[actions[r.STATUS].isin(r.OPEN_STATUSES)]
    horizon = np.datetime64(as_of, "D") + np.timedelta64(policy.upcoming_horizon_days, "D")
    soon = (open_[r.STATUS] != r.UPCOMING) | (open_[r.DUE_DATE].to_numpy("datetime64[D]")
                                              <= horizon)
    not_tracked = () if caseload.tracks_job_search else (r.KEEP_HUNTING,)
    drafts = thank_you_drafts(caseload, open_, template=template)
    thanks = open_[open_[r.ACTION].isin([r.SEND_THANK_YOU, r.GET_NAMES])].assign(
        **{"Draft Email": drafts["Draft Email"]})
    thanks["Draft Email"] = thanks["Draft Email"].fillna("").astype(object)
    calls = open_[open_[r.ACTION] == r.FOLLOW_UP_CALL]
    calls = calls.assign(**{"Call Script": call_scripts(caseload, calls, as_of=as_of,
                                                        policy=policy)})
    return Report(
        as_of=as_of,
        source=caseload.source,
        info=_info(caseload, interviews, issues, as_of, policy, workers, generated_at,
                   not_tracked),
        summary=summarize(open_),
        todo=_queue(open_[soon], TODO_COLUMNS),
        thank_yous=_queue(thanks, THANK_YOU_COLUMNS),
        calls=_queue(calls, CALL_COLUMNS),
        references=_queue(open_[open_[r.ACTION] == r.ALERT_REFERENCES], TODO_COLUMNS),
        decision_dates=_queue(open_[open_[r.ACTION] == r.ASK_DECISION], TODO_COLUMNS),
        job_search=_queue(open_[open_[r.ACTION] == r.KEEP_HUNTING], TODO_COLUMNS),
        clients=clients_rollup(interviews, actions, as_of=as_of),
        interviews=interview_statuses(interviews, original, actions, as_of=as_of,
                                      tracks_job_search=caseload.tracks_job_search),
        issues=issues.reset_index(drop=True),
        not_tracked=not_tracked,
        contact_columns=caseload.contact_columns,
        drafts=drafts.reset_index(drop=True),
    )


def select_workers(caseload: Caseload, workers: list[str]) -> list[str]:
    """The tracker's spellings of the requested workers; unknown names are an error."""
    known = {w.casefold().strip(): w for w in caseload.interviews[s.WORKER].unique()}
    unknown = [w for w in workers if w.casefold().strip() not in known]
    if unknown:
        shown = ", ".join(repr(w) for w in sorted(known.values()) if w) or "none"
        raise FollowkitError(f"no interviews for worker {unknown[0]!r}; workers in the "
                             f"tracker: {shown}")
    return [known[w.casefold().strip()] for w in workers]


def _queue(actions: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    ordered = actions.assign(_rank=actions[r.STATUS].map(_RANK).astype(int)).sort_values(
        [r.DUE_DATE, "_rank", s.WORKER, s.CLIENT_NAME], kind="stable")
    out = ordered[columns].reset_index(drop=True)
    out[r.STATUS] = out[r.STATUS].astype(str)
    out[r.ACTION] = out[r.ACTION].astype(str)
    return out


def summarize(open_actions: pd.DataFrame) -> pd.DataFrame:
    """Counts of Overdue / Due today / Upcoming per worker and action, then all workers."""
    statuses = list(r.OPEN_STATUSES)
    per = pd.crosstab([open_actions[s.WORKER], open_actions[r.ACTION].astype(str)],
                      open_actions[r.STATUS].astype(str))
    per = per.reindex(columns=statuses, fill_value=0)
    total = pd.crosstab(open_actions[r.ACTION].astype(str),
                        open_actions[r.STATUS].astype(str))
    total = total.reindex(index=[a for a in r.ACTIONS], columns=statuses, fill_value=0)
    total.index = pd.MultiIndex.from_product([[ALL_WORKERS], total.index])
    out = pd.concat([per, total])
    out.index.names = [s.WORKER, r.ACTION]
    out = out.reset_index()
    out["_a"] = out[r.ACTION].map({a: i for i, a in enumerate(r.ACTIONS)})
    out["_w"] = out[s.WORKER] == ALL_WORKERS
    out = out.sort_values(["_w", s.WORKER, "_a"], kind="stable").drop(columns=["_a", "_w"])
    out["Total"] = out[statuses].sum(axis=1)
    out.columns.name = None
    return out.reset_index(drop=True).astype({c: "int64" for c in [*statuses, "Total"]})


def clients_rollup(interviews: pd.DataFrame, actions: pd.DataFrame, *,
                   as_of: date) -> pd.DataFrame:
    """One row per client: open interviews, counts per status, next action, worst status.

    Client IDs are factorised once; every count is a ``bincount`` on the codes.
    """
    iv = interviews[interviews[s.CLIENT_ID] != ""]
    codes, clients = pd.factorize(iv[s.CLIENT_ID])
    n = len(clients)
    started = iv[s.INTERVIEW_DATE].to_numpy("datetime64[D]") <= np.datetime64(as_of, "D")
    ok = iv["_ok"].to_numpy(dtype=bool)
    is_open = ok & iv[s.OUTCOME].isin(s.OPEN_OUTCOMES).to_numpy() & started
    base = pd.DataFrame({s.CLIENT_ID: np.asarray(clients, dtype=object)})
    for column in (s.CLIENT_NAME, s.WORKER):
        values = iv[column].to_numpy(dtype=object)
        first = np.full(n, "", dtype=object)
        filled = np.flatnonzero(values != "")[::-1]  # reversed: the first one is kept
        first[codes[filled]] = values[filled]
        base[column] = first
    base["Open Interviews"] = np.bincount(codes, weights=is_open, minlength=n).astype("int64")

    open_ = actions[actions[r.STATUS].isin(r.OPEN_STATUSES)]
    owner = pd.Index(clients).get_indexer(open_[s.CLIENT_ID])
    rank = _ranks(open_[r.STATUS])
    counts = np.bincount(owner * 3 + rank, minlength=n * 3).reshape(n, 3)
    for i, column in enumerate(("Overdue", "Due Today", "Upcoming")):
        base[column] = counts[:, i].astype("int64")
    due = open_[r.DUE_DATE].to_numpy("datetime64[D]")
    order = np.lexsort((rank, due))
    owners, first_at = np.unique(owner[order], return_index=True)
    chosen = order[first_at]
    next_action = np.full(n, "", dtype=object)
    next_action[owners] = open_[r.ACTION].astype(str).to_numpy(dtype=object)[chosen]
    next_due = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    next_due[owners] = open_[r.DUE_DATE].to_numpy("datetime64[ns]")[chosen]
    base["Next Action"] = next_action
    base["Next Due"] = next_due
    worst = np.full(n, 9)
    np.minimum.at(worst, owner, rank)
    evaluated = np.bincount(codes, weights=ok, minlength=n) > 0
    status = np.select([worst == 0, worst == 1, worst == 2, ~evaluated],
                       [r.OVERDUE, r.DUE_TODAY, r.UPCOMING, NOT_EVALUATED], NO_OPEN_ACTIONS)
    base["Status"] = status.astype(object)
    base["_rank"] = np.where(evaluated, worst, 10)
    base = base.sort_values(["_rank", "Next Due", s.CLIENT_NAME], kind="stable")
    return base[CLIENT_COLUMNS].reset_index(drop=True)


def _ranks(statuses: pd.Series) -> np.ndarray:
    """Status ranks (0 Overdue … 4 Done) from the categorical codes, no string compare."""
    by_code = np.array([_RANK[c] for c in statuses.cat.categories])
    return by_code[statuses.cat.codes.to_numpy()]


def interview_statuses(interviews: pd.DataFrame, original: pd.DataFrame,
                       actions: pd.DataFrame, *, as_of: date,
                       tracks_job_search: bool) -> pd.DataFrame:
    """Every input interview row, original columns, plus one status column per step."""
    out = original.copy()
    ids = pd.Index(pd.unique(interviews[s.INTERVIEW_ID]))
    clients = pd.Index(pd.unique(interviews[s.CLIENT_ID]))
    rank = _ranks(actions[r.STATUS])
    step = actions[r.STEP].to_numpy()
    by_interview = np.full((len(ids) + 1, 6), 9)  # the extra row collects "no interview"
    np.minimum.at(by_interview, (ids.get_indexer(actions[s.INTERVIEW_ID]), step), rank)
    by_client = np.full(len(clients) + 1, 9)
    hunting = step == 5
    np.minimum.at(by_client, clients.get_indexer(actions.loc[hunting, s.CLIENT_ID]),
                  rank[hunting])
    names = np.array([r.OVERDUE, r.DUE_TODAY, r.UPCOMING, r.NOT_NEEDED, r.DONE] + [""] * 5,
                     dtype=object)
    names[9] = r.NOT_NEEDED
    started = interviews[s.INTERVIEW_DATE].to_numpy("datetime64[D]") <= np.datetime64(
        as_of, "D")
    ok = interviews["_ok"].to_numpy()
    is_open = interviews[s.OUTCOME].isin(s.OPEN_OUTCOMES).to_numpy()
    row_ids = ids.get_indexer(interviews[s.INTERVIEW_ID])
    row_clients = clients.get_indexer(interviews[s.CLIENT_ID])
    for number, column in STEP_COLUMNS.items():
        if number == 5:
            status = names[np.where(is_open, by_client[row_clients], 9)]
            if not tracks_job_search:
                status = np.full(len(status), NOT_TRACKED, dtype=object)
        else:
            status = names[by_interview[row_ids, number]]
        status = np.where(started, status, NOT_YET)
        out[column] = np.where(ok, status, NOT_EVALUATED)
    return out.reset_index(drop=True)


def _info(caseload: Caseload, interviews: pd.DataFrame, issues: pd.DataFrame, as_of: date,
          policy: FollowUpPolicy, workers: list[str] | None, generated_at: datetime | None,
          not_tracked: tuple[str, ...]) -> list[tuple[str, str]]:
    started = interviews[s.INTERVIEW_DATE].to_numpy("datetime64[D]") <= np.datetime64(
        as_of, "D")
    ok = interviews["_ok"].to_numpy()
    errors = int((issues["Severity"] == "error").sum())
    info = [
        ("As of", f"{as_of:%A} {as_of.day} {as_of:%B %Y}"),
        ("Input file", caseload.source),
        ("Generated at", generated_at.strftime("%Y-%m-%d %H:%M") if generated_at else ""),
        ("Workers", ", ".join(workers) if workers else "all"),
        ("Interview rows", str(len(interviews))),
        ("Evaluated", str(int((ok & started).sum()))),
        ("Not yet held (after the as-of date)", str(int((ok & ~started).sum()))),
        ("Not evaluated (errors, see Data Issues)", str(int((~ok).sum()))),
        ("Data issues", f"{errors} errors, {len(issues) - errors} warnings"),
        ("Steps not tracked", ", ".join(
            f"step 5 {a} (no Job Search sheet or Last Application Date column)"
            for a in not_tracked) or "none"),
        ("Policy", f"thank-you {policy.thank_you_business_days} business day(s); references "
                   f"{policy.references_business_days} business day(s); first call "
                   f"{policy.first_call_days} days, then every {policy.call_interval_days} "
                   f"days (at least {policy.min_days_between_calls} apart); job search every "
                   f"{policy.job_search_interval_days} days; holidays "
                   f"{policy.holiday_country}-{policy.holiday_subdivision or 'all'}"),
    ]
    if caseload.skipped_sheets:
        info.append(("Sheets not read", ", ".join(caseload.skipped_sheets)))
    return info
