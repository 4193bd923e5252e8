"""From DOCX (or saved web page) bytes to spec text and notes: the whole import, with no file I/O."""

from __future__ import annotations

import re

from authoring.importer.blocks import Body, Para, read_body
from authoring.importer.common import Note
from authoring.importer.form import read_form
from authoring.importer.package import open_docx
from authoring.importer.spec import assemble
from authoring.importer.table import read_finance


def import_docx(data: bytes, spec_name: str, styles: dict,
                style_dirs: tuple[str, ...] = ()) -> tuple[str, list[Note]]:
    """Return the spec's YAML and what the officer must look at. Raises Unreadable.

    `styles` maps house-style names to styles; the paper's form is the one whose code ("PCD",
    "MD") its opening names, else the first given."""
    from authoring.importer.html import looks_like_html, read_html

    body = read_html(data) if looks_like_html(data) else read_body(open_docx(data))
    name = which_style(body, styles)
    style = styles[name]
    form = read_form(body, style)
    form.house_style = name
    finance = read_finance(form.finance, style["short_name"]) if form.finance else None
    if form.finance is None:
        form.notes.append(Note("finance", "no finance table (a table with a 'Funded by' row) "
                               "found: finance left out"))
    if not (form.summary or form.recommendations or form.sections):
        form.notes.append(Note("paper", "this does not look like a decision paper: no summary, "
                               "recommendations or numbered sections were found"))
    return assemble(form, finance, style, spec_name, style_dirs)


def which_style(body: Body, styles: dict) -> str:
    opening = " ".join([b.text for b in body.blocks[:15] if isinstance(b, Para)] + body.headers)
    found = [(m.start(), name) for name, st in styles.items()
             if (m := re.search(rf"\b{re.escape(st['code'])}\s*\d+", opening))]
    return min(found)[1] if found else next(iter(styles))
