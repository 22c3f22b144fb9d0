"""Thank-you letters, email drafts and call scripts, drafted from the record.

Step 3 of the seed: a thank-you to *each* interviewer, as soon as possible,
thanking them for the opportunity and saying why the client fits the job,
every name spelled correctly. Step 4: a call with a purpose that never turns
into daily pestering. Drafts use the names exactly as recorded; the name
checks of :mod:`followkit.reading.validate` are shown beside each draft, never applied.
"""

from __future__ import annotations

import os
import string
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import numpy as np
import pandas as pd

from followkit.core import schema as s
from followkit.core.errors import FollowkitError
from followkit.core.policy import DEFAULT_POLICY, FollowUpPolicy
from followkit.reading.load import Caseload
from followkit.rules import engine as r

PLACEHOLDERS = {
    "interviewer": "the interviewer's name, as recorded",
    "client": "the client's name",
    "client_first_name": "the client's first name",
    "position": "the job",
    "employer": "the employer",
    "interview_date": "the interview date in words, e.g. Thursday, November 26, 2026",
    "why_me": "the client's 'Why Me' / 'Strengths' cell, or a placeholder to fill in",
    "worker": "the outreach worker",
}
WHY_ME_MISSING = "[Write one sentence on why you are a great fit for this job.]"
# {interviewer} of a thank-you to someone the tracker does not name (reading/unnamed.py).
INTERVIEWER_MISSING = "[the interviewer's name]"
MAILTO_LIMIT = 2000  # characters; mail clients and Excel (2 079) accept up to about this
DRAFT_COLUMNS = [s.INTERVIEW_ID, s.CLIENT_ID, s.CLIENT_NAME, s.WORKER, s.INTERVIEWER, s.EMAIL,
                 s.EMPLOYER, s.POSITION, s.INTERVIEW_DATE, r.DUE_DATE, r.STATUS, "Subject",
                 "Body", "Draft Email", "Name Warnings", "File Name"]


class TemplateError(FollowkitError):
    """A letter template is missing a part or uses an unknown placeholder."""


@dataclass(frozen=True)
class LetterTemplate:
    """Wording of the thank-you: a subject line and a body with {placeholders}."""

    subject: str
    body: str
    source: str = "the built-in template"

    def __post_init__(self) -> None:
        for part, text in (("subject", self.subject), ("body", self.body)):
            check_placeholders(text, where=f"{self.source} ({part})")


def check_placeholders(text: str, *, where: str) -> None:
    """Raise :class:`TemplateError` naming any placeholder followkit does not know."""
    try:
        fields = [(literal, name, spec, conv) for literal, name, spec, conv
                  in string.Formatter().parse(text)]
    except ValueError as e:
        raise TemplateError(f"{where}: {e} (write a literal brace as {{{{ or }}}})") from e
    for _, name, spec, conversion in fields:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            line = text[: text.find("{" + name)].count("\n") + 1
            raise TemplateError(
                f"{where}, line {line}: unknown placeholder {{{name}}}; known placeholders: "
                + ", ".join("{" + p + "}" for p in PLACEHOLDERS))


DEFAULT_TEMPLATE = LetterTemplate(
    subject="Thank you for the interview: {position}",
    body=(
        "Dear {interviewer},\n\n"
        "Thank you for taking the time to meet with me on {interview_date} to discuss the "
        "{position} position at {employer}. I appreciated the opportunity to learn more "
        "about the role and your team.\n\n"
        "{why_me}\n\n"
        "I am very interested in this position and look forward to hearing from you.\n\n"
        "Sincerely,\n{client}"
    ),
)


def load_template(path: str | os.PathLike[str]) -> LetterTemplate:
    """Read an agency's own wording from a TOML file with ``subject`` and ``body``::

        subject = "Thank you, {interviewer}"
        body = \"\"\"Dear {interviewer}, ...\"\"\"
    """
    from followkit.core.io import read_toml

    values = read_toml(path)
    missing = [k for k in ("subject", "body") if not isinstance(values.get(k), str)]
    if missing:
        raise TemplateError(f"{str(path)!r}: the template needs a {missing[0]!r} text")
    unknown = sorted(set(values) - {"subject", "body"})
    if unknown:
        raise TemplateError(f"{str(path)!r}: unknown key {unknown[0]!r}; use subject and body")
    return LetterTemplate(values["subject"], values["body"], source=repr(str(path)))


