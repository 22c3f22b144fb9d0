"""The supervisor's view (SPEC §9): the worked example of docs/supervisor.md, number by number.

Every expected value below was worked out by hand first (docs/supervisor.md
shows the working); the code was then checked against it.
"""

import io
import zipfile
from datetime import date

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followkit.core.errors import FollowkitError
from followkit.report import supervisor as sv
from followkit.report.build import build_report
from followkit.report.supervisor import period, supervisor_view, text_table, week_ends
from followkit.report.workbook import report_bytes
from followkit.rules import engine as r
from followkit.rules.engine import evaluate
from followkit.rules.steps import Status
from tests.conftest import caseload, interview, template

AS_OF = date(2026, 11, 20)  # a Friday
NADIA, TOMAS = "Nadia Brooks", "Tomas Reyes"


def worked_example():
    """The tracker of docs/supervisor.md: two workers, every kind of thank-you."""
    def a(iid, day, client, **kw):
        return interview(iid, day, client=client, name=f"Client {client}", worker=NADIA, **kw)

    def b(iid, day, client, **kw):
        return interview(iid, day, client=client, name=f"Client {client}", worker=TOMAS, **kw)

    interviews = [
        a("A6", "2026-08-21", "C6"),  # before the period: only in the backlog
        a("A1", "2026-11-02", "C1", decision="2026-11-16", references="Y", outcome="Offer"),
        a("A2", "2026-10-09", "C2", references="2026-10-10", outcome="Hired"),
        a("A3", "2026-11-18", "C3"),
        a("A4", "2026-11-20", "C4"),
        a("A5", "2026-11-19", "C5", decision="2026-11-27"),
        a("A7", "2026-11-23", "C7"),  # after the as-of date
        a("A8", "2026-11-16", "C8", references="2026-11-23"),
        b("B1", "2026-09-01", "C9", decision="2026-09-10", references="Y",
          outcome="Not Selected"),
        b("B2", "2026-09-24", "C10", outcome="Withdrawn"),
        b("B3", "2026-10-28", "C11", decision="2026-11-06"),
        b("B9", "soon", "C12"),  # unreadable date: an error, not evaluated
    ]
    interviewers = [
        ["A6", "Quinn Ash", "", ""],
        ["A1", "Ivy Lund", "", "2026-11-02"],
        ["A1", "Karl Moss", "", "2026-11-09"],
        ["A2", "Lena Ortiz", "", "2026-10-13"],
        ["A3", "Omar Pike", "", ""],
        ["A3", "Rita Cole", "", "Y"],
        ["A4", "Sam Hale", "", ""],
        ["A5", "Tara Vance", "", ""],
        ["A7", "Una Fry", "", ""],
        ["A8", "Uma Reid", "", "2026-11-24"],
        ["B1", "Vic Hall", "", "2026-09-02"],
        ["B2", "Wes Dunn", "", "2026-09-28"],
    ]
    calls = [
        ["A6", "2026-08-24", ""], ["A6", "2026-08-25", ""],
        ["A1", "2026-11-09", ""], ["A1", "2026-11-10", ""], ["A1", "2026-11-17", ""],
        ["A2", "2026-10-16", ""],
        ["A3", "2026-11-23", ""],
        ["A8", "2026-11-19", ""],
        ["B1", "2026-09-08", ""], ["B1", "2026-09-10", ""], ["B1", "2026-09-15", ""],
        ["B2", "2026-10-02", ""], ["B2", "2026-10-02", ""],
    ]
    return caseload(template(interviews, interviewers, calls))


@pytest.fixture(scope="module")
def example():
    return worked_example()


@pytest.fixture(scope="module")
def view(example):
    return supervisor_view(evaluate(example, as_of=AS_OF))


def test_period_is_the_12_weeks_ending_on_the_as_of_date(view):
    assert (view.start, view.end, view.as_of) == (date(2026, 8, 29), AS_OF, AS_OF)


def test_the_table_has_exactly_the_spec_columns(view):
    assert view.table.columns.tolist() == [
        "Worker", "Interviews", "Thank-Yous Due", "Thank-Yous On Time", "Thank-Yous Late",
        "Thank-Yous Missing", "Thank-Yous Undated", "On-Time Thank-You Rate",
        "Decision Date Asked", "References Alerted", "Median Days To First Call",
        "Calls Too Close", "Offers", "Closed"]


def test_counts_worked_by_hand(view):
    counts = [c for c in sv.SUPERVISOR_COLUMNS if c not in sv.WITH_N]
    assert view.table[counts].values.tolist() == [
        # Worker, Interviews, Due, On Time, Late, Missing, Undated, Too Close, Offers, Closed
        [NADIA, 6, 7, 2, 1, 2, 1, 1, 2, 2],
        [TOMAS, 3, 2, 1, 1, 0, 0, 1, 0, 2],
        ["Total", 9, 9, 3, 2, 2, 1, 2, 2, 4],
    ]


