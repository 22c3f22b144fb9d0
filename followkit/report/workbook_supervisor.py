"""The Supervisor sheet of the report workbook (SPEC §9), with xlsxwriter.

A page of tables and two native charts, not one list: the table per worker
with each rate's n, the notes, the weekly backlog. Every figure comes from the
:class:`~followkit.report.supervisor.SupervisorView`; this module only writes.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from followkit.report import supervisor as sv
from followkit.report.supervisor import SupervisorView
from followkit.report.xlsx_style import Formats, print_setup, write_header


def supervisor_sheet(workbook: Any, view: SupervisorView, f: Formats) -> None:
    """The Supervisor sheet (SPEC §9): the table per worker with each rate's n, notes,
    the weekly backlog, and two native charts. Every figure comes from ``view``."""
    sheet = workbook.add_worksheet("Supervisor")
    print_setup(sheet, f"Supervisor: {view.start:%d %b %Y} to {view.end:%d %b %Y}")
    table, k = view.table, len(view.table) - 1
    write_header(sheet, 0, table.columns, f)
    sheet.set_row(0, 45)
    sheet.freeze_panes(1, 0)
    sheet.repeat_rows(0)
    sheet.autofilter(0, 0, max(k, 1), len(table.columns) - 1)
    sheet.set_column(0, 0, max(16, *(len(w) + 2 for w in table.iloc[:, 0])))
    sheet.set_column(1, len(table.columns) - 1, 12)
    for name in sv.WITH_N:  # "71% (n=119)*"
        sheet.set_column(table.columns.get_loc(name), table.columns.get_loc(name), 14)
    with_n: dict[tuple[str, bool], Any] = {}  # number format "71% (n=28)", bold: format
    for i, values in enumerate(table.itertuples(index=False)):
        bold = f.bold if i == k else None
        for col, (name, value) in enumerate(zip(table.columns, values, strict=True)):
            n = int(view.n[name].to_numpy()[i]) if name in sv.WITH_N else -1
            if isinstance(value, str):
                sheet.write_string(i + 1, col, value, bold)
            elif n < 0:
                sheet.write_number(i + 1, col, int(value), bold)
            elif n and value == value:  # a rate over 0 stays blank
                shown = "0%" if name in sv.PERCENT_COLUMNS else "General"
                key = (f'{shown}" (n={n}){sv.mark(n)}"', i == k)
                if key not in with_n:
                    with_n[key] = workbook.add_format({"num_format": key[0], "bold": key[1]})
                sheet.write_number(i + 1, col, float(value), with_n[key])
    for row, line in enumerate(view.notes(), start=k + 3):
        sheet.write_string(row, 0, line, f.note)
    first = _backlog_block(sheet, view.backlog, k + 4 + len(view.notes()), f)
    _supervisor_charts(workbook, sheet, view, first, first + len(view.backlog) + 1)


def _backlog_block(sheet: Any, backlog: pd.DataFrame, row: int, f: Formats) -> int:
    """The weekly overdue table from ``row``; returns the row of its first week."""
    sheet.write_string(row, 0, "Actions overdue at the end of each week", f.title)
    write_header(sheet, row + 1, backlog.columns, f)
    sheet.set_row(row + 1, 30)
    for at, values in enumerate(backlog.itertuples(index=False), start=row + 2):
        for col, value in enumerate(values):
            if isinstance(value, pd.Timestamp):
                sheet.write_datetime(at, col, value.to_pydatetime(), f.short_date)
            elif value is pd.NaT:
                sheet.write_string(at, col, "no business day")
            elif value is pd.NA:
                continue
            else:
                sheet.write_number(at, col, int(value))
    return row + 2


def _supervisor_charts(workbook: Any, sheet: Any, view: SupervisorView, first: int,
                       row: int) -> None:
    """Native charts: on-time thank-you rate per worker; overdue backlog per week."""
    k = len(view.table) - 1
    rate_col = sv.SUPERVISOR_COLUMNS.index(sv.RATE)
    labels = sv.text_table(view)[sv.RATE].tolist()
    rates = workbook.add_chart({"type": "bar"})
    rates.add_series({
        "name": sv.RATE, "categories": ["Supervisor", 1, 0, max(k, 1), 0],
        "values": ["Supervisor", 1, rate_col, max(k, 1), rate_col],
        "fill": {"color": "#5B9BD5"},
        "data_labels": {"value": True, "position": "outside_end", "custom": [
            {"value": text or "none due"} for text in labels[:k]]}})
    rates.set_title({"name": "On-time thank-you rate per worker; all workers: "
                             + (labels[k] or "none due"), "name_font": {"size": 11}})
    rates.set_x_axis({"min": 0, "max": 1.25, "major_unit": 0.25, "num_format": '[<=1]0%;;',
                      "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    rates.set_y_axis({"reverse": True})
    rates.set_legend({"none": True})
    rates.set_size({"width": 560, "height": 110 + 36 * max(k, 3)})
    sheet.insert_chart(row, 0, rates)
    backlog = view.backlog
    if backlog.empty:
        return
    last = first + len(backlog) - 1
    total = len(backlog.columns) - 1
    weeks = workbook.add_chart({"type": "column"})
    weeks.add_series({
        "name": "Overdue actions", "categories": ["Supervisor", first, 1, last, 1],
        "values": ["Supervisor", first, total, last, total], "fill": {"color": "#C0504D"},
        "data_labels": {"value": True, "position": "outside_end"}})
    weeks.set_title({"name": "Actions overdue at the end of each week (all workers)",
                     "name_font": {"size": 11}})
    weeks.set_x_axis({"name": "week ending", "num_format": "d mmm", "text_axis": True,
                      "num_font": {"rotation": -45}})
    weeks.set_y_axis({"min": 0, "major_gridlines": {"visible": True,
                                                    "line": {"color": "#D9D9D9"}}})
    weeks.set_legend({"none": True})
    weeks.set_size({"width": 560, "height": 300})
    sheet.insert_chart(row, 7, weeks)
