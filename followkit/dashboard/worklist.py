"""An action list as a worker reads it (issue #25): one or two lines per action.

Each action is one row of a few columns: *When* (the due date and how late),
*Action* (what, and to whom), *Client* (name, ID, worker), *Employer* (and the
position), then the columns only that list has (the email link, the employer's
phone, calls made, ...), each left out when it is empty for every row shown or
repeats, row for row, a column already shown.
The details (the rule's reason, the interview, the call script) are on demand:
an HTML ``<details>`` whose summary is the first words. Pure functions; the
HTML is the ``worklist.html.j2`` template (autoescaped).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from followkit.core import schema as s
from followkit.dashboard.render import STATUS_CLASS, cell_strings, render
from followkit.report.build import DRAFT_EMAIL
from followkit.rules import engine as r
from followkit.rules.steps import CALL_SCRIPT

PAGE_ROWS = 25  # rows shown at first and added by each "Show more"
SUMMARY_CHARS = 48
# Folded into the four first columns or into the details: never a column of their own.
FOLDED = (r.DUE_DATE, r.STATUS, r.DAYS_OVERDUE, r.ACTION, s.CLIENT_ID, s.CLIENT_NAME,
          s.WORKER, s.EMPLOYER, s.POSITION, s.INTERVIEW_DATE, r.DETAILS, s.INTERVIEW_ID,
          s.INTERVIEWER, CALL_SCRIPT, s.EMAIL)


@dataclass(frozen=True)
class Cell:
    """One cell: its first line, a smaller second line, a class, a link."""

    text: str
    second: str = ""
    cls: str = ""
    href: str = ""


@dataclass(frozen=True)
class RowMark:
    """A row's own *Mark done* button: it picks the action (``choice``, its place in
    the tab's picker) and takes the worker to the field to fill (``focus``: "record"
    or "mark"), in the page's script (the Voilà template); ``tab`` names the controls."""

    tab: str
    choice: int
    focus: str


def short(text: str, limit: int = SUMMARY_CHARS) -> str:
    """The first words of ``text``, cut at a word under ``limit`` characters, with '…'."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _texts(frame: pd.DataFrame, name: str) -> list[str]:
    return cell_strings(frame[name]) if name in frame.columns else [""] * len(frame)


def _first_columns(frame: pd.DataFrame) -> list[tuple[str, list[Cell]]]:
    due, status, late = (_texts(frame, c) for c in (r.DUE_DATE, r.STATUS, r.DAYS_OVERDUE))
    action, to = _texts(frame, r.ACTION), _texts(frame, s.INTERVIEWER)
    name, cid, worker = (_texts(frame, c) for c in (s.CLIENT_NAME, s.CLIENT_ID, s.WORKER))
    employer, position = _texts(frame, s.EMPLOYER), _texts(frame, s.POSITION)
    when = [Cell(d, f"{st}, {n} days late" if n and n != "0" else st, STATUS_CLASS.get(st, ""))
            for d, st, n in zip(due, status, late, strict=True)]
    return [
        ("When", when),
        ("Action", [Cell(a, f"to {t}" if t and t != s.UNNAMED_INTERVIEWER else "")
                    for a, t in zip(action, to, strict=True)]),
        ("Client", [Cell(n, " · ".join(p for p in (i, w) if p))
                    for n, i, w in zip(name, cid, worker, strict=True)]),
        ("Employer", [Cell(e, p) for e, p in zip(employer, position, strict=True)]),
    ]


def _own_columns(frame: pd.DataFrame) -> list[tuple[str, list[Cell]]]:
    """The list's other columns, each only if some row shown has a value and it does not
    repeat, row for row, a column already shown (Calls: the Contact is the employer's
    phone)."""
    out: list[tuple[str, list[Cell]]] = []
    shown: set[tuple[str, ...]] = set()
    for name in frame.columns:
        if name in FOLDED:
            continue
        texts = _texts(frame, name)
        if not any(texts) or tuple(texts) in shown:
            continue
        shown.add(tuple(texts))
        if name == DRAFT_EMAIL:
            emails, to = _texts(frame, s.EMAIL), _texts(frame, s.INTERVIEWER)
            client = _texts(frame, s.CLIENT_NAME)  # in the link: each one's name differs
            to = [t if t != s.UNNAMED_INTERVIEWER else "" for t in to]
            cells = [Cell(f"Email {who or address}", f"for {name}", href=link) if link
                     else Cell("") for link, who, address, name in
                     zip(texts, to, emails, client, strict=True)]
            out.append(("Email", cells))
        else:
            out.append((str(name), [Cell(t) for t in texts]))
    return out


def _details(frame: pd.DataFrame) -> list[tuple[str, list[str]]]:
    """Per row: the summary (first words of the reason) and the full lines."""
    reason, script = _texts(frame, r.DETAILS), _texts(frame, CALL_SCRIPT)
    when, iid = _texts(frame, s.INTERVIEW_DATE), _texts(frame, s.INTERVIEW_ID)
    out = []
    for why, call, day, ident in zip(reason, script, when, iid, strict=True):
        lines = [why] if why else []
        if day or ident:
            lines.append("Interview " + " · ".join(p for p in (day, ident) if p))
        if call:
            lines.append("Call script: " + call)
        out.append((short(why) if why else "Details", lines))
    return out


def worklist_html(frame: pd.DataFrame, *, total: int, label: str,
                  marks: Sequence[RowMark | None] = ()) -> str:
    """The rows of ``frame`` (the first ``len(frame)`` of ``total``) as a work list;
    with ``marks`` (one per row), each row has its own *Mark done* button."""
    if frame.empty:
        return render("message.html.j2", lines=[("note", "Nothing here.")])
    columns = _first_columns(frame) + _own_columns(frame)
    rows = list(zip(*(cells for _, cells in columns), strict=True))
    return render("worklist.html.j2", head=[h for h, _ in columns],
                  rows=list(zip(rows, _details(frame), marks or [None] * len(rows),
                                strict=True)),
                  marked=any(marks), shown=len(frame), total=total, label=label)
