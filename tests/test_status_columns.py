"""Which column is the status is decided by content (issue #21, item 4)."""

from __future__ import annotations

from datetime import date

import pytest

from followkit.reading.load import load_caseloads

AS_OF = date(2026, 11, 20)


@pytest.mark.parametrize("flags", [("ja", "nein", "ja"), ("TRUE", "FALSE", "TRUE"),
                                   ("\u2713", "\u2717", "\u2713"), ("Y", "N", "G")])
def test_a_column_of_flags_is_never_the_outcome(tmp_path, flags):
    path = tmp_path / "t.csv"
    rows = "".join(f"{e},Clerk,2026-11-0{i + 2},{f}\n"
                   for i, (e, f) in enumerate(zip(["Aspen", "Birch", "Cedar"], flags,
                                                  strict=True)))
    path.write_text("Company,Position,Interview Date,Response\n" + rows, encoding="utf-8")
    c = load_caseloads([path], as_of=AS_OF)
    assert list(c.interviews["Outcome"]) == ["Pending"] * 3
    assert not c.issues["Problem"].str.contains("unknown Outcome").any()


def test_status_words_win_over_free_text_and_a_close_call_keeps_the_header_order(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("Company,Position,Interview Date,Outcome,Current Status\n"
                    "Aspen,Clerk,2026-11-02,nice people,rejected\n"
                    "Birch,Cook,2026-11-03,long commute,hired\n", encoding="utf-8")
    c = load_caseloads([path], as_of=AS_OF)
    assert list(c.interviews["Outcome"]) == ["Not Selected", "Hired"]
    both = tmp_path / "both.csv"
    both.write_text("Company,Position,Interview Date,Outcome,Current Status\n"
                    "Aspen,Clerk,2026-11-02,rejected,hired\n", encoding="utf-8")
    assert list(load_caseloads([both], as_of=AS_OF).interviews["Outcome"]) == [
        "Not Selected"]
