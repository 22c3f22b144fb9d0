"""The rows of the ``followkit log`` sheet (SPEC §8): one per cell changed."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from followkit.reading.sheets import RECORD_LOG_HEADER
from followkit.reading.values import cell_text
from followkit.recording.plan import Edit

LOG_SHEET = "followkit log"
LOG_HEADER = list(RECORD_LOG_HEADER)
LOG_WIDTHS = (26, 16, 6, 22, 18, 18, 60)


def shown(value: Any) -> str:
    """A value as the log shows it (dates as yyyy-mm-dd)."""
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else cell_text(value)


def log_row(stamp: str, sheet: str, row: int, column: str, old: Any, new: Any,
            report_name: str, edit: Edit, note: str = "") -> list[Any]:
    """One row of the log: When, Sheet, Row, Column, Old Value, New Value, From."""
    origin = f"{report_name}, {edit.source}"
    if note or edit.note:
        origin += f" ({note or edit.note})"
    return [stamp, sheet, row, column, shown(old), shown(new), origin]
