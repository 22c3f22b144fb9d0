"""Dated events written in one cell (issue #21, item 3).

Apps and careful people keep an application's history in one cell: events
``date|event`` (or ``date: text``, ``date - text``) separated by ``;`` or line
breaks, e.g. ``10 Nov 2026|RECRUITER INTERVIEW #1; 11 Nov 2026|THANK-YOU SENT``.
A column whose cells mostly hold such events is an events column
(:func:`holds_events`). Its interview events are the application's interview
rounds (read like the dates of a stage column, :mod:`followkit.reading.stages`),
and a follow-up sent on or after the last interview is a contact with the
employer (a call made). A call or meeting with someone (``23 Mar 2026: 30-minute
call with the manager``) is the interview only on a row whose status says it had
one and that has no other interview date, with a warning. What an event is comes from the words of
:mod:`followkit.reading.vocab`; an event that says neither is left as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from followkit.reading.values import cell_text, is_blank, parse_date_cell
from followkit.reading.vocab import activity_kind, says_interview, word_key

EVENTS = "Events"  # a column of dated events: interview rounds and follow-ups (issue #21)

_SPLIT = re.compile(r"\s*(?:;|\n|\r)\s*")
# "<date> | <event>", "<date>: <event>" (not the colon of a time), "<date> - <event>".
_EVENT = re.compile(r"^\s*(?P<day>[^|;]+?)\s*(?:\||:(?!\d)|\s[-\u2013\u2014]\s)\s*"
                    r"(?P<what>\S.*)$")
INTERVIEW, FOLLOW_UP, THANK_YOU, MEETING = "interview", "follow-up", "thank-you", "meeting"
# A call or meeting with someone: an interview only on a row whose status says so.
_MEETING = re.compile(r"(?i)\b(?:call|meeting|met|chat|spoke|talked|conversation|zoom|teams)"
                      r"\b.*\b(?:with|at)\b|\b(?:video|phone|zoom|teams) call\b")


def events_in(value: Any) -> list[tuple[str, str]]:
    """The ``(date text, event)`` pairs of a cell, those whose date part reads as a date.

    >>> events_in("10 Nov 2026|RECRUITER INTERVIEW #1; 11 Nov 2026|THANK-YOU SENT")
    [('10 Nov 2026', 'RECRUITER INTERVIEW #1'), ('11 Nov 2026', 'THANK-YOU SENT')]
    >>> events_in("23 Mar 2026: 30-minute call with the manager")
    [('23 Mar 2026', '30-minute call with the manager')]
    >>> events_in("called back: nice people")
    []
    """
    if not isinstance(value, str):
        return []
    found = []
    for part in _SPLIT.split(value.strip()):
        m = _EVENT.match(part)
        if m and parse_date_cell(m["day"]).value is not None:
            found.append((m["day"], m["what"].strip()))
    return found


def event_kind(text: str) -> str:
    """``interview``, ``follow-up``, ``thank-you`` or ``""`` for an event's words."""
    words = word_key(text).split()
    if any(w.startswith("thank") for w in words):
        return THANK_YOU
    if "follow" in words or activity_kind(text) == "call" and "sent" in words:
        return FOLLOW_UP
    if says_interview(text) or activity_kind(text) == "interview":
        return INTERVIEW
    return MEETING if _MEETING.search(text) else ""


def holds_events(values: Sequence[Any]) -> bool:
    """Whether most of a column's filled cells (the first 200 distinct) are dated events
    and at least one of them is an interview (or a call or meeting with someone)."""
    filled = list(dict.fromkeys(cell_text(v) for v in values if not is_blank(v)))[:200]
    filled = [t for t in filled if t]
    if not filled:
        return False
    events = [events_in(t) for t in filled]
    with_events = sum(1 for e in events if e)
    interviews = any(event_kind(what) in (INTERVIEW, MEETING) for e in events for _, what in e)
    return interviews and with_events >= 0.6 * len(filled)


def interview_days(value: Any) -> list[str]:
    """The date texts of a cell's interview events, in the order written."""
    return [day for day, what in events_in(value) if event_kind(what) == INTERVIEW]


def follow_up_days(value: Any) -> list[str]:
    """The date texts of a cell's follow-ups sent (contacts with the employer)."""
    return [day for day, what in events_in(value) if event_kind(what) == FOLLOW_UP]


def meeting_days(value: Any) -> list[str]:
    """The date texts of a cell's calls or meetings with someone (``23 Mar 2026: 30-minute
    call with the manager``): the interview of a row whose status says interview."""
    return [day for day, what in events_in(value) if event_kind(what) == MEETING]


def thank_you_days(value: Any) -> list[str]:
    """The date texts of a cell's thank-yous sent (``11 Nov 2026|THANK-YOU SENT``)."""
    return [day for day, what in events_in(value) if event_kind(what) == THANK_YOU]
