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
         "--rounds", "1", "--engine-times", "2", "--out", str(out)],
        capture_output=True, text=True, timeout=300, check=True, env=env)
    assert list(scratch.iterdir()) == []
    text = out.read_text()
    assert "| interviews | report (process) | peak memory | floor |" in text
    assert "Engine alone" in text and "Start-up" in text
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
