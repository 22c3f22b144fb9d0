"""The printed To Do and queue sheets, and the workbook on screen (issue #13, points 1 and 5).

The workbook is read back with openpyxl; one test renders it with LibreOffice
(skipped when ``soffice`` is not installed) and reads the PDF's pages.
"""

import math
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string

from followkit.pipeline import run_report
from followkit.report.printing import MIN_POINTS, effective_font_size, page_header
from followkit.report.workbook import FILL_IN_SHEETS

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample_tracker.xlsx"
AS_OF = date(2026, 11, 20)
PRINTED = {  # the columns on paper, in order, per sheet
    "To Do": ["Due Date", "Status", "Action", "Client Name", "Employer", "Details",
              "Done On", "Record"],
    "Calls": ["Due Date", "Status", "Client Name", "Employer", "Contact", "Details",
              "Done On", "Record"],
}
PRINTED["Thank-Yous"] = PRINTED["To Do"]
for _one in ("References", "Decision Dates", "Job Search"):
    PRINTED[_one] = [c for c in PRINTED["To Do"] if c != "Action"]


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    """The sample's report for all workers, and one worker's without contacts."""
    folder = tmp_path_factory.mktemp("print")
    everyone = run_report(SAMPLE, as_of=AS_OF, output=folder / "all.xlsx")
    one = run_report(SAMPLE, as_of=AS_OF, workers=["priya sharma"], include_contacts=False,
                     output=folder / "priya.xlsx")
    assert everyone.output and one.output
    return {"all": openpyxl.load_workbook(everyone.output),
            "priya": openpyxl.load_workbook(one.output), "folder": folder}


def printed_columns(ws) -> tuple[list[str], list[float]]:
    """The header labels and widths of the columns inside the sheet's print area."""
    area = str(ws.print_area).split("!")[-1].replace("$", "")
    first, last = re.match(r"([A-Z]+)\d+:([A-Z]+)\d+", area).groups()
    cols = range(column_index_from_string(first), column_index_from_string(last) + 1)
    stored = {}  # openpyxl keeps a run of equal widths on its first column
    for dim in ws.column_dimensions.values():
        for c in range(dim.min or 0, (dim.max or 0) + 1):
            stored[c] = dim.width
    # The file stores Excel's width plus the 5 px padding (5/7 of a character).
    return ([ws.cell(row=1, column=c).value for c in cols],
            [round(stored[c] - 5 / 7, 2) for c in cols])


@pytest.mark.parametrize("which", ["all", "priya"])
@pytest.mark.parametrize("name", FILL_IN_SHEETS)
def test_action_sheets_print_landscape_one_page_wide_at_9pt(books, which, name):
    ws = books[which][name]
    labels, widths = printed_columns(ws)
    contacts = which == "all"  # the worker's copy is written without contacts
    assert labels == [c for c in PRINTED[name] if contacts or c != "Contact"]
    assert len(labels) <= 9
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    # fitToWidth 1 is the file format's default, so openpyxl reads it as None
    assert (ws.page_setup.fitToWidth or 1, ws.page_setup.fitToHeight) == (1, 0)
    assert str(ws.print_area).endswith(f"${ws.max_row}")
    # Fitted one page wide on Letter (10.2 in between the margins): Excel's own
    # widths (7 px a character + 5) need no shrinking; even counting 0.1 in a
    # character (a wide fallback font) the text stays at 9 pt or more.
    assert sum(widths) == 120
    assert effective_font_size(widths) == 11.0
    assert 11 * min(1.0, 10.2 / (0.1 * sum(widths))) >= MIN_POINTS == 9.0
    assert (ws.page_margins.left, ws.page_margins.right) == (0.4, 0.4)


def test_effective_font_size_is_the_shrink_to_one_page_wide():
    assert effective_font_size([100]) == 11.0  # 705 px = 7.34 in: no shrinking
    # 1405 px = 14.635 in on 10.2 in: 11 pt x 10.2 / 14.635
    assert effective_font_size([200]) == pytest.approx(11 * 10.2 / (1405 / 96))
    # the old To Do (about 300 characters wide) printed at about 4.5 pt
    assert effective_font_size([20] * 15) == pytest.approx(4.95, abs=0.01)


