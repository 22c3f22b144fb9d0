"""Atomic outputs, read-only targets, control characters, time zones."""

import os
import signal
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from followkit import build_report, evaluate
from followkit.core.errors import OutputError
from followkit.reading.values import parse_date_cell
from followkit.report.workbook import write_report
from tests.conftest import caseload, interview, template

ROOT = Path(__file__).resolve().parent.parent


def test_killed_export_leaves_the_previous_report(tmp_path):
    tracker = tmp_path / "big.xlsx"
    subprocess.run([sys.executable, "-m", "followkit", "sample", str(tracker), "--clients",
                    "3000", "--as-of", "2026-11-20"], check=True, capture_output=True)
    target = tmp_path / "report.xlsx"
    subprocess.run([sys.executable, "-m", "followkit", "report", str(tracker), "--as-of",
                    "2026-11-13", "-o", str(target)], check=True, capture_output=True)
    before = target.read_bytes()
    proc = subprocess.Popen([sys.executable, "-m", "followkit", "report", str(tracker),
                             "--as-of", "2026-11-20", "-o", str(target)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Kill it while it writes: as soon as its scratch folder appears.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(
            p.name.startswith(".~followkit-") for p in tmp_path.iterdir()):
        time.sleep(0.01)
    time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert target.read_bytes() == before
    assert openpyxl.load_workbook(target).sheetnames[0] == "Summary"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".~followkit-")]
    assert leftovers and all(name.startswith(f".~followkit-{proc.pid}-") for name in leftovers)
    # The next export to that folder removes what the killed one left.
    subprocess.run([sys.executable, "-m", "followkit", "report", str(tracker), "--as-of",
                    "2026-11-20", "-o", str(tmp_path / "next.xlsx")], check=True,
                   capture_output=True)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~followkit-")]


def test_unwritable_target_suggests_another_name(tmp_path, monkeypatch):
    c = caseload(template([interview("I1", date(2026, 11, 20))]))
    rep = build_report(c, evaluate(c, as_of=date(2026, 11, 27)),
                       as_of=date(2026, 11, 27))
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"open in Excel")

    def locked(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(OutputError, match=r"permission denied \(is it open in Excel\?\); "
                                          r"close it or choose another name, e\.g\. "
                                          r".*report \(2\)\.xlsx"):
        write_report(rep, target)
    assert target.read_bytes() == b"open in Excel"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.xlsx"]


def test_control_characters_are_removed_and_reported(tmp_path):
    c = caseload(template([interview("I1", date(2026, 11, 20), name="Ana\x0b Lima")],
                          [["I1", "Sofia\x07 Rossi", "", ""]]))
    assert c.interviews["Client Name"].tolist() == ["Ana Lima"]
    assert c.original["Client Name"].tolist() == ["Ana Lima"]
    assert c.interviewers["Interviewer"].tolist() == ["Sofia Rossi"]
    found = c.issues[c.issues["Problem"].str.startswith("invisible control characters")]
    assert found[["Sheet", "Row", "Column"]].values.tolist() == [
        ["Interviews", 2, "Client Name"], ["Interviewers", 2, "Interviewer"]]
    rep = build_report(c, evaluate(c, as_of=date(2026, 11, 27)),
                       as_of=date(2026, 11, 27))
    wb = openpyxl.load_workbook(write_report(rep, tmp_path / "r.xlsx"))
    assert wb["Interviews"]["C2"].value == "Ana Lima"


def test_aware_datetimes_become_the_local_day():
    moment = datetime(2026, 11, 20, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert parse_date_cell(moment).value == moment.astimezone().date()


def test_accented_and_plain_names_are_kept_apart():
    c = caseload(template([interview("I1", date(2026, 11, 20), name="José Silva"),
                           interview("I2", date(2026, 11, 21), name="Jose Silva")]))
    problems = c.issues["Problem"].tolist()
    assert problems == ["Client ID 'C1' is also called 'José Silva' elsewhere; one of them "
                        "is wrong"]


def test_na_and_none_as_names_stay_names():
    c = caseload(template([interview("I1", date(2026, 11, 20), name="NA"),
                           interview("I2", date(2026, 11, 21), client="C2", name="None")]))
    assert c.interviews["Client Name"].tolist() == ["NA", "None"]
    assert not pd.isna(c.original["Client Name"]).any()


def test_nothing_here_opens_a_network_connection(monkeypatch, sample_file, tmp_path):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("followkit tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    from followkit import run_report

    run_report(sample_file, as_of=date(2026, 11, 20), output=tmp_path / "r.xlsx")