def in_words(day: date | pd.Timestamp) -> str:
    """'Thursday, November 26, 2026'."""
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def mailto(email: str, subject: str, body: str, *, limit: int = MAILTO_LIMIT) -> str:
    """A ``mailto:`` link (RFC 6068) with subject and body, shortened to fit ``limit``."""
    def link(text: str) -> str:
        return (f"mailto:{quote(email, safe='@')}?subject={_quote(subject)}"
                f"&body={_quote(text)}")

    url = link(body)
    if len(url) <= limit:
        return url
    words = body.split(" ")
    low, high = 0, len(words)
    while low < high:  # the longest prefix of whole words that fits
        middle = (low + high + 1) // 2
        if len(link(" ".join(words[:middle]) + " [...]")) <= limit:
            low = middle
        else:
            high = middle - 1
    return link(" ".join(words[:low]) + " [...]")


@lru_cache(maxsize=4096)
def _quote(text: str) -> str:
    """Percent-encode for a mailto: field, line breaks as CRLF (cached: templates repeat)."""
    return quote(text.replace("\n", "\r\n"), safe="")


def _fill(template: str, values: dict[str, str]) -> tuple[str, str]:
    """The filled text and its percent-encoding, encoding the template's fixed parts once."""
    plain, encoded = [], []
    for literal, name, _, _ in _parsed(template):
        plain.append(literal)
        encoded.append(_quote(literal))
        if name is not None:
            plain.append(values[name])
            encoded.append(_quote(values[name]))
    return "".join(plain), "".join(encoded)


@lru_cache(maxsize=64)
def _parsed(template: str) -> tuple[tuple[str, str | None, str | None, str | None], ...]:
    return tuple(string.Formatter().parse(template))


def thank_you_drafts(caseload: Caseload, actions: pd.DataFrame, *,
                     template: LetterTemplate = DEFAULT_TEMPLATE,
                     links_only: bool = False) -> pd.DataFrame:
    """One draft per open *Send thank-you* action (none for a thank-you already sent).

    ``links_only`` fills only the Draft Email column (the mailto: link of the
    Thank-Yous sheet), not the name warnings and file names of the letters.
    """
    todo = actions[(actions[r.ACTION] == r.SEND_THANK_YOU)
                   & actions[r.STATUS].isin(r.OPEN_STATUSES)]
    if todo.empty:
        return pd.DataFrame(columns=DRAFT_COLUMNS)
    why = caseload.interviews.drop_duplicates(s.INTERVIEW_ID).set_index(s.INTERVIEW_ID)[
        s.WHY_ME].reindex(todo[s.INTERVIEW_ID].to_numpy()).fillna("").to_numpy(dtype=object)
    subjects, bodies, links = [], [], []
    for row, why_me in zip(todo.to_dict("records"), why, strict=True):
        client = str(row[s.CLIENT_NAME])
        values = {
            "interviewer": INTERVIEWER_MISSING if row[s.INTERVIEWER] == s.UNNAMED_INTERVIEWER
            else row[s.INTERVIEWER], "client": client,
            "client_first_name": client.split(" ")[0],
            "position": row[s.POSITION] or "the position",
            "employer": row[s.EMPLOYER] or "your organization",
            "interview_date": in_words(row[s.INTERVIEW_DATE]),
            "why_me": _why_me_sentence(why_me), "worker": row[s.WORKER],
        }
        subject, subject_encoded = _fill(template.subject, values)
        body, body_encoded = _fill(template.body, values)
        subjects.append(subject)
        bodies.append(body)
        email = row[s.EMAIL]
        url = (f"mailto:{quote(email, safe='@')}?subject={subject_encoded}"
               f"&body={body_encoded}") if email else ""
        links.append(mailto(email, subject, body) if len(url) > MAILTO_LIMIT else url)
    out = todo[[s.INTERVIEW_ID, s.CLIENT_ID, s.CLIENT_NAME, s.WORKER, s.INTERVIEWER, s.EMAIL,
                s.EMPLOYER, s.POSITION, s.INTERVIEW_DATE, r.DUE_DATE, r.STATUS]].copy()
    out[r.STATUS] = out[r.STATUS].astype(str)
    out["Subject"], out["Body"], out["Draft Email"] = subjects, bodies, links
    if links_only:
        return out
    out["Name Warnings"] = _name_warnings(caseload, todo.reset_index(drop=True))
    out["File Name"] = _file_names(out)
    return out[DRAFT_COLUMNS]


