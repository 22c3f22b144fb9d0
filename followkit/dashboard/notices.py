"""What the dashboard says about what it shows: the status line, notices, the banner.

Pure functions of what they are given (nothing reads the clock), so the
dashboard's words are tested without a browser. The words are chosen here and in
:mod:`followkit.report.wording`; the HTML around them is in the templates
(``followkit/dashboard/templates``, autoescaped).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from followkit.dashboard.render import render
from followkit.report.wording import long_date, plural, relative_day, short_date


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
    return render("status_line.html.j2", who=", ".join(workers) if workers else "All workers",
                  day=long_date(as_of), relative=relative_day(as_of, today=today),
                  issues=plural(issues, "data issue") if issues else "",
                  file_name=file_name, rows=plural(rows, "interview row"),
                  not_tracked=not_tracked)


def date_moved_notice(*, old: date, new: date, why: str) -> str:
    """A change of date the worker did not make, announced (``why`` says what made it)."""
    return render("date_moved.html.j2", old=short_date(old), new=short_date(new), why=why)


# The reader's messages are written for the command line too; in the page, what to
# click instead of a flag (issue #25). Longest phrases first.
CLI_WORDS = (
    (r"name them with --client NAME", 'type their name in "Whose tracker is this?"'),
    (r"given with --client", 'typed in "Whose tracker is this?"'),
    (r"--client( NAME)?", '"Whose tracker is this?"'),
    (r"map them with --columns( MAP\.toml)?", "choose them under Check columns"),
    (r"map one with --columns( MAP\.toml)?", "choose it under Check columns"),
    (r"say so with --columns( MAP\.toml)?", "say so under Check columns"),
    (r"--columns( MAP\.toml)?", "Check columns"),
    (r"fix the row and run again", "fix the row in Excel and upload the file again"),
    (r"run again", "upload the file again"),
)


def worker_words(message: str) -> str:
    """``message`` with every command-line flag replaced by what to click in the page."""
    for pattern, words in CLI_WORDS:
        message = re.sub(pattern, words, message)
    return message


def problem_html(message: str, *, opening: bool = True) -> str:
    """A problem with the worker's file, in plain words: a file that could not be opened
    (``opening``) and what to do, or a step that could not be done on the open one."""
    return render("problem.html.j2", message=worker_words(message), opening=opening)


def issues_banner(errors: int, warnings: int, kinds: Sequence[str] = ()) -> str:
    """The data-issues banner, with the right plurals and no '0 rows'; ``kinds`` are
    the problems one line per kind (:func:`followkit.reading.issue_groups.group_lines`)."""
    parts = []
    if errors:
        parts.append(f"{plural(errors, 'row')} could not be used")
    if warnings:
        parts.append(f"{plural(warnings, 'value')} need{'s' if warnings == 1 else ''} checking")
    return render("issues_banner.html.j2", parts=parts, kinds=[worker_words(k) for k in kinds])


__all__ = ["date_moved_notice", "issues_banner", "problem_html", "status_line", "worker_words"]
