"""Where records go in the trackers people really keep (SPEC §2.1, §8).

:class:`ListPlaces` extends the template/flat strategy of
:mod:`followkit.recording.places`, deciding per sheet:

- **activity logs** (a type column next to one date column): a follow-up call,
  a thank-you or a job application is a new row of the log, in its own columns
  (its date, its type with the word the log already uses for such events, the
  employer, position and client), read back by :mod:`followkit.reading.activity_links`;
- **lists of applications** (an application-date column, one person's list or
  a caseload): a job application is a new row of the list;
- **stage-column trackers**: the rows are applications and the stage columns
  their rounds; interviewer names and thank-yous belong to the row's latest
  round, so names for an earlier round are refused with advice;
- everything else (decision date, references, outcome, calls outside an
  activity log, names) goes to the interview's row as in the flat layout,
  columns added where the sheet has none (said in the log).

See the table in docs/recording.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import pandas as pd

from followkit.core import schema as s
from followkit.reading.activity_links import CALL_KIND, THANK_YOU_KIND, interviewer_labels
from followkit.reading.sheets import TableSheet
from followkit.reading.values import cell_text
from followkit.reading.vocab import activity_kind, word_key
from followkit.recording.places import Refused, Row, TemplatePlaces
from followkit.recording.plan import AddRow, Edit

# The words written in an activity log's type column when it has none of its own.
DEFAULT_WORDS = {CALL_KIND: "Follow-up call", THANK_YOU_KIND: "Thank-you sent",
                 "application": "Applied for job"}


def is_activity_log(ts: TableSheet) -> bool:
    """A sheet whose rows are events: a type column and its date column."""
    return s.ACTIVITY in ts.columns and s.ACTIVITY_DATE in ts.columns


def is_list(ts: TableSheet) -> bool:
    """A SPEC §2.1 list (applications and interviews, or stage columns)."""
    return bool(ts.stages) or ts.one_person or ts.listing or is_activity_log(ts)


class ListPlaces(TemplatePlaces):
    """The strategy for workbooks holding SPEC §2.1 lists (and §2 sheets beside them).

    ``interviews`` (the caseload's, set by :func:`followkit.recording.record.tracker_places`)
    lets a new activity-log row be checked to link back to its own interview.
    """

    interviews: pd.DataFrame | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._words: dict[str, dict[str, str]] = {}  # each log's own word per kind
        self._keyed: dict[str, pd.DataFrame] = {}  # each sheet's interviews, employer keys

    def _check_link(self, ts: TableSheet, interview_id: str, done: date) -> None:
        """Refuse a call/thank-you row that the reader would link to another interview
        (:mod:`followkit.reading.activity_links`: same client and employer, latest on or before)."""
        if self.interviews is None:
            return
        iv = self._keyed.get(ts.sheet)
        if iv is None:
            iv = self.interviews[(self.interviews[s.SHEET] == ts.sheet)
                                 & ~self.interviews["_later_round"].astype(bool)]
            iv = self._keyed[ts.sheet] = iv.assign(_employer=iv[s.EMPLOYER].map(word_key))
        mine = iv[iv[s.INTERVIEW_ID] == interview_id]
        if mine.empty:
            return
        me = mine.iloc[0]
        if not word_key(me[s.EMPLOYER]):
            raise Refused("the interview has no employer in the activity log, so a new row "
                          "could not be linked to it; type the employer in its row first")
        same = iv[(iv[s.CLIENT_ID] == me[s.CLIENT_ID])
                  & (iv["_employer"] == word_key(me[s.EMPLOYER]))
                  & (iv[s.INTERVIEW_DATE] <= pd.Timestamp(done))]
        latest = same[same[s.INTERVIEW_DATE] == same[s.INTERVIEW_DATE].max()]
        if len(latest) != 1 or latest.iloc[0][s.INTERVIEW_ID] != interview_id:
            other = latest[latest[s.INTERVIEW_ID] != interview_id].iloc[0]
            raise Refused(
                f"the activity log has another interview of {me[s.CLIENT_ID]!r} at "
                f"{me[s.EMPLOYER]!r} ({other[s.INTERVIEW_ID]}, "
                f"{pd.Timestamp(other[s.INTERVIEW_DATE]).date()}): a new row could not "
                "say which interview it follows; note this one in the log yourself")

    def _sheet(self, row: Row) -> TableSheet | None:
        ts = self.tables.get(row[s.SHEET])
        return ts if ts is not None and ts.table is s.INTERVIEWS else None

    def _word(self, ts: TableSheet, kind: str) -> str:
        """The word this log already uses for ``kind`` of event, else the default one."""
        words = self._words.get(ts.sheet)
        if words is None:
            info = self.sheets.sheets[ts.sheet]
            label = ts.columns[s.ACTIVITY]
            words = {}
            for excel_row in range(ts.header_row + 1, len(info.rows) + 1):
                text = cell_text(info.value(excel_row, label)).strip()
                if text:
                    words.setdefault(activity_kind(text), text)
            self._words[ts.sheet] = words
        return words.get(kind, DEFAULT_WORDS[kind])

    def _new_row(self, ts: TableSheet, row: Row, done: date) -> dict[str, Any]:
        """A new row of ``ts`` about the same client and job as ``row``, dated ``done``."""
        date_field = s.ACTIVITY_DATE if is_activity_log(ts) else s.APPLICATION_DATE
        values: dict[str, Any] = {ts.columns.get(date_field, date_field): done}
        for name in (s.CLIENT_ID, s.CLIENT_NAME, s.WORKER, s.EMPLOYER, s.POSITION):
            if name in ts.columns and cell_text(row.get(name, "")):
                values[ts.columns[name]] = row[name]
        return values

    def _event(self, ts: TableSheet, row: Row, done: date, kind: str,
               more: dict[str, Any], source: str, note: str) -> list[Edit]:

        if kind in (CALL_KIND, THANK_YOU_KIND):
            self._check_link(ts, row[s.INTERVIEW_ID], done)
        values = self._new_row(ts, row, done)
        values[ts.columns[s.ACTIVITY]] = self._word(ts, kind)
        values.update(more)
        return [AddRow(ts.sheet, values, source, note)]

    def call(self, row: Row, done: date, result: str, source: str) -> list[Edit]:
        ts = self._sheet(row)
        if ts is None or not is_activity_log(ts):
            return super().call(row, done, result, source)
        more = {ts.columns.get(s.NOTES, s.NOTES): result} if result else {}
        return self._event(ts, row, done, CALL_KIND, more, source,
                           "a new row of the activity log")

    def thank_you(self, person: Row, everyone: Sequence[Row], done: date,
                  source: str) -> list[Edit]:
        ts = self.tables.get(person[s.SHEET])
        if ts is None or ts.table is not s.INTERVIEWS or not is_activity_log(ts):
            return super().thank_you(person, everyone, done, source)
        label = person["_name_col"] or next(iter(interviewer_labels(ts)), "Interviewer 1")
        interview = {name: "" for name in (s.CLIENT_ID, s.CLIENT_NAME, s.WORKER)}
        interview[s.INTERVIEW_ID] = person[s.INTERVIEW_ID]
        interview.update(self._interview_cells(ts, int(person[s.ROW])))
        return self._event(ts, interview, done, THANK_YOU_KIND,
                           {label: "" if person[s.INTERVIEWER] == s.UNNAMED_INTERVIEWER
                            else person[s.INTERVIEWER]}, source,
                           "a new row of the activity log")

    def _interview_cells(self, ts: TableSheet, excel_row: int) -> dict[str, Any]:
        info = self.sheets.sheets[ts.sheet]
        return {name: info.value(excel_row, label) for name, label in ts.columns.items()
                if name in (s.CLIENT_ID, s.CLIENT_NAME, s.WORKER, s.EMPLOYER, s.POSITION)}

    def application(self, row: Row, done: date, employer: str,
                    source: str) -> list[Edit]:

        ts = self._sheet(row)
        if ts is None or not is_list(ts) or self._linked(s.JOB_SEARCH) is not None or not (
                is_activity_log(ts) or s.APPLICATION_DATE in ts.columns):
            return super().application(row, done, employer, source)
        base = {name: row[name] for name in (s.CLIENT_ID, s.CLIENT_NAME, s.WORKER)}
        base[s.EMPLOYER] = employer
        if is_activity_log(ts):
            return self._event(ts, base, done, "application", {}, source,
                               "a new row of the activity log")
        values = self._new_row(ts, base, done)
        return [AddRow(ts.sheet, values, source, "a new row of the list")]

    def interviewer_names(self, row: Row, names: list[str], source: str) -> list[Edit]:
        check_latest_round(row)
        return super().interviewer_names(row, names, source)


def check_latest_round(row: Row) -> None:
    """Refuse names for an earlier round of a staged application (no place for them)."""
    if row.get("_later_round"):
        raise Refused(
            f"interviewer names for an earlier round ({row[s.INTERVIEW_ID]}) have no "
            "place in this tracker: its interviewer columns hold the names of "
            "the row's latest round; note them in the row's notes yourself")
