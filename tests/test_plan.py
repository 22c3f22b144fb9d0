"""The young person's own plan (SPEC §10, issue #23), on a caseload built here.

Three clients as of Friday 20 November 2026: Diego (English, a thank-you and
his references late, no decision date asked, one application logged), Élodie
(French, decision date and references done, a thank-you due today) and Liam
(hired: no plan).
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import docx
import pytest
import textstat
from docx.shared import Pt
from hypothesis import given, settings
from hypothesis import strategies as st

from followkit.cli import main
from followkit.core.errors import FollowkitError
from followkit.core.resources import DATA, resource_path
from followkit.reading.load import load_caseload
from followkit.report.build import build_report
from followkit.report.plan import MESSAGE_LIMIT, Plans, build_plans, message, short_name
from followkit.report.plan_docx import BODY_PT, plan_document, write_plans
from followkit.report.plan_words import (
    ENGLISH_WORDS,
    WORDS,
    StepWords,
    add_step_words,
    language_code,
    step_words_added,
)
from followkit.rules import steps
from followkit.rules.engine import evaluate
from followkit.session.session import Session
from tests.conftest import caseload, write_xlsx
from tests.test_extending import LABEL as TOY_LABEL
from tests.test_extending import TOY

AS_OF = date(2026, 11, 20)  # a Friday
HEADER = ["Interview ID", "Client ID", "Client Name", "Worker", "Employer", "Position",
          "Interview Date", "Employer Phone", "Decision Date", "References Alerted", "Outcome",
          "Langue", "Notes"]
SHEETS = {
    "Interviews": [
        HEADER,
        ["I1", "C1", "Diego Hernández", "Priya Sharma", "Oakridge Landscaping", "Landscaper",
         date(2026, 11, 18), "905-555-0100", "", "", "", "EN", "SECRET court date"],
        ["I2", "C2", "Élodie Gagné", "Marc-André Lévesque", "Boulangerie Saint-Honoré",
         "Vendeuse", date(2026, 11, 19), "613-555-0199", date(2026, 11, 24), "Y", "",
         "Français", "PRIVATE housing"],
        ["I3", "C3", "Liam Roy", "Priya Sharma", "Harbour Hotel", "Porter",
         date(2026, 11, 10), "416-555-0123", "", "Y", "Hired", "Anglais", ""]],
    "Interviewers": [
        ["Interview ID", "Interviewer", "Email", "Thank-You Sent"],
        ["I1", "Sofia Rossi", "", "2026-11-18"], ["I1", "Jonathan O'Brien", "", ""],
        ["I2", "Amélie Côté", "", ""], ["I3", "Tom Ng", "", "Y"]],
    "Calls": [["Interview ID", "Call Date", "Result"]],
    "Job Search": [["Client ID", "Application Date", "Employer", "Position"],
                   ["C1", date(2026, 11, 10), "Harbour Hotel", "Porter"]],
}

DIEGO = """\
Your plan after the interview
Hi Diego, here is what to do next. Tick each box when it is done.
Plan made on Friday 20 November.
Your interview
Landscaper at Oakridge Landscaping. You had the interview on Wednesday 18 November.
You met Sofia Rossi and Jonathan O'Brien.
What to do
Send a thank-you to Jonathan O'Brien today, Friday 20 November.
It is late, but a thank-you still helps.
Thank them for the interview and say why you are a good fit. Spell each name just as it \
is here.
Tell your references that Oakridge Landscaping may call them today, Friday 20 November.
Do it today, before Oakridge Landscaping calls them.
Tell them about the Landscaper job. Then they can get ready for the questions.
Ask Oakridge Landscaping when they will decide during your call on Wednesday 25 November.
You did not ask at the interview. It is not too late.
Then you know when to follow up.
Call Oakridge Landscaping on Wednesday 25 November.
Their number: 905-555-0100
What to say:
Hello, this is Diego Hernández. I had an interview on Wednesday 18 November for the \
Landscaper job.
I would like to know if you have made your choice.
I am still very interested in the job. Thank you.
Ask for Sofia Rossi and Jonathan O'Brien.
If they have not decided, ask when they will. Call again after that, or in about a week. \
Do not call every day.
A short call shows you really want the job.
Apply for one more job by Wednesday 25 November.
Your last job application was on Tuesday 10 November.
If this job does not work out, you will not lose time. Other offers can help you get the \
job you want.
Already done
You sent a thank-you to Sofia Rossi.
Questions? Talk to Priya."""

ELODIE = """\
Votre plan après l'entrevue
Bonjour Élodie, voici quoi faire maintenant. Cochez chaque case une fois la tâche faite.
Plan fait le vendredi 20 novembre.
Votre entrevue
Vendeuse chez Boulangerie Saint-Honoré. Vous avez eu l'entrevue le jeudi 19 novembre.
Vous avez rencontré Amélie Côté.
À faire
Envoyez un remerciement à Amélie Côté aujourd'hui, vendredi 20 novembre.
Remerciez pour l'entrevue et dites pourquoi le poste vous convient. Écrivez chaque nom \
exactement comme ici.
Appelez Boulangerie Saint-Honoré le mardi 24 novembre.
Leur numéro\u00a0: 613-555-0199
Quoi dire\u00a0:
Bonjour, ici Élodie Gagné. J'ai eu une entrevue le jeudi 19 novembre pour le poste de \
Vendeuse.
J'aimerais savoir si vous avez fait votre choix.
Ce poste m'intéresse toujours beaucoup. Merci.
Demandez à parler à Amélie Côté.
S'ils n'ont pas encore choisi, rappelez dans environ une semaine. N'appelez pas tous les \
jours.
Un court appel montre que vous voulez vraiment ce poste.
Postulez à un autre emploi d'ici le jeudi 26 novembre.
Continuez à chercher pendant que vous attendez leur réponse.
Si ce poste ne marche pas, vous ne perdez pas de temps. D'autres offres peuvent vous aider \
à obtenir le poste que vous voulez.
Déjà fait
Vous avez demandé quand ils vont choisir\u00a0: d'ici le mardi 24 novembre.
Vous avez prévenu vos références que Boulangerie Saint-Honoré pourrait appeler.
Des questions\u00a0? Parlez-en à Marc-André."""

MESSAGES = [
    ["C1", "Diego Hernández", "Priya Sharma", "English",
     "Hi Diego, about your interview at Oakridge Landscaping: send a thank-you to Jonathan "
     "O'Brien today, Friday 20 November; tell your references about Oakridge Landscaping "
     "today, Friday 20 November. Your plan has the rest. - Priya"],
    ["C2", "Élodie Gagné", "Marc-André Lévesque", "French",
     "Bonjour Élodie, pour votre entrevue chez Boulangerie Saint-Honoré : envoyez un "
     "merci à Amélie Côté aujourd'hui, vendredi 20 novembre ; appelez Boulangerie "
     "Saint-Honoré le mardi 24 novembre. Votre plan dit le reste. - Marc-André"],
]


@pytest.fixture(scope="module")
def plans() -> Plans:
    return build_plans(evaluate(caseload(SHEETS), as_of=AS_OF))


def test_english_plan_in_full(plans):
    diego = plans.find("Diego Hernández")
    assert (diego.language, diego.file_name) == ("en", "Diego H.docx")
    assert diego.text() == DIEGO


def test_french_plan_in_full_from_the_language_column(plans):
    elodie = plans.find("C2")
    assert (elodie.language, elodie.file_name) == ("fr", "Élodie G.docx")
    assert elodie.text() == ELODIE


def test_a_hired_client_gets_no_plan(plans):
    assert [p.client_name for p in plans.plans] == ["Diego Hernández", "Élodie Gagné"]
    assert plans.notes == ("1 client(s) with nothing left to do (every interview is decided "
                           "or not yet held): no plan",)
    asked = build_plans(evaluate(caseload(SHEETS), as_of=AS_OF), clients=["liam roy"])
    assert asked.plans == ()
    assert asked.notes == ("Liam Roy: nothing left to do (every interview is decided or not "
                           "yet held), no plan",)


def test_steps_keep_the_engines_due_dates_and_give_a_day_not_in_the_past(plans):
    steps = [(x.label, x.due, x.day, x.late) for x in plans.find("C1").steps]
    assert steps == [
        ("Send thank-you", date(2026, 11, 19), AS_OF, True),
        ("Alert references", date(2026, 11, 19), AS_OF, True),
        ("Ask decision date", date(2026, 11, 18), date(2026, 11, 25), True),  # on the call
        ("Follow-up call", date(2026, 11, 25), date(2026, 11, 25), False),
        ("Keep job hunting", date(2026, 11, 25), date(2026, 11, 25), False)]


def _todo_dates(session: Session, as_of: date) -> dict[str, set[tuple[str, date]]]:
    todo = session.report(as_of).todo
    out: dict[str, set[tuple[str, date]]] = {}
    for name, action, due in zip(todo["Client ID"], todo["Action"], todo["Due Date"],
                                 strict=True):
        out.setdefault(name, set()).add((str(action), due.date()))
    return out


@pytest.mark.parametrize("as_of", [AS_OF, date(2026, 11, 27)])
def test_the_plans_days_are_the_to_dos_due_dates(sample_file, as_of):
    session = Session.open(sample_file)
    todo = _todo_dates(session, as_of)
    plans = session.plans.build(as_of)
    horizon = session.policy.upcoming_horizon_days
    assert len(plans.plans) == len(set(todo) | {p.client_id for p in plans.plans})
    for plan in plans.plans:
        steps = {(x.label, x.due) for x in plan.steps}
        assert todo.get(plan.client_id, set()) <= steps  # every To Do row is in the plan
        for label, due in steps - todo.get(plan.client_id, set()):  # beyond the horizon
            assert (due - as_of).days > horizon, (plan.client_id, label, due)


def test_plain_english_at_or_below_grade_8(plans):
    """Flesch-Kincaid grade of every English plan of the bundled sample, and Diego's."""
    everyone = Session.open(resource_path(DATA, "sample_tracker.xlsx")).plans.build(AS_OF)
    grades = [textstat.flesch_kincaid_grade(p.text())
              for p in (*plans.plans[:1], *everyone.plans)]
    assert len(grades) == 49
    assert max(grades) <= 8.0


