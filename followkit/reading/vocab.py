"""The words trackers use, declared once: statuses, activities, placeholders, empties.

Every vocabulary here is data: a table of words per meaning. The rules that
match them live beside them: normalise (:func:`word_key` drops case, accents,
punctuation, emoji and repeated letters), compare with the declared words,
and only then try a fuzzy match that must be genuinely close. An agency adds
its own words through the policy file (``[statuses]`` table, see
:func:`extend_statuses`).
"""

from __future__ import annotations

import functools
import os
import re
import string
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum

from followkit.core.schema import HIRED, NOT_SELECTED, OFFER, PENDING, WITHDRAWN


class Stage(Enum):
    """What a status word says about where an application stands."""

    LISTED = "not applied yet"  # saved to apply later: a listed opportunity
    APPLIED = "application"  # applied, no interview yet
    INTERVIEWING = "interviewing"  # an interview is booked or held; waiting
    OFFER = "offer"
    HIRED = "hired"
    NOT_SELECTED = "not selected"
    WITHDRAWN = "withdrawn"
    NO_ANSWER = "closed without answer"
    QUIET = "employer gone quiet"  # no news from the employer: still open (issue #21)


# The Outcome an interview gets from each stage. "Closed without answer" closes
# the interview like a refusal: nobody is waiting for a decision any more. "Ghosted"
# or "No response" is still open (issue #21, over SPEC §2.1): the employer has gone
# quiet, the follow-up calls go on (not daily), and the Details say so.
OUTCOME_OF: dict[Stage, str] = {
    Stage.LISTED: PENDING, Stage.APPLIED: PENDING, Stage.INTERVIEWING: PENDING, Stage.OFFER: OFFER,
    Stage.HIRED: HIRED, Stage.NOT_SELECTED: NOT_SELECTED, Stage.WITHDRAWN: WITHDRAWN,
    Stage.NO_ANSWER: NOT_SELECTED, Stage.QUIET: PENDING,
}

STATUS_WORDS: dict[Stage, tuple[str, ...]] = {
    Stage.APPLIED: (
        "applied", "application", "submitted", "application submitted", "application filed",
        "application sent", "application received", "app submitted", "email sent",
        "cold email", "sent", "under review", "in review", "reviewing", "resume sent",
        "cv sent", "waitlisted", "waitlist", "wait listed",
        "online assessment", "assessment", "coding challenge", "screening", "shortlisted",
        "resume with recruiter", "registered", "follow up sent", "follow-up sent",
    ),
    Stage.LISTED: (
        "wishlist", "wish list", "saved", "bookmarked", "interested", "to apply",
        "not applied", "not applied yet", "draft", "researching", "considering",
        "prospect", "want to apply", "planning to apply", "not started", "applying",
        "lead", "opportunity",
    ),
    Stage.INTERVIEWING: (
        "", "pending", "interviewing", "interview", "interviewed", "interview scheduled",
        "interview booked", "interview done", "interview completed", "awaiting response",
        "awaiting decision", "awaiting feedback", "waiting", "waiting to hear",
        "in progress", "ongoing", "open", "tbd", "no decision", "no decision yet",
        "second interview", "first round interview", "second round interview",
        "final interview", "final round", "phone screen", "phone interview",
        "assessment centre", "assessment center", "onsite", "on site",
        "client interview", "vendor interview", "next round", "moved forward",
        "moving forward", "cleared", "level 1", "cleared level 1", "1st round",
        "2nd round", "3rd round", "first round", "second round", "third round",
        "1st interview", "2nd interview", "3rd interview", "first interview",
        "technical interview", "hr interview", "hr screen", "recruiter screen",
        "recruiter call", "video interview", "in person interview", "panel interview",
        "take home", "case study", "invited to interview", "interview invite",
        "interview invitation", "interview request", "final", "superday",
        "references requested", "reference check", "background check",
        "on hold", "hold", "paused", "put on hold", "on hold by employer",
        "awaiting", "waiting for response", "waiting for feedback", "no decision",
        "in process", "active", "scheduled", "round", "interview round",
    ),
    Stage.OFFER: ("offer", "offered", "job offer", "offer made", "offer received",
                  "verbal offer", "conditional offer", "offer extended", "offer pending",
                  "got an offer", "received offer"),
    Stage.HIRED: ("hired", "accepted", "got the job", "started", "employed",
                  "offer accepted", "accepted offer", "placed", "working there"),
    Stage.NOT_SELECTED: (
        "not selected", "rejected", "rejection", "reject", "unsuccessful", "not hired",
        "not successful", "no offer", "declined", "declined by employer", "turned down",
        "not moving forward", "not progressing", "not progressed", "not proceeding",
        "did not proceed", "denied", "failed", "no longer considered", "regret",
        "rejected after interview", "rejection email", "rejection email call",
        "rejected after phone screen", "not shortlisted", "auto rejected",
        "position cancelled", "refused", "turned away", "didnt get it",
        "did not get it", "not offered", "unsuccessful application",
        "position canceled", "position cancelled by employer", "job cancelled", "job canceled",
        "role cancelled", "role canceled", "vacancy withdrawn", "hiring freeze",
    ),
    Stage.WITHDRAWN: (
        "withdrawn", "withdrew", "client withdrew", "declined offer", "offer declined",
        "cancelled", "canceled", "no show", "not pursued", "abandoned",
        "application abandoned", "not interested", "not a fit", "passed", "dropped",
        "interview declined", "i dont have required skills", "offer rejected",
        "rejected offer", "turned down offer", "no longer interested", "changed mind",
        "did not apply", "didnt apply", "skipped", "on hold by me",
        "bailed", "bailed out", "i said no", "i declined", "i withdrew", "said no",
        "withdrew application", "pulled out", "dropped out",
    ),
    Stage.QUIET: (
        "ghosted", "no response", "no reply", "no answer", "never heard back",
        "no news", "no word", "no reply yet", "no response yet", "heard nothing",
        "no feedback", "no callback", "no call back",
    ),
    Stage.NO_ANSWER: (
        "position no longer available", "position filled", "filled", "expired", "closed",
        "job closed", "posting closed", "role closed", "suspected ghost job", "ghost job",
        "position closed", "no longer available",
    ),
}

