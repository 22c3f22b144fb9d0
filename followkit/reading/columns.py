"""What each header is taken as: synonyms, then keywords, then the column's content.

A header is matched to a field of :mod:`followkit.core.schema` in three tries, the
first that answers wins:

1. its normalised text is the field's name or a declared synonym;
2. the same after dropping filler (text in brackets, "name", "date of", "#");
3. keywords (``company`` → Employer, ``interview`` + ``date`` → Interview
   Date, ``status``/``result``/``response`` → Outcome, ...).

Then the content is checked: a ``Phone`` column of dates or yes/no is an
interview stage, not the employer's phone; a date field whose filled cells are
mostly not dates is kept as is, with the reason. :class:`Guess` records which
try decided, so ``followkit columns`` can say why.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from followkit.core import schema as s
from followkit.reading.events import EVENTS, holds_events
from followkit.reading.values import cell_text, is_blank, parse_date_cell
from followkit.reading.vocab import (
    DEFAULT_VOCABULARY,
    FLAG_SYMBOLS,
    FLAG_WORDS,
    INTERVIEW_COUNT_HEADERS,
    is_empty_word,
    is_placeholder,
    word_key,
)

INTERVIEW_COUNT = "Interview Count"  # how many interviews an application had (issue #21)
STAGE = "Interview Stage"  # a column whose dated cells are interview rounds (SPEC §2.1)
# A header group's thank-you column (``Interview #2 · Send a Thank You Note`` or its
# ``Date Sent``): the thank-you of that group's round (reading/header_groups.py).
ROUND_THANK_YOU = "Thank-You Sent (of its round)"
ROUND_INTERVIEWER = "Interviewer (of its round)"  # a header group's interviewer names
# The fields that may name several columns of a sheet.
MANY_COLUMN_FIELDS = (STAGE, EVENTS, ROUND_THANK_YOU, ROUND_INTERVIEWER)

_FILLER = re.compile(r"\([^)]*\)|\[[^\]]*\]|\bname\b|\bdate of\b|#|\bthe\b|\bno\.?$",
                     re.IGNORECASE)

# (field, words that must all appear, words that must not) — in order of precedence.
_KEYWORDS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (s.INTERVIEW_DATE, ("interview", "date"), ("type", "round", "time", "follow")),
    (s.INTERVIEW_DATE, ("interviewed",), ("by",)),
    (s.FOLLOW_UP_DATE, ("follow",), ("sent", "?")),
    (s.APPLICATION_DATE, ("applied",), ("via", "through", "how", "source", "job", "role")),
    (s.APPLICATION_DATE, ("application", "date"), ("deadline",)),
    (s.APPLICATION_DATE, ("submitted",), ()),
    (s.DECISION_DATE, ("decision",), ()),
    (s.OUTCOME, ("status",), ("date", "updated")),
    (s.OUTCOME, ("result",), ("date",)),
    (s.OUTCOME, ("outcome",), ("date",)),
    (s.OUTCOME, ("response",), ("date", "time")),
    (s.OUTCOME, ("stage",), ("date",)),
    (s.OUTCOME, ("progress",), ("date",)),
    (s.EMPLOYER, ("company",), ("phone", "email", "website", "url", "address", "size")),
    (s.EMPLOYER, ("employer",), ("phone", "email", "website", "url", "address")),
    (s.EMPLOYER, ("organisation",), ()),
    (s.EMPLOYER, ("organization",), ()),
    (s.POSITION, ("role",), ("type", "level")),
    (s.POSITION, ("position",), ("type", "level")),
    (s.POSITION, ("title",), ("contact",)),
    (s.WORKER, ("counsellor",), ()),
    (s.WORKER, ("counselor",), ()),
    (s.WORKER, ("case", "manager"), ()),
    (s.CLIENT_NAME, ("candidate",), ("id",)),
    (s.CLIENT_NAME, ("participant",), ("id",)),
    (s.CLIENT_NAME, ("youth",), ("id",)),
    (s.ACTIVITY, ("activity",), ("date",)),
    (s.NOTES, ("notes",), ()),
    (s.NOTES, ("comments",), ()),
    (s.EMPLOYER_PHONE, ("phone",), ("email",)),
)

_STAGE_HEADER = re.compile(
    r"(?:phone|video|zoom|teams|onsite|oncampus|campus|inperson|technical|tech|final|first"
    r"|second|third|1st|2nd|3rd|hr|panel|group|manager|hiringmanager|superday|virtual"
    r"|recruiter|screening)?(?:screen|interview|round|onsite|oncampus)?(?:\d+)?(?:date)?")
_STAGE_WORDS = ("phone", "video", "onsite", "campus", "inperson", "interview", "round",
                "superday", "screen", "virtual")
_PHONE_TEXT = re.compile(r"^[+(]?\d[\d\s().\-]{6,}\d(?:\s*(?:x|ext\.?)\s*\d+)?$")


@dataclass(frozen=True)
class Guess:
    """What one header was taken as, and why."""

    label: str  # the header as shown (made unique)
    field: str | None  # a schema column name, STAGE, or None (kept as is)
    how: str  # "name", "synonym", "without filler", "keyword", "content", "mapping", ""
    note: str = ""


def normalised_variants(text: str) -> tuple[str, str]:
    """The header's key, and its key with filler words dropped."""
    return s.normalize_header(text), s.normalize_header(_FILLER.sub(" ", text))