@pytest.mark.parametrize("word", ["Overdue", "Due today", "Upcoming", "Step ", "C1", "C2",
                                  "I1", "I2", "SECRET", "PRIVATE", "Liam", "Harbour Hotel",
                                  "Tom Ng", "Élodie", "Amélie", "Boulangerie", "Lévesque"])
def test_diegos_plan_holds_nothing_of_anyone_else_no_ids_no_notes(plans, word):
    document = plan_document(plans.find("C1"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert word not in text
    assert word not in plans.find("C1").message


def test_core_properties_carry_no_personal_data(plans):
    props = plan_document(plans.find("C2")).core_properties
    assert (props.title, props.author, props.last_modified_by, props.comments,
            props.subject, props.keywords, props.category) == (
        "Votre plan après l'entrevue", "", "", "", "", "", "")
    assert props.language == "fr-CA"
    assert props.created.date() == AS_OF


def test_the_document_has_headings_a_checklist_and_12_pt_text(plans):
    plan = plans.find("C1")
    document = plan_document(plan)
    headings = [(p.style.name, p.text) for p in document.paragraphs
                if p.style.name.startswith("Heading")]
    assert headings == [("Heading 1", "Your plan after the interview"),
                        ("Heading 2", "Your interview"), ("Heading 2", "What to do"),
                        ("Heading 2", "Already done")]
    boxes = [p.text for p in document.paragraphs if p.text.startswith("☐")]
    assert boxes[0] == "☐ Send a thank-you to Jonathan O'Brien today, Friday 20 November."
    assert len(boxes) == len(plan.steps) == 5
    assert [p.text for p in document.paragraphs if p.text.startswith("☑")] == [
        "☑ You sent a thank-you to Sofia Rossi."]
    assert document.styles["Normal"].font.size == Pt(BODY_PT) == Pt(12)
    sizes = [run.font.size for p in document.paragraphs if not p.style.name.startswith(
        "Heading") for run in p.runs]
    assert all(size is None or size >= Pt(12) for size in sizes)


def test_messages_csv_and_the_files_written(plans, tmp_path):
    paths = write_plans(plans, tmp_path)
    assert [p.name for p in paths] == ["Diego H.docx", "Élodie G.docx", "messages.csv"]
    with (tmp_path / "messages.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows == [["Client ID", "Client Name", "Worker", "Language", "Message"], *MESSAGES]
    assert all(len(row[-1]) <= MESSAGE_LIMIT for row in rows)


@settings(max_examples=60, deadline=None)
@given(client=st.text(min_size=1, max_size=80), worker=st.text(max_size=80),
       employer=st.text(max_size=200))
def test_a_message_never_exceeds_two_sms_segments(plans, client, worker, employer):
    steps = [type(x)(x.label, employer, x.due, x.day, x.late, x.title, x.when, x.lines,
                     x.script, x.why, x.short + employer) for x in plans.find("C1").steps]
    text = message(ENGLISH_WORDS, client, worker, steps)
    assert len(text) <= MESSAGE_LIMIT


@pytest.mark.parametrize(("value", "code"), [
    ("English", "en"), ("EN", "en"), ("anglais", "en"), ("Anglais", "en"), ("eng", "en"),
    ("French", "fr"), ("FR", "fr"), ("Français", "fr"), ("francais", "fr"), (" fr. ", "fr"),
    ("Spanish", None), ("", None), (None, None)])
def test_language_cells(value, code):
    assert language_code(value) == code


def test_lang_option_overrides_and_unknown_language_is_noted():
    sheets = {**SHEETS, "Interviews": [row[:11] + ["Spanish", ""] if row[0] == "I1" else row
                                       for row in SHEETS["Interviews"]]}
    actions = evaluate(caseload(sheets), as_of=AS_OF)
    plans = build_plans(actions)
    assert plans.find("C1").language == "en"
    assert plans.notes[0] == ("Diego Hernández: Language 'Spanish' is not English or French; "
                              "the plan is in English")
    french = build_plans(actions, language="fr")
    assert [p.language for p in french.plans] == ["fr", "fr"]
    assert french.find("C1").steps[0].title == "Envoyez un remerciement à Jonathan O'Brien"
    with pytest.raises(FollowkitError, match="unknown plan language 'de'; use one of en, fr"):
        build_plans(actions, language="de")


def test_unknown_client_is_an_error_naming_it():
    with pytest.raises(FollowkitError, match="no client 'Nobody' in the tracker"):
        build_plans(evaluate(caseload(SHEETS), as_of=AS_OF), clients=["Nobody"])


@pytest.mark.parametrize(("name", "short"), [("Diego Hernández", "Diego H."),
                                              ("Ana María de la Cruz", "Ana C."),
                                              ("Cher", "Cher"), ("", "")])
def test_short_names(name, short):
    assert short_name(name) == short


@pytest.mark.parametrize(("day", "en", "fr"), [
    (date(2026, 11, 24), "Tuesday 24 November", "mardi 24 novembre"),
    (date(2026, 12, 1), "Tuesday 1 December", "mardi 1er décembre"),
    (date(2027, 1, 4), "Monday 4 January 2027", "lundi 4 janvier 2027"),
    (date(2026, 8, 15), "Saturday 15 August", "samedi 15 août")])
def test_days_in_words(day, en, fr):
    assert WORDS["en"].day(day, as_of=AS_OF) == en
    assert WORDS["fr"].day(day, as_of=AS_OF) == fr
    assert WORDS["fr"].by.format(day=fr) == f"d'ici le {fr}"


def test_the_cli_writes_plans_for_chosen_clients(tmp_path, capsys):
    tracker = write_xlsx(tmp_path / "tracker.xlsx", SHEETS)
    out = tmp_path / "plans"
    assert main(["plan", str(tracker), "--as-of", "2026-11-20", "--client", "C2",
                 "--client", "Liam Roy", "--lang", "en", "-o", str(out)]) == 0
    assert capsys.readouterr().out == (
        f"wrote 1 plan(s) and messages.csv to {out} (as of 2026-11-20)\n"
        "  Liam Roy: nothing left to do (every interview is decided or not yet held), "
        "no plan\n")
    assert sorted(p.name for p in out.iterdir()) == ["messages.csv", "Élodie G.docx"]
    text = "\n".join(p.text for p in docx.Document(str(out / "Élodie G.docx")).paragraphs)
    assert "☐ Send a thank-you to Amélie Côté today, Friday 20 November." in text
    assert load_caseload(tracker).interviews["Language"].tolist() == ["EN", "Français",
                                                                       "Anglais"]


def test_the_cli_refuses_an_unknown_worker(tmp_path, capsys):
    tracker = write_xlsx(tmp_path / "tracker.xlsx", SHEETS)
    assert main(["plan", str(tracker), "--as-of", "2026-11-20", "--worker", "Nobody",
                 "-o", str(tmp_path / "plans")]) == 2
    assert "Nobody" in capsys.readouterr().err


def _need_writer() -> None:
    """LibreOffice with Writer (a Calc-only install cannot open a .docx) and poppler."""
    soffice = shutil.which("soffice")
    program = Path(os.path.realpath(soffice)).parent if soffice else None
    if program and shutil.which("pdfinfo") and any(program.glob("libswlo.*")):
        return
    message = ("PLAN PRINT TEST NOT RUN: no LibreOffice Writer or pdfinfo; `make render` "
               "installs Debian's libreoffice-writer-nogui and poppler-utils")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def test_one_interview_prints_on_one_page(plans, tmp_path):
    _need_writer()
    write_plans(plans, tmp_path)
    for name in ("Diego H", "Élodie G"):
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir",
                        str(tmp_path), str(tmp_path / f"{name}.docx")], check=True,
                       capture_output=True, timeout=240)
        info = subprocess.run(["pdfinfo", str(tmp_path / f"{name}.pdf")], check=True,
                              capture_output=True, text=True).stdout
        assert "Pages:           1\n" in info, name
        text = subprocess.run(["pdftotext", str(tmp_path / f"{name}.pdf"), "-"], check=True,
                              capture_output=True, text=True).stdout
        assert ("Diego Hernández" if name == "Diego H" else "Amélie Côté") in text


def test_plans_leave_the_tracker_alone(tmp_path):
    tracker = write_xlsx(tmp_path / "tracker.xlsx", SHEETS)
    before = tracker.read_bytes()
    Session.open(tracker).plans.write(tmp_path / "out", as_of=AS_OF)
    assert tracker.read_bytes() == before
    report = build_report(caseload(SHEETS), evaluate(caseload(SHEETS), as_of=AS_OF),
                          as_of=AS_OF)
    assert len(report.todo) == 8


def test_a_registered_sixth_step_speaks_with_its_own_words_or_is_left_out():
    sheets = {**SHEETS, "Calls": [["Interview ID", "Call Date", "Result"],
                                  ["I1", date(2026, 11, 19), "Left voicemail"]]}
    email = StepWords("Email {employer} to thank them for the call",
                      "It keeps your name in their mind.", short="email {employer}")
    courriel = StepWords("Écrivez à {employer} pour les remercier de l'appel",
                         "Ils se souviendront de vous.", short="écrivez à {employer}")
    with steps.registered(TOY):
        actions = evaluate(caseload(sheets), as_of=AS_OF)
        left_out = build_plans(actions)
        with step_words_added(TOY_LABEL, {"en": email, "fr": courriel}):
            spoken = build_plans(actions)
    assert left_out.notes[0] == (
        "'Send follow-up email' is left out of the plans: it has no words for clients yet "
        "(followkit.report.plan_words.add_step_words)")
    assert TOY_LABEL not in {x.label for p in left_out.plans for x in p.steps}
    diego = [(x.title, x.when, x.why) for x in spoken.find("C1").steps if x.label == TOY_LABEL]
    assert diego == [("Email Oakridge Landscaping to thank them for the call",
                      "by Monday 23 November", "It keeps your name in their mind.")]
    assert "You called Oakridge Landscaping on Thursday 19 November." in spoken.find(
        "C1").done
    assert all(not n.startswith("'Send follow-up email'") for n in spoken.notes)
    with pytest.raises(ValueError, match="need every language; missing: fr"):
        add_step_words(TOY_LABEL, {"en": email})


def test_the_dashboards_plans_tab_draws_when_opened(tmp_path):
    from followkit.dashboard.plans import PLANS_TAB, plan_clients
    from followkit.dashboard.widgets import Dashboard

    tracker = write_xlsx(tmp_path / "tracker.xlsx", SHEETS)
    board = Dashboard(today=AS_OF, input_path=tracker, as_of=AS_OF)
    assert board.tabs.titles[-1] == PLANS_TAB
    assert board.plans.client.options == (("Diego Hernández", "C1"), ("Élodie Gagné", "C2"))
    assert board.plans.preview.value == ""  # not drawn until the tab is opened
    board.tabs.selected_index = len(board.tabs.children) - 1
    assert board.plans.plan == build_plans(evaluate(caseload(SHEETS), as_of=AS_OF)).plans[0]
    assert "Diego H.docx" in board.plans.download.value
    assert ">Hi Diego, about your interview at Oakridge Landscaping" in board.plans.message.value
    assert 'lang="en"' in board.plans.preview.value
    board.plans.client.value = "C2"
    assert 'lang="fr"' in board.plans.preview.value
    board.plans.language.value = "en"
    assert board.plans.plan.language == "en" and board.plans.plan.client_id == "C2"
    board.choose_workers(["Priya Sharma"])
    assert plan_clients(board.report) == [("Diego Hernández", "C1")]
    assert board.plans.client.value == "C1" and board.plans.plan.client_id == "C1"


def test_a_stale_interview_asks_the_client_for_news_in_their_words():
    """The stale list's 'Close or follow up' is the worker's decision; the client's plan
    asks them whether the employer got back to them (no 'left out' note)."""
    sheets = {**SHEETS, "Interviews": [
        *SHEETS["Interviews"],
        ["I4", "C4", "Noah Tremblay", "Priya Sharma", "Lakeside Garage", "Mechanic helper",
         date(2026, 8, 3), "905-555-0142", "", "Y", "", "EN", ""],
        ["I5", "C5", "Anaïs Roy", "Priya Sharma", "Café Lumière", "Serveuse",
         date(2026, 8, 3), "613-555-0142", "", "Y", "", "FR", ""]],
        "Interviewers": [*SHEETS["Interviewers"], ["I4", "Rita Moss", "", "2026-08-04"],
                         ["I5", "Luc Roy", "", "2026-08-04"]]}
    plans = build_plans(evaluate(caseload(sheets), as_of=AS_OF))
    assert not any("left out" in n for n in plans.notes)
    noah, anais = plans.find("C4"), plans.find("C5")
    assert [(x.title, x.when, x.why) for x in noah.steps] == [(
        "Tell us if Lakeside Garage got back to you", "today, Friday 20 November",
        "It has been a long time with no news. If they said no, we can close it. "
        "If not, a call can still help.")]
    assert [x.title for x in anais.steps] == ["Dites-nous si Café Lumière vous a répondu"]
    assert plans.messages().set_index("Client ID").loc["C4", "Message"] == (
        "Hi Noah, about your interview at Lakeside Garage: tell us if Lakeside Garage got "
        "back to you today, Friday 20 November. Your plan has the rest. - Priya")
    assert textstat.flesch_kincaid_grade(noah.text()) <= 8
