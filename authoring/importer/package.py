"""Open a DOCX without trusting it: bounded size, no zip bombs, no macros, nothing fetched."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

from lxml import etree

MAX_FILE = 20 * 1024 * 1024          # a decision paper with images is a few MB
MAX_UNPACKED = 120 * 1024 * 1024     # all parts together, uncompressed
MAX_RATIO = 150                      # Word's XML compresses ~10x; a bomb compresses 1000x
MAX_ENTRIES = 3000
# Relationship types that only name a place to go (safe to keep as text); any other external
# target (an attached template, a linked image or OLE object, a subdocument) is refused.
LINK_TYPES = ("/hyperlink",)


class Unreadable(Exception):
    """The file cannot be imported at all: the command exits 2 with this message."""


@dataclass
class Package:
    document: Any               # a python-docx Document
    parts: dict[str, bytes]     # the raw parts the form needs beyond python-docx (comments)


def parser() -> etree.XMLParser:
    """An XML parser that resolves no entities, loads no DTD and touches no network."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, remove_blank_text=False)


def open_docx(data: bytes) -> Package:
    """Check the bytes are a plain DOCX, then open it with python-docx."""
    if len(data) > MAX_FILE:
        raise Unreadable(f"the file is {len(data) // (1024 * 1024)} MiB; a DOCX over "
                         f"{MAX_FILE // (1024 * 1024)} MiB is not imported")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # an OLE compound file
        raise Unreadable("not a DOCX: this is an old Word .doc, or a password-protected "
                         "document; open it in Word and save it as .docx without a password")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise Unreadable("not a DOCX: the file is not a zip package (or it is truncated)") from None
    with zf:
        parts = _read_parts(zf)
    _refuse_active_content(parts)
    try:
        from docx import Document
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise Unreadable(f"not a readable DOCX: {type(exc).__name__}: {exc}") from None
    return Package(document, {k: v for k, v in parts.items() if k == "word/comments.xml"})


def _read_parts(zf: zipfile.ZipFile) -> dict[str, bytes]:
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise Unreadable(f"the package has {len(infos)} parts; a DOCX has a few dozen")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED:
        raise Unreadable(f"the package unpacks to {total // (1024 * 1024)} MiB "
                         f"(limit {MAX_UNPACKED // (1024 * 1024)} MiB): refused as a zip bomb")
    for i in infos:
        if i.file_size > 1024 * 1024 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise Unreadable(f"part {i.filename} expands {i.file_size // max(i.compress_size, 1)} "
                             "times: refused as a zip bomb")
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise Unreadable("not a DOCX: the package has no word/document.xml")
    parts: dict[str, bytes] = {}
    try:
        for i in infos:
            if i.filename.endswith((".xml", ".rels")):
                # Read no more than the header promised: a lying header cannot inflate further.
                with zf.open(i) as fh:
                    parts[i.filename] = fh.read(i.file_size + 1)[: i.file_size + 1]
                if len(parts[i.filename]) > i.file_size:
                    raise Unreadable(f"part {i.filename} is larger than its header says")
            elif "vbaproject" in i.filename.lower():
                parts[i.filename] = b""
    except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
        raise Unreadable(f"the DOCX is damaged or truncated ({exc})") from None
    return parts


def _refuse_active_content(parts: dict[str, bytes]) -> None:
    if any("vbaproject" in name.lower() for name in parts) or \
            b"macroEnabled" in parts.get("[Content_Types].xml", b""):
        raise Unreadable("the document contains macros (a .docm or vbaProject.bin): "
                         "save it as a plain .docx first")
    for name, data in parts.items():
        head = data[:4096]
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise Unreadable(f"part {name} declares a DTD or entities, which a DOCX never needs")
        if not name.endswith(".rels"):
            continue
        try:
            root = etree.fromstring(data, parser())
        except etree.XMLSyntaxError as exc:
            raise Unreadable(f"part {name} is not well-formed XML: {exc}") from None
        for rel in root:
            if rel.get("TargetMode") == "External" and not rel.get("Type", "").endswith(LINK_TYPES):
                kind = rel.get("Type", "").rsplit("/", 1)[-1]
                raise Unreadable(f"the document loads an external {kind} from "
                                 f"{rel.get('Target', '')[:80]!r}: refused (save a copy without "
                                 "linked content)")