# A status word that on its own says an interview was booked or held: a row
# holding it without any date is an error (SPEC §2.1).
INTERVIEW_WORDS = ("interview", "onsite", "on site", "phone screen", "assessment centre",
                   "assessment center", "superday", "round")

ACTIVITY_INTERVIEW = ("interview", "interviewed", "job interview", "attended interview",
                      "phone interview", "video interview", "in person interview")
ACTIVITY_APPLICATION = ("applied for job", "applied", "application", "job application",
                        "submitted application", "submitted resume", "sent resume",
                        "online application", "applied online", "job fair", "networking",
                        "contacted employer", "email", "cold email")

# Flags: a column holding these (and little else) says whether a stage happened, never
# what the outcome was (issue #21). Compared by word_key; symbols are in FLAG_SYMBOLS.
FLAG_WORDS = ("yes", "no", "y", "n", "x", "true", "false", "done", "ja", "nein", "oui",
              "non", "si")
FLAG_SYMBOLS = frozenset("\u2713\u2714\u2715\u2716\u2717\u2718\u2610\u2611\u2612")

# Headers (as schema.normalize_header writes them) that say a sheet holds one row per
# interview round, beside its employer and date (issue #21).
ROUND_HEADERS = frozenset({"round", "roundnumber", "roundno", "interviewround", "roundtype",
                           "interviewtype", "type", "stage", "interviewstage"})

# Headers (normalised) of a column counting an application's interviews (issue #21).
INTERVIEW_COUNT_HEADERS = frozenset({
    "interviews", "numberofinterviews", "noofinterviews", "interviewcount",
    "interviewscount", "totalinterviews", "interviewsnumber", "ofinterviews"})

# Values that mean "nothing here" in any column (SPEC §2.1).
EMPTY_WORDS = frozenset({"na", "n/a", "n.a.", "-", "--", "\u2013", "\u2014", "none", "tbd",
                         "tba", "nil", "null", "?", "n / a", "not applicable"})
# Drop-down defaults of unfilled template rows.
PLACEHOLDER_WORDS = ("blank", "select", "select one", "select an option", "choose",
                     "choose one", "please select", "pick one", "dropdown", "drop down",
                     "click to select", "enter text", "type here",
                     "yyyy-mm-dd", "dd/mm/yyyy", "mm/dd/yyyy")

# How a template marks the rows that show how to fill it in (issue #21): an identifying
# cell (employer, position, client) starting with one of these words, or dates that are
# all a dummy such as 2000-01-01. Such rows are skipped and named on the Summary.
EXAMPLE_MARKERS = ("example", "e.g.", "sample", "for example", "for instance",
                   "dummy", "test row", "your company", "company name", "job title here")