@functools.lru_cache(maxsize=4096)
def guess_field(table: s.Table, header: str) -> Guess:
    """The field of ``table`` a header names, by synonym, filler or keyword (no content)."""
    key, bare = normalised_variants(header)
    for how, k in (("name", key), ("synonym", key), ("without filler", bare)):
        if not k:
            continue
        for column in table.columns:
            exact = k == s.normalize_header(column.name)
            if (how == "name" and exact) or (how != "name" and k in column.keys):
                return Guess(header, column.name, how)
    if table is not s.INTERVIEWS:
        return Guess(header, None, "")
    if is_stage_header(header):
        return Guess(header, STAGE, "stage header")
    words = set(word_key(_FILLER.sub(" ", header)).split()) | set(word_key(header).split())
    raw = header.casefold()
    for field, needed, refused in _KEYWORDS:
        if all(w in words for w in needed) and not any(
                w in words or (w == "?" and "?" in raw) for w in refused):
            return Guess(header, field, "keyword", f"has {' + '.join(needed)!r}")
    return Guess(header, None, "")


def is_stage_header(header: str) -> bool:
    """Whether a header names an interview stage (``Phone Screen``, ``Onsite``, ``Round 2``)."""
    key = s.normalize_header(header)
    if not key or key in ("interviewdate", "date"):
        return False
    return bool(_STAGE_HEADER.fullmatch(key)) and any(w in key for w in _STAGE_WORDS) and \
        key not in ("phone", "phonenumber")


def content_kind(values: Sequence[Any]) -> str:
    """What a column's filled cells mostly hold: ``date``, ``yesno``, ``phone``, ``text``
    or ``empty`` (placeholders and n/a-like words do not count)."""
    filled = []
    seen: set[object] = set()
    for v in values:  # the first 200 distinct filled cells are enough to tell
        if is_blank(v) or v in seen:
            continue
        seen.add(v)
        if not (isinstance(v, str) and (is_empty_word(v) or is_placeholder(v))):
            filled.append(v)
            if len(filled) == 200:
                break
    if not filled:
        return "empty"
    counts = {"date": 0, "yesno": 0, "phone": 0}
    for v in filled[:200]:
        text = cell_text(v)
        if word_key(text) in _YES_NO or text.strip() in FLAG_SYMBOLS:
            counts["yesno"] += 1
        elif _PHONE_TEXT.match(text) and sum(ch.isdigit() for ch in text) >= 7 and \
                not looks_like_date(v):
            counts["phone"] += 1
        elif looks_like_date(v) or all(looks_like_date(p) for p in _split_dates(text)):
            counts["date"] += 1
    n = min(len(filled), 200)
    kind, best = max(counts.items(), key=lambda kv: kv[1])
    if counts["date"] + counts["yesno"] >= 0.6 * n and kind != "phone":
        return "date" if counts["date"] >= counts["yesno"] else "yesno"
    return kind if best >= 0.6 * n else "text"


_YES_NO = frozenset(FLAG_WORDS)
DATE_SPLIT = re.compile(r"\s*(?:&|\+|;|\n|\band\b|,(?!\s*\d{4}\b))\s*")


def _split_dates(text: str) -> list[str]:
    parts = [p for p in DATE_SPLIT.split(text) if p]
    return parts if len(parts) > 1 else [text]


