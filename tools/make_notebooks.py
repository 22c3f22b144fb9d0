"""Write the three notebooks from the cell sources below (outputs stripped).

The notebooks are thin: every line of logic lives in followkit, where it is
tested. Run `python tools/make_notebooks.py` after editing a cell here.
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent.parent / "notebooks"
KERNEL = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
          "language_info": {"name": "python"}}

DASHBOARD = [
    new_markdown_cell(
        "# Interview follow-ups\n\n"
        "Upload your interview tracker (or use the sample), pick the date and your name: "
        "the lists say who still needs a thank-you, a call or a reference alert. "
        "**Export report** gives you the Excel workbook."),
    new_code_cell(
        "# In JupyterLab: Run > Run All Cells. Nothing to edit.\n"
        "import os\n"
        "\n"
        "from followkit import DEFAULT_POLICY\n"
        "from followkit.rules import clock\n"
        "from followkit.dashboard.widgets import Dashboard\n"
        "\n"
        "policy = DEFAULT_POLICY.with_timezone(os.environ.get(\"FOLLOWKIT_TIMEZONE\", \"\"))\n"
        "dashboard = Dashboard(\n"
        "    today=clock.today(policy),\n"
        "    now=lambda: clock.now(policy),\n"
        "    input_path=os.environ.get(\"FOLLOWKIT_INPUT\", \"\"),\n"
        "    as_of=os.environ.get(\"FOLLOWKIT_AS_OF\", \"\"),\n"
        "    policy=policy,\n"
        ")\n"
        "dashboard.widget"),
]

WEEKLY = [
    new_markdown_cell(
        "# Weekly follow-up report\n\n"
        "A batch report for papermill: set the parameters below (or pass them with "
        "`papermill -p input_path ... -p as_of 2026-11-27`) and run all cells. It shows "
        "the counts, a chart, the To Do list and the supervisor's view, and writes the "
        "report workbook."),
    new_code_cell(
        "# Parameters\n"
        "input_path = \"../data/sample_tracker.xlsx\"\n"
        "as_of = \"2026-11-20\"  # \"\" for today (in the agency's time zone)\n"
        "timezone = \"\"  # e.g. \"America/Vancouver\"; \"\" for the policy's\n"
        "output_path = \"../out/weekly-report.xlsx\"\n"
        "workers = []  # e.g. [\"Priya Sharma\"]; empty for everyone\n"
        "period_from = \"\"  # supervisor's view: first day (\"\" = 12 weeks before period_to)\n"
        "period_to = \"\"  # supervisor's view: last day (\"\" = the as-of date)",
        metadata={"tags": ["parameters"]}),
    new_code_cell(
        "from datetime import date\n"
        "from pathlib import Path\n"
        "\n"
        "from IPython.display import Image, display\n"
        "\n"
        "from followkit import DEFAULT_POLICY, Session\n"
        "from followkit.rules import clock\n"
        "from followkit.report.charts import chart_png\n"
        "\n"
        "policy = DEFAULT_POLICY.with_timezone(timezone)\n"
        "day = date.fromisoformat(as_of) if as_of else clock.today(policy)\n"
        "options = {\n"
        "    \"workers\": workers or None,\n"
        "    \"period_from\": date.fromisoformat(period_from) if period_from else None,\n"
        "    \"period_to\": date.fromisoformat(period_to) if period_to else None,\n"
        "    \"generated_at\": clock.now(policy),\n"
        "}\n"
        "session = Session.open(input_path, policy=policy, as_of=day)\n"
        "report = session.report(day, **options)\n"
        "Path(output_path).parent.mkdir(parents=True, exist_ok=True)\n"
        "written = session.write_report(output_path, as_of=day, **options)"),
    new_code_cell(
        "# NBVAL_CHECK_OUTPUT\n"
        "print(session.summary_text(report, output=written))"),
    new_code_cell("display(Image(chart_png(report)))"),
    new_code_cell("report.todo.head(20)"),
    new_code_cell("report.issues"),
    new_markdown_cell(
        "## The supervisor's view\n\n"
        "Follow-up quality per worker over the period (thank-yous on time, calls, "
        "outcomes), each rate with the number it is taken over, and the overdue actions "
        "at the end of each week: the Supervisor sheet of the workbook."),
    new_code_cell(
        "from IPython.display import HTML\n"
        "\n"
        "from followkit.dashboard.supervisor import supervisor_html\n"
        "\n"
        "display(HTML(supervisor_html(report.supervisor)))"),
]

GETTING_STARTED = [
    new_markdown_cell(
        "# Getting started with the followkit Python API\n\n"
        "For a worker who wants more than the dashboard. Everything goes through one "
        "object, a `Session`: it reads the tracker once, then answers every question about "
        "it (the actions, the report, one worker's lists, the files to write). Each question "
        "names its date: nothing is \"as of today\" unless you say so."),
    new_markdown_cell("## 1. Open a tracker\nOne file, several files or a folder of them. "
                      "The tracker is read when first needed; `session.caseload` holds its "
                      "tidy tables: interviews, interviewers, calls and applications."),
    new_code_cell(
        "from datetime import date\n"
        "\n"
        "import followkit\n"
        "\n"
        "session = followkit.Session.open(\"../data/sample_tracker.xlsx\")\n"
        "session.caseload.interviews.head()"),
    new_markdown_cell("## 2. What needs checking in the file\nEvery problem, with the sheet "
                      "and the Excel row to look at."),
    new_code_cell(
        "# NBVAL_CHECK_OUTPUT\n"
        "issues = session.caseload.issues\n"
        "print(issues[[\"Sheet\", \"Row\", \"Column\", \"Severity\"]].to_string())"),
    new_markdown_cell("## 3. Follow-up actions as of a date\nOne row per action, with its "
                      "due date, status and the reason in Details. The session works them "
                      "out once per date: asking again costs nothing."),
    new_code_cell(
        "as_of = date(2026, 11, 20)\n"
        "actions = session.actions(as_of).frame()\n"
        "actions[[\"Action\", \"Client Name\", \"Due Date\", \"Status\", \"Details\"]].head(10)"),
    new_markdown_cell("## 4. A different policy\nFor example, a program that wants the first "
                      "call after 5 days instead of 7: a session with that policy."),
    new_code_cell(
        "# NBVAL_CHECK_OUTPUT\n"
        "policy = followkit.FollowUpPolicy(first_call_days=5)\n"
        "sooner = followkit.Session.open(\"../data/sample_tracker.xlsx\", policy=policy)\n"
        "\n"
        "\n"
        "def overdue_calls(s):\n"
        "    report = s.report(as_of)\n"
        "    return int(report.counts().loc[\"Follow-up call\", \"Overdue\"])\n"
        "\n"
        "\n"
        "print(overdue_calls(session), \"overdue calls with 7 days;\", overdue_calls(sooner),\n"
        "      \"with 5 days\")"),
    new_markdown_cell("## 5. One worker's lists, exported\n`report` gives every sheet of "
                      "the report (built once per date and worker); `write_report` writes "
                      "the workbook."),
    new_code_cell(
        "from pathlib import Path\n"
        "\n"
        "Path(\"../out\").mkdir(exist_ok=True)\n"
        "priya = session.report(as_of, workers=[\"Priya Sharma\"])\n"
        "session.write_report(\"../out/priya.xlsx\", as_of=as_of, workers=[\"Priya Sharma\"])\n"
        "priya.thank_yous[[\"Due Date\", \"Status\", \"Client Name\", \"Interviewer\"]]"),
    new_markdown_cell("## 6. One file per worker, letters, a calendar\nThe same session "
                      "writes them all; the calendar's time stamp is the only place the "
                      "clock is read."),
    new_code_cell(
        "from followkit.rules import clock\n"
        "\n"
        "files = session.split_by_worker(\"../out/by-worker\", as_of=as_of)\n"
        "letters = session.write_letters(\"../out/letters\", as_of=as_of,\n"
        "                                workers=[\"Priya Sharma\"])\n"
        "calendar = session.write_calendar(\"../out/follow-ups.ics\", as_of=as_of,\n"
        "                                  stamp=clock.now())\n"
        "[p.name for p in files], len(letters), calendar.name"),
]


def main() -> None:
    for name, cells in (("dashboard", DASHBOARD), ("weekly_report", WEEKLY),
                        ("getting_started", GETTING_STARTED)):
        nb = new_notebook(cells=cells, metadata=KERNEL)
        for i, cell in enumerate(nb.cells):
            cell["id"] = f"{name}-{i}"
        nbformat.write(nb, HERE / f"{name}.ipynb")


if __name__ == "__main__":
    main()
