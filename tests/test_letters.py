from datetime import date
from urllib.parse import parse_qs, unquote, urlsplit

import docx
import openpyxl
import pytest

from followkit import build_report, compute_actions, evaluate
from followkit.cli import main
from followkit.reading.validate import email_matches_name, odd_capitals
from followkit.report.letters import (
    DEFAULT_TEMPLATE,
    WHY_ME_MISSING,
    TemplateError,
    call_scripts,
    in_words,
    load_template,
    mailto,
    thank_you_drafts,
    write_letters,
)
from followkit.report.workbook import write_report
from tests.conftest import INTERVIEW_HEADER, caseload, interview, template

AS_OF = date(2026, 11, 27)


def sheets(why_me="", people=None, calls=None):
    sheets = template([interview("I1", date(2026, 11, 26), name="Ana Lima",
                                 employer="Maple Grocers", position="Cashier")],
                      people if people is not None else [
                          ["I1", "Sofia Rossi", "sofia.rossi@maple.example", ""],
                          ["I1", "Raj Patel", "", "Y"]],
                      calls)
    if why_me:
        sheets["Interviews"][0] = [*INTERVIEW_HEADER, "Strengths"]
        sheets["Interviews"][1] = [*sheets["Interviews"][1], why_me]
    return sheets


def drafts_for(s, as_of=AS_OF):
    c = caseload(s)
    return thank_you_drafts(c, compute_actions(c, as_of=as_of))


def test_one_draft_per_open_thank_you_none_for_sent():
    drafts = drafts_for(sheets())
    assert drafts["Interviewer"].tolist() == ["Sofia Rossi"]  # Raj's was sent


@pytest.mark.parametrize(
    ("why_me", "sentence"),
    [("", WHY_ME_MISSING),
     ("two years of volunteer experience serving customers",
      "I believe I would be a great fit: two years of volunteer experience serving customers."),
     ("I am reliable and punctual", "I am reliable and punctual.")],
)
def test_draft_wording(why_me, sentence):
    draft = drafts_for(sheets(why_me)).iloc[0]
    assert draft["Subject"] == "Thank you for the interview: Cashier"
    assert draft["Body"].startswith("Dear Sofia Rossi,\n\nThank you for taking the time to meet "
                                    "with me on Thursday, November 26, 2026 to discuss the "
                                    "Cashier position at Maple Grocers.")
    assert f"\n\n{sentence}\n\n" in draft["Body"]
    assert draft["Body"].endswith("Sincerely,\nAna Lima")


def test_in_words():
    assert in_words(date(2026, 11, 26)) == "Thursday, November 26, 2026"


@pytest.mark.parametrize(
    ("subject", "body"),
    [("Merci, José", "Dear O'Brien & Co,\nline two\n\nAccents: é à ç"),
     ("a&b=c?d", "100% sure #1"), ("plain", "")],
)
def test_mailto_encoding_round_trips(subject, body):
    url = mailto("josé.o'brien@x.example", subject, body)
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    assert unquote(parts.path) == "josé.o'brien@x.example"
    query = parse_qs(parts.query, keep_blank_values=True)
    assert query["subject"] == [subject]
    assert query["body"] == [body.replace("\n", "\r\n")]
    assert " " not in url and "\n" not in url


def test_mailto_is_shortened_to_what_mail_clients_accept():
    url = mailto("a@b.example", "s", "word " * 2000)
    assert len(url) <= 2000
    assert unquote(url).endswith("[...]")


@pytest.mark.parametrize(("name", "odd"), [("raj patel", True), ("RAJ PATEL", True),
                                           ("Raj patel", True), ("Raj Patel", False),
                                           ("Anna-Maria de la Cruz", False), ("Li", False)])
def test_odd_capitals(name, odd):
    assert odd_capitals(name) is odd


@pytest.mark.parametrize(("email", "name", "ok"), [
    ("sofia.rosi@maple.example", "Sofia Rossi", False),
    ("sofia.rossi@maple.example", "Sofia Rossi", True),
    ("srossi@maple.example", "Sofia Rossi", True),
    ("hr@maple.example", "Sofia Rossi", True),
    ("jose.silva@maple.example", "José Silva", True),
])
def test_email_matches_name(email, name, ok):
    assert email_matches_name(email, name) is ok


def test_name_warnings_are_shown_beside_the_draft_and_never_change_the_name():
    drafts = drafts_for(sheets(people=[["I1", "sofia rossi", "sofia.rosi@maple.example", ""]]))
    draft = drafts.iloc[0]
    assert draft["Interviewer"] == "sofia rossi"
    assert draft["Body"].startswith("Dear sofia rossi,")
    assert "odd capital letters" in draft["Name Warnings"]
    assert "email does not match the name 'sofia rossi'" in draft["Name Warnings"]


def test_letters_written_as_docx_with_exact_names(tmp_path):
    drafts = drafts_for(sheets(people=[["I1", "Sofia Rossi", "", ""],
                                       ["I1", "Jonathan Smythe", "", ""]]))
    paths = write_letters(drafts, tmp_path)
    assert [p.name for p in paths] == ["Ana Lima - Maple Grocers - Sofia Rossi.docx",
                                       "Ana Lima - Maple Grocers - Jonathan Smythe.docx"]
    text = "\n".join(p.text for p in docx.Document(str(paths[1])).paragraphs)
    assert "Dear Jonathan Smythe," in text
    assert "Cashier" in text and "Thursday, November 26, 2026" in text
    assert (tmp_path / "index.csv").read_text(encoding="utf-8-sig").count("\n") == 3


