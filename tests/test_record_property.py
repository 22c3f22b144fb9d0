"""Property: recording random filled-in rows into random trackers (SPEC §8).

Every cell not recorded is unchanged (value, formula, number format, style),
every logged cell is the one that changed, and the next report, made by
followkit's own pipeline from the updated copy, shows each recorded action done.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import openpyxl
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followkit.datasets import make_sample, to_flat
from followkit.pipeline import run_report
from followkit.reading.load import load_caseload
from followkit.recording.record import record
from followkit.recording.write import LOG_SHEET
from followkit.report.workbook import CALL_RESULTS, write_tracker
from followkit.rules import engine as r
from followkit.rules.engine import compute_actions
from tests.recording import changed_cells, fill_report, snapshot

AS_OF = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)
SHEETS = ("Thank-Yous", "Calls", "References", "Decision Dates", "Job Search")


def _value(action: str, draw: st.DrawFn) -> object:
    return {r.ASK_DECISION: datetime(2026, 12, 1), r.GET_NAMES: "Test Person",
            r.FOLLOW_UP_CALL: draw(st.sampled_from(CALL_RESULTS)),
            r.KEEP_HUNTING: "Harbour Hotel"}.get(action)


@st.composite
def scenarios(draw: st.DrawFn) -> dict:
    return {"seed": draw(st.integers(0, 10_000)), "clients": draw(st.integers(2, 6)),
            "flat": draw(st.booleans()), "picks": draw(st.lists(
                st.tuples(st.sampled_from(SHEETS), st.integers(0, 50)), min_size=1,
                max_size=5)), "draw": draw}



def _logged_cells(path: Path) -> set[tuple[str, int, int]]:
    wb = openpyxl.load_workbook(path)
    out = set()
    for _when, sheet, row, column, _old, _new, _from in wb[LOG_SHEET].iter_rows(
            min_row=2, values_only=True):
        header = [c.value for c in wb[sheet][1]]
        position = header.index(column) + 1 if column in header else \
            openpyxl.utils.column_index_from_string(column)  # an added column's header
        out.add((sheet, row, position))
    return out


def _check_done(item: dict, actions: pd.DataFrame, caseload: object) -> None:
    action, iid = item["Action"], item["Interview ID"]
    mine = actions[(actions[r.ACTION] == action) & (actions["Interview ID"] == (iid or ""))]
    if action in (r.SEND_THANK_YOU, r.ALERT_REFERENCES, r.ASK_DECISION):
        if action == r.SEND_THANK_YOU:
            mine = mine[mine["Interviewer"] == item["Interviewer"]]
        assert mine[r.STATUS].tolist() == [r.DONE], item
    elif action == r.GET_NAMES:
        people = caseload.interviewers
        assert "Test Person" in set(people.loc[people["Interview ID"] == iid, "Interviewer"])
        assert r.GET_NAMES not in set(actions.loc[actions["Interview ID"] == iid, r.ACTION])
    elif action == r.FOLLOW_UP_CALL:
        assert mine[r.LAST_CALL].tolist() == [pd.Timestamp(AS_OF)], item
    else:
        hunt = actions[(actions[r.ACTION] == r.KEEP_HUNTING)
                       & (actions["Client ID"] == item["Client ID"])]
        assert set(hunt[r.DUE_DATE]) <= {pd.Timestamp(AS_OF + timedelta(days=7))}, item


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(scenarios())
def test_only_recorded_cells_change_and_the_next_report_shows_them_done(case: dict) -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        sample = make_sample(n_clients=case["clients"], seed=case["seed"], as_of=AS_OF)
        tables = {"Interviews": to_flat(sample)} if case["flat"] else sample.tables()
        tracker = write_tracker(tables, tmp / "tracker.xlsx")
        _fill_record_check(tmp, tracker, case)


def _fill_record_check(tmp: Path, tracker: Path, case: dict) -> None:
    """Fill the picked report rows, record, and check the cells and the next report."""
    report = tmp / "report.xlsx"
    run_report(tracker, as_of=AS_OF, output=report)
    wb = openpyxl.load_workbook(report, read_only=True)
    sizes = {name: wb[name].max_row - 1 for name in SHEETS}
    wb.close()
    fills, seen = [], set()
    for sheet, n in case["picks"]:
        if sizes[sheet] <= 0 or (sheet, n % sizes[sheet]) in seen:
            continue
        seen.add((sheet, n % sizes[sheet]))
        index = n % sizes[sheet]
        fills.append((sheet, index))
    if not fills:
        return
    plans = []
    for sheet, index in fills:
        counter = {"n": -1}

        def pick(row: dict, counter: dict = counter, index: int = index) -> bool:
            counter["n"] += 1
            return counter["n"] == index
        plans.append((sheet, pick))
    filled_path = tmp / "filled.xlsx"
    rows = fill_report(report, filled_path, [
        (sheet, pick, datetime(2026, 11, 20), None) for sheet, pick in plans])
    values = [_value(row["Action"], case["draw"]) for row in rows]
    fill_report(filled_path, filled_path, [
        (sheet, lambda row, want=row: row == {**want, "Done On": datetime(2026, 11, 20)},
         None, value) for (sheet, _), row, value in zip(plans, rows, values, strict=True)])
    before = snapshot(tracker)
    result = record(tracker, filled_path, now=NOW)
    assert result.refused == []
    after = snapshot(result.output)
    assert changed_cells(before, after) == _logged_cells(result.output)
    caseload = load_caseload(result.output)
    actions = compute_actions(caseload, as_of=AS_OF)
    for row in rows:
        _check_done(row, actions, caseload)


EMPLOYERS = ("Tulip Bakery", "Vale Parks", "Umbra Security", "Wisp Cafe", "Yew Florist")
FIRST = ("Ana", "Omar", "Mei", "Kai", "Noor")


@st.composite
def activity_logs(draw: st.DrawFn) -> list[list[object]]:
    """An activity log of synthetic clients: applications, interviews, calls, fairs."""
    rows: list[list[object]] = []
    for i in range(draw(st.integers(1, 4))):
        client = f"{FIRST[i]} Test"
        # One event per employer and client: two interviews at one employer cannot be
        # told apart by a new row (refused, tests/test_record_places.py).
        for employer in draw(st.lists(st.sampled_from(EMPLOYERS), min_size=1, max_size=3,
                                      unique=True)):
            day = date(2026, 11, 1) + timedelta(days=draw(st.integers(0, 18)))
            kind = draw(st.sampled_from(["Applied online", "Interview", "Interview",
                                         "Called employer", "Job fair"]))
            who = draw(st.sampled_from(["", "Rosa Vidal", "Tom Hale"])) if kind == \
                "Interview" else ""
            rows.append([day, kind, client, employer, "Helper", who, ""])
    return [["Date of Activity", "Activity Type", "Client Name", "Employer", "Position",
             "Interviewer", "Notes"], *[[v if v != "" else None for v in row]
                                        for row in rows]]


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(activity_logs(), scenarios())
def test_activity_logs_only_recorded_cells_change(log: list[list[object]], case: dict) -> None:
    from tests.conftest import write_xlsx

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        _fill_record_check(tmp, write_xlsx(tmp / "log.xlsx", {"Log": log}), case)
