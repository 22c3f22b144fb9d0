"""Smoke test of benchmarks/bench_marks.py (a tiny tracker, one round) so it never rots."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_marks_benchmark_runs_and_appends_its_table(tmp_path):
    out = tmp_path / "RESULTS.md"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_marks.py"), "--sizes",
                    "80", "--rounds", "1", "--results", str(out)],
                   capture_output=True, text=True, timeout=300, check=True)
    lines = out.read_text().splitlines()
    assert lines[1].startswith("## Mark done and Undo (")
    assert lines[3] == ("| interviews | Mark done: lists and line (s) | Mark done: tracker "
                        "ready (s) | Undo: lists and line (s) | Undo: tracker ready (s) |")
    row = [cell.strip() for cell in lines[5].split("|")[1:-1]]
    assert len(row) == 5 and all(cell.replace(".", "").replace(",", "").isdigit()
                                 for cell in row)
