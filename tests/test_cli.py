import subprocess
import sys
from datetime import date

import openpyxl
import pytest

from followkit.cli import main
from followkit.core.io import safe_file_part
from followkit.report.build import sheet_order


def run(*args):
    return main([str(a) for a in args])


def test_sample_report_round_trip(tmp_path, capsys):
    tracker = tmp_path / "tracker.xlsx"
    assert run("sample", tracker, "--clients", 20, "--seed", 3, "--as-of", "2026-11-20") == 0
    before = tracker.read_bytes()
    out = tmp_path / "report.xlsx"
    assert run("report", tracker, "--as-of", "2026-11-20", "-o", out) == 0
    printed = capsys.readouterr().out
    assert "Follow-up report for tracker.xlsx as of 2026-11-20" in printed
    assert "Send thank-you" in printed and "Report written to" in printed
    assert tracker.read_bytes() == before  # the input is never written
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == list(sheet_order())
    todo = wb["To Do"]
    # Issue #13: the printed columns come first (Days Overdue moved after them).
    assert [c.value for c in todo[1]][:4] == ["Due Date", "Status", "Action", "Client Name"]
    assert all(todo.cell(row=r, column=1).is_date for r in range(2, todo.max_row + 1))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            assert all(c.data_type != "f" for c in row)


def test_flat_csv_and_template_layouts_give_the_same_counts(tmp_path, capsys):
    for name, extra in (("t.xlsx", []), ("f.xlsx", ["--flat"]), ("f.csv", [])):
        assert run("sample", tmp_path / name, "--clients", 15, "--as-of", "2026-11-20",
                   *extra) == 0
    tables = []
    for name in ("t.xlsx", "f.xlsx", "f.csv"):
        capsys.readouterr()
        assert run("report", tmp_path / name, "--as-of", "2026-11-20", "-o",
                   tmp_path / f"r-{name}.xlsx") == 0
        lines = capsys.readouterr().out.splitlines()
        tables.append(lines[1:8])
    assert tables[0] == tables[1] == tables[2]


def test_bad_input_is_one_clear_line_and_exit_2(tmp_path, capsys):
    bad = tmp_path / "notes.xlsx"
    bad.write_text("this is not a spreadsheet")
    assert run("report", bad, "--as-of", "2026-11-20", "-o", tmp_path / "r.xlsx") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("followkit: cannot read ")
    assert "notes.xlsx" in err and "Traceback" not in err


def test_missing_file(tmp_path, capsys):
    assert run("report", tmp_path / "nope.xlsx") == 2
    assert "no such file" in capsys.readouterr().err


def test_missing_column_message(tmp_path, capsys):
    csv = tmp_path / "t.csv"
    csv.write_text("Client ID,Client Name,Intervew Date\nC1,Ana,2026-11-20\n")
    assert run("report", csv, "-o", tmp_path / "r.xlsx") == 2
    assert capsys.readouterr().err == (
        "followkit: 't.csv', sheet 't': required column 'Interview Date' not found in the "
        "header row (row 1); the closest header found is 'Intervew Date'\n")


def test_worker_filter_and_split(tmp_path, capsys):
    tracker = tmp_path / "tracker.xlsx"
    run("sample", tracker, "--clients", 12, "--as-of", "2026-11-20")
    out = tmp_path / "priya.xlsx"
    assert run("report", tracker, "--as-of", "2026-11-20", "--worker", "Priya Sharma",
               "-o", out, "--split-by-worker", tmp_path / "split") == 0
    wb = openpyxl.load_workbook(out)
    workers = {r[0] for r in wb["Clients"].iter_rows(min_row=2, min_col=3, max_col=3,
                                                     values_only=True)}
    assert workers == {"Priya Sharma"}
    files = sorted(p.name for p in (tmp_path / "split").iterdir())
    assert files == ["followkit-report-2026-11-20-Amara Okafor.xlsx",
                     "followkit-report-2026-11-20-Daniel Tremblay.xlsx",
                     "followkit-report-2026-11-20-Priya Sharma.xlsx"]


