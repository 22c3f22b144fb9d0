"""What the dashboard says and shows, in-process: status line, notices, drafts, colours."""

from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from followkit.dashboard.notices import (
    date_moved_notice,
    issues_banner,
    problem_html,
    status_line,
)
from followkit.dashboard.widgets import CHART_COLOURS, Dashboard, table_html
from followkit.report.wording import chart_alt, relative_day

AS_OF = date(2026, 11, 20)
TODAY = date(2026, 11, 27)


def upload(board, path, name=None):
    data = path.read_bytes()
    board.upload.value = ({"name": name or path.name, "type": "", "size": len(data),
                           "content": memoryview(data), "last_modified": datetime(2026, 11, 20)},)


def test_status_line_says_who_when_and_how_many_issues():
    line = status_line(workers=["Priya Sharma"], as_of=date(2026, 11, 29),
                       today=date(2026, 11, 29), issues=3, file_name="our <tracker>.xlsx",
                       rows=152)
    assert line == ('<div role="status" aria-live="polite"><b>Priya Sharma</b> · as of '
                    "<b>Sunday 29 November 2026</b> (today) · &#9888; 3 data issues · "
                    "our &lt;tracker&gt;.xlsx: 152 interview rows</div>")
    everyone = status_line(workers=[], as_of=AS_OF, today=TODAY, issues=1, file_name="t.xlsx",
                           rows=1, not_tracked=("job search",))
    assert "<b>All workers</b>" in everyone and "(7 days before today)" in everyone
    assert "1 data issue ·" in everyone and "1 interview row ·" in everyone
    assert everyone.endswith("job search is not tracked in this file</div>")
    assert "no data issues" in status_line(workers=[], as_of=AS_OF, today=AS_OF, issues=0,
                                           file_name="t.xlsx", rows=2)


@pytest.mark.parametrize(("day", "said"), [
    (date(2026, 11, 27), "today"), (date(2026, 11, 26), "yesterday"),
    (date(2026, 11, 28), "tomorrow"), (date(2026, 12, 1), "4 days after today"),
    (date(2025, 11, 27), "365 days before today")])
def test_relative_day(day, said):
    assert relative_day(day, today=TODAY) == said


def test_issue_banner_plurals():
    assert issues_banner(1, 0) == ('<div class="fk-banner">&#9888; 1 row could not be used: '
                                   "see the Data Issues tab.</div>")
    assert "&#9888; 1 value needs checking: see" in issues_banner(0, 1)
    assert "2 rows could not be used and 7 values need checking" in issues_banner(2, 7)


def test_chart_text_alternative_has_every_number():
    per = pd.DataFrame({"Overdue": [3, 0], "Due today": [1, 2], "Upcoming": [0, 5]},
                       index=["Ana", "Ben"])
    assert chart_alt(per) == ("Open follow-up actions per worker. Ana: 3 overdue, 1 due today, "
                              "0 upcoming; Ben: 0 overdue, 2 due today, 5 upcoming.")
    assert chart_alt(per.iloc[:0]) == "Open follow-up actions per worker: none."


# Machado, Oliveira & Fernandes (2009), deuteranopia at full severity, on linear RGB.
DEUTERANOPIA = np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                         [-0.011820, 0.042940, 0.968881]])


def _lab_seen_by_deuteranope(colour: str) -> np.ndarray:
    srgb = np.array([int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    linear = np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)
    seen = np.clip(DEUTERANOPIA @ linear, 0, 1)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                    [0.0193, 0.1192, 0.9505]]) @ seen / np.array([0.95047, 1, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _closest_pair(colours: list[str]) -> float:
    lab = [_lab_seen_by_deuteranope(c) for c in colours]
    return min(float(np.linalg.norm(lab[i] - lab[j]))
               for i in range(len(lab)) for j in range(i + 1, len(lab)))


def test_chart_colours_stay_apart_under_deuteranopia():
    # The old palette's Overdue red and Upcoming green look alike (Delta E 8).
    assert _closest_pair(["#E06666", "#F1C232", "#6AA84F"]) < 10
    assert _closest_pair(list(CHART_COLOURS.values())) > 30


@pytest.fixture
def board():
    return Dashboard(today=TODAY)


def test_thank_yous_link_and_first_draft(board, sample_file):
    upload(board, sample_file)
    board.as_of.value = AS_OF
    board.tabs.selected_index = board.tab_names.index("Thank-Yous")
    page = board.tables["Thank-Yous"].value
    links = int((board.report.thank_yous["Draft Email"] != "").sum())
    assert links > 0 and page.count('class="fk-mailto"') == links
    # each link's name says whom it writes to (never six links all named "Open email")
    named = board.report.thank_yous.query("`Draft Email` != ''")
    assert all(f'target="_blank">Email {who}<br><small>for {client}</small></a>' in page
               for who, client in zip(named["Interviewer"], named["Client Name"], strict=True))
    assert ">mailto:" not in page
    assert board.draft_choice.value == 0
    first = board.report.drafts["Interviewer"].iloc[0]
    assert f"Dear {first}," in board.draft.value


def test_worker_drop_down_names_all_workers(board, sample_file):
    upload(board, sample_file)
    choice = board.worker_choice
    assert choice.options[0] == ("All workers", "") and choice.value == ""
    worker = board.workers.options[1]
    choice.value = worker
    assert board.workers.value == (worker,)
    assert f"<b>{worker}</b>" in board.status.value
    board.workers.value = ()
    assert choice.value == "" and "<b>All workers</b>" in board.status.value


def test_a_date_the_worker_did_not_pick_is_announced(sample_file):
    from followkit.datasets import bundled_sample_path

    board = Dashboard(today=TODAY, input_path=bundled_sample_path(), as_of="2026-11-20")
    upload(board, sample_file)
    assert board.notice.value == date_moved_notice(
        old=AS_OF, new=TODAY, why="sample.xlsx is read as of today, not as of the sample "
                                  "tracker's date")
    assert "from Fri 20 Nov 2026 to <b>Fri 27 Nov 2026</b>" in board.notice.value
    board.as_of.value = date(2026, 11, 25)  # the worker's own choice: nothing to announce
    assert board.notice.value == ""


def test_a_failed_upload_clears_the_old_figures(board, sample_file, tmp_path):
    upload(board, sample_file)
    board.as_of.value = AS_OF
    assert board.counts.value and board.tables["To Do"].value
    bad = tmp_path / "notes.xlsx"
    bad.write_text("just some notes")
    upload(board, bad)
    assert board.report is None and board.loaded is None and board.export_button.disabled
    assert board.counts.value == "" and board.chart.value == ""
    assert all(board.tables[name].value == "" for name in board.tab_names)
    assert board.issues_button.layout.display == "none"
    assert board.status.value.startswith("No file open")
    assert "This file could not be opened, so nothing is shown." in board.banner.value
    assert "What to do: open the file in Excel" in board.banner.value
    assert "notes.xlsx" in board.banner.value
    assert problem_html("a & b").count("a &amp; b") == 1


def test_wide_tables_scroll_sideways_with_the_keyboard():
    html = table_html(pd.DataFrame({"A": ["x"]}))
    assert '<div class="fk-scroll" tabindex="0" role="region"' in html
    assert "max-height" not in html
