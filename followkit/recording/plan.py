"""What recording plans and reports: the filled-in rows, the edits, the result.

Plain data shared by every part of recording (matching, the places, the writers,
the dashboard's marks); it imports nothing of recording, so each part can.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from followkit.core import schema as s
from followkit.report.wording import short_date
from followkit.rules.engine import ASK_DECISION, KEEP_HUNTING


@dataclass(frozen=True)
class Filled:
    """One row of the report with Done On or Record filled in."""

    where: str  # "sheet 'Calls' row 4" of the report
    action: str
    interview_id: str
    interviewer: str
    client_id: str
    employer: str
    interview_date: date | None
    done_on: date | None
    record: Any

    def key(self) -> tuple[str, ...]:
        if self.action == KEEP_HUNTING:
            return (self.action, self.client_id)
        return (self.action, self.interview_id, self.interviewer.casefold())


@dataclass(frozen=True)
class SetCell:
    """Write ``value`` in ``column`` (a header label, added when missing) of an Excel row."""

    sheet: str
    row: int
    column: str
    value: Any
    source: str
    note: str = ""


@dataclass(frozen=True)
class AddRow:
    """Append a row to ``sheet`` with these values by header label."""

    sheet: str
    values: dict[str, Any]
    source: str
    note: str = ""


Edit = SetCell | AddRow


@dataclass(frozen=True)
class Recorded:
    """One action written into the tracker: for whom, what, and the date it was done."""

    client: str
    action: str
    done_on: date | None
    detail: str = ""

    @classmethod
    def of(cls, item: Filled, row: dict[str, Any]) -> Recorded:
        """From the filled row and the tracker's interview row it matched."""
        name = str(row.get(s.CLIENT_NAME) or "").strip()
        client = f"{name} ({item.client_id})" if name and item.client_id and \
            name != item.client_id else name or item.client_id
        parts = [item.employer, item.interviewer]
        if item.action == ASK_DECISION and isinstance(item.record, date):
            parts.append(f"decision date {short_date(item.record)}")
        elif not isinstance(item.record, date):
            parts.append(str(item.record or "").strip())
        detail = ", ".join(p for p in parts if p)
        return cls(client, item.action, item.done_on, detail)

    def line(self) -> str:
        """``Send thank-you · Nadia Kowalski (C-0012) · Thu 19 Nov 2026 (Bluewater ...)``."""
        when = short_date(self.done_on) if self.done_on else "no date"
        more = f" ({self.detail})" if self.detail else ""
        return f"{self.action} · {self.client} · {when}{more}"


@dataclass
class Plan:
    """What :func:`plan_record` decided: the edits, and the rows it did not record."""

    edits: list[Edit] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (where, why)
    already: list[str] = field(default_factory=list)  # rows already in the tracker
    recorded: list[Recorded] = field(default_factory=list)  # the actions written


@dataclass
class RecordResult:
    """What :func:`record` wrote: the file, the log rows, refused and skipped rows.

    With several trackers, ``output`` is the folder (or the first tracker's) and
    ``written`` each updated copy with its number of log rows; files with
    nothing to record are not written.
    """

    output: Path
    log: list[list[Any]]
    refused: list[tuple[str, str]]
    already: list[str]
    notes: list[str]
    written: list[tuple[Path, int]] | None = None
    recorded: list[Recorded] = field(default_factory=list)

    def text(self) -> str:
        """A short plain-text account for the command line: each action recorded, the
        total, where it went, and what was not recorded."""
        actions = f"{len(self.recorded)} action(s)"
        if self.written is None:
            lines = [f"Recorded {actions} ({len(self.log)} cell(s)) into {self.output}"
                     + (":" if self.recorded else "")]
        else:
            lines = [f"Recorded {actions} ({len(self.log)} cell(s)) into "
                     f"{len(self.written)} file(s)" + (":" if self.written else
                                                       " (nothing to write)")]
            lines += [f"  {path}: {n} cell(s)" for path, n in self.written]
        lines += [f"  {item.line()}" for item in self.recorded]
        if self.already:
            lines.append(f"{len(self.already)} row(s) were already in the tracker "
                         "(nothing written for them)")
        if self.refused:
            lines.append(f"{len(self.refused)} row(s) of the report were NOT recorded:")
            lines += [f"  {where}: {why}" for where, why in self.refused]
        lines += self.notes
        return "\n".join(lines)
