"""Every tracker of the corpus (tests/tracker_corpus.py) read and evaluated exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from followkit.reading.load import load_caseloads
from followkit.rules.engine import evaluate
from tests.conftest import write_xlsx
from tests.tracker_corpus import AS_OF, CORPUS, FOLDER, Tracker


def _write(tracker: Tracker, folder: Path) -> Path:
    path = folder / tracker.name
    if tracker.name == "per_client_folder":
        path.mkdir()
        for name, text in FOLDER.items():
            (path / name).write_text(text, encoding="utf-8")
    elif tracker.csv:
        path.write_text(tracker.csv, encoding="utf-8")
    else:
        write_xlsx(path, tracker.sheets)
    return path


def counts(tracker: Tracker, tmp_path: Path) -> dict[str, object]:
    c = load_caseloads([_write(tracker, tmp_path)], client=tracker.client, as_of=AS_OF)
    actions = evaluate(c, as_of=AS_OF)
    severity = c.issues["Severity"]
    return {
        "interviews": len(c.interviews), "evaluated": int(c.interviews["_ok"].sum()),
        "applications": int((c.listed["Kind"] == "Application").sum()),
        "listed": int((c.listed["Kind"] == "Listed opportunity").sum()),
        "errors": int((severity == "error").sum()),
        "warnings": int((severity == "warning").sum()),
        "open_actions": int(actions.is_open().sum()),
        "skipped": c.skipped_sheets,
    }


@pytest.mark.parametrize("tracker", CORPUS, ids=lambda t: t.name)
def test_corpus_tracker(tracker, tmp_path):
    got = counts(tracker, tmp_path)
    e = tracker.expected
    assert {k: v for k, v in got.items() if k != "skipped"} == {
        "interviews": e.interviews, "evaluated": e.evaluated,
        "applications": e.applications, "listed": e.listed, "errors": e.errors,
        "warnings": e.warnings, "open_actions": e.open_actions}
    assert len(got["skipped"]) == len(e.skipped)
    for note, prefix in zip(got["skipped"], e.skipped, strict=True):
        assert note.startswith(prefix)
