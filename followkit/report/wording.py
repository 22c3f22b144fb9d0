"""Words for people: plurals, dates as a worker reads them, a chart's text alternative.

Pure functions of the values and dates they are given (nothing reads the clock),
shared by the report, the letters and the dashboard (whose HTML notices built
from these words are in :mod:`followkit.dashboard.notices`).
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from followkit.rules import engine as r

STATUSES = (r.OVERDUE, r.DUE_TODAY, r.UPCOMING)


def plural(n: int, one: str, many: str | None = None) -> str:
    """``1 row``, ``2 rows``, ``0 rows`` (``many`` for irregular plurals).

    >>> plural(1, "row"), plural(0, "row"), plural(2, "data issue")
    ('1 row', '0 rows', '2 data issues')
    >>> plural(3, "reply", "replies")
    '3 replies'
    """
    return f"{n} {one if n == 1 else (many or one + 's')}"


def long_date(day: date) -> str:
    """``Friday 20 November 2026`` (the status line's date).

    >>> long_date(date(2026, 11, 6))
    'Friday 6 November 2026'
    """
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(day: date) -> str:
    """``Fri 20 Nov 2026``.

    >>> short_date(date(2026, 11, 6))
    'Fri 6 Nov 2026'
    """
    return f"{day:%a} {day.day} {day:%b %Y}"


def relative_day(day: date, *, today: date) -> str:
    """Where ``day`` is from ``today``: 'today', 'yesterday', '9 days before today', ...

    >>> today = date(2026, 11, 20)
    >>> [relative_day(date(2026, 11, d), today=today) for d in (20, 19, 21, 11, 22)]
    ['today', 'yesterday', 'tomorrow', '9 days before today', '2 days after today']
    """
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta in (-1, 1):
        return "yesterday" if delta < 0 else "tomorrow"
    return f"{plural(abs(delta), 'day')} {'before' if delta < 0 else 'after'} today"


def chart_alt(per_worker: pd.DataFrame) -> str:
    """The chart's text alternative: every bar's numbers, in words."""
    if per_worker.empty:
        return "Open follow-up actions per worker: none."
    parts = [f"{worker}: " + ", ".join(f"{int(row[st])} {st.lower()}" for st in STATUSES)
             for worker, row in per_worker.iterrows()]
    return "Open follow-up actions per worker. " + "; ".join(parts) + "."


__all__ = ["chart_alt", "long_date", "plural", "relative_day", "short_date"]
