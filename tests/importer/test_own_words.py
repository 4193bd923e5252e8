"""The import keeps the paper's own words: declaration statements as written, signature dates
wherever they are typed, money quoted "from" a funder as that funder's total, no figure it
never declares, names and "None." cleaned, and a report whose findings are `pcd check`'s.

The papers are laid out the ways officers lay them out in Word (tests/importer/papers.py):
costs and funders in two tables with a "Funded by:" paragraph between them, one table, a table
with no £ sign, a table of awards that is no finance table."""

from __future__ import annotations

import pytest
from ruamel.yaml import YAML

from authoring.housestyle import load_style
from authoring.importer.paper import import_docx
from authoring.model.text import plain_text
from authoring.pipeline import process_text
from tests.conftest import run_pcd
from tests.importer.papers import docx_bytes, vru_paper, word_1843

LAYOUTS = ["two_tables", "single", "no_pounds"]


def imported(doc):
    text, notes = import_docx(docx_bytes(doc), "1902.yaml", {"mopac": load_style("mopac")})
    outcome = process_text(text.encode(), "1902.yaml")
    return text, [f"{n.where}: {n.message}" for n in notes], outcome


def words(prose) -> str:
    return plain_text(prose.spans)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_declarations_keep_the_papers_statements(layout):
    text, notes, outcome = imported(vru_paper(layout))
    spec = YAML(typ="safe").load(text)["declarations"]
    assert spec["public_health"]["wording"] == (
        "Due diligence has been given to determine whether the programme sits within the "
        "Violence Reduction Unit's public approach to reducing violence.")
    assert spec["gdpr"] == {"state": "confirmed", "notes": ["A DPIA is not required."],
                            "wording": "GDPR compliance issues are covered in the body of the "
                                       "report."}
    # The style's own statements come back as states, with no wording to repeat them.
    assert spec["financial"] == "confirmed" and spec["director"] == "confirmed"
    assert spec["legal"] == "not_required" and spec["commercial"] == "not_required"
    # What the paper will say: nothing the officer did not attest.
    said = " ".join(words(d.text) for d in outcome.paper.declarations)
    assert "GDPR Project Manager" not in said and "senior manager" not in said
    assert "GDPR compliance issues are covered in the body of the report." in said
    for title in ("Public Health Approach", "GDPR/Data Privacy"):
        assert any(n.startswith(f"declaration '{title}': kept in the paper's own words")
                   for n in notes), notes


@pytest.mark.parametrize("signature", ["same_line", "next_cell", "next_row"])
def test_signature_dates_are_read_wherever_they_sit(signature):
    text, notes, _ = imported(vru_paper("single", signature))
    assert "  chief_executive: {date: 2025-06-02}\n  decision_maker: {date: 2025-06-04}\n" in text
    assert "interests:" not in text  # the date is not taken for the decision maker's interests
    assert not any("not imported" in n for n in notes), notes


def test_a_signature_date_that_cannot_be_read_is_said():
    doc = vru_paper("single")
    first = next(p for p in doc.paragraphs if p.text.startswith("Signature"))
    first.text = "Signature\t\tDate: early June"
    text, notes, _ = imported(doc)
    assert "decision_maker: {date:" not in text
    assert any("a signature date that cannot be read, not imported: 'Signature Date: early "
               "June': add signatures.decision_maker.date" in n for n in notes), notes


@pytest.mark.parametrize("layout", LAYOUTS)
def test_money_from_a_funder_is_that_funders_total(layout):
    text, notes, outcome = imported(vru_paper(layout))
    spec = YAML(typ="safe").load(text)
    # The split is worked out (£100,000 of the £180,000 grants line): the figure quoted "from
    # the MOPAC Violence Reduction budget" must not be bound to that guessed line.
    assert {"funder": "mopac_violence_reduction", "amount": 100000} in \
        spec["finance"]["costs"][0]["funding"]
    assert spec["recommendations"][0]["text"].startswith(
        "Approve expenditure of {funder.mopac_violence_reduction} from the MOPAC Violence")
    assert "{funding." not in text
    assert "table: finance" in text  # the table (or both halves of it) was read as one
    assert [d.format() for d in outcome.findings] == []


