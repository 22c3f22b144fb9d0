"""Trackers built the way workers keep them, with every feature SPEC §8.1 keeps (#24).

:func:`build_tracker` writes a SPEC §2 template tracker with xlsxwriter —
formulas with cached values (a Days Since column, a Decision Date computed by
formula, a Dashboard's counts), notes, a hyperlink, cell checkboxes, a drop-down
whose list is on another sheet, a data bar and sparklines (extLst), a chart, a
logo, a picture in a cell, a text box, a form button, a dynamic-array formula, a
picture in the print header — and then adds to the package the parts no Python
library writes: threaded comments and their persons, a pivot table and its
cache, a calcChain, and for ``.xlsm`` a VBA project with its signature.
The Calls sheet is an Excel Table (``calls="table"``) or has a formula column
filled down to row 500 (``calls="filled"``).
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from datetime import date
from pathlib import Path

import xlsxwriter

INTERVIEWS = [  # id, client id, name, worker, employer, position, date, phone
    ("I1", "C1", "Ana Lima", "Sam", "Maple Grocers", "Cashier", date(2026, 11, 10), "555-0101"),
    ("I2", "C2", "Omar Haddad", "Sam", "Oakridge Landscaping", "Labourer", date(2026, 11, 12),
     "555-0102"),
    ("I3", "C3", "Mei Chen", "Jo", "Lakeshore Cafe", "Barista", date(2026, 11, 16), "555-0103"),
    ("I4", "C4", "Luis Ortiz", "Jo", "Birch Tools", "Clerk", date(2026, 11, 2), "555-0104"),
]
INTERVIEWERS = [("I1", "Raj Patel", None), ("I1", "Greg Hall", date(2026, 11, 11)),
                ("I2", "Tom Becker", date(2026, 11, 13)), ("I3", "Ida Wu", date(2026, 11, 17)),
                ("I4", "Pat Moss", date(2026, 11, 3))]
CALLS = [("I1", date(2026, 11, 17), "No answer"), ("I4", date(2026, 11, 9), "Still deciding")]
SEARCH = [("C1", date(2026, 11, 5), "Summit Hardware", "Clerk"),
          ("C3", date(2026, 11, 6), "Pine Bakery", "Baker")]
FILLED_TO = 500
THANK_YOU_FORMAT = "ddd d mmm yyyy"
CALL_FORMAT = "dd/mm/yyyy"

ST = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def png() -> bytes:
    """A 2x2 red PNG (no imaging library needed)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _serial(day: date) -> int:
    return (day - date(1899, 12, 30)).days


def _interviews(wb: xlsxwriter.Workbook, fmt: dict[str, object]) -> None:
    ws = wb.add_worksheet("Interviews")
    header = ["Interview ID", "Client ID", "Client Name", "Worker", "Employer", "Position",
              "Interview Date", "Employer Phone", "Decision Date", "References Alerted",
              "Outcome", "Notes", "Days Since", "Shortlisted"]
    ws.write_row(0, 0, header, fmt["bold"])
    for i, row in enumerate(INTERVIEWS, start=1):
        ws.write_row(i, 0, row[:6])
        ws.write_datetime(i, 6, row[6], fmt["date"])
        ws.write_string(i, 7, row[7])
        ws.write_formula(i, 12, f"=DATE(2026,11,20)-G{i + 1}", fmt["int"],
                         (date(2026, 11, 20) - row[6]).days)
        ws.insert_checkbox(i, 13, i % 2 == 0)
    # A decision date computed by formula, with its cached value
    ws.write_formula(3, 8, "=G4+14", fmt["date"], _serial(date(2026, 11, 30)))
    ws.write_formula("K3", '=IF(M3>30,"Stale","")', None, "")  # a status by formula
    ws.write_comment("C2", "Prefers mornings")
    ws.write_url("E3", "https://example.org/oakridge", string="Oakridge Landscaping")
    ws.data_validation("K2:K200", {"validate": "list", "source": "=Lists!$A$1:$A$3"})
    ws.conditional_format("M2:M5", {"type": "data_bar", "data_bar_2010": True})
    ws.freeze_panes(1, 0)
    ws.set_header("&L&G", {"image_left": "logo.png", "image_data_left": _png_io()})


def _png_io() -> object:
    import io

    return io.BytesIO(png())


