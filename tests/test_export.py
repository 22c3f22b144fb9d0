import zipfile
from datetime import date, datetime

import openpyxl
import pytest

from followkit.core.errors import OutputError
from followkit.report.build import build_report, sheet_order
from followkit.report.workbook import FILL_IN_SHEETS, report_bytes, write_report
from followkit.rules.engine import evaluate
from tests.conftest import caseload, interview, template

AS_OF = date(2026, 11, 27)
FORMULA_LIKE = ["=1+1", "+1-555-0101", "-5", "@SUM(A1)", "\tTAB", "=HYPERLINK(\"x\")"]


@pytest.fixture
def report():
    c = caseload(template(
        [interview("I1", date(2026, 11, 20), name=FORMULA_LIKE[0], employer=FORMULA_LIKE[3]),
         interview("I2", "nonsense", client="C2", name=FORMULA_LIKE[2])],
        [["I1", FORMULA_LIKE[1], "", ""], ["I1", "Raj Patel", "", "Y"]],
        [["I1", "2026-11-25", FORMULA_LIKE[2]]]))
    return build_report(c, evaluate(c, as_of=AS_OF), as_of=AS_OF,
                        generated_at=datetime(2026, 11, 27, 9, 30))


@pytest.fixture
def workbook(report, tmp_path):
    path = write_report(report, tmp_path / "report.xlsx")
    return openpyxl.load_workbook(path)


def header(ws):
    return [c.value for c in ws[1]]


def test_sheets_in_spec_order(workbook):
    assert workbook.sheetnames == list(sheet_order())


def test_column_names_match_the_report(workbook, report):
    for name, frame in report.tables().items():
        fill_in = ["Done On", "Record"] if name in FILL_IN_SHEETS else []
        expected = list(frame.columns) + fill_in
        if name == "Calls":  # Contact holds the employer's phone: shown once (issue #13)
            expected.remove("Employer Phone")
        got = header(workbook[name])
        if name not in FILL_IN_SHEETS:
            assert got == expected, name
            continue
        # Action sheets (issue #13): the printed columns first, then every other
        # column in the report's order; none lost, none added.
        assert sorted(got) == sorted(expected), name
        printed = ["Due Date", "Status", "Action", "Client Name", "Employer", "Contact",
                   "Details", "Done On", "Record"]
        if name == "Calls":
            printed.remove("Action")
        else:
            printed.remove("Contact")
        if name in ("References", "Decision Dates", "Job Search"):
            printed.remove("Action")
        assert got[:len(printed)] == printed, name
        assert got[len(printed):] == [c for c in expected if c not in printed], name


def test_action_sheets_carry_keys_and_fill_in_columns(workbook):
    thanks = workbook["Thank-Yous"]
    cols = header(thanks)
    # Issue #13: the fill-in columns sit right after Details, on the printed page.
    at = cols.index("Details") + 1
    assert cols[at:at + 2] == ["Done On", "Record"]
    rows = [[c.value for c in r] for r in thanks.iter_rows(min_row=2)]
    keyed = sorted((r[cols.index("Interview ID")], r[cols.index("Interviewer")]) for r in rows)
    assert keyed == [("I1", "+1-555-0101")]
    assert all(r[at] is None and r[at + 1] is None for r in rows)
    rules = {str(dv.sqref): dv for dv in workbook["Calls"].data_validations.dataValidation}
    calls_cols = header(workbook["Calls"])
    done_col = openpyxl.utils.get_column_letter(calls_cols.index("Done On") + 1)
    record_col = openpyxl.utils.get_column_letter(calls_cols.index("Record") + 1)
    assert rules[f"{done_col}2:{done_col}202"].type == "date"
    assert rules[f"{record_col}2"].formula1 == (
        '"No answer,Left voicemail,Still deciding,Offer,Hired,Not selected"')
    todo = workbook["To Do"]
    todo_cols = header(todo)
    actions = [r[todo_cols.index("Action")].value for r in todo.iter_rows(min_row=2)]
    lists = [ref for dv in todo.data_validations.dataValidation if dv.type == "list"
             for ref in str(dv.sqref).split()]
    letter = openpyxl.utils.get_column_letter(todo_cols.index("Record") + 1)
    call_rows = [i + 2 for i, a in enumerate(actions) if a == "Follow-up call"]
    assert all(ref.startswith(letter) for ref in lists)
    assert call_rows and all(any(_covers(ref, n) for ref in lists) for n in call_rows)
    other = [i + 2 for i, a in enumerate(actions) if a != "Follow-up call"]
    assert not any(_covers(ref, n) for ref in lists for n in other)


def _covers(ref, row):
    first, _, last = ref.partition(":")
    low = int("".join(ch for ch in first if ch.isdigit()))
    high = int("".join(ch for ch in (last or first) if ch.isdigit()))
    return low <= row <= high


def test_dates_are_real_excel_dates(workbook):
    ws = workbook["To Do"]
    cols = header(ws)
    due = ws.cell(row=2, column=cols.index("Due Date") + 1)
    assert due.value == datetime(2026, 11, 20)
    assert due.is_date
    assert ws.cell(row=2, column=cols.index("Days Overdue") + 1).value == 7


def test_no_cell_is_a_formula_and_text_survives(workbook, report, tmp_path):
    seen = set()
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    seen.add(cell.value)
                    if cell.value.startswith(("=", "+", "-", "@")):
                        assert cell.quotePrefix or cell.fill.fgColor.rgb != "00000000"
    assert set(FORMULA_LIKE[:4]) <= seen
    raw = report_bytes(report)
    with zipfile.ZipFile(__import__("io").BytesIO(raw)) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert b"<f>" not in zf.read(name), name


