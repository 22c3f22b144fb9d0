"""Recording never leaves a partial file in view, says a full disk in words, names what an
.ods/.xls copy does not keep, and never replaces a file silently (SPEC §8.1, #24)."""

from __future__ import annotations

import errno
import shutil
import signal
import subprocess
import sys
import textwrap
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from followkit.cli import main
from followkit.core.errors import OutputError
from followkit.pipeline import run_report
from followkit.recording import xlsx_package
from followkit.recording.convert_notes import converted_note
from followkit.recording.plan import Filled
from followkit.recording.record import record
from followkit.rules import engine as r
from followkit.session.session import Session
from tests.recording import fill_report, write_ods
from tests.xlsx_corpus import build_tracker

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 16, 45, tzinfo=timezone(timedelta(hours=-5)))
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) is installed by make test")


@pytest.fixture
def filled(tmp_path: Path) -> tuple[Path, Path]:
    tracker = build_tracker(tmp_path / "tracker.xlsx")
    report = tmp_path / "report.xlsx"
    run_report(tracker, as_of=AS_OF, output=report)
    out = tmp_path / "filled.xlsx"
    fill_report(report, out, [("Calls", lambda row: row["Interview ID"] == "I2",
                               datetime(2026, 11, 20), "No answer")])
    return tracker, out


def _in_view(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def test_a_full_disk_says_so_and_writes_nothing(filled, monkeypatch, capsys):
    tracker, report = filled

    def full(self, target, tails=None):
        target.write_bytes(b"PK partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(xlsx_package.XlsxPackage, "save", full)
    before = _in_view(tracker.parent)
    assert main(["record", str(tracker), str(report)]) == 2
    assert capsys.readouterr().err == ("followkit: the disk is full: nothing was written (free "
                                       "some space, or write to another drive)\n")
    assert _in_view(tracker.parent) == before
    assert [p for p in tracker.parent.iterdir() if p.name.startswith(".~followkit")] == []


_SLOW = textwrap.dedent("""
    import sys, time
    from followkit.recording import xlsx_package
    save = xlsx_package.XlsxPackage.save
    def slow(self, target, tails=None):
        save(self, target, tails)
        print("written", flush=True)
        time.sleep(60)
    xlsx_package.XlsxPackage.save = slow
    from followkit.cli import main
    sys.exit(main(sys.argv[1:]))
""")


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL], ids=["term", "kill"])
def test_a_run_stopped_mid_write_leaves_nothing_in_view(filled, how):
    tracker, report = filled
    before = _in_view(tracker.parent)
    run = subprocess.Popen([sys.executable, "-c", _SLOW, "record", str(tracker), str(report)],
                           stdout=subprocess.PIPE, text=True, cwd=ROOT,
                           env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert run.stdout is not None and run.stdout.readline() == "written\n"
    run.send_signal(how)
    run.wait(timeout=120)
    assert _in_view(tracker.parent) == before  # no partial copy where the worker looks
    left = [p.name for p in tracker.parent.iterdir() if p.name.startswith(".~followkit")]
    assert len(left) == (1 if how == signal.SIGKILL else 0)  # SIGTERM cleans up
    result = record(tracker, report, now=NOW)  # the next run sweeps a killed run's file
    assert [p for p in tracker.parent.iterdir() if p.name.startswith(".~followkit")] == []
    assert result.output.name == "tracker-updated.xlsx"


def test_the_dashboards_copies_never_clash(filled, tmp_path):
    tracker, _ = filled
    session = Session.open(tracker, as_of=AS_OF)
    call = session.report(AS_OF).table("Calls", text=False)
    row = call[call["Interview ID"] == "I2"].iloc[0]
    mark = Filled(where="dashboard", action=r.FOLLOW_UP_CALL, interview_id="I2",
                  interviewer="", client_id=row["Client ID"], employer=row["Employer"],
                  interview_date=row["Interview Date"].date(), done_on=AS_OF, record="")
    folder = tmp_path / "downloads"
    folder.mkdir()
    first = session.record_marks([mark], now=NOW, folder=folder)
    second = session.record_marks([mark], now=NOW, folder=folder)
    assert (first.output.name, second.output.name) == ("tracker-updated.xlsx",
                                                       "tracker-updated-2.xlsx")
    name, data, result = session.recorder.updated_copy([mark], now=NOW, as_of=AS_OF,
                                                       policy=session.policy)
    assert name == "tracker-updated.xlsx" and data[:2] == b"PK" and len(result.log) == 2
    assert not result.output.exists()  # made in a private folder, gone


def test_a_minimal_ods_is_said_to_lose_nothing_it_does_not_have(tmp_path):
    ods = write_ods(tmp_path / "plain.ods", {"T": [["a", "b"], ["x", date(2026, 1, 1)]]})
    assert converted_note(ods) == ("plain.ods cannot be edited in place: the updated copy is "
                                   "an .xlsx with the same sheets and values.")


@needs_soffice
@pytest.mark.parametrize("kind", ["ods", "xls"])
def test_an_ods_or_xls_names_what_its_copy_does_not_keep(tmp_path, kind):
    build_tracker(tmp_path / "tracker.xlsx")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", kind, "--outdir", str(tmp_path / "out"),
                    str(tmp_path / "tracker.xlsx")], check=True, capture_output=True,
                   timeout=120)
    source = tmp_path / "out" / f"tracker.{kind}"
    drawn = "pictures, charts" if kind == "ods" else "pictures, shapes or charts"
    extra = ", conditional formats" if kind == "ods" else ""
    assert converted_note(source) == (
        f"tracker.{kind} cannot be edited in place: the updated copy is an .xlsx with the same "
        "sheets and values; it does not keep the file's cell formatting (fonts, colours, "
        "borders, number formats), formulas (their last results are kept as values), "
        f"drop-downs, notes, links, {drawn}{extra}, hidden sheets (shown in the copy): keep "
        "the original for them.")
    report = tmp_path / "report.xlsx"
    run_report(source, as_of=AS_OF, output=report)
    filled = tmp_path / "filled.xlsx"
    fill_report(report, filled, [("Calls", lambda row: row["Interview ID"] == "I2",
                                  datetime(2026, 11, 20), "No answer")])
    result = record(source, filled, now=NOW)
    assert result.output.name == "tracker-updated.xlsx" and len(result.log) == 3
    assert converted_note(source) in result.notes


