"""The paper as a tagged PDF: the DOCX, converted by LibreOffice headless.

LibreOffice is a separate install (Debian's `libreoffice-writer`), found on PATH. The export
is tagged (PDF/UA structure), carries the DOCX's title and language, and has bookmarks from
its headings. LibreOffice stamps each export with the time and a fresh document ID, so two
builds of one spec give the same text, pages and metadata but not the same bytes.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

OFFICE = ("soffice", "libreoffice")
PACKAGE = "libreoffice-writer"
TIMEOUT = 300  # seconds for one batch; a first start of LibreOffice takes a few
FILTER = "pdf:writer_pdf_Export:" + json.dumps({
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
    "PDFUACompliance": {"type": "boolean", "value": "true"},
    "ExportBookmarks": {"type": "boolean", "value": "true"},
    "ExportNotes": {"type": "boolean", "value": "false"},
    "UseLosslessCompression": {"type": "boolean", "value": "true"},
})


class NoOffice(Exception):
    """LibreOffice is not installed, or could not convert."""


def office() -> str:
    for name in OFFICE:
        found = shutil.which(name)
        if found:
            return found
    raise NoOffice(f"--pdf needs LibreOffice, which is not installed (on Debian or Ubuntu: "
                   f"apt-get install {PACKAGE})")


def missing() -> str:
    """Why --pdf cannot work here ("" when LibreOffice is installed): checked before any output."""
    try:
        office()
    except NoOffice as exc:
        return str(exc)
    return ""


def to_pdf(docs: dict[str, bytes]) -> dict[str, bytes]:
    """PDFs of several DOCX files (by stem), in one start of LibreOffice."""
    import subprocess  # here: `pcd build` imports this module for NoOffice alone
    import tempfile

    if not docs:
        return {}
    exe = office()
    with tempfile.TemporaryDirectory(prefix="pcd-pdf-") as tmp:
        work = Path(tmp)
        for stem, data in docs.items():
            (work / f"{stem}.docx").write_bytes(data)
        # A profile of its own: a desktop LibreOffice that is open, or another build, never
        # shares (or locks) it.
        profile = (work / "profile").as_uri()
        cmd = [exe, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", FILTER, "--outdir", str(work / "out"),
               *(str(work / f"{stem}.docx") for stem in docs)]
        env = {**os.environ, "HOME": tmp}
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, env=env)
        except subprocess.TimeoutExpired:
            raise NoOffice(f"LibreOffice did not finish converting in {TIMEOUT} s") from None
        out = {}
        for stem in docs:
            pdf = work / "out" / f"{stem}.pdf"
            if not pdf.is_file():
                detail = (done.stderr or done.stdout).strip().splitlines()
                raise NoOffice(f"LibreOffice could not convert {stem}.docx to PDF"
                               + (f": {detail[-1]}" if detail else ""))
            out[stem] = pdf.read_bytes()
        return out
