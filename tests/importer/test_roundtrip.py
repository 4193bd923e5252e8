"""A paper pcd built imports back to a spec whose page has the same text as the original's."""

from __future__ import annotations

import lxml.html
import pytest

from tests.conftest import ROOT, diagnose, run_pcd


def main_text(path) -> str:
    main = lxml.html.parse(str(path)).getroot().find(".//main")
    return " ".join(main.text_content().split())


def test_built_1843_imports_to_the_same_page(built_1843, tmp_path):
    spec = tmp_path / "1843.yaml"
    imported = run_pcd("import", str(built_1843 / "1843.docx"), "-o", str(spec))
    assert imported.returncode == 1, imported.stderr  # written; the guessed funding split is noted
    assert "error[" not in imported.stdout
    built = run_pcd("build", str(spec), "-o", str(tmp_path / "out"))
    assert built.returncode == 0, built.stdout + built.stderr
    assert main_text(tmp_path / "out" / "1843.html") == main_text(built_1843 / "1843.html")


def test_built_1843_comes_back_with_its_model(built_1843, tmp_path):
    from authoring.pipeline import process

    spec = tmp_path / "1843.yaml"
    run_pcd("import", str(built_1843 / "1843.docx"), "-o", str(spec))
    paper = process(spec).paper
    assert paper is not None
    v = paper.values
    assert (v["total.costs"], v["funder.london_probation"], v["funder.mopac_iom_budget"]) == (
        553497, 300000, 173497)
    assert v["contract.mopac_957.value_after"] == 1070833
    assert v["contract.mopac_889.value_after"] == 2080523
    text = spec.read_text(encoding="utf-8")
    assert "{cost.neurodiversity_extension}" in text and "£273,497" not in text
    assert "IOM: Integrated Offender Management" in text
    assert "months: 6" in text and "foreseen: true" in text
    assert "The IOM Neurodiversity contract is due to end on {contract.mopac_957.ends}." in text
    assert "{contract.mopac_957.supplier} ({contract.mopac_957})" in text
    assert "by {contract.mopac_957.months:words} until {contract.mopac_957.new_end}" in " ".join(text.split())
    assert "accepts:\n      - {funder: hmpps, cost: mental_health_approved}" in text


def test_a_table_with_a_column_per_financial_year_comes_back(tmp_path):
    first = run_pcd("build", "tests/data/valid/onward-grant.yaml", "-o", str(tmp_path / "a"))
    assert first.returncode == 0, first.stdout + first.stderr
    spec = tmp_path / "2002.yaml"
    run_pcd("import", str(tmp_path / "a" / "2002.docx"), "-o", str(spec))
    text = spec.read_text(encoding="utf-8")
    assert "periods: [2023/24, 2024/25]" in text
    assert "amount: {2023/24: '180000.50', 2024/25: 120000}" in text
    again = run_pcd("build", str(spec), "-o", str(tmp_path / "b"))
    assert again.returncode == 0, again.stdout + again.stderr
    assert main_text(tmp_path / "b" / "2002.html") == main_text(tmp_path / "a" / "2002.html")


def test_the_published_web_page_imports_to_the_same_spec_as_the_docx(built_1843, tmp_path):
    from_docx, from_html = tmp_path / "d.yaml", tmp_path / "h.yaml"
    run_pcd("import", str(built_1843 / "1843.docx"), "-o", str(from_docx))
    result = run_pcd("import", str(built_1843 / "1843.html"), "-o", str(from_html))
    assert "kept nowhere" not in result.stdout
    body = lambda p: p.read_text(encoding="utf-8").split("\n", 2)[2]  # noqa: E731 (no header)
    assert body(from_html) == body(from_docx)


def test_bold_italic_links_and_braces_come_back_as_markup(tmp_path):
    from tests.conftest import mutate

    source = (ROOT / "decisions" / "1843.yaml").read_text(encoding="utf-8")
    source = mutate(source, "MOPAC are a joint data controller with HMPPS.",
                    "MOPAC are a **joint** data controller with *HMPPS*, see "
                    "[the guidance](https://www.london.gov.uk/mopac) \\{sic\\}.")
    (tmp_path / "1843.yaml").write_text(source, encoding="utf-8")
    assert run_pcd("build", str(tmp_path / "1843.yaml"), "-o", str(tmp_path / "a")).returncode == 0
    spec = tmp_path / "again.yaml"
    run_pcd("import", str(tmp_path / "a" / "1843.docx"), "-o", str(spec))
    assert ("MOPAC are a **joint** data controller with *HMPPS*, see [the "
            "guidance](https://www.london.gov.uk/mopac) \\{sic\\}.") in " ".join(
                spec.read_text(encoding="utf-8").split())
    assert run_pcd("build", str(spec), "-o", str(tmp_path / "b")).returncode == 0
    assert main_text(tmp_path / "b" / "1843.html") == main_text(tmp_path / "a" / "1843.html")