DUMMY_DATES = frozenset({date(1900, 1, 1), date(1970, 1, 1), date(1999, 12, 31),
                         date(2000, 1, 1), date(2001, 1, 1)})

# The start of an identifying cell that marks an example row, case-insensitive:
# "EXAMPLE: Acme", "e.g. Big Store", "Sample Company"; never "Samples Inc" or "EG Motors".
EXAMPLE_START = re.compile(
    r"(?i)^\W*(?:e\.\s?g\b|" + "|".join(r"[\W_]*".join(map(re.escape, m.split()))
                              for m in EXAMPLE_MARKERS) + r")(?![a-z])")

_EMOJI_AND_SYMBOLS = re.compile(r"[^\w\s/'-]", re.UNICODE)
_REPEATS = re.compile(r"(.)\1{2,}")


@functools.lru_cache(maxsize=65536)
def word_key(text: object) -> str:
    """The comparison key of a word a person typed.

    Case, accents, emoji, punctuation, extra spaces and letters typed three
    or more times (``reeejected``) are dropped.

    >>> word_key("Rejection :( "), word_key("reeejected"), word_key("Accepted!")
    ('rejection', 'rejected', 'accepted')
    """
    decomposed = unicodedata.normalize("NFKD", str(text)).casefold()
    ascii_only = "".join(ch for ch in decomposed if ch.isascii())
    cleaned = _EMOJI_AND_SYMBOLS.sub(" ", ascii_only).replace("-", " ").replace("/", " ")
    cleaned = cleaned.replace("'", "")
    cleaned = _REPEATS.sub(r"\1", " ".join(cleaned.split()))
    return cleaned


def is_empty_word(text: str) -> bool:
    """Whether a cell's text means "nothing" (``n/a``, ``-``, ``none``, ``tbd``)."""
    return text.strip().casefold() in EMPTY_WORDS or word_key(text) in _EMPTY_KEYS


_EMPTY_KEYS = frozenset(word_key(w) for w in EMPTY_WORDS if word_key(w))
_PLACEHOLDER_KEYS = frozenset(word_key(w) for w in PLACEHOLDER_WORDS)


# word_key keeps every ASCII letter and digit of a text (lower-cased): a text holding
# one that no default's key has is not a default, and needs no key (IDs, most names).
_NOT_PLACEHOLDER = re.compile("[" + "".join(
    ch + ch.upper() for ch in string.ascii_lowercase + string.digits
    if ch not in "".join(_PLACEHOLDER_KEYS)) + "]")


def is_placeholder(text: str) -> bool:
    """Whether a cell holds a drop-down default (``Blank``, ``Select…``), not data."""
    if _NOT_PLACEHOLDER.search(text):
        return False
    return word_key(text) in _PLACEHOLDER_KEYS


@dataclass(frozen=True)
class StatusMatch:
    """What a status cell was read as."""

    stage: Stage | None  # None: unknown word
    suggestion: Stage | None = None  # a genuinely close known word's stage
    suggested_word: str = ""


@dataclass(frozen=True)
class Vocabulary:
    """The status words by comparison key; build one with :func:`status_vocabulary`."""

    words: Mapping[str, Stage]

    def match(self, text: str) -> StatusMatch:
        """Read one status cell: exact key, then known words inside it, then a close word."""
        key = word_key(text)
        if key in self.words:
            return StatusMatch(self.words[key])
        if key.endswith("s") and key[:-1] in self.words:  # "Rejections"
            return StatusMatch(self.words[key[:-1]])
        bare = " ".join(w for w in key.split() if not w.isdigit())  # "Round 2"
        if bare and bare != key and bare in self.words:
            return StatusMatch(self.words[bare])
        inside = self._inside(key)
        return StatusMatch(inside) if inside is not None else self._close(key)

    def _inside(self, key: str) -> Stage | None:
        """The stage of the known words inside a longer cell ("Vendor interview
        scheduled", "Rejected - too junior"): a closing word wins over an open one
        (it is the later news); two different closing words are no answer."""
        padded = f" {key} "
        # A phrase of two words or more, or a single closing word ("rejected"): a lone
        # open word ("waiting on HR") is too little to go by.
        found = {stage for word, stage in self.words.items()
                 if len(word) > 3 and f" {word} " in padded and (
                     " " in word or stage in _CLOSED or stage is Stage.QUIET)}
        closed = found & _CLOSED
        if len(closed) == 1:
            return closed.pop()
        if closed:
            return None
        for stage in (Stage.OFFER, Stage.QUIET, Stage.INTERVIEWING, Stage.APPLIED,
                      Stage.LISTED):
            if stage in found:
                return stage
        return None

    def _close(self, key: str) -> StatusMatch:
        from rapidfuzz import fuzz, process

        # Every word of the cell must be accounted for by the known phrase: a
        # close spelling ("Rejectd"), never a different word that shares letters.
        best = process.extractOne(key, list(self.words), scorer=fuzz.ratio,
                                  score_cutoff=_CLOSE_ENOUGH)
        if best is not None and _same_shape(key, best[0]):
            return StatusMatch(None, self.words[best[0]], best[0])
        return StatusMatch(None)


