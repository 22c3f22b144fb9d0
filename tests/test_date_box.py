"""The dashboard's date boxes: one format, the agency's, where a date is read or picked
(issue #25, item 7)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followkit.core.policy import FollowUpPolicy
from followkit.dashboard.dates import DateBox, read_day
from followkit.dashboard.widgets import Dashboard

TODAY = date(2026, 11, 27)
DAYS = st.dates(min_value=date(1995, 1, 1), max_value=date(2095, 12, 31))
NUMBERS = {"DMY": "{d.day}/{d.month}/{d.year}", "MDY": "{d.month}/{d.day}/{d.year}",
           "YMD": "{d.year}-{d.month}-{d.day}"}


def test_a_box_shows_its_date_with_the_year_and_reads_the_agency_order():
    box = DateBox("Done on", value=date(2026, 11, 20), near=TODAY)
    assert box.text.value == "Fri 20 Nov 2026"
    box.text.value = "3/4/2026"  # the agency's order: day first
    assert box.value == date(2026, 4, 3)
    assert box.text.value == "Fri 3 Apr 2026"  # what was understood, written back
    assert box.said.value == ""
    american = DateBox("As of", value=date(2026, 11, 20), order="MDY", near=TODAY)
    american.text.value = "3/4/2026"
    assert (american.value, american.text.value) == (date(2026, 3, 4), "Wed 4 Mar 2026")


def test_something_that_is_not_a_date_is_said_and_the_date_is_kept():
    box = DateBox("Done on", value=date(2026, 11, 20), near=TODAY)
    box.text.value = "last Tuesday"
    assert box.value == date(2026, 11, 20)
    assert box.text.value == "Fri 20 Nov 2026"
    assert "&#39;last Tuesday&#39; is not a date: type it like 20 Nov 2026. " \
        "It stays Fri 20 Nov 2026." in box.said.value
    assert 'role="alert"' in box.said.value
    box.value = date(2026, 11, 23)  # a new date clears the message
    assert (box.text.value, box.said.value) == ("Mon 23 Nov 2026", "")
    box.text.value = ""
    assert box.value == date(2026, 11, 23)
    assert "A date is needed here" in box.said.value


def test_an_optional_box_can_be_emptied_and_a_date_without_a_year_is_the_nearest():
    box = DateBox("Decision", near=date(2026, 12, 30), optional=True)
    assert (box.value, box.text.value) == (None, "")
    box.text.value = "2 Jan"
    assert (box.value, box.text.value) == (date(2027, 1, 2), "Sat 2 Jan 2027")
    box.text.value = "  "
    assert (box.value, box.text.value, box.said.value) == (None, "", "")


@given(DAYS, st.sampled_from(sorted(NUMBERS)))
def test_any_date_reads_back_from_its_shown_form_and_from_numbers(day, order):
    assert read_day(f"{day:%a} {day.day} {day:%b %Y}", order=order, near=TODAY) == day
    assert read_day(NUMBERS[order].format(d=day), order=order, near=TODAY) == day
    assert read_day(day.isoformat(), order=order, near=TODAY) == day


@pytest.mark.parametrize("text", ["31/02/2026", "tomorrow", "13", "2026"])
def test_no_date_no_guess(text):
    with pytest.raises(ValueError, match=r"is not a date: type it like 20 Nov 2026"):
        read_day(text, order="DMY", near=TODAY)


def test_the_dashboard_reads_the_as_of_date_typed_in_the_agency_order():
    board = Dashboard(today=TODAY, policy=FollowUpPolicy(text_date_order="MDY"))
    board.open_sample()
    assert board.as_of.text.value == "Fri 20 Nov 2026"
    board.as_of.text.value = "11/25/2026"
    assert board.report.as_of == date(2026, 11, 25)
    assert board.as_of.text.value == "Wed 25 Nov 2026"
    assert board.record_panel.done_on["Calls"].text.value == "Fri 27 Nov 2026"
    board.record_panel.done_on["Calls"].text.value = "11/26"
    assert board.record_panel.done_on["Calls"].value == date(2026, 11, 26)
