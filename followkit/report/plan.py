"""The young person's own plan (SPEC §10): their open steps, in plain words.

:func:`build_plans` reads the engine's :class:`~followkit.rules.engine.Actions`
(the same evaluation as the report, so a plan's days are the To Do's due dates)
and writes, for each client with open steps, a :class:`ClientPlan`: the steps
in the order to do them with their day in words, what is already done, the
interviews with every interviewer's name exactly as recorded, and a short text
message. Every sentence comes from :mod:`followkit.report.plan_words`.
:mod:`followkit.report.plan_docx` writes the plans as ``.docx`` files.

A plan holds only its client's own data: no other client, no IDs, no step
numbers, no status words, none of the worker's notes. The Client ID is kept
only for the worker's ``messages.csv``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from followkit.core import schema as s
from followkit.core.errors import FollowkitError
from followkit.core.io import safe_file_part
from followkit.report.plan_words import (
    ENGLISH,
    WORDS,
    PlanWords,
    StepWords,
    language_code,
    step_words,
)
from followkit.rules import engine as r
from followkit.rules import steps

MESSAGE_LIMIT = 320  # characters: two SMS segments
MESSAGE_COLUMNS = [s.CLIENT_ID, s.CLIENT_NAME, s.WORKER, "Language", "Message"]
# Among steps due the same day, the order to do them in.
ORDER = (r.ASK_DECISION, r.GET_NAMES, r.SEND_THANK_YOU, r.ALERT_REFERENCES,
         r.FOLLOW_UP_CALL, r.KEEP_HUNTING)
_LATE = (r.OVERDUE,)
Row = Mapping[Any, Any]  # one action, as a record of Actions.frame


@dataclass(frozen=True)
class PlanStep:
    """One thing to do: ``due`` is the engine's due date (the To Do's), ``day``
    the day the plan gives (``as_of`` for a step whose day has passed)."""

    label: str
    employer: str
    due: date
    day: date
    late: bool
    title: str
    when: str
    lines: tuple[str, ...]
    script: tuple[str, ...]
    why: str
    short: str


@dataclass(frozen=True)
class PlanInterview:
    """An open interview as the client knows it."""

    employer: str
    position: str
    day: date
    interviewers: tuple[str, ...]


@dataclass(frozen=True)
class ClientPlan:
    """One client's plan (the Client ID is for the worker's messages.csv only)."""

    client_id: str
    client_name: str
    worker: str
    language: str
    as_of: date
    interviews: tuple[PlanInterview, ...]
    steps: tuple[PlanStep, ...]
    done: tuple[str, ...]
    message: str
    file_name: str

    @property
    def words(self) -> PlanWords:
        return WORDS[self.language]

    @property
    def first_name(self) -> str:
        return first_name(self.client_name)

    def interview_lines(self) -> list[str]:
        """Each interview: what, where, when, and who the client met."""
        w, out = self.words, []
        for iv in self.interviews:
            out.append(w.interview_line.format(position=iv.position or w.a_job,
                                               employer=iv.employer or w.the_employer,
                                               day=w.day(iv.day, as_of=self.as_of)))
            out.append(w.you_met.format(names=w.names(list(iv.interviewers)))
                       if iv.interviewers else w.no_names)
        return out

    def heading_lines(self) -> tuple[str, str, str]:
        """The title, the greeting and the date the plan was made."""
        w = self.words
        return (w.title, w.hello.format(first=self.first_name),
                w.made_on.format(day=w.day(self.as_of, as_of=self.as_of)))

    def interview_heading(self) -> str:
        w = self.words
        return w.interview_heading if len(self.interviews) == 1 else w.interviews_heading

    def closing(self) -> str:
        w = self.words
        return w.questions.format(worker=first_name(self.worker) or w.no_worker)

    def text(self) -> str:
        """Everything the client reads, as plain text (readability, previews, tests)."""
        w = self.words
        lines = [*self.heading_lines(), self.interview_heading(), *self.interview_lines(),
                 w.todo_heading]
        for step in self.steps:
            lines.append(w.step_line.format(title=step.title, when=step.when))
            lines += [*step.lines[:1], *([w.call_say, *step.script] if step.script else []),
                      *step.lines[1:], step.why]
        if self.done:
            lines += [w.done_heading, *self.done]
        lines.append(self.closing())
        return "\n".join(lines)


@dataclass(frozen=True)
class Plans:
    """Every plan made, and notes for the worker (a client with nothing to do, a
    step with no words for clients)."""

    plans: tuple[ClientPlan, ...]
    notes: tuple[str, ...]

    def messages(self) -> pd.DataFrame:
        """messages.csv: one text message per client with a plan."""
        return pd.DataFrame(
            [[p.client_id, p.client_name, p.worker, p.words.name, p.message]
             for p in self.plans], columns=MESSAGE_COLUMNS, dtype=object)

    def find(self, client: str) -> ClientPlan:
        """The plan of a client, by Client ID or Client Name."""
        for plan in self.plans:
            if client in (plan.client_id, plan.client_name):
                return plan
        raise FollowkitError(f"no plan for {client!r}")


def first_name(name: str) -> str:
    return str(name).split(" ")[0] if str(name).strip() else ""


def short_name(name: str) -> str:
    """'Diego H.': first name and last initial (how a plan's file is named)."""
    parts = str(name).split()
    if len(parts) < 2:
        return "".join(parts)
    return f"{parts[0]} {parts[-1][0]}."


def build_plans(actions: r.Actions, *, clients: Sequence[str] | None = None,
                language: str | None = None) -> Plans:
    """The plan of every client with open steps (or of ``clients``, by ID or name).

    ``language`` (``"en"``/``"fr"``) writes every plan in that language;
    without it each client's Language cell chooses, else English.
    """
    if language is not None and language not in WORDS:
        raise FollowkitError(f"unknown plan language {language!r}; use one of "
                             + ", ".join(WORDS))
    frame = actions.frame(text=False)
    frame["_iv"], frame["_who"] = actions.data.iv, actions.data.who
    frame["_open"] = actions.is_open()
    frame["_client"] = np.where(frame[s.CLIENT_ID] != "", frame[s.CLIENT_ID],
                                frame[s.CLIENT_NAME])
    chosen = _chosen(frame, actions.caseload, clients)
    notes = [f"{label!r} is left out of the plans: it has no words for clients yet "
             "(followkit.report.plan_words.add_step_words)"
             for label in _wordless(frame)]
    plans: list[ClientPlan] = []
    names: set[str] = set()
    idle = []
    records = frame.to_dict("records")
    groups = frame.groupby("_client", sort=False).indices
    lookup = _lookup(actions)
    for key in chosen:
        rows = [records[i] for i in groups.get(key, [])]
        if not any(x["_open"] for x in rows):
            idle.append(key)
            continue
        lang, note = _language(actions.caseload, rows, language)
        notes += note
        plan = _client_plan(actions, rows, lang, lookup)
        name = _unique(f"{safe_file_part(short_name(plan.client_name))}.docx", names)
        plans.append(_with_name(plan, name))
    if clients:
        notes += [f"{_name_of(actions.caseload, key)}: nothing left to do (every interview "
                  "is decided or not yet held), no plan" for key in idle]
    elif idle:
        notes.append(f"{len(idle)} client(s) with nothing left to do (every interview is "
                     "decided or not yet held): no plan")
    return Plans(tuple(plans), tuple(notes))


def _name_of(caseload: Any, key: str) -> str:
    iv = caseload.interviews
    names = iv.loc[(iv[s.CLIENT_ID] == key) | (iv[s.CLIENT_NAME] == key), s.CLIENT_NAME]
    return str(names.iloc[0]) if len(names) else key


def _chosen(frame: pd.DataFrame, caseload: Any, clients: Sequence[str] | None) -> list[str]:
    """The clients to plan for (sorted by name), checking every name asked for."""
    people = caseload.interviews[[s.CLIENT_ID, s.CLIENT_NAME]].astype(str)
    people = people.assign(_client=np.where(people[s.CLIENT_ID] != "", people[s.CLIENT_ID],
                                            people[s.CLIENT_NAME])).drop_duplicates("_client")
    people = people.sort_values([s.CLIENT_NAME, "_client"], kind="stable")
    if not clients:
        return [c for c in people["_client"] if c in set(frame["_client"])]
    keys = []
    for asked in clients:
        match = people[(people[s.CLIENT_ID].str.casefold() == asked.casefold())
                       | (people[s.CLIENT_NAME].str.casefold() == asked.casefold())]
        if match.empty:
            raise FollowkitError(f"no client {asked!r} in the tracker (give a Client ID or "
                                 "a Client Name as written there)")
        keys += [c for c in match["_client"] if c not in keys]
    return keys


def _wordless(frame: pd.DataFrame) -> list[str]:
    labels = pd.unique(frame.loc[frame["_open"], r.ACTION].astype(str))
    return [x for x in steps.labels() if x in labels and step_words(x, ENGLISH) is None]


def _language(caseload: Any, rows: Sequence[Row], forced: str | None) -> tuple[str, list[str]]:
    """The plan's language: ``forced``, else the client's Language cell, else English."""
    if forced is not None:
        return forced, []
    cells = caseload.interviews[s.LANGUAGE].to_numpy(dtype=object)[
        np.unique([x["_iv"] for x in rows])]
    values = [str(v).strip() for v in cells if str(v).strip()]
    codes = [language_code(v) for v in values]
    known = [c for c in codes if c is not None]
    if known:
        return known[-1], []
    if values:
        name = rows[0][s.CLIENT_NAME]
        return ENGLISH, [f"{name}: Language {values[-1]!r} is not English or French; "
                         "the plan is in English"]
    return ENGLISH, []


def _with_name(plan: ClientPlan, name: str) -> ClientPlan:
    return ClientPlan(plan.client_id, plan.client_name, plan.worker, plan.language,
                      plan.as_of, plan.interviews, plan.steps, plan.done, plan.message, name)


def _unique(name: str, seen: set[str]) -> str:
    stem, n, out = name.removesuffix(".docx"), 2, name
    while out.casefold() in seen:
        out, n = f"{stem} ({n}).docx", n + 1
    seen.add(out.casefold())
    return out


class _Lookup(NamedTuple):
    """What every client's plan looks up, found once: the interviewers named per
    Interview ID (as recorded, in order) and the dates of the calls made."""

    named: dict[Any, tuple[str, ...]]  # by Interview ID
    called: dict[Any, list[pd.Timestamp]]


def _lookup(actions: r.Actions) -> _Lookup:
    people = actions.caseload.interviewers
    named: dict[Any, tuple[str, ...]] = {}
    for iid, name in zip(people[s.INTERVIEW_ID], people[s.INTERVIEWER], strict=True):
        if str(name).strip() and str(name) not in named.get(iid, ()) and (
                name != s.UNNAMED_INTERVIEWER):
            named[iid] = (*named.get(iid, ()), str(name))
    calls = actions.caseload.calls
    made = calls[~calls[s.PLANNED].astype(bool)
                 & (calls[s.CALL_DATE] <= pd.Timestamp(actions.as_of))].sort_values(
        s.CALL_DATE, kind="stable")
    called: dict[Any, list[pd.Timestamp]] = {}
    for iid, day in zip(made[s.INTERVIEW_ID], made[s.CALL_DATE], strict=True):
        called.setdefault(iid, []).append(day)
    return _Lookup(named, called)


def _client_plan(actions: r.Actions, rows: Sequence[Row], lang: str,
                 lookup: _Lookup) -> ClientPlan:
    as_of, w = actions.as_of, WORDS[lang]
    open_rows = [x for x in rows if x["_open"]]
    ivs = dict.fromkeys(iv for _, iv in sorted((x[s.INTERVIEW_DATE], int(x["_iv"]))
                                               for x in open_rows))
    people = {iv: _interview(actions.caseload, iv, lookup) for iv in ivs}
    first = rows[0]
    client = str(first[s.CLIENT_NAME])
    calls = {int(row["_iv"]): _day(row[r.DUE_DATE], as_of)
             for row in open_rows if row[r.ACTION] == r.FOLLOW_UP_CALL}
    made = [step for row in open_rows
            if (step := _step(actions, row, w, client, _Client(calls, people))) is not None]
    made.sort(key=lambda x: (x.day, _order(x.label)))
    done = _done(actions, [x for x in rows if x[r.STATUS] == r.DONE], w, people, lookup)
    interviews = tuple(people.values())
    return ClientPlan(
        client_id=str(first[s.CLIENT_ID]), client_name=client, worker=str(first[s.WORKER]),
        language=lang, as_of=as_of, interviews=interviews, steps=tuple(made),
        done=tuple(done), message=message(w, client, str(first[s.WORKER]), made), file_name="")


def _order(label: str) -> int:
    return ORDER.index(label) if label in ORDER else len(ORDER) + steps.labels().index(label)


def _day(value: Any, as_of: date) -> date:
    day = pd.Timestamp(value).date()
    return max(day, as_of)


class _Client(NamedTuple):
    """A client's call days and interviews, by row of ``caseload.interviews``."""

    calls: dict[int, date]
    interviews: dict[int, PlanInterview]


def _interview(caseload: Any, iv: int, lookup: _Lookup) -> PlanInterview:
    iv_ = caseload.interviews
    iid = iv_[s.INTERVIEW_ID].iat[iv]
    return PlanInterview(str(iv_[s.EMPLOYER].iat[iv]), str(iv_[s.POSITION].iat[iv]),
                         pd.Timestamp(iv_[s.INTERVIEW_DATE].iat[iv]).date(),
                         lookup.named.get(iid, ()))


def _step_words(row: Row, w: PlanWords) -> StepWords | None:
    """The words of a row's step; a thank-you to someone not named has its own."""
    if row[r.ACTION] == r.SEND_THANK_YOU and row[s.INTERVIEWER] == s.UNNAMED_INTERVIEWER:
        return w.thank_you_unnamed
    return step_words(str(row[r.ACTION]), w.code)


def _fields(w: PlanWords, row: Row, client: str, as_of: date) -> dict[str, str]:
    """The values a step's words may name."""
    position = str(row[s.POSITION])
    return {"employer": str(row[s.EMPLOYER]) or w.the_employer, "position": position,
            "job": w.job_named.format(position=position) if position else w.job_unnamed,
            "interviewer": str(row[s.INTERVIEWER]), "phone": str(row[s.EMPLOYER_PHONE]),
            "client": client, "day": w.day(pd.Timestamp(row[s.INTERVIEW_DATE]).date(),
                                           as_of=as_of)}


def _step(actions: r.Actions, row: Row, w: PlanWords, client: str,
          known: _Client) -> PlanStep | None:
    """One open action in the client's words (None: a step with no words for clients)."""
    label, as_of = str(row[r.ACTION]), actions.as_of
    words = _step_words(row, w)
    if words is None:
        return None
    due = pd.Timestamp(row[r.DUE_DATE]).date()
    late = str(row[r.STATUS]) in _LATE
    values = _fields(w, row, client, as_of)
    day = max(due, as_of)
    lines = [words.late.format(**values)] if late and words.late else []
    when = w.today if day == as_of else (w.on if label == r.FOLLOW_UP_CALL else w.by)
    if label == r.ASK_DECISION and late:  # its moment was the interview: ask on the call
        day = known.calls.get(int(row["_iv"]), as_of)
        when = w.on_call_today if day == as_of else w.on_call
    script: tuple[str, ...] = ()
    if label == r.FOLLOW_UP_CALL:
        lines, script = _call(actions, row, w, values,
                              known.interviews[int(row["_iv"])].interviewers)
    if label == r.KEEP_HUNTING:
        lines = [*_hunting(actions, row, w), *lines]
    return PlanStep(label, str(row[s.EMPLOYER]), due, day, late, words.title.format(**values),
                    when.format(day=w.day(day, as_of=as_of)), tuple(lines),
                    script, words.why.format(**values), words.short.format(**values))


def _call(actions: r.Actions, row: Row, w: PlanWords, values: dict[str, str],
          who: tuple[str, ...]) -> tuple[list[str], tuple[str, ...]]:
    """The call's lines (number, who to ask for, when to call again) and its script."""
    iv = int(row["_iv"])
    lines = [w.phone_line.format(**values) if values["phone"] else w.no_phone]
    if who:
        lines.append(w.call_ask_for.format(names=w.names(list(who))))
    decision = actions.caseload.interviews[s.DECISION_DATE].iloc[iv]
    script = tuple(x.format(**values) for x in w.call_script)
    return [*lines, w.call_again_ask if pd.isna(decision) else w.call_again], script


def _hunting(actions: r.Actions, row: Row, w: PlanWords) -> list[str]:
    """Keep job hunting made concrete: the last application's date."""
    last = actions.by_interview.hunt_from[int(row["_iv"])]
    if np.isnat(last):
        return [w.no_application]
    return [w.last_application.format(day=w.day(pd.Timestamp(last).date(),
                                                as_of=actions.as_of))]


def _done(actions: r.Actions, rows: Sequence[Row], w: PlanWords,
          people: dict[int, PlanInterview], lookup: _Lookup) -> list[str]:
    """What is already done on the open interviews, ticked: steps, then calls made."""
    as_of, out = actions.as_of, []
    for row in (x for x in rows if int(x["_iv"]) in people):
        words = _step_words(row, w)
        if words is None or not words.done:
            continue
        values = _fields(w, row, "", as_of)
        decision = row[s.DECISION_DATE]
        values["decision"] = "" if pd.isna(decision) else w.by.format(
            day=w.day(pd.Timestamp(decision).date(), as_of=as_of))
        out.append(words.done.format(**values))
    call_words: StepWords | None = step_words(r.FOLLOW_UP_CALL, w.code)
    ids = actions.caseload.interviews[s.INTERVIEW_ID]
    made = sorted((day, iv) for iv in people for day in lookup.called.get(ids.iat[iv], []))
    for day, iv in made:
        if call_words is not None:
            out.append(call_words.done.format(employer=people[iv].employer or w.the_employer,
                                              day=w.day(day.date(), as_of=as_of)))
    return out


def message(w: PlanWords, client: str, worker: str, made: Sequence[PlanStep]) -> str:
    """The text message: first name, the employer, the next one or two steps with their
    day, signed with the worker's first name; at most :data:`MESSAGE_LIMIT` characters."""
    sign = first_name(worker) or w.no_worker
    # A decision date not asked at the interview is asked on the call: the call says it.
    made = [x for x in made if not (x.label == r.ASK_DECISION and x.late)] or list(made)
    employers = list(dict.fromkeys(x.employer for x in made[:2]))
    for count, cut in ((2, 0), (1, 0), (1, 40), (1, 20)):
        shown = made[:count]
        named = [e for e in employers[:count] if e]
        where = (w.several_interviews.format(employers=_cut(w.names(named), cut))
                 if len(named) > 1 else
                 w.one_interview.format(employer=_cut("".join(named) or w.the_employer, cut)))
        text = w.message.format(
            first=first_name(client), worker=sign, interviews=where,
            steps=w.message_joiner.join(
                w.message_step.format(what=_cut(x.short, cut), when=x.when) for x in shown),
        ).replace("\u00a0", " ")  # a no-break space would make every phone send Unicode SMS
        if len(text) <= MESSAGE_LIMIT:
            return text
    return text[: MESSAGE_LIMIT - 3] + "..."


def _cut(text: str, limit: int) -> str:
    return text if not limit or len(text) <= limit else text[: limit - 1].rstrip() + "…"
