"""A spreadsheet cell as a worker reads it: blank or not, and its text.

The two helpers every stage needs (the reader, the writers, recording), kept at
the bottom so file io can use them without importing the reader.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import numpy as np


def is_blank(value: Any) -> bool:
    """Whether a cell is empty (``""``, whitespace, ``None`` or NaN)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, float) and np.isnan(value)


def cell_text(value: Any) -> str:
    """The text of a cell as a worker would read it; ``""`` when empty.

    Whole numbers lose the ``.0`` a spreadsheet stores them with, so an ID or
    a phone number typed as a number reads as typed.

    >>> cell_text(123.0), cell_text(" 007 "), cell_text(None)
    ('123', '007', '')
    """
    if is_blank(value):
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


__all__ = ["cell_text", "is_blank"]
