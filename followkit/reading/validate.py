"""Cross-table checks of a loaded tracker (SPEC §3).

Cell-level problems (unreadable dates, unknown words) are found while
loading; the checks here look across rows and tables. Every check runs on
whole columns and all of them run every time, so the worker sees every
problem at once.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from followkit.core import schema as s
from followkit.core.policy import DEFAULT_POLICY, FollowUpPolicy
from followkit.reading.issues import ERROR, WARNING, empty_issues, issues_where
from followkit.reading.values import map_each

_EMAIL = re.compile(r"[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[A-Za-z]{2,}")
MISSPELLING_SCORE = 85


def validate(
    interviews: pd.DataFrame,
    interviewers: pd.DataFrame,
    calls: pd.DataFrame,
    applications: pd.DataFrame,
    *,
    policy: FollowUpPolicy = DEFAULT_POLICY,
) -> tuple[pd.DataFrame, pd.Series]:
    """Run every cross-table check.

    Returns
    -------
    issues
        The problems found (columns of the data-issues table).
    blocked
        Boolean Series over ``interviews``: rows that must not be evaluated.
    """
    dup_issues, blocked = _duplicate_ids(interviews)
    # The name checks are about names: a thank-you to someone not named has none.
    named = interviewers[interviewers[s.INTERVIEWER] != s.UNNAMED_INTERVIEWER]
    parts = [
        dup_issues,
        _client_names(interviews),
        _orphans(interviewers, interviews, s.INTERVIEW_ID, "interview"),
        _orphans(calls, interviews, s.INTERVIEW_ID, "interview"),
        _orphans(applications, interviews, s.CLIENT_ID, "client"),
        _emails(interviewers),
        _before_interview(interviewers, interviews, s.THANK_YOU_DATE, "_thank_col",
                          "thank-you"),
        _before_interview(calls, interviews, s.CALL_DATE, "_col", "call"),
        _decision_before_interview(interviews),
        _calls_too_close(calls, policy.min_days_between_calls),
        _misspelt_interviewers(named, interviews),
        _odd_capitals(named),
        _email_not_matching_name(named),
    ]
    parts = [p for p in parts if len(p)]
    issues = pd.concat(parts, ignore_index=True) if parts else empty_issues()
    return issues, blocked


def lookup(keys: pd.Series, table: pd.Series) -> pd.Series:
    """``table[key]`` for each key (missing where absent), keeping ``table``'s dtype.

    Unlike ``Series.map(Series)`` this keeps datetime columns datetime even
    when nothing matches.
    """
    found = table.reindex(keys.to_numpy())
    return pd.Series(found.to_numpy(), index=keys.index, dtype=found.dtype)


def _first_of_each(interviews: pd.DataFrame) -> pd.DataFrame:
    return interviews.drop_duplicates(s.INTERVIEW_ID).set_index(s.INTERVIEW_ID)


def _duplicate_ids(interviews: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    ids = interviews[s.INTERVIEW_ID]
    dup = ids.duplicated(keep="first").to_numpy()
    if not dup.any():
        return empty_issues(), pd.Series(dup, index=interviews.index)
    first_row = _first_of_each(interviews)
    where = (lookup(ids, first_row[s.SHEET]).astype(str) + " row "
             + lookup(ids, first_row[s.ROW]).astype(str))
    problem = "duplicate Interview ID (first at " + where + "): this row is not evaluated"
    issues = issues_where(interviews, dup, column=s.INTERVIEW_ID, value=ids, problem=problem,
                          severity=ERROR, interview_id=ids)
    return issues, pd.Series(dup, index=interviews.index)


def _client_names(interviews: pd.DataFrame) -> pd.DataFrame:
    named = interviews[(interviews[s.CLIENT_NAME] != "") & (interviews[s.CLIENT_ID] != "")]
    key = map_each(named[s.CLIENT_NAME], _name_key)
    first = key.groupby(named[s.CLIENT_ID]).transform("first")
    clash = (key != first).to_numpy()
    if not clash.any():
        return empty_issues()
    first_name = named[s.CLIENT_NAME].groupby(named[s.CLIENT_ID]).transform("first")
    problem = ("Client ID " + named[s.CLIENT_ID].map(repr) + " is also called "
               + first_name.map(repr) + " elsewhere; one of them is wrong")
    return issues_where(named, clash, column=s.CLIENT_NAME, value=named[s.CLIENT_NAME],
                        problem=problem, severity=WARNING, client_id=named[s.CLIENT_ID])


def _orphans(linked: pd.DataFrame, interviews: pd.DataFrame, key: str, what: str) -> pd.DataFrame:
    missing = ~linked[key].isin(set(interviews[key]))
    return issues_where(linked, missing, column=key, value=linked[key],
                        problem=f"{key} matches no {what} in the tracker: row not used",
                        severity=ERROR)


def _emails(interviewers: pd.DataFrame) -> pd.DataFrame:
    email = interviewers[s.EMAIL]
    bad = (email != "") & ~map_each(email, lambda e: bool(_EMAIL.fullmatch(e))).astype(bool)
    return issues_where(
        interviewers, bad, column=interviewers["_email_col"].where(
            interviewers["_email_col"] != "", s.EMAIL),
        value=email, problem="malformed email address", severity=WARNING,
        interview_id=interviewers[s.INTERVIEW_ID])


def _interview_dates(linked: pd.DataFrame, interviews: pd.DataFrame) -> pd.Series:
    return lookup(linked[s.INTERVIEW_ID], _first_of_each(interviews)[s.INTERVIEW_DATE])


def _before_interview(linked: pd.DataFrame, interviews: pd.DataFrame, date_col: str,
                      col: str, what: str) -> pd.DataFrame:
    interview_date = _interview_dates(linked, interviews)
    early = (linked[date_col] < interview_date).to_numpy()
    if not early.any():
        return empty_issues()
    problem = (f"{what} dated before the interview (" + _fmt(interview_date) + ")")
    return issues_where(linked, early, column=linked[col].where(linked[col] != "", date_col),
                        value=linked[date_col].dt.date, problem=problem, severity=WARNING,
                        interview_id=linked[s.INTERVIEW_ID])


def _decision_before_interview(interviews: pd.DataFrame) -> pd.DataFrame:
    early = (interviews[s.DECISION_DATE] < interviews[s.INTERVIEW_DATE]).to_numpy()
    if not early.any():
        return empty_issues()
    problem = "decision date before the interview (" + _fmt(interviews[s.INTERVIEW_DATE]) + ")"
    return issues_where(interviews, early, column=s.DECISION_DATE,
                        value=interviews[s.DECISION_DATE].dt.date, problem=problem,
                        severity=WARNING, interview_id=interviews[s.INTERVIEW_ID])


def _calls_too_close(calls: pd.DataFrame, min_days: int) -> pd.DataFrame:
    if calls.empty or min_days <= 0:
        return empty_issues()
    ordered = calls.sort_values([s.INTERVIEW_ID, s.CALL_DATE], kind="stable")
    previous = ordered.groupby(s.INTERVIEW_ID, sort=False)[s.CALL_DATE].shift()
    gap = (ordered[s.CALL_DATE] - previous).dt.days
    close = (gap < min_days).to_numpy()
    if not close.any():
        return empty_issues()
    problem = ("call only " + gap.astype("Int64").astype(str) + " day(s) after the one on "
               + _fmt(previous) + f": leave at least {min_days} days between calls "
               "(do not bother the employer)")
    return issues_where(ordered, close, column=ordered["_col"], value=ordered[s.CALL_DATE].dt.date,
                        problem=problem, severity=WARNING,
                        interview_id=ordered[s.INTERVIEW_ID])


def _name_key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _misspelt_interviewers(interviewers: pd.DataFrame,
                           interviews: pd.DataFrame) -> pd.DataFrame:
    """Interviewer names at one employer that are probably the same person misspelt."""
    from rapidfuzz import fuzz, process, utils

    if interviewers.empty:
        return empty_issues()
    employer = lookup(interviewers[s.INTERVIEW_ID],
                      _first_of_each(interviews)[s.EMPLOYER].astype(object)).fillna("")
    key = map_each(interviewers[s.INTERVIEWER], _name_key)
    frame = pd.DataFrame({"employer": map_each(employer, _name_key), "key": key})
    counts = frame[frame["employer"] != ""].value_counts().reset_index(name="n")
    suspect: dict[tuple[str, str], str] = {}
    for emp, group in counts.groupby("employer", sort=False):
        if len(group) < 2:
            continue
        names = group["key"].tolist()
        plain = [unicodedata.normalize("NFKD", n).encode("ascii", "ignore").decode()
                 for n in names]
        scores = process.cdist(plain, plain, scorer=fuzz.ratio, processor=utils.default_process)
        n_uses = group["n"].to_numpy()
        for i, j in zip(*np.nonzero(np.triu(scores >= MISSPELLING_SCORE, k=1)), strict=True):
            # The rarer spelling is the suspect one; on a tie, the later one.
            odd, usual = (i, j) if n_uses[i] < n_uses[j] else (j, i)
            suspect.setdefault((str(emp), names[odd]), names[usual])
    if not suspect:
        return empty_issues()
    usual_name = pd.Series(
        [suspect.get((e, k)) for e, k in zip(frame["employer"], frame["key"], strict=True)],
        index=interviewers.index, dtype=object)
    flagged = usual_name.notna().to_numpy()
    shown = interviewers.groupby(key)[s.INTERVIEWER].first()
    problem = ("interviewer name looks like a misspelling of " + usual_name.map(
        lambda k: repr(shown.get(k, k)) if isinstance(k, str) else "") + " at the same "
        "employer: check the spelling before sending the thank-you")
    return issues_where(
        interviewers, flagged, column=interviewers["_name_col"], value=interviewers[
            s.INTERVIEWER], problem=problem, severity=WARNING,
        interview_id=interviewers[s.INTERVIEW_ID])


# Lower-case name particles that are spelled that way on purpose.
_PARTICLES = frozenset({"de", "da", "di", "du", "del", "della", "der", "den", "van", "von",
                        "la", "le", "bin", "ibn", "al", "el", "dos", "das", "y", "e", "ter"})


def odd_capitals(name: str) -> bool:
    """Whether a name's capitals look like a slip ("raj patel", "RAJ PATEL", "raj Patel").

    >>> odd_capitals("Raj Patel"), odd_capitals("raj patel"), odd_capitals("Ludwig van Beethoven")
    (False, True, False)
    """
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 2:
        return False
    if name.isupper() or name.islower():
        return True
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    return any(w[0].islower() and w.casefold() not in _PARTICLES for w in words)


def _odd_capitals(interviewers: pd.DataFrame) -> pd.DataFrame:
    names = interviewers[s.INTERVIEWER]
    unique = names.unique()
    odd = names.map(dict(zip(unique, map(odd_capitals, unique), strict=True))).to_numpy(
        dtype=bool)
    return issues_where(
        interviewers, odd, column=interviewers["_name_col"], value=names,
        problem="interviewer name has odd capital letters: check how it is spelled before "
                "it goes on a letter", severity=WARNING,
        interview_id=interviewers[s.INTERVIEW_ID])


def email_matches_name(email: str, name: str) -> bool:
    """False when the email's local part looks like a misspelling of the name.

    ``sofia.rosi@`` for Sofia Rossi is flagged; ``srossi@``, ``sofia@`` and
    ``hr@`` are not (they do not try to spell the name).
    """
    from rapidfuzz import fuzz

    local = email.split("@", 1)[0]
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    parts = [p for p in re.split(r"[^a-z]+", plain) if len(p) >= 2]
    for token in re.split(r"[^a-z]+", local.casefold()):
        if len(token) < 3 or any(p in token for p in parts):
            continue
        if any(80 <= fuzz.ratio(token, p) < 100 for p in parts):
            return False
    return True


def _email_not_matching_name(interviewers: pd.DataFrame) -> pd.DataFrame:
    emails, names = interviewers[s.EMAIL], interviewers[s.INTERVIEWER]
    pairs = pd.MultiIndex.from_arrays([emails, names])
    unique = pairs.unique()
    verdict = pd.Series([bool(e) and "@" in e and not email_matches_name(e, n)
                         for e, n in unique], index=unique, dtype=bool)
    bad = verdict.reindex(pairs).to_numpy(dtype=bool)
    problem = ("email does not match the name " + names.map(repr)
               + ": check which one is spelled right")
    return issues_where(
        interviewers, bad, column=interviewers["_email_col"].where(
            interviewers["_email_col"] != "", s.EMAIL),
        value=emails, problem=problem, severity=WARNING,
        interview_id=interviewers[s.INTERVIEW_ID])


def _fmt(dates: pd.Series) -> pd.Series:
    return dates.dt.strftime("%Y-%m-%d").fillna("?")
