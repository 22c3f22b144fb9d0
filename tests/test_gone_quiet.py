"""Ghosted / No response (issue #21 item 9, over SPEC §2.1): the interview stays open,
its follow-up calls go on, and their Details say the employer has gone quiet."""

from __future__ import annotations

from datetime import date

import pytest

from followkit.reading.vocab import DEFAULT_VOCABULARY, OUTCOME_OF, Stage
from followkit.rules import engine as r
from followkit.rules.details import GONE_QUIET
from followkit.rules.engine import evaluate
from tests.conftest import caseload, interview, template

AS_OF = date(2026, 11, 20)


@pytest.mark.parametrize("word", ["Ghosted", "No Response", "no reply", "No answer",
                                  "Never heard back", "no response yet",
                                  "Ghosted after 2nd round", "No response - chased twice"])
def test_an_employer_gone_quiet_is_pending(word):
    stage = DEFAULT_VOCABULARY.match(word).stage
    assert stage is Stage.QUIET and OUTCOME_OF[stage] == "Pending"


@pytest.mark.parametrize("word, outcome", [("Position filled", "Not Selected"),
                                           ("Job closed", "Not Selected"),
                                           ("Ghosted, then rejected", "Not Selected"),
                                           ("Bailed", "Withdrawn")])
def test_closing_words_still_close(word, outcome):
    assert OUTCOME_OF[DEFAULT_VOCABULARY.match(word).stage] == outcome


def test_the_calls_go_on_and_say_the_employer_has_gone_quiet():
    c = caseload(template([
        interview("I1", date(2026, 11, 2), outcome="Ghosted"),
        interview("I2", date(2026, 11, 2), client="C2", name="Omar Haddad",
                  outcome="Pending"),
        interview("I3", date(2026, 11, 2), client="C3", name="Li Wei",
                  outcome="Position filled")], [], []))
    assert c.interviews["Outcome"].tolist() == ["Pending", "Pending", "Not Selected"]
    assert c.issues.empty  # a known word: no warning
    calls = evaluate(c, as_of=AS_OF).frame()
    calls = calls[calls[r.ACTION] == r.FOLLOW_UP_CALL].set_index("Interview ID")
    first = "first call: interview Mon 2 Nov 2026 + 7 days; no calls logged yet"
    assert calls.loc["I1", r.DETAILS] == f"{first}; {GONE_QUIET}"
    assert calls.loc["I2", r.DETAILS] == first
    assert calls.loc[["I1", "I2", "I3"], r.STATUS].tolist() == [
        "Overdue", "Overdue", "Not needed"]
    assert GONE_QUIET == ("the tracker says the employer has gone quiet (no answer yet): "
                          "keep calling about once a week, not daily, and keep job hunting")
