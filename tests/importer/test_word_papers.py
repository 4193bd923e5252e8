"""Papers as people make them in Word: typed numbers, list numbering, bold headings, spacing,
merged cells, totals, tracked changes, comments, headers."""

from __future__ import annotations

from docx.oxml import parse_xml
from ruamel.yaml import YAML

from authoring.housestyle import load_style
from authoring.importer.paper import import_docx
from authoring.pipeline import process_text
from tests.importer.papers import docx_bytes, word_1843

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def imported(doc) -> tuple[str, list[str], list[str]]:
    text, notes = import_docx(docx_bytes(doc), "1843.yaml", {"mopac": load_style("mopac")})
    found = [d.format() for d in process_text(text.encode(), "1843.yaml").diagnostics]
    return text, [f"{n.where}: {n.message}" for n in notes], found


def test_the_published_1843_form_is_recognised():
    text, notes, found = imported(word_1843())
    for line in ("reference: 1843", "title: GPS Acceptance of funds from MOJ for IOM Services",
                 "decision_maker: dmpc", "drafting_officer: Julian Jest",
                 "chief_executive: {date: 2025-06-02}", "decision_maker: {date: 2025-06-04}",
                 "legal: not_required", "defer: false", "exists: false",
                 "HMPPS: His Majesty's Prison and Probation Service", "ref: PCD 1291"):
        assert line in text, line
    for sid in ("background:", "issues:", "financial:", "legal:", "commercial:",
                "public_health:", "gdpr:", "equality:"):
        assert f"  {sid}\n" in text
    assert [r["id"] for r in YAML(typ="safe").load(text)["recommendations"]] == [
        "accept-london-probation", "accept-london-probation-2", "rec-3", "extend-mopac-957",
        "vary-mopac-889"]
    assert "table: finance" in text
    assert "Payments will be made" in text  # the paragraph after the table
    assert "4.2: an empty numbered paragraph: left out" in notes
    assert any(n.endswith("an empty numbered paragraph: left out") and "4.2" not in n
               for n in notes)  # the Word-numbered one in section 7
    assert "  gdpr:\n    state: confirmed\n    notes:\n      - A DPIA has been completed\n" in text
    assert "All providers are required to comply" in text


def test_the_table_that_does_not_add_up_is_kept_as_printed_and_reported():
    text, notes, found = imported(word_1843())
    assert "amount: 173487" in text
    assert ("finance table: the printed 'Total funding' is £553,497 but its lines "
            "add up to £553,487") in notes
    assert any("error[PCD107]" in d and "£173,487" in d and "£173,497" in d for d in found), found
    assert ("recommendation 3: accepts funding from HMPPS, which the finance table does not list "
            "as a funder: add it as a funder, or correct the recommendation") in notes


def test_cells_with_pound_signs_and_separators_are_money():
    text, _, _ = imported(word_1843())
    assert "amount: 200000" in text and "amount: 273497" in text


def test_contracts_and_their_changes_are_recognised():
    text, _, _ = imported(word_1843())
    assert "number: MOPAC 957" in text and "supplier: Third Sector Consortia Management LLP" in text
    assert "value: 2000523" in text and "{contract.mopac_889.value_after}" in text
    assert "contract: mopac_957" in text and "contract: mopac_889" in text


def test_an_unmatched_figure_is_declared_and_said():
    text, notes, _ = imported(word_1843())
    assert "{figure.figure_1:millions}" in text and "amount: 2100000" in text
    assert any("'£2.1m' matches no computed figure" in n for n in notes)


def test_the_reference_is_read_from_the_header_when_the_body_lacks_it():
    text, notes, _ = imported(word_1843(reference_in_body=False))
    assert "reference: 1843" in text
    assert "header: the reference PCD 1843 was read from the page header" in notes


