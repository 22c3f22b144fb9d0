"""What the dashboard says about what it shows: the status line, notices, text alternatives.

Pure functions of the report and the dates they are given (nothing reads the
clock), so the dashboard's words are tested without a browser.
"""

from __future__ import annotations

import html
from datetime import date

import pandas as pd

from followkit import rules as r

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


def status_line(*, workers: list[str], as_of: date, today: date, issues: int,
                file_name: str, rows: int, not_tracked: bool = False) -> str:
    """What is on screen, in one line: who, as of when, how many data issues, which file.

    Parameters
    ----------
    workers
        The workers chosen; empty for all of them.
    as_of, today
        The date shown and today's date (said as 'today' or so many days from it).
    issues
        Data issues in the file (rows that could not be used and values to check).
    file_name, rows
        The file open and its interview rows.
    not_tracked
        True when the file has no job-search sheet.
    """
    who = ", ".join(workers) if workers else "All workers"
    parts = [f"<b>{html.escape(who)}</b>",
             f"as of <b>{long_date(as_of)}</b> ({relative_day(as_of, today=today)})",
             "no data issues" if not issues else f"&#9888; {plural(issues, 'data issue')}",
             f"{html.escape(file_name)}: {plural(rows, 'interview row')}"]
    if not_tracked:
        parts.append("job search is not tracked in this file")
    return f'<div role="status" aria-live="polite">{" · ".join(parts)}</div>'


def date_moved_notice(*, old: date, new: date, why: str) -> str:
    """A change of date the worker did not make, announced (``why`` says what made it)."""
    return (f'<div class="fk-notice" role="status" aria-live="polite">&#128197; The date '
            f"changed from {short_date(old)} to <b>{short_date(new)}</b>: {html.escape(why)}. "
            "Pick another date under <i>As of</i> if you need one.</div>")


def problem_html(message: str) -> str:
    """A file that could not be opened: what went wrong, and what to do, in plain words."""
    return ('<div class="fk-error" role="alert"><b>This file could not be opened, so '
            f"nothing is shown.</b> {html.escape(message)}<br>What to do: open the file in "
            "Excel, fix what is named above, save it and upload it again (or upload another "
            "file, or use the sample tracker to try the dashboard).</div>")


def chart_alt(per_worker: pd.DataFrame) -> str:
    """The chart's text alternative: every bar's numbers, in words."""
    if per_worker.empty:
        return "Open follow-up actions per worker: none."
    parts = [f"{worker}: " + ", ".join(f"{int(row[st])} {st.lower()}" for st in STATUSES)
             for worker, row in per_worker.iterrows()]
    return "Open follow-up actions per worker. " + "; ".join(parts) + "."


def issues_banner(errors: int, warnings: int) -> str:
    """The data-issues banner, with the right plurals and no '0 rows'."""
    parts = []
    if errors:
        parts.append(f"{plural(errors, 'row')} could not be used")
    if warnings:
        parts.append(f"{plural(warnings, 'value')} need{'s' if warnings == 1 else ''} checking")
    return (f'<div class="fk-banner">&#9888; {" and ".join(parts)}: see the Data Issues tab.'
            "</div>")


__all__ = ["chart_alt", "date_moved_notice", "issues_banner", "long_date", "plural",
           "problem_html", "relative_day", "short_date", "status_line"]
