"""Hostile and broken files: each fails fast with one clear line, or loads correctly.

Every file is generated here (tests/hostile/corpus.py). Each case states its
outcome, its message and a time ceiling; the big ones run in a child process
whose peak memory is asserted too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from followkit import build_report, evaluate, load_caseload
from followkit.core.errors import UnreadableFileError
from tests.hostile import corpus

AS_OF = date(2026, 11, 27)

REFUSED = [
    (corpus.entity_bomb, "declares XML entities, which spreadsheet programs never write"),
    (corpus.external_entity, "declares XML entities"),
    (corpus.truncated, "damaged or incomplete"),
    (corpus.encrypted, "password-protected; save an unprotected copy"),
    (corpus.csv_named_xlsx, "the name says .xlsx but the content is a text or web page file"),
    (corpus.html_named_xlsx, "the content is a text or web page file"),
    (corpus.html_named_csv, "this is a web page, not a spreadsheet"),
    (corpus.lock_file, "Excel's lock file, not the tracker"),
    (corpus.empty_file, "the file is empty"),
]


@pytest.mark.parametrize(("build", "message"), REFUSED, ids=lambda x: getattr(x, "__name__",
                                                                              ""))
def test_refused_fast_with_one_clear_line(build, message, tmp_path):
    path = build(tmp_path)
    start = time.perf_counter()
    with pytest.raises(UnreadableFileError, match=message) as caught:
        load_caseload(path)
    assert time.perf_counter() - start < 5
    text = str(caught.value)
    assert "\n" not in text and path.name in text
    assert "password" not in text.lower() or "unprotected copy" in text  # never asks for it


def _load(path: Path):
    c = load_caseload(path)
    build_report(c, evaluate(c, as_of=AS_OF), as_of=AS_OF)  # evaluates end to end
    return c


def test_header_only_workbook_loads_empty(tmp_path):
    c = _load(corpus.header_only(tmp_path))
    assert len(c.interviews) == 0 and c.issues.empty


def test_hidden_first_sheet_is_skipped_and_listed(tmp_path):
    c = _load(corpus.hidden_first_sheet(tmp_path))
    assert c.interviews["Interview ID"].tolist() == ["I1", "I2"]
    assert c.skipped_sheets == ("Old (hidden)",)


def test_title_rows_above_the_header(tmp_path):
    c = _load(corpus.title_rows(tmp_path))
    assert c.interviews["_row"].tolist() == [4, 5]


def test_merged_cells_fill_their_rows_and_are_reported(tmp_path):
    c = _load(corpus.merged_cells(tmp_path))
    assert c.interviews["Worker"].tolist() == ["Sam", "Sam", "Sam"]
    merged = c.issues[c.issues["Problem"].str.startswith("merged cells D2:D4")]
    assert merged["Row"].tolist() == [3, 4]


@pytest.mark.parametrize("build", [corpus.old_xls, corpus.macro_xlsm, corpus.dates_1904,
                                   corpus.csv_cp1252, corpus.csv_bom],
                         ids=lambda b: b.__name__)
def test_other_formats_read_the_same_values(build, tmp_path):
    start = time.perf_counter()
    c = _load(build(tmp_path))
    assert time.perf_counter() - start < 5
    iv = c.interviews
    assert iv["Client ID"].tolist() == ["007", "008"]  # IDs stay text
    assert iv["Client Name"].tolist() == ["Zoë Côté", "NA"]  # "NA" is a name, not missing
    assert iv["Interview Date"].tolist() == [pd.Timestamp("2026-11-20"),
                                             pd.Timestamp("2026-11-23")]


# --- the big ones: a child process, with time and peak memory asserted ----------------

_CHILD = """
import json, resource, sys, time
start = time.perf_counter()
try:
    from followkit import load_caseload
    c = load_caseload(sys.argv[1])
    outcome, detail = "ok", len(c.interviews)
except Exception as e:
    outcome, detail = type(e).__name__, str(e)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"outcome": outcome, "detail": detail, "seconds": time.perf_counter() - start,
                  "peak_mb": peak}))
"""


def _in_child(path: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True,
                          text=True, timeout=120, check=True,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])})
    return json.loads(done.stdout)


@pytest.mark.parametrize(
    ("build", "outcome", "detail", "seconds", "peak_mb"),
    [
        (corpus.zip_bomb, "UnreadableFileError", "would inflate to 600 MB", 10, 400),
        (corpus.two_million_rows, "UnreadableFileError", "more than 500,000 rows", 20, 900),
        (corpus.huge_formatted_range, "ok", 300, 20, 600),
    ],
    ids=["zip_bomb", "two_million_rows", "huge_formatted_range"],
)
def test_big_files_within_time_and_memory(build, outcome, detail, seconds, peak_mb, tmp_path):
    path = build(tmp_path)
    result = _in_child(path)
    print(f"{path.name}: {path.stat().st_size / 1024:.0f} KB on disk -> {result}")
    assert result["outcome"] == outcome
    if isinstance(detail, str):
        assert detail in result["detail"]
    else:
        assert result["detail"] == detail
    assert result["seconds"] < seconds
    assert result["peak_mb"] < peak_mb
