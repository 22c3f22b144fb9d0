"""Smoke test of the benchmark script (tiny sizes, one round) so it never rots."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _scratch(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A temporary folder of its own: the benchmark must leave it empty."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    return scratch, dict(os.environ, TMPDIR=str(scratch))


def test_benchmark_script_runs_and_writes_its_table(tmp_path):
    out = tmp_path / "RESULTS.md"
    scratch, env = _scratch(tmp_path)
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_report.py"), "--sizes", "60", "150",
         "--rounds", "1", "--engine-times", "2", "--cpu", "--out", str(out)],
        capture_output=True, text=True, timeout=300, check=True, env=env)
    assert list(scratch.iterdir()) == []
    text = out.read_text()
    assert "| interviews | report (process) | peak memory | floor |" in text
    assert "Engine alone" in text and "Start-up" in text
    assert "Clock: CPU time (user + system; `--cpu`)" in text
    assert "Machine:" in done.stdout
    assert "| interviews | actions | rules | rollups | engine | engine, first run |" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and " s |" in line]
    assert len(rows) == 4  # two tracker sizes, then the engine on the larger one and 2x it


def test_supervisor_benchmark_runs(tmp_path):
    scratch, env = _scratch(tmp_path)
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_supervisor.py"), "--sizes", "60",
         "--rounds", "1"], capture_output=True, text=True, timeout=300, check=True, env=env)
    assert list(scratch.iterdir()) == []
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ") and " s |" in line]
    assert len(rows) == 1 and "(12 weeks)" in rows[0]


def _bench_module():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import bench_report
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return bench_report


BEFORE = """# Benchmark results

| interviews | report (process) | peak memory | floor | report / floor | naive | naive / report |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| 1,040 | 0.81 s | 100 MB | 0.27 s | 2.98x | 0.99 s | 1.2x |
| 9,915 | 3.46 s | 215 MB | 2.56 s | 1.63x | not run |  |

| interviews | read | load+validate | rules | reports | export |
| ---: | ---: | ---: | ---: | ---: | ---: |
| 1,040 | 0.013 | 0.079 | 0.001 | 0.035 | 0.290 |
| 9,915 | 0.201 | 1.079 | 0.002 | 0.115 | 2.503 |

| interviews | upload-to-tables | CLI read+compute | ratio | refresh: new date | refresh: worker |
| ---: | ---: | ---: | ---: | ---: | ---: |
| 9,915 | 0.493 | 0.747 | 0.66x | 0.147 | 0.097 |
"""


def test_bench_reads_the_figures_before(tmp_path):
    before = tmp_path / "BEFORE.md"
    before.write_text(BEFORE, encoding="utf-8")
    earlier = _bench_module().read_before(before)
    assert earlier == {1040: {"ratio": 2.98, "load": 0.013 + 0.079},
                       9915: {"ratio": 1.63, "load": 0.201 + 1.079}}


def test_bench_prints_loading_and_ratio_beside_the_ones_before():
    bench = _bench_module()
    rows = [{"interviews": 9915, "e2e": 4.2, "floor": 3.0,
             "stages": {"read": 0.15, "load+validate": 0.35}},
            {"interviews": 99_690, "e2e": 30.0, "floor": 25.0,
             "stages": {"read": 1.5, "load+validate": 3.5}}]
    lines = bench.compared(rows, {9915: {"ratio": 1.63, "load": 1.28}})
    assert lines[-1] == "| 9,915 | 1.280 s | 0.500 s | 1.63x | 1.40x |"
    assert len([line for line in lines if line.startswith("| 9")]) == 1  # 99,690: not before
    assert bench.compared(rows, {1040: {"ratio": 2.98, "load": 0.09}}) == []


def test_calendar_benchmark_runs(tmp_path):
    scratch, env = _scratch(tmp_path)
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_calendar.py"), "--sizes", "60",
         "--rounds", "1"], capture_output=True, text=True, timeout=300, check=True, env=env)
    assert list(scratch.iterdir()) == []
    lines = done.stdout.splitlines()
    assert lines[0] == ("| interviews | To Do actions | events | calendar end to end (s) | "
                        ".ics only (s) |")
    actions, events = (int(x.replace(",", "")) for x in lines[2].split("|")[2:4])
    assert 0 < events <= actions  # one event per client per day holds one or more
