"""Cell-value parsers: text, dates and yes/no-with-date (statuses: :mod:`.statuses`).

Each parser takes a whole column (a pandas Series of raw cells) and returns
parsed values plus a ``problem`` Series (``None`` where the cell is fine) and
its severity. Values are parsed once per distinct cell, so a column of 100 000
repeated dates costs a few hundred parses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from followkit.core.cells import cell_text, is_blank
from followkit.core.schema import (
    CHECK_MARKS,
    NO_WORDS,
    YES_WORDS,
    normalize_header,
)
from followkit.reading.vocab import (
    is_empty_word,
)

EARLIEST = date(1990, 1, 1)
LATEST = date(2100, 12, 31)
_EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL_MIN = (EARLIEST - _EXCEL_EPOCH).days
_SERIAL_MAX = (LATEST - _EXCEL_EPOCH).days

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_NUMERIC = re.compile(r"(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})")
_SERIAL_TEXT = re.compile(r"\d{5}(?:\.0+)?")
_MONTH_FORMATS = (
    "%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y", "%a %d %b %Y", "%A %d %B %Y",
    "%a %b %d %Y", "%A %B %d %Y", "%d-%b-%Y", "%d-%b-%y", "%d %b %y", "%b %d %y",
)
_TIME = re.compile(r"(?<=\d)(?:,?\s+|T)(?:at\s+)?\d{1,2}(?::\d{2}){1,2}(?:\.\d+)?\s*"
                   r"(?:[ap]\.?m\.?)?$|(?<=\d)\s+\d{1,2}\s*[ap]\.?m\.?$", re.IGNORECASE)
# What machines write after a time: seconds, fractions, a zone (``Z``, ``+0000``,
# ``GMT+0530``, ``UTC``, ``EST``) and JavaScript's zone name in brackets. The time and
# the zone are dropped: the day is the one written (SPEC §2.1, issue #21).
_ZONE = re.compile(r"(?<=\d:\d\d)(?::\d{2}(?:\.\d+)?)?\s*(?:Z|(?:GMT|UTC)?\s*[+-]\d{2}:?\d{2}"
                   r"|GMT|UTC|[A-Z]{3,4})?(?:\s*\([^)]*\))?$")
_MONTH_WORD = re.compile(r"(?i)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
_NO_YEAR_FORMATS = ("%d %b", "%d %B", "%b %d", "%B %d")
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)
_ORDER_WORDS = {"DMY": "day first", "MDY": "month first", "YMD": "year first"}
CONTROL_CHARACTERS = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
_CONTROL = re.compile(CONTROL_CHARACTERS)


class Parsed(NamedTuple):
    """One parsed column: values, the problem with each cell (or None), severities."""

    values: pd.Series
    problems: pd.Series
    severities: pd.Series


class Cell(NamedTuple):
    """One parsed cell: its value, the problem with it (or None) and that problem's severity."""

    value: Any
    problem: str | None = None
    severity: str | None = None


def strip_control(text: str) -> str:
    """Remove control characters (``\\x0b`` pasted from Word) that break xlsx files."""
    return _CONTROL.sub("", text)


def has_control(values: np.ndarray | pd.Series | list[Any]) -> bool:
    """Whether any text among ``values`` has a control character.

    One regex search over the texts joined, instead of one per cell: the
    answer is almost always no.
    """
    items = values if isinstance(values, list) else values.tolist()
    try:
        joined = "".join(items)
    except TypeError:  # not all text
        joined = "".join(v for v in items if isinstance(v, str))
    return _CONTROL.search(joined) is not None


