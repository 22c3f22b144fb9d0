"""The calendar file (SPEC §8): one all-day event per client per day, parsed back with icalendar."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from followkit.cli import main
from followkit.core.resources import DATA, resource_path
from followkit.pipeline import run_report
from followkit.report.ical import calendar_bytes, event_uid, events, short_name
from followkit.rules import engine as r

AS_OF = date(2026, 11, 20)
STAMP = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
SAMPLE = resource_path(DATA, "sample_tracker.xlsx")  # data/sample_tracker.xlsx (SPEC §7)


def _events(data: bytes) -> list:
    return list(Calendar.from_ical(data).walk("VEVENT"))


@pytest.fixture(scope="module")
def run():
    return run_report(SAMPLE, as_of=AS_OF)


def _text(event) -> str:
    return "\n".join(str(event.get(k, "")) for k in ("summary", "description", "location"))


def _day(row) -> date:
    return AS_OF if row[r.STATUS] == r.OVERDUE else row[r.DUE_DATE].date()


def test_one_all_day_event_per_client_per_day(run):
    found = _events(calendar_bytes(run.report, stamp=STAMP))
    todo = run.report.todo
    assert (len(found), len(todo)) == (96, 211)  # was one event per action: 211
    days = Counter(e.decoded("dtstart") for e in found)
    assert days[AS_OF] == 47  # was 142 on the as-of date
    groups = Counter((row["Client ID"], _day(row))
                     for _, row in todo.iterrows())
    assert len(groups) == 96
    assert sorted(str(e["description"]).count("\nWhy: ") for e in found) == sorted(
        groups.values())
    for event in found:
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert type(start) is date and end == start + timedelta(days=1)
        assert event.decoded("dtstamp") == STAMP
    assert len({str(e["uid"]) for e in found}) == 96


def test_overdue_actions_sit_on_the_as_of_date_saying_since_when(run):
    found = {(str(e["summary"]), e.decoded("dtstart")): str(e["description"])
             for e in _events(calendar_bytes(run.report, stamp=STAMP))}
    text = found["Chloe S.: call Cedar Auto Care (+3 more)", AS_OF]
    assert text.startswith(
        "Chloe S. (Priya Sharma's client): 4 follow-ups\n\n"
        "Call Cedar Auto Care (Lube Technician Apprentice): overdue since Fri 6 Nov 2026 "
        "(14 days)\nWhy: first call: interview Fri 30 Oct 2026 + 7 days; no calls logged "
        "yet\nCall script: Call Cedar Auto Care at the number in your tracker and ask for "
        'Carlos Mendes or Erin Walsh. "Hello, this is Chloe. I interviewed on Friday')
    assert ("Thank-you to Henry Lau, Harbour Hotel (Housekeeper): overdue since Thu 19 Nov "
            "2026 (1 day)\nWhy: interview Wed 18 Nov 2026 + 1 business day; no thank-you "
            "recorded for Henry Lau") in text


def test_upcoming_actions_sit_on_their_due_day(run):
    todo = run.report.todo
    upcoming = todo[todo[r.STATUS] == r.UPCOMING]
    days = {e.decoded("dtstart") for e in _events(calendar_bytes(run.report, stamp=STAMP))}
    assert set(upcoming[r.DUE_DATE].dt.date) <= days
    assert max(days) == date(2026, 11, 27)  # the horizon: as-of + 7 days
    assert min(days) == AS_OF


def test_uid_is_the_client_and_the_day():
    one = event_uid("00005", AS_OF)
    assert one == event_uid(" 00005", AS_OF) == event_uid("00005", date(2026, 11, 20))
    assert one != event_uid("00005", date(2026, 11, 23))
    assert one != event_uid("00006", AS_OF)
    assert re.fullmatch(r"[0-9a-f]{32}@followkit", one)


def test_uids_are_stable_across_runs_and_dates(run):
    first = {e.uid: (e.day, e.title) for e in events(run.report)}
    assert ("Chloe S.: call Cedar Auto Care (+3 more)" ==
            first[event_uid("00005", AS_OF)][1])
    again = {str(e["uid"]): str(e["summary"]) for e in _events(
        calendar_bytes(run.report, stamp=STAMP + timedelta(hours=5)))}
    assert again == {uid: title for uid, (_, title) in first.items()}
    later = run_report(SAMPLE, as_of=AS_OF + timedelta(days=3))
    moved = {e.uid: (e.day, e.title) for e in events(later.report)}
    # the days after Mon 23 Nov are in both files: the same client and day, the same UID
    both = {u for u, (day, _) in first.items() if day > date(2026, 11, 23)}
    assert len(both) == 36 and both <= set(moved)
    assert sum(first[u] == moved[u] for u in both) == 35  # one client's day gained an action


def test_no_phone_email_or_full_client_name_by_default(run):
    found = _events(calendar_bytes(run.report, stamp=STAMP))
    caseload = run.caseload
    text = "\n".join(_text(e) for e in found)
    full_names = {n for n in caseload.interviews["Client Name"] if len(n.split()) > 1}
    assert not any(name in text for name in full_names)
    phones = {p for p in caseload.interviews["Employer Phone"] if p}
    assert phones and not any(p in text for p in phones)
    emails = {e for e in caseload.interviewers["Email"] if e}
    assert emails and not any(e in text for e in emails)
    assert "the number in your tracker" in text
    assert "Contact: " not in text


def test_contacts_on_request(run):
    text = "\n".join(_text(e) for e in _events(
        calendar_bytes(run.report, stamp=STAMP, include_contacts=True)))
    phones = {p for p in run.caseload.interviews["Employer Phone"] if p}
    emails = {e for e in run.caseload.interviewers["Email"] if e}
    assert any(p in text for p in phones) and any(e in text for e in emails)
    assert "Chloe Sato (Priya Sharma's client): 4 follow-ups" in text


def test_a_worker_gets_their_own_clients():
    mine = run_report(SAMPLE, as_of=AS_OF, workers=["Amara Okafor"])
    found = events(mine.report)
    assert (len(found), sum(e.actions for e in found)) == (24, 52)
    assert all("(Amara Okafor's client)" in e.description for e in found)


def test_stale_work_stays_off_the_calendar():
    late = run_report(SAMPLE, as_of=date(2026, 12, 24))
    assert len(late.report.table("Stale")) == 14
    found = events(late.report)
    assert sum(e.actions for e in found) == len(late.report.todo) == 227
    assert not any("no activity for" in e.description for e in found)


@pytest.mark.parametrize(("name", "short"), [
    ("Diego Hernandez", "Diego H."), ("ana maria lopez", "ana L."), ("Zoë", "Zoë"),
    ("  ", ""), ("Kai  Sato ", "Kai S.")])
def test_short_name(name, short):
    assert short_name(name) == short


def test_cli_calendar(tmp_path, capsys):
    out = tmp_path / "due.ics"
    assert main(["calendar", str(SAMPLE), "--as-of", "2026-11-20", "-o", str(out)]) == 0
    assert (f"{out}: 96 event(s), one per client per day, holding 211 action(s) as of "
            "2026-11-20 (no phone numbers or emails") in capsys.readouterr().out
    assert len(_events(out.read_bytes())) == 96
