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
from followkit.load import Caseload
from followkit.policy import DEFAULT_POLICY, FollowUpPolicy
from followkit.validate import lookup

TODO_COLUMNS = [
    r.DUE_DATE, r.STATUS, r.DAYS_OVERDUE, r.ACTION, s.CLIENT_ID, s.CLIENT_NAME, s.WORKER,
    s.EMPLOYER, s.POSITION, s.INTERVIEW_DATE, r.CONTACT, r.DETAILS,
]
THANK_YOU_COLUMNS = [*TODO_COLUMNS, s.INTERVIEWER, s.EMAIL]
CALL_COLUMNS = [*TODO_COLUMNS, s.EMPLOYER_PHONE, r.CALLS_MADE, r.LAST_CALL, s.DECISION_DATE]
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
    return Report(
        as_of=as_of,
        source=caseload.source,
        info=_info(caseload, interviews, issues, as_of, policy, workers, generated_at,
                   not_tracked),
        summary=summarize(open_),
        todo=_queue(open_[soon], TODO_COLUMNS),
        thank_yous=_queue(open_[open_[r.ACTION].isin([r.SEND_THANK_YOU, r.GET_NAMES])],
                          THANK_YOU_COLUMNS),
        calls=_queue(open_[open_[r.ACTION] == r.FOLLOW_UP_CALL], CALL_COLUMNS),
        references=_queue(open_[open_[r.ACTION] == r.ALERT_REFERENCES], TODO_COLUMNS),
        decision_dates=_queue(open_[open_[r.ACTION] == r.ASK_DECISION], TODO_COLUMNS),
        job_search=_queue(open_[open_[r.ACTION] == r.KEEP_HUNTING], TODO_COLUMNS),
        clients=clients_rollup(interviews, actions, as_of=as_of),
        interviews=interview_statuses(interviews, original, actions, as_of=as_of,
                                      tracks_job_search=caseload.tracks_job_search),
        issues=issues.reset_index(drop=True),
        not_tracked=not_tracked,
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
    """One row per client: open interviews, counts per status, next action, worst status."""
    iv = interviews[interviews[s.CLIENT_ID] != ""]
    started = iv[s.INTERVIEW_DATE].to_numpy("datetime64[D]") <= np.datetime64(as_of, "D")
    is_open = iv["_ok"] & iv[s.OUTCOME].isin(s.OPEN_OUTCOMES) & started
    base = iv.groupby(s.CLIENT_ID, sort=False).agg(
        **{s.CLIENT_NAME: (s.CLIENT_NAME, _first_text), s.WORKER: (s.WORKER, _first_text)})
    base["Open Interviews"] = is_open.groupby(iv[s.CLIENT_ID], sort=False).sum()
    open_ = actions[actions[r.STATUS].isin(r.OPEN_STATUSES)]
    counts = pd.crosstab(open_[s.CLIENT_ID], open_[r.STATUS].astype(str)).reindex(
        columns=list(r.OPEN_STATUSES), fill_value=0)
    counts.columns = ["Overdue", "Due Today", "Upcoming"]
    base = base.join(counts).fillna({"Overdue": 0, "Due Today": 0, "Upcoming": 0})
    ranked = open_.assign(_rank=open_[r.STATUS].map(_RANK).astype(int))
    first = ranked.sort_values([r.DUE_DATE, "_rank"], kind="stable").drop_duplicates(
        s.CLIENT_ID).set_index(s.CLIENT_ID)
    base["Next Action"] = first[r.ACTION].astype(str).reindex(base.index).fillna("")
    base["Next Due"] = first[r.DUE_DATE].reindex(base.index)
    worst = ranked.groupby(s.CLIENT_ID)["_rank"].min().map(
        {v: k for k, v in _RANK.items()})
    base["Status"] = worst.reindex(base.index).fillna(NO_OPEN_ACTIONS)
    evaluated = iv["_ok"].groupby(iv[s.CLIENT_ID], sort=False).any()
    base.loc[~evaluated.reindex(base.index, fill_value=False), "Status"] = NOT_EVALUATED
    for c in ("Open Interviews", "Overdue", "Due Today", "Upcoming"):
        base[c] = base[c].astype("int64")
    base = base.reset_index()
    base["_rank"] = base["Status"].map(_RANK).fillna(9)
    base = base.sort_values(["_rank", "Next Due", s.CLIENT_NAME], kind="stable")
    return base[CLIENT_COLUMNS].reset_index(drop=True)


def _first_text(values: pd.Series) -> str:
    filled = values[values != ""]
    return str(filled.iloc[0]) if len(filled) else ""


def interview_statuses(interviews: pd.DataFrame, original: pd.DataFrame,
                       actions: pd.DataFrame, *, as_of: date,
                       tracks_job_search: bool) -> pd.DataFrame:
    """Every input interview row, original columns, plus one status column per step."""
    out = original.copy()
    ranked = actions.assign(_rank=actions[r.STATUS].map(_RANK).astype(int))
    worst = ranked.groupby([s.INTERVIEW_ID, r.STEP])["_rank"].min().unstack()
    by_client = ranked[ranked[r.STEP] == 5].groupby(s.CLIENT_ID)["_rank"].min()
    names = {v: k for k, v in _RANK.items()}
    started = interviews[s.INTERVIEW_DATE].to_numpy("datetime64[D]") <= np.datetime64(
        as_of, "D")
    ok = interviews["_ok"].to_numpy()
    is_open = interviews[s.OUTCOME].isin(s.OPEN_OUTCOMES).to_numpy()
    for step, column in STEP_COLUMNS.items():
        if step == 5:
            rank = lookup(interviews[s.CLIENT_ID], by_client.astype(float)).where(is_open)
        else:
            rank = lookup(interviews[s.INTERVIEW_ID],
                          worst[step] if step in worst else pd.Series(dtype=float))
        status = rank.map(names).fillna(r.NOT_NEEDED).to_numpy(dtype=object)
        if step == 5 and not tracks_job_search:
            status[:] = NOT_TRACKED
        status = np.where(started, status, NOT_YET)
        status = np.where(ok, status, NOT_EVALUATED)
        out[column] = status
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
