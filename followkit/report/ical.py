"""What is due, as an iCalendar file (SPEC §8), made with the ``icalendar`` package.

**One all-day event per client per day**, holding that client's actions of
the report's To Do list due that day: an overdue action sits on the as-of date
("overdue since …"), the others on their due date (the To Do holds those
within the policy's horizon; the stale list is not on it). So a day reads as a
list of people, not a flood of actions.

Each event's UID is a hash of the client (Client ID, or the name when the ID
is blank) and the day, so importing next week's file updates that day's events
instead of adding copies. The title says for whom and what first
(``Diego H.: call Oakridge Landscaping (+2 more)``); the description lists each
action with its status, Details and, for a call, the call script. Calendars
sync to cloud services, so by default a client appears by first name and last
initial and no phone number or email is written; ``include_contacts=True``
puts them in. Per-action text is built with column operations; the only loop
is over the events. (Not named ``calendar``: that would shadow the standard
library's module.)
"""

from __future__ import annotations

import hashlib
import os
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
from icalendar import Calendar, Event

from followkit.core import schema as s
from followkit.core.io import atomic_path
from followkit.report.build import Report
from followkit.report.letters import call_scripts
from followkit.rules import engine as r

PRODID = "-//followkit//interview follow-ups//EN"
UID_DOMAIN = "followkit"
NO_PHONE = "the number in your tracker"


class DayEvent(NamedTuple):
    """One event: a client's actions on one day."""

    uid: str
    day: date
    title: str
    description: str
    status: str  # the most urgent status of its actions
    actions: int


def short_name(name: str) -> str:
    """First name and last initial: ``'Diego Hernandez'`` → ``'Diego H.'``.

    >>> short_name("Ana  de la Cruz"), short_name("Zoë"), short_name("")
    ('Ana C.', 'Zoë', '')
    """
    parts = name.split()
    if len(parts) < 2:
        return name.strip()
    return f"{parts[0]} {parts[-1][0].upper()}."


def event_uid(client: str, day: date) -> str:
    """The event's UID: the same client and day give the same UID on every run.

    >>> event_uid("C-17", date(2026, 11, 20)) == event_uid("c-17 ", date(2026, 11, 20))
    True
    """
    key = f"{client.strip()}|{day.isoformat()}".casefold().encode("utf-8")
    return f"{hashlib.sha256(key).hexdigest()[:32]}@{UID_DOMAIN}"


def _phrases(todo: pd.DataFrame) -> pd.Series:
    """What each action asks, as a title reads it: 'call Oakridge Landscaping'."""
    action = todo[r.ACTION].astype(str)
    employer, person = todo[s.EMPLOYER].astype(str), todo[s.INTERVIEWER].astype(str)
    other = action.str[:1].str.lower() + action.str[1:] + ", " + employer
    choices = {
        r.FOLLOW_UP_CALL: "call " + employer,
        r.SEND_THANK_YOU: "thank-you" + (" to " + person).where(
            person != s.UNNAMED_INTERVIEWER, "") + ", " + employer,
        r.ASK_DECISION: "ask " + employer + " for a decision date",
        r.ALERT_REFERENCES: "alert references for " + employer,
        r.GET_NAMES: "get interviewer names at " + employer,
        r.KEEP_HUNTING: pd.Series("keep job hunting", index=todo.index),
    }
    out = other.copy()
    for label, text in choices.items():
        out = out.where(action != label, text)
    return out


def _status_lines(todo: pd.DataFrame, as_of: date) -> tuple[np.ndarray, pd.Series]:
    """Each action's day (overdue ones: the as-of date) and its status words."""
    due = todo[r.DUE_DATE].to_numpy("datetime64[D]")
    overdue = (todo[r.STATUS].astype(str) == r.OVERDUE).to_numpy()
    day = np.where(overdue, np.datetime64(as_of, "D"), due)
    late = (np.datetime64(as_of, "D") - due).astype(np.int64)
    shown = r.format_days(due)
    days = pd.Series(np.char.mod("%d", late), dtype=object) + np.where(late == 1, " day",
                                                                        " days")
    today = todo[r.STATUS].astype(str).to_numpy() == r.DUE_TODAY
    words = np.where(overdue, "overdue since " + shown + " (" + days + ")",
                     np.where(today, "due today", "due " + shown))
    return day, pd.Series(words, dtype=object)


def _blocks(report: Report, todo: pd.DataFrame, include_contacts: bool) -> pd.Series:
    """One paragraph per action: what, its status, why, and the contact or call script."""
    _, status = _status_lines(todo, report.as_of)
    position = todo[s.POSITION].astype(str)
    job = np.where((position != "") & (todo[r.ACTION].astype(str) != r.KEEP_HUNTING),
                   " (" + position + ")", "")
    phrase = _phrases(todo)
    what: pd.Series = phrase.str[:1].str.upper() + phrase.str[1:] + job
    text = what + ": " + status + "\nWhy: " + todo[r.DETAILS].astype(str)
    if include_contacts:
        contact = todo[r.CONTACT].astype(str)
        text = text + np.where(contact != "", "\nContact: " + contact, "")
    scripts = _call_scripts(report, todo, include_contacts)
    script = todo[s.INTERVIEW_ID].map(scripts).where(
        todo[r.ACTION].astype(str) == r.FOLLOW_UP_CALL)
    return text + np.where(script.notna(), "\nCall script: " + script.fillna(""), "")