def test_status_cells_are_coloured(workbook):
    ws = workbook["To Do"]
    cols = header(ws)
    fills = {ws.cell(row=r, column=cols.index("Status") + 1).value:
             ws.cell(row=r, column=cols.index("Status") + 1).fill.fgColor.rgb
             for r in range(2, ws.max_row + 1)}
    assert fills["Overdue"] == "FFF8CBAD"
    assert fills["Upcoming"] == "FFC6EFCE"


FROZEN = {"To Do": "E2", "Thank-Yous": "E2", "Calls": "D2", "References": "D2",
          "Decision Dates": "D2", "Job Search": "D2", "Clients": "C2", "Interviews": "D2",
          "Applications": "D2"}


def test_header_is_bold_frozen_filtered_and_printable(workbook):
    for name in sheet_order()[1:]:
        ws = workbook[name]
        # Issue #13: the header row and the columns up to the client's name.
        assert ws.freeze_panes == FROZEN.get(name, "A2"), name
        assert ws["A1"].font.bold
        assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A1:")
        assert ws.page_setup.orientation == "landscape"
        assert ws.print_title_rows in ("1:1", "$1:$1")
        assert ws.column_dimensions["A"].width >= 8


def test_summary_sheet(workbook):
    ws = workbook["Summary"]
    values = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value
              for r in range(1, 20)}
    assert values["As of"] == "Friday 27 November 2026"
    assert values["Input file"] == "tracker.xlsx"
    assert values["Generated at"] == "2026-11-27 09:30"
    assert values["Data issues"] == "1 error, 0 warnings"


def test_interviews_sheet_keeps_rows_that_were_not_evaluated(workbook):
    ws = workbook["Interviews"]
    cols = header(ws)
    assert ws.max_row == 3
    assert ws.cell(row=3, column=cols.index("Interview Date") + 1).value == "nonsense"
    assert ws.cell(row=3, column=cols.index("Step 1 Decision Date") + 1).value == \
        "Not evaluated"


def test_contacts_can_be_left_out(report, tmp_path):
    path = write_report(report, tmp_path / "print.xlsx", include_contacts=False)
    wb = openpyxl.load_workbook(path)
    for name in ("To Do", "Thank-Yous", "Calls"):
        assert not {"Contact", "Email", "Employer Phone"} & set(header(wb[name])), name


def test_contacts_left_out_of_the_interviews_sheet_too(tmp_path):
    header_row = ["Client ID", "Client Name", "Interview Date", "Phone", "Interviewer 1",
                  "Interviewer Email 1", "Notes"]
    c = caseload({"Tracker": [header_row, ["C1", "Ana", "2026-11-20", "905 555 0101",
                                           "Sofia", "s@m.example", "ok"]]})
    rep = build_report(c, evaluate(c, as_of=AS_OF), as_of=AS_OF)
    wb = openpyxl.load_workbook(write_report(rep, tmp_path / "p.xlsx", include_contacts=False))
    assert header(wb["Interviews"])[:5] == ["Client ID", "Client Name", "Interview Date",
                                           "Interviewer 1", "Notes"]


def test_refuses_to_write_over_the_input(report, tmp_path):
    source = tmp_path / "tracker.xlsx"
    source.write_bytes(b"precious")
    with pytest.raises(OutputError, match="refusing to write the report over the input"):
        write_report(report, source, protect=(source,))
    assert source.read_bytes() == b"precious"


def test_failed_write_keeps_the_previous_report(report, tmp_path, monkeypatch):
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"last week's report")

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("followkit.report.workbook._summary_sheet", boom)
    with pytest.raises(RuntimeError, match="disk full"):
        write_report(report, target)
    assert target.read_bytes() == b"last week's report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]


def test_missing_folder_is_a_clear_error(report, tmp_path):
    with pytest.raises(OutputError, match="folder .* does not exist"):
        write_report(report, tmp_path / "nope" / "r.xlsx")


def test_call_results_drop_down_covers_exactly_the_call_rows(sample_file, tmp_path):
    from followkit.pipeline import run_report

    path = run_report(sample_file, as_of=date(2026, 11, 20), output=tmp_path / "r.xlsx").output
    ws = openpyxl.load_workbook(path)["To Do"]
    cols = header(ws)
    calls = {cells[0].row for cells in ws.iter_rows(min_row=2)
             if cells[cols.index("Action")].value == "Follow-up call"}
    rules = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    covered = {row for dv in rules for rng in dv.sqref.ranges
               for row in range(rng.min_row, rng.max_row + 1)}
    assert len(rules) == 1 and len(calls) > 1 and covered == calls


def test_a_report_streamed_or_kept_in_memory_holds_the_same_cells(report, tmp_path,
                                                                  monkeypatch):
    """Up to STREAM_CELLS the rows are kept in memory (text in the shared strings
    table); above it they are streamed (inline strings): the cells are the same."""
    from python_calamine import CalamineWorkbook

    from followkit.report import workbook as wb

    assert wb.report_cells(report) == report.interviews.size + 2 * len(
        report.open_actions) * 20
    kept = write_report(report, tmp_path / "kept.xlsx")
    monkeypatch.setattr(wb, "STREAM_CELLS", 0)
    streamed = write_report(report, tmp_path / "streamed.xlsx")
    with zipfile.ZipFile(kept) as a, zipfile.ZipFile(streamed) as b:
        assert "xl/sharedStrings.xml" in a.namelist()
        assert "xl/sharedStrings.xml" not in b.namelist()

    def cells(path):
        book = CalamineWorkbook.from_path(str(path))
        return {n: book.get_sheet_by_name(n).to_python() for n in book.sheet_names}

    assert cells(kept) == cells(streamed)
