"""Interview rounds kept on their own sheet, one row per round (issue #21, item 2).

Some trackers keep the applications (employer, position, status) on one sheet
and the interview rounds on another: one row per round, with the employer, a
date and a round number or type. Read apart, every round would be an
interview of its own (with its own decision-date question and follow-up call)
and the application's status would close none of them. Instead a rounds
sheet is linked to the applications sheet of the same file: each round goes
to the application of the same client and employer (and position, where both
sheets have one); its dates become that application's interview rounds (an
interview-stage column named after the rounds sheet, SPEC §2.1), and the
application's status closes them. A round that matches no application, or
more than one, is read as an interview of its own, with a warning.
"""

from __future__ import annotations

import pandas as pd

from followkit.core import schema as s
from followkit.core.schema import INTERVIEWS, normalize_header
from followkit.reading.columns import STAGE, Guess
from followkit.reading.header_groups import SEPARATOR
from followkit.reading.issuelog import IssueLog
from followkit.reading.issues import WARNING
from followkit.reading.sheets import Layout, TableSheet
from followkit.reading.values import cell_text, is_blank
from followkit.reading.vocab import ROUND_HEADERS, word_key

_KEYS = (s.CLIENT_ID, s.CLIENT_NAME, s.EMPLOYER, s.POSITION)


def link_rounds(layout: Layout, log: IssueLog) -> None:
    """Give each rounds sheet's rows to the applications they belong to (in place)."""
    trackers = [ts for ts in layout.tables if ts.table is INTERVIEWS]
    for rounds in [ts for ts in trackers if _is_rounds(ts)]:
        apps = [ts for ts in trackers if ts is not rounds and ts.file == rounds.file
                and _is_applications(ts)]
        if len(apps) != 1:
            continue  # none, or several to choose from: read as it is
        linked = _link(rounds, apps[0], log)
        if rounds.frame.empty:  # every round found its application: nothing left to read
            layout.tables.remove(rounds)
        if linked:
            layout.skipped.append(
                f"{rounds.sheet}: {linked} interview round(s) read as rounds of the "
                f"applications on {apps[0].sheet!r}")


def _is_rounds(ts: TableSheet) -> bool:
    """One row per round: employer, a date, a round number or type; no status."""
    headers = {normalize_header(c) for c in ts.frame.columns}
    return (s.EMPLOYER in ts.columns and s.INTERVIEW_DATE in ts.columns
            and s.OUTCOME not in ts.columns and s.APPLICATION_DATE not in ts.columns
            and bool(headers & ROUND_HEADERS))


def _is_applications(ts: TableSheet) -> bool:
    return s.EMPLOYER in ts.columns and bool(
        {s.OUTCOME, s.APPLICATION_DATE} & set(ts.columns))


def _link(rounds: TableSheet, apps: TableSheet, log: IssueLog) -> int:
    """Move the rounds that match one application into a stage column of ``apps``;
    return how many moved. The others stay on the rounds sheet, each with a warning."""
    shared = [k for k in _KEYS if k in rounds.columns and k in apps.columns]
    app_keys = _keys(apps, shared)
    counts = app_keys.value_counts()
    round_keys = _keys(rounds, shared)
    unique = round_keys.map(lambda k: counts.get(k, 0) == 1).to_numpy(dtype=bool)
    if not unique.any():
        return 0
    where = {k: i for i, k in app_keys.items() if counts[k] == 1}
    day_label = rounds.columns[s.INTERVIEW_DATE]
    label = f"{rounds.sheet}{SEPARATOR}{day_label}"
    joined: dict[object, list[str]] = {}
    for key, day in zip(round_keys[unique], rounds.frame.loc[unique, day_label],
                        strict=True):
        if text := cell_text(day):
            joined.setdefault(where[key], []).append(text)
    apps.frame[label] = [" & ".join(joined.get(i, [])) for i in apps.frame.index]
    apps.stages.append(label)
    apps.listing = True
    apps.guesses.append(Guess(label, STAGE, "content",
                              f"the rounds on the sheet {rounds.sheet!r}, linked by "
                              f"{' and '.join(k.lower() for k in shared)}"))
    _warn_unlinked(rounds, ~unique, apps, log)
    rounds.frame = rounds.frame[~unique].reset_index(drop=True)
    return int(unique.sum())


def _keys(ts: TableSheet, fields: list[str]) -> pd.Series:
    parts = [ts.frame[ts.columns[f]].map(lambda v: word_key(cell_text(v))) for f in fields]
    return pd.concat(parts, axis=1).apply(tuple, axis=1) if parts else pd.Series(
        [()] * len(ts.frame), index=ts.frame.index, dtype=object)


def _warn_unlinked(rounds: TableSheet, left: object, apps: TableSheet,
                   log: IssueLog) -> None:
    label = rounds.columns[s.EMPLOYER]
    mask = pd.Series(left, index=rounds.frame.index) & ~rounds.frame[label].map(is_blank)
    log.where(rounds.frame, mask, column=label, value=rounds.frame[label],
              problem=f"this round matches no single application on {apps.sheet!r} (same "
                      "employer and position): read as an interview of its own",
              severity=WARNING)