def test_rates_and_their_n_worked_by_hand(view):
    expected = pd.DataFrame({
        "On-Time Thank-You Rate": [2 / 5, 1 / 2, 3 / 7],
        "Decision Date Asked": [2 / 6, 2 / 3, 4 / 9],
        "References Alerted": [2 / 6, 1 / 3, 3 / 9],
        "Median Days To First Call": [7.0, 7.5, 7.0],
    })
    pd.testing.assert_frame_equal(view.table[list(sv.WITH_N)], expected)
    assert view.n.values.tolist() == [[5, 6, 6, 3], [2, 3, 3, 2], [7, 9, 9, 5]]
    assert view.small().values.tolist() == [[False, False, False, True],
                                            [True, True, True, True],
                                            [False, False, False, False]]


def test_the_table_as_text(view):
    assert text_table(view)[list(sv.WITH_N)].values.tolist() == [
        ["40% (n=5)", "33% (n=6)", "33% (n=6)", "7 (n=3)*"],
        ["50% (n=2)*", "67% (n=3)*", "33% (n=3)*", "7.5 (n=2)*"],
        ["43% (n=7)", "44% (n=9)", "33% (n=9)", "7 (n=5)"],
    ]


FRIDAYS = ["2026-09-04", "2026-09-11", "2026-09-18", "2026-09-25", "2026-10-02",
           "2026-10-09", "2026-10-16", "2026-10-23", "2026-10-30", "2026-11-06",
           "2026-11-13", "2026-11-20"]


def test_weekly_backlog_worked_by_hand(view):
    backlog = view.backlog
    assert backlog.columns.tolist() == ["Week From", "Week To", "Counted On", NADIA, TOMAS,
                                        "Total"]
    assert backlog["Week From"].iloc[0] == pd.Timestamp("2026-08-29")
    assert backlog["Week To"].tolist() == [pd.Timestamp(d) for d in FRIDAYS]
    assert backlog["Counted On"].tolist() == [pd.Timestamp(d) for d in FRIDAYS]
    assert backlog[[NADIA, TOMAS, "Total"]].values.tolist() == [
        [4, 0, 4], [4, 0, 4], [4, 0, 4], [4, 0, 4], [4, 0, 4], [4, 0, 4],
        [4, 0, 4], [0, 0, 0], [0, 2, 2], [1, 3, 4], [0, 3, 3], [6, 3, 9]]  # A6 stale from 23 Oct


def test_last_week_of_the_backlog_is_the_reports_overdue_count(example):
    report = build_report(example, evaluate(example, as_of=AS_OF), as_of=AS_OF)
    assert report.counts()[r.OVERDUE].sum() == 9
    assert report.supervisor.backlog["Total"].iloc[-1] == 9


def test_backlog_evaluates_the_loaded_caseload_once_per_week(example, monkeypatch):
    days = []
    real = r.evaluate

    def spy(caseload, *, as_of, policy):
        assert caseload is example  # the caseload already loaded: no file read again
        days.append(as_of)
        return real(caseload, as_of=as_of, policy=policy)

    monkeypatch.setattr(r, "evaluate", spy)
    monkeypatch.setattr("followkit.core.io.read_workbook", lambda *a, **k: pytest.fail("re-read"))
    supervisor_view(real(example, as_of=AS_OF))
    assert days == [date.fromisoformat(d) for d in FRIDAYS[:-1]]  # the as-of day reused


def test_worker_filter_keeps_that_workers_rows_and_backlog(example):
    report = build_report(example, evaluate(example, as_of=AS_OF), as_of=AS_OF,
                          workers=["tomas reyes"])
    view = report.supervisor
    assert view.table["Worker"].tolist() == [TOMAS, "Total"]
    assert view.table["Interviews"].tolist() == [3, 3]
    assert view.backlog.columns.tolist()[3:] == [TOMAS, "Total"]
    assert view.backlog["Total"].tolist() == [0] * 8 + [2, 3, 3, 3]


def test_a_shorter_period_counts_only_its_interviews(example):
    report = build_report(example, evaluate(example, as_of=AS_OF), as_of=AS_OF,
                          period_from=date(2026, 11, 1), period_to=date(2026, 11, 30))
    view = report.supervisor
    assert view.table["Interviews"].tolist() == [5, 0, 5]  # A1 A3 A4 A5 A8; A7 is later
    assert np.isnan(view.table.loc[1, "On-Time Thank-You Rate"])
    assert text_table(view).loc[1, "On-Time Thank-You Rate"] == ""  # n = 0: blank
    # Weeks counted back from the as-of date (the period ends later); the first is short.
    assert view.backlog["Week From"].tolist() == [pd.Timestamp(d) for d in (
        "2026-11-01", "2026-11-07", "2026-11-14")]
    assert view.backlog["Total"].tolist() == [4, 3, 9]


