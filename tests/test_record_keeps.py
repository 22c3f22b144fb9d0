"""Recording keeps everything it does not need to change (SPEC §8.1, issue #24).

A tracker with every feature of the issue (tests/xlsx_corpus.py) is reported,
filled as a worker would (a thank-you, a call, a decision date), recorded, and
compared part by part and cell by cell; then reported again.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from followkit.cli import main
from followkit.core.errors import OutputError
from followkit.pipeline import run_report
from followkit.recording.record import record
from followkit.rules import engine as r
from tests.recording import digest, fill_report, is_action
from tests.xlsx_corpus import CALL_FORMAT, FILLED_TO, THANK_YOU_FORMAT, build_tracker

AS_OF = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 16, 45, tzinfo=timezone(timedelta(hours=-5)))
SHEETS = {"Interviews": "xl/worksheets/sheet1.xml", "Interviewers": "xl/worksheets/sheet2.xml",
          "Calls": "xl/worksheets/sheet3.xml"}
# What recording may change (SPEC §8.1): the sheets it writes into, the workbook part,
# its relationships and content types (the log sheet), styles (appended), the table.
MAY_CHANGE = {*SHEETS.values(), "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
              "[Content_Types].xml", "xl/styles.xml", "xl/tables/table1.xml"}


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _cells(xml: bytes) -> dict[str, str]:
    return {m.group(1): m.group(0) for m in re.finditer(
        r'<c r="([A-Z]+\d+)"[^>]*?(?:/>|>.*?</c>)', xml.decode(), re.S)}


def _openable(path: Path) -> openpyxl.Workbook:
    """The workbook in openpyxl, which cannot load the corpus's minimal pivot table: a copy
    without the pivot table's relationship is opened instead."""
    import warnings

    copy = path.with_name(f"openable-{path.name}")
    with zipfile.ZipFile(path) as zf, zipfile.ZipFile(copy, "w") as out:
        for info in zf.infolist():
            data = zf.read(info)
            if info.filename == "xl/worksheets/_rels/sheet5.xml.rels":
                data = re.sub(rb"<Relationship [^>]*pivotTable[^>]*/>", b"", data)
            out.writestr(info, data)
    with warnings.catch_warnings():  # openpyxl's "extension is not supported" (it reads)
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(copy)


def _fill(report: Path) -> Path:
    filled = report.with_name("filled.xlsx")
    fill_report(report, filled, [
        ("Thank-Yous", lambda row: row["Interviewer"] == "Raj Patel", datetime(2026, 11, 18),
         None),
        ("Calls", lambda row: row["Interview ID"] == "I2", datetime(2026, 11, 20),
         "Left voicemail"),
        ("Decision Dates", lambda row: row["Interview ID"] == "I1", datetime(2026, 11, 19),
         datetime(2026, 12, 4))])
    return filled


@pytest.fixture(params=[("tracker.xlsx", "table"), ("tracker.xlsm", "filled")],
                ids=["xlsx-table", "xlsm-filled-down"])
def recorded(request, tmp_path):
    name, calls = request.param
    tracker = build_tracker(tmp_path / name, calls=calls)
    report = tmp_path / "report.xlsx"
    run_report(tracker, as_of=AS_OF, output=report)
    filled = _fill(report)
    before = digest(tracker), tracker.stat().st_mtime_ns
    result = record(tracker, filled, now=NOW)
    assert (digest(tracker), tracker.stat().st_mtime_ns) == before  # never written
    return tracker, report, result, calls


def test_every_other_part_comes_out_byte_for_byte(recorded):
    tracker, _, result, _ = recorded
    before, after = _members(tracker), _members(result.output)
    assert "xl/calcChain.xml" in after  # no formula cell was overwritten: kept
    changed = {n for n in before if before[n] != after.get(n)}
    assert changed <= MAY_CHANGE, changed - MAY_CHANGE
    assert set(after) - set(before) == {"xl/worksheets/sheet7.xml"}  # the log sheet
    for part in ("xl/threadedComments/threadedComment1.xml", "xl/persons/person.xml",
                 "xl/pivotTables/pivotTable1.xml", "xl/drawings/drawing1.xml",
                 "xl/charts/chart1.xml", "xl/metadata.xml", "xl/richData/rdrichvalue.xml",
                 "xl/featurePropertyBag/featurePropertyBag.xml", "xl/comments1.xml"):
        assert after[part] == before[part], part
    if tracker.suffix == ".xlsm":
        assert after["xl/vbaProject.bin"] == before["xl/vbaProject.bin"]
        assert after["xl/vbaProjectSignature.bin"] == before["xl/vbaProjectSignature.bin"]
        assert after["xl/_rels/vbaProject.bin.rels"] == before["xl/_rels/vbaProject.bin.rels"]
    # The dashboard (formulas, sparklines, chart, text box, button, picture in a cell)
    # and the hidden list sheet are not even reparsed.
    assert after["xl/worksheets/sheet5.xml"] == before["xl/worksheets/sheet5.xml"]


def test_in_an_edited_sheet_only_the_recorded_cells_change(recorded):
    tracker, _, result, calls = recorded
    before, after = _members(tracker), _members(result.output)
    logged = {(row[1], f"{_letter(row)}{row[2]}") for row in result.log}
    for sheet, part in SHEETS.items():
        old, new = _cells(before[part]), _cells(after[part])
        differ = {ref for ref in set(old) | set(new) if old.get(ref) != new.get(ref)}
        assert differ == {ref for s, ref in logged if s == sheet}, sheet
    # Formulas keep their cached values (the Days Since column, the computed date).
    interviews = _cells(after[SHEETS["Interviews"]])
    assert interviews["M3"] == '<c r="M3" s="3"><f>DATE(2026,11,20)-G3</f><v>8</v></c>'
    assert "<f>G4+14</f><v>46356</v>" in interviews["I4"]


