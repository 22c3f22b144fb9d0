"""The dashboard's reading options (SPEC §2.1): whose tracker, several files, columns.

:class:`ReadingPanel` holds the uploaded files and reads them as one caseload
with the worker's choices: the "whose tracker is this?" box (the command
line's ``--client``; applied when the worker presses Enter or leaves the box, and
said beside it) and the "check columns" panel (the command line's ``--columns``):
one drop-down per followkit field, pre-filled with what each header was taken
as, with example values.
The panel opens by itself when a required field is missing, instead of a
refusal; the mapping can be saved as a file and uploaded again next week.
The dashboard calls :meth:`ReadingPanel.read` and opens the
:class:`~followkit.session.session.Session` it returns.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import ipywidgets as w

from followkit.core import schema as s
from followkit.core.errors import MissingColumnError, NoInterviewSheetError
from followkit.core.io import RawWorkbook, read_workbook_bytes
from followkit.core.policy import FollowUpPolicy
from followkit.dashboard.notices import worker_words
from followkit.dashboard.render import download_link, render
from followkit.reading.columns import STAGE, apply_mapping, guess_field
from followkit.reading.sheets import HEADER_SEARCH_ROWS, header_index
from followkit.reading.values import cell_text, is_blank
from followkit.session.session import Reading, Session

NONE = "(none)"
FIELDS = [c.name for c in s.INTERVIEWS.columns] + [STAGE]
NEEDED = "needed for the lists"
# Each field in a few words (shown beside its drop-down); the first three are needed.
FIELD_HELP = {
    s.INTERVIEW_ID: "a number or code naming each interview (made up if missing)",
    s.CLIENT_ID: "the young person's number; this or Client Name is " + NEEDED,
    s.CLIENT_NAME: "the young person's name; this or Client ID is " + NEEDED,
    s.WORKER: "the outreach worker following the young person",
    s.EMPLOYER: "the company or organisation that interviewed them",
    s.POSITION: "the job applied for",
    s.INTERVIEW_DATE: "the day of the interview: " + NEEDED,
    s.EMPLOYER_PHONE: "the number to call the employer on",
    s.DECISION_DATE: "when the employer said they would decide",
    "References Alerted": "when (or whether) the references were told to expect a call",
    "Outcome": "hired, not hired, pending, withdrawn...",
    "Notes": "free text kept with the interview",
    "Application Date": "the day the application was sent (a row with no interview yet)",
    "Activity": "what was last done (a call, an email...)",
    "Activity Date": "the day of that activity",
    "Follow-up Date": "the next follow-up the worker planned",
    "Why Me": "the young person's notes on why they fit the job",
    s.LANGUAGE: "the young person's language, for their plan: English or French",
    STAGE: "a column saying how far the application went (applied, interview...)",
}


class ReadingPanel:
    """The reading options of the dashboard, and the files they apply to."""

    def __init__(self, on_change: Callable[[], None]) -> None:
        self.files: list[tuple[str, bytes]] = []
        self.client = w.Text(description="Whose tracker is this?", placeholder="the file name",
                             style={"description_width": "initial"},
                             layout=w.Layout(width="360px"), continuous_update=False)
        self.client_said = w.HTML()
        self.client_said.add_class("fk-client-said")
        self.toggle = w.Button(description="Check columns", icon="columns",
                               layout=w.Layout(width="auto"))
        self.note = w.HTML()
        self.sheet = w.Dropdown(description="Sheet", options=[], layout=w.Layout(width="520px"),
                                style={"description_width": "160px"})
        self.header_row = w.Dropdown(description="Header row", options=[],
                                     layout=w.Layout(width="520px"),
                                     style={"description_width": "160px"})
        self.headers: dict[str, int] = {}  # sheet -> the Excel row of its header, applied
        self.choices: dict[str, w.Dropdown] = {
            field: w.Dropdown(description=field + (" *" if NEEDED in FIELD_HELP[field] else ""),
                              options=[NONE], style={"description_width": "160px"},
                              layout=w.Layout(width="520px"))
            for field in FIELDS}
        self.apply = w.Button(description="Read with these columns", button_style="primary",
                              layout=w.Layout(width="auto"))
        self.save = w.HTML()
        self.map_upload = w.FileUpload(accept=".toml", multiple=False,
                                       description="Upload a column map",
                                       layout=w.Layout(width="auto"))
        rows = [w.HBox([d, w.HTML(f"<small>{FIELD_HELP[f]}</small>")],
                       layout=w.Layout(align_items="center"))
                for f, d in self.choices.items()]
        self.panel = w.VBox([self.note, self.sheet, w.HBox(
            [self.header_row, w.HTML("<small>the row holding the column titles</small>")],
            layout=w.Layout(align_items="center")), *rows,
                             w.HBox([self.apply, self.map_upload]), self.save],
                            layout=w.Layout(display="none"))
        self.widget = w.VBox([w.HBox([self.client, self.toggle, self.client_said],
                                     layout=w.Layout(align_items="center")), self.panel])
        for field, dropdown in self.choices.items():  # names a browser test can find
            dropdown.add_class("fk-col-" + s.normalize_header(field))
        for widget, cls in ((self.apply, "fk-col-apply"), (self.panel, "fk-columns"),
                            (self.note, "fk-columns-note"), (self.client, "fk-client"),
                            (self.header_row, "fk-header-row"), (self.sheet, "fk-sheet")):
            widget.add_class(cls)
        self.mapping: dict[str, str] = {}
        self._on_change = on_change
        self.toggle.on_click(lambda _: self.show(self.panel.layout.display == "none"))
        self.sheet.observe(lambda change: self._rows(change["new"]), names="value")
        self.header_row.observe(lambda change: self._refill(change["new"]), names="value")
        self._workbooks: list[RawWorkbook] = []
        self.apply.on_click(lambda _: self._apply())
        self.map_upload.observe(lambda change: self._load_map(change["new"]), names="value")
        self.client.observe(lambda _: self._client_changed(), names="value")

    def _client_changed(self) -> None:
        name = self.client.value.strip()
        if not self.files:
            self.client_said.value = render("recorded.html.j2", lines=[
                "Upload a tracker about one person first: this box names them."
                if name else ""])
            return
        self._on_change()
        self.client_said.value = render("recorded.html.j2", lines=[
            f"Read as {name}\u2019s tracker." if name else
            "Read with each person named from the file name."])

    def show(self, visible: bool = True) -> None:
        """Open (or close) the panel; opened, it shows what each column is taken as now."""
        if visible and self.files and not self._workbooks:
            self._fill([read_workbook_bytes(name, data) for name, data in self.files])
            self.note.value = "What each column is taken as now (* needed for the lists)."
        self.panel.layout.display = None if visible else "none"

    def opened(self, session: Session) -> None:
        """A tracker was opened: the panel shows its file (several files: the ones
        uploaded, kept as they are)."""
        source, before = session.source, self.files
        if source.data is not None:
            self.files = [(session.name, source.data)]
        elif len(source.inputs) == 1:
            self.files = [(source.inputs[0].name, source.inputs[0].read_bytes())]
        if self.files != before:  # another tracker: its own header row
            self.headers = {}
        self._workbooks = []

    def read(self, files: list[tuple[str, bytes]] | None, *, policy: FollowUpPolicy,
             as_of: date | None) -> Session | None:
        """Read ``files`` (or the last ones) as one caseload; None when the columns
        must be checked first (the panel is then open, saying why)."""
        if files is not None:
            self.files, self.headers = files, {}
        workbooks = [read_workbook_bytes(name, data) for name, data in self.files]
        reading = Reading(client=self.client.value.strip() or None,
                          columns=self.mapping or None, headers=self.headers or None)
        try:
            session = Session.from_workbooks(
                workbooks, policy=policy, reading=reading, as_of=as_of,
                data=self.files[0][1] if len(self.files) == 1 else None)
        except (MissingColumnError, NoInterviewSheetError) as e:
            self._fill(workbooks)
            self.note.value = render("columns_note.html.j2", problem=worker_words(str(e)))
            self.show(True)
            return None
        self._fill(workbooks)
        self.note.value = ("What each column was taken as (* needed for the lists); change "
                           "it and press Read with these columns.")
        return session

    def _fill(self, workbooks: list[RawWorkbook]) -> None:
        """Offer the sheets, and the chosen sheet's headers in every drop-down."""
        self._workbooks = workbooks
        names = [sh.name for wb in workbooks[:1] for sh in wb.sheets if sh.visible and sh.rows]
        best = max(names, key=lambda n: sum(
            guess_field(s.INTERVIEWS, h).field is not None
            for h in first_header(workbooks, n)[0]), default=None)
        self.sheet.options = names
        if self.sheet.value == best:
            self._rows(best)
        self.sheet.value = best  # refills through the observer when it changes

    def _rows(self, sheet: str | None) -> None:
        """The header row drop-down: the first rows of ``sheet``, the one taken chosen."""
        rows = sheet_rows(self._workbooks, sheet)
        self.header_row.options = row_choices(rows)
        taken = self.headers.get(sheet or "") or guessed_header(rows, self.mapping)
        if self.header_row.value == taken:
            self._refill(taken)
        self.header_row.value = taken  # refills through the observer when it changes

    def _refill(self, row: int | None) -> None:
        """Every drop-down: the headers in ``row`` of the sheet chosen (with an example),
        what each is taken as now."""
        header, examples = header_at(sheet_rows(self._workbooks, self.sheet.value), row)
        guesses = [guess_field(s.INTERVIEWS, h) for h in header]
        if self.mapping:
            guesses = apply_mapping(guesses, self.mapping)
        options = [NONE] + [f"{h}  (e.g. {examples[h]})" if examples.get(h) else h
                            for h in header]
        label_of = dict(zip(header, options[1:], strict=True))
        for field, dropdown in self.choices.items():
            dropdown.options = options
            taken = next((g.label for g in guesses if g.field == field), None)
            dropdown.value = label_of.get(taken, NONE) if taken else NONE
        self._headers = label_of
        self.save.value = self._save_link()

    def _apply(self) -> None:
        by_option = {option: header for header, option in self._headers.items()}
        self.mapping = {field: by_option.get(d.value, "-") for field, d in self.choices.items()
                        if d.value != NONE}
        if self.sheet.value and self.header_row.value:
            self.headers = {self.sheet.value: self.header_row.value}
        self._on_change()

    def _load_map(self, uploads: Any) -> None:
        if not uploads:
            return
        data = tomllib.loads(bytes(uploads[0]["content"]).decode("utf-8"))
        table = data.get("columns", data)
        self.mapping = {str(k): str(v) for k, v in table.items()}
        self._on_change()

    def _save_link(self) -> str:
        if not self.mapping:
            return ""
        lines = ["[columns]"] + [f'"{k}" = "{v}"' for k, v in self.mapping.items()]
        return download_link("followkit-columns.toml", ("\n".join(lines) + "\n").encode(),
                             "application/toml")


