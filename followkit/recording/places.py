"""Where each kind of record goes, per tracker layout (SPEC §8).

A :class:`Places` strategy answers, for one layout, "where does this record
go?" with a list of edits (:class:`~followkit.recording.record.SetCell` /
:class:`~followkit.recording.record.AddRow`) addressed by sheet, Excel row and header
label; a label missing from the sheet's header becomes a new column at its
end. :class:`FlatPlaces` covers the flat sheet of SPEC §2 (everything in the
interview row); :class:`TemplatePlaces` the four-sheet template (linked rows
appended to Interviewers, Calls and Job Search), falling back to the flat
places for what a workbook keeps in the interview row. A new layout (SPEC
§2.1) is a new subclass; see docs/recording.md.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from followkit.core import schema as s
from followkit.core.io import RawWorkbook
from followkit.reading.header_groups import grouped_label, header_groups
from followkit.reading.sheets import Layout, TableSheet, column_letters
from followkit.reading.values import cell_text, is_blank, parse_date_cell
from followkit.recording.plan import AddRow, Edit, SetCell

Row = Mapping[str, Any]  # one row of a caseload table, by column name


class Refused(Exception):
    """A record this layout has no place for; the message says why and what to do."""


@dataclass
class SheetInfo:
    """One sheet of the tracker: its header row, the labels by position, its cells."""

    name: str
    header_row: int  # Excel row of the header (1 for a sheet followkit creates)
    labels: list[str]
    rows: list[list[Any]]

    def column(self, label: str) -> int | None:
        """0-based position of ``label`` in the header, or None."""
        try:
            return self.labels.index(label)
        except ValueError:
            return None

    def value(self, row: int, label: str) -> Any:
        pos = self.column(label)
        if pos is None or row - 1 >= len(self.rows) or pos >= len(self.rows[row - 1]):
            return ""
        return self.rows[row - 1][pos]


@dataclass
class SheetMap:
    """The table sheets of a tracker by name, with labels as followkit's reader makes them."""

    sheets: dict[str, SheetInfo]

    @classmethod
    def of(cls, workbook: RawWorkbook, layout: Layout) -> SheetMap:
        raw = {sheet.name: sheet for sheet in workbook.sheets}
        out = {}
        for ts in layout.tables:
            sheet = raw[ts.sheet]
            header = list(sheet.rows[ts.header_row - 1])
            groups = header_groups(sheet, ts.header_row - 1, header) if (
                ts.table is s.INTERVIEWS) else [""] * len(header)
            labels: list[str] = []
            for pos, cell in enumerate(header):
                label = cell_text(cell) or f"Column {column_letters(pos)}"
                label = grouped_label(groups[pos], label) if cell_text(cell) else label
                labels.append(f"{label} ({column_letters(pos)})" if label in labels else label)
            while labels and is_blank(header[len(labels) - 1]):  # trailing blanks: free
                labels.pop()
            out[ts.sheet] = SheetInfo(ts.sheet, ts.header_row, labels, list(sheet.rows))
        return cls(out)


class Places(ABC):
    """The strategy interface: one method per kind of record, each returning edits."""

    def __init__(self, sheets: SheetMap, layout: Layout) -> None:
        self.sheets = sheets
        self.layout = layout
        self.tables = {ts.sheet: ts for ts in layout.tables}
        self._added: dict[tuple[str, str], int] = {}  # new numbered columns: (sheet, role)

    @abstractmethod
    def decision_date(self, row: Row, value: date, source: str) -> list[Edit]:
        """The decision date learned, for the interview ``row``."""

    @abstractmethod
    def references(self, row: Row, done: date, source: str) -> list[Edit]:
        """References alerted on ``done``."""

    @abstractmethod
    def thank_you(self, person: Row, everyone: Sequence[Row], done: date,
                  source: str) -> list[Edit]:
        """A thank-you to ``person`` sent on ``done``.

        ``everyone``: every interviewer of that interview.
        """

    @abstractmethod
    def interviewer_names(self, row: Row, names: list[str], source: str) -> list[Edit]:
        """New interviewer ``names`` for the interview ``row``."""

    @abstractmethod
    def call(self, row: Row, done: date, result: str, source: str) -> list[Edit]:
        """A follow-up call on ``done`` with its ``result`` ('' when none)."""

    @abstractmethod
    def application(self, row: Row, done: date, employer: str,
                    source: str) -> list[Edit]:
        """A job application on ``done`` to ``employer`` ('' when not said)."""

    @abstractmethod
    def outcome(self, row: Row, outcome: str, source: str) -> list[Edit]:
        """The interview's new Outcome, when a call's result closes it."""


