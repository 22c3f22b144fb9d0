"""'Today' is the agency's today: followkit.rules.clock, the policy's zone, the CLI's --timezone.

The clock is controlled with time-machine (it moves the real clock of the
process, C level included, so datetime.now and date.today all see the same
moment). A destination with a ZoneInfo also sets the process's own local zone
(TZ), which is how a server kept in UTC, or in Tokyo, is played here.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC as FIXED_UTC
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from hypothesis import given, settings
from hypothesis import strategies as st

from followkit.cli import main
from followkit.core.errors import PolicyError
from followkit.core.policy import REGION_TIMEZONES, FollowUpPolicy, load_policy, load_zone
from followkit.rules import clock

ROOT = Path(__file__).resolve().parent.parent
UTC = ZoneInfo("UTC")
TORONTO = FollowUpPolicy()  # Ontario holidays -> America/Toronto

# (moment in UTC, the date in Toronto, what it is there): the three checks first.
TORONTO_DAYS = [
    (datetime(2026, 11, 27, 2, 0), date(2026, 11, 26), "21:00 Thu in Toronto, Fri in UTC"),
    (datetime(2026, 11, 27, 6, 0), date(2026, 11, 27), "01:00 Fri in Toronto"),
    (datetime(2026, 3, 9, 3, 30), date(2026, 3, 8), "23:30 EDT, after the spring change"),
    (datetime(2026, 11, 27, 4, 59, 59), date(2026, 11, 26), "23:59:59 EST"),
    (datetime(2026, 11, 27, 5, 0, 0), date(2026, 11, 27), "midnight EST"),
    # 8 March 2026: 02:00 EST becomes 03:00 EDT (07:00 UTC).
    (datetime(2026, 3, 8, 4, 59, 59), date(2026, 3, 7), "23:59:59 EST on the eve"),
    (datetime(2026, 3, 8, 5, 0), date(2026, 3, 8), "midnight EST, the change day"),
    (datetime(2026, 3, 9, 3, 59, 59), date(2026, 3, 8), "23:59:59 EDT"),
    (datetime(2026, 3, 9, 4, 0), date(2026, 3, 9), "midnight EDT, an hour earlier in UTC"),
    # 1 November 2026: 02:00 EDT becomes 01:00 EST (06:00 UTC).
    (datetime(2026, 11, 1, 3, 59, 59), date(2026, 10, 31), "23:59:59 EDT on the eve"),
    (datetime(2026, 11, 1, 4, 0), date(2026, 11, 1), "midnight EDT, the change day"),
    (datetime(2026, 11, 2, 4, 59, 59), date(2026, 11, 1), "23:59:59 EST"),
    (datetime(2026, 11, 2, 5, 0), date(2026, 11, 2), "midnight EST, an hour later in UTC"),
]
# Where the process itself may think it is: the UTC server, and far from Toronto.
PROCESS_ZONES = ["UTC", "Asia/Tokyo", "Pacific/Kiritimati", "America/Los_Angeles"]


def at(moment_utc: datetime, process_zone: str = "UTC") -> time_machine.travel:
    """Stop the clock at ``moment_utc`` with the process's local zone set to ``process_zone``."""
    return time_machine.travel(moment_utc.replace(tzinfo=UTC).astimezone(ZoneInfo(process_zone)),
                               tick=False)


@pytest.mark.parametrize("process_zone", PROCESS_ZONES)
@pytest.mark.parametrize(("moment", "expected", "why"), TORONTO_DAYS,
                         ids=[f"{m:%m-%dT%H:%M:%S}Z" for m, _, _ in TORONTO_DAYS])
def test_today_is_the_date_in_toronto(moment, expected, why, process_zone):
    with at(moment, process_zone):
        assert clock.today(TORONTO) == expected, why
        assert clock.today() == expected  # the default policy is Ontario's
        if process_zone == "UTC":  # what followkit said before: the server's date
            assert date.today() == moment.date()


@settings(max_examples=80, deadline=None)
@given(moment=st.datetimes(min_value=datetime(2025, 12, 25), max_value=datetime(2027, 1, 5)),
       region=st.sampled_from(sorted(REGION_TIMEZONES)),
       process_zone=st.sampled_from(PROCESS_ZONES))
