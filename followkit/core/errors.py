"""Exceptions raised by followkit.

Every error a worker can cause derives from :class:`FollowkitError`, whose
message is one line that names the file, sheet, row or column concerned. The
CLI prints that line and exits with status 2; nothing else is shown.
"""

from __future__ import annotations


class FollowkitError(Exception):
    """Base class of every error caused by the input or the options."""


class UnreadableFileError(FollowkitError):
    """The file could not be opened or parsed as a spreadsheet."""

    def __init__(self, path: object, cause: str) -> None:
        self.path = path
        self.cause = cause
        super().__init__(f"cannot read {str(path)!r}: {cause}")


class MissingColumnError(FollowkitError):
    """A required column is absent from the sheet that holds its table."""

    def __init__(
        self, *, file: str, sheet: str, column: str, closest: str | None, header_row: int
    ) -> None:
        self.file = file
        self.sheet = sheet
        self.column = column
        self.closest = closest
        hint = f"; the closest header found is {closest!r}" if closest else ""
        super().__init__(
            f"{file!r}, sheet {sheet!r}: required column {column!r} not found "
            f"in the header row (row {header_row}){hint}"
        )


class NoInterviewSheetError(FollowkitError):
    """No sheet of the workbook looks like a table of interviews."""


class PolicyError(FollowkitError):
    """A follow-up policy value or policy file is invalid."""


class OutputError(FollowkitError):
    """The report cannot be written where it was asked to go."""
