"""What the benchmarks of recording, the calendar and Mark done share: the date they
are run as of, the synthetic trackers, the median of timed rounds, the calendar's
figures and the table appended to a results file."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

AS_OF = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)
PER_CLIENT = 2.5  # make_sample's mean interviews per client


def median(fn: Callable[[], object], rounds: int) -> float:
    """The median wall seconds of ``rounds`` calls of ``fn``."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def tracker_of(n: int, folder: Path) -> Path:
    """A template-layout tracker of about ``n`` interviews (``followkit sample``'s)."""
    from followkit.datasets import make_sample
    from followkit.report.workbook import write_tracker

    return write_tracker(make_sample(n_clients=max(2, round(n / PER_CLIENT)), seed=1,
                                     as_of=AS_OF).tables(), folder / f"tracker-{n}.xlsx")


def calendar_figures(tracker: Path, rounds: int) -> dict[str, float]:
    """`followkit calendar` on ``tracker``: end to end (load + evaluate + report + the
    .ics bytes) and the .ics alone, with its interviews, To Do actions and events."""
    from followkit.pipeline import run_report
    from followkit.report.ical import calendar_bytes

    run = run_report(tracker, as_of=AS_OF)
    return {
        "interviews": len(run.caseload.interviews),
        "actions": len(run.report.todo),
        "events": calendar_bytes(run.report, stamp=NOW).count(b"BEGIN:VEVENT"),
        "calendar": median(lambda: calendar_bytes(
            run_report(tracker, as_of=AS_OF).report, stamp=NOW), rounds),
        "ics only": median(lambda: calendar_bytes(run.report, stamp=NOW), rounds),
    }


def append_table(results: Path | None, title: str, table: str) -> None:
    """Append ``table`` under a dated ``title`` to ``results`` (when one is given)."""
    if results is not None:
        with results.open("a", encoding="utf-8") as fh:
            fh.write(f"\n## {title} ({date.today()})\n\n{table}\n")
