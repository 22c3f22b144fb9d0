"""The follow-up steps: one registered entry each (SPEC §4).

A :class:`Step` declares everything about one action: its SPEC step number,
label, what it is one per, the rule that computes its rows and due dates, the
rule that says when it is done, its Details and Contact texts, the report
sheet and dashboard tab that list it, and its column on the Interviews sheet.
Everything else is derived from the registry: the engine evaluates the
registered steps, the report builds one sheet per distinct ``sheet``, the
Summary counts one row per step, the dashboard one tab per sheet, the
Interviews sheet one status column per distinct ``status_column``.

Codes. :class:`Action` names the built-in steps (``int8`` codes 0-5 in the
engine's arrays). A step registered from outside the package at run time
(:func:`register`, or the :func:`registered` context manager) gets the next
free code, a plain ``int``; the registry, not the enum, says which codes
exist. Codes stay below 128 (the arrays are ``int8``).

Orders. The Action code orders the evaluation (a step may use what a step
with a smaller code kept, see :meth:`followkit.rules.engine.RuleContext.keep`) and
the Summary rows. The registration order is the order of the sheets and tabs
(the built-ins as SPEC §5 lists them; a registered step comes last).
:class:`Status` is in the report's order of urgency: Overdue first.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

if TYPE_CHECKING:
    from followkit.reading.load import Caseload
    from followkit.rules.details import Texts
    from followkit.rules.engine import RuleContext

# The columns of the action table (rules.Actions.frame) and of its lists.
DUE_DATE, STATUS, DAYS_OVERDUE, ACTION, STEP, DETAILS, CONTACT = (
    "Due Date", "Status", "Days Overdue", "Action", "Step", "Details", "Contact")
CALLS_MADE, LAST_CALL = "Calls Made", "Last Call"
STALE_SHEET, STALE_TAB = "Stale", "Stale: close or follow up?"  # the stale step's list
DRAFT_EMAIL, CALL_SCRIPT = "Draft Email", "Call Script"
MAX_CODE = 127  # the engine keeps action codes as int8


class Action(enum.IntEnum):
    """The built-in steps' codes (their labels are in the registry: :func:`label`)."""

    ASK_DECISION = 0
    ALERT_REFERENCES = 1
    SEND_THANK_YOU = 2
    GET_NAMES = 3
    FOLLOW_UP_CALL = 4
    KEEP_HUNTING = 5


class Status(enum.IntEnum):
    """An action's status, most urgent first (the report sorts and ranks by this)."""

    OVERDUE = 0
    DUE_TODAY = 1
    UPCOMING = 2
    NOT_NEEDED = 3
    DONE = 4

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @classmethod
    def open(cls) -> tuple[Status, ...]:
        """The statuses of an action still to do."""
        return (cls.OVERDUE, cls.DUE_TODAY, cls.UPCOMING)


_STATUS_LABELS = {Status.OVERDUE: "Overdue", Status.DUE_TODAY: "Due today",
                  Status.UPCOMING: "Upcoming", Status.NOT_NEEDED: "Not needed",
                  Status.DONE: "Done"}


class OnePer(enum.Enum):
    """What a step has one action per."""

    INTERVIEW = "interview"
    INTERVIEWER = "interviewer"
    CLIENT = "client"


class StepRows(NamedTuple):
    """What a step's due rule returns: its rows and their due dates.

    ``at`` are positions among the rule context's started rows
    (:attr:`followkit.rules.engine.RuleContext.rows`), one per action; ``who`` a row
    of ``caseload.interviewers`` or ``caseload.calls`` (-1: none); ``open``
    whether the action is still wanted (default: its interview is open, see
    :attr:`Step.each_round`).
    """

    at: np.ndarray | slice
    due: np.ndarray
    who: np.ndarray | None = None
    open: np.ndarray | None = None


DueRule = Callable[["RuleContext"], StepRows]
DoneRule = Callable[["RuleContext", StepRows], "np.ndarray | bool"]
TextRule = Callable[["Texts", np.ndarray], np.ndarray]


@dataclass(frozen=True)
class Step:
    """One follow-up step (SPEC §4), declared once.

    Attributes
    ----------
    label
        The action's name, as the worker reads it ("Send thank-you").
    number
        Its step number in SPEC §4 (two steps may share one: 3).
    one_per
        What it has one action per.
    due
        Computes its rows and due dates from a :class:`~followkit.rules.engine.RuleContext`.
    done
        Whether each of those rows is done (an array, or one bool for all).
    details
        The Details text of the rows ``at`` of a :class:`~followkit.rules.details.Texts`.
    sheet
        The report sheet (and dashboard tab) listing its open actions; steps
        may share one.
    status_column
        Its column on the Interviews sheet; steps may share one.
    contact
        The Contact text (None: empty).
    tab
        The dashboard tab's title when it differs from ``sheet``.
    columns
        The sheet's columns after the To Do's (the steps of one sheet add theirs).
    each_round
        Due for every round of an application (thank-yous); otherwise it
        follows the latest round and an earlier round's is Not needed.
    tracked
        Whether the tracker records what the step needs (None: always); an
        untracked step gets no actions and is reported as not tracked.
    not_tracked_why
        What is missing when it is not tracked, for the Summary.
    lists_stale
        The step that lists the stale interviews (no activity for longer than the
        policy's ``stale_after_weeks``, see docs/rules.md): it is open while an
        interview is stale and every other step's action of that interview is Not
        needed; its actions are on its own sheet, not on the To Do (nor the calendar).
    code
        Its action code: set by :func:`register` (an :class:`Action` for the built-ins).
    """

    label: str
    number: int
    one_per: OnePer
    due: DueRule
    done: DoneRule
    details: TextRule
    sheet: str
    status_column: str
    contact: TextRule | None = None
    tab: str = ""
    columns: tuple[str, ...] = ()
    each_round: bool = False
    tracked: Callable[[Caseload], bool] | None = None
    not_tracked_why: str = ""
    lists_stale: bool = False
    code: int = -1

    def is_tracked(self, caseload: Caseload) -> bool:
        return self.tracked is None or self.tracked(caseload)