def distinct(raw: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Each cell's code and the distinct cells, first seen first.

    Cells are told apart by type as well as value (``True``, ``1`` and ``1.0``
    are three cells, as a worker reads them); the work is three
    ``pd.factorize`` passes, no Python loop over the cells.
    """
    cells = raw.to_numpy(dtype=object)
    if not len(cells):
        return np.zeros(0, dtype=np.intp), cells
    values, _ = pd.factorize(cells)  # None, NaN and NaT: -1
    types, kinds = pd.factorize(np.fromiter(map(type, cells), dtype=object,
                                            count=len(cells)))
    codes, _ = pd.factorize((values.astype(np.int64) + 1) * len(kinds) + types)
    first = np.unique(codes, return_index=True)[1]
    return codes, cells[first]


def spread(items: list[Any], codes: np.ndarray) -> np.ndarray:
    """``items`` (one per distinct cell) back over every cell, as an object array."""
    out = np.empty(len(items), dtype=object)
    for i, item in enumerate(items):  # one by one: an item may be a tuple
        out[i] = item
    return out[codes]


def map_each(raw: pd.Series, fn: Callable[[Any], Any]) -> pd.Series:
    """``raw.map(fn)``, with ``fn`` called once per distinct cell."""
    codes, cells = distinct(raw)
    return pd.Series(spread([fn(v) for v in cells], codes), index=raw.index, dtype=object)


def map_unique(raw: pd.Series, parse: Callable[[Any], Cell]) -> Parsed:
    """Apply ``parse`` once per distinct cell and spread the results back."""
    codes, cells = distinct(raw)
    parsed = [parse(v) for v in cells]
    index = raw.index
    return Parsed(
        pd.Series(spread([c.value for c in parsed], codes), index=index, dtype=object),
        pd.Series(spread([c.problem for c in parsed], codes), index=index, dtype=object),
        pd.Series(spread([c.severity for c in parsed], codes), index=index, dtype=object),
    )


# --- dates -----------------------------------------------------------------


def parse_date_cell(value: Any, order: str = "DMY", *, decided: bool = False) -> Cell:
    """Parse one date cell; see :func:`parse_dates`.

    ``decided``: the column's own values settled the order (SPEC §2.1), so a
    value that reads both ways is read in ``order`` without a warning. A date
    without a year (``Oct 28th``) comes back as a :class:`NoYear`.

    >>> parse_date_cell("03/04/2026", "DMY", decided=True).value
    datetime.date(2026, 4, 3)
    >>> print(parse_date_cell("03/04/2026", "DMY").problem)  # doctest: +NORMALIZE_WHITESPACE
    ambiguous date '03/04/2026': read day first as 3 April 2026, not 4 March 2026;
    type it as 2026-04-03 to be sure
    >>> parse_date_cell(46346).value, parse_date_cell("20 Nov 2026 2:00 PM").value
    (datetime.date(2026, 11, 20), datetime.date(2026, 11, 20))
    >>> parse_date_cell("Fri Oct 30 2026 05:30:00 GMT+0530 (India Standard Time)").value
    datetime.date(2026, 10, 30)
    >>> parse_date_cell("2026-10-28T00:00:00.000Z").value
    datetime.date(2026, 10, 28)
    >>> parse_date_cell("Oct 28th").value
    NoYear(month=10, day=28, shown='Oct 28th')
    """
    if is_blank(value) or (isinstance(value, str) and is_empty_word(value)):
        return Cell(None)
    if isinstance(value, bool):
        return Cell(None, "not a date", "error")
    if isinstance(value, datetime):
        if value.tzinfo is not None:  # an aware time: the local calendar day it falls on
            value = value.astimezone().replace(tzinfo=None)
        return _plausible(value.date(), value)
    if isinstance(value, date):
        return _plausible(value, value)
    if isinstance(value, int | float):
        return _serial(float(value), value)
    if isinstance(value, timedelta):
        return Cell(None, "a duration, not a date", "error")
    # "11/20/2026 2:00 PM", "Fri Oct 30 2026 05:30:00 GMT+0530 (...)": the day is enough
    text = _TIME.sub("", _ZONE.sub("", str(value).strip()))
    if _SERIAL_TEXT.fullmatch(text):
        return _serial(float(text), text)
    if m := _ISO.fullmatch(text):
        return _ymd(int(m[1]), int(m[2]), int(m[3]), text)
    if m := _NUMERIC.fullmatch(text):
        return _numeric(m[1], m[2], m[3], order, text, decided=decided)
    return _month_name(text)


def _month_name(text: str) -> Cell:
    """``20 Nov 2026``, ``November 20, 2026``; ``Oct 28th`` and ``27-Oct`` without a year."""
    if not any(ch.isdigit() for ch in text) or not _MONTH_WORD.search(text):
        return Cell(None, f"unreadable date {text!r}", "error")  # no day, or no month
    cleaned = _ORDINAL.sub(r"\1", text)
    cleaned = " ".join(cleaned.replace(",", " ").replace(".", " ").split())
    for fmt in _MONTH_FORMATS:
        try:
            return _plausible(datetime.strptime(cleaned, fmt).date(), text)
        except ValueError:
            continue
    spaced = cleaned.replace("-", " ").replace("/", " ")
    for fmt in _NO_YEAR_FORMATS:
        try:
            # 2000 is a leap year: 29 February stays readable until the year is chosen.
            day = datetime.strptime(f"{spaced} 2000", f"{fmt} %Y").date()
        except ValueError:
            continue
        return Cell(NoYear(day.month, day.day, text))
    return Cell(None, f"unreadable date {text!r}", "error")


class NoYear(NamedTuple):
    """A day and month written without a year; :func:`parse_dates` chooses the year."""

    month: int
    day: int
    shown: str


def _serial(number: float, shown: Any) -> Cell:
    if number.is_integer() and _SERIAL_MIN <= number <= _SERIAL_MAX:
        return Cell(_EXCEL_EPOCH + timedelta(days=int(number)))
    return Cell(None, f"a number, not a date: {cell_text(shown)!r}", "error")


def _plausible(day: date, shown: Any) -> Cell:
    if EARLIEST <= day <= LATEST:
        return Cell(day)
    return Cell(None, f"implausible date {cell_text(shown)!r} (before 1990 or after 2100)",
                 "error")


def _ymd(year: int, month: int, day: int, shown: str) -> Cell:
    try:
        return _plausible(date(year, month, day), shown)
    except ValueError:
        return Cell(None, f"impossible date {shown!r}", "error")


def _numeric(a: str, b: str, c: str, order: str, shown: str, *, decided: bool = False
             ) -> Cell:
    if len(a) == 4:
        return _ymd(int(a), int(b), int(c), shown)
    if len(c) not in (2, 4) or order == "YMD":
        return Cell(None, f"unreadable date {shown!r}", "error")
    year = int(c) + (2000 if len(c) == 2 else 0)
    first, second = int(a), int(b)
    day, month = (first, second) if order == "DMY" else (second, first)
    preferred = _try_date(year, month, day)
    other = _try_date(year, day, month)
    if preferred is None and other is None:
        return Cell(None, f"impossible date {shown!r}", "error")
    if preferred is None:
        assert other is not None
        other_order = "MDY" if order == "DMY" else "DMY"
        return Cell(
            other,
            f"date {shown!r} only makes sense {_ORDER_WORDS[other_order]}: read as "
            f"{_long(other)}; the tracker's setting is {_ORDER_WORDS[order]}",
            "warning",
        )
    if other is not None and other != preferred and not decided:
        return Cell(
            preferred,
            f"ambiguous date {shown!r}: read {_ORDER_WORDS[order]} as {_long(preferred)}, "
            f"not {_long(other)}; type it as {preferred.isoformat()} to be sure",
            "warning",
        )
    return _plausible(preferred, shown)


def _try_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def parse_dates(raw: pd.Series, *, order: str = "DMY", near: pd.Series | None = None,
                as_of: date | None = None, decided: bool = False) -> Parsed:
    """Parse a date column.

    Real spreadsheet dates, Excel serial numbers (1990–2100), ISO text and
    text dates are read. The order of text dates is the column's own (see
    :func:`column_order`); ``order`` (``DMY``, ``MDY`` or ``YMD``) only breaks
    a tie, and a text date that then reads two ways is a ``warning``. Dates
    without a year take the year nearest the row's ``near`` date, else the
    twelve months up to ``as_of`` (a ``warning`` names the year chosen).
    Anything else unreadable is an ``error`` and the value is missing.

    >>> parse_dates(pd.Series(["2026-11-20", "20/11/2026", "soon"])).values.tolist()
    [Timestamp('2026-11-20 00:00:00'), Timestamp('2026-11-20 00:00:00'), NaT]
    """
    codes, cells = distinct(raw)
    # The order's evidence is in the distinct texts: each is looked at once.
    order, decided, conflict = column_order(pd.Series(cells, dtype=object), order,
                                            decided=decided)
    unique = [parse_date_cell(v, order, decided=decided) for v in cells]
    if not conflict and not any(isinstance(c.value, NoYear) for c in unique):
        # The common case: each distinct date becomes a datetime64 once.
        days = pd.to_datetime(pd.Series([c.value for c in unique], dtype=object)).astype(
            "datetime64[ns]").to_numpy()
        return Parsed(pd.Series(days[codes], index=raw.index),
                      pd.Series(spread([c.problem for c in unique], codes), index=raw.index,
                                dtype=object),
                      pd.Series(spread([c.severity for c in unique], codes), index=raw.index,
                                dtype=object))
    parsed = Parsed(*(pd.Series(spread([c[i] for c in unique], codes), index=raw.index,
                                dtype=object) for i in range(3)))
    if conflict:
        parsed = _conflict_note(parsed, conflict)
    if any(isinstance(v, NoYear) for v in parsed.values.to_numpy(dtype=object)):
        parsed = choose_years(parsed, near=near, as_of=as_of)
    values = pd.to_datetime(parsed.values.where(parsed.values.notna(), None)).astype(
        "datetime64[ns]"
    )
    return Parsed(pd.Series(values, index=raw.index), parsed.problems, parsed.severities)


def column_order(raw: pd.Series, default: str, *, decided: bool = False
                 ) -> tuple[str, bool, str]:
    """The order of a column's text dates, from the values that read only one way.

    Without evidence in the column, ``default`` is used, and ``decided`` says
    whether it was itself settled by evidence (the sheet's other date columns).

    Returns ``(order, decided, conflict)``: ``decided`` when some values can
    only be read one way (``9/25/2020``: month first) and none only the
    other; ``conflict`` names the evidence when both kinds appear (then
    ``default`` is used and values that read two ways stay warnings).
    """
    if default == "YMD":
        return default, False, ""
    month_first, day_first = order_evidence(raw)
    if month_first and not day_first:
        return "MDY", True, ""
    if day_first and not month_first:
        return "DMY", True, ""
    if month_first and day_first:
        return default, False, (f"this column has {month_first} date(s) that read only "
                                f"month first and {day_first} only day first")
    return default, decided, ""


def order_evidence(raw: pd.Series) -> tuple[int, int]:
    """How many distinct text dates of ``raw`` read only month first, and only day first."""
    month_first = day_first = 0
    texts = pd.unique(raw[raw.map(lambda v: isinstance(v, str))].to_numpy(dtype=object))
    pieces = {p for text in texts for p in _SEVERAL.split(_TIME.sub("", text.strip())) if p}
    for piece in pieces:
        m = _NUMERIC.fullmatch(piece)
        if m is None or len(m[1]) == 4:
            continue
        a, b = int(m[1]), int(m[2])
        month_first += a <= 12 < b <= 31
        day_first += b <= 12 < a <= 31
    return month_first, day_first


_SEVERAL = re.compile(r"\s*(?:&|;|\n|\band\b)\s*")


def _conflict_note(parsed: Parsed, conflict: str) -> Parsed:
    warned = parsed.severities == "warning"
    problems = parsed.problems.where(~warned, parsed.problems + "; " + conflict)
    return Parsed(parsed.values, problems, parsed.severities)


def choose_years(parsed: Parsed, *, near: pd.Series | None, as_of: date | None) -> Parsed:
    """Give each :class:`NoYear` the year nearest its row's ``near`` date, else the
    twelve months up to ``as_of``; each is a warning naming the year chosen."""
    values = parsed.values.to_numpy(dtype=object).copy()
    problems = parsed.problems.to_numpy(dtype=object).copy()
    severities = parsed.severities.to_numpy(dtype=object).copy()
    anchors = near.to_numpy(dtype=object) if near is not None else [None] * len(values)
    for i, v in enumerate(values):
        if not isinstance(v, NoYear):
            continue
        anchor = anchors[i]
        anchor = None if anchor is None or pd.isna(anchor) else pd.Timestamp(anchor).date()
        day, why = _year_for(v, anchor, as_of)
        values[i] = day
        if day is None:
            problems[i], severities[i] = (
                f"date {v.shown!r} has no year and nothing to infer it from; type the "
                "full date", "error")
        else:
            problems[i], severities[i] = (
                f"date {v.shown!r} has no year: read as {_long(day)} ({why})", "warning")
    index = parsed.values.index
    return Parsed(pd.Series(values, index=index, dtype=object),
                  pd.Series(problems, index=index, dtype=object),
                  pd.Series(severities, index=index, dtype=object))


def _year_for(v: NoYear, anchor: date | None, as_of: date | None) -> tuple[date | None, str]:
    if anchor is not None:
        options = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1)
                   if (d := _try_date(y, v.month, v.day)) is not None]
        if options:
            return min(options, key=lambda d: abs((d - anchor).days)), \
                "the year nearest the row's other dates"
    if as_of is not None:
        for year in (as_of.year, as_of.year - 1, as_of.year - 2):
            d = _try_date(year, v.month, v.day)
            if d is not None and d <= as_of:
                return d, "within the 12 months before the as-of date"
    return None, ""


# --- yes/no with an optional date --------------------------------------------


def parse_yes_no(raw: pd.Series, *, order: str = "DMY") -> tuple[pd.Series, Parsed]:
    """Parse a yes/no column where a date also means yes.

    Returns ``(done, dates)``: ``done`` is boolean; ``dates`` holds the date
    when the cell was a date. An unknown word is a ``warning`` and counts as
    not done, so the action stays on the worker's list.

    >>> done, dates = parse_yes_no(pd.Series(["yes", "\u2713", "", "no", "20/11/2026", "maybe"]))
    >>> done.tolist()
    [True, True, False, False, True, False]
    >>> dates.values[4], dates.problems[5]
    (Timestamp('2026-11-20 00:00:00'), "not yes, no or a date: 'maybe' (counted as not done)")
    """

    def parse(value: Any) -> Cell:
        if is_blank(value):
            return Cell((False, None))
        if isinstance(value, bool):
            return Cell((value, None))
        if isinstance(value, int | float) and value in (0, 1):
            return Cell((bool(value), None))
        text = str(value).strip() if isinstance(value, str) else None
        if text is not None:
            key = normalize_header(text)
            if text in CHECK_MARKS or (key and key in YES_WORDS):
                return Cell((True, None))
            if key in NO_WORDS or text in ("-", "\u2013", "\u2717", "\u2718"):
                return Cell((False, None))
        as_date = parse_date_cell(value, order)
        if isinstance(as_date.value, NoYear):
            return Cell((True, None), f"date {as_date.value.shown!r} has no year: counted "
                         "as done, on a day not known", "warning")
        if as_date.value is not None:
            return Cell((True, as_date.value), as_date.problem, as_date.severity)
        return Cell(
            (False, None),
            f"not yes, no or a date: {cell_text(value)!r} (counted as not done)",
            "warning",
        )

    parsed = map_unique(raw, parse)
    done = pd.Series([v[0] for v in parsed.values], index=raw.index, dtype=bool)
    dates = pd.to_datetime(pd.Series([v[1] for v in parsed.values], index=raw.index,
                                     dtype=object)).astype("datetime64[ns]")
    return done, Parsed(dates, parsed.problems, parsed.severities)


def text_column(raw: pd.Series) -> pd.Series:
    """A column as clean text (``""`` when empty), whole numbers without ``.0``."""
    if len(raw) and pd.api.types.infer_dtype(raw, skipna=False) == "string":
        texts = [v.strip() for v in raw.to_numpy(dtype=object)]  # every cell already text
        if has_control(texts):
            texts = [strip_control(v) for v in texts]
        return pd.Series(texts, index=raw.index, dtype=object)
    codes, cells = distinct(raw)  # each distinct cell once (True, 1 and 1.0 apart)
    return pd.Series(spread([strip_control(cell_text(v)) for v in cells], codes),
                     index=raw.index, dtype=object)
