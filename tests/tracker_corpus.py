"""A corpus of trackers as people keep them, each modelled on a public shape.

Only synthetic people and invented employers. Each entry is written as a real
file (CSV text or an .xlsx built with xlsxwriter) and read as a worker would;
``tests/test_corpus.py`` checks the expected counts exactly. The shapes are
described in ``tests/data/trackers/README.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Expected:
    """What reading the tracker must give (as of :data:`AS_OF`)."""

    interviews: int  # interview rows (one per round)
    evaluated: int  # of which evaluated (no error)
    applications: int  # rows on the Applications sheet as applications
    listed: int  # rows on the Applications sheet as listed opportunities
    errors: int
    warnings: int
    open_actions: int  # Overdue + Due today + Upcoming
    skipped: tuple[str, ...] = ()  # prefixes of the "Sheets not read" notes


@dataclass(frozen=True)
class Tracker:
    name: str  # file name
    shape: str  # the public kind of tracker it imitates
    expected: Expected
    csv: str = ""  # the file's text, for .csv
    sheets: dict[str, list[list[Any]]] = field(default_factory=dict)  # for .xlsx
    client: str | None = None


AS_OF = date(2026, 11, 20)

CORPUS: list[Tracker] = [
    Tracker(
        "student_internships.csv",
        "a student's internship list with interview stages as columns (phone, on-campus, "
        "onsite) holding US dates, `yes`, `n/a`; results with typos and emoji",
        Expected(interviews=4, evaluated=4, applications=3, listed=1, errors=0, warnings=2,
                 open_actions=9),
        csv="Company,Role name,Applied Date,Coding Challenge,Phone,On-Campus,Onsite,Result\n"
            "Northwind Labs,Software Intern,9/25/2026,yes,10/2/2026 & 10/9/2026,,,Rejection :(\n"
            "Bluebird Data,Data Intern,9/28/2026,,n/a,yes,,ongoing\n"
            "Cobalt Works,QA Intern,10/1/2026,expired,,,,reeejected\n"
            "Dovetail Apps,Mobile Intern,10/3/2026,,11/12/2026,,,\n"
            "Ember Robotics,Robotics Intern,10/5/2026,yes,,,11/16/2026,\n"
            "Fjord Games,Game Intern,,,,,,\n"
            "Garnet Bank,Tech Analyst,10/8/2026,,,,,Accepted!\n",
    ),
    Tracker(
        "benefits_work_search.csv",
        "a benefits work-search log (date of activity, activity type applied/interview, "
        "employer, contact, status, follow-up date), two rows broken by unquoted commas",
        Expected(interviews=2, evaluated=2, applications=3, listed=0, errors=2, warnings=1,
                 open_actions=9),
        csv="Date of Activity,Work Search Activity,Company Name,Position Title,Phone,"
            "Person Contacted,Application Status,Follow-up Date,Notes\n"
            "2026-11-02,Applied for job,Harbor Freight Co,Stock Associate,,,Application filed,,\n"
            "2026-11-04,Applied for job,Juniper Foods,Line Cook,,,Under Review,2026-11-11,\n"
            "2026-11-06,Interview,Kestrel Logistics,Driver Helper,555-201-3344,Dana,"
            "Awaiting response,2026-11-13,met the shift lead\n"
            "2026-11-09,Applied for job,Lumen Cafe,Barista,,,Rejected,2026-11-12,no, sorry\n"
            "2026-11-10,Interview,Maple Grocers,Cashier,,,Interview scheduled,,\n"
            "2026-11-12,Applied for job,Nimbus Print,Helper,,,Applied,,resume, cover letter, refs\n"
            "2026-11-13,Applied for job,Orchard Inn,Housekeeper,,,Application submitted,,\n",
    ),
    Tracker(
        "uk_applications.csv",
        "a young person's UK list (job title, company, date applied, status) with mixed "
        "ISO and day-first dates and `Suspected Ghost Job`",
        Expected(interviews=0, evaluated=0, applications=5, listed=0, errors=0, warnings=1,
                 open_actions=0),
        csv="Job Title,Company,Date Applied,Status\n"
            "Retail Assistant,Pebble Stores,17/10/2026,Applied\n"
            "Kitchen Porter,Quill Kitchens,2026-10-24,Rejected\n"
            "Warehouse Operative,Rook Depot,24/10/2026,Suspected Ghost Job\n"
            "Receptionist,Sable Dental,2026-10-31,Applied\n"
            "Sales Floor,Tansy Fashion,03/11/2026,Not moving forward\n",
    ),
    Tracker(
        "template_with_dropdowns.xlsx",
        "a downloadable job-search template: an Excel table with drop-downs, unfilled rows "
        "saying `Blank`, and a second sheet of drop-down values",
        Expected(interviews=1, evaluated=1, applications=1, listed=0, errors=0, warnings=2,
                 open_actions=5,
                 skipped=("drop-down-values", "job-record: 4 row(s)")),
        sheets={
            "job-record": [
                ["Company", "Role/Title", "Date Applied", "Response and Feedback",
                 "Interview Type", "Interview Round", "Interviewer Name", "Interview Date",
                 "Follow-up?", "Follow-up Date", "Offer", "Notes"],
                ["Umber Studio", "Junior Designer", date(2026, 11, 2), "Positive Email",
                 "Face-to-face", "1st", "Rosa Vidal", date(2026, 11, 16), "Yes",
                 date(2026, 11, 18), "Blank", ""],
                ["Vireo Health", "Admin Assistant", date(2026, 11, 5), "Blank", "Blank",
                 "Blank", "", "", "Blank", "", "Blank", ""],
                *[["", "", "", "Blank", "Blank", "Blank", "", "", "Blank", "", "Blank", ""]] * 4,
            ],
            "drop-down-values": [["Blank", "Blank", "Blank"],
                                 ["Positive Email", "Face-to-face", "1st"],
                                 ["Rejection Email/Call", "Telephone", "2nd"]],
        },
    ),
    Tracker(
        "recruiter_weekly_tabs.xlsx",
        "a staffing recruiter's tracker, one tab per week, dates like `Oct 28th` and "
        "`23rd September`, one tab without a Status header",
        Expected(interviews=1, evaluated=0, applications=4, listed=0, errors=1, warnings=7,
                 open_actions=0),
        sheets={
            "Sep 21-25": [["Job Title", "Location", "Contact", "Submitted on", "", ""],
                          ["Support Analyst", "Remote", "Ivy Chen", "23rd September",
                           "Submitted", ""],
                          ["Field Tech", "Hybrid", "Omar Farouk", "24th September",
                           "Cleared- Level 1", "client call Monday"]],
            "Oct 26-30": [["Job Title", "Location", "Contact", "Submitted on", "Status"],
                          ["Desk Clerk", "Onsite", "Lee Park", "Oct 28th", "Submitted"],
                          ["Night Porter", "Onsite", "Lee Park", "Oct 29th", "Submited"],
                          ["Greeter", "Onsite", "Ana Ruiz", "Oct 30th",
                           "Vendor Interview scheduled"]],
        },
    ),
    Tracker(
        "bootcamp_research.xlsx",
        "a bootcamp career-services tracker: company (website), point of contact, job "
        "listing, date applied all `N/A`, research columns",
        Expected(interviews=0, evaluated=0, applications=0, listed=3, errors=0, warnings=1,
                 open_actions=0),
        sheets={"Sheet1": [
            ["Company Name (website)", "Point of Contact", "Job Title", "Job Listing",
             "Date applied", "Technologies used", "why am I interested"],
            ["Wren Labs (https://wren.example)", "Kai Moss (recruiter)", "Developer",
             "https://jobs.example/1", "N/A", "JS", "great team"],
            ["Yarrow Systems", "Noor Ali (lead)", "Engineer", "https://jobs.example/2",
             "N/A", "C#", "stable"],
            ["Zinnia Tech", "", "Web Developer", "https://jobs.example/3", "n/a", "Go",
             "remote"],
        ]},
    ),
    Tracker(
        "applications_with_summary.xlsx",
        "a student's applications sheet named `Applications` plus a `Summary` sheet of "
        "status counts (formulas)",
        Expected(interviews=1, evaluated=1, applications=3, listed=0, errors=0, warnings=1,
                 open_actions=5, skipped=("Summary",)),
        sheets={
            "Applications": [
                ["Company", "Role", "Date Applied", "Status", "Interview Date", "Notes"],
                ["Acorn Bank", "Spring Week", date(2026, 10, 1), "Offer",
                 date(2026, 11, 10), ""],
                ["Birchwood Capital", "Insight Day", date(2026, 10, 15), "Rejected", "", ""],
                ["Cedar Partners", "Spring Week", date(2026, 11, 1), "Applied", "", ""],
                ["Delta Fund", "Insight", date(2026, 11, 3), "Online Assessment", "", ""],
            ],
            "Summary": [["Status", "Count"], ["Applied", ""], ["Offer", ""],
                        ["Rejected", ""], ["Total Applications", ""]],
        },
    ),
    Tracker(
        "caseload_template.xlsx",
        "an employment program's caseload sheet (participant, case manager, employer, "
        "interview date, outcome) with a title row above the header",
        Expected(interviews=4, evaluated=3, applications=0, listed=0, errors=1, warnings=0,
                 open_actions=8),
        sheets={"Caseload": [
            ["Youth Employment Program - interview log", "", "", "", "", ""],
            ["Participant ID", "Participant Name", "Case Manager", "Employer",
             "Date of Interview", "Outcome"],
            ["P-001", "Jordan Blake", "Sam Ortiz", "Maple Grocers", date(2026, 11, 12), ""],
            ["P-002", "Riley Moss", "Sam Ortiz", "Birch Tools", date(2026, 11, 16),
             "Hired"],
            ["P-003", "Casey Nguyen", "Ana Lima", "Cedar Cafe", "", ""],
            ["P-004", "Avery Stone", "Ana Lima", "Dune Books", date(2026, 11, 18),
             "waiting to hear"],
        ]},
    ),
    Tracker(
        "semicolon_european.csv",
        "a CSV saved by a European spreadsheet: semicolons, day-first dates with times",
        Expected(interviews=2, evaluated=2, applications=1, listed=0, errors=0, warnings=1,
                 open_actions=9),
        csv="Firma;Position;Date Applied;Interview Date;Status\n"
            "Elbe Logistik;Lagerhelfer;02/11/2026;13/11/2026 10:00;Interviewing\n"
            "Fulda Markt;Kassierer;03/11/2026;;Applied\n"
            "Gera Bau;Helfer;04/11/2026;17/11/2026 14:30;\n",
    ),
    Tracker(
        "notion_export.csv",
        "a Notion/Airtable-style board export: a Stage column (Wishlist, Applied, "
        "Phone Screen), ISO dates, a next follow-up date in the future",
        Expected(interviews=2, evaluated=2, applications=1, listed=1, errors=0, warnings=1,
                 open_actions=9),
        csv="Company,Position,Stage,Applied Date,Interview Date,Next Follow-up,URL\n"
            "Heron Media,Content Assistant,Phone Screen,2026-11-01,2026-11-09,2026-11-25,\n"
            "Ibis Outdoor,Store Associate,Wishlist,,,,https://example.org/ibis\n"
            "Jay Hotels,Front Desk,Applied,2026-11-05,,,\n"
            "Kite Transit,Dispatcher,Final Round,2026-11-02,2026-11-17,,\n",
    ),
    Tracker(
        "rounds_columns.xlsx",
        "an application tracker with `Interview 1`, `Interview 2`, `Final Interview` "
        "columns holding real dates",
        Expected(interviews=4, evaluated=4, applications=1, listed=0, errors=0, warnings=1,
                 open_actions=7),
        sheets={"Jobs": [
            ["Employer", "Job", "Applied", "Interview 1", "Interview 2", "Final Interview",
             "Status"],
            ["Lark Studios", "Runner", date(2026, 10, 20), date(2026, 11, 2),
             date(2026, 11, 9), date(2026, 11, 16), "Interviewing"],
            ["Moth Print", "Helper", date(2026, 11, 3), "", "", "", "Applied"],
            ["Newt Clean", "Cleaner", date(2026, 11, 4), date(2026, 11, 13), "", "",
             "Not progressing"],
        ]},
    ),
    Tracker(
        "phone_numbers.csv",
        "a list whose `Phone` column holds employer phone numbers (not a stage)",
        Expected(interviews=2, evaluated=2, applications=0, listed=0, errors=0, warnings=0,
                 open_actions=8),
        csv="Client Name,Company,Phone,Interview Date,Status\n"
            "Mia Torres,Opal Dental,(416) 555-0134,2026-11-12,\n"
            "Leo Grant,Pine Auto,416-555-0188,2026-11-18,Interview done\n",
    ),
    Tracker(
        "month_first_column.csv",
        "a US list where one value (`9/25/2026`) settles the column as month-first",
        Expected(interviews=2, evaluated=2, applications=1, listed=0, errors=0, warnings=1,
                 open_actions=9),
        csv="Company,Position,Date Applied,Interview Date,Status\n"
            "Quartz Co,Clerk,9/25/2026,10/2/2026,Pending\n"
            "Reed Co,Porter,10/1/2026,11/3/2026,\n"
            "Sage Co,Cook,10/5/2026,,Applied\n",
    ),
    Tracker(
        "activity_log_types.xlsx",
        "a job-club activity log: one date column and a type column (Applied, Interview, "
        "Job fair, Networking)",
        Expected(interviews=1, evaluated=1, applications=3, listed=0, errors=0, warnings=1,
                 open_actions=5),
        sheets={"Log": [
            ["Date", "Activity Type", "Employer", "Position", "Outcome"],
            [date(2026, 11, 2), "Applied online", "Tulip Bakery", "Baker", ""],
            [date(2026, 11, 4), "Job fair", "Umbra Security", "Guard", ""],
            [date(2026, 11, 10), "Interview", "Tulip Bakery", "Baker", "Awaiting response"],
            [date(2026, 11, 12), "Networking", "Vale Parks", "Groundskeeper", ""],
        ]},
    ),
    Tracker(
        "caseload_flat.csv",
        "a worker's flat caseload sheet (followkit's own flat layout): interviewers and "
        "call dates in cells",
        Expected(interviews=2, evaluated=2, applications=0, listed=0, errors=0, warnings=0,
                 open_actions=7),
        csv="Client ID,Client Name,Worker,Employer,Interview Date,Interviewers,"
            "Thank-You Sent,Call Dates,Outcome\n"
            "C1,Ana Lima,Sam,Maple Grocers,2026-11-10,Rosa Vidal; Tom Hale,Y,2026-11-17,\n"
            "C2,Omar Haddad,Sam,Birch Tools,2026-11-18,,,,\n",
    ),
    Tracker(
        "per_client_folder",
        "one file per client in a folder (two one-person trackers read as one caseload)",
        Expected(interviews=2, evaluated=2, applications=1, listed=0, errors=0, warnings=2,
                 open_actions=10),
        sheets={},
    ),
]

# The per-client folder: its files.
FOLDER = {
    "jordan.csv": "Company,Position,Date Applied,Interview Date\n"
                  "Wisp Cafe,Barista,2026-11-02,2026-11-12\n"
                  "Yew Florist,Helper,2026-11-05,\n",
    "riley.csv": "Company,Position,Date Applied,Interview Date\n"
                 "Zest Market,Stocker,2026-11-03,2026-11-16\n",
}


# --- Trackers for recording (tests/test_record_places.py): one per SPEC §2.1 layout kind.
# Synthetic people and employers only.

RECORDING: dict[str, dict[str, list[list[Any]]] | str] = {
    # An activity log kept by a worker for several clients: one row per event, the log's
    # own word for a call ("Called employer") and for an application ("Applied online").
    "activity_log.xlsx": {"Log": [
        ["Date of Activity", "Activity Type", "Client Name", "Employer", "Position", "Interviewer",
         "Notes"],
        [date(2026, 11, 2), "Applied online", "Ana Lima", "Tulip Bakery", "Baker", "", ""],
        [date(2026, 11, 3), "Applied online", "Omar Haddad", "Vale Parks", "Groundskeeper",
         "", ""],
        [date(2026, 11, 9), "Called employer", "Omar Haddad", "Vale Parks", "Groundskeeper",
         "", "asked about the opening"],
        [date(2026, 11, 10), "Interview", "Ana Lima", "Tulip Bakery", "Baker", "Rosa Vidal",
         "went well"],
        [date(2026, 11, 12), "Job fair", "Omar Haddad", "Umbra Security", "Guard", "", ""],
    ]},
    # One young person's list with interview stages as columns (no client column).
    "stages_list.csv": "Company,Role,Applied Date,Phone,Onsite,Result\n"
                       "Wisp Cafe,Barista,2026-10-20,2026-11-02,2026-11-12,ongoing\n"
                       "Yew Florist,Helper,2026-10-22,,,Applied\n",
    # One person's plain list: an interview date column, nothing else to keep records in.
    "plain_list.xlsx": {"Jobs": [
        ["Company", "Job Title", "Date Applied", "Interview Date", "Status"],
        ["Zest Market", "Stocker", date(2026, 11, 3), date(2026, 11, 13), "Interviewing"],
        ["Quill Kitchens", "Porter", date(2026, 11, 5), "", "Applied"],
    ]},
    # Dates without a year: "Nov 3" is 2026-11-03 as of 2026-11-20, 2025-11-03 as of
    # 2026-10-01.
    "yearless.csv": "Company,Position,Interview Date,Status\n"
                    "Opal Dental,Receptionist,Nov 3,Interviewing\n",
}
