"""Open a DOCX without trusting it: bounded size, no zip bombs, no macros, nothing fetched."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

from authoring import docxsafe

MAX_FILE = 20 * 1024 * 1024          # a decision paper with images is a few MB
MAX_UNPACKED = 120 * 1024 * 1024     # all parts together, uncompressed
MAX_RATIO = 150                      # Word's XML compresses ~10x; a bomb compresses 1000x
MAX_ENTRIES = 3000
# Relationship kinds that only name a place to go (kept as text, never fetched); any other
# external target (an attached template, a linked image or OLE object, a subdocument) is refused.
RULES = docxsafe.Rules("the document", part=MAX_UNPACKED, unpacked=MAX_UNPACKED, ratio=MAX_RATIO,
                       members=MAX_ENTRIES, links=("hyperlink",))


class Unreadable(Exception):
    """The file cannot be imported at all: the command exits 2 with this message."""


@dataclass
class Package:
    document: Any               # a python-docx Document
    parts: dict[str, bytes]     # the raw parts the form needs beyond python-docx (comments)


def open_docx(data: bytes) -> Package:
    """Check the bytes are a plain DOCX (authoring/docxsafe.py), then open it with python-docx."""
    if len(data) > MAX_FILE:
        raise Unreadable(f"the file is {len(data) // (1024 * 1024)} MiB; a DOCX over "
                         f"{MAX_FILE // (1024 * 1024)} MiB is not imported")
    if data[:8] == docxsafe.OLE:
        raise Unreadable("not a DOCX: this is an old Word .doc, or a password-protected "
                         "document; open it in Word and save it as .docx without a password")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise Unreadable("not a DOCX: the file is not a zip package (or it is truncated)") from None
    try:
        with zf:
            package = docxsafe.read(zf, RULES)
    except docxsafe.Refused as exc:
        raise Unreadable(str(exc)) from None
    try:
        from docx import Document
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise Unreadable(f"not a readable DOCX: {type(exc).__name__}: {exc}") from None
    return Package(document, {k: v for k, v in package.xml.items() if k == "word/comments.xml"})
