"""Make templates/mopac/reference.docx, the house style's Word reference document.

An organisation can replace the file with one edited in Word; this script only makes the
shipped one reproducibly. Run: python scripts/make_reference_docx.py [OUT.docx]
"""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

INK = RGBColor(0x0B, 0x0C, 0x0C)  # near-black: 19:1 on white
FONT = "Arial"


def plain_font(style, size: float, bold: bool = False) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = INK
    fonts = style.element.get_or_add_rPr().find(qn("w:rFonts"))
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn("w:" + attr), None)  # theme fonts would override Arial


def main(out: Path) -> None:
    doc = Document()
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-GB")
    lang.set(qn("w:eastAsia"), "en-GB")
    lang.set(qn("w:bidi"), "ar-SA")

    styles = doc.styles
    plain_font(styles["Normal"], 12)
    styles["Normal"].paragraph_format.space_after = Pt(8)
    styles["Normal"].paragraph_format.line_spacing = 1.15
    for name, size in (("Title", 20), ("Heading 1", 18), ("Heading 2", 15), ("Heading 3", 13)):
        plain_font(styles[name], size, bold=True)
        styles[name].paragraph_format.space_before = Pt(14)
        styles[name].paragraph_format.space_after = Pt(6)
        styles[name].paragraph_format.keep_with_next = True
    title_border = styles["Title"].element.find(qn("w:pPr"))
    if title_border is not None and title_border.find(qn("w:pBdr")) is not None:
        title_border.remove(title_border.find(qn("w:pBdr")))
    for name in ("List Number", "List Bullet", "Caption", "Header", "Footer"):
        plain_font(styles[name], 11 if name in ("Header", "Footer") else 12, bold=name == "Caption")

    para = styles.add_style("Numbered Paragraph", WD_STYLE_TYPE.PARAGRAPH)
    para.base_style = styles["Normal"]
    para.paragraph_format.left_indent = Cm(1.25)
    para.paragraph_format.first_line_indent = Cm(-1.25)
    para.paragraph_format.tab_stops.add_tab_stop(Cm(1.25))
    para.paragraph_format.space_before = Pt(6)
    bullet = styles["List Bullet"]
    bullet.paragraph_format.left_indent = Cm(1.9)

    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor(0x1D, 0x4E, 0x89)  # 8.6:1 on white
    link.font.underline = True  # a link is not shown by colour alone

    sig = styles.add_style("Signature Line", WD_STYLE_TYPE.PARAGRAPH)
    sig.base_style = styles["Normal"]
    sig.paragraph_format.space_before = Pt(18)
    sig.paragraph_format.tab_stops.add_tab_stop(Cm(12))

    # python-docx's template has pale theme colours on many styles (2.9:1 and worse): make every
    # styled colour the ink colour, so no style an author picks can fail contrast.
    for colour in doc.styles.element.iter(qn("w:color")):
        colour.set(qn("w:val"), str(INK))
        for attr in ("themeColor", "themeShade", "themeTint"):
            colour.attrib.pop(qn("w:" + attr), None)

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    section.top_margin = section.bottom_margin = Cm(2.2)

    keep_styles(doc)
    props = doc.core_properties
    props.author = props.last_modified_by = ""
    props.comments = props.keywords = props.subject = props.title = ""
    props.language = "en-GB"
    doc.save(out)
    drop_parts(out, ("word/stylesWithEffects.xml", "docProps/thumbnail.jpeg"))


# The styles pcd uses, and those Word expects to find; python-docx's template has ~160 more,
# which every build would otherwise parse and write again (344 KB of styles.xml).
USED = {"Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Number", "List Bullet",
        "Caption", "Header", "Footer", "Table Grid", "Normal Table", "Default Paragraph Font",
        "No List", "Numbered Paragraph", "Signature Line", "Hyperlink", "Header Char",
        "Footer Char", "Title Char", "Heading 1 Char", "Heading 2 Char", "Heading 3 Char",
        "List Paragraph", "Table Normal"}


def keep_styles(doc) -> None:
    root = doc.styles.element
    latent = root.find(qn("w:latentStyles"))
    if latent is not None:
        root.remove(latent)
    by_id = {el.get(qn("w:styleId")): el for el in root.iterfind(qn("w:style"))}
    keep: set[str] = set()
    for sid, el in by_id.items():
        if _name(el) in USED:
            while sid and sid not in keep:  # and every style it is based on or linked to
                keep.add(sid)
                for link in ("w:basedOn", "w:link", "w:next"):
                    ref = by_id[sid].find(qn(link))
                    if ref is not None and ref.get(qn("w:val")) in by_id:
                        keep.add(ref.get(qn("w:val")))
                based = by_id[sid].find(qn("w:basedOn"))
                sid = based.get(qn("w:val")) if based is not None else None
    for sid, el in by_id.items():
        if sid not in keep:
            root.remove(el)


def _name(el) -> str:
    from docx.styles import BabelFish

    name = el.find(qn("w:name"))
    return BabelFish.internal2ui(name.get(qn("w:val"))) if name is not None else ""


def drop_parts(path: Path, names: tuple[str, ...]) -> None:
    """Remove package parts Word does not need, with their relationships and content types."""
    with zipfile.ZipFile(path) as z:
        entries = {i.filename: z.read(i.filename) for i in z.infolist()}
    for name in names:
        entries.pop(name, None)
        target = name.split("/", 1)[1] if name.startswith("word/") else name
        pattern = re.compile(rb'<Relationship [^>]*Target="/?' + re.escape(target.encode()) + rb'"[^>]*/>')
        for rels in [n for n in entries if n.endswith(".rels")]:
            entries[rels] = pattern.sub(b"", entries[rels])
        entries["[Content_Types].xml"] = re.sub(
            rb'<Override [^>]*PartName="/' + re.escape(name.encode()) + rb'"[^>]*/>', b"",
            entries["[Content_Types].xml"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "templates/mopac/reference.docx"))