def _why_me_sentence(text: str) -> str:
    text = str(text).strip()
    if not text:
        return WHY_ME_MISSING
    sentence = text[0].upper() + text[1:]
    if sentence.lower().startswith(("i ", "i'm", "my ")):
        return sentence if sentence.endswith((".", "!")) else sentence + "."
    return f"I believe I would be a great fit: {text.rstrip('.')}."


def _name_warnings(caseload: Caseload, todo: pd.DataFrame) -> list[str]:
    """The data issues about each draft's interviewer name or email."""
    people = caseload.interviewers.drop_duplicates([s.INTERVIEW_ID, s.INTERVIEWER])
    where = todo[[s.INTERVIEW_ID, s.INTERVIEWER]].merge(
        people[[s.INTERVIEW_ID, s.INTERVIEWER, s.SHEET, s.ROW]], how="left")
    issues = caseload.issues
    notes: dict[tuple[object, object], list[tuple[str, str]]] = {}
    for sheet, row, value, problem in zip(issues["Sheet"], issues["Row"], issues["Value"],
                                          issues["Problem"], strict=True):
        notes.setdefault((sheet, row), []).append((value, problem))
    out = []
    for sheet, row, name, email in zip(where[s.SHEET], where[s.ROW], todo[s.INTERVIEWER],
                                       todo[s.EMAIL], strict=True):
        found = [p for v, p in notes.get((sheet, row), []) if v in (name, email) and v]
        out.append("; ".join(found))
    return out


def _file_names(drafts: pd.DataFrame) -> list[str]:
    from followkit.core.io import safe_file_part

    names, seen = [], set()
    for client, employer, person in zip(drafts[s.CLIENT_NAME], drafts[s.EMPLOYER],
                                        drafts[s.INTERVIEWER], strict=True):
        person = "interviewer not named" if person == s.UNNAMED_INTERVIEWER else person
        stem = " - ".join(safe_file_part(str(x) or "unknown", limit=40)
                          for x in (client, employer, person))
        name, n = f"{stem}.docx", 2
        while name.casefold() in seen:
            name, n = f"{stem} ({n}).docx", n + 1
        seen.add(name.casefold())
        names.append(name)
    return names


