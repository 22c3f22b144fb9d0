"""The calendar file (SPEC §8), parsed back with icalendar."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from followkit.cli import main
from followkit.pipeline import run_report
from followkit.report.ical import action_uid, calendar_bytes, short_name
from followkit.rules import engine as r

AS_OF = date(2026, 11, 20)
STAMP = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def _events(data: bytes) -> list:
    return list(Calendar.from_ical(data).walk("VEVENT"))


@pytest.fixture
def run(sample_file):
    return run_report(sample_file, as_of=AS_OF)


def _text(event) -> str:
    return "\n".join(str(event.get(k, "")) for k in ("summary", "description", "location"))


def test_one_all_day_event_per_to_do_row(run):
    events = _events(calendar_bytes(run.report, stamp=STAMP))
    todo = run.report.todo
    assert len(events) == len(todo) > 0
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids)
    for event, (_, row) in zip(events, todo.iterrows(), strict=True):
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert type(start) is date and end == start + timedelta(days=1)
        due = row[r.DUE_DATE].date()
        if row[r.STATUS] == r.OVERDUE:
            assert start == AS_OF
            days = (AS_OF - due).days
            assert str(event["description"]).startswith(
                f"Overdue since {r.format_days([due])[0]} ({days} day")
        else:
            assert start == due
        assert event.decoded("dtstamp") == STAMP


def test_uids_are_stable_across_runs_and_dates(sample_file, run):
    later = run_report(sample_file, as_of=AS_OF + timedelta(days=3))
    first = {str(e["uid"]): str(e["summary"]) for e in _events(
        calendar_bytes(run.report, stamp=STAMP))}
    again = {str(e["uid"]): str(e["summary"]) for e in _events(
        calendar_bytes(run.report, stamp=STAMP + timedelta(hours=5)))}
    assert again == first
    moved = {str(e["uid"]): str(e["summary"]) for e in _events(
        calendar_bytes(later.report, stamp=STAMP))}
    shared = set(first) & set(moved)
    assert len(shared) > len(first) // 2
    assert all(first[u] == moved[u] for u in shared)


def test_uid_is_the_action_not_its_date():
    one = action_uid(r.FOLLOW_UP_CALL, interview_id="INT-1", interviewer="", client_id="C1")
    assert one == action_uid(r.FOLLOW_UP_CALL, interview_id="INT-1", interviewer="",
                             client_id="C9")
    assert one != action_uid(r.ASK_DECISION, interview_id="INT-1", interviewer="",
                             client_id="C1")
    assert action_uid(r.KEEP_HUNTING, interview_id="", interviewer="", client_id="C1") != \
        action_uid(r.KEEP_HUNTING, interview_id="", interviewer="", client_id="C2")
    assert re.fullmatch(r"[0-9a-f]{32}@followkit", one)


def test_no_phone_email_or_full_client_name_by_default(run):
    events = _events(calendar_bytes(run.report, stamp=STAMP))
    caseload = run.caseload
    text = "\n".join(_text(e) for e in events)
    full_names = {n for n in caseload.interviews["Client Name"] if len(n.split()) > 1}
    assert not any(name in text for name in full_names)
    phones = {p for p in caseload.interviews["Employer Phone"] if p}
    assert phones and not any(p in text for p in phones)
    emails = {e for e in caseload.interviewers["Email"] if e}
    assert emails and not any(e in text for e in emails)
    assert "the number in your tracker" in text


def test_contacts_on_request(run):
    text = "\n".join(_text(e) for e in _events(
        calendar_bytes(run.report, stamp=STAMP, include_contacts=True)))
    phones = {p for p in run.caseload.interviews["Employer Phone"] if p}
    assert any(p in text for p in phones)


def test_title_says_what_to_do_and_for_whom(run):
    events = _events(calendar_bytes(run.report, stamp=STAMP))
    todo = run.report.todo
    call = todo[todo[r.ACTION] == r.FOLLOW_UP_CALL].iloc[0]
    first, *_, last = call["Client Name"].split()
    expected = f"Call {call['Employer']}: {first} {last[0]}., {call['Position']}"
    assert expected in [str(e["summary"]) for e in events]
    described = [str(e["description"]) for e in events if str(e["summary"]) == expected]
    assert "Call script: Call " in described[0] and f'"Hello, this is {first}.' in described[0]


@pytest.mark.parametrize(("name", "short"), [
    ("Diego Hernandez", "Diego H."), ("ana maria lopez", "ana L."), ("Zoë", "Zoë"),
    ("  ", ""), ("Kai  Sato ", "Kai S.")])
def test_short_name(name, short):
    assert short_name(name) == short


def test_cli_calendar(sample_file, tmp_path, capsys):
    out = tmp_path / "due.ics"
    assert main(["calendar", str(sample_file), "--as-of", "2026-11-20", "-o", str(out)]) == 0
    assert "event(s) as of 2026-11-20 (no phone numbers or emails" in capsys.readouterr().out
    assert len(_events(out.read_bytes())) > 0
