"""An ``.xlsx``/``.xlsm`` package edited in place (SPEC §8.1).

:class:`XlsxPackage` reads the zip, hands out the worksheets to edit
(:class:`~followkit.recording.xlsx_sheet.SheetXml`), appends to the styles part
when a date needs a date format, grows an Excel Table, adds a worksheet (with
the workbook part, its relationships and the content types), drops calcChain
when a formula cell was overwritten, and writes the package back with every
other member copied as it was (same bytes, same order, same zip metadata).
Text is written inline in the cell, so the shared strings are never touched.

Standard library only; of followkit, only :mod:`followkit.core.errors`.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import quoteattr, unescape

from followkit.core.errors import OutputError
from followkit.recording.xlsx_sheet import SheetXml, attr, column_letters, set_attr, split_ref
from followkit.recording.xlsx_styles import Styles

WORKSHEET_TYPE = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                  "worksheet")
WORKSHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    return data.decode("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8")


def _encode(text: str, original: bytes) -> bytes:
    """``text`` in the original part's encoding (UTF-16 parts stay UTF-16)."""
    if original.startswith((b"\xff\xfe", b"\xfe\xff")):
        return text.encode("utf-16")
    return (b"\xef\xbb\xbf" if original.startswith(b"\xef\xbb\xbf") else b"") + \
        text.encode("utf-8")