# The report's own sheets, before and after the steps' sheets (SPEC §5).
SHEETS_BEFORE = ("Summary", "To Do")
SHEETS_AFTER = ("Clients", "Supervisor", "Interviews", "Applications", "Data Issues")
FIXED_SHEETS = (*SHEETS_BEFORE, *SHEETS_AFTER)
_REGISTRY: list[Step] = []  # in registration order: the order of the sheets
_VERSION = [0]  # counts changes to the registry: caches of computed actions key on it
_BUILT_IN = [len(Action)]  # codes below this are the package's own steps (seal_built_ins)


def version() -> int:
    """A number that changes whenever a step is registered or removed (what was
    computed under another number is stale: :class:`followkit.session.session.Session`)."""
    return _VERSION[0]


def register(step: Step) -> Step:
    """Add ``step`` to the registry and return it with its code.

    A step without a code gets the next free one. Its label must be new, and
    its sheet may not be one of the report's fixed sheets (:data:`FIXED_SHEETS`).
    """
    codes = {s.code for s in _REGISTRY}
    if step.code >= 0 and step.code not in set(Action):
        raise ValueError(f"step {step.label!r}: only a built-in step (an Action) comes with "
                         "its code; leave code out and the registry gives the next one")
    code = step.code if step.code >= 0 else len(codes)
    if code in codes or code > MAX_CODE:
        raise ValueError(f"step {step.label!r}: code {code} is taken or over {MAX_CODE}")
    if any(s.label == step.label for s in _REGISTRY):
        raise ValueError(f"a step {step.label!r} is already registered")
    if step.sheet in FIXED_SHEETS or step.tab in FIXED_SHEETS:
        raise ValueError(f"step {step.label!r}: {step.sheet!r} is one of the report's own "
                         f"sheets ({', '.join(FIXED_SHEETS)})")
    step = replace(step, code=code, tab=step.tab or step.sheet)
    _REGISTRY.append(step)
    _VERSION[0] += 1
    return step


def unregister(label: str) -> None:
    """Take the step ``label`` out again; only the one with the largest code (codes
    stay 0..n-1), and never a built-in step."""
    last = max(all_steps(), key=lambda s: s.code)
    if last.label != label or last.code < _BUILT_IN[0]:
        raise ValueError(f"only the last registered step can be removed, not {label!r}")
    _REGISTRY.remove(last)
    _VERSION[0] += 1


def seal_built_ins() -> None:
    """Mark every step registered so far as the package's own (never removed):
    :mod:`followkit.rules.builtin_steps` calls it after registering its steps, the
    ones without an :class:`Action` code (the stale list) included."""
    _BUILT_IN[0] = len(_REGISTRY)


@contextmanager
def registered(step: Step) -> Iterator[Step]:
    """Register ``step`` for the duration of a ``with`` block."""
    added = register(step)
    try:
        yield added
    finally:
        unregister(added.label)


def all_steps() -> tuple[Step, ...]:
    """Every registered step, in the order of their sheets."""
    return tuple(_REGISTRY)


def by_code() -> tuple[Step, ...]:
    """Every registered step, indexed by its code."""
    return tuple(sorted(all_steps(), key=lambda s: s.code))


def labels() -> tuple[str, ...]:
    """The action labels, indexed by code."""
    return tuple(s.label for s in by_code())


def find(label: str) -> Step:
    """The step called ``label``."""
    for step in all_steps():
        if step.label == label:
            return step
    raise KeyError(label)


def numbers() -> np.ndarray:
    """The SPEC step number of each code."""
    return np.array([s.number for s in by_code()], dtype=np.int64)


def off_to_do() -> list[int]:
    """The codes of the steps whose actions are not on the To Do (the stale list)."""
    return [s.code for s in all_steps() if s.lists_stale]


def sheets() -> tuple[str, ...]:
    """The action sheets after To Do, in order (each once)."""
    return tuple(dict.fromkeys(s.sheet for s in all_steps()))


def built_in_sheets() -> tuple[str, ...]:
    """The sheets of the built-in steps (the ones ``followkit record`` can record)."""
    return tuple(dict.fromkeys(s.sheet for s in all_steps() if s.code < len(Action)))


def codes_of(sheet: str) -> list[int]:
    """The codes of the steps listed on ``sheet``."""
    return [s.code for s in all_steps() if s.sheet == sheet]


def sheet_columns(sheet: str) -> tuple[str, ...]:
    """The extra columns the steps of ``sheet`` declare, each once, in order."""
    return tuple(dict.fromkeys(c for s in all_steps() if s.sheet == sheet for c in s.columns))


def tab_title(sheet: str) -> str:
    """The dashboard tab's title for ``sheet``."""
    return next((s.tab for s in all_steps() if s.sheet == sheet), sheet)


def status_columns() -> dict[str, list[Step]]:
    """The Interviews sheet's step columns, by step number, with their steps."""
    out: dict[str, list[Step]] = {}
    for step in sorted(all_steps(), key=lambda s: (s.number, s.code)):
        out.setdefault(step.status_column, []).append(step)
    return out

