"""Time the engine alone: rules.evaluate + build_report + report.tables().

On ~10 000 interviews (``make_sample(n_clients=4000, seed=7)``), as of
Fri 20 Nov 2026, median of 5 runs; the tracker is loaded once, before timing.

    python benchmarks/bench_engine.py
"""

from __future__ import annotations

import statistics
import time
from datetime import date

AS_OF = date(2026, 11, 20)


def main(repeat: int = 5) -> dict[str, float]:
    from followkit.datasets import make_sample, sample_bytes
    from followkit.reading.load import load_caseload_bytes
    from followkit.report.build import build_report
    from followkit.rules.engine import evaluate

    data = sample_bytes(make_sample(n_clients=4000, seed=7, as_of=AS_OF))
    caseload = load_caseload_bytes("big.xlsx", data, as_of=AS_OF)
    times: dict[str, list[float]] = {"evaluate": [], "build_report": [], "tables": [],
                                     "total": []}
    for _ in range(repeat):
        t0 = time.perf_counter()
        actions = evaluate(caseload, as_of=AS_OF)
        t1 = time.perf_counter()
        report = build_report(caseload, actions, as_of=AS_OF)
        t2 = time.perf_counter()
        report.tables()
        t3 = time.perf_counter()
        for key, value in zip(times, (t1 - t0, t2 - t1, t3 - t2, t3 - t0), strict=True):
            times[key].append(value)
    medians = {k: statistics.median(v) for k, v in times.items()}
    print(f"{len(caseload.interviews)} interviews, {len(actions)} actions; median (min) of "
          f"{repeat}:")
    for key, value in medians.items():
        print(f"  {key:13} {value * 1000:8.1f} ms ({min(times[key]) * 1000:.1f})")
    return medians


if __name__ == "__main__":
    import sys

    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
