"""Benchmark of the dashboard's Mark done and Undo (issue #25), in-process.

For each tracker size (interviews, template layout made like bench_record.py):

- Mark done: one click (a thank-you, a call, a reference, in turn) to the lists
  recomputed and redrawn, the "Recorded: ..." line and Undo shown (the click's
  own time: what the worker waits for);
- the updated tracker ready: from the click to the link *Download updated
  tracker (N changes)* beside Mark done (made in a thread: the worker can read
  and mark meanwhile);
- Undo: one click to the lists back as they were, and its copy ready.

Median of --rounds clicks. Prints a table (and with --results, appends it to that file).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench_common import AS_OF, NOW, append_table, tracker_of  # noqa: E402

TABS = ("Thank-Yous", "Calls", "References")


def click(button: object, panel: object) -> tuple[float, float]:
    """Seconds to the click's return, and to the updated tracker's link ready."""
    start = time.perf_counter()
    button.click()  # type: ignore[attr-defined]
    shown = time.perf_counter() - start
    panel.wait()  # type: ignore[attr-defined]
    return shown, time.perf_counter() - start


def pick(panel: object, tab: str) -> None:
    """Pick the tab's first action that is not "Get interviewer names", done on AS_OF."""
    labels = [label for label, _ in panel.choice[tab].options]  # type: ignore[attr-defined]
    panel.choice[tab].value = next(  # type: ignore[attr-defined]
        k for k, label in enumerate(labels) if k and "Get interviewer names" not in label)
    panel.done_on[tab].value = AS_OF  # type: ignore[attr-defined]


def measure(tracker: Path, rounds: int) -> dict[str, float]:
    from followkit.dashboard.widgets import Dashboard

    board = Dashboard(today=AS_OF, now=lambda: NOW, as_of=AS_OF, input_path=tracker)
    panel = board.record_panel
    pick(panel, "References")
    click(panel.mark["References"], panel)  # one mark kept: Undo leaves a copy to make
    marked, undone = [], []
    for i in range(rounds):
        tab = TABS[i % len(TABS)]
        pick(panel, tab)
        marked.append(click(panel.mark[tab], panel))
        assert panel.message.value.count("Recorded: ") == 1, panel.message.value
        assert "Download updated tracker (2 changes)" in panel.saved.value
        undone.append(click(panel.undo_button, panel))
        assert "Undone: " in panel.message.value and len(panel.marks) == 1
        assert "Download updated tracker (1 change)" in panel.saved.value
    assert board.loaded is not None
    return {"interviews": len(board.loaded.caseload.interviews),
            "mark": statistics.median(m[0] for m in marked),
            "mark saved": statistics.median(m[1] for m in marked),
            "undo": statistics.median(u[0] for u in undone),
            "undo saved": statistics.median(u[1] for u in undone)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--results", type=Path, help="append the table to this file")
    args = parser.parse_args(argv)
    lines = ["| interviews | Mark done: lists and line (s) | Mark done: tracker ready (s) "
             "| Undo: lists and line (s) | Undo: tracker ready (s) |",
             "| ---: | ---: | ---: | ---: | ---: |"]
    with tempfile.TemporaryDirectory(prefix="followkit-bench-marks-") as folder:
        for n in args.sizes:
            m = measure(tracker_of(n, Path(folder)), args.rounds)
            lines.append(f"| {m['interviews']:,} | {m['mark']:.3f} | {m['mark saved']:.2f} "
                         f"| {m['undo']:.3f} | {m['undo saved']:.2f} |")
            print(lines[-1], flush=True)
    table = "\n".join(lines)
    print(table)
    append_table(args.results, "Mark done and Undo", table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
