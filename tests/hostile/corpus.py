"""Build the hostile-file corpus: every file is made by the tests, none is committed.

Each builder writes one file into a folder and returns its path.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import xlsxwriter

HEADER = ["Interview ID", "Client ID", "Client Name", "Worker", "Interview Date"]
ROWS = [["I1", "007", "Zoë Côté", "Sam", date(2026, 11, 20)],
        ["I2", "008", "NA", "Sam", date(2026, 11, 23)]]


def _xlsx(path: Path, sheets: dict[str, list[list]], *, hidden: tuple[str, ...] = (),
          options: dict | None = None, merge: tuple | None = None) -> Path:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, **(options or {})})
    fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        if name in hidden:
            ws.hide()
        else:
            ws.activate()
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, date):
                    ws.write_datetime(r, c, datetime(value.year, value.month, value.day), fmt)
                elif value is not None:
                    ws.write(r, c, value)
        if merge and name not in hidden:
            ws.merge_range(*merge)
    wb.close()
    return path


def _replace_member(path: Path, member: str, content: bytes) -> Path:
    source = path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = content if item.filename == member else zin.read(item.filename)
            zout.writestr(item.filename, data)
    path.write_bytes(out.getvalue())
    return path


def _stream_member(path: Path, member: str, chunks: Callable[[], object]) -> Path:
    """Rewrite ``path`` with ``member`` streamed from ``chunks()`` (never all in memory)."""
    source = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(source)) as zin, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            if item.filename == member:
                with zout.open(member, "w", force_zip64=True) as fh:
                    for chunk in chunks():  # type: ignore[attr-defined]
                        fh.write(chunk)
            else:
                zout.writestr(item.filename, zin.read(item.filename))
    return path


SHEET_OPEN = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')


def entity_bomb(folder: Path) -> Path:
    path = _xlsx(folder / "entity_bomb.xlsx", {"Interviews": [HEADER, *ROWS]})
    lol = "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">'
                  for i in range(1, 10))
    xml = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">' + lol + ']>'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
           '</sheetData></worksheet>')
    return _replace_member(path, "xl/worksheets/sheet1.xml", xml.encode())


def external_entity(folder: Path) -> Path:
    path = _xlsx(folder / "external_entity.xlsx", {"Interviews": [HEADER, *ROWS]})
    xml = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>'
           '</sheetData></worksheet>')
    return _replace_member(path, "xl/worksheets/sheet1.xml", xml.encode())


def zip_bomb(folder: Path) -> Path:
    """A small file whose sheet declares 600 MB of XML."""
    path = _xlsx(folder / "zip_bomb.xlsx", {"Interviews": [HEADER, *ROWS]})

    def chunks():
        yield SHEET_OPEN + b"<sheetData>"
        block = b" " * (1 << 20)
        for _ in range(600):
            yield block
        yield b"</sheetData></worksheet>"

    return _stream_member(path, "xl/worksheets/sheet1.xml", chunks)


def two_million_rows(folder: Path) -> Path:
    """About 1 MB on disk, 2 million rows inflated, and no dimension to warn of it."""
    path = _xlsx(folder / "two_million_rows.xlsx", {"Interviews": [HEADER, *ROWS]})

    def chunks():
        yield SHEET_OPEN + b"<sheetData>"
        row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
        for _ in range(2000):
            yield row * 1000
        yield b"</sheetData></worksheet>"

    return _stream_member(path, "xl/worksheets/sheet1.xml", chunks)


def huge_formatted_range(folder: Path) -> Path:
    """300 real rows, and styled empty cells down to row 1 048 576, as Excel writes them."""
    rows = [HEADER] + [[f"I{i}", f"C{i:04d}", f"Client {i}", "Sam", date(2026, 11, 2)]
                       for i in range(1, 301)]
    path = _xlsx(folder / "huge_formatted_range.xlsx", {"Interviews": rows})

    def chunks():
        yield (SHEET_OPEN + b'<dimension ref="A1:E1048576"/><sheetData>')
        yield b'<row r="1">' + b"".join(
            f'<c r="{c}1" t="inlineStr"><is><t>{h}</t></is></c>'.encode()
            for c, h in zip("ABCDE", HEADER, strict=True)) + b"</row>"
        for i in range(2, 302):
            yield (f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>I{i}</t></is></c>'
                   f'<c r="B{i}" t="inlineStr"><is><t>C{i:04d}</t></is></c>'
                   f'<c r="C{i}" t="inlineStr"><is><t>Client {i}</t></is></c>'
                   f'<c r="D{i}" t="inlineStr"><is><t>Sam</t></is></c>'
                   f'<c r="E{i}"><v>46328</v></c></row>').encode()
        batch = []
        for i in range(302, 1_048_577):
            batch.append(f'<row r="{i}" s="1" customFormat="1"><c r="A{i}" s="1"/>'
                         f'<c r="E{i}" s="1"/></row>')
            if len(batch) == 20000:
                yield "".join(batch).encode()
                batch = []
        yield "".join(batch).encode() + b"</sheetData></worksheet>"

    return _stream_member(path, "xl/worksheets/sheet1.xml", chunks)


def truncated(folder: Path) -> Path:
    good = _xlsx(folder / "whole.xlsx", {"Interviews": [HEADER, *ROWS]})
    path = folder / "truncated.xlsx"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    good.unlink()
    return path


def encrypted(folder: Path) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = _xlsx(folder / "plain.xlsx", {"Interviews": [HEADER, *ROWS]})
    path = folder / "encrypted.xlsx"
    with plain.open("rb") as fin, path.open("wb") as fout:
        office = OOXMLFile(fin)
        office.encrypt("secret", fout)
    plain.unlink()
    return path


def csv_named_xlsx(folder: Path) -> Path:
    path = folder / "csv_named.xlsx"
    path.write_text("Interview ID,Client ID,Client Name,Interview Date\nI1,007,Ana,2026-11-20\n")
    return path


def html_named_xlsx(folder: Path) -> Path:
    path = folder / "html_named.xlsx"
    path.write_text("<!DOCTYPE html><html><body><table><tr><td>x</td></tr></table></body>"
                    "</html>")
    return path


def html_named_csv(folder: Path) -> Path:
    path = folder / "export.csv"
    path.write_text("<html><body>Sign in to see this page</body></html>")
    return path


def lock_file(folder: Path) -> Path:
    path = folder / "~$tracker.xlsx"
    path.write_bytes(b"\x0bSam                                  ")
    return path


def empty_file(folder: Path) -> Path:
    path = folder / "empty.xlsx"
    path.write_bytes(b"")
    return path


def header_only(folder: Path) -> Path:
    return _xlsx(folder / "header_only.xlsx", {"Interviews": [HEADER]})


def hidden_first_sheet(folder: Path) -> Path:
    old = [HEADER, ["X1", "999", "Old Client", "Kim", date(2024, 1, 5)]]
    return _xlsx(folder / "hidden_first.xlsx", {"Old": old, "Interviews": [HEADER, *ROWS]},
                 hidden=("Old",))


def title_rows(folder: Path) -> Path:
    return _xlsx(folder / "title_rows.xlsx", {"Interviews": [
        ["Youth Employment Program: interview tracker"], ["Fall 2026"], HEADER, *ROWS]})


def merged_cells(folder: Path) -> Path:
    rows = [HEADER, ["I1", "007", "Ana", "Sam", date(2026, 11, 20)],
            ["I2", "008", "Ben", None, date(2026, 11, 23)],
            ["I3", "009", "Cy", None, date(2026, 11, 24)]]
    return _xlsx(folder / "merged.xlsx", {"Interviews": rows}, merge=(1, 3, 3, 3, "Sam"))


def old_xls(folder: Path) -> Path:
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Interviews")
    style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for r, row in enumerate([HEADER, *ROWS]):
        for c, value in enumerate(row):
            if isinstance(value, date):
                sheet.write(r, c, datetime(value.year, value.month, value.day), style)
            else:
                sheet.write(r, c, value)
    path = folder / "old.xls"
    book.save(str(path))
    return path


def macro_xlsm(folder: Path) -> Path:
    path = _xlsx(folder / "tmp.xlsx", {"Interviews": [HEADER, *ROWS]})
    return path.rename(folder / "macros.xlsm")


def dates_1904(folder: Path) -> Path:
    return _xlsx(folder / "dates_1904.xlsx", {"Interviews": [HEADER, *ROWS]},
                 options={"date_1904": True})


def csv_cp1252(folder: Path) -> Path:
    path = folder / "windows.csv"
    path.write_bytes("Interview ID,Client ID,Client Name,Worker,Interview Date\n"
                     "I1,007,Zoë Côté,Sam,20/11/2026\nI2,008,NA,Sam,2026-11-23\n"
                     .encode("cp1252"))
    return path


def csv_bom(folder: Path) -> Path:
    path = folder / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "Interview ID,Client ID,Client Name,Worker,Interview "
                     "Date\nI1,007,Zoë Côté,Sam,2026-11-20\nI2,008,NA,Sam,2026-11-23\n"
                     .encode())
    return path