def test_today_is_the_wall_date_of_the_region_at_any_moment(moment, region, process_zone):
    policy = FollowUpPolicy(holiday_country=region[0], holiday_subdivision=region[1])
    wall = moment.replace(tzinfo=UTC).astimezone(ZoneInfo(REGION_TIMEZONES[region]))
    with at(moment, process_zone):
        assert clock.today(policy) == wall.date()
        assert clock.stamp(clock.now(policy)) == (
            f"{wall:%Y-%m-%d %H:%M} {wall.tzname()} ({REGION_TIMEZONES[region]})")


@pytest.mark.parametrize(("moment", "shown"), [
    (datetime(2026, 11, 27, 2, 0), "2026-11-26 21:00 EST (America/Toronto)"),
    (datetime(2026, 3, 8, 6, 59), "2026-03-08 01:59 EST (America/Toronto)"),
    (datetime(2026, 3, 8, 7, 0), "2026-03-08 03:00 EDT (America/Toronto)"),
    # the repeated hour of 1 November: the abbreviation tells them apart
    (datetime(2026, 11, 1, 5, 30), "2026-11-01 01:30 EDT (America/Toronto)"),
    (datetime(2026, 11, 1, 6, 30), "2026-11-01 01:30 EST (America/Toronto)"),
])
def test_now_is_aware_and_stamped_with_its_zone(moment, shown):
    with at(moment, "Asia/Tokyo"):
        now = clock.now(TORONTO)
    assert now.tzinfo == ZoneInfo("America/Toronto")
    assert now.astimezone(UTC) == moment.replace(tzinfo=UTC)  # (== is False across zones in a fold)
    assert clock.stamp(now) == shown


def test_stamp_forms():
    assert clock.stamp(datetime(2026, 11, 27, 9, 30)) == "2026-11-27 09:30"
    assert clock.stamp(datetime(2026, 11, 27, 2, 0, tzinfo=FIXED_UTC)) == "2026-11-27 02:00 UTC"
    assert clock.stamp(datetime(2026, 11, 27, 2, 0, tzinfo=UTC)) == "2026-11-27 02:00 UTC (UTC)"


@pytest.mark.parametrize(("country", "subdivision", "zone"), [
    ("CA", "ON", "America/Toronto"), ("CA", "QC", "America/Toronto"),
    ("CA", "BC", "America/Vancouver"), ("CA", "AB", "America/Edmonton"),
    ("CA", "SK", "America/Regina"), ("CA", "MB", "America/Winnipeg"),
    ("CA", "NS", "America/Halifax"), ("CA", "NL", "America/St_Johns"),
    ("CA", "NU", "America/Iqaluit"), ("CA", "YT", "America/Whitehorse"),
])
def test_timezone_defaults_from_the_holiday_region(country, subdivision, zone):
    assert FollowUpPolicy(holiday_country=country, holiday_subdivision=subdivision).timezone == zone


def test_every_region_zone_is_in_the_database():
    assert len(REGION_TIMEZONES) == 13  # ten provinces, three territories
    for name in REGION_TIMEZONES.values():
        assert load_zone(name).key == name


def test_explicit_timezone_wins_over_the_region():
    policy = FollowUpPolicy(holiday_subdivision="BC", timezone="America/Toronto")
    assert policy.timezone == "America/Toronto"
    assert TORONTO.with_timezone("America/Vancouver").timezone == "America/Vancouver"
    assert TORONTO.with_timezone("") is TORONTO and TORONTO.with_timezone(None) is TORONTO


def test_a_region_without_a_default_zone_says_what_to_set():
    policy = FollowUpPolicy(holiday_country="US", holiday_subdivision="NY")
    assert policy.timezone is None
    with pytest.raises(PolicyError, match=r"no 'timezone' and its holiday region 'US'/'NY' "
                                          r"has no default one: set timezone"):
        clock.today(policy)
    with time_machine.travel(datetime(2026, 11, 27, 2, 0, tzinfo=UTC), tick=False):
        assert clock.today(policy.with_timezone("America/New_York")) == date(2026, 11, 26)


