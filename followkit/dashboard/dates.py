"""Where a worker picks a date: a box in the agency's format (issue #25, item 7).

The dashboard writes every date one way, ``Fri 20 Nov 2026`` (the year always
there). The browser's date picker (``<input type=date>``, ipywidgets' DatePicker)
writes it the browser's way instead (``11/20/2026`` in an American-English
browser, whatever the agency's setting), so the dashboard's date fields are
:class:`DateBox` es: a text box that shows its date as ``Fri 20 Nov 2026`` and
reads what the worker types (``20 Nov 2026``, ``20/11/2026`` in the agency's
order, SPEC §4 ``text_date_order``, ``2026-11-20``, ``20 Nov``), then writes it
back in the one format, so what was understood is on screen before anything is
done with it. Something that is not a date is said beside the box, which keeps
the date it had.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import ipywidgets as w
import traitlets

from followkit.dashboard.render import render
from followkit.reading.values import NoYear, parse_date_cell
from followkit.report.wording import short_date

EXAMPLE = "20 Nov 2026"
_DAY_MONTH = re.compile(r"(\d{1,2})[/.\-](\d{1,2})")


def read_day(text: str, *, order: str, near: date) -> date:
    """The date typed in ``text``: the agency's ``order`` for numbers (``DMY``, ``MDY``
    or ``YMD``), a date without a year in the year that puts it nearest ``near``.

    >>> read_day("3/4/2026", order="DMY", near=date(2026, 11, 20))
    datetime.date(2026, 4, 3)
    >>> read_day("Fri 20 Nov 2026", order="MDY", near=date(2026, 11, 20))
    datetime.date(2026, 11, 20)
    >>> read_day("2 Jan", order="DMY", near=date(2026, 12, 30))
    datetime.date(2027, 1, 2)
    >>> read_day("11/20", order="MDY", near=date(2026, 12, 30))
    datetime.date(2026, 11, 20)
    >>> read_day("next week", order="DMY", near=date(2026, 11, 20))
    Traceback (most recent call last):
    ValueError: 'next week' is not a date: type it like 20 Nov 2026
    """
    text = " ".join(text.split())
    value = parse_date_cell(text, order, decided=True).value
    if value is None and (m := _DAY_MONTH.fullmatch(text)) and order != "YMD":
        first, second = int(m[1]), int(m[2])
        day, month = (first, second) if order == "DMY" else (second, first)
        value = NoYear(month, day, text)
    if isinstance(value, NoYear):
        options = [_date_or_none(y, value.month, value.day)
                   for y in (near.year - 1, near.year, near.year + 1)]
        value = min((d for d in options if d is not None),
                    key=lambda d: abs((d - near).days), default=None)
    if not isinstance(value, date):
        raise ValueError(f"{text!r} is not a date: type it like {EXAMPLE}")
    return value


def _date_or_none(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


class DateBox(w.HBox):
    """A date field: a labelled text box showing ``Fri 20 Nov 2026``; ``value`` is
    the date (None only for an ``optional`` field left empty).

    Set ``value`` from code as with a DatePicker; observe it with
    ``box.observe(fn, names="value")``.
    """

    value = traitlets.Any(None, allow_none=True)

    def __init__(self, description: str, *, value: date | None = None, order: str = "DMY",
                 near: date, optional: bool = False, width: str = "200px") -> None:
        self.text = w.Text(description=description, placeholder=f"e.g. {EXAMPLE}",
                           continuous_update=False, layout=w.Layout(width=width),
                           style={"description_width": "initial"})
        self.said = w.HTML()
        self.said.add_class("fk-date-said")
        super().__init__([self.text, self.said], layout=w.Layout(align_items="center"))
        self.order, self.near, self.optional = order, near, optional
        self.value = value
        self.text.value = short_date(value) if value is not None else ""
        self.text.observe(self._typed, names="value")
        self.observe(self._shown, names="value")

    def _typed(self, change: dict[str, Any]) -> None:
        text = str(change["new"]).strip()
        shown = short_date(self.value) if self.value is not None else ""
        if text == shown:
            return
        problem = ""
        if not text and self.optional:
            self.value = None
        elif not text:
            problem = f"A date is needed here: type it like {EXAMPLE}."
        else:
            try:
                self.value = read_day(text, order=self.order, near=self.near)
            except ValueError as e:
                problem = f"{str(e)[0].upper()}{str(e)[1:]}."
        self._shown({"new": self.value})  # what was typed, written back in the one format
        self.said.value = render("date_said.html.j2", problem=problem,
                                 kept=short_date(self.value) if self.value else "")

    def _shown(self, change: dict[str, Any]) -> None:
        """The box shows the date in the one format (also when set from code)."""
        day = change["new"]
        self.said.value = ""
        self.text.value = short_date(day) if isinstance(day, date) else ""