def _letter(row: list) -> str:
    """The column letter of a log row (a header label resolved by the sheet's header)."""
    return {"Thank-You Sent": "D", "Interview ID": "A", "Call Date": "B", "Result": "C",
            "Decision Date": "I"}[row[3]]


def test_the_new_call_is_after_the_last_call_in_the_table_with_its_formats(recorded):
    _, _, result, calls = recorded
    calls_rows = [row for row in result.log if row[1] == "Calls"]
    assert {row[2] for row in calls_rows} == {4}  # two calls: rows 2-3; not row 501
    wb = _openable(result.output)
    ws = wb["Calls"]
    assert [ws.cell(4, c).value for c in (1, 2, 3)] == ["I2", datetime(2026, 11, 20),
                                                        "Left voicemail"]
    assert ws.cell(4, 2).number_format == CALL_FORMAT  # the column's own date format
    if calls == "table":
        assert ws.tables["CallLog"].ref == "A1:C4"
    else:
        assert ws.cell(5, 4).value == '=IF(B5="","",DATE(2026,11,20)-B5)'  # left as it was
        assert ws.max_row == FILLED_TO
        assert [str(dv.sqref) for dv in ws.data_validations.dataValidation] == ["C2:C4"]
    thanks = wb["Interviewers"]["D2"]
    assert (thanks.value, thanks.number_format) == (datetime(2026, 11, 18), THANK_YOU_FORMAT)
    assert thanks.font.color.rgb == "FF1F4E79"  # the cell's own font kept


def test_the_next_report_is_the_first_with_exactly_the_recorded_actions_done(recorded):
    tracker, _, result, _ = recorded
    first = run_report(tracker, as_of=AS_OF)
    then = run_report(result.output, as_of=AS_OF)
    assert len(then.caseload.issues) == len(first.caseload.issues)
    done = {(r.SEND_THANK_YOU, "I1", "Raj Patel"), (r.ASK_DECISION, "I1", ""),
            (r.FOLLOW_UP_CALL, "I2", "")}

    def rest(run) -> pd.DataFrame:
        todo = run.report.todo
        keys = list(zip(todo["Action"], todo["Interview ID"], todo["Interviewer"],
                        strict=True))
        keep = [k not in done and not (k[0] == r.FOLLOW_UP_CALL and k[1] in ("I1", "I2"))
                for k in keys]
        return todo[keep].reset_index(drop=True)

    pd.testing.assert_frame_equal(rest(then), rest(first))
    todo = then.report.todo
    assert not ((todo["Action"] == r.SEND_THANK_YOU) & (todo["Interviewer"] == "Raj Patel")).any()
    assert not ((todo["Action"] == r.ASK_DECISION) & (todo["Interview ID"] == "I1")).any()
    call = todo[(todo["Action"] == r.FOLLOW_UP_CALL) & (todo["Interview ID"] == "I2")]
    assert list(call["Due Date"]) == [pd.Timestamp("2026-11-27")]


def test_a_second_run_and_o_onto_a_file_leave_them_as_they_were(recorded, capsys):
    tracker, report, result, _ = recorded
    first = digest(result.output)
    filled = report.with_name("filled.xlsx")
    with pytest.raises(OutputError, match=r"already exists .* left as it is and nothing was "
                                          r"written\. Give another name with -o, or add "
                                          r"--replace"):
        record(tracker, filled, now=NOW)
    assert digest(result.output) == first
    other = tracker.with_name("budget" + tracker.suffix)
    openpyxl.Workbook().save(other)
    kept = digest(other)
    assert main(["record", str(tracker), str(filled), "-o", str(other)]) == 2
    assert f"budget{tracker.suffix}' already exists" in capsys.readouterr().err
    assert digest(other) == kept
    assert main(["record", str(tracker), str(filled), "-o", str(other), "--replace"]) == 0
    assert digest(other) != kept


def test_a_formula_cell_overwritten_drops_calc_chain(tmp_path):
    tracker = build_tracker(tmp_path / "tracker.xlsx")
    report = tmp_path / "report.xlsx"
    run_report(tracker, as_of=AS_OF, output=report)
    filled = tmp_path / "filled.xlsx"
    # I2's Outcome is a formula: the call's result "Offer" replaces it.
    fill_report(report, filled, [("Calls", lambda row: row["Interview ID"] == "I2",
                                  datetime(2026, 11, 20), "Offer")])
    result = record(tracker, filled, now=NOW)
    after = _members(result.output)
    assert "xl/calcChain.xml" not in after
    assert "calcChain" not in after["xl/_rels/workbook.xml.rels"].decode()
    assert "calcChain" not in after["[Content_Types].xml"].decode()
    assert _cells(after[SHEETS["Interviews"]])["K3"] == (
        '<c r="K3" t="inlineStr"><is><t>Offer</t></is></c>')


def test_no_library_warning_reaches_the_terminal(recorded, capsys):
    tracker, report, _, _ = recorded
    capsys.readouterr()
    assert main(["record", str(tracker), str(report.with_name("filled.xlsx")), "-o",
                 str(tracker.with_name("again" + tracker.suffix))]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and "warning:" not in captured.out
    assert is_action(r.SEND_THANK_YOU)({"Action": r.SEND_THANK_YOU})
