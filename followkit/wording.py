"""What the dashboard says about what it shows: the status line, notices, text alternatives.

Pure functions of the report and the dates they are given (nothing reads the
clock), so the dashboard's words are tested without a browser. The words are
chosen here; the HTML around them is in ``followkit/templates`` (autoescaped;
:mod:`followkit.render` is imported inside the functions, as it imports
:mod:`followkit.reports`, which imports :func:`plural` from here).
"""

from __future__ import annotations

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
                file_name: str, rows: int, not_tracked: tuple[str, ...] = ()) -> str:
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
        What the file does not track, in the worker's words (a step's sheet name,
        e.g. "job search" when the file has no job-search sheet).
    """
    from followkit.render import render

    return render("status_line.html.j2", who=", ".join(workers) if workers else "All workers",
                  day=long_date(as_of), relative=relative_day(as_of, today=today),
                  issues=plural(issues, "data issue") if issues else "",
                  file_name=file_name, rows=plural(rows, "interview row"),
                  not_tracked=not_tracked)


def date_moved_notice(*, old: date, new: date, why: str) -> str:
    """A change of date the worker did not make, announced (``why`` says what made it)."""
    from followkit.render import render

    return render("date_moved.html.j2", old=short_date(old), new=short_date(new), why=why)


def problem_html(message: str, *, opening: bool = True) -> str:
    """A problem with the worker's file, in plain words: a file that could not be opened
    (``opening``) and what to do, or a step that could not be done on the open one."""
    from followkit.render import render

    return render("problem.html.j2", message=message, opening=opening)


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
    from followkit.render import render

    return render("issues_banner.html.j2", parts=parts)


__all__ = ["chart_alt", "date_moved_notice", "issues_banner", "long_date", "plural",
           "problem_html", "relative_day", "short_date", "status_line"]
