"""The updated tracker as a download (SPEC §8): every mark written into a copy.

:func:`updated_tracker` asks the session to record the marks into a copy of the
worker's file in a temporary folder and returns the copy's bytes (an .xlsx, or
for a CSV tracker a .zip of the CSV and its log). The worker's own file is never
written; the temporary folder is gone when this returns.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from followkit.dashboard.render import XLSX_MIME

if TYPE_CHECKING:
    from followkit.recording.record import Filled
    from followkit.session.session import Session


@dataclass(frozen=True)
class Saved:
    """The copy to download: its name, bytes and type, what was written and refused."""

    name: str
    data: bytes
    mime: str
    cells: int
    notes: tuple[str, ...]


def updated_tracker(session: Session, marks: list[Filled], *, now: datetime,
                    as_of: date | None) -> Saved:
    """``marks`` written into a copy of ``session``'s tracker, as bytes."""
    with tempfile.TemporaryDirectory(prefix="followkit-") as folder:
        result = session.record_marks(marks, now=now, folder=folder, as_of=as_of)
        out = result.output
        name, data, mime = out.name, out.read_bytes(), XLSX_MIME
        log = out.with_name(f"{out.stem}-log.csv")
        if log.exists():  # a CSV has no log sheet: both files, zipped
            name, mime = f"{out.stem}.zip", "application/zip"
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(out.name, data)
                archive.writestr(log.name, log.read_bytes())
            data = buffer.getvalue()
    notes = tuple(f"{where}: {why}" for where, why in result.refused) + tuple(
        n for n in result.notes if "the log is in" not in n)
    return Saved(name, data, mime, len(result.log), notes)