def _interviewers(wb: xlsxwriter.Workbook, fmt: dict[str, object]) -> None:
    ws = wb.add_worksheet("Interviewers")
    ws.write_row(0, 0, ["Interview ID", "Interviewer", "Email", "Thank-You Sent"], fmt["bold"])
    for i, (iid, name, sent) in enumerate(INTERVIEWERS, start=1):
        ws.write_row(i, 0, [iid, name, ""])
        if sent:
            ws.write_datetime(i, 3, sent, fmt["thanks"])
        else:
            ws.write_blank(i, 3, None, fmt["plain"])


def _calls(wb: xlsxwriter.Workbook, fmt: dict[str, object], calls: str) -> None:
    ws = wb.add_worksheet("Calls")
    if calls == "table":
        data = [[iid, day, result] for iid, day, result in CALLS]
        ws.add_table(0, 0, len(data), 2, {"name": "CallLog", "data": data, "columns": [
            {"header": "Interview ID"}, {"header": "Call Date", "format": fmt["call"]},
            {"header": "Result"}]})
        return
    ws.write_row(0, 0, ["Interview ID", "Call Date", "Result", "Days Since Call"], fmt["bold"])
    for i, (iid, day, result) in enumerate(CALLS, start=1):
        ws.write_row(i, 0, [iid])
        ws.write_datetime(i, 1, day, fmt["call"])
        ws.write_string(i, 2, result)
    for i in range(1, FILLED_TO):  # filled down an empty column, as workers do
        value = (date(2026, 11, 20) - CALLS[i - 1][1]).days if i <= len(CALLS) else ""
        ws.write_formula(i, 3, f'=IF(B{i + 1}="","",DATE(2026,11,20)-B{i + 1})', None, value)
    ws.data_validation(1, 2, len(CALLS), 2, {"validate": "list",
                                             "source": ["No answer", "Left voicemail"]})


def _search(wb: xlsxwriter.Workbook, fmt: dict[str, object]) -> None:
    ws = wb.add_worksheet("Job Search")
    ws.write_row(0, 0, ["Client ID", "Application Date", "Employer", "Position"], fmt["bold"])
    for i, (cid, day, employer, position) in enumerate(SEARCH, start=1):
        ws.write_string(i, 0, cid)
        ws.write_datetime(i, 1, day, fmt["date"])
        ws.write_row(i, 2, [employer, position])


def _dashboard(wb: xlsxwriter.Workbook, fmt: dict[str, object], macro: bool) -> None:
    ws = wb.add_worksheet("Dashboard")
    ws.write_string(0, 0, "Interviews")
    ws.write_formula(0, 1, "=COUNTA(Interviews!A2:A200)", None, len(INTERVIEWS))
    ws.write_string(1, 0, "Calls made")
    ws.write_formula(1, 1, "=COUNTA(Calls!A2:A200)", None, len(CALLS))
    ws.write_formula(2, 1, "=VLOOKUP(\"I2\",Interviews!A2:E200,5,FALSE)", None,
                     "Oakridge Landscaping")
    ws.write_dynamic_array_formula(4, 0, 4, 0, "=UNIQUE(Interviews!D2:D5)", None, "Sam")
    ws.write_row(6, 0, [3, 5, 2, 6])
    ws.add_sparkline(6, 4, {"range": "Dashboard!A7:D7", "markers": True})
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"values": "=Dashboard!$A$7:$D$7", "name": "Calls by week"})
    ws.insert_chart("G2", chart)
    ws.insert_image("A10", "logo.png", {"image_data": _png_io()})
    ws.embed_image(8, 1, "cell.png", {"image_data": _png_io()})
    ws.insert_textbox("G20", "Call everyone back by Friday")
    ws.insert_button("A14", {"caption": "Refresh", "macro": "refresh" if macro else ""})
    lists = wb.add_worksheet("Lists")
    lists.write_column(0, 0, ["Offer", "Hired", "Not selected"])
    lists.hide()
    wb.define_name("Outcomes", "=Lists!$A$1:$A$3")


def build_tracker(path: Path, *, calls: str = "table") -> Path:
    """Write the corpus tracker (``.xlsm`` when ``path`` says so) and return it."""
    macro = path.suffix == ".xlsm"
    wb = xlsxwriter.Workbook(str(path))
    fmt = {"bold": wb.add_format({"bold": True, "bg_color": "#DDEBF7"}),
           "date": wb.add_format({"num_format": "yyyy-mm-dd"}),
           "thanks": wb.add_format({"num_format": THANK_YOU_FORMAT, "font_color": "#1F4E79"}),
           "plain": wb.add_format({"font_color": "#1F4E79"}),
           "call": wb.add_format({"num_format": CALL_FORMAT}),
           "int": wb.add_format({"num_format": "0"})}
    _interviews(wb, fmt)
    _interviewers(wb, fmt)
    _calls(wb, fmt, calls)
    _search(wb, fmt)
    _dashboard(wb, fmt, macro)
    if macro:
        vba = path.with_name("vbaProject.bin")
        vba.write_bytes(b"\xd0\xcf\x11\xe0fake vba project " * 40)
        wb.add_vba_project(str(vba))
    wb.close()
    _add_parts(path, macro)
    return path


