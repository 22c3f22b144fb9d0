"""Property: whatever the cells, loading never crashes and conserves interview rows."""

import io
import re
from datetime import date

import openpyxl
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followkit.core.schema import INTERVIEWS
from followkit.reading.values import cell_text, strip_control
from followkit.reading.vocab import is_placeholder
from followkit.report.build import build_report
from followkit.report.workbook import report_bytes
from followkit.rules.engine import evaluate
from tests.conftest import caseload

REQUIRED = {c.name: c for c in INTERVIEWS.required}
OPTIONAL = [c for c in INTERVIEWS.columns if not c.required]

cells = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "Y", "no", "2026-11-20", "20/11/2026", "05/03/2026", "hired",
                     "rejected", "=1+1", "-3", "@x", "31/02/2026", "Offer", "NA", "None"]),
    st.dates(min_value=date(1980, 1, 1), max_value=date(2110, 1, 1)),
    st.integers(min_value=-5, max_value=80000),
    st.floats(allow_nan=True, allow_infinity=False, width=32),
    st.booleans(),
)


@st.composite
def trackers(draw):
    headers = [draw(st.sampled_from(c.keys and (c.name, *c.synonyms))) for c in
               REQUIRED.values()]
    extra = draw(st.lists(st.sampled_from(OPTIONAL), unique_by=lambda c: c.name, max_size=6))
    headers += [draw(st.sampled_from((c.name, *c.synonyms))) for c in extra]
    headers.append("My Own Column")
    # Synonyms of different columns can collide ("Date"); keep the first of each.
    headers = list(dict.fromkeys(headers))
    rows = draw(st.lists(st.lists(cells, min_size=len(headers), max_size=len(headers)),
                         min_size=1, max_size=12))
    return headers, rows


def _ooxml_text(value):
    """Decode OOXML's _xHHHH_ escapes (Excel decodes them; openpyxl leaves them)."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m[1], 16)), value)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trackers(), st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)))
def test_loader_conserves_rows_and_never_crashes(tracker, as_of):
    headers, rows = tracker
    try:
        c = caseload({"Interviews": [headers, *rows]})
    except Exception as e:  # only the documented, user-facing errors are allowed
        from followkit.core.errors import FollowkitError

        assert isinstance(e, FollowkitError), e
        return
    non_blank = [r for r in rows if any(
        not (isinstance(v, str) and not v.strip()) and not (isinstance(v, float) and v != v)
        for v in r)]
    placeholders = [r for r in non_blank if all(
        is_placeholder(cell_text(v)) for v in r if cell_text(v))]
    # SPEC §3: every row is an interview (evaluated or an error) or, on a sheet that
    # lists applications too, an application or listed opportunity.
    # (an interview held in several rounds, as stage columns, is one row per round)
    interview_rows = set(c.interviews["_row"])
    assert len(interview_rows) + len(c.listed) == len(non_blank) - len(placeholders)
    assert not set(c.listed["Row"]) & interview_rows
    errors = c.issues[c.issues["Severity"] == "error"]
    not_ok = c.interviews.loc[~c.interviews["_ok"], "_row"]
    assert set(not_ok) <= set(errors["Row"])  # each unevaluated row is explained
    actions = evaluate(c, as_of=as_of)
    report = build_report(c, actions, as_of=as_of)
    assert len(report.interviews) == len(c.interviews)
    assert pd.api.types.is_datetime64_any_dtype(actions.frame()["Due Date"])
    for name in ("To Do", "Thank-Yous", "Calls"):  # text built for some rows = the same rows
        whole = report.table(name)
        rows = list(range(len(whole)))[::-1]
        pd.testing.assert_frame_equal(report.table(name, rows=rows),
                                      whole.iloc[rows].reset_index(drop=True))
    # Every text cell comes through the written report exactly (control
    # characters are removed on load, and reported).
    wb = openpyxl.load_workbook(io.BytesIO(report_bytes(report)), read_only=True)
    sheet = list(wb["Interviews"].iter_rows(values_only=True))
    written = dict(zip(sheet[0], zip(*sheet[1:], strict=True), strict=False)) if len(
        sheet) > 1 else {}
    for header in dict.fromkeys(c.original.columns):
        expected = [strip_control(v) for v in c.original[header]
                    if isinstance(v, str) and v != ""]
        got = [_ooxml_text(v) for v in written.get(header, ()) if isinstance(v, str)]
        assert got == expected, header
