"""The printed page of the action sheets (To Do and each queue): issue #13.

A worker prints the To Do (usually a ``--worker`` report) each morning and
works from the paper. So each action sheet starts with the columns needed on
paper, and its print area holds those columns only: due date, status, action,
client, employer (on Calls the phone number), the wrapped details and the two
fill-in columns (``Done On``, ``Record``) to write in. The other columns (IDs,
emails, the call script, the draft links) stay on the sheet after them, outside
the print area. Column widths are fixed so that the printed columns add up to
:data:`PRINT_WIDTH` characters: landscape Letter, fitted one page wide, then
prints at 9 pt or more (see :func:`effective_font_size`).

This module decides the layout; :mod:`followkit.report.workbook` writes it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from followkit.core import schema as s
from followkit.reading.values import distinct

#: Sum of the printed columns' widths (Excel character units).
PRINT_WIDTH = 120
#: Landscape Letter minus the 0.4 in side margins, in inches.
PRINTABLE_INCHES = 11.0 - 2 * 0.4
#: The body font (Calibri 11) and the smallest size accepted on paper.
BODY_POINTS, MIN_POINTS = 11.0, 9.0
#: Excel's column width unit for Calibri 11: 7 pixels per character, plus 5 of padding.
PIXELS_PER_CHAR, PIXEL_PADDING, PIXELS_PER_INCH = 7, 5, 96
LINE_POINTS = 15.0  # the height of one line of Calibri 11

#: The printed columns, in order, with their widths; ``None`` = what is left for Details.
PRINT_WIDTHS: dict[str, int | None] = {
    "Due Date": 15, "Status": 9, "Action": 12, s.CLIENT_NAME: 13, s.EMPLOYER: 13,
    "Contact": 14, "Details": None, "Done On": 10, "Record": 12,
}
#: Printed columns whose text wraps (the row grows to fit it).
WRAPPED = ("Action", s.CLIENT_NAME, s.EMPLOYER, "Contact", "Details")
#: Sheets whose printed page shows the Contact column (the phone to dial).
WITH_CONTACT = ("Calls",)
_MIN_DETAILS = 24
_MAX_LINES = 8


@dataclass(frozen=True)
class PrintLayout:
    """How one action sheet is laid out: column order, widths, print area."""

    frame: pd.DataFrame  # the columns reordered: printed ones first
    printed: int  # how many columns (from the first) are on the printed area
    widths: dict[str, int]  # the printed columns' widths
    frozen: int  # columns frozen on screen (up to and including Client Name)


def one_action(sheet: str) -> bool:
    """True for a sheet whose rows are all one step's (Calls, References, ...): the
    sheet's name says the action, so paper does not repeat it (from the registry)."""
    from followkit.rules import steps

    return len(steps.codes_of(sheet)) == 1


def print_layout(frame: pd.DataFrame, sheet: str) -> PrintLayout:
    """The printed columns of action sheet ``sheet`` first, then every other column.

    No column is dropped: the sheet keeps all of them in the same relative
    order, the printed ones simply come first.
    """
    wanted = [c for c in PRINT_WIDTHS if c in frame.columns
              and not (c == "Action" and one_action(sheet))
              and not (c == "Contact" and sheet not in WITH_CONTACT)]
    fixed = {c: PRINT_WIDTHS[c] for c in wanted if PRINT_WIDTHS[c] is not None}
    widths: dict[str, int] = {}
    for c in wanted:
        w = fixed.get(c)
        widths[c] = w if w is not None else max(
            _MIN_DETAILS, PRINT_WIDTH - sum(v for v in fixed.values() if v is not None))
    rest = [c for c in frame.columns if c not in widths]
    frozen = wanted.index(s.CLIENT_NAME) + 1 if s.CLIENT_NAME in wanted else 0
    return PrintLayout(frame=frame[[*wanted, *rest]], printed=len(wanted), widths=widths,
                       frozen=frozen)


def row_heights(frame: pd.DataFrame, widths: dict[str, int]) -> list[float]:
    """The height (points) of each row so its cells in the wrapped columns ``widths`` show whole.

    xlsxwriter does not autofit heights: the lines of each wrapped cell are
    estimated from its text length and column width (``width - 1`` characters
    a line, as Calibri's letters are narrower than the digit the width counts),
    capped at :data:`_MAX_LINES` lines.
    """
    lines = np.ones(len(frame), dtype=np.int64)
    for column, width in widths.items():
        per_line = max(width, 1)
        # Each distinct text is measured once (a list repeats its step names).
        codes, cells = distinct(frame[column])
        texts = pd.Series(cells, dtype=object).astype("string").fillna("")
        # A wrapped line breaks between words: allow for a word cut over per line.
        need = np.array([math.ceil((len(text) + max(len(text.split()), 1) * 0.15) / per_line)
                         for text in texts], dtype=np.int64)
        lines = np.maximum(lines, need[codes])
    return [LINE_POINTS * min(max(int(n), 1), _MAX_LINES) for n in lines]


def column_pixels(width: float) -> int:
    """The on-screen (and printed at 100%) width in pixels of an Excel column width."""
    return int(width * PIXELS_PER_CHAR + PIXEL_PADDING)


def effective_font_size(widths: list[float], *, printable_inches: float = PRINTABLE_INCHES,
                        body_points: float = BODY_POINTS) -> float:
    """The printed size of the body text when columns ``widths`` are fitted one page wide.

    Fit to one page wide shrinks only (scale at most 100%): the scale is the
    printable width over the columns' width, the font ``body_points`` x scale.
    """
    total = sum(column_pixels(w) for w in widths) / PIXELS_PER_INCH
    return body_points * min(1.0, printable_inches / total)


def page_header(sheet: str, *, as_of: date, workers: str) -> str:
    """The page header: the worker(s) on the left, the sheet in the centre, the date right.

    ``workers`` is the report's worker filter as the Summary shows it
    ("all" for no filter). Ampersands are doubled (Excel's header codes).
    """
    who = "All workers" if workers in ("", "all") else workers
    if len(who) > 90:  # Excel allows 255 characters in a header, codes included
        who = who[:87] + "..."
    day = f"{as_of:%a} {as_of.day} {as_of:%b %Y}"

    def safe(text: str) -> str:
        return text.replace("&", "&&")

    return (f"&L&\"Calibri,Bold\"{safe(who)}&C&\"Calibri,Bold\"{safe(sheet)}"
            f"&Ras of {day}")


PAGE_FOOTER = "&LPrinted by followkit&RPage &P of &N"
