"""Synthetic, deterministic sample trackers (SPEC §7). No real person's data.

:func:`make_sample` returns the four tables of the template layout, built
from a seeded random generator around an as-of date, with every step and
status represented and a few deliberate data problems for the Data Issues
sheet. :func:`to_flat` spreads them into the one-sheet flat layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from followkit.core import schema as s

WORKERS = ("Amara Okafor", "Daniel Tremblay", "Priya Sharma", "Lucas Nguyen")
FIRST_NAMES = (
    "Aaliyah", "Omar", "Sofia", "Liam", "Mei", "Noah", "Zara", "Ethan", "Ana", "Kwame",
    "Chloe", "Arjun", "Maya", "Mateo", "Leila", "Jayden", "Fatima", "Owen", "Hana", "Diego",
    "Emma", "Tariq", "Isabelle", "Kai", "Nadia", "Samuel", "Yuki", "Gabriel", "Amira", "Ryan",
)
LAST_NAMES = (
    "Mensah", "Haddad", "Rossi", "Chen", "Singh", "Martin", "Gagnon", "Ali", "Lima", "Osei",
    "Roy", "Patel", "Kowalski", "Garcia", "Nguyen", "Campbell", "Ibrahim", "Wilson", "Tanaka",
    "Lopez", "Brown", "Khan", "Bouchard", "Park", "Hassan", "Clarke", "Sato", "Silva",
)
# Fictional employers; 555-01xx numbers are reserved for fiction.
EMPLOYERS = (
    ("Maple Grocers", "Cashier"), ("Northway Logistics", "Warehouse Associate"),
    ("Lakeshore Cafe", "Barista"), ("Brightpath Daycare", "Program Assistant"),
    ("Summit Hardware", "Sales Associate"), ("Riverbend Cinemas", "Usher"),
    ("Cedar Auto Care", "Lube Technician Apprentice"), ("Harbour Hotel", "Housekeeper"),
    ("Pinecrest Pharmacy", "Front Store Clerk"), ("Trillium Print Shop", "Print Assistant"),
    ("Bluewater Fitness", "Front Desk Associate"), ("Oakridge Landscaping", "Labourer"),
)
INTERVIEWERS = (
    ("Jonathan Smythe", "Raj Patel"), ("Sofia Rossi", "Greg Hall"), ("Marie Dubois",),
    ("Linda Chow", "Peter Novak"), ("Ahmed Karim", "Julie Fortin"), ("Tom Becker",),
    ("Carlos Mendes", "Erin Walsh"), ("Grace Obi", "Henry Lau"), ("Nina Petrova",),
    ("Victor Lang", "Ruth Adler"), ("Keisha Brown",), ("Mark Olsen", "Dana Price"),
)
CALL_RESULTS = ("left voicemail", "still deciding", "call back next week",
                "spoke to HR: interviews ongoing", "no answer")
STRENGTHS = (
    "two years of volunteer experience serving customers",
    "reliable, punctual and able to work weekends",
    "bilingual in English and French",
    "first-aid certified and great with children",
    "experience with inventory from a school co-op",
)


@dataclass(frozen=True)
class SampleTracker:
    """The four template-layout tables of a synthetic tracker."""

    interviews: pd.DataFrame
    interviewers: pd.DataFrame
    calls: pd.DataFrame
    job_search: pd.DataFrame
    as_of: date

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"Interviews": self.interviews, "Interviewers": self.interviewers,
                "Calls": self.calls, "Job Search": self.job_search}


def make_sample(*, n_clients: int = 60, seed: int = 2026, as_of: date) -> SampleTracker:
    """A realistic synthetic tracker around ``as_of``: ~2.5 interviews per client.

    Interviews fall over the 8 weeks before ``as_of`` (a few in the week after);
    older ones are more often closed and further along their follow-ups.
    The same arguments always give the same tracker.
    """
    if n_clients < 1:
        raise ValueError("n_clients must be at least 1")
    rng = np.random.default_rng(seed)
    clients = _clients(rng, n_clients)
    interviews = _interviews(rng, clients, as_of)
    interviewers = _interviewers(rng, interviews, as_of)
    calls = _calls(rng, interviews, as_of)
    job_search = _job_search(rng, clients, as_of)
    sample = SampleTracker(interviews, interviewers, calls, job_search, as_of)
    return _with_problems(sample) if n_clients >= 10 else sample


def _clients(rng: np.random.Generator, n: int) -> pd.DataFrame:
    first = rng.choice(FIRST_NAMES, n)
    last = rng.choice(LAST_NAMES, n)
    workers = WORKERS[:3] if n < 40 else WORKERS
    return pd.DataFrame({
        s.CLIENT_ID: [f"{i:05d}" for i in range(1, n + 1)],
        s.CLIENT_NAME: [f"{a} {b}" for a, b in zip(first, last, strict=True)],
        s.WORKER: rng.choice(workers, n),
        s.WHY_ME: rng.choice(STRENGTHS, n),
    })


def _interviews(rng: np.random.Generator, clients: pd.DataFrame, as_of: date) -> pd.DataFrame:
    per_client = rng.integers(1, 5, len(clients))
    iv = clients.loc[clients.index.repeat(per_client)].reset_index(drop=True)
    n = len(iv)
    ago = rng.integers(-6, 57, n)  # days before as_of; negative = still to come
    day = pd.to_datetime(as_of) - pd.to_timedelta(ago, unit="D")
    # Move weekend interviews to the Friday before: employers interview on weekdays.
    day = day - pd.to_timedelta(np.maximum(day.day_of_week - 4, 0), unit="D")
    employer = rng.integers(0, len(EMPLOYERS), n)
    age = (pd.to_datetime(as_of) - day).days.to_numpy()
    closed_p = np.clip(age / 60, 0, 0.85)
    closed = (rng.random(n) < closed_p) & (age > 0)
    outcome = np.where(closed, rng.choice([s.HIRED, s.NOT_SELECTED, s.WITHDRAWN, s.NOT_SELECTED],
                                          n), np.where(rng.random(n) < 0.12, s.OFFER, ""))
    decided = rng.random(n) < 0.6
    decision = day + pd.to_timedelta(rng.integers(2, 15, n), unit="D")
    alerted = (rng.random(n) < np.clip(0.3 + age / 30, 0, 0.95)) & (age > 0)
    alerted_on = day + pd.to_timedelta(rng.integers(0, 3, n), unit="D")
    references = [("Y" if r < 0.5 else None) if a else "" for a, r in
                  zip(alerted, rng.random(n), strict=True)]
    iv[s.INTERVIEW_ID] = [f"INT-{i:05d}" for i in range(1, n + 1)]
    iv[s.EMPLOYER] = [EMPLOYERS[e][0] for e in employer]
    iv[s.POSITION] = [EMPLOYERS[e][1] for e in employer]
    iv[s.INTERVIEW_DATE] = day.date
    iv[s.EMPLOYER_PHONE] = [f"(905) 555-01{e:02d}" for e in employer]
    iv[s.DECISION_DATE] = np.where(decided & (age >= 0), decision.date, np.array(None))
    iv[s.REFERENCES_ALERTED] = [
        a.date() if r is None else r for r, a in zip(references, alerted_on, strict=True)]
    iv[s.OUTCOME] = outcome
    iv[s.NOTES] = ""
    iv["_employer"] = employer
    iv = iv.sort_values([s.INTERVIEW_DATE, s.CLIENT_ID], kind="stable").reset_index(drop=True)
    columns = [s.INTERVIEW_ID, s.CLIENT_ID, s.CLIENT_NAME, s.WORKER, s.EMPLOYER, s.POSITION,
               s.INTERVIEW_DATE, s.EMPLOYER_PHONE, s.DECISION_DATE, s.REFERENCES_ALERTED,
               s.OUTCOME, s.NOTES, s.WHY_ME, "_employer"]
    return iv[columns]


def _interviewers(rng: np.random.Generator, iv: pd.DataFrame, as_of: date) -> pd.DataFrame:
    rows = []
    for interview_id, employer, day, outcome in zip(
            iv[s.INTERVIEW_ID], iv["_employer"], iv[s.INTERVIEW_DATE], iv[s.OUTCOME],
            strict=True):
        age = (as_of - day).days
        pool = INTERVIEWERS[employer]
        if age >= 0 and rng.random() < 0.08:
            continue  # the client did not get the names
        k = int(rng.integers(1, len(pool) + 1))
        domain = EMPLOYERS[employer][0].lower().replace(" ", "") + ".example"
        for name in pool[:k]:
            sent = age > 0 and rng.random() < min(0.35 + age / 10, 0.95 if outcome else 0.9)
            when = day + timedelta(days=int(rng.integers(0, 3)))
            thank = ("" if not sent else "Y" if rng.random() < 0.3 else
                     when if when <= as_of else "Y")
            email = name.lower().replace(" ", ".") + "@" + domain
            rows.append((interview_id, name, email if rng.random() < 0.85 else "", thank))
    return pd.DataFrame(rows, columns=[s.INTERVIEW_ID, s.INTERVIEWER, s.EMAIL,
                                       s.THANK_YOU_SENT])


def _calls(rng: np.random.Generator, iv: pd.DataFrame, as_of: date) -> pd.DataFrame:
    rows = []
    for interview_id, day in zip(iv[s.INTERVIEW_ID], iv[s.INTERVIEW_DATE], strict=True):
        when = day + timedelta(days=int(rng.integers(5, 10)))
        while when <= as_of and rng.random() < 0.75:
            if when.weekday() < 5:
                rows.append((interview_id, when, str(rng.choice(CALL_RESULTS))))
            when += timedelta(days=int(rng.integers(6, 11)))
    return pd.DataFrame(rows, columns=[s.INTERVIEW_ID, s.CALL_DATE, s.RESULT])


def _job_search(rng: np.random.Generator, clients: pd.DataFrame, as_of: date) -> pd.DataFrame:
    rows = []
    for client_id in clients[s.CLIENT_ID]:
        for _ in range(int(rng.integers(0, 6))):
            employer, position = EMPLOYERS[int(rng.integers(0, len(EMPLOYERS)))]
            rows.append((client_id, as_of - timedelta(days=int(rng.integers(0, 60))),
                         employer, position))
    frame = pd.DataFrame(rows, columns=[s.CLIENT_ID, s.APPLICATION_DATE, s.EMPLOYER,
                                        s.POSITION])
    return frame.sort_values([s.APPLICATION_DATE, s.CLIENT_ID], kind="stable").reset_index(
        drop=True)


def _with_problems(sample: SampleTracker) -> SampleTracker:
    """Plant the data problems a real tracker has, each one of SPEC §3."""
    iv = sample.interviews.drop(columns="_employer").copy()
    people = sample.interviewers.copy()
    calls = sample.calls.copy()
    past = iv.index[iv[s.INTERVIEW_DATE] < sample.as_of - timedelta(days=10)]
    # A misspelt interviewer name at the same employer.
    smythe = people.index[people[s.INTERVIEWER] == "Jonathan Smythe"]
    if len(smythe) > 1:
        people.loc[smythe[-1], s.INTERVIEWER] = "Jonathon Smythe"
    # A malformed email.
    with_email = people.index[people[s.EMAIL] != ""]
    people.loc[with_email[len(with_email) // 2], s.EMAIL] = "raj.patel@maplegrocers"
    # An unknown outcome, an ambiguous text date, an unreadable date.
    iv.loc[past[0], s.OUTCOME] = "waiting on HR"
    iv[s.DECISION_DATE] = iv[s.DECISION_DATE].astype(object)
    later = iv.loc[past, s.INTERVIEW_DATE] + timedelta(days=5)
    ambiguous = later[[d.day <= 12 and d.day != d.month for d in later]]
    if len(ambiguous):
        day = ambiguous.iloc[0]
        iv.loc[ambiguous.index[0], s.DECISION_DATE] = f"{day.day:02d}/{day.month:02d}/{day.year}"
    iv[s.INTERVIEW_DATE] = iv[s.INTERVIEW_DATE].astype(object)
    iv.loc[past[2], s.INTERVIEW_DATE] = "last Tuesday"
    # One client's name typed two ways.
    twice = iv[s.CLIENT_ID].value_counts()
    twice_id = twice.index[twice > 1][0]
    rows = iv.index[iv[s.CLIENT_ID] == twice_id]
    iv.loc[rows[-1], s.CLIENT_NAME] = iv.loc[rows[-1], s.CLIENT_NAME].upper().replace("A", "E", 1)
    # Two calls a day apart, and a call logged against an interview that does not exist.
    if len(calls):
        first = calls.iloc[0]
        extra = pd.DataFrame([
            (first[s.INTERVIEW_ID], first[s.CALL_DATE] + timedelta(days=1), "called again"),
            ("INT-99999", first[s.CALL_DATE], "wrong number"),
        ], columns=calls.columns)
        calls = pd.concat([calls, extra], ignore_index=True)
    return SampleTracker(iv, people, calls, sample.job_search, sample.as_of)


def to_flat(sample: SampleTracker, *, max_interviewers: int = 3) -> pd.DataFrame:
    """The flat layout: one row per interview, linked tables spread into columns."""
    iv = sample.interviews.drop(columns=["_employer"], errors="ignore").copy()
    people = sample.interviewers.copy()
    people["n"] = people.groupby(s.INTERVIEW_ID).cumcount() + 1
    people = people[people["n"] <= max_interviewers]
    for n in range(1, max_interviewers + 1):
        one = people[people["n"] == n].set_index(s.INTERVIEW_ID)
        for column, flat_name in ((s.INTERVIEWER, s.INTERVIEWER),
                                  (s.EMAIL, "Interviewer Email"),
                                  (s.THANK_YOU_SENT, s.THANK_YOU_SENT)):
            values = one[column].astype(object).reindex(iv[s.INTERVIEW_ID].to_numpy())
            iv[f"{flat_name} {n}"] = values.where(values.notna(), "").to_numpy()
    calls = sample.calls.sort_values(s.CALL_DATE, kind="stable")
    listed = calls.groupby(s.INTERVIEW_ID)[s.CALL_DATE].agg(
        lambda d: "; ".join(x.isoformat() for x in d))
    iv["Call Dates"] = iv[s.INTERVIEW_ID].map(listed).astype(object).fillna("")  # no calls: NaN
    last = sample.job_search.groupby(s.CLIENT_ID)[s.APPLICATION_DATE].max()
    iv["Last Application Date"] = iv[s.CLIENT_ID].map(last)
    iv["Last Application Date"] = iv["Last Application Date"].astype(object).where(
        iv["Last Application Date"].notna(), "")
    return iv


def blank_template() -> dict[str, pd.DataFrame]:
    """The empty tables of the recommended layout, with their columns."""
    return {table.name: pd.DataFrame(columns=[c.name for c in table.columns])
            for table in s.TABLES}


# The bundled sample (data/sample_tracker.xlsx, `make data`) is built as of this date.
BUNDLED_AS_OF = date(2026, 11, 20)


def bundled_sample_path() -> Path | None:
    """The bundled sample tracker shipped with followkit, if the installation has it."""
    from followkit.core.errors import FollowkitError
    from followkit.core.resources import DATA, resource_path

    try:
        return resource_path(DATA, "sample_tracker.xlsx")
    except FollowkitError:
        return None


def sample_bytes(sample: SampleTracker) -> bytes:
    """A sample tracker as .xlsx bytes, built in memory."""
    from followkit.report.workbook import tracker_bytes

    return tracker_bytes(sample.tables())