def test_file_names_are_safe_and_unique():
    drafts = drafts_for(template(
        [interview("I1", date(2026, 11, 26), name='Ana: "A/B"', employer="Maple*")],
        [["I1", "CON", "", ""], ["I1", "CON", "", ""]]))
    assert drafts["File Name"].tolist() == ["Ana A B - Maple - _CON.docx",
                                            "Ana A B - Maple - _CON (2).docx"]


@pytest.mark.parametrize(
    ("content", "message"),
    [('subject = "Hi {intervewer}"\nbody = "x"', r"line 1: unknown placeholder \{intervewer\}"),
     ('subject = "Hi"\nbody = "a\\nb {client!r}"', r"line 2: unknown placeholder \{client\}"),
     ('subject = "Hi"', r"the template needs a 'body' text"),
     ('subject = "Hi"\nbody = "{client"', r"expected '\}' before end of string"),
     ('subject = "Hi"\nbody = "x"\nfooter = "y"', r"unknown key 'footer'")],
)
def test_template_errors_name_the_problem(tmp_path, content, message):
    path = tmp_path / "wording.toml"
    path.write_text(content)
    with pytest.raises(TemplateError, match=message):
        load_template(path)


def test_agency_template_is_used(tmp_path):
    path = tmp_path / "wording.toml"
    path.write_text('subject = "Merci {interviewer}"\nbody = "Bonjour {interviewer}, '
                    '{client_first_name} ({worker})"\n')
    c = caseload(sheets())
    drafts = thank_you_drafts(c, compute_actions(c, as_of=AS_OF), template=load_template(path))
    assert drafts["Subject"].tolist() == ["Merci Sofia Rossi"]
    assert drafts["Body"].tolist() == ["Bonjour Sofia Rossi, Ana (Sam)"]
    assert DEFAULT_TEMPLATE.subject.startswith("Thank you")


@pytest.mark.parametrize(
    ("as_of", "ending"),
    [(date(2026, 12, 4), "Next call: Thu 10 Dec 2026. Not before Sat 5 Dec 2026 (leave at "
                         "least 2 days between calls)."),
     (date(2026, 12, 10), "Next call: Thu 10 Dec 2026 (due today)."),
     (date(2026, 12, 14), "Next call: Thu 10 Dec 2026 (overdue: call today).")],
)
def test_call_script(as_of, ending):
    s = sheets(calls=[["I1", "2026-11-30", "left voicemail"], ["I1", "2026-12-03", ""]])
    s["Interviews"][0] = [*INTERVIEW_HEADER, "Employer Phone"]
    s["Interviews"][1] = [*s["Interviews"][1], "(905) 555-0101"]
    c = caseload(s)
    actions = compute_actions(c, as_of=as_of)
    calls = actions[actions["Action"] == "Follow-up call"]
    script = call_scripts(c, calls, as_of=as_of).iloc[0]
    assert script == (
        "Call Maple Grocers at (905) 555-0101 and ask for Sofia Rossi or Raj Patel. "
        "\"Hello, this is Ana Lima. I interviewed on Thursday, November 26, 2026 for the "
        "Cashier position. I'm calling to ask whether you have made your selection. I remain "
        "very interested in the job.\" Calls so far: Mon 30 Nov 2026 (left voicemail); "
        "Thu 3 Dec 2026. " + ending)


def test_report_has_draft_links_and_call_scripts(tmp_path):
    c = caseload(sheets(calls=[["I1", "2026-11-30", "no answer"]]))
    as_of = date(2026, 12, 1)
    rep = build_report(c, evaluate(c, as_of=as_of), as_of=as_of)
    wb = openpyxl.load_workbook(write_report(rep, tmp_path / "r.xlsx"))
    ws = wb["Thank-Yous"]
    col = [c.value for c in ws[1]].index("Draft Email") + 1
    cell = ws.cell(row=2, column=col)
    assert cell.value == "Draft email"
    assert cell.hyperlink.target.startswith("mailto:sofia.rossi@maple.example?subject=")
    calls = wb["Calls"]
    script = calls.cell(row=2, column=[c.value for c in calls[1]].index("Call Script") + 1)
    assert script.value.startswith("Call Maple Grocers at (no phone number recorded)")


def test_sample_data_gets_a_letter_for_every_open_thank_you(tmp_path, capsys):
    tracker = tmp_path / "t.xlsx"
    assert main(["sample", str(tracker), "--clients", "30", "--as-of", "2026-11-20"]) == 0
    assert main(["letters", str(tracker), "--as-of", "2026-11-20", "-o",
                 str(tmp_path / "letters")]) == 0
    from followkit import run_report

    report = run_report(tracker, as_of=date(2026, 11, 20)).report
    open_thanks = report.thank_yous[report.thank_yous["Action"] == "Send thank-you"]
    letters = sorted(p for p in (tmp_path / "letters").glob("*.docx"))
    assert len(letters) == len(open_thanks) > 0
    assert "thank-you letter(s) and index.csv" in capsys.readouterr().out
