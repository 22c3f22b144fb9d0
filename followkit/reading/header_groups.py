"""Group labels above a header (issue #21, item 1).

Some trackers write a label row above their header: ``Interview #1``,
``Interview #2`` and ``Interview #3`` merged (or written once and left blank)
over the same three columns each (``Date of Interview``, ``Send a Thank You
Note``, ``Date Sent``). The columns below a label belong to its group: their
label becomes ``Interview #2 · Date of Interview`` (so a name repeated under
other groups is no duplicate), and a group that names a round makes its
interview date that round's date (an interview stage, SPEC §2.1), and its thank-you
columns (a name with "thank"; ``Date Sent`` beside one) that round's thank-you
(``round_thanks``; read into rows by :mod:`followkit.reading.unnamed`).

A label row is a group row only when it explains the header: the header
repeats a name, and the labels split those repeats into groups. A title over
the whole sheet (``Job Search Tracker``) is no group.
"""

from __future__ import annotations

import re
from typing import Any

from followkit.core.io import RawSheet
from followkit.core.schema import (
    FLAT_INTERVIEWER_N,
    FLAT_INTERVIEWERS,
    FLAT_PATTERNS,
    INTERVIEW_DATE,
    normalize_header,
)
from followkit.reading.columns import ROUND_INTERVIEWER, ROUND_THANK_YOU, STAGE, Guess
from followkit.reading.values import cell_text, is_blank

SEPARATOR = " \u00b7 "  # between a group's label and a column's own name
# A group that names a round: a number (Interview #2, Round 3, 2nd Interview) or a stage.
_ROUND = re.compile(r"(?i)\d|\b(?:first|second|third|fourth|final|phone|onsite|on-site|"
                    r"video|panel|technical|screen)\b")
# A group's column holding when its thank-you was sent (beside a thank-you column).
_SENT = frozenset({"datesent", "sentdate", "senton", "sent", "whensent", "datesenton"})


def header_groups(sheet: RawSheet, header_idx: int, header: list[Any]) -> list[str]:
    """The group of each header column (``""``: none) from the row above the header."""
    none = [""] * len(header)
    names = [normalize_header(cell_text(h)) for h in header]
    if header_idx < 1 or len({n for n in names if n}) == len([n for n in names if n]):
        return none  # no repeated name: nothing for groups to explain
    above = list(sheet.rows[header_idx - 1]) + [""] * len(header)
    spans = _merged_spans(sheet, header_idx - 1, len(header)) or _left_filled(
        above[:len(header)])
    groups = list(none)
    for (c0, c1), label in spans:
        for c in range(c0, min(c1, len(header) - 1) + 1):
            groups[c] = label
    covered = [c for c, g in enumerate(groups) if g]
    if len(spans) < 2 or len(covered) == len(header) or not _explains(names, groups):
        return none
    return groups


def grouped_label(group: str, label: str) -> str:
    """A column's label with its group: ``Interview #2 · Date of Interview``."""
    return f"{group}{SEPARATOR}{label}" if group else label


def grouped_guess(guess: Guess, group: str) -> Guess:
    """What a column under ``group`` is: a round's interview date is a stage (one round
    of the row's application); anything else is what its own name says."""
    if not group:
        return guess
    if guess.field == INTERVIEW_DATE and _ROUND.search(group):
        return Guess(guess.label, STAGE, "group",
                     f"{group!r} is one interview round; this is its date")
    key = normalize_header(guess.label.rsplit(SEPARATOR, 1)[-1])
    if _ROUND.search(group) and guess.how in ("", "flat layout") and (
            "thank" in key or key in _SENT):
        return Guess(guess.label, ROUND_THANK_YOU, "group",
                     f"{group!r} is one interview round; this is its thank-you")
    if _ROUND.search(group) and guess.how == "flat layout" and any(
            role in (FLAT_INTERVIEWERS, FLAT_INTERVIEWER_N) and pattern.fullmatch(key)
            for role, pattern in FLAT_PATTERNS):
        return Guess(guess.label, ROUND_INTERVIEWER, "group",
                     f"{group!r} is one interview round; these are its interviewers")
    note = f"in the group {group!r}" + (f"; {guess.note}" if guess.note else "")
    return Guess(guess.label, guess.field, guess.how, note)


def _merged_spans(sheet: RawSheet, row: int, width: int
                  ) -> list[tuple[tuple[int, int], str]]:
    spans = []
    for (r0, c0), (r1, c1) in sheet.merged:
        if r0 <= row <= r1 and c0 < width and c1 > c0:
            label = cell_text(sheet.rows[r0][c0]) if c0 < len(sheet.rows[r0]) else ""
            if label:
                spans.append(((c0, c1), label))
    return sorted(spans)


def _left_filled(above: list[Any]) -> list[tuple[tuple[int, int], str]]:
    """Labels written once and left blank to their right: each runs to the next label;
    the last one is as wide as the one before it."""
    starts = [c for c, v in enumerate(above) if not is_blank(v) and cell_text(v)]
    if len(starts) < 2:
        return []
    spans = []
    for i, c0 in enumerate(starts):
        c1 = starts[i + 1] - 1 if i + 1 < len(starts) else c0 + starts[i] - starts[i - 1] - 1
        spans.append(((c0, min(c1, len(above) - 1)), cell_text(above[c0])))
    return spans


def _explains(names: list[str], groups: list[str]) -> bool:
    """Every repeated name of the header is told apart by the groups."""
    seen = set()
    for name, group in zip(names, groups, strict=True):
        if not name:
            continue
        if (name, group) in seen:
            return False
        seen.add((name, group))
    return True


def round_thanks(guesses: list[Guess], groups: list[str]) -> dict[str, list[str]]:
    """Each group's thank-you and interviewer columns by the label of its round's
    date column. A ``Date Sent`` with no thank-you column in its group, and any of
    them in a group with no date, is kept as is (its guess in ``guesses`` is
    changed back)."""
    out: dict[str, list[str]] = {}
    for group in dict.fromkeys(g for g in groups if g):
        at = [i for i, g in enumerate(groups) if g == group]
        stage = next((guesses[i].label for i in at if guesses[i].field == STAGE), None)
        thanks = [i for i in at if guesses[i].field == ROUND_THANK_YOU]
        named = [i for i in thanks if "thank" in normalize_header(guesses[i].label.rsplit(
            SEPARATOR, 1)[-1])]
        people = [i for i in at if guesses[i].field == ROUND_INTERVIEWER]
        kept = (named and thanks or []) + people if stage is not None else []
        for i in set(thanks + people) - set(kept):
            guesses[i] = Guess(guesses[i].label, None, "flat layout" if i in people else "",
                               f"in the group {group!r}")
        if kept:
            out[str(stage)] = [guesses[i].label for i in sorted(kept)]
    return out
