"""The reading service of a session: which tracker, how it was read, its caseload.

A :class:`Source` holds the tracker (one file, several, or an upload's bytes),
how it is read (:class:`Reading`: ``--client``, ``--columns``, status words) and
the caseload, read the first time it is asked for and then kept.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from followkit.core import schema as s
from followkit.core.errors import FollowkitError

if TYPE_CHECKING:
    from followkit.reading.load import Caseload

PathLike = str | os.PathLike[str]


@dataclass(frozen=True)
class Reading:
    """How the trackers are read (SPEC §2.1): ``--client``, ``--columns``, status words,
    and the header row of a sheet (sheet name -> Excel row; the dashboard's Check columns)."""

    client: str | None = None
    columns: Mapping[str, str] | None = None
    statuses: Mapping[str, str] | None = None
    headers: Mapping[str, int] | None = None

    def options(self) -> dict[str, Any]:
        """As keyword arguments of the loaders and of :func:`followkit.recording.record.record`."""
        return {"client": self.client, "columns": self.columns, "statuses": self.statuses,
                "headers": self.headers}


@dataclass(eq=False)
class Source:
    """A tracker and its caseload.

    ``load`` is the caseload, or a function reading it (called once, when first
    needed); ``inputs`` the files read (protected from being written over);
    ``data`` the one upload's bytes, if the tracker came as bytes.
    """

    load: Caseload | Callable[[], Caseload] = field(repr=False)
    name: str = ""
    inputs: tuple[Path, ...] = ()
    data: bytes | None = field(default=None, repr=False)  # never in a log or traceback
    reading: Reading = field(default_factory=Reading)

    def __post_init__(self) -> None:
        self._caseload: Caseload | None = None if callable(self.load) else self.load

    @property
    def caseload(self) -> Caseload:
        """The tracker's tables and data issues (read on first use, then kept)."""
        if self._caseload is None:
            assert callable(self.load)
            self._caseload = self.load()
        return self._caseload

    def workers(self) -> list[str]:
        """The workers named in the tracker, sorted (no blank name)."""
        return sorted(w for w in self.caseload.interviews[s.WORKER].unique() if w)

    @property
    def can_record(self) -> bool:
        """True if one tracker file (or upload) was read, which recording can copy."""
        return self.data is not None or (len(self.inputs) == 1 and self.inputs[0].is_file())

    def trackers(self) -> list[Path]:
        """The files to record into: the inputs, or the upload written to a new folder."""
        return list(self.inputs) if self.data is None else [self.tracker_file()]

    def tracker_file(self, folder: Path | None = None) -> Path:
        """The one tracker file read (an upload is written into ``folder`` first)."""
        if self.data is not None:
            if folder is None:
                folder = Path(tempfile.mkdtemp(prefix="followkit-"))
            path = folder / self.name
            path.write_bytes(self.data)
            return path
        if not self.can_record:
            raise FollowkitError("recording needs the one tracker file the report was "
                                 "made from")
        return self.inputs[0]


__all__ = ["Reading", "Source"]
