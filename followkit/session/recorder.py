"""The recording service of a session (SPEC §8): into a copy of the tracker, or in memory.

:class:`Recorder` records what a filled-in report or the dashboard's marks say,
reading the tracker exactly as the session did (:class:`~followkit.session.source.Source`):
into an updated copy of the worker's own file (never the file itself), or into
a new caseload in memory for the dashboard's *Mark done*. Nothing here reads the
clock: the log's time comes in as ``now``.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from followkit.recording.record import CaseloadIndex, record, record_filled
from followkit.recording.state import apply_in_memory
from followkit.recording.write import default_output, free_name

if TYPE_CHECKING:
    from followkit.core.policy import FollowUpPolicy
    from followkit.reading.load import Caseload
    from followkit.recording.plan import Filled, Plan, RecordResult
    from followkit.session.source import Source

PathLike = str | os.PathLike[str]


class Recorder:
    """Recording for one :class:`~followkit.session.source.Source`."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self._index: CaseloadIndex | None = None  # the caseload's keys, for Mark done

    def record(self, report: PathLike, *, now: datetime, policy: FollowUpPolicy,
               output: PathLike | None = None, replace: bool = False) -> RecordResult:
        """Write what was filled in ``report`` into a copy of the tracker, or into each
        file of a caseload read from several (:func:`followkit.recording.record.record`).
        An existing output is refused unless ``replace``."""
        return record(self.source.trackers(), report, now=now, output=output, policy=policy,
                      replace=replace, reading=self.source.reading.options())

    def record_marks(self, marks: list[Filled], *, now: datetime, policy: FollowUpPolicy,
                     folder: PathLike, origin: str = "dashboard",
                     as_of: date | None = None) -> RecordResult:
        """Write ``marks`` into a copy of the tracker in ``folder`` (an uploaded tracker
        is first written there under its own name); ``as_of``: the date the marks were
        made on, so dates without a year are read as they were then. The copy never
        replaces a file: when ``<tracker>-updated.<ext>`` is in ``folder``, it is
        ``…-updated-2.<ext>`` (``result.output`` names it)."""
        tracker = self.source.tracker_file(Path(folder))
        return record_filled(tracker, marks, now=now, policy=policy, origin=origin,
                             output=free_name(Path(folder) / default_output(tracker).name),
                             reading=self.source.reading.options(), as_of=as_of)

    def updated_copy(self, marks: list[Filled], *, now: datetime, policy: FollowUpPolicy,
                     as_of: date | None = None, origin: str = "dashboard"
                     ) -> tuple[str, bytes, RecordResult]:
        """The updated tracker with ``marks`` recorded, as (file name, bytes, result),
        made in a private temporary folder (nothing is left on disk). A CSV comes as a
        zip of the copy and its ``-log.csv``."""
        with tempfile.TemporaryDirectory(prefix="followkit-") as folder:
            result = self.record_marks(marks, now=now, policy=policy, folder=folder,
                                       origin=origin, as_of=as_of)
            out = result.output
            name, data = out.name, out.read_bytes()
            log = out.with_name(f"{out.stem}-log.csv")
            if log.exists():
                buffer = io.BytesIO()
                with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                    archive.writestr(out.name, data)
                    archive.writestr(log.name, log.read_bytes())
                name, data = f"{out.stem}.zip", buffer.getvalue()
        return name, data, result

    def in_memory(self, marks: list[Filled]) -> tuple[Caseload, Plan]:
        """The caseload with ``marks`` recorded (the source's is unchanged), and the plan
        saying what was refused."""
        caseload = self.source.caseload
        if self._index is None:
            self._index = CaseloadIndex(caseload)
        return apply_in_memory(caseload, marks, index=self._index)


__all__ = ["Recorder"]