def _rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _resolve(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def relationships(xml: str) -> list[dict[str, str]]:
    """The ``<Relationship>`` elements of a rels part, as attribute dicts."""
    out = []
    for tag in re.findall(r"<(?:\w+:)?Relationship\b[^>]*>", xml):
        out.append({k: unescape(v) for k, v in re.findall(r'(\w+)="([^"]*)"', tag)})
    return out


class XlsxPackage:
    """The members of an OOXML spreadsheet, the changed ones held as text."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with zipfile.ZipFile(path) as archive:
            self._infos = archive.infolist()
            self._data = {info.filename: archive.read(info) for info in self._infos}
        self._text: dict[str, str] = {}
        self._sheets: dict[str, SheetXml] = {}
        self._added: dict[str, str] = {}
        self._dropped: set[str] = set()
        self._styles: Styles | None = None
        self.workbook_part = self._main_part()
        self.sheet_parts = self._sheet_parts()
        wbpr = re.search(r"<(?:\w+:)?workbookPr\b[^>]*>", self.text(self.workbook_part))
        self.date1904 = wbpr is not None and attr(wbpr.group(0), "date1904") in ("1", "true")

    def text(self, part: str) -> str:
        """A member as text (the edited text when it was changed)."""
        if part not in self._text:
            if part in self._added:
                return self._added[part]
            self._text[part] = _decode(self._data[part])
        return self._text[part]

    def put(self, part: str, text: str) -> None:
        self._text[part] = text

    def has(self, part: str) -> bool:
        return (part in self._data or part in self._added) and part not in self._dropped

    def _main_part(self) -> str:
        for rel in relationships(self.text("_rels/.rels")):
            if rel.get("Type", "").endswith("/officeDocument"):
                return _resolve("", rel["Target"])
        raise OutputError(f"{self.path.name!r} is not an Excel workbook (no workbook part)")

    def _sheet_parts(self) -> dict[str, str]:
        rels = {r["Id"]: r for r in relationships(self.text(_rels_path(self.workbook_part)))}
        out = {}
        for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", self.text(self.workbook_part)):
            rid = re.search(r'\s(?:\w+:)?id="([^"]*)"', tag)
            name = attr(tag, "name")
            if rid is None or name is None or rid.group(1) not in rels:
                continue
            rel = rels[rid.group(1)]
            if rel.get("Type", "").endswith("/worksheet"):
                out[unescape(name, {"&quot;": '"', "&apos;": "'"})] = _resolve(
                    self.workbook_part, rel["Target"])
        return out

    def sheet(self, name: str) -> SheetXml:
        """The worksheet named ``name``, to edit."""
        if name not in self._sheets:
            part = self.sheet_parts.get(name)
            if part is None:
                raise OutputError(f"{self.path.name!r} has no worksheet {name!r} to write in")
            self._sheets[name] = SheetXml(self.text(part))
        return self._sheets[name]

    @property
    def styles(self) -> Styles:
        if self._styles is None:
            part = self._related(self.workbook_part, "/styles")
            if part is None:
                raise OutputError(f"{self.path.name!r} has no styles part")
            self._styles = Styles(self.text(part), part)
        return self._styles

    def _related(self, part: str, kind: str) -> str | None:
        rels = _rels_path(part)
        if not self.has(rels):
            return None
        for rel in relationships(self.text(rels)):
            if rel.get("Type", "").endswith(kind) and rel.get("TargetMode") != "External":
                return _resolve(part, rel["Target"])
        return None

    def tables(self, sheet: str) -> list[str]:
        """The Excel Table parts of a worksheet."""
        part = self.sheet_parts[sheet]
        rels = _rels_path(part)
        if not self.has(rels):
            return []
        return [_resolve(part, r["Target"]) for r in relationships(self.text(rels))
                if r.get("Type", "").endswith("/table")]

    def grow_table(self, sheet: str, header_row: int, last_row: int, last_col: int,
                   old_width: int, labels: dict[int, str]) -> bool:
        """Grow the Excel Table whose header is ``header_row`` and that reaches the data's
        last row (or last column, ``old_width``) to ``last_row`` and ``last_col`` (new
        columns named from ``labels``); True if a table grew. A table with a totals row is
        left as it is."""
        for part in self.tables(sheet):
            xml = self.text(part)
            start = re.search(r"<(?:\w+:)?table\b[^>]*>", xml)
            ref = attr(start.group(0), "ref") if start else None
            if start is None or ref is None or ":" not in ref or \
                    attr(start.group(0), "totalsRowCount") not in (None, "0"):
                continue
            (c1, r1), (c2, r2) = (split_ref(x) for x in ref.split(":"))
            rows = max(r2, last_row)
            cols = max(c2, last_col) if c2 == old_width else c2
            if r1 != header_row or (rows, cols) == (r2, c2):
                continue
            new_ref = f"{column_letters(c1)}{r1}:{column_letters(cols)}{rows}"
            xml = xml.replace(f'ref="{ref}"', f'ref="{new_ref}"')
            xml = _add_table_columns(xml, [labels[c] for c in range(c2 + 1, cols + 1)])
            self.put(part, xml)
            return True
        return False

    @property
    def formula_replaced(self) -> bool:
        """Whether a cell that held a formula was overwritten (calcChain must go)."""
        return any(sheet.formula_replaced for sheet in self._sheets.values())

    def add_sheet(self, name: str, xml: str) -> str:
        """Add a worksheet part at the end of the workbook; return its part name."""
        n = 1
        while self.has(f"xl/worksheets/sheet{n}.xml"):
            n += 1
        part = f"xl/worksheets/sheet{n}.xml"
        self._added[part] = xml
        rels_part = _rels_path(self.workbook_part)
        rels = self.text(rels_part)
        taken = {r["Id"] for r in relationships(rels)}
        rid = next(f"rId{i}" for i in range(len(taken) + 1, len(taken) + 1000)
                   if f"rId{i}" not in taken)
        target = posixpath.relpath(part, posixpath.dirname(self.workbook_part))
        rels = re.sub(r"(</(?:\w+:)?Relationships>)",
                      f'<Relationship Id="{rid}" Type="{WORKSHEET_TYPE}" Target="{target}"/>'
                      r"\1", rels, count=1)
        self.put(rels_part, rels)
        self.put(self.workbook_part, _add_sheet_entry(self.text(self.workbook_part), name, rid))
        types = self.text("[Content_Types].xml")
        self.put("[Content_Types].xml", re.sub(
            r"(</(?:\w+:)?Types>)", f'<Override PartName="/{part}" ContentType="{WORKSHEET_CT}"/>'
            r"\1", types, count=1))
        self.sheet_parts[name] = part
        return part

    def drop_calc_chain(self) -> None:
        """Remove calcChain (Excel rebuilds it): needed once a formula cell is overwritten."""
        part = self._related(self.workbook_part, "/calcChain")
        if part is None:
            return
        self._dropped.add(part)
        rels_part = _rels_path(self.workbook_part)
        self.put(rels_part, re.sub(r"<(?:\w+:)?Relationship\b[^>]*/calcChain\"[^>]*/>", "",
                                   self.text(rels_part)))
        self.put("[Content_Types].xml", re.sub(
            rf'<(?:\w+:)?Override\b[^>]*PartName="/{re.escape(part)}"[^>]*/>', "",
            self.text("[Content_Types].xml")))

    def full_calc_on_load(self) -> None:
        """Ask Excel to recalculate when it opens the copy (cached results stay for others)."""
        xml = self.text(self.workbook_part)
        m = re.search(r"<(\w+:)?calcPr\b[^>]*?/?>", xml)
        if m is not None:
            self.put(self.workbook_part, xml[: m.start()] + set_attr(
                m.group(0), "fullCalcOnLoad", "1") + xml[m.end():])

    def save(self, target: Path, edit_tail: dict[str, object] | None = None) -> None:
        """Write the package to ``target``: changed members re-encoded, the rest as read."""
        for name, sheet in self._sheets.items():
            tail = (edit_tail or {}).get(name)
            part = self.sheet_parts[name]
            xml = sheet.text(tail) if callable(tail) else sheet.text()
            if part in self._added:
                self._added[part] = xml
            else:
                self._text[part] = xml
        if self._styles is not None and self._styles.changed:
            self._text[self._styles.part] = self._styles.text()
        with zipfile.ZipFile(target, "w", allowZip64=True) as out:
            for info in self._infos:
                if info.filename in self._dropped:
                    continue
                data = self._data[info.filename]
                if info.filename in self._text and self._text[info.filename] != _decode(data):
                    data = _encode(self._text[info.filename], data)
                out.writestr(_copy_info(info), data)
            for part, xml in self._added.items():
                out.writestr(zipfile.ZipInfo(part, date_time=(1980, 1, 1, 0, 0, 0)),
                             xml.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)


def _copy_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    copy.compress_type = info.compress_type
    copy.external_attr = info.external_attr
    copy.create_system = info.create_system
    copy.comment = info.comment
    copy.extra = info.extra
    return copy


def _add_table_columns(xml: str, names: list[str]) -> str:
    if not names:
        return xml
    ids = [int(i) for i in re.findall(r'<(?:\w+:)?tableColumn\b[^>]*\sid="(\d+)"', xml)]
    found = re.search(r"<(\w+:)?tableColumns\b", xml)
    p = (found.group(1) or "") if found else ""
    new = "".join(f'<{p}tableColumn id="{max(ids, default=0) + i}" name={quoteattr(name)}/>'
                  for i, name in enumerate(names, start=1))
    xml = re.sub(rf"(</{re.escape(p)}tableColumns>)", new.replace("\\", "\\\\") + r"\1", xml,
                 count=1)
    m = re.search(r"<(?:\w+:)?tableColumns\b[^>]*>", xml)
    if m is not None:
        xml = xml[: m.start()] + set_attr(m.group(0), "count", str(len(ids) + len(names))) + \
            xml[m.end():]
    return xml


def _add_sheet_entry(xml: str, name: str, rid: str) -> str:
    """workbook.xml with a ``<sheet>`` for the new worksheet at the end of ``<sheets>``."""
    ids = [int(i) for i in re.findall(r'<(?:\w+:)?sheet\b[^>]*\ssheetId="(\d+)"', xml)]
    root = re.search(r"<(\w+:)?workbook\b[^>]*>", xml)
    p = (root.group(1) or "") if root else ""
    r_prefix = next((m for m in re.findall(r'xmlns:(\w+)="([^"]*)"', root.group(0) if root
                                            else "") if m[1] == REL_NS), None)
    if r_prefix is None:
        xml = xml[: root.end() - 1] + f' xmlns:fkr="{REL_NS}"' + xml[root.end() - 1:] \
            if root else xml
        rp = "fkr"
    else:
        rp = r_prefix[0]
    entry = (f'<{p}sheet name={quoteattr(name)} sheetId="{max(ids, default=0) + 1}"'
             f' {rp}:id="{rid}"/>')
    return re.sub(rf"(</{re.escape(p)}sheets>)", entry.replace("\\", "\\\\") + r"\1", xml,
                  count=1)
