from datetime import date

import pytest

from followkit.core.errors import UnreadableFileError
from followkit.core.io import read_workbook, write_csv
from followkit.reading.load import load_caseload
from tests.conftest import INTERVIEW_HEADER, interview, write_xlsx

CSV = "Client ID,Client Name,Interview Date,Employer\n007,Zoë Côté,20/11/2026,Café Rêve\n"


@pytest.mark.parametrize(("encoding", "prefix"), [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"),
                                                   ("cp1252", b"")])
def test_csv_encodings(tmp_path, encoding, prefix):
    path = tmp_path / "t.csv"
    path.write_bytes(prefix + CSV.encode(encoding))
    c = load_caseload(path)
    iv = c.interviews.iloc[0]
    assert (iv["Client ID"], iv["Client Name"], iv["Employer"]) == ("007", "Zoë Côté",
                                                                    "Café Rêve")
    assert iv["_row"] == 2


def test_semicolon_csv(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(CSV.replace(",", ";"), encoding="utf-8")
    assert load_caseload(path).interviews["Client Name"].tolist() == ["Zoë Côté"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.xlsx", b"", "the file is empty"),
        ("~$tracker.xlsx", b"lock", "Excel's lock file"),
        ("page.xlsx", b"<html><body>hi</body></html>", "content is a text or web page file"),
        ("cut.xlsx", b"PK\x03\x04\x14\x00\x00\x00broken", "damaged or incomplete"),
        ("data.bin", b"\x00\x01\x02\x03", "unsupported file type '.bin'"),
    ],
)
def test_unreadable_files_say_why(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableFileError, match=message):
        read_workbook(path)


def test_csv_named_xlsx_is_refused_with_advice(tmp_path):
    path = tmp_path / "t.xlsx"
    path.write_text(CSV)
    with pytest.raises(UnreadableFileError, match=r"save it from your spreadsheet program"):
        read_workbook(path)


def test_xlsx_rows_are_excel_rows(tmp_path):
    path = write_xlsx(tmp_path / "t.xlsx", {"Interviews": [
        ["Tracker"], [], INTERVIEW_HEADER, interview("I1", date(2026, 11, 20))]})
    sheet = read_workbook(path).sheets[0]
    assert sheet.rows[2][0] == "Interview ID"
    assert load_caseload(path).interviews["_row"].tolist() == [4]


def test_reading_never_writes_the_input(tmp_path):
    path = write_xlsx(tmp_path / "t.xlsx", {"Interviews": [INTERVIEW_HEADER,
                                                           interview("I1", date(2026, 11, 20))]})
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    load_caseload(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_csv_output_quotes_everything_and_defuses_formulas(tmp_path):
    import pandas as pd

    path = write_csv(pd.DataFrame({"a": ["=1+1", "ok", "-2", "@x"], "b": [1, 2, 3, 4]}),
                     tmp_path / "o.csv")
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines == ['"a","b"', '"\'=1+1","1"', '"ok","2"', '"\'-2","3"', '"\'@x","4"']