def looks_like_date(value: Any) -> bool:
    """Whether a cell reads as a date (with or without a year), without any warning text."""
    if isinstance(value, bool):
        return False
    if isinstance(value, date):
        return True
    if isinstance(value, int | float):
        return False
    cell = parse_date_cell(value)
    return cell.value is not None and cell.severity != "error"


def check_content(guess: Guess, values: Sequence[Any]) -> Guess:
    """Confirm or overturn a header's guess by what its column holds."""
    if guess.field is None and s.normalize_header(guess.label) in \
            INTERVIEW_COUNT_HEADERS and _whole_numbers(values):
        return Guess(guess.label, INTERVIEW_COUNT, "content", "holds how many interviews "
                     "the application had")
    if guess.how != "mapping" and guess.field in (None, s.NOTES) and holds_events(values):
        return Guess(guess.label, EVENTS, "content", "holds dated events ('date | event'): "
                     "its interviews are rounds, its follow-ups sent are contacts")
    if guess.field is None or guess.how in ("mapping",):
        return guess
    kind = content_kind(values)
    if guess.field == s.EMPLOYER_PHONE and kind in ("date", "yesno") and \
            is_stage_header(guess.label + " interview"):
        return Guess(guess.label, STAGE, "content", f"holds {_KIND_WORDS[kind]}, not phone "
                                                    "numbers: an interview stage")
    if guess.field == s.INTERVIEW_DATE and guess.how != "name" and kind == "yesno":
        return Guess(guess.label, STAGE, "content", "holds yes/no, not dates: an interview "
                                                    "that took place on a day not known")
    if guess.field == s.OUTCOME and guess.how != "name" and kind == "yesno":
        return Guess(guess.label, None, "content",
                     "holds yes/no flags, not status words")
    if guess.field == STAGE and kind not in ("date", "yesno", "empty"):
        return Guess(guess.label, None, "content",
                     f"named like an interview stage but holds {_KIND_WORDS[kind]}")
    date_fields = (s.INTERVIEW_DATE, s.APPLICATION_DATE, s.FOLLOW_UP_DATE, s.ACTIVITY_DATE,
                   s.DECISION_DATE)
    # The SPEC §2 fields keep their synonyms whatever they hold (a bad cell is an issue
    # there); the §2.1 ones, and any found by keyword, must hold dates.
    checked = guess.how in ("keyword", "without filler") or guess.field in _NEW_DATE_FIELDS
    if checked and guess.field in date_fields and kind not in ("date", "empty"):
        return Guess(guess.label, None, "content",
                     f"named like {guess.field!r} but holds {_KIND_WORDS[kind]}")
    return guess


_NEW_DATE_FIELDS = (s.APPLICATION_DATE, s.FOLLOW_UP_DATE, s.ACTIVITY_DATE)
# When two headers name one field, the stronger match wins (then the first).
STRENGTH = {"mapping": 0, "name": 1, "synonym": 2, "content": 3, "group": 3, "without filler": 4,
            "stage header": 5, "keyword": 6}
_KIND_WORDS = {"date": "dates", "yesno": "yes/no", "phone": "phone numbers",
               "text": "text", "empty": "nothing"}


def _whole_numbers(values: Sequence[Any]) -> bool:
    """Whether every filled cell is a whole number (typed as a number or as digits)."""
    filled = [cell_text(v) for v in values if not is_blank(v)]
    return bool(filled) and all(t.isdigit() for t in filled)


def status_share(values: Sequence[Any]) -> float:
    """The share of a column's distinct filled cells that are known status words."""
    texts = {cell_text(v) for v in values if not is_blank(v)} - {""}
    texts = {t for t in texts if not is_empty_word(t) and not is_placeholder(t)}
    if not texts:
        return 0.0
    return sum(DEFAULT_VOCABULARY.match(t).stage is not None for t in texts) / len(texts)


# A status column must hold this much more of the vocabulary than another to win over it.
_STATUS_MARGIN = 0.3


def prefer_status_words(guesses: list[Guess], values: Sequence[Sequence[Any]]) -> None:
    """Of several columns taken as the Outcome, the one whose values are status words
    wins over free text (issue #21: ``current_status`` over a free-text ``outcome``);
    the others are kept as they are, with the reason. In place; a tie changes nothing
    (the stronger header wins, as for every field)."""
    claims = [p for p, g in enumerate(guesses)
              if g.field == s.OUTCOME and g.how != "mapping"]
    if len(claims) < 2:
        return
    shares = {p: status_share(values[p]) for p in claims}
    best = max(claims, key=lambda p: shares[p])
    if any(shares[best] - shares[p] < _STATUS_MARGIN for p in claims if p != best):
        return
    for p in claims:
        if p != best:
            guesses[p] = Guess(guesses[p].label, None, "content",
                               f"{s.OUTCOME!r} is {guesses[best].label!r}, whose values are "
                               "status words; this one holds other text")
    guesses[best] = Guess(guesses[best].label, s.OUTCOME, "content",
                          "its values are status words")


