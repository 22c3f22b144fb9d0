"""What recording plans and reports: the filled-in rows, the edits, the result.

Plain data shared by every part of recording (matching, the places, the writers,
the dashboard's marks); it imports nothing of recording, so each part can.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from followkit.rules.engine import KEEP_HUNTING


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


@dataclass
class Plan:
    """What :func:`plan_record` decided: the edits, and the rows it did not record."""

    edits: list[Edit] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (where, why)
    already: list[str] = field(default_factory=list)  # rows already in the tracker


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

    def text(self) -> str:
        """A short plain-text account for the command line."""
        if self.written is None:
            lines = [f"Recorded {len(self.log)} cell(s) into {self.output}"]
        else:
            lines = [f"Recorded {len(self.log)} cell(s) into {len(self.written)} file(s)"
                     + (":" if self.written else " (nothing to write)")]
            lines += [f"  {path}: {n} cell(s)" for path, n in self.written]
        if self.already:
            lines.append(f"{len(self.already)} row(s) were already in the tracker "
                         "(nothing written for them)")
        if self.refused:
            lines.append(f"{len(self.refused)} row(s) of the report were NOT recorded:")
            lines += [f"  {where}: {why}" for where, why in self.refused]
        lines += self.notes
        return "\n".join(lines)