@pytest.mark.parametrize(("start", "end", "expected"), [
    (None, None, (date(2026, 8, 29), AS_OF)),
    (date(2026, 10, 1), None, (date(2026, 10, 1), AS_OF)),
    (None, date(2026, 10, 31), (date(2026, 8, 9), date(2026, 10, 31))),
    (date(2026, 9, 1), date(2026, 9, 30), (date(2026, 9, 1), date(2026, 9, 30))),
    (date(2026, 12, 1), None, (date(2026, 12, 1), date(2026, 12, 1))),
])
def test_period_defaults(start, end, expected):
    assert period(AS_OF, start=start, end=end) == expected


def test_period_backwards_is_a_clear_error():
    with pytest.raises(FollowkitError, match=r"starts on 2026-11-01 \(--from\), after it ends "
                                             r"on 2026-10-01 \(--to\)"):
        period(AS_OF, start=date(2026, 11, 1), end=date(2026, 10, 1))


def test_a_week_ending_on_a_holiday_is_counted_on_the_business_day_before():
    # Fri 25 Dec 2026 is Christmas Day: that week is counted on Thu 24 Dec.
    c = caseload(template([interview("I1", "2026-12-07")]))
    view = supervisor_view(evaluate(c, as_of=date(2026, 12, 31)), start=date(2026, 12, 19),
                           end=date(2026, 12, 25))
    assert view.backlog["Week To"].tolist() == [pd.Timestamp("2026-12-25")]
    assert view.backlog["Counted On"].tolist() == [pd.Timestamp("2026-12-24")]
    # Ask decision, Alert references, Get interviewer names, and the first call (14 Dec).
    assert view.backlog["Total"].tolist() == [4]


def test_a_week_without_a_business_day_has_no_count():
    c = caseload(template([interview("I1", "2026-12-07")]))
    view = supervisor_view(evaluate(c, as_of=date(2026, 12, 31)), start=date(2026, 12, 26),
                           end=date(2026, 12, 27))  # Boxing Day (Sat) and Sunday
    assert view.backlog["Counted On"].isna().tolist() == [True]
    assert view.backlog["Total"].isna().tolist() == [True]


def test_week_ends_count_back_from_the_end():
    ends = week_ends(date(2026, 11, 1), date(2026, 11, 30), AS_OF)
    assert ends.tolist() == [date(2026, 11, 6), date(2026, 11, 13), date(2026, 11, 20)]
    assert week_ends(date(2026, 12, 1), date(2026, 12, 5), AS_OF).tolist() == []


def test_no_interviews_at_all_in_the_period():
    c = caseload(template([interview("I1", "2026-01-05", worker="")]))
    view = supervisor_view(evaluate(c, as_of=AS_OF))
    assert view.table["Worker"].tolist() == ["(no worker)", "Total"]
    assert view.table["Interviews"].tolist() == [0, 0]
    assert view.table[list(sv.WITH_N)].isna().all().all()
    assert text_table(view)[list(sv.WITH_N)].values.tolist() == [[""] * 4, [""] * 4]


def test_supervisor_sheet_in_the_workbook(example):
    report = build_report(example, evaluate(example, as_of=AS_OF), as_of=AS_OF)
    data = report_bytes(report)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames.index("Supervisor") == wb.sheetnames.index("Clients") + 1
    ws = wb["Supervisor"]
    assert [c.value for c in ws[1]] == sv.SUPERVISOR_COLUMNS
    assert [c.value for c in ws[2]] == [NADIA, 6, 7, 2, 1, 2, 1, 0.4, pytest.approx(2 / 6),
                                        pytest.approx(2 / 6), 7, 1, 2, 2]
    assert ws["H2"].number_format == '0%" (n=5)"'
    assert ws["H3"].number_format == '0%" (n=2)*"'
    assert ws["K3"].number_format == 'General" (n=2)*"'
    assert ws["A4"].value == "Total" and ws["A4"].font.bold
    assert ws.page_setup.orientation == "landscape"
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "Actions overdue at the end of each week" in texts
    assert any(t.startswith("n = the number each rate") for t in texts)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        charts = [n for n in zf.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 2
        xml = b"".join(zf.read(n) for n in charts)
    assert b"<c:barChart>" in xml and b"<c:dLbls>" in xml
    assert b"40% (n=5)" in xml and b"50% (n=2)*" in xml  # the labels carry n
    assert b"Supervisor!$H$2:$H$3" in xml


cells = st.sampled_from(["", "Y", "2026-11-02", "2026-11-05", "2026-11-20", "2026-12-01",
                         "2026-10-12"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["2026-09-30", "2026-11-02", "2026-11-19",
                                           "2026-11-20", "2026-11-25"]),
                          st.sampled_from(["Ana", "Bo", ""]),
                          st.sampled_from(["", "Offer", "Hired", "Not Selected"]),
                          st.lists(cells, max_size=3), st.lists(cells, max_size=3)),
                min_size=1, max_size=8),
       st.dates(min_value=date(2026, 10, 1), max_value=date(2026, 12, 10)))