GLA_PAPER = """\
house_style: gla
reference: 3301
title: Funding for a community energy pilot
decision_maker: mayor
drafting_officer: Alex Example
summary:
  - The GLA accepts {funder.grant} to fund a pilot costing {total.costs}.
recommendations:
  - id: accept
    text: Approve the acceptance of {funder.grant} from the Energy Trust.
    accepts: [{funder: grant, cost: pilot}]
finance:
  funders:
    - {id: grant, name: Energy Trust}
  costs:
    - {id: pilot, label: Community energy pilot, amount: 180000, funding: [{funder: grant, amount: remainder}]}
sections:
  introduction: [The pilot installs panels on ten community buildings.]
  objectives: [Lower bills for community groups.]
  equality: [The pilot serves groups in every borough.]
  other: [There are no other considerations.]
  financial:
    - text: "The pilot costs {total.costs}:"
      table: finance
  legal: [The Mayor has the power under the GLA Act 1999.]
publication: {defer: false}
part2: {exists: false}
declarations:
  drafting_officer: confirmed
  sponsoring_director: confirmed
  mayoral_adviser: confirmed
  advice: confirmed
"""


def test_a_mayoral_decision_is_read_in_the_gla_form(tmp_path):
    (tmp_path / "md.yaml").write_text(GLA_PAPER, encoding="utf-8")
    assert run_pcd("build", str(tmp_path / "md.yaml"), "-o", str(tmp_path / "a")).returncode == 0
    spec = tmp_path / "3301.yaml"
    result = run_pcd("import", str(tmp_path / "a" / "3301.docx"), "-o", str(spec))
    assert result.returncode == 0, result.stdout  # nothing to report
    assert "house_style: gla" in spec.read_text(encoding="utf-8")
    assert run_pcd("build", str(spec), "-o", str(tmp_path / "b")).returncode == 0
    assert main_text(tmp_path / "b" / "3301.html") == main_text(tmp_path / "a" / "3301.html")


def test_a_deferred_paper_with_a_part_2_keeps_its_answers(tmp_path):
    from tests.conftest import mutate

    source = mutate((ROOT / "decisions" / "1843.yaml").read_text(encoding="utf-8"),
                    "publication:\n  defer: false\npart2:\n  exists: false",
                    "publication:\n  defer: true\n  reason: The provider has not been told.\n"
                    "  until: 2025-09-01\npart2:\n  exists: true\n  summary: A settlement.")
    (tmp_path / "1843.yaml").write_text(source, encoding="utf-8")
    assert run_pcd("build", str(tmp_path / "1843.yaml"), "-o", str(tmp_path / "a")).returncode == 0
    spec = tmp_path / "again.yaml"
    result = run_pcd("import", str(tmp_path / "a" / "1843.docx"), "-o", str(spec))
    text = spec.read_text(encoding="utf-8")
    assert ("publication:\n  defer: true\n  reason: The provider has not been told.\n"
            "  until: 2025-09-01\npart2:\n  exists: true\n") in text
    assert "part 2: warning[import] the paper has a Part 2 form" in result.stdout


def test_a_paper_in_a_house_style_from_a_folder_comes_back(tmp_path):
    """tests/data/styles also holds broken styles: they are simply not candidates."""
    styles = str(ROOT / "tests" / "data" / "styles")
    paper = str(ROOT / "tests" / "data" / "styles" / "gla-2001.yaml")
    assert run_pcd("build", paper, "--style-dir", styles, "-o", str(tmp_path / "a")).returncode == 0
    spec = tmp_path / "3301.yaml"
    result = run_pcd("import", str(tmp_path / "a" / "3301.docx"), "--style-dir", styles,
                     "--house-style", "gla2019", "-o", str(spec))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "drafting_officer: Alex Example" in spec.read_text(encoding="utf-8")
    again = run_pcd("build", str(spec), "--style-dir", styles, "-o", str(tmp_path / "b"))
    assert again.returncode == 0, again.stdout
    assert main_text(tmp_path / "b" / "3301.html") == main_text(tmp_path / "a" / "3301.html")


@pytest.mark.parametrize("name", ["1405", "1560", "1633", "1830", "841", "md2973"])
def test_every_worked_example_comes_back_with_the_same_text(tmp_path, name):
    """Each kind of decision, built and imported back: a spec with no errors whose page reads
    as the original's (maxima, onward grants, budget sources, awards, uplifts, the GLA form)."""
    number = name.removeprefix("md")
    built = run_pcd("build", str(ROOT / "decisions" / f"{name}.yaml"), "-o", str(tmp_path / "a"))
    assert built.returncode == 0, built.stderr
    imported = tmp_path / f"{number}.yaml"
    result = run_pcd("import", str(tmp_path / "a" / f"{number}.docx"), "-o", str(imported))
    assert result.returncode in (0, 1), result.stderr
    assert [line for line in diagnose(imported.read_bytes(), str(imported)) if "error[" in line] == []
    again = run_pcd("build", str(imported), "-o", str(tmp_path / "b"))
    assert again.returncode == 0, again.stdout + again.stderr
    assert main_text(tmp_path / "b" / f"{number}.html") == main_text(tmp_path / "a" / f"{number}.html")
