"""The supervisor's view on screen: the dashboard's Supervisor tab and the weekly notebook.

Pure functions from a :class:`~followkit.supervisor.SupervisorView` to HTML
and PNG charts (matplotlib's object API, no pyplot). The figures are the ones
of the Supervisor sheet; every chart has its numbers written beside the bars
and a text alternative, and a small n is marked by an asterisk and words, never
by colour alone.
"""

from __future__ import annotations

import base64
import html
import io

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from followkit import schema as s
from followkit import supervisor as sv

CSS = """<style>
.fk-sup td.fk-num {text-align: right;}
.fk-sup td:first-child {white-space: nowrap;}
.fk-sup tr.fk-total td {font-weight: 600; border-top: 2px solid #888;}
.fk-sup td.fk-small {font-style: italic; color: #555;}
.fk-sup-notes {color: #404040; font-size: 0.9em; line-height: 1.4;}
.fk-sup-charts {display: flex; flex-wrap: wrap; gap: 16px;}
.fk-sup-charts figure {margin: 0;}
.fk-sup-charts figcaption {font-size: 0.85em; color: #404040; max-width: 520px;}
</style>"""


def supervisor_html(view: sv.SupervisorView) -> str:
    """The Supervisor tab: the table per worker, the notes, the backlog, the two charts."""
    notes = "".join(f"<li>{html.escape(line)}</li>" for line in view.notes())
    return (
        f'{CSS}<div class="fk-sup">'
        f"<h4>Follow-up quality per worker</h4>{_table(view)}"
        f'<ul class="fk-sup-notes">{notes}</ul>'
        f"<h4>Actions overdue at the end of each week</h4>{_backlog_table(view.backlog)}"
        '<div class="fk-sup-charts">'
        + _figure(rate_chart_png(view), rate_chart_text(view), rate_chart_text(view))
        + _figure(backlog_chart_png(view), backlog_chart_text(view),
                  "The same numbers as the Total column of the table above.")
        + "</div></div>")


def _table(view: sv.SupervisorView) -> str:
    text = sv.text_table(view)
    small = view.small()
    head = "".join(f"<th>{html.escape(c)}</th>" for c in text.columns)
    rows = []
    for i in range(len(text)):
        cells = []
        for column in text.columns:
            value = html.escape(str(text.at[i, column]))
            if column == s.WORKER:
                cells.append(f"<td>{value}</td>")
                continue
            marked = column in sv.WITH_N and bool(small.at[i, column])
            cls = "fk-num fk-small" if marked else "fk-num"
            title = ' title="fewer than 5: too few to judge"' if marked else ""
            cells.append(f'<td class="{cls}"{title}>{value}</td>')
        total = ' class="fk-total"' if i == len(text) - 1 else ""
        rows.append(f"<tr{total}>{''.join(cells)}</tr>")
    return (f'<table class="fk-table fk-sup-table"><tr>{head}</tr>{"".join(rows)}'
            "</table>")


def _backlog_table(backlog: pd.DataFrame) -> str:
    if backlog.empty:
        return "<p>No week of the period is on or before the as-of date.</p>"
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in backlog.columns)
    rows = []
    for values in backlog.itertuples(index=False):
        cells = [f"<td>{_day(v)}</td>" if isinstance(v, pd.Timestamp) or v is pd.NaT
                 else f'<td class="fk-num">{"" if v is pd.NA else int(v)}</td>'
                 for v in values]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return f'<table class="fk-table fk-sup-backlog"><tr>{head}</tr>{"".join(rows)}</table>'


def _day(value: object) -> str:
    if not isinstance(value, pd.Timestamp):
        return "no business day"
    return f"{value:%a} {value.day} {value:%b %Y}"


def _figure(png: bytes, alt: str, caption: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return (f'<figure><img src="data:image/png;base64,{data}" alt="{html.escape(alt)}">'
            f"<figcaption>{html.escape(caption)}</figcaption></figure>")


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


def rate_chart_png(view: sv.SupervisorView) -> bytes:
    """Horizontal bars: each worker's on-time thank-you rate, labelled with its n."""
    workers = view.workers
    rates = view.table[sv.RATE].to_numpy(dtype=float)[: len(workers)]
    labels = [label or "no thank-yous due"
              for label in sv.text_table(view)[sv.RATE].tolist()[: len(workers)]]
    fig = Figure(figsize=(6.4, 1.3 + 0.45 * max(len(workers), 1)), dpi=100)
    ax = fig.add_subplot()
    y = np.arange(len(workers))
    bars = ax.barh(y, np.nan_to_num(rates * 100), color="#5B9BD5")
    ax.bar_label(bars, labels=labels, padding=4, fontsize="small")
    ax.set_yticks(y, workers)
    ax.invert_yaxis()
    ax.set_xlim(0, 130)
    ax.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
    ax.set_title("On-time thank-you rate per worker (* = fewer than 5)", fontsize="medium")
    return _png(fig)


def backlog_chart_png(view: sv.SupervisorView) -> bytes:
    """Columns: the actions overdue at the end of each week, labelled with the number."""
    backlog = view.backlog
    totals = backlog[sv.TOTAL].astype("Float64").fillna(np.nan).to_numpy(dtype=float)
    names = [f"{d:%d %b}".lstrip("0") for d in backlog[sv.WEEK_TO]]
    fig = Figure(figsize=(6.4, 3.2), dpi=100)
    ax = fig.add_subplot()
    bars = ax.bar(range(len(names)), np.nan_to_num(totals), color="#C0504D")
    ax.bar_label(bars, labels=["–" if np.isnan(t) else str(int(t)) for t in totals],
                 padding=2, fontsize="small")
    ax.set_xticks(range(len(names)), names, rotation=45, ha="right", fontsize="small")
    ax.set_xlabel("week ending")
    ax.set_ylabel("overdue actions")
    ax.margins(y=0.15)
    ax.set_title("Actions overdue at the end of each week", fontsize="medium")
    return _png(fig)


def _png(fig: Figure) -> bytes:
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()
