"""The session service: one tracker read once; actions per date, reports per filter."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from datetime import date

import openpyxl
import pytest

from followkit.core.errors import FollowkitError
from followkit.rules import engine as r
from followkit.session.session import Lru, Session, summary_text, worker_file_name

AS_OF = date(2026, 11, 20)


@pytest.fixture
def runs(monkeypatch):
    """Count the engine's runs (rules.evaluate) and the tracker reads."""
    import followkit.reading.load as load

    counted = {"evaluate": 0, "read": 0}
    evaluate, read = r.evaluate, load.load_caseloads

    def counting_evaluate(*args, **kwargs):
        counted["evaluate"] += 1
        return evaluate(*args, **kwargs)

    def counting_read(*args, **kwargs):
        counted["read"] += 1
        return read(*args, **kwargs)

    monkeypatch.setattr(r, "evaluate", counting_evaluate)
    monkeypatch.setattr(load, "load_caseloads", counting_read)
    return counted


def test_read_once_evaluated_once_per_date_and_filter(sample_file, runs):
    session = Session.open(sample_file)
    assert runs == {"evaluate": 0, "read": 0}  # nothing read before the first question
    worker = session.workers()[0]
    everyone = session.report(AS_OF)
    assert session.report(AS_OF) is everyone
    one = session.report(AS_OF, workers=[worker])
    assert one is not everyone and set(one.todo["Worker"]) == {worker}
    session.report(date(2026, 11, 27))
    session.report(AS_OF, workers=[worker])
    assert runs == {"evaluate": 2, "read": 1}
    assert session.cached()[0] == [AS_OF, date(2026, 11, 27)]


def test_worker_filtered_actions_are_the_reports(sample_file):
    session = Session.open(sample_file)
    worker = session.workers()[1]
    mine = session.actions(AS_OF, workers=[worker])
    everyone = session.actions(AS_OF)
    assert 0 < len(mine) < len(everyone)
    assert set(mine.frame(text=False)["Worker"]) == {worker}
    report = session.report(AS_OF, workers=[worker])
    assert len(mine.where(mine.is_open())) == len(report.open_actions)
    assert session.actions(AS_OF, workers=[worker]) is mine
    with pytest.raises(FollowkitError, match="no interviews for worker 'Nobody'"):
        session.actions(AS_OF, workers=["Nobody"])


def test_the_caches_are_bounded(sample_file, runs):
    session = Session(Session.open(sample_file).caseload, dates_kept=2)
    days = [date(2026, 11, d) for d in (16, 17, 18)]
    for day in days:
        session.actions(day)
    assert session.cached()[0] == days[1:]
    session.actions(days[0])
    assert runs["evaluate"] == 4  # the oldest date was dropped, so computed again


def test_an_uploads_bytes_are_not_in_its_repr(sample_file):
    data = sample_file.read_bytes()
    session = Session.from_bytes("sample.xlsx", data)
    assert "sample.xlsx" in repr(session) and "data=" not in repr(session)
    assert len(repr(session)) < 1000
    assert session != Session.from_bytes("sample.xlsx", data)  # compared as objects


def test_lru_keeps_the_most_recently_used():
    cache: Lru[str, int] = Lru(2)
    made = []
    for key in ("a", "b", "a", "c", "b"):
        cache.get(key, lambda k=key: made.append(k) or len(made))
    assert made == ["a", "b", "c", "b"] and cache.keys() == ["c", "b"]


def test_split_by_worker_and_the_zip_hold_the_same_reports(sample_file, tmp_path):
    session = Session.open(sample_file)
    paths = session.split_by_worker(tmp_path, as_of=AS_OF, include_contacts=False)
    workers = sorted(session.caseload.interviews["Worker"].unique())
    assert [p.name for p in paths] == [worker_file_name(AS_OF, w) for w in workers]
    assert paths[0].name == f"followkit-report-2026-11-20-{workers[0]}.xlsx"
    with zipfile.ZipFile(io.BytesIO(session.per_worker_zip(
            as_of=AS_OF, include_contacts=False))) as zf:
        assert zf.namelist() == [p.name for p in paths]
        zipped = openpyxl.load_workbook(io.BytesIO(zf.read(paths[0].name)))
    written = openpyxl.load_workbook(paths[0])
    rows = [list(zipped["To Do"].values), list(written["To Do"].values)]
    assert rows[0] == rows[1] and len(rows[0]) > 1


def test_an_input_is_never_written_over(sample_file):
    from followkit.core.errors import OutputError

    session = Session.open(sample_file)
    with pytest.raises(OutputError):
        session.write_report(sample_file, as_of=AS_OF)


def test_summary_text_counts(sample_file):
    session = Session.open(sample_file)
    report = session.report(AS_OF)
    text = summary_text(report, source="sample.xlsx")
    counts = report.counts()
    line = next(x for x in text.splitlines() if x.startswith(r.FOLLOW_UP_CALL))
    assert line.split()[-3:] == [str(counts.loc[r.FOLLOW_UP_CALL, s]) for s in
                                 (r.OVERDUE, r.DUE_TODAY, r.UPCOMING)]
    assert text.startswith("Follow-up report for sample.xlsx as of 2026-11-20")


def test_marks_in_memory_leave_the_session_unchanged(sample_file):
    from followkit.recording.record import Filled

    session = Session.open(sample_file)
    refs = session.report(AS_OF).table("References", text=False)
    row = refs.iloc[0]
    mark = Filled(where="test", action=r.ALERT_REFERENCES, interview_id=row["Interview ID"],
                  interviewer="", client_id=row["Client ID"], employer=row["Employer"],
                  interview_date=row["Interview Date"].date(), done_on=AS_OF, record="")
    marked, plan = session.with_marks([mark])
    assert plan.refused == []
    assert len(marked.report(AS_OF).table("References", text=False)) == len(refs) - 1
    assert len(session.report(AS_OF).table("References", text=False)) == len(refs)


def test_importing_the_cli_does_not_import_pandas():
    code = ("import sys, followkit.cli; "
            "print(sorted(m for m in ('pandas', 'numpy', 'followkit.report.build', "
            "'followkit.report.letters', 'followkit.reading.load') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_the_package_names_are_there_when_asked_for():
    code = ("import sys, followkit; assert 'pandas' not in sys.modules; "
            "from followkit import Session, build_report, DEFAULT_POLICY; "
            "print(Session.__module__, build_report.__module__, 'pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.split() == ["followkit.session.session", "followkit.report.build", "True"]
    import followkit

    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        followkit.nothing  # noqa: B018
