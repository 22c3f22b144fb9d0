"""The naive baseline: what a notebook user would write with plain pandas.

``pd.read_excel`` with openpyxl, the due dates with ``DataFrame.apply(axis=1)``
and pandas' ``CustomBusinessDay``, and ``to_excel`` through openpyxl of the
same tables the report has.
"""

from __future__ import annotations

import os
import time
from datetime import date

import holidays
import pandas as pd
from pandas.tseries.offsets import CustomBusinessDay


def _clock() -> float:
    """Wall seconds, or CPU seconds under ``bench_report.py --cpu``."""
    cpu = os.environ.get("FOLLOWKIT_BENCH_CLOCK") == "cpu"
    return time.process_time() if cpu else time.perf_counter()


def run(source: str, out: str, as_of: date, tables: dict[str, pd.DataFrame]) -> dict[str, float]:
    t0 = _clock()
    sheets = pd.read_excel(source, sheet_name=None, engine="openpyxl")
    t1 = _clock()
    hol = holidays.country_holidays("CA", subdiv="ON", years=range(2024, 2030))
    bday = CustomBusinessDay(holidays=list(hol.keys()))
    interviews = sheets["Interviews"]

    def due(row: pd.Series) -> pd.Series:
        value = row["Interview Date"]
        day = None if isinstance(value, str) or pd.isna(value) else pd.Timestamp(value)
        if day is None:
            return pd.Series({"thank_you_due": pd.NaT, "references_due": pd.NaT,
                              "call_due": pd.NaT})
        next_bday = day + bday  # the next business day after the interview
        call = day + pd.Timedelta(days=7)
        if pd.notna(row["Decision Date"]) and not isinstance(row["Decision Date"], str):
            call = min(call, pd.Timestamp(row["Decision Date"]))
        call = bday.rollforward(call)
        return pd.Series({"thank_you_due": next_bday, "references_due": next_bday,
                          "call_due": max(call, next_bday)})

    interviews = interviews.join(interviews.apply(due, axis=1))
    status = interviews.apply(
        lambda row: "Overdue" if pd.notna(row["call_due"]) and row["call_due"].date() < as_of
        else "Upcoming", axis=1)
    interviews["status"] = status
    t2 = _clock()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name, frame in tables.items():
            frame.to_excel(writer, sheet_name=name, index=False)
    t3 = _clock()
    return {"read": t1 - t0, "rules": t2 - t1, "write": t3 - t2, "total": t3 - t0}
