"""The dashboard in-process: feed the FileUpload a real workbook, click, check."""

import io
import zipfile
from datetime import date, datetime

import openpyxl
import pytest

from followkit import run_report
from followkit.dashboard.widgets import Dashboard, counts_html
from followkit.dashboard.worklist import PAGE_ROWS, worklist_html

AS_OF = date(2026, 11, 20)


def upload(dashboard, path):
    data = path.read_bytes()
    dashboard.upload.value = ({"name": path.name, "type": "", "size": len(data),
                               "content": memoryview(data),
                               "last_modified": datetime(2026, 11, 20)},)


@pytest.fixture
def dashboard():
    return Dashboard(today=date(2026, 11, 27))


def test_upload_shows_the_same_counts_as_the_cli(dashboard, sample_file):
    upload(dashboard, sample_file)
    dashboard.as_of.value = AS_OF
    expected = run_report(sample_file, as_of=AS_OF).report
    assert dashboard.counts.value == counts_html(expected)
    assert "sample.xlsx" in dashboard.status.value
    assert "Friday 20 November 2026" in dashboard.status.value
    first = expected.table("To Do", rows=expected.todo.index[:PAGE_ROWS].to_numpy())
    assert dashboard.tables["To Do"].value == worklist_html(
        first, total=len(expected.todo), label="To Do")
    assert dashboard.more["To Do"].description == f"Show 25 more of {len(expected.todo) - 25}"
    dashboard.more["To Do"].click()
    assert dashboard.tables["To Do"].value.count("<tr>") == 1 + 50
    # The chart is folded away: drawn when the fold opens, again only when out of date.
    assert dashboard.chart.value == ""
    dashboard.fold_button.value = True
    drawn = dashboard.chart.value
    assert drawn.startswith('<figure class="fk-figure"><img src="data:image/png;base64,iVBORw0KG')
    assert 'alt="Open follow-up actions per worker. ' in drawn
    dashboard.as_of.value = date(2026, 11, 27)
    assert dashboard.chart.value != drawn  # open: redrawn for the new date


def test_worker_filter_does_not_recompute_actions(dashboard, sample_file, monkeypatch):
    upload(dashboard, sample_file)
    dashboard.as_of.value = AS_OF
    worker = dashboard.workers.options[0]
    expected = run_report(sample_file, as_of=AS_OF, workers=[worker]).report

    def fail(*args, **kwargs):
        raise AssertionError("the rules ran again for a worker change")

    monkeypatch.setattr("followkit.rules.engine.evaluate", fail)
    dashboard.workers.value = (worker,)
    assert dashboard.counts.value == counts_html(expected)


def test_export_offers_the_workbook(dashboard, sample_file):
    upload(dashboard, sample_file)
    dashboard.as_of.value = AS_OF
    dashboard.export_button.click()
    name, data = dashboard.last_export
    assert name == "followkit-report-2026-11-20.xlsx"
    assert 'download="followkit-report-2026-11-20.xlsx"' in dashboard.download.value
    assert "data:application/vnd.openxmlformats" in dashboard.download.value
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames[0] == "Summary"
    assert wb["To Do"].max_row - 1 == len(dashboard.report.todo)


def test_export_one_file_per_worker_without_contacts(dashboard, sample_file):
    upload(dashboard, sample_file)
    dashboard.per_worker.value = True
    dashboard.no_contacts.value = True
    dashboard.export_button.click()
    name, data = dashboard.last_export
    assert name.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        assert len(names) == len(dashboard.workers.options)
        wb = openpyxl.load_workbook(io.BytesIO(zf.read(names[0])))
    assert "Email" not in [c.value for c in wb["Thank-Yous"][1]]


def test_bad_file_is_a_banner_not_a_traceback(dashboard, tmp_path):
    bad = tmp_path / "notes.xlsx"
    bad.write_text("just some notes")
    upload(dashboard, bad)
    assert "cannot read" in dashboard.banner.value
    assert "notes.xlsx" in dashboard.banner.value
    assert dashboard.report is None
    assert dashboard.export_button.disabled


def test_data_issues_banner_links_to_the_tab(dashboard, sample_file):
    upload(dashboard, sample_file)
    assert "see the Data Issues tab" in dashboard.banner.value
    assert dashboard.tables["Data Issues"].value == ""  # drawn when opened, not before
    dashboard.issues_button.click()
    assert dashboard.tabs.selected_index == dashboard.tab_names.index("Data Issues")
    assert "unreadable date" in dashboard.tables["Data Issues"].value