_CLOSED = frozenset({Stage.HIRED, Stage.NOT_SELECTED, Stage.WITHDRAWN, Stage.NO_ANSWER})
# A suggestion is made only at this similarity (rapidfuzz ratio, 0-100) and when
# the two have the same number of words: "Hirred" -> hired, never "Applied" -> withdrawn.
_CLOSE_ENOUGH = 80


def _same_shape(a: str, b: str) -> bool:
    return len(a.split()) == len(b.split()) and a[:1] == b[:1]


def status_vocabulary(extra: Mapping[str, str] | None = None) -> Vocabulary:
    """The declared status words, plus an agency's own (word -> stage name or Outcome).

    >>> status_vocabulary({"placed with employer": "hired"}).match("Placed with employer!")
    StatusMatch(stage=<Stage.HIRED: 'hired'>, suggestion=None, suggested_word='')
    """
    words = {word_key(w): stage for stage, ws in STATUS_WORDS.items() for w in ws}
    for word, meaning in (extra or {}).items():
        words[word_key(word)] = stage_named(meaning)
    return Vocabulary(words)


def stage_named(name: str) -> Stage:
    """The :class:`Stage` named by a policy file: a stage or an Outcome name."""
    key = word_key(name)
    for stage in Stage:
        if key in (word_key(stage.value), word_key(stage.name)):
            return stage
    for stage, outcome in OUTCOME_OF.items():
        if key == word_key(outcome) and stage is not Stage.NO_ANSWER:
            return stage
    raise ValueError(
        f"unknown status meaning {name!r}; use one of "
        f"{', '.join(repr(s.value) for s in Stage)}")


DEFAULT_VOCABULARY = status_vocabulary()


def says_interview(text: str) -> bool:
    """Whether a status word itself says an interview was booked or held."""
    key = word_key(text)
    return any(word_key(w) in key for w in INTERVIEW_WORDS)


_ACTIVITY_INTERVIEW = frozenset(word_key(w) for w in ACTIVITY_INTERVIEW)
_ACTIVITY_APPLICATION = frozenset(word_key(w) for w in ACTIVITY_APPLICATION)


def activity_kind(text: str) -> str:
    """``"interview"``, ``"application"``, ``"thank-you"``, ``"call"``, ``"other"`` or
    ``""`` for an activity-log type cell."""
    key = word_key(text)
    if not key:
        return ""
    if key in _ACTIVITY_INTERVIEW or "interview" in key.split():
        return "interview"
    if key in _ACTIVITY_APPLICATION or key.startswith(("appl", "submit")):
        return "application"
    words = key.split()
    # A thank-you or a call to an employer: linked to the interview it follows when there
    # is one (followkit.reading.activity_links, what `followkit record` writes); else as "other".
    if any(w.startswith("thank") for w in words):
        return "thank-you"
    if any(w in ("call", "called", "phoned", "phone") for w in words) or key.startswith(
            "follow up"):
        return "call"
    return "other"


def read_statuses(path: str | os.PathLike[str]) -> dict[str, str]:
    """An agency's own status words from its policy file's ``[statuses]`` table
    (``"placed with employer" = "hired"``); the meanings are stage or Outcome names.
    A file without the table gives none; a meaning not known is an error."""
    from followkit.core.errors import PolicyError
    from followkit.core.io import read_toml

    table = read_toml(path).get("statuses", {})
    if not isinstance(table, dict):
        raise PolicyError(f"{str(path)!r}: [statuses] holds lines like "
                          '"placed with employer" = "hired"')
    for word, meaning in table.items():
        try:
            stage_named(str(meaning))
        except ValueError as e:
            raise PolicyError(f"{str(path)!r}, [statuses] {word!r}: {e}") from e
    return {str(k): str(v) for k, v in table.items()}
