"""Recording into the real trackers of ../shared/realworld (SPEC §2.1, §8).

For every real tracker with an open thank-you (or "get interviewer names") or
follow-up call a week after its last interview: fill one of each in the report
as a worker would, record, and check that exactly the logged cells changed and
that the next report shows them done. A tracker with none of these: its report,
recorded as it is, is refused and nothing is written. Nothing of these files is copied into the
project: the expectations are computed from the report rows filled.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

from followkit.core.errors import FollowkitError
from followkit.pipeline import run_report
from followkit.reading.load import load_caseload
from followkit.recording.record import record
from followkit.recording.write import LOG_SHEET
from followkit.rules import engine as r
from followkit.rules.engine import compute_actions
from tests.recording import digest, fill_report, snapshot

REALWORLD = Path(__file__).resolve().parents[1].parent / "shared" / "realworld"
FILES = sorted(p.name for p in REALWORLD.glob("*") if p.suffix.lower() in (
    ".csv", ".xlsx", ".xlsm", ".xls", ".ods")) if REALWORLD.is_dir() else []
NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
PROBE = date(2026, 11, 29)
NAME = "Robin Testperson"  # a synthetic interviewer


def _when(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def _as_of(path: Path) -> date | None:
    """A week after the tracker's last evaluable interview (None: it has none)."""
    interviews = load_caseload(path, as_of=PROBE).evaluated
    if interviews.empty:
        return None
    return (interviews["Interview Date"].max() + timedelta(days=7)).date()


def _rows(report: Path, sheet: str) -> list[dict[str, Any]]:
    ws = openpyxl.load_workbook(report, read_only=True)[sheet]
    values = list(ws.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=False)) for row in values[1:]]


def _csv_cells(path: Path) -> tuple[list[str], dict[tuple[int, int], str]]:
    """The header and every non-empty field by (Excel row, position)."""
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    return rows[0], {(i, j): value for i, row in enumerate(rows, start=1)
                     for j, value in enumerate(row) if value != ""}


def _changed_and_logged(tracker: Path, output: Path) -> tuple[set[Any], set[Any]]:
    if tracker.suffix.lower() == ".csv":
        (_, before), (header, after) = _csv_cells(tracker), _csv_cells(output)
        changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
        log = list(csv.reader(io.StringIO(output.with_name(
            f"{output.stem}-log.csv").read_text(encoding="utf-8-sig"))))[1:]
        return changed, {(int(row[2]), header.index(row[3])) for row in log}
    old, new = snapshot(tracker), snapshot(output)
    changed = {(sheet, *key) for sheet, state in old.items()
               for key in set(state["cells"]) | set(new[sheet]["cells"])
               if state["cells"].get(key) != new[sheet]["cells"].get(key)}
    wb = openpyxl.load_workbook(output)
    logged = set()
    for row in wb[LOG_SHEET].iter_rows(min_row=2, values_only=True):
        header = [c.value for c in wb[row[1]][1]]
        column = header.index(row[3]) + 1 if row[3] in header else \
            openpyxl.utils.column_index_from_string(row[3])
        logged.add((row[1], row[2], column))
    return changed, logged


@pytest.mark.skipif(not FILES, reason="../shared/realworld is not here")
@pytest.mark.parametrize("name", FILES)
def test_record_into_a_real_tracker(name, tmp_path):
    tracker = REALWORLD / name
    as_of = _as_of(tracker) or PROBE
    report = tmp_path / "report.xlsx"
    run_report(tracker, as_of=as_of, output=report)
    thanks = [row for row in _rows(report, "Thank-Yous")
              if row["Action"] in (r.SEND_THANK_YOU, r.GET_NAMES)]
    calls = _rows(report, "Calls")
    if not thanks and not calls:
        # Nothing for a worker to fill in: the report, recorded as it is, changes nothing.
        before = digest(tracker)
        with pytest.raises(FollowkitError, match="nothing to record: no row of 'report.xlsx'"):
            record(tracker, report, now=NOW, output=tmp_path / f"updated{tracker.suffix}")
        assert digest(tracker) == before
        assert not (tmp_path / f"updated{tracker.suffix}").exists()
        return
    fills = []
    if thanks:
        send = [row for row in thanks if row["Action"] == r.SEND_THANK_YOU]
        first = (send or thanks)[0]
        fills.append(("Thank-Yous", lambda row, want=first: row == want, _when(as_of),
                      None if send else NAME))
    if calls:
        fills.append(("Calls", lambda row, want=calls[0]: row == want, _when(as_of),
                      "Left voicemail"))
    filled = tmp_path / "filled.xlsx"
    done = fill_report(report, filled, fills)
    hashes = digest(tracker), digest(filled)
    suffix = ".xlsx" if tracker.suffix.lower() in (".xls", ".ods") else tracker.suffix
    result = record(tracker, filled, now=NOW, output=tmp_path / f"updated{suffix}")
    assert (digest(tracker), digest(filled)) == hashes
    assert result.refused == []
    changed, logged = _changed_and_logged(tracker, result.output)
    assert changed == logged and changed
    after = compute_actions(load_caseload(result.output, as_of=as_of), as_of=as_of)
    before = compute_actions(load_caseload(tracker, as_of=as_of), as_of=as_of)
    for row in done:
        _check(row, before, after, as_of)
    for row in done:  # the names learned: their thank-you, recorded next
        if row["Action"] == r.GET_NAMES:
            _thank_the_named(row, result.output, as_of, tmp_path)


def _check(row: dict[str, Any], before: pd.DataFrame, after: pd.DataFrame,
           as_of: date) -> None:
    mine = after[after["Interview ID"] == row["Interview ID"]]
    if row["Action"] == r.FOLLOW_UP_CALL:
        was = before[(before["Interview ID"] == row["Interview ID"])
                     & (before[r.ACTION] == r.FOLLOW_UP_CALL)][r.CALLS_MADE].fillna(0)
        call = mine[mine[r.ACTION] == r.FOLLOW_UP_CALL]
        assert call[r.CALLS_MADE].tolist() == [int(was.iloc[0]) + 1]
        assert call[r.LAST_CALL].tolist() == [pd.Timestamp(as_of)]
    elif row["Action"] == r.SEND_THANK_YOU:
        thank = mine[(mine[r.ACTION] == r.SEND_THANK_YOU)
                     & (mine["Interviewer"] == row["Interviewer"])]
        assert thank[r.STATUS].tolist() == [r.DONE]
    else:
        assert r.GET_NAMES not in set(mine[r.ACTION])
        assert mine.loc[mine[r.ACTION] == r.SEND_THANK_YOU, "Interviewer"].tolist() == [NAME]


def _thank_the_named(row: dict[str, Any], tracker: Path, as_of: date, tmp_path: Path) -> None:
    report = tmp_path / "report2.xlsx"
    run_report(tracker, as_of=as_of, output=report)
    filled = tmp_path / "filled2.xlsx"
    done = fill_report(report, filled, [(
        "Thank-Yous", lambda r2: (r2["Interview ID"], r2["Interviewer"]) == (
            row["Interview ID"], NAME), _when(as_of), None)])
    result = record(tracker, filled, now=NOW, output=tmp_path / f"again{tracker.suffix}")
    assert result.refused == []
    changed, logged = _changed_and_logged(tracker, result.output)
    assert changed == logged and changed
    after = compute_actions(load_caseload(result.output, as_of=as_of), as_of=as_of)
    _check(done[0], after, after, as_of)
