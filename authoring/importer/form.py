"""Recognise the parts of the form in a flat body: the heading, summary, recommendations,
numbered sections, public-access block, declarations and signatures."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field

from authoring.importer.blocks import Body, Para, Table
from authoring.importer.common import DATE_SLASH, DATE_WORDS, Note, escape, norm, parse_date

PAPER = re.compile(r"^(?:appendix\s*\d+\s*[:.–-]?\s*)?(.+?)\s+[–—-]\s+(.+)$", re.IGNORECASE)
NOT_APPLICABLE = {"", "n/a", "na", "not applicable", "none", "nil", "-", "–"}
NO_PAPERS = re.compile(r"^(there are )?no (background |supporting )*(papers|documents)\b")
# A line of the signature block: "Signature", "Date 04/06/2025", "Signature    Date 04/06/2025".
SIGNING = re.compile(r"(?i)^(date|signature|signed|name)\b")


@dataclass
class Section:
    id: str
    paragraphs: list = field(default_factory=list)   # dicts: text, bullets, table, where


@dataclass
class Form:
    """What was found, still as text; `spec` turns it into the spec's shape."""
    house_style: str = ""
    reference: str = ""
    title: str = ""
    decision_maker: str = ""
    summary: list[tuple[str, str]] = field(default_factory=list)          # (text, where)
    recommendations: list[tuple[str, str]] = field(default_factory=list)
    interests: str = ""
    dates: dict[str, dt.date] = field(default_factory=dict)
    sections: dict[str, Section] = field(default_factory=dict)
    papers: list[dict] = field(default_factory=list)
    publication: dict = field(default_factory=dict)
    part2: bool | None = None
    declarations: dict = field(default_factory=dict)
    officer: str = ""
    finance: Table | None = None
    tables: list[Table] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


def filled(text: str) -> re.Pattern:
    """A house-style text as a pattern that matches it with its {references} filled in."""
    parts = re.split(r"\{[^{}]*\}", " ".join(str(text).split()))
    return re.compile(".+?".join(re.escape(part) for part in parts))


