"""The dashboard's reading options: several files, whose tracker, the columns panel."""

from datetime import date, datetime

from followkit.dashboard.widgets import Dashboard

AS_OF = date(2026, 11, 20)


def upload(dashboard, *files):
    dashboard.upload.value = tuple(
        {"name": name, "type": "", "size": len(data), "content": memoryview(data),
         "last_modified": datetime(2026, 11, 20)} for name, data in files)


def test_unrecognised_interview_date_opens_the_panel_then_maps_it():
    dashboard = Dashboard(today=date(2026, 11, 27))
    dashboard.as_of.value = AS_OF
    data = b"Client,Where,When we met\nAna Lima,Maple Grocers,2026-11-16\n"
    upload(dashboard, ("ana.csv", data))
    panel = dashboard.reading
    assert panel.panel.layout.display is None  # opened by itself, no refusal
    assert "no sheet with interview columns found" in panel.note.value
    assert dashboard.report is None
    assert panel.choices["Client ID"].value == "Client  (e.g. Ana Lima)"
    panel.choices["Interview Date"].value = "When we met  (e.g. 2026-11-16)"
    panel.choices["Employer"].value = "Where  (e.g. Maple Grocers)"
    panel.apply.click()
    assert dashboard.report is not None
    todo = dashboard.report.todo
    assert todo["Employer"].tolist()[:1] == ["Maple Grocers"]
    assert "followkit-columns.toml" in panel.save.value


def test_several_files_and_whose_tracker():
    dashboard = Dashboard(today=date(2026, 11, 27))
    dashboard.as_of.value = AS_OF
    dashboard.reading.client.value = "Jordan Blake"
    upload(dashboard, ("a.csv", b"Company,Position,Interview Date\nMaple,Clerk,2026-11-16\n"),
           ("b.csv", b"Company,Position,Date Applied\nBirch,Porter,2026-11-17\n"))
    caseload = dashboard.loaded.caseload
    assert caseload.interviews["Client Name"].tolist() == ["Jordan Blake"]
    assert caseload.listed["File"].tolist() == ["b.csv"]
