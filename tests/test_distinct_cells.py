"""The reader's "each distinct cell once" shortcuts give what a cell-by-cell pass gives."""

from datetime import date, datetime

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from followkit.core.cells import cell_text
from followkit.reading.values import (
    column_order,
    distinct,
    map_each,
    parse_date_cell,
    parse_dates,
    strip_control,
    text_column,
)
from followkit.reading.vocab import PLACEHOLDER_WORDS, is_placeholder, word_key

CELLS = st.one_of(
    st.none(), st.just(float("nan")), st.booleans(), st.integers(-3, 46400),
    st.sampled_from([0.0, 1.0, 1.5, 46346.0]), st.dates(date(1980, 1, 1), date(2110, 1, 1)),
    st.sampled_from(["", " ", "1", "1.0", "TRUE", "20/11/2026", "11/20/2026", "2026-11-20",
                     "Oct 28th", "n/a", "soon", " 3/4/2026 ", "20 Nov 2026 2:00 PM"]),
)


@settings(deadline=None)
@given(st.lists(CELLS, max_size=40))
def test_distinct_tells_true_one_and_one_point_zero_apart(cells):
    raw = pd.Series(cells, dtype=object)
    codes, unique = distinct(raw)
    assert len(codes) == len(cells)
    for cell, code in zip(cells, codes, strict=True):
        shown = unique[code]
        assert type(shown) is type(cell)
        assert shown == cell or (shown != shown and cell != cell)  # NaN is NaN
    assert map_each(raw, repr).tolist() == [repr(c) for c in cells]


def test_distinct_keeps_the_first_seen_first():
    codes, unique = distinct(pd.Series(["b", 1, True, 1.0, "b", None, 1], dtype=object))
    assert codes.tolist() == [0, 1, 2, 3, 0, 4, 1]
    assert [type(v).__name__ for v in unique] == ["str", "int", "bool", "float", "NoneType"]


@settings(max_examples=200, deadline=None)
@given(st.lists(CELLS, max_size=30), st.sampled_from(["DMY", "MDY"]))
def test_parse_dates_as_cell_by_cell(cells, order):
    raw = pd.Series(cells, dtype=object)
    parsed = parse_dates(raw, order=order, as_of=date(2026, 11, 20))
    # The order the column's own values settle, then each cell on its own.
    order, decided, conflict = column_order(raw, order)
    for i, cell in enumerate(cells):
        one = parse_date_cell(cell, order, decided=decided)
        if conflict or not isinstance(one.value, date | type(None)) or isinstance(
                one.value, datetime):
            continue  # a date without a year or a conflict note: choose_years' own tests
        want = pd.NaT if one.value is None else pd.Timestamp(one.value)
        got = parsed.values.iloc[i]
        assert (pd.isna(got) and pd.isna(want)) or got == want
        assert parsed.problems.iloc[i] == one.problem
        assert parsed.severities.iloc[i] == one.severity


KEYS = {word_key(w) for w in PLACEHOLDER_WORDS}


@settings(deadline=None)
@given(st.one_of(
    st.sampled_from(PLACEHOLDER_WORDS).map(lambda w: f"-- {w.upper()}… ▼"),
    st.text(alphabet="blankselctopihudrwxyfgjmqvz0123 -–.…!?ÉéßſK▼", max_size=20),
    st.text(max_size=12)))
def test_placeholder_shortcut_as_the_word_key(text):
    assert is_placeholder(text) == (word_key(text) in KEYS)


@settings(deadline=None)
@given(st.one_of(st.lists(CELLS, max_size=30),
                 st.lists(st.text(alphabet=" ab\x0b\x07\t1", max_size=6), max_size=30)))
def test_text_column_as_cell_by_cell(cells):
    got = text_column(pd.Series(cells, dtype=object)).tolist()
    assert got == [strip_control(cell_text(c)) for c in cells]
