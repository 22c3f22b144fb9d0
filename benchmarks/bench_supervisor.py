"""What the Supervisor sheet (SPEC §9) adds to `followkit report`, measured.

`followkit report` runs as a process on a synthetic tracker, with and without
the Supervisor sheet (the same command; "without" takes the sheet out of
``reports.sheet_order()`` before running it, so nothing of it is computed or
written), alternating, median of --rounds. In-process, it also times
``supervisor_view`` alone (the table, and one engine run per week of the
12-week period) and writing the report with and without the sheet.
Target (issue #15): at most 20 % added for 10 000 interviews.

    python benchmarks/bench_supervisor.py [--sizes 10000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_report import AS_OF, make_tracker  # noqa: E402

# The same wrapper for both runs, so both pay the same start-up.
_CHILD = """
import sys
import followkit.report.build as reports
if sys.argv[1] == "without":
    everything = reports.sheet_order
    reports.sheet_order = lambda: tuple(n for n in everything() if n != "Supervisor")
from followkit.cli import main
sys.exit(main(sys.argv[2:]))
"""


def report_process(path: Path, out: Path, variant: str) -> float:
    """Wall seconds of one `followkit report` process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", _CHILD, variant, "report", str(path), "--as-of",
                    AS_OF.isoformat(), "-o", str(out)], check=True, capture_output=True)
    return time.perf_counter() - start


def in_process(path: Path, out: Path) -> dict[str, float]:
    """The supervisor's tables alone, and the export with and without the sheet."""
    import followkit.report.build as reports
    from followkit.reading.load import load_caseload
    from followkit.report.supervisor import supervisor_view
    from followkit.report.workbook import write_report
    from followkit.rules.engine import evaluate

    caseload = load_caseload(path)
    actions = evaluate(caseload, as_of=AS_OF)
    t0 = time.perf_counter()
    view = supervisor_view(actions)
    t1 = time.perf_counter()
    times = {"supervisor tables": t1 - t0, "weeks": float(len(view.backlog)),
             "supervisor sheet": _sheet_alone(view)}
    write_report(reports.build_report(caseload, actions, as_of=AS_OF), out)  # warm-up
    order = reports.sheet_order
    for variant in ("with", "without"):
        if variant == "without":
            reports.sheet_order = lambda: tuple(n for n in order() if n != "Supervisor")
        try:
            report = reports.build_report(caseload, actions, as_of=AS_OF)
            report.tables()  # the lists and their text: built before the clock starts
            start = time.perf_counter()
            write_report(report, out)
            times[f"export {variant}"] = time.perf_counter() - start
        finally:
            reports.sheet_order = order
    return times


def _sheet_alone(view) -> float:
    """Seconds to write the Supervisor sheet (and its charts) alone, in memory."""
    import io

    import xlsxwriter

    from followkit.report.workbook import Formats
    from followkit.report.workbook_supervisor import supervisor_sheet

    start = time.perf_counter()
    workbook = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
    supervisor_sheet(workbook, view, Formats(workbook))
    workbook.close()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="followkit-bench-supervisor-") as tmp:
        _table(args.sizes, args.rounds, Path(tmp))


def _table(sizes: list[int], rounds: int, folder: Path) -> None:
    print("| interviews | report without | report with Supervisor | added | supervisor "
          "tables | Supervisor sheet alone | export without | export with |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in sizes:
        path = make_tracker(n, folder)
        out = folder / "report.xlsx"
        report_process(path, out, "with")  # warm the file cache
        runs: dict[str, list[float]] = {"with": [], "without": []}
        stages: list[dict[str, float]] = []
        for i in range(rounds):  # alternating which goes first
            for variant in ("without", "with")[:: 1 if i % 2 == 0 else -1]:
                runs[variant].append(report_process(path, out, variant))
            stages.append(in_process(path, out))
        without, with_ = (statistics.median(runs[v]) for v in ("without", "with"))
        stage = {k: statistics.median(s[k] for s in stages) for k in stages[0]}
        from followkit.reading.load import load_caseload

        size = len(load_caseload(path).interviews)
        print(f"| {size:,} | {without:.2f} s | {with_:.2f} s | "
              f"{(with_ / without - 1) * 100:+.1f} % | {stage['supervisor tables']:.3f} s "
              f"({stage['weeks']:.0f} weeks) | {stage['supervisor sheet']:.3f} s | "
              f"{stage['export without']:.2f} s | "
              f"{stage['export with']:.2f} s |", flush=True)


if __name__ == "__main__":
    main()
