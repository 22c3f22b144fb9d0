"""A sheet's body written a column at a time (followkit.report.xlsx_body) is the same
workbook as xlsxwriter's own cell-by-cell writing: every cell's value, type and style,
row heights, links. The cell-by-cell way is the reference (``FAST = False``)."""

from __future__ import annotations

import math
import warnings
from datetime import date
from pathlib import Path

import numpy as np
import openpyxl
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followkit.report import xlsx_body
from followkit.report.workbook import write_report
from followkit.report.xlsx_body import BodySheet, Column


def fingerprint(path: Path) -> dict[str, list[tuple]]:
    """Every sheet's cells (value, type, format, font, fill, alignment, link) and the
    rows given a height, in a form two files can be compared by."""
    with warnings.catch_warnings():  # a huge number in a date format: openpyxl warns
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(path)
    out = {}
    for ws in book.worksheets:
        cells = []
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and not c.has_style:
                    continue
                value = c.value
                if isinstance(value, float) and math.isnan(value):
                    value = "nan"
                cells.append((c.coordinate, value, c.data_type, c.number_format, c.font.b,
                              c.fill.fgColor.rgb, c.alignment.wrap_text, c.alignment.vertical,
                              c.quotePrefix, c.hyperlink.target if c.hyperlink else None))
        heights = sorted((r, d.height) for r, d in ws.row_dimensions.items()
                         if d.height is not None)
        out[ws.title] = [*cells, ("heights", tuple(heights))]
    return out


def both_ways(write, tmp_path: Path, monkeypatch) -> tuple[dict, dict]:
    """``write(path)`` with the column writer and with xlsxwriter's cell by cell."""
    fast = tmp_path / "columns.xlsx"
    monkeypatch.setattr(xlsx_body, "_CHUNK", 3)  # rows made into XML 3 at a time
    write(fast)
    monkeypatch.setattr(xlsx_body, "FAST", False)
    slow = tmp_path / "cells.xlsx"
    write(slow)
    monkeypatch.setattr(xlsx_body, "FAST", True)
    return fingerprint(fast), fingerprint(slow)


def test_the_installed_xlsxwriter_has_what_the_column_writer_needs():
    assert xlsx_body.FAST  # else every report is written the slow way, silently


def test_the_report_is_the_same_written_by_columns_or_cell_by_cell(sample_file, tmp_path,
                                                                   monkeypatch):
    from followkit import Session

    report = Session.open([sample_file]).report(date(2026, 11, 20))
    fast, slow = both_ways(lambda p: write_report(report, p), tmp_path, monkeypatch)
    assert fast.keys() == slow.keys()
    for name in fast:
        assert fast[name] == slow[name], name
    thanks = fast["Thank-Yous"]
    assert any(cell[-1] and cell[-1].startswith("mailto:") for cell in thanks[:-1])
    assert len(fast["Interviews"]) > 60 * 10  # the body is there, not only the header


def _sheet_with(columns, path: Path, *, row_format: bool = False,
                heights=None) -> None:
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False,
                                           "strings_to_numbers": False,
                                           "strings_to_urls": False,
                                           "nan_inf_to_errors": True})
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    date_format = book.add_format({"num_format": "d mmm yyyy"})
    formats = {"bold": bold, "wrap": wrap, "date": date_format, None: None}
    sheet = book.add_worksheet("Body", worksheet_class=BodySheet)
    sheet.write_string(0, 0, "Header", bold)
    sheet.set_column(1, 1, 20, wrap)  # cells without a format take the column's
    if row_format:
        sheet.set_row(2, 30, bold)
    sheet.write_columns(1, [Column(np.asarray(codes), cells, [formats[f] for f in fmts], link)
                            for codes, cells, fmts, link in columns], heights)
    book.close()


TEXT = st.text(st.characters(min_codepoint=1, max_codepoint=0x1F600, blacklist_categories=("Cs",)),
               max_size=12)
CELL = st.one_of(TEXT, st.sampled_from(["<b>&amp;\"'", " lead", "trail ", "=1+1", "\x01x",
                                        "", "0042", "Kai Sato", None]),
                 st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**6, 10**6),
                 st.booleans())