def test_thank_you_drafts_panel(dashboard, sample_file):
    upload(dashboard, sample_file)
    dashboard.as_of.value = AS_OF
    drafts = dashboard.report.drafts
    assert len(dashboard.draft_choice.options) == len(drafts) > 0
    dashboard.draft_choice.value = 1
    assert f"Dear {drafts['Interviewer'].iloc[1]}," in dashboard.draft.value
    assert "Subject:" in dashboard.draft.value


def test_sorting_a_tab(dashboard, sample_file):
    upload(dashboard, sample_file)
    dashboard.sort_by["Clients"].value = "Client Name"
    dashboard.descending["Clients"].value = True
    names = sorted(dashboard.report.clients["Client Name"], reverse=True)
    html = dashboard.tables["Clients"].value
    assert html.index(names[0]) < html.index(names[5]) < html.index(names[24])
    assert names[25] not in html  # the first 25; "Show more" adds the next
    left = len(names) - 25
    assert dashboard.more["Clients"].description == f"Show {min(left, 25)} more of {left}"


def test_sample_button_opens_the_bundled_sample(dashboard):
    dashboard.sample_button.click()
    assert "sample_tracker.xlsx" in dashboard.status.value
    assert dashboard.as_of.value == AS_OF


def test_uploading_after_the_sample_goes_back_to_today(sample_file):
    from followkit.datasets import bundled_sample_path

    board = Dashboard(today=date(2026, 11, 27), input_path=bundled_sample_path(),
                      as_of="2026-11-20")
    upload(board, sample_file)
    assert board.as_of.value == date(2026, 11, 27)


def test_unexpected_errors_are_plain_words_on_screen_and_details_in_the_log(
        dashboard, sample_file, monkeypatch, capfd):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("bug in 'Sofia Nguyen'")

    monkeypatch.setattr("followkit.report.build.build_report", broken)
    upload(dashboard, sample_file)
    banner = dashboard.banner.value
    assert "Something went wrong inside followkit (ZeroDivisionError)" in banner
    assert "Your file was not changed" in banner
    assert "Traceback" not in banner and "Sofia" not in banner
    assert dashboard.log.outputs == ()
    err = capfd.readouterr().err
    assert "Traceback" in err and "ZeroDivisionError: bug in 'Sofia Nguyen'" in err


def test_table_html_escapes_and_limits():
    import pandas as pd

    from followkit.dashboard.render import table_html

    frame = pd.DataFrame({"Client Name": ["<script>x</script>"] * 3, "Status": ["Overdue"] * 3})
    html = table_html(frame, max_rows=2)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Showing the first 2 of 3 rows" in html
    assert 'class="fk-overdue"' in html


def test_supervisor_tab_shows_the_sheets_figures(dashboard, sample_file):
    from followkit.report.supervisor import text_table

    upload(dashboard, sample_file)
    dashboard.as_of.value = AS_OF
    assert dashboard.tables["Supervisor"].value == ""  # drawn when opened, not before
    dashboard.tabs.selected_index = dashboard.tab_names.index("Supervisor")
    page = dashboard.tables["Supervisor"].value
    view = run_report(sample_file, as_of=AS_OF).report.supervisor
    for cell in text_table(view).iloc[-1]:  # the Total row, rates with their n
        assert f">{cell}<" in page
    assert page.count('<img src="data:image/png;base64,') == 2
    assert 'alt="On-time thank-you rate per worker. ' in page
    assert "Actions overdue at the end of each week" in page
    assert f">{int(view.backlog['Total'].iloc[-1])}<" in page


def test_a_problem_after_the_file_is_open_keeps_the_lists(dashboard, sample_file):
    """Only a file that fails to open clears the screen: a refused download (say,
    the tracker open in Excel) must not take the lists and the marks away."""
    from followkit.core.errors import FollowkitError

    def refused():
        raise FollowkitError("close the tracker in Excel first")

    upload(dashboard, sample_file)
    shown = dashboard.report
    dashboard.guard(refused)()
    assert dashboard.report is shown
    assert dashboard.banner.value == (
        '<div class="fk-error" role="alert"><b>That could not be done.</b> close the tracker '
        "in Excel first<br>The lists on screen and your marks are as they were.</div>")
    dashboard.guard(refused, opens=True)()
    assert dashboard.report is None
    assert "This file could not be opened, so nothing is shown." in dashboard.banner.value
