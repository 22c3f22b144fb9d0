"""Column names, header synonyms and allowed values, declared once.

Every table followkit reads is described here: which columns it has, which are
required, what kind of value each holds and the header spellings real trackers
use for it. Headers are compared after :func:`normalize_header`, so case,
spaces, punctuation and accents never matter.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

Kind = Literal["id", "text", "date", "yesno", "outcome", "email"]

# Canonical column names: these are the names used in every tidy table and in
# the report workbook.
INTERVIEW_ID = "Interview ID"
CLIENT_ID = "Client ID"
CLIENT_NAME = "Client Name"
WORKER = "Worker"
EMPLOYER = "Employer"
POSITION = "Position"
INTERVIEW_DATE = "Interview Date"
EMPLOYER_PHONE = "Employer Phone"
DECISION_DATE = "Decision Date"
REFERENCES_ALERTED = "References Alerted"
OUTCOME = "Outcome"
NOTES = "Notes"
WHY_ME = "Why Me"
LANGUAGE = "Language"  # the client's language: English or French (SPEC §10)
INTERVIEWER = "Interviewer"
EMAIL = "Email"
THANK_YOU_SENT = "Thank-You Sent"
# The Interviewer of an interview (or round) that names no one but whose thank-you is
# recorded sent: the young person knew whom to thank (docs/reading.md, "A thank-you
# sent to someone not named"). One such row per interview; never a name to write to.
UNNAMED_INTERVIEWER = "(not named)"
REFERENCES_ALERTED_DATE = "References Alerted Date"
THANK_YOU_DATE = "Thank-You Date"
CALL_DATE = "Call Date"
RESULT = "Result"
APPLICATION_DATE = "Application Date"
# Columns of the trackers people keep (SPEC §2.1), read on the interviews sheet.
ACTIVITY = "Activity"
ACTIVITY_DATE = "Activity Date"
FOLLOW_UP_DATE = "Follow-up Date"

# Bookkeeping columns carried by every tidy table: where the row came from.
SHEET = "_sheet"
ROW = "_row"
OK = "_ok"  # the row can be evaluated (no error-level data issue)
PLANNED = "_planned"  # a call row that is a plan (a date still to come), not a call made
QUIET = "_quiet"  # the status says the employer has gone quiet ("Ghosted"): still open
FROM_CELL = "_from_cell"  # an interview read from a cell of events: which cell ("" else)

# Outcome values. Pending and Offer keep an interview open.
PENDING, OFFER, HIRED, NOT_SELECTED, WITHDRAWN = (
    "Pending",
    "Offer",
    "Hired",
    "Not Selected",
    "Withdrawn",
)
OUTCOMES = (PENDING, OFFER, HIRED, NOT_SELECTED, WITHDRAWN)
OPEN_OUTCOMES = (PENDING, OFFER)


def normalize_header(text: object) -> str:
    """Return the comparison key of a header or a word.

    Case, accents, spaces (including non-breaking and zero-width ones),
    punctuation and a leading BOM are dropped.

    >>> normalize_header("  Thank-You Sent (1) ")
    'thankyousent1'
    >>> normalize_header("Counsellor\\u00a0")
    'counsellor'
    """
    return _normalized(text if isinstance(text, str) else str(text))


@functools.lru_cache(maxsize=65536)
def _normalized(text: str) -> str:
    """:func:`normalize_header` of a text, each distinct text worked out once."""
    decomposed = unicodedata.normalize("NFKD", text).casefold()
    return "".join(ch for ch in decomposed if ch.isalnum() and ch.isascii())


@dataclass(frozen=True)
class Column:
    """One column of a table: canonical name, kind of value, header synonyms."""

    name: str
    kind: Kind
    synonyms: tuple[str, ...] = ()
    required: bool = False

    @functools.cached_property
    def keys(self) -> tuple[str, ...]:
        """The normalised name and synonyms (worked out once: every header is checked
        against every column's keys)."""
        return tuple(dict.fromkeys(normalize_header(s) for s in (self.name, *self.synonyms)))


@dataclass(frozen=True)
class Table:
    """One table of the tracker, as one sheet of the template layout."""

    name: str
    sheet_names: tuple[str, ...]
    columns: tuple[Column, ...]

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


_INTERVIEW_ID = Column(
    INTERVIEW_ID, "id", ("Interview No", "Interview Number", "Interview Ref", "Interview Key")
)
_CLIENT_ID = Column(
    CLIENT_ID,
    "id",
    (
        "Youth ID", "Participant ID", "Client No", "Client Number", "Client #", "Case ID",
        "Case Number", "Case No", "Participant No", "Youth No", "Client Code",
    ),
    required=True,
)
_EMPLOYER = Column(
    EMPLOYER,
    "text",
    ("Company", "Employer Name", "Company Name", "Organization", "Organisation", "Business"),
)
_POSITION = Column(
    POSITION, "text", ("Job", "Job Title", "Role", "Position Title", "Title", "Job Position")
)

INTERVIEWS = Table(
    "Interviews",
    ("Interviews", "Interview", "Interview Log", "Interview Tracker", "Tracker"),
    (
        Column(INTERVIEW_ID, "id", _INTERVIEW_ID.synonyms),
        _CLIENT_ID,
        Column(
            CLIENT_NAME,
            "text",
            (
                "Client", "Youth", "Participant", "Youth Name", "Participant Name", "Name",
                "Full Name", "Client Full Name",
            ),
            required=True,
        ),
        Column(
            WORKER,
            "text",
            (
                "Counsellor", "Counselor", "Staff", "Case Manager", "Outreach Worker",
                "Caseworker", "Case Worker", "Job Coach", "Coach", "Employment Counsellor",
                "Staff Name", "Worker Name", "Assigned To",
            ),
        ),
        _EMPLOYER,
        _POSITION,
        Column(
            INTERVIEW_DATE,
            "date",
            ("Date of Interview", "Interview Day", "Interviewed On", "Date Interviewed", "Date"),
            required=True,
        ),
        Column(
            EMPLOYER_PHONE,
            "text",
            (
                "Phone", "Company Phone", "Contact Phone", "Phone Number", "Telephone",
                "Employer Telephone", "Contact Number", "Employer Phone Number",
            ),
        ),
        Column(
            DECISION_DATE,
            "date",
            (
                "Hiring Decision Date", "Decision Expected", "Expected Decision",
                "Decision By", "Decision Expected By",
            ),
        ),
        Column(
            REFERENCES_ALERTED,
            "yesno",
            (
                "References Contacted", "References Notified", "Refs Alerted",
                "References Informed", "Alerted References", "References Called",
            ),
        ),
        Column(
            OUTCOME,
            "outcome",
            ("Result", "Status", "Interview Outcome", "Interview Result", "Hiring Outcome",
             "Results", "Application Status", "Response", "Stage", "Current Status",
             "Job Status", "Status of Application"),
        ),
        Column(NOTES, "text", ("Note", "Comments", "Comment")),
        Column(
            APPLICATION_DATE,
            "date",
            (
                "Date Applied", "Applied Date", "Applied On", "Applied", "Application Sent",
                "Date of Application", "Submitted On", "Date Submitted", "Submitted",
                "Submission Date", "Application Submitted", "Applied Date",
            ),
        ),
        Column(ACTIVITY, "text", ("Work Search Activity", "Activity Type", "Type of Activity",
                                  "Activity", "Action Taken")),
        Column(ACTIVITY_DATE, "date", ("Date of Activity", "Activity Date", "Date of Contact",
                                       "Contact Date")),
        Column(FOLLOW_UP_DATE, "date", ("Follow-up Date", "Follow Up Date", "Next Follow-up",
                                        "Next Follow Up", "Follow-up On", "Followed Up",
                                        "Next Follow-up Date", "Follow-up")),
        Column(WHY_ME, "text", ("Strengths", "Strength", "Why a Good Fit", "Why I Fit",
                                "Why Me Sentence", "Why Hire Me")),
        Column(LANGUAGE, "text", ("Preferred Language", "Client Language", "Langue",
                                  "Language Preference", "Official Language",
                                  "Langue Préférée")),
    ),
)

INTERVIEWERS = Table(
    "Interviewers",
    ("Interviewers", "Interviewer", "Thank Yous", "Thank-You Letters"),
    (
        Column(INTERVIEW_ID, "id", _INTERVIEW_ID.synonyms, required=True),
        Column(
            INTERVIEWER,
            "text",
            ("Interviewer Name", "Name", "Interviewed By", "Interviewers", "Interviewer(s)"),
            required=True,
        ),
        Column(EMAIL, "email", ("Email Address", "E-mail", "Interviewer Email")),
        Column(
            THANK_YOU_SENT,
            "yesno",
            (
                "Thank You", "Thank-You", "Thank You Note", "Thank You Letter", "Thanked",
                "Thank You Date", "Thank-You Sent Date",
            ),
        ),
    ),
)

CALLS = Table(
    "Calls",
    ("Calls", "Follow-Up Calls", "Follow Ups", "Call Log", "Phone Calls"),
    (
        Column(INTERVIEW_ID, "id", _INTERVIEW_ID.synonyms, required=True),
        Column(
            CALL_DATE,
            "date",
            ("Date", "Follow-Up Date", "Follow Up Call", "Date Called", "Called On"),
            required=True,
        ),
        Column(RESULT, "text", ("Outcome", "Notes", "Call Result", "Response", "Note")),
    ),
)

JOB_SEARCH = Table(
    "Job Search",
    ("Job Search", "Applications", "Job Applications", "Job Hunt", "Applied"),
    (
        _CLIENT_ID,
        Column(
            APPLICATION_DATE, "date", ("Applied", "Date Applied", "Applied On", "Date"),
            required=True,
        ),
        _EMPLOYER,
        _POSITION,
    ),
)

TABLES = (INTERVIEWS, INTERVIEWERS, CALLS, JOB_SEARCH)

# Flat layout: linked tables spread into columns of the interviews sheet.
# Each pattern is matched against the normalised header in full.
FLAT_INTERVIEWERS = "interviewers"
FLAT_INTERVIEWER_N = "interviewer_n"
FLAT_EMAIL_N = "email_n"
FLAT_EMAILS = "emails"
FLAT_THANK_YOU_N = "thank_you_n"
FLAT_THANK_YOU = "thank_you"
FLAT_CALL_N = "call_n"
FLAT_CALL_RESULT_N = "call_result_n"
FLAT_LAST_CALL_RESULT = "last_call_result"
FLAT_CALL_DATES = "call_dates"
FLAT_LAST_APPLICATION = "last_application"

FLAT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (role, re.compile(pattern))
    for role, pattern in (
        (FLAT_INTERVIEWER_N, r"interviewer(\d+)(?:name)?"),
        (FLAT_EMAIL_N, r"(?:interviewer(\d+)email|intervieweremail(\d+)|email(\d+))"),
        (FLAT_THANK_YOU_N, r"(?:thankyou(?:sent|note|letter)?(\d+)|thankyou(\d+)sent)"),
        (FLAT_CALL_N, r"(?:followup)?call(\d+)(?:date)?"),
        # What `followkit record` writes beside Call N (a call's result), not the
        # interview's Outcome although the header says "Result".
        (FLAT_CALL_RESULT_N, r"(?:followup)?call(\d+)result"),
        (FLAT_LAST_CALL_RESULT, r"lastcallresult"),
        (
            FLAT_INTERVIEWERS,
            r"(?:interviewers?|interviewersnames?|interviewernames?|interviewedby|panel)",
        ),
        (FLAT_EMAILS, r"(?:intervieweremails?|interviewersemails?)"),
        (FLAT_THANK_YOU, r"(?:thankyousent|thankyou|thankyous|thanked|thankyounotes?sent)"),
        (FLAT_CALL_DATES, r"(?:calldates|calls|followupcalls|callsmade|datescalled)"),
        (
            FLAT_LAST_APPLICATION,
            r"(?:lastapplicationdate|lastapplication|lastapplied|lastjobapplication"
            r"|lastappliedon|dateoflastapplication)",
        ),
    )
)

YES_WORDS = frozenset(
    normalize_header(w)
    for w in ("y", "yes", "x", "true", "done", "sent", "1", "ok", "emailed", "mailed",
              "called", "alerted", "yes sent", "completed")
)
NO_WORDS = frozenset(
    normalize_header(w) for w in ("n", "no", "false", "0", "not yet", "pending", "todo", "to do")
)
# Check marks normalise to "" (not alphanumeric), so they are matched as they are.
CHECK_MARKS = frozenset("\u2713\u2714\u2705\u2611")