def test_figures_always_add_up(rows, as_of):
    interviews, people, calls = [], [], []
    for i, (day, worker, outcome, sent, called) in enumerate(rows):
        interviews.append(interview(f"I{i}", day, client=f"C{i}", worker=worker,
                                    outcome=outcome))
        people += [[f"I{i}", f"Person {i} {j}", "", v] for j, v in enumerate(sent)]
        calls += [[f"I{i}", v, ""] for v in called if v not in ("", "Y")]
    c = caseload(template(interviews, people, calls))
    actions = evaluate(c, as_of=as_of)
    view = supervisor_view(actions)
    t, total = view.table, view.table.iloc[-1]
    counts = [col for col in sv.SUPERVISOR_COLUMNS[1:] if col not in sv.WITH_N]
    assert (t[counts].iloc[:-1].sum() == total[counts]).all()
    judged = t["Thank-Yous On Time"] + t["Thank-Yous Late"] + t["Thank-Yous Missing"]
    assert (judged + t["Thank-Yous Undated"] <= t["Thank-Yous Due"]).all()
    assert (view.n["On-Time Thank-You Rate"] == judged).all()
    rate = t["On-Time Thank-You Rate"].to_numpy(dtype=float)
    assert np.isnan(rate[judged.to_numpy() == 0]).all()
    assert ((rate[judged.to_numpy() > 0] >= 0) & (rate[judged.to_numpy() > 0] <= 1)).all()
    assert (t["Offers"] <= t["Closed"]).all() and (t["Closed"] <= t["Interviews"]).all()
    if np.is_busday(as_of, busdaycal=actions.calendar):
        overdue = int((actions.data.status == Status.OVERDUE).sum())
        assert view.backlog["Total"].iloc[-1] == overdue


def test_cli_period_options(tmp_path, capsys):
    from followkit.cli import main
    from tests.conftest import write_xlsx

    tracker = write_xlsx(tmp_path / "tracker.xlsx", template(
        [interview("I1", date(2026, 11, 2), worker="Sam"),
         interview("I2", date(2026, 10, 5), client="C2", worker="Sam")],
        [["I1", "Ivy Lund", "", date(2026, 11, 3)], ["I2", "Karl Moss", "", ""]]))
    out = tmp_path / "report.xlsx"
    assert main(["report", str(tracker), "--as-of", "2026-11-20", "--from", "2026-11-01",
                 "--to", "2026-11-15", "-o", str(out)]) == 0
    ws = openpyxl.load_workbook(out)["Supervisor"]
    assert [c.value for c in ws[2]][:8] == ["Sam", 1, 1, 1, 0, 0, 0, 1.0]
    assert ws["H2"].number_format == '0%" (n=1)*"'
    assert "Supervisor: 01 Nov 2026 to 15 Nov 2026" in ws.oddHeader.left.text
    capsys.readouterr()
    assert main(["report", str(tracker), "--as-of", "2026-11-20", "--from", "2026-11-16",
                 "--to", "2026-11-15", "-o", str(tmp_path / "r2.xlsx")]) == 2
    assert capsys.readouterr().err.strip() == (
        "followkit: the period starts on 2026-11-16 (--from), after it ends on 2026-11-15 "
        "(--to)")
    assert not (tmp_path / "r2.xlsx").exists()


def test_a_worker_called_total_is_not_the_total_row():
    c = caseload(template([interview("I1", "2026-11-02", worker="Total"),
                           interview("I2", "2026-11-03", client="C2", worker="Ana")]))
    view = supervisor_view(evaluate(c, as_of=AS_OF))
    assert view.table["Worker"].tolist() == ["Ana", "Total (worker)", "Total"]
    assert view.table["Interviews"].tolist() == [1, 1, 2]
    assert view.backlog.columns.tolist()[3:] == ["Ana", "Total (worker)", "Total"]