def test_heading_styles_and_list_styles_work_as_well_as_bold():
    doc = word_1843()
    for p in doc.paragraphs:
        if p.text == "Executive Summary:":
            p.style = doc.styles["Heading 2"]
            p.runs[0].bold = False
    text, _, _ = imported(doc)
    assert "IOM is the national multi-agency partnership" in text


def test_tracked_changes_are_accepted_comments_and_footnotes_reported():
    doc = word_1843()
    par = next(p for p in doc.paragraphs if p.text.startswith("MOPAC are a joint"))
    par._p.append(parse_xml(f'<w:ins {W} w:id="1" w:author="A"><w:r><w:t xml:space="preserve">'
                            ' Inserted words.</w:t></w:r></w:ins>'))
    par._p.append(parse_xml(f'<w:del {W} w:id="2" w:author="A"><w:r><w:delText>Deleted words.'
                            '</w:delText></w:r></w:del>'))
    doc.add_comment(par.runs, text="Is this right?", author="Reviewer")
    par._p.append(parse_xml(f'<w:r {W}><w:footnoteReference w:id="1"/></w:r>'))
    text, notes, _ = imported(doc)
    assert "joint data controller with HMPPS. Inserted words." in text
    assert "Deleted words" not in text
    assert ("tracked changes: 1 insertion(s) accepted and 1 deletion(s) applied: check the paper "
            "reads as intended") in notes
    assert "comment: not imported: Reviewer: Is this right?" in notes
    assert ("footnotes: 1 footnote(s) or endnote(s) not imported: put what they say into the "
            "paragraphs that cite them") in notes


def test_a_document_that_is_not_a_decision_paper_is_imported_with_warnings():
    from docx import Document

    doc = Document()
    doc.add_paragraph("Minutes of the meeting held on Tuesday.")
    text, notes, found = imported(doc)
    assert "reference: 1" in text and "To be written" in text
    assert any(n.startswith("paper: this does not look like a decision paper") for n in notes)
    assert any(n.startswith("section 'Legal Comments': not found") for n in notes)
    assert found  # the placeholders are what pcd check reports next


def test_the_output_is_deterministic():
    assert imported(word_1843())[0] == imported(word_1843())[0]


def test_a_period_column_that_does_not_add_up_is_reported():
    from docx import Document

    from tests.importer.papers import RECOMMENDATIONS

    doc = Document()
    doc.add_paragraph("DMPC Decision – PCD 2001").runs[0].bold = True
    doc.add_paragraph("Recommendations").runs[0].bold = True
    doc.add_paragraph(RECOMMENDATIONS[0])
    doc.add_paragraph("3. Financial Comments").runs[0].bold = True
    doc.add_paragraph("3.1\tThe table:")
    rows = [("Service", "2024/25 (£)", "2025/26 (£)", "Total (£)"),
            ("Mental health", "£100,000", "100,000", "200,000"),
            ("Total", "100,000", "100,000", "200,000"),
            ("Funded by", "", "", ""),
            ("London Probation", "100,000", "90,000", "190,000"),
            ("Total funding", "100,000", "100,000", "200,000")]
    table = doc.add_table(rows=len(rows), cols=4)
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    text, notes, found = imported(doc)
    assert "periods: [2024/25, 2025/26]" in text
    assert ("finance table: the printed 'Total funding' (2025/26) is £100,000 but "
            "its lines add up to £90,000") in notes
    assert "amount: {2024/25: 100000, 2025/26: 90000}" in text  # London Probation, as printed
    assert any("error[PCD107]" in d for d in found), found


def test_a_form_laid_out_in_tables_is_read_like_paragraphs():
    from tests.importer.papers import boxed

    text, notes, _ = imported(boxed(word_1843()))
    assert "title: GPS Acceptance of funds from MOJ for IOM Services" in text
    assert "IOM is the national multi-agency partnership" in text
    assert len(YAML(typ="safe").load(text)["recommendations"]) == 5
    assert "publication:\n  defer: false\n" in text
    assert not any("kept nowhere" in n for n in notes), notes
