"""The styles part of an ``.xlsx``, read for number formats and appended to (SPEC §8.1).

A date written into a cell takes the date format the column already uses: the
cell's own style when it is a date style, else a copy of the cell's style
(font, fill, border kept) with the number format of the nearest date cell above
in the column, else with ``yyyy-mm-dd``. Copies are appended at the end of
``cellXfs`` (and a new format at the end of ``numFmts``); nothing already in the
part moves, so every existing cell keeps its look.

Standard library only; imports nothing of followkit.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import quoteattr, unescape

from followkit.recording.xlsx_sheet import attr, set_attr

DEFAULT_DATE_FORMAT = "yyyy-mm-dd"
_BUILTIN_DATES = {14: "m/d/yyyy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 22: "m/d/yyyy h:mm",
                  **{i: "date" for i in (*range(27, 37), *range(50, 59))}}


def is_date_format(code: str) -> bool:
    """Whether a number format shows a date (a day or year part outside quotes)."""
    bare = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code)
    return bool(re.search(r"[dDyY]", bare)) and "General" not in bare


class Styles:
    """``xl/styles.xml`` as text: the cell formats by index, and appended copies."""

    def __init__(self, xml: str, part: str) -> None:
        self.part = part
        self._xml = xml
        root = re.search(r"<(\w+:)?styleSheet\b", xml)
        self.prefix = (root.group(1) or "") if root else ""
        self.formats = {int(i): unescape(c, {"&quot;": '"'}) for i, c in re.findall(
            r'<(?:\w+:)?numFmt\b[^>]*numFmtId="(\d+)"[^>]*formatCode="([^"]*)"', xml)}
        block = re.search(r"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", xml, re.S)
        self._xfs = re.findall(r"<(?:\w+:)?xf\b[^>]*?(?:/>|>.*?</(?:\w+:)?xf>)",
                               block.group(1), re.S) if block else []
        self._new_xfs: list[str] = []
        self._new_formats: dict[int, str] = {}
        self._copies: dict[tuple[int, int], int] = {}

    @property
    def changed(self) -> bool:
        return bool(self._new_xfs or self._new_formats)

    def _xf(self, index: int) -> str:
        all_xfs = self._xfs + self._new_xfs
        return all_xfs[index] if 0 <= index < len(all_xfs) else "<xf numFmtId=\"0\"/>"

    def format_id(self, style: str | None) -> int:
        return int(attr(self._xf(int(style or 0)), "numFmtId") or 0)

    def format_code(self, fmt_id: int) -> str:
        return self.formats.get(fmt_id) or self._new_formats.get(fmt_id) or \
            _BUILTIN_DATES.get(fmt_id, "General")

    def is_date(self, style: str | None) -> bool:
        fmt = self.format_id(style)
        return fmt in _BUILTIN_DATES or is_date_format(self.format_code(fmt))

    def with_format(self, style: str | None, fmt_id: int) -> str:
        """The index of a cell format like ``style`` but with number format ``fmt_id``."""
        base = int(style or 0)
        if self.format_id(style) == fmt_id:
            return str(base)
        key = (base, fmt_id)
        if key not in self._copies:
            start = self._xf(base)
            tag_end = start.index(">") + 1 if not start.endswith("/>") else len(start)
            tag = set_attr(set_attr(start[:tag_end], "numFmtId", str(fmt_id)),
                           "applyNumberFormat", "1")
            self._new_xfs.append(tag + start[tag_end:])
            self._copies[key] = len(self._xfs) + len(self._new_xfs) - 1
        return str(self._copies[key])

    def date_format_id(self, code: str = DEFAULT_DATE_FORMAT) -> int:
        """The id of number format ``code`` (appended when the part lacks it)."""
        for fmt_id, known in {**self.formats, **self._new_formats}.items():
            if known == code:
                return fmt_id
        fmt_id = max([163, *self.formats, *self._new_formats]) + 1
        self._new_formats[fmt_id] = code
        return fmt_id

    def text(self) -> str:
        """The styles part with the appended formats and cell formats."""
        xml, p = self._xml, self.prefix
        if self._new_formats:
            new = "".join(f'<{p}numFmt numFmtId="{i}" formatCode={quoteattr(c)}/>'
                          for i, c in self._new_formats.items())
            m = re.search(r"<(?:\w+:)?numFmts\b[^>]*?(/?)>", xml)
            count = len(self.formats) + len(self._new_formats)
            if m is None:
                root = re.search(r"<(?:\w+:)?styleSheet\b[^>]*>", xml)
                assert root is not None
                xml = xml[: root.end()] + f'<{p}numFmts count="{count}">{new}</{p}numFmts>' + \
                    xml[root.end():]
            elif m.group(1):
                xml = xml[: m.start()] + f'<{p}numFmts count="{count}">{new}</{p}numFmts>' + \
                    xml[m.end():]
            else:
                at = xml.index(f"</{p}numFmts>")
                xml = xml[:at] + new + xml[at:]
                xml = xml[: m.start()] + set_attr(m.group(0), "count", str(count)) + \
                    xml[m.end():]
        if self._new_xfs:
            close = re.search(r"</(?:\w+:)?cellXfs>", xml)
            assert close is not None
            xml = xml[: close.start()] + "".join(self._new_xfs) + xml[close.start():]
            m = re.search(r"<(?:\w+:)?cellXfs\b[^>]*>", xml)
            assert m is not None
            xml = xml[: m.start()] + set_attr(m.group(0), "count", str(
                len(self._xfs) + len(self._new_xfs))) + xml[m.end():]
        return xml
