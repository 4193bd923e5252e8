"""Two more bodies' forms, as house styles beside MOPAC's and the GLA's: a London borough's
Cabinet Member decision (templates/croydon) and a Police and Crime Commissioner's decision notice
(templates/lancashire), each with a worked example in decisions/. Their signatories, front sheet,
blocks, call-in and references are laid out as their style says in the DOCX and on the page,
their rules are checked, and nothing of MOPAC's reaches any of their outputs."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import ROOT, diagnose, mutate, run_pcd
from tests.golden import docx_dump

CROYDON = ROOT / "decisions" / "cmd2025-054.yaml"
LANCASHIRE = ROOT / "decisions" / "dn2024-41.yaml"
# MOPAC's names, code, form and abbreviations (its house style's own), and its declarations' words.
MOPAC = re.compile(r"MOPAC|DMPC|\bPCD\b|Mayor's Office for Policing and Crime|Deputy Mayor for "
                   r"Policing|Police and Crime Decision|Violence Reduction Unit|\bVRU\b|GLA Group|"
                   r"Strategic Finance and Resource Management")


def built(spec):
    from authoring.commands.build import outputs
    from authoring.pipeline import process

    outcome = process(spec)
    assert outcome.ok, [d.format() for d in outcome.findings]
    return outcome.paper, outputs(outcome.paper)


def docx_lines(data: bytes) -> list[str]:
    return docx_dump(data).splitlines()


def headings(lines: list[str], level: int = 2) -> list[str]:
    return [line.split(" | ", 1)[1] for line in lines if line.startswith(f"Heading {level} |")]


def html_h2(page: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h2 id=\"(?!contents)[^\"]*\"[^>]*>(.*?)</h2>", page)]


@pytest.mark.parametrize("spec", [CROYDON, LANCASHIRE], ids=["croydon", "lancashire"])
def test_the_worked_examples_check_clean(spec):
    assert diagnose(spec.read_text(encoding="utf-8"), spec.name) == []


def test_the_signatories_are_laid_out_in_the_styles_order_in_the_docx_and_on_the_page():
    paper, files = built(CROYDON)
    docx = headings(docx_lines(files["2025-054.docx"]))
    page = html_h2(files["2025-054.html"].decode())
    order = ["Decision details", "Executive Summary", "Recommendations", "Report",
             "Publication and call-in", "Report clearance", "Director of Finance (Section 151 Officer)",
             "Director of Legal Services (Monitoring Officer)", "Cabinet Member for Finance"]
    assert docx == order and page == order  # the decision maker signs last, in both
    contents = re.findall(r'<li><a href="#([a-z0-9-]+)">', files["2025-054.html"].decode())
    assert contents[-3:] == ["signatory-finance", "signatory-legal", "approval"]


def test_the_front_sheet_is_printed_and_typed():
    paper, files = built(CROYDON)
    lines = docx_lines(files["2025-054.docx"])
    assert "row | Wards affected | All wards" in lines and "row | Key decision | Yes" in lines
    assert "row | Portfolio | Finance" in lines
    page = files["2025-054.html"].decode()
    assert re.search(r"<dt[^>]*>Wards affected</dt>\s*<dd>All wards</dd>", page)
    text = CROYDON.read_text(encoding="utf-8")
    assert diagnose(mutate(text, "wards: [All wards]", "wards: [Addiscombe Est]"), "s.yaml") == [
        "s.yaml:19:11: error[PCD016] fields.wards[0]: 'Addiscombe Est' is not one of wards: All wards, "
        "Addiscombe East, Addiscombe West, Bensham Manor, Broad Green, Coulsdon Town, Crystal Palace "
        "and Upper Norwood, Fairfield…; did you mean 'Addiscombe East'?"]
    assert diagnose(mutate(text, "key_decision: yes", "key_decision: perhaps"), "s.yaml") == [
        "s.yaml:17:17: error[PCD012] fields.key_decision: expected yes or no for 'key_decision', "
        "found 'perhaps'"]
    assert diagnose(mutate(text, "  wards: [All wards]\n", "  ward: [All wards]\n"), "s.yaml")[:2] == [
        "s.yaml:17:3: error[PCD011] fields: missing the field 'wards' (Wards affected), which the "
        "house style requires",
        "s.yaml:19:3: error[PCD010] fields.ward: unknown field 'ward'; did you mean 'wards'?"]


def test_call_in_and_the_exempt_appendix_are_blocks_of_the_borough_form():
    paper, files = built(CROYDON)
    lines = docx_lines(files["2025-054.docx"])
    # Signed on Thursday 26 June 2025: five working days end on Thursday 3 July.
    assert "Normal | Call-in period ends: 3 July 2025" in lines
    assert not any("deferred" in line for line in lines)  # the form has no deferral block
    page = files["2025-054.html"].decode()
    assert "Call-in period ends:</dt>\n<dd data-pagefind-ignore>3 July 2025</dd>" in page
    assert "Is the publication of Part 1" not in page
    text = CROYDON.read_text(encoding="utf-8")
    deferred = mutate(text, "publication:\n  defer: false",
                      "publication:\n  defer: true\n  reason: Commercial timing.\n  until: 2025-08-01")
    assert "s.yaml:106:10: error[PCD413] publication.defer: the house style's form has no deferral " \
           "of publication (blocks.deferral is false): publication cannot be deferred" in diagnose(deferred, "s.yaml")
    exempt = mutate(text, "part2:\n  exists: false", "part2:\n  exists: true\n  summary: The bids.")
    assert any("error[PCD413] part2: the house style asks for the legal basis" in d
               for d in diagnose(exempt, "s.yaml"))
    basis = mutate(exempt, "  summary: The bids.",
                   "  summary: The bids.\n  basis: Local Government Act 1972, Schedule 12A, paragraph 3")
    assert diagnose(basis, "s.yaml") == []
    from authoring.commands.build import outputs
    from authoring.pipeline import process_text

    out = outputs(process_text(basis.encode(), "s.yaml").paper)
    assert "Normal | Exempt under: Local Government Act 1972, Schedule 12A, paragraph 3" in \
        docx_lines(out["2025-054.docx"])
    assert "<dd>Local Government Act 1972, Schedule 12A, paragraph 3</dd>" in out["2025-054.html"].decode()


def test_who_signs_and_when_is_the_styles():
    text = CROYDON.read_text(encoding="utf-8")
    early = mutate(text, "legal: {date: 2025-06-26}", "legal: {date: 2025-06-27}")
    assert "s.yaml:25:59: error[PCD301] signatures.decision_maker.date: the Cabinet Member for Finance " \
           "signs on 26 June 2025, before the Director of Legal Services (Monitoring Officer) is " \
           "consulted on 27 June 2025" in diagnose(early, "s.yaml")
    missing = mutate(text, "  legal: {date: 2025-06-26}\n", "")
    assert any("error[PCD410] signatures: the Director of Legal Services (Monitoring Officer) has not "
               "signed, but the Cabinet Member for Finance has" in d for d in diagnose(missing, "s.yaml"))
    typo = mutate(text, "  legal: {date", "  legl: {date")
    assert any("error[PCD010] signatures.legl: unknown signatory 'legl'" in d and "did you mean 'legal'" in d
               for d in diagnose(typo, "s.yaml"))


def test_a_cabinet_member_decides_only_within_their_portfolio():
    text = CROYDON.read_text(encoding="utf-8")
    other = mutate(text, "decision_maker: cabinet_member_finance", "decision_maker: cabinet_member_community_safety")
    assert any("error[PCD411] decision_maker: the Cabinet Member for Community Safety does not hold the "
               "Finance portfolio" in d for d in diagnose(other, "s.yaml"))
    none = mutate(text, "portfolio: finance\n", "")
    assert any("error[PCD411]" in d and "give the paper's 'portfolio'" in d for d in diagnose(none, "s.yaml"))


def test_a_key_decision_by_value_says_which_value_it_compared():
    text = CROYDON.read_text(encoding="utf-8")
    # £250,000 a year for five years: £1,250,000 whole-life, over the £1,000,000 threshold.
    big = mutate(mutate(text, "annual_value: 99600", "annual_value: 250000"), "amount: 498000", "amount: 1250000")
    big = mutate(big, "key_decision: yes", "key_decision: no")
    found = diagnose(big, "s.yaml")
    assert any("error[PCD412]" in d and "£1,250,000 (its whole-life value; the house style compares an "
               "award's whole-life value), at least the key decision threshold of £1,000,000" in d
               for d in found), found


def test_an_award_is_compared_by_the_value_the_style_names(tmp_path):
    (tmp_path / "annual").mkdir()
    (tmp_path / "annual" / "style.yaml").write_text(
        "extends: croydon\naward_value: annual\n", encoding="utf-8")
    text = CROYDON.read_text(encoding="utf-8").replace("house_style: croydon", "house_style: annual")
    from authoring.pipeline import process_text

    whole = process_text(CROYDON.read_bytes(), "s.yaml").paper
    annual = process_text(text.encode(), "s.yaml", (str(tmp_path),)).paper
    assert (whole.routes[0].value, whole.routes[0].basis) == (498000, "whole_life")
    assert (annual.routes[0].value, annual.routes[0].basis) == (99600, "annual")
    # With a £90,000 threshold for officers, the whole-life value goes above it, the annual not.
    (tmp_path / "annual" / "style.yaml").write_text(
        "extends: croydon\naward_value: annual\ndelegation:\n"
        "  - {id: officer, action: any, authority: corporate_director, value_upto: 100000}\n"
        "  - {id: member, action: any, authority: cabinet_member_finance, value_over: 100000}\n",
        encoding="utf-8")
    from authoring.housestyle import load_style

    load_style.cache_clear()
    annual = process_text(text.encode(), "s.yaml", (str(tmp_path),)).paper
    assert annual.routes[0].authority == "corporate_director"
    blocked = [d.format() for d in process_text(
        text.replace("decision_maker: cabinet_member_finance", "decision_maker: corporate_director")
        .encode(), "s.yaml", (str(tmp_path),)).findings if d.code == "PCD401"]
    assert blocked == []  # an officer may award what is £99,600 a year


def test_the_forms_words_are_the_styles(tmp_path):
    """Every word the DOCX and the page used to fix is a text a style may set."""
    (tmp_path / "words").mkdir()
    (tmp_path / "words" / "style.yaml").write_text(
        "extends: mopac\ntexts:\n  title_label: 'Subject:'\n  signature_label: 'Signed:'\n"
        "  confirmed: Agreed\n  declarations_caption: What the author agrees\n  clause: paragraph\n"
        "  declarations_confirmed: Agreed\n", encoding="utf-8")
    from authoring.commands.build import outputs
    from authoring.pipeline import process_text

    text = (ROOT / "decisions" / "1843.yaml").read_text(encoding="utf-8")
    outcome = process_text(("house_style: words\n" + text).encode(), "s.yaml", (str(tmp_path),))
    files = outputs(outcome.paper)
    lines = docx_lines(files["1843.docx"])
    assert lines[1].startswith("Normal | Subject: GPS Acceptance")
    assert "Signature Line | Signed:\t" in lines and "Signature Line | Signature:\t" not in lines
    assert any(line.endswith("| Agreed") for line in lines) and not any("✓ Confirmed" in line for line in lines)
    page = files["1843.html"].decode()
    assert "<caption data-pagefind-ignore>What the author agrees</caption>" in page
    assert "Statements the originating officer confirms" not in page
    assert "(paragraph 5.12)" in page and "(clause 5.12)" not in page


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    out = tmp_path_factory.mktemp("bodies")
    for style in ("croydon", "lancashire"):
        result = run_pcd("site", "decisions", "-o", str(out / style), "--house-style", style)
        assert result.returncode == 0, result.stderr
    result = run_pcd("build", str(CROYDON), str(LANCASHIRE), "-o", str(out / "built"))
    assert result.returncode == 0, result.stderr
    return out


def test_nothing_of_mopac_reaches_any_output_of_another_body(sites):
    outputs = {}
    for path in sorted(sites.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".js", ".css"):
            outputs[str(path.relative_to(sites))] = path.read_text(encoding="utf-8")
        elif path.suffix == ".docx":
            outputs[str(path.relative_to(sites))] = docx_dump(path.read_bytes()) + "\n".join(
                re.findall(r">([^<]+)<", _docx_xml(path)))
    assert {"croydon/cmd-2025-054.html", "lancashire/dn-2024-41.html", "croydon/decisions.json",
            "built/2025-054.docx", "built/2024-41.docx", "croydon/feed.xml"} <= set(outputs)
    leaks = {name: MOPAC.findall(text) for name, text in outputs.items() if MOPAC.search(text)}
    assert leaks == {}


def _docx_xml(path) -> str:
    """Every part of the package (header, footer, core properties), not only the body's text."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))