def call_scripts(caseload: Caseload, calls: pd.DataFrame, *, as_of: date,
                 policy: FollowUpPolicy = DEFAULT_POLICY) -> pd.Series:
    """A short phone script for each open *Follow-up call* action of ``calls``.

    Built with column expressions (one string operation per column, not per
    row). Returns a Series aligned on ``calls``' index.
    """
    if calls.empty:
        return pd.Series([], index=calls.index, dtype=object)
    ids = calls[s.INTERVIEW_ID]
    made = caseload.calls[(caseload.calls[s.CALL_DATE] <= pd.Timestamp(as_of))
                          & caseload.calls[s.INTERVIEW_ID].isin(ids)].sort_values(
        [s.INTERVIEW_ID, s.CALL_DATE], kind="stable")
    result = made[s.RESULT].astype(object)
    label = pd.Series(r.format_days(made[s.CALL_DATE]).to_numpy(), index=made.index) + \
        np.where(result != "", " (" + result + ")", "")
    history = _join_groups(made[s.INTERVIEW_ID], label, "; ")
    known = caseload.interviewers
    linked = known[known[s.INTERVIEW_ID].isin(ids) & (
        known[s.INTERVIEWER] != s.UNNAMED_INTERVIEWER)]  # a name to ask for
    linked = linked.drop_duplicates([s.INTERVIEW_ID, s.INTERVIEWER]).sort_values(
        s.INTERVIEW_ID, kind="stable")
    people = _join_groups(linked[s.INTERVIEW_ID], linked[s.INTERVIEWER], " or ")

    def text(column: str, missing: str) -> pd.Series:
        values = calls[column].astype(object).fillna("")
        return values.where(values != "", missing)

    ask_for = people.reindex(ids.to_numpy()).fillna("").to_numpy(dtype=object)
    ask_for = np.where(ask_for != "", ask_for, "the person who interviewed you")
    so_far = history.reindex(ids.to_numpy()).fillna("none").to_numpy(dtype=object)
    last = calls[r.LAST_CALL].to_numpy("datetime64[D]")
    earliest = last + np.timedelta64(policy.min_days_between_calls, "D")
    status = calls[r.STATUS].astype(str).to_numpy()
    when = np.select([status == r.OVERDUE, status == r.DUE_TODAY],
                     [" (overdue: call today).", " (due today)."], ".")
    not_before = np.where(
        ~np.isnat(last) & (earliest > np.datetime64(as_of, "D")),
        " Not before " + r.format_days(earliest).to_numpy() + f" (leave at least "
        f"{policy.min_days_between_calls} days between calls).", "")
    scripts = (
        "Call " + text(s.EMPLOYER, "the employer") + " at "
        + text(s.EMPLOYER_PHONE, "(no phone number recorded)") + " and ask for " + ask_for
        + ". \"Hello, this is " + calls[s.CLIENT_NAME].astype(object) + ". I interviewed on "
        + format_in_words(calls[s.INTERVIEW_DATE]) + " for the " + text(s.POSITION, "open")
        + " position. I'm calling to ask whether you have made your selection. I remain very "
        "interested in the job.\" Calls so far: " + so_far + ". Next call: "
        + r.format_days(calls[r.DUE_DATE]).to_numpy() + when + not_before)
    return pd.Series(scripts.to_numpy(dtype=object), index=calls.index, dtype=object)


def _join_groups(keys: pd.Series, texts: pd.Series, sep: str) -> pd.Series:
    """``sep.join`` of ``texts`` per key, for keys already sorted (no pandas group objects)."""
    key_array = keys.to_numpy(dtype=object)
    if len(key_array) == 0:
        return pd.Series([], dtype=object)
    uniques, starts = np.unique(key_array, return_index=True)
    order = np.argsort(starts)
    uniques, starts = uniques[order], starts[order]
    ends = np.append(starts[1:], len(key_array))
    values = texts.to_numpy(dtype=object).tolist()
    return pd.Series([sep.join(values[a:b]) for a, b in zip(starts, ends, strict=True)],
                     index=uniques, dtype=object)


def format_in_words(values: pd.Series) -> np.ndarray:
    """Dates as 'Thursday, November 26, 2026', formatting each distinct date once."""
    days = values.to_numpy("datetime64[D]")
    uniques, codes = np.unique(days, return_inverse=True)
    names = np.array([in_words(d) for d in uniques.astype(object)], dtype=object)
    return names[codes]


def write_letters(drafts: pd.DataFrame, folder: str | os.PathLike[str]) -> list[Path]:
    """Write one .docx letter per draft, and an index.csv, into ``folder``."""
    import docx

    from followkit.core.io import atomic_path, write_csv

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for body, name in zip(drafts["Body"], drafts["File Name"], strict=True):
        document = docx.Document()
        for paragraph in body.split("\n\n"):
            document.add_paragraph(paragraph)
        with atomic_path(out / name) as tmp:
            document.save(str(tmp))
        paths.append(out / name)
    index = drafts[[s.CLIENT_NAME, s.WORKER, s.EMPLOYER, s.INTERVIEWER, s.EMAIL, r.DUE_DATE,
                    r.STATUS, "Name Warnings", "File Name"]]
    write_csv(index.assign(**{r.DUE_DATE: index[r.DUE_DATE].dt.date}), out / "index.csv")
    return paths