def apply_mapping(guesses: list[Guess], mapping: Mapping[str, str]) -> list[Guess]:
    """Override guesses with a worker's mapping (followkit field -> header, or header -> field).

    A mapping value of ``""`` or ``"-"`` means "not this column"; the header
    then stays as is.
    """
    by_label = {g.label.casefold(): i for i, g in enumerate(guesses)}
    out = list(guesses)
    fields = {s.normalize_header(c.name): c.name for c in s.INTERVIEWS.columns}
    fields[s.normalize_header(STAGE)] = STAGE
    for left, right in mapping.items():
        if right.strip() in ("", "-") and s.normalize_header(left) in fields:
            gone = fields[s.normalize_header(left)]  # "Outcome" = "-": no column is it
            out = [Guess(g.label, None, "mapping", f"{gone!r} mapped to no column")
                   if g.field == gone else g for g in out]
            continue
        field, label = (fields.get(s.normalize_header(left)), right)
        if field is None:  # header = field form
            field, label = fields.get(s.normalize_header(right)), left
        if field is None and right.strip() not in ("", "-"):
            continue
        if label.casefold() in by_label:
            i = by_label[label.casefold()]
            out[i] = Guess(out[i].label, field, "mapping")
            if field is not None:  # a field names one column: the others lose it
                out = [g if j == i or g.field != field or g.field == STAGE else
                       Guess(g.label, None, "mapping", f"{field!r} mapped to {label!r}")
                       for j, g in enumerate(out)]
    return out


def read_column_map(path: str | os.PathLike[str]) -> dict[str, str]:
    """A column map from a TOML file: ``"Interview Date" = "When we met"`` lines,
    at the top or under ``[columns]``. Unknown followkit fields are an error."""
    from followkit.core.errors import PolicyError
    from followkit.core.io import read_toml

    data = read_toml(path)
    table = data.get("columns", data)
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise PolicyError(f"{str(path)!r}: a column map holds lines like "
                          '"Interview Date" = "your header"')
    fields = {s.normalize_header(c.name) for c in s.INTERVIEWS.columns} | {
        s.normalize_header(STAGE)}
    for left, right in table.items():
        if s.normalize_header(left) not in fields and s.normalize_header(right) not in fields:
            raise PolicyError(
                f"{str(path)!r}: {left!r} is not a followkit field; use one of "
                f"{', '.join(repr(c.name) for c in s.INTERVIEWS.columns)}, {STAGE!r}")
    return dict(table)


def bare_date(mapping: dict[str, str], guesses: list[Guess]) -> None:
    """A column named only "Date" on one person's list: with a status column and no
    other application date, it is the date applied (an application list), else the
    interview date; either way the note says so (shown as a warning)."""
    label = mapping.get(s.INTERVIEW_DATE)
    if label is None or s.normalize_header(label) != "date":
        return
    pos = next(i for i, g in enumerate(guesses) if g.label == label)
    if s.ACTIVITY in mapping and s.ACTIVITY_DATE not in mapping:  # an activity log (SPEC §2.1)
        del mapping[s.INTERVIEW_DATE]
        mapping[s.ACTIVITY_DATE] = label
        guesses[pos] = Guess(label, s.ACTIVITY_DATE, "content",
                             "the one date column of an activity log")
    elif s.OUTCOME in mapping and s.APPLICATION_DATE not in mapping:
        del mapping[s.INTERVIEW_DATE]
        mapping[s.APPLICATION_DATE] = label
        guesses[pos] = Guess(label, s.APPLICATION_DATE, "content", BARE_DATE.format(
            label=label, taken="the date applied", other=s.INTERVIEW_DATE))
    else:
        guesses[pos] = Guess(label, s.INTERVIEW_DATE, "content", BARE_DATE.format(
            label=label, taken="the interview date", other=s.APPLICATION_DATE))


BARE_DATE = ("a column named just {label!r} on one person's list is taken as {taken}; if it "
             "is the {other}, say so with --columns")
