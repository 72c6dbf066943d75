"""The parts of a Word document python-docx has no API for, written as WordprocessingML: fields
(PAGE, NUMPAGES, the table of contents), table rows that may not split across pages, header rows
repeated on each page, a picture's alternative text, and asking Word to update fields on opening.
"""

from __future__ import annotations

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
                        "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                        "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
                        "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
                        "decimalSymbol", "listSeparator")


def _field_char(paragraph: Paragraph, kind: str) -> Run:
    run = paragraph.add_run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run._r.append(char)  # noqa: SLF001 - python-docx exposes no field API
    return run


def begin_field(paragraph: Paragraph, instruction: str) -> None:
    """Open a field (``PAGE``, ``NUMPAGES``, ``TOC \\o "1-2"``): what follows is its shown result."""
    _field_char(paragraph, "begin")
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)  # noqa: SLF001
    _field_char(paragraph, "separate")


def end_field(paragraph: Paragraph) -> None:
    """Close the field opened last (it may have begun in an earlier paragraph, as a contents does)."""
    _field_char(paragraph, "end")


def add_field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A whole field in one paragraph, showing ``shown`` until Word updates it."""
    begin_field(paragraph, instruction)
    paragraph.add_run(shown)
    end_field(paragraph)


def _row_property(row: _Row, name: str) -> None:
    properties = row._tr.get_or_add_trPr()  # noqa: SLF001
    element = OxmlElement(name)
    element.set(qn("w:val"), "true")
    properties.append(element)


def keep_row_whole(row: _Row) -> None:
    """The row may not break across pages (``w:cantSplit``)."""
    _row_property(row, "w:cantSplit")


def repeat_as_header(row: _Row) -> None:
    """The row is repeated at the top of each page the table runs on to (``w:tblHeader``)."""
    _row_property(row, "w:tblHeader")


def describe_picture(run: Run, text: str) -> None:
    """Alternative text of the picture in ``run``, for screen readers (``wp:docPr/@descr``)."""
    for properties in run._r.iter(qn("wp:docPr")):  # noqa: SLF001
        properties.set("descr", text)


def update_fields_on_open(document: Document) -> None:
    """Ask Word to update fields when the file is opened, so the contents get their page numbers."""
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    # The schema fixes the order of the settings: updateFields comes before these.
    after = {qn(f"w:{name}") for name in _AFTER_UPDATE_FIELDS}
    later = next((child for child in settings if child.tag in after), None)
    if later is None:
        settings.append(update)
    else:
        later.addprevious(update)


def set_language(document: Document, language: str) -> None:
    """The language of the document's text (spelling, and what a screen reader speaks)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")) if defaults is not None else None
    if run_properties is None:
        return
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_properties.append(lang)
    lang.set(qn("w:val"), language)
