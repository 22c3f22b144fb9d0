"""A sheet that repeats another is read once (issue #21, item 5); weekly tabs are not."""

from __future__ import annotations

from datetime import date

from followkit.reading.load import load_caseloads
from tests.conftest import write_xlsx

AS_OF = date(2026, 11, 20)
HEADER = ["Company", "Position", "Date Applied", "Status"]
ROWS = [["Sage Bistro", "Cook", date(2026, 11, 2), "applied"],
        ["Teal Motors", "Attendant", date(2026, 11, 3), "rejected"]]


def test_a_superset_copy_is_not_read_and_named(tmp_path):
    copy = [[*HEADER, "Source"], *[[*r[:3], r[3].title(), "web"] for r in ROWS]]
    path = write_xlsx(tmp_path / "t.xlsx", {"Mine": [HEADER, *ROWS], "Tidy": copy})
    c = load_caseloads([path], as_of=AS_OF)
    assert len(c.listed) == 2
    assert list(c.skipped_sheets) == ["Tidy: a copy of 'Mine' (the same 2 rows), not read"]


def test_tabs_with_the_same_header_and_other_rows_are_all_read(tmp_path):
    other = [["Umber Books", "Clerk", date(2026, 11, 9), "applied"]]
    path = write_xlsx(tmp_path / "t.xlsx", {"Week 1": [HEADER, *ROWS],
                                            "Week 2": [HEADER, *other]})
    c = load_caseloads([path], as_of=AS_OF)
    assert len(c.listed) == 3
    assert list(c.skipped_sheets) == []


def test_same_rows_with_unrelated_headers_are_both_read(tmp_path):
    # Same keys, but the second sheet's headers are neither a subset nor a superset.
    second = [["Company", "Position", "Date Applied", "Result"], *ROWS]
    path = write_xlsx(tmp_path / "t.xlsx", {"A": [HEADER, *ROWS], "B": second})
    c = load_caseloads([path], as_of=AS_OF)
    assert len(c.listed) == 4
