"""Recording into the loaded caseload itself, for the dashboard (SPEC §8).

The dashboard marks actions done and must show the lists recomputed at once,
without writing and re-reading a workbook. :class:`MemoryPlaces` is the
recording strategy whose "sheets" are the caseload's own tables (interviews,
interviewers, calls, applications) and whose rows are positions in them;
:func:`apply_in_memory` plans with the same matching as ``followkit record``
(so refusals and "already recorded" are the same) and returns a new
:class:`~followkit.reading.load.Caseload`. The caseload given is never changed.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pandas as pd

from followkit.core import schema as s
from followkit.reading.load import Caseload
from followkit.recording.places import Places, Row
from followkit.recording.plan import AddRow, Edit, Filled, Plan, SetCell
from followkit.recording.record import CaseloadIndex, plan_record


class MemoryPlaces(Places):
    """Where each record goes in the caseload's tables (positions, canonical columns)."""

    def __init__(self) -> None:  # no sheets: the tables are the caseload's
        self._added = {}

    def decision_date(self, row: Row, value: date, source: str) -> list[Edit]:
        return [SetCell("interviews", row["_pos"], s.DECISION_DATE, pd.Timestamp(value),
                        source)]

    def references(self, row: Row, done: date, source: str) -> list[Edit]:
        return [SetCell("interviews", row["_pos"], s.REFERENCES_ALERTED, True, source),
                SetCell("interviews", row["_pos"], s.REFERENCES_ALERTED_DATE,
                        pd.Timestamp(done), source)]

    def outcome(self, row: Row, outcome: str, source: str) -> list[Edit]:
        return [SetCell("interviews", row["_pos"], s.OUTCOME, outcome, source)]

    def thank_you(self, person: Row, everyone: Any, done: date, source: str) -> list[Edit]:
        return [SetCell("interviewers", person["_pos"], s.THANK_YOU_SENT, True, source),
                SetCell("interviewers", person["_pos"], s.THANK_YOU_DATE, pd.Timestamp(done),
                        source)]

    def interviewer_names(self, row: Row, names: list[str], source: str) -> list[Edit]:
        from followkit.recording.lists import check_latest_round

        check_latest_round(row)  # refused as the file's strategy refuses it
        return [AddRow("interviewers", {
            s.INTERVIEW_ID: row[s.INTERVIEW_ID], s.INTERVIEWER: name, s.EMAIL: "",
            s.THANK_YOU_SENT: False, s.THANK_YOU_DATE: pd.NaT, s.SHEET: row[s.SHEET],
            s.ROW: row[s.ROW], "_name_col": "", "_email_col": "", "_thank_col": ""}, source)
            for name in names]

    def call(self, row: Row, done: date, result: str, source: str) -> list[Edit]:
        return [AddRow("calls", {s.INTERVIEW_ID: row[s.INTERVIEW_ID],
                                 s.CALL_DATE: pd.Timestamp(done), s.RESULT: result,
                                 s.SHEET: row[s.SHEET], s.ROW: row[s.ROW], "_col": ""}, source)]

    def application(self, row: Row, done: date, employer: str, source: str) -> list[Edit]:
        return [AddRow("applications", {
            s.CLIENT_ID: row[s.CLIENT_ID], s.APPLICATION_DATE: pd.Timestamp(done),
            s.EMPLOYER: employer, s.POSITION: "", s.SHEET: row[s.SHEET], s.ROW: row[s.ROW],
            "_col": ""}, source)]


def apply_in_memory(caseload: Caseload, filled: list[Filled], *,
                    index: CaseloadIndex | None = None) -> tuple[Caseload, Plan]:
    """A new caseload with ``filled`` recorded, and the plan (refused, already done).

    Only the tables touched are copied; the links between them
    (:attr:`Caseload.keys`) are resolved again for the new caseload.
    """
    plan = plan_record(caseload, MemoryPlaces(), filled, index=index)
    tables: dict[str, pd.DataFrame] = {}
    added: dict[str, list[dict[str, Any]]] = {}

    def table(name: str) -> pd.DataFrame:
        if name not in tables:
            tables[name] = getattr(caseload, name).copy()
        return tables[name]

    for edit in plan.edits:
        if isinstance(edit, SetCell):
            frame = table(edit.sheet)
            frame.iloc[edit.row, _position(frame.columns, edit.column)] = edit.value
        else:
            added.setdefault(edit.sheet, []).append(edit.values)
    for name, rows in added.items():
        frame = table(name)
        new = pd.DataFrame(rows, columns=frame.columns)
        tables[name] = pd.concat([frame, new.astype(frame.dtypes.to_dict())],
                                 ignore_index=True) if len(frame) else new
    if not tables:
        return caseload, plan
    return dataclasses.replace(
        caseload, interviews=tables.get("interviews", caseload.interviews),
        interviewers=tables.get("interviewers", caseload.interviewers),
        calls=tables.get("calls", caseload.calls),
        applications=tables.get("applications", caseload.applications)), plan


def _position(columns: pd.Index, name: str) -> int:
    """The position of column ``name`` (the caseload's columns are unique)."""
    where = columns.get_loc(name)
    if not isinstance(where, int):
        raise ValueError(f"column {name!r} is not unique in the caseload")
    return where