class FlatPlaces(Places):
    """SPEC §2 flat sheet: every record goes into the interview's own row."""

    def _cell(self, row: Row, name: str, value: Any, source: str,
              note: str = "") -> list[Edit]:

        ts = self.tables[row[s.SHEET]]
        label = ts.columns.get(name, name)
        return [SetCell(row[s.SHEET], int(row[s.ROW]), label, value, source, note)]

    def decision_date(self, row: Row, value: date, source: str) -> list[Edit]:
        return self._cell(row, s.DECISION_DATE, value, source)

    def references(self, row: Row, done: date, source: str) -> list[Edit]:
        return self._cell(row, s.REFERENCES_ALERTED, done, source)

    def outcome(self, row: Row, outcome: str, source: str) -> list[Edit]:
        return self._cell(row, s.OUTCOME, outcome, source + " (the call's result closes it)")

    def _numbered(self, sheet: str, role: str) -> list[tuple[str, int]]:
        ts = self.tables[sheet]
        found = [(label, n or 1) for label, n in ts.flat.get(role, [])]
        return sorted(found, key=lambda x: x[1])

    def _next_free(self, row: Row, role: str, default: str) -> tuple[str, int, str]:
        """The first ``role`` N column empty in this row, else a new one (label, N, note)."""
        sheet, excel_row = row[s.SHEET], int(row[s.ROW])
        info = self.sheets.sheets[sheet]
        numbered = self._numbered(sheet, role)
        for label, n in numbered:
            if is_blank(info.value(excel_row, label)):
                return label, n, ""
        top = max([n for _, n in numbered] + [self._added.get((sheet, role), 0)])
        n = top + 1
        for label, at in numbered:
            if at == top:
                new = re.sub(r"\d+", str(n), label, count=1)
                break
        else:
            new = f"{default} {n}"
        self._added[(sheet, role)] = max(n, self._added.get((sheet, role), 0))
        if top == 0:
            return new, n, f"the sheet has no {default} column: column {new!r} added"
        return new, n, f"every {default} column was used: column {new!r} added"

    def thank_you(self, person: Row, everyone: Sequence[Row], done: date,
                  source: str) -> list[Edit]:

        sheet, excel_row = person[s.SHEET], int(person[s.ROW])
        ts = self.tables[sheet]
        own = {label for label, _ in ts.flat.get(s.FLAT_THANK_YOU_N, [])}
        if any(person["_thank_col"] in labels for labels in ts.round_thanks.values()):
            _alone_in(person, everyone)  # a header group's thank-you: its round's own cell
            return [SetCell(sheet, excel_row, person["_thank_col"], done, source)]
        if person["_thank_col"] in own:
            return [SetCell(sheet, excel_row, person["_thank_col"], done, source)]
        sharing = [p for p in everyone if p[s.SHEET] == sheet and p[s.ROW] == excel_row]
        if len(sharing) <= 1:
            label = person["_thank_col"] or "Thank-You Sent"
            return [SetCell(sheet, excel_row, label, done, source)]
        numbers = dict(ts.flat.get(s.FLAT_INTERVIEWER_N, []))
        n = numbers.get(person["_name_col"])
        if n is None:
            raise Refused(
                f"{len(sharing)} interviewers share one {person['_name_col']!r} cell and one "
                "Thank-You Sent cell, so one of them cannot be marked alone; split the names "
                "into Interviewer 1, Interviewer 2, ... columns, or record when all are thanked")
        label = f"Thank-You Sent {n}"
        note = (f"one Thank-You Sent cell is shared by {len(sharing)} interviewers: column "
                f"{label!r} added for {person[s.INTERVIEWER]}")
        return [SetCell(sheet, excel_row, label, done, source, note)]

    def interviewer_names(self, row: Row, names: list[str], source: str) -> list[Edit]:

        sheet, excel_row = row[s.SHEET], int(row[s.ROW])
        ts = self.tables[sheet]
        listed = ts.flat.get(s.FLAT_INTERVIEWERS, [])
        if listed and not ts.flat.get(s.FLAT_INTERVIEWER_N):
            label = listed[0][0]
            before = cell_text(self.sheets.sheets[sheet].value(excel_row, label))
            return [SetCell(sheet, excel_row, label, "; ".join([before, *names] if before
                                                               else names), source)]
        edits: list[Edit] = []
        for name in names:
            label, _, note = self._next_free(row, s.FLAT_INTERVIEWER_N, "Interviewer")
            edits.append(SetCell(sheet, excel_row, label, name, source, note))
            self._pending(sheet, excel_row, label, name)
        return edits

    def _pending(self, sheet: str, excel_row: int, label: str, value: Any) -> None:
        """Mark a cell as filled by this plan, so the next free column moves on."""
        info = self.sheets.sheets[sheet]
        if label not in info.labels:
            info.labels.append(label)
        pos = info.labels.index(label)
        while len(info.rows) < excel_row:
            info.rows.append([])
        cells = info.rows[excel_row - 1] = list(info.rows[excel_row - 1])
        cells.extend([""] * (pos + 1 - len(cells)))
        cells[pos] = value

    def call(self, row: Row, done: date, result: str, source: str) -> list[Edit]:

        sheet, excel_row = row[s.SHEET], int(row[s.ROW])
        ts = self.tables[sheet]
        dates = ts.flat.get(s.FLAT_CALL_DATES, [])
        if dates and not ts.flat.get(s.FLAT_CALL_N):
            label = dates[0][0]
            before = self.sheets.sheets[sheet].value(excel_row, label)
            shown = [_iso(before)] if not is_blank(before) else []
            edits: list[Edit] = [SetCell(sheet, excel_row, label,
                                         "; ".join([*shown, done.isoformat()]), source)]
            if result:
                edits.append(SetCell(sheet, excel_row, "Last Call Result", result, source))
            return edits
        label, n, note = self._next_free(row, s.FLAT_CALL_N, "Call")
        self._pending(sheet, excel_row, label, done)
        edits = [SetCell(sheet, excel_row, label, done, source, note)]
        if result:
            edits.append(SetCell(sheet, excel_row, f"{label} Result", result, source))
        return edits

    def application(self, row: Row, done: date, employer: str,
                    source: str) -> list[Edit]:

        sheet, excel_row = row[s.SHEET], int(row[s.ROW])
        labels = self.tables[sheet].flat.get(s.FLAT_LAST_APPLICATION, [])
        label = labels[0][0] if labels else "Last Application Date"
        before = parse_date_cell(self.sheets.sheets[sheet].value(excel_row, label)).value
        if before is not None and before >= done:
            raise Refused(f"{label!r} already holds a later date ({before}); this layout "
                          "keeps only the last application")
        edits: list[Edit] = [SetCell(sheet, excel_row, label, done, source)]
        if employer:
            edits.append(SetCell(sheet, excel_row, "Last Application Employer", employer,
                                 source))
        return edits


