"""Dated events in one cell (issue #21, item 3)."""

from __future__ import annotations

from datetime import date

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from followkit.reading.events import event_kind, events_in, holds_events
from followkit.reading.load import load_caseloads
from followkit.reading.values import parse_date_cell

AS_OF = date(2026, 11, 20)


def test_the_separators_people_use():
    assert events_in("2026-11-03 - phone interview\n2026-11-05 - thank-you sent") == [
        ("2026-11-03", "phone interview"), ("2026-11-05", "thank-you sent")]
    assert events_in("3 Nov 2026 10:30: video interview") == [
        ("3 Nov 2026 10:30", "video interview")]
    assert events_in("see notes | later") == []


def test_what_an_event_is():
    assert [event_kind(t) for t in ("RECRUITER INTERVIEW #1", "Onsite round 2",
                                     "FOLLOW-UP SENT - INTEREST CONFIRMED",
                                     "thank you note sent", "applied online",
                                     "coffee with a friend")] == [
        "interview", "interview", "follow-up", "thank-you", "", ""]


def test_free_text_notes_are_no_events_column():
    notes = ["liked them: good team", "call back Monday", "2026-11-03: applied online"]
    assert not holds_events(notes)
    assert holds_events(["2026-11-03|phone interview", "", "2026-11-09|applied"])


def test_events_give_rounds_and_later_follow_ups_only(tmp_path):
    path = tmp_path / "apps.csv"
    path.write_text(
        "company,role,status,history\n"
        "Dune Logistics,Helper,interviewing,"
        "2026-11-02|follow-up sent; 2026-11-04|phone interview; "
        "2026-11-06|follow-up sent; 2026-11-09|onsite interview; 2026-11-16|follow-up sent\n"
        "Fable Toys,Clerk,applied,2026-11-02|applied\n", encoding="utf-8")
    c = load_caseloads([path], as_of=AS_OF)
    assert list(c.interviews["Interview Date"]) == [pd.Timestamp(2026, 11, 4),
                                                    pd.Timestamp(2026, 11, 9)]
    assert list(c.original["Round (followkit)"]) == ["history (1 of 2)", "history (2 of 2)"]
    # Follow-ups before the latest round belong to earlier rounds (Not needed): one call.
    assert list(c.calls["Call Date"]) == [pd.Timestamp(2026, 11, 16)]
    assert list(c.calls["Result"]) == ["follow-up sent (in 'history')"]
    assert list(c.listed["Kind"]) == ["Application"]


def test_a_dated_call_is_the_interview_only_where_the_status_says_interview(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text(
        "Company,Position,Status,Notes\n"
        "Alder Tiles,Helper,Interviewing,23 Oct 2026: 30-minute call with the site manager\n"
        "Birch Cafe,Server,Applied,2026-11-02: call with Sam about the shifts\n"
        "Cedar Print,Press Helper,Rejected,"
        "2026-11-03: phone interview; 2026-11-05 - video call with HR\n", encoding="utf-8")
    c = load_caseloads([path], as_of=AS_OF)
    assert c.interviews[["Employer", "Interview Date"]].values.tolist() == [
        ["Alder Tiles", pd.Timestamp(2026, 10, 23)], ["Cedar Print", pd.Timestamp(2026, 11, 3)]]
    assert list(c.listed["Kind"]) == ["Application"]
    warned = c.issues[c.issues["Column"] == "Notes"]
    assert warned[["Row", "Severity"]].values.tolist() == [[2, "warning"]]
    assert warned["Problem"].iloc[0].startswith("this row's status says interview but it")


@given(st.lists(st.tuples(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)),
                          st.sampled_from(["phone interview", "FOLLOW-UP SENT", "applied",
                                           "Thank-you sent", "onsite round 2"]),
                          st.sampled_from(["|", ": ", " - "])), min_size=1, max_size=6),
       st.sampled_from(["; ", "\n"]))
def test_written_events_read_back_in_order(events, between):
    cell = between.join(f"{d:%d %b %Y}{sep}{what}" for d, what, sep in events)
    assert events_in(cell) == [(f"{d:%d %b %Y}", what) for d, what, _ in events]


@given(st.text(max_size=80))
def test_any_text_gives_only_events_with_a_readable_date(text):
    for day, what in events_in(text):
        assert what and parse_date_cell(day).value is not None


def test_details_name_the_cell_an_interview_was_read_from(tmp_path):
    """Issue #21 item 3: an interview read from a cell of events says which cell."""
    from followkit.reading.load import load_caseload
    from followkit.rules import engine as r
    from followkit.rules.engine import evaluate

    tracker = tmp_path / "notes.csv"
    tracker.write_text("Company,Status,Notes\n"
                       "Gale Couriers,Interviewing,\"12 Nov 2026: 30-minute call with "
                       "the manager\"\n"
                       "Hill Cafe,Interviewing,\"10 Nov 2026|PHONE INTERVIEW; "
                       "16 Nov 2026|ONSITE INTERVIEW\"\n", encoding="utf-8")
    caseload = load_caseload(tracker, as_of=date(2026, 11, 20))
    assert caseload.interviews["_from_cell"].tolist() == [
        "the 'Notes' cell, row 2", "the 'Notes' cell, row 3", "the 'Notes' cell, row 3"]
    actions = evaluate(caseload, as_of=date(2026, 11, 20)).frame()
    asks = actions[actions[r.ACTION] == r.ASK_DECISION][r.DETAILS].tolist()
    assert asks[0] == ("interview Thu 12 Nov 2026 (from the 'Notes' cell, row 2): ask when "
                       "the hiring decision will be made; no decision date recorded")
    assert "interview Mon 16 Nov 2026 (from the 'Notes' cell, row 3)" in " ".join(asks)
