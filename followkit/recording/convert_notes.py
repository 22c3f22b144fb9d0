"""What an ``.ods`` or ``.xls`` tracker has that its ``.xlsx`` copy does not keep (SPEC §8.1).

Neither can be edited in place, so the updated copy is a new ``.xlsx`` holding
the same sheets and values (formulas' last results, dates as dates). The note
names what was found in the file and is not carried over; nothing is said to be
lost that the file does not have. An ``.ods`` is a zip of XML and is looked
into; an ``.xls`` (a binary compound file) is searched for the records that
mark each feature.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

# (what the worker calls it, a pattern found in an .ods content.xml/styles.xml)
_ODS = (
    ("cell formatting (fonts, colours, borders, number formats)",
     rb'fo:font-weight="bold"|fo:font-style="italic"|fo:color="|fo:background-color="#'
     rb'|fo:border[-a-z]*="[^n"]|style:text-underline-style="[^n"]'),
    ("formulas (their last results are kept as values)", rb"table:formula=\""),
    ("drop-downs", rb"<table:content-validation\b"),
    ("notes", rb"<office:annotation\b"),
    ("links", rb"<text:a\b"),
    ("pictures", rb"<draw:image\b"),
    ("charts", rb"<draw:object\b"),
    ("pivot tables", rb"<table:data-pilot-table\b"),
    ("conditional formats", rb"<calcext:conditional-format\b|style:condition=\""),
    ("merged cells", rb"table:number-(?:columns|rows)-spanned=\"(?:[2-9]|\d\d)"),
)
_HIDDEN_ODS = re.compile(rb'<style:style style:name="([^"]+)" style:family="table"[^>]*>'
                         rb'\s*<style:table-properties[^>]*table:display="false"')
# .xls (BIFF8) record ids of the Workbook stream -> what they mark
_XLS = {
    0x0006: "formulas (their last results are kept as values)",
    0x01BE: "drop-downs",
    0x001C: "notes",
    0x01B8: "links",
    0x00B0: "pivot tables",
    0x01B1: "conditional formats",
    0x00E5: "merged cells",
}
_BOUNDSHEET = 0x0085
_FONT = 0x0031
_OBJ = 0x005D
_NOTE_SHAPE = 0x19


def _ods_found(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        # content.xml only: styles.xml holds the default styles every file has.
        xml = archive.read("content.xml") if "content.xml" in names else b""
    found = [what for what, pattern in _ODS if re.search(pattern, xml)]
    if any(n.startswith("Pictures/") for n in names) and "pictures" not in found:
        found.append("pictures")
    hidden = [m.group(1) for m in _HIDDEN_ODS.finditer(xml)]
    if any(re.search(rb'table:style-name="' + re.escape(h) + rb'"', xml) for h in hidden):
        found.append("hidden sheets (shown in the copy)")
    return found


def _xls_found(path: Path) -> list[str]:
    """Features of an .xls found by walking the records of its Workbook stream."""
    import olefile

    with olefile.OleFileIO(str(path)) as ole:
        stream = "Workbook" if ole.exists("Workbook") else "Book"
        data = ole.openstream(stream).read()
    seen: set[int] = set()
    styled, hidden, drawn, at = False, False, False, 0
    while at + 4 <= len(data):
        record = int.from_bytes(data[at: at + 2], "little")
        size = int.from_bytes(data[at + 2: at + 4], "little")
        body = data[at + 4: at + 4 + size]
        seen.add(record)
        styled = styled or _styled(record, body)
        if record == _OBJ and len(body) >= 6 and body[:2] == b"\x15\x00" and \
                int.from_bytes(body[4:6], "little") != _NOTE_SHAPE:
            drawn = True
        if record == _BOUNDSHEET and len(body) > 4:
            hidden = hidden or body[4] & 0x03 != 0
        at += 4 + size
    found = ["cell formatting (fonts, colours, borders, number formats)"] if styled else []
    found += [what for record, what in _XLS.items() if record in seen]
    found += ["pictures, shapes or charts"] if drawn else []
    return found + (["hidden sheets (shown in the copy)"] if hidden else [])


def _styled(record: int, body: bytes) -> bool:
    """A font that is bold, italic, underlined or coloured: formatting a worker chose."""
    if record != _FONT or len(body) < 11:
        return False
    italic = int.from_bytes(body[2:4], "little") & 0x02
    colour = int.from_bytes(body[4:6], "little")
    weight = int.from_bytes(body[6:8], "little")
    return bool(italic) or colour not in (0x7FFF, 8) or weight >= 700 or body[10] != 0


def converted_note(source: Path) -> str:
    """The note printed when the updated copy of ``source`` is a new ``.xlsx``."""
    kind = "ods" if source.suffix.lower() == ".ods" else "xls"
    try:
        found = _ods_found(source) if kind == "ods" else _xls_found(source)
    except (OSError, zipfile.BadZipFile, ValueError):
        found = []
    head = (f"{source.name} cannot be edited in place: the updated copy is an .xlsx with "
            "the same sheets and values")
    if not found:
        return head + "."
    return head + "; it does not keep the file's " + ", ".join(found) + \
        ": keep the original for them."
