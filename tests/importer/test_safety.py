"""Files that are not plain DOCX papers: a clear message, exit 2, no traceback, no spec."""

from __future__ import annotations

import io
import zipfile

import pytest

from tests.conftest import run_pcd
from tests.importer.papers import docx_bytes, word_1843


def rezip(data: bytes, change) -> bytes:
    """The same package with its parts passed through `change(name, bytes) -> bytes | None`."""
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            new = change(info.filename, src.read(info))
            if new is not None:
                zf.writestr(info.filename, new)
        extra = change("", b"")
        if extra is not None:
            zf.writestr(*extra)
    return out.getvalue()


def paper() -> bytes:
    return docx_bytes(word_1843())


def bomb(name, data):
    if name == "":
        return ("word/media/padding.xml", b"<a>" + b" " * (40 * 1024 * 1024) + b"</a>")
    return data


def macros(name, data):
    if name == "":
        return ("word/vbaProject.bin", b"\0" * 100)
    return data


def template(name, data):
    if name == "word/_rels/document.xml.rels":
        return data.replace(b"</Relationships>", (
            b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/attachedTemplate" Target="http://example.invalid/t.dotm" '
            b'TargetMode="External"/></Relationships>'))
    return None if name == "" else data


def entities(name, data):
    if name == "word/document.xml":
        return data.replace(b"?>", b'?><!DOCTYPE w [<!ENTITY a "aaaa">]>', 1)
    return None if name == "" else data


CASES = {
    "old-doc": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,
                "not a DOCX: this is an old Word .doc, or a password-protected document"),
    "not-a-zip": (lambda: b"%PDF-1.7 this is not a docx", "not a DOCX: the file is not a zip"),
    "truncated": (lambda: paper()[:3000], "not a DOCX: the file is not a zip package (or it is "
                  "truncated)"),
    "zip-without-document": (lambda: rezip(paper(), lambda n, d: None if n in ("", "word/document.xml") else d),
                             "not a DOCX: the package has no word/document.xml"),
    "zip-bomb": (lambda: rezip(paper(), bomb), "refused as a zip bomb"),
    "macros": (lambda: rezip(paper(), macros), "the document contains macros"),
    "external-template": (lambda: rezip(paper(), template),
                          "the document loads an external attachedTemplate from "
                          "'http://example.invalid/t.dotm'"),
    "entities": (lambda: rezip(paper(), entities), "declares a DTD or entities"),
    "huge": (lambda: b"PK" + b"\0" * (21 * 1024 * 1024), "a DOCX over 20 MiB is not imported"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_bad_file_is_refused_clearly(case, tmp_path):
    make, message = CASES[case]
    src = tmp_path / "paper.docx"
    src.write_bytes(make())
    result = run_pcd("import", str(src), "-o", str(tmp_path / "out.yaml"))
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stderr
    assert result.stderr.startswith(f"{src}: error: ")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_a_lying_zip_header_is_caught(tmp_path):
    """A part whose header understates its size cannot inflate past what it declared."""
    from authoring.importer.package import Unreadable, open_docx

    data = bytearray(rezip(paper(), lambda n, d: None if n == "" else d))
    entry = data.find(b"PK\x01\x02", data.find(b"PK\x01\x02"))
    while data[entry + 46: entry + 46 + 17] != b"word/document.xml":
        entry = data.find(b"PK\x01\x02", entry + 4)
    data[entry + 24: entry + 28] = (100).to_bytes(4, "little")  # "100 bytes uncompressed"
    with pytest.raises(Unreadable, match="damaged or truncated"):
        open_docx(bytes(data))


def test_hyperlinks_are_not_external_content(tmp_path):
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    doc = word_1843()
    doc.paragraphs[3].part.relate_to("https://www.london.gov.uk", RT.HYPERLINK, is_external=True)
    src = tmp_path / "paper.docx"
    src.write_bytes(docx_bytes(doc))
    assert run_pcd("import", str(src), "-o", str(tmp_path / "out.yaml")).returncode == 1


def test_a_web_page_with_entities_fetches_nothing(tmp_path):
    src = tmp_path / "page.html"
    src.write_bytes(b'<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><html><body>'
                    b"<h2>Executive Summary</h2><p>&x; Some text.</p></body></html>")
    result = run_pcd("import", str(src), "-o", str(tmp_path / "out.yaml"))
    assert result.returncode == 1
    assert "root:" not in (tmp_path / "out.yaml").read_text(encoding="utf-8")
