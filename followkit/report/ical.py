"""What is due, as an iCalendar file (SPEC §8), made with the ``icalendar`` package.

One all-day event per action of the report's To Do list: an overdue action
sits on the as-of date ("overdue since …"), the others on their due date.
Each event's UID is a hash of what the action is (interview, interviewer or
client, and the action), never of its date, so importing next week's file
updates the events instead of adding copies. Calendars sync to cloud
services, so by default a client appears by first name and last initial and
no phone number or email is written; ``include_contacts=True`` puts them in.
(Not named ``calendar``: that would shadow the standard library's module.)
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Hashable, Mapping
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from followkit.core import schema as s
from followkit.core.io import atomic_path
from followkit.report.build import Report
from followkit.report.letters import call_scripts
from followkit.rules import engine as r

PRODID = "-//followkit//interview follow-ups//EN"
UID_DOMAIN = "followkit"
NO_PHONE = "the number in your tracker"


def short_name(name: str) -> str:
    """First name and last initial: ``'Diego Hernandez'`` → ``'Diego H.'``.

    >>> short_name("Ana  de la Cruz"), short_name("Zoë"), short_name("")
    ('Ana C.', 'Zoë', '')
    """
    parts = name.split()
    if len(parts) < 2:
        return name.strip()
    return f"{parts[0]} {parts[-1][0].upper()}."


def action_uid(action: str, *, interview_id: str, interviewer: str, client_id: str) -> str:
    """The event's UID: the same action gives the same UID on every run and date."""
    who = client_id if action == r.KEEP_HUNTING else f"{interview_id}|{interviewer}"
    key = f"{action}|{who}".casefold().encode("utf-8")
    return f"{hashlib.sha256(key).hexdigest()[:32]}@{UID_DOMAIN}"


def _title(row: Mapping[Hashable, Any], client: str) -> str:
    action, employer, position = row[r.ACTION], row[s.EMPLOYER], row[s.POSITION]
    job = f", {position}" if position else ""
    if action == r.FOLLOW_UP_CALL:
        return f"Call {employer}: {client}{job}"
    if action == r.SEND_THANK_YOU:
        return f"Thank-you to {row[s.INTERVIEWER]} ({employer}): {client}"
    if action == r.ASK_DECISION:
        return f"Ask decision date, {employer}: {client}{job}"
    if action == r.ALERT_REFERENCES:
        return f"Alert references: {client} ({employer}{job})"
    if action == r.GET_NAMES:
        return f"Get interviewer names, {employer}: {client}{job}"
    if action == r.KEEP_HUNTING:
        return f"Keep job hunting: {client}"
    return f"{action}, {employer}: {client}{job}"  # a registered step (followkit.rules.steps)


def _when(todo: pd.DataFrame, as_of: date) -> tuple[list[date], list[str]]:
    """Each event's day (overdue ones: the as-of date) and its status line."""
    due = todo[r.DUE_DATE].dt.date.tolist()
    shown = r.format_days(todo[r.DUE_DATE]).tolist()
    days, lines = [], []
    for day, text, status in zip(due, shown, todo[r.STATUS].astype(str), strict=True):
        if status == r.OVERDUE:
            late = (as_of - day).days
            days.append(as_of)
            lines.append(f"Overdue since {text} ({late} day{'s' * (late != 1)})")
        else:
            days.append(day)
            lines.append("Due today" if status == r.DUE_TODAY else f"Due {text}")
    return days, lines


def calendar_bytes(report: Report, *, stamp: datetime, include_contacts: bool = False
                   ) -> bytes:
    """The report's To Do list as an iCalendar file (bytes).

    ``stamp`` is the DTSTAMP of every event (when the file was made; the
    caller reads the clock, not this module).
    """
    from icalendar import Calendar, Event

    todo = report.table("To Do").reset_index(drop=True)
    if not include_contacts:
        todo[s.CLIENT_NAME] = todo[s.CLIENT_NAME].map(short_name)
    scripts = _call_scripts(report, todo, include_contacts)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "followkit follow-ups")
    days, statuses = _when(todo, report.as_of)
    for row, day, status in zip(todo.to_dict("records"), days, statuses, strict=True):
        lines = [status, f"{row[r.ACTION]} for {row[s.CLIENT_NAME]} ({row[s.WORKER]}'s "
                         "client)" if row[s.WORKER] else f"{row[r.ACTION]}",
                 f"Why: {row[r.DETAILS]}"]
        if include_contacts and row[r.CONTACT]:
            lines.append(f"Contact: {row[r.CONTACT]}")
        if row[r.ACTION] == r.FOLLOW_UP_CALL and row[s.INTERVIEW_ID] in scripts:
            lines.append(f"Call script: {scripts[row[s.INTERVIEW_ID]]}")
        event = Event()
        event.add("uid", action_uid(row[r.ACTION], interview_id=row[s.INTERVIEW_ID],
                                    interviewer=row[s.INTERVIEWER],
                                    client_id=row[s.CLIENT_ID]))
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", _title(row, row[s.CLIENT_NAME]))
        event.add("description", "\n\n".join(lines))
        event.add("categories", [str(row[r.STATUS])])
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
