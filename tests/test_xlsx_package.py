"""The in-place OOXML layer (followkit/recording/xlsx_*.py, SPEC §8.1)."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from followkit.recording.xlsx_package import XlsxPackage
from followkit.recording.xlsx_sheet import SheetXml, cell_xml, column_letters, split_ref
from followkit.recording.xlsx_styles import Styles, is_date_format
from followkit.recording.xlsx_write import grow_ranges

texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
values = st.one_of(st.integers(-10**6, 10**6), texts.filter(lambda t: t.strip() != ""),
                   st.booleans(), st.dates(date(1950, 1, 1), date(2090, 12, 31)))
coords = st.tuples(st.integers(1, 40), st.integers(1, 9))


def _cells(xml: bytes) -> dict[str, str]:
    return {m.group(1): m.group(0) for m in re.finditer(
        r'<c r="([A-Z]+\d+)"[^>]*?(?:/>|>.*?</c>)', xml.decode(), re.S)}


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _book(path: Path, grid: dict[tuple[int, int], object]) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("S")
    bold = wb.add_format({"bold": True})
    for (row, col), value in grid.items():
        if isinstance(value, str) and value.startswith("="):
            ws.write_formula(row - 1, col - 1, value, bold, 7)  # cached result 7
        elif isinstance(value, bool):
            ws.write_boolean(row - 1, col - 1, value)
        elif isinstance(value, str):
            ws.write_string(row - 1, col - 1, value, bold)
        else:
            ws.write_number(row - 1, col - 1, value)
    wb.add_worksheet("Other").write("A1", "untouched")
    wb.close()
    return path


def _expected(value: object) -> object:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return float(value)
    return value


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(grid=st.dictionaries(st.tuples(st.integers(1, 30), st.integers(1, 8)),
                            st.one_of(values.filter(lambda v: not isinstance(v, date)),
                                      st.just("=1+6")), max_size=40),
       edits=st.dictionaries(coords, values, min_size=1, max_size=15))
def test_random_edits_change_those_cells_only(tmp_path, grid, edits):
    source = _book(tmp_path / "in.xlsx", grid)
    package = XlsxPackage(source)
    sheet = package.sheet("S")
    for (row, col), value in edits.items():
        style = None
        if isinstance(value, date):
            style = package.styles.with_format(None, package.styles.date_format_id())
        sheet.set(row, col, cell_xml(sheet.prefix, f"{column_letters(col)}{row}", value, style))
    out = tmp_path / "out.xlsx"
    package.save(out)
    before, after = _members(source), _members(out)
    assert {n for n in before if before[n] != after[n]} <= {"xl/worksheets/sheet1.xml",
                                                           "xl/styles.xml"}
    old, new = _cells(before["xl/worksheets/sheet1.xml"]), _cells(after["xl/worksheets/sheet1.xml"])
    edited = {f"{column_letters(c)}{r}" for r, c in edits}
    assert {ref: xml for ref, xml in new.items() if ref not in edited} == {
        ref: xml for ref, xml in old.items() if ref not in edited}
    # Read back: what was there, with the edits (formulas as their cached value).
    expected = {key: (7.0 if value == "=1+6" else _expected(value))
                for key, value in grid.items()} | {k: _expected(v) for k, v in edits.items()}
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("S").to_python(
        skip_empty_area=False)
    got = {(r, c): v for r, line in enumerate(rows, start=1)
           for c, v in enumerate(line, start=1) if v != ""}
    assert got == {k: v for k, v in expected.items() if v != ""}
    openpyxl.load_workbook(out)  # a valid package for another reader too


def test_a_prefixed_sheet_and_rows_without_references_are_followed():
    xml = ('<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<x:dimension ref="A1:B2"/><x:sheetData><x:row><x:c><x:v>1</x:v></x:c>'
           '<x:c t="s"><x:v>0</x:v></x:c></x:row><x:row r="3"><x:c r="B3"><x:f>A1</x:f>'
           "<x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>")
    sheet = SheetXml(xml)
    assert sheet.prefix == "x:" and sheet.row_numbers == [1, 3]
    sheet.set(2, 3, cell_xml(sheet.prefix, "C2", "new", None))
    sheet.set(1, 3, cell_xml(sheet.prefix, "C1", 5, None))
    assert sheet.text() == (
        '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<x:dimension ref="A1:C2"/><x:sheetData><x:row><x:c r="A1"><x:v>1</x:v></x:c>'
        '<x:c t="s" r="B1"><x:v>0</x:v></x:c><x:c r="C1"><x:v>5</x:v></x:c></x:row>'
        '<x:row r="2"><x:c r="C2" t="inlineStr"><x:is><x:t>new</x:t></x:is></x:c></x:row>'
        '<x:row r="3"><x:c r="B3"><x:f>A1</x:f><x:v>1</x:v></x:c></x:row></x:sheetData>'
        "</x:worksheet>")
    assert sheet.last_data_row() == 2  # row 3 holds only a formula


def test_text_is_text_never_a_formula_and_is_escaped():
    assert cell_xml("", "A1", "=HYPERLINK(\"x\")", "3") == (
        '<c r="A1" s="3" t="inlineStr"><is><t>=HYPERLINK("x")</t></is></c>')
    assert cell_xml("", "A2", " a<b & c\x01", None) == (
        '<c r="A2" t="inlineStr"><is><t xml:space="preserve"> a&lt;b &amp; c</t></is></c>')
    assert cell_xml("", "A3", date(2026, 11, 20), "5") == '<c r="A3" s="5"><v>46346</v></c>'
    assert cell_xml("", "A4", True, None) == '<c r="A4" t="b"><v>1</v></c>'


def test_split_ref_and_letters():
    assert split_ref("$AB$12") == (28, 12) and column_letters(28) == "AB"
    with pytest.raises(ValueError, match="not a cell reference"):
        split_ref("12A")


def test_date_formats_are_recognised():
    assert is_date_format("ddd d mmm yyyy") and is_date_format("dd/mm/yyyy")
    assert not is_date_format("0.00") and not is_date_format('"day"0')
    assert not is_date_format("[Red]0") and not is_date_format("h:mm")


def test_styles_append_a_copy_with_a_date_format_and_a_new_number_format():
    xml = ('<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<fonts count="1"><font/></fonts><cellXfs count="2"><xf numFmtId="0" fontId="0"/>'
           '<xf numFmtId="0" fontId="1" applyFont="1"/></cellXfs></styleSheet>')
    styles = Styles(xml, "xl/styles.xml")
    fmt = styles.date_format_id()
    assert fmt == 164 and styles.with_format("1", fmt) == "2"
    assert styles.with_format("1", fmt) == "2"  # once
    assert styles.is_date("2") and not styles.is_date("1")
    assert styles.text() == (
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
        '<fonts count="1"><font/></fonts><cellXfs count="3"><xf numFmtId="0" fontId="0"/>'
        '<xf numFmtId="0" fontId="1" applyFont="1"/><xf numFmtId="164" fontId="1" '
        'applyFont="1" applyNumberFormat="1"/></cellXfs></styleSheet>')


def test_validations_reaching_the_row_above_grow_with_new_rows():
    tail = ('</sheetData><dataValidations count="2"><dataValidation sqref="C2:C4 E2:E9"/>'
            '<dataValidation sqref="B7"/></dataValidations><extLst><x14:dataValidations>'
            "<x14:dataValidation><xm:sqref>D2:D4</xm:sqref></x14:dataValidation>"
            "</x14:dataValidations></extLst>")
    assert grow_ranges({5, 6})(tail) == tail.replace("C2:C4", "C2:C6").replace(
        "D2:D4", "D2:D6")


def test_a_new_sheet_is_added_to_the_workbook_rels_and_content_types(tmp_path):
    source = _book(tmp_path / "in.xlsx", {(1, 1): "a"})
    package = XlsxPackage(source)
    part = package.add_sheet('Log & "notes"', '<worksheet xmlns="http://schemas.'
                             'openxmlformats.org/spreadsheetml/2006/main"><sheetData/>'
                             "</worksheet>")
    package.sheet('Log & "notes"').set(1, 1, cell_xml("", "A1", "x", None))
    out = tmp_path / "out.xlsx"
    package.save(out)
    assert part == "xl/worksheets/sheet3.xml"
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["S", "Other", 'Log & "notes"']
    assert wb['Log & "notes"']["A1"].value == "x"


def test_a_table_grows_by_a_row_and_a_column_named_as_its_header(tmp_path):
    source = tmp_path / "in.xlsx"
    wb = xlsxwriter.Workbook(str(source))
    ws = wb.add_worksheet("S")
    ws.add_table(0, 0, 2, 2, {"name": "Calls", "data": [["I1", 1, "x"], ["I2", 2, "y"]],
                              "columns": [{"header": "ID"}, {"header": "N"},
                                          {"header": "R"}]})
    wb.close()
    package = XlsxPackage(source)
    sheet = package.sheet("S")
    sheet.set(1, 4, cell_xml("", "D1", "Notes & more", None))
    sheet.set(4, 1, cell_xml("", "A4", "I3", None))
    assert package.grow_table("S", 1, 4, 4, 3, {4: "Notes & more"})
    assert not package.grow_table("S", 2, 4, 4, 3, {4: "x"})  # not the table's header row
    out = tmp_path / "out.xlsx"
    package.save(out)
    table = openpyxl.load_workbook(out)["S"].tables["Calls"]
    assert table.ref == "A1:D4" and table.autoFilter.ref == "A1:D4"
    assert [(c.id, c.name) for c in table.tableColumns] == [
        (1, "ID"), (2, "N"), (3, "R"), (4, "Notes & more")]


def test_a_part_saved_with_a_byte_order_mark_keeps_it(tmp_path):
    source = _book(tmp_path / "in.xlsx", {(1, 1): 5})
    members = _members(source)
    members["xl/worksheets/sheet1.xml"] = b"\xef\xbb\xbf" + members["xl/worksheets/sheet1.xml"]
    with zipfile.ZipFile(source, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    package = XlsxPackage(source)
    sheet = package.sheet("S")
    sheet.set(2, 1, cell_xml(sheet.prefix, "A2", 6, None))
    out = tmp_path / "out.xlsx"
    package.save(out)
    data = _members(out)["xl/worksheets/sheet1.xml"]
    assert data.startswith(b"\xef\xbb\xbf<?xml") and b'<c r="A2"><v>6</v></c>' in data
    assert openpyxl.load_workbook(out)["S"]["A2"].value == 6


def test_a_first_row_under_the_header_does_not_take_the_headers_style(tmp_path):
    from datetime import datetime

    from followkit.recording.places import SheetInfo, SheetMap
    from followkit.recording.plan import AddRow
    from followkit.recording.xlsx_write import PackageWriter

    source = tmp_path / "in.xlsx"
    wb = xlsxwriter.Workbook(str(source))
    ws = wb.add_worksheet("Calls")
    ws.set_row(0, 30, wb.add_format({"bold": True}))
    ws.write_row(0, 0, ["Interview ID", "Call Date"], wb.add_format({"bold": True}))
    wb.close()
    sheets = SheetMap({"Calls": SheetInfo("Calls", 1, ["Interview ID", "Call Date"],
                                          [["Interview ID", "Call Date"]])})
    writer = PackageWriter(XlsxPackage(source), sheets, "2026-11-20T17:00:00+00:00", "r.xlsx")
    writer.apply(AddRow("Calls", {"Interview ID": "I1", "Call Date": date(2026, 11, 20)},
                        "sheet 'Calls' row 2: Follow-up call"))
    out = tmp_path / "out.xlsx"
    assert [row[1:6] for row in writer.finish(out)] == [
        ["Calls", 2, "Interview ID", "", "I1"], ["Calls", 2, "Call Date", "", "2026-11-20"]]
    sheet = openpyxl.load_workbook(out)["Calls"]
    assert not sheet["A2"].font.b and sheet.row_dimensions[2].height is None
    assert (sheet["B2"].value, sheet["B2"].number_format) == (
        datetime(2026, 11, 20), "yyyy-mm-dd")
    assert openpyxl.load_workbook(out)["followkit log"]["D3"].value == "Call Date"


def test_the_first_cell_of_a_shared_formula_is_never_overwritten(tmp_path):
    from followkit.core.errors import OutputError
    from followkit.recording.places import SheetInfo, SheetMap
    from followkit.recording.plan import SetCell
    from followkit.recording.xlsx_write import PackageWriter

    source = _book(tmp_path / "in.xlsx", {(1, 1): "Decision Date", (2, 1): 5, (3, 1): 6})
    members = _members(source)
    members["xl/worksheets/sheet1.xml"] = members["xl/worksheets/sheet1.xml"].replace(
        b'<c r="A2"><v>5</v></c>', b'<c r="A2"><f t="shared" ref="A2:A3" si="0">B2+1</f>'
        b"<v>5</v></c>").replace(b'<c r="A3"><v>6</v></c>',
                                  b'<c r="A3"><f t="shared" si="0"/><v>6</v></c>')
    with zipfile.ZipFile(source, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    sheets = SheetMap({"S": SheetInfo("S", 1, ["Decision Date"], [["Decision Date"], [5], [6]])})
    writer = PackageWriter(XlsxPackage(source), sheets, "2026-11-20T17:00:00+00:00", "r.xlsx")
    with pytest.raises(OutputError, match=r"sheet 'S' cell A2 holds a formula that cells "
                                          r"A2:A3 share; recording there would break them"):
        writer.apply(SetCell("S", 2, "Decision Date", date(2026, 12, 4), "row 2"))
    writer.apply(SetCell("S", 3, "Decision Date", date(2026, 12, 4), "row 3"))  # a follower
    out = tmp_path / "out.xlsx"
    writer.finish(out)
    assert openpyxl.load_workbook(out)["S"]["A2"].value == "=B2+1"


def test_an_added_column_gets_a_width_unless_the_sheet_sets_one():
    head = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<cols><col min="1" max="2" width="9"/><col min="6" max="6" width="30"/></cols>'
            "<sheetData/></worksheet>")
    sheet = SheetXml(head)
    sheet.widen(2, 12)  # set already
    sheet.widen(4, 18)
    assert sheet.text() == head.replace(
        '<col min="6"', '<col min="4" max="4" width="18" customWidth="1"/><col min="6"'
    ).replace("<sheetData/>", "<sheetData></sheetData>")
    bare = SheetXml('<worksheet xmlns="x"><sheetView/><sheetData/></worksheet>')
    bare.widen(3, 12)
    assert bare.text() == ('<worksheet xmlns="x"><sheetView/><cols><col min="3" max="3" '
                           'width="12" customWidth="1"/></cols><sheetData></sheetData>'
                           "</worksheet>")