def test_policy_file(tmp_path, capsys):
    tracker = tmp_path / "tracker.xlsx"
    run("sample", tracker, "--clients", 12, "--as-of", "2026-11-20")
    policy = tmp_path / "p.toml"
    policy.write_text("first_call_dayz = 3\n")
    assert run("report", tracker, "--policy", policy, "-o", tmp_path / "r.xlsx") == 2
    assert "unknown setting 'first_call_dayz'" in capsys.readouterr().err


def test_template_has_instructions_and_drop_downs(tmp_path):
    out = tmp_path / "blank.xlsx"
    assert run("template", out) == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Instructions", "Interviews", "Interviewers", "Calls",
                             "Job Search"]
    interviews = wb["Interviews"]
    assert [c.value for c in interviews[1]][:3] == ["Interview ID", "Client ID", "Client Name"]
    lists = [dv.formula1 for dv in interviews.data_validations.dataValidation]
    assert '"Pending,Offer,Hired,Not Selected,Withdrawn"' in lists
    assert '"Y,N"' in lists


def test_sample_is_deterministic(tmp_path):
    from followkit.datasets import make_sample

    a = make_sample(n_clients=25, seed=5, as_of=date(2026, 11, 20))
    b = make_sample(n_clients=25, seed=5, as_of=date(2026, 11, 20))
    for name, frame in a.tables().items():
        assert frame.equals(b.tables()[name]), name


@pytest.mark.parametrize(("text", "safe"), [("Priya Sharma", "Priya Sharma"),
                                            ('a/b\\c:d*?"<>|', "a b c d"), ("", "unassigned"),
                                            ("..", "unassigned"), ("CON.", "_CON"),
                                            ("lpt1.txt", "_lpt1.txt"), ("a" * 80, "a" * 60)])
def test_safe_file_part(text, safe):
    assert safe_file_part(text) == safe


def test_python_dash_m_and_help_are_quick_to_start():
    done = subprocess.run([sys.executable, "-m", "followkit", "--help"], capture_output=True,
                          text=True, check=True)
    assert "report" in done.stdout and "sample" in done.stdout
    imported = subprocess.run(
        [sys.executable, "-c", "import sys, followkit.cli; followkit.cli._parser(); "
                               "print(sorted(m for m in ('matplotlib', 'ipywidgets', "
                               "'xlsxwriter', 'holidays') if m in sys.modules))"],
        capture_output=True, text=True, check=True)
    assert imported.stdout.strip() == "[]"


def test_unexpected_errors_show_no_data(tmp_path, capsys, monkeypatch):
    tracker = tmp_path / "tracker.xlsx"
    run("sample", tracker, "--clients", 12, "--as-of", "2026-11-20")

    def broken(*args, **kwargs):
        raise ValueError("Ana Lima 905-555-0101")

    monkeypatch.setattr("followkit.rules.engine.evaluate", broken)
    monkeypatch.delenv("FOLLOWKIT_DEBUG", raising=False)
    assert run("report", tracker, "-o", tmp_path / "r.xlsx") == 1
    err = capsys.readouterr().err
    assert err == ("followkit: unexpected error (ValueError); nothing was written. Run again "
                   "with FOLLOWKIT_DEBUG=1 to see the details.\n")
    assert not (tmp_path / "r.xlsx").exists()


def test_a_closed_pipe_is_not_reported_as_an_error(tmp_path):
    """`followkit report ... | head -1`: the report is written, and no "unexpected
    error; nothing was written" follows, which would be false."""
    import os

    from followkit.datasets import bundled_sample_path

    read, write = os.pipe()
    os.close(read)  # the reader is gone before anything is printed
    done = subprocess.run(
        [sys.executable, "-m", "followkit", "report", str(bundled_sample_path()), "--as-of",
         "2026-11-20", "-o", str(tmp_path / "r.xlsx")], stdout=write, stderr=subprocess.PIPE,
        text=True, timeout=120)
    os.close(write)
    assert (done.returncode, done.stderr) == (141, "")
    assert (tmp_path / "r.xlsx").stat().st_size > 10_000
