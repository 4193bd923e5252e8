"""The paper as the organisation circulates and signs it: a DOCX built on the house style's
reference document, so fonts, headings, margins and page size come from that file."""

from __future__ import annotations

import io
import re
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from authoring import format as fmt
from authoring.model.paper import Paper, Paragraph, Prose, Span
from authoring.model.text import plain_text
from authoring.render.reproducible import build_time, normalise_zip

# Characters XML 1.0 cannot hold; a spec could carry them, a DOCX must not.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _reference(path: Path) -> bytes:
    """The reference document's bytes, checked first (PCD063) whichever command builds a DOCX:
    `build`, `build --pdf` and `site --pdf` all come through here."""
    from authoring.render.reference import reference_bytes

    return reference_bytes(path)


def _without_body(doc) -> None:
    """Keep the reference document's styles, numbering, headers, footers and page setup, but
    none of its body: what it says (and any field or picture in it) never reaches a paper.
    Relationships only the body used (its pictures, links, objects) go with it."""
    body = doc.element.body
    used = {value for el in body.iter() for name, value in el.attrib.items() if name.startswith(R)}
    section = body.find(qn("w:sectPr"))  # the last section's page size and margins
    for child in list(body):
        if child is not section:
            body.remove(child)
    still = {value for el in doc.element.iter() for name, value in el.attrib.items()
             if name.startswith(R)}
    for rid in used - still:
        if rid in doc.part.rels:
            del doc.part.rels[rid]


def render_docx(paper: Paper) -> bytes:
    """Return the paper's DOCX bytes: the same paper gives the same bytes."""
    return _package(paper, Writer.write, f"{paper.reference}: {paper.title}", paper.heading)


def render_part2_docx(paper: Paper) -> bytes:
    """The separate Part 2 form, for the decision maker only: no public output includes it."""
    return _package(paper, Writer.write_part2, f"{paper.reference}: Part 2 (confidential)",
                    plain_text(paper.boilerplate["part2_heading"].spans))


def _package(paper: Paper, fill, title: str, subject: str) -> bytes:
    doc = Document(io.BytesIO(_reference(paper.style.file("reference.docx"))))
    _without_body(doc)
    fill(Writer(doc, paper))
    props = doc.core_properties
    props.title, props.subject = clean(title), clean(subject)
    props.author = props.last_modified_by = clean(paper.style["organisation"])
    props.language = "en-GB"
    props.category = clean(paper.style["decision_type"])
    # One keyword, the form's name: LibreOffice (and so the PDF) splits keywords at spaces and
    # commas, so the phrase is held together with no-break spaces.
    props.keywords = props.category.replace(" ", "\u00a0")
    props.comments = ""
    props.created = props.modified = build_time()
    props.revision = 1
    out = io.BytesIO()
    doc.save(out)
    return normalise_zip(out.getvalue())


def clean(text: str) -> str:
    return XML_INVALID.sub("\ufffd", text)


