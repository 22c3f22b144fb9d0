"""openpyxl's load of the tracker, in a forked child while the parent plans (SPEC §8).

Recording costs openpyxl's load + save of the worker's workbook plus followkit's
own reading and matching. The two first steps do not depend on each other, so
``record(..., parallel=True)`` lets a child process (POSIX ``fork``) load the
workbook with openpyxl while the parent reads the tracker and the report and
plans; the parent then sends the plan, and the child applies it and saves the
copy. Off by default: on the 2-core benchmark machine (shared, loaded) it was
no faster than one process (benchmarks/bench_record.py), and a dashboard's
kernel has threads, which ``fork`` does not mix well with. A failure in the
child is an :class:`OutputError`, never a silent partial file (the parent's
atomic write removes the temporary file).
"""

from __future__ import annotations

import multiprocessing
import os
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from followkit.core.errors import OutputError


def _child(conn: Connection, path: str, keep_vba: bool) -> None:
    from followkit.recording.write import apply_openpyxl, write_log_sheet

    try:
        import openpyxl

        wb = openpyxl.load_workbook(path, keep_vba=keep_vba, rich_text=True)
        job = conn.recv()
        if job is None:
            return
        plan, sheets, stamp, report_name, out = job
        log: list[list[Any]] = []
        apply_openpyxl(wb, plan, sheets, log, stamp, report_name)
        write_log_sheet(wb, log)
        wb.save(out)
        conn.send(("ok", log))
    except BaseException as e:  # noqa: BLE001 - reported to the parent, which raises
        try:
            conn.send(("error", f"{type(e).__name__}: {e}"))
        except (BrokenPipeError, OSError):
            pass
    finally:
        conn.close()


class Loader:
    """A child process holding the tracker loaded with openpyxl, waiting for the plan."""

    def __init__(self, path: Path, *, keep_vba: bool) -> None:
        context = multiprocessing.get_context("fork")
        self._conn, child = context.Pipe()
        self._proc = context.Process(target=_child, args=(child, str(path), keep_vba),
                                     daemon=True)
        self._proc.start()
        child.close()
        self._done = False

    @classmethod
    def start(cls, path: Path, *, keep_vba: bool) -> Loader | None:
        """A loader where ``fork`` exists (POSIX), else None (the caller edits in process)."""
        if os.name != "posix" or "fork" not in multiprocessing.get_all_start_methods():
            return None
        return cls(path, keep_vba=keep_vba)

    def finish(self, job: tuple[Any, ...]) -> list[list[Any]]:
        """Send the plan; wait for the child to save the copy; return the log rows."""
        self._done = True
        try:
            self._conn.send(job)
            status, payload = self._conn.recv()
        except (EOFError, BrokenPipeError, OSError) as e:
            raise OutputError("the workbook could not be edited (the helper process "
                              "stopped); nothing was written") from e
        finally:
            self._proc.join()
            self._conn.close()
        if status != "ok":
            raise OutputError(f"the workbook could not be edited ({payload}); nothing was "
                              "written")
        return list(payload)

    def cancel(self) -> None:
        """Stop the child without writing anything (it has only read the tracker)."""
        if self._done:
            return
        self._done = True
        self._proc.kill()
        self._proc.join()
        self._conn.close()
