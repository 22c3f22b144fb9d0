"""Every chart followkit draws, as PNG bytes (matplotlib's object API, no pyplot).

Used by the dashboard (the chart per worker, the Supervisor tab) and the weekly
notebook alike. Every chart has its numbers on the bars; the text
alternatives are in :mod:`followkit.report.wording` (per worker) and
:mod:`followkit.dashboard.supervisor` (supervisor). matplotlib is imported with this
module (so with the dashboard, not at the first upload).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from followkit.core import schema as s
from followkit.report import supervisor as sv
from followkit.rules import engine as r

if TYPE_CHECKING:
    from followkit.report.build import Report

# Okabe & Ito's colour-blind-safe colours: vermillion, yellow, sky blue (docs/dashboard-ux.md).
CHART_COLOURS = {r.OVERDUE: "#D55E00", r.DUE_TODAY: "#F0E442", r.UPCOMING: "#56B4E9"}
RATE_COLOUR, BACKLOG_COLOUR = "#5B9BD5", "#C0504D"


def _figure(width: float, height: float) -> Figure:
    return Figure(figsize=(width, height), dpi=100)


def _png(fig: Figure) -> bytes:
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def per_worker_counts(report: Report) -> pd.DataFrame:
    """Open actions per worker and status (the chart's numbers)."""
    summary = report.summary
    return summary[summary[s.WORKER] != "All workers"].groupby(s.WORKER)[
        [r.OVERDUE, r.DUE_TODAY, r.UPCOMING]].sum()


def chart_png(report: Report) -> bytes:
    """Open actions per worker, stacked by status, numbers on the bars.

    The colours stay apart under red-green colour blindness (:data:`CHART_COLOURS`);
    :func:`followkit.report.wording.chart_alt` is its text alternative.
    """
    per = per_worker_counts(report)
    fig = _figure(6.4, 1.4 + 0.45 * max(len(per), 1))
    ax = fig.add_subplot()
    left = pd.Series(0, index=per.index)
    for status, colour in CHART_COLOURS.items():
        bars = ax.barh(per.index.astype(str), per[status], left=left, color=colour,
                       label=status, edgecolor="white", linewidth=0.8)
        ax.bar_label(bars, labels=[str(int(n)) if n else "" for n in per[status]],
                     label_type="center", fontsize="small", color="black")
        left = left + per[status]
    ax.set_title("Open follow-up actions per worker")
    ax.invert_yaxis()
    if len(per):
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3, fontsize="small",
                  frameon=False)
    return _png(fig)


def rate_chart_png(view: sv.SupervisorView) -> bytes:
    """Horizontal bars: each worker's on-time thank-you rate, labelled with its n."""
    workers = view.workers
    rates = view.table[sv.RATE].to_numpy(dtype=float)[: len(workers)]
    labels = [label or "no thank-yous due"
              for label in sv.text_table(view)[sv.RATE].tolist()[: len(workers)]]
    fig = _figure(6.4, 1.3 + 0.45 * max(len(workers), 1))
    ax = fig.add_subplot()
    y = np.arange(len(workers))
    bars = ax.barh(y, np.nan_to_num(rates * 100), color=RATE_COLOUR)
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
    fig = _figure(6.4, 3.2)
    ax = fig.add_subplot()
    bars = ax.bar(range(len(names)), np.nan_to_num(totals), color=BACKLOG_COLOUR)
    ax.bar_label(bars, labels=["–" if np.isnan(t) else str(int(t)) for t in totals],
                 padding=2, fontsize="small")
    ax.set_xticks(range(len(names)), names, rotation=45, ha="right", fontsize="small")
    ax.set_xlabel("week ending")
    ax.set_ylabel("overdue actions")
    ax.margins(y=0.15)
    ax.set_title("Actions overdue at the end of each week", fontsize="medium")
    return _png(fig)
