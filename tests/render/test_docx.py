"""The DOCX, read back: structure, numbers, accessibility, LibreOffice, determinism."""

import os
import shutil
import subprocess
import zipfile

import pytest
from docx import Document

from tests.conftest import run_pcd
from tests.render import docx_a11y


@pytest.fixture(scope="module")
def doc(built_1843):
    return Document(str(built_1843 / "1843.docx"))


def texts(doc, style_prefix=""):
    return [p.text for p in doc.paragraphs if p.style.name.startswith(style_prefix)]


def test_headings_follow_the_form(doc):
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:4] == [("Heading 1", "DMPC Decision – PCD 1843"), ("Heading 2", "Executive Summary"),
                            ("Heading 2", "Recommendations"),
                            ("Heading 2", "Deputy Mayor for Policing and Crime")]
    assert ("Heading 2", "Part I – Non-confidential facts and advice to the DMPC") in headings
    assert [t for s, t in headings if s == "Heading 3"] == [
        "1. Introduction and background", "2. Issues for consideration", "3. Financial Comments",
        "4. Legal Comments", "5. Commercial Issues", "6. Public Health Approach",
        "7. GDPR and Data Privacy", "8. Equality Comments", "9. Background/supporting papers"]
    assert headings[-3:] == [("Heading 2", "Public access to information"),
                             ("Heading 2", "Originating officer declaration"),
                             ("Heading 2", "Chief Executive Officer")]


def test_recommendations_and_numbered_paragraphs(doc):
    assert len(texts(doc, "List Number")) == 6
    numbers = [t.split("\t")[0] for t in texts(doc, "Numbered Paragraph")]
    assert numbers[:5] == ["1.1", "1.2", "1.3", "1.4", "1.5"]
    assert "4.4" not in numbers and numbers[-1] == "8.3"


def test_finance_table_cells_and_totals(doc):
    table = doc.tables[0]
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows == [
        ["Service", "Amount (£)"],
        ["IOM Neurodiversity – extension until 31/03/2026", "273,497"],
        ["IOM Mental Health existing service contribution", "200,000"],
        ["IOM Mental Health – Approved Premises variation", "80,000"],
        ["Total", "553,497"], ["Funded by", "Amount (£)"],
        ["London Probation", "300,000"], ["HMPPS", "80,000"],
        ["MOPAC IOM 2025/26 budget", "173,497"], ["Total funding", "553,497"]]
    assert table.rows[4].cells[1].paragraphs[0].runs[0].bold
    assert table.rows[1].cells[1].paragraphs[0].alignment == 2  # right


def test_declarations_table(doc):
    rows = [[c.text for c in r.cells] for r in doc.tables[1].rows]
    assert rows[0] == ["Statement", "Tick to confirm statement (✓)"]
    assert len(rows) == 9 and all(r[1] == "✓ Confirmed" for r in rows[1:])
    assert rows[7][0] == "Drafting Officer Julian Jest has drafted this report in accordance with MOPAC procedures."


def test_signature_blocks_leave_the_line_for_signing(doc):
    sigs = [p for p in doc.paragraphs if p.style.name == "Signature Line"]
    assert [p.text for p in sigs] == ["Signature:\t", "Signature:\t"]
    dates = [p.text for p in doc.paragraphs if p.text.startswith("Date:")]
    assert dates == ["Date: 4 June 2025", "Date: 2 June 2025"]


def test_core_properties(doc):
    props = doc.core_properties
    assert props.title.startswith("PCD 1843: GPS Acceptance")
    assert (props.language, props.subject) == ("en-GB", "DMPC Decision – PCD 1843")
    assert props.author == "Mayor's Office for Policing and Crime"


def test_page_is_a4_with_reference_in_header(doc):
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.header.paragraphs[0].text.startswith("PCD 1843")


def test_accessibility_checks_pass(built_1843):
    assert docx_a11y.check(built_1843 / "1843.docx") == []


def test_accessibility_check_can_fail(tmp_path):
    """The checker itself must catch a plain python-docx document."""
    path = tmp_path / "naive.docx"
    plain = Document()
    plain.add_heading("A", 1)
    plain.add_heading("B", 3)
    plain.add_paragraph()
    plain.add_table(rows=2, cols=2)
    plain.save(str(path))
    found = {c for c, _ in docx_a11y.check(path)}
    assert found >= {"title", "headings", "spacing", "tables", "properties", "language"}


def test_two_builds_are_byte_identical(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        assert run_pcd("build", "decisions/1843.yaml", "-o", str(out)).returncode == 0
    for name in ("1843.docx", "1843.html"):
        assert (a / name).read_bytes() == (b / name).read_bytes()
    with zipfile.ZipFile(a / "1843.docx") as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_source_date_epoch_sets_the_stamps(tmp_path):
    assert run_pcd("build", "decisions/1843.yaml", "-o", str(tmp_path),
                   env={"SOURCE_DATE_EPOCH": "1750000000"}).returncode == 0
    with zipfile.ZipFile(tmp_path / "1843.docx") as z:
        assert {i.date_time for i in z.infolist()} == {(2025, 6, 15, 15, 6, 40)}
        assert b"2025-06-15T15:06:40Z" in z.read("docProps/core.xml")


@pytest.mark.slow
def test_libreoffice_opens_it_and_the_pdf_shows_the_totals(built_1843, tmp_path):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None and not os.environ.get("PCD_REQUIRE_TOOLS"):
        pytest.skip("LibreOffice is not installed")
    assert office, "LibreOffice is required (scripts/test installs it)"
    result = subprocess.run(
        [office, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
         "pdf", "--outdir", str(tmp_path), str(built_1843 / "1843.docx")],
        capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "1843.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert text.count("553,497") == 2
    assert "173,497" in text and "173,487" not in text
    assert "Page 1 of" in text


def test_links_are_real_hyperlinks_in_the_house_link_style(tmp_path):
    from tests.conftest import minimal_text, mutate
    spec = tmp_path / "2001.yaml"
    spec.write_text(mutate(minimal_text(), "The pilot tests a new approach.",
                           "\"The [evaluation report](https://example.org/report) is **published**.\""))
    assert run_pcd("build", str(spec), "-o", str(tmp_path)).returncode == 0
    with zipfile.ZipFile(tmp_path / "2001.docx") as z:
        xml = z.read("word/document.xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
    assert '<w:hyperlink r:id="' in xml and 'Target="https://example.org/report"' in rels
    assert '<w:rStyle w:val="Hyperlink"/>' in xml
    assert docx_a11y.check(tmp_path / "2001.docx") == []