def _iso(value: Any) -> str:
    parsed = parse_date_cell(value).value
    return parsed.isoformat() if parsed is not None else cell_text(value)


class TemplatePlaces(FlatPlaces):
    """SPEC §2 four-sheet template: linked records become new rows of their sheets."""

    def _linked(self, table: s.Table) -> TableSheet | None:
        found = self.layout.of(table)
        return found[0] if found else None

    def thank_you(self, person: Row, everyone: Sequence[Row], done: date,
                  source: str) -> list[Edit]:

        ts = self.tables.get(person[s.SHEET])
        if ts is None or ts.table is not s.INTERVIEWERS:
            return super().thank_you(person, everyone, done, source)
        label = person["_thank_col"] or s.THANK_YOU_SENT
        return [SetCell(ts.sheet, int(person[s.ROW]), label, done, source)]

    def interviewer_names(self, row: Row, names: list[str], source: str) -> list[Edit]:

        ts = self._linked(s.INTERVIEWERS)
        if ts is None:
            return super().interviewer_names(row, names, source)
        return [AddRow(ts.sheet, {ts.columns[s.INTERVIEW_ID]: row[s.INTERVIEW_ID],
                                  ts.columns[s.INTERVIEWER]: name}, source) for name in names]

    def call(self, row: Row, done: date, result: str, source: str) -> list[Edit]:

        ts = self._linked(s.CALLS)
        if ts is None:
            return super().call(row, done, result, source)
        values: dict[str, Any] = {ts.columns[s.INTERVIEW_ID]: row[s.INTERVIEW_ID],
                                  ts.columns[s.CALL_DATE]: done}
        if result:
            values[ts.columns.get(s.RESULT, s.RESULT)] = result
        return [AddRow(ts.sheet, values, source)]

    def application(self, row: Row, done: date, employer: str,
                    source: str) -> list[Edit]:

        ts = self._linked(s.JOB_SEARCH)
        if ts is None:
            return super().application(row, done, employer, source)
        values: dict[str, Any] = {ts.columns[s.CLIENT_ID]: row[s.CLIENT_ID],
                                  ts.columns[s.APPLICATION_DATE]: done}
        if employer:
            values[ts.columns.get(s.EMPLOYER, s.EMPLOYER)] = employer
        return [AddRow(ts.sheet, values, source)]


def _alone_in(person: Row, everyone: Sequence[Row]) -> None:
    """Refuse to mark one interviewer thanked in a thank-you cell that others of the
    same round share and are not thanked in yet."""
    others = [p for p in everyone if p[s.ROW] == person[s.ROW] and p[s.SHEET] == person[
        s.SHEET] and p["_thank_col"] == person["_thank_col"] and p[s.INTERVIEWER] != person[
        s.INTERVIEWER] and not p[s.THANK_YOU_SENT]]
    if others:
        raise Refused(
            f"{len(others) + 1} interviewers share one {person['_thank_col']!r} cell, so one "
            "of them cannot be marked alone; type the date in that cell when all are thanked")
