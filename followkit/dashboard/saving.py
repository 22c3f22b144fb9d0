"""The updated tracker as a download (SPEC §8): every mark written into a copy.

:class:`TrackerMaker` makes it in a thread after each Mark done or Undo (reading the
tracker and writing the copy takes seconds on a large tracker: ~2-5 s at 10,000
interviews) and puts
the link *Download updated tracker (N changes)* in its place beside Mark done;
until then the place says "Preparing the updated tracker (N changes)…". A newer
mark or Undo starts a newer copy and the older one is dropped (a generation
counter).

:func:`updated_tracker` asks the session to record the marks into a copy of the
worker's file in a temporary folder and returns the copy's bytes (an .xlsx, or
for a CSV tracker a .zip of the CSV and its log). The worker's own file is never
written; the temporary folder is gone when this returns.
"""

from __future__ import annotations

import base64
import sys
import threading
import traceback
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

import ipywidgets as w

from followkit.core.errors import FollowkitError
from followkit.dashboard.render import XLSX_MIME, render

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
    """``marks`` written into a copy of ``session``'s tracker, as bytes
    (:meth:`followkit.session.recorder.Recorder.updated_copy`)."""
    name, data, result = session.recorder.updated_copy(marks, now=now, policy=session.policy,
                                                       as_of=as_of)
    mime = "application/zip" if name.endswith(".zip") else XLSX_MIME
    notes = tuple(f"{where}: {why}" for where, why in result.refused) + tuple(
        n for n in result.notes if "the log is in" not in n)
    return Saved(name, data, mime, len(result.log), notes)


def changes(marks: int) -> str:
    """``1 change``, ``2 changes``."""
    return f"{marks} change{'' if marks == 1 else 's'}"


def saved_link(saved: Saved, marks: int) -> str:
    """The download beside Mark done: ``Download updated tracker (2 changes)``."""
    return render("saved_link.html.j2", name=saved.name, mime=saved.mime,
                  encoded=base64.b64encode(saved.data).decode("ascii"),
                  changes=changes(marks))


class TrackerMaker:
    """Makes the updated tracker in a thread and shows its link in ``place``; notes
    (refused marks, a failure) go to ``message`` under the lines said of the mark."""

    def __init__(self, place: w.HTML, message: w.HTML) -> None:
        self.place, self.message = place, message
        self.thread: threading.Thread | None = None
        self.generation = 0

    def drop(self) -> None:
        """Forget the copy being made (the marks changed); the place is emptied."""
        self.generation += 1
        self.place.value = ""

    def start(self, session: Session, marks: list[Filled], *, now: datetime,
              as_of: date | None, lines: list[str]) -> None:
        """Make the copy of ``session``'s tracker with ``marks`` (in a thread)."""
        self.generation += 1
        self.place.value = render("recorded.html.j2", lines=[
            f"Preparing the updated tracker ({changes(len(marks))})\u2026"])
        self.thread = threading.Thread(target=self._make, daemon=True, args=(
            self.generation, session, marks, now, as_of, lines))
        self.thread.start()

    def _make(self, generation: int, session: Session, marks: list[Filled], now: datetime,
              as_of: date | None, lines: list[str]) -> None:
        notes: tuple[str, ...]
        try:
            saved = updated_tracker(session, marks, now=now, as_of=as_of)
        except FollowkitError as e:
            link, notes = "", (f"The updated tracker could not be made: {e}",)
        except Exception as e:  # a bug: its traceback to the server's log, plain words here
            traceback.print_exc(file=sys.__stderr__)
            link, notes = "", (f"The updated tracker could not be made (a problem inside "
                               f"followkit, {type(e).__name__}); your marks are kept.",)
        else:
            link, notes = saved_link(saved, len(marks)), saved.notes
        if generation == self.generation:
            self.place.value = link
            if notes:
                self.message.value = render("recorded.html.j2", lines=[*lines, *notes])

    def wait(self) -> None:
        """Wait until the copy being made is ready."""
        if self.thread is not None:
            self.thread.join()