def first_header(workbooks: list[RawWorkbook], name: str | None = None,
                 ) -> tuple[list[str], dict[str, str]]:
    """The header row of sheet ``name`` (default: the first visible sheet) of the first
    workbook, as followkit finds it, and one example value per header."""
    rows = sheet_rows(workbooks, name)
    return header_at(rows, guessed_header(rows))


def sheet_rows(workbooks: list[RawWorkbook], name: str | None) -> list[list[Any]]:
    """The rows of sheet ``name`` (None: the first visible sheet with rows)."""
    for wb in workbooks:
        for sheet in wb.sheets:
            if sheet.visible and sheet.rows and name in (None, sheet.name):
                return sheet.rows
    return []


def guessed_header(rows: list[list[Any]], mapping: dict[str, str] | None = None) -> int | None:
    """The Excel row of the header as the reader finds it; else the top row with the
    most filled cells (a tracker the reader cannot read yet). None: no rows."""
    at = header_index(rows, mapping)
    if at is None and rows:
        top = rows[:HEADER_SEARCH_ROWS]
        at = max(range(len(top)), key=lambda i: sum(not is_blank(c) for c in top[i]))
    return None if at is None else at + 1


def row_choices(rows: list[list[Any]]) -> list[tuple[str, int]]:
    """The header row drop-down's items: ``Row 4: Youth | Company | Date`` for each of
    the top rows with something in them."""
    out = []
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        texts = [example(c) for c in row if not is_blank(c)]
        if texts:
            shown = " | ".join(texts)
            out.append((f"Row {i + 1}: {shown[:70]}{'…' if len(shown) > 70 else ''}", i + 1))
    return out


def header_at(rows: list[list[Any]], row: int | None) -> tuple[list[str], dict[str, str]]:
    """The headers in Excel row ``row`` and one example value per header (from the 40
    rows below)."""
    if row is None or not 1 <= row <= len(rows):
        return [], {}
    at = row - 1
    header = [cell_text(c) for c in rows[at] if not is_blank(c)]
    examples = {}
    for pos, h in enumerate(cell_text(c) for c in rows[at]):
        values = [example(r[pos]) for r in rows[at + 1:at + 40]
                  if pos < len(r) and not is_blank(r[pos])]
        if h and values:
            examples[h] = values[0][:30]
    return header, examples


def example(value: object) -> str:
    """A cell as the panel shows it: a date as ``Fri 25 Sep 2026``, anything else as text."""
    if isinstance(value, datetime | date):
        return f"{value:%a} {value.day} {value:%b %Y}"
    return cell_text(value)
