"""``followkit columns``: what each header was taken as, why, with example values."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from datetime import date

from followkit.core import schema as s
from followkit.reading.columns import STAGE
from followkit.reading.events import EVENTS
from followkit.reading.values import cell_text

_HOW = {
    "name": "its name", "synonym": "a known synonym", "without filler": "its words, without "
    "filler", "keyword": "a keyword", "content": "its content", "mapping": "the column map",
    "stage header": "an interview-stage name", "flat layout": "the flat layout",
    "group": "the group label above it",
}


def describe_columns(paths: Sequence[str | os.PathLike[str]], *, client: str | None = None,
                     columns: Mapping[str, str] | None = None, as_of: date | None = None
                     ) -> str:
    """The text ``followkit columns`` prints, one block per table found."""
    from followkit.reading.load import load_caseloads

    caseload = load_caseloads(list(paths), client=client, columns=columns, as_of=as_of)
    layout = caseload.layout
    assert layout is not None
    lines: list[str] = []
    for ts in layout.tables:
        kind = "interviews and applications" if ts.listing else ts.table.name
        lines.append(f"{ts.sheet} (header on row {ts.header_row}, {len(ts.frame)} rows, "
                     f"read as {kind}"
                     + (", one person's tracker" if ts.one_person else "") + ")")
        guesses = ts.guesses
        if not guesses:
            for field, label in ts.columns.items():
                lines.append(f"  {label!r:32} -> {field}")
            continue
        for g in guesses:
            examples = _examples(ts.frame[g.label]) if g.label in ts.frame else ""
            flat = {label: role for role, pairs in ts.flat.items() for label, _ in pairs}
            if g.label in flat:
                what = f"{_FLAT[flat[g.label]]}  (by the flat layout's column names)"
            elif g.field is None:
                what = "kept as is" + (f" ({g.note})" if g.note else "")
            else:
                why = _HOW.get(g.how, g.how) + (f": {g.note}" if g.note else "")
                what = f"{g.field}  (by {why})"
            lines.append(f"  {g.label!r:32} -> {what}")
            if examples:
                lines.append(f"  {'':32}    e.g. {examples}")
        missing = [c.name for c in s.INTERVIEWS.columns if c.required and c.name not in
                   ts.columns and not (ts.one_person and c.name != s.INTERVIEW_DATE)]
        if missing and not any(g.field in (STAGE, EVENTS) for g in ts.guesses):
            lines.append(f"  not found: {', '.join(missing)}")
    for skipped in layout.skipped:
        lines.append(f"not read: {skipped}")
    return "\n".join(lines)


_FLAT = {
    s.FLAT_INTERVIEWERS: "Interviewers (names in one cell)",
    s.FLAT_INTERVIEWER_N: "Interviewer (one per column)",
    s.FLAT_EMAIL_N: "Interviewer Email (one per column)",
    s.FLAT_EMAILS: "Interviewer Emails (in one cell)",
    s.FLAT_THANK_YOU_N: "Thank-You Sent (one per interviewer)",
    s.FLAT_THANK_YOU: "Thank-You Sent (for every interviewer)",
    s.FLAT_CALL_N: "Call Date (one per column)",
    s.FLAT_CALL_RESULT_N: "Call Result (beside its Call column)",
    s.FLAT_LAST_CALL_RESULT: "Result of the last call (kept as it is)",
    s.FLAT_CALL_DATES: "Call Dates (in one cell)",
    s.FLAT_LAST_APPLICATION: "Last Application Date",
}


def _examples(column: object, n: int = 3) -> str:
    values = []
    for v in getattr(column, "tolist", list)():
        text = " ".join(cell_text(v).split())
        if text and text not in values:
            values.append(text[:30] + ("…" if len(text) > 30 else ""))
        if len(values) == n:
            break
    return ", ".join(repr(v) for v in values)
