"""Benchmark of SPEC §8's calendar: `followkit calendar` at 1 000 and 10 000 interviews.

For each tracker size (template layout made by `followkit sample`, as of Fri 20
Nov 2026): the calendar end to end (load + evaluate + report + the .ics bytes)
and the .ics alone (from a report already built), median of --rounds rounds,
with the number of events and of To Do actions they hold.

    python benchmarks/bench_calendar.py --sizes 1000 10000
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

AS_OF = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)
PER_CLIENT = 2.5  # make_sample's mean interviews per client


def _median(fn: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(n: int, rounds: int, folder: Path) -> dict[str, float]:
    from followkit.datasets import make_sample
    from followkit.pipeline import run_report
    from followkit.report.ical import calendar_bytes
    from followkit.report.workbook import write_tracker

    tracker = write_tracker(make_sample(n_clients=max(2, round(n / PER_CLIENT)), seed=1,
                                        as_of=AS_OF).tables(), folder / f"tracker-{n}.xlsx")
    run = run_report(tracker, as_of=AS_OF)
    data = calendar_bytes(run.report, stamp=NOW)
    return {
        "interviews": len(run.caseload.interviews),
        "actions": len(run.report.todo),
        "events": data.count(b"BEGIN:VEVENT"),
        "calendar": _median(lambda: calendar_bytes(
            run_report(tracker, as_of=AS_OF).report, stamp=NOW), rounds),
        "ics only": _median(lambda: calendar_bytes(run.report, stamp=NOW), rounds),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    print("| interviews | To Do actions | events | calendar end to end (s) | .ics only (s) |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory(prefix="followkit-bench-") as tmp:
        for n in args.sizes:
            m = measure(n, args.rounds, Path(tmp))
            print(f"| {m['interviews']:,} | {m['actions']:,} | {m['events']:,} | "
                  f"{m['calendar']:.2f} | {m['ics only']:.2f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
