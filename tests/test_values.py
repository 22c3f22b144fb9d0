from datetime import date, datetime

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from followkit.reading.statuses import outcomes_of, parse_statuses
from followkit.reading.values import (
    cell_text,
    has_control,
    parse_date_cell,
    parse_dates,
    parse_yes_no,
    text_column,
)


@pytest.mark.parametrize(
    ("cell", "order", "expected", "severity"),
    [
        (date(2026, 11, 20), "DMY", date(2026, 11, 20), None),
        (datetime(2026, 11, 20, 14, 30), "DMY", date(2026, 11, 20), None),
        ("2026-11-20", "DMY", date(2026, 11, 20), None),
        ("2026-11-20 09:00:00", "DMY", date(2026, 11, 20), None),
        ("20/11/2026", "DMY", date(2026, 11, 20), None),
        ("20.11.2026", "DMY", date(2026, 11, 20), None),
        ("20-11-26", "DMY", date(2026, 11, 20), None),
        ("11/20/2026", "MDY", date(2026, 11, 20), None),
        ("05/03/2024", "DMY", date(2024, 3, 5), "warning"),
        ("05/03/2024", "MDY", date(2024, 5, 3), "warning"),
        ("05/05/2024", "DMY", date(2024, 5, 5), None),
        ("11/20/2026", "DMY", date(2026, 11, 20), "warning"),
        ("2026/11/20", "DMY", date(2026, 11, 20), None),
        ("20 Nov 2026", "DMY", date(2026, 11, 20), None),
        ("November 20, 2026", "DMY", date(2026, 11, 20), None),
        ("Fri 20 Nov 2026", "DMY", date(2026, 11, 20), None),
        (46346.0, "DMY", date(2026, 11, 20), None),
        ("46346", "DMY", date(2026, 11, 20), None),
        ("", "DMY", None, None),
        ("   ", "DMY", None, None),
        ("31/02/2026", "DMY", None, "error"),
        ("next Tuesday", "DMY", None, "error"),
        (12.5, "DMY", None, "error"),
        (True, "DMY", None, "error"),
        (date(1900, 1, 1), "DMY", None, "error"),
    ],
)
def test_parse_date_cell(cell, order, expected, severity):
    parsed = parse_date_cell(cell, order)
    assert parsed.value == expected
    assert parsed.severity == severity


def test_ambiguous_date_message_names_both_readings():
    parsed = parse_date_cell("05/03/2024", "DMY")
    assert parsed.problem is not None
    assert "5 March 2024" in parsed.problem and "3 May 2024" in parsed.problem


def test_parse_dates_column_keeps_index_and_nat():
    raw = pd.Series(["2026-11-20", "soon", ""], index=[10, 11, 12], dtype=object)
    parsed = parse_dates(raw)
    assert parsed.values.index.tolist() == [10, 11, 12]
    assert parsed.values.tolist()[0] == pd.Timestamp("2026-11-20")
    assert parsed.values.isna().tolist() == [False, True, True]
    assert parsed.problems.tolist() == [None, "unreadable date 'soon'", None]


@pytest.mark.parametrize(
    ("cell", "done", "day", "severity"),
    [
        ("Y", True, None, None),
        ("yes", True, None, None),
        ("X", True, None, None),
        ("TRUE", True, None, None),
        (True, True, None, None),
        (1.0, True, None, None),
        ("\u2713", True, None, None),
        ("N", False, None, None),
        ("no", False, None, None),
        ("", False, None, None),
        (False, False, None, None),
        ("2026-11-21", True, date(2026, 11, 21), None),
        (date(2026, 11, 21), True, date(2026, 11, 21), None),
        ("maybe", False, None, "warning"),
    ],
)
def test_parse_yes_no(cell, done, day, severity):
    done_s, parsed = parse_yes_no(pd.Series([cell], dtype=object))
    assert bool(done_s.iloc[0]) is done
    got = parsed.values.iloc[0]
    assert (None if pd.isna(got) else got.date()) == day
    assert parsed.severities.iloc[0] == severity


@pytest.mark.parametrize(
    ("cell", "expected", "problem"),
    [
        ("", "Pending", None),
        ("pending", "Pending", None),
        ("OFFER", "Offer", None),
        ("Hired", "Hired", None),
        ("rejected", "Not Selected", None),
        ("Not selected", "Not Selected", None),
        ("withdrew", "Withdrawn", None),
        ("Hirred", "Pending", "did you mean 'Hired'?"),
        ("waiting on HR", "Pending", "unknown Outcome 'waiting on HR'"),
    ],
)
def test_outcomes_of_statuses(cell, expected, problem):
    parsed = parse_statuses(pd.Series([cell], dtype=object))
    assert outcomes_of(parsed.values).iloc[0] == expected
    if problem is None:
        assert parsed.problems.iloc[0] is None
    else:
        assert problem in parsed.problems.iloc[0]
        assert parsed.severities.iloc[0] == "warning"


@pytest.mark.parametrize(
    ("cell", "text"),
    [(123.0, "123"), ("007", "007"), (" 007 ", "007"), (None, ""), (float("nan"), ""),
     (True, "TRUE"), (date(2026, 1, 2), "2026-01-02"), (1.5, "1.5"), ("a\x0bb", "a\x0bb")],
)
def test_cell_text(cell, text):
    assert cell_text(cell) == text


def test_text_column_strips_control_characters():
    assert text_column(pd.Series(["Ana\x0b Lima", "ok"], dtype=object)).tolist() == [
        "Ana Lima", "ok"]


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)),
       st.sampled_from(["DMY", "MDY"]))
def test_every_iso_and_ordered_text_date_reads_back(day, order):
    assert parse_date_cell(day.isoformat(), order).value == day
    text = (f"{day.day:02d}/{day.month:02d}/{day.year}" if order == "DMY"
            else f"{day.month:02d}/{day.day:02d}/{day.year}")
    parsed = parse_date_cell(text, order)
    assert parsed.value == day
    # Only a date that reads two different ways is flagged.
    assert (parsed.severity == "warning") == (day.day <= 12 and day.day != day.month)


@pytest.mark.parametrize(
    ("values", "expected"),
    [(["Ana", "Raj Patel", ""], False),
     (["Ana", "Raj\x0bPatel"], True),
     (["Ana", 7, None, 2.5, "\x1f"], True),  # mixed cells: the text is still checked
     ([7, None, 2.5], False),
     ([], False),
     (["tab\tand line\nbreak"], False)],  # tab and newline are not control characters here
)
def test_has_control(values, expected):
    assert has_control(pd.Series(values, dtype=object)) is expected
