"""One worksheet's XML, edited by splicing text (SPEC §8.1).

:class:`SheetXml` holds a worksheet part as text and changes only the rows it
writes into: every other row, and every other cell of an edited row, keeps its
exact bytes (formula, cached value, style, type, metadata). Rows are found with
a scan of ``<sheetData>`` (rows and cells cannot nest, so a regular expression
over the flat list is exact); a prefixed main namespace (``<x:row>``) is
followed. New rows are kept apart and merged in row order when the part is
written, so appending thousands of rows stays linear.

Standard library only; imports nothing of followkit.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any
from xml.sax.saxutils import escape

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_REF = re.compile(r"^([A-Z]+)(\d+)$")
_ATTR = r'\s{name}="([^"]*)"'


def column_letters(col: int) -> str:
    """1 -> 'A', 28 -> 'AB'."""
    out = ""
    while col:
        col, rest = divmod(col - 1, 26)
        out = chr(65 + rest) + out
    return out


def column_number(letters: str) -> int:
    """'A' -> 1, 'AB' -> 28."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def split_ref(ref: str) -> tuple[int, int]:
    """'B12' -> (column 2, row 12)."""
    m = _REF.match(ref.replace("$", "").upper())
    if m is None:
        raise ValueError(f"not a cell reference: {ref!r}")
    return column_number(m.group(1)), int(m.group(2))


def attr(tag: str, name: str) -> str | None:
    """The value of attribute ``name`` in a start tag (no namespace prefix), or None."""
    m = re.search(_ATTR.format(name=re.escape(name)), tag)
    return None if m is None else m.group(1)


def set_attr(tag: str, name: str, value: str) -> str:
    """The start tag with ``name="value"`` (replaced, or added before the tag's end)."""
    pattern = _ATTR.format(name=re.escape(name))
    if re.search(pattern, tag):
        return re.sub(pattern, lambda _m: f' {name}="{value}"', tag, count=1)
    end = len(tag) - (2 if tag.endswith("/>") else 1)
    return f'{tag[:end]} {name}="{value}"{tag[end:]}'


def excel_serial(value: date, date1904: bool = False) -> float:
    """A date (or date and time) as Excel's day number."""
    epoch = datetime(1904, 1, 1) if date1904 else datetime(1899, 12, 30)
    moment = value if isinstance(value, datetime) else datetime(value.year, value.month,
                                                                value.day)
    delta = moment.replace(tzinfo=None) - epoch
    return delta.days + delta.seconds / 86400


def cell_xml(prefix: str, ref: str, value: Any, style: str | None, *,
             date1904: bool = False) -> str:
    """A ``<c>`` element: text inline (never a formula), numbers, booleans, dates."""
    s = f' s="{style}"' if style not in (None, "0") else ""
    if value is None or value == "":
        return f'<{prefix}c r="{ref}"{s}/>'
    if isinstance(value, bool):
        return f'<{prefix}c r="{ref}"{s} t="b"><{prefix}v>{int(value)}</{prefix}v></{prefix}c>'
    if isinstance(value, date):
        value = excel_serial(value, date1904)
    if isinstance(value, (int, float)):
        number = repr(value) if isinstance(value, float) and not value.is_integer() else \
            str(int(value))
        return f'<{prefix}c r="{ref}"{s}><{prefix}v>{number}</{prefix}v></{prefix}c>'
    text = _ILLEGAL.sub("", str(value))
    space = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
    return (f'<{prefix}c r="{ref}"{s} t="inlineStr"><{prefix}is><{prefix}t{space}>'
            f"{escape(text)}</{prefix}t></{prefix}is></{prefix}c>")


class Row:
    """One ``<row>``: its start tag and its cells by column (each cell's exact text)."""

    def __init__(self, number: int, start: str, cells: dict[int, str]) -> None:
        self.number = number
        self.start = start
        self.cells = cells

    def style(self, col: int) -> str | None:
        cell = self.cells.get(col)
        return None if cell is None else attr(cell[: cell.index(">") + 1], "s")

    def text(self, prefix: str) -> str:
        if not self.cells:
            return self.start if self.start.endswith("/>") else self.start + f"</{prefix}row>"
        start = self.start[:-2] + ">" if self.start.endswith("/>") else self.start
        body = "".join(self.cells[c] for c in sorted(self.cells))
        return f"{start}{body}</{prefix}row>"


