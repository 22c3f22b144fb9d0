"""The young person's plan as a Word file (SPEC §10): accessible and printable.

Real Word headings (Heading 1 for the title, Heading 2 for each part), each
step a checklist line with an empty box (☐) and each thing done a ticked one
(☑), body text 12 pt, the document's language set (en-CA or fr-CA) so a screen
reader speaks it right. The core properties (author, last modified by,
comments...) carry no personal data: only the plan's title and its date.
"""

from __future__ import annotations

import io
import os
from datetime import datetime
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from followkit.core.io import atomic_path, write_csv
from followkit.report.plan import ClientPlan, Plans

BODY_PT = 12
TITLE_PT = 18
FONT = "Arial"  # everywhere; LibreOffice prints it with the same widths (Liberation Sans)
BOX, TICKED = "☐", "☑"
LOCALES = {"en": "en-CA", "fr": "fr-CA"}
MESSAGES_FILE = "messages.csv"


def plan_document(plan: ClientPlan) -> Document:
    """The plan as a python-docx document."""
    document = docx.Document()
    _styles(document, LOCALES[plan.language])
    _properties(document, plan)
    w = plan.words
    title, hello, made_on = plan.heading_lines()
    document.add_heading(title, level=1).runs[0].font.size = Pt(TITLE_PT)
    document.add_paragraph(hello)
    document.add_paragraph(made_on)
    document.add_heading(plan.interview_heading(), level=2)
    for line in plan.interview_lines():
        document.add_paragraph(line)
    document.add_heading(w.todo_heading, level=2)
    for step in plan.steps:
        box = document.add_paragraph()
        box.paragraph_format.space_before = Pt(5)
        box.paragraph_format.keep_with_next = True
        _hanging(box)
        box.add_run(BOX + " ")
        box.add_run(step.title).bold = True
        box.add_run(f" {step.when}.")
        lines = list(step.lines)
        for line in lines[:1]:
            _indented(document, line)
        if step.script:
            _indented(document, w.call_say)
            for line in step.script:
                _indented(document, f"«\u00a0{line}\u00a0»" if plan.language == "fr"
                          else f"“{line}”",
                          level=2)
        for line in lines[1:]:
            _indented(document, line)
        _indented(document, step.why, italic=True)
    if plan.done:
        document.add_heading(w.done_heading, level=2)
        for line in plan.done:
            _hanging(document.add_paragraph(f"{TICKED} {line}"))
    closing = document.add_paragraph(plan.closing())
    closing.paragraph_format.space_before = Pt(8)
    return document


def _hanging(paragraph: Paragraph) -> None:
    """A checklist line: the box in the margin, a wrapped line under the text."""
    paragraph.paragraph_format.left_indent = Cm(0.6)
    paragraph.paragraph_format.first_line_indent = Cm(-0.6)


def _indented(document: Document, text: str, *, italic: bool = False, level: int = 1) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.left_indent = Cm(0.6 + 0.6 * (level - 1))
    paragraph.paragraph_format.space_after = Pt(2)
    paragraph.add_run(text).italic = italic


def _styles(document: Document, locale: str) -> None:
    """12 pt body, narrow margins, and the language of the text."""
    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(2)
    normal.paragraph_format.line_spacing = 1.0
    for name in ("Normal", "Heading 1", "Heading 2"):
        style = document.styles[name]
        style.font.name = FONT
        r_pr = style.element.get_or_add_rPr()
        fonts = r_pr.find(qn("w:rFonts"))
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            if fonts is not None and fonts.get(qn(attribute)) is not None:
                del fonts.attrib[qn(attribute)]
        lang = r_pr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            r_pr.append(lang)
        lang.set(qn("w:val"), locale)
    for section in document.sections:
        section.top_margin = section.bottom_margin = Cm(1.5)
        section.left_margin = section.right_margin = Cm(2)


def _properties(document: Document, plan: ClientPlan) -> None:
    """Core properties with no personal data (python-docx's template has its own)."""
    props = document.core_properties
    props.title = plan.words.title
    for name in ("author", "last_modified_by", "comments", "subject", "keywords",
                 "category", "content_status", "identifier", "version"):
        setattr(props, name, "")
    props.language = LOCALES[plan.language]
    props.revision = 1
    made = datetime(plan.as_of.year, plan.as_of.month, plan.as_of.day)
    props.created = props.modified = props.last_printed = made


def plan_bytes(plan: ClientPlan) -> bytes:
    """The plan's ``.docx`` in memory (the dashboard's download)."""
    buffer = io.BytesIO()
    plan_document(plan).save(buffer)
    return buffer.getvalue()


def write_plans(plans: Plans, folder: str | os.PathLike[str], *,
                protect: tuple[str | os.PathLike[str], ...] = ()) -> list[Path]:
    """Write one ``.docx`` per plan and ``messages.csv`` into ``folder``; return the paths."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for plan in plans.plans:
        with atomic_path(out / plan.file_name, protect=protect) as tmp:
            plan_document(plan).save(str(tmp))
        paths.append(out / plan.file_name)
    paths.append(write_csv(plans.messages(), out / MESSAGES_FILE))
    return paths