def events(report: Report, *, include_contacts: bool = False) -> list[DayEvent]:
    """The report's To Do list, one :class:`DayEvent` per client and day (by day, then
    title). The actions keep the To Do's order inside an event (the longest overdue first)."""
    todo = report.table("To Do").reset_index(drop=True)
    if not include_contacts:
        todo[s.CLIENT_NAME] = todo[s.CLIENT_NAME].map(short_name)
    day, _ = _status_lines(todo, report.as_of)
    client_id = todo[s.CLIENT_ID].astype(str).str.strip()
    key = client_id.where(client_id != "", "name:" + todo[s.CLIENT_NAME].astype(str))
    group = pd.factorize(key + "|" + pd.Series(day.astype(str), dtype=object))[0]
    order = np.argsort(group, kind="stable")  # each event's actions in To Do order
    starts = np.flatnonzero(np.r_[True, np.diff(group[order]) != 0])
    rank = todo[r.STATUS].map({v: i for i, v in enumerate(r.STATUSES)}).to_numpy(int)
    columns = {
        "day": day[order].astype(object), "key": key.to_numpy(object)[order],
        "name": todo[s.CLIENT_NAME].to_numpy(str)[order],
        "worker": todo[s.WORKER].to_numpy(str)[order],
        "phrase": _phrases(todo).to_numpy(str)[order],
        "block": _blocks(report, todo, include_contacts).to_numpy(str)[order]}
    worst = np.minimum.reduceat(rank[order], starts) if len(order) else rank
    ends = [*starts[1:], len(order)]
    out = [_event(columns, int(a), int(b), r.STATUSES[int(w)])
           for a, b, w in zip(starts, ends, worst, strict=True)]
    return sorted(out, key=lambda e: (e.day, e.title.casefold(), e.uid))


def _event(columns: dict[str, np.ndarray], first: int, end: int, status: str) -> DayEvent:
    """The event of the actions ``first`` .. ``end - 1`` (one client, one day); ``status``
    the most urgent of theirs."""
    more, day = end - first - 1, columns["day"][first]
    name, worker = str(columns["name"][first]), str(columns["worker"][first])
    whose = f" ({worker}'s client)" if worker else ""
    count = f"{more + 1} follow-ups" if more else "1 follow-up"
    title = f"{name}: {columns['phrase'][first]}" + (f" (+{more} more)" if more else "")
    description = "\n\n".join([f"{name}{whose}: {count}", *columns["block"][first:end]])
    return DayEvent(uid=event_uid(str(columns["key"][first]), day), day=day, title=title,
                    description=description, status=status, actions=more + 1)


def calendar_bytes(report: Report, *, stamp: datetime, include_contacts: bool = False
                   ) -> bytes:
    """The report's To Do list as an iCalendar file (bytes), one event per client per day.

    ``stamp`` is the DTSTAMP of every event (when the file was made; the
    caller reads the clock, not this module).
    """
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "followkit follow-ups")
    for item in events(report, include_contacts=include_contacts):
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", item.title)
        event.add("description", item.description)
        event.add("categories", [item.status])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return bytes(cal.to_ical())


def _call_scripts(report: Report, todo: pd.DataFrame, include_contacts: bool
                  ) -> dict[str, str]:
    """The call script of each To Do call, by Interview ID, with the privacy defaults."""
    ids = set(todo.loc[todo[r.ACTION] == r.FOLLOW_UP_CALL, s.INTERVIEW_ID])
    if not ids:
        return {}
    calls = report.table("Calls", text=False)
    calls = calls[calls[s.INTERVIEW_ID].isin(ids)].copy()
    if not include_contacts:  # the client speaks the script: their first name will do
        calls[s.CLIENT_NAME] = calls[s.CLIENT_NAME].map(lambda n: n.split()[0] if n else n)
        calls[s.EMPLOYER_PHONE] = NO_PHONE
    scripts = call_scripts(report.open_actions.caseload, calls, as_of=report.as_of,
                           policy=report.policy)
    return dict(zip(calls[s.INTERVIEW_ID], scripts.astype(str), strict=True))


def write_calendar(report: Report, path: str | os.PathLike[str], *, stamp: datetime,
                   include_contacts: bool = False,
                   protect: tuple[str | os.PathLike[str], ...] = ()) -> Path:
    """Write :func:`calendar_bytes` to ``path`` atomically; return the path."""
    data = calendar_bytes(report, stamp=stamp, include_contacts=include_contacts)
    with atomic_path(path, protect=protect) as tmp:
        tmp.write_bytes(data)
    return Path(path)