@st.composite
def columns(draw):
    rows = draw(st.integers(0, 12))
    out = []
    for _ in range(draw(st.integers(1, 4))):
        cells = draw(st.lists(CELL, min_size=1, max_size=6))
        codes = draw(st.lists(st.integers(-1, len(cells) - 1), min_size=rows, max_size=rows))
        fmts = draw(st.lists(st.sampled_from([None, "bold", "wrap", "date"]),
                             min_size=len(cells), max_size=len(cells)))
        out.append((codes, cells, fmts, None))
    return out


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(columns(), st.booleans())
def test_any_cells_are_written_the_same_both_ways(tmp_path, monkeypatch, cols, row_format):
    fast, slow = both_ways(lambda p: _sheet_with(cols, p, row_format=row_format),
                           tmp_path, monkeypatch)
    assert fast == slow


def test_links_long_texts_heights_and_errors_are_xlsxwriters_own(tmp_path, monkeypatch):
    long_text = "é" * 20000 + "😀" * 10000  # over Excel's 32 767 UTF-16 units
    cols = [([0, 1, -1, 0], ["mailto:a@example.org", "mailto:b@example.org"],
             [None, None], "Draft email"),
            ([0, 1, 2, 3], [long_text, math.nan, math.inf, "short"], [None] * 4, None),
            ([0, 0, 1, -1], [True, 3.25], ["bold", None], None)]
    fast, slow = both_ways(lambda p: _sheet_with(cols, p, heights=[None, 45.0, None, 60.0]),
                           tmp_path, monkeypatch)
    assert fast == slow
    cells = {c[0]: c for c in fast["Body"][:-1]}
    assert cells["A2"][1] == "Draft email" and cells["A2"][-1] == "mailto:a@example.org"
    assert "A4" not in cells  # an empty cell is not written
    assert cells["B2"][1] == long_text[:20000] + "😀" * 6383  # truncated by xlsxwriter
    assert (cells["B3"][1], cells["B4"][1]) == ("=#NUM!", "=1/0")  # nan_inf_to_errors
    assert cells["C2"][1] is True and cells["C2"][4] is True
    assert cells["C4"][1] == 3.25
    assert fast["Body"][-1] == ("heights", ((3, 45.0), (5, 60.0)))


def test_the_body_is_kept_as_columns_not_given_to_xlsxwriter_cell_by_cell(tmp_path):
    # else the writer could fall back to the slow path everywhere and every test pass
    book = xlsxwriter.Workbook(str(tmp_path / "kept.xlsx"))
    sheet = book.add_worksheet("Body", worksheet_class=BodySheet)
    sheet.write_columns(1, [Column(np.array([0, 1, 0]), ["a", 2.5], [None, None])])
    assert sheet.by_columns and not any(sheet.table.get(row) for row in (1, 2, 3))
    book.close()
    streamed = xlsxwriter.Workbook(str(tmp_path / "streamed.xlsx"), {"constant_memory": True})
    sheet = streamed.add_worksheet("Body", worksheet_class=BodySheet)
    sheet.write_columns(1, [Column(np.array([0, 1, 0]), ["a", 2.5], [None, None])])
    assert not sheet.by_columns  # streamed rows go through xlsxwriter, in order
    streamed.close()


def test_a_second_body_on_one_sheet_goes_cell_by_cell(tmp_path):
    path = tmp_path / "two.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Body", worksheet_class=BodySheet)
    sheet.write_columns(0, [Column(np.array([0, 1]), ["a", "b"], [None, None])])
    sheet.write_columns(1, [Column(np.array([0]), ["c"], [None]),
                            Column(np.array([0]), [7], [None])])
    book.close()
    ws = openpyxl.load_workbook(path)["Body"]
    assert [[c.value for c in row] for row in ws.iter_rows()] == [["a", None], ["c", 7]]


def test_the_shared_strings_count_every_use(tmp_path):
    path = tmp_path / "count.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Body", worksheet_class=BodySheet)
    sheet.write_columns(0, [Column(np.array([0, 0, 1, -1, 0]), ["Overdue", "Upcoming", "x"],
                                   [None] * 3)])
    book.close()
    import zipfile

    with zipfile.ZipFile(path) as z:
        sst = z.read("xl/sharedStrings.xml").decode()
    assert 'count="4" uniqueCount="2"' in sst
