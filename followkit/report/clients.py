"""The Clients sheet (SPEC §5): one row per client, from the open actions.

Client IDs are factorised once (``caseload.keys``); every count is a
``bincount`` on the codes, every "first" or "smallest" a ``ufunc.at``.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from followkit.core import schema as s
from followkit.reading.load import Caseload
from followkit.rules import engine as r
from followkit.rules import steps
from followkit.rules.steps import Status

CLIENT_COLUMNS = [
    s.CLIENT_ID, s.CLIENT_NAME, s.WORKER, "Open Interviews", "Overdue", "Due Today",
    "Upcoming", "Next Action", "Next Due", "Status", "Applications", "Last Application",
]
NO_OPEN_ACTIONS = "No open actions"
NOT_EVALUATED = "Not evaluated"


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
    started = open_actions.by_interview.started[rows]
    ok = interviews[s.OK].to_numpy(dtype=bool)[rows]
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

    owner = client_of[open_actions.data.iv]
    rank = open_actions.data.status.astype(np.int64)  # a Status.open() code
    k = len(Status.open())
    counts = np.bincount(owner * k + rank, minlength=n * k).reshape(n, k)
    for status, column in zip(Status.open(), ("Overdue", "Due Today", "Upcoming"),
                              strict=True):
        columns[column] = counts[:, status]
    next_action, next_due = _next_action(open_actions, owner, rank, n)
    columns["Next Action"], columns["Next Due"] = next_action, next_due
    worst = _worst(owner, rank, n)
    evaluated = np.bincount(codes, weights=ok, minlength=n) > 0
    state = np.where(worst < k, worst, np.where(evaluated, k, k + 1))
    columns["Status"] = np.array([*r.OPEN_STATUSES, NO_OPEN_ACTIONS, NOT_EVALUATED],
                                 dtype=object)[state]
    # Sorted by status, next due date (none last), then name.
    when = next_due.view(np.int64).copy()
    when[np.isnat(next_due)] = np.iinfo(np.int64).max
    name, _ = pd.factorize(columns[s.CLIENT_NAME], sort=True)
    order = np.lexsort((name, when, state))
    return pd.DataFrame({c: r.plain_column(columns[c][order]) for c in CLIENT_COLUMNS
                         if c in columns})


def _next_action(open_actions: r.Actions, owner: np.ndarray, rank: np.ndarray, n: int
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Each owner's next action and its due date: earliest due date, then most urgent
    status, then first listed. One integer key holds all three, so the smallest key
    per owner picks it."""
    due = open_actions.data.due
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
    next_action[owners] = np.asarray(steps.labels(), dtype=object)[
        open_actions.data.action[chosen]]
    next_due = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    next_due[owners] = due[chosen]
    return next_action, next_due


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
    out["Last Application"] = pd.Series(pd.to_datetime(pd.Series(
        [lasts.get(c) for c in ids], dtype=object)), dtype="datetime64[ns]")
    return out[CLIENT_COLUMNS]


def _worst(owner: np.ndarray, rank: np.ndarray, n: int) -> np.ndarray:
    """The most urgent open Status per owner (len(Status) for none), by one bincount
    per status (no ufunc.at)."""
    worst = np.full(n, len(Status))
    for value in reversed(Status.open()):
        worst[np.bincount(owner[rank == value], minlength=n) > 0] = value
    return worst
