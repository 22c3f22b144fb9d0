"""Benchmark of SPEC §8's calendar: `followkit calendar` at 1 000 and 10 000 interviews.

For each tracker size (template layout made by `followkit sample`, as of Fri 20
Nov 2026): the calendar end to end (load + evaluate + report + the .ics bytes)
and the .ics alone (from a report already built), median of --rounds rounds,
with the number of events and of To Do actions they hold.

    python benchmarks/bench_calendar.py --sizes 1000 10000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench_common import calendar_figures, tracker_of  # noqa: E402


def measure(n: int, rounds: int, folder: Path) -> dict[str, float]:
    return calendar_figures(tracker_of(n, folder), rounds)


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