class SheetXml:
    """A worksheet part as text, with the rows it edits changed and the rest as it was."""

    def __init__(self, xml: str) -> None:
        root = re.search(r"<(\w+:)?worksheet\b", xml)
        self.prefix = root.group(1) or "" if root else ""
        p = re.escape(self.prefix)
        self._row_re = re.compile(rf"<{p}row\b[^>]*?(?:/>|>.*?</{p}row>)", re.S)
        self._cell_re = re.compile(rf"<{p}c\b[^>]*?(?:/>|>.*?</{p}c>)", re.S)
        m = re.search(rf"<{p}sheetData\b[^>]*?(/>|>)", xml)
        if m is None:
            raise ValueError("the worksheet has no sheetData")
        if m.group(1) == "/>":  # an empty sheet: open it
            self.head, body, self.tail = (xml[: m.start()] + f"<{self.prefix}sheetData>", "",
                                          f"</{self.prefix}sheetData>" + xml[m.end():])
        else:
            end = xml.index(f"</{self.prefix}sheetData>", m.end())
            self.head, body, self.tail = xml[: m.end()], xml[m.end(): end], xml[end:]
        self._pieces: list[str] = []
        self._at: dict[int, int] = {}  # row number -> its piece
        self._parse_rows(body)
        self._sorted = sorted(self._at)
        self._new: list[int] = []  # rows created, in order
        self._parsed: dict[int, Row] = {}
        self.edited: dict[int, Row] = {}
        self.max_col = 0
        self.formula_replaced = False

    def _parse_rows(self, body: str) -> None:
        last, number = 0, 0
        for m in self._row_re.finditer(body):
            if m.start() > last:
                self._pieces.append(body[last: m.start()])
            tag = m.group(0)[: m.group(0).index(">") + 1]
            r = attr(tag, "r")
            number = int(r) if r else number + 1
            self._at[number] = len(self._pieces)
            self._pieces.append(m.group(0))
            last = m.end()
        if last < len(body):
            self._pieces.append(body[last:])

    @property
    def row_numbers(self) -> list[int]:
        return sorted([*self._sorted, *self._new])

    def row(self, number: int) -> Row:
        """The row to edit (parsed once; an absent row is created with no cells)."""
        found = self.edited.get(number)
        if found is not None:
            return found
        found = self.peek(number)
        if found is None:
            found = Row(number, f'<{self.prefix}row r="{number}">', {})
            bisect.insort(self._new, number)
        self.edited[number] = found
        return found

    def _parse_row(self, number: int, text: str) -> Row:
        start = text[: text.index(">") + 1]
        cells: dict[int, str] = {}
        col = 0
        for m in self._cell_re.finditer(text, len(start)):
            r = attr(m.group(0)[: m.group(0).index(">") + 1], "r")
            col = split_ref(r)[0] if r else col + 1
            if not r:  # give it its reference, so cells can be put in order around it
                cells[col] = set_attr(m.group(0)[: m.group(0).index(">") + 1], "r",
                                      f"{column_letters(col)}{number}") + \
                    m.group(0)[m.group(0).index(">") + 1:]
            else:
                cells[col] = m.group(0)
        return Row(number, start, cells)

    def peek(self, number: int) -> Row | None:
        """The row as it is now, without marking it edited (None when absent)."""
        if number in self.edited:
            return self.edited[number]
        if number not in self._parsed:
            piece = self._at.get(number)
            if piece is None:
                return None
            self._parsed[number] = self._parse_row(number, self._pieces[piece])
        return self._parsed[number]

    def set(self, number: int, col: int, xml: str) -> None:
        """Put a cell's XML at (row, column), replacing what was there."""
        row = self.row(number)
        old = row.cells.get(col, "")
        if f"<{self.prefix}f" in old:
            self.formula_replaced = True
        row.cells[col] = xml
        self.max_col = max(self.max_col, col)

    def cells_of(self, number: int) -> dict[int, str]:
        row = self.peek(number)
        return {} if row is None else row.cells

    def holds_data(self, number: int) -> bool:
        """Whether a row has a typed value (not only formulas, styles or empty text)."""
        for cell in self.cells_of(number).values():
            if f"<{self.prefix}f" in cell:
                continue
            if re.search(rf"<{re.escape(self.prefix)}v>[^<]", cell) or \
                    re.search(rf"<{re.escape(self.prefix)}t\b[^>]*>[^<]", cell):
                return True
        return False

    def last_data_row(self) -> int:
        """The last row holding a typed value (0 when none)."""
        for number in reversed(self.row_numbers):
            if self.holds_data(number):
                return number
        return 0

    def upward(self, number: int) -> Iterator[Row]:
        """The rows above ``number``, nearest first."""
        old, new = self._sorted, self._new
        i, j = bisect.bisect_left(old, number) - 1, bisect.bisect_left(new, number) - 1
        while i >= 0 or j >= 0:
            if j < 0 or (i >= 0 and old[i] > new[j]):
                n, i = old[i], i - 1
            else:
                n, j = new[j], j - 1
            row = self.peek(n)
            if row is not None:
                yield row

    def widen(self, col: int, width: float) -> None:
        """Give column ``col`` a width, unless a ``<col>`` already sets one for it."""
        p = re.escape(self.prefix)
        cols = re.search(rf"<{p}cols>(.*?)</{p}cols>", self.head, re.S)
        entry = f'<{self.prefix}col min="{col}" max="{col}" width="{width}" customWidth="1"/>'
        if cols is None:
            at = self.head.rindex(f"<{self.prefix}sheetData")
            self.head = f"{self.head[:at]}<{self.prefix}cols>{entry}</{self.prefix}cols>" + \
                self.head[at:]
            return
        spans = [(int(attr(tag, "min") or 0), int(attr(tag, "max") or 0), m.start())
                 for m in re.finditer(rf"<{p}col\b[^>]*>", cols.group(1))
                 for tag in [m.group(0)]]
        if any(low <= col <= high for low, high, _ in spans):
            return
        at = next((start for low, _, start in spans if low > col), len(cols.group(1)))
        at += cols.start(1)
        self.head = self.head[:at] + entry + self.head[at:]

    def downward(self, number: int) -> Iterator[Row]:
        """The rows below ``number``, nearest first."""
        for n in sorted(n for n in self.row_numbers if n > number):
            row = self.peek(n)
            if row is not None:
                yield row

    def text(self, tail_edit: Callable[[str], str] | None = None) -> str:
        """The worksheet XML with the edited rows (new rows merged in order)."""
        out = [self._head()]
        new = sorted(n for n in self.edited if n not in self._at)
        i = 0
        number_at = {at: n for n, at in self._at.items()}
        for pos, piece in enumerate(self._pieces):
            number = number_at.get(pos)
            if number is not None:
                while i < len(new) and new[i] < number:
                    out.append(self.edited[new[i]].text(self.prefix))
                    i += 1
                row = self.edited.get(number)
                out.append(piece if row is None else row.text(self.prefix))
            else:
                out.append(piece)
        out += [self.edited[n].text(self.prefix) for n in new[i:]]
        out.append(tail_edit(self.tail) if tail_edit else self.tail)
        return "".join(out)

    def _head(self) -> str:
        """The head with its ``<dimension>`` grown to the edited cells."""
        m = re.search(rf'(<{re.escape(self.prefix)}dimension\s+ref=")([^"]*)(")', self.head)
        if m is None or not self.edited:
            return self.head
        parts = m.group(2).split(":")
        try:
            first = split_ref(parts[0])
            last = split_ref(parts[-1])
        except ValueError:
            return self.head
        col = max(last[0], self.max_col)
        row = max(last[1], max(self.edited))
        ref = f"{column_letters(first[0])}{first[1]}:{column_letters(col)}{row}"
        return self.head[: m.start(2)] + ref + self.head[m.end(2):]