def test_a_finance_table_split_in_two_is_read_as_one():
    text, notes, _ = imported(vru_paper("two_tables"))
    spec = YAML(typ="safe").load(text)
    assert [c["label"] for c in spec["finance"]["costs"]] == [
        "Community programme grants", "Independent evaluation"]
    assert [f["name"] for f in spec["finance"]["funders"]] == [
        "MOPAC Violence Reduction budget", "London Councils"]
    assert not any("does not recognise" in n for n in notes), notes


def test_no_reference_to_a_figure_the_spec_does_not_declare():
    text, notes, outcome = imported(vru_paper("awards"))
    assert "finance:" not in text and "{figure." not in text
    assert "Approve expenditure of £100,000 from the MOPAC Violence Reduction budget" in text
    assert not [d for d in outcome.findings if d.code == "PCD201"]
    assert ("summary paragraph 2: '£100,000' matches no computed figure and the spec has no "
            "finance section to declare it in: kept as typed") in notes
    assert not any("declared as finance.figures" in n for n in notes), notes


def test_the_drafting_officers_name_is_the_name():
    text, _, _ = imported(vru_paper("single"))
    assert "drafting_officer: Priya Shah\n" in text
    assert "  drafting_officer: confirmed\n" in text  # the standard statement, name filled in


def test_a_row_that_gives_only_the_name():
    doc = vru_paper("single")
    table = doc.tables[-1]
    row = next(r for r in table.rows if r.cells[0].text.startswith("Drafting Officer"))
    cell = row.cells[0]
    for p in cell.paragraphs[1:]:
        p._p.getparent().remove(p._p)
    cell.paragraphs[0].runs[0].text = "Drafting officer: Priya Shah"
    text, notes, _ = imported(doc)
    assert "drafting_officer: Priya Shah\n" in text


def test_none_under_background_papers_is_no_paper():
    text, notes, _ = imported(vru_paper("single"))
    assert "background_papers" not in text and "None." not in text
    assert not any("background paper" in n for n in notes), notes


def test_the_reports_findings_are_pcd_checks_on_the_written_spec(tmp_path):
    src, spec = tmp_path / "1843.docx", tmp_path / "1843.yaml"
    src.write_bytes(docx_bytes(word_1843()))
    result = run_pcd("import", str(src), "-o", str(spec))
    assert result.returncode == 1
    checked = run_pcd("check", str(spec), "--no-cache")
    lines = result.stdout.splitlines()
    notes = [line for line in lines[:-1] if line.startswith(f"{src}: ")]
    findings = [line for line in lines[:-1] if not line.startswith(f"{src}: ")]
    assert findings == checked.stdout.splitlines()[:-1]  # all but check's summary line
    assert findings and all(line.startswith(f"{spec}:") for line in findings)
    # The import's own notes carry no rule's code: only the check gives findings.
    assert notes and all("warning[import]" in n and "[PCD" not in n for n in notes), notes
    assert any("accepts funding from HMPPS" in n for n in notes)
    assert f"{len(findings)} finding(s) from pcd check" in lines[-1]


def test_a_statement_in_its_own_words_survives_build_and_import(tmp_path):
    """A spec's `wording:` is printed in the paper; imported back it is `wording:` again, and the
    page reads as the original's."""
    from tests.conftest import ROOT, mutate
    from tests.importer.test_roundtrip import main_text

    source = mutate((ROOT / "decisions" / "1843.yaml").read_text(encoding="utf-8"),
                    "  gdpr:\n    state: confirmed\n",
                    "  gdpr:\n    state: confirmed\n    wording: GDPR compliance issues are covered "
                    "in the body of the report.\n")
    (tmp_path / "1843.yaml").write_text(source, encoding="utf-8")
    assert run_pcd("build", str(tmp_path / "1843.yaml"), "-o", str(tmp_path / "a")).returncode == 0
    spec = tmp_path / "again.yaml"
    run_pcd("import", str(tmp_path / "a" / "1843.docx"), "-o", str(spec))
    gdpr = YAML(typ="safe").load(spec.read_text(encoding="utf-8"))["declarations"]["gdpr"]
    assert gdpr == {"state": "confirmed", "notes": ["A DPIA has been completed."],
                    "wording": "GDPR compliance issues are covered in the body of the report."}
    assert run_pcd("build", str(spec), "-o", str(tmp_path / "b")).returncode == 0
    assert main_text(tmp_path / "b" / "1843.html") == main_text(tmp_path / "a" / "1843.html")
