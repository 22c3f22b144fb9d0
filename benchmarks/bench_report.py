"""followkit's benchmark suite (`make bench`): how long a worker waits, measured.

For each tracker size it measures, in one run and side by side (median of
--rounds rounds):

(a) ``followkit report`` end to end as a process (wall time, peak memory),
    and its stages in-process: read, load+validate, rules, reports, export;
(b) the floor: python-calamine's raw parse of the input plus xlsxwriter's
    native ``write_row`` of exactly the cells the report contains, unstyled, in
    the faster of xlsxwriter's two modes (rows streamed, or kept in memory with
    text in the shared strings table);
(c) the naive baseline: ``pd.read_excel`` (openpyxl), ``apply(axis=1)`` rules,
    ``to_excel`` (openpyxl);
(d) the dashboard: upload-to-tables, refresh for a new date, refresh for a
    worker filter; and ``import followkit`` / ``followkit --help`` start-up.

The engine alone (rules + rollups) runs at 10x the largest size in a child
process for its time and peak memory. Results print as a table and go to
benchmarks/RESULTS.md with a description of the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
AS_OF = date(2026, 11, 20)
PER_CLIENT = 2.5  # make_sample's mean interviews per client


def clock() -> float:
    """Seconds: wall time, or with ``--cpu`` this process's CPU time (user + system),
    which other jobs on a shared machine disturb much less."""
    return time.process_time() if os.environ.get(CPU_CLOCK) == "cpu" else time.perf_counter()


CPU_CLOCK = "FOLLOWKIT_BENCH_CLOCK"  # "cpu": every timing (and floor.py's, naive.py's) in CPU time


def _timed_process(args: list[str], **kwargs) -> tuple[float, float]:
    """Wall seconds (CPU seconds with ``--cpu``) and peak RSS (MB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.environ.get(CPU_CLOCK) == "cpu":
        wall = usage.ru_utime + usage.ru_stime
    out, err = proc.communicate()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{args} failed: {err.decode()[-2000:]}")
    proc.stdout_text = out.decode()  # type: ignore[attr-defined]
    return wall, usage.ru_maxrss / 1024


def make_tracker(n: int, folder: Path) -> Path:
    from followkit.datasets import make_sample
    from followkit.report.workbook import write_tracker

    path = folder / f"tracker-{n}.xlsx"
    if not path.exists():
        sample = make_sample(n_clients=max(1, round(n / PER_CLIENT)), seed=1, as_of=AS_OF)
        write_tracker(sample.tables(), path)
    return path


def stages(path: Path, out: Path) -> dict[str, float]:
    from followkit.core.io import read_workbook
    from followkit.reading.load import caseload_from_workbook
    from followkit.report.build import build_report
    from followkit.report.workbook import write_report
    from followkit.rules.engine import evaluate

    t = [clock()]
    raw = read_workbook(path)
    t.append(clock())
    caseload = caseload_from_workbook(raw)
    t.append(clock())
    actions = evaluate(caseload, as_of=AS_OF)
    t.append(clock())
    report = build_report(caseload, actions, as_of=AS_OF)
    report.tables()  # the lists with their text, built once and kept for the export
    t.append(clock())
    write_report(report, out)
    t.append(clock())
    names = ("read", "load+validate", "rules", "reports", "export")
    return {k: t[i + 1] - t[i] for i, k in enumerate(names)}


def report_cells(path: Path) -> dict[str, list[list]]:
    """Exactly the cells of the report workbook, as plain Python values."""
    from followkit import run_report

    report = run_report(path, as_of=AS_OF).report
    sheets = {"Summary": [[k, v] for k, v in report.info]
              + [list(report.summary.columns)] + report.summary.values.tolist()}
    for name, frame in report.tables().items():
        columns = [_values(frame[c]) for c in frame.columns]
        sheets[name] = [list(frame.columns)] + [list(r) for r in zip(*columns, strict=True)]
    return sheets


def _values(series: Any) -> list:
    """A column as Python values ready to write: str, datetime, number, bool or None."""
    import pandas as pd

    if pd.api.types.is_datetime64_any_dtype(series):
        return [None if pd.isna(v) else v.to_pydatetime() for v in series]
    if pd.api.types.is_bool_dtype(series):
        return ["Yes" if v else "No" for v in series]
    if pd.api.types.is_numeric_dtype(series):
        return [None if pd.isna(v) else float(v) if isinstance(v, float) else int(v)
                for v in series.to_numpy(dtype=object)]
    return [None if v is None or v is pd.NA or v is pd.NaT or v == "" else v
            for v in series.to_numpy(dtype=object)]


def floor(path: Path, folder: Path, mode: str = "stream") -> float:
    """floor.py's parse + write, with xlsxwriter's rows streamed or kept in memory."""
    cells = folder / f"{path.stem}-cells.pickle"
    if not cells.exists():
        cells.write_bytes(pickle.dumps(report_cells(path)))
    out = subprocess.run([sys.executable, str(HERE / "floor.py"), str(path), str(cells),
                          str(folder / "floor.xlsx"), mode], capture_output=True, text=True,
                         check=True)
    parse, write = map(float, out.stdout.split())
    return parse + write


def naive(path: Path, folder: Path) -> float:
    sys.path.insert(0, str(HERE))
    from naive import run

    from followkit import run_report

    tables = run_report(path, as_of=AS_OF).report.tables()
    return run(str(path), str(folder / "naive.xlsx"), AS_OF, tables)["total"]


def dashboard(path: Path) -> dict[str, float]:
    from followkit.dashboard.widgets import Dashboard

    board = Dashboard(today=AS_OF)
    data = path.read_bytes()
    t0 = clock()
    board.open_bytes(path.name, data)
    t1 = clock()
    board.as_of.value = date(2026, 11, 27)
    t2 = clock()
    board.workers.value = (board.workers.options[0],)
    t3 = clock()
    return {"upload-to-tables": t1 - t0, "refresh: new date": t2 - t1,
            "refresh: worker": t3 - t2}


def cli_compute(path: Path) -> float:
    """The CLI's read + compute (no export): what upload-to-tables is compared with.

    That is reading, evaluating and building every table the report writes.
    """
    from followkit import run_report

    start = clock()
    run_report(path, as_of=AS_OF).report.tables()
    return clock() - start


def _memory_mb(field: str) -> float:
    """This process's VmRSS (now) or VmHWM (peak) in MB, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def _reset_peak() -> None:
    """Reset the peak RSS (VmHWM), so the peak measured is the engine's own."""
    Path("/proc/self/clear_refs").write_text("5")


def engine_child(n_base: Path, times: int) -> None:
    """Child process: tile a loaded caseload ``times`` and time rules + rollups.

    The engine is :func:`~followkit.rules.engine.evaluate` (every action's due date
    and status) plus :func:`~followkit.report.build.build_report` (summary, clients,
    interview statuses; the action lists are built when asked for). Building
    every list with its text (Details, drafts, call scripts), as an export
    does, is timed after it, separately.
    """
    import gc

    # followkit first, as in the CLI, so its numpy settings apply (followkit/_numpy_setup.py)
    from followkit.reading.load import Caseload, load_caseload  # isort: split
    import pandas as pd

    from followkit.report.build import build_report
    from followkit.rules.engine import evaluate

    warm = load_caseload(HERE.parent / "data" / "sample_tracker.xlsx")
    build_report(warm, evaluate(warm, as_of=AS_OF), as_of=AS_OF)  # imports, holiday tables
    base = load_caseload(n_base)

    def tile(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
        parts = []
        for i in range(times):
            part = frame.copy()
            for key in keys:
                part[key] = part[key] + f"-{i}"
            parts.append(part)
        return pd.concat(parts, ignore_index=True)

    c = Caseload(base.source, tile(base.interviews, ["Interview ID", "Client ID"]),
                 tile(base.original, []), tile(base.interviewers, ["Interview ID"]),
                 tile(base.calls, ["Interview ID"]), tile(base.applications, ["Client ID"]),
                 base.issues, base.tracks_job_search)
    del base
    gc.collect()
    start = clock()
    _ = c.keys  # what loading does last: the links between sheets as integer codes
    keys = clock() - start
    _reset_peak()  # the tiling above peaks higher than the caseload it leaves
    before = _memory_mb("VmRSS")
    runs = []
    for last in (False, False, False, True):  # the first in fresh memory, then three more
        start = clock()
        actions = evaluate(c, as_of=AS_OF)
        middle = clock()
        report = build_report(c, actions, as_of=AS_OF)
        runs.append((middle - start, clock() - middle))
        if not last:
            del actions, report
    peak = _memory_mb("VmHWM")
    lists = clock()
    report.tables()
    _ = report.drafts
    lists = clock() - lists
    print(json.dumps({"interviews": len(c.interviews), "actions": len(actions),
                      "keys": keys, "first": sum(runs[0]),
                      "rules": statistics.median(r[0] for r in runs[1:]),
                      "rollups": statistics.median(r[1] for r in runs[1:]),
                      "lists": lists, "caseload_mb": before, "peak_mb": peak,
                      "peak_with_lists_mb": _memory_mb("VmHWM")}))


def engine(base: Path, times: int, rounds: int, **env: str) -> dict[str, float]:
    """The engine child, ``rounds`` times (a fresh process each): the medians."""
    def once() -> dict[str, float]:
        out = subprocess.run([sys.executable, __file__, "--engine-child", str(base),
                              str(times)], capture_output=True, text=True, check=True,
                             env=os.environ | env)
        return json.loads(out.stdout)

    return median(once, rounds)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    import numpy
    import pandas

    return (f"{cpu}, {os.cpu_count()} cores{mem}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, pandas {pandas.__version__}, "
            f"numpy {numpy.__version__}")


def median(fn, rounds: int):
    values = [fn() for _ in range(rounds)]
    if isinstance(values[0], dict):
        return {k: statistics.median(v[k] for v in values) for k in values[0]}
    if isinstance(values[0], tuple):
        return tuple(statistics.median(v[i] for v in values) for i in range(len(values[0])))
    return statistics.median(values)


def run(sizes: list[int], rounds: int, engine_times: int, naive_max: int,
        out: Path | None, before: Path | None = None) -> str:
    """Measure every size in a scratch folder (removed after) and return the tables."""
    earlier = read_before(before) if before is not None and before.exists() else {}
    if before is not None and earlier and (
            "Clock: CPU time" in before.read_text(encoding="utf-8")) != (
            os.environ.get(CPU_CLOCK) == "cpu"):
        earlier = {n: {**row, "other clock": 1.0} for n, row in earlier.items()}
    with tempfile.TemporaryDirectory(prefix="followkit-bench-") as tmp:
        return _run(sizes, rounds, engine_times, naive_max, out, Path(tmp), earlier)


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def read_before(path: Path) -> dict[int, dict[str, float]]:
    """The loading time (read + load+validate) and report / floor per tracker size
    of an earlier RESULTS file (``--before``), keyed by the number of interviews."""
    found: dict[int, dict[str, float]] = {}
    table = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("| interviews |"):
            table = "main" if "report / floor" in line else (
                "stages" if "load+validate" in line else "")
            continue
        cells = _cells(line) if line.startswith("| ") and not line.startswith("| ---") else []
        if not cells or not table or not cells[0].replace(",", "").isdigit():
            continue
        row = found.setdefault(int(cells[0].replace(",", "")), {})
        if table == "main":
            row["ratio"] = float(cells[4].rstrip("x"))
        else:
            row["load"] = float(cells[1]) + float(cells[2])
    return {n: row for n, row in found.items() if len(row) == 2}


_OTHER_CLOCK = (" The figures before were timed with the other clock (CPU or wall time: "
                "see `--cpu`), so compare with care.")


def compared(rows: list[dict[str, Any]], earlier: dict[int, dict[str, float]]) -> list[str]:
    """The two figures of issue #22 (loading, report / floor) beside the ones before,
    for the tracker sizes measured both times (none: no table)."""
    rows = [row for row in rows if row["interviews"] in earlier]
    if not rows:
        return []
    lines = ["", "Beside the figures before (`--before`, default benchmarks/BEFORE.md): "
             "loading is read + load+validate in-process; the goals at 10 000 interviews "
             "are loading <= 0.6 s and report / floor <= 1.4x."
             + (_OTHER_CLOCK if any("other clock" in row for row in earlier.values()) else ""),
             "",
             "| interviews | loading before | loading now | report / floor before | "
             "report / floor now |", "| ---: | ---: | ---: | ---: | ---: |"]
    for row in rows:
        then = earlier[row["interviews"]]
        now_load = row["stages"]["read"] + row["stages"]["load+validate"]
        lines.append(f"| {row['interviews']:,} | {then['load']:.3f} s | {now_load:.3f} s | "
                     f"{then['ratio']:.2f}x | {row['e2e'] / row['floor']:.2f}x |")
    return lines


def _run(sizes: list[int], rounds: int, engine_times: int, naive_max: int,
         out: Path | None, folder: Path,
         earlier: dict[int, dict[str, float]] | None = None) -> str:
    lines = []
    rows = []
    for n in sizes:
        path = make_tracker(n, folder)
        from followkit.reading.load import load_caseload

        interviews = len(load_caseload(path).interviews)
        report_out = folder / f"report-{n}.xlsx"
        e2e, peak = median(lambda p=path, o=report_out: _timed_process(
            [sys.executable, "-m", "followkit", "report", str(p), "--as-of", str(AS_OF),
             "-o", str(o)]), rounds)
        st = median(lambda p=path, o=report_out: stages(p, o), rounds)
        # the faster of xlsxwriter's two ways (streamed; kept in memory, shared strings)
        fl = min(median(lambda p=path, m=mode: floor(p, folder, m), rounds)
                 for mode in ("stream", "memory"))
        nv = median(lambda p=path: naive(p, folder), max(1, rounds if n <= 10_000 else 1)) \
            if n <= naive_max else None
        db = median(lambda p=path: dashboard(p), rounds)
        cli = median(lambda p=path: cli_compute(p), rounds)
        rows.append({"interviews": interviews, "e2e": e2e, "peak": peak, "stages": st,
                     "floor": fl, "naive": nv, "dashboard": db, "cli": cli})
    start_import = median(lambda: _timed_process([sys.executable, "-c", "import followkit"])[0],
                          max(rounds, 3))
    start_help = median(lambda: _timed_process([sys.executable, "-m", "followkit", "--help"])[0],
                        max(rounds, 3))
    eng_small = engine(make_tracker(sizes[-1], folder), 1, rounds)
    eng = engine(make_tracker(sizes[-1], folder), engine_times, rounds)

    lines.append(f"Machine: {machine()}")
    lines.append(f"Rounds: median of {rounds}; as-of {AS_OF}; synthetic trackers "
                 "from `followkit sample` (four-sheet layout).")
    if os.environ.get(CPU_CLOCK) == "cpu":
        lines.append("Clock: CPU time (user + system; `--cpu`), not wall time: the machine "
                     "was shared with other jobs.")
    lines.append("")
    lines.append("| interviews | report (process) | peak memory | floor | report / floor | "
                 "naive | naive / report |")
    lines.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        e2e, nv = row["e2e"], row["naive"]
        naive_cells = (f"{nv:.2f} s | {nv / e2e:.1f}x" if nv is not None else "not run | ")
        lines.append(f"| {row['interviews']:,} | {e2e:.2f} s | {row['peak']:.0f} MB | "
                     f"{row['floor']:.2f} s | {e2e / row['floor']:.2f}x | {naive_cells} |")
    if earlier:
        lines.extend(compared(rows, earlier))
    lines.append("")
    lines.append("Stages (in-process, seconds):")
    lines.append("")
    lines.append("| interviews | read | load+validate | rules | reports | export |")
    lines.append("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        lines.append(f"| {row['interviews']:,} | " + " | ".join(
            f"{row['stages'][k]:.3f}" for k in
            ("read", "load+validate", "rules", "reports", "export")) + " |")
    lines.append("")
    lines.append("Dashboard (in-process, seconds):")
    lines.append("")
    lines.append("| interviews | upload-to-tables | CLI read+compute | ratio | refresh: new date "
                 "| refresh: worker |")
    lines.append("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        db, cli = row["dashboard"], row["cli"]
        lines.append(f"| {row['interviews']:,} | {db['upload-to-tables']:.3f} | {cli:.3f} | "
                     f"{db['upload-to-tables'] / cli:.2f}x | {db['refresh: new date']:.3f} | "
                     f"{db['refresh: worker']:.3f} |")
    lines.append("")
    lines.append("Engine alone (`rules.evaluate` + `build_report`'s rollups), in a child "
                 f"process, median of {rounds} processes; in each, the engine runs four times "
                 "on the same caseload: the first run (in fresh memory) is shown apart, the "
                 "rules and rollups columns are the median of the other three. The second "
                 f"row is the largest tracker tiled {engine_times}x.")
    lines.append("")
    lines.append("| interviews | actions | rules | rollups | engine | engine, first run | "
                 "peak memory | of which the caseload | links at load | lists with text |")
    lines.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for e in (eng_small, eng):
        lines.append(f"| {e['interviews']:,.0f} | {e['actions']:,.0f} | {e['rules']:.3f} s | "
                     f"{e['rollups']:.3f} s | {e['rules'] + e['rollups']:.3f} s | "
                     f"{e['first']:.3f} s | {e['peak_mb']:.0f} MB | {e['caseload_mb']:.0f} MB | "
                     f"{e['keys']:.2f} s | {e['lists']:.1f} s |")
    small = eng_small["rules"] + eng_small["rollups"]
    large = eng["rules"] + eng["rollups"]
    lines.append("")
    lines.append(f"{engine_times}x the rows cost {large / small:.1f}x the time "
                 f"({eng['first'] / eng_small['first']:.1f}x for the first runs). \"links at "
                 "load\": `Caseload.keys`, resolved once when a tracker is loaded. \"lists "
                 "with text\": every action list with its Details, drafts and call scripts, "
                 "as an export builds them (the dashboard builds them for the rows it shows).")
    lines.append("")
    lines.append(f"Start-up: `import followkit` {start_import:.2f} s; `followkit --help` "
                 f"{start_help:.2f} s.")
    text = "\n".join(lines)
    if out is not None:
        out.write_text("# Benchmark results\n\nMade by `make bench` "
                       "(`benchmarks/bench_report.py`).\n\n" + text + "\n", encoding="utf-8")
    return text


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--engine-child":
        engine_child(Path(sys.argv[2]), int(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--engine-times", type=int, default=10,
                        help="the engine runs on the largest tracker tiled this many times")
    parser.add_argument("--naive-max", type=int, default=100_000,
                        help="skip the naive baseline above this size")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--before", type=Path, default=HERE / "BEFORE.md",
                        help="an earlier RESULTS file: its loading time and report / floor "
                             "are printed beside the new ones")
    parser.add_argument("--cpu", action="store_true",
                        help="time in CPU seconds, not wall seconds (on a busy machine)")
    args = parser.parse_args()
    if args.cpu:
        os.environ[CPU_CLOCK] = "cpu"  # read by floor.py, naive.py and the engine child too
    print(run(args.sizes, args.rounds, args.engine_times, args.naive_max, args.out,
              args.before))


if __name__ == "__main__":
    main()
