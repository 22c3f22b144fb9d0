"""Every word a young person reads in their plan (SPEC §10), one declared table per language.

:data:`WORDS` holds one :class:`PlanWords` per language code (``"en"``, ``"fr"``):
the headings, each step's name, its why-it-matters line and what to do when its
moment has passed, the call script, the text message, and the weekday and
month names for dates in words. :mod:`followkit.report.plan` only fills these
in; no client-facing sentence is written anywhere else. Placeholders are
``{name}`` fields of :meth:`str.format`.

A step registered from outside (:func:`followkit.rules.steps.register`) speaks
to clients once its words are given with :func:`add_step_words`; until then it
is left out of the plans, with a note to the worker.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from followkit.rules.builtin_steps import CLOSE_OR_FOLLOW_UP
from followkit.rules.engine import (
    ALERT_REFERENCES,
    ASK_DECISION,
    FOLLOW_UP_CALL,
    GET_NAMES,
    KEEP_HUNTING,
    SEND_THANK_YOU,
)

ENGLISH, FRENCH = "en", "fr"
LANGUAGES = (ENGLISH, FRENCH)


@dataclass(frozen=True)
class StepWords:
    """What the plan says about one step.

    ``title`` names what to do ({employer}, {position}, {interviewer}, {phone});
    ``why`` is one line on why it matters; ``late`` what to do now that its
    moment has passed; ``done`` the ticked line once it is done; ``short`` the
    few words of the text message.
    """

    title: str
    why: str
    late: str = ""
    done: str = ""
    short: str = ""


@dataclass(frozen=True)
class PlanWords:
    """One language's words (see the module's docstring)."""

    code: str
    name: str
    weekdays: tuple[str, ...]  # Monday first, like date.weekday()
    months: tuple[str, ...]  # January first
    day_format: str  # {weekday} {day} {month}
    first_day: str  # how the 1st of a month is written: "1" or "1er"
    by: str  # "by {day}"
    on: str  # "on {day}"
    today: str  # "today, {day}"
    on_call: str  # a question kept for the call: "during your call on {day}"
    on_call_today: str
    title: str
    hello: str
    made_on: str
    interview_heading: str
    interviews_heading: str
    interview_line: str
    you_met: str
    no_names: str
    todo_heading: str
    done_heading: str
    questions: str
    no_worker: str
    phone_line: str
    call_say: str
    call_script: tuple[str, str, str]
    call_ask_for: str
    call_again_ask: str  # the decision day is not known
    call_again: str
    step_line: str  # {title} {when}
    no_phone: str
    last_application: str
    no_application: str
    name_joiner: str  # "Sofia Rossi and Raj Patel"
    message: str  # {first} {interviews} {steps} {worker}
    one_interview: str  # {employer}
    several_interviews: str  # {employers}
    message_step: str  # {what} {when}
    message_joiner: str
    the_employer: str
    job_named: str  # "the {position} job"
    job_unnamed: str  # no position recorded
    a_job: str  # the interview's title when no position is recorded
    # Send thank-you when the tracker names no interviewer but records the thank-you
    # (reading/unnamed.py): no name to write, the employer instead.
    thank_you_unnamed: StepWords
    steps: dict[str, StepWords] = field(default_factory=dict)

    def day(self, day: date, *, as_of: date) -> str:
        """'Tuesday 24 November' (the year only when it is not ``as_of``'s)."""
        number = self.first_day if day.day == 1 else str(day.day)
        text = self.day_format.format(weekday=self.weekdays[day.weekday()], day=number,
                                      month=self.months[day.month - 1])
        return text if day.year == as_of.year else f"{text} {day.year}"

    def names(self, names: list[str]) -> str:
        """'Sofia Rossi', 'Sofia Rossi and Raj Patel', 'A, B and C'."""
        if len(names) <= 1:
            return "".join(names)
        return ", ".join(names[:-1]) + self.name_joiner + names[-1]


ENGLISH_WORDS = PlanWords(
    code=ENGLISH, name="English",  # name: for the worker (messages.csv)
    weekdays=("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    months=("January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"),
    day_format="{weekday} {day} {month}", first_day="1",
    by="by {day}", on="on {day}", today="today, {day}",
    on_call="during your call on {day}", on_call_today="during your call today",
    title="Your plan after the interview",
    hello="Hi {first}, here is what to do next. Tick each box when it is done.",
    made_on="Plan made on {day}.",
    interview_heading="Your interview", interviews_heading="Your interviews",
    interview_line="{position} at {employer}. You had the interview on {day}.",
    you_met="You met {names}.",
    no_names="We do not have the names of the people you met.",
    todo_heading="What to do",
    done_heading="Already done",
    questions="Questions? Talk to {worker}.",
    no_worker="your outreach worker",
    phone_line="Their number: {phone}",
    call_say="What to say:",
    call_script=("Hello, this is {client}. I had an interview on {day} for {job}.",
                 "I would like to know if you have made your choice.",
                 "I am still very interested in the job. Thank you."),
    call_ask_for="Ask for {names}.",
    call_again_ask="If they have not decided, ask when they will. Call again after that, or "
                   "in about a week. Do not call every day.",
    call_again="If they have not decided, call again in about a week. Do not call every day.",
    step_line="{title} {when}.",
    no_phone="We do not have their phone number. Look on their website or your job post.",
    last_application="Your last job application was on {day}.",
    no_application="Keep looking while you wait to hear back.",
    name_joiner=" and ",
    message="Hi {first}, about {interviews}: {steps}. Your plan has the rest. - {worker}",
    one_interview="your interview at {employer}",
    several_interviews="your interviews at {employers}",
    message_step="{what} {when}", message_joiner="; ",
    the_employer="the employer", job_named="the {position} job", job_unnamed="the job",
    a_job="A job",
    thank_you_unnamed=StepWords(
        "Send your thank-you for the interview at {employer}",
        "Thank them for the interview and say why you are a good fit. "
        "Use their name if you know it.",
        late="It is late, but a thank-you still helps.",
        done="You sent your thank-you for the interview at {employer}.",
        short="send your thank-you to {employer}"),
    steps={
        ASK_DECISION: StepWords(
            "Ask {employer} when they will decide",
            "Then you know when to follow up.",
            late="You did not ask at the interview. It is not too late.",
            done="You asked when they will decide: {decision}.",
            short="ask {employer} when they will decide"),
        ALERT_REFERENCES: StepWords(
            "Tell your references that {employer} may call them",
            "Tell them about {job}. Then they can get ready for the questions.",
            late="Do it today, before {employer} calls them.",
            done="You told your references that {employer} may call.",
            short="tell your references about {employer}"),
        SEND_THANK_YOU: StepWords(
            "Send a thank-you to {interviewer}",
            "Thank them for the interview and say why you are a good fit. "
            "Spell each name just as it is here.",
            late="It is late, but a thank-you still helps.",
            done="You sent a thank-you to {interviewer}.",
            short="send a thank-you to {interviewer}"),
        GET_NAMES: StepWords(
            "Find out the names of the people you met at {employer}",
            "You need each name to send a thank-you.",
            late="Ask for them when you call, or look on their website.",
            short="find out who you met at {employer}"),
        FOLLOW_UP_CALL: StepWords(
            "Call {employer}",
            "A short call shows you really want the job.",
            done="You called {employer} on {day}.",
            short="call {employer}"),
        KEEP_HUNTING: StepWords(
            "Apply for one more job",
            "If this job does not work out, you will not lose time. "
            "Other offers can help you get the job you want.",
            short="apply for one more job"),
        CLOSE_OR_FOLLOW_UP: StepWords(
            "Tell us if {employer} got back to you",
            "It has been a long time with no news. If they said no, we can close it. "
            "If not, a call can still help.",
            short="tell us if {employer} got back to you"),
    },
)

FRENCH_WORDS = PlanWords(
    code=FRENCH, name="French",
    weekdays=("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    months=("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
            "septembre", "octobre", "novembre", "décembre"),
    day_format="{weekday} {day} {month}", first_day="1er",
    by="d'ici le {day}", on="le {day}", today="aujourd'hui, {day}",
    on_call="pendant votre appel du {day}", on_call_today="pendant votre appel d'aujourd'hui",
    title="Votre plan après l'entrevue",
    hello="Bonjour {first}, voici quoi faire maintenant. Cochez chaque case une fois "
          "la tâche faite.",
    made_on="Plan fait le {day}.",
    interview_heading="Votre entrevue", interviews_heading="Vos entrevues",
    interview_line="{position} chez {employer}. Vous avez eu l'entrevue le {day}.",
    you_met="Vous avez rencontré {names}.",
    no_names="Nous n'avons pas le nom des personnes que vous avez rencontrées.",
    todo_heading="À faire",
    done_heading="Déjà fait",
    questions="Des questions\u00a0? Parlez-en à {worker}.",
    no_worker="votre intervenante ou intervenant",
    phone_line="Leur numéro\u00a0: {phone}",
    call_say="Quoi dire\u00a0:",
    call_script=("Bonjour, ici {client}. J'ai eu une entrevue le {day} pour {job}.",
                 "J'aimerais savoir si vous avez fait votre choix.",
                 "Ce poste m'intéresse toujours beaucoup. Merci."),
    call_ask_for="Demandez à parler à {names}.",
    call_again_ask="S'ils n'ont pas encore choisi, demandez quand ils le feront. Rappelez "
                   "après ce jour, ou dans environ une semaine. N'appelez pas tous les jours.",
    call_again="S'ils n'ont pas encore choisi, rappelez dans environ une semaine. "
               "N'appelez pas tous les jours.",
    step_line="{title} {when}.",
    no_phone="Nous n'avons pas leur numéro. Cherchez-le sur leur site Web ou dans l'offre "
             "d'emploi.",
    last_application="Votre dernière demande d'emploi date du {day}.",
    no_application="Continuez à chercher pendant que vous attendez leur réponse.",
    name_joiner=" et ",
    message="Bonjour {first}, pour {interviews}\u00a0: {steps}. Votre plan dit le reste. "
            "- {worker}",
    one_interview="votre entrevue chez {employer}",
    several_interviews="vos entrevues chez {employers}",
    message_step="{what} {when}", message_joiner="\u00a0; ",
    the_employer="l'employeur", job_named="le poste de {position}", job_unnamed="le poste",
    a_job="Un poste",
    thank_you_unnamed=StepWords(
        "Envoyez votre remerciement pour l'entrevue chez {employer}",
        "Remerciez pour l'entrevue et dites pourquoi le poste vous convient. "
        "Écrivez leur nom si vous le connaissez.",
        late="C'est un peu tard, mais un merci aide quand même.",
        done="Vous avez envoyé votre remerciement pour l'entrevue chez {employer}.",
        short="envoyez votre remerciement à {employer}"),
    steps={
        ASK_DECISION: StepWords(
            "Demandez à {employer} quand ils vont choisir",
            "Vous saurez alors quand faire le suivi.",
            late="Vous ne l'avez pas demandé à l'entrevue. Il n'est pas trop tard.",
            done="Vous avez demandé quand ils vont choisir\u00a0: {decision}.",
            short="demandez à {employer} quand ils vont choisir"),
        ALERT_REFERENCES: StepWords(
            "Prévenez vos références que {employer} pourrait les appeler",
            "Décrivez-leur {job}. Elles pourront se préparer aux questions.",
            late="Faites-le aujourd'hui, avant que {employer} les appelle.",
            done="Vous avez prévenu vos références que {employer} pourrait appeler.",
            short="prévenez vos références pour {employer}"),
        SEND_THANK_YOU: StepWords(
            "Envoyez un remerciement à {interviewer}",
            "Remerciez pour l'entrevue et dites pourquoi le poste vous convient. "
            "Écrivez chaque nom exactement comme ici.",
            late="C'est un peu tard, mais un merci aide quand même.",
            done="Vous avez envoyé un remerciement à {interviewer}.",
            short="envoyez un merci à {interviewer}"),
        GET_NAMES: StepWords(
            "Trouvez le nom des personnes rencontrées chez {employer}",
            "Il vous faut chaque nom pour envoyer un remerciement.",
            late="Demandez-les quand vous appelez, ou cherchez sur leur site Web.",
            short="trouvez qui vous avez rencontré chez {employer}"),
        FOLLOW_UP_CALL: StepWords(
            "Appelez {employer}",
            "Un court appel montre que vous voulez vraiment ce poste.",
            done="Vous avez appelé {employer} le {day}.",
            short="appelez {employer}"),
        KEEP_HUNTING: StepWords(
            "Postulez à un autre emploi",
            "Si ce poste ne marche pas, vous ne perdez pas de temps. "
            "D'autres offres peuvent vous aider à obtenir le poste que vous voulez.",
            short="postulez à un autre emploi"),
        CLOSE_OR_FOLLOW_UP: StepWords(
            "Dites-nous si {employer} vous a répondu",
            "Il n'y a pas de nouvelles depuis longtemps. S'ils ont dit non, on peut "
            "fermer le dossier. Sinon, un appel peut encore aider.",
            short="dites-nous si {employer} vous a répondu"),
    },
)

WORDS: dict[str, PlanWords] = {ENGLISH: ENGLISH_WORDS, FRENCH: FRENCH_WORDS}

# A Language cell's value, compared without case, accents or punctuation (SPEC §2).
LANGUAGE_VALUES: dict[str, str] = {
    "en": ENGLISH, "eng": ENGLISH, "english": ENGLISH, "anglais": ENGLISH, "ang": ENGLISH,
    "fr": FRENCH, "fra": FRENCH, "fre": FRENCH, "french": FRENCH, "francais": FRENCH,
}

_ADDED: dict[str, dict[str, StepWords]] = {}  # a registered step's words, by label


def language_code(value: object) -> str | None:
    """``"en"`` or ``"fr"`` for a Language cell ('Français', 'EN', 'anglais'), else None."""
    text = unicodedata.normalize("NFKD", str(value or "")).encode("ascii", "ignore").decode()
    key = "".join(ch for ch in text.casefold() if ch.isalnum())
    return LANGUAGE_VALUES.get(key)


def add_step_words(label: str, words: Mapping[str, StepWords]) -> None:
    """Give a registered step its client-facing words, one :class:`StepWords` per language.

    Every language of :data:`WORDS` needs its words: a plan in a language the
    step cannot speak would be half in another.
    """
    missing = [code for code in LANGUAGES if code not in words]
    if missing:
        raise ValueError(f"the words of step {label!r} need every language; "
                         f"missing: {', '.join(missing)}")
    _ADDED[label] = dict(words)


def remove_step_words(label: str) -> None:
    """Take back what :func:`add_step_words` gave."""
    _ADDED.pop(label, None)


@contextmanager
def step_words_added(label: str, words: Mapping[str, StepWords]) -> Iterator[None]:
    """:func:`add_step_words` for the time of a ``with`` block."""
    add_step_words(label, words)
    try:
        yield
    finally:
        remove_step_words(label)


def step_words(label: str, language: str) -> StepWords | None:
    """The words of the step ``label`` in ``language``; None if it has none."""
    built_in = WORDS[language].steps.get(label)
    return built_in if built_in is not None else _ADDED.get(label, {}).get(language)