class Writer:
    def __init__(self, doc, paper: Paper) -> None:
        self.doc, self.paper, self.style = doc, paper, paper.style
        self.texts = paper.boilerplate
        self.link_ids: dict = {}  # part -> (url -> relationship id, [next id to try])
        # python-docx looks a style up by walking every style on each use; do it once.
        root = doc.styles.element
        self.style_ids = {
            el.get(qn("w:styleId")): el.get(qn("w:styleId")) for el in root.iterfind(qn("w:style"))}
        self.style_ids.update({
            name.get(qn("w:val")): name.getparent().get(qn("w:styleId"))
            for name in root.iterfind(f"{qn('w:style')}/{qn('w:name')}")})

    def add_paragraph(self, style: str | None = None, container=None):
        """A new paragraph, its style set by id (python-docx's by-name lookup is slow)."""
        par = container.add_paragraph() if container else self._body_paragraph()
        if style:
            from docx.styles import BabelFish  # Word's UI names ("Heading 1") vs stored ones

            sid = self.style_ids.get(style) or self.style_ids[BabelFish.ui2internal(style)]
            par._p.get_or_add_pPr().get_or_add_pStyle().val = sid
        return par

    def _body_paragraph(self):
        """A paragraph at the body's end. python-docx looks for the closing section properties
        among all the body's children on each call (40,000 paragraphs took minutes); they are
        found once here."""
        from docx.text.paragraph import Paragraph

        body = self.doc.element.body
        if not hasattr(self, "_body_end"):
            self._body_end = body.find(qn("w:sectPr"))
        p = OxmlElement("w:p")
        if self._body_end is None:
            body.append(p)
        else:
            self._body_end.addprevious(p)
        return Paragraph(p, self.doc._body)

    # -- inline ---------------------------------------------------------------------------------
    def spans(self, par, spans: tuple[Span, ...]) -> None:
        # A DOCX has no <abbr>: the first use is written out, and runs that look alike merge.
        runs: list[list] = []
        for s in spans:
            text = f"{s.abbr} ({s.text})" if s.expand else s.shown
            href = s.href if s.href and not s.href.startswith("#") else ""
            if runs and runs[-1][1:] == [s.bold, s.italic, href]:
                runs[-1][0] += text
            else:
                runs.append([text, s.bold, s.italic, href])
        for text, bold, italic, href in runs:
            if href:
                self.link(par, clean(text), href, bold, italic)
                continue
            run = par.add_run(clean(text))
            if bold:
                run.bold = True
            if italic:
                run.italic = True

    def link(self, par, text: str, url: str, bold: bool, italic: bool) -> None:
        rid = self._relate(par.part, url)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), rid)
        run = par.add_run(text)
        run._r.get_or_add_rPr().get_or_add_rStyle().val = self._hyperlink_style()
        run.bold, run.italic = bold or None, italic or None
        link.append(run._r)
        par._p.append(link)

    def _relate(self, part, url: str) -> str:
        """The id of the part's relationship to `url`, added once. python-docx's relate_to scans
        every relationship for a match and for a free id on each call: 10,000 links took 26 s."""
        if part not in self.link_ids:  # links the part already has are reused, as before
            self.link_ids[part] = ({r.target_ref: r.rId for r in reversed(part.rels.values())
                                    if r.is_external and r.reltype == RT.HYPERLINK}, [1])
        known, taken = self.link_ids[part]
        if url not in known:
            while f"rId{taken[0]}" in part.rels:  # the lowest free id, as python-docx picks it
                taken[0] += 1
            known[url] = part.rels.add_relationship(RT.HYPERLINK, url, f"rId{taken[0]}",
                                                    is_external=True).rId
        return known[url]

    def _hyperlink_style(self) -> str:
        """The reference document's Hyperlink style; one is added if a replacement lacks it."""
        from docx.enum.style import WD_STYLE_TYPE
        from docx.shared import RGBColor

        if "Hyperlink" not in self.style_ids:
            st = self.doc.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
            st.font.color.rgb = RGBColor(0x1D, 0x4E, 0x89)
            st.font.underline = True
            self.style_ids["Hyperlink"] = st.style_id
        return self.style_ids["Hyperlink"]

    def para(self, prose: Prose | None = None, style: str | None = None, text: str = "",
             label: str = ""):
        p = self.add_paragraph(style)
        if label:
            p.add_run(clean(label)).bold = True
            p.add_run(" ")
        if text:
            p.add_run(clean(text))
        if prose is not None:
            self.spans(p, prose.spans)
        return p

    def heading(self, text: str, level: int) -> None:
        self.add_paragraph(f"Heading {level}").add_run(clean(text))

    # -- blocks ---------------------------------------------------------------------------------
    def paragraph(self, p: Paragraph) -> None:
        if p.number:
            par = self.add_paragraph("Numbered Paragraph")
            par.add_run(f"{p.number}\t")
            self.spans(par, p.text.spans)
        else:
            self.para(p.text)
        for b in p.bullets:
            self.para(b, "List Bullet")
        if p.table:
            self.finance_table()

    def finance_table(self) -> None:
        from authoring.model.table import table_of

        tb = table_of(self.paper)
        self.para(self.texts["table_caption"], "Caption")
        rows = [(tb.item, *tb.columns, "head")]
        cells = lambda row: [fmt.number(v, tb.pence) for v in row.cells]  # noqa: E731
        rows += [(r.label, *cells(r), r.kind) for r in tb.costs]
        rows += [(tb.funded_by, *tb.columns, "sub")]
        rows += [(r.label, *cells(r), r.kind) for r in tb.funding]
        amounts = len(tb.columns)
        label_width = 12.5 if amounts == 1 else max(5.0, 16.5 - 2.8 * amounts)
        table = self.table([row[:-1] for row in rows],
                           widths=(label_width, *([4.0] if amounts == 1 else [2.8] * amounts)))
        for row, kind in zip(table.rows, (r[-1] for r in rows)):
            for cell in row.cells[1:]:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if kind:
                for cell in row.cells:
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
        for note in tb.notes:
            self.para(text=note)

    def table(self, rows: list[tuple], widths: tuple[float, ...]):
        from docx.shared import Cm

        table = self.doc.add_table(rows=len(rows), cols=len(widths))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        for column, width in zip(table.columns, widths):
            column.width = Cm(width)  # the grid, which LibreOffice reads
        for i, (tr, values) in enumerate(zip(table.rows, rows)):
            for cell, value, width in zip(tr.cells, values, widths):
                cell.width = Cm(width)  # the cells, which Word reads
                if isinstance(value, str):
                    cell.paragraphs[0].add_run(clean(value)).bold = i == 0 or None
                else:
                    value(cell)
        header = OxmlElement("w:tblHeader")  # repeat on each page; marks it a header for AT
        table.rows[0]._tr.get_or_add_trPr().append(header)
        return table

    def word(self, key: str) -> str:
        """One of the form's words (a text of the style), as plain text."""
        return plain_text(self.texts[key].spans)

    def signature(self, name: str, date) -> None:
        """The signature line, the signatory's name and the date: kept on one page."""
        p = self.add_paragraph("Signature Line")
        p.paragraph_format.keep_with_next = True
        p.add_run(clean(self.word("signature_label"))).bold = True
        line = p.add_run("\t")
        line.font.underline = True
        if name:
            self.para(label=self.word("name_label"), text=name).paragraph_format.keep_with_next = True
        self.para(label=self.word("date_label"), text=fmt.date(date) if date else "")

    # -- the paper --------------------------------------------------------------------------------
    def write(self) -> None:
        """The form's blocks in the order the house style gives (model/form.py)."""
        paper = self.paper
        self.header_footer()
        self.heading(paper.heading, 1)
        self.para(label=self.word("title_label"), text=paper.title)
        signers = {s.role: s for s in paper.signatures}
        for block in paper.form:
            if block in signers:
                self.signatory(signers[block])
            else:
                getattr(self, "block_" + block)()

    def block_front_sheet(self) -> None:
        paper = self.paper
        if not paper.fields and not paper.portfolio:
            return
        self.heading(self.word("front_sheet_heading"), 2)
        rows = [(self.word("portfolio_label"), paper.portfolio)] if paper.portfolio else []
        rows += [(f.label, f.shown) for f in paper.fields]
        table = self.table(rows, widths=(5.5, 11))
        # A front sheet has no header row: its first column labels each row.
        header = table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
        header.getparent().remove(header)
        for row in table.rows:
            row.cells[0].paragraphs[0].runs[0].bold = True
            if row.cells[1].paragraphs[0].runs:
                row.cells[1].paragraphs[0].runs[0].bold = None

    def block_summary(self) -> None:
        self.heading(self.texts["summary_heading"].source, 2)
        for p in self.paper.summary:
            self.paragraph(p)

    def block_recommendations(self) -> None:
        t = self.texts
        self.heading(t["recommendations_heading"].source, 2)
        self.para(t["recommendations_intro"])
        for r in self.paper.recommendations:
            self.para(r.text, "List Number")
            for bullet in r.bullets:  # indented under its number: part of the recommendation
                from docx.shared import Cm

                self.para(bullet, "List Bullet").paragraph_format.left_indent = Cm(1.9)

    def signatory(self, sig) -> None:
        """A signatory's block: their title, statement (the decision maker's interests), signature."""
        t, paper = self.texts, self.paper
        self.heading(sig.title, 2)
        kept = []  # the block is kept on one page: a signature never parts from what it signs
        if sig.statement:
            kept.append(self.para(t[sig.statement]))
        if sig.interests:
            kept.append(self.para(paper.interests) if paper.interests else self.para(t["no_interests"]))
        if sig.approval:
            kept.append(self.para(t[sig.approval]))
        for p in kept:
            p.paragraph_format.keep_with_next = True
        self.signature(sig.name, sig.date)

    def block_part1(self) -> None:
        t = self.texts
        self.heading(plain_text(t["part1_heading"].spans), 2)
        for s in self.paper.sections:
            self.heading(f"{s.number}. {s.title}", 3)
            for p in s.paragraphs:
                self.paragraph(p)
            for bp in s.papers:
                self.para(style="List Bullet", text=f"{bp.label}: {bp.ref} – {bp.title}")
            if not s.papers and not s.paragraphs:  # never an empty heading
                self.para(t["no_papers"])

    def block_publication(self) -> None:
        paper, t = self.paper, self.texts
        pub, has = paper.publication, paper.blocks
        yes, no, none = self.word("answer_yes"), self.word("answer_no"), self.word("not_applicable")
        self.heading(t["public_access_heading"].source, 2)
        self.para(t["public_access"])
        if has["deferral"]:
            self.para(t["deferral_note"])
            self.para(label=t["deferral_label"].source)
            self.para(label=t["deferral_question"].source, text=yes if pub.defer else no)
            p = self.para(label=t["deferral_reason"].source)
            if pub.defer and pub.reason:
                self.spans(p, pub.reason.spans)
            else:
                p.add_run(clean(none))
            until = fmt.date(pub.until) if pub.defer and pub.until else none
            self.para(label=t["deferral_until"].source, text=until)
        if has["call_in"]:
            ends = fmt.date(paper.call_in_ends) if paper.call_in_ends else self.word("not_yet_signed")
            self.para(label=self.word("call_in_label"), text=ends)
        if has["part2"]:
            self.para(t["part2_note"], label=t["part2_label"].source)
            self.para(label=t["part2_question"].source, text=yes if pub.part2 else no)
            if pub.part2 and pub.basis:
                self.para(pub.basis, label=self.word("part2_basis_label"))

    def block_declarations(self) -> None:
        t = self.texts
        self.heading(t["declarations_heading"].source, 2)
        rows: list[tuple] = [(t["declarations_statement"].source, t["declarations_tick"].source)]
        for d in self.paper.declarations:
            tick = self.word("confirmed") if d.state != "pending" else self.word("not_confirmed")
            rows.append((self._declaration_cell(d), tick))
        table = self.table(rows, widths=(13, 3.5))
        for row in table.rows[1:]:
            row.cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER

    def write_part2(self) -> None:
        paper, t = self.paper, self.texts
        self.header_footer()
        self.heading(plain_text(t["part2_heading"].spans), 1)
        self.para(label=self.word("title_label"), text=f"{paper.reference}: {paper.title}")
        self.para(t["part2_notice"])
        if paper.publication.part2_summary:
            self.para(paper.publication.part2_summary)
        if paper.publication.part2_figures:
            rows = [(t["table_item"].source, t["table_amount"].source)]
            rows += [(label, fmt.number(amount)) for label, amount in paper.publication.part2_figures]
            self.table(rows, widths=(12.5, 4))

    def _declaration_cell(self, d):
        def fill(cell) -> None:
            par = cell.paragraphs[0]
            par.add_run(clean(d.title)).bold = True
            par.add_run(" ")
            self.spans(par, d.text.spans)
            for note in d.notes:
                self.spans(self.add_paragraph("List Bullet", cell), note.spans)
        return fill

    def header_footer(self) -> None:
        section = self.doc.sections[0]
        head = section.header.paragraphs[0]
        head.text = clean(f"{self.paper.reference} – {self.style['organisation']}")
        foot = section.footer.paragraphs[0]
        foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
        foot.add_run("Page ")
        _field(foot, "PAGE")
        foot.add_run(" of ")
        _field(foot, "NUMPAGES")


def _field(par, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that the reader's application fills in."""
    run = par.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {instruction} "
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)
