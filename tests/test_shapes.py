"""The tracker shapes of issue #21 (tests/shape_corpus.py), each read exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from followkit.core import schema as s
from followkit.reading.load import load_caseloads
from followkit.rules.engine import evaluate
from tests.conftest import write_xlsx
from tests.shape_corpus import AS_OF, SHAPES, Shape


def _write(shape: Shape, folder: Path) -> Path:
    path = folder / shape.name
    if shape.csv:
        path.write_text(shape.csv, encoding="utf-8")
    else:
        write_xlsx(path, shape.sheets)
    return path


def _read(shape: Shape, folder: Path) -> dict[str, object]:
    c = load_caseloads([_write(shape, folder)], as_of=AS_OF)
    actions = evaluate(c, as_of=AS_OF)
    severity = c.issues["Severity"]
    latest = c.interviews.drop_duplicates(s.INTERVIEW_ID)
    return {
        "interviews": len(c.interviews),
        "applications": int((c.listed["Kind"] == "Application").sum()),
        "errors": int((severity == "error").sum()),
        "warnings": int((severity == "warning").sum()),
        "open_actions": int(actions.is_open().sum()),
        "outcomes": dict(zip(latest[s.EMPLOYER], latest[s.OUTCOME], strict=True)),
        "skipped": list(c.skipped_sheets),
        "problems": list(c.issues.loc[severity == "warning", "Problem"]),
    }


def _check(shape: Shape, tmp_path: Path) -> None:
    got = _read(shape, tmp_path)
    e = shape.expected
    assert {k: got[k] for k in ("interviews", "applications", "errors", "warnings",
                                "open_actions", "outcomes")} == {
        "interviews": e.interviews, "applications": e.applications, "errors": e.errors,
        "warnings": e.warnings, "open_actions": e.open_actions, "outcomes": e.outcomes}
    skipped = got["skipped"]
    assert isinstance(skipped, list | tuple) and len(skipped) == len(e.skipped), skipped
    for note, prefix in zip(skipped, e.skipped, strict=True):
        assert note.startswith(prefix), note
    problems = got["problems"]
    assert isinstance(problems, list)
    for problem, part in zip(problems, e.problems, strict=True):
        assert part in problem


@pytest.mark.parametrize("shape", SHAPES, ids=lambda t: t.name)
def test_shape(shape: Shape, tmp_path: Path) -> None:
    _check(shape, tmp_path)

