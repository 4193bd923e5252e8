"""The body of a DOCX as a flat list of paragraphs and tables, the way a reader sees it.

Tracked insertions are kept and deletions dropped (the paper as it would read with every change
accepted); both are counted so the import can say so. Comments are collected to be reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docx.oxml.ns import qn
from lxml import etree

from authoring.importer.inline import docx_segments, drop_prefix, markup, plain
from authoring.docxsafe import parser
from authoring.importer.package import Package

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NUMBER = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,3})*)\.?(?:\t|\s+|$)")
BULLET = re.compile(r"^\s*[•·▪◦‣\-–o]\s+")


@dataclass
class Para:
    text: str
    style: str = ""
    bold: bool = False          # every visible run is bold: a heading made by hand
    list_kind: str = ""         # "number" or "bullet" (Word numbering or a list style)
    number: str = ""            # a number typed at the start ("1.1"), removed from text
    index: int = 0              # position in the body, for messages
    rich: str = ""              # the text as spec prose: escaped, with **bold**, *italic*, links


@dataclass
class Table:
    rows: list[list[str]]
    cells: list[list[list[str]]] = field(default_factory=list)  # each cell's paragraphs
    index: int = 0


@dataclass
class Body:
    blocks: list = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    insertions: int = 0
    deletions: int = 0
    footnotes: int = 0          # footnote and endnote references: their text is not imported


def read_body(pkg: Package) -> Body:
    doc = pkg.document
    body = Body()
    styles = {s.get(qn("w:styleId")): (s.find(qn("w:name")).get(qn("w:val"))
                                       if s.find(qn("w:name")) is not None else "")
              for s in doc.styles.element.iterfind(qn("w:style"))}
    formats = _numbering_formats(doc)
    links = {rid: rel.target_ref for rid, rel in doc.part.rels.items() if rel.is_external}
    root = doc.element.body
    body.insertions = len(root.findall(f".//{W}ins"))
    body.deletions = len(root.findall(f".//{W}del"))
    body.footnotes = len(root.findall(f".//{W}footnoteReference")) + len(
        root.findall(f".//{W}endnoteReference"))
    for n, el in enumerate(_blocks(root)):
        if el.tag == f"{W}p":
            body.blocks.append(_para(el, styles, formats, n, links))
        else:
            cells = [[[_text(p) for p in tc.iter(f"{W}p")] if not _continues(tc) else [""]
                      for tc in tr.iterfind(f"{W}tc")] for tr in el.iterfind(f"{W}tr")]
            rows = [[" ".join(t for t in c if t).strip() for c in row] for row in cells]
            body.blocks.append(Table(rows, cells, n))
    for section in doc.sections:
        for part in (section.header, section.footer):
            body.headers += [_text(p._p) for p in part.paragraphs]
    if "word/comments.xml" in pkg.parts:
        comments = etree.fromstring(pkg.parts["word/comments.xml"], parser())
        for c in comments.iterfind(f"{W}comment"):
            text = " ".join(_text(p) for p in c.iter(f"{W}p")).strip()
            body.comments.append(f"{c.get(f'{W}author', 'someone')}: {text}")
    return body


def _blocks(root):
    """Paragraphs and tables in reading order; content controls and insertions are opened, and
    so are one-column tables (a box drawn round the summary is layout, not a table)."""
    for el in root:
        if el.tag == f"{W}tbl" and all(len(tr.findall(f"{W}tc")) == 1 for tr in el.iterfind(f"{W}tr")):
            for tc in el.iterfind(f"{W}tr/{W}tc"):
                yield from _blocks(tc)
        elif el.tag in (f"{W}p", f"{W}tbl"):
            yield el
        elif el.tag in (f"{W}sdt", f"{W}ins", f"{W}customXml"):
            content = el.find(f"{W}sdtContent")
            yield from _blocks(content if content is not None else el)


def _continues(tc) -> bool:
    """A cell merged into the one above it (its text belongs to that one)."""
    vm = tc.find(f"{W}tcPr/{W}vMerge")
    return vm is not None and vm.get(f"{W}val") in (None, "continue")


def _text(p) -> str:
    return plain(docx_segments(p, {}))


def _para(p, styles: dict, formats: dict, index: int, links: dict[str, str]) -> Para:
    ppr = p.find(f"{W}pPr")
    sid = ppr.find(f"{W}pStyle") if ppr is not None else None
    style = styles.get(sid.get(f"{W}val"), sid.get(f"{W}val")) if sid is not None else ""
    segments = docx_segments(p, links)
    text = plain(segments)
    list_kind = ""
    num = ppr.find(f"{W}numPr") if ppr is not None else None
    if num is not None and num.find(f"{W}numId") is not None:
        num_id = num.find(f"{W}numId").get(f"{W}val")
        lvl = num.find(f"{W}ilvl")
        fmt = formats.get((num_id, lvl.get(f"{W}val") if lvl is not None else "0"), "decimal")
        list_kind = "" if num_id == "0" else ("bullet" if fmt == "bullet" else "number")
    elif "Bullet" in style:
        list_kind = "bullet"
    elif style.startswith("List Number"):
        list_kind = "number"
    number, kind, cut = typed_prefix(text)
    list_kind = kind or list_kind
    text, segments = text[cut:], drop_prefix(segments, cut)
    runs = [r for r in p.iter(f"{W}r") if "".join(t.text or "" for t in r.iter(f"{W}t")).strip()]
    bold = bool(runs) and all(_is_bold(r) for r in runs)
    return Para(" ".join(text.split()), style, bold, list_kind, number, index, markup(segments))


def typed_prefix(text: str) -> tuple[str, str, int]:
    """A number ("1.1", "3.") or bullet typed before a paragraph's text: (number, "bullet" or
    "", characters to cut)."""
    m = NUMBER.match(text)
    if m and (m.group(0).endswith(("\t", " ")) or m.group(0).strip().endswith(".")):
        return m.group(1), "", m.end()
    if b := BULLET.match(text):
        return "", "bullet", b.end()
    return "", "", 0


def _is_bold(run) -> bool:
    b = run.find(f"{W}rPr/{W}b")
    return b is not None and b.get(f"{W}val") not in ("0", "false", "off")


def _numbering_formats(doc) -> dict:
    """(numId, level) → numFmt ("bullet", "decimal" …), from the numbering part."""
    try:
        numbering = doc.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract = {}
    for a in numbering.iterfind(qn("w:abstractNum")):
        for lvl in a.iterfind(qn("w:lvl")):
            fmt = lvl.find(qn("w:numFmt"))
            abstract[(a.get(qn("w:abstractNumId")), lvl.get(qn("w:ilvl")))] = (
                fmt.get(qn("w:val")) if fmt is not None else "decimal")
    out = {}
    for num in numbering.iterfind(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        if ref is None:
            continue
        for (aid, lvl), fmt in abstract.items():
            if aid == ref.get(qn("w:val")):
                out[(num.get(qn("w:numId")), lvl)] = fmt
    return out
