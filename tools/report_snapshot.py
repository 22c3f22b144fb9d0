"""Fingerprints of the report's tables, to show a refactoring changed no figure.

For three trackers (the bundled sample, its flat one-sheet form, and a
10 000-interview synthetic tracker), three as-of dates, and with and without a
worker filter, every table of the report (Summary, the action lists with their
texts, Clients, Interviews, Applications, Data Issues, Supervisor, the counts)
is written as CSV and hashed with SHA-256.

    python tools/report_snapshot.py            # write tests/data/report_snapshot.json
    python tools/report_snapshot.py --check    # compare, print what differs

``tests/test_unchanged.py`` runs the check in ``make test``. Regenerate the file
only for a change that is meant to change what the report says, and say so in
the commit message.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import tempfile
from datetime import date
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "tests" / "data" / "report_snapshot.json"
DATES = (date(2026, 10, 15), date(2026, 11, 20), date(2026, 12, 24))
BIG_CLIENTS = 4000  # ~10 000 interviews (make_sample: ~2.5 per client)


def _digest(frame: pd.DataFrame) -> str:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=True, lineterminator="\n", date_format="%Y-%m-%d")
    text = "|".join(map(str, frame.columns)) + "\n" + buffer.getvalue()
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _trackers(folder: Path) -> dict[str, Path]:
    from followkit.datasets import make_sample, sample_bytes, to_flat
    from followkit.report.workbook import write_tracker

    sample = ROOT / "data" / "sample_tracker.xlsx"
    flat = folder / "flat.xlsx"
    seeded = make_sample(n_clients=60, seed=2026, as_of=date(2026, 11, 20))
    write_tracker({"Tracker": to_flat(seeded)}, flat)
    big = folder / "big.xlsx"
    big.write_bytes(sample_bytes(make_sample(n_clients=BIG_CLIENTS, seed=7,
                                             as_of=date(2026, 11, 20))))
    return {"sample": sample, "flat": flat, "big": big}


def fingerprints() -> dict[str, dict[str, str]]:
    """{case: {table: digest}} for every tracker, date and worker filter."""
    from followkit.session.session import Session

    out: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory(prefix="followkit-snapshot-") as tmp:
        for name, path in _trackers(Path(tmp)).items():
            for as_of in DATES:
                session = Session.open(path, as_of=as_of)  # as `followkit report` reads it
                worker = sorted(session.caseload.interviews["Worker"].unique())[0]
                for label, workers in (("all", None), (worker, [worker])):
                    report = session.report(as_of, workers=workers)
                    tables = {"Summary": report.summary, "counts": report.counts(),
                              **report.tables()}
                    info = pd.DataFrame([row for row in report.info
                                         if not row[0].startswith("Generated")])
                    tables["info"] = info
                    out[f"{name} {as_of} {label}"] = {
                        key: _digest(frame) for key, frame in tables.items()}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the saved file")
    args = parser.parse_args(argv)
    now = fingerprints()
    if not args.check:
        SNAPSHOT.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n")
        print(f"wrote {SNAPSHOT} ({len(now)} cases)")
        return 0
    saved = json.loads(SNAPSHOT.read_text())
    differs = [f"{case}: {table}" for case in sorted(set(saved) | set(now))
               for table in sorted(set(saved.get(case, {})) | set(now.get(case, {})))
               if saved.get(case, {}).get(table) != now.get(case, {}).get(table)]
    print("\n".join(differs) or f"all {len(now)} cases unchanged")
    return 1 if differs else 0


if __name__ == "__main__":
    sys.exit(main())
