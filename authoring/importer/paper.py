"""From DOCX (or saved web page) bytes to spec text and notes: the whole import, with no file I/O."""

from __future__ import annotations

from authoring.importer.blocks import read_body
from authoring.importer.form import Note, read_form
from authoring.importer.package import open_docx
from authoring.importer.spec import assemble
from authoring.importer.table import read_finance


def import_docx(data: bytes, spec_name: str, style) -> tuple[str, list[Note]]:
    """Return the spec's YAML and what the officer must look at. Raises Unreadable."""
    from authoring.importer.html import looks_like_html, read_html

    body = read_html(data) if looks_like_html(data) else read_body(open_docx(data))
    form = read_form(body, style)
    finance = read_finance(form.finance, style["short_name"]) if form.finance else None
    if form.finance is None:
        form.notes.append(Note("finance", "no finance table (a table with a 'Funded by' row) "
                               "found: finance left out"))
    if not (form.summary or form.recommendations or form.sections):
        form.notes.append(Note("paper", "this does not look like a decision paper: no summary, "
                               "recommendations or numbered sections were found"))
    return assemble(form, finance, style, spec_name)