def test_a_csv_copy_and_its_log_are_never_replaced_silently(tmp_path):
    tracker = tmp_path / "flat.csv"
    tracker.write_bytes("Interview ID;Client ID;Client Name;Employer;Interview Date;"
                        "Interviewer 1;Thank-You Sent 1\r\n"
                        "I1;C1;Zoë Lima;Maple Grocers;2026-11-10;Raj Patel;\r\n"
                        .encode("cp1252"))
    report = tmp_path / "report.xlsx"
    run_report(tracker, as_of=AS_OF, output=report)
    filled = tmp_path / "filled.xlsx"
    fill_report(report, filled, [("Thank-Yous", lambda row: True, datetime(2026, 11, 12), None)])
    first = record(tracker, filled, now=NOW)
    assert first.output.read_bytes() == (
        "Interview ID;Client ID;Client Name;Employer;Interview Date;Interviewer 1;"
        "Thank-You Sent 1\r\nI1;C1;Zoë Lima;Maple Grocers;2026-11-10;Raj Patel;2026-11-12\r\n"
        .encode("cp1252"))
    log = tmp_path / "flat-updated-log.csv"
    first.output.unlink()  # the copy deleted, its log kept: still refused
    with pytest.raises(OutputError, match=r"flat-updated-log\.csv' already exists"):
        record(tracker, filled, now=NOW)
    again = record(tracker, filled, now=NOW, replace=True)
    assert len(log.read_text(encoding="utf-8-sig").splitlines()) == 2  # a new log: one row
    assert again.output.exists()
