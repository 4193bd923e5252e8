"""Accessibility checks over a DOCX, after Word's Accessibility Checker and GOV.UK guidance.

Returns failures as (check, message) pairs; an empty list passes.
"""

from __future__ import annotations

import re
import zipfile

from lxml import etree

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "dc": "http://purl.org/dc/elements/1.1/",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
}
W = "{%s}" % NS["w"]


def _lum(hexrgb: str) -> float:
    def ch(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hexrgb[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)


def contrast(fg: str, bg: str = "FFFFFF") -> float:
    hi, lo = sorted((_lum(fg), _lum(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def check(path, lang: str = "en-GB") -> list[tuple[str, str]]:
    fails: list[tuple[str, str]] = []
    with zipfile.ZipFile(path) as z:
        doc = etree.fromstring(z.read("word/document.xml"))
        styles = etree.fromstring(z.read("word/styles.xml"))
        core = etree.fromstring(z.read("docProps/core.xml"))
        everything = b"".join(z.read(n) for n in z.namelist() if n.endswith(".xml"))
    x = lambda el, p: el.xpath(p, namespaces=NS)  # noqa: E731

    if not "".join(x(core, "dc:title/text()")).strip():
        fails.append(("title", "no dc:title in the core properties"))
    if "".join(x(core, "dc:language/text()")) != lang:
        fails.append(("language", f"core property language is not {lang}"))
    if not "".join(x(core, "dc:subject/text()")).strip():
        fails.append(("subject", "no dc:subject in the core properties"))
    if b"python-docx" in everything.lower():
        fails.append(("properties", "'python-docx' is left in the package"))
    default_lang = x(styles, "w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val")
    if default_lang != [lang]:
        fails.append(("language", f"default proofing language is {default_lang}, not {lang}"))

    names = {s.get(W + "styleId"): "".join(x(s, "w:name/@w:val")) for s in x(styles, "w:style")}
    previous = 0
    for p in x(doc, "//w:body//w:p"):
        sid = "".join(x(p, "w:pPr/w:pStyle/@w:val"))
        m = re.fullmatch(r"heading (\d)", names.get(sid, "").lower())
        text = "".join(x(p, ".//w:t/text()")).strip()
        if m:
            level = int(m.group(1))
            if not text:
                fails.append(("headings", f"empty Heading {level}"))
            if level > previous + 1:
                fails.append(("headings", f"Heading {level} after Heading {previous}: '{text}'"))
            previous = level
        in_cell = bool(x(p, "ancestor::w:tc"))
        if not text and not in_cell and not x(p, "w:pPr/w:sectPr") and not x(p, ".//w:fldChar|.//w:tab"):
            fails.append(("spacing", "an empty paragraph (spacing belongs in styles)"))
    if previous == 0:
        fails.append(("headings", "no heading styles used"))

    for i, tbl in enumerate(x(doc, "//w:tbl"), 1):
        rows = x(tbl, "w:tr")
        if not rows or not x(rows[0], "w:trPr/w:tblHeader"):
            fails.append(("tables", f"table {i}: first row not marked as a header row"))
        if x(tbl, ".//w:gridSpan|.//w:vMerge"):
            fails.append(("tables", f"table {i}: merged cells"))

    for colour in set(x(doc, "//w:color/@w:val") + x(styles, "//w:color/@w:val")):
        if re.fullmatch(r"[0-9A-Fa-f]{6}", colour) and contrast(colour) < 4.5:
            fails.append(("contrast", f"text colour #{colour} is {contrast(colour):.2f}:1 on white"))
    return fails
