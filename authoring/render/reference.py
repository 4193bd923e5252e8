"""Check a house style's reference.docx before the DOCX renderer opens it.

The reference document may come from another organisation: it must be a plain DOCX package
of modest size that loads nothing from elsewhere, runs nothing, and sets fonts, colours and
page margins a printed paper can use.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from pathlib import Path

from authoring.diagnostics import Diagnostic
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


class Refused(Exception):
    pass


def check_reference(path: Path) -> None:
    """Raise StyleError (PCD063) if the file is not a plain, safe, sensible DOCX."""
    stat = path.stat()
    try:
        _checked(str(path), stat.st_mtime_ns, stat.st_size)
    except Refused as exc:
        raise StyleError([Diagnostic("PCD063", str(exc), (), "error", str(path))]) from None


@functools.lru_cache(maxsize=8)
def _checked(path: str, mtime: int, size: int) -> None:
    if size > MAX_FILE:
        raise Refused(f"the reference document is {size:,} bytes; at most {MAX_FILE:,} are allowed")
    data = Path(path).read_bytes()[:MAX_FILE + 1]
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise Refused("the reference document is not a DOCX (not a zip package, or truncated)") from None
    with zf:
        parts = _parts(zf)
    _no_active_content(parts)
    _sensible_layout(parts)


def _parts(zf: zipfile.ZipFile) -> dict[str, bytes]:
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise Refused(f"the package has {len(infos):,} parts; a reference document has a few dozen")
    for i in infos:
        if i.file_size > MAX_PART:
            raise Refused(f"part {i.filename} unpacks to {i.file_size:,} bytes; at most "
                          f"{MAX_PART:,} are allowed")
        if i.file_size > 1024 * 1024 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise Refused(f"part {i.filename} expands {i.file_size // max(i.compress_size, 1):,} "
                          "times: refused as a zip bomb")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED:
        raise Refused(f"the package unpacks to {total:,} bytes (at most {MAX_UNPACKED:,}): "
                      "refused as a zip bomb")
    names = {i.filename for i in infos}
    for needed in ("[Content_Types].xml", "word/document.xml", "word/styles.xml"):
        if needed not in names:
            raise Refused(f"the package has no {needed}: it is not a Word document")
    parts = {}
    try:
        for i in infos:
            if i.filename.endswith((".xml", ".rels")):
                with zf.open(i) as fh:  # never more than the header promised
                    parts[i.filename] = fh.read(i.file_size + 1)
                if len(parts[i.filename]) > i.file_size:
                    raise Refused(f"part {i.filename} is larger than its header says")
            else:
                parts[i.filename] = b""
    except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
        raise Refused(f"the package is damaged ({exc})") from None
    return parts


def _no_active_content(parts: dict[str, bytes]) -> None:
    types = parts["[Content_Types].xml"]
    if any("vbaproject" in n.lower() or n.lower().endswith(".bin") for n in parts) or \
            b"macroEnabled" in types or b"vbaProject" in types:
        raise Refused("the reference document contains macros (a .docm or vbaProject.bin): "
                      "save it as a plain .docx")
    for name, data in parts.items():
        head = data[:4096]
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise Refused(f"part {name} declares a DTD or entities, which a DOCX never needs")
        if name.endswith(".rels") and re.search(rb"TargetMode\s*=\s*[\"']External", data):
            target = re.search(rb"Target\s*=\s*[\"']([^\"']{0,80})[^>]*TargetMode\s*=\s*[\"']External"
                               rb"|TargetMode\s*=\s*[\"']External[^>]*Target\s*=\s*[\"']([^\"']{0,80})",
                               data)
            where = (target.group(1) or target.group(2)).decode("utf-8", "replace") if target else "?"
            raise Refused(f"part {name} links to something outside the document ({where!r}): a "
                          "reference document must be self-contained")


def _sensible_layout(parts: dict[str, bytes]) -> None:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    trees = {}
    for name in ("word/styles.xml", "word/document.xml"):
        try:
            trees[name] = etree.fromstring(parts[name], parser)
        except etree.XMLSyntaxError as exc:
            raise Refused(f"part {name} is not well-formed XML: {exc}") from None
    for el in trees["word/styles.xml"].iter(f"{W}sz", f"{W}szCs"):
        size = _number(el, "word/styles.xml") / 2
        if not FONT_PT[0] <= size <= FONT_PT[1]:
            raise Refused(f"word/styles.xml: style '{_style_of(el)}' sets a font size of {size:g} pt, "
                          f"outside {FONT_PT[0]}–{FONT_PT[1]} pt")
    for name, tree in trees.items():
        for el in tree.iter(f"{W}color"):
            value = el.get(f"{W}val", "")
            if not COLOUR.fullmatch(value):
                raise Refused(f"{name}: the colour '{value[:20]}' is not six hex digits or 'auto'")
    for el in trees["word/document.xml"].iter(f"{W}pgSz"):
        for side in ("w", "h"):
            if el.get(f"{W}{side}") is not None:
                _in_range(el, side, PAGE_TWIPS, "the page size")
    for el in trees["word/document.xml"].iter(f"{W}pgMar"):
        for side in ("top", "bottom", "left", "right"):
            if el.get(f"{W}{side}") is not None:
                _in_range(el, side, MARGIN_TWIPS, f"the {side} margin")


def _number(el, part: str, attr: str = "val") -> int:
    value = el.get(f"{W}{attr}", "")
    if not re.fullmatch(r"-?\d{1,9}", value):
        raise Refused(f"{part}: '{value[:20]}' is not a whole number ({attr})")
    return int(value)


def _in_range(el, attr: str, bounds: tuple[int, int], what: str) -> None:
    value = abs(_number(el, "word/document.xml", attr))
    if not bounds[0] <= value <= bounds[1]:
        raise Refused(f"word/document.xml: {what} is {value / 1440:.2f} in, outside "
                      f"{bounds[0] / 1440:g}–{bounds[1] / 1440:g} in")


def _style_of(el) -> str:
    for parent in el.iterancestors(f"{W}style"):
        return parent.get(f"{W}styleId", "?")
    return "document defaults"
