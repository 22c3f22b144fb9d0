"""Trackers in the shapes of issue #21, one per shape, with synthetic people.

Each shape was seen in real public trackers (kept outside the repository);
only the shape is copied here: invented employers, invented people, dates
around :data:`AS_OF`. ``tests/test_shapes.py`` reads each as a worker would
and checks what it must give exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tests.tracker_corpus import AS_OF

__all__ = ["AS_OF", "SHAPES", "Shape", "ShapeExpected"]


@dataclass(frozen=True)
class ShapeExpected:
    """What reading the tracker must give (as of :data:`AS_OF`)."""

    interviews: int  # rows of the Interviews sheet (one per round)
    applications: int  # rows of the Applications sheet read as applications
    errors: int
    warnings: int
    open_actions: int  # Overdue + Due today + Upcoming (step 5 counts where dates applied)
    outcomes: dict[str, str] = field(default_factory=dict)  # employer -> Outcome
    skipped: tuple[str, ...] = ()  # prefixes of the "Sheets not read" notes
    problems: tuple[str, ...] = ()  # a text each warning's Problem holds, in row order


@dataclass(frozen=True)
class Shape:
    name: str  # file name
    shape: str  # the shape of real tracker it imitates
    expected: ShapeExpected
    csv: str = ""
    sheets: dict[str, list[list[Any]]] = field(default_factory=dict)


ONE_PERSON = "no Client ID or Client Name column"

SHAPES: list[Shape] = [
    Shape(
        "status_words.csv",
        "a young person's list whose status column uses the words people say: Bailed, "
        "On Hold, Ghosted, I said no, Position Canceled, Denied, No Response",
        ShapeExpected(
            # Ghosted / No Response: the employer has gone quiet, still open (item 9):
            # 4 open actions each, as On Hold's.
            interviews=7, applications=0, errors=0, warnings=1, open_actions=12,
            outcomes={"Alder Tiles": "Withdrawn", "Birch Cafe": "Pending",
                      "Cedar Print": "Pending", "Delta Movers": "Withdrawn",
                      "Elm Books": "Not Selected", "Fern Garden": "Not Selected",
                      "Gale Couriers": "Pending"},
            problems=(ONE_PERSON,)),
        csv="Company,Position,Interview Date,Status\n"
            "Alder Tiles,Tiler Helper,2026-11-02,Bailed\n"
            "Birch Cafe,Server,2026-11-03,On Hold\n"
            "Cedar Print,Press Helper,2026-11-04,Ghosted\n"
            "Delta Movers,Mover,2026-11-05,I said no\n"
            "Elm Books,Clerk,2026-11-06,Position Canceled\n"
            "Fern Garden,Gardener,2026-11-09,Denied\n"
            "Gale Couriers,Courier,2026-11-10,No Response\n",
    ),
    Shape(
        "js_app_export.csv",
        "a job-search web app's export: dates written by JavaScript (Date.toString(), "
        "toISOString(), toDateString()), RFC 2822 dates and Excel serial numbers as text",
        ShapeExpected(
            interviews=4, applications=1, errors=0, warnings=1, open_actions=13,
            outcomes={"Harbor Bikes": "Pending", "Iris Florist": "Not Selected",
                      "Kite Studio": "Pending", "Lark Hotel": "Offer"},
            problems=(ONE_PERSON,)),
        csv="company,position,applied_date,interview_date,status\n"
            "Harbor Bikes,Mechanic Helper,Fri Oct 30 2026 05:30:00 GMT+0530 "
            "(India Standard Time),Mon Nov 09 2026 10:00:00 GMT+0530 (India Standard Time),"
            "Interviewing\n"
            "Iris Florist,Florist Assistant,2026-10-28T00:00:00.000Z,2026-11-12T00:00:00.000Z,"
            "Rejected\n"
            "Jade Kitchen,Prep Cook,Sat Nov 14 2026,,Applied\n"
            "Kite Studio,Stage Assistant,\"Tue, 03 Nov 2026 09:15:00 +0000\","
            "\"Wed, 18 Nov 2026 16:00:00 +0000\",Interviewing\n"
            "Lark Hotel,Porter,46330,46345,Offer\n",
    ),
    Shape(
        "template_with_example.xlsx",
        "a downloadable tracker template whose first rows show how to fill it in "
        "(`EXAMPLE:`, `e.g.`, `Sample Company`, 2000-01-01 dummy dates), then real rows",
        ShapeExpected(
            interviews=1, applications=1, errors=0, warnings=1, open_actions=5,
            outcomes={"Maple Pharmacy": "Pending"},
            skipped=("Tracker: 3 example or placeholder row(s)",),
            problems=(ONE_PERSON,)),
        sheets={"Tracker": [
            ["Job Search Tracker"],
            ["Company", "Position", "Date Applied", "Interview Date", "Status", "Notes"],
            ["EXAMPLE: Acme Corp", "Sales Associate", date(2019, 1, 5), date(2019, 1, 10),
             "Interviewing", "this row shows how to fill the sheet in"],
            ["e.g. Big Box Store", "Cashier", date(2019, 2, 1), "", "Applied", ""],
            ["Sample Company", "Sample Position", date(2000, 1, 1), date(2000, 1, 1),
             "Applied", ""],
            ["Maple Pharmacy", "Cashier", date(2026, 11, 2), date(2026, 11, 9),
             "Interviewing", "met the manager"],
            ["Oak Garage", "Mechanic Helper", date(2026, 11, 5), "", "Applied", ""],
        ]},
    ),
    Shape(
        "flag_columns.csv",
        "a list with yes/no flag columns (`Y`/`N`/`G`) beside the status: `Response` "
        "holds flags, `Status` the words",
        ShapeExpected(
            interviews=2, applications=3, errors=0, warnings=1, open_actions=5,
            outcomes={"Nova Clinic": "Pending", "Pine Hardware": "Not Selected"},
            problems=(ONE_PERSON,)),
        csv="Company,Position,Date Applied,Interview Date,Response,Status\n"
            "Nova Clinic,Receptionist,2026-10-20,2026-11-04,Y,Interviewing\n"
            "Opal Foods,Packer,2026-10-22,,N,Applied\n"
            "Pine Hardware,Stocker,2026-10-25,2026-11-06,Y,Rejected\n"
            "Quill Books,Clerk,2026-10-27,,G,Applied\n"
            "Ruby Salon,Salon Assistant,2026-10-28,,N,Applied\n",
    ),
    Shape(
        "cleaned_copy.xlsx",
        "a tracker with a second sheet that is a cleaned copy of the first (same rows, "
        "the Notes column dropped, statuses rewritten)",
        ShapeExpected(
            interviews=2, applications=2, errors=0, warnings=1, open_actions=5,
            outcomes={"Sage Bistro": "Pending", "Teal Motors": "Not Selected"},
            skipped=("Cleaned: a copy of 'Applications' (the same 4 rows), not read",),
            problems=(ONE_PERSON,)),
        sheets={
            "Applications": [
                ["Company", "Position", "Date Applied", "Interview Date", "Status", "Notes"],
                ["Sage Bistro", "Line Cook", date(2026, 10, 26), date(2026, 11, 10),
                 "interviewing!", "chef called back"],
                ["Teal Motors", "Lot Attendant", date(2026, 10, 27), date(2026, 11, 3),
                 "rejected :(", ""],
                ["Umber Books", "Clerk", date(2026, 11, 2), "", "sent", ""],
                ["Vale Fitness", "Front Desk", date(2026, 11, 4), "", "applied", "online"],
            ],
            "Cleaned": [
                ["Company", "Position", "Date Applied", "Interview Date", "Status"],
                ["Sage Bistro", "Line Cook", date(2026, 10, 26), date(2026, 11, 10),
                 "Interviewing"],
                ["Teal Motors", "Lot Attendant", date(2026, 10, 27), date(2026, 11, 3),
                 "Not Selected"],
                ["Umber Books", "Clerk", date(2026, 11, 2), "", "Applied"],
                ["Vale Fitness", "Front Desk", date(2026, 11, 4), "", "Applied"],
            ],
        },
    ),
    Shape(
        "grouped_header.xlsx",
        "a two-row header: `Interview #1/#2/#3` merged over `Date of Interview`, "
        "`Send a Thank You Note`, `Date Sent` each",
        # Each group's thank-you is its round's (docs/reading.md, "A thank-you sent to
        # someone not named"): Wren's round 1 (Yes, sent 3 Nov) and round 2 (Yes, no
        # date: Undated) each have one thank-you Done and no Get interviewer names.
        # Open: round 2's decision date, references and follow-up call.
        ShapeExpected(
            interviews=3, applications=1, errors=0, warnings=1, open_actions=3,
            outcomes={"Wren Dental": "Pending", "Yarrow Farm": "Not Selected"},
            problems=(ONE_PERSON,)),
        sheets={"Interviews": [
            ["", "", "", "Interview #1", "", "", "Interview #2", "", "", ""],
            ["Company", "Position", "Status", "Date of Interview", "Send a Thank You Note",
             "Date Sent", "Date of Interview", "Send a Thank You Note", "Date Sent", "Notes"],
            ["Wren Dental", "Receptionist", "Interviewing", date(2026, 11, 2), "Yes",
             date(2026, 11, 3), date(2026, 11, 12), "Yes", "", ""],
            ["Yarrow Farm", "Farm Hand", "Rejected", date(2026, 11, 4), "No", "", "", "", "",
             ""],
            ["Zinnia Cafe", "Barista", "Applied", "", "", "", "", "", "", ""],
        ]},
    ),
    Shape(
        "events_in_a_cell.csv",
        "an app export whose `events` cell lists dated events (`date|event; ...`), a "
        "free-text `outcome` beside a `current_status` of status words",
        # Dune's "THANK-YOU SENT" event (11 Nov) is its thank-you, to someone not named
        # (docs/reading.md): Done, so no Get interviewer names. Open: its decision
        # date, references, next call (24 Nov) and keep job hunting.
        ShapeExpected(
            interviews=2, applications=1, errors=0, warnings=1, open_actions=4,
            outcomes={"Dune Logistics": "Pending", "Echo Print": "Not Selected"},
            problems=(ONE_PERSON,)),
        csv="company,role,applied_on,current_status,outcome,events\n"
            "Dune Logistics,Warehouse Helper,2026-10-28,interviewing,"
            "liked the team but shifts are long,"
            "10 Nov 2026|RECRUITER INTERVIEW #1; 11 Nov 2026|THANK-YOU SENT; "
            "17 Nov 2026|FOLLOW-UP SENT - STILL INTERESTED\n"
            "Echo Print,Press Helper,2026-10-29,rejected,they wanted a forklift licence,"
            "05 Nov 2026|PHONE INTERVIEW; 12 Nov 2026|FOLLOW-UP SENT\n"
            "Fable Toys,Stock Clerk,2026-11-02,applied,,\n",
    ),
    Shape(
        "rounds_sheet.xlsx",
        "applications on one sheet (with an interview count and the status), one row per "
        "interview round on another (Company, Round, Date, Type)",
        ShapeExpected(
            interviews=3, applications=1, errors=0, warnings=1, open_actions=6,
            outcomes={"Aspen Bank": "Pending", "Briar Foods": "Not Selected"},
            skipped=("Rounds: 3 interview round(s) read as rounds of the applications on "
                     "'Applications'",),
            problems=(ONE_PERSON,)),
        sheets={
            "Applications": [
                ["Company", "Position", "Date Applied", "Interviews", "Status"],
                ["Aspen Bank", "Teller", date(2026, 10, 20), 2, "Interviewing"],
                ["Briar Foods", "Packer", date(2026, 10, 21), 1, "Rejected"],
                ["Cove Books", "Clerk", date(2026, 10, 22), 0, "Applied"],
            ],
            "Rounds": [
                ["Company", "Round", "Date", "Type"],
                ["Aspen Bank", 1, date(2026, 11, 2), "Phone"],
                ["Aspen Bank", 2, date(2026, 11, 12), "Onsite"],
                ["Briar Foods", 1, date(2026, 11, 4), "Video"],
            ],
        },
    ),
]
