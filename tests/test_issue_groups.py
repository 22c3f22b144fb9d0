"""Data issues one line per kind (issue #21, item 8): Summary, printed summary, banner."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from followkit.dashboard.notices import issues_banner
from followkit.reading.issue_groups import group_issues, group_lines
from followkit.session.session import Session

AS_OF = date(2026, 11, 20)


def _issues(rows: list[tuple[str, int, str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["Sheet", "Row", "Column", "Problem", "Severity"])


def test_same_problem_with_other_values_is_one_kind_with_its_first_rows():
    issues = _issues([
        ("Week 1", 4, "Status", "unknown Outcome 'Bailed'", "warning"),
        ("Week 1", 6, "Status", "unknown Outcome 'Gone'", "warning"),
        ("Week 2", 2, "Status", "unknown Outcome 'Hmm'", "warning"),
        ("Week 2", 3, "Status", "unknown Outcome 'Meh'", "warning"),
        ("Week 2", 5, "", "this row has 21 fields but the header has 20", "error"),
        ("Week 2", 7, "", "this row has 19 fields but the header has 20", "error"),
    ])
    assert group_lines(issues, most=5) == [
        "error: 2 rows ('Week 2' rows 5, 7): this row has 21 fields but the header has 20",
        "warning: 4 rows ('Week 1' rows 4, 6; 'Week 2' row 2, …, column 'Status'): "
        "unknown Outcome 'Bailed'",
    ]


def test_other_columns_and_other_words_are_other_kinds_and_the_rest_is_counted():
    issues = _issues([
        ("S", 2, "Applied", "unreadable date '8/82019'", "warning"),
        ("S", 3, "Interview", "unreadable date 'soon'", "warning"),
        ("S", 4, "Applied", "date 'Oct 28th' has no year", "warning"),
    ])
    assert [g.rows for g in group_issues(issues)] == [1, 1, 1]
    assert group_lines(issues, most=1)[1:] == ["… and 2 more kinds of problem"]
    assert group_lines(issues, most=2)[2:] == ["… and 1 more kind of problem"]


@given(st.lists(st.tuples(st.sampled_from(["A", "B"]), st.integers(2, 500),
                          st.sampled_from(["", "Status", "Date"]),
                          st.sampled_from(["unknown Outcome 'x'", "unknown Outcome 'y'",
                                           "unreadable date '3/3'", "no interview date"]),
                          st.sampled_from(["error", "warning"])), max_size=40))
def test_every_issue_is_in_exactly_one_kind(rows):
    groups = group_issues(_issues(rows))
    assert sum(g.rows for g in groups) == len(rows)
    errors_first = [g.severity for g in groups]
    assert errors_first == sorted(errors_first)  # "error" < "warning"


def test_report_summary_and_printed_summary_name_the_kinds(tmp_path: Path):
    path = tmp_path / "list.csv"
    path.write_text("Company,Position,Interview Date,Status\n"
                    "Alder Tiles,Helper,2026-11-02,Frobnicated\n"
                    "Birch Cafe,Server,2026-11-03,Zonked\n", encoding="utf-8")
    session = Session.open(path, as_of=AS_OF)
    report = session.report(AS_OF)
    kinds = [(k, v) for k, v in report.info if k in ("Data issues by kind", "")]
    assert [k for k, _ in kinds] == ["Data issues by kind", ""]
    assert kinds[0][1].startswith("warning: 2 rows ('list' rows 2, 3, column 'Status'): "
                                  "unknown Outcome 'Frobnicated'")
    printed = session.summary_text(report).splitlines()
    assert "  " + kinds[0][1] in printed
    assert "  " + kinds[1][1] in printed
    assert kinds[1][1].startswith("warning: 1 row ('list' row 1): no Client ID or Client Name")


def test_banner_lists_the_kinds_escaped():
    html = issues_banner(0, 2, ["warning: 2 rows ('<b>' rows 2, 3): unknown Outcome 'x'"])
    assert html == ('<div class="fk-banner"><details><summary>&#9888; 2 values need '
                    'checking: see the Data Issues tab.\n<span class="fk-fold-hint">What they '
                    "are</span></summary>warning: 2 rows (&#39;&lt;b&gt;&#39; rows 2, 3): "
                    "unknown Outcome &#39;x&#39;</details></div>")


def test_banner_kinds_say_what_to_click_not_a_flag():
    html = issues_banner(0, 1, ["warning: 1 row ('list' row 2): who the tracker is about "
                                "(from the file name; name them with --client NAME)"])
    assert "--client" not in html
    assert ("(from the file name; type their name in &#34;Whose tracker is this?&#34;)"
            in html)
