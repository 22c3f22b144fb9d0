"""Dates written by machines (issue #21, item 6): the day written, time and zone dropped."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followkit.reading.values import parse_date_cell

DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
TIMES = st.times()
ZONES = st.sampled_from(["GMT+0530 (India Standard Time)", "GMT-0800 (Pacific Standard "
                         "Time)", "GMT+0000 (Coordinated Universal Time)", "GMT+0100"])


@given(DAYS, TIMES, ZONES)
def test_javascript_date_to_string(day, at, zone):
    text = f"{datetime.combine(day, at):%a %b %d %Y %H:%M:%S} {zone}"
    assert parse_date_cell(text, "MDY").value == day


@given(DAYS, TIMES, st.sampled_from(["Z", "+05:30", "-08:00", "+0000"]))
def test_iso_with_time_and_zone(day, at, zone):
    text = f"{datetime.combine(day, at).isoformat(timespec='milliseconds')}{zone}"
    assert parse_date_cell(text, "DMY").value == day


@given(DAYS, TIMES, st.sampled_from(["+0000", "-0500", "GMT", "UTC", "EST"]))
def test_rfc_2822(day, at, zone):
    text = f"{datetime.combine(day, at):%a, %d %b %Y %H:%M:%S} {zone}"
    assert parse_date_cell(text, "DMY").value == day


@given(DAYS)
def test_javascript_to_date_string(day):
    assert parse_date_cell(f"{day:%a %b %d %Y}", "DMY").value == day


@pytest.mark.parametrize("text", ["Fri Oct 32 2026 05:30:00 GMT+0530", "2026-13-01T00:00Z",
                                  "Tue, 31 Feb 2026 09:15:00 +0000"])
def test_impossible_machine_dates_are_errors(text):
    cell = parse_date_cell(text, "DMY")
    assert cell.value is None and cell.severity == "error"


def test_a_time_alone_is_no_date():
    assert parse_date_cell(time(10, 0).isoformat(), "DMY").value is None