class Reader:
    def __init__(self, style) -> None:
        self.style, self.form = style, Form()
        self.state = "top"
        self.section: Section | None = None
        self.awaiting_date = ""  # "Date" typed with its date in the next cell or line
        # Notes pcd writes under its finance table (VAT, which part is new money): they come
        # back when the spec is built, so they are not the author's paragraphs.
        self.table_notes = [filled(style["texts"][k]) for k in ("vat_exclusive", "vat_inclusive", "new_money")
                            if style["texts"].get(k)]
        self.titles = {norm(s["title"]): s["id"] for s in style.sections}
        self.papers_id = next((s["id"] for s in style.sections if s.get("papers")), "")
        auth = style.authorities
        self.authority_titles = {norm(a["title"]): k for k, a in auth.items()}
        self.ceo = style["chief_executive"]
        texts = style["texts"]
        self.form_words = {norm(str(v)) for v in texts.values() if isinstance(v, str)}
        # The style's own headings, then the words papers of any age use for them.
        self.headings = [(norm(str(texts.get(key, "")).split("{")[0]), kind) for key, kind in (
            ("summary_heading", "summary"), ("recommendations_heading", "recommendations"),
            ("public_access_heading", "publication"), ("declarations_heading", "declarations"))]
        self.headings += [(norm(str(style["part1_heading"]).split("{")[0]), "part1"),
                          ("executive summary", "summary"), ("recommendation", "recommendations"),
                          ("non confidential facts", "part1"),
                          ("public access to information", "publication"),
                          ("originating officer declaration", "declarations")]

    def note(self, where: str, message: str) -> None:
        self.form.notes.append(Note(where, message))

    # -- headings -------------------------------------------------------------------------------
    def heading_kind(self, p: Para) -> str | None:
        n = norm(p.text)
        code = self.style["code"].lower()
        if re.search(rf"\b{code}\s*\d+", p.text.lower()) and self.state == "top" and not \
                self.form.reference:
            return "reference"  # "DMPC Decision – PCD 1843", or a web page's "PCD 1843 Title …"
        if n == "summary":
            return "summary"
        for words, kind in self.headings:
            if words and n.startswith(words):
                return kind
        if p.text.lower().startswith("part i") and "confidential" in n:
            return "part1"
        if n in self.authority_titles:
            return "signatory"
        if self.section_id(p.text):
            return "section"
        return None

    def section_id(self, text: str) -> str:
        n = norm(text)
        if not n or len(n) > 80:
            return ""
        if n in self.titles:
            return self.titles[n]
        best = difflib.get_close_matches(n, list(self.titles), n=1, cutoff=0.75)
        if best:
            return self.titles[best[0]]
        for title, sid in self.titles.items():  # "Financial Comments" vs "Finance comments"
            if n.split()[0][:5] == title.split()[0][:5] and len(n.split()) <= 5:
                return sid
        return ""

    def is_heading(self, p: Para) -> bool:
        s = p.style.lower()
        if s.startswith(("heading", "title")):
            return True
        short = len(p.text) < 120
        return (p.bold and short) or (short and p.number.isdigit() and bool(self.section_id(p.text)))

    def is_form_wording(self, text: str) -> bool:
        """The house style's fixed wording (placeholders filled in differ, so compare a prefix)."""
        n = norm(text)
        return n in self.form_words or any(
            len(w) > 30 and n[:30] == w[:30] for w in self.form_words)

    # -- the walk -------------------------------------------------------------------------------
    def read(self, body: Body) -> Form:
        for block in join_funded_by(body.blocks):
            if isinstance(block, Table):
                self.table(block)
            elif block.text.strip():
                self.para(block)
            elif block.number or (block.list_kind == "number" and self.state == "section"):
                where = block.number or f"paragraph {block.index + 1}"
                self.note(where, "an empty numbered paragraph: left out")
        self.finish(body)
        return self.form

    def para(self, p: Para) -> None:
        f, text = self.form, p.text.strip()
        where = p.number or f"paragraph {p.index + 1}"
        if text.lower().startswith("title:") or (self.state == "top" and text.lower() == "title"):
            f.title = text.split(":", 1)[-1].strip()
            return
        if self.state == "top" and re.match(r"(?i)^(reference|decision maker|date signed)\b", text):
            if (d := parse_date(text)) is not None:  # a web page's summary of the paper
                f.dates.setdefault("decision_maker", d)
            return
        if self.state in ("dm", "ceo") and (SIGNING.match(text) or (
                self.awaiting_date == self.state and only_date(text))):
            self.signing(text, where)
            return
        if self.is_heading(p) and (kind := self.heading_kind(p)):
            self.heading(kind, p)
            return
        if self.state == "publication":
            self.in_publication(p, text, where)
            return
        if self.is_form_wording(text) or re.search(r"(?i)\bis recommended to:?$", text):
            return
        handler = getattr(self, f"in_{self.state}", None)
        if handler:
            handler(p, text, where)
        else:
            self.note(where, f"text outside any part of the form, kept nowhere: {text[:60]!r}")

    def heading(self, kind: str, p: Para) -> None:
        f = self.form
        if kind == "reference":
            m = re.search(rf"(?i)\b{self.style['code']}\s*(\d+)", p.text)
            f.reference = m.group(1) if m else f.reference
            rest = p.text[m.end():].strip(" :–-") if m else ""
            if len(rest.split()) > 2 and not f.title:
                f.title = rest
            short = p.text.split()[0].lower()
            for key, a in self.style.authorities.items():
                if a["short"].lower() == short:
                    f.decision_maker = key
            return
        if kind == "signatory":
            key = self.authority_titles[norm(p.text)]
            if self.state in ("recommendations", "summary", "top") and key != self.ceo:
                f.decision_maker = f.decision_maker or key
                self.state = "dm"
            else:
                self.state = "ceo" if key == self.ceo and self.state != "recommendations" else "dm"
            return
        if kind == "section":
            sid = self.section_id(p.text)
            self.section = f.sections.setdefault(sid, Section(sid))
            self.state = "papers" if sid == self.papers_id else "section"
            return
        self.state = kind

    def signing(self, text: str, where: str) -> None:
        """A line of a signature block: its date wherever it sits ("Signature   Date 04/06/2025",
        "Date" with the date in the next cell, or on the next line)."""
        role = "decision_maker" if self.state == "dm" else "chief_executive"
        if (d := parse_date(text)) is not None:
            self.form.dates.setdefault(role, d)
            self.awaiting_date = ""
            return
        m = re.search(r"(?i)\b(date|signed)\b[\s:.-]*(.*)$", text)
        if m is None:
            return
        if m.group(2).strip():  # something is typed where the date goes, but it is no date
            self.note(where, f"a signature date that cannot be read, not imported: {text[:60]!r}: "
                      f"add signatures.{role}.date")
        else:
            self.awaiting_date = self.state

    def in_summary(self, p: Para, text: str, where: str) -> None:
        self.form.summary.append((p.rich, f"summary paragraph {len(self.form.summary) + 1}"))

    def in_recommendations(self, p: Para, text: str, where: str) -> None:
        text = re.sub(r"^\\?\(?\d+[.)]\s*", "", p.rich)  # "1." or "(1)" typed before it
        self.form.recommendations.append((text, f"recommendation {len(self.form.recommendations) + 1}"))

    def in_dm(self, p: Para, text: str, where: str) -> None:
        text = p.rich
        self.form.interests = text if not self.form.interests else f"{self.form.interests} {text}"
        self.note(where, "kept as the decision maker's declared interests: check it")

    def in_ceo(self, p: Para, text: str, where: str) -> None:
        self.note(where, f"after the Chief Executive's statement, not imported: {text[:60]!r}")

    def in_part1(self, p: Para, text: str, where: str) -> None:
        self.note(where, f"before the first numbered section, not imported: {text[:60]!r}")

    def in_section(self, p: Para, text: str, where: str) -> None:
        sec = self.section
        assert sec is not None
        caption = self.style["table_caption"].replace("{reference}", "").strip().lower()
        # The table's caption is the form's, not the author's; a numbered paragraph that happens
        # to start with the same words ("3.2 Costs and funding of the extension:") is prose.
        if p.style.lower() == "caption" or (caption and not p.number and text.lower().startswith(caption)):
            return
        if not p.number and any(note.fullmatch(" ".join(text.split())) for note in self.table_notes):
            return
        if p.list_kind == "bullet" and sec.paragraphs and not p.number:
            sec.paragraphs[-1]["bullets"].append(p.rich)
            return
        heading = self.is_heading(p)
        if heading:
            self.note(where, f"a heading pcd does not know, kept as a bold paragraph: {text[:60]!r}")
        sec.paragraphs.append({"text": escape(text) if heading else p.rich, "bullets": [],
                               "table": False, "where": where, "heading": heading})

    def in_papers(self, p: Para, text: str, where: str) -> None:
        if norm(text) in NOT_APPLICABLE or NO_PAPERS.match(norm(text)):  # "None.": no paper
            return
        m = PAPER.match(text)
        if m:
            self.form.papers.append({"ref": m.group(1).strip(), "title": m.group(2).strip()})
        else:
            self.form.papers.append({"ref": text, "title": "To be written"})
            self.note(where, f"a background paper without 'REF – title': {text[:60]!r}")

    def in_publication(self, p: Para, text: str, where: str) -> None:
        pub, t = self.form.publication, self.style["texts"]
        label, _, answer = (text.partition("?") if "?" in text else text.partition(":"))
        answer = answer.strip(" :–-").strip()
        n = norm(label)
        if not answer and "–" in text:
            label, _, answer = text.rpartition("–")
            n, answer = norm(label), answer.strip()
        yes = answer.lower().startswith("yes")
        if n.startswith(norm(t["deferral_question"])[:30]):
            pub["defer"] = yes
        elif n.startswith(norm(t["deferral_reason"])[:12]):
            if answer.lower() not in NOT_APPLICABLE:
                pub["reason"] = escape(answer)
        elif n.startswith(norm(t["deferral_until"])[:10]):
            if (d := parse_date(answer)) is not None:
                pub["until"] = d
        elif "part 2 form" in n:
            self.form.part2 = yes
        elif not self.is_form_wording(text) and not text.rstrip(":").lower().startswith("part"):
            self.note(where, f"in the public access block, not recognised: {text[:60]!r}")

    # -- tables ---------------------------------------------------------------------------------
    def table(self, t: Table) -> None:
        labels = [norm(r[0]) for r in t.rows if r]
        if self.state == "declarations" or (labels and labels[0].startswith("originating officer")):
            self.declarations(t)
        elif any(lb.startswith("funded by") for lb in labels) and self.form.finance is None:
            self.form.finance = t
            if self.section is not None and self.section.paragraphs:
                self.section.paragraphs[-1]["table"] = True
        elif self.state != "section":
            # A form laid out in a table ("Title: | …", "Deferred? | No"): read row by row.
            for row in t.rows:
                text = " ".join(c for c in row if c)
                if text:
                    self.para(Para(text, index=t.index, rich=escape(text)))
        else:
            self.form.tables.append(t)
            where = f"table {len(self.form.tables)}"
            self.note(where, "a table pcd does not recognise: its rows are kept as paragraphs")
            if self.section is not None:
                for row in t.rows:
                    cells = [c for c in row if c]
                    if cells:
                        self.section.paragraphs.append({"text": escape(" – ".join(cells)),
                                                        "bullets": [], "table": False, "where": where})

    def declarations(self, t: Table) -> None:
        from authoring.importer.declarations import read_declarations

        found, officer, notes = read_declarations(t, self.style.declarations)
        self.form.declarations.update(found)
        self.form.officer = officer or self.form.officer
        self.form.notes += notes

    def finish(self, body: Body) -> None:
        f = self.form
        if not f.reference:
            for text in body.headers:
                if m := re.search(rf"(?i)\b{self.style['code']}\s*(\d+)", text):
                    f.reference = m.group(1)
                    self.note("header", f"the reference {m.group(0)} was read from the page header")
                    break
        if body.insertions or body.deletions:
            self.note("tracked changes", f"{body.insertions} insertion(s) accepted and "
                      f"{body.deletions} deletion(s) applied: check the paper reads as intended")
        if body.footnotes:
            self.note("footnotes", f"{body.footnotes} footnote(s) or endnote(s) not imported: "
                      "put what they say into the paragraphs that cite them")
        for c in body.comments:
            self.note("comment", f"not imported: {c[:100]}")


