"""The report workbook's look: every cell format, the print setup, the header row.

Shared by the workbook's sheets (:mod:`followkit.report.workbook`) and the
Supervisor sheet (:mod:`followkit.report.workbook_supervisor`).
"""

from __future__ import annotations

from typing import Any

from followkit.report import printing
from followkit.rules.engine import DUE_TODAY, OVERDUE, UPCOMING

DATE_FORMAT = "ddd d mmm yyyy"
STATUS_COLOURS = {
    OVERDUE: "#F8CBAD", DUE_TODAY: "#FFE699", UPCOMING: "#C6EFCE",
    "error": "#F8CBAD", "warning": "#FFE699",
}


class Formats:
    """Every cell format, made once per workbook."""

    def __init__(self, workbook: Any) -> None:
        self.header = workbook.add_format(
            {"bold": True, "bg_color": "#DDEBF7", "bottom": 1, "text_wrap": True,
             "valign": "top"})
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.bold = workbook.add_format({"bold": True})
        self.left = workbook.add_format({"align": "left"})
        self.bold_top = workbook.add_format({"bold": True, "valign": "top"})
        self.note = workbook.add_format({"italic": True, "font_color": "#404040"})
        self.date = workbook.add_format({"num_format": DATE_FORMAT, "align": "left",
                                         "valign": "top"})
        self.top = workbook.add_format({"valign": "top"})
        self.wrap = workbook.add_format({"valign": "top", "text_wrap": True})
        self.short_date = workbook.add_format({"num_format": "d mmm yyyy", "align": "left"})
        self.text = None
        self.quoted = workbook.add_format({"quote_prefix": True, "valign": "top"})
        self.status = {
            value: workbook.add_format({"bg_color": colour, "border": 1, "border_color": "#BFBFBF",
                                        "valign": "top"})
            for value, colour in STATUS_COLOURS.items()
        }


def print_setup(sheet: Any, title: str, header: str | None = None) -> None:
    sheet.set_landscape()
    sheet.set_paper(1)  # Letter
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.set_header(header or f"&L&\"Calibri,Bold\"{title}&Rfollowkit")
    sheet.set_footer(printing.PAGE_FOOTER if header else "&LPage &P of &N")


def write_header(sheet: Any, row: int, columns: Any, f: Formats) -> None:
    for col, name in enumerate(columns):
        sheet.write_string(row, col, str(name), f.header)
