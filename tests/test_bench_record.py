"""Smoke test of benchmarks/bench_record.py (a tiny tracker, one round) so it never rots."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_record_benchmark_runs_and_appends_its_table(tmp_path):
    out = tmp_path / "RESULTS.md"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_record.py"), "--sizes",
                    "80", "--rounds", "1", "--results", str(out)],
                   capture_output=True, text=True, timeout=300, check=True)
    lines = out.read_text().splitlines()
    assert lines[1].startswith("## record and calendar (")
    assert lines[3].startswith("| interviews | rows filled | record (s) | openpyxl load+save")
    row = lines[5].split("|")
    assert len(row) == 12 and len(lines[4].split("|")) == 12
    assert row[-2].strip().replace(".", "").isdigit()
