"""The supervisor's view on screen: the dashboard's Supervisor tab and the weekly notebook.

Pure functions from a :class:`~followkit.report.supervisor.SupervisorView` to HTML
(``templates/supervisor.html.j2``, styled by ``static/supervisor.css``) with
the charts of :mod:`followkit.report.charts`. The figures are the ones of the
Supervisor sheet; every chart has its numbers written beside the bars and a
text alternative, and a small n is marked by an asterisk and words, never by
colour alone.
"""

from __future__ import annotations

import base64

import pandas as pd

from followkit.core import schema as s
from followkit.dashboard.render import render, stylesheet
from followkit.report import supervisor as sv
from followkit.report.charts import backlog_chart_png, rate_chart_png

__all__ = ["backlog_chart_png", "backlog_chart_text", "rate_chart_png", "rate_chart_text",
           "supervisor_html"]


def supervisor_html(view: sv.SupervisorView) -> str:
    """The Supervisor tab: the table per worker, the notes, the backlog, the two charts."""
    text = sv.text_table(view)
    small = view.small()
    rows = []
    for i in range(len(text)):
        cells = []
        for column in text.columns:
            value = str(text.at[i, column])
            if column == s.WORKER:
                cells.append((value, "", False))
                continue
            marked = column in sv.WITH_N and bool(small.at[i, column])
            cells.append((value, "fk-num fk-small" if marked else "fk-num", marked))
        rows.append((i == len(text) - 1, cells))
    backlog = view.backlog
    figures = [(rate_chart_png(view), rate_chart_text(view), rate_chart_text(view)),
               (backlog_chart_png(view), backlog_chart_text(view),
                "The same numbers as the Total column of the table above.")]
    return render(
        "supervisor.html.j2", css=stylesheet("supervisor.css"),
        head=list(text.columns), rows=rows, notes=view.notes(),
        backlog_head=[str(c) for c in backlog.columns],
        backlog_rows=None if backlog.empty else [
            [(_day(v), False) if isinstance(v, pd.Timestamp) or v is pd.NaT
             else ("" if v is pd.NA else str(int(v)), True) for v in values]
            for values in backlog.itertuples(index=False)],
        figures=[(base64.b64encode(png).decode("ascii"), alt, caption)
                 for png, alt, caption in figures])


def _day(value: object) -> str:
    if not isinstance(value, pd.Timestamp):
        return "no business day"
    return f"{value:%a} {value.day} {value:%b %Y}"


def rate_chart_text(view: sv.SupervisorView) -> str:
    """The rate chart in words (its text alternative)."""
    labels = sv.text_table(view)[sv.RATE].tolist()
    parts = [f"{w}: {label or 'no thank-yous due'}"
             for w, label in zip(view.workers, labels, strict=False)]
    return ("On-time thank-you rate per worker. " + "; ".join(parts)
            + f". All workers: {labels[-1] or 'no thank-yous due'}. * = fewer than "
            f"{sv.SMALL_N}: too few to judge.")


def backlog_chart_text(view: sv.SupervisorView) -> str:
    """The backlog chart in words (its text alternative)."""
    weeks = [f"week ending {_day(end)}: "
             + ("no business day" if total is pd.NA else str(int(total)))
             for end, total in zip(view.backlog[sv.WEEK_TO], view.backlog[sv.TOTAL],
                                   strict=True)]
    return "Actions overdue at the end of each week, all workers. " + "; ".join(weeks) + "."