def _add_parts(path: Path, macro: bool) -> None:
    """Parts no library writes, added to the package as Excel writes them."""
    parts = {
        "xl/threadedComments/threadedComment1.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<ThreadedComments '
            'xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
            '<threadedComment ref="C2" dT="2026-11-11T10:00:00.00" personId="{P1}" '
            'id="{T1}"><text>Prefers mornings</text></threadedComment></ThreadedComments>'),
        "xl/persons/person.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<personList '
            'xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
            '<person displayName="Sam Worker" id="{P1}" userId="sam" providerId="None"/>'
            "</personList>"),
        "xl/pivotTables/pivotTable1.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotTableDefinition '
            'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'name="ByWorker" cacheId="1" dataCaption="Values"><location ref="A20:B23" '
            'firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/></pivotTableDefinition>'),
        "xl/pivotCache/pivotCacheDefinition1.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheDefinition '
            'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'recordCount="4"><cacheSource type="worksheet"><worksheetSource '
            'ref="A1:D5" sheet="Interviews"/></cacheSource></pivotCacheDefinition>'),
        "xl/calcChain.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain '
            'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<c r="M2" i="1"/><c r="M3"/><c r="I4"/><c r="B1" i="5"/></calcChain>'),
    }
    with zipfile.ZipFile(path) as zf:
        members = {info.filename: zf.read(info) for info in zf.infolist()}
    ns = "http://schemas.microsoft.com/office/2017/10/relationships"
    _add_rel(members, "xl/worksheets/_rels/sheet1.xml.rels",
             f"{ns}/threadedComment", "../threadedComments/threadedComment1.xml")
    _add_rel(members, "xl/_rels/workbook.xml.rels", f"{ns}/person", "persons/person.xml")
    _add_rel(members, "xl/worksheets/_rels/sheet5.xml.rels", f"{ST}/pivotTable",
             "../pivotTables/pivotTable1.xml")
    _add_rel(members, "xl/pivotTables/_rels/pivotTable1.xml.rels", f"{ST}/pivotCacheDefinition",
             "../pivotCache/pivotCacheDefinition1.xml")
    _add_rel(members, "xl/_rels/workbook.xml.rels", f"{ST}/calcChain", "calcChain.xml")
    types = {
        "threadedComment1": "application/vnd.ms-excel.threadedcomments+xml",
        "person": "application/vnd.ms-excel.person+xml",
        "pivotTable1": "application/vnd.openxmlformats-officedocument.spreadsheetml."
                       "pivotTable+xml",
        "pivotCacheDefinition1": "application/vnd.openxmlformats-officedocument.spreadsheetml."
                                 "pivotCacheDefinition+xml",
        "calcChain": "application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml",
    }
    if macro:
        parts["xl/vbaProjectSignature.bin"] = "signature " * 30
        _add_rel(members, "xl/_rels/vbaProject.bin.rels",
                 "http://schemas.microsoft.com/office/2006/relationships/vbaProjectSignature",
                 "vbaProjectSignature.bin")
        types["vbaProjectSignature"] = "application/vnd.ms-office.vbaProjectSignature"
    ct = members["[Content_Types].xml"].decode()
    for name in parts:
        stem = Path(name).stem
        ct = ct.replace("</Types>", f'<Override PartName="/{name}" '
                                    f'ContentType="{types[stem]}"/></Types>')
    members["[Content_Types].xml"] = ct.encode()
    members.update({name: text.encode() for name, text in parts.items()})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def _add_rel(members: dict[str, bytes], rels: str, kind: str, target: str) -> None:
    xml = members.get(rels, b"").decode() or (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
        'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>')
    n = len(re.findall(r"<Relationship\b", xml)) + 1
    while f'Id="rId{n}"' in xml:
        n += 1
    xml = xml.replace("</Relationships>", f'<Relationship Id="rId{n}" Type="{kind}" '
                                          f'Target="{target}"/></Relationships>')
    members[rels] = xml.encode()