def test_page_header_names_worker_sheet_and_date(books):
    todo = books["all"]["To Do"]
    assert todo.oddHeader.left.text == "All workers"
    assert todo.oddHeader.center.text == "To Do"
    assert todo.oddHeader.right.text == "as of Fri 20 Nov 2026"
    assert todo.oddFooter.right.text == "Page &P of &N"
    calls = books["priya"]["Calls"]
    assert calls.oddHeader.left.text == "Priya Sharma"  # the tracker's spelling
    assert calls.oddHeader.center.text == "Calls"
    assert page_header("A & B", as_of=AS_OF, workers="Ann & Bo") == (
        '&L&"Calibri,Bold"Ann && Bo&C&"Calibri,Bold"A && B&Ras of Fri 20 Nov 2026')


def test_details_wrap_and_rows_are_tall_enough(books):
    ws = books["all"]["To Do"]
    labels, widths = printed_columns(ws)
    col = labels.index("Details") + 1
    width = widths[col - 1]
    tall = 0
    for row in range(2, ws.max_row + 1):
        cell = ws.cell(row=row, column=col)
        assert cell.alignment.wrap_text and cell.alignment.vertical == "top"
        height = ws.row_dimensions[row].height or 15
        assert height >= 15 * min(8, math.ceil(len(cell.value) / width)), row
        tall += height > 15
    assert tall == ws.max_row - 1  # every sample Details takes two lines or more


def test_calls_show_the_phone_once(books):
    header = [c.value for c in books["all"]["Calls"][1]]
    assert "Employer Phone" not in header
    assert books["all"]["Calls"].cell(row=2, column=header.index("Contact") + 1).value == (
        "(905) 555-0111")
    assert "Contact" not in [c.value for c in books["priya"]["Calls"][1]]


def test_frozen_client_columns(books):
    assert books["all"]["To Do"].freeze_panes == "E2"  # through Client Name
    assert books["all"]["Calls"].freeze_panes == "D2"
    assert books["all"]["Clients"].freeze_panes == "C2"


def test_data_issues_problem_wraps(books):
    ws = books["all"]["Data Issues"]
    header = [c.value for c in ws[1]]
    col = header.index("Problem") + 1
    long = [r for r in range(2, ws.max_row + 1)
            if len(ws.cell(row=r, column=col).value) > 60]
    assert long
    for row in long:
        assert ws.cell(row=row, column=col).alignment.wrap_text
        assert ws.row_dimensions[row].height >= 30


def test_summary_counts_are_numbers(books):
    ws = books["all"]["Summary"]
    cells = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2) for r in range(1, 20)}
    for key in ("Interview rows", "Evaluated", "Not evaluated (errors, see Data Issues)"):
        assert cells[key].data_type == "n", key
    assert cells["Interview rows"].value == books["all"]["Interviews"].max_row - 1 == 152
    assert cells["Data issues"].value == "2 errors, 7 warnings"
    assert cells["As of"].data_type == "s"


def _need_libreoffice() -> None:
    if shutil.which("soffice") and shutil.which("pdftotext"):
        return
    message = ("PRINT TEST NOT RUN: no soffice/pdftotext; `make test` installs Debian's "
               "libreoffice-calc and poppler-utils with apt-get")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def test_libreoffice_prints_the_to_do_readable(books):
    _need_libreoffice()
    folder = books["folder"]
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                    str(folder / "priya.xlsx")], check=True, capture_output=True, timeout=240)
    pages = subprocess.run(["pdftotext", "-bbox", str(folder / "priya.pdf"), "-"],
                           check=True, capture_output=True, text=True).stdout.split("<page ")
    page = next(p for p in pages if ">Record<" in p)  # the To Do's first page
    words = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', page)
    text = " ".join(w for *_, w in words)
    assert "Priya Sharma" in text and "To Do" in text and "as of Fri 20 Nov 2026" in text
    assert "Record" in text and "Interview ID" not in text  # outside the print area
    # A line of body text is about 1.2 x the font size high: 9 pt or more on paper.
    heights = sorted(float(b) - float(a) for a, b, _ in words)
    assert heights[len(heights) // 2] / 1.22 >= 9.0


def test_summary_prints_its_long_policy_line_wrapped(books):
    ws = books["priya"]["Summary"]
    assert ws.oddHeader.left.text == "Priya Sharma"
    assert ws.oddHeader.right.text == "as of Fri 20 Nov 2026"
    row = next(r for r in range(1, 20) if ws.cell(row=r, column=1).value == "Policy")
    policy = ws.cell(row=row, column=2)
    assert policy.value.startswith("thank-you 1 business day(s)")
    assert f"B{row}:H{row}" in {str(m) for m in ws.merged_cells.ranges}
    assert policy.alignment.wrap_text
    assert ws.row_dimensions[row].height == 15 * math.ceil(len(policy.value) / 90)