def only_date(text: str) -> bool:
    """The line is a date and nothing else ("04/06/2025", "4 June 2025.")."""
    if parse_date(text) is None:
        return False
    return not re.sub(r"[\W_]", "", DATE_SLASH.sub("", DATE_WORDS.sub("", text, 1), 1))


def join_funded_by(blocks: list) -> list:
    """A finance table laid out as two tables, costs above a "Funded by:" paragraph and funders
    below it (Word will not break one table across that line), read as the one table it is."""
    out: list = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        j = _next_text(blocks, i + 1)
        k = _next_text(blocks, j + 1)
        if isinstance(block, Table) and j < len(blocks) and isinstance(blocks[j], Para) and \
                norm(blocks[j].text).startswith("funded by") and len(norm(blocks[j].text)) < 20 \
                and k < len(blocks) and isinstance(blocks[k], Table):
            label = blocks[j].text.strip()
            width = max((len(r) for r in block.rows + blocks[k].rows), default=1)
            rows = [*block.rows, [label] + [""] * (width - 1), *blocks[k].rows]
            cells = [*block.cells, [[label]] + [[""]] * (width - 1), *blocks[k].cells]
            out.append(Table(rows, cells, block.index))
            i = k + 1
            continue
        out.append(block)
        i += 1
    return out


def _next_text(blocks: list, i: int) -> int:
    """The index of the next block that is not an empty paragraph (spacing)."""
    while i < len(blocks) and isinstance(blocks[i], Para) and not blocks[i].text.strip():
        i += 1
    return i


def read_form(body: Body, style) -> Form:
    return Reader(style).read(body)