def test_the_site_speaks_in_the_bodys_references_and_offers_its_fields_as_filters(sites):
    data = json.loads((sites / "croydon" / "decisions.json").read_text())
    assert [d["reference"] for d in data["decisions"]] == ["2025/054"]
    assert [d["url"] for d in data["decisions"]] == ["cmd-2025-054.html"]
    page = (sites / "croydon" / "cmd-2025-054.html").read_text()
    assert '<span data-pagefind-filter="field-wards-affected">All wards</span>' in page
    assert (sites / "croydon" / "field-wards-affected-all-wards.html").exists()
    assert "Cabinet Member decision – 2025/054" in page
    lancs = json.loads((sites / "lancashire" / "decisions.json").read_text())
    assert [d["reference"] for d in lancs["decisions"]] == ["2024/41"]


def test_pcd_new_writes_the_styles_scaffold_and_numbering(tmp_path):
    (tmp_path / CROYDON.name).write_text(CROYDON.read_text(encoding="utf-8"), encoding="utf-8")
    made = run_pcd("new", str(tmp_path), "--house-style", "croydon", "--date", "2025-07-01")
    assert made.stdout.strip().endswith("cmd2025-055.yaml"), made.stderr
    text = (tmp_path / "cmd2025-055.yaml").read_text()
    assert text.startswith("# 2025/055: drafted 2025-07-01")
    assert "year: 2025\n" in text and "portfolio: finance\n" in text and "  wards: [All wards]" in text
    from authoring.pipeline import process_text

    outcome = process_text(text.encode(), "n.yaml")
    assert [d.format() for d in outcome.findings if d.severity == "error"] == []


def test_a_reason_for_a_key_decision_on_a_paper_that_says_it_is_none_is_refused():
    text = CROYDON.read_text(encoding="utf-8")
    assert not [d for d in diagnose(text, "s.yaml") if "PCD412" in d]
    found = diagnose(mutate(text, "key_decision: yes", "key_decision: no"), "s.yaml")
    assert any("error[PCD412] fields.key_reason: 'key_reason' is given, which only a key decision has, but "
               "'key_decision' says no" in d for d in found), found
