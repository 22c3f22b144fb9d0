"""HTML for the dashboard and the notebooks, from templates with autoescaping.

The templates are ``followkit/dashboard/templates/*.html.j2`` (jinja2, shipped in the
wheel); every value put into them is escaped unless it is followkit's own
markup (the stylesheets). The functions here only prepare the values: what to
show, in which order, with which class. Pure functions, tested without a browser.
"""

from __future__ import annotations

import base64
from datetime import date, datetime
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

import pandas as pd
from jinja2 import Environment, FunctionLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from followkit.core import schema as s
from followkit.report.build import DRAFT_EMAIL
from followkit.rules import engine as r

if TYPE_CHECKING:
    from followkit.report.build import Report

MAX_ROWS_SHOWN = 500
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STATUS_CLASS = {r.OVERDUE: "fk-overdue", r.DUE_TODAY: "fk-today", r.UPCOMING: "fk-upcoming",
                "error": "fk-overdue", "warning": "fk-today"}
COUNTED = (r.OVERDUE, r.DUE_TODAY, r.UPCOMING)


def _template_source(name: str) -> str:
    return files("followkit.dashboard").joinpath("templates", name).read_text(encoding="utf-8")


@cache
def environment() -> Environment:
    """The templates' environment: autoescaping on for every ``.html.j2`` template."""
    return Environment(loader=FunctionLoader(_template_source),
                       autoescape=select_autoescape(["html", "html.j2", "j2"]),
                       undefined=StrictUndefined, keep_trailing_newline=False)


def render(template: str, /, **values: Any) -> str:
    """``template`` (in followkit/dashboard/templates) filled with ``values``, escaped."""
    return environment().get_template(template).render(**values).strip()


@cache
def stylesheet(name: str) -> Markup:
    """One of the dashboard's stylesheets (``static/``), as markup to put in a page."""
    return Markup(files("followkit.dashboard").joinpath("static", name).read_text(encoding="utf-8"))


def style_html(name: str = "dashboard.css") -> str:
    """A ``<style>`` element holding followkit's stylesheet ``name``."""
    return render("style.html.j2", css=stylesheet(name))


def download_link(name: str, data: bytes, mime: str) -> str:
    """An ``<a download>`` link with a data: URI (works in JupyterLab and Voilà)."""
    return render("download_link.html.j2", name=name, mime=mime,
                  encoded=base64.b64encode(data).decode("ascii"),
                  size=f"{len(data) / 1024:.0f} KB")


def message_html(*lines: tuple[str, str]) -> str:
    """Lines for the worker: ``("note", text)`` a paragraph, ``("error", text)`` a red box."""
    return render("message.html.j2", lines=lines)


def draft_html(draft: pd.Series) -> str:
    """One thank-you draft: name warnings first, the email link, subject and body."""
    return render("draft.html.j2", warnings=draft["Name Warnings"],
                  link=draft[DRAFT_EMAIL], email=draft[s.EMAIL], subject=draft["Subject"],
                  body=str(draft["Body"]).split("\n"))


def counts_html(report: Report) -> str:
    """The headline counts (Overdue / Due today / Upcoming), one compact line."""
    totals = report.counts()[list(COUNTED)].sum()
    return render("counts.html.j2", boxes=[(st, STATUS_CLASS[st], int(totals[st]))
                                           for st in COUNTED])


def action_counts_html(report: Report) -> str:
    """Open actions per kind of action and status (folded under the headline counts)."""
    rows = []
    for action, row in report.counts().iterrows():
        cells = None if action in report.not_tracked else [
            (int(row[st]), STATUS_CLASS[st] if row[st] else "") for st in COUNTED]
        rows.append((str(action), cells))
    return render("action_counts.html.j2", rows=rows)


def table_html(frame: pd.DataFrame, max_rows: int = MAX_ROWS_SHOWN,
               total: int | None = None) -> str:
    """A readable HTML table: dates as 'Fri 20 Nov 2026', statuses coloured.

    ``total`` is the length of the whole table when ``frame`` holds only its
    first rows.
    """
    total = len(frame) if total is None else total
    if frame.empty:
        return render("message.html.j2", lines=[("note", "Nothing here.")])
    shown = frame.head(max_rows)
    columns = []
    for name in shown.columns:
        texts = cell_strings(shown[name])
        if name == DRAFT_EMAIL:
            columns.append([(t, "", True) for t in texts])
        elif name in ("Status", "Severity"):
            columns.append([(t, STATUS_CLASS.get(t, ""), False) for t in texts])
        else:
            columns.append([(t, "", False) for t in texts])
    return render("table.html.j2", head=[str(c) for c in shown.columns],
                  rows=list(zip(*columns, strict=True)), total=total)


def cell_strings(series: pd.Series) -> list[str]:
    """A column's values as the dashboard writes them (blank for missing, dates in words)."""
    if pd.api.types.is_datetime64_any_dtype(series):
        return [f"{d:%a} {d.day} {d:%b %Y}" if not pd.isna(d) else "" for d in series]
    return [_text(v) for v in series.to_numpy(dtype=object)]


def _text(value: Any) -> str:
    if value is None or value is pd.NA or value is pd.NaT or (
            isinstance(value, float) and value != value):
        return ""
    if isinstance(value, datetime | date):
        return f"{value:%a} {value.day} {value:%b %Y}"
    return str(value)


def bug_html(kind: str) -> str:
    """An unexpected error, in plain words (the details go to the server's log)."""
    return message_html(("error", f"Something went wrong inside followkit ({kind}). Your "
                         "file was not changed. Try again; if it happens again, tell whoever "
                         "looks after followkit (the details are in the window where the "
                         "dashboard was started)."))

