"""Check a house style's reference.docx before the DOCX renderer opens it.

The reference document may come from another organisation: it must be a plain DOCX package
of modest size that loads nothing from elsewhere, runs nothing, and sets fonts, colours and
page margins a printed paper can use.
"""

from __future__ import annotations

import functools
import io
import os
import re
import zipfile
from pathlib import Path
from stat import S_ISREG

from authoring import docxsafe
from authoring.diagnostics import Diagnostic
from authoring.docxsafe import Refused
from authoring.housestyle import StyleError

MAX_FILE = 10 * 1024 * 1024       # the shipped one is 10 KB; a logo or two fits easily
MAX_PART = 20 * 1024 * 1024       # one part, uncompressed
MAX_UNPACKED = 50 * 1024 * 1024   # all parts together, uncompressed
MAX_RATIO = 100                   # Word's XML compresses about 10 times; a zip bomb 1000 times
MAX_ENTRIES = 500
FONT_PT = (6, 96)                 # font sizes a paper can be read and printed at
PAGE_TWIPS = (2 * 1440, 22 * 1440)  # 2 to 22 inches: from a label to A3 and beyond
MARGIN_TWIPS = (0, 4 * 1440)
COLOUR = re.compile(r"[0-9A-Fa-f]{6}|auto")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


RULES = docxsafe.Rules("the reference document", part=MAX_PART, unpacked=MAX_UNPACKED,
                       ratio=MAX_RATIO, members=MAX_ENTRIES, self_contained=True)
# The paragraph, character and table styles render/docx.py asks for by name: a reference
# document without one could not be used.
STYLES_USED = ("Heading 1", "Heading 2", "Heading 3", "List Bullet", "List Number", "Caption",
               "Numbered Paragraph", "Signature Line", "Table Grid")
TABLE_STYLES = ("Table Grid",)


def check_reference(path: Path) -> None:
    """Raise StyleError (PCD063) if the file is not a plain, safe, sensible DOCX."""
    reference_bytes(path)


def reference_bytes(path: Path) -> bytes:
    """The reference document's bytes, checked: the only way the DOCX renderer reads it, so
    what was checked is what is used (StyleError, PCD063, if it is refused)."""
    try:
        try:
            stat = os.stat(path)
        except FileNotFoundError:
            raise Refused("the house style has no reference document") from None
        if not S_ISREG(stat.st_mode):
            raise Refused("the reference document is not a file")
        if stat.st_size > MAX_FILE:
            raise Refused(f"the reference document is {stat.st_size:,} bytes; at most {MAX_FILE:,} "
                          "are allowed")
        return _checked(str(path), stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino)
    except OSError as exc:
        raise StyleError([Diagnostic("PCD063", f"the reference document cannot be read: "
                                     f"{exc.strerror or exc}", (), "error", str(path))]) from None
    except Refused as exc:
        raise StyleError([Diagnostic("PCD063", str(exc), (), "error", str(path))]) from None


@functools.lru_cache(maxsize=4)
def _checked(path: str, *state: int) -> bytes:
    with open(path, "rb") as fh:
        data = fh.read(MAX_FILE + 1)
    if len(data) > MAX_FILE:  # grown since it was looked at
        raise Refused(f"the reference document is over {MAX_FILE:,} bytes")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise Refused("the reference document is not a DOCX (not a zip package, or truncated)") from None
    with zf:
        package = docxsafe.read(zf, RULES)
    _sensible_layout(package)
    return data


def _sensible_layout(package: docxsafe.Package) -> None:
    """Fonts, colours and page sizes from the parts the relationships name (not fixed names):
    the main document, its styles, headers, footers, numbering and notes."""
    from lxml import etree

    main = package.main
    styles = package.related(main, "styles")
    if not styles:
        raise Refused(f"{main} has no styles part: it is not a Word document")
    shown = [main, *(p for p in package.related(main) if p in package.xml)]
    trees = {name: etree.fromstring(package.xml[name], docxsafe.parser()) for name in dict.fromkeys(shown)}
    for name in styles:
        if name not in trees:
            raise Refused(f"{name} is not XML: it is not a Word document's styles")
        _has_styles(trees[name], name)
    for name, tree in trees.items():
        for el in tree.iter(f"{W}sz", f"{W}szCs"):
            size = _number(el, name) / 2
            if not FONT_PT[0] <= size <= FONT_PT[1]:
                raise Refused(f"{name}: style '{_style_of(el)}' sets a font size of {size:g} pt, "
                              f"outside {FONT_PT[0]}–{FONT_PT[1]} pt")
        for el in tree.iter(f"{W}color"):
            value = el.get(f"{W}val", "")
            if not COLOUR.fullmatch(value):
                raise Refused(f"{name}: the colour '{value[:20]}' is not six hex digits or 'auto'")
    for el in trees[main].iter(f"{W}pgSz"):
        for side in ("w", "h"):
            if el.get(f"{W}{side}") is not None:
                _in_range(el, main, side, PAGE_TWIPS, "the page size")
    for el in trees[main].iter(f"{W}pgMar"):
        for side in ("top", "bottom", "left", "right"):
            if el.get(f"{W}{side}") is not None:
                _in_range(el, main, side, MARGIN_TWIPS, f"the {side} margin")


def _has_styles(root, part: str) -> None:
    """Every style the renderer asks for, found as it finds them: by name (python-docx turns
    Word's "Heading 1" into the stored "heading 1") or by id; the table style must be one."""
    from docx.styles import BabelFish

    known: dict[str, str] = {}
    for el in root.iterfind(f"{W}style"):
        known[el.get(f"{W}styleId", "")] = el.get(f"{W}type", "paragraph")
        for name in el.iterfind(f"{W}name"):
            known[name.get(f"{W}val", "")] = el.get(f"{W}type", "paragraph")
    for style in STYLES_USED:
        kind = known.get(style) or known.get(BabelFish.ui2internal(style))
        if kind is None:
            raise Refused(f"{part}: there is no '{style}' style, which papers use")
        if style in TABLE_STYLES and kind != "table":
            raise Refused(f"{part}: the '{style}' style is not a table style")


def _number(el, part: str, attr: str = "val") -> int:
    value = el.get(f"{W}{attr}", "")
    if not re.fullmatch(r"-?\d{1,9}", value):
        raise Refused(f"{part}: '{value[:20]}' is not a whole number ({attr})")
    return int(value)


def _in_range(el, part: str, attr: str, bounds: tuple[int, int], what: str) -> None:
    value = abs(_number(el, part, attr))
    if not bounds[0] <= value <= bounds[1]:
        raise Refused(f"{part}: {what} is {value / 1440:.2f} in, outside "
                      f"{bounds[0] / 1440:g}–{bounds[1] / 1440:g} in")


def _style_of(el) -> str:
    for parent in el.iterancestors(f"{W}style"):
        return parent.get(f"{W}styleId", "?")
    return "document defaults"