@pytest.mark.parametrize(("value", "message"), [
    ("America/Torono", r"unknown time zone 'America/Torono' .*did you mean 'America/Toronto'\?"),
    ("Toronto", r"unknown time zone 'Toronto' \(policy 'timezone' or --timezone\)"),
    ("../../etc/passwd", r"unknown time zone '\.\./\.\./etc/passwd'"),
    ("/etc/localtime", r"unknown time zone '/etc/localtime'"),
    ("localtime", r"must be an IANA time zone name .*got 'localtime'"),
    ("", r"must be an IANA time zone name .*got ''"),
    (-5, r"must be an IANA time zone name .*got -5"),
])
def test_a_bad_zone_is_a_clear_error_naming_it(value, message):
    with pytest.raises(PolicyError, match=message):
        FollowUpPolicy(timezone=value)


def test_timezone_from_the_policy_file(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text('[policy]\ntimezone = "America/Winnipeg"\n')
    assert load_policy(path).timezone == "America/Winnipeg"
    path.write_text('[policy]\nholiday_subdivision = "NS"\n')
    assert load_policy(path).timezone == "America/Halifax"
    path.write_text('[policy]\ntimezone = "Canada/Ontari"\n')
    with pytest.raises(PolicyError, match=r"unknown time zone 'Canada/Ontari'"):
        load_policy(path)


# ---------------------------------------------------------------- through the CLI


@pytest.fixture(scope="module")
def tracker(tmp_path_factory):
    path = tmp_path_factory.mktemp("clock") / "tracker.xlsx"
    assert main(["sample", str(path), "--clients", "12", "--seed", "4",
                 "--as-of", "2026-11-20"]) == 0
    return path


def summary(path: Path) -> dict[str, str]:
    ws = openpyxl.load_workbook(path, read_only=True)["Summary"]
    return {r[0]: r[1] for r in ws.iter_rows(values_only=True) if r and r[0]}


def as_of_text(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


CLI_CASES = [TORONTO_DAYS[i] for i in (0, 1, 2, 3, 4, 8, 10, 12)]


@pytest.mark.parametrize(("moment", "expected", "why"), CLI_CASES,
                         ids=[f"{m:%m-%dT%H:%M:%S}Z" for m, _, _ in CLI_CASES])
def test_report_without_as_of_is_as_of_the_date_in_toronto(tracker, tmp_path, monkeypatch,
                                                            capsys, moment, expected, why):
    monkeypatch.chdir(tmp_path)
    with at(moment):
        assert main(["report", str(tracker)]) == 0
    written = tmp_path / f"followkit-report-{expected}.xlsx"  # the default name has the date
    assert written.is_file(), why
    assert f"as of {expected}" in capsys.readouterr().out
    info = summary(written)
    assert info["As of"] == as_of_text(expected)
    local = moment.replace(tzinfo=UTC).astimezone(ZoneInfo("America/Toronto"))
    assert info["Generated at"] == clock.stamp(local)
    assert info["Generated at"].endswith(f"{local.tzname()} (America/Toronto)")


@pytest.mark.parametrize(("args", "policy_text"), [
    (["--timezone", "America/Vancouver"], None),
    ([], 'timezone = "America/Vancouver"\n'),
    ([], 'holiday_subdivision = "BC"\n'),
    (["--timezone", "America/Vancouver"], 'timezone = "Asia/Tokyo"\n'),  # the option wins
])
def test_report_in_another_zone(tracker, tmp_path, args, policy_text):
    # 06:00 UTC on Friday: Friday 01:00 in Toronto, still Thursday 22:00 in Vancouver.
    out = tmp_path / "r.xlsx"
    if policy_text is not None:
        (tmp_path / "p.toml").write_text("[policy]\n" + policy_text)
        args = [*args, "--policy", str(tmp_path / "p.toml")]
    with at(datetime(2026, 11, 27, 6, 0)):
        assert main(["report", str(tracker), "-o", str(out), *args]) == 0
    info = summary(out)
    assert info["As of"] == "Thursday 26 November 2026"
    assert info["Generated at"] == "2026-11-26 22:00 PST (America/Vancouver)"
    assert info["Policy"].endswith("; time zone America/Vancouver")


def test_explicit_as_of_still_wins(tracker, tmp_path):
    out = tmp_path / "r.xlsx"
    with at(datetime(2026, 11, 27, 2, 0)):
        assert main(["report", str(tracker), "--as-of", "2026-11-20", "-o", str(out)]) == 0
    assert summary(out)["As of"] == "Friday 20 November 2026"


@pytest.mark.parametrize("command", ["report", "letters", "sample", "dashboard"])
def test_bad_timezone_option_is_one_line_and_exit_2(tracker, tmp_path, capsys, command):
    argv = {"report": ["report", str(tracker), "-o", str(tmp_path / "r.xlsx")],
            "letters": ["letters", str(tracker), "-o", str(tmp_path / "letters")],
            "sample": ["sample", str(tmp_path / "s.xlsx")],
            "dashboard": ["dashboard", str(tracker)]}[command]
    assert main([*argv, "--timezone", "Mars/Olympus_Mons"]) == 2
    err = capsys.readouterr().err
    assert err == ("followkit: unknown time zone 'Mars/Olympus_Mons' (policy 'timezone' or "
                   "--timezone); use an IANA name such as 'America/Toronto'\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_sample_and_letters_default_to_the_date_in_toronto(tracker, tmp_path, capsys):
    with at(datetime(2026, 11, 27, 2, 0)):
        assert main(["sample", str(tmp_path / "s.xlsx"), "--clients", "3"]) == 0
        assert "around 2026-11-26" in capsys.readouterr().out
        assert main(["letters", str(tracker), "-o", str(tmp_path / "today")]) == 0
    assert main(["letters", str(tracker), "-o", str(tmp_path / "thu"), "--as-of",
                 "2026-11-26"]) == 0
    assert main(["letters", str(tracker), "-o", str(tmp_path / "fri"), "--as-of",
                 "2026-11-27"]) == 0
    index = {d: (tmp_path / d / "index.csv").read_text() for d in ("today", "thu", "fri")}
    assert index["thu"] != index["fri"]  # else this test could not tell the days apart
    assert index["today"] == index["thu"]


def test_dashboard_passes_the_zone_to_the_notebook(tracker, monkeypatch):
    seen: dict[str, str] = {}

    def serve(plan, **kwargs):
        seen.update(plan.env)
        shutil.rmtree(plan.settings)
        return 0  # instead of the server

    monkeypatch.setattr("followkit.dashboard.app.serve", serve)
    assert main(["dashboard", str(tracker), "--timezone", "America/Halifax"]) == 0
    assert seen["FOLLOWKIT_TIMEZONE"] == "America/Halifax"
    assert seen["FOLLOWKIT_AS_OF"] == ""  # the notebook asks the clock when it starts


# ---------------------------------------------------------------- through the notebooks


def code_cells(name: str) -> list[str]:
    nb = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


@pytest.mark.parametrize(("zone_env", "expected"), [
    ("", date(2026, 11, 26)), ("America/Vancouver", date(2026, 11, 26)),
    ("Europe/London", date(2026, 11, 27)),
])
def test_dashboard_notebook_starts_on_the_agency_today(monkeypatch, zone_env, expected):
    monkeypatch.setenv("FOLLOWKIT_TIMEZONE", zone_env)
    monkeypatch.setenv("FOLLOWKIT_INPUT", "")
    monkeypatch.setenv("FOLLOWKIT_AS_OF", "")
    scope: dict[str, object] = {}
    with at(datetime(2026, 11, 27, 2, 0)):
        exec(code_cells("dashboard.ipynb")[0], scope)  # noqa: S102 (our own notebook)
    board = scope["dashboard"]
    assert board.today == expected and board.as_of.value == expected  # type: ignore[attr-defined]


def test_weekly_notebook_without_as_of(tracker, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cells = code_cells("weekly_report.ipynb")
    scope: dict[str, object] = {}
    exec(cells[0], scope)  # noqa: S102  the parameters, then papermill's overrides:
    scope.update(input_path=str(tracker), as_of="", output_path=str(tmp_path / "w.xlsx"))
    with at(datetime(2026, 3, 9, 3, 30)):
        exec(cells[1], scope)  # noqa: S102
    info = summary(tmp_path / "w.xlsx")
    assert info["As of"] == "Sunday 8 March 2026"
    assert info["Generated at"] == "2026-03-08 23:30 EDT (America/Toronto)"


# ---------------------------------------------------------------- the process's own zone


def run_python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, cwd=ROOT, env={**os.environ, **env})


@pytest.mark.parametrize("process_tz", ["UTC", "Pacific/Kiritimati", "Asia/Tokyo"])
def test_report_in_a_process_with_another_tz(tracker, tmp_path, process_tz):
    out = tmp_path / "r.xlsx"
    code = ("import sys, time_machine\nfrom datetime import datetime, timezone\n"
            "from followkit.cli import main\n"
            "with time_machine.travel(datetime(2026, 11, 27, 2, 0, tzinfo=timezone.utc),"
            " tick=False):\n"  # timezone.utc, not a ZoneInfo: TZ is left as it is
            "    print(datetime.now().date(), flush=True)\n"
            f"    sys.exit(main(['report', {str(tracker)!r}, '-o', {str(out)!r}]))\n")
    done = run_python(code, TZ=process_tz)
    assert done.returncode == 0, done.stderr
    local = datetime(2026, 11, 27, 2, 0, tzinfo=UTC).astimezone(ZoneInfo(process_tz))
    assert done.stdout.startswith(f"{local.date()}\n")  # what the process alone would say
    assert summary(out)["As of"] == "Thursday 26 November 2026"


def test_without_a_zone_database_the_error_says_install_tzdata(tmp_path):
    code = ("import sys\nsys.modules['tzdata'] = None\n"
            "from followkit.cli import main\n"
            f"sys.exit(main(['sample', {str(tmp_path / 's.xlsx')!r}]))\n")
    done = run_python(code, PYTHONTZPATH="")
    assert done.returncode == 2
    assert done.stderr == ("followkit: cannot look up time zone 'America/Toronto': this "
                           "computer has no time zone database; install the 'tzdata' "
                           "package (pip install tzdata)\n")


# ---------------------------------------------------------------- nobody else reads the clock

CLOCK_READS = re.compile(
    r"\b(?:date|datetime)\.(?:today|now|utcnow)\b"
    r"|\btime\.(?:time|time_ns|localtime|gmtime)\("
    r"|\bTimestamp\.(?:now|today|utcnow)\b"
    r"|\b(?:Timestamp|to_datetime|datetime64)\(\s*['\"](?:now|today)['\"]")


def clock_reads(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if CLOCK_READS.search(line)]


@pytest.mark.parametrize("line", [
    "as_of = args.as_of or date.today()", "stamp = datetime.now()", "x = datetime.utcnow()",
    "started = time.time()", "pd.Timestamp.now()", "np.datetime64('today')",
    "pd.to_datetime(\"now\")", "field(default_factory=date.today)", "datetime.today()",
])
def test_the_scan_finds_clock_reads(line):
    assert clock_reads(line) == [line]


@pytest.mark.parametrize("line", [
    "clock.today(policy)", "clock.now(policy)", "date.fromisoformat(text)",
    "time.perf_counter()", "today=clock.today(policy),",
])
def test_the_scan_leaves_other_lines(line):
    assert clock_reads(line) == []


def test_nothing_but_clock_reads_the_clock():
    sources = {p: p.read_text(encoding="utf-8")
               for p in [*(ROOT / "followkit").rglob("*.py"), *(ROOT / "tools").rglob("*.py")]
               if p.name != "clock.py"}
    for nb in (ROOT / "notebooks").glob("*.ipynb"):
        sources[nb] = "\n".join(code_cells(nb.name))
    assert len(sources) > 20
    found = {str(p.relative_to(ROOT)): hits for p, text in sources.items()
             if (hits := clock_reads(text))}
    assert found == {}
    assert "return datetime.now(tz=policy.zone())" in clock_reads(
        (ROOT / "followkit" / "rules" / "clock.py").read_text())


def test_dst_cases_are_really_one_hour_apart():
    # The table above claims offsets that change on 8 March and 1 November 2026.
    toronto = ZoneInfo("America/Toronto")
    offsets = {d: datetime(2026, *d, 12, tzinfo=toronto).utcoffset() for d in
               ((3, 7), (3, 9), (10, 31), (11, 2))}
    assert offsets == {(3, 7): timedelta(hours=-5), (3, 9): timedelta(hours=-4),
                       (10, 31): timedelta(hours=-4), (11, 2): timedelta(hours=-5)}
